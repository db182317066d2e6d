/*
 * vocab.c - the tables of vocab.h: each closed set of words the user sees,
 * code and Chinese label, in the order the pickers show them.  Before this
 * table the channels alone were spelt out in five files; a label changed
 * here now changes on every screen, document, workbook sheet and command
 * at once.
 */
#include "tiaojie/vocab.h"

#include <stdlib.h>
#include <string.h>

#include "tiaojie/util.h"

static const struct vocab_word statuses[ST_COUNT] = {
	[ST_REGISTERED] = {"registered", "登记", NULL},
	[ST_CONFIRMED] = {"confirmed", "已确认", NULL},
	[ST_ACCEPTED] = {"accepted", "已受理", NULL},
	[ST_REJECTED] = {"rejected", "不予受理", NULL},
	[ST_ASSIGNED] = {"assigned", "已分派", NULL},
	[ST_MEDIATING] = {"mediating", "调解中", NULL},
	[ST_AGREED] = {"agreed", "调解成功", NULL},
	[ST_FAILED] = {"failed", "调解不成", NULL},
	[ST_WITHDRAWN] = {"withdrawn", "撤回", NULL},
	[ST_REFERRED] = {"referred", "转仲裁", NULL},
};

/* index = enum performance - PERF_PENDING */
static const struct vocab_word perfs[] = {
	{"pending", "待履行", NULL},
	{"performed", "履行完毕", NULL},
	{"defaulted", "未履行", NULL},
};

static const struct vocab_word roles[ROLE_COUNT] = {
	[ROLE_CLERK] = {"clerk", "窗口人员", NULL},
	[ROLE_MEDIATOR] = {"mediator", "调解员", NULL},
	[ROLE_ADMIN] = {"admin", "管理员", NULL},
};

static const struct vocab_word channels[] = {
	{"window", "窗口", NULL}, {"online", "网上", NULL}, {"phone", "电话", NULL},
	{"letter", "信函", NULL}, {"other", "其他", "其他渠道"},
};

static const struct vocab_word queues[Q_COUNT] = {
	[Q_NONE] = {"all", "全部案件", NULL},
	[Q_AWAIT_CONFIRM] = {"await-confirm", "待确认请求", NULL},
	[Q_AWAIT_ACCEPT] = {"await-accept", "待受理", NULL},
	[Q_AWAIT_ASSIGN] = {"await-assign", "待分派", NULL},
	[Q_DUE_SOON] = {"due-soon", "即将到期", NULL},
	[Q_OVERDUE] = {"overdue", "已超期", NULL},
	[Q_STALLED] = {"stalled", "久未推进", NULL},
	[Q_FOLLOWUP] = {"followup", "待履行回访", NULL},
	[Q_UNSERVED] = {"unserved", "待送达文书", NULL},
};

static const struct vocab_word doc_kinds[DOC_KIND_COUNT] = {
	[DOC_APPLICATION] = {"application", "调解申请书", NULL},
	[DOC_AGREEMENT] = {"agreement", "调解协议书", NULL},
	[DOC_TERMINATION] = {"termination", "调解终止通知书", NULL},
	[DOC_ARBITRATION] = {"arbitration", "仲裁申请书", NULL},
	[DOC_RECEIPT] = {"receipt", "收件回执", NULL},
	[DOC_ACCEPTANCE] = {"acceptance", "受理通知书", NULL},
	[DOC_REJECTION] = {"rejection", "不予受理通知书", NULL},
	[DOC_SESSION] = {"session", "调解通知书", NULL},
	[DOC_SERVICE] = {"service", "送达回证", NULL},
	[DOC_EVIDENCE] = {"evidence", "证据清单", NULL},
	[DOC_RECORD] = {"record", "调解笔录", NULL},
};

static const struct vocab_word parties[] = {
	{"applicant", "申请人", NULL},
	{"respondent", "被申请人", NULL},
};

static const struct vocab_word confirm_ways[] = {
	{"phone", "电话", NULL},
	{"onsite", "现场", NULL},
	{"wechat", "微信", NULL},
	{"sms", "短信", NULL},
};

static const struct vocab_word sides[] = {
	{"union", "工会", NULL},
	{"employer", "企业代表组织", NULL},
	{"hrss", "人社部门", NULL},
	{"expert", "专家", NULL},
};

#define EXPERT(kind) "专家（" kind "）"
static const struct vocab_word experts[] = {
	{"teacher", "高校教师", EXPERT("高校教师")},
	{"court", "法院工作人员", EXPERT("法院工作人员")},
	{"lawyer", "公益律师", EXPERT("公益律师")},
	{"other", "其他", EXPERT("其他")},
};

static const struct vocab_word genders[] = {
	{"M", "男", NULL},
	{"F", "女", NULL},
};

static const struct vocab_word households[] = {
	{"urban", "城镇", "城镇户籍"},
	{"rural", "农村", "农村户籍"},
};

/* 用工单位: the host of a dispatched worker (劳务派遣); 发包方: the
 * organisation that contracted the work to an individual (劳动合同法 §94) */
static const struct vocab_word respondent_kinds[] = {
	{"employer", "用人单位", NULL},
	{"host", "用工单位", NULL},
	{"individual", "个人", NULL},
	{"contractor", "发包方", NULL},
	{"other", "其他", NULL},
};

static const struct vocab_word agent_kinds[] = {
	{"lawyer", "律师", NULL},
	{"legal-worker", "基层法律服务工作者", NULL},
	{"relative", "近亲属", NULL},
	{"union", "工会", NULL},
	{"staff", "用人单位工作人员", NULL},
	{"other", "其他", NULL},
};

static const struct vocab_word authorities[] = {
	{"general", "一般授权", NULL},
	{"special", "特别授权", NULL},
};

static const struct vocab_word session_states[] = {
	{"scheduled", "待进行", NULL},
	{"held", "已进行", NULL},
	{"cancelled", "已取消", NULL},
};

static const struct vocab_word service_methods[] = {
	{"direct", "直接送达", NULL},
	{"post", "邮寄送达", NULL},
	{"electronic", "电子送达", NULL},
	{"lodged", "留置送达", NULL},
	{"public", "公告送达", NULL},
};

/* index = the evidence item's original flag */
static const struct vocab_word originals[] = {
	{"copy", "复印件", NULL},
	{"original", "原件", NULL},
};

static const struct {
	const struct vocab_word *w;
	int n;
	int none_first; /* word 0 means "no restriction" (the queues' all) */
} kinds[VOCAB_KIND_COUNT] = {
	[VOCAB_STATUS] = {statuses, (int)TJ_ARRAY_LEN(statuses), 0},
	[VOCAB_PERF] = {perfs, (int)TJ_ARRAY_LEN(perfs), 0},
	[VOCAB_ROLE] = {roles, (int)TJ_ARRAY_LEN(roles), 0},
	[VOCAB_CHANNEL] = {channels, (int)TJ_ARRAY_LEN(channels), 0},
	[VOCAB_QUEUE] = {queues, (int)TJ_ARRAY_LEN(queues), 1},
	[VOCAB_DOC_KIND] = {doc_kinds, (int)TJ_ARRAY_LEN(doc_kinds), 0},
	[VOCAB_PARTY] = {parties, (int)TJ_ARRAY_LEN(parties), 0},
	[VOCAB_CONFIRM] = {confirm_ways, (int)TJ_ARRAY_LEN(confirm_ways), 0},
	[VOCAB_SIDE] = {sides, (int)TJ_ARRAY_LEN(sides), 0},
	[VOCAB_EXPERT] = {experts, (int)TJ_ARRAY_LEN(experts), 0},
	[VOCAB_GENDER] = {genders, (int)TJ_ARRAY_LEN(genders), 0},
	[VOCAB_HOUSEHOLD] = {households, (int)TJ_ARRAY_LEN(households), 0},
	[VOCAB_RESPONDENT] = {respondent_kinds, (int)TJ_ARRAY_LEN(respondent_kinds), 0},
	[VOCAB_AGENT] = {agent_kinds, (int)TJ_ARRAY_LEN(agent_kinds), 0},
	[VOCAB_AUTHORITY] = {authorities, (int)TJ_ARRAY_LEN(authorities), 0},
	[VOCAB_SESSION] = {session_states, (int)TJ_ARRAY_LEN(session_states), 0},
	[VOCAB_ORIGINAL] = {originals, (int)TJ_ARRAY_LEN(originals), 0},
	[VOCAB_SERVICE] = {service_methods, (int)TJ_ARRAY_LEN(service_methods), 0},
};

const struct vocab_word *vocab_words(enum vocab_kind k, int *n)
{
	if ((unsigned)k >= VOCAB_KIND_COUNT) {
		*n = 0;
		return NULL;
	}
	*n = kinds[k].n;
	return kinds[k].w;
}

int vocab_count(enum vocab_kind k)
{
	return (unsigned)k < VOCAB_KIND_COUNT ? kinds[k].n : 0;
}

static const struct vocab_word *word_at(enum vocab_kind k, int i)
{
	if ((unsigned)k >= VOCAB_KIND_COUNT || i < 0 || i >= kinds[k].n)
		return NULL;
	return &kinds[k].w[i];
}

const char *vocab_code_at(enum vocab_kind k, int i)
{
	const struct vocab_word *w = word_at(k, i);
	return w ? w->code : NULL;
}

const char *vocab_label_at(enum vocab_kind k, int i)
{
	const struct vocab_word *w = word_at(k, i);
	return w ? w->label : NULL;
}

const char *vocab_long_label_at(enum vocab_kind k, int i)
{
	const struct vocab_word *w = word_at(k, i);
	return !w ? NULL : w->long_label ? w->long_label : w->label;
}

static int find(enum vocab_kind k, const char *s, int codes, int labels)
{
	if (!s || (unsigned)k >= VOCAB_KIND_COUNT)
		return -1;
	for (int i = 0; i < kinds[k].n; i++)
		if ((codes && strcmp(s, kinds[k].w[i].code) == 0) || (labels && strcmp(s, kinds[k].w[i].label) == 0))
			return i;
	return -1;
}

int vocab_index(enum vocab_kind k, const char *code)
{
	return find(k, code, 1, 0);
}

int vocab_index_any(enum vocab_kind k, const char *code_or_label)
{
	return find(k, code_or_label, 1, 1);
}

const char *vocab_label(enum vocab_kind k, const char *code)
{
	return vocab_label_at(k, find(k, code, 1, 0));
}

const char *vocab_code(enum vocab_kind k, const char *label)
{
	return vocab_code_at(k, find(k, label, 0, 1));
}

const char **vocab_choices(enum vocab_kind k, const char *all, int *n)
{
	int first = all && (unsigned)k < VOCAB_KIND_COUNT && kinds[k].none_first ? 1 : 0;
	int nw = vocab_count(k);
	const char **v = xcalloc((size_t)nw + 2, sizeof *v);
	int m = 0;

	if (all)
		v[m++] = all;
	for (int i = first; i < nw; i++)
		v[m++] = kinds[k].w[i].label;
	*n = m;
	return v;
}

char *vocab_join_labels(enum vocab_kind k, const char *sep)
{
	struct strbuf sb;

	sb_init(&sb);
	for (int i = 0; i < vocab_count(k); i++)
		sb_printf(&sb, "%s%s", i ? sep : "", kinds[k].w[i].label);
	return sb_detach(&sb);
}

char *vocab_join_codes(enum vocab_kind k, const char *sep)
{
	struct strbuf sb;
	int first = (unsigned)k < VOCAB_KIND_COUNT && kinds[k].none_first ? 1 : 0;

	sb_init(&sb);
	for (int i = first; i < vocab_count(k); i++)
		sb_printf(&sb, "%s%s", i > first ? sep : "", kinds[k].w[i].code);
	return sb_detach(&sb);
}
