/*
 * run.h - running an outside command (the notify command, the print
 * command): /bin/sh -c with positional arguments, text on its standard
 * input, a timeout, and the first line it wrote on standard error for the
 * message the user reads.
 *
 * Part of src/base: no project types, no messages of its own.  The caller
 * words the error (通知命令 / 打印命令) from the run_result.
 */
#ifndef TIAOJIE_RUN_H
#define TIAOJIE_RUN_H

enum run_outcome {
	RUN_OK = 0,    /* exited with status 0 */
	RUN_EXIT,      /* exited with a non-zero status (code) */
	RUN_SIGNAL,    /* killed by signal (code) */
	RUN_TIMEOUT,   /* still running at the timeout: its process group was killed */
	RUN_NOSTART,   /* pipe or fork failed (sys_errno) */
	RUN_NOSTATUS,  /* its exit status could not be had (ECHILD) */
};

struct run_result {
	enum run_outcome outcome;
	int code;          /* exit status (RUN_EXIT) or signal number (RUN_SIGNAL) */
	int sys_errno;     /* RUN_NOSTART */
	char errline[512]; /* first line of its stderr when printable UTF-8, else "" */
};

/* Run `/bin/sh -c cmd sh args[0] args[1] ...` (args NULL-terminated, may be
 * NULL).  input, when not NULL, is written to its standard input (a
 * command that does not read it is not an error); otherwise stdin is
 * /dev/null.  Its stdout goes to /dev/null.  The command runs in its own
 * process group with default signals and no other descriptors; after
 * timeout_ms the whole group is killed.  Returns 0 when it exited with
 * status 0, else -1; *res says what happened in both cases. */
int run_command(const char *cmd, const char *const args[], const char *input, int timeout_ms,
		struct run_result *res);
/* Put what went wrong on the error sink, in one wording for every
 * command: prefix (may be "") then what ("打印命令"), e.g.
 * "打印失败：打印命令执行失败（退出码 3）：没有纸".  Nothing for RUN_OK. */
void run_error(const struct run_result *res, const char *prefix, const char *what, int timeout_ms);

#endif
