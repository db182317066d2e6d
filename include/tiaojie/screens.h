/*
 * screens.h - constructors of the screens (src/screens, one file each) and
 * the entry point of the full-screen application.
 */
#ifndef TIAOJIE_SCREENS_H
#define TIAOJIE_SCREENS_H

#include "tiaojie/ui.h"

/* Run the application on an open database: login, then the work desk.
 * Returns the exit status. */
int ui_main(struct db *db, struct config *cfg);

struct screen *login_screen_new(struct app *app);
struct screen *desk_screen_new(struct app *app);
/* draft_body/draft_id: resume a draft (NULL/0 for a new form). */
struct screen *intake_screen_new(struct app *app, const char *draft_body, int64_t draft_id);
/* Resume an intake draft: the form, and the claim dialog that was open
 * (a correction's draft: the case, with the correction on it). */
void intake_resume(struct app *app, const char *draft_body, int64_t draft_id);
/* The intake form correcting a registered case (修改申请), filled from the
 * case; done(ctx) after a saved correction (to reload the case shown
 * below; NULL: none).  draft_body/draft_id: resume a kept correction.
 * NULL (message shown) when the case cannot be loaded. */
struct screen *intake_correct_screen_new(struct app *app, int64_t case_id, void (*done)(void *ctx), void *ctx,
					 const char *draft_body, int64_t draft_id);
struct screen *consult_screen_new(struct app *app);
struct screen *drafts_screen_new(struct app *app);
/* The case list, optionally on one queue (search.h's enum queue, 0: all)
 * and with a search text. */
struct screen *caselist_screen_new(struct app *app, int queue, const char *text);
struct screen *casedetail_screen_new(struct app *app, int64_t case_id);
/* Resume a case draft: the case, and the action's form as it was left. */
void casedetail_resume(struct app *app, const char *draft_body, int64_t draft_id);
/* Seconds between autosaves of a form being typed (shorter in test
 * builds through TIAOJIE_AUTOSAVE). */
int screen_autosave_seconds(void);
/* Keep a form as a draft: in the database (*id, 0 for a new one), else,
 * when the database cannot take it (the disk full), in a file in the
 * user's runtime directory (*slot, 0 for a new one), offered at the next
 * login.  Tells the user which, counts it on app (drafts_kept, ...).
 * 0 kept in the database, 1 kept aside, -1 not kept (the error set). */
int screen_draft_keep(struct app *app, const char *kind, const char *body, int64_t *id, int *slot);
/* A form saved: its draft kept aside goes (the database's went with the save). */
void screen_draft_forget(struct app *app, int *slot);
/* Resume a consultation draft. */
void consult_resume(struct app *app, const char *draft_body, int64_t draft_id);
/* Choosing a case's mediator; done(ctx) is called after a successful
 * assignment (to reload the case shown below). */
struct screen *assign_screen_new(struct app *app, int64_t case_id, void (*done)(void *ctx), void *ctx);
/* The whole queue of cases awaiting assignment with suggestions. */
struct screen *batch_assign_screen_new(struct app *app);
/* The administrator's dashboard (SPEC 4.9). */
struct screen *dashboard_screen_new(struct app *app);
/* Statistics and the Excel export (SPEC 4.10, administrators). */
struct screen *stats_screen_new(struct app *app);

/* Issue a document of the case (kind: enum doc_kind, or -1 for the one
 * its state calls for) as PDF in the documents directory, record it, and
 * print it when a print command is configured; the outcome is on the
 * message line.  0 issued (printed or not), -1 not. */
int screen_issue_document(struct app *app, int64_t case_id, int kind);
/* The same for a chosen session, document or party (docs.h, struct
 * doc_pick; NULL the defaults); label, when given, goes into the file
 * name ("…-送达回证-张三.pdf"). */
struct doc_pick;
int screen_issue_document_pick(struct app *app, int64_t case_id, int kind, const struct doc_pick *pick,
			       const char *label);
/* F11 on a case (docserve.c): the document its state calls for, or a
 * choice when several fit, then - for a 调解通知书 with several sessions
 * booked, a 送达回证 with several documents or parties - which one;
 * done(ctx) after issuing (the detail re-reads). */
struct case_view;
void screen_choose_document(struct app *app, const struct case_view *cv, void (*done)(void *ctx), void *ctx);
/* 登记送达: the dialog recording a document's service on a party;
 * done(ctx) once recorded.  -1 (with a message) when nothing is open. */
int screen_record_service(struct app *app, const struct case_view *cv, void (*done)(void *ctx), void *ctx);
/* The same dialog as a draft kept it (a case draft whose action is
 * SERVICE_DRAFT_ACTION), with what was typed; -1 (with a message) when
 * nothing is left to serve. */
#define SERVICE_DRAFT_ACTION "serve"
int screen_record_service_resume(struct app *app, const struct case_view *cv, const char *body, int64_t draft_id,
				 void (*done)(void *ctx), void *ctx);

/* A mediator's own cases with today's sessions first; the agenda (day or
 * week: a mediator's own, everyone's for administrators and clerks). */
struct screen *mycases_screen_new(struct app *app);
struct screen *agenda_screen_new(struct app *app);
/* The roster of mediators and the accounts (administrators). */
struct screen *roster_screen_new(struct app *app);
struct screen *users_screen_new(struct app *app);

/* The cause picker: on Enter calls picked(ctx, code, name) and closes.
 * initial: a code to start on, or NULL. */
struct screen *causepick_screen_new(struct app *app, const char *initial,
				    void (*picked)(void *ctx, const char *code, const char *name), void *ctx);
/* The court's districts ([court] districts) to choose a 所在区 from,
 * starting on current; on Enter calls picked(ctx, district) and closes. */
struct screen *districtpick_screen_new(struct app *app, const char *current,
				       void (*picked)(void *ctx, const char *district), void *ctx);
/* The employers of the archive by a part of the name or a whole credit
 * code (employer_search), starting with text; on Enter calls picked(ctx,
 * the archive row) and closes. */
struct employer_full;
struct screen *employerpick_screen_new(struct app *app, const char *text,
				       void (*picked)(void *ctx, const struct employer_full *e), void *ctx);
/* A list of the caller's lines (copied) under header, starting on line
 * sel, filtered by what is typed; on Enter calls picked(ctx, the line's
 * index) and closes.  ctx_free(ctx), when given, when the picker goes
 * (picked or not). */
struct screen *itempick_screen_new(struct app *app, const char *title, const char *header, const char *hint,
				   const char *const *items, int n, int sel, void (*picked)(void *ctx, int index),
				   void (*ctx_free)(void *ctx), void *ctx);

/* A collective dispute's table: each worker's own amount of each claim,
 * the representatives; pushed here (with elect, the election dialog
 * open on it), done(ctx) after each act (to reload the case shown
 * below).  NULL (message shown) when the case cannot be loaded. */
struct screen *collective_screen_new(struct app *app, int64_t case_id, int elect, void (*done)(void *ctx),
				     void *ctx);
/* Its dialog as a draft kept it (a case draft whose action is 推举代表
 * or 修改各申请人金额): the table, the dialog on it with what was typed. */
void collective_resume(struct app *app, int64_t case_id, const char *body, int64_t draft_id, void (*done)(void *ctx),
		       void *ctx);

#endif
