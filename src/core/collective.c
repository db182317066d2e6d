/*
 * collective.c - a collective dispute after its registration (集体争议,
 * 调解仲裁法 §7): electing its representatives, each worker's own amount
 * of each claim, what a worker joining the case brings to its claims, and
 * the table of those amounts the case detail and `tiaojie show` print.
 * See collective.h for the rule of a claim's total (the sum of its
 * column, with the 未分列 part).
 *
 * Both acts are corrections of the application in substance: legal where
 * the lifecycle allows them (ACT_REPRESENT, ACT_SHARES, as ACT_EDIT), in
 * one BEGIN IMMEDIATE transaction that refuses a save over a newer
 * version, and a change to a confirmed case's claims undoes the
 * confirmation as case_correct does (correct.c).  The amounts' events are
 * 'edit' events with before and after "label：value", so the timeline
 * reads them as every correction ("修改申请：王五 请求1 金额 3,000.00
 * → 3,500.00"; a name two workers share has the worker's number).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/collective.h"
#include "tiaojie/intake.h"
#include "tiaojie/money.h"
#include "tiaojie/uitext.h"
#include "tiaojie/util.h"

#include "intake_internal.h"

#define REFUSED (-1)
#define FAILED (-2)
#define LABEL_SEP "："
#define RECONFIRM_NOTE "请求金额已修改，需申请人重新确认"

static int blank(const char *s)
{
	if (!s)
		return 1;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

/* ---- reading the case ----------------------------------------------------------- */

int case_claim_share(const struct cv_claim *c, int applicant, int64_t *fen)
{
	for (int j = 0; j < c->nshares; j++)
		if (c->shares[j].applicant == applicant) {
			if (fen)
				*fen = c->shares[j].amount_fen;
			return 1;
		}
	return 0;
}

int64_t case_claim_undivided(const struct cv_claim *c)
{
	int64_t u = c->amount_fen;

	for (int j = 0; j < c->nshares; j++)
		u -= c->shares[j].amount_fen;
	return u;
}

int case_shares_resets(const struct case_view *cv)
{
	return cv->status == ST_CONFIRMED;
}

/* A name as the log says it: with the applicant's number when another
 * applicant has the same name. */
static void add_name(struct strbuf *sb, const struct case_view *cv, const struct cv_party *p)
{
	int same = 0;

	for (int i = 0; i < cv->napplicants; i++)
		same += strcmp(cv->applicants[i].name, p->name) == 0;
	if (same > 1)
		sb_printf(sb, "%s（申请人%d）", p->name, p->ord);
	else
		sb_add(sb, p->name);
}

/* The label of a worker's amount in the log: "王五 请求1 金额" (the
 * brief form the timeline shows on one line). */
static void share_label(char *buf, size_t size, const struct case_view *cv, int ord, int claim_ord)
{
	struct strbuf sb;

	sb_init(&sb);
	for (int i = 0; i < cv->napplicants; i++)
		if (cv->applicants[i].ord == ord)
			add_name(&sb, cv, &cv->applicants[i]);
	if (!sb.len)
		sb_printf(&sb, "申请人%d", ord);
	snprintf(buf, size, "%s 请求%d 金额", sb.buf, claim_ord);
	sb_free(&sb);
}

char *case_representatives_text(const struct case_view *cv)
{
	struct strbuf sb;

	sb_init(&sb);
	for (int i = 0; i < cv->napplicants; i++)
		if (cv->applicants[i].representative) {
			if (sb.len)
				sb_add(&sb, "、");
			add_name(&sb, cv, &cv->applicants[i]);
		}
	return sb_detach(&sb);
}

/* ---- one act in its transaction ---------------------------------------------------- */

struct act {
	struct db *db;
	const struct config *cfg;
	const struct actor *who;
	struct collective_result *res;
	char now[20];
	struct case_view cv;
	int loaded;
};

static void conflict(struct act *t)
{
	struct collective_result *res = t->res;

	res->conflict = 1;
	snprintf(res->changed_by, sizeof res->changed_by, "%s", t->cv.updated_by ? t->cv.updated_by : "系统");
	snprintf(res->changed_at, sizeof res->changed_at, "%s", t->cv.updated_at);
	tj_error("案件已被 %s 于 %s 修改，请刷新后重新操作（您填写的内容已保留）", res->changed_by, res->changed_at);
}

/* The case as stored, in the transaction; its status and the rules. */
static int act_open(struct act *t, int64_t case_id, int64_t expect_version, enum case_action a)
{
	const char *reason;
	int found = db_case_view_load(t->db, case_id, &t->cv);

	if (found < 0)
		return FAILED;
	t->loaded = 1;
	if (!found) {
		tj_error("案件不存在");
		return REFUSED;
	}
	int s = status_from_keyword(t->cv.status_kw), p = perf_from_keyword(t->cv.perf_kw);
	if (s < 0 || p < 0) {
		tj_error("案件 %s 的状态 %s 无法识别", t->cv.case_no, t->cv.status_kw);
		return REFUSED;
	}
	t->cv.status = (enum case_status)s;
	t->res->status = t->cv.status;
	if (expect_version > 0 && expect_version != t->cv.version) {
		conflict(t);
		return REFUSED;
	}
	struct case_state cs = {.status = t->cv.status, .perf = (enum performance)p, .mediator_id = t->cv.mediator_id,
				.extended = t->cv.extended};
	if (lifecycle_check(a, &cs, t->who, &reason) < 0) {
		tj_error("%s", reason);
		return REFUSED;
	}
	return 0;
}

/* The case row after the act: version + 1 (still the version read), and
 * with reset the confirmation undone as a correction undoes it. */
static int write_case(struct db *db, const struct actor *who, const struct case_view *cv, const char *now,
		      int collective, int reset)
{
	struct case_edit e = {
		.id = cv->id,
		.version = cv->version,
		.channel = cv->channel,
		.received = cv->received,
		.facts = cv->facts,
		.collective = collective,
		.status = reset ? status_keyword(ST_REGISTERED) : cv->status_kw,
		.confirm_how = !reset && cv->confirm_how[0] ? cv->confirm_how : NULL,
		.confirmed_at = !reset && cv->confirmed_at[0] ? cv->confirmed_at : NULL,
		.deadline = cv->deadline[0] ? cv->deadline : NULL,
		.now = now,
		.user_id = who->user_id,
	};
	int found = db_case_edit(db, &e);
	if (found <= 0) {
		if (found == 0)
			tj_error("案件已被他人修改，请刷新后重新操作");
		return -1;
	}
	if (reset) {
		struct event_rec un = {.at = now, .user_id = who->user_id, .case_id = cv->id, .entity = "case",
				       .entity_id = cv->id, .action = "unconfirm", .before = cv->status_kw,
				       .after = status_keyword(ST_REGISTERED)};
		struct event_rec note = un;
		note.action = "note";
		note.before = "";
		note.after = RECONFIRM_NOTE;
		if (db_event_add(db, &un) < 0 || db_event_add(db, &note) < 0)
			return -1;
	}
	return 0;
}

static int edit_event(struct act *t, const char *label, const char *before, const char *after)
{
	char *b = before ? xasprintf("%s" LABEL_SEP "%s", label, before) : xstrdup("");
	char *a = after ? xasprintf("%s" LABEL_SEP "%s", label, after) : xstrdup("");
	struct event_rec ev = {.at = t->now, .user_id = t->who->user_id, .case_id = t->cv.id, .entity = "case",
			       .entity_id = t->cv.id, .action = action_keyword(ACT_EDIT), .before = b, .after = a};
	int rc = db_event_add(t->db, &ev);

	free(b);
	free(a);
	t->res->nchanges++;
	return rc;
}

/* Run body(t, arg) in one transaction; the message of a failure kept. */
static int act_run(struct act *t, int (*body)(struct act *, const void *), const void *arg)
{
	int rc;

	tj_now_str(t->now);
	if (db_begin(t->db) < 0)
		return -1;
	rc = body(t, arg);
	if (rc < 0) {
		char msg[1024];
		snprintf(msg, sizeof msg, "%s", tj_errmsg());
		db_rollback(t->db);
		if (rc == FAILED)
			tj_error("保存失败，未写入任何数据：%s", msg);
		else
			tj_error("%s", msg);
		t->res->new_version = 0;
		t->res->nchanges = 0;
	} else if (db_commit(t->db) < 0) {
		rc = FAILED;
	}
	if (t->loaded)
		case_view_free(&t->cv);
	return rc < 0 ? -1 : 0;
}

static int is_collective(const struct act *t)
{
	return t->cv.collective || t->cv.napplicants >= t->cfg->collective_threshold;
}

/* ---- electing the representatives ------------------------------------------------- */

struct represent_arg {
	int64_t case_id, expect_version;
	const int *ords;
	int n;
};

static int represent_body(struct act *t, const void *p)
{
	const struct represent_arg *a = p;
	struct collective_result *res = t->res;
	int rc = act_open(t, a->case_id, a->expect_version, ACT_REPRESENT);

	if (rc < 0)
		return rc;
	snprintf(res->field, sizeof res->field, "representatives");
	if (t->cv.napplicants < t->cfg->collective_threshold) {
		tj_error("申请人不足%d名，不是集体争议，无须推举代表", t->cfg->collective_threshold);
		return REFUSED;
	}
	if (a->n < INTAKE_MIN_REPRESENTATIVES || a->n > INTAKE_MAX_REPRESENTATIVES) {
		tj_error("集体争议须推举%d至%d名代表，现选了%d名", INTAKE_MIN_REPRESENTATIVES, INTAKE_MAX_REPRESENTATIVES,
			 a->n);
		return REFUSED;
	}
	for (int i = 0; i < a->n; i++) {
		if (a->ords[i] < 1 || a->ords[i] > t->cv.napplicants) {
			tj_error("申请人%d不存在（共%d名申请人）", a->ords[i], t->cv.napplicants);
			return REFUSED;
		}
		for (int j = 0; j < i; j++)
			if (a->ords[j] == a->ords[i]) {
				tj_error("申请人%d重复", a->ords[i]);
				return REFUSED;
			}
	}
	char *before = case_representatives_text(&t->cv);
	int changed = 0;
	for (int i = 0; i < t->cv.napplicants; i++) {
		struct cv_party *ap = &t->cv.applicants[i];
		int want = 0;
		for (int j = 0; j < a->n; j++)
			want |= a->ords[j] == ap->ord;
		if (want == (ap->representative != 0))
			continue;
		changed = 1;
		ap->representative = want;
		if (db_case_representative_set(t->db, t->cv.id, ap->ord, want) < 0) {
			free(before);
			return FAILED;
		}
	}
	if (!changed) {
		free(before);
		tj_error("代表没有变化，未作修改");
		return REFUSED;
	}
	char *after = case_representatives_text(&t->cv);
	struct event_rec ev = {.at = t->now, .user_id = t->who->user_id, .case_id = t->cv.id, .entity = "case",
			       .entity_id = t->cv.id, .action = action_keyword(ACT_REPRESENT), .before = before,
			       .after = after};
	rc = db_event_add(t->db, &ev) < 0 || write_case(t->db, t->who, &t->cv, t->now, 1, 0) < 0 ? FAILED : 0;
	free(before);
	free(after);
	if (rc < 0)
		return rc;
	res->field[0] = '\0';
	res->nchanges = 1;
	res->new_version = t->cv.version + 1;
	return 0;
}

int case_represent(struct db *db, const struct config *cfg, const struct actor *who, int64_t case_id,
		   int64_t expect_version, const int *ords, int n, struct collective_result *res)
{
	struct act t = {.db = db, .cfg = cfg, .who = who, .res = res};
	struct represent_arg a = {case_id, expect_version, ords, n};

	memset(res, 0, sizeof *res);
	return act_run(&t, represent_body, &a);
}

/* ---- a worker's own amount ---------------------------------------------------------- */

struct share_arg {
	int64_t case_id, expect_version;
	int claim_ord, applicant, from_undivided;
	const char *amount;
};

static int share_body(struct act *t, const void *p)
{
	const struct share_arg *a = p;
	struct collective_result *res = t->res;
	char label[160], o[32], n[32];
	const char *reason;
	int rc = act_open(t, a->case_id, a->expect_version, ACT_SHARES);

	if (rc < 0)
		return rc;
	if (!is_collective(t)) {
		tj_error("本案不是集体争议，没有各申请人金额");
		return REFUSED;
	}
	const struct cv_claim *c = NULL;
	for (int i = 0; i < t->cv.nclaims; i++)
		if (t->cv.claims[i].ord == a->claim_ord)
			c = &t->cv.claims[i];
	if (!c) {
		tj_error("本案没有第%d项请求", a->claim_ord);
		return REFUSED;
	}
	if (a->applicant < 0 || a->applicant > t->cv.napplicants) {
		tj_error("申请人%d不存在（共%d名申请人）", a->applicant, t->cv.napplicants);
		return REFUSED;
	}
	snprintf(res->field, sizeof res->field, "amount");
	int64_t fen = -1; /* -1: none */
	if (!blank(a->amount) && money_parse(a->amount, &fen, &reason) < 0) {
		tj_error("金额%s", reason);
		return REFUSED;
	}
	int64_t old = -1, undivided = case_claim_undivided(c), total = c->amount_fen, new_undivided = undivided;
	case_claim_share(c, a->applicant, &old);
	if (a->applicant == SHARE_UNDIVIDED) {
		new_undivided = fen < 0 ? 0 : fen;
		total = c->amount_fen - undivided + new_undivided;
	} else {
		int64_t delta = (fen < 0 ? 0 : fen) - (old < 0 ? 0 : old);
		if (a->from_undivided) {
			new_undivided = undivided - delta;
			if (new_undivided < 0) {
				tj_error("请求%d的未分列金额只有 %s 元，不足以计入 %s 元", c->ord,
					 money_format(undivided, o, sizeof o), money_format(delta, n, sizeof n));
				return REFUSED;
			}
		} else {
			total += delta;
		}
	}
	if (total > MONEY_MAX_FEN || total < 0) {
		tj_error("请求%d的合计金额超出范围", c->ord);
		return REFUSED;
	}
	int cell_changed = a->applicant == SHARE_UNDIVIDED ? new_undivided != undivided : old != fen;
	if (!cell_changed) {
		tj_error("金额没有变化，未作修改");
		return REFUSED;
	}
	res->field[0] = '\0';

	/* the stored values, then an event for each one changed */
	if (a->applicant != SHARE_UNDIVIDED && db_claim_share_put(t->db, t->cv.id, c->ord, a->applicant, fen) < 0)
		return FAILED;
	if (total != c->amount_fen && db_claim_amount_set(t->db, t->cv.id, c->ord, total) < 0)
		return FAILED;
	if (a->applicant != SHARE_UNDIVIDED) {
		share_label(label, sizeof label, &t->cv, a->applicant, c->ord);
		if (edit_event(t, label, old < 0 ? NULL : money_format(old, o, sizeof o),
			       fen < 0 ? NULL : money_format(fen, n, sizeof n)) < 0)
			return FAILED;
	}
	if (new_undivided != undivided) {
		snprintf(label, sizeof label, "请求%d 未分列金额", c->ord);
		if (edit_event(t, label, money_format(undivided, o, sizeof o),
			       money_format(new_undivided, n, sizeof n)) < 0)
			return FAILED;
	}
	if (total != c->amount_fen) {
		snprintf(label, sizeof label, "请求%d 金额", c->ord);
		if (edit_event(t, label, money_format(c->amount_fen, o, sizeof o), money_format(total, n, sizeof n)) < 0)
			return FAILED;
	}
	res->reconfirm = case_shares_resets(&t->cv);
	if (write_case(t->db, t->who, &t->cv, t->now, 1, res->reconfirm) < 0)
		return FAILED;
	res->status = res->reconfirm ? ST_REGISTERED : t->cv.status;
	res->new_version = t->cv.version + 1;
	return 0;
}

int case_share_set(struct db *db, const struct config *cfg, const struct actor *who, int64_t case_id,
		   int64_t expect_version, int claim_ord, int applicant, const char *amount, int from_undivided,
		   struct collective_result *res)
{
	struct act t = {.db = db, .cfg = cfg, .who = who, .res = res};
	struct share_arg a = {case_id, expect_version, claim_ord, applicant, from_undivided, amount};

	memset(res, 0, sizeof *res);
	return act_run(&t, share_body, &a);
}

/* ---- workers joining the case (intake_join) -------------------------------------------------
 *
 * The rule a clerk expects when a worker joins a collective case at the
 * window: the worker takes part in the case's claims, not in claims of
 * his own.  Each of his claims goes to the case's claim of the same cause
 * (in order, when the case has two of one cause); his amount of it
 * becomes his own amount there (claim_shares) and the claim's total grows
 * by it - the total is the sum of its column, and the earlier workers'
 * amounts, divided or not, stay as they were.  A claim that asks for no
 * money (确认劳动关系, ...) only joins.  Several workers joining at once
 * with per-worker amounts each take theirs; without them their amount
 * goes to the claim's 未分列 part.  A claim of a cause the case does not
 * have is not added: the case is one dispute, and that claim is the
 * worker's own application - the form says so before the join
 * (collective_join_preview) and he registers it separately.  A confirmed
 * case whose totals change is confirmed again, as after a correction.
 * Joining is its own act (ACT_JOIN: a clerk's while the case is open);
 * the worker's amounts come with him and need no ACT_SHARES. */

/* For each claim of the application, the case's claim it goes to (its
 * number), 0 none. */
static void match_claims(const struct case_view *cv, const struct intake *in, int *match)
{
	int *used = xcalloc((size_t)cv->nclaims + 1, sizeof *used);

	for (int i = 0; i < in->nclaims; i++) {
		match[i] = 0;
		for (int k = 0; k < cv->nclaims && !match[i]; k++)
			if (!used[k] && in->claims[i].cause && strcmp(cv->claims[k].cause, in->claims[i].cause) == 0) {
				used[k] = 1;
				match[i] = cv->claims[k].ord;
			}
	}
	free(used);
}

static const struct cv_claim *claim_of(const struct case_view *cv, int ord)
{
	for (int k = 0; k < cv->nclaims; k++)
		if (cv->claims[k].ord == ord)
			return &cv->claims[k];
	return NULL;
}

/* Claim i's amount of the joining applicant j (0-based), -1 when given
 * only for them together (several without per-worker amounts). */
static int64_t joiner_amount(const struct intake *in, int i, int j)
{
	const struct intake_claim *ic = &in->claims[i];
	int64_t fen = 0;
	const char *reason;

	if (ic->nshares > 0 && ic->shares) {
		for (int s = 0; s < ic->nshares; s++)
			if (ic->shares[s].applicant == j + 1)
				return blank(ic->shares[s].amount) || money_parse(ic->shares[s].amount, &fen, &reason) < 0
					       ? 0
					       : fen;
		return 0;
	}
	if (in->napplicants > 1)
		return -1;
	fen = intake_claim_total(ic);
	return fen < 0 ? 0 : fen;
}

char *collective_join_preview(struct db *db, const struct actor *who, int64_t case_id, const struct intake *in)
{
	struct case_view cv;
	struct strbuf sb;
	char a[32], b[32], c[32];

	if (in->nclaims <= 0 || case_load(db, who, case_id, &cv) <= 0)
		return NULL;
	int *match = xcalloc((size_t)in->nclaims + 1, sizeof *match), changes = 0;
	int64_t *added = xcalloc((size_t)cv.nclaims + 1, sizeof *added);
	match_claims(&cv, in, match);
	sb_init(&sb);
	for (int i = 0; i < in->nclaims; i++) {
		const struct intake_claim *ic = &in->claims[i];
		int64_t fen = intake_claim_total(ic);
		const struct cv_claim *k = claim_of(&cv, match[i]);
		if (!k) {
			sb_printf(&sb, "请求%d [%s] %s 元：该案件没有此案由的请求，加入后不计入该案件；如需主张，请另行登记\n",
				  i + 1, ic->cause ? ic->cause : "", money_format(fen < 0 ? 0 : fen, a, sizeof a));
			continue;
		}
		if (fen <= 0) {
			sb_printf(&sb, "请求%d [%s %s]：并入该案请求%d\n", i + 1, k->cause, k->cause_name, k->ord);
			continue;
		}
		int64_t before = k->amount_fen + added[k - cv.claims];
		added[k - cv.claims] += fen;
		changes = 1;
		sb_printf(&sb, "请求%d [%s %s] %s 元：计入该案请求%d，合计 %s → %s 元\n", i + 1, k->cause, k->cause_name,
			  money_format(fen, a, sizeof a), k->ord, money_format(before, b, sizeof b),
			  money_format(before + fen, c, sizeof c));
	}
	if (changes && case_shares_resets(&cv))
		sb_add(&sb, "该案件的请求金额将改变，申请人须重新确认请求\n");
	free(match);
	free(added);
	case_view_free(&cv);
	if (sb.len && sb.buf[sb.len - 1] == '\n')
		sb.buf[--sb.len] = '\0';
	return sb_detach(&sb);
}

int collective_join_claims(struct db *db, const struct config *cfg, const struct actor *who, int64_t case_id,
			   const struct intake *in, const int *ords, const char *now, int collective, int *wrote)
{
	struct collective_result res;
	struct act t = {.db = db, .cfg = cfg, .who = who, .res = &res};
	char label[160], o[32], n[32];
	int rc = 0;

	memset(&res, 0, sizeof res);
	*wrote = 0;
	snprintf(t.now, sizeof t.now, "%s", now);
	if (in->nclaims <= 0)
		return 0;
	for (int i = 0; i < in->nclaims; i++)
		if (intake_claim_total(&in->claims[i]) < 0) {
			tj_error("第%d项请求的金额有误", i + 1);
			return -1;
		}
	int found = db_case_view_load(db, case_id, &t.cv);
	if (found <= 0) {
		if (found == 0)
			tj_error("案件不存在");
		case_view_free(&t.cv);
		return -1;
	}
	int s = status_from_keyword(t.cv.status_kw);
	t.cv.status = s < 0 ? ST_REGISTERED : (enum case_status)s;
	int *match = xcalloc((size_t)in->nclaims + 1, sizeof *match);
	int64_t *total = xcalloc((size_t)t.cv.nclaims + 1, sizeof *total);
	for (int k = 0; k < t.cv.nclaims; k++)
		total[k] = t.cv.claims[k].amount_fen;
	match_claims(&t.cv, in, match);
	for (int i = 0; i < in->nclaims && rc == 0; i++) {
		const struct cv_claim *k = claim_of(&t.cv, match[i]);
		if (!k)
			continue;
		int64_t *tot = &total[k - t.cv.claims];
		for (int j = 0; j < in->napplicants && rc == 0; j++) {
			int64_t fen = joiner_amount(in, i, j);
			if (fen < 0) { /* for them together: the 未分列 part, once */
				if (j == 0)
					*tot += intake_claim_total(&in->claims[i]);
				continue;
			}
			if (fen == 0)
				continue;
			*tot += fen;
			share_label(label, sizeof label, &t.cv, ords[j], k->ord);
			if (db_claim_share_put(db, case_id, k->ord, ords[j], fen) < 0 ||
			    edit_event(&t, label, NULL, money_format(fen, n, sizeof n)) < 0)
				rc = -1;
		}
	}
	for (int k = 0; k < t.cv.nclaims && rc == 0; k++) {
		const struct cv_claim *c = &t.cv.claims[k];
		if (total[k] == c->amount_fen)
			continue;
		if (total[k] > MONEY_MAX_FEN) {
			tj_error("请求%d的合计金额超出范围", c->ord);
			rc = -1;
			break;
		}
		snprintf(label, sizeof label, "请求%d 金额", c->ord);
		if (db_claim_amount_set(db, case_id, c->ord, total[k]) < 0 ||
		    edit_event(&t, label, money_format(c->amount_fen, o, sizeof o), money_format(total[k], n, sizeof n)) < 0)
			rc = -1;
		else
			*wrote = 1;
	}
	/* the case row: the joining itself touches it (intake_join); a
	 * confirmation undone is written here instead */
	if (rc == 0 && *wrote && case_shares_resets(&t.cv)) {
		if (write_case(db, who, &t.cv, now, collective, 1) < 0)
			rc = -1;
		else
			*wrote = 2;
	}
	free(match);
	free(total);
	case_view_free(&t.cv);
	return rc;
}

/* ---- the table ---------------------------------------------------------------------------- */

static void right(struct strbuf *sb, const char *s, int w)
{
	int pad = w - tw_width(s);

	for (int i = 0; i < pad; i++)
		sb_addc(sb, ' ');
	sb_add(sb, s);
}

/* One row of a group of claims [from, to): lead (already padded), the
 * cells, and the total when last. */
static void table_row(struct strbuf *out, const char *lead, const char *const *cells, int from, int to, int cw,
		      const char *total, int tw, int width)
{
	struct strbuf sb;

	sb_init(&sb);
	sb_add(&sb, lead);
	for (int k = from; k < to; k++) {
		sb_addc(&sb, ' ');
		right(&sb, cells[k], cw);
	}
	if (total) {
		sb_addc(&sb, ' ');
		right(&sb, total, tw);
	}
	while (sb.len && sb.buf[sb.len - 1] == ' ')
		sb.buf[--sb.len] = '\0';
	struct strbuf cut;
	sb_init(&cut);
	tw_pad(&cut, sb.buf, width < tw_width(sb.buf) ? width : tw_width(sb.buf));
	sb_add(out, cut.buf);
	sb_addc(out, '\n');
	sb_free(&cut);
	sb_free(&sb);
}

void case_shares_table(const struct case_view *cv, int width, struct strbuf *out)
{
	int nc = cv->nclaims, na = cv->napplicants;
	char amt[32];

	if (!cv->collective || nc == 0 || na == 0)
		return;
	/* nothing divided yet: a row of dashes for every worker says less
	 * than this */
	int divided = 0;
	for (int k = 0; k < nc; k++)
		divided |= cv->claims[k].nshares > 0;
	if (!divided) {
		sb_add(out, "  尚未分列各申请人的金额（请求金额为全体申请人合计）\n");
		return;
	}
	/* the cells as text; cw the widest of them, at least "请求99" */
	int rows = na + 2; /* the workers, 未分列, 合计 */
	char ***cell = xcalloc((size_t)rows, sizeof *cell);
	char **rowtotal = xcalloc((size_t)rows, sizeof *rowtotal);
	int64_t *rsum = xcalloc((size_t)rows, sizeof *rsum);
	int cw = 8, tw = 4, any_undivided = 0, namew = 6;
	for (int r = 0; r < rows; r++)
		cell[r] = xcalloc((size_t)nc, sizeof *cell[r]);
	for (int k = 0; k < nc; k++) {
		const struct cv_claim *c = &cv->claims[k];
		for (int r = 0; r < na; r++) {
			int64_t fen;
			if (case_claim_share(c, cv->applicants[r].ord, &fen)) {
				cell[r][k] = xstrdup(money_format(fen, amt, sizeof amt));
				rsum[r] += fen;
			} else {
				cell[r][k] = xstrdup("-");
			}
		}
		int64_t u = case_claim_undivided(c);
		any_undivided |= u != 0;
		cell[na][k] = xstrdup(u ? money_format(u, amt, sizeof amt) : "-");
		rsum[na] += u;
		cell[na + 1][k] = xstrdup(money_format(c->amount_fen, amt, sizeof amt));
		rsum[na + 1] += c->amount_fen;
		for (int r = 0; r < rows; r++)
			if (tw_width(cell[r][k]) > cw)
				cw = tw_width(cell[r][k]);
	}
	for (int r = 0; r < rows; r++) {
		int none = r == na ? !rsum[r] : 0; /* a worker without an amount of his own */
		for (int k = 0; r < na && k < nc; k++)
			none = k == 0 ? !case_claim_share(&cv->claims[k], cv->applicants[r].ord, NULL)
				      : none && !case_claim_share(&cv->claims[k], cv->applicants[r].ord, NULL);
		rowtotal[r] = xstrdup(none ? "-" : money_format(rsum[r], amt, sizeof amt));
		if (tw_width(rowtotal[r]) > tw)
			tw = tw_width(rowtotal[r]);
	}
	for (int r = 0; r < na; r++) {
		int w = tw_width(cv->applicants[r].name);
		if (w > namew)
			namew = w;
	}
	if (namew > 12)
		namew = 12;
	int leadw = 4 + namew + 5; /* " 12 " name " 代表" */
	char **heads = xcalloc((size_t)nc, sizeof *heads);
	for (int k = 0; k < nc; k++)
		heads[k] = xasprintf("请求%d", cv->claims[k].ord);

	for (int from = 0; from < nc;) {
		int to = from, used = leadw;
		while (to < nc && (to == from || used + 1 + cw <= width))
			used += 1 + cw, to++;
		/* the total column with the last group, when it fits */
		int last = to == nc && used + 1 + tw <= width;
		if (to == nc && !last && to - from > 1)
			to--;
		last = to == nc;
		struct strbuf lead;
		sb_init(&lead);
		tw_pad(&lead, "  序 申请人", leadw);
		table_row(out, lead.buf, (const char *const *)heads, from, to, cw, last ? "合计" : NULL, tw, width);
		for (int r = 0; r < rows; r++) {
			if (r == na && !any_undivided)
				continue;
			sb_free(&lead);
			sb_init(&lead);
			if (r < na) {
				char num[16];
				snprintf(num, sizeof num, "%3d ", cv->applicants[r].ord);
				sb_add(&lead, num);
				tw_pad(&lead, cv->applicants[r].name, namew);
				sb_add(&lead, cv->applicants[r].representative ? " 代表" : "     ");
			} else {
				tw_pad(&lead, r == na ? "     未分列" : "     合计", leadw);
			}
			table_row(out, lead.buf, (const char *const *)cell[r], from, to, cw, last ? rowtotal[r] : NULL, tw,
				  width);
		}
		sb_free(&lead);
		from = to;
	}
	for (int r = 0; r < rows; r++) {
		for (int k = 0; k < nc; k++)
			free(cell[r][k]);
		free(cell[r]);
		free(rowtotal[r]);
	}
	for (int k = 0; k < nc; k++)
		free(heads[k]);
	free(heads);
	free(cell);
	free(rowtotal);
	free(rsum);
}
