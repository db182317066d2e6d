/*
 * user.c - `tiaojie user add|passwd|disable|enable|list`: accounts from the
 * server's command line.  Root and the service account are trusted like an
 * administrator (events written as by the system); anyone else signs in
 * with an administrator's account (cli_sign_in), whose events these are.
 * --password-file is the new password here; the login's own comes from
 * --login-password-file or the terminal.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/access.h"
#include "tiaojie/admin.h"
#include "tiaojie/auth.h"
#include "tiaojie/store.h"
#include "tiaojie/cli.h"

static const char user_usage[] =
	"用法：tiaojie user add LOGIN --role clerk|mediator|admin [--name NAME] [--password-file F]\n"
	"      tiaojie user passwd LOGIN [--password-file F]\n"
	"      tiaojie user disable LOGIN | enable LOGIN | unlock LOGIN\n"
	"      tiaojie user list\n"
	"  不是 root 或 tiaojie 系统账号时须以管理员登录：--user LOGIN [--login-password-file F]";

static int by_login(const void *a, const void *b)
{
	return strcmp(((const struct user_entry *)a)->login, ((const struct user_entry *)b)->login);
}

/* Every account by login, with its state. */
static int user_list(struct db *db, const struct actor *who)
{
	struct user_list l;

	if (users_load(db, who, &l) < 0) {
		cli_err("%s", tj_errmsg());
		return cli_fail_status();
	}
	qsort(l.v, (size_t)l.n, sizeof *l.v, by_login);
	puts("login\tname\trole\tstate\tlast_login");
	for (int i = 0; i < l.n; i++) {
		const struct user_entry *u = &l.v[i];
		printf("%s\t%s\t%s\t%s\t%s\n", u->login, u->display_name, u->role,
		       u->disabled ? "disabled" : u->locked ? "locked" : "active", u->last_login);
	}
	user_list_free(&l);
	return EXIT_OK;
}

int cmd_user(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'D'},
		{"config", required_argument, NULL, 'C'},
		CLI_LOGIN_OPTS,
		{"role", required_argument, NULL, 'r'},
		{"name", required_argument, NULL, 'n'},
		{"password-file", required_argument, NULL, 'p'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	const char *role = NULL, *name = NULL, *pwfile = NULL;
	int opt, rc = EXIT_FAIL;

	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cli_common_opt(c, opt, optarg))
			continue;
		switch (opt) {
		case 'r':
			role = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		case 'p':
			pwfile = optarg;
			break;
		case 'h':
			puts(user_usage);
			return EXIT_OK;
		default:
			cli_err("user：未知选项 %s\n%s", cli_bad_opt(argc, argv), user_usage);
			return EXIT_USAGE;
		}
	}
	int nargs = argc - optind;
	const char *verb = nargs > 0 ? argv[optind] : "";
	const char *login = nargs > 1 ? argv[optind + 1] : NULL;
	int want = strcmp(verb, "list") == 0 ? 1 : 2;
	if (!*verb || nargs != want ||
	    (strcmp(verb, "add") && strcmp(verb, "passwd") && strcmp(verb, "disable") && strcmp(verb, "enable") &&
	     strcmp(verb, "unlock") && strcmp(verb, "list"))) {
		cli_err("%s", user_usage);
		return EXIT_USAGE;
	}
	if (strcmp(verb, "add") == 0 && !role) {
		cli_err("user add：请用 --role 指定角色（clerk、mediator 或 admin）");
		return EXIT_USAGE;
	}
	if (role && strcmp(verb, "add") != 0) {
		cli_err("user %s：不接受 --role", verb);
		return EXIT_USAGE;
	}
	struct actor who;
	int r0 = cli_sign_in(c, &who);
	if (r0 != 0)
		return r0;
	if (access_may_manage_users(&who) < 0) {
		cli_err("user：%s", tj_errmsg());
		return EXIT_DENIED;
	}
	int64_t actor_id = who.user_id;
	struct db *db = cli_open_db(c, strcmp(verb, "list") == 0 ? DB_OPEN_READONLY : 0);
	if (!db)
		return EXIT_FAIL;
	if (strcmp(verb, "list") == 0) {
		rc = user_list(db, &who);
	} else if (strcmp(verb, "add") == 0 || strcmp(verb, "passwd") == 0) {
		int found = account_exists(db, &who, login);
		if (found < 0) {
			cli_err("%s", tj_errmsg());
			rc = cli_fail_status();
		} else if (strcmp(verb, "add") == 0 && found) {
			cli_err("账号 %s 已存在", login);
		} else if (strcmp(verb, "passwd") == 0 && !found) {
			cli_err("账号不存在：%s", login);
		} else {
			char *pw = cli_read_password(pwfile, "新密码：", 1);
			if (pw) {
				int r = strcmp(verb, "add") == 0
						? auth_user_add(db, &c->cfg, actor_id, login, name, role, pw, 0)
						: auth_user_passwd(db, &c->cfg, actor_id, login, pw);
				if (r < 0)
					cli_err("%s", tj_errmsg());
				else {
					printf(strcmp(verb, "add") == 0 ? "已新建账号 %s\n" : "已重设账号 %s 的密码\n",
					       login);
					rc = EXIT_OK;
				}
				free(pw);
			}
		}
	} else if (strcmp(verb, "unlock") == 0) {
		if (auth_user_unlock(db, actor_id, login) < 0) {
			cli_err("%s", tj_errmsg());
		} else {
			printf("已解锁账号 %s\n", login);
			rc = EXIT_OK;
		}
	} else {
		int disable = strcmp(verb, "disable") == 0;
		if (auth_user_disable(db, actor_id, login, disable) < 0) {
			cli_err("%s", tj_errmsg());
		} else {
			printf(disable ? "已停用账号 %s\n" : "已启用账号 %s\n", login);
			rc = EXIT_OK;
		}
	}
	store_close(db);
	return rc;
}
