/*
 * consult.c - the consultation log (咨询登记): a short form (topic cause,
 * phone, note) and today's consultations below it.  What is typed is kept
 * as a draft like every other form (kind "consult": on SIGHUP, SIGTERM,
 * leaving with 暂存, and every 30 seconds), and saving deletes the draft in
 * the transaction that records the consultation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tiaojie/access.h"
#include "tiaojie/consult.h"
#include "tiaojie/draft.h"
#include "tiaojie/screens.h"
#include "tiaojie/uitext.h"
#include "tiaojie/util.h"
#include "tiaojie/widgets.h"

struct consult_screen {
	struct form form;
	char cause[8];
	char *cause_name;
	char *snap; /* the empty form: has anything been typed? */
	int64_t draft_id; /* the draft this form was kept as (0: none yet) */
	int draft_slot;   /* kept aside, not in the database (screen_draft_keep) */
	int dirty;        /* typed since the last draft */
	time_t last_save;
};

#define CONSULT_DRAFT_KIND "consult"

static int consult_typed(struct consult_screen *cs)
{
	return cs->cause[0] || form_changed(&cs->form, cs->snap);
}

/* Keep the form as a draft (SIGHUP, SIGTERM, the autosave, 暂存). */
static void consult_save_draft(struct screen *s)
{
	struct consult_screen *cs = s->priv;
	struct strbuf sb;

	if (!s->app->logged_in || !consult_typed(cs))
		return;
	sb_init(&sb);
	draft_put(&sb, "cause", cs->cause);
	draft_put(&sb, "cause_name", cs->cause_name);
	form_draft_put(&cs->form, &sb, "f.");
	if (screen_draft_keep(s->app, CONSULT_DRAFT_KIND, sb.buf, &cs->draft_id, &cs->draft_slot) >= 0) {
		cs->dirty = 0;
		cs->last_save = time(NULL);
	}
	sb_free(&sb);
}

static void consult_tick(struct screen *s)
{
	struct consult_screen *cs = s->priv;

	if (cs->dirty && time(NULL) - cs->last_save >= screen_autosave_seconds()) {
		consult_save_draft(s);
		if (!cs->dirty && !cs->draft_slot) /* kept aside: its own message stays */
			ui_msg(s->app, US_DIM, "已自动保存草稿");
	}
}

static void consult_drop_draft(struct screen *s)
{
	struct consult_screen *cs = s->priv;

	if (draft_drop(s->app->db, s->app->user.id, cs->draft_id) < 0)
		ui_error(s->app);
	cs->draft_id = 0;
	screen_draft_forget(s->app, &cs->draft_slot);
	cs->dirty = 0;
}

static const enum ui_action consult_actions[] = {UA_SAVE, UA_PICK, UA_REFRESH, UA_BACK,
						 UA_NEXT, UA_PREV, UA_ENTER, UA_NONE};

static void set_cause_row(struct consult_screen *cs)
{
	char buf[200];

	snprintf(buf, sizeof buf, "咨询事项    %s %s", cs->cause[0] ? cs->cause : "",
		 cs->cause[0] ? cs->cause_name : "（Enter 或 F4/^P 选择案由，可不选）");
	form_set_text(form_find(&cs->form, "cause"), buf);
}

static void build_list(struct screen *s)
{
	struct consult_screen *cs = s->priv;
	struct consult_list l;
	char today[11], buf[400];
	int base = form_index(&cs->form, "today");

	form_truncate(&cs->form, base + 1);
	date_format(tj_today(), today);
	if (consult_day_load(s->app->db, &s->app->actor, today, &l) < 0) {
		ui_error(s->app);
		return;
	}
	snprintf(buf, sizeof buf, "今日咨询（%s，共 %d 人次）", today, l.n);
	form_set_text(&cs->form.items[base], "");
	free(cs->form.items[base].label);
	cs->form.items[base].label = xstrdup(buf);
	for (int i = 0; i < l.n; i++) {
		struct consult_rec *k = &l.v[i];
		/* columns by display width ("%-12s" padded by bytes: four
		 * Chinese characters, and the notes did not line up) */
		struct strbuf sb;
		sb_init(&sb);
		sb_printf(&sb, " %s  ", k->at);
		tw_pad(&sb, k->cause, 4);
		sb_addc(&sb, ' ');
		int cw = tw_width(k->cause_name);
		tw_pad(&sb, k->cause_name, cw < 22 ? 22 : cw);
		sb_printf(&sb, " %s  [%s]", k->note, k->clerk);
		struct form_item *it = form_add(&cs->form, FK_INFO, NULL, NULL);
		form_set_text(it, sb.buf);
		sb_free(&sb);
	}
	consult_list_free(&l);
}

static void picked(void *ctx, const char *code, const char *name)
{
	struct consult_screen *cs = ctx;

	snprintf(cs->cause, sizeof cs->cause, "%s", code);
	free(cs->cause_name);
	cs->cause_name = xstrdup(name);
	set_cause_row(cs);
	form_focus(&cs->form, form_index(&cs->form, "phone"));
}

static int consult_text_input(struct screen *s)
{
	struct consult_screen *cs = s->priv;

	return form_text_input(&cs->form);
}

static void consult_layout(struct screen *s, int rows, int cols)
{
	struct consult_screen *cs = s->priv;

	s->rows = rows;
	s->cols = cols;
	form_area(&cs->form, 2, 2, rows - 2, cols - 4);
	cs->form.field_w = cols - 4 - cs->form.label_w - 1 - 20;
}

static void consult_draw(struct screen *s)
{
	struct consult_screen *cs = s->priv;

	ui_put(1, 2, "咨询登记：当场解答、不立案的来访咨询（计入统计）", s->cols - 4, ui_attr(US_HEADER), 0);
	form_draw(&cs->form);
}

static int consult_save(struct screen *s)
{
	struct consult_screen *cs = s->priv;
	struct form_item *note = form_find(&cs->form, "note"), *phone = form_find(&cs->form, "phone");
	char *n = edit_get(&note->edit), *p = edit_get(&phone->edit);
	const char *field;

	note->msg[0] = phone->msg[0] = '\0';
	if (cs->draft_slot) /* kept aside: into the database, deleted there with the save */
		consult_save_draft(s);
	if (consult_record(s->app->db, &s->app->actor, cs->cause, n, p, cs->draft_id, &field) < 0) {
		struct form_item *it = field ? form_find(&cs->form, field) : NULL;
		if (it && it->kind != FK_ROW) {
			form_set_msg(it, US_ERROR, "%s", tj_errmsg());
			form_show_errors(&cs->form, s->app); /* focus it, name it */
		} else {
			ui_error(s->app);
		}
	} else {
		ui_msg(s->app, US_OK, "已登记咨询");
		cs->draft_id = 0; /* gone in the same transaction */
		screen_draft_forget(s->app, &cs->draft_slot);
		cs->dirty = 0;
		cs->cause[0] = '\0';
		set_cause_row(cs);
		edit_set(&note->edit, "");
		edit_set(&phone->edit, "");
		form_focus(&cs->form, 0);
		build_list(s);
	}
	free(n);
	free(p);
	return UI_HANDLED;
}

static int consult_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct consult_screen *cs = s->priv;
	struct form_item *it = form_focused(&cs->form);

	switch (a) {
	case UA_BACK:
		if (consult_typed(cs)) {
			int ans = ui_ask_unsaved_keep(s->app, "这条咨询");
			if (ans == UI_SAVE) {
				consult_save(s);
				/* saved: the form is empty again; refused: it stays */
				if (consult_typed(cs))
					return UI_HANDLED;
			} else if (ans == UI_KEEP) {
				cs->dirty = 1; /* cleared only when kept */
				consult_save_draft(s);
				if (cs->dirty)
					return UI_HANDLED; /* not kept (the message says why): stay */
				if (!cs->draft_slot) /* kept aside: its own message says where */
					ui_msg(s->app, US_OK, "咨询已存为草稿，可从工作台“草稿”继续");
				return UI_HANDLED | UI_CLOSE;
			} else if (ans != UI_DISCARD) {
				return UI_HANDLED;
			}
		}
		consult_drop_draft(s); /* discarded (or nothing typed): the draft goes too */
		return UI_HANDLED | UI_CLOSE;
	case UA_SAVE:
		return consult_save(s);
	case UA_REFRESH:
		build_list(s);
		return UI_HANDLED;
	case UA_PICK:
		cs->dirty = 1;
		/* the topic's list belongs to the topic's row only */
		if (it && it->id && !strcmp(it->id, "cause"))
			ui_push(s->app, causepick_screen_new(s->app, cs->cause, picked, cs));
		else
			ui_msg(s->app, US_WARN, "%s一栏没有可选的列表", it && it->label ? it->label : "本");
		return UI_HANDLED;
	case UA_ENTER:
		if (it && it->id && !strcmp(it->id, "cause")) {
			cs->dirty = 1;
			ui_push(s->app, causepick_screen_new(s->app, cs->cause, picked, cs));
			return UI_HANDLED;
		}
		if (it && it->id && !strcmp(it->id, "note"))
			return consult_save(s);
		form_handle(&cs->form, UA_NEXT, 0);
		return UI_HANDLED;
	default:
		if (form_handle(&cs->form, a, ch) >= 0)
			cs->dirty = 1;
		return UI_HANDLED;
	}
}

static void consult_destroy(struct screen *s)
{
	struct consult_screen *cs = s->priv;

	form_free(&cs->form);
	free(cs->cause_name);
	free(cs->snap);
	free(cs);
}

static const struct screen_ops consult_ops = {
	.name = "consult",
	.actions = consult_actions,
	.text_input = consult_text_input,
	.layout = consult_layout,
	.draw = consult_draw,
	.handle = consult_handle,
	.tick = consult_tick,
	.save_draft = consult_save_draft,
	.destroy = consult_destroy,
};

struct screen *consult_screen_new(struct app *app)
{
	struct consult_screen *cs = xcalloc(1, sizeof *cs);
	struct screen *s;
	struct form_item *it;

	form_init(&cs->form);
	cs->cause_name = xstrdup("");
	form_add(&cs->form, FK_ROW, "cause", NULL);
	it = form_add(&cs->form, FK_TEXT, "phone", "联系电话");
	it->edit.max = 30;
	it = form_add(&cs->form, FK_TEXT, "note", "咨询摘要");
	it->edit.max = CONSULT_MAX_NOTE;
	form_add(&cs->form, FK_INFO, NULL, "");
	form_add(&cs->form, FK_SECTION, "today", "今日咨询");
	set_cause_row(cs);
	cs->snap = form_snapshot(&cs->form);
	s = screen_new(app, &consult_ops, "咨询登记", cs);
	build_list(s);
	return s;
}

void consult_resume(struct app *app, const char *draft_body, int64_t draft_id)
{
	struct screen *s = consult_screen_new(app);
	struct consult_screen *cs = s->priv;
	char *cause = draft_get(draft_body, "cause"), *name = draft_get(draft_body, "cause_name");

	snprintf(cs->cause, sizeof cs->cause, "%s", cause ? cause : "");
	free(cs->cause_name);
	cs->cause_name = xstrdup(name ? name : "");
	free(cause);
	free(name);
	set_cause_row(cs);
	form_draft_get(&cs->form, draft_body, "f.");
	cs->draft_id = draft_id;
	cs->last_save = time(NULL);
	ui_push(app, s);
	ui_msg(app, US_OK, "已恢复咨询草稿，按 F2 登记");
}
