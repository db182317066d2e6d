/*
 * collective.h - a collective dispute (集体争议, 调解仲裁法 §7) after its
 * registration: the workers' elected representatives (2 to 5, marked on
 * the applicants) and each worker's own amount of each claim, with the
 * claim's total kept as the sum.  The case detail and its table screen,
 * `tiaojie show` and joining a case at the window (intake_join) all come
 * here; the rules are decided here and nowhere else.
 *
 * A claim's amount (its total) is the sum of its column in the table:
 * each worker's own amount (claim_shares) plus the part not divided among
 * the workers (未分列): what a case registered with one amount for all
 * its workers claims, until the clerk divides it.  A claim with no
 * per-worker amounts is all 未分列; one whose workers' amounts are all
 * known has none.
 */
#ifndef TIAOJIE_COLLECTIVE_H
#define TIAOJIE_COLLECTIVE_H

#include <stdint.h>

#include "tiaojie/casework.h"
#include "tiaojie/config.h"
#include "tiaojie/db.h"
#include "tiaojie/intake.h"
#include "tiaojie/lifecycle.h"

struct strbuf;

struct collective_result {
	int64_t new_version;
	enum case_status status; /* the case's status after it */
	int conflict;            /* the case changed since the version the user saw */
	char changed_by[64], changed_at[20];
	char field[32];          /* the input that was wrong: "representatives", "amount" */
	int reconfirm;           /* the confirmation was reset: the applicant confirms again */
	int nchanges;            /* events written for the changed values */
};

/* Elect the representatives of a collective dispute: exactly the
 * applicants numbered ords[0..n-1] (1-based) are marked, the others not.
 * Legal where lifecycle_check(ACT_REPRESENT) says so, on a case of at
 * least cfg->collective_threshold applicants, with INTAKE_MIN_ to
 * INTAKE_MAX_REPRESENTATIVES of them, each once.  One transaction with
 * the version check (expect_version 0: none) and one event 'represent',
 * before and after the names ("张三、李四").  0, or -1 with a Chinese
 * message set (res->field, res->conflict). */
int case_represent(struct db *db, const struct config *cfg, const struct actor *who, int64_t case_id,
		   int64_t expect_version, const int *ords, int n, struct collective_result *res);

/* The row of the table that is not a worker: a claim's 未分列 part. */
#define SHARE_UNDIVIDED 0

/* Set one cell of the table: applicant's (1-based; SHARE_UNDIVIDED: the
 * 未分列 part) own amount of claim claim_ord, as typed; blank: the worker
 * has no amount of his own in the claim (or nothing is left undivided).
 * The claim's total follows: it changes by the difference, except with
 * from_undivided, where the difference is taken from (or given back to)
 * the 未分列 part and the total stays - a worker whose amount was in the
 * amount registered for all of them.  Legal where lifecycle_check
 * (ACT_SHARES) says so, on a collective case.  One transaction with the
 * version check and an event 'edit' (修改申请) for each value changed:
 * "王五 请求1 金额：3,000.00" -> "…：3,500.00", the 未分列 part
 * and the claim's total; like a correction, a change to a confirmed
 * case's claims resets the confirmation (back to registered, 'unconfirm'
 * and a note).  0, or -1 with a Chinese message set. */
int case_share_set(struct db *db, const struct config *cfg, const struct actor *who, int64_t case_id,
		   int64_t expect_version, int claim_ord, int applicant, const char *amount, int from_undivided,
		   struct collective_result *res);

/* Would changing the per-worker amounts reset the case's confirmation
 * (it is confirmed)?  What the screen says before saving. */
int case_shares_resets(const struct case_view *cv);

/* A worker's own amount of a claim: 1 and *fen, 0 none. */
int case_claim_share(const struct cv_claim *c, int applicant, int64_t *fen);
/* The claim's 未分列 part: its total less the workers' own amounts. */
int64_t case_claim_undivided(const struct cv_claim *c);

/* The representatives' names, "张三、李四" (malloc'd; "" none). */
char *case_representatives_text(const struct case_view *cv);

/* What joining the collective case would do with the claims of the
 * joining application `in` (intake_join; the rule is in collective.c):
 * a line for each claim - the case's claim it goes to and that claim's
 * total before and after, or that it is not added, being of a cause the
 * case does not have - and that the applicants must confirm again.
 * malloc'd; NULL when there is nothing to say or the case cannot be
 * read. */
char *collective_join_preview(struct db *db, const struct actor *who, int64_t case_id, const struct intake *in);

/* The table of each worker's own amounts (worker x claim, a total for
 * each worker and each claim, the 未分列 row where a claim has such a
 * part) as lines of at most width columns, each ending in '\n', the
 * claims in groups that fit the width.  Appended to out; nothing for a
 * case that is not collective. */
void case_shares_table(const struct case_view *cv, int width, struct strbuf *out);

#endif
