/*
 * test_mixed_conc.c - sixteen processes, five hundred mixed operations
 * each, on one database file (issue 17's suite): a fifth of them register
 * an application, the rest change one of thirty shared cases (the actions
 * case_actions offers, filled in validly, saved with the version loaded,
 * now and then a stale version on purpose).  Afterwards:
 *   - 0 lost updates: each case's version is 1 plus the changes the
 *     workers were told were saved, and its case events match;
 *   - 0 duplicate numbers: every registration has its case, the year's
 *     numbers run 1..N without a gap or a repeat, the counter at N;
 *   - 0 raw SQLITE_BUSY: no operation failed because another held the
 *     lock (the busy timeout waits instead), no stale save accepted;
 *   - the file passes integrity_check and the event log check.
 * (The 64 parallel wrong-password logins are test_login_race.c.)
 */
#include <sys/wait.h>
#include <time.h>

#include "mixops.h"
#include "tap.h"
#include "testdb.h"
#include "tiaojie/auth.h"
#include "tiaojie/store.h"

#define PROCS 16
#define OPS 500
#define NCASES 30
#define NMED 6

static int64_t med_ids[NMED];

/* the counts a worker writes at the end of its log */
enum { W_CHANGED, W_REGISTERED, W_CONFLICT, W_CLASH, W_STALE_REFUSED, W_BUSY, W_OTHER, W_N };

static int raw_busy(const char *msg)
{
	return strstr(msg, "其他用户写入") || strstr(msg, "locked") || strstr(msg, "busy") || strstr(msg, "SQLITE");
}

static int worker(const char *path, int k)
{
	struct mix m = {.rng = UINT64_C(0x9E3779B97F4A7C15) * (uint64_t)(k + 7), .med = med_ids, .nmed = NMED};
	int n[W_N] = {0};
	char logname[32], case_no[64];

	setenv("TIAOJIE_NOW", "2026-11-20 23:59:00", 1);
	config_defaults(&m.cfg);
	holidays_init(&m.hol);
	m.db = db_open(path, 0, 30000);
	if (!m.db || holidays_from_db(m.db, &m.hol) < 0) {
		fprintf(stderr, "worker %d: %s\n", k, tj_errmsg());
		return 100;
	}
	snprintf(logname, sizeof logname, "mlog.%d", k);
	FILE *log = fopen(testdb_path(logname), "w");
	if (!log)
		return 101;
	for (int i = 0; i < OPS; i++) {
		if (mix_rnd(&m, 5) == 0) {
			if (mix_register(&m, k, i, case_no) == 0) {
				n[W_REGISTERED]++;
				fprintf(log, "R %s\n", case_no);
			} else {
				fprintf(stderr, "worker %d: register: %s\n", k, tj_errmsg());
				n[raw_busy(tj_errmsg()) ? W_BUSY : W_OTHER]++;
			}
			continue;
		}
		int64_t id = 1 + mix_rnd(&m, NCASES);
		enum case_action a = ACT_COUNT;
		int stale;
		switch (mix_case_op(&m, id, 1, &a, &stale)) {
		case MIX_CHANGED:
			if (stale) {
				fprintf(stderr, "worker %d: a stale save of case %lld accepted\n", k, (long long)id);
				n[W_OTHER]++;
			}
			n[W_CHANGED]++;
			fprintf(log, "C %lld %s\n", (long long)id, action_keyword(a));
			break;
		case MIX_CONFLICT:
			n[stale ? W_STALE_REFUSED : W_CONFLICT]++;
			break;
		case MIX_CLASH:
			n[W_CLASH]++;
			break;
		case MIX_NOTHING:
			break;
		case MIX_ERROR:
			fprintf(stderr, "worker %d: %s on case %lld: %s\n", k, a < ACT_COUNT ? action_keyword(a) : "load",
				(long long)id, tj_errmsg());
			n[raw_busy(tj_errmsg()) ? W_BUSY : W_OTHER]++;
			break;
		}
	}
	fprintf(log, "#");
	for (int j = 0; j < W_N; j++)
		fprintf(log, " %d", n[j]);
	fprintf(log, "\n");
	fclose(log);
	holidays_free(&m.hol);
	db_close(m.db);
	config_free(&m.cfg);
	return 0;
}

int main(void)
{
	struct config cfg;
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	setenv("TIAOJIE_NOW", "2026-11-20 10:00:00", 1);
	config_defaults(&cfg);
	struct db *db = testdb_new("mixed.db");
	char path[256];
	snprintf(path, sizeof path, "%s", testdb_path("mixed.db"));

	if (auth_user_add(db, &cfg, 0, "admin", "管理员", "admin", "secret-pass-1", 0) < 0) {
		fprintf(stderr, "%s\n", tj_errmsg());
		return 1;
	}
	for (int i = 0; i < NMED; i++) {
		char name[32];
		snprintf(name, sizeof name, "调解员%d", i + 1);
		struct mediator_row mr = {.name = name, .side = "union", .capacity = 400, .active = 1,
					  .created_at = "2026-01-01 09:00:00"};
		if (db_mediator_insert(db, &mr) < 0)
			return 1;
		med_ids[i] = mr.id;
	}
	struct mix setup = {.db = db, .cfg = cfg};
	for (int i = 0; i < NCASES; i++)
		if (mix_register(&setup, 99, i, NULL) < 0) {
			fprintf(stderr, "register: %s\n", tj_errmsg());
			return 1;
		}
	db_close(db);

	fflush(NULL);
	pid_t pids[PROCS];
	for (int k = 0; k < PROCS; k++) {
		pids[k] = fork();
		if (pids[k] == 0)
			_exit(worker(path, k));
	}
	for (int k = 0; k < PROCS; k++) {
		int st;
		waitpid(pids[k], &st, 0);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "worker %d: status %d", k, st);
	}

	/* what the workers were told */
	static int per_case[NCASES + 1];
	int tot[W_N] = {0}, lines_c = 0, lines_r = 0;
	for (int k = 0; k < PROCS; k++) {
		char name[32], line[160];
		snprintf(name, sizeof name, "mlog.%d", k);
		FILE *f = fopen(testdb_path(name), "r");
		CHECK(f != NULL, "log %d", k);
		if (!f)
			continue;
		while (fgets(line, sizeof line, f)) {
			long long id;
			char act[32];
			int v[W_N];
			if (sscanf(line, "# %d %d %d %d %d %d %d", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6]) ==
			    W_N) {
				for (int j = 0; j < W_N; j++)
					tot[j] += v[j];
			} else if (sscanf(line, "C %lld %31s", &id, act) == 2 && id >= 1 && id <= NCASES) {
				per_case[id]++;
				lines_c++;
			} else if (line[0] == 'R') {
				lines_r++;
			} else {
				CHECK(0, "bad log line %s", line);
			}
		}
		fclose(f);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr,
		"%d processes x %d operations in %.1f s: %d changes, %d registrations, %d conflicts "
		"(+%d stale refused), %d booking clashes, %d raw busy, %d other errors\n",
		PROCS, OPS, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, tot[W_CHANGED],
		tot[W_REGISTERED], tot[W_CONFLICT], tot[W_STALE_REFUSED], tot[W_CLASH], tot[W_BUSY], tot[W_OTHER]);
	CHECK_INT(lines_c, tot[W_CHANGED]);
	CHECK_INT(lines_r, tot[W_REGISTERED]);
	CHECK_INT(tot[W_BUSY], 0);
	CHECK_INT(tot[W_OTHER], 0);
	CHECK(tot[W_REGISTERED] > PROCS * OPS / 8, "only %d registrations", tot[W_REGISTERED]);
	/* the rest found their case closed meanwhile (the actions that close
	 * one are among those offered): 1,881 changes of 8,000 on a quiet
	 * machine */
	CHECK(tot[W_CHANGED] > PROCS * OPS / 8, "only %d changes", tot[W_CHANGED]);
	CHECK(tot[W_CONFLICT] > 0, "no race between the processes");
	CHECK(tot[W_STALE_REFUSED] > 0, "no stale save tried");

	db = db_open(path, 0, 5000);
	CHECK(db != NULL, "%s", tj_errmsg());
	if (!db)
		return tap_done();
	/* 0 lost updates */
	int lost = 0, bad_events = 0;
	for (int i = 1; i <= NCASES; i++) {
		char sql[256];
		snprintf(sql, sizeof sql, "SELECT version FROM cases WHERE id = %d", i);
		lost += testdb_int(db, sql) != 1 + per_case[i];
		snprintf(sql, sizeof sql,
			 "SELECT count(*) FROM events WHERE case_id = %d AND entity = 'case' AND action != 'note'", i);
		bad_events += testdb_int(db, sql) != 1 + per_case[i];
	}
	CHECK_INT(lost, 0);
	CHECK_INT(bad_events, 0);
	/* 0 duplicate numbers, none lost */
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM cases"), NCASES + tot[W_REGISTERED]);
	CHECK_INT(testdb_int(db, "SELECT count(DISTINCT case_no) FROM cases"), NCASES + tot[W_REGISTERED]);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM (SELECT year FROM cases GROUP BY year "
				 "HAVING count(*) != count(DISTINCT seq) OR min(seq) != 1 OR max(seq) != count(*))"),
		  0);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM case_seq s WHERE last != (SELECT max(seq) FROM cases c "
				 "WHERE c.year = s.year)"),
		  0);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM events e "
				 "WHERE e.case_id = c.id AND e.action = 'register')"),
		  0);
	struct strbuf report;
	struct db_check_info info;
	sb_init(&report);
	CHECK_INT(store_check(db, &report, &info), 0);
	if (report.len)
		fprintf(stderr, "%s", report.buf);
	sb_free(&report);
	db_close(db);
	config_free(&cfg);
	testdb_cleanup();
	return tap_done();
}
