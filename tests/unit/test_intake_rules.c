/*
 * test_intake_rules.c - the intake rules of issue 15: where sex and birth
 * date come from for each document; the position of the employer's legal
 * representative checked, stored and filled back; what saving would
 * change in the archives, as the form shows it before saving; the
 * evidence handed in with the application, checked by the same rule as on
 * the case and saved with it, or nothing at all.
 */
#include "tap.h"
#include "testdb.h"
#include "tiaojie/access.h"
#include "tiaojie/casework.h"
#include "tiaojie/intake.h"
#include "tiaojie/search.h"
#include "tiaojie/util.h"

static struct config cfg;
static struct actor clerk = {.role = ROLE_CLERK, .user_id = 0};

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

static const struct intake_change *find_change(const struct intake_changes *ch, const char *field)
{
	for (int i = 0; i < ch->n; i++)
		if (strcmp(ch->v[i].field, field) == 0)
			return &ch->v[i];
	return NULL;
}

int main(void)
{
	setenv("TIAOJIE_NOW", "2026-11-20 10:00:00", 1);
	config_defaults(&cfg);
	struct db *db = testdb_new("intake_rules.db");
	char g = 0, birth[11] = "";

	/* ---- sex and birth date: from the number, typed, or not yet known */
	CHECK_INT(intake_sex_birth(&cfg, "id", "11010519491231002X", &g, birth), INTAKE_SB_NUMBER);
	CHECK_INT(g, 'F');
	CHECK_STR(birth, "1949-12-31");
	CHECK_INT(intake_sex_birth(&cfg, "id", "1101051949", NULL, NULL), INTAKE_SB_PENDING);
	CHECK_INT(intake_sex_birth(&cfg, "id", "", NULL, NULL), INTAKE_SB_PENDING);
	CHECK_INT(intake_sex_birth(&cfg, "passport", "E12345678", NULL, NULL), INTAKE_SB_TYPED);
	CHECK_INT(intake_sex_birth(&cfg, "passport", "", NULL, NULL), INTAKE_SB_TYPED);
	CHECK_INT(intake_sex_birth(&cfg, "hkmo", "H12345678", NULL, NULL), INTAKE_SB_TYPED);
	CHECK_INT(intake_sex_birth(&cfg, "tw", "", NULL, NULL), INTAKE_SB_TYPED);
	CHECK_INT(intake_sex_birth(&cfg, "other", "X-1", NULL, NULL), INTAKE_SB_TYPED);

	/* a passport holder: sex and birth date required, at their fields */
	struct intake_person pp = {.id_type = "passport", .id_no = "E12345678", .name = "John Smith",
				   .nationality = "美国", .phone = "+1 415 555 0123"};
	struct intake_employer e = {.uscc = "91350100M000100Y43", .name = "上海某某科技有限公司", .legal_rep = "李四",
				    .legal_rep_title = "执行董事"};
	struct intake_claim c = {.cause = "0601", .text = "支付拖欠工资", .amount = "1000"};
	struct intake in = {.channel = "window", .facts = "申请人被拖欠工资。", .napplicants = 1, .applicants = &pp,
			    .nrespondents = 1, .respondents = &e, .nclaims = 1, .claims = &c};
	struct intake_result res = {0};
	CHECK_INT(intake_check(db, &cfg, &in, &res), 2);
	CHECK(has_problem(&res, "applicant[0].gender", "请选择性别（护照不含性别）"), "passport: sex required");
	CHECK(has_problem(&res, "applicant[0].birth_date", "请填写出生日期"), "passport: birth date required");
	pp.gender = "M";
	pp.birth_date = "1990-02-30";
	CHECK_INT(intake_check(db, &cfg, &in, &res), 1);
	CHECK(has_problem(&res, "applicant[0].birth_date", "出生日期"), "a date that does not exist");
	pp.birth_date = "1990-02-28";
	pp.household = "rural";
	pp.occupation = "软件工程师";

	/* the legal representative's position: at most 30 characters */
	e.legal_rep_title = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一";
	CHECK_INT(intake_check(db, &cfg, &in, &res), 1);
	CHECK(has_problem(&res, "respondent[0].legal_rep_title", "法定代表人职务过长（最多30个字，现有31个字）"),
	      "an overlong position is refused with the limit");
	e.legal_rep_title = "执行董事";
	CHECK_INT(intake_check(db, &cfg, &in, &res), 0);
	dump(&res);

	/* ---- saved, with evidence */
	struct case_op_evidence ev[2] = {
		{.name = "劳动合同", .source = "申请人持有", .purpose = "证明劳动关系", .pages = "3", .original = 1,
		 .party = "applicant"},
		{.name = "工资条", .pages = "", .original = 0, .party = "applicant"},
	};
	in.nevidence = 2;
	in.evidence = ev;
	CHECK_INT(intake_register(db, &cfg, &clerk, &in, &res), 0);
	dump(&res);
	int64_t first = res.case_id;
	free(res.case_no);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM persons WHERE id_type = 'passport' AND gender = 'M' AND "
				 "birth_date = '1990-02-28' AND household = 'rural' AND occupation = '软件工程师'"),
		  1);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM employers WHERE legal_rep_title = '执行董事'"), 1);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM case_parties WHERE legal_rep_title = '执行董事'"), 1);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM evidence WHERE name = '劳动合同' AND ord = 1 AND pages = 3 "
				 "AND original = 1 AND party = 'applicant' AND submitted = '2026-11-20' "
				 "AND purpose = '证明劳动关系'"),
		  1);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM evidence WHERE name = '工资条' AND ord = 2 AND pages = 1 "
				 "AND original = 0"),
		  1);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE entity = 'case' AND action = 'evidence' AND "
				 "after LIKE '第1项 劳动合同（原件，3页，申请人提交，2026-11-20）%'"),
		  1);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE action = 'evidence'"), 2);
	struct case_view cv;
	CHECK_INT(case_load(db, &clerk, first, &cv), 1);
	CHECK_INT(cv.nevidence, 2);
	if (cv.nrespondents == 1)
		CHECK_STR(cv.respondents[0].legal_rep_title, "执行董事");
	case_view_free(&cv);

	/* the archive gives the new particulars back */
	struct person_full pf;
	CHECK_INT(archive_person_find(db, &clerk, "passport", "E12345678", &pf), 1);
	CHECK_STR(pf.gender, "M");
	CHECK_STR(pf.birth_date, "1990-02-28");
	CHECK_STR(pf.household, "rural");
	CHECK_STR(pf.occupation, "软件工程师");
	person_full_free(&pf);
	struct employer_full ef;
	CHECK_INT(archive_employer_find(db, &clerk, "91350100M000100Y43", NULL, &ef), 1);
	CHECK_STR(ef.legal_rep_title, "执行董事");
	employer_full_free(&ef);
	struct employer_matches m;
	CHECK_INT(employer_search(db, &clerk, "某某科技", 10, &m), 0);
	CHECK_INT(m.n, 1);
	if (m.n == 1)
		CHECK_STR(m.v[0].legal_rep_title, "执行董事");
	employer_matches_free(&m);

	/* ---- bad evidence: at its item's field, nothing saved */
	int cases_before = testdb_int(db, "SELECT count(*) FROM cases");
	int ev_before = testdb_int(db, "SELECT count(*) FROM evidence");
	ev[1].pages = "0";
	CHECK_INT(intake_register(db, &cfg, &clerk, &in, &res), -1);
	CHECK(has_problem(&res, "evidence[1].pages", "第2项证据：页数应为1至9999的整数"), "pages refused");
	ev[1].pages = "2";
	ev[1].name = " ";
	ev[0].party = "mediator";
	CHECK_INT(intake_check(db, &cfg, &in, &res), 2);
	CHECK(has_problem(&res, "evidence[1].name", "请填写证据名称"), "a name is required");
	CHECK(has_problem(&res, "evidence[0].party", "请选择提交证据的一方"), "the party is checked");
	ev[0].party = "applicant";
	ev[1].name = "工资条";
	char purpose[301 * 3 + 1] = "";
	for (int i = 0; i < 301; i++)
		strcat(purpose, "证");
	ev[1].purpose = purpose;
	CHECK_INT(intake_check(db, &cfg, &in, &res), 1);
	CHECK(has_problem(&res, "evidence[1].purpose", "证明目的过长（最多300个字，现有301个字）"), "limit shown");
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM cases"), cases_before);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM evidence"), ev_before);
	ev[1].purpose = NULL;

	/* the shared rule, as the case's evidence form uses it */
	struct evidence_row row;
	const char *which;
	struct case_op_evidence one = {.name = "考勤记录", .pages = "12 ", .original = -1, .party = "respondent"};
	CHECK_INT(evidence_check(&one, NULL, "2026-11-19", tj_today(), &row, &which), 0);
	CHECK_INT(row.pages, 12);
	CHECK_INT(row.original, 0);
	CHECK_STR(row.submitted, "2026-11-19");
	one.submitted = "2026-11-21";
	CHECK_INT(evidence_check(&one, NULL, "2026-11-19", tj_today(), &row, &which), -1);
	CHECK_STR(which, "submitted");
	CHECK(strstr(tj_errmsg(), "提交日期不能晚于今天") != NULL, "no date after today: %s", tj_errmsg());
	one.submitted = NULL;
	one.pages = "x";
	CHECK_INT(evidence_check(&one, NULL, "2026-11-19", tj_today(), &row, &which), -1);
	CHECK_STR(which, "pages");

	/* ---- what saving again would change in the archives */
	struct intake_person again = pp;
	again.name = "John Smith Jr";
	again.phone = "+14155550123"; /* the same number, written otherwise: no change */
	again.occupation = "";        /* blank keeps the archive's */
	again.household = "urban";
	struct intake_employer e2 = e;
	e2.legal_rep_title = "董事长";
	e2.name = "上海某某科技有限公司";
	in.applicants = &again;
	in.respondents = &e2;
	in.nevidence = 0;
	struct intake_changes ch;
	CHECK_INT(intake_archive_changes(db, &cfg, &clerk, &in, &ch), 0);
	CHECK_INT(ch.n, 3);
	const struct intake_change *x = find_change(&ch, "applicant[0].name");
	char buf[600];
	CHECK(x != NULL, "the name change is named");
	if (x) {
		intake_change_text(x, buf, sizeof buf);
		CHECK_STR(buf, "档案姓名将由 John Smith 改为 John Smith Jr");
	}
	x = find_change(&ch, "applicant[0].household");
	CHECK(x && !strcmp(x->old, "农村") && !strcmp(x->new, "城镇"), "household in words");
	x = find_change(&ch, "respondent[0].legal_rep_title");
	if (x) {
		intake_change_text(x, buf, sizeof buf);
		CHECK_STR(buf, "单位档案法定代表人职务将由 执行董事 改为 董事长");
	} else {
		CHECK(0, "the position change is named");
	}
	char *all = intake_changes_text(&ch);
	CHECK_STR(all, "姓名 John Smith → John Smith Jr；户籍类型 农村 → 城镇；单位法定代表人职务 执行董事 → 董事长");
	free(all);
	/* a new person: nothing in the archive changes */
	struct intake_person fresh = {.id_type = "id", .id_no = "110105194912310021"};
	in.applicants = &fresh;
	in.respondents = &e;
	CHECK_INT(intake_archive_changes(db, &cfg, &clerk, &in, &ch), 0);
	CHECK_INT(ch.n, 0);

	/* saving it: the archive takes the change as its own event; the
	 * earlier case keeps the old name */
	in.applicants = &again;
	in.respondents = &e2;
	CHECK_INT(intake_register(db, &cfg, &clerk, &in, &res), 0);
	free(res.case_no);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE entity = 'employer' AND action = 'update' AND "
				 "after LIKE '%法定代表人职务：执行董事 → 董事长%'"),
		  1);
	CHECK_INT(case_load(db, &clerk, first, &cv), 1);
	if (cv.napplicants == 1 && cv.nrespondents == 1) {
		CHECK_STR(cv.applicants[0].name, "John Smith");
		CHECK_STR(cv.respondents[0].legal_rep_title, "执行董事");
	}
	case_view_free(&cv);

	db_close(db);
	config_free(&cfg);
	testdb_cleanup();
	return tap_done();
}
