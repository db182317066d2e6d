/*
 * test_vocab.c - the one vocabulary (src/core/vocab.c): every word has one
 * code and one label, codes and labels round-trip and are unique within
 * their kind, the enums index their kinds, the pickers' lists come in the
 * order the screens have always shown; and no screen, document, workbook
 * sheet or command spells a label out again (scan of the sources).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "tiaojie/assign.h"
#include "tiaojie/casework.h"
#include "tiaojie/docs.h"
#include "tiaojie/intake.h"
#include "tiaojie/lifecycle.h"
#include "tiaojie/report.h"
#include "tiaojie/search.h"
#include "tiaojie/vocab.h"

static void check_kind(enum vocab_kind k)
{
	int n;
	const struct vocab_word *w = vocab_words(k, &n);

	CHECK(w != NULL && n > 0, "kind %d has words", (int)k);
	CHECK_INT(vocab_count(k), n);
	for (int i = 0; w && i < n; i++) {
		CHECK(w[i].code && *w[i].code, "kind %d word %d has a code", (int)k, i);
		CHECK(w[i].label && *w[i].label, "kind %d word %d has a label", (int)k, i);
		if (!w[i].code || !w[i].label)
			continue;
		CHECK_INT(vocab_index(k, w[i].code), i);
		CHECK_INT(vocab_index_any(k, w[i].label), i);
		CHECK_STR(vocab_label(k, w[i].code), w[i].label);
		CHECK_STR(vocab_code(k, w[i].label), w[i].code);
		CHECK_STR(vocab_code_at(k, i), w[i].code);
		CHECK_STR(vocab_label_at(k, i), w[i].label);
		CHECK(vocab_long_label_at(k, i) != NULL, "kind %d word %d has a statistics label", (int)k, i);
		for (int j = 0; j < i; j++) {
			CHECK(strcmp(w[i].code, w[j].code) != 0, "kind %d: code %s twice", (int)k, w[i].code);
			CHECK(strcmp(w[i].label, w[j].label) != 0, "kind %d: label %s twice", (int)k, w[i].label);
			CHECK(strcmp(vocab_long_label_at(k, i), vocab_long_label_at(k, j)) != 0,
			      "kind %d: long label %s twice", (int)k, vocab_long_label_at(k, i));
		}
	}
	CHECK(vocab_code_at(k, -1) == NULL, "kind %d: index -1 is no word", (int)k);
	CHECK(vocab_label_at(k, n) == NULL, "kind %d: index n is no word", (int)k);
	CHECK_INT(vocab_index(k, "no-such-word"), -1);
	CHECK(vocab_label(k, NULL) == NULL, "kind %d: NULL code", (int)k);
	CHECK(vocab_code(k, "没有这个词") == NULL, "kind %d: unknown label", (int)k);
}

static void check_list(enum vocab_kind k, const char *const *want, int nwant)
{
	int n;
	const struct vocab_word *w = vocab_words(k, &n);

	CHECK_INT(n, nwant);
	for (int i = 0; i < n && i < nwant; i++)
		CHECK_STR(w[i].label, want[i]);
}

static void check_choices(enum vocab_kind k, const char *all, const char *const *want, int nwant)
{
	int n;
	const char **v = vocab_choices(k, all, &n);

	CHECK_INT(n, nwant);
	for (int i = 0; i < n && i < nwant; i++)
		CHECK_STR(v[i], want[i]);
	CHECK(v[n] == NULL, "choices of kind %d end with NULL", (int)k);
	free(v);
}

/* The orders the screens and commands showed before the vocabulary,
 * written out here independently of vocab.c. */
static void test_orders(void)
{
	static const char *const st[] = {"登记", "已确认", "已受理", "不予受理", "已分派",
					 "调解中", "调解成功", "调解不成", "撤回", "转仲裁"};
	static const char *const ch[] = {"窗口", "网上", "电话", "信函", "其他"};
	static const char *const ch_codes[] = {"window", "online", "phone", "letter", "other"};
	static const char *const q[] = {"全部案件", "待确认请求", "待受理", "待分派", "即将到期",
					"已超期",   "久未推进",   "待履行回访", "待送达文书"};
	static const char *const dk[] = {"调解申请书", "调解协议书", "调解终止通知书", "仲裁申请书",
					 "收件回执",   "受理通知书", "不予受理通知书", "调解通知书",
					 "送达回证",   "证据清单",   "调解笔录"};
	static const char *const ro[] = {"窗口人员", "调解员", "管理员"};
	static const char *const pf[] = {"待履行", "履行完毕", "未履行"};
	static const char *const pa[] = {"申请人", "被申请人"};
	static const char *const cf[] = {"电话", "现场", "微信", "短信"};
	static const char *const si[] = {"工会", "企业代表组织", "人社部门", "专家"};
	static const char *const ex[] = {"高校教师", "法院工作人员", "公益律师", "其他"};

	check_list(VOCAB_STATUS, st, (int)TJ_ARRAY_LEN(st));
	check_list(VOCAB_CHANNEL, ch, (int)TJ_ARRAY_LEN(ch));
	for (int i = 0; i < (int)TJ_ARRAY_LEN(ch_codes); i++)
		CHECK_STR(vocab_code_at(VOCAB_CHANNEL, i), ch_codes[i]);
	check_list(VOCAB_QUEUE, q, (int)TJ_ARRAY_LEN(q));
	check_list(VOCAB_DOC_KIND, dk, (int)TJ_ARRAY_LEN(dk));
	check_list(VOCAB_ROLE, ro, (int)TJ_ARRAY_LEN(ro));
	check_list(VOCAB_PERF, pf, (int)TJ_ARRAY_LEN(pf));
	check_list(VOCAB_PARTY, pa, (int)TJ_ARRAY_LEN(pa));
	check_list(VOCAB_CONFIRM, cf, (int)TJ_ARRAY_LEN(cf));
	check_list(VOCAB_SIDE, si, (int)TJ_ARRAY_LEN(si));
	check_list(VOCAB_EXPERT, ex, (int)TJ_ARRAY_LEN(ex));

	/* the pickers: the case list's filter (全部 first), the intake's channel */
	static const char *const st_all[] = {"全部", "登记", "已确认", "已受理", "不予受理", "已分派",
					     "调解中", "调解成功", "调解不成", "撤回", "转仲裁"};
	static const char *const q_all[] = {"全部", "待确认请求", "待受理", "待分派", "即将到期",
					    "已超期", "久未推进", "待履行回访", "待送达文书"};
	static const char *const ch_all[] = {"全部", "窗口", "网上", "电话", "信函", "其他"};
	check_choices(VOCAB_STATUS, "全部", st_all, (int)TJ_ARRAY_LEN(st_all));
	check_choices(VOCAB_QUEUE, "全部", q_all, (int)TJ_ARRAY_LEN(q_all));
	check_choices(VOCAB_CHANNEL, "全部", ch_all, (int)TJ_ARRAY_LEN(ch_all));
	check_choices(VOCAB_CHANNEL, NULL, ch, (int)TJ_ARRAY_LEN(ch));
	check_choices(VOCAB_ROLE, NULL, ro, (int)TJ_ARRAY_LEN(ro));
	static const char *const ex_none[] = {"（非专家）", "高校教师", "法院工作人员", "公益律师", "其他"};
	check_choices(VOCAB_EXPERT, "（非专家）", ex_none, (int)TJ_ARRAY_LEN(ex_none));

	/* the statistics rows */
	CHECK_STR(vocab_long_label_at(VOCAB_CHANNEL, 4), "其他渠道");
	CHECK_STR(vocab_long_label_at(VOCAB_CHANNEL, 0), "窗口");
	CHECK_STR(vocab_long_label_at(VOCAB_EXPERT, 1), "专家（法院工作人员）");
	CHECK_STR(vocab_long_label_at(VOCAB_SIDE, 3), "专家");

	char *j = vocab_join_labels(VOCAB_CHANNEL, "、");
	CHECK_STR(j, "窗口、网上、电话、信函、其他");
	free(j);
}

/* The old interfaces answer from the table, indexed by their enums. */
static void test_enums(void)
{
	CHECK_INT(vocab_count(VOCAB_STATUS), ST_COUNT);
	CHECK_INT(vocab_count(VOCAB_ROLE), ROLE_COUNT);
	CHECK_INT(vocab_count(VOCAB_QUEUE), Q_COUNT);
	CHECK_INT(vocab_count(VOCAB_DOC_KIND), DOC_KIND_COUNT);
	CHECK_INT(vocab_count(VOCAB_PERF), PERF_DEFAULTED - PERF_PENDING + 1);

	CHECK_STR(status_name(ST_MEDIATING), "调解中");
	CHECK_STR(status_keyword(ST_REFERRED), "referred");
	CHECK_INT(status_from_keyword("accepted"), ST_ACCEPTED);
	CHECK_INT(status_from_keyword("已受理"), -1); /* keywords only, as before */
	CHECK_STR(status_name(ST_COUNT), "?");
	CHECK_STR(perf_name(PERF_PERFORMED), "履行完毕");
	CHECK_STR(perf_name(PERF_NONE), "");
	CHECK(perf_keyword(PERF_NONE) == NULL, "no keyword for PERF_NONE");
	CHECK_STR(perf_keyword(PERF_DEFAULTED), "defaulted");
	CHECK_INT(perf_from_keyword(""), PERF_NONE);
	CHECK_INT(perf_from_keyword("pending"), PERF_PENDING);
	CHECK_INT(perf_from_keyword("bogus"), -1);
	CHECK_STR(role_name(ROLE_CLERK), "窗口人员");
	CHECK_INT(role_from_keyword("admin"), ROLE_ADMIN);
	CHECK_STR(queue_name(Q_FOLLOWUP), "待履行回访");
	CHECK_STR(queue_keyword(Q_DUE_SOON), "due-soon");
	CHECK_INT(queue_from_keyword("已超期"), Q_OVERDUE);
	CHECK_INT(queue_from_keyword("all"), Q_NONE);
	CHECK_STR(doc_kind_name(DOC_TERMINATION), "调解终止通知书");
	CHECK_STR(doc_kind_keyword(DOC_ARBITRATION), "arbitration");
	CHECK_INT(doc_kind_from_keyword("调解协议书"), DOC_AGREEMENT);
	CHECK_STR(doc_kind_name(DOC_KIND_COUNT), "未知文书");
	CHECK_STR(channel_name("letter"), "信函");
	CHECK(channel_name("fax") == NULL, "unknown channel");
	CHECK(channel_valid("online"), "online is a channel");
	CHECK_STR(case_confirm_how_name("wechat"), "微信");
	CHECK_STR(assign_side_name("union", NULL), "工会");
	CHECK_STR(assign_side_name("expert", "lawyer"), "专家（公益律师）");
	CHECK_STR(assign_side_name("expert", NULL), "专家");
	CHECK_STR(assign_side_name("martian", NULL), "martian");
	CHECK_STR(assign_side_name(NULL, NULL), "");
}

/* ---- no copies: the sources of the screens, documents, workbook and commands --- */

static int copies;
static int quiet; /* the scanner's own test: its finds are expected */

/* Is this string literal (its bytes between the quotes) a copy of a word?
 * A literal that is exactly the label or long label of a status,
 * performance, channel, queue, document kind, mediator's side or expert's
 * kind is; so is one with a channel's label anywhere in it ("其中：窗口",
 * "窗口、网上").  Left out are the words that are ordinary Chinese too:
 * the roles and parties (调解员, 申请人 head columns of names), the
 * confirmation ways, 电话 and 其他. */
static void check_literal(const char *file, int line, const char *lit, size_t n)
{
	static const enum vocab_kind checked[] = {VOCAB_STATUS,   VOCAB_PERF, VOCAB_CHANNEL, VOCAB_QUEUE,
						  VOCAB_DOC_KIND, VOCAB_SIDE, VOCAB_EXPERT};

	for (size_t ki = 0; ki < TJ_ARRAY_LEN(checked); ki++) {
		enum vocab_kind k = checked[ki];
		int nw;
		const struct vocab_word *w = vocab_words((enum vocab_kind)k, &nw);
		for (int i = 0; i < nw; i++) {
			size_t ln = strlen(w[i].label);
			int common = !strcmp(w[i].label, "电话") || !strcmp(w[i].label, "其他");
			int exact = !common && ln == n && memcmp(lit, w[i].label, n) == 0;
			if (w[i].long_label && strlen(w[i].long_label) == n && memcmp(lit, w[i].long_label, n) == 0)
				exact = 1;
			int inside = 0;
			if (k == VOCAB_CHANNEL && !common)
				for (size_t j = 0; !inside && j + ln <= n; j++)
					inside = memcmp(lit + j, w[i].label, ln) == 0;
			if (exact || inside) {
				copies++;
				if (!quiet)
					fprintf(stderr, "%s:%d: \"%.*s\" copies the label %s (%s) of vocab.c\n", file,
						line, (int)n, lit, w[i].label, w[i].code);
			}
		}
	}
}

/* The string literals of a C file, comments and character constants
 * skipped. */
static void scan_file(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *src = NULL;
	size_t len = 0, cap = 0, got;
	char buf[65536];

	CHECK(fp != NULL, "open %s", path);
	if (!fp)
		return;
	while ((got = fread(buf, 1, sizeof buf, fp)) > 0) {
		if (len + got + 1 > cap) {
			cap = (len + got + 1) * 2;
			src = realloc(src, cap);
			if (!src)
				abort();
		}
		memcpy(src + len, buf, got);
		len += got;
	}
	fclose(fp);
	if (!src)
		return;
	src[len] = '\0';
	int line = 1;
	for (size_t i = 0; i < len; i++) {
		char c = src[i];
		if (c == '\n') {
			line++;
		} else if (c == '/' && src[i + 1] == '/') {
			while (i < len && src[i] != '\n')
				i++;
			line++;
		} else if (c == '/' && src[i + 1] == '*') {
			for (i += 2; i < len && !(src[i] == '*' && src[i + 1] == '/'); i++)
				if (src[i] == '\n')
					line++;
			i++;
		} else if (c == '\'') {
			for (i++; i < len && src[i] != '\''; i++)
				if (src[i] == '\\')
					i++;
		} else if (c == '"') {
			size_t start = ++i;
			for (; i < len && src[i] != '"'; i++)
				if (src[i] == '\\')
					i++;
			check_literal(path, line, src + start, i - start);
		}
	}
	free(src);
}

static void test_no_copies(void)
{
	static const char *const dirs[] = {"src/screens", "src/docs", "src/report", "src/cli"};
	const char *top = getenv("SRCDIR");
	int files = 0;

	for (size_t d = 0; d < TJ_ARRAY_LEN(dirs); d++) {
		char dir[4096];
		snprintf(dir, sizeof dir, "%s/%s", top && *top ? top : ".", dirs[d]);
		DIR *dp = opendir(dir);
		CHECK(dp != NULL, "open %s (run from the top of the tree or set SRCDIR)", dir);
		if (!dp)
			continue;
		struct dirent *e;
		while ((e = readdir(dp))) {
			size_t n = strlen(e->d_name);
			if (n < 3 || (strcmp(e->d_name + n - 2, ".c") != 0 && strcmp(e->d_name + n - 2, ".h") != 0))
				continue;
			char path[8192];
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			scan_file(path);
			files++;
		}
		closedir(dp);
	}
	CHECK(files > 20, "scanned %d files", files);
	CHECK_INT(copies, 0);
}

/* The literal scanner itself finds what it should and nothing else. */
static void test_scanner(void)
{
	char path[] = "/tmp/test_vocab_XXXXXX";
	int fd = mkstemp(path);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;

	CHECK(fp != NULL, "temporary file");
	if (!fp)
		return;
	fputs("/* \"窗口\" in a comment */\n"
	      "// \"网上\" in a line comment\n"
	      "static const char c = '\"';\n"
	      "static const char *a[] = {\"全部\", \"窗口\"};\n" /* 1: exact */
	      "static const char *b = \"其中：信函\";\n"        /* 2: inside */
	      "static const char *d = \"联系电话\", *e = \"\\\"调解中\\\"\";\n" /* neither */
	      "static const char *f = \"已超期\";\n",          /* 3: a queue, exact */
	      fp);
	fclose(fp);
	int before = copies;
	quiet = 1;
	scan_file(path);
	quiet = 0;
	CHECK_INT(copies - before, 3);
	copies = before;
	unlink(path);
}

int main(void)
{
	for (int k = 0; k < VOCAB_KIND_COUNT; k++)
		check_kind((enum vocab_kind)k);
	test_orders();
	test_enums();
	CHECK_INT(REPORT_CHANNELS, vocab_count(VOCAB_CHANNEL));
	test_scanner();
	test_no_copies();
	return tap_done();
}
