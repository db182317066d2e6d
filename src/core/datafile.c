/*
 * datafile.c - the editable data files and their loading at `init`.
 *
 * causes.tsv: code TAB parent TAB name TAB abbr TAB stat_group, '#'
 * comments.  A first-level code has 2 digits and no parent; a second-level
 * code has 4 digits starting with its parent's.  holidays.tsv: date TAB
 * off|work TAB name.
 */
#include "tiaojie/datafile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/calendar.h"
#include "tiaojie/embed.h"
#include "tiaojie/util.h"

#ifndef TJ_DATADIR
#define TJ_DATADIR "/usr/local/share/tiaojie"
#endif

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb;
	char buf[8192];
	size_t n;

	if (!f)
		return NULL;
	sb_init(&sb);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, n);
	if (ferror(f)) {
		fclose(f);
		sb_free(&sb);
		return NULL;
	}
	fclose(f);
	return sb_detach(&sb);
}

char *datafile_read(const char *name, char **from)
{
	const char *env = getenv("TIAOJIE_DATADIR");
	const char *dirs[2] = {env && *env ? env : NULL, TJ_DATADIR "/data"};

	for (size_t i = 0; i < 2; i++) {
		if (!dirs[i])
			continue;
		char *path = xasprintf("%s/%s", dirs[i], name);
		char *text = read_file(path);
		if (text) {
			if (from)
				*from = path;
			else
				free(path);
			return text;
		}
		if (errno != ENOENT && i == 0) {
			tj_error("无法读取 %s：%s", path, strerror(errno));
			free(path);
			return NULL;
		}
		free(path);
	}
	const char *builtin = embed_find(name);
	if (!builtin) {
		tj_error("找不到数据文件 %s", name);
		return NULL;
	}
	if (from)
		*from = xstrdup("内置");
	return xstrdup(builtin);
}

/* Split a line into at most max TAB-separated fields in place. */
static int split_tabs(char *line, char **f, int max)
{
	int n = 0;

	f[n++] = line;
	for (char *p = line; *p; p++) {
		if (*p == '\t') {
			*p = '\0';
			if (n == max)
				return max + 1;
			f[n++] = p + 1;
		}
	}
	return n;
}

static int all_digits(const char *s, size_t n)
{
	if (strlen(s) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int causes_load(struct db *db, const char *text, int *first, int *second)
{
	char *copy = xstrdup(text), *save = NULL;
	int lineno = 0, ord = 0;

	*first = *second = 0;
	for (char *line = copy, *next; line; line = next) {
		char *f[6];
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		size_t len = strlen(line);
		if (len && line[len - 1] == '\r')
			line[--len] = '\0';
		if (!len || line[0] == '#')
			continue;
		if (!utf8_valid(line, len)) {
			tj_error("causes.tsv 第%d行：含有无效的UTF-8字节", lineno);
			goto fail;
		}
		if (split_tabs(line, f, 5) != 5) {
			tj_error("causes.tsv 第%d行：应有5列（代码、上级、名称、拼音首字母、统计分类）", lineno);
			goto fail;
		}
		int top = all_digits(f[0], 2), sub = all_digits(f[0], 4);
		if (!top && !sub) {
			tj_error("causes.tsv 第%d行：代码 %s 应为2位或4位数字", lineno, f[0]);
			goto fail;
		}
		if (top && *f[1]) {
			tj_error("causes.tsv 第%d行：一级案由 %s 不应有上级", lineno, f[0]);
			goto fail;
		}
		if (sub && strncmp(f[0], f[1], 2) != 0) {
			tj_error("causes.tsv 第%d行：二级案由 %s 的上级应为 %.2s", lineno, f[0], f[0]);
			goto fail;
		}
		if (!*f[2] || !*f[3] || !*f[4]) {
			tj_error("causes.tsv 第%d行：名称、拼音首字母和统计分类不能为空", lineno);
			goto fail;
		}
		if (db_cause_insert(db, f[0], sub ? f[1] : NULL, f[2], f[3], f[4], ++ord) < 0) {
			char msg[512];
			snprintf(msg, sizeof msg, "%s", tj_errmsg());
			tj_error("causes.tsv 第%d行（%s）：%s", lineno, f[0], msg);
			goto fail;
		}
		if (top)
			(*first)++;
		else
			(*second)++;
	}
	(void)save;
	free(copy);
	if (*first == 0 || *second == 0) {
		tj_error("causes.tsv 中没有案由");
		return -1;
	}
	return 0;
fail:
	free(copy);
	return -1;
}

int holidays_load(struct db *db, const char *text, int *rows)
{
	char *copy = xstrdup(text);
	int lineno = 0;

	*rows = 0;
	for (char *line = copy, *next; line; line = next) {
		char *f[4];
		tj_day d;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		size_t len = strlen(line);
		if (len && line[len - 1] == '\r')
			line[--len] = '\0';
		if (!len || line[0] == '#')
			continue;
		int nf = split_tabs(line, f, 3);
		if (nf < 2 || nf > 3 || date_parse(f[0], &d) < 0 ||
		    (strcmp(f[1], "off") != 0 && strcmp(f[1], "work") != 0)) {
			tj_error("holidays.tsv 第%d行：应为：日期、off或work、名称，以TAB分隔", lineno);
			free(copy);
			return -1;
		}
		if (db_holiday_insert(db, f[0], f[1], nf == 3 ? f[2] : "") < 0) {
			free(copy);
			return -1;
		}
		(*rows)++;
	}
	free(copy);
	return 0;
}
