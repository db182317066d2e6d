/*
 * admin.c - storage of the roster, the accounts and the agenda (the rules
 * are in src/core/admin.c).  A read that fails leaves the rows read so far
 * in *out; the core frees them with its own *_free.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/admin.h"
#include "internal.h"

int db_roster_read(struct db *db, int64_t only_id, struct roster *out)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT m.id, m.name, m.side, coalesce(m.expert_kind, ''), m.affiliation, "
		"coalesce(m.affiliation_uscc, ''), m.phone, m.capacity, m.active, "
		"(SELECT count(*) FROM cases c WHERE c.mediator_id = m.id AND c.status IN ('assigned', 'mediating')), "
		"coalesce((SELECT group_concat(cause, ',') FROM (SELECT s.cause FROM mediator_specialties s "
		"  JOIN causes k ON k.code = s.cause WHERE s.mediator_id = m.id ORDER BY k.ord)), ''), "
		"coalesce((SELECT group_concat(login, ',') FROM users u WHERE u.mediator_id = m.id AND u.disabled = 0), '') "
		"FROM mediators m WHERE ?1 = 0 OR m.id = ?1 ORDER BY m.active DESC, m.name, m.id");
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, only_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = xgrow(out->v, out->n, &out->cap, sizeof *out->v);
		struct roster_entry *m = &out->v[out->n++];
		m->id = sqlite3_column_int64(st, 0);
		m->name = db_col_strdup(st, 1);
		m->side = db_col_strdup(st, 2);
		m->expert_kind = db_col_strdup(st, 3);
		m->affiliation = db_col_strdup(st, 4);
		m->affiliation_uscc = db_col_strdup(st, 5);
		m->phone = db_col_strdup(st, 6);
		m->capacity = sqlite3_column_int(st, 7);
		m->active = sqlite3_column_int(st, 8);
		m->open = sqlite3_column_int(st, 9);
		m->specialties = db_col_strdup(st, 10);
		m->login = db_col_strdup(st, 11);
	}
	if (rc != SQLITE_DONE) {
		return db_fail(db, "读取调解员名册");
	}
	return 0;
}

int db_mediator_update(struct db *db, int64_t id, const struct roster_edit *e)
{
	sqlite3_stmt *st = db_prep(db, "UPDATE mediators SET name = ?, side = ?, expert_kind = ?, affiliation = ?, "
				       "affiliation_uscc = ?, phone = ?, capacity = ? WHERE id = ?");

	if (!st)
		return -1;
	db_bind_text(st, 1, e->name);
	db_bind_text(st, 2, e->side);
	db_bind_text(st, 3, strcmp(e->side, "expert") == 0 ? e->expert_kind : NULL);
	db_bind_text(st, 4, e->affiliation ? e->affiliation : "");
	db_bind_text(st, 5, e->affiliation_uscc && *e->affiliation_uscc ? e->affiliation_uscc : NULL);
	db_bind_text(st, 6, e->phone ? e->phone : "");
	sqlite3_bind_int(st, 7, e->capacity);
	sqlite3_bind_int64(st, 8, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "修改调解员");
	return 0;
}

int db_mediator_specialties_set(struct db *db, int64_t id, const char *codes)
{
	sqlite3_stmt *del = db_prep(db, "DELETE FROM mediator_specialties WHERE mediator_id = ?");

	if (!del)
		return -1;
	sqlite3_bind_int64(del, 1, id);
	if (sqlite3_step(del) != SQLITE_DONE)
		return db_fail(db, "修改调解员专长");
	for (const char *p = codes; p && *p;) {
		size_t n = strcspn(p, ",");
		char code[8];
		if (n > 0 && n < sizeof code) {
			memcpy(code, p, n);
			code[n] = '\0';
			if (db_mediator_specialty_add(db, id, code) < 0)
				return -1;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

int db_mediator_set_active(struct db *db, int64_t id, int active)
{
	sqlite3_stmt *st = db_prep(db, "UPDATE mediators SET active = ? WHERE id = ?");

	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, active != 0);
	sqlite3_bind_int64(st, 2, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "修改调解员状态");
	return 0;
}

int db_mediator_open_cases(struct db *db, int64_t id, int *open)
{
	sqlite3_stmt *st = db_prep(db, "SELECT count(*) FROM cases WHERE mediator_id = ? AND "
				       "status IN ('assigned', 'mediating')");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW)
		return db_fail(db, "统计调解员的案件");
	*open = sqlite3_column_int(st, 0);
	return 0;
}

int db_mediator_link_login(struct db *db, int64_t mediator_id, const char *login)
{
	sqlite3_stmt *un = db_prep(db, "UPDATE users SET mediator_id = NULL WHERE mediator_id = ?1 AND login <> ?2");
	sqlite3_stmt *ln;

	if (!un)
		return -1;
	sqlite3_bind_int64(un, 1, mediator_id);
	db_bind_text(un, 2, login ? login : "");
	if (sqlite3_step(un) != SQLITE_DONE)
		return db_fail(db, "解除账号关联");
	if (!login || !*login)
		return 0;
	ln = db_prep(db, "UPDATE users SET mediator_id = ? WHERE login = ?");
	if (!ln)
		return -1;
	sqlite3_bind_int64(ln, 1, mediator_id);
	db_bind_text(ln, 2, login);
	if (sqlite3_step(ln) != SQLITE_DONE)
		return db_fail(db, "关联账号");
	return 0;
}

int db_mediator_linked_user(struct db *db, int64_t mediator_id, int64_t except_user, char **login)
{
	sqlite3_stmt *st = db_prep(db, "SELECT login FROM users WHERE mediator_id = ? AND id <> ? AND disabled = 0 "
				       "ORDER BY login LIMIT 1");
	int rc;

	*login = NULL;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, mediator_id);
	sqlite3_bind_int64(st, 2, except_user);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*login = db_col_strdup(st, 0);
		return 1;
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "读取账号");
	return 0;
}

int db_users_read(struct db *db, struct user_list *out)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT u.id, u.login, u.display_name, u.role, coalesce(u.mediator_id, 0), coalesce(m.name, ''), "
		"u.failed, u.locked, u.disabled, coalesce(u.last_login, '') FROM users u "
		"LEFT JOIN mediators m ON m.id = u.mediator_id "
		"ORDER BY u.disabled, CASE u.role WHEN 'admin' THEN 0 WHEN 'clerk' THEN 1 ELSE 2 END, u.login");
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = xgrow(out->v, out->n, &out->cap, sizeof *out->v);
		struct user_entry *u = &out->v[out->n++];
		u->id = sqlite3_column_int64(st, 0);
		u->login = db_col_strdup(st, 1);
		u->display_name = db_col_strdup(st, 2);
		u->role = db_col_strdup(st, 3);
		u->mediator_id = sqlite3_column_int64(st, 4);
		u->mediator = db_col_strdup(st, 5);
		u->failed = sqlite3_column_int(st, 6);
		u->locked = sqlite3_column_int(st, 7);
		u->disabled = sqlite3_column_int(st, 8);
		const char *ll = (const char *)sqlite3_column_text(st, 9);
		snprintf(u->last_login, sizeof u->last_login, "%.19s", ll ? ll : "");
	}
	if (rc != SQLITE_DONE) {
		return db_fail(db, "读取账号");
	}
	return 0;
}

int db_user_update(struct db *db, int64_t id, const char *display_name, const char *role, int64_t mediator_id)
{
	sqlite3_stmt *st = db_prep(db, "UPDATE users SET display_name = ?, role = ?, mediator_id = ? WHERE id = ?");

	if (!st)
		return -1;
	db_bind_text(st, 1, display_name);
	db_bind_text(st, 2, role);
	db_bind_id(st, 3, mediator_id);
	sqlite3_bind_int64(st, 4, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "修改账号");
	return 0;
}

int db_agenda_read(struct db *db, int64_t mediator_id, const char *from, const char *to, struct agenda *out)
{
	sqlite3_stmt *st = db_prep(db,
		"SELECT s.id, s.case_id, s.mediator_id, c.case_no, s.day, s.start, s.minutes, s.room, s.status, "
		"coalesce((SELECT cp.name FROM case_parties cp "
		"  WHERE cp.case_id = c.id AND cp.role = 'applicant' ORDER BY cp.ord LIMIT 1), ''), "
		"(SELECT count(*) FROM case_parties cp WHERE cp.case_id = c.id AND cp.role = 'applicant'), "
		"coalesce((SELECT cp.name FROM case_parties cp "
		"  WHERE cp.case_id = c.id AND cp.role = 'respondent' ORDER BY cp.ord LIMIT 1), ''), "
		"m.name FROM sessions s JOIN cases c ON c.id = s.case_id JOIN mediators m ON m.id = s.mediator_id "
		"WHERE s.day BETWEEN ?2 AND ?3 AND s.status <> 'cancelled' AND (?1 = 0 OR s.mediator_id = ?1) "
		"ORDER BY s.day, s.start, s.room, s.id");
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, mediator_id);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = xgrow(out->v, out->n, &out->cap, sizeof *out->v);
		struct agenda_item *a = &out->v[out->n++];
		memset(a, 0, sizeof *a);
		a->session_id = sqlite3_column_int64(st, 0);
		a->case_id = sqlite3_column_int64(st, 1);
		a->mediator_id = sqlite3_column_int64(st, 2);
		snprintf(a->case_no, sizeof a->case_no, "%s", (const char *)sqlite3_column_text(st, 3));
		snprintf(a->day, sizeof a->day, "%s", (const char *)sqlite3_column_text(st, 4));
		snprintf(a->start, sizeof a->start, "%s", (const char *)sqlite3_column_text(st, 5));
		a->minutes = sqlite3_column_int(st, 6);
		unsigned h = 0, mi = 0;
		if (sscanf(a->start, "%2u:%2u", &h, &mi) == 2) {
			unsigned end = (h * 60 + mi + (unsigned)a->minutes) % (24 * 60);
			snprintf(a->end, sizeof a->end, "%02u:%02u", end / 60, end % 60);
		}
		a->room = db_col_strdup(st, 7);
		a->status = db_col_strdup(st, 8);
		int napp = sqlite3_column_int(st, 10);
		const char *first = (const char *)sqlite3_column_text(st, 9);
		a->applicant = napp > 1 ? xasprintf("%s等%d人", first ? first : "", napp) : db_col_strdup(st, 9);
		a->respondent = db_col_strdup(st, 11);
		a->mediator = db_col_strdup(st, 12);
	}
	if (rc != SQLITE_DONE) {
		return db_fail(db, "读取调解日程");
	}
	return 0;
}
