/*
 * bench.c - the scale benchmark behind `make bench` (tests/bench.sh builds
 * the million-case database and runs this against it).
 *
 * Every figure is measured through the functions the screens call (the
 * full-screen program itself in a pseudo-terminal for start-up and
 * memory; case_search, employer_search, case_load, intake_register,
 * queue_counts, doc_issue and report_export for the rest), and printed
 * beside a baseline measured in
 * the same run: the same question asked raw through the sqlite3 library
 * with the best index the schema has - the limit the program can approach,
 * so each figure is also a ratio.  Medians and 95th percentiles over
 * --iter runs, each run with another value drawn from the database, with
 * the target each must meet and whether it does.  Exit status 0 when every
 * target holds, 1 when one does not, 2 when the benchmark itself failed.
 *
 * Saves: the connection copies its WAL back into the database on an idle
 * tick, as the full-screen program does (db_defer_checkpoints, db_idle),
 * so after each save the benchmark runs db_idle outside the timed part and
 * shows what that took on a row of its own.
 *
 * Writes: the saves add cases to the database (a few hundred a run, next
 * to a million that is noise), and the exports write to a temporary
 * directory that is removed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <crypt.h>

#include "tiaojie/auth.h"
#include "tiaojie/casework.h"
#include "tiaojie/config.h"
#include "tiaojie/db.h"
#include "tiaojie/demo.h"
#include "tiaojie/docs.h"
#include "tiaojie/intake.h"
#include "tiaojie/report.h"
#include "tiaojie/search.h"
/* The baselines ask SQLite directly, on the same connection. */
#include "../../src/db/internal.h"

#define PAGE 20            /* rows of a page at 80x24 */
#define MAX_ROWS 64
#define ADMIN_LOGIN "admin"
#define ADMIN_PASSWORD "demo1234"
#define LOGIN_MARKER "请输入账号和密码"
#define DESK_MARKER "待履行回访" /* the last queue of the work desk */

/* ---- options and state ------------------------------------------------------- */

static struct {
	const char *db, *app;
	int iter, writers;
	int sessions; /* full-screen programs open at once (bench_sessions) */
	double gen_seconds, gen_cpu;
	long gen_cases;
	int gen_cached;
	int quick;
	const char *only; /* comma-separated sections, NULL all */
} opt = {.app = "build/tiaojie", .iter = 100, .writers = 8, .sessions = 60, .gen_seconds = -1, .gen_cpu = -1};

static struct db *db;
static struct config cfg;
static const struct actor bench_admin = {.role = ROLE_ADMIN};

/* Who searches: a mediator (their own cases) when mediator is not 0,
 * else a clerk (every case). */
static struct actor searcher(int64_t mediator)
{
	struct actor a = {.role = mediator ? ROLE_MEDIATOR : ROLE_CLERK, .mediator_id = mediator > 0 ? mediator : 0};
	return a;
}
static pid_t main_pid;
static tj_day today;
static struct demo_rng rng = {UINT64_C(0x7469616f6a6965)};

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* The processor time this process has used, in ms: beside a time taken on
 * a shared machine, what the work itself cost. */
static double cpu_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* The exports' temporary directory, removed on the way out. */
static char *export_dir;

static void remove_export_dir(void)
{
	char *cmd;

	if (!export_dir)
		return;
	cmd = xasprintf("rm -rf '%s'", export_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench: could not remove %s\n", export_dir);
	free(cmd);
}

static TJ_NORETURN void die(const char *fmt, ...) TJ_PRINTF(1, 2);
static void die(const char *fmt, ...)
{
	va_list ap;

	if (getpid() == main_pid)
		remove_export_dir();
	fputs("bench: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/* ---- samples and the table ------------------------------------------------------ */

struct samples {
	double *v;
	int n, cap;
};

static void sample_add(struct samples *s, double ms)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = xrealloc(s->v, (size_t)s->cap * sizeof *s->v);
	}
	s->v[s->n++] = ms;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The q-quantile (0..1) by the nearest-rank method; -1 when empty. */
static double quantile(const struct samples *s, double q)
{
	if (s->n == 0)
		return -1;
	double *c = xmalloc((size_t)s->n * sizeof *c);
	memcpy(c, s->v, (size_t)s->n * sizeof *c);
	qsort(c, (size_t)s->n, sizeof *c, cmp_double);
	int k = (int)(q * s->n + 0.999999) - 1;
	double r = c[k < 0 ? 0 : k >= s->n ? s->n - 1 : k];
	free(c);
	return r;
}

enum unit { U_MS, U_S, U_MB };

struct row {
	char label[80];
	enum unit unit;
	double med, p95;       /* -1: none */
	double base_med, base_p95;
	double limit;          /* the target, in the row's unit; <= 0 none */
	int by_median;         /* the target applies to the median (a single run) */
	char note[80];         /* instead of figures, e.g. "n/a (...)" */
};

static struct row rows[MAX_ROWS];
static int nrows;

static struct row *row_add(const char *label, enum unit u, double limit)
{
	if (nrows == MAX_ROWS)
		die("too many rows");
	struct row *r = &rows[nrows++];
	snprintf(r->label, sizeof r->label, "%s", label);
	r->unit = u;
	r->med = r->p95 = r->base_med = r->base_p95 = -1;
	r->limit = limit;
	return r;
}

static void row_set(struct row *r, const struct samples *app, const struct samples *base)
{
	r->med = quantile(app, 0.5);
	r->p95 = quantile(app, 0.95);
	if (base) {
		r->base_med = quantile(base, 0.5);
		r->base_p95 = quantile(base, 0.95);
	}
}

/* A read measured twice: again right after (the pages it needs in memory,
 * as on a server whose memory holds the database: the target applies),
 * and the first time (the pages read from the disk: this machine drops
 * file pages not read for half a minute; shown, no target). */
static void row_pair(const char *label, double limit, const struct samples *warm, const struct samples *base_warm,
		     const struct samples *cold, const struct samples *base_cold)
{
	char first[80];

	row_set(row_add(label, U_MS, limit), warm, base_warm);
	snprintf(first, sizeof first, "  first read");
	row_set(row_add(first, U_MS, 0), cold, base_cold);
}

static const char *fmt_val(double v, enum unit u, char *buf, size_t n)
{
	if (v < 0)
		snprintf(buf, n, "-");
	else if (u == U_MB)
		snprintf(buf, n, "%.1f MB", v);
	else if (u == U_S)
		snprintf(buf, n, "%.1f s", v);
	else if (v < 10)
		snprintf(buf, n, "%.2f ms", v);
	else
		snprintf(buf, n, "%.1f ms", v);
	return buf;
}

/* 1 holds, 0 misses, -1 no target or no figure. */
static int row_ok(const struct row *r)
{
	double v = r->by_median ? r->med : r->p95;

	if (r->limit <= 0 || v < 0)
		return -1;
	return v < r->limit;
}

static int print_table(void)
{
	char a[32], b[32], c[32], d[32], t[32];
	int missed = 0;

	printf("%-46s %10s %10s %10s %10s %7s  %s\n", "what", "median", "p95", "base med", "base p95", "ratio",
	       "target");
	for (int i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];
		if (r->note[0]) {
			printf("%-46s %s\n", r->label, r->note);
			continue;
		}
		char ratio[16] = "-";
		if (r->base_med > 0 && r->med >= 0)
			snprintf(ratio, sizeof ratio, "%.1fx", r->med / r->base_med);
		if (r->limit > 0)
			snprintf(t, sizeof t, "%s < %s", r->by_median ? "med" : "p95", fmt_val(r->limit, r->unit, d, sizeof d));
		else
			snprintf(t, sizeof t, "-");
		int ok = row_ok(r);
		missed += ok == 0;
		printf("%-46s %10s %10s %10s %10s %7s  ", r->label, fmt_val(r->med, r->unit, a, sizeof a),
		       r->by_median ? "-" : fmt_val(r->p95, r->unit, b, sizeof b),
		       fmt_val(r->base_med, r->unit, c, sizeof c),
		       r->by_median ? "-" : fmt_val(r->base_p95, r->unit, d, sizeof d), ratio);
		if (ok < 0)
			printf("%s\n", t);
		else
			printf("%-15s %s\n", t, ok ? "ok" : "MISSED");
	}
	return missed;
}

/* ---- raw SQL for the baselines and the samples ------------------------------------- */

static sqlite3_stmt *raw_prep(const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		die("prepare %s: %s", sql, sqlite3_errmsg(db->h));
	return st;
}

static int64_t raw_int(const char *sql)
{
	sqlite3_stmt *st = raw_prep(sql);
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;

	sqlite3_finalize(st);
	return v;
}

/* Step through every row; the number of rows. */
static int64_t raw_run(sqlite3_stmt *st)
{
	int64_t n = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		n++;
	if (rc != SQLITE_DONE)
		die("baseline: %s", sqlite3_errmsg(db->h));
	sqlite3_reset(st);
	return n;
}

/* n text values: sql takes a random id in [1, maxid] as ?1 and gives a
 * value, or no row (then another id is tried). */
static char **draw(const char *sql, int64_t maxid, int n)
{
	sqlite3_stmt *st = raw_prep(sql);
	char **v = xcalloc((size_t)n, sizeof *v);

	for (int i = 0, tries = 0; i < n; tries++) {
		if (tries > n * 1000 + 10000)
			die("no sample values for: %s", sql);
		sqlite3_bind_int64(st, 1, 1 + (int64_t)demo_below(&rng, (uint32_t)(maxid > 0 ? maxid : 1)));
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) && sqlite3_column_bytes(st, 0) > 0)
			v[i++] = xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return v;
}

static void free_values(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Warm-up runs before the measured ones: the database is a file much
 * larger than memory on a machine that pages out what it has not read for
 * half a minute, and a running server has its indexes in memory. */
static int warmups(void)
{
	return opt.iter / 5 > 0 ? opt.iter / 5 : 1;
}

/* ---- searches ---------------------------------------------------------------------------- */

enum sample_from { FROM_CASES, FROM_PERSONS, FROM_EMPLOYERS };

struct search_kind {
	const char *label;
	enum sample_from from;
	const char *sample;   /* ?1 a random id: a value to search for */
	const char *baseline; /* ?1 the value (?2, ?3 the reversed ending): the matching case ids */
};

/* The baselines: the matching case ids, asked the one way that needs no
 * guessing what the text is, through the index made for it. */
static const struct search_kind searches[] = {
	{"search: case number", FROM_CASES, "SELECT case_no FROM cases WHERE id = ?1",
	 "SELECT id FROM cases WHERE case_no = ?1"},
	{"search: ID number", FROM_PERSONS, "SELECT id_no FROM persons WHERE id = ?1 AND id_type = 'id'",
	 "SELECT p.case_id FROM persons s JOIN case_parties p ON p.person_id = s.id WHERE s.id_no = ?1"},
	{"search: two-character name", FROM_PERSONS, "SELECT name FROM persons WHERE id = ?1 AND length(name) = 2",
	 "SELECT DISTINCT p.case_id FROM search_grams g JOIN case_parties p ON p.person_id = g.id"
	 " WHERE g.gram = ?1 AND g.kind = 0"},
	{"search: three-character name", FROM_PERSONS,
	 "SELECT name FROM persons WHERE id = ?1 AND length(name) = 3",
	 "SELECT DISTINCT p.case_id FROM persons_fts JOIN case_parties p ON p.person_id = persons_fts.rowid"
	 " WHERE persons_fts MATCH '\"' || ?1 || '\"'"},
	{"search: employer name part, 2 characters", FROM_EMPLOYERS,
	 "SELECT substr(name, 3, 2) FROM employers WHERE id = ?1 AND name LIKE '上海%'",
	 "SELECT DISTINCT p.case_id FROM search_grams g JOIN case_parties p ON p.employer_id = g.id"
	 " WHERE g.gram = ?1 AND g.kind = 1"},
	{"search: employer name part, 4 characters", FROM_EMPLOYERS,
	 "SELECT substr(name, 3, 4) FROM employers WHERE id = ?1 AND name LIKE '上海%'",
	 "SELECT DISTINCT p.case_id FROM employers_fts JOIN case_parties p ON p.employer_id = employers_fts.rowid"
	 " WHERE employers_fts MATCH '\"' || ?1 || '\"'"},
	{"search: phone number", FROM_PERSONS, "SELECT phone FROM persons WHERE id = ?1 AND length(phone) = 11",
	 "SELECT p.case_id FROM persons s JOIN case_parties p ON p.person_id = s.id WHERE s.phone = ?1"},
	{"search: phone, last 4 digits", FROM_PERSONS,
	 "SELECT substr(phone, 8) FROM persons WHERE id = ?1 AND length(phone) = 11",
	 "SELECT DISTINCT p.case_id FROM persons s JOIN case_parties p ON p.person_id = s.id WHERE "
	 "substr(s.phone, -1, 1) || substr(s.phone, -2, 1) || substr(s.phone, -3, 1) || substr(s.phone, -4, 1) || "
	 "substr(s.phone, -5, 1) || substr(s.phone, -6, 1) || substr(s.phone, -7, 1) || substr(s.phone, -8, 1)"
	 " BETWEEN ?2 AND ?3"},
};

static int64_t max_cases, max_persons, max_employers;

static void bench_search(const struct search_kind *k)
{
	int n = opt.iter, w = warmups();
	int64_t maxid = k->from == FROM_CASES ? max_cases : k->from == FROM_PERSONS ? max_persons : max_employers;
	/* the program and the baseline each with values of their own: what one
	 * reads must not be in memory for the other */
	char **vals = draw(k->sample, maxid, n + w), **bvals = draw(k->sample, maxid, n + w);
	struct samples app = {0}, base = {0}, app1 = {0}, base1 = {0};
	sqlite3_stmt *bst = raw_prep(k->baseline);
	struct case_list l = {0};
	struct actor who = searcher(0);
	int64_t total = 0;

	for (int i = 0; i < n + w; i++) {
		struct case_filter f = {.text = vals[i], .status = -1, .limit = PAGE};
		for (int again = 0; again < 2; again++) {
			double t0 = now_ms();
			if (case_search(db, &cfg, &who, today, &f, &l) < 0)
				die("case_search(%s): %s", vals[i], tj_errmsg());
			if (i >= w) {
				sample_add(again ? &app : &app1, now_ms() - t0);
				total += again ? l.total : 0;
			}
			case_list_free(&l);
		}

		char lo[16] = "", hi[16] = "";
		size_t len = strlen(bvals[i]);
		for (size_t j = 0; j < len && j < 8; j++)
			lo[j] = bvals[i][len - 1 - j];
		snprintf(hi, sizeof hi, "%s~", lo);
		for (int again = 0; again < 2; again++) {
			double t0 = now_ms();
			sqlite3_bind_text(bst, 1, bvals[i], -1, SQLITE_STATIC);
			if (sqlite3_bind_parameter_count(bst) >= 3) {
				sqlite3_bind_text(bst, 2, lo, -1, SQLITE_STATIC);
				sqlite3_bind_text(bst, 3, hi, -1, SQLITE_STATIC);
			}
			raw_run(bst);
			if (i >= w)
				sample_add(again ? &base : &base1, now_ms() - t0);
		}
	}
	sqlite3_finalize(bst);
	row_pair(k->label, 20, &app, &base, &app1, &base1);
	printf("  %-44s %6.1f matches on average (e.g. %s)\n", k->label, (double)total / n, vals[w]);
	free_values(vals, n + w);
	free_values(bvals, n + w);
	free(app.v);
	free(base.v);
	free(app1.v);
	free(base1.v);
}

/* ---- the employer picker ---------------------------------------------------------------- */

/* The picker's page: as many employers as it lists (EMPLOYERS_SHOWN in
 * src/screens/listpick.c). */
#define PICKER_PAGE 50

/* F4 on 单位名称 at intake: the employer archive by any part of the name,
 * as the picker asks it (employer_search, one page of matches) while the
 * clerk types: lo to hi characters (a length drawn for each run) from any
 * place in a name drawn at random, so the common words (上海, 有限公司) come
 * up as often as they do in the names.  Baseline the index lookup alone
 * for the same page: the trigram FTS for 3 characters or more, the
 * two-character grams below. */
static void bench_employer_pick(const char *label, int lo, int hi)
{
	int n = opt.iter, w = warmups();
	char sample[320];
	/* the length and the place from the drawn id, so that they vary */
	snprintf(sample, sizeof sample,
		 "SELECT substr(name, 1 + (?1 * 7919) %% max(1, length(name) - l + 1), l) FROM "
		 "(SELECT name, %d + (?1 * 104729) %% %d AS l FROM employers WHERE id = ?1) WHERE length(name) >= l",
		 lo, hi - lo + 1);
	char **vals = draw(sample, max_employers, n + w), **bvals = draw(sample, max_employers, n + w);
	struct samples app = {0}, base = {0}, app1 = {0}, base1 = {0};
	sqlite3_stmt *fts = raw_prep("SELECT rowid FROM employers_fts WHERE employers_fts MATCH "
				     "'\"' || ?1 || '\"' LIMIT ?2");
	sqlite3_stmt *gram = raw_prep("SELECT id FROM search_grams WHERE gram = lower(?1) AND kind = 1 LIMIT ?2");
	struct actor who = searcher(0);
	struct employer_matches m;
	int64_t total = 0, more = 0;

	for (int i = 0; i < n + w; i++) {
		for (int again = 0; again < 2; again++) {
			double t0 = now_ms();
			if (employer_search(db, &who, vals[i], PICKER_PAGE, &m) < 0)
				die("employer_search(%s): %s", vals[i], tj_errmsg());
			if (i >= w) {
				sample_add(again ? &app : &app1, now_ms() - t0);
				total += again ? m.n : 0;
				more += again ? m.more : 0;
			}
			employer_matches_free(&m);
		}
		sqlite3_stmt *bst = utf8_chars(bvals[i]) >= 3 ? fts : gram;
		for (int again = 0; again < 2; again++) {
			double t0 = now_ms();
			sqlite3_bind_text(bst, 1, bvals[i], -1, SQLITE_STATIC);
			sqlite3_bind_int(bst, 2, PICKER_PAGE + 1);
			raw_run(bst);
			if (i >= w)
				sample_add(again ? &base : &base1, now_ms() - t0);
		}
	}
	sqlite3_finalize(fts);
	sqlite3_finalize(gram);
	row_pair(label, 20, &app, &base, &app1, &base1);
	printf("  %-44s %6.1f employers shown on average, a full page in %d%% (e.g. %s, %s)\n", label,
	       (double)total / n, (int)(more * 100 / n), vals[w], vals[w + n / 2]);
	free_values(vals, n + w);
	free_values(bvals, n + w);
	free(app.v);
	free(base.v);
	free(app1.v);
	free(base1.v);
}

/* ---- a document ----------------------------------------------------------------------------- */

/* An ordinary case's 调解协议书 as a PDF, as the case detail's one key
 * issues it: doc_issue loads the case, fills the template, typesets A4
 * pages with Pango/Cairo, writes the file and records it on the case (a
 * documents row and its event).  Agreed cases of one worker against one
 * employer (用人单位), drawn at random.  Baseline: the typesetting alone (doc_pdf_write) of the same
 * case's document, its blocks made beforehand - what is left when nothing
 * is read or recorded. */
static void bench_agreement_pdf(const char *dir)
{
	int n = opt.iter, w = warmups();
	char **vals = draw("SELECT id FROM cases WHERE id = ?1 AND status = 'agreed' AND collective = 0 AND NOT EXISTS "
			   "(SELECT 1 FROM case_parties p WHERE p.case_id = ?1 AND p.role = 'respondent' AND "
			   "(p.ord > 1 OR p.kind = 'individual'))",
			   max_cases, n + w);
	struct samples app = {0}, base = {0}, cpu = {0};
	struct doc_template *t = doc_template_load(DOC_AGREEMENT);
	long bytes = 0;
	int pages = 0;

	if (!t)
		die("the agreement's template: %s", tj_errmsg());
	for (int i = 0; i < n + w; i++) {
		int64_t id = strtoll(vals[i], NULL, 10);
		char *path = xasprintf("%s/agreement-%d.pdf", dir, i);
		double c0 = cpu_ms(), t0 = now_ms();
		if (doc_issue(db, &cfg, &bench_admin, id, DOC_AGREEMENT, path, NULL) < 0)
			die("doc_issue(case %lld): %s", (long long)id, tj_errmsg());
		double t1 = now_ms(), c1 = cpu_ms();
		struct stat st;
		if (i >= w) {
			sample_add(&app, t1 - t0);
			sample_add(&cpu, c1 - c0);
			if (stat(path, &st) == 0)
				bytes += (long)st.st_size;
		}
		unlink(path);
		db_idle(db, 0); /* the idle tick after a write, outside the timing */

		/* the same document's typesetting alone */
		struct case_view cv;
		struct doc_blocks b = {0};
		if (case_load(db, &bench_admin, id, &cv) < 0)
			die("case_load(%lld): %s", (long long)id, tj_errmsg());
		struct doc_dict *d = doc_dict_build(&cv, &cfg);
		if (doc_template_render(t, d, &b) < 0)
			die("render (case %lld): %s", (long long)id, tj_errmsg());
		FILE *f = fopen(path, "wb");
		if (!f)
			die("%s: %s", path, strerror(errno));
		int np = 0;
		t0 = now_ms();
		if (doc_pdf_write(&b, "调解协议书", f, &np) < 0)
			die("doc_pdf_write (case %lld): %s", (long long)id, tj_errmsg());
		t1 = now_ms();
		fclose(f);
		unlink(path);
		if (i >= w) {
			sample_add(&base, t1 - t0);
			pages += np;
		}
		doc_blocks_free(&b);
		doc_dict_free(d);
		case_view_free(&cv);
		free(path);
	}
	doc_template_free(t);
	row_set(row_add("agreement as PDF, an ordinary case", U_MS, 200), &app, &base);
	row_set(row_add("  CPU time of it", U_MS, 0), &cpu, NULL);
	printf("  %-44s %.1f pages, %.0f KB on average\n", "agreement as PDF, an ordinary case", (double)pages / n,
	       (double)bytes / n / 1024);
	free_values(vals, n + w);
	free(app.v);
	free(base.v);
	free(cpu.v);
}

/* ---- list pages ---------------------------------------------------------------------------- */

/* One page of the case list: status (rotating over every status, -1 for
 * none), only_mediator (0 none), sort; the first five pages. */
static void bench_list(const char *label, int with_status, int64_t only, enum case_sort sort, const char *base_sql,
		       const char *base_count)
{
	int n = opt.iter, w = warmups();
	struct samples app = {0}, base = {0}, app1 = {0}, base1 = {0};
	sqlite3_stmt *bst = raw_prep(base_sql), *cst = raw_prep(base_count);
	struct case_list l = {0};

	for (int i = 0; i < n + w; i++) {
		int st = with_status ? i % ST_COUNT : -1;
		int page = (int)demo_below(&rng, 5);
		struct case_filter f = {.status = st, .sort = sort, .limit = PAGE, .offset = page * PAGE};
		struct actor who = searcher(only);
		/* the baseline first, on another page: each reads its own pages */
		int bpage = (page + 1) % 5;
		for (int again = 0; again < 2; again++) {
			double t0 = now_ms();
			sqlite3_stmt *both[2] = {cst, bst};
			for (int k = 0; k < 2; k++) {
				sqlite3_stmt *x = both[k];
				int np = sqlite3_bind_parameter_count(x);
				if (with_status)
					sqlite3_bind_text(x, 1, status_keyword((enum case_status)st), -1, SQLITE_STATIC);
				else if (only)
					sqlite3_bind_int64(x, 1, only);
				if (np >= 3) {
					sqlite3_bind_int(x, 2, PAGE);
					sqlite3_bind_int(x, 3, bpage * PAGE);
				}
				raw_run(x);
			}
			if (i >= w)
				sample_add(again ? &base : &base1, now_ms() - t0);
		}
		for (int again = 0; again < 2; again++) {
			double t0 = now_ms();
			if (case_search(db, &cfg, &who, today, &f, &l) < 0)
				die("case_search: %s", tj_errmsg());
			if (i >= w)
				sample_add(again ? &app : &app1, now_ms() - t0);
			case_list_free(&l);
		}
	}
	sqlite3_finalize(bst);
	sqlite3_finalize(cst);
	row_pair(label, 20, &app, &base, &app1, &base1);
	free(app.v);
	free(base.v);
	free(app1.v);
	free(base1.v);
}

/* ---- a case with its timeline -------------------------------------------------------------- */

static void bench_detail(void)
{
	static const char *const base_sql[] = {
		"SELECT * FROM cases WHERE id = ?1",
		"SELECT p.*, s.*, e.* FROM case_parties p LEFT JOIN persons s ON s.id = p.person_id"
		" LEFT JOIN employers e ON e.id = p.employer_id WHERE p.case_id = ?1",
		"SELECT k.*, c.name FROM claims k JOIN causes c ON c.code = k.cause WHERE k.case_id = ?1",
		"SELECT * FROM sessions WHERE case_id = ?1",
		"SELECT * FROM documents WHERE case_id = ?1",
		"SELECT e.*, u.display_name FROM events e LEFT JOIN users u ON u.id = e.user_id"
		" WHERE e.case_id = ?1 ORDER BY e.id",
	};
	int n = opt.iter, w = warmups();
	struct samples app = {0}, base = {0}, app1 = {0}, base1 = {0};
	sqlite3_stmt *bst[TJ_ARRAY_LEN(base_sql)];
	struct actor admin = {.role = ROLE_ADMIN, .user_id = raw_int("SELECT id FROM users WHERE login = 'admin'")};
	long events = 0;

	for (size_t k = 0; k < TJ_ARRAY_LEN(base_sql); k++)
		bst[k] = raw_prep(base_sql[k]);
	for (int i = 0; i < n + w; i++) {
		int64_t id = 1 + (int64_t)demo_below(&rng, (uint32_t)max_cases);
		for (int again = 0; again < 2; again++) {
			struct case_view cv;
			double t0 = now_ms();
			if (case_load(db, &admin, id, &cv) < 0)
				die("case_load(%lld): %s", (long long)id, tj_errmsg());
			if (i >= w) {
				sample_add(again ? &app : &app1, now_ms() - t0);
				events += again ? cv.nevents : 0;
			}
			case_view_free(&cv);
		}

		id = 1 + (int64_t)demo_below(&rng, (uint32_t)max_cases); /* another case: not in memory */
		for (int again = 0; again < 2; again++) {
			double t0 = now_ms();
			sqlite3_exec(db->h, "BEGIN", NULL, NULL, NULL);
			for (size_t k = 0; k < TJ_ARRAY_LEN(base_sql); k++) {
				sqlite3_bind_int64(bst[k], 1, id);
				raw_run(bst[k]);
			}
			sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
			if (i >= w)
				sample_add(again ? &base : &base1, now_ms() - t0);
		}
	}
	for (size_t k = 0; k < TJ_ARRAY_LEN(base_sql); k++)
		sqlite3_finalize(bst[k]);
	row_pair("case detail with its timeline", 20, &app, &base, &app1, &base1);
	printf("  %-44s %6.1f events on average\n", "case detail with its timeline", (double)events / n);
	free(app.v);
	free(base.v);
	free(app1.v);
	free(base1.v);
}

/* ---- saving a new application --------------------------------------------------------------- */

/* A valid 居民身份证 number for a made-up person: region 310101, a birth
 * day from the number k, a sequence from the salt. */
static void make_id(uint64_t k, unsigned salt, char out[19])
{
	static const int wt[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int y, m, d, sum = 0;

	date_to_ymd(date_from_ymd(1970, 1, 1) + (tj_day)(k % 12000), &y, &m, &d);
	snprintf(out, 19, "310101%04d%02d%02d%03u", y, m, d, (unsigned)((salt + k / 12000) % 1000));
	for (int i = 0; i < 17; i++)
		sum += (out[i] - '0') * wt[i];
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
}

struct saver {
	struct db *db;
	struct actor clerk;
	char **emp_uscc, **emp_name;
	int nemp;
	char causes[3][8];
	unsigned salt;
	uint64_t k;
	struct demo_rng r;
};

static void saver_init(struct saver *s, struct db *h, unsigned salt)
{
	sqlite3_stmt *st;

	memset(s, 0, sizeof *s);
	s->db = h;
	s->salt = salt;
	s->r.s = UINT64_C(0x5a5a5a) + salt;
	s->clerk.role = ROLE_CLERK;
	st = NULL;
	if (sqlite3_prepare_v2(h->h, "SELECT id FROM users WHERE login = 'clerk'", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		s->clerk.user_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	s->nemp = 64;
	s->emp_uscc = xcalloc((size_t)s->nemp, sizeof(char *));
	s->emp_name = xcalloc((size_t)s->nemp, sizeof(char *));
	if (sqlite3_prepare_v2(h->h, "SELECT coalesce(uscc, ''), name FROM employers WHERE id = ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		die("employers: %s", sqlite3_errmsg(h->h));
	for (int i = 0; i < s->nemp;) {
		sqlite3_bind_int64(st, 1, 1 + (int64_t)demo_below(&s->r, (uint32_t)max_employers));
		if (sqlite3_step(st) == SQLITE_ROW) {
			s->emp_uscc[i] = xstrdup((const char *)sqlite3_column_text(st, 0));
			s->emp_name[i] = xstrdup((const char *)sqlite3_column_text(st, 1));
			i++;
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	snprintf(s->causes[0], sizeof s->causes[0], "0601");
	snprintf(s->causes[1], sizeof s->causes[1], "0602");
	snprintf(s->causes[2], sizeof s->causes[2], "0801");
}

static void saver_free(struct saver *s)
{
	for (int i = 0; i < s->nemp; i++) {
		free(s->emp_uscc[i]);
		free(s->emp_name[i]);
	}
	free(s->emp_uscc);
	free(s->emp_name);
}

/* One application with three claims, through intake_register; ms. */
static double save_one(struct saver *s)
{
	char id[19], name[64], phone[12];
	int e = (int)demo_below(&s->r, (uint32_t)s->nemp);

	make_id(s->k++, s->salt, id);
	demo_name(&s->r, (int)demo_below(&s->r, 2), name, sizeof name);
	demo_mobile(&s->r, phone);
	struct intake_person app = {.id_type = "id", .id_no = id, .name = name, .phone = phone,
				    .address = "上海市黄浦区中山南路100号"};
	struct intake_employer resp = {.uscc = s->emp_uscc[e], .name = s->emp_name[e]};
	struct intake_claim claims[3] = {
		{.cause = s->causes[0], .text = "支付拖欠的工资", .amount = "12000"},
		{.cause = s->causes[1], .text = "支付加班工资", .amount = "3500.50"},
		{.cause = s->causes[2], .text = "支付解除劳动合同的经济补偿", .amount = "24000"},
	};
	struct intake in = {.channel = "window", .facts = "申请人于2023年入职被申请人处，被申请人拖欠工资至今未付。",
			    .napplicants = 1, .applicants = &app, .nrespondents = 1, .respondents = &resp,
			    .nclaims = 3, .claims = claims};
	struct intake_result res = {0};
	double t0 = now_ms();
	int rc = intake_register(s->db, &cfg, &s->clerk, &in, &res);
	double ms = now_ms() - t0;
	if (rc < 0 && res.nproblems)
		die("intake_register: %s", res.problems[0].msg);
	intake_result_free(&res);
	return rc < 0 ? -1 : ms; /* -1: refused (the database stayed locked past the busy timeout) */
}

/* The same transaction raw: the rows intake_register writes, by the
 * shortest statements, in one BEGIN IMMEDIATE.  save_raw(NULL) frees the
 * statements. */
static double save_raw(struct saver *s)
{
	static const char *const sql[] = {
		"BEGIN IMMEDIATE",
		"INSERT INTO persons(id_type, id_no, name, phone, address, created_at, updated_at)"
		" VALUES ('id', ?1, ?2, ?3, '上海市黄浦区中山南路100号', ?4, ?4)"
		" ON CONFLICT (id_type, id_no) DO UPDATE SET updated_at = excluded.updated_at",
		"INSERT INTO case_seq(year, last) VALUES (?5, 1) ON CONFLICT(year) DO UPDATE SET last = last + 1",
		"INSERT INTO cases(case_no, year, seq, channel, received, facts, status, deadline, last_event_at,"
		" created_by, updated_at) SELECT printf('沪劳人调(%d)第%05d号', ?5, last), ?5, last, 'window', ?6,"
		" '申请人于2023年入职被申请人处，被申请人拖欠工资至今未付。', 'registered', ?6, ?4, ?7, ?4"
		" FROM case_seq WHERE year = ?5",
		"INSERT INTO case_parties(case_id, role, ord, person_id) VALUES (last_insert_rowid(), 'applicant', 1,"
		" (SELECT id FROM persons WHERE id_type = 'id' AND id_no = ?1))",
		"INSERT INTO case_parties(case_id, role, ord, employer_id) SELECT max(id), 'respondent', 1, ?8 FROM cases",
		"INSERT INTO claims(case_id, ord, cause, text, amount_fen) SELECT max(id), 1, '0601', '支付拖欠的工资',"
		" 1200000 FROM cases",
		"INSERT INTO claims(case_id, ord, cause, text, amount_fen) SELECT max(id), 2, '0602', '支付加班工资',"
		" 350050 FROM cases",
		"INSERT INTO claims(case_id, ord, cause, text, amount_fen) SELECT max(id), 3, '0801',"
		" '支付解除劳动合同的经济补偿', 2400000 FROM cases",
		"INSERT INTO events(at, user_id, case_id, entity, entity_id, action, before, after)"
		" SELECT ?4, ?7, max(id), 'case', max(id), 'register', '', 'registered' FROM cases",
		"INSERT INTO events(at, user_id, case_id, entity, entity_id, action, before, after)"
		" SELECT ?4, ?7, max(id), 'person', (SELECT id FROM persons WHERE id_type = 'id' AND id_no = ?1),"
		" 'create', '', '' FROM cases",
		"COMMIT",
	};
	static sqlite3_stmt *st[TJ_ARRAY_LEN(sql)];
	static struct db *prepared_for;
	char id[19], name[64], phone[12], now[20], day[11];

	if (!s) { /* done: finalize, so that the connection can close */
		for (size_t k = 0; k < TJ_ARRAY_LEN(sql); k++)
			sqlite3_finalize(st[k]);
		memset(st, 0, sizeof st);
		prepared_for = NULL;
		return 0;
	}
	int y, m, d;
	int64_t emp;

	if (prepared_for != s->db) {
		for (size_t k = 0; k < TJ_ARRAY_LEN(sql); k++)
			if (sqlite3_prepare_v2(s->db->h, sql[k], -1, &st[k], NULL) != SQLITE_OK)
				die("baseline save: %s", sqlite3_errmsg(s->db->h));
		prepared_for = s->db;
	}
	make_id(s->k++, s->salt, id);
	demo_name(&s->r, (int)demo_below(&s->r, 2), name, sizeof name);
	demo_mobile(&s->r, phone);
	emp = 1 + (int64_t)demo_below(&s->r, (uint32_t)max_employers);
	tj_now_str(now);
	memcpy(day, now, 10);
	day[10] = '\0';
	date_to_ymd(today, &y, &m, &d);
	double t0 = now_ms();
	for (size_t k = 0; k < TJ_ARRAY_LEN(sql); k++) {
		sqlite3_stmt *x = st[k];
		int np = sqlite3_bind_parameter_count(x);
		for (int i = 1; i <= np; i++) {
			const char *pn = sqlite3_bind_parameter_name(x, i);
			int which = pn ? atoi(pn + 1) : i;
			switch (which) {
			case 1: sqlite3_bind_text(x, i, id, -1, SQLITE_STATIC); break;
			case 2: sqlite3_bind_text(x, i, name, -1, SQLITE_STATIC); break;
			case 3: sqlite3_bind_text(x, i, phone, -1, SQLITE_STATIC); break;
			case 4: sqlite3_bind_text(x, i, now, -1, SQLITE_STATIC); break;
			case 5: sqlite3_bind_int(x, i, y); break;
			case 6: sqlite3_bind_text(x, i, day, -1, SQLITE_STATIC); break;
			case 7: sqlite3_bind_int64(x, i, s->clerk.user_id); break;
			case 8: sqlite3_bind_int64(x, i, emp); break;
			default: break;
			}
		}
		int rc = sqlite3_step(x);
		sqlite3_reset(x);
		if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
			if (k == 0 && (rc & 0xff) == SQLITE_BUSY)
				return -1; /* the busy handler gave up */
			die("baseline save step %zu: %s", k, sqlite3_errmsg(s->db->h));
		}
	}
	return now_ms() - t0;
}

/* The other processes.  "Eight other processes saving at the same time":
 * in each round every one of them starts one save at the instant the
 * round names (CLOCK_MONOTONIC), the measured save too, so a save waits
 * for as many as eight others; then, like a clerk looking at the new
 * case, each lets its idle checkpoint run, and the next round begins when
 * all have.  (A checkpoint's fsync can hold up a save that writes at that
 * moment - at the idle checkpoint's own cost, on its own row; in a court
 * where saves are minutes apart that is rare, here it would be every
 * other round.)  (Eight processes saving back
 * to back without a pause keep the write lock busy all the time; SQLite's
 * lock waits back off up to 100 ms a try, so the 95th percentile then
 * measures that back-off rather than the program: 50-130 ms here.) */
struct writers {
	pid_t *pid;
	int n;
	int *go;   /* one pipe each: the round's start time */
	int done;  /* a byte per save: 'k' saved, 'x' refused */
};

static int64_t mono_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void sleep_until(int64_t ns)
{
	struct timespec t = {.tv_sec = ns / 1000000000, .tv_nsec = ns % 1000000000};

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) == EINTR)
		;
}

static void start_writers(int n, struct writers *w)
{
	int done[2], ready[2];

	w->n = n;
	w->pid = xcalloc((size_t)n, sizeof *w->pid);
	w->go = xcalloc((size_t)n, sizeof *w->go);
	if (pipe(done) < 0 || pipe(ready) < 0)
		die("pipe: %s", strerror(errno));
	fflush(stdout);
	fflush(stderr);
	for (int i = 0; i < n; i++) {
		int go[2];
		if (pipe(go) < 0)
			die("pipe: %s", strerror(errno));
		pid_t pid = fork();
		if (pid < 0)
			die("fork: %s", strerror(errno));
		if (pid == 0) {
			close(go[1]);
			close(done[0]);
			close(ready[0]);
			for (int k = 0; k < i; k++)
				close(w->go[k]);
			struct db *h = db_open(opt.db, 0, cfg.busy_timeout_ms);
			if (!h)
				_exit(3);
			db_defer_checkpoints(h); /* as the full-screen program does */
			struct saver sv;
			saver_init(&sv, h, 100 + (unsigned)i * 97 + (unsigned)getpid() % 50);
			sv.k = (uint64_t)getpid() * 1000;
			if (write(ready[1], "r", 1) != 1)
				_exit(3);
			int64_t at;
			while (read(go[0], &at, sizeof at) == (ssize_t)sizeof at) {
				sleep_until(at);
				int ok = save_one(&sv) >= 0;
				db_idle(h, 0);
				if (write(done[1], ok ? "k" : "x", 1) != 1)
					_exit(3);
			}
			saver_free(&sv);
			db_close(h);
			_exit(0);
		}
		close(go[0]);
		w->go[i] = go[1];
		w->pid[i] = pid;
	}
	close(done[1]);
	close(ready[1]);
	for (int i = 0; i < n; i++) {
		char c;
		if (read(ready[0], &c, 1) != 1)
			die("a writer did not start");
	}
	close(ready[0]);
	w->done = done[0];
}

/* Start a round: every writer saves at `at`.  round_end waits for their
 * saves; the number refused. */
static void round_start(const struct writers *w, int64_t at)
{
	for (int i = 0; i < w->n; i++)
		if (write(w->go[i], &at, sizeof at) != (ssize_t)sizeof at)
			die("a writer is gone");
}

static int round_end(const struct writers *w)
{
	int refused = 0;

	for (int i = 0; i < w->n; i++) {
		char c;
		if (read(w->done, &c, 1) != 1)
			die("a writer is gone");
		refused += c != 'k';
	}
	return refused;
}

static void stop_writers(struct writers *w)
{
	for (int i = 0; i < w->n; i++)
		close(w->go[i]);
	for (int i = 0; i < w->n; i++) {
		int status;
		waitpid(w->pid[i], &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			die("writer %d failed (status %d)", i, status);
	}
	close(w->done);
	free(w->pid);
	free(w->go);
}

static void bench_save(void)
{
	int n = opt.iter, w = warmups();
	struct samples app = {0}, base = {0}, capp = {0}, cbase = {0}, idle = {0};
	struct saver s;

	int failed = 0;
	saver_init(&s, db, (unsigned)(getpid() + time(NULL)) % 1000);
	s.k = (uint64_t)time(NULL) * 7 + (uint64_t)getpid();
	for (int i = 0; i < n + w; i++) {
		double a = save_one(&s), b = save_raw(&s);
		if (a < 0 || b < 0)
			die("a save failed with no other writer: %s", tj_errmsg());
		double t0 = now_ms();
		int ck = db_idle(db, 0);
		if (ck < 0)
			die("checkpoint: %s", tj_errmsg());
		if (i >= w) {
			sample_add(&app, a);
			sample_add(&base, b);
			if (ck > 0)
				sample_add(&idle, now_ms() - t0);
		}
	}
	char label[80];
	row_set(row_add("save an application with 3 claims", U_MS, 10), &app, &base);
	struct row *ck = row_add("  checkpoint after it, while idle", U_MS, 0);
	row_set(ck, &idle, NULL);
	if (idle.n == 0)
		snprintf(ck->note, sizeof ck->note, "none: the WAL stayed under %d pages", DB_WAL_IDLE);

	if (opt.writers > 0) {
		struct writers wr;
		int others = 0;
		start_writers(opt.writers, &wr);
		/* rounds in turn: the program's save, then the raw one, each with
		 * the eight others starting at the same moment */
		for (int i = 0; i < 2 * (n + w); i++) {
			int64_t at = mono_ns() + 2000000; /* 2 ms: every process is waiting by then */
			round_start(&wr, at);
			sleep_until(at);
			double x = i % 2 == 0 ? save_one(&s) : save_raw(&s);
			others += round_end(&wr);
			db_idle(db, 0);
			if (i < 2 * w)
				continue;
			/* a save refused after the busy timeout counts as that long */
			failed += x < 0;
			sample_add(i % 2 == 0 ? &capp : &cbase, x < 0 ? cfg.busy_timeout_ms : x);
		}
		stop_writers(&wr);
		snprintf(label, sizeof label, "  the same, %d others saving at that moment", opt.writers);
		row_set(row_add(label, U_MS, 50), &capp, &cbase);
		if (failed || others)
			printf("  %d of %d saves measured and %d of the others' refused: the database stayed locked for %d ms\n",
			       failed, 2 * n, others, cfg.busy_timeout_ms);
	}
	save_raw(NULL);
	saver_free(&s);
	free(app.v);
	free(base.v);
	free(capp.v);
	free(cbase.v);
	free(idle.v);
}

/* ---- the counts of the work desk ----------------------------------------------------------- */

static void bench_counts(const char *label, int64_t mediator)
{
	static const char *const all_sql[] = {
		"SELECT sum(n) FROM search_counts",
		"SELECT sum(n) FROM search_counts WHERE status = 'registered'",
		"SELECT sum(n) FROM search_counts WHERE status = 'confirmed'",
		"SELECT sum(n) FROM search_counts WHERE status = 'accepted'",
		"SELECT count(*) FROM cases WHERE status IN ('registered','confirmed','accepted','assigned','mediating')"
		" AND deadline BETWEEN ?1 AND ?2",
		"SELECT count(*) FROM cases WHERE status IN ('registered','confirmed','accepted','assigned','mediating')"
		" AND deadline < ?1",
		"SELECT count(*) FROM cases WHERE status IN ('registered','confirmed','accepted','assigned','mediating')"
		" AND last_event_at < ?3",
		"SELECT count(*) FROM search_followups WHERE due <= ?1",
	};
	static const char *const med_sql[] = {
		"SELECT sum(n) FROM search_counts WHERE mediator_id = ?4",
		"SELECT sum(n) FROM search_counts WHERE status = 'registered' AND mediator_id = ?4",
		"SELECT sum(n) FROM search_counts WHERE status = 'confirmed' AND mediator_id = ?4",
		"SELECT sum(n) FROM search_counts WHERE status = 'accepted' AND mediator_id = ?4",
		"SELECT count(*) FROM cases WHERE mediator_id = ?4 AND status IN ('assigned','mediating')"
		" AND deadline BETWEEN ?1 AND ?2",
		"SELECT count(*) FROM cases WHERE mediator_id = ?4 AND status IN ('assigned','mediating')"
		" AND deadline < ?1",
		"SELECT count(*) FROM cases WHERE mediator_id = ?4 AND status IN ('assigned','mediating')"
		" AND last_event_at < ?3",
		"SELECT count(*) FROM search_followups WHERE mediator_id = ?4 AND due <= ?1",
	};
	const char *const *sql = mediator ? med_sql : all_sql;
	sqlite3_stmt *st[8];
	struct samples app = {0}, base = {0};
	struct queue_bounds b;
	struct actor who = searcher(mediator);
	int n = opt.iter, w = warmups();

	queue_bounds(&cfg, today, &b);
	for (int k = 0; k < 8; k++)
		st[k] = raw_prep(sql[k]);
	for (int i = 0; i < n + w; i++) {
		int64_t counts[Q_COUNT];
		double t0 = now_ms();
		if (queue_counts(db, &cfg, &who, today, counts) < 0)
			die("queue_counts: %s", tj_errmsg());
		if (i >= w)
			sample_add(&app, now_ms() - t0);
		if (i == 0) {
			printf("  %-44s", label);
			for (int q = 0; q < Q_COUNT; q++)
				printf(" %s %lld", q ? queue_keyword((enum queue)q) : "all", (long long)counts[q]);
			putchar('\n');
		}
		t0 = now_ms();
		for (int k = 0; k < 8; k++) {
			sqlite3_bind_text(st[k], 1, b.today, -1, SQLITE_STATIC);
			sqlite3_bind_text(st[k], 2, b.soon, -1, SQLITE_STATIC);
			sqlite3_bind_text(st[k], 3, b.stale, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st[k], 4, mediator);
			raw_run(st[k]);
		}
		if (i >= w)
			sample_add(&base, now_ms() - t0);
	}
	for (int k = 0; k < 8; k++)
		sqlite3_finalize(st[k]);
	row_set(row_add(label, U_MS, 50), &app, &base);
	free(app.v);
	free(base.v);
}

/* ---- the statistics export ------------------------------------------------------------------- */

/* The export in a child process, for its peak memory: *secs and *peak_mb
 * (the child's maximum resident set), *ncases. */
static int export_in_child(const struct report_period *p, const char *path, double *secs, double *cpu,
			   double *peak_mb, int64_t *ncases)
{
	int fd[2];
	pid_t pid;

	if (pipe(fd) < 0)
		die("pipe: %s", strerror(errno));
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		close(fd[0]);
		struct db *h = db_open(opt.db, 0, cfg.busy_timeout_ms);
		struct report_opts ro = {.today = today};
		double t0 = now_ms(), res[2] = {-1, 0};
		int64_t nc = 0;
		if (h && report_export(h, &cfg, &bench_admin, p, path, &ro, NULL, NULL, &nc) == REPORT_OK) {
			res[0] = (now_ms() - t0) / 1e3;
			res[1] = (double)nc;
		} else {
			fprintf(stderr, "bench: export: %s\n", tj_errmsg());
		}
		if (write(fd[1], res, sizeof res) != (ssize_t)sizeof res)
			_exit(3);
		db_close(h);
		_exit(res[0] < 0 ? 3 : 0);
	}
	close(fd[1]);
	double res[2] = {-1, 0};
	ssize_t got = read(fd[0], res, sizeof res);
	close(fd[0]);
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0 || got != (ssize_t)sizeof res || res[0] < 0)
		return -1;
	*secs = res[0];
	*cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec +
	       ((double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec) / 1e6;
	*ncases = (int64_t)res[1];
	*peak_mb = (double)ru.ru_maxrss / 1024.0;
	return 0;
}

/* The first day of the period that ends on `to` and holds n cases. */
static void range_of(int64_t n, const char *to, char from[11])
{
	sqlite3_stmt *st = raw_prep("SELECT received FROM cases WHERE received <= ?1 ORDER BY received DESC LIMIT 1 OFFSET ?2");

	sqlite3_bind_text(st, 1, to, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, n - 1);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(from, 11, "%s", (const char *)sqlite3_column_text(st, 0));
	} else { /* fewer cases than that: all of them */
		sqlite3_finalize(st);
		st = raw_prep("SELECT min(received) FROM cases");
		sqlite3_step(st);
		snprintf(from, 11, "%s", sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "");
	}
	sqlite3_finalize(st);
}

/* The exports the targets name - a month of a court with 20,000 cases a
 * month, a year of 250,000 - as the periods that end with last month and
 * hold that many cases (the demo's months are fuller than that), and the
 * calendar month itself for information.  Each after one run that is not
 * counted: the statistics read a period of rows, and the first run reads
 * them from the disk. */
static void bench_export(const char *dir)
{
	int y, m, d;
	char month[8], last[11], from[11], label[80];
	struct report_period p;

	date_to_ymd(today, &y, &m, &d);
	tj_day end = date_from_ymd(y, m, 1) - 1;
	date_to_ymd(end, &y, &m, &d);
	snprintf(month, sizeof month, "%04d-%02d", y, m);
	date_format(end, last);

	static const struct {
		const char *what;
		int64_t cases; /* 0: the calendar month */
		double limit_s, limit_mb;
		int runs;
	} runs[] = {
		{"a month", 20000, 2, 0, 3},
		{"a year", 250000, 15, 100, 1},
		{NULL, 0, 0, 0, 1},
	};
	for (size_t i = 0; i < TJ_ARRAY_LEN(runs); i++) {
		if (runs[i].cases == 0) {
			if (report_period_month(month, &p) < 0)
				die("period %s: %s", month, tj_errmsg());
		} else {
			range_of(runs[i].cases, last, from);
			if (report_period_range(from, last, &p) < 0)
				die("period %s..%s: %s", from, last, tj_errmsg());
		}
		char *path = xasprintf("%s/export-%zu.xlsx", dir, i);
		struct samples secs = {0}, mem = {0}, cpus = {0};
		int64_t nc = 0;
		int reps = opt.quick ? 1 : runs[i].runs;
		for (int r = 0; r <= reps; r++) {
			double sec, cpu, mb;
			if (export_in_child(&p, path, &sec, &cpu, &mb, &nc) < 0) {
				struct row *x = row_add("export", U_S, runs[i].limit_s);
				snprintf(x->note, sizeof x->note, "failed (see above)");
				goto next;
			}
			if (r == 0 && !opt.quick)
				continue; /* from the disk */
			sample_add(&secs, sec);
			sample_add(&cpus, cpu);
			sample_add(&mem, mb);
		}
		if (runs[i].cases == 0) {
			snprintf(label, sizeof label, "export: the month %s (%lld cases)", month, (long long)nc);
		} else {
			snprintf(label, sizeof label, "export: %s (%lld cases)", runs[i].what, (long long)nc);
			printf("  %-44s %s to %s\n", label, from, last);
		}
		struct row *x = row_add(label, U_S, runs[i].limit_s);
		x->by_median = 1;
		row_set(x, &secs, NULL);
		/* on a shared machine the time taken follows the load; the
		 * processor time it used does not */
		x = row_add("  CPU time of that export", U_S, 0);
		x->by_median = 1;
		row_set(x, &cpus, NULL);
		x = row_add("  peak memory of that export", U_MB, runs[i].limit_mb);
		x->by_median = 1;
		row_set(x, &mem, NULL);
	next:
		unlink(path);
		free(path);
		free(secs.v);
		free(cpus.v);
		free(mem.v);
	}
}

/* ---- the full-screen program in a pseudo-terminal --------------------------------------------- */

struct pty_run {
	pid_t pid;
	int fd;
	char *buf;
	size_t len, cap;
};

static void pty_start(struct pty_run *p, char *const argv[])
{
	struct winsize ws = {.ws_row = 24, .ws_col = 80};

	memset(p, 0, sizeof *p);
	fflush(stdout);
	fflush(stderr);
	p->pid = forkpty(&p->fd, NULL, NULL, &ws);
	if (p->pid < 0)
		die("forkpty: %s", strerror(errno));
	if (p->pid == 0) {
		setenv("TERM", "xterm", 1);
		setenv("LANG", "C.UTF-8", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		setenv("XDG_CONFIG_HOME", "/nonexistent-tiaojie-bench", 1);
		unsetenv("TIAOJIE_DB");
		execv(argv[0], argv);
		_exit(127);
	}
}

/* Read until marker appears in what was read since `from`; 0, or -1 at
 * the end of the output or after timeout_ms. */
static int pty_wait(struct pty_run *p, size_t from, const char *marker, int timeout_ms)
{
	double end = now_ms() + timeout_ms;

	for (;;) {
		if (p->len > from && memmem(p->buf + from, p->len - from, marker, strlen(marker)))
			return 0;
		int left = (int)(end - now_ms());
		if (left <= 0)
			return -1;
		struct pollfd pfd = {.fd = p->fd, .events = POLLIN};
		if (poll(&pfd, 1, left) <= 0)
			continue;
		if (p->len + 4096 > p->cap) {
			p->cap = p->cap ? p->cap * 2 : 65536;
			p->buf = xrealloc(p->buf, p->cap);
		}
		ssize_t r = read(p->fd, p->buf + p->len, 4096);
		if (r <= 0)
			return -1;
		p->len += (size_t)r;
	}
}

static void pty_end(struct pty_run *p)
{
	int status;

	kill(p->pid, SIGTERM);
	for (int i = 0; i < 200; i++) {
		char tmp[4096];
		if (waitpid(p->pid, &status, WNOHANG) == p->pid)
			goto done;
		struct pollfd pfd = {.fd = p->fd, .events = POLLIN};
		if (poll(&pfd, 1, 10) > 0 && read(p->fd, tmp, sizeof tmp) < 0)
			usleep(10000);
	}
	kill(p->pid, SIGKILL);
	waitpid(p->pid, &status, 0);
done:
	close(p->fd);
	free(p->buf);
}

/* VmRSS or VmHWM of a process, in MB; -1 unknown. */
static double proc_mem(pid_t pid, const char *field)
{
	char path[64], line[256];
	double kb = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if (!(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, field, strlen(field)) == 0 && line[strlen(field)] == ':')
			kb = atof(line + strlen(field) + 1);
	fclose(f);
	return kb < 0 ? -1 : kb / 1024.0;
}

static void bench_startup(void)
{
	int n = opt.iter / 4 > 3 ? opt.iter / 4 : 3, w = 2;
	struct samples login = {0}, desk = {0}, total = {0}, exec_base = {0}, hash = {0}, rss = {0}, hwm = {0};
	char *argv[] = {(char *)opt.app, (char *)"--db", (char *)opt.db, NULL};
	char *vargv[] = {(char *)opt.app, (char *)"--version", NULL};
	char *pw_hash = NULL;
	sqlite3_stmt *st = raw_prep("SELECT pw_hash FROM users WHERE login = '" ADMIN_LOGIN "'");

	if (sqlite3_step(st) == SQLITE_ROW)
		pw_hash = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (access(opt.app, X_OK) != 0 || !pw_hash) {
		struct row *r = row_add("start-up to the drawn login screen", U_MS, 100);
		snprintf(r->note, sizeof r->note, "n/a (%s)", pw_hash ? "no program to start" : "no admin account");
		free(pw_hash);
		return;
	}
	for (int i = 0; i < n + w; i++) {
		struct pty_run p;
		double t0 = now_ms();
		pty_start(&p, argv);
		if (pty_wait(&p, 0, LOGIN_MARKER, 20000) < 0)
			die("the login screen did not appear; the program wrote: %.*s", (int)(p.len > 2000 ? 2000 : p.len),
			    p.buf ? p.buf : "");
		double t1 = now_ms();
		size_t mark = p.len;
		const char keys[] = ADMIN_LOGIN "\r" ADMIN_PASSWORD "\r";
		if (write(p.fd, keys, sizeof keys - 1) != (ssize_t)(sizeof keys - 1))
			die("write to the terminal: %s", strerror(errno));
		double t2 = now_ms();
		if (pty_wait(&p, mark, DESK_MARKER, 20000) < 0)
			die("the work desk did not appear");
		double t3 = now_ms();
		if (i >= w) {
			sample_add(&login, t1 - t0);
			sample_add(&desk, t3 - t2);
			sample_add(&total, (t1 - t0) + (t3 - t2));
			sample_add(&rss, proc_mem(p.pid, "VmRSS"));
			sample_add(&hwm, proc_mem(p.pid, "VmHWM"));
		}
		pty_end(&p);

		/* the floor: the same program started to print its version */
		t0 = now_ms();
		pty_start(&p, vargv);
		pty_wait(&p, 0, "tiaojie", 5000);
		waitpid(p.pid, NULL, 0);
		if (i >= w)
			sample_add(&exec_base, now_ms() - t0);
		close(p.fd);
		free(p.buf);

		t0 = now_ms();
		if (auth_verify(ADMIN_PASSWORD, pw_hash) != 1)
			die("the admin password is not %s", ADMIN_PASSWORD);
		if (i >= w)
			sample_add(&hash, now_ms() - t0);
	}
	struct row *r = row_add("start-up to the drawn login screen", U_MS, 0);
	row_set(r, &login, &exec_base);
	r = row_add("log-in: password to the drawn work desk", U_MS, 0);
	row_set(r, &desk, &hash);
	r = row_add("start-up to the drawn work desk (no typing)", U_MS, 100);
	row_set(r, &total, NULL);
	double h = quantile(&hash, 0.5);
	snprintf(r->label, sizeof r->label, "start-up to the drawn desk (no typing)");
	r = row_add("  of which the password check (yescrypt)", U_MS, 0);
	row_set(r, &hash, NULL);
	/* the program's own part: everything but yescrypt */
	struct samples own = {0};
	for (int i = 0; i < total.n; i++)
		sample_add(&own, total.v[i] - h);
	r = row_add("  start-up to the desk without yescrypt", U_MS, 100);
	row_set(r, &own, NULL);
	r = row_add("memory of the program at the desk (VmRSS)", U_MB, 0);
	r->by_median = 1;
	row_set(r, &rss, NULL);
	r = row_add("  peak memory of the program (VmHWM)", U_MB, 40);
	r->by_median = 1;
	row_set(r, &hwm, NULL);
	free(pw_hash);
	free(login.v);
	free(desk.v);
	free(total.v);
	free(exec_base.v);
	free(hash.v);
	free(rss.v);
	free(hwm.v);
	free(own.v);
}

/* ---- many sessions at once ------------------------------------------------------------------------ */

/* The proportional set size of a process (its own pages, and its share of
 * those it shares with the other sessions: libraries, the database's
 * mapped -shm), in MB; -1 unknown. */
static double proc_pss(pid_t pid)
{
	char path[64], line[256];
	double kb = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/smaps_rollup", (int)pid);
	if (!(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, "Pss:", 4) == 0)
			kb = atof(line + 4);
	fclose(f);
	return kb < 0 ? -1 : kb / 1024.0;
}

/* Read and forget what the sessions have written (a terminal nobody reads
 * would stop them), waiting up to ms for it. */
static void drain(struct pty_run *p, int n, int ms)
{
	double end = now_ms() + ms;

	do {
		for (int i = 0; i < n; i++) {
			char tmp[4096];
			struct pollfd pfd = {.fd = p[i].fd, .events = POLLIN};
			while (poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLIN) && read(p[i].fd, tmp, sizeof tmp) > 0)
				;
		}
		if (ms > 0)
			usleep(20000);
	} while (now_ms() < end);
}

/* A court's server at the busy hour: opt.sessions full-screen programs
 * (ssh sessions) logged in and idle at the work desk, each one's memory,
 * and a save made while they are all open (they watch the database for
 * others' saves to refresh their counts). */
static void bench_sessions(void)
{
	int n = opt.sessions, w = warmups();
	char *argv[] = {(char *)opt.app, (char *)"--db", (char *)opt.db, NULL};
	const char keys[] = ADMIN_LOGIN "\r" ADMIN_PASSWORD "\r";
	struct samples rss = {0}, pss = {0}, saves = {0};
	char label[96];

	if (n <= 0)
		return;
	if (access(opt.app, X_OK) != 0) {
		snprintf(label, sizeof label, "%d sessions at the desk: memory each (PSS)", n);
		snprintf(row_add(label, U_MB, 15)->note, sizeof rows[0].note, "n/a (no program to start)");
		return;
	}
	struct pty_run *p = xcalloc((size_t)n, sizeof *p);
	for (int i = 0; i < n; i++) {
		pty_start(&p[i], argv);
		if (pty_wait(&p[i], 0, LOGIN_MARKER, 20000) < 0)
			die("session %d: the login screen did not appear", i + 1);
		size_t mark = p[i].len;
		if (write(p[i].fd, keys, sizeof keys - 1) != (ssize_t)(sizeof keys - 1))
			die("write to the terminal: %s", strerror(errno));
		if (pty_wait(&p[i], mark, DESK_MARKER, 20000) < 0)
			die("session %d: the work desk did not appear", i + 1);
		free(p[i].buf);
		p[i].buf = NULL;
		p[i].len = p[i].cap = 0;
		drain(p, i + 1, 0);
	}
	drain(p, n, 1500); /* idle: drawn, counted, waiting for a key */
	for (int i = 0; i < n; i++) {
		sample_add(&rss, proc_mem(p[i].pid, "VmRSS"));
		sample_add(&pss, proc_pss(p[i].pid));
	}

	struct saver s;
	saver_init(&s, db, (unsigned)(getpid() + time(NULL) + 17) % 1000);
	s.k = (uint64_t)time(NULL) * 11 + (uint64_t)getpid();
	for (int i = 0; i < opt.iter + w; i++) {
		double a = save_one(&s);
		if (a < 0)
			die("a save with %d sessions open failed: %s", n, tj_errmsg());
		db_idle(db, 0);
		drain(p, n, 0);
		if (i >= w)
			sample_add(&saves, a);
	}
	saver_free(&s);
	for (int i = 0; i < n; i++)
		pty_end(&p[i]);
	free(p);

	snprintf(label, sizeof label, "%d sessions at the desk: memory each (PSS)", n);
	struct row *r = row_add(label, U_MB, 15);
	r->by_median = 1;
	row_set(r, &pss, NULL);
	r = row_add("  the same, resident (VmRSS)", U_MB, 0);
	r->by_median = 1;
	row_set(r, &rss, NULL);
	snprintf(label, sizeof label, "save an application, %d sessions open", n);
	row_set(row_add(label, U_MS, 50), &saves, NULL);
	free(rss.v);
	free(pss.v);
	free(saves.v);
}

/* ---- the run --------------------------------------------------------------------------------- */

/* Is the section to be run (--only)? */
static int wanted(const char *section)
{
	size_t n = strlen(section);

	if (!opt.only)
		return 1;
	for (const char *p = opt.only; (p = strstr(p, section)); p += n)
		if ((p == opt.only || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

static void usage(void)
{
	fputs("usage: bench --db FILE [--app PROGRAM] [--iter N] [--writers N] [--sessions N]"
	      " [--gen-seconds S --gen-cases N [--gen-cpu S] [--gen-cached]] [--quick]\n"
	      "       [--only startup,search,list,detail,counts,save,doc,sessions,export]\n",
	      stderr);
	exit(2);
}

static void loadavg(char *out, size_t n)
{
	FILE *f = fopen("/proc/loadavg", "r");

	if (!f || !fgets(out, (int)n, f))
		snprintf(out, n, "?");
	if (f)
		fclose(f);
	out[strcspn(out, "\n")] = '\0';
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},       {"app", required_argument, NULL, 'a'},
		{"iter", required_argument, NULL, 'i'},     {"writers", required_argument, NULL, 'w'},
		{"gen-seconds", required_argument, NULL, 's'}, {"gen-cases", required_argument, NULL, 'c'},
		{"gen-cached", no_argument, NULL, 'C'},     {"quick", no_argument, NULL, 'q'},
		{"only", required_argument, NULL, 'o'},     {"gen-cpu", required_argument, NULL, 'u'},
		{"sessions", required_argument, NULL, 'S'},
		{0, 0, 0, 0},
	};
	int c;
	char load0[128], load1[128];
	struct stat stb;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': opt.db = optarg; break;
		case 'a': opt.app = optarg; break;
		case 'i': opt.iter = atoi(optarg); break;
		case 'w': opt.writers = atoi(optarg); break;
		case 's': opt.gen_seconds = atof(optarg); break;
		case 'c': opt.gen_cases = atol(optarg); break;
		case 'C': opt.gen_cached = 1; break;
		case 'q': opt.quick = 1; break;
		case 'o': opt.only = optarg; break;
		case 'u': opt.gen_cpu = atof(optarg); break;
		case 'S': opt.sessions = atoi(optarg); break;
		default: usage();
		}
	}
	if (!opt.db || optind < argc || opt.iter < 1)
		usage();
	main_pid = getpid();
	if (stat(opt.db, &stb) != 0)
		die("%s: %s", opt.db, strerror(errno));
	config_defaults(&cfg);
	today = tj_today();
	db = db_open(opt.db, 0, cfg.busy_timeout_ms);
	if (!db)
		die("%s", tj_errmsg());
	db_defer_checkpoints(db); /* as the full-screen program does */
	max_cases = raw_int("SELECT max(id) FROM cases");
	max_persons = raw_int("SELECT max(id) FROM persons");
	max_employers = raw_int("SELECT max(id) FROM employers");
	if (max_cases < 1 || max_persons < 1 || max_employers < 1)
		die("%s holds no cases: make it with tiaojie demo", opt.db);

	loadavg(load0, sizeof load0);
	printf("tiaojie benchmark: %lld cases, %lld persons, %lld employers in %s (%.2f GB)\n",
	       (long long)raw_int("SELECT sum(n) FROM search_counts"), (long long)max_persons, (long long)max_employers,
	       opt.db, (double)stb.st_size / 1e9);
	printf("%ld CPUs, load average at the start %s; %d runs of each (after %d warm-up), %d rows a page\n",
	       sysconf(_SC_NPROCESSORS_ONLN), load0, opt.iter, warmups(), PAGE);
	fflush(stdout);

	if (opt.gen_seconds >= 0) {
		char label[80];
		snprintf(label, sizeof label, "generate %ld cases (tiaojie demo)%s", opt.gen_cases,
			 opt.gen_cached ? ", earlier" : "");
		struct row *r = row_add(label, U_S, 300);
		r->by_median = 1;
		r->med = opt.gen_seconds;
		if (opt.gen_cpu >= 0) {
			r = row_add("  CPU time of the generation", U_S, 0);
			r->by_median = 1;
			r->med = opt.gen_cpu;
		}
	}

	int64_t med = raw_int("SELECT mediator_id FROM users WHERE login = 'mediator1'");
	if (wanted("startup"))
		bench_startup();
	for (size_t i = 0; i < TJ_ARRAY_LEN(searches) && wanted("search"); i++)
		bench_search(&searches[i]);
	if (wanted("search")) {
		bench_employer_pick("employer picker: name part, 2 characters", 2, 2);
		bench_employer_pick("employer picker: name part, 4 characters", 4, 4);
		bench_employer_pick("employer picker: any part, 2-8 characters", 2, 8);
	}
	if (wanted("list")) {
		bench_list("list: one status, by deadline", 1, 0, SORT_DEADLINE,
			   "SELECT id FROM cases WHERE status = ?1 ORDER BY deadline NULLS LAST, received, year, seq,"
			   " id LIMIT ?2 OFFSET ?3",
			   "SELECT sum(n) FROM search_counts WHERE status = ?1");
		bench_list("list: all cases, newest first", 0, 0, SORT_RECEIVED_DESC,
			   "SELECT id FROM cases ORDER BY received DESC, year DESC, seq DESC, id DESC LIMIT ?2 OFFSET ?3",
			   "SELECT sum(n) FROM search_counts");
		if (med > 0)
			bench_list("list: a mediator's own cases, newest first", 0, med, SORT_RECEIVED_DESC,
				   "SELECT id FROM cases WHERE mediator_id = ?1 ORDER BY received DESC, year DESC, seq DESC,"
				   " id DESC LIMIT ?2 OFFSET ?3",
				   "SELECT sum(n) FROM search_counts WHERE mediator_id = ?1");
	}
	if (wanted("detail"))
		bench_detail();
	if (wanted("counts")) {
		bench_counts("work-desk counts, every queue (admin)", 0);
		if (med > 0)
			bench_counts("work-desk counts, every queue (a mediator)", med);
	}
	if (wanted("save"))
		bench_save();
	if (wanted("doc")) {
		char *dir = xasprintf("%s.doc-XXXXXX", opt.db);
		if (!mkdtemp(dir))
			die("mkdtemp %s: %s", dir, strerror(errno));
		export_dir = dir;
		bench_agreement_pdf(dir);
		remove_export_dir();
		export_dir = NULL;
		free(dir);
	}
	if (wanted("sessions"))
		bench_sessions();
	if (wanted("export")) {
		char *dir = xasprintf("%s.export-XXXXXX", opt.db);
		if (!mkdtemp(dir))
			die("mkdtemp %s: %s", dir, strerror(errno));
		export_dir = dir;
		bench_export(dir);
		remove_export_dir();
		export_dir = NULL;
		free(dir);
	}

	loadavg(load1, sizeof load1);
	printf("\nload average at the end %s\n\n", load1);
	int missed = print_table();
	printf("\n%s\n", missed ? "SOME TARGETS MISSED" : "every target holds");
	db_close(db);
	return missed ? 1 : 0;
}
