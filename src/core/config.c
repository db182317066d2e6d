/*
 * config.c - reading the configuration file (tiaojie.conf(5)).
 *
 * main.c calls config_load() once at start-up; every other module reads the
 * resulting struct config and never looks at the file.  The settings are
 * described once, in keys[] below (section, key, kind of value, range);
 * config_defaults() holds their defaults and man/tiaojie.conf.5 documents
 * both, so the three must change together.
 *
 * libinih splits the file into sections and name = value pairs, but its
 * handler is not told the line number (Debian builds it without
 * INI_HANDLER_LINENO) and it only returns the first syntax error.  So the
 * file is fed to ini_parse_stream() through our own reader, which
 *   - counts physical lines, so the handler knows the line it is called for;
 *   - strips leading blanks, so an indented line is never taken as a
 *     continuation of the previous value (inih's multi-line mode would
 *     silently glue an indented "key = value" onto the previous value);
 *   - recognises section headers itself (the handler is not called for
 *     them) to report an unknown section once, at its header, and keep quiet
 *     about the keys under it;
 *   - reports every malformed line itself and hands inih an empty line
 *     instead, so all syntax errors are listed, not only the first.
 * What inih still reports as an error is kept as a safety net.  For the
 * parse, inih's options (variables in Debian's build) are set to allow
 * lines of 4000 bytes, no comments after a value and no multi-line values.
 *
 * Every problem becomes one line "FILE:LINE: 原因" and all of them are put
 * into the error sink together; a bad value leaves that setting as it was
 * (normally its default) so the caller may go on if it chooses to.
 */
#include "tiaojie/config.h"

#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <unistd.h>

#include "tiaojie/util.h"

#define CONFIG_SYSTEM_PATH "/etc/tiaojie/tiaojie.conf"
#define CONFIG_XDG_SUFFIX "/tiaojie/config"

/* The longest line accepted, newline excluded (man page: 4000 bytes). */
#define CONFIG_MAX_LINE 4000
#define CONFIG_PATTERN_MAX 100
#define CONFIG_ABBR_MAX_CHARS 10

/* The error sink (util.c) holds about 1 KiB; the message is cut at a line
 * boundary below this and ends with how many problems were left out. */
#define CONFIG_ERRMSG_BUDGET 900

/* How much of a bad value or unknown name is echoed in a message. */
#define ECHO_MAX_CHARS 40

enum key_type {
	K_STR,      /* any text, may be empty */
	K_NONEMPTY, /* text that must not be empty */
	K_ABBR,     /* court abbreviation: non-empty, short */
	K_PATH,     /* text; empty means "not set" (NULL) */
	K_INT,      /* decimal integer in min..max */
	K_BOOL,     /* yes/no and friends */
	K_DAYKIND,  /* calendar | working */
	K_DATESTYLE, /* arabic | chinese */
	K_FROM,     /* received | accepted */
	K_PATTERN,  /* case-number pattern */
	K_ROOMS,    /* comma-separated room names */
	K_DISTRICTS, /* comma-separated district names, may be empty */
	K_BODIES,   /* comma-separated names of mediation bodies, may be empty */
};

struct key_def {
	const char *section;
	const char *name;
	enum key_type type;
	size_t off; /* offset of the field in struct config */
	int min, max;
};

#define F(field) offsetof(struct config, field)

static const struct key_def keys[] = {
	{ "court", "name", K_NONEMPTY, F(court_name), 0, 0 },
	{ "court", "abbr", K_ABBR, F(court_abbr), 0, 0 },
	{ "court", "centre", K_NONEMPTY, F(centre_name), 0, 0 },
	{ "court", "address", K_STR, F(court_address), 0, 0 },
	{ "court", "phone", K_STR, F(court_phone), 0, 0 },
	{ "court", "districts", K_DISTRICTS, F(districts), 0, 0 },

	{ "database", "path", K_PATH, F(db), 0, 0 },
	{ "database", "busy_timeout", K_INT, F(busy_timeout_ms), 100, 600000 },

	{ "case", "number", K_PATTERN, F(case_number_pattern), 0, 0 },
	{ "case", "collective_min", K_INT, F(collective_threshold), 2, 1000 },
	{ "case", "legacy_id15", K_BOOL, F(legacy_id15), 0, 0 },

	{ "deadlines", "mediation_days", K_INT, F(mediation_days), 1, 365 },
	{ "deadlines", "mediation_count", K_DAYKIND, F(mediation_kind), 0, 0 },
	{ "deadlines", "mediation_from", K_FROM, F(mediation_from_accepted), 0, 0 },
	{ "deadlines", "extension_days", K_INT, F(extension_days), 1, 365 },
	{ "deadlines", "arbitration_days", K_INT, F(arbitration_days), 1, 365 },
	{ "deadlines", "arbitration_count", K_DAYKIND, F(arbitration_kind), 0, 0 },
	{ "deadlines", "due_soon_days", K_INT, F(due_soon_days), 0, 60 },
	{ "deadlines", "stalled_days", K_INT, F(stalled_days), 1, 365 },

	{ "warnings", "high_incidence_cases", K_INT, F(high_incidence_cases), 2, 10000 },
	{ "warnings", "high_incidence_days", K_INT, F(high_incidence_days), 1, 3650 },

	{ "sessions", "rooms", K_ROOMS, F(rooms), 0, 0 },
	{ "sessions", "default_minutes", K_INT, F(session_minutes), 10, 600 },

	{ "commands", "print", K_STR, F(print_command), 0, 0 },
	{ "commands", "notify", K_STR, F(notify_command), 0, 0 },

	{ "documents", "dir", K_STR, F(documents_dir), 0, 0 },
	{ "documents", "heading", K_STR, F(doc_heading), 0, 0 },
	{ "documents", "arbitration_addressee", K_STR, F(arbitration_addressee), 0, 0 },
	{ "documents", "dates", K_DATESTYLE, F(doc_dates_chinese), 0, 0 },

	{ "report", "table_number", K_STR, F(report_table_no), 0, 0 },
	{ "report", "unit", K_STR, F(report_unit), 0, 0 },
	{ "report", "head", K_STR, F(report_head), 0, 0 },
	{ "report", "statistician", K_STR, F(report_statistician), 0, 0 },
	{ "report", "preparer", K_STR, F(report_preparer), 0, 0 },
	{ "report", "bodies", K_BODIES, F(report_bodies), 0, 0 },

	{ "policy", "clerk_may_assign", K_BOOL, F(clerk_may_assign), 0, 0 },
	{ "policy", "lockout_failures", K_INT, F(lockout_failures), 1, 100 },
	{ "policy", "min_password_length", K_INT, F(min_password_len), 6, 128 },
};

#undef F

static const char *const sections[] = {
	"court", "database", "case", "deadlines",
	"warnings", "sessions", "commands", "documents", "report", "policy",
};

#define SECT_NONE (-1)    /* before the first section header */
#define SECT_UNKNOWN (-2) /* under a bad or unknown header: already reported */

struct parse_state {
	struct config *c;
	const char *file;
	FILE *fp;
	char *line; /* getline buffer */
	size_t cap;
	int lineno;
	int sect;
	int read_errno;
	struct strbuf errs; /* every problem, one per line */
	int nerr;
};

static void set_str(char **field, const char *value)
{
	char *old = *field;

	*field = value ? xstrdup(value) : NULL;
	free(old);
}

static const char *const default_districts[] = {
	"黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区", "闵行区",
	"宝山区", "嘉定区", "浦东新区", "金山区", "松江区", "青浦区", "奉贤区", "崇明区",
};

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	c->path = NULL;

	c->court_name = xstrdup("上海市劳动人事争议仲裁院");
	c->court_abbr = xstrdup("沪");
	c->centre_name = xstrdup("上海市三方劳动人事争议联合调解中心");
	c->court_address = xstrdup("");
	c->court_phone = xstrdup("");
	/* the districts of the default court, Shanghai's sixteen, in the
	 * order of their administrative codes */
	for (size_t i = 0; i < TJ_ARRAY_LEN(default_districts); i++)
		c->districts[i] = xstrdup(default_districts[i]);
	c->ndistricts = (int)TJ_ARRAY_LEN(default_districts);

	c->db = NULL;
	c->busy_timeout_ms = 5000;

	c->case_number_pattern = xstrdup("{court}劳人调〔{year}〕{seq}号");
	c->collective_threshold = 10;
	c->legacy_id15 = 0;

	c->mediation_days = 15;
	c->mediation_kind = DAYS_CALENDAR;
	c->extension_days = 15;
	c->arbitration_days = 5;
	c->arbitration_kind = DAYS_CALENDAR;
	c->due_soon_days = 3;
	c->stalled_days = 7;

	c->high_incidence_cases = 5;
	c->high_incidence_days = 90;

	c->rooms[0] = xstrdup("第一调解室");
	c->rooms[1] = xstrdup("第二调解室");
	c->rooms[2] = xstrdup("第三调解室");
	c->nrooms = 3;
	c->session_minutes = 60;

	c->print_command = xstrdup("");
	c->notify_command = xstrdup("");
	c->documents_dir = xstrdup("");
	c->doc_heading = xstrdup("");
	c->arbitration_addressee = xstrdup("");
	c->doc_dates_chinese = 0;

	c->report_table_no = xstrdup("");
	c->report_unit = xstrdup("");
	c->report_head = xstrdup("");
	c->report_statistician = xstrdup("");
	c->report_preparer = xstrdup("");

	c->clerk_may_assign = 0;
	c->lockout_failures = 5;
	c->min_password_len = 8;
}

static void free_list(char **v, int *n, int max)
{
	for (int i = 0; i < max; i++) {
		free(v[i]);
		v[i] = NULL;
	}
	*n = 0;
}

static void free_lists(struct config *c)
{
	free_list(c->rooms, &c->nrooms, CONFIG_MAX_ROOMS);
	free_list(c->districts, &c->ndistricts, CONFIG_MAX_DISTRICTS);
	free_list(c->report_bodies, &c->nreport_bodies, CONFIG_MAX_BODIES);
}

void config_free(struct config *c)
{
	char **strs[] = {
		&c->path, &c->court_name, &c->court_abbr, &c->centre_name,
		&c->court_address, &c->court_phone, &c->db,
		&c->case_number_pattern, &c->print_command, &c->notify_command,
		&c->documents_dir, &c->doc_heading, &c->arbitration_addressee,
		&c->report_table_no, &c->report_unit, &c->report_head, &c->report_statistician,
		&c->report_preparer,
	};

	for (size_t i = 0; i < TJ_ARRAY_LEN(strs); i++) {
		free(*strs[i]);
		*strs[i] = NULL;
	}
	free_lists(c);
}

static int file_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

char *config_find(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *p = NULL;

	/* The XDG base directory spec says to ignore a relative value. */
	if (xdg && xdg[0] == '/')
		p = xasprintf("%s%s", xdg, CONFIG_XDG_SUFFIX);
	else if (home && home[0])
		p = xasprintf("%s/.config%s", home, CONFIG_XDG_SUFFIX);
	if (p && file_exists(p))
		return p;
	free(p);
	if (file_exists(CONFIG_SYSTEM_PATH))
		return xstrdup(CONFIG_SYSTEM_PATH);
	return NULL;
}

/* ---- case-number pattern ---- */

int config_check_case_pattern(const char *pattern, const char **reason)
{
	/* Holds a reason naming the bad placeholder; patterns are at most
	 * CONFIG_PATTERN_MAX bytes so it always fits whole. */
	static char why[64 + CONFIG_PATTERN_MAX];
	const char *dummy;
	size_t len;
	int have_seq = 0, have_year = 0;

	if (!reason)
		reason = &dummy;
	*reason = NULL;
	if (!pattern || !pattern[0]) {
		*reason = "格式为空";
		return -1;
	}
	len = strlen(pattern);
	if (len > CONFIG_PATTERN_MAX) {
		*reason = "格式过长（最多 100 字节）";
		return -1;
	}
	if (!utf8_valid(pattern, len)) {
		*reason = "不是有效的 UTF-8 文本";
		return -1;
	}
	if (utf8_has_control(pattern, 0)) {
		*reason = "含有控制字符";
		return -1;
	}
	for (const char *p = pattern; *p; p++) {
		const char *end;
		size_t n;

		if (*p == '}') {
			*reason = "有多余的 }（没有对应的 {）";
			return -1;
		}
		if (*p != '{')
			continue;
		end = strpbrk(p + 1, "{}");
		if (!end || *end == '{') {
			*reason = "有未闭合的 {";
			return -1;
		}
		n = (size_t)(end - p - 1);
		if (n == 5 && memcmp(p + 1, "court", 5) == 0) {
			/* fine */
		} else if (n == 4 && memcmp(p + 1, "year", 4) == 0) {
			have_year = 1;
		} else if (n == 3 && memcmp(p + 1, "seq", 3) == 0) {
			have_seq = 1;
		} else if (n == 6 && memcmp(p + 1, "seq:0", 5) == 0 &&
			   p[6] >= '1' && p[6] <= '9') {
			have_seq = 1;
		} else if (n >= 4 && memcmp(p + 1, "seq:", 4) == 0) {
			snprintf(why, sizeof why,
				 "序号宽度 {%.*s} 无效（应为 {seq:01} 到 {seq:09}）",
				 (int)n, p + 1);
			*reason = why;
			return -1;
		} else {
			snprintf(why, sizeof why,
				 "未知的占位符 {%.*s}（可用 {court}、{year}、{seq}、{seq:0N}）",
				 (int)n, p + 1);
			*reason = why;
			return -1;
		}
		p = end;
	}
	if (!have_seq) {
		*reason = "缺少序号占位符 {seq}";
		return -1;
	}
	/* Sequences restart every year, so without the year two cases would
	 * get the same number. */
	if (!have_year) {
		*reason = "缺少年份占位符 {year}（序号每年重新编排）";
		return -1;
	}
	return 0;
}

/* ---- error collection ---- */

static void cfg_err(struct parse_state *st, const char *fmt, ...) TJ_PRINTF(2, 3);

static void cfg_err(struct parse_state *st, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	sb_printf(&st->errs, "%s:%d: %s\n", st->file, st->lineno, msg);
	free(msg);
	st->nerr++;
}

/* Put the collected problems into the error sink, as many whole lines as
 * fit, then a count of the rest. */
static void flush_errors(struct parse_state *st)
{
	struct strbuf out;
	const char *p = st->errs.buf;
	int shown = 0;

	sb_init(&out);
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = (size_t)(nl - p);

		if (out.len + n + 1 > CONFIG_ERRMSG_BUDGET && shown > 0)
			break;
		if (shown)
			sb_addc(&out, '\n');
		/* A single line longer than the budget (a very long path) is
		 * cut at a character boundary. */
		if (n > CONFIG_ERRMSG_BUDGET) {
			n = CONFIG_ERRMSG_BUDGET;
			while (n > 0 && ((unsigned char)p[n] & 0xC0) == 0x80)
				n--;
		}
		sb_addn(&out, p, n);
		shown++;
		p = nl + 1;
	}
	if (shown < st->nerr)
		sb_printf(&out, "\n（另有 %d 处错误未列出）", st->nerr - shown);
	tj_error("%s", out.buf ? out.buf : "");
	sb_free(&out);
}

/* A printable copy of s for a message: at most ECHO_MAX_CHARS characters;
 * bytes that are not valid UTF-8 or are control characters become '?'. */
static char *echo(const char *s)
{
	struct strbuf sb;
	int clean = utf8_valid(s, strlen(s)) && !utf8_has_control(s, 0);
	size_t chars = 0;

	sb_init(&sb);
	for (const char *p = s; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		int lead = !clean || (ch & 0xC0) != 0x80;

		if (lead && chars++ == ECHO_MAX_CHARS) {
			sb_add(&sb, "...");
			break;
		}
		sb_addc(&sb, (clean || (ch >= 0x20 && ch < 0x7F)) ? (char)ch : '?');
	}
	return sb_detach(&sb);
}

/* ---- values ---- */

static int parse_int(const char *s, long *out, int *overflow)
{
	char *end;

	*overflow = 0;
	if (!((*s >= '0' && *s <= '9') || ((*s == '-' || *s == '+') && s[1] >= '0' && s[1] <= '9')))
		return -1;
	errno = 0;
	*out = strtol(s, &end, 10);
	if (*end)
		return -1;
	if (errno == ERANGE)
		*overflow = 1;
	return 0;
}

static int parse_bool(const char *s, int *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < TJ_ARRAY_LEN(yes); i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

static int is_ascii_space(unsigned char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' ||
	       ch == '\v' || ch == '\f';
}

/* Length of the blank at s: an ASCII blank (1) or U+3000 IDEOGRAPHIC
 * SPACE (3), which a Chinese input method types; 0 if none. */
static size_t blank_at(const char *s, size_t left)
{
	if (left >= 1 && is_ascii_space((unsigned char)s[0]))
		return 1;
	if (left >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

static size_t blank_before(const char *s, size_t len)
{
	if (len >= 1 && is_ascii_space((unsigned char)s[len - 1]))
		return 1;
	if (len >= 3 && memcmp(s + len - 3, "\xE3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* U+FF0C FULLWIDTH COMMA; s is NUL-terminated, so checking byte by byte
 * never reads past its end. */
static int is_fullwidth_comma(const char *s)
{
	return s[0] == '\xEF' && s[1] == '\xBC' && s[2] == '\x8C';
}

/* rooms = A, B，C: split on ',' and the full-width '，' (U+FF0C), trim,
 * into v[max] and *nv; what names an item in messages ("调解室").  An
 * empty value is an empty list when may_be_empty, else an error. */
static void set_list(struct parse_state *st, const struct key_def *k, const char *value, const char *what,
		     char **v, int *nv, int max, int may_be_empty)
{
	char *names[CONFIG_MAX_LIST];
	int n = 0, total = 0, bad = 0;
	const char *p = value;

	if (!*value) {
		if (may_be_empty) {
			free_list(v, nv, max);
			return;
		}
		cfg_err(st, "[%s] %s 至少要有一个%s", k->section, k->name, what);
		return;
	}
	for (;;) {
		const char *sep = p, *end;
		size_t seplen = 0, len, b;

		while (*sep) {
			if (*sep == ',') {
				seplen = 1;
				break;
			}
			if (is_fullwidth_comma(sep)) {
				seplen = 3;
				break;
			}
			sep++;
		}
		end = sep;
		while ((b = blank_at(p, (size_t)(end - p))) != 0)
			p += b;
		len = (size_t)(end - p);
		while ((b = blank_before(p, len)) != 0)
			len -= b;
		total++;
		if (len == 0) {
			cfg_err(st, "[%s] %s 的第 %d 个%s名称为空", k->section, k->name, total, what);
			bad = 1;
		} else if (n < max) {
			names[n] = xstrndup(p, len);
			for (int i = 0; i < n; i++) {
				if (strcmp(names[i], names[n]) == 0) {
					char *e = echo(names[n]);
					cfg_err(st, "[%s] %s 中%s「%s」重复", k->section, k->name, what, e);
					free(e);
					bad = 1;
					break;
				}
			}
			n++;
		}
		if (!*sep)
			break;
		p = sep + seplen;
	}
	if (total > max) {
		cfg_err(st, "[%s] %s 的%s过多：%d 个（最多 %d 个）", k->section,
			k->name, what, total, max);
		bad = 1;
	}
	if (bad) {
		for (int i = 0; i < n; i++)
			free(names[i]);
		return;
	}
	free_list(v, nv, max);
	for (int i = 0; i < n; i++)
		v[i] = names[i];
	*nv = n;
}

static void set_value(struct parse_state *st, const struct key_def *k, const char *value)
{
	void *field = (char *)st->c + k->off;
	const char *reason;
	char *e;
	long v;
	int b, overflow;

	switch (k->type) {
	case K_NONEMPTY:
		if (!*value) {
			cfg_err(st, "[%s] %s 不能为空", k->section, k->name);
			return;
		}
		set_str(field, value);
		return;
	case K_ABBR:
		if (!*value) {
			cfg_err(st, "[%s] %s 不能为空", k->section, k->name);
			return;
		}
		if (utf8_chars(value) > CONFIG_ABBR_MAX_CHARS) {
			cfg_err(st, "[%s] %s 过长（最多 %d 个字）", k->section, k->name,
				CONFIG_ABBR_MAX_CHARS);
			return;
		}
		set_str(field, value);
		return;
	case K_STR:
		set_str(field, value);
		return;
	case K_PATH:
		set_str(field, *value ? value : NULL);
		return;
	case K_INT:
		if (parse_int(value, &v, &overflow) < 0) {
			e = echo(value);
			cfg_err(st, "[%s] %s 的值「%s」不是整数（允许 %d 到 %d）", k->section,
				k->name, e, k->min, k->max);
			free(e);
			return;
		}
		if (overflow || v < k->min || v > k->max) {
			e = echo(value);
			cfg_err(st, "[%s] %s 的值 %s 超出范围（允许 %d 到 %d）", k->section,
				k->name, e, k->min, k->max);
			free(e);
			return;
		}
		*(int *)field = (int)v;
		return;
	case K_BOOL:
		if (parse_bool(value, &b) < 0) {
			e = echo(value);
			cfg_err(st, "[%s] %s 的值「%s」无效（应为 yes 或 no，也可写 true/false、on/off、1/0）",
				k->section, k->name, e);
			free(e);
			return;
		}
		*(int *)field = b;
		return;
	case K_DAYKIND:
		if (strcasecmp(value, "calendar") == 0) {
			*(enum day_count *)field = DAYS_CALENDAR;
		} else if (strcasecmp(value, "working") == 0) {
			*(enum day_count *)field = DAYS_WORKING;
		} else {
			e = echo(value);
			cfg_err(st, "[%s] %s 的值「%s」无效（应为 calendar 日历日 或 working 工作日）",
				k->section, k->name, e);
			free(e);
		}
		return;
	case K_FROM:
		if (strcasecmp(value, "received") == 0) {
			*(int *)field = 0;
		} else if (strcasecmp(value, "accepted") == 0) {
			*(int *)field = 1;
		} else {
			e = echo(value);
			cfg_err(st, "[%s] %s 的值「%s」无效（应为 received 自收到调解申请之日起，或 accepted 自受理之日起）",
				k->section, k->name, e);
			free(e);
		}
		return;
	case K_DATESTYLE:
		if (strcasecmp(value, "arabic") == 0) {
			*(int *)field = 0;
		} else if (strcasecmp(value, "chinese") == 0) {
			*(int *)field = 1;
		} else {
			e = echo(value);
			cfg_err(st, "[%s] %s 的值「%s」无效（应为 arabic 即 2026年12月4日，或 chinese 即 二〇二六年十二月四日）",
				k->section, k->name, e);
			free(e);
		}
		return;
	case K_PATTERN:
		if (config_check_case_pattern(value, &reason) < 0) {
			cfg_err(st, "[%s] %s 案号格式无效：%s", k->section, k->name, reason);
			return;
		}
		set_str(field, value);
		return;
	case K_ROOMS:
		set_list(st, k, value, "调解室", st->c->rooms, &st->c->nrooms, CONFIG_MAX_ROOMS, 0);
		return;
	case K_DISTRICTS:
		set_list(st, k, value, "区", st->c->districts, &st->c->ndistricts, CONFIG_MAX_DISTRICTS, 1);
		return;
	case K_BODIES:
		set_list(st, k, value, "调解组织", st->c->report_bodies, &st->c->nreport_bodies, CONFIG_MAX_BODIES, 1);
		return;
	}
}

/* ---- the inih handler and reader ---- */

static int handler(void *user, const char *section, const char *name, const char *value)
{
	struct parse_state *st = user;
	const char *sect;
	const struct key_def *k = NULL;
	char *e;

	(void)section; /* the reader tracks it, untruncated and trimmed */
	if (st->sect == SECT_UNKNOWN || !name[0])
		return 1;
	if (st->sect == SECT_NONE) {
		e = echo(name);
		cfg_err(st, "设置项 %s 不在任何节中（前面缺少 [节名]）", e);
		free(e);
		return 1;
	}
	sect = sections[st->sect];
	for (size_t i = 0; i < TJ_ARRAY_LEN(keys); i++) {
		if (strcmp(keys[i].section, sect) == 0 && strcmp(keys[i].name, name) == 0) {
			k = &keys[i];
			break;
		}
	}
	if (!k) {
		e = echo(name);
		cfg_err(st, "未知的设置项 [%s] %s", sect, e);
		free(e);
		return 1;
	}
	if (!utf8_valid(value, strlen(value))) {
		cfg_err(st, "[%s] %s 的值不是有效的 UTF-8 文本", k->section, k->name);
		return 1;
	}
	if (utf8_has_control(value, 0)) {
		cfg_err(st, "[%s] %s 的值含有控制字符", k->section, k->name);
		return 1;
	}
	set_value(st, k, value);
	return 1; /* problems are collected, not returned to inih */
}

/* Look at one trimmed line before inih does.  Returns 0 to pass it on, -1
 * when it was reported here (inih then gets an empty line). */
static int classify_line(struct parse_state *st, char *s, size_t len)
{
	if (len == 0 || s[0] == ';' || s[0] == '#')
		return 0;
	if (s[0] == '[') {
		char *close = memchr(s, ']', len);
		char *name, *nend, *rest, *e;

		if (!close) {
			cfg_err(st, "语法错误：节名缺少 ]");
			st->sect = SECT_UNKNOWN;
			return -1;
		}
		name = s + 1;
		nend = close;
		while (name < nend && is_ascii_space((unsigned char)*name))
			name++;
		while (nend > name && is_ascii_space((unsigned char)nend[-1]))
			nend--;
		for (rest = close + 1; rest < s + len && is_ascii_space((unsigned char)*rest); rest++)
			;
		if (rest < s + len && *rest != ';' && *rest != '#') {
			cfg_err(st, "语法错误：] 后面有多余的内容");
			st->sect = SECT_UNKNOWN;
			return -1;
		}
		st->sect = SECT_UNKNOWN;
		for (size_t i = 0; i < TJ_ARRAY_LEN(sections); i++) {
			if (strlen(sections[i]) == (size_t)(nend - name) &&
			    memcmp(sections[i], name, (size_t)(nend - name)) == 0) {
				st->sect = (int)i;
				break;
			}
		}
		if (st->sect == SECT_UNKNOWN) {
			char saved = *nend;

			*nend = '\0';
			e = echo(name);
			*nend = saved;
			cfg_err(st, "未知的节 [%s]", e);
			free(e);
		}
		return 0;
	}
	/* name = value (inih also takes ':' like Python's configparser) */
	{
		size_t i = strcspn(s, "=:");

		if (i == len) {
			cfg_err(st, "语法错误：应为「名称 = 值」或「[节名]」");
			return -1;
		}
		while (i > 0 && is_ascii_space((unsigned char)s[i - 1]))
			i--;
		if (i == 0) {
			cfg_err(st, "语法错误：= 前面缺少设置项名称");
			return -1;
		}
	}
	return 0;
}

/* An fgets-like reader for ini_parse_stream() (see the top of the file). */
static char *reader(char *str, int num, void *stream)
{
	struct parse_state *st = stream;
	ssize_t got;
	char *s;
	size_t len;

	if (num < 2)
		return NULL;
	errno = 0;
	got = getline(&st->line, &st->cap, st->fp);
	if (got < 0) {
		if (ferror(st->fp))
			st->read_errno = errno ? errno : EIO;
		return NULL;
	}
	st->lineno++;
	s = st->line;
	len = (size_t)got;
	if (memchr(s, '\0', len)) {
		cfg_err(st, "含有空字符（NUL）");
		goto skip;
	}
	if (st->lineno == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		len -= 3;
	}
	while (len && is_ascii_space((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && is_ascii_space((unsigned char)s[len - 1]))
		len--;
	s[len] = '\0';
	if (len > CONFIG_MAX_LINE || len + 2 > (size_t)num) {
		cfg_err(st, "行过长（最多 %d 字节）",
			num - 2 < CONFIG_MAX_LINE ? num - 2 : CONFIG_MAX_LINE);
		goto skip;
	}
	if (classify_line(st, s, len) < 0)
		goto skip;
	memcpy(str, s, len);
	str[len] = '\n';
	str[len + 1] = '\0';
	return str;
skip:
	str[0] = '\n';
	str[1] = '\0';
	return str;
}

/* Returns 0, or -1 with the error sink set; *opened tells whether the file
 * could be read at all. */
static int parse_file(struct config *c, const char *path, int *opened)
{
	struct parse_state st;
	int rc;
	/* Debian's libinih exposes its compile-time options as variables;
	 * they are process-wide, so put them back afterwards. */
	int saved_max_line = ini_max_line;
	bool saved_inline = ini_allow_inline_comments;
	bool saved_multiline = ini_allow_multiline;
	bool saved_stop = ini_stop_on_first_error;

	memset(&st, 0, sizeof st);
	st.c = c;
	st.file = path;
	st.sect = SECT_NONE;
	sb_init(&st.errs);
	*opened = 0;
	st.fp = fopen(path, "r");
	if (!st.fp) {
		tj_error("无法读取配置文件 %s：%s", path, tj_strerror(errno));
		return -1;
	}

	/* Room for CONFIG_MAX_LINE plus newline and NUL (the line buffer is
	 * on the stack, 4 KiB).  Inline comments are off: a ';' in a
	 * command such as "lp -d x ; true" is part of the value, as in
	 * Python's configparser. */
	ini_max_line = CONFIG_MAX_LINE + 2;
	ini_allow_inline_comments = false;
	ini_allow_multiline = false;
	ini_stop_on_first_error = false;
	rc = ini_parse_stream(reader, &st, handler, &st);
	ini_max_line = saved_max_line;
	ini_allow_inline_comments = saved_inline;
	ini_allow_multiline = saved_multiline;
	ini_stop_on_first_error = saved_stop;

	fclose(st.fp);
	free(st.line);
	if (st.read_errno) {
		tj_error("无法读取配置文件 %s：%s", path, tj_strerror(st.read_errno));
		sb_free(&st.errs);
		return -1;
	}
	*opened = 1;
	if (rc == -2) {
		sb_free(&st.errs);
		tj_fatal("内存不足 (out of memory)");
	}
	if (rc > 0) {
		/* Only reached if inih finds a fault the reader let through;
		 * report it unless that line is already listed. */
		char *tag = xasprintf("%s:%d: ", path, rc);
		const char *b = st.errs.buf;
		size_t tl = strlen(tag);
		int seen = 0;

		for (const char *p = b; p && *p; p = strchr(p, '\n') + 1) {
			if (strncmp(p, tag, tl) == 0) {
				seen = 1;
				break;
			}
		}
		if (!seen) {
			sb_printf(&st.errs, "%s语法错误\n", tag);
			st.nerr++;
		}
		free(tag);
	}
	if (st.nerr) {
		flush_errors(&st);
		sb_free(&st.errs);
		return -1;
	}
	sb_free(&st.errs);
	return 0;
}

int config_load(struct config *c, const char *path)
{
	char *found = NULL;
	int rc, opened;

	config_defaults(c);
	if (!path) {
		found = config_find();
		if (!found)
			return 0;
		path = found;
	}
	rc = parse_file(c, path, &opened);
	if (opened) {
		c->path = found ? found : xstrdup(path);
	} else {
		/* Nothing of a file that failed half-way is trusted. */
		config_free(c);
		config_defaults(c);
		free(found);
	}
	return rc;
}
