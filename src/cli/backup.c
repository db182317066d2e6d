/*
 * backup.c - `tiaojie backup FILE`: a consistent copy of the database made
 * with SQLite's online backup API while others keep working.
 */
#include <getopt.h>
#include <stdio.h>
#include <sys/stat.h>

#include "tiaojie/cli.h"
#include "tiaojie/store.h"

int cmd_backup(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'D'},
		{"config", required_argument, NULL, 'C'},
		CLI_LOGIN_OPTS,
		CLI_LOGIN_PWFILE,
		{"force", no_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	int opt, force = 0, rc = EXIT_OK;
	struct stat stb;

	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cli_common_opt(c, opt, optarg))
			continue;
		switch (opt) {
		case 'f':
			force = 1;
			break;
		case 'h':
			puts("用法：tiaojie backup FILE [--force]");
			return EXIT_OK;
		default:
			cli_err("backup：未知选项 %s", cli_bad_opt(argc, argv));
			return EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		cli_err("用法：tiaojie backup FILE [--force]");
		return EXIT_USAGE;
	}
	const char *dest = argv[optind];
	if (stat(dest, &stb) == 0 && !force) {
		cli_err("备份文件 %s 已存在；覆盖请加 --force", dest);
		return EXIT_FAIL;
	}
	struct actor who;
	int r = cli_sign_in(c, &who);
	if (r != 0)
		return r;
	if (access_may_maintain(&who) < 0) {
		cli_err("backup：%s", tj_errmsg());
		return EXIT_DENIED;
	}
	struct db *db = cli_open_db(c, DB_OPEN_READONLY);
	if (!db)
		return EXIT_FAIL;
	if (store_backup(db, dest) < 0) {
		cli_err("%s", tj_errmsg());
		rc = EXIT_FAIL;
	} else {
		/* the copy's own last event: what an outside record of this
		 * backup keeps, to prove later that nothing before it changed */
		struct db *copy = store_open(dest, DB_OPEN_READONLY | DB_OPEN_NO_MIGRATE, c->cfg.busy_timeout_ms);
		int64_t id = 0;
		char head[65] = "";
		if (!copy || store_head(copy, &id, head) < 0) {
			cli_err("备份已写入 %s，但读不出其操作记录末条：%s", dest, tj_errmsg());
			rc = EXIT_FAIL;
		} else {
			printf("已备份到 %s\n", dest);
			if (id > 0)
				printf("操作记录末条：第 %lld 条，校验值 %s\n", (long long)id, head);
		}
		store_close(copy);
	}
	store_close(db);
	return rc;
}
