/*
 * report.h - the statistics of a period and the monthly Excel workbook
 * (SPEC section 6).
 *
 * Three layers, as everywhere: src/db/report.c holds the SQL (declared at
 * the end of this header, so db.h stays the roster of the other tables);
 * src/report/stats.c owns the periods and the definitions of every figure
 * (the block comment at its top is the reference, repeated in tiaojie(1))
 * and assembles them; src/report/xlsx*.c write the workbook with
 * libxlsxwriter (xlsx.c the export, its parts in xlsx_internal.h).  The
 * command `tiaojie export` and the statistics screen call the same
 * report_stats_load() and report_export().
 *
 * Errors: -1 with a Chinese message in the error sink (library errors with
 * their own text: SQLite's, lxw_strerror, strerror).
 */
#ifndef TIAOJIE_REPORT_H
#define TIAOJIE_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "tiaojie/calendar.h"
#include "tiaojie/config.h"
#include "tiaojie/db.h"
#include "tiaojie/lifecycle.h"

/* ---- periods ----------------------------------------------------------------- */

enum report_period_kind {
	RP_MONTH = 0,
	RP_QUARTER,
	RP_YEAR,
	RP_RANGE,
};

struct report_period {
	enum report_period_kind kind;
	int year;        /* of the month, quarter or year (of `from` for a range) */
	int num;         /* month 1..12 or quarter 1..4; 0 for a year or range */
	tj_day from, to; /* first and last day, both included */
};

/* "YYYY-MM", "YYYY-Qn" (also "YYYYQn", q in lower case), "YYYY", and two
 * "YYYY-MM-DD" dates (to not before from, at most 10 years).  0, or -1
 * with the reason in the error sink ("月份 2026-13 无效，应为 YYYY-MM，如
 * 2026-10"). */
int report_period_month(const char *s, struct report_period *out);
int report_period_quarter(const char *s, struct report_period *out);
int report_period_year(const char *s, struct report_period *out);
int report_period_range(const char *from, const char *to, struct report_period *out);
/* Parse by kind: a is the month/quarter/year text or the first date, b the
 * last date of a range (ignored otherwise). */
int report_period_parse(enum report_period_kind kind, const char *a, const char *b, struct report_period *out);
/* The month before the one of today: the report a court makes in the
 * first days of a month. */
void report_period_last_month(tj_day today, struct report_period *out);
/* 环比: the month, quarter or year before; for a range, the range of the
 * same number of days just before it. */
void report_period_prev(const struct report_period *p, struct report_period *out);
/* 同比: the same period one year earlier (a range: both ends one year
 * back, 29 February becoming the 28th). */
void report_period_last_year(const struct report_period *p, struct report_period *out);
/* A period that has not begun (its first day after today) has no figures:
 * -1 with "统计期间……尚未开始" in the error sink.  A period that contains
 * today is fine: its figures are those up to today. */
int report_period_check(const struct report_period *p, tj_day today);
/* "2026年10月", "2026年第4季度", "2026年", "2026-10-05至2026-11-04"
 * (malloc'd). */
char *report_period_label(const struct report_period *p);
/* The text that gives the period back: "2026-10", "2026-Q4", "2026",
 * "2026-10-05_2026-11-04" (malloc'd); for file names. */
char *report_period_tag(const struct report_period *p);
/* "调解统计-2026-10.xlsx" (malloc'd). */
char *report_default_filename(const struct report_period *p);
/* The last day the figures can see: the period's end, or today when the
 * period is still running. */
tj_day report_period_end_seen(const struct report_period *p, tj_day today);
/* 1 when today is a day of p before its last. */
int report_period_running(const struct report_period *p, tj_day today);
/* The label, with "（截至4日）" (a month) or "（截至12月4日）" when the
 * period is running (malloc'd). */
char *report_period_label_seen(const struct report_period *p, tj_day today);

/* ---- the figures ------------------------------------------------------------- */

/* The channels of vocab.h (VOCAB_CHANNEL), in its order; test_vocab
 * checks the number. */
#define REPORT_CHANNELS 5
const char *report_channel_keyword(int i);
const char *report_channel_name(int i);

/* The headline indicators of one period (definitions: src/report/stats.c). */
struct report_headline {
	int64_t received;                  /* cases received in the period */
	int64_t channel[REPORT_CHANNELS];  /* of which by channel */
	int64_t collective;                /* of which collective disputes */
	int64_t workers;                   /* applicants of the cases received */
	int64_t consultations;             /* consultations recorded */
	int64_t closed;                    /* cases closed in the period: the four below */
	int64_t agreed;                    /* 调解成功 */
	int64_t failed;                    /* 调解不成: failed and referred */
	int64_t referred;                  /* of which referred to arbitration */
	int64_t withdrawn;                 /* 撤回 */
	int64_t rejected;                  /* 不予受理 */
	int64_t claimed_fen;               /* amounts claimed by the cases received */
	int64_t agreed_fen;                /* amounts agreed by the cases agreed */
	int64_t days_sum, days_n;          /* acceptance to closing, closed cases accepted */
	int64_t overdue_open;              /* open at the period's end, deadline passed */
	int64_t overdue_closed;            /* closed in the period after their deadline */
};
/* agreed / (agreed + failed) as a fraction; -1 when there is none. */
double report_success_rate(int64_t agreed, int64_t failed);
/* days_sum / days_n; -1 when there is none. */
double report_avg_days(int64_t days_sum, int64_t days_n);

/* One row of the cause table: a first-level (level 1) or second-level
 * (level 2) cause, or a national statistical group (level 0). */
struct report_cause {
	char code[8];         /* "" for a group */
	char *name;
	char *group;          /* the cause's stat_group (the group's name for a group) */
	int level;
	int64_t cases;        /* cases received with a claim of this cause */
	int64_t claims;       /* their claims of this cause */
	int64_t claimed_fen;  /* and the amounts of those claims */
	int64_t closed;       /* cases closed with a claim of this cause */
	int64_t agreed;       /* of which agreed */
	int64_t agreed_fen;   /* agreed amounts of those claims of the agreed cases */
};

struct report_mediator {
	int64_t id;           /* 0: the cases without a mediator */
	char *name;
	char *side;           /* 工会, 企业代表组织, 人社部门, 专家（高校教师）... */
	char *side_key;       /* as stored: union, employer, hrss, expert (NULL for 0) */
	char *expert_kind;    /* as stored: teacher, ... (NULL when none) */
	int active;
	int capacity;
	int64_t received;     /* cases received in the period now with this mediator */
	int64_t closed, agreed, failed, withdrawn, rejected;
	int64_t agreed_fen;
	int64_t days_sum, days_n;
	int64_t open;         /* assigned + mediating now */
};

struct report_employer {
	int64_t id;
	char *name, *uscc, *district, *industry;
	int64_t cases, collective, workers, claimed_fen, open;
};

struct report_month {
	int year, month;
	int64_t received, closed, agreed;
};

#define REPORT_TOP_EMPLOYERS 100 /* rows of 高发单位 at most */
#define REPORT_MIN_EMPLOYER_CASES 2

struct report_stats {
	/* prev and last_year: for a running period only as many days from
	 * their start as it has seen (a range then) - like with like */
	struct report_period period, prev, last_year;
	tj_day today;
	struct report_headline cur, prev_h, last_year_h;
	/* the 17 + 65 causes in their order (each first-level cause followed
	 * by its second-level ones), then the groups */
	struct report_cause *causes;
	int ncauses;
	int ngroups;              /* the last ngroups rows of causes[] are the groups */
	struct report_cause cause_total; /* distinct cases with claims, and totals */
	struct report_mediator *mediators;
	int nmediators;
	struct report_employer *employers; /* filled by the export (report_emp_acc_top) */
	int nemployers;
	short *cause_row;         /* 10000 entries: 1 + row of a four-digit code, 0 none */
	struct report_cause_acc *acc; /* the cause table being counted (report_stats_add_case) */
	struct report_month trend[12]; /* the 12 months ending with the period's last month */
};

/* The name of a cause code from the loaded table ("" when unknown). */
const char *report_cause_name(const struct report_stats *s, const char *code);

struct report_case_row;

/* 高发单位 are counted as the detail rows stream by (so the export reads
 * the year's cases once): add each case's respondents, then take the top.
 * The order is that of the SQL "ORDER BY cases DESC, name, id". */
struct report_emp_acc {
	struct report_emp_slot {
		int64_t id;      /* 0: empty slot */
		int64_t cases, collective, workers, claimed_fen, open;
	} *slots;
	size_t cap, n;
};
void report_emp_acc_case(struct report_emp_acc *a, const struct report_case_row *r);
/* The employers with at least min_cases cases, at most limit of them,
 * with their particulars read from db: into s->employers. */
int report_emp_acc_top(struct report_emp_acc *a, struct db *db, int min_cases, int limit, struct report_stats *s);
void report_emp_acc_free(struct report_emp_acc *a);

/* Every figure of the period, its previous period and the same period last
 * year, in one read snapshot (unless the caller holds a transaction).
 * today: the day the figures are seen from (for a running period and the
 * overdue count).  0, or -1 with the error set and *out empty. */
int report_stats_load(struct db *db, const struct report_period *p, tj_day today, struct report_stats *out);
/* The same in parts, for the export.  The cause table's received figures
 * (cases, claims and amounts by cause) are left at zero for the caller to
 * count with report_stats_add_case as it reads every case received in the
 * period anyway (the detail sheet), so the claims are read once, not
 * twice; and the headlines of the previous period and of last year
 * (prev_h, last_year_h) wait for report_stats_load_earlier, which the
 * export runs on its reading thread while the detail is being written.
 * Both parts must run in the same read transaction. */
int report_stats_load_streaming(struct db *db, const struct report_period *p, tj_day today,
				struct report_stats *out);
void report_stats_add_case(struct report_stats *s, const struct report_case_row *r);
int report_stats_load_earlier(struct db *db, struct report_stats *out);
void report_stats_free(struct report_stats *s);

/* ---- 月报: the monthly report in the layout reported upward ------------------ */

/* A breakdown row (by 争议类型, 行业, 区县): the key as stored ("" when the
 * case has none), the cases accepted in the period, their workers and
 * amounts, and the accepted cases closed in the period, of which agreed. */
struct report_breakdown {
	char *key;
	int64_t accepted, workers, claimed_fen;
	int64_t closed, agreed;
};

/* The figures of 月报 (definitions: src/report/monthly.c).  受理 is
 * acceptance (cases.accepted_at), as upward reports count it; the balance
 * 上期未结 + 本期受理 = 本期结案 + 期末未结 is over accepted cases. */
struct report_monthly {
	tj_day from, end;            /* the period, end = the last day seen */
	int64_t open_before;         /* 上期未结: accepted before from, not closed before from */
	int64_t accepted;            /* 本期受理 */
	int64_t closed;              /* 本期结案: accepted cases closed in the period */
	int64_t open_after;          /* 期末未结: accepted by end, open at its end */
	int64_t agreed, failed, referred, withdrawn, other; /* 本期结案 by outcome (referred of failed) */
	int64_t on_time;             /* closed on or before their deadline */
	int64_t perf_done, perf_pending, perf_defaulted; /* 履行 of the agreed closed */
	int64_t days_sum, days_n;    /* acceptance to closing of the closed */
	int64_t rejected;            /* 不予受理 in the period (never accepted: outside the balance) */
	int64_t workers;             /* applicants of the cases accepted */
	int64_t migrant, foreign, hkmotw; /* of which 农民工 (农村户籍), 外籍, 港澳台 */
	int64_t big_collective, big_collective_workers; /* accepted with >= REPORT_BIG_COLLECTIVE applicants */
	int64_t claimed_fen;         /* 涉案金额: claims of the cases accepted */
	int64_t closed_fen;          /* 结案金额: agreed amounts of the agreed closed */
	struct report_breakdown *by_type, *by_industry, *by_district;
	int ntype, nindustry, ndistrict;
};
#define REPORT_BIG_COLLECTIVE 10

/* One case as 月报 counts it (src/db/report.c hands them over). */
struct report_mcase {
	int64_t id;
	const char *case_no, *status, *performance; /* performance NULL when none */
	const char *accepted_at, *deadline, *closed_at; /* NULL when none */
	int64_t applicants, migrant, foreign, hkmotw;
	int64_t claimed_fen, agreed_fen;
	const char *type, *industry, *district;     /* "" when none */
};

/* The figures of 月报 for the period p seen from today, with the balance
 * checked: a mismatch is an error (-1, the four figures in the message),
 * never a silent figure.  Free with report_monthly_free. */
int report_monthly_load(struct db *db, const struct report_period *p, tj_day today, struct report_monthly *out);
void report_monthly_free(struct report_monthly *m);
/* 1 when the balance holds. */
int report_monthly_balanced(const struct report_monthly *m);
/* 调解成功率, 口径一 (成功 ÷ (成功 + 不成)) and 口径二 (成功 ÷ 结案); the
 * others of 月报: 结案率 = 结案 ÷ (上期未结 + 本期受理), 按期结案率 =
 * 按期结案 ÷ 结案, 履行率 = 履行完毕 ÷ 调解成功.  -1 when the divisor is 0. */
double report_ratio(int64_t num, int64_t den);

/* ---- closed months (src/report/close.c) ----------------------------------------- */

/* A change since the month was closed: the case, the 月报 row it counted
 * in, what it added then and now (amounts in fen when money). */
struct report_correction {
	char *case_no, *figure;
	int64_t old, now;
	int money;
};

struct report_frozen {
	int closed;
	char closed_at[20];              /* "YYYY-MM-DD HH:MM:SS" */
	struct report_monthly m;         /* 月报 as it was closed */
	struct report_headline h;        /* 汇总's 本期 as it was closed */
	struct report_correction *fix;   /* by case number, then row label */
	int nfix;
};

/* Close a month that has ended (administrators: access_may_close_report):
 * its figures and each case's part in them frozen in the database, with
 * the event 'report-close', in one transaction.  0, or -1 with the reason
 * (already closed, not ended, unbalanced, a database before migration 15). */
int report_month_close(struct db *db, const struct actor *who, const struct report_period *p, tj_day today);
/* Reopen a closed month (administrators), with the event 'report-reopen'. */
int report_month_reopen(struct db *db, const struct actor *who, const struct report_period *p);
/* A closed month's frozen figures and the corrections since: 1 closed,
 * 0 not (or not a month), -1 error.  Free with report_frozen_free. */
int report_frozen_load(struct db *db, const struct report_period *p, tj_day today, struct report_frozen *out);
void report_frozen_free(struct report_frozen *f);
/* 1 when p is a closed month, 0 not, -1 error. */
int report_month_closed(struct db *db, const struct report_period *p);

/* ---- the workbook ------------------------------------------------------------ */

/* Called as the detail sheet is written (and once at 0 before, once at
 * total after); a non-zero return cancels the export. */
typedef int (*report_progress_fn)(void *ud, int64_t done, int64_t total);

struct report_opts {
	int full_ids;        /* identity numbers in full (an admin's explicit choice) */
	tj_day today;        /* 0: tj_today() */
	const char *now;     /* "YYYY-MM-DD HH:MM:SS" printed as the time made; NULL: now */
	int record;          /* write the export to the event log (see report_export) */
	int unrecorded;      /* out: the export was made but not recorded (read-only
			      * database: only ever without full_ids) */
};

enum {
	REPORT_OK = 0,
	REPORT_ERROR = -1,
	REPORT_CANCELLED = 1,
};

/* Write the workbook of period p to path, when the actor may
 * (access_may_export: an administrator): to a temporary file in the same
 * directory, renamed over path on success (so a reader never sees half a
 * workbook), removed on an error or a cancel.  The file is readable by its
 * owner only with full identity numbers (0600), else also by the group
 * (0640).  The detail rows stream from the database (libxlsxwriter's
 * constant_memory), so memory stays small for any period.
 * With opts->record (and always with full identity numbers) the export is
 * written to the event log (entity 'system', action 'export': who, which
 * period, which file, whether numbers were in full) in one transaction
 * with the rename: a full-number export that cannot be recorded (a
 * read-only database, the event log refusing) is refused and leaves no
 * file; a masked one on a read-only database is made and says so
 * (opts->unrecorded).
 * REPORT_OK, REPORT_CANCELLED (nothing left behind) or REPORT_ERROR with
 * the error set.  *ncases (may be NULL) gets the number of detail rows. */
int report_export(struct db *db, const struct config *cfg, const struct actor *who, const struct report_period *p,
		  const char *path, struct report_opts *opts, report_progress_fn progress, void *ud,
		  int64_t *ncases);


/* ---- the SQL (src/db/report.c) ----------------------------------------------- */
/* Dates are "YYYY-MM-DD"; `to` is included.  Each fills what it names and
 * returns 0, or -1 with the error set. */
/* A count by a keyword as stored: the db does not label or sort keywords
 * into the vocabulary's order, src/report/stats.c does. */
struct report_keycount {
	char *key;
	int64_t n;
};
void db_report_keycounts_free(struct report_keycount *k, int n);
/* meds (may be NULL): rows sorted by id, meds[0] the pseudo-mediator 0
 * that collects the cases without one; their figures are added to.
 * db_report_received adds to every received figure of h but the channels:
 * the cases received by their channel keyword go to *channels (malloc'd,
 * *nchannels of them, free with db_report_keycounts_free; none on an
 * error). */
int db_report_received(struct db *db, const char *from, const char *to, struct report_headline *h,
		       struct report_mediator *meds, int nmeds, struct report_keycount **channels, int *nchannels);
int db_report_closed(struct db *db, const char *from, const char *to, struct report_headline *h,
		     struct report_mediator *meds, int nmeds);
int db_report_overdue_open(struct db *db, const char *end, int64_t *n);
int db_report_consultations(struct db *db, const char *from, const char *to, int64_t *n);
/* The causes (level 1 and 2, in order) with empty figures. */
int db_report_causes(struct db *db, struct report_cause **out, int *n);
/* The claims of the cases received (closed = 0) or closed (closed = 1) in
 * the period, the claims of one case together: fn(ud, case_id, cause,
 * amount_fen, agreed_fen or -1, case agreed). */
int db_report_claims(struct db *db, const char *from, const char *to, int closed,
		     void (*fn)(void *ud, int64_t case_id, const char *cause, int64_t amount, int64_t agreed, int is_agreed),
		     void *ud);
/* Every mediator by id, after a first row for "no mediator" (id 0), with
 * the open load and capacity; side_key and expert_kind as stored, side
 * left NULL for the caller to label. */
int db_report_mediators(struct db *db, struct report_mediator **out, int *n);
/* Received, closed and agreed in each month of months[] (year and month
 * filled by the caller). */
int db_report_trend(struct db *db, struct report_month *months, int nmonths);

/* Row by row through a cursor (src/db/report.c): *_begin opens it (NULL
 * on error), *_next steps it (1 a row, 0 done, -1 error), *_end always
 * closes it.  The strings are valid until the next step.  The cursor uses
 * the connection until it is closed: whoever steps it (the workbook's
 * reading thread) owns the connection meanwhile. */
struct report_case_row {
	int64_t id;
	const char *case_no, *received, *channel, *status, *performance;
	int collective;
	const char *accepted_at, *deadline, *closed_at; /* NULL when none */
	int64_t mediator_id;                            /* 0 when none */
	const char *applicant, *id_type, *id_no;        /* the first applicant ("" none) */
	int applicants;
	struct report_respondent {                      /* in order */
		int64_t id;
		const char *uscc, *name;                /* uscc "" when none */
	} *resp;
	int nresp, cap_resp;
	struct report_claim_item {                      /* in order */
		char cause[8];
		int64_t amount_fen, agreed_fen;         /* agreed -1 when none */
	} *claims;
	int nclaims, cap_claims;
	char *buf;                                      /* holds the respondents' text */
	size_t buf_cap;
	char *own;                                      /* the other text, after report_case_row_own */
	size_t own_cap;
};
/* The cases received in the period, by date received then case number
 * (year, seq): the order of the received index, so no sort and the rows
 * start at once. */
struct db_report_cursor;
struct db_report_cursor *db_report_cases_begin(struct db *db, const char *from, const char *to);
/* The next row into *row (its arrays reused from row to row; zero it
 * before the first call and free it with report_case_row_free). */
int db_report_cases_next(struct db_report_cursor *c, struct report_case_row *row);
/* Closes and frees c (NULL is fine). */
void db_report_cases_end(struct db_report_cursor *c);
/* The row's text copied into the row itself: until then it points into
 * the statement's current row, which the next step overwrites. */
void report_case_row_own(struct report_case_row *row);
void report_case_row_free(struct report_case_row *row);
/* An employer's particulars: 1 found, 0 not, -1 error. */
int db_report_employer_get(struct db *db, int64_t id, struct report_employer *out);

/* 月报 (src/report/monthly.c): the four balance figures, each counted on
 * its own (so that the balance checks something): from and to "YYYY-MM-DD",
 * to the last day seen. */
int db_report_balance(struct db *db, const char *from, const char *to, int64_t *open_before, int64_t *accepted,
		      int64_t *closed, int64_t *open_after, int64_t *rejected);
/* The cases accepted in the period (closed = 0) or the accepted cases
 * closed in it (closed = 1), each once: fn(ud, case).  The strings are
 * valid during the call. */
int db_report_mcases(struct db *db, const char *from, const char *to, int closed,
		     void (*fn)(void *ud, const struct report_mcase *c), void *ud);

/* The cases of 上期未结 (at_end = 0) or 期末未结 (at_end = 1). */
int db_report_open_cases(struct db *db, const char *from, const char *to, int at_end,
			 void (*fn)(void *ud, int64_t id, const char *case_no), void *ud);
/* Closed months (report_months, report_month_cases; month "YYYY-MM"):
 * get 1 with the figures (and the time closed, may be NULL; both
 * malloc'd), 0 when the month is open, -1 error. */
int db_report_month_get(struct db *db, const char *month, char **figures, char **closed_at);
int db_report_month_cases(struct db *db, const char *month,
			  void (*fn)(void *ud, int64_t id, const char *case_no, const char *figure, int64_t value),
			  void *ud);
/* Writes, inside the caller's transaction (with its event). */
int db_report_month_insert(struct db *db, const char *month, const char *closed_at, int64_t user_id,
			   const char *figures);
int db_report_month_case_add(struct db *db, const char *month, int64_t case_id, const char *figure, int64_t value);
int db_report_month_delete(struct db *db, const char *month);

/* A read snapshot for the whole report: 1 when this call began one (then
 * end it with db_report_snapshot_end), 0 when the caller already holds a
 * transaction, -1 error. */
int db_report_snapshot_begin(struct db *db);
void db_report_snapshot_end(struct db *db, int began);
/* Set the connection's page cache (PRAGMA cache_size: pages, or KiB when
 * negative), the old setting in *old (may be NULL). */
int db_report_cache_size(struct db *db, int64_t pages, int64_t *old);

#endif
