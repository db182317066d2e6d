/*
 * test_correct.c - correcting a registered application (case_correct,
 * 修改申请): an event with before and after for each kind of field, the
 * confirmation undone by a change of claims, an accepted case keeping its
 * acceptance and deadline, the version conflict, the administrator alone
 * after assignment, the case's own copy of its parties rewritten while
 * earlier cases keep theirs, applicants added and removed (their own
 * copies, agents, representatives and per-worker amounts), bad input
 * refused per field with nothing written, and the timeline's words.
 */
#include "tap.h"
#include "testdb.h"
#include "tiaojie/auth.h"
#include "tiaojie/casework.h"
#include "tiaojie/intake.h"

#define NOW "2026-11-20 10:00:00" /* a Friday */

static struct config cfg;
static struct holidays hol;
static struct db *db;
static struct actor admin, clerk, med;
static int64_t m1;

/* the application as a test changes it */
static struct intake_person app;
static struct intake_employer emp;
static struct intake_claim claims[4];
static struct intake in;

static void reset_application(void)
{
	app = (struct intake_person){.id_type = "id", .id_no = "11010519491231002X", .name = "周小梅",
				     .phone = "13812345678", .address = "上海市徐汇区漕溪北路1号", .occupation = "操作工"};
	emp = (struct intake_employer){.uscc = "91350100M000100Y43", .name = "上海某某科技有限公司", .legal_rep = "李四",
				       .address = "上海市徐汇区某路1号", .phone = "021-12345678", .district = "徐汇区"};
	claims[0] = (struct intake_claim){.cause = "0601", .text = "支付拖欠工资", .amount = "12000", .ord = 1};
	claims[1] = (struct intake_claim){.cause = "1701", .text = "出具解除劳动合同证明", .amount = "", .ord = 2};
	in = (struct intake){.channel = "window", .received = "2026-11-18", .facts = "申请人于2024年3月入职，被拖欠工资。",
			     .napplicants = 1, .applicants = &app, .nrespondents = 1, .respondents = &emp,
			     .nclaims = 2, .claims = claims};
}

static int64_t new_case(void)
{
	struct intake_result res = {0};

	reset_application();
	if (intake_register(db, &cfg, &clerk, &in, &res) < 0) {
		fprintf(stderr, "intake_register: %s\n", tj_errmsg());
		for (int i = 0; i < res.nproblems; i++)
			fprintf(stderr, "  %s: %s\n", res.problems[i].field, res.problems[i].msg);
		exit(1);
	}
	intake_result_free(&res);
	return res.case_id;
}

static void apply(int64_t id, enum case_action a)
{
	struct case_op op = {.action = a, .case_id = id, .confirm_how = "phone", .mediator_id = m1};
	struct case_op_result r;

	if (case_apply(db, &cfg, &hol, &admin, &op, &r) < 0) {
		fprintf(stderr, "%s: %s\n", action_keyword(a), tj_errmsg());
		exit(1);
	}
}

static int64_t version_of(int64_t id)
{
	return testdb_int_id(db, "SELECT version FROM cases WHERE id = ?", id);
}

static char *sql_text(const char *sql, int64_t id)
{
	return testdb_text(db, sql, id);
}

#define sql_is(sql, id, want)                          \
	do {                                           \
		char *got_ = sql_text((sql), (id));    \
		CHECK_STR(got_ ? got_ : "(null)", (want)); \
		free(got_);                            \
	} while (0)

/* Everything a correction could touch. */
static char *snap(int64_t id)
{
	return sql_text("SELECT json_array(c.status, c.channel, c.received, c.facts, c.confirm_how, c.confirmed_at, "
			"c.accepted_at, c.deadline, c.version, c.updated_at, "
			"(SELECT json_group_array(json_array(role, ord, person_id, employer_id, name, id_no, phone, "
			"address, legal_rep)) FROM case_parties WHERE case_id = c.id), "
			"(SELECT json_group_array(json_array(ord, cause, text, amount_fen)) FROM claims WHERE case_id = c.id), "
			"(SELECT count(*) FROM events), (SELECT group_concat(name || phone || address) FROM persons), "
			"(SELECT group_concat(name || legal_rep || phone) FROM employers)) FROM cases c WHERE c.id = ?",
			id);
}

/* The number of events of the case with this action, before and after. */
static int64_t events_like(int64_t id, const char *action, const char *before, const char *after)
{
	sqlite3_stmt *st;
	int64_t n = -1;

	sqlite3_prepare_v2(db->h,
			   "SELECT count(*) FROM events WHERE case_id = ?1 AND entity = 'case' AND action = ?2 "
			   "AND before = ?3 AND after = ?4",
			   -1, &st, NULL);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, before, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, after, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int correct(const struct actor *who, int64_t id, int64_t version, struct intake_result *res)
{
	tj_error_clear();
	int rc = case_correct(db, &cfg, who, id, version, &in, res);
	if (rc < 0 && getenv("TEST_VERBOSE"))
		fprintf(stderr, "case_correct: %s\n", tj_errmsg());
	return rc;
}

/* Expect a refusal, with a problem at field (when given) whose message
 * has text, and nothing written. */
static void refused(const struct actor *who, int64_t id, const char *field, const char *text)
{
	struct intake_result res;
	char *before = snap(id);

	CHECK_INT(correct(who, id, version_of(id), &res), -1);
	if (field) {
		int found = 0;
		for (int i = 0; i < res.nproblems; i++)
			if (!strcmp(res.problems[i].field, field) && strstr(res.problems[i].msg, text))
				found = 1;
		CHECK(found, "problem at %s with '%s' (first: %s %s)", field, text,
		      res.nproblems ? res.problems[0].field : "-", res.nproblems ? res.problems[0].msg : tj_errmsg());
	} else {
		CHECK(strstr(tj_errmsg(), text) != NULL, "message '%s' has '%s'", tj_errmsg(), text);
	}
	char *after = snap(id);
	CHECK(strcmp(before, after) == 0, "nothing written:\n %s\n %s", before, after);
	CHECK(sqlite3_get_autocommit(db->h) != 0, "transaction left open");
	free(before);
	free(after);
	intake_result_free(&res);
}

/* ---- each kind of field ----------------------------------------------------- */

static void test_fields(void)
{
	int64_t id = new_case();
	struct intake_result res;
	int64_t v0 = version_of(id);

	reset_application();
	in.channel = "online";
	in.received = "2026-11-13";
	in.facts = "申请人于2024年3月入职，被拖欠三个月工资。";
	app.phone = "139 1234 5678";
	app.address = "上海市闵行区某路2号";
	emp.legal_rep = "王五";
	emp.legal_rep_title = "执行董事";
	claims[0].amount = "12500";
	claims[1].text = "出具解除劳动合同的证明";
	claims[2] = (struct intake_claim){.cause = "0604", .text = "支付经济补偿", .amount = "3000"};
	in.nclaims = 3;
	CHECK_INT(correct(&clerk, id, v0, &res), 0);
	CHECK_INT(res.conflict, 0);
	CHECK_INT(res.new_version, v0 + 1);
	CHECK_INT(version_of(id), v0 + 1);
	CHECK_INT(res.reconfirm, 0); /* registered: nothing to undo */
	CHECK_INT(res.status, ST_REGISTERED);
	char *no = sql_text("SELECT case_no FROM cases WHERE id = ?", id);
	CHECK_STR(res.case_no ? res.case_no : "", no);
	free(no);
	intake_result_free(&res);

	/* one event each, before and after */
	CHECK_INT(events_like(id, "edit", "申请渠道：窗口", "申请渠道：网上"), 1);
	CHECK_INT(events_like(id, "edit", "收件日期：2026-11-18", "收件日期：2026-11-13"), 1);
	CHECK_INT(events_like(id, "edit", "事实与理由：申请人于2024年3月入职，被拖欠工资。",
			      "事实与理由：申请人于2024年3月入职，被拖欠三个月工资。"),
		  1);
	CHECK_INT(events_like(id, "edit", "申请人电话：13812345678", "申请人电话：13912345678"), 1);
	CHECK_INT(events_like(id, "edit", "申请人地址：上海市徐汇区漕溪北路1号", "申请人地址：上海市闵行区某路2号"), 1);
	CHECK_INT(events_like(id, "edit", "被申请人法定代表人：李四", "被申请人法定代表人：王五"), 1);
	CHECK_INT(events_like(id, "edit", "被申请人法定代表人职务：", "被申请人法定代表人职务：执行董事"), 1);
	CHECK_INT(events_like(id, "edit", "请求1 金额：12,000.00", "请求1 金额：12,500.00"), 1);
	CHECK_INT(events_like(id, "edit", "请求2 内容：出具解除劳动合同证明", "请求2 内容：出具解除劳动合同的证明"), 1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ? AND action = 'edit' AND before = '' "
				    "AND after LIKE '请求3：[0604 %] 支付经济补偿 3,000.00元'",
				id),
		  1);
	/* the acceptance deadline follows the receipt */
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ? AND action = 'edit' "
				    "AND before LIKE '受理期限：%' AND after LIKE '受理期限：%'",
				id),
		  1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ? AND entity = 'case' AND "
				    "action = 'edit'",
				id),
		  11);

	/* the rows */
	CHECK_INT(testdb_int_id(db, "SELECT channel = 'online' AND received = '2026-11-13' AND facts LIKE '%三个月%' "
				    "FROM cases WHERE id = ?",
				id),
		  1);
	CHECK_INT(testdb_int_id(db, "SELECT amount_fen FROM claims WHERE case_id = ? AND ord = 1", id), 1250000);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM claims WHERE case_id = ?", id), 3);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM case_parties WHERE case_id = ? AND phone = '13912345678' "
				    "AND address = '上海市闵行区某路2号'",
				id),
		  1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM case_parties WHERE case_id = ? AND legal_rep = '王五' "
				    "AND legal_rep_title = '执行董事'",
				id),
		  1);
	/* the archives, each with its own event */
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM persons WHERE phone = '13912345678'"), 1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ? AND entity = 'person' AND "
				    "action = 'update' AND after LIKE '%电话：13812345678 → 13912345678%'",
				id),
		  1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ? AND entity = 'employer' AND "
				    "action = 'update' AND after LIKE '%李四 → 王五%'",
				id),
		  1);

	/* a claim removed, one in the middle: the others renumbered, the
	 * removal in the log with the claim as it was */
	int64_t v1 = version_of(id);
	claims[1] = claims[2];
	claims[1].ord = 3;
	in.nclaims = 2;
	CHECK_INT(correct(&clerk, id, v1, &res), 0);
	intake_result_free(&res);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ? AND action = 'edit' AND after = '' "
				    "AND before LIKE '请求2：[1701 %] 出具解除劳动合同的证明 0.00元'",
				id),
		  1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM claims WHERE case_id = ?", id), 2);
	CHECK_INT(testdb_int_id(db, "SELECT amount_fen FROM claims WHERE case_id = ? AND ord = 2 AND cause = '0604'", id),
		  300000);

	/* a cause changed */
	v1 = version_of(id);
	claims[1].ord = 2;
	claims[1].cause = "0605";
	CHECK_INT(correct(&clerk, id, v1, &res), 0);
	intake_result_free(&res);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ? AND action = 'edit' "
				    "AND before LIKE '请求2 案由：0604 %' AND after LIKE '请求2 案由：0605 %'",
				id),
		  1);

	/* nothing changed: refused, nothing written */
	refused(&clerk, id, NULL, "没有变化");

	/* the log holds up */
	struct strbuf rep;
	sb_init(&rep);
	CHECK_INT(db_check(db, lifecycle_status_actions_json(), &rep), 0);
	if (rep.len)
		fprintf(stderr, "%s", rep.buf);
	sb_free(&rep);
}

/* ---- the confirmation -------------------------------------------------------- */

static void test_reconfirm(void)
{
	int64_t id = new_case();
	struct intake_result res;
	struct case_view cv;

	apply(id, ACT_CONFIRM);
	reset_application();
	/* a phone corrected: the claims stand, the confirmation too */
	app.phone = "13912345678";
	CHECK_INT(case_load(db, &clerk, id, &cv), 1);
	CHECK_INT(case_correct_resets(&cv, &in), 0);
	case_view_free(&cv);
	CHECK_INT(correct(&clerk, id, version_of(id), &res), 0);
	CHECK_INT(res.reconfirm, 0);
	CHECK_INT(res.status, ST_CONFIRMED);
	intake_result_free(&res);
	CHECK_INT(testdb_int_id(db, "SELECT status = 'confirmed' AND confirm_how = 'phone' FROM cases WHERE id = ?", id),
		  1);

	/* an amount corrected: back to registered, the applicant confirms again */
	claims[0].amount = "12500";
	CHECK_INT(case_load(db, &clerk, id, &cv), 1);
	CHECK_INT(case_correct_resets(&cv, &in), 1);
	case_view_free(&cv);
	CHECK_INT(correct(&clerk, id, version_of(id), &res), 0);
	CHECK_INT(res.reconfirm, 1);
	CHECK_INT(res.status, ST_REGISTERED);
	intake_result_free(&res);
	CHECK_INT(testdb_int_id(db, "SELECT status = 'registered' AND confirm_how IS NULL AND confirmed_at IS NULL "
				    "FROM cases WHERE id = ?",
				id),
		  1);
	CHECK_INT(events_like(id, "unconfirm", "confirmed", "registered"), 1);
	CHECK_INT(events_like(id, "note", "", "修改请求事项后需申请人重新确认"), 1);
	/* the status event is the last of the case's: `tiaojie check` agrees */
	struct strbuf rep;
	sb_init(&rep);
	CHECK_INT(db_check(db, lifecycle_status_actions_json(), &rep), 0);
	sb_free(&rep);
	/* and it can be confirmed again */
	apply(id, ACT_CONFIRM);
	CHECK_INT(testdb_int_id(db, "SELECT status = 'confirmed' FROM cases WHERE id = ?", id), 1);

	/* a claim added or removed resets it as well */
	CHECK_INT(case_load(db, &clerk, id, &cv), 1);
	in.nclaims = 1;
	CHECK_INT(case_correct_resets(&cv, &in), 1);
	in.nclaims = 2;
	claims[1].text = "出具解除劳动合同的证明";
	CHECK_INT(case_correct_resets(&cv, &in), 1);
	case_view_free(&cv);
}

/* ---- an accepted case --------------------------------------------------------- */

static void test_accepted(void)
{
	int64_t id = new_case();
	struct intake_result res;

	apply(id, ACT_CONFIRM);
	apply(id, ACT_ACCEPT);
	char *before = sql_text("SELECT json_array(status, accepted_at, deadline, confirm_how, confirmed_at) "
				"FROM cases WHERE id = ?",
				id);
	reset_application();
	claims[0].amount = "13000";
	in.received = "2026-11-16";
	CHECK_INT(correct(&clerk, id, version_of(id), &res), 0);
	CHECK_INT(res.reconfirm, 0);
	CHECK_INT(res.status, ST_ACCEPTED);
	intake_result_free(&res);
	char *after = sql_text("SELECT json_array(status, accepted_at, deadline, confirm_how, confirmed_at) "
			       "FROM cases WHERE id = ?",
			       id);
	CHECK_STR(after, before); /* acceptance, deadline and confirmation kept */
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ? AND before LIKE '受理期限%'", id), 0);
	CHECK_INT(testdb_int_id(db, "SELECT amount_fen FROM claims WHERE case_id = ? AND ord = 1", id), 1300000);
	free(before);
	free(after);

	/* a receipt after the acceptance cannot be (three days on) */
	setenv("TIAOJIE_NOW", "2026-11-23 10:00:00", 1);
	reset_application();
	claims[0].amount = "13000";
	in.received = "2026-11-21";
	refused(&clerk, id, "received", "不能晚于受理日期 2026-11-20");
	setenv("TIAOJIE_NOW", NOW, 1);
}

/* ---- the version ---------------------------------------------------------------- */

static void test_conflict(void)
{
	int64_t id = new_case();
	int64_t seen = version_of(id);
	struct intake_result res;

	/* someone else confirms the claims meanwhile */
	apply(id, ACT_CONFIRM);
	reset_application();
	claims[0].amount = "99";
	char *before = snap(id);
	CHECK_INT(correct(&clerk, id, seen, &res), -1);
	CHECK_INT(res.conflict, 1);
	CHECK_STR(res.changed_by, "管理员甲");
	CHECK_STR(res.changed_at, NOW);
	CHECK(strstr(tj_errmsg(), "管理员甲") && strstr(tj_errmsg(), "已保留"), "%s", tj_errmsg());
	char *after = snap(id);
	CHECK_STR(after, before);
	free(before);
	free(after);
	intake_result_free(&res);
	/* against the version now shown, it goes through */
	CHECK_INT(correct(&clerk, id, version_of(id), &res), 0);
	CHECK_INT(res.reconfirm, 1);
	intake_result_free(&res);
}

/* ---- who, and when ----------------------------------------------------------------- */

static void test_roles(void)
{
	int64_t id = new_case();
	struct intake_result res;

	apply(id, ACT_CONFIRM);
	apply(id, ACT_ACCEPT);
	apply(id, ACT_ASSIGN);
	reset_application();
	app.phone = "13912345678";
	refused(&clerk, id, NULL, "只有管理员");
	refused(&med, id, NULL, "调解员无权");
	CHECK_INT(correct(&admin, id, version_of(id), &res), 0);
	CHECK_INT(res.status, ST_ASSIGNED);
	intake_result_free(&res);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ? AND action = 'edit' AND user_id = "
				    "(SELECT id FROM users WHERE login = 'admin') AND after = '申请人电话：13912345678'",
				id),
		  1);

	/* a closed case: nobody */
	int64_t r = new_case();
	struct case_op op = {.action = ACT_REJECT, .case_id = r, .reason = "不属于受理范围"};
	struct case_op_result cr;
	CHECK_INT(case_apply(db, &cfg, &hol, &admin, &op, &cr), 0);
	reset_application();
	app.phone = "13912345678";
	refused(&admin, r, NULL, "已结案");
	refused(&clerk, 999999, NULL, "案件不存在");
}

/* ---- the parties' copies ------------------------------------------------------------- */

static void test_snapshots(void)
{
	/* two cases of the same worker and employer */
	int64_t first = new_case(), second = new_case();
	struct intake_result res;
	char *first_before = snap(first);
	int64_t persons = testdb_int(db, "SELECT count(*) FROM persons");

	reset_application();
	app.name = "周晓梅";
	app.phone = "13700000000";
	emp.address = "上海市浦东新区某路3号";
	CHECK_INT(correct(&clerk, second, version_of(second), &res), 0);
	intake_result_free(&res);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM case_parties WHERE case_id = ? AND name = '周晓梅' "
				    "AND phone = '13700000000'",
				second),
		  1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM case_parties WHERE case_id = ? AND "
				    "address = '上海市浦东新区某路3号'",
				second),
		  1);
	/* the archive has the latest, with its event; one person still */
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM persons"), persons);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM persons WHERE name = '周晓梅' AND phone = '13700000000'"), 1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ? AND entity = 'person' AND "
				    "after LIKE '%姓名：周小梅 → 周晓梅%'",
				second),
		  1);
	/* the earlier case keeps its copies */
	struct case_view cv;
	CHECK_INT(case_load(db, &clerk, first, &cv), 1);
	CHECK_STR(cv.applicants[0].name, "周小梅");
	CHECK_STR(cv.applicants[0].phone, "13812345678");
	CHECK_STR(cv.respondents[0].address, "上海市徐汇区某路1号");
	case_view_free(&cv);
	/* (the first case's snapshot differs from before only by the
	 * archives and the event count it also shows) */
	free(first_before);

	/* correcting the earlier case's facts leaves the archive alone:
	 * its old particulars do not take back the newer ones */
	int64_t pev = testdb_int(db, "SELECT count(*) FROM events WHERE entity IN ('person', 'employer')");
	reset_application();
	in.facts = "申请人于2024年3月入职，被拖欠工资两个月。";
	CHECK_INT(correct(&clerk, first, version_of(first), &res), 0);
	intake_result_free(&res);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE entity IN ('person', 'employer')"), pev);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM persons WHERE name = '周晓梅' AND phone = '13700000000'"), 1);

	/* another document: another person in this case only */
	reset_application();
	app.id_no = "110105198001010032";
	app.name = "周大梅";
	CHECK_INT(correct(&clerk, first, version_of(first), &res), 0);
	intake_result_free(&res);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM persons"), persons + 1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM case_parties p JOIN persons x ON x.id = p.person_id "
				    "WHERE p.case_id = ? AND x.id_no = '110105198001010032' AND p.name = '周大梅'",
				first),
		  1);
	CHECK_INT(events_like(first, "edit", "申请人证件号码：11010519491231002X", "申请人证件号码：110105198001010032"),
		  1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ? AND entity = 'person' AND "
				    "action = 'create'",
				first),
		  1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM case_parties p JOIN persons x ON x.id = p.person_id "
				    "WHERE p.case_id = ? AND x.id_no = '11010519491231002X' AND p.name = '周晓梅'",
				second),
		  1);

	/* a second respondent joined, then removed */
	struct intake_employer two[2];
	reset_application();
	app.id_no = "110105198001010032";
	app.name = "周大梅";
	two[0] = emp;
	two[1] = (struct intake_employer){.name = "上海某某劳务派遣有限公司", .legal_rep = "赵某"};
	in.respondents = two;
	in.nrespondents = 2;
	CHECK_INT(correct(&clerk, first, version_of(first), &res), 0);
	intake_result_free(&res);
	CHECK_INT(events_like(first, "edit", "", "被申请人2：上海某某劳务派遣有限公司"), 1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM case_parties WHERE case_id = ? AND role = 'respondent'", first),
		  2);
	in.nrespondents = 1;
	CHECK_INT(correct(&clerk, first, version_of(first), &res), 0);
	intake_result_free(&res);
	CHECK_INT(events_like(first, "edit", "被申请人2：上海某某劳务派遣有限公司", ""), 1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM case_parties WHERE case_id = ? AND role = 'respondent'", first),
		  1);
}

/* ---- respondents of another kind, and claims naming them ------------------------------- */

static void test_kinds(void)
{
	struct intake_employer two[2];
	struct intake_result res;
	static const int second[] = {2};

	/* registered with a 用工单位 and an individual employer, claim 1
	 * against the individual alone */
	reset_application();
	two[0] = emp;
	two[0].kind = "host";
	two[1] = (struct intake_employer){.kind = "individual", .id_type = "id", .id_no = "110105198001010032",
					  .name = "包工头王某", .phone = "13600000000", .address = "上海市某区某路9号"};
	in.respondents = two;
	in.nrespondents = 2;
	claims[0].nagainst = 1;
	claims[0].against = second;
	struct intake_result r0 = {0};
	if (intake_register(db, &cfg, &clerk, &in, &r0) < 0) {
		CHECK(0, "register with an individual respondent: %s", tj_errmsg());
		return;
	}
	int64_t id = r0.case_id;
	intake_result_free(&r0);
	for (int i = 0; i < 2; i++)
		claims[i].ord = i + 1;

	/* the individual's phone corrected: the person's copy in the case,
	 * the worker archive with its event; kinds kept */
	two[1].phone = "13600000001";
	CHECK_INT(correct(&clerk, id, version_of(id), &res), 0);
	intake_result_free(&res);
	CHECK_INT(events_like(id, "edit", "被申请人2 电话：13600000000", "被申请人2 电话：13600000001"), 1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM case_parties WHERE case_id = ? AND role = 'respondent' "
				    "AND ord = 2 AND kind = 'individual' AND person_id IS NOT NULL AND employer_id IS NULL "
				    "AND phone = '13600000001'",
				id),
		  1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM case_parties WHERE case_id = ? AND role = 'respondent' "
				    "AND ord = 1 AND kind = 'host'",
				id),
		  1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ? AND entity = 'person' AND "
				    "after LIKE '%13600000000 → 13600000001%'",
				id),
		  1);
	CHECK_INT(testdb_int_id(db, "SELECT against FROM claims WHERE case_id = ? AND ord = 1", id), 2);

	/* the individual removed while claim 1 names him alone: refused */
	in.nrespondents = 1;
	refused(&clerk, id, "claims[0].against", "被申请人2不存在");
	/* (a form that does not show a claim's respondents: the stored ones) */
	claims[0].nagainst = 0;
	refused(&clerk, id, "claims[0].against", "已被删除");
	/* a kind corrected (claim 1 still against the individual alone) */
	claims[0].nagainst = 1;
	in.nrespondents = 2;
	two[0].kind = "employer";
	CHECK_INT(correct(&clerk, id, version_of(id), &res), 0);
	intake_result_free(&res);
	CHECK_INT(events_like(id, "edit", "被申请人1 类型：用工单位", "被申请人1 类型：用人单位"), 1);
	struct strbuf rep;
	sb_init(&rep);
	CHECK_INT(db_check(db, lifecycle_status_actions_json(), &rep), 0);
	sb_free(&rep);
}

/* ---- agents ----------------------------------------------------------------------------- */

static void test_agents(void)
{
	struct intake_agent aa[2], ea[1];
	struct intake_result res;
	struct case_view cv;

	/* registered with a lawyer for the applicant and a member of staff
	 * for the respondent */
	reset_application();
	aa[0] = (struct intake_agent){.name = "张律师", .kind = "lawyer", .org = "上海某某律师事务所",
				      .phone = "13800000001", .authority = "general", .scope = ""};
	ea[0] = (struct intake_agent){.name = "赵某", .kind = "staff", .authority = "general"};
	emp.legal_rep_title = "执行董事"; /* as the archive has it by now */
	app.agents = aa;
	app.nagents = 1;
	emp.agents = ea;
	emp.nagents = 1;
	struct intake_result r0 = {0};
	if (intake_register(db, &cfg, &clerk, &in, &r0) < 0) {
		CHECK(0, "register with agents: %s", tj_errmsg());
		return;
	}
	int64_t id = r0.case_id;
	intake_result_free(&r0);
	apply(id, ACT_CONFIRM);

	/* the lawyer's name and phone corrected, a relative with a special
	 * authority added, the respondent's agent removed */
	aa[0].name = "王律师";
	aa[0].phone = "138 0000 0002";
	aa[1] = (struct intake_agent){.name = "周大海", .kind = "relative", .authority = "special",
				      .scope = "代为承认、放弃请求"};
	app.nagents = 2;
	emp.nagents = 0;
	CHECK_INT(case_load(db, &clerk, id, &cv), 1);
	CHECK_INT(case_correct_resets(&cv, &in), 0); /* agents are not the claims */
	case_view_free(&cv);
	CHECK_INT(correct(&clerk, id, version_of(id), &res), 0);
	CHECK_INT(res.nchanges, 4);
	CHECK_INT(res.reconfirm, 0);
	CHECK_INT(res.status, ST_CONFIRMED);
	intake_result_free(&res);
	CHECK_INT(events_like(id, "edit", "申请人 代理人1 姓名：张律师", "申请人 代理人1 姓名：王律师"), 1);
	CHECK_INT(events_like(id, "edit", "申请人 代理人1 电话：13800000001", "申请人 代理人1 电话：13800000002"), 1);
	CHECK_INT(events_like(id, "edit", "", "申请人 代理人2：周大海（近亲属，特别授权：代为承认、放弃请求）"), 1);
	CHECK_INT(events_like(id, "edit", "被申请人 代理人1：赵某（用人单位工作人员，一般授权）", ""), 1);
	char *rows = sql_text("SELECT group_concat(role || party_ord || '.' || ord || ' ' || name || ' ' || kind || ' ' || "
			      "phone || ' ' || authority || ' ' || scope, ' | ') FROM (SELECT * FROM case_agents "
			      "WHERE case_id = ? ORDER BY role, party_ord, ord)",
			      id);
	CHECK_STR(rows, "applicant1.1 王律师 lawyer 13800000002 general  | applicant1.2 周大海 relative  special 代为承认、放弃请求");
	free(rows);
	sql_is("SELECT status FROM cases WHERE id = ?", id, "confirmed");

	/* the timeline's words */
	char *t = case_edit_text("申请人 代理人1 姓名：张律师", "申请人 代理人1 姓名：王律师");
	CHECK_STR(t, "申请人 代理人1 姓名 张律师 → 王律师");
	free(t);
	t = case_edit_text("", "申请人 代理人2：周大海（近亲属，特别授权：代为承认、放弃请求）");
	CHECK_STR(t, "新增申请人 代理人2：周大海（近亲属，特别授权：代为承认、放弃请求）");
	free(t);

	/* the kind and authority of one changed; the other unchanged */
	aa[1].authority = "general";
	aa[1].scope = "";
	aa[1].kind = "union";
	CHECK_INT(correct(&clerk, id, version_of(id), &res), 0);
	CHECK_INT(res.nchanges, 3);
	intake_result_free(&res);
	CHECK_INT(events_like(id, "edit", "申请人 代理人2 类别：近亲属", "申请人 代理人2 类别：工会"), 1);
	CHECK_INT(events_like(id, "edit", "申请人 代理人2 代理权限：特别授权", "申请人 代理人2 代理权限：一般授权"), 1);
	CHECK_INT(events_like(id, "edit", "申请人 代理人2 授权范围：代为承认、放弃请求", "申请人 代理人2 授权范围："), 1);

	/* bad agents refused at their fields, nothing written */
	aa[1].authority = "special";
	refused(&clerk, id, "applicant[0].agents[1].scope", "特别授权须写明授权范围");
	aa[1].authority = "general";
	aa[1].phone = "12345";
	refused(&clerk, id, "applicant[0].agents[1].phone", "代理人电话");
	aa[1].phone = "";
	struct intake_agent three[3] = {aa[0], aa[1], aa[1]};
	app.agents = three;
	app.nagents = 3;
	refused(&clerk, id, "applicant[0].agents", "最多委托2名代理人");
	/* as the case has them: nothing to change */
	app.agents = aa;
	app.nagents = 2;
	refused(&clerk, id, NULL, "没有变化");
	/* a correction of an agent that races another user's change:
	 * refused with who changed the case and when, nothing written */
	int64_t seen = version_of(id);
	apply(id, ACT_ACCEPT); /* the other user */
	aa[0].org = "上海另一律师事务所";
	char *before = snap(id);
	char *agents0 = sql_text("SELECT group_concat(name || org, ',') FROM case_agents WHERE case_id = ?", id);
	CHECK_INT(correct(&clerk, id, seen, &res), -1);
	CHECK_INT(res.conflict, 1);
	CHECK_STR(res.changed_by, "管理员甲");
	CHECK(strstr(tj_errmsg(), "已保留") != NULL, "%s", tj_errmsg());
	intake_result_free(&res);
	char *after = snap(id);
	CHECK_STR(after, before);
	sql_is("SELECT group_concat(name || org, ',') FROM case_agents WHERE case_id = ?", id, agents0);
	free(before);
	free(after);
	free(agents0);
	/* against the version now held, it goes through */
	CHECK_INT(correct(&clerk, id, version_of(id), &res), 0);
	intake_result_free(&res);
	CHECK_INT(events_like(id, "edit", "申请人 代理人1 单位：上海某某律师事务所", "申请人 代理人1 单位：上海另一律师事务所"), 1);
	app.agents = NULL;
	app.nagents = 0;
	emp.agents = NULL;
}

/* ---- whom the claims are against -------------------------------------------------------------- */

static void test_against(void)
{
	struct intake_employer three[3];
	struct intake_agent ca[1];
	struct intake_result res;
	struct case_view cv;
	static const int first[] = {1}, both[] = {1, 2}, second[] = {2}, third[] = {3};

	/* 用人单位 and 用工单位: claim 1 against both, claim 2 against the
	 * first */
	reset_application();
	emp.legal_rep_title = "执行董事";
	three[0] = emp;
	three[1] = (struct intake_employer){.kind = "host", .uscc = "91310000MA1K000019", .name = "上海某某物流有限公司",
					    .legal_rep = "钱七", .address = "上海市浦东新区某路3号", .phone = "021-55555555"};
	in.respondents = three;
	in.nrespondents = 2;
	claims[1].nagainst = 1;
	claims[1].against = first;
	struct intake_result r0 = {0};
	if (intake_register(db, &cfg, &clerk, &in, &r0) < 0) {
		CHECK(0, "register with two respondents: %s", tj_errmsg());
		for (int i = 0; i < r0.nproblems; i++)
			fprintf(stderr, "  %s: %s\n", r0.problems[i].field, r0.problems[i].msg);
		return;
	}
	int64_t id = r0.case_id;
	intake_result_free(&r0);
	apply(id, ACT_CONFIRM);

	/* claim 2 against both, jointly: the confirmation undone, said
	 * before saving */
	claims[1].nagainst = 2;
	claims[1].against = both;
	claims[1].joint = 1;
	CHECK_INT(case_load(db, &clerk, id, &cv), 1);
	CHECK_INT(case_correct_resets(&cv, &in), 1);
	case_view_free(&cv);
	CHECK_INT(correct(&clerk, id, version_of(id), &res), 0);
	CHECK_INT(res.reconfirm, 1);
	CHECK_INT(res.status, ST_REGISTERED);
	CHECK_INT(res.nchanges, 2);
	intake_result_free(&res);
	CHECK_INT(events_like(id, "edit", "请求2 被申请人：上海某某科技有限公司",
			      "请求2 被申请人：上海某某科技有限公司、上海某某物流有限公司"),
		  1);
	CHECK_INT(events_like(id, "edit", "请求2 连带责任：否", "请求2 连带责任：是"), 1);
	CHECK_INT(events_like(id, "unconfirm", "confirmed", "registered"), 1);
	/* every respondent named: stored as all of them */
	sql_is("SELECT coalesce(against, '*') || '|' || joint FROM claims WHERE case_id = ? AND ord = 2", id, "*|1");
	char *t = case_edit_text("请求2 连带责任：否", "请求2 连带责任：是");
	CHECK_STR(t, "请求2 连带责任 否 → 是");
	free(t);

	/* confirmed again; only the joint liability undone: reset too */
	apply(id, ACT_CONFIRM);
	claims[1].joint = 0;
	CHECK_INT(case_load(db, &clerk, id, &cv), 1);
	CHECK_INT(case_correct_resets(&cv, &in), 1);
	case_view_free(&cv);
	CHECK_INT(correct(&clerk, id, version_of(id), &res), 0);
	CHECK_INT(res.reconfirm, 1);
	intake_result_free(&res);
	CHECK_INT(events_like(id, "edit", "请求2 连带责任：是", "请求2 连带责任：否"), 1);
	sql_is("SELECT coalesce(against, '*') || '|' || joint FROM claims WHERE case_id = ? AND ord = 2", id, "*|0");

	/* a third respondent, an individual with an agent, and a new claim
	 * against him alone; claim 1 (all of them) now against three */
	three[2] = (struct intake_employer){.kind = "individual", .id_type = "id", .id_no = "110105198001010032",
					    .name = "包工头王某", .phone = "13600000000", .address = "上海市某区某路9号"};
	ca[0] = (struct intake_agent){.name = "孙律师", .kind = "lawyer", .authority = "general"};
	three[2].agents = ca;
	three[2].nagents = 1;
	in.nrespondents = 3;
	claims[2] = (struct intake_claim){.cause = "0604", .text = "支付经济补偿", .amount = "3000", .nagainst = 1,
					  .against = third};
	in.nclaims = 3;
	CHECK_INT(correct(&clerk, id, version_of(id), &res), 0);
	intake_result_free(&res);
	CHECK_INT(events_like(id, "edit", "", "被申请人3：包工头王某"), 1);
	CHECK_INT(events_like(id, "edit", "", "被申请人3 代理人1：孙律师（律师，一般授权）"), 1);
	CHECK_INT(events_like(id, "edit", "请求1 被申请人：上海某某科技有限公司、上海某某物流有限公司",
			      "请求1 被申请人：上海某某科技有限公司、上海某某物流有限公司、包工头王某"),
		  1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ? AND action = 'edit' AND before = '' "
				    "AND after LIKE '请求3：[0604 %] 支付经济补偿 3,000.00元（被申请人：包工头王某）'",
				id),
		  1);
	CHECK_INT(testdb_int_id(db, "SELECT against FROM claims WHERE case_id = ? AND ord = 3", id), 3);
	claims[2].ord = 3;

	/* the individual removed while claim 3 names him alone: refused,
	 * whether the claim still names him or says nothing */
	in.nrespondents = 2;
	refused(&clerk, id, "claims[2].against", "被申请人3不存在");
	claims[2].nagainst = 0;
	refused(&clerk, id, "claims[2].against", "被申请人3（包工头王某）已被删除");
	/* a respondent the case does not have */
	in.nrespondents = 3;
	claims[2].nagainst = 1;
	three[0].ord = 1;
	three[1].ord = 7;
	three[2].ord = 3;
	refused(&clerk, id, "respondent[1]", "不是本案原有的被申请人");

	/* the first respondent removed from the middle of the list: the
	 * others take numbers 1 and 2 with their agents, the claims name
	 * them by their new numbers, and the log says only what changed */
	struct intake_employer two[2] = {three[1], three[2]};
	two[0].ord = 2;
	two[1].ord = 3;
	in.respondents = two;
	in.nrespondents = 2;
	claims[0].nagainst = 0; /* all of them */
	claims[1].nagainst = 1;
	claims[1].against = first; /* the 用工单位, now number 1 */
	claims[2].against = second; /* the individual, now number 2 */
	int64_t ev0 = testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ?", id);
	CHECK_INT(correct(&clerk, id, version_of(id), &res), 0);
	intake_result_free(&res);
	CHECK_INT(events_like(id, "edit", "被申请人1：上海某某科技有限公司", ""), 1);
	CHECK_INT(events_like(id, "edit", "请求1 被申请人：上海某某科技有限公司、上海某某物流有限公司、包工头王某",
			      "请求1 被申请人：上海某某物流有限公司、包工头王某"),
		  1);
	CHECK_INT(events_like(id, "edit", "请求2 被申请人：上海某某科技有限公司、上海某某物流有限公司",
			      "请求2 被申请人：上海某某物流有限公司"),
		  1);
	/* claim 3 is against the same person: no event; nor a renamed party */
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ? AND action = 'edit' AND "
				    "(before LIKE '请求3%' OR before LIKE '%名称%')",
				id),
		  0);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ?", id) - ev0, 3);
	sql_is("SELECT group_concat(ord || ' ' || name || ' ' || kind, ' | ') FROM (SELECT * FROM case_parties "
			   "WHERE case_id = ? AND role = 'respondent' ORDER BY ord)",
			   id,
		  "1 上海某某物流有限公司 host | 2 包工头王某 individual");
	sql_is("SELECT group_concat(party_ord || ' ' || name) FROM case_agents WHERE case_id = ? "
			   "AND role = 'respondent'",
			   id,
		  "2 孙律师");
	sql_is("SELECT group_concat(ord || ':' || coalesce(against, '*'), ' ') FROM (SELECT * FROM claims "
			   "WHERE case_id = ? ORDER BY ord)",
			   id,
		  "1:* 2:1 3:2");

	/* both replaced by a new one (ord -1): the old ones removed, not
	 * renamed; the claims now against the new one */
	struct intake_employer one = {.name = "上海新某某餐饮有限公司", .legal_rep = "孙八", .address = "上海市某区某路8号",
				       .ord = -1};
	in.respondents = &one;
	in.nrespondents = 1;
	for (int i = 0; i < 3; i++) {
		claims[i].nagainst = 0;
		claims[i].joint = 0;
	}
	/* claims 2 and 3 named a removed one: said anew, or refused */
	refused(&clerk, id, "claims[1].against", "被申请人1（上海某某物流有限公司）已被删除");
	claims[1].nagainst = claims[2].nagainst = 1;
	claims[1].against = claims[2].against = first;
	CHECK_INT(correct(&clerk, id, version_of(id), &res), 0);
	intake_result_free(&res);
	CHECK_INT(events_like(id, "edit", "被申请人1：上海某某物流有限公司", ""), 1);
	CHECK_INT(events_like(id, "edit", "被申请人2：包工头王某", ""), 1);
	CHECK_INT(events_like(id, "edit", "被申请人2 代理人1：孙律师（律师，一般授权）", ""), 1);
	CHECK_INT(events_like(id, "edit", "", "被申请人1：上海新某某餐饮有限公司"), 1);
	CHECK_INT(events_like(id, "edit", "请求3 被申请人：包工头王某", "请求3 被申请人：上海新某某餐饮有限公司"), 1);
	sql_is("SELECT group_concat(ord || ' ' || name, ' | ') FROM case_parties WHERE case_id = ? AND role = 'respondent'",
	       id, "1 上海新某某餐饮有限公司");
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM case_agents WHERE case_id = ? AND role = 'respondent'", id), 0);

	struct strbuf rep;
	sb_init(&rep);
	CHECK_INT(db_check(db, lifecycle_status_actions_json(), &rep), 0);
	if (rep.len)
		fprintf(stderr, "%s", rep.buf);
	sb_free(&rep);
}

/* ---- bad input ------------------------------------------------------------------------ */

static void test_bad_input(void)
{
	int64_t id = new_case();
	char big[INTAKE_MAX_FACTS_CHARS * 3 + 8];

	reset_application();
	app.phone = "12345";
	refused(&clerk, id, "applicant[0].phone", "联系电话");
	reset_application();
	app.id_no = "110105194912310022";
	refused(&clerk, id, "applicant[0].id_no", "居民身份证号码");
	reset_application();
	app.name = "";
	refused(&clerk, id, "applicant[0].name", "请填写申请人姓名");
	reset_application();
	emp.uscc = "91350100M000100Y44";
	refused(&clerk, id, "respondent[0].uscc", "统一社会信用代码");
	reset_application();
	claims[1].amount = "12.345";
	refused(&clerk, id, "claims[1].amount", "第2项请求");
	reset_application();
	claims[0].cause = "9999";
	refused(&clerk, id, "claims[0].cause", "不存在");
	reset_application();
	in.nclaims = 0;
	refused(&clerk, id, "claims", "至少需要一项请求事项");
	reset_application();
	in.channel = "fax";
	refused(&clerk, id, "channel", "请选择申请渠道");
	reset_application();
	in.received = "2026-11-21";
	refused(&clerk, id, "received", "不能晚于今天");
	reset_application();
	memset(big, 0, sizeof big);
	for (int i = 0; i < INTAKE_MAX_FACTS_CHARS + 1; i++)
		memcpy(big + 3 * i, "字", 3);
	in.facts = big;
	refused(&clerk, id, "facts", "最多5000个字");
	/* a claim that is not the case's */
	reset_application();
	claims[1].ord = 7;
	refused(&clerk, id, "claims[1]", "不是本案原有的请求");
	reset_application();
	claims[1].ord = 1;
	refused(&clerk, id, "claims[1]", "不是本案原有的请求");
}

/* ---- the timeline's words ---------------------------------------------------------------- */

/* ---- applicants added and removed ------------------------------------------------------------- */

static struct intake_person others[4];

static void reset_others(void)
{
	others[0] = (struct intake_person){.id_type = "id", .id_no = "440301198001010018", .name = "张三",
					   .phone = "13900000001", .address = "上海市静安区某路3号", .household = "rural",
					   .occupation = "焊工"};
	others[1] = (struct intake_person){.id_type = "id", .id_no = "110105198001010024", .name = "李四",
					   .phone = "13900000002", .address = "上海市静安区某路4号"};
	others[2] = (struct intake_person){.id_type = "id", .id_no = "310101199202020022", .name = "王五",
					   .phone = "13900000003", .address = "上海市静安区某路5号"};
}

/* The respondent's position of its legal representative as the case
 * took it from the archive at registration, for a correction to leave. */
static char title_buf[64];

static void title_as_case(int64_t id)
{
	char *t = sql_text("SELECT legal_rep_title FROM case_parties WHERE case_id = ? AND role = 'respondent'", id);

	snprintf(title_buf, sizeof title_buf, "%s", t ? t : "");
	free(t);
	emp.legal_rep_title = title_buf;
}

/* The case's applicants, "1 周小梅 | 2 张三", with whatever else sql adds. */
static char *applicants_of(int64_t id)
{
	return sql_text("SELECT group_concat(ord || ' ' || name, ' | ') FROM (SELECT * FROM case_parties "
			"WHERE case_id = ? AND role = 'applicant' ORDER BY ord)",
			id);
}

static void test_applicant_added(void)
{
	int64_t id = new_case();
	struct intake_person apps[2];
	struct intake_result res;

	apply(id, ACT_CONFIRM);
	reset_application();
	reset_others();
	apps[0] = app;
	apps[0].ord = 1;
	apps[1] = others[0];
	apps[1].ord = -1; /* a new one */
	in.applicants = apps;
	in.napplicants = 2;
	title_as_case(id);
	CHECK_INT(correct(&clerk, id, version_of(id), &res), 0);
	CHECK_INT(res.nchanges, 1);
	CHECK_INT(res.reconfirm, 0); /* the claims are as they were */
	CHECK_INT(res.status, ST_CONFIRMED);
	intake_result_free(&res);
	char *a = applicants_of(id);
	CHECK_STR(a, "1 周小梅 | 2 张三");
	free(a);
	/* the event, with his name, and the timeline's words for it */
	CHECK_INT(events_like(id, "edit", "", "申请人2：张三"), 1);
	char *t = case_edit_text("", "申请人2：张三");
	CHECK_STR(t, "增加申请人 张三");
	free(t);
	/* the case's own copy of his particulars, the number's sex and
	 * birth date with them, linked to the archive where he now is */
	sql_is("SELECT json_array(id_type, id_no, gender, birth_date, nationality, phone, address, household, "
	       "occupation, representative) FROM case_parties WHERE case_id = ? AND role = 'applicant' AND ord = 2",
	       id, "[\"id\",\"440301198001010018\",\"M\",\"1980-01-01\",\"中国\",\"13900000001\",\"上海市静安区某路3号\","
		   "\"rural\",\"焊工\",0]");
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM case_parties p JOIN persons q ON q.id = p.person_id "
				    "WHERE p.case_id = ? AND p.role = 'applicant' AND p.ord = 2 AND q.id_no = "
				    "'440301198001010018' AND q.name = '张三'",
				id),
		  1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ? AND entity = 'person' AND "
				    "entity_id = (SELECT id FROM persons WHERE id_no = '440301198001010018')",
				id),
		  1);
	/* a later case with other particulars of him leaves this case's copy */
	reset_application();
	app = others[0];
	app.phone = "13900000009";
	struct intake_result r2 = {0};
	CHECK_INT(intake_register(db, &cfg, &clerk, &in, &r2), 0);
	intake_result_free(&r2);
	sql_is("SELECT phone FROM case_parties WHERE case_id = ? AND role = 'applicant' AND ord = 2", id, "13900000001");
	sql_is("SELECT phone FROM persons WHERE id_no = '440301198001010018' AND ? > 0", id, "13900000009");
	reset_application();
}

static void test_applicant_removed(void)
{
	struct intake_person apps[3];
	struct intake_agent ag2[1], ag3[1];
	struct intake_result res;

	/* three applicants, the second and third with an agent each */
	reset_application();
	reset_others();
	ag2[0] = (struct intake_agent){.name = "李律师", .kind = "lawyer", .authority = "general"};
	ag3[0] = (struct intake_agent){.name = "王家属", .kind = "relative", .authority = "general"};
	apps[0] = app;
	apps[1] = others[1];
	apps[1].agents = ag2;
	apps[1].nagents = 1;
	apps[2] = others[2];
	apps[2].agents = ag3;
	apps[2].nagents = 1;
	in.applicants = apps;
	in.napplicants = 3;
	struct intake_result r0 = {0};
	if (intake_register(db, &cfg, &clerk, &in, &r0) < 0) {
		CHECK(0, "register three applicants: %s", tj_errmsg());
		return;
	}
	int64_t id = r0.case_id;
	intake_result_free(&r0);
	title_as_case(id);

	/* 李四, the second, registered by mistake: removed, 王五 takes his
	 * number and keeps his own agent */
	apps[0].ord = 1;
	apps[1] = apps[2];
	apps[1].ord = 3;
	in.napplicants = 2;
	CHECK_INT(correct(&clerk, id, version_of(id), &res), 0);
	CHECK_INT(res.nchanges, 2); /* he and his agent: 王五 unchanged */
	intake_result_free(&res);
	char *a = applicants_of(id);
	CHECK_STR(a, "1 周小梅 | 2 王五");
	free(a);
	sql_is("SELECT group_concat(party_ord || ' ' || name, ',') FROM case_agents WHERE case_id = ? AND role = 'applicant'",
	       id, "2 王家属");
	CHECK_INT(events_like(id, "edit", "申请人2：李四", ""), 1);
	CHECK_INT(events_like(id, "edit", "申请人2 代理人1：李律师（律师，一般授权）", ""), 1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ? AND action = 'edit' AND "
				    "(before LIKE '%王五%' OR after LIKE '%王五%')",
				id),
		  0);
	char *t = case_edit_text("申请人2：李四", "");
	CHECK_STR(t, "删除申请人 李四");
	free(t);
	/* the archive keeps him */
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM persons WHERE id_no = '110105198001010024' AND name = '李四'"), 1);

	/* the last one cannot go: at least one applicant remains */
	in.napplicants = 1;
	apps[0] = apps[1];
	apps[0].ord = 2;
	CHECK_INT(correct(&clerk, id, version_of(id), &res), 0); /* 周小梅 removed, 王五 alone */
	intake_result_free(&res);
	a = applicants_of(id);
	CHECK_STR(a, "1 王五");
	free(a);
	sql_is("SELECT group_concat(party_ord || ' ' || name, ',') FROM case_agents WHERE case_id = ? AND role = 'applicant'",
	       id, "1 王家属");
	in.napplicants = 0;
	refused(&clerk, id, "applicants", "至少需要一名申请人");
	a = applicants_of(id);
	CHECK_STR(a, "1 王五");
	free(a);

	/* a correction that races another user's change: refused, nothing
	 * written, the applicant not added */
	in.napplicants = 2;
	apps[0].ord = 1;
	apps[1] = others[1];
	apps[1].ord = -1;
	int64_t seen = version_of(id);
	apply(id, ACT_CONFIRM); /* the other user */
	char *before = snap(id);
	CHECK_INT(correct(&clerk, id, seen, &res), -1);
	CHECK_INT(res.conflict, 1);
	CHECK_STR(res.changed_by, "管理员甲");
	intake_result_free(&res);
	char *after = snap(id);
	CHECK_STR(after, before);
	free(before);
	free(after);
	a = applicants_of(id);
	CHECK_STR(a, "1 王五");
	free(a);
	/* against the version now held it goes through */
	CHECK_INT(correct(&clerk, id, version_of(id), &res), 0);
	intake_result_free(&res);
	a = applicants_of(id);
	CHECK_STR(a, "1 王五 | 2 李四");
	free(a);
	reset_application();
}

/* A collective dispute: the representatives it keeps, the removed
 * worker's own amounts gone with him and the claim's total less them,
 * the others' amounts renumbered with them. */
static void test_applicant_collective(void)
{
	struct intake_person apps[4];
	struct intake_share sh[4] = {{1, "1000"}, {2, "2000"}, {3, "3000"}, {4, "4000"}};
	struct intake_result res;
	struct case_view cv;
	int threshold = cfg.collective_threshold;

	cfg.collective_threshold = 3;
	reset_application();
	reset_others();
	apps[0] = app;
	apps[0].representative = 1;
	apps[1] = others[1]; /* 李四, a representative */
	apps[1].representative = 1;
	apps[2] = others[2];
	apps[3] = others[0];
	in.applicants = apps;
	in.napplicants = 4;
	claims[0].amount = "";
	claims[0].shares = sh;
	claims[0].nshares = 4;
	struct intake_result r0 = {0};
	if (intake_register(db, &cfg, &clerk, &in, &r0) < 0) {
		CHECK(0, "register a collective case: %s (%s)", tj_errmsg(), r0.nproblems ? r0.problems[0].msg : "");
		cfg.collective_threshold = threshold;
		return;
	}
	int64_t id = r0.case_id;
	intake_result_free(&r0);
	title_as_case(id);
	apply(id, ACT_CONFIRM);
	CHECK_INT(testdb_int_id(db, "SELECT amount_fen FROM claims WHERE case_id = ? AND ord = 1", id), 1000000);

	/* the form's claim: the total as the case has it, no shares */
	claims[0].shares = NULL;
	claims[0].nshares = 0;
	claims[0].amount = "10,000.00";
	for (int i = 0; i < 4; i++)
		apps[i].ord = i + 1;
	/* 李四 removed: one representative left - refused, saying so */
	apps[1] = apps[2];
	apps[2] = apps[3];
	in.napplicants = 3;
	refused(&clerk, id, "representatives", "删除后只剩1名代表");
	/* with 王五 elected too it goes through */
	apps[1].representative = 1;
	CHECK_INT(case_load(db, &clerk, id, &cv), 1);
	CHECK_INT(case_correct_resets(&cv, &in), 1); /* the claim's total changes */
	case_view_free(&cv);
	CHECK_INT(correct(&clerk, id, version_of(id), &res), 0);
	CHECK_INT(res.reconfirm, 1);
	CHECK_INT(res.status, ST_REGISTERED);
	intake_result_free(&res);
	char *a = sql_text("SELECT group_concat(ord || ' ' || name || ' ' || representative, ' | ') FROM (SELECT * FROM "
			   "case_parties WHERE case_id = ? AND role = 'applicant' ORDER BY ord)",
			   id);
	CHECK_STR(a, "1 周小梅 1 | 2 王五 1 | 3 张三 0");
	free(a);
	sql_is("SELECT group_concat(s.applicant || ':' || s.amount_fen, ',') FROM (SELECT s.* FROM claim_shares s JOIN "
	       "claims k ON k.id = s.claim_id WHERE k.case_id = ? AND k.ord = 1 ORDER BY s.applicant) s",
	       id, "1:100000,2:300000,3:400000");
	CHECK_INT(testdb_int_id(db, "SELECT amount_fen FROM claims WHERE case_id = ? AND ord = 1", id), 800000);
	CHECK_INT(events_like(id, "edit", "申请人2：李四", ""), 1);
	CHECK_INT(events_like(id, "edit", "李四 请求1 金额：2,000.00", ""), 1);
	CHECK_INT(events_like(id, "edit", "请求1 金额：10,000.00", "请求1 金额：8,000.00"), 1);
	CHECK_INT(events_like(id, "edit", "申请人2（原申请人3） 代表：否", "申请人2（原申请人3） 代表：是"), 1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ? AND action = 'unconfirm'", id), 1);
	sql_is("SELECT collective FROM cases WHERE id = ?", id, "1");

	/* a worker who is no representative leaves the representatives as
	 * they are: down to two applicants, the case stays collective */
	apps[0].ord = 1;
	apps[1].ord = 2;
	in.napplicants = 2;
	claims[0].amount = "8,000.00";
	CHECK_INT(correct(&clerk, id, version_of(id), &res), 0);
	intake_result_free(&res);
	CHECK_INT(testdb_int_id(db, "SELECT amount_fen FROM claims WHERE case_id = ? AND ord = 1", id), 400000);
	sql_is("SELECT collective FROM cases WHERE id = ?", id, "1");
	/* a representative of two removed: refused */
	in.napplicants = 1;
	claims[0].amount = "4,000.00";
	refused(&clerk, id, "representatives", "须有2至5名代表");

	cfg.collective_threshold = threshold;
	claims[0].amount = "12000";
	reset_application();
}

static void test_text(void)
{
	char *t;

	t = case_edit_text("请求2 金额：12,000.00", "请求2 金额：12,500.00");
	CHECK_STR(t, "请求2 金额 12,000.00 → 12,500.00");
	free(t);
	t = case_edit_text("事实与理由：旧的\n两行", "事实与理由：新的");
	CHECK_STR(t, "事实与理由已修改");
	free(t);
	t = case_edit_text("申请人电话：13812345678", "申请人电话：13912345678");
	CHECK_STR(t, "申请人电话 13812345678 → 13912345678");
	free(t);
	t = case_edit_text("申请人地址：", "申请人地址：上海市：某路");
	CHECK_STR(t, "申请人地址 （空） → 上海市：某路");
	free(t);
	t = case_edit_text("", "请求3：[0604 经济补偿] 支付经济补偿 3,000.00元");
	CHECK_STR(t, "新增请求3：[0604 经济补偿] 支付经济补偿 3,000.00元");
	free(t);
	t = case_edit_text("被申请人2：某公司", "");
	CHECK_STR(t, "删除被申请人2：某公司");
	free(t);
}

static int64_t add_user(const char *login, const char *name, const char *role, int64_t mediator)
{
	struct user_rec u;
	int64_t id;

	if (auth_user_add(db, &cfg, 0, login, name, role, "secret-pass-1", mediator) < 0 ||
	    db_user_get(db, login, &u) <= 0) {
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
	db = testdb_new("correct.db");
	holidays_init(&hol);
	if (holidays_from_db(db, &hol) < 0) {
		fprintf(stderr, "%s\n", tj_errmsg());
		return 1;
	}
	struct mediator_row m = {.name = "张调解", .side = "hrss", .capacity = 20, .active = 1,
				 .created_at = "2026-01-01 09:00:00"};
	if (db_mediator_insert(db, &m) < 0)
		return 1;
	m1 = m.id;
	admin = (struct actor){.role = ROLE_ADMIN, .user_id = add_user("admin", "管理员甲", "admin", 0)};
	clerk = (struct actor){.role = ROLE_CLERK, .user_id = add_user("clerk", "窗口乙", "clerk", 0)};
	med = (struct actor){.role = ROLE_MEDIATOR, .user_id = add_user("med1", "张调解", "mediator", m1),
			     .mediator_id = m1};

	test_fields();
	test_reconfirm();
	test_accepted();
	test_conflict();
	test_roles();
	test_snapshots();
	test_kinds();
	test_agents();
	test_against();
	test_applicant_added();
	test_applicant_removed();
	test_applicant_collective();
	test_bad_input();
	test_text();

	holidays_free(&hol);
	db_close(db);
	testdb_cleanup();
	return tap_done();
}
