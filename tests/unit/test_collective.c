/*
 * test_collective.c - a collective dispute after registration
 * (collective.c): a worker joining the case brings his amounts to the
 * case's claims of the same cause (his own amount, the total the sum of
 * the column), a claim of another cause is not added and the preview says
 * so; electing 2 to 5 representatives, refused otherwise in Chinese; each
 * worker's amount set with the claim's total following, the 未分列 part,
 * the events' before and after as the timeline words them, the
 * confirmation undone like a correction, the version check and the roles
 * of the lifecycle; the table the case detail and `tiaojie show` print.
 */
#include "tap.h"
#include "testdb.h"
#include "tiaojie/auth.h"
#include "tiaojie/casework.h"
#include "tiaojie/collective.h"
#include "tiaojie/intake.h"
#include "tiaojie/record.h"
#include "tiaojie/uitext.h"
#include "tiaojie/util.h"

#define NOW "2026-11-20 10:00:00" /* a Friday */

static struct config cfg;
static struct holidays hol;
static struct db *db;
static struct actor admin, clerk, med;
static int64_t m1;

static const char *const names[] = {"张一", "张二", "张三", "张四", "张五", "张六", "张七", "赵八"};
static char ids[8][19];

/* A valid 居民身份证 number for worker i (GB 11643 check digit). */
static void make_id(int i, char out[19])
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;

	snprintf(out, 19, "11010519800101%03d", 11 + 2 * i);
	for (int k = 0; k < 17; k++)
		sum += (out[k] - '0') * w[k];
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
}

static struct intake_person workers[8];
static struct intake_employer emp;
static struct intake_share shares1[6];
static struct intake_claim claims[3];
static struct intake in;

/* Six workers, two representatives; 请求1 拖欠工资 with each worker's
 * amount (1,000.00 .. 6,000.00: 21,000.00), 请求2 经济补偿 9,000.00 for
 * all of them. */
static int64_t new_case(void)
{
	struct intake_result res = {0};
	static char amounts[6][16];

	for (int i = 0; i < 6; i++) {
		workers[i] = (struct intake_person){.id_type = "id", .id_no = ids[i], .name = names[i],
						    .phone = "13812345678", .address = "上海市徐汇区漕溪北路1号",
						    .representative = i < 2};
		snprintf(amounts[i], sizeof amounts[i], "%d000", i + 1);
		shares1[i] = (struct intake_share){.applicant = i + 1, .amount = amounts[i]};
	}
	emp = (struct intake_employer){.uscc = "91350100M000100Y43", .name = "上海某某科技有限公司", .legal_rep = "李四",
				       .address = "上海市徐汇区某路1号", .phone = "021-12345678", .district = "徐汇区"};
	claims[0] = (struct intake_claim){.cause = "0601", .text = "支付拖欠工资", .amount = "", .nshares = 6,
					  .shares = shares1};
	claims[1] = (struct intake_claim){.cause = "0402", .text = "支付解除劳动合同经济补偿", .amount = "9000"};
	in = (struct intake){.channel = "window", .received = "2026-11-18", .facts = "公司拖欠六名员工工资。",
			     .napplicants = 6, .applicants = workers, .nrespondents = 1, .respondents = &emp,
			     .nclaims = 2, .claims = claims};
	if (intake_register(db, &cfg, &clerk, &in, &res) < 0) {
		fprintf(stderr, "intake_register: %s\n", tj_errmsg());
		for (int i = 0; i < res.nproblems; i++)
			fprintf(stderr, "  %s: %s\n", res.problems[i].field, res.problems[i].msg);
		exit(1);
	}
	intake_result_free(&res);
	return res.case_id;
}

static void apply(int64_t id, enum case_action a)
{
	struct case_op op = {.action = a, .case_id = id, .confirm_how = "phone", .mediator_id = m1};
	struct case_op_result r;

	if (case_apply(db, &cfg, &hol, &admin, &op, &r) < 0) {
		fprintf(stderr, "%s: %s\n", action_keyword(a), tj_errmsg());
		exit(1);
	}
}

static int64_t num(const char *sql, int64_t id)
{
	return testdb_int_id(db, sql, id);
}

static int64_t version_of(int64_t id)
{
	return num("SELECT version FROM cases WHERE id = ?", id);
}

/* claim ord's amount, and worker a's own amount of it (-1 none) */
static int64_t claim_fen(int64_t id, int ord)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT amount_fen FROM claims WHERE case_id = ? AND ord = %d", ord);
	return num(sql, id);
}

static int64_t share_fen(int64_t id, int ord, int a)
{
	char sql[256];
	snprintf(sql, sizeof sql,
		 "SELECT coalesce((SELECT s.amount_fen FROM claim_shares s JOIN claims k ON k.id = s.claim_id "
		 "WHERE k.case_id = ?1 AND k.ord = %d AND s.applicant = %d), -1)",
		 ord, a);
	return num(sql, id);
}

static int64_t events_like(int64_t id, const char *action, const char *before, const char *after)
{
	sqlite3_stmt *st;
	int64_t n = -1;

	sqlite3_prepare_v2(db->h,
			   "SELECT count(*) FROM events WHERE case_id = ?1 AND entity = 'case' AND action = ?2 "
			   "AND before = ?3 AND after = ?4",
			   -1, &st, NULL);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, before, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, after, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Everything the acts could touch. */
static char *snap(int64_t id)
{
	return testdb_text(db,
			   "SELECT json_array(c.status, c.confirm_how, c.version, c.updated_at, "
			   "(SELECT json_group_array(json_array(ord, representative)) FROM case_parties "
			   " WHERE case_id = c.id AND role = 'applicant'), "
			   "(SELECT json_group_array(json_array(ord, amount_fen)) FROM claims WHERE case_id = c.id), "
			   "(SELECT json_group_array(json_array(k.ord, s.applicant, s.amount_fen)) FROM claim_shares s "
			   " JOIN claims k ON k.id = s.claim_id WHERE k.case_id = c.id), "
			   "(SELECT count(*) FROM events)) FROM cases c WHERE c.id = ?",
			   id);
}

static int represent(const struct actor *who, int64_t id, int64_t version, const int *ords, int n,
		     struct collective_result *res)
{
	tj_error_clear();
	return case_represent(db, &cfg, who, id, version, ords, n, res);
}

static int share(const struct actor *who, int64_t id, int64_t version, int ord, int a, const char *amount,
		 int from_undivided, struct collective_result *res)
{
	tj_error_clear();
	return case_share_set(db, &cfg, who, id, version, ord, a, amount, from_undivided, res);
}

/* A refused act wrote nothing and said why. */
#define REFUSED(call, text)                                                                       \
	do {                                                                                      \
		char *before_ = snap(id);                                                         \
		CHECK_INT((call), -1);                                                            \
		CHECK(strstr(tj_errmsg(), (text)) != NULL, "message '%s' has '%s'", tj_errmsg(), (text)); \
		char *after_ = snap(id);                                                          \
		CHECK(strcmp(before_, after_) == 0, "nothing written:\n %s\n %s", before_, after_); \
		free(before_);                                                                    \
		free(after_);                                                                     \
	} while (0)

static void took(void *arg, const struct record_result *r)
{
	*(struct record_result *)arg = *r;
}

/* ---- joining ------------------------------------------------------------------------ */

static void test_join(void)
{
	int64_t id = new_case();
	struct intake_person joiner = {.id_type = "id", .id_no = ids[6], .name = names[6], .phone = "13812345678",
				       .address = "上海市徐汇区漕溪北路1号"};
	struct intake_claim jc[3] = {
		{.cause = "0601", .text = "支付拖欠工资", .amount = "2,500"},
		{.cause = "0402", .text = "支付经济补偿", .amount = "1000"},
		{.cause = "0201", .text = "支付二倍工资", .amount = "3000"},
	};
	struct intake j = {.channel = "window", .facts = "同上", .napplicants = 1, .applicants = &joiner,
			   .nrespondents = 1, .respondents = &emp, .nclaims = 3, .claims = jc};
	struct intake_result res = {0};

	/* what the form says before: each claim where it goes, and the
	 * one that is not added */
	char *pre = collective_join_preview(db, &clerk, id, &j);
	CHECK(pre && strstr(pre, "请求1 [0601 ") && strstr(pre, "计入该案请求1，合计 21,000.00 → 23,500.00 元"), "%s", pre);
	CHECK(pre && strstr(pre, "计入该案请求2，合计 9,000.00 → 10,000.00 元"), "%s", pre);
	CHECK(pre && strstr(pre, "请求3 [0201] 3,000.00 元：该案件没有此案由的请求，加入后不计入该案件"), "%s", pre);
	CHECK(pre && !strstr(pre, "重新确认"), "not confirmed: %s", pre);
	free(pre);

	int64_t v0 = version_of(id);
	CHECK_INT(intake_join(db, &cfg, &clerk, id, &j, &res), 0);
	intake_result_free(&res);
	/* his own amounts, the totals the sums */
	CHECK_INT(share_fen(id, 1, 7), 250000);
	CHECK_INT(claim_fen(id, 1), 2350000);
	CHECK_INT(num("SELECT sum(s.amount_fen) FROM claim_shares s JOIN claims k ON k.id = s.claim_id "
		      "WHERE k.case_id = ? AND k.ord = 1", id), 2350000);
	/* 请求2 was one amount for all: his amount is his own, the rest stays
	 * undivided */
	CHECK_INT(share_fen(id, 2, 7), 100000);
	CHECK_INT(claim_fen(id, 2), 1000000);
	/* the claim of another cause is not the case's */
	CHECK_INT(num("SELECT count(*) FROM claims WHERE case_id = ?", id), 2);
	CHECK_INT(num("SELECT count(*) FROM case_parties WHERE case_id = ? AND role = 'applicant'", id), 7);
	CHECK_INT(version_of(id), v0 + 1);
	/* each value its event */
	CHECK_INT(events_like(id, "edit", "", "张七 请求1 金额：2,500.00"), 1);
	CHECK_INT(events_like(id, "edit", "请求1 金额：21,000.00", "请求1 金额：23,500.00"), 1);
	CHECK_INT(events_like(id, "edit", "请求2 金额：9,000.00", "请求2 金额：10,000.00"), 1);
	CHECK_INT(events_like(id, "join", "", "张七"), 1);
	CHECK_INT(num("SELECT status = 'registered' FROM cases WHERE id = ?", id), 1);

	/* the record (tiaojie show --json) says what is not divided, so that
	 * it imports again as it stands (the shares and it add up) */
	struct case_view cv;
	CHECK_INT(case_load(db, &clerk, id, &cv), 1);
	char *json = record_case_json(&cv, 1);
	case_view_free(&cv);
	CHECK(json && strstr(json, "\"undivided\": \"9000.00\""), "%s", json ? json : tj_errmsg());
	CHECK(json && !strstr(json, "\"undivided\": \"0.00\""), "no undivided part of claim 1");
	struct record_totals tot = {0};
	struct record_result rr = {0};
	CHECK_INT(record_import(db, &cfg, &clerk, json, strlen(json), took, &rr, &tot), 0);
	CHECK(tot.registered == 1, "imported again: %s %s", rr.nproblems ? rr.problems[0].field : "",
	      rr.nproblems ? rr.problems[0].msg : "");
	free(json);
	int64_t again = num("SELECT max(id) FROM cases WHERE ? > 0", 1);
	CHECK(again != id, "a new case");
	CHECK_INT(claim_fen(again, 2), 1000000);
	CHECK_INT(share_fen(again, 2, 7), 100000);
	CHECK_INT(claim_fen(again, 1), 2350000);
	/* a typed amount must be the shares and the undivided part together */
	struct intake_share one = {.applicant = 1, .amount = "100"};
	struct intake_claim uc = {.cause = "0601", .text = "工资", .amount = "600", .nshares = 1, .shares = &one,
				  .undivided = "400"};
	CHECK_INT(intake_claim_total(&uc), 50000);
	struct intake uin = {.channel = "window", .facts = "x", .napplicants = 1, .applicants = workers,
			     .nrespondents = 1, .respondents = &emp, .nclaims = 1, .claims = &uc};
	workers[0].representative = 0;
	CHECK(intake_check(db, &cfg, &uin, &res) > 0 && !strcmp(res.problems[0].field, "claims[0].amount") &&
		      strstr(res.problems[0].msg, "与各申请人金额及未分列金额合计500.00元不一致"),
	      "%s", res.nproblems ? res.problems[0].msg : "no problem");
	uc.undivided = "4x";
	CHECK(intake_check(db, &cfg, &uin, &res) > 0 && !strcmp(res.problems[0].field, "claims[0].undivided"),
	      "%s", res.nproblems ? res.problems[0].field : "no problem");
	workers[0].representative = 1;

	/* a confirmed case whose totals change is confirmed again */
	apply(id, ACT_CONFIRM);
	struct intake_person j2 = joiner;
	j2.id_no = ids[7];
	j2.name = names[0]; /* a second 张一: the log tells them apart */
	struct intake_claim jc2 = {.cause = "0601", .text = "支付拖欠工资", .amount = "100"};
	j.applicants = &j2;
	j.claims = &jc2;
	j.nclaims = 1;
	pre = collective_join_preview(db, &clerk, id, &j);
	CHECK(pre && strstr(pre, "申请人须重新确认请求"), "%s", pre);
	free(pre);
	v0 = version_of(id);
	CHECK_INT(intake_join(db, &cfg, &clerk, id, &j, &res), 0);
	intake_result_free(&res);
	CHECK_INT(num("SELECT status = 'registered' AND confirm_how IS NULL AND confirmed_at IS NULL FROM cases "
		      "WHERE id = ?", id), 1);
	CHECK_INT(events_like(id, "unconfirm", "confirmed", "registered"), 1);
	CHECK_INT(version_of(id), v0 + 1);
	CHECK_INT(share_fen(id, 1, 8), 10000);
	CHECK_INT(events_like(id, "edit", "", "张一（申请人8） 请求1 金额：100.00"), 1);
	CHECK_INT(claim_fen(id, 1), 2360000);
}

/* ---- representatives ------------------------------------------------------------- */

static void test_represent(void)
{
	int64_t id = new_case();
	struct collective_result res;
	int one[] = {3}, six[] = {1, 2, 3, 4, 5, 6}, two[] = {1, 3}, bad[] = {1, 9}, dup[] = {2, 2};

	REFUSED(represent(&clerk, id, version_of(id), one, 1, &res), "集体争议须推举2至5名代表，现选了1名");
	CHECK_STR(res.field, "representatives");
	REFUSED(represent(&clerk, id, version_of(id), six, 6, &res), "集体争议须推举2至5名代表，现选了6名");
	REFUSED(represent(&clerk, id, version_of(id), bad, 2, &res), "申请人9不存在");
	REFUSED(represent(&clerk, id, version_of(id), dup, 2, &res), "申请人2重复");
	REFUSED(represent(&med, id, version_of(id), two, 2, &res), "调解员无权进行此操作");
	int same[] = {2, 1};
	REFUSED(represent(&clerk, id, version_of(id), same, 2, &res), "代表没有变化");

	int64_t v0 = version_of(id);
	CHECK_INT(represent(&clerk, id, v0, two, 2, &res), 0);
	CHECK_INT(res.new_version, v0 + 1);
	CHECK_INT(version_of(id), v0 + 1);
	/* a save over the version before it: refused, who and when said */
	REFUSED(represent(&clerk, id, v0, same, 2, &res), "案件已被 窗口乙 于 2026-11-20 10:00:00 修改，请刷新后重新操作");
	CHECK_INT(res.conflict, 1);
	char *reps = testdb_text(db, "SELECT group_concat(ord) FROM case_parties WHERE case_id = ? AND "
				 "role = 'applicant' AND representative = 1", id);
	CHECK_STR(reps, "1,3");
	free(reps);
	CHECK_INT(events_like(id, "represent", "张一、张二", "张一、张三"), 1);
	/* representatives are not the claims: the confirmation stays */
	apply(id, ACT_CONFIRM);
	int five[] = {1, 2, 3, 4, 5};
	CHECK_INT(represent(&clerk, id, version_of(id), five, 5, &res), 0);
	CHECK_INT(num("SELECT status = 'confirmed' FROM cases WHERE id = ?", id), 1);
	struct case_view cv;
	CHECK_INT(case_load(db, &clerk, id, &cv), 1);
	char *names_text = case_representatives_text(&cv);
	CHECK_STR(names_text, "张一、张二、张三、张四、张五");
	free(names_text);
	/* the timeline's words for the event */
	char buf[64];
	CHECK_STR(case_event_what(&cv.events[cv.nevents - 1], buf, sizeof buf), "推举代表");
	case_view_free(&cv);

	/* after assignment the administrator's alone, as a correction */
	apply(id, ACT_ACCEPT);
	apply(id, ACT_ASSIGN);
	REFUSED(represent(&clerk, id, version_of(id), two, 2, &res), "只有管理员");
	CHECK_INT(represent(&admin, id, version_of(id), two, 2, &res), 0);

	/* a case of fewer workers than a collective dispute has none */
	struct intake_result ir = {0};
	in.napplicants = 2;
	workers[0].representative = workers[1].representative = 0;
	claims[0].nshares = 0;
	claims[0].amount = "5000";
	CHECK_INT(intake_register(db, &cfg, &clerk, &in, &ir), 0);
	int64_t small = ir.case_id;
	intake_result_free(&ir);
	id = small;
	int pair[] = {1, 2};
	REFUSED(represent(&clerk, id, version_of(id), pair, 2, &res), "申请人不足3名，不是集体争议，无须推举代表");
	/* offered on a collective case only, to those the lifecycle allows */
	enum case_action acts[ACT_COUNT];
	int n, has_rep = 0, has_shares = 0;
	CHECK_INT(case_load(db, &clerk, small, &cv), 1);
	n = case_actions(&cv, &clerk, acts, ACT_COUNT);
	for (int i = 0; i < n; i++)
		has_rep |= acts[i] == ACT_REPRESENT, has_shares |= acts[i] == ACT_SHARES;
	CHECK(!has_rep && !has_shares, "not collective: represent %d shares %d", has_rep, has_shares);
	case_view_free(&cv);
	int64_t big = new_case();
	CHECK_INT(case_load(db, &clerk, big, &cv), 1);
	n = case_actions(&cv, &clerk, acts, ACT_COUNT);
	for (int i = 0; i < n; i++)
		has_rep |= acts[i] == ACT_REPRESENT, has_shares |= acts[i] == ACT_SHARES;
	CHECK(has_rep && has_shares, "collective: represent %d shares %d", has_rep, has_shares);
	CHECK(acts[n - 1] == ACT_EDIT, "the correction last");
	CHECK_INT(case_actions(&cv, &med, acts, ACT_COUNT), 0);
	case_view_free(&cv);
	REFUSED(share(&clerk, id, version_of(id), 1, 1, "100", 0, &res), "本案不是集体争议");
}

/* ---- each worker's amount ------------------------------------------------------------- */

static void test_shares(void)
{
	int64_t id = new_case();
	struct collective_result res;

	apply(id, ACT_CONFIRM);
	int64_t v0 = version_of(id);
	CHECK_INT(share(&clerk, id, v0, 1, 2, "4,500", 0, &res), 0);
	CHECK_INT(share_fen(id, 1, 2), 450000);
	CHECK_INT(claim_fen(id, 1), 2350000);
	CHECK_INT(events_like(id, "edit", "张二 请求1 金额：2,000.00", "张二 请求1 金额：4,500.00"), 1);
	CHECK_INT(events_like(id, "edit", "请求1 金额：21,000.00", "请求1 金额：23,500.00"), 1);
	/* the confirmation undone, as a correction undoes it */
	CHECK_INT(res.reconfirm, 1);
	CHECK_INT(res.status, ST_REGISTERED);
	CHECK_INT(res.nchanges, 2);
	CHECK_INT(num("SELECT status = 'registered' AND confirm_how IS NULL FROM cases WHERE id = ?", id), 1);
	CHECK_INT(events_like(id, "unconfirm", "confirmed", "registered"), 1);
	CHECK_INT(version_of(id), v0 + 1);
	CHECK_INT(res.new_version, v0 + 1);
	/* the timeline's line */
	char *line = case_edit_text("张二 请求1 金额：2,000.00", "张二 请求1 金额：4,500.00");
	CHECK_STR(line, "张二 请求1 金额 2,000.00 → 4,500.00");
	free(line);

	/* registered now: no reset again */
	CHECK_INT(share(&clerk, id, version_of(id), 1, 3, "", 0, &res), 0);
	CHECK_INT(res.reconfirm, 0);
	CHECK_INT(share_fen(id, 1, 3), -1);
	CHECK_INT(claim_fen(id, 1), 2050000);
	CHECK_INT(events_like(id, "edit", "张三 请求1 金额：3,000.00", ""), 1);

	/* 请求2, one amount for all: a worker's part of it taken from the
	 * 未分列 part keeps the total; more than is left is refused */
	CHECK_INT(share(&clerk, id, version_of(id), 2, 1, "2000", 1, &res), 0);
	CHECK_INT(claim_fen(id, 2), 900000);
	CHECK_INT(share_fen(id, 2, 1), 200000);
	CHECK_INT(events_like(id, "edit", "请求2 未分列金额：9,000.00", "请求2 未分列金额：7,000.00"), 1);
	REFUSED(share(&clerk, id, version_of(id), 2, 2, "7000.01", 1, &res), "未分列金额只有 7,000.00 元");
	/* not from it: the total grows */
	CHECK_INT(share(&clerk, id, version_of(id), 2, 2, "500", 0, &res), 0);
	CHECK_INT(claim_fen(id, 2), 950000);
	/* the 未分列 part itself to nothing: the total is the workers' */
	CHECK_INT(share(&clerk, id, version_of(id), 2, SHARE_UNDIVIDED, "", 0, &res), 0);
	CHECK_INT(claim_fen(id, 2), 250000);
	CHECK_INT(events_like(id, "edit", "请求2 金额：9,500.00", "请求2 金额：2,500.00"), 1);

	/* bad input, unchanged values, a stale version, a role: nothing */
	REFUSED(share(&clerk, id, version_of(id), 1, 1, "12abc", 0, &res), "金额");
	CHECK_STR(res.field, "amount");
	REFUSED(share(&clerk, id, version_of(id), 1, 1, "1000", 0, &res), "金额没有变化");
	REFUSED(share(&clerk, id, version_of(id), 9, 1, "1000", 0, &res), "本案没有第9项请求");
	REFUSED(share(&clerk, id, version_of(id), 1, 42, "1000", 0, &res), "申请人42不存在");
	REFUSED(share(&clerk, id, version_of(id) - 1, 1, 1, "1001", 0, &res), "请刷新后重新操作");
	CHECK_INT(res.conflict, 1);
	CHECK_STR(res.changed_by, "窗口乙");
	REFUSED(share(&med, id, version_of(id), 1, 1, "1001", 0, &res), "调解员无权进行此操作");

	/* the table: workers x claims, the representatives, the totals */
	struct case_view cv;
	struct strbuf sb;
	CHECK_INT(case_load(db, &clerk, id, &cv), 1);
	sb_init(&sb);
	case_shares_table(&cv, 78, &sb);
	CHECK(strstr(sb.buf, "  序 申请人") && strstr(sb.buf, "请求1") && strstr(sb.buf, "请求2") &&
		      strstr(sb.buf, "合计"),
	      "%s", sb.buf);
	CHECK(strstr(sb.buf, "  1 张一   代表  1,000.00  2,000.00  3,000.00\n") != NULL, "%s", sb.buf);
	CHECK(strstr(sb.buf, "  3 张三                -         -         -\n") != NULL, "%s", sb.buf);
	CHECK(strstr(sb.buf, "     合计       20,500.00  2,500.00 23,000.00\n") != NULL, "%s", sb.buf);
	CHECK(strstr(sb.buf, "未分列") == NULL, "nothing undivided: %s", sb.buf);
	/* narrow: the claims in groups, every line within the width */
	sb_free(&sb);
	sb_init(&sb);
	case_shares_table(&cv, 40, &sb);
	int lines = 0, widest = 0;
	for (char *p = sb.buf, *nl; (nl = strchr(p, '\n')); p = nl + 1) {
		*nl = '\0';
		int w = tw_width(p);
		widest = w > widest ? w : widest;
		lines++;
		*nl = '\n';
	}
	CHECK(widest <= 40, "widest %d", widest);
	CHECK_INT(lines, 2 * (1 + 6 + 1));
	sb_free(&sb);
	case_view_free(&cv);
}

static int64_t add_user(const char *login, const char *name, const char *role, int64_t mediator)
{
	struct user_rec u;
	int64_t id;

	if (auth_user_add(db, &cfg, 0, login, name, role, "secret-pass-1", mediator) < 0 ||
	    db_user_get(db, login, &u) <= 0) {
		fprintf(stderr, "user %s: %s\n", login, tj_errmsg());
		exit(1);
	}
	id = u.id;
	user_rec_free(&u);
	return id;
}

int main(void)
{
	setenv("TIAOJIE_NOW", NOW, 1);
	config_defaults(&cfg);
	cfg.collective_threshold = 3;
	for (int i = 0; i < 8; i++)
		make_id(i, ids[i]);
	db = testdb_new("collective.db");
	holidays_init(&hol);
	if (holidays_from_db(db, &hol) < 0) {
		fprintf(stderr, "%s\n", tj_errmsg());
		return 1;
	}
	struct mediator_row m = {.name = "张调解", .side = "hrss", .capacity = 20, .active = 1,
				 .created_at = "2026-01-01 09:00:00"};
	if (db_mediator_insert(db, &m) < 0)
		return 1;
	m1 = m.id;
	admin = (struct actor){.role = ROLE_ADMIN, .user_id = add_user("admin", "管理员甲", "admin", 0)};
	clerk = (struct actor){.role = ROLE_CLERK, .user_id = add_user("clerk", "窗口乙", "clerk", 0)};
	med = (struct actor){.role = ROLE_MEDIATOR, .user_id = add_user("med1", "张调解", "mediator", m1),
			     .mediator_id = m1};

	test_join();
	test_represent();
	test_shares();

	holidays_free(&hol);
	db_close(db);
	testdb_cleanup();
	return tap_done();
}
