/*
 * common.c - helpers shared by the subcommands: configuration and database
 * lookup, password input, error output, and the group privilege of an
 * installed setgid program.
 *
 * The privilege (README, "The privilege boundary"): installed setgid
 * tiaojie, the program drops the group at once (cli_priv_init) and holds
 * it again only while it opens the database (cli_open_db), which is the
 * one thing it is for: configuration, templates, documents, exports, the
 * print command and every file a command writes are read, written and run
 * with the caller's own ids.  SQLite keeps the files it opened (the
 * database, its -wal and -shm) open for the connection's life, so nothing
 * later needs the group.  An untrusted caller of the setgid program gets
 * the system's configuration and its database only: --db, --config,
 * $TIAOJIE_DB and the per-user configuration would let them aim the group
 * at another file.
 */
#define _GNU_SOURCE /* setresgid */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
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

const char *cli_system_config(void)
{
#ifdef TIAOJIE_TESTING
	const char *e = getenv("TIAOJIE_TEST_SYSTEM_CONFIG");
	if (e && *e)
		return e;
#endif
	return "/etc/tiaojie/tiaojie.conf";
}

/* The group the program was installed setgid to; 0 when it was not (or
 * once given up for good). */
static gid_t priv_gid;

#ifdef __SANITIZE_ADDRESS__
/* LeakSanitizer's check at exit stops the threads with ptrace, which the
 * kernel refuses in a process whose saved group differs from its real
 * one, or that is undumpable (every setgid process): sanitizer builds
 * give the group up for good just before it (atexit runs this first). */
static void priv_for_leak_check(void)
{
	gid_t rgid = getgid();

	if (setresgid(rgid, rgid, rgid) == 0)
		prctl(PR_SET_DUMPABLE, 1);
}
#endif

void cli_priv_init(void)
{
	gid_t rgid = getgid(), egid = getegid();

	if (egid == rgid)
		return;
	if (setegid(rgid) != 0) {
		/* cannot lower it: refuse to run with it */
		cli_err("无法放弃组权限：%s", tj_strerror(errno));
		exit(EXIT_FAIL);
	}
	priv_gid = egid;
#ifdef __SANITIZE_ADDRESS__
	atexit(priv_for_leak_check);
#endif
}

void cli_priv_drop(void)
{
	gid_t rgid = getgid();

	if (!priv_gid)
		return;
	if (setresgid(rgid, rgid, rgid) != 0) {
		cli_err("无法放弃组权限：%s", tj_strerror(errno));
		exit(EXIT_FAIL);
	}
	priv_gid = 0;
}

int cli_priv_setgid(void)
{
	return priv_gid != 0;
}

/* The privileged setgid caller's restriction (see the top). */
static int priv_paths_ok(const struct cli *c)
{
	const char *env = getenv("TIAOJIE_DB");

	if (!priv_gid || access_trusted_caller())
		return 1;
	if ((c->db_opt && *c->db_opt) || (env && *env) || (c->config_opt && strcmp(c->config_opt, cli_system_config()) != 0)) {
		cli_err("此程序以 tiaojie 组的权限运行，只打开系统配置（%s）中的数据库：不接受 --db、--config 和 "
			"TIAOJIE_DB",
			cli_system_config());
		return 0;
	}
	return 1;
}

int cli_load_config(struct cli *c)
{
	if (c->cfg_loaded)
		return 0;
	if (!priv_paths_ok(c))
		return -1;
	/* the setgid program's untrusted caller: the system's file only */
	if (priv_gid && !access_trusted_caller())
		c->config_opt = cli_system_config();
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

/* The service account's database is its group's to write too: the
 * sessions reach it through the setgid program.  SQLite creates files
 * 0644 less the umask, never group-writable, and gives the -wal and -shm
 * the database's mode: so the service account, whenever it opens its own
 * database, makes it (and them) group-writable. */
void cli_share_with_group(const char *path)
{
	struct passwd *svc = getpwnam(TJ_SERVICE_USER);
	struct stat st;

	if (!svc || svc->pw_uid != getuid())
		return;
	for (int i = 0; i < 3; i++) {
		char *p = xasprintf("%s%s", path, i == 0 ? "" : i == 1 ? "-wal" : "-shm");
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == getuid() && (st.st_mode & 060) != 060)
			chmod(p, (st.st_mode & 07777) | 060);
		free(p);
	}
}

struct db *cli_open_db(struct cli *c, unsigned flags)
{
	struct db *db;

	if (cli_load_config(c) < 0)
		return NULL;
	if (!priv_paths_ok(c))
		return NULL;
	/* a killed init, demo or backup beside the database left its
	 * temporary file here */
	const char *path = cli_db_path(c), *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	tj_tmp_sweep_dir(dir);
	free(dir);
	if (priv_gid && setegid(priv_gid) != 0) {
		cli_err("无法取得 tiaojie 组权限：%s", tj_strerror(errno));
		return NULL;
	}
	db = store_open(path, flags, c->cfg.busy_timeout_ms);
	if (db)
		cli_share_with_group(path);
	if (priv_gid && setegid(getgid()) != 0) {
		/* never go on holding it */
		cli_err("无法放弃组权限：%s", tj_strerror(errno));
		exit(EXIT_FAIL);
	}
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
	if (opt == 'U') {
		c->user_opt = arg;
		return 1;
	}
	if (opt == 'L') {
		c->login_pw = arg;
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

/* The login name typed on the terminal (echoed); NULL when there is none. */
static char *prompt_login(void)
{
	FILE *tty = fopen("/dev/tty", "r+");
	char *line;
	int nul;

	if (!tty)
		return NULL;
	fputs("账号：", tty);
	fflush(tty);
	line = read_line_from(tty, &nul);
	fclose(tty);
	if (line && (nul || !*line)) {
		free(line);
		line = NULL;
	}
	return line;
}

int cli_sign_in(struct cli *c, struct actor *who)
{
	char *typed = NULL, *pw;
	const char *login = c->user_opt;
	struct db *db;
	int rc;

	if (cli_load_config(c) < 0)
		return EXIT_FAIL;
	access_refusal_clear();
	if (!login && access_trusted_caller()) {
		*who = access_system_actor(&c->cfg);
		return 0;
	}
	if (!login && !c->login_pw) {
		typed = prompt_login();
		login = typed;
	}
	if (!login || !*login) {
		cli_err("此命令需要登录：请用 --user 账号，密码由 --password-file 文件或终端输入"
			"（只有 root 和 %s 系统账号不必登录）",
			TJ_SERVICE_USER);
		free(typed);
		return EXIT_LOGIN;
	}
	/* opened before the password is asked: a missing or unreadable
	 * database is said at once */
	db = cli_open_db(c, 0);
	if (!db) {
		free(typed);
		return EXIT_FAIL;
	}
	pw = cli_read_password(c->login_pw, "密码：", 0);
	if (!pw) {
		store_close(db);
		free(typed);
		return EXIT_LOGIN;
	}
	struct account acct;
	if (account_sign_in(db, &c->cfg, login, pw, &acct, who) < 0) {
		cli_err("登录失败：%s", tj_errmsg());
		rc = EXIT_LOGIN;
	} else {
		account_free(&acct);
		rc = 0;
	}
	explicit_bzero(pw, strlen(pw));
	free(pw);
	free(typed);
	store_close(db);
	return rc;
}

int cli_fail_status(void)
{
	return access_refused() ? EXIT_DENIED : EXIT_FAIL;
}
