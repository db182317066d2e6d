/*
 * notice.c - what the documents that leave the window need besides the
 * case's own fields: whom each is addressed to (and so served on), the
 * session a 调解通知书 is for, the document a 送达回证 certifies (the
 * defaults, or the session, document and party chosen by number as `tiaojie
 * show` lists them: doc_pick_resolve), and the 收件回执's enquiry code and
 * decision date.
 *
 * Addressees: a receipt and a rejection go to the applicants, an
 * acceptance, a session notice, an agreement and a termination notice to
 * every party.  In a collective dispute with elected representatives the
 * representatives stand for the workers (调解仲裁法 §7): the documents go
 * to them.  The other kinds (the applications, the evidence list, the
 * record, the service certificate itself) are not served by the centre.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "tiaojie/clock.h"
#include "tiaojie/docs.h"
#include "tiaojie/util.h"
#include "tiaojie/vocab.h"

#include "internal.h"

int doc_kind_served(enum doc_kind k)
{
	switch (k) {
	case DOC_RECEIPT:
	case DOC_REJECTION:
		return 1; /* the applicants */
	case DOC_ACCEPTANCE:
	case DOC_SESSION:
	case DOC_AGREEMENT:
	case DOC_TERMINATION:
		return 2; /* every party */
	default:
		return 0;
	}
}

static int has_representatives(const struct case_view *cv)
{
	if (!cv->collective)
		return 0;
	for (int i = 0; i < cv->napplicants; i++)
		if (cv->applicants[i].representative)
			return 1;
	return 0;
}

int doc_addressees(const struct case_view *cv, enum doc_kind k, int64_t of_document, struct doc_addressee **out)
{
	int n = 0, cap = 0, who = doc_kind_served(k), reps = has_representatives(cv);
	struct doc_addressee *v = NULL;

	*out = NULL;
	if (k == DOC_SERVICE) {
		for (int i = 0; i < cv->nservices; i++) {
			const struct cv_service *sv = &cv->services[i];
			if (sv->document_id != of_document)
				continue;
			v = xgrow(v, n, &cap, sizeof *v);
			int app = strcmp(sv->role, "applicant") == 0;
			const struct cv_party *ps = app ? cv->applicants : cv->respondents;
			int np = app ? cv->napplicants : cv->nrespondents;
			v[n] = (struct doc_addressee){.role = app ? "applicant" : "respondent", .ord = sv->ord, .sv = sv};
			for (int j = 0; j < np; j++)
				if (ps[j].ord == sv->ord)
					v[n].p = &ps[j];
			n++;
		}
		*out = v;
		return n;
	}
	if (!who)
		return 0;
	for (int i = 0; i < cv->napplicants; i++) {
		if (reps && !cv->applicants[i].representative)
			continue;
		v = xgrow(v, n, &cap, sizeof *v);
		v[n++] = (struct doc_addressee){.role = "applicant", .ord = cv->applicants[i].ord, .p = &cv->applicants[i]};
	}
	for (int i = 0; who == 2 && i < cv->nrespondents; i++) {
		v = xgrow(v, n, &cap, sizeof *v);
		v[n++] = (struct doc_addressee){.role = "respondent", .ord = cv->respondents[i].ord, .p = &cv->respondents[i]};
	}
	*out = v;
	return n;
}

int doc_session_for(const struct case_view *cv)
{
	char today[11];
	int next = -1, last = -1;

	date_format(tj_today(), today);
	for (int i = 0; i < cv->nsessions; i++) {
		const struct cv_session *s = &cv->sessions[i];
		if (!s->status || strcmp(s->status, "scheduled") != 0)
			continue;
		if (strcmp(s->day, today) >= 0 &&
		    (next < 0 || strcmp(s->day, cv->sessions[next].day) < 0 ||
		     (strcmp(s->day, cv->sessions[next].day) == 0 && strcmp(s->start, cv->sessions[next].start) < 0)))
			next = i;
		if (last < 0 || strcmp(s->day, cv->sessions[last].day) > 0)
			last = i;
	}
	return next >= 0 ? next : last;
}

int doc_service_target(const struct case_view *cv)
{
	int open = -1, any = -1;

	for (int i = 0; i < cv->ndocuments; i++) {
		int64_t id = cv->documents[i].id;
		for (int j = 0; j < cv->nservices; j++) {
			if (cv->services[j].document_id != id)
				continue;
			if (any < 0 || cv->documents[any].id < id)
				any = i;
			if (!cv->services[j].served_on[0] && (open < 0 || cv->documents[open].id < id))
				open = i;
		}
	}
	return open >= 0 ? open : any;
}

void doc_service_numbers(const struct case_view *cv, int i, int *document, int *party)
{
	const struct cv_service *sv = &cv->services[i];

	*document = 0;
	*party = 1;
	for (int j = 0; j < cv->ndocuments; j++)
		if (cv->documents[j].id == sv->document_id)
			*document = j + 1;
	for (int j = 0; j < i; j++)
		*party += cv->services[j].document_id == sv->document_id;
}

int doc_session_open(const struct case_view *cv, int i)
{
	return i >= 0 && i < cv->nsessions && cv->sessions[i].status && !strcmp(cv->sessions[i].status, "scheduled");
}

/* "1 申请人张三、2 被申请人某公司": whom document j is served on, by number. */
static void service_parties(const struct case_view *cv, int64_t doc_id, struct strbuf *sb)
{
	int k = 0;

	for (int i = 0; i < cv->nservices; i++) {
		const struct cv_service *sv = &cv->services[i];
		if (sv->document_id != doc_id)
			continue;
		sb_printf(sb, "%s%d %s%s", k ? "、" : "", k + 1, vocab_label(VOCAB_PARTY, sv->role), sv->name);
		k++;
	}
}

static int has_services(const struct case_view *cv, int64_t doc_id)
{
	for (int i = 0; i < cv->nservices; i++)
		if (cv->services[i].document_id == doc_id)
			return 1;
	return 0;
}

int doc_pick_resolve(const struct case_view *cv, enum doc_kind k, const struct doc_pick *pick, int *session,
		     int *document, int *service)
{
	static const struct doc_pick none;
	const char *name = doc_kind_name(k);

	if (!pick)
		pick = &none;
	*session = k == DOC_SESSION ? doc_session_for(cv) : -1;
	*document = k == DOC_SERVICE ? doc_service_target(cv) : -1;
	*service = -1;
	if (pick->session && k != DOC_SESSION) {
		tj_error("只有%s可以选定调解安排，%s不能", doc_kind_name(DOC_SESSION), name);
		return -1;
	}
	if ((pick->document || pick->party) && k != DOC_SERVICE) {
		tj_error("只有%s可以选定文书和受送达人，%s不能", doc_kind_name(DOC_SERVICE), name);
		return -1;
	}
	if (pick->session < 0 || pick->document < 0 || pick->party < 0) {
		tj_error("序号应为正整数（tiaojie show 列出的序号）");
		return -1;
	}
	if (pick->session) {
		int i = pick->session - 1;
		if (cv->nsessions == 0) {
			tj_error("案件 %s 没有调解安排，不能出具%s（请先安排调解）", cv->case_no, name);
			return -1;
		}
		if (i >= cv->nsessions) {
			tj_error("案件 %s 没有第 %d 次调解安排（共 %d 次，见 tiaojie show 的“调解安排”）", cv->case_no,
				 pick->session, cv->nsessions);
			return -1;
		}
		if (!doc_session_open(cv, i)) {
			const struct cv_session *s = &cv->sessions[i];
			const char *st = vocab_label(VOCAB_SESSION, s->status);
			tj_error("案件 %s 的第 %d 次调解安排（%s %s）%s，不能再出具%s", cv->case_no, pick->session, s->day,
				 s->start, st ? st : s->status, name);
			return -1;
		}
		*session = i;
	}
	if (pick->document) {
		int j = pick->document - 1;
		if (j >= cv->ndocuments) {
			tj_error("案件 %s 没有第 %d 份文书（已出具 %d 份，见 tiaojie show 的“已出具文书”）", cv->case_no,
				 pick->document, cv->ndocuments);
			return -1;
		}
		if (!has_services(cv, cv->documents[j].id)) {
			const char *kn = vocab_label(VOCAB_DOC_KIND, cv->documents[j].kind);
			int ki = doc_kind_from_keyword(cv->documents[j].kind);
			if (ki >= 0 && doc_kind_served((enum doc_kind)ki))
				/* a copy a later one replaced before it was served */
				tj_error("案件 %s 的第 %d 份文书（%s）未送达即由之后出具的一份代替，没有%s", cv->case_no,
					 pick->document, kn ? kn : cv->documents[j].kind, name);
			else
				tj_error("案件 %s 的第 %d 份文书（%s）不送达当事人，没有%s", cv->case_no, pick->document,
					 kn ? kn : cv->documents[j].kind, name);
			return -1;
		}
		*document = j;
	}
	if (pick->party) {
		int j = *document, k2 = 0;
		if (j < 0) {
			tj_error("案件 %s 没有需要送达的文书，不能出具%s", cv->case_no, name);
			return -1;
		}
		for (int i = 0; i < cv->nservices; i++) {
			if (cv->services[i].document_id != cv->documents[j].id)
				continue;
			if (++k2 == pick->party)
				*service = i;
		}
		if (*service < 0) {
			const char *kn = vocab_label(VOCAB_DOC_KIND, cv->documents[j].kind);
			struct strbuf sb;
			sb_init(&sb);
			service_parties(cv, cv->documents[j].id, &sb);
			tj_error("案件 %s 的第 %d 份文书（%s）没有第 %d 位受送达人（共 %d 位：%s）", cv->case_no, j + 1,
				 kn ? kn : cv->documents[j].kind, pick->party, k2, sb.buf ? sb.buf : "");
			sb_free(&sb);
			return -1;
		}
	}
	return 0;
}

int doc_unserved(const struct case_view *cv)
{
	int n = 0;

	for (int i = 0; i < cv->nservices; i++)
		n += !cv->services[i].served_on[0];
	return n;
}

/* 8 characters from an alphabet without look-alikes (0/O, 1/I/L). */
char *doc_enquiry_code(void)
{
	static const char alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
	unsigned char r[8];
	char *code = xcalloc(1, sizeof r + 1);
	size_t got = 0;

	while (got < sizeof r) {
		ssize_t k = getrandom(r + got, sizeof r - got, 0);
		if (k <= 0) {
			free(code);
			tj_error("无法生成查询码：系统随机数不可用");
			return NULL;
		}
		got += (size_t)k;
	}
	for (size_t i = 0; i < sizeof r; i++)
		code[i] = alphabet[r[i] % (sizeof alphabet - 1)];
	return code;
}

static const char *agent_names(const struct cv_party *p, struct strbuf *sb)
{
	for (int i = 0; i < p->nagents; i++) {
		if (i)
			sb_add(sb, "、");
		sb_add(sb, p->agents[i].name);
	}
	return sb->len ? sb->buf : NULL;
}

void doc_dict_issue(struct doc_dict *d, const struct case_view *cv, enum doc_kind k, const struct doc_extra *x)
{
	struct doc_addressee *ad = NULL;
	int n;

	doc_dict_set(d, "enquiry_code", x->enquiry_code);
	doc_set_date(d, "decide_by", x->decide_by);
	doc_dict_set(d, "decide_rule", x->decide_rule);
	if (x->session >= 0 && x->session < cv->nsessions) {
		const struct cv_session *s = &cv->sessions[x->session];
		char end[8] = "", no[16];
		int h, m, held = 0;
		if (sscanf(s->start, "%d:%d", &h, &m) == 2) {
			int t = h * 60 + m + s->minutes;
			snprintf(end, sizeof end, "%02d:%02d", (t / 60) % 24, t % 60);
		}
		/* which session this is: those held or booked up to it (a
		 * cancelled one does not count; the list is in date order) */
		for (int i = 0; i <= x->session; i++)
			held += cv->sessions[i].status && (!strcmp(cv->sessions[i].status, "held") ||
							   !strcmp(cv->sessions[i].status, "scheduled"));
		snprintf(no, sizeof no, "%d", held > 0 ? held : 1);
		doc_set_date(d, "session_date", s->day);
		doc_dict_set(d, "session_time", s->start);
		doc_dict_set(d, "session_end", end);
		doc_dict_set(d, "session_room", s->room);
		doc_dict_set(d, "session_mediator", s->mediator);
		doc_dict_set(d, "session_no", no);
	}
	if (x->target >= 0 && x->target < cv->ndocuments) {
		const struct cv_document *t = &cv->documents[x->target];
		int tk = doc_kind_from_keyword(t->kind);
		doc_dict_set(d, "served_document", tk >= 0 ? doc_kind_name((enum doc_kind)tk) : t->kind);
		doc_set_date(d, "served_issued", t->issued_at);
	}
	n = doc_addressees(cv, k, x->target >= 0 && x->target < cv->ndocuments ? cv->documents[x->target].id : 0, &ad);
	doc_dict_list(d, "addressees");
	for (int i = 0, shown = 0; i < n; i++) {
		if (k == DOC_SERVICE && x->service >= 0 && ad[i].sv != &cv->services[x->service])
			continue; /* the certificate of one party */
		struct doc_dict *it = doc_dict_add_item(d, "addressees");
		const struct cv_party *p = ad[i].p;
		int app = strcmp(ad[i].role, "applicant") == 0;
		char no[16];
		struct strbuf sb;
		snprintf(no, sizeof no, "%d", ++shown);
		doc_dict_set(it, "no", no);
		doc_dict_set(it, "role", vocab_label(VOCAB_PARTY, ad[i].role));
		doc_dict_set(it, "name", p ? p->name : ad[i].sv ? ad[i].sv->name : NULL);
		doc_dict_set(it, "address", p ? p->address : NULL);
		doc_dict_set(it, "phone", p ? p->phone : NULL);
		doc_dict_set(it, "applicant", app ? "是" : NULL);
		doc_dict_set(it, "respondent", app ? NULL : "是");
		doc_dict_set(it, "legal_rep", p && !app && p->legal_rep && *p->legal_rep ? p->legal_rep : NULL);
		sb_init(&sb);
		doc_dict_set(it, "agent_names", p ? agent_names(p, &sb) : NULL);
		sb_free(&sb);
		if (ad[i].sv && ad[i].sv->served_on[0]) {
			doc_dict_set(it, "method", vocab_label(VOCAB_SERVICE, ad[i].sv->method));
			doc_set_date(it, "served_on", ad[i].sv->served_on);
			doc_dict_set(it, "signed_by", ad[i].sv->signed_by);
			doc_dict_set(it, "tracking", ad[i].sv->tracking);
		}
	}
	free(ad);
}
