/*
 * test_concurrency.c - case numbers stay unique under concurrent saves:
 * several processes register applications on one database file at the
 * same time; afterwards every case is there once, the numbers of the year
 * run 1..N without a gap or a repeat, every case has its event, and the
 * file passes the integrity check.
 */
#include <sys/wait.h>

#include "tap.h"
#include "testdb.h"
#include "tiaojie/intake.h"

#define PROCS 6
#define EACH 25

static int worker(const char *path, int k)
{
	struct config cfg;
	struct actor clerk = {.role = ROLE_CLERK};
	struct db *db;
	char id[32];
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int failures = 0;

	config_defaults(&cfg);
	db = db_open(path, 0, 10000);
	if (!db)
		return 100;
	for (int i = 0; i < EACH; i++) {
		/* a distinct valid ID per process and case */
		snprintf(id, sizeof id, "3101041985%02d%02d%03d", 1 + k, 1 + i % 28, 100 + i);
		int sum = 0;
		for (int j = 0; j < 17; j++)
			sum += (id[j] - '0') * w[j];
		id[17] = "10X98765432"[sum % 11];
		id[18] = '\0';
		struct intake_person p = {.id_type = "id", .id_no = id, .name = "并发", .phone = "13800000000"};
		struct intake_employer e = {.name = "并发测试有限公司"};
		struct intake_claim c = {.cause = "0601", .text = "支付工资", .amount = "100"};
		struct intake in = {.channel = "window", .facts = "并发登记", .napplicants = 1, .applicants = &p,
				    .nrespondents = 1, .respondents = &e, .nclaims = 1, .claims = &c};
		struct intake_result res = {0};
		if (intake_register(db, &cfg, &clerk, &in, &res) < 0) {
			fprintf(stderr, "worker %d: %s\n", k, tj_errmsg());
			failures++;
		}
		intake_result_free(&res);
	}
	db_close(db);
	config_free(&cfg);
	return failures;
}

int main(void)
{
	setenv("TIAOJIE_NOW", "2026-11-20 10:00:00", 1);
	struct db *db = testdb_new("conc.db");
	const char *path = testdb_path("conc.db");
	pid_t pids[PROCS];

	db_close(db);
	fflush(NULL);
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
	db = db_open(path, 0, 1000);
	CHECK(db != NULL, "%s", tj_errmsg());
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM cases"), PROCS * EACH);
	CHECK_INT(testdb_int(db, "SELECT count(DISTINCT case_no) FROM cases"), PROCS * EACH);
	CHECK_INT(testdb_int(db, "SELECT min(seq) FROM cases WHERE year = 2026"), 1);
	CHECK_INT(testdb_int(db, "SELECT max(seq) FROM cases WHERE year = 2026"), PROCS * EACH);
	CHECK_INT(testdb_int(db, "SELECT last FROM case_seq WHERE year = 2026"), PROCS * EACH);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM events e "
				 "WHERE e.case_id = c.id AND e.action = 'register')"),
		  0);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM claims"), PROCS * EACH);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM employers"), 1);
	struct strbuf rep;
	sb_init(&rep);
	CHECK_INT(db_check(db, lifecycle_status_actions_json(), &rep), 0);
	if (rep.buf)
		fprintf(stderr, "%s", rep.buf);
	sb_free(&rep);
	db_close(db);
	testdb_cleanup();
	return tap_done();
}
