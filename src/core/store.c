/*
 * store.c - the database as the program holds it open (store.h): the
 * screens' and the commands' way to the connection's own state, so that
 * neither calls src/db.
 */
#include "tiaojie/store.h"

#include <stdlib.h>

#include "tiaojie/lifecycle.h"

struct db *store_open(const char *path, unsigned flags, int busy_timeout_ms)
{
	return db_open(path, flags, busy_timeout_ms);
}

void store_close(struct db *db)
{
	if (db) {
		/* a failure costs only the next check's certainty; the caller's
		 * error, about to be shown, stays the error */
		char *keep = xstrdup(tj_errmsg());
		db_anchor_write(db);
		tj_error("%s", keep);
		free(keep);
	}
	db_close(db);
}

int store_close_checked(struct db *db)
{
	return db_close_checked(db);
}

const char *store_file(const struct db *db)
{
	return db_file(db);
}

int store_readonly(const struct db *db)
{
	return db_readonly(db);
}

int store_schema_version(struct db *db)
{
	return db_schema_version(db);
}

int store_check(struct db *db, struct strbuf *report, struct db_check_info *info)
{
	return db_check_full(db, lifecycle_status_actions_json(), report, info);
}

int store_head(struct db *db, int64_t *id, char hash[65])
{
	return db_event_last_hash(db, id, hash);
}

int store_backup(struct db *db, const char *dest)
{
	return db_backup(db, dest);
}

int64_t store_data_version(struct db *db)
{
	return db_data_version(db);
}

int64_t store_own_changes(struct db *db)
{
	return db_own_changes(db);
}

void store_yield_to_input(struct db *db, int fd)
{
	db_yield_to_input(db, fd);
}

int store_interrupted(struct db *db)
{
	return db_interrupted(db);
}

void store_defer_checkpoints(struct db *db)
{
	db_defer_checkpoints(db);
}

int store_idle(struct db *db, int force)
{
	int rc = db_idle(db, force);

	/* the head outside the file, once the saves are through the WAL (its
	 * failure is not the idle work's) */
	if (rc > 0) {
		char *keep = xstrdup(tj_errmsg());
		db_anchor_write(db);
		tj_error("%s", keep);
		free(keep);
	}
	return rc;
}
