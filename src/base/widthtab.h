/*
 * widthtab.h - the generated width table (widthtab.c), private to
 * src/base/text.c.
 */
#ifndef TIAOJIE_BASE_WIDTHTAB_H
#define TIAOJIE_BASE_WIDTHTAB_H

struct tw_range {
	unsigned lo, hi;
	int width; /* 0, 2, or -1 for not printable */
};

/* Sorted, not overlapping; every code point not in a range is 1 wide. */
extern const struct tw_range tw_ranges[];
extern const int tw_nranges;

#endif
