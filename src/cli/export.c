/*
 * export.c - `tiaojie export`: the statistics workbook of a month, a
 * quarter, a year or a range of dates (SPEC sections 6 and 7), the same
 * report_export() the statistics screen calls.  Made for cron as much as
 * for a person: no period means last month, the default file name says the
 * period (调解统计-2026-10.xlsx, in the current directory), an existing
 * file is replaced only with --force, progress is shown only on a
 * terminal, and every failure is one Chinese line on stderr with nothing
 * left behind.
 *
 * The command line runs as the machine's administrator, like the other
 * subcommands; identity numbers are still masked unless --full-ids is
 * given, and then the file is readable by its owner only.  Each export is
 * recorded in the event log.
 */
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tiaojie/access.h"
#include "tiaojie/cli.h"
#include "tiaojie/report.h"
#include "tiaojie/store.h"

/* FILE ends in .xlsx (any case), or names a directory (report_export
 * says what to do then) */
static int xlsx_name(const char *path)
{
	size_t n = strlen(path);
	struct stat sb;

	if (n > 5 && strcasecmp(path + n - 5, ".xlsx") == 0)
		return 1;
	return path[n - 1] == '/' || (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode));
}

static const char export_usage[] =
	"用法：tiaojie export [--month YYYY-MM | --quarter YYYY-Qn | --year YYYY | --from YYYY-MM-DD --to YYYY-MM-DD]\n"
	"                    [-o FILE] [--full-ids] [--force] [--quiet] [--db FILE]\n"
	"  不指定期间时导出上个月；FILE 默认为当前目录下的 调解统计-期间.xlsx（如 调解统计-2026-10.xlsx），须以 .xlsx 结尾\n"
	"  --full-ids  导出完整证件号码（默认遮蔽；文件仅所有者可读）\n"
	"  --force     覆盖已有的文件";

struct tty_progress {
	int on;
	int last_pct;
};

/* Ctrl-C, a hang-up or a TERM while writing: stop at the next row and
 * remove the unfinished file (the handler only sets the flag). */
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	interrupted = sig;
}

static int show_progress(void *ud, int64_t done, int64_t total)
{
	struct tty_progress *t = ud;
	int pct = total > 0 ? (int)(done * 100 / total) : 100;

	if (interrupted)
		return 1;
	if (!t->on || pct == t->last_pct)
		return 0;
	t->last_pct = pct;
	fprintf(stderr, "\r正在写入案件明细：%lld / %lld 件（%d%%）", (long long)done, (long long)total, pct);
	if (done >= total)
		fputs("，正在保存……", stderr);
	fflush(stderr);
	return 0;
}

int cmd_export(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'D'},
		{"config", required_argument, NULL, 'C'},
		CLI_LOGIN_OPTS,
		CLI_LOGIN_PWFILE,
		{"month", required_argument, NULL, 'm'},
		{"quarter", required_argument, NULL, 'Q'},
		{"year", required_argument, NULL, 'y'},
		{"from", required_argument, NULL, 'f'},
		{"to", required_argument, NULL, 't'},
		{"output", required_argument, NULL, 'o'},
		{"full-ids", no_argument, NULL, 'I'},
		{"force", no_argument, NULL, 'F'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	const char *month = NULL, *quarter = NULL, *year = NULL, *from = NULL, *to = NULL, *out = NULL;
	int full_ids = 0, force = 0, quiet = 0, opt, nperiods;
	struct report_period p;
	struct stat sb;
	char *path = NULL;
	int rc = EXIT_FAIL;

	while ((opt = getopt_long(argc, argv, "o:qh", opts, NULL)) != -1) {
		if (cli_common_opt(c, opt, optarg))
			continue;
		switch (opt) {
		case 'm': month = optarg; break;
		case 'Q': quarter = optarg; break;
		case 'y': year = optarg; break;
		case 'f': from = optarg; break;
		case 't': to = optarg; break;
		case 'o': out = optarg; break;
		case 'I': full_ids = 1; break;
		case 'F': force = 1; break;
		case 'q': quiet = 1; break;
		case 'h':
			puts(export_usage);
			return EXIT_OK;
		default:
			cli_err("export：未知选项或缺少参数 %s\n%s", cli_bad_opt(argc, argv), export_usage);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		cli_err("export：多余的参数 %s\n%s", argv[optind], export_usage);
		return EXIT_USAGE;
	}
	nperiods = !!month + !!quarter + !!year + !!(from || to);
	if (nperiods > 1) {
		cli_err("export：--month、--quarter、--year 和 --from/--to 只能选一种");
		return EXIT_USAGE;
	}
	if ((from || to) && !(from && to)) {
		cli_err("export：--from 和 --to 须同时给出");
		return EXIT_USAGE;
	}
	if (out && !*out) {
		cli_err("export：-o 的文件名为空");
		return EXIT_USAGE;
	}
	/* only a workbook is written: another ending would name it wrongly
	 * (a directory is answered by report_export) */
	if (out && !xlsx_name(out)) {
		cli_err("export：文件名 %s 应以 .xlsx 结尾（导出的是 Excel 工作簿）", out);
		return EXIT_USAGE;
	}

	tj_day today = tj_today();
	int bad = month     ? report_period_month(month, &p)
		  : quarter ? report_period_quarter(quarter, &p)
		  : year    ? report_period_year(year, &p)
		  : from    ? report_period_range(from, to, &p)
			    : (report_period_last_month(today, &p), 0);
	if (bad < 0) {
		cli_err("export：%s", tj_errmsg());
		return EXIT_USAGE;
	}
	if (report_period_check(&p, today) < 0) {
		cli_err("export：%s", tj_errmsg());
		return EXIT_FAIL;
	}
	struct actor system;
	int r0 = cli_sign_in(c, &system);
	if (r0 != 0)
		return r0;
	if (access_may_export(&system, full_ids) < 0) {
		cli_err("export：%s", tj_errmsg());
		return EXIT_DENIED;
	}
	path = out ? xstrdup(out) : report_default_filename(&p);
	if (!force && lstat(path, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
		cli_err("export：文件 %s 已存在；要覆盖请加 --force", path);
		free(path);
		return EXIT_FAIL;
	}

	/* read-write when allowed: the export is recorded in the event log */
	struct db *db = cli_open_db(c, 0);
	if (!db) {
		free(path);
		return EXIT_FAIL;
	}
	struct sigaction sa = {.sa_handler = on_signal};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	struct tty_progress tp = {.on = !quiet && isatty(STDERR_FILENO), .last_pct = -1};
	struct report_opts ro = {.full_ids = full_ids, .today = today, .record = 1};
	int64_t n = 0;
	int r = report_export(db, &c->cfg, &system, &p, path, &ro, show_progress, &tp, &n);
	if (tp.on && tp.last_pct >= 0)
		fputc('\n', stderr);
	if (r == REPORT_OK) {
		char *label = report_period_label(&p);
		if (ro.unrecorded)
			cli_err("export：注意：数据库只读，本次导出未记入操作记录");
		if (!quiet)
			printf("已导出%s调解统计：%s（案件明细 %lld 件，证件号码%s）\n", label, path, (long long)n,
			       full_ids ? "完整，文件仅所有者可读" : "已遮蔽");
		free(label);
		rc = EXIT_OK;
	} else {
		cli_err("export：%s", r == REPORT_CANCELLED ? "导出已中断，未留下文件" : tj_errmsg());
		if (r != REPORT_CANCELLED)
			rc = cli_fail_status();
	}
	store_close(db);
	free(path);
	if (rc == EXIT_OK && (fflush(stdout) != 0 || ferror(stdout))) {
		cli_err("export：写出结果失败");
		rc = EXIT_FAIL;
	}
	return rc;
}
