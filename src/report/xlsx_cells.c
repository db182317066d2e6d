/*
 * xlsx_cells.c - the statistics workbook's cells, formats and the frame
 * every sheet shares (xlsx_internal.h; the layout is described in xlsx.c).
 *
 * Every sheet has the same frame: a title with the court's name, the
 * period, a line saying what the sheet counts, then the header row (row 5),
 * frozen and repeated on every printed page; A4 landscape, the court's
 * name in the page header and "第 N 页，共 M 页" in the footer.
 * Column widths follow the widest text written, in the display columns of
 * uitext.h (a Chinese character two, as on the screen) plus the indent of
 * the format.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/calendar.h"
#include "tiaojie/uitext.h"
#include "xlsx_internal.h"

#define MAX_CELL_BYTES 2000

const char *const xw_sheet_names[SH_COUNT] = {"月报",     "汇总",     "按案由",   "按调解员",
					      "按行业区县", "高发单位", "集体争议", "案件明细", "更正"};

void xw_chk(struct xw *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
		x->err = e;
}

/* ---- cells ---------------------------------------------------------------------- */

void xw_note_width(struct sheet *sh, int col, int w)
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

void xw_put_text(struct sheet *sh, int col, const char *s, lxw_format *f)
{
	char *copy = NULL;
	const char *t = s ? s : "";

	if (!f)
		f = sh->x->f.ptext;
	if (!clean_text(t))
		t = copy = cell_text(t);
	if (*t) {
		xw_note_width(sh, col, tw_width(t) + (f == sh->x->f.indent1 ? 2 : f == sh->x->f.indent2 ? 4 : 0));
		xw_chk(sh->x, worksheet_write_string(sh->ws, sh->row, (lxw_col_t)col, t, f));
	} else {
		/* an empty cell of a table still has its border */
		xw_chk(sh->x, worksheet_write_blank(sh->ws, sh->row, (lxw_col_t)col, f));
	}
	free(copy);
}

/* Frame lines (titles, notes): not counted in the column widths. */
void xw_put_frame(struct sheet *sh, int col, const char *s, lxw_format *f)
{
	char *t = cell_text(s);

	xw_chk(sh->x, worksheet_write_string(sh->ws, sh->row, (lxw_col_t)col, t, f));
	free(t);
}

void xw_put_num(struct sheet *sh, int col, double v, lxw_format *f, int w)
{
	xw_note_width(sh, col, w);
	xw_chk(sh->x, worksheet_write_number(sh->ws, sh->row, (lxw_col_t)col, v, f));
}

int xw_digits(int64_t v)
{
	int n = v < 0 ? 2 : 1;

	for (v = v < 0 ? -v : v; v >= 10; v /= 10)
		n++;
	return n + (n - 1) / 3; /* with thousands separators */
}

void xw_put_count(struct sheet *sh, int col, int64_t v, lxw_format *f)
{
	xw_put_num(sh, col, (double)v, f, xw_digits(v) + 1);
}

void xw_put_money(struct sheet *sh, int col, int64_t fen, lxw_format *f)
{
	xw_put_num(sh, col, (double)fen / 100.0, f, xw_digits(fen / 100) + 4);
}

void xw_put_none(struct sheet *sh, int col, lxw_format *f)
{
	xw_chk(sh->x, worksheet_write_blank(sh->ws, sh->row, (lxw_col_t)col, f ? f : sh->x->f.dash));
}

/* The date of a "YYYY-MM-DD...": by hand, as sscanf was a visible part of
 * a year's export.  0 or -1. */
int xw_parse_ymd(const char *s, int *y, int *m, int *d)
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
void xw_put_date(struct sheet *sh, int col, const char *s)
{
	int y, m, d;

	if (!s || xw_parse_ymd(s, &y, &m, &d) < 0 || !date_valid(y, m, d)) {
		xw_chk(sh->x, worksheet_write_blank(sh->ws, sh->row, (lxw_col_t)col,
						    sh->plain ? sh->x->f.pdate : sh->x->f.date));
		return;
	}
	lxw_datetime dt = {.year = y, .month = m, .day = d};
	xw_note_width(sh, col, 11);
	xw_chk(sh->x, worksheet_write_datetime(sh->ws, sh->row, (lxw_col_t)col, &dt,
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

void xw_print_setup(struct sheet *sh, int landscape, int fit_wide)
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
	xw_chk(x, worksheet_set_header(sh->ws, h.buf));
	sb_free(&h);
	xw_chk(x, worksheet_set_footer(sh->ws, "&C第 &P 页，共 &N 页"));
	if (landscape)
		worksheet_set_landscape(sh->ws);
	else
		worksheet_set_portrait(sh->ws);
	worksheet_set_paper(sh->ws, 9); /* A4 */
	worksheet_set_margins(sh->ws, 0.5, 0.5, 0.75, 0.75);
	if (fit_wide)
		worksheet_fit_to_pages(sh->ws, 1, 0);
	worksheet_center_horizontally(sh->ws);
	xw_chk(x, worksheet_repeat_rows(sh->ws, HEADER_ROW, HEADER_ROW));
}

/* Rows 0-2 (title, period, what is counted) and the header row 4, with an
 * autofilter over the header and the nrows rows that will follow (none
 * when nrows < 0: in constant_memory mode the filter's range must be
 * given before the rows are written); leaves sh->row on the first data
 * row. */
int xw_sheet_begin(struct xw *x, struct sheet *sh, enum sheet_id id, const char *what,
		   const char *const *headers, const int *caps, int ncols, int freeze_cols, int64_t nrows)
{
	const char *name = xw_sheet_names[id];
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
	xw_put_frame(sh, 0, title, x->f.title);
	xw_chk(x, worksheet_set_row(sh->ws, 0, 24, NULL));
	sh->row = 1;
	xw_put_frame(sh, 0, period, x->f.sub);
	sh->row = 2;
	xw_put_frame(sh, 0, what, x->f.note);
	free(title);
	free(period);
	sh->row = HEADER_ROW;
	for (int c = 0; c < ncols; c++) {
		xw_put_frame(sh, c, headers[c], x->f.header);
		/* room for the autofilter's button */
		xw_note_width(sh, c, tw_width(headers[c]) + 3);
	}
	if (nrows >= 0)
		xw_chk(x, worksheet_autofilter(sh->ws, HEADER_ROW, 0, (lxw_row_t)(HEADER_ROW + nrows), (lxw_col_t)(ncols - 1)));
	worksheet_freeze_panes(sh->ws, HEADER_ROW + 1, (lxw_col_t)freeze_cols);
	if (id == SH_DETAIL || id == SH_COLLECTIVE) {
		/* the long lists at full size, as many pages across as they take,
		 * each band of rows printed across before the next, so the pages
		 * of a case's row come together (the case number is not repeated
		 * on them: a repeated column would print the title again) */
		xw_print_setup(sh, 1, 0);
		worksheet_print_across(sh->ws);
	} else {
		xw_print_setup(sh, 1, 1);
	}
	sh->row = HEADER_ROW + 1;
	return 0;
}

/* Column widths, from the widest text written. */
void xw_sheet_end(struct sheet *sh)
{
	for (int c = 0; c < sh->ncols; c++) {
		int w = sh->width[c] + 2;
		if (w > sh->cap[c])
			w = sh->cap[c];
		if (w < 6)
			w = 6;
		xw_chk(sh->x, worksheet_set_column(sh->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL));
	}
}

/* ---- formats ----------------------------------------------------------------------- */

void xw_font(lxw_format *f)
{
	/* a CJK font named on every format, with its character set (GB2312)
	 * and family, so that a reader without it substitutes a Chinese font
	 * rather than a Latin one */
	format_set_font_name(f, XW_FONT);
	format_set_font_charset(f, 134);
	format_set_font_family(f, 3);
}

static lxw_format *fmt(struct xw *x, const char *num, int bold, int border, uint8_t align)
{
	lxw_format *f = workbook_add_format(x->wb);

	if (!f) {
		xw_chk(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return NULL;
	}
	xw_font(f);
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

void xw_make_formats(struct xw *x)
{
	x->f.title = fmt(x, NULL, 1, 0, 0);
	/* the title and notes above a table: no border, no grid (grid lines
	 * are never printed: the tables have borders) */
	format_set_font_size(x->f.title, 16);
	x->f.title_c = fmt(x, NULL, 1, 0, LXW_ALIGN_CENTER_ACROSS);
	format_set_font_size(x->f.title_c, 16);
	x->f.sub = fmt(x, NULL, 0, 0, 0);
	x->f.sub_r = fmt(x, NULL, 0, 0, LXW_ALIGN_RIGHT);
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
	x->f.ptext = fmt(x, NULL, 0, 1, 0);
	x->f.pcount = fmt(x, "#,##0", 0, 1, 0);
	x->f.pmoney = fmt(x, "#,##0.00", 0, 1, 0);
	x->f.pdate = fmt(x, "yyyy-mm-dd", 0, 1, LXW_ALIGN_CENTER);
}

/* ---- sections below the first table --------------------------------------------- */

void xw_section_title(struct sheet *sh, const char *text)
{
	xw_put_frame(sh, 0, text, sh->x->f.section);
	sh->row++;
}

void xw_header_row(struct sheet *sh, const char *const *h, int n)
{
	for (int c = 0; c < n; c++)
		xw_put_frame(sh, c, h[c], sh->x->f.header);
	sh->row++;
}
