/*
 * test_docs.c - documents (docs.h).
 *
 * 1. The template parser: every kind of mistake is reported with its file
 *    and line; the four templates of forms/ parse.
 * 2. Filling: fields, repeated and optional sections, "when absent"
 *    sections, line directives, values with newlines and control
 *    characters, missing data named (with the list item), the text output.
 * 3. The dictionary of a real case (dates, amounts in figures and
 *    capitals, parties, flags), the state rules and the one-key kind.
 * 4. doc_issue end to end on a test database: text and PDF with the real
 *    templates, the documents row and the event, mode 0600 and no
 *    temporary file left, refusals that write nothing, template errors;
 *    where the templates are found; the print command.
 */
#include <sys/stat.h>

#include "tap.h"
#include "testdb.h"
#include "tiaojie/casework.h"
#include "tiaojie/docs.h"
#include "tiaojie/intake.h"

#define NOW "2026-11-20 10:00:00"

static struct config cfg;
static struct holidays hol;
static struct db *db;
static int64_t med1, med2;
static struct actor clerk = {.role = ROLE_CLERK};
static struct actor admin = {.role = ROLE_ADMIN};
static char repo_forms[512];

/* ---- helpers ------------------------------------------------------------------- */

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb;
	char buf[4096];
	size_t n;

	if (!f)
		return NULL;
	sb_init(&sb);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	if (!sb.buf)
		sb_add(&sb, "");
	return sb_detach(&sb);
}

static int64_t q_int(const char *sql, int64_t id)
{
	sqlite3_stmt *st;
	int64_t v = -999;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return v;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static char *q_text(const char *sql, int64_t id)
{
	sqlite3_stmt *st;
	char *out = NULL;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return xstrdup("?");
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		out = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out ? out : xstrdup("(null)");
}

#define CHECK_HAS(hay, needle)                                                                       \
	do {                                                                                         \
		const char *h_ = (hay), *n_ = (needle);                                              \
		CHECK(h_ && strstr(h_, n_) != NULL, "\"%s\" lacks \"%s\"", h_ ? h_ : "(null)", n_); \
	} while (0)

/* The template must be refused with a message containing want. */
static void parse_fails(const char *text, const char *want)
{
	tj_error_clear();
	struct doc_template *t = doc_template_parse("t.txt", text);
	CHECK(t == NULL, "parsed although wrong: %s", text);
	CHECK_HAS(tj_errmsg(), want);
	doc_template_free(t);
}

/* Fill text with d: the text output, or NULL (error in the sink). */
static char *fill(const char *text, const struct doc_dict *d)
{
	struct doc_template *t = doc_template_parse("t.txt", text);
	struct doc_blocks b;
	char *out;

	if (!t) {
		fprintf(stderr, "fill: parse: %s\n", tj_errmsg());
		return NULL;
	}
	if (doc_template_render(t, d, &b) < 0) {
		doc_template_free(t);
		return NULL;
	}
	out = doc_text(&b);
	doc_blocks_free(&b);
	doc_template_free(t);
	return out;
}

static void fill_is(const char *text, const struct doc_dict *d, const char *want)
{
	char *got = fill(text, d);

	if (!got)
		fprintf(stderr, "fill failed: %s\n", tj_errmsg());
	CHECK_STR(got, want);
	free(got);
}

static void fill_fails(const char *text, const struct doc_dict *d, const char *want)
{
	tj_error_clear();
	char *got = fill(text, d);
	CHECK(got == NULL, "filled although data is missing: %s", got ? got : "");
	CHECK_HAS(tj_errmsg(), want);
	free(got);
}

/* ---- 1. parsing ---------------------------------------------------------------------- */

static void test_parse(void)
{
	parse_fails("第一行\n{{nosuch}}\n", "t.txt:2: 未知字段 {{nosuch}}");
	parse_fails("{{#claims}}\n{{no}}\n", "t.txt:1: 段落 {{#claims}} 没有结束标记 {{/claims}}");
	parse_fails("a\n{{#claims}}\n{{#amount}}{{amount}}\n{{/claims}}\n",
		    "t.txt:4: 结束标记 {{/claims}} 与第3行的 {{#amount}} 不配对");
	parse_fails("a\n\n{{/claims}}\n", "t.txt:3: 多余的结束标记 {{/claims}}");
	parse_fails("案号：{{case_no\n", "t.txt:1: 标记未闭合");
	parse_fails("x\n{{claims}}\n", "t.txt:2: {{claims}} 是列表");
	/* a claim's field outside {{#claims}}, an applicant's inside it */
	parse_fails("{{text}}\n", "t.txt:1: 未知字段 {{text}}");
	parse_fails("{{#claims}}\n{{name}}\n{{/claims}}\n", "t.txt:2: 未知字段 {{name}}（在 {{#claims}} 中）");
	parse_fails("{{#nosuch}}x{{/nosuch}}\n", "t.txt:1: 未知字段 {{#nosuch}}");
	parse_fails("{{案号}}\n", "t.txt:1: 字段名无效");
	parse_fails("ok\n\xff\xfe\n", "t.txt:2: 不是有效的 UTF-8");
	parse_fails("ok\nbell\a\n", "t.txt:2: 含有控制字符");
	/* every mistake, not only the first */
	tj_error_clear();
	struct doc_template *t = doc_template_parse("t.txt", "{{a1}}\n{{case_no}}\n{{a2}}\n{{#claims}}\n");
	CHECK(t == NULL, "bad template parsed");
	CHECK_HAS(tj_errmsg(), "t.txt:1: 未知字段 {{a1}}");
	CHECK_HAS(tj_errmsg(), "t.txt:3: 未知字段 {{a2}}");
	CHECK_HAS(tj_errmsg(), "t.txt:4: 段落 {{#claims}}");
	doc_template_free(t);

	/* fine: nested lists, comments, spaces inside tags, a BOM, CRLF */
	t = doc_template_parse("t.txt", "\xEF\xBB\xBF{{! 注释 }}\r\n{{# applicants }}{{#claims}}{{ no }}{{/claims}}{{/applicants}}\r\n");
	CHECK(t != NULL, "good template refused: %s", tj_errmsg());
	doc_template_free(t);

	/* a list inside itself is refused: it repeats for each of its own
	 * items at every level (fuzz_template found 3 claims nested a dozen
	 * deep running for minutes) */
	parse_fails("{{#claims}}\n{{#applicants}}{{#claims}}{{no}}{{/claims}}{{/applicants}}\n{{/claims}}\n",
		    "t.txt:2: {{#claims}} 不能写在同一列表的 {{#claims}}（第1行）之中");
	/* different lists inside one another multiply too: the render stops */
	{
		struct doc_dict *big = doc_dict_new();
		static const char *lists[] = {"applicants", "respondents", "claims"};
		for (int l = 0; l < 3; l++) {
			doc_dict_list(big, lists[l]);
			for (int k = 0; k < 150; k++)
				doc_dict_add_item(big, lists[l]);
		}
		tj_error_clear();
		char *out = fill("{{#applicants}}{{#respondents}}{{#claims}}x{{/claims}}{{/respondents}}{{/applicants}}\n",
				 big);
		CHECK(out == NULL, "150 x 150 x 150 items rendered");
		CHECK_HAS(tj_errmsg(), "t.txt: 文书过长：模板中的列表互相嵌套");
		free(out);
		out = fill("{{#applicants}}{{#claims}}x{{/claims}}{{/applicants}}\n", big);
		CHECK(out != NULL && strlen(out) >= 150 * 150, "150 x 150 items: %s", out ? "short" : tj_errmsg());
		free(out);
		doc_dict_free(big);
	}

	/* the court's templates */
	for (int k = 0; k < DOC_KIND_COUNT; k++) {
		char path[600];
		snprintf(path, sizeof path, "%s/%s.txt", repo_forms, doc_kind_keyword((enum doc_kind)k));
		char *text = read_all(path);
		CHECK(text != NULL, "cannot read %s", path);
		if (!text)
			continue;
		t = doc_template_parse(path, text);
		CHECK(t != NULL, "%s: %s", path, tj_errmsg());
		doc_template_free(t);
		free(text);
	}
}

/* ---- 2. filling ---------------------------------------------------------------------- */

static struct doc_dict *sample_dict(void)
{
	struct doc_dict *d = doc_dict_new();
	static const char *texts[] = {"支付工资", "出具证明", "支付补偿"};
	static const char *amounts[] = {"100.00", NULL, "300.00"};

	doc_dict_set(d, "case_no", "沪劳人调(2026)第00001号");
	doc_dict_set(d, "centre_name", "调解中心");
	doc_dict_set(d, "court_phone", "");
	doc_dict_set(d, "facts", "第一段\n第二段");
	doc_dict_list(d, "applicants");
	doc_dict_list(d, "claims");
	for (int i = 0; i < 3; i++) {
		struct doc_dict *it = doc_dict_add_item(d, "claims");
		char no[16];
		snprintf(no, sizeof no, "%d", i + 1);
		doc_dict_set(it, "no", no);
		doc_dict_set(it, "text", texts[i]);
		doc_dict_set(it, "amount", amounts[i]);
	}
	return d;
}

static void test_fill(void)
{
	struct doc_dict *d = sample_dict();
	struct doc_blocks b;

	/* the dictionary itself */
	CHECK_STR(doc_dict_get(d, "case_no"), "沪劳人调(2026)第00001号");
	CHECK(doc_dict_get(d, "court_phone") == NULL, "empty is no data");
	CHECK_INT(doc_dict_count(d, "claims"), 3);
	CHECK_INT(doc_dict_count(d, "applicants"), 0);
	CHECK_INT(doc_dict_count(d, "case_no"), -1);
	CHECK_STR(doc_dict_get(doc_dict_item(d, "claims", 2), "text"), "支付补偿");
	CHECK(doc_dict_item(d, "claims", 3) == NULL, "no fourth claim");

	/* repeated, optional and absent sections; standalone tag lines vanish */
	fill_is("{{#claims}}\n{{no}}. {{text}}{{#amount}}（{{amount}}元）{{/amount}}\n{{/claims}}\n", d,
		"1. 支付工资（100.00元）\n2. 出具证明\n3. 支付补偿（300.00元）\n");
	fill_is("{{^applicants}}\n无申请人\n{{/applicants}}\n{{^claims}}\n无请求\n{{/claims}}\n", d, "无申请人\n");
	/* a top-level field inside a list; an optional line that is hidden is dropped */
	fill_is("{{#claims}}{{case_no}}-{{no}} {{/claims}}\n{{#court_phone}}电话：{{court_phone}}{{/court_phone}}\n末行\n",
		d,
		"沪劳人调(2026)第00001号-1 沪劳人调(2026)第00001号-2 沪劳人调(2026)第00001号-3 \n末行\n");
	fill_is("{{^court_phone}}电话：无{{/court_phone}}\n", d, "电话：无\n");

	/* missing data is named, with its line and list item */
	fill_fails("案号：{{case_no}}\n电话：{{court_phone}}\n", d, "t.txt:2: 缺少数据：仲裁院电话 {{court_phone}}");
	fill_fails("{{#claims}}\n{{no}}. {{amount_capital}}\n{{/claims}}\n", d,
		   "t.txt:2: 缺少数据：请求金额（大写） {{amount_capital}}（请求事项第2项）");
	fill_fails("{{#claims}}\n{{no}}. {{amount_capital}}\n{{/claims}}\n", d, "（请求事项第3项）");
	/* a conditional section does not excuse other fields */
	fill_fails("{{#case_no}}（{{reason}}）{{/case_no}}\n", d, "t.txt:1: 缺少数据：不予受理、调解不成或撤回的理由 {{reason}}");
	/* nor does a "when absent" one */
	fill_fails("{{^court_phone}}{{court_address}}{{/court_phone}}\n", d, "缺少数据：仲裁院地址");

	/* directives; values are never directives; newlines in values */
	struct doc_template *t = doc_template_parse("t.txt", "\n\n# 标题\n## 小标题\n>> 右边\n\n\n\n　　{{facts}}\n正文\n\n");
	CHECK(t != NULL, "%s", tj_errmsg());
	doc_dict_set(d, "facts", "# 不是标题\n\n\n第二段\x01\x7f");
	CHECK_INT(doc_template_render(t, d, &b), 0);
	CHECK_INT(b.n, 8);
	if (b.n == 8) {
		CHECK_INT(b.v[0].style, DOC_TITLE);
		CHECK_STR(b.v[0].text, "标题");
		CHECK_INT(b.v[1].style, DOC_HEADING);
		CHECK_STR(b.v[1].text, "小标题");
		CHECK_INT(b.v[2].style, DOC_RIGHT);
		CHECK_STR(b.v[2].text, "右边");
		CHECK_INT(b.v[3].style, DOC_GAP); /* three blank lines, one gap */
		CHECK_INT(b.v[4].style, DOC_BODY);
		CHECK_STR(b.v[4].text, "　　# 不是标题");
		CHECK_INT(b.v[5].style, DOC_GAP);
		/* every paragraph of a value keeps the line's indent */
		CHECK_STR(b.v[6].text, "　　第二段");
		CHECK_STR(b.v[7].text, "正文");
	}
	/* the text: title centred, right-aligned to 72 columns, no trailing gap */
	char *text = doc_text(&b);
	CHECK(strncmp(text, "                                  标题\n", strlen("                                  标题\n")) == 0,
	      "title: %s", text);
	char want_right[128];
	snprintf(want_right, sizeof want_right, "\n%*s右边\n", 68, "");
	CHECK_HAS(text, want_right);
	CHECK_HAS(text, "　　# 不是标题\n\n　　第二段\n");
	free(text);
	doc_blocks_free(&b);
	doc_template_free(t);

	doc_dict_free(d);
}

/* ---- 3. a case: dictionary, rules ---------------------------------------------------- */

static struct intake_person app;
static struct intake_employer emp;
static struct intake_claim claims[2];

static int64_t new_case(void)
{
	struct intake in = {.channel = "window", .facts = "申请人于2024年3月入职被申请人处。\n被申请人拖欠工资。",
			    .napplicants = 1, .applicants = &app, .nrespondents = 1, .respondents = &emp,
			    .nclaims = 2, .claims = claims};
	struct intake_result res = {0};

	if (intake_register(db, &cfg, &clerk, &in, &res) < 0) {
		fprintf(stderr, "intake_register: %s\n", tj_errmsg());
		exit(1);
	}
	intake_result_free(&res);
	return res.case_id;
}

static void act(int64_t id, struct case_op op)
{
	struct case_op_result res;

	op.case_id = id;
	if (case_apply(db, &cfg, &hol, &admin, &op, &res) != 0) {
		fprintf(stderr, "%s: %s\n", action_keyword(op.action), tj_errmsg());
		exit(1);
	}
}

/* A case brought to mediation by the admin (mediator med1). */
static int64_t mediating_case(void)
{
	int64_t id = new_case();

	act(id, (struct case_op){.action = ACT_CONFIRM, .confirm_how = "phone"});
	act(id, (struct case_op){.action = ACT_ACCEPT});
	act(id, (struct case_op){.action = ACT_ASSIGN, .mediator_id = med1});
	/* one mediator's sessions may not overlap: ten minutes each, one
	 * after the other, before now (10:00) */
	static int slot;
	char start[16];
	snprintf(start, sizeof start, "%02d:%02d", slot / 6 % 10, slot % 6 * 10);
	slot++;
	act(id, (struct case_op){.action = ACT_SESSION, .start = start, .minutes = 10, .note = "双方到场"});
	return id;
}

static int64_t agreed_case(void)
{
	static const struct case_op_agreed agreed[2] = {{1, 1000000, "2026-12-01", 0, NULL, 0, NULL, 0}, {2, 0, NULL, 0, NULL, 0, NULL, 0}};
	int64_t id = mediating_case();

	act(id, (struct case_op){.action = ACT_AGREE, .nagreed = 2, .agreed = agreed});
	return id;
}

static void test_dict(void)
{
	int64_t id = agreed_case();
	struct case_view cv;
	const struct doc_dict *it;

	CHECK_INT(case_load(db, &admin, id, &cv), 1);
	struct doc_dict *d = doc_dict_build(&cv, &cfg);
	CHECK_STR(doc_dict_get(d, "case_no"), cv.case_no);
	CHECK_STR(doc_dict_get(d, "court_name"), cfg.court_name);
	CHECK_STR(doc_dict_get(d, "centre_name"), cfg.centre_name);
	CHECK(doc_dict_get(d, "court_address") == NULL, "no address configured");
	CHECK_STR(doc_dict_get(d, "received"), "2026年11月20日");
	CHECK_STR(doc_dict_get(d, "today"), "2026年11月20日");
	CHECK_STR(doc_dict_get(d, "closed"), "2026年11月20日");
	CHECK_STR(doc_dict_get(d, "channel"), "窗口");
	CHECK_STR(doc_dict_get(d, "status"), "调解成功");
	CHECK_STR(doc_dict_get(d, "performance"), "待履行");
	CHECK_STR(doc_dict_get(d, "mediator"), "张调解");
	CHECK_STR(doc_dict_get(d, "facts"), "申请人于2024年3月入职被申请人处。\n被申请人拖欠工资。");
	CHECK_STR(doc_dict_get(d, "agreement"), "是");
	CHECK(doc_dict_get(d, "failed") == NULL && doc_dict_get(d, "defaulted") == NULL, "flags off");
	CHECK(doc_dict_get(d, "multiple_applicants") == NULL, "one applicant");
	CHECK_STR(doc_dict_get(d, "applicant_names"), "张三");
	CHECK_STR(doc_dict_get(d, "respondent_names"), "上海某某科技有限公司");
	CHECK_STR(doc_dict_get(d, "applicant_count"), "1");
	CHECK_STR(doc_dict_get(d, "claim_count"), "2");
	CHECK_STR(doc_dict_get(d, "total_amount"), "12,000.00");
	CHECK_STR(doc_dict_get(d, "total_amount_capital"), "壹万贰仟元整");
	CHECK_STR(doc_dict_get(d, "total_agreed"), "10,000.00");
	CHECK_STR(doc_dict_get(d, "total_agreed_capital"), "壹万元整");
	CHECK_STR(doc_dict_get(d, "session_count"), "1");
	CHECK_HAS(doc_dict_get(d, "causes"), "、");

	it = doc_dict_item(d, "applicants", 0);
	CHECK_STR(doc_dict_get(it, "no"), "1");
	CHECK_STR(doc_dict_get(it, "name"), "张三");
	CHECK_STR(doc_dict_get(it, "gender"), "女");
	CHECK_STR(doc_dict_get(it, "birth_date"), "1949年12月31日");
	CHECK_STR(doc_dict_get(it, "id_type"), "居民身份证");
	CHECK_STR(doc_dict_get(it, "id_no"), "11010519491231002X"); /* in full */
	CHECK_STR(doc_dict_get(it, "phone"), "13812345678");
	CHECK_STR(doc_dict_get(it, "nationality"), "中国");
	it = doc_dict_item(d, "respondents", 0);
	CHECK_STR(doc_dict_get(it, "uscc"), "91350100M000100Y43");
	CHECK_STR(doc_dict_get(it, "legal_rep"), "李四");
	CHECK(doc_dict_get(it, "phone") == NULL, "no phone typed");

	it = doc_dict_item(d, "claims", 0);
	CHECK_STR(doc_dict_get(it, "text"), "支付拖欠工资");
	CHECK_STR(doc_dict_get(it, "cause_code"), "0601");
	CHECK_STR(doc_dict_get(it, "amount"), "12,000.00");
	CHECK_STR(doc_dict_get(it, "amount_capital"), "壹万贰仟元整");
	CHECK_STR(doc_dict_get(it, "agreed"), "10,000.00");
	CHECK_STR(doc_dict_get(it, "agreed_capital"), "壹万元整");
	CHECK_STR(doc_dict_get(it, "pay_date"), "2026年12月1日");
	CHECK(doc_dict_get(it, "waived") == NULL, "not waived");
	it = doc_dict_item(d, "claims", 1);
	CHECK(doc_dict_get(it, "amount") == NULL && doc_dict_get(it, "amount_capital") == NULL, "no amount");
	CHECK_STR(doc_dict_get(it, "agreed"), "0.00");
	CHECK_STR(doc_dict_get(it, "agreed_capital"), "零元整");
	/* agreed as asked, not given up: said as what the respondent does */
	CHECK(doc_dict_get(it, "waived") == NULL, "a claim without money agreed at 0 is not waived");
	CHECK_STR(doc_dict_get(it, "outcome"), "被申请人同意出具解除劳动合同证明。");
	CHECK(doc_dict_get(it, "pay_date") == NULL, "nothing to pay");
	it = doc_dict_item(d, "sessions", 0);
	CHECK_STR(doc_dict_get(it, "note"), "双方到场");
	CHECK_STR(doc_dict_get(it, "date"), "2026年11月20日");

	CHECK(doc_field_label("claims", "agreed") && strcmp(doc_field_label("claims", "agreed"), "协议金额") == 0,
	      "label");
	CHECK(doc_field_label("", "text") == NULL, "a claim's field is not top-level");
	doc_dict_free(d);
	case_view_free(&cv);
}

static void test_rules(void)
{
	static const struct {
		enum case_status st;
		enum performance perf;
		int overdue;
		const char *allowed; /* a = application, g = agreement, t = termination, r = arbitration */
		enum doc_kind pick;
	} rows[] = {
		{ST_REGISTERED, PERF_NONE, 0, "ac", DOC_APPLICATION},
		{ST_REGISTERED, PERF_NONE, 1, "ac", DOC_APPLICATION}, /* acceptance late: not mediation */
		{ST_CONFIRMED, PERF_NONE, 1, "ac", DOC_APPLICATION},
		{ST_ACCEPTED, PERF_NONE, 0, "ac", DOC_APPLICATION},
		{ST_ACCEPTED, PERF_NONE, 1, "arc", DOC_APPLICATION},
		{ST_ASSIGNED, PERF_NONE, 1, "arc", DOC_APPLICATION},
		{ST_MEDIATING, PERF_NONE, 0, "ac", DOC_APPLICATION},
		{ST_MEDIATING, PERF_NONE, 1, "arc", DOC_APPLICATION},
		{ST_REJECTED, PERF_NONE, 0, "arcj", DOC_APPLICATION},
		{ST_AGREED, PERF_PENDING, 0, "agc", DOC_AGREEMENT},
		{ST_AGREED, PERF_PERFORMED, 0, "agc", DOC_AGREEMENT},
		{ST_AGREED, PERF_DEFAULTED, 0, "agrc", DOC_ARBITRATION},
		{ST_FAILED, PERF_NONE, 0, "atrc", DOC_TERMINATION},
		{ST_WITHDRAWN, PERF_NONE, 0, "atrc", DOC_TERMINATION},
		{ST_REFERRED, PERF_NONE, 0, "atrc", DOC_ARBITRATION},
	};
	/* c receipt, p acceptance, j rejection, s session, v service, e
	 * evidence, o record: these rows have no acceptance date, sessions,
	 * evidence or documents, so only the receipt (and the rejection of
	 * a rejected case) fits */
	static const char letters[DOC_KIND_COUNT] = {'a', 'g', 't', 'r', 'c', 'p', 'j', 's', 'v', 'e', 'o'};

	for (size_t i = 0; i < TJ_ARRAY_LEN(rows); i++) {
		struct case_view cv;
		memset(&cv, 0, sizeof cv);
		snprintf(cv.case_no, sizeof cv.case_no, "沪劳人调(2026)第%05d号", (int)i + 1);
		cv.status = rows[i].st;
		cv.perf = rows[i].perf;
		cv.has_deadline = rows[i].overdue || status_is_open(rows[i].st);
		cv.days_left = rows[i].overdue ? -1 : 3;
		for (int k = 0; k < DOC_KIND_COUNT; k++) {
			int want = strchr(rows[i].allowed, letters[k]) != NULL;
			tj_error_clear();
			int got = doc_allowed(&cv, (enum doc_kind)k) == 0;
			CHECK(got == want, "%s/%s overdue=%d: %s %s", status_keyword(rows[i].st),
			      perf_keyword(rows[i].perf) ? perf_keyword(rows[i].perf) : "-", rows[i].overdue,
			      doc_kind_keyword((enum doc_kind)k), got ? "allowed" : tj_errmsg());
			if (!got) {
				/* the reason names the case and the document */
				CHECK_HAS(tj_errmsg(), cv.case_no);
				CHECK_HAS(tj_errmsg(), doc_kind_name((enum doc_kind)k));
			}
		}
		CHECK_INT(doc_kind_for_case(&cv), rows[i].pick);
		CHECK(doc_allowed(&cv, doc_kind_for_case(&cv)) == 0, "the picked kind is allowed");
	}

	CHECK_INT(doc_kind_from_keyword("agreement"), DOC_AGREEMENT);
	CHECK_INT(doc_kind_from_keyword("仲裁申请书"), DOC_ARBITRATION);
	CHECK_INT(doc_kind_from_keyword("letter"), -1);
	CHECK_INT(doc_format_for_path("a/b.PDF"), DOC_FMT_PDF);
	CHECK_INT(doc_format_for_path("b.txt"), DOC_FMT_TEXT);
	CHECK_INT(doc_format_for_path("b.doc"), -1);
	CHECK_HAS(tj_errmsg(), ".pdf");
	CHECK_INT(doc_format_for_path(".pdf"), -1);

	struct case_view cv;
	memset(&cv, 0, sizeof cv);
	snprintf(cv.case_no, sizeof cv.case_no, "沪劳人调(2026)/第00001号");
	char *name = doc_file_name(&cv, DOC_AGREEMENT, DOC_FMT_PDF);
	CHECK_STR(name, "沪劳人调(2026)_第00001号-调解协议书.pdf");
	free(name);
}

/* ---- 4. issuing ------------------------------------------------------------------------ */

static int64_t docs_of(int64_t id)
{
	return q_int("SELECT count(*) FROM documents WHERE case_id = ?", id);
}

static int64_t doc_events_of(int64_t id)
{
	return q_int("SELECT count(*) FROM events WHERE case_id = ? AND action = 'document'", id);
}

static void test_issue(void)
{
	int64_t reg = new_case(), agr = agreed_case();
	char *text = NULL, *s;
	struct stat st;

	setenv("TIAOJIE_FORMS", repo_forms, 1);

	/* text to memory, recorded */
	CHECK_INT(doc_issue(db, &cfg, &clerk, reg, DOC_APPLICATION, NULL, &text), 0);
	CHECK_HAS(text, "调解申请书");
	CHECK_HAS(text, "张三");
	CHECK_HAS(text, "11010519491231002X");
	CHECK_HAS(text, "上海某某科技有限公司");
	CHECK_HAS(text, "支付拖欠工资");
	CHECK_HAS(text, "12,000.00");
	CHECK_HAS(text, "壹万贰仟元整");
	CHECK_HAS(text, "被申请人拖欠工资。");
	free(text);
	CHECK_INT(docs_of(reg), 1);
	CHECK_INT(doc_events_of(reg), 1);
	s = q_text("SELECT kind || '|' || file || '|' || coalesce(user_id, 'null') FROM documents WHERE case_id = ?", reg);
	CHECK_STR(s, "application||null");
	free(s);
	s = q_text("SELECT entity || '|' || after FROM events WHERE case_id = ? AND action = 'document'", reg);
	CHECK_STR(s, "case|调解申请书（文本）");
	free(s);

	/* the wrong state: refused, nothing written */
	text = NULL;
	tj_error_clear();
	CHECK_INT(doc_issue(db, &cfg, &clerk, reg, DOC_AGREEMENT, NULL, &text), -1);
	CHECK(text == NULL, "no text");
	CHECK_HAS(tj_errmsg(), "登记");
	CHECK_HAS(tj_errmsg(), "不能出具调解协议书");
	CHECK_INT(docs_of(reg), 1);
	CHECK_INT(doc_events_of(reg), 1);

	/* the agreement and the arbitration application need the respondent's
	 * address, the arbitration application its phone too (§29): named */
	tj_error_clear();
	CHECK_INT(doc_issue(db, &cfg, &clerk, agr, DOC_AGREEMENT, NULL, &text), -1);
	CHECK_HAS(tj_errmsg(), "agreement.txt:");
	CHECK_HAS(tj_errmsg(), "缺少数据：被申请人住所 {{address}}（被申请人第1项）");
	tj_error_clear();
	CHECK_INT(doc_issue(db, &cfg, &clerk, agr, DOC_ARBITRATION, NULL, &text), -1);
	CHECK_HAS(tj_errmsg(), "协议未履行时才能出具仲裁申请书");
	int64_t early = mediating_case();
	act(early, (struct case_op){.action = ACT_FAIL, .reason = "双方分歧较大"});
	tj_error_clear();
	CHECK_INT(doc_issue(db, &cfg, &clerk, early, DOC_ARBITRATION, NULL, &text), -1);
	CHECK_HAS(tj_errmsg(), "arbitration.txt:");
	CHECK_HAS(tj_errmsg(), "缺少数据：被申请人住所 {{address}}（被申请人第1项）");
	CHECK_HAS(tj_errmsg(), "缺少数据：被申请人联系电话 {{phone}}（被申请人第1项）");
	CHECK_INT(docs_of(agr) + docs_of(early), 0);
	/* the case's own copy of the respondent is what the documents print:
	 * a later change to the archive does not reach it */
	CHECK_INT(testdb_raw(db, "UPDATE employers SET address = '上海市徐汇区某路1号', phone = '021-12345678'"),
		  SQLITE_OK);
	tj_error_clear();
	CHECK_INT(doc_issue(db, &cfg, &clerk, agr, DOC_AGREEMENT, NULL, &text), -1);
	CHECK_HAS(tj_errmsg(), "缺少数据：被申请人住所 {{address}}（被申请人第1项）");
	CHECK_INT(testdb_raw(db, "UPDATE case_parties SET address = '上海市徐汇区某路1号', phone = '021-12345678' "
				 "WHERE role = 'respondent'"),
		  SQLITE_OK);

	/* a PDF and a text file of the agreement */
	const char *pdf = testdb_path("协议书.pdf");
	CHECK_INT(doc_issue(db, &cfg, &clerk, agr, DOC_AGREEMENT, pdf, NULL), 0);
	CHECK(stat(pdf, &st) == 0 && (st.st_mode & 0777) == 0600, "pdf mode %o", (unsigned)st.st_mode & 0777);
	s = read_all(pdf);
	CHECK(s && strncmp(s, "%PDF-", 5) == 0, "not a PDF");
	free(s);
	CHECK_INT(testdb_hidden_files(testdb_dir, NULL), 0);
	s = q_text("SELECT file FROM documents WHERE case_id = ? AND kind = 'agreement'", agr);
	CHECK_STR(s, pdf);
	free(s);
	s = q_text("SELECT after FROM events WHERE case_id = ? AND action = 'document'", agr);
	CHECK(strncmp(s, "调解协议书：/", strlen("调解协议书：/")) == 0, "event: %s", s);
	free(s);
	const char *txt = testdb_path("协议书.txt");
	CHECK_INT(doc_issue(db, &cfg, &clerk, agr, DOC_AGREEMENT, txt, NULL), 0);
	s = read_all(txt);
	CHECK_HAS(s, "本协议书一式三份");
	CHECK_HAS(s, "人民币10,000.00元（大写：壹万元整）");
	CHECK_HAS(s, "2026年12月1日前");
	CHECK(strstr(s, "放弃") == NULL, "an agreed claim is not 放弃: %s", s);
	CHECK_HAS(s, "被申请人同意出具解除劳动合同证明。");
	CHECK_HAS(s, "调解员张调解（签名）");
	free(s);
	/* issuing again replaces the file */
	CHECK_INT(doc_issue(db, &cfg, &clerk, agr, DOC_AGREEMENT, txt, NULL), 0);
	CHECK_INT(docs_of(agr), 3);
	CHECK_INT(testdb_hidden_files(testdb_dir, NULL), 0);

	/* refusals that write nothing */
	tj_error_clear();
	CHECK_INT(doc_issue(db, &cfg, &clerk, agr, DOC_AGREEMENT, testdb_path("x.doc"), NULL), -1);
	CHECK_HAS(tj_errmsg(), ".pdf");
	tj_error_clear();
	CHECK_INT(doc_issue(db, &cfg, &clerk, agr, DOC_AGREEMENT, "/nonexistent-tiaojie-dir/x.pdf", NULL), -1);
	CHECK_HAS(tj_errmsg(), "/nonexistent-tiaojie-dir");
	tj_error_clear();
	struct actor other = {.role = ROLE_MEDIATOR, .user_id = 0, .mediator_id = med2};
	CHECK_INT(doc_issue(db, &cfg, &other, agr, DOC_AGREEMENT, testdb_path("y.pdf"), NULL), -1);
	CHECK(tj_errmsg()[0] != '\0', "a reason");
	CHECK(stat(testdb_path("y.pdf"), &st) < 0, "nothing written");
	struct actor own = {.role = ROLE_MEDIATOR, .user_id = 0, .mediator_id = med1};
	text = NULL;
	CHECK_INT(doc_issue(db, &cfg, &own, agr, DOC_TERMINATION, NULL, &text), -1);
	CHECK_INT(doc_issue(db, &cfg, &own, agr, DOC_APPLICATION, NULL, &text), 0);
	free(text);
	CHECK_INT(doc_issue(db, &cfg, &clerk, 999999, DOC_APPLICATION, NULL, &text), -1);
	CHECK_INT(docs_of(agr), 4);
	CHECK_INT(testdb_hidden_files(testdb_dir, NULL), 0);

	/* the other kinds on the real templates */
	int64_t failed = mediating_case(), withdrawn = mediating_case();
	act(failed, (struct case_op){.action = ACT_FAIL, .reason = "双方分歧较大"});
	act(withdrawn, (struct case_op){.action = ACT_WITHDRAW, .reason = "已与单位自行和解"});
	CHECK_INT(doc_issue(db, &cfg, &clerk, failed, DOC_TERMINATION, NULL, &text), 0);
	CHECK_HAS(text, "调解终止通知书");
	CHECK_HAS(text, "双方分歧较大");
	CHECK_HAS(text, "申请仲裁");
	free(text);
	CHECK_INT(doc_issue(db, &cfg, &clerk, withdrawn, DOC_TERMINATION, NULL, &text), 0);
	CHECK_HAS(text, "撤回调解申请（已与单位自行和解）");
	free(text);
	CHECK_INT(doc_issue(db, &cfg, &clerk, failed, DOC_ARBITRATION, NULL, &text), 0);
	CHECK_HAS(text, "劳动人事争议仲裁申请书");
	CHECK_HAS(text, "通讯地址：上海市徐汇区漕溪北路1号");
	/* the mediation's outcome without the centre's reason, which may
	 * argue against the applicant's own claims; the statutes by outcome */
	CHECK_HAS(text, "经调解未能达成调解协议。");
	CHECK(strstr(text, "双方分歧较大") == NULL, "the reason of the failure is not the applicant's to plead");
	CHECK_HAS(text, "第五条、第二十八条的规定");
	CHECK(strstr(text, "代理权限") == NULL, "no mediation-stage authority in an arbitration application");

	/* F11's choice: the state's documents first, a receipt again last in
	 * every state (a lost one, or asked for after acceptance) */
	{
		int64_t ids[] = {failed, withdrawn, mediating_case()};
		for (size_t i = 0; i < TJ_ARRAY_LEN(ids); i++) {
			struct case_view v;
			enum doc_kind kinds[DOC_KIND_COUNT];
			CHECK_INT(case_load(db, &admin, ids[i], &v), 1);
			int n = doc_kinds_for_case(&v, kinds, DOC_KIND_COUNT);
			CHECK(n >= 2, "%d kinds", n);
			CHECK_INT(n > 0 ? (int)kinds[n - 1] : -1, DOC_RECEIPT);
			CHECK(kinds[0] != DOC_RECEIPT, "the state's own document comes first");
			case_view_free(&v);
		}
	}
	CHECK_HAS(text, "证据和证据来源、证人姓名和住所");
	/* addressed to the commission, not the court: [documents] arbitration_addressee */
	CHECK_HAS(text, "此致\n上海市劳动人事争议仲裁委员会\n");
	CHECK(strstr(text, "申请调解") == NULL, "the mediation's own words: %s", text);
	free(text);

	/* a reason typed as a sentence: its stop not doubled by the
	 * template's own ("经审查，{{reason}}。", "（{{reason}}）") */
	int64_t rejected = new_case(), stopped = mediating_case();
	act(rejected, (struct case_op){.action = ACT_REJECT, .reason = "申请事项不属于劳动人事争议处理范围。 "});
	act(stopped, (struct case_op){.action = ACT_WITHDRAW, .reason = "已与单位自行和解；"});
	CHECK_INT(doc_issue(db, &cfg, &clerk, rejected, DOC_REJECTION, NULL, &text), 0);
	CHECK_HAS(text, "经审查，申请事项不属于劳动人事争议处理范围。");
	CHECK(strstr(text, "。。") == NULL && strstr(text, "。 。") == NULL, "a doubled stop: %s", text);
	free(text);
	CHECK_INT(doc_issue(db, &cfg, &clerk, rejected, DOC_ARBITRATION, NULL, &text), 0);
	/* the applicant's pleading states the decision, not the centre's
	 * reason for it */
	CHECK_HAS(text, "该中心决定不予受理。");
	CHECK(strstr(text, "申请事项不属于劳动人事争议处理范围") == NULL, "the rejection's reason pleaded: %s", text);
	free(text);
	CHECK_INT(doc_issue(db, &cfg, &clerk, stopped, DOC_TERMINATION, NULL, &text), 0);
	CHECK_HAS(text, "撤回调解申请（已与单位自行和解）");
	free(text);

	/* template errors through doc_issue, from another forms directory */
	const char *dir = testdb_path("forms");
	char path[600];
	mkdir(dir, 0700);
	snprintf(path, sizeof path, "%s/agreement.txt", dir);
	write_file(path, "# 协议\n\n{{#claims}}\n{{no}}\n");
	setenv("TIAOJIE_FORMS", dir, 1);
	tj_error_clear();
	CHECK_INT(doc_issue(db, &cfg, &clerk, agr, DOC_AGREEMENT, NULL, &text), -1);
	char want[700];
	snprintf(want, sizeof want, "%s:3: 段落 {{#claims}} 没有结束标记 {{/claims}}", path);
	CHECK_HAS(tj_errmsg(), want);
	write_file(path, "# 协议\n{{case_no}}\n{{court_address}}\n");
	tj_error_clear();
	CHECK_INT(doc_issue(db, &cfg, &clerk, agr, DOC_AGREEMENT, NULL, &text), -1);
	snprintf(want, sizeof want, "%s:3: 缺少数据：仲裁院地址 {{court_address}}", path);
	CHECK_HAS(tj_errmsg(), want);
	tj_error_clear();
	/* a template the court's directory lacks: the built-in one, and a notice */
	CHECK_INT(doc_issue(db, &cfg, &clerk, agr, DOC_APPLICATION, NULL, &text), 0);
	CHECK_HAS(doc_notice(), "application.txt 不存在，已使用内置的调解申请书模板");
	CHECK_HAS(text, "劳动人事争议调解申请书");
	free(text);
	text = NULL;
	CHECK_INT(docs_of(agr), 5);
	/* and none when the court's own is used */
	CHECK_INT(doc_issue(db, &cfg, &clerk, agr, DOC_AGREEMENT, NULL, &text), -1);
	CHECK_STR(doc_notice(), "");

	/* where the templates are */
	char *found;
	setenv("TIAOJIE_FORMS", testdb_path("nonexistent"), 1);
	CHECK(doc_forms_dir() == NULL, "a TIAOJIE_FORMS that does not exist is an error");
	CHECK_HAS(tj_errmsg(), "TIAOJIE_FORMS");
	unsetenv("TIAOJIE_FORMS");
	char data[600];
	snprintf(data, sizeof data, "%s/data", testdb_dir);
	mkdir(data, 0700);
	setenv("TIAOJIE_DATADIR", data, 1);
	found = doc_forms_dir();
	snprintf(want, sizeof want, "%s/../forms", data);
	CHECK_STR(found, want);
	free(found);
	unsetenv("TIAOJIE_DATADIR");
}

static void test_print(void)
{
	struct config c;
	const char *file = testdb_path("print-me.txt"), *out = testdb_path("printed.txt");
	char *s;

	config_defaults(&c);
	write_file(file, "文书内容\n");
	tj_error_clear();
	CHECK_INT(doc_print(&c, file), -1);
	CHECK_HAS(tj_errmsg(), "未配置打印命令");
	free(c.print_command);
	c.print_command = xasprintf("cat \"$1\" > '%s'", out);
	CHECK_INT(doc_print(&c, file), 0);
	s = read_all(out);
	CHECK_STR(s, "文书内容\n");
	free(s);
	free(c.print_command);
	c.print_command = xstrdup("echo 打印机离线 >&2; exit 3");
	tj_error_clear();
	CHECK_INT(doc_print(&c, file), -1);
	CHECK_HAS(tj_errmsg(), "退出码 3");
	CHECK_HAS(tj_errmsg(), "打印机离线");
	tj_error_clear();
	CHECK_INT(doc_print(&c, testdb_path("no-such-file.pdf")), -1);
	CHECK_HAS(tj_errmsg(), "找不到文件");
	free(c.print_command);
	c.print_command = xstrdup("kill -9 $$");
	CHECK_INT(doc_print(&c, file), -1);
	CHECK_HAS(tj_errmsg(), "信号 9");
	setenv("TIAOJIE_PRINT_TIMEOUT_MS", "300", 1);
	free(c.print_command);
	c.print_command = xstrdup("sleep 5");
	CHECK_INT(doc_print(&c, file), -1);
	CHECK_HAS(tj_errmsg(), "已终止");
	unsetenv("TIAOJIE_PRINT_TIMEOUT_MS");
	config_free(&c);
}

/* Issue 16: two workers (one a representative), a 劳务派遣 pair of
 * respondents answering jointly, per-worker amounts, a claim without
 * money agreed and one given up; the four documents as a clerk reads
 * them. */
static void test_parties_and_outcomes(void)
{
	struct intake_person two[2] = {app, app};
	struct intake_employer pair[2] = {emp, emp};
	static const int both[] = {1, 2}, host_only[] = {2};
	struct intake_share shares[2] = {{1, "7000"}, {2, "5000"}};
	struct intake_claim k[4] = {
		{.cause = "0601", .text = "支付拖欠工资", .amount = "", .nagainst = 2, .against = both, .joint = 1,
		 .nshares = 2, .shares = shares},
		{.cause = "0101", .text = "要求确认申请人与被申请人自2024年3月1日起存在劳动关系", .amount = "",
		 .nagainst = 1, .against = both},
		{.cause = "1701", .text = "要求被申请人为申请人出具解除劳动合同证明", .amount = ""},
		{.cause = "1002", .text = "支付餐费补贴", .amount = "800", .nagainst = 1, .against = host_only},
	};
	char *text = NULL;

	two[1].id_no = "110105194912310046";
	two[1].name = "李五";
	two[0].occupation = "保洁员";
	pair[0].legal_rep_title = "执行董事";
	pair[1] = (struct intake_employer){.uscc = "91310000MA1FL0BQ7K", .name = "上海某某物业有限公司",
					  .legal_rep = "王六", .kind = "host", .address = "上海市静安区某路2号",
					  .phone = "021-87654321"};
	pair[0].address = "上海市徐汇区某路1号";
	pair[0].phone = "021-12345678";
	struct intake in = {.channel = "window",
			    .facts = "申请人于2024年3月入职被申请人处。\n被申请人拖欠工资。为维护自身合法权益，特向贵中心申请调解。",
			    .napplicants = 2, .applicants = two, .nrespondents = 2, .respondents = pair,
			    .nclaims = 4, .claims = k};
	struct intake_result res = {0};
	if (intake_register(db, &cfg, &clerk, &in, &res) < 0) {
		CHECK(0, "intake: %s", tj_errmsg());
		return;
	}
	intake_result_free(&res);
	int64_t id = res.case_id;
	/* (intake elects representatives only from ten workers on) */
	testdb_raw(db, "UPDATE case_parties SET representative = 1 WHERE role = 'applicant' AND name = '张三' "
		       "AND case_id IN (SELECT case_id FROM case_parties WHERE name = '李五')");
	act(id, (struct case_op){.action = ACT_CONFIRM, .confirm_how = "phone"});
	act(id, (struct case_op){.action = ACT_ACCEPT});
	act(id, (struct case_op){.action = ACT_ASSIGN, .mediator_id = med1});
	act(id, (struct case_op){.action = ACT_SESSION, .start = "09:40", .minutes = 10, .note = "双方到场"});
	/* claim 1: each worker's own part of 12,000 (7,000 and 5,000), agreed
	 * at 6,000 and 4,500 */
	static const struct case_op_share parts[2] = {{2, 450000}, {1, 600000}};
	struct case_op_agreed ag[4] = {{1, 0, "2026-12-10", AGREE_AGREED, parts, 2, NULL, 0}, {2, 0, NULL, 0, NULL, 0, NULL, 0}, {3, 0, NULL, 0, NULL, 0, NULL, 0},
				       {4, 80000, "2026-12-10", AGREE_WAIVED, NULL, 0, NULL, 0}};
	/* what the core refuses: a part over the worker's own amount, a
	 * worker left out, one not in the claim, a partial sum without the
	 * parts */
	struct {
		struct case_op_share p[2];
		int n;
		int64_t fen;
		const char *field, *want;
	} bad[] = {
		{{{1, 700001}, {2, 0}}, 2, 0, "agreed[0].share[0]", "不能超过该申请人的请求金额（7,000.00元）"},
		{{{1, 600000}}, 1, 0, "agreed[0]", "请填写第1项申请人2的协议金额"},
		{{{1, 600000}, {3, 1}}, 2, 0, "agreed[0].share[1]", "没有申请人3"},
		{{{1, 600000}, {1, 1}}, 2, 0, "agreed[0].share[1]", "重复"},
		{{{1, -1}, {2, 1}}, 2, 0, "agreed[0].share[0]", "负数"},
		{{{0}}, 0, 1000000, "agreed[0]", "请逐人填写协议金额"},
	};
	for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++) {
		struct case_op_agreed one = {1, bad[b].fen, "2026-12-10", AGREE_AGREED, bad[b].p, bad[b].n, NULL, 0};
		struct case_op op = {.action = ACT_AGREE, .case_id = id, .nagreed = 1, .agreed = &one};
		struct case_op_result r;
		CHECK_INT(case_apply(db, &cfg, &hol, &admin, &op, &r), -1);
		CHECK_STR(r.field, bad[b].field);
		CHECK_HAS(tj_errmsg(), bad[b].want);
	}
	act(id, (struct case_op){.action = ACT_AGREE, .nagreed = 4, .agreed = ag});
	char *note = q_text("SELECT after FROM events WHERE case_id = ? AND action = 'note' ORDER BY id DESC", id);
	CHECK_HAS(note, "第1项 10,500.00元，2026-12-10前支付（其中申请人1 6,000.00元、申请人2 4,500.00元）");
	CHECK_HAS(note, "第2项 同意（无金额）");
	CHECK_HAS(note, "第4项 申请人放弃");
	free(note);
	char *parts_db = q_text("SELECT group_concat(s.applicant || ':' || s.agreed_fen, ',') FROM claim_shares s "
				"JOIN claims k ON k.id = s.claim_id WHERE k.case_id = ? AND k.ord = 1",
				id);
	CHECK_STR(parts_db, "1:600000,2:450000");
	free(parts_db);
	char *w = q_text("SELECT group_concat(waived, '') FROM (SELECT waived FROM claims WHERE case_id = ? ORDER BY ord)", id);
	CHECK_STR(w, "0001");
	free(w);

	CHECK_INT(doc_issue(db, &cfg, &clerk, id, DOC_AGREEMENT, NULL, &text), 0);
	/* who pays, jointly; each worker's amount */
	CHECK_HAS(text, "被申请人上海某某科技有限公司、上海某某物业有限公司同意连带支付申请人张三、李五共计人民币10,500.00元"
			"（大写：壹万零伍佰元整）（各申请人的金额见下）");
	CHECK(strstr(text, "各申请人人民币") == NULL, "a sum for several workers reads as each one's");
	/* what each worker asked, and what each one gets */
	CHECK_HAS(text, "　　其中李五：人民币5,000.00元");
	CHECK_HAS(text, "　　其中张三：人民币6,000.00元（大写：陆仟元整）\n　　其中李五：人民币4,500.00元（大写：肆仟伍佰元整）\n2. ");
	/* agreed claims without money: what is agreed, not 放弃 */
	CHECK_HAS(text, "：双方确认申请人与被申请人自2024年3月1日起存在劳动关系。");
	CHECK_HAS(text, "：被申请人同意为申请人出具解除劳动合同证明。");
	/* the one given up */
	CHECK_HAS(text, "4. 关于第4项请求（福利费和补贴）：申请人自愿放弃该项请求。");
	const char *first = strstr(text, "放弃");
	CHECK(first && !strstr(first + 1, "放弃"), "放弃 only once");
	CHECK_HAS(text, "支付餐费补贴（人民币800.00元，大写：捌佰元整）（被申请人上海某某物业有限公司）");
	/* two workers and two companies: five copies */
	CHECK_HAS(text, "本协议书一式五份");
	CHECK_HAS(text, "代表人：张三");
	CHECK_HAS(text, "申请人代表人张三（签名）");
	CHECK(strstr(text, "申请人李五（签名）") == NULL, "only the representative signs");
	CHECK_HAS(text, "国籍（地区）：中国　　证件类型：居民身份证");
	CHECK_HAS(text, "被申请人2：上海某某物业有限公司（用工单位）");
	CHECK_HAS(text, "职务：执行董事");
	CHECK_HAS(text, cfg.centre_name); /* the heading */
	free(text);

	/* failed next door: the termination and the arbitration application */
	int64_t f = mediating_case();
	act(f, (struct case_op){.action = ACT_FAIL, .reason = "分歧较大"});
	testdb_raw(db, "UPDATE cases SET closed_at = '2026-10-15 16:00:00' WHERE status = 'failed'");
	CHECK_INT(doc_issue(db, &cfg, &clerk, f, DOC_TERMINATION, NULL, &text), 0);
	CHECK_HAS(text, "本中心决定自2026年10月15日起终止调解");
	size_t n = strlen(text);
	CHECK(n > 20 && strstr(text + n - 20, "2026年10月15日\n"), "dated by the decision: %s", text + (n > 60 ? n - 60 : 0));
	CHECK(strstr(text, "2026年11月20日\n") == NULL || strstr(text, "2026年11月20日\n") < strstr(text, "特此通知"),
	      "not dated today");
	CHECK_HAS(text, "国籍（地区）：中国");
	CHECK_HAS(text, "证件类型：居民身份证");
	free(text);

	/* the arbitration application of the two workers' case, as if it had failed */
	testdb_raw(db, "UPDATE claims SET agreed_fen = NULL, waived = 0, pay_date = NULL WHERE case_id IN "
		       "(SELECT case_id FROM case_parties WHERE name = '李五')");
	testdb_raw(db, "UPDATE cases SET status = 'failed', performance = NULL, reason = '分歧较大' WHERE id IN "
		       "(SELECT case_id FROM case_parties WHERE name = '李五')");
	struct config c2;
	config_defaults(&c2);
	free(c2.arbitration_addressee);
	c2.arbitration_addressee = xstrdup("上海市徐汇区劳动人事争议仲裁委员会");
	CHECK_INT(doc_issue(db, &c2, &clerk, id, DOC_ARBITRATION, NULL, &text), 0);
	CHECK_HAS(text, "职业：保洁员　　工作单位：上海某某科技有限公司\n");
	CHECK_HAS(text, "年龄：76岁");
	CHECK_HAS(text, "法定代表人（主要负责人）：李四　　职务：执行董事");
	CHECK_HAS(text, "此致\n上海市徐汇区劳动人事争议仲裁委员会\n");
	CHECK_HAS(text, "1. 支付拖欠工资（人民币12,000.00元，大写：壹万贰仟元整）（被申请人上海某某科技有限公司、上海某某物业有限公司承担连带责任）");
	CHECK_HAS(text, "被申请人拖欠工资。\n");
	CHECK(strstr(text, "贵中心") == NULL && strstr(text, "申请调解") == NULL, "mediation words: %s", text);
	CHECK_HAS(text, "　　被申请人拖欠工资。"); /* the facts' second paragraph indented too */
	/* signed by the representative, not by one line for all */
	CHECK_HAS(text, "申请人代表人张三（签名）");
	CHECK(strstr(text, "申请人（签名）") == NULL && strstr(text, "申请人李五（签名）") == NULL,
	      "one signature line for several workers: %s", text);
	free(text);
	/* its termination notice marks the representative among the workers */
	CHECK_INT(doc_issue(db, &c2, &clerk, id, DOC_TERMINATION, NULL, &text), 0);
	CHECK_HAS(text, "张三（代表人）");
	CHECK(strstr(text, "李五（代表人）") == NULL, "only the representative marked");
	free(text);
	config_free(&c2);
}

/* Two respondents that answer each for his part (not 连带): the
 * agreement records and prints what each pays; the core refuses parts
 * that do not add up, a respondent the claim is not against, or none. */
static void test_payers(void)
{
	struct intake_employer pair[2] = {emp, emp};
	static const int both[] = {1, 2};
	struct intake_claim k[1] = {
		{.cause = "0601", .text = "支付拖欠工资", .amount = "12000", .nagainst = 2, .against = both},
	};
	pair[1] = (struct intake_employer){.uscc = "91310000MA1FL0BQ7K", .name = "上海某某物业有限公司",
					  .legal_rep = "王六", .kind = "host", .address = "上海市静安区某路2号"};
	struct intake in = {.channel = "window", .facts = "申请人于2024年3月入职被申请人处。",
			    .napplicants = 1, .applicants = &app, .nrespondents = 2, .respondents = pair,
			    .nclaims = 1, .claims = k};
	struct intake_result res = {0};
	if (intake_register(db, &cfg, &clerk, &in, &res) < 0) {
		CHECK(0, "intake: %s", tj_errmsg());
		return;
	}
	intake_result_free(&res);
	int64_t id = res.case_id;
	act(id, (struct case_op){.action = ACT_CONFIRM, .confirm_how = "phone"});
	act(id, (struct case_op){.action = ACT_ACCEPT});
	act(id, (struct case_op){.action = ACT_ASSIGN, .mediator_id = med1});
	act(id, (struct case_op){.action = ACT_SESSION, .start = "08:10", .minutes = 10, .note = "双方到场"});

	struct {
		struct case_op_payer p[2];
		int n;
		const char *field, *want;
	} bad[] = {
		{{{0}}, 0, "agreed[0]", "由2个被申请人分别支付"},
		{{{1, 600000}}, 1, "agreed[0]", "请填写第1项被申请人2支付的金额"},
		{{{1, 600000}, {2, 300000}}, 2, "agreed[0]", "之和（9,000.00元）应等于协议金额（10,000.00元）"},
		{{{1, 600000}, {3, 400000}}, 2, "agreed[0].payer[1]", "不针对被申请人3"},
		{{{1, 600000}, {1, 400000}}, 2, "agreed[0].payer[1]", "重复"},
		{{{1, -1}, {2, 400000}}, 2, "agreed[0].payer[0]", "负数"},
	};
	for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++) {
		struct case_op_agreed one = {1, 1000000, "2026-12-10", AGREE_AGREED, NULL, 0, bad[b].p, bad[b].n};
		struct case_op op = {.action = ACT_AGREE, .case_id = id, .nagreed = 1, .agreed = &one};
		struct case_op_result r;
		CHECK_INT(case_apply(db, &cfg, &hol, &admin, &op, &r), -1);
		CHECK_STR(r.field, bad[b].field);
		CHECK_HAS(tj_errmsg(), bad[b].want);
	}
	static const struct case_op_payer parts[2] = {{2, 400000}, {1, 600000}};
	struct case_op_agreed ag = {1, 1000000, "2026-12-10", AGREE_AGREED, NULL, 0, parts, 2};
	act(id, (struct case_op){.action = ACT_AGREE, .nagreed = 1, .agreed = &ag});
	char *t = q_text("SELECT group_concat(p.respondent || ':' || p.agreed_fen, ',') FROM claim_payers p "
			 "JOIN claims k ON k.id = p.claim_id WHERE k.case_id = ?", id);
	CHECK_STR(t, "1:600000,2:400000");
	free(t);
	t = q_text("SELECT after FROM events WHERE case_id = ? AND action = 'note' ORDER BY id DESC", id);
	CHECK_HAS(t, "第1项 10,000.00元（被申请人1支付6,000.00元、被申请人2支付4,000.00元），2026-12-10前支付");
	free(t);
	char *text = NULL;
	CHECK_INT(doc_issue(db, &cfg, &clerk, id, DOC_AGREEMENT, NULL, &text), 0);
	CHECK_HAS(text, "被申请人上海某某科技有限公司、上海某某物业有限公司同意分别支付申请人人民币10,000.00元"
			"（大写：壹万元整），其中上海某某科技有限公司支付人民币6,000.00元、上海某某物业有限公司支付人民币4,000.00元，"
			"于2026年12月10日前");
	CHECK(text && !strstr(text, "共同支付"), "not 共同支付");
	free(text);
}

static void test_pdf(void)
{
	struct doc_blocks b = {0};
	int pages = 0;
	FILE *f;

	CHECK(doc_font_family() != NULL, "no CJK font: %s", tj_errmsg());
	b.v = xcalloc(200, sizeof *b.v);
	b.cap = 200;
	b.v[b.n++] = (struct doc_block){DOC_TITLE, xstrdup("调解协议书"), 0};
	for (int i = 0; i < 120; i++)
		b.v[b.n++] = (struct doc_block){DOC_BODY, xasprintf("%d. 要求被申请人支付申请人拖欠工资人民币%d,000.00元。", i + 1, i + 1), 0};
	f = fopen(testdb_path("long.pdf"), "wb");
	CHECK_INT(doc_pdf_write(&b, "调解协议书", f, &pages), 0);
	fclose(f);
	CHECK(pages >= 3, "120 lines on %d pages", pages);
	b.n = 2;
	f = fopen(testdb_path("short.pdf"), "wb");
	CHECK_INT(doc_pdf_write(&b, "调解协议书", f, &pages), 0);
	fclose(f);
	CHECK_INT(pages, 1);
	b.n = 121;
	doc_blocks_free(&b);
}

int main(void)
{
	const char *src = getenv("SRCDIR");

	setenv("TIAOJIE_NOW", NOW, 1);
	unsetenv("TIAOJIE_FORMS");
	unsetenv("TIAOJIE_DATADIR");
	snprintf(repo_forms, sizeof repo_forms, "%s/forms", src && *src ? src : ".");
	config_defaults(&cfg);
	db = testdb_new("docs.db");
	holidays_init(&hol);
	if (holidays_from_db(db, &hol) < 0) {
		fprintf(stderr, "%s\n", tj_errmsg());
		return 1;
	}
	struct mediator_row m1 = {.name = "张调解", .side = "hrss", .capacity = 20, .active = 1,
				  .created_at = "2026-01-01 09:00:00"};
	struct mediator_row m2 = {.name = "李调解", .side = "hrss", .capacity = 20, .active = 1,
				  .created_at = "2026-01-01 09:00:00"};
	if (db_mediator_insert(db, &m1) < 0 || db_mediator_insert(db, &m2) < 0) {
		fprintf(stderr, "%s\n", tj_errmsg());
		return 1;
	}
	med1 = m1.id;
	med2 = m2.id;
	app = (struct intake_person){.id_type = "id", .id_no = "11010519491231002X", .name = "张三",
				     .phone = "138 1234 5678", .address = "上海市徐汇区漕溪北路1号"};
	emp = (struct intake_employer){.uscc = "91350100M000100Y43", .name = "上海某某科技有限公司",
				       .legal_rep = "李四"};
	claims[0] = (struct intake_claim){.cause = "0601", .text = "支付拖欠工资", .amount = "12000"};
	claims[1] = (struct intake_claim){.cause = "1701", .text = "出具解除劳动合同证明", .amount = ""};

	test_parse();
	test_fill();
	test_dict();
	test_rules();
	test_issue();
	test_print();
	test_parties_and_outcomes();
	test_payers();
	test_pdf();

	holidays_free(&hol);
	db_close(db);
	config_free(&cfg);
	testdb_cleanup();
	return tap_done();
}
