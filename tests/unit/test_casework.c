/*
 * test_casework.c - working a case (casework.h).
 *
 * 1. Every state x action x actor: a case is driven into the state through
 *    case_apply, the action is tried with valid inputs; what lifecycle_check
 *    allows must succeed with the right status, version, row and events,
 *    everything else must be refused with a message and change nothing.
 * 2. Each input check of each action, the version conflict, deadlines and
 *    the one extension, sessions (clashes, adjacent slots, marking a booked
 *    session held, calling off sessions when a case closes), a database
 *    failure half-way and a busy database: nothing written.
 * 3. case_load (roles, contents, "系统"), case_find, case_actions, the
 *    claims text and the notify command.
 */
#include <sys/stat.h>
#include <time.h>

#include "tap.h"
#include "testdb.h"
#include "tiaojie/auth.h"
#include "tiaojie/casework.h"
#include "tiaojie/casenum.h"
#include "tiaojie/intake.h"

#define NOW "2026-11-20 10:00:00" /* a Friday */

static struct config cfg;
static struct holidays hol;
static struct db *db;
static int64_t m1, m2, m3; /* mediators: m3 inactive */
static int64_t uid_admin, uid_clerk, uid_m1, uid_m2;
static struct actor admin, clerk, own, other, nomed, clerk_assign, sys_clerk;

/* ---- helpers ------------------------------------------------------------------ */

static char *sql_text(const char *sql, int64_t id)
{
	return testdb_text(db, sql, id);
}

/* Everything a transition could touch, as one string: the case row, its
 * claims and sessions, and the counts of all events and sessions. */
static char *snap(int64_t id)
{
	return sql_text("SELECT json_array(c.status, c.performance, c.mediator_id, c.confirm_how, c.confirmed_at, "
			"c.accepted_at, c.deadline, c.extended, c.closed_at, c.reason, c.last_event_at, c.version, "
			"c.updated_at, c.updated_by, "
			"(SELECT json_group_array(json_array(ord, agreed_fen, pay_date)) FROM claims WHERE case_id = c.id), "
			"(SELECT json_group_array(json_array(status, day, start, minutes, room, note, mediator_id)) "
			" FROM sessions WHERE case_id = c.id), "
			"(SELECT count(*) FROM events), (SELECT count(*) FROM sessions), (SELECT count(*) FROM claims)) "
			"FROM cases c WHERE c.id = ?",
			id);
}

static struct intake_person app;
static struct intake_employer emp;
static struct intake_claim claims[2];

static int64_t new_case_by(const struct actor *who)
{
	struct intake in = {.channel = "window", .facts = "申请人于2024年3月入职被申请人处。被申请人拖欠工资。",
			    .napplicants = 1, .applicants = &app, .nrespondents = 1, .respondents = &emp,
			    .nclaims = 2, .claims = claims};
	struct intake_result res = {0};

	if (intake_register(db, &cfg, who, &in, &res) < 0) {
		fprintf(stderr, "intake_register: %s\n", tj_errmsg());
		for (int i = 0; i < res.nproblems; i++)
			fprintf(stderr, "  %s: %s\n", res.problems[i].field, res.problems[i].msg);
		exit(1);
	}
	intake_result_free(&res);
	return res.case_id;
}

static int64_t new_case(void)
{
	return new_case_by(&clerk);
}

static int sched_k; /* a fresh slot for every schedule attempt of the matrix */
static int sess_k;  /* and for every session recorded */
static char sstart[16];

/* Valid inputs for the action on case id (the case's mediator is m1). */
static struct case_op valid_op(enum case_action a, int64_t id)
{
	static char day[11], start[6];
	static const struct case_op_agreed agreed[2] = {{1, 1000000, "2026-12-01", 0, NULL, 0, NULL, 0}, {2, 0, NULL, 0, NULL, 0, NULL, 0}};
	struct case_op op = {.action = a, .case_id = id};

	switch (a) {
	case ACT_CONFIRM:
		op.confirm_how = "phone";
		break;
	case ACT_EVIDENCE: {
		static const struct case_op_evidence ev = {.name = "劳动合同", .source = "申请人持有", .purpose = "证明劳动关系",
							   .pages = "3", .original = 1, .party = "applicant",
							   .submitted = "2026-11-19"};
		op.evidence = &ev;
		break;
	}
	case ACT_REJECT:
		op.reason = "不属于劳动争议受理范围";
		break;
	case ACT_FAIL:
		op.reason = "双方分歧较大";
		break;
	case ACT_WITHDRAW:
		op.reason = "已与单位自行和解";
		break;
	case ACT_ASSIGN:
		op.mediator_id = m1;
		break;
	case ACT_REASSIGN:
		op.mediator_id = m2;
		break;
	case ACT_SCHEDULE: {
		int k = sched_k++;
		date_format(date_from_ymd(2026, 11, 23) + k / 9, day);
		snprintf(start, sizeof start, "%02d:00", 8 + k % 9);
		op.day = day;
		op.start = start;
		op.minutes = 60;
		op.room = "第一调解室";
		break;
	}
	case ACT_SESSION: {
		/* every case has mediator m1, and one mediator's sessions may not
		 * overlap: ten minutes each, one after the other, before now */
		int k = sess_k; /* taken (sess_k++) when the session is recorded */
		if (k >= 60) {
			fprintf(stderr, "valid_op: out of session slots before 10:00\n");
			exit(1);
		}
		snprintf(sstart, sizeof sstart, "%02d:%02d", (k / 6) % 10, k % 6 * 10);
		op.start = sstart;
		op.minutes = 10;
		op.note = "双方陈述意见，申请人同意分期支付";
		break;
	}
	case ACT_RESCHEDULE:
	case ACT_UNSCHEDULE:
		op.session_id = testdb_int_id(db, "SELECT coalesce(max(id), 0) FROM sessions WHERE case_id = ? AND "
					      "status = 'scheduled'", id);
		op.reason = "当事人请求改期";
		op.day = "2026-12-31";
		op.start = "16:00";
		break;
	case ACT_EXTEND:
		op.reason = "双方同意延长调解期限";
		break;
	case ACT_AGREE:
		op.nagreed = 2;
		op.agreed = agreed;
		break;
	case ACT_PERFORM:
		op.perf = PERF_PERFORMED;
		break;
	default:
		break;
	}
	return op;
}

static void must(const struct actor *who, enum case_action a, int64_t id)
{
	struct case_op op = valid_op(a, id);
	struct case_op_result res;

	if (case_apply(db, &cfg, &hol, who, &op, &res) != 0) {
		fprintf(stderr, "must %s on case %lld: %s\n", action_keyword(a), (long long)id, tj_errmsg());
		tap_fail_count++;
	} else if (a == ACT_SESSION) {
		sess_k++;
	}
}

/* The session that starts mediation on a case driven into a state: the
 * evening's slots, 23:50 backwards, recorded at 23:59 - the ones before
 * 10:00 are the matrix's own. */
static int reach_k;

static void reach_session(int64_t id)
{
	char start[16];
	int k = reach_k++;
	struct case_op op = {.action = ACT_SESSION, .case_id = id, .start = start, .minutes = 10,
			     .note = "双方陈述意见，申请人同意分期支付"};
	struct case_op_result res;

	if (k >= 84) {
		fprintf(stderr, "reach: out of evening session slots\n");
		exit(1);
	}
	snprintf(start, sizeof start, "%02d:%02d", (23 - k / 6) % 24, (5 - k % 6) % 6 * 10);
	setenv("TIAOJIE_NOW", "2026-11-20 23:59:00", 1);
	if (case_apply(db, &cfg, &hol, &admin, &op, &res) != 0) {
		fprintf(stderr, "reach session on case %lld: %s\n", (long long)id, tj_errmsg());
		tap_fail_count++;
	}
	setenv("TIAOJIE_NOW", NOW, 1);
}

enum tstate {
	T_REGISTERED,
	T_CONFIRMED,
	T_ACCEPTED,
	T_REJECTED,
	T_ASSIGNED,
	T_MEDIATING,
	T_EXTENDED, /* mediating, deadline extended */
	T_AGREED,   /* performance pending */
	T_PERFORMED,
	T_FAILED,
	T_WITHDRAWN,
	T_REFERRED,
	T_COUNT
};

static const char *tstate_name[T_COUNT] = {"registered", "confirmed", "accepted", "rejected", "assigned",
					   "mediating", "extended", "agreed", "performed", "failed",
					   "withdrawn", "referred"};

/* A new case driven by the admin into the state. */
static int64_t reach(enum tstate t)
{
	int64_t id = new_case();

	if (t == T_REGISTERED)
		return id;
	if (t == T_REJECTED) {
		must(&admin, ACT_REJECT, id);
		return id;
	}
	must(&admin, ACT_CONFIRM, id);
	if (t == T_CONFIRMED)
		return id;
	must(&admin, ACT_ACCEPT, id);
	if (t == T_ACCEPTED)
		return id;
	if (t == T_WITHDRAWN) {
		must(&admin, ACT_WITHDRAW, id);
		return id;
	}
	must(&admin, ACT_ASSIGN, id);
	if (t == T_ASSIGNED)
		return id;
	reach_session(id);
	if (t == T_MEDIATING)
		return id;
	if (t == T_EXTENDED) {
		must(&admin, ACT_EXTEND, id);
		return id;
	}
	if (t == T_AGREED || t == T_PERFORMED) {
		must(&admin, ACT_AGREE, id);
		if (t == T_PERFORMED)
			must(&admin, ACT_PERFORM, id);
		return id;
	}
	must(&admin, ACT_FAIL, id);
	if (t == T_REFERRED)
		must(&admin, ACT_REFER, id);
	return id;
}

static int has_note(enum case_action a)
{
	switch (a) {
	case ACT_CONFIRM:
	case ACT_ACCEPT:
	case ACT_REJECT:
	case ACT_ASSIGN:
	case ACT_SESSION:
	case ACT_AGREE:
	case ACT_FAIL:
	case ACT_WITHDRAW:
		return 1;
	default:
		return 0;
	}
}

static int changes_status(enum case_action a)
{
	return strstr(lifecycle_status_actions_json(), action_keyword(a)) != NULL;
}

static struct case_state state_of(int64_t id)
{
	struct case_state_row r;
	struct case_state cs = {0};

	if (db_case_state(db, id, &r) == 1) {
		cs.status = (enum case_status)status_from_keyword(r.status);
		cs.perf = (enum performance)perf_from_keyword(r.performance);
		cs.mediator_id = r.mediator_id;
		cs.extended = r.extended;
		cs.booked = (int)testdb_int_id(db, "SELECT count(*) FROM sessions WHERE case_id = ? AND status = 'scheduled'", id);
	}
	return cs;
}

/* ---- 1. the matrix -------------------------------------------------------------- */

static void check_success(enum tstate t, enum case_action a, const struct actor *who, int64_t id,
			  const struct case_state *cs, int64_t version0, int64_t maxev0, const struct case_op_result *res)
{
	enum case_status want = action_target(a, cs->status);
	char sql[512];

	CHECK_INT(res->status, want);
	CHECK_INT(res->new_version, version0 + 1);
	CHECK_INT(testdb_int_id(db, "SELECT version FROM cases WHERE id = ?", id), version0 + 1);
	char *st = sql_text("SELECT status FROM cases WHERE id = ?", id);
	CHECK_STR(st, status_keyword(want));
	free(st);
	CHECK_INT(testdb_int_id(db, "SELECT coalesce(updated_by, 0) FROM cases WHERE id = ?", id), who->user_id);
	CHECK_INT(testdb_int_id(db, "SELECT last_event_at = '" NOW "' AND updated_at = '" NOW "' FROM cases WHERE id = ?", id),
		  1);
	/* exactly the expected events */
	snprintf(sql, sizeof sql, "SELECT count(*) FROM events WHERE id > %lld", (long long)maxev0);
	CHECK(testdb_int_id(db, sql, id) == 1 + has_note(a), "%s %s: %lld new events", tstate_name[t], action_keyword(a),
	      (long long)testdb_int_id(db, sql, id));
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM events WHERE id = %lld AND case_id = ?1 AND entity = 'case' AND "
		 "entity_id = ?1 AND coalesce(user_id, 0) = %lld AND action = '%s' AND at = '" NOW "'",
		 (long long)maxev0 + 1, (long long)who->user_id, action_keyword(a));
	CHECK(testdb_int_id(db, sql, id) == 1, "%s %s: event row", tstate_name[t], action_keyword(a));
	snprintf(sql, sizeof sql, "SELECT before || ' > ' || after FROM events WHERE id = %lld", (long long)maxev0 + 1);
	char *ba = sql_text(sql, id);
	char want_ba[256];
	switch (a) {
	case ACT_REASSIGN:
		snprintf(want_ba, sizeof want_ba, "张调解 > 李调解");
		break;
	case ACT_EXTEND:
		snprintf(want_ba, sizeof want_ba, "调解期限 2026-12-07 > 调解期限 2026-12-22（双方同意延长调解期限）");
		break;
	case ACT_PERFORM:
		snprintf(want_ba, sizeof want_ba, "待履行 > 履行完毕");
		break;
	case ACT_EVIDENCE:
		snprintf(want_ba, sizeof want_ba, " > 第%lld项 劳动合同（原件，3页，申请人提交，2026-11-19）；"
			 "来源：申请人持有；证明目的：证明劳动关系",
			 (long long)testdb_int_id(db, "SELECT max(ord) FROM evidence WHERE case_id = ?", id));
		break;
	default:
		snprintf(want_ba, sizeof want_ba, "%s > %s", status_keyword(cs->status), status_keyword(want));
		break;
	}
	if (a == ACT_SCHEDULE)
		CHECK(strncmp(ba, " > 2026-11-", 11) == 0 && strstr(ba, "第一调解室"), "schedule event: %s", ba);
	else
		CHECK_STR(ba, want_ba);
	/* status keywords exactly for the actions that set a status */
	CHECK(changes_status(a) == (a != ACT_REASSIGN && a != ACT_EXTEND && a != ACT_PERFORM && a != ACT_SCHEDULE &&
				    a != ACT_EVIDENCE),
	      "%s", action_keyword(a));
	free(ba);
	if (has_note(a)) {
		snprintf(sql, sizeof sql,
			 "SELECT count(*) FROM events WHERE id = %lld AND case_id = ? AND entity = 'case' AND "
			 "action = 'note' AND before = '' AND length(after) > 4",
			 (long long)maxev0 + 2);
		CHECK(testdb_int_id(db, sql, id) == 1, "%s: note event", action_keyword(a));
	}
	/* what the action leaves in the row */
	switch (a) {
	case ACT_CONFIRM:
		CHECK_INT(testdb_int_id(db, "SELECT confirm_how = 'phone' AND confirmed_at = '" NOW "' FROM cases WHERE id = ?", id),
			  1);
		break;
	case ACT_ACCEPT:
		CHECK_INT(testdb_int_id(db, "SELECT accepted_at = '" NOW "' AND deadline = '2026-12-07' FROM cases WHERE id = ?", id),
			  1);
		break;
	case ACT_REJECT:
	case ACT_FAIL:
	case ACT_WITHDRAW:
		CHECK_INT(testdb_int_id(db, "SELECT closed_at = '" NOW "' AND deadline IS NOT NULL AND reason != '' FROM cases "
				  "WHERE id = ?",
				  id),
			  1);
		break;
	case ACT_ASSIGN:
	case ACT_REASSIGN:
		CHECK_INT(testdb_int_id(db, "SELECT mediator_id FROM cases WHERE id = ?", id), a == ACT_ASSIGN ? m1 : m2);
		break;
	case ACT_SESSION:
		CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM sessions WHERE case_id = ? AND status = 'held' AND "
				  "day = '2026-11-20' AND minutes = 10",
				  id),
			  (t == T_ASSIGNED ? 1 : 2));
		break;
	case ACT_EXTEND:
		CHECK_INT(testdb_int_id(db, "SELECT extended = 1 AND deadline = '2026-12-22' FROM cases WHERE id = ?", id), 1);
		break;
	case ACT_AGREE:
		CHECK_INT(testdb_int_id(db, "SELECT performance = 'pending' AND closed_at = '" NOW "' AND deadline >= '2026-12-07' "
				  "FROM cases WHERE id = ?",
				  id),
			  1);
		CHECK_INT(testdb_int_id(db, "SELECT group_concat(ord || ':' || agreed_fen || ':' || coalesce(pay_date, '-')) "
				  "= '1:1000000:2026-12-01,2:0:-' FROM claims WHERE case_id = ?",
				  id),
			  1);
		break;
	case ACT_REFER:
		CHECK_INT(testdb_int_id(db, "SELECT closed_at = '" NOW "' AND reason = '双方分歧较大' FROM cases WHERE id = ?", id),
			  1);
		break;
	case ACT_PERFORM:
		CHECK_INT(testdb_int_id(db, "SELECT performance = 'performed' FROM cases WHERE id = ?", id), 1);
		break;
	case ACT_EVIDENCE:
		CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM evidence WHERE case_id = ? AND name = '劳动合同' "
				  "AND pages = 3 AND original = 1 AND party = 'applicant' AND submitted = '2026-11-19' "
				  "AND removed_at IS NULL",
				  id),
			  1);
		break;
	default:
		break;
	}
}

static void test_matrix(void)
{
	const struct actor *actors[] = {&admin, &clerk, &own, &other, &nomed, &clerk_assign};
	const char *actor_names[] = {"admin", "clerk", "own mediator", "other mediator", "mediator without roster",
				     "clerk (may assign)"};
	int64_t cached[T_COUNT] = {0}, last[T_COUNT] = {0};
	int legal = 0, illegal = 0;

	for (int t = 0; t < T_COUNT; t++) {
		for (int a = 0; a < ACT_COUNT; a++) {
			/* refused before the case is read: any case will do, and
			 * the evening's session slots of reach() are kept */
			int elsewhere = a == ACT_REPRESENT || a == ACT_SHARES;
			for (size_t k = 0; k < TJ_ARRAY_LEN(actors); k++) {
				const struct actor *who = actors[k];
				if (!cached[t] && !(elsewhere && last[t]))
					cached[t] = last[t] = reach((enum tstate)t);
				int64_t id = cached[t] ? cached[t] : last[t];
				struct case_state cs = state_of(id);
				const char *reason;
				int ok = a != ACT_REGISTER && a != ACT_EDIT && a != ACT_JOIN && a != ACT_REPRESENT &&
					 a != ACT_SHARES &&
					 lifecycle_check((enum case_action)a, &cs, who, &reason) == 0;
				char *before = snap(id);
				int64_t version0 = testdb_int_id(db, "SELECT version FROM cases WHERE id = ?", id);
				int64_t maxev0 = testdb_int_id(db, "SELECT max(id) FROM events WHERE ? > 0", id);
				struct case_op op = valid_op((enum case_action)a, id);
				struct case_op_result res;
				op.expect_version = version0;
				tj_error_clear();
				int rc = case_apply(db, &cfg, &hol, who, &op, &res);
				if (ok) {
					legal++;
					CHECK(rc == 0, "%s / %s / %s: %s", tstate_name[t], action_keyword(a),
					      actor_names[k], tj_errmsg());
					if (rc == 0) {
						if (a == ACT_SCHEDULE)
							sched_k++; /* keep the slot */
						if (a == ACT_SESSION)
							sess_k++;
						check_success((enum tstate)t, (enum case_action)a, who, id, &cs, version0,
							      maxev0, &res);
						cached[t] = 0; /* changed: a fresh one next time */
					}
				} else {
					illegal++;
					CHECK(rc == -1, "%s / %s / %s: accepted", tstate_name[t], action_keyword(a),
					      actor_names[k]);
					CHECK(tj_errmsg()[0] != '\0', "no message");
					CHECK_INT(res.conflict, 0);
					char *after = snap(id);
					CHECK(strcmp(before, after) == 0, "%s / %s / %s changed the case:\n %s\n %s",
					      tstate_name[t], action_keyword(a), actor_names[k], before, after);
					free(after);
					if (a == ACT_REGISTER || a == ACT_EDIT || a == ACT_JOIN || a == ACT_REPRESENT ||
					    a == ACT_SHARES)
						CHECK(strstr(tj_errmsg(), "此操作不能在此执行") != NULL, "%s", tj_errmsg());
					else
						CHECK_STR(tj_errmsg(), reason);
				}
				free(before);
			}
		}
	}
	/* the table has a fixed number of legal combinations: a change to it
	 * shows here (counted by hand from lifecycle.c for these
	 * twelve states and six actors) */
	fprintf(stderr, "matrix: %d legal, %d refused\n", legal, illegal);
	CHECK_INT(legal + illegal, T_COUNT * ACT_COUNT * 6);
	/* 64, and 登记证据 from the five open states: admin and both
	 * clerks everywhere, the own mediator once the case is theirs.
	 * 修改申请 (ACT_EDIT) is not case_apply's: it goes through
	 * case_correct (test_correct.c), so its five states add nothing
	 * here and it is refused with "此操作不能在此执行" above. */
	CHECK_INT(legal, 85);
}

/* ---- 2. inputs -------------------------------------------------------------------- */

/* Apply and expect a refusal naming field (when given) with text in the
 * message, and nothing changed. */
static void refused(const struct actor *who, const struct case_op *op, const char *field, const char *text)
{
	struct case_op_result res;
	char *before = snap(op->case_id);

	tj_error_clear();
	CHECK_INT(case_apply(db, &cfg, &hol, who, op, &res), -1);
	if (field)
		CHECK_STR(res.field, field);
	if (text)
		CHECK(strstr(tj_errmsg(), text) != NULL, "want \"%s\" in \"%s\"", text, tj_errmsg());
	char *after = snap(op->case_id);
	CHECK(strcmp(before, after) == 0, "changed:\n %s\n %s", before, after);
	CHECK(sqlite3_get_autocommit(db->h) != 0, "transaction left open");
	free(before);
	free(after);
}

static int applied(const struct actor *who, const struct case_op *op)
{
	struct case_op_result res;
	int rc = case_apply(db, &cfg, &hol, who, op, &res);

	if (rc != 0)
		fprintf(stderr, "  case_apply %s: %s\n", action_keyword(op->action), tj_errmsg());
	return rc == 0;
}

static void test_inputs(void)
{
	struct case_op op;
	int64_t id;

	/* reasons */
	id = reach(T_REGISTERED);
	op = valid_op(ACT_REJECT, id);
	op.reason = NULL;
	refused(&clerk, &op, "reason", "请填写不予受理理由");
	op.reason = "  \t ";
	refused(&clerk, &op, "reason", "请填写");
	op.reason = "理由\x07";
	refused(&clerk, &op, "reason", "控制字符");
	op.reason = "\xe7\x90";
	refused(&clerk, &op, "reason", "UTF-8");
	char long_reason[3 * 501 + 1] = "";
	for (int i = 0; i < 501; i++)
		strcat(long_reason, "字");
	op.reason = long_reason;
	refused(&clerk, &op, "reason", "过长");
	long_reason[3 * 500] = '\0';
	CHECK(applied(&clerk, &op), "500 characters are fine");
	char *note = sql_text("SELECT after FROM events WHERE case_id = ? AND action = 'note'", id);
	CHECK(strncmp(note, "不予受理理由：字字", strlen("不予受理理由：字字")) == 0, "%s", note);
	free(note);

	/* confirmation */
	id = reach(T_REGISTERED);
	op = valid_op(ACT_CONFIRM, id);
	op.confirm_how = "fax";
	refused(&clerk, &op, "confirm_how", "请选择确认方式");
	op.confirm_how = NULL;
	refused(&clerk, &op, "confirm_how", "请选择确认方式");
	op.confirm_how = "wechat";
	op.confirmed_at = "2026/11/20 09:00";
	refused(&clerk, &op, "confirmed_at", NULL);
	op.confirmed_at = "2026-11-20 25:00";
	refused(&clerk, &op, "confirmed_at", NULL);
	op.confirmed_at = "2026-11-20 10:01";
	refused(&clerk, &op, "confirmed_at", "晚于");
	op.confirmed_at = "2026-11-19 15:30";
	refused(&clerk, &op, "confirmed_at", "收件日期");
	op.confirmed_at = "2026-11-20 09:30";
	CHECK(applied(&clerk, &op), "confirmed earlier today");
	CHECK_INT(testdb_int_id(db, "SELECT confirm_how = 'wechat' AND confirmed_at = '2026-11-20 09:30:00' FROM cases "
			  "WHERE id = ?",
			  id),
		  1);
	note = sql_text("SELECT after FROM events WHERE case_id = ? AND action = 'note'", id);
	CHECK_STR(note, "确认方式：微信，2026-11-20 09:30");
	free(note);
	id = reach(T_REGISTERED);
	op = valid_op(ACT_CONFIRM, id);
	op.confirm_how = "sms";
	op.confirmed_at = "2026-11-20 08:15:42";
	CHECK(applied(&clerk, &op), "with seconds");
	CHECK_INT(testdb_int_id(db, "SELECT confirmed_at = '2026-11-20 08:15:42' FROM cases WHERE id = ?", id), 1);

	/* mediators */
	id = reach(T_ACCEPTED);
	op = valid_op(ACT_ASSIGN, id);
	op.mediator_id = 9999;
	refused(&admin, &op, "mediator_id", "调解员不存在或已停用");
	op.mediator_id = m3;
	refused(&admin, &op, "mediator_id", "调解员不存在或已停用");
	op.mediator_id = 0;
	refused(&admin, &op, "mediator_id", "调解员不存在或已停用");
	op.mediator_id = m2;
	CHECK(applied(&admin, &op), "assign m2");
	note = sql_text("SELECT after FROM events WHERE case_id = ? AND action = 'note' ORDER BY id DESC", id);
	CHECK_STR(note, "调解员：李调解");
	free(note);
	op = valid_op(ACT_REASSIGN, id);
	op.mediator_id = m2;
	refused(&admin, &op, "mediator_id", "相同");
	op.mediator_id = m3;
	refused(&admin, &op, "mediator_id", "已停用");

	/* agreement */
	id = reach(T_MEDIATING);
	struct case_op_agreed ag[3];
	op = valid_op(ACT_AGREE, id);
	op.agreed = ag;
	op.nagreed = 0;
	refused(&own, &op, "agreed", "协议");
	ag[0] = (struct case_op_agreed){1, 1200001, "2026-12-01", 0, NULL, 0, NULL, 0};
	op.nagreed = 1;
	refused(&own, &op, "agreed[0]", "协议金额不能超过请求金额");
	ag[0] = (struct case_op_agreed){2, 1, "2026-12-01", 0, NULL, 0, NULL, 0}; /* claim 2 asked for no money */
	refused(&own, &op, "agreed[0]", "协议金额不能超过请求金额");
	/* a wrong date is the date's fault, not the amount's */
	ag[0] = (struct case_op_agreed){1, 500000, NULL, 0, NULL, 0, NULL, 0};
	refused(&own, &op, "agreed[0].pay_date", "支付日期");
	ag[0].pay_date = "2026-02-30";
	refused(&own, &op, "agreed[0].pay_date", "支付日期");
	ag[0].pay_date = "2025-11-01";
	refused(&own, &op, "agreed[0].pay_date", "过早");
	ag[0] = (struct case_op_agreed){1, -5, NULL, 0, NULL, 0, NULL, 0};
	refused(&own, &op, "agreed[0]", "负数");
	ag[0] = (struct case_op_agreed){3, 0, NULL, 0, NULL, 0, NULL, 0};
	refused(&own, &op, "agreed[0]", "不存在");
	ag[0] = (struct case_op_agreed){1, 500000, "2026-12-15", 0, NULL, 0, NULL, 0};
	ag[1] = (struct case_op_agreed){1, 500000, "2026-12-15", 0, NULL, 0, NULL, 0};
	op.nagreed = 2;
	refused(&own, &op, "agreed[1]", "重复");
	op.nagreed = 1;
	CHECK(applied(&own, &op), "claim 1 only");
	/* a claim not listed is not agreed */
	CHECK_INT(testdb_int_id(db, "SELECT group_concat(ord || ':' || coalesce(agreed_fen, '-') || ':' || "
			  "coalesce(pay_date, '-') || ':' || waived || withdrawn) "
			  "= '1:500000:2026-12-15:00,2:-:-:00' FROM claims WHERE case_id = ?",
			  id),
		  1);
	note = sql_text("SELECT after FROM events WHERE case_id = ? AND action = 'note' ORDER BY id DESC", id);
	CHECK_STR(note, "达成协议：第1项 5,000.00元，2026-12-15前支付；第2项 未达成协议");
	free(note);
	/* each outcome as chosen; an amount typed beside one that is not
	 * 同意 is not used */
	id = reach(T_MEDIATING);
	op = valid_op(ACT_AGREE, id);
	op.agreed = ag;
	op.nagreed = 2;
	ag[0] = (struct case_op_agreed){1, 500000, "2026-12-15", AGREE_WITHDRAWN, NULL, 0, NULL, 0};
	ag[1] = (struct case_op_agreed){2, 0, NULL, AGREE_UNAGREED, NULL, 0, NULL, 0};
	refused(&own, &op, "agreed", "没有一项请求达成协议");
	ag[1].outcome = (enum agree_outcome)7;
	refused(&own, &op, "agreed[1].outcome", "请选择第2项的结果");
	ag[0] = (struct case_op_agreed){1, 500000, "2026-12-15", AGREE_WAIVED, NULL, 0, NULL, 0};
	ag[1] = (struct case_op_agreed){2, 0, NULL, AGREE_WITHDRAWN, NULL, 0, NULL, 0};
	CHECK(applied(&own, &op), "waived and withdrawn");
	CHECK_INT(testdb_int_id(db, "SELECT group_concat(ord || ':' || coalesce(agreed_fen, '-') || ':' || "
			  "coalesce(pay_date, '-') || ':' || waived || withdrawn) "
			  "= '1:0:-:10,2:-:-:01' FROM claims WHERE case_id = ?",
			  id),
		  1);
	note = sql_text("SELECT after FROM events WHERE case_id = ? AND action = 'note' ORDER BY id DESC", id);
	CHECK_STR(note, "达成协议：第1项 申请人放弃；第2项 申请人撤回");
	free(note);
	/* all zero is a settlement too (the applicant gives up the money) */
	id = reach(T_MEDIATING);
	ag[0] = (struct case_op_agreed){1, 0, NULL, 0, NULL, 0, NULL, 0};
	op = valid_op(ACT_AGREE, id);
	op.agreed = ag;
	op.nagreed = 1;
	CHECK(applied(&admin, &op), "zero settlement");

	/* performance */
	op = valid_op(ACT_PERFORM, id);
	op.perf = PERF_PENDING;
	refused(&clerk, &op, "perf", "履行情况");
	op.perf = PERF_NONE;
	refused(&clerk, &op, "perf", "履行情况");
	op.perf = PERF_DEFAULTED;
	CHECK(applied(&clerk, &op), "defaulted");
	CHECK_INT(testdb_int_id(db, "SELECT performance = 'defaulted' FROM cases WHERE id = ?", id), 1);
	refused(&clerk, &op, NULL, "已记录过");

	/* session notes */
	id = reach(T_ASSIGNED);
	op = valid_op(ACT_SESSION, id);
	op.note = "";
	refused(&own, &op, "note", "请填写调解情况");
	op.note = "第一行\n第二行";
	op.day = "2026-11-21";
	refused(&own, &op, "day", "尚未进行");
	op.day = "2026-11-20";
	op.start = "10:30";
	refused(&own, &op, "start", "尚未开始");
	op.start = "9:00";
	refused(&own, &op, "start", NULL);
	op.start = "09:00";
	op.room = "会议室";
	refused(&own, &op, "room", "不存在");
	op.room = NULL;
	op.minutes = 5;
	refused(&own, &op, "minutes", NULL);
	op.minutes = 0;
	CHECK(applied(&own, &op), "multi-line note, no room");
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM sessions WHERE case_id = ? AND status = 'held' AND start = '09:00' "
			  "AND room = '' AND note = '第一行\n第二行' AND mediator_id = (SELECT mediator_id FROM cases "
			  "WHERE id = ?1)",
			  id),
		  1);
	CHECK_INT(testdb_int_id(db, "SELECT status = 'mediating' FROM cases WHERE id = ?", id), 1);

	/* the special actions are not for case_apply; unknown case */
	op = (struct case_op){.action = ACT_EDIT, .case_id = id};
	refused(&admin, &op, NULL, "此操作不能在此执行");
	op.action = ACT_JOIN;
	refused(&admin, &op, NULL, "此操作不能在此执行");
	op.action = ACT_REGISTER;
	refused(&admin, &op, NULL, "此操作不能在此执行");
	op = valid_op(ACT_ACCEPT, 999999);
	struct case_op_result res;
	CHECK_INT(case_apply(db, &cfg, &hol, &admin, &op, &res), -1);
	CHECK_STR(tj_errmsg(), "案件不存在");
	CHECK(sqlite3_get_autocommit(db->h) != 0, "transaction left open");
}

/* ---- sessions -------------------------------------------------------------------- */

static struct case_op sched(int64_t id, const char *day, const char *start, int minutes, const char *room)
{
	struct case_op op = {.action = ACT_SCHEDULE, .case_id = id, .day = day, .start = start, .minutes = minutes,
			     .room = room};
	return op;
}

static void test_sessions(void)
{
	int64_t a = reach(T_ASSIGNED), b = reach(T_ASSIGNED), c = reach(T_ASSIGNED);
	struct case_op op;
	char *no_a = sql_text("SELECT case_no FROM cases WHERE id = ?", a);
	char want[256];

	/* c gets mediator m2 */
	op = valid_op(ACT_REASSIGN, c);
	CHECK(applied(&admin, &op), "reassign c");
	CHECK_INT(testdb_int_id(db, "SELECT mediator_id FROM cases WHERE id = ?", c), m2);

	op = sched(a, "2026-12-01", "09:00", 60, "第二调解室");
	CHECK(applied(&own, &op), "a 09:00-10:00");
	/* the same mediator, another room, overlapping */
	op = sched(b, "2026-12-01", "09:30", 60, "第三调解室");
	snprintf(want, sizeof want, "与 %s 09:00-10:00 第二调解室 冲突", no_a);
	refused(&own, &op, "start", want);
	CHECK(strstr(tj_errmsg(), "调解员") != NULL, "%s", tj_errmsg());
	/* another mediator, the same room, overlapping */
	op = sched(c, "2026-12-01", "08:30", 45, "第二调解室");
	refused(&admin, &op, "room", want);
	CHECK(strstr(tj_errmsg(), "调解室此时已被占用") != NULL, "%s", tj_errmsg());
	/* adjacent slots are no clash: before and after, same mediator, same room */
	op = sched(b, "2026-12-01", "10:00", 60, "第二调解室");
	CHECK(applied(&own, &op), "adjacent after");
	op = sched(c, "2026-12-01", "08:00", 60, "第二调解室");
	CHECK(applied(&other, &op), "adjacent before (other mediator)");
	/* another mediator and another room at the same time is fine */
	op = sched(c, "2026-12-01", "09:00", 60, "第三调解室");
	CHECK(applied(&other, &op), "parallel");
	/* a session inside another one */
	op = sched(b, "2026-12-01", "09:15", 30, "第一调解室");
	refused(&own, &op, "start", "冲突");
	/* the event says what was booked */
	char *ev = sql_text("SELECT after FROM events WHERE case_id = ? AND action = 'schedule' ORDER BY id DESC", b);
	CHECK_STR(ev, "2026-12-01 10:00-11:00 第二调解室");
	free(ev);

	/* bad inputs */
	op = sched(a, "2026-11-19", "09:00", 60, "第一调解室");
	refused(&own, &op, "day", "早于今天");
	op = sched(a, "2026-11-20", "09:00", 60, "第一调解室");
	refused(&own, &op, "start", "已过");
	op = sched(a, "20261201", "09:00", 60, "第一调解室");
	refused(&own, &op, "day", NULL);
	op = sched(a, NULL, "09:00", 60, "第一调解室");
	refused(&own, &op, "day", "请填写");
	op = sched(a, "2026-12-02", "07:30", 60, "第一调解室");
	refused(&own, &op, "start", "08:00至18:00");
	op = sched(a, "2026-12-02", "17:30", 60, "第一调解室");
	refused(&own, &op, "start", "08:00至18:00");
	op = sched(a, "2026-12-02", "25:00", 60, "第一调解室");
	refused(&own, &op, "start", NULL);
	op = sched(a, "2026-12-02", "09:00", 601, "第一调解室");
	refused(&own, &op, "minutes", NULL);
	op = sched(a, "2026-12-02", "09:00", 60, "第九调解室");
	refused(&own, &op, "room", "第九调解室");
	op = sched(a, "2026-12-02", "09:00", 60, NULL);
	refused(&own, &op, "room", "请选择调解室");
	op = sched(a, "2027-12-02", "09:00", 60, "第一调解室");
	refused(&own, &op, "day", "一年");
	/* later today is fine; default length from the configuration */
	op = sched(a, "2026-11-20", "14:00", 0, "第一调解室");
	CHECK(applied(&own, &op), "today 14:00");
	CHECK_INT(testdb_int_id(db, "SELECT minutes FROM sessions WHERE case_id = ? AND start = '14:00'", a), cfg.session_minutes);
	/* a mediator may not book for another's case */
	op = sched(a, "2026-12-03", "09:00", 60, "第一调解室");
	refused(&other, &op, NULL, "不是分派给您的");

	/* recording that day's session marks the booked one held */
	int64_t nsessions = testdb_int(db, "SELECT count(*) FROM sessions");
	op = (struct case_op){.action = ACT_SESSION, .case_id = a, .note = "调解员释明法律规定",
			      .attendance = "申请人\x01张三"};
	refused(&own, &op, "attendance", "到场人员含有控制字符");
	op.attendance = "申请人张三、被申请人委托代理人李律师";
	CHECK(applied(&own, &op), "record the booked session");
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM sessions"), nsessions);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM sessions WHERE case_id = ? AND start = '14:00' AND status = 'held' "
			  "AND room = '第一调解室' AND note = '调解员释明法律规定' "
			  "AND attendance = '申请人张三、被申请人委托代理人李律师'",
			  a),
		  1);
	/* recorded by the mediator's account */
	CHECK(own.user_id > 0, "the mediator has an account");
	CHECK_INT(testdb_int_id(db, "SELECT recorded_by FROM sessions WHERE case_id = ? AND start = '14:00'", a),
		  own.user_id);
	CHECK_INT(testdb_int_id(db, "SELECT status = 'mediating' FROM cases WHERE id = ?", a), 1);
	ev = sql_text("SELECT after FROM events WHERE case_id = ? AND action = 'note' ORDER BY id DESC", a);
	CHECK_STR(ev, "调解记录（2026-11-20 14:00-15:00 第一调解室）：调解员释明法律规定；到场人员：申请人张三、被申请人委托代理人李律师");
	free(ev);
	/* a second session in mediation: stays mediating */
	op = (struct case_op){.action = ACT_SESSION, .case_id = a, .note = "第二次调解", .start = "08:00",
			      .minutes = 30, .room = "第三调解室"};
	CHECK(applied(&own, &op), "second session");
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ? AND action = 'session' AND "
			  "before = 'mediating' AND after = 'mediating'",
			  a),
		  1);

	/* closing a case calls off what is still to come; reassigning too */
	op = sched(a, "2026-12-04", "09:00", 60, "第一调解室");
	CHECK(applied(&own, &op), "book");
	op = valid_op(ACT_WITHDRAW, a);
	CHECK(applied(&own, &op), "withdraw");
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM sessions WHERE case_id = ? AND status = 'cancelled'", a), 2);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM sessions WHERE case_id = ? AND status = 'scheduled'", a), 0);
	ev = sql_text("SELECT after FROM events WHERE case_id = ? AND action = 'note' ORDER BY id DESC", a);
	CHECK(strstr(ev, "取消待开的调解安排2次") != NULL, "%s", ev);
	free(ev);
	/* its slot is free again */
	op = sched(b, "2026-12-01", "09:00", 60, "第二调解室");
	CHECK(applied(&own, &op), "cancelled sessions do not clash");
	op = (struct case_op){.action = ACT_REASSIGN, .case_id = b, .mediator_id = m2};
	CHECK(applied(&admin, &op), "reassign b");
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM sessions WHERE case_id = ? AND status = 'scheduled'", b), 0);
	ev = sql_text("SELECT before || ' > ' || after FROM events WHERE case_id = ? AND action = 'reassign'", b);
	CHECK_STR(ev, "张调解 > 李调解（取消原定调解安排2次）");
	free(ev);
	free(no_a);
}

/* Recording a session that was not booked obeys the same clash rule as
 * booking: two sessions of one mediator, or two in one room, may not
 * overlap (issue 13: they were accepted). */
static void test_record_clash(void)
{
	int64_t a = reach(T_ASSIGNED), b = reach(T_ASSIGNED), c = reach(T_ASSIGNED);
	char *no_a = sql_text("SELECT case_no FROM cases WHERE id = ?", a);
	char want[256];
	struct case_op op = valid_op(ACT_REASSIGN, c);

	CHECK(applied(&admin, &op), "reassign c to m2");
	/* the next day, which nothing else of this test uses */
	setenv("TIAOJIE_NOW", "2026-11-21 18:00:00", 1);
	op = (struct case_op){.action = ACT_SESSION, .case_id = a, .day = "2026-11-21", .start = "09:00", .minutes = 60,
			      .room = "第一调解室", .note = "第一次调解"};
	CHECK(applied(&own, &op), "a held 09:00-10:00");
	int64_t held = testdb_int(db, "SELECT count(*) FROM sessions WHERE status = 'held'");
	snprintf(want, sizeof want, "与 %s 09:00-10:00 第一调解室 冲突", no_a);
	/* the same mediator, another room */
	op = (struct case_op){.action = ACT_SESSION, .case_id = b, .day = "2026-11-21", .start = "09:30", .minutes = 30,
			      .room = "第二调解室", .note = "重叠的调解"};
	refused(&own, &op, "start", want);
	CHECK(strstr(tj_errmsg(), "调解员此时已有安排") != NULL, "%s", tj_errmsg());
	/* the same mediator and the same room (the case of issue 13) */
	op.room = "第一调解室";
	refused(&admin, &op, "start", "调解员此时已有安排");
	/* the same mediator without a room */
	op.room = NULL;
	refused(&own, &op, "start", want);
	/* another mediator in the same room */
	op = (struct case_op){.action = ACT_SESSION, .case_id = c, .day = "2026-11-21", .start = "09:45", .minutes = 30,
			      .room = "第一调解室", .note = "同一调解室"};
	refused(&other, &op, "room", "调解室此时已被占用");
	CHECK(strstr(tj_errmsg(), no_a) != NULL, "%s", tj_errmsg());
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM sessions WHERE status = 'held'"), held);
	/* another mediator without a room, and the same mediator right after */
	op.room = NULL;
	CHECK(applied(&other, &op), "another mediator, no room");
	op = (struct case_op){.action = ACT_SESSION, .case_id = b, .day = "2026-11-21", .start = "08:30", .minutes = 30,
			      .room = "第一调解室", .note = "紧接其前"};
	CHECK(applied(&own, &op), "adjacent before, same mediator and room");
	setenv("TIAOJIE_NOW", NOW, 1);
	free(no_a);
}

/* ---- conflicts, deadlines, failures ---------------------------------------------- */

static void test_conflict(void)
{
	struct case_view cv;
	struct case_op op;
	struct case_op_result res;
	int64_t id = reach(T_CONFIRMED);

	CHECK_INT(case_load(db, &admin, id, &cv), 1);
	int64_t seen = cv.version;
	case_view_free(&cv);
	setenv("TIAOJIE_NOW", "2026-11-20 10:05:00", 1);
	op = valid_op(ACT_ACCEPT, id);
	op.expect_version = seen;
	CHECK(applied(&clerk, &op), "the clerk accepts first");
	setenv("TIAOJIE_NOW", NOW, 1);
	/* the admin's save over the old version */
	char *before = snap(id);
	op = valid_op(ACT_REJECT, id);
	op.expect_version = seen;
	CHECK_INT(case_apply(db, &cfg, &hol, &admin, &op, &res), -1);
	CHECK_INT(res.conflict, 1);
	CHECK_STR(res.changed_by, "窗口乙");
	CHECK_STR(res.changed_at, "2026-11-20 10:05:00");
	CHECK_STR(tj_errmsg(), "案件已被 窗口乙 于 2026-11-20 10:05:00 修改，请刷新后重新操作（您填写的内容已保留）");
	char *after = snap(id);
	CHECK_STR(after, before);
	free(before);
	free(after);
	/* refreshed: now the rules speak */
	CHECK_INT(case_load(db, &admin, id, &cv), 1);
	op.expect_version = cv.version;
	case_view_free(&cv);
	CHECK_INT(case_apply(db, &cfg, &hol, &admin, &op, &res), -1);
	CHECK_INT(res.conflict, 0);
	CHECK(strstr(tj_errmsg(), "不能") != NULL, "%s", tj_errmsg());
	/* a case last changed by the system */
	id = new_case_by(&sys_clerk);
	op = valid_op(ACT_CONFIRM, id);
	op.expect_version = 7;
	CHECK_INT(case_apply(db, &cfg, &hol, &clerk, &op, &res), -1);
	CHECK_INT(res.conflict, 1);
	CHECK_STR(res.changed_by, "系统");
	CHECK(strstr(tj_errmsg(), "案件已被 系统 于") != NULL, "%s", tj_errmsg());
	op.expect_version = 1;
	CHECK(applied(&clerk, &op), "right version");
}

static void test_deadlines(void)
{
	struct case_op op;
	struct case_op_result res;
	char want[11];

	/* accepted on 2026-09-16: fifteen days end on 2026-10-01, National Day;
	 * the deadline moves to the first working day after the holiday */
	setenv("TIAOJIE_NOW", "2026-09-16 10:00:00", 1);
	int64_t id = reach(T_ASSIGNED);
	tj_day today = date_from_ymd(2026, 9, 16);
	date_format(deadline_compute(&hol, today, 15, DAYS_CALENDAR), want);
	char *dl = sql_text("SELECT deadline FROM cases WHERE id = ?", id);
	CHECK_STR(dl, want);
	CHECK_STR(dl, "2026-10-08");
	free(dl);
	char *note = sql_text("SELECT after FROM events WHERE case_id = ? AND action = 'note' AND after LIKE '调解期限%'",
			      id);
	CHECK_STR(note, "调解期限：2026-10-08（15个自然日）");
	free(note);
	/* extended once, with the parties' consent */
	setenv("TIAOJIE_NOW", "2026-10-08 09:00:00", 1);
	op = valid_op(ACT_EXTEND, id);
	op.reason = NULL;
	refused(&own, &op, "reason", "双方同意延长");
	op.reason = "双方同意延长十五日";
	CHECK(applied(&own, &op), "extend");
	date_format(deadline_compute(&hol, date_from_ymd(2026, 10, 8), 15, DAYS_CALENDAR), want);
	dl = sql_text("SELECT deadline FROM cases WHERE id = ?", id);
	CHECK_STR(dl, want);
	CHECK_STR(dl, "2026-10-23");
	free(dl);
	CHECK_INT(testdb_int_id(db, "SELECT extended FROM cases WHERE id = ?", id), 1);
	note = sql_text("SELECT before || ' > ' || after FROM events WHERE case_id = ? AND action = 'extend'", id);
	CHECK_STR(note, "调解期限 2026-10-08 > 调解期限 2026-10-23（双方同意延长十五日）");
	free(note);
	/* and only once */
	refused(&own, &op, NULL, "只能延长一次");
	refused(&admin, &op, NULL, "只能延长一次");

	/* working days when so configured */
	setenv("TIAOJIE_NOW", "2026-09-30 10:00:00", 1);
	cfg.mediation_kind = DAYS_WORKING;
	cfg.mediation_days = 10;
	id = reach(T_CONFIRMED);
	op = valid_op(ACT_ACCEPT, id);
	CHECK_INT(case_apply(db, &cfg, &hol, &clerk, &op, &res), 0);
	date_format(deadline_compute(&hol, date_from_ymd(2026, 9, 30), 10, DAYS_WORKING), want);
	dl = sql_text("SELECT deadline FROM cases WHERE id = ?", id);
	CHECK_STR(dl, want);
	free(dl);
	cfg.mediation_kind = DAYS_CALENDAR;
	cfg.mediation_days = 15;

	/* 调解仲裁法 §14 counts from receipt: received 2026-11-09, accepted
	 * on the 25th, the fifteen days ended on the 24th - the deadline is
	 * already past at acceptance, and the note says so by its date */
	setenv("TIAOJIE_NOW", "2026-11-09 10:00:00", 1);
	id = reach(T_CONFIRMED);
	CHECK_INT(testdb_int_id(db, "SELECT received = '2026-11-09' FROM cases WHERE id = ?", id), 1);
	setenv("TIAOJIE_NOW", "2026-11-25 10:00:00", 1);
	op = valid_op(ACT_ACCEPT, id);
	CHECK_INT(case_apply(db, &cfg, &hol, &clerk, &op, &res), 0);
	date_format(deadline_compute(&hol, date_from_ymd(2026, 11, 9), 15, DAYS_CALENDAR), want);
	dl = sql_text("SELECT deadline FROM cases WHERE id = ?", id);
	CHECK_STR(dl, want);
	CHECK_STR(dl, "2026-11-24");
	free(dl);
	/* ... or from acceptance where the court counts so */
	setenv("TIAOJIE_NOW", "2026-11-09 10:00:00", 1);
	id = reach(T_CONFIRMED);
	setenv("TIAOJIE_NOW", "2026-11-25 10:00:00", 1);
	cfg.mediation_from_accepted = 1;
	op = valid_op(ACT_ACCEPT, id);
	CHECK_INT(case_apply(db, &cfg, &hol, &clerk, &op, &res), 0);
	dl = sql_text("SELECT deadline FROM cases WHERE id = ?", id);
	CHECK_STR(dl, "2026-12-10");
	free(dl);
	cfg.mediation_from_accepted = 0;
	setenv("TIAOJIE_NOW", NOW, 1);
}

static void test_failures(void)
{
	struct case_op op;
	struct case_op_result res;

	/* a failure half-way (the session insert) leaves nothing behind */
	int64_t id = reach(T_ASSIGNED);
	testdb_raw(db, "CREATE TRIGGER boom BEFORE INSERT ON sessions WHEN NEW.note = '炸' "
		       "BEGIN SELECT RAISE(ABORT, 'boom'); END");
	char *before = snap(id);
	op = valid_op(ACT_SESSION, id);
	op.note = "炸";
	CHECK_INT(case_apply(db, &cfg, &hol, &own, &op, &res), -1);
	CHECK(strstr(tj_errmsg(), "未写入任何数据") != NULL && strstr(tj_errmsg(), "boom"), "%s", tj_errmsg());
	char *after = snap(id);
	CHECK_STR(after, before);
	free(after);
	CHECK(sqlite3_get_autocommit(db->h) != 0, "transaction left open");
	testdb_raw(db, "DROP TRIGGER boom");

	/* another process holds the write lock past the busy timeout */
	sqlite3 *h2;
	CHECK_INT(sqlite3_open(db->path, &h2), SQLITE_OK);
	CHECK_INT(sqlite3_exec(h2, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db->h, 100);
	op = valid_op(ACT_SESSION, id);
	CHECK_INT(case_apply(db, &cfg, &hol, &own, &op, &res), -1);
	CHECK(strstr(tj_errmsg(), "数据库正被其他用户写入") != NULL, "%s", tj_errmsg());
	CHECK(sqlite3_get_autocommit(db->h) != 0, "transaction left open");
	sqlite3_exec(h2, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(h2);
	sqlite3_busy_timeout(db->h, 2000);
	after = snap(id);
	CHECK_STR(after, before);
	free(after);
	free(before);
	CHECK(applied(&own, &op), "works again once the lock is gone");
}

/* Moving and cancelling a booked session: a reason, the booking checks
 * and the one clash rule, one transaction with its event. */
static void test_move_cancel(void)
{
	int64_t a = reach(T_ASSIGNED), b = reach(T_MEDIATING), c = reach(T_ASSIGNED);
	struct case_op op = valid_op(ACT_REASSIGN, c);
	struct case_view cv;
	enum case_action acts[ACT_COUNT];

	CHECK(applied(&admin, &op), "reassign c to m2");
	/* nothing booked yet: neither is offered nor accepted */
	op = (struct case_op){.action = ACT_UNSCHEDULE, .case_id = a, .reason = "改期"};
	refused(&own, &op, NULL, "本案没有待进行的调解安排");
	op = sched(a, "2026-12-10", "09:00", 60, "第一调解室");
	CHECK(applied(&own, &op), "book a");
	int64_t sid = testdb_int_id(db, "SELECT max(id) FROM sessions WHERE case_id = ?", a);
	op = sched(c, "2026-12-10", "14:00", 60, "第二调解室");
	CHECK(applied(&other, &op), "book c (m2)");
	int64_t csid = testdb_int_id(db, "SELECT max(id) FROM sessions WHERE case_id = ?", c);
	CHECK_INT(case_load(db, &own, a, &cv), 1);
	CHECK_INT(case_booked(&cv), 1);
	int n = case_actions(&cv, &own, acts, ACT_COUNT), has_move = 0, has_cancel = 0;
	for (int i = 0; i < n; i++) {
		has_move |= acts[i] == ACT_RESCHEDULE;
		has_cancel |= acts[i] == ACT_UNSCHEDULE;
	}
	CHECK(has_move && has_cancel, "offered: move %d cancel %d", has_move, has_cancel);
	CHECK_INT(case_actions(&cv, &clerk, acts, ACT_COUNT), 2); /* withdraw, and evidence */
	int64_t version = cv.version;
	case_view_free(&cv);

	/* move: a reason, this case's session, the booking checks, clashes */
	op = (struct case_op){.action = ACT_RESCHEDULE, .case_id = a, .session_id = sid, .day = "2026-12-11",
			      .start = "10:00", .expect_version = version};
	refused(&own, &op, "reason", "请填写变更理由");
	op.reason = "申请人请假";
	op.session_id = csid;
	refused(&own, &op, "session", "请选择本案的一次调解安排");
	op.session_id = sid;
	op.start = "07:00";
	refused(&own, &op, "start", "08:00至18:00");
	op.day = "2026-11-19";
	op.start = "10:00";
	refused(&own, &op, "day", "早于今天");
	op.day = "2026-12-10";
	op.start = "14:30";
	op.room = "第二调解室";
	refused(&own, &op, "room", "调解室此时已被占用");
	op.day = "2026-12-10";
	op.start = "09:00";
	op.room = NULL;
	refused(&own, &op, "day", "与原安排相同");
	op.start = "10:00";
	op.day = "2026-12-11";
	refused(&other, &op, NULL, "不是分派给您的");
	refused(&clerk, &op, NULL, "窗口人员无权");
	int64_t ev0 = testdb_int(db, "SELECT max(id) FROM events");
	CHECK(applied(&own, &op), "moved");
	CHECK_INT(testdb_int_id(db, "SELECT day = '2026-12-11' AND start = '10:00' AND minutes = 60 AND "
			  "room = '第一调解室' AND status = 'scheduled' FROM sessions WHERE id = ?", sid),
		  1);
	CHECK_INT(testdb_int_id(db, "SELECT version FROM cases WHERE id = ?", a), version + 1);
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM events WHERE id > %lld", (long long)ev0);
	CHECK_INT(testdb_int(db, sql), 1);
	char *ev = sql_text("SELECT entity || '|' || action || '|' || before || '|' || after FROM events "
			    "WHERE case_id = ? ORDER BY id DESC LIMIT 1", a);
	CHECK_STR(ev, "case|reschedule|2026-12-10 09:00-10:00 第一调解室|2026-12-11 10:00-11:00 第一调解室（申请人请假）");
	free(ev);
	/* the old version is a conflict; overlapping its own old slot is fine */
	op.start = "10:30";
	CHECK_INT(case_apply(db, &cfg, &hol, &own, &op, &(struct case_op_result){0}), -1);
	CHECK(strstr(tj_errmsg(), "请刷新后重新操作") != NULL, "%s", tj_errmsg());
	op.expect_version = version + 1;
	op.minutes = 90;
	CHECK(applied(&own, &op), "moved within its own slot");

	/* cancel: a reason; the event; nothing left to move or cancel */
	op = (struct case_op){.action = ACT_UNSCHEDULE, .case_id = a, .session_id = sid};
	refused(&own, &op, "reason", "请填写取消理由");
	op.reason = "被申请人无法到场";
	CHECK(applied(&admin, &op), "cancelled");
	CHECK_INT(testdb_int_id(db, "SELECT status = 'cancelled' FROM sessions WHERE id = ?", sid), 1);
	ev = sql_text("SELECT entity || '|' || action || '|' || before || '|' || after FROM events "
		      "WHERE case_id = ? ORDER BY id DESC LIMIT 1", a);
	CHECK_STR(ev, "case|unschedule|2026-12-11 10:30-12:00 第一调解室|已取消（被申请人无法到场）");
	free(ev);
	refused(&own, &op, NULL, "本案没有待进行的调解安排");
	/* its slot is free again */
	op = sched(b, "2026-12-11", "10:30", 60, "第一调解室");
	CHECK(applied(&own, &op), "the cancelled slot is free");

	/* a held session is not moved */
	int64_t held = testdb_int_id(db, "SELECT max(id) FROM sessions WHERE case_id = ? AND status = 'held'", b);
	op = (struct case_op){.action = ACT_RESCHEDULE, .case_id = b, .session_id = held, .day = "2026-12-12",
			      .reason = "改期"};
	refused(&own, &op, "session", "已进行");

	/* an agreement calls off what is booked, and each one is in the trail */
	op = sched(b, "2026-12-14", "09:00", 60, "第三调解室");
	CHECK(applied(&own, &op), "second booking of b");
	ev0 = testdb_int(db, "SELECT max(id) FROM events");
	op = valid_op(ACT_AGREE, b);
	CHECK(applied(&own, &op), "agreed");
	snprintf(sql, sizeof sql, "SELECT group_concat(entity || '|' || action || '|' || before || '|' || after, '\n') "
		 "FROM (SELECT * FROM events WHERE id > %lld AND case_id = ? ORDER BY id)", (long long)ev0);
	ev = sql_text(sql, b);
	char *want = xasprintf("case|agree|mediating|agreed\n"
			       "case|note||达成协议：第1项 10,000.00元，2026-12-01前支付；第2项 同意（无金额）（取消待开的调解安排2次）\n"
			       "session|unschedule|2026-12-11 10:30-11:30 第一调解室|已取消：达成调解协议\n"
			       "session|unschedule|2026-12-14 09:00-10:00 第三调解室|已取消：达成调解协议");
	CHECK_STR(ev, want);
	free(want);
	free(ev);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events e JOIN sessions s ON s.id = e.entity_id WHERE "
			  "e.entity = 'session' AND s.case_id = ?1 AND e.case_id = ?1 AND s.status = 'cancelled'", b),
		  2);
	/* withdrawing calls off with its own reason */
	op = sched(c, "2026-12-15", "09:00", 60, "第一调解室");
	CHECK(applied(&other, &op), "book c again");
	op = valid_op(ACT_WITHDRAW, c);
	CHECK(applied(&admin, &op), "withdrawn");
	ev = sql_text("SELECT after FROM events WHERE case_id = ? AND entity = 'session' ORDER BY id DESC LIMIT 1", c);
	CHECK_STR(ev, "已取消：撤回申请");
	free(ev);
}

/* ---- the push to the applicant, and the answer ------------------------------------- */

static char *file_text(const char *path)
{
	FILE *f = fopen(path, "r");
	char buf[4096];
	size_t k = 0;

	if (!f)
		return xstrdup("(none)");
	k = fread(buf, 1, sizeof buf - 1, f);
	buf[k] = '\0';
	fclose(f);
	return xstrdup(buf);
}

static void test_push(void)
{
	struct case_view cv;
	struct case_op_result res;
	int64_t id = reach(T_REGISTERED);
	const char *out = testdb_path("push.out");
	char *saved = cfg.notify_command;

	cfg.notify_command = xasprintf("cat > '%s'", out);
	CHECK_INT(case_load(db, &clerk, id, &cv), 1);
	char *text = case_claims_text(&cv, &cfg);
	int64_t version = cv.version;
	case_view_free(&cv);
	char *before = snap(id);
	int64_t events = testdb_int(db, "SELECT count(*) FROM events");

	/* sent and recorded with the exact text; the case row untouched */
	unlink(out);
	CHECK_INT(case_push(db, &cfg, &clerk, id, version, &res), 0);
	char *sent = file_text(out);
	CHECK_STR(sent, text);
	free(sent);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events"), events + 1);
	char *ev = sql_text("SELECT entity || '|' || action || '|' || coalesce(user_id, 0) || '|' || before || '|' || after "
			    "FROM events WHERE case_id = ? ORDER BY id DESC LIMIT 1", id);
	char *want = xasprintf("case|push|%lld||推送至 13812345678：%s", (long long)uid_clerk, text);
	CHECK_STR(ev, want);
	free(want);
	free(ev);
	char *after = snap(id);
	/* snap counts every event: the only difference is that count */
	CHECK_INT(testdb_int_id(db, "SELECT version FROM cases WHERE id = ?", id), version);
	CHECK(strcmp(before, after) != 0, "the event count moved");
	free(after);
	free(before);

	/* the case changed since the user saw it: not sent, nothing written */
	unlink(out);
	events = testdb_int(db, "SELECT count(*) FROM events");
	char sql[160];
	snprintf(sql, sizeof sql, "UPDATE cases SET version = version + 1, updated_at = '2026-11-20 09:59:00', "
		 "updated_by = %lld WHERE id = %lld", (long long)uid_admin, (long long)id);
	CHECK_INT(testdb_raw(db, sql), SQLITE_OK);
	CHECK_INT(case_push(db, &cfg, &clerk, id, version, &res), -1);
	CHECK_INT(res.conflict, 1);
	CHECK_STR(tj_errmsg(), "案件已被 管理员甲 于 2026-11-20 09:59:00 修改，请刷新后重新推送");
	version++;
	CHECK(strstr(tj_errmsg(), "请刷新后重新推送") != NULL, "%s", tj_errmsg());
	CHECK(access(out, F_OK) != 0, "sent over a stale version");
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events"), events);
	/* a gateway that fails: nothing recorded */
	free(cfg.notify_command);
	cfg.notify_command = xstrdup("cat >/dev/null; exit 3");
	CHECK_INT(case_push(db, &cfg, &clerk, id, version, &res), -1);
	CHECK(strstr(tj_errmsg(), "退出码 3") != NULL, "%s", tj_errmsg());
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events"), events);
	/* who may: as for confirming (not a mediator) */
	free(cfg.notify_command);
	cfg.notify_command = xasprintf("cat > '%s'", out);
	CHECK_INT(case_push(db, &cfg, &own, id, version, &res), -1);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events"), events);

	/* the answer goes into the confirmation's note, word for word */
	struct case_op op = valid_op(ACT_CONFIRM, id);
	op.expect_version = version;
	op.answer = "第2项\x01";
	refused(&clerk, &op, "answer", "控制字符");
	op.answer = "请求无误，同意调解；希望尽快安排";
	CHECK(applied(&clerk, &op), "confirmed with the answer");
	char *note = sql_text("SELECT after FROM events WHERE case_id = ? ORDER BY id DESC LIMIT 1", id);
	CHECK_STR(note, "确认方式：电话，2026-11-20 10:00；申请人答复：请求无误，同意调解；希望尽快安排");
	free(note);
	/* once confirmed there is nothing to push */
	CHECK_INT(case_push(db, &cfg, &clerk, id, 0, &res), -1);
	CHECK(strstr(tj_errmsg(), "不能") != NULL || strstr(tj_errmsg(), "确认") != NULL, "%s", tj_errmsg());
	/* the timeline has the push before the confirmation */
	CHECK_INT(case_load(db, &clerk, id, &cv), 1);
	int push_at = -1, confirm_at = -1;
	for (int i = 0; i < cv.nevents; i++) {
		if (!strcmp(cv.events[i].action, "push"))
			push_at = i;
		if (!strcmp(cv.events[i].action, "confirm"))
			confirm_at = i;
	}
	CHECK(push_at >= 0 && confirm_at > push_at, "push %d, confirm %d", push_at, confirm_at);
	case_view_free(&cv);

	free(text);
	free(cfg.notify_command);
	cfg.notify_command = saved;
}

/* ---- 3. loading, texts, notify ---------------------------------------------------- */

static void test_load(void)
{
	struct case_view cv;
	enum case_action acts[ACT_COUNT];
	int64_t id = reach(T_MEDIATING);

	CHECK_INT(case_load(db, &other, id, &cv), -1);
	CHECK(strstr(tj_errmsg(), "不是分派给您的") != NULL, "%s", tj_errmsg());
	CHECK_INT(cv.nevents, 0);
	CHECK_INT(case_load(db, &nomed, id, &cv), -1);
	CHECK_INT(case_load(db, &admin, 999999, &cv), 0);

	db_document_add(db, id, "application", "2026-11-20 10:20:00", uid_clerk, "");
	db_document_add(db, id, "agreement", "2026-11-20 10:30:00", 0, "/tmp/x.pdf");
	CHECK_INT(case_load(db, &own, id, &cv), 1);
	CHECK_INT(cv.id, id);
	CHECK(strncmp(cv.case_no, "沪劳人调〔2026〕", strlen("沪劳人调〔2026〕")) == 0, "%s", cv.case_no);
	CHECK_INT(cv.status, ST_MEDIATING);
	CHECK_INT(cv.perf, PERF_NONE);
	CHECK_STR(cv.channel, "window");
	CHECK_STR(cv.received, "2026-11-20");
	CHECK(strstr(cv.facts, "拖欠工资") != NULL, "facts");
	CHECK_INT(cv.mediator_id, m1);
	CHECK_STR(cv.mediator_name, "张调解");
	CHECK_STR(cv.confirm_how, "phone");
	CHECK_STR(cv.confirmed_at, NOW);
	CHECK_STR(cv.accepted_at, NOW);
	CHECK_STR(cv.deadline, "2026-12-07");
	CHECK_STR(cv.closed_at, "");
	CHECK_INT(cv.has_deadline, 1);
	CHECK_INT(cv.days_left, 17);
	CHECK_INT(cv.version, 5);
	CHECK_STR(cv.updated_by, "管理员甲");
	/* the session that started mediation was recorded in the evening */
	CHECK_STR(cv.updated_at, "2026-11-20 23:59:00");
	CHECK_STR(cv.last_event_at, "2026-11-20 23:59:00");
	CHECK_INT(cv.napplicants, 1);
	CHECK_STR(cv.applicants[0].name, "张三");
	CHECK_STR(cv.applicants[0].id_type, "id");
	CHECK_STR(cv.applicants[0].id_no, "11010519491231002X");
	CHECK_STR(cv.applicants[0].gender, "F");
	CHECK_STR(cv.applicants[0].birth_date, "1949-12-31");
	CHECK_STR(cv.applicants[0].phone, "13812345678");
	CHECK_STR(cv.applicants[0].nationality, "中国");
	CHECK_STR(cv.applicants[0].uscc, "");
	CHECK_INT(cv.nrespondents, 1);
	CHECK_STR(cv.respondents[0].name, "上海某某科技有限公司");
	CHECK_STR(cv.respondents[0].uscc, "91350100M000100Y43");
	CHECK_STR(cv.respondents[0].legal_rep, "李四");
	CHECK_STR(cv.respondents[0].id_no, "");
	CHECK_INT(cv.nclaims, 2);
	CHECK_INT(cv.claims[0].ord, 1);
	CHECK_STR(cv.claims[0].cause, "0601");
	CHECK_STR(cv.claims[0].cause_name, "拖欠工资");
	CHECK_STR(cv.claims[0].text, "支付拖欠工资");
	CHECK_INT(cv.claims[0].amount_fen, 1200000);
	CHECK_INT(cv.claims[0].agreed_fen, -1);
	CHECK_STR(cv.claims[0].pay_date, "");
	CHECK_STR(cv.claims[1].cause_name, "离职证明和档案社保转移手续");
	CHECK_INT(cv.nsessions, 1);
	CHECK_STR(cv.sessions[0].day, "2026-11-20");
	CHECK(strlen(cv.sessions[0].start) == 5 && strcmp(cv.sessions[0].start, "10:00") > 0, "%s",
	      cv.sessions[0].start);
	CHECK_INT(cv.sessions[0].minutes, 10);
	CHECK_STR(cv.sessions[0].status, "held");
	CHECK_STR(cv.sessions[0].mediator, "张调解");
	CHECK_INT(cv.ndocuments, 2);
	CHECK_STR(cv.documents[0].kind, "application");
	CHECK_STR(cv.documents[0].user, "窗口乙");
	CHECK_STR(cv.documents[1].user, "系统");
	CHECK_STR(cv.documents[1].file, "/tmp/x.pdf");
	/* the timeline, oldest first: register (+ archives), confirm, accept,
	 * assign, session - each with its note */
	CHECK(cv.nevents >= 9, "%d events", cv.nevents);
	CHECK_STR(cv.events[0].action, "register");
	CHECK_STR(cv.events[0].user, "窗口乙");
	int ordered = 1, nstatus = 0;
	for (int i = 1; i < cv.nevents; i++) {
		ordered &= cv.events[i].id > cv.events[i - 1].id;
		nstatus += strcmp(cv.events[i].entity, "case") == 0 && strcmp(cv.events[i].action, "note") != 0;
	}
	CHECK(ordered, "oldest first");
	CHECK_INT(nstatus, 4);
	CHECK_STR(cv.events[cv.nevents - 1].action, "note");
	CHECK_STR(cv.events[cv.nevents - 2].action, "session");
	CHECK_STR(cv.events[cv.nevents - 2].before, "assigned");
	CHECK_STR(cv.events[cv.nevents - 2].after, "mediating");
	CHECK_STR(cv.events[cv.nevents - 2].user, "管理员甲");

	/* the actions offered */
	int n = case_actions(&cv, &own, acts, ACT_COUNT);
	CHECK_INT(n, 7);
	const enum case_action want_own[] = {ACT_SCHEDULE, ACT_SESSION, ACT_EXTEND,  ACT_AGREE,
					     ACT_FAIL,     ACT_WITHDRAW, ACT_EVIDENCE};
	for (int i = 0; i < n && i < 7; i++)
		CHECK_INT(acts[i], want_own[i]);
	/* the administrator's eight, and the correction (修改申请) last: in
	 * mediation it is the administrator's alone */
	n = case_actions(&cv, &admin, acts, ACT_COUNT);
	CHECK_INT(n, 9);
	CHECK_INT(acts[0], ACT_REASSIGN);
	CHECK_INT(acts[8], ACT_EDIT);
	n = case_actions(&cv, &clerk, acts, ACT_COUNT);
	CHECK_INT(n, 2);
	CHECK_INT(acts[0], ACT_WITHDRAW);
	CHECK_INT(acts[1], ACT_EVIDENCE);
	CHECK_INT(case_actions(&cv, &other, acts, ACT_COUNT), 0);
	CHECK_INT(case_actions(&cv, &admin, acts, 2), 2);

	/* case_find */
	int64_t found = 0;
	CHECK_INT(case_find(db, cv.case_no, &found), 1);
	CHECK_INT(found, id);
	CHECK_INT(case_find(db, "沪劳人调(2026)第99999号", &found), 0);
	CHECK_INT(case_find(db, "", &found), 0);
	/* the official 〔〕 typed as a keyboard gives them */
	{
		static const int kinds[] = {CASENUM_ASCII, CASENUM_FULLWIDTH};
		for (size_t k = 0; k < TJ_ARRAY_LEN(kinds); k++) {
			char *typed = casenum_brackets_as(cv.case_no, (enum casenum_brackets)kinds[k]);
			found = 0;
			CHECK(strcmp(typed, cv.case_no) != 0, "%s", typed);
			CHECK_INT(case_find(db, typed, &found), 1);
			CHECK_INT(found, id);
			free(typed);
		}
		/* a number issued under the earlier default, typed with 〔〕 */
		char q[256];
		snprintf(q, sizeof q, "UPDATE cases SET case_no = '沪劳人调(2026)第00077号' WHERE id = %lld", (long long)id);
		CHECK_INT(testdb_raw(db, q), SQLITE_OK);
		found = 0;
		CHECK_INT(case_find(db, "沪劳人调〔2026〕第00077号", &found), 1);
		CHECK_INT(found, id);
		snprintf(q, sizeof q, "UPDATE cases SET case_no = '%s' WHERE id = %lld", cv.case_no, (long long)id);
		CHECK_INT(testdb_raw(db, q), SQLITE_OK);
	}

	/* the claims text */
	char *text = case_claims_text(&cv, &cfg);
	char want[512];
	snprintf(want, sizeof want,
		 "【%s】张三：您申请调解的请求事项如下：1. 支付拖欠工资 12,000.00元（拖欠工资）；"
		 "2. 出具解除劳动合同证明（离职证明和档案社保转移手续）。被申请人：上海某某科技有限公司。"
		 "请核对，如无异议请回复确认。——上海市三方劳动人事争议联合调解中心",
		 cv.case_no);
	CHECK_STR(text, want);

	/* the notify command: $1 the phone, $2 the case number, stdin the text */
	const char *out = testdb_path("notify.out");
	char *cmd = xasprintf("printf '%%s %%s\\n' \"$1\" \"$2\" > '%s'; cat >> '%s'", out, out);
	free(cfg.notify_command);
	cfg.notify_command = cmd;
	CHECK_INT(case_notify(&cfg, "13812345678", cv.case_no, text), 0);
	FILE *f = fopen(out, "r");
	char got[2048] = "";
	if (f) {
		size_t k = fread(got, 1, sizeof got - 1, f);
		got[k] = '\0';
		fclose(f);
	}
	char *expect = xasprintf("13812345678 %s\n%s", cv.case_no, text);
	CHECK_STR(got, expect);
	free(expect);
	/* nothing configured */
	free(cfg.notify_command);
	cfg.notify_command = xstrdup("");
	CHECK_INT(case_notify(&cfg, "13812345678", cv.case_no, text), -1);
	CHECK_STR(tj_errmsg(), "未配置通知命令（[commands] notify）");
	/* a failing gateway, with what it said */
	free(cfg.notify_command);
	cfg.notify_command = xstrdup("exit 3");
	CHECK_INT(case_notify(&cfg, "13812345678", cv.case_no, text), -1);
	CHECK_STR(tj_errmsg(), "通知命令执行失败（退出码 3）");
	free(cfg.notify_command);
	cfg.notify_command = xstrdup("cat >/dev/null; echo '短信网关无响应' >&2; exit 2");
	CHECK_INT(case_notify(&cfg, "13812345678", cv.case_no, text), -1);
	CHECK_STR(tj_errmsg(), "通知命令执行失败（退出码 2）：短信网关无响应");
	/* a command that never reads a long message: no SIGPIPE for us */
	char *big = xmalloc(1 << 20);
	memset(big, 'x', (1 << 20) - 1);
	big[(1 << 20) - 1] = '\0';
	free(cfg.notify_command);
	cfg.notify_command = xstrdup("exit 0");
	CHECK_INT(case_notify(&cfg, "13812345678", cv.case_no, big), 0);
	free(cfg.notify_command);
	cfg.notify_command = xstrdup("head -c 10 >/dev/null; exit 4");
	CHECK_INT(case_notify(&cfg, "13812345678", cv.case_no, big), -1);
	CHECK(strstr(tj_errmsg(), "退出码 4") != NULL, "%s", tj_errmsg());
	free(big);
	/* one that hangs is killed after the time limit, with what it started */
	setenv("TIAOJIE_NOTIFY_TIMEOUT_MS", "300", 1);
	free(cfg.notify_command);
	cfg.notify_command = xstrdup("sleep 30 & sleep 30");
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_INT(case_notify(&cfg, "13812345678", cv.case_no, text), -1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	CHECK(strstr(tj_errmsg(), "已终止") != NULL, "%s", tj_errmsg());
	CHECK(t1.tv_sec - t0.tv_sec < 5, "took %lds", (long)(t1.tv_sec - t0.tv_sec));
	unsetenv("TIAOJIE_NOTIFY_TIMEOUT_MS");
	/* a command that is not there */
	free(cfg.notify_command);
	cfg.notify_command = xstrdup("/nonexistent/sms-send \"$1\"");
	CHECK_INT(case_notify(&cfg, "13812345678", cv.case_no, text), -1);
	CHECK(strstr(tj_errmsg(), "退出码 127") != NULL, "%s", tj_errmsg());
	free(cfg.notify_command);
	cfg.notify_command = xstrdup("");
	free(text);
	case_view_free(&cv);

	/* a collective dispute names the first applicant and the count */
	struct case_view many = {0};
	struct cv_party ps[12] = {{0}};
	struct cv_claim kc = {.ord = 1, .cause = "0601", .cause_name = (char *)"拖欠工资", .text = (char *)"支付工资",
			      .amount_fen = 100};
	for (int i = 0; i < 12; i++)
		ps[i].name = (char *)"工人";
	ps[0].name = (char *)"赵六";
	snprintf(many.case_no, sizeof many.case_no, "X1");
	many.applicants = ps;
	many.napplicants = 12;
	many.claims = &kc;
	many.nclaims = 1;
	text = case_claims_text(&many, &cfg);
	CHECK_STR(text, "【X1】赵六等12人：您申请调解的请求事项如下：1. 支付工资 1.00元（拖欠工资）。"
			"请核对，如无异议请回复确认。——上海市三方劳动人事争议联合调解中心");
	free(text);

	/* a case registered by the system shows "系统" */
	id = new_case_by(&sys_clerk);
	CHECK_INT(case_load(db, &clerk, id, &cv), 1);
	CHECK_STR(cv.updated_by, "系统");
	CHECK_STR(cv.events[0].user, "系统");
	CHECK_STR(cv.deadline, "2026-11-25");
	CHECK_INT(cv.has_deadline, 1);
	CHECK_INT(cv.days_left, 5);
	case_view_free(&cv);
	/* a closed case keeps its deadline on record; it no longer runs */
	id = reach(T_FAILED);
	CHECK_INT(case_load(db, &clerk, id, &cv), 1);
	CHECK_STR(cv.deadline, "2026-12-07");
	CHECK_STR(cv.closed_at, NOW);
	CHECK_STR(cv.reason, "双方分歧较大");
	CHECK_INT(cv.has_deadline, 0);
	case_view_free(&cv);
}

/* ---- setup ---------------------------------------------------------------------- */

static int64_t add_mediator(const char *name, int active)
{
	struct mediator_row m = {.name = name, .side = "hrss", .capacity = 20, .active = active,
				 .created_at = "2026-01-01 09:00:00"};

	if (db_mediator_insert(db, &m) < 0) {
		fprintf(stderr, "mediator: %s\n", tj_errmsg());
		exit(1);
	}
	return m.id;
}

static int64_t add_user(const char *login, const char *name, const char *role, int64_t med)
{
	struct user_rec u;
	int64_t id;

	if (auth_user_add(db, &cfg, 0, login, name, role, "secret-pass-1", med) < 0 || db_user_get(db, login, &u) <= 0) {
		fprintf(stderr, "user %s: %s\n", login, tj_errmsg());
		exit(1);
	}
	id = u.id;
	user_rec_free(&u);
	return id;
}

int main(void)
{
	setenv("TIAOJIE_NOW", NOW, 1);
	config_defaults(&cfg);
	db = testdb_new("casework.db");
	holidays_init(&hol);
	if (holidays_from_db(db, &hol) < 0) {
		fprintf(stderr, "%s\n", tj_errmsg());
		return 1;
	}
	m1 = add_mediator("张调解", 1);
	m2 = add_mediator("李调解", 1);
	m3 = add_mediator("王停用", 0);
	uid_admin = add_user("admin", "管理员甲", "admin", 0);
	uid_clerk = add_user("clerk", "窗口乙", "clerk", 0);
	uid_m1 = add_user("med1", "张调解", "mediator", m1);
	uid_m2 = add_user("med2", "李调解", "mediator", m2);
	admin = (struct actor){.role = ROLE_ADMIN, .user_id = uid_admin};
	clerk = (struct actor){.role = ROLE_CLERK, .user_id = uid_clerk};
	own = (struct actor){.role = ROLE_MEDIATOR, .user_id = uid_m1, .mediator_id = m1};
	other = (struct actor){.role = ROLE_MEDIATOR, .user_id = uid_m2, .mediator_id = m2};
	nomed = (struct actor){.role = ROLE_MEDIATOR, .user_id = uid_m2, .mediator_id = 0};
	clerk_assign = (struct actor){.role = ROLE_CLERK, .user_id = uid_clerk, .clerk_may_assign = 1};
	sys_clerk = (struct actor){.role = ROLE_CLERK, .user_id = 0};

	app = (struct intake_person){.id_type = "id", .id_no = "11010519491231002X", .name = "张三",
				     .phone = "138 1234 5678", .address = "上海市徐汇区漕溪北路1号"};
	emp = (struct intake_employer){.uscc = "91350100M000100Y43", .name = "上海某某科技有限公司",
				       .legal_rep = "李四"};
	claims[0] = (struct intake_claim){.cause = "0601", .text = "支付拖欠工资", .amount = "12000"};
	claims[1] = (struct intake_claim){.cause = "1701", .text = "出具解除劳动合同证明", .amount = ""};

	test_matrix();
	test_inputs();
	test_sessions();
	test_record_clash();
	test_move_cancel();
	test_push();
	test_conflict();
	test_deadlines();
	test_failures();
	test_load();

	/* the event log agrees with every case's status */
	struct strbuf rep;
	sb_init(&rep);
	CHECK_INT(db_check(db, lifecycle_status_actions_json(), &rep), 0);
	if (rep.buf)
		fprintf(stderr, "%s", rep.buf);
	sb_free(&rep);

	holidays_free(&hol);
	db_close(db);
	config_free(&cfg);
	testdb_cleanup();
	return tap_done();
}
