/*
 * search.c - the SQL of finding cases: the case list (search text, filters,
 * sorting, paging) and the queue counts of the work desk.
 *
 * The queue definitions are written once, as the SQL fragments Q_* below,
 * and used three ways: as the queue filter of the list, as the highlight
 * flags of each row, and in the counts - so a case highlighted "overdue" is
 * always one the overdue queue lists and counts.  Their dates come from
 * queue_bounds() (src/core/search.c).
 *
 * A search is two statements with the same WHERE, run in one read
 * transaction: one counts the matches (a window count(*) OVER () was
 * several times slower than this second pass), one per sort order keeps
 * one page; only the rows of that page get their parties, mediator and
 * causes, by correlated subqueries over the primary keys of case_parties
 * and claims - no query per row.  Optional filters are bound as NULL (or 0)
 * when unused, so the statements stay fixed and cached.
 *
 * With a search text the statements start from the ids it matches (so
 * there is a second set of them): case numbers by a scan of the case_no
 * index; names by LIKE over the name indexes (a scan, but of a narrow
 * index); identity numbers, credit codes and whole phone numbers by index
 * look-up; phone endings by a scan of the phone indexes, only when the
 * text is digits; then case_parties' person and employer indexes give the
 * cases.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/search.h"
#include "tiaojie/validate.h"

_Static_assert(Q_AWAIT_CONFIRM == 1 && Q_AWAIT_ACCEPT == 2 && Q_AWAIT_ASSIGN == 3 && Q_DUE_SOON == 4 &&
		       Q_OVERDUE == 5 && Q_STALLED == 6 && Q_FOLLOWUP == 7,
	       "the queue numbers are written into the SQL below");

#define Q_OPEN "c.status IN ('registered','confirmed','accepted','assigned','mediating')"
#define Q_DUE "(" Q_OPEN " AND c.deadline >= :today AND c.deadline <= :soon)"
#define Q_OVER "(" Q_OPEN " AND c.deadline < :today)"
#define Q_STALE "(" Q_OPEN " AND c.last_event_at < :stale)"
#define Q_FOLLOW                                                                                  \
	"(c.status = 'agreed' AND c.performance = 'pending' AND EXISTS (SELECT 1 FROM claims k " \
	"WHERE k.case_id = c.id AND k.pay_date <= :today))"

/* The filters; the search text's clause comes first so that, when there
 * is one, the matching ids drive the query (rowid look-ups) instead of a
 * scan of every case probing them. */
#define SEARCH_FROM_WHERE(text)                                                                            \
	" FROM cases c WHERE " text "(:st IS NULL OR c.status = :st)"                                      \
	" AND (:med = 0 OR c.mediator_id = :med)"                                                          \
	" AND (:only = 0 OR c.mediator_id = :only)"                                                        \
	" AND (:ch IS NULL OR c.channel = :ch)"                                                            \
	" AND (:from IS NULL OR c.received >= :from)"                                                      \
	" AND (:to IS NULL OR c.received <= :to)"                                                          \
	" AND (:cause IS NULL OR EXISTS (SELECT 1 FROM claims k WHERE k.case_id = c.id"                    \
	"  AND substr(k.cause, 1, length(:cause)) = :cause))"                                              \
	" AND (:q = 0 OR (:q = 1 AND c.status = 'registered') OR (:q = 2 AND c.status = 'confirmed')"     \
	"  OR (:q = 3 AND c.status = 'accepted') OR (:q = 4 AND " Q_DUE ") OR (:q = 5 AND " Q_OVER ")"     \
	"  OR (:q = 6 AND " Q_STALE ") OR (:q = 7 AND " Q_FOLLOW "))"

/* Cases whose number contains the text, or with a party the text names. */
#define TEXT_MATCH                                                                                         \
	"c.id IN (SELECT id FROM cases WHERE instr(case_no, :t) > 0 OR instr(case_no, :n) > 0"             \
	" UNION ALL SELECT p.case_id FROM case_parties p WHERE p.person_id IN ("                           \
	"  SELECT id FROM persons WHERE name LIKE :like ESCAPE '\\'"                                        \
	"  UNION ALL SELECT id FROM persons WHERE id_no = :n"                                              \
	"  UNION ALL SELECT id FROM persons WHERE id_no >= :idlo AND id_no < :idhi"                        \
	"  UNION ALL SELECT id FROM persons WHERE phone = :ph"                                             \
	"  UNION ALL SELECT id FROM persons WHERE :pht IS NOT NULL AND phone LIKE :pht)"                   \
	" UNION ALL SELECT p.case_id FROM case_parties p WHERE p.employer_id IN ("                         \
	"  SELECT id FROM employers WHERE name LIKE :like ESCAPE '\\'"                                      \
	"  UNION ALL SELECT id FROM employers WHERE uscc = :n"                                             \
	"  UNION ALL SELECT id FROM employers WHERE phone = :ph"                                           \
	"  UNION ALL SELECT id FROM employers WHERE :pht IS NOT NULL AND phone LIKE :pht)) AND "

/* The columns of a page row; c is the case, m its mediator. */
#define SEARCH_COLUMNS                                                                                      \
	"c.id, c.case_no, c.status, coalesce(c.performance, ''), c.received, coalesce(c.deadline, ''),"     \
	" c.collective, c.last_event_at, coalesce(m.name, ''),"                                             \
	" (SELECT s.name FROM case_parties p JOIN persons s ON s.id = p.person_id"                          \
	"  WHERE p.case_id = c.id AND p.role = 'applicant' ORDER BY p.ord LIMIT 1),"                        \
	" (SELECT s.id_no FROM case_parties p JOIN persons s ON s.id = p.person_id"                         \
	"  WHERE p.case_id = c.id AND p.role = 'applicant' ORDER BY p.ord LIMIT 1),"                        \
	" (SELECT count(*) FROM case_parties p WHERE p.case_id = c.id AND p.role = 'applicant'),"           \
	" (SELECT e.name FROM case_parties p JOIN employers e ON e.id = p.employer_id"                      \
	"  WHERE p.case_id = c.id AND p.role = 'respondent' ORDER BY p.ord LIMIT 1),"                       \
	" (SELECT group_concat(cause, ',') FROM (SELECT DISTINCT k.cause FROM claims k"                     \
	"  WHERE k.case_id = c.id ORDER BY k.cause)),"                                                      \
	" coalesce(" Q_DUE ", 0), coalesce(" Q_OVER ", 0), coalesce(" Q_STALE ", 0), coalesce(" Q_FOLLOW ", 0)"

#define SEARCH_SQL(text, order)                                                               \
	"SELECT " SEARCH_COLUMNS " FROM (SELECT c.id AS pid"                                   \
	SEARCH_FROM_WHERE(text) " ORDER BY " order " LIMIT :lim OFFSET :off) pg"              \
	" JOIN cases c ON c.id = pg.pid LEFT JOIN mediators m ON m.id = c.mediator_id"        \
	" ORDER BY " order

#define ORDER_RECEIVED_DESC "c.received DESC, c.year DESC, c.seq DESC, c.id DESC"
#define ORDER_DEADLINE "c.deadline IS NULL, c.deadline, c.received, c.year, c.seq, c.id"
#define ORDER_CASE_NO "c.year, c.seq, c.id"
#define ORDER_LAST_EVENT "c.last_event_at, c.year, c.seq, c.id"
#define ORDER_RECEIVED "c.received, c.year, c.seq, c.id"

#define SEARCH_SQL_ALL(text)                                                  \
	{                                                                     \
		[SORT_RECEIVED_DESC] = SEARCH_SQL(text, ORDER_RECEIVED_DESC), \
		[SORT_DEADLINE] = SEARCH_SQL(text, ORDER_DEADLINE),           \
		[SORT_CASE_NO] = SEARCH_SQL(text, ORDER_CASE_NO),             \
		[SORT_LAST_EVENT] = SEARCH_SQL(text, ORDER_LAST_EVENT),       \
		[SORT_RECEIVED] = SEARCH_SQL(text, ORDER_RECEIVED),           \
	}

/* [0] without a search text, [1] with one. */
static const char *const search_sql[2][SORT_RECEIVED + 1] = {SEARCH_SQL_ALL(""), SEARCH_SQL_ALL(TEXT_MATCH)};
static const char *const count_sql[2] = {
	"SELECT count(*)" SEARCH_FROM_WHERE(""),
	"SELECT count(*)" SEARCH_FROM_WHERE(TEXT_MATCH),
};

/* One scalar subquery per queue, so each can use the (status, deadline) and
 * (status, last_event_at) indexes instead of reading every case. */
#define Q_MED "(:med = 0 OR c.mediator_id = :med)"
#define Q_COUNT_OF(cond) "(SELECT count(*) FROM cases c WHERE " cond " AND " Q_MED ")"
static const char counts_sql[] =
	"SELECT " Q_COUNT_OF("1") ", " Q_COUNT_OF("c.status = 'registered'") ", "
	Q_COUNT_OF("c.status = 'confirmed'") ", " Q_COUNT_OF("c.status = 'accepted'") ", "
	Q_COUNT_OF(Q_DUE) ", " Q_COUNT_OF(Q_OVER) ", " Q_COUNT_OF(Q_STALE) ", " Q_COUNT_OF(Q_FOLLOW);

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

static void bind_filter(sqlite3_stmt *st, const struct case_filter *f, const struct search_terms *t,
			const struct queue_bounds *b)
{
	bind_text_named(st, ":st", f->status >= 0 ? status_keyword((enum case_status)f->status) : NULL);
	bind_int_named(st, ":med", f->mediator_id);
	bind_int_named(st, ":only", f->only_mediator);
	bind_text_named(st, ":ch", f->channel);
	bind_text_named(st, ":from", f->from);
	bind_text_named(st, ":to", f->to);
	bind_text_named(st, ":cause", f->cause);
	bind_int_named(st, ":q", f->queue);
	bind_text_named(st, ":t", t->text);
	bind_text_named(st, ":like", t->like);
	bind_text_named(st, ":n", t->norm);
	bind_text_named(st, ":idlo", t->id_lo);
	bind_text_named(st, ":idhi", t->id_hi);
	bind_text_named(st, ":ph", t->phone);
	bind_text_named(st, ":pht", t->phone_tail);
	bind_text_named(st, ":today", b->today);
	bind_text_named(st, ":soon", b->soon);
	bind_text_named(st, ":stale", b->stale);
}

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

static void fill_brief(sqlite3_stmt *st, tj_day today, struct case_brief *b)
{
	const unsigned char *name = sqlite3_column_text(st, 9);
	int napp = sqlite3_column_int(st, 11);
	int s;

	memset(b, 0, sizeof *b);
	b->id = sqlite3_column_int64(st, 0);
	copy_col(st, 1, b->case_no, sizeof b->case_no);
	s = status_from_keyword((const char *)sqlite3_column_text(st, 2));
	b->status = s < 0 ? ST_REGISTERED : (enum case_status)s;
	s = perf_from_keyword((const char *)sqlite3_column_text(st, 3));
	b->perf = s < 0 ? PERF_NONE : (enum performance)s;
	copy_col(st, 4, b->received, sizeof b->received);
	copy_col(st, 5, b->deadline, sizeof b->deadline);
	if (b->deadline[0]) {
		int y, mo, d;
		if (sscanf(b->deadline, "%4d-%2d-%2d", &y, &mo, &d) == 3 && date_valid(y, mo, d))
			b->days_left = deadline_days_left(date_from_ymd(y, mo, d), today);
	}
	b->collective = sqlite3_column_int(st, 6);
	copy_col(st, 7, b->last_event_at, sizeof b->last_event_at);
	b->mediator = db_col_strdup(st, 8);
	if (napp > 1)
		b->applicant = xasprintf("%s等%d人", name ? (const char *)name : "", napp);
	else
		b->applicant = db_col_strdup(st, 9);
	val_mask((const char *)sqlite3_column_text(st, 10), b->applicant_id, sizeof b->applicant_id);
	b->respondent = db_col_strdup(st, 12);
	copy_causes(st, 13, b->causes, sizeof b->causes);
	b->due_soon = sqlite3_column_int(st, 14);
	b->overdue = sqlite3_column_int(st, 15);
	b->stalled = sqlite3_column_int(st, 16);
	b->followup = sqlite3_column_int(st, 17);
}

void case_list_free(struct case_list *l)
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

int case_search(struct db *db, const struct config *cfg, tj_day today, const struct case_filter *f,
		struct case_list *out)
{
	struct search_terms terms;
	struct queue_bounds b;
	sqlite3_stmt *st;
	int rc, limit, offset, own_tx = 0;

	memset(out, 0, sizeof *out);
	if (f->status >= ST_COUNT) {
		tj_error("无效的案件状态：%d", f->status);
		return -1;
	}
	if ((unsigned)f->queue >= Q_COUNT) {
		tj_error("无效的队列：%d", (int)f->queue);
		return -1;
	}
	if ((unsigned)f->sort >= TJ_ARRAY_LEN(search_sql[0])) {
		tj_error("无效的排序方式：%d", (int)f->sort);
		return -1;
	}
	limit = f->limit > 0 ? f->limit : 50;
	offset = f->offset > 0 ? f->offset : 0;
	queue_bounds(cfg, today, &b);
	search_terms_make(f->text, &terms);
	/* the count and the page from one snapshot */
	if (sqlite3_get_autocommit(db->h))
		own_tx = sqlite3_exec(db->h, "BEGIN DEFERRED", NULL, NULL, NULL) == SQLITE_OK;

	st = db_prep(db, count_sql[terms.text != NULL]);
	if (!st)
		goto fail;
	bind_filter(st, f, &terms, &b);
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_fail(db, "统计案件");
		sqlite3_reset(st);
		goto fail;
	}
	out->total = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (offset >= out->total)
		goto done;

	st = db_prep(db, search_sql[terms.text != NULL][f->sort]);
	if (!st)
		goto fail;
	bind_filter(st, f, &terms, &b);
	bind_int_named(st, ":lim", limit);
	bind_int_named(st, ":off", offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : (limit < 64 ? limit : 64);
			out->v = xrealloc(out->v, (size_t)out->cap * sizeof *out->v);
		}
		fill_brief(st, today, &out->v[out->n++]);
	}
	if (rc != SQLITE_DONE) {
		db_fail(db, "查询案件");
		sqlite3_reset(st);
		goto fail;
	}
	sqlite3_reset(st);
done:
	if (own_tx)
		sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
	search_terms_free(&terms);
	return 0;

fail:
	if (own_tx)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	search_terms_free(&terms);
	case_list_free(out);
	return -1;
}

int case_search_begin(struct db *db)
{
	/* deferred: the snapshot starts with the first read, and it works on
	 * a read-only connection too */
	if (sqlite3_exec(db->h, "BEGIN DEFERRED", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, "开始读取");
	return 0;
}

void case_search_end(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
}

int queue_counts(struct db *db, const struct config *cfg, tj_day today, int64_t mediator_id,
		 int64_t counts[Q_COUNT])
{
	struct queue_bounds b;
	sqlite3_stmt *st = db_prep(db, counts_sql);

	memset(counts, 0, Q_COUNT * sizeof counts[0]);
	if (!st)
		return -1;
	queue_bounds(cfg, today, &b);
	bind_int_named(st, ":med", mediator_id);
	bind_text_named(st, ":today", b.today);
	bind_text_named(st, ":soon", b.soon);
	bind_text_named(st, ":stale", b.stale);
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
