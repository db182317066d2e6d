/*
 * clock.c - the one clock (clock.h): the system's local time, or in test
 * builds the fixed time of TIAOJIE_NOW.
 *
 * Every "now" and "today" in the program comes from here through
 * calendar.c (tj_today, tj_now_str), so validation, deadlines and the
 * event log can never disagree about the date, in tests or in use.  The
 * only calendar knowledge here is what it takes to reject a TIAOJIE_NOW
 * naming a day that does not exist; date arithmetic is calendar.c's.
 */
#include "tiaojie/clock.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef TIAOJIE_TESTING
/* Exactly n ASCII digits at s; -1 if any is not a digit. */
static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* The same range and days as calendar.c's date_valid. */
static int day_exists(int y, int m, int d)
{
	static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= dim[m - 1] + (m == 2 && leap);
}

/* TIAOJIE_NOW="YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DD" (09:00:00).  Returns 0
 * and fills *n, or -1 when unset or malformed. */
static int now_from_env(struct tj_clock *n)
{
	const char *e = getenv("TIAOJIE_NOW");

	if (!e || strnlen(e, 10) < 10 || e[4] != '-' || e[7] != '-')
		return -1;
	n->y = digits(e, 4);
	n->mo = digits(e + 5, 2);
	n->d = digits(e + 8, 2);
	if (n->y < 0 || n->mo < 0 || n->d < 0 || !day_exists(n->y, n->mo, n->d))
		return -1;
	if (e[10] == '\0') {
		n->h = 9;
		n->mi = 0;
		n->s = 0;
		return 0;
	}
	if (e[10] != ' ' || strlen(e + 11) != 8 || e[13] != ':' || e[16] != ':')
		return -1;
	n->h = digits(e + 11, 2);
	n->mi = digits(e + 14, 2);
	n->s = digits(e + 17, 2);
	if (n->h < 0 || n->h > 23 || n->mi < 0 || n->mi > 59 || n->s < 0 || n->s > 59)
		return -1;
	return 0;
}
#endif

void clock_now(struct tj_clock *n)
{
	time_t t;
	struct tm tm;

#ifdef TIAOJIE_TESTING
	if (now_from_env(n) == 0)
		return;
#endif
	t = time(NULL);
	if (t == (time_t)-1 || (!localtime_r(&t, &tm) && !gmtime_r(&t, &tm))) {
		/* No usable clock: a fixed, obviously wrong date beats garbage. */
		memset(&tm, 0, sizeof tm);
		tm.tm_year = 70;
		tm.tm_mday = 1;
	}
	n->y = tm.tm_year + 1900;
	n->mo = tm.tm_mon + 1;
	n->d = tm.tm_mday;
	n->h = tm.tm_hour;
	n->mi = tm.tm_min;
	n->s = tm.tm_sec > 59 ? 59 : tm.tm_sec; /* a leap second is shown as :59 */
}
