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

/* ---- import ----------------------------------------------------------------- */

/* What became of one record of an import. */
enum record_outcome {
	RECORD_REGISTERED, /* a new case: case_no */
	RECORD_SKIPPED,    /* its external_id is already on case_no */
	RECORD_REFUSED,    /* problems[]: nothing of it was written */
};
struct record_problem {
	char field[64]; /* the record's key path: "applicants[0].doc_no", "claims[2].amount", ... */
	char msg[256];  /* the Chinese reason */
};
struct record_result {
	int index;      /* 1-based: the record's place in the file */
	enum record_outcome outcome;
	char case_no[64];
	char external_id[80];
	int nproblems;
	struct record_problem problems[64];
};
struct record_totals {
	int registered, skipped, refused;
};
typedef void (*record_result_fn)(void *arg, const struct record_result *r);

/* Register the application records of text - a JSON array of them, one
 * object (over as many lines as it likes), or one object per line (blank
 * lines skipped) - one at a time with exactly the
 * validation of the form (intake_register): each registers completely, in
 * its own transaction, or is refused with every problem named by its key
 * and nothing written.  A record whose external_id is already on a case
 * is skipped.  fn is told of each record as it is done.  0 when the text
 * could be read (whatever became of its records), -1 when it could not
 * (not JSON, not an array or objects): nothing was imported then. */
struct config;
struct actor;
int record_import(struct db *db, const struct config *cfg, const struct actor *who, const char *text, size_t len,
		  record_result_fn fn, void *arg, struct record_totals *totals);

/* The record's document kinds: the label of a stored kind (a 居住证 is
 * 港澳 or 台湾 by its number), and back to the stored keyword (NULL when
 * the label is none of application.md's). */
const char *record_doc_kind(const char *id_type, const char *id_no);
const char *record_doc_kind_keyword(const char *label);

/* An amount as the record writes it: yuan with two decimals, no
 * separators ("12000.50"). */
char *record_amount(int64_t fen, char *buf, size_t size);

#endif
