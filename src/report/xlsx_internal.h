/*
 * xlsx_internal.h - the parts of the statistics workbook (src/report/xlsx*.c)
 * as they see each other; nothing outside src/report includes it.
 *
 *   xlsx.c          report_export: the temporary file, the snapshot, the
 *                   order of the work, the rename (with its record in the event log)
 *   xlsx_cells.c    formats, cells and the frame every sheet shares
 *   xlsx_monthly.c  月报 and 按行业区县
 *   xlsx_sheets.c   the summaries: 汇总, 按案由, 按调解员, 高发单位
 *   xlsx_detail.c   集体争议 and 案件明细, streamed from the feed
 *   xlsx_feed.c     the feed: the detail rows read on a thread of their own
 *
 * The functions shared between them carry the prefix xw_ (after struct
 * xw, the workbook being written).
 */
#ifndef TIAOJIE_REPORT_XLSX_INTERNAL_H
#define TIAOJIE_REPORT_XLSX_INTERNAL_H

#include <stdint.h>

#include <xlsxwriter.h>

#include "tiaojie/report.h"

#define HEADER_ROW 4      /* the table header (0-based): rows 0-3 are the frame */
#define MAXCOLS 20

struct xw;

/* The sheets in their order in the workbook (not the order they are
 * written: 案件明细 and 集体争议 stream first, the summaries follow). */
enum sheet_id {
	SH_MONTHLY, SH_SUMMARY, SH_CAUSES, SH_MEDIATORS, SH_BREAKDOWN, SH_EMPLOYERS, SH_COLLECTIVE, SH_DETAIL,
	SH_CORRECTIONS, /* a closed month only */
	SH_COUNT
};
extern const char *const xw_sheet_names[SH_COUNT];

struct sheet {
	struct xw *x;
	lxw_worksheet *ws;
	char name[32];
	lxw_row_t row;            /* the row being written */
	int ncols;
	int plain;                /* a long list: the p* formats */
	int width[MAXCOLS];       /* widest text of each column (display columns) */
	int cap[MAXCOLS];         /* the most a column may take */
};

struct xw {
	lxw_workbook *wb;
	const struct config *cfg;
	struct report_stats *s; /* the cause table is completed by the detail stream */
	const struct report_monthly *m; /* 月报 and 按行业区县 */
	const struct report_frozen *frozen; /* a closed month, else NULL */
	/* 月报's figures (and a closed month's frozen ones) are loaded by the
	 * feed's thread after the detail rows, while they are written */
	const struct report_period *period;
	tj_day today;
	int closed;                       /* the month is closed: sheet 更正 */
	struct report_monthly mon;
	struct report_frozen fr;
	int have_mon, have_fr;
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
		lxw_format *title, *title_c, *sub, *sub_r, *note, *section, *header;
		lxw_format *text, *text_wrap, *indent1, *indent2, *bold;
		lxw_format *count, *count_bold, *signed_count;
		lxw_format *money, *money_bold, *signed_money;
		lxw_format *pct, *pct_bold, *signed_pct, *points;
		lxw_format *days, *days_bold, *signed_days;
		lxw_format *date, *month, *dash;
		lxw_format *ptext, *pcount, *pmoney, *pdate; /* for the long lists */
	} f;
};

/* The first error of the library is kept in x->err: later calls go on
 * (their errors are ignored) and the export fails at the end. */
void xw_chk(struct xw *x, lxw_error e);

/* ---- cells and the frame (xlsx_cells.c) ---------------------------------------- */

void xw_make_formats(struct xw *x);
/* Widest text of a column, in display columns. */
void xw_note_width(struct sheet *sh, int col, int w);
/* A text cell (control characters as spaces, overlong text cut); an empty
 * text gives a blank cell with its border, or nothing in a plain sheet. */
void xw_put_text(struct sheet *sh, int col, const char *s, lxw_format *f);
/* Frame lines (titles, notes): not counted in the column widths. */
void xw_put_frame(struct sheet *sh, int col, const char *s, lxw_format *f);
/* A number cell of width w (display columns). */
void xw_put_num(struct sheet *sh, int col, double v, lxw_format *f, int w);
/* Display columns of v with thousands separators. */
int xw_digits(int64_t v);
void xw_put_count(struct sheet *sh, int col, int64_t v, lxw_format *f);
void xw_put_money(struct sheet *sh, int col, int64_t fen, lxw_format *f);
/* A figure that does not exist (a rate without cases, a change against
 * zero): an empty cell with its border and the number format f (NULL: a
 * plain one), never a dash, so the column stays numbers. */
void xw_put_none(struct sheet *sh, int col, lxw_format *f);
/* The font of every format (XW_FONT, GB2312, with its family). */
#define XW_FONT "SimSun"
void xw_font(lxw_format *f);
/* The date of a "YYYY-MM-DD...": 0 or -1 (reports nothing). */
int xw_parse_ymd(const char *s, int *y, int *m, int *d);
/* A "YYYY-MM-DD..." as a date cell; blank when there is none. */
void xw_put_date(struct sheet *sh, int col, const char *s);
/* The frame of sheet id and its header row, with an autofilter over nrows
 * rows (none when nrows < 0); sh->row on the first data row.  0, or -1
 * when the sheet could not be added. */
int xw_sheet_begin(struct xw *x, struct sheet *sh, enum sheet_id id, const char *what, const char *const *headers,
		const int *caps, int ncols, int freeze_cols, int64_t nrows);
/* Column widths, from the widest text written. */
void xw_sheet_end(struct sheet *sh);
/* A4, the court in the page header, the pages counted in the footer, the
 * header row repeated; landscape or portrait, one page wide (fit_wide) or
 * at full size across as many pages as it takes. */
void xw_print_setup(struct sheet *sh, int landscape, int fit_wide);
/* A section's title, and a header row, below a sheet's first table. */
void xw_section_title(struct sheet *sh, const char *text);
void xw_header_row(struct sheet *sh, const char *const *h, int n);

/* ---- the sheets (xlsx_sheets.c, xlsx_detail.c) ----------------------------------- */

void xw_write_monthly(struct xw *x);
void xw_write_breakdowns(struct xw *x);
void xw_write_corrections(struct xw *x);
void xw_write_summary(struct xw *x);
void xw_write_causes(struct xw *x);
void xw_write_mediators(struct xw *x);
void xw_write_employers(struct xw *x);
/* 案件明细 and 集体争议 in one pass over the cases received, counting the
 * employers for 高发单位 on the way.  0 (also when cancelled: see
 * x->cancelled), -1 on a database error. */
int xw_stream_cases(struct xw *x, struct db *db, struct report_emp_acc *acc);

/* ---- the feed (xlsx_feed.c) -------------------------------------------------------- */

#define FEED_ROWS 256
#define FEED_BATCHES 4

struct feed_batch {
	struct report_case_row row[FEED_ROWS];
	int n;
};

struct feed;
/* Start reading the cases received from..to on a thread of its own, which
 * then loads s's earlier periods (report_stats_load_earlier) and calls
 * after(ud, db) when given.  NULL with the error set. */
struct feed *xw_feed_start(struct db *db, struct report_stats *s, const char *from, const char *to,
			   int (*after)(void *ud, struct db *db), void *ud);
/* The loads of 月报 (report_monthly_load, report_frozen_load) into x:
 * the feed's after (xlsx.c).  0, or -1 with the error set. */
int xw_load_monthly(void *ud, struct db *db);
/* The next batch of rows, NULL when there are no more. */
struct feed_batch *xw_feed_take(struct feed *f);
/* The batch is written: the reader may fill it again. */
void xw_feed_done(struct feed *f, struct feed_batch *b);
/* Wait for the reader (or with abandon stop it) and free the feed: 0, or
 * -1 with the reader's error raised again in this thread's sink. */
int xw_feed_end(struct feed *f, int abandon);

#endif
