/*
 * drafts.c - forms interrupted by a dropped connection, a signal or a
 * crash (and the intake form's autosave), kept per user until resumed or
 * discarded.
 */
#include <stdlib.h>
#include <string.h>

#include "tiaojie/calendar.h"
#include "internal.h"

int db_draft_save(struct db *db, int64_t user_id, const char *kind, const char *body, int64_t *id)
{
	char now[20];
	sqlite3_stmt *st;

	tj_now_str(now);
	if (db_begin(db) < 0)
		return -1;
	if (*id > 0) {
		st = db_prep(db, "UPDATE drafts SET body = ?, saved_at = ? WHERE id = ? AND user_id = ?");
		if (!st)
			goto fail;
		db_bind_text(st, 1, body);
		db_bind_text(st, 2, now);
		sqlite3_bind_int64(st, 3, *id);
		sqlite3_bind_int64(st, 4, user_id);
		if (sqlite3_step(st) != SQLITE_DONE) {
			db_fail(db, "保存草稿");
			goto fail;
		}
		if (sqlite3_changes(db->h) == 1)
			return db_commit(db);
	}
	st = db_prep(db, "INSERT INTO drafts(user_id, kind, body, saved_at) VALUES (?, ?, ?, ?)");
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, user_id);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, body);
	db_bind_text(st, 4, now);
	if (sqlite3_step(st) != SQLITE_DONE) {
		db_fail(db, "保存草稿");
		goto fail;
	}
	*id = sqlite3_last_insert_rowid(db->h);
	return db_commit(db);
fail:
	db_rollback(db);
	return -1;
}

int db_draft_delete(struct db *db, int64_t user_id, int64_t id)
{
	sqlite3_stmt *st = db_prep(db, "DELETE FROM drafts WHERE id = ? AND user_id = ?");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, user_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "删除草稿");
	return 0;
}

void db_draft_list_free(struct draft_list *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->v[i].kind);
		free(l->v[i].body);
		free(l->v[i].saved_at);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int db_drafts_of(struct db *db, int64_t user_id, struct draft_list *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT id, kind, body, saved_at FROM drafts WHERE user_id = ? "
				       "ORDER BY saved_at DESC, id DESC");
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = xgrow(out->v, out->n, &out->cap, sizeof *out->v);
		struct draft_rec *d = &out->v[out->n++];
		d->id = sqlite3_column_int64(st, 0);
		d->kind = db_col_strdup(st, 1);
		d->body = db_col_strdup(st, 2);
		d->saved_at = db_col_strdup(st, 3);
	}
	if (rc != SQLITE_DONE) {
		db_draft_list_free(out);
		return db_fail(db, "读取草稿");
	}
	return 0;
}
