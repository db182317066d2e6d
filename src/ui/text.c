/*
 * text.c - display-column arithmetic for mixed Chinese/ASCII text.
 */
#include "tiaojie/uitext.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/util.h"

int tw_charwidth(wchar_t c)
{
	int w;

	if (c == L'\n' || c == L'\t')
		return 1;
	w = wcwidth(c);
	return w < 0 ? 1 : w;
}

int tw_wcswidth(const wchar_t *s, size_t n)
{
	int w = 0;

	for (size_t i = 0; i < n; i++)
		w += tw_charwidth(s[i]);
	return w;
}

wchar_t *tw_from_utf8(const char *s, size_t *n)
{
	size_t len = strlen(s), k = 0;
	wchar_t *out = xmalloc((len + 1) * sizeof *out);
	mbstate_t st;

	memset(&st, 0, sizeof st);
	while (*s) {
		wchar_t wc;
		size_t r = mbrtowc(&wc, s, len, &st);
		if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
			wc = 0xFFFD;
			r = 1;
			memset(&st, 0, sizeof st);
		}
		out[k++] = wc;
		s += r;
		len -= r;
	}
	out[k] = 0;
	if (n)
		*n = k;
	return out;
}

char *tw_to_utf8(const wchar_t *s, size_t n)
{
	struct strbuf sb;
	mbstate_t st;
	char buf[MB_LEN_MAX > 8 ? MB_LEN_MAX : 8];

	sb_init(&sb);
	memset(&st, 0, sizeof st);
	for (size_t i = 0; i < n; i++) {
		size_t r = wcrtomb(buf, s[i], &st);
		if (r == (size_t)-1) {
			sb_addc(&sb, '?');
			memset(&st, 0, sizeof st);
		} else {
			sb_addn(&sb, buf, r);
		}
	}
	return sb_detach(&sb);
}

int tw_width(const char *utf8)
{
	size_t n;
	wchar_t *w = tw_from_utf8(utf8, &n);
	int width = tw_wcswidth(w, n);

	free(w);
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

int tw_wrap(const wchar_t *s, size_t n, int cols, size_t *starts, int max)
{
	int lines = 0;
	size_t i = 0;

	if (cols < 2)
		cols = 2;
	if (max > 0)
		starts[lines] = 0;
	lines = 1;
	int used = 0;
	for (i = 0; i < n; i++) {
		if (s[i] == L'\n') {
			if (lines < max)
				starts[lines] = i + 1;
			lines++;
			used = 0;
			continue;
		}
		int w = tw_charwidth(s[i]);
		if (used + w > cols) {
			if (lines < max)
				starts[lines] = i;
			lines++;
			used = 0;
		}
		used += w;
	}
	return lines;
}
