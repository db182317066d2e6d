/*
 * draft.h - the text form of a draft: one "key=value" line per field, with
 * backslash escapes for newline and backslash, so any field content
 * survives a round trip.
 */
#ifndef TIAOJIE_DRAFT_H
#define TIAOJIE_DRAFT_H

#include "tiaojie/util.h"

void draft_put(struct strbuf *sb, const char *key, const char *value);
/* The value of key (malloc'd), or NULL when absent. */
char *draft_get(const char *body, const char *key);

#endif
