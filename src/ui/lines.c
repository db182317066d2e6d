/*
 * lines.c - the scrolling list of lines (lines.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/lines.h"
#include "tiaojie/uitext.h"

struct ll_line *ll_add(struct linelist *l, int kind, enum ui_style style)
{
	l->v = xgrow(l->v, l->n, &l->cap, sizeof *l->v);
	struct ll_line *line = &l->v[l->n++];
	memset(line, 0, sizeof *line);
	line->kind = kind;
	line->style = style;
	return line;
}

void ll_cell(struct ll_line *line, int i, int x, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	if (i < 0 || i >= LL_CELLS)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	free(line->cell[i]);
	line->cell[i] = xstrdup(buf);
	line->x[i] = x;
}

void ll_text(struct linelist *l, enum ui_style style, const char *s)
{
	ll_cell(ll_add(l, LL_TEXT, style), 0, 1, "%s", s);
}

void ll_clear(struct linelist *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->v[i].name);
		for (int c = 0; c < LL_CELLS; c++)
			free(l->v[i].cell[c]);
	}
	l->n = 0;
}

void ll_free(struct linelist *l)
{
	ll_clear(l);
	free(l->v);
	memset(l, 0, sizeof *l);
	l->sel = -1;
}

static int selectable(const struct linelist *l, int i)
{
	return i >= 0 && i < l->n && l->v[i].kind != LL_TEXT;
}

/* The first (dir 1) or last (dir -1) selectable line on screen, -1 none;
 * before the first draw every line counts as on screen. */
static int on_screen(const struct linelist *l, int dir)
{
	int from = l->rows > 0 ? l->top : 0;
	int to = l->rows > 0 && l->top + l->rows < l->n ? l->top + l->rows : l->n;

	for (int i = dir > 0 ? from : to - 1; i >= from && i < to; i += dir)
		if (selectable(l, i))
			return i;
	return -1;
}

static void clamp_top(struct linelist *l, int rows)
{
	if (l->top > l->n - rows)
		l->top = l->n - rows;
	if (l->top < 0)
		l->top = 0;
}

static void show_sel(struct linelist *l, int rows)
{
	if (l->sel < 0 || rows <= 0)
		return;
	if (l->sel < l->top)
		l->top = l->sel - 1 > 0 ? l->sel - 1 : 0; /* with the heading above */
	if (l->sel >= l->top + rows)
		l->top = l->sel - rows + 1;
}

void ll_reselect(struct linelist *l, int kind, int64_t id)
{
	l->sel = -1;
	for (int i = 0; i < l->n; i++)
		if (selectable(l, i) && l->v[i].kind == kind && l->v[i].id == id) {
			l->sel = i;
			if (l->rows > 0) {
				clamp_top(l, l->rows);
				show_sel(l, l->rows);
			}
			return;
		}
	if (l->rows > 0)
		clamp_top(l, l->rows);
	l->sel = on_screen(l, 1);
}

struct ll_line *ll_selected(struct linelist *l)
{
	return l->sel >= 0 && l->sel < l->n ? &l->v[l->sel] : NULL;
}

void ll_draw(struct linelist *l, int y, int rows, int cols)
{
	char buf[64];
	int top_end = 0; /* columns used by the top line */

	l->rows = rows;
	clamp_top(l, rows);
	/* a smaller window, or a selection made before the first draw */
	if (l->sel >= 0 && (l->sel < l->top || l->sel >= l->top + rows))
		show_sel(l, rows);
	for (int i = 0; i < rows && l->top + i < l->n; i++) {
		int n = l->top + i;
		struct ll_line *line = &l->v[n];
		attr_t a = n == l->sel ? ui_attr(US_SELECTED) : ui_attr(line->style);
		if (n == l->sel)
			ui_fill(y + i, 0, cols, a);
		for (int c = 0; c < LL_CELLS && line->cell[c]; c++) {
			int end = c + 1 < LL_CELLS && line->cell[c + 1] ? line->x[c + 1] - 1 : cols - 1;
			if (end > cols - 1)
				end = cols - 1;
			if (end > line->x[c]) {
				int used = ui_put(y + i, line->x[c], line->cell[c], end - line->x[c], a, 0);
				if (i == 0 && used > 0 && line->x[c] + used > top_end)
					top_end = line->x[c] + used;
			}
		}
	}
	/* the counter where the top line leaves room, never over its text */
	if (l->n > rows) {
		snprintf(buf, sizeof buf, "%d/%d行", l->top + 1, l->n);
		int cw = tw_width(buf);
		if (top_end + 1 <= cols - 1 - cw)
			ui_put(y, cols - 1 - cw, buf, cw, ui_attr(US_DIM), 0);
	}
}

/* Up/Down: the next selectable line that way, scrolled to; with nothing
 * selected, the first one on screen that way or beyond. */
static void move_sel(struct linelist *l, int dir, int rows)
{
	int from = l->sel >= 0 ? l->sel + dir : dir > 0 ? l->top : l->top + rows - 1;

	if (from >= l->n)
		from = l->n - 1;

	for (int i = from; i >= 0 && i < l->n; i += dir) {
		if (selectable(l, i)) {
			l->sel = i;
			show_sel(l, rows);
			return;
		}
	}
	/* nothing further that way: scroll over the text */
	l->top += dir;
	clamp_top(l, rows);
	if (l->sel >= 0 && (l->sel < l->top || l->sel >= l->top + rows))
		l->sel = on_screen(l, dir);
}

/* PgUp/PgDn, Home/End: the view moves; a selection it left behind goes
 * to the selectable line on the new page nearest to it, or to none. */
static void scroll_to(struct linelist *l, int top, int rows)
{
	int dir = top > l->top ? 1 : -1;

	l->top = top;
	clamp_top(l, rows);
	if (l->sel < 0 || l->sel < l->top || l->sel >= l->top + rows)
		l->sel = on_screen(l, dir > 0 ? 1 : -1);
}

int ll_handle(struct linelist *l, enum ui_action a, int rows)
{
	int page = rows > 1 ? rows - 1 : 1;

	l->rows = rows;
	switch (a) {
	case UA_DOWN:
	case UA_NEXT:
		move_sel(l, 1, rows);
		return 1;
	case UA_UP:
	case UA_PREV:
		move_sel(l, -1, rows);
		return 1;
	case UA_PGDN:
		scroll_to(l, l->top + page, rows);
		return 1;
	case UA_PGUP:
		scroll_to(l, l->top - page, rows);
		return 1;
	case UA_HOME:
		l->top = 0;
		l->sel = on_screen(l, 1);
		return 1;
	case UA_END:
		l->top = l->n;
		clamp_top(l, rows);
		l->sel = on_screen(l, -1);
		return 1;
	default:
		return 0;
	}
}
