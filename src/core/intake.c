/*
 * intake.c - checking and saving an application.
 *
 * intake_check collects every problem with the field it belongs to, so the
 * form can show them all at once beside their fields and the user loses
 * nothing.  intake_register saves the whole case in one transaction.
 */
#include "tiaojie/intake.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/access.h"
#include "tiaojie/calendar.h"
#include "tiaojie/casenum.h"
#include "tiaojie/money.h"
#include "tiaojie/util.h"
#include "tiaojie/validate.h"
#include "tiaojie/vocab.h"

#include "intake_internal.h"

const char *channel_name(const char *kw)
{
	return vocab_label(VOCAB_CHANNEL, kw);
}

int channel_valid(const char *kw)
{
	return channel_name(kw) != NULL;
}

#define problem intake_problem_add

void intake_problem_add(struct intake_result *res, const char *field, const char *fmt, ...)
{
	va_list ap;

	if (res->nproblems >= (int)TJ_ARRAY_LEN(res->problems))
		return;
	struct intake_problem *p = &res->problems[res->nproblems++];
	snprintf(p->field, sizeof p->field, "%s", field);
	va_start(ap, fmt);
	vsnprintf(p->msg, sizeof p->msg, fmt, ap);
	va_end(ap);
}

/* A text field: valid UTF-8, no control characters (newlines only where
 * allowed), between min and max characters. */
static int text_ok(struct intake_result *res, const char *field, const char *label, const char *s, size_t min,
		   size_t max, int allow_nl)
{
	if (!s)
		s = "";
	size_t len = strlen(s);
	if (!utf8_valid(s, len)) {
		problem(res, field, "%s含有无效的UTF-8字节", label);
		return 0;
	}
	if (utf8_has_control(s, allow_nl)) {
		problem(res, field, "%s含有控制字符", label);
		return 0;
	}
	size_t n = utf8_chars(s);
	if (n < min) {
		problem(res, field, min == 1 ? "请填写%s" : "%s太短", label);
		return 0;
	}
	if (n > max) {
		problem(res, field, "%s过长（最多%zu个字，现有%zu个字）", label, max, n);
		return 0;
	}
	return 1;
}

static int blank(const char *s)
{
	if (!s)
		return 1;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

int intake_sex_birth(const struct config *cfg, const char *id_type, const char *id_no, char *gender,
		     char birth[11])
{
	int kind = val_kind_from_keyword(id_type ? id_type : "");
	char norm[128], g = 0, b[11];
	const char *reason;

	/* only these documents' numbers may tell */
	if (kind != VAL_ID && kind != VAL_RESIDENCE && kind != VAL_FOREIGN_PR)
		return INTAKE_SB_TYPED;
	if (!id_no || val_check(kind, id_no, cfg->legacy_id15 ? VAL_ALLOW_LEGACY15 : 0, norm, sizeof norm,
				&reason) < 0)
		return INTAKE_SB_PENDING;
	if (val_id_info(kind, norm, &g, b) != 0)
		return INTAKE_SB_TYPED; /* an old 永久居留身份证 number */
	if (gender)
		*gender = g;
	if (birth)
		snprintf(birth, 11, "%s", b);
	return INTAKE_SB_NUMBER;
}

/* Every natural person has a sex and a birth date: read from the number
 * where it encodes them, typed for every other document (passports, 港澳
 * and 台湾 permits, other). */
static void check_sex_birth(struct intake_result *res, const struct config *cfg, const struct intake_person *p,
			    int kind, int i)
{
	char f[48];
	tj_day d;

	if (kind < 0 || kind == VAL_USCC || kind == VAL_PHONE)
		return; /* the document kind is already the problem */
	char g = 0, birth[11];
	int enc = intake_sex_birth(cfg, p->id_type, p->id_no, &g, birth);
	if (enc == INTAKE_SB_PENDING)
		return; /* the number is the problem */
	if (enc == INTAKE_SB_NUMBER) {
		/* read from the number; given anyway, they must agree with it */
		snprintf(f, sizeof f, "applicant[%d].gender", i);
		if (!blank(p->gender) && (p->gender[0] != g || p->gender[1]))
			problem(res, f, "性别与证件号码不符（号码为%s）", g == 'M' ? "男" : "女");
		snprintf(f, sizeof f, "applicant[%d].birth_date", i);
		if (!blank(p->birth_date) && strcmp(p->birth_date, birth) != 0)
			problem(res, f, "出生日期与证件号码不符（号码为%s）", birth);
		return;
	}
	snprintf(f, sizeof f, "applicant[%d].gender", i);
	if (blank(p->gender))
		problem(res, f, "请选择性别（%s不含性别）", val_kind_name(kind));
	else if (strcmp(p->gender, "M") != 0 && strcmp(p->gender, "F") != 0)
		problem(res, f, "性别应为男或女");
	snprintf(f, sizeof f, "applicant[%d].birth_date", i);
	if (blank(p->birth_date)) {
		problem(res, f, "请填写出生日期，如1990-01-31（%s不含出生日期）", val_kind_name(kind));
		return;
	}
	tj_error_clear();
	if (date_parse_as(p->birth_date, "出生日期", &d) < 0) {
		problem(res, f, "%s", tj_errmsg());
		return;
	}
	if (d > tj_today())
		problem(res, f, "出生日期不能晚于今天");
	else if (d < date_from_ymd(1900, 1, 1))
		problem(res, f, "出生日期不能早于1900年");
}

/* A choice of the vocabulary: given and one of its codes. */
static int word_ok(struct intake_result *res, const char *field, enum vocab_kind k, const char *kw,
		   const char *what)
{
	if (!blank(kw) && vocab_index(k, kw) >= 0)
		return 1;
	char *all = vocab_join_labels(k, "、");
	problem(res, field, "请选择%s（%s）", what, all);
	free(all);
	return 0;
}

/* One agent of a party, the j-th (from 0); party is its field prefix. */
static void check_agent(struct intake_result *res, const char *party, int j, const struct intake_agent *a)
{
	char f[96], norm[64]; /* the field name fits struct intake_problem's 48 */
	const char *reason;

	snprintf(f, sizeof f, "%s.agents[%d].name", party, j);
	if (text_ok(res, f, "代理人姓名", a->name, 1, 50, 0) && blank(a->name))
		problem(res, f, "请填写代理人姓名");
	snprintf(f, sizeof f, "%s.agents[%d].kind", party, j);
	word_ok(res, f, VOCAB_AGENT, a->kind, "代理人类别");
	snprintf(f, sizeof f, "%s.agents[%d].org", party, j);
	text_ok(res, f, "代理人所在单位", a->org, 0, 100, 0);
	snprintf(f, sizeof f, "%s.agents[%d].phone", party, j);
	if (!blank(a->phone) && val_check(VAL_PHONE, a->phone, 0, norm, sizeof norm, &reason) < 0)
		problem(res, f, "代理人电话：%s", reason);
	snprintf(f, sizeof f, "%s.agents[%d].authority", party, j);
	int special = word_ok(res, f, VOCAB_AUTHORITY, a->authority, "代理权限") &&
		      strcmp(a->authority, "special") == 0;
	snprintf(f, sizeof f, "%s.agents[%d].scope", party, j);
	if (!text_ok(res, f, "授权范围", a->scope, 0, 300, 0))
		return;
	if (special && blank(a->scope))
		problem(res, f, "特别授权须写明授权范围（如代为承认、放弃、变更请求，进行和解）");
	else if (!special && !blank(a->scope) && !blank(a->authority) &&
		 vocab_index(VOCAB_AUTHORITY, a->authority) >= 0)
		problem(res, f, "一般授权不写授权范围；代为承认、放弃、变更请求或和解须特别授权");
}

/* The agents of a party; party is its field prefix ("applicant[0]"). */
static void check_agents(struct intake_result *res, const char *party, const struct intake_agent *v, int n)
{
	if (n > INTAKE_MAX_AGENTS) {
		char f[96];
		snprintf(f, sizeof f, "%s.agents", party);
		problem(res, f, "每名当事人最多委托%d名代理人（现有%d名）", INTAKE_MAX_AGENTS, n);
		return;
	}
	for (int j = 0; v && j < n; j++)
		check_agent(res, party, j, &v[j]);
}

int intake_check_agent(const char *party, int j, const struct intake_agent *a, struct intake_result *res)
{
	memset(res, 0, sizeof *res);
	check_agent(res, party, j, a);
	return res->nproblems;
}

static void check_person(struct intake_result *res, const struct config *cfg, const struct intake_person *p,
			 int i)
{
	char f[48];
	char norm[128];
	const char *reason;
	int kind = val_kind_from_keyword(p->id_type ? p->id_type : "");

	snprintf(f, sizeof f, "applicant[%d].id_type", i);
	if (kind < 0 || kind == VAL_USCC || kind == VAL_PHONE)
		problem(res, f, "请选择证件类型");
	snprintf(f, sizeof f, "applicant[%d].id_no", i);
	if (kind >= 0 && kind != VAL_USCC && kind != VAL_PHONE) {
		if (blank(p->id_no))
			problem(res, f, "请填写证件号码");
		else if (val_check(kind, p->id_no, cfg->legacy_id15 ? VAL_ALLOW_LEGACY15 : 0, norm, sizeof norm,
				   &reason) < 0)
			problem(res, f, "%s号码：%s", val_kind_name(kind), reason);
	}
	snprintf(f, sizeof f, "applicant[%d].name", i);
	if (text_ok(res, f, "申请人姓名", p->name, 1, 50, 0) && blank(p->name))
		problem(res, f, "请填写申请人姓名");
	snprintf(f, sizeof f, "applicant[%d].nationality", i);
	if (kind == VAL_PASSPORT && blank(p->nationality))
		problem(res, f, "护照持有人须填写国籍");
	else
		text_ok(res, f, "国籍", p->nationality, 0, 30, 0);
	snprintf(f, sizeof f, "applicant[%d].phone", i);
	if (blank(p->phone))
		problem(res, f, "请填写申请人联系电话（用于确认请求和通知）");
	else if (val_check(VAL_PHONE, p->phone, 0, norm, sizeof norm, &reason) < 0)
		problem(res, f, "联系电话：%s", reason);
	snprintf(f, sizeof f, "applicant[%d].address", i);
	text_ok(res, f, "地址", p->address, 0, 200, 0);
	check_sex_birth(res, cfg, p, kind, i);
	snprintf(f, sizeof f, "applicant[%d].household", i);
	if (!blank(p->household) && strcmp(p->household, "urban") != 0 && strcmp(p->household, "rural") != 0)
		problem(res, f, "户籍类型应为城镇或农村");
	snprintf(f, sizeof f, "applicant[%d].occupation", i);
	text_ok(res, f, "职业/岗位", p->occupation, 0, 50, 0);
	snprintf(f, sizeof f, "applicant[%d]", i);
	check_agents(res, f, p->agents, p->nagents);
}

/* A respondent's kind keyword: "employer" when not given. */
static const char *respondent_kind(const struct intake_employer *e)
{
	return blank(e->kind) ? "employer" : e->kind;
}

static int is_individual(const struct intake_employer *e)
{
	return strcmp(respondent_kind(e), "individual") == 0;
}

static void check_employer(struct intake_result *res, const struct config *cfg, const struct intake_employer *e,
			   int i)
{
	char f[48];
	char norm[128];
	const char *reason;

	snprintf(f, sizeof f, "respondent[%d].kind", i);
	if (!blank(e->kind))
		word_ok(res, f, VOCAB_RESPONDENT, e->kind, "被申请人类别");
	if (is_individual(e)) {
		/* a natural person: identified by a document, as an applicant is */
		int kind = val_kind_from_keyword(e->id_type ? e->id_type : "");
		snprintf(f, sizeof f, "respondent[%d].id_type", i);
		if (kind < 0 || kind == VAL_USCC || kind == VAL_PHONE)
			problem(res, f, "请选择个人被申请人的证件类型");
		snprintf(f, sizeof f, "respondent[%d].id_no", i);
		if (kind >= 0 && kind != VAL_USCC && kind != VAL_PHONE) {
			if (blank(e->id_no))
				problem(res, f, "请填写个人被申请人的证件号码");
			else if (val_check(kind, e->id_no, cfg->legacy_id15 ? VAL_ALLOW_LEGACY15 : 0, norm,
					   sizeof norm, &reason) < 0)
				problem(res, f, "%s号码：%s", val_kind_name(kind), reason);
		}
		snprintf(f, sizeof f, "respondent[%d].uscc", i);
		if (!blank(e->uscc))
			problem(res, f, "个人被申请人没有统一社会信用代码（单位请选择其类别）");
		snprintf(f, sizeof f, "respondent[%d].name", i);
		if (text_ok(res, f, "被申请人姓名", e->name, 1, 50, 0) && blank(e->name))
			problem(res, f, "请填写被申请人姓名");
		snprintf(f, sizeof f, "respondent[%d].legal_rep", i);
		if (!blank(e->legal_rep))
			problem(res, f, "个人被申请人没有法定代表人");
		snprintf(f, sizeof f, "respondent[%d].legal_rep_title", i);
		if (!blank(e->legal_rep_title))
			problem(res, f, "个人被申请人没有法定代表人职务");
	} else {
		snprintf(f, sizeof f, "respondent[%d].id_no", i);
		if (!blank(e->id_no))
			problem(res, f, "单位被申请人不填证件号码（自然人请选择类别「%s」）",
				vocab_label(VOCAB_RESPONDENT, "individual"));
		snprintf(f, sizeof f, "respondent[%d].uscc", i);
		if (!blank(e->uscc) && val_check(VAL_USCC, e->uscc, 0, norm, sizeof norm, &reason) < 0)
			problem(res, f, "统一社会信用代码：%s", reason);
		snprintf(f, sizeof f, "respondent[%d].name", i);
		if (text_ok(res, f, "被申请人名称", e->name, 1, 100, 0) && blank(e->name))
			problem(res, f, "请填写被申请人名称");
		snprintf(f, sizeof f, "respondent[%d].legal_rep", i);
		text_ok(res, f, "法定代表人", e->legal_rep, 0, 50, 0);
		snprintf(f, sizeof f, "respondent[%d].legal_rep_title", i);
		text_ok(res, f, "法定代表人职务", e->legal_rep_title, 0, 30, 0);
	}
	snprintf(f, sizeof f, "respondent[%d].address", i);
	text_ok(res, f, "地址", e->address, 0, 200, 0);
	snprintf(f, sizeof f, "respondent[%d].phone", i);
	if (!blank(e->phone) && val_check(VAL_PHONE, e->phone, 0, norm, sizeof norm, &reason) < 0)
		problem(res, f, "被申请人电话：%s", reason);
	snprintf(f, sizeof f, "respondent[%d].district", i);
	if (text_ok(res, f, "所在区", e->district, 0, 30, 0) && !blank(e->district) && cfg && cfg->ndistricts > 0) {
		/* the statistics count by district: one of the court's, or none
		 * (an employer outside its area) */
		int known = 0;
		for (int d = 0; d < cfg->ndistricts && !known; d++)
			known = strcmp(e->district, cfg->districts[d]) == 0;
		if (!known)
			problem(res, f, "所在区「%s」不是本院辖区的区县，请按 F4 从列表中选择（辖区外的单位不填）", e->district);
	}
	snprintf(f, sizeof f, "respondent[%d].industry", i);
	text_ok(res, f, "行业", e->industry, 0, 30, 0);
	snprintf(f, sizeof f, "respondent[%d]", i);
	check_agents(res, f, e->agents, e->nagents);
}

/* Two respondents that are one: the same credit code, the same name
 * without one, or (individuals) the same document. */
static int same_respondent(const struct config *cfg, const struct intake_employer *a,
			   const struct intake_employer *b)
{
	char na[128], nb[128];
	const char *reason;

	if (is_individual(a) != is_individual(b))
		return 0;
	if (is_individual(a)) {
		int kind = val_kind_from_keyword(a->id_type ? a->id_type : "");
		unsigned flags = cfg->legacy_id15 ? VAL_ALLOW_LEGACY15 : 0;
		if (kind < 0 || !b->id_type || strcmp(a->id_type, b->id_type) != 0 || !a->id_no || !b->id_no)
			return 0;
		return val_check(kind, a->id_no, flags, na, sizeof na, &reason) == 0 &&
		       val_check(kind, b->id_no, flags, nb, sizeof nb, &reason) == 0 && strcmp(na, nb) == 0;
	}
	if (!blank(a->uscc) || !blank(b->uscc))
		return !blank(a->uscc) && !blank(b->uscc) &&
		       val_check(VAL_USCC, a->uscc, 0, na, sizeof na, &reason) == 0 &&
		       val_check(VAL_USCC, b->uscc, 0, nb, sizeof nb, &reason) == 0 && strcmp(na, nb) == 0;
	return a->name && b->name && !blank(a->name) && strcmp(a->name, b->name) == 0;
}

int64_t intake_claim_total(const struct intake_claim *c)
{
	int64_t fen = 0, total = 0;
	const char *reason;

	if (c->nshares <= 0 || !c->shares) {
		if (blank(c->amount))
			return 0;
		return money_parse(c->amount, &fen, &reason) < 0 ? -1 : fen;
	}
	for (int j = 0; j < c->nshares; j++) {
		if (blank(c->shares[j].amount) || money_parse(c->shares[j].amount, &fen, &reason) < 0)
			return -1;
		total += fen;
		if (total > MONEY_MAX_FEN)
			return -1;
	}
	if (!blank(c->undivided)) {
		if (money_parse(c->undivided, &fen, &reason) < 0)
			return -1;
		total += fen;
		if (total > MONEY_MAX_FEN)
			return -1;
	}
	return total;
}

/* A claim's respondents, its joint liability and its per-worker amounts. */
static void check_claim_parties(struct intake_result *res, const struct intake *in, int i)
{
	const struct intake_claim *c = &in->claims[i];
	char f[48], a[32], b[32];
	const char *reason;

	snprintf(f, sizeof f, "claims[%d].against", i);
	if (c->nagainst > 0 && !c->against) {
		problem(res, f, "第%d项请求未指明被申请人", i + 1);
	} else {
		int bad = 0;
		for (int j = 0; j < c->nagainst && !bad; j++) {
			int r = c->against[j];
			if (r < 1 || r > in->nrespondents) {
				problem(res, f, "第%d项请求所列被申请人%d不存在（共%d个被申请人）", i + 1, r,
					in->nrespondents);
				bad = 1;
			}
			for (int k = 0; k < j && !bad; k++)
				if (c->against[k] == r) {
					problem(res, f, "第%d项请求重复列出被申请人%d", i + 1, r);
					bad = 1;
				}
		}
	}
	int against = c->nagainst > 0 ? c->nagainst : in->nrespondents;
	snprintf(f, sizeof f, "claims[%d].joint", i);
	if (c->joint && against < 2)
		problem(res, f, "第%d项请求：连带责任须由两个以上被申请人承担", i + 1);

	if (c->nshares <= 0)
		return;
	if (!c->shares) {
		snprintf(f, sizeof f, "claims[%d].per_worker", i);
		problem(res, f, "第%d项请求的各申请人金额缺失", i + 1);
		return;
	}
	int64_t total = 0;
	int bad = 0;
	for (int j = 0; j < c->nshares; j++) {
		const struct intake_share *sh = &c->shares[j];
		int64_t fen;
		snprintf(f, sizeof f, "claims[%d].per_worker[%d]", i, j);
		if (sh->applicant < 1 || sh->applicant > in->napplicants) {
			problem(res, f, "第%d项请求：申请人%d不存在（共%d名申请人）", i + 1, sh->applicant,
				in->napplicants);
			bad = 1;
			continue;
		}
		for (int k = 0; k < j; k++)
			if (c->shares[k].applicant == sh->applicant) {
				problem(res, f, "第%d项请求：申请人%d的金额重复", i + 1, sh->applicant);
				bad = 1;
			}
		if (blank(sh->amount)) {
			problem(res, f, "第%d项请求：请填写申请人%d的金额", i + 1, sh->applicant);
			bad = 1;
		} else if (money_parse(sh->amount, &fen, &reason) < 0) {
			problem(res, f, "第%d项请求申请人%d的金额：%s", i + 1, sh->applicant, reason);
			bad = 1;
		} else {
			total += fen;
			if (total > MONEY_MAX_FEN) {
				problem(res, f, "第%d项请求：各申请人金额合计过大", i + 1);
				return;
			}
		}
	}
	if (bad)
		return;
	/* the part not divided among the workers (collective.h): what a case
	 * registered with one amount for all of them keeps until divided */
	int64_t typed, undivided = 0;
	if (!blank(c->undivided)) {
		snprintf(f, sizeof f, "claims[%d].undivided", i);
		if (money_parse(c->undivided, &undivided, &reason) < 0) {
			problem(res, f, "第%d项请求的未分列金额：%s", i + 1, reason);
			return;
		}
		total += undivided;
		if (total > MONEY_MAX_FEN) {
			problem(res, f, "第%d项请求：各申请人金额合计过大", i + 1);
			return;
		}
	}
	snprintf(f, sizeof f, "claims[%d].amount", i);
	if (!blank(c->amount) && money_parse(c->amount, &typed, &reason) == 0 && typed != total)
		problem(res, f, "第%d项请求金额%s元与各申请人金额%s合计%s元不一致", i + 1,
			money_format(typed, a, sizeof a), undivided ? "及未分列金额" : "", money_format(total, b, sizeof b));
}

/* 调解仲裁法 §7: the workers of a collective dispute MAY elect
 * representatives, 2 to 5 of them; none yet is a case registered at the
 * window before the election (the collective screen records it later,
 * and the documents have every worker sign meanwhile).  A case of fewer
 * workers has none. */
static void check_representatives(struct intake_result *res, const struct config *cfg, const struct intake *in)
{
	char f[48];
	int n = 0;

	for (int i = 0; i < in->napplicants; i++)
		n += in->applicants[i].representative != 0;
	if (in->napplicants >= cfg->collective_threshold) {
		if (n > 0 && (n < INTAKE_MIN_REPRESENTATIVES || n > INTAKE_MAX_REPRESENTATIVES))
			problem(res, "representatives", "集体争议（%d名劳动者）推举代表的，须为%d至%d名，现为%d名",
				in->napplicants, INTAKE_MIN_REPRESENTATIVES, INTAKE_MAX_REPRESENTATIVES, n);
		return;
	}
	for (int i = 0; i < in->napplicants; i++)
		if (in->applicants[i].representative) {
			snprintf(f, sizeof f, "applicant[%d].representative", i);
			problem(res, f, "申请人不足%d名，不是集体争议，无须推举代表", cfg->collective_threshold);
		}
}

/* Two applicants with the same document, compared after normalisation. */
static int same_document(const struct config *cfg, const struct intake_person *a, const struct intake_person *b)
{
	char na[128], nb[128];
	const char *reason;
	unsigned flags = cfg->legacy_id15 ? VAL_ALLOW_LEGACY15 : 0;
	int kind = val_kind_from_keyword(a->id_type ? a->id_type : "");

	if (kind < 0 || !b->id_type || strcmp(a->id_type, b->id_type) != 0 || !a->id_no || !b->id_no)
		return 0;
	if (val_check(kind, a->id_no, flags, na, sizeof na, &reason) < 0 ||
	    val_check(kind, b->id_no, flags, nb, sizeof nb, &reason) < 0)
		return 0;
	return strcmp(na, nb) == 0;
}

int intake_check(struct db *db, const struct config *cfg, const struct intake *in, struct intake_result *res)
{
	char f[48];
	tj_day d;

	res->nproblems = 0;
	if (!channel_valid(in->channel)) {
		char *all = vocab_join_labels(VOCAB_CHANNEL, "、");
		problem(res, "channel", "请选择申请渠道（%s）", all);
		free(all);
	}
	if (in->received && *in->received) {
		if (date_parse_as(in->received, "收件日期", &d) < 0)
			problem(res, "received", "%s", tj_errmsg());
		else if (d > tj_today())
			problem(res, "received", "收件日期不能晚于今天");
		else if (d < date_from_ymd(2000, 1, 1))
			problem(res, "received", "收件日期过早");
	}
	text_ok(res, "facts", "事实与理由", in->facts, 1, INTAKE_MAX_FACTS_CHARS, 1);
	if (in->napplicants < 1)
		problem(res, "applicants", "至少需要一名申请人");
	else if (in->napplicants > INTAKE_MAX_PARTIES)
		problem(res, "applicants", "申请人过多（最多%d人）", INTAKE_MAX_PARTIES);
	else
		for (int i = 0; i < in->napplicants; i++) {
			check_person(res, cfg, &in->applicants[i], i);
			for (int j = 0; j < i; j++)
				if (same_document(cfg, &in->applicants[i], &in->applicants[j])) {
					snprintf(f, sizeof f, "applicant[%d].id_no", i);
					problem(res, f, "与第%d名申请人证件号码重复", j + 1);
				}
		}
	if (in->napplicants >= 1 && in->napplicants <= INTAKE_MAX_PARTIES)
		check_representatives(res, cfg, in);
	if (in->nrespondents < 1)
		problem(res, "respondents", "至少需要一个被申请人（用人单位）");
	else if (in->nrespondents > INTAKE_MAX_RESPONDENTS)
		problem(res, "respondents", "被申请人过多（最多%d个）", INTAKE_MAX_RESPONDENTS);
	else
		for (int i = 0; i < in->nrespondents; i++) {
			check_employer(res, cfg, &in->respondents[i], i);
			for (int j = 0; j < i; j++)
				if (same_respondent(cfg, &in->respondents[i], &in->respondents[j])) {
					snprintf(f, sizeof f, "respondent[%d].name", i);
					problem(res, f, "与第%d个被申请人相同", j + 1);
				}
		}
	if (in->nclaims < 1)
		problem(res, "claims", "至少需要一项请求事项");
	else if (in->nclaims > INTAKE_MAX_CLAIMS)
		problem(res, "claims", "请求事项过多（最多%d项）", INTAKE_MAX_CLAIMS);
	else
		for (int i = 0; i < in->nclaims; i++) {
			const struct intake_claim *c = &in->claims[i];
			snprintf(f, sizeof f, "claims[%d].cause", i);
			if (!c->cause || strlen(c->cause) != 4) {
				problem(res, f, "第%d项请求须选择二级案由", i + 1);
			} else {
				int found = db_cause_get(db, c->cause, NULL);
				if (found < 0)
					return -1;
				if (!found)
					problem(res, f, "第%d项请求的案由代码 %s 不存在", i + 1, c->cause);
			}
			snprintf(f, sizeof f, "claims[%d].text", i);
			if (text_ok(res, f, "请求内容", c->text, 1, INTAKE_MAX_CLAIM_CHARS, 0) && blank(c->text))
				problem(res, f, "请填写第%d项请求内容", i + 1);
			snprintf(f, sizeof f, "claims[%d].amount", i);
			if (!blank(c->amount)) {
				int64_t fen;
				const char *reason;
				if (money_parse(c->amount, &fen, &reason) < 0)
					problem(res, f, "第%d项请求：%s", i + 1, reason);
			}
			if (in->nrespondents >= 1 && in->nrespondents <= INTAKE_MAX_RESPONDENTS &&
			    in->napplicants >= 1 && in->napplicants <= INTAKE_MAX_PARTIES)
				check_claim_parties(res, in, i);
		}
	if (in->nevidence > INTAKE_MAX_EVIDENCE)
		problem(res, "evidence", "证据过多（最多%d项）", INTAKE_MAX_EVIDENCE);
	else
		for (int i = 0; i < in->nevidence; i++) {
			struct evidence_row e;
			const char *which;
			char today[11];
			date_format(tj_today(), today);
			tj_error_clear();
			if (evidence_check(&in->evidence[i], NULL, today, tj_today(), &e, &which) < 0) {
				snprintf(f, sizeof f, "evidence[%d].%s", i, which);
				problem(res, f, "第%d项证据：%s", i + 1, tj_errmsg());
			}
		}
	res->collective = in->napplicants >= cfg->collective_threshold;
	return res->nproblems;
}

int intake_archive_event(struct db *db, const struct actor *who, int64_t case_id, const char *entity, int64_t id,
			 const char *changes, const char *now)
{
	struct event_rec e = {
		.at = now,
		.user_id = who->user_id,
		.case_id = case_id,
		.entity = entity,
		.entity_id = id,
		.action = changes ? "update" : "create",
		.after = changes ? changes : "",
	};
	return db_event_add(db, &e);
}

void intake_person_norm(const struct config *cfg, const struct intake_person *p, struct person_norm *out)
{
	int kind = val_kind_from_keyword(p->id_type);
	char gender = 0;
	const char *reason;

	memset(out, 0, sizeof *out);
	val_check(kind, p->id_no, cfg->legacy_id15 ? VAL_ALLOW_LEGACY15 : 0, out->id_no, sizeof out->id_no, &reason);
	/* an individual respondent's phone may be left out: the archive's stays */
	if (!blank(p->phone))
		val_check(VAL_PHONE, p->phone, 0, out->phone, sizeof out->phone, &reason);
	if (val_id_info(kind, out->id_no, &gender, out->birth) == 0) {
		out->gender[0] = gender;
	} else {
		/* typed (intake_check made sure they are there and valid) */
		out->birth[0] = '\0';
		if (!blank(p->gender))
			snprintf(out->gender, sizeof out->gender, "%s", p->gender);
		if (!blank(p->birth_date))
			snprintf(out->birth, sizeof out->birth, "%s", p->birth_date);
	}
	out->rec = (struct person_rec){
		.id_type = p->id_type,
		.id_no = out->id_no,
		.name = p->name,
		.gender = out->gender[0] ? out->gender : NULL,
		.birth_date = out->birth[0] ? out->birth : NULL,
		.nationality = blank(p->nationality) ? NULL : p->nationality,
		.phone = out->phone[0] ? out->phone : NULL,
		.address = blank(p->address) ? NULL : p->address,
		.household = blank(p->household) ? NULL : p->household,
		.occupation = blank(p->occupation) ? NULL : p->occupation,
	};
}

void intake_employer_norm(const struct intake_employer *e, struct employer_norm *out)
{
	const char *reason;

	memset(out, 0, sizeof *out);
	if (!blank(e->uscc))
		val_check(VAL_USCC, e->uscc, 0, out->uscc, sizeof out->uscc, &reason);
	if (!blank(e->phone))
		val_check(VAL_PHONE, e->phone, 0, out->phone, sizeof out->phone, &reason);
	out->rec = (struct employer_rec){
		.uscc = out->uscc[0] ? out->uscc : NULL,
		.name = e->name,
		.legal_rep = e->legal_rep,
		.legal_rep_title = e->legal_rep_title,
		.address = e->address,
		.phone = out->phone[0] ? out->phone : NULL,
		.district = e->district,
		.industry = e->industry,
	};
}

/* Write a checked applicant to the worker archive (P档): normalised ID and
 * phone, gender and birth date from the ID where it encodes them.
 * Returns db_person_upsert's result; *id and *changes as it sets them. */
static int archive_person(struct db *db, const struct config *cfg, const struct intake_person *p,
			  const char *now, int64_t *id, char **changes)
{
	struct person_norm n;

	intake_person_norm(cfg, p, &n);
	int rc = db_person_upsert(db, &n.rec, now, changes);
	*id = n.rec.id;
	return rc;
}

/* The agents of a party (checked), numbered from 1. */
static int save_agents(struct db *db, int64_t case_id, const char *role, int party_ord,
		       const struct intake_agent *v, int n)
{
	for (int j = 0; v && j < n; j++) {
		const struct intake_agent *a = &v[j];
		char phone[64] = "";
		const char *reason;
		if (!blank(a->phone))
			val_check(VAL_PHONE, a->phone, 0, phone, sizeof phone, &reason);
		struct agent_row r = {.case_id = case_id, .role = role, .party_ord = party_ord, .ord = j + 1,
				      .name = a->name, .kind = a->kind, .org = blank(a->org) ? "" : a->org,
				      .phone = phone, .authority = a->authority,
				      .scope = blank(a->scope) ? "" : a->scope};
		if (db_case_agent_add(db, &r) < 0)
			return -1;
	}
	return 0;
}

static int save(struct db *db, const struct config *cfg, const struct actor *who, const struct intake *in,
		struct intake_result *res, const char *now, tj_day received)
{
	int64_t *person_ids = xcalloc((size_t)in->napplicants, sizeof *person_ids);
	int64_t *employer_ids = xcalloc((size_t)in->nrespondents, sizeof *employer_ids);
	char recv[11];
	int y, m, d, rc = -1;
	int64_t seq;
	char *case_no = NULL;

	date_format(received, recv);
	date_to_ymd(received, &y, &m, &d);

	/* Archives first: a known person or employer is updated in place and
	 * the change goes to the event log after the case exists. */
	char **pchanges = xcalloc((size_t)in->napplicants, sizeof *pchanges);
	char **echanges = xcalloc((size_t)in->nrespondents, sizeof *echanges);
	int *pnew = xcalloc((size_t)in->napplicants, sizeof *pnew);
	int *enew = xcalloc((size_t)in->nrespondents, sizeof *enew);
	for (int i = 0; i < in->napplicants; i++) {
		int created = archive_person(db, cfg, &in->applicants[i], now, &person_ids[i], &pchanges[i]);
		if (created < 0)
			goto out;
		pnew[i] = created;
	}
	for (int i = 0; i < in->nrespondents; i++) {
		const struct intake_employer *e = &in->respondents[i];
		if (is_individual(e)) {
			/* a natural person: the worker archive, as applicants */
			struct intake_person ip = {.id_type = e->id_type, .id_no = e->id_no, .name = e->name,
						   .phone = e->phone, .address = e->address};
			int created = archive_person(db, cfg, &ip, now, &employer_ids[i], &echanges[i]);
			if (created < 0)
				goto out;
			enew[i] = created;
			continue;
		}
		struct employer_norm en;
		intake_employer_norm(e, &en);
		int created = db_employer_upsert(db, &en.rec, now, &echanges[i]);
		if (created < 0)
			goto out;
		enew[i] = created;
		employer_ids[i] = en.rec.id;
	}

	if (db_case_seq_next(db, y, &seq) < 0)
		goto out;
	case_no = casenum_format(cfg->case_number_pattern, cfg->court_abbr, y, seq);
	if (!case_no)
		goto out;
	/* the arbitration court decides on acceptance within
	 * arbitration_days of receipt (调解仲裁法 §29): the first deadline */
	struct holidays hol;
	char deadline[11];
	holidays_init(&hol);
	if (holidays_from_db(db, &hol) < 0) {
		holidays_free(&hol);
		goto out;
	}
	date_format(deadline_compute(&hol, received, cfg->arbitration_days, cfg->arbitration_kind), deadline);
	holidays_free(&hol);
	struct case_row c = {
		.deadline = deadline,
		.case_no = case_no,
		.year = y,
		.seq = seq,
		.channel = in->channel,
		.received = recv,
		.facts = in->facts,
		.status = "registered",
		.collective = res->collective,
		.last_event_at = now,
		.created_by = who->user_id,
		.updated_at = now,
	};
	if (db_case_insert(db, &c) < 0)
		goto out;
	if (in->external_id && *in->external_id && db_case_set_external_id(db, c.id, in->external_id) < 0)
		goto out;
	for (int i = 0; i < in->napplicants; i++) {
		const struct intake_person *p = &in->applicants[i];
		struct party_row pr = {.case_id = c.id, .role = "applicant", .ord = i + 1,
				       .person_id = person_ids[i], .representative = p->representative != 0};
		if (db_case_party_insert(db, &pr) < 0 || save_agents(db, c.id, "applicant", i + 1, p->agents,
								     p->nagents) < 0)
			goto out;
	}
	for (int i = 0; i < in->nrespondents; i++) {
		const struct intake_employer *e = &in->respondents[i];
		int ind = is_individual(e);
		struct party_row pr = {.case_id = c.id, .role = "respondent", .ord = i + 1,
				       .person_id = ind ? employer_ids[i] : 0, .employer_id = ind ? 0 : employer_ids[i],
				       .kind = respondent_kind(e)};
		if (db_case_party_insert(db, &pr) < 0 || save_agents(db, c.id, "respondent", i + 1, e->agents,
								     e->nagents) < 0)
			goto out;
	}
	for (int i = 0; i < in->nclaims; i++) {
		const struct intake_claim *ic = &in->claims[i];
		const char *reason;
		struct strbuf against;
		sb_init(&against);
		for (int j = 0; j < ic->nagainst; j++)
			sb_printf(&against, "%s%d", j ? "," : "", ic->against[j]);
		struct claim_row cr = {
			.case_id = c.id,
			.ord = i + 1,
			.cause = ic->cause,
			.text = ic->text,
			.amount_fen = intake_claim_total(ic), /* checked: not -1 */
			.agreed_fen = -1,
			.against = against.len ? against.buf : NULL,
			.joint = ic->joint != 0,
		};
		int rc_claim = db_claim_add(db, &cr);
		sb_free(&against);
		if (rc_claim < 0)
			goto out;
		for (int j = 0; j < ic->nshares; j++) {
			int64_t fen = 0;
			money_parse(ic->shares[j].amount, &fen, &reason);
			if (db_claim_share_add(db, c.id, i + 1, ic->shares[j].applicant, fen) < 0)
				goto out;
		}
	}
	struct event_rec ev = {
		.at = now,
		.user_id = who->user_id,
		.case_id = c.id,
		.entity = "case",
		.entity_id = c.id,
		.action = "register",
		.before = "",
		.after = "registered",
	};
	if (db_event_add(db, &ev) < 0)
		goto out;
	/* the evidence handed in with the application: each item its row
	 * and its event, as when added on the case later (ACT_EVIDENCE) */
	for (int i = 0; i < in->nevidence; i++) {
		struct evidence_row er = {.case_id = c.id};
		const char *which;
		if (evidence_check(&in->evidence[i], NULL, recv, tj_today(), &er, &which) < 0 ||
		    db_evidence_add(db, &er) < 0)
			goto out;
		struct strbuf sb;
		sb_init(&sb);
		evidence_describe(&sb, er.ord, &er);
		struct event_rec eev = ev;
		eev.action = action_keyword(ACT_EVIDENCE);
		eev.after = sb.buf;
		int erc = db_event_add(db, &eev);
		sb_free(&sb);
		if (erc < 0)
			goto out;
	}
	for (int i = 0; i < in->napplicants; i++)
		if ((pnew[i] || pchanges[i]) &&
		    intake_archive_event(db, who, c.id, "person", person_ids[i], pchanges[i], now) < 0)
			goto out;
	for (int i = 0; i < in->nrespondents; i++)
		if ((enew[i] || echanges[i]) &&
		    intake_archive_event(db, who, c.id, is_individual(&in->respondents[i]) ? "person" : "employer",
				  employer_ids[i], echanges[i], now) < 0)
			goto out;
	res->case_id = c.id;
	res->case_no = case_no;
	case_no = NULL;
	rc = 0;
out:
	for (int i = 0; i < in->napplicants; i++)
		free(pchanges[i]);
	for (int i = 0; i < in->nrespondents; i++)
		free(echanges[i]);
	free(pchanges);
	free(echanges);
	free(pnew);
	free(enew);
	free(person_ids);
	free(employer_ids);
	free(case_no);
	return rc;
}

int intake_register(struct db *db, const struct config *cfg, const struct actor *who, const struct intake *in,
		    struct intake_result *res)
{
	const char *reason;
	struct case_state none = {0};
	char now[20];
	tj_day received;

	res->case_no = NULL;
	res->case_id = 0;
	if (lifecycle_check(ACT_REGISTER, &none, who, &reason) < 0) {
		tj_error("%s", reason);
		return -1;
	}
	if (intake_check(db, cfg, in, res) != 0) {
		if (res->nproblems > 0)
			tj_error("申请有%d处需要更正：%s", res->nproblems, res->problems[0].msg);
		return -1;
	}
	tj_now_str(now);
	received = tj_today();
	if (in->received && *in->received)
		date_parse(in->received, &received);
	if (db_begin(db) < 0)
		return -1;
	if (save(db, cfg, who, in, res, now, received) < 0 ||
	    (in->draft_id > 0 && db_draft_delete(db, who->user_id, in->draft_id) < 0)) {
		char msg[1024];
		snprintf(msg, sizeof msg, "%s", tj_errmsg());
		db_rollback(db);
		tj_error("保存失败，未写入任何数据：%s", msg);
		return -1;
	}
	if (db_commit(db) < 0) {
		free(res->case_no);
		res->case_no = NULL;
		return -1;
	}
	return 0;
}

void intake_result_free(struct intake_result *res)
{
	free(res->case_no);
	res->case_no = NULL;
}

/* ---- what saving would change in the archives ------------------------------ */

/* A particular the archive would take: blank keeps what it has (as
 * db_person_upsert and db_employer_upsert do), equal is no change. */
static void note_change(struct intake_changes *out, const char *field, const char *label, const char *old,
			const char *new, enum vocab_kind words)
{
	if (blank(new) || strcmp(old ? old : "", new) == 0 || out->n >= (int)TJ_ARRAY_LEN(out->v))
		return;
	struct intake_change *c = &out->v[out->n++];
	const char *o = old && *old && words != VOCAB_KIND_COUNT ? vocab_label(words, old) : NULL;
	const char *n = words != VOCAB_KIND_COUNT ? vocab_label(words, new) : NULL;
	snprintf(c->field, sizeof c->field, "%s", field);
	c->label = label;
	snprintf(c->old, sizeof c->old, "%s", o ? o : old ? old : "");
	snprintf(c->new, sizeof c->new, "%s", n ? n : new);
}

static int person_changes(struct db *db, const struct config *cfg, const struct actor *who,
			  const struct intake_person *p, int i, struct intake_changes *out)
{
	int kind = val_kind_from_keyword(p->id_type ? p->id_type : "");
	char idno[128], phone[64], f[48], g[2] = "", birth[11] = "";
	const char *reason;
	struct person_full pf;

	if (kind < 0 || kind == VAL_USCC || kind == VAL_PHONE || !p->id_no ||
	    val_check(kind, p->id_no, cfg->legacy_id15 ? VAL_ALLOW_LEGACY15 : 0, idno, sizeof idno, &reason) < 0)
		return 0; /* no archive row to speak of yet */
	int found = archive_person_find(db, who, p->id_type, idno, &pf);
	if (found <= 0)
		return found;
	switch (intake_sex_birth(cfg, p->id_type, idno, g, birth)) {
	case INTAKE_SB_TYPED:
		snprintf(g, sizeof g, "%s", p->gender ? p->gender : "");
		snprintf(birth, sizeof birth, "%s", p->birth_date ? p->birth_date : "");
		break;
	case INTAKE_SB_NUMBER:
		break;
	default:
		g[0] = birth[0] = '\0';
	}
#define PF(name, label, old, new, words)                                                                  \
	do {                                                                                              \
		snprintf(f, sizeof f, "applicant[%d].%s", i, name);                                        \
		note_change(out, f, label, old, new, words);                                              \
	} while (0)
	PF("name", "姓名", pf.name, p->name, VOCAB_KIND_COUNT);
	PF("gender", "性别", pf.gender, g, VOCAB_GENDER);
	PF("birth_date", "出生日期", pf.birth_date, birth, VOCAB_KIND_COUNT);
	PF("nationality", "国籍", pf.nationality, p->nationality, VOCAB_KIND_COUNT);
	if (!blank(p->phone) && val_check(VAL_PHONE, p->phone, 0, phone, sizeof phone, &reason) == 0)
		PF("phone", "电话", pf.phone, phone, VOCAB_KIND_COUNT);
	PF("address", "地址", pf.address, p->address, VOCAB_KIND_COUNT);
	PF("household", "户籍类型", pf.household, p->household, VOCAB_HOUSEHOLD);
	PF("occupation", "职业", pf.occupation, p->occupation, VOCAB_KIND_COUNT);
#undef PF
	person_full_free(&pf);
	return 0;
}

static int employer_changes(struct db *db, const struct actor *who, const struct intake_employer *e, int i,
			    struct intake_changes *out)
{
	char uscc[32] = "", phone[64], f[48];
	const char *reason;
	struct employer_full ef;
	int found;

	if (!blank(e->uscc) && val_check(VAL_USCC, e->uscc, 0, uscc, sizeof uscc, &reason) < 0)
		return 0;
	if (!uscc[0] && blank(e->name))
		return 0;
	found = archive_employer_find(db, who, uscc[0] ? uscc : NULL, uscc[0] ? NULL : e->name, &ef);
	if (found <= 0)
		return found;
	if (!uscc[0] && ef.uscc && *ef.uscc) {
		/* without a code only an employer without one is the same
		 * (db_employer_upsert): this one would be a new row */
		employer_full_free(&ef);
		return 0;
	}
#define EF(name, label, old, new)                                                                         \
	do {                                                                                              \
		snprintf(f, sizeof f, "respondent[%d].%s", i, name);                                       \
		note_change(out, f, label, old, new, VOCAB_KIND_COUNT);                                   \
	} while (0)
	if (uscc[0]) /* the name is the key of an employer without a code */
		EF("name", "名称", ef.name, e->name);
	EF("legal_rep", "法定代表人", ef.legal_rep, e->legal_rep);
	EF("legal_rep_title", "法定代表人职务", ef.legal_rep_title, e->legal_rep_title);
	EF("address", "地址", ef.address, e->address);
	if (!blank(e->phone) && val_check(VAL_PHONE, e->phone, 0, phone, sizeof phone, &reason) == 0)
		EF("phone", "电话", ef.phone, phone);
	EF("district", "所在区", ef.district, e->district);
	EF("industry", "行业", ef.industry, e->industry);
#undef EF
	employer_full_free(&ef);
	return 0;
}

int intake_archive_changes(struct db *db, const struct config *cfg, const struct actor *who,
			   const struct intake *in, struct intake_changes *out)
{
	out->n = 0;
	for (int i = 0; i < in->napplicants; i++)
		if (person_changes(db, cfg, who, &in->applicants[i], i, out) < 0)
			return -1;
	for (int i = 0; i < in->nrespondents; i++)
		if (employer_changes(db, who, &in->respondents[i], i, out) < 0)
			return -1;
	return 0;
}

void intake_change_text(const struct intake_change *c, char *buf, size_t len)
{
	const char *whose = !strncmp(c->field, "respondent", 10) ? "单位档案" : "档案";

	if (c->old[0])
		snprintf(buf, len, "%s%s将由 %s 改为 %s", whose, c->label, c->old, c->new);
	else
		snprintf(buf, len, "%s%s将记为 %s", whose, c->label, c->new);
}

char *intake_changes_text(const struct intake_changes *ch)
{
	struct strbuf sb;

	sb_init(&sb);
	for (int i = 0; i < ch->n; i++) {
		const struct intake_change *c = &ch->v[i];
		if (i)
			sb_add(&sb, "；");
		if (!strncmp(c->field, "respondent", 10))
			sb_add(&sb, "单位");
		sb_printf(&sb, "%s %s → %s", c->label, c->old[0] ? c->old : "（空）", c->new);
	}
	return sb_detach(&sb);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int intake_scan(struct db *db, const struct config *cfg, const struct intake *in, struct intake_warnings *w)
{
	struct employer_full e = {0};
	char uscc[32] = "", since[11];
	const char *reason;
	int found;

	memset(w, 0, sizeof *w);
	if (in->nrespondents < 1)
		return 0;
	const struct intake_employer *r = &in->respondents[0];
	if (!blank(r->uscc) && val_check(VAL_USCC, r->uscc, 0, uscc, sizeof uscc, &reason) < 0)
		return 0;
	if (!uscc[0] && blank(r->name))
		return 0;
	found = db_employer_find(db, uscc[0] ? uscc : NULL, r->name, &e);
	if (found <= 0)
		return found;
	w->employer_id = e.id;
	employer_full_free(&e);
	date_format(tj_today() - cfg->high_incidence_days, since);
	if (db_employer_incidence(db, w->employer_id, since, &w->open, &w->recent) < 0)
		return -1;
	w->high = w->recent >= cfg->high_incidence_cases;

	/* the claims' causes, sorted and distinct, as the scan compares them */
	const char **causes = xcalloc((size_t)in->nclaims + 1, sizeof *causes);
	int n = 0;
	for (int i = 0; i < in->nclaims; i++)
		if (in->claims[i].cause && strlen(in->claims[i].cause) == 4)
			causes[n++] = in->claims[i].cause;
	qsort(causes, (size_t)n, sizeof *causes, cmp_str);
	struct strbuf sb;
	sb_init(&sb);
	for (int i = 0; i < n; i++) {
		if (i > 0 && strcmp(causes[i], causes[i - 1]) == 0)
			continue;
		if (sb.len)
			sb_addc(&sb, ',');
		sb_add(&sb, causes[i]);
	}
	free(causes);
	int rc = 0;
	if (sb.len) {
		rc = db_collective_scan(db, w->employer_id, sb.buf, since, &w->coll);
		if (rc == 0)
			w->collective = w->coll.applicants + in->napplicants >= cfg->collective_threshold;
	}
	sb_free(&sb);
	return rc < 0 ? -1 : 0;
}

int intake_join(struct db *db, const struct config *cfg, const struct actor *who, int64_t case_id,
		const struct intake *in, struct intake_result *res)
{
	struct case_state_row row;
	const char *reason;
	char now[20];
	int found, *ords = NULL; /* the joining applicants' numbers in the case */

	res->nproblems = 0;
	res->case_no = NULL;
	res->case_id = 0;
	if (in->napplicants < 1) {
		tj_error("没有要加入的申请人");
		return -1;
	}
	for (int i = 0; i < in->napplicants; i++)
		check_person(res, cfg, &in->applicants[i], i);
	if (res->nproblems) {
		tj_error("申请有%d处需要更正：%s", res->nproblems, res->problems[0].msg);
		return -1;
	}
	tj_now_str(now);
	if (db_begin(db) < 0)
		return -1;
	found = db_case_state(db, case_id, &row);
	if (found <= 0) {
		if (found == 0)
			tj_error("案件不存在");
		goto fail;
	}
	struct case_state cs = {.status = status_from_keyword(row.status), .mediator_id = row.mediator_id,
				.extended = row.extended};
	if (lifecycle_check(ACT_JOIN, &cs, who, &reason) < 0) {
		tj_error("%s", reason);
		goto fail;
	}
	struct strbuf names;
	sb_init(&names);
	ords = xcalloc((size_t)in->napplicants, sizeof *ords);
	for (int i = 0; i < in->napplicants; i++) {
		const struct intake_person *p = &in->applicants[i];
		char *changes = NULL;
		int64_t pid;
		int created = archive_person(db, cfg, p, now, &pid, &changes);
		if (created < 0) {
			sb_free(&names);
			goto fail;
		}
		int already = db_case_has_person(db, case_id, pid);
		if (already != 0) {
			free(changes);
			sb_free(&names);
			if (already > 0)
				tj_error("%s 已是案件 %s 的申请人", p->name, row.case_no);
			goto fail;
		}
		struct party_row pr = {.case_id = case_id, .role = "applicant", .person_id = pid,
				       .representative = p->representative != 0};
		if (db_case_party_next_ord(db, case_id, "applicant", &pr.ord) < 0 || db_case_party_insert(db, &pr) < 0 ||
		    save_agents(db, case_id, "applicant", pr.ord, p->agents, p->nagents) < 0 ||
		    ((created || changes) && intake_archive_event(db, who, case_id, "person", pid, changes, now) < 0)) {
			free(changes);
			sb_free(&names);
			goto fail;
		}
		free(changes);
		ords[i] = pr.ord;
		if (names.len)
			sb_add(&names, "、");
		sb_add(&names, p->name);
	}
	int64_t napp = 0;
	{
		int next;
		if (db_case_party_next_ord(db, case_id, "applicant", &next) < 0) {
			sb_free(&names);
			goto fail;
		}
		napp = next - 1;
	}
	/* representatives joining: no more than a collective dispute elects */
	int nrep = 0;
	if (db_case_representatives(db, case_id, &nrep) < 0) {
		sb_free(&names);
		goto fail;
	}
	if (nrep > INTAKE_MAX_REPRESENTATIVES || (nrep > 0 && napp < cfg->collective_threshold)) {
		if (nrep > INTAKE_MAX_REPRESENTATIVES)
			tj_error("集体争议的代表最多%d名，加入后将有%d名", INTAKE_MAX_REPRESENTATIVES, nrep);
		else
			tj_error("申请人不足%d名，不是集体争议，无须推举代表", cfg->collective_threshold);
		sb_free(&names);
		goto fail;
	}
	struct event_rec ev = {.at = now, .user_id = who->user_id, .case_id = case_id, .entity = "case",
			       .entity_id = case_id, .action = "join", .after = names.buf};
	/* the joining workers' claims: their amounts to the case's claims
	 * of the same cause (the rule: collective.c) */
	int wrote = 0, joined = db_event_add(db, &ev) < 0 ? -1
				: collective_join_claims(db, cfg, who, case_id, in, ords, now,
							 napp >= cfg->collective_threshold, &wrote);
	free(ords);
	ords = NULL;
	if (joined < 0 ||
	    (wrote < 2 && db_case_touch(db, case_id, now, who->user_id, napp >= cfg->collective_threshold) < 0)) {
		sb_free(&names);
		goto fail;
	}
	sb_free(&names);
	if (in->draft_id > 0 && db_draft_delete(db, who->user_id, in->draft_id) < 0)
		goto fail;
	if (db_commit(db) < 0)
		return -1;
	res->case_id = case_id;
	res->case_no = xstrdup(row.case_no);
	res->collective = napp >= cfg->collective_threshold;
	return 0;
fail: {
	char msg[1024];
	snprintf(msg, sizeof msg, "%s", tj_errmsg());
	free(ords);
	db_rollback(db);
	tj_error("加入失败，未写入任何数据：%s", msg);
	return -1;
}
}
