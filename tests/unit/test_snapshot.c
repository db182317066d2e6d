/*
 * test_snapshot.c - a case keeps its parties as they stood in its
 * application: a later application that changes the worker's or the
 * employer's particulars updates the archive (with its own event) and the
 * new case, never the earlier one.
 */
#include "tap.h"
#include "testdb.h"
#include "tiaojie/casework.h"
#include "tiaojie/intake.h"

static struct config cfg;
static struct actor clerk = {.role = ROLE_CLERK, .user_id = 0};

static int64_t reg(struct db *db, const char *name, const char *phone, const char *address, const char *rep,
		   const char *emp_phone)
{
	struct intake_person p = {.id_type = "id", .id_no = "11010519491231002X", .name = name, .phone = phone,
				  .address = address};
	struct intake_employer e = {.uscc = "91350100M000100Y43", .name = "上海某某科技有限公司", .legal_rep = rep,
				    .address = "上海市徐汇区某路1号", .phone = emp_phone, .district = "徐汇区"};
	struct intake_claim c = {.cause = "0601", .text = "支付拖欠工资", .amount = "1000"};
	struct intake in = {.channel = "window", .facts = "申请人被拖欠工资。", .napplicants = 1, .applicants = &p,
			    .nrespondents = 1, .respondents = &e, .nclaims = 1, .claims = &c};
	struct intake_result res = {0};

	if (intake_register(db, &cfg, &clerk, &in, &res) < 0) {
		for (int i = 0; i < res.nproblems; i++)
			fprintf(stderr, "  problem %s: %s\n", res.problems[i].field, res.problems[i].msg);
		fprintf(stderr, "  %s\n", tj_errmsg());
		return -1;
	}
	free(res.case_no);
	return res.case_id;
}

int main(void)
{
	setenv("TIAOJIE_NOW", "2026-11-20 10:00:00", 1);
	config_defaults(&cfg);
	struct db *db = testdb_new("snapshot.db");
	struct case_view a, b;

	int64_t first = reg(db, "周小梅", "13812345678", "上海市徐汇区漕溪北路1号", "李四", "021-12345678");
	CHECK(first > 0, "first case registered");
	/* the same worker and employer come again with other particulars */
	int64_t second = reg(db, "周小梅梅", "+1 415 555 0123", "上海市闵行区某路2号", "王五", "021-87654321");
	CHECK(second > 0 && second != first, "second case registered");

	/* one archive row each, holding the latest particulars */
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM persons"), 1);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM persons WHERE name = '周小梅梅' AND phone = '+14155550123'"), 1);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM employers WHERE legal_rep = '王五'"), 1);

	/* the archive change is its own event, with before and after */
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE entity = 'person' AND action = 'update' "
				 "AND after LIKE '%姓名：周小梅 → 周小梅梅%' AND after LIKE '%电话：13812345678 → +14155550123%'"),
		  1);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE entity = 'employer' AND action = 'update' "
				 "AND after LIKE '%李四 → 王五%'"),
		  1);

	/* the earlier case is as it was registered */
	CHECK_INT(case_load(db, &clerk, first, &a), 1);
	if (a.napplicants == 1 && a.nrespondents == 1) {
		CHECK_STR(a.applicants[0].name, "周小梅");
		CHECK_STR(a.applicants[0].phone, "13812345678");
		CHECK_STR(a.applicants[0].address, "上海市徐汇区漕溪北路1号");
		CHECK_STR(a.applicants[0].gender, "F");
		CHECK_STR(a.applicants[0].birth_date, "1949-12-31");
		CHECK_STR(a.respondents[0].legal_rep, "李四");
		CHECK_STR(a.respondents[0].phone, "021-12345678");
	} else {
		CHECK(0, "first case has one applicant and one respondent");
	}
	/* the later one as it was given */
	CHECK_INT(case_load(db, &clerk, second, &b), 1);
	if (b.napplicants == 1 && b.nrespondents == 1) {
		CHECK_STR(b.applicants[0].name, "周小梅梅");
		CHECK_STR(b.applicants[0].phone, "+14155550123");
		CHECK_STR(b.applicants[0].address, "上海市闵行区某路2号");
		CHECK_STR(b.respondents[0].legal_rep, "王五");
		CHECK_STR(b.respondents[0].phone, "021-87654321");
		CHECK(b.applicants[0].id == a.applicants[0].id, "both cases link the one archive row");
	} else {
		CHECK(0, "second case has one applicant and one respondent");
	}
	case_view_free(&a);
	case_view_free(&b);

	/* a case's party can only be written from an archive row that exists */
	CHECK_INT(db_begin(db), 0);
	tj_error_clear();
	CHECK_INT(db_case_party_add(db, first, "applicant", 9, 999999), -1);
	CHECK(strstr(tj_errmsg(), "档案中没有这位当事人") != NULL, "refused: %s", tj_errmsg());
	db_rollback(db);

	db_close(db);
	testdb_cleanup();
	return tap_done();
}
