/*
 * xlsx_sheets.c - the summary sheets of the statistics workbook: 汇总 (the
 * headline figures against last year and the previous period, with the
 * pie of outcomes, the 12-month line and the bars of first-level causes),
 * 按案由, 按调解员 and 高发单位.  They are written after the detail stream
 * (xlsx_detail.c) has completed the figures they show.
 *
 * Numbers and dates are real cells (amounts "#,##0.00", rates as
 * percentages, dates as dates), so a statistician can sum and filter them;
 * a figure that does not exist (a rate without cases, a change against
 * zero) is an empty cell, never text in a column of numbers.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tiaojie/calendar.h"
#include "tiaojie/lifecycle.h"
#include "tiaojie/vocab.h"
#include "xlsx_internal.h"

/* ---- 汇总 --------------------------------------------------------------------------- */

enum ind_kind { IK_COUNT, IK_MONEY, IK_RATE, IK_DAYS };

/* A row of the summary: a fixed label, or (has_word) the label as a
 * prefix before a word of the vocabulary, the channels and outcomes. */
struct indicator {
	const char *label;
	int indent;
	enum ind_kind kind;
	const char *note;
	int has_word;
	enum vocab_kind vk;
	int word;
};

enum {
	I_RECEIVED, I_WINDOW, I_ONLINE, I_PHONE, I_LETTER, I_OTHER, I_COLLECTIVE, I_WORKERS, I_CONSULT,
	I_CLOSED, I_AGREED, I_FAILED, I_REFERRED, I_WITHDRAWN, I_REJECTED, I_RATE, I_RATE2, I_CLAIMED, I_AGREED_AMT,
	I_DAYS, I_OVERDUE_OPEN, I_OVERDUE_CLOSED, I_COUNT
};

static const struct indicator indicators[I_COUNT] = {
	[I_RECEIVED] = {"收案数", 0, IK_COUNT, "收案日期在本期的案件"},
	[I_WINDOW] = {"其中：", 1, IK_COUNT, "按申请渠道", 1, VOCAB_CHANNEL, 0},
	[I_ONLINE] = {"其中：", 1, IK_COUNT, "", 1, VOCAB_CHANNEL, 1},
	[I_PHONE] = {"其中：", 1, IK_COUNT, "", 1, VOCAB_CHANNEL, 2},
	[I_LETTER] = {"其中：", 1, IK_COUNT, "", 1, VOCAB_CHANNEL, 3},
	[I_OTHER] = {"其中：", 1, IK_COUNT, "", 1, VOCAB_CHANNEL, 4},
	[I_COLLECTIVE] = {"其中：集体争议", 1, IK_COUNT, "标记为集体争议的收案"},
	[I_WORKERS] = {"涉及劳动者人数", 0, IK_COUNT, "本期收案的申请人人数（集体争议计每一位申请人）"},
	[I_CONSULT] = {"咨询登记", 0, IK_COUNT, "本期登记的咨询（未立案）"},
	[I_CLOSED] = {"结案数", 0, IK_COUNT, "结案日期在本期的案件，为以下四项之和"},
	[I_AGREED] = {"", 1, IK_COUNT, "达成调解协议", 1, VOCAB_STATUS, ST_AGREED},
	[I_FAILED] = {"", 1, IK_COUNT, "调解不成，含已转仲裁", 1, VOCAB_STATUS, ST_FAILED},
	[I_REFERRED] = {"其中：", 2, IK_COUNT, "调解不成后转仲裁", 1, VOCAB_STATUS, ST_REFERRED},
	[I_WITHDRAWN] = {"", 1, IK_COUNT, "", 1, VOCAB_STATUS, ST_WITHDRAWN},
	[I_REJECTED] = {"", 1, IK_COUNT, "", 1, VOCAB_STATUS, ST_REJECTED},
	[I_RATE] = {"调解成功率（口径一）", 0, IK_RATE, "口径一：调解成功÷（调解成功＋调解不成），不计撤回和不予受理；增减以百分点计"},
	[I_RATE2] = {"调解成功率（口径二）", 0, IK_RATE, "口径二：调解成功÷结案数（含撤回和不予受理）；增减以百分点计"},
	[I_CLAIMED] = {"请求金额（元）", 0, IK_MONEY, "本期收案的请求金额合计"},
	[I_AGREED_AMT] = {"协议金额（元）", 0, IK_MONEY, "本期调解成功结案的协议金额合计"},
	[I_DAYS] = {"平均办理天数", 0, IK_DAYS, "受理日至结案日的日历天数之和÷本期结案且已受理的案件数"},
	[I_OVERDUE_OPEN] = {"期末超期未结", 0, IK_COUNT, "期末（本期最后一天，本期未完时为今天）未结且已过期限的案件"},
	[I_OVERDUE_CLOSED] = {"超期结案", 0, IK_COUNT, "本期结案、结案日晚于期限的案件"},
};

/* The value of an indicator: 1 and *v, or 0 when it does not exist. */
static int ind_value(int i, const struct report_headline *h, double *v)
{
	double r;

	switch (i) {
	case I_RECEIVED: *v = (double)h->received; return 1;
	case I_WINDOW: case I_ONLINE: case I_PHONE: case I_LETTER: case I_OTHER:
		*v = (double)h->channel[i - I_WINDOW];
		return 1;
	case I_COLLECTIVE: *v = (double)h->collective; return 1;
	case I_WORKERS: *v = (double)h->workers; return 1;
	case I_CONSULT: *v = (double)h->consultations; return 1;
	case I_CLOSED: *v = (double)h->closed; return 1;
	case I_AGREED: *v = (double)h->agreed; return 1;
	case I_FAILED: *v = (double)h->failed; return 1;
	case I_REFERRED: *v = (double)h->referred; return 1;
	case I_WITHDRAWN: *v = (double)h->withdrawn; return 1;
	case I_REJECTED: *v = (double)h->rejected; return 1;
	case I_RATE:
		r = report_success_rate(h->agreed, h->failed);
		*v = r;
		return r >= 0;
	case I_RATE2:
		r = report_ratio(h->agreed, h->closed);
		*v = r;
		return r >= 0;
	case I_CLAIMED: *v = (double)h->claimed_fen / 100.0; return 1;
	case I_AGREED_AMT: *v = (double)h->agreed_fen / 100.0; return 1;
	case I_DAYS:
		r = report_avg_days(h->days_sum, h->days_n);
		*v = r;
		return r >= 0;
	case I_OVERDUE_OPEN: *v = (double)h->overdue_open; return 1;
	case I_OVERDUE_CLOSED: *v = (double)h->overdue_closed; return 1;
	default: return 0;
	}
}

static void put_value(struct sheet *sh, int col, enum ind_kind k, int have, double v, int bold)
{
	struct xw *x = sh->x;

	if (!have) {
		xw_put_none(sh, col, k == IK_RATE ? x->f.pct : k == IK_DAYS ? x->f.days : NULL);
		return;
	}
	switch (k) {
	case IK_COUNT: xw_put_num(sh, col, v, bold ? x->f.count_bold : x->f.count, xw_digits((int64_t)v) + 1); break;
	case IK_MONEY: xw_put_num(sh, col, v, bold ? x->f.money_bold : x->f.money, xw_digits((int64_t)v) + 4); break;
	case IK_RATE: xw_put_num(sh, col, v, bold ? x->f.pct_bold : x->f.pct, 7); break;
	case IK_DAYS: xw_put_num(sh, col, v, bold ? x->f.days_bold : x->f.days, 6); break;
	}
}

/* 增减 and 变化率 of cur against an earlier figure. */
static void put_change(struct sheet *sh, int col, enum ind_kind k, int have_cur, double cur, int have_old, double old)
{
	struct xw *x = sh->x;

	if (!have_cur || !have_old) {
		xw_put_none(sh, col, NULL);
		xw_put_none(sh, col + 1, NULL);
		return;
	}
	switch (k) {
	case IK_COUNT: xw_put_num(sh, col, cur - old, x->f.signed_count, xw_digits((int64_t)(cur - old)) + 2); break;
	case IK_MONEY: xw_put_num(sh, col, cur - old, x->f.signed_money, xw_digits((int64_t)(cur - old)) + 5); break;
	case IK_RATE: xw_put_num(sh, col, (cur - old) * 100.0, x->f.points, 14); break;
	case IK_DAYS: xw_put_num(sh, col, cur - old, x->f.signed_days, 7); break;
	}
	if (k == IK_RATE || old == 0)
		xw_put_none(sh, col + 1, NULL);
	else
		xw_put_num(sh, col + 1, (cur - old) / old, x->f.signed_pct, 8);
}

static lxw_chart *chart_new(struct xw *x, uint8_t type, const char *title)
{
	lxw_chart *ch = workbook_add_chart(x->wb, type);

	if (!ch) {
		xw_chk(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return NULL;
	}
	chart_title_set_name(ch, title);
	/* the CJK font of the cells, here too: a chart's text is Calibri
	 * otherwise, which has no Chinese */
	lxw_chart_font tf = {.name = (char *)XW_FONT, .bold = LXW_TRUE, .size = 12, .charset = 134};
	lxw_chart_font nf = {.name = (char *)XW_FONT, .size = 10, .charset = 134};
	chart_title_set_name_font(ch, &tf);
	chart_legend_set_font(ch, &nf);
	if (type != LXW_CHART_PIE) {
		chart_axis_set_num_font(ch->x_axis, &nf);
		chart_axis_set_num_font(ch->y_axis, &nf);
	}
	return ch;
}

void xw_write_summary(struct xw *x)
{
	static const char *const heads[] = {"指标", "本期", "去年同期", "同比增减", "同比", "上期", "环比增减", "环比",
					    "口径说明"};
	static const int caps[] = {24, 16, 16, 16, 10, 16, 16, 10, 30}; /* the notes wrap */
	const struct report_stats *s = x->s;
	struct sheet sh;
	char *what;
	char end[11];

	date_format(report_period_end_seen(&s->period, s->today), end);
	what = xasprintf("同比：%s；环比：%s；数据截至 %s；制表时间 %s%s%s%s", x->label_ly, x->label_prev, end, x->now,
			 x->frozen ? "；本期数为 " : "", x->frozen ? x->frozen->closed_at : "",
			 x->frozen ? " 关账时的数字，其后的变化见“更正”" : "");
	if (xw_sheet_begin(x, &sh, SH_SUMMARY, what, heads, caps, 9, 1, -1) < 0) {
		free(what);
		return;
	}
	free(what);

	for (int i = 0; i < I_COUNT; i++) {
		const struct indicator *in = &indicators[i];
		double cur = 0, ly = 0, prev = 0;
		int hc = ind_value(i, &s->cur, &cur), hl = ind_value(i, &s->last_year_h, &ly),
		    hp = ind_value(i, &s->prev_h, &prev);
		int bold = in->indent == 0;
		char lb[64];
		if (in->has_word)
			snprintf(lb, sizeof lb, "%s%s", in->label, vocab_long_label_at(in->vk, in->word));
		xw_put_text(&sh, 0, in->has_word ? lb : in->label, in->indent == 2 ? x->f.indent2 : in->indent ? x->f.indent1 : x->f.bold);
		put_value(&sh, 1, in->kind, hc, cur, bold);
		put_value(&sh, 2, in->kind, hl, ly, 0);
		put_change(&sh, 3, in->kind, hc, cur, hl, ly);
		put_value(&sh, 5, in->kind, hp, prev, 0);
		put_change(&sh, 6, in->kind, hc, cur, hp, prev);
		xw_put_text(&sh, 8, in->note, x->f.text_wrap);
		sh.row++;
	}

	/* what the cases closed came to: the pie */
	static const char *const comp_heads[] = {"结案结果", "件数", "占结案数"};
	const struct report_headline *h = &s->cur;
	const int64_t comp[4] = {h->agreed, h->failed, h->withdrawn, h->rejected};
	const char *const comp_names[4] = {status_name(ST_AGREED), status_name(ST_FAILED), status_name(ST_WITHDRAWN),
					   status_name(ST_REJECTED)};
	sh.row++;
	lxw_row_t comp_top = sh.row;
	xw_section_title(&sh, "本期结案结果构成");
	xw_header_row(&sh, comp_heads, 3);
	lxw_row_t comp_first = sh.row;
	for (int i = 0; i < 4; i++) {
		xw_put_text(&sh, 0, comp_names[i], x->f.text);
		xw_put_count(&sh, 1, comp[i], x->f.count);
		if (h->closed > 0)
			xw_put_num(&sh, 2, (double)comp[i] / (double)h->closed, x->f.pct, 7);
		else
			xw_put_none(&sh, 2, x->f.pct);
		sh.row++;
	}
	lxw_chart *pie = chart_new(x, LXW_CHART_PIE, "本期结案结果");
	if (pie) {
		lxw_chart_series *ser = chart_add_series(pie, NULL, NULL);
		chart_series_set_categories(ser, "汇总", comp_first, 0, comp_first + 3, 0);
		chart_series_set_values(ser, "汇总", comp_first, 1, comp_first + 3, 1);
		chart_series_set_name(ser, "件数");
		chart_series_set_labels(ser);
		chart_series_set_labels_percentage(ser);
		lxw_chart_font lf = {.name = (char *)XW_FONT, .size = 10, .charset = 134};
		chart_series_set_labels_font(ser, &lf);
		chart_legend_set_position(pie, LXW_CHART_LEGEND_RIGHT);
		lxw_chart_options o = {.x_scale = 1.25, .y_scale = 0.9};
		xw_chk(x, worksheet_insert_chart_opt(sh.ws, comp_top, 4, pie, &o));
	}
	/* the pie takes about 13 rows: keep the next section below it */
	sh.row = comp_top + 14;

	/* the 12-month trend: the line */
	const char *const trend_heads[] = {"月份", "收案数", "结案数", status_name(ST_AGREED)};
	lxw_row_t trend_top = sh.row;
	xw_section_title(&sh, "近12个月收案与结案");
	xw_header_row(&sh, trend_heads, 4);
	lxw_row_t trend_first = sh.row;
	for (int i = 0; i < 12; i++) {
		const struct report_month *m = &s->trend[i];
		lxw_datetime dt = {.year = m->year, .month = m->month, .day = 1};
		xw_note_width(&sh, 0, 10);
		xw_chk(x, worksheet_write_datetime(sh.ws, sh.row, 0, &dt, x->f.month));
		xw_put_count(&sh, 1, m->received, x->f.count);
		xw_put_count(&sh, 2, m->closed, x->f.count);
		xw_put_count(&sh, 3, m->agreed, x->f.count);
		sh.row++;
	}
	lxw_chart *line = chart_new(x, LXW_CHART_LINE, "近12个月收案与结案");
	if (line) {
		for (int k = 1; k <= 3; k++) {
			lxw_chart_series *ser = chart_add_series(line, NULL, NULL);
			chart_series_set_categories(ser, "汇总", trend_first, 0, trend_first + 11, 0);
			chart_series_set_values(ser, "汇总", trend_first, (lxw_col_t)k, trend_first + 11, (lxw_col_t)k);
			chart_series_set_name(ser, trend_heads[k]);
			chart_series_set_marker_type(ser, LXW_CHART_MARKER_AUTOMATIC);
		}
		chart_axis_set_num_format(line->x_axis, "yyyy\"年\"m\"月\"");
		chart_legend_set_position(line, LXW_CHART_LEGEND_BOTTOM);
		lxw_chart_options o = {.x_scale = 1.25, .y_scale = 0.95};
		xw_chk(x, worksheet_insert_chart_opt(sh.ws, trend_top, 4, line, &o));
	}
	sh.row++;

	/* the first-level causes: the bars */
	static const char *const cause_heads[] = {"代码", "一级案由", "收案件数", "结案件数"};
	lxw_row_t cause_top = sh.row;
	xw_section_title(&sh, "本期收案按一级案由");
	xw_header_row(&sh, cause_heads, 4);
	lxw_row_t cause_first = sh.row;
	int nfirst = 0;
	for (int i = 0; i < s->ncauses - s->ngroups; i++) {
		const struct report_cause *c = &s->causes[i];
		if (c->level != 1)
			continue;
		xw_put_text(&sh, 0, c->code, x->f.text);
		xw_put_text(&sh, 1, c->name, x->f.text);
		xw_put_count(&sh, 2, c->cases, x->f.count);
		xw_put_count(&sh, 3, c->closed, x->f.count);
		sh.row++;
		nfirst++;
	}
	lxw_chart *bar = nfirst ? chart_new(x, LXW_CHART_BAR, "本期收案按一级案由") : NULL;
	if (bar) {
		lxw_chart_series *ser = chart_add_series(bar, NULL, NULL);
		chart_series_set_categories(ser, "汇总", cause_first, 1, cause_first + (lxw_row_t)nfirst - 1, 1);
		chart_series_set_values(ser, "汇总", cause_first, 2, cause_first + (lxw_row_t)nfirst - 1, 2);
		chart_series_set_name(ser, "收案件数");
		chart_series_set_labels(ser);
		lxw_chart_font lf = {.name = (char *)XW_FONT, .size = 10, .charset = 134};
		chart_series_set_labels_font(ser, &lf);
		/* in a bar chart y is the axis of the categories: reversed, the
		 * first cause is on top and the bars still grow left to right
		 * (reversing x, the values, made them grow right to left); every
		 * cause's name shown, not every other one */
		chart_axis_set_reverse(bar->y_axis);
		chart_axis_set_interval_unit(bar->y_axis, 1);
		chart_axis_set_crossing_max(bar->y_axis); /* the values' scale stays below */
		chart_legend_set_position(bar, LXW_CHART_LEGEND_NONE);
		lxw_chart_options o = {.x_scale = 1.25, .y_scale = (double)(nfirst + 3) * 24.0 / 288.0};
		xw_chk(x, worksheet_insert_chart_opt(sh.ws, cause_top, 4, bar, &o));
	}
	xw_sheet_end(&sh);
	/* the notes column is long text: let it be as wide as it needs, up to the cap */
}

/* ---- 按案由 ------------------------------------------------------------------------- */

static void cause_row(struct sheet *sh, const char *level, const struct report_cause *c, int bold)
{
	struct xw *x = sh->x;
	lxw_format *t = bold ? x->f.bold : x->f.text;

	xw_put_text(sh, 0, level, t);
	xw_put_text(sh, 1, c->code, t);
	xw_put_text(sh, 2, c->name, c->level == 2 ? x->f.indent1 : t);
	xw_put_text(sh, 3, c->group, x->f.text);
	xw_put_count(sh, 4, c->cases, bold ? x->f.count_bold : x->f.count);
	xw_put_count(sh, 5, c->claims, bold ? x->f.count_bold : x->f.count);
	xw_put_money(sh, 6, c->claimed_fen, bold ? x->f.money_bold : x->f.money);
	xw_put_count(sh, 7, c->closed, bold ? x->f.count_bold : x->f.count);
	xw_put_count(sh, 8, c->agreed, bold ? x->f.count_bold : x->f.count);
	xw_put_money(sh, 9, c->agreed_fen, bold ? x->f.money_bold : x->f.money);
	sh->row++;
}

void xw_write_causes(struct xw *x)
{
	static const char *const heads[] = {"层级", "代码", "案由", "统计分组", "收案件数", "请求项数",
					    "请求金额（元）", "结案件数", "调解成功件数", "协议金额（元）"};
	static const int caps[] = {10, 8, 40, 24, 12, 12, 20, 12, 14, 20};
	const struct report_stats *s = x->s;
	struct sheet sh;

	if (xw_sheet_begin(x, &sh, SH_CAUSES,
			   "收案按收案日期、结案按结案日期计；一案有多个案由的分别计入各案由，合计按案件去重。",
			   heads, caps, 10, 3, s->ncauses - s->ngroups) < 0)
		return;
	int ncause = s->ncauses - s->ngroups;
	for (int i = 0; i < ncause; i++)
		cause_row(&sh, s->causes[i].level == 1 ? "一级" : "二级", &s->causes[i], s->causes[i].level == 1);
	cause_row(&sh, "合计", &s->cause_total, 1);

	sh.row++;
	xw_section_title(&sh, "按国家统计分组");
	xw_header_row(&sh, heads, 10);
	for (int i = ncause; i < s->ncauses; i++)
		cause_row(&sh, "统计分组", &s->causes[i], 0);
	xw_sheet_end(&sh);
}

/* ---- 按调解员 ----------------------------------------------------------------------- */

static void put_rate(struct sheet *sh, int col, double r, lxw_format *f)
{
	if (r < 0)
		xw_put_none(sh, col, f);
	else
		xw_put_num(sh, col, r, f, 7);
}

static void mediator_row(struct sheet *sh, const struct report_mediator *m, const char *state, int bold)
{
	struct xw *x = sh->x;
	lxw_format *n = bold ? x->f.count_bold : x->f.count;

	xw_put_text(sh, 0, m->name, bold ? x->f.bold : x->f.text);
	xw_put_text(sh, 1, m->side, x->f.text);
	xw_put_text(sh, 2, state, x->f.text);
	xw_put_count(sh, 3, m->received, n);
	xw_put_count(sh, 4, m->closed, n);
	xw_put_count(sh, 5, m->agreed, n);
	xw_put_count(sh, 6, m->failed, n);
	xw_put_count(sh, 7, m->withdrawn, n);
	xw_put_count(sh, 8, m->rejected, n);
	put_rate(sh, 9, report_success_rate(m->agreed, m->failed), bold ? x->f.pct_bold : x->f.pct);
	xw_put_money(sh, 10, m->agreed_fen, bold ? x->f.money_bold : x->f.money);
	double d = report_avg_days(m->days_sum, m->days_n);
	if (d < 0)
		xw_put_none(sh, 11, x->f.days);
	else
		xw_put_num(sh, 11, d, bold ? x->f.days_bold : x->f.days, 6);
	xw_put_count(sh, 12, m->open, n);
	if (m->id > 0)
		xw_put_count(sh, 13, m->capacity, n);
	else
		xw_put_text(sh, 13, "", x->f.text);
	sh->row++;
}

static int mediator_shown(const struct report_mediator *m)
{
	return (m->id > 0 && m->active) || m->received || m->closed || m->open;
}

void xw_write_mediators(struct xw *x)
{
	const char *const heads[] = {"调解员", "类别", "状态", "收案件数", "结案件数", status_name(ST_AGREED),
				     status_name(ST_FAILED), status_name(ST_WITHDRAWN), status_name(ST_REJECTED),
				     "调解成功率", "协议金额（元）", "平均办理天数", "当前在办", "在办上限"};
	static const int caps[] = {20, 22, 8, 10, 10, 10, 10, 8, 10, 12, 18, 14, 10, 10};
	const struct report_stats *s = x->s;
	struct report_mediator total = {.name = (char *)"合计", .side = (char *)""};
	struct sheet sh;
	int shown = 0;

	for (int k = 0; k < s->nmediators; k++)
		shown += mediator_shown(&s->mediators[k]);
	if (xw_sheet_begin(x, &sh, SH_MEDIATORS,
			   "收案：本期收案、现由该调解员承办的案件；结案：本期结案的案件；当前在办为制表时已分派和调解中的案件。",
			   heads, caps, 14, 1, shown) < 0)
		return;
	/* the roster, then the cases without a mediator (row 0) */
	for (int k = 1; k <= s->nmediators; k++) {
		const struct report_mediator *m = &s->mediators[k % s->nmediators];
		if (!mediator_shown(m))
			continue;
		mediator_row(&sh, m, m->id == 0 ? "" : m->active ? "在册" : "已停用", 0);
		total.received += m->received;
		total.closed += m->closed;
		total.agreed += m->agreed;
		total.failed += m->failed;
		total.withdrawn += m->withdrawn;
		total.rejected += m->rejected;
		total.agreed_fen += m->agreed_fen;
		total.days_sum += m->days_sum;
		total.days_n += m->days_n;
		total.open += m->open;
	}
	mediator_row(&sh, &total, "", 1);
	xw_sheet_end(&sh);
}

/* ---- 高发单位 ----------------------------------------------------------------------- */

void xw_write_employers(struct xw *x)
{
	static const char *const heads[] = {"排名", "单位名称", "统一社会信用代码", "所在区", "行业", "收案件数",
					    "其中集体争议", "涉及劳动者人数", "请求金额（元）", "当前在办"};
	static const int caps[] = {6, 44, 22, 14, 20, 10, 14, 16, 20, 10};
	const struct report_stats *s = x->s;
	struct sheet sh;
	char *what = xasprintf("本期收案不少于 %d 件的被申请单位，按件数排列，最多 %d 家；当前在办为制表时未结的案件。",
			       REPORT_MIN_EMPLOYER_CASES, REPORT_TOP_EMPLOYERS);

	if (xw_sheet_begin(x, &sh, SH_EMPLOYERS, what, heads, caps, 10, 2, s->nemployers) < 0) {
		free(what);
		return;
	}
	free(what);
	for (int i = 0; i < s->nemployers; i++) {
		const struct report_employer *e = &s->employers[i];
		xw_put_count(&sh, 0, i + 1, x->f.count);
		xw_put_text(&sh, 1, e->name, x->f.text);
		xw_put_text(&sh, 2, e->uscc, x->f.text);
		xw_put_text(&sh, 3, e->district, x->f.text);
		xw_put_text(&sh, 4, e->industry, x->f.text);
		xw_put_count(&sh, 5, e->cases, x->f.count);
		xw_put_count(&sh, 6, e->collective, x->f.count);
		xw_put_count(&sh, 7, e->workers, x->f.count);
		xw_put_money(&sh, 8, e->claimed_fen, x->f.money);
		xw_put_count(&sh, 9, e->open, x->f.count);
		sh.row++;
	}
	xw_sheet_end(&sh);
}
