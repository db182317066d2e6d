/*
 * users.c - the accounts (账号管理, administrators): the list with role,
 * linked mediator, lock and last login; F5 adds an account, F6 or Enter
 * changes its name, role and mediator, F3 sets a new password (which also
 * clears a lockout), F4 unlocks, F8 disables or enables.  The rules (the
 * last administrator, one's own account, a mediator account needing a
 * mediator of its own) are the core's (admin.h); a refusal is shown
 * beside the field and what was typed stays.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/access.h"
#include "tiaojie/admin.h"
#include "tiaojie/lines.h"
#include "tiaojie/screens.h"
#include "tiaojie/store.h"
#include "tiaojie/vocab.h"
#include "tiaojie/widgets.h"

enum { LK_USER = 1 };

/* ---- the account form (new, edit, or password only) ----------------------------- */

enum uf_mode { UF_NEW, UF_EDIT, UF_PASSWORD };

struct userform {
	struct form form;
	enum uf_mode mode;
	char login[40];
	char *snap; /* the form as it opened: has it changed? */
	/* the mediator choice: names for the form, ids beside them */
	const char **med_names;
	int64_t *med_ids;
	int nmed;
	const char **role_names; /* the role choices (vocab.h), choice = enum role */
	void (*done)(void *ctx);
	void *ctx;
};

static const enum ui_action userform_actions[] = {UA_SAVE, UA_BACK, UA_NEXT, UA_PREV, UA_ENTER, UA_NONE};

static char *text_of(struct userform *u, const char *id)
{
	struct form_item *it = form_find(&u->form, id);
	return it ? edit_get(&it->edit) : xstrdup("");
}

static void clear_errors(struct form *f)
{
	for (int i = 0; i < f->n; i++)
		if (f->items[i].msg_style == US_ERROR)
			f->items[i].msg[0] = '\0';
}

static void blame(struct screen *s, const char *field)
{
	struct userform *u = s->priv;
	struct form_item *it = field && *field ? form_find(&u->form, field) : NULL;

	if (it) {
		form_set_msg(it, US_ERROR, "%s", tj_errmsg());
		form_show_errors(&u->form, s->app); /* focus it, name it */
	} else {
		ui_error(s->app);
	}
}

static int userform_save(struct screen *s)
{
	struct userform *u = s->priv;
	struct app *app = s->app;
	char field[32] = "";
	char *login = u->mode == UF_NEW ? text_of(u, "login") : xstrdup(u->login);
	char *name = text_of(u, "display_name"), *pw = text_of(u, "password"), *pw2 = text_of(u, "password2");
	int rc = UI_HANDLED, ok = -1;

	clear_errors(&u->form);
	if (u->mode != UF_EDIT && strcmp(pw, pw2) != 0) {
		tj_error("两次输入的密码不一致");
		blame(s, "password2");
		goto out;
	}
	if (u->mode == UF_PASSWORD) {
		ok = users_reset_password(app->db, app->cfg, &app->actor, login, pw);
		if (ok < 0)
			blame(s, "password");
		else
			ui_msg(app, US_OK, "已为 %s 设置新密码（账号如被锁定已一并解锁）", login);
	} else {
		int r = form_find(&u->form, "role")->choice, m = form_find(&u->form, "mediator")->choice;
		struct user_edit e = {.login = login, .display_name = name, .role = role_keyword((enum role)r),
				      .mediator_id = u->med_ids[m], .password = pw};
		ok = u->mode == UF_NEW ? users_add(app->db, app->cfg, &app->actor, &e, field)
				       : users_update(app->db, &app->actor, &e, field);
		if (ok < 0)
			blame(s, field);
		else
			ui_msg(app, US_OK, u->mode == UF_NEW ? "已新增账号 %s" : "已保存账号 %s", login);
	}
	if (ok == 0) {
		if (u->done)
			u->done(u->ctx);
		rc = UI_HANDLED | UI_CLOSE;
	}
out:
	free(login);
	free(name);
	free(pw);
	free(pw2);
	return rc;
}

static int userform_text_input(struct screen *s)
{
	struct userform *u = s->priv;
	return form_text_input(&u->form);
}

static void userform_layout(struct screen *s, int rows, int cols)
{
	struct userform *u = s->priv;

	s->rows = rows;
	s->cols = cols;
	form_area(&u->form, 3, 2, rows - 3, cols - 4);
	u->form.label_w = 12;
	u->form.field_w = 30;
}

static void userform_draw(struct screen *s)
{
	struct userform *u = s->priv;
	char buf[120];

	snprintf(buf, sizeof buf, "%s%s", u->mode == UF_NEW ? "新增账号" : u->mode == UF_EDIT ? "修改账号 " : "重设密码 ",
		 u->mode == UF_NEW ? "" : u->login);
	ui_put(1, 2, buf, s->cols - 4, ui_attr(US_HEADER), 0);
	ui_put(s->rows, 2,
	       u->mode == UF_PASSWORD ? "F2 保存。新密码告知本人后，请其登录后自行修改。"
				      : "F2 保存；左右键切换角色和关联的调解员。调解员账号须关联名册中的一位调解员。",
	       s->cols - 4, ui_attr(US_DIM), 0);
	form_draw(&u->form);
}

static int userform_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct userform *u = s->priv;

	switch (a) {
	case UA_SAVE:
		return userform_save(s);
	case UA_BACK:
		if (form_changed(&u->form, u->snap)) {
			int ans = ui_ask_unsaved(s->app, u->mode == UF_PASSWORD ? "新密码" : "账号的资料");
			if (ans == UI_SAVE)
				return userform_save(s); /* stays open when refused */
			if (ans != UI_DISCARD)
				return UI_HANDLED;
		}
		return UI_HANDLED | UI_CLOSE;
	case UA_ENTER:
		form_handle(&u->form, UA_NEXT, 0);
		return UI_HANDLED;
	default:
		form_handle(&u->form, a, ch);
		return UI_HANDLED;
	}
}

static void userform_destroy(struct screen *s)
{
	struct userform *u = s->priv;

	form_free(&u->form);
	free(u->snap);
	for (int i = 1; i < u->nmed; i++)
		free((char *)u->med_names[i]);
	free(u->med_names);
	free(u->med_ids);
	free(u->role_names);
	free(u);
}

static const struct screen_ops userform_ops = {
	.name = "user-form",
	.actions = userform_actions,
	.text_input = userform_text_input,
	.layout = userform_layout,
	.draw = userform_draw,
	.handle = userform_handle,
	.destroy = userform_destroy,
};

static struct screen *userform_new(struct app *app, enum uf_mode mode, const struct user_entry *ue,
				   void (*done)(void *), void *ctx)
{
	struct userform *u = xcalloc(1, sizeof *u);
	struct form *f = &u->form;
	struct form_item *it;
	struct screen *s;

	form_init(f);
	u->mode = mode;
	u->done = done;
	u->ctx = ctx;
	snprintf(u->login, sizeof u->login, "%s", ue ? ue->login : "");
	if (mode != UF_PASSWORD) {
		struct mediator_choices mc = {0};
		if (mediator_choices_load(app->db, &app->actor, &mc) < 0)
			ui_error(app);
		u->med_names = xcalloc((size_t)mc.n + 2, sizeof *u->med_names);
		u->med_ids = xcalloc((size_t)mc.n + 2, sizeof *u->med_ids);
		u->med_names[u->nmed++] = "（不关联）";
		int cur = 0;
		for (int i = 0; i < mc.n; i++) {
			u->med_ids[u->nmed] = mc.v[i].id;
			if (ue && ue->mediator_id == mc.v[i].id)
				cur = u->nmed;
			u->med_names[u->nmed++] = xstrdup(mc.v[i].name);
		}
		/* a deactivated mediator still linked: shown so it is not lost silently */
		if (ue && ue->mediator_id > 0 && !cur) {
			u->med_ids[u->nmed] = ue->mediator_id;
			cur = u->nmed;
			u->med_names[u->nmed++] = xasprintf("%s（停用）", ue->mediator);
		}
		mediator_choices_free(&mc);

		it = form_add(f, FK_TEXT, "login", "登录名");
		it->edit.max = 32;
		edit_set(&it->edit, u->login);
		it->readonly = mode != UF_NEW;
		if (mode == UF_NEW)
			form_set_msg(it, US_DIM, "小写字母开头，字母数字 . _ -");
		it = form_add(f, FK_TEXT, "display_name", "姓名");
		it->edit.max = 32;
		edit_set(&it->edit, ue ? ue->display_name : "");
		it = form_add(f, FK_CHOICE, "role", "角色");
		u->role_names = vocab_choices(VOCAB_ROLE, NULL, &it->nchoices);
		it->choices = u->role_names;
		if (ue && role_from_keyword(ue->role) >= 0)
			it->choice = role_from_keyword(ue->role);
		it = form_add(f, FK_CHOICE, "mediator", "关联调解员");
		it->choices = u->med_names;
		it->nchoices = u->nmed;
		it->choice = cur;
	}
	if (mode != UF_EDIT) {
		it = form_add(f, FK_PASSWORD, "password", mode == UF_NEW ? "初始密码" : "新密码");
		it->edit.max = 128;
		form_set_msg(it, US_DIM, "至少 %d 个字符", app->cfg->min_password_len);
		it = form_add(f, FK_PASSWORD, "password2", "再输入一次");
		it->edit.max = 128;
	}
	s = screen_new(app, &userform_ops, mode == UF_NEW ? "新增账号" : mode == UF_EDIT ? "修改账号" : "重设密码", u);
	s->ops->layout(s, LINES - 3 >= UI_MIN_ROWS - 3 ? LINES - 3 : UI_MIN_ROWS - 3,
		       COLS >= UI_MIN_COLS ? COLS : UI_MIN_COLS);
	/* start on the first field that can be typed in */
	for (int i = 0; i < f->n; i++)
		if (!f->items[i].readonly) {
			form_focus(f, i);
			break;
		}
	u->snap = form_snapshot(f);
	return s;
}

/* ---- the list --------------------------------------------------------------------- */

struct users_screen {
	struct linelist l;
	struct user_list u;
	int64_t seen_version;
	int was_top;
};

static const enum ui_action users_actions[] = {UA_ADD, UA_EDIT, UA_ACT, UA_PICK, UA_DELETE, UA_REFRESH, UA_BACK,
					       UA_ENTER, UA_PGUP, UA_PGDN, UA_NONE};
static const struct ui_label users_labels[] = {
	{UA_ACT, "重设密码", "为选中的账号设置新密码（同时解锁）"},
	{UA_PICK, "解锁", "解除选中账号的登录锁定"},
	{UA_DELETE, "停用/启用", "停用或重新启用选中的账号"},
	{UA_ADD, NULL, "新增账号"},
	{UA_EDIT, NULL, "修改选中账号的姓名、角色和关联的调解员（Enter 亦可）"},
	{UA_NONE, NULL, NULL},
};

static void users_reload(struct screen *s)
{
	struct users_screen *us = s->priv;
	struct ll_line *was = ll_selected(&us->l);
	int64_t id = was ? was->id : 0;

	user_list_free(&us->u);
	ll_clear(&us->l);
	if (users_load(s->app->db, &s->app->actor, &us->u) < 0) {
		ui_error(s->app);
		ll_text(&us->l, US_ERROR, tj_errmsg());
		return;
	}
	us->seen_version = store_data_version(s->app->db);
	struct ll_line *h = ll_add(&us->l, LL_TEXT, US_LABEL);
	ll_cell(h, 0, 2, "登录名");
	ll_cell(h, 1, 16, "姓名");
	ll_cell(h, 2, 28, "角色");
	ll_cell(h, 3, 38, "关联调解员");
	ll_cell(h, 4, 50, "状态");
	ll_cell(h, 5, 62, "最近登录");
	for (int i = 0; i < us->u.n; i++) {
		const struct user_entry *e = &us->u.v[i];
		int r = role_from_keyword(e->role);
		struct ll_line *line = ll_add(&us->l, LK_USER, e->disabled ? US_DIM : e->locked ? US_WARN : US_NORMAL);
		line->id = e->id;
		ll_cell(line, 0, 2, "%s", e->login);
		ll_cell(line, 1, 16, "%s", e->display_name);
		ll_cell(line, 2, 28, "%s", r >= 0 ? role_name((enum role)r) : e->role);
		ll_cell(line, 3, 38, "%s", *e->mediator ? e->mediator : "—");
		if (e->disabled)
			ll_cell(line, 4, 50, "已停用");
		else if (e->locked)
			ll_cell(line, 4, 50, "已锁定");
		else if (e->failed)
			ll_cell(line, 4, 50, "正常(错%d次)", e->failed);
		else
			ll_cell(line, 4, 50, "正常");
		ll_cell(line, 5, 62, "%.16s", *e->last_login ? e->last_login : "从未");
	}
	ll_reselect(&us->l, LK_USER, id);
}

static const struct user_entry *selected(struct users_screen *us)
{
	struct ll_line *l = ll_selected(&us->l);

	for (int i = 0; l && i < us->u.n; i++)
		if (us->u.v[i].id == l->id)
			return &us->u.v[i];
	return NULL;
}

static void after(void *ctx)
{
	users_reload(ctx);
}

static int users_rows(const struct screen *s)
{
	return s->rows - 1;
}

static void users_layout(struct screen *s, int rows, int cols)
{
	s->rows = rows;
	s->cols = cols;
}

static void users_draw(struct screen *s)
{
	struct users_screen *us = s->priv;

	ll_draw(&us->l, 1, users_rows(s), s->cols);
	curs_set(0);
	ui_put(s->rows, 1, "F5 新增 F6 修改 F3 重设密码 F4 解锁 F8 停用/启用。最后一个管理员不能停用或降级。", s->cols - 2,
	       ui_attr(US_DIM), 0);
}

static int users_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct users_screen *us = s->priv;
	struct app *app = s->app;
	const struct user_entry *e;
	char q[160], login[40];

	(void)ch;
	if (ll_handle(&us->l, a, users_rows(s)))
		return UI_HANDLED;
	e = selected(us);
	switch (a) {
	case UA_BACK:
		return UI_HANDLED | UI_CLOSE;
	case UA_REFRESH:
		users_reload(s);
		ui_msg(app, US_OK, "已刷新");
		return UI_HANDLED;
	case UA_ADD:
		ui_push(app, userform_new(app, UF_NEW, NULL, after, s));
		return UI_HANDLED;
	case UA_EDIT:
	case UA_ENTER:
		if (e)
			ui_push(app, userform_new(app, UF_EDIT, e, after, s));
		return UI_HANDLED;
	case UA_ACT:
		if (e)
			ui_push(app, userform_new(app, UF_PASSWORD, e, after, s));
		return UI_HANDLED;
	case UA_PICK:
		if (!e)
			return UI_HANDLED;
		snprintf(login, sizeof login, "%s", e->login);
		if (!e->locked && !e->failed) {
			ui_msg(app, US_WARN, "账号 %s 没有被锁定", login);
			return UI_HANDLED;
		}
		if (users_unlock(app->db, &app->actor, login) < 0)
			ui_error(app);
		else
			ui_msg(app, US_OK, "已解锁账号 %s", login);
		users_reload(s);
		return UI_HANDLED;
	case UA_DELETE: {
		if (!e)
			return UI_HANDLED;
		int disable = !e->disabled;
		snprintf(login, sizeof login, "%s", e->login);
		snprintf(q, sizeof q, disable ? "停用账号 %s（%s）吗？停用后不能登录，记录保留。" : "重新启用账号 %s（%s）吗？",
			 e->login, e->display_name);
		if (!ui_confirm(app, q))
			return UI_HANDLED;
		if (users_set_disabled(app->db, &app->actor, login, disable) < 0)
			ui_error(app);
		else
			ui_msg(app, US_OK, disable ? "已停用账号 %s" : "已启用账号 %s", login);
		users_reload(s);
		return UI_HANDLED;
	}
	default:
		return UI_HANDLED;
	}
}

static void users_tick(struct screen *s)
{
	struct users_screen *us = s->priv;
	int top = ui_top(s->app) == s;

	if (store_data_version(s->app->db) != us->seen_version || (top && !us->was_top))
		users_reload(s);
	us->was_top = top;
}

static void users_destroy(struct screen *s)
{
	struct users_screen *us = s->priv;

	ll_free(&us->l);
	user_list_free(&us->u);
	free(us);
}

static const struct screen_ops users_ops = {
	.name = "users",
	.actions = users_actions,
	.labels = users_labels,
	.layout = users_layout,
	.draw = users_draw,
	.handle = users_handle,
	.tick = users_tick,
	.destroy = users_destroy,
};

struct screen *users_screen_new(struct app *app)
{
	struct users_screen *us = xcalloc(1, sizeof *us);
	struct screen *s;

	us->l.sel = -1;
	us->was_top = 1;
	s = screen_new(app, &users_ops, "账号管理", us);
	s->rows = LINES - 3 >= UI_MIN_ROWS - 3 ? LINES - 3 : UI_MIN_ROWS - 3;
	s->cols = COLS >= UI_MIN_COLS ? COLS : UI_MIN_COLS;
	users_reload(s);
	return s;
}
