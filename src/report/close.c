/*
 * close.c - closing a month's statistics (关账) and reopening it.
 *
 * A statistician submits a month's report; re-exporting the month must give
 * the figures submitted, however the cases change afterwards (a case closed
 * late, a correction of its parties).  `tiaojie report close --month
 * YYYY-MM` (administrators; a month that has ended) freezes in the database
 * (migration 012), in one transaction with its event:
 *   - every figure of 月报 (struct report_monthly, with its breakdowns) and
 *     of the 汇总 headline of the month (struct report_headline), as
 *     "name=value" lines;
 *   - what each case contributed to 月报: one row per case and row label
 *     (本期受理 1, 涉及劳动者人数 12, 涉案金额 in fen, 调解成功 1 ...).
 * An export of a closed month writes those frozen figures into 月报 and
 * 汇总's 本期, and adds a sheet 更正: the cases whose contribution is not
 * what it was, with the figure, the old and the new value - the same
 * contributions computed again from today's data.  The other sheets (the
 * lists, the comparisons) are today's.  Reopening deletes the frozen rows,
 * again with its event; a month can then be closed again.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/lifecycle.h"
#include "tiaojie/access.h"
#include "tiaojie/report.h"

#define CLOSE_SCHEMA 12 /* the migration with report_months */

/* ---- the figures as text ---------------------------------------------------------- */

#define MF(f) {#f, offsetof(struct report_monthly, f)}
static const struct field {
	const char *name;
	size_t off;
} mfields[] = {
	MF(open_before), MF(accepted), MF(closed), MF(open_after), MF(agreed), MF(failed), MF(referred),
	MF(withdrawn), MF(other), MF(on_time), MF(perf_done), MF(perf_pending), MF(perf_defaulted),
	MF(days_sum), MF(days_n), MF(rejected), MF(workers), MF(migrant), MF(foreign), MF(hkmotw),
	MF(big_collective), MF(big_collective_workers), MF(claimed_fen), MF(closed_fen),
};
#undef MF
#define HF(f) {#f, offsetof(struct report_headline, f)}
static const struct field hfields[] = {
	HF(received), HF(collective), HF(workers), HF(consultations), HF(closed), HF(agreed), HF(failed),
	HF(referred), HF(withdrawn), HF(rejected), HF(claimed_fen), HF(agreed_fen), HF(days_sum), HF(days_n),
	HF(overdue_open), HF(overdue_closed),
};
#undef HF

static const char *const bd_kinds[3] = {"type", "industry", "district"};

static void put_breakdowns(struct strbuf *sb, const char *kind, const struct report_breakdown *v, int n)
{
	for (int i = 0; i < n; i++) {
		sb_printf(sb, "bd.%s=%lld\t%lld\t%lld\t%lld\t%lld\t", kind, (long long)v[i].accepted,
			  (long long)v[i].workers, (long long)v[i].claimed_fen, (long long)v[i].closed,
			  (long long)v[i].agreed);
		for (const char *k = v[i].key; *k; k++)
			sb_addc(sb, *k == '\t' || *k == '\n' ? ' ' : *k);
		sb_addc(sb, '\n');
	}
}

static char *figures_text(const struct report_monthly *m, const struct report_headline *h)
{
	struct strbuf sb;

	sb_init(&sb);
	for (size_t i = 0; i < TJ_ARRAY_LEN(mfields); i++)
		sb_printf(&sb, "m.%s=%lld\n", mfields[i].name, (long long)*(const int64_t *)((const char *)m + mfields[i].off));
	for (size_t i = 0; i < TJ_ARRAY_LEN(hfields); i++)
		sb_printf(&sb, "h.%s=%lld\n", hfields[i].name, (long long)*(const int64_t *)((const char *)h + hfields[i].off));
	for (int i = 0; i < REPORT_CHANNELS; i++)
		sb_printf(&sb, "h.channel%d=%lld\n", i, (long long)h->channel[i]);
	put_breakdowns(&sb, bd_kinds[0], m->by_type, m->ntype);
	put_breakdowns(&sb, bd_kinds[1], m->by_industry, m->nindustry);
	put_breakdowns(&sb, bd_kinds[2], m->by_district, m->ndistrict);
	return sb_detach(&sb);
}

static int set_field(const struct field *f, size_t n, void *base, const char *name, int64_t v)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i].name, name) == 0) {
			*(int64_t *)((char *)base + f[i].off) = v;
			return 0;
		}
	return -1;
}

static void add_breakdown(struct report_breakdown **v, int *n, const char *rest)
{
	long long a, w, c, cl, ag;
	int used = 0;

	if (sscanf(rest, "%lld\t%lld\t%lld\t%lld\t%lld\t%n", &a, &w, &c, &cl, &ag, &used) != 5 || !used)
		return;
	*v = xrealloc(*v, (size_t)(*n + 1) * sizeof **v);
	struct report_breakdown *b = &(*v)[(*n)++];
	b->key = xstrdup(rest + used);
	b->accepted = a;
	b->workers = w;
	b->claimed_fen = c;
	b->closed = cl;
	b->agreed = ag;
}

static int figures_parse(const char *text, struct report_monthly *m, struct report_headline *h)
{
	char *copy = xstrdup(text), *save = NULL;

	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');
		if (!eq)
			continue;
		*eq = '\0';
		const char *name = line, *val = eq + 1;
		if (strncmp(name, "m.", 2) == 0)
			set_field(mfields, TJ_ARRAY_LEN(mfields), m, name + 2, strtoll(val, NULL, 10));
		else if (strncmp(name, "h.channel", 9) == 0 && name[9] >= '0' && name[9] < '0' + REPORT_CHANNELS)
			h->channel[name[9] - '0'] = strtoll(val, NULL, 10);
		else if (strncmp(name, "h.", 2) == 0)
			set_field(hfields, TJ_ARRAY_LEN(hfields), h, name + 2, strtoll(val, NULL, 10));
		else if (strcmp(name, "bd.type") == 0)
			add_breakdown(&m->by_type, &m->ntype, val);
		else if (strcmp(name, "bd.industry") == 0)
			add_breakdown(&m->by_industry, &m->nindustry, val);
		else if (strcmp(name, "bd.district") == 0)
			add_breakdown(&m->by_district, &m->ndistrict, val);
	}
	free(copy);
	return 0;
}

/* ---- what each case contributes to 月报 ------------------------------------------- */

struct contrib {
	int64_t id;
	char *case_no, *figure;
	int64_t value;
};

struct contribs {
	struct contrib *v;
	int n, cap;
};

static void contrib_add(struct contribs *c, int64_t id, const char *case_no, const char *figure, int64_t value)
{
	if (value == 0)
		return;
	c->v = xgrow(c->v, c->n, &c->cap, sizeof *c->v);
	c->v[c->n++] = (struct contrib){id, xstrdup(case_no), xstrdup(figure), value};
}

static void contribs_free(struct contribs *c)
{
	for (int i = 0; i < c->n; i++) {
		free(c->v[i].case_no);
		free(c->v[i].figure);
	}
	free(c->v);
	memset(c, 0, sizeof *c);
}

static void on_open_before(void *ud, int64_t id, const char *case_no)
{
	contrib_add(ud, id, case_no, "上期未结", 1);
}

static void on_open_after(void *ud, int64_t id, const char *case_no)
{
	contrib_add(ud, id, case_no, "期末未结", 1);
}

static void on_accepted_case(void *ud, const struct report_mcase *c)
{
	struct contribs *k = ud;
	int big = c->applicants >= REPORT_BIG_COLLECTIVE;
	char type[160];

	contrib_add(k, c->id, c->case_no, "本期受理", 1);
	contrib_add(k, c->id, c->case_no, "涉及劳动者人数", c->applicants);
	contrib_add(k, c->id, c->case_no, "其中：农民工", c->migrant);
	contrib_add(k, c->id, c->case_no, "其中：外籍", c->foreign);
	contrib_add(k, c->id, c->case_no, "其中：港澳台", c->hkmotw);
	contrib_add(k, c->id, c->case_no, "集体争议案件数", big);
	contrib_add(k, c->id, c->case_no, "集体争议涉及劳动者人数", big ? c->applicants : 0);
	contrib_add(k, c->id, c->case_no, "涉案金额", c->claimed_fen);
	snprintf(type, sizeof type, "按争议类型：%s", *c->type ? c->type : "（未填请求）");
	contrib_add(k, c->id, c->case_no, type, 1);
}

static void on_closed_case(void *ud, const struct report_mcase *c)
{
	struct contribs *k = ud;
	int agreed = strcmp(c->status, "agreed") == 0;
	int failed = strcmp(c->status, "failed") == 0 || strcmp(c->status, "referred") == 0;
	int withdrawn = strcmp(c->status, "withdrawn") == 0;

	contrib_add(k, c->id, c->case_no, "本期结案", 1);
	contrib_add(k, c->id, c->case_no,
		    agreed ? status_name(ST_AGREED) : failed ? status_name(ST_FAILED) : withdrawn ? status_name(ST_WITHDRAWN) : "其他", 1);
	contrib_add(k, c->id, c->case_no, "其中：转仲裁", strcmp(c->status, "referred") == 0);
	if (agreed) {
		contrib_add(k, c->id, c->case_no, "结案金额", c->agreed_fen);
		const char *pf = c->performance ? c->performance : "";
		contrib_add(k, c->id, c->case_no,
			    strcmp(pf, "performed") == 0	 ? "履行情况：履行完毕"
			    : strcmp(pf, "defaulted") == 0 ? "履行情况：未履行"
							   : "履行情况：待履行",
			    1);
	}
}

static int contribs_load(struct db *db, const struct report_period *p, tj_day today, struct contribs *k)
{
	char from[11], to[11];

	date_format(p->from, from);
	date_format(report_period_end_seen(p, today), to);
	return db_report_open_cases(db, from, to, 0, on_open_before, k) < 0 ||
			       db_report_open_cases(db, from, to, 1, on_open_after, k) < 0 ||
			       db_report_mcases(db, from, to, 0, on_accepted_case, k) < 0 ||
			       db_report_mcases(db, from, to, 1, on_closed_case, k) < 0
		       ? -1
		       : 0;
}

static void on_frozen(void *ud, int64_t id, const char *case_no, const char *figure, int64_t value)
{
	contrib_add(ud, id, case_no, figure, value);
}

static int by_case_figure(const void *x, const void *y)
{
	const struct contrib *a = x, *b = y;
	int c = strcmp(a->case_no, b->case_no);
	return c ? c : strcmp(a->figure, b->figure);
}

static int is_money(const char *figure)
{
	return strcmp(figure, "涉案金额") == 0 || strcmp(figure, "结案金额") == 0;
}

static void fix_add(struct report_frozen *f, const char *case_no, const char *figure, int64_t old, int64_t now)
{
	f->fix = xrealloc(f->fix, (size_t)(f->nfix + 1) * sizeof *f->fix);
	f->fix[f->nfix++] = (struct report_correction){xstrdup(case_no), xstrdup(figure), old, now, is_money(figure)};
}

/* The differences of two sorted lists, into f->fix. */
static void diff(const struct contribs *old, const struct contribs *now, struct report_frozen *f)
{
	int i = 0, j = 0;

	while (i < old->n || j < now->n) {
		int c = i >= old->n ? 1 : j >= now->n ? -1 : by_case_figure(&old->v[i], &now->v[j]);
		if (c < 0) {
			fix_add(f, old->v[i].case_no, old->v[i].figure, old->v[i].value, 0);
			i++;
		} else if (c > 0) {
			fix_add(f, now->v[j].case_no, now->v[j].figure, 0, now->v[j].value);
			j++;
		} else {
			if (old->v[i].value != now->v[j].value)
				fix_add(f, old->v[i].case_no, old->v[i].figure, old->v[i].value, now->v[j].value);
			i++;
			j++;
		}
	}
}

/* ---- close, reopen, read ------------------------------------------------------------ */

static int month_key(const struct report_period *p, char out[8])
{
	if (p->kind != RP_MONTH) {
		tj_error("只能按月关账（--month YYYY-MM）");
		return -1;
	}
	snprintf(out, 8, "%04d-%02d", p->year, p->num);
	return 0;
}

static int schema_ok(struct db *db)
{
	if (db_schema_version(db) >= CLOSE_SCHEMA)
		return 0;
	tj_error("数据库版本过旧（第%d版），没有关账所需的表；请先升级数据库", db_schema_version(db));
	return -1;
}

int report_month_close(struct db *db, const struct actor *who, const struct report_period *p, tj_day today)
{
	struct report_monthly m;
	struct report_stats s;
	struct contribs k = {0};
	char key[8], now[20], *fig = NULL, *label;
	int rc = -1, have_m = 0, have_s = 0;

	if (access_may_close_report(who) < 0 || month_key(p, key) < 0 || schema_ok(db) < 0)
		return -1;
	label = report_period_label(p);
	if (p->to >= today) {
		tj_error("%s尚未结束，不能关账", label);
		free(label);
		return -1;
	}
	if (db_begin(db) < 0) {
		free(label);
		return -1;
	}
	char *old = NULL;
	int closed = db_report_month_get(db, key, &old, NULL);
	free(old);
	if (closed != 0) {
		if (closed > 0)
			tj_error("%s已经关账；要重新关账请先 tiaojie report reopen --month %s", label, key);
		goto done;
	}
	if (report_monthly_load(db, p, today, &m) < 0)
		goto done;
	have_m = 1;
	if (report_stats_load(db, p, today, &s) < 0)
		goto done;
	have_s = 1;
	if (contribs_load(db, p, today, &k) < 0)
		goto done;
	fig = figures_text(&m, &s.cur);
	tj_now_str(now);
	if (db_report_month_insert(db, key, now, who->user_id, fig) < 0)
		goto done;
	for (int i = 0; i < k.n; i++)
		if (db_report_month_case_add(db, key, k.v[i].id, k.v[i].figure, k.v[i].value) < 0)
			goto done;
	char *after = xasprintf("关账 %s：上期未结 %lld，本期受理 %lld，本期结案 %lld，期末未结 %lld", label,
				(long long)m.open_before, (long long)m.accepted, (long long)m.closed,
				(long long)m.open_after);
	struct event_rec e = {.user_id = who->user_id, .entity = "system", .action = "report-close", .after = after};
	int er = db_event_add(db, &e);
	free(after);
	if (er < 0)
		goto done;
	rc = db_commit(db);
done:
	if (rc < 0) {
		char msg[600];
		snprintf(msg, sizeof msg, "%s", tj_errmsg());
		db_rollback(db);
		tj_error("%s", msg);
	}
	if (have_m)
		report_monthly_free(&m);
	if (have_s)
		report_stats_free(&s);
	contribs_free(&k);
	free(fig);
	free(label);
	return rc;
}

int report_month_reopen(struct db *db, const struct actor *who, const struct report_period *p)
{
	char key[8], *fig = NULL, *closed_at = NULL, *label;
	int rc = -1;

	if (access_may_close_report(who) < 0 || month_key(p, key) < 0 || schema_ok(db) < 0)
		return -1;
	label = report_period_label(p);
	if (db_begin(db) < 0) {
		free(label);
		return -1;
	}
	int closed = db_report_month_get(db, key, &fig, &closed_at);
	if (closed <= 0) {
		if (closed == 0)
			tj_error("%s没有关账，无需重开", label);
		goto done;
	}
	if (db_report_month_delete(db, key) < 0)
		goto done;
	char *before = xasprintf("%s 于 %s 关账", label, closed_at);
	char *after = xasprintf("重开 %s：关账数字作废，导出按当前数据", label);
	struct event_rec e = {
		.user_id = who->user_id, .entity = "system", .action = "report-reopen", .before = before, .after = after};
	int er = db_event_add(db, &e);
	free(before);
	free(after);
	if (er < 0)
		goto done;
	rc = db_commit(db);
done:
	if (rc < 0) {
		char msg[600];
		snprintf(msg, sizeof msg, "%s", tj_errmsg());
		db_rollback(db);
		tj_error("%s", msg);
	}
	free(fig);
	free(closed_at);
	free(label);
	return rc;
}

int report_frozen_load(struct db *db, const struct report_period *p, tj_day today, struct report_frozen *out)
{
	struct contribs old = {0}, now = {0};
	char key[8], *fig = NULL, *closed_at = NULL;
	int r;

	memset(out, 0, sizeof *out);
	if (p->kind != RP_MONTH || db_schema_version(db) < CLOSE_SCHEMA)
		return 0;
	snprintf(key, sizeof key, "%04d-%02d", p->year, p->num);
	if ((r = db_report_month_get(db, key, &fig, &closed_at)) <= 0)
		return r;
	out->closed = 1;
	snprintf(out->closed_at, sizeof out->closed_at, "%s", closed_at);
	figures_parse(fig, &out->m, &out->h);
	out->m.from = p->from;
	out->m.end = p->to;
	free(fig);
	free(closed_at);
	if (db_report_month_cases(db, key, on_frozen, &old) < 0 || contribs_load(db, p, today, &now) < 0) {
		contribs_free(&old);
		contribs_free(&now);
		report_frozen_free(out);
		return -1;
	}
	if (old.n)
		qsort(old.v, (size_t)old.n, sizeof *old.v, by_case_figure);
	if (now.n)
		qsort(now.v, (size_t)now.n, sizeof *now.v, by_case_figure);
	diff(&old, &now, out);
	contribs_free(&old);
	contribs_free(&now);
	return 1;
}

int report_month_closed(struct db *db, const struct report_period *p)
{
	char key[8], *fig = NULL;
	int r;

	if (p->kind != RP_MONTH || db_schema_version(db) < CLOSE_SCHEMA)
		return 0;
	snprintf(key, sizeof key, "%04d-%02d", p->year, p->num);
	r = db_report_month_get(db, key, &fig, NULL);
	free(fig);
	return r;
}

void report_frozen_free(struct report_frozen *f)
{
	report_monthly_free(&f->m);
	for (int i = 0; i < f->nfix; i++) {
		free(f->fix[i].case_no);
		free(f->fix[i].figure);
	}
	free(f->fix);
	memset(f, 0, sizeof *f);
}
