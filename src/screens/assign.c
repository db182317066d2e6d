/*
 * assign.c - choosing a case's mediator (分派调解员, SPEC 4.7) and the batch
 * assignment of the whole awaiting queue.
 *
 * The candidate list shows each active mediator's open caseload against
 * capacity, side of the roster, how many of the case's causes their
 * specialties cover, and conflicts of interest; the suggested one (from
 * assign_candidates in the core) is marked and selected.  Choosing a
 * conflicted mediator asks for the reason of the override, which the core
 * records with the assignment.  The batch screen lists every case awaiting
 * assignment with its suggestion: Enter confirms one, F2 all of them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/assign.h"
#include "tiaojie/screens.h"
#include "tiaojie/uitext.h"
#include "tiaojie/widgets.h"

/* ---- asking for the override reason -------------------------------------- */

struct reason_prompt {
	struct form form;
	char *question;
	char *answer; /* set on Enter/F2 */
	int done;
};

static const enum ui_action prompt_actions[] = {UA_SAVE, UA_BACK, UA_NONE};

static int prompt_text_input(struct screen *s)
{
	(void)s;
	return 1;
}

static void prompt_layout(struct screen *s, int rows, int cols)
{
	struct reason_prompt *p = s->priv;

	s->rows = rows;
	s->cols = cols;
	p->form.label_w = 10;
	form_area(&p->form, rows / 2 + 1, 8, 1, cols - 16);
	p->form.field_w = cols - 16 - 12;
}

static void prompt_draw(struct screen *s)
{
	struct reason_prompt *p = s->priv;
	size_t n;
	wchar_t *w = tw_from_utf8(p->question, &n);
	size_t starts[8];
	int lines = tw_wrap(w, n, s->cols - 16, starts, 8);

	if (lines > 4)
		lines = 4;
	ui_box(s->rows / 2 - 5, 6, 10, s->cols - 12, "存在回避事由");
	for (int i = 0; i < lines; i++) {
		size_t a = starts[i], b = i + 1 < lines ? starts[i + 1] : n;
		ui_putw(s->rows / 2 - 4 + i, 8, w + a, b - a, s->cols - 16, ui_attr(US_WARN), 0);
	}
	ui_put(s->rows / 2 + 3, 8, "仍要分派请填写理由后按 Enter；Esc 取消", s->cols - 16, ui_attr(US_DIM), 0);
	free(w);
	form_draw(&p->form);
}

static int prompt_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct reason_prompt *p = s->priv;

	if (a == UA_BACK) {
		/* a reason typed is not thrown away without asking */
		if (!edit_empty(&form_find(&p->form, "reason")->edit)) {
			int ans = ui_ask_unsaved(s->app, "回避理由");
			if (ans == UI_CONTINUE)
				return UI_HANDLED;
			if (ans == UI_SAVE)
				return prompt_handle(s, UA_SAVE, 0);
		}
		p->done = 1;
		return UI_HANDLED | UI_CLOSE;
	}
	if (a == UA_SAVE || a == UA_ENTER) {
		struct form_item *it = form_find(&p->form, "reason");
		if (edit_empty(&it->edit)) {
			ui_msg(s->app, US_ERROR, "请填写理由");
			return UI_HANDLED;
		}
		p->answer = edit_get(&it->edit);
		p->done = 1;
		return UI_HANDLED | UI_CLOSE;
	}
	form_handle(&p->form, a, ch);
	return UI_HANDLED;
}

static void prompt_destroy(struct screen *s)
{
	struct reason_prompt *p = s->priv;

	form_free(&p->form);
	free(p->question);
	/* answer belongs to the caller */
}

static const struct screen_ops prompt_ops = {
	.name = "reason", .actions = prompt_actions, .overlay = 1, .text_input = prompt_text_input,
	.layout = prompt_layout, .draw = prompt_draw, .handle = prompt_handle, .destroy = prompt_destroy,
};

/* Ask; the reason (malloc'd) or NULL when cancelled. */
static char *ask_reason(struct app *app, const char *question);

/* ---- the candidate list ------------------------------------------------------- */

struct assign_screen {
	int64_t case_id;
	struct assign_candidates c;
	int loaded;
	int sel, top;
	void (*done)(void *ctx);
	void *ctx;
	char title[80];
};

static const enum ui_action assign_actions[] = {UA_ENTER, UA_REFRESH, UA_BACK, UA_PGUP, UA_PGDN, UA_NONE};

static void assign_load(struct screen *s)
{
	struct assign_screen *as = s->priv;

	if (as->loaded)
		assign_candidates_free(&as->c);
	as->loaded = 0;
	memset(&as->c, 0, sizeof as->c);
	if (assign_candidates(s->app->db, s->app->cfg, &s->app->actor, as->case_id, &as->c) < 0) {
		ui_error(s->app);
		return;
	}
	as->loaded = 1;
	as->sel = as->c.suggested >= 0 ? as->c.suggested : 0;
	snprintf(as->title, sizeof as->title, "分派调解员 %s", as->c.case_no);
}

static void assign_layout(struct screen *s, int rows, int cols)
{
	s->rows = rows;
	s->cols = cols;
}

static void assign_draw(struct screen *s)
{
	struct assign_screen *as = s->priv;
	int w = s->cols;
	int h = s->rows - 4;

	if (!as->loaded) {
		ui_put(2, 2, "无法列出调解员", w - 4, ui_attr(US_ERROR), 0);
		return;
	}
	ui_put(1, 1, as->c.reason, w - 2, ui_attr(as->c.suggested >= 0 ? US_OK : US_WARN), 0);
	ui_fill(3, 0, w, ui_attr(US_HEADER));
	ui_put(3, 1, "调解员", 10, ui_attr(US_HEADER), 0);
	ui_put(3, 12, "名册", 18, ui_attr(US_HEADER), 0);
	ui_put(3, 31, "在办/上限", 10, ui_attr(US_HEADER), 0);
	ui_put(3, 42, "专长", 6, ui_attr(US_HEADER), 0);
	ui_put(3, 49, "回避事由", w - 50, ui_attr(US_HEADER), 0);
	if (as->sel < as->top)
		as->top = as->sel;
	if (as->sel >= as->top + h)
		as->top = as->sel - h + 1;
	for (int i = as->top; i < as->c.n && i - as->top < h; i++) {
		struct assign_candidate *m = &as->c.v[i];
		int y = 4 + i - as->top;
		int sel = i == as->sel;
		attr_t base = sel ? ui_attr(US_SELECTED) : A_NORMAL;
		char buf[300];
		ui_fill(y, 0, w, base);
		snprintf(buf, sizeof buf, "%s%s", i == as->c.suggested ? "*" : " ", m->name);
		ui_put(y, 0, buf, 11, base | (i == as->c.suggested ? A_BOLD : 0), 0);
		ui_put(y, 12, m->side_name, 18, base, 0);
		snprintf(buf, sizeof buf, "%d/%d%s", m->open, m->capacity, m->open >= m->capacity ? " 满" : "");
		ui_put(y, 31, buf, 10, sel ? base : ui_attr(m->open >= m->capacity ? US_WARN : US_NORMAL), 0);
		snprintf(buf, sizeof buf, "%d/%d", m->matches, as->c.ncauses);
		ui_put(y, 42, buf, 6, base, 0);
		if (m->current) {
			ui_put(y, 49, "（现承办）", w - 50, base, 0);
		} else if (m->conflicts.n) {
			char *t = assign_conflicts_text(&m->conflicts);
			ui_put(y, 49, t, w - 50, sel ? base : ui_attr(US_ERROR), 0);
			free(t);
		} else if (m->notices.n) {
			/* information, not a ground for recusal */
			char *t = assign_conflicts_text(&m->notices);
			char *u = xasprintf("提示：%s", t);
			ui_put(y, 49, u, w - 50, sel ? base : ui_attr(US_DIM), 0);
			free(u);
			free(t);
		}
	}
	ui_put(s->rows, 1, "* 为建议人选（专长覆盖率减负荷率得分最高、无回避事由）；Enter 分派", w - 2, ui_attr(US_DIM), 0);
}

static int assign_choose(struct screen *s)
{
	struct assign_screen *as = s->priv;
	struct app *app = s->app;
	struct assign_result res;
	char *reason = NULL;
	char q[1400];

	if (!as->loaded || as->sel >= as->c.n)
		return UI_HANDLED;
	struct assign_candidate *m = &as->c.v[as->sel];
	if (m->current) {
		ui_msg(app, US_WARN, "%s 已是本案调解员", m->name);
		return UI_HANDLED;
	}
	if (m->conflicts.n) {
		char *t = assign_conflicts_text(&m->conflicts);
		snprintf(q, sizeof q, "%s：%s", m->name, t);
		free(t);
		reason = ask_reason(app, q);
		if (!reason)
			return UI_HANDLED;
	} else {
		char *t = m->notices.n ? assign_conflicts_text(&m->notices) : NULL;
		snprintf(q, sizeof q, "将案件 %s 分派给 %s（在办 %d/%d）？%s%s", as->c.case_no, m->name, m->open,
			 m->capacity, t ? "\n提示：" : "", t ? t : "");
		free(t);
		if (!ui_confirm(app, q))
			return UI_HANDLED;
	}
	memset(&res, 0, sizeof res);
	int rc = assign_apply(app->db, app->cfg, &app->hol, &app->actor, as->case_id, m->id, as->c.version, reason,
			      &res);
	free(reason);
	if (rc < 0 && !res.assigned) {
		ui_error(app);
		assign_load(s); /* someone else may have assigned it: show the state now */
		return UI_HANDLED;
	}
	ui_msg(app, rc < 0 ? US_WARN : US_OK, "已分派：%s%s", m->name, res.overridden ? "（已记录回避理由）" : "");
	if (as->done)
		as->done(as->ctx);
	return UI_HANDLED | UI_CLOSE;
}

static int assign_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct assign_screen *as = s->priv;

	(void)ch;
	switch (a) {
	case UA_BACK:
		return UI_HANDLED | UI_CLOSE;
	case UA_REFRESH:
		assign_load(s);
		return UI_HANDLED;
	case UA_ENTER:
		return assign_choose(s);
	case UA_DOWN:
	case UA_NEXT:
		if (as->sel + 1 < as->c.n)
			as->sel++;
		return UI_HANDLED;
	case UA_UP:
	case UA_PREV:
		if (as->sel > 0)
			as->sel--;
		return UI_HANDLED;
	case UA_PGDN:
		as->sel = as->sel + 10 < as->c.n ? as->sel + 10 : as->c.n - 1;
		return UI_HANDLED;
	case UA_PGUP:
		as->sel = as->sel > 10 ? as->sel - 10 : 0;
		return UI_HANDLED;
	default:
		return UI_HANDLED;
	}
}

static void assign_destroy(struct screen *s)
{
	struct assign_screen *as = s->priv;

	if (as->loaded)
		assign_candidates_free(&as->c);
	free(as);
}

static const struct screen_ops assign_ops = {
	.name = "assign", .actions = assign_actions, .layout = assign_layout, .draw = assign_draw,
	.handle = assign_handle, .destroy = assign_destroy,
};

struct screen *assign_screen_new(struct app *app, int64_t case_id, void (*done)(void *ctx), void *ctx)
{
	struct assign_screen *as = xcalloc(1, sizeof *as);
	struct screen *s;

	as->case_id = case_id;
	as->done = done;
	as->ctx = ctx;
	snprintf(as->title, sizeof as->title, "分派调解员");
	s = screen_new(app, &assign_ops, as->title, as);
	assign_load(s);
	return s;
}

/* ---- the batch ----------------------------------------------------------------- */

struct batch {
	struct assign_suggestions sg;
	int loaded, sel, top;
};

static const enum ui_action batch_actions[] = {UA_ENTER, UA_SAVE, UA_REFRESH, UA_BACK, UA_NONE};

static void batch_load(struct screen *s)
{
	struct batch *b = s->priv;

	if (b->loaded)
		assign_suggestions_free(&b->sg);
	b->loaded = 0;
	memset(&b->sg, 0, sizeof b->sg);
	if (assign_suggest_all(s->app->db, s->app->cfg, &s->app->actor, &b->sg) < 0) {
		ui_error(s->app);
		return;
	}
	b->loaded = 1;
	if (b->sel >= b->sg.n)
		b->sel = b->sg.n ? b->sg.n - 1 : 0;
}

static void batch_layout(struct screen *s, int rows, int cols)
{
	s->rows = rows;
	s->cols = cols;
}

static void batch_draw(struct screen *s)
{
	struct batch *b = s->priv;
	int w = s->cols, h = s->rows - 4;
	char buf[400];

	snprintf(buf, sizeof buf, "待分派 %d 件；Enter 按建议分派选中的一件，F2/^S 全部按建议分派", b->sg.n);
	ui_put(1, 1, buf, w - 2, A_BOLD, 0);
	ui_fill(3, 0, w, ui_attr(US_HEADER));
	ui_put(3, 1, "案件编号", 23, ui_attr(US_HEADER), 0);
	ui_put(3, 25, "建议调解员", 12, ui_attr(US_HEADER), 0);
	ui_put(3, 38, "在办/上限", 10, ui_attr(US_HEADER), 0);
	ui_put(3, 49, "理由", w - 50, ui_attr(US_HEADER), 0);
	if (b->sel < b->top)
		b->top = b->sel;
	if (b->sel >= b->top + h)
		b->top = b->sel - h + 1;
	for (int i = b->top; i < b->sg.n && i - b->top < h; i++) {
		struct assign_suggestion *x = &b->sg.v[i];
		int y = 4 + i - b->top;
		attr_t base = i == b->sel ? ui_attr(US_SELECTED) : A_NORMAL;
		ui_fill(y, 0, w, base);
		ui_put(y, 1, x->case_no, 23, base, 0);
		ui_put(y, 25, x->mediator_id ? x->mediator_name : "（无）", 12, x->mediator_id ? base : base | A_BOLD, 0);
		snprintf(buf, sizeof buf, "%d/%d", x->open, x->capacity);
		ui_put(y, 38, x->mediator_id ? buf : "", 10, base, 0);
		ui_put(y, 49, x->reason, w - 50, base, 0);
	}
	if (b->loaded && b->sg.n == 0)
		ui_put(5, 2, "没有待分派的案件", w - 4, ui_attr(US_OK), 0);
}

static int apply_one(struct screen *s, int i, int *failed)
{
	struct batch *b = s->priv;
	struct assign_suggestion *x = &b->sg.v[i];
	struct assign_result res;

	if (!x->mediator_id) {
		(*failed)++;
		return -1;
	}
	memset(&res, 0, sizeof res);
	if (assign_apply(s->app->db, s->app->cfg, &s->app->hol, &s->app->actor, x->case_id, x->mediator_id, x->version,
			 NULL, &res) < 0) {
		(*failed)++;
		return -1;
	}
	return 0;
}

static int batch_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct batch *b = s->priv;
	struct app *app = s->app;
	int failed = 0;
	char q[200];

	(void)ch;
	switch (a) {
	case UA_BACK:
		return UI_HANDLED | UI_CLOSE;
	case UA_REFRESH:
		batch_load(s);
		return UI_HANDLED;
	case UA_ENTER:
		if (b->sel < b->sg.n) {
			struct assign_suggestion *x = &b->sg.v[b->sel];
			if (!x->mediator_id) {
				ui_msg(app, US_WARN, "%s 没有建议人选：%s", x->case_no, x->reason);
				return UI_HANDLED;
			}
			if (apply_one(s, b->sel, &failed) < 0)
				ui_error(app);
			else
				ui_msg(app, US_OK, "已分派 %s：%s", x->case_no, x->mediator_name);
			batch_load(s);
		}
		return UI_HANDLED;
	case UA_SAVE: {
		int done = 0, n = b->sg.n;
		snprintf(q, sizeof q, "按建议分派全部 %d 件待分派案件？", n);
		if (!n || !ui_confirm(app, q))
			return UI_HANDLED;
		for (int i = 0; i < n; i++)
			if (apply_one(s, i, &failed) == 0)
				done++;
		ui_msg(app, failed ? US_WARN : US_OK, "已分派 %d 件%s", done, failed ? "，其余未分派（无建议人选或已被他人办理）" : "");
		batch_load(s);
		return UI_HANDLED;
	}
	case UA_DOWN:
	case UA_NEXT:
		if (b->sel + 1 < b->sg.n)
			b->sel++;
		return UI_HANDLED;
	case UA_UP:
	case UA_PREV:
		if (b->sel > 0)
			b->sel--;
		return UI_HANDLED;
	default:
		return UI_HANDLED;
	}
}

static void batch_destroy(struct screen *s)
{
	struct batch *b = s->priv;

	if (b->loaded)
		assign_suggestions_free(&b->sg);
	free(b);
}

static const struct screen_ops batch_ops = {
	.name = "batch", .actions = batch_actions, .layout = batch_layout, .draw = batch_draw,
	.handle = batch_handle, .destroy = batch_destroy,
};

struct screen *batch_assign_screen_new(struct app *app)
{
	struct batch *b = xcalloc(1, sizeof *b);
	struct screen *s = screen_new(app, &batch_ops, "批量分派", b);

	batch_load(s);
	return s;
}

/* ---- the prompt's modal wrapper ------------------------------------------- */

static char *ask_reason(struct app *app, const char *question)
{
	struct reason_prompt *p = xcalloc(1, sizeof *p);
	struct form_item *it;
	char *answer;

	form_init(&p->form);
	it = form_add(&p->form, FK_TEXT, "reason", "回避理由");
	it->edit.max = ASSIGN_OVERRIDE_MAX_CHARS;
	p->question = xstrdup(question);
	struct screen *s = screen_new(app, &prompt_ops, NULL, p);
	ui_push(app, s);
	ui_wait(app, s);
	answer = p->answer;
	free(p);
	return answer;
}
