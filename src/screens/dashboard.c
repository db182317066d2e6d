/*
 * dashboard.c - the admin dashboard (统计看板, SPEC 4.9): open cases by
 * state; the deadline queues (due soon, overdue, stalled); the
 * high-incidence employers (at least high_incidence_cases cases received
 * in the last high_incidence_days days), Enter listing their cases; the
 * open collective disputes, Enter opening the case; and the mediators'
 * workloads against their capacity, marked when full or over.
 *
 * The sections are one scrolling list of lines, as on the case detail, so
 * it fits 80x24; Up/Down move between the lines that lead somewhere.  It
 * is re-read when another process changes the database (PRAGMA
 * data_version) and when the user comes back to it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/screens.h"
#include "tiaojie/search.h"
#include "tiaojie/uitext.h"
#include "tiaojie/widgets.h"

enum line_kind {
	LK_TEXT = 0,   /* nothing to open */
	LK_EMPLOYER,   /* Enter: the employer's cases */
	LK_CASE,       /* Enter: the case */
};

#define NCELLS 4

struct line {
	enum line_kind kind;
	enum ui_style style;
	int64_t id;               /* employer or case id */
	char *name;               /* employer name (LK_EMPLOYER) */
	char *cell[NCELLS];       /* texts, at x[] (the last one takes the rest) */
	int x[NCELLS];
};

struct dash {
	struct line *lines;
	int nlines, cap;
	int top;
	int sel;                  /* line index of the selected line, -1 none */
	int64_t seen_version;
	int was_top;
};

static const enum ui_action dash_actions[] = {UA_ENTER, UA_REFRESH, UA_BACK, UA_PGUP, UA_PGDN, UA_NONE};

/* ---- building the lines ------------------------------------------------------ */

static struct line *add(struct dash *d, enum line_kind kind, enum ui_style style)
{
	if (d->nlines == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->lines = xrealloc(d->lines, (size_t)d->cap * sizeof *d->lines);
	}
	struct line *l = &d->lines[d->nlines++];
	memset(l, 0, sizeof *l);
	l->kind = kind;
	l->style = style;
	return l;
}

static void cell(struct line *l, int i, int x, const char *fmt, ...) TJ_PRINTF(4, 5);
static void cell(struct line *l, int i, int x, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	free(l->cell[i]);
	l->cell[i] = xstrdup(buf);
	l->x[i] = x;
}

static void text(struct dash *d, enum ui_style style, const char *s)
{
	cell(add(d, LK_TEXT, style), 0, 1, "%s", s);
}

static void clear_lines(struct dash *d)
{
	for (int i = 0; i < d->nlines; i++) {
		free(d->lines[i].name);
		for (int c = 0; c < NCELLS; c++)
			free(d->lines[i].cell[c]);
	}
	d->nlines = 0;
}

static void build(struct dash *d, struct app *app, const struct dashboard *db, const int64_t q[Q_COUNT])
{
	const struct config *cfg = app->cfg;
	int64_t open = 0;
	char buf[160];
	struct line *l;

	clear_lines(d);
	for (int i = 0; i < db->nstates; i++)
		open += db->states[i].n;
	snprintf(buf, sizeof buf, "在办案件（按状态）  共 %lld 件", (long long)open);
	text(d, US_HEADER, buf);
	for (int s = 0; s < ST_COUNT; s++) {
		int64_t n = 0;
		if (!status_is_open((enum case_status)s))
			continue;
		for (int i = 0; i < db->nstates; i++)
			if (status_from_keyword(db->states[i].status) == s)
				n = db->states[i].n;
		l = add(d, LK_TEXT, US_NORMAL);
		cell(l, 0, 4, "%s", status_name((enum case_status)s));
		cell(l, 1, 18, "%6lld 件", (long long)n);
	}

	text(d, US_NORMAL, "");
	text(d, US_HEADER, "期限预警");
	static const enum queue warn_q[] = {Q_DUE_SOON, Q_OVERDUE, Q_STALLED};
	for (size_t i = 0; i < TJ_ARRAY_LEN(warn_q); i++) {
		enum queue w = warn_q[i];
		l = add(d, LK_TEXT, !q[w] ? US_NORMAL : w == Q_OVERDUE ? US_OVERDUE : US_WARN);
		cell(l, 0, 4, "%s", queue_name(w));
		cell(l, 1, 18, "%6lld 件", (long long)q[w]);
	}

	text(d, US_NORMAL, "");
	snprintf(buf, sizeof buf, "高发单位（近 %d 天收案不少于 %d 件）", cfg->high_incidence_days,
		 cfg->high_incidence_cases);
	text(d, US_HEADER, buf);
	if (!db->nemployers)
		cell(add(d, LK_TEXT, US_DIM), 0, 4, "暂无");
	for (int i = 0; i < db->nemployers; i++) {
		const struct dash_employer *e = &db->employers[i];
		l = add(d, LK_EMPLOYER, US_WARN);
		l->id = e->id;
		l->name = xstrdup(e->name);
		cell(l, 0, 4, "%s", e->name);
		cell(l, 1, 60, "%6lld 件", (long long)e->n);
	}

	text(d, US_NORMAL, "");
	snprintf(buf, sizeof buf, "集体争议（在办 %d 件）", db->ncollective);
	text(d, US_HEADER, buf);
	if (!db->ncollective) {
		cell(add(d, LK_TEXT, US_DIM), 0, 4, "暂无");
	} else {
		l = add(d, LK_TEXT, US_LABEL);
		cell(l, 0, 4, "案件编号");
		cell(l, 1, 28, "状态");
		cell(l, 2, 36, "被申请人");
		cell(l, 3, 66, "申请人数");
	}
	for (int i = 0; i < db->ncollective; i++) {
		const struct dash_collective *c = &db->collective[i];
		int st = status_from_keyword(c->status);
		l = add(d, LK_CASE, US_NORMAL);
		l->id = c->case_id;
		cell(l, 0, 4, "%s", c->case_no);
		cell(l, 1, 28, "%s", st >= 0 ? status_name((enum case_status)st) : c->status);
		cell(l, 2, 36, "%s", c->respondent);
		cell(l, 3, 66, "%5d 人", c->applicants);
	}

	text(d, US_NORMAL, "");
	text(d, US_HEADER, "调解员工作量（在办 / 上限）");
	if (!db->nmediators)
		cell(add(d, LK_TEXT, US_DIM), 0, 4, "暂无在册调解员");
	for (int i = 0; i < db->nmediators; i++) {
		const struct dash_mediator *m = &db->mediators[i];
		int over = m->open > m->capacity, full = m->open == m->capacity;
		l = add(d, LK_TEXT, over ? US_OVERDUE : full ? US_WARN : US_NORMAL);
		cell(l, 0, 4, "%s", m->name);
		cell(l, 1, 26, "%4d / %-4d", m->open, m->capacity);
		if (over)
			cell(l, 2, 40, "超出上限 %d 件", m->open - m->capacity);
		else if (full)
			cell(l, 2, 40, "已满");
	}
}

/* ---- loading, keeping the selection ------------------------------------------- */

static int selectable(const struct line *l)
{
	return l->kind != LK_TEXT;
}

static void load(struct screen *s)
{
	struct dash *d = s->priv;
	struct app *app = s->app;
	struct dashboard db;
	int64_t q[Q_COUNT];
	char since[11];
	enum line_kind kind = LK_TEXT;
	int64_t id = 0;
	int r;

	if (d->sel >= 0 && d->sel < d->nlines) {
		kind = d->lines[d->sel].kind;
		id = d->lines[d->sel].id;
	}
	date_format(tj_today() - app->cfg->high_incidence_days, since);
	/* the queue counts and the rest from one snapshot */
	if (case_search_begin(app->db) < 0) {
		ui_error(app);
		return;
	}
	r = queue_counts(app->db, app->cfg, tj_today(), 0, q);
	if (r == 0)
		r = db_dashboard_load(app->db, since, app->cfg->high_incidence_cases, &db);
	case_search_end(app->db);
	d->seen_version = db_data_version(app->db);
	if (r < 0) {
		ui_error(app);
		return;
	}
	build(d, app, &db, q);
	dashboard_free(&db);

	d->sel = -1;
	for (int i = 0; i < d->nlines; i++) {
		if (!selectable(&d->lines[i]))
			continue;
		if (d->sel < 0)
			d->sel = i; /* the first, unless the old one is still there */
		if (d->lines[i].kind == kind && d->lines[i].id == id) {
			d->sel = i;
			break;
		}
	}
}

/* ---- the screen ---------------------------------------------------------------- */

static int view_rows(const struct screen *s)
{
	return s->rows - 1; /* the last line is the hint */
}

static void show_sel(struct screen *s)
{
	struct dash *d = s->priv;
	int h = view_rows(s);

	if (d->sel < 0)
		return;
	if (d->sel < d->top)
		d->top = d->sel - 1 > 0 ? d->sel - 1 : 0; /* with the heading above */
	if (d->sel >= d->top + h)
		d->top = d->sel - h + 1;
}

static void dash_layout(struct screen *s, int rows, int cols)
{
	s->rows = rows;
	s->cols = cols;
	show_sel(s);
}

static void dash_draw(struct screen *s)
{
	struct dash *d = s->priv;
	int h = view_rows(s);
	char buf[64];

	if (d->top > d->nlines - h)
		d->top = d->nlines - h;
	if (d->top < 0)
		d->top = 0;
	for (int i = 0; i < h && d->top + i < d->nlines; i++) {
		int n = d->top + i;
		struct line *l = &d->lines[n];
		attr_t a = n == d->sel ? ui_attr(US_SELECTED) : ui_attr(l->style);
		if (n == d->sel)
			ui_fill(1 + i, 0, s->cols, a);
		for (int c = 0; c < NCELLS && l->cell[c]; c++) {
			int end = c + 1 < NCELLS && l->cell[c + 1] ? l->x[c + 1] - 1 : s->cols - 1;
			if (end > s->cols - 1)
				end = s->cols - 1;
			if (end > l->x[c])
				ui_put(1 + i, l->x[c], l->cell[c], end - l->x[c], a, 0);
		}
	}
	if (d->nlines > h) {
		snprintf(buf, sizeof buf, "%d/%d行", d->top + 1, d->nlines);
		ui_put(1, s->cols - 1 - tw_width(buf), buf, tw_width(buf), ui_attr(US_DIM), 0);
	}
	curs_set(0);
	ui_put(s->rows, 1, "上下键选择高发单位或集体争议，Enter 查看案件；数字随他人的办理即时更新。", s->cols - 2,
	       ui_attr(US_DIM), 0);
}

static void move_sel(struct screen *s, int dir)
{
	struct dash *d = s->priv;
	int h = view_rows(s);

	for (int i = d->sel + dir; d->sel >= 0 && i >= 0 && i < d->nlines; i += dir) {
		if (selectable(&d->lines[i])) {
			d->sel = i;
			show_sel(s);
			return;
		}
	}
	/* nothing further that way: scroll over the text */
	d->top += dir;
	if (d->top > d->nlines - h)
		d->top = d->nlines - h;
	if (d->top < 0)
		d->top = 0;
}

static void page(struct screen *s, int dir)
{
	struct dash *d = s->priv;
	int h = view_rows(s);

	d->top += dir * (h - 1);
	if (d->top > d->nlines - h)
		d->top = d->nlines - h;
	if (d->top < 0)
		d->top = 0;
	/* the selection follows onto the page when it left it */
	if (d->sel >= 0 && (d->sel < d->top || d->sel >= d->top + h)) {
		for (int i = d->top; i < d->top + h && i < d->nlines; i++)
			if (selectable(&d->lines[i])) {
				d->sel = i;
				break;
			}
	}
}

static int dash_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct dash *d = s->priv;
	struct app *app = s->app;

	(void)ch;
	switch (a) {
	case UA_BACK:
		return UI_HANDLED | UI_CLOSE;
	case UA_REFRESH:
		load(s);
		ui_msg(app, US_OK, "已刷新");
		return UI_HANDLED;
	case UA_DOWN:
	case UA_NEXT:
		move_sel(s, 1);
		return UI_HANDLED;
	case UA_UP:
	case UA_PREV:
		move_sel(s, -1);
		return UI_HANDLED;
	case UA_PGDN:
		page(s, 1);
		return UI_HANDLED;
	case UA_PGUP:
		page(s, -1);
		return UI_HANDLED;
	case UA_HOME:
		d->top = 0;
		return UI_HANDLED;
	case UA_END:
		d->top = d->nlines;
		return UI_HANDLED;
	case UA_ENTER: {
		if (d->sel < 0 || d->sel >= d->nlines)
			return UI_HANDLED;
		struct line *l = &d->lines[d->sel];
		if (l->kind == LK_EMPLOYER)
			ui_push(app, caselist_screen_new(app, 0, l->name));
		else if (l->kind == LK_CASE)
			ui_push(app, casedetail_screen_new(app, l->id));
		return UI_HANDLED;
	}
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
	if (db_data_version(s->app->db) != d->seen_version || (top && !d->was_top))
		load(s);
	d->was_top = top;
}

static void dash_destroy(struct screen *s)
{
	struct dash *d = s->priv;

	clear_lines(d);
	free(d->lines);
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

	d->sel = -1;
	d->was_top = 1;
	s = screen_new(app, &dash_ops, "统计看板", d);
	s->rows = LINES - 3 >= UI_MIN_ROWS - 3 ? LINES - 3 : UI_MIN_ROWS - 3;
	s->cols = COLS >= UI_MIN_COLS ? COLS : UI_MIN_COLS;
	load(s);
	return s;
}
