/*
 * casedetail.c - one case (案件详情): parties, claims with causes and
 * amounts, status and deadline with days left, mediator, sessions,
 * documents issued, and the whole timeline of events (who, when, what,
 * before -> after).  F3/^T (or Enter) lists exactly the actions this user
 * may take in this state (case_actions, from the lifecycle table); each
 * opens a small form and goes through case_apply, except 修改申请, which
 * opens the intake form on the case (intake_correct_screen_new).  A save over a newer
 * version is refused by the core with who changed the case and when; the
 * form stays open with what was typed, the case is re-read, and F2 again
 * applies it to the new version.
 *
 * Nothing typed into an action's form is lost: Esc asks before throwing
 * changes away, and the open form is kept as a draft of kind "case" (one
 * per case and user, with the version the user saw) every 30 seconds and
 * on SIGHUP/SIGTERM.  Opening the case again offers to resume it; so does
 * the drafts screen.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "tiaojie/casework.h"
#include "tiaojie/collective.h"
#include "tiaojie/docs.h"
#include "tiaojie/draft.h"
#include "tiaojie/intake.h"
#include "tiaojie/money.h"
#include "tiaojie/screens.h"
#include "tiaojie/store.h"
#include "tiaojie/uitext.h"
#include "tiaojie/validate.h"
#include "tiaojie/vocab.h"
#include "tiaojie/widgets.h"

struct line {
	char *text;
	enum ui_style style;
};

struct detail {
	int64_t case_id;
	struct case_view cv;
	int loaded;
	struct line *lines;
	int nlines, cap;
	int top;
	int64_t seen_version;
	char title[80];
	int64_t offer_draft; /* a kept form of this case to offer to resume (0: none) */
};

static const enum ui_action detail_actions[] = {UA_ACT, UA_PRINT, UA_REFRESH, UA_BACK, UA_PGUP, UA_PGDN, UA_NONE};

/* ---- building the text ------------------------------------------------------ */

static void add_line(struct detail *d, enum ui_style st, const char *fmt, ...) TJ_PRINTF(3, 4);
static void add_line(struct detail *d, enum ui_style st, const char *fmt, ...)
{
	va_list ap;
	struct strbuf sb;

	if (d->nlines == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->lines = xrealloc(d->lines, (size_t)d->cap * sizeof *d->lines);
	}
	sb_init(&sb);
	va_start(ap, fmt);
	{
		char buf[2048];
		vsnprintf(buf, sizeof buf, fmt, ap);
		sb_add(&sb, buf);
	}
	va_end(ap);
	d->lines[d->nlines].text = sb_detach(&sb);
	d->lines[d->nlines].style = st;
	d->nlines++;
}

/* A long text wrapped to the width, each line indented. */
static void add_wrapped(struct detail *d, const char *text, int width, const char *indent)
{
	size_t n;
	wchar_t *w = tw_from_utf8(text, &n);
	int lines = tw_wrap(w, n, width, NULL, 0);
	size_t *starts = xcalloc((size_t)lines + 1, sizeof *starts);

	tw_wrap(w, n, width, starts, lines);
	for (int i = 0; i < lines; i++) {
		size_t a = starts[i], b = i + 1 < lines ? starts[i + 1] : n;
		while (b > a && w[b - 1] == L'\n')
			b--;
		char *s = tw_to_utf8(w + a, b - a);
		add_line(d, US_NORMAL, "%s%s", indent, s);
		free(s);
	}
	free(starts);
	free(w);
}

/* A line that may be longer than the width: the first row as far as it
 * fits, the rest wrapped below it, indented by indent columns - a
 * timeline entry (the text pushed to the applicant, a session record)
 * is read whole, not cut at the edge. */
static void add_hanging(struct detail *d, const char *text, int width, int indent)
{
	if (tw_width(text) <= width || width <= indent + 10) {
		add_line(d, US_NORMAL, "%s", text);
		return;
	}
	size_t n;
	wchar_t *w = tw_from_utf8(text, &n);
	size_t starts[2];
	int lines = tw_wrap(w, n, width, starts, 2);
	size_t cut = lines > 1 ? starts[1] : n;
	char *first = tw_to_utf8(w, cut);
	char *rest = tw_to_utf8(w + cut, n - cut);
	char pad[64];

	add_line(d, US_NORMAL, "%s", first);
	if (indent > (int)sizeof pad - 1)
		indent = (int)sizeof pad - 1;
	memset(pad, ' ', (size_t)indent);
	pad[indent] = '\0';
	if (*rest)
		add_wrapped(d, rest, width - indent, pad);
	free(first);
	free(rest);
	free(w);
}

static void clear_lines(struct detail *d)
{
	for (int i = 0; i < d->nlines; i++)
		free(d->lines[i].text);
	d->nlines = 0;
}

/* Keywords in events shown in Chinese where they are keywords. */
static const char *word_party(const char *role)
{
	return vocab_label(VOCAB_PARTY, role);
}

static const char *word(const char *kw)
{
	return case_event_word(kw);
}

static const char *event_what(const struct cv_event *e)
{
	static char buf[64];

	return case_event_what(e, buf, sizeof buf);
}

/* A party's agents, each on its own (wrapped) line under the party. */
static void add_agents(struct detail *d, const struct cv_party *p, int w)
{
	for (int j = 0; j < p->nagents; j++) {
		const struct cv_agent *a = &p->agents[j];
		const char *kind = vocab_label(VOCAB_AGENT, a->kind), *auth = vocab_label(VOCAB_AUTHORITY, a->authority);
		struct strbuf sb;
		sb_init(&sb);
		sb_printf(&sb, "代理人 %s（%s%s%s）  %s", a->name, kind ? kind : a->kind, a->org[0] ? "，" : "", a->org,
			  auth ? auth : a->authority);
		if (a->scope[0])
			sb_printf(&sb, "：%s", a->scope);
		if (a->phone[0])
			sb_printf(&sb, "  电话 %s", a->phone);
		add_wrapped(d, sb.buf, w - 4, "    ");
		sb_free(&sb);
	}
}

/* The party numbered ord (its name), "?" when there is none. */
static const char *party_name(const struct cv_party *v, int n, int ord)
{
	for (int i = 0; i < n; i++)
		if (v[i].ord == ord)
			return v[i].name;
	return "?";
}

/* Whom a claim is against, when that is not simply every respondent (some
 * of them, or jointly), and its per-worker amounts, compact: "张三
 * 3,000.00；李四 2,500.00".  A claim against all of them says nothing, so
 * that the facts stay on the first screen of a two-respondent case. */
static void add_claim_parties(struct detail *d, const struct case_view *cv, const struct cv_claim *c, int w)
{
	char a[64];

	if (c->joint || (cv->nrespondents > 1 && c->nagainst < cv->nrespondents)) {
		struct strbuf sb;
		sb_init(&sb);
		sb_add(&sb, "被申请人");
		for (int j = 0; j < c->nagainst; j++) {
			int r = c->against[j];
			sb_printf(&sb, "%s%s", j ? "、" : " ", party_name(cv->respondents, cv->nrespondents, r));
		}
		if (c->joint)
			sb_add(&sb, "（连带）");
		add_wrapped(d, sb.buf, w - 5, "     ");
		sb_free(&sb);
	}
	if (c->nshares > 0 && !cv->collective) { /* a collective case has its table */
		struct strbuf sb;
		sb_init(&sb);
		sb_add(&sb, "各申请人：");
		for (int j = 0; j < c->nshares; j++) {
			int ap = c->shares[j].applicant;
			sb_printf(&sb, "%s%s %s", j ? "；" : "", party_name(cv->applicants, cv->napplicants, ap),
				  money_format(c->shares[j].amount_fen, a, sizeof a));
		}
		add_wrapped(d, sb.buf, w - 5, "     ");
		sb_free(&sb);
	}
}

static void build(struct screen *s)
{
	struct detail *d = s->priv;
	struct case_view *cv = &d->cv;
	char a[64], b[64];
	int w = s->cols - 2;

	clear_lines(d);
	add_line(d, US_HEADER, "%s   %s%s%s%s", cv->case_no, status_name(cv->status),
		 cv->status == ST_AGREED ? "（" : "", cv->status == ST_AGREED ? perf_name(cv->perf) : "",
		 cv->status == ST_AGREED ? "）" : "");
	if (cv->collective) {
		char *reps = case_representatives_text(cv);
		add_line(d, US_WARN, "集体争议：申请人 %d 名  代表：%s", cv->napplicants, *reps ? reps : "未推举");
		free(reps);
	}
	const char *ch = vocab_label(VOCAB_CHANNEL, cv->channel);
	if (!ch)
		ch = vocab_label(VOCAB_CHANNEL, "other");
	add_line(d, US_NORMAL, "收件 %s（%s）%s%s%s%s", cv->received, ch, cv->confirmed_at[0] ? "  确认 " : "",
		 cv->confirmed_at, cv->accepted_at[0] ? "  受理 " : "", cv->accepted_at);
	if (cv->has_deadline && status_is_open(cv->status)) {
		enum ui_style st = cv->days_left < 0 ? US_OVERDUE : cv->days_left <= s->app->cfg->due_soon_days ? US_WARN
													    : US_NORMAL;
		if (cv->days_left < 0)
			snprintf(a, sizeof a, "已超期 %d 天", -cv->days_left);
		else
			snprintf(a, sizeof a, "剩余 %d 天", cv->days_left);
		add_line(d, st, "%s %s（%s）%s", cv->accepted_at[0] ? "调解期限" : "受理期限", cv->deadline, a,
			 cv->extended ? "  已延长" : "");
	}
	if (cv->closed_at[0])
		add_line(d, US_NORMAL, "结案 %s%s%s", cv->closed_at, cv->reason[0] ? "  理由：" : "", cv->reason);
	add_line(d, US_NORMAL, "调解员 %s   最近变更 %s %s（第 %lld 版）", cv->mediator_name[0] ? cv->mediator_name : "未分派",
		 cv->updated_at, cv->updated_by, (long long)cv->version);

	add_line(d, US_NORMAL, "%s", "");
	add_line(d, US_HEADER, "申请人（%d）", cv->napplicants);
	for (int i = 0; i < cv->napplicants; i++) {
		struct cv_party *p = &cv->applicants[i];
		int kind = val_kind_from_keyword(p->id_type);
		const char *sex = vocab_label(VOCAB_GENDER, p->gender);
		add_line(d, p->representative ? US_WARN : US_NORMAL, " %d. %s%s  %s %s  %s %s", i + 1, p->name,
			 p->representative ? "（代表）" : "", sex ? sex : "", p->birth_date,
			 kind >= 0 ? val_kind_name(kind) : p->id_type, p->id_no);
		/* each item labelled and apart: a foreign nationality used to run
		 * straight into the address ("日本上海市...") */
		struct strbuf sb;
		sb_init(&sb);
		sb_printf(&sb, "电话 %s", p->phone[0] ? p->phone : "（无）");
		if (p->nationality[0] && strcmp(p->nationality, "中国"))
			sb_printf(&sb, "  国籍 %s", p->nationality);
		if (p->household && p->household[0])
			sb_printf(&sb, "  户籍 %s", vocab_label(VOCAB_HOUSEHOLD, p->household));
		if (p->occupation && p->occupation[0])
			sb_printf(&sb, "  职业 %s", p->occupation);
		if (p->address[0])
			sb_printf(&sb, "  住址 %s", p->address);
		add_wrapped(d, sb.buf, w - 4, "    ");
		sb_free(&sb);
		add_agents(d, p, w);
	}
	add_line(d, US_HEADER, "被申请人（%d）", cv->nrespondents);
	for (int i = 0; i < cv->nrespondents; i++) {
		struct cv_party *p = &cv->respondents[i];
		const char *rk = vocab_label(VOCAB_RESPONDENT, p->kind[0] ? p->kind : "employer");
		char *line;
		if (!strcmp(p->kind, "individual")) {
			/* a natural person: his document, as an applicant's */
			int kind = val_kind_from_keyword(p->id_type);
			add_line(d, US_NORMAL, " %d. %s（%s）  %s %s", i + 1, p->name, rk,
				 kind >= 0 ? val_kind_name(kind) : p->id_type, p->id_no);
			line = xasprintf("电话 %s%s%s", p->phone[0] ? p->phone : "（无）", p->address[0] ? "  住址 " : "",
					 p->address);
		} else {
			add_line(d, US_NORMAL, " %d. %s（%s）  %s", i + 1, p->name, rk ? rk : p->kind,
				 p->uscc[0] ? p->uscc : "（无信用代码）");
			line = p->legal_rep_title && p->legal_rep_title[0]
				       ? xasprintf("法定代表人 %s（%s）  电话 %s  %s", p->legal_rep, p->legal_rep_title,
						   p->phone, p->address)
				       : xasprintf("法定代表人 %s  电话 %s  %s", p->legal_rep, p->phone, p->address);
		}
		add_wrapped(d, line, w - 4, "    ");
		free(line);
		add_agents(d, p, w);
	}

	add_line(d, US_HEADER, "请求事项（%d）", cv->nclaims);
	int64_t total = 0, agreed = 0;
	for (int i = 0; i < cv->nclaims; i++) {
		struct cv_claim *c = &cv->claims[i];
		money_format(c->amount_fen, a, sizeof a);
		total += c->amount_fen;
		/* the amount right-aligned on the claim's first line, whatever
		 * the length of the text (wrapped below it), so every amount
		 * can be checked at a glance */
		char *amount = xasprintf("%s 元", a), *cause = xasprintf(" %d. [%s %s]", c->ord, c->cause, c->cause_name);
		int aw = tw_width(amount);
		struct strbuf sb;
		sb_init(&sb);
		tw_pad(&sb, cause, w - aw > 2 ? w - aw - 1 : 1);
		sb_addc(&sb, ' ');
		sb_add(&sb, amount);
		add_line(d, US_NORMAL, "%s", sb.buf);
		sb_free(&sb);
		free(amount);
		free(cause);
		add_wrapped(d, c->text, w - 5, "     ");
		add_claim_parties(d, cv, c, w);
		if (c->agreed_fen >= 0) {
			money_format(c->agreed_fen, b, sizeof b);
			agreed += c->agreed_fen;
			add_line(d, US_OK, "    协议 %s 元%s%s", b, c->pay_date[0] ? "，支付日期 " : "", c->pay_date);
		}
	}
	money_format(total, a, sizeof a);
	if (cv->status == ST_AGREED) {
		money_format(agreed, b, sizeof b);
		add_line(d, US_DIM, "    请求合计 %s 元，协议合计 %s 元", a, b);
	} else {
		add_line(d, US_DIM, "    请求合计 %s 元", a);
	}
	if (cv->collective && cv->nclaims > 0) {
		/* worker x claim, with the totals (collective.c) */
		struct strbuf tb;
		sb_init(&tb);
		case_shares_table(cv, w, &tb);
		add_line(d, US_HEADER, "各申请人金额（元）");
		for (char *p = tb.buf, *nl; p && (nl = strchr(p, '\n')); p = nl + 1) {
			*nl = '\0';
			add_line(d, US_NORMAL, "%s", p);
		}
		sb_free(&tb);
	}
	add_line(d, US_HEADER, "事实与理由");
	add_wrapped(d, cv->facts, w - 4, "    ");

	add_line(d, US_HEADER, "调解安排（%d）", cv->nsessions);
	for (int i = 0; i < cv->nsessions; i++) {
		struct cv_session *x = &cv->sessions[i];
		const char *stn = (vocab_label(VOCAB_SESSION, x->status) ? vocab_label(VOCAB_SESSION, x->status) : x->status);
		add_line(d, !strcmp(x->status, "scheduled") ? US_WARN : US_NORMAL, " %s %s %d分钟 %s %s %s", x->day,
			 x->start, x->minutes, x->room, x->mediator, stn);
		if (x->note[0])
			add_wrapped(d, x->note, w - 6, "      ");
	}
	add_line(d, US_HEADER, "证据（%d）", cv->nevidence);
	for (int i = 0; i < cv->nevidence; i++) {
		const struct cv_evidence *e = &cv->evidence[i];
		const char *party = vocab_label(VOCAB_PARTY, e->party);
		struct strbuf sb;
		sb_init(&sb);
		sb_printf(&sb, " %d. %s（%s %d页）  %s  %s提交", e->ord, e->name, vocab_label_at(VOCAB_ORIGINAL, e->original != 0), e->pages,
			  e->submitted, party ? party : e->party);
		add_wrapped(d, sb.buf, w - 2, "    ");
		sb_free(&sb);
		if (e->source[0] || e->purpose[0]) {
			char *more = xasprintf("%s%s%s%s", e->source[0] ? "来源：" : "", e->source,
					       e->source[0] && e->purpose[0] ? "；证明目的：" : e->purpose[0] ? "证明目的：" : "",
					       e->purpose);
			add_wrapped(d, more, w - 6, "      ");
			free(more);
		}
	}
	add_line(d, US_HEADER, "已出具文书（%d）", cv->ndocuments);
	for (int i = 0; i < cv->ndocuments; i++)
	{
		int k = doc_kind_from_keyword(cv->documents[i].kind);
		add_line(d, US_NORMAL, " %.16s %s %s %s", cv->documents[i].issued_at,
			 k >= 0 ? doc_kind_name((enum doc_kind)k) : cv->documents[i].kind, cv->documents[i].user,
			 cv->documents[i].file);
		/* its service on each party (送达) */
		for (int j = 0; j < cv->nservices; j++) {
			const struct cv_service *v = &cv->services[j];
			if (v->document_id != cv->documents[i].id)
				continue;
			if (v->served_on[0])
				add_line(d, US_NORMAL, "     送达%s%s：%s %s%s%s", word_party(v->role), v->name,
					 vocab_label(VOCAB_SERVICE, v->method), v->served_on, v->signed_by[0] ? " 签收：" : "",
					 v->signed_by);
			else
				add_line(d, US_WARN, "     送达%s%s：未送达", word_party(v->role), v->name);
		}
	}

	add_line(d, US_HEADER, "操作记录（%d）", cv->nevents);
	for (int i = 0; i < cv->nevents; i++) {
		struct cv_event *e = &cv->events[i];
		/* whole: a pushed text or a session record can be long */
		struct strbuf sb;
		char *line;
		sb_init(&sb);
		tw_pad(&sb, e->user, 8); /* display columns: names are Chinese */
		if (!strcmp(e->entity, "case") && action_from_keyword(e->action) == ACT_EDIT) {
			/* 修改申请：请求2 金额 12,000.00 → 12,500.00 */
			char *what = case_edit_text(e->before, e->after);
			line = xasprintf(" %.16s  %s %s：%s", e->at, sb.buf, event_what(e), what);
			free(what);
		} else if (e->before[0] && e->after[0] && strcmp(e->before, e->after))
			line = xasprintf(" %.16s  %s %s  %s → %s", e->at, sb.buf, event_what(e), word(e->before),
					 word(e->after));
		else
			line = xasprintf(" %.16s  %s %s  %s", e->at, sb.buf, event_what(e),
					 e->after[0] ? word(e->after) : "");
		sb_free(&sb);
		add_hanging(d, line, w, 19);
		free(line);
	}
}

static int reload(struct screen *s)
{
	struct detail *d = s->priv;
	struct app *app = s->app;

	if (d->loaded)
		case_view_free(&d->cv);
	d->loaded = 0;
	memset(&d->cv, 0, sizeof d->cv);
	int r = case_load(app->db, &app->actor, d->case_id, &d->cv);
	d->seen_version = store_data_version(app->db);
	if (r <= 0) {
		if (r == 0)
			ui_msg(app, US_ERROR, "案件不存在");
		else
			ui_error(app);
		clear_lines(d);
		add_line(d, US_ERROR, "%s", r == 0 ? "案件不存在" : tj_errmsg());
		return -1;
	}
	d->loaded = 1;
	snprintf(d->title, sizeof d->title, "%s", d->cv.case_no);
	build(s);
	return 0;
}

static void detail_layout(struct screen *s, int rows, int cols)
{
	struct detail *d = s->priv;

	s->rows = rows;
	s->cols = cols;
	if (d->loaded)
		build(s);
}

static void detail_draw(struct screen *s)
{
	struct detail *d = s->priv;
	int h = s->rows;

	if (d->top > d->nlines - h)
		d->top = d->nlines - h;
	if (d->top < 0)
		d->top = 0;
	for (int i = 0; i < h && d->top + i < d->nlines; i++) {
		struct line *l = &d->lines[d->top + i];
		ui_put(1 + i, 1, l->text, s->cols - 2, ui_attr(l->style), 0);
	}
	/* the line counter only where the top line leaves room: never over
	 * text (it used to hide the end of a claim's amount) */
	if (d->nlines > h && d->top < d->nlines) {
		char buf[32];
		snprintf(buf, sizeof buf, "%d/%d行", d->top + 1, d->nlines);
		int cw = tw_width(buf);
		if (1 + tw_width(d->lines[d->top].text) + 1 + cw <= s->cols - 1)
			ui_put(1, s->cols - 1 - cw, buf, cw, ui_attr(US_DIM), 0);
	}
}

/* ---- the action form --------------------------------------------------------- */

struct actform {
	struct form form;
	struct screen *detail;
	enum case_action action;
	int64_t version; /* the version the user saw when the form opened */
	const char **room_names;
	int nrooms;
	const char **word_names; /* confirm, perform: the choices from the vocabulary */
	/* reschedule, unschedule: the booked sessions to choose from */
	char **session_names;
	int64_t *session_ids;
	int nsessions;
	/* evidence: the items to choose from after "（新增一项）", and which
	 * one the fields were last filled from */
	char **evidence_names;
	const char **party_names;
	int nevidence, evidence_shown;
	char *snap;       /* the fields as the form opened: has it changed? */
	int64_t draft_id; /* the draft this form was kept as (0: none yet) */
	int dirty;        /* typed since the last draft */
	int saved;        /* applied: never kept as a draft again */
	int draft_slot;   /* kept aside, not in the database (screen_draft_keep) */
	time_t last_save;
};

/* Keys of a case draft; the form's fields follow under "f.". */
#define CASE_DRAFT_KIND "case"
#define CASE_DRAFT_FIELDS "f."

static int actform_changed(const struct actform *af)
{
	return form_changed(&af->form, af->snap);
}

static const enum ui_action actform_actions[] = {UA_SAVE, UA_BACK, UA_NEXT, UA_PREV, UA_ENTER, UA_NONE};

static int actform_text_input(struct screen *s)
{
	struct actform *af = s->priv;

	return form_text_input(&af->form);
}

static void actform_layout(struct screen *s, int rows, int cols)
{
	struct actform *af = s->priv;

	s->rows = rows;
	s->cols = cols;
	af->form.label_w = 12;
	form_area(&af->form, 4, 6, rows - 6, cols - 12);
	/* the text pushed to the applicant: as tall as it is, as far as the
	 * box allows (the other items of the confirmation take five lines:
	 * the heading, the push, the way, the time and the answer); the rest
	 * scrolls */
	struct form_item *t = form_find(&af->form, "claims_text");
	if (t) {
		int width = af->form.cols - af->form.label_w - 1;
		int need = tw_wrap(t->edit.buf, t->edit.len, width, NULL, 0);
		int room = af->form.rows - 5;
		t->height = need < room ? need : room;
		if (t->height < 4)
			t->height = 4;
	}
	/* a booked session's line, "11-23 09:00-10:00 第一调解室", whole */
	if (af->nsessions > 0 && af->form.field_w < 32)
		af->form.field_w = 32;
}

static void actform_draw(struct screen *s)
{
	struct actform *af = s->priv;

	ui_box(2, 4, s->rows - 2, s->cols - 8, action_name(af->action));
	ui_put(3, 6, "F2/^S 办理，Esc 取消；填写的内容在出错时会保留", s->cols - 12, ui_attr(US_DIM), 0);
	form_draw(&af->form);
}

static char *val(struct actform *af, const char *id)
{
	struct form_item *it = form_find(&af->form, id);

	return it ? edit_get(&it->edit) : NULL;
}

static void actform_save_draft(struct screen *s);

static int actform_submit(struct screen *s)
{
	struct actform *af = s->priv;
	struct detail *d = af->detail->priv;
	struct app *app = s->app;
	struct case_op op = {.action = af->action, .case_id = d->case_id, .expect_version = af->version};
	struct case_op_result res;
	struct case_op_agreed *agreed = NULL;
	char *reason = val(af, "reason"), *when = val(af, "confirmed_at"), *day = val(af, "day"), *start = val(af, "start"),
	     *minutes = val(af, "minutes"), *note = val(af, "note"), *answer = val(af, "answer"),
	     *attendance = val(af, "attendance");
	char **amounts = NULL, **dates = NULL;
	struct case_op_share **shares = NULL;
	struct case_op_payer **payers = NULL;
	int rc = UI_HANDLED;

	memset(&res, 0, sizeof res);
	for (int i = 0; i < af->form.n; i++)
		af->form.items[i].msg[0] = '\0';
	op.reason = reason;
	op.note = note;
	op.attendance = attendance;
	op.day = day && *day ? day : NULL;
	op.start = start && *start ? start : NULL;
	op.minutes = minutes && *minutes ? atoi(minutes) : 0;
	struct form_item *it;
	if ((it = form_find(&af->form, "confirm_how")))
		op.confirm_how = vocab_code_at(VOCAB_CONFIRM, it->choice);
	op.confirmed_at = when && *when ? when : NULL;
	op.answer = answer;
	if ((it = form_find(&af->form, "room")) && af->nrooms > 0)
		op.room = it->choice < app->cfg->nrooms ? app->cfg->rooms[it->choice] : NULL;
	if ((it = form_find(&af->form, "perf")))
		op.perf = (enum performance)(PERF_PERFORMED + it->choice);
	if ((it = form_find(&af->form, "session")) && it->choice >= 0 && it->choice < af->nsessions)
		op.session_id = af->session_ids[it->choice];
	struct case_op_evidence ev = {.original = -1};
	char *ev_name = NULL, *ev_source = NULL, *ev_purpose = NULL, *ev_pages = NULL, *ev_day = NULL;
	if (af->action == ACT_EVIDENCE) {
		if ((it = form_find(&af->form, "evidence")) && it->choice > 0 && it->choice <= d->cv.nevidence)
			op.evidence_id = d->cv.evidence[it->choice - 1].id;
		if ((it = form_find(&af->form, "evidence_op")))
			op.evidence_remove = it->choice == 1;
		ev.name = ev_name = val(af, "evidence.name");
		ev.source = ev_source = val(af, "evidence.source");
		ev.purpose = ev_purpose = val(af, "evidence.purpose");
		ev.pages = ev_pages = val(af, "evidence.pages");
		ev.submitted = ev_day = val(af, "evidence.submitted");
		if ((it = form_find(&af->form, "evidence.original")))
			ev.original = it->choice;
		if ((it = form_find(&af->form, "evidence.party")))
			ev.party = vocab_code_at(VOCAB_PARTY, it->choice);
		op.evidence = &ev;
		if (op.evidence_remove && !op.evidence_id) {
			form_set_msg(form_find(&af->form, "evidence"), US_ERROR, "请选择要删除的证据");
			form_show_errors(&af->form, app);
			goto out;
		}
		if (op.evidence_remove) {
			char *q = xasprintf("从证据清单中删除「%s」？\n删除后其编号不再使用，操作记录中保留原内容。",
					    af->evidence_names[form_find(&af->form, "evidence")->choice]);
			int yes = ui_confirm(app, q);
			free(q);
			if (!yes)
				goto out;
		}
	}
	if (af->action == ACT_AGREE) {
		int n = d->cv.nclaims;
		agreed = xcalloc((size_t)n + 1, sizeof *agreed);
		amounts = xcalloc((size_t)n + 1, sizeof *amounts);
		dates = xcalloc((size_t)n + 1, sizeof *dates);
		shares = xcalloc((size_t)n + 1, sizeof *shares);
		payers = xcalloc((size_t)n + 1, sizeof *payers);
		for (int i = 0; i < n && rc == UI_HANDLED; i++) {
			const struct cv_claim *c = &d->cv.claims[i];
			char id[48];
			const char *why;
			snprintf(id, sizeof id, "agreed[%d].pay_date", i);
			dates[i] = val(af, id);
			agreed[i].ord = c->ord;
			snprintf(id, sizeof id, "agreed[%d].outcome", i);
			if ((it = form_find(&af->form, id)))
				agreed[i].outcome = (enum agree_outcome)it->choice;
			agreed[i].pay_date = dates[i] && *dates[i] ? dates[i] : NULL;
			if (agreed[i].outcome != AGREE_AGREED)
				continue; /* the amounts typed are not used */
			if (c->nshares > 0) {
				/* each worker's agreed part; the claim's amount is their sum */
				shares[i] = xcalloc((size_t)c->nshares, sizeof *shares[i]);
				for (int j = 0; j < c->nshares; j++) {
					snprintf(id, sizeof id, "agreed[%d].share[%d]", i, j);
					char *v = val(af, id);
					shares[i][j].applicant = c->shares[j].applicant;
					if (!v || !*v || money_parse(v, &shares[i][j].agreed_fen, &why) < 0) {
						form_set_msg(form_find(&af->form, id), US_ERROR, "%s",
							     !v || !*v ? "请填写该申请人的协议金额（不支付填 0）" : why);
						rc = -1;
					}
					free(v);
				}
				agreed[i].shares = shares[i];
				agreed[i].nshares = c->nshares;
			} else {
				snprintf(id, sizeof id, "agreed[%d]", i);
				amounts[i] = val(af, id);
				if (amounts[i] && *amounts[i] && money_parse(amounts[i], &agreed[i].agreed_fen, &why) < 0) {
					form_set_msg(form_find(&af->form, id), US_ERROR, "%s", why);
					rc = -1;
				}
			}
			/* what each respondent pays, when the form asks it */
			snprintf(id, sizeof id, "agreed[%d].payer[0]", i);
			if (form_find(&af->form, id)) {
				payers[i] = xcalloc((size_t)c->nagainst, sizeof *payers[i]);
				int np = 0;
				for (int j = 0; j < c->nagainst; j++) {
					snprintf(id, sizeof id, "agreed[%d].payer[%d]", i, j);
					char *v = val(af, id);
					/* left blank: not given, the core says which is missing */
					if (v && *v) {
						payers[i][np].respondent = c->against[j];
						if (money_parse(v, &payers[i][np].agreed_fen, &why) < 0) {
							form_set_msg(form_find(&af->form, id), US_ERROR, "%s", why);
							rc = -1;
						}
						np++;
					}
					free(v);
				}
				agreed[i].payers = payers[i];
				agreed[i].npayers = np;
			}
		}
		if (rc != UI_HANDLED) {
			rc = UI_HANDLED;
			form_show_errors(&af->form, app);
			goto out;
		}
		op.nagreed = n;
		op.agreed = agreed;
	}
	if (af->draft_slot) /* kept aside: into the database, deleted there with the action */
		actform_save_draft(s);
	op.draft_id = af->draft_id; /* deleted in the same transaction */
	if (case_apply(app->db, app->cfg, &app->hol, &app->actor, &op, &res) < 0) {
		/* the error at the field it is about (the form's items are named
		 * as the core names its inputs), named on the message line */
		if (res.field[0] && (it = form_find(&af->form, res.field))) {
			form_set_msg(it, US_ERROR, "%s", tj_errmsg());
			form_show_errors(&af->form, app);
		} else {
			ui_error(app);
		}
		if (res.conflict) {
			/* someone else was faster: show their version below, keep
			 * what was typed here; F2 again applies it to the new one */
			char msg[600];
			snprintf(msg, sizeof msg, "%s", tj_errmsg());
			reload(af->detail);
			af->version = d->cv.version;
			ui_msg(app, US_ERROR, "%s；再按 F2 将按新版本办理", msg);
		}
		goto out;
	}
	reload(af->detail);
	ui_msg(app, US_OK, "已办理：%s（%s）", action_name(af->action), status_name(res.status));
	af->draft_id = 0; /* gone with the action */
	screen_draft_forget(app, &af->draft_slot);
	af->dirty = 0;
	af->saved = 1;
	rc = UI_HANDLED | UI_CLOSE;
out:
	if (amounts)
		for (int i = 0; i < d->cv.nclaims; i++) {
			free(amounts[i]);
			free(dates[i]);
			free(shares[i]);
			free(payers[i]);
		}
	free(shares);
	free(payers);
	free(amounts);
	free(dates);
	free(agreed);
	free(reason);
	free(when);
	free(day);
	free(start);
	free(minutes);
	free(note);
	free(attendance);
	free(answer);
	free(ev_name);
	free(ev_source);
	free(ev_purpose);
	free(ev_pages);
	free(ev_day);
	return rc;
}

/* Push the claims text shown in the form; the core checks that the case
 * is still the version the form was opened on (the text would differ
 * otherwise) and records what it sent in the timeline. */
static void send_notice(struct screen *s)
{
	struct actform *af = s->priv;
	struct detail *d = af->detail->priv;
	struct app *app = s->app;
	struct case_op_result res;

	ui_msg(app, US_NORMAL, "正在推送……");
	refresh();
	if (case_push(app->db, app->cfg, &app->actor, d->case_id, af->version, &res) < 0) {
		ui_error(app);
		if (res.conflict) {
			/* show the claims as they are now; Enter again pushes them */
			char msg[600];
			snprintf(msg, sizeof msg, "%s", tj_errmsg());
			reload(af->detail);
			af->version = d->cv.version;
			struct form_item *t = form_find(&af->form, "claims_text");
			if (t && d->loaded) {
				char *text = case_claims_text(&d->cv, app->cfg);
				edit_set(&t->edit, text);
				t->edit.cur = 0;
				free(text);
			}
			ui_msg(app, US_ERROR, "%s；上面已是新的请求事项，再按 Enter 推送", msg);
		}
		return;
	}
	reload(af->detail); /* the push in the timeline */
	ui_msg(app, US_OK, "已将请求事项推送至 %s，请在申请人答复后记录确认方式和答复",
	       d->cv.napplicants ? d->cv.applicants[0].phone : "");
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
static const char *const evidence_ops[] = {"保存", "删除所选证据"};
/* A draft of the agreement kept before each claim had four outcomes holds
 * "agreed[i].waived": 1 was 申请人放弃. */
static void agree_old_draft(struct actform *af, const char *body)
{
	for (int i = 0; i < af->form.n; i++) {
		char key[64];
		snprintf(key, sizeof key, CASE_DRAFT_FIELDS "agreed[%d].waived", i);
		char *v = draft_get(body, key);
		if (!v)
			continue;
		snprintf(key, sizeof key, "agreed[%d].outcome", i);
		struct form_item *it = form_find(&af->form, key);
		if (it && atoi(v) == 1)
			it->choice = AGREE_WAIVED;
		free(v);
	}
}

/* in the order of enum agree_outcome */
static const char *const agree_outcomes[] = {"同意", "未达成", "申请人撤回", "申请人放弃"};

static void set_text(struct actform *af, const char *id, const char *v)
{
	struct form_item *it = form_find(&af->form, id);

	if (it)
		edit_set(&it->edit, v ? v : "");
}

/* Choosing an item of the evidence list fills the fields with it, to be
 * changed; choosing "（新增一项）" empties them again. */
static void evidence_fill(struct actform *af)
{
	struct detail *d = af->detail->priv;
	struct form_item *pick = form_find(&af->form, "evidence");
	char today[11], pages[12];

	if (!pick || pick->choice == af->evidence_shown)
		return;
	af->evidence_shown = pick->choice;
	const struct cv_evidence *e = pick->choice > 0 && pick->choice <= d->cv.nevidence
					      ? &d->cv.evidence[pick->choice - 1]
					      : NULL;
	date_format(tj_today(), today);
	snprintf(pages, sizeof pages, "%d", e ? e->pages : 1);
	set_text(af, "evidence.name", e ? e->name : "");
	set_text(af, "evidence.source", e ? e->source : "");
	set_text(af, "evidence.purpose", e ? e->purpose : "");
	set_text(af, "evidence.pages", pages);
	set_text(af, "evidence.submitted", e ? e->submitted : today);
	struct form_item *it;
	if ((it = form_find(&af->form, "evidence.original")))
		it->choice = e ? e->original != 0 : 0;
	if ((it = form_find(&af->form, "evidence.party")))
		it->choice = e && vocab_index(VOCAB_PARTY, e->party) > 0 ? vocab_index(VOCAB_PARTY, e->party) : 0;
}

static int actform_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct actform *af = s->priv;
	struct form_item *it = form_focused(&af->form);

	switch (a) {
	case UA_BACK:
		if (actform_changed(af)) {
			char *what = xasprintf("「%s」的内容", action_name(af->action));
			int ans = ui_ask_unsaved(s->app, what);
			free(what);
			if (ans == UI_SAVE)
				return actform_submit(s); /* stays open when refused */
			if (ans != UI_DISCARD)
				return UI_HANDLED; /* back to the field, nothing lost */
		}
		if (draft_drop(s->app->db, s->app->user.id, af->draft_id) < 0)
			ui_error(s->app);
		af->draft_id = 0;
		screen_draft_forget(s->app, &af->draft_slot);
		af->dirty = 0;
		return UI_HANDLED | UI_CLOSE;
	case UA_SAVE:
		return actform_submit(s);
	case UA_ENTER:
		if (it && it->id && !strcmp(it->id, "notify")) {
			send_notice(s);
			return UI_HANDLED;
		}
		if (it && it->kind == FK_AREA)
			break;
		form_handle(&af->form, UA_NEXT, 0);
		return UI_HANDLED;
	default:
		break;
	}
	if (form_handle(&af->form, a, ch) >= 0)
		af->dirty = 1;
	evidence_fill(af);
	return UI_HANDLED;
}

/* Keep the form as the case's draft (SIGHUP, SIGTERM, the autosave): the
 * case, the action, the version the user saw, and what was typed. */
static void actform_save_draft(struct screen *s)
{
	struct actform *af = s->priv;
	struct detail *d = af->detail->priv;
	struct app *app = s->app;
	struct strbuf sb;
	char num[32];

	if (af->saved || !app->logged_in || !d->loaded || !actform_changed(af))
		return;
	if (!af->draft_id) {
		/* one draft per case: a new form replaces an older one */
		snprintf(num, sizeof num, "%lld", (long long)d->case_id);
		if (draft_find(app->db, app->user.id, CASE_DRAFT_KIND, "case_id", num, &af->draft_id, NULL, NULL) < 0)
			af->draft_id = 0;
	}
	sb_init(&sb);
	snprintf(num, sizeof num, "%lld", (long long)d->case_id);
	draft_put(&sb, "case_id", num);
	draft_put(&sb, "case_no", d->cv.case_no);
	draft_put(&sb, "action", action_keyword(af->action));
	snprintf(num, sizeof num, "%lld", (long long)af->version);
	draft_put(&sb, "version", num);
	form_draft_put(&af->form, &sb, CASE_DRAFT_FIELDS);
	struct form_item *it = form_find(&af->form, "session");
	if (it && it->choice >= 0 && it->choice < af->nsessions) {
		/* the session itself: its place in the list may change */
		snprintf(num, sizeof num, "%lld", (long long)af->session_ids[it->choice]);
		draft_put(&sb, "session_id", num);
	}
	char *body = sb_detach(&sb);
	if (screen_draft_keep(app, CASE_DRAFT_KIND, body, &af->draft_id, &af->draft_slot) >= 0) {
		af->dirty = 0;
		af->last_save = time(NULL);
	}
	free(body);
}

static void actform_tick(struct screen *s)
{
	struct actform *af = s->priv;

	if (af->dirty && time(NULL) - af->last_save >= screen_autosave_seconds()) {
		actform_save_draft(s);
		if (!af->dirty && !af->draft_slot) /* kept aside: its own message stays */
			ui_msg(s->app, US_DIM, "已自动保存草稿");
	}
}

static void actform_destroy(struct screen *s)
{
	struct actform *af = s->priv;

	form_free(&af->form);
	free(af->room_names);
	free(af->word_names);
	for (int i = 0; i < af->nsessions; i++)
		free(af->session_names[i]);
	free(af->session_names);
	free(af->session_ids);
	for (int i = 0; i <= af->nevidence && af->evidence_names; i++)
		free(af->evidence_names[i]);
	free(af->evidence_names);
	free(af->party_names);
	free(af->snap);
	free(af);
}

static const struct screen_ops actform_ops = {
	.name = "actform", .actions = actform_actions, .overlay = 1, .text_input = actform_text_input,
	.layout = actform_layout, .draw = actform_draw, .handle = actform_handle, .tick = actform_tick,
	.save_draft = actform_save_draft, .destroy = actform_destroy,
};

static struct form_item *text_field(struct actform *af, const char *id, const char *label, size_t max,
				    const char *value)
{
	struct form_item *it = form_add(&af->form, FK_TEXT, id, label);

	it->edit.max = max;
	if (value)
		edit_set(&it->edit, value);
	return it;
}

/* The rooms of the configuration, and after them none_label (NULL: no
 * such entry), which submits no room. */
static struct form_item *rooms_choice(struct actform *af, struct app *app, const char *none_label)
{
	struct form_item *it = form_add(&af->form, FK_CHOICE, "room", "调解室");

	af->nrooms = app->cfg->nrooms + (none_label ? 1 : 0);
	af->room_names = xcalloc((size_t)af->nrooms + 1, sizeof *af->room_names);
	for (int i = 0; i < app->cfg->nrooms; i++)
		af->room_names[i] = app->cfg->rooms[i];
	if (none_label)
		af->room_names[app->cfg->nrooms] = none_label;
	it->choices = af->room_names;
	it->nchoices = af->nrooms;
	return it;
}

/* The case's booked sessions as a choice (reschedule, unschedule). */
static void sessions_choice(struct actform *af, const struct case_view *cv)
{
	struct form_item *it = form_add(&af->form, FK_CHOICE, "session", "调解安排");

	af->session_names = xcalloc((size_t)cv->nsessions + 1, sizeof *af->session_names);
	af->session_ids = xcalloc((size_t)cv->nsessions + 1, sizeof *af->session_ids);
	for (int i = 0; i < cv->nsessions; i++) {
		const struct cv_session *x = &cv->sessions[i];
		if (strcmp(x->status, "scheduled") != 0)
			continue;
		int h = 0, m = 0;
		if (sscanf(x->start, "%d:%d", &h, &m) != 2)
			h = m = 0;
		int end = h * 60 + m + x->minutes;
		/* without the year: the choice is narrow, and bookings are
		 * within a year from today */
		af->session_names[af->nsessions] =
			xasprintf("%s %s-%02d:%02d %s", x->day + 5, x->start, end / 60 % 100, end % 60, x->room);
		af->session_ids[af->nsessions++] = x->id;
	}
	it->choices = (const char *const *)af->session_names;
	it->nchoices = af->nsessions;
}

static void assigned(void *ctx)
{
	reload(ctx);
}

static struct actform *open_action(struct screen *s, enum case_action a)
{
	struct detail *d = s->priv;
	struct app *app = s->app;
	struct actform *af;
	struct form_item *it;
	char now[20], today[11], buf[600];

	tj_now_str(now);
	date_format(tj_today(), today);
	if (a == ACT_ACCEPT || a == ACT_REFER) {
		/* The version the user is looking at, read before the question:
		 * while it is open the screen beneath may be reloaded with
		 * someone else's change, and the save must be checked against
		 * what the user saw when answering, not against that. */
		int64_t seen = d->cv.version;
		snprintf(buf, sizeof buf, a == ACT_ACCEPT ? "受理案件 %s？\n调解期限自%s之日起计算（%d 天）。"
							  : "将案件 %s 转入仲裁？",
			 d->cv.case_no, app->cfg->mediation_from_accepted ? "受理" : "收到调解申请",
			 app->cfg->mediation_days);
		if (!ui_confirm(app, buf))
			return NULL;
		struct case_op op = {.action = a, .case_id = d->case_id, .expect_version = seen};
		struct case_op_result res;
		memset(&res, 0, sizeof res);
		if (case_apply(app->db, app->cfg, &app->hol, &app->actor, &op, &res) < 0) {
			ui_error(app);
			if (res.conflict)
				reload(s);
			return NULL;
		}
		reload(s);
		ui_msg(app, US_OK, "已办理：%s", action_name(a));
		return NULL;
	}
	if (a == ACT_ASSIGN || a == ACT_REASSIGN) {
		ui_push(app, assign_screen_new(app, d->case_id, assigned, s));
		return NULL;
	}
	if (a == ACT_REPRESENT || a == ACT_SHARES) {
		/* the collective dispute's table (collective.c); back here after each act */
		collective_screen_new(app, d->case_id, a == ACT_REPRESENT, assigned, s);
		return NULL;
	}
	if (a == ACT_EDIT) {
		/* the intake form on this case; back here when saved */
		struct screen *form = intake_correct_screen_new(app, d->case_id, assigned, s, NULL, 0);
		if (form)
			ui_push(app, form);
		return NULL;
	}
	af = xcalloc(1, sizeof *af);
	af->detail = s;
	af->action = a;
	af->version = d->cv.version;
	form_init(&af->form);
	switch (a) {
	case ACT_CONFIRM: {
		char *text = case_claims_text(&d->cv, app->cfg);
		it = form_add(&af->form, FK_INFO, NULL, NULL);
		form_set_text(it, "请求事项（规范文本）：");
		struct form_item *t = form_add(&af->form, FK_AREA, "claims_text", "");
		t->height = 4; /* until the layout knows the room */
		t->edit.max = 20000; /* all of it, it is not typed */
		edit_set(&t->edit, text);
		t->edit.cur = 0; /* show it from the beginning */
		t->readonly = 1;
		free(text);
		it = form_add(&af->form, FK_ROW, "notify", NULL);
		snprintf(buf, sizeof buf, " 推送给申请人 %s（Enter）", d->cv.napplicants ? d->cv.applicants[0].phone : "");
		form_set_text(it, buf);
		it = form_add(&af->form, FK_CHOICE, "confirm_how", "确认方式");
		af->word_names = vocab_choices(VOCAB_CONFIRM, NULL, &it->nchoices);
		it->choices = af->word_names;
		text_field(af, "confirmed_at", "确认时间", 19, now);
		text_field(af, "answer", "申请人答复", 500, "确认无异议");
		break;
	}
	case ACT_REJECT:
	case ACT_FAIL:
	case ACT_WITHDRAW:
		text_field(af, "reason", a == ACT_REJECT ? "不予受理理由" : a == ACT_FAIL ? "调解不成原因" : "撤回理由", 500,
			   NULL);
		break;
	case ACT_EXTEND:
		text_field(af, "reason", "双方同意情况", 500, "经双方当事人同意，延长调解期限");
		break;
	case ACT_SCHEDULE:
		text_field(af, "day", "日期", 10, today);
		text_field(af, "start", "开始时间", 5, "09:00");
		snprintf(buf, sizeof buf, "%d", app->cfg->session_minutes);
		text_field(af, "minutes", "时长（分钟）", 3, buf);
		rooms_choice(af, app, NULL);
		break;
	case ACT_RESCHEDULE:
		sessions_choice(af, &d->cv);
		it = form_add(&af->form, FK_INFO, NULL, NULL);
		form_set_text(it, "改为（留空的保持原安排不变）：");
		text_field(af, "day", "日期", 10, NULL);
		text_field(af, "start", "开始时间", 5, NULL);
		text_field(af, "minutes", "时长（分钟）", 3, NULL);
		it = rooms_choice(af, app, "（不变）");
		it->choice = af->nrooms - 1;
		text_field(af, "reason", "变更理由", 500, NULL);
		break;
	case ACT_UNSCHEDULE:
		sessions_choice(af, &d->cv);
		text_field(af, "reason", "取消理由", 500, NULL);
		break;
	case ACT_SESSION:
		text_field(af, "day", "日期", 10, today);
		snprintf(buf, sizeof buf, "%.5s", now + 11);
		text_field(af, "start", "开始时间", 5, buf);
		snprintf(buf, sizeof buf, "%d", app->cfg->session_minutes);
		text_field(af, "minutes", "时长（分钟）", 3, buf);
		rooms_choice(af, app, "（不指定）");
		it = form_add(&af->form, FK_AREA, "note", "调解记录");
		it->height = 5;
		it->edit.max = 2000;
		/* for the 调解笔录: who came (parties, agents, representatives) */
		text_field(af, "attendance", "到场人员", 200, NULL);
		break;
	case ACT_AGREE:
		for (int i = 0; i < d->cv.nclaims; i++) {
			struct cv_claim *c = &d->cv.claims[i];
			char id[48], amt[40];
			money_format(c->amount_fen, amt, sizeof amt);
			it = form_add(&af->form, FK_INFO, NULL, NULL);
			/* the amount before the text, which may be cut at the edge */
			snprintf(buf, sizeof buf, "%d. 请求 %s 元：%s", c->ord, amt, c->text);
			form_set_text(it, buf);
			if (c->nshares > 0) {
				/* a collective claim: what each worker gets, which
				 * the agreement lists; the claim's amount is the sum */
				it = form_add(&af->form, FK_INFO, NULL, NULL);
				form_set_text(it, "  各申请人的协议金额（预填为各自的请求金额，合计即该项协议金额）：");
				for (int j = 0; j < c->nshares; j++) {
					int an = c->shares[j].applicant;
					char label[96];
					snprintf(label, sizeof label, "  %d.%s", an,
						 an >= 1 && an <= d->cv.napplicants ? d->cv.applicants[an - 1].name : "");
					snprintf(id, sizeof id, "agreed[%d].share[%d]", i, j);
					money_format(c->shares[j].amount_fen, amt, sizeof amt);
					it = form_add(&af->form, FK_TEXT, id, label);
					it->edit.max = 20;
					edit_set(&it->edit, amt);
				}
			} else {
				snprintf(id, sizeof id, "agreed[%d]", i);
				it = form_add(&af->form, FK_TEXT, id, "  协议金额");
				it->edit.max = 20;
				edit_set(&it->edit, amt);
			}
			if (c->nagainst > 1 && !c->joint && d->cv.nrespondents > 1) {
				/* several respondents, not jointly: what each pays */
				it = form_add(&af->form, FK_INFO, NULL, NULL);
				form_set_text(it, "  各被申请人支付的金额（不承担连带责任，合计应等于协议金额）：");
				for (int j = 0; j < c->nagainst; j++) {
					int r = c->against[j];
					/* the name on a line of its own: a label would cut it */
					snprintf(buf, sizeof buf, "  被申请人%d %s：", r,
						 r >= 1 && r <= d->cv.nrespondents ? d->cv.respondents[r - 1].name : "");
					it = form_add(&af->form, FK_INFO, NULL, NULL);
					form_set_text(it, buf);
					snprintf(id, sizeof id, "agreed[%d].payer[%d]", i, j);
					it = form_add(&af->form, FK_TEXT, id, "    支付金额");
					it->edit.max = 20;
				}
			}
			snprintf(id, sizeof id, "agreed[%d].pay_date", i);
			it = form_add(&af->form, FK_TEXT, id, "  支付日期");
			it->edit.max = 10;
			/* agreed, not agreed, withdrawn, or given up by the
			 * applicant: only the last makes the agreement say "放弃" */
			snprintf(id, sizeof id, "agreed[%d].outcome", i);
			it = form_add(&af->form, FK_CHOICE, id, "  该项结果");
			it->choices = agree_outcomes;
			it->nchoices = (int)TJ_ARRAY_LEN(agree_outcomes);
		}
		break;
	case ACT_EVIDENCE: {
		it = form_add(&af->form, FK_CHOICE, "evidence", "证据");
		af->nevidence = d->cv.nevidence;
		af->evidence_names = xcalloc((size_t)af->nevidence + 1, sizeof *af->evidence_names);
		af->evidence_names[0] = xstrdup("（新增一项）");
		for (int i = 0; i < af->nevidence; i++)
			af->evidence_names[i + 1] = xasprintf("第%d项 %s", d->cv.evidence[i].ord, d->cv.evidence[i].name);
		it->choices = (const char *const *)af->evidence_names;
		it->nchoices = af->nevidence + 1;
		if (af->nevidence > 0) {
			it = form_add(&af->form, FK_CHOICE, "evidence_op", "办理");
			it->choices = evidence_ops;
			it->nchoices = (int)TJ_ARRAY_LEN(evidence_ops);
		}
		text_field(af, "evidence.name", "证据名称", 100, NULL);
		text_field(af, "evidence.source", "来源", 100, NULL);
		text_field(af, "evidence.purpose", "证明目的", 300, NULL);
		text_field(af, "evidence.pages", "页数", 4, "1");
		it = form_add(&af->form, FK_CHOICE, "evidence.original", "原件/复印件");
		it->choices = originals();
		it->nchoices = 2;
		it = form_add(&af->form, FK_CHOICE, "evidence.party", "提交方");
		af->party_names = vocab_choices(VOCAB_PARTY, NULL, &it->nchoices);
		it->choices = af->party_names;
		text_field(af, "evidence.submitted", "提交日期", 10, today);
		break;
	}
	case ACT_PERFORM:
		it = form_add(&af->form, FK_CHOICE, "perf", "履行情况");
		/* what was done: performed or not, never back to pending */
		af->word_names = vocab_choices(VOCAB_PERF, NULL, &it->nchoices);
		it->choices = af->word_names + (PERF_PERFORMED - PERF_PENDING);
		it->nchoices -= PERF_PERFORMED - PERF_PENDING;
		break;
	default:
		ui_msg(app, US_ERROR, "此操作不能在此办理");
		actform_destroy(&(struct screen){.priv = af});
		return NULL;
	}
	af->snap = form_snapshot(&af->form);
	af->last_save = time(NULL);
	ui_push(app, screen_new(app, &actform_ops, NULL, af));
	return af;
}

/* Open the form a draft kept, with what was typed, if the action can still
 * be taken.  Its save is checked against the version the user saw then:
 * if the case changed meanwhile, the save is refused with who changed it,
 * and F2 again applies it to the new version. */
static void reread(void *ctx);

static void resume_action(struct screen *s, int64_t draft_id, const char *body)
{
	struct detail *d = s->priv;
	struct app *app = s->app;
	char *kw = draft_get(body, "action"), *ver = draft_get(body, "version");
	int a = kw ? action_from_keyword(kw) : -1;
	enum case_action acts[ACT_COUNT];
	int n = d->loaded ? case_actions(&d->cv, &app->actor, acts, ACT_COUNT) : 0, allowed = 0;
	struct actform *af;

	if (kw && !strcmp(kw, SERVICE_DRAFT_ACTION)) {
		/* 登记送达 (docserve.c), not an action of the lifecycle */
		if (d->loaded)
			screen_record_service_resume(app, &d->cv, body, draft_id, reread, s);
		free(kw);
		free(ver);
		return;
	}
	for (int i = 0; i < n; i++)
		allowed |= (int)acts[i] == a;
	if (a < 0 || !allowed) {
		ui_msg(app, US_WARN, "案件现为「%s」，草稿中的「%s」已不能办理；可在草稿中放弃它",
		       d->loaded ? status_name(d->cv.status) : "", a >= 0 ? action_name((enum case_action)a) : kw ? kw : "");
	} else if (a == ACT_REPRESENT || a == ACT_SHARES) {
		/* the collective table's dialogs keep their own (collective.c) */
		collective_resume(app, d->case_id, body, draft_id, assigned, s);
	} else if ((af = open_action(s, (enum case_action)a))) {
		af->draft_id = draft_id;
		if (ver && atoll(ver) > 0)
			af->version = atoll(ver);
		form_draft_get(&af->form, body, CASE_DRAFT_FIELDS);
		if (a == ACT_AGREE)
			agree_old_draft(af, body);
		struct form_item *ep = form_find(&af->form, "evidence");
		if (ep) /* the fields hold what was typed, not the item's */
			af->evidence_shown = ep->choice;
		char *sid = draft_get(body, "session_id");
		struct form_item *it = form_find(&af->form, "session");
		if (sid && it) {
			int found = -1;
			for (int i = 0; i < af->nsessions; i++)
				if (af->session_ids[i] == atoll(sid))
					found = i;
			if (found >= 0)
				it->choice = found;
			else
				form_set_msg(it, US_WARN, "草稿中的调解安排已不在，请重新选择");
		}
		free(sid);
		ui_msg(app, US_OK, "已恢复草稿，请继续填写");
	}
	free(kw);
	free(ver);
}

/* Opening a case this user left a form of: offer it once the case is on
 * the screen (from the tick the constructor asked for). */
static void offer_draft(struct screen *s)
{
	struct detail *d = s->priv;
	struct app *app = s->app;
	char num[32], *body = NULL, *at = NULL, *kw;
	int64_t id = 0;

	d->offer_draft = 0;
	snprintf(num, sizeof num, "%lld", (long long)d->case_id);
	if (draft_find(app->db, app->user.id, CASE_DRAFT_KIND, "case_id", num, &id, &body, &at) <= 0)
		return;
	kw = draft_get(body, "action");
	int a = kw ? action_from_keyword(kw) : -1;
	char *q = xasprintf("本案有您未办完的「%s」表单（%.16s 保存的草稿）。\n现在继续填写吗？",
			    a >= 0 ? action_name((enum case_action)a)
			    : kw && !strcmp(kw, SERVICE_DRAFT_ACTION) ? "登记送达" : "", at);
	if (ui_confirm(app, q))
		resume_action(s, id, body);
	else if (!app->quit)
		ui_msg(app, US_DIM, "草稿仍保留，可从工作台的草稿中继续或放弃");
	free(q);
	free(kw);
	free(body);
	free(at);
}

/* ---- the action menu -------------------------------------------------------- */

struct actmenu {
	struct form form;
	struct screen *detail;
	enum case_action acts[ACT_COUNT];
	int nacts;
	int serve; /* 登记送达 follows the actions (documents not yet served) */
};

static const enum ui_action actmenu_actions[] = {UA_ENTER, UA_BACK, UA_NONE};

static void actmenu_layout(struct screen *s, int rows, int cols)
{
	struct actmenu *m = s->priv;

	s->rows = rows;
	s->cols = cols;
	form_area(&m->form, 5, cols / 2 - 14, rows - 8, 28);
}

static void actmenu_draw(struct screen *s)
{
	struct actmenu *m = s->priv;

	ui_box(3, s->cols / 2 - 17, m->nacts + m->serve + 4, 34, "可办理的操作");
	form_draw(&m->form);
	curs_set(0);
}

static int actmenu_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct actmenu *m = s->priv;

	if (a == UA_BACK)
		return UI_HANDLED | UI_CLOSE;
	/* the number shown beside an action picks it, as on the desk */
	if (a == UA_NONE && ch >= '1' && ch <= '9' && (int)(ch - '0') <= m->nacts + m->serve) {
		form_focus(&m->form, (int)(ch - '1'));
		a = UA_ENTER;
	}
	if (a == UA_ENTER) {
		struct form_item *it = form_focused(&m->form);
		struct screen *detail = m->detail;
		struct app *app = s->app;
		int serve = it && it->tag == m->nacts;
		enum case_action act = it && !serve ? m->acts[it->tag] : ACT_COUNT;
		ui_pop(app); /* the menu goes; the action's form takes its place */
		if (serve)
			screen_record_service(app, &((struct detail *)detail->priv)->cv, reread, detail);
		else if (act != ACT_COUNT)
			open_action(detail, act);
		return UI_HANDLED;
	}
	form_handle(&m->form, a == UA_NEXT ? UA_DOWN : a == UA_PREV ? UA_UP : a, 0);
	return UI_HANDLED;
}

static void actmenu_destroy(struct screen *s)
{
	struct actmenu *m = s->priv;

	form_free(&m->form);
	free(m);
}

static const struct screen_ops actmenu_ops = {
	.name = "actmenu", .actions = actmenu_actions, .overlay = 1, .layout = actmenu_layout,
	.draw = actmenu_draw, .handle = actmenu_handle, .destroy = actmenu_destroy,
};

static void open_menu(struct screen *s)
{
	struct detail *d = s->priv;
	struct actmenu *m;

	if (!d->loaded)
		return;
	m = xcalloc(1, sizeof *m);
	m->detail = s;
	m->nacts = case_actions(&d->cv, &s->app->actor, m->acts, ACT_COUNT);
	m->serve = doc_unserved(&d->cv) > 0;
	if (m->nacts + m->serve == 0) {
		free(m);
		ui_msg(s->app, US_WARN, "案件处于「%s」状态，您现在没有可办理的操作", status_name(d->cv.status));
		return;
	}
	form_init(&m->form);
	for (int i = 0; i < m->nacts; i++) {
		char buf[64];
		struct form_item *it = form_add(&m->form, FK_ROW, NULL, NULL);
		snprintf(buf, sizeof buf, " %d  %s", i + 1, action_name(m->acts[i]));
		form_set_text(it, buf);
		it->tag = i;
	}
	if (m->serve) {
		char buf[64];
		struct form_item *it = form_add(&m->form, FK_ROW, NULL, NULL);
		snprintf(buf, sizeof buf, " %d  登记送达", m->nacts + 1);
		form_set_text(it, buf);
		it->tag = m->nacts;
	}
	ui_push(s->app, screen_new(s->app, &actmenu_ops, NULL, m));
}

/* ---- documents ------------------------------------------------------------- */

/* The directory the screens write documents to, created (0700) when it is
 * not there: [documents] dir, else ~/tiaojie-文书.  malloc'd; NULL with
 * the error set. */
static char *documents_dir(const struct config *cfg)
{
	const char *home = getenv("HOME");
	char *dir;

	if (cfg->documents_dir && *cfg->documents_dir) {
		dir = xstrdup(cfg->documents_dir);
	} else if (home && *home) {
		dir = xasprintf("%s/tiaojie-文书", home);
	} else {
		tj_error("无法确定文书的保存位置：未设置 HOME，请在配置文件 [documents] dir 中指定目录");
		return NULL;
	}
	/* the parents too, as mkdir -p would */
	for (char *p = dir + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
			tj_error("不能创建文书目录 %s：%s", dir, tj_strerror(errno));
			free(dir);
			return NULL;
		}
		*p = c;
		if (!c)
			break;
	}
	return dir;
}

int screen_issue_document(struct app *app, int64_t case_id, int kind)
{
	return screen_issue_document_pick(app, case_id, kind, NULL, NULL);
}

int screen_issue_document_pick(struct app *app, int64_t case_id, int kind, const struct doc_pick *pick,
			       const char *label)
{
	struct case_view cv;
	enum doc_kind k;
	char *dir = NULL, *name = NULL, *path = NULL;
	int rc = -1;

	if (case_load(app->db, &app->actor, case_id, &cv) <= 0) {
		ui_error(app);
		return -1;
	}
	k = kind >= 0 ? (enum doc_kind)kind : doc_kind_for_case(&cv);
	if (doc_issue_possible(app->db) < 0 || doc_allowed(&cv, k) < 0 || !(dir = documents_dir(app->cfg))) {
		ui_error(app);
		goto out;
	}
	name = doc_file_name(&cv, k, DOC_FMT_PDF);
	if (label && *label) {
		/* one file per session or party: "…-送达回证-张三.pdf" */
		char *dot = strrchr(name, '.'), *more;
		*dot = '\0';
		more = xasprintf("%s-%s.pdf", name, label);
		for (char *p = more + strlen(name); *p; p++)
			if (*p == '/' || *p == '\\' || (unsigned char)*p < 0x20 || *p == 0x7f)
				*p = '_';
		free(name);
		name = more;
	}
	path = xasprintf("%s/%s", dir, name);
	ui_msg(app, US_NORMAL, "正在生成%s……", doc_kind_name(k));
	refresh();
	if (doc_issue_pick(app->db, app->cfg, &app->actor, case_id, k, pick, path, NULL) < 0) {
		ui_error(app);
		goto out;
	}
	rc = 0;
	char *notice = *doc_notice() ? xstrdup(doc_notice()) : NULL;
	if (!app->cfg->print_command || !*app->cfg->print_command)
		ui_msg(app, US_OK, "已生成%s：%s（未配置打印命令，请自行打印）", doc_kind_name(k), path);
	else if (doc_print(app->cfg, path) < 0)
		ui_msg(app, US_WARN, "打印失败：%s。%s已生成：%s", tj_errmsg(), doc_kind_name(k), path);
	else
		ui_msg(app, US_OK, "已生成并送打印：%s %s", doc_kind_name(k), path);
	if (notice) /* a built-in template stood in for the court's */
		ui_msg(app, US_WARN, "%s；%s：%s", notice, doc_kind_name(k), path);
	free(notice);
out:
	free(path);
	free(name);
	free(dir);
	case_view_free(&cv);
	return rc;
}

/* ---- the screen ------------------------------------------------------------- */

/* After a document or a service: the documents list and the timeline,
 * where the user was. */
static void reread(void *ctx)
{
	struct screen *s = ctx;
	struct detail *d = s->priv;
	int top = d->top;

	reload(s);
	d->top = top;
}

static int detail_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct detail *d = s->priv;

	(void)ch;
	switch (a) {
	case UA_BACK:
		return UI_HANDLED | UI_CLOSE;
	case UA_ACT:
	case UA_ENTER:
		open_menu(s);
		return UI_HANDLED;
	case UA_REFRESH:
		if (reload(s) == 0)
			ui_msg(s->app, US_OK, "已刷新");
		return UI_HANDLED;
	case UA_PRINT:
		/* the document the state calls for, or a choice of them */
		if (d->loaded)
			screen_choose_document(s->app, &d->cv, reread, s);
		return UI_HANDLED;
	case UA_DOWN:
	case UA_NEXT:
		d->top++;
		return UI_HANDLED;
	case UA_UP:
	case UA_PREV:
		if (d->top > 0)
			d->top--;
		return UI_HANDLED;
	case UA_PGDN:
		d->top += s->rows - 2;
		return UI_HANDLED;
	case UA_PGUP:
		d->top -= s->rows - 2;
		if (d->top < 0)
			d->top = 0;
		return UI_HANDLED;
	case UA_HOME:
		d->top = 0;
		return UI_HANDLED;
	case UA_END:
		d->top = d->nlines;
		return UI_HANDLED;
	default:
		return UI_HANDLED;
	}
}

static void detail_tick(struct screen *s)
{
	struct detail *d = s->priv;

	if (d->offer_draft && ui_top(s->app) == s) {
		offer_draft(s);
		return;
	}

	/* another user changed something: show it (a form open on top keeps
	 * its input; its save is checked against the version anyway) */
	if (store_data_version(s->app->db) != d->seen_version) {
		int top = d->top;
		reload(s);
		d->top = top;
	}
}

static void detail_destroy(struct screen *s)
{
	struct detail *d = s->priv;

	if (d->loaded)
		case_view_free(&d->cv);
	clear_lines(d);
	free(d->lines);
	free(d);
}

static const struct screen_ops detail_ops = {
	.name = "casedetail",
	.actions = detail_actions,
	.layout = detail_layout,
	.draw = detail_draw,
	.handle = detail_handle,
	.tick = detail_tick,
	.destroy = detail_destroy,
};

struct screen *casedetail_screen_new(struct app *app, int64_t case_id)
{
	struct detail *d = xcalloc(1, sizeof *d);
	struct screen *s;

	d->case_id = case_id;
	snprintf(d->title, sizeof d->title, "案件详情");
	s = screen_new(app, &detail_ops, d->title, d);
	s->rows = LINES - 3 >= UI_MIN_ROWS - 3 ? LINES - 3 : UI_MIN_ROWS - 3;
	s->cols = COLS >= UI_MIN_COLS ? COLS : UI_MIN_COLS;
	reload(s);
	if (d->loaded) {
		char num[32];
		snprintf(num, sizeof num, "%lld", (long long)case_id);
		if (draft_find(app->db, app->user.id, CASE_DRAFT_KIND, "case_id", num, &d->offer_draft, NULL, NULL) > 0)
			ui_wake_after(app, 0); /* asked once the case is on the screen */
		else
			d->offer_draft = 0;
	}
	return s;
}

void casedetail_resume(struct app *app, const char *draft_body, int64_t draft_id)
{
	char *id = draft_get(draft_body, "case_id");
	struct screen *s = casedetail_screen_new(app, id ? atoll(id) : 0);
	struct detail *d = s->priv;

	free(id);
	d->offer_draft = 0; /* resumed right away instead */
	ui_push(app, s);
	if (ui_top(app) == s && d->loaded)
		resume_action(s, draft_id, draft_body);
}
