/*
 * term.c - the terminal: locale, curses start and stop, colours by meaning
 * with a complete monochrome scheme, signals.
 *
 * Colour is used only to say something (an error, a warning, an overdue
 * case, the selected row); every meaning also has a monochrome rendering
 * with reverse/bold/underline, used when the terminal has no colours or
 * NO_COLOR is set (htop's COLORSCHEME_MONOCHROME).
 */
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

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

/* ---- keys -------------------------------------------------------------------
 *
 * ncurses knows the keys that the terminal's description (TERM) lists.  But
 * the emulator in front often says one thing and sends another: tmux sends
 * \e[1~ for Home whatever TERM says inside it, PuTTY sends \e[1~ and
 * \e[11~ by default with TERM=xterm, rxvt \e[7~, and a "vt100" has no
 * Home or F5 in its description at all.  So every sequence that common
 * emulators send in their default modes is taught to ncurses too, where the
 * description does not already bind it (define_key, as mutt and vim do). */
struct seq {
	const char *s;
	int key;
};
static const struct seq extra_keys[] = {
	/* Home / End: VT220 and PuTTY/tmux, rxvt, xterm (normal and application) */
	{"\033[1~", KEY_HOME}, {"\033[4~", KEY_END}, {"\033[7~", KEY_HOME}, {"\033[8~", KEY_END},
	{"\033[H", KEY_HOME}, {"\033[F", KEY_END}, {"\033OH", KEY_HOME}, {"\033OF", KEY_END},
	{"\033[2~", KEY_IC}, {"\033[3~", KEY_DC}, {"\033[5~", KEY_PPAGE}, {"\033[6~", KEY_NPAGE},
	/* arrows, normal and application cursor mode */
	{"\033[A", KEY_UP}, {"\033[B", KEY_DOWN}, {"\033[C", KEY_RIGHT}, {"\033[D", KEY_LEFT},
	{"\033OA", KEY_UP}, {"\033OB", KEY_DOWN}, {"\033OC", KEY_RIGHT}, {"\033OD", KEY_LEFT},
	{"\033[Z", KEY_BTAB}, {"\033OM", KEY_ENTER},
	/* F1-F4: xterm/VT100 (\eOP), PuTTY and rxvt default (\e[11~), Linux console (\e[[A) */
	{"\033OP", KEY_F(1)}, {"\033OQ", KEY_F(2)}, {"\033OR", KEY_F(3)}, {"\033OS", KEY_F(4)},
	{"\033[11~", KEY_F(1)}, {"\033[12~", KEY_F(2)}, {"\033[13~", KEY_F(3)}, {"\033[14~", KEY_F(4)},
	{"\033[[A", KEY_F(1)}, {"\033[[B", KEY_F(2)}, {"\033[[C", KEY_F(3)}, {"\033[[D", KEY_F(4)},
	{"\033[[E", KEY_F(5)},
	/* F5-F12 as VT220, xterm, PuTTY, SecureCRT and Xshell send them */
	{"\033[15~", KEY_F(5)}, {"\033[17~", KEY_F(6)}, {"\033[18~", KEY_F(7)}, {"\033[19~", KEY_F(8)},
	{"\033[20~", KEY_F(9)}, {"\033[21~", KEY_F(10)}, {"\033[23~", KEY_F(11)}, {"\033[24~", KEY_F(12)},
	/* PuTTY's VT100+ mode: F5-F12 as \eOT ... \eO[ */
	{"\033OT", KEY_F(5)}, {"\033OU", KEY_F(6)}, {"\033OV", KEY_F(7)}, {"\033OW", KEY_F(8)},
	{"\033OX", KEY_F(9)}, {"\033OY", KEY_F(10)}, {"\033OZ", KEY_F(11)}, {"\033O[", KEY_F(12)},
	/* bracketed paste, asked for in ui_term_init */
	{"\033[200~", UI_KEY_PASTE_BEGIN}, {"\033[201~", UI_KEY_PASTE_END},
};

/* The keys the description itself has, for the bar and help. */
static const int probed[] = {
	KEY_HOME, KEY_END, KEY_IC, KEY_DC, KEY_PPAGE, KEY_NPAGE, KEY_BTAB, KEY_UP, KEY_DOWN, KEY_LEFT, KEY_RIGHT,
	KEY_BACKSPACE, KEY_ENTER,
};
static unsigned char native_fkey[13];
static unsigned char native_key[TJ_ARRAY_LEN(probed)];
static int keys_probed;

static void keys_init(void)
{
	for (int i = 1; i <= 12; i++)
		native_fkey[i] = has_key(KEY_F(i)) ? 1 : 0;
	for (size_t i = 0; i < TJ_ARRAY_LEN(probed); i++)
		native_key[i] = has_key(probed[i]) ? 1 : 0;
	/* Arrows, Backspace and Enter are on every keyboard: always shown. */
	for (size_t i = 0; i < TJ_ARRAY_LEN(probed); i++)
		if (probed[i] == KEY_UP || probed[i] == KEY_DOWN || probed[i] == KEY_LEFT ||
		    probed[i] == KEY_RIGHT || probed[i] == KEY_BACKSPACE || probed[i] == KEY_ENTER)
			native_key[i] = 1;
	keys_probed = 1;
	for (size_t i = 0; i < TJ_ARRAY_LEN(extra_keys); i++) {
		int now = key_defined(extra_keys[i].s);
		if (now == extra_keys[i].key || now < 0)
			continue; /* already so, or the prefix of a longer key */
		/* A sequence the description gives to a key no action uses
		 * (putty's keypad \eOP-\eOS, vt220's Find and Select for
		 * \e[1~ \e[4~, the Linux console's extra back-tab) is taken
		 * for the key emulators mean by it. */
		if (now > 0 && ui_key_used(now))
			continue;
		if (now > 0)
			define_key(extra_keys[i].s, 0);
		define_key(extra_keys[i].s, extra_keys[i].key);
	}
}

/* Tests: the terminal has exactly these keys (and the arrows, Backspace,
 * Enter), as if the description had been probed; n 0 forgets the probe. */
void ui_term_assume_keys(const int *codes, size_t n)
{
	memset(native_fkey, 0, sizeof native_fkey);
	memset(native_key, 0, sizeof native_key);
	keys_probed = n > 0;
	for (size_t j = 0; j < n; j++) {
		if (codes[j] >= KEY_F(1) && codes[j] <= KEY_F(12))
			native_fkey[codes[j] - KEY_F0] = 1;
		for (size_t i = 0; i < TJ_ARRAY_LEN(probed); i++)
			if (probed[i] == codes[j])
				native_key[i] = 1;
	}
	for (size_t i = 0; i < TJ_ARRAY_LEN(probed); i++)
		if (probed[i] == KEY_UP || probed[i] == KEY_DOWN || probed[i] == KEY_LEFT ||
		    probed[i] == KEY_RIGHT || probed[i] == KEY_BACKSPACE || probed[i] == KEY_ENTER)
			native_key[i] = 1;
}

int ui_term_has_key(int code)
{
	if (!keys_probed)
		return 1;
	if (code >= KEY_F(1) && code <= KEY_F(12))
		return native_fkey[code - KEY_F0];
	for (size_t i = 0; i < TJ_ARRAY_LEN(probed); i++)
		if (probed[i] == code)
			return native_key[i];
	return 1;
}

/* The screen tests wait for the program instead of sleeping: in test
 * builds with TIAOJIE_SYNC=FILE, each time the loop is about to wait for a
 * key with nothing typed ahead it writes how many keys it has read so far
 * (tests/screen/lib.sh sends a key, then waits for that number to grow). */
void ui_term_idle(unsigned long keys)
{
#ifdef TIAOJIE_TESTING
	static unsigned long written = (unsigned long)-1;
	static const char *path;
	static int looked;
	int waiting = 0;

	if (!looked) {
		path = getenv("TIAOJIE_SYNC");
		looked = 1;
	}
	if (!path || !*path || keys == written)
		return;
	if (ioctl(STDIN_FILENO, FIONREAD, &waiting) == 0 && waiting > 0)
		return; /* more keys are on their way in: not idle yet */
	char tmp[4096], num[32];
	if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
		return;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	int len = snprintf(num, sizeof num, "%lu\n", keys);
	int okw = write(fd, num, (size_t)len) == len;
	close(fd);
	if (okw && rename(tmp, path) == 0)
		written = keys;
#else
	(void)keys;
#endif
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
	keys_init();
	theme_init();
	curs_set(0);
	/* Ask for bracketed paste: a paste then comes between \e[200~ and
	 * \e[201~ (see the loop).  Terminals without it ignore the request. */
	putp("\033[?2004h");
	fflush(stdout);

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
	putp("\033[?2004l");
	curs_set(1);
	endwin();
}
