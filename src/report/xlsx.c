/*
 * xlsx.c - the statistics workbook (SPEC section 6), written with
 * libxlsxwriter: 月报, 汇总, 按案由, 按调解员, 按行业区县, 高发单位, 集体争议,
 * 案件明细.
 *
 * Every sheet has the same frame: a title with the court's name, the
 * period, a line saying what the sheet counts, then the header row (row 5),
 * frozen and repeated on every printed page (the title printed once); A4,
 * the court's name in the page header and "第 N 页，共 M 页" in the footer.
 * The summaries print landscape one page wide, 月报 portrait (its own
 * header block: xlsx_monthly.c), the long lists (集体争议, 案件明细) at full
 * size across as many pages as they take.  Every format names a CJK font
 * (XW_FONT, with GB2312 as its character set for a fallback); tables have
 * borders and grid lines are never printed (they would run over titles).
 * Numbers and dates are real cells (amounts "#,##0.00", rates as
 * percentages, dates as dates), so a statistician can sum and filter them;
 * a figure that does not exist (a rate without cases, a change against
 * zero) is an empty cell.  Column widths follow the widest text written, in the display
 * columns of uitext.h (a Chinese character two, as on the screen) plus
 * the indent of the format.
 *
 * Memory and time: the workbook is opened with constant_memory, so each
 * sheet is streamed row by row to a temporary file (in the target's
 * directory) and its rows must be written top to bottom; sheets are
 * independent, so they need not be written in their order.  The long part
 * comes first: one pass over the cases received, straight from a running
 * query (a db_report_cursor, read on a thread of its own), writes 案件明细
 * and 集体争议 side by side and counts the employers for 高发单位
 * (report_emp_acc) and the received figures of 按案由
 * (report_stats_add_case) - so a year's cases are read once and never
 * held.  The summaries follow from report_stats_load_streaming().
 * Everything is read in one snapshot, so the detail has exactly as many
 * rows as the headline says were received.
 *
 * The file appears only when complete: it is written beside the target
 * without a name where the file system allows, else under a temporary one
 * (outfile.h; created 0600, so personal data is never readable by others
 * even for a moment), synced, its event committed when it must be
 * recorded, and only then put under its name; an error or a cancel
 * removes it.
 *
 * This file is the export itself: the temporary file, the snapshot, the
 * order of the work and the rename.  The parts (xlsx_internal.h):
 * xlsx_cells.c the formats, cells and frame; xlsx_sheets.c the summary
 * sheets; xlsx_detail.c the streamed sheets; xlsx_feed.c the reading
 * thread.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "tiaojie/calendar.h"
#include "xlsx_internal.h"

#include "tiaojie/access.h"
#include "tiaojie/outfile.h"
#define EXCEL_MAX_ROWS 1048576
#define EXPORT_CACHE_KIB 32768 /* SQLite's page cache during an export */

/* ---- the export ------------------------------------------------------------------- */

int xw_load_monthly(void *ud, struct db *db)
{
	struct xw *x = ud;

	if (report_monthly_load(db, x->period, x->today, &x->mon) < 0)
		return -1;
	x->have_mon = 1;
	x->m = &x->mon;
	/* a closed month: its frozen figures, and what changed since */
	if (x->closed) {
		int r = report_frozen_load(db, x->period, x->today, &x->fr);
		if (r < 0)
			return -1;
		if (r > 0) {
			x->have_fr = 1;
			x->frozen = &x->fr;
			x->m = &x->fr.m;
		}
	}
	return 0;
}

/* Drop a workbook unwritten.  lxw_workbook_free leaves the temporary
 * file of each constant_memory sheet open: close them first. */
/* Why libxlsxwriter failed, in the user's words: its errors name only the
 * zip operation ("Zip generic error ZIP_ERRNO ..."), so a full file system
 * under the workbook is found out here; the library's text follows in
 * brackets. */
static const char *xw_why(const struct tj_out *out, lxw_error e)
{
	static _Thread_local char buf[256];
	struct statvfs v;

	if (out->fd >= 0 && fstatvfs(out->fd, &v) == 0 && (unsigned long long)v.f_bavail * v.f_frsize < 65536)
		snprintf(buf, sizeof buf, "磁盘已满（%s）", lxw_strerror(e));
	else
		snprintf(buf, sizeof buf, "工作簿库出错（%s）", lxw_strerror(e));
	return buf;
}

/* libxlsxwriter prints its own English "[ERROR]..." lines on stderr when
 * it cannot create a temporary file or write the zip (a full disk), and
 * offers no way to stop it; the user is told in Chinese (xw_why) instead,
 * and on the screens the lines would land in the middle of the display.
 * So standard error is pointed at /dev/null around the library's calls
 * that can fail that way: workbook_new_opt with its sheets and
 * workbook_close.  Not around the streaming, which prints the progress.
 * Returns the saved descriptor for unmute_stderr (-1: left alone). */
static int mute_stderr(void)
{
	int saved, nul;

	fflush(stderr);
	saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	if (saved < 0)
		return -1;
	nul = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (nul < 0 || dup2(nul, STDERR_FILENO) < 0) {
		if (nul >= 0)
			close(nul);
		close(saved);
		return -1;
	}
	close(nul);
	return saved;
}

static void unmute_stderr(int saved)
{
	if (saved < 0)
		return;
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
}

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

/* The workbook into place under its name, recorded when it must be: the
 * event committed first, so a workbook under its name is always on record
 * (see report_export). */
static int place(struct db *db, const struct actor *who, const struct report_period *p, struct tj_out *o,
		 const char *path, struct report_opts *opts, int64_t ncases)
{
	int must = opts->record || opts->full_ids;

	if (!must || db_readonly(db)) {
		if (must && opts->full_ids) {
			tj_error("数据库只读，导出完整证件号码无法记入操作记录，未导出");
			return -1;
		}
		if (tj_out_place(o, 0) < 0)
			return -1;
		if (must)
			opts->unrecorded = 1;
		return 0;
	}
	char real[PATH_MAX], *label = report_period_label(p);
	char *slash = strrchr(path, '/');
	char *dir = slash ? xasprintf("%.*s", (int)(slash - path), path) : xstrdup(".");
	const char *shown = path;
	char *joined = NULL;
	if (realpath(dir, real))
		shown = joined = xasprintf("%s/%s", real, slash ? slash + 1 : path);
	char *after = xasprintf("导出调解统计 %s：%s（案件明细 %lld 行，证件号码%s）", label, shown, (long long)ncases,
				opts->full_ids ? "完整" : "已遮蔽");
	struct event_rec e = {.user_id = who->user_id, .entity = "system", .action = "export", .after = after};
	char *shown_copy = xstrdup(shown);
	int rc = -1;

	free(label);
	free(dir);
	free(joined);
	if (db_begin(db) < 0 || db_event_add(db, &e) < 0) {
		char msg[600];
		snprintf(msg, sizeof msg, "%s", tj_errmsg());
		db_rollback(db);
		tj_error("未能记入操作记录，未导出：%s", msg);
	} else if (db_commit(db) < 0) {
		char msg[600];
		snprintf(msg, sizeof msg, "%s", tj_errmsg());
		tj_error("未能记入操作记录，未导出：%s", msg);
	} else if (tj_out_place(o, 0) < 0) {
		/* on record, not written: the record says so too */
		char msg[600];
		snprintf(msg, sizeof msg, "%s", tj_errmsg());
		free(after);
		after = xasprintf("导出未写出：%s（%s）", shown_copy, msg);
		e.action = "export-failed";
		e.after = after;
		if (db_begin(db) == 0 && (db_event_add(db, &e) < 0 || db_commit(db) < 0))
			db_rollback(db);
		tj_error("导出已记入操作记录，但未能写出：%s", msg);
	} else {
		rc = 0;
	}
	free(shown_copy);
	free(after);
	return rc;
}

int report_export(struct db *db, const struct config *cfg, const struct actor *who, const struct report_period *p,
		  const char *path, struct report_opts *opts, report_progress_fn progress, void *ud,
		  int64_t *ncases)
{
	struct report_opts none = {0};
	struct report_stats s;

	struct xw x;
	struct stat sb;
	char *dir = NULL;
	struct tj_out out = {.fd = -1};
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
	if (tj_out_open(&out, path, 0600, 0) < 0) {
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
	x.period = p;
	x.today = today;
	if ((x.closed = report_month_closed(db, p)) < 0)
		goto out;
	x.s = &s;
	x.label = report_period_label_seen(&s.period, today);
	x.label_prev = report_period_label(&s.prev);
	x.label_ly = report_period_label(&s.last_year);

	lxw_workbook_options wo = {.constant_memory = LXW_TRUE, .tmpdir = dir};
	int quiet = mute_stderr();
	x.wb = workbook_new_opt(tj_out_name(&out), &wo);
	if (!x.wb) {
		unmute_stderr(quiet);
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
	xw_chk(&x, workbook_set_properties(x.wb, &props));
	xw_make_formats(&x);
	for (int i = 0; i < SH_COUNT; i++)
		if ((i != SH_CORRECTIONS || x.closed) && !(x.sheets[i] = workbook_add_worksheet(x.wb, xw_sheet_names[i])))
			xw_chk(&x, LXW_ERROR_MEMORY_MALLOC_FAILED);
	unmute_stderr(quiet);
	/* the long part first, with the progress bar; then what it counted */
	struct report_emp_acc acc = {0};
	int r = x.err == LXW_NO_ERROR ? xw_stream_cases(&x, db, &acc) : 0;
	if (r == 0 && !x.cancelled && x.err == LXW_NO_ERROR)
		r = report_emp_acc_top(&acc, db, REPORT_MIN_EMPLOYER_CASES, REPORT_TOP_EMPLOYERS, &s);
	report_emp_acc_free(&acc);
	if (r == 0 && !x.cancelled && x.err == LXW_NO_ERROR) {
		if (x.frozen)
			s.cur = x.frozen->h; /* 汇总's 本期 as closed */
		xw_write_monthly(&x);
		xw_write_breakdowns(&x);
		xw_write_summary(&x);
		if (x.frozen)
			xw_write_corrections(&x);
		xw_write_causes(&x);
		xw_write_mediators(&x);
		xw_write_employers(&x);
	}
	db_report_snapshot_end(db, began);
	began = 0;
	if (r < 0 || x.cancelled || x.err != LXW_NO_ERROR) {
		if (r == 0 && !x.cancelled)
			tj_error("写入工作簿 %s 失败：%s", path, xw_why(&out, x.err));
		discard(&x);
		free(title);
		rc = x.cancelled && r == 0 ? REPORT_CANCELLED : REPORT_ERROR;
		goto out;
	}
	quiet = mute_stderr();
	lxw_error e = workbook_close(x.wb); /* frees the workbook whatever happens */
	unmute_stderr(quiet);
	free(title);
	if (e != LXW_NO_ERROR) {
		tj_error("保存工作簿 %s 失败：%s", path, xw_why(&out, e));
		goto out;
	}
	if (fchmod(out.fd, tj_file_mode(opts->full_ids ? 0600 : 0640)) < 0) {
		tj_error("保存工作簿 %s 失败：%s", path, tj_strerror(errno));
		goto out;
	}
	if (tj_out_sync(&out) < 0)
		goto out;
	if (place(db, who, p, &out, path, opts, x.written) < 0)
		goto out;
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
	tj_out_discard(&out);
	if (have_stats)
		report_stats_free(&s);
	if (x.have_mon)
		report_monthly_free(&x.mon);
	if (x.have_fr)
		report_frozen_free(&x.fr);
	free(x.label);
	free(x.label_prev);
	free(x.label_ly);
	free(dir);
	return rc;
}


