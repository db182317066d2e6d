/*
 * widgets.h - input widgets and a small form engine.
 *
 * Buffers hold wide characters; the cursor is an index into them and is
 * placed on screen by display columns, so mixed Chinese/ASCII text edits
 * correctly (calcurse's getstring.c idea).  A form is a vertical list of
 * items - single-line fields, password fields, choices, multi-line text
 * areas, section headings, list rows - that scrolls to keep the focused
 * item visible, with a message column beside each field for live
 * validation.
 */
#ifndef TIAOJIE_WIDGETS_H
#define TIAOJIE_WIDGETS_H

#include <stddef.h>
#include <wchar.h>

#include "tiaojie/ui.h"

/* One editable line (or, with multiline, a wrapped text area). */
struct ui_edit {
	wchar_t *buf;
	size_t len, cap, max; /* max: characters allowed */
	size_t cur;
	size_t off;           /* single line: first visible character */
	int top;              /* text area: first visible visual line */
	int multiline;
	int mask;             /* password: show '*' */
	size_t refused;       /* characters refused because full, not yet reported */
	int pending_space;    /* a pasted line break in a single line: a space
			       * before the next character typed, if one comes */
};

void edit_init(struct ui_edit *e, size_t max, int multiline);
void edit_free(struct ui_edit *e);
void edit_set(struct ui_edit *e, const char *utf8);
char *edit_get(const struct ui_edit *e); /* malloc'd UTF-8 */
int edit_empty(const struct ui_edit *e);
/* 1 text changed, 0 handled (cursor moved), -1 not for the edit
 * (e.g. Up on the first line of a text area, Tab). */
int edit_handle(struct ui_edit *e, enum ui_action a, wint_t ch, int width);
/* Report the characters the edit refused because it was full (a paste
 * longer than the field) to the loop, which tells the user once per burst;
 * name is the field's label.  form_handle does this for every form field. */
void edit_report_refused(struct ui_edit *e, const char *name);
/* Draw in a box of width x height at (y, x); when focused, leaves the
 * terminal cursor at the editing position. */
void edit_draw(struct ui_edit *e, int y, int x, int width, int height, int focused);

enum form_kind {
	FK_SECTION = 0, /* a heading */
	FK_TEXT,        /* single-line field */
	FK_PASSWORD,
	FK_CHOICE,      /* one of choices[], Left/Right/Space */
	FK_AREA,        /* multi-line text area */
	FK_ROW,         /* a selectable line of text (list rows, buttons) */
	FK_INFO,        /* a line of text that cannot be focused */
};

struct form_item {
	enum form_kind kind;
	char *id;           /* "applicant[0].id_no": for problems and drafts (a copy) */
	char *label;        /* malloc'd */
	struct ui_edit edit;
	const char *const *choices;
	int nchoices;
	int choice;
	int height;         /* FK_AREA rows */
	char *text;         /* FK_ROW / FK_INFO / FK_SECTION extra text, malloc'd */
	char msg[256];      /* validation message beside the field */
	enum ui_style msg_style;
	enum ui_style text_style;
	int readonly;
	int hidden;         /* not shown and not focused (its value is kept) */
	int tag;            /* free for the screen (e.g. claim index) */
};

struct form {
	struct form_item *items;
	int n, cap;
	int focus;
	int top;            /* first visible screen line */
	int label_w;        /* label column width */
	int field_w;        /* field width */
	int y, x, rows, cols; /* area */
};

void form_init(struct form *f);
void form_free(struct form *f);
void form_clear(struct form *f);
/* Drop the items from index n on (rebuilding the tail of a form). */
void form_truncate(struct form *f, int n);
struct form_item *form_add(struct form *f, enum form_kind kind, const char *id, const char *label);
struct form_item *form_find(struct form *f, const char *id);
int form_index(struct form *f, const char *id);
void form_set_text(struct form_item *it, const char *text);
/* The message beside a field (or under it, see form_draw): what is wrong
 * with it, or a confirmation.  One that does not fit wraps onto more
 * lines at the field; nothing is cut. */
void form_set_msg(struct form_item *it, enum ui_style style, const char *fmt, ...) TJ_PRINTF(3, 4);
/* After a refused save, with the errors set at their fields (form_set_msg
 * US_ERROR; a heading's text in US_ERROR counts too): focus the first
 * field in error, in the form's order, and name it on the message line
 * with its message - "请更正「联系电话」：不是有效的电话号码（…）", and how
 * many others are marked.  Returns the number of fields in error; with
 * none the message line is left as it is. */
int form_show_errors(struct form *f, struct app *app);
/* Forget the errors shown at the fields (before checking again). */
void form_clear_errors(struct form *f);
void form_area(struct form *f, int y, int x, int rows, int cols);
void form_draw(struct form *f);
/* Navigation and editing.  Returns the index of the item whose content
 * changed (>= 0), -1 when handled without a change, -2 when not handled. */
int form_handle(struct form *f, enum ui_action a, wint_t ch);
struct form_item *form_focused(struct form *f);
void form_focus(struct form *f, int index);
int form_text_input(struct form *f); /* focus is on something editable */

/* What was typed and chosen, to tell later whether the form changed
 * (malloc'd): take it when the form opens, compare on leaving. */
char *form_snapshot(const struct form *f);
int form_changed(const struct form *f, const char *snap);
/* A form's typed values in a draft (draft.h) under prefix + item id,
 * passwords never; and back.  form_draft_get returns how many were found. */
void form_draft_put(const struct form *f, struct strbuf *sb, const char *prefix);
int form_draft_get(struct form *f, const char *body, const char *prefix);

#endif
