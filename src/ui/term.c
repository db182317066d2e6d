/*
 * term.c - the terminal: locale, curses start and stop, colours by meaning
 * with a complete monochrome scheme, signals.
 *
 * Colour is used only to say something (an error, a warning, an overdue
 * case, the selected row); every meaning also has a monochrome rendering
 * with reverse/bold/underline, used when the terminal has no colours or
 * NO_COLOR is set (htop's COLORSCHEME_MONOCHROME).
 */
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/ui.h"
#include "tiaojie/util.h"

volatile sig_atomic_t ui_signal;
static int colour;
static int started;
static attr_t attrs[US_COUNT];

static int utf8_codeset(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

int ui_locale_ok(void)
{
	if (utf8_codeset())
		return 1;
	if (setlocale(LC_ALL, "C.UTF-8") && utf8_codeset())
		return 1;
	fprintf(stderr, "tiaojie: 需要 UTF-8 字符环境（如 LANG=zh_CN.UTF-8 或 C.UTF-8），当前环境不支持中文显示。\n"
			"tiaojie: a UTF-8 locale is required (e.g. LANG=C.UTF-8); none is available.\n");
	return 0;
}

static void on_signal(int sig)
{
	ui_signal = sig;
}

static void fatal_hook(void)
{
	if (started) {
		endwin();
		started = 0;
	}
}

static void theme_init(void)
{
	const char *nc = getenv("NO_COLOR");

	colour = has_colors() && !(nc && *nc);
	if (colour) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_WHITE, COLOR_BLUE);  /* title */
		init_pair(2, COLOR_BLACK, COLOR_CYAN);  /* bar */
		init_pair(3, COLOR_WHITE, COLOR_BLUE);  /* bar key */
		init_pair(4, COLOR_BLACK, COLOR_CYAN);  /* selected */
		init_pair(5, COLOR_RED, -1);            /* error */
		init_pair(6, COLOR_YELLOW, -1);         /* warning */
		init_pair(7, COLOR_WHITE, COLOR_RED);   /* overdue */
		init_pair(8, COLOR_GREEN, -1);          /* ok */
		init_pair(9, COLOR_CYAN, -1);           /* header */
		attrs[US_NORMAL] = A_NORMAL;
		attrs[US_TITLE] = COLOR_PAIR(1) | A_BOLD;
		attrs[US_BAR] = COLOR_PAIR(2);
		attrs[US_BARKEY] = COLOR_PAIR(3) | A_BOLD;
		attrs[US_SELECTED] = COLOR_PAIR(4);
		attrs[US_FIELD] = A_UNDERLINE;
		attrs[US_LABEL] = A_NORMAL;
		attrs[US_ERROR] = COLOR_PAIR(5) | A_BOLD;
		attrs[US_WARN] = COLOR_PAIR(6) | A_BOLD;
		attrs[US_OVERDUE] = COLOR_PAIR(7) | A_BOLD;
		attrs[US_OK] = COLOR_PAIR(8) | A_BOLD;
		attrs[US_DIM] = A_DIM;
		attrs[US_HEADER] = COLOR_PAIR(9) | A_BOLD;
	} else {
		/* monochrome: every meaning still distinguishable */
		attrs[US_NORMAL] = A_NORMAL;
		attrs[US_TITLE] = A_REVERSE | A_BOLD;
		attrs[US_BAR] = A_REVERSE;
		attrs[US_BARKEY] = A_BOLD;
		attrs[US_SELECTED] = A_REVERSE;
		attrs[US_FIELD] = A_UNDERLINE;
		attrs[US_LABEL] = A_NORMAL;
		attrs[US_ERROR] = A_BOLD;
		attrs[US_WARN] = A_BOLD | A_UNDERLINE;
		attrs[US_OVERDUE] = A_REVERSE | A_BOLD;
		attrs[US_OK] = A_BOLD;
		attrs[US_DIM] = A_NORMAL;
		attrs[US_HEADER] = A_BOLD | A_UNDERLINE;
	}
}

attr_t ui_attr(enum ui_style s)
{
	return (unsigned)s < US_COUNT ? attrs[s] : A_NORMAL;
}

int ui_has_colour(void)
{
	return colour;
}

int ui_term_init(void)
{
	struct sigaction sa;

	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	if (!initscr()) {
		fprintf(stderr, "tiaojie: 无法初始化终端（TERM=%s）\n", getenv("TERM") ? getenv("TERM") : "");
		return -1;
	}
	started = 1;
	tj_set_fatal_hook(fatal_hook);
	raw(); /* ^S ^Q ^C reach us as keys */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	theme_init();
	curs_set(0);

	/* After initscr, which installs its own handlers: ours only set a
	 * flag; the loop saves drafts and leaves. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	return 0;
}

void ui_term_done(void)
{
	if (!started)
		return;
	started = 0;
	if (ui_signal == SIGHUP)
		return; /* the terminal is gone: nothing to restore, don't block on it */
	curs_set(1);
	endwin();
}
