/*
 * test_login_race.c - the lockout holds under parallel attempts: N
 * processes at once try a wrong password on one account; at most
 * lockout_failures of them get their password checked (each checked one
 * leaves a login_failed or lock event), the account ends locked with its
 * counter at the limit, and every process got the one answer.  Before,
 * the counter was read outside the transaction: 16 at once were all
 * checked and the account stayed unlocked.
 */
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"
#include "testdb.h"
#include "tiaojie/auth.h"

static int attempt(const char *path, const struct config *cfg, const char *password)
{
	struct db *db = db_open(path, 0, 20000);
	struct user_rec u = {0};
	int rc;

	if (!db)
		return 3;
	rc = auth_login(db, cfg, "w1", password, &u);
	if (rc == 0)
		user_rec_free(&u);
	int same = rc < 0 && strstr(tj_errmsg(), "账号或密码错误") != NULL;
	db_close(db);
	return rc == 0 ? 0 : same ? 1 : 2;
}

static void race(const struct config *cfg, int n)
{
	char name[32];
	snprintf(name, sizeof name, "race%d.db", n);
	struct db *db = testdb_new(name);
	const char *path = testdb_path(name);
	int answers[4] = {0};

	CHECK_INT(auth_user_add(db, cfg, 0, "w1", "窗口一", "clerk", "demo1234", 0), 0);
	db_close(db);
	pid_t *pids = calloc((size_t)n, sizeof *pids);
	for (int i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(attempt(path, cfg, "wrong-password"));
	}
	for (int i = 0; i < n; i++) {
		int st;
		if (waitpid(pids[i], &st, 0) == pids[i] && WIFEXITED(st) && WEXITSTATUS(st) < 4)
			answers[WEXITSTATUS(st)]++;
	}
	free(pids);
	db = db_open(path, 0, 20000);
	CHECK(db != NULL, "reopen");
	if (!db)
		return;
	CHECK(answers[1] == n, "%d at once: %d got the one answer (%d other, %d no database)", n, answers[1],
	      answers[2], answers[3]);
	int64_t checked = testdb_int(db, "SELECT count(*) FROM events WHERE entity = 'user' AND action IN "
					 "('login_failed', 'lock') AND after LIKE '连续失败%'");
	CHECK(checked <= cfg->lockout_failures, "%d at once: %lld passwords checked (at most %d)", n,
	      (long long)checked, cfg->lockout_failures);
	CHECK_INT(testdb_int(db, "SELECT locked FROM users WHERE login = 'w1'"), 1);
	CHECK_INT(testdb_int(db, "SELECT failed FROM users WHERE login = 'w1'"), cfg->lockout_failures);
	/* locked: the right password is refused too */
	struct user_rec u = {0};
	CHECK_INT(auth_login(db, cfg, "w1", "demo1234", &u), -1);
	db_close(db);
}

int main(void)
{
	struct config cfg;

	setenv("TIAOJIE_NOW", "2026-11-20 10:00:00", 1);
	config_defaults(&cfg);
	race(&cfg, 16);
	race(&cfg, 64);
	config_free(&cfg);
	testdb_cleanup();
	return tap_done();
}
