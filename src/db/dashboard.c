/*
 * dashboard.c - the SQL of the admin dashboard (统计看板): open cases by
 * state, high-incidence employers, open collective disputes and the
 * mediators' workloads against their capacity.  The queue counts (due
 * soon, overdue, stalled) come from db_queue_counts() in search.c, which
 * holds the one definition of the queues.
 *
 * Everything is read in one read transaction (unless the caller already
 * holds one, as the screen does to read the queue counts in the same
 * snapshot), so the sections agree with one another.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define DASH_OPEN "('registered','confirmed','accepted','assigned','mediating')"

/* After the rows: the error of a failed step (read before the reset). */
static int finish(struct db *db, sqlite3_stmt *st, int rc, const char *what)
{
	int r = rc == SQLITE_DONE ? 0 : db_fail(db, what);

	sqlite3_reset(st);
	return r;
}

static int load_states(struct db *db, struct dashboard *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT status, count(*) FROM cases WHERE status IN " DASH_OPEN
				       " GROUP BY status");
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->states = xgrow(out->states, out->nstates, &out->cap_states, sizeof *out->states);
		struct dash_state *s = &out->states[out->nstates++];
		snprintf(s->status, sizeof s->status, "%s", (const char *)sqlite3_column_text(st, 0));
		s->n = sqlite3_column_int64(st, 1);
	}
	return finish(db, st, rc, "统计各状态案件");
}

static int load_employers(struct db *db, const char *since, int min_cases, struct dashboard *out)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT e.id, e.name, count(DISTINCT c.id) AS n FROM cases c "
		"JOIN case_parties p ON p.case_id = c.id AND p.role = 'respondent' "
		"JOIN employers e ON e.id = p.employer_id "
		"WHERE c.received >= ?1 GROUP BY e.id HAVING n >= ?2 ORDER BY n DESC, e.name");
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, since);
	sqlite3_bind_int(st, 2, min_cases);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->employers = xgrow(out->employers, out->nemployers, &out->cap_employers, sizeof *out->employers);
		struct dash_employer *e = &out->employers[out->nemployers++];
		e->id = sqlite3_column_int64(st, 0);
		e->name = db_col_strdup(st, 1);
		e->n = sqlite3_column_int64(st, 2);
	}
	return finish(db, st, rc, "统计高发单位");
}

static int load_collective(struct db *db, struct dashboard *out)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT c.id, c.case_no, c.status, "
		" coalesce((SELECT group_concat(p.name, '、') FROM case_parties p "
		"  WHERE p.case_id = c.id AND p.role = 'respondent'), ''), "
		" (SELECT count(*) FROM case_parties a WHERE a.case_id = c.id AND a.role = 'applicant') "
		"FROM cases c WHERE c.collective = 1 AND c.status IN " DASH_OPEN
		" ORDER BY c.received DESC, c.year DESC, c.seq DESC");
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->collective = xgrow(out->collective, out->ncollective, &out->cap_collective,
				       sizeof *out->collective);
		struct dash_collective *c = &out->collective[out->ncollective++];
		c->case_id = sqlite3_column_int64(st, 0);
		snprintf(c->case_no, sizeof c->case_no, "%s", (const char *)sqlite3_column_text(st, 1));
		snprintf(c->status, sizeof c->status, "%s", (const char *)sqlite3_column_text(st, 2));
		c->respondent = db_col_strdup(st, 3);
		c->applicants = sqlite3_column_int(st, 4);
	}
	return finish(db, st, rc, "读取集体争议");
}

static int load_mediators(struct db *db, struct dashboard *out)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT m.id, m.name, m.capacity, "
		" (SELECT count(*) FROM cases c WHERE c.mediator_id = m.id AND "
		"  c.status IN ('assigned', 'mediating')) AS n "
		"FROM mediators m WHERE m.active = 1 ORDER BY n DESC, m.name");
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->mediators = xgrow(out->mediators, out->nmediators, &out->cap_mediators, sizeof *out->mediators);
		struct dash_mediator *m = &out->mediators[out->nmediators++];
		m->id = sqlite3_column_int64(st, 0);
		m->name = db_col_strdup(st, 1);
		m->capacity = sqlite3_column_int(st, 2);
		m->open = sqlite3_column_int(st, 3);
	}
	return finish(db, st, rc, "读取调解员工作量");
}

void db_dashboard_free(struct dashboard *d)
{
	for (int i = 0; i < d->nemployers; i++)
		free(d->employers[i].name);
	for (int i = 0; i < d->ncollective; i++)
		free(d->collective[i].respondent);
	for (int i = 0; i < d->nmediators; i++)
		free(d->mediators[i].name);
	free(d->states);
	free(d->employers);
	free(d->collective);
	free(d->mediators);
	memset(d, 0, sizeof *d);
}

int db_dashboard_load(struct db *db, const char *since, int min_cases, struct dashboard *out)
{
	int own = sqlite3_get_autocommit(db->h) != 0;
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (own && sqlite3_exec(db->h, "BEGIN DEFERRED", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, "读取统计看板");
	if (load_states(db, out) < 0 || load_employers(db, since, min_cases, out) < 0 ||
	    load_collective(db, out) < 0 || load_mediators(db, out) < 0)
		rc = -1;
	if (own) {
		if (rc < 0) {
			char msg[1024];
			snprintf(msg, sizeof msg, "%s", tj_errmsg());
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
			tj_error("%s", msg);
		} else if (sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
			rc = db_fail(db, "读取统计看板");
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		}
	}
	if (rc < 0)
		db_dashboard_free(out);
	return rc;
}
