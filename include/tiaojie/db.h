/*
 * db.h - the database layer: the only place with SQL.
 *
 * One SQLite file in WAL mode with foreign keys on and a busy timeout.  The
 * schema comes from the numbered migrations in data/ (compiled in, see
 * embed.h), tracked with PRAGMA user_version, each applied in one
 * transaction.  Statements are prepared once per connection and cached.
 *
 * This layer stores and fetches; it never decides policy (who may do what,
 * which transition is legal): that is src/core.  Writes that belong together
 * are wrapped by the caller in db_begin()/db_commit(), which take the write
 * lock at once (BEGIN IMMEDIATE) so a transaction never fails half-way on a
 * lock, and never stay open while waiting for a key.
 *
 * Errors: -1 (or NULL) with a Chinese message in the error sink that carries
 * SQLite's own text.
 */
#ifndef TIAOJIE_DB_H
#define TIAOJIE_DB_H

#include <stddef.h>
#include <stdint.h>

#include "tiaojie/date.h"
#include "tiaojie/util.h"

/* The connection: opaque outside src/db (its fields, the SQLite handle
 * and the statement cache, are in src/db/internal.h). */
struct db;

enum db_open_flags {
	DB_OPEN_CREATE = 0x1,   /* create the file if missing (init, demo) */
	DB_OPEN_READONLY = 0x2, /* never write, never migrate */
	DB_OPEN_NO_MIGRATE = 0x4,
};

/* Open and prepare a connection: PRAGMAs, then migrations up to the newest
 * (unless read-only).  A missing file without DB_OPEN_CREATE, a file that is
 * not a database, a schema newer than this program, or a read-only file
 * that needs migrating are refused with a clear message.  A file the user
 * may read but not write is opened read-only (db_readonly). */
struct db *db_open(const char *path, unsigned flags, int busy_timeout_ms);
void db_close(struct db *db);
/* Close with everything in the main file and no -wal left beside it (a
 * database about to be renamed): 0, or -1 with the reason; freed either way. */
int db_close_checked(struct db *db);
/* The file the database was opened from, as given. */
const char *db_file(const struct db *db);
/* 1 when the connection never writes (asked for, or the file is read-only). */
int db_readonly(const struct db *db);

/* Checkpoints.  By default SQLite copies the WAL back into the database
 * (and waits for the disk) inside whichever commit takes the WAL past 1000
 * pages: one save in twenty or so would then take tens of milliseconds.
 * The interactive program calls db_defer_checkpoints once and db_idle
 * whenever the user has left the keyboard alone for a second; a passive
 * checkpoint then does the copying.  A WAL that grows past DB_WAL_FORCE
 * pages without an idle moment is still checkpointed at commit.  The
 * command line keeps SQLite's automatic checkpoints. */
#define DB_WAL_FORCE 16000
/* Idle checkpoints wait for this many pages in the WAL (SQLite's own
 * automatic checkpoint does the same): one fsync per a score of saves
 * rather than one per save, which eight clerks saving at once would feel. */
#define DB_WAL_IDLE 1000
void db_defer_checkpoints(struct db *db);
/* A passive checkpoint if our last commit left DB_WAL_IDLE pages or more
 * in the WAL (any number when force is set); never waits for a lock.  1
 * when it copied, 0 when there was nothing to do or it could not run now,
 * -1 on an error (message set). */
int db_idle(struct db *db, int force);

/* While fd >= 0, a statement gives up (SQLITE_INTERRUPT) as soon as input
 * is waiting on fd: a long search yields to the next key.  fd < 0 ends
 * it.  db_interrupted: whether a statement gave up that way since the
 * last db_yield_to_input. */
void db_yield_to_input(struct db *db, int fd);
int db_interrupted(struct db *db);
/* While fn is set, a running statement gives up (an error, SQLITE_INTERRUPT)
 * as soon as fn(arg) returns non-zero; fn is asked every 10,000 steps of
 * SQLite's machine, so a long read that nobody wants any more stops at
 * once (the workbook's reading thread, when the export is cancelled).  It
 * takes SQLite's one progress handler, as db_yield_to_input does: the one
 * replaces the other, and fn NULL ends both. */
void db_set_interrupt_check(struct db *db, int (*fn)(void *arg), void *arg);

/* Migrations. */
int db_schema_version(struct db *db);
int db_latest_version(void);
int db_migrate(struct db *db);

/* Transactions (BEGIN IMMEDIATE).  db_rollback is safe to call when no
 * transaction is open. */
int db_begin(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);

/* Run SQL without results, and a statement whose only result is one
 * integer (or none: *out = dflt).  Still used by the demo generator
 * (issue 14: goes with src/demo); nothing else outside src/db may pass
 * SQL text. */
int db_exec(struct db *db, const char *sql);
int db_query_int(struct db *db, const char *sql, int64_t dflt, int64_t *out);
/* PRAGMA data_version: changes when another connection commits. */
int64_t db_data_version(struct db *db);
/* Rows this connection has changed since it opened (what data_version
 * does not count). */
int64_t db_own_changes(struct db *db);

/* ---- reference data ---------------------------------------------------- */
int db_causes_count(struct db *db, int *first, int *second);
int db_cause_insert(struct db *db, const char *code, const char *parent, const char *name,
		    const char *abbr, const char *group, int ord);
int db_holiday_insert(struct db *db, const char *day, const char *kind, const char *name);
/* 1 and the name (malloc'd, if name given) when the cause exists, 0 when not. */
int db_cause_get(struct db *db, const char *code, char **name);
/* Each row of the holiday table in day order: fn(arg, day, work), work
 * set for a worked weekend day (调休上班).  0, or -1 with the error set.
 * The core's holidays_load builds the calendar from it. */
int db_holidays_each(struct db *db, void (*fn)(void *arg, tj_day day, int work), void *arg);

/* ---- users ------------------------------------------------------------- */
struct user_rec {
	int64_t id;
	char *login;
	char *display_name;
	char *role;         /* "clerk" | "mediator" | "admin" */
	int64_t mediator_id; /* 0 when none */
	char *pw_hash;
	int failed;
	int locked;
	int disabled;
};
void user_rec_free(struct user_rec *u);
/* 1 found, 0 not found, -1 error. */
int db_user_get(struct db *db, const char *login, struct user_rec *out);
int db_user_insert(struct db *db, const char *login, const char *display_name, const char *role,
		   int64_t mediator_id, const char *pw_hash, int64_t *id_out);
int db_user_set_password(struct db *db, int64_t id, const char *pw_hash);
int db_user_set_disabled(struct db *db, int64_t id, int disabled);
int db_user_set_login_state(struct db *db, int64_t id, int failed, int locked, int success);
int db_user_count_role(struct db *db, const char *role, int active_only, int64_t *n);

/* ---- events (append-only) --------------------------------------------- */
struct event_rec {
	const char *at;      /* NULL: now */
	int64_t user_id;     /* 0: the system */
	int64_t case_id;     /* 0: none */
	const char *entity;  /* "case", "person", ... */
	int64_t entity_id;
	const char *action;
	const char *before;
	const char *after;
	/* what the case's claims or the account hold after the event (hex of
	 * 16 bytes, db_entity_state): computed by db_event_add; given by the
	 * caller to db_bulk_event (NULL: none) */
	const char *state;
};
/* Append an event with its link in the hash chain (inside the caller's
 * write transaction, or in one of its own).  0, or -1 with the error set. */
int db_event_add(struct db *db, const struct event_rec *e);
/* The chain (see src/db/events.c): an event's hash from the previous
 * one's and its fields (at NULL is not allowed here). */
void db_event_hash(const char *prev, const struct event_rec *e, char out[65]);
/* The last event's id and hash ("" and 0 when none). */
int db_event_last_hash(struct db *db, int64_t *id, char out[65]);
/* Give the events without a hash theirs, in id order (a database from
 * before the chain; inside the caller's transaction).  *filled: how many. */
int db_event_chain_fill(struct db *db, int64_t *filled);
/* Walk the whole chain: *broken the first event whose hash is not what its
 * content and the previous one give (0: none), *checked how many were
 * right before it, head the last hash when all are.  0, or -1 error. */
int db_event_chain_check(struct db *db, int64_t *broken, int64_t *checked, char head[65]);

/* ---- archives ---------------------------------------------------------- */
struct person_rec {
	int64_t id;
	const char *id_type; /* validate.h keyword: "id", "passport", ... */
	const char *id_no;   /* normalised */
	const char *name;
	const char *gender;  /* "M", "F" or NULL */
	const char *birth_date; /* "YYYY-MM-DD" or NULL */
	const char *nationality;
	const char *phone;
	const char *address;
	const char *household;  /* "urban", "rural" or NULL */
	const char *occupation; /* NULL: keep the archive's */
};
struct employer_rec {
	int64_t id;
	const char *uscc;    /* NULL or "" when none */
	const char *name;
	const char *legal_rep;
	const char *legal_rep_title; /* the legal representative's position */
	const char *address;
	const char *phone;
	const char *district;
	const char *industry;
};
/* Insert, or update the existing row with the same key (and then describe
 * what changed in *changes as "字段: 旧 → 新; ..." for the event log, NULL
 * when nothing changed).  Sets rec->id.  Returns 1 when the row is new, 0
 * when it existed, -1 on error. */
int db_person_upsert(struct db *db, struct person_rec *rec, const char *now, char **changes);
int db_employer_upsert(struct db *db, struct employer_rec *rec, const char *now, char **changes);

/* ---- cases ------------------------------------------------------------- */
/* Next sequence number of a year (inside the caller's transaction). */
int db_case_seq_next(struct db *db, int year, int64_t *seq);

struct case_row {
	int64_t id;
	const char *case_no;
	int year;
	int64_t seq;
	const char *channel;
	const char *received;
	const char *facts;
	const char *status;
	const char *performance; /* NULL unless agreed */
	int collective;
	int64_t mediator_id;     /* 0: none */
	const char *confirm_how, *confirmed_at, *accepted_at, *deadline;
	int extended;
	const char *closed_at;
	const char *reason;
	const char *last_event_at;
	int64_t created_by;      /* 0: none */
	const char *updated_at;
};
int db_case_insert(struct db *db, struct case_row *c);
/* An imported application's platform id (unique: a second case with the
 * same id is refused).  0, or -1 with the error set. */
int db_case_set_external_id(struct db *db, int64_t case_id, const char *external_id);
/* The case holding a platform id: 1 with its id and number (malloc'd), 0
 * none, -1 error. */
int db_case_by_external_id(struct db *db, const char *external_id, int64_t *case_id, char **case_no);
/* A party of a case with the case's own copy of its particulars, taken
 * from the archive row as it is now (the caller updated the archive first,
 * in the same transaction): an applicant or an individual respondent from
 * the person (person_id), any other respondent from the employer
 * (employer_id). */
struct party_row {
	int64_t case_id;
	const char *role;  /* "applicant" or "respondent" */
	int ord;           /* 1-based within the role */
	int64_t person_id; /* applicants and individual respondents */
	int64_t employer_id;
	const char *kind;  /* respondents: "employer", "host", "individual", "contractor", "other" */
	int representative; /* applicants: elected representative */
	const char *e_consent; /* the day it consented to electronic service (送达), NULL none */
};
int db_case_party_insert(struct db *db, const struct party_row *p);
/* An applicant (a person), or a respondent of kind "employer". */
int db_case_party_add(struct db *db, int64_t case_id, const char *role, int ord, int64_t party_id);
/* An agent of the party (role, party_ord) of a case, numbered ord within it. */
struct agent_row {
	int64_t case_id;
	const char *role;
	int party_ord, ord;
	const char *name, *kind, *org;
	const char *phone;  /* normalised, "" or NULL when none */
	const char *authority, *scope;
};
int db_case_agent_add(struct db *db, const struct agent_row *a);
/* How many of the case's applicants are elected representatives. */
int db_case_representatives(struct db *db, int64_t case_id, int *n);

/* What the rules need of a stored case. 1 found, 0 not, -1 error. */
struct case_state_row {
	char case_no[64];
	char status[16];
	char performance[16];
	int64_t mediator_id;
	int extended;
	int64_t version;
};
int db_case_state(struct db *db, int64_t case_id, struct case_state_row *out);
int db_case_party_next_ord(struct db *db, int64_t case_id, const char *role, int *ord);
/* 1 when the person is already a party of the case. */
int db_case_has_person(struct db *db, int64_t case_id, int64_t person_id);
/* After a change to a case: last event time, version + 1, and the
 * collective flag raised when collective is set. */
int db_case_touch(struct db *db, int64_t case_id, const char *now, int64_t user_id, int collective);

struct claim_row {
	int64_t case_id;
	int ord;
	const char *cause;
	const char *text;
	int64_t amount_fen;
	int64_t agreed_fen;     /* -1: none */
	const char *pay_date;   /* NULL: none */
	const char *against;    /* respondents' numbers, "1,2"; NULL: all */
	int joint;              /* jointly (连带) */
};
int db_claim_add(struct db *db, const struct claim_row *c);
/* A worker's own amount of claim ord of the case (applicant: his number). */
int db_claim_share_add(struct db *db, int64_t case_id, int claim_ord, int applicant, int64_t amount_fen);

struct session_row {
	int64_t case_id, mediator_id;
	const char *day, *start;
	int minutes;
	const char *room, *status, *note, *created_at;
	int64_t recorded_by;    /* held: the account that recorded it (0: none) */
	const char *attendance; /* held: who was present (NULL: not written) */
};
int db_session_add(struct db *db, const struct session_row *s);

struct mediator_row {
	int64_t id;
	const char *name, *side, *expert_kind, *affiliation, *affiliation_uscc, *phone;
	int capacity, active;
	const char *created_at;
};
int db_mediator_insert(struct db *db, struct mediator_row *m);
int db_mediator_specialty_add(struct db *db, int64_t mediator_id, const char *cause);

int db_document_add(struct db *db, int64_t case_id, const char *kind, const char *at, int64_t user_id,
		    const char *file);

/* ---- documents with their addressees, and service (送达, service.c) ---- */

/* A document row as issued: session_id (调解通知书), of_document (送达回证)
 * and enquiry_hash (收件回执) 0/NULL when not used.  *id gets its id. */
struct document_row {
	int64_t case_id;
	const char *kind, *issued_at, *file;
	int64_t user_id, session_id, of_document;
	const char *enquiry_hash;
};
int db_document_insert(struct db *db, const struct document_row *d, int64_t *id);
/* A party the document is to be served on (not yet served). */
/* A new copy of a document replaces the earlier ones of its kind (same
 * case, same session or document it is for) that were not yet served:
 * their pending rows go, the new copy is the one to serve.  *n: the rows
 * removed. */
int db_service_supersede(struct db *db, const struct document_row *d, int64_t new_id, int *n);
int db_service_pending_add(struct db *db, int64_t document_id, int64_t case_id, const char *role, int ord,
			   const char *name);
/* Complete the service row id (of case case_id) when it is still not
 * served: 1 done, 0 it is served already or not this case's, -1 error. */
struct service_set {
	int64_t id, case_id;
	const char *method, *tracking, *served_on, *signed_by, *recorded_at;
	int64_t user_id;
};
int db_service_set(struct db *db, const struct service_set *s);
/* Record a party's consent to electronic service (its day). */
int db_party_econsent_set(struct db *db, int64_t case_id, const char *role, int ord, const char *day);
/* Cases with documents issued and not yet served on every party
 * (mediator_id 0: all cases). */
struct case_view;
int db_case_services_load(struct db *db, int64_t case_id, struct case_view *cv);
int db_unserved_count(struct db *db, int64_t mediator_id, int64_t *n);

/* ---- maintenance ------------------------------------------------------- */
/* PRAGMA integrity_check, foreign keys and the event log: triggers in place,
 * no event removed, every case has events, and (when status_actions_json, a
 * JSON array of the action keywords that change a case status, is given)
 * each case has the status its last such event set.  Problems appended to
 * report, one per line.  Returns the number of problems, -1 on error. */
int db_check(struct db *db, const char *status_actions_json, struct strbuf *report);
/* What db_check_full looked at, for its report of what was checked. */
struct db_check_info {
	int64_t cases, events;
	int64_t head_id;
	char head[65];
	/* the head kept outside the database file (db_anchor_write) */
	int anchor;          /* 0 none, 1 found and matches, -1 found and does not */
	int64_t anchor_id;
	char anchor_at[20];
	char anchor_file[1024];
	int years;           /* case-number years checked */
	char numbers[512];   /* "2025年 1–812号，2026年 1–1203号" */
	int64_t sealed_cases, unsealed_cases, sealed_users, unsealed_users;
	int64_t sealed_archive, unsealed_archive; /* persons and employers */
};
int db_check_full(struct db *db, const char *status_actions_json, struct strbuf *report,
		  struct db_check_info *info);
/* The head of the event log written beside the database file (FILE.head:
 * id, hash, count, time), when it has moved on since: so a later check can
 * tell the file lost events it once had (a damaged WAL, a restored copy).
 * Never moves it back.  0, or -1 (nothing written; not an error for the
 * caller's work). */
int db_anchor_write(struct db *db);
/* The hex state of a case's claims (entity "case", id the case) or an
 * account (entity "user"): 1 with out set, 0 not an entity with a state. */
int db_entity_state(struct db *db, const char *entity, int64_t id, char out[33]);
/* How many cases and events the database holds (what `tiaojie check`
 * reports when all is well). */
int db_count_cases_events(struct db *db, int64_t *cases, int64_t *events);
/* Consistent online copy to dest (written to a temporary file beside it and
 * renamed, so there is never a half-written backup). */
int db_backup(struct db *db, const char *dest);

/* ---- look-ups for the screens (lookup.c) -------------------------------- */
struct person_full {
	int64_t id;
	char *name, *nationality, *phone, *address;
	char *gender, *birth_date; /* "M"/"F", "YYYY-MM-DD"; "" when unknown */
	char *household;           /* "urban", "rural" or "" */
	char *occupation;
};
void db_person_full_free(struct person_full *p);
/* 1 found, 0 not, -1 error. */
int db_person_find(struct db *db, const char *id_type, const char *id_no, struct person_full *out);

struct employer_full {
	int64_t id;
	char *uscc, *name, *legal_rep, *address, *phone, *district, *industry;
	char *legal_rep_title;
};
void db_employer_full_free(struct employer_full *e);
/* By credit code when given, else by exact name.  1 found, 0 not, -1 error. */
int db_employer_find(struct db *db, const char *uscc, const char *name, struct employer_full *out);
/* Open cases of an employer, and cases received since `since`. */
int db_employer_incidence(struct db *db, int64_t employer_id, const char *since, int *open, int *recent);

struct collective_scan {
	int applicants;              /* applicants in matching open cases */
	int cases;                   /* matching open cases */
	int64_t collective_case_id;  /* an existing collective case among them, 0 none */
	char collective_case_no[64];
};
/* Open cases against the employer received since `since` whose claims have
 * exactly the causes `causes` (sorted, comma separated). */
int db_collective_scan(struct db *db, int64_t employer_id, const char *causes, const char *since,
		       struct collective_scan *out);

struct cause_list {
	struct cause_entry {
		char *code, *name, *abbr;
	} *v;
	int n, cap;
};
int db_causes_all(struct db *db, struct cause_list *out);
void db_cause_list_free(struct cause_list *l);

/* ---- drafts (drafts.c) --------------------------------------------------- */
/* Insert (*id == 0) or replace draft *id of the user; own transaction. */
int db_draft_save(struct db *db, int64_t user_id, const char *kind, const char *body, int64_t *id);
int db_draft_delete(struct db *db, int64_t user_id, int64_t id);
struct draft_list {
	struct draft_rec {
		int64_t id;
		char *kind, *body, *saved_at;
	} *v;
	int n, cap;
};
int db_drafts_of(struct db *db, int64_t user_id, struct draft_list *out);
void db_draft_list_free(struct draft_list *l);

/* ---- consultations (consultations.c) ------------------------------------ */
int db_consult_add(struct db *db, const char *at, const char *cause, const char *note, const char *phone,
		   int64_t clerk_id, int64_t *id);
struct consult_list {
	struct consult_rec {
		char *at, *cause, *cause_name, *note, *clerk;
	} *v;
	int n, cap;
};
/* Consultations of one day ("YYYY-MM-DD"), newest first. */
int db_consult_day(struct db *db, const char *day, struct consult_list *out);
void db_consult_list_free(struct consult_list *l);

/* ---- the roster for choosing (mediators.c) -------------------------------- */
struct mediator_choices {
	struct mediator_choice {
		int64_t id;
		char *name, *side;
		int capacity, open; /* open: assigned + mediating cases */
	} *v;
	int n, cap;
};
/* Active mediators, least loaded first. */
int db_mediator_choices(struct db *db, struct mediator_choices *out);
void db_mediator_choices_free(struct mediator_choices *l);

/* ---- working a case (casework.c) ------------------------------------------ */
/* What a transition reads of a stored case (inside its transaction). */
struct case_work_row {
	char case_no[64];
	char status[16], performance[16];
	int64_t mediator_id;   /* 0: none */
	char *mediator_name;   /* "" when none */
	char received[11];
	char confirm_how[16], confirmed_at[20], accepted_at[20], deadline[11], closed_at[20];
	int extended;
	char *reason;
	int64_t version;
	char updated_at[20];
	char *updated_by;      /* display name; NULL when the system changed it */
	int nclaims;
	int nbooked;           /* sessions scheduled (not held, not cancelled) */
};
/* 1 found, 0 not, -1 error.  Free with case_work_row_free. */
int db_case_work_get(struct db *db, int64_t case_id, struct case_work_row *out);
void case_work_row_free(struct case_work_row *r);

/* The case row as a transition leaves it: every column a transition may
 * change (NULL strings are SQL NULL, reason NULL is ""), stamped with now
 * and the user, version + 1 - only while the row still has `version`. */
struct case_update {
	int64_t id, version;
	const char *status, *performance;
	int64_t mediator_id;
	const char *confirm_how, *confirmed_at, *accepted_at, *deadline, *closed_at, *reason;
	int extended;
	const char *now;
	int64_t user_id;
};
/* 1 updated, 0 the row's version was not u->version, -1 error. */
int db_case_update(struct db *db, const struct case_update *u);
/* By case number: 1 and *id, 0 none, -1 error. */
int db_case_find(struct db *db, const char *case_no, int64_t *id);
/* 1 and name (malloc'd) and active flag, 0 no such mediator, -1 error. */
int db_mediator_get(struct db *db, int64_t id, char **name, int *active);

struct claim_amounts {
	struct claim_amount {
		int ord;
		int64_t amount_fen;
		/* each worker's own amount (collective cases), by applicant */
		struct claim_share_amount {
			int applicant;
			int64_t amount_fen;
		} *shares;
		int nshares;
		/* the respondents it is against, by number (all of them when
		 * the claim names none), and whether jointly (连带) */
		int *against;
		int nagainst;
		int joint;
	} *v;
	int n, cap;
};
int db_claim_amounts(struct db *db, int64_t case_id, struct claim_amounts *out);
void claim_amounts_free(struct claim_amounts *a);
/* A claim's outcome in the agreement (014_claim_outcome.sql): agreed_fen
 * >= 0 agreed; waived: the applicant gave the claim up (agreed_fen 0);
 * withdrawn: the applicant withdrew it; agreed_fen < 0 (NULL) without
 * either: no agreement on it. */
int db_claim_set_agreed(struct db *db, int64_t case_id, int ord, int64_t agreed_fen, const char *pay_date, int waived,
			int withdrawn);
/* What each respondent pays of claim ord (016): cleared, then one row a
 * respondent. */
int db_claim_payers_clear(struct db *db, int64_t case_id, int ord);
int db_claim_payer_set(struct db *db, int64_t case_id, int ord, int respondent, int64_t agreed_fen);
/* One worker's agreed part of his own amount of claim ord (< 0: none). */
int db_claim_share_set_agreed(struct db *db, int64_t case_id, int ord, int applicant, int64_t agreed_fen);

/* The first scheduled or held session on day that overlaps [start_min,
 * end_min) (minutes since midnight) and has the same mediator or the same
 * room (room NULL or "": none, so no room clash), other than the session
 * except_id (0: none): 1 and *out, 0 none, -1 error. */
struct session_clash {
	char case_no[64], start[6], room[64], mediator[64];
	int minutes;
	int same_mediator, same_room;
};
int db_session_clash(struct db *db, const char *day, int start_min, int end_min, int64_t mediator_id,
		     const char *room, int64_t except_id, struct session_clash *out);
/* A scheduled session of the case on day (the one at start when given,
 * else the day's first): 1 and *out, 0 none, -1 error. */
struct session_slot {
	int64_t id;
	char start[6], room[64];
	int minutes;
};
int db_session_scheduled_on(struct db *db, int64_t case_id, const char *day, const char *start,
			    struct session_slot *out);
int db_session_mark_held(struct db *db, int64_t id, const char *start, int minutes, const char *room,
			 const char *note, int64_t recorded_by, const char *attendance);
/* One session as the rules see it. */
struct session_info {
	int64_t id, case_id, mediator_id;
	char day[11], start[6], room[64], status[16];
	int minutes;
};
struct session_list {
	struct session_info *v;
	int n, cap;
};
void session_list_free(struct session_list *l);
/* The case's scheduled sessions that start after day hm, soonest first. */
int db_sessions_booked_after(struct db *db, int64_t case_id, const char *day, const char *hm,
			     struct session_list *out);
/* 1 and *out, 0 no such session, -1 error. */
int db_session_get(struct db *db, int64_t id, struct session_info *out);
/* A scheduled session to another slot (and the case's mediator now); -1
 * (message set) when it is no longer scheduled. */
int db_session_move(struct db *db, int64_t id, int64_t mediator_id, const char *day, const char *start,
		    int minutes, const char *room);
/* A scheduled session cancelled; -1 (message set) when it is no longer
 * scheduled. */
int db_session_cancel(struct db *db, int64_t id);

/* Everything the detail screen shows (casework.h), in one read snapshot.
 * Users that are NULL (the system) come back as NULL pointers.  1 loaded,
 * 0 no such case, -1 error (out partly filled: free it). */
struct case_view;
int db_case_view_load(struct db *db, int64_t case_id, struct case_view *out);

/* ---- assigning a mediator (assign.c) --------------------------------------- */
/* The roster as assignment sees it: every active mediator (or only the one
 * with id only_id when only_id > 0, active or not), by name.  Strings are
 * "" when the column is empty or NULL; specialties is the mediator's cause
 * codes, sorted, comma separated. */
struct assign_roster {
	struct assign_roster_row {
		int64_t id;
		char *name, *side, *expert_kind, *affiliation, *affiliation_uscc, *specialties;
		int capacity, active;
		int open; /* assigned + mediating cases */
	} *v;
	int n, cap;
};
int db_assign_roster(struct db *db, int64_t only_id, struct assign_roster *out);
void assign_roster_free(struct assign_roster *r);

/* The distinct claim causes of a case, sorted, comma separated (malloc'd,
 * "" when none). */
int db_assign_case_causes(struct db *db, int64_t case_id, char **causes);

/* The parties of a case: applicants (persons) and respondents (employers,
 * uscc "" when none), in order. */
struct assign_parties {
	struct assign_party {
		int64_t id;
		char *name, *uscc;
		int respondent;
	} *v;
	int n, cap;
};
int db_assign_case_parties(struct db *db, int64_t case_id, struct assign_parties *out);
void assign_parties_free(struct assign_parties *p);

/* Other cases that share an applicant or a respondent with case_id and that
 * a mediator handled (is the case's mediator, or held one of its sessions):
 * of mediator_id when > 0, else of every mediator; by mediator, then
 * applicants before respondents, then case number. */
struct assign_history {
	struct assign_prior {
		int64_t mediator_id;
		char *case_no, *party;
		int respondent; /* the shared party is the respondent */
	} *v;
	int n, cap;
};
int db_assign_history(struct db *db, int64_t case_id, int64_t mediator_id, struct assign_history *out);
void assign_history_free(struct assign_history *h);

/* Cases awaiting assignment (status accepted), oldest acceptance first. */
struct assign_queue {
	struct assign_queued {
		int64_t id;
		char case_no[64];
		int64_t version;
	} *v;
	int n, cap;
};
int db_assign_queue(struct db *db, struct assign_queue *out);
void assign_queue_free(struct assign_queue *q);

/* ---- the admin dashboard (dashboard.c) ------------------------------------ */
/* Open cases by status keyword (only statuses with cases); employers with
 * at least min_cases cases received on or after since, most first;
 * open collective disputes, newest first (respondent: the names joined
 * by "、"); active mediators with their assigned + mediating cases, most
 * loaded first.  One read snapshot (or the caller's transaction).  0, or
 * -1 with the error set and *out empty.  Free with dashboard_free. */
struct dashboard {
	struct dash_state {
		char status[16];
		int64_t n;
	} *states;
	struct dash_employer {
		int64_t id;
		char *name;
		int64_t n;
	} *employers;
	struct dash_collective {
		int64_t case_id;
		char case_no[64], status[16];
		char *respondent;
		int applicants;
	} *collective;
	struct dash_mediator {
		int64_t id;
		char *name;
		int capacity, open;
	} *mediators;
	int nstates, nemployers, ncollective, nmediators;
	int cap_states, cap_employers, cap_collective, cap_mediators;
};
int db_dashboard_load(struct db *db, const char *since, int min_cases, struct dashboard *out);
void db_dashboard_free(struct dashboard *d);

/* ---- evidence (证据清单) ---------------------------------------------- */
struct evidence_row {
	int64_t id, case_id;
	int ord;                 /* set by db_evidence_add: the case's next number */
	const char *name, *source, *purpose;
	int pages, original;
	const char *party;       /* "applicant" or "respondent" */
	const char *submitted;   /* "YYYY-MM-DD" */
};
/* Add an item with the case's next number (never one a removed item had).
 * 0 and e->id, e->ord set; -1 with the error set. */
int db_evidence_add(struct db *db, struct evidence_row *e);
/* Replace an item's particulars (its number stays).  1 done, 0 no such
 * item in that case (or removed), -1 error. */
int db_evidence_update(struct db *db, const struct evidence_row *e);
/* Mark an item removed.  1 done, 0 no such item, -1 error. */
int db_evidence_remove(struct db *db, int64_t case_id, int64_t id, const char *now);
/* One item of a case that is not removed: 1 and *out (free its strings
 * with cv_evidence_free), 0 none, -1 error. */
struct cv_evidence;
int db_evidence_get(struct db *db, int64_t case_id, int64_t id, struct cv_evidence *out);

/* ---- correcting an application (correct.c) ------------------------------ */
/* The case row as a correction leaves it: what an application gives and
 * what a correction may reset (status, the confirmation, the acceptance
 * deadline of a case not yet accepted), stamped with now and the user,
 * version + 1 - only while the row still has `version`. */
struct case_edit {
	int64_t id, version;
	const char *channel, *received, *facts;
	int collective;
	const char *status, *confirm_how, *confirmed_at, *deadline; /* NULL: SQL NULL */
	const char *now;
	int64_t user_id;
};
/* 1 updated, 0 the row's version was not e->version, -1 error. */
int db_case_edit(struct db *db, const struct case_edit *e);

/* A party's particulars as the case keeps them (case_parties, migrations
 * 004 and 007): persons (applicants, individual respondents) name to
 * address, organisations (respondents) name, uscc, legal_rep,
 * legal_rep_title, phone, address; NULL is SQL NULL, except
 * legal_rep_title and kind NULL and representative -1: keep the case's
 * (a new row: the archive's position, kind 'employer', no representative). */
struct party_snapshot {
	int64_t person_id, employer_id; /* the archive row (the other 0) */
	const char *name, *id_type, *id_no, *gender, *birth_date, *nationality, *household, *occupation;
	const char *phone, *address;
	const char *uscc, *legal_rep, *legal_rep_title;
	const char *kind;   /* respondents: VOCAB_RESPONDENT keyword */
	int representative; /* applicants: 1 elected, 0 not, -1 keep */
};
/* The case's party at (role, ord) rewritten, or added when it has none
 * there.  0, or -1 with the error set. */
int db_case_party_put(struct db *db, int64_t case_id, const char *role, int ord, const struct party_snapshot *p);
int db_case_party_remove(struct db *db, int64_t case_id, const char *role, int ord);
/* The agents of the case's party (role, ord) removed; ord 0: of every
 * party of the role.  0, or -1 with the error set. */
int db_case_agents_clear(struct db *db, int64_t case_id, const char *role, int ord);
/* The parties of a role renumbered: the party numbered old_ord[i] becomes
 * number i + 1 (old_ord[i] 0: none, a new party is put there later); the
 * parties no old_ord names are removed.  The agents of every party of the
 * role are removed first (their rows name the party's number): the caller
 * adds them again.  0, or -1 with the error set. */
int db_case_parties_reorder(struct db *db, int64_t case_id, const char *role, const int *old_ord, int n);
/* The per-worker amounts (claim_shares) of the case's claims follow the
 * applicants renumbered as db_case_parties_reorder does: the amounts of
 * applicant old_ord[i] become applicant i + 1's; those of an applicant no
 * old_ord names are removed.  The claims' totals are the caller's.  0,
 * or -1 with the error set. */
int db_claim_shares_renumber(struct db *db, int64_t case_id, const int *old_ord, int n);

/* The claims replaced by a corrected list: v[i] becomes claim i + 1; a
 * claim with old_ord > 0 is that claim of the case (its row kept, its
 * agreed amount and per-worker amounts too), one with old_ord 0 is new;
 * the case's claims no v[i] names are removed.  against: the
 * respondents' numbers ("1,2"); "" all of them; NULL all for a new claim,
 * keep for a kept one (its joint flag kept too).  0, or -1 with the error
 * set. */
struct claim_edit {
	int old_ord;
	const char *cause, *text;
	int64_t amount_fen;
	const char *against;
	int joint; /* jointly (连带): a new claim's, a kept one's given against */
};
int db_claims_replace(struct db *db, int64_t case_id, const struct claim_edit *v, int n);

/* ---- a collective dispute (collective.c) ---------------------------------- */
/* Applicant ord of the case marked an elected representative, or not.
 * 0, or -1 with the error set (no such applicant). */
int db_case_representative_set(struct db *db, int64_t case_id, int ord, int representative);
/* Applicant's own amount of claim claim_ord of the case set (added or
 * changed); amount_fen < 0: removed.  0, or -1 with the error set. */
int db_claim_share_put(struct db *db, int64_t case_id, int claim_ord, int applicant, int64_t amount_fen);
/* Claim claim_ord's amount (its total).  0, or -1 with the error set. */
int db_claim_amount_set(struct db *db, int64_t case_id, int claim_ord, int64_t amount_fen);

#endif
