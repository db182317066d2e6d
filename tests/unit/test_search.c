/*
 * test_search.c - finding cases: every kind of search text, every filter,
 * the queues (counts, membership and the boundary days), the highlight
 * flags agreeing with the queues, sorting, paging and masking, on a small
 * fixture whose answers are known.
 *
 * The fixture is registered through intake_register like real cases, then
 * moved to its status, deadline, last event and payment dates with direct
 * SQL (fixture only: the lifecycle is tested elsewhere).  Today is
 * 2026-11-20, due_soon_days 3, stalled_days 7.
 */
#include "tap.h"
#include "testdb.h"
#include "tiaojie/intake.h"
#include "tiaojie/search.h"
#include "tiaojie/validate.h"

static struct config cfg;
static struct actor clerk = {.role = ROLE_CLERK};
static struct db *db;
static tj_day today;

/* A valid 居民身份证 number from its first 17 digits. */
static void mk_id(const char *first17, char out[19])
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;

	for (int i = 0; i < 17; i++)
		sum += (first17[i] - '0') * w[i];
	memcpy(out, first17, 17);
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
}

/* A valid 统一社会信用代码 from its first 17 characters. */
static void mk_uscc(const char *first17, char out[19])
{
	static const char cs[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int w[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
	int sum = 0;

	for (int i = 0; i < 17; i++)
		sum += (int)(strchr(cs, first17[i]) - cs) * w[i];
	memcpy(out, first17, 17);
	out[17] = cs[(31 - sum % 31) % 31];
	out[18] = '\0';
}

static struct intake_person person(const char *id, const char *name, const char *phone)
{
	struct intake_person p = {.id_type = "id", .id_no = id, .name = name, .phone = phone};
	return p;
}

static int64_t reg(const char *received, const char *channel, int napp, struct intake_person *apps,
		   struct intake_employer *emp, const char *c1, const char *c2, const char *c3)
{
	struct intake_claim claims[3] = {
		{.cause = c1, .text = "请求一", .amount = "1000"},
		{.cause = c2, .text = "请求二", .amount = "2000"},
		{.cause = c3, .text = "请求三", .amount = ""},
	};
	int nclaims = c3 ? 3 : c2 ? 2 : 1;
	struct intake in = {.channel = channel, .received = received, .facts = "事实与理由。",
			    .napplicants = napp, .applicants = apps, .nrespondents = 1, .respondents = emp,
			    .nclaims = nclaims, .claims = claims};
	struct intake_result res = {0};
	int64_t id;

	if (intake_register(db, &cfg, &clerk, &in, &res) < 0) {
		fprintf(stderr, "fixture: %s\n", tj_errmsg());
		for (int i = 0; i < res.nproblems; i++)
			fprintf(stderr, "  %s: %s\n", res.problems[i].field, res.problems[i].msg);
		exit(1);
	}
	id = res.case_id;
	intake_result_free(&res);
	return id;
}

static void sql(const char *fmt, ...) TJ_PRINTF(1, 2);
static void sql(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (testdb_raw(db, buf) != SQLITE_OK) {
		fprintf(stderr, "fixture SQL failed: %s: %s\n", buf, sqlite3_errmsg(db->h));
		exit(1);
	}
}

/* Move a case to its fixture state. */
static void set_case(int64_t id, const char *status, const char *perf, int64_t mediator, const char *deadline,
		     const char *last_event)
{
	char med[32], dl[32], pf[32];

	snprintf(med, sizeof med, mediator ? "%lld" : "NULL", (long long)mediator);
	snprintf(dl, sizeof dl, deadline ? "'%s'" : "NULL", deadline ? deadline : "");
	snprintf(pf, sizeof pf, perf ? "'%s'" : "NULL", perf ? perf : "");
	sql("UPDATE cases SET status = '%s', performance = %s, mediator_id = %s, deadline = %s, "
	    "last_event_at = '%s' WHERE id = %lld",
	    status, pf, med, dl, last_event, (long long)id);
}

static int64_t add_mediator(const char *name)
{
	struct mediator_row m = {.name = name, .side = "union", .capacity = 20, .active = 1,
				 .created_at = "2026-01-01 09:00:00"};

	if (db_mediator_insert(db, &m) < 0) {
		fprintf(stderr, "fixture: %s\n", tj_errmsg());
		exit(1);
	}
	return m.id;
}

static struct case_list L;

/* Who searches: a filter's only_mediator names the mediator searching
 * (-1: a mediator account without a mediator record); 0 a clerk. */
static const struct actor *viewer(int64_t only)
{
	static struct actor med;

	if (!only)
		return &clerk;
	med = (struct actor){.role = ROLE_MEDIATOR, .mediator_id = only > 0 ? only : 0};
	return &med;
}

/* Run a search into L; returns the total (-1 on error). */
static int64_t run(const struct case_filter *f)
{
	case_list_free(&L);
	if (case_search(db, &cfg, viewer(f->only_mediator), today, f, &L) < 0) {
		fprintf(stderr, "case_search: %s\n", tj_errmsg());
		return -1;
	}
	return L.total;
}

static int64_t text(const char *t)
{
	struct case_filter f = {.text = t, .status = -1};
	return run(&f);
}

static int has(int64_t id)
{
	for (int i = 0; i < L.n; i++)
		if (L.v[i].id == id)
			return 1;
	return 0;
}

static const struct case_brief *row(int64_t id)
{
	static const struct case_brief none;
	for (int i = 0; i < L.n; i++)
		if (L.v[i].id == id)
			return &L.v[i];
	return &none;
}

/* L's ids in order equal want[0..n). */
static int order_is(const int64_t *want, int n)
{
	if (L.n != n)
		return 0;
	for (int i = 0; i < n; i++)
		if (L.v[i].id != want[i])
			return 0;
	return 1;
}

int main(void)
{
	/* which texts the case list holds back until the typing pauses */
	CHECK_INT(search_text_scans("王"), 1);
	CHECK_INT(search_text_scans(" 王\xe3\x80\x80"), 1); /* spaces, ideographic too, aside */
	CHECK_INT(search_text_scans("7"), 1);
	CHECK_INT(search_text_scans("王芳"), 0);
	CHECK_INT(search_text_scans("  "), 0);
	CHECK_INT(search_text_scans(""), 0);
	CHECK_INT(search_text_scans(NULL), 0);
	CHECK_INT(search_text_scans("\xff"), 0);

	setenv("TIAOJIE_NOW", "2026-11-20 10:00:00", 1);
	config_defaults(&cfg);
	db = testdb_new("search.db");
	today = date_from_ymd(2026, 11, 20);

	/* ---- the fixture ---------------------------------------------------- */
	char id_wf[19] = "", id_wff[19], id_lxm[19], id_x[12][19], id_o[7][19];
	/* 王芳's number ends in X, to search it typed with a lower-case x */
	for (int seq = 100; seq < 1000 && !id_wf[0]; seq++) {
		char first[32];
		snprintf(first, sizeof first, "31010119900101%03d", seq);
		mk_id(first, id_wf);
		if (id_wf[17] != 'X')
			id_wf[0] = '\0';
	}
	mk_id("31010419850505002", id_wff);
	mk_id("11010519881212003", id_lxm);
	for (int i = 0; i < 12; i++) {
		char first[32];
		snprintf(first, sizeof first, "440301199203%02d%03d", (i + 1) % 100, (10 + i) % 1000);
		mk_id(first, id_x[i]);
	}
	for (int i = 0; i < 7; i++) {
		char first[32];
		snprintf(first, sizeof first, "320102197707%02d%03d", (i + 1) % 100, (20 + i) % 1000);
		mk_id(first, id_o[i]);
	}
	char uscc3[19];
	mk_uscc("91310000MA1FL0001", uscc3);

	struct intake_employer e1 = {.uscc = "91350100M000100Y43", .name = "上海某某科技有限公司",
				     .phone = "021-64001234"};
	struct intake_employer e2 = {.name = "北京星辰餐饮管理有限公司", .phone = "13500005555"};
	struct intake_employer e3 = {.uscc = uscc3, .name = "上海浦江物流有限公司"};

	struct intake_person p_wf = person(id_wf, "王芳", "13800000001");
	struct intake_person p_wff = person(id_wff, "王芳芳", "13900001111");
	struct intake_person p_lxm = person(id_lxm, "李小明", "13700002222");
	static const char *const xnames[12] = {"张三", "甲一", "甲二", "甲三", "甲四", "甲五",
					       "甲六", "甲七", "甲八", "甲九", "甲十", "甲十一"};
	struct intake_person p_x[12];
	char xphones[12][24];
	for (int i = 0; i < 12; i++) {
		snprintf(xphones[i], sizeof xphones[i], "136000030%02d", i);
		p_x[i] = person(id_x[i], xnames[i], xphones[i]);
	}
	p_x[0].representative = p_x[1].representative = 1; /* the collective case elects two */
	static const char *const onames[7] = {"赵六", "钱七", "孙八", "周九", "吴十", "郑十一", "王五"};
	struct intake_person p_o[7];
	char ophones[7][24];
	for (int i = 0; i < 7; i++) {
		snprintf(ophones[i], sizeof ophones[i], "158000040%02d", i);
		p_o[i] = person(id_o[i], onames[i], ophones[i]);
	}

	int64_t c1 = reg("2026-10-01", "window", 1, &p_wf, &e1, "0602", "0601", "0601");
	int64_t c2 = reg("2026-10-15", "window", 1, &p_wff, &e2, "0602", NULL, NULL);
	int64_t c3 = reg("2026-11-02", "phone", 1, &p_lxm, &e3, "1701", NULL, NULL);
	int64_t c4 = reg("2026-11-03", "window", 12, p_x, &e3, "0601", NULL, NULL);
	int64_t c5 = reg("2026-11-05", "window", 1, &p_o[0], &e2, "0801", NULL, NULL);
	int64_t c6 = reg("2026-11-06", "online", 1, &p_o[1], &e2, "0402", NULL, NULL);
	int64_t c7 = reg("2026-09-01", "window", 1, &p_o[2], &e1, "0401", "0402", NULL);
	int64_t c8 = reg("2026-09-02", "window", 1, &p_o[3], &e1, "0601", NULL, NULL);
	int64_t c9 = reg("2026-08-03", "window", 1, &p_o[4], &e3, "0602", NULL, NULL);
	int64_t c10 = reg("2025-12-15", "letter", 1, &p_o[5], &e2, "0201", NULL, NULL);
	int64_t c11 = reg("2026-07-07", "online", 1, &p_o[6], &e1, "0701", NULL, NULL);

	int64_t m1 = add_mediator("陈调解");
	int64_t m2 = add_mediator("林调解");

	set_case(c1, "accepted", NULL, 0, "2026-11-20", "2026-11-20 09:00:00");      /* due today */
	set_case(c2, "assigned", NULL, m1, "2026-11-23", "2026-11-19 10:00:00");     /* today + 3 */
	set_case(c3, "mediating", NULL, m1, "2026-11-24", "2026-11-18 10:00:00");    /* today + 4 */
	set_case(c4, "mediating", NULL, m2, "2026-11-19", "2026-11-19 16:00:00");    /* yesterday */
	set_case(c5, "registered", NULL, 0, NULL, "2026-11-13 18:00:00");            /* 7 days */
	set_case(c6, "confirmed", NULL, 0, NULL, "2026-11-14 08:00:00");             /* 6 days */
	set_case(c7, "agreed", "pending", m2, "2026-09-20", "2026-09-20 10:00:00");  /* pay today */
	set_case(c8, "agreed", "pending", m1, "2026-09-21", "2026-09-21 10:00:00");  /* pay tomorrow */
	set_case(c9, "agreed", "performed", m2, "2026-08-20", "2026-10-01 10:00:00");
	set_case(c10, "rejected", NULL, 0, NULL, "2026-01-10 10:00:00");
	sql("UPDATE cases SET case_no = '沪劳人调(2025)第00001号' WHERE id = %lld", (long long)c10);
	set_case(c11, "failed", NULL, m2, "2026-07-22", "2026-07-30 10:00:00");
	sql("UPDATE claims SET agreed_fen = amount_fen, pay_date = '2026-11-20' WHERE case_id = %lld", (long long)c7);
	sql("UPDATE claims SET agreed_fen = amount_fen, pay_date = '2026-11-21' WHERE case_id = %lld", (long long)c8);
	sql("UPDATE claims SET agreed_fen = amount_fen, pay_date = '2026-10-01' WHERE case_id = %lld", (long long)c9);

	/* ---- queue names ---------------------------------------------------- */
	CHECK_STR(queue_name(Q_AWAIT_CONFIRM), "待确认请求");
	CHECK_STR(queue_name(Q_AWAIT_ACCEPT), "待受理");
	CHECK_STR(queue_name(Q_AWAIT_ASSIGN), "待分派");
	CHECK_STR(queue_name(Q_DUE_SOON), "即将到期");
	CHECK_STR(queue_name(Q_OVERDUE), "已超期");
	CHECK_STR(queue_name(Q_STALLED), "久未推进");
	CHECK_STR(queue_name(Q_FOLLOWUP), "待履行回访");
	CHECK_STR(queue_keyword(Q_DUE_SOON), "due-soon");
	CHECK_STR(queue_keyword(Q_FOLLOWUP), "followup");
	for (int q = 1; q < Q_COUNT; q++) {
		CHECK_INT(queue_from_keyword(queue_keyword((enum queue)q)), q);
		CHECK_INT(queue_from_keyword(queue_name((enum queue)q)), q);
	}
	CHECK_INT(queue_from_keyword("nonsense"), -1);
	CHECK_INT(queue_from_keyword(NULL), -1);

	/* ---- search text ---------------------------------------------------- */
	CHECK_INT(text(NULL), 11);
	CHECK_INT(text(""), 11);
	CHECK_INT(text(" \t　"), 11);
	/* case number, whole and in part; full-width brackets as an IME types them */
	CHECK_INT(text("沪劳人调〔2026〕3号"), 1);
	CHECK(has(c3), "whole case number");
	/* the brackets as a keyboard types them, for 〔〕 */
	CHECK_INT(text("沪劳人调(2026)3号"), 1);
	CHECK(has(c3), "ASCII brackets for 〔〕");
	CHECK_INT(text("沪劳人调（2026）3号"), 1);
	CHECK(has(c3), "full-width brackets for 〔〕");
	CHECK_INT(text("[2026]3号"), 1);
	CHECK(has(c3), "[] for 〔〕");
	/* c10 carries a number issued under the earlier default pattern */
	CHECK_INT(text("(2025)"), 1);
	CHECK(has(c10), "case number part");
	CHECK_INT(text("（2025）"), 1);
	CHECK(has(c10), "full-width brackets");
	CHECK_INT(text("〔2025〕"), 1);
	CHECK(has(c10), "〔〕 for an ASCII-bracket number");
	CHECK_INT(text("〔2025〕第00001号"), 1);
	CHECK(has(c10), "the earlier number typed with 〔〕");
	CHECK_INT(text("00001"), 2);
	CHECK(has(c10) && has(c1), "a padded sequence number, and c1 by its phone's ending");
	CHECK_INT(text("〕1号"), 1);
	CHECK(has(c1), "seq 1 of 2026 under the pattern");
	/* names: two characters find the longer name too */
	CHECK_INT(text("王芳"), 2);
	CHECK(has(c1) && has(c2), "王芳 finds 王芳 and 王芳芳");
	CHECK_INT(text("王芳芳"), 1);
	CHECK(has(c2), "王芳芳");
	CHECK_INT(text(" 李小明 "), 1);
	CHECK(has(c3), "three-character name, trimmed");
	CHECK_INT(text("小明"), 1);
	CHECK_INT(text("甲十一"), 1);
	CHECK(has(c4), "a later applicant of a collective case");
	/* employers by any part of the name */
	CHECK_INT(text("星辰"), 4);
	CHECK(has(c2) && has(c5) && has(c6) && has(c10), "employer fragment");
	CHECK_INT(text("浦江物流"), 3);
	/* identity numbers: exact, lower-case x, spaced, and a prefix */
	char lower[19], spaced[32];
	snprintf(lower, sizeof lower, "%s", id_wf);
	lower[17] = 'x';
	CHECK_INT(text(id_wf), 1);
	CHECK(has(c1), "ID exact");
	CHECK_INT(text(lower), 1);
	CHECK(has(c1), "ID lower-case x");
	snprintf(spaced, sizeof spaced, "%.6s %.8s %.4s", id_wf, id_wf + 6, id_wf + 14);
	CHECK_INT(text(spaced), 1);
	CHECK_INT(text("3101011990"), 1);
	CHECK(has(c1), "ID prefix");
	CHECK_INT(text("440301"), 1);
	CHECK(has(c4), "ID prefix of a collective case counts the case once");
	/* credit codes */
	CHECK_INT(text("91350100m000100y43"), 4);
	CHECK(has(c1) && has(c7) && has(c8) && has(c11), "USCC lower-case");
	CHECK_INT(text(uscc3), 3);
	CHECK(has(c3) && has(c4) && has(c9), "USCC");
	/* phones: whole in any form, or the last digits */
	CHECK_INT(text("13900001111"), 1);
	CHECK(has(c2), "phone");
	CHECK_INT(text("+86 139 0000 1111"), 1);
	CHECK(has(c2), "phone +86 spaced");
	CHECK_INT(text("1111"), 1);
	CHECK(has(c2), "phone suffix");
	CHECK_INT(text("021-64001234"), 4);
	CHECK(has(c1) && has(c11), "employer landline");
	CHECK_INT(text("64001234"), 4);
	CHECK_INT(text("13500005555"), 4);
	CHECK(has(c10), "employer mobile");
	sql("UPDATE employers SET name = '上海IBM某某科技有限公司' WHERE uscc = '91350100M000100Y43'");
	CHECK_INT(text("ibm某某"), 4);
	CHECK(has(c1) && has(c7) && has(c8) && has(c11), "Latin letters in any case");
	sql("UPDATE employers SET name = '上海某某科技有限公司' WHERE uscc = '91350100M000100Y43'");
	/* the intake's employer search: by a part of the name (three and
	 * more characters through the trigram index, two through the pairs,
	 * Latin letters in any case), or a whole credit code; sorted by name */
	{
		struct employer_matches m;
		CHECK_INT(employer_search(db, &clerk, "某某科技", 10, &m), 0);
		CHECK_INT(m.n, 1);
		CHECK(m.n == 1 && !strcmp(m.v[0].uscc, "91350100M000100Y43") && !strcmp(m.v[0].phone, "021-64001234"),
		      "the whole archive row");
		employer_matches_free(&m);
		CHECK_INT(employer_search(db, &clerk, " 星辰 ", 10, &m), 0);
		CHECK(m.n == 1 && !strcmp(m.v[0].name, "北京星辰餐饮管理有限公司") && !m.v[0].uscc[0], "two characters");
		employer_matches_free(&m);
		CHECK_INT(employer_search(db, &clerk, "有限公司", 10, &m), 0);
		CHECK_INT(m.n, 3);
		CHECK(m.n == 3 && strcmp(m.v[0].name, m.v[1].name) < 0 && strcmp(m.v[1].name, m.v[2].name) < 0,
		      "sorted by name");
		CHECK(!m.more, "all of them");
		employer_matches_free(&m);
		CHECK_INT(employer_search(db, &clerk, "有限公司", 2, &m), 0);
		CHECK(m.n == 2 && m.more, "the limit, and more said");
		employer_matches_free(&m);
		CHECK_INT(employer_search(db, &clerk, "91350100m000100y43", 10, &m), 0);
		CHECK(m.n == 1 && !strcmp(m.v[0].name, "上海某某科技有限公司"), "a whole credit code");
		employer_matches_free(&m);
		CHECK_INT(employer_search(db, &clerk, "星", 10, &m), 0);
		CHECK(m.n == 0 && !m.more, "one character finds nothing");
		employer_matches_free(&m);
		CHECK_INT(employer_search(db, &clerk, "物流科技", 10, &m), 0);
		CHECK_INT(m.n, 0);
		employer_matches_free(&m);
		sql("UPDATE employers SET name = '上海IBM某某科技有限公司' WHERE uscc = '91350100M000100Y43'");
		CHECK_INT(employer_search(db, &clerk, "ibm某", 10, &m), 0);
		CHECK_INT(m.n, 1);
		employer_matches_free(&m);
		CHECK_INT(employer_search(db, &clerk, "iB", 10, &m), 0);
		CHECK_INT(m.n, 1);
		employer_matches_free(&m);
		sql("UPDATE employers SET name = '上海某某科技有限公司' WHERE uscc = '91350100M000100Y43'");
		CHECK_INT(employer_search(db, &clerk, "50%", 10, &m), 0);
		CHECK_INT(m.n, 0);
		employer_matches_free(&m);
	}
	CHECK_INT(text("不存在的人"), 0);
	CHECK_INT(L.n, 0);
	CHECK_INT(text("%"), 0);
	CHECK_INT(text("_"), 0);

	/* ---- rows ----------------------------------------------------------- */
	text(NULL);
	char masked[40];
	snprintf(masked, sizeof masked, "%.6s********%.4s", id_wf, id_wf + 14);
	CHECK_STR(row(c1)->applicant, "王芳");
	CHECK_STR(row(c1)->applicant_id, masked);
	CHECK_STR(row(c1)->respondent, "上海某某科技有限公司");
	CHECK_STR(row(c1)->causes, "0601,0602");
	CHECK_STR(row(c1)->mediator, "");
	CHECK_STR(row(c1)->received, "2026-10-01");
	CHECK_STR(row(c1)->deadline, "2026-11-20");
	CHECK_INT(row(c1)->days_left, 0);
	CHECK_INT(row(c1)->status, ST_ACCEPTED);
	CHECK_STR(row(c1)->case_no, "沪劳人调〔2026〕1号");
	CHECK_STR(row(c2)->mediator, "陈调解");
	CHECK_INT(row(c2)->days_left, 3);
	CHECK_INT(row(c3)->days_left, 4);
	CHECK_INT(row(c4)->days_left, -1);
	CHECK_STR(row(c4)->applicant, "张三等12人");
	snprintf(masked, sizeof masked, "%.6s********%.4s", id_x[0], id_x[0] + 14);
	CHECK_STR(row(c4)->applicant_id, masked);
	CHECK_INT(row(c4)->collective, 1);
	CHECK_INT(row(c1)->collective, 0);
	CHECK_STR(row(c5)->deadline, "");
	CHECK_STR(row(c7)->causes, "0401,0402");
	CHECK_INT(row(c7)->status, ST_AGREED);
	CHECK_INT(row(c7)->perf, PERF_PENDING);
	CHECK_INT(row(c9)->perf, PERF_PERFORMED);
	CHECK_INT(row(c1)->perf, PERF_NONE);
	CHECK_STR(row(c5)->last_event_at, "2026-11-13 18:00:00");
	/* highlights */
	CHECK(row(c1)->due_soon && !row(c1)->overdue, "deadline today is due soon");
	CHECK(row(c2)->due_soon, "today + 3 is due soon");
	CHECK(!row(c3)->due_soon && !row(c3)->overdue, "today + 4 is neither");
	CHECK(row(c4)->overdue && !row(c4)->due_soon, "yesterday is overdue");
	CHECK(row(c5)->stalled, "7 days without an event is stalled");
	CHECK(!row(c6)->stalled, "6 days is not");
	CHECK(row(c7)->followup && !row(c7)->overdue && !row(c7)->stalled, "agreed: follow-up only");
	CHECK(!row(c8)->followup, "payment tomorrow");
	CHECK(!row(c9)->followup, "performed");
	CHECK(!row(c11)->overdue && !row(c11)->stalled, "closed cases are never overdue or stalled");
	/* no ID number appears unmasked anywhere */
	for (int i = 0; i < L.n; i++)
		CHECK(strlen(L.v[i].applicant_id) == 18 && memcmp(L.v[i].applicant_id + 6, "********", 8) == 0,
		      "masked %s", L.v[i].applicant_id);

	/* ---- filters -------------------------------------------------------- */
	struct case_filter f = {.status = ST_AGREED};
	CHECK_INT(run(&f), 3);
	CHECK(has(c7) && has(c8) && has(c9), "status agreed");
	f = (struct case_filter){.status = ST_REGISTERED};
	CHECK_INT(run(&f), 1);
	CHECK(has(c5), "status registered");
	f = (struct case_filter){.status = -1, .mediator_id = m1};
	CHECK_INT(run(&f), 3);
	CHECK(has(c2) && has(c3) && has(c8), "mediator");
	f = (struct case_filter){.status = ST_MEDIATING, .mediator_id = m1};
	CHECK_INT(run(&f), 1);
	CHECK(has(c3), "status and mediator");
	f = (struct case_filter){.status = -1, .cause = "06"};
	CHECK_INT(run(&f), 5);
	CHECK(has(c1) && has(c2) && has(c4) && has(c8) && has(c9), "first-level cause");
	f = (struct case_filter){.status = -1, .cause = "0602"};
	CHECK_INT(run(&f), 3);
	CHECK(has(c1) && has(c2) && has(c9), "second-level cause");
	f = (struct case_filter){.status = -1, .cause = "04"};
	CHECK_INT(run(&f), 2);
	f = (struct case_filter){.status = -1, .cause = ""};
	CHECK_INT(run(&f), 11);
	f = (struct case_filter){.status = -1, .channel = "letter"};
	CHECK_INT(run(&f), 1);
	CHECK(has(c10), "channel");
	f = (struct case_filter){.status = -1, .channel = "online"};
	CHECK_INT(run(&f), 2);
	f = (struct case_filter){.status = -1, .from = "2026-11-01", .to = "2026-11-30"};
	CHECK_INT(run(&f), 4);
	CHECK(has(c3) && has(c4) && has(c5) && has(c6), "date range");
	f = (struct case_filter){.status = -1, .from = "2026-11-03", .to = "2026-11-05"};
	CHECK_INT(run(&f), 2);
	CHECK(has(c4) && has(c5), "date range inclusive");
	f = (struct case_filter){.status = -1, .from = "2026-11-03"};
	CHECK_INT(run(&f), 3);
	f = (struct case_filter){.status = -1, .to = "2026-07-07"};
	CHECK_INT(run(&f), 2);
	CHECK(has(c10) && has(c11), "open-ended range");
	f = (struct case_filter){.status = -1, .text = "王芳", .channel = "window", .cause = "0601"};
	CHECK_INT(run(&f), 1);
	CHECK(has(c1), "text and filters together");
	/* a mediator sees only their own cases */
	f = (struct case_filter){.status = -1, .only_mediator = m2};
	CHECK_INT(run(&f), 4);
	CHECK(has(c4) && has(c7) && has(c9) && has(c11), "only_mediator");
	f = (struct case_filter){.status = -1, .only_mediator = m2, .text = "王芳"};
	CHECK_INT(run(&f), 0);
	f = (struct case_filter){.status = -1, .only_mediator = m2, .mediator_id = m1};
	CHECK_INT(run(&f), 0);
	f = (struct case_filter){.status = -1, .only_mediator = -1};
	CHECK_INT(run(&f), 0);
	/* bad filters */
	f = (struct case_filter){.status = ST_COUNT};
	CHECK_INT(case_search(db, &cfg, &clerk, today, &f, &L), -1);
	CHECK_INT(L.n, 0);
	f = (struct case_filter){.status = -1, .queue = Q_COUNT};
	CHECK_INT(case_search(db, &cfg, &clerk, today, &f, &L), -1);
	f = (struct case_filter){.status = -1, .sort = (enum case_sort)99};
	CHECK_INT(case_search(db, &cfg, &clerk, today, &f, &L), -1);

	/* ---- queues --------------------------------------------------------- */
	int64_t counts[Q_COUNT];
	CHECK_INT(queue_counts(db, &cfg, viewer(0), today, counts), 0);
	CHECK_INT(counts[Q_NONE], 11);
	CHECK_INT(counts[Q_AWAIT_CONFIRM], 1);
	CHECK_INT(counts[Q_AWAIT_ACCEPT], 1);
	CHECK_INT(counts[Q_AWAIT_ASSIGN], 1);
	CHECK_INT(counts[Q_DUE_SOON], 2);
	CHECK_INT(counts[Q_OVERDUE], 1);
	CHECK_INT(counts[Q_STALLED], 1);
	CHECK_INT(counts[Q_FOLLOWUP], 1);
	const struct {
		enum queue q;
		int n;
		int64_t members[2];
	} qm[] = {
		{Q_AWAIT_CONFIRM, 1, {c5, 0}}, {Q_AWAIT_ACCEPT, 1, {c6, 0}}, {Q_AWAIT_ASSIGN, 1, {c1, 0}},
		{Q_DUE_SOON, 2, {c1, c2}},     {Q_OVERDUE, 1, {c4, 0}},      {Q_STALLED, 1, {c5, 0}},
		{Q_FOLLOWUP, 1, {c7, 0}},
	};
	for (size_t i = 0; i < TJ_ARRAY_LEN(qm); i++) {
		f = (struct case_filter){.status = -1, .queue = qm[i].q};
		CHECK_INT(run(&f), qm[i].n);
		for (int k = 0; k < qm[i].n; k++)
			CHECK(has(qm[i].members[k]), "queue %s member %d", queue_keyword(qm[i].q), k);
	}
	/* mediator restriction */
	CHECK_INT(queue_counts(db, &cfg, viewer(m1), today, counts), 0);
	CHECK_INT(counts[Q_NONE], 3);
	CHECK_INT(counts[Q_DUE_SOON], 1);
	CHECK_INT(counts[Q_OVERDUE], 0);
	CHECK_INT(counts[Q_FOLLOWUP], 0);
	CHECK_INT(counts[Q_AWAIT_CONFIRM], 0);
	CHECK_INT(queue_counts(db, &cfg, viewer(m2), today, counts), 0);
	CHECK_INT(counts[Q_NONE], 4);
	CHECK_INT(counts[Q_OVERDUE], 1);
	CHECK_INT(counts[Q_FOLLOWUP], 1);
	CHECK_INT(counts[Q_DUE_SOON], 0);
	f = (struct case_filter){.status = -1, .queue = Q_OVERDUE, .only_mediator = m1};
	CHECK_INT(run(&f), 0);

	/* stalled: exactly stalled_days whole days, to the second */
	sql("UPDATE cases SET last_event_at = '2026-11-13 23:59:59' WHERE id = %lld", (long long)c6);
	queue_counts(db, &cfg, viewer(0), today, counts);
	CHECK_INT(counts[Q_STALLED], 2);
	sql("UPDATE cases SET last_event_at = '2026-11-14 00:00:00' WHERE id = %lld", (long long)c6);
	queue_counts(db, &cfg, viewer(0), today, counts);
	CHECK_INT(counts[Q_STALLED], 1);
	/* the windows follow the configuration */
	cfg.due_soon_days = 4;
	cfg.stalled_days = 6;
	queue_counts(db, &cfg, viewer(0), today, counts);
	CHECK_INT(counts[Q_DUE_SOON], 3);
	CHECK_INT(counts[Q_STALLED], 2);
	text(NULL);
	CHECK(row(c3)->due_soon && row(c6)->stalled, "highlights follow the configuration");
	cfg.due_soon_days = 0;
	queue_counts(db, &cfg, viewer(0), today, counts);
	CHECK_INT(counts[Q_DUE_SOON], 1);
	cfg.due_soon_days = 3;
	cfg.stalled_days = 7;
	/* and the day: tomorrow c1 is overdue and c8 is due for its call */
	queue_counts(db, &cfg, viewer(0), today + 1, counts);
	CHECK_INT(counts[Q_OVERDUE], 2);
	CHECK_INT(counts[Q_FOLLOWUP], 2);
	CHECK_INT(counts[Q_DUE_SOON], 2); /* c2 (today + 2), c3 (today + 3) */

	/* every queue's list equals its count and carries its highlight */
	queue_counts(db, &cfg, viewer(0), today, counts);
	for (int q = 1; q < Q_COUNT; q++) {
		f = (struct case_filter){.status = -1, .queue = (enum queue)q};
		CHECK_INT(run(&f), counts[q]);
		for (int i = 0; i < L.n; i++) {
			const struct case_brief *b = &L.v[i];
			int flag = q == Q_DUE_SOON ? b->due_soon : q == Q_OVERDUE ? b->overdue
							: q == Q_STALLED ? b->stalled : q == Q_FOLLOWUP ? b->followup : 1;
			CHECK(flag, "queue %s row %s flagged", queue_keyword((enum queue)q), b->case_no);
		}
	}
	text(NULL);
	int nflag[4] = {0};
	for (int i = 0; i < L.n; i++) {
		nflag[0] += L.v[i].due_soon;
		nflag[1] += L.v[i].overdue;
		nflag[2] += L.v[i].stalled;
		nflag[3] += L.v[i].followup;
	}
	CHECK_INT(nflag[0], counts[Q_DUE_SOON]);
	CHECK_INT(nflag[1], counts[Q_OVERDUE]);
	CHECK_INT(nflag[2], counts[Q_STALLED]);
	CHECK_INT(nflag[3], counts[Q_FOLLOWUP]);

	/* ---- sorting -------------------------------------------------------- */
	f = (struct case_filter){.status = -1, .sort = SORT_RECEIVED_DESC};
	run(&f);
	int64_t by_received_desc[] = {c6, c5, c4, c3, c2, c1, c8, c7, c9, c11, c10};
	CHECK(order_is(by_received_desc, 11), "newest first");
	f.sort = SORT_RECEIVED;
	run(&f);
	int64_t by_received[] = {c10, c11, c9, c7, c8, c1, c2, c3, c4, c5, c6};
	CHECK(order_is(by_received, 11), "oldest first");
	f.sort = SORT_DEADLINE;
	run(&f);
	int64_t by_deadline[] = {c11, c9, c7, c8, c4, c1, c2, c3, c10, c5, c6};
	CHECK(order_is(by_deadline, 11), "soonest deadline first, none last");
	f.sort = SORT_CASE_NO;
	run(&f);
	int64_t by_case_no[] = {c10, c1, c2, c3, c4, c5, c6, c7, c8, c9, c11};
	CHECK(order_is(by_case_no, 11), "by case number");
	f.sort = SORT_LAST_EVENT;
	run(&f);
	int64_t by_last_event[] = {c10, c11, c7, c8, c9, c5, c6, c3, c2, c4, c1};
	CHECK(order_is(by_last_event, 11), "least recently touched first");

	/* ---- paging --------------------------------------------------------- */
	f = (struct case_filter){.status = -1, .sort = SORT_RECEIVED, .limit = 4};
	CHECK_INT(run(&f), 11);
	CHECK(order_is(by_received, 4), "page 1");
	f.offset = 4;
	CHECK_INT(run(&f), 11);
	CHECK(order_is(by_received + 4, 4), "page 2");
	f.offset = 8;
	CHECK_INT(run(&f), 11);
	CHECK(order_is(by_received + 8, 3), "last page");
	f.offset = 20;
	CHECK_INT(run(&f), 11);
	CHECK_INT(L.n, 0);
	f = (struct case_filter){.status = -1, .text = "星辰", .sort = SORT_RECEIVED, .limit = 2, .offset = 2};
	CHECK_INT(run(&f), 4);
	CHECK(L.n == 2 && L.v[0].id == c5 && L.v[1].id == c6, "a page of a search");
	f.offset = 10;
	CHECK_INT(run(&f), 4);
	CHECK_INT(L.n, 0);
	f = (struct case_filter){.status = -1, .limit = 0};
	CHECK_INT(run(&f), 11);
	CHECK_INT(L.n, 11);
	/* limit 0 means 50 */
	for (int i = 0; i < 50; i++) {
		struct intake_person p = person(id_wff, "王芳芳", "13900001111");
		reg("2026-11-10", "window", 1, &p, &e2, "0602", NULL, NULL);
	}
	f = (struct case_filter){.status = -1, .text = "王芳芳"};
	CHECK_INT(run(&f), 51);
	CHECK_INT(L.n, 50);
	f.offset = 50;
	CHECK_INT(run(&f), 51);
	CHECK_INT(L.n, 1);
	CHECK(has(c2), "the oldest last");

	/* one snapshot across pages */
	CHECK_INT(case_search_begin(db), 0);
	f = (struct case_filter){.status = -1, .limit = 10};
	CHECK_INT(run(&f), 61);
	case_search_end(db);
	CHECK(sqlite3_get_autocommit(db->h), "snapshot ended");

	case_list_free(&L);
	case_list_free(&L); /* twice is harmless */
	db_close(db);
	config_free(&cfg);
	testdb_cleanup();
	return tap_done();
}
