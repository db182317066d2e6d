/*
 * store.h - the database as the program holds it open: opening and
 * closing, noticing other users' saves, giving way to a key, checkpoints
 * while idle, the schema version and the online backup.  The screens and
 * the command line call these, never src/db (issue 14); they pass
 * straight through to db.h, which says more.
 */
#ifndef TIAOJIE_STORE_H
#define TIAOJIE_STORE_H

#include <stdint.h>

#include "tiaojie/db.h"

/* db_open: flags from enum db_open_flags.  NULL with the error set. */
struct db *store_open(const char *path, unsigned flags, int busy_timeout_ms);
/* Close, the event log's head first written beside the file when it
 * moved on (db_anchor_write). */
void store_close(struct db *db);
/* Close a database about to be renamed (db_close_checked): 0 or -1. */
int store_close_checked(struct db *db);
/* The file the database was opened from, as given. */
const char *store_file(const struct db *db);
/* Whether the file could only be opened for reading (db_readonly). */
int store_readonly(const struct db *db);
/* The schema version of the open file. */
int store_schema_version(struct db *db);
/* The whole check of `tiaojie check` (db_check_full with the lifecycle's
 * status actions): the number of problems found, each described in
 * report, or -1 with the error set; what was looked at in *info. */
struct strbuf;
int store_check(struct db *db, struct strbuf *report, struct db_check_info *info);
/* The event log's last event and its hash: printed by check and backup so
 * that a copy kept outside can prove later that nothing before it
 * changed.  0, or -1 with the error set. */
int store_head(struct db *db, int64_t *id, char hash[65]);
/* A consistent copy to dest (db_backup). */
int store_backup(struct db *db, const char *dest);

/* Changes when another connection commits (PRAGMA data_version), and the
 * rows this connection changed: a screen compares both with what it last
 * showed. */
int64_t store_data_version(struct db *db);
int64_t store_own_changes(struct db *db);
/* While fd >= 0 a long read gives way to input on fd; store_interrupted:
 * whether one did since (db_yield_to_input). */
void store_yield_to_input(struct db *db, int fd);
int store_interrupted(struct db *db);
/* Checkpoints when the user is idle rather than inside a save
 * (db_defer_checkpoints, db_idle). */
void store_defer_checkpoints(struct db *db);
int store_idle(struct db *db, int force);

#endif
