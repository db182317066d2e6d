/*
 * assign.c - choosing and assigning a case's mediator (assign.h): the
 * candidates for a case, the suggestion, the conflict-of-interest check,
 * assignment with an acknowledged override, and the suggestions for the
 * queue of cases awaiting assignment.
 *
 * Everything here is policy over facts read through src/db/assign.c: a
 * specialty covers a claim cause when it is the same code or the cause's
 * first-level parent; a conflict is a mediator whose affiliation is the
 * respondent (credit code, else name) or who handled another case of the
 * same applicant (another case against the same respondent is only shown
 * to the assigner); the suggestion is the best score of specialty against
 * load (see better()) among the mediators within capacity and without
 * conflicts.  Who may
 * assign is not decided here: lifecycle_check answers, with the clerks'
 * permission taken from the configuration.
 *
 * The transition itself is case_apply's (one transaction, version check,
 * the assign/reassign event with old and new mediator).  An override of a
 * conflict is recorded afterwards in a 'note' event of its own short
 * transaction: case_apply is the one door for transitions and is not
 * widened for this, and a note that follows the event it explains is
 * exactly how case_apply itself annotates its events.  The price is a
 * narrow window in which the assignment is saved and the note not yet:
 * if writing the note fails, assign_apply says so (res->assigned is set).
 */
#include "tiaojie/assign.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tiaojie/util.h"
#include "tiaojie/vocab.h"

/* ---- names and matching ------------------------------------------------------ */

const char *assign_side_name(const char *side, const char *expert_kind)
{
	const char *name;

	if (!side)
		return "";
	if (strcmp(side, "expert") == 0 &&
	    (name = vocab_long_label_at(VOCAB_EXPERT, vocab_index(VOCAB_EXPERT, expert_kind))))
		return name; /* 专家（高校教师）; of no known kind just 专家 */
	name = vocab_label(VOCAB_SIDE, side);
	return name ? name : side;
}

int assign_specialty_matches(const char *specialty, const char *cause)
{
	if (!specialty || !cause || !*specialty)
		return 0;
	if (strcmp(specialty, cause) == 0)
		return 1;
	return strlen(specialty) == 2 && strlen(cause) == 4 && strncmp(specialty, cause, 2) == 0;
}

/* How many of the comma-separated causes some comma-separated specialty
 * covers. */
static int count_matches(const char *specialties, const char *causes)
{
	char spec[16], cause[16];
	int n = 0;

	for (const char *c = causes; c && *c;) {
		size_t cl = strcspn(c, ",");
		if (cl > 0 && cl < sizeof cause) {
			memcpy(cause, c, cl);
			cause[cl] = '\0';
			for (const char *s = specialties; s && *s;) {
				size_t sl = strcspn(s, ",");
				if (sl > 0 && sl < sizeof spec) {
					memcpy(spec, s, sl);
					spec[sl] = '\0';
					if (assign_specialty_matches(spec, cause)) {
						n++;
						break;
					}
				}
				s += sl;
				if (*s == ',')
					s++;
			}
		}
		c += cl;
		if (*c == ',')
			c++;
	}
	return n;
}

static int count_list(const char *list)
{
	int n = 0;

	if (!list || !*list)
		return 0;
	for (n = 1; *list; list++)
		if (*list == ',')
			n++;
	return n;
}

/* The next character of an organisation's name for comparing: spaces are
 * skipped and full-width brackets read as ASCII ones, since people type
 * "上海某某（集团）有限公司" both ways.  0 at the end. */
static int name_next(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;

	for (;;) {
		if (*s == ' ' || *s == '\t') {
			s++;
		} else if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) { /* ideographic space */
			s += 3;
		} else {
			break;
		}
	}
	if (!*s) {
		*p = (const char *)s;
		return 0;
	}
	if (s[0] == 0xEF && s[1] == 0xBC && (s[2] == 0x88 || s[2] == 0x89)) {
		*p = (const char *)s + 3;
		return s[2] == 0x88 ? '(' : ')';
	}
	*p = (const char *)s + 1;
	return *s;
}

static int same_name(const char *a, const char *b)
{
	int ca, cb, any = 0;

	if (!a || !b)
		return 0;
	do {
		ca = name_next(&a);
		cb = name_next(&b);
		if (ca != cb)
			return 0;
		any |= ca;
	} while (ca);
	return any != 0; /* two blank names are no match */
}

/* ---- conflicts ------------------------------------------------------------------ */

void assign_conflicts_free(struct assign_conflicts *c)
{
	for (int i = 0; i < c->n; i++)
		free(c->v[i]);
	free(c->v);
	memset(c, 0, sizeof *c);
}

char *assign_conflicts_text(const struct assign_conflicts *c)
{
	struct strbuf sb;

	sb_init(&sb);
	for (int i = 0; i < c->n; i++) {
		if (i)
			sb_add(&sb, "；");
		sb_add(&sb, c->v[i]);
	}
	return sb.buf ? sb_detach(&sb) : xstrdup("");
}

static void conflict_add(struct assign_conflicts *c, char *text)
{
	c->v = xgrow(c->v, c->n, &c->cap, sizeof *c->v);
	c->v[c->n++] = text;
}

/* The conflicts of one mediator, from the case's parties and the history
 * rows (only those of this mediator are looked at), and what the assigner
 * should know without it being a ground for recusal (info, NULL: not
 * wanted).
 *
 * Grounds (out): the mediator's affiliation is the respondent; the
 * mediator handled another case of the same applicant.  Information
 * (info): the mediator handled other cases against the same respondent -
 * a high-incidence employer has cases with most of the roster, and having
 * mediated a dispute with an employer is no tie to it. */
static void find_conflicts(const struct assign_roster_row *m, const struct assign_parties *parties,
			   const struct assign_history *hist, struct assign_conflicts *out,
			   struct assign_conflicts *info)
{
	for (int i = 0; i < parties->n; i++) {
		const struct assign_party *p = &parties->v[i];
		if (!p->respondent)
			continue;
		int by_code = *m->affiliation_uscc && *p->uscc && strcasecmp(m->affiliation_uscc, p->uscc) == 0;
		if (by_code || same_name(m->affiliation, p->name))
			conflict_add(out, xasprintf("调解员所属单位即被申请人（%s）", p->name));
	}
	for (int i = 0; i < hist->n; i++) {
		const struct assign_prior *h = &hist->v[i];
		if (h->mediator_id != m->id)
			continue;
		if (!h->respondent) {
			conflict_add(out, xasprintf("曾承办同一申请人%s的案件 %s", h->party, h->case_no));
			continue;
		}
		/* one line per respondent: the first case and how many */
		int seen = 0, n = 0;
		for (int j = 0; j < hist->n && !seen; j++) {
			const struct assign_prior *o = &hist->v[j];
			if (o->mediator_id == m->id && o->respondent && strcmp(o->party, h->party) == 0) {
				if (j < i)
					seen = 1;
				else
					n++;
			}
		}
		if (seen || !info)
			continue;
		if (n > 1)
			conflict_add(info, xasprintf("曾承办同一被申请人%s的案件 %s 等%d件", h->party, h->case_no, n));
		else
			conflict_add(info, xasprintf("曾承办同一被申请人%s的案件 %s", h->party, h->case_no));
	}
}

int assign_conflicts(struct db *db, int64_t case_id, int64_t mediator_id, struct assign_conflicts *out,
		     struct assign_conflicts *info)
{
	struct assign_roster roster;
	struct assign_parties parties;
	struct assign_history hist;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (info)
		memset(info, 0, sizeof *info);
	memset(&parties, 0, sizeof parties);
	memset(&hist, 0, sizeof hist);
	if (db_assign_roster(db, mediator_id, &roster) < 0)
		return -1;
	if (roster.n == 0) {
		rc = 0; /* no such mediator: nothing to be in conflict with */
		goto out;
	}
	if (db_assign_case_parties(db, case_id, &parties) < 0 ||
	    db_assign_history(db, case_id, mediator_id, &hist) < 0)
		goto out;
	find_conflicts(&roster.v[0], &parties, &hist, out, info);
	rc = 0;
out:
	assign_roster_free(&roster);
	assign_parties_free(&parties);
	assign_history_free(&hist);
	return rc;
}

/* ---- who may ------------------------------------------------------------------- */

/* The actor as the rules see them: whether clerks may assign is the
 * configuration's to say. */
static struct actor effective(const struct actor *who, const struct config *cfg)
{
	struct actor a = *who;

	a.clerk_may_assign = cfg->clerk_may_assign;
	return a;
}

/* The stored case and the action that gives it a mediator now (assign when
 * it has none, else reassign), checked with lifecycle.  1 allowed, 0 no
 * such case, -1 refused or failed (message set). */
static int may_assign(struct db *db, const struct config *cfg, const struct actor *who, int64_t case_id,
		      struct case_state_row *row, enum case_status *st, enum case_action *act)
{
	const char *reason;
	int found = db_case_state(db, case_id, row);

	if (found <= 0)
		return found;
	int s = status_from_keyword(row->status), p = perf_from_keyword(row->performance);
	if (s < 0 || p < 0) {
		tj_error("案件 %s 的状态 %s 无法识别", row->case_no, row->status);
		return -1;
	}
	*st = (enum case_status)s;
	*act = *st == ST_ASSIGNED || *st == ST_MEDIATING ? ACT_REASSIGN : ACT_ASSIGN;
	struct case_state cs = {.status = *st, .perf = (enum performance)p, .mediator_id = row->mediator_id,
				.extended = row->extended};
	struct actor a = effective(who, cfg);
	if (lifecycle_check(*act, &cs, &a, &reason) < 0) {
		tj_error("%s", reason);
		return -1;
	}
	return 1;
}

/* ---- candidates and the suggestion ------------------------------------------------ */

void assign_candidates_free(struct assign_candidates *c)
{
	for (int i = 0; i < c->n; i++) {
		struct assign_candidate *k = &c->v[i];
		free(k->name);
		free(k->side);
		free(k->expert_kind);
		free(k->affiliation);
		assign_conflicts_free(&k->conflicts);
		assign_conflicts_free(&k->notices);
	}
	free(c->v);
	memset(c, 0, sizeof *c);
	c->suggested = -1;
}

/* Load that earlier suggestions of a batch put on a mediator. */
struct extra_load {
	int64_t *id;
	int *n;
	int len, cap;
};

static int extra_of(const struct extra_load *x, int64_t id)
{
	for (int i = 0; x && i < x->len; i++)
		if (x->id[i] == id)
			return x->n[i];
	return 0;
}

static void extra_add(struct extra_load *x, int64_t id)
{
	for (int i = 0; i < x->len; i++)
		if (x->id[i] == id) {
			x->n[i]++;
			return;
		}
	if (x->len == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 8;
		x->id = xrealloc(x->id, (size_t)x->cap * sizeof *x->id);
		x->n = xrealloc(x->n, (size_t)x->cap * sizeof *x->n);
	}
	x->id[x->len] = id;
	x->n[x->len++] = 1;
}

/* The suggestion weighs specialty against load, equally:
 *
 *     score = matches / causes - open / capacity
 *
 * matches: the case's distinct claim causes the mediator's specialties
 * cover; causes: how many distinct causes the case has (a case without
 * claims counts as one cause nobody covers); open: the mediator's
 * assigned and mediating cases (plus those a batch has suggested so
 * far); capacity: their maximum.  So covering every cause of the case
 * is worth as much as an empty desk, and a mediator covering half the
 * causes at 10% load (0.4) is preferred to one covering all of them at
 * 70% (0.3).  The highest score wins; ties go to fewer open cases, then
 * the name.  The man page states the same (tiaojie.1, Assigning a
 * mediator); test_assign.c pins it.
 *
 * Scores are compared exactly: a/b - c/d as integer cross products. */
static int64_t score_num(const struct assign_candidate *k, int load, int ncauses)
{
	int n = ncauses > 0 ? ncauses : 1;

	return (int64_t)k->matches * k->capacity - (int64_t)load * n; /* over n * capacity */
}

/* Is candidate a (with load la) a better suggestion than b (load lb)? */
static int better(const struct assign_candidate *a, int la, const struct assign_candidate *b, int lb, int ncauses)
{
	/* sa > sb  <=>  num_a / (n ca) > num_b / (n cb)  <=>  num_a cb > num_b ca */
	int64_t l = score_num(a, la, ncauses) * b->capacity, r = score_num(b, lb, ncauses) * a->capacity;
	if (l != r)
		return l > r;
	if (la != lb)
		return la < lb;
	int c = strcmp(a->name, b->name);
	if (c != 0)
		return c < 0;
	return a->id < b->id;
}

double assign_score(int matches, int ncauses, int open, int capacity)
{
	if (capacity <= 0)
		return -1.0;
	return (double)matches / (ncauses > 0 ? ncauses : 1) - (double)open / capacity;
}

static void suggest(struct assign_candidates *out, const struct extra_load *x)
{
	int best = -1, full = 0, conflicted = 0, current = 0;

	out->suggested = -1;
	for (int i = 0; i < out->n; i++) {
		const struct assign_candidate *k = &out->v[i];
		int load = k->open + extra_of(x, k->id);
		if (k->current) {
			current++;
			continue;
		}
		if (load >= k->capacity) {
			full++;
			continue;
		}
		if (k->conflicts.n > 0) {
			conflicted++;
			continue;
		}
		if (best < 0 ||
		    better(k, load, &out->v[best], out->v[best].open + extra_of(x, out->v[best].id), out->ncauses))
			best = i;
	}
	if (best >= 0) {
		const struct assign_candidate *k = &out->v[best];
		int load = k->open + extra_of(x, k->id);
		double score = assign_score(k->matches, out->ncauses, load, k->capacity);
		out->suggested = best;
		if (k->matches > 0)
			snprintf(out->reason, sizeof out->reason,
				 "建议分派%s：专长与%d项案由中的%d项相符，在办%d件，上限%d件（得分%.2f）", k->name,
				 out->ncauses, k->matches, load, k->capacity, score);
		else
			snprintf(out->reason, sizeof out->reason,
				 "没有专长相符且可分派的调解员，建议分派负荷最低的%s：在办%d件，上限%d件（得分%.2f）",
				 k->name, load, k->capacity, score);
	} else if (out->n == 0) {
		snprintf(out->reason, sizeof out->reason, "名册中没有在职的调解员");
	} else {
		int len = snprintf(out->reason, sizeof out->reason,
				   "没有可建议的调解员：在职%d人中，已满额%d人，存在回避事由%d人", out->n, full,
				   conflicted);
		if (current && len > 0 && (size_t)len < sizeof out->reason)
			snprintf(out->reason + len, sizeof out->reason - (size_t)len, "，%d人为现任调解员", current);
	}
}

/* Candidates for a case whose stored state is row/st, with the load of
 * earlier batch suggestions x (NULL: none).  0 or -1. */
static int build(struct db *db, int64_t case_id, const struct case_state_row *row, enum case_status st,
		 const struct extra_load *x, struct assign_candidates *out)
{
	struct assign_roster roster;
	struct assign_parties parties;
	struct assign_history hist;
	char *causes = NULL;
	int rc = -1;

	memset(&roster, 0, sizeof roster);
	memset(&parties, 0, sizeof parties);
	memset(&hist, 0, sizeof hist);
	out->case_id = case_id;
	snprintf(out->case_no, sizeof out->case_no, "%s", row->case_no);
	out->status = st;
	out->version = row->version;
	out->mediator_id = row->mediator_id;
	if (db_assign_case_causes(db, case_id, &causes) < 0 || db_assign_case_parties(db, case_id, &parties) < 0 ||
	    db_assign_history(db, case_id, 0, &hist) < 0 || db_assign_roster(db, 0, &roster) < 0)
		goto out;
	out->ncauses = count_list(causes);
	out->v = xcalloc(roster.n ? (size_t)roster.n : 1, sizeof *out->v);
	for (int i = 0; i < roster.n; i++) {
		struct assign_roster_row *m = &roster.v[i];
		struct assign_candidate *k = &out->v[out->n++];
		k->id = m->id;
		k->name = xstrdup(m->name);
		k->side = xstrdup(m->side);
		k->expert_kind = xstrdup(m->expert_kind);
		k->side_name = assign_side_name(m->side, m->expert_kind);
		k->affiliation = xstrdup(m->affiliation);
		k->capacity = m->capacity;
		k->open = m->open;
		k->matches = count_matches(m->specialties, causes);
		k->current = row->mediator_id > 0 && m->id == row->mediator_id;
		find_conflicts(m, &parties, &hist, &k->conflicts, &k->notices);
	}
	suggest(out, x);
	rc = 0;
out:
	free(causes);
	assign_roster_free(&roster);
	assign_parties_free(&parties);
	assign_history_free(&hist);
	return rc;
}

int assign_candidates(struct db *db, const struct config *cfg, const struct actor *who, int64_t case_id,
		      struct assign_candidates *out)
{
	struct case_state_row row;
	enum case_status st;
	enum case_action act;
	int rc;

	memset(out, 0, sizeof *out);
	out->suggested = -1;
	rc = may_assign(db, cfg, who, case_id, &row, &st, &act);
	if (rc == 0)
		tj_error("案件不存在");
	if (rc <= 0)
		return -1;
	if (build(db, case_id, &row, st, NULL, out) < 0) {
		assign_candidates_free(out);
		return -1;
	}
	return 0;
}

/* ---- assigning -------------------------------------------------------------------- */

static int blank(const char *s)
{
	if (!s)
		return 1;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* Copy UTF-8 text into a fixed buffer without cutting a character. */
static void copy_utf8(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static int check_override(const char *s, struct assign_result *res)
{
	snprintf(res->op.field, sizeof res->op.field, "override_reason");
	if (!utf8_valid(s, strlen(s))) {
		tj_error("回避事由确认理由含有无效的UTF-8字节");
		return -1;
	}
	if (utf8_has_control(s, 0)) {
		tj_error("回避事由确认理由含有控制字符");
		return -1;
	}
	size_t n = utf8_chars(s);
	if (n > ASSIGN_OVERRIDE_MAX_CHARS) {
		tj_error("回避事由确认理由过长（最多%d个字，现有%zu个字）", ASSIGN_OVERRIDE_MAX_CHARS, n);
		return -1;
	}
	res->op.field[0] = '\0';
	return 0;
}

/* The override note in its own short transaction, right after the
 * assignment committed. */
static int write_override_note(struct db *db, const struct actor *who, int64_t case_id, const char *reason,
			       const char *conflicts)
{
	char now[20];
	char *after = xasprintf("冲突已确认：%s（%s）", reason, conflicts);
	struct event_rec ev;
	int rc = -1;

	tj_now_str(now);
	ev = (struct event_rec){
		.at = now,
		.user_id = who->user_id,
		.case_id = case_id,
		.entity = "case",
		.entity_id = case_id,
		.action = "note",
		.before = "",
		.after = after,
	};
	if (db_begin(db) == 0) {
		if (db_event_add(db, &ev) == 0 && db_commit(db) == 0)
			rc = 0;
		else
			db_rollback(db);
	}
	free(after);
	return rc;
}

int assign_apply(struct db *db, const struct config *cfg, const struct holidays *hol, const struct actor *who,
		 int64_t case_id, int64_t mediator_id, int64_t expect_version, const char *override_reason,
		 struct assign_result *res)
{
	struct case_state_row row;
	struct assign_conflicts conf;
	enum case_status st;
	enum case_action act;
	char *text = NULL;
	int rc;

	memset(res, 0, sizeof *res);
	/* the role and state first: a clerk who may not assign hears that,
	 * not about a conflict */
	rc = may_assign(db, cfg, who, case_id, &row, &st, &act);
	if (rc == 0)
		tj_error("案件不存在");
	if (rc <= 0)
		return -1;
	struct assign_conflicts info;
	if (assign_conflicts(db, case_id, mediator_id, &conf, &info) < 0)
		return -1;
	if (info.n > 0) {
		char *t = assign_conflicts_text(&info);
		copy_utf8(res->notices, sizeof res->notices, t);
		free(t);
	}
	assign_conflicts_free(&info);
	if (conf.n > 0) {
		res->conflicted = 1;
		text = assign_conflicts_text(&conf);
		copy_utf8(res->conflicts, sizeof res->conflicts, text);
		if (blank(override_reason)) {
			snprintf(res->op.field, sizeof res->op.field, "override_reason");
			tj_error("该调解员存在回避事由：%s。如确需分派，请填写理由", text);
			goto refused;
		}
		if (check_override(override_reason, res) < 0)
			goto refused;
	}

	struct actor a = effective(who, cfg);
	struct case_op op = {.action = act, .case_id = case_id, .expect_version = expect_version,
			     .mediator_id = mediator_id};
	struct case_op_result opres;
	if (case_apply(db, cfg, hol, &a, &op, &opres) < 0) {
		char field[sizeof res->op.field];
		memcpy(field, res->op.field, sizeof field);
		res->op = opres;
		if (!res->op.field[0])
			memcpy(res->op.field, field, sizeof field);
		goto refused;
	}
	res->op = opres;
	res->assigned = 1;
	if (conf.n > 0) {
		if (write_override_note(db, who, case_id, override_reason, text) < 0) {
			char msg[1024];
			snprintf(msg, sizeof msg, "%s", tj_errmsg());
			tj_error("调解员已分派，但回避事由的确认记录未能写入：%s", msg);
			goto refused;
		}
		res->overridden = 1;
	}
	free(text);
	assign_conflicts_free(&conf);
	return 0;
refused:
	free(text);
	assign_conflicts_free(&conf);
	return -1;
}

/* ---- the queue ----------------------------------------------------------------------- */

void assign_suggestions_free(struct assign_suggestions *s)
{
	for (int i = 0; i < s->n; i++)
		free(s->v[i].mediator_name);
	free(s->v);
	memset(s, 0, sizeof *s);
}

int assign_suggest_all(struct db *db, const struct config *cfg, const struct actor *who,
		       struct assign_suggestions *out)
{
	struct case_state cs = {.status = ST_ACCEPTED};
	struct actor a = effective(who, cfg);
	struct assign_queue q;
	struct extra_load x = {0};
	const char *reason;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (lifecycle_check(ACT_ASSIGN, &cs, &a, &reason) < 0) {
		tj_error("%s", reason);
		return -1;
	}
	if (db_assign_queue(db, &q) < 0)
		return -1;
	out->v = xcalloc(q.n ? (size_t)q.n : 1, sizeof *out->v);
	for (int i = 0; i < q.n; i++) {
		struct case_state_row row;
		struct assign_candidates c = {0};
		int found = db_case_state(db, q.v[i].id, &row);
		if (found < 0)
			goto out;
		if (found == 0)
			continue; /* gone since the queue was read */
		/* the queue is read once and each case's facts after it: a case
		 * that moved on meanwhile is simply not listed */
		if (strcmp(row.status, "accepted") != 0)
			continue;
		if (build(db, q.v[i].id, &row, ST_ACCEPTED, &x, &c) < 0) {
			assign_candidates_free(&c);
			goto out;
		}
		struct assign_suggestion *s = &out->v[out->n++];
		s->case_id = q.v[i].id;
		snprintf(s->case_no, sizeof s->case_no, "%s", row.case_no);
		s->version = row.version;
		copy_utf8(s->reason, sizeof s->reason, c.reason);
		if (c.suggested >= 0) {
			const struct assign_candidate *k = &c.v[c.suggested];
			s->mediator_id = k->id;
			s->mediator_name = xstrdup(k->name);
			s->matches = k->matches;
			s->open = k->open + extra_of(&x, k->id);
			s->capacity = k->capacity;
			/* confirming all at once must not pile every case on the
			 * same least-loaded mediator */
			extra_add(&x, k->id);
		} else {
			s->mediator_name = xstrdup("");
		}
		assign_candidates_free(&c);
	}
	rc = 0;
out:
	if (rc < 0)
		assign_suggestions_free(out);
	assign_queue_free(&q);
	free(x.id);
	free(x.n);
	return rc;
}
