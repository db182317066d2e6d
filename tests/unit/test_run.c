/*
 * test_run.c - the one process runner (src/base/run.c) that the notify
 * and print commands share: exit codes, stdin delivered, the first line
 * of stderr, a missing program, a timeout that kills the whole group.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "tiaojie/run.h"

static char *slurp(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Running, not a zombie waiting for init to reap it. */
static int process_running(pid_t pid)
{
	char path[64], buf[512];
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if (!(f = fopen(path, "r")))
		return 0;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	const char *rp = strrchr(buf, ')');
	return rp && rp[1] == ' ' && rp[2] != 'Z' && rp[2] != 'X';
}

int main(void)
{
	struct run_result r;
	char dir[] = "/tmp/tj_run_XXXXXX";
	char out[256], pidfile[256], cmd[1024];

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(out, sizeof out, "%s/out", dir);
	snprintf(pidfile, sizeof pidfile, "%s/pid", dir);

	/* success and exit codes */
	CHECK_INT(run_command("true", NULL, NULL, 5000, &r), 0);
	CHECK_INT(r.outcome, RUN_OK);
	CHECK_STR(r.errline, "");
	CHECK_INT(run_command("exit 3", NULL, NULL, 5000, &r), -1);
	CHECK_INT(r.outcome, RUN_EXIT);
	CHECK_INT(r.code, 3);

	/* stdin delivered, positional arguments as $1 $2 */
	snprintf(cmd, sizeof cmd, "{ printf '%%s|%%s|' \"$1\" \"$2\"; cat; } > '%s'", out);
	const char *args[] = {"13812345678", "调（2026）1号", NULL};
	CHECK_INT(run_command(cmd, args, "您好，\n第二行", 5000, &r), 0);
	CHECK_STR(slurp(out), "13812345678|调（2026）1号|您好，\n第二行");

	/* a big input to a command that does not read it: no SIGPIPE, no hang */
	{
		size_t n = 1 << 20;
		char *big = malloc(n + 1);
		memset(big, 'x', n);
		big[n] = '\0';
		CHECK_INT(run_command("exit 0", NULL, big, 5000, &r), 0);
		snprintf(cmd, sizeof cmd, "wc -c > '%s'", out);
		CHECK_INT(run_command(cmd, NULL, big, 5000, &r), 0);
		CHECK_INT(atol(slurp(out)), (long)n);
		free(big);
	}

	/* no input: stdin is empty, not the terminal */
	snprintf(cmd, sizeof cmd, "cat > '%s'", out);
	CHECK_INT(run_command(cmd, NULL, NULL, 5000, &r), 0);
	CHECK_STR(slurp(out), "");

	/* stderr: the first line only, stdout never */
	CHECK_INT(run_command("echo out; echo '打印机缺纸' >&2; echo second >&2; exit 2", NULL, NULL, 5000, &r), -1);
	CHECK_INT(r.outcome, RUN_EXIT);
	CHECK_INT(r.code, 2);
	CHECK_STR(r.errline, "打印机缺纸");
	/* control characters are not shown */
	CHECK_INT(run_command("printf 'a\\033[2Jb\\n' >&2; exit 1", NULL, NULL, 5000, &r), -1);
	CHECK_STR(r.errline, "");

	/* a missing program: the shell's 127 and its own words */
	CHECK_INT(run_command("tj-no-such-program-here", NULL, NULL, 5000, &r), -1);
	CHECK_INT(r.outcome, RUN_EXIT);
	CHECK_INT(r.code, 127);
	CHECK(strstr(r.errline, "tj-no-such-program-here") != NULL, "errline \"%s\"", r.errline);

	/* killed by a signal */
	CHECK_INT(run_command("kill -TERM $$", NULL, NULL, 5000, &r), -1);
	CHECK_INT(r.outcome, RUN_SIGNAL);
	CHECK_INT(r.code, SIGTERM);

	/* a timeout kills the command and what it started */
	snprintf(cmd, sizeof cmd, "sleep 30 & echo $! > '%s'; wait", pidfile);
	double t0 = now_s();
	CHECK_INT(run_command(cmd, NULL, "never read", 300, &r), -1);
	double took = now_s() - t0;
	CHECK_INT(r.outcome, RUN_TIMEOUT);
	CHECK(took < 3.0, "took %.2f s", took);
	{
		const char *p = slurp(pidfile);
		pid_t child = p ? (pid_t)atol(p) : 0;
		int alive = 1;
		for (int i = 0; i < 200 && alive; i++) {
			alive = child > 0 && process_running(child);
			if (alive)
				usleep(10000);
		}
		CHECK(child > 0 && !alive, "background sleep %ld still alive", (long)child);
	}

	/* SIGPIPE is ours again afterwards */
	{
		struct sigaction sa;
		sigaction(SIGPIPE, NULL, &sa);
		CHECK(sa.sa_handler == SIG_DFL, "SIGPIPE handler restored");
	}

	unlink(out);
	unlink(pidfile);
	rmdir(dir);
	return tap_done();
}
