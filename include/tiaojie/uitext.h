/*
 * uitext.h - text measured in display columns.
 *
 * Everything on screen is placed by display columns (wcwidth), never by
 * bytes or code points: a Chinese character takes two columns, and a wide
 * character that does not fit at an edge is replaced by a space rather than
 * split.  Unprintable characters are shown as '?'.
 */
#ifndef TIAOJIE_UITEXT_H
#define TIAOJIE_UITEXT_H

#include <stddef.h>
#include <wchar.h>

/* Display width of one character: 0, 1 or 2 (unprintable counts as 1, it
 * is drawn as '?'). */
int tw_charwidth(wchar_t c);
/* Width of a wide string (n characters) / of a UTF-8 string. */
int tw_wcswidth(const wchar_t *s, size_t n);
int tw_width(const char *utf8);

/* UTF-8 to a malloc'd wide string (invalid bytes become U+FFFD); *n gets
 * the length.  And back. */
wchar_t *tw_from_utf8(const char *s, size_t *n);
char *tw_to_utf8(const wchar_t *s, size_t n);

/* How many characters of s (n characters) fit in cols columns. */
size_t tw_fit(const wchar_t *s, size_t n, int cols);

/* Wrap a wide text to lines of at most cols columns (hard newlines kept).
 * Fills starts[] with the index of the first character of each line (up
 * to max) and returns the number of lines. */
int tw_wrap(const wchar_t *s, size_t n, int cols, size_t *starts, int max);

#endif
