/*
 * calendar.c - the court's holiday calendar and deadlines.
 *
 * Dates are tj_day numbers (src/base/date.c: conversions, parsing and
 * "now", built on the one clock).
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
#include "tiaojie/db.h"
#include "tiaojie/util.h"

/* ---- holidays ---- */

static void add_row(void *arg, tj_day day, int work)
{
	holidays_add(arg, day, work ? HOLIDAY_WORK : HOLIDAY_OFF);
}

int holidays_from_db(struct db *db, struct holidays *h)
{
	return db_holidays_each(db, add_row, h);
}

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
