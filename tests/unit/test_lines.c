/*
 * test_lines.c - the scrolling list of lines (src/ui/lines.c): whatever
 * keys come, the selection is a selectable line on the screen or none, so
 * Enter never opens a line the user cannot see; Up/Down from nothing take
 * the nearest selectable line; a reload keeps the selected line in view.
 * No terminal is needed: only the keys' arithmetic is tested.
 */
#include <stdlib.h>

#include "tap.h"
#include "tiaojie/lines.h"

#define ROWS 10

/* 40 lines: selectable at 2, 3 (first page), 25 and 26; text elsewhere,
 * so the pages from 4 to 24 and after 26 have nothing to select. */
static void fill(struct linelist *l)
{
	ll_clear(l);
	for (int i = 0; i < 40; i++) {
		int pick = i == 2 || i == 3 || i == 25 || i == 26;
		struct ll_line *line = ll_add(l, pick ? 1 : LL_TEXT, US_NORMAL);
		line->id = i;
		ll_cell(line, 0, 1, "line %d", i);
	}
}

static int visible(const struct linelist *l)
{
	if (l->sel < 0)
		return 1;
	return l->sel >= l->top && l->sel < l->top + ROWS && l->v[l->sel].kind != LL_TEXT;
}

int main(void)
{
	struct linelist l = {.sel = -1};
	static const enum ui_action keys[] = {UA_PGDN, UA_PGDN, UA_PGDN, UA_PGDN, UA_PGUP, UA_PGUP, UA_END,
					      UA_PGUP, UA_UP,   UA_UP,   UA_DOWN, UA_HOME, UA_END,  UA_PGUP,
					      UA_PGUP, UA_PGUP, UA_DOWN, UA_PGDN, UA_DOWN, UA_DOWN};

	fill(&l);
	ll_reselect(&l, 0, 0);
	CHECK_INT(l.sel, 2); /* before the first draw: the first selectable line */
	l.rows = ROWS;
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		ll_handle(&l, keys[i], ROWS);
		CHECK(visible(&l), "key %zu (action %d): sel %d, top %d", i, (int)keys[i], l.sel, l.top);
		CHECK(l.top >= 0 && l.top <= 40 - ROWS, "key %zu: top %d", i, l.top);
	}

	/* PgDn from the first page onto text only: nothing selected */
	ll_handle(&l, UA_HOME, ROWS);
	CHECK_INT(l.sel, 2);
	ll_handle(&l, UA_PGDN, ROWS);
	CHECK_INT(l.top, 9);
	CHECK_INT(l.sel, -1);
	CHECK(ll_selected(&l) == NULL, "nothing to open on a page of text");
	/* Down from nothing: the next selectable line, scrolled to */
	ll_handle(&l, UA_DOWN, ROWS);
	CHECK_INT(l.sel, 25);
	CHECK(visible(&l), "sel %d top %d", l.sel, l.top);
	/* End: the last page, 30-39, is text only */
	ll_handle(&l, UA_END, ROWS);
	CHECK_INT(l.top, 30);
	CHECK_INT(l.sel, -1);
	/* PgUp: the selectable line nearest the old place, the lower one */
	ll_handle(&l, UA_PGUP, ROWS);
	CHECK_INT(l.top, 21);
	CHECK_INT(l.sel, 26);
	/* Up from nothing at the end: the nearest selectable line above */
	ll_handle(&l, UA_END, ROWS);
	ll_handle(&l, UA_UP, ROWS);
	CHECK_INT(l.sel, 26);
	CHECK(visible(&l), "sel %d top %d", l.sel, l.top);

	/* a reload keeps the selected line and scrolls it into view */
	l.top = 0;
	fill(&l);
	ll_reselect(&l, 1, 26);
	CHECK_INT(l.sel, 26);
	CHECK(visible(&l), "sel %d top %d", l.sel, l.top);
	/* a selected line that is gone: the first selectable one on screen */
	l.top = 20;
	ll_reselect(&l, 1, 99);
	CHECK_INT(l.sel, 25);
	l.top = 10;
	ll_reselect(&l, 1, 99);
	CHECK_INT(l.sel, -1);

	ll_free(&l);
	return tap_done();
}
