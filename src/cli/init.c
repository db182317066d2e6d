/*
 * init.c - `tiaojie init`: create the database, load the causes and the
 * holiday calendar, create the first administrator.  An existing database
 * is refused unless --force, and even then it is moved aside, not deleted.
 * The new database is made under a temporary name beside it and takes its
 * name only when complete (outfile.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tiaojie/auth.h"
#include "tiaojie/calendar.h"
#include "tiaojie/cli.h"
#include "tiaojie/datafile.h"
#include "tiaojie/outfile.h"
#include "tiaojie/store.h"

/* Move path (and its -wal, -shm and the event log's head, .head) to
 * path.bak-YYYYMMDD-HHMMSS. */
static int move_aside(const char *path)
{
	char now[20];
	char stamp[20];
	char *dst;

	tj_now_str(now);
	snprintf(stamp, sizeof stamp, "%.4s%.2s%.2s-%.2s%.2s%.2s", now, now + 5, now + 8, now + 11, now + 14,
		 now + 17);
	dst = xasprintf("%s.bak-%s", path, stamp);
	if (rename(path, dst) != 0) {
		cli_err("无法移走原数据库 %s：%m", path);
		free(dst);
		return -1;
	}
	fprintf(stderr, "原数据库已移至 %s\n", dst);
	static const char *const side[] = {"-wal", "-shm", ".head"};
	for (size_t i = 0; i < TJ_ARRAY_LEN(side); i++) {
		char *a = xasprintf("%s%s", path, side[i]);
		char *b = xasprintf("%s%s", dst, side[i]);
		if (access(a, F_OK) == 0)
			rename(a, b);
		free(a);
		free(b);
	}
	free(dst);
	return 0;
}

/* Load causes and holidays and write the init event: one transaction;
 * prints what was loaded. */
static int setup_reference_data(struct db *db)
{
	struct datafile_loaded l = {0};
	int rc = datafile_setup(db, &l);

	if (rc < 0)
		cli_err("%s", tj_errmsg());
	else
		printf("已载入案由：一级 %d 个，二级 %d 个（%s）；节假日 %d 天（%s）\n", l.first, l.second,
		       l.causes_from, l.holidays, l.holidays_from);
	datafile_loaded_free(&l);
	return rc;
}

int cmd_init(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'D'},
		{"config", required_argument, NULL, 'C'},
		{"admin", required_argument, NULL, 'a'},
		{"password-file", required_argument, NULL, 'p'},
		{"force", no_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	const char *admin = "admin", *pwfile = NULL, *reason;
	int force = 0, opt;
	char *password = NULL;
	struct db *db = NULL;
	struct stat stb;
	struct tj_out out;
	int version;

	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cli_common_opt(c, opt, optarg))
			continue;
		switch (opt) {
		case 'a':
			admin = optarg;
			break;
		case 'p':
			pwfile = optarg;
			break;
		case 'f':
			force = 1;
			break;
		case 'h':
			puts("用法：tiaojie init [--db FILE] [--admin LOGIN] [--password-file F] [--force]");
			return EXIT_OK;
		default:
			cli_err("init：未知选项 %s", cli_bad_opt(argc, argv));
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		cli_err("init：多余的参数 %s", argv[optind]);
		return EXIT_USAGE;
	}
	if (cli_load_config(c) < 0)
		return EXIT_FAIL;
	const char *path = cli_db_path(c);
	if (auth_login_check(admin, &reason) < 0) {
		cli_err("管理员账号 %s 无效：%s", admin, reason);
		return EXIT_USAGE;
	}
	if (stat(path, &stb) == 0 && !force) {
		cli_err("数据库 %s 已存在；确需重建请加 --force（原文件将被移走保留）", path);
		return EXIT_FAIL;
	}
	/* Ask for the password before touching anything. */
	password = cli_read_password(pwfile, "管理员密码：", 1);
	if (!password)
		return EXIT_FAIL;
	if (auth_password_check(password, c->cfg.min_password_len, &reason) < 0) {
		cli_err("%s", reason);
		free(password);
		return EXIT_FAIL;
	}
	/* Built under a temporary name beside it and put under its own only
	 * when complete: a killed init leaves no half-made database. */
	if (tj_out_open(&out, path, 0644, TJ_OUT_NAMED) < 0) {
		cli_err("无法创建数据库 %s：%s", path, tj_errmsg());
		free(password);
		return EXIT_FAIL;
	}
	db = store_open(out.tmp, DB_OPEN_CREATE, c->cfg.busy_timeout_ms);
	if (!db) {
		cli_err("%s", tj_errmsg());
		goto fail;
	}
	if (setup_reference_data(db) < 0 ||
	    auth_user_add(db, &c->cfg, 0, admin, "管理员", "admin", password, 0) < 0) {
		if (tj_errmsg()[0])
			cli_err("%s", tj_errmsg());
		goto fail;
	}
	version = store_schema_version(db);
	if (store_close_checked(db) < 0) {
		db = NULL;
		cli_err("无法创建数据库 %s：%s", path, tj_errmsg());
		goto fail;
	}
	db = NULL;
	if (tj_out_sync(&out) < 0) {
		cli_err("无法创建数据库 %s：%s", path, tj_errmsg());
		goto fail;
	}
	if (stat(path, &stb) == 0) {
		if (move_aside(path) < 0)
			goto fail;
	} else {
		/* side files of a database no longer there: a -wal would be
		 * read into the new one, a .head would accuse it of lost events */
		static const char *const side[] = {"-wal", "-shm", "-journal", ".head"};
		for (size_t i = 0; i < TJ_ARRAY_LEN(side); i++) {
			char *f = xasprintf("%s%s", path, side[i]);
			unlink(f);
			free(f);
		}
	}
	if (tj_out_place(&out, TJ_OUT_EXCL) < 0) {
		cli_err("无法创建数据库 %s：%s", path, tj_errmsg());
		goto fail;
	}
	tj_out_discard(&out);
	/* made under a temporary name, so not opened as the database yet:
	 * the service account's new database is its group's at once */
	cli_share_with_group(path);
	free(password);
	printf("已创建数据库 %s（第%d版），管理员账号：%s\n", path, version, admin);
	return EXIT_OK;
fail:
	if (db)
		store_close(db);
	tj_out_discard(&out);
	free(password);
	return EXIT_FAIL;
}
