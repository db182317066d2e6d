/*
 * test_access.c - access policy (access.h), one test per rule and role,
 * over a small database built here: an administrator, a clerk, two
 * mediators with accounts and a mediator account without a mediator
 * record; three cases, one assigned to each mediator and one waiting.
 *
 * 1. signing in: the actor of each role as the core puts it together;
 * 2. list visibility: case_search and queue_counts hold every case for
 *    the administrator and the clerk, only their own for a mediator, none
 *    for the mediator without a record - whatever the filter asks;
 * 3. detail visibility: case_load opens any case for the administrator
 *    and the clerk, only their own for a mediator;
 * 4. masking: every role's list shows identity numbers masked;
 * 5. full export: only the administrator exports the workbook, masked or
 *    in full;
 * 6. the other reads: the archive, consultations, the mediators to choose
 *    from, the dashboard, drafts and the agenda's scope by role;
 * 7. the command line's boundary: who is trusted without a login, the
 *    administrator's commands, and the mark a refusal leaves.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "testdb.h"
#include "tiaojie/access.h"
#include "tiaojie/admin.h"
#include "tiaojie/auth.h"
#include "tiaojie/casework.h"
#include "tiaojie/consult.h"
#include "tiaojie/draft.h"
#include "tiaojie/intake.h"
#include "tiaojie/report.h"
#include "tiaojie/search.h"
#include "tiaojie/validate.h"

#define PW "secret-pass-1"

static struct config cfg;
static struct holidays hol;
static struct db *db;
static tj_day today;

enum { ADMIN, CLERK, MED1, MED2, LOST, NWHO };
static const char *const logins[NWHO] = {"admin", "clerk", "med1", "med2", "lost"};
static struct actor who[NWHO];
static struct account accts[NWHO];
static int64_t med1_id, med2_id;
static int64_t c1, c2, c3; /* med1's, med2's, unassigned */
static char id1[19], id2[19], id3[19];

/* A valid resident identity number, different for each n. */
static void make_id(int n, char out[19])
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;

	snprintf(out, 19, "31010119850101%03d", n % 1000);
	for (int i = 0; i < 17; i++)
		sum += (out[i] - '0') * w[i];
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
}

static void die(const char *what)
{
	fprintf(stderr, "fixture: %s: %s\n", what, tj_errmsg());
	exit(1);
}

static void apply(enum case_action a, int64_t id, int64_t med)
{
	struct case_op op = {.action = a, .case_id = id, .confirm_how = "phone", .mediator_id = med};
	struct case_op_result res;

	if (case_apply(db, &cfg, &hol, &who[ADMIN], &op, &res) != 0)
		die(action_keyword(a));
}

/* A case of applicant n (name), accepted and assigned to med (0: none). */
static int64_t new_case(int n, const char *name, char id_no[19], int64_t med)
{
	char emp_name[64];
	struct intake_person app;
	struct intake_employer emp;
	struct intake_claim claim = {.cause = "0601", .text = "支付拖欠工资", .amount = "5000"};

	make_id(n, id_no);
	snprintf(emp_name, sizeof emp_name, "权限测试公司%d", n);
	app = (struct intake_person){.id_type = "id", .id_no = id_no, .name = name, .phone = "13812345678"};
	emp = (struct intake_employer){.name = emp_name};
	struct intake in = {.channel = "window", .facts = "拖欠工资。", .napplicants = 1, .applicants = &app,
			    .nrespondents = 1, .respondents = &emp, .nclaims = 1, .claims = &claim};
	struct intake_result res = {0};
	if (intake_register(db, &cfg, &who[CLERK], &in, &res) < 0)
		die("intake_register");
	intake_result_free(&res);
	apply(ACT_CONFIRM, res.case_id, 0);
	apply(ACT_ACCEPT, res.case_id, 0);
	if (med > 0)
		apply(ACT_ASSIGN, res.case_id, med);
	return res.case_id;
}

static int64_t add_mediator(const char *name)
{
	struct roster_edit e = {.name = name, .side = "union", .affiliation = "", .affiliation_uscc = "",
				.phone = "", .capacity = 20, .specialties = "0601"};
	int64_t id = 0;
	char field[32];

	if (roster_save(db, &who[ADMIN], &e, &id, field) < 0)
		die("roster_save");
	return id;
}

static void setup(void)
{
	struct user_rec u;

	/* the first administrator, as init makes it, then the rest by them */
	if (auth_user_add(db, &cfg, 0, "admin", "管理员", "admin", PW, 0) < 0)
		die("admin");
	if (db_user_get(db, "admin", &u) <= 0)
		die("admin");
	who[ADMIN] = (struct actor){.role = ROLE_ADMIN, .user_id = u.id};
	user_rec_free(&u);
	med1_id = add_mediator("甲调解");
	med2_id = add_mediator("乙调解");
	if (auth_user_add(db, &cfg, who[ADMIN].user_id, "clerk", "窗口", "clerk", PW, 0) < 0 ||
	    auth_user_add(db, &cfg, who[ADMIN].user_id, "med1", "甲调解", "mediator", PW, med1_id) < 0 ||
	    auth_user_add(db, &cfg, who[ADMIN].user_id, "med2", "乙调解", "mediator", PW, med2_id) < 0 ||
	    auth_user_add(db, &cfg, who[ADMIN].user_id, "lost", "无档", "mediator", PW, 0) < 0)
		die("accounts");
	for (int i = 0; i < NWHO; i++)
		if (account_sign_in(db, &cfg, logins[i], PW, &accts[i], &who[i]) < 0)
			die(logins[i]);
	c1 = new_case(1, "张三", id1, med1_id);
	c2 = new_case(2, "李四", id2, med2_id);
	c3 = new_case(3, "王五", id3, 0);
}

/* ---- 1. signing in ---------------------------------------------------------- */

static void test_sign_in(void)
{
	struct account a;
	struct actor w;

	CHECK_INT(who[ADMIN].role, ROLE_ADMIN);
	CHECK_INT(who[CLERK].role, ROLE_CLERK);
	CHECK_INT(who[MED1].role, ROLE_MEDIATOR);
	CHECK_INT(who[MED1].mediator_id, med1_id);
	CHECK_INT(who[MED2].mediator_id, med2_id);
	CHECK_INT(who[LOST].mediator_id, 0);
	CHECK_INT(who[CLERK].user_id, accts[CLERK].id);
	CHECK(who[CLERK].user_id > 0 && who[CLERK].user_id != who[ADMIN].user_id, "user ids");
	CHECK_STR(accts[MED1].login, "med1");
	CHECK_STR(accts[MED1].display_name, "甲调解");
	CHECK_INT(account_sign_in(db, &cfg, "clerk", "wrong-pass-1", &a, &w), -1);
	CHECK(strstr(tj_errmsg(), "账号或密码错误") == tj_errmsg(), "wrong password: %s", tj_errmsg());
	CHECK(a.login == NULL && w.user_id == 0, "a refused sign-in leaves nothing");
}

/* ---- 2. list visibility ------------------------------------------------------ */

static int64_t listed(int k, int64_t only, int64_t *first)
{
	struct case_filter f = {.status = -1, .only_mediator = only};
	struct case_list l = {0};
	int64_t n;

	if (case_search(db, &cfg, &who[k], today, &f, &l) < 0) {
		fprintf(stderr, "case_search(%s): %s\n", logins[k], tj_errmsg());
		return -1;
	}
	n = l.total;
	if (first)
		*first = l.n ? l.v[0].id : 0;
	case_list_free(&l);
	return n;
}

static int64_t counted(int k)
{
	int64_t q[Q_COUNT];

	if (queue_counts(db, &cfg, &who[k], today, q) < 0)
		return -1;
	return q[Q_NONE];
}

static void test_list_visibility(void)
{
	int64_t first;

	/* the rule */
	CHECK_INT(access_case_scope(&who[ADMIN]), 0);
	CHECK_INT(access_case_scope(&who[CLERK]), 0);
	CHECK_INT(access_case_scope(&who[MED1]), med1_id);
	CHECK_INT(access_case_scope(&who[LOST]), -1);

	/* administrator: every case, even when the filter asks for less */
	CHECK_INT(listed(ADMIN, 0, NULL), 3);
	CHECK_INT(listed(ADMIN, med1_id, NULL), 3);
	CHECK_INT(counted(ADMIN), 3);
	/* clerk: every case */
	CHECK_INT(listed(CLERK, 0, NULL), 3);
	CHECK_INT(listed(CLERK, med2_id, NULL), 3);
	CHECK_INT(counted(CLERK), 3);
	/* mediator: only their own, whatever the filter says */
	CHECK_INT(listed(MED1, 0, &first), 1);
	CHECK_INT(first, c1);
	CHECK_INT(listed(MED1, med2_id, &first), 1);
	CHECK_INT(first, c1);
	CHECK_INT(counted(MED1), 1);
	CHECK_INT(listed(MED2, 0, &first), 1);
	CHECK_INT(first, c2);
	CHECK_INT(counted(MED2), 1);
	/* a mediator without a record: nothing */
	CHECK_INT(listed(LOST, 0, NULL), 0);
	CHECK_INT(counted(LOST), 0);

	/* a mediator searching for another's applicant finds nothing */
	struct case_filter f = {.status = -1, .text = "李四"};
	struct case_list l = {0};
	CHECK_INT(case_search(db, &cfg, &who[MED1], today, &f, &l), 0);
	CHECK_INT(l.total, 0);
	case_list_free(&l);
	CHECK_INT(case_search(db, &cfg, &who[CLERK], today, &f, &l), 0);
	CHECK_INT(l.total, 1);
	case_list_free(&l);

	/* their own cases and agenda: a mediator only their own */
	struct case_list open = {0};
	CHECK_INT(mycases_load(db, &cfg, &who[MED1], 0, today, &open, NULL), 0);
	CHECK(open.n == 1 && open.v[0].id == c1, "med1's own cases");
	case_list_free(&open);
	CHECK_INT(mycases_load(db, &cfg, &who[MED1], med2_id, today, &open, NULL), -1);
	CHECK_INT(mycases_load(db, &cfg, &who[ADMIN], med2_id, today, &open, NULL), 0);
	CHECK(open.n == 1 && open.v[0].id == c2, "the admin reads med2's cases");
	case_list_free(&open);
	int64_t m = 0;
	CHECK_INT(access_mediator_scope(&who[MED2], &m), 0);
	CHECK_INT(m, med2_id);
	m = med1_id;
	CHECK_INT(access_mediator_scope(&who[MED2], &m), -1);
	m = med1_id;
	CHECK_INT(access_mediator_scope(&who[CLERK], &m), 0);
	CHECK_INT(m, med1_id);
	m = 0;
	CHECK_INT(access_mediator_scope(&who[LOST], &m), -1);
}

/* ---- 3. detail visibility ------------------------------------------------------ */

static int opens(int k, int64_t id)
{
	struct case_view cv;
	int rc = case_load(db, &who[k], id, &cv);

	if (rc > 0)
		case_view_free(&cv);
	return rc;
}

static void test_detail_visibility(void)
{
	const char *reason = NULL;
	struct case_state theirs = {.status = ST_ASSIGNED, .mediator_id = med2_id};

	CHECK_INT(access_may_view(&who[ADMIN], &theirs, &reason), 0);
	CHECK_INT(access_may_view(&who[CLERK], &theirs, &reason), 0);
	CHECK_INT(access_may_view(&who[MED2], &theirs, &reason), 0);
	CHECK_INT(access_may_view(&who[MED1], &theirs, &reason), -1);
	CHECK(reason && strstr(reason, "调解员只能查看本人承办的案件"), "reason given");
	CHECK_INT(access_may_view(&who[LOST], &(struct case_state){.mediator_id = 0}, &reason), -1);

	for (int64_t id = c1; id <= c3; id++) {
		CHECK_INT(opens(ADMIN, id), 1);
		CHECK_INT(opens(CLERK, id), 1);
	}
	CHECK_INT(opens(MED1, c1), 1);
	CHECK_INT(opens(MED1, c2), -1);
	CHECK(strstr(tj_errmsg(), "不是分派给您的") != NULL, "refusal says why");
	CHECK_INT(opens(MED1, c3), -1);
	CHECK_INT(opens(MED2, c2), 1);
	CHECK_INT(opens(MED2, c1), -1);
	CHECK_INT(opens(LOST, c3), -1);
}

/* ---- 4. masking ---------------------------------------------------------------- */

/* The applicant number a role's list shows for a search of the full number. */
static void shown_id(int k, const char *id_no, char out[64])
{
	struct case_filter f = {.status = -1, .text = id_no};
	struct case_list l = {0};

	out[0] = '\0';
	if (case_search(db, &cfg, &who[k], today, &f, &l) == 0 && l.n == 1)
		snprintf(out, 64, "%s", l.v[0].applicant_id);
	case_list_free(&l);
}

static void test_masking(void)
{
	char want1[40], want2[40], got[64];

	val_mask(id1, want1, sizeof want1);
	val_mask(id2, want2, sizeof want2);
	CHECK(strcmp(want1, id1) != 0 && strstr(want1, "****") != NULL, "val_mask masks");
	for (int k = ADMIN; k <= MED1; k++) {
		char m[40];
		CHECK_STR(access_mask_id(&who[k], id1, m, sizeof m), want1);
	}
	shown_id(ADMIN, id1, got);
	CHECK_STR(got, want1);
	shown_id(CLERK, id2, got);
	CHECK_STR(got, want2);
	shown_id(MED1, id1, got);
	CHECK_STR(got, want1);
	shown_id(MED2, id2, got);
	CHECK_STR(got, want2);

	/* the db below returns the number as stored: masking is the core's */
	struct case_filter f = {.status = -1, .text = id1};
	struct case_list l = {0};
	struct search_terms terms;
	struct queue_bounds b;
	queue_bounds(&cfg, today, &b);
	search_terms_make(id1, &terms);
	struct db_search_in in = {.f = &f, .b = &b, .terms = &terms};
	CHECK_INT(db_case_search(db, &in, &l), 0);
	search_terms_free(&terms);
	CHECK(l.n == 1 && strcmp(l.v[0].applicant_id, id1) == 0, "db: as stored");
	db_case_list_free(&l);
}

/* ---- 5. full export -------------------------------------------------------------- */

static int exports(int k, int full, const char *file)
{
	struct report_period p;
	struct report_opts o = {.full_ids = full, .today = today, .now = "2026-11-20 10:00:00"};

	report_period_month("2026-11", &p);
	return report_export(db, &cfg, &who[k], &p, testdb_path(file), &o, NULL, NULL, NULL);
}

static void test_export(void)
{
	struct stat sb;

	CHECK_INT(access_may_export(&who[ADMIN], 1), 0);
	CHECK_INT(access_may_export(&who[ADMIN], 0), 0);
	for (int k = CLERK; k < NWHO; k++) {
		CHECK_INT(access_may_export(&who[k], 1), -1);
		CHECK_INT(access_may_export(&who[k], 0), -1);
	}
	CHECK_STR(tj_errmsg(), "只有管理员可以导出统计工作簿");

	CHECK_INT(exports(ADMIN, 1, "full.xlsx"), REPORT_OK);
	CHECK(stat(testdb_path("full.xlsx"), &sb) == 0 && (sb.st_mode & 0777) == 0600, "full: owner only");
	CHECK_INT(exports(ADMIN, 0, "masked.xlsx"), REPORT_OK);
	CHECK_INT(exports(CLERK, 1, "clerk.xlsx"), REPORT_ERROR);
	CHECK_INT(exports(CLERK, 0, "clerk.xlsx"), REPORT_ERROR);
	CHECK_INT(exports(MED1, 1, "med.xlsx"), REPORT_ERROR);
	CHECK_INT(exports(MED1, 0, "med.xlsx"), REPORT_ERROR);
	CHECK(stat(testdb_path("clerk.xlsx"), &sb) < 0 && stat(testdb_path("med.xlsx"), &sb) < 0,
	      "nothing written when refused");

	struct actor sys = access_system_actor(&cfg);
	CHECK_INT(sys.role, ROLE_ADMIN);
	CHECK_INT(sys.user_id, 0);
	CHECK_INT(access_may_export(&sys, 1), 0);
}

/* ---- 6. the other reads ------------------------------------------------------------ */

static void test_reads(void)
{
	struct person_full pf;
	struct employer_full ef;
	struct employer_matches em;
	struct consult_list cl;
	struct mediator_choices mc;
	struct dashboard d;
	struct draft_list dl;
	const char *field;
	int64_t id = 0;

	/* the archive: those who register */
	CHECK_INT(archive_person_find(db, &who[CLERK], "id", id1, &pf), 1);
	person_full_free(&pf);
	CHECK_INT(archive_person_find(db, &who[ADMIN], "id", id1, &pf), 1);
	person_full_free(&pf);
	CHECK_INT(archive_person_find(db, &who[MED1], "id", id1, &pf), -1);
	CHECK_INT(archive_employer_find(db, &who[CLERK], NULL, "权限测试公司1", &ef), 1);
	employer_full_free(&ef);
	CHECK_INT(archive_employer_find(db, &who[MED1], NULL, "权限测试公司1", &ef), -1);
	CHECK_INT(employer_search(db, &who[CLERK], "权限测试", 10, &em), 0);
	CHECK_INT(em.n, 3);
	employer_matches_free(&em);
	CHECK_INT(employer_search(db, &who[MED2], "权限测试", 10, &em), -1);

	/* consultations: not mediators */
	CHECK_INT(consult_record(db, &who[CLERK], "0601", "工资怎么算", "", 0, &field), 0);
	CHECK_INT(consult_day_load(db, &who[CLERK], "2026-11-20", &cl), 0);
	CHECK_INT(cl.n, 1);
	consult_list_free(&cl);
	CHECK_INT(consult_day_load(db, &who[ADMIN], "2026-11-20", &cl), 0);
	CHECK_INT(cl.n, 1);
	consult_list_free(&cl);
	CHECK_INT(consult_day_load(db, &who[MED1], "2026-11-20", &cl), -1);

	/* the mediators to choose from: not mediators */
	CHECK_INT(mediator_choices_load(db, &who[ADMIN], &mc), 0);
	CHECK_INT(mc.n, 2);
	mediator_choices_free(&mc);
	CHECK_INT(mediator_choices_load(db, &who[CLERK], &mc), 0);
	mediator_choices_free(&mc);
	CHECK_INT(mediator_choices_load(db, &who[MED1], &mc), -1);

	/* the dashboard: the administrator */
	CHECK_INT(dashboard_load(db, &cfg, &who[ADMIN], today, &d), 0);
	CHECK(d.nmediators == 2, "dashboard mediators");
	dashboard_free(&d);
	CHECK_INT(dashboard_load(db, &cfg, &who[CLERK], today, &d), -1);
	CHECK_INT(dashboard_load(db, &cfg, &who[MED1], today, &d), -1);

	/* drafts: one's own */
	CHECK_INT(draft_keep(db, who[CLERK].user_id, "intake", "facts=x\n", &id), 0);
	CHECK_INT(drafts_load(db, &who[CLERK], &dl), 0);
	CHECK_INT(dl.n, 1);
	draft_list_free(&dl);
	CHECK_INT(drafts_load(db, &who[ADMIN], &dl), 0);
	CHECK_INT(dl.n, 0);
	draft_list_free(&dl);

	/* causes: reference data, anyone */
	char *name = NULL;
	CHECK_INT(cause_lookup(db, &who[MED1], "0601", &name), 1);
	CHECK(name && *name, "cause name");
	free(name);

	/* whose mediator an account is: not for mediators */
	int64_t m = -1;
	CHECK_INT(account_mediator(db, &who[ADMIN], "med2", &m), 1);
	CHECK_INT(m, med2_id);
	CHECK_INT(account_mediator(db, &who[ADMIN], "clerk", &m), 1);
	CHECK_INT(m, 0);
	CHECK_INT(account_mediator(db, &who[ADMIN], "nobody", &m), 0);
	CHECK_INT(account_mediator(db, &who[MED1], "med2", &m), -1);
}

/* ---- 7. the command line's boundary ---------------------------------------------- */

static void test_boundary(void)
{
	const char *reason;
	int64_t mid = 0;

	/* root (or the service account) is trusted; the test override makes
	 * anyone an ordinary caller, and only "1" does */
	unsetenv("TIAOJIE_TEST_UNTRUSTED");
	if (getuid() == 0)
		CHECK_INT(access_trusted_caller(), 1);
	setenv("TIAOJIE_TEST_UNTRUSTED", "1", 1);
	CHECK_INT(access_trusted_caller(), 0);
	setenv("TIAOJIE_TEST_UNTRUSTED", "yes", 1);
	if (getuid() == 0)
		CHECK_INT(access_trusted_caller(), 1);
	unsetenv("TIAOJIE_TEST_UNTRUSTED");

	CHECK_INT(access_may_manage_users(&who[ADMIN]), 0);
	CHECK_INT(access_may_maintain(&who[ADMIN]), 0);
	CHECK_INT(access_may_import(&who[ADMIN]), 0);
	CHECK_INT(access_may_import(&who[CLERK]), 0);
	for (int k = CLERK; k < NWHO; k++) {
		access_refusal_clear();
		CHECK_INT(access_may_manage_users(&who[k]), -1);
		CHECK_INT(access_refused(), 1);
		CHECK_STR(tj_errmsg(), "只有管理员可以管理账号");
		CHECK_INT(access_may_maintain(&who[k]), -1);
	}
	CHECK_INT(access_may_import(&who[MED1]), -1);

	/* the mark: set by a refusal, whatever the function it came through */
	access_refusal_clear();
	CHECK_INT(access_refused(), 0);
	CHECK_INT(access_may_manage_users(&who[ADMIN]), 0);
	CHECK_INT(access_refused(), 0);
	struct case_state other = {.mediator_id = who[MED1].mediator_id + 1000};
	CHECK_INT(access_may_view(&who[MED1], &other, &reason), -1);
	CHECK_INT(access_refused(), 1);
	access_refusal_clear();
	CHECK_INT(account_mediator(db, &who[MED1], "admin", &mid), -1);
	CHECK_INT(access_refused(), 1);
	access_refusal_clear();
	CHECK_INT(access_may_see_full_ids(&who[CLERK]), -1);
	CHECK_INT(access_refused(), 1);
	access_refusal_clear();
}

int main(void)
{
	setenv("TIAOJIE_NOW", "2026-11-20 10:00:00", 1);
	config_defaults(&cfg);
	today = tj_today();
	db = testdb_new("access.db");
	holidays_init(&hol);
	if (holidays_from_db(db, &hol) < 0)
		return 1;
	setup();

	test_sign_in();
	test_list_visibility();
	test_detail_visibility();
	test_masking();
	test_export();
	test_reads();
	test_boundary();

	for (int i = 0; i < NWHO; i++)
		account_free(&accts[i]);
	holidays_free(&hol);
	db_close(db);
	config_free(&cfg);
	testdb_cleanup();
	return tap_done();
}
