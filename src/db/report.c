/*
 * report.c - the SQL of the statistics and the workbook (report.h).  What
 * each figure means is decided in src/report/stats.c (its top comment);
 * these queries only count what they are told, and give channels and
 * mediators' sides as the keywords stored: their labels are stats.c's.
 *
 * A period is two dates, both included.  Dates (received, deadline) are
 * "YYYY-MM-DD" and compare as text; times (closed_at, accepted_at,
 * consultations.at) are "YYYY-MM-DD HH:MM:SS", so "on or before day D"
 * is written "< the day after D", computed in C, which keeps the range
 * open to an index.
 *
 * Indexes: received figures walk cases_received; the open part of the
 * overdue count walks cases_status_deadline; closed figures range over
 * closed_at, which is indexed by cases_closed (closed_at, status,
 * deadline) from migration 002 on - so the monthly trend and the overdue
 * count read the index alone; without it they scan the table.  Terms
 * written with a unary + are kept away from the planner on purpose, so it
 * does not prefer the status index over the date range.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/date.h"
#include "tiaojie/report.h"

#include "internal.h"

#define OPEN_STATUSES "('registered','confirmed','accepted','assigned','mediating')"
#define CLOSED_STATUSES "('agreed','failed','referred','withdrawn','rejected')"

/* The day after a "YYYY-MM-DD" (out 11 bytes); the input is trusted (from
 * the report's own periods), a bad one gives itself. */
static void day_after(const char *day, char out[11])
{
	tj_day d;

	if (date_parse(day, &d) < 0) {
		snprintf(out, 11, "%s", day);
		tj_error_clear();
		return;
	}
	date_format(d + 1, out);
}

/* After the rows: the error of a failed step (read before the reset). */
static int finish(struct db *db, sqlite3_stmt *st, int rc, const char *what)
{
	int r = rc == SQLITE_DONE ? 0 : db_fail(db, what);

	sqlite3_reset(st);
	return r;
}

/* One integer from sql over the dates ?1 and ?2 (0 when no row). */
static int count_between(struct db *db, const char *sql, const char *a, const char *b, int64_t *out,
			 const char *what)
{
	sqlite3_stmt *st = db_prep(db, sql);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, a);
	db_bind_text(st, 2, b);
	*out = 0;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		rc = sqlite3_step(st);
	}
	return finish(db, st, rc, what);
}

static struct report_mediator *find_med(struct report_mediator *meds, int n, int64_t id)
{
	int lo = 0, hi = n - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (meds[mid].id == id)
			return &meds[mid];
		if (meds[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return n > 0 && meds[0].id == 0 ? &meds[0] : NULL;
}

/* One more of key in *k (a handful of keys: a linear search). */
static void keycount_add(struct report_keycount **k, int *n, int *cap, const char *key)
{
	for (int i = 0; i < *n; i++)
		if (strcmp((*k)[i].key, key) == 0) {
			(*k)[i].n++;
			return;
		}
	*k = xgrow(*k, *n, cap, sizeof **k);
	(*k)[*n].key = xstrdup(key);
	(*k)[*n].n = 1;
	(*n)++;
}

void db_report_keycounts_free(struct report_keycount *k, int n)
{
	for (int i = 0; i < n; i++)
		free(k[i].key);
	free(k);
}

int db_report_received(struct db *db, const char *from, const char *to, struct report_headline *h,
		       struct report_mediator *meds, int nmeds, struct report_keycount **channels, int *nchannels)
{
	/* counted here rather than with GROUP BY, which would sort a year of
	 * rows (in memory the export needs for itself) to make a dozen groups */
	sqlite3_stmt *st = db_prep(db,
		"SELECT channel, collective, coalesce(mediator_id, 0) FROM cases "
		"WHERE received >= ?1 AND received <= ?2");
	int rc, cap = 0;

	*channels = NULL;
	*nchannels = 0;
	if (!st)
		return -1;
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *ch = (const char *)sqlite3_column_text(st, 0);
		h->received++;
		keycount_add(channels, nchannels, &cap, ch ? ch : "");
		h->collective += sqlite3_column_int(st, 1) != 0;
		struct report_mediator *m = meds ? find_med(meds, nmeds, sqlite3_column_int64(st, 2)) : NULL;
		if (m)
			m->received++;
	}
	if (finish(db, st, rc, "统计收案") < 0 ||
	    count_between(db,
			  "SELECT count(*) FROM cases c JOIN case_parties p ON p.case_id = c.id AND p.role = 'applicant' "
			  "WHERE c.received >= ?1 AND c.received <= ?2",
			  from, to, &h->workers, "统计涉及劳动者人数") < 0 ||
	    count_between(db,
			  "SELECT coalesce(sum(cl.amount_fen), 0) FROM cases c JOIN claims cl ON cl.case_id = c.id "
			  "WHERE c.received >= ?1 AND c.received <= ?2",
			  from, to, &h->claimed_fen, "统计请求金额") < 0) {
		db_report_keycounts_free(*channels, *nchannels);
		*channels = NULL;
		*nchannels = 0;
		return -1;
	}
	return 0;
}

int db_report_closed(struct db *db, const char *from, const char *to, struct report_headline *h,
		     struct report_mediator *meds, int nmeds)
{
	char end[11];
	/* one pass over the cases closed, counted here (no GROUP BY: see
	 * db_report_received); the agreed amounts of the agreed ones from
	 * their claims (claims_case holds them) */
	sqlite3_stmt *st = db_prep(db,
		"SELECT coalesce(mediator_id, 0), status, 1, "
		" coalesce(CAST(julianday(substr(closed_at, 1, 10)) - julianday(substr(accepted_at, 1, 10)) "
		"  AS INTEGER), 0), accepted_at IS NOT NULL, "
		" deadline IS NOT NULL AND substr(closed_at, 1, 10) > deadline, "
		" CASE WHEN status = 'agreed' THEN "
		"  (SELECT coalesce(sum(agreed_fen), 0) FROM claims WHERE case_id = cases.id) ELSE 0 END "
		"FROM cases WHERE closed_at >= ?1 AND closed_at < ?2 AND +status IN " CLOSED_STATUSES);
	int rc;

	if (!st)
		return -1;
	day_after(to, end);
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, end);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 1);
		int64_t n = sqlite3_column_int64(st, 2), ds = sqlite3_column_int64(st, 3),
			dn = sqlite3_column_int64(st, 4), late = sqlite3_column_int64(st, 5),
			fen = sqlite3_column_int64(st, 6);
		struct report_mediator *m = meds ? find_med(meds, nmeds, sqlite3_column_int64(st, 0)) : NULL;
		int64_t *hk, *mk;
		if (strcmp(s, "agreed") == 0)
			hk = &h->agreed, mk = m ? &m->agreed : NULL;
		else if (strcmp(s, "failed") == 0 || strcmp(s, "referred") == 0)
			hk = &h->failed, mk = m ? &m->failed : NULL;
		else if (strcmp(s, "withdrawn") == 0)
			hk = &h->withdrawn, mk = m ? &m->withdrawn : NULL;
		else
			hk = &h->rejected, mk = m ? &m->rejected : NULL;
		*hk += n;
		if (strcmp(s, "referred") == 0)
			h->referred += n;
		h->closed += n;
		h->days_sum += ds;
		h->days_n += dn;
		h->overdue_closed += late;
		h->agreed_fen += fen;
		if (m) {
			*mk += n;
			m->closed += n;
			m->days_sum += ds;
			m->days_n += dn;
			m->agreed_fen += fen;
		}
	}
	return finish(db, st, rc, "统计结案");
}

int db_report_overdue_open(struct db *db, const char *end, int64_t *n)
{
	char after[11];
	/* Open at the end of day ?1: open now (a case never reopens), or
	 * closed only after that day.  "Received by then" is implied by the
	 * deadline being before it (a deadline is never before the day the
	 * case came in), which keeps both halves inside an index:
	 * cases_status_deadline, and (closed_at, status, deadline). */
	day_after(end, after);
	return count_between(db,
			     "SELECT (SELECT count(*) FROM cases WHERE status IN " OPEN_STATUSES " AND deadline < ?1) + "
			     "       (SELECT count(*) FROM cases WHERE closed_at >= ?2 AND deadline < ?1)",
			     end, after, n, "统计超期案件");
}

int db_report_consultations(struct db *db, const char *from, const char *to, int64_t *n)
{
	char end[11];

	day_after(to, end);
	return count_between(db, "SELECT count(*) FROM consultations WHERE at >= ?1 AND at < ?2", from, end, n,
			     "统计咨询登记");
}

int db_report_causes(struct db *db, struct report_cause **out, int *n)
{
	/* each first-level cause, then its second-level ones */
	sqlite3_stmt *st = db_prep(db,
		"SELECT c.code, c.name, c.stat_group, length(c.code) = 2 FROM causes c "
		"LEFT JOIN causes p ON p.code = c.parent "
		"ORDER BY coalesce(p.ord, c.ord), c.parent IS NOT NULL, c.ord, c.code");
	int rc, cap = 0;

	if (!st)
		return -1;
	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xgrow(*out, *n, &cap, sizeof **out);
		struct report_cause *c = &(*out)[(*n)++];
		memset(c, 0, sizeof *c);
		snprintf(c->code, sizeof c->code, "%s", (const char *)sqlite3_column_text(st, 0));
		c->name = db_col_strdup(st, 1);
		c->group = db_col_strdup(st, 2);
		c->level = sqlite3_column_int(st, 3) ? 1 : 2;
	}
	return finish(db, st, rc, "读取案由");
}

int db_report_claims(struct db *db, const char *from, const char *to, int closed,
		     void (*fn)(void *ud, int64_t case_id, const char *cause, int64_t amount, int64_t agreed, int is_agreed),
		     void *ud)
{
	/* ordered as the indexes walk (cases_received is (received, year,
	 * seq, ...), cases_closed (closed_at, status, deadline, mediator_id,
	 * accepted_at), claims_case (case_id, ord, ...) holds what is read),
	 * so each case's claims come together without a sort */
	static const char by_received[] =
		"SELECT c.id, cl.cause, cl.amount_fen, coalesce(cl.agreed_fen, -1), c.status = 'agreed' "
		"FROM cases c JOIN claims cl ON cl.case_id = c.id "
		"WHERE c.received >= ?1 AND c.received <= ?2 ORDER BY c.received, c.year, c.seq";
	static const char by_closed[] =
		"SELECT c.id, cl.cause, cl.amount_fen, coalesce(cl.agreed_fen, -1), c.status = 'agreed' "
		"FROM cases c JOIN claims cl ON cl.case_id = c.id "
		"WHERE c.closed_at >= ?1 AND c.closed_at < ?2 AND +c.status IN " CLOSED_STATUSES
		" ORDER BY c.closed_at, c.status, c.deadline, c.mediator_id, c.accepted_at, c.id";
	char end[11];
	sqlite3_stmt *st = db_prep(db, closed ? by_closed : by_received);
	int rc;

	if (!st)
		return -1;
	if (closed)
		day_after(to, end);
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, closed ? end : to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ud, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
		   sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3), sqlite3_column_int(st, 4));
	return finish(db, st, rc, "按案由统计");
}

static char *col_strdup_or_null(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : db_col_strdup(st, i);
}

int db_report_mediators(struct db *db, struct report_mediator **out, int *n)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT m.id, m.name, m.side, m.expert_kind, m.active, m.capacity, "
		" (SELECT count(*) FROM cases c WHERE c.mediator_id = m.id AND c.status IN ('assigned', 'mediating')) "
		"FROM mediators m ORDER BY m.id");
	int rc, cap = 0;

	if (!st)
		return -1;
	*out = NULL;
	*n = 0;
	*out = xgrow(*out, 0, &cap, sizeof **out);
	memset(&(*out)[0], 0, sizeof **out);
	(*out)[0].name = xstrdup("（未分派调解员）");
	*n = 1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xgrow(*out, *n, &cap, sizeof **out);
		struct report_mediator *m = &(*out)[(*n)++];
		memset(m, 0, sizeof *m);
		m->id = sqlite3_column_int64(st, 0);
		m->name = db_col_strdup(st, 1);
		m->side_key = col_strdup_or_null(st, 2);
		m->expert_kind = col_strdup_or_null(st, 3);
		m->active = sqlite3_column_int(st, 4);
		m->capacity = sqlite3_column_int(st, 5);
		m->open = sqlite3_column_int64(st, 6);
	}
	return finish(db, st, rc, "读取调解员");
}

int db_report_employer_get(struct db *db, int64_t id, struct report_employer *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT name, coalesce(uscc, ''), district, industry FROM employers WHERE id = ?1");
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = id;
		out->name = db_col_strdup(st, 0);
		out->uscc = db_col_strdup(st, 1);
		out->district = db_col_strdup(st, 2);
		out->industry = db_col_strdup(st, 3);
		sqlite3_reset(st);
		return 1;
	}
	return finish(db, st, rc, "读取用人单位") < 0 ? -1 : 0;
}

int db_report_trend(struct db *db, struct report_month *months, int nmonths)
{
	/* a count per month over an index range: much faster than one
	 * GROUP BY substr(...), which sorts every row of the year */
	sqlite3_stmt *cs = db_prep(db, "SELECT count(*), coalesce(sum(status = 'agreed'), 0) FROM cases "
				       "WHERE closed_at >= ?1 AND closed_at < ?2");
	char from[11], to[11], next[11];
	int rc;

	if (!cs)
		return -1;
	for (int i = 0; i < nmonths; i++) {
		struct report_month *m = &months[i];
		tj_day first = date_from_ymd(m->year, m->month, 1);
		tj_day last = date_from_ymd(m->year, m->month, date_days_in_month(m->year, m->month));
		date_format(first, from);
		date_format(last, to);
		date_format(last + 1, next);
		if (count_between(db, "SELECT count(*) FROM cases WHERE received >= ?1 AND received <= ?2", from, to,
				  &m->received, "统计逐月收案") < 0)
			return -1;
		db_bind_text(cs, 1, from);
		db_bind_text(cs, 2, next);
		if ((rc = sqlite3_step(cs)) == SQLITE_ROW) {
			m->closed = sqlite3_column_int64(cs, 0);
			m->agreed = sqlite3_column_int64(cs, 1);
			rc = sqlite3_step(cs);
		}
		if (finish(db, cs, rc, "统计逐月结案") < 0)
			return -1;
	}
	return 0;
}

static const char *col_or_null(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : (const char *)sqlite3_column_text(st, i);
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return s ? s : "";
}

/* ---- 月报 -------------------------------------------------------------------------- */

/* Accepted before day D (a "?n" of the statement) and open at its start:
 * open now, or closed on or after D - as two counts, so that each walks an
 * index (the status one, the closing time one) rather than every case. */
#define OPEN_AT(d)                                                                                     \
	"SELECT (SELECT count(*) FROM cases WHERE status IN " OPEN_STATUSES " AND accepted_at < " d ") + " \
	"(SELECT count(*) FROM cases WHERE closed_at >= " d " AND accepted_at < " d                       \
	" AND +status IN " CLOSED_STATUSES ") + 0 * length(?1 || ?2)"

int db_report_balance(struct db *db, const char *from, const char *to, int64_t *open_before, int64_t *accepted,
		      int64_t *closed, int64_t *open_after, int64_t *rejected)
{
	/* Each figure by its own words, not one derived from the others: an
	 * accepted case open by its status or closed only later; accepted in
	 * the period; closed in it, accepted before; so a case whose status
	 * and closing time disagree breaks the balance instead of hiding. */
	char after[11];

	day_after(to, after);
	if (count_between(db, OPEN_AT("?1"), from, after, open_before, "统计上期未结") < 0 ||
	    count_between(db, "SELECT count(*) FROM cases WHERE accepted_at >= ?1 AND accepted_at < ?2", from, after,
			  accepted, "统计本期受理") < 0 ||
	    count_between(db,
			  "SELECT count(*) FROM cases WHERE closed_at >= ?1 AND closed_at < ?2 "
			  "AND accepted_at IS NOT NULL AND +status IN " CLOSED_STATUSES,
			  from, after, closed, "统计本期结案") < 0 ||
	    count_between(db, OPEN_AT("?2"),
			  from, after, open_after, "统计期末未结") < 0 ||
	    count_between(db,
			  "SELECT count(*) FROM cases WHERE closed_at >= ?1 AND closed_at < ?2 AND +status = 'rejected'",
			  from, after, rejected, "统计不予受理") < 0)
		return -1;
	return 0;
}

int db_report_mcases(struct db *db, const char *from, const char *to, int closed,
		     void (*fn)(void *ud, const struct report_mcase *c), void *ud)
{
	/* one subquery per kind of thing, read back in C */
#define MCASE_HEAD "SELECT c.id, c.case_no, c.status, c.performance, c.accepted_at, c.deadline, c.closed_at, "
	/* the applicants as the case recorded them (case_parties; migration
	 * 004 copied the archive into the older rows) */
#define MCASE_PARTIES                                                                                        \
	" (SELECT count(*) || ' ' || coalesce(sum(household = 'rural'), 0) || ' ' || "                        \
	"   coalesce(sum(id_type = 'foreign-pr' OR (id_type = 'passport' "                                     \
	"    AND coalesce(nationality, '中国') NOT IN ('中国', ''))), 0) || ' ' || "                             \
	"   coalesce(sum(id_type IN ('hkmo', 'tw')), 0) "                                                        \
	"   FROM case_parties WHERE case_id = c.id AND role = 'applicant'), "
#define MCASE_REST                                                                                           \
	" (SELECT coalesce(sum(amount_fen), 0) || ' ' || coalesce(sum(agreed_fen), 0) "                        \
	"   FROM claims WHERE case_id = c.id), "                                                                 \
	" (SELECT e.industry || char(31) || e.district FROM case_parties p JOIN employers e ON e.id = p.employer_id " \
	"   WHERE p.case_id = c.id AND p.role = 'respondent' ORDER BY p.ord LIMIT 1), "                         \
	" coalesce((SELECT ca.stat_group FROM claims cl JOIN causes ca ON ca.code = cl.cause "                 \
	"   WHERE cl.case_id = c.id ORDER BY cl.ord LIMIT 1), '') "                                             \
	"FROM cases c "
	static const char by_accepted[] =
		MCASE_HEAD MCASE_PARTIES MCASE_REST "WHERE c.accepted_at >= ?1 AND c.accepted_at < ?2";
	/* the closed need no applicants */
	static const char by_closed[] = MCASE_HEAD "'0 0 0 0', " MCASE_REST
						   "WHERE c.closed_at >= ?1 AND c.closed_at < ?2 "
						   "AND c.accepted_at IS NOT NULL AND +c.status IN " CLOSED_STATUSES;
#undef MCASE_HEAD
#undef MCASE_PARTIES
#undef MCASE_REST
	sqlite3_stmt *st = db_prep(db, closed ? by_closed : by_accepted);
	char after[11], type[256], industry[256], district[256];
	int rc;

	if (!st)
		return -1;
	day_after(to, after);
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, after);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* "applicants migrant foreign hkmotw", "claimed agreed",
		 * "industry<US>district", the type: one subquery each */
		long long ap = 0, mi = 0, fo = 0, hk = 0, cf = 0, af = 0;
		const char *parties = col_text(st, 7), *claims = col_text(st, 8), *resp = col_text(st, 9);
		sscanf(parties, "%lld %lld %lld %lld", &ap, &mi, &fo, &hk);
		sscanf(claims, "%lld %lld", &cf, &af);
		const char *us = strchr(resp, '\x1f');
		snprintf(type, sizeof type, "%s", col_text(st, 10));
		snprintf(industry, sizeof industry, "%.*s", us ? (int)(us - resp) : 0, resp);
		snprintf(district, sizeof district, "%s", us ? us + 1 : "");
		struct report_mcase c = {
			.id = sqlite3_column_int64(st, 0),
			.case_no = col_text(st, 1),
			.status = col_text(st, 2),
			.performance = col_or_null(st, 3),
			.accepted_at = col_or_null(st, 4),
			.deadline = col_or_null(st, 5),
			.closed_at = col_or_null(st, 6),
			.applicants = ap,
			.migrant = mi,
			.foreign = fo,
			.hkmotw = hk,
			.claimed_fen = cf,
			.agreed_fen = af,
			.type = type,
			.industry = industry,
			.district = district,
		};
		fn(ud, &c);
	}
	return finish(db, st, rc, closed ? "统计本期结案明细" : "统计本期受理明细");
}

int db_report_open_cases(struct db *db, const char *from, const char *to, int at_end,
			 void (*fn)(void *ud, int64_t id, const char *case_no), void *ud)
{
	/* the cases of 上期未结 (at_end = 0) or 期末未结 (1), as
	 * db_report_balance counts them */
	sqlite3_stmt *st = db_prep(db, "SELECT id, case_no FROM cases WHERE status IN " OPEN_STATUSES
				       " AND accepted_at < ?1 UNION ALL "
				       "SELECT id, case_no FROM cases WHERE closed_at >= ?1 AND accepted_at < ?1 "
				       "AND +status IN " CLOSED_STATUSES);
	char after[11];
	int rc;

	if (!st)
		return -1;
	day_after(to, after);
	db_bind_text(st, 1, at_end ? after : from);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ud, sqlite3_column_int64(st, 0), col_text(st, 1));
	return finish(db, st, rc, at_end ? "读取期末未结案件" : "读取上期未结案件");
}

/* ---- closed months (migration 012) ------------------------------------------------ */

int db_report_month_get(struct db *db, const char *month, char **figures, char **closed_at)
{
	sqlite3_stmt *st = db_prep(db, "SELECT figures, closed_at FROM report_months WHERE month = ?1");
	int rc;

	*figures = NULL;
	if (closed_at)
		*closed_at = NULL;
	if (!st)
		return -1;
	db_bind_text(st, 1, month);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*figures = db_col_strdup(st, 0);
		if (closed_at)
			*closed_at = db_col_strdup(st, 1);
		sqlite3_reset(st);
		return 1;
	}
	return finish(db, st, rc, "读取关账记录") < 0 ? -1 : 0;
}

int db_report_month_cases(struct db *db, const char *month,
			  void (*fn)(void *ud, int64_t id, const char *case_no, const char *figure, int64_t value),
			  void *ud)
{
	sqlite3_stmt *st = db_prep(db, "SELECT r.case_id, c.case_no, r.figure, r.value FROM report_month_cases r "
				       "JOIN cases c ON c.id = r.case_id WHERE r.month = ?1");
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, month);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ud, sqlite3_column_int64(st, 0), col_text(st, 1), col_text(st, 2), sqlite3_column_int64(st, 3));
	return finish(db, st, rc, "读取关账时的案件");
}

int db_report_month_insert(struct db *db, const char *month, const char *closed_at, int64_t user_id,
			   const char *figures)
{
	sqlite3_stmt *st = db_prep(db, "INSERT INTO report_months(month, closed_at, closed_by, figures) "
				       "VALUES (?1, ?2, nullif(?3, 0), ?4)");

	if (!st)
		return -1;
	db_bind_text(st, 1, month);
	db_bind_text(st, 2, closed_at);
	sqlite3_bind_int64(st, 3, user_id);
	db_bind_text(st, 4, figures);
	return finish(db, st, sqlite3_step(st), "写入关账记录");
}

int db_report_month_case_add(struct db *db, const char *month, int64_t case_id, const char *figure, int64_t value)
{
	sqlite3_stmt *st = db_prep(db, "INSERT INTO report_month_cases(month, case_id, figure, value) "
				       "VALUES (?1, ?2, ?3, ?4)");

	if (!st)
		return -1;
	db_bind_text(st, 1, month);
	sqlite3_bind_int64(st, 2, case_id);
	db_bind_text(st, 3, figure);
	sqlite3_bind_int64(st, 4, value);
	return finish(db, st, sqlite3_step(st), "写入关账时的案件");
}

int db_report_month_delete(struct db *db, const char *month)
{
	sqlite3_stmt *a = db_prep(db, "DELETE FROM report_month_cases WHERE month = ?1");

	if (!a)
		return -1;
	db_bind_text(a, 1, month);
	if (finish(db, a, sqlite3_step(a), "撤销关账") < 0)
		return -1;
	sqlite3_stmt *b = db_prep(db, "DELETE FROM report_months WHERE month = ?1");
	if (!b)
		return -1;
	db_bind_text(b, 1, month);
	return finish(db, b, sqlite3_step(b), "撤销关账");
}

/* ---- the cases, row by row ----------------------------------------------------- */

/* The running statement and its connection, out of the callers' sight. */
struct db_report_cursor {
	struct db *db;
	sqlite3_stmt *st;
};

struct db_report_cursor *db_report_cases_begin(struct db *db, const char *from, const char *to)
{
	struct db_report_cursor *c;

	/* One row per case, by date received then case number (the order of
	 * the received index, cases_received(received, year, seq): no sort, so
	 * rows start at once and nothing is held).  An individual respondent
	 * (a person) comes with id 0: named in the rows, no employer of the
	 * statistics.  The respondents and the claims come each as one string
	 * from one subquery - "id<US>uscc<US>name<RS>..." and "cause amount
	 * agreed,..." - which costs much less than a subquery per column;
	 * the mediator's name and the causes' names are looked up in memory. */
	sqlite3_stmt *st = db_prep(db,
		"SELECT c.id, c.case_no, c.received, c.channel, c.status, c.performance, c.collective, "
		" c.accepted_at, c.deadline, c.closed_at, coalesce(c.mediator_id, 0), "
		" coalesce(pa.name, ''), coalesce(pa.id_type, ''), coalesce(pa.id_no, ''), "
		" (SELECT count(*) FROM case_parties WHERE case_id = c.id AND role = 'applicant'), "
		" (SELECT group_concat(x, char(30)) FROM (SELECT coalesce(e.id, 0) || char(31) || coalesce(e.uscc, '') "
		"   || char(31) || coalesce(e.name, p.name) AS x FROM case_parties p LEFT JOIN employers e ON e.id = p.employer_id "
		"   WHERE p.case_id = c.id AND p.role = 'respondent' ORDER BY p.ord)), "
		" (SELECT group_concat(x, ',') FROM (SELECT cause || ' ' || amount_fen || ' ' || coalesce(agreed_fen, -1) "
		"   AS x FROM claims WHERE case_id = c.id ORDER BY ord)) "
		"FROM cases c "
		"LEFT JOIN persons pa ON pa.id = (SELECT person_id FROM case_parties "
		"  WHERE case_id = c.id AND role = 'applicant' ORDER BY ord LIMIT 1) "
		"WHERE c.received >= ?1 AND c.received <= ?2 "
		"ORDER BY c.received, c.year, c.seq");

	if (!st)
		return NULL;
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	c = xmalloc(sizeof *c);
	c->db = db;
	c->st = st;
	return c;
}

/* "id<US>uscc<US>name<RS>..." into r->resp, the text kept in r->buf. */
static void parse_respondents(struct report_case_row *r, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p;

	r->nresp = 0;
	if (n > r->buf_cap) {
		r->buf_cap = n * 2;
		r->buf = xrealloc(r->buf, r->buf_cap);
	}
	memcpy(r->buf, s, n);
	for (p = r->buf; *p;) {
		char *end = strchr(p, '\x1e'), *f1, *f2;
		if (end)
			*end = '\0';
		r->resp = xgrow(r->resp, r->nresp, &r->cap_resp, sizeof *r->resp);
		struct report_respondent *x = &r->resp[r->nresp++];
		x->id = strtoll(p, NULL, 10);
		f1 = strchr(p, '\x1f');
		f2 = f1 ? strchr(f1 + 1, '\x1f') : NULL;
		if (f1)
			*f1 = '\0';
		if (f2)
			*f2 = '\0';
		x->uscc = f1 ? f1 + 1 : "";
		x->name = f2 ? f2 + 1 : "";
		if (!end)
			break;
		p = end + 1;
	}
}

/* "cause amount agreed,..." into r->claims. */
static void parse_claims(struct report_case_row *r, const char *s)
{
	r->nclaims = 0;
	while (*s) {
		char *end;
		size_t n = strcspn(s, " ,");
		r->claims = xgrow(r->claims, r->nclaims, &r->cap_claims, sizeof *r->claims);
		struct report_claim_item *c = &r->claims[r->nclaims++];
		snprintf(c->cause, sizeof c->cause, "%.*s", (int)(n < sizeof c->cause ? n : sizeof c->cause - 1), s);
		s += n;
		c->amount_fen = *s == ' ' ? strtoll(s + 1, &end, 10) : 0;
		if (*s == ' ')
			s = end;
		c->agreed_fen = *s == ' ' ? strtoll(s + 1, &end, 10) : -1;
		if (*s == ' ')
			s = end;
		s += strcspn(s, ",");
		if (*s == ',')
			s++;
	}
}

int db_report_cases_next(struct db_report_cursor *c, struct report_case_row *r)
{
	sqlite3_stmt *st = c->st;
	int rc = sqlite3_step(st);

	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return db_fail(c->db, "读取案件明细");
	r->id = sqlite3_column_int64(st, 0);
	r->case_no = col_text(st, 1);
	r->received = col_text(st, 2);
	r->channel = col_text(st, 3);
	r->status = col_text(st, 4);
	r->performance = col_or_null(st, 5);
	r->collective = sqlite3_column_int(st, 6);
	r->accepted_at = col_or_null(st, 7);
	r->deadline = col_or_null(st, 8);
	r->closed_at = col_or_null(st, 9);
	r->mediator_id = sqlite3_column_int64(st, 10);
	r->applicant = col_text(st, 11);
	r->id_type = col_text(st, 12);
	r->id_no = col_text(st, 13);
	r->applicants = sqlite3_column_int(st, 14);
	parse_respondents(r, col_text(st, 15));
	parse_claims(r, col_text(st, 16));
	return 1;
}

void db_report_cases_end(struct db_report_cursor *c)
{
	if (!c)
		return;
	sqlite3_reset(c->st);
	free(c);
}

void report_case_row_own(struct report_case_row *r)
{
	const char **f[] = {&r->case_no,     &r->received, &r->channel,  &r->status,    &r->performance, &r->accepted_at,
			    &r->deadline,    &r->closed_at, &r->applicant, &r->id_type,   &r->id_no};
	size_t off[TJ_ARRAY_LEN(f)], n = 0;

	for (size_t i = 0; i < TJ_ARRAY_LEN(f); i++)
		n += *f[i] ? strlen(*f[i]) + 1 : 0;
	if (n > r->own_cap) {
		r->own_cap = n * 2;
		r->own = xrealloc(r->own, r->own_cap);
	}
	n = 0;
	for (size_t i = 0; i < TJ_ARRAY_LEN(f); i++) {
		if (!*f[i])
			continue;
		size_t len = strlen(*f[i]) + 1;
		memcpy(r->own + n, *f[i], len);
		off[i] = n;
		n += len;
	}
	for (size_t i = 0; i < TJ_ARRAY_LEN(f); i++)
		if (*f[i])
			*f[i] = r->own + off[i];
}

void report_case_row_free(struct report_case_row *r)
{
	free(r->resp);
	free(r->claims);
	free(r->buf);
	free(r->own);
	memset(r, 0, sizeof *r);
}

/* ---- the snapshot ---------------------------------------------------------------- */

int db_report_snapshot_begin(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		return 0;
	if (sqlite3_exec(db->h, "BEGIN DEFERRED", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, "开始读取统计数据");
	return 1;
}

void db_report_snapshot_end(struct db *db, int began)
{
	if (began > 0)
		sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
}

int db_report_cache_size(struct db *db, int64_t pages, int64_t *old)
{
	char sql[64];

	if (old && db_query_int(db, "PRAGMA cache_size", -2000, old) < 0)
		return -1;
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", (long long)pages);
	return db_exec(db, sql);
}
