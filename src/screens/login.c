/*
 * login.c - the login screen: account and password (not echoed).  Wrong
 * passwords are counted by the core (account_sign_in), which locks the account
 * after lockout_failures in a row; the role of the account decides the
 * work desk.
 */
#include <stdlib.h>
#include <string.h>

#include "tiaojie/access.h"
#include "tiaojie/draft.h"
#include "tiaojie/store.h"
#include "tiaojie/screens.h"
#include "tiaojie/widgets.h"

struct login {
	struct form form;
};

static const enum ui_action login_actions[] = {UA_ENTER, UA_QUIT, UA_NONE};

static int login_text_input(struct screen *s)
{
	struct login *l = s->priv;

	return form_text_input(&l->form);
}

static void login_layout(struct screen *s, int rows, int cols)
{
	struct login *l = s->priv;

	s->rows = rows;
	s->cols = cols;
	l->form.label_w = 8;
	form_area(&l->form, rows / 2 - 1, (cols - 50) / 2, 4, 50);
	l->form.field_w = 24;
}

static void login_draw(struct screen *s)
{
	struct login *l = s->priv;
	struct app *app = s->app;
	int x = (s->cols - 50) / 2;

	ui_put(3, x, app->cfg->court_name, 50, A_BOLD, 0);
	ui_put(4, x, app->cfg->centre_name, 50, A_NORMAL, 0);
	ui_put(6, x, "调解申请登记与案件管理系统", 50, ui_attr(US_HEADER), 0);
	ui_put(l->form.y - 2, x, "请输入账号和密码，按 Enter 登录", 50, ui_attr(US_DIM), 0);
	form_draw(&l->form);
}

static void open_desk(struct app *app)
{
	struct draft_list dl;

	ui_push(app, desk_screen_new(app));
	if (drafts_load(app->db, &app->actor, &dl) == 0) {
		if (dl.n > 0)
			ui_push(app, drafts_screen_new(app));
		draft_list_free(&dl);
	}
}

static int try_login(struct screen *s)
{
	struct login *l = s->priv;
	struct app *app = s->app;
	char *login = edit_get(&form_find(&l->form, "login")->edit);
	char *pw = edit_get(&form_find(&l->form, "password")->edit);
	int rc;

	if (!*login) {
		ui_msg(app, US_ERROR, "请输入账号");
		form_focus(&l->form, form_index(&l->form, "login"));
		free(login);
		free(pw);
		return UI_HANDLED;
	}
	rc = account_sign_in(app->db, app->cfg, login, pw, &app->user, &app->actor);
	memset(pw, 0, strlen(pw));
	free(pw);
	free(login);
	edit_set(&form_find(&l->form, "password")->edit, "");
	if (rc < 0) {
		ui_error(app);
		form_focus(&l->form, form_index(&l->form, "password"));
		return UI_HANDLED;
	}
	app->logged_in = 1;
	if (store_readonly(app->db))
		ui_msg(app, US_WARN, "欢迎，%s。数据库为只读：可以查看，不能保存", app->user.display_name);
	else
		ui_msg(app, US_OK, "欢迎，%s", app->user.display_name);
	/* drafts a full disk kept in the runtime directory come back in now,
	 * offered with the others on the desk */
	if (!store_readonly(app->db)) {
		int n = draft_recover_aside(app->db, app->user.id);
		if (n > 0)
			ui_msg(app, US_WARN, "欢迎，%s。上次磁盘已满时另存的草稿 %d 份已取回，见工作台“草稿”",
			       app->user.display_name, n);
		else if (n < 0)
			ui_msg(app, US_WARN, "欢迎，%s。另存的草稿未能取回：%s", app->user.display_name, tj_errmsg());
	}
	/* the login screen leaves; the desk takes its place */
	ui_pop(app);
	open_desk(app);
	return UI_HANDLED;
}

static int login_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct login *l = s->priv;

	if (a == UA_QUIT || a == UA_BACK) {
		s->app->quit = 1;
		return UI_HANDLED;
	}
	if (a == UA_ENTER) {
		struct form_item *it = form_focused(&l->form);
		if (it && it->id && strcmp(it->id, "login") == 0) {
			form_handle(&l->form, UA_NEXT, 0);
			return UI_HANDLED;
		}
		return try_login(s);
	}
	form_handle(&l->form, a, ch);
	return UI_HANDLED;
}

static void login_destroy(struct screen *s)
{
	struct login *l = s->priv;

	form_free(&l->form);
	free(l);
}

static const struct screen_ops login_ops = {
	.name = "login",
	.actions = login_actions,
	.text_input = login_text_input,
	.layout = login_layout,
	.draw = login_draw,
	.handle = login_handle,
	.destroy = login_destroy,
};

struct screen *login_screen_new(struct app *app)
{
	struct login *l = xcalloc(1, sizeof *l);
	struct form_item *it;

	form_init(&l->form);
	it = form_add(&l->form, FK_TEXT, "login", "账号");
	it->edit.max = 32;
	it = form_add(&l->form, FK_PASSWORD, "password", "密码");
	it->edit.max = 128;
	return screen_new(app, &login_ops, "登录", l);
}
