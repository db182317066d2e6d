/*
 * common.c - helpers shared by the subcommands: configuration and database
 * lookup, password input, error output.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "tiaojie/cli.h"
#include "tiaojie/outfile.h"
#include "tiaojie/store.h"

void cli_err(const char *fmt, ...)
{
	va_list ap;

	fputs("tiaojie: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_load_config(struct cli *c)
{
	if (c->cfg_loaded)
		return 0;
	if (config_load(&c->cfg, c->config_opt) < 0) {
		fprintf(stderr, "tiaojie: 配置文件有误：\n%s\n", tj_errmsg());
		config_free(&c->cfg);
		memset(&c->cfg, 0, sizeof c->cfg);
		return -1;
	}
	c->cfg_loaded = 1;
	return 0;
}

const char *cli_db_path(struct cli *c)
{
	const char *env = getenv("TIAOJIE_DB");

	if (c->db_opt && *c->db_opt)
		return c->db_opt;
	if (env && *env)
		return env;
	if (c->cfg_loaded && c->cfg.db && *c->cfg.db)
		return c->cfg.db;
	return "tiaojie.db";
}

struct db *cli_open_db(struct cli *c, unsigned flags)
{
	struct db *db;

	if (cli_load_config(c) < 0)
		return NULL;
	/* a killed init, demo or backup beside the database left its
	 * temporary file here */
	const char *path = cli_db_path(c), *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	tj_tmp_sweep_dir(dir);
	free(dir);
	db = store_open(path, flags, c->cfg.busy_timeout_ms);
	if (!db)
		cli_err("%s", tj_errmsg());
	return db;
}

const char *cli_bad_opt(int argc, char **argv)
{
	if (optind > 0 && optind <= argc) {
		const char *last = argv[optind - 1];
		/* a short option finished its argument: optind moved on */
		if (optopt && last[0] == '-' && last[1] != '-' && strchr(last + 1, optopt))
			return last;
		if (optopt && optind < argc && argv[optind][0] == '-')
			return argv[optind];
		return last;
	}
	return "";
}

int cli_common_opt(struct cli *c, int opt, const char *arg)
{
	if (opt == 'D') {
		c->db_opt = arg;
		return 1;
	}
	if (opt == 'C') {
		c->config_opt = arg;
		return 1;
	}
	return 0;
}

/* The first line, without its end; NULL at end of file.  *nul is set when
 * the line holds a NUL byte (the rest would be cut off unseen). */
static char *read_line_from(FILE *f, int *nul)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, f);

	*nul = 0;
	if (n < 0) {
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	*nul = strlen(line) != (size_t)n;
	return line;
}

static char *prompt_once(const char *prompt)
{
	FILE *tty = fopen("/dev/tty", "r+");
	struct termios old, noecho;
	char *line;

	if (!tty) {
		cli_err("没有终端可输入密码；脚本中请用 --password-file 文件");
		return NULL;
	}
	fprintf(tty, "%s", prompt);
	fflush(tty);
	int have_term = tcgetattr(fileno(tty), &old) == 0;
	if (have_term) {
		noecho = old;
		noecho.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(tty), TCSAFLUSH, &noecho);
	}
	int nul;
	line = read_line_from(tty, &nul);
	if (have_term)
		tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', tty);
	fclose(tty);
	if (!line)
		cli_err("未输入密码");
	else if (nul) {
		cli_err("密码含有空字符（NUL）");
		free(line);
		line = NULL;
	}
	return line;
}

char *cli_read_password(const char *file, const char *prompt, int confirm)
{
	if (file) {
		FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
		char *line;

		if (!f) {
			cli_err("无法读取密码文件 %s：%s", file, tj_strerror(errno));
			return NULL;
		}
		int nul;
		line = read_line_from(f, &nul);
		if (f != stdin)
			fclose(f);
		if (line && nul) {
			cli_err("密码文件 %s 的第一行含有空字符（NUL），不能作为密码", file);
			free(line);
			return NULL;
		}
		if (!line || !*line) {
			cli_err("密码文件 %s 的第一行为空", file);
			free(line);
			return NULL;
		}
		return line;
	}
	char *a = prompt_once(prompt);
	if (!a || !confirm)
		return a;
	char *b = prompt_once("再输入一次：");
	if (!b || strcmp(a, b) != 0) {
		if (b)
			cli_err("两次输入的密码不一致");
		free(a);
		free(b);
		return NULL;
	}
	free(b);
	return a;
}
