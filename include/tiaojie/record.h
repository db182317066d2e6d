/*
 * record.h - a case as the application record (../shared/spec/application.md):
 * the contract `tiaojie show --json` prints, `tiaojie import` reads and the
 * online channel will speak.  Keys may be added, none renamed; enumerations
 * are the Chinese labels of the vocabulary, amounts strings in yuan with two
 * decimals, dates "YYYY-MM-DD".
 */
#ifndef TIAOJIE_RECORD_H
#define TIAOJIE_RECORD_H

#include "tiaojie/casework.h"

/* The record of a loaded case, with the case's own keys added (case_no,
 * status, sessions, documents, timeline, ...), as indented JSON (malloc'd,
 * ending in a newline).  Identity numbers masked unless full_ids (the
 * caller has asked access_may_see_full_ids).  NULL with the error set. */
char *record_case_json(const struct case_view *cv, int full_ids);

/* The record's document kinds: the label of a stored kind (a 居住证 is
 * 港澳 or 台湾 by its number), and back to the stored keyword (NULL when
 * the label is none of application.md's). */
const char *record_doc_kind(const char *id_type, const char *id_no);
const char *record_doc_kind_keyword(const char *label);

/* An amount as the record writes it: yuan with two decimals, no
 * separators ("12000.50"). */
char *record_amount(int64_t fen, char *buf, size_t size);

#endif
