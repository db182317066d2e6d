/*
 * test_forms.c - what a form knows about its own changes: a snapshot taken
 * when it opens tells whether anything was typed or chosen since (typing
 * and deleting back is no change), and a form's fields go into a draft
 * and come back, passwords never.
 */
#include <locale.h>
#include <stdlib.h>

#include "tap.h"
#include "tiaojie/draft.h"
#include "tiaojie/widgets.h"

static struct form_item *text(struct form *f, const char *id, const char *value)
{
	struct form_item *it = form_add(f, FK_TEXT, id, id);

	it->edit.max = 100;
	edit_set(&it->edit, value);
	return it;
}

int main(void)
{
	static const char *const sides[] = {"甲", "乙", "丙"};
	struct form f;
	struct strbuf sb;

	if (!setlocale(LC_ALL, "C.UTF-8")) {
		fprintf(stderr, "no C.UTF-8 locale\n");
		return 1;
	}
	form_init(&f);
	form_add(&f, FK_SECTION, "sec", "标题");
	struct form_item *name = text(&f, "name", "张三");
	struct form_item *derived = text(&f, "derived", "男");
	derived->readonly = 1;
	struct form_item *side = form_add(&f, FK_CHOICE, "side", "方面");
	side->choices = sides;
	side->nchoices = 3;
	struct form_item *pw = form_add(&f, FK_PASSWORD, "pw", "密码");
	pw->edit.max = 20;
	struct form_item *note = form_add(&f, FK_AREA, "note", "记录");
	note->edit.max = 200;
	note->height = 3;

	char *snap = form_snapshot(&f);
	CHECK_INT(form_changed(&f, snap), 0);
	/* typed, then deleted back: no change */
	edit_handle(&name->edit, UA_NONE, L'丰', 20);
	CHECK_INT(form_changed(&f, snap), 1);
	edit_handle(&name->edit, UA_BKSP, 0, 20);
	CHECK_INT(form_changed(&f, snap), 0);
	/* what the program fills in is not the user's change */
	edit_set(&derived->edit, "女");
	CHECK_INT(form_changed(&f, snap), 0);
	side->choice = 2;
	CHECK_INT(form_changed(&f, snap), 1);
	side->choice = 0;
	edit_set(&pw->edit, "secret");
	CHECK_INT(form_changed(&f, snap), 1);
	edit_set(&pw->edit, "");
	/* a value moved from one field to the next is a change */
	edit_set(&name->edit, "");
	edit_set(&note->edit, "张三");
	CHECK_INT(form_changed(&f, snap), 1);

	/* into a draft and back */
	edit_set(&name->edit, "李四=王五");
	edit_set(&note->edit, "第一行\n第二行\\n");
	side->choice = 1;
	edit_set(&pw->edit, "secret");
	sb_init(&sb);
	draft_put(&sb, "case_id", "7");
	form_draft_put(&f, &sb, "f.");
	CHECK(strstr(sb.buf, "secret") == NULL, "a password in the draft: %s", sb.buf);
	CHECK(strstr(sb.buf, "f.derived") == NULL, "a read-only field in the draft: %s", sb.buf);
	char *body = sb_detach(&sb);
	edit_set(&name->edit, "");
	edit_set(&note->edit, "");
	side->choice = 0;
	CHECK_INT(form_draft_get(&f, body, "f."), 3);
	char *v = edit_get(&name->edit);
	CHECK_STR(v, "李四=王五");
	free(v);
	v = edit_get(&note->edit);
	CHECK_STR(v, "第一行\n第二行\\n");
	free(v);
	CHECK_INT(side->choice, 1);
	/* another prefix finds nothing; a choice out of range is ignored */
	CHECK_INT(form_draft_get(&f, body, "dialog.claim."), 0);
	free(body);
	CHECK_INT(form_draft_get(&f, "f.side=9\n", "f."), 1);
	CHECK_INT(side->choice, 1);
	CHECK(form_changed(&f, snap), "resumed content counts as a change");

	free(snap);
	form_free(&f);
	return tap_done();
}
