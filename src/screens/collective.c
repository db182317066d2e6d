/*
 * collective.c - a collective dispute's table (集体争议：代表与各申请人金额):
 * every worker a row, every claim a column, each worker's own amount in
 * the cells, the 未分列 part of a claim registered with one amount for
 * all, and the totals (collective.h has the rule).  The representatives
 * are marked 代表 on their rows.
 *
 * Opened from the case detail's F3 menu (推举代表, 修改各申请人金额: the
 * lifecycle offers them on a collective case where a correction may be
 * made).  Enter or F6 on a cell changes that worker's amount of that
 * claim, F3 elects the representatives; each is one act of the core
 * (case_share_set, case_represent) with the version the user saw, and
 * the case detail beneath is read again when it is done.  A save that
 * comes after someone else's change is refused with who and when, and the
 * dialog keeps what was typed; F2 again applies it to the case as it now
 * is.  An open dialog with changes is kept as the case's draft (kind
 * "case", as the case detail's forms: its action, the version seen, the
 * cell, the fields under "f.") every autosave interval and on SIGHUP or
 * SIGTERM; the case detail offers it again (collective_resume).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tiaojie/casework.h"
#include "tiaojie/collective.h"
#include "tiaojie/draft.h"
#include "tiaojie/money.h"
#include "tiaojie/screens.h"
#include "tiaojie/store.h"
#include "tiaojie/uitext.h"
#include "tiaojie/widgets.h"

#define NAME_W 10
#define CELL_W 12 /* "123,456.00" and a space */
#define LEAD_W (4 + NAME_W + 5)

struct coll {
	int64_t case_id;
	struct case_view cv;
	int loaded;
	int row, col;  /* the cell: row napplicants is the 未分列 row */
	int top, left; /* the first worker and the first claim shown */
	int64_t seen_version;
	void (*done)(void *ctx); /* the screen beneath reads the case again */
	void *ctx;
	char title[96];
};

static const enum ui_action coll_actions[] = {UA_EDIT, UA_ACT, UA_REFRESH, UA_BACK, UA_NONE};
static const struct ui_label coll_labels[] = {
	{UA_EDIT, "改金额", "修改所选申请人该项请求的本人金额（Enter 亦可）"},
	{UA_ACT, "推举代表", "推举或更换集体争议的代表（2至5名）"},
	{UA_NONE, NULL, NULL},
};

static int may(const struct coll *c, const struct actor *who, enum case_action a)
{
	enum case_action acts[ACT_COUNT];
	int n = case_actions(&c->cv, who, acts, ACT_COUNT);

	for (int i = 0; i < n; i++)
		if (acts[i] == a)
			return 1;
	return 0;
}

static int coll_reload(struct screen *s)
{
	struct coll *c = s->priv;

	if (c->loaded)
		case_view_free(&c->cv);
	c->loaded = 0;
	memset(&c->cv, 0, sizeof c->cv);
	c->seen_version = store_data_version(s->app->db);
	if (case_load(s->app->db, &s->app->actor, c->case_id, &c->cv) <= 0) {
		ui_error(s->app);
		return -1;
	}
	c->loaded = 1;
	snprintf(c->title, sizeof c->title, "%s 各申请人金额", c->cv.case_no);
	if (c->row > c->cv.napplicants)
		c->row = c->cv.napplicants;
	if (c->col >= c->cv.nclaims)
		c->col = c->cv.nclaims > 0 ? c->cv.nclaims - 1 : 0;
	return 0;
}

/* After an act: this table and the case detail beneath read again. */
static void acted(struct screen *s)
{
	struct coll *c = s->priv;

	coll_reload(s);
	if (c->done)
		c->done(c->ctx);
}

/* ---- the table ------------------------------------------------------------------ */

static void coll_layout(struct screen *s, int rows, int cols)
{
	s->rows = rows;
	s->cols = cols;
}

/* How many claim columns fit beside the workers and the total. */
static int claims_shown(const struct screen *s)
{
	int n = (s->cols - 2 - LEAD_W - CELL_W) / CELL_W;

	return n < 1 ? 1 : n;
}

/* The rows of workers the screen has room for (title, hint, header
 * above; 未分列 and 合计 below). */
static int workers_shown(const struct screen *s)
{
	int n = s->rows - 5;

	return n < 1 ? 1 : n;
}

static void put_right(struct strbuf *sb, const char *text, int w)
{
	int pad = w - tw_width(text);

	for (int i = 0; i < pad; i++)
		sb_addc(sb, ' ');
	sb_add(sb, text);
}

static void draw_row(struct screen *s, int y, const char *lead, char **cells, const char *total, int sel_col,
		     enum ui_style style)
{
	struct coll *c = s->priv;
	int shown = claims_shown(s), x = 1 + LEAD_W;

	ui_put(y, 1, lead, LEAD_W, ui_attr(style), 1);
	for (int k = c->left; k < c->cv.nclaims && k < c->left + shown; k++, x += CELL_W) {
		struct strbuf sb;
		sb_init(&sb);
		put_right(&sb, cells[k], CELL_W - 1);
		ui_put(y, x, sb.buf, CELL_W, ui_attr(k == sel_col ? US_SELECTED : style), 1);
		sb_free(&sb);
	}
	struct strbuf sb;
	sb_init(&sb);
	put_right(&sb, total, CELL_W - 1);
	ui_put(y, x, sb.buf, s->cols - x - 1 > CELL_W ? CELL_W : s->cols - x - 1, ui_attr(style), 1);
	sb_free(&sb);
}

static void coll_draw(struct screen *s)
{
	struct coll *c = s->priv;
	const struct case_view *cv = &c->cv;
	char amt[32];
	int nc = cv->nclaims, na = cv->napplicants;

	if (!c->loaded)
		return;
	char *reps = case_representatives_text(cv);
	char *head = xasprintf("集体争议：申请人 %d 名  代表：%s", na, *reps ? reps : "（未推举）");
	ui_put(1, 1, head, s->cols - 2, ui_attr(US_WARN), 1);
	free(head);
	free(reps);
	ui_put(2, 1, "Enter 修改所选金额  F3 推举代表  Esc 返回；金额单位：元，「-」为无本人金额", s->cols - 2,
	       ui_attr(US_DIM), 1);

	/* keep the cell in view */
	int shown = claims_shown(s), wshown = workers_shown(s);
	if (c->col < c->left)
		c->left = c->col;
	if (c->col >= c->left + shown)
		c->left = c->col - shown + 1;
	if (c->row < na && c->row < c->top)
		c->top = c->row;
	if (c->row < na && c->row >= c->top + wshown)
		c->top = c->row - wshown + 1;

	char **cells = xcalloc((size_t)nc + 1, sizeof *cells);
	char **heads = xcalloc((size_t)nc + 1, sizeof *heads);
	for (int k = 0; k < nc; k++)
		heads[k] = xasprintf("请求%d", cv->claims[k].ord);
	draw_row(s, 3, "  序 申请人", heads, "合计", -1, US_HEADER);
	for (int i = c->top; i < na && i < c->top + wshown; i++) {
		const struct cv_party *p = &cv->applicants[i];
		int64_t sum = 0, any = 0;
		for (int k = 0; k < nc; k++) {
			int64_t fen;
			free(cells[k]);
			if (case_claim_share(&cv->claims[k], p->ord, &fen)) {
				cells[k] = xstrdup(money_format(fen, amt, sizeof amt));
				sum += fen;
				any = 1;
			} else {
				cells[k] = xstrdup("-");
			}
		}
		struct strbuf lead;
		sb_init(&lead);
		sb_printf(&lead, "%3d ", p->ord);
		tw_pad(&lead, p->name, NAME_W);
		sb_add(&lead, p->representative ? " 代表" : "");
		draw_row(s, 4 + i - c->top, lead.buf, cells, any ? money_format(sum, amt, sizeof amt) : "-",
			 i == c->row ? c->col : -1, p->representative ? US_WARN : US_NORMAL);
		sb_free(&lead);
	}
	/* the 未分列 part and the totals, always in view */
	int64_t usum = 0, tsum = 0;
	for (int k = 0; k < nc; k++) {
		int64_t u = case_claim_undivided(&cv->claims[k]);
		usum += u;
		free(cells[k]);
		cells[k] = xstrdup(u ? money_format(u, amt, sizeof amt) : "-");
	}
	draw_row(s, s->rows - 1, "     未分列", cells, usum ? money_format(usum, amt, sizeof amt) : "-",
		 c->row == na ? c->col : -1, US_DIM);
	for (int k = 0; k < nc; k++) {
		free(cells[k]);
		cells[k] = xstrdup(money_format(cv->claims[k].amount_fen, amt, sizeof amt));
		tsum += cv->claims[k].amount_fen;
	}
	draw_row(s, s->rows, "     合计", cells, money_format(tsum, amt, sizeof amt), -1, US_HEADER);
	for (int k = 0; k < nc; k++) {
		free(cells[k]);
		free(heads[k]);
	}
	free(cells);
	free(heads);
	curs_set(0);
}

/* ---- drafts of the dialogs ------------------------------------------------------------ */

#define DRAFT_KIND "case"   /* the case detail's kind: one draft per case and user */
#define DRAFT_FIELDS "f."

/* What the two dialogs share: the form, the table below, the version the
 * user saw and the draft the form was kept as. */
struct keep {
	struct form form;
	struct screen *table;
	enum case_action action;
	int64_t version;
	char *snap;       /* the fields as the dialog opened */
	int64_t draft_id; /* 0: not kept yet */
	int dirty;        /* typed since it was last kept */
	time_t last_save;
	int claim_ord, applicant; /* the cell (ACT_SHARES) */
};

static void keep_save(struct screen *s)
{
	struct keep *k = s->priv;
	struct coll *c = k->table->priv;
	struct app *app = s->app;
	struct strbuf sb;
	char num[32];

	if (!app->logged_in || !c->loaded || !form_changed(&k->form, k->snap))
		return;
	snprintf(num, sizeof num, "%lld", (long long)c->case_id);
	if (!k->draft_id &&
	    draft_find(app->db, app->user.id, DRAFT_KIND, "case_id", num, &k->draft_id, NULL, NULL) < 0)
		k->draft_id = 0;
	sb_init(&sb);
	draft_put(&sb, "case_id", num);
	draft_put(&sb, "case_no", c->cv.case_no);
	draft_put(&sb, "action", action_keyword(k->action));
	snprintf(num, sizeof num, "%lld", (long long)k->version);
	draft_put(&sb, "version", num);
	if (k->action == ACT_SHARES) {
		snprintf(num, sizeof num, "%d", k->claim_ord);
		draft_put(&sb, "claim", num);
		snprintf(num, sizeof num, "%d", k->applicant);
		draft_put(&sb, "applicant", num);
	}
	form_draft_put(&k->form, &sb, DRAFT_FIELDS);
	char *body = sb_detach(&sb);
	if (draft_keep(app->db, app->user.id, DRAFT_KIND, body, &k->draft_id) == 0) {
		k->dirty = 0;
		k->last_save = time(NULL);
	} else {
		ui_error(app);
	}
	free(body);
}

static void keep_tick(struct screen *s)
{
	struct keep *k = s->priv;

	if (k->dirty && time(NULL) - k->last_save >= screen_autosave_seconds()) {
		keep_save(s);
		if (!k->dirty)
			ui_msg(s->app, US_DIM, "已自动保存草稿");
	}
}

/* Saved or thrown away: the kept draft goes. */
static void keep_drop(struct screen *s)
{
	struct keep *k = s->priv;

	if (draft_drop(s->app->db, s->app->user.id, k->draft_id) < 0)
		ui_error(s->app);
	k->draft_id = 0;
	k->dirty = 0;
}

static void keep_init(struct keep *k, struct screen *table, enum case_action a)
{
	struct coll *c = table->priv;

	form_init(&k->form);
	k->table = table;
	k->action = a;
	k->version = c->cv.version;
	k->last_save = time(NULL);
}

static void keep_free(struct keep *k)
{
	form_free(&k->form);
	free(k->snap);
}

/* ---- the amount of one cell ------------------------------------------------------------- */

struct cell_dialog {
	struct keep k;            /* first: the screen's priv is both */
	char what[160];           /* "申请人3 王五 请求1" */
};

static const enum ui_action cell_actions[] = {UA_SAVE, UA_BACK, UA_NONE};

static int cell_text_input(struct screen *s)
{
	struct cell_dialog *cd = s->priv;

	return form_text_input(&cd->k.form);
}

static void cell_layout(struct screen *s, int rows, int cols)
{
	struct cell_dialog *cd = s->priv;

	s->rows = rows;
	s->cols = cols;
	cd->k.form.label_w = 12;
	form_area(&cd->k.form, 6, 8, rows - 10 > 4 ? 6 : rows - 10, cols - 16);
}

static void cell_draw(struct screen *s)
{
	struct cell_dialog *cd = s->priv;

	ui_box(4, 6, 10, s->cols - 12, action_name(ACT_SHARES));
	ui_put(5, 8, "F2/^S 保存，Esc 取消；填写的内容在出错时会保留", s->cols - 16, ui_attr(US_DIM), 0);
	form_draw(&cd->k.form);
}

static int cell_submit(struct screen *s)
{
	struct cell_dialog *cd = s->priv;
	struct coll *c = cd->k.table->priv;
	struct app *app = s->app;
	struct form_item *it = form_find(&cd->k.form, "amount");
	char *amount = edit_get(&it->edit);
	struct collective_result res;
	int from_undivided = 0, rc = UI_HANDLED;
	const char *reason;
	int64_t fen = 0;
	char buf[32];

	it->msg[0] = '\0';
	if (*amount && money_parse(amount, &fen, &reason) < 0) {
		form_set_msg(it, US_ERROR, "%s", reason);
		form_show_errors(&cd->k.form, app);
		goto out;
	}
	const struct cv_claim *k = NULL;
	for (int i = 0; c->loaded && i < c->cv.nclaims; i++)
		if (c->cv.claims[i].ord == cd->k.claim_ord)
			k = &c->cv.claims[i];
	/* a worker whose amount was in the amount registered for all of
	 * them: is it taken from the 未分列 part, or does it come on top? */
	int64_t undivided = k ? case_claim_undivided(k) : 0;
	if (k && cd->k.applicant != SHARE_UNDIVIDED && undivided > 0 && *amount && !case_claim_share(k, cd->k.applicant, NULL)) {
		char a[32], b[32];
		char *q = xasprintf("请求%d 有未分列金额 %s 元（登记时全体申请人的合计）。\n%s 的 %s 元包含在其中吗？\n"
				    "是：从未分列金额中扣除，请求合计不变；否：另行计入，请求合计增加。",
				    cd->k.claim_ord, money_format(undivided, a, sizeof a), cd->what,
				    money_format(fen, b, sizeof b));
		int ans = ui_ask(app, q);
		free(q);
		if (ans == UI_CANCEL || app->quit)
			goto out;
		from_undivided = ans == UI_YES;
	}
	if (case_shares_resets(&c->cv) &&
	    (!ui_confirm(app, "本案申请人已确认请求事项。\n修改金额后须重新确认，案件将退回「登记」。\n保存吗？") ||
	     app->quit)) {
		ui_msg(app, US_DIM, "未保存，请继续修改");
		goto out;
	}
	if (case_share_set(app->db, app->cfg, &app->actor, c->case_id, cd->k.version, cd->k.claim_ord, cd->k.applicant, amount,
			   from_undivided, &res) < 0) {
		if (!strcmp(res.field, "amount")) {
			form_set_msg(it, US_ERROR, "%s", tj_errmsg());
			form_show_errors(&cd->k.form, app);
		} else {
			ui_error(app);
		}
		if (res.conflict) {
			char msg[600];
			snprintf(msg, sizeof msg, "%s", tj_errmsg());
			acted(cd->k.table);
			cd->k.version = c->cv.version;
			ui_msg(app, US_ERROR, "%s；再按 F2 将按新版本保存", msg);
		}
		goto out;
	}
	keep_drop(s);
	acted(cd->k.table);
	if (res.reconfirm)
		ui_msg(app, US_WARN, "已修改%s的金额；申请人须重新确认请求，案件已退回「%s」", cd->what,
		       status_name(res.status));
	else if (*amount)
		ui_msg(app, US_OK, "已修改%s的金额：%s 元", cd->what, money_format(fen, buf, sizeof buf));
	else
		ui_msg(app, US_OK, "已修改%s的金额：无本人金额", cd->what);
	rc = UI_HANDLED | UI_CLOSE;
out:
	free(amount);
	return rc;
}

static int cell_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct cell_dialog *cd = s->priv;

	switch (a) {
	case UA_BACK:
		if (form_changed(&cd->k.form, cd->k.snap)) {
			int ans = ui_ask_unsaved(s->app, "这项金额");
			if (ans == UI_SAVE)
				return cell_submit(s);
			if (ans != UI_DISCARD)
				return UI_HANDLED;
		}
		keep_drop(s);
		return UI_HANDLED | UI_CLOSE;
	case UA_SAVE:
	case UA_ENTER:
		return cell_submit(s);
	default:
		if (form_handle(&cd->k.form, a, ch) >= 0)
			cd->k.dirty = 1;
		return UI_HANDLED;
	}
}

static void cell_destroy(struct screen *s)
{
	struct cell_dialog *cd = s->priv;

	keep_free(&cd->k);
	free(cd);
}

static const struct screen_ops cell_ops = {
	.name = "collective-cell", .actions = cell_actions, .overlay = 1, .text_input = cell_text_input,
	.layout = cell_layout, .draw = cell_draw, .handle = cell_handle, .tick = keep_tick, .save_draft = keep_save,
	.destroy = cell_destroy,
};

static struct keep *open_cell(struct screen *s)
{
	struct coll *c = s->priv;
	struct app *app = s->app;
	const struct case_view *cv = &c->cv;
	char amt[32], tot[32];

	if (!c->loaded || cv->nclaims == 0)
		return NULL;
	if (!may(c, &app->actor, ACT_SHARES)) {
		ui_msg(app, US_WARN, "案件处于「%s」状态，您现在不能%s", status_name(cv->status), action_name(ACT_SHARES));
		return NULL;
	}
	const struct cv_claim *k = &cv->claims[c->col];
	struct cell_dialog *cd = xcalloc(1, sizeof *cd);
	keep_init(&cd->k, s, ACT_SHARES);
	cd->k.claim_ord = k->ord;
	int64_t fen = 0;
	int has;
	if (c->row < cv->napplicants) {
		const struct cv_party *p = &cv->applicants[c->row];
		cd->k.applicant = p->ord;
		snprintf(cd->what, sizeof cd->what, "申请人%d %s 请求%d", p->ord, p->name, k->ord);
		has = case_claim_share(k, p->ord, &fen);
	} else {
		cd->k.applicant = SHARE_UNDIVIDED;
		snprintf(cd->what, sizeof cd->what, "请求%d 未分列部分", k->ord);
		fen = case_claim_undivided(k);
		has = fen != 0;
	}
	struct form_item *it = form_add(&cd->k.form, FK_INFO, NULL, NULL);
	char *line = xasprintf("%s [%s %s]", cd->what, k->cause, k->cause_name);
	form_set_text(it, line);
	free(line);
	it = form_add(&cd->k.form, FK_INFO, NULL, NULL);
	line = xasprintf("请求合计 %s 元，其中未分列 %s 元", money_format(k->amount_fen, tot, sizeof tot),
			 money_format(case_claim_undivided(k), amt, sizeof amt));
	form_set_text(it, line);
	free(line);
	it = form_add(&cd->k.form, FK_TEXT, "amount", "金额（元）");
	it->edit.max = 20;
	if (has)
		edit_set(&it->edit, money_format(fen, amt, sizeof amt));
	it = form_add(&cd->k.form, FK_INFO, NULL, NULL);
	form_set_text(it, cd->k.applicant == SHARE_UNDIVIDED ? "留空：没有未分列的金额，请求合计为各人金额之和"
							    : "留空：该申请人在此项请求中没有本人金额");
	form_focus(&cd->k.form, form_index(&cd->k.form, "amount"));
	cd->k.snap = form_snapshot(&cd->k.form);
	ui_push(app, screen_new(app, &cell_ops, NULL, cd));
	return &cd->k;
}

/* ---- electing the representatives --------------------------------------------------------- */

static const char *const yes_no[] = {"否", "是（代表）"};

struct rep_dialog {
	struct keep k;
};

static const enum ui_action rep_actions[] = {UA_SAVE, UA_BACK, UA_NEXT, UA_PREV, UA_NONE};

/* Space toggles a choice here, rather than paging (the list key). */
static int rep_text_input(struct screen *s)
{
	(void)s;
	return 1;
}

static void rep_layout(struct screen *s, int rows, int cols)
{
	struct rep_dialog *rd = s->priv;

	s->rows = rows;
	s->cols = cols;
	rd->k.form.label_w = 16;
	form_area(&rd->k.form, 5, 8, rows - 7, cols - 16);
}

static void rep_draw(struct screen *s)
{
	struct rep_dialog *rd = s->priv;
	char buf[160];

	ui_box(2, 6, s->rows - 3, s->cols - 12, action_name(ACT_REPRESENT));
	snprintf(buf, sizeof buf, "选定%d至%d名代表（空格或左右键切换），F2/^S 保存，Esc 取消", INTAKE_MIN_REPRESENTATIVES,
		 INTAKE_MAX_REPRESENTATIVES);
	ui_put(3, 8, buf, s->cols - 16, ui_attr(US_DIM), 0);
	form_draw(&rd->k.form);
}

static int rep_submit(struct screen *s)
{
	struct rep_dialog *rd = s->priv;
	struct coll *c = rd->k.table->priv;
	struct app *app = s->app;
	struct collective_result res;
	int *ords = xcalloc((size_t)c->cv.napplicants + 1, sizeof *ords), n = 0, rc = UI_HANDLED;

	for (int i = 0; i < c->cv.napplicants; i++) {
		char id[24];
		snprintf(id, sizeof id, "rep[%d]", c->cv.applicants[i].ord);
		struct form_item *it = form_find(&rd->k.form, id);
		if (it && it->choice == 1)
			ords[n++] = c->cv.applicants[i].ord;
	}
	if (case_represent(app->db, app->cfg, &app->actor, c->case_id, rd->k.version, ords, n, &res) < 0) {
		ui_error(app);
		if (res.conflict) {
			char msg[600];
			snprintf(msg, sizeof msg, "%s", tj_errmsg());
			acted(rd->k.table);
			rd->k.version = c->cv.version;
			ui_msg(app, US_ERROR, "%s；再按 F2 将按新版本保存", msg);
		}
		goto out;
	}
	keep_drop(s);
	acted(rd->k.table);
	char *names = case_representatives_text(&c->cv);
	ui_msg(app, US_OK, "已推举代表：%s", names);
	free(names);
	rc = UI_HANDLED | UI_CLOSE;
out:
	free(ords);
	return rc;
}

static int rep_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct rep_dialog *rd = s->priv;

	switch (a) {
	case UA_BACK:
		if (form_changed(&rd->k.form, rd->k.snap)) {
			int ans = ui_ask_unsaved(s->app, "推举的代表");
			if (ans == UI_SAVE)
				return rep_submit(s);
			if (ans != UI_DISCARD)
				return UI_HANDLED;
		}
		keep_drop(s);
		return UI_HANDLED | UI_CLOSE;
	case UA_SAVE:
		return rep_submit(s);
	case UA_ENTER:
		form_handle(&rd->k.form, UA_NEXT, 0);
		return UI_HANDLED;
	default:
		if (form_handle(&rd->k.form, a, ch) >= 0)
			rd->k.dirty = 1;
		return UI_HANDLED;
	}
}

static void rep_destroy(struct screen *s)
{
	struct rep_dialog *rd = s->priv;

	keep_free(&rd->k);
	free(rd);
}

static const struct screen_ops rep_ops = {
	.name = "collective-rep", .actions = rep_actions, .overlay = 1, .text_input = rep_text_input,
	.layout = rep_layout, .draw = rep_draw, .handle = rep_handle, .tick = keep_tick, .save_draft = keep_save,
	.destroy = rep_destroy,
};

static struct keep *open_representatives(struct screen *s)
{
	struct coll *c = s->priv;
	struct app *app = s->app;

	if (!c->loaded)
		return NULL;
	if (!may(c, &app->actor, ACT_REPRESENT)) {
		ui_msg(app, US_WARN, "案件处于「%s」状态，您现在不能%s", status_name(c->cv.status),
		       action_name(ACT_REPRESENT));
		return NULL;
	}
	struct rep_dialog *rd = xcalloc(1, sizeof *rd);
	keep_init(&rd->k, s, ACT_REPRESENT);
	for (int i = 0; i < c->cv.napplicants; i++) {
		const struct cv_party *p = &c->cv.applicants[i];
		char id[24], label[96];
		snprintf(id, sizeof id, "rep[%d]", p->ord);
		snprintf(label, sizeof label, "%d %s", p->ord, p->name);
		struct form_item *it = form_add(&rd->k.form, FK_CHOICE, id, label);
		it->choices = yes_no;
		it->nchoices = 2;
		it->choice = p->representative ? 1 : 0;
	}
	/* the first current representative, or the worker the table was on */
	form_focus(&rd->k.form, c->row < c->cv.napplicants ? c->row : 0);
	rd->k.snap = form_snapshot(&rd->k.form);
	ui_push(app, screen_new(app, &rep_ops, NULL, rd));
	return &rd->k;
}

/* ---- the screen ---------------------------------------------------------------------------- */

static int coll_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct coll *c = s->priv;
	int last = c->loaded ? c->cv.napplicants : 0;

	(void)ch;
	switch (a) {
	case UA_BACK:
		return UI_HANDLED | UI_CLOSE;
	case UA_ENTER:
	case UA_EDIT:
		open_cell(s);
		return UI_HANDLED;
	case UA_ACT:
		open_representatives(s);
		return UI_HANDLED;
	case UA_REFRESH:
		if (coll_reload(s) == 0)
			ui_msg(s->app, US_OK, "已刷新");
		return UI_HANDLED;
	case UA_DOWN:
		if (c->row < last)
			c->row++;
		return UI_HANDLED;
	case UA_UP:
		if (c->row > 0)
			c->row--;
		return UI_HANDLED;
	case UA_RIGHT:
	case UA_NEXT:
		if (c->loaded && c->col < c->cv.nclaims - 1)
			c->col++;
		return UI_HANDLED;
	case UA_LEFT:
	case UA_PREV:
		if (c->col > 0)
			c->col--;
		return UI_HANDLED;
	case UA_PGDN:
		c->row += workers_shown(s);
		if (c->row > last)
			c->row = last;
		return UI_HANDLED;
	case UA_PGUP:
		c->row -= workers_shown(s);
		if (c->row < 0)
			c->row = 0;
		return UI_HANDLED;
	case UA_HOME:
		c->row = 0;
		return UI_HANDLED;
	case UA_END:
		c->row = last;
		return UI_HANDLED;
	default:
		return UI_HANDLED;
	}
}

static void coll_tick(struct screen *s)
{
	struct coll *c = s->priv;

	/* another user changed something: show it (a dialog on top keeps
	 * its input; its save is checked against the version anyway) */
	if (store_data_version(s->app->db) != c->seen_version)
		coll_reload(s);
}

static void coll_destroy(struct screen *s)
{
	struct coll *c = s->priv;

	if (c->loaded)
		case_view_free(&c->cv);
	free(c);
}

static const struct screen_ops coll_ops = {
	.name = "collective", .actions = coll_actions, .labels = coll_labels, .layout = coll_layout,
	.draw = coll_draw, .handle = coll_handle, .tick = coll_tick, .destroy = coll_destroy,
};

struct screen *collective_screen_new(struct app *app, int64_t case_id, int elect, void (*done)(void *ctx),
				     void *ctx)
{
	struct coll *c = xcalloc(1, sizeof *c);
	struct screen *s;

	c->case_id = case_id;
	c->done = done;
	c->ctx = ctx;
	snprintf(c->title, sizeof c->title, "各申请人金额");
	s = screen_new(app, &coll_ops, c->title, c);
	s->rows = LINES - 3 >= UI_MIN_ROWS - 3 ? LINES - 3 : UI_MIN_ROWS - 3;
	s->cols = COLS >= UI_MIN_COLS ? COLS : UI_MIN_COLS;
	if (coll_reload(s) < 0) {
		coll_destroy(s);
		free(s);
		return NULL;
	}
	ui_push(app, s);
	if (ui_top(app) != s) /* not pushed: too many windows open */
		return NULL;
	if (elect)
		open_representatives(s);
	return s;
}

void collective_resume(struct app *app, int64_t case_id, const char *body, int64_t draft_id, void (*done)(void *ctx),
		       void *ctx)
{
	char *kw = draft_get(body, "action"), *ver = draft_get(body, "version");
	char *claim = draft_get(body, "claim"), *applicant = draft_get(body, "applicant");
	int a = kw ? action_from_keyword(kw) : -1;
	struct screen *s = collective_screen_new(app, case_id, 0, done, ctx);
	struct keep *k = NULL;

	if (s && a == ACT_REPRESENT) {
		k = open_representatives(s);
	} else if (s && a == ACT_SHARES) {
		/* the cell the draft was typed for, where it still is */
		struct coll *c = s->priv;
		int row = -1, col = -1, ap = applicant ? atoi(applicant) : -1;
		for (int i = 0; i < c->cv.nclaims; i++)
			if (claim && c->cv.claims[i].ord == atoi(claim))
				col = i;
		if (ap == SHARE_UNDIVIDED)
			row = c->cv.napplicants;
		for (int i = 0; i < c->cv.napplicants; i++)
			if (c->cv.applicants[i].ord == ap)
				row = i;
		if (row < 0 || col < 0) {
			ui_msg(app, US_WARN, "草稿中的请求或申请人已不在本案；可在草稿中放弃它");
		} else {
			c->row = row;
			c->col = col;
			k = open_cell(s);
		}
	}
	if (k) {
		k->draft_id = draft_id;
		if (ver && atoll(ver) > 0)
			k->version = atoll(ver);
		form_draft_get(&k->form, body, DRAFT_FIELDS);
		ui_msg(app, US_OK, "已恢复草稿，请继续填写");
	}
	free(kw);
	free(ver);
	free(claim);
	free(applicant);
}
