/*
 * evidence.c - storage of the evidence list of a case (证据清单): items
 * numbered within their case, never renumbered; a removed item is kept,
 * marked, so its number is not used again.  The rules (who may, what is a
 * valid item, the event) are in src/core/casework.c.
 */
#include "internal.h"

static void bind_item(sqlite3_stmt *st, const struct evidence_row *e)
{
	db_bind_text(st, 1, e->name);
	db_bind_text(st, 2, e->source ? e->source : "");
	db_bind_text(st, 3, e->purpose ? e->purpose : "");
	sqlite3_bind_int(st, 4, e->pages);
	sqlite3_bind_int(st, 5, e->original ? 1 : 0);
	db_bind_text(st, 6, e->party);
	db_bind_text(st, 7, e->submitted);
}

int db_evidence_add(struct db *db, struct evidence_row *e)
{
	sqlite3_stmt *st = db_prep(db, "INSERT INTO evidence(name, source, purpose, pages, original, party, "
				       "submitted, case_id, ord) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
				       "(SELECT coalesce(max(ord), 0) + 1 FROM evidence WHERE case_id = ?8)) "
				       "RETURNING id, ord");
	int rc;

	if (!st)
		return -1;
	bind_item(st, e);
	sqlite3_bind_int64(st, 8, e->case_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		e->id = sqlite3_column_int64(st, 0);
		e->ord = sqlite3_column_int(st, 1);
		rc = sqlite3_step(st);
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "写入证据");
	return 0;
}

int db_evidence_update(struct db *db, const struct evidence_row *e)
{
	sqlite3_stmt *st = db_prep(db, "UPDATE evidence SET name = ?1, source = ?2, purpose = ?3, pages = ?4, "
				       "original = ?5, party = ?6, submitted = ?7 "
				       "WHERE id = ?8 AND case_id = ?9 AND removed_at IS NULL");

	if (!st)
		return -1;
	bind_item(st, e);
	sqlite3_bind_int64(st, 8, e->id);
	sqlite3_bind_int64(st, 9, e->case_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "修改证据");
	return sqlite3_changes(db->h) > 0;
}

int db_evidence_remove(struct db *db, int64_t case_id, int64_t id, const char *now)
{
	sqlite3_stmt *st = db_prep(db, "UPDATE evidence SET removed_at = ?1 "
				       "WHERE id = ?2 AND case_id = ?3 AND removed_at IS NULL");

	if (!st)
		return -1;
	db_bind_text(st, 1, now);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int64(st, 3, case_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "删除证据");
	return sqlite3_changes(db->h) > 0;
}
