/*
 * date.h - civil dates as day numbers (days since 1970-01-01, proleptic
 * Gregorian), stored and shown as "YYYY-MM-DD", and "now" in local court
 * time from the one clock (clock.h).
 *
 * Part of src/base: everything may use it.  The holiday calendar and the
 * deadlines are calendar.h's (the core).
 */
#ifndef TIAOJIE_DATE_H
#define TIAOJIE_DATE_H

#include <stdint.h>

typedef int32_t tj_day;

int date_valid(int y, int m, int d);
tj_day date_from_ymd(int y, int m, int d); /* caller checks date_valid */
void date_to_ymd(tj_day day, int *y, int *m, int *d);
int date_weekday(tj_day day); /* 1 = Monday ... 7 = Sunday (ISO) */
/* Strict "YYYY-MM-DD": exactly that shape, a real date. 0 ok, -1 with a
 * Chinese message in the error sink. */
int date_parse(const char *s, tj_day *out);
/* The same, the message naming the field: label "收件日期" gives
 * "收件日期不存在：2026-02-30", "收件日期格式应为YYYY-MM-DD，……" (never
 * "收件日期日期……"); date_parse is date_parse_as(s, "日期", out).  A field's
 * message is made here, not by putting a label before date_parse's. */
int date_parse_as(const char *s, const char *label, tj_day *out);
void date_format(tj_day day, char out[11]);
/* Days in a month; month arithmetic clamps the day (Jan 31 + 1 month = Feb 28/29). */
int date_days_in_month(int y, int m);
tj_day date_add_months(tj_day day, int months);

/* "Now" in local court time.  Test builds (TIAOJIE_TESTING defined) honour
 * the environment variable TIAOJIE_NOW="YYYY-MM-DD HH:MM:SS" or
 * TIAOJIE_NOW="YYYY-MM-DD" (then 09:00:00), so date-dependent tests are
 * repeatable; release builds ignore it. */
tj_day tj_today(void);
void tj_now_str(char out[20]); /* "YYYY-MM-DD HH:MM:SS" */

#endif
