/*
 * casenum.h - case numbers (SPEC section 2): a configurable pattern, default
 * "{court}劳人调〔{year}〕{seq}号", filled with the court's abbreviation,
 * the year received and the year's sequence number.  Uniqueness is the
 * database's job (case_seq bumped in the saving transaction, UNIQUE index).
 */
#ifndef TIAOJIE_CASENUM_H
#define TIAOJIE_CASENUM_H

#include <stdint.h>

#define CASENUM_DEFAULT_PATTERN "{court}劳人调〔{year}〕{seq}号"

/* malloc'd case number, or NULL with the error set for a bad pattern
 * (patterns are checked when the configuration is loaded, see
 * config_check_case_pattern). */
char *casenum_format(const char *pattern, const char *court, int year, int64_t seq);

/* The brackets around the year: ASCII (), full-width （）, or 〔〕 as the
 * official numbers write them (沪劳人调〔2026〕1号). */
enum casenum_brackets { CASENUM_ASCII, CASENUM_FULLWIDTH, CASENUM_HEXAGONAL };

/* s (a case number or part of one, as typed) with every bracket made the
 * one kind; [] and 【】 typed for them count as brackets too.  malloc'd. */
char *casenum_brackets_as(const char *s, enum casenum_brackets kind);

/* The kind of bracket the pattern writes first, or -1 when it writes none. */
int casenum_pattern_brackets(const char *pattern);

#endif
