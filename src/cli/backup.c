/*
 * backup.c - `tiaojie backup FILE` and `tiaojie backup --dir DIR`: a
 * consistent copy of the database made with SQLite's online backup API
 * (store_backup: one read snapshot, writers carry on, the copy written to
 * a temporary name beside it and renamed) while others keep working.
 *
 * With --dir (what the systemd timer runs): the copy is DIR/tiaojie-
 * YYYY-MM-DD.db, made under a temporary name, checked in full
 * (store_check: integrity_check, foreign keys, the event chain) and only
 * then renamed into place; then the directory is rotated: the newest
 * --keep-daily copies stay, and of the newest --keep-monthly months the
 * first copy of each; every other tiaojie-YYYY-MM-DD.db goes.  A copy
 * that fails its check is removed and nothing is rotated away.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tiaojie/cli.h"
#include "tiaojie/date.h"
#include "tiaojie/store.h"

static const char backup_usage[] =
	"用法：tiaojie backup FILE [--force]\n"
	"      tiaojie backup --dir DIR [--keep-daily N] [--keep-monthly M]\n"
	"  --dir：备份到 DIR/tiaojie-YYYY-MM-DD.db，逐一完整性检查，并轮换：\n"
	"         保留最近 N 份（默认 14）及最近 M 个月每月第一份（默认 12）";

/* Print the head of the copy's event log: what an outside record of this
 * backup keeps, to prove later that nothing before it changed. */
static int print_head(struct cli *c, const char *path, const char *shown)
{
	struct db *copy = store_open(path, DB_OPEN_READONLY | DB_OPEN_NO_MIGRATE, c->cfg.busy_timeout_ms);
	int64_t id = 0;
	char head[65] = "";
	int rc = 0;

	if (!copy || store_head(copy, &id, head) < 0) {
		cli_err("备份已写入 %s，但读不出其操作记录末条：%s", shown, tj_errmsg());
		rc = -1;
	} else {
		printf("已备份到 %s\n", shown);
		if (id > 0)
			printf("操作记录末条：第 %lld 条，校验值 %s\n", (long long)id, head);
	}
	store_close(copy);
	return rc;
}

/* "tiaojie-YYYY-MM-DD.db": the date part, or NULL. */
static const char *backup_date(const char *name)
{
	tj_day d;
	char day[11];

	if (strlen(name) != 21 || strncmp(name, "tiaojie-", 8) != 0 || strcmp(name + 18, ".db") != 0)
		return NULL;
	memcpy(day, name + 8, 10);
	day[10] = '\0';
	if (date_parse(day, &d) < 0)
		return NULL;
	return name + 8;
}

static int newest_first(const void *a, const void *b)
{
	return strcmp(*(char *const *)b, *(char *const *)a);
}

/* Remove the copies the rotation does not keep; prints each removed. */
static int rotate(const char *dir, int keep_daily, int keep_monthly)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	if (!d) {
		cli_err("无法读取备份目录 %s：%s", dir, tj_strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (!backup_date(e->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = xrealloc(names, cap * sizeof *names);
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, newest_first);

	/* walking newest to oldest, a month's first copy is the last one
	 * seen in it: mark the oldest of each month, the newest months first */
	char *keep = xcalloc(n ? n : 1, 1);
	for (size_t i = 0; i < n && (int)i < keep_daily; i++)
		keep[i] = 1;
	int months = 0;
	for (size_t i = 0; i < n && months < keep_monthly; i++) {
		const char *ym = backup_date(names[i]);
		if (i + 1 < n && strncmp(backup_date(names[i + 1]), ym, 7) == 0)
			continue; /* not the month's first */
		keep[i] = 1;
		months++;
	}
	for (size_t i = 0; i < n; i++) {
		if (!keep[i]) {
			char *path = xasprintf("%s/%s", dir, names[i]);
			if (unlink(path) != 0) {
				cli_err("无法删除旧备份 %s：%s", path, tj_strerror(errno));
				rc = -1;
			} else {
				printf("已删除旧备份 %s\n", path);
			}
			free(path);
		}
		free(names[i]);
	}
	free(keep);
	free(names);
	return rc;
}

static int parse_keep(const char *arg, const char *what, int *out)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (!*arg || *end || v < 0 || v > 10000) {
		cli_err("backup：%s 应为 0 到 10000 的整数：%s", what, arg);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static int backup_dir(struct cli *c, struct db *db, const char *dir, int keep_daily, int keep_monthly)
{
	struct stat st;
	char day[11];

	if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
		cli_err("无法创建备份目录 %s：%s", dir, tj_strerror(errno));
		return EXIT_FAIL;
	}
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		cli_err("备份目录 %s 不是目录", dir);
		return EXIT_FAIL;
	}
	date_format(tj_today(), day);
	char *final = xasprintf("%s/tiaojie-%s.db", dir, day);
	char *tmp = xasprintf("%s/.tiaojie-%s.db.new", dir, day);
	int rc = EXIT_FAIL;

	if (store_backup(db, tmp) < 0) {
		cli_err("%s", tj_errmsg());
	} else if (cli_verify_backup(c, tmp) < 0) {
		cli_err("已删除未通过检查的备份副本，旧备份未轮换");
		unlink(tmp);
	} else if (rename(tmp, final) != 0) {
		cli_err("无法写入备份文件 %s：%s", final, tj_strerror(errno));
		unlink(tmp);
	} else if (print_head(c, final, final) == 0) {
		printf("已检查备份副本：完整\n");
		rc = rotate(dir, keep_daily, keep_monthly) == 0 ? EXIT_OK : EXIT_FAIL;
	}
	free(final);
	free(tmp);
	return rc;
}

int cmd_backup(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'D'},
		{"config", required_argument, NULL, 'C'},
		CLI_LOGIN_OPTS,
		CLI_LOGIN_PWFILE,
		{"force", no_argument, NULL, 'f'},
		{"dir", required_argument, NULL, 'd'},
		{"keep-daily", required_argument, NULL, 'k'},
		{"keep-monthly", required_argument, NULL, 'm'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	int opt, force = 0, rc = EXIT_OK, keep_daily = 14, keep_monthly = 12;
	const char *dir = NULL;
	struct stat stb;

	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cli_common_opt(c, opt, optarg))
			continue;
		switch (opt) {
		case 'f':
			force = 1;
			break;
		case 'd':
			dir = optarg;
			break;
		case 'k':
			if (parse_keep(optarg, "--keep-daily", &keep_daily) < 0)
				return EXIT_USAGE;
			break;
		case 'm':
			if (parse_keep(optarg, "--keep-monthly", &keep_monthly) < 0)
				return EXIT_USAGE;
			break;
		case 'h':
			puts(backup_usage);
			return EXIT_OK;
		default:
			cli_err("backup：未知选项 %s\n%s", cli_bad_opt(argc, argv), backup_usage);
			return EXIT_USAGE;
		}
	}
	if (dir ? argc - optind != 0 : argc - optind != 1) {
		cli_err("%s", backup_usage);
		return EXIT_USAGE;
	}
	if (dir && !*dir) {
		cli_err("backup：--dir 的目录名为空");
		return EXIT_USAGE;
	}
	const char *dest = dir ? NULL : argv[optind];
	if (dest && stat(dest, &stb) == 0 && !force) {
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
	if (dir) {
		rc = backup_dir(c, db, dir, keep_daily, keep_monthly);
	} else if (store_backup(db, dest) < 0) {
		cli_err("%s", tj_errmsg());
		rc = EXIT_FAIL;
	} else if (print_head(c, dest, dest) < 0) {
		rc = EXIT_FAIL;
	}
	store_close(db);
	return rc;
}
