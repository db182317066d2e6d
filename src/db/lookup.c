/*
 * lookup.c - the reads behind the screens: archive look-ups that fill a
 * form, the warnings at intake (high incidence, collective dispute) and the
 * cause list for the picker.  The work desk's counts are the queues of
 * search.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void db_person_full_free(struct person_full *p)
{
	free(p->name);
	free(p->nationality);
	free(p->phone);
	free(p->address);
	free(p->gender);
	free(p->birth_date);
	free(p->household);
	free(p->occupation);
	memset(p, 0, sizeof *p);
}

int db_person_find(struct db *db, const char *id_type, const char *id_no, struct person_full *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT id, name, nationality, phone, address, coalesce(gender, ''), "
				       "coalesce(birth_date, ''), coalesce(household, ''), occupation FROM persons "
				       "WHERE id_type = ? AND id_no = ?");
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, id_type);
	db_bind_text(st, 2, id_no);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return db_fail(db, "查询劳动者档案");
	out->id = sqlite3_column_int64(st, 0);
	out->name = db_col_strdup(st, 1);
	out->nationality = db_col_strdup(st, 2);
	out->phone = db_col_strdup(st, 3);
	out->address = db_col_strdup(st, 4);
	out->gender = db_col_strdup(st, 5);
	out->birth_date = db_col_strdup(st, 6);
	out->household = db_col_strdup(st, 7);
	out->occupation = db_col_strdup(st, 8);
	sqlite3_reset(st);
	return 1;
}

void db_employer_full_free(struct employer_full *e)
{
	free(e->uscc);
	free(e->name);
	free(e->legal_rep);
	free(e->address);
	free(e->phone);
	free(e->district);
	free(e->industry);
	free(e->legal_rep_title);
	memset(e, 0, sizeof *e);
}

int db_employer_find(struct db *db, const char *uscc, const char *name, struct employer_full *out)
{
	sqlite3_stmt *st;
	int rc;

	if (uscc && *uscc) {
		st = db_prep(db, "SELECT id, coalesce(uscc, ''), name, legal_rep, address, phone, district, "
				 "industry, legal_rep_title FROM employers WHERE uscc = ?");
		if (!st)
			return -1;
		db_bind_text(st, 1, uscc);
	} else {
		st = db_prep(db, "SELECT id, coalesce(uscc, ''), name, legal_rep, address, phone, district, "
				 "industry, legal_rep_title FROM employers WHERE name = ? ORDER BY uscc IS NOT NULL LIMIT 1");
		if (!st)
			return -1;
		db_bind_text(st, 1, name);
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return db_fail(db, "查询用人单位档案");
	out->id = sqlite3_column_int64(st, 0);
	out->uscc = db_col_strdup(st, 1);
	out->name = db_col_strdup(st, 2);
	out->legal_rep = db_col_strdup(st, 3);
	out->address = db_col_strdup(st, 4);
	out->phone = db_col_strdup(st, 5);
	out->district = db_col_strdup(st, 6);
	out->industry = db_col_strdup(st, 7);
	out->legal_rep_title = db_col_strdup(st, 8);
	sqlite3_reset(st);
	return 1;
}

int db_employer_incidence(struct db *db, int64_t employer_id, const char *since, int *open, int *recent)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT coalesce(sum(c.status IN ('registered','confirmed','accepted','assigned','mediating')), 0), "
		"coalesce(sum(c.received >= ?2), 0) "
		"FROM case_parties p JOIN cases c ON c.id = p.case_id "
		"WHERE p.employer_id = ?1 AND p.role = 'respondent'");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, employer_id);
	db_bind_text(st, 2, since);
	if (sqlite3_step(st) != SQLITE_ROW)
		return db_fail(db, "统计用人单位案件");
	*open = sqlite3_column_int(st, 0);
	*recent = sqlite3_column_int(st, 1);
	sqlite3_reset(st);
	return 0;
}

int db_collective_scan(struct db *db, int64_t employer_id, const char *causes, const char *since,
		       struct collective_scan *out)
{
	/* Open cases against this employer since `since` whose set of claim
	 * causes is exactly `causes` (sorted, comma separated). */
	sqlite3_stmt *st = db_prep(db,
		"WITH c AS (SELECT c.id, c.case_no, c.collective, c.received, "
		"  (SELECT group_concat(cause, ',') FROM (SELECT DISTINCT cause FROM claims "
		"   WHERE case_id = c.id ORDER BY cause)) AS causes, "
		"  (SELECT count(*) FROM case_parties a WHERE a.case_id = c.id AND a.role = 'applicant') AS napp "
		"  FROM case_parties p JOIN cases c ON c.id = p.case_id "
		"  WHERE p.employer_id = ?1 AND p.role = 'respondent' AND c.received >= ?3 "
		"  AND c.status IN ('registered','confirmed','accepted','assigned','mediating')) "
		"SELECT coalesce(sum(napp), 0), count(*), "
		"  (SELECT id FROM c WHERE collective = 1 AND causes = ?2 ORDER BY received DESC LIMIT 1), "
		"  (SELECT case_no FROM c WHERE collective = 1 AND causes = ?2 ORDER BY received DESC LIMIT 1) "
		"FROM c WHERE causes = ?2");

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, employer_id);
	db_bind_text(st, 2, causes);
	db_bind_text(st, 3, since);
	if (sqlite3_step(st) != SQLITE_ROW)
		return db_fail(db, "检查集体争议");
	out->applicants = sqlite3_column_int(st, 0);
	out->cases = sqlite3_column_int(st, 1);
	out->collective_case_id = sqlite3_column_int64(st, 2);
	const unsigned char *no = sqlite3_column_text(st, 3);
	if (no)
		snprintf(out->collective_case_no, sizeof out->collective_case_no, "%s", no);
	sqlite3_reset(st);
	return 0;
}

void db_cause_list_free(struct cause_list *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->v[i].code);
		free(l->v[i].name);
		free(l->v[i].abbr);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int db_causes_all(struct db *db, struct cause_list *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT code, name, abbr FROM causes ORDER BY code");
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = xgrow(out->v, out->n, &out->cap, sizeof *out->v);
		struct cause_entry *c = &out->v[out->n++];
		c->code = db_col_strdup(st, 0);
		c->name = db_col_strdup(st, 1);
		c->abbr = db_col_strdup(st, 2);
	}
	if (rc != SQLITE_DONE) {
		db_cause_list_free(out);
		return db_fail(db, "读取案由");
	}
	return 0;
}
