/*
 * users.c - the users table: accounts, password hashes, lockout state.
 * Policy (who may log in, when to lock) lives in src/core/auth.c.
 */
#include <stdlib.h>

#include "tiaojie/calendar.h"
#include "internal.h"

void user_rec_free(struct user_rec *u)
{
	free(u->login);
	free(u->display_name);
	free(u->role);
	free(u->pw_hash);
	u->login = u->display_name = u->role = u->pw_hash = NULL;
}

int db_user_get(struct db *db, const char *login, struct user_rec *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT id, login, display_name, role, coalesce(mediator_id, 0), "
				       "pw_hash, failed, locked, disabled FROM users WHERE login = ?");
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, login);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return db_fail(db, "读取用户");
	out->id = sqlite3_column_int64(st, 0);
	out->login = db_col_strdup(st, 1);
	out->display_name = db_col_strdup(st, 2);
	out->role = db_col_strdup(st, 3);
	out->mediator_id = sqlite3_column_int64(st, 4);
	out->pw_hash = db_col_strdup(st, 5);
	out->failed = sqlite3_column_int(st, 6);
	out->locked = sqlite3_column_int(st, 7);
	out->disabled = sqlite3_column_int(st, 8);
	sqlite3_reset(st);
	return 1;
}

int db_user_insert(struct db *db, const char *login, const char *display_name, const char *role,
		   int64_t mediator_id, const char *pw_hash, int64_t *id_out)
{
	sqlite3_stmt *st = db_prep(db, "INSERT INTO users(login, display_name, role, mediator_id, pw_hash, "
				       "created_at) VALUES (?, ?, ?, ?, ?, ?)");
	char now[20];

	if (!st)
		return -1;
	tj_now_str(now);
	db_bind_text(st, 1, login);
	db_bind_text(st, 2, display_name);
	db_bind_text(st, 3, role);
	if (mediator_id > 0)
		sqlite3_bind_int64(st, 4, mediator_id);
	db_bind_text(st, 5, pw_hash);
	db_bind_text(st, 6, now);
	if (sqlite3_step(st) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(db->h) == SQLITE_CONSTRAINT_UNIQUE) {
			tj_error("账号 %s 已存在", login);
			return -1;
		}
		return db_fail(db, "新建账号");
	}
	if (id_out)
		*id_out = sqlite3_last_insert_rowid(db->h);
	return 0;
}

static int user_update(struct db *db, sqlite3_stmt *st, const char *what)
{
	if (!st)
		return -1;
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, what);
	if (sqlite3_changes(db->h) != 1) {
		tj_error("%s失败：账号不存在", what);
		return -1;
	}
	return 0;
}

int db_user_set_password(struct db *db, int64_t id, const char *pw_hash)
{
	sqlite3_stmt *st = db_prep(db, "UPDATE users SET pw_hash = ?, failed = 0, locked = 0 WHERE id = ?");

	if (st) {
		db_bind_text(st, 1, pw_hash);
		sqlite3_bind_int64(st, 2, id);
	}
	return user_update(db, st, "修改密码");
}

int db_user_set_disabled(struct db *db, int64_t id, int disabled)
{
	sqlite3_stmt *st = db_prep(db, "UPDATE users SET disabled = ? WHERE id = ?");

	if (st) {
		sqlite3_bind_int(st, 1, disabled != 0);
		sqlite3_bind_int64(st, 2, id);
	}
	return user_update(db, st, disabled ? "停用账号" : "启用账号");
}

int db_user_set_login_state(struct db *db, int64_t id, int failed, int locked, int success)
{
	sqlite3_stmt *st = db_prep(db, "UPDATE users SET failed = ?, locked = ?, "
				       "last_login = CASE WHEN ? THEN ? ELSE last_login END WHERE id = ?");
	char now[20];

	tj_now_str(now);
	if (st) {
		sqlite3_bind_int(st, 1, failed);
		sqlite3_bind_int(st, 2, locked != 0);
		sqlite3_bind_int(st, 3, success != 0);
		db_bind_text(st, 4, now);
		sqlite3_bind_int64(st, 5, id);
	}
	return user_update(db, st, "记录登录状态");
}

int db_user_count_role(struct db *db, const char *role, int active_only, int64_t *n)
{
	sqlite3_stmt *st = db_prep(db, "SELECT count(*) FROM users WHERE role = ? AND (? = 0 OR disabled = 0)");

	if (!st)
		return -1;
	db_bind_text(st, 1, role);
	sqlite3_bind_int(st, 2, active_only);
	if (sqlite3_step(st) != SQLITE_ROW)
		return db_fail(db, "统计账号");
	*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}
