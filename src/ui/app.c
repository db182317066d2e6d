/*
 * app.c - the full-screen application's start and end: terminal up, the
 * login screen, the loop, terminal down.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/screens.h"
#include "tiaojie/util.h"

int ui_main(struct db *db, struct config *cfg)
{
	struct app app;

	if (!ui_locale_ok())
		return 1;
	memset(&app, 0, sizeof app);
	app.db = db;
	app.cfg = cfg;
	holidays_init(&app.hol);
	if (db_holidays_load(db, &app.hol) < 0) {
		fprintf(stderr, "tiaojie: %s\n", tj_errmsg());
		holidays_free(&app.hol);
		return 1;
	}
	if (ui_term_init() < 0) {
		holidays_free(&app.hol);
		return 1;
	}
	if (db->readonly)
		ui_msg(&app, US_WARN, "数据库为只读：可以查看，不能保存");
	/* the WAL is copied back while the user is idle, not inside a save */
	db_defer_checkpoints(db);
	ui_push(&app, login_screen_new(&app));
	ui_run(&app);
	while (app.depth)
		ui_pop(&app);
	ui_term_done();
	if (db_idle(db, 1) < 0)
		fprintf(stderr, "tiaojie: %s\n", tj_errmsg());
	if (app.logged_in)
		user_rec_free(&app.user);
	holidays_free(&app.hol);
	if (ui_signal)
		fprintf(stderr, "tiaojie: 收到信号 %d，已保存草稿并退出\n", (int)ui_signal);
	return 0;
}
