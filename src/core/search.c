/*
 * search.c - the non-SQL half of finding cases: the queues' names and
 * keywords (from vocab.c), the date limits that define them, and what a search text can
 * mean, and the employer search of the intake (F4); and the case search
 * and queue counts as the screens and commands call them, with the actor
 * (the rules: access.h).  src/db/search.c turns these into one statement;
 * keeping the date
 * limits here means the work desk's counts, the case list's highlights and
 * the queue filter all start from the same three dates.
 */
#include <stdlib.h>
#include <string.h>

#include "tiaojie/casenum.h"
#include "tiaojie/search.h"
#include "tiaojie/validate.h"
#include "tiaojie/vocab.h"

const char *queue_name(enum queue q)
{
	const char *nm = vocab_label_at(VOCAB_QUEUE, (int)q);
	return nm ? nm : "?";
}

const char *queue_keyword(enum queue q)
{
	const char *kw = vocab_code_at(VOCAB_QUEUE, (int)q);
	return kw ? kw : "?";
}

/* Keyword or Chinese name; -1 when unknown.  "all" (or 全部案件) is Q_NONE. */
int queue_from_keyword(const char *kw)
{
	return vocab_index_any(VOCAB_QUEUE, kw);
}

void queue_bounds(const struct config *cfg, tj_day today, struct queue_bounds *b)
{
	int soon = cfg ? cfg->due_soon_days : 3;
	int stalled = cfg ? cfg->stalled_days : 7;

	if (soon < 0)
		soon = 0;
	if (stalled < 1)
		stalled = 1;
	date_format(today, b->today);
	date_format(today + soon, b->soon);
	/* last event before the start of (today - stalled + 1): the whole
	 * days from the last event's day to today number at least `stalled` */
	date_format(today - stalled + 1, b->stale);
}

/* Leading and trailing white space, ideographic space (U+3000) included. */
static char *trim_dup(const char *s)
{
	const char *e;

	for (;;) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else
			break;
	}
	e = s + strlen(s);
	for (;;) {
		if (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
			e--;
		else if (e - s >= 3 && strncmp(e - 3, "\xe3\x80\x80", 3) == 0)
			e -= 3;
		else
			break;
	}
	return e > s ? xstrndup(s, (size_t)(e - s)) : NULL;
}

int search_text_scans(const char *text)
{
	char *t = text ? trim_dup(text) : NULL;
	int one = t && utf8_valid(t, strlen(t)) && utf8_chars(t) == 1;

	free(t);
	return one;
}

static int all_of(const char *s, const char *set)
{
	return *s && strspn(s, set) == strlen(s);
}

void search_terms_make(const char *text, struct search_terms *t)
{
	char norm[256], phone[64];
	const char *reason;
	struct strbuf sb;
	size_t n;

	memset(t, 0, sizeof *t);
	if (!text || !(t->text = trim_dup(text)))
		return;
	sb_init(&sb);
	sb_addc(&sb, '%');
	for (const char *p = t->text; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			sb_addc(&sb, '\\');
		sb_addc(&sb, *p);
	}
	sb_addc(&sb, '%');
	t->like = sb_detach(&sb);

	if (val_normalize(t->text, norm, sizeof norm, &reason) < 0 || !norm[0])
		return;
	t->norm = xstrdup(norm);
	n = strlen(norm);
	if (n >= 6 && all_of(norm, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")) {
		/* every id_no starting with norm sorts in [norm, norm with its
		 * last character one higher) */
		t->id_lo = xstrdup(norm);
		t->id_hi = xstrdup(norm);
		t->id_hi[n - 1]++;
	}
	/* A whole phone number is compared in its stored form; digits alone
	 * (dashes and spaces ignored) are the end of a number, "尾号". */
	if (val_check(VAL_PHONE, t->text, 0, phone, sizeof phone, &reason) == 0) {
		t->phone = xstrdup(phone);
	} else if (all_of(norm, "0123456789-")) {
		sb_init(&sb);
		sb_addc(&sb, '%');
		for (const char *p = norm; *p; p++)
			if (*p != '-')
				sb_addc(&sb, *p);
		if (sb.len >= 5)
			t->phone_tail = sb_detach(&sb);
		sb_free(&sb);
	}
}

void search_terms_free(struct search_terms *t)
{
	free(t->text);
	free(t->like);
	free(t->norm);
	free(t->id_lo);
	free(t->id_hi);
	free(t->phone);
	free(t->phone_tail);
	free(t->case_text);
	free(t->case_ascii);
	memset(t, 0, sizeof *t);
}

int employer_search(struct db *db, const struct actor *who, const char *text, int limit,
		    struct employer_matches *out)
{
	struct search_terms t;
	char code[32];
	const char *reason;
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (access_may_read_archive(who) < 0)
		return -1;
	search_terms_make(text, &t);
	if (t.text && utf8_chars(t.text) >= EMPLOYER_SEARCH_MIN_CHARS && limit > 0) {
		int whole_code = val_check(VAL_USCC, t.text, 0, code, sizeof code, &reason) == 0;
		rc = db_employer_search(db, &t, whole_code ? code : NULL, limit, out);
	}
	search_terms_free(&t);
	return rc;
}

void employer_matches_free(struct employer_matches *m)
{
	db_employer_matches_free(m);
}

/* ---- the case list and the queues, for an actor ---------------------------------- */

int case_search(struct db *db, const struct config *cfg, const struct actor *who, tj_day today,
		const struct case_filter *f, struct case_list *out)
{
	struct case_filter mine = *f;
	struct search_terms terms;
	struct queue_bounds b;
	const char *pattern = cfg && cfg->case_number_pattern ? cfg->case_number_pattern : CASENUM_DEFAULT_PATTERN;
	char *sample = cfg && cfg->court_abbr ? casenum_format(pattern, cfg->court_abbr, 0, 0) : NULL;
	int rc;

	if (!sample)
		tj_error_clear(); /* no sample: every text may be part of a case number */
	memset(out, 0, sizeof *out);
	if (f->status >= ST_COUNT) {
		free(sample);
		tj_error("无效的案件状态：%d", f->status);
		return -1;
	}
	mine.only_mediator = access_case_scope(who);
	queue_bounds(cfg, today, &b);
	search_terms_make(f->text, &terms);
	if (terms.text) {
		/* 沪劳人调(2026)1号 typed for 沪劳人调〔2026〕1号, and the other way */
		int kind = casenum_pattern_brackets(pattern);
		const char *base = terms.norm ? terms.norm : terms.text; /* full-width digits as ASCII */
		char *as_ascii = casenum_brackets_as(base, CASENUM_ASCII);
		if (kind > 0) {
			terms.case_text = casenum_brackets_as(base, (enum casenum_brackets)kind);
			if (strcmp(terms.case_text, terms.text) == 0)
				free(terms.case_text), terms.case_text = NULL;
		}
		if (strcmp(as_ascii, terms.text) != 0)
			terms.case_ascii = as_ascii;
		else
			free(as_ascii);
	}
	struct db_search_in in = {.f = &mine,
				  .status_kw = f->status >= 0 ? status_keyword((enum case_status)f->status) : NULL,
				  .b = &b, .terms = &terms, .case_no_sample = sample};
	rc = db_case_search(db, &in, out);
	search_terms_free(&terms);
	free(sample);
	if (rc < 0)
		return -1;
	for (int i = 0; i < out->n; i++) {
		struct case_brief *c = &out->v[i];
		char shown[40];
		int s = status_from_keyword(c->status_kw), p = perf_from_keyword(c->perf_kw);
		tj_day d;
		c->status = s < 0 ? ST_REGISTERED : (enum case_status)s;
		c->perf = p < 0 ? PERF_NONE : (enum performance)p;
		if (c->deadline[0] && date_parse(c->deadline, &d) == 0)
			c->days_left = deadline_days_left(d, today);
		access_mask_id(who, c->applicant_id, shown, sizeof shown);
		memcpy(c->applicant_id, shown, sizeof shown);
	}
	tj_error_clear(); /* a deadline that did not parse is not an error of the search */
	return 0;
}

void case_list_free(struct case_list *l)
{
	db_case_list_free(l);
}

int case_search_begin(struct db *db)
{
	return db_read_begin(db);
}

void case_search_end(struct db *db)
{
	db_read_end(db);
}

int queue_counts(struct db *db, const struct config *cfg, const struct actor *who, tj_day today,
		 int64_t counts[Q_COUNT])
{
	struct queue_bounds b;

	queue_bounds(cfg, today, &b);
	return db_queue_counts(db, &b, access_case_scope(who), counts);
}
