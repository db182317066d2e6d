/*
 * loop.c - the action table, the screen stack and the one main loop.
 *
 * Layout of the terminal: line 0 is the title (program, user, screen),
 * lines 1..LINES-3 belong to the screens, line LINES-2 is the message line
 * and line LINES-1 the function-key bar of the top screen.  Below 80x24 the
 * loop shows only "终端窗口太小" and keeps every screen as it is.
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

/* The one table: bar label, keys, help text.  Key handling below follows
 * the same rows. */
static const struct ui_action_def defs[UA_COUNT] = {
	[UA_HELP] = {UA_HELP, "帮助", "F1/^G", "显示本屏幕可用的按键"},
	[UA_SAVE] = {UA_SAVE, "保存", "F2/^S", "保存"},
	[UA_ACT] = {UA_ACT, "办理", "F3/^T", "办理案件：列出您现在可以做的操作"},
	[UA_PICK] = {UA_PICK, "选择", "F4/^P", "从列表中选择（如案由），或筛选"},
	[UA_ADD] = {UA_ADD, "新增", "F5/^N", "新增一项"},
	[UA_EDIT] = {UA_EDIT, "修改", "F6/^E", "修改选中的一项"},
	[UA_VIEW] = {UA_VIEW, "视图", "F7/^W", "切换视图（如日程的日/周）"},
	[UA_DELETE] = {UA_DELETE, "删除", "F8/^D", "删除选中的一项"},
	[UA_REFRESH] = {UA_REFRESH, "刷新", "F9/^R", "重新读取数据"},
	[UA_PRINT] = {UA_PRINT, "文书", "F11/^O", "生成本案当前状态适用的文书（PDF），配置了打印命令时送打印"},
	[UA_BACK] = {UA_BACK, "返回", "F10/^X/Esc", "返回上一屏幕（表单内容不会丢失前会先询问）"},
	[UA_QUIT] = {UA_QUIT, "退出", "F12/^Q", "退出登录并离开程序"},
	[UA_NEXT] = {UA_NEXT, NULL, "Tab", "下一栏"},
	[UA_PREV] = {UA_PREV, NULL, "Shift-Tab", "上一栏"},
	[UA_DOWN] = {UA_DOWN, NULL, "下", "下一行（多行文字内为光标下移）"},
	[UA_UP] = {UA_UP, NULL, "上", "上一行（多行文字内为光标上移）"},
	[UA_ENTER] = {UA_ENTER, NULL, "Enter", "确定、打开或进入下一项"},
	[UA_PGUP] = {UA_PGUP, NULL, "PgUp", "上一页"},
	[UA_PGDN] = {UA_PGDN, NULL, "PgDn", "下一页"},
	[UA_HOME] = {UA_HOME, NULL, "Home/^A", "到开头"},
	[UA_END] = {UA_END, NULL, "End", "到末尾"},
	[UA_LEFT] = {UA_LEFT, NULL, "左", "光标左移，或切换选项"},
	[UA_RIGHT] = {UA_RIGHT, NULL, "右", "光标右移，或切换选项"},
	[UA_BKSP] = {UA_BKSP, NULL, "Backspace", "删除光标前的字"},
	[UA_DELCHAR] = {UA_DELCHAR, NULL, "Del", "删除光标处的字"},
	[UA_KILL] = {UA_KILL, NULL, "^K", "清空当前栏"},
	[UA_YES] = {UA_YES, "是", "y", "回答是"},
	[UA_NO] = {UA_NO, "否", "n/Esc", "回答否"},
};

const struct ui_action_def *ui_action_def(enum ui_action a)
{
	return (unsigned)a < UA_COUNT ? &defs[a] : &defs[UA_NONE];
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

/* Key to action.  Function keys and Ctrl keys always; plain letters only on
 * screens without text input. */
static enum ui_action key_action(const struct screen *s, int is_key, wint_t ch)
{
	int text = s->ops->text_input && s->ops->text_input((struct screen *)s);

	if (is_key) {
		switch (ch) {
		case KEY_F(1): return UA_HELP;
		case KEY_F(2): return UA_SAVE;
		case KEY_F(3): return UA_ACT;
		case KEY_F(4): return UA_PICK;
		case KEY_F(5): return UA_ADD;
		case KEY_F(6): return UA_EDIT;
		case KEY_F(7): return UA_VIEW;
		case KEY_F(8): return UA_DELETE;
		case KEY_F(9): return UA_REFRESH;
		case KEY_F(10): return UA_BACK;
		case KEY_F(11): return UA_PRINT;
		case KEY_F(12): return UA_QUIT;
		case KEY_DOWN: return UA_DOWN;
		case KEY_UP: return UA_UP;
		case KEY_BTAB: return UA_PREV;
		case KEY_ENTER: return UA_ENTER;
		case KEY_PPAGE: return UA_PGUP;
		case KEY_NPAGE: return UA_PGDN;
		case KEY_HOME: return UA_HOME;
		case KEY_END: return UA_END;
		case KEY_LEFT: return UA_LEFT;
		case KEY_RIGHT: return UA_RIGHT;
		case KEY_BACKSPACE: return UA_BKSP;
		case KEY_DC: return text ? UA_DELCHAR : UA_DELETE;
		default: return UA_NONE;
		}
	}
	switch (ch) {
	case CTRL('g'): return UA_HELP;
	case CTRL('s'): return UA_SAVE;
	case CTRL('t'): return UA_ACT;
	case CTRL('p'): return UA_PICK;
	case CTRL('n'): return UA_ADD;
	case CTRL('e'): return UA_EDIT;
	case CTRL('d'): return UA_DELETE;
	case CTRL('w'): return UA_VIEW;
	case CTRL('r'): return UA_REFRESH;
	case CTRL('o'): return UA_PRINT;
	case CTRL('x'): return UA_BACK;
	case 27: return offers(s, UA_NO) ? UA_NO : UA_BACK; /* Esc answers no in a question */
	case CTRL('q'): return UA_QUIT;
	case '\t': return UA_NEXT;
	case '\r':
	case '\n': return UA_ENTER;
	case CTRL('a'): return UA_HOME;
	case CTRL('k'): return UA_KILL;
	case 127:
	case CTRL('h'): return UA_BKSP;
	default: break;
	}
	if (text)
		return UA_NONE;
	switch (ch) {
	case '?': return UA_HELP;
	case 'q': return UA_BACK;
	case 'y': case 'Y': return UA_YES;
	case 'n': case 'N': return offers(s, UA_NO) ? UA_NO : UA_ADD;
	case 'a': return UA_ADD;
	case 'e': return UA_EDIT;
	case 'd': return UA_DELETE;
	case 'v': return UA_VIEW;
	case 'p': return UA_PRINT;
	case 'r': return UA_REFRESH;
	case 'j': return UA_DOWN;
	case 'k': return UA_UP;
	case ' ': return UA_PGDN;
	default: return UA_NONE;
	}
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
		if (wcwidth(c) < 0 || c == L'\t' || c == L'\n')
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
	vsnprintf(app->msg, sizeof app->msg, fmt, ap);
	va_end(ap);
	/* one line only */
	for (char *p = app->msg; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	app->msg_style = style;
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
	char left[256], right[64];
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
	ui_fill(0, 0, COLS, ui_attr(US_TITLE));
	int rw = tw_width(right);
	ui_put(0, 0, left, COLS - rw - 1, ui_attr(US_TITLE), 0);
	ui_put(0, COLS - rw, right, rw, ui_attr(US_TITLE), 0);
}

static void draw_bar(struct screen *s)
{
	int x = 0, y = LINES - 1;

	ui_fill(y, 0, COLS, ui_attr(US_BAR));
	for (const enum ui_action *p = s->ops->actions; p && *p != UA_NONE; p++) {
		const struct ui_action_def *d = ui_action_def(*p);
		const char *bar, *help;
		label_of(s, *p, &bar, &help);
		if (!bar)
			continue;
		/* "F2^S保存": F-key and its Ctrl/letter alternative */
		char key[32];
		const char *k = d->keys;
		size_t i = 0;
		for (; *k && i + 1 < sizeof key; k++)
			if (*k != '/')
				key[i++] = *k;
			else if (k[1] == 'E' && k[2] == 's')
				break; /* drop "/Esc" to save room */
		key[i] = '\0';
		int need = (int)strlen(key) + tw_width(bar) + 1;
		if (x + need > COLS)
			break;
		x += ui_put(y, x, key, COLS - x, ui_attr(US_BARKEY), 0);
		x += ui_put(y, x, bar, COLS - x, ui_attr(US_BAR), 0);
		x += ui_put(y, x, " ", COLS - x, ui_attr(US_BAR), 0);
	}
}

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
	ui_fill(LINES - 2, 0, COLS, A_NORMAL);
	ui_put(LINES - 2, 0, app->msg, COLS, ui_attr(app->msg_style), 0);
	draw_bar(ui_top(app));
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

/* Run until the screen `until` has left the stack (or the stack is empty
 * when until is NULL). */
static void loop_until(struct app *app, struct screen *until)
{
	int idle_errs = 0;
	time_t last_tick = time(NULL);

	for (;;) {
		int wait = 1000;
		if (app->quit || app->depth == 0)
			return;
		if (until) {
			int present = 0;
			for (int i = 0; i < app->depth; i++)
				present |= app->stack[i] == until;
			if (!present)
				return;
		}
		if (ui_signal) {
			save_all_drafts(app);
			app->quit = 1;
			return;
		}
		draw_all(app);
		if (app->wake_at) {
			int64_t left = app->wake_at - ui_now_ms();
			wait = left < 0 ? 0 : left < wait ? (int)left : wait;
		}
		timeout(wait);
		wint_t ch;
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		int r = wget_wch(stdscr, &ch);
		if (r == ERR) {
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
				if (db_idle(app->db, 0) < 0)
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
			for (int i = 0; i < app->depth; i++)
				if (app->stack[i]->ops->tick)
					app->stack[i]->ops->tick(app->stack[i]);
		}
		if (r == ERR)
			continue;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			relayout(app);
			continue;
		}
		if (LINES < UI_MIN_ROWS || COLS < UI_MIN_COLS) {
			if (r != KEY_CODE_YES && ch == CTRL('q'))
				app->quit = 1;
			continue; /* nothing else until the terminal is big enough */
		}
		struct screen *top = ui_top(app);
		enum ui_action a = key_action(top, r == KEY_CODE_YES, ch);
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
		int res = top->ops->handle(top, a, a == UA_NONE ? ch : 0);
		if (res & UI_CLOSE) {
			if (ui_top(app) == top)
				ui_pop(app);
		}
	}
}

void ui_run(struct app *app)
{
	loop_until(app, NULL);
}

void ui_wait(struct app *app, struct screen *s)
{
	loop_until(app, s);
	/* leaving (a signal, quit): take it down if it is still there */
	for (int i = 0; i < app->depth; i++)
		if (app->stack[i] == s) {
			while (app->depth > i)
				ui_pop(app);
			break;
		}
}

/* ---- dialogs ----------------------------------------------------------------- */

struct dialog {
	const char *title;
	char *text;
	int confirm; /* yes/no question, else an alert */
	int answer;
};

static const enum ui_action confirm_actions[] = {UA_YES, UA_NO, UA_NONE};
static const enum ui_action alert_actions[] = {UA_ENTER, UA_BACK, UA_NONE};

static void dialog_layout(struct screen *s, int rows, int cols)
{
	s->rows = rows;
	s->cols = cols;
}

static void dialog_draw(struct screen *s)
{
	struct dialog *d = s->priv;
	size_t n;
	wchar_t *w = tw_from_utf8(d->text, &n);
	int bw = s->cols - 16 < 64 ? s->cols - 16 : 64;
	size_t starts[32];
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
	ui_put(y + bh - 2, x + 2, d->confirm ? "按 y 确定，n 或 Esc 取消" : "按 Enter 继续", bw - 4, ui_attr(US_DIM), 0);
	free(w);
}

static int dialog_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct dialog *d = s->priv;

	(void)ch;
	if (d->confirm) {
		if (a == UA_YES) {
			d->answer = 1;
			return UI_HANDLED | UI_CLOSE;
		}
		if (a == UA_NO || a == UA_BACK) {
			d->answer = 0;
			return UI_HANDLED | UI_CLOSE;
		}
		return UI_HANDLED;
	}
	if (a == UA_ENTER || a == UA_BACK)
		return UI_HANDLED | UI_CLOSE;
	return UI_HANDLED;
}

static void dialog_destroy(struct screen *s)
{
	struct dialog *d = s->priv;

	free(d->text);
}

static const struct screen_ops confirm_ops = {
	.name = "confirm", .actions = confirm_actions, .overlay = 1, .layout = dialog_layout,
	.draw = dialog_draw, .handle = dialog_handle, .destroy = dialog_destroy,
};
static const struct screen_ops alert_ops = {
	.name = "alert", .actions = alert_actions, .overlay = 1, .layout = dialog_layout,
	.draw = dialog_draw, .handle = dialog_handle, .destroy = dialog_destroy,
};

int ui_confirm(struct app *app, const char *question)
{
	struct dialog d = {.title = "请确认", .text = xstrdup(question), .confirm = 1};
	struct screen *s = screen_new(app, &confirm_ops, NULL, &d);

	ui_push(app, s);
	loop_until(app, s);
	if (app->quit) {
		/* leaving: take the dialog down if it is still there */
		for (int i = 0; i < app->depth; i++)
			if (app->stack[i] == s) {
				while (app->depth > i)
					ui_pop(app);
				break;
			}
		return 0;
	}
	return d.answer;
}

void ui_alert(struct app *app, const char *title, const char *text)
{
	struct dialog d = {.title = title, .text = xstrdup(text)};
	struct screen *s = screen_new(app, &alert_ops, NULL, &d);

	ui_push(app, s);
	loop_until(app, s);
	for (int i = 0; i < app->depth; i++)
		if (app->stack[i] == s) {
			while (app->depth > i)
				ui_pop(app);
			break;
		}
}

/* ---- help ------------------------------------------------------------------- */

struct help {
	struct screen *of;
	int top;
};
static const enum ui_action help_actions[] = {UA_BACK, UA_NONE};

static void help_layout(struct screen *s, int rows, int cols)
{
	s->rows = rows;
	s->cols = cols;
}

static void help_draw(struct screen *s)
{
	struct help *h = s->priv;
	int y = 2;

	ui_put(1, 2, "本屏幕可用的按键（由按键表生成）：", s->cols - 4, ui_attr(US_HEADER), 0);
	int line = 0;
	for (const enum ui_action *p = h->of->ops->actions; p && *p != UA_NONE; p++, line++) {
		if (line < h->top)
			continue;
		if (y >= s->rows)
			break;
		const struct ui_action_def *d = ui_action_def(*p);
		const char *bar, *help;
		label_of(h->of, *p, &bar, &help);
		ui_put(y, 4, d->keys, 16, A_BOLD, 1);
		ui_put(y, 22, help, s->cols - 24, A_NORMAL, 0);
		y++;
	}
	if (y < s->rows) {
		ui_put(y++, 4, "F1/^G", 16, A_BOLD, 1);
		ui_put(y - 1, 22, ui_action_def(UA_HELP)->help, s->cols - 24, A_NORMAL, 0);
	}
	if (y + 1 < s->rows) {
		const char *extra = h->of->ops->text_input && h->of->ops->text_input(h->of)
					    ? "在输入栏中可直接输入中文；字母快捷键不可用，请用 F 键或 Ctrl 组合键。"
					    : "列表中也可用字母：a 新增，e 修改，d 删除，r 刷新，q 返回，? 帮助。";
		ui_put(y + 1, 4, extra, s->cols - 6, ui_attr(US_DIM), 0);
	}
}

static int help_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	(void)s;
	(void)ch;
	if (a == UA_BACK || a == UA_ENTER)
		return UI_HANDLED | UI_CLOSE;
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
