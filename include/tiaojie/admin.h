/*
 * admin.h - staffing the court: the roster of mediators (SPEC section 2,
 * Mediators), the accounts (Users), and the mediators' agenda and own open
 * cases.
 *
 * Every function takes the actor and enforces the role itself: only an
 * administrator changes the roster or the accounts; a mediator reads only
 * their own agenda and cases.  Each change is one BEGIN IMMEDIATE
 * transaction with its event, or nothing; refusals and bad input leave a
 * Chinese message in the error sink and, where a field is to blame, its
 * name in field[] so a screen can put the message beside it.
 */
#ifndef TIAOJIE_ADMIN_H
#define TIAOJIE_ADMIN_H

#include <stdint.h>

#include "tiaojie/calendar.h"
#include "tiaojie/config.h"
#include "tiaojie/db.h"
#include "tiaojie/lifecycle.h"
#include "tiaojie/search.h"

/* ---- the roster --------------------------------------------------------- */

struct roster_entry {
	int64_t id;
	char *name;
	char *side, *expert_kind;      /* keywords; expert_kind "" unless side is expert */
	char *affiliation;             /* employer, firm, union ... "" none */
	char *affiliation_uscc;        /* its credit code, "" none */
	char *phone;
	int capacity, active;
	int open;                      /* assigned + mediating cases now */
	char *specialties;             /* "0601,0602", in cause order; "" none */
	char *login;                   /* the linked account, "" none */
};
struct roster {
	struct roster_entry *v;        /* active first, then by name */
	int n, cap;
};

/* Administrators, and clerks when clerk_may_assign, may read the roster. */
int roster_load(struct db *db, const struct actor *who, struct roster *out);
void roster_free(struct roster *r);

struct roster_edit {
	int64_t id;                    /* 0: a new mediator */
	const char *name;              /* 1-50 characters */
	const char *side;              /* union, employer, hrss, expert */
	const char *expert_kind;       /* expert only: teacher, court, lawyer, other */
	const char *affiliation;       /* "" none, at most 100 characters */
	const char *affiliation_uscc;  /* "" none, else a valid 统一社会信用代码 */
	const char *phone;             /* "" none, else a valid phone number */
	int capacity;                  /* 0..1000 open cases */
	const char *specialties;       /* cause codes separated by commas, spaces, 、 or ， */
	const char *login;             /* link this account ("" unlink, NULL leave as is) */
	const char *seen;              /* roster_entry_state of the mediator as the form was
					* filled; NULL: no check */
};

/* A mediator's particulars as one line (the event log's before and after):
 * what roster_save compares to find that another administrator changed
 * them since they were read.  Malloc'd. */
char *roster_entry_state(const struct roster_entry *r);

/* Add (e->id 0) or change a mediator, its specialties and its account
 * link.  0 and *id; -1 with the message and field ("name", "side",
 * "expert_kind", "affiliation", "affiliation_uscc", "phone", "capacity",
 * "specialties", "login", or "seen" when e->seen is set and someone else
 * has changed the mediator since: nothing is saved, and the message says
 * what the record is now). */
int roster_save(struct db *db, const struct actor *who, const struct roster_edit *e, int64_t *id,
		char field[32]);
/* Deactivate (active 0) or reactivate a mediator.  A deactivated mediator
 * keeps their cases and history but is no longer offered for assignment;
 * *open (if given) gets the open cases still assigned to them. */
int roster_set_active(struct db *db, const struct actor *who, int64_t id, int active, int *open);

/* Parse a list of cause codes ("0601, 0602、06") into "0601,0602,06" with
 * every code checked against the cause table; duplicates dropped.  NULL
 * with the error set when a code is unknown. */
char *roster_parse_specialties(struct db *db, const char *text);

/* ---- accounts ----------------------------------------------------------- */

struct user_entry {
	int64_t id;
	char *login, *display_name, *role;
	int64_t mediator_id;
	char *mediator;                /* linked mediator's name, "" none */
	int failed, locked, disabled;
	char last_login[20];           /* "" never */
};
struct user_list {
	struct user_entry *v;          /* by role (admin, clerk, mediator), then login */
	int n, cap;
};

/* Administrators only. */
int users_load(struct db *db, const struct actor *who, struct user_list *out);
void user_list_free(struct user_list *l);

struct user_edit {
	const char *login;
	const char *display_name;      /* NULL or "": the login */
	const char *role;              /* clerk, mediator, admin */
	int64_t mediator_id;           /* the mediator this account is (role mediator: required) */
	const char *password;          /* users_add only */
};
/* Fields named in field[]: "login", "display_name", "role", "mediator",
 * "password". */
int users_add(struct db *db, const struct config *cfg, const struct actor *who, const struct user_edit *e,
	      char field[32]);
/* Change the display name, role and mediator link of an account.  The last
 * active administrator keeps the admin role. */
int users_update(struct db *db, const struct actor *who, const struct user_edit *e, char field[32]);
/* Set a new password and clear a lockout, in one transaction. */
int users_reset_password(struct db *db, const struct config *cfg, const struct actor *who, const char *login,
			 const char *password);
int users_unlock(struct db *db, const struct actor *who, const char *login);
/* The last active administrator and one's own account cannot be disabled. */
int users_set_disabled(struct db *db, const struct actor *who, const char *login, int disabled);

/* ---- agenda and own cases ------------------------------------------------ */

struct agenda_item {
	int64_t session_id, case_id, mediator_id;
	char case_no[64];
	char day[11], start[6], end[6];
	int minutes;
	char *room, *status;           /* status: scheduled, held, cancelled */
	char *applicant, *respondent, *mediator;
};
struct agenda {
	struct agenda_item *v;         /* by day, start, room */
	int n, cap;
};

/* Sessions from..to (inclusive days) of a mediator (0: every mediator, not
 * for mediators), cancelled ones left out.  A mediator may read only their
 * own agenda. */
int agenda_load(struct db *db, const struct actor *who, int64_t mediator_id, const char *from, const char *to,
		struct agenda *out);
void agenda_free(struct agenda *a);

/* A mediator's own open cases (assigned, mediating), soonest deadline
 * first, with due-soon and overdue marked; followup gets their agreed
 * cases awaiting the performance check (may be NULL).  Mediators only
 * (their own), or an administrator naming a mediator. */
int mycases_load(struct db *db, const struct config *cfg, const struct actor *who, int64_t mediator_id,
		 tj_day today, struct case_list *open, struct case_list *followup);

/* ---- storage (src/db/admin.c), used by src/core/admin.c ------------------- */
/* The *_read functions clear *out first; on an error (-1) *out keeps the
 * rows read so far and the caller frees it (roster_free, ...). */

int db_roster_read(struct db *db, int64_t only_id, struct roster *out);
int db_mediator_update(struct db *db, int64_t id, const struct roster_edit *e);
int db_mediator_specialties_set(struct db *db, int64_t id, const char *codes);
int db_mediator_set_active(struct db *db, int64_t id, int active);
int db_mediator_open_cases(struct db *db, int64_t id, int *open);
/* Link the account to the mediator (login NULL or "": unlink whatever
 * account is linked to it). */
int db_mediator_link_login(struct db *db, int64_t mediator_id, const char *login);
int db_users_read(struct db *db, struct user_list *out);
int db_user_update(struct db *db, int64_t id, const char *display_name, const char *role, int64_t mediator_id);
/* The active account other than except_user linked to a mediator: 1 and
 * login (malloc'd), 0 none. */
int db_mediator_linked_user(struct db *db, int64_t mediator_id, int64_t except_user, char **login);
int db_agenda_read(struct db *db, int64_t mediator_id, const char *from, const char *to, struct agenda *out);

#endif
