/*
 * drafts.c - the user's unfinished forms (saved on a dropped connection,
 * on leaving, or by the 30-second autosave), offered at login and from
 * the work desk: Enter resumes one, F8/^D discards it.  Three kinds: an
 * intake form ("intake", with the claim dialog that was open), a form of
 * an action on a case ("case": an agreement, a session record, 登记送达...) and a
 * consultation ("consult").  A draft the database could not take (the
 * disk full) is kept in the runtime directory and moved back in at the
 * next login (screen_draft_keep, draft_recover_aside).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/access.h"
#include "tiaojie/draft.h"
#include "tiaojie/lifecycle.h"
#include "tiaojie/screens.h"
#include "tiaojie/widgets.h"

#define AUTOSAVE_SECONDS 30

int screen_draft_keep(struct app *app, const char *kind, const char *body, int64_t *id, int *slot)
{
	static int next_slot;
	int64_t dbid = *id;
	char why[600], *where = NULL;

	if (draft_keep(app->db, app->user.id, kind, body, &dbid) == 0) {
		if (*slot) /* the database takes drafts again */
			draft_drop_aside(app->db, app->user.id, *slot);
		*slot = 0;
		*id = dbid;
		app->drafts_kept++;
		return 0;
	}
	snprintf(why, sizeof why, "%s", tj_errmsg());
	int full = strstr(why, "磁盘已满") != NULL;
	snprintf(app->drafts_why, sizeof app->drafts_why, "%s", full ? "磁盘已满" : why);
	if (!*slot)
		*slot = ++next_slot;
	if (draft_keep_aside(app->db, app->user.id, kind, body, *slot, &where) == 0) {
		app->drafts_aside++;
		snprintf(app->drafts_where, sizeof app->drafts_where, "%s", where);
		if (full)
			ui_msg(app, US_WARN, "磁盘已满，草稿未能存入数据库；已另存到 %s，下次登录时提供", where);
		else
			ui_msg(app, US_WARN, "草稿未能存入数据库（%s）；已另存到 %s，下次登录时提供", why, where);
		free(where);
		return 1;
	}
	char aside[600];
	snprintf(aside, sizeof aside, "%s", tj_errmsg());
	snprintf(app->drafts_why, sizeof app->drafts_why, "%s；另存也失败：%s", full ? "磁盘已满" : why, aside);
	app->drafts_lost++;
	if (full)
		tj_error("磁盘已满，草稿未能保存（另存也失败：%s）", aside);
	else
		tj_error("草稿未能保存：%s（另存也失败：%s）", why, aside);
	ui_error(app);
	return -1;
}

void screen_draft_forget(struct app *app, int *slot)
{
	if (*slot)
		draft_drop_aside(app->db, app->user.id, *slot);
	*slot = 0;
}

int screen_autosave_seconds(void)
{
#ifdef TIAOJIE_TESTING
	/* test builds: a shorter interval so the screen test need not wait */
	const char *e = getenv("TIAOJIE_AUTOSAVE");
	if (e && atoi(e) > 0)
		return atoi(e);
#endif
	return AUTOSAVE_SECONDS;
}

struct drafts_screen {
	struct form form;
	struct draft_list list;
};

static const enum ui_action drafts_actions[] = {UA_ENTER, UA_DELETE, UA_BACK, UA_NONE};

static void drafts_build(struct screen *s)
{
	struct drafts_screen *d = s->priv;
	char buf[400];

	form_clear(&d->form);
	draft_list_free(&d->list);
	if (drafts_load(s->app->db, &s->app->actor, &d->list) < 0) {
		ui_error(s->app);
		return;
	}
	for (int i = 0; i < d->list.n; i++) {
		struct draft_rec *r = &d->list.v[i];
		if (strcmp(r->kind, "case") == 0) {
			char *no = draft_get(r->body, "case_no"), *kw = draft_get(r->body, "action");
			int a = kw ? action_from_keyword(kw) : -1;
			snprintf(buf, sizeof buf, " %s  案件 %s  %s", r->saved_at, no ? no : "",
				 a >= 0 ? action_name((enum case_action)a)
				 : kw && !strcmp(kw, SERVICE_DRAFT_ACTION) ? "登记送达" : kw ? kw : "");
			free(no);
			free(kw);
		} else if (strcmp(r->kind, "consult") == 0) {
			char *note = draft_get(r->body, "f.note");
			size_t cut = 0;
			/* the first 30 characters, never half of one */
			for (int n = 0; note && note[cut] && n < 30; n++)
				do
					cut++;
				while ((note[cut] & 0xC0) == 0x80);
			snprintf(buf, sizeof buf, " %s  咨询登记  %.*s", r->saved_at, (int)cut,
				 note && *note ? note : "（未填摘要）");
			if (!note || !*note)
				snprintf(buf, sizeof buf, " %s  咨询登记  （未填摘要）", r->saved_at);
			free(note);
		} else {
			char *name = draft_get(r->body, "applicant[0].name");
			char *emp = draft_get(r->body, "respondent[0].name");
			snprintf(buf, sizeof buf, " %s  %s  申请人：%s  被申请人：%s", r->saved_at,
				 strcmp(r->kind, "intake") == 0 ? "调解申请登记" : r->kind,
				 name && *name ? name : "（未填）", emp && *emp ? emp : "（未填）");
			free(name);
			free(emp);
		}
		struct form_item *it = form_add(&d->form, FK_ROW, NULL, NULL);
		form_set_text(it, buf);
		it->tag = i;
	}
}

static void drafts_layout(struct screen *s, int rows, int cols)
{
	struct drafts_screen *d = s->priv;

	s->rows = rows;
	s->cols = cols;
	form_area(&d->form, 3, 2, rows - 4, cols - 4);
}

static void drafts_draw(struct screen *s)
{
	struct drafts_screen *d = s->priv;

	ui_put(1, 2, "您有未完成的表单（断线、退出或自动保存时留下）：", s->cols - 4, ui_attr(US_HEADER), 0);
	ui_put(2, 2, "Enter 继续填写，F8/^D 放弃，Esc 以后再说", s->cols - 4, ui_attr(US_DIM), 0);
	if (d->form.n == 0)
		ui_put(4, 4, "没有草稿", s->cols - 8, A_NORMAL, 0);
	form_draw(&d->form);
	curs_set(0);
}

static int drafts_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct drafts_screen *d = s->priv;
	struct form_item *it = form_focused(&d->form);

	(void)ch;
	switch (a) {
	case UA_BACK:
		return UI_HANDLED | UI_CLOSE;
	case UA_ENTER:
		if (it && it->tag < d->list.n) {
			struct draft_rec *r = &d->list.v[it->tag];
			/* the desk stays below; the resumed form goes on top */
			struct app *app = s->app;
			char *body = xstrdup(r->body), *kind = xstrdup(r->kind);
			int64_t id = r->id;
			ui_pop(app); /* frees s and the list */
			if (strcmp(kind, "case") == 0)
				casedetail_resume(app, body, id);
			else if (strcmp(kind, "consult") == 0)
				consult_resume(app, body, id);
			else
				intake_resume(app, body, id);
			free(body);
			free(kind);
		}
		return UI_HANDLED;
	case UA_DELETE:
		if (it && it->tag < d->list.n && ui_confirm(s->app, "放弃这份草稿？放弃后不能恢复。")) {
			if (draft_drop(s->app->db, s->app->user.id, d->list.v[it->tag].id) < 0)
				ui_error(s->app);
			else
				ui_msg(s->app, US_OK, "草稿已放弃");
			drafts_build(s);
			if (d->form.n == 0)
				return UI_HANDLED | UI_CLOSE;
		}
		return UI_HANDLED;
	case UA_DOWN:
	case UA_UP:
	case UA_NEXT:
	case UA_PREV:
		form_handle(&d->form, a == UA_NEXT ? UA_DOWN : a == UA_PREV ? UA_UP : a, 0);
		return UI_HANDLED;
	default:
		return UI_HANDLED;
	}
}

static void drafts_destroy(struct screen *s)
{
	struct drafts_screen *d = s->priv;

	form_free(&d->form);
	draft_list_free(&d->list);
	free(d);
}

static const struct screen_ops drafts_ops = {
	.name = "drafts",
	.actions = drafts_actions,
	.layout = drafts_layout,
	.draw = drafts_draw,
	.handle = drafts_handle,
	.destroy = drafts_destroy,
};

struct screen *drafts_screen_new(struct app *app)
{
	struct drafts_screen *d = xcalloc(1, sizeof *d);
	struct screen *s;

	form_init(&d->form);
	s = screen_new(app, &drafts_ops, "草稿", d);
	drafts_build(s);
	return s;
}
