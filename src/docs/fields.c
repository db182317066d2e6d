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
	{"", "rejected", 0, NULL},
	{"", "failed", 0, NULL},
	{"", "withdrawn", 0, NULL},
	{"", "referred", 0, NULL},
	{"", "agreement", 0, NULL},
	{"", "defaulted", 0, NULL},
	{"", "overdue", 0, "调解期限届满"},
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

	{"respondents", "no", 0, "被申请人序号"},
	{"respondents", "name", 0, "被申请人名称"},
	{"respondents", "uscc", 0, "被申请人统一社会信用代码"},
	{"respondents", "legal_rep", 0, "被申请人法定代表人"},
	{"respondents", "address", 0, "被申请人住所"},
	{"respondents", "phone", 0, "被申请人联系电话"},

	{"claims", "no", 0, "请求序号"},
	{"claims", "text", 0, "请求内容"},
	{"claims", "cause", 0, "请求案由"},
	{"claims", "cause_code", 0, "案由代码"},
	{"claims", "amount", 0, "请求金额"},
	{"claims", "amount_capital", 0, "请求金额（大写）"},
	{"claims", "agreed", 0, "协议金额"},
	{"claims", "agreed_capital", 0, "协议金额（大写）"},
	{"claims", "waived", 0, "放弃该项请求"},
	{"claims", "pay_date", 0, "支付期限"},

	{"sessions", "date", 0, "调解日期"},
	{"sessions", "time", 0, "调解时间"},
	{"sessions", "room", 0, "调解室"},
	{"sessions", "note", 0, "调解记录"},
	{"sessions", "mediator", 0, "主持调解员"},
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

/* "2026-11-22" (or a longer time stamp) -> "2026年11月22日"; "" when it is
 * not a date. */
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
	snprintf(out, outlen, "%d年%d月%d日", y, m, d);
}

static void set_date(struct doc_dict *d, const char *name, const char *iso)
{
	char buf[32];

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

static void add_parties(struct doc_dict *d, const struct case_view *cv)
{
	char *s;

	doc_dict_list(d, "applicants");
	for (int i = 0; i < cv->napplicants; i++) {
		const struct cv_party *p = &cv->applicants[i];
		struct doc_dict *it = doc_dict_add_item(d, "applicants");
		set_int(it, "no", i + 1);
		doc_dict_set(it, "name", p->name);
		doc_dict_set(it, "gender", gender_cn(p->gender));
		set_date(it, "birth_date", p->birth_date);
		doc_dict_set(it, "nationality", p->nationality);
		doc_dict_set(it, "id_type", id_type_cn(p->id_type));
		doc_dict_set(it, "id_no", p->id_no);
		doc_dict_set(it, "phone", p->phone);
		doc_dict_set(it, "address", p->address);
	}
	doc_dict_list(d, "respondents");
	for (int i = 0; i < cv->nrespondents; i++) {
		const struct cv_party *p = &cv->respondents[i];
		struct doc_dict *it = doc_dict_add_item(d, "respondents");
		set_int(it, "no", i + 1);
		doc_dict_set(it, "name", p->name);
		doc_dict_set(it, "uscc", p->uscc);
		doc_dict_set(it, "legal_rep", p->legal_rep);
		doc_dict_set(it, "address", p->address);
		doc_dict_set(it, "phone", p->phone);
	}
	s = join_names(cv->applicants, cv->napplicants);
	doc_dict_set(d, "applicant_names", s);
	free(s);
	s = join_names(cv->respondents, cv->nrespondents);
	doc_dict_set(d, "respondent_names", s);
	free(s);
	set_int(d, "applicant_count", cv->napplicants);
	set_int(d, "respondent_count", cv->nrespondents);
	set_flag(d, "multiple_applicants", cv->napplicants > 1);
	set_flag(d, "multiple_respondents", cv->nrespondents > 1);
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
		set_flag(it, "waived", k->agreed_fen == 0);
		set_date(it, "pay_date", k->pay_date);
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

static void add_sessions(struct doc_dict *d, const struct case_view *cv)
{
	int held = 0;

	doc_dict_list(d, "sessions");
	for (int i = 0; i < cv->nsessions; i++) {
		const struct cv_session *s = &cv->sessions[i];
		if (!s->status || strcmp(s->status, "held") != 0)
			continue;
		struct doc_dict *it = doc_dict_add_item(d, "sessions");
		set_date(it, "date", s->day);
		doc_dict_set(it, "time", s->start);
		doc_dict_set(it, "room", s->room);
		doc_dict_set(it, "note", s->note);
		doc_dict_set(it, "mediator", s->mediator);
		held++;
	}
	set_int(d, "session_count", held);
}

struct doc_dict *doc_dict_build(const struct case_view *cv, const struct config *cfg)
{
	struct doc_dict *d = doc_dict_new();
	char today[11];
	const char *ch;

	doc_dict_set(d, "court_name", cfg ? cfg->court_name : NULL);
	doc_dict_set(d, "centre_name", cfg ? cfg->centre_name : NULL);
	doc_dict_set(d, "court_address", cfg ? cfg->court_address : NULL);
	doc_dict_set(d, "court_phone", cfg ? cfg->court_phone : NULL);
	doc_dict_set(d, "case_no", cv->case_no);
	set_date(d, "received", cv->received);
	set_date(d, "accepted", cv->accepted_at);
	set_date(d, "closed", cv->closed_at);
	set_date(d, "deadline", cv->deadline);
	date_format(tj_today(), today);
	set_date(d, "today", today);
	ch = channel_name(cv->channel);
	doc_dict_set(d, "channel", ch ? ch : cv->channel);
	doc_dict_set(d, "status", status_name(cv->status));
	doc_dict_set(d, "performance", cv->status == ST_AGREED ? perf_name(cv->perf) : NULL);
	doc_dict_set(d, "facts", cv->facts);
	doc_dict_set(d, "reason", cv->reason);
	doc_dict_set(d, "mediator", cv->mediator_name);
	set_flag(d, "collective", cv->collective);
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
	return d;
}
