/*
 * xlsx.c - the statistics workbook (SPEC section 6), written with
 * libxlsxwriter: 汇总, 按案由, 按调解员, 高发单位, 集体争议, 案件明细.
 *
 * Every sheet has the same frame: a title with the court's name, the
 * period, a line saying what the sheet counts, then the header row (row 5),
 * frozen and repeated on every printed page; A4 landscape, one page wide,
 * the court's name in the page header and "第 N 页，共 M 页" in the footer.
 * Numbers and dates are real cells (amounts "#,##0.00", rates as
 * percentages, dates as dates), so a statistician can sum and filter them;
 * "—" marks a figure that does not exist (a rate without cases, a change
 * against zero).  Column widths follow the widest text written, in the display
 * columns of uitext.h (a Chinese character two, as on the screen) plus
 * the indent of the format.
 *
 * Memory and time: the workbook is opened with constant_memory, so each
 * sheet is streamed row by row to a temporary file (in the target's
 * directory) and its rows must be written top to bottom; sheets are
 * independent, so they need not be written in their order.  The long part
 * comes first: one pass over the cases received, straight from a running
 * statement, writes 案件明细 and 集体争议 side by side and counts the
 * employers for 高发单位 (report_emp_acc) and the received figures of
 * 按案由 (report_stats_add_case) - so a year's cases are read once and
 * never held.  The summaries follow from report_stats_load_streaming().
 * Everything is read in one snapshot, so the detail has exactly as many
 * rows as the headline says were received.  The long lists have no
 * borders and no empty cells (gridlines print instead): a quarter less
 * XML to write and to compress.
 *
 * The file appears only when complete: it is written under a temporary
 * name beside the target (created 0600, so personal data is never
 * readable by others even for a moment) and renamed at the end; an error
 * or a cancel removes it.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "tiaojie/access.h"
#include "tiaojie/lifecycle.h"
#include "tiaojie/report.h"
#include "tiaojie/uitext.h"
#include "tiaojie/validate.h"
#include "tiaojie/vocab.h"

#define HEADER_ROW 4      /* the table header (0-based): rows 0-3 are the frame */
#define MAXCOLS 20
#define MAX_CELL_BYTES 2000
#define PROGRESS_MAX_STEP 500 /* detail rows between progress calls, at most */
#define EXCEL_MAX_ROWS 1048576
#define EXPORT_CACHE_KIB 32768 /* SQLite's page cache during an export */

struct xw;

/* The sheets in their order in the workbook (not the order they are
 * written: 案件明细 and 集体争议 stream first, the summaries follow). */
enum sheet_id { SH_SUMMARY, SH_CAUSES, SH_MEDIATORS, SH_EMPLOYERS, SH_COLLECTIVE, SH_DETAIL, SH_COUNT };
static const char *const sheet_names[SH_COUNT] = {"汇总", "按案由", "按调解员", "高发单位", "集体争议", "案件明细"};

struct sheet {
	struct xw *x;
	lxw_worksheet *ws;
	char name[32];
	lxw_row_t row;            /* the row being written */
	int ncols;
	int plain;                /* a long list: no borders (gridlines print instead), no empty cells */
	int width[MAXCOLS];       /* widest text of each column (display columns) */
	int cap[MAXCOLS];         /* the most a column may take */
};

struct xw {
	lxw_workbook *wb;
	const struct config *cfg;
	struct report_stats *s; /* the cause table is completed by the detail stream */
	int full_ids;
	char now[20];
	char *label, *label_prev, *label_ly;
	lxw_error err;            /* the first error of the library */
	report_progress_fn progress;
	void *ud;
	int cancelled;
	int64_t written;          /* detail rows */
	lxw_worksheet *sheets[SH_COUNT];
	struct {
		lxw_format *title, *sub, *note, *section, *header;
		lxw_format *text, *text_wrap, *indent1, *indent2, *bold;
		lxw_format *count, *count_bold, *signed_count;
		lxw_format *money, *money_bold, *signed_money;
		lxw_format *pct, *pct_bold, *signed_pct, *points;
		lxw_format *days, *days_bold, *signed_days;
		lxw_format *date, *month, *dash;
		lxw_format *pcount, *pmoney, *pdate; /* without borders, for the long lists */
	} f;
};

static void chk(struct xw *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
		x->err = e;
}

/* ---- cells ---------------------------------------------------------------------- */

static void note_width(struct sheet *sh, int col, int w)
{
	if (col < MAXCOLS && w > sh->width[col])
		sh->width[col] = w;
}

/* Text as the cell gets it: control characters (not valid in the XML of
 * a sheet) become spaces; overlong text is cut at a character boundary. */
static char *cell_text(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	char *out;

	if (n > MAX_CELL_BYTES) {
		n = MAX_CELL_BYTES;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	out = xstrndup(s ? s : "", n);
	for (char *p = out; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return out;
}

/* 1 when s can go into a cell as it is (the common case: no copy). */
static int clean_text(const char *s)
{
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++, n++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return n <= MAX_CELL_BYTES;
}

static void put_text(struct sheet *sh, int col, const char *s, lxw_format *f)
{
	char *copy = NULL;
	const char *t = s ? s : "";

	if (!clean_text(t))
		t = copy = cell_text(t);
	if (*t) {
		note_width(sh, col, tw_width(t) + (f == sh->x->f.indent1 ? 2 : f == sh->x->f.indent2 ? 4 : 0));
		chk(sh->x, worksheet_write_string(sh->ws, sh->row, (lxw_col_t)col, t, f));
	} else if (!sh->plain) {
		/* an empty cell of a bordered table still has its border */
		chk(sh->x, worksheet_write_blank(sh->ws, sh->row, (lxw_col_t)col, f));
	}
	free(copy);
}

/* Frame lines (titles, notes): not counted in the column widths. */
static void put_frame(struct sheet *sh, int col, const char *s, lxw_format *f)
{
	char *t = cell_text(s);

	chk(sh->x, worksheet_write_string(sh->ws, sh->row, (lxw_col_t)col, t, f));
	free(t);
}

static void put_num(struct sheet *sh, int col, double v, lxw_format *f, int w)
{
	note_width(sh, col, w);
	chk(sh->x, worksheet_write_number(sh->ws, sh->row, (lxw_col_t)col, v, f));
}

static int digits(int64_t v)
{
	int n = v < 0 ? 2 : 1;

	for (v = v < 0 ? -v : v; v >= 10; v /= 10)
		n++;
	return n + (n - 1) / 3; /* with thousands separators */
}

static void put_count(struct sheet *sh, int col, int64_t v, lxw_format *f)
{
	put_num(sh, col, (double)v, f, digits(v) + 1);
}

static void put_money(struct sheet *sh, int col, int64_t fen, lxw_format *f)
{
	put_num(sh, col, (double)fen / 100.0, f, digits(fen / 100) + 4);
}

static void put_dash(struct sheet *sh, int col)
{
	put_text(sh, col, "—", sh->x->f.dash);
}

/* The date of a "YYYY-MM-DD...": by hand, as sscanf was a visible part of
 * a year's export.  0 or -1. */
static int parse_ymd(const char *s, int *y, int *m, int *d)
{
	int v[3] = {0, 0, 0};

	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return -1;
		} else if (s[i] >= '0' && s[i] <= '9') {
			int k = i < 4 ? 0 : i < 7 ? 1 : 2;
			v[k] = v[k] * 10 + (s[i] - '0');
		} else {
			return -1;
		}
	}
	*y = v[0];
	*m = v[1];
	*d = v[2];
	return 0;
}

/* A "YYYY-MM-DD..." as a date cell; blank when there is none. */
static void put_date(struct sheet *sh, int col, const char *s)
{
	int y, m, d;

	if (!s || parse_ymd(s, &y, &m, &d) < 0 || !date_valid(y, m, d)) {
		if (!sh->plain)
			chk(sh->x, worksheet_write_blank(sh->ws, sh->row, (lxw_col_t)col, sh->x->f.text));
		return;
	}
	lxw_datetime dt = {.year = y, .month = m, .day = d};
	note_width(sh, col, 11);
	chk(sh->x, worksheet_write_datetime(sh->ws, sh->row, (lxw_col_t)col, &dt,
					    sh->plain ? sh->x->f.pdate : sh->x->f.date));
}

/* ---- the frame of a sheet ----------------------------------------------------------- */

/* "&" starts a code in page headers: double it in the court's name. */
static void header_text(struct strbuf *sb, const char *s, size_t max)
{
	for (; s && *s && sb->len + 2 < max; s++) {
		if ((unsigned char)*s >= 0xC0) {
			/* a whole character or nothing */
			int len = (unsigned char)*s >= 0xF0 ? 4 : (unsigned char)*s >= 0xE0 ? 3 : 2;
			if (sb->len + (size_t)len + 1 >= max)
				break;
			sb_addn(sb, s, (size_t)len);
			s += len - 1;
			continue;
		}
		if (*s == '&')
			sb_add(sb, "&&");
		else if ((unsigned char)*s >= 0x20)
			sb_addc(sb, *s);
	}
}

static void print_setup(struct sheet *sh)
{
	struct xw *x = sh->x;
	struct strbuf h;

	sb_init(&h);
	sb_add(&h, "&L");
	header_text(&h, x->cfg && x->cfg->court_name ? x->cfg->court_name : "", 150);
	sb_add(&h, "&R");
	header_text(&h, x->label, 230);
	sb_add(&h, " ");
	header_text(&h, sh->name, LXW_HEADER_FOOTER_MAX);
	chk(x, worksheet_set_header(sh->ws, h.buf));
	sb_free(&h);
	chk(x, worksheet_set_footer(sh->ws, "&C第 &P 页，共 &N 页"));
	worksheet_set_landscape(sh->ws);
	worksheet_set_paper(sh->ws, 9); /* A4 */
	worksheet_set_margins(sh->ws, 0.5, 0.5, 0.75, 0.75);
	worksheet_fit_to_pages(sh->ws, 1, 0);
	worksheet_center_horizontally(sh->ws);
	chk(x, worksheet_repeat_rows(sh->ws, HEADER_ROW, HEADER_ROW));
}

/* Rows 0-2 (title, period, what is counted) and the header row 4, with an
 * autofilter over the header and the nrows rows that will follow (none
 * when nrows < 0: in constant_memory mode the filter's range must be
 * given before the rows are written); leaves sh->row on the first data
 * row. */
static int sheet_begin(struct xw *x, struct sheet *sh, enum sheet_id id, const char *what,
		       const char *const *headers, const int *caps, int ncols, int freeze_cols, int64_t nrows)
{
	const char *name = sheet_names[id];
	char *title, *period;

	memset(sh, 0, sizeof *sh);
	sh->x = x;
	snprintf(sh->name, sizeof sh->name, "%s", name);
	sh->ws = x->sheets[id];
	if (!sh->ws)
		return -1;
	sh->ncols = ncols;
	for (int c = 0; c < ncols; c++)
		sh->cap[c] = caps[c];
	title = xasprintf("%s调解统计——%s", x->cfg && x->cfg->court_name ? x->cfg->court_name : "", name);
	period = xasprintf("统计期间：%s", x->label);
	sh->row = 0;
	put_frame(sh, 0, title, x->f.title);
	chk(x, worksheet_set_row(sh->ws, 0, 24, NULL));
	sh->row = 1;
	put_frame(sh, 0, period, x->f.sub);
	sh->row = 2;
	put_frame(sh, 0, what, x->f.note);
	free(title);
	free(period);
	sh->row = HEADER_ROW;
	for (int c = 0; c < ncols; c++) {
		put_frame(sh, c, headers[c], x->f.header);
		/* room for the autofilter's button */
		note_width(sh, c, tw_width(headers[c]) + 3);
	}
	if (nrows >= 0)
		chk(x, worksheet_autofilter(sh->ws, HEADER_ROW, 0, (lxw_row_t)(HEADER_ROW + nrows), (lxw_col_t)(ncols - 1)));
	worksheet_freeze_panes(sh->ws, HEADER_ROW + 1, (lxw_col_t)freeze_cols);
	print_setup(sh);
	sh->row = HEADER_ROW + 1;
	return 0;
}

/* Column widths, from the widest text written. */
static void sheet_end(struct sheet *sh)
{
	for (int c = 0; c < sh->ncols; c++) {
		int w = sh->width[c] + 2;
		if (w > sh->cap[c])
			w = sh->cap[c];
		if (w < 6)
			w = 6;
		chk(sh->x, worksheet_set_column(sh->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL));
	}
}

/* ---- formats ----------------------------------------------------------------------- */

static lxw_format *fmt(struct xw *x, const char *num, int bold, int border, uint8_t align)
{
	lxw_format *f = workbook_add_format(x->wb);

	if (!f) {
		chk(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return NULL;
	}
	if (num)
		format_set_num_format(f, num);
	if (bold)
		format_set_bold(f);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	if (align)
		format_set_align(f, align);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	return f;
}

static void make_formats(struct xw *x)
{
	x->f.title = fmt(x, NULL, 1, 0, 0);
	format_set_font_size(x->f.title, 16);
	x->f.sub = fmt(x, NULL, 0, 0, 0);
	x->f.note = fmt(x, NULL, 0, 0, 0);
	format_set_font_color(x->f.note, 0x595959);
	x->f.section = fmt(x, NULL, 1, 0, 0);
	format_set_font_size(x->f.section, 12);
	x->f.header = fmt(x, NULL, 1, 1, LXW_ALIGN_CENTER);
	format_set_bg_color(x->f.header, 0xD9D9D9);
	format_set_pattern(x->f.header, LXW_PATTERN_SOLID);
	format_set_text_wrap(x->f.header);
	x->f.text = fmt(x, NULL, 0, 1, 0);
	x->f.text_wrap = fmt(x, NULL, 0, 1, 0);
	format_set_text_wrap(x->f.text_wrap);
	x->f.indent1 = fmt(x, NULL, 0, 1, 0);
	format_set_indent(x->f.indent1, 1);
	x->f.indent2 = fmt(x, NULL, 0, 1, 0);
	format_set_indent(x->f.indent2, 2);
	x->f.bold = fmt(x, NULL, 1, 1, 0);
	x->f.count = fmt(x, "#,##0", 0, 1, 0);
	x->f.count_bold = fmt(x, "#,##0", 1, 1, 0);
	x->f.signed_count = fmt(x, "+#,##0;-#,##0;0", 0, 1, 0);
	x->f.money = fmt(x, "#,##0.00", 0, 1, 0);
	x->f.money_bold = fmt(x, "#,##0.00", 1, 1, 0);
	x->f.signed_money = fmt(x, "+#,##0.00;-#,##0.00;0.00", 0, 1, 0);
	x->f.pct = fmt(x, "0.0%", 0, 1, 0);
	x->f.pct_bold = fmt(x, "0.0%", 1, 1, 0);
	x->f.signed_pct = fmt(x, "+0.0%;-0.0%;0.0%", 0, 1, 0);
	x->f.points = fmt(x, "+0.0\"个百分点\";-0.0\"个百分点\";0.0\"个百分点\"", 0, 1, 0);
	x->f.days = fmt(x, "0.0", 0, 1, 0);
	x->f.days_bold = fmt(x, "0.0", 1, 1, 0);
	x->f.signed_days = fmt(x, "+0.0;-0.0;0.0", 0, 1, 0);
	x->f.date = fmt(x, "yyyy-mm-dd", 0, 1, LXW_ALIGN_CENTER);
	x->f.month = fmt(x, "yyyy\"年\"m\"月\"", 0, 1, LXW_ALIGN_CENTER);
	x->f.dash = fmt(x, NULL, 0, 1, LXW_ALIGN_CENTER);
	x->f.pcount = fmt(x, "#,##0", 0, 0, 0);
	x->f.pmoney = fmt(x, "#,##0.00", 0, 0, 0);
	x->f.pdate = fmt(x, "yyyy-mm-dd", 0, 0, LXW_ALIGN_CENTER);
}

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
	I_CLOSED, I_AGREED, I_FAILED, I_REFERRED, I_WITHDRAWN, I_REJECTED, I_RATE, I_CLAIMED, I_AGREED_AMT,
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
	[I_RATE] = {"调解成功率", 0, IK_RATE, "调解成功÷（调解成功＋调解不成）；增减以百分点计"},
	[I_CLAIMED] = {"请求金额（元）", 0, IK_MONEY, "本期收案的请求金额合计"},
	[I_AGREED_AMT] = {"协议金额（元）", 0, IK_MONEY, "本期调解成功结案的协议金额合计"},
	[I_DAYS] = {"平均办理天数", 0, IK_DAYS, "本期结案且已受理的案件，受理日至结案日的日历天数的平均"},
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
		put_dash(sh, col);
		return;
	}
	switch (k) {
	case IK_COUNT: put_num(sh, col, v, bold ? x->f.count_bold : x->f.count, digits((int64_t)v) + 1); break;
	case IK_MONEY: put_num(sh, col, v, bold ? x->f.money_bold : x->f.money, digits((int64_t)v) + 4); break;
	case IK_RATE: put_num(sh, col, v, bold ? x->f.pct_bold : x->f.pct, 7); break;
	case IK_DAYS: put_num(sh, col, v, bold ? x->f.days_bold : x->f.days, 6); break;
	}
}

/* 增减 and 变化率 of cur against an earlier figure. */
static void put_change(struct sheet *sh, int col, enum ind_kind k, int have_cur, double cur, int have_old, double old)
{
	struct xw *x = sh->x;

	if (!have_cur || !have_old) {
		put_dash(sh, col);
		put_dash(sh, col + 1);
		return;
	}
	switch (k) {
	case IK_COUNT: put_num(sh, col, cur - old, x->f.signed_count, digits((int64_t)(cur - old)) + 2); break;
	case IK_MONEY: put_num(sh, col, cur - old, x->f.signed_money, digits((int64_t)(cur - old)) + 5); break;
	case IK_RATE: put_num(sh, col, (cur - old) * 100.0, x->f.points, 14); break;
	case IK_DAYS: put_num(sh, col, cur - old, x->f.signed_days, 7); break;
	}
	if (k == IK_RATE || old == 0)
		put_dash(sh, col + 1);
	else
		put_num(sh, col + 1, (cur - old) / old, x->f.signed_pct, 8);
}

static void section_title(struct sheet *sh, const char *text)
{
	put_frame(sh, 0, text, sh->x->f.section);
	sh->row++;
}

static void header_row(struct sheet *sh, const char *const *h, int n)
{
	for (int c = 0; c < n; c++)
		put_frame(sh, c, h[c], sh->x->f.header);
	sh->row++;
}

static lxw_chart *chart_new(struct xw *x, uint8_t type, const char *title)
{
	lxw_chart *ch = workbook_add_chart(x->wb, type);

	if (!ch) {
		chk(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return NULL;
	}
	chart_title_set_name(ch, title);
	return ch;
}

static void write_summary(struct xw *x)
{
	static const char *const heads[] = {"指标", "本期", "去年同期", "同比增减", "同比", "上期", "环比增减", "环比",
					    "口径说明"};
	static const int caps[] = {24, 16, 16, 16, 10, 16, 16, 10, 70};
	const struct report_stats *s = x->s;
	struct sheet sh;
	char *what;
	char end[11];

	date_format(report_period_end_seen(&s->period, s->today), end);
	what = xasprintf("同比：%s；环比：%s；数据截至 %s；制表时间 %s", x->label_ly, x->label_prev, end, x->now);
	if (sheet_begin(x, &sh, SH_SUMMARY, what, heads, caps, 9, 1, -1) < 0) {
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
		put_text(&sh, 0, in->has_word ? lb : in->label, in->indent == 2 ? x->f.indent2 : in->indent ? x->f.indent1 : x->f.bold);
		put_value(&sh, 1, in->kind, hc, cur, bold);
		put_value(&sh, 2, in->kind, hl, ly, 0);
		put_change(&sh, 3, in->kind, hc, cur, hl, ly);
		put_value(&sh, 5, in->kind, hp, prev, 0);
		put_change(&sh, 6, in->kind, hc, cur, hp, prev);
		put_text(&sh, 8, in->note, x->f.text);
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
	section_title(&sh, "本期结案结果构成");
	header_row(&sh, comp_heads, 3);
	lxw_row_t comp_first = sh.row;
	for (int i = 0; i < 4; i++) {
		put_text(&sh, 0, comp_names[i], x->f.text);
		put_count(&sh, 1, comp[i], x->f.count);
		if (h->closed > 0)
			put_num(&sh, 2, (double)comp[i] / (double)h->closed, x->f.pct, 7);
		else
			put_dash(&sh, 2);
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
		chart_legend_set_position(pie, LXW_CHART_LEGEND_RIGHT);
		lxw_chart_options o = {.x_scale = 1.25, .y_scale = 0.9};
		chk(x, worksheet_insert_chart_opt(sh.ws, comp_top, 4, pie, &o));
	}
	/* the pie takes about 13 rows: keep the next section below it */
	sh.row = comp_top + 14;

	/* the 12-month trend: the line */
	const char *const trend_heads[] = {"月份", "收案数", "结案数", status_name(ST_AGREED)};
	lxw_row_t trend_top = sh.row;
	section_title(&sh, "近12个月收案与结案");
	header_row(&sh, trend_heads, 4);
	lxw_row_t trend_first = sh.row;
	for (int i = 0; i < 12; i++) {
		const struct report_month *m = &s->trend[i];
		lxw_datetime dt = {.year = m->year, .month = m->month, .day = 1};
		note_width(&sh, 0, 10);
		chk(x, worksheet_write_datetime(sh.ws, sh.row, 0, &dt, x->f.month));
		put_count(&sh, 1, m->received, x->f.count);
		put_count(&sh, 2, m->closed, x->f.count);
		put_count(&sh, 3, m->agreed, x->f.count);
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
		chk(x, worksheet_insert_chart_opt(sh.ws, trend_top, 4, line, &o));
	}
	sh.row++;

	/* the first-level causes: the bars */
	static const char *const cause_heads[] = {"代码", "一级案由", "收案件数", "结案件数"};
	lxw_row_t cause_top = sh.row;
	section_title(&sh, "本期收案按一级案由");
	header_row(&sh, cause_heads, 4);
	lxw_row_t cause_first = sh.row;
	int nfirst = 0;
	for (int i = 0; i < s->ncauses - s->ngroups; i++) {
		const struct report_cause *c = &s->causes[i];
		if (c->level != 1)
			continue;
		put_text(&sh, 0, c->code, x->f.text);
		put_text(&sh, 1, c->name, x->f.text);
		put_count(&sh, 2, c->cases, x->f.count);
		put_count(&sh, 3, c->closed, x->f.count);
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
		chart_axis_set_reverse(bar->x_axis); /* the first cause on top */
		chart_legend_set_position(bar, LXW_CHART_LEGEND_NONE);
		lxw_chart_options o = {.x_scale = 1.25, .y_scale = (double)(nfirst + 2) * 20.0 / 288.0};
		chk(x, worksheet_insert_chart_opt(sh.ws, cause_top, 4, bar, &o));
	}
	sheet_end(&sh);
	/* the notes column is long text: let it be as wide as it needs, up to the cap */
}

/* ---- 按案由 ------------------------------------------------------------------------- */

static void cause_row(struct sheet *sh, const char *level, const struct report_cause *c, int bold)
{
	struct xw *x = sh->x;
	lxw_format *t = bold ? x->f.bold : x->f.text;

	put_text(sh, 0, level, t);
	put_text(sh, 1, c->code, t);
	put_text(sh, 2, c->name, c->level == 2 ? x->f.indent1 : t);
	put_text(sh, 3, c->group, x->f.text);
	put_count(sh, 4, c->cases, bold ? x->f.count_bold : x->f.count);
	put_count(sh, 5, c->claims, bold ? x->f.count_bold : x->f.count);
	put_money(sh, 6, c->claimed_fen, bold ? x->f.money_bold : x->f.money);
	put_count(sh, 7, c->closed, bold ? x->f.count_bold : x->f.count);
	put_count(sh, 8, c->agreed, bold ? x->f.count_bold : x->f.count);
	put_money(sh, 9, c->agreed_fen, bold ? x->f.money_bold : x->f.money);
	sh->row++;
}

static void write_causes(struct xw *x)
{
	static const char *const heads[] = {"层级", "代码", "案由", "统计分组", "收案件数", "请求项数",
					    "请求金额（元）", "结案件数", "调解成功件数", "协议金额（元）"};
	static const int caps[] = {10, 8, 40, 24, 12, 12, 20, 12, 14, 20};
	const struct report_stats *s = x->s;
	struct sheet sh;

	if (sheet_begin(x, &sh, SH_CAUSES,
			"收案按收案日期、结案按结案日期计；一案有多个案由的分别计入各案由，合计按案件去重。",
			heads, caps, 10, 3, s->ncauses - s->ngroups) < 0)
		return;
	int ncause = s->ncauses - s->ngroups;
	for (int i = 0; i < ncause; i++)
		cause_row(&sh, s->causes[i].level == 1 ? "一级" : "二级", &s->causes[i], s->causes[i].level == 1);
	cause_row(&sh, "合计", &s->cause_total, 1);

	sh.row++;
	section_title(&sh, "按国家统计分组");
	header_row(&sh, heads, 10);
	for (int i = ncause; i < s->ncauses; i++)
		cause_row(&sh, "统计分组", &s->causes[i], 0);
	sheet_end(&sh);
}

/* ---- 按调解员 ----------------------------------------------------------------------- */

static void put_rate(struct sheet *sh, int col, double r, lxw_format *f)
{
	if (r < 0)
		put_dash(sh, col);
	else
		put_num(sh, col, r, f, 7);
}

static void mediator_row(struct sheet *sh, const struct report_mediator *m, const char *state, int bold)
{
	struct xw *x = sh->x;
	lxw_format *n = bold ? x->f.count_bold : x->f.count;

	put_text(sh, 0, m->name, bold ? x->f.bold : x->f.text);
	put_text(sh, 1, m->side, x->f.text);
	put_text(sh, 2, state, x->f.text);
	put_count(sh, 3, m->received, n);
	put_count(sh, 4, m->closed, n);
	put_count(sh, 5, m->agreed, n);
	put_count(sh, 6, m->failed, n);
	put_count(sh, 7, m->withdrawn, n);
	put_count(sh, 8, m->rejected, n);
	put_rate(sh, 9, report_success_rate(m->agreed, m->failed), bold ? x->f.pct_bold : x->f.pct);
	put_money(sh, 10, m->agreed_fen, bold ? x->f.money_bold : x->f.money);
	double d = report_avg_days(m->days_sum, m->days_n);
	if (d < 0)
		put_dash(sh, 11);
	else
		put_num(sh, 11, d, bold ? x->f.days_bold : x->f.days, 6);
	put_count(sh, 12, m->open, n);
	if (m->id > 0)
		put_count(sh, 13, m->capacity, n);
	else
		put_text(sh, 13, "", x->f.text);
	sh->row++;
}

static int mediator_shown(const struct report_mediator *m)
{
	return (m->id > 0 && m->active) || m->received || m->closed || m->open;
}

static void write_mediators(struct xw *x)
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
	if (sheet_begin(x, &sh, SH_MEDIATORS,
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
	sheet_end(&sh);
}

/* ---- 高发单位 ----------------------------------------------------------------------- */

static void write_employers(struct xw *x)
{
	static const char *const heads[] = {"排名", "单位名称", "统一社会信用代码", "所在区", "行业", "收案件数",
					    "其中集体争议", "涉及劳动者人数", "请求金额（元）", "当前在办"};
	static const int caps[] = {6, 44, 22, 14, 20, 10, 14, 16, 20, 10};
	const struct report_stats *s = x->s;
	struct sheet sh;
	char *what = xasprintf("本期收案不少于 %d 件的被申请单位，按件数排列，最多 %d 家；当前在办为制表时未结的案件。",
			       REPORT_MIN_EMPLOYER_CASES, REPORT_TOP_EMPLOYERS);

	if (sheet_begin(x, &sh, SH_EMPLOYERS, what, heads, caps, 10, 2, s->nemployers) < 0) {
		free(what);
		return;
	}
	free(what);
	for (int i = 0; i < s->nemployers; i++) {
		const struct report_employer *e = &s->employers[i];
		put_count(&sh, 0, i + 1, x->f.count);
		put_text(&sh, 1, e->name, x->f.text);
		put_text(&sh, 2, e->uscc, x->f.text);
		put_text(&sh, 3, e->district, x->f.text);
		put_text(&sh, 4, e->industry, x->f.text);
		put_count(&sh, 5, e->cases, x->f.count);
		put_count(&sh, 6, e->collective, x->f.count);
		put_count(&sh, 7, e->workers, x->f.count);
		put_money(&sh, 8, e->claimed_fen, x->f.money);
		put_count(&sh, 9, e->open, x->f.count);
		sh.row++;
	}
	sheet_end(&sh);
}

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

	/* not date_parse: it reports to the error sink, which the reading
	 * thread may be writing (see the feed below) */
	if (!r->accepted_at || !r->closed_at || parse_ymd(r->accepted_at, &y1, &m1, &d1) < 0 ||
	    parse_ymd(r->closed_at, &y2, &m2, &d2) < 0 || !date_valid(y1, m1, d1) || !date_valid(y2, m2, d2))
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

	put_text(sh, 0, r->case_no, NULL);
	put_date(sh, 1, r->received);
	put_text(sh, 2, c->respondents.buf, NULL);
	put_count(sh, 3, r->applicants, x->f.pcount);
	put_text(sh, 4, c->causes.buf, NULL);
	put_money(sh, 5, c->claimed, x->f.pmoney);
	put_text(sh, 6, status_text(r->status), NULL);
	put_text(sh, 7, mediator_name(x->s, r->mediator_id), NULL);
	put_date(sh, 8, r->closed_at);
	if (strcmp(r->status, "agreed") == 0)
		put_money(sh, 9, c->agreed, x->f.pmoney);
	sh->row++;
}

static void detail_row(struct sheet *sh, const struct report_case_row *r, const struct case_sums *c)
{
	struct xw *x = sh->x;
	char masked[256];
	int64_t days;

	put_text(sh, 0, r->case_no, NULL);
	put_date(sh, 1, r->received);
	put_text(sh, 2, channel_text(r->channel), NULL);
	put_text(sh, 3, r->applicant, NULL);
	put_count(sh, 4, r->applicants, x->f.pcount);
	put_text(sh, 5, x->full_ids ? r->id_no : val_mask(r->id_no, masked, sizeof masked), NULL);
	put_text(sh, 6, c->respondents.buf, NULL);
	put_text(sh, 7, r->nresp ? r->resp[0].uscc : "", NULL);
	put_text(sh, 8, c->causes.buf, NULL);
	put_money(sh, 9, c->claimed, x->f.pmoney);
	put_text(sh, 10, status_text(r->status), NULL);
	int pf = r->performance ? perf_from_keyword(r->performance) : PERF_NONE;
	put_text(sh, 11, pf > PERF_NONE ? perf_name((enum performance)pf) : "", NULL);
	put_text(sh, 12, mediator_name(x->s, r->mediator_id), NULL);
	put_date(sh, 13, r->accepted_at);
	put_date(sh, 14, r->deadline);
	put_date(sh, 15, r->closed_at);
	if (case_days(r, &days))
		put_count(sh, 16, days, x->f.pcount);
	if (strcmp(r->status, "agreed") == 0)
		put_money(sh, 17, c->agreed, x->f.pmoney);
	put_text(sh, 18, r->collective ? "是" : "否", NULL);
	sh->row++;
}

/* ---- the detail rows, read on a thread of their own ------------------------------------ */

/*
 * A year's detail is a quarter of a million rows: reading them (SQLite)
 * and writing them (libxlsxwriter) each take seconds, so a second thread
 * reads while this one writes.  The reader owns the connection until
 * feed_end (this thread asks nothing of the database meanwhile) and hands
 * over batches of rows whose text it has copied (report_case_row_own);
 * FEED_BATCHES of them bound the memory.  The reader is done first; it
 * then reads the figures of the previous period and of last year
 * (report_stats_load_earlier: prev_h and last_year_h, which nothing here
 * reads before feed_end) while the last rows are being written.
 */
#define FEED_ROWS 256
#define FEED_BATCHES 4

struct feed_batch {
	struct report_case_row row[FEED_ROWS];
	int n;
};

struct feed {
	struct db *db;
	struct report_stats *s;
	sqlite3_stmt *st;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct feed_batch batch[FEED_BATCHES];
	int head, count;        /* the filled batches: count of them from head - count */
	int done, rc, stop;     /* the reader finished (rc 0 or -1); the writer wants no more */
	char err[1024];         /* the reader's error, raised again by feed_end */
};

/* SQLite's progress handler while the reader loads the earlier periods:
 * a cancel need not wait for them. */
static int feed_interrupt(void *arg)
{
	struct feed *f = arg;

	pthread_mutex_lock(&f->mu);
	int stop = f->stop;
	pthread_mutex_unlock(&f->mu);
	return stop;
}

static void *feed_run(void *arg)
{
	struct feed *f = arg;
	int rc = 1;

	while (rc == 1) {
		pthread_mutex_lock(&f->mu);
		while (f->count == FEED_BATCHES && !f->stop)
			pthread_cond_wait(&f->cv, &f->mu);
		struct feed_batch *b = &f->batch[f->head];
		int stop = f->stop;
		pthread_mutex_unlock(&f->mu);
		if (stop)
			rc = 0;
		for (b->n = 0; !stop && b->n < FEED_ROWS; b->n++) {
			if ((rc = db_report_cases_next(f->db, f->st, &b->row[b->n])) != 1)
				break;
			report_case_row_own(&b->row[b->n]);
		}
		pthread_mutex_lock(&f->mu);
		if (!stop) {
			f->head = (f->head + 1) % FEED_BATCHES;
			f->count++;
		}
		if (rc != 1) {
			f->done = 1;
			f->rc = rc < 0 ? -1 : 0;
			if (rc < 0)
				snprintf(f->err, sizeof f->err, "%s", tj_errmsg());
		}
		pthread_cond_broadcast(&f->cv);
		pthread_mutex_unlock(&f->mu);
		if (rc == 0 && !stop) {
			sqlite3_progress_handler(f->db->h, 10000, feed_interrupt, f);
			int e = report_stats_load_earlier(f->db, f->s);
			sqlite3_progress_handler(f->db->h, 0, NULL, NULL);
			/* read by feed_end after the join; interrupted is no error */
			if (e < 0 && !feed_interrupt(f)) {
				f->rc = -1;
				snprintf(f->err, sizeof f->err, "%s", tj_errmsg());
			}
		}
	}
	return NULL;
}

static struct feed *feed_start(struct db *db, struct report_stats *s, const char *from, const char *to)
{
	struct feed *f = xcalloc(1, sizeof *f);
	sigset_t all, old;

	f->db = db;
	f->s = s;
	if (!(f->st = db_report_cases_begin(db, from, to))) {
		free(f);
		return NULL;
	}
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->cv, NULL);
	/* signals (SIGWINCH, SIGHUP) stay with the terminal's thread */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int e = pthread_create(&f->thread, NULL, feed_run, f);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (e != 0) {
		tj_error("不能启动读取线程：%s", strerror(e));
		db_report_cases_end(f->st);
		pthread_mutex_destroy(&f->mu);
		pthread_cond_destroy(&f->cv);
		free(f);
		return NULL;
	}
	return f;
}

/* The next batch of rows, NULL when there are no more. */
static struct feed_batch *feed_take(struct feed *f)
{
	struct feed_batch *b = NULL;

	pthread_mutex_lock(&f->mu);
	while (f->count == 0 && !f->done)
		pthread_cond_wait(&f->cv, &f->mu);
	if (f->count > 0)
		b = &f->batch[(f->head - f->count + FEED_BATCHES) % FEED_BATCHES];
	pthread_mutex_unlock(&f->mu);
	return b;
}

/* The batch is written: the reader may fill it again. */
static void feed_done(struct feed *f, struct feed_batch *b)
{
	(void)b;
	pthread_mutex_lock(&f->mu);
	f->count--;
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
}

/* Wait for the reader to finish, or with abandon stop it where it is, and
 * free it all: 0, or -1 when reading failed (the reader's error set
 * again).  Only an abandoned feed may be cut short. */
static int feed_end(struct feed *f, int abandon)
{
	if (abandon) {
		pthread_mutex_lock(&f->mu);
		f->stop = 1;
		pthread_cond_broadcast(&f->cv);
		pthread_mutex_unlock(&f->mu);
	}
	pthread_join(f->thread, NULL);
	int rc = f->rc;
	if (rc < 0)
		tj_error("%s", f->err);
	db_report_cases_end(f->st);
	for (int i = 0; i < FEED_BATCHES; i++)
		for (int k = 0; k < FEED_ROWS; k++)
			report_case_row_free(&f->batch[i].row[k]);
	pthread_mutex_destroy(&f->mu);
	pthread_cond_destroy(&f->cv);
	free(f);
	return rc;
}

/* 案件明细 and 集体争议 in one pass over the cases received, counting the
 * employers for 高发单位 on the way.  0 (also when cancelled: see
 * x->cancelled), -1 on a database error. */
static int stream_cases(struct xw *x, struct db *db, struct report_emp_acc *acc)
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
	int b = sheet_begin(x, &det, SH_DETAIL, what, det_heads, det_caps, 19, 1, total);

	free(what);
	if (b < 0 || sheet_begin(x, &col, SH_COLLECTIVE,
				 "本期收案的集体争议案件（申请人众多、有共同请求），按收案日期排列。", col_heads,
				 col_caps, 10, 1, s->cur.collective) < 0)
		return 0; /* the error is in x->err */
	/* long lists: gridlines on paper instead of a border round every cell,
	 * and no cell at all where there is nothing to say */
	det.plain = col.plain = 1;
	worksheet_gridlines(det.ws, LXW_SHOW_ALL_GRIDLINES);
	worksheet_gridlines(col.ws, LXW_SHOW_ALL_GRIDLINES);
	if (x->progress && x->progress(x->ud, 0, total)) {
		x->cancelled = 1;
		return 0;
	}
	date_format(s->period.from, from);
	date_format(s->period.to, to);
	struct feed *f = feed_start(db, x->s, from, to);
	if (!f)
		return -1;
	sb_init(&c.causes);
	sb_init(&c.respondents);
	while (!stop && (batch = feed_take(f))) {
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
		feed_done(f, batch);
	}
	rc = feed_end(f, stop);
	sb_free(&c.causes);
	sb_free(&c.respondents);
	if (rc < 0)
		return -1;
	sheet_end(&det);
	sheet_end(&col);
	if (!x->cancelled && x->progress && x->written % step != 0 && x->progress(x->ud, x->written, total))
		x->cancelled = 1;
	return 0;
}

/* ---- the export ------------------------------------------------------------------- */

/* Drop a workbook unwritten.  lxw_workbook_free leaves the temporary
 * file of each constant_memory sheet open: close them first. */
static void discard(struct xw *x)
{
	for (int i = 0; i < SH_COUNT; i++)
		if (x->sheets[i] && x->sheets[i]->optimize_tmpfile) {
			fclose(x->sheets[i]->optimize_tmpfile);
			x->sheets[i]->optimize_tmpfile = NULL;
			x->sheets[i]->file = NULL;
		}
	lxw_workbook_free(x->wb);
	x->wb = NULL;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* A temporary file beside path, mode 0600: its name (malloc'd) or NULL
 * with the reason. */
static char *make_temp(const char *path, const char *dir)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
	int fd = mkstemp(tmp);

	if (fd < 0) {
		int e = errno;
		if (e == ENOENT || e == ENOTDIR)
			tj_error("不能写入 %s：目录 %s 不存在", path, dir);
		else if (e == EACCES || e == EPERM || e == EROFS)
			tj_error("不能写入 %s：没有在目录 %s 中建立文件的权限（%s）", path, dir, strerror(e));
		else
			tj_error("不能写入 %s：%s", path, strerror(e));
		free(tmp);
		return NULL;
	}
	if (fchmod(fd, 0600) < 0 || close(fd) < 0) {
		tj_error("不能写入 %s：%s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

static int flush_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int report_export(struct db *db, const struct config *cfg, const struct actor *who, const struct report_period *p,
		  const char *path, const struct report_opts *opts, report_progress_fn progress, void *ud,
		  int64_t *ncases)
{
	struct report_opts none = {0};
	struct report_stats s;
	struct xw x;
	struct stat sb;
	char *dir = NULL, *tmp = NULL;
	int began = 0, rc = REPORT_ERROR, have_stats = 0, cache_set = 0;
	int64_t old_cache = 0;
	tj_day today;

	if (!opts)
		opts = &none;
	if (ncases)
		*ncases = 0;
	if (access_may_export(who, opts->full_ids) < 0)
		return REPORT_ERROR;
	today = opts->today ? opts->today : tj_today();
	if (report_period_check(p, today) < 0)
		return REPORT_ERROR;
	if (!path || !*path) {
		tj_error("没有指定要写入的文件");
		return REPORT_ERROR;
	}
	if (path[strlen(path) - 1] == '/' || (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))) {
		tj_error("%s 是目录，请给出文件名（如 %s/调解统计.xlsx）", path, path);
		return REPORT_ERROR;
	}
	dir = dir_of(path);
	if (!(tmp = make_temp(path, dir))) {
		free(dir);
		return REPORT_ERROR;
	}

	memset(&x, 0, sizeof x);
	x.cfg = cfg;
	x.full_ids = opts->full_ids;
	x.progress = progress;
	x.ud = ud;
	if (opts->now)
		snprintf(x.now, sizeof x.now, "%s", opts->now);
	else
		tj_now_str(x.now);

	/* a bigger page cache while the export runs: the same pages (indexes,
	 * claims and parties of neighbouring cases) are read by several passes */
	if (db_report_cache_size(db, -EXPORT_CACHE_KIB, &old_cache) == 0)
		cache_set = 1;
	if ((began = db_report_snapshot_begin(db)) < 0)
		goto out;
	if (report_stats_load_streaming(db, p, today, &s) < 0)
		goto out;
	have_stats = 1;
	if (s.cur.received > EXCEL_MAX_ROWS - HEADER_ROW - 1) {
		tj_error("本期收案 %lld 件，超过 Excel 一张工作表的行数上限（%d 行），请缩短统计期间",
			 (long long)s.cur.received, EXCEL_MAX_ROWS - HEADER_ROW - 1);
		goto out;
	}
	x.s = &s;
	x.label = report_period_label(&s.period);
	x.label_prev = report_period_label(&s.prev);
	x.label_ly = report_period_label(&s.last_year);

	lxw_workbook_options wo = {.constant_memory = LXW_TRUE, .tmpdir = dir};
	x.wb = workbook_new_opt(tmp, &wo);
	if (!x.wb) {
		tj_error("不能建立工作簿 %s（内存不足或不能建立临时文件）", path);
		goto out;
	}
	char *title = xasprintf("劳动人事争议调解统计（%s）", x.label);
	/* the library's fields are not const */
	static char subject[] = "调解统计", comments[] = "tiaojie export", none_str[] = "";
	lxw_doc_properties props = {
		.title = title,
		.subject = subject,
		.author = cfg && cfg->centre_name ? cfg->centre_name : none_str,
		.company = cfg && cfg->court_name ? cfg->court_name : none_str,
		.comments = comments,
	};
	chk(&x, workbook_set_properties(x.wb, &props));
	make_formats(&x);
	for (int i = 0; i < SH_COUNT; i++)
		if (!(x.sheets[i] = workbook_add_worksheet(x.wb, sheet_names[i])))
			chk(&x, LXW_ERROR_MEMORY_MALLOC_FAILED);
	/* the long part first, with the progress bar; then what it counted */
	struct report_emp_acc acc = {0};
	int r = x.err == LXW_NO_ERROR ? stream_cases(&x, db, &acc) : 0;
	if (r == 0 && !x.cancelled && x.err == LXW_NO_ERROR)
		r = report_emp_acc_top(&acc, db, REPORT_MIN_EMPLOYER_CASES, REPORT_TOP_EMPLOYERS, &s);
	report_emp_acc_free(&acc);
	if (r == 0 && !x.cancelled && x.err == LXW_NO_ERROR) {
		write_summary(&x);
		write_causes(&x);
		write_mediators(&x);
		write_employers(&x);
	}
	db_report_snapshot_end(db, began);
	began = 0;
	if (r < 0 || x.cancelled || x.err != LXW_NO_ERROR) {
		if (r == 0 && !x.cancelled)
			tj_error("写入工作簿 %s 失败：%s", path, lxw_strerror(x.err));
		discard(&x);
		free(title);
		rc = x.cancelled && r == 0 ? REPORT_CANCELLED : REPORT_ERROR;
		goto out;
	}
	lxw_error e = workbook_close(x.wb); /* frees the workbook whatever happens */
	free(title);
	if (e != LXW_NO_ERROR) {
		tj_error("保存工作簿 %s 失败：%s", path, lxw_strerror(e));
		goto out;
	}
	if (chmod(tmp, opts->full_ids ? 0600 : 0640) < 0 || flush_file(tmp) < 0) {
		tj_error("保存工作簿 %s 失败：%s", path, strerror(errno));
		goto out;
	}
	if (rename(tmp, path) < 0) {
		tj_error("不能把工作簿存为 %s：%s", path, strerror(errno));
		goto out;
	}
	if (ncases)
		*ncases = x.written;
	rc = REPORT_OK;
out:
	if (began > 0)
		db_report_snapshot_end(db, began);
	if (cache_set) {
		/* put the cache back, keeping the export's error for the caller */
		char keep[1024];
		snprintf(keep, sizeof keep, "%s", tj_errmsg());
		db_report_cache_size(db, old_cache, NULL);
		if (rc == REPORT_ERROR)
			tj_error("%s", keep);
	}
	if (rc != REPORT_OK && tmp)
		unlink(tmp);
	if (have_stats)
		report_stats_free(&s);
	free(x.label);
	free(x.label_prev);
	free(x.label_ly);
	free(tmp);
	free(dir);
	return rc;
}

int report_log_export(struct db *db, int64_t user_id, const struct report_period *p, const char *path, int full_ids,
		      int64_t ncases)
{
	char *label, *after;
	int rc;

	if (db->readonly)
		return 0;
	label = report_period_label(p);
	after = xasprintf("导出调解统计 %s：%s（案件明细 %lld 行，证件号码%s）", label, path, (long long)ncases,
			  full_ids ? "完整" : "已遮蔽");
	struct event_rec e = {.user_id = user_id, .entity = "system", .action = "export", .after = after};
	rc = db_begin(db);
	if (rc == 0 && (db_event_add(db, &e) < 0 || db_commit(db) < 0)) {
		db_rollback(db);
		rc = -1;
	}
	free(label);
	free(after);
	return rc;
}
