/*
 * text.c - display-column arithmetic for mixed Chinese/ASCII text, the one
 * width of the whole program (uitext.h says which character takes how
 * many columns and why).
 *
 * This is the bottom layer: the screens (src/ui, src/screens), the
 * workbook (src/report) and the documents (src/docs) all measure here, so
 * it knows nothing of curses, the database or the locale.  UTF-8 is
 * decoded by hand, strictly (no overlong forms, no surrogates), because
 * mbrtowc() would follow whatever locale a command runs in.
 */
#include "tiaojie/uitext.h"

#include <stdlib.h>
#include <string.h>

#include "tiaojie/util.h"

#include "widthtab.h"

#define REPLACEMENT 0xFFFD

/* The table's width of c: 0, 1, 2, or -1 (not printable). */
static int table_width(wchar_t c)
{
	unsigned u = (unsigned)c;
	int lo = 0, hi = tw_nranges - 1;

	if (u >= 0x20 && u < 0x7F)
		return 1;
	if (c < 0 || u > 0x10FFFF)
		return -1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (u < tw_ranges[mid].lo)
			hi = mid - 1;
		else if (u > tw_ranges[mid].hi)
			lo = mid + 1;
		else
			return tw_ranges[mid].width;
	}
	return 1;
}

int tw_charwidth(wchar_t c)
{
	int w = table_width(c);

	return w < 0 ? 1 : w;
}

int tw_printable(wchar_t c)
{
	return table_width(c) >= 0;
}

int tw_wcswidth(const wchar_t *s, size_t n)
{
	int w = 0;

	for (size_t i = 0; i < n; i++)
		w += tw_charwidth(s[i]);
	return w;
}

/* One code point from p (which is not at its terminating NUL); returns
 * the bytes used, 1 for an invalid byte (then *cp is U+FFFD). */
static size_t utf8_decode(const unsigned char *p, wchar_t *cp)
{
	unsigned c = p[0], min, v;
	size_t len;

	if (c < 0x80) {
		*cp = (wchar_t)c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2, v = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3, v = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4, v = c & 0x07, min = 0x10000;
	} else {
		*cp = REPLACEMENT;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80) { /* also stops at the NUL */
			*cp = REPLACEMENT;
			return 1;
		}
		v = (v << 6) | (p[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = REPLACEMENT;
		return 1;
	}
	*cp = (wchar_t)v;
	return len;
}

wchar_t *tw_from_utf8(const char *s, size_t *n)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t k = 0;
	wchar_t *out = xmalloc((strlen((const char *)p) + 1) * sizeof *out);

	while (*p)
		p += utf8_decode(p, &out[k++]);
	out[k] = 0;
	if (n)
		*n = k;
	return out;
}

char *tw_to_utf8(const wchar_t *s, size_t n)
{
	struct strbuf sb;

	sb_init(&sb);
	for (size_t i = 0; i < n; i++) {
		unsigned c = (unsigned)s[i];
		char b[4];
		if (s[i] <= 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
			sb_addc(&sb, '?');
		} else if (c < 0x80) {
			sb_addc(&sb, (char)c);
		} else if (c < 0x800) {
			b[0] = (char)(0xC0 | c >> 6);
			b[1] = (char)(0x80 | (c & 0x3F));
			sb_addn(&sb, b, 2);
		} else if (c < 0x10000) {
			b[0] = (char)(0xE0 | c >> 12);
			b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
			b[2] = (char)(0x80 | (c & 0x3F));
			sb_addn(&sb, b, 3);
		} else {
			b[0] = (char)(0xF0 | c >> 18);
			b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
			b[2] = (char)(0x80 | ((c >> 6) & 0x3F));
			b[3] = (char)(0x80 | (c & 0x3F));
			sb_addn(&sb, b, 4);
		}
	}
	if (!sb.buf)
		sb_add(&sb, "");
	return sb_detach(&sb);
}

int tw_width(const char *utf8)
{
	const unsigned char *p = (const unsigned char *)(utf8 ? utf8 : "");
	int width = 0;

	while (*p) {
		wchar_t c;
		p += utf8_decode(p, &c);
		width += tw_charwidth(c);
	}
	return width;
}

size_t tw_fit(const wchar_t *s, size_t n, int cols)
{
	size_t i = 0;
	int used = 0;

	for (; i < n; i++) {
		int w = tw_charwidth(s[i]);
		if (used + w > cols)
			break;
		used += w;
	}
	return i;
}

void tw_pad(struct strbuf *sb, const char *utf8, int cols)
{
	size_t n;
	wchar_t *w = tw_from_utf8(utf8, &n);
	size_t k = tw_fit(w, n, cols);
	char *s = tw_to_utf8(w, k);

	sb_add(sb, s);
	for (int used = tw_wcswidth(w, k); used < cols; used++)
		sb_addc(sb, ' ');
	free(s);
	free(w);
}

/* ---- wrapping ------------------------------------------------------------ */

/* Part of a word that must not be split: ASCII other than the space. */
static int word_char(wchar_t c)
{
	return c > 0x20 && c < 0x7F;
}

/* Marks that may not begin a line / end one (a simple kinsoku). */
static int closing_mark(wchar_t c)
{
	return c && wcschr(L"，。、；：？！）》」』】〕〉〗”’…％", c) != NULL;
}

static int opening_mark(wchar_t c)
{
	return c && wcschr(L"（《「『【〔〈〖“‘", c) != NULL;
}

/* May a line begin at s[j] (after s[j - 1])? */
static int break_ok(const wchar_t *s, size_t j)
{
	wchar_t a = s[j - 1], b = s[j];

	if (b == L' ' || tw_charwidth(b) == 0)
		return 0;
	if (a == L' ')
		return 1;
	if (word_char(a) && word_char(b))
		return 0;
	return !closing_mark(b) && !opening_mark(a);
}

int tw_wrap(const wchar_t *s, size_t n, int cols, size_t *starts, int max)
{
	int lines = 1;
	size_t start = 0, brk = 0; /* the current line; its last break point */
	int used = 0;

	if (cols < 2)
		cols = 2;
	if (max > 0)
		starts[0] = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == L'\n') {
			if (lines < max)
				starts[lines] = i + 1;
			lines++;
			start = brk = i + 1;
			used = 0;
			continue;
		}
		int w = tw_charwidth(s[i]);
		if (i > start && break_ok(s, i))
			brk = i;
		/* spaces hang at the end of a line rather than begin the next */
		while (w > 0 && s[i] != L' ' && used + w > cols && i > start) {
			size_t at = brk > start ? brk : i;
			if (lines < max)
				starts[lines] = at;
			lines++;
			start = brk = at;
			used = tw_wcswidth(s + at, i - at);
		}
		used += w;
	}
	return lines;
}
