/*
 * search.h - finding cases: the case list with its search text, filters,
 * sorting and paging; the queues of the work desk; `tiaojie list`.
 *
 * The search text matches a case number (whole or part), a party's name
 * (two-character Chinese names included), an identity number, an
 * employer's name (any part) or credit code, or a phone number.
 *
 * The screens and commands call case_search and queue_counts, which take
 * the actor: who sees which cases and the masking of identity numbers are
 * decided there, by the rules of access.h.  The db_ functions below them
 * (src/db/search.c) filter as they are told and return numbers as stored.
 */
#ifndef TIAOJIE_SEARCH_H
#define TIAOJIE_SEARCH_H

#include <stdint.h>

#include "tiaojie/access.h"
#include "tiaojie/config.h"
#include "tiaojie/db.h"
#include "tiaojie/lifecycle.h"
#include "tiaojie/vocab.h"

/* enum queue and its words: vocab.h */
const char *queue_name(enum queue q);    /* "待确认请求" ... */
const char *queue_keyword(enum queue q); /* "await-confirm", "await-accept", "await-assign", "due-soon",
					    "overdue", "stalled", "followup" */
/* The queue of a keyword or Chinese name; "all" (全部案件) is Q_NONE; -1 when unknown. */
int queue_from_keyword(const char *kw);

enum case_sort {
	SORT_RECEIVED_DESC = 0, /* newest first */
	SORT_DEADLINE,          /* soonest deadline first, none last */
	SORT_CASE_NO,
	SORT_LAST_EVENT,        /* least recently touched first */
	SORT_RECEIVED,          /* oldest first, then case number (`tiaojie list`) */
};

struct case_filter {
	const char *text;       /* search text, NULL or "" for none */
	int status;             /* enum case_status, -1 any */
	int64_t mediator_id;    /* 0 any */
	const char *cause;      /* "06" or "0601" prefix, NULL any */
	const char *channel;    /* keyword, NULL any */
	const char *from, *to;  /* received date range, inclusive, NULL open */
	enum queue queue;       /* Q_NONE: no queue restriction */
	int64_t only_mediator;  /* set by case_search from the actor (access_case_scope);
				   for db_case_search: that mediator's cases only, -1 none,
				   0 no restriction */
	enum case_sort sort;
	int offset, limit;      /* paging; limit 0 = 50 */
};

struct case_brief {
	int64_t id;
	char case_no[64];
	enum case_status status;
	enum performance perf;
	char status_kw[24], perf_kw[24]; /* as stored; case_search turns them into status, perf */
	char received[11];
	char deadline[11];      /* "" none */
	int days_left;          /* when deadline set */
	char *applicant;        /* first applicant's name, "等N人" appended when several */
	char applicant_id[48];  /* masked by case_search (db_case_search: as stored) */
	char *respondent;
	char *mediator;         /* "" none */
	char causes[64];        /* "0601,0602" */
	int collective;
	char last_event_at[20];
	/* highlights */
	int due_soon, overdue, stalled, followup;
};

struct case_list {
	struct case_brief *v;
	int n, cap;
	int64_t total;          /* rows matching, ignoring paging */
};

/* The cases this actor may see that match f (its only_mediator is set
 * from the actor, whatever the caller put there), identity numbers masked.
 * today: tj_today() normally; passed so tests and the list agree.  *out is
 * overwritten (free a previous result with case_list_free first).  0, or -1
 * with the error sink set (also for a status, queue or sort out of range). */
int case_search(struct db *db, const struct config *cfg, const struct actor *who, tj_day today,
		const struct case_filter *f, struct case_list *out);
void case_list_free(struct case_list *l);

/* Several case_search calls between these see one snapshot of the database
 * (a read transaction), so paging through every result neither repeats nor
 * misses a case that another user saves meanwhile. */
int case_search_begin(struct db *db);
void case_search_end(struct db *db);

/* Counts of every queue over the cases this actor may see (a mediator:
 * their own).  counts[Q_NONE] is the number of cases considered. */
int queue_counts(struct db *db, const struct config *cfg, const struct actor *who, tj_day today,
		 int64_t counts[Q_COUNT]);

/* The SQL under them (src/db/search.c).  The core prepares what the
 * rules decide - the status keyword, the queue bounds of today, the
 * search terms, the look of a case number - and the db stores and
 * fetches: f->only_mediator and mediator_id as given (queue counts: 0 all
 * cases, otherwise only_mediator's), numbers unmasked, statuses as stored
 * (status_kw, perf_kw; status, perf and days_left are the core's to fill);
 * db_read_begin/db_read_end hold one read snapshot. */
struct db_search_in {
	const struct case_filter *f;
	const char *status_kw;         /* f->status as its keyword; NULL any */
	const struct queue_bounds *b;
	const struct search_terms *terms;
	const char *case_no_sample;    /* a case number as the pattern writes it;
					* NULL: any text may be part of one */
};
int db_case_search(struct db *db, const struct db_search_in *in, struct case_list *out);
void db_case_list_free(struct case_list *l);
int db_read_begin(struct db *db);
void db_read_end(struct db *db);
int db_queue_counts(struct db *db, const struct queue_bounds *b, int64_t mediator_id, int64_t counts[Q_COUNT]);

/* Employers of the archive (for those who may register: access.h) by a
 * part of the name (at least
 * EMPLOYER_SEARCH_MIN_CHARS characters; ASCII letters in any case) or by
 * a whole credit code, for the intake's employer search (F4): at most
 * limit of them, sorted by name, more set when there are others.  A text
 * too short finds nothing (0, empty).  0, or -1 with the error set. */
#define EMPLOYER_SEARCH_MIN_CHARS 2
struct employer_matches {
	struct employer_full *v;
	int n, cap;
	int more;
};
int employer_search(struct db *db, const struct actor *who, const char *text, int limit,
		    struct employer_matches *out);
void employer_matches_free(struct employer_matches *m);
void db_employer_matches_free(struct employer_matches *m);

/* Loading many cases at once (tiaojie demo): search_bulk_begin drops the
 * triggers that keep the full-text indexes and search_grams of
 * data/002_search.sql current, which would flush the full-text index at
 * every statement; search_bulk_end fills them from the rows in one pass
 * each and puts the triggers back.  Nothing may search in between.  0, or
 * -1 with the error set. */
int search_bulk_begin(struct db *db);
int search_bulk_end(struct db *db);

/* ---- shared by src/core/search.c and src/db/search.c ------------------- */

/* The date limits of the queues for a day (the one place they are
 * computed): due soon is today..soon inclusive, overdue is before today,
 * stalled is a last event before the day `stale` (that is, no event for
 * stalled_days whole days: with 7, a case last touched on the 13th is
 * stalled on the 20th). */
struct queue_bounds {
	char today[11], soon[11], stale[11];
};
void queue_bounds(const struct config *cfg, tj_day today, struct queue_bounds *b);

/* What the search text can match, worked out once (NULL where the text
 * cannot be such a thing; text NULL when there is no search at all):
 *   text        trimmed: part of a case number
 *   like        "%text%" with LIKE's wildcards escaped by '\': part of a
 *               name (ASCII letters in any case)
 *   norm        normalised (validate.h): a whole identity number or credit
 *               code, a case number typed with full-width brackets
 *   id_lo/id_hi an identity number prefix (6 or more letters and digits)
 *               as the range id_lo <= id_no < id_hi
 *   phone       a whole phone number in its stored form (+86 and spaces
 *               dropped, landlines as 区号-号码)
 *   phone_tail  "%digits" (4 or more): the end of a stored number (尾号) */
struct search_terms {
	char *text, *like, *norm, *id_lo, *id_hi, *phone, *phone_tail;
	/* case numbers: the text with its brackets as the configured pattern
	 * writes them, and as ASCII () (numbers issued under the earlier
	 * default); NULL when the text has no bracket to change */
	char *case_text, *case_ascii;
};
void search_terms_make(const char *text, struct search_terms *t);
/* The SQL of employer_search: t from search_terms_make, uscc a whole
 * normalised credit code or NULL. */
int db_employer_search(struct db *db, const struct search_terms *t, const char *uscc, int limit,
		       struct employer_matches *out);
/* 1 when text, trimmed, is a single character: a search no index serves
 * (every name and case number is read), which the case list runs only
 * once the typing pauses. */
int search_text_scans(const char *text);
void search_terms_free(struct search_terms *t);

#endif
