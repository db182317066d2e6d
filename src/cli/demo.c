/*
 * demo.c - `tiaojie demo`: the options, the checks on the file to be made,
 * and what the user is told; the demo database itself is made by the
 * generator (demo.h, src/demo).  An existing file is refused unless
 * --force, and a failed or killed run leaves no file behind: the database
 * is made under a temporary name and renamed when complete.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tiaojie/calendar.h"
#include "tiaojie/cli.h"
#include "tiaojie/store.h"
#include "tiaojie/demo.h"
#include "tiaojie/lifecycle.h"
#include "tiaojie/outfile.h"

#define DEMO_DEFAULT_CASES 3000L
#define DEMO_MAX_CASES 5000000L
#define DEMO_DEFAULT_SEED UINT64_C(20240521)

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* The side files first: a -wal left without its database would be read
 * into the next one made under the name, and the old event log's head
 * (.head, db_anchor_write) would accuse the new one of lost events. */
static int remove_db_files(const char *path)
{
	static const char *const ext[] = {"-wal", "-shm", "-journal", ".head"};

	for (size_t i = 0; i < TJ_ARRAY_LEN(ext); i++) {
		char *f = xasprintf("%s%s", path, ext[i]);
		if (unlink(f) != 0 && errno != ENOENT) {
			cli_err("无法删除 %s：%s", f, tj_strerror(errno));
			free(f);
			return -1;
		}
		free(f);
	}
	return 0;
}

/* The finished database under its name: no -wal of its own left (the
 * generator's connection is closed), synced, the old file's side files
 * removed and the old file replaced in one rename. */
static int place(struct tj_out *out, const char *path)
{
	char *wal = xasprintf("%s-wal", out->tmp);
	struct stat st;
	int left = stat(wal, &st) == 0 && st.st_size > 0;

	free(wal);
	if (left) {
		cli_err("无法创建数据库 %s：演示数据未能全部写入数据库文件", path);
		return -1;
	}
	if (tj_out_sync(out) < 0 || remove_db_files(path) < 0 || tj_out_place(out, 0) < 0) {
		cli_err("无法创建数据库 %s：%s", path, tj_errmsg());
		return -1;
	}
	return 0;
}

/* The directory the file goes in must exist and be writable. */
static int check_dir(const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	struct stat stb;
	int rc = 0;

	if (!slash) {
		free(dir);
		dir = xstrdup(".");
	} else if (slash == dir) {
		dir[1] = '\0';
	} else {
		*slash = '\0';
	}
	if (stat(dir, &stb) != 0) {
		cli_err("无法创建数据库 %s：目录 %s 不存在", path, dir);
		rc = -1;
	} else if (!S_ISDIR(stb.st_mode)) {
		cli_err("无法创建数据库 %s：%s 不是目录", path, dir);
		rc = -1;
	} else if (access(dir, W_OK | X_OK) != 0) {
		cli_err("无法创建数据库 %s：没有目录 %s 的写权限（%s）", path, dir, tj_strerror(errno));
		rc = -1;
	}
	free(dir);
	return rc;
}

/* On a terminal, for a large demo: each tenth of the cases made; the line
 * ends with the last case. */
static void show_progress(void *arg, long done, long total)
{
	(void)arg;
	fprintf(stderr, "\r已生成 %d%%（%ld/%ld件）", (int)(done * 10 / total) * 10, done, total);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

static void print_summary(const struct demo_summary *s, const char *path, double secs)
{
	char a[24], b[11], c[11];
	long total = 0;

	for (int i = 0; i < ST_COUNT; i++)
		total += s->st_count[i];
	date_format(s->first, b);
	date_format(s->last, c);
	printf("已生成演示数据库 %s\n", path);
	printf("  案件 %ld 件（收件日期 %s 至 %s），其中集体争议 %ld 件\n", total, b, c, s->collective);
	printf("  劳动者 %ld 人，用人单位 %ld 家，调解员 %d 名，调解安排 %ld 次，咨询 %ld 次，操作记录 %lld 条\n",
	       s->persons, s->employers, DEMO_MEDIATORS, s->sessions, s->consultations, (long long)s->events);
	printf("  按状态：");
	for (int i = 0; i < ST_COUNT; i++) {
		printf("%s%s(%s) %ld", i ? "，" : "", status_name((enum case_status)i),
		       status_keyword((enum case_status)i), s->st_count[i]);
		if (i == ST_AGREED)
			printf("［%s %ld，%s %ld，%s %ld］", perf_name(PERF_PENDING), s->perf_count[PERF_PENDING],
			       perf_name(PERF_PERFORMED), s->perf_count[PERF_PERFORMED], perf_name(PERF_DEFAULTED),
			       s->perf_count[PERF_DEFAULTED]);
	}
	printf("\n演示账号（密码均为 %s）：\n", DEMO_PASSWORD);
	for (size_t i = 0; i < DEMO_STAFF; i++)
		printf("  %-10s %s（%s）\n", demo_staff[i].login,
		       role_name((enum role)role_from_keyword(demo_staff[i].role)), demo_staff[i].name);
	for (int i = 0; i < DEMO_MEDIATOR_ACCOUNTS; i++) {
		snprintf(a, sizeof a, "mediator%d", i + 1);
		printf("  %-10s %s（%s）\n", a, role_name(ROLE_MEDIATOR), demo_mediators[i].name);
	}
	printf("用时 %.1f 秒\n", secs);
}

int cmd_demo(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'D'},
		{"config", required_argument, NULL, 'C'},
		{"cases", required_argument, NULL, 'n'},
		{"seed", required_argument, NULL, 's'},
		{"force", no_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	long ncases = DEMO_DEFAULT_CASES;
	uint64_t seed = DEMO_DEFAULT_SEED;
	int force = 0, opt;
	struct stat stb;
	struct timespec t0;
	char *end;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cli_common_opt(c, opt, optarg))
			continue;
		switch (opt) {
		case 'n':
			errno = 0;
			ncases = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || ncases < 1 || ncases > DEMO_MAX_CASES) {
				cli_err("demo：--cases 应为1到%ld之间的整数，而不是 %s", DEMO_MAX_CASES, optarg);
				return EXIT_USAGE;
			}
			break;
		case 's':
			errno = 0;
			seed = strtoull(optarg, &end, 10);
			if (errno || end == optarg || *end || optarg[0] == '-') {
				cli_err("demo：--seed 应为非负整数，而不是 %s", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'f':
			force = 1;
			break;
		case 'h':
			puts("用法：tiaojie demo [--db FILE] [--cases N] [--seed S] [--force]\n"
			     "  生成演示数据库：最近18个月的案件（默认3000件，最多5000000件）、25名调解员，\n"
			     "  以及演示账号 admin、clerk、mediator1（密码均为 " DEMO_PASSWORD "）。\n"
			     "  同一 --seed 生成相同的数据；已有文件须加 --force 才会被删除重建。");
			return EXIT_OK;
		default:
			if (optopt && strchr("nsDC", optopt)) {
				cli_err("demo：选项 %s 缺少参数", argv[optind - 1]);
				return EXIT_USAGE;
			}
			cli_err("demo：未知选项 %s", cli_bad_opt(argc, argv));
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		cli_err("demo：多余的参数 %s", argv[optind]);
		return EXIT_USAGE;
	}
	if (cli_load_config(c) < 0)
		return EXIT_FAIL;
	const char *path = cli_db_path(c);
	if (stat(path, &stb) == 0) {
		if (S_ISDIR(stb.st_mode)) {
			cli_err("%s 是目录，不能作为数据库文件", path);
			return EXIT_FAIL;
		}
		if (!force) {
			cli_err("数据库 %s 已存在；确需重新生成请加 --force（原文件将被删除）", path);
			return EXIT_FAIL;
		}
	}
	if (check_dir(path) < 0)
		return EXIT_FAIL;
	/* Made under a temporary name beside it and put under its own only
	 * when complete: a killed demo leaves no half-made database. */
	struct tj_out out;
	if (tj_out_open(&out, path, 0644, TJ_OUT_NAMED) < 0) {
		cli_err("无法创建数据库 %s：%s", path, tj_errmsg());
		return EXIT_FAIL;
	}

	struct demo_options o = {
		.path = out.tmp,
		.cfg = &c->cfg,
		.ncases = ncases,
		.seed = seed,
		.progress = isatty(2) && ncases >= 20000 ? show_progress : NULL,
	};
	struct demo_summary s;
	switch (demo_generate(&o, &s)) {
	case DEMO_OK:
		if (place(&out, path) < 0)
			break;
		tj_out_discard(&out);
		/* the log's head beside the new file, as every program that
		 * writes leaves it: events lost from the end are found from the
		 * first check on (its failure costs only that) */
		store_close(store_open(path, 0, c->cfg.busy_timeout_ms));
		print_summary(&s, path, seconds_since(&t0));
		return EXIT_OK;
	case DEMO_ERR_OPEN:
		cli_err("%s", tj_errmsg());
		break;
	case DEMO_ERR_DATA:
		cli_err("%s", tj_errmsg());
		break;
	case DEMO_ERR:
		cli_err("生成演示数据失败：%s", tj_errmsg());
		break;
	}
	tj_out_discard(&out);
	return EXIT_FAIL;
}
