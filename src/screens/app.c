/*
 * app.c - the full-screen application's start and end: terminal up, the
 * login screen, the loop, terminal down.  Logging out (ui_logout) ends the
 * loop as quitting does; then every screen is taken down, the user and the
 * actor are forgotten and the login screen starts the loop again, so
 * nothing of one user's session reaches the next.
 *
 * It lives with the screens, not in src/ui: the shell knows neither the
 * database nor the screens, so what the application does while the user
 * is idle (checkpoints) is registered here as app.idle.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/access.h"
#include "tiaojie/screens.h"
#include "tiaojie/store.h"
#include "tiaojie/util.h"

/* Forget the user: the screens (the desk is the last; a form would have
 * left its draft in the database), the account, the actor, the message. */
static void session_end(struct app *app)
{
	while (app->depth)
		ui_pop(app);
	account_free(&app->user);
	memset(&app->actor, 0, sizeof app->actor);
	app->logged_in = 0;
	app->msg[0] = '\0';
	app->msg_style = US_NORMAL;
	app->wake_at = 0;
	ui_forget_keys();
}

/* A second without a key: copy the WAL back now rather than in a save. */
static int app_idle(struct app *app)
{
	return store_idle(app->db, 0);
}

int ui_main(struct db *db, struct config *cfg)
{
	struct app app;

	if (!ui_locale_ok())
		return 1;
	memset(&app, 0, sizeof app);
	app.db = db;
	app.cfg = cfg;
	app.idle = app_idle;
	holidays_init(&app.hol);
	if (holidays_from_db(db, &app.hol) < 0) {
		fprintf(stderr, "tiaojie: %s\n", tj_errmsg());
		holidays_free(&app.hol);
		return 1;
	}
	if (ui_term_init() < 0) {
		holidays_free(&app.hol);
		return 1;
	}
	if (store_readonly(db)) {
		ui_msg(&app, US_WARN, "数据库为只读：可以查看，不能保存");
		app.badge = "数据库只读"; /* on every screen, all session long */
	}
	/* the WAL is copied back while the user is idle, not inside a save */
	store_defer_checkpoints(db);
	for (;;) {
		ui_push(&app, login_screen_new(&app));
		ui_run(&app);
		int again = app.logout && !ui_signal;
		session_end(&app);
		if (!again)
			break;
		app.quit = app.logout = 0;
		ui_msg(&app, US_OK, "已退出登录%s", store_readonly(db) ? "（数据库为只读）" : "");
	}
	ui_term_done();
	if (store_idle(db, 1) < 0)
		fprintf(stderr, "tiaojie: %s\n", tj_errmsg());
	holidays_free(&app.hol);
	if (!ui_signal)
		return 0;
	/* exactly what became of the open forms */
	fprintf(stderr, "tiaojie: 收到信号 %d，", (int)ui_signal);
	if (!app.drafts_kept && !app.drafts_aside && !app.drafts_lost)
		fprintf(stderr, "没有需要保存的表单，已退出\n");
	if (app.drafts_kept)
		fprintf(stderr, "已将 %d 份表单存为草稿%s", app.drafts_kept,
			app.drafts_aside || app.drafts_lost ? "；" : "，已退出\n");
	if (app.drafts_aside)
		fprintf(stderr, "%d 份草稿未能存入数据库（%s），已另存到 %s，下次登录时提供%s", app.drafts_aside,
			app.drafts_why, app.drafts_where, app.drafts_lost ? "；" : "，已退出\n");
	if (app.drafts_lost)
		fprintf(stderr, "%d 份表单未能保存为草稿（%s），已退出\n", app.drafts_lost, app.drafts_why);
	return app.drafts_lost ? 1 : 0;
}
