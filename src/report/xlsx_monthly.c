/*
 * xlsx_monthly.c - 月报, the statistics in the layout reported upward
 * (the figures and their definitions: src/report/monthly.c), and 按行业区县,
 * the cases accepted by the respondent's industry and district.
 *
 * 月报 is one table of numbered rows (行次) under a header block: the
 * table number, the reporting unit, the period (截至 D 日 while it runs)
 * and the unit of measure; below it the names of those responsible and
 * the day it is made (报出日期), all from [report] of the configuration.
 * Each rate has its formula beside it, with the figures put in.  Amounts
 * are in 万元, stored rounded to two decimals, so the cells add up to
 * what is printed.  Figures this system does not hold (the other
 * mediation bodies) are blank cells, never a zero nor a dash.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/lifecycle.h"
#include "tiaojie/calendar.h"
#include "xlsx_internal.h"

static double wan(int64_t fen)
{
	return round((double)fen / 10000.0) / 100.0; /* fen -> 万元 (1 万元 = 10^6 fen), two decimals */
}

/* A numbered row: label, 行次, value, note. */
struct mrow {
	struct sheet *sh;
	int line;
};

static void label(struct mrow *m, const char *text, int indent)
{
	struct xw *x = m->sh->x;
	xw_put_text(m->sh, 0, text, indent >= 2 ? x->f.indent2 : indent ? x->f.indent1 : x->f.bold);
}

static void count_row(struct mrow *m, const char *text, int indent, int64_t v, const char *note)
{
	struct xw *x = m->sh->x;

	label(m, text, indent);
	xw_put_count(m->sh, 1, ++m->line, x->f.count);
	xw_put_count(m->sh, 2, v, indent ? x->f.count : x->f.count_bold);
	xw_put_text(m->sh, 3, note ? note : "", x->f.text_wrap);
	m->sh->row++;
}

static void blank_row(struct mrow *m, const char *text, int indent, const char *note)
{
	struct xw *x = m->sh->x;

	label(m, text, indent);
	xw_put_count(m->sh, 1, ++m->line, x->f.count);
	xw_put_text(m->sh, 2, "", x->f.count);
	xw_put_text(m->sh, 3, note ? note : "", x->f.text_wrap);
	m->sh->row++;
}

static void money_row(struct mrow *m, const char *text, int indent, int64_t fen, const char *note)
{
	struct xw *x = m->sh->x;

	label(m, text, indent);
	xw_put_count(m->sh, 1, ++m->line, x->f.count);
	xw_put_num(m->sh, 2, wan(fen), indent ? x->f.money : x->f.money_bold, xw_digits(fen / 1000000) + 4);
	xw_put_text(m->sh, 3, note ? note : "", x->f.text_wrap);
	m->sh->row++;
}

/* A rate (or average) with its formula; blank when the divisor is 0. */
static void rate_row(struct mrow *m, const char *text, double v, lxw_format *f, const char *formula)
{
	struct xw *x = m->sh->x;

	label(m, text, 0);
	xw_put_count(m->sh, 1, ++m->line, x->f.count);
	if (v >= 0)
		xw_put_num(m->sh, 2, v, f, 8);
	else
		xw_put_text(m->sh, 2, "", f);
	xw_put_text(m->sh, 3, formula, x->f.text_wrap);
	m->sh->row++;
}

static void section(struct mrow *m, const char *text)
{
	struct xw *x = m->sh->x;

	xw_put_text(m->sh, 0, text, x->f.bold);
	for (int c = 1; c < 4; c++)
		xw_put_text(m->sh, c, "", x->f.text);
	m->sh->row++;
}

static const char *cfg_or(const char *v, const char *dflt)
{
	return v && *v ? v : dflt ? dflt : "";
}

static char *pct_text(int64_t num, int64_t den)
{
	return den > 0 ? xasprintf("%.1f%%", 100.0 * (double)num / (double)den) : xstrdup("无（分母为 0）");
}

void xw_write_monthly(struct xw *x)
{
	static const char *const heads[] = {"项目", "行次", "本期", "计算公式与口径"};
	const struct report_monthly *m = x->m;
	const struct config *cfg = x->cfg;
	struct sheet sh;
	struct mrow r = {&sh, 0};
	char *t;

	memset(&sh, 0, sizeof sh);
	sh.x = x;
	snprintf(sh.name, sizeof sh.name, "%s", xw_sheet_names[SH_MONTHLY]);
	sh.ws = x->sheets[SH_MONTHLY];
	if (!sh.ws)
		return;
	sh.ncols = 4;
	sh.cap[0] = 34;
	sh.cap[1] = 6;
	sh.cap[2] = 14;
	sh.cap[3] = 62;

	/* the header block */
	t = xasprintf("劳动人事争议调解情况%s", x->s->period.kind == RP_MONTH ? "月报表" : "统计表");
	sh.row = 0;
	xw_put_frame(&sh, 0, t, x->f.title_c);
	for (int c = 1; c < 4; c++)
		xw_chk(x, worksheet_write_blank(sh.ws, 0, (lxw_col_t)c, x->f.title_c));
	xw_chk(x, worksheet_set_row(sh.ws, 0, 28, NULL));
	free(t);
	sh.row = 1;
	t = xasprintf("表号：%s", cfg_or(cfg ? cfg->report_table_no : NULL, NULL));
	xw_put_frame(&sh, 3, t, x->f.sub_r);
	free(t);
	sh.row = 2;
	t = xasprintf("填报单位：%s", cfg_or(cfg ? cfg->report_unit : NULL, cfg ? cfg->centre_name : NULL));
	xw_put_frame(&sh, 0, t, x->f.sub);
	free(t);
	t = xasprintf("统计期：%s", x->label);
	xw_put_frame(&sh, 3, t, x->f.sub_r);
	free(t);
	sh.row = 3;
	if (x->frozen) {
		t = xasprintf("本月已于 %s 关账：本表为关账时的数字，其后的变化见“更正”", x->frozen->closed_at);
		xw_put_frame(&sh, 0, t, x->f.note);
		free(t);
	}
	xw_put_frame(&sh, 3, "计量单位：件、人、万元", x->f.sub_r);
	sh.row = HEADER_ROW;
	for (int c = 0; c < 4; c++)
		xw_put_frame(&sh, c, heads[c], x->f.header);
	worksheet_freeze_panes(sh.ws, HEADER_ROW + 1, 0);
	xw_print_setup(&sh, 0, 1);
	sh.row = HEADER_ROW + 1;

	char note[256];
	section(&r, "一、收结情况");
	count_row(&r, "上期未结", 1, m->open_before, "统计期开始前已受理、统计期开始时未结的案件");
	count_row(&r, "本期受理", 1, m->accepted, "受理日期在统计期内的案件（不含不予受理）");
	count_row(&r, "本期结案", 1, m->closed, "已受理、结案日期在统计期内的案件");
	snprintf(note, sizeof note, "行1＋行2＝行3＋行4：%lld＋%lld＝%lld＋%lld（已校验）", (long long)m->open_before,
		 (long long)m->accepted, (long long)m->closed, (long long)m->open_after);
	count_row(&r, "期末未结", 1, m->open_after, note);

	section(&r, "二、本期受理");
	count_row(&r, "当期受理案件总数", 0, m->accepted, "同行2");
	for (int i = 0; i < m->ntype; i++) {
		char *lb = xasprintf("按争议类型：%s", *m->by_type[i].key ? m->by_type[i].key : "（未填请求）");
		count_row(&r, lb, 1, m->by_type[i].accepted, i == 0 ? "每案计一次，按第一项请求的国家统计分组" : NULL);
		free(lb);
	}
	count_row(&r, "按调解组织：仲裁机构案外调解", 1, m->accepted, "本系统受理的全部案件");
	for (int i = 0; cfg && i < cfg->nreport_bodies; i++) {
		char *lb = xasprintf("按调解组织：%s", cfg->report_bodies[i]);
		blank_row(&r, lb, 1, "本系统不掌握，由填报单位据其报表填写");
		free(lb);
	}
	count_row(&r, "涉及劳动者人数", 0, m->workers, "本期受理案件的申请人人数");
	count_row(&r, "其中：农民工", 1, m->migrant, "户籍类型为农村户籍的申请人");
	count_row(&r, "其中：外籍", 1, m->foreign, "外国人永久居留身份证，或国籍非中国的护照");
	count_row(&r, "其中：港澳台", 1, m->hkmotw, "港澳居民、台湾居民的证件");
	snprintf(note, sizeof note, "申请人 %d 人以上的本期受理案件", REPORT_BIG_COLLECTIVE);
	count_row(&r, "集体争议案件数", 0, m->big_collective, note);
	count_row(&r, "集体争议涉及劳动者人数", 1, m->big_collective_workers, "上述集体争议案件的申请人人数");
	money_row(&r, "涉案金额", 0, m->claimed_fen, "本期受理案件的请求金额合计，万元，保留两位小数");

	section(&r, "三、本期结案");
	count_row(&r, "调解结案数", 0, m->closed, "同行3，为以下四项之和");
	count_row(&r, status_name(ST_AGREED), 1, m->agreed, "达成调解协议");
	count_row(&r, status_name(ST_FAILED), 1, m->failed, "含调解不成后转仲裁");
	count_row(&r, "其中：转仲裁", 2, m->referred, NULL);
	count_row(&r, status_name(ST_WITHDRAWN), 1, m->withdrawn, "申请人撤回申请");
	count_row(&r, "其他", 1, m->other, "以其他方式结案");
	money_row(&r, "结案金额", 0, m->closed_fen, "本期调解成功结案的协议金额合计，万元，保留两位小数");
	count_row(&r, "履行情况：履行完毕", 1, m->perf_done, "本期调解成功结案中");
	count_row(&r, "履行情况：待履行", 1, m->perf_pending, NULL);
	count_row(&r, "履行情况：未履行", 1, m->perf_defaulted, NULL);
	count_row(&r, "附：不予受理", 1, m->rejected, "本期决定不予受理的申请，未受理，不计入收结");

	section(&r, "四、比率");
	char *p;
	p = pct_text(m->closed, m->open_before + m->accepted);
	t = xasprintf("本期结案÷（上期未结＋本期受理）＝%lld÷（%lld＋%lld）＝%s", (long long)m->closed,
		      (long long)m->open_before, (long long)m->accepted, p);
	rate_row(&r, "结案率", report_ratio(m->closed, m->open_before + m->accepted), x->f.pct, t);
	free(t);
	free(p);
	p = pct_text(m->agreed, m->agreed + m->failed);
	t = xasprintf("口径一：调解成功÷（调解成功＋调解不成）＝%lld÷（%lld＋%lld）＝%s；不计撤回和其他", (long long)m->agreed,
		      (long long)m->agreed, (long long)m->failed, p);
	rate_row(&r, "调解成功率（口径一）", report_ratio(m->agreed, m->agreed + m->failed), x->f.pct, t);
	free(t);
	free(p);
	p = pct_text(m->agreed, m->closed);
	t = xasprintf("口径二：调解成功÷调解结案数＝%lld÷%lld＝%s", (long long)m->agreed, (long long)m->closed, p);
	rate_row(&r, "调解成功率（口径二）", report_ratio(m->agreed, m->closed), x->f.pct, t);
	free(t);
	free(p);
	p = pct_text(m->on_time, m->closed);
	t = xasprintf("在调解期限内结案的案件÷调解结案数＝%lld÷%lld＝%s", (long long)m->on_time, (long long)m->closed, p);
	rate_row(&r, "按期结案率", report_ratio(m->on_time, m->closed), x->f.pct, t);
	free(t);
	free(p);
	p = pct_text(m->perf_done, m->agreed);
	t = xasprintf("履行完毕÷调解成功＝%lld÷%lld＝%s", (long long)m->perf_done, (long long)m->agreed, p);
	rate_row(&r, "履行率", report_ratio(m->perf_done, m->agreed), x->f.pct, t);
	free(t);
	free(p);
	double avg = report_avg_days(m->days_sum, m->days_n);
	t = m->days_n ? xasprintf("受理日至结案日的日历天数之和÷调解结案数＝%lld÷%lld＝%.1f 天", (long long)m->days_sum,
				  (long long)m->days_n, avg)
		      : xstrdup("受理日至结案日的日历天数之和÷调解结案数（本期无结案）");
	rate_row(&r, "平均办案天数", avg, x->f.days, t);
	free(t);

	/* who answers for it */
	sh.row++;
	int y, mo, d;
	date_to_ymd(x->s->today, &y, &mo, &d);
	t = xasprintf("单位负责人：%s　　统计负责人：%s", cfg_or(cfg ? cfg->report_head : NULL, NULL),
		      cfg_or(cfg ? cfg->report_statistician : NULL, NULL));
	xw_put_frame(&sh, 0, t, x->f.sub);
	free(t);
	t = xasprintf("填表人：%s　　报出日期：%d年%d月%d日", cfg_or(cfg ? cfg->report_preparer : NULL, NULL), y, mo, d);
	xw_put_frame(&sh, 3, t, x->f.sub_r);
	free(t);
	xw_sheet_end(&sh);
}

/* ---- 按行业区县 ---------------------------------------------------------------------- */

static void breakdown_table(struct sheet *sh, const struct report_breakdown *v, int n, const char *none)
{
	struct xw *x = sh->x;
	struct report_breakdown tot = {0};

	for (int i = 0; i < n; i++) {
		xw_put_text(sh, 0, *v[i].key ? v[i].key : none, x->f.text);
		xw_put_count(sh, 1, v[i].accepted, x->f.count);
		xw_put_count(sh, 2, v[i].workers, x->f.count);
		xw_put_num(sh, 3, wan(v[i].claimed_fen), x->f.money, xw_digits(v[i].claimed_fen / 1000000) + 4);
		xw_put_count(sh, 4, v[i].closed, x->f.count);
		xw_put_count(sh, 5, v[i].agreed, x->f.count);
		sh->row++;
		tot.accepted += v[i].accepted;
		tot.workers += v[i].workers;
		tot.claimed_fen += v[i].claimed_fen;
		tot.closed += v[i].closed;
		tot.agreed += v[i].agreed;
	}
	xw_put_text(sh, 0, "合计", x->f.bold);
	xw_put_count(sh, 1, tot.accepted, x->f.count_bold);
	xw_put_count(sh, 2, tot.workers, x->f.count_bold);
	xw_put_num(sh, 3, wan(tot.claimed_fen), x->f.money_bold, xw_digits(tot.claimed_fen / 1000000) + 4);
	xw_put_count(sh, 4, tot.closed, x->f.count_bold);
	xw_put_count(sh, 5, tot.agreed, x->f.count_bold);
	sh->row++;
}

void xw_write_breakdowns(struct xw *x)
{
	static const char *const heads[] = {"行业", "本期受理", "涉及劳动者人数", "涉案金额（万元）", "本期结案",
					    "其中调解成功"};
	static const char *const dheads[] = {"区县", "本期受理", "涉及劳动者人数", "涉案金额（万元）", "本期结案",
					     "其中调解成功"};
	static const int caps[] = {30, 10, 16, 18, 10, 14};
	const struct report_monthly *m = x->m;
	struct sheet sh;

	if (xw_sheet_begin(x, &sh, SH_BREAKDOWN,
			   "按第一被申请单位的行业、所在区县计，每案计一次；受理、结案口径同月报。", heads, caps, 6, 1,
			   -1) < 0)
		return;
	breakdown_table(&sh, m->by_industry, m->nindustry, "（未填行业）");
	sh.row++;
	xw_section_title(&sh, "按区县");
	xw_header_row(&sh, dheads, 6);
	breakdown_table(&sh, m->by_district, m->ndistrict, "（未填区县）");
	xw_sheet_end(&sh);
}

/* ---- 更正 ------------------------------------------------------------------------- */

void xw_write_corrections(struct xw *x)
{
	static const char *const heads[] = {"案件编号", "项目", "关账时", "现在", "增减"};
	static const int caps[] = {30, 36, 16, 16, 16};
	const struct report_frozen *f = x->frozen;
	struct sheet sh;
	char *what = xasprintf("本月于 %s 关账后，案件数据的变化对月报各项的影响（月报仍为关账时的数字）；"
			       "金额以元计。共 %d 处。", f->closed_at, f->nfix);

	if (xw_sheet_begin(x, &sh, SH_CORRECTIONS, what, heads, caps, 5, 1, f->nfix) < 0) {
		free(what);
		return;
	}
	free(what);
	for (int i = 0; i < f->nfix; i++) {
		const struct report_correction *c = &f->fix[i];
		char *fig = c->money ? xasprintf("%s（元）", c->figure) : xstrdup(c->figure);
		xw_put_text(&sh, 0, c->case_no, x->f.text);
		xw_put_text(&sh, 1, fig, x->f.text);
		if (c->money) {
			xw_put_money(&sh, 2, c->old, x->f.money);
			xw_put_money(&sh, 3, c->now, x->f.money);
			xw_put_num(&sh, 4, (double)(c->now - c->old) / 100.0, x->f.signed_money, xw_digits((c->now - c->old) / 100) + 5);
		} else {
			xw_put_count(&sh, 2, c->old, x->f.count);
			xw_put_count(&sh, 3, c->now, x->f.count);
			xw_put_num(&sh, 4, (double)(c->now - c->old), x->f.signed_count, xw_digits(c->now - c->old) + 2);
		}
		free(fig);
		sh.row++;
	}
	xw_sheet_end(&sh);
}
