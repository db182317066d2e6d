/*
 * list.c - `tiaojie list`: the cases matching a search, as TSV for scripts
 * (SPEC section 7).  The same case_search() as the case list screen, run
 * as the signed-in user (cli_sign_in: a mediator sees their own cases),
 * paged
 * through to the end inside one read snapshot, oldest first.  Identity
 * numbers are masked as in every list; status is the English keyword.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/cli.h"
#include "tiaojie/search.h"
#include "tiaojie/store.h"

/* The usage, its statuses and queues from the vocabulary. */
static char *usage_text(void)
{
	char *st = vocab_join_codes(VOCAB_STATUS, " "), *q = vocab_join_codes(VOCAB_QUEUE, " ");
	char *u = xasprintf("用法：tiaojie list [--status S] [--month YYYY-MM] [--mediator LOGIN] [--queue Q] "
			    "[--user LOGIN [--password-file F]] [--db FILE] [TEXT]\n"
			    "  S: %s\n"
			    "  Q: %s\n"
			    "  TEXT: 案件编号（或其一部分）、当事人姓名、证件号码、单位名称、信用代码、电话；\n"
			    "        以 - 开头时写在 -- 之后：tiaojie list -- -TEXT",
			    st, q);
	free(st);
	free(q);
	return u;
}

#define LIST_PAGE 1000

/* A TSV cell: tabs, newlines and other control characters become spaces. */
static void put_cell(const char *s, int last)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++)
		putchar(*p < 0x20 || *p == 0x7f ? ' ' : *p);
	putchar(last ? '\n' : '\t');
}

static void put_row(const struct case_brief *b)
{
	char *app = b->applicant_id[0] ? xasprintf("%s %s", b->applicant, b->applicant_id) : xstrdup(b->applicant);

	put_cell(b->case_no, 0);
	put_cell(status_keyword(b->status), 0);
	put_cell(b->received, 0);
	put_cell(b->deadline, 0);
	put_cell(app, 0);
	put_cell(b->respondent, 0);
	put_cell(b->mediator, 0);
	put_cell(b->causes, 1);
	free(app);
}

/* "YYYY-MM" into the first and last day of the month. */
static int parse_month(const char *s, char from[11], char to[11])
{
	int y, m;

	if (strlen(s) != 7 || s[4] != '-' || strspn(s, "0123456789") != 4 || strspn(s + 5, "0123456789") != 2)
		return -1;
	y = atoi(s);
	m = atoi(s + 5);
	if (y < 1900 || m < 1 || m > 12)
		return -1;
	date_format(date_from_ymd(y, m, 1), from);
	date_format(date_from_ymd(y, m, date_days_in_month(y, m)), to);
	return 0;
}

static int list_main(struct cli *c, int argc, char **argv, const char *list_usage)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'D'},
		{"config", required_argument, NULL, 'C'},
		CLI_LOGIN_OPTS,
		CLI_LOGIN_PWFILE,
		{"status", required_argument, NULL, 's'},
		{"month", required_argument, NULL, 'm'},
		{"mediator", required_argument, NULL, 'M'},
		{"queue", required_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	struct case_filter f = {.status = -1, .sort = SORT_RECEIVED, .limit = LIST_PAGE};
	const char *mediator = NULL;
	char from[11], to[11];
	struct case_list l = {0};
	int opt, q, found, rc = EXIT_OK;
	tj_day today;

	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cli_common_opt(c, opt, optarg))
			continue;
		switch (opt) {
		case 's':
			f.status = status_from_keyword(optarg);
			if (f.status < 0) {
				cli_err("list：未知的案件状态 %s\n%s", optarg, list_usage);
				return EXIT_USAGE;
			}
			break;
		case 'm':
			if (parse_month(optarg, from, to) < 0) {
				cli_err("list：月份 %s 无效，应为 YYYY-MM，如 2026-11", optarg);
				return EXIT_USAGE;
			}
			f.from = from;
			f.to = to;
			break;
		case 'M':
			mediator = optarg;
			break;
		case 'q':
			q = queue_from_keyword(optarg);
			if (q < 0) {
				cli_err("list：未知的队列 %s\n%s", optarg, list_usage);
				return EXIT_USAGE;
			}
			f.queue = (enum queue)q;
			break;
		case 'h':
			puts(list_usage);
			return EXIT_OK;
		default: {
			const char *bad = cli_bad_opt(argc, argv);
			/* not one of ours and not an option's look (the only short
			 * option is -h): a search text that starts with "-", a name,
			 * a phone number ("-13800") or a word */
			if (bad[0] == '-' && bad[1] != '-' &&
			    ((unsigned char)bad[1] >= 0x80 || (bad[1] >= '0' && bad[1] <= '9') || strlen(bad) > 2))
				cli_err("list：%s 不是选项；以 - 开头的查找内容请写在 -- 之后，如：tiaojie list -- %s", bad,
					bad);
			else
				cli_err("list：未知选项 %s\n%s", bad, list_usage);
			return EXIT_USAGE;
		}
		}
	}
	if (argc - optind > 1) {
		cli_err("list：多余的参数 %s（检索内容含空格时请加引号）", argv[optind + 1]);
		return EXIT_USAGE;
	}
	if (optind < argc)
		f.text = argv[optind];

	struct actor who;
	if ((rc = cli_sign_in(c, &who)) != 0)
		return rc;
	struct db *db = cli_open_db(c, DB_OPEN_READONLY);
	if (!db)
		return EXIT_FAIL;
	if (mediator) {
		found = account_mediator(db, &who, mediator, &f.mediator_id);
		if (found < 0) {
			cli_err("%s", tj_errmsg());
			store_close(db);
			return cli_fail_status();
		}
		if (f.mediator_id == 0) {
			cli_err(found ? "list：账号 %s 不是调解员" : "list：没有调解员账号 %s", mediator);
			store_close(db);
			return EXIT_USAGE;
		}
	}

	today = tj_today();
	if (case_search_begin(db) < 0) {
		cli_err("%s", tj_errmsg());
		store_close(db);
		return EXIT_FAIL;
	}
	puts("case_no\tstatus\treceived\tdeadline\tapplicant\trespondent\tmediator\tcauses");
	for (;;) {
		if (case_search(db, &c->cfg, &who, today, &f, &l) < 0) {
			cli_err("%s", tj_errmsg());
			rc = cli_fail_status();
			break;
		}
		for (int i = 0; i < l.n; i++)
			put_row(&l.v[i]);
		f.offset += l.n;
		int more = l.n > 0 && f.offset < l.total;
		case_list_free(&l);
		if (!more)
			break;
	}
	case_search_end(db);
	store_close(db);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_err("list：写出结果失败");
		rc = EXIT_FAIL;
	}
	return rc;
}

int cmd_list(struct cli *c, int argc, char **argv)
{
	char *usage = usage_text();
	int rc = list_main(c, argc, argv, usage);

	free(usage);
	return rc;
}
