/*
 * caselist.c - the case list (案件查询): a search line, the filters in
 * force, and one page of cases at a time with their deadlines highlighted
 * (overdue, due soon, stalled, follow-up due).  Typing searches at once:
 * case number, a party's name, an identity number, an employer's name or
 * credit code, a phone number.  Enter opens the case.  The list refreshes
 * when someone else changes the database.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tiaojie/access.h"
#include "tiaojie/intake.h"
#include "tiaojie/screens.h"
#include "tiaojie/search.h"
#include "tiaojie/store.h"
#include "tiaojie/uitext.h"
#include "tiaojie/widgets.h"

struct caselist {
	struct ui_edit search;
	struct case_filter f;
	char *text;          /* the search text in force */
	char cause[8], from[11], to[11];
	struct case_list list;
	int sel;             /* index in the whole result (0..total-1) */
	int page_rows;
	int64_t seen_version, seen_changes; /* the data as loaded: others' commits, ours */
	tj_day seen_day;     /* the day it was loaded (the deadline highlights) */
	int64_t typed_at;    /* a search waiting for more typing (ui_now_ms), 0 none */
	char title[64];
};

/* How long a one-character search waits for a second character. */
#define SEARCH_WAIT_MS 400

static const enum ui_action caselist_actions[] = {UA_ENTER, UA_PICK, UA_REFRESH, UA_BACK,
						  UA_PGUP,  UA_PGDN, UA_NONE};

static void load(struct screen *s)
{
	struct caselist *cl = s->priv;
	struct app *app = s->app;

	free(cl->text);
	cl->text = edit_get(&cl->search);
	cl->f.text = cl->text;
	if (cl->page_rows < 1)
		cl->page_rows = 10;
	if (cl->sel < 0)
		cl->sel = 0;
	cl->f.limit = cl->page_rows;
	cl->f.offset = cl->sel / cl->page_rows * cl->page_rows;
	/* a search the next key makes pointless (one character scans a
	 * large court's cases) gives way to it: the list shown stays, and the
	 * search runs again when the typing stops */
	struct case_list fresh = {0};
	store_yield_to_input(app->db, STDIN_FILENO);
	int rc = case_search(app->db, app->cfg, &app->actor, tj_today(), &cl->f, &fresh);
	if (rc == 0 && fresh.total > 0 && cl->sel >= fresh.total) {
		cl->sel = (int)fresh.total - 1;
		cl->f.offset = cl->sel / cl->page_rows * cl->page_rows;
		case_list_free(&fresh);
		rc = case_search(app->db, app->cfg, &app->actor, tj_today(), &cl->f, &fresh);
	}
	int gave_way = rc < 0 && store_interrupted(app->db);
	store_yield_to_input(app->db, -1);
	if (rc < 0) {
		case_list_free(&fresh);
		if (gave_way) {
			cl->typed_at = ui_now_ms();
			ui_wake_after(app, SEARCH_WAIT_MS);
		} else {
			ui_error(app);
		}
		return;
	}
	case_list_free(&cl->list);
	cl->list = fresh;
	cl->seen_version = store_data_version(app->db);
	cl->seen_changes = store_own_changes(app->db);
	cl->seen_day = tj_today();
	cl->typed_at = 0; /* whatever was typed is searched now */
}

static void caselist_layout(struct screen *s, int rows, int cols)
{
	struct caselist *cl = s->priv;
	int old = cl->page_rows;

	s->rows = rows;
	s->cols = cols;
	cl->page_rows = rows - 4;
	if (cl->page_rows != old && old > 0)
		load(s);
}

static const char *status_cell(const struct case_brief *b)
{
	if (b->status == ST_AGREED && b->perf != PERF_NONE && b->perf != PERF_PENDING)
		return perf_name(b->perf);
	return status_name(b->status);
}

static void deadline_cell(const struct case_brief *b, char *buf, size_t n, enum ui_style *st)
{
	*st = US_NORMAL;
	if (b->followup) {
		snprintf(buf, n, "待回访");
		*st = US_WARN;
	} else if (!b->deadline[0] || !status_is_open(b->status)) {
		snprintf(buf, n, "-");
	} else if (b->overdue) {
		snprintf(buf, n, "超%d天", -b->days_left);
		*st = US_OVERDUE;
	} else if (b->due_soon) {
		snprintf(buf, n, b->days_left == 0 ? "今日到期" : "余%d天", b->days_left);
		*st = US_WARN;
	} else {
		snprintf(buf, n, "余%d天", b->days_left);
	}
	if (b->stalled && *st == US_NORMAL)
		*st = US_DIM;
}

static void filter_summary(struct caselist *cl, char *buf, size_t n)
{
	static const char *const sorts[] = {"收件日期（新在前）", "期限（近在前）", "案件编号", "最久未推进"};
	struct strbuf sb;

	sb_init(&sb);
	if (cl->f.queue != Q_NONE)
		sb_printf(&sb, "队列：%s  ", queue_name(cl->f.queue));
	if (cl->f.status >= 0)
		sb_printf(&sb, "状态：%s  ", status_name(cl->f.status));
	if (cl->f.channel) {
		const char *ch = channel_name(cl->f.channel);
		sb_printf(&sb, "渠道：%s  ", ch ? ch : cl->f.channel);
	}
	if (cl->f.cause)
		sb_printf(&sb, "案由：%s  ", cl->f.cause);
	if (cl->f.mediator_id)
		sb_add(&sb, "指定调解员  ");
	if (cl->f.from || cl->f.to)
		sb_printf(&sb, "收件：%s 至 %s  ", cl->f.from ? cl->f.from : "", cl->f.to ? cl->f.to : "");
	sb_printf(&sb, "排序：%s", sorts[cl->f.sort]);
	snprintf(buf, n, "%s", sb.buf);
	sb_free(&sb);
}

static void caselist_draw(struct screen *s)
{
	struct caselist *cl = s->priv;
	char buf[512];
	int w = s->cols;
	/* columns: case number 23, status 8, received 10, deadline 8, then
	 * the applicant as wide as the widest on the page (6 to 16 columns)
	 * and the respondent the rest: the names are what the clerk looks
	 * for, so they get every column left over */
	int c_no = 1, c_st = 25, c_rc = 34, c_dl = 45, c_ap = 54;
	int aw = 6;
	for (int i = 0; i < cl->list.n && i < cl->page_rows; i++) {
		int nw = tw_width(cl->list.v[i].applicant);
		if (nw > aw)
			aw = nw;
	}
	if (aw > 16)
		aw = 16;
	int c_rs = c_ap + aw + 2;
	int rw = w - c_rs - 1;

	filter_summary(cl, buf, sizeof buf);
	ui_put(2, 1, buf, w - 2, ui_attr(US_DIM), 0);
	snprintf(buf, sizeof buf, "共 %lld 件", (long long)cl->list.total);
	ui_put(1, w - 1 - tw_width(buf), buf, tw_width(buf), A_BOLD, 0);
	ui_fill(3, 0, w, ui_attr(US_HEADER));
	ui_put(3, c_no, "案件编号", 23, ui_attr(US_HEADER), 0);
	ui_put(3, c_st, "状态", 8, ui_attr(US_HEADER), 0);
	ui_put(3, c_rc, "收件日期", 10, ui_attr(US_HEADER), 0);
	ui_put(3, c_dl, "期限", 8, ui_attr(US_HEADER), 0);
	ui_put(3, c_ap, "申请人", aw, ui_attr(US_HEADER), 0);
	ui_put(3, c_rs, w >= 100 ? "被申请人 / 调解员" : "被申请人", rw, ui_attr(US_HEADER), 0);
	for (int i = 0; i < cl->list.n && i < cl->page_rows; i++) {
		struct case_brief *b = &cl->list.v[i];
		int y = 4 + i;
		int selected = cl->f.offset + i == cl->sel;
		attr_t base = selected ? ui_attr(US_SELECTED) : A_NORMAL;
		enum ui_style dst;
		char dl[32];
		ui_fill(y, 0, w, base);
		ui_put(y, c_no, b->case_no, 23, base, 0);
		ui_put(y, c_st, status_cell(b), 8, base, 0);
		ui_put(y, c_rc, b->received, 10, base, 0);
		deadline_cell(b, dl, sizeof dl, &dst);
		ui_put(y, c_dl, dl, 8, selected ? base : ui_attr(dst), 0);
		ui_put(y, c_ap, b->applicant, aw, base, 0);
		if (w >= 100 && b->mediator[0]) {
			snprintf(buf, sizeof buf, "%s / %s", b->respondent, b->mediator);
			ui_put(y, c_rs, buf, rw, base, 0);
		} else {
			ui_put(y, c_rs, b->respondent, rw, base, 0);
		}
		if (b->collective)
			ui_put(y, c_rs - 1, "*", 1, base | A_BOLD, 0);
	}
	int pw = 0; /* the page number's columns at the right of the last line */
	if (cl->list.total == 0)
		ui_put(5, 2, cl->text && *cl->text ? "没有符合的案件" : "没有案件", w - 4, ui_attr(US_WARN), 0);
	else if (cl->list.total > cl->page_rows) {
		snprintf(buf, sizeof buf, "第 %d/%d 页", cl->f.offset / cl->page_rows + 1,
			 (int)((cl->list.total + cl->page_rows - 1) / cl->page_rows));
		pw = tw_width(buf);
		ui_put(s->rows, w - 1 - pw, buf, pw, ui_attr(US_DIM), 0);
	}
	/* the selected case's names in full below the list, for those cut
	 * in their columns (and everything about it by Enter) */
	int si = cl->sel - cl->f.offset;
	if (si >= 0 && si < cl->list.n && si < cl->page_rows) {
		struct case_brief *b = &cl->list.v[si];
		snprintf(buf, sizeof buf, "申请人 %s  被申请人 %s%s%s", b->applicant, b->respondent,
			 b->mediator[0] ? "  调解员 " : "", b->mediator);
		ui_put(s->rows, 1, buf, w - 2 - (pw ? pw + 2 : 0), ui_attr(US_DIM), 0);
	}
	ui_put(1, 1, "查找：", 6, A_BOLD, 0);
	edit_draw(&cl->search, 1, 7, w - 20 > 50 ? 50 : w - 20, 1, 1);
}

static void move_sel(struct screen *s, int to)
{
	struct caselist *cl = s->priv;
	int old_page = cl->sel / cl->page_rows;

	if (to >= cl->list.total)
		to = (int)cl->list.total - 1;
	if (to < 0)
		to = 0;
	cl->sel = to;
	if (cl->sel / cl->page_rows != old_page)
		load(s);
}

/* ---- the filter dialog ----------------------------------------------------- */

static const char *const sort_choices[] = {"收件日期（新在前）", "期限（近在前）", "案件编号", "最久未推进"};

struct filter_dialog {
	struct form form;
	char *snap; /* the conditions as the dialog opened */
	struct screen *list;
	struct mediator_choices meds;
	const char **med_names;
	/* the choices of queue, status and channel (vocab.h), 全部 first */
	const char **queue_names, **status_names, **channel_names;
};

static const enum ui_action filter_actions[] = {UA_SAVE, UA_BACK, UA_NEXT, UA_PREV, UA_ENTER, UA_NONE};

static int filter_text_input(struct screen *s)
{
	struct filter_dialog *fd = s->priv;

	return form_text_input(&fd->form);
}

static void filter_layout(struct screen *s, int rows, int cols)
{
	struct filter_dialog *fd = s->priv;

	s->rows = rows;
	s->cols = cols;
	fd->form.label_w = 10;
	form_area(&fd->form, rows / 2 - 4, 10, 9, cols - 20);
	fd->form.field_w = 24;
}

static void filter_draw(struct screen *s)
{
	struct filter_dialog *fd = s->priv;

	ui_box(s->rows / 2 - 6, 8, 14, s->cols - 16, "筛选与排序");
	ui_put(s->rows / 2 + 6, 10, "左右键切换选项；F2/^S 应用，Esc 取消", s->cols - 20, ui_attr(US_DIM), 0);
	form_draw(&fd->form);
}

static int filter_apply(struct screen *s)
{
	struct filter_dialog *fd = s->priv;
	struct caselist *cl = fd->list->priv;
	char *cause = edit_get(&form_find(&fd->form, "cause")->edit);
	char *from = edit_get(&form_find(&fd->form, "from")->edit);
	char *to = edit_get(&form_find(&fd->form, "to")->edit);
	tj_day d;
	int bad = 0;

	for (int i = 0; i < fd->form.n; i++)
		fd->form.items[i].msg[0] = '\0';
	if (*cause && (strlen(cause) != 2 && strlen(cause) != 4)) {
		form_set_msg(form_find(&fd->form, "cause"), US_ERROR, "应为2位或4位代码");
		bad = 1;
	}
	if (*from && date_parse(from, &d) < 0) {
		form_set_msg(form_find(&fd->form, "from"), US_ERROR, "%s", tj_errmsg());
		bad = 1;
	}
	if (*to && date_parse(to, &d) < 0) {
		form_set_msg(form_find(&fd->form, "to"), US_ERROR, "%s", tj_errmsg());
		bad = 1;
	}
	if (bad) {
		form_show_errors(&fd->form, s->app);
		free(cause);
		free(from);
		free(to);
		return UI_HANDLED;
	}
	cl->f.status = form_find(&fd->form, "status")->choice - 1;
	cl->f.queue = (enum queue)form_find(&fd->form, "queue")->choice;
	cl->f.channel = vocab_code_at(VOCAB_CHANNEL, form_find(&fd->form, "channel")->choice - 1);
	cl->f.sort = (enum case_sort)form_find(&fd->form, "sort")->choice;
	struct form_item *mi = form_find(&fd->form, "mediator");
	cl->f.mediator_id = mi && mi->choice > 0 ? fd->meds.v[mi->choice - 1].id : 0;
	snprintf(cl->cause, sizeof cl->cause, "%s", cause);
	snprintf(cl->from, sizeof cl->from, "%s", from);
	snprintf(cl->to, sizeof cl->to, "%s", to);
	cl->f.cause = cl->cause[0] ? cl->cause : NULL;
	cl->f.from = cl->from[0] ? cl->from : NULL;
	cl->f.to = cl->to[0] ? cl->to : NULL;
	cl->sel = 0;
	free(cause);
	free(from);
	free(to);
	load(fd->list);
	return UI_HANDLED | UI_CLOSE;
}

static int filter_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct filter_dialog *fd = s->priv;

	if (a == UA_BACK) {
		if (form_changed(&fd->form, fd->snap)) {
			int ans = ui_ask_unsaved(s->app, "筛选条件");
			if (ans == UI_SAVE)
				return filter_apply(s); /* stays open when a condition is wrong */
			if (ans != UI_DISCARD)
				return UI_HANDLED;
		}
		return UI_HANDLED | UI_CLOSE;
	}
	if (a == UA_SAVE)
		return filter_apply(s);
	if (a == UA_ENTER) {
		struct form_item *it = form_focused(&fd->form);
		if (it && it->id && !strcmp(it->id, "to"))
			return filter_apply(s);
	}
	form_handle(&fd->form, a, ch);
	return UI_HANDLED;
}

static void filter_destroy(struct screen *s)
{
	struct filter_dialog *fd = s->priv;

	form_free(&fd->form);
	free(fd->snap);
	mediator_choices_free(&fd->meds);
	free(fd->med_names);
	free(fd->queue_names);
	free(fd->status_names);
	free(fd->channel_names);
	free(fd);
}

static const struct screen_ops filter_ops = {
	.name = "filter", .actions = filter_actions, .overlay = 1, .text_input = filter_text_input,
	.layout = filter_layout, .draw = filter_draw, .handle = filter_handle, .destroy = filter_destroy,
};

static void open_filter(struct screen *s)
{
	struct caselist *cl = s->priv;
	struct filter_dialog *fd = xcalloc(1, sizeof *fd);
	struct form_item *it;

	fd->list = s;
	form_init(&fd->form);
	it = form_add(&fd->form, FK_CHOICE, "queue", "队列");
	fd->queue_names = vocab_choices(VOCAB_QUEUE, "全部", &it->nchoices);
	it->choices = fd->queue_names;
	it->choice = cl->f.queue;
	it = form_add(&fd->form, FK_CHOICE, "status", "状态");
	fd->status_names = vocab_choices(VOCAB_STATUS, "全部", &it->nchoices);
	it->choices = fd->status_names;
	it->choice = cl->f.status + 1;
	it = form_add(&fd->form, FK_CHOICE, "channel", "渠道");
	fd->channel_names = vocab_choices(VOCAB_CHANNEL, "全部", &it->nchoices);
	it->choices = fd->channel_names;
	it->choice = vocab_index(VOCAB_CHANNEL, cl->f.channel) + 1; /* 0: 全部 */
	if (s->app->actor.role != ROLE_MEDIATOR && mediator_choices_load(s->app->db, &s->app->actor, &fd->meds) == 0) {
		fd->med_names = xcalloc((size_t)fd->meds.n + 2, sizeof *fd->med_names);
		fd->med_names[0] = "全部";
		for (int i = 0; i < fd->meds.n; i++)
			fd->med_names[i + 1] = fd->meds.v[i].name;
		it = form_add(&fd->form, FK_CHOICE, "mediator", "调解员");
		it->choices = fd->med_names;
		it->nchoices = fd->meds.n + 1;
		for (int i = 0; i < fd->meds.n; i++)
			if (fd->meds.v[i].id == cl->f.mediator_id)
				it->choice = i + 1;
	}
	it = form_add(&fd->form, FK_TEXT, "cause", "案由代码");
	it->edit.max = 4;
	edit_set(&it->edit, cl->cause);
	it = form_add(&fd->form, FK_TEXT, "from", "收件起");
	it->edit.max = 10;
	edit_set(&it->edit, cl->from);
	it = form_add(&fd->form, FK_TEXT, "to", "收件止");
	it->edit.max = 10;
	edit_set(&it->edit, cl->to);
	it = form_add(&fd->form, FK_CHOICE, "sort", "排序");
	it->choices = sort_choices;
	it->nchoices = (int)TJ_ARRAY_LEN(sort_choices);
	it->choice = cl->f.sort;
	fd->snap = form_snapshot(&fd->form);
	ui_push(s->app, screen_new(s->app, &filter_ops, NULL, fd));
}

/* ---- handling --------------------------------------------------------------- */

static int caselist_text_input(struct screen *s)
{
	(void)s;
	return 1;
}

static int caselist_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct caselist *cl = s->priv;

	/* moving in or opening from a list the search line no longer
	 * describes: search first */
	if (cl->typed_at && (a == UA_DOWN || a == UA_UP || a == UA_NEXT || a == UA_PREV || a == UA_PGDN ||
			     a == UA_PGUP || a == UA_ENTER))
		load(s);
	switch (a) {
	case UA_BACK:
		return UI_HANDLED | UI_CLOSE;
	case UA_REFRESH:
		load(s);
		ui_msg(s->app, US_OK, "已刷新");
		return UI_HANDLED;
	case UA_PICK:
		open_filter(s);
		return UI_HANDLED;
	case UA_DOWN:
	case UA_NEXT:
		move_sel(s, cl->sel + 1);
		return UI_HANDLED;
	case UA_UP:
	case UA_PREV:
		move_sel(s, cl->sel - 1);
		return UI_HANDLED;
	case UA_PGDN:
		move_sel(s, cl->sel + cl->page_rows);
		return UI_HANDLED;
	case UA_PGUP:
		move_sel(s, cl->sel - cl->page_rows);
		return UI_HANDLED;
	case UA_ENTER: {
		int i = cl->sel - cl->f.offset;
		if (i >= 0 && i < cl->list.n)
			ui_push(s->app, casedetail_screen_new(s->app, cl->list.v[i].id));
		return UI_HANDLED;
	}
	default:
		break;
	}
	int edited = edit_handle(&cl->search, a, ch, 50);
	edit_report_refused(&cl->search, "查找");
	if (edited == 1) {
		cl->sel = 0;
		/* one character matches a great part of a large court's cases
		 * and no index helps: wait a moment for the next one */
		char *t = edit_get(&cl->search);
		int scans = search_text_scans(t);
		free(t);
		if (scans) {
			cl->typed_at = ui_now_ms();
			ui_wake_after(s->app, SEARCH_WAIT_MS);
		} else {
			cl->typed_at = 0;
			load(s);
		}
	}
	return UI_HANDLED;
}

static void caselist_tick(struct screen *s)
{
	struct caselist *cl = s->priv;

	if (cl->typed_at) {
		int64_t waited = ui_now_ms() - cl->typed_at;
		if (waited < SEARCH_WAIT_MS) /* still typing, perhaps */
			ui_wake_after(s->app, (int)(SEARCH_WAIT_MS - waited));
		else
			load(s);
		return;
	}
	/* another process committed, this one changed something (in a case
	 * opened from the list), or a new day moved the deadlines - not every
	 * second, which at a million cases would repeat a slow search */
	if (store_data_version(s->app->db) != cl->seen_version || store_own_changes(s->app->db) != cl->seen_changes ||
	    tj_today() != cl->seen_day)
		load(s);
}

static void caselist_destroy(struct screen *s)
{
	struct caselist *cl = s->priv;

	edit_free(&cl->search);
	case_list_free(&cl->list);
	free(cl->text);
	free(cl);
}

static const struct screen_ops caselist_ops = {
	.name = "caselist",
	.actions = caselist_actions,
	.text_input = caselist_text_input,
	.layout = caselist_layout,
	.draw = caselist_draw,
	.handle = caselist_handle,
	.tick = caselist_tick,
	.destroy = caselist_destroy,
};

struct screen *caselist_screen_new(struct app *app, int queue, const char *text)
{
	struct caselist *cl = xcalloc(1, sizeof *cl);
	enum queue q = (enum queue)queue;
	struct screen *s;

	edit_init(&cl->search, 40, 0);
	if (text)
		edit_set(&cl->search, text);
	cl->f.status = -1;
	cl->f.queue = q;
	cl->f.sort = q == Q_DUE_SOON || q == Q_OVERDUE ? SORT_DEADLINE : q == Q_STALLED ? SORT_LAST_EVENT
												  : SORT_RECEIVED_DESC;
	cl->page_rows = 10;
	snprintf(cl->title, sizeof cl->title, "%s", q == Q_NONE ? "案件查询" : queue_name(q));
	s = screen_new(app, &caselist_ops, cl->title, cl);
	s->ops->layout(s, LINES - 3 >= UI_MIN_ROWS - 3 ? LINES - 3 : UI_MIN_ROWS - 3,
		       COLS >= UI_MIN_COLS ? COLS : UI_MIN_COLS);
	load(s);
	return s;
}
