/*
 * calendar.h - civil dates, the court's holiday calendar and deadlines.
 *
 * Dates are day numbers (days since 1970-01-01, proleptic Gregorian), so
 * arithmetic is plain integer arithmetic; they are stored and shown as
 * "YYYY-MM-DD" (date.h, in src/base).  The holiday table is filled by
 * holidays_from_db from the database's holidays table (which `init` loads
 * from data/holidays.tsv); this module never touches files or SQL itself
 * and parses only text it is given (holidays_parse_tsv).
 *
 * Deadline law (SPEC section 3; 民事诉讼法 §85 as applied by 调解仲裁法):
 * the day the period starts is not counted; a calendar-day period that ends
 * on a rest day (a public holiday, or a weekend day that is not a worked
 * 调休 day) ends instead on the next working day.  A working-day period
 * counts only working days after the start day.
 */
#ifndef TIAOJIE_CALENDAR_H
#define TIAOJIE_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "tiaojie/date.h"

enum holiday_kind {
	HOLIDAY_OFF = 1,  /* public holiday (or bridging rest day) */
	HOLIDAY_WORK = 2, /* weekend day that is worked (调休上班) */
};

struct holidays {
	struct holiday_entry {
		tj_day day;
		enum holiday_kind kind;
	} *v;
	size_t n, cap;
	int sorted;
};

void holidays_init(struct holidays *h);
void holidays_free(struct holidays *h);
/* The table stays sorted as rows are added (a row for a day already listed
 * replaces it), so rows may be added at any time, also after queries. */
void holidays_add(struct holidays *h, tj_day day, enum holiday_kind kind);
/* Parse the text of data/holidays.tsv (date TAB off|work TAB name; '#'
 * comments and blank lines skipped; CRLF accepted) and add its rows.  On a
 * bad line returns -1 with "第N行：..." in the error sink and adds nothing:
 * bad dates or kinds, a `work` row that is not a Saturday or Sunday, and a
 * date listed twice in the text are errors. */
/* Add every row of the database's holiday table (db_holidays_each).  0, or
 * -1 with the error set. */
struct db;
int holidays_from_db(struct db *db, struct holidays *h);
int holidays_parse_tsv(struct holidays *h, const char *text);
/* 1 if a working day: Mon-Fri not listed off, or a listed work day.
 * h may be NULL here and in deadline_compute: weekends only. */
int holidays_is_workday(const struct holidays *h, tj_day day);
tj_day holidays_next_workday(const struct holidays *h, tj_day day); /* day itself if working */

enum day_count {
	DAYS_CALENDAR = 0,
	DAYS_WORKING = 1,
};

/* The last day of a period of n days starting (not counted) on start:
 * calendar days, moved forward to the next working day if the end is a rest
 * day; or the n-th working day after start.  n <= 0 gives start. */
tj_day deadline_compute(const struct holidays *h, tj_day start, int n, enum day_count kind);
/* Days from today to the deadline: negative when overdue. */
int deadline_days_left(tj_day deadline, tj_day today);

#endif
