/*
 * archive.c - the worker (P档) and employer (C档) archives.  Collected once,
 * used everywhere: an application for a known person or employer updates
 * the one row, and the caller writes what changed to the event log.
 */
#include <string.h>

#include "internal.h"

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* Compare column i of st with the new value; note a change. */
static void diff_field(struct strbuf *sb, sqlite3_stmt *st, int i, const char *label, const char *newval)
{
	const char *old = (const char *)sqlite3_column_text(st, i);

	if (!newval)
		return; /* not given: keep what the archive has */
	if (strcmp(nz(old), newval) == 0)
		return;
	if (sb->len)
		sb_add(sb, "；");
	sb_printf(sb, "%s：%s → %s", label, nz(old), newval);
}

int db_person_upsert(struct db *db, struct person_rec *p, const char *now, char **changes)
{
	sqlite3_stmt *st = db_prep(db, "SELECT id, name, gender, birth_date, nationality, phone, address, "
				       "household, occupation FROM persons WHERE id_type = ? AND id_no = ?");
	struct strbuf sb;
	int rc;

	*changes = NULL;
	if (!st)
		return -1;
	db_bind_text(st, 1, p->id_type);
	db_bind_text(st, 2, p->id_no);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		st = db_prep(db, "INSERT INTO persons(id_type, id_no, name, gender, birth_date, nationality, "
				 "phone, address, created_at, updated_at, household, occupation) "
				 "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
		if (!st)
			return -1;
		db_bind_text(st, 1, p->id_type);
		db_bind_text(st, 2, p->id_no);
		db_bind_text(st, 3, p->name);
		db_bind_text(st, 4, p->gender && *p->gender ? p->gender : NULL);
		db_bind_text(st, 5, p->birth_date && *p->birth_date ? p->birth_date : NULL);
		db_bind_text(st, 6, p->nationality && *p->nationality ? p->nationality : "中国");
		db_bind_text(st, 7, nz(p->phone));
		db_bind_text(st, 8, nz(p->address));
		db_bind_text(st, 9, now);
		db_bind_text(st, 10, now);
		db_bind_text(st, 11, p->household && *p->household ? p->household : NULL);
		db_bind_text(st, 12, nz(p->occupation));
		if (sqlite3_step(st) != SQLITE_DONE)
			return db_fail(db, "写入劳动者档案");
		p->id = sqlite3_last_insert_rowid(db->h);
		return 1;
	}
	if (rc != SQLITE_ROW)
		return db_fail(db, "查询劳动者档案");
	p->id = sqlite3_column_int64(st, 0);
	sb_init(&sb);
	diff_field(&sb, st, 1, "姓名", p->name);
	diff_field(&sb, st, 2, "性别", p->gender && *p->gender ? p->gender : NULL);
	diff_field(&sb, st, 3, "出生日期", p->birth_date && *p->birth_date ? p->birth_date : NULL);
	diff_field(&sb, st, 4, "国籍", p->nationality && *p->nationality ? p->nationality : NULL);
	diff_field(&sb, st, 5, "电话", p->phone && *p->phone ? p->phone : NULL);
	diff_field(&sb, st, 6, "地址", p->address && *p->address ? p->address : NULL);
	diff_field(&sb, st, 7, "户籍类型", p->household && *p->household ? p->household : NULL);
	diff_field(&sb, st, 8, "职业", p->occupation && *p->occupation ? p->occupation : NULL);
	sqlite3_reset(st);
	if (!sb.len)
		return 0;
	st = db_prep(db, "UPDATE persons SET name = coalesce(?, name), gender = coalesce(?, gender), "
			 "birth_date = coalesce(?, birth_date), nationality = coalesce(?, nationality), "
			 "phone = coalesce(?, phone), address = coalesce(?, address), updated_at = ?, "
			 "household = coalesce(?, household), occupation = coalesce(?, occupation) WHERE id = ?");
	if (!st) {
		sb_free(&sb);
		return -1;
	}
	db_bind_text(st, 1, p->name);
	db_bind_text(st, 2, p->gender && *p->gender ? p->gender : NULL);
	db_bind_text(st, 3, p->birth_date && *p->birth_date ? p->birth_date : NULL);
	db_bind_text(st, 4, p->nationality && *p->nationality ? p->nationality : NULL);
	db_bind_text(st, 5, p->phone && *p->phone ? p->phone : NULL);
	db_bind_text(st, 6, p->address && *p->address ? p->address : NULL);
	db_bind_text(st, 7, now);
	db_bind_text(st, 8, p->household && *p->household ? p->household : NULL);
	db_bind_text(st, 9, p->occupation && *p->occupation ? p->occupation : NULL);
	sqlite3_bind_int64(st, 10, p->id);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sb_free(&sb);
		return db_fail(db, "更新劳动者档案");
	}
	*changes = sb_detach(&sb);
	return 0;
}

int db_employer_upsert(struct db *db, struct employer_rec *e, const char *now, char **changes)
{
	const char *uscc = e->uscc && *e->uscc ? e->uscc : NULL;
	sqlite3_stmt *st;
	struct strbuf sb;
	int rc;

	*changes = NULL;
	if (uscc) {
		st = db_prep(db, "SELECT id, name, legal_rep, address, phone, district, industry, "
				 "legal_rep_title FROM employers WHERE uscc = ?");
		if (!st)
			return -1;
		db_bind_text(st, 1, uscc);
	} else {
		st = db_prep(db, "SELECT id, name, legal_rep, address, phone, district, industry, "
				 "legal_rep_title FROM employers WHERE uscc IS NULL AND name = ?");
		if (!st)
			return -1;
		db_bind_text(st, 1, e->name);
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		st = db_prep(db, "INSERT INTO employers(uscc, name, legal_rep, address, phone, district, "
				 "industry, created_at, updated_at, legal_rep_title) VALUES (?,?,?,?,?,?,?,?,?,?)");
		if (!st)
			return -1;
		db_bind_text(st, 1, uscc);
		db_bind_text(st, 2, e->name);
		db_bind_text(st, 3, nz(e->legal_rep));
		db_bind_text(st, 4, nz(e->address));
		db_bind_text(st, 5, nz(e->phone));
		db_bind_text(st, 6, nz(e->district));
		db_bind_text(st, 7, nz(e->industry));
		db_bind_text(st, 8, now);
		db_bind_text(st, 9, now);
		db_bind_text(st, 10, nz(e->legal_rep_title));
		if (sqlite3_step(st) != SQLITE_DONE)
			return db_fail(db, "写入用人单位档案");
		e->id = sqlite3_last_insert_rowid(db->h);
		return 1;
	}
	if (rc != SQLITE_ROW)
		return db_fail(db, "查询用人单位档案");
	e->id = sqlite3_column_int64(st, 0);
	sb_init(&sb);
	diff_field(&sb, st, 1, "名称", uscc ? e->name : NULL);
	diff_field(&sb, st, 2, "法定代表人", e->legal_rep && *e->legal_rep ? e->legal_rep : NULL);
	diff_field(&sb, st, 3, "地址", e->address && *e->address ? e->address : NULL);
	diff_field(&sb, st, 4, "电话", e->phone && *e->phone ? e->phone : NULL);
	diff_field(&sb, st, 5, "区", e->district && *e->district ? e->district : NULL);
	diff_field(&sb, st, 6, "行业", e->industry && *e->industry ? e->industry : NULL);
	diff_field(&sb, st, 7, "法定代表人职务", e->legal_rep_title && *e->legal_rep_title ? e->legal_rep_title : NULL);
	sqlite3_reset(st);
	if (!sb.len)
		return 0;
	st = db_prep(db, "UPDATE employers SET name = coalesce(?, name), legal_rep = coalesce(?, legal_rep), "
			 "address = coalesce(?, address), phone = coalesce(?, phone), "
			 "district = coalesce(?, district), industry = coalesce(?, industry), updated_at = ?, "
			 "legal_rep_title = coalesce(?, legal_rep_title) WHERE id = ?");
	if (!st) {
		sb_free(&sb);
		return -1;
	}
	db_bind_text(st, 1, uscc ? e->name : NULL);
	db_bind_text(st, 2, e->legal_rep && *e->legal_rep ? e->legal_rep : NULL);
	db_bind_text(st, 3, e->address && *e->address ? e->address : NULL);
	db_bind_text(st, 4, e->phone && *e->phone ? e->phone : NULL);
	db_bind_text(st, 5, e->district && *e->district ? e->district : NULL);
	db_bind_text(st, 6, e->industry && *e->industry ? e->industry : NULL);
	db_bind_text(st, 7, now);
	db_bind_text(st, 8, e->legal_rep_title && *e->legal_rep_title ? e->legal_rep_title : NULL);
	sqlite3_bind_int64(st, 9, e->id);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sb_free(&sb);
		return db_fail(db, "更新用人单位档案");
	}
	*changes = sb_detach(&sb);
	return 0;
}
