/*
 * clock.h - the one clock: local court time, broken down.
 *
 * Test builds (TIAOJIE_TESTING defined) honour the environment variable
 * TIAOJIE_NOW="YYYY-MM-DD HH:MM:SS" or TIAOJIE_NOW="YYYY-MM-DD" (then
 * 09:00:00), so date-dependent tests are repeatable; a value of any other
 * shape is ignored (the real clock is used, and a test that set it notices
 * from the date it gets).  Release builds ignore it.
 *
 * Part of src/base.  Dates as day numbers, "today" and the formatted "now"
 * are calendar.h's tj_today() and tj_now_str(), built on this.
 */
#ifndef TIAOJIE_CLOCK_H
#define TIAOJIE_CLOCK_H

struct tj_clock {
	int y, mo, d, h, mi, s;
};

/* Now.  Without a usable system clock: 1970-01-01 00:00:00. */
void clock_now(struct tj_clock *out);

#endif
