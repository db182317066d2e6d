/*
 * intake.c - application intake (调解申请登记), keyboard only.
 *
 * One scrolling form: the applicant and its agents (委托代理人, at most
 * two, each in a small dialog checked by the core's intake_check_agent),
 * the respondents - one or more, each of a kind (用人单位, 用工单位, 个人
 * with an identity document instead of a credit code, ...), with its
 * archive look-up and its agents; another added on the "+ 新增被申请人"
 * row, one removed with F8 after a question - the channel and date,
 * the facts and reasons, the claims (added and edited in a small dialog,
 * each with a cause from the picker and, with several respondents, whom
 * it is against: all of them, jointly (连带) or not, or one) and the evidence handed in with the
 * application (证据清单, rows edited in a dialog of their own).  Fields are checked as they
 * are typed, with the reason beside the field; a known ID number or credit
 * code fills the party from the archives; the respondent's open and recent
 * cases (high incidence) and a forming collective dispute are warned about
 * at once.  Saving goes through intake_register (one transaction); nothing
 * typed is lost by an error, and the form is kept as a draft every 30
 * seconds, on leaving, and on SIGHUP/SIGTERM.
 *
 * The same form corrects a registered case (修改申请, F3 on the case
 * detail): opened filled from the case's own copy of its parties, its
 * claims (each remembering the case's claim it was) and facts; F2 saves
 * through case_correct against the version the user saw.  Every
 * respondent is on the form with its agents, each remembering the case's
 * respondent it is (so one removed renumbers the rest, and the claims
 * follow them); the first applicant with its agents; the applicants after
 * the first (a collective case's, joined with intake_join) one row each,
 * corrected in the applicant dialog, each with his agents' rows under it
 * (edited like any party's); each remembering the case's applicant he is,
 * so that one removed with F8 (after a question) renumbers the rest, and
 * one added on the "+ 新增申请人" row, in the same dialog, is new (F8 in
 * the first one's own fields removes him: the second takes them); what
 * has no field (a representative) goes through as the case has it.
 * Each claim's respondents and joint liability are corrected in its
 * dialog, kept claims and new ones alike.  A change of claims that would
 * undo the applicant's confirmation is said at the claims and asked
 * before saving.  A save that races another user's change is refused
 * with what the case now holds shown, the form kept as typed.  Its
 * draft names the case and the version.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tiaojie/access.h"
#include "tiaojie/casework.h"
#include "tiaojie/collective.h"
#include "tiaojie/docs.h"
#include "tiaojie/draft.h"
#include "tiaojie/intake.h"
#include "tiaojie/money.h"
#include "tiaojie/screens.h"
#include "tiaojie/uitext.h"
#include "tiaojie/validate.h"
#include "tiaojie/vocab.h"
#include "tiaojie/widgets.h"

static const char *const id_type_names[] = {"居民身份证", "港澳居民来往内地通行证", "台湾居民来往大陆通行证",
					     "港澳台居民居住证", "外国人永久居留身份证", "护照", "其他证件"};
static const char *const id_type_kws[] = {"id", "hkmo", "tw", "residence", "foreign-pr", "passport", "other"};

struct claim {
	char cause[8];
	char *cause_name;
	char *text;
	char *amount;
	int ord; /* a correction: the case's claim this was (0: new) */
	/* the respondents it is against (1-based; none: all of them) and
	 * whether they answer jointly (连带) */
	int nagainst;
	int against[INTAKE_MAX_RESPONDENTS];
	int joint;
};

/* An agent (委托代理人) of a party as typed (checked by the core's
 * intake_check_agent); kind and authority index VOCAB_AGENT and
 * VOCAB_AUTHORITY. */
struct agent {
	char *name, *org, *phone, *scope;
	int kind, authority;
};

struct agents {
	struct agent *v;
	int n, cap;
};

/* An applicant after the first (the form's fields are the first one's):
 * his particulars as typed in the applicant dialog (a correction: as the
 * case has them, corrected there).  id_type indexes id_type_kws; gender and
 * household 0 for none, else 1 + the VOCAB_GENDER / VOCAB_HOUSEHOLD
 * index. */
struct other_app {
	int id_type, gender, household;
	char *id_no, *name, *birth, *nationality, *phone, *address, *occupation;
	int ord;            /* the case's applicant he is (-1: one added) */
	int representative; /* as the case has it (no field) */
	struct agents agents;
};

/* The party index of the applicants after the first (their agents):
 * APP_PARTY + k is applicant k (from 0), the intake's others[k - 1]; 0 is
 * the first applicant, 1 + i respondent i. */
#define APP_PARTY 1000

/* An item of evidence as typed (checked by the core's evidence_check). */
struct evid {
	char *name, *source, *purpose, *pages;
	int original; /* 1 原件, 0 复印件 */
	int party;    /* index in VOCAB_PARTY */
};

struct claim_dialog;
struct evid_dialog;
struct agent_dialog;
struct app_dialog;

struct intake_screen {
	struct form form;
	char *snap; /* the form as it opened (form_snapshot): has it changed? */
	struct claim_dialog *dialog; /* the claim dialog while it is open */
	struct claim *claims;
	int nclaims, cap;
	struct evid_dialog *edialog; /* the evidence dialog while it is open */
	struct evid *evidence;
	int nevidence, ecap;
	const char **party_names; /* VOCAB_PARTY */
	int64_t draft_id;
	int dirty;
	int saved; /* registered or corrected: never kept as a draft again */
	int draft_slot; /* kept aside, not in the database (screen_draft_keep) */
	time_t last_save;
	struct intake_warnings warn;
	int warn_valid;
	int repick; /* the claim whose cause the picker is choosing */
	const char **channel_names; /* the channel choices (vocab.h), in its order */
	const char **gender_names;  /* 未选, then VOCAB_GENDER */
	const char **household_names; /* 未填, then VOCAB_HOUSEHOLD */
	/* sex and birth date as typed while the document's number gives
	 * them (read-only then): back when the document no longer does */
	int typed_gender;
	char *typed_birth;
	/* a correction (修改申请): the case, the version the user saw, the
	 * case as it was loaded (what the form does not show), the form as
	 * it opened (serialise), and who to tell after saving */
	int64_t correct_id, correct_version;
	struct case_view *cv;
	char *opened;
	void (*done)(void *ctx);
	void *done_ctx;
	/* the respondents on the form (at least one), and the agents of
	 * each party: [0] the applicant's, [1 + i] respondent i's */
	int nresp;
	struct agents agents[1 + INTAKE_MAX_RESPONDENTS];
	/* a correction: the case's respondent each one on the form is (its
	 * number in the case; -1 a new one) */
	int resp_ord[INTAKE_MAX_RESPONDENTS];
	/* a correction: the applicants after the first (the case's count) */
	struct other_app *others;
	int nothers;
	/* a correction: the case's applicant the form's fields are (the
	 * first; the second once the first is removed), and his
	 * representative mark (no field) */
	int app0_ord, app0_rep;
	struct app_dialog *pdialog; /* the applicant dialog while it is open */
	struct agent_dialog *adialog; /* the agent dialog while it is open */
	int pick_resp;                /* the respondent a picker fills */
	const char **resp_kind_names; /* VOCAB_RESPONDENT */
	const char **agent_kind_names, **authority_names;
};

static const enum ui_action intake_actions[] = {UA_SAVE,   UA_ADD,  UA_EDIT, UA_DELETE, UA_PICK,
						UA_BACK,   UA_NEXT, UA_PREV, UA_ENTER,  UA_KILL,
						UA_PGUP,   UA_PGDN, UA_NONE};
static const struct ui_label intake_labels[] = {
	{UA_PICK, NULL, "从本栏的列表中选择：单位名称或信用代码（按名称的一部分查找档案）、所在区、请求事项的案由"},
	{UA_NONE, NULL, NULL},
};

/* ---- claims ---------------------------------------------------------------- */

static void claim_free(struct claim *c)
{
	free(c->cause_name);
	free(c->text);
	free(c->amount);
	memset(c, 0, sizeof *c);
}

static struct claim *claim_append(struct intake_screen *is)
{
	if (is->nclaims == is->cap) {
		is->cap = is->cap ? is->cap * 2 : 8;
		is->claims = xrealloc(is->claims, (size_t)is->cap * sizeof *is->claims);
	}
	struct claim *c = &is->claims[is->nclaims++];
	memset(c, 0, sizeof *c);
	c->cause_name = xstrdup("");
	c->text = xstrdup("");
	c->amount = xstrdup("");
	return c;
}

static void claim_remove(struct intake_screen *is, int i)
{
	claim_free(&is->claims[i]);
	memmove(is->claims + i, is->claims + i + 1, (size_t)(is->nclaims - i - 1) * sizeof *is->claims);
	is->nclaims--;
}

static void evid_free(struct evid *e)
{
	free(e->name);
	free(e->source);
	free(e->purpose);
	free(e->pages);
	memset(e, 0, sizeof *e);
}

static struct evid *evid_append(struct intake_screen *is)
{
	is->evidence = xgrow(is->evidence, is->nevidence, &is->ecap, sizeof *is->evidence);
	struct evid *e = &is->evidence[is->nevidence++];
	memset(e, 0, sizeof *e);
	e->name = xstrdup("");
	e->source = xstrdup("");
	e->purpose = xstrdup("");
	e->pages = xstrdup("");
	return e;
}

static void evid_remove(struct intake_screen *is, int i)
{
	evid_free(&is->evidence[i]);
	memmove(is->evidence + i, is->evidence + i + 1, (size_t)(is->nevidence - i - 1) * sizeof *is->evidence);
	is->nevidence--;
}

/* The evidence item's 复印件/原件 choice, from the vocabulary (its labels
 * are static: no allocation to free). */
static const char *original_names[2];

static const char *const *originals(void)
{
	for (int i = 0; i < 2; i++)
		original_names[i] = vocab_label_at(VOCAB_ORIGINAL, i);
	return original_names;
}

/* ---- the form ---------------------------------------------------------------- */

static struct form_item *text_item(struct form *f, const char *id, const char *label, size_t max)
{
	struct form_item *it = form_add(f, FK_TEXT, id, label);

	it->edit.max = max;
	return it;
}

/* ---- parties: respondents and agents -------------------------------------- */

/* "respondent[1].uscc" into buf: the form item's id, as the core names
 * the field. */
static const char *rid(char *buf, size_t len, int i, const char *field)
{
	snprintf(buf, len, "respondent[%d].%s", i, field);
	return buf;
}

/* The field prefix of a party: 0 the applicant, 1 + i respondent i,
 * APP_PARTY + k applicant k. */
static const char *party_prefix(char *buf, size_t len, int pi)
{
	if (pi == 0)
		snprintf(buf, len, "applicant[0]");
	else if (pi >= APP_PARTY)
		snprintf(buf, len, "applicant[%d]", pi - APP_PARTY);
	else
		snprintf(buf, len, "respondent[%d]", pi - 1);
	return buf;
}

/* The agents of a party (as party_prefix numbers it). */
static struct agents *party_agents(struct intake_screen *is, int pi)
{
	return pi >= APP_PARTY ? &is->others[pi - APP_PARTY - 1].agents : &is->agents[pi];
}

/* Is pi a party of the form? */
static int party_valid(struct intake_screen *is, int pi)
{
	return (pi >= 0 && pi <= is->nresp) || (pi > APP_PARTY && pi <= APP_PARTY + is->nothers);
}

static void agent_free(struct agent *a)
{
	free(a->name);
	free(a->org);
	free(a->phone);
	free(a->scope);
	memset(a, 0, sizeof *a);
}

static void agents_clear(struct agents *ag)
{
	for (int j = 0; j < ag->n; j++)
		agent_free(&ag->v[j]);
	free(ag->v);
	memset(ag, 0, sizeof *ag);
}

static struct agent *agent_append(struct agents *ag)
{
	ag->v = xgrow(ag->v, ag->n, &ag->cap, sizeof *ag->v);
	struct agent *a = &ag->v[ag->n++];
	memset(a, 0, sizeof *a);
	a->name = xstrdup("");
	a->org = xstrdup("");
	a->phone = xstrdup("");
	a->scope = xstrdup("");
	return a;
}

static int is_special(const struct agent *a)
{
	const char *kw = vocab_code_at(VOCAB_AUTHORITY, a->authority);

	return kw && !strcmp(kw, "special");
}

/* The agents of a party as rows, then the row that adds one. */
static void build_agent_rows(struct intake_screen *is, int pi)
{
	struct form *f = &is->form;
	struct agents *ag = party_agents(is, pi);
	char pre[32], id[64];

	party_prefix(pre, sizeof pre, pi);
	for (int j = 0; j < ag->n; j++) {
		const struct agent *a = &ag->v[j];
		const char *kind = vocab_label_at(VOCAB_AGENT, a->kind), *auth = vocab_label_at(VOCAB_AUTHORITY, a->authority);
		struct strbuf sb;
		sb_init(&sb);
		sb_printf(&sb, "  委托代理人%d：%s（%s", j + 1, a->name, kind ? kind : "");
		if (*a->org)
			sb_printf(&sb, "，%s", a->org);
		sb_printf(&sb, "）%s", auth ? auth : "");
		if (is_special(a) && *a->scope)
			sb_printf(&sb, "：%s", a->scope);
		if (*a->phone)
			sb_printf(&sb, "  电话 %s", a->phone);
		snprintf(id, sizeof id, "%s.agents[%d]", pre, j);
		struct form_item *it = form_add(f, FK_ROW, id, "委托代理人");
		form_set_text(it, sb.buf);
		sb_free(&sb);
		it->tag = j;
	}
	snprintf(id, sizeof id, "%s.agents", pre);
	struct form_item *it = form_add(f, FK_ROW, id, "委托代理人");
	if (ag->n >= INTAKE_MAX_AGENTS) {
		char buf[120];
		snprintf(buf, sizeof buf, "  （每名当事人最多委托 %d 名代理人）", INTAKE_MAX_AGENTS);
		form_set_text(it, buf);
		it->text_style = US_DIM;
	} else {
		form_set_text(it, ag->n ? "  + 再新增委托代理人（F5/^N 或 Enter）" : "  + 新增委托代理人（F5/^N 或 Enter）");
	}
	it->tag = -1;
}

/* The applicants after the first (a registration's and a correction's),
 * one row each, opened in the applicant dialog, with his agents; each
 * row's id is the applicant's field prefix ("applicant[1]"), so that a
 * problem of his shows there; then the row that adds one. */
static void build_other_rows(struct intake_screen *is)
{
	char id[32], kind[64];

	for (int i = 0; i < is->nothers; i++) {
		const struct other_app *o = &is->others[i];
		snprintf(id, sizeof id, "applicant[%d]", i + 1);
		snprintf(kind, sizeof kind, "%s", id_type_names[o->id_type]);
		struct strbuf sb;
		sb_init(&sb);
		sb_printf(&sb, "  申请人%d：%s（%s %s）%s  F6 修改 F8 删除", i + 2, o->name, kind, o->id_no,
			  o->ord < 0 && is->correct_id ? " 新增" : "");
		char label[32];
		snprintf(label, sizeof label, "申请人%d", i + 2); /* a refusal at his row names him */
		struct form_item *it = form_add(&is->form, FK_ROW, id, label);
		form_set_text(it, sb.buf);
		sb_free(&sb);
		it->tag = i;
		build_agent_rows(is, APP_PARTY + i + 1);
	}
	struct form_item *it = form_add(&is->form, FK_ROW, "applicants.add", "申请人");
	form_set_text(it, " + 新增申请人（F5/^N 或 Enter）");
	it->tag = -1;
}

static void other_free(struct other_app *o)
{
	free(o->id_no);
	free(o->name);
	free(o->birth);
	free(o->nationality);
	free(o->phone);
	free(o->address);
	free(o->occupation);
	agents_clear(&o->agents);
	memset(o, 0, sizeof *o);
}

static int resp_individual(struct intake_screen *is, int i)
{
	char id[48];
	struct form_item *it = form_find(&is->form, rid(id, sizeof id, i, "kind"));
	const char *kw = it ? vocab_code_at(VOCAB_RESPONDENT, it->choice) : NULL;

	return kw && !strcmp(kw, "individual");
}

static void set_label(struct form_item *it, const char *label)
{
	if (!it)
		return;
	free(it->label);
	it->label = xstrdup(label);
}

/* A respondent's fields as its kind has them: an individual (个人) has an
 * identity document, an organisation a credit code and a legal
 * representative.  What is hidden keeps what was typed in it. */
static void apply_kind(struct intake_screen *is, int i)
{
	struct form *f = &is->form;
	char id[48], head[96];
	int ind = resp_individual(is, i);
	struct form_item *k = form_find(f, rid(id, sizeof id, i, "kind"));
	static const char *const org_only[] = {"uscc", "legal_rep", "legal_rep_title"};
	static const char *const person_only[] = {"id_type", "id_no"};

	for (size_t j = 0; j < TJ_ARRAY_LEN(org_only); j++) {
		struct form_item *it = form_find(f, rid(id, sizeof id, i, org_only[j]));
		if (it)
			it->hidden = ind;
	}
	for (size_t j = 0; j < TJ_ARRAY_LEN(person_only); j++) {
		struct form_item *it = form_find(f, rid(id, sizeof id, i, person_only[j]));
		if (it)
			it->hidden = !ind;
	}
	set_label(form_find(f, rid(id, sizeof id, i, "name")), ind ? "姓名" : "单位名称");
	set_label(form_find(f, rid(id, sizeof id, i, "address")), ind ? "住址" : "单位地址");
	set_label(form_find(f, rid(id, sizeof id, i, "phone")), ind ? "联系电话" : "单位电话");
	const char *kl = k ? vocab_label_at(VOCAB_RESPONDENT, k->choice) : NULL;
	if (is->nresp > 1)
		snprintf(head, sizeof head, "被申请人%d（%s）", i + 1, kl ? kl : "");
	else
		snprintf(head, sizeof head, "被申请人（%s）", kl ? kl : "");
	set_label(form_find(f, i == 0 ? "sec.respondent" : rid(id, sizeof id, i, "sec")), head);
}

static struct form_item *text_item(struct form *f, const char *id, const char *label, size_t max);

/* Respondent i's fields: its kind, an individual's document, the
 * organisation's particulars, its agents. */
static void build_respondent(struct intake_screen *is, int i)
{
	struct form *f = &is->form;
	struct form_item *it;
	char id[48];

	if (i > 0)
		form_add(f, FK_SECTION, rid(id, sizeof id, i, "sec"), "被申请人");
	it = form_add(f, FK_CHOICE, rid(id, sizeof id, i, "kind"), "类别");
	if (!is->resp_kind_names)
		is->resp_kind_names = vocab_choices(VOCAB_RESPONDENT, NULL, &it->nchoices);
	else
		it->nchoices = vocab_count(VOCAB_RESPONDENT);
	it->choices = is->resp_kind_names;
	it = form_add(f, FK_CHOICE, rid(id, sizeof id, i, "id_type"), "证件类型");
	it->choices = id_type_names;
	it->nchoices = (int)TJ_ARRAY_LEN(id_type_names);
	text_item(f, rid(id, sizeof id, i, "id_no"), "证件号码", val_input_max(VAL_ID));
	text_item(f, rid(id, sizeof id, i, "uscc"), "信用代码", val_input_max(VAL_USCC));
	text_item(f, rid(id, sizeof id, i, "name"), "单位名称", 100);
	text_item(f, rid(id, sizeof id, i, "legal_rep"), "法定代表人", 50);
	text_item(f, rid(id, sizeof id, i, "legal_rep_title"), "代表人职务", 30);
	text_item(f, rid(id, sizeof id, i, "address"), "单位地址", 200);
	text_item(f, rid(id, sizeof id, i, "phone"), "单位电话", val_input_max(VAL_PHONE));
	text_item(f, rid(id, sizeof id, i, "district"), "所在区", 30);
	text_item(f, rid(id, sizeof id, i, "industry"), "行业", 30);
	build_agent_rows(is, 1 + i);
	apply_kind(is, i);
}

static void build_form(struct intake_screen *is)
{
	struct form *f = &is->form;
	struct form_item *it;
	char today[11];

	form_add(f, FK_SECTION, "sec.applicant", "申请人");
	it = form_add(f, FK_CHOICE, "applicant[0].id_type", "证件类型");
	it->choices = id_type_names;
	it->nchoices = (int)TJ_ARRAY_LEN(id_type_names);
	text_item(f, "applicant[0].id_no", "证件号码", val_input_max(VAL_ID));
	text_item(f, "applicant[0].name", "姓名", 50);
	/* read from the number of a document that holds them (check_id),
	 * typed for every other document */
	it = form_add(f, FK_CHOICE, "applicant[0].gender", "性别");
	if (!is->gender_names)
		is->gender_names = vocab_choices(VOCAB_GENDER, "未选", &it->nchoices);
	else
		it->nchoices = vocab_count(VOCAB_GENDER) + 1;
	it->choices = is->gender_names;
	it->readonly = 1;
	it = text_item(f, "applicant[0].birth_date", "出生日期", 10);
	it->readonly = 1;
	it = text_item(f, "applicant[0].nationality", "国籍/地区", 30);
	edit_set(&it->edit, "中国");
	text_item(f, "applicant[0].phone", "联系电话", val_input_max(VAL_PHONE));
	text_item(f, "applicant[0].address", "住址", 200);
	it = form_add(f, FK_CHOICE, "applicant[0].household", "户籍类型");
	if (!is->household_names)
		is->household_names = vocab_choices(VOCAB_HOUSEHOLD, "未填", &it->nchoices);
	else
		it->nchoices = vocab_count(VOCAB_HOUSEHOLD) + 1;
	it->choices = is->household_names;
	text_item(f, "applicant[0].occupation", "职业/岗位", 50);
	build_agent_rows(is, 0);
	build_other_rows(is);

	form_add(f, FK_SECTION, "sec.respondent", "被申请人（用人单位）");
	if (is->nresp < 1)
		is->nresp = 1;
	for (int i = 0; i < is->nresp; i++)
		build_respondent(is, i);
	it = form_add(f, FK_ROW, "respondents.add", "被申请人");
	form_set_text(it, " + 新增被申请人（如劳务派遣的用工单位；F5/^N 或 Enter）");
	it->tag = -1;

	form_add(f, FK_SECTION, "sec.case", "申请信息");
	it = form_add(f, FK_CHOICE, "channel", "申请渠道");
	if (!is->channel_names)
		is->channel_names = vocab_choices(VOCAB_CHANNEL, NULL, &it->nchoices);
	else
		it->nchoices = vocab_count(VOCAB_CHANNEL);
	it->choices = is->channel_names;
	it = text_item(f, "received", "收件日期", 10);
	date_format(tj_today(), today);
	edit_set(&it->edit, today);
	it = form_add(f, FK_AREA, "facts", "事实与理由");
	it->edit.max = INTAKE_MAX_FACTS_CHARS;
	it->height = 6;

	form_add(f, FK_SECTION, "claims", "请求事项");
}

/* Whom a claim is against, before its text, when there are several
 * respondents: "（被申请人2）", "（连带）" for all of them jointly,
 * "（被申请人1、3 连带）". */
static void claim_against_text(struct intake_screen *is, const struct claim *c, struct strbuf *sb)
{
	if (is->nresp < 2 || (!c->nagainst && !c->joint))
		return;
	sb_add(sb, "（");
	if (c->nagainst) {
		sb_add(sb, "被申请人");
		for (int j = 0; j < c->nagainst; j++)
			sb_printf(sb, "%s%d", j ? "、" : "", c->against[j]);
	}
	if (c->joint)
		sb_printf(sb, "%s连带", c->nagainst ? " " : "");
	sb_add(sb, "）");
}

/* Rebuild the claim rows after the "claims" heading. */
static void build_claim_rows(struct intake_screen *is)
{
	struct form *f = &is->form;
	int base = form_index(f, "claims");
	int64_t total = 0;
	char buf[700], amt[40];

	form_truncate(f, base + 1);
	for (int i = 0; i < is->nclaims; i++) {
		struct claim *c = &is->claims[i];
		int64_t fen = 0;
		const char *reason;
		amt[0] = '\0';
		if (*c->amount && money_parse(c->amount, &fen, &reason) == 0) {
			money_format(fen, amt, sizeof amt);
			total += fen;
		}
		/* the amount first, right-aligned in its own column, then the
		 * cause and the text: at 80 columns a long text used to push
		 * the amounts of later claims off the edge */
		const char *shown = *amt ? amt : c->amount; /* as typed when it does not parse */
		struct strbuf sb;
		sb_init(&sb);
		sb_printf(&sb, " %d. ", i + 1);
		for (int pad = 13 - tw_width(shown); pad > 0; pad--)
			sb_addc(&sb, ' ');
		sb_printf(&sb, "%s %s  [%s %s] ", shown, *shown ? "元" : "  ", c->cause[0] ? c->cause : "----",
			  c->cause_name);
		claim_against_text(is, c, &sb);
		sb_add(&sb, c->text);
		struct form_item *it = form_add(f, FK_ROW, NULL, NULL);
		form_set_text(it, sb.buf);
		sb_free(&sb);
		it->tag = i;
	}
	struct form_item *it = form_add(f, FK_ROW, "claims.add", NULL);
	form_set_text(it, is->nclaims ? " + 再新增一项请求（F5/^N 或 Enter）" : " + 新增请求事项（F5/^N 或 Enter）");
	it->tag = -1;
	money_format(total, amt, sizeof amt);
	snprintf(buf, sizeof buf, "  共 %d 项，请求金额合计 %s 元", is->nclaims, amt);
	it = form_add(f, FK_INFO, NULL, NULL);
	form_set_text(it, buf);
	it->text_style = US_DIM;

	/* the evidence handed in with the application (a correction has
	 * none: the case's evidence list is worked on the case, 登记证据) */
	if (is->correct_id) {
		if (f->focus >= f->n)
			f->focus = f->n - 2;
		return;
	}
	form_add(f, FK_SECTION, "evidence", "证据");
	for (int i = 0; i < is->nevidence; i++) {
		const struct evid *e = &is->evidence[i];
		const char *party = vocab_label_at(VOCAB_PARTY, e->party);
		struct strbuf sb;
		sb_init(&sb);
		sb_printf(&sb, " %d. %s（%s %s页）  %s提交", i + 1, e->name, vocab_label_at(VOCAB_ORIGINAL, e->original ? 1 : 0),
			  *e->pages ? e->pages : "1", party ? party : "");
		if (*e->purpose)
			sb_printf(&sb, "  证明目的：%s", e->purpose);
		it = form_add(f, FK_ROW, "evidence.row", NULL);
		form_set_text(it, sb.buf);
		sb_free(&sb);
		it->tag = i;
	}
	it = form_add(f, FK_ROW, "evidence.add", NULL);
	form_set_text(it, is->nevidence ? " + 再新增一项证据（F5/^N 或 Enter）" : " + 新增证据（F5/^N 或 Enter）");
	it->tag = -1;
	if (f->focus >= f->n)
		f->focus = f->n - 1;
}

/* The whole form again after its parties changed (a respondent or an
 * agent added or removed): every value, choice, message and heading note
 * carried over by the item's id; focus on focus_id, else where it was. */
static void rebuild_form(struct intake_screen *is, const char *focus_id)
{
	struct form old = is->form;
	struct form_item *fo = form_focused(&old);
	char *fid = xstrdup(focus_id ? focus_id : fo && fo->id ? fo->id : "");
	struct form *f = &is->form;

	form_init(f);
	f->label_w = old.label_w;
	f->field_w = old.field_w;
	f->y = old.y;
	f->x = old.x;
	f->rows = old.rows;
	f->cols = old.cols;
	f->top = old.top;
	build_form(is);
	for (int i = 0; i < f->n; i++) {
		struct form_item *it = &f->items[i];
		struct form_item *o = it->id ? form_find(&old, it->id) : NULL;
		if (!o || o->kind != it->kind || it->kind == FK_ROW)
			continue;
		struct ui_edit e = it->edit;
		it->edit = o->edit;
		o->edit = e;
		it->choice = o->choice;
		it->readonly = o->readonly;
		snprintf(it->msg, sizeof it->msg, "%s", o->msg);
		it->msg_style = o->msg_style;
		if (it->kind == FK_SECTION) {
			form_set_text(it, o->text ? o->text : "");
			it->text_style = o->text_style;
		}
	}
	for (int i = 0; i < is->nresp; i++)
		apply_kind(is, i);
	build_claim_rows(is);
	int idx = *fid ? form_index(f, fid) : -1;
	form_focus(f, idx >= 0 ? idx : old.focus < f->n ? old.focus : f->n - 1);
	free(fid);
	form_free(&old);
}

/* Rename the items of respondent `from` to respondent `to` (NULL ids for
 * to < 0: they go), so that a rebuild carries them to their new place. */
static void renumber_respondent(struct intake_screen *is, int from, int to)
{
	char pre[32];
	int n = snprintf(pre, sizeof pre, "respondent[%d].", from);

	for (int i = 0; i < is->form.n; i++) {
		struct form_item *it = &is->form.items[i];
		if (!it->id || strncmp(it->id, pre, (size_t)n) != 0)
			continue;
		char *nid = to < 0 ? NULL : xasprintf("respondent[%d].%s", to, it->id + n);
		free(it->id);
		it->id = nid;
	}
}

/* The claims that name respondent k (1-based); 0 when none. */
static int claim_naming(struct intake_screen *is, int k)
{
	for (int i = 0; i < is->nclaims; i++)
		for (int j = 0; j < is->claims[i].nagainst; j++)
			if (is->claims[i].against[j] == k)
				return i + 1;
	return 0;
}

static void delete_respondent(struct intake_screen *is, int k)
{
	renumber_respondent(is, k, -1);
	for (int j = k + 1; j < is->nresp; j++)
		renumber_respondent(is, j, j - 1);
	agents_clear(&is->agents[1 + k]);
	memmove(&is->agents[1 + k], &is->agents[2 + k], (size_t)(is->nresp - k - 1) * sizeof is->agents[0]);
	memset(&is->agents[is->nresp], 0, sizeof is->agents[0]);
	memmove(&is->resp_ord[k], &is->resp_ord[k + 1], (size_t)(is->nresp - k - 1) * sizeof is->resp_ord[0]);
	is->resp_ord[is->nresp - 1] = 0;
	is->nresp--;
	/* the claims' numbers of the respondents after it move up one */
	for (int i = 0; i < is->nclaims; i++) {
		struct claim *c = &is->claims[i];
		for (int j = 0; j < c->nagainst; j++)
			if (c->against[j] > k + 1)
				c->against[j]--;
		if (c->nagainst >= is->nresp)
			c->nagainst = 0; /* all of them */
		if ((c->nagainst ? c->nagainst : is->nresp) < 2)
			c->joint = 0;
	}
	char id[48];
	rebuild_form(is, rid(id, sizeof id, k < is->nresp ? k : k - 1, "kind"));
}

static char *field(struct intake_screen *is, const char *id)
{
	struct form_item *it = form_find(&is->form, id);

	return it ? edit_get(&it->edit) : xstrdup("");
}

static void set_field(struct intake_screen *is, const char *id, const char *value)
{
	struct form_item *it = form_find(&is->form, id);

	if (it)
		edit_set(&it->edit, value);
}

static int field_empty(struct intake_screen *is, const char *id)
{
	struct form_item *it = form_find(&is->form, id);

	return !it || edit_empty(&it->edit);
}

static void fill_if_empty(struct intake_screen *is, const char *id, const char *value)
{
	if (value && *value && field_empty(is, id))
		set_field(is, id, value);
}

static void fill_from_archive(struct intake_screen *is, const char *id, const char *value)
{
	if (value && *value)
		set_field(is, id, value);
}

static int choice_of(struct intake_screen *is, const char *id)
{
	struct form_item *it = form_find(&is->form, id);

	return it ? it->choice : 0;
}

/* The whole form as an intake for the core.  Strings are owned by `keep`
 * (freed by free_kept). */
struct kept {
	void **s;
	int n, cap;
};

static void *keep_mem(struct kept *k, void *p)
{
	k->s = xgrow(k->s, k->n, &k->cap, sizeof *k->s);
	k->s[k->n++] = p;
	return p;
}

static const char *keep(struct kept *k, char *s)
{
	return keep_mem(k, s);
}

static void free_kept(struct kept *k)
{
	for (int i = 0; i < k->n; i++)
		free(k->s[i]);
	free(k->s);
	memset(k, 0, sizeof *k);
}

/* A party's agents for the core (a general authority has no scope: one
 * typed before the authority changed stays on the form only). */
static void to_agents(struct intake_screen *is, int pi, const struct intake_agent **out, int *n, struct kept *k)
{
	const struct agents *ag = party_agents(is, pi);
	struct intake_agent *v = keep_mem(k, xcalloc((size_t)ag->n + 1, sizeof *v));

	for (int j = 0; j < ag->n; j++) {
		const struct agent *a = &ag->v[j];
		v[j] = (struct intake_agent){.name = a->name, .kind = vocab_code_at(VOCAB_AGENT, a->kind),
					     .org = a->org, .phone = a->phone,
					     .authority = vocab_code_at(VOCAB_AUTHORITY, a->authority),
					     .scope = is_special(a) ? a->scope : ""};
	}
	*out = v;
	*n = ag->n;
}

/* Respondent i of the form: an individual's document, or the
 * organisation's credit code and representative. */
static void to_respondent(struct intake_screen *is, int i, struct intake_employer *e, struct kept *k)
{
	char id[48];
	int ind = resp_individual(is, i);

	memset(e, 0, sizeof *e);
	e->kind = vocab_code_at(VOCAB_RESPONDENT, choice_of(is, rid(id, sizeof id, i, "kind")));
	if (ind) {
		e->id_type = id_type_kws[choice_of(is, rid(id, sizeof id, i, "id_type"))];
		e->id_no = keep(k, field(is, rid(id, sizeof id, i, "id_no")));
		e->uscc = e->legal_rep = e->legal_rep_title = "";
	} else {
		e->uscc = keep(k, field(is, rid(id, sizeof id, i, "uscc")));
		e->legal_rep = keep(k, field(is, rid(id, sizeof id, i, "legal_rep")));
		e->legal_rep_title = keep(k, field(is, rid(id, sizeof id, i, "legal_rep_title")));
	}
	e->name = keep(k, field(is, rid(id, sizeof id, i, "name")));
	e->address = keep(k, field(is, rid(id, sizeof id, i, "address")));
	e->phone = keep(k, field(is, rid(id, sizeof id, i, "phone")));
	e->district = keep(k, field(is, rid(id, sizeof id, i, "district")));
	e->industry = keep(k, field(is, rid(id, sizeof id, i, "industry")));
	to_agents(is, 1 + i, &e->agents, &e->nagents, k);
	e->ord = is->correct_id ? is->resp_ord[i] : 0;
}

static void to_intake(struct intake_screen *is, struct intake *in, struct intake_person *p,
		      struct intake_claim *cl, struct kept *k)
{
	struct intake_employer *e = keep_mem(k, xcalloc((size_t)is->nresp, sizeof *e));
	int *all = keep_mem(k, xcalloc((size_t)is->nresp + 1, sizeof *all));

	for (int i = 0; i < is->nresp; i++)
		all[i] = i + 1;

	/* every field the form does not fill stays empty (new ones too) */
	memset(in, 0, sizeof *in);
	memset(p, 0, sizeof *p);
	memset(cl, 0, (size_t)is->nclaims * sizeof *cl);
	p->id_type = id_type_kws[choice_of(is, "applicant[0].id_type")];
	p->id_no = keep(k, field(is, "applicant[0].id_no"));
	p->name = keep(k, field(is, "applicant[0].name"));
	p->nationality = keep(k, field(is, "applicant[0].nationality"));
	p->phone = keep(k, field(is, "applicant[0].phone"));
	p->address = keep(k, field(is, "applicant[0].address"));
	p->gender = choice_of(is, "applicant[0].gender") > 0
			    ? vocab_code_at(VOCAB_GENDER, choice_of(is, "applicant[0].gender") - 1) : "";
	p->birth_date = keep(k, field(is, "applicant[0].birth_date"));
	p->household = choice_of(is, "applicant[0].household") > 0
			       ? vocab_code_at(VOCAB_HOUSEHOLD, choice_of(is, "applicant[0].household") - 1) : "";
	p->occupation = keep(k, field(is, "applicant[0].occupation"));
	to_agents(is, 0, &p->agents, &p->nagents, k);
	for (int i = 0; i < is->nresp; i++)
		to_respondent(is, i, &e[i], k);
	in->channel = vocab_code_at(VOCAB_CHANNEL, choice_of(is, "channel"));
	in->received = keep(k, field(is, "received"));
	in->facts = keep(k, field(is, "facts"));
	in->napplicants = 1;
	in->applicants = p;
	in->nrespondents = is->nresp;
	in->respondents = e;
	in->nclaims = is->nclaims;
	in->claims = cl;
	for (int i = 0; i < is->nclaims; i++) {
		cl[i].cause = is->claims[i].cause;
		cl[i].text = is->claims[i].text;
		cl[i].amount = is->claims[i].amount;
		cl[i].ord = is->claims[i].ord;
		/* with one respondent there is nothing to name */
		if (is->nresp > 1) {
			cl[i].nagainst = is->claims[i].nagainst;
			cl[i].against = is->claims[i].nagainst ? is->claims[i].against : NULL;
			cl[i].joint = is->claims[i].joint;
		}
		if (is->correct_id && !cl[i].nagainst) {
			/* a correction names them all the same: a claim that
			 * named a respondent the form removed says anew whom it
			 * is against (case_correct) */
			cl[i].nagainst = is->nresp;
			cl[i].against = all;
		}
	}
	/* the evidence: submitted on the day received (the core's default) */
	struct case_op_evidence *ev = keep_mem(k, xcalloc((size_t)is->nevidence + 1, sizeof *ev));
	for (int i = 0; i < is->nevidence; i++) {
		const struct evid *x = &is->evidence[i];
		ev[i] = (struct case_op_evidence){.name = x->name, .source = x->source, .purpose = x->purpose,
						  .pages = x->pages, .original = x->original,
						  .party = vocab_code_at(VOCAB_PARTY, x->party)};
	}
	in->nevidence = is->nevidence;
	in->evidence = ev;
}

/* The whole application with every applicant (a registration's: the
 * case numbers none, ord and representative unused).  A correction: the
 * form's application, the first applicant the case's
 * applicant app0_ord, the applicants after him as the applicant dialog
 * left them, each with the case's applicant he is (or none, one added),
 * his agents and what the form has no field for (the elected
 * representative) as the case has it.  persons holds
 * 1 + is->nothers.  The respondents are all the form's, each with the
 * case's respondent it is. */
static void to_correction(struct intake_screen *is, struct intake *in, struct intake_person *persons,
			  struct intake_claim *cl, struct kept *k)
{
	to_intake(is, in, &persons[0], cl, k);
	persons[0].representative = is->app0_rep;
	persons[0].ord = is->app0_ord;
	for (int i = 1; i <= is->nothers; i++) {
		const struct other_app *x = &is->others[i - 1];
		persons[i] = (struct intake_person){
			.id_type = id_type_kws[x->id_type], .id_no = x->id_no, .name = x->name,
			.nationality = x->nationality, .phone = x->phone, .address = x->address, .birth_date = x->birth,
			.occupation = x->occupation,
			.gender = x->gender > 0 ? vocab_code_at(VOCAB_GENDER, x->gender - 1) : "",
			.household = x->household > 0 ? vocab_code_at(VOCAB_HOUSEHOLD, x->household - 1) : "",
			.representative = x->representative, .ord = x->ord};
		to_agents(is, APP_PARTY + i, &persons[i].agents, &persons[i].nagents, k);
	}
	in->applicants = persons;
	in->napplicants = 1 + is->nothers;
}

/* ---- warnings and live checks -------------------------------------------- */

/* Would saving the correction undo the applicant's confirmation? */
static int correction_resets(struct intake_screen *is)
{
	struct intake in;
	struct intake_person *persons = xcalloc((size_t)is->nothers + 1, sizeof *persons);
	struct intake_claim *cl = xcalloc((size_t)is->nclaims + 1, sizeof *cl);
	struct kept k = {0};

	to_correction(is, &in, persons, cl, &k); /* the applicants too: one removed takes his amounts */
	int r = case_correct_resets(is->cv, &in);
	free_kept(&k);
	free(cl);
	free(persons);
	return r;
}

#define RECONFIRM_TEXT "修改请求事项后需申请人重新确认"

static void reconfirm_note(struct intake_screen *is)
{
	struct form_item *cs = form_find(&is->form, "claims");

	if (!is->correct_id)
		return; /* a registration: no confirmation yet */
	if (correction_resets(is)) {
		form_set_text(cs, RECONFIRM_TEXT "（案件将退回「登记」）");
		cs->text_style = US_WARN;
	} else {
		form_set_text(cs, "");
	}
}

static void rescan(struct screen *s)
{
	struct intake_screen *is = s->priv;
	struct intake in;
	struct intake_person *persons;
	struct intake_claim *cl = xcalloc((size_t)is->nclaims + 1, sizeof *cl);
	struct kept k = {0};
	struct form_item *rs = form_find(&is->form, "sec.respondent");
	struct form_item *cs = form_find(&is->form, "claims");
	char buf[300];

	if (is->correct_id) {
		/* the case exists: no warnings of a new one, but whether the
		 * claims as they now stand undo the confirmation */
		free(cl);
		reconfirm_note(is);
		return;
	}
	/* every applicant: a collective dispute counts them all */
	persons = xcalloc((size_t)is->nothers + 1, sizeof *persons);
	to_correction(is, &in, persons, cl, &k);
	is->warn_valid = intake_scan(s->app->db, s->app->cfg, &in, &is->warn) == 0;
	free_kept(&k);
	free(cl);
	free(persons);
	form_set_text(rs, "");
	form_set_text(cs, "");
	if (!is->warn_valid || !is->warn.employer_id)
		return;
	struct intake_warnings *w = &is->warn;
	if (w->open || w->recent) {
		snprintf(buf, sizeof buf, "%s未结案件 %d 件，近 %d 天收案 %d 件", w->high ? "高发单位：" : "注意：",
			 w->open, s->app->cfg->high_incidence_days, w->recent);
		form_set_text(rs, buf);
		rs->text_style = w->high ? US_OVERDUE : US_WARN;
	}
	if (w->collective) {
		if (w->coll.collective_case_id)
			snprintf(buf, sizeof buf, "集体争议：同单位同请求已有 %d 人，可加入 %s", w->coll.applicants,
				 w->coll.collective_case_no);
		else
			snprintf(buf, sizeof buf, "集体争议：同单位同请求已有 %d 人，本件为第 %d 人",
				 w->coll.applicants, w->coll.applicants + 1);
		form_set_text(cs, buf);
		cs->text_style = US_OVERDUE;
	}
}

static void check_phone(struct intake_screen *is, const char *id);

/* The applicants changed (one added, edited or removed): a correction
 * says again whether the confirmation is undone, a registration scans
 * again (a collective dispute counts every applicant). */
static void applicants_changed(struct screen *s)
{
	struct intake_screen *is = s->priv;

	if (is->correct_id)
		reconfirm_note(is);
	else
		rescan(s);
}

/* What F2 does next, said after a change of the applicants. */
static const char *save_hint(const struct intake_screen *is)
{
	return is->correct_id ? "（按 F2 保存本次修改申请）" : "（按 F2 登记）";
}

/* Sex and birth date: read-only and filled from the number when the
 * document gives them (intake_sex_birth), typed otherwise; what was typed
 * is kept aside while the number gives them. */
static void set_sex_birth(struct intake_screen *is, int how, char gender, const char *birth)
{
	struct form_item *g = form_find(&is->form, "applicant[0].gender");
	struct form_item *b = form_find(&is->form, "applicant[0].birth_date");
	int typed = how == INTAKE_SB_TYPED;

	if (!typed && !g->readonly) {
		is->typed_gender = g->choice;
		free(is->typed_birth);
		is->typed_birth = edit_get(&b->edit);
	} else if (typed && g->readonly) {
		g->choice = is->typed_gender;
		edit_set(&b->edit, is->typed_birth ? is->typed_birth : "");
	}
	g->readonly = b->readonly = !typed;
	if (typed)
		return;
	g->msg[0] = '\0';
	form_set_msg(b, US_DIM, "由证件号码得出");
	if (how == INTAKE_SB_NUMBER) {
		char code[2] = {gender, '\0'};
		g->choice = vocab_index(VOCAB_GENDER, code) + 1;
		edit_set(&b->edit, birth);
	} else {
		g->choice = 0;
		edit_set(&b->edit, "");
	}
}

/* fill: a number found in the archive fills the form (not when a draft
 * comes back: what it kept was typed over the archive on purpose) */
static void check_id(struct screen *s, int fill)
{
	struct intake_screen *is = s->priv;
	struct form_item *it = form_find(&is->form, "applicant[0].id_no");
	int t = choice_of(is, "applicant[0].id_type");
	int kind = val_kind_from_keyword(id_type_kws[t]);
	char *raw = edit_get(&it->edit);
	char norm[128], gender = 0, birth[11] = "";
	const char *reason;
	int how = intake_sex_birth(s->app->cfg, id_type_kws[t], raw, &gender, birth);

	set_sex_birth(is, how, gender, birth);
	if (!*raw) {
		it->msg[0] = '\0';
		free(raw);
		return;
	}
	if (val_check(kind, raw, s->app->cfg->legacy_id15 ? VAL_ALLOW_LEGACY15 : 0, norm, sizeof norm, &reason) < 0) {
		form_set_msg(it, US_ERROR, "%s", reason);
		free(raw);
		return;
	}
	free(raw);
	struct person_full pf = {0};
	int found = archive_person_find(s->app->db, &s->app->actor, id_type_kws[t], norm, &pf);
	if (found > 0 && !fill) {
		form_set_msg(it, US_OK, "正确；档案中有 %s", pf.name);
		person_full_free(&pf);
	} else if (found > 0) {
		/* the document is the archive's key: what the archive holds
		 * replaces what was typed; changes typed afterwards are kept
		 * as updates to the archive when the case is saved */
		fill_from_archive(is, "applicant[0].name", pf.name);
		fill_from_archive(is, "applicant[0].nationality", pf.nationality);
		fill_from_archive(is, "applicant[0].phone", pf.phone);
		fill_from_archive(is, "applicant[0].address", pf.address);
		fill_from_archive(is, "applicant[0].occupation", pf.occupation);
		if (pf.household && *pf.household)
			form_find(&is->form, "applicant[0].household")->choice =
				vocab_index(VOCAB_HOUSEHOLD, pf.household) + 1;
		if (how == INTAKE_SB_TYPED) {
			if (pf.gender && *pf.gender)
				form_find(&is->form, "applicant[0].gender")->choice =
					vocab_index(VOCAB_GENDER, pf.gender) + 1;
			fill_from_archive(is, "applicant[0].birth_date", pf.birth_date);
		}
		check_phone(is, "applicant[0].phone");
		form_set_msg(it, US_OK, "正确；已从档案调入 %s", pf.name);
		person_full_free(&pf);
	} else if (found == 0) {
		form_set_msg(it, US_OK, "正确（新当事人）");
	} else {
		ui_error(s->app);
	}
}

static void check_phone(struct intake_screen *is, const char *id)
{
	struct form_item *it = form_find(&is->form, id);
	char *raw = edit_get(&it->edit);
	char norm[64];
	const char *reason;

	if (!*raw)
		it->msg[0] = '\0';
	else if (val_check(VAL_PHONE, raw, 0, norm, sizeof norm, &reason) < 0)
		form_set_msg(it, US_ERROR, "%s", reason);
	else
		form_set_msg(it, US_OK, "正确");
	free(raw);
}

/* by credit code: the archive replaces what was typed; by name (no code
 * typed): only empty fields are filled */
static void fill_employer(struct screen *s, int i, struct employer_full *ef, int by_code)
{
	struct intake_screen *is = s->priv;
	void (*fill)(struct intake_screen *, const char *, const char *) = by_code ? fill_from_archive : fill_if_empty;
	char id[48];

	if (!by_code)
		fill_if_empty(is, rid(id, sizeof id, i, "uscc"), ef->uscc);
	fill(is, rid(id, sizeof id, i, "name"), ef->name);
	fill(is, rid(id, sizeof id, i, "legal_rep"), ef->legal_rep);
	fill(is, rid(id, sizeof id, i, "legal_rep_title"), ef->legal_rep_title);
	fill(is, rid(id, sizeof id, i, "address"), ef->address);
	fill(is, rid(id, sizeof id, i, "phone"), ef->phone);
	fill(is, rid(id, sizeof id, i, "district"), ef->district);
	fill(is, rid(id, sizeof id, i, "industry"), ef->industry);
	check_phone(is, rid(id, sizeof id, i, "phone"));
}

static void check_uscc(struct screen *s, int i, int fill)
{
	struct intake_screen *is = s->priv;
	char id[48];
	struct form_item *it = form_find(&is->form, rid(id, sizeof id, i, "uscc"));
	char *raw = edit_get(&it->edit);
	char norm[64];
	const char *reason;

	if (!*raw) {
		it->msg[0] = '\0';
	} else if (val_check(VAL_USCC, raw, 0, norm, sizeof norm, &reason) < 0) {
		form_set_msg(it, US_ERROR, "%s", reason);
	} else {
		struct employer_full ef = {0};
		int found = archive_employer_find(s->app->db, &s->app->actor, norm, NULL, &ef);
		if (found > 0) {
			if (fill)
				fill_employer(s, i, &ef, 1);
			form_set_msg(it, US_OK, fill ? "正确；已从档案调入" : "正确；档案中有此单位");
			employer_full_free(&ef);
		} else if (found == 0) {
			form_set_msg(it, US_OK, "正确（新单位）");
		} else {
			ui_error(s->app);
		}
	}
	free(raw);
	rescan(s);
}

static void check_employer_name(struct screen *s, int i)
{
	struct intake_screen *is = s->priv;
	char id[48], uid[48];
	struct form_item *it = form_find(&is->form, rid(id, sizeof id, i, "name"));

	it->msg[0] = '\0';
	if (!resp_individual(is, i) && field_empty(is, rid(uid, sizeof uid, i, "uscc")) && !field_empty(is, id)) {
		char *name = field(is, id);
		struct employer_full ef = {0};
		if (archive_employer_find(s->app->db, &s->app->actor, NULL, name, &ef) > 0) {
			fill_employer(s, i, &ef, 0);
			form_set_msg(it, US_OK, "已从档案调入");
			employer_full_free(&ef);
		}
		free(name);
	}
	rescan(s);
}

/* An individual respondent's document: checked as typed; a number the
 * worker archive knows fills the name, phone and address (fill). */
static void check_resp_id(struct screen *s, int i, int fill)
{
	struct intake_screen *is = s->priv;
	char id[48];
	struct form_item *it = form_find(&is->form, rid(id, sizeof id, i, "id_no"));
	int t = choice_of(is, rid(id, sizeof id, i, "id_type"));
	int kind = val_kind_from_keyword(id_type_kws[t]);
	char *raw = edit_get(&it->edit);
	char norm[128];
	const char *reason;

	if (!*raw || !resp_individual(is, i)) {
		it->msg[0] = '\0';
	} else if (val_check(kind, raw, s->app->cfg->legacy_id15 ? VAL_ALLOW_LEGACY15 : 0, norm, sizeof norm,
			     &reason) < 0) {
		form_set_msg(it, US_ERROR, "%s", reason);
	} else {
		struct person_full pf = {0};
		int found = archive_person_find(s->app->db, &s->app->actor, id_type_kws[t], norm, &pf);
		if (found > 0) {
			if (fill) {
				fill_from_archive(is, rid(id, sizeof id, i, "name"), pf.name);
				fill_from_archive(is, rid(id, sizeof id, i, "phone"), pf.phone);
				fill_from_archive(is, rid(id, sizeof id, i, "address"), pf.address);
				check_phone(is, rid(id, sizeof id, i, "phone"));
			}
			form_set_msg(it, US_OK, fill ? "正确；已从档案调入 %s" : "正确；档案中有 %s", pf.name);
			person_full_free(&pf);
		} else if (found == 0) {
			form_set_msg(it, US_OK, "正确（新当事人）");
		} else {
			ui_error(s->app);
		}
	}
	free(raw);
}

static void update_facts_count(struct intake_screen *is)
{
	struct form_item *it = form_find(&is->form, "facts");
	struct form_item *sec = form_find(&is->form, "sec.case");
	char buf[96];

	snprintf(buf, sizeof buf, "事实与理由已输入 %zu 字（最多 %d 字）", it->edit.len, INTAKE_MAX_FACTS_CHARS);
	form_set_text(sec, buf);
	sec->text_style = it->edit.len >= INTAKE_MAX_FACTS_CHARS ? US_WARN : US_DIM;
}

/* Beside each particular of a party from the archive that this form
 * would change there: "档案姓名将由 周小梅 改为 周小梅梅" (the case keeps
 * what is typed, the archive takes it as the latest, earlier cases keep
 * theirs).  Errors at a field stay; the notes of the last look go. */
static void archive_preview(struct screen *s)
{
	struct intake_screen *is = s->priv;
	struct intake in;
	struct intake_person p;
	struct intake_claim *cl = xcalloc((size_t)is->nclaims + 1, sizeof *cl);
	struct kept k = {0};
	struct intake_changes ch;
	char buf[600];

	if (is->correct_id) {
		/* a correction writes to the archive only what it changes in
		 * the case: a preview against the archive would name
		 * particulars the correction leaves alone */
		free(cl);
		return;
	}
	to_intake(is, &in, &p, cl, &k);
	int rc = intake_archive_changes(s->app->db, s->app->cfg, &s->app->actor, &in, &ch);
	free_kept(&k);
	free(cl);
	for (int i = 0; i < is->form.n; i++) {
		struct form_item *it = &is->form.items[i];
		if (it->id && it->msg_style == US_WARN &&
		    (!strncmp(it->id, "applicant[0].", 13) || !strncmp(it->id, "respondent[", 11)))
			it->msg[0] = '\0';
	}
	if (rc < 0)
		return; /* only a note: the save says what is wrong */
	for (int i = 0; i < ch.n; i++) {
		struct form_item *it = form_find(&is->form, ch.v[i].field);
		if (!it || (it->msg[0] && it->msg_style == US_ERROR))
			continue;
		intake_change_text(&ch.v[i], buf, sizeof buf);
		form_set_msg(it, US_WARN, "%s", buf);
	}
}

static void check_birth(struct intake_screen *is)
{
	struct form_item *it = form_find(&is->form, "applicant[0].birth_date");
	char *v = edit_get(&it->edit);
	tj_day d;

	if (it->readonly || !*v)
		it->msg[0] = '\0';
	else if (date_parse(v, &d) < 0)
		form_set_msg(it, US_ERROR, "%s", tj_errmsg());
	else if (d > tj_today())
		form_set_msg(it, US_ERROR, "出生日期不能晚于今天");
	else
		it->msg[0] = '\0';
	free(v);
}

/* Something in item i changed. */
static void changed(struct screen *s, int i)
{
	struct intake_screen *is = s->priv;
	const char *id = is->form.items[i].id;

	is->dirty = 1;
	/* an error shown at a field goes when the field is edited; the live
	 * checks below say again what is still wrong */
	if (is->form.items[i].msg_style == US_ERROR)
		is->form.items[i].msg[0] = '\0';
	if (!id)
		return;
	int ri;
	char rf[32];
	if (sscanf(id, "respondent[%d].%31s", &ri, rf) == 2 && ri >= 0 && ri < is->nresp) {
		if (!strcmp(rf, "kind")) {
			apply_kind(is, ri);
			check_resp_id(s, ri, 0);
			rescan(s);
		} else if (!strcmp(rf, "id_no") || !strcmp(rf, "id_type")) {
			check_resp_id(s, ri, 1);
		} else if (!strcmp(rf, "phone")) {
			check_phone(is, id);
		} else if (!strcmp(rf, "uscc")) {
			check_uscc(s, ri, 1);
		} else if (!strcmp(rf, "name")) {
			check_employer_name(s, ri);
		}
		archive_preview(s);
		return;
	}
	if (!strcmp(id, "applicant[0].id_no") || !strcmp(id, "applicant[0].id_type"))
		check_id(s, 1);
	else if (!strcmp(id, "applicant[0].phone"))
		check_phone(is, id);
	else if (!strcmp(id, "facts"))
		update_facts_count(is);
	else if (!strcmp(id, "received")) {
		struct form_item *it = &is->form.items[i];
		char *v = edit_get(&it->edit);
		tj_day d;
		if (date_parse(v, &d) < 0)
			form_set_msg(it, US_ERROR, "%s", tj_errmsg());
		else if (d > tj_today())
			form_set_msg(it, US_ERROR, "不能晚于今天");
		else
			it->msg[0] = '\0';
		free(v);
	} else if (!strcmp(id, "applicant[0].birth_date")) {
		check_birth(is);
	} else if (!strcmp(id, "applicant[0].name") || !strcmp(id, "applicant[0].nationality")) {
		is->form.items[i].msg[0] = '\0';
	}
	if (!strncmp(id, "applicant[0].", 13))
		archive_preview(s);
}

/* ---- drafts ---------------------------------------------------------------- */

/* The dialogs' part of the draft (below, with the dialogs). */
static void claim_dialog_put(struct intake_screen *is, struct strbuf *sb);
static int claim_dialog_changed(const struct claim_dialog *cd);
static void evid_dialog_put(struct intake_screen *is, struct strbuf *sb);
static int evid_dialog_changed(const struct evid_dialog *ed);
static void agent_dialog_put(struct intake_screen *is, struct strbuf *sb);
static int agent_dialog_changed(const struct agent_dialog *ad);
static int app_dialog_changed(const struct app_dialog *pd);
static void app_dialog_put(struct intake_screen *is, struct strbuf *sb);

/* The parties' part of the draft: how many respondents, each party's
 * agents, each claim's respondents and joint liability.  (Each
 * respondent's fields are the form's and go with it.) */
static void parties_put(struct intake_screen *is, struct strbuf *sb)
{
	char key[64], num[16], pre[32];

	snprintf(num, sizeof num, "%d", is->nresp);
	draft_put(sb, "respondents.n", num);
	for (int i = 0; i < is->nresp && is->correct_id; i++) {
		snprintf(key, sizeof key, "respondent[%d].ord", i);
		snprintf(num, sizeof num, "%d", is->resp_ord[i]);
		draft_put(sb, key, num);
	}
	/* the first applicant's, the respondents', the other applicants' */
	for (int q = 0; q <= is->nresp + is->nothers; q++) {
		int pi = q <= is->nresp ? q : APP_PARTY + q - is->nresp;
		const struct agents *ag = party_agents(is, pi);
		if (!ag->n)
			continue;
		party_prefix(pre, sizeof pre, pi);
		snprintf(key, sizeof key, "%s.agents.n", pre);
		snprintf(num, sizeof num, "%d", ag->n);
		draft_put(sb, key, num);
		for (int j = 0; j < ag->n; j++) {
			const struct agent *a = &ag->v[j];
			const char *const parts[] = {"name", "org", "phone", "scope"};
			const char *vals[] = {a->name, a->org, a->phone, a->scope};
			for (size_t x = 0; x < TJ_ARRAY_LEN(parts); x++) {
				snprintf(key, sizeof key, "%s.agents[%d].%s", pre, j, parts[x]);
				draft_put(sb, key, vals[x]);
			}
			snprintf(key, sizeof key, "%s.agents[%d].kind", pre, j);
			draft_put(sb, key, vocab_code_at(VOCAB_AGENT, a->kind));
			snprintf(key, sizeof key, "%s.agents[%d].authority", pre, j);
			draft_put(sb, key, vocab_code_at(VOCAB_AUTHORITY, a->authority));
		}
	}
	for (int i = 0; i < is->nclaims; i++) {
		const struct claim *c = &is->claims[i];
		struct strbuf l;
		sb_init(&l);
		for (int j = 0; j < c->nagainst; j++)
			sb_printf(&l, "%s%d", j ? "," : "", c->against[j]);
		snprintf(key, sizeof key, "claims[%d].against", i);
		draft_put(sb, key, l.len ? l.buf : "");
		sb_free(&l);
		snprintf(key, sizeof key, "claims[%d].joint", i);
		draft_put(sb, key, c->joint ? "1" : "0");
	}
}

/* The respondents and agents of a draft, before its fields come back
 * (the form is built for them); the other applicants are back already. */
static void parties_get_agents(struct intake_screen *is, const char *body)
{
	char key[64], pre[32], *v;

	v = draft_get(body, "respondents.n");
	int n = v ? atoi(v) : 1;
	free(v);
	for (int pi = 0; pi <= INTAKE_MAX_RESPONDENTS; pi++)
		agents_clear(&is->agents[pi]);
	is->nresp = n < 1 ? 1 : n > INTAKE_MAX_RESPONDENTS ? INTAKE_MAX_RESPONDENTS : n;
	for (int i = 0; i < INTAKE_MAX_RESPONDENTS; i++) {
		snprintf(key, sizeof key, "respondent[%d].ord", i);
		v = i < is->nresp ? draft_get(body, key) : NULL;
		is->resp_ord[i] = v ? atoi(v) : 0;
		free(v);
	}
	for (int i = 0; i < is->nothers; i++)
		agents_clear(&is->others[i].agents);
	for (int q = 0; q <= is->nresp + is->nothers; q++) {
		int pi = q <= is->nresp ? q : APP_PARTY + q - is->nresp;
		party_prefix(pre, sizeof pre, pi);
		snprintf(key, sizeof key, "%s.agents.n", pre);
		v = draft_get(body, key);
		int na = v ? atoi(v) : 0;
		free(v);
		for (int j = 0; j < na && j < 20; j++) {
			struct agent *a = agent_append(party_agents(is, pi));
			const char *const parts[] = {"name", "org", "phone", "scope"};
			char **slot[] = {&a->name, &a->org, &a->phone, &a->scope};
			for (size_t x = 0; x < TJ_ARRAY_LEN(parts); x++) {
				snprintf(key, sizeof key, "%s.agents[%d].%s", pre, j, parts[x]);
				if ((v = draft_get(body, key))) {
					free(*slot[x]);
					*slot[x] = v;
				}
			}
			snprintf(key, sizeof key, "%s.agents[%d].kind", pre, j);
			if ((v = draft_get(body, key))) {
				a->kind = vocab_index(VOCAB_AGENT, v) > 0 ? vocab_index(VOCAB_AGENT, v) : 0;
				free(v);
			}
			snprintf(key, sizeof key, "%s.agents[%d].authority", pre, j);
			if ((v = draft_get(body, key))) {
				a->authority = vocab_index(VOCAB_AUTHORITY, v) > 0 ? vocab_index(VOCAB_AUTHORITY, v) : 0;
				free(v);
			}
		}
	}
}

/* A claim's respondents and joint liability from the draft. */
static void claim_parties_get(struct intake_screen *is, struct claim *c, int i, const char *body)
{
	char key[48], *v;

	c->nagainst = 0;
	snprintf(key, sizeof key, "claims[%d].against", i);
	if ((v = draft_get(body, key))) {
		for (char *p = v; *p && c->nagainst < INTAKE_MAX_RESPONDENTS;) {
			int r = (int)strtol(p, &p, 10);
			if (r >= 1 && r <= is->nresp)
				c->against[c->nagainst++] = r;
			while (*p == ',')
				p++;
			if (*p && (*p < '0' || *p > '9'))
				break;
		}
		free(v);
	}
	snprintf(key, sizeof key, "claims[%d].joint", i);
	if ((v = draft_get(body, key))) {
		c->joint = atoi(v) != 0;
		free(v);
	}
}

/* The applicants after the first in the draft (a correction's: which of
 * the case's each one is). */
#define OTHER_FIELDS(o) {&(o)->id_no, &(o)->name, &(o)->birth, &(o)->nationality, &(o)->phone, &(o)->address, \
			 &(o)->occupation}
static const char *const other_keys[] = {"id_no", "name", "birth", "nationality", "phone", "address", "occupation"};

static void others_put(struct intake_screen *is, struct strbuf *sb)
{
	char key[48], num[16];

	if (!is->correct_id && !is->nothers)
		return; /* a registration of one applicant: nothing more */
	if (is->correct_id) {
		snprintf(num, sizeof num, "%d", is->app0_ord);
		draft_put(sb, "first.ord", num);
		draft_put(sb, "first.representative", is->app0_rep ? "1" : "0");
	}
	snprintf(num, sizeof num, "%d", is->nothers);
	draft_put(sb, "others.n", num);
	for (int i = 0; i < is->nothers; i++) {
		struct other_app *o = &is->others[i];
		char **f[] = OTHER_FIELDS(o);
		for (size_t j = 0; j < TJ_ARRAY_LEN(other_keys); j++) {
			snprintf(key, sizeof key, "other[%d].%s", i, other_keys[j]);
			draft_put(sb, key, *f[j]);
		}
		snprintf(key, sizeof key, "other[%d].id_type", i);
		draft_put(sb, key, id_type_kws[o->id_type]);
		snprintf(key, sizeof key, "other[%d].gender", i);
		snprintf(num, sizeof num, "%d", o->gender);
		draft_put(sb, key, num);
		snprintf(key, sizeof key, "other[%d].household", i);
		snprintf(num, sizeof num, "%d", o->household);
		draft_put(sb, key, num);
		snprintf(key, sizeof key, "other[%d].ord", i);
		snprintf(num, sizeof num, "%d", o->ord);
		draft_put(sb, key, num);
		snprintf(key, sizeof key, "other[%d].representative", i);
		draft_put(sb, key, o->representative ? "1" : "0");
	}
}

/* One more applicant after the first, blank: one the case did not have. */
static struct other_app *other_append(struct intake_screen *is)
{
	is->others = xrealloc(is->others, (size_t)(is->nothers + 1) * sizeof *is->others);
	struct other_app *o = &is->others[is->nothers++];
	memset(o, 0, sizeof *o);
	char **f[] = OTHER_FIELDS(o);
	for (size_t j = 0; j < TJ_ARRAY_LEN(f); j++)
		*f[j] = xstrdup("");
	o->ord = -1;
	return o;
}

/* What the draft kept of them, over what the case has: as many as the
 * draft had (a draft of before the count was kept: the case's). */
static void others_get(struct intake_screen *is, const char *body)
{
	char key[48], *v;

	if ((v = draft_get(body, "first.ord"))) {
		is->app0_ord = atoi(v);
		free(v);
	}
	if ((v = draft_get(body, "first.representative"))) {
		is->app0_rep = atoi(v) != 0;
		free(v);
	}
	if ((v = draft_get(body, "others.n"))) {
		int n = atoi(v);
		free(v);
		if (n < 0 || n >= INTAKE_MAX_PARTIES)
			n = is->nothers;
		while (is->nothers > n)
			other_free(&is->others[--is->nothers]);
		while (is->nothers < n)
			other_append(is);
	}
	for (int i = 0; i < is->nothers; i++) {
		struct other_app *o = &is->others[i];
		char **f[] = OTHER_FIELDS(o);
		for (size_t j = 0; j < TJ_ARRAY_LEN(other_keys); j++) {
			snprintf(key, sizeof key, "other[%d].%s", i, other_keys[j]);
			if ((v = draft_get(body, key))) {
				free(*f[j]);
				*f[j] = v;
			}
		}
		snprintf(key, sizeof key, "other[%d].id_type", i);
		if ((v = draft_get(body, key))) {
			for (int t = 0; t < (int)TJ_ARRAY_LEN(id_type_kws); t++)
				if (!strcmp(id_type_kws[t], v))
					o->id_type = t;
			free(v);
		}
		snprintf(key, sizeof key, "other[%d].gender", i);
		if ((v = draft_get(body, key))) {
			o->gender = atoi(v);
			free(v);
		}
		snprintf(key, sizeof key, "other[%d].household", i);
		if ((v = draft_get(body, key))) {
			o->household = atoi(v);
			free(v);
		}
		snprintf(key, sizeof key, "other[%d].ord", i);
		if ((v = draft_get(body, key))) {
			o->ord = atoi(v);
			free(v);
		}
		snprintf(key, sizeof key, "other[%d].representative", i);
		if ((v = draft_get(body, key))) {
			o->representative = atoi(v) != 0;
			free(v);
		}
	}
}

static char *serialise(struct intake_screen *is)
{
	struct strbuf sb;
	char num[32];

	sb_init(&sb);
	if (is->correct_id) {
		snprintf(num, sizeof num, "%lld", (long long)is->correct_id);
		draft_put(&sb, "correct.case_id", num);
		snprintf(num, sizeof num, "%lld", (long long)is->correct_version);
		draft_put(&sb, "correct.version", num);
	}
	form_draft_put(&is->form, &sb, "");
	snprintf(num, sizeof num, "%d", is->nclaims);
	draft_put(&sb, "claims.n", num);
	for (int i = 0; i < is->nclaims; i++) {
		char key[48];
		snprintf(key, sizeof key, "claims[%d].cause", i);
		draft_put(&sb, key, is->claims[i].cause);
		snprintf(key, sizeof key, "claims[%d].cause_name", i);
		draft_put(&sb, key, is->claims[i].cause_name);
		snprintf(key, sizeof key, "claims[%d].text", i);
		draft_put(&sb, key, is->claims[i].text);
		snprintf(key, sizeof key, "claims[%d].amount", i);
		draft_put(&sb, key, is->claims[i].amount);
		if (is->claims[i].ord) {
			snprintf(key, sizeof key, "claims[%d].ord", i);
			snprintf(num, sizeof num, "%d", is->claims[i].ord);
			draft_put(&sb, key, num);
		}
	}
	snprintf(num, sizeof num, "%d", is->nevidence);
	draft_put(&sb, "evidence.n", num);
	for (int i = 0; i < is->nevidence; i++) {
		const struct evid *e = &is->evidence[i];
		char key[48];
		snprintf(key, sizeof key, "evidence[%d].name", i);
		draft_put(&sb, key, e->name);
		snprintf(key, sizeof key, "evidence[%d].source", i);
		draft_put(&sb, key, e->source);
		snprintf(key, sizeof key, "evidence[%d].purpose", i);
		draft_put(&sb, key, e->purpose);
		snprintf(key, sizeof key, "evidence[%d].pages", i);
		draft_put(&sb, key, e->pages);
		snprintf(key, sizeof key, "evidence[%d].original", i);
		draft_put(&sb, key, e->original ? "1" : "0");
		snprintf(key, sizeof key, "evidence[%d].party", i);
		draft_put(&sb, key, vocab_code_at(VOCAB_PARTY, e->party));
	}
	others_put(is, &sb);
	parties_put(is, &sb);
	claim_dialog_put(is, &sb);
	evid_dialog_put(is, &sb);
	agent_dialog_put(is, &sb);
	app_dialog_put(is, &sb);
	return sb_detach(&sb);
}

static void restore(struct screen *s, const char *body)
{
	struct intake_screen *is = s->priv;

	/* typed sex and birth date come back (check_id below makes them
	 * read-only again when the number gives them) */
	form_find(&is->form, "applicant[0].gender")->readonly = 0;
	form_find(&is->form, "applicant[0].birth_date")->readonly = 0;
	others_get(is, body);
	parties_get_agents(is, body);
	rebuild_form(is, NULL);
	form_find(&is->form, "applicant[0].gender")->readonly = 0;
	form_find(&is->form, "applicant[0].birth_date")->readonly = 0;
	form_draft_get(&is->form, body, "");
	for (int i = 0; i < is->nresp; i++)
		apply_kind(is, i);
	while (is->nclaims > 0) /* a correction's draft replaces the case's claims */
		claim_remove(is, is->nclaims - 1);
	char *n = draft_get(body, "claims.n");
	int nc = n ? atoi(n) : 0;
	free(n);
	for (int i = 0; i < nc && i < INTAKE_MAX_CLAIMS; i++) {
		char key[48];
		struct claim *c = claim_append(is);
		snprintf(key, sizeof key, "claims[%d].cause", i);
		char *v = draft_get(body, key);
		snprintf(c->cause, sizeof c->cause, "%s", v ? v : "");
		free(v);
		snprintf(key, sizeof key, "claims[%d].cause_name", i);
		if ((v = draft_get(body, key))) {
			free(c->cause_name);
			c->cause_name = v;
		}
		snprintf(key, sizeof key, "claims[%d].text", i);
		if ((v = draft_get(body, key))) {
			free(c->text);
			c->text = v;
		}
		snprintf(key, sizeof key, "claims[%d].amount", i);
		if ((v = draft_get(body, key))) {
			free(c->amount);
			c->amount = v;
		}
		snprintf(key, sizeof key, "claims[%d].ord", i);
		if ((v = draft_get(body, key))) {
			c->ord = atoi(v);
			free(v);
		}
		claim_parties_get(is, c, i, body);
	}
	n = draft_get(body, "evidence.n");
	int ne = n ? atoi(n) : 0;
	free(n);
	for (int i = 0; i < ne && i < INTAKE_MAX_EVIDENCE; i++) {
		static const char *const parts[] = {"name", "source", "purpose", "pages"};
		struct evid *e = evid_append(is);
		char **slot[] = {&e->name, &e->source, &e->purpose, &e->pages};
		char key[48], *v;
		for (size_t j = 0; j < TJ_ARRAY_LEN(parts); j++) {
			snprintf(key, sizeof key, "evidence[%d].%s", i, parts[j]);
			if ((v = draft_get(body, key))) {
				free(*slot[j]);
				*slot[j] = v;
			}
		}
		snprintf(key, sizeof key, "evidence[%d].original", i);
		if ((v = draft_get(body, key))) {
			e->original = atoi(v) != 0;
			free(v);
		}
		snprintf(key, sizeof key, "evidence[%d].party", i);
		if ((v = draft_get(body, key))) {
			e->party = vocab_index(VOCAB_PARTY, v) > 0 ? vocab_index(VOCAB_PARTY, v) : 0;
			free(v);
		}
	}
	build_claim_rows(is);
	check_id(s, 0);
	check_phone(is, "applicant[0].phone");
	for (int i = 0; i < is->nresp; i++) {
		char id[48];
		check_uscc(s, i, 0);
		check_resp_id(s, i, 0);
		check_phone(is, rid(id, sizeof id, i, "phone"));
	}
	check_birth(is);
	archive_preview(s);
	update_facts_count(is);
}

/* A second respondent, an agent, an agent being typed. */
static int has_parties(struct intake_screen *is)
{
	if (is->nresp > 1 || (is->adialog && agent_dialog_changed(is->adialog)) || is->nothers > 0 ||
	    (is->pdialog && app_dialog_changed(is->pdialog)))
		return 1;
	for (int pi = 0; pi <= is->nresp; pi++)
		if (is->agents[pi].n > 0)
			return 1;
	return 0;
}

static int has_content(struct intake_screen *is)
{
	static const char *const ids[] = {"applicant[0].id_no", "applicant[0].name", "applicant[0].phone",
					  "respondent[0].uscc", "respondent[0].name", "facts"};

	for (size_t i = 0; i < TJ_ARRAY_LEN(ids); i++)
		if (!field_empty(is, ids[i]))
			return 1;
	return is->nclaims > 0 || (is->dialog && claim_dialog_changed(is->dialog)) || is->nevidence > 0 ||
	       (is->edialog && evid_dialog_changed(is->edialog)) || has_parties(is);
}

/* Anything typed or chosen since the form opened empty (a resumed draft
 * counts: it is not saved as a case), the claims, a claim being typed. */
static int intake_changed(struct intake_screen *is)
{
	if (is->correct_id) {
		/* a correction opens filled: changed is different from that */
		char *now = serialise(is);
		int changed = strcmp(now, is->opened ? is->opened : "") != 0;
		free(now);
		return changed;
	}
	return form_changed(&is->form, is->snap) || is->nclaims > 0 ||
	       (is->dialog && claim_dialog_changed(is->dialog)) || is->nevidence > 0 ||
	       (is->edialog && evid_dialog_changed(is->edialog)) || has_parties(is);
}

static void intake_save_draft(struct screen *s)
{
	struct intake_screen *is = s->priv;

	if (is->saved || !has_content(is) || !s->app->logged_in || (is->correct_id && !intake_changed(is)))
		return;
	char *body = serialise(is);
	if (screen_draft_keep(s->app, "intake", body, &is->draft_id, &is->draft_slot) >= 0) {
		is->dirty = 0;
		is->last_save = time(NULL);
	}
	free(body);
}

/* Before a save: a draft kept aside moves into the database, where the
 * save deletes it in its own transaction (a kill after the save can then
 * leave no copy of a saved form to be offered again). */
static void settle_draft(struct screen *s)
{
	struct intake_screen *is = s->priv;

	if (is->draft_slot)
		intake_save_draft(s);
}

static void intake_tick(struct screen *s)
{
	struct intake_screen *is = s->priv;

	if (is->dirty && time(NULL) - is->last_save >= screen_autosave_seconds()) {
		intake_save_draft(s);
		if (!is->dirty && !is->draft_slot) /* kept aside: its own message stays */
			ui_msg(s->app, US_DIM, "已自动保存草稿");
	}
}

/* ---- the claim dialog ----------------------------------------------------- */

struct claim_dialog {
	struct form form;
	struct screen *parent;
	int index; /* -1: new */
	char cause[8];
	char *cause_name;
	char *snap;          /* the fields as the dialog opened */
	char first_cause[8]; /* the cause as it opened */
	/* the choices of respondents: 全部被申请人, each one, and (a
	 * correction's claim naming some of them) that set */
	char **against_names;
	int nagainst_names;
	int nsub, sub[INTAKE_MAX_RESPONDENTS];
};

static const char *const joint_names[] = {"否", "是（连带责任）"};

/* The joint choice where the claim names two or more respondents. */
static void claim_dialog_joint(struct claim_dialog *cd)
{
	struct form_item *a = form_find(&cd->form, "against"), *j = form_find(&cd->form, "joint");
	int nresp = ((struct intake_screen *)cd->parent->priv)->nresp;

	a->hidden = nresp < 2;
	j->hidden = nresp < 2 || (a->choice >= 1 && a->choice <= nresp);
}

static int claim_dialog_changed(const struct claim_dialog *cd)
{
	return strcmp(cd->cause, cd->first_cause) != 0 || form_changed(&cd->form, cd->snap);
}

/* A claim half typed is part of the intake's draft: its cause, text and
 * amount under "dialog.claim.", and which claim it edits (-1: a new one). */
#define CLAIM_DRAFT "dialog.claim."

static void claim_dialog_put(struct intake_screen *is, struct strbuf *sb)
{
	struct claim_dialog *cd = is->dialog;
	char num[16];

	if (!cd || !claim_dialog_changed(cd))
		return;
	snprintf(num, sizeof num, "%d", cd->index);
	draft_put(sb, CLAIM_DRAFT "index", num);
	draft_put(sb, CLAIM_DRAFT "cause", cd->cause);
	draft_put(sb, CLAIM_DRAFT "cause_name", cd->cause_name);
	form_draft_put(&cd->form, sb, CLAIM_DRAFT);
}

static const enum ui_action claim_actions[] = {UA_SAVE, UA_PICK, UA_BACK, UA_NEXT, UA_PREV, UA_ENTER, UA_NONE};

static void claim_set_cause_row(struct claim_dialog *cd)
{
	struct form_item *it = form_find(&cd->form, "cause");
	char buf[200];

	if (cd->cause[0])
		snprintf(buf, sizeof buf, "案由        %s %s   （Enter 或 F4/^P 重新选择）", cd->cause, cd->cause_name);
	else
		snprintf(buf, sizeof buf, "案由        （请按 Enter 或 F4/^P 选择案由）");
	form_set_text(it, buf);
}

static void claim_picked(void *ctx, const char *code, const char *name)
{
	struct claim_dialog *cd = ctx;
	struct form_item *text = form_find(&cd->form, "text");

	snprintf(cd->cause, sizeof cd->cause, "%s", code);
	free(cd->cause_name);
	cd->cause_name = xstrdup(name);
	claim_set_cause_row(cd);
	if (edit_empty(&text->edit)) {
		/* a start in standard wording the clerk completes (a mediation
		 * application asks; 裁令 is an award's word) */
		char *t = xasprintf("请求被申请人%s%s", strncmp(code, "01", 2) == 0 ? "" : "支付", name);
		if (strncmp(code, "01", 2) == 0 || strncmp(code, "17", 2) == 0 || strncmp(code, "0403", 4) == 0 ||
		    strncmp(code, "02", 2) == 0) {
			free(t);
			t = xasprintf("请求%s", name);
		}
		edit_set(&text->edit, t);
		free(t);
	}
	form_focus(&cd->form, form_index(&cd->form, "text"));
}

static int claim_text_input(struct screen *s)
{
	struct claim_dialog *cd = s->priv;

	return form_text_input(&cd->form);
}

static void claim_layout(struct screen *s, int rows, int cols)
{
	struct claim_dialog *cd = s->priv;

	s->rows = rows;
	s->cols = cols;
	cd->form.label_w = 10;
	form_area(&cd->form, rows / 2 - 3, 6, 6, cols - 12);
	cd->form.field_w = cols - 12 - 12 - 24;
}

static void claim_draw(struct screen *s)
{
	struct claim_dialog *cd = s->priv;
	int y = s->rows / 2 - 5;

	ui_box(y, 4, 11, s->cols - 8, cd->index < 0 ? "新增请求事项" : "修改请求事项");
	ui_put(y + 9, 6, "请求内容请用规范用语，写明期间和金额；F2/^S 保存，Esc 取消", s->cols - 12,
	       ui_attr(US_DIM), 0);
	form_draw(&cd->form);
}

static int claim_save(struct screen *s)
{
	struct claim_dialog *cd = s->priv;
	struct intake_screen *is = cd->parent->priv;
	struct form_item *ti = form_find(&cd->form, "text"), *ai = form_find(&cd->form, "amount");
	char *text = edit_get(&ti->edit), *amount = edit_get(&ai->edit);
	int64_t fen;
	const char *reason;
	int bad = 0;

	ti->msg[0] = ai->msg[0] = '\0';
	if (!cd->cause[0]) {
		ui_msg(s->app, US_ERROR, "请先选择案由（Enter 或 F4/^P）");
		form_focus(&cd->form, form_index(&cd->form, "cause"));
		bad = 1;
	}
	if (edit_empty(&ti->edit)) {
		form_set_msg(ti, US_ERROR, "请填写请求内容");
		bad = 1;
	}
	if (*amount && money_parse(amount, &fen, &reason) < 0) {
		form_set_msg(ai, US_ERROR, "%s", reason);
		bad = 1;
	}
	if (bad) {
		if (cd->cause[0]) /* else the message asks for the cause */
			form_show_errors(&cd->form, s->app);
		free(text);
		free(amount);
		return UI_HANDLED;
	}
	struct claim *c = cd->index < 0 ? claim_append(is) : &is->claims[cd->index];
	snprintf(c->cause, sizeof c->cause, "%s", cd->cause);
	free(c->cause_name);
	c->cause_name = xstrdup(cd->cause_name ? cd->cause_name : "");
	free(c->text);
	c->text = text;
	free(c->amount);
	c->amount = amount;
	/* whom it is against: all, one, or the set it had */
	int ac = form_find(&cd->form, "against")->choice, joint = form_find(&cd->form, "joint")->choice;
	c->nagainst = 0;
	c->joint = 0;
	if (is->nresp > 1) {
		if (ac >= 1 && ac <= is->nresp) {
			c->against[c->nagainst++] = ac;
		} else {
			if (ac > is->nresp)
				for (int j = 0; j < cd->nsub; j++)
					c->against[c->nagainst++] = cd->sub[j];
			c->joint = joint != 0;
		}
	}
	is->dirty = 1;
	build_claim_rows(is);
	/* focus the row just saved */
	int base = form_index(&is->form, "claims");
	form_focus(&is->form, base + 1 + (cd->index < 0 ? is->nclaims - 1 : cd->index));
	rescan(cd->parent);
	ui_msg(s->app, US_OK, "请求事项已%s", cd->index < 0 ? "新增" : "修改");
	return UI_HANDLED | UI_CLOSE;
}

static int claim_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct claim_dialog *cd = s->priv;
	struct form_item *it = form_focused(&cd->form);

	switch (a) {
	case UA_BACK:
		/* Esc never throws a typed claim away without asking */
		if (!claim_dialog_changed(cd))
			return UI_HANDLED | UI_CLOSE;
		switch (ui_ask_unsaved(s->app, "这条请求事项")) {
		case UI_SAVE:
			return claim_save(s); /* stays open when something is wrong */
		case UI_DISCARD:
			return UI_HANDLED | UI_CLOSE;
		default:
			return UI_HANDLED;
		}
	case UA_SAVE:
		return claim_save(s);
	case UA_PICK:
		ui_push(s->app, causepick_screen_new(s->app, cd->cause, claim_picked, cd));
		return UI_HANDLED;
	case UA_ENTER:
		if (it && it->id && !strcmp(it->id, "cause")) {
			ui_push(s->app, causepick_screen_new(s->app, cd->cause, claim_picked, cd));
			return UI_HANDLED;
		}
		if (it && it->id && !strcmp(it->id, "amount"))
			return claim_save(s);
		form_handle(&cd->form, UA_NEXT, 0);
		return UI_HANDLED;
	default:
		if (form_handle(&cd->form, a, ch) >= 0) {
			claim_dialog_joint(cd);
			((struct intake_screen *)cd->parent->priv)->dirty = 1; /* the autosave keeps it */
		}
		return UI_HANDLED;
	}
}

static void claim_destroy(struct screen *s)
{
	struct claim_dialog *cd = s->priv;
	struct intake_screen *is = cd->parent->priv;

	if (is->dialog == cd)
		is->dialog = NULL;
	form_free(&cd->form);
	free(cd->cause_name);
	free(cd->snap);
	for (int i = 0; i < cd->nagainst_names; i++)
		free(cd->against_names[i]);
	free(cd->against_names);
	free(cd);
}

static const struct screen_ops claim_ops = {
	.name = "claim",
	.actions = claim_actions,
	.overlay = 1,
	.text_input = claim_text_input,
	.layout = claim_layout,
	.draw = claim_draw,
	.handle = claim_handle,
	.destroy = claim_destroy,
};

/* The claim dialog's 被申请人 and 连带 choices, set as claim c has them
 * (NULL: a new claim, against all of them, not jointly).  A correction's
 * claim naming some of several keeps that set as a choice of its own. */
static void claim_dialog_parties(struct intake_screen *is, struct claim_dialog *cd, const struct claim *c)
{
	struct form_item *it;
	char id[48];
	int n = is->nresp;

	cd->against_names = xcalloc((size_t)n + 2, sizeof *cd->against_names);
	cd->against_names[cd->nagainst_names++] = xstrdup("全部被申请人");
	for (int i = 0; i < n; i++) {
		char *name = field(is, rid(id, sizeof id, i, "name"));
		cd->against_names[cd->nagainst_names++] = xasprintf("被申请人%d %s", i + 1, name);
		free(name);
	}
	int choice = 0;
	if (c && c->nagainst == 1) {
		choice = c->against[0];
	} else if (c && c->nagainst > 1) {
		struct strbuf sb;
		sb_init(&sb);
		sb_add(&sb, "被申请人");
		for (int j = 0; j < c->nagainst; j++) {
			sb_printf(&sb, "%s%d", j ? "、" : "", c->against[j]);
			cd->sub[j] = c->against[j];
		}
		cd->nsub = c->nagainst;
		cd->against_names[cd->nagainst_names++] = sb_detach(&sb);
		choice = n + 1;
	}
	it = form_add(&cd->form, FK_CHOICE, "against", "被申请人");
	it->choices = (const char *const *)cd->against_names;
	it->nchoices = cd->nagainst_names;
	it->choice = choice;
	it = form_add(&cd->form, FK_CHOICE, "joint", "连带责任");
	it->choices = joint_names;
	it->nchoices = (int)TJ_ARRAY_LEN(joint_names);
	it->choice = c && c->joint ? 1 : 0;
	claim_dialog_joint(cd);
}

/* The cause a new claim starts with, picked before its dialog opens. */
struct first_pick {
	char code[16];
	char *name;
};

static void first_picked(void *ctx, const char *code, const char *name)
{
	struct first_pick *fp = ctx;

	snprintf(fp->code, sizeof fp->code, "%s", code);
	free(fp->name);
	fp->name = xstrdup(name);
}

static struct claim_dialog *open_claim(struct screen *s, int index, int pick_first)
{
	struct intake_screen *is = s->priv;
	struct claim_dialog *cd;
	struct form_item *it;
	struct first_pick fp = {{0}, NULL};

	if (index < 0 && is->nclaims >= INTAKE_MAX_CLAIMS) {
		ui_msg(s->app, US_ERROR, "请求事项最多 %d 项", INTAKE_MAX_CLAIMS);
		return NULL;
	}
	if (pick_first) {
		/* A new claim starts at the cause picker; Esc there leaves
		 * no empty dialog behind to be closed a second time. */
		struct screen *p = causepick_screen_new(s->app, NULL, first_picked, &fp);
		ui_push(s->app, p);
		ui_wait(s->app, p);
		if (!fp.name || s->app->quit) {
			free(fp.name);
			return NULL;
		}
	}
	cd = xcalloc(1, sizeof *cd);
	cd->parent = s;
	cd->index = index;
	form_init(&cd->form);
	form_add(&cd->form, FK_ROW, "cause", NULL);
	it = form_add(&cd->form, FK_TEXT, "text", "请求内容");
	it->edit.max = INTAKE_MAX_CLAIM_CHARS;
	it = form_add(&cd->form, FK_TEXT, "amount", "金额（元）");
	it->edit.max = 20;
	claim_dialog_parties(is, cd, index >= 0 ? &is->claims[index] : NULL);
	if (index >= 0) {
		struct claim *c = &is->claims[index];
		snprintf(cd->cause, sizeof cd->cause, "%s", c->cause);
		cd->cause_name = xstrdup(c->cause_name);
		edit_set(&form_find(&cd->form, "text")->edit, c->text);
		edit_set(&form_find(&cd->form, "amount")->edit, c->amount);
		form_focus(&cd->form, 1);
	} else {
		cd->cause_name = xstrdup("");
	}
	claim_set_cause_row(cd);
	if (fp.name) {
		/* the cause just picked and its standard wording are where the
		 * dialog starts: Esc right away asks nothing */
		claim_picked(cd, fp.code, fp.name);
		free(fp.name);
	}
	cd->snap = form_snapshot(&cd->form);
	snprintf(cd->first_cause, sizeof cd->first_cause, "%s", cd->cause);
	is->dialog = cd;
	ui_push(s->app, screen_new(s->app, &claim_ops, s->title, cd));
	return cd;
}

/* The claim dialog as the draft kept it, open again with what was typed. */
static void reopen_claim(struct screen *s, const char *body)
{
	struct intake_screen *is = s->priv;
	char *v = draft_get(body, CLAIM_DRAFT "index");
	int index;
	struct claim_dialog *cd;

	if (!v)
		return; /* no dialog was open */
	index = atoi(v);
	free(v);
	if (index < -1 || index >= is->nclaims)
		index = -1;
	if (!(cd = open_claim(s, index, 0)))
		return;
	if ((v = draft_get(body, CLAIM_DRAFT "cause"))) {
		snprintf(cd->cause, sizeof cd->cause, "%s", v);
		free(v);
	}
	if ((v = draft_get(body, CLAIM_DRAFT "cause_name"))) {
		free(cd->cause_name);
		cd->cause_name = v;
	}
	form_draft_get(&cd->form, body, CLAIM_DRAFT);
	claim_dialog_joint(cd);
	claim_set_cause_row(cd);
	form_focus(&cd->form, form_index(&cd->form, cd->cause[0] ? "text" : "cause"));
}

/* ---- the evidence dialog --------------------------------------------------- */

struct evid_dialog {
	struct form form;
	struct screen *parent;
	int index; /* -1: new */
	char *snap;
};

static int evid_dialog_changed(const struct evid_dialog *ed)
{
	return form_changed(&ed->form, ed->snap);
}

/* An item half typed is part of the intake's draft, under
 * "dialog.evidence.", with the item it edits (-1: a new one). */
#define EVID_DRAFT "dialog.evidence."

static void evid_dialog_put(struct intake_screen *is, struct strbuf *sb)
{
	struct evid_dialog *ed = is->edialog;
	char num[16];

	if (!ed || !evid_dialog_changed(ed))
		return;
	snprintf(num, sizeof num, "%d", ed->index);
	draft_put(sb, EVID_DRAFT "index", num);
	form_draft_put(&ed->form, sb, EVID_DRAFT);
}

static const enum ui_action evid_actions[] = {UA_SAVE, UA_BACK, UA_NEXT, UA_PREV, UA_ENTER, UA_NONE};

static int evid_text_input(struct screen *s)
{
	struct evid_dialog *ed = s->priv;

	return form_text_input(&ed->form);
}

static void evid_layout(struct screen *s, int rows, int cols)
{
	struct evid_dialog *ed = s->priv;

	s->rows = rows;
	s->cols = cols;
	ed->form.label_w = 10;
	form_area(&ed->form, rows / 2 - 4, 6, 8, cols - 12);
	ed->form.field_w = cols - 12 - 12 - 24;
}

static void evid_draw(struct screen *s)
{
	struct evid_dialog *ed = s->priv;
	int y = s->rows / 2 - 6;

	ui_box(y, 4, 13, s->cols - 8, ed->index < 0 ? "新增证据" : "修改证据");
	ui_put(y + 11, 6, "写明证据名称、来源和证明目的；F2/^S 保存，Esc 取消", s->cols - 12, ui_attr(US_DIM), 0);
	form_draw(&ed->form);
}

/* Checked by the core's rule for an evidence item, each problem at its
 * field; the form keeps what was typed. */
static int evid_save(struct screen *s)
{
	struct evid_dialog *ed = s->priv;
	struct intake_screen *is = ed->parent->priv;
	struct form *f = &ed->form;
	char *name = edit_get(&form_find(f, "evidence.name")->edit);
	char *source = edit_get(&form_find(f, "evidence.source")->edit);
	char *purpose = edit_get(&form_find(f, "evidence.purpose")->edit);
	char *pages = edit_get(&form_find(f, "evidence.pages")->edit);
	int original = form_find(f, "evidence.original")->choice;
	int party = form_find(f, "evidence.party")->choice;
	struct case_op_evidence in = {.name = name, .source = source, .purpose = purpose, .pages = pages,
				      .original = original, .party = vocab_code_at(VOCAB_PARTY, party)};
	struct evidence_row row;
	const char *which;
	char today[11], id[48];

	form_clear_errors(f);
	date_format(tj_today(), today);
	if (evidence_check(&in, NULL, today, tj_today(), &row, &which) < 0) {
		snprintf(id, sizeof id, "evidence.%s", which);
		struct form_item *it = form_find(f, id);
		if (it) {
			form_set_msg(it, US_ERROR, "%s", tj_errmsg());
			form_show_errors(f, s->app);
		} else {
			ui_msg(s->app, US_ERROR, "%s", tj_errmsg());
		}
		free(name);
		free(source);
		free(purpose);
		free(pages);
		return UI_HANDLED;
	}
	struct evid *e = ed->index < 0 ? evid_append(is) : &is->evidence[ed->index];
	free(e->name);
	free(e->source);
	free(e->purpose);
	free(e->pages);
	e->name = name;
	e->source = source;
	e->purpose = purpose;
	e->pages = pages;
	e->original = original != 0;
	e->party = party;
	is->dirty = 1;
	build_claim_rows(is);
	form_focus(&is->form, form_index(&is->form, "evidence") + 1 + (ed->index < 0 ? is->nevidence - 1 : ed->index));
	ui_msg(s->app, US_OK, "证据已%s", ed->index < 0 ? "新增" : "修改");
	return UI_HANDLED | UI_CLOSE;
}

static int evid_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct evid_dialog *ed = s->priv;
	struct form_item *it = form_focused(&ed->form);

	switch (a) {
	case UA_BACK:
		/* Esc never throws a typed item away without asking */
		if (!evid_dialog_changed(ed))
			return UI_HANDLED | UI_CLOSE;
		switch (ui_ask_unsaved(s->app, "这项证据")) {
		case UI_SAVE:
			return evid_save(s); /* stays open when something is wrong */
		case UI_DISCARD:
			return UI_HANDLED | UI_CLOSE;
		default:
			return UI_HANDLED;
		}
	case UA_SAVE:
		return evid_save(s);
	case UA_ENTER:
		if (it && it->id && !strcmp(it->id, "evidence.party"))
			return evid_save(s);
		form_handle(&ed->form, UA_NEXT, 0);
		return UI_HANDLED;
	default: {
		int r = form_handle(&ed->form, a, ch);
		if (r >= 0) {
			struct form_item *c = &ed->form.items[r];
			if (c->msg_style == US_ERROR)
				c->msg[0] = '\0';
			((struct intake_screen *)ed->parent->priv)->dirty = 1; /* the autosave keeps it */
		}
		return UI_HANDLED;
	}
	}
}

static void evid_destroy(struct screen *s)
{
	struct evid_dialog *ed = s->priv;
	struct intake_screen *is = ed->parent->priv;

	if (is->edialog == ed)
		is->edialog = NULL;
	form_free(&ed->form);
	free(ed->snap);
	free(ed);
}

static const struct screen_ops evid_ops = {
	.name = "evidence",
	.actions = evid_actions,
	.overlay = 1,
	.text_input = evid_text_input,
	.layout = evid_layout,
	.draw = evid_draw,
	.handle = evid_handle,
	.destroy = evid_destroy,
};

static struct evid_dialog *open_evidence(struct screen *s, int index)
{
	struct intake_screen *is = s->priv;
	struct evid_dialog *ed;
	struct form_item *it;

	if (index < 0 && is->nevidence >= INTAKE_MAX_EVIDENCE) {
		ui_msg(s->app, US_ERROR, "证据最多 %d 项", INTAKE_MAX_EVIDENCE);
		return NULL;
	}
	ed = xcalloc(1, sizeof *ed);
	ed->parent = s;
	ed->index = index;
	form_init(&ed->form);
	it = form_add(&ed->form, FK_TEXT, "evidence.name", "证据名称");
	it->edit.max = EVIDENCE_MAX_NAME;
	it = form_add(&ed->form, FK_TEXT, "evidence.source", "来源");
	it->edit.max = EVIDENCE_MAX_SOURCE;
	it = form_add(&ed->form, FK_TEXT, "evidence.purpose", "证明目的");
	it->edit.max = EVIDENCE_MAX_PURPOSE;
	it = form_add(&ed->form, FK_TEXT, "evidence.pages", "页数");
	it->edit.max = 4;
	it = form_add(&ed->form, FK_CHOICE, "evidence.original", "原件/复印件");
	it->choices = originals();
	it->nchoices = 2;
	it = form_add(&ed->form, FK_CHOICE, "evidence.party", "提交方");
	if (!is->party_names)
		is->party_names = vocab_choices(VOCAB_PARTY, NULL, &it->nchoices);
	else
		it->nchoices = vocab_count(VOCAB_PARTY);
	it->choices = is->party_names;
	if (index >= 0) {
		const struct evid *e = &is->evidence[index];
		edit_set(&form_find(&ed->form, "evidence.name")->edit, e->name);
		edit_set(&form_find(&ed->form, "evidence.source")->edit, e->source);
		edit_set(&form_find(&ed->form, "evidence.purpose")->edit, e->purpose);
		edit_set(&form_find(&ed->form, "evidence.pages")->edit, e->pages);
		form_find(&ed->form, "evidence.original")->choice = e->original;
		form_find(&ed->form, "evidence.party")->choice = e->party;
	} else {
		edit_set(&form_find(&ed->form, "evidence.pages")->edit, "1");
	}
	ed->snap = form_snapshot(&ed->form);
	is->edialog = ed;
	ui_push(s->app, screen_new(s->app, &evid_ops, s->title, ed));
	return ed;
}

/* The evidence dialog as the draft kept it, open again with what was typed. */
static void reopen_evidence(struct screen *s, const char *body)
{
	struct intake_screen *is = s->priv;
	char *v = draft_get(body, EVID_DRAFT "index");
	int index;
	struct evid_dialog *ed;

	if (!v)
		return; /* no dialog was open */
	index = atoi(v);
	free(v);
	if (index < -1 || index >= is->nevidence)
		index = -1;
	if (!(ed = open_evidence(s, index)))
		return;
	form_draft_get(&ed->form, body, EVID_DRAFT);
}

/* ---- the agent dialog ------------------------------------------------------ */

struct agent_dialog {
	struct form form;
	struct screen *parent;
	int party; /* 0 the applicant, 1 + i respondent i, APP_PARTY + k applicant k */
	int index; /* -1: new */
	char *snap;
};

static int agent_dialog_changed(const struct agent_dialog *ad)
{
	return form_changed(&ad->form, ad->snap);
}

/* An agent half typed is part of the intake's draft, under
 * "dialog.agent.", with the party and the agent it edits (-1: new). */
#define AGENT_DRAFT "dialog.agent."

static void agent_dialog_put(struct intake_screen *is, struct strbuf *sb)
{
	struct agent_dialog *ad = is->adialog;
	char num[16];

	if (!ad || !agent_dialog_changed(ad))
		return;
	snprintf(num, sizeof num, "%d", ad->party);
	draft_put(sb, AGENT_DRAFT "party", num);
	snprintf(num, sizeof num, "%d", ad->index);
	draft_put(sb, AGENT_DRAFT "index", num);
	form_draft_put(&ad->form, sb, AGENT_DRAFT);
}

static const enum ui_action agent_actions[] = {UA_SAVE, UA_BACK, UA_NEXT, UA_PREV, UA_ENTER, UA_NONE};

static int agent_text_input(struct screen *s)
{
	struct agent_dialog *ad = s->priv;

	return form_text_input(&ad->form);
}

static void agent_layout(struct screen *s, int rows, int cols)
{
	struct agent_dialog *ad = s->priv;

	s->rows = rows;
	s->cols = cols;
	ad->form.label_w = 14;
	form_area(&ad->form, rows / 2 - 4, 6, 8, cols - 12);
	ad->form.field_w = cols - 12 - 16 - 20;
}

static int is_many_applicants(const struct agent_dialog *ad)
{
	return ((struct intake_screen *)ad->parent->priv)->nothers > 0;
}

static void agent_draw(struct screen *s)
{
	struct agent_dialog *ad = s->priv;
	int y = s->rows / 2 - 6;
	char title[80], pre[32];

	if (ad->party == 0)
		snprintf(pre, sizeof pre, is_many_applicants(ad) ? "申请人1" : "申请人");
	else if (ad->party >= APP_PARTY)
		snprintf(pre, sizeof pre, "申请人%d", ad->party - APP_PARTY + 1);
	else
		snprintf(pre, sizeof pre, "被申请人%d", ad->party);
	snprintf(title, sizeof title, "%s%s的委托代理人", ad->index < 0 ? "新增" : "修改", pre);
	ui_box(y, 4, 13, s->cols - 8, title);
	ui_put(y + 11, 6, "特别授权须写明授权的事项；F2/^S 保存，Esc 取消", s->cols - 12, ui_attr(US_DIM), 0);
	form_draw(&ad->form);
}

/* The scope is asked for a special authority only. */
static void agent_dialog_scope(struct agent_dialog *ad)
{
	struct form_item *au = form_find(&ad->form, "agent.authority");
	const char *kw = vocab_code_at(VOCAB_AUTHORITY, au->choice);

	form_find(&ad->form, "agent.scope")->hidden = !kw || strcmp(kw, "special") != 0;
}

/* Checked by the core's rule for an agent (intake_check_agent), each
 * problem at its field; the dialog keeps what was typed. */
static int agent_save(struct screen *s)
{
	struct agent_dialog *ad = s->priv;
	struct intake_screen *is = ad->parent->priv;
	struct form *f = &ad->form;
	struct agent a = {.name = edit_get(&form_find(f, "agent.name")->edit),
			  .org = edit_get(&form_find(f, "agent.org")->edit),
			  .phone = edit_get(&form_find(f, "agent.phone")->edit),
			  .scope = edit_get(&form_find(f, "agent.scope")->edit),
			  .kind = form_find(f, "agent.kind")->choice,
			  .authority = form_find(f, "agent.authority")->choice};
	struct intake_agent ia = {.name = a.name, .kind = vocab_code_at(VOCAB_AGENT, a.kind), .org = a.org,
				  .phone = a.phone, .authority = vocab_code_at(VOCAB_AUTHORITY, a.authority),
				  .scope = is_special(&a) ? a.scope : ""};
	struct intake_result res;
	char pre[32];

	form_clear_errors(f);
	party_prefix(pre, sizeof pre, ad->party);
	if (intake_check_agent(pre, ad->index < 0 ? party_agents(is, ad->party)->n : ad->index, &ia, &res) > 0) {
		for (int i = 0; i < res.nproblems; i++) {
			const char *dot = strrchr(res.problems[i].field, '.');
			char id[64];
			snprintf(id, sizeof id, "agent%s", dot ? dot : "");
			struct form_item *it = form_find(f, id);
			if (it && !(it->msg[0] && it->msg_style == US_ERROR))
				form_set_msg(it, US_ERROR, "%s", res.problems[i].msg);
		}
		if (form_show_errors(f, s->app) == 0)
			ui_msg(s->app, US_ERROR, "%s", res.problems[0].msg);
		agent_free(&a);
		return UI_HANDLED;
	}
	struct agents *ag = party_agents(is, ad->party);
	struct agent *to = ad->index < 0 ? agent_append(ag) : &ag->v[ad->index];
	int j = ad->index < 0 ? ag->n - 1 : ad->index;
	agent_free(to);
	*to = a;
	is->dirty = 1;
	char id[48];
	snprintf(id, sizeof id, "%s.agents[%d]", pre, j);
	rebuild_form(is, id);
	archive_preview(ad->parent);
	ui_msg(s->app, US_OK, "委托代理人已%s", ad->index < 0 ? "新增" : "修改");
	return UI_HANDLED | UI_CLOSE;
}

static int agent_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct agent_dialog *ad = s->priv;
	struct form_item *it = form_focused(&ad->form);

	switch (a) {
	case UA_BACK:
		/* Esc never throws a typed agent away without asking */
		if (!agent_dialog_changed(ad))
			return UI_HANDLED | UI_CLOSE;
		switch (ui_ask_unsaved(s->app, "这名委托代理人")) {
		case UI_SAVE:
			return agent_save(s); /* stays open when something is wrong */
		case UI_DISCARD:
			return UI_HANDLED | UI_CLOSE;
		default:
			return UI_HANDLED;
		}
	case UA_SAVE:
		return agent_save(s);
	case UA_ENTER: {
		/* Enter on the last field shown saves */
		int last = -1;
		for (int i = 0; i < ad->form.n; i++)
			if (!ad->form.items[i].hidden)
				last = i;
		if (it && it == &ad->form.items[last])
			return agent_save(s);
		form_handle(&ad->form, UA_NEXT, 0);
		return UI_HANDLED;
	}
	default: {
		int r = form_handle(&ad->form, a, ch);
		if (r >= 0) {
			struct form_item *c = &ad->form.items[r];
			if (c->msg_style == US_ERROR)
				c->msg[0] = '\0';
			agent_dialog_scope(ad);
			((struct intake_screen *)ad->parent->priv)->dirty = 1; /* the autosave keeps it */
		}
		return UI_HANDLED;
	}
	}
}

static void agent_destroy(struct screen *s)
{
	struct agent_dialog *ad = s->priv;
	struct intake_screen *is = ad->parent->priv;

	if (is->adialog == ad)
		is->adialog = NULL;
	form_free(&ad->form);
	free(ad->snap);
	free(ad);
}

static const struct screen_ops agent_ops = {
	.name = "agent",
	.actions = agent_actions,
	.overlay = 1,
	.text_input = agent_text_input,
	.layout = agent_layout,
	.draw = agent_draw,
	.handle = agent_handle,
	.destroy = agent_destroy,
};

static struct agent_dialog *open_agent(struct screen *s, int party, int index)
{
	struct intake_screen *is = s->priv;
	struct agent_dialog *ad;
	struct form_item *it;

	if (index < 0 && party_agents(is, party)->n >= INTAKE_MAX_AGENTS) {
		ui_msg(s->app, US_ERROR, "每名当事人最多委托%d名代理人", INTAKE_MAX_AGENTS);
		return NULL;
	}
	ad = xcalloc(1, sizeof *ad);
	ad->parent = s;
	ad->party = party;
	ad->index = index;
	form_init(&ad->form);
	it = form_add(&ad->form, FK_TEXT, "agent.name", "姓名");
	it->edit.max = 50;
	it = form_add(&ad->form, FK_CHOICE, "agent.kind", "类别");
	if (!is->agent_kind_names)
		is->agent_kind_names = vocab_choices(VOCAB_AGENT, NULL, &it->nchoices);
	else
		it->nchoices = vocab_count(VOCAB_AGENT);
	it->choices = is->agent_kind_names;
	it = form_add(&ad->form, FK_TEXT, "agent.org", "单位");
	it->edit.max = 100;
	it = form_add(&ad->form, FK_TEXT, "agent.phone", "电话");
	it->edit.max = 30;
	it = form_add(&ad->form, FK_CHOICE, "agent.authority", "代理权限");
	if (!is->authority_names)
		is->authority_names = vocab_choices(VOCAB_AUTHORITY, NULL, &it->nchoices);
	else
		it->nchoices = vocab_count(VOCAB_AUTHORITY);
	it->choices = is->authority_names;
	it = form_add(&ad->form, FK_TEXT, "agent.scope", "特别授权的事项");
	it->edit.max = 300;
	if (index >= 0) {
		const struct agent *a = &party_agents(is, party)->v[index];
		edit_set(&form_find(&ad->form, "agent.name")->edit, a->name);
		edit_set(&form_find(&ad->form, "agent.org")->edit, a->org);
		edit_set(&form_find(&ad->form, "agent.phone")->edit, a->phone);
		edit_set(&form_find(&ad->form, "agent.scope")->edit, a->scope);
		form_find(&ad->form, "agent.kind")->choice = a->kind;
		form_find(&ad->form, "agent.authority")->choice = a->authority;
	}
	agent_dialog_scope(ad);
	ad->snap = form_snapshot(&ad->form);
	is->adialog = ad;
	ui_push(s->app, screen_new(s->app, &agent_ops, s->title, ad));
	return ad;
}

/* The agent dialog as the draft kept it, open again with what was typed. */
static void reopen_agent(struct screen *s, const char *body)
{
	struct intake_screen *is = s->priv;
	char *v = draft_get(body, AGENT_DRAFT "party");
	int party, index;
	struct agent_dialog *ad;

	if (!v)
		return; /* no dialog was open */
	party = atoi(v);
	free(v);
	v = draft_get(body, AGENT_DRAFT "index");
	index = v ? atoi(v) : -1;
	free(v);
	if (!party_valid(is, party))
		return;
	if (index < -1 || index >= party_agents(is, party)->n)
		index = -1;
	if (!(ad = open_agent(s, party, index)))
		return;
	form_draft_get(&ad->form, body, AGENT_DRAFT);
	agent_dialog_scope(ad);
}

/* ---- the applicant dialog (a correction's applicants after the first) ------ */

struct app_dialog {
	struct form form;
	struct screen *parent;
	int index; /* into the intake's others; -1 a new applicant */
	char *snap;
};

static int app_dialog_changed(const struct app_dialog *pd)
{
	return form_changed(&pd->form, pd->snap);
}

/* An applicant half typed is part of the intake's draft, under
 * "dialog.applicant.", with the one it edits. */
#define APP_DRAFT "dialog.applicant."

static void app_dialog_put(struct intake_screen *is, struct strbuf *sb)
{
	struct app_dialog *pd = is->pdialog;
	char num[16];

	if (!pd || !app_dialog_changed(pd))
		return;
	snprintf(num, sizeof num, "%d", pd->index);
	draft_put(sb, APP_DRAFT "index", num);
	form_draft_put(&pd->form, sb, APP_DRAFT);
}

static const enum ui_action app_actions[] = {UA_SAVE, UA_BACK, UA_NEXT, UA_PREV, UA_ENTER, UA_NONE};

static int app_text_input(struct screen *s)
{
	struct app_dialog *pd = s->priv;

	return form_text_input(&pd->form);
}

static void app_layout(struct screen *s, int rows, int cols)
{
	struct app_dialog *pd = s->priv;

	s->rows = rows;
	s->cols = cols;
	pd->form.label_w = 11;
	form_area(&pd->form, rows / 2 - 6, 6, 11, cols - 12);
	pd->form.field_w = cols - 12 - 13 - 24;
}

static void app_draw(struct screen *s)
{
	struct app_dialog *pd = s->priv;
	int y = s->rows / 2 - 8;
	char title[80];

	if (pd->index < 0)
		snprintf(title, sizeof title, "新增申请人%d", ((struct intake_screen *)pd->parent->priv)->nothers + 2);
	else
		snprintf(title, sizeof title, "修改申请人%d", pd->index + 2);
	ui_box(y, 4, 16, s->cols - 8, title);
	ui_put(y + 14, 6, "身份证等证件由号码得出性别和出生日期；F2/^S 保存，Esc 取消", s->cols - 12, ui_attr(US_DIM), 0);
	form_draw(&pd->form);
}

static char *pfield(struct app_dialog *pd, const char *id)
{
	return edit_get(&form_find(&pd->form, id)->edit);
}

/* Checked as the core checks an applicant (intake_check on an
 * application of this one alone: only his own problems count), each
 * problem at its field; the dialog keeps what was typed. */
static int app_save(struct screen *s)
{
	struct app_dialog *pd = s->priv;
	struct intake_screen *is = pd->parent->priv;
	struct form *f = &pd->form;
	struct other_app o = {.id_type = form_find(f, "p.id_type")->choice,
			      .gender = form_find(f, "p.gender")->choice,
			      .household = form_find(f, "p.household")->choice,
			      .id_no = pfield(pd, "p.id_no"),
			      .name = pfield(pd, "p.name"),
			      .birth = pfield(pd, "p.birth_date"),
			      .nationality = pfield(pd, "p.nationality"),
			      .phone = pfield(pd, "p.phone"),
			      .address = pfield(pd, "p.address"),
			      .occupation = pfield(pd, "p.occupation")};
	char g = 0, birth[11] = "", code[2] = "";
	if (intake_sex_birth(s->app->cfg, id_type_kws[o.id_type], o.id_no, &g, birth) == INTAKE_SB_NUMBER) {
		/* the number says them */
		code[0] = g;
		o.gender = vocab_index(VOCAB_GENDER, code) + 1;
		free(o.birth);
		o.birth = xstrdup(birth);
	}
	struct intake_person p = {.id_type = id_type_kws[o.id_type], .id_no = o.id_no, .name = o.name,
				  .nationality = o.nationality, .phone = o.phone, .address = o.address,
				  .gender = o.gender > 0 ? vocab_code_at(VOCAB_GENDER, o.gender - 1) : "",
				  .birth_date = o.birth,
				  .household = o.household > 0 ? vocab_code_at(VOCAB_HOUSEHOLD, o.household - 1) : "",
				  .occupation = o.occupation};
	struct intake in = {.channel = "window", .facts = "", .napplicants = 1, .applicants = &p};
	struct intake_result res;
	int bad = 0;

	memset(&res, 0, sizeof res);
	form_clear_errors(f);
	if (intake_check(s->app->db, s->app->cfg, &in, &res) < 0) {
		ui_error(s->app);
		other_free(&o);
		return UI_HANDLED;
	}
	for (int i = 0; i < res.nproblems; i++) {
		const char *fld = res.problems[i].field;
		if (strncmp(fld, "applicant[0].", 13) != 0)
			continue;
		char id[64];
		snprintf(id, sizeof id, "p.%s", fld + 13);
		struct form_item *it = form_find(f, id);
		if (!it)
			it = form_find(f, "p.name");
		if (!(it->msg[0] && it->msg_style == US_ERROR))
			form_set_msg(it, US_ERROR, "%s", res.problems[i].msg);
		bad++;
	}
	intake_result_free(&res);
	if (bad) {
		form_show_errors(f, s->app);
		other_free(&o);
		return UI_HANDLED;
	}
	int added = pd->index < 0, k = added ? is->nothers : pd->index;
	struct other_app *to = added ? other_append(is) : &is->others[k];
	/* what the dialog has no field for stays: the case's applicant he
	 * is, his representative mark, his agents */
	o.ord = to->ord;
	o.representative = to->representative;
	o.agents = to->agents;
	memset(&to->agents, 0, sizeof to->agents);
	other_free(to);
	*to = o;
	is->dirty = 1;
	char id[32];
	snprintf(id, sizeof id, "applicant[%d]", k + 1);
	rebuild_form(is, id);
	applicants_changed(pd->parent);
	ui_msg(s->app, US_OK, "申请人%d已%s%s", k + 2, added ? "新增" : "修改", save_hint(is));
	return UI_HANDLED | UI_CLOSE;
}

static int app_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct app_dialog *pd = s->priv;
	struct form_item *it = form_focused(&pd->form);

	switch (a) {
	case UA_BACK:
		/* Esc never throws what was typed away without asking */
		if (!app_dialog_changed(pd))
			return UI_HANDLED | UI_CLOSE;
		switch (ui_ask_unsaved(s->app, "这名申请人的修改")) {
		case UI_SAVE:
			return app_save(s); /* stays open when something is wrong */
		case UI_DISCARD:
			return UI_HANDLED | UI_CLOSE;
		default:
			return UI_HANDLED;
		}
	case UA_SAVE:
		return app_save(s);
	case UA_ENTER:
		if (it && it == &pd->form.items[pd->form.n - 1])
			return app_save(s);
		form_handle(&pd->form, UA_NEXT, 0);
		return UI_HANDLED;
	default: {
		int r = form_handle(&pd->form, a, ch);
		if (r >= 0) {
			struct form_item *c = &pd->form.items[r];
			if (c->msg_style == US_ERROR)
				c->msg[0] = '\0';
			((struct intake_screen *)pd->parent->priv)->dirty = 1; /* the autosave keeps it */
		}
		return UI_HANDLED;
	}
	}
}

static void app_destroy(struct screen *s)
{
	struct app_dialog *pd = s->priv;
	struct intake_screen *is = pd->parent->priv;

	if (is->pdialog == pd)
		is->pdialog = NULL;
	form_free(&pd->form);
	free(pd->snap);
	free(pd);
}

static const struct screen_ops app_ops = {
	.name = "applicant",
	.actions = app_actions,
	.overlay = 1,
	.text_input = app_text_input,
	.layout = app_layout,
	.draw = app_draw,
	.handle = app_handle,
	.destroy = app_destroy,
};

static struct app_dialog *open_applicant(struct screen *s, int index)
{
	struct intake_screen *is = s->priv;
	static char none[1], china[] = "中国";
	const struct other_app blank = {.id_no = none, .name = none, .birth = none, .nationality = china, .phone = none,
					.address = none, .occupation = none};
	const struct other_app *o = index < 0 ? &blank : &is->others[index];
	struct app_dialog *pd;
	struct form_item *it;

	if (index < 0 && is->nothers + 1 >= INTAKE_MAX_PARTIES) {
		ui_msg(s->app, US_ERROR, "申请人最多 %d 名", INTAKE_MAX_PARTIES);
		return NULL;
	}
	pd = xcalloc(1, sizeof *pd);

	pd->parent = s;
	pd->index = index;
	form_init(&pd->form);
	it = form_add(&pd->form, FK_CHOICE, "p.id_type", "证件类型");
	it->choices = id_type_names;
	it->nchoices = (int)TJ_ARRAY_LEN(id_type_names);
	it->choice = o->id_type;
	it = text_item(&pd->form, "p.id_no", "证件号码", val_input_max(VAL_ID));
	edit_set(&it->edit, o->id_no);
	it = text_item(&pd->form, "p.name", "姓名", 50);
	edit_set(&it->edit, o->name);
	it = form_add(&pd->form, FK_CHOICE, "p.gender", "性别");
	it->choices = is->gender_names;
	it->nchoices = vocab_count(VOCAB_GENDER) + 1;
	it->choice = o->gender;
	it = text_item(&pd->form, "p.birth_date", "出生日期", 10);
	edit_set(&it->edit, o->birth);
	it = text_item(&pd->form, "p.nationality", "国籍/地区", 30);
	edit_set(&it->edit, o->nationality);
	it = text_item(&pd->form, "p.phone", "联系电话", val_input_max(VAL_PHONE));
	edit_set(&it->edit, o->phone);
	it = text_item(&pd->form, "p.address", "住址", 200);
	edit_set(&it->edit, o->address);
	it = form_add(&pd->form, FK_CHOICE, "p.household", "户籍类型");
	it->choices = is->household_names;
	it->nchoices = vocab_count(VOCAB_HOUSEHOLD) + 1;
	it->choice = o->household;
	it = text_item(&pd->form, "p.occupation", "职业/岗位", 50);
	edit_set(&it->edit, o->occupation);
	form_focus(&pd->form, index < 0 ? 1 : 2); /* a new one: his document's number first */
	pd->snap = form_snapshot(&pd->form);
	is->pdialog = pd;
	ui_push(s->app, screen_new(s->app, &app_ops, s->title, pd));
	return pd;
}

/* The applicant dialog as the draft kept it, open again with what was typed. */
static void reopen_applicant(struct screen *s, const char *body)
{
	struct intake_screen *is = s->priv;
	char *v = draft_get(body, APP_DRAFT "index");
	struct app_dialog *pd;

	if (!v)
		return; /* no dialog was open */
	int index = atoi(v);
	free(v);
	if (index < -1 || index >= is->nothers || !(pd = open_applicant(s, index)))
		return;
	form_draft_get(&pd->form, body, APP_DRAFT);
}

/* ---- adding and removing parties ------------------------------------------- */

static void add_respondent(struct screen *s)
{
	struct intake_screen *is = s->priv;
	char id[48];

	if (is->nresp >= INTAKE_MAX_RESPONDENTS) {
		ui_msg(s->app, US_ERROR, "被申请人最多 %d 个", INTAKE_MAX_RESPONDENTS);
		return;
	}
	memset(&is->agents[1 + is->nresp], 0, sizeof is->agents[0]);
	is->resp_ord[is->nresp] = -1; /* a correction: one the case did not have */
	is->nresp++;
	is->dirty = 1;
	rebuild_form(is, rid(id, sizeof id, is->nresp - 1, "kind"));
	/* the first one's heading now says its number */
	apply_kind(is, 0);
	rescan(s);
	ui_msg(s->app, US_OK, "已新增被申请人%d：请选择类别并填写", is->nresp);
}

static void remove_respondent(struct screen *s, int k)
{
	struct intake_screen *is = s->priv;
	char id[48], q[400];

	if (is->nresp < 2) {
		ui_msg(s->app, US_WARN, "至少需要一个被申请人；只有一个时不能删除");
		return;
	}
	int ci = claim_naming(is, k + 1);
	if (ci) {
		ui_msg(s->app, US_ERROR, "第%d项请求针对被申请人%d，请先修改该项请求", ci, k + 1);
		return;
	}
	char *name = field(is, rid(id, sizeof id, k, "name"));
	snprintf(q, sizeof q, "删除被申请人%d %s？\n其委托代理人一并删除。", k + 1, name);
	free(name);
	if (!ui_confirm(s->app, q) || s->app->quit)
		return;
	delete_respondent(is, k);
	is->dirty = 1;
	for (int i = 0; i < is->nresp; i++)
		apply_kind(is, i);
	build_claim_rows(is);
	rescan(s);
	archive_preview(s);
	ui_msg(s->app, US_OK, "已删除被申请人%d", k + 1);
}

/* An applicant after the first (others[k]) removed from the form, after
 * a question: his agents with him, and in a collective dispute his own
 * amounts of the claims (the core takes them off the totals). */
static void remove_applicant(struct screen *s, int k)
{
	struct intake_screen *is = s->priv;
	char q[400], id[32];

	snprintf(q, sizeof q, "删除申请人%d %s？\n其委托代理人一并删除；集体争议中其各项请求的金额也一并删除，\n请求合计相应减少。",
		 k + 2, is->others[k].name);
	if (!ui_confirm(s->app, q) || s->app->quit)
		return;
	other_free(&is->others[k]);
	memmove(&is->others[k], &is->others[k + 1], (size_t)(is->nothers - k - 1) * sizeof *is->others);
	is->nothers--;
	is->dirty = 1;
	if (k < is->nothers)
		snprintf(id, sizeof id, "applicant[%d]", k + 1);
	else
		snprintf(id, sizeof id, "applicants.add");
	rebuild_form(is, id);
	applicants_changed(s);
	ui_msg(s->app, US_OK, "已删除申请人%d%s", k + 2, save_hint(is));
}

/* The first applicant removed (of more than one): the second takes the
 * form's fields, with his agents and (a correction) the case's applicant
 * he is. */
static void remove_first_applicant(struct screen *s)
{
	struct intake_screen *is = s->priv;
	char q[500];

	if (is->nothers < 1) {
		ui_msg(s->app, US_WARN, "至少需要一名申请人；只有一名时不能删除");
		return;
	}
	struct other_app *o = &is->others[0];
	char *name = field(is, "applicant[0].name");
	snprintf(q, sizeof q,
		 "删除申请人1 %s？\n申请人2 %s 成为申请人1。其委托代理人一并删除；集体争议中其各项请求的金额\n"
		 "也一并删除，请求合计相应减少。",
		 name, o->name);
	free(name);
	if (!ui_confirm(s->app, q) || s->app->quit)
		return;
	form_find(&is->form, "applicant[0].id_type")->choice = o->id_type;
	set_field(is, "applicant[0].id_no", o->id_no);
	set_field(is, "applicant[0].name", o->name);
	set_field(is, "applicant[0].nationality", o->nationality);
	set_field(is, "applicant[0].phone", o->phone);
	set_field(is, "applicant[0].address", o->address);
	set_field(is, "applicant[0].occupation", o->occupation);
	/* his sex and birth date as the case has them; check_id makes them
	 * read-only when his number gives them */
	form_find(&is->form, "applicant[0].gender")->readonly = 0;
	form_find(&is->form, "applicant[0].birth_date")->readonly = 0;
	form_find(&is->form, "applicant[0].gender")->choice = o->gender;
	set_field(is, "applicant[0].birth_date", o->birth);
	form_find(&is->form, "applicant[0].household")->choice = o->household;
	agents_clear(&is->agents[0]);
	is->agents[0] = o->agents;
	memset(&o->agents, 0, sizeof o->agents);
	is->app0_ord = o->ord;
	is->app0_rep = o->representative;
	other_free(o);
	memmove(&is->others[0], &is->others[1], (size_t)(is->nothers - 1) * sizeof *is->others);
	is->nothers--;
	is->dirty = 1;
	rebuild_form(is, "applicant[0].name");
	check_id(s, 0);
	check_phone(is, "applicant[0].phone");
	archive_preview(s);
	applicants_changed(s);
	ui_msg(s->app, US_OK, "已删除申请人1%s", save_hint(is));
}

static void remove_agent(struct screen *s, int party, int j)
{
	struct intake_screen *is = s->priv;
	struct agents *ag = party_agents(is, party);
	char q[300], pre[32], id[48];

	snprintf(q, sizeof q, "删除委托代理人%d %s？", j + 1, ag->v[j].name);
	if (!ui_confirm(s->app, q) || s->app->quit)
		return;
	agent_free(&ag->v[j]);
	memmove(&ag->v[j], &ag->v[j + 1], (size_t)(ag->n - j - 1) * sizeof *ag->v);
	ag->n--;
	is->dirty = 1;
	party_prefix(pre, sizeof pre, party);
	snprintf(id, sizeof id, "%s.agents", pre);
	rebuild_form(is, id);
	ui_msg(s->app, US_OK, "已删除委托代理人");
}

/* What the focused item belongs to: *party (0 the applicant, 1 + i
 * respondent i, APP_PARTY + k applicant k's agents, -1 neither), *agent
 * the agent row (-1: none), *agents_add its add row; the respondents'
 * add row counts as the respondents' part (*party -2), the applicants'
 * add row as the applicants' (*party -3). */
static void focused_party(struct intake_screen *is, int *party, int *agent, int *agents_add)
{
	struct form_item *it = form_focused(&is->form);
	const char *id = it && it->id ? it->id : "";
	int ri;

	*party = -1;
	*agent = -1;
	*agents_add = 0;
	if (!strncmp(id, "applicant[0].", 13))
		*party = 0;
	else if (sscanf(id, "applicant[%d].", &ri) == 1 && ri >= 1 && ri <= is->nothers && strchr(id, '.'))
		*party = APP_PARTY + ri;
	else if (sscanf(id, "respondent[%d].", &ri) == 1 && ri >= 0 && ri < is->nresp)
		*party = 1 + ri;
	else if (!strcmp(id, "respondents.add"))
		*party = -2;
	else if (!strcmp(id, "applicants.add"))
		*party = -3;
	const char *ag = strstr(id, ".agents");
	if (*party >= 0 && ag && it->kind == FK_ROW) {
		if (ag[7] == '[')
			*agent = atoi(ag + 8);
		else
			*agents_add = 1;
	}
}

/* ---- picking a cause for an existing claim row ---------------------------- */

/* The claim is remembered on the form (repick), not in an allocation the
 * picker would hand back only when a cause is picked: Esc in the picker
 * leaked it. */
static void row_picked(void *ctx, const char *code, const char *name)
{
	struct screen *s = ctx;
	struct intake_screen *is = s->priv;
	int i = is->repick;

	if (i >= 0 && i < is->nclaims) {
		snprintf(is->claims[i].cause, sizeof is->claims[i].cause, "%s", code);
		free(is->claims[i].cause_name);
		is->claims[i].cause_name = xstrdup(name);
		is->dirty = 1;
		build_claim_rows(is);
		rescan(s);
	}
}

/* ---- the other pickers: district and employer ------------------------------ */

static void district_picked(void *ctx, const char *district)
{
	struct screen *s = ctx;
	struct intake_screen *is = s->priv;
	char id[48];

	set_field(is, rid(id, sizeof id, is->pick_resp, "district"), district);
	is->dirty = 1;
	archive_preview(s);
	/* on to the next field, as after typing it */
	form_focus(&is->form, form_index(&is->form, rid(id, sizeof id, is->pick_resp, "industry")));
}

/* An employer chosen from the search: the archive fills the respondent as
 * a credit code typed does (what the archive holds replaces what was
 * typed), the credit code included. */
static void employer_picked(void *ctx, const struct employer_full *e)
{
	struct screen *s = ctx;
	struct intake_screen *is = s->priv;
	struct employer_full copy = *e;
	int i = is->pick_resp;
	char id[48];

	set_field(is, rid(id, sizeof id, i, "uscc"), e->uscc);
	fill_employer(s, i, &copy, 1);
	is->dirty = 1;
	if (e->uscc[0]) {
		check_uscc(s, i, 1);
	} else {
		form_find(&is->form, rid(id, sizeof id, i, "uscc"))->msg[0] = '\0';
		rescan(s);
	}
	form_set_msg(form_find(&is->form, rid(id, sizeof id, i, "name")), US_OK, "已从档案调入");
	archive_preview(s);
	ui_msg(s->app, US_OK, "已调入用人单位档案：%s", e->name);
	form_focus(&is->form, form_index(&is->form, rid(id, sizeof id, i, "legal_rep")));
}

/* F4: the list that belongs to the focused item - the cause of a claim,
 * the district, the employer search - and no other. */
static int pick_for_field(struct screen *s, int ci)
{
	struct intake_screen *is = s->priv;
	struct app *app = s->app;
	struct form_item *it = form_focused(&is->form);
	const char *id = it && it->id ? it->id : "";
	int ri;
	char rf[32], fid[48];

	if (sscanf(id, "respondent[%d].%31s", &ri, rf) != 2 || ri < 0 || ri >= is->nresp || resp_individual(is, ri))
		rf[0] = '\0';
	else
		is->pick_resp = ri;
	if (ci >= 0) {
		is->repick = ci;
		ui_push(app, causepick_screen_new(app, is->claims[ci].cause, row_picked, s));
	} else if (!strcmp(id, "claims.add")) {
		open_claim(s, -1, 1);
	} else if (!strcmp(rf, "district")) {
		char *cur = field(is, id);
		ui_push(app, districtpick_screen_new(app, cur, district_picked, s));
		free(cur);
	} else if (!strcmp(rf, "name") || !strcmp(rf, "uscc")) {
		/* start from what was typed: part of the name, else the code */
		char *text = field(is, rid(fid, sizeof fid, ri, "name"));
		if (!*text) {
			free(text);
			text = field(is, rid(fid, sizeof fid, ri, "uscc"));
		}
		ui_push(app, employerpick_screen_new(app, text, employer_picked, s));
		free(text);
	} else {
		ui_msg(app, US_WARN, "%s一栏没有可选的列表", it && it->label ? it->label : "本");
	}
	return UI_HANDLED;
}

/* ---- saving ---------------------------------------------------------------- */

/* The item a party's problem shows at when it has no field of its own:
 * an agent's at the agent's row ("applicant[0].agents[1].scope"), the
 * count of agents at the add row, the respondents as a whole at their
 * heading; -1 none. */
static int party_problem_item(struct intake_screen *is, const char *field)
{
	char id[64];
	const char *ag = strstr(field, ".agents");

	if (ag) {
		const char *end = ag[7] == '[' ? strchr(ag, ']') : NULL;
		size_t len = end ? (size_t)(end + 1 - field) : (size_t)(ag + 7 - field);
		snprintf(id, sizeof id, "%.*s", (int)len, field);
		int idx = form_index(&is->form, id);
		if (idx >= 0)
			return idx;
		snprintf(id, sizeof id, "%.*s", (int)(ag + 7 - field), field);
		return form_index(&is->form, id);
	}
	int k;
	if (sscanf(field, "applicant[%d]", &k) == 1 && k >= 1) {
		/* an applicant after the first: at his row */
		snprintf(id, sizeof id, "applicant[%d]", k);
		int idx = form_index(&is->form, id);
		if (idx >= 0)
			return idx;
	}
	if (!strncmp(field, "respondent", 10))
		return form_index(&is->form, "sec.respondent");
	if (!strncmp(field, "applicant", 9))
		return form_index(&is->form, "sec.applicant");
	return -1;
}

static void show_problems(struct screen *s, struct intake_result *res)
{
	struct intake_screen *is = s->priv;

	/* what the last check found, not what an earlier one did */
	form_clear_errors(&is->form);
	for (int i = 0; i < res->nproblems; i++) {
		struct intake_problem *p = &res->problems[i];
		int idx = form_index(&is->form, p->field);
		if (idx < 0 && !strncmp(p->field, "claims", 6))
			idx = form_index(&is->form, "claims");
		if (idx < 0 && !strncmp(p->field, "evidence", 8))
			idx = form_index(&is->form, "evidence");
		if (idx < 0)
			idx = party_problem_item(is, p->field);
		if (idx < 0)
			continue;
		struct form_item *it = &is->form.items[idx];
		if (it->kind == FK_SECTION) {
			form_set_text(it, p->msg);
			it->text_style = US_ERROR;
		} else if (!it->msg[0] || it->msg_style != US_ERROR) {
			form_set_msg(it, US_ERROR, "%s", p->msg); /* the first problem of a field */
		}
	}
	/* focus and name the first field in error; problems that belong to
	 * no field (the parties as a whole) go to the message line as they are */
	if (form_show_errors(&is->form, s->app) == 0)
		ui_msg(s->app, US_ERROR, "有 %d 处需要更正：%s", res->nproblems, res->problems[0].msg);
}

/* What another user did to the case since it was loaded (old), as the
 * timeline says it: at most a screenful, then how many more. */
static char *changes_since(const struct case_view *old, const struct case_view *now)
{
	int64_t last = old->nevents > 0 ? old->events[old->nevents - 1].id : 0;
	struct strbuf sb;
	int shown = 0, more = 0;

	sb_init(&sb);
	for (int i = 0; i < now->nevents; i++) {
		const struct cv_event *e = &now->events[i];
		char buf[128];
		if (e->id <= last)
			continue;
		if (shown >= 10) {
			more++;
			continue;
		}
		const char *what = case_event_what(e, buf, sizeof buf);
		if (!strcmp(e->entity, "case") && action_from_keyword(e->action) == ACT_EDIT) {
			char *t = case_edit_text(e->before, e->after);
			sb_printf(&sb, "%.16s %s：%s\n", e->at, what, t);
			free(t);
		} else if (e->before[0] && e->after[0] && strcmp(e->before, e->after)) {
			sb_printf(&sb, "%.16s %s %s → %s\n", e->at, what, case_event_word(e->before),
				  case_event_word(e->after));
		} else {
			sb_printf(&sb, "%.16s %s %s\n", e->at, what, e->after[0] ? case_event_word(e->after) : "");
		}
		shown++;
	}
	if (more)
		sb_printf(&sb, "……另有 %d 项，见案件详情的操作记录\n", more);
	return sb_detach(&sb);
}

/* F2 on a correction: the whole application through case_correct,
 * against the version the user saw.  A conflict keeps everything typed
 * and takes the case as it now is as the version to save over, so F2
 * again applies the correction to it (the message says who changed it). */
static int correct_save(struct screen *s)
{
	struct intake_screen *is = s->priv;
	struct app *app = s->app;
	struct intake_person *persons = xcalloc((size_t)is->nothers + 1, sizeof *persons);
	struct intake_claim *cl = xcalloc((size_t)is->nclaims + 1, sizeof *cl);
	struct kept k = {0};
	struct intake in;
	struct intake_result res;
	int rc = UI_HANDLED;

	memset(&res, 0, sizeof res);
	to_correction(is, &in, persons, cl, &k);
	settle_draft(s);
	in.draft_id = is->draft_id; /* deleted with the save */
	if (case_correct_resets(is->cv, &in) &&
	    (!ui_confirm(app, "本案申请人已确认请求事项。\n" RECONFIRM_TEXT "，案件将退回「登记」。\n保存修改吗？") ||
	     app->quit)) {
		ui_msg(app, US_DIM, "未保存，请继续修改");
		goto out;
	}
	if (case_correct(app->db, app->cfg, &app->actor, is->correct_id, is->correct_version, &in, &res) < 0) {
		if (res.nproblems > 0) {
			show_problems(s, &res);
		} else {
			ui_error(app);
			if (res.conflict) {
				/* the case as it now is: what F2 again saves over */
				struct case_view *cv = xcalloc(1, sizeof *cv);
				if (case_load(app->db, &app->actor, is->correct_id, cv) == 1) {
					char *list = changes_since(is->cv, cv);
					char *text = xasprintf(
						"%s 于 %.16s 修改了本案，本表未保存，所填内容均已保留。\n"
						"案件现在的情况（本表打开后的变动）：\n%s"
						"请核对本表：再按 F2，本案按本表保存，"
						"本表所列各项都以本表为准。",
						res.changed_by, res.changed_at, *list ? list : "（无）\n");
					ui_alert(app, "案件已被他人修改", text);
					free(text);
					free(list);
					case_view_free(is->cv);
					free(is->cv);
					is->cv = cv;
					is->correct_version = cv->version;
					reconfirm_note(is);
					ui_msg(app, US_ERROR, "案件已被 %s 修改：本表未保存，内容已保留；核对后按 F2 保存",
					       res.changed_by);
				} else {
					free(cv);
				}
			}
		}
		goto out;
	}
	/* the draft went in the same transaction; whatever is still shown
	 * of the form (a hangup in the next dialog) is never kept again */
	is->draft_id = 0;
	screen_draft_forget(app, &is->draft_slot);
	is->dirty = 0;
	if (is->done) /* the case below shows what it now holds */
		is->done(is->done_ctx);
	is->saved = 1;
	if (res.reconfirm)
		ui_msg(app, US_WARN, "已修改申请（%d 处）；" RECONFIRM_TEXT "，案件已退回「%s」", res.nchanges,
		       status_name(res.status));
	else
		ui_msg(app, US_OK, "已修改申请（%d 处）", res.nchanges);
	rc = UI_HANDLED | UI_CLOSE;
out:
	intake_result_free(&res);
	free_kept(&k);
	free(cl);
	free(persons);
	return rc;
}

static int intake_save(struct screen *s)
{
	struct intake_screen *is = s->priv;
	struct app *app = s->app;
	struct intake in;
	struct intake_person *persons;
	struct intake_claim *cl;
	struct kept k = {0};
	struct intake_result res;
	int rc, joined = 0;

	if (is->correct_id)
		return correct_save(s);
	memset(&res, 0, sizeof res);
	/* every applicant: the first in the form's fields, the others on their rows */
	persons = xcalloc((size_t)is->nothers + 1, sizeof *persons);
	cl = xcalloc((size_t)is->nclaims + 1, sizeof *cl);
	to_correction(is, &in, persons, cl, &k);
	settle_draft(s);
	in.draft_id = is->draft_id; /* deleted in the transaction that registers */
	/* what is wrong first, at its fields: no question is asked about a
	 * form that cannot be saved yet */
	rc = intake_check(app->db, app->cfg, &in, &res);
	if (rc != 0) {
		if (rc > 0)
			show_problems(s, &res);
		else
			ui_error(app);
		goto out;
	}
	rescan(s);
	if (is->warn_valid && is->warn.collective && is->warn.coll.collective_case_id) {
		/* what joining does with this application's claims (each to the
		 * case's claim of its cause, or not added: collective.c) */
		char *plan = collective_join_preview(app->db, &app->actor, is->warn.coll.collective_case_id, &in);
		char *q = xasprintf("同一单位、相同请求已有集体争议案件 %s（%d 名劳动者）。\n将本申请人加入该案件吗？\n"
				    "%s%s选「否」则单独登记新案件；选「返回」回到登记表，不登记。",
				    is->warn.coll.collective_case_no, is->warn.coll.applicants, plan ? plan : "",
				    plan && *plan ? "\n" : "");
		free(plan);
		/* three answers: join, a case of its own, or back to the form */
		int ans = ui_ask(app, q);
		free(q);
		if (app->quit)
			goto out;
		if (ans == UI_CANCEL) {
			ui_msg(app, US_DIM, "未登记，请继续填写");
			goto out;
		}
		joined = ans == UI_YES;
	}
	/* the archive takes the particulars typed over it: say which, and
	 * that earlier cases keep theirs (joining changes only the applicant) */
	struct intake_changes ch;
	if (intake_archive_changes(app->db, app->cfg, &app->actor, &in, &ch) < 0) {
		ui_error(app);
		goto out;
	}
	if (joined)
		for (int i = ch.n - 1; i >= 0; i--)
			if (strncmp(ch.v[i].field, "applicant", 9) != 0)
				memmove(&ch.v[i], &ch.v[i + 1], (size_t)(--ch.n - i) * sizeof ch.v[i]);
	if (ch.n > 0) {
		char *list = intake_changes_text(&ch);
		char *q = xasprintf("将更新档案：%s\n本案按本表登记；以前的案件保留各自登记时的信息。\n保存吗？", list);
		int yes = ui_confirm(app, q);
		free(q);
		free(list);
		if (app->quit)
			goto out;
		if (!yes) {
			ui_msg(app, US_DIM, "未登记，请继续填写");
			goto out;
		}
	}
	if (joined)
		rc = intake_join(app->db, app->cfg, &app->actor, is->warn.coll.collective_case_id, &in, &res);
	else
		rc = intake_register(app->db, app->cfg, &app->actor, &in, &res);
	if (rc < 0) {
		if (res.nproblems > 0)
			show_problems(s, &res);
		else
			ui_error(app);
		goto out;
	}
	/* the draft went in the same transaction; whatever is still shown
	 * of the form (a hangup in the dialogs below) is never kept again */
	is->draft_id = 0;
	screen_draft_forget(app, &is->draft_slot);
	is->dirty = 0;
	is->saved = 1;
	char text[600], next[200];
	snprintf(next, sizeof next, "下一步：在案件详情按 F3 办理「%s」「%s」", action_name(ACT_CONFIRM),
		 action_name(ACT_ACCEPT));
	if (joined)
		snprintf(text, sizeof text, "申请人已加入集体争议案件\n案件编号：%s", res.case_no);
	else
		snprintf(text, sizeof text, "申请已登记\n案件编号：%s\n状态：%s（待申请人确认请求）%s\n%s", res.case_no,
			 status_name(ST_REGISTERED), res.collective ? "\n本案为集体争议" : "", next);
	ui_msg(app, US_OK, "%s：%s", joined ? "已加入" : "已登记", res.case_no);
	ui_alert(app, "保存成功", text);
	char ask[128];
	snprintf(ask, sizeof ask, "现在打印%s，交申请人核对签字吗？", doc_kind_name(DOC_APPLICATION));
	if (!joined && !app->quit && ui_confirm(app, ask))
		screen_issue_document(app, res.case_id, DOC_APPLICATION);
	int64_t case_id = res.case_id;
	char case_no[64];
	snprintf(case_no, sizeof case_no, "%s", res.case_no);
	intake_result_free(&res);
	free_kept(&k);
	free(cl);
	free(persons);
	if (app->quit)
		return UI_HANDLED | UI_CLOSE;
	/* the clerk stays on the case just registered, its next actions
	 * under F3; the form goes from under it */
	ui_push(app, casedetail_screen_new(app, case_id));
	/* a document that did not print stays on the message line */
	if (!app->msg[0] || app->msg_style == US_OK) {
		if (joined)
			ui_msg(app, US_OK, "已加入：%s", case_no);
		else
			ui_msg(app, US_OK, "已登记：%s。%s", case_no, next + strlen("下一步："));
	}
	return UI_HANDLED | UI_CLOSE | UI_REPLACE;
out:
	intake_result_free(&res);
	free_kept(&k);
	free(cl);
	free(persons);
	return UI_HANDLED;
}

/* ---- the screen ------------------------------------------------------------- */

static int intake_text_input(struct screen *s)
{
	struct intake_screen *is = s->priv;

	return form_text_input(&is->form);
}

static void intake_layout(struct screen *s, int rows, int cols)
{
	struct intake_screen *is = s->priv;

	s->rows = rows;
	s->cols = cols;
	form_area(&is->form, 1, 1, rows, cols - 2);
}

static void intake_draw(struct screen *s)
{
	struct intake_screen *is = s->priv;

	form_draw(&is->form);
}

static int focused_claim(struct intake_screen *is)
{
	struct form_item *it = form_focused(&is->form);

	if (!it || it->kind != FK_ROW || it->id)
		return -1; /* the add rows and the evidence have ids, claims none */
	return it->tag;
}

/* The evidence item focused (-1: none), *in_evidence whether the focus is
 * in the evidence part at all (its rows or its add row). */
static int focused_evidence(struct intake_screen *is, int *in_evidence)
{
	struct form_item *it = form_focused(&is->form);

	*in_evidence = it && it->kind == FK_ROW && it->id && !strncmp(it->id, "evidence.", 9);
	if (!*in_evidence || strcmp(it->id, "evidence.row") != 0)
		return -1;
	return it->tag;
}

static int intake_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct intake_screen *is = s->priv;
	struct app *app = s->app;
	int ci = focused_claim(is);
	int in_ev, ei = focused_evidence(is, &in_ev);
	int party, agent, agents_add;
	struct form_item *fi = form_focused(&is->form);
	int k, other = fi && fi->kind == FK_ROW && fi->id && sscanf(fi->id, "applicant[%d]", &k) == 1 && k >= 1 &&
				       k <= is->nothers && !strchr(fi->id, '.')
			       ? k - 1 : -1;

	focused_party(is, &party, &agent, &agents_add);
	switch (a) {
	case UA_SAVE:
		return intake_save(s);
	case UA_ADD:
		/* on a party's agents a new agent, on the respondents' add
		 * row a new respondent, on the evidence a new item of
		 * evidence, else (in any field, as always) a new claim */
		if (agent >= 0 || agents_add)
			open_agent(s, party, -1);
		else if (party == -2)
			add_respondent(s);
		else if (party == -3)
			open_applicant(s, -1);
		else if (in_ev)
			open_evidence(s, -1);
		else
			open_claim(s, -1, 1);
		return UI_HANDLED;
	case UA_EDIT:
		if (other >= 0)
			open_applicant(s, other);
		else if (ci >= 0)
			open_claim(s, ci, 0);
		else if (ei >= 0)
			open_evidence(s, ei);
		else if (agent >= 0)
			open_agent(s, party, agent);
		else
			ui_msg(app, US_WARN, "请先选中一项请求事项、证据或委托代理人");
		return UI_HANDLED;
	case UA_DELETE:
		if (other >= 0) {
			remove_applicant(s, other);
			return UI_HANDLED;
		}
		if (agent >= 0) {
			remove_agent(s, party, agent);
			return UI_HANDLED;
		}
		if (party == 0 && !agents_add && (is->correct_id || is->nothers > 0)) {
			remove_first_applicant(s);
			return UI_HANDLED;
		}
		if (party >= 1 && party < APP_PARTY && !agents_add && is->nresp > 1) {
			remove_respondent(s, party - 1);
			return UI_HANDLED;
		}
		if (ei >= 0) {
			char q[400];
			snprintf(q, sizeof q, "删除第 %d 项证据？\n%s", ei + 1, is->evidence[ei].name);
			if (ui_confirm(app, q)) {
				evid_remove(is, ei);
				is->dirty = 1;
				build_claim_rows(is);
			}
			return UI_HANDLED;
		}
		if (ci < 0) {
			ui_msg(app, US_WARN, "请先选中要删除的请求事项或证据");
			return UI_HANDLED;
		}
		{
			char q[600];
			snprintf(q, sizeof q, "删除第 %d 项请求事项？\n%s", ci + 1, is->claims[ci].text);
			if (ui_confirm(app, q)) {
				claim_remove(is, ci);
				is->dirty = 1;
				build_claim_rows(is);
				rescan(s);
			}
		}
		return UI_HANDLED;
	case UA_PICK:
		return pick_for_field(s, ci);
	case UA_BACK:
		if (intake_changed(is)) {
			int ans = ui_ask_unsaved_keep(app, "这份登记表");
			if (ans == UI_SAVE)
				return intake_save(s); /* registers; stays open when something is wrong */
			if (ans == UI_KEEP) {
				/* parked: the draft is offered on the desk */
				is->dirty = 1; /* cleared only when kept */
				intake_save_draft(s);
				if (is->dirty)
					return UI_HANDLED; /* not kept (the message says why): stay */
				if (!is->draft_slot) /* kept aside: its own message says where */
					ui_msg(app, US_OK, "登记表已存为草稿，可从工作台“草稿”继续");
				is->draft_id = 0;
				return UI_HANDLED | UI_CLOSE;
			}
			if (ans != UI_DISCARD)
				return UI_HANDLED; /* back to the form, nothing lost */
		}
		/* discarded (or nothing typed): the draft goes too */
		if (draft_drop(app->db, app->user.id, is->draft_id) < 0)
			ui_error(app);
		is->draft_id = 0;
		screen_draft_forget(app, &is->draft_slot);
		is->dirty = 0;
		return UI_HANDLED | UI_CLOSE;
	case UA_ENTER: {
		struct form_item *it = form_focused(&is->form);
		if (it && it->kind == FK_ROW) {
			if (other >= 0)
				open_applicant(s, other);
			else if (ci >= 0)
				open_claim(s, ci, 0);
			else if (agent >= 0 || agents_add)
				open_agent(s, party, agent);
			else if (party == -2)
				add_respondent(s);
			else if (party == -3)
				open_applicant(s, -1);
			else if (in_ev)
				open_evidence(s, ei);
			else
				open_claim(s, -1, 1);
			return UI_HANDLED;
		}
		break;
	}
	default:
		break;
	}
	int r = form_handle(&is->form, a, ch);
	if (r >= 0)
		changed(s, r);
	return UI_HANDLED;
}

static void intake_destroy(struct screen *s)
{
	struct intake_screen *is = s->priv;

	for (int i = 0; i < is->nclaims; i++)
		claim_free(&is->claims[i]);
	free(is->claims);
	for (int i = 0; i < is->nevidence; i++)
		evid_free(&is->evidence[i]);
	free(is->evidence);
	for (int pi = 0; pi <= INTAKE_MAX_RESPONDENTS; pi++)
		agents_clear(&is->agents[pi]);
	for (int i = 0; i < is->nothers; i++)
		other_free(&is->others[i]);
	free(is->others);
	free(is->resp_kind_names);
	free(is->agent_kind_names);
	free(is->authority_names);
	free(is->party_names);
	form_free(&is->form);
	free(is->snap);
	free(is->channel_names);
	free(is->gender_names);
	free(is->household_names);
	free(is->typed_birth);
	if (is->cv) {
		case_view_free(is->cv);
		free(is->cv);
	}
	free(is->opened);
	free(is);
}

static const struct screen_ops intake_ops = {
	.name = "intake",
	.actions = intake_actions,
	.labels = intake_labels,
	.text_input = intake_text_input,
	.layout = intake_layout,
	.draw = intake_draw,
	.handle = intake_handle,
	.tick = intake_tick,
	.save_draft = intake_save_draft,
	.destroy = intake_destroy,
};

struct screen *intake_screen_new(struct app *app, const char *draft_body, int64_t draft_id)
{
	struct intake_screen *is = xcalloc(1, sizeof *is);
	struct screen *s;

	form_init(&is->form);
	is->form.label_w = 11;
	build_form(is);
	build_claim_rows(is);
	is->form.focus = 1;
	is->last_save = time(NULL);
	is->snap = form_snapshot(&is->form);
	s = screen_new(app, &intake_ops, "调解申请登记", is);
	if (draft_body) {
		is->draft_id = draft_id;
		restore(s, draft_body);
		ui_msg(app, US_OK, "已恢复草稿，请继续填写");
	} else {
		check_id(s, 1); /* sex and birth date: from the number to come */
		update_facts_count(is);
	}
	return s;
}

/* A party's agents on the form as the case has them. */
static void prefill_agents(struct agents *ag, const struct cv_party *o)
{
	agents_clear(ag);
	for (int j = 0; j < o->nagents; j++) {
		const struct cv_agent *c = &o->agents[j];
		struct agent *a = agent_append(ag);
		int kind = vocab_index(VOCAB_AGENT, c->kind), auth = vocab_index(VOCAB_AUTHORITY, c->authority);
		free(a->name);
		a->name = xstrdup(c->name);
		free(a->org);
		a->org = xstrdup(c->org);
		free(a->phone);
		a->phone = xstrdup(c->phone);
		free(a->scope);
		a->scope = xstrdup(c->scope);
		a->kind = kind > 0 ? kind : 0;
		a->authority = auth > 0 ? auth : 0;
	}
}

/* Every respondent of the case on the form, as the case has it (the
 * archive's district and industry of an organisation: the case keeps
 * none). */
static void prefill_respondents(struct screen *s)
{
	struct intake_screen *is = s->priv;
	const struct case_view *cv = is->cv;
	char id[48];

	is->nresp = cv->nrespondents > 1 ? cv->nrespondents : 1;
	if (is->nresp > INTAKE_MAX_RESPONDENTS)
		is->nresp = INTAKE_MAX_RESPONDENTS;
	/* each party's agents, each respondent the case's */
	if (cv->napplicants > 0)
		prefill_agents(&is->agents[0], &cv->applicants[0]);
	for (int i = 0; i < cv->nrespondents && i < is->nresp; i++) {
		prefill_agents(&is->agents[1 + i], &cv->respondents[i]);
		is->resp_ord[i] = cv->respondents[i].ord;
	}
	rebuild_form(is, NULL);
	for (int i = 0; i < cv->nrespondents && i < is->nresp; i++) {
		const struct cv_party *e = &cv->respondents[i];
		int kind = vocab_index(VOCAB_RESPONDENT, e->kind[0] ? e->kind : "employer");
		form_find(&is->form, rid(id, sizeof id, i, "kind"))->choice = kind > 0 ? kind : 0;
		if (!strcmp(e->kind, "individual")) {
			struct form_item *it = form_find(&is->form, rid(id, sizeof id, i, "id_type"));
			for (int t = 0; t < (int)TJ_ARRAY_LEN(id_type_kws); t++)
				if (!strcmp(id_type_kws[t], e->id_type))
					it->choice = t;
			set_field(is, rid(id, sizeof id, i, "id_no"), e->id_no);
		}
		set_field(is, rid(id, sizeof id, i, "uscc"), e->uscc);
		set_field(is, rid(id, sizeof id, i, "name"), e->name);
		set_field(is, rid(id, sizeof id, i, "legal_rep"), e->legal_rep);
		set_field(is, rid(id, sizeof id, i, "legal_rep_title"), e->legal_rep_title);
		set_field(is, rid(id, sizeof id, i, "address"), e->address);
		set_field(is, rid(id, sizeof id, i, "phone"), e->phone);
		struct employer_full ef = {0};
		if (strcmp(e->kind, "individual") != 0 &&
		    archive_employer_find(s->app->db, &s->app->actor, e->uscc[0] ? e->uscc : NULL, e->name, &ef) > 0) {
			set_field(is, rid(id, sizeof id, i, "district"), ef.district);
			set_field(is, rid(id, sizeof id, i, "industry"), ef.industry);
			employer_full_free(&ef);
		}
		apply_kind(is, i);
	}
}

/* The form filled from the case: its own copy of the parties, the
 * archive's district and industry of the respondent (the case keeps
 * none), channel, date, facts, and the claims with their numbers. */
static void prefill(struct screen *s)
{
	struct intake_screen *is = s->priv;
	const struct case_view *cv = is->cv;
	struct form_item *it;
	char amt[40];

	if (cv->napplicants > 0) {
		const struct cv_party *p = &cv->applicants[0];
		it = form_find(&is->form, "applicant[0].id_type");
		for (int i = 0; i < (int)TJ_ARRAY_LEN(id_type_kws); i++)
			if (!strcmp(id_type_kws[i], p->id_type))
				it->choice = i;
		set_field(is, "applicant[0].id_no", p->id_no);
		set_field(is, "applicant[0].name", p->name);
		set_field(is, "applicant[0].nationality", p->nationality);
		set_field(is, "applicant[0].phone", p->phone);
		set_field(is, "applicant[0].address", p->address);
		/* typed sex and birth date (a passport's ...) stay: check_id
		 * makes them read-only only when the number gives them */
		form_find(&is->form, "applicant[0].gender")->readonly = 0;
		form_find(&is->form, "applicant[0].birth_date")->readonly = 0;
		form_find(&is->form, "applicant[0].gender")->choice = vocab_index(VOCAB_GENDER, p->gender) + 1;
		set_field(is, "applicant[0].birth_date", p->birth_date);
		form_find(&is->form, "applicant[0].household")->choice = vocab_index(VOCAB_HOUSEHOLD, p->household) + 1;
		set_field(is, "applicant[0].occupation", p->occupation);
		check_id(s, 0); /* sex and birth from the number; the archive fills nothing */
	}
	prefill_respondents(s);
	it = form_find(&is->form, "channel");
	int ch = vocab_index(VOCAB_CHANNEL, cv->channel);
	it->choice = ch >= 0 ? ch : 0;
	set_field(is, "received", cv->received);
	set_field(is, "facts", cv->facts);
	for (int i = 0; i < cv->nclaims; i++) {
		const struct cv_claim *k = &cv->claims[i];
		struct claim *c = claim_append(is);
		snprintf(c->cause, sizeof c->cause, "%s", k->cause);
		free(c->cause_name);
		c->cause_name = xstrdup(k->cause_name);
		free(c->text);
		c->text = xstrdup(k->text);
		free(c->amount);
		c->amount = xstrdup(k->amount_fen > 0 ? money_format(k->amount_fen, amt, sizeof amt) : "");
		c->ord = k->ord;
		/* every respondent listed is all of them */
		if (k->nagainst < cv->nrespondents)
			for (int j = 0; j < k->nagainst && j < INTAKE_MAX_RESPONDENTS; j++)
				c->against[c->nagainst++] = k->against[j];
		c->joint = k->joint;
	}
	build_claim_rows(is);
	update_facts_count(is);
}

/* The applicants after the first as the case has them. */
static void prefill_others(struct intake_screen *is)
{
	const struct case_view *cv = is->cv;

	is->nothers = cv->napplicants > 1 ? cv->napplicants - 1 : 0;
	is->others = xcalloc((size_t)is->nothers + 1, sizeof *is->others);
	for (int i = 0; i < is->nothers; i++) {
		const struct cv_party *p = &cv->applicants[i + 1];
		struct other_app *o = &is->others[i];
		for (int t = 0; t < (int)TJ_ARRAY_LEN(id_type_kws); t++)
			if (!strcmp(id_type_kws[t], p->id_type))
				o->id_type = t;
		o->id_no = xstrdup(p->id_no);
		o->name = xstrdup(p->name);
		o->birth = xstrdup(p->birth_date);
		o->nationality = xstrdup(p->nationality);
		o->phone = xstrdup(p->phone);
		o->address = xstrdup(p->address);
		o->occupation = xstrdup(p->occupation);
		o->gender = p->gender[0] ? vocab_index(VOCAB_GENDER, p->gender) + 1 : 0;
		o->household = p->household[0] ? vocab_index(VOCAB_HOUSEHOLD, p->household) + 1 : 0;
		o->ord = p->ord;
		o->representative = p->representative;
		prefill_agents(&o->agents, p);
	}
}

struct screen *intake_correct_screen_new(struct app *app, int64_t case_id, void (*done)(void *ctx), void *ctx,
					 const char *draft_body, int64_t draft_id)
{
	struct case_view *cv = xcalloc(1, sizeof *cv);

	if (case_load(app->db, &app->actor, case_id, cv) != 1) {
		free(cv);
		ui_error(app);
		return NULL;
	}
	struct intake_screen *is = xcalloc(1, sizeof *is);
	struct screen *s;

	is->correct_id = case_id;
	is->correct_version = cv->version;
	is->cv = cv;
	is->app0_ord = cv->napplicants > 0 ? cv->applicants[0].ord : -1;
	is->app0_rep = cv->napplicants > 0 ? cv->applicants[0].representative : 0;
	prefill_others(is);
	is->done = done;
	is->done_ctx = ctx;
	form_init(&is->form);
	is->form.label_w = 11;
	build_form(is);
	build_claim_rows(is);
	is->form.focus = 1;
	is->last_save = time(NULL);
	s = screen_new(app, &intake_ops, "修改申请", is);
	prefill(s);
	is->snap = form_snapshot(&is->form);
	is->opened = serialise(is);
	if (draft_body) {
		/* what was typed, against the version the user saw then */
		char *ver = draft_get(draft_body, "correct.version");
		is->draft_id = draft_id;
		if (ver && atoll(ver) > 0)
			is->correct_version = atoll(ver);
		free(ver);
		restore(s, draft_body);
		ui_msg(app, US_OK, "已恢复草稿，请继续修改");
	} else {
		ui_msg(app, US_NORMAL, "修改申请 %s：改好后按 F2 保存", cv->case_no);
	}
	reconfirm_note(is);
	return s;
}

/* A resumed correction saved: the case below it shows what it now holds
 * (as its F9 does). */
static void resumed_saved(void *ctx)
{
	struct screen *detail = ctx;

	detail->ops->handle(detail, UA_REFRESH, 0);
}

void intake_resume(struct app *app, const char *draft_body, int64_t draft_id)
{
	char *cid = draft_get(draft_body, "correct.case_id");

	if (cid) {
		/* a correction kept as a draft: the case, and the form on it */
		int64_t id = atoll(cid);
		free(cid);
		struct screen *detail = casedetail_screen_new(app, id);
		struct screen *cs = detail ? intake_correct_screen_new(app, id, resumed_saved, detail, draft_body,
								       draft_id)
					   : NULL;
		if (!cs) {
			if (detail) {
				detail->ops->destroy(detail);
				free(detail);
			}
			return;
		}
		ui_push(app, detail);
		ui_push(app, cs);
		if (ui_top(app) == cs)
			reopen_claim(cs, draft_body);
		if (ui_top(app) == cs)
			reopen_agent(cs, draft_body);
		if (ui_top(app) == cs)
			reopen_applicant(cs, draft_body);
		return;
	}
	struct screen *s = intake_screen_new(app, draft_body, draft_id);

	ui_push(app, s);
	if (ui_top(app) == s)
		reopen_claim(s, draft_body);
	if (ui_top(app) == s)
		reopen_evidence(s, draft_body);
	if (ui_top(app) == s)
		reopen_agent(s, draft_body);
	if (ui_top(app) == s)
		reopen_applicant(s, draft_body);
}
