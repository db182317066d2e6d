/*
 * test_intake.c - registering applications: a good application is saved
 * whole with its case number and events; every kind of bad field is named;
 * a failure half-way leaves nothing behind; case numbers follow the year.
 */
#include "tap.h"
#include "testdb.h"
#include "tiaojie/casenum.h"
#include "tiaojie/intake.h"

static struct config cfg;
static struct actor clerk = {.role = ROLE_CLERK, .user_id = 0};

static struct intake_person person(const char *id, const char *name)
{
	struct intake_person p = {.id_type = "id", .id_no = id, .name = name, .phone = "138 1234 5678",
				  .address = "上海市徐汇区漕溪北路1号"};
	return p;
}

static int has_problem(const struct intake_result *r, const char *field, const char *text)
{
	for (int i = 0; i < r->nproblems; i++)
		if (strcmp(r->problems[i].field, field) == 0 && (!text || strstr(r->problems[i].msg, text)))
			return 1;
	return 0;
}

static void dump(const struct intake_result *r)
{
	for (int i = 0; i < r->nproblems; i++)
		fprintf(stderr, "  problem %s: %s\n", r->problems[i].field, r->problems[i].msg);
}

int main(void)
{
	setenv("TIAOJIE_NOW", "2026-11-20 10:00:00", 1);
	config_defaults(&cfg);
	struct db *db = testdb_new("intake.db");

	struct intake_person app[12];
	app[0] = person("11010519491231002X", "张三");
	struct intake_employer emp = {.uscc = "91350100m000100y43", .name = "上海某某科技有限公司",
				      .legal_rep = "李四", .district = "徐汇区"};
	struct intake_claim claims[3] = {
		{.cause = "0601", .text = "支付2026年8月至10月拖欠工资", .amount = "24,000"},
		{.cause = "0602", .text = "支付延时加班工资", .amount = "３５００.５"},
		{.cause = "1701", .text = "出具解除劳动合同证明", .amount = ""},
	};
	struct intake in = {.channel = "window", .facts = "申请人于2024年3月入职被申请人处。\n被申请人拖欠工资。",
			    .napplicants = 1, .applicants = app, .nrespondents = 1, .respondents = &emp,
			    .nclaims = 3, .claims = claims};
	struct intake_result res = {0};

	/* 1. A good application. */
	CHECK_INT(intake_register(db, &cfg, &clerk, &in, &res), 0);
	dump(&res);
	CHECK_STR(res.case_no, "沪劳人调〔2026〕1号");
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM cases WHERE status = 'registered' AND received = '2026-11-20'"),
		  1);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM case_parties"), 2);
	CHECK_INT(testdb_int(db, "SELECT sum(amount_fen) FROM claims"), 2400000 + 350050);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM persons WHERE id_no = '11010519491231002X' AND "
				 "phone = '13812345678' AND gender = 'F' AND birth_date = '1949-12-31'"),
		  1);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM employers WHERE uscc = '91350100M000100Y43'"), 1);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE action = 'register' AND after = 'registered'"), 1);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE entity IN ('person', 'employer') AND "
				 "action = 'create'"),
		  2);
	intake_result_free(&res);

	/* 2. The same worker again with a new phone: the archive is updated
	 * and the change recorded; numbers continue. */
	app[0].phone = "+86 139 0000 0000";
	CHECK_INT(intake_register(db, &cfg, &clerk, &in, &res), 0);
	CHECK_STR(res.case_no, "沪劳人调〔2026〕2号");
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM persons"), 1);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE entity = 'person' AND action = 'update' AND "
				 "after LIKE '%13812345678 → 13900000000%'"),
		  1);
	intake_result_free(&res);

	/* 3. A letter received last year gets last year's number. */
	in.received = "2025-12-31";
	in.channel = "letter";
	CHECK_INT(intake_register(db, &cfg, &clerk, &in, &res), 0);
	CHECK_STR(res.case_no, "沪劳人调〔2025〕1号");
	intake_result_free(&res);
	in.received = NULL;
	in.channel = "window";

	/* 4. Bad fields: each named, nothing written. */
	int64_t cases_before = testdb_int(db, "SELECT count(*) FROM cases");
	int64_t events_before = testdb_int(db, "SELECT count(*) FROM events");
	struct intake bad = in;
	struct intake_person bp[2] = {person("110105194912310021", "王五"), person("11010519491231002X", "")};
	bp[1].phone = "12345";
	struct intake_employer be = {.uscc = "91350100M000100Y44", .name = "", .district = "20 7946 0958"};
	struct intake_claim bc[3] = {{.cause = "9999", .text = "x", .amount = "1"},
				     {.cause = "06", .text = "支付", .amount = "12.345"},
				     {.cause = "0601", .text = "", .amount = "-5"}};
	bad.applicants = bp;
	bad.napplicants = 2;
	bad.respondents = &be;
	bad.claims = bc;
	bad.channel = "fax";
	bad.received = "2026-12-01";
	CHECK_INT(intake_register(db, &cfg, &clerk, &bad, &res), -1);
	dump(&res);
	CHECK(has_problem(&res, "channel", NULL), "channel");
	CHECK(has_problem(&res, "received", "晚于"), "received in the future");
	/* a district the statistics cannot count (typed into the wrong field) */
	CHECK(has_problem(&res, "respondent[0].district", "不是本院辖区的区县"), "district not the court's");
	/* the field's name once, not "收件日期日期不存在" */
	bad.received = "2026-02-30";
	CHECK_INT(intake_register(db, &cfg, &clerk, &bad, &res), -1);
	CHECK(has_problem(&res, "received", "收件日期不存在：2026-02-30"), "received: no such day");
	bad.received = "2026/02/01";
	CHECK_INT(intake_register(db, &cfg, &clerk, &bad, &res), -1);
	CHECK(has_problem(&res, "received", "收件日期格式应为YYYY-MM-DD"), "received: shape");
	for (int i = 0; i < res.nproblems; i++)
		CHECK(!strstr(res.problems[i].msg, "日期日期"), "%s", res.problems[i].msg);
	bad.received = "2026-12-01";
	CHECK(has_problem(&res, "applicant[0].id_no", "校验位"), "check digit");
	CHECK(has_problem(&res, "applicant[1].name", "姓名"), "empty name");
	CHECK(has_problem(&res, "applicant[1].phone", NULL), "bad phone");
	CHECK(has_problem(&res, "respondent[0].uscc", "校验"), "bad uscc");
	CHECK(has_problem(&res, "respondent[0].name", NULL), "empty employer");
	CHECK(has_problem(&res, "claims[0].cause", "不存在"), "unknown cause");
	CHECK(has_problem(&res, "claims[1].cause", "二级"), "first-level cause");
	CHECK(has_problem(&res, "claims[1].amount", NULL), "three decimals");
	CHECK(has_problem(&res, "claims[2].text", NULL), "empty claim");
	CHECK(has_problem(&res, "claims[2].amount", NULL), "negative amount");
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM cases"), cases_before);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events"), events_before);

	/* 5. Text hazards: control characters, invalid UTF-8, overlong facts,
	 * passport without nationality, duplicate applicants. */
	struct intake t = in;
	struct intake_person tp[2] = {person("E12345678", "John Smith"), person("11010519491231002X", "张\x01三")};
	tp[0].id_type = "passport";
	t.applicants = tp;
	t.napplicants = 2;
	char *longfacts = xmalloc(3 * (INTAKE_MAX_FACTS_CHARS + 1) + 1);
	longfacts[0] = '\0';
	for (int i = 0; i <= INTAKE_MAX_FACTS_CHARS; i++)
		strcat(longfacts + (size_t)i * 3, "字");
	t.facts = longfacts;
	struct intake_claim tc = {.cause = "0601", .text = "支付\xff\xfe工资", .amount = "1"};
	t.claims = &tc;
	t.nclaims = 1;
	CHECK_INT(intake_register(db, &cfg, &clerk, &t, &res), -1);
	CHECK(has_problem(&res, "applicant[0].nationality", "国籍"), "passport nationality");
	CHECK(has_problem(&res, "applicant[1].name", "控制字符"), "control char");
	CHECK(has_problem(&res, "facts", "过长"), "long facts");
	CHECK(has_problem(&res, "claims[0].text", "UTF-8"), "invalid utf-8");
	free(longfacts);
	struct intake_person dup[2] = {person("11010519491231002X", "张三"), person("11010519491231002x", "张三")};
	t = in;
	t.applicants = dup;
	t.napplicants = 2;
	CHECK_INT(intake_register(db, &cfg, &clerk, &t, &res), -1);
	CHECK(has_problem(&res, "applicant[1].id_no", "重复"), "duplicate applicant after normalisation");
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM cases"), cases_before);

	/* 6. A mediator may not register. */
	struct actor med = {.role = ROLE_MEDIATOR, .mediator_id = 1};
	CHECK_INT(intake_register(db, &cfg, &med, &in, &res), -1);
	CHECK(strstr(tj_errmsg(), "调解员无权") != NULL, "%s", tj_errmsg());

	/* 7. A failure half-way (here a trigger refusing one claim) rolls the
	 * whole case back: no case, no party, no person, no event, and the
	 * sequence number is not used up. */
	testdb_raw(db, "CREATE TRIGGER boom BEFORE INSERT ON claims WHEN NEW.text = '炸' "
		       "BEGIN SELECT RAISE(ABORT, 'boom'); END");
	struct intake_person np = person("11010519800101001X", "新人");
	{
		/* compute a valid ID for 1980-01-01 with a correct check digit */
		static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
		static char idbuf[19] = "11010519800101001";
		int sum = 0;
		for (int i = 0; i < 17; i++)
			sum += (idbuf[i] - '0') * w[i];
		idbuf[17] = "10X98765432"[sum % 11];
		np.id_no = idbuf;
	}
	struct intake_claim kc[2] = {{.cause = "0601", .text = "支付工资", .amount = "1"},
				     {.cause = "0602", .text = "炸", .amount = "1"}};
	t = in;
	t.applicants = &np;
	t.claims = kc;
	t.nclaims = 2;
	int64_t persons_before = testdb_int(db, "SELECT count(*) FROM persons");
	int64_t seq_before = testdb_int(db, "SELECT last FROM case_seq WHERE year = 2026");
	CHECK_INT(intake_register(db, &cfg, &clerk, &t, &res), -1);
	CHECK(strstr(tj_errmsg(), "未写入任何数据") != NULL, "%s", tj_errmsg());
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM cases"), cases_before);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM persons"), persons_before);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events"), events_before);
	CHECK_INT(testdb_int(db, "SELECT last FROM case_seq WHERE year = 2026"), seq_before);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM claims WHERE text = '支付工资' AND amount_fen = 100"), 0);
	testdb_raw(db, "DROP TRIGGER boom");

	/* 8. Ten applicants make a collective dispute. */
	char ids[12][32];
	for (int k = 0; k < 12; k++) {
		static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
		snprintf(ids[k], sizeof ids[k], "310104198502%02d123", (k + 1) % 100);
		int sum = 0;
		for (int i = 0; i < 17; i++)
			sum += (ids[k][i] - '0') * w[i];
		ids[k][17] = "10X98765432"[sum % 11];
		ids[k][18] = '\0';
		app[k] = person(ids[k], "工人");
	}
	t = in;
	t.applicants = app;
	t.napplicants = 9;
	CHECK_INT(intake_register(db, &cfg, &clerk, &t, &res), 0);
	dump(&res);
	CHECK_INT(res.collective, 0);
	intake_result_free(&res);
	t.napplicants = 10;
	/* a collective dispute elects 2 to 5 representatives (test_parties) */
	app[0].representative = app[1].representative = 1;
	CHECK_INT(intake_register(db, &cfg, &clerk, &t, &res), 0);
	dump(&res);
	app[0].representative = app[1].representative = 0;
	CHECK_INT(res.collective, 1);
	CHECK_INT(testdb_int(db, "SELECT collective FROM cases ORDER BY id DESC LIMIT 1"), 1);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM case_parties WHERE role = 'applicant' AND case_id = "
				 "(SELECT max(id) FROM cases)"),
		  10);
	intake_result_free(&res);

	/* 9. Warnings: the employer now has open cases, and with the same
	 * claims as the collective case the next applicant would make a
	 * collective dispute that can be joined. */
	int64_t coll_id = testdb_int(db, "SELECT max(id) FROM cases");
	struct intake_warnings w;
	struct intake_person extra = person("11010519800101001X", "后来者");
	extra.id_no = np.id_no; /* the valid ID computed above */
	t = in;
	t.applicants = &extra;
	t.napplicants = 1;
	CHECK_INT(intake_scan(db, &cfg, &t, &w), 0);
	CHECK(w.employer_id > 0, "employer known");
	CHECK(w.open >= 4, "open cases: %d", w.open);
	CHECK(w.recent >= 4, "recent cases: %d", w.recent);
	CHECK_INT(w.high, w.recent >= cfg.high_incidence_cases);
	CHECK_INT(w.collective, 1);
	CHECK_INT(w.coll.collective_case_id, coll_id);
	CHECK(w.coll.applicants >= 10, "applicants in matching cases: %d", w.coll.applicants);
	/* other claims: no collective warning */
	struct intake_claim other = {.cause = "1301", .text = "竞业限制补偿", .amount = "1"};
	t.claims = &other;
	t.nclaims = 1;
	CHECK_INT(intake_scan(db, &cfg, &t, &w), 0);
	CHECK_INT(w.collective, 0);
	/* an unknown employer: nothing to warn about */
	struct intake_employer newemp = {.name = "从未出现的公司"};
	t.respondents = &newemp;
	CHECK_INT(intake_scan(db, &cfg, &t, &w), 0);
	CHECK_INT(w.employer_id, 0);

	/* joining the collective case adds the applicant, writes a join
	 * event, leaves the status alone */
	t = in;
	t.applicants = &extra;
	t.napplicants = 1;
	int64_t ev_before = testdb_int(db, "SELECT count(*) FROM events");
	CHECK_INT(intake_join(db, &cfg, &clerk, coll_id, &t, &res), 0);
	CHECK_STR(res.case_no, "沪劳人调〔2026〕4号");
	intake_result_free(&res);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM case_parties WHERE role = 'applicant' AND case_id = "
				 "(SELECT max(id) FROM cases)"),
		  11);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE action = 'join' AND after = '后来者'"), 1);
	CHECK(testdb_int(db, "SELECT count(*) FROM events") > ev_before, "events written");
	CHECK_INT(testdb_int(db, "SELECT version FROM cases WHERE id = (SELECT max(id) FROM cases)"), 2);
	/* the same person again is refused and nothing changes */
	ev_before = testdb_int(db, "SELECT count(*) FROM events");
	CHECK_INT(intake_join(db, &cfg, &clerk, coll_id, &t, &res), -1);
	CHECK(strstr(tj_errmsg(), "已是案件") != NULL, "%s", tj_errmsg());
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events"), ev_before);
	/* a closed case cannot be joined; a mediator may not join anyone */
	testdb_raw(db, "UPDATE cases SET status = 'withdrawn' WHERE id = 1");
	CHECK_INT(intake_join(db, &cfg, &clerk, 1, &t, &res), -1);
	CHECK(strstr(tj_errmsg(), "结案") != NULL, "%s", tj_errmsg());
	CHECK_INT(intake_join(db, &cfg, &med, coll_id, &t, &res), -1);
	CHECK_INT(intake_join(db, &cfg, &clerk, 99999, &t, &res), -1);
	CHECK(strstr(tj_errmsg(), "不存在") != NULL, "%s", tj_errmsg());
	testdb_raw(db, "UPDATE cases SET status = 'registered' WHERE id = 1");

	/* 10. The event log check agrees with what intake wrote. */
	struct strbuf rep;
	sb_init(&rep);
	CHECK_INT(db_check(db, lifecycle_status_actions_json(), &rep), 0);
	if (rep.buf)
		fprintf(stderr, "%s", rep.buf);
	sb_free(&rep);

	/* 12. Sex and birth date: read from a mainland number (which wins
	 * over anything typed), required as typed for every other document;
	 * 户籍类型 and 职业/岗位 checked and kept. */
	struct intake sb = in;
	struct intake_person sp = person("E98765432", "Mary Lee");
	sp.id_type = "passport";
	sp.nationality = "美国";
	sp.phone = "+1 415 555 0123";
	sb.applicants = &sp;
	sb.napplicants = 1;
	cases_before = testdb_int(db, "SELECT count(*) FROM cases");
	CHECK_INT(intake_register(db, &cfg, &clerk, &sb, &res), -1);
	CHECK(has_problem(&res, "applicant[0].gender", "请选择性别（护照不含性别）"), "passport: sex required");
	CHECK(has_problem(&res, "applicant[0].birth_date", "请填写出生日期"), "passport: birth date required");
	sp.gender = "X";
	sp.birth_date = "1990-02-30";
	sp.household = "city";
	sp.occupation = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一";
	CHECK_INT(intake_register(db, &cfg, &clerk, &sb, &res), -1);
	CHECK(has_problem(&res, "applicant[0].gender", "性别应为男或女"), "sex M or F");
	CHECK(has_problem(&res, "applicant[0].birth_date", "出生日期不存在：1990-02-30"), "not a date");
	CHECK(has_problem(&res, "applicant[0].household", "城镇或农村"), "household");
	CHECK(has_problem(&res, "applicant[0].occupation", "过长（最多50个字，现有51个字）"), "occupation too long");
	sp.birth_date = "2027-01-01";
	CHECK_INT(intake_register(db, &cfg, &clerk, &sb, &res), -1);
	CHECK(has_problem(&res, "applicant[0].birth_date", "不能晚于今天"), "birth in the future");
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM cases"), cases_before);
	sp.gender = "F";
	sp.birth_date = "1990-02-28";
	sp.household = "";
	sp.occupation = "软件工程师";
	CHECK_INT(intake_register(db, &cfg, &clerk, &sb, &res), 0);
	dump(&res);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM persons WHERE id_no = 'E98765432' AND gender = 'F' "
				 "AND birth_date = '1990-02-28' AND occupation = '软件工程师' AND household IS NULL "
				 "AND phone = '+14155550123'"),
		  1);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM case_parties WHERE id_no = 'E98765432' AND gender = 'F' "
				 "AND birth_date = '1990-02-28' AND occupation = '软件工程师'"),
		  1);
	free(res.case_no);
	res.case_no = NULL;
	/* a mainland number: a sex or date given anyway must agree with it */
	struct intake_person mp = person("110105198001010024", "王芳");
	mp.gender = "M";
	mp.birth_date = "1999-09-09";
	mp.household = "rural";
	mp.occupation = "操作工";
	sb.applicants = &mp;
	CHECK_INT(intake_register(db, &cfg, &clerk, &sb, &res), -1);
	CHECK(has_problem(&res, "applicant[0].gender", "性别与证件号码不符（号码为女）"), "sex disagrees");
	CHECK(has_problem(&res, "applicant[0].birth_date", "出生日期与证件号码不符（号码为1980-01-01）"),
	      "birth disagrees");
	mp.gender = "F";
	mp.birth_date = "";
	CHECK_INT(intake_register(db, &cfg, &clerk, &sb, &res), 0);
	dump(&res);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM case_parties WHERE id_no = '110105198001010024' "
				 "AND gender = 'F' AND birth_date = '1980-01-01' AND household = 'rural' "
				 "AND occupation = '操作工'"),
		  1);
	free(res.case_no);
	res.case_no = NULL;

	/* 11. Case numbers from other patterns. */
	char *no = casenum_format("{court}调字[{year}]{seq}号", "京", 2027, 42);
	CHECK_STR(no, "京调字[2027]42号");
	free(no);
	no = casenum_format("A{year}-{seq:07}", "沪", 2026, 1234);
	CHECK_STR(no, "A2026-0001234");
	free(no);
	CHECK(casenum_format("{court}{year}", "沪", 2026, 1) == NULL, "pattern without seq");
	CHECK(casenum_format("{court}{year}{seq}{bad}", "沪", 2026, 1) == NULL, "unknown placeholder");
	CHECK(casenum_format("{court}{year}{seq", "沪", 2026, 1) == NULL, "unclosed");
	CHECK_STR(channel_name("letter"), "信函");
	CHECK(!channel_valid("fax"), "fax");

	/* 13. The form's draft goes in the transaction that registers it (a
	 * saved application is never offered again); a refused save keeps it. */
	testdb_raw(db, "INSERT INTO users(login, display_name, role, pw_hash, created_at) "
		       "VALUES ('drafter', '窗口二', 'clerk', 'x', '2026-11-20 09:00:00')");
	struct actor drafter = {.role = ROLE_CLERK,
				.user_id = testdb_int(db, "SELECT id FROM users WHERE login = 'drafter'")};
	int64_t did = 0, other_draft = 0;
	CHECK_INT(db_draft_save(db, drafter.user_id, "intake", "applicant[0].name=张三\n", &did), 0);
	CHECK_INT(db_draft_save(db, drafter.user_id, "intake", "applicant[0].name=别的\n", &other_draft), 0);
	struct intake wd = in;
	wd.draft_id = did;
	wd.channel = "fax";
	CHECK_INT(intake_register(db, &cfg, &drafter, &wd, &res), -1);
	intake_result_free(&res);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM drafts WHERE user_id = (SELECT id FROM users WHERE login = 'drafter')"), 2);
	wd.channel = "window";
	CHECK_INT(intake_register(db, &cfg, &drafter, &wd, &res), 0);
	intake_result_free(&res);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM drafts WHERE id = (SELECT max(id) FROM drafts) "
				 "AND body LIKE '%别的%'"), 1); /* only its own draft went */
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM drafts"), 1);
	db_close(db);
	config_free(&cfg);
	testdb_cleanup();
	return tap_done();
}
