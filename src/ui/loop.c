/*
 * loop.c - the action table, the screen stack and the one main loop.
 *
 * Layout of the terminal: line 0 is the title (program, user, screen),
 * lines 1..LINES-3 belong to the screens, line LINES-2 is the message line
 * and line LINES-1 the function-key bar of the top screen.  A message
 * wider than the terminal takes up to UI_MSG_LINES lines, drawn over the
 * bottom of the screens while it is shown; a longer one opens as a
 * dialog.  Below 80x24 the loop shows only "终端窗口太小" and keeps every
 * screen as it is.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tiaojie/ui.h"
#include "tiaojie/uitext.h"
#include "tiaojie/util.h"

#define CTRL(c) ((c) & 0x1f)

/* The one table: for every action its bar label, its help line and every
 * key that gives it.  Key handling, the function-key bar and the help screen
 * are all read from these rows, so they cannot drift apart.
 *
 * A key is a curses key code (KC: F-keys, Home, ...), a control character
 * that works everywhere (CC: ^S, Esc, Tab, Enter), or a plain letter (LT)
 * that works only on screens without text input (lists, dialogs).  TX
 * marks a curses key that gives this action only inside text input, LS
 * one that gives it only outside (Del deletes a character in a field, a
 * row in a list).  HIDE keeps a duplicate out of the bar and the help. */
#define KC(k) {(k), UK_CURSES, 0}
#define TX(k) {(k), UK_CURSES, UK_TEXT}
#define LS(k) {(k), UK_CURSES, UK_LIST}
#define CC(c) {(c), UK_CHAR, 0}
#define LT(c) {(c), UK_CHAR, UK_LIST}
#define HIDE(c) {(c), UK_CHAR, UK_HIDDEN}
#define HIDL(c) {(c), UK_CHAR, UK_HIDDEN | UK_LIST}
#define HIDEK(k) {(k), UK_CURSES, UK_HIDDEN}

static const struct ui_action_def defs[UA_COUNT] = {
	[UA_HELP] = {UA_HELP, "帮助", "显示本屏幕可用的按键", {KC(KEY_F(1)), CC(CTRL('g')), LT('?')}},
	[UA_SAVE] = {UA_SAVE, "保存", "保存", {KC(KEY_F(2)), CC(CTRL('s')), LT('s')}},
	[UA_ACT] = {UA_ACT, "办理", "办理案件：列出您现在可以做的操作", {KC(KEY_F(3)), CC(CTRL('t'))}},
	[UA_PICK] = {UA_PICK, "选择", "从当前栏目的列表中选择（如案由、所在区），或筛选", {KC(KEY_F(4)), CC(CTRL('p'))}},
	[UA_ADD] = {UA_ADD, "新增", "新增一项", {KC(KEY_F(5)), CC(CTRL('n')), LS(KEY_IC), LT('a'), LT('n')}},
	[UA_EDIT] = {UA_EDIT, "修改", "修改选中的一项", {KC(KEY_F(6)), CC(CTRL('e')), LT('e')}},
	[UA_VIEW] = {UA_VIEW, "视图", "切换视图（如日程的日/周）", {KC(KEY_F(7)), CC(CTRL('w')), LT('v')}},
	[UA_DELETE] = {UA_DELETE, "删除", "删除选中的一项", {KC(KEY_F(8)), CC(CTRL('d')), LS(KEY_DC), LT('d')}},
	[UA_REFRESH] = {UA_REFRESH, "刷新", "重新读取数据", {KC(KEY_F(9)), CC(CTRL('r')), LT('r')}},
	[UA_PRINT] = {UA_PRINT, "文书", "生成本案当前状态适用的文书（PDF），配置了打印命令时送打印",
		      {KC(KEY_F(11)), CC(CTRL('o')), LT('p')}},
	[UA_BACK] = {UA_BACK, "返回", "返回上一屏幕（有未保存的内容时先询问）",
		     {KC(KEY_F(10)), CC(CTRL('x')), CC(27), LT('q')}},
	[UA_QUIT] = {UA_QUIT, "退出", "退出程序（未保存的表单存为草稿）", {KC(KEY_F(12)), CC(CTRL('q'))}},
	[UA_TODAY] = {UA_TODAY, "今天", "回到今天", {LT('t'), HIDL('T')}},
	[UA_DISCARD] = {UA_DISCARD, "放弃", "放弃未保存的修改", {LT('d')}},
	[UA_KEEP] = {UA_KEEP, "存草稿", "存为草稿，以后从工作台继续", {LT('c')}},
	[UA_NEXT] = {UA_NEXT, NULL, "下一栏", {CC('\t')}},
	[UA_PREV] = {UA_PREV, NULL, "上一栏", {KC(KEY_BTAB)}},
	[UA_DOWN] = {UA_DOWN, NULL, "下一行（多行文字内为光标下移）", {KC(KEY_DOWN), LT('j')}},
	[UA_UP] = {UA_UP, NULL, "上一行（多行文字内为光标上移）", {KC(KEY_UP), LT('k')}},
	[UA_ENTER] = {UA_ENTER, NULL, "确定、打开或进入下一项", {CC('\r'), HIDE('\n'), HIDEK(KEY_ENTER)}},
	[UA_PGUP] = {UA_PGUP, NULL, "上一页", {KC(KEY_PPAGE), LT('b')}},
	[UA_PGDN] = {UA_PGDN, NULL, "下一页", {KC(KEY_NPAGE), LT(' ')}},
	[UA_HOME] = {UA_HOME, NULL, "到开头（栏内为行首，列表为第一项）", {KC(KEY_HOME), CC(CTRL('a')), LT('g')}},
	[UA_END] = {UA_END, NULL, "到末尾（栏内为行尾，列表为最后一项）", {KC(KEY_END), CC(CTRL('f')), LT('G')}},
	[UA_LEFT] = {UA_LEFT, NULL, "光标左移，或切换选项", {KC(KEY_LEFT)}},
	[UA_RIGHT] = {UA_RIGHT, NULL, "光标右移，或切换选项", {KC(KEY_RIGHT)}},
	[UA_BKSP] = {UA_BKSP, NULL, "删除光标前的字", {KC(KEY_BACKSPACE), HIDE(127), CC(CTRL('h'))}},
	[UA_DELCHAR] = {UA_DELCHAR, NULL, "删除光标处的字", {TX(KEY_DC)}},
	[UA_KILL] = {UA_KILL, NULL, "清空当前栏", {CC(CTRL('k'))}},
	[UA_YES] = {UA_YES, "是", "回答是", {LT('y'), HIDL('Y')}},
	[UA_NO] = {UA_NO, "否", "回答否", {LT('n'), HIDL('N')}},
};

const struct ui_action_def *ui_action_def(enum ui_action a)
{
	return (unsigned)a < UA_COUNT ? &defs[a] : &defs[UA_NONE];
}

/* The name of one key as the user reads it. */
static void keydef_name(const struct ui_key *k, char *buf, size_t size)
{
	if (k->kind == UK_CURSES) {
		const char *n = NULL;
		if (k->code >= KEY_F(1) && k->code <= KEY_F(12)) {
			snprintf(buf, size, "F%d", k->code - KEY_F0);
			return;
		}
		switch (k->code) {
		case KEY_HOME: n = "Home"; break;
		case KEY_END: n = "End"; break;
		case KEY_PPAGE: n = "PgUp"; break;
		case KEY_NPAGE: n = "PgDn"; break;
		case KEY_DC: n = "Del"; break;
		case KEY_IC: n = "Ins"; break;
		case KEY_BTAB: n = "Shift-Tab"; break;
		case KEY_BACKSPACE: n = "Backspace"; break;
		case KEY_UP: n = "上"; break;
		case KEY_DOWN: n = "下"; break;
		case KEY_LEFT: n = "左"; break;
		case KEY_RIGHT: n = "右"; break;
		case KEY_ENTER: n = "Enter"; break;
		default: n = "?"; break;
		}
		snprintf(buf, size, "%s", n);
		return;
	}
	switch (k->code) {
	case 27: snprintf(buf, size, "Esc"); return;
	case '\t': snprintf(buf, size, "Tab"); return;
	case '\r': snprintf(buf, size, "Enter"); return;
	case ' ': snprintf(buf, size, "空格"); return;
	default: break;
	}
	if (k->code < 32)
		snprintf(buf, size, "^%c", k->code + '@');
	else
		snprintf(buf, size, "%c", k->code);
}

/* Does this key work here?  A curses key works when the terminal's
 * description has it or we taught ncurses its sequence (term.c); for the
 * bar and help we show only those the terminal's own description has, so
 * a vt100 shows "^A" where it has no Home.  Letters work only outside
 * text input. */
static int key_shown(const struct ui_key *k, int text)
{
	if (k->code == 0 || (k->flags & UK_HIDDEN))
		return 0;
	if (k->kind == UK_CURSES)
		return ui_term_has_key(k->code) && !((k->flags & UK_TEXT) && !text) &&
		       !((k->flags & UK_LIST) && text);
	if (k->flags & UK_LIST)
		return !text;
	return 1;
}

int ui_action_keys(enum ui_action a, int text, int all, char *buf, size_t size)
{
	const struct ui_action_def *d = ui_action_def(a);
	size_t used = 0;
	int n = 0, curses = 0, chars = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < TJ_ARRAY_LEN(d->keys) && d->keys[i].code; i++) {
		const struct ui_key *k = &d->keys[i];
		char name[24];
		if (!key_shown(k, text))
			continue;
		/* on the bar: the F-key and one alternative typed by hand */
		if (!all && ((k->kind == UK_CURSES && (curses++ || k->code < KEY_F(1) || k->code > KEY_F(12))) ||
			     (k->kind == UK_CHAR && chars++) || (k->kind == UK_CHAR && k->code == 27)))
			continue;
		keydef_name(k, name, sizeof name);
		int w = snprintf(buf + used, size - used, "%s%s", n && all ? "/" : "", name);
		if (w < 0 || (size_t)w >= size - used)
			break;
		used += (size_t)w;
		n++;
	}
	return n;
}

int ui_key_used(int code)
{
	for (int a = 1; a < UA_COUNT; a++)
		for (size_t i = 0; i < TJ_ARRAY_LEN(defs[a].keys) && defs[a].keys[i].code; i++)
			if (defs[a].keys[i].kind == UK_CURSES && defs[a].keys[i].code == code)
				return 1;
	return 0;
}

/* The bar label and help line of an action on this screen. */
static void label_of(const struct screen *s, enum ui_action a, const char **bar, const char **help)
{
	const struct ui_action_def *d = ui_action_def(a);

	*bar = d->bar;
	*help = d->help;
	for (const struct ui_label *l = s->ops->labels; l && l->action != UA_NONE; l++)
		if (l->action == a) {
			if (l->bar)
				*bar = l->bar;
			if (l->help)
				*help = l->help;
		}
}

static int offers(const struct screen *s, enum ui_action a)
{
	for (const enum ui_action *p = s->ops->actions; p && *p != UA_NONE; p++)
		if (*p == a)
			return 1;
	return 0;
}

static int is_text(const struct screen *s)
{
	return s->ops->text_input && s->ops->text_input((struct screen *)s);
}

/* Key to action, from the table.  Where a key gives several actions, the
 * one this screen offers wins; then an action every screen has (those
 * without a bar label: moving, editing); then the first. */
enum ui_action ui_key_action(const struct screen *s, int is_key, wint_t ch)
{
	int text = is_text(s);
	enum ui_action any = UA_NONE, general = UA_NONE;

	for (int a = 1; a < UA_COUNT; a++) {
		const struct ui_action_def *d = &defs[a];
		for (size_t i = 0; i < TJ_ARRAY_LEN(d->keys) && d->keys[i].code; i++) {
			const struct ui_key *k = &d->keys[i];
			if ((k->kind == UK_CURSES) != (is_key != 0) || (wint_t)k->code != ch)
				continue;
			if (((k->flags & UK_TEXT) && !text) || ((k->flags & UK_LIST) && text))
				continue;
			if (offers(s, (enum ui_action)a))
				return (enum ui_action)a;
			if (!d->bar && general == UA_NONE)
				general = (enum ui_action)a;
			if (any == UA_NONE)
				any = (enum ui_action)a;
		}
	}
	return general != UA_NONE ? general : any;
}

/* ---- drawing helpers ------------------------------------------------------ */

int ui_putw(int y, int x, const wchar_t *s, size_t n, int width, attr_t attr, int pad)
{
	int used = 0;

	if (width <= 0)
		return 0;
	attron(attr);
	move(y, x);
	for (size_t i = 0; i < n; i++) {
		wchar_t c = s[i];
		int w = tw_charwidth(c);
		if (!tw_printable(c))
			c = L'?', w = 1;
		if (used + w > width) {
			/* a wide character that does not fit is not split */
			break;
		}
		if (w == 0) {
			continue; /* combining marks are dropped rather than risked */
		}
		addnwstr(&c, 1);
		used += w;
	}
	if (pad)
		for (; used < width; used++)
			addch(' ');
	attroff(attr);
	return used;
}

int ui_put(int y, int x, const char *utf8, int width, attr_t attr, int pad)
{
	size_t n;
	wchar_t *w = tw_from_utf8(utf8 ? utf8 : "", &n);
	int used = ui_putw(y, x, w, n, width, attr, pad);

	free(w);
	return used;
}

void ui_fill(int y, int x, int width, attr_t attr)
{
	attron(attr);
	mvhline(y, x, ' ', width);
	attroff(attr);
}

void ui_box(int y, int x, int h, int w, const char *title)
{
	/* ASCII corners and lines: line-drawing characters are of ambiguous
	 * width in CJK terminals. */
	for (int r = 0; r < h; r++)
		ui_fill(y + r, x, w, A_NORMAL);
	mvaddch(y, x, '+');
	mvhline(y, x + 1, '-', w - 2);
	mvaddch(y, x + w - 1, '+');
	mvaddch(y + h - 1, x, '+');
	mvhline(y + h - 1, x + 1, '-', w - 2);
	mvaddch(y + h - 1, x + w - 1, '+');
	for (int r = 1; r < h - 1; r++) {
		mvaddch(y + r, x, '|');
		mvaddch(y + r, x + w - 1, '|');
	}
	if (title && *title) {
		int tw = tw_width(title);
		int tx = x + (w - tw - 2) / 2;
		if (tx < x + 1)
			tx = x + 1;
		mvaddch(y, tx, ' ');
		ui_put(y, tx + 1, title, w - 4, A_BOLD, 0);
		addch(' ');
	}
}

/* ---- messages ------------------------------------------------------------- */

void ui_msg(struct app *app, enum ui_style style, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int len = vsnprintf(app->msg, sizeof app->msg, fmt, ap);
	va_end(ap);
	if (len >= (int)sizeof app->msg) {
		/* cut, but not inside a character */
		size_t end = sizeof app->msg - 1;
		while (end > 0 && ((unsigned char)app->msg[end] & 0xC0) == 0x80)
			end--;
		app->msg[end] = '\0';
	}
	/* wrapped by width, not by the writer's line breaks */
	for (char *p = app->msg; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	app->msg_style = style;
}

/* The message wrapped to the terminal's width: its lines (up to max
 * starts) and the wide text, which the caller frees. */
static wchar_t *msg_lines(const struct app *app, size_t *n, size_t *starts, int max, int *lines)
{
	wchar_t *w = tw_from_utf8(app->msg, n);

	*lines = *n ? tw_wrap(w, *n, COLS, starts, max) : 0;
	return w;
}

/* Too long for the message area: it is shown as a dialog instead. */
static int msg_too_long(const struct app *app)
{
	size_t n;
	int lines;
	wchar_t *w;

	if (!app->msg[0] || tw_width(app->msg) <= COLS * UI_MSG_LINES)
		return 0;
	w = msg_lines(app, &n, NULL, 0, &lines);
	free(w);
	return lines > UI_MSG_LINES;
}

/* The message area: the line above the bar, growing upward over the
 * screens when the message needs more. */
static int draw_msg(struct app *app)
{
	size_t n, starts[UI_MSG_LINES];
	int lines;
	wchar_t *w = msg_lines(app, &n, starts, UI_MSG_LINES, &lines);

	if (lines > UI_MSG_LINES)
		lines = UI_MSG_LINES; /* the rest is in the dialog */
	ui_fill(LINES - 2, 0, COLS, A_NORMAL);
	for (int i = 0; i < lines; i++) {
		size_t a = starts[i], b = i + 1 < lines ? starts[i + 1] : n;
		int y = LINES - 1 - lines + i;
		ui_fill(y, 0, COLS, A_NORMAL);
		ui_putw(y, 0, w + a, b - a, COLS, ui_attr(app->msg_style), 0);
	}
	free(w);
	return lines;
}

int64_t ui_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

void ui_wake_after(struct app *app, int ms)
{
	int64_t at = ui_now_ms() + (ms > 0 ? ms : 0);

	if (!app->wake_at || at < app->wake_at)
		app->wake_at = at;
}

/* ---- characters a full field refused --------------------------------------- */

/* Characters arrive one by one, so a paste longer than a field is a burst
 * of refusals: counted here until a key that is not refused or a pause,
 * and reported once with the numbers (the field keeps what fit; the rest
 * can be pasted again). */
#define REFUSAL_PAUSE_MS 300
static struct {
	char label[64];
	size_t max, count;
	int this_key; /* the key being handled was refused */
	int shown;    /* the count so far is on the message line */
} refusal;

void ui_refused(const char *label, size_t max)
{
	if (refusal.count && (strcmp(refusal.label, label) || refusal.max != max))
		refusal.count = 0; /* another field: another burst */
	if (!refusal.count) {
		beep(); /* once, not for every character */
		snprintf(refusal.label, sizeof refusal.label, "%s", label);
		refusal.max = max;
	}
	refusal.count++;
	refusal.this_key = 1;
	refusal.shown = 0;
}

static void refusal_report(struct app *app)
{
	char also[sizeof app->msg];

	/* what the key that ended the burst said comes after */
	snprintf(also, sizeof also, "%s", app->msg);
	if (refusal.count == 1)
		ui_msg(app, US_ERROR, "「%s」最多 %zu 字，已满，未录入 1 字%s%s", refusal.label, refusal.max,
		       also[0] ? "；" : "", also);
	else
		ui_msg(app, US_ERROR, "「%s」已超出 %zu 字上限，未粘贴 %zu 字；可精简后再粘贴，或分次粘贴到其他栏目%s%s",
		       refusal.label, refusal.max, refusal.count, also[0] ? "；" : "", also);
	refusal.shown = 1;
}

/* After a key was handled: a burst goes on, or ends and is reported. */
static void refusal_after_key(struct app *app)
{
	if (refusal.this_key) {
		ui_wake_after(app, REFUSAL_PAUSE_MS);
		return;
	}
	if (refusal.count && !refusal.shown)
		refusal_report(app);
	refusal.count = 0;
}

void ui_error(struct app *app)
{
	ui_msg(app, US_ERROR, "%s", tj_errmsg());
}

/* ---- the stack ---------------------------------------------------------- */

struct screen *screen_new(struct app *app, const struct screen_ops *ops, const char *title, void *priv)
{
	struct screen *s = xcalloc(1, sizeof *s);

	s->ops = ops;
	s->app = app;
	s->title = title;
	s->priv = priv;
	return s;
}

void ui_push(struct app *app, struct screen *s)
{
	if (app->depth >= (int)TJ_ARRAY_LEN(app->stack)) {
		ui_msg(app, US_ERROR, "打开的窗口太多");
		if (s->ops->destroy)
			s->ops->destroy(s);
		free(s);
		return;
	}
	app->stack[app->depth++] = s;
	if (LINES >= UI_MIN_ROWS && COLS >= UI_MIN_COLS)
		s->ops->layout(s, LINES - 3, COLS);
	else
		s->ops->layout(s, UI_MIN_ROWS - 3, UI_MIN_COLS);
}

/* A screen from under the top one (UI_REPLACE): the screens above it
 * move down. */
static void remove_screen(struct app *app, struct screen *s)
{
	for (int i = 0; i < app->depth; i++)
		if (app->stack[i] == s) {
			memmove(app->stack + i, app->stack + i + 1, (size_t)(app->depth - i - 1) * sizeof *app->stack);
			app->depth--;
			if (s->ops->destroy)
				s->ops->destroy(s);
			free(s);
			return;
		}
}

void ui_pop(struct app *app)
{
	if (app->depth <= 0)
		return;
	struct screen *s = app->stack[--app->depth];
	if (s->ops->destroy)
		s->ops->destroy(s);
	free(s);
}

struct screen *ui_top(struct app *app)
{
	return app->depth ? app->stack[app->depth - 1] : NULL;
}

/* ---- chrome ----------------------------------------------------------------- */

static void draw_title(struct app *app)
{
	const char *title = "";
	char left[256], right[64], badge[64];
	char today[11];

	/* dialogs have no title of their own: show the screen below */
	for (int i = app->depth - 1; i >= 0; i--)
		if (app->stack[i]->title) {
			title = app->stack[i]->title;
			break;
		}
	date_format(tj_today(), today);
	snprintf(left, sizeof left, " 调解 tiaojie  %s%s%s", title,
		 app->logged_in ? "  -  " : "", app->logged_in ? app->user.display_name : "");
	snprintf(right, sizeof right, "%s%s %s ", app->logged_in ? role_name(app->actor.role) : "",
		 app->logged_in ? " " : "", today);
	badge[0] = '\0';
	if (app->badge)
		snprintf(badge, sizeof badge, " %s ", app->badge);
	ui_fill(0, 0, COLS, ui_attr(US_TITLE));
	int rw = tw_width(right), bw = tw_width(badge);
	ui_put(0, 0, left, COLS - rw - bw - 2, ui_attr(US_TITLE), 0);
	/* the badge stands out from the bar: it holds for the whole session */
	if (bw)
		ui_put(0, COLS - rw - bw - 1, badge, bw, ui_attr(US_ERROR) | A_REVERSE, 0);
	ui_put(0, COLS - rw, right, rw, ui_attr(US_TITLE), 0);
}

static void draw_bar(struct screen *s)
{
	int x = 0, y = LINES - 1;
	int text = is_text(s);

	ui_fill(y, 0, COLS, ui_attr(US_BAR));
	for (const enum ui_action *p = s->ops->actions; p && *p != UA_NONE; p++) {
		const char *bar, *help;
		label_of(s, *p, &bar, &help);
		if (!bar)
			continue;
		/* "F2^S保存": the F-key and its Ctrl or letter alternative,
		 * only those that work on this terminal and screen */
		char key[48], name[48];
		if (ui_action_keys(*p, text, 0, name, sizeof name) == 0)
			continue;
		size_t i = 0;
		for (const char *k = name; *k && i + 1 < sizeof key; k++)
			if (*k != '/')
				key[i++] = *k;
		key[i] = '\0';
		int need = tw_width(key) + tw_width(bar) + 1;
		if (x + need > COLS)
			break;
		x += ui_put(y, x, key, COLS - x, ui_attr(US_BARKEY), 0);
		x += ui_put(y, x, bar, COLS - x, ui_attr(US_BAR), 0);
		x += ui_put(y, x, " ", COLS - x, ui_attr(US_BAR), 0);
	}
}

static size_t npending, pending_at;

static void draw_too_small(void)
{
	char a[128], b[128];

	erase();
	snprintf(a, sizeof a, "终端窗口太小");
	snprintf(b, sizeof b, "至少需要 %d 列 x %d 行，当前 %d 列 x %d 行", UI_MIN_COLS, UI_MIN_ROWS, COLS, LINES);
	int y = LINES / 2 - 1;
	if (y < 0)
		y = 0;
	ui_put(y, 0, a, COLS, A_BOLD, 0);
	if (y + 1 < LINES)
		ui_put(y + 1, 0, b, COLS, A_NORMAL, 0);
	if (y + 2 < LINES)
		ui_put(y + 2, 0, "请放大窗口；已输入的内容不会丢失", COLS, A_NORMAL, 0);
	if (y + 3 < LINES && npending > pending_at) {
		snprintf(b, sizeof b, "窗口放大后将接着处理此间按下的 %zu 个键", npending - pending_at);
		ui_put(y + 3, 0, b, COLS, A_NORMAL, 0);
	}
}

static void draw_all(struct app *app)
{
	if (LINES < UI_MIN_ROWS || COLS < UI_MIN_COLS) {
		curs_set(0);
		draw_too_small();
		refresh();
		return;
	}
	erase();
	curs_set(0);
	int from = app->depth - 1;
	while (from > 0 && app->stack[from]->ops->overlay)
		from--;
	for (int i = from; i < app->depth; i++) {
		if (i < app->depth - 1)
			curs_set(0);
		app->stack[i]->ops->draw(app->stack[i]);
	}
	/* the top screen may have placed the cursor; keep it there */
	int cy, cx;
	getyx(stdscr, cy, cx);
	int vis = curs_set(0);
	draw_title(app);
	int mlines = draw_msg(app);
	draw_bar(ui_top(app));
	/* a cursor under a long message would blink in its text; the
	 * message goes at the next key */
	if (mlines > 1 && cy >= LINES - 1 - mlines)
		vis = 0;
	move(cy, cx);
	if (vis > 0)
		curs_set(vis);
	refresh();
}

/* ---- the loop ---------------------------------------------------------- */

static void save_all_drafts(struct app *app)
{
	for (int i = app->depth - 1; i >= 0; i--)
		if (app->stack[i]->ops->save_draft)
			app->stack[i]->ops->save_draft(app->stack[i]);
}

static void relayout(struct app *app)
{
	int rows = LINES - 3, cols = COLS;

	if (LINES < UI_MIN_ROWS || COLS < UI_MIN_COLS)
		return; /* keep the old layout until the terminal is big enough */
	for (int i = 0; i < app->depth; i++)
		app->stack[i]->ops->layout(app->stack[i], rows, cols);
}

static int too_small(void)
{
	return LINES < UI_MIN_ROWS || COLS < UI_MIN_COLS;
}

/* Keys typed while the terminal is too small, or read ahead while a long
 * task looked at the keyboard: applied in order once the loop can. */
struct pending_key {
	int r;
	wint_t ch;
};
static struct pending_key pending[4096];

static int pend(int r, wint_t ch)
{
	if (npending >= TJ_ARRAY_LEN(pending))
		return -1;
	pending[npending].r = r;
	pending[npending].ch = ch;
	npending++;
	return 0;
}

void ui_forget_keys(void)
{
	npending = pending_at = 0;
	flushinp();
}

static int unpend(int *r, wint_t *ch)
{
	if (pending_at >= npending) {
		npending = pending_at = 0;
		return 0;
	}
	*r = pending[pending_at].r;
	*ch = pending[pending_at].ch;
	pending_at++;
	return 1;
}

static unsigned long keys_read; /* keys read so far, for ui_term_idle */

/* Read one key (wget_wch) with the timeout set.  A bare Esc that is
 * followed at once by '[' or 'O' is the start of a sequence this terminal's
 * description does not know and term.c did not teach: it is swallowed
 * whole rather than taken for Esc and a few typed characters ("[1~" in a
 * search field). */
static int read_key(wint_t *ch, int *unknown)
{
	int r = wget_wch(stdscr, ch);

	*unknown = 0;
	if (r != ERR)
		keys_read++;
	if (r != OK || *ch != 27)
		return r;
	timeout(40);
	wint_t c;
	int r2 = wget_wch(stdscr, &c);
	if (r2 == ERR)
		return r; /* a real Esc */
	if (r2 != OK || (c != '[' && c != 'O')) {
		/* Esc and then a key: Alt-key.  Keep the key for later. */
		pend(r2, c);
		return r;
	}
	/* CSI: parameters 0x30-0x3f, intermediates 0x20-0x2f, a final byte
	 * 0x40-0x7e; SS3: one byte. */
	int first = 1;
	for (int n = 0; n < 32; n++) {
		r2 = wget_wch(stdscr, &c);
		if (r2 != OK)
			break;
		if (c == L'[' && first && n == 0)
			continue; /* the Linux console's \e[[A */
		first = 0;
		if (c >= 0x40 && c <= 0x7e && (c != '[' || n > 0))
			break;
	}
	*unknown = 1;
	return ERR;
}

static int pasting, paste_cr; /* inside a bracketed paste; its last was \r */

/* Run until the screen `until` has left the stack (or the stack is empty
 * when until is NULL).  A modal question (until set) ticks only itself and
 * what it opened: the screens beneath stay exactly as the user saw them when
 * it was asked. */
static void loop_until(struct app *app, struct screen *until)
{
	int idle_errs = 0;
	time_t last_tick = time(NULL);

	for (;;) {
		int wait = 1000;
		int base = 0;
		if (app->quit || app->depth == 0)
			return;
		if (until) {
			base = -1;
			for (int i = 0; i < app->depth; i++)
				if (app->stack[i] == until)
					base = i;
			if (base < 0)
				return;
		}
		if (ui_signal) {
			if (!app->drafts_counting) {
				app->drafts_counting = 1;
				app->drafts_kept = app->drafts_aside = app->drafts_lost = 0;
			}
			save_all_drafts(app);
			app->quit = 1;
			return;
		}
		if (!too_small() && msg_too_long(app)) {
			/* more than the message area holds: a dialog, read
			 * whole, then back to where the user was */
			char *text = xstrdup(app->msg);
			enum ui_style st = app->msg_style;
			app->msg[0] = '\0';
			ui_alert(app, st == US_ERROR ? "出错" : "提示", text);
			free(text);
			continue;
		}
		int r, unknown = 0;
		wint_t ch;
		int from_queue = !too_small() && unpend(&r, &ch);
		if (!from_queue) {
			draw_all(app);
			if (app->wake_at) {
				int64_t left = app->wake_at - ui_now_ms();
				wait = left < 0 ? 0 : left < wait ? (int)left : wait;
			}
			timeout(wait);
			struct timespec t0, t1;
			clock_gettime(CLOCK_MONOTONIC, &t0);
			ui_term_idle(keys_read);
			r = read_key(&ch, &unknown);
			if (r == ERR && !unknown) {
				if (ui_signal)
					continue;
				clock_gettime(CLOCK_MONOTONIC, &t1);
				long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
				/* A read that fails at once, again and again, is a dead
				 * terminal (the SSH link dropped without a SIGHUP). */
				if (wait >= 100 && ms < wait / 2 && ++idle_errs > 50) {
					ui_signal = SIGHUP;
					continue;
				}
				if (wait == 1000 && ms >= 500) {
					idle_errs = 0;
					/* a second without a key: the time to checkpoint */
					if (app->idle && app->idle(app) < 0)
						ui_error(app);
				}
			} else {
				idle_errs = 0;
			}
			time_t now = time(NULL);
			int woke = app->wake_at && ui_now_ms() >= app->wake_at;
			if (woke)
				app->wake_at = 0; /* the ticks below are the ones asked for */
			if (r == ERR || woke || now != last_tick) {
				last_tick = now;
				for (int i = base; i < app->depth; i++)
					if (app->stack[i]->ops->tick)
						app->stack[i]->ops->tick(app->stack[i]);
			}
			if (unknown) {
				ui_msg(app, US_WARN, "这个按键本终端无法识别，请改用按键栏上的 Ctrl 组合键");
				continue;
			}
			if (r == ERR) {
				/* a pause: say how much of a paste was left out */
				if (refusal.count && !refusal.shown)
					refusal_report(app);
				continue;
			}
			if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
				relayout(app);
				continue;
			}
		}
		if (too_small()) {
			if (r != KEY_CODE_YES && ch == CTRL('q')) {
				save_all_drafts(app);
				app->quit = 1;
				continue;
			}
			/* kept, in order, until the terminal is big enough */
			if (pend(r, ch) < 0)
				beep();
			continue;
		}
		struct screen *top = ui_top(app);
		/* A bracketed paste (term.c asks the terminal for it): its line
		 * breaks and tabs are text, not Enter and Tab, so a pasted
		 * address stays in its field instead of spilling over the next
		 * ones; a text area keeps the lines. */
		if (r == KEY_CODE_YES && (ch == UI_KEY_PASTE_BEGIN || ch == UI_KEY_PASTE_END)) {
			pasting = ch == UI_KEY_PASTE_BEGIN;
			paste_cr = 0;
			/* the end of a paste: the field forgets a line break that
			 * ended it (UA_NONE with no character) */
			if (!pasting && is_text(top))
				top->ops->handle(top, UA_NONE, 0);
			continue;
		}
		enum ui_action a;
		if (pasting && r == OK && (ch == '\r' || ch == '\n' || ch == '\t') && is_text(top)) {
			int crlf = ch == '\n' && paste_cr;
			paste_cr = ch == '\r';
			if (crlf)
				continue;
			a = UA_NONE;
			ch = ch == '\t' ? L' ' : L'\n';
		} else {
			paste_cr = 0;
			a = ui_key_action(top, r == KEY_CODE_YES, ch);
		}
		if (a == UA_HELP) {
			ui_push(app, help_screen_new(app, top));
			continue;
		}
		if (a == UA_QUIT && !offers(top, a)) {
			if (ui_confirm(app, "确定退出 tiaojie 吗？未保存的表单会存为草稿。")) {
				save_all_drafts(app);
				app->quit = 1;
			}
			continue;
		}
		/* a command this screen does not offer: the bar does not show
		 * it either, so it does nothing */
		if (ui_action_def(a)->bar && !offers(top, a))
			continue;
		if (r == KEY_CODE_YES && a == UA_NONE)
			continue; /* an unbound function key */
		app->msg[0] = '\0';
		refusal.this_key = 0;
		int res = top->ops->handle(top, a, a == UA_NONE ? ch : 0);
		refusal_after_key(app);
		if (res & UI_CLOSE) {
			if (ui_top(app) == top)
				ui_pop(app);
			else if (res & UI_REPLACE)
				remove_screen(app, top);
		}
	}
}

void ui_logout(struct app *app)
{
	app->logout = 1;
	app->quit = 1;
}

void ui_run(struct app *app)
{
	loop_until(app, NULL);
}

static void take_down(struct app *app, struct screen *s)
{
	for (int i = 0; i < app->depth; i++)
		if (app->stack[i] == s) {
			while (app->depth > i)
				ui_pop(app);
			break;
		}
}

void ui_wait(struct app *app, struct screen *s)
{
	loop_until(app, s);
	/* leaving (a signal, quit): take it down if it is still there */
	take_down(app, s);
}

enum ui_action ui_poll_action(struct app *app, const enum ui_action *wanted)
{
	struct screen *top = ui_top(app);
	enum ui_action found = UA_NONE;
	wint_t ch;
	int r, unknown;

	timeout(0);
	while ((r = read_key(&ch, &unknown)) != ERR || unknown) {
		if (unknown || (r == KEY_CODE_YES && ch == KEY_RESIZE))
			continue;
		enum ui_action a = top ? ui_key_action(top, r == KEY_CODE_YES, ch) : UA_NONE;
		int hit = 0;
		for (const enum ui_action *w = wanted; w && *w != UA_NONE; w++)
			hit |= *w == a;
		if (hit && found == UA_NONE)
			found = a;
		else if (!hit)
			pend(r, ch); /* typed ahead: the loop applies it later */
	}
	return found;
}

/* ---- dialogs ----------------------------------------------------------------- */

enum dialog_kind { DK_ALERT, DK_ASK, DK_UNSAVED };

struct dialog {
	const char *title;
	char *text;
	enum dialog_kind kind;
	int answer;
};

static const enum ui_action ask_actions[] = {UA_YES, UA_NO, UA_BACK, UA_NONE};
static const struct ui_label ask_labels[] = {{UA_BACK, "返回", "不作回答，回到原处"}, {UA_NONE, NULL, NULL}};
static const enum ui_action unsaved_actions[] = {UA_SAVE, UA_DISCARD, UA_BACK, UA_NONE};
static const struct ui_label unsaved_labels[] = {
	{UA_SAVE, "保存", "保存后离开"},
	{UA_DISCARD, "放弃", "放弃修改并离开"},
	{UA_BACK, "继续编辑", "回到表单继续编辑，什么也不丢"},
	{UA_NONE, NULL, NULL},
};
static const enum ui_action unsaved_keep_actions[] = {UA_SAVE, UA_KEEP, UA_DISCARD, UA_BACK, UA_NONE};
static const enum ui_action alert_actions[] = {UA_ENTER, UA_BACK, UA_NONE};

static void dialog_layout(struct screen *s, int rows, int cols)
{
	s->rows = rows;
	s->cols = cols;
}

/* The hint under a question, from the key table. */
static void dialog_hint(const struct screen *s, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (const enum ui_action *p = s->ops->actions; p && *p != UA_NONE; p++) {
		const char *bar, *help;
		char keys[48];
		label_of(s, *p, &bar, &help);
		if (!bar || ui_action_keys(*p, 0, 1, keys, sizeof keys) == 0)
			continue;
		int w = snprintf(buf + used, size - used, "%s%s %s", used ? "  " : "", keys, bar);
		if (w < 0 || (size_t)w >= size - used)
			break;
		used += (size_t)w;
	}
}

static void dialog_draw(struct screen *s)
{
	struct dialog *d = s->priv;
	size_t n;
	wchar_t *w = tw_from_utf8(d->text, &n);
	int bw = s->cols - 8 < 72 ? s->cols - 8 : 72;
	char hint[256];
	size_t starts[32];

	if (d->kind == DK_ALERT)
		snprintf(hint, sizeof hint, "按 Enter 继续");
	else
		dialog_hint(s, hint, sizeof hint);
	int lines = tw_wrap(w, n, bw - 4, starts, 32);
	if (lines > 16)
		lines = 16;
	int bh = lines + 4;
	int y = (s->rows - bh) / 2 + 1, x = (s->cols - bw) / 2;

	ui_box(y, x, bh, bw, d->title);
	for (int i = 0; i < lines; i++) {
		size_t a = starts[i], b = i + 1 < lines ? starts[i + 1] : n;
		while (b > a && w[b - 1] == L'\n')
			b--;
		ui_putw(y + 1 + i, x + 2, w + a, b - a, bw - 4, A_NORMAL, 0);
	}
	ui_put(y + bh - 2, x + 2, hint, bw - 4, ui_attr(US_DIM), 0);
	free(w);
}

static int dialog_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct dialog *d = s->priv;

	(void)ch;
	switch (d->kind) {
	case DK_ASK:
		if (a == UA_YES || a == UA_NO || a == UA_BACK) {
			d->answer = a == UA_YES ? UI_YES : a == UA_NO ? UI_NO : UI_CANCEL;
			return UI_HANDLED | UI_CLOSE;
		}
		return UI_HANDLED;
	case DK_UNSAVED:
		if (a == UA_SAVE || a == UA_DISCARD || a == UA_BACK || a == UA_KEEP) {
			d->answer = a == UA_SAVE	? UI_SAVE
				    : a == UA_KEEP	? UI_KEEP
				    : a == UA_DISCARD ? UI_DISCARD
							: UI_CONTINUE;
			return UI_HANDLED | UI_CLOSE;
		}
		return UI_HANDLED;
	case DK_ALERT:
		if (a == UA_ENTER || a == UA_BACK)
			return UI_HANDLED | UI_CLOSE;
		return UI_HANDLED;
	}
	return UI_HANDLED;
}

static void dialog_destroy(struct screen *s)
{
	struct dialog *d = s->priv;

	free(d->text);
}

static const struct screen_ops ask_ops = {
	.name = "ask", .actions = ask_actions, .labels = ask_labels, .overlay = 1, .layout = dialog_layout,
	.draw = dialog_draw, .handle = dialog_handle, .destroy = dialog_destroy,
};
static const struct screen_ops unsaved_ops = {
	.name = "unsaved", .actions = unsaved_actions, .labels = unsaved_labels, .overlay = 1,
	.layout = dialog_layout, .draw = dialog_draw, .handle = dialog_handle, .destroy = dialog_destroy,
};
static const struct screen_ops unsaved_keep_ops = {
	.name = "unsaved", .actions = unsaved_keep_actions, .labels = unsaved_labels, .overlay = 1,
	.layout = dialog_layout, .draw = dialog_draw, .handle = dialog_handle, .destroy = dialog_destroy,
};
static const struct screen_ops alert_ops = {
	.name = "alert", .actions = alert_actions, .overlay = 1, .layout = dialog_layout,
	.draw = dialog_draw, .handle = dialog_handle, .destroy = dialog_destroy,
};

static int run_dialog(struct app *app, const struct screen_ops *ops, struct dialog *d, int leaving)
{
	struct screen *s = screen_new(app, ops, NULL, d);

	ui_push(app, s);
	loop_until(app, s);
	take_down(app, s);
	return app->quit ? leaving : d->answer;
}

int ui_ask(struct app *app, const char *question)
{
	struct dialog d = {.title = "请确认", .text = xstrdup(question), .kind = DK_ASK, .answer = UI_CANCEL};

	return run_dialog(app, &ask_ops, &d, UI_CANCEL);
}

int ui_confirm(struct app *app, const char *question)
{
	return ui_ask(app, question) == UI_YES;
}

int ui_ask_unsaved(struct app *app, const char *what)
{
	char q[512];
	struct dialog d = {.title = "尚未保存", .kind = DK_UNSAVED, .answer = UI_CONTINUE};

	snprintf(q, sizeof q, "%s有修改尚未保存。保存、放弃修改，还是继续编辑？", what && *what ? what : "");
	d.text = xstrdup(q);
	return run_dialog(app, &unsaved_ops, &d, UI_CONTINUE);
}

int ui_ask_unsaved_keep(struct app *app, const char *what)
{
	char q[512];
	struct dialog d = {.title = "尚未保存", .kind = DK_UNSAVED, .answer = UI_CONTINUE};

	snprintf(q, sizeof q, "%s有修改尚未保存。现在保存、存为草稿以后继续、放弃，还是继续编辑？", what && *what ? what : "");
	d.text = xstrdup(q);
	return run_dialog(app, &unsaved_keep_ops, &d, UI_CONTINUE);
}

void ui_alert(struct app *app, const char *title, const char *text)
{
	struct dialog d = {.title = title, .text = xstrdup(text), .kind = DK_ALERT};

	run_dialog(app, &alert_ops, &d, 0);
}

/* ---- help ------------------------------------------------------------------- */

struct help {
	struct screen *of;
	int top;   /* first line shown */
	int lines; /* lines in all */
};
static const enum ui_action help_actions[] = {UA_BACK, UA_NONE};

static void help_layout(struct screen *s, int rows, int cols)
{
	s->rows = rows;
	s->cols = cols;
}

/* The keys for moving and editing that every screen of this kind has. */
static const enum ui_action text_moves[] = {UA_NEXT, UA_PREV, UA_UP, UA_DOWN, UA_LEFT, UA_RIGHT, UA_HOME,
					    UA_END, UA_BKSP, UA_DELCHAR, UA_KILL, UA_ENTER, UA_NONE};
static const enum ui_action list_moves[] = {UA_UP, UA_DOWN, UA_PGUP, UA_PGDN, UA_HOME, UA_END, UA_ENTER,
					    UA_NONE};

/* A form (a screen that takes text in some of its fields) gets the help of
 * its text fields: letters are text there, so they are not offered. */
static int help_text_mode(const struct help *h)
{
	return h->of->ops->text_input != NULL;
}

static int listed(const struct screen *s, enum ui_action a)
{
	return offers(s, a) || a == UA_HELP;
}

/* One line of the help: its keys and its text; returns 0 past the end.
 * Actions with no key on this terminal are left out. */
static int help_line(struct screen *s, int i, char *keys, size_t ksize, const char **text)
{
	struct help *h = s->priv;
	int txt = help_text_mode(h);
	int n = 0;

	for (const enum ui_action *p = h->of->ops->actions; p && *p != UA_NONE; p++) {
		if (*p == UA_HELP || ui_action_keys(*p, txt, 1, keys, ksize) == 0)
			continue;
		if (n++ == i) {
			const char *bar;
			label_of(h->of, *p, &bar, text);
			return 1;
		}
	}
	if (n++ == i) {
		ui_action_keys(UA_HELP, txt, 1, keys, ksize);
		*text = ui_action_def(UA_HELP)->help;
		return 1;
	}
	if (h->of->ops->overlay)
		return 0; /* a question: nothing to move in */
	if (n++ == i) {
		keys[0] = '\0';
		*text = NULL; /* the heading of the moving keys */
		return 1;
	}
	for (const enum ui_action *p = txt ? text_moves : list_moves; *p != UA_NONE; p++) {
		if (listed(h->of, *p) || ui_action_keys(*p, txt, 1, keys, ksize) == 0)
			continue;
		if (n++ == i) {
			*text = ui_action_def(*p)->help;
			return 1;
		}
	}
	return 0;
}

static void help_draw(struct screen *s)
{
	struct help *h = s->priv;
	int txt = help_text_mode(h);
	int y = 2, i;
	char keys[96];
	const char *text;

	ui_put(1, 2, "本屏幕可用的按键（由按键表生成）：", s->cols - 4, ui_attr(US_HEADER), 0);
	for (i = 0; help_line(s, i, keys, sizeof keys, &text); i++) {
		if (i < h->top || y >= s->rows - 1)
			continue;
		if (!text) {
			ui_put(y++, 2, txt ? "在输入栏中移动和编辑：" : "在列表中移动：", s->cols - 4,
			       ui_attr(US_HEADER), 0);
			continue;
		}
		ui_put(y, 4, keys, 20, A_BOLD, 1);
		ui_put(y, 26, text, s->cols - 28, A_NORMAL, 0);
		y++;
	}
	h->lines = i;
	ui_put(s->rows - 1, 4,
	       txt ? "可直接输入中文；字母快捷键在这里是文字，请用 F 键或 Ctrl 键。"
		   : "字母快捷键只在列表中可用；输入栏中请用 F 键或 Ctrl 键。",
	       s->cols - 6, ui_attr(US_DIM), 0);
}

static int help_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct help *h = s->priv;
	int page = s->rows - 4 > 1 ? s->rows - 4 : 1;

	(void)ch;
	switch (a) {
	case UA_BACK:
	case UA_ENTER:
		return UI_HANDLED | UI_CLOSE;
	case UA_DOWN:
	case UA_PGDN:
		h->top += a == UA_DOWN ? 1 : page;
		break;
	case UA_UP:
	case UA_PGUP:
		h->top -= a == UA_UP ? 1 : page;
		break;
	case UA_HOME:
		h->top = 0;
		break;
	case UA_END:
		h->top = h->lines;
		break;
	default:
		break;
	}
	if (h->top > h->lines - page)
		h->top = h->lines - page;
	if (h->top < 0)
		h->top = 0;
	return UI_HANDLED;
}

static void help_destroy(struct screen *s)
{
	free(s->priv);
}

static const struct screen_ops help_ops = {
	.name = "help", .actions = help_actions, .layout = help_layout, .draw = help_draw,
	.handle = help_handle, .destroy = help_destroy,
};

struct screen *help_screen_new(struct app *app, struct screen *of)
{
	struct help *h = xcalloc(1, sizeof *h);

	h->of = of;
	return screen_new(app, &help_ops, "帮助", h);
}
