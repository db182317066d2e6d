/*
 * ui.h - the terminal shell: the application state, the screen interface,
 * the one action table, colours, and the main loop.
 *
 * A screen is a const table of operations plus private state (tig's
 * view_ops, htop's PanelClass).  Screens live on a stack: the top one gets
 * the keys; dialogs are screens that draw over the one below.  One main
 * loop (ui_run) owns input, redraw and resize; signal handlers only set a
 * flag, and the loop saves drafts and leaves.
 *
 * Every key a screen understands is an action from one table (ui_actions):
 * the same table maps keys, draws the function-key bar and writes the help
 * screen, so they cannot drift apart.
 */
#ifndef TIAOJIE_UI_H
#define TIAOJIE_UI_H

#include <signal.h>
#include <wchar.h>

#include "tiaojie/calendar.h"
#include "tiaojie/config.h"
#include "tiaojie/lifecycle.h"
#include "tiaojie/util.h"

#define NCURSES_WIDECHAR 1
#include <curses.h>

#define UI_MIN_ROWS 24
#define UI_MIN_COLS 80

/* Every key a screen understands is one of these actions.  The keys of
 * each are in the one table in src/ui/loop.c (see ui_action_keys). */
enum ui_action {
	UA_NONE = 0,
	UA_HELP,     /* F1  ^G  ? */
	UA_SAVE,     /* F2  ^S */
	UA_ACT,      /* F3  ^T   take an action on a case */
	UA_PICK,     /* F4  ^P   pick from the list that belongs to the field */
	UA_ADD,      /* F5  ^N  Ins */
	UA_EDIT,     /* F6  ^E */
	UA_VIEW,     /* F7  ^W   switch the view (day/week, ...) */
	UA_DELETE,   /* F8  ^D  Del (lists) */
	UA_REFRESH,  /* F9  ^R */
	UA_PRINT,    /* F11 ^O   issue (and print) the document the case calls for */
	UA_BACK,     /* F10 ^X  Esc */
	UA_QUIT,     /* F12 ^Q   leave the program */
	UA_TODAY,    /* t        back to today (agenda) */
	UA_DISCARD,  /* d        throw unsaved changes away (the unsaved question) */
	UA_KEEP,     /* c        keep a form as a draft and leave it (草稿) */
	UA_NEXT,     /* Tab: next field or row */
	UA_PREV,     /* Shift-Tab */
	UA_DOWN,     /* Down: next row, or next line in a text area */
	UA_UP,       /* Up */
	UA_ENTER,    /* Enter */
	UA_PGUP,
	UA_PGDN,
	UA_HOME,     /* Home ^A */
	UA_END,      /* End ^F */
	UA_LEFT,
	UA_RIGHT,
	UA_BKSP,
	UA_DELCHAR,
	UA_KILL,     /* ^K  clear the field */
	UA_YES,      /* y  (questions) */
	UA_NO,       /* n  (questions) */
	UA_COUNT
};

/* One key of an action: a curses key code (KEY_F(2), KEY_HOME) or a
 * character (a control character, Esc, or a letter). */
enum { UK_CHAR = 0, UK_CURSES = 1 };
enum {
	UK_TEXT = 0x1,   /* only inside text input */
	UK_LIST = 0x2,   /* only outside text input (letters) */
	UK_HIDDEN = 0x4, /* works, but not shown (a duplicate such as 'Y') */
};
struct ui_key {
	int code;
	unsigned char kind, flags;
};

struct ui_action_def {
	enum ui_action action;
	const char *bar;  /* label on the function-key bar, NULL: not shown there */
	const char *help; /* one line for the help screen */
	struct ui_key keys[6]; /* ends with code 0 */
};
const struct ui_action_def *ui_action_def(enum ui_action a);
/* The keys of an action as the user reads them, "F2/^S/s".  text: for a
 * screen with text input (letters don't work there); all: every key (the
 * help) or only the F-key and one alternative (the bar).  Curses keys the
 * terminal's description lacks are left out (a vt100 shows ^A, not Home).
 * Returns how many keys were named. */
int ui_action_keys(enum ui_action a, int text, int all, char *buf, size_t size);
/* The start and end of a bracketed paste (\e[200~ \e[201~), as key codes
 * of our own beyond ncurses' KEY_MAX. */
#define UI_KEY_PASTE_BEGIN (KEY_MAX + 1)
#define UI_KEY_PASTE_END (KEY_MAX + 2)
/* Does some action use this curses key code? */
int ui_key_used(int code);

/* A screen's own name for an action on the bar and in the help (the keys
 * stay the table's): "停用" rather than "删除" on the users screen. */
struct ui_label {
	enum ui_action action;
	const char *bar, *help;
};

/* Meanings, not colours: the theme maps them to colour pairs or, in
 * monochrome, to reverse/bold/underline. */
enum ui_style {
	US_NORMAL = 0,
	US_TITLE,    /* top line */
	US_BAR,      /* function-key bar */
	US_BARKEY,   /* the key part of a bar entry */
	US_SELECTED, /* selected row, focused field */
	US_FIELD,    /* an input field */
	US_LABEL,
	US_ERROR,
	US_WARN,     /* due soon, warnings */
	US_OVERDUE,
	US_OK,       /* confirmations, success */
	US_DIM,      /* hints, derived values */
	US_HEADER,   /* section and column headers */
	US_COUNT
};
attr_t ui_attr(enum ui_style s);
int ui_has_colour(void);

struct app;
struct screen;

enum {
	UI_HANDLED = 0x1,
	UI_CLOSE = 0x2,   /* pop this screen */
	UI_IGNORED = 0x4, /* not for this screen */
	/* with UI_CLOSE: the screen pushed a screen in its place; it goes
	 * from under that one */
	UI_REPLACE = 0x8,
};

struct screen_ops {
	const char *name; /* for debugging */
	/* the actions this screen offers, ending with UA_NONE: bar and help */
	const enum ui_action *actions;
	/* per-screen names of some actions, ending with UA_NONE; may be NULL */
	const struct ui_label *labels;
	/* 1: draw the screens below first (dialogs) */
	int overlay;
	/* 1: printable keys go to the screen as text (forms): then letter
	 * shortcuts are off and only F-keys and Ctrl keys are actions */
	int (*text_input)(struct screen *s);
	void (*layout)(struct screen *s, int rows, int cols);
	void (*draw)(struct screen *s);
	/* a: the action, or UA_NONE with ch a typed character */
	int (*handle)(struct screen *s, enum ui_action a, wint_t ch);
	/* called about once a second while idle (autosave, refresh) */
	void (*tick)(struct screen *s);
	/* save what is being typed (SIGHUP, SIGTERM); may be NULL */
	void (*save_draft)(struct screen *s);
	void (*destroy)(struct screen *s);
};

struct screen {
	const struct screen_ops *ops;
	struct app *app;
	const char *title;
	int rows, cols; /* area from row 1 to rows (the loop owns line 0 and the last two) */
	void *priv;
};

struct db; /* the open database: the screens pass it to the core */

struct app {
	struct db *db;
	struct config *cfg;
	struct holidays hol;
	struct account user; /* the signed-in user (access.h) */
	struct actor actor;  /* the same user as the rules see them */
	int logged_in;
	/* Shown on every screen at the right of the title bar while set (the
	 * application sets "数据库只读" for a database it cannot write). */
	const char *badge;

	struct screen *stack[16];
	int depth;
	int quit;
	int logout; /* with quit: back to the login screen, not out of the program */
	char msg[1024]; /* the message area: wrapped, or a dialog when long */
	enum ui_style msg_style;
	int64_t data_version;
	int64_t wake_at;  /* ui_now_ms() when the screens want a tick (0: none) */
	/* Idle work the application registers (checkpoints): called when a
	 * second has passed without a key; < 0 shows the error sink. */
	int (*idle)(struct app *app);
	/* What became of the open forms since a signal asked for their
	 * drafts (the screens count; the exit message tells it exactly):
	 * kept in the database, kept aside in drafts_where, not kept. */
	int drafts_kept, drafts_aside, drafts_lost;
	int drafts_counting;
	char drafts_where[256];
	char drafts_why[1300]; /* why the database did not take the last one */
};

extern volatile sig_atomic_t ui_signal; /* SIGHUP or SIGTERM received */

/* Terminal. ui_locale_ok: UTF-8 locale or a C.UTF-8 fallback; otherwise a
 * message in Chinese and English and 0. */
int ui_locale_ok(void);
int ui_term_init(void);
/* Does the terminal's description have this curses key (before the
 * sequences term.c adds for common emulators)? */
int ui_term_has_key(int code);
void ui_term_done(void);
/* Tests: pretend the terminal's description has exactly these curses keys
 * (with the arrows, Backspace and Enter); n 0: every key, as before
 * ui_term_init.  Lets the key table be tested without a terminal. */
void ui_term_assume_keys(const int *codes, size_t n);
/* The loop is about to wait for a key, having read `keys` so far (the
 * screen tests' sync in test builds; nothing otherwise). */
void ui_term_idle(unsigned long keys);

/* The screen stack. */
void ui_push(struct app *app, struct screen *s);
void ui_pop(struct app *app);
struct screen *ui_top(struct app *app);
struct screen *screen_new(struct app *app, const struct screen_ops *ops, const char *title, void *priv);

/* A monotonic clock in milliseconds. */
int64_t ui_now_ms(void);
/* Have the screens' tick functions called within ms milliseconds if no
 * key comes first (normally they are called once a second). */
void ui_wake_after(struct app *app, int ms);

/* The message area above the function-key bar: one line, or as many as
 * the message needs up to UI_MSG_LINES (drawn over the bottom of the
 * screen while it is shown; the screen is not changed); a longer message
 * opens as a dialog.  Shown until the next key. */
#define UI_MSG_LINES 3
void ui_msg(struct app *app, enum ui_style style, const char *fmt, ...) TJ_PRINTF(3, 4);
/* A field refused a typed or pasted character because it is full (the
 * form engine calls this; label names the field).  The loop counts a
 * burst of them - a paste longer than the field - and says once, when the
 * burst ends (a key that is not refused, or a pause), how many characters
 * were left out, so the rest can be pasted again. */
void ui_refused(const char *label, size_t max);
/* Show the last error of the error sink on the message line. */
void ui_error(struct app *app);

/* Drawing helpers: clipped to width columns, padded with spaces when pad. */
int ui_put(int y, int x, const char *utf8, int width, attr_t attr, int pad);
int ui_putw(int y, int x, const wchar_t *s, size_t n, int width, attr_t attr, int pad);
void ui_fill(int y, int x, int width, attr_t attr);
void ui_box(int y, int x, int h, int w, const char *title);

/* Modal helpers built on the loop. */
/* A yes/no question whose "no" means "don't": 1 for yes; no and Esc 0. */
int ui_confirm(struct app *app, const char *question);
/* A question whose "no" does something too: UI_YES, UI_NO, or UI_CANCEL
 * for Esc/F10 (back to where the user was, never "no"). */
enum { UI_CANCEL = -1, UI_NO = 0, UI_YES = 1 };
int ui_ask(struct app *app, const char *question);
/* Leaving a form or dialog with changes: 保存 (F2/^S/s) returns UI_SAVE,
 * 放弃 (d) UI_DISCARD, 继续编辑 (Esc/F10) UI_CONTINUE.  what names the
 * work, "这条请求事项". */
enum { UI_CONTINUE = -1, UI_DISCARD = 0, UI_SAVE = 1 };
int ui_ask_unsaved(struct app *app, const char *what);
/* The same for a long form that can be parked as a draft (the intake):
 * also 存草稿 (c), which returns UI_KEEP. */
enum { UI_KEEP = 2 };
int ui_ask_unsaved_keep(struct app *app, const char *what);
/* Keys waiting while a long task runs (an export): the actions typed since
 * the last call, without waiting; returns the first of them that is in
 * `wanted` (ending with UA_NONE), or UA_NONE.  Other keys are kept for
 * the loop. */
enum ui_action ui_poll_action(struct app *app, const enum ui_action *wanted);
/* The action a key gives on screen s (the one key table). */
enum ui_action ui_key_action(const struct screen *s, int is_key, wint_t ch);
/* A message to acknowledge. */
void ui_alert(struct app *app, const char *title, const char *text);

/* End the user's session: every loop returns, the screens go, and the
 * login screen comes back for the next user (src/screens/app.c). */
void ui_logout(struct app *app);
/* Drop keys typed ahead and not yet applied (the next user's session must
 * not receive the last one's typing). */
void ui_forget_keys(void);

/* Run the loop until the stack is empty or app->quit. */
void ui_run(struct app *app);
/* Run the loop until screen s (pushed by the caller) has closed: a modal
 * dialog.  s is taken down if the program is leaving meanwhile. */
void ui_wait(struct app *app, struct screen *s);
/* The help screen of a screen's actions. */
struct screen *help_screen_new(struct app *app, struct screen *of);

#endif
