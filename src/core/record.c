/*
 * record.c - a case as the application record (record.h), written with
 * Jansson.  Every enumeration goes out as its label in the one vocabulary
 * (vocab.c, validate.c's document names), so the record, the screens and
 * the documents say the same words.
 */
#include "tiaojie/record.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/collective.h"
#include "tiaojie/intake.h"
#include "tiaojie/lifecycle.h"
#include "tiaojie/util.h"
#include "tiaojie/validate.h"
#include "tiaojie/vocab.h"

/* application.md's document kinds, in its order, and the stored keyword. */
static const struct {
	const char *label, *keyword;
} doc_kinds[] = {
	{"居民身份证", "id"},
	{"外国人永久居留身份证", "foreign-pr"},
	{"港澳居民居住证", "residence"},
	{"台湾居民居住证", "residence"},
	{"港澳居民来往内地通行证", "hkmo"},
	{"台湾居民来往大陆通行证", "tw"},
	{"护照", "passport"},
	{"其他", "other"},
};

const char *record_doc_kind(const char *id_type, const char *id_no)
{
	if (!id_type)
		return NULL;
	if (!strcmp(id_type, "residence")) /* 830000: 台湾; 810000, 820000: 香港, 澳门 */
		return id_no && !strncmp(id_no, "83", 2) ? "台湾居民居住证" : "港澳居民居住证";
	for (size_t i = 0; i < TJ_ARRAY_LEN(doc_kinds); i++)
		if (!strcmp(doc_kinds[i].keyword, id_type))
			return doc_kinds[i].label;
	return NULL;
}

const char *record_doc_kind_keyword(const char *label)
{
	for (size_t i = 0; label && i < TJ_ARRAY_LEN(doc_kinds); i++)
		if (!strcmp(doc_kinds[i].label, label))
			return doc_kinds[i].keyword;
	return NULL;
}

char *record_amount(int64_t fen, char *buf, size_t size)
{
	snprintf(buf, size, "%s%" PRId64 ".%02" PRId64, fen < 0 ? "-" : "", (fen < 0 ? -fen : fen) / 100,
		 (fen < 0 ? -fen : fen) % 100);
	return buf;
}

/* A string member, left out when s is NULL or empty (optional keys). */
static void opt_str(json_t *o, const char *key, const char *s)
{
	if (s && *s)
		json_object_set_new(o, key, json_string(s));
}

static void str(json_t *o, const char *key, const char *s)
{
	json_object_set_new(o, key, json_string(s ? s : ""));
}

static json_t *agents(const struct cv_party *p)
{
	json_t *a = json_array();

	for (int j = 0; j < p->nagents; j++) {
		const struct cv_agent *x = &p->agents[j];
		json_t *o = json_object();
		const char *kind = vocab_label(VOCAB_AGENT, x->kind), *auth = vocab_label(VOCAB_AUTHORITY, x->authority);
		str(o, "name", x->name);
		str(o, "kind", kind ? kind : x->kind);
		opt_str(o, "org", x->org);
		opt_str(o, "phone", x->phone);
		str(o, "authority", auth ? auth : x->authority);
		opt_str(o, "scope", x->scope);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *person(const struct cv_party *p, int full_ids)
{
	json_t *o = json_object();
	char masked[64];
	const char *kind = record_doc_kind(p->id_type, p->id_no);

	str(o, "doc_kind", kind ? kind : p->id_type);
	if (full_ids) {
		str(o, "doc_no", p->id_no);
	} else {
		val_mask(p->id_no, masked, sizeof masked);
		str(o, "doc_no", masked);
	}
	str(o, "name", p->name);
	opt_str(o, "sex", vocab_label(VOCAB_GENDER, p->gender ? p->gender : ""));
	opt_str(o, "birth", p->birth_date);
	opt_str(o, "nationality", p->nationality);
	str(o, "phone", p->phone);
	opt_str(o, "address", p->address);
	opt_str(o, "hukou", p->household ? vocab_label(VOCAB_HOUSEHOLD, p->household) : NULL);
	opt_str(o, "occupation", p->occupation);
	json_object_set_new(o, "representative", json_boolean(p->representative));
	json_object_set_new(o, "agents", agents(p));
	return o;
}

static json_t *employer(const struct cv_party *p, int full_ids)
{
	json_t *o = json_object();
	const char *kind = vocab_label(VOCAB_RESPONDENT, p->kind[0] ? p->kind : "employer");

	str(o, "kind", kind ? kind : p->kind);
	if (!strcmp(p->kind, "individual")) {
		/* doc_kind/doc_no instead of uscc */
		const char *dk = record_doc_kind(p->id_type, p->id_no);
		char masked[64];
		str(o, "doc_kind", dk ? dk : p->id_type);
		if (full_ids) {
			str(o, "doc_no", p->id_no);
		} else {
			val_mask(p->id_no, masked, sizeof masked);
			str(o, "doc_no", masked);
		}
	}
	opt_str(o, "uscc", p->uscc);
	str(o, "name", p->name);
	opt_str(o, "legal_rep", p->legal_rep);
	opt_str(o, "legal_rep_title", p->legal_rep_title);
	opt_str(o, "address", p->address);
	opt_str(o, "phone", p->phone);
	json_object_set_new(o, "agents", agents(p));
	return o;
}

static json_t *claim(const struct cv_claim *c)
{
	json_t *o = json_object(), *against = json_array();
	char amt[40];

	str(o, "cause", c->cause);
	opt_str(o, "cause_name", c->cause_name);
	str(o, "text", c->text);
	if (c->amount_fen > 0)
		str(o, "amount", record_amount(c->amount_fen, amt, sizeof amt));
	for (int i = 0; i < c->nagainst; i++)
		json_array_append_new(against, json_integer(c->against[i]));
	json_object_set_new(o, "against", against);
	json_object_set_new(o, "joint", json_boolean(c->joint));
	if (c->nshares > 0) {
		json_t *pw = json_array();
		for (int i = 0; i < c->nshares; i++) {
			json_t *x = json_object();
			json_object_set_new(x, "applicant", json_integer(c->shares[i].applicant));
			str(x, "amount", record_amount(c->shares[i].amount_fen, amt, sizeof amt));
			json_array_append_new(pw, x);
		}
		json_object_set_new(o, "per_worker", pw);
		/* the part of the amount not divided among the workers, so that
		 * the shares and it add up to the amount (collective.h) */
		int64_t u = case_claim_undivided(c);
		if (u != 0)
			str(o, "undivided", record_amount(u, amt, sizeof amt));
	}
	if (c->agreed_fen >= 0) {
		str(o, "agreed", record_amount(c->agreed_fen, amt, sizeof amt));
		opt_str(o, "pay_date", c->pay_date);
	}
	return o;
}

static json_t *evidence(const struct cv_evidence *e)
{
	json_t *o = json_object();
	char by[32];

	json_object_set_new(o, "no", json_integer(e->ord));
	str(o, "name", e->name);
	opt_str(o, "source", e->source);
	opt_str(o, "proves", e->purpose);
	json_object_set_new(o, "pages", json_integer(e->pages));
	json_object_set_new(o, "original", json_boolean(e->original));
	snprintf(by, sizeof by, "%s:1", e->party);
	str(o, "by", by);
	str(o, "submitted", e->submitted);
	return o;
}

static const char *session_status(const char *s)
{
	const char *w = vocab_label(VOCAB_SESSION, s);
	return w ? w : s;
}

char *record_case_json(const struct case_view *cv, int full_ids)
{
	json_t *r = json_object(), *a;
	char buf[64];

	opt_str(r, "external_id", cv->external_id);
	str(r, "case_no", cv->case_no);
	str(r, "status", status_name(cv->status));
	if (cv->perf != PERF_NONE)
		str(r, "performance", perf_name(cv->perf));
	const char *ch = vocab_label(VOCAB_CHANNEL, cv->channel);
	str(r, "channel", ch ? ch : cv->channel);
	str(r, "received", cv->received);
	json_object_set_new(r, "collective", json_boolean(cv->collective));

	a = json_array();
	for (int i = 0; i < cv->napplicants; i++)
		json_array_append_new(a, person(&cv->applicants[i], full_ids));
	json_object_set_new(r, "applicants", a);
	a = json_array();
	for (int i = 0; i < cv->nrespondents; i++)
		json_array_append_new(a, employer(&cv->respondents[i], full_ids));
	json_object_set_new(r, "respondents", a);
	a = json_array();
	for (int i = 0; i < cv->nclaims; i++)
		json_array_append_new(a, claim(&cv->claims[i]));
	json_object_set_new(r, "claims", a);
	str(r, "facts", cv->facts);
	a = json_array();
	for (int i = 0; i < cv->nevidence; i++)
		json_array_append_new(a, evidence(&cv->evidence[i]));
	json_object_set_new(r, "evidence", a);

	/* the case's own */
	opt_str(r, "mediator", cv->mediator_name);
	opt_str(r, "confirmed_at", cv->confirmed_at);
	opt_str(r, "accepted_at", cv->accepted_at);
	opt_str(r, "deadline", cv->deadline);
	opt_str(r, "closed_at", cv->closed_at);
	opt_str(r, "reason", cv->reason);
	json_object_set_new(r, "version", json_integer(cv->version));
	a = json_array();
	for (int i = 0; i < cv->nsessions; i++) {
		const struct cv_session *x = &cv->sessions[i];
		json_t *o = json_object();
		str(o, "day", x->day);
		str(o, "start", x->start);
		json_object_set_new(o, "minutes", json_integer(x->minutes));
		opt_str(o, "room", x->room);
		opt_str(o, "mediator", x->mediator);
		str(o, "status", session_status(x->status));
		opt_str(o, "note", x->note);
		json_array_append_new(a, o);
	}
	json_object_set_new(r, "sessions", a);
	a = json_array();
	for (int i = 0; i < cv->ndocuments; i++) {
		const struct cv_document *d = &cv->documents[i];
		json_t *o = json_object();
		const char *kind = vocab_label(VOCAB_DOC_KIND, d->kind);
		str(o, "kind", kind ? kind : d->kind);
		str(o, "issued_at", d->issued_at);
		str(o, "by", d->user);
		opt_str(o, "file", d->file);
		json_array_append_new(a, o);
	}
	json_object_set_new(r, "documents", a);
	/* each document's service on each party: document N (as listed
	 * above) and party K of it, as `tiaojie doc --document N --party K` */
	a = json_array();
	for (int i = 0; i < cv->nservices; i++) {
		const struct cv_service *v = &cv->services[i];
		json_t *o = json_object();
		const char *kind = NULL;
		int doc = 0, party = 1;
		for (int j = 0; j < cv->ndocuments; j++)
			if (cv->documents[j].id == v->document_id) {
				doc = j + 1;
				kind = vocab_label(VOCAB_DOC_KIND, cv->documents[j].kind);
			}
		for (int j = 0; j < i; j++)
			party += cv->services[j].document_id == v->document_id;
		json_object_set_new(o, "document", json_integer(doc));
		opt_str(o, "document_kind", kind);
		json_object_set_new(o, "party", json_integer(party));
		str(o, "role", vocab_label(VOCAB_PARTY, v->role));
		str(o, "name", v->name);
		str(o, "status", v->served_on[0] ? "已送达" : "未送达");
		opt_str(o, "method", v->served_on[0] ? vocab_label(VOCAB_SERVICE, v->method) : NULL);
		opt_str(o, "tracking", v->tracking);
		opt_str(o, "served_on", v->served_on);
		opt_str(o, "signed_by", v->signed_by);
		json_array_append_new(a, o);
	}
	json_object_set_new(r, "services", a);
	a = json_array();
	for (int i = 0; i < cv->nevents; i++) {
		const struct cv_event *e = &cv->events[i];
		json_t *o = json_object();
		str(o, "at", e->at);
		str(o, "by", e->user);
		str(o, "what", case_event_what(e, buf, sizeof buf));
		opt_str(o, "before", e->before[0] ? case_event_word(e->before) : NULL);
		opt_str(o, "after", e->after[0] ? case_event_word(e->after) : NULL);
		json_array_append_new(a, o);
	}
	json_object_set_new(r, "timeline", a);

	char *s = json_dumps(r, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(r);
	if (!s) {
		tj_error("生成案件记录失败（内存不足）");
		return NULL;
	}
	char *out = xasprintf("%s\n", s);
	free(s);
	return out;
}

/* ---- import ------------------------------------------------------------------ */

static void said(struct record_result *r, const char *field, const char *fmt, ...) TJ_PRINTF(3, 4);
static void said(struct record_result *r, const char *field, const char *fmt, ...)
{
	va_list ap;

	if (r->nproblems >= (int)TJ_ARRAY_LEN(r->problems))
		return;
	struct record_problem *p = &r->problems[r->nproblems++];
	snprintf(p->field, sizeof p->field, "%s", field);
	va_start(ap, fmt);
	vsnprintf(p->msg, sizeof p->msg, fmt, ap);
	va_end(ap);
}

/* A string member: NULL when absent or null; a problem when of another
 * type.  path is the object's own ("applicants[0]"; "" at the top). */
static const char *get_str(struct record_result *r, json_t *o, const char *path, const char *key)
{
	json_t *v = json_object_get(o, key);
	char f[64];

	if (!v || json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return json_string_value(v);
	snprintf(f, sizeof f, "%s%s%s", path, *path ? "." : "", key);
	said(r, f, "应为文字（带引号的字符串）");
	return NULL;
}

/* An array member (NULL when absent); a problem when of another type. */
static json_t *get_array(struct record_result *r, json_t *o, const char *path, const char *key)
{
	json_t *v = json_object_get(o, key);
	char f[64];

	if (!v || json_is_null(v))
		return NULL;
	if (json_is_array(v))
		return v;
	snprintf(f, sizeof f, "%s%s%s", path, *path ? "." : "", key);
	said(r, f, "应为数组");
	return NULL;
}

/* A label of the vocabulary to its keyword; a problem when unknown. */
static const char *word_code(struct record_result *r, enum vocab_kind k, const char *label, const char *field,
			     const char *what)
{
	const char *code;
	int n;

	if (!label || !*label)
		return NULL;
	code = vocab_code(k, label);
	if (code)
		return code;
	const struct vocab_word *w = vocab_words(k, &n);
	struct strbuf sb;
	sb_init(&sb);
	for (int i = 0; i < n; i++)
		sb_printf(&sb, "%s%s", i ? "、" : "", w[i].label);
	said(r, field, "未知的%s「%s」（应为%s）", what, label, sb.buf);
	sb_free(&sb);
	return "?";
}

/* The form's field names to the record's keys. */
static void record_field(const char *form, char *out, size_t size)
{
	static const struct {
		const char *form, *record;
	} keys[] = {
		{"id_type", "doc_kind"}, {"id_no", "doc_no"}, {"gender", "sex"}, {"birth_date", "birth"},
		{"household", "hukou"},  {"purpose", "proves"}, {"party", "by"},
	};
	int i;
	char key[48], rest[64];
	const char *side = NULL;

	rest[0] = '\0';
	if (sscanf(form, "applicant[%d].%47[a-z_]%63s", &i, key, rest) >= 2)
		side = "applicants";
	else if (sscanf(form, "respondent[%d].%47[a-z_]%63s", &i, key, rest) >= 2)
		side = "respondents";
	else if (sscanf(form, "evidence[%d].%47[a-z_]%63s", &i, key, rest) >= 2)
		side = "evidence";
	if (!side) {
		snprintf(out, size, "%s", form);
		return;
	}
	for (size_t k = 0; k < TJ_ARRAY_LEN(keys); k++)
		if (!strcmp(key, keys[k].form) && !rest[0])
			snprintf(key, sizeof key, "%s", keys[k].record);
	/* a path longer than out is cut, never overrun */
	char buf[160];
	snprintf(buf, sizeof buf, "%s[%d].%.47s%.63s", side, i, key, rest);
	size_t n = strlen(buf);
	if (n >= size)
		n = size - 1;
	memcpy(out, buf, n);
	out[n] = '\0';
}

/* The arrays to_intake allocates. */
struct kept {
	struct intake_agent **agents;
	int nagents;
	int **against;
	int nagainst;
	struct intake_share **shares;
	int nshares;
	struct case_op_evidence *evidence;
	char (*pages)[24];
};

static void keep_free(struct kept *k)
{
	for (int i = 0; i < k->nagents; i++)
		free(k->agents[i]);
	for (int i = 0; i < k->nagainst; i++)
		free(k->against[i]);
	for (int i = 0; i < k->nshares; i++)
		free(k->shares[i]);
	free(k->agents);
	free(k->against);
	free(k->shares);
	free(k->evidence);
	free(k->pages);
}

/* A boolean member: 0 when absent or null; a problem when of another type. */
static int get_bool(struct record_result *r, json_t *o, const char *path, const char *key)
{
	json_t *v = json_object_get(o, key);
	char f[64];

	if (!v || json_is_null(v))
		return 0;
	if (json_is_boolean(v))
		return json_is_true(v);
	snprintf(f, sizeof f, "%s%s%s", path, *path ? "." : "", key);
	said(r, f, "应为 true 或 false");
	return 0;
}

/* A party's agents (kept in k). */
static void agents_of(struct record_result *r, json_t *x, const char *path, struct kept *k, int *n,
		      const struct intake_agent **out)
{
	json_t *a = get_array(r, x, path, "agents"), *y;
	char p[80], f[96];
	size_t j;

	*n = 0;
	*out = NULL;
	if (!a || json_array_size(a) == 0)
		return;
	struct intake_agent *v = xcalloc(json_array_size(a), sizeof *v);
	k->agents = xrealloc(k->agents, (size_t)(k->nagents + 1) * sizeof *k->agents);
	k->agents[k->nagents++] = v;
	json_array_foreach(a, j, y) {
		snprintf(p, sizeof p, "%s.agents[%zu]", path, j);
		if (!json_is_object(y)) {
			said(r, p, "应为对象（{…}）");
			continue;
		}
		v[j].name = get_str(r, y, p, "name");
		snprintf(f, sizeof f, "%s.kind", p);
		v[j].kind = word_code(r, VOCAB_AGENT, get_str(r, y, p, "kind"), f, "代理人类别");
		v[j].org = get_str(r, y, p, "org");
		v[j].phone = get_str(r, y, p, "phone");
		snprintf(f, sizeof f, "%s.authority", p);
		v[j].authority = word_code(r, VOCAB_AUTHORITY, get_str(r, y, p, "authority"), f, "代理权限");
		v[j].scope = get_str(r, y, p, "scope");
	}
	*n = (int)json_array_size(a);
	*out = v;
}

/* One record into in (strings point into o, arrays into k).  Problems of
 * shape go to r; the rules are intake_check's. */
static void to_intake(struct record_result *r, json_t *o, struct intake *in, struct kept *k)
{
	char path[48], f[128];
	json_t *a, *x;
	size_t i;

	memset(in, 0, sizeof *in);
	memset(k, 0, sizeof *k);
	in->external_id = get_str(r, o, "", "external_id");
	if (in->external_id) {
		size_t n = strlen(in->external_id);
		if (!n || n > 64 || !utf8_valid(in->external_id, n) || utf8_has_control(in->external_id, 0))
			said(r, "external_id", "外部编号应为1至64个字符，不含控制字符");
	}
	const char *ch = get_str(r, o, "", "channel");
	in->channel = ch ? word_code(r, VOCAB_CHANNEL, ch, "channel", "申请渠道") : "online";
	in->received = get_str(r, o, "", "received");
	in->facts = get_str(r, o, "", "facts");

	if ((a = get_array(r, o, "", "applicants"))) {
		in->napplicants = (int)json_array_size(a);
		in->applicants = xcalloc((size_t)in->napplicants + 1, sizeof *in->applicants);
		json_array_foreach(a, i, x) {
			struct intake_person *p = &in->applicants[i];
			snprintf(path, sizeof path, "applicants[%zu]", i);
			if (!json_is_object(x)) {
				said(r, path, "应为对象（{…}）");
				continue;
			}
			const char *kind = get_str(r, x, path, "doc_kind");
			snprintf(f, sizeof f, "%s.doc_kind", path);
			p->id_type = kind ? record_doc_kind_keyword(kind) : NULL;
			if (kind && !p->id_type) {
				said(r, f, "未知的证件类型「%s」", kind);
				p->id_type = "?";
			}
			p->id_no = get_str(r, x, path, "doc_no");
			p->name = get_str(r, x, path, "name");
			snprintf(f, sizeof f, "%s.sex", path);
			p->gender = word_code(r, VOCAB_GENDER, get_str(r, x, path, "sex"), f, "性别");
			p->birth_date = get_str(r, x, path, "birth");
			p->nationality = get_str(r, x, path, "nationality");
			p->phone = get_str(r, x, path, "phone");
			p->address = get_str(r, x, path, "address");
			snprintf(f, sizeof f, "%s.hukou", path);
			p->household = word_code(r, VOCAB_HOUSEHOLD, get_str(r, x, path, "hukou"), f, "户籍类型");
			p->occupation = get_str(r, x, path, "occupation");
			p->representative = get_bool(r, x, path, "representative");
			agents_of(r, x, path, k, &p->nagents, &p->agents);
		}
	} else if (!json_object_get(o, "applicants")) {
		said(r, "applicants", "缺少申请人（applicants）");
	}

	if ((a = get_array(r, o, "", "respondents"))) {
		in->nrespondents = (int)json_array_size(a);
		in->respondents = xcalloc((size_t)in->nrespondents + 1, sizeof *in->respondents);
		json_array_foreach(a, i, x) {
			struct intake_employer *e = &in->respondents[i];
			snprintf(path, sizeof path, "respondents[%zu]", i);
			if (!json_is_object(x)) {
				said(r, path, "应为对象（{…}）");
				continue;
			}
			snprintf(f, sizeof f, "%s.kind", path);
			e->kind = word_code(r, VOCAB_RESPONDENT, get_str(r, x, path, "kind"), f, "被申请人类别");
			e->uscc = get_str(r, x, path, "uscc");
			const char *dk = get_str(r, x, path, "doc_kind");
			snprintf(f, sizeof f, "%s.doc_kind", path);
			e->id_type = dk ? record_doc_kind_keyword(dk) : NULL;
			if (dk && !e->id_type) {
				said(r, f, "未知的证件类型「%s」", dk);
				e->id_type = "?";
			}
			e->id_no = get_str(r, x, path, "doc_no");
			e->name = get_str(r, x, path, "name");
			e->legal_rep = get_str(r, x, path, "legal_rep");
			e->legal_rep_title = get_str(r, x, path, "legal_rep_title");
			e->address = get_str(r, x, path, "address");
			e->phone = get_str(r, x, path, "phone");
			e->district = get_str(r, x, path, "district");
			e->industry = get_str(r, x, path, "industry");
			agents_of(r, x, path, k, &e->nagents, &e->agents);
		}
	} else if (!json_object_get(o, "respondents")) {
		said(r, "respondents", "缺少被申请人（respondents）");
	}

	if ((a = get_array(r, o, "", "claims"))) {
		in->nclaims = (int)json_array_size(a);
		in->claims = xcalloc((size_t)in->nclaims + 1, sizeof *in->claims);
		json_array_foreach(a, i, x) {
			struct intake_claim *c = &in->claims[i];
			snprintf(path, sizeof path, "claims[%zu]", i);
			if (!json_is_object(x)) {
				said(r, path, "应为对象（{…}）");
				continue;
			}
			c->cause = get_str(r, x, path, "cause");
			c->text = get_str(r, x, path, "text");
			c->amount = get_str(r, x, path, "amount");
			json_t *ag = get_array(r, x, path, "against"), *y;
			size_t j;
			if (ag && json_array_size(ag) > 0) {
				int *v = xcalloc(json_array_size(ag), sizeof *v);
				k->against = xrealloc(k->against, (size_t)(k->nagainst + 1) * sizeof *k->against);
				k->against[k->nagainst++] = v;
				json_array_foreach(ag, j, y) {
					if (!json_is_integer(y)) {
						snprintf(f, sizeof f, "%s.against", path);
						said(r, f, "应为被申请人的序号（1、2…）");
						break;
					}
					v[j] = (int)json_integer_value(y);
				}
				c->nagainst = (int)json_array_size(ag);
				c->against = v;
			}
			c->joint = get_bool(r, x, path, "joint");
			json_t *pw = get_array(r, x, path, "per_worker");
			if (pw && json_array_size(pw) > 0) {
				struct intake_share *v = xcalloc(json_array_size(pw), sizeof *v);
				k->shares = xrealloc(k->shares, (size_t)(k->nshares + 1) * sizeof *k->shares);
				k->shares[k->nshares++] = v;
				json_array_foreach(pw, j, y) {
					char sp[96];
					snprintf(sp, sizeof sp, "%s.per_worker[%zu]", path, j);
					if (!json_is_object(y)) {
						said(r, sp, "应为对象（{\"applicant\": 1, \"amount\": \"…\"}）");
						continue;
					}
					json_t *ap = json_object_get(y, "applicant");
					if (!json_is_integer(ap)) {
						snprintf(f, sizeof f, "%s.applicant", sp);
						said(r, f, "应为申请人的序号（1、2…）");
					} else {
						v[j].applicant = (int)json_integer_value(ap);
					}
					v[j].amount = get_str(r, y, sp, "amount");
				}
				c->nshares = (int)json_array_size(pw);
				c->shares = v;
			}
			c->undivided = get_str(r, x, path, "undivided");
		}
	} else if (!json_object_get(o, "claims")) {
		said(r, "claims", "缺少请求事项（claims）");
	}

	if ((a = get_array(r, o, "", "evidence")) && json_array_size(a) > 0) {
		size_t n = json_array_size(a);
		k->evidence = xcalloc(n, sizeof *k->evidence);
		k->pages = xcalloc(n, sizeof *k->pages);
		json_array_foreach(a, i, x) {
			struct case_op_evidence *e = &k->evidence[i];
			snprintf(path, sizeof path, "evidence[%zu]", i);
			e->original = 0;
			if (!json_is_object(x)) {
				said(r, path, "应为对象（{…}）");
				continue;
			}
			e->name = get_str(r, x, path, "name");
			e->source = get_str(r, x, path, "source");
			e->purpose = get_str(r, x, path, "proves");
			json_t *pg = json_object_get(x, "pages");
			if (json_is_integer(pg)) {
				snprintf(k->pages[i], sizeof k->pages[i], "%" JSON_INTEGER_FORMAT, json_integer_value(pg));
				e->pages = k->pages[i];
			} else if (pg && !json_is_null(pg)) {
				snprintf(f, sizeof f, "%s.pages", path);
				said(r, f, "应为页数（整数）");
			}
			e->original = get_bool(r, x, path, "original");
			const char *by = get_str(r, x, path, "by");
			int who = 0;
			snprintf(f, sizeof f, "%s.by", path);
			if (by && sscanf(by, "applicant:%d", &who) == 1 && who >= 1 && who <= in->napplicants)
				e->party = "applicant";
			else if (by && sscanf(by, "respondent:%d", &who) == 1 && who >= 1 && who <= in->nrespondents)
				e->party = "respondent";
			else if (by)
				said(r, f, "应为「applicant:序号」或「respondent:序号」，如 applicant:1");
			else
				said(r, f, "请写明提交证据的一方（applicant:序号 或 respondent:序号）");
			e->submitted = get_str(r, x, path, "submitted");
		}
		in->nevidence = (int)n;
		in->evidence = k->evidence;
	}
}

static void free_intake(struct intake *in, struct kept *k)
{
	free(in->applicants);
	free(in->respondents);
	free(in->claims);
	keep_free(k);
}

static void import_one(struct db *db, const struct config *cfg, const struct actor *who, json_t *o,
		       struct record_result *r)
{
	struct intake in;
	struct intake_result res;
	struct kept k;

	r->outcome = RECORD_REFUSED; /* until registered or skipped */
	if (!json_is_object(o)) {
		said(r, "", "应为一个申请记录对象（{…}）");
		return;
	}
	to_intake(r, o, &in, &k);
	if (in.external_id)
		snprintf(r->external_id, sizeof r->external_id, "%s", in.external_id);
	if (r->nproblems == 0 && in.external_id) {
		int64_t id;
		char *no = NULL;
		int found = db_case_by_external_id(db, in.external_id, &id, &no);
		if (found < 0) {
			said(r, "", "%s", tj_errmsg());
		} else if (found) {
			r->outcome = RECORD_SKIPPED;
			snprintf(r->case_no, sizeof r->case_no, "%s", no);
			free(no);
			free_intake(&in, &k);
			return;
		}
	}
	if (r->nproblems == 0) {
		memset(&res, 0, sizeof res);
		tj_error_clear();
		if (intake_register(db, cfg, who, &in, &res) == 0) {
			r->outcome = RECORD_REGISTERED;
			snprintf(r->case_no, sizeof r->case_no, "%s", res.case_no);
		} else if (res.nproblems > 0) {
			for (int i = 0; i < res.nproblems; i++) {
				char f[64];
				record_field(res.problems[i].field, f, sizeof f);
				said(r, f, "%s", res.problems[i].msg);
			}
		} else {
			said(r, "", "%s", tj_errmsg());
		}
		intake_result_free(&res);
	}
	free_intake(&in, &k);
}

int record_import(struct db *db, const struct config *cfg, const struct actor *who, const char *text, size_t len,
		  record_result_fn fn, void *arg, struct record_totals *totals)
{
	json_error_t err;
	struct record_result *r = xcalloc(1, sizeof *r);
	size_t i = 0;

	memset(totals, 0, sizeof *totals);
	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
		i++;
	if (i < len && text[i] == '[') {
		json_t *all = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
		if (!all || !json_is_array(all)) {
			tj_error("不是有效的 JSON 数组（第%d行第%d列：%s），未导入任何记录", err.line, err.column,
				 err.text);
			json_decref(all);
			free(r);
			return -1;
		}
		size_t k;
		json_t *o;
		json_array_foreach(all, k, o) {
			memset(r, 0, sizeof *r);
			r->index = (int)k + 1;
			import_one(db, cfg, who, o, r);
			totals->registered += r->outcome == RECORD_REGISTERED;
			totals->skipped += r->outcome == RECORD_SKIPPED;
			totals->refused += r->outcome == RECORD_REFUSED;
			fn(arg, r);
		}
		json_decref(all);
		free(r);
		return 0;
	}
	/* one object over several lines: a single record */
	if (i < len && text[i] == '{') {
		json_t *one = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
		if (one && json_is_object(one)) {
			memset(r, 0, sizeof *r);
			r->index = 1;
			import_one(db, cfg, who, one, r);
			totals->registered += r->outcome == RECORD_REGISTERED;
			totals->skipped += r->outcome == RECORD_SKIPPED;
			totals->refused += r->outcome == RECORD_REFUSED;
			fn(arg, r);
			json_decref(one);
			free(r);
			return 0;
		}
		json_decref(one);
	}
	/* one object per line */
	int index = 0, lineno = 0;
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		const char *q = p;
		lineno++;
		while (q < e && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		if (q < e) {
			memset(r, 0, sizeof *r);
			r->index = ++index;
			json_t *o = json_loadb(p, (size_t)(e - p), JSON_REJECT_DUPLICATES, &err);
			if (!o) {
				said(r, "", "第%d行不是有效的 JSON（第%d列：%s）", lineno, err.column, err.text);
				r->outcome = RECORD_REFUSED;
			} else {
				import_one(db, cfg, who, o, r);
				json_decref(o);
			}
			totals->registered += r->outcome == RECORD_REGISTERED;
			totals->skipped += r->outcome == RECORD_SKIPPED;
			totals->refused += r->outcome == RECORD_REFUSED;
			fn(arg, r);
		}
		p = nl ? nl + 1 : end;
	}
	free(r);
	if (index == 0) {
		tj_error("文件中没有申请记录");
		return -1;
	}
	return 0;
}
