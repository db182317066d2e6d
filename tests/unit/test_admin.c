/*
 * test_admin.c - the roster, the accounts, the agenda and a mediator's own
 * cases (admin.h):
 * 1. roster: add, edit (specialties replaced), every bad field named,
 *    specialties parsed from what a clerk types, the account link (only a
 *    mediator account, not one linked elsewhere), deactivation (no longer
 *    offered for assignment, open cases reported), roles refused;
 * 2. accounts: add (a mediator account must name a free mediator), change
 *    role (the last admin stays admin), disable (not oneself, not the last
 *    admin), reset password (clears the lockout, new password logs in),
 *    unlock, roles refused;
 * 3. agenda: a mediator's sessions by day, only their own, cancelled left
 *    out, everyone's for an admin;
 * 4. my cases: own open cases soonest deadline first with due-soon and
 *    overdue marked, another mediator's case not among them and refused by
 *    case_load.
 */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testdb.h"
#include "tiaojie/admin.h"
#include "tiaojie/assign.h"
#include "tiaojie/auth.h"
#include "tiaojie/casework.h"
#include "tiaojie/intake.h"

static struct config cfg;
static struct holidays hol;
static struct db *db;
static struct actor admin, clerk, nomed;

static int64_t user_id(const char *login)
{
	struct user_rec u;
	int64_t id = 0;

	if (db_user_get(db, login, &u) > 0) {
		id = u.id;
		user_rec_free(&u);
	}
	return id;
}

static int64_t add_user(const char *login, const char *role, int64_t med)
{
	if (auth_user_add(db, &cfg, 0, login, login, role, "secret-pass-1", med) < 0) {
		fprintf(stderr, "user %s: %s\n", login, tj_errmsg());
		exit(1);
	}
	return user_id(login);
}

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

static int apply(enum case_action a, int64_t id, int64_t med, const char *day, const char *start, const char *room)
{
	struct case_op op = {.action = a, .case_id = id, .confirm_how = "phone", .mediator_id = med,
			     .day = day, .start = start, .minutes = 60, .room = room};
	struct case_op_result res;
	int rc = case_apply(db, &cfg, &hol, &admin, &op, &res);

	if (rc != 0)
		fprintf(stderr, "apply %s on %lld: %s\n", action_keyword(a), (long long)id, tj_errmsg());
	return rc;
}

/* A case of applicant n assigned to mediator med (0: left accepted). */
static int64_t new_case(int n, const char *name, int64_t med)
{
	char id_no[19], emp_name[64];
	struct intake_person app;
	struct intake_employer emp;
	struct intake_claim claim = {.cause = "0601", .text = "支付拖欠工资", .amount = "5000"};

	make_id(n, id_no);
	snprintf(emp_name, sizeof emp_name, "日程测试公司%d", n);
	app = (struct intake_person){.id_type = "id", .id_no = id_no, .name = name, .phone = "13812345678",
				     .address = "上海市徐汇区漕溪北路1号"};
	emp = (struct intake_employer){.name = emp_name};
	struct intake in = {.channel = "window", .facts = "拖欠工资。", .napplicants = 1, .applicants = &app,
			    .nrespondents = 1, .respondents = &emp, .nclaims = 1, .claims = &claim};
	struct intake_result res = {0};
	if (intake_register(db, &cfg, &clerk, &in, &res) < 0) {
		fprintf(stderr, "intake_register: %s\n", tj_errmsg());
		exit(1);
	}
	intake_result_free(&res);
	if (apply(ACT_CONFIRM, res.case_id, 0, NULL, NULL, NULL) || apply(ACT_ACCEPT, res.case_id, 0, NULL, NULL, NULL))
		exit(1);
	if (med > 0 && apply(ACT_ASSIGN, res.case_id, med, NULL, NULL, NULL))
		exit(1);
	return res.case_id;
}

/* ---- 1. roster -------------------------------------------------------------- */

static int64_t saved_id;
static char field[32];

static int save(const struct actor *who, const struct roster_edit *e)
{
	tj_error_clear();
	return roster_save(db, who, e, &saved_id, field);
}

static void test_roster(void)
{
	char *s;

	/* what a clerk types for specialties */
	s = roster_parse_specialties(db, "0601，0602、06 0601,");
	CHECK_STR(s ? s : "(null)", "0601,0602,06");
	free(s);
	s = roster_parse_specialties(db, "");
	CHECK_STR(s ? s : "(null)", "");
	free(s);
	CHECK(roster_parse_specialties(db, "0601,9999") == NULL && strstr(tj_errmsg(), "9999"), "unknown code named");
	CHECK(roster_parse_specialties(db, "工资") == NULL && strstr(tj_errmsg(), "工资"), "not a code");
	CHECK(roster_parse_specialties(db, "060") == NULL, "three digits");

	struct roster_edit e = {.name = "郑调解", .side = "union", .affiliation = "市总工会", .phone = "138 1234 5678",
				.capacity = 12, .specialties = "0601, 0602"};
	CHECK_INT(save(&clerk, &e), -1);
	CHECK(strstr(tj_errmsg(), "只有管理员") != NULL, "clerk refused: %s", tj_errmsg());
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM mediators WHERE ?1 = ?1", 0), 0);
	CHECK_INT(save(&admin, &e), 0);
	int64_t id = saved_id;
	CHECK(id > 0, "id %lld", (long long)id);
	CHECK_INT(testdb_int_id(db, "SELECT capacity FROM mediators WHERE id = ?", id), 12);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM mediator_specialties WHERE mediator_id = ?", id), 2);
	CHECK_INT(testdb_int_id(db, "SELECT phone = '13812345678' FROM mediators WHERE id = ?", id), 1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE entity = 'mediator' AND entity_id = ? AND "
			  "action = 'mediator_add'", id), 1);

	/* every bad field named, nothing written */
	struct {
		struct roster_edit e;
		const char *field;
	} bads[] = {
		{{.name = "", .side = "union", .capacity = 5}, "name"},
		{{.name = "名\x01字", .side = "union", .capacity = 5}, "name"},
		{{.name = "甲", .side = "court", .capacity = 5}, "side"},
		{{.name = "甲", .side = "expert", .capacity = 5}, "expert_kind"},
		{{.name = "甲", .side = "expert", .expert_kind = "judge", .capacity = 5}, "expert_kind"},
		{{.name = "甲", .side = "hrss", .affiliation_uscc = "91310000MA1FL0000X", .capacity = 5}, "affiliation_uscc"},
		{{.name = "甲", .side = "hrss", .phone = "12345", .capacity = 5}, "phone"},
		{{.name = "甲", .side = "hrss", .capacity = 1001}, "capacity"},
		{{.name = "甲", .side = "hrss", .capacity = -1}, "capacity"},
		{{.name = "甲", .side = "hrss", .capacity = 5, .specialties = "0601,7777"}, "specialties"},
	};
	int64_t before = testdb_int_id(db, "SELECT count(*) FROM mediators WHERE ?1 = ?1", 0);
	for (size_t i = 0; i < TJ_ARRAY_LEN(bads); i++) {
		CHECK_INT(save(&admin, &bads[i].e), -1);
		CHECK_STR(field, bads[i].field);
		CHECK(tj_errmsg()[0] != '\0', "bad %zu has a message", i);
	}
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM mediators WHERE ?1 = ?1", 0), before);

	/* an expert */
	struct roster_edit ex = {.name = "钱律师", .side = "expert", .expert_kind = "lawyer", .affiliation = "公益律师事务所",
				 .capacity = 8, .specialties = "02"};
	CHECK_INT(save(&admin, &ex), 0);
	int64_t lawyer = saved_id;

	/* edit: capacity and specialties replaced, the event keeps before and after */
	e.id = id;
	e.capacity = 20;
	e.specialties = "0701";
	CHECK_INT(save(&admin, &e), 0);
	CHECK_INT(saved_id, id);
	CHECK_INT(testdb_int_id(db, "SELECT capacity FROM mediators WHERE id = ?", id), 20);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM mediator_specialties WHERE mediator_id = ? AND cause = '0701'", id), 1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM mediator_specialties WHERE mediator_id = ?", id), 1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE entity = 'mediator' AND entity_id = ? AND "
			  "action = 'mediator_edit' AND before LIKE '%上限：12%' AND after LIKE '%上限：20%'", id), 1);
	e.id = 99999;
	CHECK_INT(save(&admin, &e), -1);
	CHECK(strstr(tj_errmsg(), "不存在") != NULL, "unknown mediator: %s", tj_errmsg());
	e.id = id;

	/* two administrators edit the mediator at once: the later save is
	 * refused (nothing written) until it is made knowing the other */
	struct roster r = {0};
	char *seen = NULL;
	CHECK_INT(roster_load(db, &admin, &r), 0);
	for (int i = 0; i < r.n; i++)
		if (r.v[i].id == id)
			seen = roster_entry_state(&r.v[i]);
	roster_free(&r);
	CHECK(seen && strstr(seen, "上限：20") && strstr(seen, "0701"), "state: %s", seen ? seen : "(null)");
	struct roster_edit other = e;
	other.capacity = 25; /* the other administrator, no check */
	CHECK_INT(save(&admin, &other), 0);
	e.seen = seen;
	e.capacity = 30;
	int64_t nev = testdb_int_id(db, "SELECT count(*) FROM events WHERE entity_id = ?1 AND entity = 'mediator'", id);
	CHECK_INT(save(&admin, &e), -1);
	CHECK_STR(field, "seen");
	CHECK(strstr(tj_errmsg(), "其他管理员") && strstr(tj_errmsg(), "上限：25"), "conflict: %s", tj_errmsg());
	CHECK_INT(testdb_int_id(db, "SELECT capacity FROM mediators WHERE id = ?", id), 25);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE entity_id = ?1 AND entity = 'mediator'", id), nev);
	/* read again, saved: ours now */
	CHECK_INT(roster_load(db, &admin, &r), 0);
	for (int i = 0; i < r.n; i++)
		if (r.v[i].id == id) {
			free(seen);
			seen = roster_entry_state(&r.v[i]);
		}
	roster_free(&r);
	e.seen = seen;
	CHECK_INT(save(&admin, &e), 0);
	CHECK_INT(testdb_int_id(db, "SELECT capacity FROM mediators WHERE id = ?", id), 30);
	e.seen = NULL;
	free(seen);
	e.capacity = 20;
	CHECK_INT(save(&admin, &e), 0);

	/* the account link: only a mediator account, not one linked elsewhere */
	add_user("zheng", "mediator", 0);
	add_user("qian", "mediator", lawyer);
	add_user("wang", "clerk", 0);
	e.login = "wang";
	CHECK_INT(save(&admin, &e), -1);
	CHECK_STR(field, "login");
	e.login = "qian";
	CHECK_INT(save(&admin, &e), -1);
	CHECK(strstr(tj_errmsg(), "另一位调解员") != NULL, "linked elsewhere: %s", tj_errmsg());
	e.login = "nobody";
	CHECK_INT(save(&admin, &e), -1);
	CHECK_STR(field, "login");
	e.login = "zheng";
	CHECK_INT(save(&admin, &e), 0);
	CHECK_INT(testdb_int_id(db, "SELECT mediator_id FROM users WHERE login = 'zheng' AND ?1 = ?1", 0), id);
	CHECK_INT(roster_load(db, &admin, &r), 0);
	int listed = 0;
	for (int i = 0; i < r.n; i++)
		if (r.v[i].id == id) {
			listed = 1;
			CHECK_STR(r.v[i].login, "zheng");
			CHECK_STR(r.v[i].specialties, "0701");
			CHECK_STR(r.v[i].affiliation, "市总工会");
			CHECK_INT(r.v[i].capacity, 20);
		}
	CHECK(listed, "roster lists the mediator");
	roster_free(&r);
	CHECK_INT(roster_load(db, &nomed, &r), -1);
	clerk.clerk_may_assign = 1;
	CHECK_INT(roster_load(db, &clerk, &r), 0);
	roster_free(&r);
	clerk.clerk_may_assign = 0;
	/* unlink with "" */
	e.login = "";
	CHECK_INT(save(&admin, &e), 0);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM users WHERE mediator_id = ?", id), 0);
	e.login = "zheng";
	CHECK_INT(save(&admin, &e), 0);

	/* deactivation: open cases reported, no longer offered */
	new_case(1, "赵一", id);
	int open = -1;
	CHECK_INT(roster_set_active(db, &clerk, id, 0, &open), -1);
	CHECK_INT(roster_set_active(db, &admin, id, 0, &open), 0);
	CHECK_INT(open, 1);
	CHECK_INT(testdb_int_id(db, "SELECT active FROM mediators WHERE id = ?", id), 0);
	struct mediator_choices mc;
	CHECK_INT(db_mediator_choices(db, &mc), 0);
	int offered = 0;
	for (int i = 0; i < mc.n; i++)
		offered |= mc.v[i].id == id;
	CHECK(!offered, "a deactivated mediator is not offered");
	mediator_choices_free(&mc);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE entity = 'mediator' AND entity_id = ? AND "
			  "action = 'deactivate'", id), 1);
	CHECK_INT(roster_set_active(db, &admin, id, 1, NULL), 0);
	CHECK_INT(testdb_int_id(db, "SELECT active FROM mediators WHERE id = ?", id), 1);
	CHECK_INT(roster_set_active(db, &admin, 424242, 0, NULL), -1);
}

/* ---- 2. accounts -------------------------------------------------------------- */

static void test_users(void)
{
	struct user_rec u;
	struct user_list l;

	int64_t med = testdb_int_id(db, "SELECT id FROM mediators WHERE name = '钱律师' AND ?1 = ?1", 0);
	struct roster_edit fresh = {.name = "孙调解", .side = "hrss", .capacity = 10};
	CHECK_INT(roster_save(db, &admin, &fresh, &saved_id, field), 0);
	int64_t free_med = saved_id;

	struct user_edit e = {.login = "sun", .display_name = "孙调解", .role = "mediator", .password = "pass-word-2"};
	CHECK_INT(users_add(db, &cfg, &clerk, &e, field), -1);
	CHECK(user_id("sun") == 0, "clerk cannot add");
	CHECK_INT(users_add(db, &cfg, &admin, &e, field), -1);
	CHECK_STR(field, "mediator");
	e.mediator_id = med; /* already linked to qian */
	CHECK_INT(users_add(db, &cfg, &admin, &e, field), -1);
	CHECK(strstr(tj_errmsg(), "qian") != NULL, "names the other account: %s", tj_errmsg());
	e.mediator_id = free_med;
	e.password = "short";
	CHECK_INT(users_add(db, &cfg, &admin, &e, field), -1);
	CHECK_STR(field, "password");
	e.password = "pass-word-2";
	e.login = "Sun Li";
	CHECK_INT(users_add(db, &cfg, &admin, &e, field), -1);
	CHECK_STR(field, "login");
	e.login = "wang"; /* taken */
	CHECK_INT(users_add(db, &cfg, &admin, &e, field), -1);
	CHECK_STR(field, "login");
	e.login = "sun";
	e.role = "clerk";
	CHECK_INT(users_add(db, &cfg, &admin, &e, field), -1);
	CHECK_STR(field, "mediator");
	e.role = "mediator";
	CHECK_INT(users_add(db, &cfg, &admin, &e, field), 0);
	CHECK_INT(testdb_int_id(db, "SELECT mediator_id FROM users WHERE login = 'sun' AND ?1 = ?1", 0), free_med);
	CHECK_INT(users_load(db, &clerk, &l), -1);
	CHECK_INT(users_load(db, &admin, &l), 0);
	int found = 0;
	for (int i = 0; i < l.n; i++)
		if (strcmp(l.v[i].login, "sun") == 0) {
			found = 1;
			CHECK_STR(l.v[i].mediator, "孙调解");
			CHECK_STR(l.v[i].role, "mediator");
		}
	CHECK(found, "sun listed");
	user_list_free(&l);

	/* change role: sun becomes a clerk, the link goes */
	e.role = "clerk";
	e.mediator_id = 0;
	e.display_name = "孙窗口";
	CHECK_INT(users_update(db, &admin, &e, field), 0);
	CHECK_INT(testdb_int_id(db, "SELECT mediator_id IS NULL AND role = 'clerk' AND display_name = '孙窗口' FROM users "
			  "WHERE login = 'sun' AND ?1 = ?1", 0), 1);
	CHECK_INT(testdb_int_id(db, "SELECT count(*) FROM events WHERE entity = 'user' AND action = 'user_edit' AND entity_id = ?",
			  user_id("sun")), 1);

	/* the last admin stays admin and enabled */
	int64_t admin_id = admin.user_id;
	struct user_edit ad = {.login = "admin", .role = "clerk"};
	CHECK_INT(users_update(db, &admin, &ad, field), -1);
	CHECK(strstr(tj_errmsg(), "最后一个管理员") != NULL, "last admin role: %s", tj_errmsg());
	CHECK_INT(users_set_disabled(db, &admin, "admin", 1), -1);
	CHECK(strstr(tj_errmsg(), "自己") != NULL, "not oneself: %s", tj_errmsg());
	struct actor other_admin = {.role = ROLE_ADMIN, .user_id = 0};
	CHECK_INT(users_set_disabled(db, &other_admin, "admin", 1), -1);
	CHECK(strstr(tj_errmsg(), "最后一个管理员") != NULL, "last admin disable: %s", tj_errmsg());
	add_user("admin2", "admin", 0);
	CHECK_INT(users_update(db, &admin, &(struct user_edit){.login = "admin2", .role = "clerk"}, field), 0);
	CHECK_INT(users_update(db, &admin, &(struct user_edit){.login = "admin2", .role = "admin"}, field), 0);
	CHECK_INT(users_set_disabled(db, &admin, "admin2", 1), 0);
	CHECK_INT(testdb_int_id(db, "SELECT disabled FROM users WHERE login = 'admin2' AND ?1 = ?1", 0), 1);
	CHECK_INT(users_set_disabled(db, &clerk, "admin2", 0), -1);
	CHECK_INT(users_set_disabled(db, &admin, "admin2", 0), 0);
	CHECK_INT(testdb_int_id(db, "SELECT role FROM users WHERE id = ?", admin_id) != -999, 1);

	/* reset password: clears the lockout, the new password logs in */
	for (int i = 0; i < cfg.lockout_failures; i++)
		auth_login(db, &cfg, "wang", "wrong-password", &u);
	CHECK_INT(testdb_int_id(db, "SELECT locked FROM users WHERE login = 'wang' AND ?1 = ?1", 0), 1);
	CHECK_INT(users_reset_password(db, &cfg, &clerk, "wang", "new-pass-word"), -1);
	CHECK_INT(users_reset_password(db, &cfg, &admin, "wang", "x"), -1);
	CHECK_INT(testdb_int_id(db, "SELECT locked FROM users WHERE login = 'wang' AND ?1 = ?1", 0), 1);
	CHECK_INT(users_reset_password(db, &cfg, &admin, "wang", "new-pass-word"), 0);
	CHECK_INT(testdb_int_id(db, "SELECT locked + failed FROM users WHERE login = 'wang' AND ?1 = ?1", 0), 0);
	CHECK_INT(auth_login(db, &cfg, "wang", "new-pass-word", &u), 0);
	user_rec_free(&u);
	CHECK_INT(users_reset_password(db, &cfg, &admin, "nobody", "new-pass-word"), -1);

	/* unlock */
	for (int i = 0; i < cfg.lockout_failures; i++)
		auth_login(db, &cfg, "wang", "wrong-password", &u);
	CHECK_INT(users_unlock(db, &clerk, "wang"), -1);
	CHECK_INT(users_unlock(db, &admin, "wang"), 0);
	CHECK_INT(auth_login(db, &cfg, "wang", "new-pass-word", &u), 0);
	user_rec_free(&u);
}

/* ---- 3. agenda and 4. my cases -------------------------------------------------- */

static void test_agenda(void)
{
	struct agenda ag;
	struct case_list open, fol;
	int64_t m1 = testdb_int_id(db, "SELECT id FROM mediators WHERE name = '郑调解' AND ?1 = ?1", 0);
	int64_t m2 = testdb_int_id(db, "SELECT id FROM mediators WHERE name = '钱律师' AND ?1 = ?1", 0);
	struct actor a1 = {.role = ROLE_MEDIATOR, .user_id = user_id("zheng"), .mediator_id = m1};
	struct actor a2 = {.role = ROLE_MEDIATOR, .user_id = user_id("qian"), .mediator_id = m2};

	/* m1 already has case 1 (赵一); two more, and one for m2 */
	int64_t c2 = new_case(2, "赵二", m1);
	int64_t c3 = new_case(3, "赵三", m1);
	int64_t c4 = new_case(4, "钱四", m2);
	CHECK_INT(apply(ACT_SCHEDULE, c3, 0, "2026-11-24", "14:00", "第二调解室"), 0);
	CHECK_INT(apply(ACT_SCHEDULE, c2, 0, "2026-11-24", "09:30", "第一调解室"), 0);
	CHECK_INT(apply(ACT_SCHEDULE, c2, 0, "2026-11-26", "10:00", "第一调解室"), 0);
	CHECK_INT(apply(ACT_SCHEDULE, c4, 0, "2026-11-24", "09:30", "第三调解室"), 0);
	CHECK_INT(apply(ACT_SCHEDULE, c2, 0, "2026-12-10", "10:00", "第一调解室"), 0);

	CHECK_INT(agenda_load(db, &a1, 0, "2026-11-23", "2026-11-29", &ag), 0);
	CHECK_INT(ag.n, 3);
	if (ag.n == 3) {
		CHECK_STR(ag.v[0].start, "09:30");
		CHECK_STR(ag.v[0].end, "10:30");
		CHECK_STR(ag.v[0].day, "2026-11-24");
		CHECK_STR(ag.v[0].applicant, "赵二");
		CHECK_STR(ag.v[1].start, "14:00");
		CHECK_STR(ag.v[1].room, "第二调解室");
		CHECK_STR(ag.v[2].day, "2026-11-26");
	}
	agenda_free(&ag);
	/* a day */
	CHECK_INT(agenda_load(db, &a1, m1, "2026-11-24", "2026-11-24", &ag), 0);
	CHECK_INT(ag.n, 2);
	agenda_free(&ag);
	/* not another's */
	CHECK_INT(agenda_load(db, &a1, m2, "2026-11-23", "2026-11-29", &ag), -1);
	CHECK(strstr(tj_errmsg(), "本人") != NULL, "refused: %s", tj_errmsg());
	CHECK_INT(agenda_load(db, &nomed, 0, "2026-11-23", "2026-11-29", &ag), -1);
	/* an admin sees every mediator's, or one */
	CHECK_INT(agenda_load(db, &admin, 0, "2026-11-24", "2026-11-24", &ag), 0);
	CHECK_INT(ag.n, 3);
	agenda_free(&ag);
	CHECK_INT(agenda_load(db, &admin, m2, "2026-11-24", "2026-11-24", &ag), 0);
	CHECK_INT(ag.n, 1);
	if (ag.n == 1)
		CHECK_STR(ag.v[0].mediator, "钱律师");
	agenda_free(&ag);
	CHECK_INT(agenda_load(db, &admin, 0, "2026-11-30", "2026-11-24", &ag), -1);
	CHECK_INT(agenda_load(db, &admin, 0, "2026-13-01", "2026-12-24", &ag), -1);

	/* my cases: deadlines made different so the order is known */
	db_exec(db, "UPDATE cases SET deadline = '2026-11-19' WHERE id = (SELECT max(id) FROM cases WHERE mediator_id IS NOT NULL AND id < 3)");
	char sql[200];
	snprintf(sql, sizeof sql, "UPDATE cases SET deadline = '2026-11-21' WHERE id = %lld", (long long)c3);
	db_exec(db, sql);
	snprintf(sql, sizeof sql, "UPDATE cases SET deadline = '2026-12-30' WHERE id = %lld", (long long)c2);
	db_exec(db, sql);
	tj_day today;
	date_parse("2026-11-20", &today);
	CHECK_INT(mycases_load(db, &cfg, &a1, 0, today, &open, &fol), 0);
	CHECK_INT(open.n, 3);
	for (int i = 0; i + 1 < open.n; i++)
		CHECK(strcmp(open.v[i].deadline, open.v[i + 1].deadline) <= 0, "sorted by deadline");
	for (int i = 0; i < open.n; i++) {
		CHECK(open.v[i].id != c4, "another mediator's case is not listed");
		if (strcmp(open.v[i].deadline, "2026-11-19") == 0)
			CHECK(open.v[i].overdue && !open.v[i].due_soon, "overdue marked");
		if (open.v[i].id == c3)
			CHECK(open.v[i].due_soon && !open.v[i].overdue, "due soon marked");
		if (open.v[i].id == c2)
			CHECK(!open.v[i].due_soon && !open.v[i].overdue, "far deadline unmarked");
	}
	case_list_free(&open);
	case_list_free(&fol);
	CHECK_INT(mycases_load(db, &cfg, &a1, m2, today, &open, NULL), -1);
	CHECK_INT(mycases_load(db, &cfg, &admin, m2, today, &open, NULL), 0);
	CHECK_INT(open.n, 1);
	case_list_free(&open);
	CHECK_INT(mycases_load(db, &cfg, &admin, 0, today, &open, NULL), -1);

	/* the core refuses another mediator's case, to read or to change */
	struct case_view cv;
	CHECK_INT(case_load(db, &a1, c4, &cv), -1);
	struct case_op op = {.action = ACT_SCHEDULE, .case_id = c4, .day = "2026-11-27", .start = "09:00",
			     .minutes = 60, .room = "第一调解室"};
	struct case_op_result res;
	CHECK_INT(case_apply(db, &cfg, &hol, &a1, &op, &res), -1);
	CHECK_INT(case_load(db, &a2, c4, &cv), 1);
	case_view_free(&cv);
}

int main(void)
{
	struct strbuf rep;

	setenv("TIAOJIE_NOW", "2026-11-20 10:00:00", 1);
	config_defaults(&cfg);
	db = testdb_new("admin.db");
	holidays_init(&hol);
	if (holidays_from_db(db, &hol) < 0)
		return 1;
	admin = (struct actor){.role = ROLE_ADMIN, .user_id = add_user("admin", "admin", 0)};
	clerk = (struct actor){.role = ROLE_CLERK, .user_id = add_user("clerk", "clerk", 0)};
	nomed = (struct actor){.role = ROLE_MEDIATOR, .user_id = add_user("med", "mediator", 0)};

	test_roster();
	test_users();
	test_agenda();

	sb_init(&rep);
	CHECK_INT(db_check(db, lifecycle_status_actions_json(), &rep), 0);
	if (rep.buf)
		fprintf(stderr, "%s", rep.buf);
	sb_free(&rep);
	holidays_free(&hol);
	db_close(db);
	config_free(&cfg);
	testdb_cleanup();
	return tap_done();
}
