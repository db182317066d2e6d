/*
 * main.c - start-up: locale, umask, global options, then either a
 * subcommand (src/cli) or the full-screen application.
 */
#include <getopt.h>
#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tiaojie/cli.h"
#include "tiaojie/outfile.h"
#include "tiaojie/screens.h"
#include "tiaojie/store.h"

#ifndef TJ_VERSION
#define TJ_VERSION "0"
#endif

static const char usage[] =
	"用法 / usage:\n"
	"  tiaojie [--db FILE] [--config FILE]        全屏界面 (full-screen application)\n"
	"  tiaojie init [--db FILE] [--admin LOGIN] [--password-file F] [--force]\n"
	"                                             新建数据库，载入案由和节假日，建立首个管理员\n"
	"  tiaojie demo [--db FILE] [--cases N] [--force]\n"
	"                                             生成演示数据库（账号 admin、clerk、mediator1，密码 demo1234）\n"
	"  tiaojie list [--status S] [--month YYYY-MM] [--mediator LOGIN] [--queue Q] [TEXT]\n"
	"                                             案件清单（TSV，证件号码已遮蔽）\n"
	"  tiaojie export [--month YYYY-MM | --quarter YYYY-Qn | --year YYYY | --from D --to D]\n"
	"                 [-o FILE] [--full-ids] [--force]\n"
	"                                             统计工作簿（Excel）；默认上个月，证件号码遮蔽\n"
	"  tiaojie report close|reopen --month YYYY-MM 关账（冻结该月统计数字）或重开；仅管理员，记入操作记录\n"
	"  tiaojie doc CASE_NO KIND [-o FILE] [--force]  出具文书（.pdf 或 .txt；无 -o 时文本输出到标准输出）；KIND:\n"
	"                                             application agreement termination arbitration\n"
	"                                             receipt acceptance rejection session service\n"
	"                                             evidence record（详见 tiaojie doc --help）\n"
	"  tiaojie show CASE_NO [--json] [--full-ids]  整个案件：当事人、请求、证据、调解、文书、操作记录\n"
	"                                             （--json 为申请记录格式；--full-ids 仅管理员，记入操作记录）\n"
	"  tiaojie import FILE                        登记 JSON 申请记录（数组或每行一个；外部编号已导入的跳过）\n"
	"  tiaojie validate KIND VALUE                校验证件号码等；KIND: id residence foreign-pr hkmo tw\n"
	"                                             passport other uscc phone\n"
	"  tiaojie user add LOGIN --role ROLE [--name NAME] [--password-file F]\n"
	"  tiaojie user passwd LOGIN [--password-file F]   重设密码（同时解除锁定）\n"
	"  tiaojie user disable|enable|unlock LOGIN\n"
	"  tiaojie user list\n"
	"  tiaojie backup FILE [--force]              在线备份数据库（他人写入时亦可）\n"
	"  tiaojie backup --dir DIR [--keep-daily N] [--keep-monthly M]\n"
	"                                             备份到目录，检查副本，轮换旧备份\n"
	"  tiaojie restore FILE [--force]             以备份替换数据库（保留原文件；有会话时拒绝）\n"
	"  tiaojie check                              检查数据库和操作记录的完整性\n"
	"  tiaojie --help | --version\n"
	"\n"
	"\n"
	"除 init、demo、validate 外，不是 root 或 tiaojie 系统账号运行时须登录：\n"
	"  --user LOGIN，密码由 --password-file F（user 命令为 --login-password-file F）或终端输入；\n"
	"  未给 --user 时在终端上询问。登录失败退出码 3，角色无权退出码 4。\n"
	"数据库路径：--db，否则 $TIAOJIE_DB，否则配置文件的 [database] path，否则 ./tiaojie.db\n"
	"配置文件：--config，否则 $XDG_CONFIG_HOME/tiaojie/config，否则 /etc/tiaojie/tiaojie.conf\n"
	"详见 tiaojie(1) 和 tiaojie.conf(5)。\n";

static const struct {
	const char *name;
	int (*run)(struct cli *, int, char **);
} commands[] = {
	{"init", cmd_init},   {"demo", cmd_demo},     {"validate", cmd_validate},
	{"user", cmd_user},   {"backup", cmd_backup}, {"check", cmd_check},
	{"list", cmd_list},   {"doc", cmd_doc},       {"export", cmd_export},
	{"show", cmd_show},   {"import", cmd_import}, {"restore", cmd_restore},
	{"report", cmd_report},
};

static int run_app(struct cli *c)
{
	struct db *db = cli_open_db(c, 0);
	int rc;

	if (!db)
		return EXIT_FAIL;
	rc = ui_main(db, &c->cfg);
	store_close(db);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'D'},
		{"config", required_argument, NULL, 'C'},
		CLI_LOGIN_OPTS,
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{0, 0, 0, 0},
	};
	struct cli c = {0};
	int opt, rc;

	cli_priv_init(); /* before anything else reads a file */
	setlocale(LC_ALL, "");
	/* Files we create (database, WAL, backups, exports) hold personal
	 * data: never world-readable.  The umask given is only ever made
	 * stricter (a umask of 077 stays 077). */
	mode_t given = umask(007);
	/* The service account shares what it makes with its group (the
	 * setgid program of every session): a database it creates must be
	 * group-writable, and SQLite gives the -wal and -shm the database's
	 * mode.  Its directory is closed to others (README). */
	struct passwd *svc = getpwnam(TJ_SERVICE_USER);
	if (svc && svc->pw_uid == getuid())
		given = 0;
	umask(given | 007);
	tj_umask_set((unsigned)(given | 007));
	/* our temporary files: this run's go when it ends or is stopped, an
	 * earlier killed run's now (outfile.h) */
	tj_tmp_cleanup_install();
	tj_tmp_sweep();

	/* Global options stop at the first non-option (the subcommand). */
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (opt) {
		case 'D':
		case 'C':
		case 'U':
		case 'L':
			cli_common_opt(&c, opt, optarg);
			break;
		case 'h':
			fputs(usage, stdout);
			config_free(&c.cfg);
			return EXIT_OK;
		case 'V':
			printf("tiaojie %s\n", TJ_VERSION);
			config_free(&c.cfg);
			return EXIT_OK;
		default:
			cli_err("未知选项：%s（见 tiaojie --help）", argv[optind - 1]);
			config_free(&c.cfg);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		rc = run_app(&c);
		config_free(&c.cfg);
		return rc;
	}
	const char *name = argv[optind];
	for (size_t i = 0; i < TJ_ARRAY_LEN(commands); i++) {
		if (strcmp(name, commands[i].name) == 0) {
			int sub_argc = argc - optind;
			char **sub_argv = argv + optind;
			if (!strcmp(name, "init") || !strcmp(name, "demo") || !strcmp(name, "validate"))
				cli_priv_drop(); /* they make or need no system database */
			optind = 0; /* reinitialise getopt (and drop the "+" mode) for the subcommand */
			opterr = 0;
			rc = commands[i].run(&c, sub_argc, sub_argv);
			config_free(&c.cfg);
			return rc;
		}
	}
	cli_err("未知命令：%s（见 tiaojie --help）", name);
	config_free(&c.cfg);
	return EXIT_USAGE;
}
