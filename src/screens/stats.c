/*
 * stats.c - statistics and export (统计与导出, SPEC 4.10), for
 * administrators: choose a period (a month by default, the last one; or a
 * quarter, a year, a range of dates), see the headline figures with 同比
 * and 环比 and the first-level cause table, and export the workbook with a
 * progress bar.
 *
 * The period is a small form at the top (kind, period, end date); Enter
 * counts.  Below it one scrolling list of lines (PgUp/PgDn) holds the
 * figures, laid out by display columns so it fits 80 columns; amounts are
 * shown in 万元 (the workbook has them to the fen).  The figures are
 * report_stats_load(), the same as the workbook's 汇总.
 *
 * F2 asks for the file (default: 调解统计-期间.xlsx in the current
 * directory, else the home directory) and whether identity numbers are
 * to be exported in full, then runs report_export() in the foreground:
 * its progress callback draws the bar over the screen and reads the
 * keyboard without waiting, so Esc (or F10, ^X) cancels and the export
 * leaves no file behind.  The loop is not running meanwhile, which is why
 * the callback draws and reads keys itself; it never blocks.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tiaojie/access.h"
#include "tiaojie/report.h"
#include "tiaojie/screens.h"
#include "tiaojie/uitext.h"
#include "tiaojie/vocab.h"
#include "tiaojie/widgets.h"


static const char *const kind_names[] = {"按月", "按季度", "按年", "起止日期"};

struct line {
	char *text;
	enum ui_style style;
};

struct stats_screen {
	struct form form;
	struct report_stats st;
	int loaded;
	struct line *lines;
	int nlines, cap;
	int top;
};

static const enum ui_action stats_actions[] = {UA_SAVE, UA_REFRESH, UA_BACK, UA_ENTER, UA_NEXT, UA_PREV,
					       UA_PGUP, UA_PGDN, UA_NONE};
static const struct ui_label stats_labels[] = {
	{UA_SAVE, "导出", "把本期统计导出为 Excel 工作簿"},
	{UA_REFRESH, "统计", "按所选期间重新统计"},
	{UA_NONE, NULL, NULL},
};

/* ---- text laid out by display columns ------------------------------------------- */

/* s padded (or cut) to width columns; right-aligned when right. */
static void col(struct strbuf *sb, const char *s, int width, int right)
{
	int w = tw_width(s);

	if (w > width) {
		size_t n;
		wchar_t *ws = tw_from_utf8(s, &n);
		size_t k = tw_fit(ws, n, width);
		char *cut = tw_to_utf8(ws, k);
		sb_add(sb, cut);
		w = tw_wcswidth(ws, k);
		free(cut);
		free(ws);
		for (; w < width; w++)
			sb_addc(sb, ' ');
		return;
	}
	if (right)
		for (int i = w; i < width; i++)
			sb_addc(sb, ' ');
	sb_add(sb, s);
	if (!right)
		for (int i = w; i < width; i++)
			sb_addc(sb, ' ');
}

/* 1234567 -> "1,234,567" */
static void fmt_count(int64_t v, char *out, size_t n)
{
	char d[32];
	int len, k = 0;
	size_t o = 0;

	len = snprintf(d, sizeof d, "%lld", (long long)(v < 0 ? -v : v));
	if (v < 0 && o + 1 < n)
		out[o++] = '-';
	for (int i = 0; i < len && o + 2 < n; i++) {
		out[o++] = d[i];
		k = len - i - 1;
		if (k > 0 && k % 3 == 0)
			out[o++] = ',';
	}
	out[o] = '\0';
}

enum kind { K_COUNT, K_MONEY, K_RATE, K_DAYS };

/* A figure as the screen shows it; "—" when there is none. */
static void fmt_value(enum kind k, int have, double v, char *out, size_t n)
{
	if (!have) {
		snprintf(out, n, "—");
		return;
	}
	switch (k) {
	case K_COUNT:
		fmt_count((int64_t)v, out, n);
		break;
	case K_MONEY:
		snprintf(out, n, "%.2f万", v / 1000000.0); /* v in fen */
		break;
	case K_RATE:
		snprintf(out, n, "%.1f%%", v * 100.0);
		break;
	case K_DAYS:
		snprintf(out, n, "%.1f", v);
		break;
	}
}

/* The change against an earlier figure: a percentage, or points for a rate. */
static void fmt_change(enum kind k, int have_cur, double cur, int have_old, double old, char *out, size_t n)
{
	if (!have_cur || !have_old) {
		snprintf(out, n, "—");
		return;
	}
	if (k == K_RATE) {
		snprintf(out, n, "%+.1f点", (cur - old) * 100.0);
		return;
	}
	if (old == 0) {
		snprintf(out, n, "—");
		return;
	}
	snprintf(out, n, "%+.1f%%", (cur - old) / old * 100.0);
}

/* ---- the lines ----------------------------------------------------------------- */

static void clear_lines(struct stats_screen *ss)
{
	for (int i = 0; i < ss->nlines; i++)
		free(ss->lines[i].text);
	ss->nlines = 0;
}

static void add_line(struct stats_screen *ss, enum ui_style style, struct strbuf *sb)
{
	ss->lines = xgrow(ss->lines, ss->nlines, &ss->cap, sizeof *ss->lines);
	ss->lines[ss->nlines].text = sb_detach(sb);
	ss->lines[ss->nlines].style = style;
	ss->nlines++;
}

/* A row's label: fixed, or a word of the vocabulary after an indent and
 * a prefix (the channels, the outcomes). */
struct ind {
	const char *label; /* the fixed label, or the prefix of the word */
	enum kind kind;
	int indent;
	int has_word;
	enum vocab_kind vk;
	int word;
};

#define FIXED(l, k) {l, k, 0, 0, VOCAB_STATUS, 0}
#define WORD(ind, pre, vk, w) {pre, K_COUNT, ind, 1, vk, w}

static const struct ind inds[] = {
	FIXED("收案数", K_COUNT),
	WORD(2, "", VOCAB_CHANNEL, 0), WORD(2, "", VOCAB_CHANNEL, 1), WORD(2, "", VOCAB_CHANNEL, 2),
	WORD(2, "", VOCAB_CHANNEL, 3), WORD(2, "", VOCAB_CHANNEL, 4),
	FIXED("  集体争议", K_COUNT),   FIXED("涉及劳动者人数", K_COUNT), FIXED("咨询登记", K_COUNT),
	FIXED("结案数", K_COUNT),
	WORD(2, "", VOCAB_STATUS, ST_AGREED), WORD(2, "", VOCAB_STATUS, ST_FAILED),
	WORD(4, "其中", VOCAB_STATUS, ST_REFERRED), WORD(2, "", VOCAB_STATUS, ST_WITHDRAWN),
	WORD(2, "", VOCAB_STATUS, ST_REJECTED),
	FIXED("调解成功率", K_RATE),    FIXED("请求金额", K_MONEY),     FIXED("协议金额", K_MONEY),
	FIXED("平均办理天数", K_DAYS),  FIXED("期末超期未结", K_COUNT), FIXED("超期结案", K_COUNT),
};

static const char *ind_label(int i, char *buf, size_t n)
{
	const struct ind *in = &inds[i];

	if (!in->has_word)
		return in->label;
	snprintf(buf, n, "%*s%s%s", in->indent, "", in->label, vocab_long_label_at(in->vk, in->word));
	return buf;
}

static int ind_get(int i, const struct report_headline *h, double *v)
{
	double r;

	switch (i) {
	case 0: *v = (double)h->received; return 1;
	case 1: case 2: case 3: case 4: case 5: *v = (double)h->channel[i - 1]; return 1;
	case 6: *v = (double)h->collective; return 1;
	case 7: *v = (double)h->workers; return 1;
	case 8: *v = (double)h->consultations; return 1;
	case 9: *v = (double)h->closed; return 1;
	case 10: *v = (double)h->agreed; return 1;
	case 11: *v = (double)h->failed; return 1;
	case 12: *v = (double)h->referred; return 1;
	case 13: *v = (double)h->withdrawn; return 1;
	case 14: *v = (double)h->rejected; return 1;
	case 15: r = report_success_rate(h->agreed, h->failed); *v = r; return r >= 0;
	case 16: *v = (double)h->claimed_fen; return 1;
	case 17: *v = (double)h->agreed_fen; return 1;
	case 18: r = report_avg_days(h->days_sum, h->days_n); *v = r; return r >= 0;
	case 19: *v = (double)h->overdue_open; return 1;
	case 20: *v = (double)h->overdue_closed; return 1;
	default: return 0;
	}
}

/* Columns: label 16, 本期 12, 去年同期 12, 同比 10, 上期 12, 环比 10 = 72 */
static void build_lines(struct stats_screen *ss)
{
	const struct report_stats *st = &ss->st;
	struct strbuf sb;
	char a[64], b[64], c[64], d[64], e[64];
	char *ly, *pv, end[11];

	clear_lines(ss);
	ss->top = 0;
	sb_init(&sb);
	ly = report_period_label(&st->last_year);
	pv = report_period_label(&st->prev);
	date_format(report_period_end_seen(&st->period, st->today), end);
	sb_printf(&sb, "同比：%s  环比：%s  数据截至 %s", ly, pv, end);
	add_line(ss, US_DIM, &sb);
	free(ly);
	free(pv);
	col(&sb, "指标", 16, 0);
	col(&sb, "本期", 12, 1);
	col(&sb, "去年同期", 12, 1);
	col(&sb, "同比", 10, 1);
	col(&sb, "上期", 12, 1);
	col(&sb, "环比", 10, 1);
	add_line(ss, US_HEADER, &sb);
	for (int i = 0; i < (int)TJ_ARRAY_LEN(inds); i++) {
		double cur = 0, l = 0, p = 0;
		int hc = ind_get(i, &st->cur, &cur), hl = ind_get(i, &st->last_year_h, &l),
		    hp = ind_get(i, &st->prev_h, &p);
		enum kind k = inds[i].kind;
		fmt_value(k, hc, cur, a, sizeof a);
		fmt_value(k, hl, l, b, sizeof b);
		fmt_change(k, hc, cur, hl, l, c, sizeof c);
		fmt_value(k, hp, p, d, sizeof d);
		fmt_change(k, hc, cur, hp, p, e, sizeof e);
		char lb[64];
		const char *label = ind_label(i, lb, sizeof lb);
		col(&sb, label, 16, 0);
		col(&sb, a, 12, 1);
		col(&sb, b, 12, 1);
		col(&sb, c, 10, 1);
		col(&sb, d, 12, 1);
		col(&sb, e, 10, 1);
		add_line(ss, label[0] == ' ' ? US_NORMAL : US_LABEL, &sb);
	}
	sb_add(&sb, "");
	add_line(ss, US_NORMAL, &sb);
	sb_add(&sb, "按一级案由（本期收案、结案）");
	add_line(ss, US_HEADER, &sb);
	col(&sb, "代码", 6, 0);
	col(&sb, "案由", 24, 0);
	col(&sb, "收案件数", 10, 1);
	col(&sb, "请求金额", 14, 1);
	col(&sb, "结案件数", 10, 1);
	col(&sb, status_name(ST_AGREED), 10, 1);
	add_line(ss, US_LABEL, &sb);
	for (int i = 0; i < st->ncauses - st->ngroups; i++) {
		const struct report_cause *rc = &st->causes[i];
		if (rc->level != 1)
			continue;
		col(&sb, rc->code, 6, 0);
		col(&sb, rc->name, 24, 0);
		fmt_count(rc->cases, a, sizeof a);
		col(&sb, a, 10, 1);
		fmt_value(K_MONEY, 1, (double)rc->claimed_fen, b, sizeof b);
		col(&sb, b, 14, 1);
		fmt_count(rc->closed, c, sizeof c);
		col(&sb, c, 10, 1);
		fmt_count(rc->agreed, d, sizeof d);
		col(&sb, d, 10, 1);
		add_line(ss, rc->cases || rc->closed ? US_NORMAL : US_DIM, &sb);
	}
	sb_free(&sb);
}

/* ---- the period ------------------------------------------------------------------- */

static struct form_item *item(struct stats_screen *ss, const char *id)
{
	return form_find(&ss->form, id);
}

static enum report_period_kind cur_kind(struct stats_screen *ss)
{
	return (enum report_period_kind)item(ss, "kind")->choice;
}

/* The period fields for a period of kind around last month. */
static void default_period(struct stats_screen *ss, enum report_period_kind kind)
{
	struct report_period p;
	char buf[32], a[11], b[11];

	report_period_last_month(tj_today(), &p);
	switch (kind) {
	case RP_MONTH:
		snprintf(buf, sizeof buf, "%04d-%02d", p.year, p.num);
		break;
	case RP_QUARTER:
		snprintf(buf, sizeof buf, "%04d-Q%d", p.year, (p.num + 2) / 3);
		break;
	case RP_YEAR:
		snprintf(buf, sizeof buf, "%04d", p.year);
		break;
	case RP_RANGE:
		date_format(p.from, a);
		snprintf(buf, sizeof buf, "%s", a);
		break;
	}
	edit_set(&item(ss, "period")->edit, buf);
	date_format(p.to, b);
	edit_set(&item(ss, "to")->edit, kind == RP_RANGE ? b : "");
	item(ss, "to")->readonly = kind != RP_RANGE;
	free(item(ss, "period")->label);
	item(ss, "period")->label = xstrdup(kind == RP_MONTH     ? "月份"
					    : kind == RP_QUARTER ? "季度"
					    : kind == RP_YEAR    ? "年份"
								 : "起始日期");
}

/* Read the fields into *p: 0, or -1 with the reason beside the field. */
static int read_period(struct stats_screen *ss, struct report_period *p)
{
	struct form_item *pi = item(ss, "period"), *ti = item(ss, "to");
	char *a = edit_get(&pi->edit), *b = edit_get(&ti->edit);
	int rc;

	pi->msg[0] = ti->msg[0] = '\0';
	tj_error_clear();
	rc = report_period_parse(cur_kind(ss), a, b, p);
	if (rc == 0)
		rc = report_period_check(p, tj_today());
	if (rc < 0) {
		form_set_msg(cur_kind(ss) == RP_RANGE && strstr(tj_errmsg(), "结束日期") ? ti : pi, US_ERROR, "%s",
			     tj_errmsg());
	} else if (p->kind == RP_RANGE) {
		form_set_msg(pi, US_OK, "共 %d 天", (int)(p->to - p->from + 1));
	} else {
		char *label = report_period_label(p), x[11], y[11];
		date_format(p->from, x);
		date_format(p->to, y);
		form_set_msg(pi, US_OK, "%s（%s 至 %s）", label, x, y);
		free(label);
	}
	free(a);
	free(b);
	return rc;
}

static void load(struct screen *s)
{
	struct stats_screen *ss = s->priv;
	struct report_period p;

	if (read_period(ss, &p) < 0) {
		ui_error(s->app);
		return;
	}
	/* a year of a large court takes a moment: say so first */
	ui_msg(s->app, US_DIM, "正在统计……");
	ui_put(LINES - 2, 0, s->app->msg, COLS, ui_attr(US_DIM), 1);
	refresh();
	if (ss->loaded)
		report_stats_free(&ss->st);
	ss->loaded = 0;
	if (report_stats_load(s->app->db, &p, tj_today(), &ss->st) < 0) {
		clear_lines(ss);
		ui_error(s->app);
		return;
	}
	ss->loaded = 1;
	build_lines(ss);
	char *label = report_period_label(&p);
	ui_msg(s->app, US_OK, "已统计%s：收案 %lld 件，结案 %lld 件", label, (long long)ss->st.cur.received,
	       (long long)ss->st.cur.closed);
	free(label);
}

static void stats_draw(struct screen *s);

/* ---- exporting ----------------------------------------------------------------------- */

struct export_prompt {
	struct form form;
	char *snap; /* the default file and choice: changed? */
	int done, go;
	char *path;
	int full_ids;
};

static const enum ui_action prompt_actions[] = {UA_SAVE, UA_BACK, UA_ENTER, UA_NEXT, UA_PREV, UA_NONE};
static const char *const id_choices[] = {"遮蔽（如 310101********1234）", "完整（文件仅本人可读）"};

static int prompt_text_input(struct screen *s)
{
	struct export_prompt *p = s->priv;
	return form_text_input(&p->form);
}

static void prompt_layout(struct screen *s, int rows, int cols)
{
	struct export_prompt *p = s->priv;

	s->rows = rows;
	s->cols = cols;
	p->form.label_w = 10;
	/* three rows: the file name's error goes under it (no column
	 * beside so wide a field), the choice below stays in view */
	form_area(&p->form, rows / 2 - 1, 6, 3, cols - 12);
	p->form.field_w = cols - 12 - 12;
}

static void prompt_draw(struct screen *s)
{
	struct export_prompt *p = s->priv;

	ui_box(s->rows / 2 - 4, 4, 9, s->cols - 8, "导出统计工作簿");
	ui_put(s->rows / 2 - 3, 6, "文件名（.xlsx）和证件号码的导出方式：", s->cols - 12, ui_attr(US_LABEL), 0);
	form_draw(&p->form);
	ui_put(s->rows / 2 + 2, 6, "Enter 或 F2 开始导出，导出中 Esc 可取消；Esc 返回", s->cols - 12, ui_attr(US_DIM), 0);
}

/* Start the export with what the prompt holds (F2, Enter, or 保存 when
 * leaving); stays open without a file name. */
static int prompt_go(struct screen *s)
{
	struct export_prompt *p = s->priv;
	struct form_item *file = form_find(&p->form, "file");
	char *path = edit_get(&file->edit);
	char *t = path + strspn(path, " ");

	if (!*t) {
		form_set_msg(file, US_ERROR, "请填写文件名");
		form_show_errors(&p->form, s->app);
		free(path);
		return UI_HANDLED;
	}
	free(p->path);
	p->path = xstrdup(t);
	free(path);
	p->full_ids = form_find(&p->form, "ids")->choice == 1;
	p->go = p->done = 1;
	return UI_HANDLED | UI_CLOSE;
}

static int prompt_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct export_prompt *p = s->priv;
	struct form_item *file = form_find(&p->form, "file");

	if (a == UA_BACK) {
		if (form_changed(&p->form, p->snap)) {
			int ans = ui_ask_unsaved(s->app, "导出设置");
			if (ans == UI_SAVE)
				return prompt_go(s);
			if (ans != UI_DISCARD)
				return UI_HANDLED;
		}
		p->done = 1;
		return UI_HANDLED | UI_CLOSE;
	}
	if (a == UA_SAVE || (a == UA_ENTER && form_focused(&p->form) == file))
		return prompt_go(s);
	if (a == UA_ENTER) {
		form_handle(&p->form, UA_PREV, 0);
		return UI_HANDLED;
	}
	form_handle(&p->form, a, ch);
	return UI_HANDLED;
}

static void prompt_destroy(struct screen *s)
{
	struct export_prompt *p = s->priv;
	form_free(&p->form);
	free(p->snap);
	p->snap = NULL;
}

static const struct screen_ops prompt_ops = {
	.name = "export-prompt", .actions = prompt_actions, .overlay = 1, .text_input = prompt_text_input,
	.layout = prompt_layout, .draw = prompt_draw, .handle = prompt_handle, .destroy = prompt_destroy,
};

/* The default file: in the current directory when it is writable, else in
 * the home directory (malloc'd). */
static char *default_path(const struct report_period *p)
{
	char *name = report_default_filename(p), *path;
	char cwd[PATH_MAX];
	const char *home = getenv("HOME");

	if (getcwd(cwd, sizeof cwd) && access(cwd, W_OK) == 0)
		path = xasprintf("%s/%s", strcmp(cwd, "/") ? cwd : "", name);
	else if (home && *home)
		path = xasprintf("%s/%s", home, name);
	else
		path = xstrdup(name);
	free(name);
	return path;
}

struct progress {
	struct app *app;
	const char *path;
	struct timespec last;
	int drawn;
	int cancel;
};

static long ms_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

static void draw_progress(struct progress *pr, int64_t done, int64_t total)
{
	int w = COLS - 16 < 64 ? COLS - 16 : 64;
	int x = (COLS - w) / 2, y = LINES / 2 - 3;
	int bar = w - 4;
	int fill = total > 0 ? (int)(done * bar / total) : bar;
	char a[32], b[32], line[160];
	struct strbuf sb;

	if (LINES < UI_MIN_ROWS || COLS < UI_MIN_COLS)
		return;
	ui_box(y, x, 7, w, "正在导出");
	ui_put(y + 1, x + 2, pr->path, w - 4, A_NORMAL, 0);
	/* the bar in ASCII, reverse video for the part done: readable in
	 * monochrome and of one width in every terminal */
	sb_init(&sb);
	for (int i = 0; i < bar; i++)
		sb_addc(&sb, i < fill ? '#' : '.');
	ui_put(y + 3, x + 2, sb.buf, fill, A_REVERSE, 0);
	ui_put(y + 3, x + 2 + fill, sb.buf + fill, bar - fill, A_NORMAL, 0);
	sb_free(&sb);
	fmt_count(done, a, sizeof a);
	fmt_count(total, b, sizeof b);
	if (total > 0 && done >= total)
		snprintf(line, sizeof line, "案件明细 %s / %s 件，正在保存文件……", a, b);
	else
		snprintf(line, sizeof line, "案件明细 %s / %s 件（%d%%）", a, b,
			 total > 0 ? (int)(done * 100 / total) : 0);
	ui_put(y + 4, x + 2, line, w - 4, A_NORMAL, 1);
	ui_put(y + 5, x + 2, "按 Esc 取消（不会留下不完整的文件）", w - 4, ui_attr(US_DIM), 1);
	curs_set(0);
	refresh();
}

/* Called by report_export as the rows are written: draw now and then, and
 * look at the keyboard without waiting. */
static int on_progress(void *ud, int64_t done, int64_t total)
{
	static const enum ui_action cancel_keys[] = {UA_BACK, UA_QUIT, UA_NONE};
	struct progress *pr = ud;

	/* Esc/F10/^X cancels; other keys typed meanwhile are kept for later */
	if (ui_poll_action(pr->app, cancel_keys) != UA_NONE)
		pr->cancel = 1;
	if (ui_signal)
		pr->cancel = 1;
	if (!pr->drawn || ms_since(&pr->last) >= 100 || done >= total) {
		draw_progress(pr, done, total);
		clock_gettime(CLOCK_MONOTONIC, &pr->last);
		pr->drawn = 1;
	}
	return pr->cancel;
}

static void do_export(struct screen *s)
{
	struct stats_screen *ss = s->priv;
	struct app *app = s->app;
	struct report_period p;
	struct export_prompt ep = {0};
	struct stat sb;

	if (access_may_export(&app->actor, 0) < 0) {
		ui_msg(app, US_ERROR, "只有管理员可以导出统计工作簿");
		return;
	}
	if (read_period(ss, &p) < 0) {
		ui_error(app);
		return;
	}
	/* "no" (or Esc) to overwriting or to full numbers: back to the
	 * prompt with what was typed, to choose again */
	for (int again = 0;; again = 1) {
		char *typed = ep.path;
		int full = ep.full_ids;
		memset(&ep, 0, sizeof ep);
		form_init(&ep.form);
		struct form_item *it = form_add(&ep.form, FK_TEXT, "file", "文件");
		it->edit.max = PATH_MAX - 1;
		char *def = default_path(&p);
		edit_set(&it->edit, def);
		free(def);
		it = form_add(&ep.form, FK_CHOICE, "ids", "证件号码");
		it->choices = id_choices;
		it->nchoices = 2;
		ep.snap = form_snapshot(&ep.form);
		if (again) {
			edit_set(&form_find(&ep.form, "file")->edit, typed);
			it->choice = full;
		}
		free(typed);
		struct screen *ps = screen_new(app, &prompt_ops, NULL, &ep);
		ui_push(app, ps);
		ui_wait(app, ps);
		if (!ep.go || app->quit) {
			free(ep.path);
			return;
		}
		if (stat(ep.path, &sb) == 0 && S_ISREG(sb.st_mode)) {
			char *q = xasprintf("文件 %s 已存在，要覆盖吗？\n选「否」回到文件名，可另取一个。", ep.path);
			int yes = ui_confirm(app, q);
			free(q);
			if (app->quit) {
				free(ep.path);
				return;
			}
			if (!yes)
				continue;
		}
		if (ep.full_ids && !ui_confirm(app, "将导出完整的证件号码（个人信息）。文件只有您本人可读，导出会记入操作记录。确定吗？")) {
			if (app->quit) {
				free(ep.path);
				return;
			}
			continue;
		}
		break;
	}

	/* the dialogs are gone: show the screen again under the bar */
	for (int y = 1; y <= s->rows; y++)
		ui_fill(y, 0, COLS, A_NORMAL);
	stats_draw(s);
	struct progress pr = {.app = app, .path = ep.path};
	struct report_opts o = {.full_ids = ep.full_ids, .record = 1};
	int64_t n = 0;
	int r = report_export(app->db, app->cfg, &app->actor, &p, ep.path, &o, on_progress, &pr, &n);
	flushinp();
	if (r == REPORT_OK) {
		if (o.unrecorded)
			ui_msg(app, US_WARN, "已导出 %s（%lld 件）；数据库只读，未记入操作记录", ep.path, (long long)n);
		else
			ui_msg(app, US_OK, "已导出 %s（案件明细 %lld 件）", ep.path, (long long)n);
	} else if (r == REPORT_CANCELLED) {
		ui_msg(app, US_WARN, "已取消导出，没有留下文件");
	} else {
		ui_alert(app, "导出失败", tj_errmsg());
		ui_error(app);
	}
	free(ep.path);
}

/* ---- the screen ----------------------------------------------------------------------- */

static int stats_text_input(struct screen *s)
{
	struct stats_screen *ss = s->priv;
	return form_text_input(&ss->form);
}

static int view_top(void)
{
	return 5; /* below the header and the three fields */
}

static int view_rows(const struct screen *s)
{
	return s->rows - view_top(); /* the last line is the hint */
}

static void stats_layout(struct screen *s, int rows, int cols)
{
	struct stats_screen *ss = s->priv;

	s->rows = rows;
	s->cols = cols;
	ss->form.label_w = 10;
	form_area(&ss->form, 2, 2, 3, cols - 4);
	ss->form.field_w = 20;
}

static void stats_draw(struct screen *s)
{
	struct stats_screen *ss = s->priv;
	int h = view_rows(s);
	char buf[64];

	ui_put(1, 2, "统计与导出：选择期间后按 Enter 统计，F2 导出 Excel 工作簿", s->cols - 4, ui_attr(US_HEADER), 0);
	if (ss->top > ss->nlines - h)
		ss->top = ss->nlines - h;
	if (ss->top < 0)
		ss->top = 0;
	for (int i = 0; i < h && ss->top + i < ss->nlines; i++) {
		struct line *l = &ss->lines[ss->top + i];
		ui_put(view_top() + i, 2, l->text, s->cols - 4, ui_attr(l->style), 0);
	}
	buf[0] = '\0';
	if (ss->nlines > h) /* where the list is: on the hint line, never over a figure */
		snprintf(buf, sizeof buf, "第%d-%d行/共%d行", ss->top + 1,
			 ss->top + h < ss->nlines ? ss->top + h : ss->nlines, ss->nlines);
	int bw = tw_width(buf);
	ui_put(s->rows, 2, "左右键换期间类型；PgUp/PgDn 翻看指标和案由；金额单位万元", s->cols - 5 - bw,
	       ui_attr(US_DIM), 0);
	if (bw)
		ui_put(s->rows, s->cols - 1 - bw, buf, bw, ui_attr(US_DIM), 0);
	/* the form last: it places the cursor */
	form_draw(&ss->form);
}

static int stats_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct stats_screen *ss = s->priv;
	struct form_item *it = form_focused(&ss->form);
	int h = view_rows(s);

	switch (a) {
	case UA_BACK:
		return UI_HANDLED | UI_CLOSE;
	case UA_REFRESH:
	case UA_ENTER:
		load(s);
		return UI_HANDLED;
	case UA_SAVE:
		do_export(s);
		return UI_HANDLED;
	case UA_PGDN:
		ss->top += h - 1;
		if (ss->top > ss->nlines - h)
			ss->top = ss->nlines - h;
		if (ss->top < 0)
			ss->top = 0;
		return UI_HANDLED;
	case UA_PGUP:
		ss->top -= h - 1;
		if (ss->top < 0)
			ss->top = 0;
		return UI_HANDLED;
	default:
		break;
	}
	int changed = form_handle(&ss->form, a, ch);
	if (it && it->id && strcmp(it->id, "kind") == 0 && changed == form_index(&ss->form, "kind")) {
		default_period(ss, cur_kind(ss));
		load(s);
	}
	return UI_HANDLED;
}

static void stats_destroy(struct screen *s)
{
	struct stats_screen *ss = s->priv;

	form_free(&ss->form);
	if (ss->loaded)
		report_stats_free(&ss->st);
	clear_lines(ss);
	free(ss->lines);
	free(ss);
}

static const struct screen_ops stats_ops = {
	.name = "stats",
	.actions = stats_actions,
	.labels = stats_labels,
	.text_input = stats_text_input,
	.layout = stats_layout,
	.draw = stats_draw,
	.handle = stats_handle,
	.destroy = stats_destroy,
};

struct screen *stats_screen_new(struct app *app)
{
	struct stats_screen *ss = xcalloc(1, sizeof *ss);
	struct form_item *it;
	struct screen *s;

	form_init(&ss->form);
	it = form_add(&ss->form, FK_CHOICE, "kind", "期间类型");
	it->choices = kind_names;
	it->nchoices = (int)TJ_ARRAY_LEN(kind_names);
	it = form_add(&ss->form, FK_TEXT, "period", "月份");
	it->edit.max = 10;
	it = form_add(&ss->form, FK_TEXT, "to", "结束日期");
	it->edit.max = 10;
	default_period(ss, RP_MONTH);
	form_focus(&ss->form, 1);
	s = screen_new(app, &stats_ops, "统计与导出", ss);
	s->rows = LINES - 3 >= UI_MIN_ROWS - 3 ? LINES - 3 : UI_MIN_ROWS - 3;
	s->cols = COLS >= UI_MIN_COLS ? COLS : UI_MIN_COLS;
	if (access_may_export(&app->actor, 0) < 0)
		ui_msg(app, US_WARN, "统计与导出供管理员使用");
	load(s);
	return s;
}
