/*
 * doc.c - `tiaojie doc CASE_NO KIND [-o FILE]`: one document of a case
 * (SPEC sections 5 and 7), through the same doc_issue() as the case
 * detail screen.  The format follows the file's ending (.pdf or .txt);
 * without -o the text goes to standard output.  --session, --document and
 * --party choose the session of a 调解通知书 and the document and party of
 * a 送达回证 by the numbers `tiaojie show` gives them.  Either way the document is
 * recorded on the case, issued by the system (no user) with the rights of
 * an administrator, as the other administrative commands do.  An existing
 * file is not overwritten without --force.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tiaojie/access.h"
#include "tiaojie/casework.h"
#include "tiaojie/cli.h"
#include "tiaojie/docs.h"
#include "tiaojie/store.h"
#include "tiaojie/vocab.h"

/* The usage, its kinds from the vocabulary, two to a line. */
static char *usage_text(void)
{
	struct strbuf sb;
	int n;
	const struct vocab_word *w = vocab_words(VOCAB_DOC_KIND, &n);

	sb_init(&sb);
	sb_add(&sb, "用法：tiaojie doc CASE_NO KIND [-o FILE [--force]] [--session N] [--document N [--party K]] [--db FILE]\n");
	for (int i = 0; i < n; i++)
		sb_printf(&sb, "%s%s %s%s", i == 0 ? "  KIND: " : i % 2 == 0 ? "        " : "", w[i].code, w[i].label,
			  i == n - 1 ? "\n" : i % 2 ? ",\n" : ", ");
	sb_add(&sb, "  FILE 以 .pdf 结尾输出 PDF，以 .txt 结尾输出文本；不给 -o 时文本输出到标准输出\n");
	sb_add(&sb, "  --force 覆盖已有的文件（否则文件已存在时不出具）\n");
	sb_add(&sb, "  --session N   调解通知书：第 N 次调解安排（tiaojie show 的序号；默认下一次）\n");
	sb_add(&sb, "  --document N  送达回证：第 N 份已出具文书（tiaojie show 的序号；默认最近一份未送达的）\n");
	sb_add(&sb, "  --party K     送达回证：该文书的第 K 位受送达人（默认每位一页）");
	return sb_detach(&sb);
}

/* A positive number as typed (1 to 99999), else 0. */
static int number(const char *s)
{
	char *end;
	long v;

	if (!s || *s < '0' || *s > '9')
		return 0;
	v = strtol(s, &end, 10);
	return *end || v <= 0 || v > 99999 ? 0 : (int)v;
}

static int doc_main(struct cli *c, int argc, char **argv, const char *doc_usage)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'D'},
		{"config", required_argument, NULL, 'C'},
		CLI_LOGIN_OPTS,
		CLI_LOGIN_PWFILE,
		{"output", required_argument, NULL, 'o'},
		{"force", no_argument, NULL, 'f'},
		{"session", required_argument, NULL, 'S'},
		{"document", required_argument, NULL, 'N'},
		{"party", required_argument, NULL, 'P'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	struct actor system;
	const char *out = NULL;
	char *text = NULL;
	int opt, kind, found, force = 0;
	int64_t case_id;
	struct doc_pick pick = {0};

	while ((opt = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		if (cli_common_opt(c, opt, optarg))
			continue;
		switch (opt) {
		case 'o':
			out = optarg;
			break;
		case 'f':
			force = 1;
			break;
		case 'S':
		case 'N':
		case 'P': {
			int *to = opt == 'S' ? &pick.session : opt == 'N' ? &pick.document : &pick.party;
			const char *name = opt == 'S' ? "--session" : opt == 'N' ? "--document" : "--party";
			if ((*to = number(optarg)) <= 0) {
				cli_err("doc：%s 应为正整数（tiaojie show 列出的序号），而不是 %s", name, optarg);
				return EXIT_USAGE;
			}
			break;
		}
		case 'h':
			puts(doc_usage);
			return EXIT_OK;
		default:
			cli_err("doc：未知选项或缺少参数 %s\n%s", cli_bad_opt(argc, argv), doc_usage);
			return EXIT_USAGE;
		}
	}
	if (argc - optind != 2) {
		cli_err("doc：%s\n%s", argc - optind < 2 ? "缺少案件编号或文书种类" : "参数过多", doc_usage);
		return EXIT_USAGE;
	}
	kind = doc_kind_from_keyword(argv[optind + 1]);
	if (kind < 0) {
		cli_err("doc：未知的文书种类 %s\n%s", argv[optind + 1], doc_usage);
		return EXIT_USAGE;
	}
	if (pick.session && kind != DOC_SESSION) {
		cli_err("doc：--session 只用于 session（%s）\n%s", doc_kind_name(DOC_SESSION), doc_usage);
		return EXIT_USAGE;
	}
	if ((pick.document || pick.party) && kind != DOC_SERVICE) {
		cli_err("doc：--document 和 --party 只用于 service（%s）\n%s", doc_kind_name(DOC_SERVICE), doc_usage);
		return EXIT_USAGE;
	}
	if (out && (!*out || doc_format_for_path(out) < 0)) {
		cli_err("doc：%s", *out ? tj_errmsg() : "输出文件名为空");
		return EXIT_USAGE;
	}

	/* a document already there is someone's: replaced only when asked;
	 * a directory never is one (refused before anything is recorded, so
	 * no document stands issued, with services pending, unwritten) */
	struct stat st;
	if (out && stat(out, &st) == 0 && S_ISDIR(st.st_mode)) {
		cli_err("doc：%s 是目录，请给出文件名（如 %s/协议书.pdf），未出具", out, out);
		return EXIT_FAIL;
	}
	if (out && !force && lstat(out, &st) == 0) {
		cli_err("doc：文件 %s 已存在，未出具；要覆盖它请加 --force", out);
		return EXIT_FAIL;
	}

	int r = cli_sign_in(c, &system);
	if (r != 0)
		return r;
	struct db *db = cli_open_db(c, 0);
	if (!db)
		return EXIT_FAIL;
	found = case_find(db, argv[optind], &case_id);
	if (found <= 0) {
		if (found == 0)
			cli_err("doc：没有案件 %s", argv[optind]);
		else
			cli_err("%s", tj_errmsg());
		store_close(db);
		return EXIT_FAIL;
	}
	if (doc_issue_pick(db, &c->cfg, &system, case_id, (enum doc_kind)kind, &pick, out, out ? NULL : &text) < 0) {
		cli_err("%s", tj_errmsg());
		store_close(db);
		return cli_fail_status();
	}
	store_close(db);
	if (*doc_notice())
		cli_err("%s", doc_notice());
	if (text) {
		fputs(text, stdout);
		free(text);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			cli_err("doc：写出文书失败");
			return EXIT_FAIL;
		}
	}
	return EXIT_OK;
}

int cmd_doc(struct cli *c, int argc, char **argv)
{
	char *usage = usage_text();
	int rc = doc_main(c, argc, argv, usage);

	free(usage);
	return rc;
}
