/*
 * widgets.c - the line editor, the text area and the form engine.
 */
#include "tiaojie/widgets.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/draft.h"
#include "tiaojie/uitext.h"
#include "tiaojie/util.h"

/* ---- edit ------------------------------------------------------------------ */

void edit_init(struct ui_edit *e, size_t max, int multiline)
{
	memset(e, 0, sizeof *e);
	e->max = max;
	e->multiline = multiline;
	e->cap = 16;
	e->buf = xcalloc(e->cap, sizeof *e->buf);
}

void edit_free(struct ui_edit *e)
{
	free(e->buf);
	e->buf = NULL;
	e->len = e->cap = 0;
}

static void edit_reserve(struct ui_edit *e, size_t n)
{
	if (n + 1 <= e->cap)
		return;
	while (e->cap < n + 1)
		e->cap *= 2;
	e->buf = xrealloc(e->buf, e->cap * sizeof *e->buf);
}

void edit_set(struct ui_edit *e, const char *utf8)
{
	size_t n;
	wchar_t *w = tw_from_utf8(utf8 ? utf8 : "", &n);

	/* what comes from outside (archives, drafts) obeys the same rules as
	 * typing: no control characters, no newline in a single line */
	size_t k = 0;
	for (size_t i = 0; i < n && k < e->max; i++) {
		wchar_t c = w[i];
		if (c == L'\n' && e->multiline)
			w[k++] = c;
		else if (c >= 32 && c != 127)
			w[k++] = c;
	}
	edit_reserve(e, k);
	memcpy(e->buf, w, k * sizeof *w);
	e->len = k;
	e->buf[k] = 0;
	e->cur = k;
	e->off = 0;
	e->top = 0;
	free(w);
}

char *edit_get(const struct ui_edit *e)
{
	return tw_to_utf8(e->buf, e->len);
}

int edit_empty(const struct ui_edit *e)
{
	for (size_t i = 0; i < e->len; i++)
		if (e->buf[i] != L' ' && e->buf[i] != L'\n' && e->buf[i] != 0x3000)
			return 0;
	return 1;
}

static void edit_insert(struct ui_edit *e, wchar_t c)
{
	edit_reserve(e, e->len + 1);
	memmove(e->buf + e->cur + 1, e->buf + e->cur, (e->len - e->cur) * sizeof *e->buf);
	e->buf[e->cur++] = c;
	e->len++;
	e->buf[e->len] = 0;
}

static void edit_delete(struct ui_edit *e, size_t at)
{
	memmove(e->buf + at, e->buf + at + 1, (e->len - at - 1) * sizeof *e->buf);
	e->len--;
	e->buf[e->len] = 0;
}

/* Visual lines of a text area at this width; caller frees. */
static size_t *edit_lines(const struct ui_edit *e, int width, int *nlines)
{
	int n = tw_wrap(e->buf, e->len, width, NULL, 0);
	size_t *starts = xcalloc((size_t)n + 1, sizeof *starts);

	tw_wrap(e->buf, e->len, width, starts, n);
	starts[n] = e->len + 1;
	*nlines = n;
	return starts;
}

/* Visual line and column of the cursor. */
static void edit_cursor_pos(const struct ui_edit *e, const size_t *starts, int n, int *line, int *col)
{
	int l = 0;

	while (l + 1 < n && starts[l + 1] <= e->cur)
		l++;
	*line = l;
	*col = tw_wcswidth(e->buf + starts[l], e->cur - starts[l]);
}

/* Move to visual line l at display column col. */
static void edit_goto(struct ui_edit *e, const size_t *starts, int n, int l, int col)
{
	size_t a = starts[l], b = l + 1 < n ? starts[l + 1] : e->len;
	int used = 0;

	if (l + 1 < n && b > a && e->buf[b - 1] == L'\n')
		b--;
	else if (l + 1 < n && b > a)
		b--; /* soft wrap: stay on this line */
	size_t i = a;
	while (i < b && used + tw_charwidth(e->buf[i]) <= col) {
		used += tw_charwidth(e->buf[i]);
		i++;
	}
	e->cur = i;
}

int edit_handle(struct ui_edit *e, enum ui_action a, wint_t ch, int width)
{
	if (a != UA_NONE)
		e->pending_space = 0;
	switch (a) {
	case UA_NONE:
		if (ch == 0) {
			e->pending_space = 0; /* the paste ended: no space for what comes next */
			return 0;
		}
		if (ch == L'\n') {
			/* a line break inside a paste (the loop passes it as text):
			 * kept in a text area; in a single line it becomes one space
			 * between the words, none at the end */
			if (!e->multiline) {
				e->pending_space = 1;
				return 0;
			}
			if (e->len >= e->max) {
				e->refused++;
				return 0;
			}
			edit_insert(e, L'\n');
			return 1;
		}
		if (ch < 32 || ch == 127 || (ch >= 0x80 && ch < 0xA0))
			return 0; /* control characters are not text */
		if (e->pending_space) {
			e->pending_space = 0;
			if (e->cur > 0 && e->buf[e->cur - 1] != L' ' && ch != L' ' && e->len < e->max)
				edit_insert(e, L' ');
		}
		if (e->len >= e->max) {
			e->refused++; /* counted, and reported once (edit_report_refused) */
			return 0;
		}
		edit_insert(e, (wchar_t)ch);
		return 1;
	case UA_ENTER:
		if (!e->multiline)
			return -1;
		if (e->len >= e->max) {
			e->refused++;
			return 0;
		}
		edit_insert(e, L'\n');
		return 1;
	case UA_BKSP:
		if (e->cur == 0)
			return 0;
		edit_delete(e, --e->cur);
		return 1;
	case UA_DELCHAR:
		if (e->cur >= e->len)
			return 0;
		edit_delete(e, e->cur);
		return 1;
	case UA_LEFT:
		if (e->cur > 0)
			e->cur--;
		return 0;
	case UA_RIGHT:
		if (e->cur < e->len)
			e->cur++;
		return 0;
	case UA_HOME:
		e->cur = 0;
		return 0;
	case UA_END:
		e->cur = e->len;
		return 0;
	case UA_KILL:
		if (!e->multiline) {
			if (!e->len)
				return 0;
			e->len = e->cur = e->off = 0;
			e->buf[0] = 0;
			return 1;
		} else {
			/* to the end of the logical line */
			size_t end = e->cur;
			while (end < e->len && e->buf[end] != L'\n')
				end++;
			if (end == e->cur)
				return 0;
			memmove(e->buf + e->cur, e->buf + end, (e->len - end) * sizeof *e->buf);
			e->len -= end - e->cur;
			e->buf[e->len] = 0;
			return 1;
		}
	case UA_UP:
	case UA_DOWN:
	case UA_PGUP:
	case UA_PGDN: {
		if (!e->multiline)
			return -1;
		int n, l, col;
		size_t *starts = edit_lines(e, width, &n);
		edit_cursor_pos(e, starts, n, &l, &col);
		int step = (a == UA_PGUP || a == UA_PGDN) ? 5 : 1;
		int to = (a == UA_UP || a == UA_PGUP) ? l - step : l + step;
		int r = 0;
		if (to < 0 || to >= n) {
			if (step == 1) {
				r = -1; /* leave the text area */
			} else {
				to = to < 0 ? 0 : n - 1;
				edit_goto(e, starts, n, to, col);
			}
		} else {
			edit_goto(e, starts, n, to, col);
		}
		free(starts);
		return r;
	}
	default:
		return -1;
	}
}

void edit_report_refused(struct ui_edit *e, const char *name)
{
	if (!e->refused)
		return;
	name = name ? name + strspn(name, " ") : "";
	for (size_t i = 0; i < e->refused; i++)
		ui_refused(*name ? name : "本栏", e->max);
	e->refused = 0;
}

void edit_draw(struct ui_edit *e, int y, int x, int width, int height, int focused)
{
	attr_t fa = ui_attr(US_FIELD);

	if (width < 2)
		return;
	if (!e->multiline) {
		/* keep the cursor visible: scroll by characters; a field
		 * without focus shows its beginning */
		if (!focused)
			e->off = 0;
		else if (e->cur < e->off)
			e->off = e->cur;
		while (focused && e->off < e->cur && tw_wcswidth(e->buf + e->off, e->cur - e->off) > width - 1)
			e->off++;
		if (e->mask) {
			int n = (int)(e->len - e->off);
			if (n > width)
				n = width;
			attron(fa);
			mvhline(y, x, ' ', width);
			for (int i = 0; i < n; i++)
				mvaddch(y, x + i, '*');
			attroff(fa);
		} else {
			ui_putw(y, x, e->buf + e->off, e->len - e->off, width, fa, 1);
		}
		if (focused) {
			int cx = e->mask ? (int)(e->cur - e->off) : tw_wcswidth(e->buf + e->off, e->cur - e->off);
			move(y, x + cx);
			curs_set(1);
		}
		return;
	}
	int n, l, col;
	size_t *starts = edit_lines(e, width, &n);
	edit_cursor_pos(e, starts, n, &l, &col);
	if (col >= width && l + 1 >= n) {
		/* cursor after a full last line: show it at the start of the next */
		col = 0;
		l++;
	}
	if (l < e->top)
		e->top = l;
	if (l >= e->top + height)
		e->top = l - height + 1;
	for (int r = 0; r < height; r++) {
		int li = e->top + r;
		if (li < n) {
			size_t a = starts[li], b = li + 1 < n ? starts[li + 1] : e->len;
			if (b > a && b <= e->len && e->buf[b - 1] == L'\n')
				b--;
			ui_putw(y + r, x, e->buf + a, b - a, width, fa, 1);
		} else {
			ui_fill(y + r, x, width, fa);
		}
	}
	if (focused) {
		move(y + l - e->top, x + (col < width ? col : width - 1));
		curs_set(1);
	}
	free(starts);
}

/* ---- form -------------------------------------------------------------------- */

void form_init(struct form *f)
{
	memset(f, 0, sizeof *f);
	f->label_w = 12;
	f->field_w = 36;
}

static void item_free(struct form_item *it)
{
	free(it->id);
	free(it->label);
	free(it->text);
	edit_free(&it->edit);
}

void form_truncate(struct form *f, int n)
{
	for (int i = n; i < f->n; i++)
		item_free(&f->items[i]);
	if (n < f->n)
		f->n = n;
}

void form_clear(struct form *f)
{
	form_truncate(f, 0);
	f->focus = 0;
}

void form_free(struct form *f)
{
	form_clear(f);
	free(f->items);
	f->items = NULL;
	f->cap = 0;
}

struct form_item *form_add(struct form *f, enum form_kind kind, const char *id, const char *label)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 32;
		f->items = xrealloc(f->items, (size_t)f->cap * sizeof *f->items);
	}
	struct form_item *it = &f->items[f->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->id = id ? xstrdup(id) : NULL;
	it->label = xstrdup(label ? label : "");
	it->height = 1;
	edit_init(&it->edit, 200, kind == FK_AREA);
	if (kind == FK_PASSWORD)
		it->edit.mask = 1;
	return it;
}

struct form_item *form_find(struct form *f, const char *id)
{
	int i = form_index(f, id);

	return i >= 0 ? &f->items[i] : NULL;
}

int form_index(struct form *f, const char *id)
{
	for (int i = 0; i < f->n; i++)
		if (f->items[i].id && strcmp(f->items[i].id, id) == 0)
			return i;
	return -1;
}

void form_set_text(struct form_item *it, const char *text)
{
	free(it->text);
	it->text = xstrdup(text ? text : "");
}

void form_set_msg(struct form_item *it, enum ui_style style, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(it->msg, sizeof it->msg, fmt, ap);
	va_end(ap);
	it->msg_style = style;
}

static int focusable(const struct form_item *it);

static int in_error(const struct form_item *it)
{
	if (it->hidden)
		return 0;
	if (it->kind == FK_SECTION)
		return it->text && *it->text && it->text_style == US_ERROR;
	return it->msg[0] && it->msg_style == US_ERROR;
}

void form_clear_errors(struct form *f)
{
	for (int i = 0; i < f->n; i++) {
		struct form_item *it = &f->items[i];
		if (!in_error(it))
			continue;
		if (it->kind == FK_SECTION)
			form_set_text(it, "");
		else
			it->msg[0] = '\0';
	}
}

int form_show_errors(struct form *f, struct app *app)
{
	int first = -1, count = 0;

	for (int i = 0; i < f->n; i++)
		if (in_error(&f->items[i])) {
			if (first < 0)
				first = i;
			count++;
		}
	if (first < 0)
		return 0;
	struct form_item *it = &f->items[first];
	const char *msg = it->kind == FK_SECTION ? it->text : it->msg;
	/* the label without the indentation some forms give it */
	const char *label = it->label + strspn(it->label, " ");
	if (!*label)
		label = "本栏";
	/* "联系电话：不是有效的…" at 联系电话: the name once is enough */
	size_t ll = strlen(label);
	if (!strncmp(msg, label, ll) && !strncmp(msg + ll, "：", strlen("：")))
		msg += ll + strlen("：");
	if (count > 1)
		ui_msg(app, US_ERROR, "请更正「%s」：%s（另有 %d 处标出）", label, msg, count - 1);
	else
		ui_msg(app, US_ERROR, "请更正「%s」：%s", label, msg);
	/* a heading: the field after it */
	for (int i = first; i < f->n; i++)
		if (focusable(&f->items[i])) {
			f->focus = i;
			break;
		}
	return count;
}

void form_area(struct form *f, int y, int x, int rows, int cols)
{
	f->y = y;
	f->x = x;
	f->rows = rows;
	f->cols = cols;
	/* label 12, field gets about half of the rest, messages the remainder */
	f->field_w = (cols - f->label_w - 2) * 11 / 20;
	if (f->field_w < 20)
		f->field_w = 20;
}

/* A read-only text area takes the focus too, to be scrolled: a text
 * longer than its box would otherwise be seen only in part. */
static int focusable(const struct form_item *it)
{
	if (it->hidden)
		return 0;
	if (it->kind == FK_AREA)
		return 1;
	return !it->readonly && it->kind != FK_SECTION && it->kind != FK_INFO;
}

/* Scroll a read-only text area of this width and height by delta lines:
 * 1 when it moved, 0 at its end. */
static int area_scroll(struct ui_edit *e, int width, int height, int delta)
{
	int n;
	size_t *starts = edit_lines(e, width, &n);
	int top = e->top + delta, last = n > height ? n - height : 0;

	if (top > last)
		top = last;
	if (top < 0)
		top = 0;
	int moved = top != e->top;
	e->top = top;
	/* edit_draw keeps the cursor in view: put it on the top line, or on
	 * the last one when scrolled to the end */
	if (top == last && delta > 0 && n > 0)
		e->cur = starts[n - 1];
	else
		e->cur = starts[top];
	free(starts);
	return moved;
}


/* Where a field's message stands: in the column right of the fields when
 * there is one worth the name, else on the lines under the field (always
 * under a text area, which takes the whole width).  A message wider than
 * its place wraps onto more lines there; the item grows by them and the
 * form scrolls, so the message stays whole and at its field. */
#define MSG_MIN_COLUMN 10

static int msg_column_w(const struct form *f)
{
	return f->cols - f->label_w - f->field_w - 2;
}

static int msg_below(const struct form *f, const struct form_item *it)
{
	return it->kind == FK_AREA || msg_column_w(f) < MSG_MIN_COLUMN;
}

/* The width a field's message wraps to. */
static int msg_width(const struct form *f, const struct form_item *it)
{
	return msg_below(f, it) ? f->cols - f->label_w - 1 : msg_column_w(f);
}

/* The text beside a heading: where it starts and how wide it may be. */
static int section_text_x(const struct form_item *it)
{
	return tw_width(it->label) + 2;
}

/* Wrap utf8 to width (tw_wrap: numbers and words whole); returns the
 * number of lines and the wide text (caller frees) with starts[] filled
 * up to max. */
static wchar_t *wrap_text(const char *utf8, int width, size_t *n, size_t *starts, int max, int *lines)
{
	wchar_t *w = tw_from_utf8(utf8, n);

	*lines = *n ? tw_wrap(w, *n, width, starts, max) : 0;
	return w;
}

static int text_lines(const char *utf8, int width)
{
	size_t n;
	int lines;
	wchar_t *w = wrap_text(utf8, width, &n, NULL, 0, &lines);

	free(w);
	return lines;
}

static int has_msg(const struct form_item *it)
{
	return it->msg[0] && (it->kind == FK_TEXT || it->kind == FK_PASSWORD || it->kind == FK_CHOICE ||
			      it->kind == FK_AREA);
}

static int item_height(const struct form *f, const struct form_item *it)
{
	int h = it->kind == FK_AREA ? it->height : 1;

	if (it->hidden)
		return 0;
	if (has_msg(it)) {
		int m = text_lines(it->msg, msg_width(f, it));
		if (msg_below(f, it))
			h += m;
		else if (m > h)
			h = m;
	} else if (it->kind == FK_SECTION && it->text && *it->text) {
		int m = text_lines(it->text, f->cols - section_text_x(it));
		if (m > h)
			h = m;
	}
	return h;
}

/* Lines of wrapped text at (y, x), the first at form line vis: only those
 * inside the form's rows. */
static void draw_wrapped(const struct form *f, int vis, int x, int width, const char *utf8, attr_t attr)
{
	size_t n, starts[32];
	int lines;
	wchar_t *w = wrap_text(utf8, width, &n, starts, 32, &lines);

	for (int i = 0; i < lines && i < 32; i++) {
		size_t a = starts[i], b = i + 1 < lines ? starts[i + 1] : n;
		if (vis + i >= 0 && vis + i < f->rows)
			ui_putw(f->y + vis + i, x, w + a, b - a, width, attr, 0);
	}
	free(w);
}

struct form_item *form_focused(struct form *f)
{
	return f->focus >= 0 && f->focus < f->n ? &f->items[f->focus] : NULL;
}

void form_focus(struct form *f, int index)
{
	if (index >= 0 && index < f->n)
		f->focus = index;
}

int form_text_input(struct form *f)
{
	struct form_item *it = form_focused(f);

	/* a choice too: there Space is the next choice and letters are
	 * nothing, not the list's page down, delete or quit (Space sent the
	 * cursor to another party's field with nothing said) */
	return it && !it->readonly &&
	       (it->kind == FK_TEXT || it->kind == FK_PASSWORD || it->kind == FK_AREA || it->kind == FK_CHOICE);
}

/* Below the label of a text area that holds more than it shows: which
 * lines are in view ("8/12行": up to line 8 of 12), in the label column,
 * where it can never cover the text. */
static void area_counter(struct form_item *it, int y, int x, int label_w, int width, int height, int focused)
{
	int n;
	size_t *starts = edit_lines(&it->edit, width, &n);
	free(starts);
	if (n <= height || height < 2)
		return;
	char buf[48];
	int last = it->edit.top + height < n ? it->edit.top + height : n; /* last line in view */
	snprintf(buf, sizeof buf, "%d/%d行", last, n);
	ui_put(y + height - 1, x, buf, label_w, ui_attr(US_DIM), 1);
	if (it->readonly && focused && height >= 3)
		ui_put(y + height - 2, x, "上下键滚动", label_w, ui_attr(US_DIM), 1);
}

void form_draw(struct form *f)
{
	int line = 0, fy = 0, fh = 1;

	/* a form opens on its first item that takes input (a read-only text
	 * area is reached by moving up to it) */
	if (f->focus >= 0 && f->focus < f->n && !focusable(&f->items[f->focus])) {
		int any = -1;
		for (int i = f->focus; i < f->n; i++) {
			if (!focusable(&f->items[i]))
				continue;
			if (any < 0)
				any = i;
			if (!f->items[i].readonly) {
				any = i;
				break;
			}
		}
		if (any >= 0)
			f->focus = any;
	}

	/* where the focused item is, to scroll it into view */
	for (int i = 0; i < f->n; i++) {
		if (i == f->focus) {
			fy = line;
			fh = item_height(f, &f->items[i]);
		}
		line += item_height(f, &f->items[i]);
	}
	/* keep the focused item in view with a little context: its heading
	 * above, and up to two lines below */
	int total = line;
	if (fy < f->top)
		f->top = fy > 0 && f->items[f->focus > 0 ? f->focus - 1 : 0].kind == FK_SECTION ? fy - 1 : fy;
	int below = fy + fh + 2 <= total ? 2 : total - fy - fh;
	if (fy + fh + below > f->top + f->rows)
		f->top = fy + fh + below - f->rows;
	if (f->top > fy)
		f->top = fy;
	if (f->top < 0)
		f->top = 0;

	int cur_y = -1, cur_x = -1;
	line = 0;
	int mx = f->x + f->label_w + 1 + f->field_w + 1;
	for (int i = 0; i < f->n; i++) {
		struct form_item *it = &f->items[i];
		int h = item_height(f, it);
		int vis = line - f->top;
		line += h;
		if (h == 0 || vis + h <= 0 || vis >= f->rows)
			continue;
		int y = f->y + vis;
		int focused = i == f->focus;
		int fx = f->x + f->label_w + 1;
		switch (it->kind) {
		case FK_SECTION:
			if (vis >= 0)
				ui_put(y, f->x, it->label, f->cols, ui_attr(US_HEADER), 0);
			if (it->text && *it->text) {
				int lw = section_text_x(it);
				draw_wrapped(f, vis, f->x + lw, f->cols - lw, it->text, ui_attr(it->text_style));
			}
			break;
		case FK_INFO:
			ui_put(y, f->x, it->text ? it->text : it->label, f->cols, ui_attr(it->text_style), 0);
			break;
		case FK_ROW:
			ui_put(y, f->x, it->text ? it->text : it->label, f->cols,
			       focused ? ui_attr(US_SELECTED) : ui_attr(it->text_style), 1);
			break;
		default: {
			int own = it->kind == FK_AREA ? it->height : 1; /* the field's own lines */
			if (vis >= 0)
				ui_put(y, f->x, it->label, f->label_w, focused ? ui_attr(US_SELECTED) : ui_attr(US_LABEL), 1);
			if (it->kind == FK_AREA) {
				int aw = f->cols - f->label_w - 1;
				/* partly below the bottom edge: show the rows that fit */
				int vh = vis + own <= f->rows ? own : f->rows - vis;
				if (vis >= 0 && vh > 0) {
					edit_draw(&it->edit, y, fx, aw, vh, focused && !it->readonly);
					if (focused && !it->readonly)
						getyx(stdscr, cur_y, cur_x);
					area_counter(it, y, f->x, f->label_w, aw, vh, focused);
				}
			} else if (vis < 0) {
				/* scrolled off: only the rest of its message shows */
			} else if (it->kind == FK_CHOICE && it->readonly) {
				/* filled by the program: the word alone, as a read-only text */
				ui_put(y, fx, it->nchoices ? it->choices[it->choice] : "", f->field_w, ui_attr(US_DIM), 1);
			} else if (it->kind == FK_CHOICE) {
				char buf[128];
				snprintf(buf, sizeof buf, "< %s >",
					 it->nchoices ? it->choices[it->choice] : "");
				ui_put(y, fx, buf, f->field_w, focused ? ui_attr(US_SELECTED) : ui_attr(US_FIELD), 1);
			} else if (it->readonly) {
				char *s = edit_get(&it->edit);
				ui_put(y, fx, s, f->field_w, ui_attr(US_DIM), 1);
				free(s);
			} else {
				edit_draw(&it->edit, y, fx, f->field_w, 1, focused);
				if (focused)
					getyx(stdscr, cur_y, cur_x);
			}
			if (has_msg(it)) {
				if (msg_below(f, it))
					draw_wrapped(f, vis + own, fx, msg_width(f, it), it->msg, ui_attr(it->msg_style));
				else
					draw_wrapped(f, vis, mx, msg_width(f, it), it->msg, ui_attr(it->msg_style));
			}
			break;
		}
		}
	}
	if (cur_y >= 0) {
		move(cur_y, cur_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
}

static int move_focus(struct form *f, int dir)
{
	int i = f->focus;

	for (;;) {
		i += dir;
		if (i < 0 || i >= f->n)
			return -1;
		if (focusable(&f->items[i])) {
			f->focus = i;
			return -1;
		}
	}
}

int form_handle(struct form *f, enum ui_action a, wint_t ch)
{
	struct form_item *it = form_focused(f);
	int width = f->cols - f->label_w - 1;

	if (!it)
		return -2;
	if (!focusable(it))
		move_focus(f, 1);
	if (it->kind == FK_AREA && it->readonly) {
		/* read only: the keys scroll it, nothing edits it */
		int step = a == UA_PGDN || a == UA_PGUP ? (it->height > 2 ? it->height - 1 : 1) : 1;
		switch (a) {
		case UA_DOWN:
		case UA_PGDN:
			if (!area_scroll(&it->edit, width, it->height, step) && a == UA_DOWN)
				return move_focus(f, 1);
			return -1;
		case UA_UP:
		case UA_PGUP:
			if (!area_scroll(&it->edit, width, it->height, -step) && a == UA_UP)
				return move_focus(f, -1);
			return -1;
		case UA_HOME:
			area_scroll(&it->edit, width, it->height, -it->edit.top);
			return -1;
		case UA_END:
			area_scroll(&it->edit, width, it->height, (int)it->edit.len + 1);
			return -1;
		case UA_NEXT:
		case UA_ENTER:
			return move_focus(f, 1);
		case UA_PREV:
			return move_focus(f, -1);
		default:
			return -2;
		}
	}
	switch (a) {
	case UA_NEXT:
		return move_focus(f, 1);
	case UA_PREV:
		return move_focus(f, -1);
	case UA_DOWN:
	case UA_UP:
		if (it->kind == FK_AREA && edit_handle(&it->edit, a, 0, width) >= 0)
			return -1;
		return move_focus(f, a == UA_DOWN ? 1 : -1);
	case UA_PGDN:
	case UA_PGUP:
		if (it->kind == FK_AREA) {
			edit_handle(&it->edit, a, 0, width);
			return -1;
		}
		for (int k = 0; k < f->rows / 2; k++)
			move_focus(f, a == UA_PGDN ? 1 : -1);
		return -1;
	case UA_ENTER:
		if (it->kind == FK_AREA) {
			int r = edit_handle(&it->edit, a, 0, width);
			edit_report_refused(&it->edit, it->label);
			return r == 1 ? f->focus : -1;
		}
		if (it->kind == FK_ROW)
			return -2;
		return move_focus(f, 1);
	default:
		break;
	}
	if (it->kind == FK_CHOICE && it->nchoices > 0) {
		if (a == UA_LEFT) {
			it->choice = (it->choice + it->nchoices - 1) % it->nchoices;
			return f->focus;
		}
		if (a == UA_RIGHT || (a == UA_NONE && ch == ' ')) {
			it->choice = (it->choice + 1) % it->nchoices;
			return f->focus;
		}
		return -2;
	}
	if (it->kind == FK_TEXT || it->kind == FK_PASSWORD || it->kind == FK_AREA) {
		int r = edit_handle(&it->edit, a, ch, it->kind == FK_AREA ? width : f->field_w);
		/* every field: a paste longer than it is reported, not cut silently */
		edit_report_refused(&it->edit, it->label);
		if (r == 1)
			return f->focus;
		if (r == 0)
			return -1;
	}
	return -2;
}

/* ---- changes and drafts ------------------------------------------------------ */

/* The items a person types into or chooses: what "changed" and a draft are
 * about.  Read-only items are filled by the program (derived values). */
static int holds_input(const struct form_item *it)
{
	return !it->readonly && (it->kind == FK_TEXT || it->kind == FK_PASSWORD || it->kind == FK_AREA ||
				 it->kind == FK_CHOICE);
}

char *form_snapshot(const struct form *f)
{
	struct strbuf sb;

	sb_init(&sb);
	for (int i = 0; i < f->n; i++) {
		const struct form_item *it = &f->items[i];
		if (!holds_input(it))
			continue;
		if (it->kind == FK_CHOICE) {
			sb_printf(&sb, "%d", it->choice);
		} else {
			char *v = edit_get(&it->edit);
			sb_add(&sb, v);
			free(v);
		}
		sb_addc(&sb, '\x1f'); /* a unit separator cannot be typed into a field */
	}
	return sb_detach(&sb);
}

int form_changed(const struct form *f, const char *snap)
{
	char *now = form_snapshot(f);
	int changed = strcmp(now, snap ? snap : "") != 0;

	free(now);
	return changed;
}

void form_draft_put(const struct form *f, struct strbuf *sb, const char *prefix)
{
	char num[16];

	for (int i = 0; i < f->n; i++) {
		const struct form_item *it = &f->items[i];
		if (!it->id || !holds_input(it) || it->kind == FK_PASSWORD)
			continue; /* passwords are never kept */
		char *key = xasprintf("%s%s", prefix, it->id);
		if (it->kind == FK_CHOICE) {
			snprintf(num, sizeof num, "%d", it->choice);
			draft_put(sb, key, num);
		} else {
			char *v = edit_get(&it->edit);
			draft_put(sb, key, v);
			free(v);
		}
		free(key);
	}
}

int form_draft_get(struct form *f, const char *body, const char *prefix)
{
	int n = 0;

	for (int i = 0; i < f->n; i++) {
		struct form_item *it = &f->items[i];
		if (!it->id || !holds_input(it) || it->kind == FK_PASSWORD)
			continue;
		char *key = xasprintf("%s%s", prefix, it->id);
		char *v = draft_get(body, key);
		free(key);
		if (!v)
			continue;
		if (it->kind == FK_CHOICE) {
			int c = atoi(v);
			if (c >= 0 && c < it->nchoices)
				it->choice = c;
		} else {
			edit_set(&it->edit, v);
		}
		free(v);
		n++;
	}
	return n;
}
