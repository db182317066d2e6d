/*
 * check.c - `tiaojie check`: SQLite's integrity check, foreign keys and
 * the event log (triggers present, nothing removed, every case has its
 * events and the status they lead to).  Exit 0 when all is well, 1 with
 * the problems listed otherwise.
 */
#include <getopt.h>
#include <stdio.h>

#include "tiaojie/cli.h"
#include "tiaojie/store.h"

int cmd_check(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'D'},
		{"config", required_argument, NULL, 'C'},
		CLI_LOGIN_OPTS,
		CLI_LOGIN_PWFILE,
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	struct strbuf report;
	int opt, n;
	int64_t cases = 0, events = 0;

	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cli_common_opt(c, opt, optarg))
			continue;
		if (opt == 'h') {
			puts("用法：tiaojie check [--db FILE]");
			return EXIT_OK;
		}
		cli_err("check：未知选项 %s", cli_bad_opt(argc, argv));
		return EXIT_USAGE;
	}
	if (optind < argc) {
		cli_err("check：多余的参数 %s", argv[optind]);
		return EXIT_USAGE;
	}
	struct actor who;
	int r = cli_sign_in(c, &who);
	if (r != 0)
		return r;
	if (access_may_maintain(&who) < 0) {
		cli_err("check：%s", tj_errmsg());
		return EXIT_DENIED;
	}
	struct db *db = cli_open_db(c, DB_OPEN_READONLY);
	if (!db)
		return EXIT_FAIL;
	sb_init(&report);
	n = store_check(db, &report, &cases, &events);
	int64_t head_id = 0;
	char head[65] = "";
	if (n == 0 && store_head(db, &head_id, head) < 0)
		n = -1;
	store_close(db);
	if (n < 0) {
		cli_err("%s", tj_errmsg());
		sb_free(&report);
		return EXIT_FAIL;
	}
	if (n > 0) {
		fprintf(stderr, "%s", report.buf);
		fprintf(stderr, "检查发现 %d 个问题\n", n);
		sb_free(&report);
		return EXIT_FAIL;
	}
	printf("检查通过：数据库完整（integrity_check、外键），%lld 件案件，%lld 条操作记录无缺失、校验链完整\n",
	       (long long)cases, (long long)events);
	if (head_id > 0)
		printf("操作记录末条：第 %lld 条，校验值 %s\n", (long long)head_id, head);
	sb_free(&report);
	return EXIT_OK;
}
