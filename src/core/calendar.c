/*
 * calendar.c - civil dates, "now", the holiday calendar and deadlines.
 *
 * Every date in the program is a tj_day: days since 1970-01-01 in the
 * proleptic Gregorian calendar.  Conversions use Howard Hinnant's
 * days_from_civil / civil_from_days algorithms, which are exact integer
 * arithmetic for any year, so nothing here depends on time_t, time zones or
 * daylight saving; only tj_today() and tj_now_str() ask the clock
 * (src/base/clock.c, which also holds the test clock TIAOJIE_NOW).
 *
 * The holiday table is the list of exceptions to "Monday to Friday are
 * working days": public holidays (HOLIDAY_OFF) and worked weekend days
 * (HOLIDAY_WORK, 调休上班).  The db layer fills it from the holidays table
 * (which `init` loads from data/holidays.tsv with holidays_parse_tsv); the
 * deadline code in this file and the screens only read it.  The array is
 * kept sorted at insertion time, so lookups are a binary search on a const
 * table and rows may be added at any time, also after queries.
 *
 * Deadlines follow SPEC section 3: the start day is not counted; a
 * calendar-day period ending on a rest day moves to the next working day;
 * a working-day period counts working days only.
 */
#include "tiaojie/calendar.h"

#include <stdlib.h>
#include <string.h>

#include "tiaojie/clock.h"
#include "tiaojie/util.h"

/* Floor division, so that dates before 1970 (negative days) work too. */
static int32_t floor_div(int32_t a, int32_t b)
{
	int32_t q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && is_leap(y))
		return 29;
	return dim[m - 1];
}

int date_valid(int y, int m, int d)
{
	return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= date_days_in_month(y, m);
}

tj_day date_from_ymd(int y, int m, int d)
{
	/* Years start in March so that the leap day is the last of the year. */
	int32_t yy = y - (m <= 2);
	int32_t era = floor_div(yy, 400);
	int32_t yoe = yy - era * 400;                           /* [0, 399] */
	int32_t mp = (m + 9) % 12;                              /* March = 0 */
	int32_t doy = (153 * mp + 2) / 5 + d - 1;               /* [0, 365] */
	int32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;    /* [0, 146096] */

	return era * 146097 + doe - 719468;
}

void date_to_ymd(tj_day day, int *y, int *m, int *d)
{
	int32_t z = day + 719468;
	int32_t era = floor_div(z, 146097);
	int32_t doe = z - era * 146097;                                 /* [0, 146096] */
	int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
	int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);          /* [0, 365] */
	int32_t mp = (5 * doy + 2) / 153;                               /* [0, 11] */
	int32_t dd = doy - (153 * mp + 2) / 5 + 1;                      /* [1, 31] */
	int32_t mm = mp < 10 ? mp + 3 : mp - 9;                         /* [1, 12] */

	*y = (int)(yoe + era * 400 + (mm <= 2));
	*m = (int)mm;
	*d = (int)dd;
}

int date_weekday(tj_day day)
{
	/* 1970-01-01 was a Thursday (ISO 4). */
	int32_t r = (day + 3) % 7;

	if (r < 0)
		r += 7;
	return (int)r + 1;
}

/* Reads exactly n ASCII digits; -1 if any is not a digit. */
static int read_digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* The shape and the values of "YYYY-MM-DD" at s (s may go on after it).
 * Returns 0, -1 for a wrong shape, -2 for a year out of range, -3 for a day
 * that does not exist.  Quiet: the callers choose what to report. */
static int scan_ymd(const char *s, int *y, int *m, int *d)
{
	for (int i = 0; i < 10; i++) {
		if (s[i] == '\0')
			return -1;
	}
	if (s[4] != '-' || s[7] != '-')
		return -1;
	*y = read_digits(s, 4);
	*m = read_digits(s + 5, 2);
	*d = read_digits(s + 8, 2);
	if (*y < 0 || *m < 0 || *d < 0)
		return -1;
	if (*y < 1900 || *y > 2999)
		return -2;
	if (!date_valid(*y, *m, *d))
		return -3;
	return 0;
}

int date_parse(const char *s, tj_day *out)
{
	int y, m, d, rc;

	if (!s || !*s) {
		tj_error("日期不能为空");
		return -1;
	}
	rc = scan_ymd(s, &y, &m, &d);
	if (rc == 0 && s[10] != '\0')
		rc = -1;
	switch (rc) {
	case 0:
		*out = date_from_ymd(y, m, d);
		return 0;
	case -2:
		tj_error("日期的年份应在1900至2999之间");
		return -1;
	case -3:
		/* The ten characters are known to be digits and dashes here. */
		tj_error("日期不存在：%.10s", s);
		return -1;
	default:
		tj_error("日期格式应为YYYY-MM-DD，例如2026-03-01");
		return -1;
	}
}

/* Writes v as exactly n digits (v is in range), no terminator. */
static void put_digits(char *p, int v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

void date_format(tj_day day, char out[11])
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	if (y < 0 || y > 9999) {
		/* Only reachable from corrupt data: keep the width, show no real date. */
		memcpy(out, "0000-00-00", 11);
		return;
	}
	put_digits(out, y, 4);
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '-';
	put_digits(out + 8, d, 2);
	out[10] = '\0';
}

tj_day date_add_months(tj_day day, int months)
{
	int y, m, d, dim;
	int64_t total;

	date_to_ymd(day, &y, &m, &d);
	total = (int64_t)y * 12 + (m - 1) + months;
	/* Floor division by 12 for negative totals. */
	y = (int)(total >= 0 ? total / 12 : -((-total + 11) / 12));
	m = (int)(total - (int64_t)y * 12) + 1;
	dim = date_days_in_month(y, m);
	if (d > dim)
		d = dim;
	return date_from_ymd(y, m, d);
}

/* ---- now (the clock is src/base/clock.c) ---- */

tj_day tj_today(void)
{
	struct tj_clock n;

	clock_now(&n);
	return date_from_ymd(n.y, n.mo, n.d);
}

void tj_now_str(char out[20])
{
	struct tj_clock n;

	clock_now(&n);
	date_format(date_from_ymd(n.y, n.mo, n.d), out);
	out[10] = ' ';
	put_digits(out + 11, n.h, 2);
	out[13] = ':';
	put_digits(out + 14, n.mi, 2);
	out[16] = ':';
	put_digits(out + 17, n.s, 2);
	out[19] = '\0';
}

/* ---- holidays ---- */

void holidays_init(struct holidays *h)
{
	h->v = NULL;
	h->n = 0;
	h->cap = 0;
	h->sorted = 1;
}

void holidays_free(struct holidays *h)
{
	free(h->v);
	holidays_init(h);
}

/* Index of the first entry with day >= day (h sorted). */
static size_t lower_bound(const struct holidays *h, tj_day day)
{
	size_t lo = 0, hi = h->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (h->v[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void holidays_add(struct holidays *h, tj_day day, enum holiday_kind kind)
{
	size_t i;

	if (!h->sorted) {
		/* Somebody filled v by hand; insertion below needs order. */
		for (size_t a = 1; a < h->n; a++) {
			struct holiday_entry e = h->v[a];
			size_t b = a;

			for (; b > 0 && h->v[b - 1].day > e.day; b--)
				h->v[b] = h->v[b - 1];
			h->v[b] = e;
		}
		h->sorted = 1;
	}
	/* Rows usually arrive in date order (file, ORDER BY): append fast. */
	if (h->n == 0 || h->v[h->n - 1].day < day)
		i = h->n;
	else
		i = lower_bound(h, day);
	if (i < h->n && h->v[i].day == day) {
		h->v[i].kind = kind; /* a later row replaces an earlier one */
		return;
	}
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 64;

		h->v = xrealloc(h->v, cap * sizeof *h->v);
		h->cap = cap;
	}
	memmove(h->v + i + 1, h->v + i, (h->n - i) * sizeof *h->v);
	h->v[i].day = day;
	h->v[i].kind = kind;
	h->n++;
}

/* The listed kind of day, or 0 when it is not in the table. */
static int holidays_lookup(const struct holidays *h, tj_day day)
{
	if (!h || h->n == 0)
		return 0;
	if (h->sorted) {
		size_t i = lower_bound(h, day);

		return i < h->n && h->v[i].day == day ? (int)h->v[i].kind : 0;
	}
	for (size_t i = h->n; i-- > 0;) {
		if (h->v[i].day == day)
			return (int)h->v[i].kind;
	}
	return 0;
}

int holidays_is_workday(const struct holidays *h, tj_day day)
{
	switch (holidays_lookup(h, day)) {
	case HOLIDAY_WORK:
		return 1;
	case HOLIDAY_OFF:
		return 0;
	default:
		return date_weekday(day) <= 5;
	}
}

tj_day holidays_next_workday(const struct holidays *h, tj_day day)
{
	/* Ends: every unlisted weekday is a working day and the table is finite. */
	while (!holidays_is_workday(h, day))
		day++;
	return day;
}

struct tsv_row {
	tj_day day;
	enum holiday_kind kind;
	int line;
};

static int tsv_row_cmp(const void *a, const void *b)
{
	const struct tsv_row *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* One data line (without its newline, NUL-terminated).  0 or -1 with the
 * reason in the sink, without the line number. */
static int tsv_line(char *s, struct tsv_row *row)
{
	char *kind, *name, *extra;
	int y, m, d;

	kind = strchr(s, '\t');
	if (!kind) {
		tj_error("应有日期、类型、名称三列，用制表符分隔");
		return -1;
	}
	*kind++ = '\0';
	name = strchr(kind, '\t');
	if (name) {
		*name++ = '\0';
		extra = strchr(name, '\t');
		if (extra) {
			tj_error("列数过多，应为日期、类型、名称三列");
			return -1;
		}
	}
	if (date_parse(s, &row->day) < 0)
		return -1;
	if (strcmp(kind, "off") == 0) {
		row->kind = HOLIDAY_OFF;
	} else if (strcmp(kind, "work") == 0) {
		row->kind = HOLIDAY_WORK;
		/* A worked weekday means nothing; it is a typo in the date. */
		if (date_weekday(row->day) <= 5) {
			date_to_ymd(row->day, &y, &m, &d);
			tj_error("%04d-%02d-%02d不是周六或周日，不能标为调休上班(work)", y, m, d);
			return -1;
		}
	} else {
		tj_error("第二列应为off（放假）或work（调休上班）");
		return -1;
	}
	return 0;
}

int holidays_parse_tsv(struct holidays *h, const char *text)
{
	struct tsv_row *rows = NULL;
	size_t nrows = 0, cap = 0;
	struct strbuf line;
	const char *p = text ? text : "";
	int lineno = 0, rc = 0;

	/* Parse everything first: a bad file adds nothing. */
	sb_init(&line);
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		const char *q;

		lineno++;
		line.len = 0;
		sb_addn(&line, p, len);
		p += len + (e != NULL);
		if (line.len && line.buf[line.len - 1] == '\r')
			line.buf[--line.len] = '\0';
		for (q = line.buf; *q == ' ' || *q == '\t'; q++)
			;
		if (*q == '\0' || *q == '#')
			continue;
		if (nrows == cap) {
			cap = cap ? cap * 2 : 64;
			rows = xrealloc(rows, cap * sizeof *rows);
		}
		if (tsv_line(line.buf, &rows[nrows]) < 0) {
			tj_error("第%d行：%s", lineno, tj_errmsg());
			rc = -1;
			goto out;
		}
		rows[nrows++].line = lineno;
	}
	if (nrows)
		qsort(rows, nrows, sizeof *rows, tsv_row_cmp);
	for (size_t i = 1; i < nrows; i++) {
		if (rows[i].day == rows[i - 1].day) {
			tj_error("第%d行：日期与第%d行重复", rows[i].line, rows[i - 1].line);
			rc = -1;
			goto out;
		}
	}
	for (size_t i = 0; i < nrows; i++)
		holidays_add(h, rows[i].day, rows[i].kind);
out:
	sb_free(&line);
	free(rows);
	return rc;
}

/* ---- deadlines ---- */

tj_day deadline_compute(const struct holidays *h, tj_day start, int n, enum day_count kind)
{
	tj_day d = start;

	if (n <= 0)
		return start;
	if (kind == DAYS_WORKING) {
		while (n > 0) {
			d++;
			if (holidays_is_workday(h, d))
				n--;
		}
		return d;
	}
	return holidays_next_workday(h, start + n);
}

int deadline_days_left(tj_day deadline, tj_day today)
{
	return (int)(deadline - today);
}
