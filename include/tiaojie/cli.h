/*
 * cli.h - what the subcommands share: the global options, finding the
 * configuration and the database (SPEC section 7), reading passwords, and
 * printing errors in Chinese on stderr.
 *
 * Exit status of every subcommand: 0 success, 1 failure (or, for
 * `validate`, an invalid value), 2 wrong usage, 3 no application login or a
 * refused one, 4 the login's role may not do it (man/tiaojie.1).
 *
 * The boundary: a command that reads or writes case data calls
 * cli_sign_in first.  A trusted caller (access_trusted_caller: root or the
 * service account) acts as the system administrator as before; anyone
 * else signs in with an application account (--user and a password from
 * --password-file or the terminal, or both asked on the terminal), the
 * attempt counted toward the lockout as in the full-screen program, and
 * acts with that account's role.
 */
#ifndef TIAOJIE_CLI_H
#define TIAOJIE_CLI_H

#include "tiaojie/access.h"
#include "tiaojie/config.h"
#include "tiaojie/db.h"
#include "tiaojie/util.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_LOGIN = 3, EXIT_DENIED = 4 };

struct cli {
	const char *db_opt;     /* --db */
	const char *config_opt; /* --config */
	const char *user_opt;   /* --user: the application login */
	const char *login_pw;   /* --login-password-file (--password-file where a
				 * command has no password of its own) */
	struct config cfg;
	int cfg_loaded;
};

/* The options every command that signs in takes: add to its getopt_long
 * table; cli_common_opt handles them.  CLI_LOGIN_PWFILE also for commands
 * with no --password-file of their own. */
#define CLI_LOGIN_OPTS                                                                                               \
	{"user", required_argument, NULL, 'U'}, { "login-password-file", required_argument, NULL, 'L' }
#define CLI_LOGIN_PWFILE { "password-file", required_argument, NULL, 'L' }

void cli_err(const char *fmt, ...) TJ_PRINTF(1, 2);
/* The setgid program's group (common.c, README "The privilege boundary"):
 * cli_priv_init drops it at start-up, cli_open_db holds it only while
 * opening the database; cli_priv_drop gives it up for good (commands that
 * never open the system database: init, demo, validate). */
/* "/etc/tiaojie/tiaojie.conf"; test builds honour TIAOJIE_TEST_SYSTEM_CONFIG */
const char *cli_system_config(void);
void cli_priv_init(void);
void cli_priv_drop(void);
int cli_priv_setgid(void);
/* Load the configuration once (defaults, then the file); prints problems. */
int cli_load_config(struct cli *c);
/* --db, else $TIAOJIE_DB, else the configuration's db, else ./tiaojie.db */
const char *cli_db_path(struct cli *c);
/* Open the database; prints the error and returns NULL on failure. */
struct db *cli_open_db(struct cli *c, unsigned flags);
/* Run by the service account: its database (and -wal, -shm) made its
 * group's to write, for the sessions of the setgid program. */
void cli_share_with_group(const char *path);
/* A password from the first line of file (when given) or from a prompt on
 * the terminal with echo off (twice when confirm).  malloc'd; NULL after
 * printing why. */
char *cli_read_password(const char *file, const char *prompt, int confirm);
/* Who runs the command (see the top of this file): 0 with *who filled,
 * or the exit status (EXIT_LOGIN, EXIT_FAIL) after printing why.  The
 * sign-in opens the database read-write on its own, so that a failed
 * attempt is counted even by a command that then only reads. */
int cli_sign_in(struct cli *c, struct actor *who);
/* The exit status for a failed core call: EXIT_DENIED when an access rule
 * refused it (access_refused), else EXIT_FAIL. */
int cli_fail_status(void);
/* The whole check of `tiaojie check` on a backup file (restore.c): 0
 * clean, -1 after printing what is wrong. */
int cli_verify_backup(struct cli *c, const char *path);
/* Handle --db/--config/--user/--login-password-file given after the
 * subcommand: returns 1 if the option at optind-1 was one of them
 * (getopt_long codes 'D', 'C', 'U', 'L'). */
int cli_common_opt(struct cli *c, int opt, const char *arg);
/* After getopt_long returned '?' or ':': the argument it stumbled on (a
 * short option in the middle of "-xyz" leaves optind on that argument;
 * a long one has moved past it). */
const char *cli_bad_opt(int argc, char **argv);

int cmd_init(struct cli *c, int argc, char **argv);
int cmd_demo(struct cli *c, int argc, char **argv);
int cmd_validate(struct cli *c, int argc, char **argv);
int cmd_user(struct cli *c, int argc, char **argv);
int cmd_backup(struct cli *c, int argc, char **argv);
int cmd_restore(struct cli *c, int argc, char **argv);
int cmd_check(struct cli *c, int argc, char **argv);
int cmd_list(struct cli *c, int argc, char **argv);
int cmd_doc(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_report(struct cli *c, int argc, char **argv);

#endif
