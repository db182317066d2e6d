/*
 * desk.c - the work desk: the entries of the user's role and, beside them,
 * live counts of the case queues (refreshed when another process changes
 * the database, PRAGMA data_version).  Only entries that work are shown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/screens.h"
#include "tiaojie/widgets.h"

enum desk_entry {
	DE_INTAKE,
	DE_CONSULT,
	DE_DRAFTS,
	DE_LOGOUT,
};

struct desk {
	struct form form;
	int64_t seen_version;
	struct {
		const char *label;
		int64_t n;
		enum ui_style style;
	} counts[8];
	int ncounts;
};

static const enum ui_action desk_actions[] = {UA_ENTER, UA_REFRESH, UA_BACK, UA_QUIT, UA_NONE};

static void desk_counts(struct screen *s)
{
	struct desk *d = s->priv;
	struct app *app = s->app;
	char today[11], soon[11];
	int64_t n, due = 0, over = 0;

	date_format(tj_today(), today);
	date_format(tj_today() + app->cfg->due_soon_days, soon);
	d->ncounts = 0;
#define COUNT(lbl, val, st)                                \
	do {                                                \
		d->counts[d->ncounts].label = (lbl);        \
		d->counts[d->ncounts].n = (val);            \
		d->counts[d->ncounts].style = (st);         \
		d->ncounts++;                               \
	} while (0)
	if (app->actor.role == ROLE_MEDIATOR) {
		if (db_count_mediator_open(app->db, app->actor.mediator_id, &n) == 0)
			COUNT("我承办的未结案件", n, US_NORMAL);
		if (db_count_deadlines(app->db, today, soon, app->actor.mediator_id > 0 ? app->actor.mediator_id : -1,
				       &due, &over) == 0) {
			COUNT("即将到期（3天内）", due, due ? US_WARN : US_NORMAL);
			COUNT("已超期", over, over ? US_OVERDUE : US_NORMAL);
		}
	} else {
		if (db_count_status(app->db, "registered", &n) == 0)
			COUNT("登记待确认请求", n, US_NORMAL);
		if (db_count_status(app->db, "confirmed", &n) == 0)
			COUNT("已确认待受理", n, US_NORMAL);
		if (db_count_status(app->db, "accepted", &n) == 0)
			COUNT("已受理待分派", n, US_NORMAL);
		if (db_count_status(app->db, "mediating", &n) == 0)
			COUNT("调解中", n, US_NORMAL);
		if (db_count_deadlines(app->db, today, soon, 0, &due, &over) == 0) {
			COUNT("即将到期（3天内）", due, due ? US_WARN : US_NORMAL);
			COUNT("已超期", over, over ? US_OVERDUE : US_NORMAL);
		}
	}
#undef COUNT
	d->seen_version = db_data_version(app->db);
}

static void desk_build(struct screen *s)
{
	struct desk *d = s->priv;
	struct app *app = s->app;
	struct form_item *it;
	struct draft_list dl;
	char buf[64];
	int focus = d->form.focus;

	form_clear(&d->form);
	if (app->actor.role != ROLE_MEDIATOR) {
		it = form_add(&d->form, FK_ROW, NULL, NULL);
		form_set_text(it, " 1  新申请登记（调解申请书）");
		it->tag = DE_INTAKE;
		it = form_add(&d->form, FK_ROW, NULL, NULL);
		form_set_text(it, " 2  咨询登记");
		it->tag = DE_CONSULT;
	}
	int nd = 0;
	if (db_drafts_of(app->db, app->user.id, &dl) == 0) {
		nd = dl.n;
		draft_list_free(&dl);
	}
	if (nd > 0) {
		it = form_add(&d->form, FK_ROW, NULL, NULL);
		snprintf(buf, sizeof buf, " 3  未完成的草稿（%d 份）", nd);
		form_set_text(it, buf);
		it->tag = DE_DRAFTS;
	}
	it = form_add(&d->form, FK_ROW, NULL, NULL);
	form_set_text(it, " 0  退出登录");
	it->tag = DE_LOGOUT;
	d->form.focus = focus < d->form.n ? focus : 0;
	desk_counts(s);
}

static void desk_layout(struct screen *s, int rows, int cols)
{
	struct desk *d = s->priv;

	s->rows = rows;
	s->cols = cols;
	form_area(&d->form, 3, 2, rows - 3, 36);
}

static void desk_draw(struct screen *s)
{
	struct desk *d = s->priv;
	int x = 42;

	ui_put(2, 2, "工作台", 30, ui_attr(US_HEADER), 0);
	form_draw(&d->form);
	curs_set(0);
	ui_put(2, x, "案件概况", s->cols - x - 1, ui_attr(US_HEADER), 0);
	for (int i = 0; i < d->ncounts && 3 + i < s->rows; i++) {
		char n[32];
		snprintf(n, sizeof n, "%6lld", (long long)d->counts[i].n);
		ui_put(3 + i, x, d->counts[i].label, 22, A_NORMAL, 1);
		ui_put(3 + i, x + 22, n, 8, ui_attr(d->counts[i].style), 0);
	}
	ui_put(s->rows - 1, 2, "用上下键选择，Enter 进入；数字键 1、2、3 直达。", s->cols - 4, ui_attr(US_DIM), 0);
}

static int desk_open(struct screen *s, int tag)
{
	struct app *app = s->app;

	switch (tag) {
	case DE_INTAKE:
		ui_push(app, intake_screen_new(app, NULL, 0));
		break;
	case DE_CONSULT:
		ui_push(app, consult_screen_new(app));
		break;
	case DE_DRAFTS:
		ui_push(app, drafts_screen_new(app));
		break;
	case DE_LOGOUT:
		if (ui_confirm(app, "确定退出登录吗？"))
			app->quit = 1;
		break;
	}
	return UI_HANDLED;
}

static int desk_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct desk *d = s->priv;

	switch (a) {
	case UA_ENTER: {
		struct form_item *it = form_focused(&d->form);
		return it ? desk_open(s, it->tag) : UI_HANDLED;
	}
	case UA_REFRESH:
		desk_build(s);
		ui_msg(s->app, US_OK, "已刷新");
		return UI_HANDLED;
	case UA_BACK:
	case UA_QUIT:
		if (ui_confirm(s->app, "确定退出登录吗？"))
			s->app->quit = 1;
		return UI_HANDLED;
	case UA_NONE:
		for (int i = 0; i < d->form.n; i++) {
			const char *t = d->form.items[i].text;
			if (t && t[1] == (char)ch && ch >= '0' && ch <= '9')
				return desk_open(s, d->form.items[i].tag);
		}
		return UI_HANDLED;
	default:
		form_handle(&d->form, a == UA_NEXT ? UA_DOWN : a == UA_PREV ? UA_UP : a, ch);
		return UI_HANDLED;
	}
}

static void desk_tick(struct screen *s)
{
	struct desk *d = s->priv;

	/* rebuild when someone (this user's other screens included) changed
	 * the database; drafts may have come or gone too */
	if (db_data_version(s->app->db) != d->seen_version || ui_top(s->app) == s)
		desk_build(s);
}

static void desk_destroy(struct screen *s)
{
	struct desk *d = s->priv;

	form_free(&d->form);
	free(d);
}

static const struct screen_ops desk_ops = {
	.name = "desk",
	.actions = desk_actions,
	.layout = desk_layout,
	.draw = desk_draw,
	.handle = desk_handle,
	.tick = desk_tick,
	.destroy = desk_destroy,
};

struct screen *desk_screen_new(struct app *app)
{
	struct desk *d = xcalloc(1, sizeof *d);
	struct screen *s;

	form_init(&d->form);
	s = screen_new(app, &desk_ops, "工作台", d);
	desk_build(s);
	return s;
}
