/*
 * agenda.c - a mediator's working view on a thin terminal.
 *
 * "我的案件" (mycases_screen_new): today's sessions first, then the
 * mediator's own open cases, soonest deadline first with due-soon and
 * overdue highlighted, then the agreed cases awaiting the performance
 * check.  Enter opens the case; F7 opens the agenda.
 *
 * "调解日程" (agenda_screen_new): the sessions of a day or of a week
 * (Monday to Sunday), grouped by day; Left/Right go to the previous or
 * next day or week, t back to today, F7 switches day/week.  A mediator
 * sees their own sessions; an administrator or clerk sees everyone's with
 * the mediator's name.  Both views are re-read when another process
 * changes the database.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/admin.h"
#include "tiaojie/lines.h"
#include "tiaojie/screens.h"
#include "tiaojie/store.h"
#include "tiaojie/uitext.h"

enum { LK_CASE = 1 };

static const char *const weekdays[] = {"", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};

static void day_title(tj_day d, char *buf, size_t n)
{
	int y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	snprintf(buf, n, "%d年%d月%d日 %s", y, m, dd, weekdays[date_weekday(d)]);
}

/* One session as a line: time, room, case number, parties [, mediator]. */
static void session_line(struct linelist *l, const struct agenda_item *a, int with_mediator)
{
	struct ll_line *line = ll_add(l, LK_CASE, strcmp(a->status, "held") == 0 ? US_DIM : US_NORMAL);
	int x = 2;

	line->id = a->case_id;
	ll_cell(line, 0, x, "%s-%s%s", a->start, a->end, strcmp(a->status, "held") == 0 ? " 已开" : "");
	ll_cell(line, 1, x + 17, "%s", a->room);
	ll_cell(line, 2, x + 29, "%s", a->case_no);
	if (with_mediator) {
		ll_cell(line, 3, x + 54, "%s", a->applicant);
		ll_cell(line, 4, x + 68, "%s", a->mediator); /* room for a 12-column name */
	} else {
		ll_cell(line, 3, x + 54, "%s 诉 %s", a->applicant, a->respondent);
	}
}

static void case_line(struct linelist *l, const struct case_brief *c)
{
	struct ll_line *line = ll_add(l, LK_CASE, c->overdue ? US_OVERDUE : c->due_soon ? US_WARN : US_NORMAL);

	line->id = c->id;
	ll_cell(line, 0, 2, "%s", c->case_no);
	ll_cell(line, 1, 26, "%s", status_name(c->status));
	ll_cell(line, 2, 34, "%s", c->deadline[0] ? c->deadline : "—");
	if (!c->deadline[0])
		ll_cell(line, 3, 46, " ");
	else if (c->overdue)
		ll_cell(line, 3, 46, "超期%d天", -c->days_left);
	else
		ll_cell(line, 3, 46, "余%d天", c->days_left);
	ll_cell(line, 4, 56, "%s 诉 %s", c->applicant, c->respondent);
}

/* ---- my cases ---------------------------------------------------------------- */

struct mycases {
	struct linelist l;
	int64_t seen_version;
	int was_top;
};

static const enum ui_action mycases_actions[] = {UA_ENTER, UA_VIEW, UA_REFRESH, UA_BACK, UA_PGUP, UA_PGDN, UA_NONE};
static const struct ui_label mycases_labels[] = {
	{UA_VIEW, "日程", "打开调解日程（日/周）"},
	{UA_NONE, NULL, NULL},
};

static void mycases_reload(struct screen *s)
{
	struct mycases *m = s->priv;
	struct app *app = s->app;
	struct agenda ag = {0};
	struct case_list open = {0}, fol = {0};
	struct ll_line *was = ll_selected(&m->l);
	int kind = was ? was->kind : LL_TEXT;
	int64_t id = was ? was->id : 0;
	tj_day today = tj_today();
	char day[11], buf[160];
	int r;

	date_format(today, day);
	if (case_search_begin(app->db) < 0) {
		ui_error(app);
		return;
	}
	r = agenda_load(app->db, &app->actor, 0, day, day, &ag);
	if (r == 0)
		r = mycases_load(app->db, app->cfg, &app->actor, 0, today, &open, &fol);
	case_search_end(app->db);
	m->seen_version = store_data_version(app->db);
	ll_clear(&m->l);
	if (r < 0) {
		ui_error(app);
		ll_text(&m->l, US_ERROR, tj_errmsg());
		agenda_free(&ag);
		return;
	}

	day_title(today, buf, sizeof buf);
	ll_cell(ll_add(&m->l, LL_TEXT, US_HEADER), 0, 1, "今日调解安排  %s  共 %d 场", buf, ag.n);
	if (!ag.n)
		ll_cell(ll_add(&m->l, LL_TEXT, US_DIM), 0, 2, "今天没有安排调解");
	for (int i = 0; i < ag.n; i++)
		session_line(&m->l, &ag.v[i], 0);

	int overdue = 0, soon = 0;
	for (int i = 0; i < open.n; i++) {
		overdue += open.v[i].overdue;
		soon += open.v[i].due_soon;
	}
	ll_text(&m->l, US_NORMAL, "");
	snprintf(buf, sizeof buf, "我承办的未结案件  共 %d 件（已超期 %d，即将到期 %d），按期限排序", open.n, overdue,
		 soon);
	ll_text(&m->l, US_HEADER, buf);
	if (!open.n) {
		ll_cell(ll_add(&m->l, LL_TEXT, US_DIM), 0, 2, "暂无");
	} else {
		struct ll_line *h = ll_add(&m->l, LL_TEXT, US_LABEL);
		ll_cell(h, 0, 2, "案件编号");
		ll_cell(h, 1, 26, "状态");
		ll_cell(h, 2, 34, "期限");
		ll_cell(h, 3, 46, "剩余");
		ll_cell(h, 4, 56, "当事人");
	}
	for (int i = 0; i < open.n; i++)
		case_line(&m->l, &open.v[i]);

	ll_text(&m->l, US_NORMAL, "");
	snprintf(buf, sizeof buf, "待履行回访  共 %d 件", fol.n);
	ll_text(&m->l, US_HEADER, buf);
	if (!fol.n)
		ll_cell(ll_add(&m->l, LL_TEXT, US_DIM), 0, 2, "暂无");
	for (int i = 0; i < fol.n; i++) {
		struct ll_line *line = ll_add(&m->l, LK_CASE, US_WARN);
		line->id = fol.v[i].id;
		ll_cell(line, 0, 2, "%s", fol.v[i].case_no);
		ll_cell(line, 1, 26, "%s", status_name(fol.v[i].status));
		ll_cell(line, 2, 56, "%s 诉 %s", fol.v[i].applicant, fol.v[i].respondent);
	}
	agenda_free(&ag);
	case_list_free(&open);
	case_list_free(&fol);
	ll_reselect(&m->l, kind, id);
}

static int rows_of(const struct screen *s)
{
	return s->rows - 1;
}

static void mycases_layout(struct screen *s, int rows, int cols)
{
	s->rows = rows;
	s->cols = cols;
}

static void mycases_draw(struct screen *s)
{
	struct mycases *m = s->priv;

	ll_draw(&m->l, 1, rows_of(s), s->cols);
	curs_set(0);
	ui_put(s->rows, 1, "Enter 打开案件；F7 调解日程（日/周）。红色为已超期，黄色为即将到期。", s->cols - 2,
	       ui_attr(US_DIM), 0);
}

static int mycases_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct mycases *m = s->priv;
	struct ll_line *l;

	(void)ch;
	if (ll_handle(&m->l, a, rows_of(s)))
		return UI_HANDLED;
	switch (a) {
	case UA_BACK:
		return UI_HANDLED | UI_CLOSE;
	case UA_REFRESH:
		mycases_reload(s);
		ui_msg(s->app, US_OK, "已刷新");
		return UI_HANDLED;
	case UA_VIEW:
		ui_push(s->app, agenda_screen_new(s->app));
		return UI_HANDLED;
	case UA_ENTER:
		l = ll_selected(&m->l);
		if (l && l->kind == LK_CASE)
			ui_push(s->app, casedetail_screen_new(s->app, l->id));
		return UI_HANDLED;
	default:
		return UI_HANDLED;
	}
}

static void mycases_tick(struct screen *s)
{
	struct mycases *m = s->priv;
	int top = ui_top(s->app) == s;

	if (store_data_version(s->app->db) != m->seen_version || (top && !m->was_top))
		mycases_reload(s);
	m->was_top = top;
}

static void mycases_destroy(struct screen *s)
{
	struct mycases *m = s->priv;

	ll_free(&m->l);
	free(m);
}

static const struct screen_ops mycases_ops = {
	.name = "mycases",
	.actions = mycases_actions,
	.labels = mycases_labels,
	.layout = mycases_layout,
	.draw = mycases_draw,
	.handle = mycases_handle,
	.tick = mycases_tick,
	.destroy = mycases_destroy,
};

struct screen *mycases_screen_new(struct app *app)
{
	struct mycases *m = xcalloc(1, sizeof *m);
	struct screen *s;

	m->l.sel = -1;
	m->was_top = 1;
	s = screen_new(app, &mycases_ops, "我的案件", m);
	s->rows = LINES - 3 >= UI_MIN_ROWS - 3 ? LINES - 3 : UI_MIN_ROWS - 3;
	s->cols = COLS >= UI_MIN_COLS ? COLS : UI_MIN_COLS;
	mycases_reload(s);
	return s;
}

/* ---- the agenda ------------------------------------------------------------------ */

struct agenda_screen {
	struct linelist l;
	int week;            /* 1: week view */
	tj_day day;          /* the day shown, or a day of the week shown */
	int64_t seen_version;
	int was_top;
};

static const enum ui_action agenda_actions[] = {UA_ENTER, UA_VIEW, UA_TODAY, UA_LEFT, UA_RIGHT, UA_REFRESH,
						UA_BACK, UA_PGUP, UA_PGDN, UA_NONE};
static const struct ui_label agenda_labels[] = {
	{UA_VIEW, "日/周", "在日视图和周视图之间切换"},
	{UA_LEFT, NULL, "前一天（周视图：前一周）"},
	{UA_RIGHT, NULL, "后一天（周视图：后一周）"},
	{UA_NONE, NULL, NULL},
};

static void agenda_range(const struct agenda_screen *g, tj_day *from, tj_day *to)
{
	if (g->week) {
		*from = g->day - (date_weekday(g->day) - 1);
		*to = *from + 6;
	} else {
		*from = *to = g->day;
	}
}

static void agenda_reload(struct screen *s)
{
	struct agenda_screen *g = s->priv;
	struct app *app = s->app;
	struct agenda ag;
	tj_day from, to, today = tj_today();
	char f[11], t[11], buf[96];
	struct ll_line *was = ll_selected(&g->l);
	int64_t id = was ? was->id : 0;
	int all = app->actor.role != ROLE_MEDIATOR;

	agenda_range(g, &from, &to);
	date_format(from, f);
	date_format(to, t);
	ll_clear(&g->l);
	int r = agenda_load(app->db, &app->actor, 0, f, t, &ag);
	g->seen_version = store_data_version(app->db);
	if (r < 0) {
		ui_error(app);
		ll_text(&g->l, US_ERROR, tj_errmsg());
		return;
	}
	if (g->week)
		ll_cell(ll_add(&g->l, LL_TEXT, US_LABEL), 0, 1, "周视图  %s 至 %s  共 %d 场%s", f, t, ag.n,
			all ? "（全部调解员）" : "");
	else
		ll_cell(ll_add(&g->l, LL_TEXT, US_LABEL), 0, 1, "日视图%s", all ? "（全部调解员）" : "");
	int k = 0;
	for (tj_day d = from; d <= to; d++) {
		day_title(d, buf, sizeof buf);
		/* this day's sessions */
		char ds[11];
		int n = 0;
		date_format(d, ds);
		for (int i = 0; i < ag.n; i++)
			n += strcmp(ag.v[i].day, ds) == 0;
		ll_cell(ll_add(&g->l, LL_TEXT, d == today ? US_OK : US_HEADER), 0, 1, "%s%s  %d 场", buf,
			d == today ? "（今天）" : "", n);
		if (!n && !g->week)
			ll_cell(ll_add(&g->l, LL_TEXT, US_DIM), 0, 2, "没有安排调解");
		for (; k < ag.n && strcmp(ag.v[k].day, ds) == 0; k++)
			session_line(&g->l, &ag.v[k], all);
	}
	agenda_free(&ag);
	ll_reselect(&g->l, LK_CASE, id);
}

static void agenda_layout(struct screen *s, int rows, int cols)
{
	s->rows = rows;
	s->cols = cols;
}

static void agenda_draw(struct screen *s)
{
	struct agenda_screen *g = s->priv;

	ll_draw(&g->l, 1, rows_of(s), s->cols);
	curs_set(0);
	ui_put(s->rows, 1,
	       g->week ? "左右键：前一周/后一周；t 回到本周；F7 切换为日视图；Enter 打开案件。"
		       : "左右键：前一天/后一天；t 回到今天；F7 切换为周视图；Enter 打开案件。",
	       s->cols - 2, ui_attr(US_DIM), 0);
}

static int agenda_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct agenda_screen *g = s->priv;
	struct ll_line *l;

	(void)ch;
	if (ll_handle(&g->l, a, rows_of(s)))
		return UI_HANDLED;
	switch (a) {
	case UA_BACK:
		return UI_HANDLED | UI_CLOSE;
	case UA_REFRESH:
		agenda_reload(s);
		ui_msg(s->app, US_OK, "已刷新");
		return UI_HANDLED;
	case UA_VIEW:
		g->week = !g->week;
		g->l.top = 0;
		agenda_reload(s);
		return UI_HANDLED;
	case UA_LEFT:
	case UA_RIGHT:
		g->day += (a == UA_LEFT ? -1 : 1) * (g->week ? 7 : 1);
		g->l.top = 0;
		agenda_reload(s);
		return UI_HANDLED;
	case UA_ENTER:
		l = ll_selected(&g->l);
		if (l && l->kind == LK_CASE)
			ui_push(s->app, casedetail_screen_new(s->app, l->id));
		return UI_HANDLED;
	case UA_TODAY:
		g->day = tj_today();
		g->l.top = 0;
		agenda_reload(s);
		return UI_HANDLED;
	default:
		return UI_HANDLED;
	}
}

static void agenda_tick(struct screen *s)
{
	struct agenda_screen *g = s->priv;
	int top = ui_top(s->app) == s;

	if (store_data_version(s->app->db) != g->seen_version || (top && !g->was_top))
		agenda_reload(s);
	g->was_top = top;
}

static void agenda_destroy(struct screen *s)
{
	struct agenda_screen *g = s->priv;

	ll_free(&g->l);
	free(g);
}

static const struct screen_ops agenda_ops = {
	.name = "agenda",
	.actions = agenda_actions,
	.labels = agenda_labels,
	.layout = agenda_layout,
	.draw = agenda_draw,
	.handle = agenda_handle,
	.tick = agenda_tick,
	.destroy = agenda_destroy,
};

struct screen *agenda_screen_new(struct app *app)
{
	struct agenda_screen *g = xcalloc(1, sizeof *g);
	struct screen *s;

	g->l.sel = -1;
	g->was_top = 1;
	g->week = 1;
	g->day = tj_today();
	s = screen_new(app, &agenda_ops, "调解日程", g);
	s->rows = LINES - 3 >= UI_MIN_ROWS - 3 ? LINES - 3 : UI_MIN_ROWS - 3;
	s->cols = COLS >= UI_MIN_COLS ? COLS : UI_MIN_COLS;
	agenda_reload(s);
	return s;
}
