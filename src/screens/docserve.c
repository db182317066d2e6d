/*
 * docserve.c - two dialogs of the case detail about paper that leaves the
 * window: the choice of document behind F11 when the case's state calls
 * for several (doc_kinds_for_case), then of the session a 调解通知书 is
 * for or the document and party of a 送达回证 when there are several (a
 * list picker, numbered as `tiaojie show` numbers them), and 登记送达, the record of a
 * document's service on one party (service_record in the core checks it;
 * a refusal is shown at its field and nothing typed is lost).
 *
 * Both are overlays opened by casedetail.c; when they have changed the
 * case they call back (done) so the detail re-reads it.  What is typed
 * into 登记送达 is kept as the case's draft (as the detail's action forms
 * keep theirs: on SIGHUP/SIGTERM and every 30 seconds), offered again
 * when the case is opened, and deleted in the transaction that records
 * the service.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tiaojie/casework.h"
#include "tiaojie/docs.h"
#include "tiaojie/draft.h"
#include "tiaojie/screens.h"
#include "tiaojie/service.h"
#include "tiaojie/uitext.h"
#include "tiaojie/vocab.h"
#include "tiaojie/widgets.h"

/* ---- F11: which session, document and party ------------------------------------ */

/* The lines of the picker and what each issues. */
struct pickctx {
	struct app *app;
	int64_t case_id;
	int kind;
	struct doc_pick *picks;
	char **labels; /* for the file name */
	void (*done)(void *ctx);
	void *ctx;
};

static void pickctx_free(void *vp)
{
	struct pickctx *c = vp;

	free(c->picks);
	free(c);
}

static void pickctx_labels_free(void *vp)
{
	struct pickctx *c = vp;

	for (int i = 0; c->labels && c->labels[i]; i++)
		free(c->labels[i]);
	free(c->labels);
	pickctx_free(c);
}

static void picked_one(void *vp, int i)
{
	struct pickctx *c = vp;

	screen_issue_document_pick(c->app, c->case_id, c->kind, &c->picks[i], c->labels[i]);
	if (c->done)
		c->done(c->ctx);
}

/* A session notice or a service certificate: which session, which document
 * and party, when there is more than one; any other kind at once. */
static void issue_kind(struct app *app, int64_t case_id, int kind, void (*done)(void *ctx), void *ctx)
{
	struct case_view cv;
	struct pickctx *c;
	char **items, **labels;
	int n = 0, sel = 0;

	if (kind != DOC_SESSION && kind != DOC_SERVICE) {
		screen_issue_document(app, case_id, kind);
		if (done)
			done(ctx);
		return;
	}
	if (case_load(app->db, &app->actor, case_id, &cv) <= 0) {
		ui_error(app);
		return;
	}
	int cap = cv.nsessions + 2 * cv.nservices + 1;
	items = xcalloc((size_t)cap, sizeof *items);
	labels = xcalloc((size_t)cap, sizeof *labels);
	c = xcalloc(1, sizeof *c);
	c->picks = xcalloc((size_t)cap, sizeof *c->picks);
	if (kind == DOC_SESSION) {
		int next = doc_session_for(&cv);
		for (int i = 0; i < cv.nsessions; i++) {
			const struct cv_session *x = &cv.sessions[i];
			int h = 0, m = 0, end;
			if (!doc_session_open(&cv, i))
				continue;
			if (i == next)
				sel = n;
			sscanf(x->start, "%d:%d", &h, &m);
			end = h * 60 + m + x->minutes;
			items[n] = xasprintf("%d. %s %s-%02d:%02d  %s  调解员 %s", i + 1, x->day, x->start, end / 60 % 24,
					     end % 60, x->room, x->mediator);
			labels[n] = xasprintf("%s", x->day);
			c->picks[n++].session = i + 1;
		}
	} else {
		int target = doc_service_target(&cv), first = -1;
		for (int i = 0; i < cv.nservices; i++) {
			const struct cv_service *v = &cv.services[i];
			int d, k, count = 0;
			doc_service_numbers(&cv, i, &d, &k);
			const struct cv_document *doc = d > 0 ? &cv.documents[d - 1] : NULL;
			const char *kn = doc ? vocab_label(VOCAB_DOC_KIND, doc->kind) : NULL;
			for (int j = 0; j < cv.nservices; j++)
				count += cv.services[j].document_id == v->document_id;
			if (k == 1 && count > 1) {
				/* the whole document: a page for each party */
				items[n] = xasprintf("%d.   %s（%.10s 出具） → 全部 %d 位受送达人，每位一页", d, kn ? kn : "文书",
						     doc ? doc->issued_at : "", count);
				labels[n] = xasprintf("%s", kn ? kn : "文书");
				c->picks[n].document = d;
				n++;
			}
			if (first < 0 && d - 1 == target && !v->served_on[0])
				first = n;
			items[n] = xasprintf("%d-%d. %s（%.10s 出具） → %s%s  %s%s%s", d, k, kn ? kn : "文书",
					     doc ? doc->issued_at : "", vocab_label(VOCAB_PARTY, v->role), v->name,
					     v->served_on[0] ? vocab_label(VOCAB_SERVICE, v->method) : "未送达",
					     v->served_on[0] ? " " : "", v->served_on);
			labels[n] = xasprintf("%s", v->name);
			c->picks[n].document = d;
			c->picks[n++].party = k;
		}
		sel = first > 0 ? first : 0;
	}
	case_view_free(&cv);
	c->app = app;
	c->case_id = case_id;
	c->kind = kind;
	c->done = done;
	c->ctx = ctx;
	if (n <= 1) {
		/* one to choose from (or none: the defaults, refused with the reason) */
		screen_issue_document_pick(app, case_id, kind, n == 1 ? &c->picks[0] : NULL, NULL);
		if (done)
			done(ctx);
		for (int i = 0; i < n; i++) {
			free(items[i]);
			free(labels[i]);
		}
		free(items);
		free(labels);
		pickctx_free(c);
		return;
	}
	/* the picker copies the items; the labels stay with the context */
	c->labels = labels;
	struct screen *s = itempick_screen_new(
		app, kind == DOC_SESSION ? "调解通知书：选择调解安排" : "送达回证：选择文书和受送达人",
		kind == DOC_SESSION ? "调解安排（序号同 tiaojie show）" : "文书与受送达人（序号同 tiaojie show）",
		kind == DOC_SESSION ? "选定后出具该次调解的通知书" : "选定后出具该受送达人的送达回证",
		(const char *const *)items, n, sel, picked_one, pickctx_labels_free, c);
	for (int i = 0; i < n; i++)
		free(items[i]);
	free(items);
	ui_push(app, s);
}

/* ---- F11: which document ------------------------------------------------------ */

struct docmenu {
	struct form form;
	int64_t case_id;
	enum doc_kind kinds[DOC_KIND_COUNT];
	int n;
	void (*done)(void *ctx);
	void *ctx;
};

static const enum ui_action docmenu_actions[] = {UA_ENTER, UA_BACK, UA_NONE};

static void docmenu_layout(struct screen *s, int rows, int cols)
{
	struct docmenu *m = s->priv;

	s->rows = rows;
	s->cols = cols;
	form_area(&m->form, 5, cols / 2 - 14, rows - 8, 28);
}

static void docmenu_draw(struct screen *s)
{
	struct docmenu *m = s->priv;

	ui_box(3, s->cols / 2 - 17, m->n + 4, 34, "出具文书");
	form_draw(&m->form);
	curs_set(0);
}

static int docmenu_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct docmenu *m = s->priv;

	if (a == UA_BACK)
		return UI_HANDLED | UI_CLOSE;
	if (a == UA_NONE && ch >= '1' && ch <= '9' && (int)(ch - '0') <= m->n) {
		form_focus(&m->form, (int)(ch - '1'));
		a = UA_ENTER;
	}
	if (a == UA_ENTER) {
		struct form_item *it = form_focused(&m->form);
		struct app *app = s->app;
		int64_t case_id = m->case_id;
		int kind = it ? (int)m->kinds[it->tag] : -1;
		void (*done)(void *) = m->done;
		void *ctx = m->ctx;
		ui_pop(app); /* the menu goes; the message tells what was issued */
		if (kind >= 0)
			issue_kind(app, case_id, kind, done, ctx);
		return UI_HANDLED;
	}
	form_handle(&m->form, a == UA_NEXT ? UA_DOWN : a == UA_PREV ? UA_UP : a, 0);
	return UI_HANDLED;
}

static void docmenu_destroy(struct screen *s)
{
	struct docmenu *m = s->priv;

	form_free(&m->form);
	free(m);
}

static const struct screen_ops docmenu_ops = {
	.name = "docmenu", .actions = docmenu_actions, .overlay = 1, .layout = docmenu_layout,
	.draw = docmenu_draw, .handle = docmenu_handle, .destroy = docmenu_destroy,
};

void screen_choose_document(struct app *app, const struct case_view *cv, void (*done)(void *ctx), void *ctx)
{
	struct docmenu *m = xcalloc(1, sizeof *m);

	m->case_id = cv->id;
	m->done = done;
	m->ctx = ctx;
	m->n = doc_kinds_for_case(cv, m->kinds, DOC_KIND_COUNT);
	if (m->n <= 1) {
		/* one document fits: issued at once, as before */
		int kind = m->n == 1 ? (int)m->kinds[0] : -1;
		free(m);
		if (kind >= 0) {
			issue_kind(app, cv->id, kind, done, ctx);
			return;
		}
		screen_issue_document(app, cv->id, kind);
		if (done)
			done(ctx);
		return;
	}
	form_init(&m->form);
	for (int i = 0; i < m->n; i++) {
		char buf[80];
		struct form_item *it = form_add(&m->form, FK_ROW, NULL, NULL);
		snprintf(buf, sizeof buf, " %d  %s", i + 1, doc_kind_name(m->kinds[i]));
		form_set_text(it, buf);
		it->tag = i;
	}
	ui_push(app, screen_new(app, &docmenu_ops, NULL, m));
}

/* ---- 登记送达 ---------------------------------------------------------------- */

struct servform {
	struct form form;
	int64_t case_id;
	char case_no[64];
	int64_t *ids;        /* the open services, in the order of names */
	char **names;        /* "受理通知书 → 申请人张三" */
	int n;
	const char **methods;
	char *snap;
	void (*done)(void *ctx);
	void *ctx;
	/* kept as the case's draft (kind "case", action "serve", as the
	 * detail's action forms are) on SIGHUP/SIGTERM and every 30 seconds */
	int64_t draft_id; /* 0: not kept yet */
	int draft_slot;   /* kept aside, not in the database (screen_draft_keep) */
	int dirty, saved;
	time_t last_save;
};

#define SERVICE_DRAFT_KIND "case"
#define SERVICE_DRAFT_FIELDS "f."

static void servform_save_draft(struct screen *s);

static const enum ui_action servform_actions[] = {UA_SAVE, UA_BACK, UA_NEXT, UA_PREV, UA_ENTER, UA_NONE};

static const char *const consent_words[] = {"未附卷", "已签署，本次附卷", NULL};

static int servform_text_input(struct screen *s)
{
	struct servform *f = s->priv;

	return form_text_input(&f->form);
}

static void servform_layout(struct screen *s, int rows, int cols)
{
	struct servform *f = s->priv;

	s->rows = rows;
	s->cols = cols;
	f->form.label_w = 14;
	form_area(&f->form, 4, 6, rows - 6, cols - 12);
	/* "调解通知书 → 被申请人上海某某有限公司" whole: the messages go under
	 * the fields */
	f->form.field_w = f->form.cols - f->form.label_w - 4;
}

static void servform_draw(struct screen *s)
{
	struct servform *f = s->priv;

	ui_box(2, 4, s->rows - 2, s->cols - 8, "登记送达");
	ui_put(3, 6, "F2/^S 登记，Esc 取消；出错时填写的内容会保留", s->cols - 12, ui_attr(US_DIM), 0);
	form_draw(&f->form);
}

static char *field_text(struct servform *f, const char *id)
{
	struct form_item *it = form_find(&f->form, id);

	return it ? edit_get(&it->edit) : xstrdup("");
}

static int servform_submit(struct screen *s)
{
	struct servform *f = s->priv;
	struct app *app = s->app;
	struct form_item *svc = form_find(&f->form, "service"), *meth = form_find(&f->form, "method"),
			 *cons = form_find(&f->form, "consent");
	char *tracking = field_text(f, "tracking"), *day = field_text(f, "served_on"),
	     *signer = field_text(f, "signed_by");
	char field[16];
	struct service_op op = {
		.case_id = f->case_id,
		.service_id = svc && svc->choice >= 0 && svc->choice < f->n ? f->ids[svc->choice] : 0,
		.method = meth ? vocab_code_at(VOCAB_SERVICE, meth->choice) : NULL,
		.tracking = tracking,
		.served_on = day,
		.signed_by = signer,
		.consent_now = cons && cons->choice == 1,
	};
	int rc = UI_HANDLED;

	form_clear_errors(&f->form);
	if (f->draft_slot) /* kept aside: into the database, deleted there with the record */
		servform_save_draft(s);
	op.draft_id = f->draft_id;
	if (service_record(app->db, &app->actor, &op, field) < 0) {
		struct form_item *at = field[0] ? form_find(&f->form, field) : NULL;
		if (at) {
			form_set_msg(at, US_ERROR, "%s", tj_errmsg());
			form_show_errors(&f->form, app);
		} else {
			ui_error(app);
		}
		goto out;
	}
	ui_msg(app, US_OK, "已登记送达：%s，%s", f->names[svc->choice], vocab_label_at(VOCAB_SERVICE, meth->choice));
	f->draft_id = 0; /* gone with the record */
	screen_draft_forget(app, &f->draft_slot);
	f->dirty = 0;
	f->saved = 1;
	if (f->done)
		f->done(f->ctx);
	rc = UI_HANDLED | UI_CLOSE;
out:
	free(tracking);
	free(day);
	free(signer);
	return rc;
}

static int servform_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct servform *f = s->priv;

	switch (a) {
	case UA_BACK:
		if (form_changed(&f->form, f->snap)) {
			int ans = ui_ask_unsaved(s->app, "送达登记的内容");
			if (ans == UI_SAVE)
				return servform_submit(s);
			if (ans != UI_DISCARD)
				return UI_HANDLED;
		}
		if (draft_drop(s->app->db, s->app->user.id, f->draft_id) < 0)
			ui_error(s->app);
		f->draft_id = 0;
		screen_draft_forget(s->app, &f->draft_slot);
		f->dirty = 0;
		return UI_HANDLED | UI_CLOSE;
	case UA_SAVE:
		return servform_submit(s);
	case UA_ENTER:
		form_handle(&f->form, UA_NEXT, 0);
		return UI_HANDLED;
	default:
		if (form_handle(&f->form, a, ch) >= 0)
			f->dirty = 1;
		return UI_HANDLED;
	}
}

/* Keep the dialog as the case's draft: the case, the (document, party)
 * row chosen by its id (its place in the list changes as others are
 * served), and what was typed. */
static void servform_save_draft(struct screen *s)
{
	struct servform *f = s->priv;
	struct app *app = s->app;
	struct form_item *svc = form_find(&f->form, "service");
	struct strbuf sb;
	char num[32];

	if (f->saved || !app->logged_in || !form_changed(&f->form, f->snap))
		return;
	snprintf(num, sizeof num, "%lld", (long long)f->case_id);
	if (!f->draft_id && /* one draft per case: a new form replaces an older one */
	    draft_find(app->db, app->user.id, SERVICE_DRAFT_KIND, "case_id", num, &f->draft_id, NULL, NULL) < 0)
		f->draft_id = 0;
	sb_init(&sb);
	draft_put(&sb, "case_id", num);
	draft_put(&sb, "case_no", f->case_no);
	draft_put(&sb, "action", SERVICE_DRAFT_ACTION);
	if (svc && svc->choice >= 0 && svc->choice < f->n) {
		snprintf(num, sizeof num, "%lld", (long long)f->ids[svc->choice]);
		draft_put(&sb, "service_id", num);
	}
	form_draft_put(&f->form, &sb, SERVICE_DRAFT_FIELDS);
	char *body = sb_detach(&sb);
	if (screen_draft_keep(app, SERVICE_DRAFT_KIND, body, &f->draft_id, &f->draft_slot) >= 0) {
		f->dirty = 0;
		f->last_save = time(NULL);
	}
	free(body);
}

static void servform_tick(struct screen *s)
{
	struct servform *f = s->priv;

	if (f->dirty && time(NULL) - f->last_save >= screen_autosave_seconds()) {
		servform_save_draft(s);
		if (!f->dirty && !f->draft_slot) /* kept aside: its own message stays */
			ui_msg(s->app, US_DIM, "已自动保存草稿");
	}
}

static void servform_destroy(struct screen *s)
{
	struct servform *f = s->priv;

	form_free(&f->form);
	for (int i = 0; i < f->n; i++)
		free(f->names[i]);
	free(f->names);
	free(f->ids);
	free(f->methods);
	free(f->snap);
	free(f);
}

static const struct screen_ops servform_ops = {
	.name = "service", .actions = servform_actions, .overlay = 1, .text_input = servform_text_input,
	.layout = servform_layout, .draw = servform_draw, .handle = servform_handle, .tick = servform_tick,
	.save_draft = servform_save_draft, .destroy = servform_destroy,
};

static struct servform *open_service(struct app *app, const struct case_view *cv, void (*done)(void *ctx), void *ctx)
{
	struct servform *f;
	struct form_item *it;
	char today[11];

	f = xcalloc(1, sizeof *f);
	f->case_id = cv->id;
	snprintf(f->case_no, sizeof f->case_no, "%s", cv->case_no);
	f->last_save = time(NULL);
	f->done = done;
	f->ctx = ctx;
	f->names = xcalloc((size_t)cv->nservices + 1, sizeof *f->names);
	f->ids = xcalloc((size_t)cv->nservices + 1, sizeof *f->ids);
	for (int i = 0; i < cv->nservices; i++) {
		const struct cv_service *sv = &cv->services[i];
		const char *kind = NULL;
		if (sv->served_on[0])
			continue;
		for (int j = 0; j < cv->ndocuments; j++)
			if (cv->documents[j].id == sv->document_id)
				kind = vocab_label(VOCAB_DOC_KIND, cv->documents[j].kind);
		f->names[f->n] = xasprintf("%s → %s%s", kind ? kind : "文书", vocab_label(VOCAB_PARTY, sv->role), sv->name);
		f->ids[f->n++] = sv->id;
	}
	int nm;
	vocab_words(VOCAB_SERVICE, &nm);
	f->methods = xcalloc((size_t)nm + 1, sizeof *f->methods);
	for (int i = 0; i < nm; i++)
		f->methods[i] = vocab_label_at(VOCAB_SERVICE, i);

	form_init(&f->form);
	it = form_add(&f->form, FK_CHOICE, "service", "文书与受送达人");
	it->choices = (const char *const *)f->names;
	it->nchoices = f->n;
	it = form_add(&f->form, FK_CHOICE, "method", "送达方式");
	it->choices = f->methods;
	it->nchoices = nm;
	it = form_add(&f->form, FK_TEXT, "tracking", "邮件号码");
	it->edit.max = SERVICE_MAX_TRACKING;
	it = form_add(&f->form, FK_TEXT, "served_on", "送达日期");
	it->edit.max = 10;
	date_format(tj_today(), today);
	edit_set(&it->edit, today);
	it = form_add(&f->form, FK_TEXT, "signed_by", "签收人/见证人");
	it->edit.max = SERVICE_MAX_SIGNED;
	it = form_add(&f->form, FK_CHOICE, "consent", "电子送达确认书");
	it->choices = consent_words;
	it->nchoices = 2;
	form_add(&f->form, FK_INFO, NULL, NULL);
	form_set_text(form_add(&f->form, FK_INFO, NULL, NULL),
		      "邮寄须填邮件号码，电子送达须有确认书，留置送达写见证人。");
	f->snap = form_snapshot(&f->form);
	ui_push(app, screen_new(app, &servform_ops, NULL, f));
	return f;
}

int screen_record_service(struct app *app, const struct case_view *cv, void (*done)(void *ctx), void *ctx)
{
	if (doc_unserved(cv) == 0) {
		ui_msg(app, US_WARN, "本案已出具的文书都已登记送达");
		return -1;
	}
	open_service(app, cv, done, ctx);
	return 0;
}

int screen_record_service_resume(struct app *app, const struct case_view *cv, const char *body, int64_t draft_id,
				 void (*done)(void *ctx), void *ctx)
{
	struct servform *f;
	struct form_item *it;
	char *sid;

	if (doc_unserved(cv) == 0) {
		ui_msg(app, US_WARN, "本案已出具的文书都已登记送达，草稿中的登记送达已不能办理；可在草稿中放弃它");
		return -1;
	}
	f = open_service(app, cv, done, ctx);
	f->draft_id = draft_id;
	form_draft_get(&f->form, body, SERVICE_DRAFT_FIELDS);
	/* the row itself: its place in the list may have changed */
	sid = draft_get(body, "service_id");
	it = form_find(&f->form, "service");
	if (sid && it) {
		int found = -1;
		for (int i = 0; i < f->n; i++)
			if (f->ids[i] == atoll(sid))
				found = i;
		if (found >= 0) {
			it->choice = found;
		} else {
			it->choice = 0;
			form_set_msg(it, US_WARN, "草稿中的文书与受送达人已登记送达，请重新选择");
		}
	}
	free(sid);
	ui_msg(app, US_OK, "已恢复草稿，请继续填写");
	return 0;
}
