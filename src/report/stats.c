/*
 * stats.c - the periods of the statistics and the definition of every
 * figure (SPEC section 6).  This comment is the reference; tiaojie(1)
 * repeats it for the administrators, and the tests compute each figure
 * again in SQL from these words.
 *
 * Periods.  A month, a quarter, a year, or two dates, both days included.
 * 环比 (previous period) is the month, quarter or year before - for
 * January the December of the year before, for a year the year before
 * (so for a year 环比 and 同比 coincide), for a range the range of as many
 * days just before it.  同比 (same period last year) is the same month,
 * quarter or year one year earlier; a range moves both ends back one year
 * (29 February becomes the 28th).  A period whose first day is after today
 * is refused; a period that contains today counts up to today, and is
 * compared like with like: 环比 and 同比 then cover the same number of days
 * from the start of their periods (December up to the 4th against 1-4
 * November and 1-4 December of last year), and the period is labelled
 * "（截至4日）".
 *
 * Which cases belong to a period.  "Received" figures take the cases whose
 * date received (cases.received) lies in the period; "closed" figures take
 * the cases whose closing time (cases.closed_at, set when a case is
 * rejected, agreed, failed or withdrawn, and kept when a failed case is
 * referred) falls on a day of the period.  So a case received in October
 * and closed in November counts as received in October and closed in
 * November.
 *
 *   收案数            cases received; by channel (窗口 网上 电话 信函 其他);
 *                     of which collective disputes (cases.collective = 1).
 *   涉及劳动者人数    the applicant parties (case_parties.role =
 *                     'applicant') of the cases received: a collective
 *                     dispute counts every applicant.
 *   咨询登记          consultations recorded (consultations.at) in the period.
 *   结案数            cases closed, by outcome:
 *                       调解成功  status agreed (whatever its performance);
 *                       调解不成  status failed or referred (a referred case
 *                                 is a failed mediation sent on to
 *                                 arbitration; 其中转仲裁 counts them apart);
 *                       撤回      status withdrawn;
 *                       不予受理  status rejected.
 *   调解成功率        调解成功 / (调解成功 + 调解不成) of the cases closed:
 *                     the share of mediations that ran to an end and ended
 *                     in agreement; withdrawn and rejected cases were never
 *                     decided either way and are left out (口径一).  None
 *                     (an empty cell) when both are zero.  口径二,
 *                     调解成功 / 结案数, stands beside it.
 *   请求金额          the sum of claims.amount_fen of the cases received.
 *   协议金额          the sum of claims.agreed_fen of the cases closed with
 *                     status agreed.
 *   平均办理天数      of the cases closed that had been accepted
 *                     (accepted_at set): the calendar days from the day of
 *                     acceptance to the day of closing, averaged; none
 *                     when there is no such case.
 *   期末超期未结      cases still open at the end of the period (received
 *                     by then, and not closed until after it) whose
 *                     deadline (cases.deadline) is before that last day -
 *                     the dashboard's 已超期 as it stood then.  For a
 *                     period that contains today the end is today.  (A
 *                     case keeps only its latest deadline, so for past
 *                     periods an extension granted later counts as if it
 *                     had been granted already.)
 *   超期结案          cases closed in the period on a day after their
 *                     deadline.
 *   同比/环比         each figure for the same period last year and for
 *                     the previous period, the change (本期 - 上期) and the
 *                     change as a percentage of the earlier figure; the
 *                     percentage is none when the earlier figure is zero
 *                     or none.  For 调解成功率 the change is in percentage
 *                     points and there is no percentage.
 *
 * By cause (按案由): each of the 17 first-level and 65 second-level causes
 * and each national statistical group (causes.stat_group), with zeros: the
 * cases received that have a claim of the cause, those claims and their
 * amounts; the cases closed that have a claim of the cause, of which
 * agreed, and the agreed amounts of those claims.  A case with claims of
 * several causes counts once under each; the total counts it once.
 *
 * By mediator (按调解员): the cases received in the period whose mediator
 * (cases.mediator_id) is the mediator, the cases closed with their
 * outcomes, success rate and average days as above, and the open load now
 * (assigned + mediating).  A row "未分派调解员" holds the cases without a
 * mediator, so the rows add up to the headline figures.
 *
 * 高发单位: the respondents with at least REPORT_MIN_EMPLOYER_CASES cases
 * received in the period, most first (at most REPORT_TOP_EMPLOYERS).
 * 集体争议: the collective disputes received in the period.
 * 案件明细: one row per case received in the period.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/report.h"
#include "tiaojie/vocab.h"

/* ---- periods ------------------------------------------------------------------- */

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int parse_year(const char *s, int *y)
{
	if (!all_digits(s, 4))
		return -1;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	return *y >= 1900 ? 0 : -1;
}

static void set_month(struct report_period *p, int y, int m)
{
	p->kind = RP_MONTH;
	p->year = y;
	p->num = m;
	p->from = date_from_ymd(y, m, 1);
	p->to = date_from_ymd(y, m, date_days_in_month(y, m));
}

static void set_quarter(struct report_period *p, int y, int q)
{
	p->kind = RP_QUARTER;
	p->year = y;
	p->num = q;
	p->from = date_from_ymd(y, 3 * q - 2, 1);
	p->to = date_from_ymd(y, 3 * q, date_days_in_month(y, 3 * q));
}

static void set_year(struct report_period *p, int y)
{
	p->kind = RP_YEAR;
	p->year = y;
	p->num = 0;
	p->from = date_from_ymd(y, 1, 1);
	p->to = date_from_ymd(y, 12, 31);
}

static void set_range(struct report_period *p, tj_day from, tj_day to)
{
	int y, m, d;

	date_to_ymd(from, &y, &m, &d);
	p->kind = RP_RANGE;
	p->year = y;
	p->num = 0;
	p->from = from;
	p->to = to;
}

int report_period_month(const char *s, struct report_period *out)
{
	int y, m;

	if (!s || strlen(s) != 7 || s[4] != '-' || parse_year(s, &y) < 0 || !all_digits(s + 5, 2) ||
	    (m = (s[5] - '0') * 10 + (s[6] - '0')) < 1 || m > 12) {
		tj_error("月份 %s 无效，应为 YYYY-MM，如 2026-10", s ? s : "");
		return -1;
	}
	set_month(out, y, m);
	return 0;
}

int report_period_quarter(const char *s, struct report_period *out)
{
	int y;
	size_t n = s ? strlen(s) : 0;
	const char *q = n == 7 && s[4] == '-' ? s + 5 : n == 6 ? s + 4 : NULL;

	if (!q || parse_year(s, &y) < 0 || (q[0] != 'Q' && q[0] != 'q') || q[1] < '1' || q[1] > '4') {
		tj_error("季度 %s 无效，应为 YYYY-Qn（n 为 1 到 4），如 2026-Q4", s ? s : "");
		return -1;
	}
	set_quarter(out, y, q[1] - '0');
	return 0;
}

int report_period_year(const char *s, struct report_period *out)
{
	int y;

	if (!s || strlen(s) != 4 || parse_year(s, &y) < 0) {
		tj_error("年份 %s 无效，应为 YYYY，如 2026", s ? s : "");
		return -1;
	}
	set_year(out, y);
	return 0;
}

int report_period_range(const char *from, const char *to, struct report_period *out)
{
	tj_day a, b;
	int y, m, d;

	if (!from || date_parse(from, &a) < 0) {
		tj_error("起始日期 %s 无效，应为 YYYY-MM-DD，如 2026-10-01", from ? from : "");
		return -1;
	}
	if (!to || date_parse(to, &b) < 0) {
		tj_error("结束日期 %s 无效，应为 YYYY-MM-DD，如 2026-10-31", to ? to : "");
		return -1;
	}
	date_to_ymd(a, &y, &m, &d);
	if (y < 1900) {
		tj_error("起始日期 %s 无效：年份不能早于 1900", from);
		return -1;
	}
	if (b < a) {
		tj_error("结束日期 %s 早于起始日期 %s", to, from);
		return -1;
	}
	if (b - a >= 3660) {
		tj_error("统计期间 %s 至 %s 太长：最多十年", from, to);
		return -1;
	}
	set_range(out, a, b);
	return 0;
}

int report_period_parse(enum report_period_kind kind, const char *a, const char *b, struct report_period *out)
{
	switch (kind) {
	case RP_MONTH:
		return report_period_month(a, out);
	case RP_QUARTER:
		return report_period_quarter(a, out);
	case RP_YEAR:
		return report_period_year(a, out);
	case RP_RANGE:
		return report_period_range(a, b, out);
	}
	tj_error("内部错误：未知的统计期间类型");
	return -1;
}

void report_period_last_month(tj_day today, struct report_period *out)
{
	int y, m, d;

	date_to_ymd(today, &y, &m, &d);
	if (--m < 1) {
		m = 12;
		y--;
	}
	set_month(out, y, m);
}

void report_period_prev(const struct report_period *p, struct report_period *out)
{
	switch (p->kind) {
	case RP_MONTH:
		if (p->num == 1)
			set_month(out, p->year - 1, 12);
		else
			set_month(out, p->year, p->num - 1);
		return;
	case RP_QUARTER:
		if (p->num == 1)
			set_quarter(out, p->year - 1, 4);
		else
			set_quarter(out, p->year, p->num - 1);
		return;
	case RP_YEAR:
		set_year(out, p->year - 1);
		return;
	case RP_RANGE:
		set_range(out, p->from - (p->to - p->from + 1), p->from - 1);
		return;
	}
}

void report_period_last_year(const struct report_period *p, struct report_period *out)
{
	switch (p->kind) {
	case RP_MONTH:
		set_month(out, p->year - 1, p->num);
		return;
	case RP_QUARTER:
		set_quarter(out, p->year - 1, p->num);
		return;
	case RP_YEAR:
		set_year(out, p->year - 1);
		return;
	case RP_RANGE:
		set_range(out, date_add_months(p->from, -12), date_add_months(p->to, -12));
		return;
	}
}

char *report_period_label(const struct report_period *p)
{
	static const char *const qn[] = {"", "一", "二", "三", "四"};
	char a[11], b[11];

	switch (p->kind) {
	case RP_MONTH:
		return xasprintf("%d年%d月", p->year, p->num);
	case RP_QUARTER:
		return xasprintf("%d年第%s季度", p->year, qn[p->num >= 1 && p->num <= 4 ? p->num : 0]);
	case RP_YEAR:
		return xasprintf("%d年", p->year);
	case RP_RANGE:
		break;
	}
	date_format(p->from, a);
	date_format(p->to, b);
	return xasprintf("%s至%s", a, b);
}

char *report_period_tag(const struct report_period *p)
{
	char a[11], b[11];

	switch (p->kind) {
	case RP_MONTH:
		return xasprintf("%04d-%02d", p->year, p->num);
	case RP_QUARTER:
		return xasprintf("%04d-Q%d", p->year, p->num);
	case RP_YEAR:
		return xasprintf("%04d", p->year);
	case RP_RANGE:
		break;
	}
	date_format(p->from, a);
	date_format(p->to, b);
	return xasprintf("%s_%s", a, b);
}

char *report_default_filename(const struct report_period *p)
{
	char *tag = report_period_tag(p);
	char *name = xasprintf("调解统计-%s.xlsx", tag);

	free(tag);
	return name;
}

int report_period_check(const struct report_period *p, tj_day today)
{
	if (p->from > today) {
		char *label = report_period_label(p);
		char t[11];
		date_format(today, t);
		tj_error("统计期间 %s 尚未开始（今天是 %s），没有可统计的数据", label, t);
		free(label);
		return -1;
	}
	return 0;
}

tj_day report_period_end_seen(const struct report_period *p, tj_day today)
{
	return p->to < today ? p->to : today;
}

int report_period_running(const struct report_period *p, tj_day today)
{
	return p->from <= today && today < p->to;
}

char *report_period_label_seen(const struct report_period *p, tj_day today)
{
	char *label = report_period_label(p), *out;
	int y, m, d;

	if (!report_period_running(p, today))
		return label;
	date_to_ymd(today, &y, &m, &d);
	if (p->kind == RP_MONTH)
		out = xasprintf("%s（截至%d日）", label, d);
	else
		out = xasprintf("%s（截至%d月%d日）", label, m, d);
	free(label);
	return out;
}

/* The first days of an earlier period, as many as the running period has
 * seen: a range, labelled by its dates. */
static void cut_to_days(struct report_period *e, tj_day days_seen)
{
	if (e->from + days_seen - 1 < e->to) {
		e->to = e->from + days_seen - 1;
		e->kind = RP_RANGE;
		e->num = 0;
	}
}

/* ---- small definitions ------------------------------------------------------------ */

const char *report_channel_keyword(int i)
{
	const char *kw = i < REPORT_CHANNELS ? vocab_code_at(VOCAB_CHANNEL, i) : NULL;
	return kw ? kw : "";
}

const char *report_channel_name(int i)
{
	const char *nm = i < REPORT_CHANNELS ? vocab_label_at(VOCAB_CHANNEL, i) : NULL;
	return nm ? nm : "";
}

double report_success_rate(int64_t agreed, int64_t failed)
{
	return agreed + failed > 0 ? (double)agreed / (double)(agreed + failed) : -1;
}

double report_avg_days(int64_t days_sum, int64_t days_n)
{
	return days_n > 0 ? (double)days_sum / (double)days_n : -1;
}

/* ---- loading ------------------------------------------------------------------------- */

/* The column of 按渠道 of a stored channel keyword. */
static int channel_index(const char *kw)
{
	int i = vocab_index(VOCAB_CHANNEL, kw);

	/* unknown counts as other (the schema allows none) */
	return i >= 0 && i < REPORT_CHANNELS ? i : vocab_index(VOCAB_CHANNEL, "other");
}

/* What a mediator's side is called in 按调解员: "工会", "专家（高校教师）". */
static const char *mediator_side_name(const char *side, const char *kind)
{
	if (!side)
		return "";
	if (strcmp(side, "expert") == 0) {
		/* an expert of no known kind counts as other */
		int k = vocab_index(VOCAB_EXPERT, kind);
		return vocab_long_label_at(VOCAB_EXPERT, k >= 0 ? k : vocab_index(VOCAB_EXPERT, "other"));
	}
	const char *name = vocab_label(VOCAB_SIDE, side);
	return name ? name : side;
}

static int headline(struct db *db, const struct report_period *p, tj_day today, struct report_headline *h,
		    struct report_mediator *meds, int nmeds)
{
	char from[11], to[11], end[11];
	struct report_keycount *ch;
	int nch;

	memset(h, 0, sizeof *h);
	date_format(p->from, from);
	date_format(p->to, to);
	date_format(report_period_end_seen(p, today), end);
	if (db_report_received(db, from, to, h, meds, nmeds, &ch, &nch) < 0)
		return -1;
	for (int i = 0; i < nch; i++)
		h->channel[channel_index(ch[i].key)] += ch[i].n;
	db_report_keycounts_free(ch, nch);
	if (db_report_closed(db, from, to, h, meds, nmeds) < 0 ||
	    db_report_consultations(db, from, to, &h->consultations) < 0)
		return -1;
	/* a period not yet begun has nothing open at its "end" */
	if (p->from > today)
		return 0;
	return db_report_overdue_open(db, end, &h->overdue_open);
}

/* The cause table being filled: row of each code, and per row the case
 * last counted (the claims of a case come together). */
struct report_cause_acc {
	struct report_stats *s;
	int *group_row;        /* per cause row: the row of its group */
	int64_t *stamp;        /* per row: the case last counted */
	int64_t total_stamp;
	int closed;
};

/* The row of a cause code in s->causes, -1 when there is none. */
static int find_cause(const struct report_stats *s, const char *code)
{
	size_t n = code ? strlen(code) : 0;

	if (n == 4 && all_digits(code, 4) && s->cause_row)
		return s->cause_row[atoi(code)] - 1;
	for (int i = 0; i < s->ncauses - s->ngroups; i++)
		if (code && strcmp(s->causes[i].code, code) == 0)
			return i;
	return -1;
}

const char *report_cause_name(const struct report_stats *s, const char *code)
{
	int r = find_cause(s, code);
	return r >= 0 ? s->causes[r].name : "";
}

static int cause_row(struct report_cause_acc *a, const char *code)
{
	return find_cause(a->s, code);
}

static void add_claim(struct report_cause_acc *a, int row, int64_t case_id, int64_t amount, int64_t agreed, int is_agreed)
{
	struct report_cause *c = row >= 0 ? &a->s->causes[row] : &a->s->cause_total;
	int64_t *stamp = row >= 0 ? &a->stamp[row] : &a->total_stamp;
	int first = *stamp != case_id;

	*stamp = case_id;
	if (!a->closed) {
		c->claims++;
		c->claimed_fen += amount;
		c->cases += first;
		return;
	}
	c->closed += first;
	if (is_agreed) {
		c->agreed += first;
		if (agreed > 0)
			c->agreed_fen += agreed;
	}
}

static void on_claim(void *ud, int64_t case_id, const char *cause, int64_t amount, int64_t agreed, int is_agreed)
{
	struct report_cause_acc *a = ud;
	int r2 = cause_row(a, cause);
	char parent[3];

	add_claim(a, -1, case_id, amount, agreed, is_agreed);
	if (r2 < 0)
		return; /* not in the table (the foreign key makes this impossible) */
	add_claim(a, r2, case_id, amount, agreed, is_agreed);
	snprintf(parent, sizeof parent, "%.2s", cause);
	for (int r1 = r2 - 1; r1 >= 0; r1--)
		if (a->s->causes[r1].level == 1) {
			if (strcmp(a->s->causes[r1].code, parent) == 0)
				add_claim(a, r1, case_id, amount, agreed, is_agreed);
			break;
		}
	if (a->group_row[r2] >= 0)
		add_claim(a, a->group_row[r2], case_id, amount, agreed, is_agreed);
}

/* The cause table: both passes over the claims, or (streaming) only the
 * closed one, leaving s->acc ready for report_stats_add_case. */
static int load_causes(struct db *db, const struct report_period *p, int streaming, struct report_stats *s)
{
	struct report_cause_acc *a;
	char from[11], to[11];
	int n, rc = 0;

	if (db_report_causes(db, &s->causes, &s->ncauses) < 0)
		return -1;
	n = s->ncauses;
	/* the groups, in the order of their first cause */
	for (int i = 0; i < n; i++) {
		int seen = 0;
		for (int k = n; k < s->ncauses && !seen; k++)
			seen = strcmp(s->causes[k].group, s->causes[i].group) == 0;
		if (seen)
			continue;
		s->causes = xrealloc(s->causes, (size_t)(s->ncauses + 1) * sizeof *s->causes);
		struct report_cause *g = &s->causes[s->ncauses++];
		memset(g, 0, sizeof *g);
		g->name = xstrdup(s->causes[i].group);
		g->group = xstrdup(s->causes[i].group);
		g->level = 0;
		s->ngroups++;
	}
	s->cause_total.name = xstrdup("合计");
	s->cause_total.group = xstrdup("");

	s->cause_row = xcalloc(10000, sizeof *s->cause_row);
	a = s->acc = xcalloc(1, sizeof *a);
	a->s = s;
	a->group_row = xcalloc((size_t)n, sizeof *a->group_row);
	a->stamp = xcalloc((size_t)s->ncauses, sizeof *a->stamp);
	for (int i = 0; i < n; i++) {
		const char *code = s->causes[i].code;
		if (strlen(code) == 4 && all_digits(code, 4))
			s->cause_row[atoi(code)] = (short)(i + 1);
		a->group_row[i] = -1;
		for (int k = n; k < s->ncauses; k++)
			if (strcmp(s->causes[k].group, s->causes[i].group) == 0)
				a->group_row[i] = k;
	}
	date_format(p->from, from);
	date_format(p->to, to);
	/* closed first, so that a streaming caller goes on with the received */
	for (int pass = 1; pass >= 0 && rc == 0; pass--) {
		a->closed = pass;
		for (int i = 0; i < s->ncauses; i++)
			a->stamp[i] = 0;
		a->total_stamp = 0;
		if (!pass && streaming)
			break;
		rc = db_report_claims(db, from, to, pass, on_claim, a);
	}
	return rc;
}

void report_stats_add_case(struct report_stats *s, const struct report_case_row *r)
{
	if (!s->acc || s->acc->closed)
		return; /* not loaded for streaming */
	int agreed = strcmp(r->status, "agreed") == 0;
	for (int i = 0; i < r->nclaims; i++)
		on_claim(s->acc, r->id, r->claims[i].cause, r->claims[i].amount_fen, r->claims[i].agreed_fen, agreed);
}

static void acc_free(struct report_cause_acc *a)
{
	if (!a)
		return;
	free(a->group_row);
	free(a->stamp);
	free(a);
}

static void load_trend_months(const struct report_period *p, struct report_stats *s)
{
	int y, m, d;

	date_to_ymd(p->to, &y, &m, &d);
	for (int i = 11; i >= 0; i--) {
		s->trend[i].year = y;
		s->trend[i].month = m;
		if (--m < 1) {
			m = 12;
			y--;
		}
	}
}

int report_stats_load_earlier(struct db *db, struct report_stats *out)
{
	if (headline(db, &out->prev, out->today, &out->prev_h, NULL, 0) < 0)
		return -1;
	/* for a year the previous period is the same year last year */
	if (out->last_year.from == out->prev.from && out->last_year.to == out->prev.to) {
		out->last_year_h = out->prev_h;
		return 0;
	}
	return headline(db, &out->last_year, out->today, &out->last_year_h, NULL, 0);
}

static int stats_load(struct db *db, const struct report_period *p, tj_day today, int streaming,
		      struct report_stats *out)
{
	int began, rc = -1;

	memset(out, 0, sizeof *out);
	if (report_period_check(p, today) < 0)
		return -1;
	out->period = *p;
	out->today = today;
	report_period_prev(p, &out->prev);
	report_period_last_year(p, &out->last_year);
	if (report_period_running(p, today)) {
		cut_to_days(&out->prev, today - p->from + 1);
		cut_to_days(&out->last_year, today - p->from + 1);
	}
	if ((began = db_report_snapshot_begin(db)) < 0)
		return -1;
	if (db_report_mediators(db, &out->mediators, &out->nmediators) < 0)
		goto done;
	for (int i = 0; i < out->nmediators; i++) {
		struct report_mediator *m = &out->mediators[i];
		m->side = xstrdup(mediator_side_name(m->side_key, m->expert_kind));
	}
	if (headline(db, p, today, &out->cur, out->mediators, out->nmediators) < 0)
		goto done;
	if (!streaming && report_stats_load_earlier(db, out) < 0)
		goto done;
	if (load_causes(db, p, streaming, out) < 0)
		goto done;
	load_trend_months(p, out);
	if (db_report_trend(db, out->trend, 12) < 0)
		goto done;
	rc = 0;
done:
	db_report_snapshot_end(db, began);
	if (rc < 0)
		report_stats_free(out);
	return rc;
}

int report_stats_load(struct db *db, const struct report_period *p, tj_day today, struct report_stats *out)
{
	int rc = stats_load(db, p, today, 0, out);

	if (rc == 0) { /* complete: nothing more to count */
		acc_free(out->acc);
		out->acc = NULL;
	}
	return rc;
}

int report_stats_load_streaming(struct db *db, const struct report_period *p, tj_day today,
				struct report_stats *out)
{
	return stats_load(db, p, today, 1, out);
}

void report_stats_free(struct report_stats *s)
{
	acc_free(s->acc);
	for (int i = 0; i < s->ncauses; i++) {
		free(s->causes[i].name);
		free(s->causes[i].group);
	}
	free(s->causes);
	free(s->cause_row);
	free(s->cause_total.name);
	free(s->cause_total.group);
	for (int i = 0; i < s->nmediators; i++) {
		free(s->mediators[i].name);
		free(s->mediators[i].side);
		free(s->mediators[i].side_key);
		free(s->mediators[i].expert_kind);
	}
	free(s->mediators);
	for (int i = 0; i < s->nemployers; i++) {
		free(s->employers[i].name);
		free(s->employers[i].uscc);
		free(s->employers[i].district);
		free(s->employers[i].industry);
	}
	free(s->employers);
	memset(s, 0, sizeof *s);
}

/* ---- 高发单位, counted from the detail stream ---------------------------------------- */

static size_t slot_of(const struct report_emp_acc *a, int64_t id)
{
	size_t i = (size_t)((uint64_t)id * UINT64_C(0x9E3779B97F4A7C15) >> 20) & (a->cap - 1);

	while (a->slots[i].id != 0 && a->slots[i].id != id)
		i = (i + 1) & (a->cap - 1);
	return i;
}

static void acc_grow(struct report_emp_acc *a)
{
	struct report_emp_acc b = {.cap = a->cap ? a->cap * 2 : 1024};

	b.slots = xcalloc(b.cap, sizeof *b.slots);
	for (size_t i = 0; i < a->cap; i++)
		if (a->slots[i].id != 0)
			b.slots[slot_of(&b, a->slots[i].id)] = a->slots[i];
	b.n = a->n;
	free(a->slots);
	*a = b;
}

static int status_open_kw(const char *st)
{
	static const char *const open[] = {"registered", "confirmed", "accepted", "assigned", "mediating"};
	for (size_t i = 0; i < TJ_ARRAY_LEN(open); i++)
		if (strcmp(st, open[i]) == 0)
			return 1;
	return 0;
}

void report_emp_acc_case(struct report_emp_acc *a, const struct report_case_row *r)
{
	int64_t claimed = 0;
	int open = status_open_kw(r->status);

	for (int i = 0; i < r->nclaims; i++)
		claimed += r->claims[i].amount_fen;
	for (int k = 0; k < r->nresp; k++) {
		int64_t id = r->resp[k].id;
		int dup = id <= 0;
		for (int j = 0; j < k && !dup; j++)
			dup = r->resp[j].id == id; /* the same employer twice in one case counts once */
		if (dup)
			continue;
		if ((a->n + 1) * 2 > a->cap)
			acc_grow(a);
		struct report_emp_slot *e = &a->slots[slot_of(a, id)];
		if (e->id == 0) {
			e->id = id;
			a->n++;
		}
		e->cases++;
		e->collective += r->collective != 0;
		e->workers += r->applicants;
		e->claimed_fen += claimed;
		e->open += open;
	}
}

static int by_cases(const void *x, const void *y)
{
	const struct report_emp_slot *a = x, *b = y;
	return a->cases < b->cases ? 1 : a->cases > b->cases ? -1 : 0;
}

/* ORDER BY cases DESC, name, id (name compared as SQLite's BINARY does) */
static int by_rank(const void *x, const void *y)
{
	const struct report_employer *a = x, *b = y;
	int c = a->cases < b->cases ? 1 : a->cases > b->cases ? -1 : strcmp(a->name, b->name);
	return c ? c : a->id < b->id ? -1 : a->id > b->id;
}

int report_emp_acc_top(struct report_emp_acc *a, struct db *db, int min_cases, int limit, struct report_stats *s)
{
	struct report_emp_slot *v = xcalloc(a->n ? a->n : 1, sizeof *v);
	size_t n = 0, take;
	int rc = 0;

	for (size_t i = 0; i < a->cap; i++)
		if (a->slots[i].id != 0 && a->slots[i].cases >= min_cases)
			v[n++] = a->slots[i];
	qsort(v, n, sizeof *v, by_cases);
	/* everything tied with the last place is a candidate: the names decide */
	take = n;
	if (n > (size_t)limit)
		for (take = (size_t)limit; take < n && v[take].cases == v[limit - 1].cases; take++)
			;
	s->employers = xcalloc(take ? take : 1, sizeof *s->employers);
	s->nemployers = 0;
	for (size_t i = 0; i < take; i++) {
		struct report_employer *e = &s->employers[s->nemployers];
		int r = db_report_employer_get(db, v[i].id, e);
		if (r < 0) {
			rc = -1;
			break;
		}
		if (r == 0)
			continue; /* the foreign key makes this impossible */
		e->cases = v[i].cases;
		e->collective = v[i].collective;
		e->workers = v[i].workers;
		e->claimed_fen = v[i].claimed_fen;
		e->open = v[i].open;
		s->nemployers++;
	}
	qsort(s->employers, (size_t)s->nemployers, sizeof *s->employers, by_rank);
	while (s->nemployers > limit) {
		struct report_employer *e = &s->employers[--s->nemployers];
		free(e->name);
		free(e->uscc);
		free(e->district);
		free(e->industry);
	}
	free(v);
	return rc;
}

void report_emp_acc_free(struct report_emp_acc *a)
{
	free(a->slots);
	memset(a, 0, sizeof *a);
}
