/*
 * intake.h - registering an application (调解申请登记): checking every
 * field of the form and saving the case with all its rows and its event in
 * one transaction.  The intake screen and any command that registers cases
 * call this; it decides, the db layer stores.
 */
#ifndef TIAOJIE_INTAKE_H
#define TIAOJIE_INTAKE_H

#include <stdint.h>

#include "tiaojie/casework.h"
#include "tiaojie/config.h"
#include "tiaojie/db.h"
#include "tiaojie/lifecycle.h"

#define INTAKE_MAX_FACTS_CHARS 5000
#define INTAKE_MAX_CLAIM_CHARS 500
#define INTAKE_MAX_PARTIES 500
#define INTAKE_MAX_CLAIMS 100
#define INTAKE_MAX_EVIDENCE 200
#define INTAKE_MAX_RESPONDENTS 20
/* 民事诉讼法 §61, which arbitration follows: one or two agents a party */
#define INTAKE_MAX_AGENTS 2
/* 调解仲裁法 §7: a collective dispute's workers elect their representatives */
#define INTAKE_MIN_REPRESENTATIVES 2
#define INTAKE_MAX_REPRESENTATIVES 5

/* An agent (委托代理人) of a party, as the power of attorney names him. */
struct intake_agent {
	const char *name;
	const char *kind;      /* VOCAB_AGENT keyword: lawyer, legal-worker, relative, union, staff, other */
	const char *org;       /* 所在单位 (law firm, union, ...), may be empty */
	const char *phone;     /* may be empty; checked like every phone */
	const char *authority; /* VOCAB_AUTHORITY keyword: general, special */
	const char *scope;     /* what a special authority covers: required for it */
};

struct intake_person {
	const char *id_type; /* validate keyword: id, residence, foreign-pr, hkmo, tw, passport, other */
	const char *id_no;   /* as typed */
	const char *name;
	const char *nationality; /* required for passports; default 中国 */
	const char *phone;
	const char *address;
	/* Sex and birth date: read from the number of a document that encodes
	 * them (居民身份证, 居住证, 永久居留身份证) - given anyway, they must
	 * agree with it; required as typed for every other document. */
	const char *gender;     /* "M", "F" or "" */
	const char *birth_date; /* "YYYY-MM-DD" or "" */
	const char *household;  /* 户籍类型: "urban", "rural" or "" (not given) */
	const char *occupation; /* 职业/岗位, may be empty */
	int representative;     /* elected representative of a collective dispute */
	int nagents;
	const struct intake_agent *agents;
	int ord; /* a correction: the number of the case's applicant this is,
		  * -1 a new one; ord 0 on every applicant matches them by
		  * position */
};

/* A respondent: an organisation of the employer archive (C档), or, of
 * kind "individual", a natural person with an identity document, who
 * goes to the worker archive (P档) as a person does. */
struct intake_employer {
	const char *kind; /* VOCAB_RESPONDENT keyword; NULL or "": employer (用人单位) */
	const char *uscc; /* as typed; may be empty; none for an individual */
	const char *name;
	const char *legal_rep, *address, *phone, *district, *industry;
	const char *legal_rep_title; /* 法定代表人职务, may be empty */
	/* an individual's identity document (validate keyword and number as
	 * typed), checked like an applicant's; none for the others */
	const char *id_type, *id_no;
	int nagents;
	const struct intake_agent *agents;
	int ord; /* a correction: the number of the case's respondent this is,
		  * -1 a new one; ord 0 on every respondent matches them by
		  * position */
};

/* A worker's own amount of a claim (a collective case's per-worker
 * amounts). */
struct intake_share {
	int applicant;      /* 1-based index into the applicants */
	const char *amount; /* as typed */
};

struct intake_claim {
	const char *cause;  /* second-level code */
	const char *text;
	const char *amount; /* as typed, may be empty (0); with shares: their
			     * total, or empty to have the total taken */
	/* the respondents it is against: 1-based indexes into the
	 * respondents, each once; none (nagainst 0): all of them */
	int nagainst;
	const int *against;
	int joint;          /* they answer jointly (连带): two or more of them */
	int nshares;
	const struct intake_share *shares;
	/* with shares: the part of the amount not divided among the workers
	 * (未分列, collective.h), as typed; NULL or empty: none */
	const char *undivided;
	int ord;            /* a correction: the number of the case's claim this is, 0 a new one */
};

struct intake {
	const char *external_id; /* an imported record's platform id, or NULL;
				  * unique among cases (see tiaojie import) */
	const char *channel;  /* window, online, phone, letter, other */
	const char *received; /* YYYY-MM-DD; NULL or "" = today */
	const char *facts;
	int napplicants;
	struct intake_person *applicants;
	int nrespondents;
	struct intake_employer *respondents;
	int nclaims;
	struct intake_claim *claims;
	/* the evidence handed in with the application (证据清单), saved with
	 * it; a blank submitted date is the day received */
	int nevidence;
	const struct case_op_evidence *evidence;
	/* the saving user's draft of this form (0: none): deleted in the
	 * transaction that saves, so a saved form is never offered again */
	int64_t draft_id;
};

/* Which field a problem is about, so the form can show it beside it. */
struct intake_problem {
	char field[48]; /* "applicant[0].id_no", "claims[2].amount", "facts", ... */
	char msg[256];
};

struct intake_result {
	int nproblems;
	struct intake_problem problems[64];
	int64_t case_id;
	char *case_no; /* malloc'd on success */
	int collective;
	/* a correction (case_correct) */
	int conflict;          /* the case changed since the version the user saw */
	char changed_by[64];   /* who changed it, and when */
	char changed_at[20];
	int64_t new_version;
	enum case_status status; /* the case's status after it */
	int reconfirm;         /* the confirmation was reset: the applicant confirms again */
	int nchanges;          /* fields changed (each one event) */
};

/* Where a person's sex and birth date come from with this document:
 * INTAKE_SB_NUMBER read from the number (居民身份证, 居住证, the new 永久居留
 * 身份证; gender and birth filled when not NULL), INTAKE_SB_TYPED typed by
 * the clerk (every other document, and an old 永久居留身份证 number),
 * INTAKE_SB_PENDING the number will tell once it is complete and valid. */
enum { INTAKE_SB_PENDING = -1, INTAKE_SB_TYPED = 0, INTAKE_SB_NUMBER = 1 };
int intake_sex_birth(const struct config *cfg, const char *id_type, const char *id_no, char *gender,
		     char birth[11]);

/* Check every field; fills res->problems.  Returns the number of problems. */
/* Check every field; fills res->problems.  Returns the number of problems.
 * The rules beyond each field's own: a respondent's kind decides whether
 * it has a credit code or an identity document; a claim's respondents
 * exist, and a joint claim names two or more; an agent has a name, kind
 * and authority, a special authority its scope, a party at most
 * INTAKE_MAX_AGENTS; a collective dispute (collective_min applicants or
 * more) elects INTAKE_MIN_REPRESENTATIVES to INTAKE_MAX_REPRESENTATIVES,
 * any other case none; per-worker amounts name distinct applicants and
 * add up to the claim's amount when one is typed. */
int intake_check(struct db *db, const struct config *cfg, const struct intake *in, struct intake_result *res);

/* One agent as intake_check checks it, the j-th (from 0) of the party
 * whose field prefix is party ("respondent[1]"): a form's agent dialog
 * says what is wrong before the agent joins the application.  Fills
 * res (zeroed first); returns the number of problems. */
int intake_check_agent(const char *party, int j, const struct intake_agent *a, struct intake_result *res);

/* Check, then save in one BEGIN IMMEDIATE transaction: archives updated,
 * case number allocated, case, parties, claims and the register event
 * written - or nothing at all.  0 on success (res->case_no set); -1 when
 * fields are wrong (res->nproblems > 0) or saving failed (error sink). */
int intake_register(struct db *db, const struct config *cfg, const struct actor *who, const struct intake *in,
		    struct intake_result *res);
void intake_result_free(struct intake_result *res);

/* A claim's amount in fen: its shares' total (and its undivided part)
 * when it has shares, else the amount typed (0 when empty).  -1 when an amount does not parse or the
 * total is out of range (intake_check says which). */
int64_t intake_claim_total(const struct intake_claim *c);

/* More applicants join an existing open case (a collective dispute): the
 * applicants of `in` are checked like at registration, written to the
 * archive and added as parties, with a 'join' event, in one transaction.
 * Their claims (in->claims, may be none) go to the case's claims of the
 * same cause: each worker's amount becomes his own amount there and the
 * claim's total grows by it, with an 'edit' event for each; a claim of a
 * cause the case does not have is not added (collective.c has the rule,
 * collective_join_preview says it before).  The rest of `in` is not used. */
int intake_join(struct db *db, const struct config *cfg, const struct actor *who, int64_t case_id,
		const struct intake *in, struct intake_result *res);

/* What saving would change in the archives (P档, C档) for a party that is
 * already there: the latest particulars are updated, the case keeps its
 * own copy and earlier cases keep theirs.  Field as intake_problem names
 * it ("applicant[0].name", "respondent[0].legal_rep_title"); label the
 * particular ("姓名"); old and new as the user reads them (男, 城镇, ...). */
struct intake_change {
	char field[48];
	const char *label;
	char old[256], new[256];
};
struct intake_changes {
	int n;
	struct intake_change v[32];
};
int intake_archive_changes(struct db *db, const struct config *cfg, const struct actor *who,
			   const struct intake *in, struct intake_changes *out);
/* "档案姓名将由 周小梅 改为 周小梅梅": what the form says at the field. */
void intake_change_text(const struct intake_change *c, char *buf, size_t len);
/* "姓名 周小梅 → 周小梅梅；电话 … → …" (malloc'd): the changes as one line
 * for the question before saving. */
char *intake_changes_text(const struct intake_changes *ch);

/* ---- correction (修改申请, correct.c) ------------------------------------ */

/* Correct a registered application: `in` is the whole application as it
 * should now stand (every party with its agents, every claim with its
 * respondents and joint liability; each claim's ord the number of the
 * case's claim it corrects, 0 for a new one, ord 0 on every claim matches
 * them by position; likewise each respondent's ord, so that a respondent
 * removed from the middle renumbers the ones after it, and the claims
 * name the respondents by their new numbers; likewise each applicant's
 * ord: an applicant removed takes his agents, his representative mark
 * and his own amounts of the claims with him (each such claim's total
 * less his amount), the ones after him are renumbered with their
 * amounts, and a new one goes to the archive and the case keeps its own
 * copy of his particulars; at least one applicant remains, and a
 * collective dispute whose representatives change keeps
 * INTAKE_MIN_ to INTAKE_MAX_REPRESENTATIVES of them).
 * A kept claim that named a removed respondent must name its respondents
 * anew (nagainst > 0), else it is refused at claims[i].against.  Checked exactly as at registration
 * (res->problems, per field).  In one transaction with the version check
 * (expect_version 0: none; a conflict sets res->conflict, changed_by and
 * changed_at, and writes nothing): each changed field is one event 'edit'
 * of the case with before and after "label：value"; the case's copy of a
 * changed party is rewritten and the archive updated with the changed
 * particulars only, with its own event; claims are replaced by the list.
 * Changing the claims of a confirmed case (cause, text, amount, whom a
 * claim is against or whether jointly) resets the confirmation (back
 * to registered, an event 'unconfirm' and a note); an accepted case keeps
 * its acceptance and deadline; a case not yet accepted gets the deadline
 * of its corrected received date.  Legal where lifecycle_check(ACT_EDIT)
 * says so.  0 on success; -1 refused (nothing changed, problems, conflict,
 * not allowed) or failed, with the message set. */
int case_correct(struct db *db, const struct config *cfg, const struct actor *who, int64_t case_id,
		 int64_t expect_version, const struct intake *in, struct intake_result *res);

/* Would correcting the case (as loaded) with `in` reset its confirmation
 * (a confirmed case whose claims change)?  What the form says before
 * saving. */
struct case_view;
int case_correct_resets(const struct case_view *cv, const struct intake *in);

/* The timeline's words for an 'edit' event (malloc'd): "请求2 金额
 * 12,000.00 → 12,500.00", "事实与理由已修改", "新增请求3：…", "删除被申请人2：…",
 * a whole applicant "增加申请人 张三", "删除申请人 李四". */
char *case_edit_text(const char *before, const char *after);

/* What the form warns about as soon as the respondent (and the claims) are
 * known. */
struct intake_warnings {
	int64_t employer_id; /* 0: not in the archive */
	int open;            /* the employer's open cases */
	int recent;          /* cases received in the last high_incidence_days */
	int high;            /* recent >= high_incidence_cases */
	struct collective_scan coll;
	int collective;      /* this application would make a collective dispute */
};
int intake_scan(struct db *db, const struct config *cfg, const struct intake *in, struct intake_warnings *w);

/* A channel keyword's name (vocab.h VOCAB_CHANNEL); NULL when unknown. */
const char *channel_name(const char *kw);
int channel_valid(const char *kw);

#endif
