/*
 * test_calendar.c - unit tests for src/core/calendar.c: date arithmetic and
 * parsing, the test clock (TIAOJIE_NOW), the holiday table, the real
 * data/holidays.tsv, and deadlines across 春节, 国庆 and 调休 days.
 *
 * Expected deadlines are worked out by hand from the holiday notices in the
 * comments next to each check, not taken from the code.  Run from the
 * repository root, or with SRCDIR set to it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tap.h"
#include "tiaojie/calendar.h"
#include "tiaojie/util.h"

static tj_day D(const char *s)
{
	tj_day d = 0;

	if (date_parse(s, &d) < 0) {
		fprintf(stderr, "bad date in test: %s\n", s);
		exit(2);
	}
	return d;
}

/* date_format into a static buffer, for CHECK_STR. */
static const char *F(tj_day d)
{
	static char buf[4][11];
	static int k;

	k = (k + 1) % 4;
	date_format(d, buf[k]);
	return buf[k];
}

static void test_day_numbers(void)
{
	int y, m, d, bad = 0;
	tj_day prev;

	CHECK_INT(date_from_ymd(1970, 1, 1), 0);
	CHECK_INT(date_from_ymd(1969, 12, 31), -1);
	CHECK_INT(date_from_ymd(2000, 3, 1), 11017);
	CHECK_INT(date_from_ymd(2024, 2, 29), 19782);
	CHECK_INT(date_from_ymd(2026, 3, 1), 20513);
	CHECK_INT(date_from_ymd(1900, 1, 1), -25567);
	CHECK_INT(date_from_ymd(2999, 12, 31), 376199);

	date_to_ymd(0, &y, &m, &d);
	CHECK(y == 1970 && m == 1 && d == 1, "%d-%d-%d", y, m, d);
	date_to_ymd(-1, &y, &m, &d);
	CHECK(y == 1969 && m == 12 && d == 31, "%d-%d-%d", y, m, d);
	date_to_ymd(19782, &y, &m, &d);
	CHECK(y == 2024 && m == 2 && d == 29, "%d-%d-%d", y, m, d);

	/* Every day of the supported range: ymd -> day is the inverse of
	 * day -> ymd, days are consecutive, months have the right length. */
	prev = date_from_ymd(1900, 1, 1) - 1;
	for (y = 1900; y <= 2999 && !bad; y++) {
		for (m = 1; m <= 12 && !bad; m++) {
			for (d = 1; d <= date_days_in_month(y, m); d++) {
				tj_day t = date_from_ymd(y, m, d);
				int yy, mm, dd;

				date_to_ymd(t, &yy, &mm, &dd);
				if (t != prev + 1 || yy != y || mm != m || dd != d) {
					fprintf(stderr, "round trip breaks at %d-%d-%d\n", y, m, d);
					bad = 1;
					break;
				}
				prev = t;
			}
		}
	}
	CHECK(!bad, "round trip over 1900..2999");
	CHECK_INT(prev, 376199);
}

static void test_valid(void)
{
	CHECK(date_valid(2024, 2, 29), "2024 is a leap year");
	CHECK(!date_valid(2025, 2, 29), "2025 is not");
	CHECK(date_valid(2000, 2, 29), "2000 is (divisible by 400)");
	CHECK(!date_valid(1900, 2, 29), "1900 is not (divisible by 100)");
	CHECK(!date_valid(2100, 2, 29), "2100 is not");
	CHECK(date_valid(1900, 1, 1), "lower bound");
	CHECK(date_valid(2999, 12, 31), "upper bound");
	CHECK(!date_valid(1899, 12, 31), "below range");
	CHECK(!date_valid(3000, 1, 1), "above range");
	CHECK(!date_valid(2026, 0, 1), "month 0");
	CHECK(!date_valid(2026, 13, 1), "month 13");
	CHECK(!date_valid(2026, 1, 0), "day 0");
	CHECK(!date_valid(2026, 4, 31), "April has 30");
	CHECK(date_valid(2026, 12, 31), "Dec 31");

	CHECK_INT(date_days_in_month(2026, 1), 31);
	CHECK_INT(date_days_in_month(2026, 2), 28);
	CHECK_INT(date_days_in_month(2024, 2), 29);
	CHECK_INT(date_days_in_month(2026, 4), 30);
	CHECK_INT(date_days_in_month(2026, 6), 30);
	CHECK_INT(date_days_in_month(2026, 9), 30);
	CHECK_INT(date_days_in_month(2026, 11), 30);
	CHECK_INT(date_days_in_month(2026, 12), 31);
	CHECK_INT(date_days_in_month(2026, 0), 0);
	CHECK_INT(date_days_in_month(2026, 13), 0);
}

/* Parsing must fail and leave a message containing want in the sink. */
static void parse_bad(const char *s, const char *want, int line)
{
	tj_day d = 12345;
	int rc;

	tj_error_clear();
	rc = date_parse(s, &d);
	CHECK(rc == -1, "line %d: \"%s\" accepted", line, s ? s : "(null)");
	CHECK(d == 12345, "line %d: output written on failure", line);
	CHECK(strstr(tj_errmsg(), want) != NULL, "line %d: \"%s\": message \"%s\", want \"%s\"",
	      line, s ? s : "(null)", tj_errmsg(), want);
}

static void test_parse(void)
{
	tj_day d = -1;

	CHECK_INT(date_parse("2026-03-01", &d), 0);
	CHECK_INT(d, 20513);
	CHECK_INT(date_parse("1970-01-01", &d), 0);
	CHECK_INT(d, 0);
	CHECK_INT(date_parse("2024-02-29", &d), 0);
	CHECK_INT(d, 19782);
	CHECK_INT(date_parse("1900-01-01", &d), 0);
	CHECK_INT(d, -25567);
	CHECK_INT(date_parse("2999-12-31", &d), 0);
	CHECK_INT(d, 376199);

	const char *fmt = "日期格式应为YYYY-MM-DD";
	parse_bad("2026-2-1", fmt, __LINE__);
	parse_bad("2026-02-1", fmt, __LINE__);
	parse_bad("26-02-01", fmt, __LINE__);
	parse_bad("2026/02/01", fmt, __LINE__);
	parse_bad("20260201", fmt, __LINE__);
	parse_bad("2026-02-01x", fmt, __LINE__);
	parse_bad("2026-02-01 ", fmt, __LINE__);
	parse_bad(" 2026-02-01", fmt, __LINE__);
	parse_bad("2026-02-01 09:00:00", fmt, __LINE__);
	parse_bad("2026-0a-01", fmt, __LINE__);
	parse_bad("+026-02-01", fmt, __LINE__);
	parse_bad("2026--2-01", fmt, __LINE__);
	parse_bad("２０２６-02-01", fmt, __LINE__);
	parse_bad("2026", fmt, __LINE__);
	parse_bad("", "日期不能为空", __LINE__);
	parse_bad(NULL, "日期不能为空", __LINE__);
	parse_bad("2026-02-30", "日期不存在", __LINE__);
	parse_bad("2025-02-29", "日期不存在", __LINE__);
	parse_bad("1900-02-29", "日期不存在", __LINE__);
	parse_bad("2026-04-31", "日期不存在", __LINE__);
	parse_bad("2026-13-01", "日期不存在", __LINE__);
	parse_bad("2026-00-10", "日期不存在", __LINE__);
	parse_bad("2026-01-00", "日期不存在", __LINE__);
	parse_bad("2026-01-32", "日期不存在", __LINE__);
	parse_bad("1899-12-31", "1900至2999", __LINE__);
	parse_bad("3000-01-01", "1900至2999", __LINE__);
	parse_bad("0000-01-01", "1900至2999", __LINE__);

	tj_error_clear();
	date_parse("2026-02-30", &d);
	CHECK_STR(tj_errmsg(), "日期不存在：2026-02-30");
	/* a field's own name, said once */
	CHECK_INT(date_parse_as("2026-02-30", "收件日期", &d), -1);
	CHECK_STR(tj_errmsg(), "收件日期不存在：2026-02-30");
	CHECK_INT(date_parse_as("2026-2-3", "出生日期", &d), -1);
	CHECK_STR(tj_errmsg(), "出生日期格式应为YYYY-MM-DD，例如2026-03-01");
	CHECK_INT(date_parse_as("1800-01-01", "收件日期", &d), -1);
	CHECK_STR(tj_errmsg(), "收件日期的年份应在1900至2999之间");
	CHECK_INT(date_parse_as("", "收件日期", &d), -1);
	CHECK_STR(tj_errmsg(), "收件日期不能为空");
	CHECK_INT(date_parse_as("2026-03-01", "收件日期", &d), 0);
	CHECK_INT(d, date_from_ymd(2026, 3, 1));
}

static void test_format_weekday(void)
{
	char buf[11];

	date_format(0, buf);
	CHECK_STR(buf, "1970-01-01");
	date_format(-25567, buf);
	CHECK_STR(buf, "1900-01-01");
	date_format(376199, buf);
	CHECK_STR(buf, "2999-12-31");
	date_format(date_from_ymd(2026, 2, 3), buf);
	CHECK_STR(buf, "2026-02-03");
	date_format(date_from_ymd(2026, 10, 10), buf);
	CHECK_STR(buf, "2026-10-10");
	CHECK_STR(F(D("2024-02-29")), "2024-02-29");

	CHECK_INT(date_weekday(0), 4);                  /* 1970-01-01 Thursday */
	CHECK_INT(date_weekday(-1), 3);                 /* 1969-12-31 Wednesday */
	CHECK_INT(date_weekday(D("1900-01-01")), 1);    /* Monday */
	CHECK_INT(date_weekday(D("2000-01-01")), 6);    /* Saturday */
	CHECK_INT(date_weekday(D("2026-02-28")), 6);    /* worked Saturday */
	CHECK_INT(date_weekday(D("2026-03-01")), 7);    /* Sunday */
	CHECK_INT(date_weekday(D("2026-03-02")), 1);    /* Monday */
	CHECK_INT(date_weekday(D("2026-10-01")), 4);    /* 国庆 Thursday */
	CHECK_INT(date_weekday(D("2024-02-29")), 4);
	CHECK_INT(date_weekday(D("2027-02-06")), 6);    /* 2027 春节 初一 */
	CHECK_INT(date_weekday(D("2999-12-31")), 2);
	/* A whole week cycles 1..7. */
	for (int i = 0; i < 7; i++)
		CHECK_INT(date_weekday(D("2026-03-02") + i), i + 1);
}

static void test_add_months(void)
{
	CHECK_STR(F(date_add_months(D("2026-01-31"), 1)), "2026-02-28");
	CHECK_STR(F(date_add_months(D("2024-01-31"), 1)), "2024-02-29");
	CHECK_STR(F(date_add_months(D("2026-03-31"), -1)), "2026-02-28");
	CHECK_STR(F(date_add_months(D("2026-03-31"), 1)), "2026-04-30");
	CHECK_STR(F(date_add_months(D("2026-12-15"), 1)), "2027-01-15");
	CHECK_STR(F(date_add_months(D("2026-01-15"), -1)), "2025-12-15");
	CHECK_STR(F(date_add_months(D("2026-01-15"), 0)), "2026-01-15");
	CHECK_STR(F(date_add_months(D("2026-01-15"), 12)), "2027-01-15");
	CHECK_STR(F(date_add_months(D("2026-01-15"), -24)), "2024-01-15");
	CHECK_STR(F(date_add_months(D("2024-02-29"), 12)), "2025-02-28");
	CHECK_STR(F(date_add_months(D("2024-02-29"), 48)), "2028-02-29");
	CHECK_STR(F(date_add_months(D("2026-08-31"), 6)), "2027-02-28");
	CHECK_STR(F(date_add_months(D("2026-05-31"), -13)), "2025-04-30");
	CHECK_STR(F(date_add_months(D("2026-01-01"), -12 * 100)), "1926-01-01");
}

static void set_now(const char *v)
{
	if (v)
		setenv("TIAOJIE_NOW", v, 1);
	else
		unsetenv("TIAOJIE_NOW");
}

/* Today's local date from the system clock, as the test sees it. */
static tj_day real_today(void)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* An ignored TIAOJIE_NOW: the result is the real date (allowing for
 * midnight passing during the call). */
static void check_real_clock(const char *v, int line)
{
	tj_day before, got, after;
	char s[20];

	set_now(v);
	before = real_today();
	got = tj_today();
	tj_now_str(s);
	after = real_today();
	CHECK(got >= before && got <= after, "line %d: TIAOJIE_NOW=\"%s\" not ignored: %s",
	      line, v ? v : "(unset)", F(got));
	CHECK(strlen(s) == 19 && s[10] == ' ' && s[13] == ':' && s[16] == ':',
	      "line %d: now string \"%s\"", line, s);
	CHECK(strncmp(s, F(before), 10) == 0 || strncmp(s, F(after), 10) == 0,
	      "line %d: now string \"%s\" not today", line, s);
}

static void test_now(void)
{
	char s[20];

	set_now("2026-03-05 14:30:15");
	CHECK_STR(F(tj_today()), "2026-03-05");
	tj_now_str(s);
	CHECK_STR(s, "2026-03-05 14:30:15");

	set_now("2026-10-08");
	CHECK_STR(F(tj_today()), "2026-10-08");
	tj_now_str(s);
	CHECK_STR(s, "2026-10-08 09:00:00");

	set_now("2024-02-29 00:00:00");
	tj_now_str(s);
	CHECK_STR(s, "2024-02-29 00:00:00");
	set_now("2026-12-31 23:59:59");
	tj_now_str(s);
	CHECK_STR(s, "2026-12-31 23:59:59");

	check_real_clock(NULL, __LINE__);
	check_real_clock("", __LINE__);
	check_real_clock("tomorrow", __LINE__);
	check_real_clock("2026-02-30", __LINE__);
	check_real_clock("2026-2-3", __LINE__);
	check_real_clock("2026-03-01 24:00:00", __LINE__);
	check_real_clock("2026-03-01 12:60:00", __LINE__);
	check_real_clock("2026-03-01 9:00:00", __LINE__);
	check_real_clock("2026-03-01T09:00:00", __LINE__);
	check_real_clock("2026-03-01 09:00", __LINE__);
	check_real_clock("2026-03-01 09:00:00x", __LINE__);
	check_real_clock("1800-01-01", __LINE__);
	set_now(NULL);
}

static void test_table(void)
{
	struct holidays h;

	holidays_init(&h);
	CHECK_INT(h.n, 0);
	/* With no rows: Monday to Friday work, weekends rest. */
	CHECK_INT(holidays_is_workday(&h, D("2026-03-06")), 1); /* Friday */
	CHECK_INT(holidays_is_workday(&h, D("2026-03-07")), 0); /* Saturday */
	CHECK_INT(holidays_is_workday(&h, D("2026-03-08")), 0); /* Sunday */
	CHECK_INT(holidays_is_workday(&h, D("2026-03-09")), 1); /* Monday */
	CHECK_INT(holidays_is_workday(NULL, D("2026-03-08")), 0);
	CHECK_INT(holidays_is_workday(NULL, D("2026-03-09")), 1);

	/* Out of order, with a duplicate that replaces the earlier kind. */
	holidays_add(&h, D("2026-10-10"), HOLIDAY_WORK);
	holidays_add(&h, D("2026-10-01"), HOLIDAY_OFF);
	holidays_add(&h, D("2026-10-05"), HOLIDAY_OFF);
	holidays_add(&h, D("2026-09-20"), HOLIDAY_WORK);
	holidays_add(&h, D("2026-10-03"), HOLIDAY_OFF);
	holidays_add(&h, D("2026-10-02"), HOLIDAY_WORK);
	holidays_add(&h, D("2026-10-02"), HOLIDAY_OFF);
	CHECK_INT(h.n, 6);
	CHECK(h.sorted, "sorted flag kept");
	{
		int ordered = 1;

		for (size_t i = 1; i < h.n; i++)
			ordered &= h.v[i - 1].day < h.v[i].day;
		CHECK(ordered, "entries in date order");
	}
	CHECK_INT(holidays_is_workday(&h, D("2026-10-01")), 0); /* Thursday off */
	CHECK_INT(holidays_is_workday(&h, D("2026-10-02")), 0); /* replaced: off */
	CHECK_INT(holidays_is_workday(&h, D("2026-10-03")), 0); /* Saturday listed off */
	CHECK_INT(holidays_is_workday(&h, D("2026-10-04")), 0); /* Sunday, unlisted */
	CHECK_INT(holidays_is_workday(&h, D("2026-10-05")), 0);
	CHECK_INT(holidays_is_workday(&h, D("2026-10-06")), 1); /* not in this small table */
	CHECK_INT(holidays_is_workday(&h, D("2026-10-10")), 1); /* worked Saturday */
	CHECK_INT(holidays_is_workday(&h, D("2026-09-20")), 1); /* worked Sunday */
	CHECK_INT(holidays_is_workday(&h, D("2026-09-19")), 0); /* Saturday */

	CHECK_STR(F(holidays_next_workday(&h, D("2026-10-01"))), "2026-10-06");
	CHECK_STR(F(holidays_next_workday(&h, D("2026-10-06"))), "2026-10-06");
	CHECK_STR(F(holidays_next_workday(&h, D("2026-09-19"))), "2026-09-20");
	CHECK_STR(F(holidays_next_workday(NULL, D("2026-09-19"))), "2026-09-21");

	/* Adding after queries keeps lookups right. */
	holidays_add(&h, D("2026-10-06"), HOLIDAY_OFF);
	holidays_add(&h, D("2026-10-07"), HOLIDAY_OFF);
	holidays_add(&h, D("2026-01-01"), HOLIDAY_OFF);
	CHECK_INT(h.n, 9);
	CHECK_STR(F(holidays_next_workday(&h, D("2026-10-01"))), "2026-10-08");
	CHECK_INT(holidays_is_workday(&h, D("2026-01-01")), 0);
	CHECK_INT(holidays_is_workday(&h, D("2026-10-10")), 1);

	/* Many rows in reverse order, to exercise growth and insertion. */
	for (int i = 0; i < 500; i++)
		holidays_add(&h, D("2030-01-01") - i, HOLIDAY_OFF);
	{
		int ordered = 1;

		for (size_t i = 1; i < h.n; i++)
			ordered &= h.v[i - 1].day < h.v[i].day;
		CHECK(ordered, "entries in date order after 500 reverse inserts");
	}
	CHECK_INT(h.n, 509);
	CHECK_INT(holidays_is_workday(&h, D("2029-06-01")), 0); /* a Friday, listed */
	holidays_free(&h);
	CHECK(h.v == NULL && h.n == 0 && h.cap == 0, "freed");

	/* A table filled by hand, unsorted: lookups still work, and the next
	 * add puts it in order. */
	{
		struct holiday_entry raw[3] = {
			{ D("2026-05-05"), HOLIDAY_OFF },
			{ D("2026-05-01"), HOLIDAY_OFF },
			{ D("2026-05-09"), HOLIDAY_WORK },
		};

		holidays_init(&h);
		h.v = xmalloc(sizeof raw);
		memcpy(h.v, raw, sizeof raw);
		h.n = h.cap = 3;
		h.sorted = 0;
		CHECK_INT(holidays_is_workday(&h, D("2026-05-01")), 0);
		CHECK_INT(holidays_is_workday(&h, D("2026-05-05")), 0);
		CHECK_INT(holidays_is_workday(&h, D("2026-05-09")), 1);
		CHECK_INT(holidays_is_workday(&h, D("2026-05-06")), 1);
		holidays_add(&h, D("2026-05-04"), HOLIDAY_OFF);
		CHECK(h.sorted, "sorted after add");
		CHECK_INT(h.n, 4);
		CHECK(h.v[0].day == D("2026-05-01") && h.v[1].day == D("2026-05-04") &&
		      h.v[2].day == D("2026-05-05") && h.v[3].day == D("2026-05-09"),
		      "order after add");
		CHECK_INT(holidays_is_workday(&h, D("2026-05-04")), 0);
		holidays_free(&h);
	}
}

/* Parsing must fail with exactly msg and add nothing. */
static void tsv_bad(const char *text, const char *msg, int line)
{
	struct holidays h;

	holidays_init(&h);
	holidays_add(&h, D("2026-01-01"), HOLIDAY_OFF);
	tj_error_clear();
	CHECK(holidays_parse_tsv(&h, text) == -1, "line %d: bad text accepted", line);
	CHECK(strcmp(tj_errmsg(), msg) == 0, "line %d: message \"%s\", want \"%s\"", line,
	      tj_errmsg(), msg);
	CHECK(h.n == 1, "line %d: %zu rows after a failed parse", line, h.n);
	holidays_free(&h);
}

static void test_tsv(void)
{
	struct holidays h;

	holidays_init(&h);
	CHECK_INT(holidays_parse_tsv(&h, ""), 0);
	CHECK_INT(holidays_parse_tsv(&h, NULL), 0);
	CHECK_INT(holidays_parse_tsv(&h, "# only a comment\n\n   \n\t\n"), 0);
	CHECK_INT(h.n, 0);
	/* Comments, blank lines, CRLF, no final newline, no name column,
	 * rows out of order. */
	CHECK_INT(holidays_parse_tsv(&h,
				     "# date\tkind\tname\r\n"
				     "\r\n"
				     "2026-02-16\toff\t春节\r\n"
				     "2026-02-14\twork\t春节调休上班\n"
				     "  # indented comment\n"
				     "2026-02-15\toff\n"
				     "2026-02-17\toff\t"),
		  0);
	CHECK_INT(h.n, 4);
	CHECK_INT(holidays_is_workday(&h, D("2026-02-14")), 1);
	CHECK_INT(holidays_is_workday(&h, D("2026-02-16")), 0);
	CHECK_INT(holidays_is_workday(&h, D("2026-02-17")), 0);
	CHECK_INT(holidays_is_workday(&h, D("2026-02-18")), 1);
	/* A second file adds to the table and may change an earlier row. */
	CHECK_INT(holidays_parse_tsv(&h, "2026-02-18\toff\t春节\n2026-02-16\twork\n"), -1);
	CHECK_INT(holidays_parse_tsv(&h, "2026-02-18\toff\t春节\n2026-02-14\toff\t改\n"), 0);
	CHECK_INT(h.n, 5);
	CHECK_INT(holidays_is_workday(&h, D("2026-02-14")), 0);
	CHECK_INT(holidays_is_workday(&h, D("2026-02-18")), 0);
	holidays_free(&h);

	tsv_bad("2026-02-16 off 春节\n", "第1行：应有日期、类型、名称三列，用制表符分隔", __LINE__);
	tsv_bad("# c\n\n2026-02-16\toff\t春节\n2026-2-17\toff\t春节\n",
		"第4行：日期格式应为YYYY-MM-DD，例如2026-03-01", __LINE__);
	tsv_bad("2026-02-30\toff\tx\n", "第1行：日期不存在：2026-02-30", __LINE__);
	tsv_bad("2026-02-16 \toff\tx\n", "第1行：日期格式应为YYYY-MM-DD，例如2026-03-01", __LINE__);
	tsv_bad("2026-02-16\tOFF\t春节\n", "第1行：第二列应为off（放假）或work（调休上班）", __LINE__);
	tsv_bad("2026-02-16\t\t春节\n", "第1行：第二列应为off（放假）或work（调休上班）", __LINE__);
	tsv_bad("2026-02-16\toff \t春节\n", "第1行：第二列应为off（放假）或work（调休上班）", __LINE__);
	tsv_bad("2026-02-16\toff\t春节\textra\n", "第1行：列数过多，应为日期、类型、名称三列", __LINE__);
	/* 2026-02-16 is a Monday: "work" there is a typo for a weekend date. */
	tsv_bad("\n\n2026-02-16\twork\t春节调休上班\n",
		"第3行：2026-02-16不是周六或周日，不能标为调休上班(work)", __LINE__);
	tsv_bad("2026-02-15\toff\ta\n2026-02-16\toff\tb\n2026-02-15\toff\tc\n",
		"第3行：日期与第1行重复", __LINE__);
	tsv_bad("2026-02-16\toff\ta\n2026-02-14\twork\tb\n2026-02-14\toff\tc\n",
		"第3行：日期与第2行重复", __LINE__);
}

/* Reads data/holidays.tsv (under $SRCDIR when set); NULL if it cannot. */
static char *read_holidays_file(void)
{
	const char *top = getenv("SRCDIR");
	char *path = top && *top ? xasprintf("%s/data/holidays.tsv", top)
				 : xstrdup("data/holidays.tsv");
	FILE *f = fopen(path, "rb");
	struct strbuf sb;
	char chunk[4096];
	size_t n;

	if (!f) {
		fprintf(stderr, "cannot open %s\n", path);
		free(path);
		return NULL;
	}
	sb_init(&sb);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sb_addn(&sb, chunk, n);
	fclose(f);
	free(path);
	return sb_detach(&sb);
}

/* The real table: every row well-formed, sorted, named; every year present;
 * work rows on weekends; and per year the balance that the rules give:
 * off weekdays minus worked weekend days = statutory days that fall on a
 * weekday or are made up for, i.e. 11 under the old rules (2024) and 13 from
 * 2025 on (除夕 and 5月2日 added). */
static void test_real_file(struct holidays *h)
{
	char *text = read_holidays_file();
	int off[4] = { 0 }, offwk[4] = { 0 }, work[4] = { 0 }, other_years = 0, bad_work = 0;

	CHECK(text != NULL, "data/holidays.tsv readable");
	if (!text)
		return;
	tj_error_clear();
	CHECK(holidays_parse_tsv(h, text) == 0, "data/holidays.tsv parses: %s", tj_errmsg());

	/* Line by line: three columns, a name, strictly increasing dates. */
	{
		char *save = NULL, *line;
		tj_day prev = 0;
		int rows = 0, bad = 0;

		for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
			tj_day d = 0;

			if (line[0] == '#' || line[0] == '\0')
				continue;
			if (!t1 || !t2 || t2[1] == '\0' || strchr(t2 + 1, '\t')) {
				fprintf(stderr, "malformed row: %s\n", line);
				bad++;
				continue;
			}
			*t1 = '\0';
			if (date_parse(line, &d) < 0 || (rows && d <= prev)) {
				fprintf(stderr, "row out of order or bad date: %s\n", line);
				bad++;
			}
			prev = d;
			rows++;
		}
		CHECK_INT(bad, 0);
		CHECK_INT(rows, (int)h->n);
	}
	free(text);

	for (size_t i = 0; i < h->n; i++) {
		int y, m, d, wd = date_weekday(h->v[i].day);

		date_to_ymd(h->v[i].day, &y, &m, &d);
		if (y < 2024 || y > 2027) {
			other_years++;
			continue;
		}
		if (h->v[i].kind == HOLIDAY_WORK) {
			work[y - 2024]++;
			if (wd <= 5) {
				fprintf(stderr, "work row on a weekday: %s\n", F(h->v[i].day));
				bad_work++;
			}
		} else {
			off[y - 2024]++;
			offwk[y - 2024] += wd <= 5;
		}
	}
	CHECK_INT(other_years, 0);
	CHECK_INT(bad_work, 0);
	for (int y = 0; y < 4; y++) {
		CHECK(off[y] >= 20 && off[y] <= 40, "%d: %d off rows", 2024 + y, off[y]);
		CHECK(work[y] >= 3 && work[y] <= 10, "%d: %d work rows", 2024 + y, work[y]);
		CHECK_INT(offwk[y] - work[y], y == 0 ? 11 : 13);
	}
	/* The notices' exact counts. */
	CHECK_INT(offwk[0], 19);
	CHECK_INT(work[0], 8);
	CHECK_INT(offwk[1], 18);
	CHECK_INT(work[1], 5);
	CHECK_INT(offwk[2], 19);
	CHECK_INT(work[2], 6);

	/* 2026 春节: 02-15 .. 02-23 off; 02-14 and 02-28 (Saturdays) worked. */
	for (tj_day d = D("2026-02-15"); d <= D("2026-02-23"); d++)
		CHECK(!holidays_is_workday(h, d), "%s should be off", F(d));
	CHECK_INT(holidays_is_workday(h, D("2026-02-13")), 1);
	CHECK_INT(holidays_is_workday(h, D("2026-02-14")), 1);
	CHECK_INT(holidays_is_workday(h, D("2026-02-24")), 1);
	CHECK_INT(holidays_is_workday(h, D("2026-02-28")), 1);
	CHECK_INT(holidays_is_workday(h, D("2026-03-01")), 0);
	/* Spot checks against each notice. */
	CHECK_INT(holidays_is_workday(h, D("2024-01-01")), 0);
	CHECK_INT(holidays_is_workday(h, D("2024-02-09")), 1); /* 除夕 2024: not a holiday */
	CHECK_INT(holidays_is_workday(h, D("2024-02-04")), 1); /* Sunday worked */
	CHECK_INT(holidays_is_workday(h, D("2024-02-18")), 1); /* Sunday worked */
	CHECK_INT(holidays_is_workday(h, D("2024-04-07")), 1);
	CHECK_INT(holidays_is_workday(h, D("2024-05-11")), 1);
	CHECK_INT(holidays_is_workday(h, D("2024-06-10")), 0);
	CHECK_INT(holidays_is_workday(h, D("2024-09-16")), 0);
	CHECK_INT(holidays_is_workday(h, D("2024-09-14")), 1);
	CHECK_INT(holidays_is_workday(h, D("2024-10-12")), 1);
	CHECK_INT(holidays_is_workday(h, D("2025-01-01")), 0);
	CHECK_INT(holidays_is_workday(h, D("2025-01-28")), 0); /* 除夕 2025 */
	CHECK_INT(holidays_is_workday(h, D("2025-02-04")), 0);
	CHECK_INT(holidays_is_workday(h, D("2025-02-05")), 1);
	CHECK_INT(holidays_is_workday(h, D("2025-01-26")), 1);
	CHECK_INT(holidays_is_workday(h, D("2025-02-08")), 1);
	CHECK_INT(holidays_is_workday(h, D("2025-04-27")), 1);
	CHECK_INT(holidays_is_workday(h, D("2025-06-02")), 0);
	CHECK_INT(holidays_is_workday(h, D("2025-10-08")), 0);
	CHECK_INT(holidays_is_workday(h, D("2025-10-11")), 1);
	CHECK_INT(holidays_is_workday(h, D("2026-01-02")), 0);
	CHECK_INT(holidays_is_workday(h, D("2026-01-04")), 1);
	CHECK_INT(holidays_is_workday(h, D("2026-04-06")), 0);
	CHECK_INT(holidays_is_workday(h, D("2026-05-05")), 0);
	CHECK_INT(holidays_is_workday(h, D("2026-05-09")), 1);
	CHECK_INT(holidays_is_workday(h, D("2026-06-19")), 0);
	CHECK_INT(holidays_is_workday(h, D("2026-09-25")), 0);
	CHECK_INT(holidays_is_workday(h, D("2026-09-20")), 1);
	CHECK_INT(holidays_is_workday(h, D("2026-10-07")), 0);
	CHECK_INT(holidays_is_workday(h, D("2026-10-10")), 1);
	/* 2027 (provisional): 除夕 02-05 is off; 国庆 10-01..07. */
	CHECK_INT(holidays_is_workday(h, D("2027-02-05")), 0);
	CHECK_INT(holidays_is_workday(h, D("2027-10-07")), 0);
	CHECK_INT(holidays_is_workday(h, D("2027-10-08")), 1);
}

/* Deadlines against the real table (h loaded by test_real_file). */
static void test_deadlines(const struct holidays *h)
{
	/* Calendar days. */
	/* 09-23 + 15 = 10-08, a Thursday after 国庆 (10-01..07): stays. */
	CHECK_STR(F(deadline_compute(h, D("2026-09-23"), 15, DAYS_CALENDAR)), "2026-10-08");
	/* 09-20 + 15 = 10-05, inside 国庆: 10-06, 10-07 off too -> 10-08. */
	CHECK_STR(F(deadline_compute(h, D("2026-09-20"), 15, DAYS_CALENDAR)), "2026-10-08");
	/* 02-13 + 15 = 02-28, a Saturday but a 调休 worked day: stays. */
	CHECK_STR(F(deadline_compute(h, D("2026-02-13"), 15, DAYS_CALENDAR)), "2026-02-28");
	/* 02-21 + 15 = 03-08, an ordinary Sunday -> Monday 03-09. */
	CHECK_STR(F(deadline_compute(h, D("2026-02-21"), 15, DAYS_CALENDAR)), "2026-03-09");
	/* 02-20 + 15 = 03-07, an ordinary Saturday -> Monday 03-09. */
	CHECK_STR(F(deadline_compute(h, D("2026-02-20"), 15, DAYS_CALENDAR)), "2026-03-09");
	/* 02-10 + 5 = 02-15, first day of 春节 (02-15..23) -> Tuesday 02-24. */
	CHECK_STR(F(deadline_compute(h, D("2026-02-10"), 5, DAYS_CALENDAR)), "2026-02-24");
	/* 02-10 + 15 = 02-25, Wednesday after 春节: stays. */
	CHECK_STR(F(deadline_compute(h, D("2026-02-10"), 15, DAYS_CALENDAR)), "2026-02-25");
	/* 2025-09-23 + 15 = 10-08, last day of 国庆+中秋 (10-01..08) -> 10-09. */
	CHECK_STR(F(deadline_compute(h, D("2025-09-23"), 15, DAYS_CALENDAR)), "2025-10-09");
	/* 2025-09-13 + 15 = 09-28, a worked Sunday: stays. */
	CHECK_STR(F(deadline_compute(h, D("2025-09-13"), 15, DAYS_CALENDAR)), "2025-09-28");
	/* 2024-09-30 + 5 = 10-05 (国庆 10-01..07) -> Tuesday 10-08. */
	CHECK_STR(F(deadline_compute(h, D("2024-09-30"), 5, DAYS_CALENDAR)), "2024-10-08");
	/* 2024-05-27 + 15 = 06-11 (Tuesday after 端午 06-10): stays. */
	CHECK_STR(F(deadline_compute(h, D("2024-05-27"), 15, DAYS_CALENDAR)), "2024-06-11");
	/* 2024-05-26 + 15 = 06-10, 端午 (Monday) -> 06-11. */
	CHECK_STR(F(deadline_compute(h, D("2024-05-26"), 15, DAYS_CALENDAR)), "2024-06-11");
	/* 2026-01-01 + 365 = 2027-01-01, 元旦 (Fri), then the weekend -> 01-04. */
	CHECK_STR(F(deadline_compute(h, D("2026-01-01"), 365, DAYS_CALENDAR)), "2027-01-04");
	/* 2027 (provisional): 09-22 + 15 = 10-07 (国庆 10-01..07) -> 10-08. */
	CHECK_STR(F(deadline_compute(h, D("2027-09-22"), 15, DAYS_CALENDAR)), "2027-10-08");
	/* Friday 03-06 + 1 = Saturday -> Monday 03-09. */
	CHECK_STR(F(deadline_compute(h, D("2026-03-06"), 1, DAYS_CALENDAR)), "2026-03-09");
	/* An ordinary weekday end stays. */
	CHECK_STR(F(deadline_compute(h, D("2026-03-02"), 15, DAYS_CALENDAR)), "2026-03-17");
	/* n <= 0: the start day itself, even on a holiday. */
	CHECK_STR(F(deadline_compute(h, D("2026-10-01"), 0, DAYS_CALENDAR)), "2026-10-01");
	CHECK_STR(F(deadline_compute(h, D("2026-10-01"), -3, DAYS_CALENDAR)), "2026-10-01");
	CHECK_STR(F(deadline_compute(h, D("2026-10-01"), 0, DAYS_WORKING)), "2026-10-01");
	CHECK_STR(F(deadline_compute(h, D("2026-10-01"), -1, DAYS_WORKING)), "2026-10-01");

	/* Working days. */
	/* From Thursday 02-12, 5 working days: 02-13 Fri (1), 02-14 Sat worked
	 * (2), 02-15..23 春节, 02-24 (3), 02-25 (4), 02-26 (5). */
	CHECK_STR(F(deadline_compute(h, D("2026-02-12"), 5, DAYS_WORKING)), "2026-02-26");
	/* From Tuesday 02-10, 15 working days: 02-11, 12, 13 (3), 14 Sat worked
	 * (4), 春节, 24, 25, 26, 27 (8), 28 Sat worked (9), 03-02..06 (14),
	 * weekend, 03-09 (15). */
	CHECK_STR(F(deadline_compute(h, D("2026-02-10"), 15, DAYS_WORKING)), "2026-03-09");
	/* From Friday 09-18, 3 working days: 09-19 Sat no, 09-20 Sun worked (1),
	 * 09-21 (2), 09-22 (3).  Without holidays it would be 09-23. */
	CHECK_STR(F(deadline_compute(h, D("2026-09-18"), 3, DAYS_WORKING)), "2026-09-22");
	CHECK_STR(F(deadline_compute(NULL, D("2026-09-18"), 3, DAYS_WORKING)), "2026-09-23");
	/* From Friday 10-09, 1 working day: Saturday 10-10 is worked. */
	CHECK_STR(F(deadline_compute(h, D("2026-10-09"), 1, DAYS_WORKING)), "2026-10-10");
	/* From 10-01 (a holiday), 5 working days: 10-02..07 off, 10-08 (1),
	 * 10-09 (2), 10-10 Sat worked (3), 10-11 Sun no, 10-12 (4), 10-13 (5). */
	CHECK_STR(F(deadline_compute(h, D("2026-10-01"), 5, DAYS_WORKING)), "2026-10-13");
	/* 2025 春节 (01-28..02-04), worked Sunday 01-26 and Saturday 02-08:
	 * from Friday 01-24, 5 working days: 01-25 Sat no, 01-26 Sun (1),
	 * 01-27 (2), 春节, 02-05 (3), 02-06 (4), 02-07 (5). */
	CHECK_STR(F(deadline_compute(h, D("2025-01-24"), 5, DAYS_WORKING)), "2025-02-07");
	/* ... and one more is Saturday 02-08, worked. */
	CHECK_STR(F(deadline_compute(h, D("2025-01-24"), 6, DAYS_WORKING)), "2025-02-08");
	/* Plain weeks: from Monday 03-02, 5 working days is Monday 03-09. */
	CHECK_STR(F(deadline_compute(h, D("2026-03-02"), 5, DAYS_WORKING)), "2026-03-09");
	CHECK_STR(F(deadline_compute(h, D("2026-03-02"), 10, DAYS_WORKING)), "2026-03-16");
	/* Working-day deadlines always end on working days. */
	{
		int bad = 0;

		for (tj_day s = D("2024-01-01"); s <= D("2027-12-31"); s++) {
			tj_day w = deadline_compute(h, s, 5, DAYS_WORKING);
			tj_day c = deadline_compute(h, s, 15, DAYS_CALENDAR);

			if (!holidays_is_workday(h, w) || !holidays_is_workday(h, c) || w <= s ||
			    c < s + 15 || c > s + 15 + 10)
				bad++;
		}
		CHECK_INT(bad, 0);
	}

	CHECK_INT(deadline_days_left(D("2026-10-08"), D("2026-10-05")), 3);
	CHECK_INT(deadline_days_left(D("2026-10-08"), D("2026-10-08")), 0);
	CHECK_INT(deadline_days_left(D("2026-10-08"), D("2026-10-10")), -2);
	CHECK_INT(deadline_days_left(D("2027-01-01"), D("2026-01-01")), 365);
}

int main(void)
{
	struct holidays h;

	test_day_numbers();
	test_valid();
	test_parse();
	test_format_weekday();
	test_add_months();
	test_now();
	test_table();
	test_tsv();
	holidays_init(&h);
	test_real_file(&h);
	test_deadlines(&h);
	holidays_free(&h);
	return tap_done();
}
