/*
 * run.c - the one process runner (run.h): fork, exec /bin/sh -c, feed the
 * input, watch for the exit with short polls, kill at the timeout, keep
 * the start of stderr.
 *
 * The parent never blocks on the child: both pipes are non-blocking and
 * every wait is a poll of at most 50 ms, so a command that neither reads
 * its input nor exits costs the timeout and no more.  SIGPIPE is ignored
 * while it runs (a command that stops reading must not kill the program)
 * and restored afterwards.  The child gets a clean slate - default
 * signals, an empty mask, only descriptors 0-2 - and its own process
 * group, so a timeout also kills what the shell started.
 */
#include "tiaojie/run.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tiaojie/util.h"

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Keep the start of what the command writes on stderr (for the message). */
static void keep_output(char *buf, size_t size, size_t *len, const char *data, ssize_t n)
{
	size_t room = size - 1 - *len;

	if (n <= 0 || room == 0)
		return;
	if ((size_t)n < room)
		room = (size_t)n;
	memcpy(buf + *len, data, room);
	*len += room;
}

/* In the child, before exec.  in_fd < 0: stdin is /dev/null. */
static void child_setup(int in_fd, int err_fd)
{
	static const int sigs[] = {SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP, SIGTTIN, SIGTTOU,
				   SIGCHLD, SIGWINCH, SIGALRM};
	sigset_t none;
	int null;

	setpgid(0, 0); /* its own group, so a timeout kills what it started too */
	for (size_t i = 0; i < TJ_ARRAY_LEN(sigs); i++)
		signal(sigs[i], SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	null = open("/dev/null", O_RDWR);
	if (null < 0 || dup2(in_fd >= 0 ? in_fd : null, 0) < 0 || dup2(null, 1) < 0 || dup2(err_fd, 2) < 0)
		_exit(126);
#ifdef SYS_close_range
	if (syscall(SYS_close_range, 3u, ~0u, 0u) == 0)
		return;
#endif
	long max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (int fd = 3; fd < max; fd++)
		close(fd);
}

/* The first line of what it said, when it is printable text. */
static void first_line(char *s)
{
	char *nl = strchr(s, '\n');

	if (nl)
		*nl = '\0';
	if (!utf8_valid(s, strlen(s)) || utf8_has_control(s, 0))
		s[0] = '\0';
}

int run_command(const char *cmd, const char *const args[], const char *input, int timeout_ms,
		struct run_result *res)
{
	enum { MAXARGS = 8 };
	const char *argv[MAXARGS + 5];
	int in[2] = {-1, -1}, err[2], status = 0, exited = 0, timed_out = 0, na = 0;
	struct sigaction ign, old_pipe;
	size_t errlen = 0, off = 0, len = input ? strlen(input) : 0;

	memset(res, 0, sizeof *res);
	argv[na++] = "sh";
	argv[na++] = "-c";
	argv[na++] = cmd;
	argv[na++] = "sh";
	for (int i = 0; args && args[i] && i < MAXARGS; i++)
		argv[na++] = args[i];
	argv[na] = NULL;

	if (input && pipe(in) < 0) {
		res->outcome = RUN_NOSTART;
		res->sys_errno = errno;
		return -1;
	}
	if (pipe(err) < 0) {
		res->outcome = RUN_NOSTART;
		res->sys_errno = errno;
		if (input) {
			close(in[0]);
			close(in[1]);
		}
		return -1;
	}
	if (input)
		fcntl(in[1], F_SETFD, FD_CLOEXEC);
	fcntl(err[0], F_SETFD, FD_CLOEXEC);
	/* a command that does not read its input must not kill us with SIGPIPE */
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old_pipe);
	pid_t pid = fork();
	if (pid == 0) {
		child_setup(in[0], err[1]);
		execv("/bin/sh", (char *const *)argv);
		_exit(127);
	}
	int fork_errno = errno;
	if (input)
		close(in[0]);
	close(err[1]);
	if (pid < 0) {
		if (input)
			close(in[1]);
		close(err[0]);
		sigaction(SIGPIPE, &old_pipe, NULL);
		res->outcome = RUN_NOSTART;
		res->sys_errno = fork_errno;
		return -1;
	}
	setpgid(pid, pid);
	int wfd = in[1], rfd = err[0];
	if (wfd >= 0)
		fcntl(wfd, F_SETFL, fcntl(wfd, F_GETFL) | O_NONBLOCK);
	fcntl(rfd, F_SETFL, fcntl(rfd, F_GETFL) | O_NONBLOCK);
	if (wfd >= 0 && len == 0) {
		close(wfd);
		wfd = -1;
	}
	int64_t deadline = mono_ms() + timeout_ms;
	while (!exited) {
		struct pollfd pf[2];
		int np = 0, iw = -1, ir = -1;
		int64_t left = deadline - mono_ms();
		if (left <= 0) {
			timed_out = 1;
			break;
		}
		if (wfd >= 0) {
			iw = np;
			pf[np++] = (struct pollfd){.fd = wfd, .events = POLLOUT};
		}
		if (rfd >= 0) {
			ir = np;
			pf[np++] = (struct pollfd){.fd = rfd, .events = POLLIN};
		}
		/* short waits: we also watch for the command's exit */
		int n = poll(np ? pf : NULL, (nfds_t)np, left < 50 ? (int)left : 50);
		if (n < 0 && errno != EINTR)
			break;
		if (n > 0 && iw >= 0 && pf[iw].revents) {
			ssize_t k = write(wfd, input + off, len - off);
			if (k > 0)
				off += (size_t)k;
			if ((k < 0 && errno != EAGAIN && errno != EINTR) || off == len) {
				close(wfd); /* done, or the command stopped reading (EPIPE) */
				wfd = -1;
			}
		}
		if (n > 0 && ir >= 0 && pf[ir].revents) {
			char buf[512];
			ssize_t k = read(rfd, buf, sizeof buf);
			keep_output(res->errline, sizeof res->errline, &errlen, buf, k);
			if (k == 0 || (k < 0 && errno != EAGAIN && errno != EINTR)) {
				close(rfd);
				rfd = -1;
			}
		}
		pid_t r = waitpid(pid, &status, WNOHANG);
		if (r == pid || (r < 0 && errno == ECHILD))
			exited = r == pid ? 1 : -1;
	}
	if (!exited) {
		kill(-pid, SIGKILL);
		kill(pid, SIGKILL);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	} else if (rfd >= 0) {
		/* what it wrote just before exiting */
		char buf[512];
		ssize_t k;
		while ((k = read(rfd, buf, sizeof buf)) > 0)
			keep_output(res->errline, sizeof res->errline, &errlen, buf, k);
	}
	if (wfd >= 0)
		close(wfd);
	if (rfd >= 0)
		close(rfd);
	sigaction(SIGPIPE, &old_pipe, NULL);

	res->errline[errlen] = '\0';
	first_line(res->errline);
	if (timed_out) {
		res->outcome = RUN_TIMEOUT;
		return -1;
	}
	if (exited < 0) {
		res->outcome = RUN_NOSTATUS;
		return -1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		res->outcome = RUN_OK;
		return 0;
	}
	if (WIFSIGNALED(status)) {
		res->outcome = RUN_SIGNAL;
		res->code = WTERMSIG(status);
	} else {
		res->outcome = RUN_EXIT;
		res->code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	}
	return -1;
}

void run_error(const struct run_result *r, const char *prefix, const char *what, int timeout_ms)
{
	const char *sep = r->errline[0] ? "：" : "";

	switch (r->outcome) {
	case RUN_NOSTART:
		tj_error("%s无法运行%s：%s", prefix, what, tj_strerror(r->sys_errno));
		break;
	case RUN_TIMEOUT:
		tj_error("%s%s超过%d秒未结束，已终止", prefix, what, (timeout_ms + 999) / 1000);
		break;
	case RUN_NOSTATUS:
		tj_error("%s无法取得%s的退出状态", prefix, what);
		break;
	case RUN_SIGNAL:
		tj_error("%s%s被信号 %d 终止%s%s", prefix, what, r->code, sep, r->errline);
		break;
	case RUN_EXIT:
		if (r->code >= 0)
			tj_error("%s%s执行失败（退出码 %d）%s%s", prefix, what, r->code, sep, r->errline);
		else
			tj_error("%s%s执行失败%s%s", prefix, what, sep, r->errline);
		break;
	case RUN_OK:
		break;
	}
}
