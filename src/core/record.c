/*
 * record.c - a case as the application record (record.h), written with
 * Jansson.  Every enumeration goes out as its label in the one vocabulary
 * (vocab.c, validate.c's document names), so the record, the screens and
 * the documents say the same words.
 */
#include "tiaojie/record.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	json_object_set_new(o, "representative", json_false());
	json_object_set_new(o, "agents", json_array());
	return o;
}

static json_t *employer(const struct cv_party *p)
{
	json_t *o = json_object();

	str(o, "kind", "用人单位");
	opt_str(o, "uscc", p->uscc);
	str(o, "name", p->name);
	opt_str(o, "legal_rep", p->legal_rep);
	opt_str(o, "legal_rep_title", p->legal_rep_title);
	opt_str(o, "address", p->address);
	opt_str(o, "phone", p->phone);
	json_object_set_new(o, "agents", json_array());
	return o;
}

static json_t *claim(const struct cv_claim *c, int nrespondents)
{
	json_t *o = json_object(), *against = json_array();
	char amt[40];

	str(o, "cause", c->cause);
	opt_str(o, "cause_name", c->cause_name);
	str(o, "text", c->text);
	if (c->amount_fen > 0)
		str(o, "amount", record_amount(c->amount_fen, amt, sizeof amt));
	/* against every respondent, not jointly: the case does not say more yet */
	for (int i = 1; i <= nrespondents; i++)
		json_array_append_new(against, json_integer(i));
	json_object_set_new(o, "against", against);
	json_object_set_new(o, "joint", json_false());
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
	return !strcmp(s, "held") ? "已进行" : !strcmp(s, "cancelled") ? "已取消" : "待进行";
}

char *record_case_json(const struct case_view *cv, int full_ids)
{
	json_t *r = json_object(), *a;
	char buf[64];

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
		json_array_append_new(a, employer(&cv->respondents[i]));
	json_object_set_new(r, "respondents", a);
	a = json_array();
	for (int i = 0; i < cv->nclaims; i++)
		json_array_append_new(a, claim(&cv->claims[i], cv->nrespondents));
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
