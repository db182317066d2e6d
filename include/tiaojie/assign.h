/*
 * assign.h - choosing and assigning a case's mediator (SPEC section 2
 * Mediators, section 4.7): the candidates with their open caseload,
 * capacity, side of the tripartite roster, specialty match against the
 * case's claim causes and conflicts of interest; the suggested mediator;
 * assignment with an acknowledged override of a conflict; and the
 * suggestions for the whole queue of cases awaiting assignment.
 *
 * The assign screen, the command line and the tests call these; the
 * transition itself still goes through case_apply (casework.h), so the
 * role rules, the version check and the event are the same as for any
 * other transition.
 */
#ifndef TIAOJIE_ASSIGN_H
#define TIAOJIE_ASSIGN_H

#include <stdint.h>

#include "tiaojie/calendar.h"
#include "tiaojie/casework.h"
#include "tiaojie/config.h"
#include "tiaojie/db.h"
#include "tiaojie/lifecycle.h"

#define ASSIGN_OVERRIDE_MAX_CHARS 200

/* Conflicts of interest (回避事由) of one mediator for one case, as
 * Chinese sentences: "调解员所属单位即被申请人（上海某某科技有限公司）",
 * "曾承办同一申请人张三的案件 沪劳人调(2025)第00012号"; and, in the same
 * form, what the assigner is told without it being a ground for recusal:
 * "曾承办同一被申请人上海某某科技有限公司的案件 沪劳人调(2025)第00007号
 * 等3件". */
struct assign_conflicts {
	char **v;
	int n, cap;
};
void assign_conflicts_free(struct assign_conflicts *c);
/* All of them joined with "；" (malloc'd; "" when none). */
char *assign_conflicts_text(const struct assign_conflicts *c);

struct assign_candidate {
	int64_t id;
	char *name;
	char *side, *expert_kind; /* keywords; expert_kind "" unless side is expert */
	const char *side_name;    /* "工会", "专家（公益律师）", ... */
	char *affiliation;
	int capacity, open;       /* open: assigned + mediating cases */
	int matches;              /* the case's claim causes covered by a specialty */
	int current;              /* already the case's mediator */
	struct assign_conflicts conflicts;
	struct assign_conflicts notices; /* information only (曾承办同一被申请人) */
};

struct assign_candidates {
	int64_t case_id;
	char case_no[64];
	enum case_status status;
	int64_t version;
	int64_t mediator_id;      /* the case's mediator now, 0 none */
	int ncauses;              /* distinct claim causes of the case */
	struct assign_candidate *v; /* by name */
	int n;
	int suggested;            /* index into v, -1 none */
	char reason[256];         /* why that one, or why none (Chinese) */
};
void assign_candidates_free(struct assign_candidates *c);

/* The side of the roster in Chinese: union 工会, employer 企业代表组织, hrss
 * 人社部门, expert 专家（高校教师 / 法院工作人员 / 公益律师 / 其他）. */
const char *assign_side_name(const char *side, const char *expert_kind);

/* Does a specialty cover a claim cause: the same code, or the 2-digit
 * first-level code that is the cause's parent. */
int assign_specialty_matches(const char *specialty, const char *cause);

/* The conflicts of one mediator for a case (grounds for recusal) and the
 * notices (information only; info NULL: not wanted).  0 (out and info
 * filled, maybe empty), -1 on error. */
int assign_conflicts(struct db *db, int64_t case_id, int64_t mediator_id, struct assign_conflicts *out,
		     struct assign_conflicts *info);

/* The score by which a mediator is suggested: specialty against load,
 * equally weighted, matches / ncauses - open / capacity (ncauses 0 counts
 * as 1; -1 when capacity is 0).  For showing; the suggestion compares
 * the same formula exactly. */
double assign_score(int matches, int ncauses, int open, int capacity);

/* Every active mediator as a candidate for the case, with the suggestion:
 * among those within capacity (open < capacity), without a conflict and
 * not already the case's mediator, the one with the highest
 * assign_score; ties go to fewer open cases, then the name.
 * Only for whom lifecycle_check allows assigning (or reassigning) this
 * case now; cfg->clerk_may_assign decides for clerks.  0, or -1 refused
 * or failed (message set). */
int assign_candidates(struct db *db, const struct config *cfg, const struct actor *who, int64_t case_id,
		      struct assign_candidates *out);

struct assign_result {
	struct case_op_result op; /* what case_apply left */
	int conflicted;           /* the mediator has conflicts (text below) */
	int overridden;           /* ... acknowledged with a reason, note written */
	int assigned;             /* the assignment is saved (also when -1 is
				   * returned because only the note failed) */
	char conflicts[1024];     /* the conflicts, "；"-joined, may be cut short */
	char notices[1024];       /* the information, the same way ("" none) */
};

/* Assign (status accepted) or reassign (assigned, mediating) the mediator
 * through case_apply.  A mediator with conflicts is refused unless
 * override_reason (1..200 characters) acknowledges them; the override is
 * then recorded in a 'note' event of the case, "冲突已确认：<reason>
 * （<conflicts>）", written in a short transaction of its own right after
 * case_apply committed (case_apply keeps its one transaction, and the note
 * follows the assign event it explains).  A reason given for a mediator
 * without conflicts is ignored.  0 on success; -1 refused or failed with
 * the message set (res->op.field names the input at fault,
 * "override_reason" for a missing acknowledgement). */
int assign_apply(struct db *db, const struct config *cfg, const struct holidays *hol, const struct actor *who,
		 int64_t case_id, int64_t mediator_id, int64_t expect_version, const char *override_reason,
		 struct assign_result *res);

/* The queue of cases awaiting assignment (accepted), oldest acceptance
 * first, each with its suggestion; nothing is applied (that is
 * assign_apply, per case). */
struct assign_suggestion {
	int64_t case_id;
	char case_no[64];
	int64_t version;
	int64_t mediator_id;      /* 0: no suggestion */
	char *mediator_name;      /* "" when none */
	int matches, open, capacity;
	char reason[256];
};
struct assign_suggestions {
	struct assign_suggestion *v;
	int n;
};
void assign_suggestions_free(struct assign_suggestions *s);
/* 0, or -1 refused (this actor may not assign) or failed. */
int assign_suggest_all(struct db *db, const struct config *cfg, const struct actor *who,
		       struct assign_suggestions *out);

#endif
