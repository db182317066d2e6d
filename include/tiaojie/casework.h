/*
 * casework.h - working a case after registration: loading everything about
 * it (parties, claims, sessions, documents, the timeline), and every
 * transition of SPEC section 3 with its role rules.
 *
 * Every transition goes through case_apply: it reads the case's stored
 * state, asks lifecycle_check (the one table), refuses a save made over a
 * newer version (someone else changed the case since the user loaded it:
 * the message names who and when, and the caller keeps the user's input),
 * and writes the case, its rows and its event in one BEGIN IMMEDIATE
 * transaction, or nothing.  The screens, the command line and the tests
 * all call this; none of them decides anything themselves.
 */
#ifndef TIAOJIE_CASEWORK_H
#define TIAOJIE_CASEWORK_H

#include <stdint.h>

#include "tiaojie/calendar.h"
#include "tiaojie/config.h"
#include "tiaojie/db.h"
#include "tiaojie/lifecycle.h"

/* ---- a case as the detail screen shows it --------------------------------- */

/* An agent (委托代理人) of a party, the case's own. */
struct cv_agent {
	int ord;             /* 1-based within the party */
	char *name, *org, *phone, *scope; /* "" where not given */
	char kind[16];       /* VOCAB_AGENT keyword */
	char authority[16];  /* VOCAB_AUTHORITY keyword: "general" or "special" */
};

/* A party as it stood in this case's application (the case's own copy,
 * not today's archive row; "" where not given). */
struct cv_party {
	int64_t id;        /* person or employer id (the archive row): a person
			    * for applicants and individual respondents */
	int ord;           /* its number among the applicants or respondents */
	char *name;
	char *id_type;     /* applicants, individual respondents: validate keyword; else "" */
	char *id_no;       /* full number (mask it for display with val_mask) */
	char *uscc;        /* respondents */
	char *gender, *birth_date, *nationality, *phone, *address, *legal_rep;
	char *household;   /* applicants: "urban", "rural" or "" */
	char *occupation;  /* applicants: 职业/岗位 */
	char *legal_rep_title; /* respondents: the legal representative's position */
	char kind[16];     /* respondents: VOCAB_RESPONDENT keyword; applicants: "" */
	int representative; /* applicants: an elected representative */
	char e_consent[11]; /* the day it consented to electronic service, "" none */
	struct cv_agent *agents;
	int nagents;
};

/* An item of the case's evidence list (证据清单); removed items are not
 * loaded. */
struct cv_evidence {
	int64_t id;
	int ord;             /* its number in the case, never reused */
	char *name, *source, *purpose;
	int pages;
	int original;        /* 1 原件, 0 复印件 */
	char party[16];      /* "applicant" or "respondent": who submitted it */
	char submitted[11];  /* the day it was received */
};

struct cv_claim {
	int ord;
	char cause[8];
	char *cause_name;
	char *text;
	int64_t amount_fen;
	int64_t agreed_fen; /* -1: none */
	char pay_date[11];  /* "" when none */
	int waived;         /* the applicant gave it up in the agreement */
	int withdrawn;      /* the applicant withdrew it in the agreement */
	/* the respondents it is against, by number (1-based), in order: all
	 * of them when the claim does not name them */
	int *against;
	int nagainst;
	int joint;          /* jointly (连带) */
	/* each worker's own amount (per-worker amounts), by applicant number */
	struct cv_share {
		int applicant;
		int64_t amount_fen;
		int64_t agreed_fen; /* -1: none recorded */
	} *shares;
	int nshares;
	/* agreed against several respondents not jointly: what each pays
	 * (按份), by respondent number */
	struct cv_payer {
		int respondent;
		int64_t agreed_fen;
	} *payers;
	int npayers;
};

struct cv_session {
	int64_t id;
	char day[11], start[6];
	int minutes;
	char *room, *status, *note, *mediator;
	char *recorder;   /* held: who recorded it ("" none recorded) */
	char *attendance; /* held: who was present ("" not written) */
};

struct cv_document {
	int64_t id;
	char *kind, *issued_at, *user, *file;
	int64_t session_id, of_document; /* 0 none */
};

/* The service (送达) of a document on one party: made when the document
 * is issued, completed when it is served (served_on[0] then set). */
struct cv_service {
	int64_t id, document_id;
	char role[12];       /* "applicant" or "respondent" */
	int ord;             /* the party's number among its side */
	char *name;          /* the party as addressed */
	char method[12];     /* VOCAB_SERVICE keyword; "" not yet served */
	char *tracking, *signed_by, *user;
	char served_on[11], recorded_at[20];
};

struct cv_event {
	int64_t id;
	char at[20];
	char *user;   /* display name, "系统" for none */
	char *action; /* keyword */
	char *entity;
	char *before, *after;
};

struct case_view {
	int64_t id;
	char case_no[64];
	enum case_status status;
	enum performance perf;
	char status_kw[24], perf_kw[24]; /* as stored; case_load turns them into status, perf */
	char channel[16];
	char received[11];
	char external_id[80]; /* an imported application's platform id, "" none */
	char *facts;
	int collective;
	int64_t mediator_id;
	char *mediator_name;      /* "" when none */
	char confirm_how[16], confirmed_at[20], accepted_at[20], deadline[11], closed_at[20];
	int extended;
	char *reason;
	char last_event_at[20];
	int64_t version;
	char updated_at[20];
	char *updated_by;         /* display name of who changed it last */
	int days_left;            /* deadline - today, when there is a deadline */
	int has_deadline;         /* the case is open and its deadline runs (a closed
				   * case keeps its deadline in `deadline`, for the record) */

	struct cv_party *applicants, *respondents;
	int napplicants, nrespondents;
	struct cv_claim *claims;
	int nclaims;
	struct cv_session *sessions;
	int nsessions;
	struct cv_document *documents;
	int ndocuments;
	struct cv_evidence *evidence;
	int nevidence;
	struct cv_service *services; /* by document, then party */
	int nservices;
	char *clerk;              /* who registered the case (display name, "" unknown) */
	struct cv_event *events;  /* oldest first */
	int nevents;
};

/* Load a case for this actor: mediators only their own (access_may_view).
 * 1 loaded, 0 no such case, -1 refused or error (message set). */
int case_load(struct db *db, const struct actor *who, int64_t case_id, struct case_view *out);
void case_view_free(struct case_view *cv);
void cv_evidence_free(struct cv_evidence *e);
/* Record that who was shown the case's full identity numbers (how: the
 * command), in a transaction of its own: 0, or -1 with the error set - then
 * they must not be shown. */
int case_log_full_ids(struct db *db, const struct actor *who, const struct case_view *cv, const char *how);
/* The timeline's words: what an event was ("受理", "更新劳动者档案", ...;
 * buf holds it when it is made up), and a stored value as shown (a status
 * or performance keyword as its Chinese name, anything else as it is). */
const char *case_event_what(const struct cv_event *e, char *buf, size_t size);
const char *case_event_word(const char *kw);
/* Find a case by its number: 1 and *id, 0 none, -1 error. */
int case_find(struct db *db, const char *case_no, int64_t *id);

/* How many of the case's sessions are booked (scheduled, not yet held or
 * cancelled): what reschedule and unschedule need. */
int case_booked(const struct case_view *cv);

/* The actions this actor may take on this case now (lifecycle_check says
 * yes), in the table's order with the correction (ACT_EDIT, case_correct
 * in intake.h, not case_apply) last; returns how many were written to out. */
int case_actions(const struct case_view *cv, const struct actor *who, enum case_action *out, int max);

/* ---- transitions ---------------------------------------------------------- */

/* What became of a claim in the agreement.  Only AGREE_WAIVED makes the
 * agreement say the applicant gave it up (放弃). */
enum agree_outcome {
	AGREE_AGREED,    /* 同意: the amount below (0 for a claim without money: as asked) */
	AGREE_UNAGREED,  /* 未达成: the parties did not agree on it */
	AGREE_WITHDRAWN, /* 撤回: the applicant withdrew it */
	AGREE_WAIVED,    /* 放弃: the applicant gave it up */
};

struct case_op_share {
	int applicant;      /* the worker's number in the case */
	int64_t agreed_fen; /* >= 0, at most his own amount */
};

struct case_op_payer {
	int respondent;     /* the respondent's number in the case */
	int64_t agreed_fen; /* >= 0 */
};

struct case_op_agreed {
	int ord;            /* claim number */
	/* AGREE_AGREED: the amount, >= 0.  A claim for money agreed at 0 is
	 * given up (放弃); a claim that asks for no money (确认劳动关系 ...)
	 * agreed at 0 is agreed as asked.  A claim with each worker's own
	 * amount (collective) takes each worker's agreed part in shares, and
	 * its amount is their sum; without shares it must be agreed in full
	 * (each worker gets his own amount) or at 0. */
	int64_t agreed_fen;
	const char *pay_date; /* "YYYY-MM-DD", required when agreed_fen > 0 */
	enum agree_outcome outcome;
	const struct case_op_share *shares;
	int nshares;
	/* a claim against several respondents not jointly liable (连带),
	 * agreed for money: what each of them pays, adding up to the amount */
	const struct case_op_payer *payers;
	int npayers;
};

/* An evidence item as typed (ACT_EVIDENCE).  When an existing item is
 * changed, blank texts, original < 0 and party NULL keep what it has. */
struct case_op_evidence {
	const char *name;      /* required for a new item, at most 100 characters */
	const char *source;    /* 来源, at most 100 */
	const char *purpose;   /* 证明目的, at most 300 */
	const char *pages;     /* as typed: 1 to 9999; blank: 1 for a new item */
	int original;          /* 1 原件, 0 复印件, -1 keep */
	const char *party;     /* "applicant" or "respondent" (who submitted it) */
	const char *submitted; /* "YYYY-MM-DD", not after today; blank: today */
};

#define EVIDENCE_MAX_NAME 100
#define EVIDENCE_MAX_SOURCE 100
#define EVIDENCE_MAX_PURPOSE 300

/* Check an evidence item as typed and complete it into *e: old is the
 * item it changes (NULL: a new one), day the date a new item takes when
 * none is typed ("YYYY-MM-DD"), today the latest date allowed.  0 when
 * the item is good; -1 with a Chinese message in the error sink and *field
 * naming the wrong part ("name", "source", "purpose", "pages", "party",
 * "submitted").  The strings of *e point into in, old or day.  Used by
 * intake_register and ACT_EVIDENCE alike. */
int evidence_check(const struct case_op_evidence *in, const struct cv_evidence *old, const char *day,
		   tj_day today, struct evidence_row *e, const char **field);
/* The item as the event log says it: "第3项 劳动合同（原件，2页，申请人提交，
 * 2026-11-20）；来源：…；证明目的：…". */
struct strbuf;
void evidence_describe(struct strbuf *sb, int ord, const struct evidence_row *e);

struct case_op {
	enum case_action action;
	int64_t case_id;
	int64_t expect_version;  /* the version the user saw; 0: do not check */
	const char *reason;      /* reject, fail, withdraw (required); extend: the consent note (required) */
	const char *confirm_how; /* confirm: "phone", "onsite", "wechat", "sms" */
	const char *confirmed_at;/* confirm: "YYYY-MM-DD HH:MM[:SS]"; NULL: now */
	const char *answer;      /* confirm: the applicant's answer to the push (optional) */
	int64_t mediator_id;     /* assign, reassign */
	/* session (record a session; the first starts mediation) and schedule */
	const char *day, *start; /* "YYYY-MM-DD", "HH:MM" */
	int minutes;
	const char *room, *note;
	const char *attendance;  /* session: who was present (optional, 到场人员) */
	/* reschedule, unschedule: the booked session (with reason; reschedule
	 * takes day, start, minutes, room, empty ones keeping what was booked) */
	int64_t session_id;
	/* agree */
	int nagreed;
	const struct case_op_agreed *agreed;
	/* perform */
	enum performance perf;   /* PERF_PERFORMED or PERF_DEFAULTED */
	/* evidence: a new item (evidence_id 0), a change to one, or its
	 * removal (evidence_remove set) */
	int64_t evidence_id;
	int evidence_remove;
	const struct case_op_evidence *evidence;
	/* the acting user's draft of this form (0: none): deleted in the
	 * transaction that applies it, so a done action is never offered again */
	int64_t draft_id;
};

struct case_op_result {
	int64_t new_version;
	enum case_status status;
	/* a conflict: the case changed since expect_version */
	int conflict;
	char changed_by[64];
	char changed_at[20];
	/* which input was wrong, by the name of its field in case_op:
	 * "reason", "confirm_how", "confirmed_at", "agreed[2]" (the amount),
	 * "agreed[2].pay_date", ... */
	char field[32];
};

/* Apply one action.  0 on success; -1 refused (illegal from this state,
 * forbidden role, not the mediator's case, bad input, conflict) or failed,
 * with a Chinese message in the error sink and nothing written.  Busy is
 * retried within the busy timeout and reported in Chinese. */
int case_apply(struct db *db, const struct config *cfg, const struct holidays *hol, const struct actor *who,
	       const struct case_op *op, struct case_op_result *res);

/* The Chinese name of a confirmation way ("phone" -> "电话", "onsite" ->
 * "现场", "wechat" -> "微信", "sms" -> "短信"); NULL when unknown. */
const char *case_confirm_how_name(const char *kw);

/* The standard claims text pushed to the applicant for confirmation
 * (malloc'd): case number, parties, each claim with cause and amount. */
char *case_claims_text(const struct case_view *cv, const struct config *cfg);
/* Hand the text to cfg->notify_command (stdin: text; $1 phone, $2 case
 * number) and wait for it.  0 when it exited 0; -1 with the reason (no
 * command configured, could not run, exit status).  The applicant's
 * confirmation itself is recorded with ACT_CONFIRM. */
int case_notify(const struct config *cfg, const char *phone, const char *case_no, const char *text);

/* Push the case's standard claims text to its first applicant's phone
 * (case_notify) and record what was sent: an event of the case, action
 * 'push', after = "推送至 <phone>：<the exact text>", in a transaction of
 * its own once the command succeeded (the case row and its version are
 * not touched).  Allowed when confirming is (lifecycle_check ACT_CONFIRM);
 * refused as a conflict when the case is no longer at expect_version (0:
 * do not check), since the text would not be the one the user saw.  The
 * applicant's answer is recorded with the confirmation (case_op.answer).
 * 0, or -1 with the message set (res->conflict, res->field "phone"). */
int case_push(struct db *db, const struct config *cfg, const struct actor *who, int64_t case_id,
	      int64_t expect_version, struct case_op_result *res);

#endif
