/*
 * test_report.c - the statistics (report.h): periods (parsing, labels,
 * 环比 and 同比 across the year boundary, the future refused), every figure
 * of a small hand-built fixture whose answers are worked out below, an
 * empty period of zeros, and the export itself (file modes, the temporary
 * file gone, a cancel leaving nothing, bad paths).
 *
 * The fixture (today is 2026-02-10; the period January 2026):
 *
 *   case  received    channel status     med  accepted    deadline    closed      applicants  claims (cause amount/agreed, yuan)
 *   C1    2026-01-05  window  agreed      1   2026-01-06  2026-01-21  2026-01-15   1          0601 1000/800, 0602 500/200
 *   C2    2026-01-10  online  failed      1   2026-01-12  2026-01-27  2026-01-30   1          0401 2000            (respondents E3, E1)
 *   C3    2026-01-20  phone   referred    2   2026-01-21  2026-02-05  2026-02-03   1          0601 300
 *   C4    2026-01-25  window  mediating   1   2026-01-26  2026-01-30  -           12 (collective) 0601 12000, 0701 100
 *   C5    2025-12-28  letter  withdrawn   -   -           2026-01-02  2026-01-03   1          0101 0
 *   C6    2026-01-31  other   rejected    -   -           2026-02-05  2026-01-31   1          1701 50
 *   C7    2025-01-15  window  agreed      1   2025-01-16  2025-01-31  2025-01-20   1          0601 400/400
 *   C8    2025-12-10  online  agreed      2   2025-12-11  2025-12-26  2025-12-22   1          0402 600/300
 *   C9    2025-12-15  window  registered  -   -           2025-12-20  -            1          0601 10
 *
 * Mediators: 1 张一 (union, active), 2 李二 (expert teacher, inactive),
 * 3 王三 (hrss, active, no cases).  Respondents: E1 甲公司 for C1-C4, C7,
 * C8; E2 乙商店 for C5, C6, C9; E3 丙派遣公司 first for C2.
 * Consultations: 2026-01-05, 2026-01-31 23:59:59, 2026-02-01 00:00:00,
 * 2025-12-31, 2025-01-10.
 */
#include <dirent.h>
#include <sys/stat.h>

#include "tap.h"
#include "testdb.h"
#include "tiaojie/report.h"

static const char fixture_sql[] =
	"INSERT INTO mediators(id, name, side, expert_kind, capacity, active, created_at) VALUES"
	" (1, '张一', 'union', NULL, 20, 1, '2024-01-01 09:00:00'),"
	" (2, '李二', 'expert', 'teacher', 15, 0, '2024-01-01 09:00:00'),"
	" (3, '王三', 'hrss', NULL, 10, 1, '2024-01-01 09:00:00');"
	"INSERT INTO employers(id, uscc, name, district, industry, created_at, updated_at) VALUES"
	" (1, '91310101MA1FL00010', '甲公司', '黄浦区', '制造业', '2024-01-01', '2024-01-01'),"
	" (2, NULL, '乙商店', '徐汇区', '零售业', '2024-01-01', '2024-01-01'),"
	" (3, '91310101MA1FL00037', '丙派遣公司', '静安区', '租赁和商务服务业', '2024-01-01', '2024-01-01');"
	"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20) "
	"INSERT INTO persons(id, id_type, id_no, name, created_at, updated_at) "
	" SELECT i, 'id', printf('3101011990%02d%02d%04d', 1 + i % 12, 1 + i % 28, 1000 + i), '工人' || i,"
	" '2024-01-01', '2024-01-01' FROM n;"
	"INSERT INTO cases(id, case_no, year, seq, channel, received, status, performance, collective,"
	" mediator_id, accepted_at, deadline, closed_at, last_event_at, updated_at) VALUES"
	" (1, '沪劳人调(2026)第00001号', 2026, 1, 'window', '2026-01-05', 'agreed', 'performed', 0, 1,"
	"  '2026-01-06 09:00:00', '2026-01-21', '2026-01-15 10:00:00', '2026-01-15', '2026-01-15'),"
	" (2, '沪劳人调(2026)第00002号', 2026, 2, 'online', '2026-01-10', 'failed', NULL, 0, 1,"
	"  '2026-01-12 10:00:00', '2026-01-27', '2026-01-30 11:00:00', '2026-01-30', '2026-01-30'),"
	" (3, '沪劳人调(2026)第00003号', 2026, 3, 'phone', '2026-01-20', 'referred', NULL, 0, 2,"
	"  '2026-01-21 10:00:00', '2026-02-05', '2026-02-03 10:00:00', '2026-02-03', '2026-02-03'),"
	" (4, '沪劳人调(2026)第00004号', 2026, 4, 'window', '2026-01-25', 'mediating', NULL, 1, 1,"
	"  '2026-01-26 10:00:00', '2026-01-30', NULL, '2026-01-26', '2026-01-26'),"
	" (5, '沪劳人调(2025)第00005号', 2025, 5, 'letter', '2025-12-28', 'withdrawn', NULL, 0, NULL,"
	"  NULL, '2026-01-02', '2026-01-03 09:30:00', '2026-01-03', '2026-01-03'),"
	" (6, '沪劳人调(2026)第00006号', 2026, 6, 'other', '2026-01-31', 'rejected', NULL, 0, NULL,"
	"  NULL, '2026-02-05', '2026-01-31 16:00:00', '2026-01-31', '2026-01-31'),"
	" (7, '沪劳人调(2025)第00007号', 2025, 7, 'window', '2025-01-15', 'agreed', 'pending', 0, 1,"
	"  '2025-01-16 09:00:00', '2025-01-31', '2025-01-20 15:00:00', '2025-01-20', '2025-01-20'),"
	" (8, '沪劳人调(2025)第00008号', 2025, 8, 'online', '2025-12-10', 'agreed', 'defaulted', 0, 2,"
	"  '2025-12-11 09:00:00', '2025-12-26', '2025-12-22 15:00:00', '2025-12-22', '2025-12-22'),"
	" (9, '沪劳人调(2025)第00009号', 2025, 9, 'window', '2025-12-15', 'registered', NULL, 0, NULL,"
	"  NULL, '2025-12-20', NULL, '2025-12-15', '2025-12-15');"
	"INSERT INTO case_parties(case_id, role, ord, person_id, employer_id) VALUES"
	" (1, 'applicant', 1, 1, NULL), (1, 'respondent', 1, NULL, 1),"
	" (2, 'applicant', 1, 2, NULL), (2, 'respondent', 1, NULL, 3), (2, 'respondent', 2, NULL, 1),"
	" (3, 'applicant', 1, 3, NULL), (3, 'respondent', 1, NULL, 1),"
	" (4, 'respondent', 1, NULL, 1),"
	" (5, 'applicant', 1, 16, NULL), (5, 'respondent', 1, NULL, 2),"
	" (6, 'applicant', 1, 17, NULL), (6, 'respondent', 1, NULL, 2),"
	" (7, 'applicant', 1, 18, NULL), (7, 'respondent', 1, NULL, 1),"
	" (8, 'applicant', 1, 19, NULL), (8, 'respondent', 1, NULL, 1),"
	" (9, 'applicant', 1, 20, NULL), (9, 'respondent', 1, NULL, 2);"
	"WITH RECURSIVE n(i) AS (SELECT 4 UNION ALL SELECT i + 1 FROM n WHERE i < 15) "
	"INSERT INTO case_parties(case_id, role, ord, person_id) SELECT 4, 'applicant', i - 3, i FROM n;"
	"INSERT INTO claims(case_id, ord, cause, text, amount_fen, agreed_fen) VALUES"
	" (1, 1, '0601', '支付拖欠工资', 100000, 80000), (1, 2, '0602', '支付加班工资', 50000, 20000),"
	" (2, 1, '0401', '支付赔偿金', 200000, NULL),"
	" (3, 1, '0601', '支付拖欠工资', 30000, NULL),"
	" (4, 1, '0601', '支付拖欠工资', 1200000, NULL), (4, 2, '0701', '支付年休假工资', 10000, NULL),"
	" (5, 1, '0101', '确认劳动关系', 0, NULL),"
	" (6, 1, '1701', '办理退工手续', 5000, NULL),"
	" (7, 1, '0601', '支付拖欠工资', 40000, 40000),"
	" (8, 1, '0402', '支付经济补偿', 60000, 30000),"
	" (9, 1, '0601', '支付拖欠工资', 1000, NULL);"
	"INSERT INTO consultations(at, cause, note) VALUES"
	" ('2026-01-05 10:00:00', '0601', ''), ('2026-01-31 23:59:59', NULL, ''),"
	" ('2026-02-01 00:00:00', NULL, ''), ('2025-12-31 12:00:00', NULL, ''),"
	" ('2025-01-10 12:00:00', NULL, '');";

static struct db *db;
static const struct actor admin = {.role = ROLE_ADMIN};
static tj_day today;

static tj_day day(const char *s)
{
	tj_day d = 0;
	date_parse(s, &d);
	return d;
}

static char *fmt_day(tj_day d, char buf[11])
{
	date_format(d, buf);
	return buf;
}

/* ---- periods ----------------------------------------------------------------- */

static void test_periods(void)
{
	struct report_period p, q;
	char a[11], b[11];
	char *s;

	CHECK_INT(report_period_month("2026-01", &p), 0);
	CHECK_INT(p.kind, RP_MONTH);
	CHECK_STR(fmt_day(p.from, a), "2026-01-01");
	CHECK_STR(fmt_day(p.to, b), "2026-01-31");
	/* 环比 across the year boundary: January's previous period is December */
	report_period_prev(&p, &q);
	CHECK_INT(q.kind, RP_MONTH);
	CHECK_INT(q.year, 2025);
	CHECK_INT(q.num, 12);
	CHECK_STR(fmt_day(q.from, a), "2025-12-01");
	CHECK_STR(fmt_day(q.to, b), "2025-12-31");
	report_period_last_year(&p, &q);
	CHECK_STR(fmt_day(q.from, a), "2025-01-01");
	CHECK_STR(fmt_day(q.to, b), "2025-01-31");
	s = report_period_label(&p);
	CHECK_STR(s, "2026年1月");
	free(s);
	s = report_default_filename(&p);
	CHECK_STR(s, "调解统计-2026-01.xlsx");
	free(s);

	/* February of a leap year */
	CHECK_INT(report_period_month("2024-02", &p), 0);
	CHECK_STR(fmt_day(p.to, b), "2024-02-29");
	report_period_prev(&p, &q);
	CHECK_STR(fmt_day(q.to, b), "2024-01-31");
	report_period_last_year(&p, &q);
	CHECK_STR(fmt_day(q.to, b), "2023-02-28");

	/* quarters */
	CHECK_INT(report_period_quarter("2026-Q1", &p), 0);
	CHECK_STR(fmt_day(p.from, a), "2026-01-01");
	CHECK_STR(fmt_day(p.to, b), "2026-03-31");
	report_period_prev(&p, &q);
	CHECK_INT(q.year, 2025);
	CHECK_INT(q.num, 4);
	CHECK_STR(fmt_day(q.from, a), "2025-10-01");
	CHECK_STR(fmt_day(q.to, b), "2025-12-31");
	CHECK_INT(report_period_quarter("2026q3", &p), 0);
	CHECK_STR(fmt_day(p.from, a), "2026-07-01");
	CHECK_STR(fmt_day(p.to, b), "2026-09-30");
	s = report_period_label(&p);
	CHECK_STR(s, "2026年第三季度");
	free(s);
	s = report_period_tag(&p);
	CHECK_STR(s, "2026-Q3");
	free(s);

	/* years: 环比 and 同比 are both the year before */
	CHECK_INT(report_period_year("2026", &p), 0);
	report_period_prev(&p, &q);
	CHECK_STR(fmt_day(q.from, a), "2025-01-01");
	CHECK_STR(fmt_day(q.to, b), "2025-12-31");
	s = report_default_filename(&p);
	CHECK_STR(s, "调解统计-2026.xlsx");
	free(s);

	/* ranges: the same number of days before; a year back for 同比 */
	CHECK_INT(report_period_range("2026-01-05", "2026-01-10", &p), 0);
	report_period_prev(&p, &q);
	CHECK_STR(fmt_day(q.from, a), "2025-12-30");
	CHECK_STR(fmt_day(q.to, b), "2026-01-04");
	report_period_last_year(&p, &q);
	CHECK_STR(fmt_day(q.from, a), "2025-01-05");
	CHECK_STR(fmt_day(q.to, b), "2025-01-10");
	s = report_period_label(&p);
	CHECK_STR(s, "2026-01-05至2026-01-10");
	free(s);
	s = report_default_filename(&p);
	CHECK_STR(s, "调解统计-2026-01-05_2026-01-10.xlsx");
	free(s);
	CHECK_INT(report_period_range("2024-02-29", "2024-03-01", &p), 0);
	report_period_last_year(&p, &q);
	CHECK_STR(fmt_day(q.from, a), "2023-02-28");

	/* bad input, each with a reason */
	static const char *const bad_months[] = {"2026-13", "2026-00", "2026-1", "26-10", "2026/10", "", "２０２６-10",
						 "2026-10-01", "abcd-ef"};
	for (size_t i = 0; i < TJ_ARRAY_LEN(bad_months); i++) {
		tj_error_clear();
		CHECK(report_period_month(bad_months[i], &p) < 0, "%s accepted", bad_months[i]);
		CHECK(strstr(tj_errmsg(), "月份") && strstr(tj_errmsg(), "YYYY-MM"), "%s: %s", bad_months[i],
		      tj_errmsg());
	}
	CHECK(report_period_quarter("2026-Q5", &p) < 0, "Q5");
	CHECK(report_period_quarter("2026-Q0", &p) < 0, "Q0");
	CHECK(report_period_quarter("2026-4", &p) < 0, "no Q");
	CHECK(strstr(tj_errmsg(), "季度") != NULL, "%s", tj_errmsg());
	CHECK(report_period_year("26", &p) < 0, "26");
	CHECK(report_period_year("1899", &p) < 0, "1899");
	CHECK(report_period_range("2026-02-30", "2026-03-01", &p) < 0, "Feb 30");
	CHECK(strstr(tj_errmsg(), "起始日期") != NULL, "%s", tj_errmsg());
	CHECK(report_period_range("2026-03-01", "2026-02-01", &p) < 0, "backwards");
	CHECK(strstr(tj_errmsg(), "早于") != NULL, "%s", tj_errmsg());
	CHECK(report_period_range("2010-01-01", "2026-01-01", &p) < 0, "too long");

	/* the future */
	CHECK_INT(report_period_month("2026-03", &p), 0);
	CHECK(report_period_check(&p, today) < 0, "a month not begun accepted");
	CHECK(strstr(tj_errmsg(), "尚未开始") != NULL, "%s", tj_errmsg());
	CHECK_INT(report_period_month("2026-02", &p), 0);
	CHECK_INT(report_period_check(&p, today), 0);
	CHECK_STR(fmt_day(report_period_end_seen(&p, today), a), "2026-02-10");

	/* last month */
	report_period_last_month(day("2026-01-01"), &p);
	CHECK_INT(p.year, 2025);
	CHECK_INT(p.num, 12);
	report_period_last_month(today, &p);
	CHECK_INT(p.year, 2026);
	CHECK_INT(p.num, 1);
}

/* ---- the figures ----------------------------------------------------------------- */

static const struct report_cause *cause(const struct report_stats *s, const char *code)
{
	for (int i = 0; i < s->ncauses - s->ngroups; i++)
		if (strcmp(s->causes[i].code, code) == 0)
			return &s->causes[i];
	return NULL;
}

static const struct report_cause *group(const struct report_stats *s, const char *name)
{
	for (int i = s->ncauses - s->ngroups; i < s->ncauses; i++)
		if (strcmp(s->causes[i].name, name) == 0)
			return &s->causes[i];
	return NULL;
}

static const struct report_mediator *med(const struct report_stats *s, int64_t id)
{
	for (int i = 0; i < s->nmediators; i++)
		if (s->mediators[i].id == id)
			return &s->mediators[i];
	return NULL;
}

/* The db gives keywords as stored; stats.c labels them (above). */
static void test_january_as_stored(void)
{
	struct report_headline h;
	struct report_keycount *ch;
	struct report_mediator *meds;
	int nch, nmeds;
	int64_t want[] = {2, 1, 1, 1}, got[4] = {0, 0, 0, 0};
	const char *keys[] = {"window", "online", "phone", "other"};

	memset(&h, 0, sizeof h);
	CHECK_INT(db_report_received(db, "2026-01-01", "2026-01-31", &h, NULL, 0, &ch, &nch), 0);
	CHECK_INT(h.received, 5);
	CHECK_INT(h.channel[0] + h.channel[1] + h.channel[4], 0); /* left to the caller */
	CHECK_INT(nch, 4);
	for (int i = 0; i < nch; i++)
		for (int k = 0; k < 4; k++)
			if (strcmp(ch[i].key, keys[k]) == 0)
				got[k] += ch[i].n;
	for (int k = 0; k < 4; k++)
		CHECK_INT(got[k], want[k]);
	db_report_keycounts_free(ch, nch);

	CHECK_INT(db_report_mediators(db, &meds, &nmeds), 0);
	CHECK(nmeds >= 3, "mediators: %d", nmeds);
	for (int i = 0; i < nmeds; i++) {
		struct report_mediator *m = &meds[i];
		CHECK(m->side == NULL, "mediator %lld: side labelled by the db", (long long)m->id);
		if (m->id == 0)
			CHECK(m->side_key == NULL && m->expert_kind == NULL, "mediator 0 has a side");
		if (m->id == 1) {
			CHECK_STR(m->side_key, "union");
			CHECK(m->expert_kind == NULL, "mediator 1: expert kind");
		}
		if (m->id == 2) {
			CHECK_STR(m->side_key, "expert");
			CHECK_STR(m->expert_kind, "teacher");
		}
		free(m->name);
		free(m->side_key);
		free(m->expert_kind);
	}
	free(meds);
}

static void test_january(void)
{
	struct report_period p;
	struct report_stats s;

	report_period_month("2026-01", &p);
	CHECK_INT(report_stats_load(db, &p, today, &s), 0);
	const struct report_headline *h = &s.cur;
	CHECK_INT(h->received, 5);
	CHECK_INT(h->channel[0], 2); /* window: C1, C4 */
	CHECK_INT(h->channel[1], 1); /* online: C2 */
	CHECK_INT(h->channel[2], 1); /* phone: C3 */
	CHECK_INT(h->channel[3], 0);
	CHECK_INT(h->channel[4], 1); /* other: C6 */
	CHECK_INT(h->collective, 1);
	CHECK_INT(h->workers, 16);
	CHECK_INT(h->consultations, 2);
	CHECK_INT(h->closed, 4); /* C1, C2, C5, C6 - C3 closed in February */
	CHECK_INT(h->agreed, 1);
	CHECK_INT(h->failed, 1);
	CHECK_INT(h->referred, 0);
	CHECK_INT(h->withdrawn, 1);
	CHECK_INT(h->rejected, 1);
	CHECK(report_success_rate(h->agreed, h->failed) == 0.5, "rate %g", report_success_rate(h->agreed, h->failed));
	CHECK_INT(h->claimed_fen, 1595000);
	CHECK_INT(h->agreed_fen, 100000);
	CHECK_INT(h->days_sum, 27); /* C1 9 days, C2 18 days */
	CHECK_INT(h->days_n, 2);
	CHECK(report_avg_days(h->days_sum, h->days_n) == 13.5, "avg");
	CHECK_INT(h->overdue_open, 2);   /* C4 and C9 on 2026-01-31 */
	CHECK_INT(h->overdue_closed, 2); /* C2 and C5 */

	/* 环比: December 2025 */
	const struct report_headline *pr = &s.prev_h;
	CHECK_INT(s.prev.year, 2025);
	CHECK_INT(s.prev.num, 12);
	CHECK_INT(pr->received, 3);
	CHECK_INT(pr->channel[0], 1);
	CHECK_INT(pr->channel[1], 1);
	CHECK_INT(pr->channel[3], 1);
	CHECK_INT(pr->workers, 3);
	CHECK_INT(pr->consultations, 1);
	CHECK_INT(pr->closed, 1);
	CHECK_INT(pr->agreed, 1);
	CHECK(report_success_rate(pr->agreed, pr->failed) == 1.0, "prev rate");
	CHECK_INT(pr->claimed_fen, 61000);
	CHECK_INT(pr->agreed_fen, 30000);
	CHECK_INT(pr->days_sum, 11);
	CHECK_INT(pr->overdue_open, 1); /* C9; C5's deadline was still ahead */
	CHECK_INT(pr->overdue_closed, 0);

	/* 同比: January 2025 */
	const struct report_headline *ly = &s.last_year_h;
	CHECK_INT(s.last_year.year, 2025);
	CHECK_INT(s.last_year.num, 1);
	CHECK_INT(ly->received, 1);
	CHECK_INT(ly->closed, 1);
	CHECK_INT(ly->agreed, 1);
	CHECK_INT(ly->agreed_fen, 40000);
	CHECK_INT(ly->days_sum, 4);
	CHECK_INT(ly->consultations, 1);
	CHECK_INT(ly->overdue_open, 0);

	/* causes: all 17 + 65, first-level then its second-level ones */
	CHECK_INT(s.ncauses - s.ngroups, 82);
	int first = 0, second = 0;
	for (int i = 0; i < s.ncauses - s.ngroups; i++)
		s.causes[i].level == 1 ? first++ : second++;
	CHECK_INT(first, 17);
	CHECK_INT(second, 65);
	CHECK_STR(s.causes[0].code, "01");
	CHECK_STR(s.causes[1].code, "0101");
	const struct report_cause *c = cause(&s, "0601");
	CHECK(c != NULL, "0601");
	if (c) {
		CHECK_INT(c->cases, 3);
		CHECK_INT(c->claims, 3);
		CHECK_INT(c->claimed_fen, 1330000);
		CHECK_INT(c->closed, 1);
		CHECK_INT(c->agreed, 1);
		CHECK_INT(c->agreed_fen, 80000);
	}
	c = cause(&s, "06");
	if (c) {
		CHECK_INT(c->cases, 3); /* C1 counted once although it has 0601 and 0602 */
		CHECK_INT(c->claims, 4);
		CHECK_INT(c->claimed_fen, 1380000);
		CHECK_INT(c->closed, 1);
		CHECK_INT(c->agreed, 1);
		CHECK_INT(c->agreed_fen, 100000);
	}
	c = cause(&s, "0401");
	if (c) {
		CHECK_INT(c->cases, 1);
		CHECK_INT(c->closed, 1);
		CHECK_INT(c->agreed, 0);
	}
	c = cause(&s, "01");
	if (c) {
		CHECK_INT(c->cases, 0); /* C5 was received in December */
		CHECK_INT(c->closed, 1);
	}
	c = cause(&s, "1501");
	if (c) {
		CHECK_INT(c->cases, 0);
		CHECK_INT(c->closed, 0);
	}
	CHECK_INT(s.cause_total.cases, 5);
	CHECK_INT(s.cause_total.claims, 7);
	CHECK_INT(s.cause_total.claimed_fen, 1595000);
	CHECK_INT(s.cause_total.closed, 4);
	CHECK_INT(s.cause_total.agreed, 1);
	CHECK_INT(s.cause_total.agreed_fen, 100000);
	const struct report_cause *g = group(&s, "劳动报酬");
	CHECK(g != NULL, "group 劳动报酬");
	if (g) {
		CHECK_INT(g->cases, 3);
		CHECK_INT(g->claims, 4);
		CHECK_INT(g->claimed_fen, 1380000);
	}
	g = group(&s, "其他");
	if (g) {
		CHECK_INT(g->cases, 1);
		CHECK_INT(g->closed, 1);
	}
	CHECK(s.ngroups >= 10, "%d groups", s.ngroups);

	/* mediators */
	const struct report_mediator *m = med(&s, 1);
	CHECK(m != NULL, "mediator 1");
	if (m) {
		CHECK_INT(m->received, 3);
		CHECK_INT(m->closed, 2);
		CHECK_INT(m->agreed, 1);
		CHECK_INT(m->failed, 1);
		CHECK_INT(m->agreed_fen, 100000);
		CHECK_INT(m->days_sum, 27);
		CHECK_INT(m->open, 1);
		CHECK_INT(m->capacity, 20);
		CHECK_STR(m->side, "工会");
	}
	m = med(&s, 2);
	if (m) {
		CHECK_INT(m->received, 1);
		CHECK_INT(m->closed, 0);
		CHECK_INT(m->active, 0);
		CHECK_STR(m->side, "专家（高校教师）");
	}
	m = med(&s, 0);
	if (m) {
		CHECK_INT(m->received, 1); /* C6 */
		CHECK_INT(m->withdrawn, 1);
		CHECK_INT(m->rejected, 1);
		CHECK_STR(m->side, "");
	}
	test_january_as_stored();
	int64_t sum_r = 0, sum_c = 0;
	for (int i = 0; i < s.nmediators; i++) {
		sum_r += s.mediators[i].received;
		sum_c += s.mediators[i].closed;
	}
	CHECK_INT(sum_r, h->received);
	CHECK_INT(sum_c, h->closed);

	/* the detail rows, and the high-incidence employers counted from
	 * them: only 甲公司 has two or more */
	struct report_emp_acc acc = {0};
	struct report_case_row r = {0};
	struct db_report_cursor *cur = db_report_cases_begin(db, "2026-01-01", "2026-01-31");
	int n = 0, rc;
	while ((rc = db_report_cases_next(cur, &r)) == 1) {
		n++;
		report_emp_acc_case(&acc, &r);
		if (r.id == 2) {
			CHECK_INT(r.nresp, 2);
			CHECK_STR(r.resp[0].name, "丙派遣公司");
			CHECK_STR(r.resp[0].uscc, "91310101MA1FL00037");
			CHECK_STR(r.resp[1].name, "甲公司");
			CHECK_INT(r.nclaims, 1);
			CHECK_STR(r.claims[0].cause, "0401");
			CHECK_INT(r.claims[0].amount_fen, 200000);
			CHECK_INT(r.claims[0].agreed_fen, -1);
		}
		if (r.id == 1) {
			CHECK_INT(r.nclaims, 2);
			CHECK_INT(r.claims[1].agreed_fen, 20000);
			CHECK_STR(report_cause_name(&s, r.claims[1].cause), "加班工资");
			CHECK_STR(r.applicant, "工人1");
		}
		if (r.id == 4)
			CHECK_INT(r.applicants, 12);
		if (r.id == 6)
			CHECK_STR(r.resp[0].uscc, "");
	}
	CHECK_INT(rc, 0);
	CHECK_INT(n, 5);
	db_report_cases_end(cur);
	report_case_row_free(&r);
	CHECK_INT(report_emp_acc_top(&acc, db, 2, 100, &s), 0);
	report_emp_acc_free(&acc);
	CHECK_INT(s.nemployers, 1);
	if (s.nemployers == 1) {
		CHECK_STR(s.employers[0].name, "甲公司");
		CHECK_INT(s.employers[0].cases, 4);
		CHECK_INT(s.employers[0].collective, 1);
		CHECK_INT(s.employers[0].workers, 15);
		CHECK_INT(s.employers[0].claimed_fen, 1590000);
		CHECK_INT(s.employers[0].open, 1);
	}

	/* the 12 months ending January 2026 */
	CHECK_INT(s.trend[0].year, 2025);
	CHECK_INT(s.trend[0].month, 2);
	CHECK_INT(s.trend[11].year, 2026);
	CHECK_INT(s.trend[11].month, 1);
	CHECK_INT(s.trend[10].received, 3);
	CHECK_INT(s.trend[10].closed, 1);
	CHECK_INT(s.trend[10].agreed, 1);
	CHECK_INT(s.trend[11].received, 5);
	CHECK_INT(s.trend[11].closed, 4);
	CHECK_INT(s.trend[11].agreed, 1);
	int64_t others = 0;
	for (int i = 0; i < 10; i++)
		others += s.trend[i].received + s.trend[i].closed;
	CHECK_INT(others, 0);
	report_stats_free(&s);
}

static void test_employer_ranking(void)
{
	struct report_emp_acc acc = {0};
	struct report_stats s = {0};
	struct report_case_row r = {0};
	struct report_respondent resp[2];

	r.status = "agreed";
	r.resp = resp;
	/* 甲公司 (1) 3 cases, 乙商店 (2) 2, 丙派遣公司 (3) 2 (once listed twice in a case), 4.. 1 */
	static const int64_t cases[][2] = {{1, 0}, {1, 2}, {1, 3}, {2, 0}, {3, 3}};
	for (size_t i = 0; i < TJ_ARRAY_LEN(cases); i++) {
		resp[0].id = cases[i][0];
		resp[1].id = cases[i][1];
		r.nresp = cases[i][1] ? 2 : 1;
		r.applicants = 2;
		report_emp_acc_case(&acc, &r);
	}
	for (int64_t id = 100; id < 3000; id++) { /* many single cases: the table grows */
		resp[0].id = id;
		r.nresp = 1;
		report_emp_acc_case(&acc, &r);
	}
	r.resp = NULL;
	CHECK_INT(report_emp_acc_top(&acc, db, 2, 2, &s), 0);
	CHECK_INT(s.nemployers, 2);
	if (s.nemployers == 2) {
		CHECK_STR(s.employers[0].name, "甲公司");
		CHECK_INT(s.employers[0].cases, 3);
		CHECK_INT(s.employers[0].workers, 6);
		/* 乙商店 and 丙派遣公司 tie on 2 cases: by name, as SQLite orders */
		CHECK_STR(s.employers[1].name, strcmp("乙商店", "丙派遣公司") < 0 ? "乙商店" : "丙派遣公司");
		CHECK_INT(s.employers[1].cases, 2);
	}
	report_stats_free(&s);
	report_emp_acc_free(&acc);
}

static void test_other_periods(void)
{
	struct report_period p;
	struct report_stats s;

	/* the first quarter, still running on 2026-02-10 */
	report_period_quarter("2026-Q1", &p);
	CHECK_INT(report_stats_load(db, &p, today, &s), 0);
	CHECK_INT(s.cur.received, 5);
	CHECK_INT(s.cur.closed, 5);
	CHECK_INT(s.cur.failed, 2);
	CHECK_INT(s.cur.referred, 1);
	CHECK_INT(s.cur.overdue_open, 2); /* seen on today */
	CHECK_INT(s.cur.consultations, 3);
	/* like with like: the first 41 days of 2025-Q4 (none of its three
	 * cases, all received in December) and of 2025-Q1 (C7) */
	char a[11], b[11];
	CHECK_STR(fmt_day(s.prev.from, a), "2025-10-01");
	CHECK_STR(fmt_day(s.prev.to, b), "2025-11-10");
	CHECK_INT(s.prev_h.received, 0);
	CHECK_STR(fmt_day(s.last_year.from, a), "2025-01-01");
	CHECK_STR(fmt_day(s.last_year.to, b), "2025-02-10");
	CHECK_INT(s.last_year_h.received, 1);
	char *lb = report_period_label_seen(&p, today);
	CHECK_STR(lb, "2026年第一季度（截至2月10日）");
	free(lb);
	lb = report_period_label(&s.prev);
	CHECK_STR(lb, "2025-10-01至2025-11-10");
	free(lb);
	report_stats_free(&s);

	/* February up to the 10th against 1-10 January (C1, C2) and 1-10
	 * February 2025 (nothing) */
	report_period_month("2026-02", &p);
	CHECK_INT(report_stats_load(db, &p, today, &s), 0);
	CHECK_STR(fmt_day(s.prev.to, b), "2026-01-10");
	CHECK_INT(s.prev_h.received, 2);
	CHECK_STR(fmt_day(s.last_year.to, b), "2025-02-10");
	CHECK_INT(s.last_year_h.received, 0);
	lb = report_period_label_seen(&p, today);
	CHECK_STR(lb, "2026年2月（截至10日）");
	free(lb);
	report_stats_free(&s);
	/* a whole past month keeps whole months */
	report_period_month("2026-01", &p);
	lb = report_period_label_seen(&p, today);
	CHECK_STR(lb, "2026年1月");
	free(lb);

	/* the year 2025 */
	report_period_year("2025", &p);
	CHECK_INT(report_stats_load(db, &p, today, &s), 0);
	CHECK_INT(s.cur.received, 4);
	CHECK_INT(s.cur.closed, 2); /* C7, C8 */
	CHECK_INT(s.cur.agreed, 2);
	CHECK_INT(s.cur.overdue_open, 1);
	CHECK_INT(s.prev_h.received, 0);
	report_stats_free(&s);

	/* a range and its neighbours */
	report_period_range("2026-01-05", "2026-01-10", &p);
	CHECK_INT(report_stats_load(db, &p, today, &s), 0);
	CHECK_INT(s.cur.received, 2);
	CHECK_INT(s.cur.closed, 0);
	CHECK_INT(s.prev_h.received, 0);
	CHECK_INT(s.prev_h.closed, 1); /* C5 on 2026-01-03 */
	CHECK_INT(s.prev_h.withdrawn, 1);
	report_stats_free(&s);

	/* an empty period: zeros, no rate, no average, every cause there */
	report_period_month("2024-06", &p);
	CHECK_INT(report_stats_load(db, &p, today, &s), 0);
	const struct report_headline *h = &s.cur;
	CHECK_INT(h->received + h->closed + h->workers + h->consultations + h->claimed_fen + h->agreed_fen, 0);
	CHECK(report_success_rate(h->agreed, h->failed) < 0, "rate of nothing");
	CHECK(report_avg_days(h->days_sum, h->days_n) < 0, "average of nothing");
	CHECK_INT(s.ncauses - s.ngroups, 82);
	CHECK_INT(s.cause_total.cases, 0);
	report_stats_free(&s);

	/* the future is refused */
	report_period_month("2026-03", &p);
	CHECK(report_stats_load(db, &p, today, &s) < 0, "future period loaded");
}

/* ---- the export ----------------------------------------------------------------- */

static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	if (!d)
		return -1;
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

struct counter {
	int calls;
	int64_t last, total;
	int cancel_at;
};

static int count_progress(void *ud, int64_t done, int64_t total)
{
	struct counter *c = ud;

	c->calls++;
	c->last = done;
	c->total = total;
	return c->cancel_at && c->calls >= c->cancel_at;
}

static int same_cause(const struct report_cause *a, const struct report_cause *b)
{
	return a->cases == b->cases && a->claims == b->claims && a->claimed_fen == b->claimed_fen &&
	       a->closed == b->closed && a->agreed == b->agreed && a->agreed_fen == b->agreed_fen;
}

/* The export's way: the cause table's received figures counted from the
 * detail rows as they stream by, equal to the two passes over the claims. */
static void test_streaming(void)
{
	static const char *const months[] = {"2026-01", "2025-12", "2025-01"};

	for (size_t k = 0; k < TJ_ARRAY_LEN(months); k++) {
		struct report_period p;
		struct report_stats a, b;
		struct report_case_row r;
		char from[11], to[11];

		report_period_month(months[k], &p);
		CHECK_INT(report_stats_load(db, &p, today, &a), 0);
		CHECK_INT(report_stats_load_streaming(db, &p, today, &b), 0);
		/* before the stream: the closed figures are there, the received not yet */
		CHECK_INT(b.cause_total.cases, 0);
		CHECK_INT(b.cause_total.closed, a.cause_total.closed);
		CHECK(a.cause_total.cases > 0, "%s has cases", months[k]);
		date_format(p.from, from);
		date_format(p.to, to);
		struct db_report_cursor *cur = db_report_cases_begin(db, from, to);
		memset(&r, 0, sizeof r);
		int rc, rows = 0;
		while ((rc = db_report_cases_next(cur, &r)) == 1) {
			report_stats_add_case(&b, &r);
			rows++;
		}
		db_report_cases_end(cur);
		report_case_row_free(&r);
		CHECK_INT(rc, 0);
		CHECK_INT(rows, a.cur.received);
		CHECK_INT(a.ncauses, b.ncauses);
		int diff = 0;
		for (int i = 0; i < a.ncauses && i < b.ncauses; i++)
			if (!same_cause(&a.causes[i], &b.causes[i])) {
				fprintf(stderr, "# %s: cause %s differs\n", months[k], a.causes[i].code);
				diff++;
			}
		CHECK_INT(diff, 0);
		CHECK(same_cause(&a.cause_total, &b.cause_total), "%s: totals %lld/%lld cases", months[k],
		      (long long)a.cause_total.cases, (long long)b.cause_total.cases);
		/* then the other periods' headlines */
		CHECK_INT(b.prev_h.received + b.last_year_h.received, 0);
		CHECK_INT(report_stats_load_earlier(db, &b), 0);
		CHECK(memcmp(&a.prev_h, &b.prev_h, sizeof a.prev_h) == 0, "%s: prev", months[k]);
		CHECK(memcmp(&a.last_year_h, &b.last_year_h, sizeof a.last_year_h) == 0, "%s: last year", months[k]);
		CHECK(memcmp(&a.cur, &b.cur, sizeof a.cur) == 0, "%s: current", months[k]);
		if (k == 0) /* January 2026: December and January 2025 have cases */
			CHECK(a.prev_h.received > 0 && a.last_year_h.received > 0, "earlier periods have cases");
		/* a complete load ignores cases fed to it */
		int64_t before = a.cause_total.claims;
		cur = db_report_cases_begin(db, from, to);
		while (db_report_cases_next(cur, &r) == 1)
			report_stats_add_case(&a, &r);
		db_report_cases_end(cur);
		report_case_row_free(&r);
		CHECK_INT(a.cause_total.claims, before);
		report_stats_free(&a);
		report_stats_free(&b);
	}
}

static void test_export(void)
{
	struct config cfg;
	struct report_period p;
	struct report_opts o = {.today = today, .now = "2026-02-10 09:00:00"};
	struct stat sb;
	struct counter cnt = {0};
	int64_t n = -1;
	const char *out = testdb_path("jan.xlsx");
	char dir[256];

	snprintf(dir, sizeof dir, "%s", testdb_path(""));
	config_defaults(&cfg);
	report_period_month("2026-01", &p);
	CHECK_INT(report_export(db, &cfg, &admin, &p, out, &o, count_progress, &cnt, &n), REPORT_OK);
	CHECK_INT(n, 5);
	CHECK_INT(cnt.last, 5);
	CHECK_INT(cnt.total, 5);
	CHECK(stat(out, &sb) == 0 && sb.st_size > 1000, "no workbook");
	CHECK_INT(sb.st_mode & 0777, 0640);
	CHECK_INT(testdb_hidden_files(dir, ".xlsx."), 0);
	/* a zip file */
	FILE *f = fopen(out, "rb");
	char magic[2] = {0};
	if (f) {
		CHECK_INT(fread(magic, 1, 2, f), 2);
		fclose(f);
	}
	CHECK(magic[0] == 'P' && magic[1] == 'K', "not a zip");

	/* full identity numbers: owner only */
	o.full_ids = 1;
	CHECK_INT(report_export(db, &cfg, &admin, &p, out, &o, NULL, NULL, NULL), REPORT_OK);
	CHECK(stat(out, &sb) == 0, "stat");
	CHECK_INT(sb.st_mode & 0777, 0600);
	o.full_ids = 0;

	/* an empty month still writes a whole workbook */
	const char *empty = testdb_path("empty.xlsx");
	report_period_month("2024-06", &p);
	CHECK_INT(report_export(db, &cfg, &admin, &p, empty, &o, NULL, NULL, &n), REPORT_OK);
	CHECK_INT(n, 0);
	CHECK(stat(empty, &sb) == 0 && sb.st_size > 1000, "empty workbook");

	/* cancelled by the progress callback: nothing left, an old file kept */
	report_period_month("2026-01", &p);
	cnt = (struct counter){.cancel_at = 1};
	CHECK_INT(report_export(db, &cfg, &admin, &p, testdb_path("cancel.xlsx"), &o, count_progress, &cnt, NULL),
		  REPORT_CANCELLED);
	CHECK(stat(testdb_path("cancel.xlsx"), &sb) < 0, "cancelled file left");
	/* a cancel closes what it opened (the screen may export many times) */
	int fds = open_fds();
	cnt = (struct counter){.cancel_at = 2};
	CHECK_INT(report_export(db, &cfg, &admin, &p, testdb_path("cancel.xlsx"), &o, count_progress, &cnt, NULL),
		  REPORT_CANCELLED);
	CHECK_INT(open_fds(), fds);
	cnt = (struct counter){.cancel_at = 2};
	struct stat before;
	stat(empty, &before);
	CHECK_INT(report_export(db, &cfg, &admin, &p, empty, &o, count_progress, &cnt, NULL), REPORT_CANCELLED);
	CHECK(stat(empty, &sb) == 0 && sb.st_size == before.st_size, "old file damaged by a cancel");
	CHECK_INT(testdb_hidden_files(dir, ".xlsx."), 0);

	/* bad paths and periods: a clear reason, nothing written */
	tj_error_clear();
	CHECK_INT(report_export(db, &cfg, &admin, &p, testdb_path("no/such/dir/x.xlsx"), &o, NULL, NULL, NULL), REPORT_ERROR);
	CHECK(strstr(tj_errmsg(), "不存在") != NULL, "%s", tj_errmsg());
	CHECK_INT(report_export(db, &cfg, &admin, &p, dir, &o, NULL, NULL, NULL), REPORT_ERROR);
	CHECK(strstr(tj_errmsg(), "目录") != NULL, "%s", tj_errmsg());
	report_period_month("2026-03", &p);
	CHECK_INT(report_export(db, &cfg, &admin, &p, testdb_path("future.xlsx"), &o, NULL, NULL, NULL), REPORT_ERROR);
	CHECK(strstr(tj_errmsg(), "尚未开始") != NULL, "%s", tj_errmsg());
	CHECK(stat(testdb_path("future.xlsx"), &sb) < 0, "future file written");
	CHECK_INT(testdb_hidden_files(dir, ".xlsx."), 0);

	/* recorded in the event log with the rename: always with full numbers,
	 * with opts.record otherwise */
	report_period_month("2026-01", &p);
	int64_t exports0 = testdb_int(db, "SELECT count(*) FROM events WHERE action = 'export'");
	struct report_opts full = {.full_ids = 1, .today = today};
	CHECK_INT(report_export(db, &cfg, &admin, &p, testdb_path("full.xlsx"), &full, NULL, NULL, NULL), REPORT_OK);
	CHECK_INT(full.unrecorded, 0);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE action = 'export' AND entity = 'system' "
				 "AND after LIKE '%2026年1月%full.xlsx%证件号码完整%'"),
		  1);
	struct report_opts masked = {.today = today};
	CHECK_INT(report_export(db, &cfg, &admin, &p, testdb_path("masked.xlsx"), &masked, NULL, NULL, NULL), REPORT_OK);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE action = 'export'"), exports0 + 1);
	masked.record = 1;
	CHECK_INT(report_export(db, &cfg, &admin, &p, testdb_path("masked.xlsx"), &masked, NULL, NULL, NULL), REPORT_OK);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE action = 'export' AND after LIKE '%已遮蔽%'"), 1);
	/* the event log refusing: a full-number export is not made */
	testdb_raw(db, "CREATE TRIGGER no_export BEFORE INSERT ON events WHEN NEW.action = 'export' "
		       "BEGIN SELECT RAISE(ABORT, '测试：拒绝写入'); END");
	unlink(testdb_path("refused.xlsx"));
	CHECK_INT(report_export(db, &cfg, &admin, &p, testdb_path("refused.xlsx"), &full, NULL, NULL, NULL),
		  REPORT_ERROR);
	CHECK(strstr(tj_errmsg(), "未能记入操作记录，未导出") != NULL, "%s", tj_errmsg());
	CHECK(stat(testdb_path("refused.xlsx"), &sb) < 0, "no file when not recorded");
	CHECK_INT(testdb_hidden_files(testdb_path(""), ".xlsx."), 0);
	testdb_raw(db, "DROP TRIGGER no_export");
	config_free(&cfg);
}

/* ---- 月报 ------------------------------------------------------------------------ */

static const struct report_breakdown *find_row(const struct report_breakdown *v, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(v[i].key, key) == 0)
			return &v[i];
	return NULL;
}

/* January 2026 as 月报 counts it (受理 by accepted_at): C1-C4 accepted; C1
 * (agreed, performed, on time, 9 days) and C2 (failed, after its deadline,
 * 18 days) closed; C3 (closed 02-03) and C4 (open) at the end; nothing
 * open before; C5 (withdrawn, never accepted) nowhere; C6 refused. */
static void test_monthly(void)
{
	struct report_period p;
	struct report_monthly m;
	const struct report_breakdown *b;

	/* C4's workers as the case recorded them: five 农村户籍, a 港澳 permit,
	 * a foreign permanent resident, an American and a Chinese passport */
	testdb_raw(db, "UPDATE case_parties SET household = 'rural' WHERE case_id = 4 AND role = 'applicant' AND ord <= 5;"
		       "UPDATE case_parties SET id_type = 'hkmo' WHERE case_id = 4 AND role = 'applicant' AND ord = 6;"
		       "UPDATE case_parties SET id_type = 'foreign-pr' WHERE case_id = 4 AND role = 'applicant' AND ord = 7;"
		       "UPDATE case_parties SET id_type = 'passport', nationality = '美国' "
		       " WHERE case_id = 4 AND role = 'applicant' AND ord = 8;"
		       "UPDATE case_parties SET id_type = 'passport', nationality = '中国' "
		       " WHERE case_id = 4 AND role = 'applicant' AND ord = 9;");
	report_period_month("2026-01", &p);
	CHECK_INT(report_monthly_load(db, &p, today, &m), 0);
	CHECK_INT(m.open_before, 0);
	CHECK_INT(m.accepted, 4);
	CHECK_INT(m.closed, 2);
	CHECK_INT(m.open_after, 2);
	CHECK(report_monthly_balanced(&m), "balance");
	CHECK_INT(m.agreed, 1);
	CHECK_INT(m.failed, 1);
	CHECK_INT(m.referred, 0);
	CHECK_INT(m.withdrawn, 0);
	CHECK_INT(m.other, 0);
	CHECK_INT(m.on_time, 1);
	CHECK_INT(m.perf_done, 1);
	CHECK_INT(m.perf_pending, 0);
	CHECK_INT(m.perf_defaulted, 0);
	CHECK_INT(m.days_sum, 27);
	CHECK_INT(m.days_n, 2);
	CHECK_INT(m.rejected, 1);
	CHECK_INT(m.workers, 15);
	CHECK_INT(m.migrant, 5);
	CHECK_INT(m.foreign, 2);
	CHECK_INT(m.hkmotw, 1);
	CHECK_INT(m.big_collective, 1);
	CHECK_INT(m.big_collective_workers, 12);
	CHECK_INT(m.claimed_fen, 1590000);
	CHECK_INT(m.closed_fen, 100000);
	/* by type: the group of the first claim; most first */
	CHECK_INT(m.ntype, 2);
	CHECK_STR(m.by_type[0].key, "劳动报酬");
	CHECK_INT(m.by_type[0].accepted, 3);
	CHECK_INT(m.by_type[0].closed, 1);
	CHECK_INT(m.by_type[0].agreed, 1);
	CHECK_STR(m.by_type[1].key, "解除劳动合同");
	CHECK_INT(m.by_type[1].accepted, 1);
	CHECK_INT(m.by_type[1].closed, 1);
	CHECK_INT(m.by_type[1].agreed, 0);
	/* by the first respondent's industry and district (C2's is E3) */
	b = find_row(m.by_industry, m.nindustry, "制造业");
	CHECK(b && b->accepted == 3 && b->workers == 14 && b->claimed_fen == 1390000 && b->closed == 1 && b->agreed == 1,
	      "制造业 row");
	b = find_row(m.by_industry, m.nindustry, "租赁和商务服务业");
	CHECK(b && b->accepted == 1 && b->workers == 1 && b->claimed_fen == 200000 && b->closed == 1 && b->agreed == 0,
	      "租赁和商务服务业 row");
	CHECK_INT(m.nindustry, 2);
	b = find_row(m.by_district, m.ndistrict, "黄浦区");
	CHECK(b && b->accepted == 3, "黄浦区 row");
	b = find_row(m.by_district, m.ndistrict, "静安区");
	CHECK(b && b->accepted == 1, "静安区 row");
	CHECK(report_ratio(m.closed, m.open_before + m.accepted) == 0.5, "结案率");
	CHECK(report_ratio(m.agreed, m.agreed + m.failed) == 0.5, "成功率口径一");
	CHECK(report_ratio(m.agreed, m.closed) == 0.5, "成功率口径二");
	CHECK(report_ratio(1, 0) < 0, "no divisor");
	report_monthly_free(&m);

	/* February, under way on the 10th: C3 and C4 open at its start, C3
	 * closed on the 3rd, C4 still open */
	report_period_month("2026-02", &p);
	CHECK_INT(report_monthly_load(db, &p, today, &m), 0);
	CHECK_INT(m.open_before, 2);
	CHECK_INT(m.accepted, 0);
	CHECK_INT(m.closed, 1);
	CHECK_INT(m.failed, 1);
	CHECK_INT(m.referred, 1);
	CHECK_INT(m.open_after, 1);
	report_monthly_free(&m);

	/* a case closed by its status but without a closing time breaks the
	 * balance: an error naming the four figures, no figures */
	testdb_raw(db, "UPDATE cases SET closed_at = NULL WHERE id = 1");
	report_period_month("2026-01", &p);
	tj_error_clear();
	CHECK_INT(report_monthly_load(db, &p, today, &m), -1);
	CHECK(strstr(tj_errmsg(), "不平衡") && strstr(tj_errmsg(), "上期未结 0") && strstr(tj_errmsg(), "本期受理 4") &&
		      strstr(tj_errmsg(), "本期结案 1") && strstr(tj_errmsg(), "期末未结 2"),
	      "%s", tj_errmsg());
	CHECK_INT(m.accepted, 0);
	/* and the export refuses to write it */
	struct report_opts o = {.today = today};
	struct stat sb;
	unlink(testdb_path("unbalanced.xlsx"));
	CHECK_INT(report_export(db, NULL, &admin, &p, testdb_path("unbalanced.xlsx"), &o, NULL, NULL, NULL), REPORT_ERROR);
	CHECK(strstr(tj_errmsg(), "不平衡") != NULL, "%s", tj_errmsg());
	CHECK(stat(testdb_path("unbalanced.xlsx"), &sb) < 0, "unbalanced workbook written");
	testdb_raw(db, "UPDATE cases SET closed_at = '2026-01-15 10:00:00' WHERE id = 1");
}

/* ---- closing a month --------------------------------------------------------------- */

static int64_t events_of(const char *action)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM events WHERE entity = 'system' AND action = '%s'", action);
	return testdb_int(db, sql);
}

/* January closed on 2026-02-10, then C2 referred to arbitration: the
 * frozen figures stay, the correction lists C2; reopened, nothing is
 * frozen (migration 012, report_months). */
static void test_close(void)
{
	struct report_period p;
	struct report_frozen f;
	struct report_monthly m;
	const struct actor clerk = {.role = ROLE_CLERK}, mediator = {.role = ROLE_MEDIATOR};

	CHECK_INT(db_schema_version(db) >= 12, 1);
	report_period_month("2026-01", &p);
	CHECK_INT(report_frozen_load(db, &p, today, &f), 0);
	/* administrators only, enforced in the core */
	tj_error_clear();
	CHECK_INT(report_month_close(db, &clerk, &p, today), -1);
	CHECK(strstr(tj_errmsg(), "管理员") != NULL, "%s", tj_errmsg());
	CHECK_INT(report_month_close(db, &mediator, &p, today), -1);
	/* a month not yet over */
	struct report_period feb;
	report_period_month("2026-02", &feb);
	CHECK_INT(report_month_close(db, &admin, &feb, today), -1);
	CHECK(strstr(tj_errmsg(), "尚未结束") != NULL, "%s", tj_errmsg());
	CHECK_INT(events_of("report-close"), 0);

	CHECK_INT(report_month_close(db, &admin, &p, today), 0);
	CHECK_INT(events_of("report-close"), 1);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE action = 'report-close' AND after LIKE "
				 "'%2026年1月%上期未结 0，本期受理 4，本期结案 2，期末未结 2%'"),
		  1);
	CHECK_INT(report_month_close(db, &admin, &p, today), -1);
	CHECK(strstr(tj_errmsg(), "已经关账") != NULL, "%s", tj_errmsg());
	CHECK_INT(events_of("report-close"), 1);
	/* each case's part: C4's twelve workers, C1's 调解成功 */
	CHECK_INT(testdb_int(db, "SELECT value FROM report_month_cases WHERE month = '2026-01' AND case_id = 4 "
				 "AND figure = '涉及劳动者人数'"),
		  12);
	CHECK_INT(testdb_int(db, "SELECT value FROM report_month_cases WHERE month = '2026-01' AND case_id = 1 "
				 "AND figure = '调解成功'"),
		  1);

	/* frozen, nothing changed yet: the same figures, no correction */
	CHECK_INT(report_monthly_load(db, &p, today, &m), 0);
	CHECK_INT(report_frozen_load(db, &p, today, &f), 1);
	CHECK_INT(f.nfix, 0);
	CHECK_INT(f.m.open_before, m.open_before);
	CHECK_INT(f.m.accepted, m.accepted);
	CHECK_INT(f.m.closed, m.closed);
	CHECK_INT(f.m.open_after, m.open_after);
	CHECK_INT(f.m.failed, 1);
	CHECK_INT(f.m.referred, 0);
	CHECK_INT(f.m.workers, 15);
	CHECK_INT(f.m.migrant, 5);
	CHECK_INT(f.m.claimed_fen, 1590000);
	CHECK_INT(f.m.closed_fen, 100000);
	CHECK_INT(f.m.ntype, m.ntype);
	CHECK_STR(f.m.by_type[0].key, "劳动报酬");
	CHECK_INT(f.m.by_type[0].accepted, 3);
	CHECK_INT(f.m.nindustry, 2);
	CHECK_INT(f.m.ndistrict, 2);
	CHECK_INT(f.h.received, 5);
	CHECK_INT(f.h.channel[0], 2);
	report_frozen_free(&f);
	report_monthly_free(&m);

	/* C2 referred to arbitration and C1's agreed amount corrected after
	 * the close: the figures stay, the corrections say what moved */
	testdb_raw(db, "UPDATE cases SET status = 'referred' WHERE id = 2;"
		       "UPDATE claims SET agreed_fen = 90000 WHERE case_id = 1 AND ord = 1");
	CHECK_INT(report_frozen_load(db, &p, today, &f), 1);
	CHECK_INT(f.m.referred, 0);
	CHECK_INT(f.m.closed_fen, 100000);
	CHECK_INT(f.nfix, 2);
	if (f.nfix == 2) {
		CHECK_STR(f.fix[0].case_no, "沪劳人调(2026)第00001号");
		CHECK_STR(f.fix[0].figure, "结案金额");
		CHECK_INT(f.fix[0].old, 100000);
		CHECK_INT(f.fix[0].now, 110000);
		CHECK_INT(f.fix[0].money, 1);
		CHECK_STR(f.fix[1].case_no, "沪劳人调(2026)第00002号");
		CHECK_STR(f.fix[1].figure, "其中：转仲裁");
		CHECK_INT(f.fix[1].old, 0);
		CHECK_INT(f.fix[1].now, 1);
	}
	report_frozen_free(&f);

	/* reopened: an administrator's act in the event log; nothing frozen */
	CHECK_INT(report_month_reopen(db, &clerk, &p), -1);
	CHECK_INT(report_month_reopen(db, &admin, &p), 0);
	CHECK_INT(events_of("report-reopen"), 1);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM report_month_cases"), 0);
	CHECK_INT(report_frozen_load(db, &p, today, &f), 0);
	CHECK_INT(report_month_reopen(db, &admin, &p), -1);
	CHECK(strstr(tj_errmsg(), "没有关账") != NULL, "%s", tj_errmsg());
	testdb_raw(db, "UPDATE cases SET status = 'failed' WHERE id = 2;"
		       "UPDATE claims SET agreed_fen = 80000 WHERE case_id = 1 AND ord = 1");
}

int main(void)
{
	today = day("2026-02-10");
	db = testdb_new("report.db");
	if (testdb_raw(db, fixture_sql) != SQLITE_OK) {
		fprintf(stderr, "fixture: %s\n", sqlite3_errmsg(db->h));
		return 1;
	}
	test_periods();
	test_january();
	test_employer_ranking();
	test_other_periods();
	test_streaming();
	test_export();
	test_monthly();
	test_close();
	db_close(db);
	testdb_cleanup();
	return tap_done();
}
