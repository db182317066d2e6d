/*
 * dashboard.c - the admin dashboard (统计看板, SPEC 4.9): open cases by
 * state; the deadline queues (due soon, overdue, stalled); the
 * high-incidence employers (at least high_incidence_cases cases received
 * in the last high_incidence_days days), Enter listing their cases; the
 * open collective disputes, Enter opening the case; and the mediators'
 * workloads against their capacity, marked when full or over.
 *
 * The deadline queues lead to the case list of the queue, and the most
 * overdue cases are listed under 已超期 themselves: every case the
 * dashboard names opens with Enter, as on the case list.
 *
 * The sections are one scrolling list of lines, as on the case detail, so
 * it fits 80x24; Up/Down move between the lines that lead somewhere, and
 * the selection never leaves the screen (lines.h).  It is re-read when
 * another process changes the database (PRAGMA data_version) and when the
 * user comes back to it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/access.h"
#include "tiaojie/lines.h"
#include "tiaojie/screens.h"
#include "tiaojie/search.h"
#include "tiaojie/store.h"
#include "tiaojie/uitext.h"
#include "tiaojie/widgets.h"

enum line_kind {
	LK_EMPLOYER = 1, /* Enter: the employer's cases */
	LK_CASE,         /* Enter: the case */
	LK_QUEUE,        /* Enter: the case list of the queue (id) */
};

/* Overdue cases listed by name, the most overdue first; the rest are on
 * the case list of the queue. */
#define DASH_OVERDUE_SHOWN 10

struct dash {
	struct linelist l;
	int64_t seen_version;
	int was_top;
};

static const enum ui_action dash_actions[] = {UA_ENTER, UA_REFRESH, UA_BACK, UA_PGUP, UA_PGDN, UA_HOME, UA_END,
					      UA_NONE};

static void overdue_lines(struct dash *d, const struct case_list *over, int64_t total)
{
	struct ll_line *l;

	for (int i = 0; i < over->n; i++) {
		const struct case_brief *b = &over->v[i];
		l = ll_add(&d->l, LK_CASE, US_NORMAL);
		l->id = b->id;
		ll_cell(l, 0, 6, "%s", b->case_no);
		ll_cell(l, 1, 31, "超%d天", -b->days_left);
		ll_cell(l, 2, 39, "%s", b->mediator && *b->mediator ? b->mediator : "未分派");
		ll_cell(l, 3, 49, "%s", b->respondent ? b->respondent : "");
	}
	if (total > over->n)
		ll_cell(ll_add(&d->l, LL_TEXT, US_DIM), 0, 6, "另有 %lld 件：在上面的「已超期」行按 Enter 查看全部",
			(long long)(total - over->n));
}

static void build(struct dash *d, struct app *app, const struct dashboard *db, const int64_t q[Q_COUNT],
		  const struct case_list *overdue)
{
	const struct config *cfg = app->cfg;
	int64_t open = 0;
	char buf[160];
	struct ll_line *l;

	ll_clear(&d->l);
	for (int i = 0; i < db->nstates; i++)
		open += db->states[i].n;
	snprintf(buf, sizeof buf, "在办案件（按状态）  共 %lld 件", (long long)open);
	ll_text(&d->l, US_HEADER, buf);
	for (int s = 0; s < ST_COUNT; s++) {
		int64_t n = 0;
		if (!status_is_open((enum case_status)s))
			continue;
		for (int i = 0; i < db->nstates; i++)
			if (status_from_keyword(db->states[i].status) == s)
				n = db->states[i].n;
		l = ll_add(&d->l, LL_TEXT, US_NORMAL);
		ll_cell(l, 0, 4, "%s", status_name((enum case_status)s));
		ll_cell(l, 1, 18, "%6lld 件", (long long)n);
	}

	ll_text(&d->l, US_NORMAL, "");
	ll_text(&d->l, US_HEADER, "期限预警");
	static const enum queue warn_q[] = {Q_DUE_SOON, Q_OVERDUE, Q_STALLED};
	for (size_t i = 0; i < TJ_ARRAY_LEN(warn_q); i++) {
		enum queue w = warn_q[i];
		l = ll_add(&d->l, LK_QUEUE, !q[w] ? US_NORMAL : w == Q_OVERDUE ? US_OVERDUE : US_WARN);
		l->id = w;
		ll_cell(l, 0, 4, "%s", queue_name(w));
		ll_cell(l, 1, 18, "%6lld 件", (long long)q[w]);
		if (w == Q_OVERDUE)
			overdue_lines(d, overdue, q[w]);
	}

	ll_text(&d->l, US_NORMAL, "");
	snprintf(buf, sizeof buf, "高发单位（近 %d 天收案不少于 %d 件）", cfg->high_incidence_days,
		 cfg->high_incidence_cases);
	ll_text(&d->l, US_HEADER, buf);
	if (!db->nemployers)
		ll_cell(ll_add(&d->l, LL_TEXT, US_DIM), 0, 4, "暂无");
	for (int i = 0; i < db->nemployers; i++) {
		const struct dash_employer *e = &db->employers[i];
		l = ll_add(&d->l, LK_EMPLOYER, US_WARN);
		l->id = e->id;
		l->name = xstrdup(e->name);
		ll_cell(l, 0, 4, "%s", e->name);
		ll_cell(l, 1, 60, "%6lld 件", (long long)e->n);
	}

	ll_text(&d->l, US_NORMAL, "");
	snprintf(buf, sizeof buf, "集体争议（在办 %d 件）", db->ncollective);
	ll_text(&d->l, US_HEADER, buf);
	if (!db->ncollective) {
		ll_cell(ll_add(&d->l, LL_TEXT, US_DIM), 0, 4, "暂无");
	} else {
		l = ll_add(&d->l, LL_TEXT, US_LABEL);
		ll_cell(l, 0, 4, "案件编号");
		ll_cell(l, 1, 28, "状态");
		ll_cell(l, 2, 36, "被申请人");
		ll_cell(l, 3, 66, "申请人数");
	}
	for (int i = 0; i < db->ncollective; i++) {
		const struct dash_collective *c = &db->collective[i];
		int st = status_from_keyword(c->status);
		l = ll_add(&d->l, LK_CASE, US_NORMAL);
		l->id = c->case_id;
		ll_cell(l, 0, 4, "%s", c->case_no);
		ll_cell(l, 1, 28, "%s", st >= 0 ? status_name((enum case_status)st) : c->status);
		ll_cell(l, 2, 36, "%s", c->respondent);
		ll_cell(l, 3, 66, "%5d 人", c->applicants);
	}

	ll_text(&d->l, US_NORMAL, "");
	ll_text(&d->l, US_HEADER, "调解员工作量（在办 / 上限）");
	if (!db->nmediators)
		ll_cell(ll_add(&d->l, LL_TEXT, US_DIM), 0, 4, "暂无在册调解员");
	for (int i = 0; i < db->nmediators; i++) {
		const struct dash_mediator *m = &db->mediators[i];
		int over = m->open > m->capacity, full = m->open == m->capacity;
		l = ll_add(&d->l, LL_TEXT, over ? US_OVERDUE : full ? US_WARN : US_NORMAL);
		ll_cell(l, 0, 4, "%s", m->name);
		ll_cell(l, 1, 26, "%4d / %-4d", m->open, m->capacity);
		if (over)
			ll_cell(l, 2, 40, "超出上限 %d 件", m->open - m->capacity);
		else if (full)
			ll_cell(l, 2, 40, "已满");
	}
}

/* ---- loading, keeping the selection ------------------------------------------- */

static void load(struct screen *s)
{
	struct dash *d = s->priv;
	struct app *app = s->app;
	struct dashboard db;
	struct case_list over = {0};
	struct case_filter f = {.status = -1, .queue = Q_OVERDUE, .sort = SORT_DEADLINE, .limit = DASH_OVERDUE_SHOWN};
	int64_t q[Q_COUNT];
	struct ll_line *was = ll_selected(&d->l);
	int kind = was ? was->kind : LL_TEXT;
	int64_t id = was ? was->id : 0;
	int r;

	/* the queue counts and the rest from one snapshot */
	if (case_search_begin(app->db) < 0) {
		ui_error(app);
		return;
	}
	r = queue_counts(app->db, app->cfg, &app->actor, tj_today(), q);
	if (r == 0)
		r = case_search(app->db, app->cfg, &app->actor, tj_today(), &f, &over);
	if (r == 0)
		r = dashboard_load(app->db, app->cfg, &app->actor, tj_today(), &db);
	case_search_end(app->db);
	d->seen_version = store_data_version(app->db);
	if (r < 0) {
		case_list_free(&over);
		ui_error(app);
		return;
	}
	build(d, app, &db, q, &over);
	dashboard_free(&db);
	case_list_free(&over);
	ll_reselect(&d->l, kind, id);
}

/* ---- the screen ---------------------------------------------------------------- */

static int view_rows(const struct screen *s)
{
	return s->rows - 1; /* the last line is the hint */
}

static void dash_layout(struct screen *s, int rows, int cols)
{
	s->rows = rows;
	s->cols = cols;
}

static void dash_draw(struct screen *s)
{
	struct dash *d = s->priv;

	ll_draw(&d->l, 1, view_rows(s), s->cols);
	curs_set(0);
	ui_put(s->rows, 1, "上下键选择，Enter 打开案件或列出其案件；数字随他人的办理即时更新。", s->cols - 2,
	       ui_attr(US_DIM), 0);
}

static int dash_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct dash *d = s->priv;
	struct app *app = s->app;
	struct ll_line *l;

	(void)ch;
	if (ll_handle(&d->l, a, view_rows(s)))
		return UI_HANDLED;
	switch (a) {
	case UA_BACK:
		return UI_HANDLED | UI_CLOSE;
	case UA_REFRESH:
		load(s);
		ui_msg(app, US_OK, "已刷新");
		return UI_HANDLED;
	case UA_ENTER:
		l = ll_selected(&d->l);
		if (!l)
			ui_msg(app, US_WARN, "本页没有可打开的项目，请用上下键选择");
		else if (l->kind == LK_EMPLOYER)
			ui_push(app, caselist_screen_new(app, 0, l->name));
		else if (l->kind == LK_QUEUE)
			ui_push(app, caselist_screen_new(app, (int)l->id, NULL));
		else if (l->kind == LK_CASE)
			ui_push(app, casedetail_screen_new(app, l->id));
		return UI_HANDLED;
	default:
		return UI_HANDLED;
	}
}

static void dash_tick(struct screen *s)
{
	struct dash *d = s->priv;
	int top = ui_top(s->app) == s;

	/* another process changed the database, or the user is back from a
	 * case where this connection may have changed it */
	if (store_data_version(s->app->db) != d->seen_version || (top && !d->was_top))
		load(s);
	d->was_top = top;
}

static void dash_destroy(struct screen *s)
{
	struct dash *d = s->priv;

	ll_free(&d->l);
	free(d);
}

static const struct screen_ops dash_ops = {
	.name = "dashboard",
	.actions = dash_actions,
	.layout = dash_layout,
	.draw = dash_draw,
	.handle = dash_handle,
	.tick = dash_tick,
	.destroy = dash_destroy,
};

struct screen *dashboard_screen_new(struct app *app)
{
	struct dash *d = xcalloc(1, sizeof *d);
	struct screen *s;

	d->l.sel = -1;
	d->was_top = 1;
	s = screen_new(app, &dash_ops, "统计看板", d);
	s->rows = LINES - 3 >= UI_MIN_ROWS - 3 ? LINES - 3 : UI_MIN_ROWS - 3;
	s->cols = COLS >= UI_MIN_COLS ? COLS : UI_MIN_COLS;
	load(s);
	return s;
}
