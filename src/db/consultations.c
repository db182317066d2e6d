/*
 * consultations.c - walk-in consultations (咨询登记) that do not become a
 * case: written one at a time by the consultation screen, listed per day.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int db_consult_add(struct db *db, const char *at, const char *cause, const char *note, const char *phone,
		   int64_t clerk_id, int64_t *id)
{
	sqlite3_stmt *st = db_prep(db, "INSERT INTO consultations(at, cause, note, phone, clerk_id) "
				       "VALUES (?, ?, ?, ?, ?)");

	if (!st)
		return -1;
	db_bind_text(st, 1, at);
	db_bind_text(st, 2, cause && *cause ? cause : NULL);
	db_bind_text(st, 3, note ? note : "");
	db_bind_text(st, 4, phone ? phone : "");
	if (clerk_id > 0)
		sqlite3_bind_int64(st, 5, clerk_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "保存咨询登记");
	if (id)
		*id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

void db_consult_list_free(struct consult_list *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->v[i].at);
		free(l->v[i].cause);
		free(l->v[i].cause_name);
		free(l->v[i].note);
		free(l->v[i].clerk);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int db_consult_day(struct db *db, const char *day, struct consult_list *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT substr(k.at, 12, 5), coalesce(k.cause, ''), coalesce(c.name, ''), "
				       "k.note, coalesce(u.display_name, '') FROM consultations k "
				       "LEFT JOIN causes c ON c.code = k.cause LEFT JOIN users u ON u.id = k.clerk_id "
				       "WHERE k.at >= ?1 AND k.at < ?1 || 'z' ORDER BY k.at DESC, k.id DESC");
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	db_bind_text(st, 1, day);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = xgrow(out->v, out->n, &out->cap, sizeof *out->v);
		struct consult_rec *k = &out->v[out->n++];
		k->at = db_col_strdup(st, 0);
		k->cause = db_col_strdup(st, 1);
		k->cause_name = db_col_strdup(st, 2);
		k->note = db_col_strdup(st, 3);
		k->clerk = db_col_strdup(st, 4);
	}
	if (rc != SQLITE_DONE) {
		db_consult_list_free(out);
		return db_fail(db, "读取咨询登记");
	}
	return 0;
}
