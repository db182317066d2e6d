/*
 * test_evidence.c - the evidence list of a case (证据清单): items added,
 * changed and removed through case_apply (ACT_EVIDENCE), numbered within
 * the case and never renumbered, each change in the event log with its
 * before and after; bad input refused at its field with nothing written.
 */
#include "tap.h"
#include "testdb.h"
#include "tiaojie/casework.h"
#include "tiaojie/intake.h"

static struct config cfg;
static struct holidays hol;
static struct db *db;
static struct actor clerk = {.role = ROLE_CLERK, .user_id = 0};

static int64_t reg(void)
{
	struct intake_person p = {.id_type = "id", .id_no = "11010519491231002X", .name = "张三",
				  .phone = "13812345678"};
	struct intake_employer e = {.name = "上海某某科技有限公司"};
	struct intake_claim c = {.cause = "0601", .text = "支付拖欠工资", .amount = "1000"};
	struct intake in = {.channel = "window", .facts = "申请人被拖欠工资。", .napplicants = 1, .applicants = &p,
			    .nrespondents = 1, .respondents = &e, .nclaims = 1, .claims = &c};
	struct intake_result res = {0};

	if (intake_register(db, &cfg, &clerk, &in, &res) < 0)
		return -1;
	free(res.case_no);
	return res.case_id;
}

/* Apply an evidence op as who; the result code, with res filled. */
static int ev(const struct actor *who, int64_t case_id, int64_t item, int remove, const struct case_op_evidence *e,
	      struct case_op_result *res)
{
	struct case_op op = {.action = ACT_EVIDENCE, .case_id = case_id, .evidence_id = item,
			     .evidence_remove = remove, .evidence = e};
	tj_error_clear();
	return case_apply(db, &cfg, &hol, who, &op, res);
}

static int64_t item_id(int64_t case_id, int ord)
{
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT id FROM evidence WHERE case_id = ? AND ord = %d", ord);
	return testdb_int_id(db, sql, case_id);
}

int main(void)
{
	setenv("TIAOJIE_NOW", "2026-11-20 10:00:00", 1);
	config_defaults(&cfg);
	holidays_init(&hol);
	db = testdb_new("evidence.db");
	struct case_op_result res;
	struct case_view cv;

	int64_t id = reg();
	CHECK(id > 0, "case registered: %s", tj_errmsg());
	int64_t v0 = testdb_int_id(db, "SELECT version FROM cases WHERE id = ?", id);

	/* add two items */
	struct case_op_evidence a = {.name = "劳动合同", .source = "申请人持有", .purpose = "证明劳动关系", .pages = "3",
				     .original = 1, .party = "applicant", .submitted = "2026-11-19"};
	CHECK_INT(ev(&clerk, id, 0, 0, &a, &res), 0);
	struct case_op_evidence b = {.name = "工资条", .pages = "", .original = 0, .party = "applicant"};
	CHECK_INT(ev(&clerk, id, 0, 0, &b, &res), 0);
	CHECK_INT(testdb_int_id(db, "SELECT version FROM cases WHERE id = ?", id), v0 + 2);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM evidence WHERE case_id = ? AND ord = 2 AND pages = 1 "
				    "AND submitted = '2026-11-20' AND original = 0",
				id),
		  1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ? AND action = 'evidence' AND "
				    "before = '' AND after = '第1项 劳动合同（原件，3页，申请人提交，2026-11-19）；"
				    "来源：申请人持有；证明目的：证明劳动关系'",
				id),
		  1);

	/* change the first: blank texts keep, the rest as given */
	struct case_op_evidence c = {.name = "", .pages = "4", .original = -1, .party = "respondent"};
	CHECK_INT(ev(&clerk, id, item_id(id, 1), 0, &c, &res), 0);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM evidence WHERE case_id = ? AND ord = 1 AND name = '劳动合同' "
				    "AND pages = 4 AND original = 1 AND party = 'respondent' AND source = '申请人持有'",
				id),
		  1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ? AND action = 'evidence' "
				    "AND before LIKE '第1项 劳动合同（原件，3页，申请人提交%' "
				    "AND after LIKE '第1项 劳动合同（原件，4页，被申请人提交%'",
				id),
		  1);

	/* remove the second; the next item gets 3, not 2 again */
	CHECK_INT(ev(&clerk, id, item_id(id, 2), 1, NULL, &res), 0);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ? AND action = 'evidence' "
				    "AND before LIKE '第2项 工资条%' AND after = '删除证据第2项'",
				id),
		  1);
	struct case_op_evidence d = {.name = "考勤记录", .original = 0, .party = "respondent"};
	CHECK_INT(ev(&clerk, id, 0, 0, &d, &res), 0);
	CHECK_INT(case_load(db, &clerk, id, &cv), 1);
	CHECK_INT(cv.nevidence, 2);
	if (cv.nevidence == 2) {
		CHECK_INT(cv.evidence[0].ord, 1);
		CHECK_INT(cv.evidence[1].ord, 3);
		CHECK_STR(cv.evidence[1].name, "考勤记录");
		CHECK_STR(cv.evidence[1].party, "respondent");
	}
	case_view_free(&cv);
	/* a removed item cannot be changed or removed again */
	CHECK_INT(ev(&clerk, id, item_id(id, 2), 1, NULL, &res), -1);
	CHECK_STR(res.field, "evidence");
	CHECK_INT(ev(&clerk, id, item_id(id, 2), 0, &c, &res), -1);

	/* bad input: at its field, nothing written */
	int64_t rows = testdb_int(db, "SELECT count(*) FROM evidence");
	int64_t events = testdb_int(db, "SELECT count(*) FROM events");
	struct {
		struct case_op_evidence e;
		const char *field, *msg;
	} bad[] = {
		{{.name = "", .party = "applicant"}, "evidence.name", "请填写证据名称"},
		{{.name = "合同\x01", .party = "applicant"}, "evidence.name", "控制字符"},
		{{.name = "合同", .pages = "0", .party = "applicant"}, "evidence.pages", "页数应为1至9999的整数"},
		{{.name = "合同", .pages = "3页", .party = "applicant"}, "evidence.pages", "页数应为1至9999的整数"},
		{{.name = "合同", .pages = "10000", .party = "applicant"}, "evidence.pages", "页数"},
		{{.name = "合同", .party = "witness"}, "evidence.party", "请选择提交证据的一方"},
		{{.name = "合同", .party = NULL}, "evidence.party", "请选择提交证据的一方"},
		{{.name = "合同", .party = "applicant", .submitted = "2026-11-21"}, "evidence.submitted", "不能晚于今天"},
		{{.name = "合同", .party = "applicant", .submitted = "20261119"}, "evidence.submitted", "格式"},
		{{.name = "合同", .party = "applicant", .source = "\xff"}, "evidence.source", "UTF-8"},
	};
	for (size_t i = 0; i < TJ_ARRAY_LEN(bad); i++) {
		CHECK_INT(ev(&clerk, id, 0, 0, &bad[i].e, &res), -1);
		CHECK_STR(res.field, bad[i].field);
		CHECK(strstr(tj_errmsg(), bad[i].msg) != NULL, "bad %zu: %s", i, tj_errmsg());
	}
	char longname[400] = "";
	for (int i = 0; i < 101; i++)
		strcat(longname, "证");
	struct case_op_evidence lg = {.name = longname, .party = "applicant"};
	CHECK_INT(ev(&clerk, id, 0, 0, &lg, &res), -1);
	CHECK(strstr(tj_errmsg(), "过长（最多100个字，现有101个字）") != NULL, "%s", tj_errmsg());
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM evidence"), rows);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events"), events);

	/* who may: a mediator only on their own case; a closed case takes none */
	struct actor other = {.role = ROLE_MEDIATOR, .user_id = 0, .mediator_id = 99};
	CHECK_INT(ev(&other, id, 0, 0, &d, &res), -1);
	struct case_op rej = {.action = ACT_REJECT, .case_id = id, .reason = "不属于受理范围"};
	CHECK_INT(case_apply(db, &cfg, &hol, &clerk, &rej, &res), 0);
	CHECK_INT(ev(&clerk, id, 0, 0, &d, &res), -1);
	CHECK(strstr(tj_errmsg(), "已结案") != NULL, "closed: %s", tj_errmsg());
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM evidence"), rows);

	holidays_free(&hol);
	db_close(db);
	config_free(&cfg);
	testdb_cleanup();
	return tap_done();
}
