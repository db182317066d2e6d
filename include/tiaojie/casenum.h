/*
 * casenum.h - case numbers (SPEC section 2): a configurable pattern, default
 * "{court}劳人调({year})第{seq:05}号", filled with the court's abbreviation,
 * the year received and the year's sequence number.  Uniqueness is the
 * database's job (case_seq bumped in the saving transaction, UNIQUE index).
 */
#ifndef TIAOJIE_CASENUM_H
#define TIAOJIE_CASENUM_H

#include <stdint.h>

#define CASENUM_DEFAULT_PATTERN "{court}劳人调({year})第{seq:05}号"

/* malloc'd case number, or NULL with the error set for a bad pattern
 * (patterns are checked when the configuration is loaded, see
 * config_check_case_pattern). */
char *casenum_format(const char *pattern, const char *court, int year, int64_t seq);

#endif
