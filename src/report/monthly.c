/*
 * monthly.c - the figures of 月报, the report in the layout of the
 * mediation statistics reported upward (report.h: struct report_monthly).
 * This comment is the reference for its definitions; tiaojie(1) repeats it.
 *
 * 受理 is what upward reports count: a case is accepted on the day of its
 * acceptance (cases.accepted_at), not received; the cases received and
 * refused (不予受理) were never accepted and stay outside the balance.
 * The period runs from its first day to its last day seen (today for a
 * period under way).
 *
 *   上期未结    accepted before the first day and open at its start (open
 *               now, or closed on or after the first day).
 *   本期受理    accepted on a day of the period.
 *   本期结案    accepted cases closed on a day of the period: 调解成功
 *               (agreed), 调解不成 (failed or referred; 其中转仲裁 the
 *               referred), 撤回 (withdrawn), 其他 (any other closing).
 *   期末未结    accepted by the last day and open at its end.
 *   The balance 上期未结 + 本期受理 = 本期结案 + 期末未结 is checked each
 *   time: the four are counted separately (src/db/report.c,
 *   db_report_balance), and a mismatch is an error naming them.
 *   涉及劳动者人数  the applicants of the cases accepted; of them 农民工
 *               (户籍类型 农村), 外籍 (外国人永久居留身份证, or a passport
 *               of a nationality other than 中国) and 港澳台 (港澳、台湾
 *               居民的证件), each as the case recorded the party
 *               (case_parties, not today's archive).
 *   集体争议    cases accepted with REPORT_BIG_COLLECTIVE (10) applicants or
 *               more, and their applicants.
 *   涉案金额    the claims of the cases accepted; 结案金额 the agreed
 *               amounts of the cases closed agreed; both shown in 万元.
 *   履行情况    of the cases closed agreed: 履行完毕, 待履行, 未履行.
 *   按争议类型  a case counts once, under the national statistical group
 *               (causes.stat_group) of its first claim; 按行业, 按区县 once,
 *               under its first respondent employer's; "" when none.
 *   Rates, each shown with its formula: 结案率 = 本期结案 ÷ (上期未结 +
 *   本期受理); 调解成功率 口径一 = 调解成功 ÷ (调解成功 + 调解不成) (撤回
 *   and 其他 never decided either way), 口径二 = 调解成功 ÷ 本期结案;
 *   按期结案率 = closed on or before their deadline (or without one) ÷
 *   本期结案; 履行率 = 履行完毕 ÷ 调解成功; 平均办案天数 = calendar days
 *   from acceptance to closing, averaged over 本期结案.
 */
#include <stdlib.h>
#include <string.h>

#include "tiaojie/report.h"

double report_ratio(int64_t num, int64_t den)
{
	return den > 0 ? (double)num / (double)den : -1;
}

int report_monthly_balanced(const struct report_monthly *m)
{
	return m->open_before + m->accepted == m->closed + m->open_after;
}

static struct report_breakdown *breakdown_row(struct report_breakdown **v, int *n, const char *key)
{
	for (int i = 0; i < *n; i++)
		if (strcmp((*v)[i].key, key) == 0)
			return &(*v)[i];
	*v = xrealloc(*v, (size_t)(*n + 1) * sizeof **v);
	struct report_breakdown *b = &(*v)[(*n)++];
	memset(b, 0, sizeof *b);
	b->key = xstrdup(key);
	return b;
}

/* The day of a "YYYY-MM-DD..." (0 when it is none). */
static tj_day day_of(const char *s)
{
	char d[11];
	tj_day t;

	if (!s || strlen(s) < 10)
		return 0;
	memcpy(d, s, 10);
	d[10] = '\0';
	if (date_parse(d, &t) < 0) {
		tj_error_clear();
		return 0;
	}
	return t;
}

static void on_accepted(void *ud, const struct report_mcase *c)
{
	struct report_monthly *m = ud;
	const char *keys[3] = {c->type, c->industry, c->district};
	struct report_breakdown **v[3] = {&m->by_type, &m->by_industry, &m->by_district};
	int *n[3] = {&m->ntype, &m->nindustry, &m->ndistrict};

	m->workers += c->applicants;
	m->migrant += c->migrant;
	m->foreign += c->foreign;
	m->hkmotw += c->hkmotw;
	if (c->applicants >= REPORT_BIG_COLLECTIVE) {
		m->big_collective++;
		m->big_collective_workers += c->applicants;
	}
	m->claimed_fen += c->claimed_fen;
	for (int k = 0; k < 3; k++) {
		struct report_breakdown *b = breakdown_row(v[k], n[k], keys[k]);
		b->accepted++;
		b->workers += c->applicants;
		b->claimed_fen += c->claimed_fen;
	}
}

static void on_closed(void *ud, const struct report_mcase *c)
{
	struct report_monthly *m = ud;
	const char *keys[3] = {c->type, c->industry, c->district};
	struct report_breakdown **v[3] = {&m->by_type, &m->by_industry, &m->by_district};
	int *n[3] = {&m->ntype, &m->nindustry, &m->ndistrict};
	int agreed = strcmp(c->status, "agreed") == 0;
	tj_day a = day_of(c->accepted_at), z = day_of(c->closed_at), dl = day_of(c->deadline);

	if (agreed) {
		m->agreed++;
		m->closed_fen += c->agreed_fen;
		if (c->performance && strcmp(c->performance, "performed") == 0)
			m->perf_done++;
		else if (c->performance && strcmp(c->performance, "defaulted") == 0)
			m->perf_defaulted++;
		else
			m->perf_pending++;
	} else if (strcmp(c->status, "failed") == 0 || strcmp(c->status, "referred") == 0) {
		m->failed++;
		m->referred += strcmp(c->status, "referred") == 0;
	} else if (strcmp(c->status, "withdrawn") == 0) {
		m->withdrawn++;
	} else {
		m->other++;
	}
	if (!c->deadline || (z && dl && z <= dl))
		m->on_time++;
	if (a && z) {
		m->days_sum += z - a;
		m->days_n++;
	}
	for (int k = 0; k < 3; k++) {
		struct report_breakdown *b = breakdown_row(v[k], n[k], keys[k]);
		b->closed++;
		b->agreed += agreed;
	}
}

/* Most accepted first, then by name; "" (none recorded) last. */
static int by_accepted(const void *x, const void *y)
{
	const struct report_breakdown *a = x, *b = y;

	if (!*a->key != !*b->key)
		return *a->key ? -1 : 1;
	if (a->accepted != b->accepted)
		return a->accepted > b->accepted ? -1 : 1;
	if (a->closed != b->closed)
		return a->closed > b->closed ? -1 : 1;
	return strcmp(a->key, b->key);
}

int report_monthly_load(struct db *db, const struct report_period *p, tj_day today, struct report_monthly *out)
{
	char from[11], to[11];
	int64_t closed_check;
	int began, rc = -1;

	memset(out, 0, sizeof *out);
	if (report_period_check(p, today) < 0)
		return -1;
	out->from = p->from;
	out->end = report_period_end_seen(p, today);
	date_format(out->from, from);
	date_format(out->end, to);
	if ((began = db_report_snapshot_begin(db)) < 0)
		return -1;
	if (db_report_balance(db, from, to, &out->open_before, &out->accepted, &out->closed, &out->open_after,
			      &out->rejected) < 0 ||
	    db_report_mcases(db, from, to, 0, on_accepted, out) < 0 || db_report_mcases(db, from, to, 1, on_closed, out) < 0)
		goto done;
	closed_check = out->agreed + out->failed + out->withdrawn + out->other;
	if (!report_monthly_balanced(out) || closed_check != out->closed) {
		tj_error("月报收结不平衡，未生成：上期未结 %lld ＋ 本期受理 %lld ≠ 本期结案 %lld ＋ 期末未结 %lld"
			 "（按结果合计结案 %lld）；请检查案件的状态与受理、结案时间",
			 (long long)out->open_before, (long long)out->accepted, (long long)out->closed,
			 (long long)out->open_after, (long long)closed_check);
		goto done;
	}
	if (out->ntype)
		qsort(out->by_type, (size_t)out->ntype, sizeof *out->by_type, by_accepted);
	if (out->nindustry)
		qsort(out->by_industry, (size_t)out->nindustry, sizeof *out->by_industry, by_accepted);
	if (out->ndistrict)
		qsort(out->by_district, (size_t)out->ndistrict, sizeof *out->by_district, by_accepted);
	rc = 0;
done:
	db_report_snapshot_end(db, began);
	if (rc < 0)
		report_monthly_free(out);
	return rc;
}

static void free_rows(struct report_breakdown *v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i].key);
	free(v);
}

void report_monthly_free(struct report_monthly *m)
{
	free_rows(m->by_type, m->ntype);
	free_rows(m->by_industry, m->nindustry);
	free_rows(m->by_district, m->ndistrict);
	memset(m, 0, sizeof *m);
}
