/*
 * roster.c - the roster of mediators (调解员名册, administrators): the list
 * with side, open caseload against capacity, linked account and
 * affiliation; F5 adds, F6 or Enter edits, F8 deactivates or reactivates.
 *
 * The edit form checks as it goes (the specialties typed as cause codes
 * show their names beside the field, F4 picks one more with the cause
 * picker) and saves through roster_save, which checks everything again;
 * a refusal puts its message beside the field to blame and keeps what was
 * typed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/access.h"
#include "tiaojie/admin.h"
#include "tiaojie/assign.h"
#include "tiaojie/lines.h"
#include "tiaojie/screens.h"
#include "tiaojie/store.h"
#include "tiaojie/vocab.h"
#include "tiaojie/widgets.h"

enum { LK_MEDIATOR = 1 };


/* ---- the edit form ------------------------------------------------------------ */

struct medform {
	struct form form;
	int64_t id;              /* 0: new */
	char *seen;              /* roster_entry_state as last read (NULL: new) */
	char *snap;              /* the form as it opened: has it changed? */
	void (*saved)(void *ctx, int64_t id);
	void *ctx;
	const char **side_names, **expert_names; /* the choices (vocab.h) */
};

static const enum ui_action medform_actions[] = {UA_SAVE, UA_PICK, UA_BACK, UA_NEXT, UA_PREV, UA_ENTER, UA_NONE};
static const struct ui_label medform_labels[] = {
	{UA_PICK, NULL, "在专长案由一栏：添加一个案由（案由选择器）；在所属单位一栏：按名称查找用人单位档案"},
	{UA_NONE, NULL, NULL},
};

static char *field_text(struct medform *m, const char *id)
{
	struct form_item *it = form_find(&m->form, id);
	return it ? edit_get(&it->edit) : xstrdup("");
}

/* The names of the specialties typed, or why they are not cause codes. */
static void show_specialties(struct screen *s)
{
	struct medform *m = s->priv;
	struct form_item *it = form_find(&m->form, "specialties");
	char *text = edit_get(&it->edit);
	char *codes = roster_parse_specialties(s->app->db, text);

	if (!codes) {
		form_set_msg(it, US_ERROR, "%s", tj_errmsg());
	} else if (!*codes) {
		form_set_msg(it, US_DIM, "可不填；F4 选择案由");
	} else {
		struct strbuf sb;
		sb_init(&sb);
		for (const char *p = codes; *p;) {
			size_t n = strcspn(p, ",");
			char code[8], *name = NULL;
			snprintf(code, sizeof code, "%.*s", (int)n, p);
			if (cause_lookup(s->app->db, &s->app->actor, code, &name) > 0) {
				if (sb.len)
					sb_add(&sb, "、");
				sb_add(&sb, name);
			}
			free(name);
			p += n;
			if (*p == ',')
				p++;
		}
		form_set_msg(it, US_OK, "%s", sb.buf ? sb.buf : "");
		sb_free(&sb);
	}
	free(codes);
	free(text);
}

static void picked(void *ctx, const char *code, const char *name)
{
	struct screen *s = ctx;
	struct medform *m = s->priv;
	struct form_item *it = form_find(&m->form, "specialties");
	char *text = edit_get(&it->edit);
	char *next = *text ? xasprintf("%s,%s", text, code) : xstrdup(code);

	(void)name;
	edit_set(&it->edit, next);
	free(next);
	free(text);
	show_specialties(s);
}

/* The affiliation chosen from the employer archive: its name and code,
 * so that the conflict check finds the respondent by either. */
static void affiliation_picked(void *ctx, const struct employer_full *e)
{
	struct screen *s = ctx;
	struct medform *m = s->priv;

	edit_set(&form_find(&m->form, "affiliation")->edit, e->name);
	edit_set(&form_find(&m->form, "uscc")->edit, e->uscc);
	form_focus(&m->form, form_index(&m->form, "phone"));
}

/* F4: the cause picker on the specialties, the employer search on the
 * affiliation, nothing on the other fields. */
static int medform_pick(struct screen *s)
{
	struct medform *m = s->priv;
	struct form_item *it = form_focused(&m->form);
	const char *id = it && it->id ? it->id : "";

	if (!strcmp(id, "specialties")) {
		ui_push(s->app, causepick_screen_new(s->app, NULL, picked, s));
	} else if (!strcmp(id, "affiliation") || !strcmp(id, "uscc")) {
		char *text = field_text(m, "affiliation");
		ui_push(s->app, employerpick_screen_new(s->app, text, affiliation_picked, s));
		free(text);
	} else {
		ui_msg(s->app, US_WARN, "%s一栏没有可选的列表", it && it->label ? it->label : "本");
	}
	return UI_HANDLED;
}

/* Someone else changed the mediator: remember what it is now, so that
 * saving again (after the administrator has read the message) overwrites
 * it knowingly. */
static void reread(struct screen *s)
{
	struct medform *m = s->priv;
	struct roster r = {0};

	if (roster_load(s->app->db, &s->app->actor, &r) < 0)
		return; /* the save's own message stays */
	for (int i = 0; i < r.n; i++)
		if (r.v[i].id == m->id) {
			free(m->seen);
			m->seen = roster_entry_state(&r.v[i]);
		}
	roster_free(&r);
}

static int medform_save(struct screen *s)
{
	struct medform *m = s->priv;
	char field[32] = "";
	char *name = field_text(m, "name"), *aff = field_text(m, "affiliation"), *uscc = field_text(m, "uscc");
	char *phone = field_text(m, "phone"), *cap = field_text(m, "capacity"), *spec = field_text(m, "specialties");
	char *login = field_text(m, "login");
	int side = form_find(&m->form, "side")->choice, expert = form_find(&m->form, "expert")->choice;
	int64_t id = 0;
	char *end = NULL;
	long capacity = strtol(cap, &end, 10);
	int rc = UI_HANDLED;

	for (int i = 0; i < m->form.n; i++)
		if (m->form.items[i].msg_style == US_ERROR)
			m->form.items[i].msg[0] = '\0';
	if (!*cap || !end || *end || capacity < 0 || capacity > 1000) {
		struct form_item *it = form_find(&m->form, "capacity");
		form_set_msg(it, US_ERROR, "请填写 0 到 1000 之间的整数");
		form_show_errors(&m->form, s->app);
		goto out;
	}
	struct roster_edit e = {
		.id = m->id, .name = name, .side = vocab_code_at(VOCAB_SIDE, side),
		.expert_kind = expert > 0 ? vocab_code_at(VOCAB_EXPERT, expert - 1) : "",
		.affiliation = aff, .affiliation_uscc = uscc, .phone = phone, .capacity = (int)capacity,
		.specialties = spec, .login = login, .seen = m->seen,
	};
	if (roster_save(s->app->db, &s->app->actor, &e, &id, field) < 0) {
		if (strcmp(field, "seen") == 0)
			reread(s);
		const char *fid = !strcmp(field, "affiliation_uscc") ? "uscc" : !strcmp(field, "expert_kind") ? "expert"
											      : field;
		struct form_item *it = *fid ? form_find(&m->form, fid) : NULL;
		if (it) {
			form_set_msg(it, US_ERROR, "%s", tj_errmsg());
			form_show_errors(&m->form, s->app); /* focus it, name it */
		} else {
			ui_error(s->app);
		}
		goto out;
	}
	ui_msg(s->app, US_OK, m->id ? "已保存调解员 %s" : "已加入名册：%s", name);
	if (m->saved)
		m->saved(m->ctx, id);
	rc = UI_HANDLED | UI_CLOSE;
out:
	free(name);
	free(aff);
	free(uscc);
	free(phone);
	free(cap);
	free(spec);
	free(login);
	return rc;
}

static int medform_text_input(struct screen *s)
{
	struct medform *m = s->priv;
	return form_text_input(&m->form);
}

static void medform_layout(struct screen *s, int rows, int cols)
{
	struct medform *m = s->priv;

	s->rows = rows;
	s->cols = cols;
	form_area(&m->form, 3, 2, rows - 3, cols - 4);
	m->form.label_w = 14;
	m->form.field_w = 34;
}

static void medform_draw(struct screen *s)
{
	struct medform *m = s->priv;

	ui_put(1, 2, m->id ? "修改调解员" : "新增调解员", s->cols - 4, ui_attr(US_HEADER), 0);
	ui_put(s->rows, 2, "F2 保存；专长填案由代码（如 0601, 0602 或一级 06），在该栏按 F4 从列表选择。", s->cols - 4,
	       ui_attr(US_DIM), 0);
	form_draw(&m->form);
}

static int medform_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct medform *m = s->priv;
	int changed;

	switch (a) {
	case UA_SAVE:
		return medform_save(s);
	case UA_PICK:
		return medform_pick(s);
	case UA_BACK:
		if (form_changed(&m->form, m->snap)) {
			int ans = ui_ask_unsaved(s->app, m->id ? "调解员的资料" : "新调解员的资料");
			if (ans == UI_SAVE)
				return medform_save(s); /* stays open when refused */
			if (ans != UI_DISCARD)
				return UI_HANDLED;
		}
		return UI_HANDLED | UI_CLOSE;
	case UA_ENTER:
		form_handle(&m->form, UA_NEXT, 0);
		return UI_HANDLED;
	default:
		changed = form_handle(&m->form, a, ch);
		if (changed >= 0) {
			const char *id = m->form.items[changed].id;
			if (id && !strcmp(id, "specialties"))
				show_specialties(s);
			if (id && !strcmp(id, "side")) {
				struct form_item *ex = form_find(&m->form, "expert");
				if (m->form.items[changed].choice != 3)
					ex->choice = 0;
				else if (!ex->choice)
					ex->choice = 1;
			}
		}
		return UI_HANDLED;
	}
}

static void medform_destroy(struct screen *s)
{
	struct medform *m = s->priv;

	form_free(&m->form);
	free(m->seen);
	free(m->snap);
	free(m->side_names);
	free(m->expert_names);
	free(m);
}

static const struct screen_ops medform_ops = {
	.name = "mediator-form",
	.actions = medform_actions,
	.labels = medform_labels,
	.text_input = medform_text_input,
	.layout = medform_layout,
	.draw = medform_draw,
	.handle = medform_handle,
	.destroy = medform_destroy,
};

static struct form_item *text_item(struct form *f, const char *id, const char *label, size_t max, const char *value)
{
	struct form_item *it = form_add(f, FK_TEXT, id, label);

	it->edit.max = max;
	edit_set(&it->edit, value ? value : "");
	return it;
}

static struct screen *medform_new(struct app *app, const struct roster_entry *m, void (*saved)(void *, int64_t),
				  void *ctx)
{
	struct medform *mf = xcalloc(1, sizeof *mf);
	struct form *f = &mf->form;
	struct form_item *it;
	struct screen *s;

	form_init(f);
	mf->id = m ? m->id : 0;
	mf->seen = m ? roster_entry_state(m) : NULL;
	mf->saved = saved;
	mf->ctx = ctx;
	text_item(f, "name", "姓名", 50, m ? m->name : "");
	it = form_add(f, FK_CHOICE, "side", "所属方面");
	mf->side_names = vocab_choices(VOCAB_SIDE, NULL, &it->nchoices);
	it->choices = mf->side_names;
	it->choice = m && vocab_index(VOCAB_SIDE, m->side) >= 0 ? vocab_index(VOCAB_SIDE, m->side) : 0;
	it = form_add(f, FK_CHOICE, "expert", "专家类别");
	mf->expert_names = vocab_choices(VOCAB_EXPERT, "（非专家）", &it->nchoices);
	it->choices = mf->expert_names;
	it->choice = m ? vocab_index(VOCAB_EXPERT, m->expert_kind) + 1 : 0; /* 0: not an expert */
	text_item(f, "affiliation", "所属单位", 100, m ? m->affiliation : "");
	text_item(f, "uscc", "单位信用代码", 24, m ? m->affiliation_uscc : "");
	text_item(f, "phone", "联系电话", 30, m ? m->phone : "");
	char cap[16];
	snprintf(cap, sizeof cap, "%d", m ? m->capacity : 20);
	text_item(f, "capacity", "最多在办案件", 4, cap);
	text_item(f, "specialties", "专长案由", 200, m ? m->specialties : "");
	text_item(f, "login", "登录账号", 32, m ? m->login : "");
	form_add(f, FK_INFO, NULL, "");
	it = form_add(f, FK_INFO, NULL, NULL);
	form_set_text(it, "所属单位：用人单位、律师事务所、工会等；填写单位时，分派时会提示与被申请人的回避冲突。");
	it->text_style = US_DIM;
	it = form_add(f, FK_INFO, NULL, NULL);
	form_set_text(it, "登录账号：角色为调解员的账号，关联后该账号可查看本人承办的案件和日程。");
	it->text_style = US_DIM;
	s = screen_new(app, &medform_ops, m ? "修改调解员" : "新增调解员", mf);
	s->ops->layout(s, LINES - 3 >= UI_MIN_ROWS - 3 ? LINES - 3 : UI_MIN_ROWS - 3,
		       COLS >= UI_MIN_COLS ? COLS : UI_MIN_COLS);
	show_specialties(s);
	mf->snap = form_snapshot(f);
	return s;
}

/* ---- the list ------------------------------------------------------------------ */

struct roster_screen {
	struct linelist l;
	struct roster r;
	int64_t seen_version;
	int was_top;
};

static const enum ui_action roster_actions[] = {UA_ADD, UA_EDIT, UA_DELETE, UA_REFRESH, UA_BACK, UA_ENTER,
						UA_PGUP, UA_PGDN, UA_NONE};
static const struct ui_label roster_labels[] = {
	{UA_DELETE, "停用/恢复", "停用选中的调解员（保留其案件和记录），或恢复已停用的"},
	{UA_ADD, NULL, "新增调解员"},
	{UA_EDIT, NULL, "修改选中的调解员（Enter 亦可）"},
	{UA_NONE, NULL, NULL},
};

static void roster_reload(struct screen *s)
{
	struct roster_screen *rs = s->priv;
	struct ll_line *was = ll_selected(&rs->l);
	int64_t id = was ? was->id : 0;
	int active = 0;

	roster_free(&rs->r);
	ll_clear(&rs->l);
	if (roster_load(s->app->db, &s->app->actor, &rs->r) < 0) {
		ui_error(s->app);
		ll_text(&rs->l, US_ERROR, tj_errmsg());
		return;
	}
	rs->seen_version = store_data_version(s->app->db);
	for (int i = 0; i < rs->r.n; i++)
		active += rs->r.v[i].active;
	struct ll_line *h = ll_add(&rs->l, LL_TEXT, US_HEADER);
	ll_cell(h, 0, 1, "在册 %d 人，停用 %d 人", active, rs->r.n - active);
	h = ll_add(&rs->l, LL_TEXT, US_LABEL);
	ll_cell(h, 0, 2, "姓名");
	ll_cell(h, 1, 12, "所属方面");
	ll_cell(h, 2, 34, "在办/上限");
	ll_cell(h, 3, 45, "账号");
	ll_cell(h, 4, 57, "所属单位");
	for (int i = 0; i < rs->r.n; i++) {
		const struct roster_entry *m = &rs->r.v[i];
		int full = m->open >= m->capacity;
		struct ll_line *line = ll_add(&rs->l, LK_MEDIATOR, !m->active ? US_DIM : full ? US_WARN : US_NORMAL);
		line->id = m->id;
		ll_cell(line, 0, 2, "%s%s", m->name, m->active ? "" : "（停用）");
		ll_cell(line, 1, 12, "%s", assign_side_name(m->side, m->expert_kind));
		ll_cell(line, 2, 34, "%3d / %-3d", m->open, m->capacity);
		ll_cell(line, 3, 45, "%s", *m->login ? m->login : "—");
		ll_cell(line, 4, 57, "%s", m->affiliation);
	}
	ll_reselect(&rs->l, LK_MEDIATOR, id);
}

static const struct roster_entry *selected(struct roster_screen *rs)
{
	struct ll_line *l = ll_selected(&rs->l);

	for (int i = 0; l && i < rs->r.n; i++)
		if (rs->r.v[i].id == l->id)
			return &rs->r.v[i];
	return NULL;
}

static void after_save(void *ctx, int64_t id)
{
	struct screen *s = ctx;
	struct roster_screen *rs = s->priv;

	roster_reload(s);
	ll_reselect(&rs->l, LK_MEDIATOR, id);
}

static int roster_rows(const struct screen *s)
{
	return s->rows - 1;
}

static void roster_layout(struct screen *s, int rows, int cols)
{
	s->rows = rows;
	s->cols = cols;
}

static void roster_draw(struct screen *s)
{
	struct roster_screen *rs = s->priv;
	const struct roster_entry *m = selected(rs);
	char buf[300];

	ll_draw(&rs->l, 1, roster_rows(s) - 1, s->cols);
	if (m) {
		snprintf(buf, sizeof buf, "专长：%s   电话：%s", *m->specialties ? m->specialties : "（未填）",
			 *m->phone ? m->phone : "（未填）");
		ui_put(s->rows - 1, 1, buf, s->cols - 2, ui_attr(US_LABEL), 1);
	}
	curs_set(0);
	ui_put(s->rows, 1, "F5 新增  F6/Enter 修改  F8 停用或恢复。停用的调解员不再参与分派，已办案件保留。", s->cols - 2,
	       ui_attr(US_DIM), 0);
}

static int roster_handle(struct screen *s, enum ui_action a, wint_t ch)
{
	struct roster_screen *rs = s->priv;
	const struct roster_entry *m;
	char q[200];
	int open = 0;

	(void)ch;
	if (ll_handle(&rs->l, a, roster_rows(s) - 1))
		return UI_HANDLED;
	switch (a) {
	case UA_BACK:
		return UI_HANDLED | UI_CLOSE;
	case UA_REFRESH:
		roster_reload(s);
		ui_msg(s->app, US_OK, "已刷新");
		return UI_HANDLED;
	case UA_ADD:
		ui_push(s->app, medform_new(s->app, NULL, after_save, s));
		return UI_HANDLED;
	case UA_EDIT:
	case UA_ENTER:
		m = selected(rs);
		if (m)
			ui_push(s->app, medform_new(s->app, m, after_save, s));
		return UI_HANDLED;
	case UA_DELETE:
		m = selected(rs);
		if (!m)
			return UI_HANDLED;
		if (m->active)
			snprintf(q, sizeof q, "停用调解员 %s 吗？%s", m->name,
				 m->open ? "其在办案件仍由其承办，请另行改派。" : "");
		else
			snprintf(q, sizeof q, "恢复调解员 %s 吗？", m->name);
		/* the list may be re-read while the question is open */
		int64_t id = m->id;
		int activate = !m->active;
		char name[64];
		snprintf(name, sizeof name, "%s", m->name);
		if (!ui_confirm(s->app, q))
			return UI_HANDLED;
		if (roster_set_active(s->app->db, &s->app->actor, id, activate, &open) < 0) {
			ui_error(s->app);
			return UI_HANDLED;
		}
		roster_reload(s);
		if (activate)
			ui_msg(s->app, US_OK, "已恢复调解员 %s", name);
		else
			ui_msg(s->app, open ? US_WARN : US_OK, "已停用调解员 %s%s", name,
			       open ? "；其仍有在办案件，请在案件中改派" : "");
		return UI_HANDLED;
	default:
		return UI_HANDLED;
	}
}

static void roster_tick(struct screen *s)
{
	struct roster_screen *rs = s->priv;
	int top = ui_top(s->app) == s;

	if (store_data_version(s->app->db) != rs->seen_version || (top && !rs->was_top))
		roster_reload(s);
	rs->was_top = top;
}

static void roster_destroy(struct screen *s)
{
	struct roster_screen *rs = s->priv;

	ll_free(&rs->l);
	roster_free(&rs->r);
	free(rs);
}

static const struct screen_ops roster_ops = {
	.name = "roster",
	.actions = roster_actions,
	.labels = roster_labels,
	.layout = roster_layout,
	.draw = roster_draw,
	.handle = roster_handle,
	.tick = roster_tick,
	.destroy = roster_destroy,
};

struct screen *roster_screen_new(struct app *app)
{
	struct roster_screen *rs = xcalloc(1, sizeof *rs);
	struct screen *s;

	rs->l.sel = -1;
	rs->was_top = 1;
	s = screen_new(app, &roster_ops, "调解员名册", rs);
	s->rows = LINES - 3 >= UI_MIN_ROWS - 3 ? LINES - 3 : UI_MIN_ROWS - 3;
	s->cols = COLS >= UI_MIN_COLS ? COLS : UI_MIN_COLS;
	roster_reload(s);
	return s;
}
