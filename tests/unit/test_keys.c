/*
 * test_keys.c - the one key table (src/ui/loop.c) without a terminal: which
 * action a key gives on a list, on a question and in a text field, and
 * which keys the bar and the help name on a terminal with every key, with
 * F1-F10 only (a vt100) and with no F-keys at all.  ui_term_assume_keys
 * stands in for the terminal's description.
 */
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "tiaojie/ui.h"

#define CTRL(c) ((c) & 0x1f)

static int yes(struct screen *s)
{
	(void)s;
	return 1;
}

static const enum ui_action list_acts[] = {UA_ADD, UA_EDIT, UA_DELETE, UA_REFRESH, UA_BACK, UA_ENTER, UA_PGUP, UA_PGDN,
					   UA_NONE};
static const enum ui_action ask_acts[] = {UA_YES, UA_NO, UA_BACK, UA_NONE};
static const enum ui_action unsaved_acts[] = {UA_SAVE, UA_DISCARD, UA_BACK, UA_NONE};
static const enum ui_action form_acts[] = {UA_SAVE, UA_ADD, UA_EDIT, UA_DELETE, UA_PICK, UA_BACK,
					   UA_NEXT, UA_PREV, UA_ENTER, UA_KILL, UA_NONE};

static const struct screen_ops list_ops = {.name = "list", .actions = list_acts};
static const struct screen_ops ask_ops = {.name = "ask", .actions = ask_acts, .overlay = 1};
static const struct screen_ops unsaved_ops = {.name = "unsaved", .actions = unsaved_acts, .overlay = 1};
static const struct screen_ops form_ops = {.name = "form", .actions = form_acts, .text_input = yes};

static struct screen list_s = {.ops = &list_ops};
static struct screen ask_s = {.ops = &ask_ops};
static struct screen unsaved_s = {.ops = &unsaved_ops};
static struct screen form_s = {.ops = &form_ops};

static enum ui_action curses_key(const struct screen *s, int code)
{
	return ui_key_action(s, 1, (wint_t)code);
}

static enum ui_action char_key(const struct screen *s, int c)
{
	return ui_key_action(s, 0, (wint_t)c);
}

/* Keys to actions, on every kind of screen. */
static void test_bindings(void)
{
	/* moving: the same on lists and in fields */
	CHECK_INT(curses_key(&list_s, KEY_HOME), UA_HOME);
	CHECK_INT(curses_key(&form_s, KEY_HOME), UA_HOME);
	CHECK_INT(char_key(&list_s, CTRL('a')), UA_HOME);
	CHECK_INT(char_key(&form_s, CTRL('a')), UA_HOME);
	CHECK_INT(curses_key(&form_s, KEY_END), UA_END);
	CHECK_INT(char_key(&form_s, CTRL('f')), UA_END);
	CHECK_INT(curses_key(&list_s, KEY_NPAGE), UA_PGDN);
	CHECK_INT(curses_key(&list_s, KEY_PPAGE), UA_PGUP);
	CHECK_INT(curses_key(&form_s, KEY_BTAB), UA_PREV);
	CHECK_INT(char_key(&form_s, '\t'), UA_NEXT);
	CHECK_INT(curses_key(&form_s, KEY_LEFT), UA_LEFT);
	CHECK_INT(curses_key(&form_s, KEY_RIGHT), UA_RIGHT);
	CHECK_INT(curses_key(&list_s, KEY_UP), UA_UP);
	CHECK_INT(curses_key(&list_s, KEY_DOWN), UA_DOWN);
	CHECK_INT(char_key(&form_s, '\r'), UA_ENTER);
	CHECK_INT(curses_key(&form_s, KEY_ENTER), UA_ENTER);
	CHECK_INT(curses_key(&form_s, KEY_BACKSPACE), UA_BKSP);
	CHECK_INT(char_key(&form_s, 127), UA_BKSP);
	CHECK_INT(char_key(&form_s, CTRL('h')), UA_BKSP);
	CHECK_INT(char_key(&form_s, CTRL('k')), UA_KILL);

	/* Esc is "back" everywhere, a question included (never "no") */
	CHECK_INT(char_key(&list_s, 27), UA_BACK);
	CHECK_INT(char_key(&form_s, 27), UA_BACK);
	CHECK_INT(char_key(&ask_s, 27), UA_BACK);
	CHECK_INT(char_key(&unsaved_s, 27), UA_BACK);
	CHECK_INT(curses_key(&ask_s, KEY_F(10)), UA_BACK);

	/* a letter means what the screen offers: n is "no" on a question and
	 * "new" on a list; d is "discard" on the unsaved question, "delete"
	 * on a list */
	CHECK_INT(char_key(&ask_s, 'n'), UA_NO);
	CHECK_INT(char_key(&ask_s, 'N'), UA_NO);
	CHECK_INT(char_key(&ask_s, 'y'), UA_YES);
	CHECK_INT(char_key(&list_s, 'n'), UA_ADD);
	CHECK_INT(char_key(&list_s, 'a'), UA_ADD);
	CHECK_INT(char_key(&unsaved_s, 'd'), UA_DISCARD);
	CHECK_INT(char_key(&unsaved_s, 's'), UA_SAVE);
	CHECK_INT(char_key(&list_s, 'd'), UA_DELETE);
	CHECK_INT(char_key(&list_s, 'q'), UA_BACK);

	/* in a text field letters are text */
	CHECK_INT(char_key(&form_s, 'y'), UA_NONE);
	CHECK_INT(char_key(&form_s, 'n'), UA_NONE);
	CHECK_INT(char_key(&form_s, 'q'), UA_NONE);
	CHECK_INT(char_key(&form_s, 'd'), UA_NONE);
	CHECK_INT(char_key(&form_s, ' '), UA_NONE);
	CHECK_INT(char_key(&form_s, 0x5f20), UA_NONE); /* 张 */

	/* Del deletes a character in a field, a row in a list; Ins adds a
	 * row in a list and is nothing in a field */
	CHECK_INT(curses_key(&form_s, KEY_DC), UA_DELCHAR);
	CHECK_INT(curses_key(&list_s, KEY_DC), UA_DELETE);
	CHECK_INT(curses_key(&list_s, KEY_IC), UA_ADD);
	CHECK_INT(curses_key(&form_s, KEY_IC), UA_NONE);

	/* F-keys and their Ctrl keys, in a field too */
	static const struct {
		int f, ctrl;
		enum ui_action a;
	} fk[] = {
		{1, 'g', UA_HELP}, {2, 's', UA_SAVE},  {3, 't', UA_ACT},    {4, 'p', UA_PICK},
		{5, 'n', UA_ADD},  {6, 'e', UA_EDIT},  {7, 'w', UA_VIEW},   {8, 'd', UA_DELETE},
		{9, 'r', UA_REFRESH}, {10, 'x', UA_BACK}, {11, 'o', UA_PRINT}, {12, 'q', UA_QUIT},
	};
	for (size_t i = 0; i < sizeof fk / sizeof fk[0]; i++) {
		CHECK(curses_key(&form_s, KEY_F(fk[i].f)) == fk[i].a, "F%d gives %d", fk[i].f,
		      curses_key(&form_s, KEY_F(fk[i].f)));
		CHECK(char_key(&form_s, CTRL(fk[i].ctrl)) == fk[i].a, "^%c gives %d", fk[i].ctrl - 32,
		      char_key(&form_s, CTRL(fk[i].ctrl)));
	}
	/* a function key the table does not know is nothing */
	CHECK_INT(curses_key(&list_s, KEY_F(13)), UA_NONE);
	CHECK_INT(curses_key(&list_s, KEY_FIND), UA_NONE);
}

static int names_fkey(const char *s)
{
	for (const char *p = s; *p; p++)
		if (p[0] == 'F' && p[1] >= '0' && p[1] <= '9')
			return 1;
	return 0;
}

/* The keys named on the bar and in the help. */
static void test_names(void)
{
	static const int every[] = {KEY_F(1), KEY_F(2), KEY_F(3), KEY_F(4), KEY_F(5), KEY_F(6), KEY_F(7), KEY_F(8),
				    KEY_F(9), KEY_F(10), KEY_F(11), KEY_F(12), KEY_HOME, KEY_END, KEY_IC, KEY_DC,
				    KEY_PPAGE, KEY_NPAGE, KEY_BTAB};
	static const int vt100[] = {KEY_F(1), KEY_F(2), KEY_F(3), KEY_F(4), KEY_F(5),
				    KEY_F(6), KEY_F(7), KEY_F(8), KEY_F(9), KEY_F(10)};
	static const int none[] = {KEY_UP};
	char buf[128];

	ui_term_assume_keys(every, sizeof every / sizeof every[0]);
	CHECK(ui_action_keys(UA_SAVE, 1, 0, buf, sizeof buf) == 2, "save on the bar: %s", buf);
	CHECK_STR(buf, "F2^S");
	ui_action_keys(UA_SAVE, 1, 1, buf, sizeof buf);
	CHECK_STR(buf, "F2/^S");
	ui_action_keys(UA_SAVE, 0, 1, buf, sizeof buf);
	CHECK_STR(buf, "F2/^S/s");
	ui_action_keys(UA_QUIT, 0, 0, buf, sizeof buf);
	CHECK_STR(buf, "F12^Q");
	ui_action_keys(UA_HOME, 1, 1, buf, sizeof buf);
	CHECK_STR(buf, "Home/^A");
	ui_action_keys(UA_HOME, 0, 1, buf, sizeof buf);
	CHECK_STR(buf, "Home/^A/g");
	ui_action_keys(UA_DELETE, 0, 1, buf, sizeof buf);
	CHECK(strstr(buf, "Del") != NULL, "a list's delete names Del: %s", buf);
	ui_action_keys(UA_DELCHAR, 1, 1, buf, sizeof buf);
	CHECK_STR(buf, "Del");
	/* the bar shows no Esc: F10 and ^X */
	ui_action_keys(UA_BACK, 1, 0, buf, sizeof buf);
	CHECK_STR(buf, "F10^X");

	/* a vt100: no F11, F12, Home, End, Del, PgUp/PgDn, Shift-Tab */
	ui_term_assume_keys(vt100, sizeof vt100 / sizeof vt100[0]);
	ui_action_keys(UA_QUIT, 0, 0, buf, sizeof buf);
	CHECK_STR(buf, "^Q");
	ui_action_keys(UA_PRINT, 0, 0, buf, sizeof buf);
	CHECK_STR(buf, "^O");
	ui_action_keys(UA_SAVE, 1, 0, buf, sizeof buf);
	CHECK_STR(buf, "F2^S");
	ui_action_keys(UA_HOME, 1, 1, buf, sizeof buf);
	CHECK_STR(buf, "^A");
	ui_action_keys(UA_END, 1, 1, buf, sizeof buf);
	CHECK_STR(buf, "^F");
	ui_action_keys(UA_PGDN, 0, 1, buf, sizeof buf);
	CHECK_STR(buf, "空格");
	/* the arrows are on every keyboard */
	ui_action_keys(UA_DOWN, 0, 1, buf, sizeof buf);
	CHECK_STR(buf, "下/j");

	/* no F-keys at all: every action on a bar still has a key that works,
	 * the bar and the help name it, and it gives the action */
	ui_term_assume_keys(none, 1);
	for (int a = 1; a < UA_COUNT; a++) {
		const struct ui_action_def *d = ui_action_def((enum ui_action)a);
		if (!d->bar)
			continue;
		/* some are letters only (t today, d discard, y, n, ...): those
		 * are offered on lists and questions, never on a screen with
		 * text input, and are checked there only */
		int letters_only = 1;
		for (size_t i = 0; i < sizeof d->keys / sizeof d->keys[0] && d->keys[i].code; i++)
			if (d->keys[i].kind != UK_CHAR || !(d->keys[i].flags & UK_LIST))
				letters_only = 0;
		for (int text = 0; text <= 1; text++) {
			if (text && letters_only)
				continue;
			char bar[64], help[64];
			int nb = ui_action_keys((enum ui_action)a, text, 0, bar, sizeof bar);
			int nh = ui_action_keys((enum ui_action)a, text, 1, help, sizeof help);
			CHECK(nb > 0 && !names_fkey(bar), "action %d (%s), text %d: bar \"%s\"", a, d->bar, text, bar);
			CHECK(nh > 0 && !names_fkey(help), "action %d (%s), text %d: help \"%s\"", a, d->bar, text,
			      help);
			/* the first hand-typed key of the table works */
			int found = 0;
			for (size_t i = 0; i < sizeof d->keys / sizeof d->keys[0] && d->keys[i].code; i++) {
				const struct ui_key *k = &d->keys[i];
				if (k->kind != UK_CHAR || (text && (k->flags & UK_LIST)))
					continue;
				enum ui_action acts[] = {(enum ui_action)a, UA_NONE};
				struct screen_ops ops = {.name = "one", .actions = acts, .text_input = text ? yes : NULL};
				struct screen s = {.ops = &ops};
				CHECK(ui_key_action(&s, 0, (wint_t)k->code) == (enum ui_action)a,
				      "action %d (%s), text %d: key %d gives %d", a, d->bar, text, k->code,
				      ui_key_action(&s, 0, (wint_t)k->code));
				found = 1;
				break;
			}
			CHECK(found, "action %d (%s), text %d: no key without an F-key", a, d->bar, text);
		}
		if (letters_only) {
			char help[64];
			ui_action_keys((enum ui_action)a, 1, 1, help, sizeof help);
			CHECK(help[0] == '\0', "letters-only action %d names \"%s\" in text input", a, help);
		}
	}

	/* forgetting the probe: every key counts as there (before initscr) */
	ui_term_assume_keys(NULL, 0);
	ui_action_keys(UA_QUIT, 0, 0, buf, sizeof buf);
	CHECK_STR(buf, "F12^Q");
}

int main(void)
{
	test_bindings();
	test_names();
	return tap_done();
}
