/*
 * show.c - `tiaojie show CASE_NO [--json] [--full-ids]`: the whole case -
 * parties as the case holds them, claims, evidence, sessions, documents,
 * their service (送达) and the timeline - as text, or as the application record in JSON
 * (record.h).  Identity numbers masked unless --full-ids, which is an
 * administrator's (access_may_see_full_ids) and goes to the event log
 * before anything is printed: when it cannot be recorded, nothing is
 * shown.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/access.h"
#include "tiaojie/casework.h"
#include "tiaojie/collective.h"
#include "tiaojie/cli.h"
#include "tiaojie/intake.h"
#include "tiaojie/money.h"
#include "tiaojie/record.h"
#include "tiaojie/store.h"
#include "tiaojie/validate.h"
#include "tiaojie/vocab.h"

/* A party's agents, a line each. */
static void agents(struct strbuf *sb, const struct cv_party *p)
{
	for (int j = 0; j < p->nagents; j++) {
		const struct cv_agent *a = &p->agents[j];
		const char *kind = vocab_label(VOCAB_AGENT, a->kind), *auth = vocab_label(VOCAB_AUTHORITY, a->authority);
		sb_printf(sb, "     代理人 %s（%s%s%s）  %s%s%s%s%s\n", a->name, kind ? kind : a->kind, *a->org ? "，" : "",
			  a->org, auth ? auth : a->authority, *a->scope ? "：" : "", a->scope, *a->phone ? "  电话 " : "",
			  a->phone);
	}
}

/* The service (送达) of each document on each party, numbered "N-K":
 * the document as listed above, the party among that document's. */
static void services(struct strbuf *sb, const struct case_view *cv)
{
	int open = 0;

	for (int i = 0; i < cv->nservices; i++)
		open += !cv->services[i].served_on[0];
	sb_printf(sb, "送达（%d，未送达 %d）\n", cv->nservices, open);
	for (int i = 0; i < cv->nservices; i++) {
		const struct cv_service *v = &cv->services[i];
		const char *kind = NULL;
		int doc = 0, party = 1;
		for (int j = 0; j < cv->ndocuments; j++)
			if (cv->documents[j].id == v->document_id) {
				doc = j + 1;
				kind = vocab_label(VOCAB_DOC_KIND, cv->documents[j].kind);
				if (!kind)
					kind = cv->documents[j].kind;
			}
		for (int j = 0; j < i; j++)
			party += cv->services[j].document_id == v->document_id;
		sb_printf(sb, "  %d-%d. %s → %s%s  ", doc, party, kind ? kind : "文书", vocab_label(VOCAB_PARTY, v->role),
			  v->name);
		if (!v->served_on[0]) {
			sb_add(sb, "未送达\n");
			continue;
		}
		const char *m = vocab_label(VOCAB_SERVICE, v->method);
		sb_printf(sb, "%s %s", m ? m : v->method, v->served_on);
		if (v->tracking && *v->tracking)
			sb_printf(sb, "  邮件号码 %s", v->tracking);
		if (v->signed_by && *v->signed_by)
			sb_printf(sb, "  %s %s", !strcmp(v->method, "lodged") ? "见证人" : "签收人", v->signed_by);
		sb_add(sb, "\n");
	}
}

static const char usage[] = "用法：tiaojie show CASE_NO [--json] [--full-ids] [--db FILE]\n"
			    "  --json      以申请记录的 JSON 格式输出（见 tiaojie(1)）\n"
			    "  --full-ids  显示完整证件号码（仅管理员，记入操作记录）";

static void line(struct strbuf *sb, const char *label, const char *value)
{
	if (value && *value)
		sb_printf(sb, "%s：%s\n", label, value);
}

static char *case_text(const struct case_view *cv, int full_ids)
{
	struct strbuf sb;
	char amt[40], masked[64], buf[64];

	sb_init(&sb);
	const char *ch = vocab_label(VOCAB_CHANNEL, cv->channel);
	sb_printf(&sb, "%s  %s%s%s\n", cv->case_no, status_name(cv->status), cv->perf != PERF_NONE ? "  " : "",
		  cv->perf != PERF_NONE ? perf_name(cv->perf) : "");
	sb_printf(&sb, "收件：%s（%s）%s\n", cv->received, ch ? ch : cv->channel, cv->collective ? "  集体争议" : "");
	line(&sb, "调解员", cv->mediator_name);
	line(&sb, "确认", cv->confirmed_at);
	line(&sb, "受理", cv->accepted_at);
	line(&sb, "期限", cv->deadline);
	line(&sb, "结案", cv->closed_at);
	line(&sb, "理由", cv->reason);

	sb_printf(&sb, "\n申请人（%d）\n", cv->napplicants);
	for (int i = 0; i < cv->napplicants; i++) {
		const struct cv_party *p = &cv->applicants[i];
		const char *kind = record_doc_kind(p->id_type, p->id_no);
		const char *sex = vocab_label(VOCAB_GENDER, p->gender);
		if (!full_ids)
			val_mask(p->id_no, masked, sizeof masked);
		sb_printf(&sb, "  %d. %s%s  %s %s  %s %s\n", i + 1, p->name, p->representative ? "（代表）" : "",
			  sex ? sex : "", p->birth_date, kind ? kind : p->id_type, full_ids ? p->id_no : masked);
		sb_printf(&sb, "     国籍/地区 %s  电话 %s", p->nationality, p->phone);
		if (p->household && *p->household)
			sb_printf(&sb, "  户籍 %s", vocab_label(VOCAB_HOUSEHOLD, p->household));
		if (p->occupation && *p->occupation)
			sb_printf(&sb, "  职业 %s", p->occupation);
		sb_add(&sb, "\n");
		if (*p->address)
			sb_printf(&sb, "     住址 %s\n", p->address);
		agents(&sb, p);
	}
	sb_printf(&sb, "被申请人（%d）\n", cv->nrespondents);
	for (int i = 0; i < cv->nrespondents; i++) {
		const struct cv_party *p = &cv->respondents[i];
		const char *rk = vocab_label(VOCAB_RESPONDENT, *p->kind ? p->kind : "employer");
		if (!strcmp(p->kind, "individual")) {
			const char *kind = record_doc_kind(p->id_type, p->id_no);
			if (!full_ids)
				val_mask(p->id_no, masked, sizeof masked);
			sb_printf(&sb, "  %d. %s（%s）  %s %s\n", i + 1, p->name, rk, kind ? kind : p->id_type,
				  full_ids ? p->id_no : masked);
			sb_printf(&sb, "     电话 %s\n", p->phone);
		} else {
			sb_printf(&sb, "  %d. %s（%s）  %s\n", i + 1, p->name, rk ? rk : p->kind,
				  *p->uscc ? p->uscc : "（无信用代码）");
			sb_printf(&sb, "     法定代表人 %s%s%s%s  电话 %s\n", p->legal_rep,
				  p->legal_rep_title && *p->legal_rep_title ? "（" : "",
				  p->legal_rep_title ? p->legal_rep_title : "",
				  p->legal_rep_title && *p->legal_rep_title ? "）" : "", p->phone);
		}
		if (*p->address)
			sb_printf(&sb, "     住所 %s\n", p->address);
		agents(&sb, p);
	}
	int64_t total = 0;
	sb_printf(&sb, "请求事项（%d）\n", cv->nclaims);
	for (int i = 0; i < cv->nclaims; i++) {
		const struct cv_claim *c = &cv->claims[i];
		total += c->amount_fen;
		sb_printf(&sb, "  %d. [%s %s] %s  %s 元", c->ord, c->cause, c->cause_name, c->text,
			  money_format(c->amount_fen, amt, sizeof amt));
		if (c->agreed_fen >= 0)
			sb_printf(&sb, "  协议 %s 元%s%s", money_format(c->agreed_fen, amt, sizeof amt),
				  c->pay_date[0] ? " " : "", c->pay_date);
		sb_add(&sb, "\n");
		if (cv->nrespondents > 1 || c->joint) {
			sb_add(&sb, "     被申请人");
			for (int j = 0; j < c->nagainst; j++)
				sb_printf(&sb, "%s%d", j ? "、" : " ", c->against[j]);
			sb_printf(&sb, "%s\n", c->joint ? "（连带）" : "");
		}
		if (c->nshares > 0) {
			sb_add(&sb, "     各申请人");
			for (int j = 0; j < c->nshares; j++)
				sb_printf(&sb, "%s%d %s", j ? "；" : " ", c->shares[j].applicant,
					  money_format(c->shares[j].amount_fen, amt, sizeof amt));
			sb_add(&sb, "\n");
		}
	}
	sb_printf(&sb, "  请求合计 %s 元\n", money_format(total, amt, sizeof amt));
	if (cv->collective && cv->nclaims > 0) {
		/* worker x claim with the totals, as the case detail shows it */
		sb_add(&sb, "各申请人金额（元）\n");
		case_shares_table(cv, 78, &sb);
	}
	sb_printf(&sb, "事实与理由\n  %s\n", cv->facts);
	sb_printf(&sb, "证据（%d）\n", cv->nevidence);
	for (int i = 0; i < cv->nevidence; i++) {
		const struct cv_evidence *e = &cv->evidence[i];
		const char *party = vocab_label(VOCAB_PARTY, e->party);
		sb_printf(&sb, "  %d. %s（%s %d页）  %s  %s提交\n", e->ord, e->name, vocab_label_at(VOCAB_ORIGINAL, e->original != 0),
			  e->pages, e->submitted, party ? party : e->party);
		if (*e->source || *e->purpose)
			sb_printf(&sb, "     %s%s%s%s\n", *e->source ? "来源：" : "", e->source,
				  *e->purpose ? (*e->source ? "；证明目的：" : "证明目的：") : "", e->purpose);
	}
	/* sessions and documents numbered as `tiaojie doc --session N` and
	 * `--document N --party K` take them */
	sb_printf(&sb, "调解安排（%d）\n", cv->nsessions);
	for (int i = 0; i < cv->nsessions; i++) {
		const struct cv_session *x = &cv->sessions[i];
		sb_printf(&sb, "  %d. %s %s %d分钟 %s %s %s\n", i + 1, x->day, x->start, x->minutes, x->room, x->mediator,
			  (vocab_label(VOCAB_SESSION, x->status) ? vocab_label(VOCAB_SESSION, x->status) : x->status));
	}
	sb_printf(&sb, "已出具文书（%d）\n", cv->ndocuments);
	for (int i = 0; i < cv->ndocuments; i++) {
		const struct cv_document *d = &cv->documents[i];
		const char *kind = vocab_label(VOCAB_DOC_KIND, d->kind);
		sb_printf(&sb, "  %d. %.16s %s %s %s\n", i + 1, d->issued_at, kind ? kind : d->kind, d->user, d->file);
	}
	services(&sb, cv);
	sb_printf(&sb, "操作记录（%d）\n", cv->nevents);
	for (int i = 0; i < cv->nevents; i++) {
		const struct cv_event *e = &cv->events[i];
		sb_printf(&sb, "  %.16s  %s  %s", e->at, e->user, case_event_what(e, buf, sizeof buf));
		if (!strcmp(e->entity, "case") && action_from_keyword(e->action) == ACT_EDIT) {
			char *what = case_edit_text(e->before, e->after);
			sb_printf(&sb, "：%s", what);
			free(what);
		} else if (e->before[0] && e->after[0] && strcmp(e->before, e->after))
			sb_printf(&sb, "  %s → %s", case_event_word(e->before), case_event_word(e->after));
		else if (e->after[0])
			sb_printf(&sb, "  %s", case_event_word(e->after));
		sb_add(&sb, "\n");
	}
	return sb_detach(&sb);
}

int cmd_show(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'D'},
		{"config", required_argument, NULL, 'C'},
		CLI_LOGIN_OPTS,
		CLI_LOGIN_PWFILE,
		{"json", no_argument, NULL, 'j'},
		{"full-ids", no_argument, NULL, 'F'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	int opt, json = 0, full = 0, found, rc = EXIT_FAIL;
	int64_t case_id;
	struct case_view cv;
	char *out = NULL;

	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cli_common_opt(c, opt, optarg))
			continue;
		switch (opt) {
		case 'j':
			json = 1;
			break;
		case 'F':
			full = 1;
			break;
		case 'h':
			puts(usage);
			return EXIT_OK;
		default:
			cli_err("show：未知选项或缺少参数 %s\n%s", cli_bad_opt(argc, argv), usage);
			return EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		cli_err("show：%s\n%s", argc - optind < 1 ? "缺少案件编号" : "参数过多", usage);
		return EXIT_USAGE;
	}
	struct actor system;
	int r = cli_sign_in(c, &system);
	if (r != 0)
		return r;
	if (full && access_may_see_full_ids(&system) < 0) {
		cli_err("show：%s", tj_errmsg());
		return EXIT_DENIED;
	}
	struct db *db = cli_open_db(c, full ? 0 : DB_OPEN_READONLY);
	if (!db)
		return EXIT_FAIL;
	found = case_find(db, argv[optind], &case_id);
	if (found <= 0) {
		if (found == 0)
			cli_err("show：没有案件 %s", argv[optind]);
		else
			cli_err("%s", tj_errmsg());
		store_close(db);
		return EXIT_FAIL;
	}
	if (case_load(db, &system, case_id, &cv) != 1) {
		cli_err("%s", tj_errmsg());
		store_close(db);
		return cli_fail_status();
	}
	if (full && case_log_full_ids(db, &system, &cv, json ? "show --json" : "show") < 0) {
		cli_err("show：未能记入操作记录，不显示完整证件号码：%s", tj_errmsg());
		goto out;
	}
	out = json ? record_case_json(&cv, full) : case_text(&cv, full);
	if (!out) {
		cli_err("%s", tj_errmsg());
		goto out;
	}
	fputs(out, stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_err("show：写出失败");
		goto out;
	}
	rc = EXIT_OK;
out:
	free(out);
	case_view_free(&cv);
	store_close(db);
	return rc;
}
