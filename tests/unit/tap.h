/*
 * tap.h - the unit tests' tiny harness.  Each test program includes this,
 * runs its CHECKs and ends with `return tap_done();`, which prints the line
 * "N passed, M failed" that tests/run.sh adds up.  Failures are printed with
 * file, line and the values compared.
 */
#ifndef TIAOJIE_TAP_H
#define TIAOJIE_TAP_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int tap_pass_count, tap_fail_count;

#define CHECK(cond, ...)                                                         \
	do {                                                                     \
		if (cond) {                                                      \
			tap_pass_count++;                                        \
		} else {                                                         \
			tap_fail_count++;                                        \
			fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                            \
			fputc('\n', stderr);                                     \
		}                                                                \
	} while (0)

#define CHECK_STR(got, want)                                                     \
	do {                                                                     \
		const char *tap_g_ = (got), *tap_w_ = (want);                    \
		if (tap_g_ && tap_w_ && strcmp(tap_g_, tap_w_) == 0) {           \
			tap_pass_count++;                                        \
		} else {                                                         \
			tap_fail_count++;                                        \
			fprintf(stderr, "FAIL %s:%d: %s: got \"%s\", want \"%s\"\n", \
				__FILE__, __LINE__, #got, tap_g_ ? tap_g_ : "(null)", \
				tap_w_ ? tap_w_ : "(null)");                     \
		}                                                                \
	} while (0)

#define CHECK_INT(got, want)                                                     \
	do {                                                                     \
		long long tap_g_ = (long long)(got), tap_w_ = (long long)(want); \
		if (tap_g_ == tap_w_) {                                          \
			tap_pass_count++;                                        \
		} else {                                                         \
			tap_fail_count++;                                        \
			fprintf(stderr, "FAIL %s:%d: %s: got %lld, want %lld\n", \
				__FILE__, __LINE__, #got, tap_g_, tap_w_);       \
		}                                                                \
	} while (0)

static inline int tap_done(void)
{
	printf("%d passed, %d failed\n", tap_pass_count, tap_fail_count);
	return tap_fail_count ? 1 : 0;
}

#endif
