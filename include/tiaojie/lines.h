/*
 * lines.h - a scrolling list of lines, some of which lead somewhere (the
 * dashboard, the roster, the accounts, the agenda, a mediator's cases).
 *
 * A line has up to LL_CELLS texts at fixed columns (the last takes the
 * rest of the width), a style, and when its kind is not LL_TEXT it can be
 * selected: Up/Down move between such lines and scroll over the text
 * lines between them; the screen decides what Enter does with the
 * selected line's kind and id.
 *
 * The selection is always on screen or there is none: Enter must open
 * what the user sees highlighted.  Paging to lines of text only (a
 * dashboard's last section, say) leaves nothing selected until Up or
 * Down takes the nearest selectable line again.
 */
#ifndef TIAOJIE_LINES_H
#define TIAOJIE_LINES_H

#include <stdint.h>

#include "tiaojie/ui.h"

#define LL_CELLS 7
#define LL_TEXT 0 /* a line that cannot be selected */

struct ll_line {
	int kind;                 /* LL_TEXT, or the screen's own kinds (> 0) */
	enum ui_style style;
	int64_t id;               /* what the line stands for */
	char *name;               /* free for the screen, malloc'd */
	char *cell[LL_CELLS];
	int x[LL_CELLS];
};

struct linelist {
	struct ll_line *v;
	int n, cap;
	int top;                  /* first line shown */
	int sel;                  /* selected line, -1 none */
	int rows;                 /* lines shown at the last draw or key (0: not yet known) */
};

struct ll_line *ll_add(struct linelist *l, int kind, enum ui_style style);
void ll_cell(struct ll_line *line, int i, int x, const char *fmt, ...) TJ_PRINTF(4, 5);
/* A text line in one cell at column 1. */
void ll_text(struct linelist *l, enum ui_style style, const char *s);
void ll_clear(struct linelist *l);
void ll_free(struct linelist *l);
/* After rebuilding: select the line of this kind and id if it is still
 * there (scrolling to it), else the first selectable line on screen, else
 * none. */
void ll_reselect(struct linelist *l, int kind, int64_t id);
struct ll_line *ll_selected(struct linelist *l);
/* Draw rows lines from screen row y over cols columns, with "n/m行" at
 * the top right when it scrolls. */
void ll_draw(struct linelist *l, int y, int rows, int cols);
/* Up, Down, Tab, Shift-Tab, PgUp, PgDn, Home, End: 1 handled, 0 not.
 * Each leaves the selection on screen or none. */
int ll_handle(struct linelist *l, enum ui_action a, int rows);

#endif
