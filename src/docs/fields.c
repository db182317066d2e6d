/*
 * fields.c - the fields a template can use, and filling them from a case.
 *
 * One table lists every field with the list it belongs to ("" for the top
 * level) and its Chinese label: the parser checks names against it (an
 * unknown name is a template error with its line), messages about missing
 * data use the label, and forms/README documents the same list.  Keep the
 * three in step.
 *
 * A field with no data is left unset (not ""), so that a template that
 * uses it outside an optional section reports it by name instead of
 * printing a blank.  Amounts of 0 are "no amount" (a claim to confirm an
 * employment relationship has none), except the agreed amount of a claim,
 * where 0 means the applicant gave the claim up ("waived").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/calendar.h"
#include "tiaojie/docs.h"
#include "tiaojie/intake.h"
#include "tiaojie/money.h"
#include "tiaojie/util.h"
#include "tiaojie/vocab.h"
#include "tiaojie/validate.h"

#include "internal.h"

static const struct field_def {
	const char *list; /* "" top level */
	const char *name;
	int is_list;
	const char *label; /* NULL: a word of the vocabulary (word_fields) */
} fields[] = {
	{"", "court_name", 0, "仲裁院名称"},
	{"", "centre_name", 0, "调解中心名称"},
	{"", "court_address", 0, "仲裁院地址"},
	{"", "court_phone", 0, "仲裁院电话"},
	{"", "case_no", 0, "案件编号"},
	{"", "received", 0, "收到申请日期"},
	{"", "accepted", 0, "受理日期"},
	{"", "closed", 0, "结案日期"},
	{"", "deadline", 0, "调解期限"},
	{"", "today", 0, "出具日期"},
	{"", "channel", 0, "申请渠道"},
	{"", "status", 0, "案件状态"},
	{"", "performance", 0, "履行情况"},
	{"", "facts", 0, "事实与理由"},
	{"", "reason", 0, "不予受理、调解不成或撤回的理由"},
	{"", "mediator", 0, "调解员"},
	{"", "causes", 0, "案由"},
	{"", "collective", 0, "集体争议"},
	{"", "multiple_applicants", 0, "多名申请人"},
	{"", "multiple_respondents", 0, "多名被申请人"},
	{"", "applicant_names", 0, "申请人姓名"},
	{"", "respondent_names", 0, "被申请人名称"},
	{"", "applicant_count", 0, "申请人人数"},
	{"", "respondent_count", 0, "被申请人数"},
	{"", "claim_count", 0, "请求事项数"},
	{"", "total_amount", 0, "请求金额合计"},
	{"", "total_amount_capital", 0, "请求金额合计（大写）"},
	{"", "total_agreed", 0, "协议金额合计"},
	{"", "total_agreed_capital", 0, "协议金额合计（大写）"},
	{"", "session_count", 0, "调解次数"},
	{"", "heading", 0, "出具机构"},
	{"", "addressee", 0, "仲裁申请书的受理机构"},
	{"", "party_count", 0, "当事人数"},
	{"", "copies", 0, "协议书份数"},
	{"", "deadline_rule", 0, "调解期限的计算"},
	{"", "arbitration_facts", 0, "事实和理由（仲裁申请）"},
	{"", "representatives", 0, "集体争议的代表人"},
	{"", "keep", 0, "同页"},
	{"", "evidence", 1, "证据"},
	{"", "rejected", 0, NULL},
	{"", "failed", 0, NULL},
	{"", "withdrawn", 0, NULL},
	{"", "referred", 0, NULL},
	{"", "agreement", 0, NULL},
	{"", "defaulted", 0, NULL},
	{"", "overdue", 0, "调解期限届满"},
	{"", "enquiry_code", 0, "查询码"},
	{"", "decide_by", 0, "决定是否受理的期限"},
	{"", "decide_rule", 0, "决定是否受理的期间"},
	{"", "clerk", 0, "经办人"},
	{"", "evidence_count", 0, "证据件数"},
	{"", "received_evidence", 1, "随申请收到的证据"},
	{"", "received_evidence_count", 0, "随申请收到的证据件数"},
	{"", "oral", 0, "口头（电话）申请"},
	{"", "session_date", 0, "调解日期"},
	{"", "session_time", 0, "调解开始时间"},
	{"", "session_end", 0, "调解结束时间"},
	{"", "session_room", 0, "调解地点"},
	{"", "session_mediator", 0, "主持调解的调解员"},
	{"", "session_no", 0, "第几次调解"},
	{"", "served_document", 0, "所送达的文书"},
	{"", "served_issued", 0, "所送达文书的出具日期"},
	{"", "addressees", 1, "受送达人"},
	{"", "applicants", 1, NULL},
	{"", "respondents", 1, NULL},
	{"", "claims", 1, "请求事项"},
	{"", "sessions", 1, "调解记录"},

	{"applicants", "no", 0, "申请人序号"},
	{"applicants", "name", 0, "申请人姓名"},
	{"applicants", "gender", 0, "申请人性别"},
	{"applicants", "birth_date", 0, "申请人出生日期"},
	{"applicants", "nationality", 0, "申请人国籍（地区）"},
	{"applicants", "id_type", 0, "申请人证件类型"},
	{"applicants", "id_no", 0, "申请人证件号码"},
	{"applicants", "phone", 0, "申请人联系电话"},
	{"applicants", "address", 0, "申请人住址"},
	{"applicants", "age", 0, "申请人年龄"},
	{"applicants", "occupation", 0, "申请人职业"},
	{"applicants", "employer", 0, "申请人工作单位"},
	{"applicants", "representative", 0, "代表人"},
	{"applicants", "agents", 1, "委托代理人"},

	{"respondents", "no", 0, "被申请人序号"},
	{"respondents", "name", 0, "被申请人名称"},
	{"respondents", "uscc", 0, "被申请人统一社会信用代码"},
	{"respondents", "legal_rep", 0, "被申请人法定代表人"},
	{"respondents", "address", 0, "被申请人住所"},
	{"respondents", "phone", 0, "被申请人联系电话"},
	{"respondents", "legal_rep_title", 0, "被申请人法定代表人职务"},
	{"respondents", "kind", 0, "被申请人类别"},
	{"respondents", "id_type", 0, "被申请人证件类型"},
	{"respondents", "id_no", 0, "被申请人证件号码"},
	{"respondents", "nationality", 0, "被申请人国籍（地区）"},
	{"respondents", "agents", 1, "委托代理人"},

	{"agents", "name", 0, "委托代理人姓名"},
	{"agents", "kind", 0, "委托代理人类别"},
	{"agents", "org", 0, "委托代理人工作单位"},
	{"agents", "phone", 0, "委托代理人联系电话"},
	{"agents", "authority", 0, "代理权限"},
	{"agents", "scope", 0, "特别授权事项"},

	{"evidence", "no", 0, "证据序号"},
	{"evidence", "name", 0, "证据名称"},
	{"evidence", "source", 0, "证据来源"},
	{"evidence", "purpose", 0, "证明目的"},
	{"evidence", "pages", 0, "页数"},
	{"evidence", "original", 0, "原件或复印件"},
	{"evidence", "party", 0, "提交方"},
	{"evidence", "by_applicant", 0, "申请人提交"},
	{"evidence", "submitted", 0, "提交日期"},

	{"received_evidence", "no", 0, "证据序号"},
	{"received_evidence", "name", 0, "证据名称"},
	{"received_evidence", "pages", 0, "页数"},
	{"received_evidence", "original", 0, "原件或复印件"},
	{"received_evidence", "submitted", 0, "提交日期"},

	{"claims", "no", 0, "请求序号"},
	{"claims", "text", 0, "请求内容"},
	{"claims", "cause", 0, "请求案由"},
	{"claims", "cause_code", 0, "案由代码"},
	{"claims", "amount", 0, "请求金额"},
	{"claims", "amount_capital", 0, "请求金额（大写）"},
	{"claims", "agreed", 0, "协议金额"},
	{"claims", "agreed_capital", 0, "协议金额（大写）"},
	{"claims", "waived", 0, "放弃该项请求"},
	{"claims", "withdrawn", 0, "撤回该项请求"},
	{"claims", "unagreed", 0, "该项请求未达成协议"},
	{"claims", "pay_date", 0, "支付期限"},
	{"claims", "outcome", 0, "协议结果"},
	{"claims", "against", 0, "该项请求的被申请人"},
	{"claims", "joint", 0, "连带责任"},
	{"claims", "shares", 1, "各申请人金额"},
	{"claims", "agreed_shares", 1, "各申请人协议金额"},

	{"shares", "name", 0, "申请人姓名"},
	{"shares", "amount", 0, "该申请人的金额"},
	{"shares", "agreed", 0, "该申请人的协议金额"},
	{"shares", "agreed_capital", 0, "该申请人的协议金额（大写）"},

	{"agreed_shares", "name", 0, "申请人姓名"},
	{"agreed_shares", "amount", 0, "该申请人的请求金额"},
	{"agreed_shares", "agreed", 0, "该申请人的协议金额"},
	{"agreed_shares", "agreed_capital", 0, "该申请人的协议金额（大写）"},

	{"addressees", "no", 0, "受送达人序号"},
	{"addressees", "role", 0, "受送达人的身份"},
	{"addressees", "name", 0, "受送达人"},
	{"addressees", "address", 0, "送达地址"},
	{"addressees", "phone", 0, "受送达人联系电话"},
	{"addressees", "applicant", 0, "受送达人是申请人"},
	{"addressees", "respondent", 0, "受送达人是被申请人"},
	{"addressees", "legal_rep", 0, "受送达单位的法定代表人"},
	{"addressees", "agent_names", 0, "受送达人的委托代理人"},
	{"addressees", "method", 0, "送达方式"},
	{"addressees", "served_on", 0, "送达日期"},
	{"addressees", "signed_by", 0, "签收人"},
	{"addressees", "tracking", 0, "邮件号码"},

	{"sessions", "no", 0, "第几次调解"},
	{"sessions", "date", 0, "调解日期"},
	{"sessions", "time", 0, "调解时间"},
	{"sessions", "room", 0, "调解室"},
	{"sessions", "note", 0, "调解记录"},
	{"sessions", "mediator", 0, "主持调解员"},
	{"sessions", "recorder", 0, "记录人"},
	{"sessions", "attendance", 0, "到场人员"},
};

/* The top-level fields whose label is a word: a status, a party. */
static const struct {
	const char *name;
	enum vocab_kind vk;
	const char *code;
} word_fields[] = {
	{"rejected", VOCAB_STATUS, "rejected"},   {"failed", VOCAB_STATUS, "failed"},
	{"withdrawn", VOCAB_STATUS, "withdrawn"}, {"referred", VOCAB_STATUS, "referred"},
	{"agreement", VOCAB_STATUS, "agreed"},    {"defaulted", VOCAB_PERF, "defaulted"},
	{"applicants", VOCAB_PARTY, "applicant"}, {"respondents", VOCAB_PARTY, "respondent"},
};

static const char *label_of(const struct field_def *f)
{
	if (f->label)
		return f->label;
	for (size_t i = 0; i < TJ_ARRAY_LEN(word_fields); i++)
		if (strcmp(f->name, word_fields[i].name) == 0)
			return vocab_label(word_fields[i].vk, word_fields[i].code);
	return f->name;
}

static const struct field_def *field_find(const char *list, const char *name)
{
	for (size_t i = 0; i < TJ_ARRAY_LEN(fields); i++)
		if (strcmp(fields[i].list, list) == 0 && strcmp(fields[i].name, name) == 0)
			return &fields[i];
	return NULL;
}

int doc_field_kind(const char *list, const char *name)
{
	const struct field_def *f = field_find(list ? list : "", name);

	return f ? (f->is_list ? 2 : 1) : 0;
}

const char *doc_field_label(const char *list, const char *name)
{
	const struct field_def *f = field_find(list ? list : "", name);

	return f ? label_of(f) : NULL;
}

const char *doc_list_label(const char *list)
{
	const struct field_def *f = field_find("", list);

	return f && f->is_list ? label_of(f) : list;
}

int doc_mediation_overdue(const struct case_view *cv)
{
	int in_mediation = cv->status == ST_ACCEPTED || cv->status == ST_ASSIGNED || cv->status == ST_MEDIATING;

	return in_mediation && cv->has_deadline && cv->days_left < 0;
}

/* How dates are written ([documents] dates): set by doc_dict_build for
 * the document it fills (documents are made one at a time). */
static int dates_chinese;

static const char *const cn_digits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

/* 1..99 in Chinese numerals (十二, 二十, 三十一); larger in figures. */
static void cn_number(int n, char *out, size_t outlen)
{
	if (n < 1 || n > 99)
		snprintf(out, outlen, "%d", n);
	else if (n < 10)
		snprintf(out, outlen, "%s", cn_digits[n]);
	else
		snprintf(out, outlen, "%s十%s", n / 10 == 1 ? "" : cn_digits[n / 10], n % 10 ? cn_digits[n % 10] : "");
}

/* "2026-11-22" (or a longer time stamp) -> "2026年11月22日" (or, in the
 * chinese style, "二〇二六年十一月二十二日"); "" when it is not a date. */
static void date_cn(const char *iso, char *out, size_t outlen)
{
	int y, m, d;
	char s[11];

	out[0] = '\0';
	if (!iso || strlen(iso) < 10)
		return;
	memcpy(s, iso, 10);
	s[10] = '\0';
	if (strspn(s, "0123456789-") != 10 || s[4] != '-' || s[7] != '-')
		return;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (!date_valid(y, m, d))
		return;
	if (dates_chinese) {
		char yy[16] = "", mm[16], dd[16];
		for (int k = 0; k < 4; k++)
			strcat(yy, cn_digits[s[k] - '0']);
		cn_number(m, mm, sizeof mm);
		cn_number(d, dd, sizeof dd);
		snprintf(out, outlen, "%s年%s月%s日", yy, mm, dd);
		return;
	}
	snprintf(out, outlen, "%d年%d月%d日", y, m, d);
}

void doc_set_date(struct doc_dict *d, const char *name, const char *iso)
{
	char buf[64]; /* 二〇二六年十二月二十七日: 36 bytes */

	date_cn(iso, buf, sizeof buf);
	doc_dict_set(d, name, buf);
}

static void set_int(struct doc_dict *d, const char *name, long long v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", v);
	doc_dict_set(d, name, buf);
}

static void set_flag(struct doc_dict *d, const char *name, int on)
{
	doc_dict_set(d, name, on ? "是" : NULL);
}

/* An amount and its capitals; no data when it is not positive (or, with
 * zero_ok, negative). */
static void set_amount(struct doc_dict *d, const char *name, const char *cap_name, int64_t fen, int zero_ok)
{
	char fig[32], cap[256];

	if (fen < 0 || (fen == 0 && !zero_ok)) {
		doc_dict_set(d, name, NULL);
		doc_dict_set(d, cap_name, NULL);
		return;
	}
	doc_dict_set(d, name, money_format(fen, fig, sizeof fig));
	doc_dict_set(d, cap_name, money_capital(fen, cap, sizeof cap) ? cap : NULL);
}

static const char *gender_cn(const char *g)
{
	return g ? vocab_label(VOCAB_GENDER, g) : NULL;
}

static const char *id_type_cn(const char *kw)
{
	int k = val_kind_from_keyword(kw ? kw : "");

	return k < 0 ? NULL : val_kind_name((enum val_kind)k);
}

static char *join_names(const struct cv_party *v, int n)
{
	struct strbuf sb;

	sb_init(&sb);
	for (int i = 0; i < n; i++) {
		if (i)
			sb_add(&sb, "、");
		sb_add(&sb, v[i].name);
	}
	return sb_detach(&sb);
}

static const char *blank_null(const char *s)
{
	return s && *s ? s : NULL;
}

/* Age in full years on day (a "YYYY-MM-DD" birth date); -1 unknown. */
/* A reason as the templates use it, inside a sentence ("经审查，{{reason}}。")
 * or in brackets: without the stop or comma the user ended it with, nor
 * the spaces after (else "。。", "理由。）").  malloc'd; NULL for none. */
static char *clause(const char *s)
{
	static const char *const stops[] = {"。", "．", ".", "；", ";", "，", ",", "！", "!", " ", "\t", "\n", "　"};
	size_t n = s ? strlen(s) : 0;

	for (int again = 1; again && n > 0;) {
		again = 0;
		for (size_t i = 0; i < TJ_ARRAY_LEN(stops); i++) {
			size_t k = strlen(stops[i]);
			if (n >= k && memcmp(s + n - k, stops[i], k) == 0) {
				n -= k;
				again = 1;
				break;
			}
		}
	}
	return n ? xstrndup(s, n) : s && *s ? xstrdup(s) : NULL; /* only stops: as typed */
}

static int age_on(const char *birth, tj_day day)
{
	tj_day b;
	int by, bm, bd, y, m, d;

	if (!birth || date_parse(birth, &b) < 0 || b > day)
		return -1;
	date_to_ymd(b, &by, &bm, &bd);
	date_to_ymd(day, &y, &m, &d);
	return y - by - (m < bm || (m == bm && d < bd));
}

static void add_agents(struct doc_dict *it, const struct cv_party *p)
{
	doc_dict_list(it, "agents");
	for (int i = 0; i < p->nagents; i++) {
		const struct cv_agent *a = &p->agents[i];
		struct doc_dict *g = doc_dict_add_item(it, "agents");
		doc_dict_set(g, "name", blank_null(a->name));
		doc_dict_set(g, "kind", a->kind[0] ? vocab_label(VOCAB_AGENT, a->kind) : NULL);
		doc_dict_set(g, "org", blank_null(a->org));
		doc_dict_set(g, "phone", blank_null(a->phone));
		doc_dict_set(g, "authority", a->authority[0] ? vocab_label(VOCAB_AUTHORITY, a->authority) : NULL);
		doc_dict_set(g, "scope", blank_null(a->scope));
	}
}

/* The applicants' employer as the 仲裁申请书 names it: the respondents
 * that are a 用人单位 (or an individual employer), else all of them. */
static char *employer_names(const struct case_view *cv)
{
	struct strbuf sb;

	sb_init(&sb);
	for (int i = 0; i < cv->nrespondents; i++) {
		const char *k = cv->respondents[i].kind;
		if (*k && strcmp(k, "employer") != 0 && strcmp(k, "individual") != 0)
			continue;
		if (sb.len)
			sb_add(&sb, "、");
		sb_add(&sb, cv->respondents[i].name);
	}
	if (!sb.len) {
		sb_free(&sb);
		return join_names(cv->respondents, cv->nrespondents);
	}
	return sb_detach(&sb);
}

static void add_parties(struct doc_dict *d, const struct case_view *cv)
{
	char *s, *employer = employer_names(cv);
	tj_day today = tj_today();
	struct strbuf reps;

	sb_init(&reps);
	doc_dict_list(d, "applicants");
	for (int i = 0; i < cv->napplicants; i++) {
		const struct cv_party *p = &cv->applicants[i];
		struct doc_dict *it = doc_dict_add_item(d, "applicants");
		int age = age_on(p->birth_date, today); /* as on the document's date */
		set_int(it, "no", i + 1);
		doc_dict_set(it, "name", p->name);
		doc_dict_set(it, "gender", gender_cn(p->gender));
		doc_set_date(it, "birth_date", p->birth_date);
		if (age >= 0)
			set_int(it, "age", age);
		doc_dict_set(it, "nationality", p->nationality);
		doc_dict_set(it, "id_type", id_type_cn(p->id_type));
		doc_dict_set(it, "id_no", p->id_no);
		doc_dict_set(it, "phone", p->phone);
		doc_dict_set(it, "address", p->address);
		doc_dict_set(it, "occupation", blank_null(p->occupation));
		doc_dict_set(it, "employer", blank_null(employer));
		set_flag(it, "representative", p->representative);
		add_agents(it, p);
		if (p->representative) {
			if (reps.len)
				sb_add(&reps, "、");
			sb_add(&reps, p->name);
		}
	}
	free(employer);
	doc_dict_set(d, "representatives", reps.len ? reps.buf : NULL);
	sb_free(&reps);
	doc_dict_list(d, "respondents");
	for (int i = 0; i < cv->nrespondents; i++) {
		const struct cv_party *p = &cv->respondents[i];
		struct doc_dict *it = doc_dict_add_item(d, "respondents");
		set_int(it, "no", i + 1);
		doc_dict_set(it, "name", p->name);
		doc_dict_set(it, "uscc", p->uscc);
		doc_dict_set(it, "legal_rep", p->legal_rep);
		doc_dict_set(it, "legal_rep_title", blank_null(p->legal_rep_title));
		doc_dict_set(it, "address", p->address);
		doc_dict_set(it, "phone", p->phone);
		doc_dict_set(it, "kind", p->kind[0] ? vocab_label(VOCAB_RESPONDENT, p->kind) : "用人单位");
		doc_dict_set(it, "id_type", blank_null(p->id_no) ? id_type_cn(p->id_type) : NULL);
		doc_dict_set(it, "id_no", blank_null(p->id_no));
		doc_dict_set(it, "nationality", blank_null(p->id_no) ? blank_null(p->nationality) : NULL);
		add_agents(it, p);
	}
	s = join_names(cv->applicants, cv->napplicants);
	doc_dict_set(d, "applicant_names", s);
	free(s);
	s = join_names(cv->respondents, cv->nrespondents);
	doc_dict_set(d, "respondent_names", s);
	free(s);
	set_int(d, "applicant_count", cv->napplicants);
	set_int(d, "respondent_count", cv->nrespondents);
	set_int(d, "party_count", cv->napplicants + cv->nrespondents);
	char n[16];
	cn_number(cv->napplicants + cv->nrespondents + 1, n, sizeof n);
	doc_dict_set(d, "copies", n);
	set_flag(d, "multiple_applicants", cv->napplicants > 1);
	set_flag(d, "multiple_respondents", cv->nrespondents > 1);
}

/* "被申请人" for the only respondent, else "被申请人甲公司、乙公司": the
 * respondents a claim is against. */
static void claim_payer(struct strbuf *sb, const struct case_view *cv, const struct cv_claim *k)
{
	sb_add(sb, "被申请人");
	if (cv->nrespondents < 2)
		return;
	for (int j = 0; j < k->nagainst; j++) {
		int r = k->against[j];
		if (r < 1 || r > cv->nrespondents)
			continue;
		if (j)
			sb_add(sb, "、");
		sb_add(sb, cv->respondents[r - 1].name);
	}
}

static int starts(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* Each worker's agreed part of a collective claim is known (recorded with
 * the agreement, 014): the agreement lists them (agreed_shares). */
static int shares_agreed(const struct cv_claim *k)
{
	for (int j = 0; j < k->nshares; j++)
		if (k->shares[j].agreed_fen < 0)
			return 0;
	return k->nshares > 0 && k->agreed_fen > 0;
}

/* The outcome of a claim as the agreement states it (agreed cases). */
static char *claim_outcome(const struct case_view *cv, const struct cv_claim *k)
{
	struct strbuf sb;
	char fig[32], cap[256], day[64];
	int several = k->nagainst > 1 && cv->nrespondents > 1;

	/* in an agreed case, a claim the agreement left out: said so, never a
	 * hole in the document (the template would refuse it) */
	if (k->withdrawn)
		return xstrdup("申请人撤回该项请求。");
	if (k->agreed_fen < 0)
		return xstrdup("该项请求双方未达成协议。");
	if (k->waived)
		return xstrdup("申请人自愿放弃该项请求。");
	sb_init(&sb);
	if (k->agreed_fen > 0) {
		claim_payer(&sb, cv, k);
		/* several respondents: jointly (连带), each his part (按份, what
		 * each pays recorded since 016), or - an agreement recorded
		 * before - together */
		sb_add(&sb, several ? (k->joint ? "同意连带支付" : k->npayers > 0 ? "同意分别支付" : "同意共同支付")
				    : "同意支付");
		/* several workers: the sum for them all, never "各申请人 X 元"
		 * (which reads as X to each); each one's part follows in
		 * agreed_shares */
		if (cv->napplicants > 3)
			sb_printf(&sb, "申请人%s等%d人共计", cv->applicants[0].name, cv->napplicants);
		else if (cv->napplicants > 1)
			for (int j = 0; j < cv->napplicants; j++)
				sb_printf(&sb, "%s%s%s", j ? "、" : "申请人", cv->applicants[j].name,
					  j == cv->napplicants - 1 ? "共计" : "");
		else
			sb_add(&sb, "申请人");
		sb_printf(&sb, "人民币%s元（大写：%s）", money_format(k->agreed_fen, fig, sizeof fig),
			  money_capital(k->agreed_fen, cap, sizeof cap) ? cap : "");
		if (several && !k->joint && k->npayers > 0) {
			sb_add(&sb, "，其中");
			for (int j = 0; j < k->npayers; j++) {
				int r = k->payers[j].respondent;
				sb_printf(&sb, "%s%s支付人民币%s元", j ? "、" : "",
					  r >= 1 && r <= cv->nrespondents ? cv->respondents[r - 1].name : "?",
					  money_format(k->payers[j].agreed_fen, fig, sizeof fig));
			}
		}
		if (k->nshares > 0 && shares_agreed(k))
			sb_add(&sb, "（各申请人的金额见下）");
		date_cn(k->pay_date, day, sizeof day);
		if (*day)
			sb_printf(&sb, "，于%s前", day);
		sb_add(&sb, "以银行转账方式一次性支付至申请人指定的银行账户。");
		return sb_detach(&sb);
	}
	if (k->amount_fen > 0) {
		/* a claim for money agreed at nothing and not given up */
		claim_payer(&sb, cv, k);
		sb_add(&sb, "无需支付该项款项。");
		return sb_detach(&sb);
	}
	/* agreed as asked: the claim's words as what the parties agree */
	const char *t = k->text ? k->text : "";
	static const char *const asks[] = {"请求裁令", "请求依法裁决", "请求", "要求", "申请"};
	for (size_t j = 0; j < TJ_ARRAY_LEN(asks); j++)
		if (starts(t, asks[j])) {
			t += strlen(asks[j]);
			break;
		}
	if (starts(k->cause, "01")) {
		/* 确认劳动关系: both sides confirm it */
		if (starts(t, "确认"))
			t += strlen("确认");
		sb_add(&sb, "双方确认");
		sb_add(&sb, t);
	} else if (starts(t, "被申请人")) {
		/* "被申请人甲公司对上述款项承担连带责任": agrees to it */
		const char *v = NULL;
		static const char *const verbs[] = {"对", "为", "向", "与", "按", "承担", "出具", "恢复", "办理", "撤销"};
		for (size_t j = 0; j < TJ_ARRAY_LEN(verbs); j++) {
			const char *x = strstr(t + strlen("被申请人"), verbs[j]);
			if (x && (!v || x < v))
				v = x;
		}
		if (v) {
			sb_addn(&sb, t, (size_t)(v - t));
			sb_add(&sb, "同意");
			sb_add(&sb, v);
		} else {
			sb_add(&sb, "被申请人同意：");
			sb_add(&sb, t);
		}
	} else {
		claim_payer(&sb, cv, k);
		sb_add(&sb, "同意");
		if (starts(t, "与被申请人")) {
			sb_add(&sb, "与申请人");
			t += strlen("与被申请人");
		}
		/* the respondent is now the subject: "恢复与申请人的劳动关系",
		 * "撤销其作出的调岗决定" */
		while (*t) {
			if (starts(t, "申请人与被申请人的")) {
				sb_add(&sb, "与申请人的");
				t += strlen("申请人与被申请人的");
			} else if (starts(t, "被申请人")) {
				sb_add(&sb, "其");
				t += strlen("被申请人");
			} else {
				sb_addc(&sb, *t++);
			}
		}
	}
	size_t n = sb.len;
	if (n < 3 || strcmp(sb.buf + n - 3, "。") != 0)
		sb_add(&sb, "。");
	return sb_detach(&sb);
}

static void add_claims(struct doc_dict *d, const struct case_view *cv)
{
	int64_t total = 0, agreed = 0;
	int any_agreed = 0;
	struct strbuf causes;

	sb_init(&causes);
	doc_dict_list(d, "claims");
	for (int i = 0; i < cv->nclaims; i++) {
		const struct cv_claim *k = &cv->claims[i];
		struct doc_dict *it = doc_dict_add_item(d, "claims");
		const char *cause = k->cause_name && *k->cause_name ? k->cause_name : k->cause;
		set_int(it, "no", i + 1);
		doc_dict_set(it, "text", k->text);
		doc_dict_set(it, "cause", cause);
		doc_dict_set(it, "cause_code", k->cause);
		set_amount(it, "amount", "amount_capital", k->amount_fen, 0);
		set_amount(it, "agreed", "agreed_capital", k->agreed_fen, 1);
		set_flag(it, "waived", k->agreed_fen >= 0 && k->waived);
		set_flag(it, "withdrawn", k->withdrawn);
		set_flag(it, "unagreed", cv->status == ST_AGREED && k->agreed_fen < 0 && !k->withdrawn);
		doc_set_date(it, "pay_date", k->pay_date);
		char *o = claim_outcome(cv, k);
		doc_dict_set(it, "outcome", o);
		free(o);
		if (cv->nrespondents > 1) {
			struct strbuf sb;
			sb_init(&sb);
			claim_payer(&sb, cv, k);
			doc_dict_set(it, "against", sb.buf);
			sb_free(&sb);
		}
		set_flag(it, "joint", k->joint);
		doc_dict_list(it, "shares");
		doc_dict_list(it, "agreed_shares");
		int listed = shares_agreed(k);
		for (int j = 0; j < k->nshares; j++) {
			int a = k->shares[j].applicant;
			const char *name = a >= 1 && a <= cv->napplicants ? cv->applicants[a - 1].name : NULL;
			struct doc_dict *sh = doc_dict_add_item(it, "shares");
			doc_dict_set(sh, "name", name);
			set_amount(sh, "amount", "amount_capital", k->shares[j].amount_fen, 1);
			set_amount(sh, "agreed", "agreed_capital", k->shares[j].agreed_fen, 1);
			/* in the agreement, when each one's part was recorded */
			if (listed) {
				sh = doc_dict_add_item(it, "agreed_shares");
				doc_dict_set(sh, "name", name);
				set_amount(sh, "amount", "amount_capital", k->shares[j].amount_fen, 1);
				set_amount(sh, "agreed", "agreed_capital", k->shares[j].agreed_fen, 1);
			}
		}
		if (k->amount_fen > 0 && total <= MONEY_MAX_FEN)
			total += k->amount_fen;
		if (k->agreed_fen >= 0) {
			any_agreed = 1;
			if (agreed <= MONEY_MAX_FEN)
				agreed += k->agreed_fen;
		}
		/* the causes once each, in claim order */
		int seen = 0;
		for (int j = 0; j < i && !seen; j++)
			seen = strcmp(cv->claims[j].cause, k->cause) == 0;
		if (*cause && !seen) {
			if (causes.len)
				sb_add(&causes, "、");
			sb_add(&causes, cause);
		}
	}
	set_int(d, "claim_count", cv->nclaims);
	set_amount(d, "total_amount", "total_amount_capital", total > MONEY_MAX_FEN ? MONEY_MAX_FEN : total, 0);
	if (any_agreed)
		set_amount(d, "total_agreed", "total_agreed_capital", agreed > MONEY_MAX_FEN ? MONEY_MAX_FEN : agreed, 0);
	doc_dict_set(d, "causes", causes.buf);
	sb_free(&causes);
}

static void add_evidence(struct doc_dict *d, const struct case_view *cv)
{
	int nreceived = 0;

	/* what the applicant handed in with the application (the receipt
	 * lists that, not what came later or from the other side) */
	doc_dict_list(d, "received_evidence");
	for (int i = 0; i < cv->nevidence; i++) {
		const struct cv_evidence *e = &cv->evidence[i];
		if (strcmp(e->party, "applicant") != 0 || (e->submitted[0] && strcmp(e->submitted, cv->received) > 0))
			continue;
		struct doc_dict *it = doc_dict_add_item(d, "received_evidence");
		set_int(it, "no", ++nreceived);
		doc_dict_set(it, "name", blank_null(e->name));
		set_int(it, "pages", e->pages);
		doc_dict_set(it, "original", vocab_label_at(VOCAB_ORIGINAL, e->original != 0));
		doc_set_date(it, "submitted", e->submitted);
	}
	if (nreceived > 0)
		set_int(d, "received_evidence_count", nreceived);
	if (cv->nevidence > 0)
		set_int(d, "evidence_count", cv->nevidence);
	doc_dict_list(d, "evidence");
	for (int i = 0; i < cv->nevidence; i++) {
		const struct cv_evidence *e = &cv->evidence[i];
		struct doc_dict *it = doc_dict_add_item(d, "evidence");
		set_int(it, "no", e->ord);
		doc_dict_set(it, "name", blank_null(e->name));
		doc_dict_set(it, "source", blank_null(e->source));
		doc_dict_set(it, "purpose", blank_null(e->purpose));
		set_int(it, "pages", e->pages);
		doc_dict_set(it, "original", vocab_label_at(VOCAB_ORIGINAL, e->original != 0));
		doc_dict_set(it, "party", e->party[0] ? vocab_label(VOCAB_PARTY, e->party) : NULL);
		set_flag(it, "by_applicant", strcmp(e->party, "applicant") == 0);
		doc_set_date(it, "submitted", e->submitted);
	}
}

/* The facts as an arbitration application states them: without the
 * sentences that ask the mediation centre to mediate ("特向贵中心申请
 * 调解。"), which the 仲裁申请书 replaces with its own. */
static char *arbitration_facts(const char *facts)
{
	static const char *const mediation[] = {"申请调解", "贵中心", "主持调解", "调解中心"};
	struct strbuf sb;
	const char *p = facts ? facts : "";

	sb_init(&sb);
	while (*p) {
		/* one sentence: up to 。！？ or a newline, which it keeps */
		const char *e = p;
		while (*e && *e != '\n' && !starts(e, "。") && !starts(e, "！") && !starts(e, "？"))
			e++;
		if (*e == '\n')
			e++;
		else if (*e)
			e += 3;
		char *one = xstrndup(p, (size_t)(e - p));
		int drop = 0;
		for (size_t j = 0; j < TJ_ARRAY_LEN(mediation) && !drop; j++)
			drop = strstr(one, mediation[j]) != NULL;
		if (!drop)
			sb_add(&sb, one);
		else if (e[-1] == '\n')
			sb_addc(&sb, '\n');
		free(one);
		p = e;
	}
	/* no empty lines left behind */
	while (sb.len && (sb.buf[sb.len - 1] == '\n' || sb.buf[sb.len - 1] == ' '))
		sb.buf[--sb.len] = '\0';
	char *out = sb_detach(&sb);
	if (!out)
		out = xstrdup("");
	return out;
}

static void add_sessions(struct doc_dict *d, const struct case_view *cv)
{
	int held = 0;

	doc_dict_list(d, "sessions");
	for (int i = 0; i < cv->nsessions; i++) {
		const struct cv_session *s = &cv->sessions[i];
		if (!s->status || strcmp(s->status, "held") != 0)
			continue;
		struct doc_dict *it = doc_dict_add_item(d, "sessions");
		set_int(it, "no", held + 1);
		doc_set_date(it, "date", s->day);
		doc_dict_set(it, "time", s->start);
		doc_dict_set(it, "room", s->room);
		doc_dict_set(it, "note", s->note);
		doc_dict_set(it, "mediator", s->mediator);
		doc_dict_set(it, "recorder", s->recorder && *s->recorder ? s->recorder : NULL);
		doc_dict_set(it, "attendance", s->attendance && *s->attendance ? s->attendance : NULL);
		held++;
	}
	set_int(d, "session_count", held);
}

/* The arbitration commission the 仲裁申请书 is addressed to: configured,
 * or the court's name with 仲裁院 made 仲裁委员会. */
static char *addressee(const struct config *cfg)
{
	const char *name;
	size_t n;

	if (!cfg)
		return NULL;
	if (cfg->arbitration_addressee && *cfg->arbitration_addressee)
		return xstrdup(cfg->arbitration_addressee);
	name = cfg->court_name ? cfg->court_name : "";
	n = strlen(name);
	if (n > strlen("仲裁院") && strcmp(name + n - strlen("仲裁院"), "仲裁院") == 0)
		return xasprintf("%.*s仲裁委员会", (int)(n - strlen("仲裁院")), name);
	return *name ? xstrdup(name) : NULL;
}

/* How the mediation period is counted, by the rule it was computed with
 * ([deadlines] mediation_from, core/casework.c do_accept): "自收到调解申请
 * 之日起15日" (调解仲裁法 §14) or "自受理调解申请之日起15日", in 日 or
 * 个工作日, and the extension when there was one. */
static char *deadline_rule(const struct case_view *cv, const struct config *cfg)
{
	int working = cfg->mediation_kind == DAYS_WORKING;
	struct strbuf sb;

	sb_init(&sb);
	sb_printf(&sb, "自%s之日起%d%s", cfg->mediation_from_accepted ? "受理调解申请" : "收到调解申请",
		  cfg->mediation_days, working ? "个工作日" : "日");
	if (cv->extended)
		sb_printf(&sb, "，经双方同意延长%d%s", cfg->extension_days, working ? "个工作日" : "日");
	return sb_detach(&sb);
}

struct doc_dict *doc_dict_build(const struct case_view *cv, const struct config *cfg)
{
	struct doc_dict *d = doc_dict_new();
	char today[11];
	const char *ch;
	char *s;

	dates_chinese = cfg ? cfg->doc_dates_chinese : 0;
	doc_dict_set(d, "heading", cfg ? (cfg->doc_heading && *cfg->doc_heading ? cfg->doc_heading : cfg->centre_name)
				       : NULL);
	s = addressee(cfg);
	doc_dict_set(d, "addressee", s);
	free(s);
	if (cfg) {
		s = deadline_rule(cv, cfg);
		doc_dict_set(d, "deadline_rule", s);
		free(s);
	}
	s = arbitration_facts(cv->facts);
	doc_dict_set(d, "arbitration_facts", *s ? s : NULL);
	free(s);
	doc_dict_set(d, "keep", "是");

	doc_dict_set(d, "court_name", cfg ? cfg->court_name : NULL);
	doc_dict_set(d, "centre_name", cfg ? cfg->centre_name : NULL);
	doc_dict_set(d, "court_address", cfg ? cfg->court_address : NULL);
	doc_dict_set(d, "court_phone", cfg ? cfg->court_phone : NULL);
	doc_dict_set(d, "case_no", cv->case_no);
	doc_set_date(d, "received", cv->received);
	doc_set_date(d, "accepted", cv->accepted_at);
	doc_set_date(d, "closed", cv->closed_at);
	doc_set_date(d, "deadline", cv->deadline);
	date_format(tj_today(), today);
	doc_set_date(d, "today", today);
	ch = channel_name(cv->channel);
	doc_dict_set(d, "channel", ch ? ch : cv->channel);
	doc_dict_set(d, "status", status_name(cv->status));
	doc_dict_set(d, "performance", cv->status == ST_AGREED ? perf_name(cv->perf) : NULL);
	doc_dict_set(d, "facts", cv->facts);
	char *reason = clause(cv->reason);
	doc_dict_set(d, "reason", reason);
	free(reason);
	doc_dict_set(d, "mediator", cv->mediator_name);
	doc_dict_set(d, "clerk", blank_null(cv->clerk));
	set_flag(d, "collective", cv->collective);
	set_flag(d, "oral", strcmp(cv->channel, "phone") == 0);
	set_flag(d, "rejected", cv->status == ST_REJECTED);
	set_flag(d, "failed", cv->status == ST_FAILED || cv->status == ST_REFERRED);
	set_flag(d, "withdrawn", cv->status == ST_WITHDRAWN);
	set_flag(d, "referred", cv->status == ST_REFERRED);
	set_flag(d, "agreement", cv->status == ST_AGREED);
	set_flag(d, "defaulted", cv->status == ST_AGREED && cv->perf == PERF_DEFAULTED);
	set_flag(d, "overdue", doc_mediation_overdue(cv));
	add_parties(d, cv);
	add_claims(d, cv);
	add_sessions(d, cv);
	add_evidence(d, cv);
	return d;
}
