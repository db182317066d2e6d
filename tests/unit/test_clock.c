/*
 * test_clock.c - the one clock (src/base/clock.c): validation's "today"
 * (a birth date may not lie after it) and the calendar's tj_today() and
 * tj_now_str() agree under TIAOJIE_NOW, also where the value is
 * malformed and both fall back to the system clock.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "tiaojie/calendar.h"
#include "tiaojie/clock.h"
#include "tiaojie/validate.h"

/* An 18-digit mainland ID number born on day, with its check digit. */
static const char *id_born(tj_day day, char out[19])
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	static const char map[] = "10X98765432";
	char ymd[11];
	int sum = 0;

	date_format(day, ymd);
	snprintf(out, 19, "310101%.4s%.2s%.2s123", ymd, ymd + 5, ymd + 8);
	for (int i = 0; i < 17; i++)
		sum += (out[i] - '0') * w[i];
	out[17] = map[sum % 11];
	out[18] = '\0';
	return out;
}

static int id_ok(tj_day born)
{
	char id[19];

	return val_check(VAL_ID, id_born(born, id), 0, NULL, 0, NULL) == 0;
}

/* Validation's today is the calendar's today: born today passes, born
 * tomorrow is in the future. */
static void agree(const char *env)
{
	struct tj_clock c;
	tj_day today;
	char now[20], want[20];

	if (env)
		setenv("TIAOJIE_NOW", env, 1);
	else
		unsetenv("TIAOJIE_NOW");
	clock_now(&c);
	today = tj_today();
	CHECK_INT(today, date_from_ymd(c.y, c.mo, c.d));
	tj_now_str(now);
	snprintf(want, sizeof want, "%04d-%02d-%02d %02d:%02d:%02d", c.y, c.mo, c.d, c.h, c.mi, c.s);
	if (strcmp(now, want) != 0 && c.s < 59) /* the real clock may tick between */
		CHECK_STR(now, want);
	CHECK(id_ok(today), "TIAOJIE_NOW=%s: born today refused", env ? env : "(unset)");
	CHECK(id_ok(today - 1), "TIAOJIE_NOW=%s: born yesterday refused", env ? env : "(unset)");
	CHECK(!id_ok(today + 1), "TIAOJIE_NOW=%s: born tomorrow accepted", env ? env : "(unset)");
}

int main(void)
{
	struct tj_clock c;
	tj_day real;

	unsetenv("TIAOJIE_NOW");
	real = tj_today();

	setenv("TIAOJIE_NOW", "2024-06-15 10:30:05", 1);
	clock_now(&c);
	CHECK_INT(c.y, 2024);
	CHECK_INT(c.mo, 6);
	CHECK_INT(c.d, 15);
	CHECK_INT(c.h, 10);
	CHECK_INT(c.mi, 30);
	CHECK_INT(c.s, 5);
	setenv("TIAOJIE_NOW", "2024-06-15", 1);
	clock_now(&c);
	CHECK_INT(c.h * 10000 + c.mi * 100 + c.s, 90000);

	agree("2024-06-15 10:30:00");
	agree("2024-06-15");
	agree("2024-02-29");
	agree("2024-12-31 23:59:59");
	agree("2000-01-01 00:00:00");
	CHECK_INT(tj_today(), date_from_ymd(2000, 1, 1));

	/* malformed: both the calendar and validation use the real clock
	 * (validation used to accept a "T" or any tail after the date) */
	const char *bad[] = {"2024-06-15T10:30:00", "2023-02-29", "2024-13-01", "2024-06-15 25:00:00",
			     "2024-06-15 10:30", "15.06.2024", "", "1899-12-31", NULL};
	for (int i = 0; bad[i]; i++) {
		agree(bad[i]);
		CHECK(tj_today() - real <= 1 && tj_today() >= real, "TIAOJIE_NOW=\"%s\" not ignored", bad[i]);
	}
	agree(NULL);

	unsetenv("TIAOJIE_NOW");
	return tap_done();
}
