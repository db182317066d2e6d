/*
 * cli.h - what the subcommands share: the global options, finding the
 * configuration and the database (SPEC section 7), reading passwords, and
 * printing errors in Chinese on stderr.
 *
 * Exit status of every subcommand: 0 success, 1 failure (or, for
 * `validate`, an invalid value), 2 wrong usage.
 */
#ifndef TIAOJIE_CLI_H
#define TIAOJIE_CLI_H

#include "tiaojie/config.h"
#include "tiaojie/db.h"
#include "tiaojie/util.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

struct cli {
	const char *db_opt;     /* --db */
	const char *config_opt; /* --config */
	struct config cfg;
	int cfg_loaded;
};

void cli_err(const char *fmt, ...) TJ_PRINTF(1, 2);
/* Load the configuration once (defaults, then the file); prints problems. */
int cli_load_config(struct cli *c);
/* --db, else $TIAOJIE_DB, else the configuration's db, else ./tiaojie.db */
const char *cli_db_path(struct cli *c);
/* Open the database; prints the error and returns NULL on failure. */
struct db *cli_open_db(struct cli *c, unsigned flags);
/* A password from the first line of file (when given) or from a prompt on
 * the terminal with echo off (twice when confirm).  malloc'd; NULL after
 * printing why. */
char *cli_read_password(const char *file, const char *prompt, int confirm);
/* Handle --db/--config given after the subcommand: returns 1 if the option
 * at optind-1 was one of them (getopt_long codes 'D' and 'C'). */
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
int cmd_check(struct cli *c, int argc, char **argv);
int cmd_list(struct cli *c, int argc, char **argv);
int cmd_doc(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_report(struct cli *c, int argc, char **argv);

#endif
