/*
 * report.c - `tiaojie report close|reopen --month YYYY-MM`: closing a
 * month's statistics (关账) once its report is submitted, and reopening it
 * (src/report/close.c).  Both are administrators' acts (the role is
 * checked in the core), each recorded in the event log.  The command line
 * runs as the machine's administrator, as `tiaojie export` does.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/access.h"
#include "tiaojie/cli.h"
#include "tiaojie/report.h"
#include "tiaojie/store.h"

static const char report_usage[] =
	"用法：tiaojie report close --month YYYY-MM [--user LOGIN [--password-file F]] [--db FILE]\n"
	"      tiaojie report reopen --month YYYY-MM [--user LOGIN [--password-file F]] [--db FILE]\n"
	"  close   关账：冻结该月（须已结束）的统计数字；此后导出该月得到关账时的数字，另附“更正”表\n"
	"  reopen  重开已关账的月份（记入操作记录）";

int cmd_report(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'D'},
		{"config", required_argument, NULL, 'C'},
		{"month", required_argument, NULL, 'm'},
		CLI_LOGIN_OPTS,
		CLI_LOGIN_PWFILE,
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	const char *month = NULL, *sub;
	struct report_period p;
	int opt, close_it, rc = EXIT_FAIL;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		if (argc < 2) {
			cli_err("report：缺少子命令 close 或 reopen\n%s", report_usage);
			return EXIT_USAGE;
		}
		puts(report_usage);
		return EXIT_OK;
	}
	sub = argv[1];
	if (strcmp(sub, "close") != 0 && strcmp(sub, "reopen") != 0) {
		cli_err("report：未知的子命令 %s\n%s", sub, report_usage);
		return EXIT_USAGE;
	}
	close_it = strcmp(sub, "close") == 0;
	argc--;
	argv++;
	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cli_common_opt(c, opt, optarg))
			continue;
		switch (opt) {
		case 'm': month = optarg; break;
		case 'h':
			puts(report_usage);
			return EXIT_OK;
		default:
			cli_err("report %s：未知选项或缺少参数 %s\n%s", sub, cli_bad_opt(argc, argv), report_usage);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		cli_err("report %s：多余的参数 %s\n%s", sub, argv[optind], report_usage);
		return EXIT_USAGE;
	}
	if (!month) {
		cli_err("report %s：须用 --month YYYY-MM 指定月份\n%s", sub, report_usage);
		return EXIT_USAGE;
	}
	if (report_period_month(month, &p) < 0) {
		cli_err("report %s：%s", sub, tj_errmsg());
		return EXIT_USAGE;
	}
	/* the login's role decides (administrators only, in the core) */
	struct actor system;
	int r0 = cli_sign_in(c, &system);
	if (r0 != 0)
		return r0;
	if (access_may_close_report(&system) < 0) {
		cli_err("report %s：%s", sub, tj_errmsg());
		return EXIT_DENIED;
	}
	struct db *db = cli_open_db(c, 0);
	if (!db)
		return EXIT_FAIL;
	char *label = report_period_label(&p);
	if (close_it ? report_month_close(db, &system, &p, tj_today()) : report_month_reopen(db, &system, &p)) {
		cli_err("report %s：%s", sub, tj_errmsg());
	} else {
		printf(close_it ? "%s已关账：此后导出该月为关账时的数字，其后的变化列在“更正”表\n"
				: "%s已重开：导出该月按当前数据\n",
		       label);
		/* the head of the log with the act in it: kept outside (with
		 * the submitted report), it proves later that nothing before
		 * it changed (tiaojie check prints the same line) */
		int64_t id = 0;
		char head[65] = "";
		if (store_head(db, &id, head) == 0 && id > 0)
			printf("操作记录末条：第 %lld 条，校验值 %s（请与报表一并留存）\n", (long long)id, head);
		rc = EXIT_OK;
	}
	free(label);
	store_close(db);
	return rc;
}
