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
	int guard; /* rows changed behind the log refuse writes (seal.c) */
	int schema; /* the schema version last read or migrated to */
	struct db_sealed {
		char kind; /* 'c' case, 'u' user, 'p' person, 'e' employer */
		int64_t id;
		int found;    /* DB_SEAL_OK, _CHANGED or _UNRECORDED */
		int reported; /* its "outside" event written */
		char want[33], now[33]; /* the state sealed and the state found */
	} *seal;       /* compared or made in this transaction */
	int nseal, seal_cap;
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
/* seal.c: the first change of a case, account or archive row in a
 * transaction, and the first event on it, compare the row with the state
 * its last event sealed.  DB_SEAL_OK: as sealed (or made in this
 * transaction); CHANGED: it differs; UNRECORDED: a row not made in this
 * transaction has no event at all; -1 with the error set. */
enum { DB_SEAL_OK = 0, DB_SEAL_CHANGED = 1, DB_SEAL_UNRECORDED = 2 };
int db_seal_verify(struct db *db, const char *entity, int64_t id);
/* What db_seal_verify found on the row, as an event of its own ("outside-
 * change" or "outside-add", the state sealed before and the state found
 * after, no state of its own), once a transaction: before the program's
 * own event on the row.  0, or -1 with the error set. */
int db_seal_report(struct db *db, const char *entity, int64_t id, int64_t case_id, const char *at);
/* The temporary triggers and the function behind them, on a connection
 * that writes (db_open, after the migrations); removed for a bulk load. */
int db_guard_install(struct db *db);
int db_guard_remove(struct db *db);
/* Migration 013: a "seal" event for every account, and for every case and
 * archive row no event has sealed.  *sealed: how many. */
int db_seal_all(struct db *db, int64_t *sealed);

/* A hash of the event chain (events.c) from hex to its 32 bytes. */
void db_hash_bin(const char hex[65], unsigned char out[32]);

#endif
