/*
 * import.c - `tiaojie import FILE` (FILE "-": standard input): register the
 * application records of a file (application.md: a JSON array of them, or
 * one per line) with exactly the validation of the intake form
 * (record_import).  One line per record: registered with its case number,
 * skipped when its external_id was imported before, or refused with every
 * problem named by the record's key; then the totals.  Exit 0 when no
 * record was refused, 1 when one was (or the file could not be read), 2
 * for a usage error.  Registered as the system, with an administrator's
 * rights, as the other commands do.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/access.h"
#include "tiaojie/cli.h"
#include "tiaojie/record.h"
#include "tiaojie/store.h"

#define IMPORT_MAX_BYTES (256L << 20)

static const char usage[] = "用法：tiaojie import FILE [--db FILE]\n"
			    "  FILE  申请记录的 JSON 文件（数组，或每行一个对象；- 为标准输入），格式见 tiaojie(1)";

/* The whole file (or standard input), NUL-terminated; NULL with a message. */
static char *read_all(const char *path, size_t *len)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char *buf = NULL;
	size_t n = 0, cap = 0, got;

	if (!fp) {
		cli_err("import：无法打开 %s：%s", path, tj_strerror(errno));
		return NULL;
	}
	do {
		if (n + 65536 + 1 > cap) {
			cap = (n + 65536 + 1) * 2;
			buf = xrealloc(buf, cap);
		}
		got = fread(buf + n, 1, 65536, fp);
		n += got;
		if ((long)n > IMPORT_MAX_BYTES) {
			cli_err("import：%s 超过 %ld MB", path, IMPORT_MAX_BYTES >> 20);
			goto fail;
		}
	} while (got > 0);
	if (ferror(fp)) {
		cli_err("import：读取 %s 失败", path);
		goto fail;
	}
	if (fp != stdin)
		fclose(fp);
	buf[n] = '\0';
	*len = n;
	return buf;
fail:
	if (fp != stdin)
		fclose(fp);
	free(buf);
	return NULL;
}

static void report(void *arg, const struct record_result *r)
{
	(void)arg;
	switch (r->outcome) {
	case RECORD_REGISTERED:
		printf("第%d条：已登记 %s%s%s%s\n", r->index, r->case_no, r->external_id[0] ? "（外部编号 " : "",
		       r->external_id, r->external_id[0] ? "）" : "");
		break;
	case RECORD_SKIPPED:
		printf("第%d条：外部编号 %s 已导入为 %s，跳过\n", r->index, r->external_id, r->case_no);
		break;
	case RECORD_REFUSED:
		printf("第%d条：未登记%s%s%s\n", r->index, r->external_id[0] ? "（外部编号 " : "", r->external_id,
		       r->external_id[0] ? "）" : "");
		for (int i = 0; i < r->nproblems; i++)
			printf("  %s%s%s\n", r->problems[i].field, r->problems[i].field[0] ? "：" : "",
			       r->problems[i].msg);
		break;
	}
}

int cmd_import(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'D'},
		{"config", required_argument, NULL, 'C'},
		CLI_LOGIN_OPTS,
		CLI_LOGIN_PWFILE,
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	struct record_totals t;
	size_t len;
	int opt;

	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cli_common_opt(c, opt, optarg))
			continue;
		if (opt == 'h') {
			puts(usage);
			return EXIT_OK;
		}
		cli_err("import：未知选项或缺少参数 %s\n%s", cli_bad_opt(argc, argv), usage);
		return EXIT_USAGE;
	}
	if (argc - optind != 1) {
		cli_err("import：%s\n%s", argc - optind < 1 ? "缺少文件名" : "参数过多", usage);
		return EXIT_USAGE;
	}
	struct actor system;
	int r = cli_sign_in(c, &system);
	if (r != 0)
		return r;
	if (access_may_import(&system) < 0) {
		cli_err("import：%s", tj_errmsg());
		return EXIT_DENIED;
	}
	char *text = read_all(argv[optind], &len);
	if (!text)
		return EXIT_FAIL;
	struct db *db = cli_open_db(c, 0);
	if (!db) {
		free(text);
		return EXIT_FAIL;
	}
	int rc = record_import(db, &c->cfg, &system, text, len, report, NULL, &t);
	store_close(db);
	free(text);
	if (rc < 0) {
		cli_err("import：%s", tj_errmsg());
		return cli_fail_status();
	}
	printf("共 %d 条：登记 %d 条，跳过 %d 条，未登记 %d 条\n", t.registered + t.skipped + t.refused, t.registered,
	       t.skipped, t.refused);
	if (fflush(stdout) != 0 || ferror(stdout))
		return EXIT_FAIL;
	return t.refused ? EXIT_FAIL : EXIT_OK;
}
