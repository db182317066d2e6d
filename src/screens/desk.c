/*
 * desk.c - the work desk: the entries of the user's role and, beside them,
 * live counts of the case queues (refreshed when another process changes
 * the database, PRAGMA data_version).  Only entries that work are shown.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/access.h"
#include "tiaojie/screens.h"
#include "tiaojie/search.h"
#include "tiaojie/store.h"
#include "tiaojie/uitext.h"
#include "tiaojie/vocab.h"
#include "tiaojie/widgets.h"

enum desk_entry {
	DE_INTAKE = 100,
	DE_CONSULT,
	DE_SEARCH,
	DE_MINE,
	DE_DRAFTS,
	DE_DASHBOARD,
	DE_BATCH,
	DE_STATS,
	DE_AGENDA,
	DE_ROSTER,
	DE_USERS,
	DE_LOGOUT,
	/* 0 .. Q_COUNT-1: the queues */
};

struct desk {
	struct form form;
	int64_t seen_version;
};

static const enum ui_action desk_actions[] = {UA_ENTER, UA_REFRESH, UA_BACK, UA_QUIT, UA_NONE};
/* Back from the desk is the login screen; only F12 leaves the program. */
static const struct ui_label desk_labels[] = {
	{UA_BACK, "退出登录", "退出登录，回到登录屏幕，换人登录"},
	{UA_QUIT, "退出程序", "退出 tiaojie"},
	{UA_NONE, NULL, NULL},
};

static struct form_item *entry(struct desk *d, int tag, const char *fmt, ...) TJ_PRINTF(3, 4);
static struct form_item *entry(struct desk *d, int tag, const char *fmt, ...)
{
	char buf[200];
	va_list ap;
	struct form_item *it = form_add(&d->form, FK_ROW, NULL, NULL);

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	form_set_text(it, buf);
	it->tag = tag;
	return it;
}

/* The entries of the role, with the live count of each queue.  Keys 1-9
 * are the shortcuts of the first nine entries. */
static void desk_build(struct screen *s)
{
	struct desk *d = s->priv;
	struct app *app = s->app;
	struct draft_list dl;
	int focus = d->form.focus;
	int64_t counts[Q_COUNT] = {0};
	int k = 0;
	int mine = app->actor.role == ROLE_MEDIATOR;

	form_clear(&d->form);
	if (queue_counts(app->db, app->cfg, &app->actor, tj_today(), counts) < 0)
		ui_error(app);
	int nd = 0;
	if (drafts_load(app->db, &app->actor, &dl) == 0) {
		nd = dl.n;
		draft_list_free(&dl);
	}
	if (!mine) {
		entry(d, DE_INTAKE, " %d  新申请登记（%s）", ++k, vocab_label_at(VOCAB_DOC_KIND, DOC_APPLICATION));
		entry(d, DE_CONSULT, " %d  咨询登记", ++k);
		entry(d, DE_SEARCH, " %d  案件查询", ++k);
		if (app->actor.role == ROLE_ADMIN)
			entry(d, DE_DASHBOARD, " %d  统计看板", ++k);
		if (app->actor.role == ROLE_ADMIN || app->cfg->clerk_may_assign)
			entry(d, DE_BATCH, " %d  批量分派调解员", ++k);
		if (app->actor.role == ROLE_ADMIN)
			entry(d, DE_STATS, " %d  统计与导出（Excel）", ++k);
		entry(d, DE_AGENDA, " %d  调解日程（各调解室安排）", ++k);
		if (app->actor.role == ROLE_ADMIN) {
			entry(d, DE_ROSTER, " %d  调解员名册", ++k);
			entry(d, DE_USERS, " %d  账号管理", ++k);
		}
	} else {
		entry(d, DE_MINE, " %d  我的案件（今日调解安排）", ++k);
		entry(d, DE_AGENDA, " %d  调解日程（日/周）", ++k);
		entry(d, DE_SEARCH, " %d  案件查询", ++k);
	}
	if (nd > 0)
		entry(d, DE_DRAFTS, " %d  未完成的草稿（%d 份）", ++k, nd);
	form_add(&d->form, FK_SECTION, NULL, "案件队列");
	for (int q = Q_AWAIT_CONFIRM; q < Q_COUNT; q++) {
		if (mine && (q == Q_AWAIT_CONFIRM || q == Q_AWAIT_ACCEPT || q == Q_AWAIT_ASSIGN))
			continue;
		/* pad by display columns, not bytes: the names are Chinese */
		char pad[32];
		int w = 14 - tw_width(queue_name(q));
		snprintf(pad, sizeof pad, "%*s", w > 0 ? w : 0, "");
		struct form_item *e = entry(d, q, "    %s%s%6lld", queue_name(q), pad, (long long)counts[q]);
		e->text_style = !counts[q] ? US_NORMAL : q == Q_OVERDUE ? US_OVERDUE
						: q == Q_DUE_SOON || q == Q_FOLLOWUP || q == Q_UNSERVED ? US_WARN
						: US_NORMAL;
	}
	entry(d, DE_LOGOUT, " 0  退出登录");
	d->form.focus = focus < d->form.n && d->form.items[focus].kind == FK_ROW ? focus : 0;
	d->seen_version = store_data_version(app->db);
}

static void desk_layout(struct screen *s, int rows, int cols)
{
	struct desk *d = s->priv;

	s->rows = rows;
	s->cols = cols;
	form_area(&d->form, 3, 2, rows - 3, 50);
}

static void desk_draw(struct screen *s)
{
	struct desk *d = s->priv;

	ui_put(2, 2, "工作台", 30, ui_attr(US_HEADER), 0);
	form_draw(&d->form);
	curs_set(0);
	ui_put(s->rows, 2, "上下键选择，Enter 进入；数字键直达。队列数字随他人的办理即时更新。", s->cols - 4,
	       ui_attr(US_DIM), 0);
}

static int desk_open(struct screen *s, int tag)
{
	struct app *app = s->app;

	if (tag >= 0 && tag < Q_COUNT) {
		ui_push(app, caselist_screen_new(app, tag, NULL));
		return UI_HANDLED;
	}
	switch (tag) {
	case DE_SEARCH:
		ui_push(app, caselist_screen_new(app, 0, NULL));
		break;
	case DE_MINE:
		ui_push(app, mycases_screen_new(app));
		break;
	case DE_AGENDA:
		ui_push(app, agenda_screen_new(app));
		break;
	case DE_STATS:
		ui_push(app, stats_screen_new(app));
		break;
	case DE_ROSTER:
		ui_push(app, roster_screen_new(app));
		break;
	case DE_USERS:
		ui_push(app, users_screen_new(app));
		break;
	case DE_INTAKE:
		ui_push(app, intake_screen_new(app, NULL, 0));
		break;
	case DE_CONSULT:
		ui_push(app, consult_screen_new(app));
		break;
	case DE_DRAFTS:
		ui_push(app, drafts_screen_new(app));
		break;
	case DE_DASHBOARD:
		ui_push(app, dashboard_screen_new(app));
		break;
	case DE_BATCH:
		ui_push(app, batch_assign_screen_new(app));
		break;
	case DE_LOGOUT:
		if (ui_confirm(app, "确定退出登录吗？"))
			ui_logout(app);
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
		/* back from the desk is the login screen, for the next user */
		if (ui_confirm(s->app, "确定退出登录吗？"))
			ui_logout(s->app);
		return UI_HANDLED;
	case UA_QUIT:
		if (ui_confirm(s->app, "确定退出 tiaojie 吗？"))
			s->app->quit = 1;
		return UI_HANDLED;
	case UA_NONE:
		for (int i = 0; i < d->form.n; i++) {
			const char *t = d->form.items[i].text;
			if (d->form.items[i].kind == FK_ROW && t && t[1] == (char)ch && ch >= '0' && ch <= '9' &&
			    (t[2] == ' '))
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
	if (store_data_version(s->app->db) != d->seen_version || ui_top(s->app) == s)
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
	.labels = desk_labels,
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
