/*
 * xlsx_detail.c - 集体争议 and 案件明细, the long sheets of the statistics
 * workbook: one pass over the cases received, as the feed (xlsx_feed.c)
 * hands them over, writes both side by side and counts the employers for
 * 高发单位 (report_emp_acc) and the received figures of 按案由
 * (report_stats_add_case), calling the progress function as it goes.
 * They print at full size, as many pages across as they take (see
 * xw_sheet_begin), with borders round every cell and no printed grid,
 * which would run over the titles.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tiaojie/calendar.h"
#include "tiaojie/lifecycle.h"
#include "tiaojie/validate.h"
#include "tiaojie/vocab.h"
#include "xlsx_internal.h"

#define PROGRESS_MAX_STEP 500 /* detail rows between progress calls, at most */

/* ---- 集体争议 and 案件明细: streamed ------------------------------------------------- */

static const char *status_text(const char *kw)
{
	int st = status_from_keyword(kw);
	return st >= 0 ? status_name((enum case_status)st) : kw;
}

static const char *channel_text(const char *kw)
{
	const char *nm = vocab_label(VOCAB_CHANNEL, kw);
	return nm ? nm : kw;
}

static int case_days(const struct report_case_row *r, int64_t *days)
{
	int y1, m1, d1, y2, m2, d2;

	/* not date_parse: it is slower, and would leave a message in the error
	 * sink for a date the sheet simply leaves blank */
	if (!r->accepted_at || !r->closed_at || xw_parse_ymd(r->accepted_at, &y1, &m1, &d1) < 0 ||
	    xw_parse_ymd(r->closed_at, &y2, &m2, &d2) < 0 || !date_valid(y1, m1, d1) || !date_valid(y2, m2, d2))
		return 0;
	*days = date_from_ymd(y2, m2, d2) - date_from_ymd(y1, m1, d1);
	return 1;
}

/* Test builds only: TIAOJIE_EXPORT_DELAY_MS slows each detail row down,
 * so the screen tests can watch the progress bar and cancel an export. */
static void test_delay(void)
{
#ifdef TIAOJIE_TESTING
	static long ms = -1;
	if (ms < 0) {
		const char *e = getenv("TIAOJIE_EXPORT_DELAY_MS");
		ms = e ? atol(e) : 0;
	}
	if (ms > 0) {
		struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
		nanosleep(&ts, NULL);
	}
#endif
}

static const char *mediator_name(const struct report_stats *s, int64_t id)
{
	int lo = 0, hi = s->nmediators - 1;

	if (id <= 0)
		return "";
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (s->mediators[mid].id == id)
			return s->mediators[mid].name;
		if (s->mediators[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return "";
}

/* What a case's claims come to: the amounts, and the causes' names, each
 * once, in the order of the claims. */
struct case_sums {
	int64_t claimed, agreed;
	struct strbuf causes, respondents;
};

static void case_sums(const struct report_stats *s, const struct report_case_row *r, struct case_sums *c)
{
	c->claimed = 0;
	c->agreed = 0;
	c->causes.len = 0;
	sb_add(&c->causes, "");
	c->causes.buf[0] = '\0';
	for (int i = 0; i < r->nclaims; i++) {
		int seen = 0;
		c->claimed += r->claims[i].amount_fen;
		if (r->claims[i].agreed_fen > 0)
			c->agreed += r->claims[i].agreed_fen;
		for (int j = 0; j < i && !seen; j++)
			seen = strcmp(r->claims[j].cause, r->claims[i].cause) == 0;
		if (!seen) {
			if (c->causes.len)
				sb_add(&c->causes, "、");
			sb_add(&c->causes, report_cause_name(s, r->claims[i].cause));
		}
	}
	c->respondents.len = 0;
	sb_add(&c->respondents, "");
	c->respondents.buf[0] = '\0';
	for (int i = 0; i < r->nresp; i++) {
		if (i)
			sb_add(&c->respondents, "、");
		sb_add(&c->respondents, r->resp[i].name);
	}
}

static void collective_row(struct sheet *sh, const struct report_case_row *r, const struct case_sums *c)
{
	struct xw *x = sh->x;

	xw_put_text(sh, 0, r->case_no, NULL);
	xw_put_date(sh, 1, r->received);
	xw_put_text(sh, 2, c->respondents.buf, NULL);
	xw_put_count(sh, 3, r->applicants, x->f.pcount);
	xw_put_text(sh, 4, c->causes.buf, NULL);
	xw_put_money(sh, 5, c->claimed, x->f.pmoney);
	xw_put_text(sh, 6, status_text(r->status), NULL);
	xw_put_text(sh, 7, mediator_name(x->s, r->mediator_id), NULL);
	xw_put_date(sh, 8, r->closed_at);
	if (strcmp(r->status, "agreed") == 0)
		xw_put_money(sh, 9, c->agreed, x->f.pmoney);
	else
		xw_put_none(sh, 9, x->f.pmoney);
	sh->row++;
}

static void detail_row(struct sheet *sh, const struct report_case_row *r, const struct case_sums *c)
{
	struct xw *x = sh->x;
	char masked[256];
	int64_t days;

	xw_put_text(sh, 0, r->case_no, NULL);
	xw_put_date(sh, 1, r->received);
	xw_put_text(sh, 2, channel_text(r->channel), NULL);
	xw_put_text(sh, 3, r->applicant, NULL);
	xw_put_count(sh, 4, r->applicants, x->f.pcount);
	xw_put_text(sh, 5, x->full_ids ? r->id_no : val_mask(r->id_no, masked, sizeof masked), NULL);
	xw_put_text(sh, 6, c->respondents.buf, NULL);
	xw_put_text(sh, 7, r->nresp ? r->resp[0].uscc : "", NULL);
	xw_put_text(sh, 8, c->causes.buf, NULL);
	xw_put_money(sh, 9, c->claimed, x->f.pmoney);
	xw_put_text(sh, 10, status_text(r->status), NULL);
	int pf = r->performance ? perf_from_keyword(r->performance) : PERF_NONE;
	xw_put_text(sh, 11, pf > PERF_NONE ? perf_name((enum performance)pf) : "", NULL);
	xw_put_text(sh, 12, mediator_name(x->s, r->mediator_id), NULL);
	xw_put_date(sh, 13, r->accepted_at);
	xw_put_date(sh, 14, r->deadline);
	xw_put_date(sh, 15, r->closed_at);
	if (case_days(r, &days))
		xw_put_count(sh, 16, days, x->f.pcount);
	else
		xw_put_none(sh, 16, x->f.pcount);
	if (strcmp(r->status, "agreed") == 0)
		xw_put_money(sh, 17, c->agreed, x->f.pmoney);
	else
		xw_put_none(sh, 17, x->f.pmoney);
	xw_put_text(sh, 18, r->collective ? "是" : "否", NULL);
	sh->row++;
}

/* ---- the pass ----------------------------------------------------------------------- */

/* 案件明细 and 集体争议 in one pass over the cases received, counting the
 * employers for 高发单位 on the way.  0 (also when cancelled: see
 * x->cancelled), -1 on a database error. */
int xw_stream_cases(struct xw *x, struct db *db, struct report_emp_acc *acc)
{
	static const char *const col_heads[] = {"案件编号", "收案日期", "被申请人", "申请人数", "案由", "请求金额（元）",
						"状态", "调解员", "结案日期", "协议金额（元）"};
	static const int col_caps[] = {30, 12, 40, 10, 50, 18, 10, 12, 12, 18};
	static const char *const det_heads[] = {"案件编号", "收案日期", "渠道", "申请人", "申请人数", "证件号码",
						"被申请人", "统一社会信用代码", "案由", "请求金额（元）", "状态",
						"履行情况", "调解员", "受理日期", "调解期限", "结案日期", "办理天数",
						"协议金额（元）", "集体争议"};
	static const int det_caps[] = {30, 12, 8, 12, 10, 22, 40, 22, 50, 18, 10, 10, 12, 12, 12, 12, 10, 18, 10};
	const struct report_stats *s = x->s;
	struct sheet det, col;
	struct feed_batch *batch;
	struct case_sums c;
	char from[11], to[11];
	int rc = 0, stop = 0;
	int64_t total = s->cur.received;
	/* about every 1% of the rows, so a short export still moves the bar */
	int64_t step = total / 100 < 1 ? 1 : total / 100 > PROGRESS_MAX_STEP ? PROGRESS_MAX_STEP : total / 100;
	char *what = xasprintf("本期收案的全部案件，每案一行，按收案日期排列；证件号码%s。",
			       x->full_ids ? "为完整号码（经管理员明确要求导出）" : "已遮蔽");
	int b = xw_sheet_begin(x, &det, SH_DETAIL, what, det_heads, det_caps, 19, 1, total);

	free(what);
	if (b < 0 || xw_sheet_begin(x, &col, SH_COLLECTIVE,
				    "本期收案的集体争议案件（申请人众多、有共同请求），按收案日期排列。", col_heads,
				    col_caps, 10, 1, s->cur.collective) < 0)
		return 0; /* the error is in x->err */
	/* long lists: gridlines on paper instead of a border round every cell,
	 * and no cell at all where there is nothing to say */
	det.plain = col.plain = 1;
	if (x->progress && x->progress(x->ud, 0, total)) {
		x->cancelled = 1;
		return 0;
	}
	date_format(s->period.from, from);
	date_format(s->period.to, to);
	struct feed *f = xw_feed_start(db, x->s, from, to, xw_load_monthly, x);
	if (!f)
		return -1;
	sb_init(&c.causes);
	sb_init(&c.respondents);
	while (!stop && (batch = xw_feed_take(f))) {
		for (int i = 0; i < batch->n; i++) {
			const struct report_case_row *r = &batch->row[i];
			case_sums(s, r, &c);
			detail_row(&det, r, &c);
			if (r->collective)
				collective_row(&col, r, &c);
			report_emp_acc_case(acc, r);
			report_stats_add_case(x->s, r);
			x->written++;
			test_delay();
			if (x->progress && x->written % step == 0 && x->progress(x->ud, x->written, total)) {
				x->cancelled = stop = 1;
				break;
			}
			if (x->err != LXW_NO_ERROR) {
				stop = 1;
				break;
			}
		}
		xw_feed_done(f, batch);
	}
	rc = xw_feed_end(f, stop);
	sb_free(&c.causes);
	sb_free(&c.respondents);
	if (rc < 0)
		return -1;
	xw_sheet_end(&det);
	xw_sheet_end(&col);
	if (!x->cancelled && x->progress && x->written % step != 0 && x->progress(x->ud, x->written, total))
		x->cancelled = 1;
	return 0;
}
