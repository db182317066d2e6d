/*
 * admin.c - the rules of the roster, the accounts and the agenda (admin.h).
 *
 * Role checks live here, not in the screens: a screen that forgot one
 * would still be refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/access.h"
#include "tiaojie/admin.h"
#include "tiaojie/assign.h"
#include "tiaojie/auth.h"
#include "tiaojie/validate.h"
#include "tiaojie/vocab.h"

static int need_admin(const struct actor *who, const char *what)
{
	if (who->role == ROLE_ADMIN)
		return 0;
	tj_error("只有管理员可以%s", what);
	return -1;
}

static int bad(char field[32], const char *name)
{
	if (field)
		snprintf(field, 32, "%s", name);
	return -1;
}

/* Text typed by a person: valid UTF-8, no control characters, max chars. */
static int text_ok(const char *s, size_t max_chars)
{
	return s && utf8_valid(s, strlen(s)) && !utf8_has_control(s, 0) && utf8_chars(s) <= max_chars;
}

static int event(struct db *db, const struct actor *who, const char *entity, int64_t id, const char *action,
		 const char *before, const char *after)
{
	struct event_rec e = {
		.user_id = who->user_id, .entity = entity, .entity_id = id, .action = action,
		.before = before ? before : "", .after = after ? after : "",
	};
	return db_event_add(db, &e);
}

/* ---- roster ------------------------------------------------------------- */

void roster_free(struct roster *r)
{
	for (int i = 0; i < r->n; i++) {
		struct roster_entry *m = &r->v[i];
		free(m->name);
		free(m->side);
		free(m->expert_kind);
		free(m->affiliation);
		free(m->affiliation_uscc);
		free(m->phone);
		free(m->specialties);
		free(m->login);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}

int roster_load(struct db *db, const struct actor *who, struct roster *out)
{
	memset(out, 0, sizeof *out);
	if (who->role != ROLE_ADMIN && !(who->role == ROLE_CLERK && who->clerk_may_assign)) {
		tj_error("只有管理员可以查看调解员名册");
		return -1;
	}
	if (db_roster_read(db, 0, out) < 0) {
		roster_free(out);
		return -1;
	}
	return 0;
}

char *roster_parse_specialties(struct db *db, const char *text)
{
	struct strbuf out;
	const char *p = text ? text : "";

	sb_init(&out);
	while (*p) {
		/* separators: ASCII comma, space, 、 and ， */
		if (*p == ',' || *p == ' ' || *p == ';') {
			p++;
			continue;
		}
		if (strncmp(p, "、", 3) == 0 || strncmp(p, "，", 3) == 0 || strncmp(p, "；", 3) == 0) {
			p += 3;
			continue;
		}
		size_t n = 0;
		while (p[n] >= '0' && p[n] <= '9')
			n++;
		if (n != 2 && n != 4) {
			size_t m = n ? n : strcspn(p, ", ;");
			tj_error("专长应为案由代码（如 0601 或 06），用逗号分隔：“%.*s”不是案由代码", (int)(m > 24 ? 24 : m), p);
			sb_free(&out);
			return NULL;
		}
		char code[5];
		memcpy(code, p, n);
		code[n] = '\0';
		char *name = NULL;
		int found = db_cause_get(db, code, &name);
		free(name);
		if (found <= 0) {
			if (found == 0)
				tj_error("没有代码为 %s 的案由", code);
			sb_free(&out);
			return NULL;
		}
		/* drop duplicates */
		int dup = 0;
		for (const char *q = out.buf ? out.buf : ""; *q;) {
			size_t k = strcspn(q, ",");
			if (k == n && strncmp(q, code, n) == 0)
				dup = 1;
			q += k;
			if (*q == ',')
				q++;
		}
		if (!dup) {
			if (out.len)
				sb_addc(&out, ',');
			sb_add(&out, code);
		}
		p += n;
	}
	return sb_detach(&out);
}

/* "工会、企业代表组织、人社部门或专家" (malloc'd) */
static char *choices_text(enum vocab_kind k)
{
	struct strbuf sb;
	int n = vocab_count(k);

	sb_init(&sb);
	for (int i = 0; i < n; i++)
		sb_printf(&sb, "%s%s", i == 0 ? "" : i == n - 1 ? "或" : "、", vocab_label_at(k, i));
	return sb_detach(&sb);
}

/* Check what was typed; normalised credit code and phone into the buffers. */
static int roster_check(const struct roster_edit *e, char uscc[32], char phone[32], char field[32])
{
	const char *reason;

	if (!e->name || !*e->name) {
		tj_error("请填写调解员姓名");
		return bad(field, "name");
	}
	if (!text_ok(e->name, 50)) {
		tj_error("姓名应为不超过50个字符的文字，不能含控制字符");
		return bad(field, "name");
	}
	if (vocab_index(VOCAB_SIDE, e->side) < 0) {
		char *all = choices_text(VOCAB_SIDE);
		tj_error("请选择所属方面：%s", all);
		free(all);
		return bad(field, "side");
	}
	if (strcmp(e->side, "expert") == 0 && vocab_index(VOCAB_EXPERT, e->expert_kind) < 0) {
		char *all = choices_text(VOCAB_EXPERT);
		tj_error("专家调解员请选择类别：%s", all);
		free(all);
		return bad(field, "expert_kind");
	}
	if (e->affiliation && !text_ok(e->affiliation, 100)) {
		tj_error("所属单位应为不超过100个字符的文字");
		return bad(field, "affiliation");
	}
	uscc[0] = '\0';
	if (e->affiliation_uscc && *e->affiliation_uscc &&
	    val_check(VAL_USCC, e->affiliation_uscc, 0, uscc, 32, &reason) < 0) {
		tj_error("所属单位的统一社会信用代码无效：%s", reason);
		return bad(field, "affiliation_uscc");
	}
	phone[0] = '\0';
	if (e->phone && *e->phone && val_check(VAL_PHONE, e->phone, 0, phone, 32, &reason) < 0) {
		tj_error("电话号码无效：%s", reason);
		return bad(field, "phone");
	}
	if (e->capacity < 0 || e->capacity > 1000) {
		tj_error("最多承办案件数应在 0 到 1000 之间");
		return bad(field, "capacity");
	}
	return 0;
}

/* A short description of a roster entry for the event log. */
static char *describe(const struct roster_edit *e, const char *uscc, const char *phone, const char *codes)
{
	return xasprintf("%s；%s；单位：%s%s%s；电话：%s；上限：%d；专长：%s", e->name,
			 assign_side_name(e->side, e->expert_kind), e->affiliation ? e->affiliation : "",
			 *uscc ? " " : "", uscc, phone, e->capacity, *codes ? codes : "无");
}

char *roster_entry_state(const struct roster_entry *r)
{
	struct roster_edit o = {
		.name = r->name, .side = r->side, .expert_kind = r->expert_kind, .affiliation = r->affiliation,
		.capacity = r->capacity,
	};
	return describe(&o, r->affiliation_uscc, r->phone, r->specialties);
}

int roster_save(struct db *db, const struct actor *who, const struct roster_edit *e, int64_t *id, char field[32])
{
	char uscc[32], phone[32], now[20];
	char *codes = NULL, *before = NULL, *after = NULL;
	struct roster old = {0};
	struct user_rec u = {0};
	int rc = -1;

	if (field)
		field[0] = '\0';
	if (need_admin(who, "修改调解员名册") < 0)
		return -1;
	if (roster_check(e, uscc, phone, field) < 0)
		return -1;
	codes = roster_parse_specialties(db, e->specialties);
	if (!codes)
		return bad(field, "specialties");
	if (db_begin(db) < 0)
		goto out;
	if (e->id > 0) {
		if (db_roster_read(db, e->id, &old) < 0)
			goto fail;
		if (old.n == 0) {
			tj_error("调解员不存在（编号 %lld）", (long long)e->id);
			goto fail;
		}
		before = roster_entry_state(&old.v[0]);
		/* two administrators editing one mediator: the later save must
		 * not silently undo the earlier */
		if (e->seen && strcmp(e->seen, before) != 0) {
			tj_error("该调解员刚被其他管理员修改过，现为：%s。您填写的内容未保存，仍在表单中；"
				 "核对后再次保存即以您填写的为准",
				 before);
			bad(field, "seen");
			goto fail;
		}
		if (db_mediator_update(db, e->id, &(struct roster_edit){
				.name = e->name, .side = e->side, .expert_kind = e->expert_kind,
				.affiliation = e->affiliation, .affiliation_uscc = uscc, .phone = phone,
				.capacity = e->capacity}) < 0)
			goto fail;
		*id = e->id;
	} else {
		tj_now_str(now);
		struct mediator_row m = {
			.name = e->name, .side = e->side,
			.expert_kind = strcmp(e->side, "expert") == 0 ? e->expert_kind : NULL,
			.affiliation = e->affiliation, .affiliation_uscc = uscc, .phone = phone,
			.capacity = e->capacity, .active = 1, .created_at = now,
		};
		if (db_mediator_insert(db, &m) < 0)
			goto fail;
		*id = m.id;
	}
	if (db_mediator_specialties_set(db, *id, codes) < 0)
		goto fail;
	if (e->login) {
		if (*e->login) {
			int found = db_user_get(db, e->login, &u);
			if (found <= 0) {
				if (found == 0) {
					tj_error("账号不存在：%s", e->login);
					bad(field, "login");
				}
				goto fail;
			}
			if (strcmp(u.role, "mediator") != 0) {
				tj_error("账号 %s 的角色不是调解员，不能关联（请先在账号管理中修改角色）", e->login);
				bad(field, "login");
				goto fail;
			}
			if (u.mediator_id > 0 && u.mediator_id != *id) {
				tj_error("账号 %s 已关联另一位调解员", e->login);
				bad(field, "login");
				goto fail;
			}
		}
		if (db_mediator_link_login(db, *id, e->login) < 0)
			goto fail;
	}
	after = describe(e, uscc, phone, codes);
	if (event(db, who, "mediator", *id, e->id > 0 ? "mediator_edit" : "mediator_add", before, after) < 0)
		goto fail;
	if (e->login && event(db, who, "mediator", *id, "link", "", *e->login ? e->login : "（无）") < 0)
		goto fail;
	if (db_commit(db) < 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	db_rollback(db);
out:
	free(codes);
	free(before);
	free(after);
	roster_free(&old);
	user_rec_free(&u);
	return rc;
}

int roster_set_active(struct db *db, const struct actor *who, int64_t id, int active, int *open)
{
	struct roster r = {0};
	int n = 0;

	if (need_admin(who, "修改调解员名册") < 0)
		return -1;
	if (db_begin(db) < 0)
		return -1;
	if (db_roster_read(db, id, &r) < 0)
		goto fail;
	if (r.n == 0) {
		tj_error("调解员不存在（编号 %lld）", (long long)id);
		goto fail;
	}
	if (db_mediator_open_cases(db, id, &n) < 0 || db_mediator_set_active(db, id, active) < 0)
		goto fail;
	char after[64];
	snprintf(after, sizeof after, active ? "在册" : "停用（未结案件 %d 件）", n);
	if (event(db, who, "mediator", id, active ? "activate" : "deactivate", r.v[0].active ? "在册" : "停用",
		  after) < 0 ||
	    db_commit(db) < 0)
		goto fail;
	roster_free(&r);
	if (open)
		*open = n;
	return 0;
fail:
	db_rollback(db);
	roster_free(&r);
	return -1;
}

/* ---- accounts ------------------------------------------------------------- */

void user_list_free(struct user_list *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->v[i].login);
		free(l->v[i].display_name);
		free(l->v[i].role);
		free(l->v[i].mediator);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int users_load(struct db *db, const struct actor *who, struct user_list *out)
{
	memset(out, 0, sizeof *out);
	if (need_admin(who, "管理账号") < 0)
		return -1;
	if (db_users_read(db, out) < 0) {
		user_list_free(out);
		return -1;
	}
	return 0;
}

/* Role and mediator link together: a mediator account must name an active
 * mediator no other active account is linked to; other roles have none. */
static int link_check(struct db *db, const struct user_edit *e, int64_t except_user, char field[32])
{
	if (role_from_keyword(e->role) < 0) {
		tj_error("请选择角色：窗口人员、调解员或管理员");
		return bad(field, "role");
	}
	if (strcmp(e->role, "mediator") != 0) {
		if (e->mediator_id > 0) {
			tj_error("只有调解员账号可以关联调解员");
			return bad(field, "mediator");
		}
		return 0;
	}
	if (e->mediator_id <= 0) {
		tj_error("调解员账号须关联名册中的一位调解员");
		return bad(field, "mediator");
	}
	char *name = NULL, *other = NULL;
	int active = 0;
	int found = db_mediator_get(db, e->mediator_id, &name, &active);
	free(name);
	if (found <= 0) {
		if (found == 0)
			tj_error("名册中没有这位调解员");
		return bad(field, "mediator");
	}
	if (!active) {
		tj_error("这位调解员已停用，请先在名册中恢复");
		return bad(field, "mediator");
	}
	found = db_mediator_linked_user(db, e->mediator_id, except_user, &other);
	if (found != 0) {
		if (found > 0)
			tj_error("这位调解员已关联账号 %s", other);
		free(other);
		return bad(field, "mediator");
	}
	return 0;
}

int users_add(struct db *db, const struct config *cfg, const struct actor *who, const struct user_edit *e,
	      char field[32])
{
	const char *reason;
	struct user_rec u = {0};

	if (field)
		field[0] = '\0';
	if (need_admin(who, "新增账号") < 0)
		return -1;
	if (!e->login || auth_login_check(e->login, &reason) < 0) {
		tj_error("登录名无效：%s", e->login ? reason : "请填写");
		return bad(field, "login");
	}
	if (e->display_name && *e->display_name && !text_ok(e->display_name, 32)) {
		tj_error("姓名应为不超过32个字符的文字");
		return bad(field, "display_name");
	}
	if (!e->password || auth_password_check(e->password, cfg->min_password_len, &reason) < 0) {
		tj_error("%s", e->password ? reason : "请填写初始密码");
		return bad(field, "password");
	}
	if (db_user_get(db, e->login, &u) > 0) {
		user_rec_free(&u);
		tj_error("登录名 %s 已被使用", e->login);
		return bad(field, "login");
	}
	if (link_check(db, e, 0, field) < 0)
		return -1;
	/* auth_user_add writes the account and its event in one transaction */
	return auth_user_add(db, cfg, who->user_id, e->login, e->display_name, e->role, e->password, e->mediator_id);
}

int users_update(struct db *db, const struct actor *who, const struct user_edit *e, char field[32])
{
	struct user_rec u = {0};
	int64_t admins = 0;
	int found;
	const char *name = e->display_name && *e->display_name ? e->display_name : e->login;

	if (field)
		field[0] = '\0';
	if (need_admin(who, "修改账号") < 0)
		return -1;
	if (!text_ok(name, 32) || !*name) {
		tj_error("姓名应为不超过32个字符的文字");
		return bad(field, "display_name");
	}
	if (db_begin(db) < 0)
		return -1;
	found = db_user_get(db, e->login, &u);
	if (found <= 0) {
		if (found == 0)
			tj_error("账号不存在：%s", e->login);
		goto fail;
	}
	if (link_check(db, e, u.id, field) < 0)
		goto fail;
	if (strcmp(u.role, "admin") == 0 && strcmp(e->role, "admin") != 0 && !u.disabled) {
		if (db_user_count_role(db, "admin", 1, &admins) < 0)
			goto fail;
		if (admins <= 1) {
			tj_error("这是最后一个管理员账号，不能改为其他角色");
			bad(field, "role");
			goto fail;
		}
	}
	char before[160], after[160];
	snprintf(before, sizeof before, "%s；%s；调解员编号 %lld", u.display_name, u.role, (long long)u.mediator_id);
	snprintf(after, sizeof after, "%s；%s；调解员编号 %lld", name, e->role, (long long)e->mediator_id);
	if (db_user_update(db, u.id, name, e->role, strcmp(e->role, "mediator") == 0 ? e->mediator_id : 0) < 0 ||
	    event(db, who, "user", u.id, "user_edit", before, after) < 0 || db_commit(db) < 0)
		goto fail;
	user_rec_free(&u);
	return 0;
fail:
	db_rollback(db);
	user_rec_free(&u);
	return -1;
}

int users_reset_password(struct db *db, const struct config *cfg, const struct actor *who, const char *login,
			 const char *password)
{
	struct user_rec u = {0};
	const char *reason;
	char *hash;
	int found;

	if (need_admin(who, "重设密码") < 0)
		return -1;
	if (!password || auth_password_check(password, cfg->min_password_len, &reason) < 0) {
		tj_error("%s", password ? reason : "请填写新密码");
		return -1;
	}
	hash = auth_hash(password);
	if (!hash)
		return -1;
	if (db_begin(db) < 0) {
		free(hash);
		return -1;
	}
	found = db_user_get(db, login, &u);
	if (found <= 0) {
		if (found == 0)
			tj_error("账号不存在：%s", login);
		goto fail;
	}
	if (db_user_set_password(db, u.id, hash) < 0 || db_user_set_login_state(db, u.id, 0, 0, 0) < 0 ||
	    event(db, who, "user", u.id, "passwd", u.locked ? "已锁定" : "", "管理员重设密码并解锁") < 0 ||
	    db_commit(db) < 0)
		goto fail;
	free(hash);
	user_rec_free(&u);
	return 0;
fail:
	db_rollback(db);
	free(hash);
	user_rec_free(&u);
	return -1;
}

int users_unlock(struct db *db, const struct actor *who, const char *login)
{
	if (need_admin(who, "解锁账号") < 0)
		return -1;
	return auth_user_unlock(db, who->user_id, login);
}

int users_set_disabled(struct db *db, const struct actor *who, const char *login, int disabled)
{
	struct user_rec u = {0};

	if (need_admin(who, "停用或启用账号") < 0)
		return -1;
	if (disabled && db_user_get(db, login, &u) > 0 && u.id == who->user_id) {
		user_rec_free(&u);
		tj_error("不能停用自己正在使用的账号");
		return -1;
	}
	user_rec_free(&u);
	if (!disabled) {
		/* an enabled mediator account must not share its mediator */
		if (db_user_get(db, login, &u) > 0 && u.mediator_id > 0) {
			char *other = NULL;
			int linked = db_mediator_linked_user(db, u.mediator_id, u.id, &other);
			if (linked > 0)
				tj_error("这位调解员已关联账号 %s，不能同时启用 %s", other, login);
			free(other);
			user_rec_free(&u);
			if (linked != 0)
				return -1;
		}
		user_rec_free(&u);
	}
	return auth_user_disable(db, who->user_id, login, disabled);
}

/* ---- agenda and own cases --------------------------------------------------- */

void agenda_free(struct agenda *a)
{
	for (int i = 0; i < a->n; i++) {
		free(a->v[i].room);
		free(a->v[i].status);
		free(a->v[i].applicant);
		free(a->v[i].respondent);
		free(a->v[i].mediator);
	}
	free(a->v);
	memset(a, 0, sizeof *a);
}

int agenda_load(struct db *db, const struct actor *who, int64_t mediator_id, const char *from, const char *to,
		struct agenda *out)
{
	tj_day a, b;

	memset(out, 0, sizeof *out);
	if (access_mediator_scope(who, &mediator_id) < 0)
		return -1;
	if (date_parse(from, &a) < 0 || date_parse(to, &b) < 0 || b < a) {
		tj_error("日期范围无效");
		return -1;
	}
	if (db_agenda_read(db, mediator_id, from, to, out) < 0) {
		agenda_free(out);
		return -1;
	}
	return 0;
}

/* Merge two lists sorted by deadline (none last) into one. */
static int by_deadline(const void *x, const void *y)
{
	const struct case_brief *a = x, *b = y;
	int ea = !a->deadline[0], eb = !b->deadline[0];

	if (ea != eb)
		return ea - eb;
	int c = strcmp(a->deadline, b->deadline);
	return c ? c : strcmp(a->case_no, b->case_no);
}

int mycases_load(struct db *db, const struct config *cfg, const struct actor *who, int64_t mediator_id,
		 tj_day today, struct case_list *open, struct case_list *followup)
{
	struct case_list part = {0};
	static const enum case_status statuses[] = {ST_ASSIGNED, ST_MEDIATING};

	memset(open, 0, sizeof *open);
	if (followup)
		memset(followup, 0, sizeof *followup);
	if (who->role != ROLE_MEDIATOR && mediator_id <= 0) {
		tj_error("请指定调解员");
		return -1;
	}
	if (access_mediator_scope(who, &mediator_id) < 0)
		return -1;
	/* a mediator's own cases come by the actor (access_case_scope) */
	int mine = who->role == ROLE_MEDIATOR;
	/* the capacity is at most 1000 open cases: two bounded reads */
	for (size_t k = 0; k < TJ_ARRAY_LEN(statuses); k++) {
		struct case_filter f = {
			.status = (int)statuses[k], .mediator_id = mine ? 0 : mediator_id, .sort = SORT_DEADLINE,
			.limit = 1000,
		};
		if (case_search(db, cfg, who, today, &f, &part) < 0) {
			case_list_free(open);
			return -1;
		}
		for (int i = 0; i < part.n; i++) {
			open->v = xgrow(open->v, open->n, &open->cap, sizeof *open->v);
			open->v[open->n++] = part.v[i];
		}
		open->total += part.total;
		part.n = 0; /* the strings moved to open */
		case_list_free(&part);
	}
	if (open->n > 1)
		qsort(open->v, (size_t)open->n, sizeof *open->v, by_deadline);
	if (followup) {
		struct case_filter f = {
			.status = -1, .queue = Q_FOLLOWUP, .mediator_id = mine ? 0 : mediator_id, .sort = SORT_DEADLINE,
			.limit = 200,
		};
		if (case_search(db, cfg, who, today, &f, followup) < 0) {
			case_list_free(open);
			return -1;
		}
	}
	return 0;
}
