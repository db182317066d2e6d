/*
 * listpick.c - the pickers F4 opens on a form field other than a cause:
 * the court's districts for 所在区 ([court] districts of the
 * configuration) and the employer search for 单位名称 (employer_search,
 * by a part of the name or a whole credit code); and a list of lines the
 * caller makes (itempick_screen_new: which session a 调解通知书 is for,
 * which document and party a 送达回证).
 *
 * Both are one screen: a filter line typed into, a list below it that
 * follows the typing, Up/Down/PgUp/PgDn to choose, Enter to pick, Esc to
 * go back with the field as it was.  They are modelled on the cause
 * picker (causepick.c), which has two panes for its two levels.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/screens.h"
#include "tiaojie/search.h"
#include "tiaojie/uitext.h"
#include "tiaojie/widgets.h"

/* Employers listed at most; more are narrowed by typing. */
#define EMPLOYERS_SHOWN 50
#define FILTER_W 40

enum pick_kind { PK_DISTRICT, PK_EMPLOYER, PK_ITEMS };

struct listpick {
	enum pick_kind kind;
	struct ui_edit filter;
	int sel, scroll;
	/* districts: indexes into cfg->districts that match the filter */
	int shown[CONFIG_MAX_DISTRICTS];
	int nshown;
	/* employers: the matches of the filter */
	struct employer_matches m;
	int searched; /* the filter was long enough to search */
	/* items: the lines, the indexes of those that match the filter */
	char **items, *hint, *header;
	int nitems, *ishown, nishown;
	void (*picked_district)(void *ctx, const char *district);
	void (*picked_employer)(void *ctx, const struct employer_full *e);
	void (*picked_item)(void *ctx, int index);
	void (*ctx_free)(void *ctx);
	void *ctx;
};

static const enum ui_action listpick_actions[] = {UA_ENTER, UA_BACK, UA_NONE};

static int count(const struct listpick *p)
{
	return p->kind == PK_DISTRICT ? p->nshown : p->kind == PK_ITEMS ? p->nishown : p->m.n;
}

static void list_refresh(struct screen *s)
{
	struct listpick *p = s->priv;
	const struct config *cfg = s->app->cfg;
	char *f = edit_get(&p->filter);

	if (p->kind == PK_ITEMS) {
		p->nishown = 0;
		for (int i = 0; i < p->nitems; i++)
			if (!*f || strstr(p->items[i], f))
				p->ishown[p->nishown++] = i;
	} else if (p->kind == PK_DISTRICT) {
		p->nshown = 0;
		for (int i = 0; i < cfg->ndistricts; i++)
			if (!*f || strstr(cfg->districts[i], f))
				p->shown[p->nshown++] = i;
	} else {
		employer_matches_free(&p->m);
		p->searched = utf8_chars(f) >= EMPLOYER_SEARCH_MIN_CHARS;
		if (employer_search(s->app->db, &s->app->actor, f, EMPLOYERS_SHOWN, &p->m) < 0)
			ui_error(s->app);
	}
	p->sel = 0;
	p->scroll = 0;
	free(f);
}

static int listpick_text_input(struct screen *s)
{
	(void)s;
	return 1;
}

static void listpick_layout(struct screen *s, int rows, int cols)
{
	s->rows = rows;
	s->cols = cols;
}

/* Rows of the list: from line 4 to the line above the status line. */
static int list_rows(const struct screen *s)
{
	return s->rows - 4;
}

static void draw_employer(struct screen *s, int y, const struct employer_full *e, attr_t a)
{
	int cw = 18, dw = 10, nw = s->cols - 4 - cw - dw - 2;

	if (a != A_NORMAL)
		ui_fill(y, 1, s->cols - 2, a);
	ui_put(y, 2, e->name, nw, a, 0);
	ui_put(y, 2 + nw + 1, e->district, dw, a, 0);
	ui_put(y, 2 + nw + 1 + dw + 1, e->uscc[0] ? e->uscc : "（无信用代码）", cw, a, 0);
}

static void listpick_draw(struct screen *s)
{
	struct listpick *p = s->priv;
	const struct config *cfg = s->app->cfg;
	int h = list_rows(s), n = count(p);
	char status[200];

	ui_put(1, 2, "查找：", 6, A_BOLD, 0);
	if (p->kind == PK_ITEMS) {
		ui_put(2, 2, "输入文字筛选；上下键选择，Enter 选定，Esc 取消", s->cols - 4, ui_attr(US_DIM), 0);
		ui_put(3, 2, p->header, s->cols - 4, ui_attr(US_HEADER), 1);
	} else if (p->kind == PK_DISTRICT) {
		ui_put(2, 2, "输入区名中的字筛选；上下键选择，Enter 选定，Esc 取消", s->cols - 4, ui_attr(US_DIM), 0);
		ui_put(3, 2, "所在区（本院辖区）", s->cols - 4, ui_attr(US_HEADER), 1);
	} else {
		int cw = 18, dw = 10, nw = s->cols - 4 - cw - dw - 2;
		ui_put(2, 2, "单位名称中的两个字以上或完整信用代码；上下键选择，Enter 调入，Esc 取消",
		       s->cols - 4, ui_attr(US_DIM), 0);
		ui_fill(3, 2, s->cols - 4, ui_attr(US_HEADER));
		ui_put(3, 2, "单位名称", nw, ui_attr(US_HEADER), 0);
		ui_put(3, 2 + nw + 1, "所在区", dw, ui_attr(US_HEADER), 0);
		ui_put(3, 2 + nw + 1 + dw + 1, "信用代码", cw, ui_attr(US_HEADER), 0);
	}
	if (p->sel < p->scroll)
		p->scroll = p->sel;
	if (p->sel >= p->scroll + h)
		p->scroll = p->sel - h + 1;
	for (int i = p->scroll; i < n && i - p->scroll < h; i++) {
		attr_t a = i == p->sel ? ui_attr(US_SELECTED) : A_NORMAL;
		int y = 4 + i - p->scroll;
		if (p->kind == PK_ITEMS) {
			if (a != A_NORMAL)
				ui_fill(y, 1, s->cols - 2, a);
			ui_put(y, 2, p->items[p->ishown[i]], s->cols - 4, a, 0);
		} else if (p->kind == PK_DISTRICT) {
			if (a != A_NORMAL)
				ui_fill(y, 1, s->cols - 2, a);
			ui_put(y, 2, cfg->districts[p->shown[i]], s->cols - 4, a, 0);
		} else {
			draw_employer(s, y, &p->m.v[i], a);
		}
	}
	if (p->kind == PK_ITEMS) {
		if (n == 0)
			snprintf(status, sizeof status, "没有符合的项");
		else
			snprintf(status, sizeof status, "共 %d 项%s%s", n, *p->hint ? "；" : "", p->hint);
		ui_put(s->rows, 2, status, s->cols - 4, ui_attr(n ? US_DIM : US_WARN), 0);
	} else if (p->kind == PK_DISTRICT) {
		if (cfg->ndistricts == 0)
			snprintf(status, sizeof status, "没有配置辖区列表（配置文件 [court] districts），请直接输入");
		else if (n == 0)
			snprintf(status, sizeof status, "没有符合的区");
		else
			snprintf(status, sizeof status, "共 %d 个区", n);
		ui_put(s->rows, 2, status, s->cols - 4, ui_attr(n ? US_DIM : US_WARN), 0);
	} else {
		if (!p->searched)
			snprintf(status, sizeof status, "请输入至少 %d 个字", EMPLOYER_SEARCH_MIN_CHARS);
		else if (n == 0)
			snprintf(status, sizeof status, "档案中没有符合的用人单位");
		else if (p->m.more)
			snprintf(status, sizeof status, "只列出前 %d 家，请多输入几个字缩小范围", n);
		else
			snprintf(status, sizeof status, "共 %d 家", n);
		ui_put(s->rows, 2, status, s->cols - 4, ui_attr(n || !p->searched ? US_DIM : US_WARN), 0);
	}
	edit_draw(&p->filter, 1, 8, FILTER_W, 1, 1);
}

static int listpick_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct listpick *p = s->priv;
	int n = count(p), step;

	switch (a) {
	case UA_BACK:
		return UI_HANDLED | UI_CLOSE;
	case UA_ENTER:
		if (n == 0)
			return UI_HANDLED;
		if (p->kind == PK_ITEMS)
			p->picked_item(p->ctx, p->ishown[p->sel]);
		else if (p->kind == PK_DISTRICT)
			p->picked_district(p->ctx, s->app->cfg->districts[p->shown[p->sel]]);
		else
			p->picked_employer(p->ctx, &p->m.v[p->sel]);
		return UI_HANDLED | UI_CLOSE;
	case UA_DOWN:
	case UA_UP:
	case UA_PGDN:
	case UA_PGUP:
		step = a == UA_DOWN ? 1 : a == UA_UP ? -1 : (a == UA_PGDN ? 1 : -1) * (list_rows(s) - 1);
		p->sel += step;
		if (p->sel >= n)
			p->sel = n - 1;
		if (p->sel < 0)
			p->sel = 0;
		return UI_HANDLED;
	default:
		break;
	}
	if (edit_handle(&p->filter, a, ch, FILTER_W) == 1)
		list_refresh(s);
	return UI_HANDLED;
}

static void listpick_destroy(struct screen *s)
{
	struct listpick *p = s->priv;

	employer_matches_free(&p->m);
	edit_free(&p->filter);
	for (int i = 0; i < p->nitems; i++)
		free(p->items[i]);
	free(p->items);
	free(p->ishown);
	free(p->hint);
	free(p->header);
	if (p->ctx_free)
		p->ctx_free(p->ctx);
	free(p);
}

static const struct screen_ops listpick_ops = {
	.name = "listpick",
	.actions = listpick_actions,
	.text_input = listpick_text_input,
	.layout = listpick_layout,
	.draw = listpick_draw,
	.handle = listpick_handle,
	.destroy = listpick_destroy,
};

struct screen *districtpick_screen_new(struct app *app, const char *current,
				       void (*picked)(void *ctx, const char *district), void *ctx)
{
	struct listpick *p = xcalloc(1, sizeof *p);
	struct screen *s;

	p->kind = PK_DISTRICT;
	p->picked_district = picked;
	p->ctx = ctx;
	edit_init(&p->filter, 20, 0);
	s = screen_new(app, &listpick_ops, "选择所在区", p);
	list_refresh(s);
	/* start on the district the field holds */
	for (int i = 0; current && *current && i < p->nshown; i++)
		if (strcmp(app->cfg->districts[p->shown[i]], current) == 0)
			p->sel = i;
	return s;
}

struct screen *employerpick_screen_new(struct app *app, const char *text,
				       void (*picked)(void *ctx, const struct employer_full *e), void *ctx)
{
	struct listpick *p = xcalloc(1, sizeof *p);
	struct screen *s;

	p->kind = PK_EMPLOYER;
	p->picked_employer = picked;
	p->ctx = ctx;
	edit_init(&p->filter, 100, 0);
	if (text)
		edit_set(&p->filter, text);
	s = screen_new(app, &listpick_ops, "查找用人单位", p);
	list_refresh(s);
	return s;
}

struct screen *itempick_screen_new(struct app *app, const char *title, const char *header, const char *hint,
				   const char *const *items, int n, int sel, void (*picked)(void *ctx, int index),
				   void (*ctx_free)(void *ctx), void *ctx)
{
	struct listpick *p = xcalloc(1, sizeof *p);
	struct screen *s;

	p->kind = PK_ITEMS;
	p->picked_item = picked;
	p->ctx_free = ctx_free;
	p->ctx = ctx;
	p->items = xcalloc((size_t)n + 1, sizeof *p->items);
	p->ishown = xcalloc((size_t)n + 1, sizeof *p->ishown);
	for (int i = 0; i < n; i++)
		p->items[i] = xstrdup(items[i]);
	p->nitems = n;
	p->header = xstrdup(header ? header : "");
	p->hint = xstrdup(hint ? hint : "");
	edit_init(&p->filter, 40, 0);
	s = screen_new(app, &listpick_ops, title, p);
	list_refresh(s);
	if (sel > 0 && sel < p->nishown)
		p->sel = sel;
	return s;
}
