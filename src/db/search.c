/*
 * search.c - the SQL of finding cases: the case list (search text, filters,
 * sorting, paging) and the queue counts of the work desk.
 *
 * At a million cases a statement may read index pages, not tables, so
 * each search is built from the parts its question needs and no other
 * (data/002_search.sql has the indexes and the tables the triggers keep):
 *
 *   - the search text becomes the case ids it matches: case numbers and
 *     names by a part of three characters or more through the trigram
 *     indexes (instr and LIKE stay the definition: a row is read to test
 *     them only when the text has letters whose case the index folds and
 *     they do not), names by two characters through search_grams, identity
 *     numbers, credit codes and whole phone numbers by their indexes,
 *     phone endings by the reversed-ending index; a text of one character
 *     (or of two that could be part of a case number) is still a scan;
 *   - those ids, few and anywhere in the file, are filtered, counted and
 *     sorted in cases_list (an index keyed by id with the columns that
 *     needs), so only the rows of the page shown are read;
 *   - only the filters that are set are written into the statement, as
 *     plain comparisons an index can use (a clause "(:x IS NULL OR ...)"
 *     would make SQLite read every case);
 *   - the orders are written so the list indexes deliver them (NULLS LAST
 *     rather than "deadline IS NULL, deadline"), so a page is LIMIT rows of
 *     an index, not a sort of every match;
 *   - counts without a text or other filters than status, mediator and the
 *     three status queues come from search_counts; the follow-up queue
 *     from search_followups.
 *
 * The queue definitions are written once, as the SQL fragments Q_* below,
 * and used three ways: as the queue filter of the list, as the highlight
 * flags of each row, and in the counts - so a case highlighted "overdue" is
 * always one the overdue queue lists and counts.  Their dates come from
 * queue_bounds() (src/core/search.c).
 *
 * A search is two statements, run in one read transaction: one counts the
 * matches, one keeps one page (with a search text, whose matches are few,
 * the page statement counts them too); only the rows of that page get their
 * parties, mediator and causes, by correlated subqueries over the primary
 * keys of case_parties and claims - no query per row.  The text of each
 * statement is built once per shape and kept for the program's life; the
 * first STMT_CACHED shapes are prepared once per connection (db_prep),
 * rarer ones are prepared for the call and finalized, so no combination
 * of filters can fill the connection's statement cache.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/casenum.h"
#include "tiaojie/search.h"
#include "tiaojie/validate.h"
#include "internal.h"

_Static_assert(Q_AWAIT_CONFIRM == 1 && Q_AWAIT_ACCEPT == 2 && Q_AWAIT_ASSIGN == 3 && Q_DUE_SOON == 4 &&
		       Q_OVERDUE == 5 && Q_STALLED == 6 && Q_FOLLOWUP == 7 && Q_UNSERVED == 8 && Q_COUNT <= 16,
	       "the queue numbers index queue_sql below");

#define Q_OPEN "c.status IN ('registered','confirmed','accepted','assigned','mediating')"
#define Q_DUE "(" Q_OPEN " AND c.deadline >= :today AND c.deadline <= :soon)"
#define Q_OVER "(" Q_OPEN " AND c.deadline < :today)"
#define Q_STALE "(" Q_OPEN " AND c.last_event_at < :stale)"
#define Q_FOLLOW "c.id IN (SELECT case_id FROM search_followups WHERE due <= :today)"
#define Q_FOLLOW_ROW "EXISTS (SELECT 1 FROM search_followups WHERE case_id = c.id AND due <= :today)"

/* documents issued and not yet served (services_pending) */
#define Q_UNSERVED_SQL "c.id IN (SELECT case_id FROM services WHERE served_on IS NULL)"

static const char *const queue_sql[Q_COUNT] = {
	[Q_AWAIT_CONFIRM] = "c.status = 'registered'",
	[Q_AWAIT_ACCEPT] = "c.status = 'confirmed'",
	[Q_AWAIT_ASSIGN] = "c.status = 'accepted'",
	[Q_DUE_SOON] = Q_DUE,
	[Q_OVERDUE] = Q_OVER,
	[Q_STALLED] = Q_STALE,
	[Q_FOLLOWUP] = Q_FOLLOW,
	[Q_UNSERVED] = Q_UNSERVED_SQL,
};

/* The last eight characters of a phone number, last first: the expression
 * of the indexes persons_phone_rev and employers_phone_rev, written the
 * same way so that SQLite recognises it. */
#define PHONE_REV(col)                                                                              \
	"substr(" col ", -1, 1) || substr(" col ", -2, 1) || substr(" col ", -3, 1) || substr(" col \
	", -4, 1) || substr(" col ", -5, 1) || substr(" col ", -6, 1) || substr(" col                  \
	", -7, 1) || substr(" col ", -8, 1)"
#define PHONE_REV_LEN 8

/* The columns of a page row; c is the case, m its mediator.  Parties as
 * the case holds them (its own copy), not as the archive does today. */
#define SEARCH_COLUMNS                                                                                      \
	"c.id, c.case_no, c.status, coalesce(c.performance, ''), c.received, coalesce(c.deadline, ''),"     \
	" c.collective, c.last_event_at, coalesce(m.name, ''),"                                             \
	" (SELECT p.name FROM case_parties p"                                                               \
	"  WHERE p.case_id = c.id AND p.role = 'applicant' ORDER BY p.ord LIMIT 1),"                        \
	" (SELECT p.id_no FROM case_parties p"                                                              \
	"  WHERE p.case_id = c.id AND p.role = 'applicant' ORDER BY p.ord LIMIT 1),"                        \
	" (SELECT count(*) FROM case_parties p WHERE p.case_id = c.id AND p.role = 'applicant'),"           \
	" (SELECT p.name FROM case_parties p"                                                               \
	"  WHERE p.case_id = c.id AND p.role = 'respondent' ORDER BY p.ord LIMIT 1),"                       \
	" (SELECT group_concat(cause, ',') FROM (SELECT DISTINCT k.cause FROM claims k"                     \
	"  WHERE k.case_id = c.id ORDER BY k.cause)),"                                                      \
	" coalesce(" Q_DUE ", 0), coalesce(" Q_OVER ", 0), coalesce(" Q_STALE ", 0), " Q_FOLLOW_ROW

/* SORT_DEADLINE is "deadline IS NULL, deadline, ..."; NULLS LAST says the
 * same in a form the (status, deadline, received, year, seq) index
 * delivers. */
static const char *const orders[SORT_RECEIVED + 1] = {
	[SORT_RECEIVED_DESC] = "c.received DESC, c.year DESC, c.seq DESC, c.id DESC",
	[SORT_DEADLINE] = "c.deadline NULLS LAST, c.received, c.year, c.seq, c.id",
	[SORT_CASE_NO] = "c.year, c.seq, c.id",
	[SORT_LAST_EVENT] = "c.last_event_at, c.year, c.seq, c.id",
	[SORT_RECEIVED] = "c.received, c.year, c.seq, c.id",
};

/* ---- what the search text can match, as statement parts ---------------------------- */

/* How a name or case-number part is looked up. */
enum how {
	HOW_NONE = 0, /* cannot match */
	HOW_SCAN,     /* one character (or two for a case number): read the column */
	HOW_GRAM,     /* two characters: search_grams */
	HOW_FTS,      /* three or more: the trigram index (see has_cased) */
};

struct text_plan {
	enum how names;        /* persons' and employers' names by t->text */
	enum how case_t, case_n; /* case numbers by t->text, by t->norm */
	int check_names, check_t, check_n; /* the trigram match needs the exact test too */
	const char *ct, *cn;                /* the texts of case_t and case_n */
	int norm, id_range, phone, tail, tail_scan;
	char *fq, *fq_case_t, *fq_case_n; /* FTS5 phrases */
	char rlo[PHONE_REV_LEN + 1], rhi[PHONE_REV_LEN + 1];
};

/* A string as one FTS5 phrase: in double quotes, quotes doubled. */
static char *fts_phrase(const char *s)
{
	struct strbuf sb;

	sb_init(&sb);
	sb_addc(&sb, '"');
	for (; *s; s++) {
		if (*s == '"')
			sb_addc(&sb, '"');
		sb_addc(&sb, *s);
	}
	sb_addc(&sb, '"');
	return sb_detach(&sb);
}

/* Could s be part of a case number: every character a digit or one of
 * those the configured pattern writes.  Only asked of texts too short for
 * the trigram index, to spare the scan of every case number when a name
 * of two characters is searched. */
static int may_be_case_no(const char *sample, const char *s)
{
	int ok = 1;

	if (!sample)
		return 1;
	while (*s && ok) {
		size_t n = 1;
		while ((s[n] & 0xC0) == 0x80)
			n++;
		if (!(n == 1 && *s >= '0' && *s <= '9')) {
			char ch[8];
			memcpy(ch, s, n < sizeof ch ? n : sizeof ch - 1);
			ch[n < sizeof ch ? n : sizeof ch - 1] = '\0';
			ok = strstr(sample, ch) != NULL;
		}
		s += n;
	}
	return ok;
}

/* The trigram index folds the case of every letter; LIKE, of ASCII
 * letters only; instr, of none.  So a match of the index is the match of
 * LIKE unless the text has a letter with case outside ASCII, and the match
 * of instr unless it has any letter with case: only then must the row be
 * read to test it (reading rows is what makes a search slow).  ascii: ASCII
 * letters count.  Conservative: whole blocks of code points where cased
 * letters live. */
static int has_cased(const char *s, int ascii)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		uint32_t c;
		int n;
		if (*p < 0x80) {
			if (ascii && ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
				return 1;
			p++;
			continue;
		}
		n = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
		c = *p & (0x7F >> n);
		for (int i = 1; i < n && p[i]; i++)
			c = c << 6 | (p[i] & 0x3F);
		if (c < 0x2E80 || (c >= 0xA640 && c < 0xA800) || (c >= 0xFF00 && c < 0xFF70) ||
		    (c >= 0x10000 && c < 0x1F200))
			return 1;
		for (int i = 0; i < n && *p; i++)
			p++;
	}
	return 0;
}

static enum how case_how(const char *sample, const char *s)
{
	size_t n = utf8_chars(s);

	if (n >= 3)
		return HOW_FTS;
	return may_be_case_no(sample, s) ? HOW_SCAN : HOW_NONE;
}

static void plan_text(const char *sample, const struct search_terms *t, struct text_plan *p)
{
	size_t n = utf8_chars(t->text);

	memset(p, 0, sizeof *p);
	p->names = n >= 3 ? HOW_FTS : n == 2 ? HOW_GRAM : HOW_SCAN;
	if (p->names == HOW_FTS) {
		p->fq = fts_phrase(t->text);
		p->check_names = has_cased(t->text, 0);
	}
	/* case numbers by the text with the pattern's brackets, and by the
	 * normalised text or its ASCII-bracket form (earlier numbers) */
	p->ct = t->case_text ? t->case_text : t->text;
	p->cn = t->case_ascii ? t->case_ascii : t->norm;
	p->case_t = case_how(sample, p->ct);
	if (p->case_t == HOW_FTS) {
		p->fq_case_t = fts_phrase(p->ct);
		p->check_t = has_cased(p->ct, 1);
	}
	if (p->cn && strcmp(p->cn, p->ct) != 0) {
		p->case_n = case_how(sample, p->cn);
		if (p->case_n == HOW_FTS) {
			p->fq_case_n = fts_phrase(p->cn);
			p->check_n = has_cased(p->cn, 1);
		}
	}
	p->norm = t->norm != NULL;
	p->id_range = t->id_lo != NULL;
	p->phone = t->phone != NULL;
	if (t->phone_tail) {
		/* "%digits": the range of the reversed-ending index that the last
		 * (up to) eight digits give; LIKE checks longer endings */
		const char *d = t->phone_tail + 1;
		size_t len = strlen(d), k;
		for (k = 0; k < len && k < PHONE_REV_LEN; k++)
			p->rlo[k] = d[len - 1 - k];
		p->rlo[k] = '\0';
		memcpy(p->rhi, p->rlo, sizeof p->rhi);
		if (k > 0 && (unsigned char)p->rhi[k - 1] < 0x7f) {
			p->rhi[k - 1]++;
			p->tail = 1;
		} else {
			p->tail_scan = 1;
		}
	}
}

static void plan_free(struct text_plan *p)
{
	free(p->fq);
	free(p->fq_case_t);
	free(p->fq_case_n);
}

/* The key of a statement's shape. */
enum {
	K_COUNT = 1u << 0,
	K_ST = 1u << 1,
	K_MED = 1u << 2,
	K_ONLY = 1u << 3,
	K_CH = 1u << 4,
	K_FROM = 1u << 5,
	K_TO = 1u << 6,
	K_CAUSE = 1u << 7,
	K_TEXT = 1u << 8,
	K_NORM = 1u << 9,
	K_IDRANGE = 1u << 10,
	K_PHONE = 1u << 11,
	K_TAIL = 1u << 12,
	K_TAILSCAN = 1u << 13,
	K_CHECK_NAMES = 1u << 14,
	K_CHECK_T = 1u << 15,
	K_CHECK_N = 1u << 16,
	K_NAMES_SHIFT = 17,  /* 2 bits: enum how */
	K_CASE_T_SHIFT = 19, /* 2 bits */
	K_CASE_N_SHIFT = 21, /* 2 bits */
	K_QUEUE_SHIFT = 23,  /* 4 bits */
	K_SORT_SHIFT = 27,   /* 3 bits */
};

/* The ids of the cases whose number, or a party's name, number or phone,
 * the text matches (with repeats): a compound SELECT of one column. */
static void add_text_ids(struct strbuf *sb, unsigned key)
{
	enum how names = (enum how)((key >> K_NAMES_SHIFT) & 3);
	enum how case_t = (enum how)((key >> K_CASE_T_SHIFT) & 3);
	enum how case_n = (enum how)((key >> K_CASE_N_SHIFT) & 3);
	const char *sep = "";

	if (key & K_NORM) {
		sb_add(sb, "SELECT id FROM cases WHERE case_no = :n");
		sep = " UNION ALL ";
	}
	/* case numbers by part: the trigram index (the row only when instr
	 * must decide), or a scan of the case_no index */
	for (int n = 0; n < 2; n++) {
		enum how h = n ? case_n : case_t;
		const char *fq = n ? ":cn" : ":ct", *val = n ? ":cnv" : ":ctv";
		if (h == HOW_FTS && (key & (n ? K_CHECK_N : K_CHECK_T)))
			sb_printf(sb, "%sSELECT cases_fts.rowid FROM cases_fts JOIN cases x ON x.id = cases_fts.rowid"
				      " WHERE cases_fts MATCH %s AND instr(x.case_no, %s) > 0", sep, fq, val);
		else if (h == HOW_FTS)
			sb_printf(sb, "%sSELECT rowid FROM cases_fts WHERE cases_fts MATCH %s", sep, fq);
		else if (h == HOW_SCAN)
			sb_printf(sb, "%sSELECT id FROM cases WHERE instr(case_no, %s) > 0", sep, val);
		else
			continue;
		sep = " UNION ALL ";
	}

	/* the parties: persons, then employers */
	for (int emp = 0; emp < 2; emp++) {
		const char *tab = emp ? "employers" : "persons";
		sb_printf(sb, "%sSELECT p.case_id FROM case_parties p WHERE p.%s IN (", sep,
			  emp ? "employer_id" : "person_id");
		sep = " UNION ALL ";
		switch (names) {
		case HOW_FTS:
			if (key & K_CHECK_NAMES)
				sb_printf(sb, "SELECT %s_fts.rowid FROM %s_fts JOIN %s x ON x.id = %s_fts.rowid"
					      " WHERE %s_fts MATCH :fq AND x.name LIKE :like ESCAPE '\\'",
					  tab, tab, tab, tab, tab);
			else
				sb_printf(sb, "SELECT rowid FROM %s_fts WHERE %s_fts MATCH :fq", tab, tab);
			break;
		case HOW_GRAM:
			sb_printf(sb, "SELECT id FROM search_grams WHERE gram = lower(:t) AND kind = %d", emp);
			break;
		default:
			sb_printf(sb, "SELECT id FROM %s WHERE name LIKE :like ESCAPE '\\'", tab);
			break;
		}
		if (key & K_NORM)
			sb_printf(sb, " UNION ALL SELECT id FROM %s WHERE %s = :n", tab, emp ? "uscc" : "id_no");
		if (!emp && (key & K_IDRANGE))
			sb_add(sb, " UNION ALL SELECT id FROM persons WHERE id_no >= :idlo AND id_no < :idhi");
		if (key & K_PHONE)
			sb_printf(sb, " UNION ALL SELECT id FROM %s WHERE phone = :ph", tab);
		if (key & K_TAIL)
			sb_printf(sb, " UNION ALL SELECT id FROM %s WHERE " PHONE_REV("phone") " >= :rlo AND "
				      PHONE_REV("phone") " < :rhi AND phone LIKE :pht", tab);
		if (key & K_TAILSCAN)
			sb_printf(sb, " UNION ALL SELECT id FROM %s WHERE phone LIKE :pht", tab);
		sb_addc(sb, ')');
	}
}

/* " AND ..." for each filter that is set, and the queue. */
static void add_filters(struct strbuf *sb, unsigned key)
{
	unsigned q = (key >> K_QUEUE_SHIFT) & 15;

	if (key & K_ST)
		sb_add(sb, " AND c.status = :st");
	if (key & K_MED)
		sb_add(sb, " AND c.mediator_id = :med");
	if (key & K_ONLY)
		sb_add(sb, " AND c.mediator_id = :only");
	if (key & K_CH)
		sb_add(sb, " AND c.channel = :ch");
	if (key & K_FROM)
		sb_add(sb, " AND c.received >= :from");
	if (key & K_TO)
		sb_add(sb, " AND c.received <= :to");
	if (key & K_CAUSE)
		sb_add(sb, " AND EXISTS (SELECT 1 FROM claims k WHERE k.case_id = c.id"
			   " AND substr(k.cause, 1, length(:cause)) = :cause)");
	if (q)
		sb_printf(sb, " AND %s", queue_sql[q]);
}

static char *build_sql(unsigned key)
{
	struct strbuf sb;
	unsigned q = (key >> K_QUEUE_SHIFT) & 15;
	const char *order = orders[(key >> K_SORT_SHIFT) & 7];

	sb_init(&sb);
	if ((key & K_COUNT) && !(key & (K_TEXT | K_CH | K_FROM | K_TO | K_CAUSE)) && q <= Q_AWAIT_ASSIGN) {
		/* the kept counts */
		static const char *const st[] = {"", " AND status = 'registered'", " AND status = 'confirmed'",
						 " AND status = 'accepted'"};
		sb_printf(&sb, "SELECT coalesce(sum(n), 0) FROM search_counts WHERE 1%s%s%s%s", st[q],
			  key & K_ST ? " AND status = :st" : "", key & K_MED ? " AND mediator_id = :med" : "",
			  key & K_ONLY ? " AND mediator_id = :only" : "");
		return sb_detach(&sb);
	}
	if (key & K_COUNT)
		sb_add(&sb, "SELECT count(*)");
	else if (key & K_TEXT) /* the few matches counted in the same pass */
		sb_add(&sb, "SELECT " SEARCH_COLUMNS ", pg.total FROM (SELECT c.id AS pid, count(*) OVER () AS total");
	else
		sb_add(&sb, "SELECT " SEARCH_COLUMNS " FROM (SELECT c.id AS pid");
	if (key & K_TEXT) {
		/* the matches are few and anywhere in the file: their filter
		 * and sort columns from cases_list, not from their rows */
		sb_add(&sb, " FROM cases c INDEXED BY cases_list WHERE c.id IN (");
		add_text_ids(&sb, key);
		sb_addc(&sb, ')');
	} else {
		sb_add(&sb, " FROM cases c WHERE 1");
	}
	add_filters(&sb, key);
	if (!(key & K_COUNT))
		sb_printf(&sb, " ORDER BY %s LIMIT :lim OFFSET :off) pg JOIN cases c ON c.id = pg.pid"
			       " LEFT JOIN mediators m ON m.id = c.mediator_id ORDER BY %s",
			  order, order);
	return sb_detach(&sb);
}

/* The text of each shape, built once: the pointer is also the key of the
 * connection's statement cache (db_prep). */
#define SHAPES 512
#define STMT_CACHED 48
static struct shape {
	unsigned key;
	char *sql;
} shapes[SHAPES];
static int nshapes;

/* The statement of a shape, reset and ready to bind; *own when the caller
 * must finalize it (a rare shape) rather than reset it. */
static sqlite3_stmt *shape_stmt(struct db *db, unsigned key, int *own)
{
	size_t i = (key * 2654435761u) % SHAPES;
	struct shape *s = NULL;
	char *sql = NULL;

	*own = 0;
	for (size_t k = 0; k < SHAPES; k++, i = (i + 1) % SHAPES) {
		if (shapes[i].sql && shapes[i].key == key) {
			s = &shapes[i];
			break;
		}
		if (!shapes[i].sql) {
			if (nshapes < STMT_CACHED) {
				shapes[i].key = key;
				shapes[i].sql = build_sql(key);
				nshapes++;
				s = &shapes[i];
			}
			break;
		}
	}
	if (s)
		return db_prep(db, s->sql);
	/* past the cached shapes: prepared for this call only */
	sqlite3_stmt *st;
	sql = build_sql(key);
	if (sqlite3_prepare_v3(db->h, sql, -1, 0, &st, NULL) != SQLITE_OK) {
		db_fail(db, "准备SQL语句");
		free(sql);
		return NULL;
	}
	free(sql);
	*own = 1;
	return st;
}

static void stmt_done(sqlite3_stmt *st, int own)
{
	if (own)
		sqlite3_finalize(st);
	else
		sqlite3_reset(st);
}

/* ---- binding ------------------------------------------------------------------------- */

/* Named parameters: a statement that lacks one simply ignores it. */
static void bind_text_named(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i > 0)
		db_bind_text(st, i, v && *v ? v : NULL);
}

static void bind_int_named(sqlite3_stmt *st, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i > 0)
		sqlite3_bind_int64(st, i, v);
}

static void bind_filter(sqlite3_stmt *st, const struct case_filter *f, const char *status_kw,
			const struct search_terms *t, const struct text_plan *p, const struct queue_bounds *b)
{
	bind_text_named(st, ":st", status_kw);
	bind_int_named(st, ":med", f->mediator_id);
	bind_int_named(st, ":only", f->only_mediator);
	bind_text_named(st, ":ch", f->channel);
	bind_text_named(st, ":from", f->from);
	bind_text_named(st, ":to", f->to);
	bind_text_named(st, ":cause", f->cause);
	bind_text_named(st, ":t", t->text);
	bind_text_named(st, ":like", t->like);
	bind_text_named(st, ":n", t->norm);
	bind_text_named(st, ":idlo", t->id_lo);
	bind_text_named(st, ":idhi", t->id_hi);
	bind_text_named(st, ":ph", t->phone);
	bind_text_named(st, ":pht", t->phone_tail);
	if (p) {
		bind_text_named(st, ":fq", p->fq);
		bind_text_named(st, ":ct", p->fq_case_t);
		bind_text_named(st, ":cn", p->fq_case_n);
		bind_text_named(st, ":ctv", p->ct);
		bind_text_named(st, ":cnv", p->cn);
		bind_text_named(st, ":rlo", p->rlo);
		bind_text_named(st, ":rhi", p->rhi);
	}
	bind_text_named(st, ":today", b->today);
	bind_text_named(st, ":soon", b->soon);
	bind_text_named(st, ":stale", b->stale);
}

static unsigned filter_key(const struct case_filter *f, const struct search_terms *t, const struct text_plan *p)
{
	unsigned key = (unsigned)f->queue << K_QUEUE_SHIFT | (unsigned)f->sort << K_SORT_SHIFT;

	if (f->status >= 0)
		key |= K_ST;
	if (f->mediator_id)
		key |= K_MED;
	if (f->only_mediator)
		key |= K_ONLY;
	if (f->channel && *f->channel)
		key |= K_CH;
	if (f->from && *f->from)
		key |= K_FROM;
	if (f->to && *f->to)
		key |= K_TO;
	if (f->cause && *f->cause)
		key |= K_CAUSE;
	if (t->text) {
		key |= K_TEXT | (unsigned)p->names << K_NAMES_SHIFT | (unsigned)p->case_t << K_CASE_T_SHIFT |
		       (unsigned)p->case_n << K_CASE_N_SHIFT;
		if (p->norm)
			key |= K_NORM;
		if (p->check_names)
			key |= K_CHECK_NAMES;
		if (p->check_t)
			key |= K_CHECK_T;
		if (p->check_n)
			key |= K_CHECK_N;
		if (p->id_range)
			key |= K_IDRANGE;
		if (p->phone)
			key |= K_PHONE;
		if (p->tail)
			key |= K_TAIL;
		if (p->tail_scan)
			key |= K_TAILSCAN;
	}
	return key;
}

/* ---- the case list ------------------------------------------------------------------- */

static void copy_col(sqlite3_stmt *st, int i, char *dst, size_t n)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	snprintf(dst, n, "%s", s ? (const char *)s : "");
}

/* "0601,0602,..." cut after the last whole code that fits. */
static void copy_causes(sqlite3_stmt *st, int i, char *dst, size_t n)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	size_t len = s ? strlen((const char *)s) : 0;

	if (len >= n) {
		len = n - 1;
		while (len > 0 && s[len] != ',')
			len--;
	}
	memcpy(dst, s ? (const char *)s : "", len);
	dst[len] = '\0';
}

static void fill_brief(sqlite3_stmt *st, struct case_brief *b)
{
	const unsigned char *name = sqlite3_column_text(st, 9);
	int napp = sqlite3_column_int(st, 11);

	memset(b, 0, sizeof *b);
	b->id = sqlite3_column_int64(st, 0);
	copy_col(st, 1, b->case_no, sizeof b->case_no);
	copy_col(st, 2, b->status_kw, sizeof b->status_kw);
	copy_col(st, 3, b->perf_kw, sizeof b->perf_kw);
	copy_col(st, 4, b->received, sizeof b->received);
	copy_col(st, 5, b->deadline, sizeof b->deadline);
	b->collective = sqlite3_column_int(st, 6);
	copy_col(st, 7, b->last_event_at, sizeof b->last_event_at);
	b->mediator = db_col_strdup(st, 8);
	if (napp > 1)
		b->applicant = xasprintf("%s等%d人", name ? (const char *)name : "", napp);
	else
		b->applicant = db_col_strdup(st, 9);
	copy_col(st, 10, b->applicant_id, sizeof b->applicant_id); /* as stored: the core masks it */
	b->respondent = db_col_strdup(st, 12);
	copy_causes(st, 13, b->causes, sizeof b->causes);
	b->due_soon = sqlite3_column_int(st, 14);
	b->overdue = sqlite3_column_int(st, 15);
	b->stalled = sqlite3_column_int(st, 16);
	b->followup = sqlite3_column_int(st, 17);
}

void db_case_list_free(struct case_list *l)
{
	if (!l)
		return;
	for (int i = 0; i < l->n; i++) {
		free(l->v[i].applicant);
		free(l->v[i].respondent);
		free(l->v[i].mediator);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int db_case_search(struct db *db, const struct db_search_in *in, struct case_list *out)
{
	const struct case_filter *f = in->f;
	const struct search_terms *terms = in->terms;
	struct text_plan plan;
	sqlite3_stmt *st;
	unsigned key;
	int rc, limit, offset, own_tx = 0, own;

	memset(out, 0, sizeof *out);
	if (f->status >= ST_COUNT) {
		tj_error("无效的案件状态：%d", f->status);
		return -1;
	}
	if ((unsigned)f->queue >= Q_COUNT) {
		tj_error("无效的队列：%d", (int)f->queue);
		return -1;
	}
	if ((unsigned)f->sort >= TJ_ARRAY_LEN(orders)) {
		tj_error("无效的排序方式：%d", (int)f->sort);
		return -1;
	}
	limit = f->limit > 0 ? f->limit : 50;
	offset = f->offset > 0 ? f->offset : 0;
	memset(&plan, 0, sizeof plan);
	if (terms->text)
		plan_text(in->case_no_sample, terms, &plan);
	key = filter_key(f, terms, &plan);
	/* the count and the page from one snapshot */
	if (sqlite3_get_autocommit(db->h))
		own_tx = sqlite3_exec(db->h, "BEGIN DEFERRED", NULL, NULL, NULL) == SQLITE_OK;

	/* A search text's matches are counted by the page statement itself
	 * (one pass over them, not two); the count statement only when the
	 * page is past the end.  Without a text, counting the kept counts or
	 * an index first spares reading a page that is not there. */
	if (!terms->text || offset > 0) {
		st = shape_stmt(db, key | K_COUNT, &own);
		if (!st)
			goto fail;
		bind_filter(st, f, in->status_kw, terms, &plan, in->b);
		if (sqlite3_step(st) != SQLITE_ROW) {
			db_fail(db, "统计案件");
			stmt_done(st, own);
			goto fail;
		}
		out->total = sqlite3_column_int64(st, 0);
		stmt_done(st, own);
		if (offset >= out->total)
			goto done;
	}

	st = shape_stmt(db, key, &own);
	if (!st)
		goto fail;
	bind_filter(st, f, in->status_kw, terms, &plan, in->b);
	bind_int_named(st, ":lim", limit);
	bind_int_named(st, ":off", offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : (limit < 64 ? limit : 64);
			out->v = xrealloc(out->v, (size_t)out->cap * sizeof *out->v);
		}
		fill_brief(st, &out->v[out->n++]);
		if (terms->text)
			out->total = sqlite3_column_int64(st, 18);
	}
	if (rc != SQLITE_DONE) {
		db_fail(db, "查询案件");
		stmt_done(st, own);
		goto fail;
	}
	stmt_done(st, own);
done:
	if (own_tx)
		sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
	plan_free(&plan);
	return 0;

fail:
	if (own_tx)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	plan_free(&plan);
	db_case_list_free(out);
	return -1;
}

int db_read_begin(struct db *db)
{
	/* deferred: the snapshot starts with the first read, and it works on
	 * a read-only connection too */
	if (sqlite3_exec(db->h, "BEGIN DEFERRED", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, "开始读取");
	return 0;
}

void db_read_end(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
}

/* ---- employers by a part of the name (the intake's F4) ------------------------------------ */

/* The same indexes as the names of a case search: the trigram index for
 * three characters or more (the row read only when LIKE must decide),
 * search_grams for two, a scan for one; and a whole credit code.  The
 * matches are taken in index order up to the limit and only those are
 * sorted by name: "上海" matches nearly every employer, and sorting them
 * all for each key typed would be slow at a million cases. */
#define EMP_COLS "id, coalesce(uscc, ''), name, legal_rep, address, phone, district, industry, legal_rep_title"
#define EMP_SQL(ids)                                                                                     \
	"SELECT " EMP_COLS " FROM employers WHERE id IN (SELECT id FROM (" ids " LIMIT ?4)"              \
	" UNION SELECT id FROM employers WHERE uscc = ?3) ORDER BY name, id"
static const char *const emp_sql[] = {
	[HOW_SCAN] = EMP_SQL("SELECT id FROM employers WHERE name LIKE ?1 ESCAPE '\\'"),
	[HOW_GRAM] = EMP_SQL("SELECT id FROM search_grams WHERE gram = lower(?1) AND kind = 1"),
	[HOW_FTS] = EMP_SQL("SELECT rowid AS id FROM employers_fts WHERE employers_fts MATCH ?1"),
};
static const char emp_sql_checked[] =
	EMP_SQL("SELECT employers_fts.rowid AS id FROM employers_fts JOIN employers x ON x.id = employers_fts.rowid"
		" WHERE employers_fts MATCH ?1 AND x.name LIKE ?2 ESCAPE '\\'");

void db_employer_matches_free(struct employer_matches *m)
{
	for (int i = 0; i < m->n; i++)
		db_employer_full_free(&m->v[i]);
	free(m->v);
	memset(m, 0, sizeof *m);
}

int db_employer_search(struct db *db, const struct search_terms *t, const char *uscc, int limit,
		       struct employer_matches *out)
{
	size_t n = t->text ? utf8_chars(t->text) : 0;
	enum how how = n >= 3 ? HOW_FTS : n == 2 ? HOW_GRAM : HOW_SCAN;
	char *fq = how == HOW_FTS ? fts_phrase(t->text) : NULL;
	int checked = how == HOW_FTS && has_cased(t->text, 0);
	sqlite3_stmt *st = db_prep(db, checked ? emp_sql_checked : emp_sql[how]);
	int rc;

	memset(out, 0, sizeof *out);
	if (!st) {
		free(fq);
		return -1;
	}
	db_bind_text(st, 1, how == HOW_FTS ? fq : how == HOW_GRAM ? t->text : t->like);
	if (checked)
		db_bind_text(st, 2, t->like);
	if (uscc && *uscc)
		db_bind_text(st, 3, uscc);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_int(st, 4, limit + 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == limit) {
			out->more = 1;
			continue;
		}
		out->v = xgrow(out->v, out->n, &out->cap, sizeof *out->v);
		struct employer_full *e = &out->v[out->n++];
		e->id = sqlite3_column_int64(st, 0);
		e->uscc = db_col_strdup(st, 1);
		e->name = db_col_strdup(st, 2);
		e->legal_rep = db_col_strdup(st, 3);
		e->address = db_col_strdup(st, 4);
		e->phone = db_col_strdup(st, 5);
		e->district = db_col_strdup(st, 6);
		e->industry = db_col_strdup(st, 7);
		e->legal_rep_title = db_col_strdup(st, 8);
	}
	free(fq);
	if (rc != SQLITE_DONE) {
		db_fail(db, "查找用人单位");
		sqlite3_reset(st);
		db_employer_matches_free(out);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

/* ---- the counts of the work desk ------------------------------------------------------ */

/* One scalar subquery per queue, each on its own index; the statuses and
 * the follow-ups from the kept counts.  [0] every case, [1] one
 * mediator's. */
#define KEPT(cond, med) "(SELECT coalesce(sum(n), 0) FROM search_counts WHERE 1" cond med ")"
#define COUNTED(cond, med) "(SELECT count(*) FROM cases c WHERE " cond med ")"
#define COUNTS_SQL(kmed, cmed)                                                                           \
	"SELECT " KEPT("", kmed) ", " KEPT(" AND status = 'registered'", kmed) ", "                      \
	KEPT(" AND status = 'confirmed'", kmed) ", " KEPT(" AND status = 'accepted'", kmed) ", "          \
	COUNTED(Q_DUE, cmed) ", " COUNTED(Q_OVER, cmed) ", " COUNTED(Q_STALE, cmed) ", "                  \
	"(SELECT count(*) FROM search_followups WHERE due <= :today" kmed "), "                           \
	COUNTED(Q_UNSERVED_SQL, cmed)
static const char *const counts_sql[2] = {
	COUNTS_SQL("", ""),
	COUNTS_SQL(" AND mediator_id = :med", " AND c.mediator_id = :med"),
};

int db_queue_counts(struct db *db, const struct queue_bounds *b, int64_t mediator_id, int64_t counts[Q_COUNT])
{
	sqlite3_stmt *st = db_prep(db, counts_sql[mediator_id != 0]);

	memset(counts, 0, Q_COUNT * sizeof counts[0]);
	if (!st)
		return -1;
	bind_int_named(st, ":med", mediator_id);
	bind_text_named(st, ":today", b->today);
	bind_text_named(st, ":soon", b->soon);
	bind_text_named(st, ":stale", b->stale);
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_fail(db, "统计队列");
		sqlite3_reset(st);
		return -1;
	}
	for (int q = 0; q < Q_COUNT; q++)
		counts[q] = sqlite3_column_int64(st, q);
	sqlite3_reset(st);
	return 0;
}

/* ---- loading in bulk ---------------------------------------------------------------------- */

/* The triggers of data/002_search.sql that feed the full-text indexes and
 * search_grams. */
#define BULK_TRIGGERS                                                                                   \
	"type = 'trigger' AND (name GLOB '*_search_insert' OR name GLOB '*_search_update'"             \
	" OR name GLOB '*_search_delete')"

/* Column 0 of every row of sql, malloc'd, NULL-terminated; NULL on error. */
static char **column_strings(struct db *db, const char *sql)
{
	sqlite3_stmt *st = db_prep(db, sql);
	char **v = NULL;
	int n = 0, cap = 0, rc;

	if (!st)
		return NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xgrow(v, n + 2, &cap, sizeof *v);
		v[n++] = db_col_strdup(st, 0);
		v[n] = NULL;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, "读取数据库结构");
		for (int i = 0; i < n; i++)
			free(v[i]);
		free(v);
		return NULL;
	}
	if (!v)
		v = xcalloc(1, sizeof *v);
	return v;
}

/* Run each string of v (DDL), then free v; -1 at the first failure. */
static int exec_all(struct db *db, char **v)
{
	int rc = 0;

	for (int i = 0; v[i]; i++) {
		if (rc == 0 && db_exec(db, v[i]) < 0)
			rc = -1;
		free(v[i]);
	}
	free(v);
	return rc;
}

int search_bulk_begin(struct db *db)
{
	char **drops;

	if (db_exec(db, "SAVEPOINT search_bulk") < 0)
		return -1;
	/* the definitions are kept in this connection until search_bulk_end */
	if (db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS search_bulk(sql TEXT NOT NULL)") < 0 ||
	    db_exec(db, "INSERT INTO temp.search_bulk(sql) SELECT sql FROM main.sqlite_schema WHERE " BULK_TRIGGERS) < 0 ||
	    !(drops = column_strings(db, "SELECT 'DROP TRIGGER main.\"' || replace(name, '\"', '\"\"') || '\"'"
					 " FROM main.sqlite_schema WHERE " BULK_TRIGGERS)) ||
	    exec_all(db, drops) < 0) {
		db_exec(db, "ROLLBACK TO search_bulk");
		db_exec(db, "RELEASE search_bulk");
		return -1;
	}
	return db_exec(db, "RELEASE search_bulk");
}

int search_bulk_end(struct db *db)
{
	/* every index in the order of its rows (FTS5 flushes its pending terms
	 * whenever a row id is not above the last), each from the smallest
	 * index that has the column, not from the tables */
	static const char rebuild[] =
		"INSERT INTO persons_fts(persons_fts) VALUES ('delete-all');"
		"WITH x AS MATERIALIZED (SELECT id, name FROM persons ORDER BY name)"
		" INSERT INTO persons_fts(rowid, name) SELECT id, name FROM x ORDER BY id;"
		"INSERT INTO employers_fts(employers_fts) VALUES ('delete-all');"
		"WITH x AS MATERIALIZED (SELECT id, name FROM employers ORDER BY name)"
		" INSERT INTO employers_fts(rowid, name) SELECT id, name FROM x ORDER BY id;"
		"INSERT INTO cases_fts(cases_fts) VALUES ('delete-all');"
		"WITH x AS MATERIALIZED (SELECT id, case_no FROM cases ORDER BY case_no)"
		" INSERT INTO cases_fts(rowid, case_no) SELECT id, case_no FROM x ORDER BY id;"
		/* one segment each, as 002_search.sql leaves them */
		"INSERT INTO persons_fts(persons_fts) VALUES ('optimize');"
		"INSERT INTO employers_fts(employers_fts) VALUES ('optimize');"
		"INSERT INTO cases_fts(cases_fts) VALUES ('optimize');"
		"DELETE FROM search_grams;"
		"WITH x AS MATERIALIZED (SELECT id, name FROM persons ORDER BY name)"
		" INSERT OR IGNORE INTO search_grams(gram, kind, id)"
		" SELECT lower(substr(x.name, s.k, 2)), 0, x.id FROM x JOIN search_k s ON s.k < length(x.name)"
		" ORDER BY 1, 2, 3;"
		"INSERT OR IGNORE INTO search_grams(gram, kind, id)"
		" SELECT lower(substr(e.name, s.k, 2)), 1, e.id FROM employers e JOIN search_k s ON s.k < length(e.name)"
		" ORDER BY 1, 2, 3;";
	char **creates;

	if (db_exec(db, "SAVEPOINT search_bulk") < 0)
		return -1;
	if (!(creates = column_strings(db, "SELECT sql FROM temp.search_bulk")) || exec_all(db, creates) < 0 ||
	    db_exec(db, "DROP TABLE temp.search_bulk") < 0 || db_exec(db, rebuild) < 0) {
		db_exec(db, "ROLLBACK TO search_bulk");
		db_exec(db, "RELEASE search_bulk");
		return -1;
	}
	return db_exec(db, "RELEASE search_bulk");
}
