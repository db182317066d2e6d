/*
 * test_parties.c - the parties of a case beyond one worker and one
 * employer (issue 15, item 3): respondents of every kind, an individual
 * employer with an identity document, claims against some respondents or
 * jointly, agents with their authority, the representatives of a
 * collective dispute and per-worker amounts.  Each rule is checked with
 * its message at its field; a good application is stored whole and comes
 * back in the case view as it was given.  Today is 2026-11-20.
 */
#include "tap.h"
#include "testdb.h"
#include "tiaojie/casework.h"
#include "tiaojie/docs.h"
#include "tiaojie/intake.h"
#include "tiaojie/record.h"
#include "tiaojie/report.h"

static struct config cfg;
static struct actor clerk = {.role = ROLE_CLERK, .user_id = 0};

/* A mainland ID number with its check digit: 17 digits in, 18 out. */
static const char *idno(char buf[19], const char *first17)
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;

	memcpy(buf, first17, 17);
	for (int i = 0; i < 17; i++)
		sum += (buf[i] - '0') * w[i];
	buf[17] = "10X98765432"[sum % 11];
	buf[18] = '\0';
	return buf;
}

static struct intake_person person(const char *id, const char *name)
{
	struct intake_person p = {.id_type = "id", .id_no = id, .name = name, .phone = "13812345678",
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

/* Check only: the number of problems. */
static int check(struct db *db, const struct intake *in, struct intake_result *res)
{
	memset(res, 0, sizeof *res);
	return intake_check(db, &cfg, in, res);
}

/* A document of the case renders and has want in it. */
static int render_ok(const struct case_view *cv, enum doc_kind k, const char *want)
{
	struct doc_template *t = doc_template_load(k);
	struct doc_dict *d = doc_dict_build(cv, &cfg);
	struct doc_blocks b = {0};
	int found = 0;

	if (t && doc_template_render(t, d, &b) == 0)
		for (int i = 0; i < b.n && !found; i++)
			found = strstr(b.v[i].text, want) != NULL;
	else
		fprintf(stderr, "  render: %s\n", tj_errmsg());
	doc_blocks_free(&b);
	doc_dict_free(d);
	doc_template_free(t);
	return found;
}

static const struct intake_agent lawyer = {.name = "李律师", .kind = "lawyer", .org = "上海某某律师事务所",
					   .phone = "139 1234 5678", .authority = "special",
					   .scope = "代为承认、放弃、变更请求，进行和解"};
static const struct intake_agent staff = {.name = "钱经理", .kind = "staff", .authority = "general"};

static void test_respondent_kinds(struct db *db)
{
	struct intake_person app = person("11010519491231002X", "张三");
	struct intake_employer r[2] = {
		{.kind = "employer", .uscc = "91310115MA78778997", .name = "上海某某科技有限公司"},
		{.kind = "host", .uscc = "91310104MA3287920B", .name = "上海某某劳务派遣有限公司"},
	};
	struct intake_claim c = {.cause = "0601", .text = "支付工资", .amount = "100"};
	struct intake in = {.channel = "window", .facts = "事实。", .napplicants = 1, .applicants = &app,
			    .nrespondents = 2, .respondents = r, .nclaims = 1, .claims = &c};
	struct intake_result res;

	CHECK_INT(check(db, &in, &res), 0);
	dump(&res);
	/* every kind of the vocabulary; none given is a 用人单位 */
	static const char *const kinds[] = {"employer", "host", "contractor", "other", "", NULL};
	for (int i = 0; i < (int)TJ_ARRAY_LEN(kinds); i++) {
		r[1].kind = kinds[i];
		CHECK_INT(check(db, &in, &res), 0);
	}
	r[1].kind = "agency";
	CHECK_INT(check(db, &in, &res), 1);
	CHECK(has_problem(&res, "respondent[1].kind", "请选择被申请人类别（用人单位、用工单位、个人、发包方、其他）"),
	      "unknown kind");
	r[1].kind = "host";
	/* the same employer twice */
	r[1].uscc = "91310115ma78778997";
	CHECK(check(db, &in, &res) > 0 && has_problem(&res, "respondent[1].name", "与第1个被申请人相同"),
	      "same credit code twice");
	r[1].uscc = "";
	r[1].name = "上海某某科技有限公司";
	r[0].uscc = "";
	CHECK(check(db, &in, &res) > 0 && has_problem(&res, "respondent[1].name", "与第1个被申请人相同"),
	      "same name without a code twice");
	r[0].uscc = "91310115MA78778997";
	r[1].uscc = "91310104MA3287920B";
	r[1].name = "上海某某劳务派遣有限公司";
	/* an organisation has no identity number */
	r[1].id_no = "110105198001010024";
	CHECK(check(db, &in, &res) == 1 && has_problem(&res, "respondent[1].id_no", "单位被申请人不填证件号码"),
	      "organisation with an ID number");
	r[1].id_no = NULL;
}

static void test_individual(struct db *db)
{
	char id1[19], id2[19];
	struct intake_person app = person("11010519491231002X", "张三");
	struct intake_employer r[2] = {
		{.kind = "contractor", .uscc = "91310115MA78778997", .name = "上海某某建设有限公司"},
		{.kind = "individual", .name = "王包工", .id_type = "id", .id_no = idno(id1, "31010419750315001"),
		 .phone = "13700001111", .address = "上海市闵行区某路2号"},
	};
	struct intake_claim c = {.cause = "0601", .text = "支付工资", .amount = "100"};
	struct intake in = {.channel = "window", .facts = "事实。", .napplicants = 1, .applicants = &app,
			    .nrespondents = 2, .respondents = r, .nclaims = 1, .claims = &c};
	struct intake_result res;

	CHECK_INT(check(db, &in, &res), 0);
	dump(&res);
	/* the document is checked as an applicant's */
	strcpy(id2, id1);
	id2[17] = id2[17] == '0' ? '1' : '0';
	r[1].id_no = id2;
	CHECK(check(db, &in, &res) == 1 && has_problem(&res, "respondent[1].id_no", "居民身份证号码："),
	      "bad check digit");
	r[1].id_no = "";
	CHECK(check(db, &in, &res) == 1 && has_problem(&res, "respondent[1].id_no", "请填写个人被申请人的证件号码"),
	      "number required");
	r[1].id_no = id1;
	r[1].id_type = "uscc";
	CHECK(check(db, &in, &res) == 1 && has_problem(&res, "respondent[1].id_type", "证件类型"), "a person's document");
	r[1].id_type = "passport";
	r[1].id_no = "E12345678";
	CHECK_INT(check(db, &in, &res), 0);
	r[1].id_type = "id";
	r[1].id_no = id1;
	/* no credit code, no legal representative; a name of a person's length */
	r[1].uscc = "91310104MA3287920B";
	r[1].legal_rep = "王某";
	CHECK_INT(check(db, &in, &res), 2);
	CHECK(has_problem(&res, "respondent[1].uscc", "个人被申请人没有统一社会信用代码"), "no uscc");
	CHECK(has_problem(&res, "respondent[1].legal_rep", "个人被申请人没有法定代表人"), "no legal rep");
	r[1].uscc = NULL;
	r[1].legal_rep = NULL;
	r[1].phone = "12345";
	CHECK(check(db, &in, &res) == 1 && has_problem(&res, "respondent[1].phone", NULL), "phone checked");
	r[1].phone = "";
	CHECK_INT(check(db, &in, &res), 0); /* optional */
	r[1].phone = "13700001111";
	/* the same person twice */
	r[0] = r[1];
	CHECK(check(db, &in, &res) > 0 && has_problem(&res, "respondent[1].name", "与第1个被申请人相同"),
	      "same individual twice");
	r[0] = (struct intake_employer){.kind = "contractor", .uscc = "91310115MA78778997", .name = "上海某某建设有限公司"};

	/* stored: the person in the worker archive, the case's own copy */
	struct intake_result reg = {0};
	CHECK_INT(intake_register(db, &cfg, &clerk, &in, &reg), 0);
	dump(&reg);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM case_parties cp JOIN persons p ON p.id = cp.person_id "
				    "WHERE cp.case_id = ?1 AND cp.role = 'respondent' AND cp.ord = 2 "
				    "AND cp.kind = 'individual' AND cp.employer_id IS NULL AND cp.name = '王包工' "
				    "AND cp.id_type = 'id' AND cp.phone = '13700001111' AND p.name = '王包工' "
				    "AND cp.address = '上海市闵行区某路2号' AND cp.gender = 'M' AND cp.birth_date = '1975-03-15'",
				    reg.case_id),
		  1);
	CHECK_INT(testdb_int_id(db, "SELECT kind FROM case_parties WHERE case_id = ?1 AND role = 'respondent' "
				    "AND ord = 1 AND employer_id IS NOT NULL AND kind = 'contractor'",
				    reg.case_id) != -999,
		  1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE case_id = ?1 AND entity = 'person' "
				    "AND action = 'create'",
				    reg.case_id),
		  2); /* the worker and the individual */
	struct case_view cv = {0};
	CHECK_INT(case_load(db, &clerk, reg.case_id, &cv), 1);
	CHECK_INT(cv.nrespondents, 2);
	if (cv.nrespondents == 2) {
		CHECK_STR(cv.respondents[0].kind, "contractor");
		CHECK_STR(cv.respondents[1].kind, "individual");
		CHECK_STR(cv.respondents[1].name, "王包工");
		CHECK_STR(cv.respondents[1].id_type, "id");
		CHECK_STR(cv.respondents[1].id_no, id1);
		CHECK_STR(cv.respondents[1].uscc, "");
		CHECK_INT(cv.respondents[1].ord, 2);
	}
	/* the workbook's rows name both; the individual is no employer of the
	 * statistics (id 0) */
	struct db_report_cursor *rc = db_report_cases_begin(db, "2026-11-20", "2026-11-20");
	struct report_case_row row = {0};
	int seen = 0;
	while (rc && db_report_cases_next(rc, &row) == 1)
		if (row.id == reg.case_id) {
			seen = 1;
			CHECK_INT(row.nresp, 2);
			if (row.nresp == 2) {
				CHECK_STR(row.resp[0].name, "上海某某建设有限公司");
				CHECK(row.resp[0].id > 0, "employer id");
				CHECK_STR(row.resp[1].name, "王包工");
				CHECK_INT(row.resp[1].id, 0);
			}
		}
	db_report_cases_end(rc);
	report_case_row_free(&row);
	CHECK(seen, "the case is in the workbook's rows");
	/* the application (调解申请书) is made with both respondents */
	CHECK(render_ok(&cv, DOC_APPLICATION, "被申请人2：王包工"), "application with an individual respondent");
	/* the record says 个人 with doc_kind and doc_no (masked) */
	char *json = record_case_json(&cv, 0);
	CHECK(json && strstr(json, "\"kind\": \"个人\"") && strstr(json, "\"kind\": \"发包方\"") &&
		      strstr(json, "\"doc_kind\": \"居民身份证\"") && !strstr(json, id1),
	      "record: %s", json ? json : tj_errmsg());
	free(json);
	case_view_free(&cv);
	intake_result_free(&reg);
}

static void test_claims_against(struct db *db)
{
	struct intake_person app = person("11010519491231002X", "张三");
	struct intake_employer r[2] = {
		{.uscc = "91310115MA78778997", .name = "上海某某科技有限公司"},
		{.kind = "host", .uscc = "91310104MA3287920B", .name = "上海某某劳务派遣有限公司"},
	};
	static const int both[] = {1, 2}, second[] = {2}, bad[] = {1, 3}, twice[] = {2, 2};
	struct intake_claim c[3] = {
		{.cause = "0601", .text = "支付工资", .amount = "36000", .nagainst = 2, .against = both, .joint = 1},
		{.cause = "0101", .text = "确认劳动关系", .nagainst = 1, .against = second},
		{.cause = "0602", .text = "支付加班费", .amount = "100"}, /* none named: all, not jointly */
	};
	struct intake in = {.channel = "window", .facts = "事实。", .napplicants = 1, .applicants = &app,
			    .nrespondents = 2, .respondents = r, .nclaims = 3, .claims = c};
	struct intake_result res;

	CHECK_INT(check(db, &in, &res), 0);
	dump(&res);
	c[1].against = bad;
	c[1].nagainst = 2;
	CHECK(check(db, &in, &res) == 1 && has_problem(&res, "claims[1].against", "第2项请求所列被申请人3不存在（共2个被申请人）"),
	      "no such respondent");
	c[1].against = twice;
	CHECK(check(db, &in, &res) == 1 && has_problem(&res, "claims[1].against", "重复"), "twice");
	c[1].against = second;
	c[1].nagainst = 1;
	/* jointly needs two */
	c[1].joint = 1;
	CHECK(check(db, &in, &res) == 1 && has_problem(&res, "claims[1].joint", "连带责任须由两个以上被申请人承担"),
	      "joint against one");
	c[1].joint = 0;
	c[2].joint = 1; /* against all (two): fine */
	CHECK_INT(check(db, &in, &res), 0);
	in.nrespondents = 1;
	c[0].nagainst = 0;
	c[1].nagainst = 0;
	CHECK(check(db, &in, &res) == 2 && has_problem(&res, "claims[0].joint", NULL) &&
		      has_problem(&res, "claims[2].joint", NULL),
	      "joint with one respondent");
	in.nrespondents = 2;
	c[0].nagainst = 2;
	c[1].nagainst = 1;
	c[2].joint = 0;

	struct intake_result reg = {0};
	CHECK_INT(intake_register(db, &cfg, &clerk, &in, &reg), 0);
	dump(&reg);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM claims WHERE case_id = ?1 AND "
				    "((ord = 1 AND against = '1,2' AND joint = 1) OR (ord = 2 AND against = '2' AND joint = 0) "
				    "OR (ord = 3 AND against IS NULL AND joint = 0))",
				    reg.case_id),
		  3);
	struct case_view cv = {0};
	CHECK_INT(case_load(db, &clerk, reg.case_id, &cv), 1);
	CHECK_INT(cv.nclaims, 3);
	if (cv.nclaims == 3) {
		CHECK_INT(cv.claims[0].nagainst, 2);
		CHECK_INT(cv.claims[0].joint, 1);
		CHECK_INT(cv.claims[1].nagainst, 1);
		CHECK_INT(cv.claims[1].nagainst ? cv.claims[1].against[0] : 0, 2);
		CHECK_INT(cv.claims[1].joint, 0);
		CHECK_INT(cv.claims[2].nagainst, 2); /* all */
		CHECK_INT(cv.claims[2].nagainst == 2 ? cv.claims[2].against[1] : 0, 2);
		CHECK_STR(cv.respondents[1].kind, "host");
	}
	char *json = record_case_json(&cv, 0);
	CHECK(json && strstr(json, "\"joint\": true") && strstr(json, "\"kind\": \"用工单位\""), "record: %s",
	      json ? json : tj_errmsg());
	free(json);
	/* the documents take two respondents */
	CHECK(render_ok(&cv, DOC_APPLICATION, "被申请人2：上海某某劳务派遣有限公司"), "application, two respondents");
	case_view_free(&cv);
	intake_result_free(&reg);
}

static void test_agents(struct db *db)
{
	struct intake_agent aa[3] = {lawyer, {.name = "张父", .kind = "relative", .authority = "general"}, lawyer};
	struct intake_agent ra[1] = {staff};
	struct intake_person app = person("11010519491231002X", "张三");
	struct intake_employer emp = {.uscc = "91310115MA78778997", .name = "上海某某科技有限公司", .nagents = 1,
				      .agents = ra};
	struct intake_claim c = {.cause = "0601", .text = "支付工资", .amount = "100"};
	struct intake in = {.channel = "window", .facts = "事实。", .napplicants = 1, .applicants = &app,
			    .nrespondents = 1, .respondents = &emp, .nclaims = 1, .claims = &c};
	struct intake_result res;

	app.agents = aa;
	app.nagents = 2;
	CHECK_INT(check(db, &in, &res), 0);
	dump(&res);
	/* at most two a party */
	app.nagents = 3;
	CHECK(check(db, &in, &res) == 1 && has_problem(&res, "applicant[0].agents", "最多委托2名代理人"), "three agents");
	app.nagents = 2;
	/* a special authority says what it covers; a general one does not */
	aa[0].scope = "  ";
	CHECK(check(db, &in, &res) == 1 &&
		      has_problem(&res, "applicant[0].agents[0].scope", "特别授权须写明授权范围"),
	      "special without scope");
	aa[1].scope = "代为和解";
	CHECK(check(db, &in, &res) == 2 && has_problem(&res, "applicant[0].agents[1].scope", "一般授权不写授权范围"),
	      "general with scope");
	aa[0].scope = lawyer.scope;
	aa[1].scope = NULL;
	/* name, kind, authority, phone */
	ra[0].name = "";
	ra[0].kind = "friend";
	ra[0].authority = "";
	ra[0].phone = "12345";
	CHECK_INT(check(db, &in, &res), 4);
	CHECK(has_problem(&res, "respondent[0].agents[0].name", "请填写代理人姓名"), "agent name");
	CHECK(has_problem(&res, "respondent[0].agents[0].kind",
			  "请选择代理人类别（律师、基层法律服务工作者、近亲属、工会、用人单位工作人员、其他）"),
	      "agent kind");
	CHECK(has_problem(&res, "respondent[0].agents[0].authority", "请选择代理权限（一般授权、特别授权）"),
	      "authority");
	CHECK(has_problem(&res, "respondent[0].agents[0].phone", "代理人电话："), "agent phone");
	ra[0] = staff;
	ra[0].org = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
		    "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一";
	CHECK(check(db, &in, &res) == 1 && has_problem(&res, "respondent[0].agents[0].org", "最多100个字，现有101个字"),
	      "organisation too long, limit shown");
	ra[0] = staff;

	struct intake_result reg = {0};
	CHECK_INT(intake_register(db, &cfg, &clerk, &in, &reg), 0);
	dump(&reg);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM case_agents WHERE case_id = ?1", reg.case_id), 3);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM case_agents WHERE case_id = ?1 AND role = 'applicant' "
				    "AND party_ord = 1 AND ord = 1 AND kind = 'lawyer' AND phone = '13912345678' "
				    "AND authority = 'special' AND scope = '代为承认、放弃、变更请求，进行和解' "
				    "AND org = '上海某某律师事务所'",
				    reg.case_id),
		  1);
	struct case_view cv = {0};
	CHECK_INT(case_load(db, &clerk, reg.case_id, &cv), 1);
	CHECK_INT(cv.applicants[0].nagents, 2);
	CHECK_INT(cv.respondents[0].nagents, 1);
	if (cv.applicants[0].nagents == 2) {
		CHECK_STR(cv.applicants[0].agents[0].name, "李律师");
		CHECK_STR(cv.applicants[0].agents[0].authority, "special");
		CHECK_STR(cv.applicants[0].agents[1].kind, "relative");
		CHECK_STR(cv.applicants[0].agents[1].scope, "");
	}
	if (cv.respondents[0].nagents == 1)
		CHECK_STR(cv.respondents[0].agents[0].kind, "staff");
	char *json = record_case_json(&cv, 0);
	CHECK(json && strstr(json, "\"authority\": \"特别授权\"") && strstr(json, "\"kind\": \"用人单位工作人员\""),
	      "record: %s", json ? json : tj_errmsg());
	free(json);
	case_view_free(&cv);
	intake_result_free(&reg);
}

static void test_representatives_and_shares(struct db *db)
{
	char ids[12][19];
	struct intake_person apps[12];
	for (int k = 0; k < 12; k++) {
		char first[32];
		snprintf(first, sizeof first, "310104198601%02d123", k + 1);
		apps[k] = person(idno(ids[k], first), k == 0 ? "赵一" : k == 1 ? "钱二" : "工友");
	}
	struct intake_employer emp = {.uscc = "91310115MA78778997", .name = "上海某某科技有限公司"};
	struct intake_share sh[3] = {{1, "3000"}, {2, "2,500.50"}, {5, "1000"}};
	struct intake_claim c[2] = {
		{.cause = "0601", .text = "支付拖欠工资", .nshares = 3, .shares = sh}, /* total taken */
		{.cause = "0602", .text = "支付加班费", .amount = "6500.50", .nshares = 3, .shares = sh},
	};
	struct intake in = {.channel = "window", .facts = "集体欠薪。", .napplicants = 10, .applicants = apps,
			    .nrespondents = 1, .respondents = &emp, .nclaims = 2, .claims = c};
	struct intake_result res;

	/* a collective dispute (collective_min = 10) may elect 2 to 5; none
	 * yet is registered (the election is recorded later) */
	CHECK_INT(cfg.collective_threshold, 10);
	CHECK_INT(check(db, &in, &res), 0);
	dump(&res);
	apps[0].representative = 1;
	CHECK(check(db, &in, &res) == 1 &&
		      has_problem(&res, "representatives", "集体争议（10名劳动者）推举代表的，须为2至5名，现为1名"),
	      "one representative");
	for (int k = 1; k < 6; k++)
		apps[k].representative = 1;
	CHECK(check(db, &in, &res) == 1 && has_problem(&res, "representatives", "现为6名"), "six representatives");
	apps[5].representative = 0;
	CHECK_INT(check(db, &in, &res), 0); /* five */
	dump(&res);
	for (int k = 2; k < 5; k++)
		apps[k].representative = 0;
	CHECK_INT(check(db, &in, &res), 0); /* two */
	/* a case of fewer workers has none */
	in.napplicants = 9;
	c[0].nshares = c[1].nshares = 0;
	CHECK_INT(check(db, &in, &res), 2);
	CHECK(has_problem(&res, "applicant[0].representative", "申请人不足10名，不是集体争议，无须推举代表"),
	      "representative of a small case");
	CHECK(has_problem(&res, "applicant[1].representative", NULL), "each marked");
	in.napplicants = 10;
	c[0].nshares = c[1].nshares = 3;

	/* per-worker amounts: the total, or it must agree with the one typed */
	CHECK_INT(intake_claim_total(&c[0]), 650050);
	c[1].amount = "6500.00";
	CHECK(check(db, &in, &res) == 1 &&
		      has_problem(&res, "claims[1].amount", "第2项请求金额6,500.00元与各申请人金额合计6,500.50元不一致"),
	      "mismatch at the amount: %s", res.nproblems ? res.problems[0].msg : "");
	c[1].amount = "6500.50";
	sh[2].applicant = 11;
	CHECK(check(db, &in, &res) == 2 && has_problem(&res, "claims[0].per_worker[2]", "申请人11不存在（共10名申请人）"),
	      "no such applicant");
	sh[2].applicant = 2;
	CHECK(check(db, &in, &res) == 2 && has_problem(&res, "claims[0].per_worker[2]", "申请人2的金额重复"), "twice");
	sh[2].applicant = 5;
	sh[2].amount = "1000.001";
	CHECK(check(db, &in, &res) == 2 && has_problem(&res, "claims[0].per_worker[2]", "申请人5的金额："),
	      "bad amount");
	sh[2].amount = "";
	CHECK(check(db, &in, &res) == 2 && has_problem(&res, "claims[0].per_worker[2]", "请填写申请人5的金额"),
	      "empty amount");
	sh[2].amount = "1000";
	CHECK_INT(check(db, &in, &res), 0);

	struct intake_result reg = {0};
	CHECK_INT(intake_register(db, &cfg, &clerk, &in, &reg), 0);
	dump(&reg);
	CHECK_INT(reg.collective, 1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM case_parties WHERE case_id = ?1 AND representative = 1",
				reg.case_id),
		  2);
	CHECK_INT(testdb_int_id(db, "SELECT sum(amount_fen) FROM claims WHERE case_id = ?1", reg.case_id), 1300100);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM claim_shares s JOIN claims k ON k.id = s.claim_id "
				    "WHERE k.case_id = ?1",
				    reg.case_id),
		  6);
	struct case_view cv = {0};
	CHECK_INT(case_load(db, &clerk, reg.case_id, &cv), 1);
	CHECK_INT(cv.applicants[0].representative, 1);
	CHECK_INT(cv.applicants[1].representative, 1);
	CHECK_INT(cv.applicants[2].representative, 0);
	CHECK_INT(cv.claims[0].amount_fen, 650050);
	CHECK_INT(cv.claims[0].nshares, 3);
	CHECK_INT(cv.claims[1].nshares, 3);
	if (cv.claims[0].nshares == 3) {
		CHECK_INT(cv.claims[0].shares[1].applicant, 2);
		CHECK_INT(cv.claims[0].shares[1].amount_fen, 250050);
		CHECK_INT(cv.claims[0].shares[2].applicant, 5);
	}
	char *json = record_case_json(&cv, 0);
	CHECK(json && strstr(json, "\"representative\": true") && strstr(json, "\"per_worker\"") &&
		      strstr(json, "\"amount\": \"2500.50\""),
	      "record: %s", json ? json : tj_errmsg());
	free(json);
	case_view_free(&cv);
	int64_t coll = reg.case_id;
	intake_result_free(&reg);

	/* joining: no more than five representatives in the end */
	struct intake_person more[4];
	for (int k = 0; k < 4; k++) {
		more[k] = apps[10 + (k % 2)];
		more[k].representative = 1;
	}
	char idx[2][19];
	more[2].id_no = idno(idx[0], "31010419860120123");
	more[3].id_no = idno(idx[1], "31010419860121123");
	struct intake j = {.napplicants = 4, .applicants = more};
	int64_t before = testdb_int(db, "SELECT count(*) FROM case_parties");
	CHECK_INT(intake_join(db, &cfg, &clerk, coll, &j, &reg), -1);
	CHECK(strstr(tj_errmsg(), "集体争议的代表最多5名，加入后将有6名") != NULL, "%s", tj_errmsg());
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM case_parties"), before);
	j.napplicants = 3;
	CHECK_INT(intake_join(db, &cfg, &clerk, coll, &j, &reg), 0);
	intake_result_free(&reg);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM case_parties WHERE case_id = ?1 AND representative = 1", coll),
		  5);
}

/* One agent alone, as a form's agent dialog checks it: the same rules
 * and field names as the whole application's. */
static void test_agent_alone(void)
{
	struct intake_agent a = {.name = "王律师", .kind = "lawyer", .authority = "special", .scope = ""};
	struct intake_result res;

	CHECK(intake_check_agent("respondent[1]", 0, &a, &res) == 1 &&
		      has_problem(&res, "respondent[1].agents[0].scope", "特别授权须写明授权范围"),
	      "one agent: special without scope");
	a.scope = "代为和解";
	CHECK_INT(intake_check_agent("applicant[0]", 1, &a, &res), 0);
	a.name = "";
	a.phone = "123";
	CHECK(intake_check_agent("applicant[0]", 1, &a, &res) == 2 &&
		      has_problem(&res, "applicant[0].agents[1].name", "请填写代理人姓名") &&
		      has_problem(&res, "applicant[0].agents[1].phone", "代理人电话"),
	      "one agent: name and phone");
}

int main(void)
{
	setenv("TIAOJIE_NOW", "2026-11-20 10:00:00", 1);
	config_defaults(&cfg);
	struct db *db = testdb_new("parties.db");

	test_respondent_kinds(db);
	test_individual(db);
	test_claims_against(db);
	test_agents(db);
	test_agent_alone();
	test_representatives_and_shares(db);

	db_close(db);
	config_free(&cfg);
	testdb_cleanup();
	return tap_done();
}
