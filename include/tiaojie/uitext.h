/*
 * uitext.h - text measured in display columns, for the whole program
 * (src/base/text.c): the screens, the workbook's column widths and the
 * plain-text documents all measure with these functions, so a name that
 * fills a column on screen fills it in a document too.
 *
 * Widths come from a table generated from glibc's wcwidth() in C.UTF-8
 * (src/base/widthtab.c, tools/widthgen.c), not from wcwidth() at run
 * time: the width must not depend on the locale a command happens to run
 * in, and it must agree with the libc that ncurses uses to move its own
 * cursor.  UTF-8 is decoded here too, without the locale.
 *
 *   - Chinese characters, full-width forms and punctuation (，。、：（）),
 *     emoji: 2 columns.
 *   - East Asian ambiguous characters (“ ” ‘ ’ … — · ° ① ※ α and the
 *     line-drawing set): 1 column, everywhere.  That is what glibc and
 *     therefore ncurses count, so the screen stays consistent on a
 *     terminal that draws them narrow (xterm, tmux, GNOME, PuTTY's and
 *     Xshell's defaults); the documents count them the same way, so the
 *     terminal and the documents agree.  A terminal set to draw them wide
 *     (PuTTY's "CJK ambiguous characters as wide") will misplace the rest
 *     of such a line, which is why the program's own chrome avoids them.
 *   - Combining marks and other zero-width characters (U+0301, U+200B,
 *     U+200D, variation selectors): 0.
 *   - What cannot be printed (controls, tab and newline, unassigned code
 *     points, surrogates, NUL): 1, because it is drawn as '?'.
 *   - Invalid UTF-8: each bad byte becomes U+FFFD (1 column).
 */
#ifndef TIAOJIE_UITEXT_H
#define TIAOJIE_UITEXT_H

#include <stddef.h>
#include <wchar.h>

struct strbuf;

/* Display width of one character: 0, 1 or 2 (unprintable counts as 1, it
 * is drawn as '?'). */
int tw_charwidth(wchar_t c);
/* 0 when c is drawn as '?' (control, unassigned, not a character). */
int tw_printable(wchar_t c);
/* Width of a wide string (n characters) / of a UTF-8 string. */
int tw_wcswidth(const wchar_t *s, size_t n);
int tw_width(const char *utf8);

/* UTF-8 to a malloc'd wide string (each invalid byte becomes U+FFFD); *n
 * gets the length.  And back (what cannot be encoded becomes '?'). */
wchar_t *tw_from_utf8(const char *s, size_t *n);
char *tw_to_utf8(const wchar_t *s, size_t n);

/* How many characters of s (n characters) fit in cols columns; a wide
 * character that would cross the edge does not fit. */
size_t tw_fit(const wchar_t *s, size_t n, int cols);

/* Append UTF-8 text to sb in exactly cols columns: cut at a character
 * boundary if wider (a wide character that would cross the edge is left
 * out), padded with spaces if narrower.  The "%-10s" of display columns. */
void tw_pad(struct strbuf *sb, const char *utf8, int cols);

/* Wrap a wide text to lines of at most cols columns (hard newlines kept).
 * Fills starts[] with the index of the first character of each line (up
 * to max; starts may be NULL when max is 0) and returns the number of
 * lines.
 *
 * Lines break between words, never inside one: a run of ASCII letters,
 * digits and punctuation ("38,600.00", "10", "2026-12-04", "(2026)") moves
 * whole to the next line, and so does a Chinese closing mark (，。、）) with
 * the character before it and an opening mark (（《“) with the one after;
 * spaces at a break stay at the end of the line.  Between Chinese
 * characters a line may break anywhere.  Only a word longer than a whole
 * line is cut, at the edge. */
int tw_wrap(const wchar_t *s, size_t n, int cols, size_t *starts, int max);

#endif
