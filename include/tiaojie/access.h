/*
 * access.h - who may read what: access policy decided in one place
 * (issue 14), and the reads the screens and commands make, each taking
 * the actor.
 *
 * The rules:
 *   list visibility    clerks and administrators see every case in lists,
 *                      searches and queue counts; a mediator only the
 *                      cases assigned to them (none when the account has
 *                      no mediator record) - access_case_scope; the
 *                      agenda and own cases likewise - access_mediator_scope
 *   detail visibility  a mediator opens only their own cases; the others
 *                      every case - access_may_view
 *   masking            identity numbers in lists and searches are masked
 *                      for every role - access_mask_id
 *   archive            persons and employers are looked up by those who
 *                      register cases - access_may_read_archive
 *   full export        only an administrator exports the workbook, with
 *                      identity numbers masked or, by an explicit choice,
 *                      in full - access_may_export
 *
 * The reads below are the ones a screen or command makes besides the
 * case list (search.h), the case (casework.h), the agenda, roster and
 * accounts (admin.h) and the statistics (report.h): each applies its rule
 * here, so a screen that forgot one would still be refused.  A refusal is
 * -1 with a Chinese message in the error sink.
 */
#ifndef TIAOJIE_ACCESS_H
#define TIAOJIE_ACCESS_H

#include <stddef.h>
#include <stdint.h>

#include "tiaojie/calendar.h"
#include "tiaojie/config.h"
#include "tiaojie/db.h"
#include "tiaojie/lifecycle.h"

/* ---- the rules ------------------------------------------------------------ */

/* Whose cases the actor's lists hold: 0 every case, a mediator's id, or
 * -1 none (a mediator account without a mediator record). */
int64_t access_case_scope(const struct actor *who);
/* Whose agenda and own cases the actor asks for (*mediator_id, 0: the
 * actor's own): a mediator only their own (*mediator_id set to it).  0,
 * or -1 with the error set. */
int access_mediator_scope(const struct actor *who, int64_t *mediator_id);
/* May the actor open the case?  0 yes; -1 no, with *reason. */
int access_may_view(const struct actor *who, const struct case_state *cs, const char **reason);
/* An identity number as a list shows it to the actor (masked: val_mask),
 * into out; returns out. */
char *access_mask_id(const struct actor *who, const char *id_no, char *out, size_t outlen);
/* May the actor export the workbook (full_ids: with identity numbers in
 * full)?  0 yes; -1 no, with the error set. */
int access_may_export(const struct actor *who, int full_ids);
/* Closing a month's statistics and reopening it (tiaojie report
 * close|reopen): administrators.  0, or -1 with the reason. */
int access_may_close_report(const struct actor *who);
/* Full identity numbers of a case outside an export (tiaojie show
 * --full-ids): administrators only, like the full export.  0 or -1 with
 * the message set. */
int access_may_see_full_ids(const struct actor *who);
/* May the actor read the archive of persons and employers (those who
 * register cases: the lifecycle's register action)?  0 yes; -1 no, with
 * the error set. */
int access_may_read_archive(const struct actor *who);
/* The actor of a command run on the server by its administrator (the
 * command line): an administrator with no account (user id 0). */
struct actor access_system_actor(const struct config *cfg);

/* ---- the command line's boundary --------------------------------------------- */

/* The Unix account the program's data belongs to (the package's system
 * user).  Fixed at build time: nothing a caller controls (options, the
 * environment, a configuration file of their choosing) may make them
 * trusted. */
#ifndef TJ_SERVICE_USER
#define TJ_SERVICE_USER "tiaojie"
#endif
/* Is the process run by root or by the service account (its real user id:
 * a setgid binary's staff caller stays a staff caller)?  Such a caller is
 * the server's administrator and acts as access_system_actor without an
 * application login; every other caller signs in (account_sign_in) and
 * gets their account's role.  Test builds (TIAOJIE_TESTING) alone honour
 * TIAOJIE_TEST_UNTRUSTED=1, which makes even root an ordinary caller. */
int access_trusted_caller(void);
/* Whether a rule of this file refused something since the last
 * access_refusal_clear(): lets a command tell "not allowed" from "failed"
 * (its exit status) whatever core function the refusal came through. */
void access_refusal_clear(void);
int access_refused(void);
/* Accounts are managed by administrators only (tiaojie user ...). */
int access_may_manage_users(const struct actor *who);
/* Backups, integrity checks of the whole database: administrators only. */
int access_may_maintain(const struct actor *who);
/* Registering cases from application records (tiaojie import): those who
 * register cases, as at the window. */
int access_may_import(const struct actor *who);

/* ---- the signed-in user ----------------------------------------------------- */

/* Sign in (auth_login): 0 with the account and the actor (the user as
 * the rules see them) filled; -1 with the reason.  Free the account with
 * account_free. */
int account_sign_in(struct db *db, const struct config *cfg, const char *login, const char *password,
		    struct account *acct, struct actor *who);
void account_free(struct account *acct);
/* The mediator behind an account, for the actor: 1 with *mediator_id (0:
 * the account is no mediator), 0 no such account, -1 error. */
int account_mediator(struct db *db, const struct actor *who, const char *login, int64_t *mediator_id);
/* Whether an account of that login exists, for an administrator: 1 yes,
 * 0 no, -1 refused or error (message set). */
int account_exists(struct db *db, const struct actor *who, const char *login);

/* ---- reads ------------------------------------------------------------------ */

/* The actor's own drafts, newest first. */
int drafts_load(struct db *db, const struct actor *who, struct draft_list *out);
void draft_list_free(struct draft_list *l);
/* Every cause (reference data: any actor). */
int cause_list_load(struct db *db, const struct actor *who, struct cause_list *out);
void cause_list_free(struct cause_list *l);
/* 1 and the name (malloc'd, when name is given) of a cause, 0 none. */
int cause_lookup(struct db *db, const struct actor *who, const char *code, char **name);
/* The consultations of a day (those who record them: not mediators). */
int consult_day_load(struct db *db, const struct actor *who, const char *day, struct consult_list *out);
void consult_list_free(struct consult_list *l);
/* The archive at the intake (those who register cases): a person by
 * identity number, an employer by credit code or else by exact name.  1
 * found, 0 not, -1 error. */
int archive_person_find(struct db *db, const struct actor *who, const char *id_type, const char *id_no,
			struct person_full *out);
void person_full_free(struct person_full *p);
int archive_employer_find(struct db *db, const struct actor *who, const char *uscc, const char *name,
			  struct employer_full *out);
void employer_full_free(struct employer_full *e);
/* Active mediators to choose from, least loaded first (not for mediators). */
int mediator_choices_load(struct db *db, const struct actor *who, struct mediator_choices *out);
void mediator_choices_free(struct mediator_choices *l);
/* The administrator's dashboard for today: high-incidence employers by
 * the configuration's window and threshold. */
int dashboard_load(struct db *db, const struct config *cfg, const struct actor *who, tj_day today,
		   struct dashboard *out);
void dashboard_free(struct dashboard *d);

#endif
