/*
 * auth.c - passwords and logins.
 *
 * Hashes are yescrypt from libxcrypt (crypt_gensalt_ra with "$y$" and the
 * library's default cost, crypt_ra to hash).  A stored hash of any other
 * scheme is refused rather than verified, so an old weak hash can never
 * open an account.  Comparison is by crypt's own output, compared in
 * constant time.
 */
#include "tiaojie/auth.h"

#include <crypt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/calendar.h"
#include "tiaojie/lifecycle.h"
#include "tiaojie/util.h"

char *auth_hash(const char *password)
{
	char *salt = crypt_gensalt_ra("$y$", 0, NULL, 0);
	void *data = NULL;
	int size = 0;
	char *h, *res;

	if (!salt) {
		tj_error("生成密码盐失败（libxcrypt 不支持 yescrypt？）");
		return NULL;
	}
	h = crypt_ra(password, salt, &data, &size);
	free(salt);
	if (!h || h[0] == '*') {
		free(data);
		tj_error("密码加密失败");
		return NULL;
	}
	res = xstrdup(h);
	free(data);
	return res;
}

int auth_verify(const char *password, const char *hash)
{
	void *data = NULL;
	int size = 0;
	const char *h;
	size_t n;
	unsigned char diff = 0;

	if (!hash || strncmp(hash, "$y$", 3) != 0) {
		tj_error("账号的密码不是 yescrypt 格式，已拒绝；请管理员重设密码");
		return -1;
	}
	h = crypt_ra(password, hash, &data, &size);
	if (!h || h[0] == '*') {
		free(data);
		tj_error("账号的密码记录已损坏；请管理员重设密码");
		return -1;
	}
	n = strlen(hash);
	if (strlen(h) != n) {
		free(data);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		diff |= (unsigned char)(h[i] ^ hash[i]);
	free(data);
	return diff == 0;
}

int auth_password_check(const char *password, int min_len, const char **reason)
{
	size_t len = strlen(password);

	if (len > 128) {
		*reason = "密码过长（最多128字节）";
		return -1;
	}
	if (!utf8_valid(password, len)) {
		*reason = "密码含有无效的UTF-8字节";
		return -1;
	}
	if (utf8_has_control(password, 0)) {
		*reason = "密码不能含有控制字符";
		return -1;
	}
	if ((int)utf8_chars(password) < min_len) {
		static char msg[64];
		snprintf(msg, sizeof msg, "密码太短，至少%d个字符", min_len);
		*reason = msg;
		return -1;
	}
	return 0;
}

int auth_login_check(const char *login, const char **reason)
{
	size_t n = strlen(login);

	if (n == 0 || n > 32) {
		*reason = "账号应为1到32个字符";
		return -1;
	}
	if (!(login[0] >= 'a' && login[0] <= 'z')) {
		*reason = "账号应以小写英文字母开头";
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		char c = login[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
			*reason = "账号只能包含小写英文字母、数字和 . _ -";
			return -1;
		}
	}
	return 0;
}

static int user_event(struct db *db, int64_t actor_id, int64_t user_id, const char *action,
		      const char *before, const char *after)
{
	struct event_rec e = {
		.user_id = actor_id,
		.entity = "user",
		.entity_id = user_id,
		.action = action,
		.before = before,
		.after = after,
	};
	return db_event_add(db, &e);
}

/* The one answer to every failed login: a wrong password, an unknown
 * account, a locked or a disabled one all read the same, so the answer
 * tells nobody which accounts exist or what state they are in; it says
 * what the legitimate user needs to know. */
static void login_refused(const struct config *cfg, const char *extra)
{
	tj_error("账号或密码错误（连续输错%d次将锁定账号；已锁定或停用的账号请联系管理员）%s",
		 cfg->lockout_failures, extra ? extra : "");
}

/* Spend the time of a real check, so that the answer does not come sooner
 * for an account that does not exist or cannot log in. */
static void dummy_verify(const char *password)
{
	static char *dummy;

	if (!dummy)
		dummy = auth_hash("tiaojie");
	if (dummy)
		auth_verify(password, dummy);
}

/* A database that cannot be written: the password is checked, nothing is
 * counted or recorded (and the answer says so). */
static int login_readonly(struct db *db, const struct config *cfg, const char *login, const char *password,
			  struct user_rec *out)
{
	struct user_rec u = {0};
	int found = db_user_get(db, login, &u);

	if (found < 0)
		return -1;
	if (!found || u.disabled || u.locked) {
		dummy_verify(password);
		user_rec_free(&u);
		login_refused(cfg, "（数据库只读，未计入失败次数）");
		return -1;
	}
	int ok = auth_verify(password, u.pw_hash);
	if (ok <= 0) {
		user_rec_free(&u);
		if (ok == 0)
			login_refused(cfg, "（数据库只读，未计入失败次数）");
		return -1;
	}
	*out = u;
	return 0;
}

int auth_login(struct db *db, const struct config *cfg, const char *login, const char *password,
	       struct user_rec *out)
{
	struct user_rec u = {0};
	int found, ok;

	if (db_readonly(db))
		return login_readonly(db, cfg, login, password, out);
	/* The attempt is counted before the password is checked, inside one
	 * write transaction that reads the counter afresh: parallel attempts
	 * queue on the write lock, and once lockout_failures of them are
	 * counted (finished or still being checked) the rest are refused
	 * without a check.  A right password then sets the count back to 0. */
	if (db_begin(db) < 0)
		return -1;
	found = db_user_get(db, login, &u);
	if (found < 0) {
		db_rollback(db);
		return -1;
	}
	if (!found || u.disabled || u.locked || u.failed >= cfg->lockout_failures) {
		int lock_now = found && !u.locked && !u.disabled && u.failed >= cfg->lockout_failures;
		if (lock_now && (db_user_set_login_state(db, u.id, u.failed, 1, 0) < 0 ||
				 user_event(db, 0, u.id, "lock", "", "连续输错密码，已锁定") < 0)) {
			db_rollback(db);
			user_rec_free(&u);
			return -1;
		}
		if (db_commit(db) < 0) {
			user_rec_free(&u);
			return -1;
		}
		user_rec_free(&u);
		dummy_verify(password);
		login_refused(cfg, NULL);
		return -1;
	}
	if (db_user_set_login_state(db, u.id, u.failed + 1, 0, 0) < 0 || db_commit(db) < 0) {
		db_rollback(db);
		user_rec_free(&u);
		return -1;
	}

	ok = auth_verify(password, u.pw_hash);
	if (ok < 0) {
		user_rec_free(&u);
		return -1;
	}
	if (db_begin(db) < 0) {
		user_rec_free(&u);
		return -1;
	}
	if (ok) {
		/* locked or disabled by attempts (or an administrator) while
		 * this one was being checked: refused like them */
		struct user_rec cur = {0};
		int still = db_user_get(db, login, &cur);
		int barred = still <= 0 || cur.locked || cur.disabled;
		user_rec_free(&cur);
		if (barred) {
			db_rollback(db);
			user_rec_free(&u);
			if (still >= 0)
				login_refused(cfg, NULL);
			return -1;
		}
		if (db_user_set_login_state(db, u.id, 0, 0, 1) < 0 ||
		    user_event(db, u.id, u.id, "login", "", "") < 0 || db_commit(db) < 0) {
			db_rollback(db);
			user_rec_free(&u);
			return -1;
		}
		u.failed = 0;
		*out = u;
		return 0;
	}
	/* the count as it stands now, with the attempts made meanwhile */
	struct user_rec now = {0};
	found = db_user_get(db, login, &now);
	int failed = found > 0 ? now.failed : u.failed + 1;
	int lock = failed >= cfg->lockout_failures && !(found > 0 && now.locked);
	char after[64];
	snprintf(after, sizeof after, "连续失败%d次%s", failed, lock ? "，已锁定" : "");
	if (found < 0 || (lock && db_user_set_login_state(db, u.id, failed, 1, 0) < 0) ||
	    user_event(db, 0, u.id, lock ? "lock" : "login_failed", "", after) < 0 || db_commit(db) < 0) {
		db_rollback(db);
		user_rec_free(&now);
		user_rec_free(&u);
		return -1;
	}
	user_rec_free(&now);
	user_rec_free(&u);
	login_refused(cfg, NULL);
	return -1;
}

int auth_user_add(struct db *db, const struct config *cfg, int64_t actor_id, const char *login,
		  const char *display_name, const char *role, const char *password, int64_t mediator_id)
{
	const char *reason;
	char *hash;
	int64_t id;

	if (auth_login_check(login, &reason) < 0) {
		tj_error("账号 %s 无效：%s", login, reason);
		return -1;
	}
	if (role_from_keyword(role) < 0) {
		tj_error("未知的角色：%s（应为 clerk、mediator 或 admin）", role);
		return -1;
	}
	if (!display_name || !*display_name)
		display_name = login;
	if (!utf8_valid(display_name, strlen(display_name)) || utf8_has_control(display_name, 0) ||
	    utf8_chars(display_name) > 32) {
		tj_error("姓名无效：应为不超过32个字符的文字");
		return -1;
	}
	if (auth_password_check(password, cfg->min_password_len, &reason) < 0) {
		tj_error("%s", reason);
		return -1;
	}
	hash = auth_hash(password);
	if (!hash)
		return -1;
	if (db_begin(db) < 0) {
		free(hash);
		return -1;
	}
	if (db_user_insert(db, login, display_name, role, mediator_id, hash, &id) < 0 ||
	    user_event(db, actor_id, id, "user_add", "", role) < 0 || db_commit(db) < 0) {
		db_rollback(db);
		free(hash);
		return -1;
	}
	free(hash);
	return 0;
}

int auth_user_passwd(struct db *db, const struct config *cfg, int64_t actor_id, const char *login,
		     const char *password)
{
	struct user_rec u = {0};
	const char *reason;
	char *hash;
	int found;

	if (auth_password_check(password, cfg->min_password_len, &reason) < 0) {
		tj_error("%s", reason);
		return -1;
	}
	found = db_user_get(db, login, &u);
	if (found <= 0) {
		if (found == 0)
			tj_error("账号不存在：%s", login);
		return -1;
	}
	hash = auth_hash(password);
	if (!hash) {
		user_rec_free(&u);
		return -1;
	}
	if (db_begin(db) < 0 || db_user_set_password(db, u.id, hash) < 0 ||
	    user_event(db, actor_id, u.id, "passwd", u.locked ? "已锁定" : "", "密码已重设") < 0 ||
	    db_commit(db) < 0) {
		db_rollback(db);
		free(hash);
		user_rec_free(&u);
		return -1;
	}
	free(hash);
	user_rec_free(&u);
	return 0;
}

int auth_user_disable(struct db *db, int64_t actor_id, const char *login, int disable)
{
	struct user_rec u = {0};
	int found;
	int64_t admins;

	if (db_begin(db) < 0)
		return -1;
	found = db_user_get(db, login, &u);
	if (found <= 0) {
		db_rollback(db);
		if (found == 0)
			tj_error("账号不存在：%s", login);
		return -1;
	}
	if (disable && !u.disabled && strcmp(u.role, "admin") == 0) {
		if (db_user_count_role(db, "admin", 1, &admins) < 0) {
			db_rollback(db);
			user_rec_free(&u);
			return -1;
		}
		if (admins <= 1) {
			db_rollback(db);
			user_rec_free(&u);
			tj_error("不能停用最后一个管理员账号");
			return -1;
		}
	}
	if (db_user_set_disabled(db, u.id, disable) < 0 ||
	    user_event(db, actor_id, u.id, disable ? "disable" : "enable", u.disabled ? "停用" : "启用",
		       disable ? "停用" : "启用") < 0 ||
	    db_commit(db) < 0) {
		db_rollback(db);
		user_rec_free(&u);
		return -1;
	}
	user_rec_free(&u);
	return 0;
}

int auth_user_unlock(struct db *db, int64_t actor_id, const char *login)
{
	struct user_rec u = {0};
	int found;

	if (db_begin(db) < 0)
		return -1;
	found = db_user_get(db, login, &u);
	if (found <= 0) {
		db_rollback(db);
		if (found == 0)
			tj_error("账号不存在：%s", login);
		return -1;
	}
	if (db_user_set_login_state(db, u.id, 0, 0, 0) < 0 ||
	    user_event(db, actor_id, u.id, "unlock", u.locked ? "已锁定" : "未锁定", "已解锁") < 0 || db_commit(db) < 0) {
		db_rollback(db);
		user_rec_free(&u);
		return -1;
	}
	user_rec_free(&u);
	return 0;
}
