/*
 * casenum.c - filling the case-number pattern.
 */
#include "tiaojie/casenum.h"

#include <stdio.h>
#include <string.h>

#include "tiaojie/util.h"

char *casenum_format(const char *pattern, const char *court, int year, int64_t seq)
{
	struct strbuf sb;
	const char *p = pattern;
	int have_seq = 0;

	sb_init(&sb);
	while (*p) {
		if (*p != '{') {
			sb_addc(&sb, *p++);
			continue;
		}
		const char *end = strchr(p, '}');
		if (!end)
			goto bad;
		size_t n = (size_t)(end - p - 1);
		const char *name = p + 1;
		if (n == 5 && strncmp(name, "court", 5) == 0) {
			sb_add(&sb, court);
		} else if (n == 4 && strncmp(name, "year", 4) == 0) {
			sb_printf(&sb, "%04d", year);
		} else if (n == 3 && strncmp(name, "seq", 3) == 0) {
			sb_printf(&sb, "%lld", (long long)seq);
			have_seq = 1;
		} else if (n == 6 && strncmp(name, "seq:0", 5) == 0 && name[5] >= '1' && name[5] <= '9') {
			sb_printf(&sb, "%0*lld", name[5] - '0', (long long)seq);
			have_seq = 1;
		} else {
			goto bad;
		}
		p = end + 1;
	}
	if (!have_seq)
		goto bad;
	return sb_detach(&sb);
bad:
	sb_free(&sb);
	tj_error("案件编号格式无效：%s（可用 {court} {year} {seq} {seq:05}）", pattern);
	return NULL;
}

static const char *const bracket_open[] = {"(", "（", "〔", "[", "【"};
static const char *const bracket_close[] = {")", "）", "〕", "]", "】"};

/* The length of the bracket at p and its kind (index into the tables), or 0. */
static size_t bracket_at(const char *p, size_t *kind, int *is_open)
{
	for (size_t j = 0; j < TJ_ARRAY_LEN(bracket_open); j++) {
		if (strncmp(p, bracket_open[j], strlen(bracket_open[j])) == 0) {
			*kind = j, *is_open = 1;
			return strlen(bracket_open[j]);
		}
		if (strncmp(p, bracket_close[j], strlen(bracket_close[j])) == 0) {
			*kind = j, *is_open = 0;
			return strlen(bracket_close[j]);
		}
	}
	return 0;
}

char *casenum_brackets_as(const char *s, enum casenum_brackets kind)
{
	struct strbuf sb;

	sb_init(&sb);
	while (*s) {
		size_t j, n;
		int is_open;
		if ((n = bracket_at(s, &j, &is_open)) > 0) {
			sb_add(&sb, is_open ? bracket_open[kind] : bracket_close[kind]);
			s += n;
		} else {
			sb_addc(&sb, *s++);
		}
	}
	return sb_detach(&sb);
}

int casenum_pattern_brackets(const char *pattern)
{
	for (const char *p = pattern; p && *p; p++) {
		size_t j, n;
		int is_open;
		if ((n = bracket_at(p, &j, &is_open)) > 0 && j <= CASENUM_HEXAGONAL)
			return (int)j;
	}
	return -1;
}
