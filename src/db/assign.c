/*
 * assign.c (db) - the SQL behind assigning a mediator (src/core/assign.c):
 * the roster with each mediator's open caseload and specialties, a case's
 * claim causes and parties, the other cases of the same parties that a
 * mediator has handled, and the queue of cases awaiting assignment.
 *
 * These are facts only.  Which specialty matches which cause, what counts
 * as a conflict of interest, who is suggested and who may assign are all
 * decided in the core.  Read statements are reset after use so that no
 * connection keeps an old snapshot open between calls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- the roster --------------------------------------------------------------- */

void assign_roster_free(struct assign_roster *r)
{
	for (int i = 0; i < r->n; i++) {
		struct assign_roster_row *m = &r->v[i];
		free(m->name);
		free(m->side);
		free(m->expert_kind);
		free(m->affiliation);
		free(m->affiliation_uscc);
		free(m->specialties);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}

int db_assign_roster(struct db *db, int64_t only_id, struct assign_roster *out)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT m.id, m.name, m.side, coalesce(m.expert_kind, ''), m.affiliation, "
		"coalesce(m.affiliation_uscc, ''), m.capacity, m.active, "
		"(SELECT count(*) FROM cases c WHERE c.mediator_id = m.id "
		" AND c.status IN ('assigned', 'mediating')), "
		"coalesce((SELECT group_concat(cause, ',') FROM "
		"  (SELECT cause FROM mediator_specialties s WHERE s.mediator_id = m.id ORDER BY cause)), '') "
		"FROM mediators m WHERE (?1 > 0 AND m.id = ?1) OR (?1 <= 0 AND m.active = 1) "
		"ORDER BY m.name, m.id");
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, only_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = xgrow(out->v, out->n, &out->cap, sizeof *out->v);
		struct assign_roster_row *m = &out->v[out->n++];
		m->id = sqlite3_column_int64(st, 0);
		m->name = db_col_strdup(st, 1);
		m->side = db_col_strdup(st, 2);
		m->expert_kind = db_col_strdup(st, 3);
		m->affiliation = db_col_strdup(st, 4);
		m->affiliation_uscc = db_col_strdup(st, 5);
		m->capacity = sqlite3_column_int(st, 6);
		m->active = sqlite3_column_int(st, 7);
		m->open = sqlite3_column_int(st, 8);
		m->specialties = db_col_strdup(st, 9);
	}
	if (rc != SQLITE_DONE) {
		db_fail(db, "读取调解员名册");
		sqlite3_reset(st);
		assign_roster_free(out);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

/* ---- the case ------------------------------------------------------------------ */

int db_assign_case_causes(struct db *db, int64_t case_id, char **causes)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT coalesce(group_concat(cause, ','), '') FROM "
		"(SELECT DISTINCT cause FROM claims WHERE case_id = ? ORDER BY cause)");
	int rc;

	*causes = NULL;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		db_fail(db, "读取请求事项");
		sqlite3_reset(st);
		return -1;
	}
	*causes = db_col_strdup(st, 0);
	sqlite3_reset(st);
	return 0;
}

void assign_parties_free(struct assign_parties *p)
{
	for (int i = 0; i < p->n; i++) {
		free(p->v[i].name);
		free(p->v[i].uscc);
	}
	free(p->v);
	memset(p, 0, sizeof *p);
}

int db_assign_case_parties(struct db *db, int64_t case_id, struct assign_parties *out)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT cp.role = 'respondent', coalesce(cp.person_id, cp.employer_id), "
		"coalesce(cp.name, ''), coalesce(cp.uscc, '') "
		"FROM case_parties cp WHERE cp.case_id = ? ORDER BY cp.role, cp.ord");
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = xgrow(out->v, out->n, &out->cap, sizeof *out->v);
		struct assign_party *p = &out->v[out->n++];
		p->respondent = sqlite3_column_int(st, 0);
		p->id = sqlite3_column_int64(st, 1);
		p->name = db_col_strdup(st, 2);
		p->uscc = db_col_strdup(st, 3);
	}
	if (rc != SQLITE_DONE) {
		db_fail(db, "读取当事人");
		sqlite3_reset(st);
		assign_parties_free(out);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

/* ---- what the mediators handled before ------------------------------------------ */

void assign_history_free(struct assign_history *h)
{
	for (int i = 0; i < h->n; i++) {
		free(h->v[i].case_no);
		free(h->v[i].party);
	}
	free(h->v);
	memset(h, 0, sizeof *h);
}

int db_assign_history(struct db *db, int64_t case_id, int64_t mediator_id, struct assign_history *out)
{
	/* A mediator who was replaced keeps the cases where they held a
	 * session; the case row only names the current mediator. */
	sqlite3_stmt *st = db_prep(db,
		"WITH mine AS (SELECT role, person_id, employer_id FROM case_parties WHERE case_id = ?1), "
		"handled AS (SELECT id AS case_id, mediator_id FROM cases "
		"            WHERE mediator_id IS NOT NULL AND id <> ?1 "
		"            UNION SELECT case_id, mediator_id FROM sessions "
		"            WHERE status = 'held' AND case_id <> ?1) "
		"SELECT DISTINCT h.mediator_id, c.case_no, coalesce(cp.name, ''), cp.role = 'respondent' "
		"FROM handled h JOIN cases c ON c.id = h.case_id "
		"JOIN case_parties cp ON cp.case_id = h.case_id "
		"JOIN mine ON mine.role = cp.role AND (mine.person_id = cp.person_id OR mine.employer_id = cp.employer_id) "
		"WHERE ?2 <= 0 OR h.mediator_id = ?2 "
		"ORDER BY 1, 4, 2, 3");
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, mediator_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = xgrow(out->v, out->n, &out->cap, sizeof *out->v);
		struct assign_prior *p = &out->v[out->n++];
		p->mediator_id = sqlite3_column_int64(st, 0);
		p->case_no = db_col_strdup(st, 1);
		p->party = db_col_strdup(st, 2);
		p->respondent = sqlite3_column_int(st, 3);
	}
	if (rc != SQLITE_DONE) {
		db_fail(db, "读取调解员承办记录");
		sqlite3_reset(st);
		assign_history_free(out);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

/* ---- the queue ------------------------------------------------------------------- */

void assign_queue_free(struct assign_queue *q)
{
	free(q->v);
	memset(q, 0, sizeof *q);
}

int db_assign_queue(struct db *db, struct assign_queue *out)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT id, case_no, version FROM cases WHERE status = 'accepted' "
		"ORDER BY accepted_at, id");
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = xgrow(out->v, out->n, &out->cap, sizeof *out->v);
		struct assign_queued *q = &out->v[out->n++];
		const unsigned char *t = sqlite3_column_text(st, 1);
		q->id = sqlite3_column_int64(st, 0);
		snprintf(q->case_no, sizeof q->case_no, "%s", t ? (const char *)t : "");
		q->version = sqlite3_column_int64(st, 2);
	}
	if (rc != SQLITE_DONE) {
		db_fail(db, "读取待分派案件");
		sqlite3_reset(st);
		assign_queue_free(out);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}
