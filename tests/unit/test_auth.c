/*
 * test_auth.c - passwords (yescrypt only), login with lockout, account
 * management rules, and the UTF-8 helpers they rely on.
 */
#include "tap.h"
#include "testdb.h"
#include "tiaojie/auth.h"

int main(void)
{
	struct config cfg;
	struct user_rec u = {0};
	const char *reason;

	setenv("TIAOJIE_NOW", "2026-11-20 10:00:00", 1);
	config_defaults(&cfg);

	/* hashing */
	char *h = auth_hash("correct horse");
	CHECK(h && strncmp(h, "$y$", 3) == 0, "yescrypt hash: %s", h ? h : "(null)");
	char *h2 = auth_hash("correct horse");
	CHECK(h && h2 && strcmp(h, h2) != 0, "salts differ");
	CHECK_INT(auth_verify("correct horse", h), 1);
	CHECK_INT(auth_verify("correct hors", h), 0);
	CHECK_INT(auth_verify("", h), 0);
	/* non-yescrypt hashes are refused, even when they would match */
	CHECK_INT(auth_verify("x", "$6$saltsalt$abcdefghijklmnop"), -1);
	CHECK(strstr(tj_errmsg(), "yescrypt") != NULL, "%s", tj_errmsg());
	CHECK_INT(auth_verify("x", "plaintext"), -1);
	CHECK_INT(auth_verify("x", "$y$broken"), -1);
	free(h);
	free(h2);

	/* password and login rules */
	CHECK_INT(auth_password_check("demo1234", 8, &reason), 0);
	CHECK_INT(auth_password_check("密码是八个汉字啊", 8, &reason), 0);
	CHECK_INT(auth_password_check("short", 8, &reason), -1);
	CHECK(strstr(reason, "至少8") != NULL, "%s", reason);
	CHECK_INT(auth_password_check("abc\x01" "defgh", 8, &reason), -1);
	CHECK_INT(auth_password_check("abcdefg\xff", 8, &reason), -1);
	CHECK_INT(auth_login_check("clerk2", &reason), 0);
	CHECK_INT(auth_login_check("Clerk", &reason), -1);
	CHECK_INT(auth_login_check("2clerk", &reason), -1);
	CHECK_INT(auth_login_check("cl erk", &reason), -1);
	CHECK_INT(auth_login_check("", &reason), -1);
	CHECK_INT(auth_login_check("abcdefghijklmnopqrstuvwxyz0123456789", &reason), -1);

	struct db *db = testdb_new("auth.db");
	CHECK_INT(auth_user_add(db, &cfg, 0, "boss", "主任", "admin", "demo1234", 0), 0);
	CHECK_INT(auth_user_add(db, &cfg, 0, "boss", "主任", "admin", "demo1234", 0), -1);
	CHECK(strstr(tj_errmsg(), "已存在") != NULL, "%s", tj_errmsg());
	CHECK_INT(auth_user_add(db, &cfg, 0, "w1", "窗口一", "clerk", "demo1234", 0), 0);
	CHECK_INT(auth_user_add(db, &cfg, 0, "w2", "窗口二", "janitor", "demo1234", 0), -1);
	CHECK_INT(auth_user_add(db, &cfg, 0, "w3", "窗口三", "clerk", "123", 0), -1);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM users WHERE pw_hash LIKE '$y$%'"), 2);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM users WHERE pw_hash LIKE '%demo1234%'"), 0);

	/* login */
	CHECK_INT(auth_login(db, &cfg, "w1", "demo1234", &u), 0);
	CHECK_STR(u.role, "clerk");
	CHECK_STR(u.display_name, "窗口一");
	user_rec_free(&u);
	CHECK_INT(auth_login(db, &cfg, "nobody", "demo1234", &u), -1);
	CHECK(strstr(tj_errmsg(), "账号或密码错误") != NULL, "%s", tj_errmsg());
	char unknown[512];
	snprintf(unknown, sizeof unknown, "%s", tj_errmsg());

	/* lockout after lockout_failures failures in a row; a success in
	 * between resets the count */
	cfg.lockout_failures = 3;
	CHECK_INT(auth_login(db, &cfg, "w1", "wrong", &u), -1);
	/* the same answer as for an account that does not exist */
	cfg.lockout_failures = 5;
	CHECK_INT(auth_login(db, &cfg, "nobody", "demo1234", &u), -1);
	snprintf(unknown, sizeof unknown, "%s", tj_errmsg());
	CHECK_INT(auth_login(db, &cfg, "w1", "demo1234", &u), 0);
	user_rec_free(&u);
	CHECK_INT(auth_login(db, &cfg, "w1", "wrong", &u), -1);
	CHECK_STR(tj_errmsg(), unknown);
	CHECK(strstr(tj_errmsg(), "还可再试") == NULL, "no tries left told: %s", tj_errmsg());
	cfg.lockout_failures = 3;
	CHECK_INT(auth_login(db, &cfg, "w1", "demo1234", &u), 0);
	user_rec_free(&u);
	CHECK_INT(testdb_int(db, "SELECT failed FROM users WHERE login = 'w1'"), 0);
	for (int i = 0; i < 3; i++)
		CHECK_INT(auth_login(db, &cfg, "w1", "wrong", &u), -1);
	CHECK(strstr(tj_errmsg(), "锁定") != NULL, "%s", tj_errmsg());
	CHECK_INT(testdb_int(db, "SELECT locked FROM users WHERE login = 'w1'"), 1);
	/* even the right password is refused now, with the same answer */
	CHECK_INT(auth_login(db, &cfg, "w1", "demo1234", &u), -1);
	snprintf(unknown, sizeof unknown, "%s", tj_errmsg());
	CHECK_INT(auth_login(db, &cfg, "nobody", "demo1234", &u), -1);
	CHECK_STR(tj_errmsg(), unknown);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE entity = 'user' AND action = 'lock'"), 1);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE entity = 'user' AND action = 'login_failed'"), 4);
	/* an admin's password reset unlocks */
	CHECK_INT(auth_user_passwd(db, &cfg, 0, "w1", "newpass99"), 0);
	CHECK_INT(auth_login(db, &cfg, "w1", "newpass99", &u), 0);
	user_rec_free(&u);
	CHECK_INT(auth_user_passwd(db, &cfg, 0, "ghost", "newpass99"), -1);

	/* disabling; the last admin stays */
	CHECK_INT(auth_user_disable(db, 0, "w1", 1), 0);
	CHECK_INT(auth_login(db, &cfg, "w1", "newpass99", &u), -1);
	CHECK(strstr(tj_errmsg(), "账号或密码错误") != NULL, "disabled: the one answer: %s", tj_errmsg());
	CHECK_INT(auth_user_disable(db, 0, "boss", 1), -1);
	CHECK(strstr(tj_errmsg(), "最后一个管理员") != NULL, "%s", tj_errmsg());
	CHECK_INT(auth_user_add(db, &cfg, 0, "boss2", NULL, "admin", "demo1234", 0), 0);
	CHECK_INT(auth_user_disable(db, 0, "boss", 1), 0);
	CHECK_INT(auth_user_disable(db, 0, "boss2", 1), -1);
	CHECK_INT(auth_user_disable(db, 0, "boss", 0), 0);

	/* a stored hash of another scheme is refused at login */
	testdb_raw(db, "UPDATE users SET pw_hash = '$1$abc$0123456789abcdef' WHERE login = 'boss2'");
	CHECK_INT(auth_login(db, &cfg, "boss2", "demo1234", &u), -1);
	CHECK(strstr(tj_errmsg(), "yescrypt") != NULL, "%s", tj_errmsg());

	/* UTF-8 helpers */
	CHECK(utf8_valid("调解abc", strlen("调解abc")), "valid");
	CHECK(!utf8_valid("\xc0\xaf", 2), "overlong");
	CHECK(!utf8_valid("\xed\xa0\x80", 3), "surrogate");
	CHECK(!utf8_valid("\xe8\xb0", 2), "truncated");
	CHECK(!utf8_valid("\xf4\x90\x80\x80", 4), "beyond U+10FFFF");
	CHECK(utf8_has_control("a\x1b[31m", 1), "escape");
	CHECK(utf8_has_control("a\xc2\x85", 1), "C1 control");
	CHECK(!utf8_has_control("第一行\n第二行", 1), "newline allowed");
	CHECK(utf8_has_control("第一行\n第二行", 0), "newline refused");
	CHECK_INT(utf8_chars("调解a"), 3);

	/* a read-only database: the password is checked, nothing written */
	CHECK_INT(auth_user_add(db, &cfg, 0, "ro1", "只读", "clerk", "demo1234", 0), 0);
	int64_t events_before = testdb_int(db, "SELECT count(*) FROM events");
	db_close(db);
	db = db_open(testdb_path("auth.db"), DB_OPEN_READONLY, 2000);
	CHECK(db != NULL, "read-only open: %s", tj_errmsg());
	if (db) {
		CHECK_INT(auth_login(db, &cfg, "ro1", "demo1234", &u), 0);
		user_rec_free(&u);
		CHECK_INT(auth_login(db, &cfg, "ro1", "wrong", &u), -1);
		CHECK(strstr(tj_errmsg(), "数据库只读，未计入失败次数") != NULL, "%s", tj_errmsg());
		CHECK_INT(testdb_int(db, "SELECT failed FROM users WHERE login = 'ro1'"), 0);
		CHECK_INT(testdb_int(db, "SELECT count(*) FROM events"), events_before);
		db_close(db);
	}
	config_free(&cfg);
	testdb_cleanup();
	return tap_done();
}
