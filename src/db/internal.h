/*
 * internal.h - what only src/db sees: the connection's fields (the SQLite
 * handle, the lock wait, the WAL count, the statement cache) and the
 * helpers that name SQLite types.  Everything outside src/db goes through
 * include/tiaojie/db.h, where struct db is opaque and sqlite3.h is never
 * included (issue 14; tests/layers.sh refuses a file outside src/db that
 * includes this one).  Unit tests that must poke at SQLite directly may
 * include it.
 */
#ifndef TIAOJIE_DB_INTERNAL_H
#define TIAOJIE_DB_INTERNAL_H

#include <stdint.h>

#include <sqlite3.h>

#include "tiaojie/db.h"

struct db {
	sqlite3 *h;
	char *path;
	int readonly;
	int in_tx;
	int bulk; /* a bulk load (db_bulk_load_begin) */
	int busy_ms;         /* how long to wait for a lock */
	int64_t busy_since;  /* when this wait began (monotonic ms) */
	int wal_frames;      /* frames in the WAL after our last commit */
	int yield_fd;        /* see db_yield_to_input; -1 none */
	int interrupted;     /* a statement gave up for a key */
	int defer_checkpoint;/* see db_defer_checkpoints */
	struct db_stmt_slot {
		const char *sql;
		sqlite3_stmt *st;
	} cache[256];
};

/* A cached prepared statement for sql (which must be a string literal or
 * otherwise live for the program's lifetime: the cache is keyed by the
 * pointer), reset with bindings cleared.  NULL with the error set. */
sqlite3_stmt *db_prep(struct db *db, const char *sql);
/* Record a failure of the last call on db: "<what>：<sqlite3_errmsg>", with
 * busy and read-only errors explained in Chinese.  Returns -1. */
int db_fail(struct db *db, const char *what);
/* Bind a text parameter; NULL binds SQL NULL. */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Bind a row id; 0 or less binds SQL NULL (no such reference). */
void db_bind_id(sqlite3_stmt *st, int i, int64_t id);
/* Column text as a malloc'd string ("" for NULL). */
char *db_col_strdup(sqlite3_stmt *st, int i);

/* db_event_add without computing the state: the event as given, with the
 * state it carries (e->state) or none (a bulk load's kept events). */
int db_event_add_as_is(struct db *db, const struct event_rec *e);
/* A hash of the event chain (events.c) from hex to its 32 bytes. */
void db_hash_bin(const char hex[65], unsigned char out[32]);

#endif
