/*
 * test_vocab.c - the one vocabulary (src/core/vocab.c): every word has one
 * code and one label, codes and labels round-trip and are unique within
 * their kind, the enums index their kinds, the pickers' lists come in the
 * order the screens have always shown; and no screen, document, workbook
 * sheet or command spells a label out again (scan of the sources).
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "tiaojie/docs.h"
#include "tiaojie/intake.h"
#include "tiaojie/casework.h"
#include "tiaojie/lifecycle.h"
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
		CHECK(vocab_stat_label_at(k, i) != NULL, "kind %d word %d has a statistics label", (int)k, i);
		for (int j = 0; j < i; j++) {
			CHECK(strcmp(w[i].code, w[j].code) != 0, "kind %d: code %s twice", (int)k, w[i].code);
			CHECK(strcmp(w[i].label, w[j].label) != 0, "kind %d: label %s twice", (int)k, w[i].label);
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
					"已超期",   "久未推进",   "待履行回访"};
	static const char *const dk[] = {"调解申请书", "调解协议书", "调解终止通知书", "仲裁申请书"};
	static const char *const ro[] = {"窗口人员", "调解员", "管理员"};
	static const char *const pf[] = {"待履行", "履行完毕", "未履行"};
	static const char *const pa[] = {"申请人", "被申请人"};
	static const char *const cf[] = {"电话", "现场", "微信", "短信"};

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

	/* the pickers: the case list's filter (全部 first), the intake's channel */
	static const char *const st_all[] = {"全部", "登记", "已确认", "已受理", "不予受理", "已分派",
					     "调解中", "调解成功", "调解不成", "撤回", "转仲裁"};
	static const char *const q_all[] = {"全部", "待确认请求", "待受理", "待分派", "即将到期",
					    "已超期", "久未推进", "待履行回访"};
	static const char *const ch_all[] = {"全部", "窗口", "网上", "电话", "信函", "其他"};
	check_choices(VOCAB_STATUS, "全部", st_all, (int)TJ_ARRAY_LEN(st_all));
	check_choices(VOCAB_QUEUE, "全部", q_all, (int)TJ_ARRAY_LEN(q_all));
	check_choices(VOCAB_CHANNEL, "全部", ch_all, (int)TJ_ARRAY_LEN(ch_all));
	check_choices(VOCAB_CHANNEL, NULL, ch, (int)TJ_ARRAY_LEN(ch));
	check_choices(VOCAB_ROLE, NULL, ro, (int)TJ_ARRAY_LEN(ro));

	/* the statistics rows */
	CHECK_STR(vocab_stat_label_at(VOCAB_CHANNEL, 4), "其他渠道");
	CHECK_STR(vocab_stat_label_at(VOCAB_CHANNEL, 0), "窗口");

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
}

int main(void)
{
	for (int k = 0; k < VOCAB_KIND_COUNT; k++)
		check_kind((enum vocab_kind)k);
	test_orders();
	test_enums();
	return tap_done();
}
