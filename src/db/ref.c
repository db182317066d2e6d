/*
 * ref.c - reference data: the cause taxonomy and the holiday calendar.
 */
#include <string.h>

#include "tiaojie/date.h"
#include "internal.h"

int db_causes_count(struct db *db, int *first, int *second)
{
	int64_t a, b;

	if (db_query_int(db, "SELECT count(*) FROM causes WHERE length(code) = 2", 0, &a) < 0 ||
	    db_query_int(db, "SELECT count(*) FROM causes WHERE length(code) = 4", 0, &b) < 0)
		return -1;
	*first = (int)a;
	*second = (int)b;
	return 0;
}

int db_cause_insert(struct db *db, const char *code, const char *parent, const char *name,
		    const char *abbr, const char *group, int ord)
{
	sqlite3_stmt *st = db_prep(db, "INSERT INTO causes(code, parent, name, abbr, stat_group, ord) "
				       "VALUES (?, ?, ?, ?, ?, ?)");

	if (!st)
		return -1;
	db_bind_text(st, 1, code);
	db_bind_text(st, 2, parent && *parent ? parent : NULL);
	db_bind_text(st, 3, name);
	db_bind_text(st, 4, abbr);
	db_bind_text(st, 5, group);
	sqlite3_bind_int(st, 6, ord);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入案由");
	return 0;
}

int db_holiday_insert(struct db *db, const char *day, const char *kind, const char *name)
{
	sqlite3_stmt *st = db_prep(db, "INSERT OR REPLACE INTO holidays(day, kind, name) VALUES (?, ?, ?)");

	if (!st)
		return -1;
	db_bind_text(st, 1, day);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, name ? name : "");
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入节假日");
	return 0;
}

int db_holidays_each(struct db *db, void (*fn)(void *arg, tj_day day, int work), void *arg)
{
	sqlite3_stmt *st = db_prep(db, "SELECT day, kind FROM holidays ORDER BY day");
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		tj_day d;
		const char *day = (const char *)sqlite3_column_text(st, 0);
		const char *kind = (const char *)sqlite3_column_text(st, 1);
		if (!day || !kind || date_parse(day, &d) < 0)
			continue; /* the CHECK constraints make this unreachable */
		fn(arg, d, strcmp(kind, "work") == 0);
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "读取节假日");
	return 0;
}

int db_cause_get(struct db *db, const char *code, char **name)
{
	sqlite3_stmt *st = db_prep(db, "SELECT name FROM causes WHERE code = ?");
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, code);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return db_fail(db, "查询案由");
	if (name)
		*name = db_col_strdup(st, 0);
	sqlite3_reset(st);
	return 1;
}
