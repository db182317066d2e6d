/*
 * casework.c (db) - the SQL behind working a case (src/core/casework.c):
 * loading everything the case detail screen shows in one read snapshot,
 * reading what a transition needs of the stored case, writing the case row
 * back under its version, the claims' agreed amounts, and the sessions
 * (with the clash query that scheduling asks before it inserts).
 *
 * As everywhere in src/db, nothing here decides anything: which action is
 * legal, what a clash is allowed to be, what a missing user is called on
 * screen ("系统") is the core's business.  Read statements are always reset
 * after use, so no connection keeps an old snapshot open between calls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/casework.h"
#include "internal.h"

static void col_copy(sqlite3_stmt *st, int i, char *buf, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	snprintf(buf, size, "%s", t ? (const char *)t : "");
}

/* A column as a malloc'd string, NULL for SQL NULL. */
static char *col_strdup_null(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return NULL;
	return db_col_strdup(st, i);
}

/* ---- what a transition reads ------------------------------------------------ */

void case_work_row_free(struct case_work_row *r)
{
	free(r->reason);
	free(r->mediator_name);
	free(r->updated_by);
	r->reason = r->mediator_name = r->updated_by = NULL;
}

int db_case_work_get(struct db *db, int64_t case_id, struct case_work_row *out)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT c.case_no, c.status, coalesce(c.performance, ''), coalesce(c.mediator_id, 0), "
		"m.name, c.received, coalesce(c.confirm_how, ''), coalesce(c.confirmed_at, ''), "
		"coalesce(c.accepted_at, ''), coalesce(c.deadline, ''), coalesce(c.closed_at, ''), c.extended, "
		"c.reason, c.version, c.updated_at, u.display_name, "
		"(SELECT count(*) FROM claims k WHERE k.case_id = c.id), "
		"(SELECT count(*) FROM sessions s WHERE s.case_id = c.id AND s.status = 'scheduled') "
		"FROM cases c LEFT JOIN mediators m ON m.id = c.mediator_id "
		"LEFT JOIN users u ON u.id = c.updated_by WHERE c.id = ?");
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return db_fail(db, "读取案件");
	col_copy(st, 0, out->case_no, sizeof out->case_no);
	col_copy(st, 1, out->status, sizeof out->status);
	col_copy(st, 2, out->performance, sizeof out->performance);
	out->mediator_id = sqlite3_column_int64(st, 3);
	out->mediator_name = db_col_strdup(st, 4);
	col_copy(st, 5, out->received, sizeof out->received);
	col_copy(st, 6, out->confirm_how, sizeof out->confirm_how);
	col_copy(st, 7, out->confirmed_at, sizeof out->confirmed_at);
	col_copy(st, 8, out->accepted_at, sizeof out->accepted_at);
	col_copy(st, 9, out->deadline, sizeof out->deadline);
	col_copy(st, 10, out->closed_at, sizeof out->closed_at);
	out->extended = sqlite3_column_int(st, 11);
	out->reason = db_col_strdup(st, 12);
	out->version = sqlite3_column_int64(st, 13);
	col_copy(st, 14, out->updated_at, sizeof out->updated_at);
	out->updated_by = col_strdup_null(st, 15);
	out->nclaims = sqlite3_column_int(st, 16);
	out->nbooked = sqlite3_column_int(st, 17);
	sqlite3_reset(st);
	return 1;
}

int db_case_update(struct db *db, const struct case_update *u)
{
	sqlite3_stmt *st = db_prep(db,
		"UPDATE cases SET status = ?, performance = ?, mediator_id = ?, confirm_how = ?, "
		"confirmed_at = ?, accepted_at = ?, deadline = ?, extended = ?, closed_at = ?, reason = ?, "
		"last_event_at = ?, updated_at = ?, updated_by = ?, version = version + 1 "
		"WHERE id = ? AND version = ?");

	if (!st)
		return -1;
	db_bind_text(st, 1, u->status);
	db_bind_text(st, 2, u->performance);
	db_bind_id(st, 3, u->mediator_id);
	db_bind_text(st, 4, u->confirm_how);
	db_bind_text(st, 5, u->confirmed_at);
	db_bind_text(st, 6, u->accepted_at);
	db_bind_text(st, 7, u->deadline);
	sqlite3_bind_int(st, 8, u->extended != 0);
	db_bind_text(st, 9, u->closed_at);
	db_bind_text(st, 10, u->reason ? u->reason : "");
	db_bind_text(st, 11, u->now);
	db_bind_text(st, 12, u->now);
	db_bind_id(st, 13, u->user_id);
	sqlite3_bind_int64(st, 14, u->id);
	sqlite3_bind_int64(st, 15, u->version);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "更新案件");
	return sqlite3_changes(db->h) == 1 ? 1 : 0;
}

int db_case_find(struct db *db, const char *case_no, int64_t *id)
{
	sqlite3_stmt *st = db_prep(db, "SELECT id FROM cases WHERE case_no = ?");
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, case_no);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return db_fail(db, "查找案件");
	*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 1;
}

int db_mediator_get(struct db *db, int64_t id, char **name, int *active)
{
	sqlite3_stmt *st = db_prep(db, "SELECT name, active FROM mediators WHERE id = ?");
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return db_fail(db, "读取调解员");
	if (name)
		*name = db_col_strdup(st, 0);
	if (active)
		*active = sqlite3_column_int(st, 1);
	sqlite3_reset(st);
	return 1;
}

/* ---- claims ------------------------------------------------------------------- */

/* A claim's respondents ("1,2"; NULL or "": all nrespondents of them). */
static int *against_parse(const char *s, int nrespondents, int *n)
{
	int *v;

	*n = 0;
	if (!s || !*s) {
		v = xcalloc((size_t)nrespondents + 1, sizeof *v);
		for (int i = 1; i <= nrespondents; i++)
			v[(*n)++] = i;
		return v;
	}
	int cap = 1;
	for (const char *c = s; *c; c++)
		cap += *c == ',';
	v = xcalloc((size_t)cap, sizeof *v);
	for (const char *c = s; *c;) {
		v[(*n)++] = atoi(c);
		c += strcspn(c, ",");
		if (*c)
			c++;
	}
	return v;
}

void claim_amounts_free(struct claim_amounts *a)
{
	for (int i = 0; i < a->n; i++) {
		free(a->v[i].shares);
		free(a->v[i].against);
	}
	free(a->v);
	memset(a, 0, sizeof *a);
}

int db_claim_amounts(struct db *db, int64_t case_id, struct claim_amounts *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT ord, amount_fen, against, joint, (SELECT count(*) FROM case_parties p "
				       "WHERE p.case_id = claims.case_id AND p.role = 'respondent') FROM claims "
				       "WHERE case_id = ? ORDER BY ord");
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = xgrow(out->v, out->n, &out->cap, sizeof *out->v);
		struct claim_amount *k = &out->v[out->n++];
		memset(k, 0, sizeof *k);
		k->ord = sqlite3_column_int(st, 0);
		k->amount_fen = sqlite3_column_int64(st, 1);
		k->against = against_parse((const char *)sqlite3_column_text(st, 2), sqlite3_column_int(st, 4),
					   &k->nagainst);
		k->joint = sqlite3_column_int(st, 3);
	}
	if (rc != SQLITE_DONE) {
		claim_amounts_free(out);
		return db_fail(db, "读取请求事项");
	}
	/* each worker's own amount, claim by claim (both in claim order) */
	st = db_prep(db, "SELECT k.ord, s.applicant, s.amount_fen FROM claims k "
			 "JOIN claim_shares s ON s.claim_id = k.id WHERE k.case_id = ? ORDER BY k.ord, s.applicant");
	if (!st) {
		claim_amounts_free(out);
		return -1;
	}
	sqlite3_bind_int64(st, 1, case_id);
	int i = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int ord = sqlite3_column_int(st, 0);
		while (i < out->n && out->v[i].ord < ord)
			i++;
		if (i == out->n)
			continue;
		struct claim_amount *k = &out->v[i];
		k->shares = xrealloc(k->shares, (size_t)(k->nshares + 1) * sizeof *k->shares);
		k->shares[k->nshares].applicant = sqlite3_column_int(st, 1);
		k->shares[k->nshares].amount_fen = sqlite3_column_int64(st, 2);
		k->nshares++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		claim_amounts_free(out);
		return db_fail(db, "读取各申请人请求金额");
	}
	return 0;
}

int db_claim_set_agreed(struct db *db, int64_t case_id, int ord, int64_t agreed_fen, const char *pay_date, int waived,
			int withdrawn)
{
	sqlite3_stmt *st = db_prep(db, "UPDATE claims SET agreed_fen = ?, pay_date = ?, waived = ?, withdrawn = ? "
				       "WHERE case_id = ? AND ord = ?");

	if (!st)
		return -1;
	if (agreed_fen >= 0)
		sqlite3_bind_int64(st, 1, agreed_fen);
	else
		sqlite3_bind_null(st, 1);
	db_bind_text(st, 2, pay_date);
	sqlite3_bind_int(st, 3, waived ? 1 : 0);
	sqlite3_bind_int(st, 4, withdrawn ? 1 : 0);
	sqlite3_bind_int64(st, 5, case_id);
	sqlite3_bind_int(st, 6, ord);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入协议金额");
	if (sqlite3_changes(db->h) != 1) {
		tj_error("写入协议金额失败：第%d项请求不存在", ord);
		return -1;
	}
	return 0;
}

int db_claim_payers_clear(struct db *db, int64_t case_id, int ord)
{
	sqlite3_stmt *st = db_prep(db, "DELETE FROM claim_payers WHERE claim_id = "
				       "(SELECT id FROM claims WHERE case_id = ? AND ord = ?)");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int(st, 2, ord);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入各被申请人支付金额");
	sqlite3_reset(st);
	return 0;
}

int db_claim_payer_set(struct db *db, int64_t case_id, int ord, int respondent, int64_t agreed_fen)
{
	sqlite3_stmt *st = db_prep(db, "INSERT INTO claim_payers(claim_id, respondent, agreed_fen) "
				       "SELECT id, ?3, ?4 FROM claims WHERE case_id = ?1 AND ord = ?2");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int(st, 2, ord);
	sqlite3_bind_int(st, 3, respondent);
	sqlite3_bind_int64(st, 4, agreed_fen);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入各被申请人支付金额");
	if (sqlite3_changes(db->h) != 1) {
		tj_error("写入各被申请人支付金额失败：第%d项请求不存在", ord);
		return -1;
	}
	return 0;
}

int db_claim_share_set_agreed(struct db *db, int64_t case_id, int ord, int applicant, int64_t agreed_fen)
{
	sqlite3_stmt *st = db_prep(db, "UPDATE claim_shares SET agreed_fen = ?1 WHERE applicant = ?4 AND claim_id = "
				       "(SELECT id FROM claims WHERE case_id = ?2 AND ord = ?3)");

	if (!st)
		return -1;
	if (agreed_fen >= 0)
		sqlite3_bind_int64(st, 1, agreed_fen);
	else
		sqlite3_bind_null(st, 1);
	sqlite3_bind_int64(st, 2, case_id);
	sqlite3_bind_int(st, 3, ord);
	sqlite3_bind_int(st, 4, applicant);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入各申请人协议金额");
	if (sqlite3_changes(db->h) != 1) {
		tj_error("写入各申请人协议金额失败：第%d项请求没有申请人%d的金额", ord, applicant);
		return -1;
	}
	return 0;
}

/* ---- sessions ----------------------------------------------------------------- */

/* Minutes since midnight of a "HH:MM" column, in SQL. */
#define SQL_MIN(col) "(CAST(substr(" col ", 1, 2) AS INTEGER) * 60 + CAST(substr(" col ", 4, 2) AS INTEGER))"

int db_session_clash(struct db *db, const char *day, int start_min, int end_min, int64_t mediator_id,
		     const char *room, int64_t except_id, struct session_clash *out)
{
	/* a NULL room (none given) equals no room */
	sqlite3_stmt *st = db_prep(db,
		"SELECT c.case_no, s.start, s.minutes, s.room, coalesce(m.name, ''), s.mediator_id = ?4, "
		"coalesce(s.room = ?5, 0) "
		"FROM sessions s JOIN cases c ON c.id = s.case_id LEFT JOIN mediators m ON m.id = s.mediator_id "
		"WHERE s.day = ?1 AND s.status IN ('scheduled', 'held') AND (s.mediator_id = ?4 OR s.room = ?5) "
		"AND s.id <> ?6 "
		"AND " SQL_MIN("s.start") " < ?3 AND ?2 < " SQL_MIN("s.start") " + s.minutes "
		"ORDER BY s.start, s.id LIMIT 1");
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	db_bind_text(st, 1, day);
	sqlite3_bind_int(st, 2, start_min);
	sqlite3_bind_int(st, 3, end_min);
	sqlite3_bind_int64(st, 4, mediator_id);
	if (room && *room)
		db_bind_text(st, 5, room);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_int64(st, 6, except_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return db_fail(db, "检查调解安排");
	col_copy(st, 0, out->case_no, sizeof out->case_no);
	col_copy(st, 1, out->start, sizeof out->start);
	out->minutes = sqlite3_column_int(st, 2);
	col_copy(st, 3, out->room, sizeof out->room);
	col_copy(st, 4, out->mediator, sizeof out->mediator);
	out->same_mediator = sqlite3_column_int(st, 5);
	out->same_room = sqlite3_column_int(st, 6);
	sqlite3_reset(st);
	return 1;
}

int db_session_scheduled_on(struct db *db, int64_t case_id, const char *day, const char *start,
			    struct session_slot *out)
{
	/* the one at the given start first, else the day's first */
	sqlite3_stmt *st = db_prep(db, "SELECT id, start, minutes, room FROM sessions "
				       "WHERE case_id = ? AND day = ? AND status = 'scheduled' "
				       "ORDER BY start IS NOT ?, start, id LIMIT 1");
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, day);
	db_bind_text(st, 3, start);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return db_fail(db, "读取调解安排");
	out->id = sqlite3_column_int64(st, 0);
	col_copy(st, 1, out->start, sizeof out->start);
	out->minutes = sqlite3_column_int(st, 2);
	col_copy(st, 3, out->room, sizeof out->room);
	sqlite3_reset(st);
	return 1;
}

int db_session_mark_held(struct db *db, int64_t id, const char *start, int minutes, const char *room,
			 const char *note, int64_t recorded_by, const char *attendance)
{
	sqlite3_stmt *st = db_prep(db, "UPDATE sessions SET status = 'held', start = ?1, minutes = ?2, room = ?3, "
				       "note = ?4, recorded_by = ?6, attendance = ?7 WHERE id = ?5 AND status = 'scheduled'");

	if (!st)
		return -1;
	db_bind_text(st, 1, start);
	sqlite3_bind_int(st, 2, minutes);
	db_bind_text(st, 3, room);
	db_bind_text(st, 4, note);
	sqlite3_bind_int64(st, 5, id);
	db_bind_id(st, 6, recorded_by);
	db_bind_text(st, 7, attendance ? attendance : "");
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "记录调解");
	if (sqlite3_changes(db->h) != 1) {
		tj_error("记录调解失败：调解安排已不存在");
		return -1;
	}
	return 0;
}

void session_list_free(struct session_list *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}

int db_sessions_booked_after(struct db *db, int64_t case_id, const char *day, const char *hm,
			     struct session_list *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT id, day, start, minutes, room FROM sessions WHERE case_id = ?1 AND "
				       "status = 'scheduled' AND (day > ?2 OR (day = ?2 AND start > ?3)) "
				       "ORDER BY day, start, id");
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, day);
	db_bind_text(st, 3, hm);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = xgrow(out->v, out->n, &out->cap, sizeof *out->v);
		struct session_info *x = &out->v[out->n++];
		memset(x, 0, sizeof *x);
		x->id = sqlite3_column_int64(st, 0);
		x->case_id = case_id;
		col_copy(st, 1, x->day, sizeof x->day);
		col_copy(st, 2, x->start, sizeof x->start);
		x->minutes = sqlite3_column_int(st, 3);
		col_copy(st, 4, x->room, sizeof x->room);
		snprintf(x->status, sizeof x->status, "scheduled");
	}
	if (rc != SQLITE_DONE) {
		session_list_free(out);
		return db_fail(db, "读取调解安排");
	}
	return 0;
}

int db_session_get(struct db *db, int64_t id, struct session_info *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT case_id, mediator_id, day, start, minutes, room, status "
				       "FROM sessions WHERE id = ?");
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return db_fail(db, "读取调解安排");
	out->id = id;
	out->case_id = sqlite3_column_int64(st, 0);
	out->mediator_id = sqlite3_column_int64(st, 1);
	col_copy(st, 2, out->day, sizeof out->day);
	col_copy(st, 3, out->start, sizeof out->start);
	out->minutes = sqlite3_column_int(st, 4);
	col_copy(st, 5, out->room, sizeof out->room);
	col_copy(st, 6, out->status, sizeof out->status);
	sqlite3_reset(st);
	return 1;
}

int db_session_move(struct db *db, int64_t id, int64_t mediator_id, const char *day, const char *start,
		    int minutes, const char *room)
{
	sqlite3_stmt *st = db_prep(db, "UPDATE sessions SET mediator_id = ?, day = ?, start = ?, minutes = ?, "
				       "room = ? WHERE id = ? AND status = 'scheduled'");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, mediator_id);
	db_bind_text(st, 2, day);
	db_bind_text(st, 3, start);
	sqlite3_bind_int(st, 4, minutes);
	db_bind_text(st, 5, room);
	sqlite3_bind_int64(st, 6, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "变更调解安排");
	if (sqlite3_changes(db->h) != 1) {
		tj_error("变更调解安排失败：调解安排已不是待进行的安排");
		return -1;
	}
	return 0;
}

int db_session_cancel(struct db *db, int64_t id)
{
	sqlite3_stmt *st = db_prep(db, "UPDATE sessions SET status = 'cancelled' WHERE id = ? AND status = 'scheduled'");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "取消调解安排");
	if (sqlite3_changes(db->h) != 1) {
		tj_error("取消调解安排失败：调解安排已不是待进行的安排");
		return -1;
	}
	return 0;
}

/* ---- the whole case for the detail screen ------------------------------------- */

static int load_main(struct db *db, int64_t case_id, struct case_view *cv)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT c.id, c.case_no, c.status, coalesce(c.performance, ''), c.channel, c.received, c.facts, "
		"c.collective, coalesce(c.mediator_id, 0), coalesce(m.name, ''), coalesce(c.confirm_how, ''), "
		"coalesce(c.confirmed_at, ''), coalesce(c.accepted_at, ''), coalesce(c.deadline, ''), "
		"coalesce(c.closed_at, ''), c.extended, c.reason, c.last_event_at, c.version, c.updated_at, "
		"u.display_name, coalesce(c.external_id, '') FROM cases c LEFT JOIN mediators m ON m.id = c.mediator_id "
		"LEFT JOIN users u ON u.id = c.updated_by WHERE c.id = ?");
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return db_fail(db, "读取案件");
	cv->id = sqlite3_column_int64(st, 0);
	col_copy(st, 1, cv->case_no, sizeof cv->case_no);
	col_copy(st, 2, cv->status_kw, sizeof cv->status_kw);
	col_copy(st, 3, cv->perf_kw, sizeof cv->perf_kw);
	col_copy(st, 4, cv->channel, sizeof cv->channel);
	col_copy(st, 5, cv->received, sizeof cv->received);
	cv->facts = db_col_strdup(st, 6);
	cv->collective = sqlite3_column_int(st, 7);
	cv->mediator_id = sqlite3_column_int64(st, 8);
	cv->mediator_name = db_col_strdup(st, 9);
	col_copy(st, 10, cv->confirm_how, sizeof cv->confirm_how);
	col_copy(st, 11, cv->confirmed_at, sizeof cv->confirmed_at);
	col_copy(st, 12, cv->accepted_at, sizeof cv->accepted_at);
	col_copy(st, 13, cv->deadline, sizeof cv->deadline);
	col_copy(st, 14, cv->closed_at, sizeof cv->closed_at);
	cv->extended = sqlite3_column_int(st, 15);
	cv->reason = db_col_strdup(st, 16);
	col_copy(st, 17, cv->last_event_at, sizeof cv->last_event_at);
	cv->version = sqlite3_column_int64(st, 18);
	col_copy(st, 19, cv->updated_at, sizeof cv->updated_at);
	cv->updated_by = col_strdup_null(st, 20);
	col_copy(st, 21, cv->external_id, sizeof cv->external_id);
	sqlite3_reset(st);
	return 1;
}

static int load_applicants(struct db *db, int64_t case_id, struct case_view *cv)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT person_id, name, id_type, id_no, coalesce(gender, ''), coalesce(birth_date, ''), "
		"coalesce(nationality, ''), coalesce(household, ''), coalesce(occupation, ''), coalesce(phone, ''), "
		"coalesce(address, ''), ord, representative FROM case_parties "
		"WHERE case_id = ? AND role = 'applicant' ORDER BY ord");
	int rc, cap = 0;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cv->applicants = xgrow(cv->applicants, cv->napplicants, &cap, sizeof *cv->applicants);
		struct cv_party *p = &cv->applicants[cv->napplicants++];
		memset(p, 0, sizeof *p);
		p->id = sqlite3_column_int64(st, 0);
		p->name = db_col_strdup(st, 1);
		p->id_type = db_col_strdup(st, 2);
		p->id_no = db_col_strdup(st, 3);
		p->gender = db_col_strdup(st, 4);
		p->birth_date = db_col_strdup(st, 5);
		p->nationality = db_col_strdup(st, 6);
		p->household = db_col_strdup(st, 7);
		p->occupation = db_col_strdup(st, 8);
		p->phone = db_col_strdup(st, 9);
		p->address = db_col_strdup(st, 10);
		p->ord = sqlite3_column_int(st, 11);
		p->representative = sqlite3_column_int(st, 12);
		p->uscc = xstrdup("");
		p->legal_rep = xstrdup("");
		p->legal_rep_title = xstrdup("");
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "读取申请人");
	return 0;
}

static int load_respondents(struct db *db, int64_t case_id, struct case_view *cv)
{
	/* an individual (kind 'individual') is a person, with the person's
	 * columns; kind NULL is a 用人单位 (rows written without a kind) */
	sqlite3_stmt *st = db_prep(db,
		"SELECT coalesce(employer_id, person_id), name, coalesce(uscc, ''), coalesce(legal_rep, ''), "
		"coalesce(address, ''), coalesce(phone, ''), coalesce(legal_rep_title, ''), ord, "
		"coalesce(kind, 'employer'), coalesce(id_type, ''), coalesce(id_no, ''), coalesce(gender, ''), "
		"coalesce(birth_date, ''), coalesce(nationality, '') FROM case_parties "
		"WHERE case_id = ? AND role = 'respondent' ORDER BY ord");
	int rc, cap = 0;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cv->respondents = xgrow(cv->respondents, cv->nrespondents, &cap, sizeof *cv->respondents);
		struct cv_party *p = &cv->respondents[cv->nrespondents++];
		memset(p, 0, sizeof *p);
		p->id = sqlite3_column_int64(st, 0);
		p->name = db_col_strdup(st, 1);
		p->uscc = db_col_strdup(st, 2);
		p->legal_rep = db_col_strdup(st, 3);
		p->address = db_col_strdup(st, 4);
		p->phone = db_col_strdup(st, 5);
		p->legal_rep_title = db_col_strdup(st, 6);
		p->ord = sqlite3_column_int(st, 7);
		col_copy(st, 8, p->kind, sizeof p->kind);
		p->id_type = db_col_strdup(st, 9);
		p->id_no = db_col_strdup(st, 10);
		p->gender = db_col_strdup(st, 11);
		p->birth_date = db_col_strdup(st, 12);
		p->nationality = db_col_strdup(st, 13);
		p->household = xstrdup("");
		p->occupation = xstrdup("");
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "读取被申请人");
	return 0;
}

/* Every party's agents, after the parties. */
static int load_agents(struct db *db, int64_t case_id, struct case_view *cv)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT role, party_ord, ord, name, kind, org, phone, authority, scope FROM case_agents "
		"WHERE case_id = ? ORDER BY role, party_ord, ord");
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int resp = strcmp((const char *)sqlite3_column_text(st, 0), "respondent") == 0;
		int pord = sqlite3_column_int(st, 1);
		struct cv_party *v = resp ? cv->respondents : cv->applicants, *p = NULL;
		int n = resp ? cv->nrespondents : cv->napplicants;
		for (int i = 0; i < n && !p; i++)
			if (v[i].ord == pord)
				p = &v[i];
		if (!p)
			continue; /* the foreign key makes this impossible */
		p->agents = xrealloc(p->agents, (size_t)(p->nagents + 1) * sizeof *p->agents);
		struct cv_agent *a = &p->agents[p->nagents++];
		memset(a, 0, sizeof *a);
		a->ord = sqlite3_column_int(st, 2);
		a->name = db_col_strdup(st, 3);
		col_copy(st, 4, a->kind, sizeof a->kind);
		a->org = db_col_strdup(st, 5);
		a->phone = db_col_strdup(st, 6);
		col_copy(st, 7, a->authority, sizeof a->authority);
		a->scope = db_col_strdup(st, 8);
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "读取委托代理人");
	return 0;
}

/* "1,2" into k->against; NULL (every claim before 007): all respondents. */
static void claim_against(struct cv_claim *k, const char *s, int nrespondents)
{
	k->against = against_parse(s, nrespondents, &k->nagainst);
}

static int load_claims(struct db *db, int64_t case_id, struct case_view *cv)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT k.ord, k.cause, coalesce(ca.name, ''), k.text, k.amount_fen, coalesce(k.agreed_fen, -1), "
		"coalesce(k.pay_date, ''), k.against, k.joint, k.waived, k.withdrawn FROM claims k LEFT JOIN causes ca ON ca.code = k.cause "
		"WHERE k.case_id = ? ORDER BY k.ord");
	int rc, cap = 0;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cv->claims = xgrow(cv->claims, cv->nclaims, &cap, sizeof *cv->claims);
		struct cv_claim *k = &cv->claims[cv->nclaims++];
		memset(k, 0, sizeof *k);
		k->ord = sqlite3_column_int(st, 0);
		col_copy(st, 1, k->cause, sizeof k->cause);
		k->cause_name = db_col_strdup(st, 2);
		k->text = db_col_strdup(st, 3);
		k->amount_fen = sqlite3_column_int64(st, 4);
		k->agreed_fen = sqlite3_column_int64(st, 5);
		col_copy(st, 6, k->pay_date, sizeof k->pay_date);
		claim_against(k, (const char *)sqlite3_column_text(st, 7), cv->nrespondents);
		k->joint = sqlite3_column_int(st, 8);
		k->waived = sqlite3_column_int(st, 9);
		k->withdrawn = sqlite3_column_int(st, 10);
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "读取请求事项");
	/* the per-worker amounts, claim by claim */
	st = db_prep(db, "SELECT k.ord, s.applicant, s.amount_fen, coalesce(s.agreed_fen, -1) FROM claims k "
			 "JOIN claim_shares s ON s.claim_id = k.id WHERE k.case_id = ? ORDER BY k.ord, s.applicant");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	int i = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int ord = sqlite3_column_int(st, 0);
		while (i < cv->nclaims && cv->claims[i].ord < ord)
			i++;
		if (i == cv->nclaims)
			break;
		struct cv_claim *k = &cv->claims[i];
		k->shares = xrealloc(k->shares, (size_t)(k->nshares + 1) * sizeof *k->shares);
		k->shares[k->nshares].applicant = sqlite3_column_int(st, 1);
		k->shares[k->nshares].amount_fen = sqlite3_column_int64(st, 2);
		k->shares[k->nshares].agreed_fen = sqlite3_column_int64(st, 3);
		k->nshares++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_fail(db, "读取各申请人请求金额");
	/* what each respondent pays, claim by claim */
	st = db_prep(db, "SELECT k.ord, p.respondent, p.agreed_fen FROM claims k "
			 "JOIN claim_payers p ON p.claim_id = k.id WHERE k.case_id = ? ORDER BY k.ord, p.respondent");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	i = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int ord = sqlite3_column_int(st, 0);
		while (i < cv->nclaims && cv->claims[i].ord < ord)
			i++;
		if (i == cv->nclaims)
			break;
		struct cv_claim *k = &cv->claims[i];
		k->payers = xrealloc(k->payers, (size_t)(k->npayers + 1) * sizeof *k->payers);
		k->payers[k->npayers].respondent = sqlite3_column_int(st, 1);
		k->payers[k->npayers].agreed_fen = sqlite3_column_int64(st, 2);
		k->npayers++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_fail(db, "读取各被申请人支付金额");
	return 0;
}

static int load_sessions(struct db *db, int64_t case_id, struct case_view *cv)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT s.id, s.day, s.start, s.minutes, s.room, s.status, s.note, coalesce(m.name, ''), "
		"coalesce(u.display_name, ''), s.attendance "
		"FROM sessions s LEFT JOIN mediators m ON m.id = s.mediator_id "
		"LEFT JOIN users u ON u.id = s.recorded_by WHERE s.case_id = ? "
		"ORDER BY s.day, s.start, s.id");
	int rc, cap = 0;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cv->sessions = xgrow(cv->sessions, cv->nsessions, &cap, sizeof *cv->sessions);
		struct cv_session *s = &cv->sessions[cv->nsessions++];
		s->id = sqlite3_column_int64(st, 0);
		col_copy(st, 1, s->day, sizeof s->day);
		col_copy(st, 2, s->start, sizeof s->start);
		s->minutes = sqlite3_column_int(st, 3);
		s->room = db_col_strdup(st, 4);
		s->status = db_col_strdup(st, 5);
		s->note = db_col_strdup(st, 6);
		s->mediator = db_col_strdup(st, 7);
		s->recorder = db_col_strdup(st, 8);
		s->attendance = db_col_strdup(st, 9);
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "读取调解安排");
	return 0;
}

static int load_documents(struct db *db, int64_t case_id, struct case_view *cv)
{
	sqlite3_stmt *st = db_prep(db, "SELECT d.kind, d.issued_at, u.display_name, d.file, d.id, "
				       "coalesce(d.session_id, 0), coalesce(d.of_document, 0) FROM documents d "
				       "LEFT JOIN users u ON u.id = d.user_id WHERE d.case_id = ? "
				       "ORDER BY d.issued_at, d.id");
	int rc, cap = 0;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cv->documents = xgrow(cv->documents, cv->ndocuments, &cap, sizeof *cv->documents);
		struct cv_document *d = &cv->documents[cv->ndocuments++];
		d->kind = db_col_strdup(st, 0);
		d->issued_at = db_col_strdup(st, 1);
		d->user = col_strdup_null(st, 2);
		d->file = db_col_strdup(st, 3);
		d->id = sqlite3_column_int64(st, 4);
		d->session_id = sqlite3_column_int64(st, 5);
		d->of_document = sqlite3_column_int64(st, 6);
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "读取文书记录");
	return 0;
}

static int load_events(struct db *db, int64_t case_id, struct case_view *cv)
{
	sqlite3_stmt *st = db_prep(db, "SELECT e.id, e.at, u.display_name, e.action, e.entity, e.before, e.after "
				       "FROM events e LEFT JOIN users u ON u.id = e.user_id WHERE e.case_id = ? "
				       "ORDER BY e.id");
	int rc, cap = 0;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cv->events = xgrow(cv->events, cv->nevents, &cap, sizeof *cv->events);
		struct cv_event *e = &cv->events[cv->nevents++];
		e->id = sqlite3_column_int64(st, 0);
		col_copy(st, 1, e->at, sizeof e->at);
		e->user = col_strdup_null(st, 2);
		e->action = db_col_strdup(st, 3);
		e->entity = db_col_strdup(st, 4);
		e->before = db_col_strdup(st, 5);
		e->after = db_col_strdup(st, 6);
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "读取操作记录");
	return 0;
}

#define EVIDENCE_COLS "id, ord, name, source, purpose, pages, original, party, submitted"

static void evidence_row(sqlite3_stmt *st, struct cv_evidence *e)
{
	e->id = sqlite3_column_int64(st, 0);
	e->ord = sqlite3_column_int(st, 1);
	e->name = db_col_strdup(st, 2);
	e->source = db_col_strdup(st, 3);
	e->purpose = db_col_strdup(st, 4);
	e->pages = sqlite3_column_int(st, 5);
	e->original = sqlite3_column_int(st, 6);
	col_copy(st, 7, e->party, sizeof e->party);
	col_copy(st, 8, e->submitted, sizeof e->submitted);
}

static int load_evidence(struct db *db, int64_t case_id, struct case_view *cv)
{
	sqlite3_stmt *st = db_prep(db, "SELECT " EVIDENCE_COLS
				       " FROM evidence WHERE case_id = ? AND removed_at IS NULL ORDER BY ord");
	int rc, cap = 0;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cv->evidence = xgrow(cv->evidence, cv->nevidence, &cap, sizeof *cv->evidence);
		evidence_row(st, &cv->evidence[cv->nevidence++]);
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "读取证据");
	return 0;
}

int db_evidence_get(struct db *db, int64_t case_id, int64_t id, struct cv_evidence *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT " EVIDENCE_COLS
				       " FROM evidence WHERE id = ? AND case_id = ? AND removed_at IS NULL");
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, case_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		evidence_row(st, out);
		sqlite3_reset(st);
		return 1;
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "读取证据");
	return 0;
}

int db_case_view_load(struct db *db, int64_t case_id, struct case_view *out)
{
	/* one read transaction: the case, its rows and its timeline from the
	 * same snapshot, even while others write */
	int own = sqlite3_get_autocommit(db->h) != 0;
	int rc;

	if (own && sqlite3_exec(db->h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, "读取案件");
	rc = load_main(db, case_id, out);
	if (rc == 1 &&
	    (load_applicants(db, case_id, out) < 0 || load_respondents(db, case_id, out) < 0 ||
	     load_agents(db, case_id, out) < 0 || load_claims(db, case_id, out) < 0 || load_sessions(db, case_id, out) < 0 ||
	     load_documents(db, case_id, out) < 0 || load_evidence(db, case_id, out) < 0 ||
	     db_case_services_load(db, case_id, out) < 0 || load_events(db, case_id, out) < 0))
		rc = -1;
	if (own) {
		if (rc < 0) {
			char msg[1024];
			snprintf(msg, sizeof msg, "%s", tj_errmsg());
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
			tj_error("%s", msg);
		} else if (sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
			rc = db_fail(db, "读取案件");
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		}
	}
	return rc;
}
