/*
 * check.c - `tiaojie check`: SQLite's integrity check, foreign keys, the
 * event log (triggers present, nothing removed, the hash chain, every case
 * with its events and the status they lead to, the head kept outside the
 * file), case numbers without gaps or repeats, the counts the triggers
 * keep, and the cases, accounts and the persons and employers archives as
 * their last event sealed them.
 * Exit 0 when all is well, saying exactly what was checked and what could
 * not be; 1 with the problems listed otherwise.
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
	struct db_check_info in;
	sb_init(&report);
	n = store_check(db, &report, &in);
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
	sb_free(&report);
	/* exactly what was checked, and what could not be */
	printf("检查通过：\n");
	printf("  数据库文件：SQLite 完整性检查（PRAGMA integrity_check，每一页和索引）与外键检查无误\n");
	printf("  操作记录：%lld 条，编号连续，防篡改触发器齐全，校验链完整（从第 1 条到末条逐条核对）\n", (long long)in.events);
	if (in.anchor == 1)
		printf("  操作记录末尾：%s 时库外记下第 %lld 条（%s），库中该条相符，此前没有记录缺失"
		       "（此后的保存无从核对）\n",
		       in.anchor_at, (long long)in.anchor_id, in.anchor_file);
	else if (in.anchor_file[0])
		printf("  操作记录末尾：没有库外记下的末条（%s 不存在），末尾若有已提交的记录丢失，无从发现\n",
		       in.anchor_file);
	else
		printf("  操作记录末尾：没有库外记下的末条，末尾若有已提交的记录丢失，无从发现\n");
	if (in.years)
		printf("  案件编号：%s，无缺号、无重号，编号计数器与之相符\n", in.numbers);
	else
		printf("  案件编号：尚无案件\n");
	printf("  %lld 件案件的状态与其操作记录相符；工作台计数与履行跟进队列与案件一致\n", (long long)in.cases);
	printf("  案件的登记内容、当事人与请求事项与其最后一条操作记录记下的一致：%lld 件", (long long)in.sealed_cases);
	if (in.unsealed_cases)
		printf("（另 %lld 件的操作记录早于此项核对，未核对）", (long long)in.unsealed_cases);
	printf("；账号：%lld 个", (long long)in.sealed_users);
	if (in.unsealed_users)
		printf("（另 %lld 个未核对）", (long long)in.unsealed_users);
	printf("；当事人与用人单位档案：%lld 份", (long long)in.sealed_archive);
	if (in.unsealed_archive)
		printf("（另 %lld 份未核对）", (long long)in.unsealed_archive);
	printf("\n");
	if (in.head_id > 0)
		printf("操作记录末条：第 %lld 条，校验值 %s\n", (long long)in.head_id, in.head);
	return EXIT_OK;
}
