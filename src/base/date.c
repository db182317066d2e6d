/*
 * date.c - civil dates as day numbers, and "now" (date.h).
 *
 * Every date in the program is a tj_day: days since 1970-01-01 in the
 * proleptic Gregorian calendar.  Conversions use Howard Hinnant's
 * days_from_civil / civil_from_days algorithms, which are exact integer
 * arithmetic for any year, so nothing here depends on time_t, time zones or
 * daylight saving; only tj_today() and tj_now_str() ask the clock
 * (clock.c, which also holds the test clock TIAOJIE_NOW).
 *
 * Part of src/base: the db layer stamps rows and reads dates with these,
 * so they sit below it.  The court's calendar (holidays, deadlines) is the
 * core's (src/core/calendar.c).
 */
#include "tiaojie/date.h"

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

int date_parse_as(const char *s, const char *label, tj_day *out)
{
	int y, m, d, rc;

	if (!label || !*label)
		label = "日期";
	if (!s || !*s) {
		tj_error("%s不能为空", label);
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
		tj_error("%s的年份应在1900至2999之间", label);
		return -1;
	case -3:
		/* The ten characters are known to be digits and dashes here. */
		tj_error("%s不存在：%.10s", label, s);
		return -1;
	default:
		tj_error("%s格式应为YYYY-MM-DD，例如2026-03-01", label);
		return -1;
	}
}

int date_parse(const char *s, tj_day *out)
{
	return date_parse_as(s, "日期", out);
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
