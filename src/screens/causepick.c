/*
 * causepick.c - the cause picker (案由选择): 17 first-level causes on the
 * left, the second-level causes of the selected one on the right.  Typing
 * filters: digits jump by code ("06", "0602"), Chinese text matches names
 * ("加班"), Latin letters match pinyin initials ("jbgz").  Enter picks a
 * second-level cause.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/access.h"
#include "tiaojie/screens.h"
#include "tiaojie/uitext.h"
#include "tiaojie/widgets.h"

struct picker {
	struct cause_list causes;
	int *top_idx; /* indexes of first-level causes */
	int ntop;
	int *shown;   /* indexes of the second-level causes shown on the right */
	int nshown;
	int left, right; /* selection in each pane */
	int pane;        /* 0 left, 1 right */
	int scroll;
	struct ui_edit filter;
	void (*picked)(void *ctx, const char *code, const char *name);
	void *ctx;
};

static const enum ui_action picker_actions[] = {UA_ENTER, UA_BACK, UA_NONE};

static int picker_text_input(struct screen *s)
{
	(void)s;
	return 1;
}

static int is_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

static int is_latin(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isalpha((unsigned char)*s))
			return 0;
	return 1;
}

static const char *parent_name(struct picker *p, const char *code)
{
	for (int i = 0; i < p->ntop; i++)
		if (strncmp(p->causes.v[p->top_idx[i]].code, code, 2) == 0)
			return p->causes.v[p->top_idx[i]].name;
	return "";
}

static int contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return 0;
}

/* Recompute the right pane from the selection and the filter. */
static void picker_refresh(struct picker *p)
{
	char *f = edit_get(&p->filter);

	p->nshown = 0;
	if (!*f || (is_digits(f) && strlen(f) <= 2)) {
		if (*f) {
			/* jump to the first-level cause whose code starts so */
			for (int i = 0; i < p->ntop; i++)
				if (strncmp(p->causes.v[p->top_idx[i]].code, f, strlen(f)) == 0) {
					p->left = i;
					break;
				}
		}
		const char *top = p->causes.v[p->top_idx[p->left]].code;
		for (int i = 0; i < p->causes.n; i++)
			if (strlen(p->causes.v[i].code) == 4 && strncmp(p->causes.v[i].code, top, 2) == 0)
				p->shown[p->nshown++] = i;
	} else {
		for (int i = 0; i < p->causes.n; i++) {
			struct cause_entry *c = &p->causes.v[i];
			if (strlen(c->code) != 4)
				continue;
			int match;
			if (is_digits(f))
				match = strncmp(c->code, f, strlen(f)) == 0;
			else if (is_latin(f))
				match = contains_ci(c->abbr, f);
			else
				match = strstr(c->name, f) != NULL || strstr(parent_name(p, c->code), f) != NULL;
			if (match)
				p->shown[p->nshown++] = i;
		}
		if (p->nshown > 0)
			p->pane = 1;
	}
	if (p->right >= p->nshown)
		p->right = p->nshown ? p->nshown - 1 : 0;
	if (*f && p->nshown > 0) {
		p->right = 0;
		/* keep the left pane on the parent of what is selected */
		const char *code = p->causes.v[p->shown[0]].code;
		for (int i = 0; i < p->ntop; i++)
			if (strncmp(p->causes.v[p->top_idx[i]].code, code, 2) == 0)
				p->left = i;
	}
	free(f);
}

static void picker_layout(struct screen *s, int rows, int cols)
{
	s->rows = rows;
	s->cols = cols;
}

static void picker_draw(struct screen *s)
{
	struct picker *p = s->priv;
	int lw = 34, rx = 2 + lw + 2, rw = s->cols - rx - 2;
	int h = s->rows - 3;

	ui_put(1, 2, "查找：", 8, A_BOLD, 0);
	ui_put(2, 2, "可输入代码 06、0602，中文 加班，或拼音首字母 jbgz；Enter 选定，Esc 取消",
	       s->cols - 4, ui_attr(US_DIM), 0);
	ui_put(3, 2, "一级案由", lw, ui_attr(US_HEADER), 1);
	ui_put(3, rx, p->filter.len ? "筛选结果" : "二级案由", rw, ui_attr(US_HEADER), 1);
	for (int i = 0; i < p->ntop && i < h; i++) {
		struct cause_entry *c = &p->causes.v[p->top_idx[i]];
		char buf[160];
		snprintf(buf, sizeof buf, "%s %s", c->code, c->name);
		attr_t a = i == p->left ? (p->pane == 0 ? ui_attr(US_SELECTED) : A_BOLD) : A_NORMAL;
		ui_put(4 + i, 2, buf, lw, a, 1);
	}
	if (p->right < p->scroll)
		p->scroll = p->right;
	if (p->right >= p->scroll + h)
		p->scroll = p->right - h + 1;
	for (int i = p->scroll; i < p->nshown && i - p->scroll < h; i++) {
		struct cause_entry *c = &p->causes.v[p->shown[i]];
		char buf[200];
		snprintf(buf, sizeof buf, "%s %s  (%s)", c->code, c->name, c->abbr);
		attr_t a = i == p->right && p->pane == 1 ? ui_attr(US_SELECTED) : A_NORMAL;
		ui_put(4 + i - p->scroll, rx, buf, rw, a, 1);
	}
	if (p->nshown == 0)
		ui_put(4, rx, "没有符合的案由", rw, ui_attr(US_WARN), 0);
	edit_draw(&p->filter, 1, 8, 30, 1, 1);
}

static int picker_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct picker *p = s->priv;
	int r;

	switch (a) {
	case UA_BACK:
		return UI_HANDLED | UI_CLOSE;
	case UA_ENTER:
		if (p->pane == 0) {
			p->pane = 1;
			p->right = 0;
			return UI_HANDLED;
		}
		if (p->nshown == 0)
			return UI_HANDLED;
		{
			struct cause_entry *c = &p->causes.v[p->shown[p->right]];
			p->picked(p->ctx, c->code, c->name);
		}
		return UI_HANDLED | UI_CLOSE;
	case UA_NEXT:
	case UA_PREV:
		p->pane = !p->pane;
		return UI_HANDLED;
	case UA_DOWN:
	case UA_UP:
	case UA_PGDN:
	case UA_PGUP: {
		int step = (a == UA_PGDN || a == UA_PGUP) ? 10 : 1;
		int dir = (a == UA_DOWN || a == UA_PGDN) ? step : -step;
		if (p->pane == 0) {
			p->left += dir;
			if (p->left < 0)
				p->left = 0;
			if (p->left >= p->ntop)
				p->left = p->ntop - 1;
			edit_set(&p->filter, "");
			p->right = 0;
			picker_refresh(p);
		} else {
			p->right += dir;
			if (p->right < 0)
				p->right = 0;
			if (p->right >= p->nshown)
				p->right = p->nshown ? p->nshown - 1 : 0;
		}
		return UI_HANDLED;
	}
	case UA_LEFT:
		if (p->filter.len == 0) {
			p->pane = 0;
			return UI_HANDLED;
		}
		break;
	case UA_RIGHT:
		if (p->filter.len == 0) {
			p->pane = 1;
			return UI_HANDLED;
		}
		break;
	default:
		break;
	}
	r = edit_handle(&p->filter, a, ch, 30);
	edit_report_refused(&p->filter, "筛选");
	if (r == 1) {
		char *f = edit_get(&p->filter);
		/* an exact four-digit code picks at once on Enter; select it now */
		picker_refresh(p);
		if (is_digits(f) && strlen(f) == 4 && p->nshown == 1)
			p->pane = 1;
		if (!*f)
			p->pane = 0;
		free(f);
	}
	return UI_HANDLED;
}

static void picker_destroy(struct screen *s)
{
	struct picker *p = s->priv;

	cause_list_free(&p->causes);
	free(p->top_idx);
	free(p->shown);
	edit_free(&p->filter);
	free(p);
}

static const struct screen_ops picker_ops = {
	.name = "causepick",
	.actions = picker_actions,
	.text_input = picker_text_input,
	.layout = picker_layout,
	.draw = picker_draw,
	.handle = picker_handle,
	.destroy = picker_destroy,
};

struct screen *causepick_screen_new(struct app *app, const char *initial,
				    void (*picked)(void *ctx, const char *code, const char *name), void *ctx)
{
	struct picker *p = xcalloc(1, sizeof *p);

	p->picked = picked;
	p->ctx = ctx;
	edit_init(&p->filter, 20, 0);
	if (cause_list_load(app->db, &app->actor, &p->causes) < 0)
		ui_error(app);
	p->top_idx = xcalloc((size_t)p->causes.n + 1, sizeof *p->top_idx);
	p->shown = xcalloc((size_t)p->causes.n + 1, sizeof *p->shown);
	for (int i = 0; i < p->causes.n; i++)
		if (strlen(p->causes.v[i].code) == 2)
			p->top_idx[p->ntop++] = i;
	if (p->ntop == 0) {
		/* an empty taxonomy: nothing to pick, say so rather than crash */
		ui_msg(app, US_ERROR, "数据库中没有案由，请运行 tiaojie init");
		p->top_idx[0] = 0;
	} else {
		if (initial && strlen(initial) >= 2)
			for (int i = 0; i < p->ntop; i++)
				if (strncmp(p->causes.v[p->top_idx[i]].code, initial, 2) == 0)
					p->left = i;
		picker_refresh(p);
		if (initial && strlen(initial) == 4)
			for (int i = 0; i < p->nshown; i++)
				if (strcmp(p->causes.v[p->shown[i]].code, initial) == 0) {
					p->right = i;
					p->pane = 1;
				}
	}
	return screen_new(app, &picker_ops, "选择案由", p);
}
