/*
 * correct.c - correcting a registered application (修改申请, ACT_EDIT).
 *
 * The clerk hands in the whole application as it should now stand; it is
 * checked exactly as at registration (intake_check, the problems per
 * field), then compared with the case as stored, inside one BEGIN
 * IMMEDIATE transaction that also refuses a save over a newer version.
 * Each changed field is one event of the case, action 'edit', with before
 * and after "label：value" ("请求2 金额：12,000.00" → "请求2 金额：12,500.00";
 * a whole party or claim added or removed has an empty before or after),
 * so the log keeps both values and the timeline words them
 * (case_edit_text).
 *
 * Applicants and respondents are corrected by the number of the case's
 * party each one is (intake_person.ord, intake_employer.ord; by position
 * when none is given): one removed from the middle renumbers the rest
 * (db_case_parties_reorder), and the claims name respondents by their new
 * numbers while the log speaks of the same parties.  An applicant removed
 * is an event with his name ("申请人2：李四" → "", which the timeline
 * words "删除申请人 李四"; one added "增加申请人 张三"), and takes with
 * him his agents, his representative mark and his own amounts of the
 * claims (an event each, each claim's total less them - a change of the
 * claims), while the others' amounts follow their new numbers
 * (db_claim_shares_renumber).  A collective dispute stays one, and while
 * its representatives change it keeps 2 to 5 of them
 * (check_representatives).  A party's
 * agents are compared one by one: an added or removed one is an event
 * whole ("申请人 代理人2：周大海（近亲属，特别授权：…）"), a changed one
 * an event per particular ("申请人 代理人1 电话：…"); the party's agents
 * are then written again.  A party whose particulars changed
 * gets its copy in the case rewritten (case_parties, migration 004) and
 * the archive (P/C档) updated with the changed particulars only - what
 * the clerk left as the case had it must not take back newer particulars
 * another application gave the archive - with the archive's own event, as
 * at registration; other cases keep their copies.  A party that did not
 * change leaves the archive alone.
 *
 * The claims are replaced by the list (db_claims_replace), each claim
 * naming the case's claim it corrects, with its respondents and joint
 * liability as the list gives them ("请求2 被申请人：甲公司" →
 * "请求2 被申请人：甲公司、乙公司", "请求2 连带责任：否" → "是", compared
 * by who the respondents are); a kept claim that named a respondent the
 * list removes must name its respondents anew.  Changing the claims of a
 * confirmed case (any of that) undoes the confirmation: back to
 * registered, confirm_how and confirmed_at cleared, an event 'unconfirm'
 * (before/after the status keywords, so `tiaojie check` follows it) and
 * a note.  An accepted case
 * keeps its acceptance and its deadline; a case not yet accepted gets the
 * acceptance deadline of its corrected received date.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/calendar.h"
#include "tiaojie/casework.h"
#include "tiaojie/collective.h"
#include "tiaojie/intake.h"
#include "tiaojie/money.h"
#include "tiaojie/util.h"
#include "tiaojie/validate.h"
#include "tiaojie/vocab.h"

#include "intake_internal.h"

#define REFUSED (-1)
#define FAILED (-2)
#define LABEL_SEP "："
#define RECONFIRM_NOTE "修改请求事项后需申请人重新确认"

static int blank(const char *s)
{
	if (!s)
		return 1;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* ---- one correction in progress ------------------------------------------- */

struct change {
	char *before, *after;
};

struct fix {
	struct db *db;
	const struct config *cfg;
	const struct actor *who;
	const struct intake *in;
	struct intake_result *res;
	int64_t case_id;
	char now[20];
	struct case_view cv;
	struct change *v; /* the case's field events, in order */
	int n, cap;
	/* archive events: entity, id, changes (NULL: created) */
	struct arch {
		const char *entity;
		int64_t id;
		char *changes;
	} *arch;
	int narch, caparch;
	int claims_changed;
	/* for each respondent of the list, the case's respondent it corrects
	 * (0: new), and whether the kept ones change their numbers */
	int *resp_old;
	int resp_moved;
	/* likewise for each applicant of the list */
	int *app_old;
	int app_moved;
};

static void add_change(struct fix *f, char *before, char *after)
{
	f->v = xgrow(f->v, f->n, &f->cap, sizeof *f->v);
	f->v[f->n].before = before;
	f->v[f->n].after = after;
	f->n++;
}

/* A field from old to new (both as shown); nothing when equal. */
static void field_change(struct fix *f, const char *label, const char *old, const char *new)
{
	if (strcmp(nz(old), nz(new)) == 0)
		return;
	add_change(f, xasprintf("%s" LABEL_SEP "%s", label, nz(old)), xasprintf("%s" LABEL_SEP "%s", label, nz(new)));
}

static void add_arch(struct fix *f, const char *entity, int64_t id, char *changes)
{
	f->arch = xgrow(f->arch, f->narch, &f->caparch, sizeof *f->arch);
	f->arch[f->narch++] = (struct arch){entity, id, changes};
}

static void fix_free(struct fix *f)
{
	for (int i = 0; i < f->n; i++) {
		free(f->v[i].before);
		free(f->v[i].after);
	}
	free(f->v);
	for (int i = 0; i < f->narch; i++)
		free(f->arch[i].changes);
	free(f->arch);
	free(f->resp_old);
	free(f->app_old);
	case_view_free(&f->cv);
}

/* Who a party is in the labels: "申请人" (the only one), "被申请人2", one
 * that moved "被申请人1（原被申请人2）". */
static void party_who(char *buf, size_t size, const char *role, int ord, int old, int single)
{
	if (single)
		snprintf(buf, size, "%s", role);
	else if (old > 0 && old != ord)
		snprintf(buf, size, "%s%d（原%s%d）", role, ord, role, old);
	else
		snprintf(buf, size, "%s%d", role, ord);
}

/* "申请人电话", "申请人2 电话": the label of a party's field. */
static void party_label(char *buf, size_t size, const char *who, int single, const char *field)
{
	snprintf(buf, size, "%s%s%s", who, single ? "" : " ", field);
}

static const char *kind_name(const char *kw)
{
	int k = val_kind_from_keyword(nz(kw));

	return k >= 0 ? val_kind_name(k) : nz(kw);
}

static const char *word(enum vocab_kind k, const char *kw)
{
	const char *w = kw && *kw ? vocab_label(k, kw) : NULL;

	return w ? w : nz(kw);
}

/* ---- parties ------------------------------------------------------------------ */

/* The applicant's particulars as the case would keep them. */
static struct party_snapshot person_snapshot(const struct person_norm *n, const struct intake_person *p)
{
	return (struct party_snapshot){
		.person_id = n->rec.id,
		.name = p->name,
		.id_type = p->id_type,
		.id_no = n->id_no,
		.gender = n->gender,
		.birth_date = n->birth,
		.nationality = blank(p->nationality) ? "中国" : p->nationality,
		.household = blank(p->household) ? "" : p->household,
		.occupation = nz(p->occupation),
		.phone = n->phone,
		.address = nz(p->address),
		.representative = p->representative != 0,
	};
}

static int archive_write(struct fix *f, const char *entity, int created, int64_t id, char *changes)
{
	if (created < 0)
		return FAILED;
	if (created || changes)
		add_arch(f, entity, id, changes);
	return 0;
}

/* A person of the case (an applicant, an individual respondent) to the
 * worker archive: the same document, only what changed in the case; another
 * document, everything, as at registration.  *id set. */
static int archive_person_fix(struct fix *f, const struct cv_party *o, struct person_norm *n, int64_t *id)
{
	char *changes = NULL;
	int created;

	if (o && strcmp(nz(o->id_type), nz(n->rec.id_type)) == 0 && strcmp(nz(o->id_no), n->id_no) == 0) {
		struct person_rec r = n->rec;
#define KEEP_IF_SAME(fld, old) \
	if (r.fld && strcmp(r.fld, nz(old)) == 0) \
		r.fld = NULL
		KEEP_IF_SAME(name, o->name);
		KEEP_IF_SAME(gender, o->gender);
		KEEP_IF_SAME(birth_date, o->birth_date);
		KEEP_IF_SAME(nationality, o->nationality);
		KEEP_IF_SAME(phone, o->phone);
		KEEP_IF_SAME(address, o->address);
		KEEP_IF_SAME(household, o->household);
		KEEP_IF_SAME(occupation, o->occupation);
#undef KEEP_IF_SAME
		created = db_person_upsert(f->db, &r, f->now, &changes);
		*id = r.id;
	} else {
		created = db_person_upsert(f->db, &n->rec, f->now, &changes);
		*id = n->rec.id;
	}
	return archive_write(f, "person", created, *id, changes);
}

static const char *yes_no(int v)
{
	return v ? "是" : "否";
}

/* ---- agents ------------------------------------------------------------------- */

/* An agent's phone as stored: normalised, "" when none (checked before). */
static void agent_phone(const struct intake_agent *a, char *buf, size_t size)
{
	const char *reason;

	buf[0] = '\0';
	if (!blank(a->phone) && val_check(VAL_PHONE, a->phone, 0, buf, size, &reason) < 0)
		snprintf(buf, size, "%s", a->phone);
}

/* "张律师（律师，某某律师事务所，电话 13800000000，特别授权：代为承认、
 * 放弃请求）": an agent whole, for one added or removed. */
static char *agent_whole(const char *name, const char *kind, const char *org, const char *phone,
			 const char *authority, const char *scope)
{
	int special = authority && !strcmp(authority, "special");
	struct strbuf sb;

	sb_init(&sb);
	sb_printf(&sb, "%s（%s", nz(name), word(VOCAB_AGENT, kind));
	if (!blank(org))
		sb_printf(&sb, "，%s", org);
	if (!blank(phone))
		sb_printf(&sb, "，电话 %s", phone);
	sb_printf(&sb, "，%s", word(VOCAB_AUTHORITY, authority));
	if (special && !blank(scope))
		sb_printf(&sb, "：%s", scope);
	sb_add(&sb, "）");
	return sb_detach(&sb);
}

static int agents_save(struct fix *f, const char *role, int party_ord, const struct intake_agent *v, int n)
{
	for (int j = 0; v && j < n; j++) {
		const struct intake_agent *a = &v[j];
		char phone[64];
		agent_phone(a, phone, sizeof phone);
		struct agent_row r = {.case_id = f->case_id, .role = role, .party_ord = party_ord, .ord = j + 1,
				      .name = a->name, .kind = a->kind, .org = blank(a->org) ? "" : a->org,
				      .phone = phone, .authority = a->authority,
				      .scope = blank(a->scope) ? "" : a->scope};
		if (db_case_agent_add(f->db, &r) < 0)
			return FAILED;
	}
	return 0;
}

/* The agents of a party, the case's (o, NULL for a new party) against the
 * list's: each added or removed one whole, each changed particular on its
 * own ("申请人 代理人1 电话：…"); the party's agents written again when
 * any changed, or always when its old rows are gone (rewrite). */
static int fix_agents(struct fix *f, const char *role, const char *who, int party_ord, const struct cv_party *o,
		      const struct intake_agent *v, int n, int rewrite)
{
	int no = o ? o->nagents : 0, n0 = f->n;
	char label[128];

	for (int j = 0; j < no || j < n; j++) {
		const struct cv_agent *a = j < no ? &o->agents[j] : NULL;
		const struct intake_agent *b = j < n && v ? &v[j] : NULL;
		char phone[64] = "";
		if (b)
			agent_phone(b, phone, sizeof phone);
		snprintf(label, sizeof label, "%s 代理人%d", who, j + 1);
		if (!a) {
			char *w = agent_whole(b->name, b->kind, b->org, phone, b->authority, b->scope);
			add_change(f, xstrdup(""), xasprintf("%s" LABEL_SEP "%s", label, w));
			free(w);
			continue;
		}
		if (!b) {
			char *w = agent_whole(a->name, a->kind, a->org, a->phone, a->authority, a->scope);
			add_change(f, xasprintf("%s" LABEL_SEP "%s", label, w), xstrdup(""));
			free(w);
			continue;
		}
		size_t ll = strlen(label);
#define AF(field, old, new)                                                \
	do {                                                               \
		snprintf(label + ll, sizeof label - ll, " %s", field);     \
		field_change(f, label, old, new);                          \
	} while (0)
		AF("姓名", a->name, b->name);
		AF("类别", word(VOCAB_AGENT, a->kind), word(VOCAB_AGENT, b->kind));
		AF("单位", a->org, blank(b->org) ? "" : b->org);
		AF("电话", a->phone, phone);
		AF("代理权限", word(VOCAB_AUTHORITY, a->authority), word(VOCAB_AUTHORITY, b->authority));
		AF("授权范围", a->scope, blank(b->scope) ? "" : b->scope);
#undef AF
	}
	if (f->n == n0 && !rewrite)
		return 0;
	if (o && !rewrite && db_case_agents_clear(f->db, f->case_id, role, party_ord) < 0)
		return FAILED;
	return agents_save(f, role, party_ord, v, n);
}

/* ---- parties ------------------------------------------------------------------ */

static const struct cv_party *cv_party_at(const struct cv_party *v, int n, int ord);

static int fix_applicant(struct fix *f, int i, int single)
{
	const struct intake_person *p = &f->in->applicants[i];
	const struct cv_party *o = cv_party_at(f->cv.applicants, f->cv.napplicants, f->app_old[i]);
	struct person_norm n;
	char label[160], who[64];

	intake_person_norm(f->cfg, p, &n);
	struct party_snapshot s = person_snapshot(&n, p);
	party_who(who, sizeof who, "申请人", i + 1, o ? o->ord : 0, single);
	if (!o) {
		/* a new applicant: into the archive as at registration */
		if (archive_person_fix(f, NULL, &n, &s.person_id) < 0)
			return FAILED;
		add_change(f, xstrdup(""), xasprintf("%s" LABEL_SEP "%s", who, p->name));
		if (db_case_party_put(f->db, f->case_id, "applicant", i + 1, &s) < 0)
			return FAILED;
		return fix_agents(f, "applicant", who, i + 1, NULL, p->agents, p->nagents, 1);
	}
	int n0 = f->n;
#define PF(field, old, new)                                  \
	do {                                                 \
		party_label(label, sizeof label, who, single, field); \
		field_change(f, label, old, new);            \
	} while (0)
	PF("证件类型", kind_name(o->id_type), kind_name(s.id_type));
	PF("证件号码", o->id_no, s.id_no);
	PF("姓名", o->name, s.name);
	PF("性别", word(VOCAB_GENDER, o->gender), word(VOCAB_GENDER, s.gender));
	PF("出生日期", o->birth_date, s.birth_date);
	PF("国籍", o->nationality, s.nationality);
	PF("电话", o->phone, s.phone);
	PF("地址", o->address, s.address);
	PF("户籍类型", word(VOCAB_HOUSEHOLD, o->household), word(VOCAB_HOUSEHOLD, s.household));
	PF("职业", o->occupation, s.occupation);
	PF("代表", yes_no(o->representative), yes_no(s.representative));
#undef PF
	if (f->n > n0) {
		if (archive_person_fix(f, o, &n, &s.person_id) < 0)
			return FAILED;
		if (db_case_party_put(f->db, f->case_id, "applicant", i + 1, &s) < 0)
			return FAILED;
	} /* else as the case has it: the archive is left alone */
	return fix_agents(f, "applicant", who, i + 1, o, p->agents, p->nagents, f->app_moved);
}

static const char *respondent_kind(const char *kw)
{
	return blank(kw) ? "employer" : kw;
}

/* The case's party numbered ord among v (its applicants or its
 * respondents); NULL none. */
static const struct cv_party *cv_party_at(const struct cv_party *v, int n, int ord)
{
	for (int k = 0; ord > 0 && k < n; k++)
		if (v[k].ord == ord)
			return &v[k];
	return NULL;
}

static const struct cv_party *cv_respondent(const struct case_view *cv, int ord)
{
	return cv_party_at(cv->respondents, cv->nrespondents, ord);
}

/* For each party of the list (given: the ords it gives), the case's party
 * of v it corrects (0: new): by ord when any is given (-1 a new one),
 * else by position.  Problems (res not NULL) at field[i] for an ord the
 * case does not have or one given twice; returns their number. */
static int party_origins(const struct cv_party *v, int nv, const int *given, int n, const char *role,
			 const char *field, int *old_ord, struct intake_result *res)
{
	int any = 0, bad = 0;

	for (int i = 0; i < n; i++)
		any |= given[i] != 0;
	for (int i = 0; i < n; i++) {
		int ord = any ? given[i] : (i < nv ? v[i].ord : 0);
		if (ord < 0)
			ord = 0; /* a new one */
		int found = cv_party_at(v, nv, ord) != NULL;
		for (int j = 0; j < i && found; j++)
			found = old_ord[j] != ord;
		if (ord != 0 && !found) {
			char fld[48];
			snprintf(fld, sizeof fld, "%s[%d]", field, i);
			if (res)
				intake_problem_add(res, fld, "第%d个%s不是本案原有的%s（或重复），请刷新后重新填写", i + 1,
						   role, role);
			bad++;
			ord = 0;
		}
		old_ord[i] = ord;
	}
	return bad;
}

static int respondent_origins(const struct case_view *cv, const struct intake *in, int *old_ord,
			      struct intake_result *res)
{
	int *given = xcalloc((size_t)in->nrespondents + 1, sizeof *given);

	for (int i = 0; i < in->nrespondents; i++)
		given[i] = in->respondents[i].ord;
	int bad = party_origins(cv->respondents, cv->nrespondents, given, in->nrespondents, "被申请人", "respondent",
				old_ord, res);
	free(given);
	return bad;
}

static int applicant_origins(const struct case_view *cv, const struct intake *in, int *old_ord,
			     struct intake_result *res)
{
	int *given = xcalloc((size_t)in->napplicants + 1, sizeof *given);

	for (int i = 0; i < in->napplicants; i++)
		given[i] = in->applicants[i].ord;
	int bad = party_origins(cv->applicants, cv->napplicants, given, in->napplicants, "申请人", "applicant", old_ord,
				res);
	free(given);
	return bad;
}

/* Is the case's applicant numbered ord kept by the list? */
static int applicant_kept(const int *app_old, int n, int ord)
{
	for (int i = 0; i < n; i++)
		if (app_old[i] == ord)
			return 1;
	return 0;
}

static int fix_respondent(struct fix *f, int i, int single)
{
	const struct intake_employer *e = &f->in->respondents[i];
	const struct cv_party *o = cv_respondent(&f->cv, f->resp_old[i]);
	const char *kind = respondent_kind(e->kind);
	int individual = strcmp(kind, "individual") == 0;
	struct employer_norm en;
	struct person_norm pn;
	char label[160], who[64], *changes = NULL;
	int created;

	struct party_snapshot s = {.name = e->name, .address = nz(e->address), .kind = kind, .representative = -1};
	if (individual) {
		/* a natural person, identified by a document, as an applicant */
		struct intake_person ip = {.id_type = e->id_type, .id_no = e->id_no, .name = e->name,
					   .phone = e->phone, .address = e->address};
		intake_person_norm(f->cfg, &ip, &pn);
		s.id_type = e->id_type;
		s.id_no = pn.id_no;
		s.gender = pn.gender;
		s.birth_date = pn.birth;
		s.phone = pn.phone;
	} else {
		intake_employer_norm(e, &en);
		s.uscc = en.uscc;
		s.legal_rep = nz(e->legal_rep);
		s.legal_rep_title = nz(e->legal_rep_title);
		s.phone = en.phone;
	}
	party_who(who, sizeof who, "被申请人", i + 1, o ? o->ord : 0, single);
	if (!o) {
		if (individual) {
			if (archive_person_fix(f, NULL, &pn, &s.person_id) < 0)
				return FAILED;
		} else {
			if ((created = db_employer_upsert(f->db, &en.rec, f->now, &changes)) < 0 ||
			    archive_write(f, "employer", created, en.rec.id, changes) < 0)
				return FAILED;
			s.employer_id = en.rec.id;
		}
		add_change(f, xstrdup(""), xasprintf("%s" LABEL_SEP "%s", who, e->name));
		if (db_case_party_put(f->db, f->case_id, "respondent", i + 1, &s) < 0)
			return FAILED;
		return fix_agents(f, "respondent", who, i + 1, NULL, e->agents, e->nagents, 1);
	}
	int was_individual = strcmp(respondent_kind(o->kind), "individual") == 0;
	int n0 = f->n;
#define RF(field, old, new)                                  \
	do {                                                 \
		party_label(label, sizeof label, who, single, field); \
		field_change(f, label, old, new);            \
	} while (0)
	RF("类型", word(VOCAB_RESPONDENT, respondent_kind(o->kind)), word(VOCAB_RESPONDENT, kind));
	RF("名称", o->name, s.name);
	if (individual || was_individual) {
		RF("证件类型", kind_name(o->id_type), kind_name(s.id_type));
		RF("证件号码", o->id_no, s.id_no);
	}
	if (!individual || !was_individual) {
		RF("信用代码", o->uscc, s.uscc);
		RF("法定代表人", o->legal_rep, s.legal_rep);
		RF("法定代表人职务", o->legal_rep_title, s.legal_rep_title);
	}
	RF("地址", o->address, s.address);
	RF("电话", o->phone, s.phone);
#undef RF
	int put = f->n > n0;
	if (individual) {
		if (put && archive_person_fix(f, was_individual ? o : NULL, &pn, &s.person_id) < 0)
			return FAILED;
	} else {
		int same_key = !was_individual && strcmp(nz(o->uscc), en.uscc) == 0 &&
			       (en.uscc[0] || strcmp(o->name, e->name) == 0);
		struct employer_rec r = en.rec;
		if (same_key) {
			/* the same employer: what changed, and the archive's own
			 * district and industry (not kept by the case) when given */
			if (strcmp(o->name, nz(r.name)) == 0)
				r.name = NULL;
			if (strcmp(o->legal_rep, nz(r.legal_rep)) == 0)
				r.legal_rep = NULL;
			if (strcmp(nz(o->legal_rep_title), nz(r.legal_rep_title)) == 0)
				r.legal_rep_title = NULL;
			if (strcmp(o->address, nz(r.address)) == 0)
				r.address = NULL;
			if (strcmp(o->phone, nz(r.phone)) == 0)
				r.phone = NULL;
			if (blank(r.district))
				r.district = NULL;
			if (blank(r.industry))
				r.industry = NULL;
			if (r.name || r.legal_rep || r.legal_rep_title || r.address || r.phone || r.district ||
			    r.industry) {
				if (!r.name && !r.uscc)
					r.name = e->name; /* the archive's key */
				created = db_employer_upsert(f->db, &r, f->now, &changes);
				if (archive_write(f, "employer", created, r.id, changes) < 0)
					return FAILED;
			}
			s.employer_id = o->id;
		} else {
			created = db_employer_upsert(f->db, &r, f->now, &changes);
			if (archive_write(f, "employer", created, r.id, changes) < 0)
				return FAILED;
			s.employer_id = r.id;
		}
		put |= s.employer_id != o->id;
	}
	if (put && db_case_party_put(f->db, f->case_id, "respondent", i + 1, &s) < 0)
		return FAILED;
	return fix_agents(f, "respondent", who, i + 1, o, e->agents, e->nagents, f->resp_moved);
}

/* A party the correction removes, and its agents (their rows go with
 * it); an applicant's own amounts of the claims too ("李四 请求1 金额：
 * 3,000.00", as a change of the per-worker amounts says it). */
static void party_removed(struct fix *f, const char *role, const struct cv_party *o)
{
	char who[64], amt[32];

	snprintf(who, sizeof who, "%s%d", role, o->ord);
	add_change(f, xasprintf("%s" LABEL_SEP "%s", who, o->name), xstrdup(""));
	for (int j = 0; j < o->nagents; j++) {
		const struct cv_agent *a = &o->agents[j];
		char *w = agent_whole(a->name, a->kind, a->org, a->phone, a->authority, a->scope);
		add_change(f, xasprintf("%s 代理人%d" LABEL_SEP "%s", who, j + 1, w), xstrdup(""));
		free(w);
	}
	for (int k = 0; strcmp(role, "申请人") == 0 && k < f->cv.nclaims; k++) {
		int64_t fen;
		if (case_claim_share(&f->cv.claims[k], o->ord, &fen))
			add_change(f,
				   xasprintf("%s 请求%d 金额" LABEL_SEP "%s", o->name, f->cv.claims[k].ord,
					     money_format(fen, amt, sizeof amt)),
				   xstrdup(""));
	}
}

static int fix_parties(struct fix *f)
{
	const struct intake *in = f->in;
	int rc;

	/* the applicants the list no longer has first, with their agents
	 * and their own amounts; the ones after them take their numbers,
	 * their amounts too */
	int gone = 0;
	for (int k = 0; k < f->cv.napplicants; k++) {
		const struct cv_party *o = &f->cv.applicants[k];
		if (applicant_kept(f->app_old, in->napplicants, o->ord))
			continue;
		gone++;
		party_removed(f, "申请人", o);
		if (!f->app_moved && db_case_party_remove(f->db, f->case_id, "applicant", o->ord) < 0)
			return FAILED;
	}
	if (f->app_moved &&
	    db_case_parties_reorder(f->db, f->case_id, "applicant", f->app_old, in->napplicants) < 0)
		return FAILED;
	if ((gone || f->app_moved) && db_claim_shares_renumber(f->db, f->case_id, f->app_old, in->napplicants) < 0)
		return FAILED;
	int single = in->napplicants == 1 && f->cv.napplicants == 1;
	for (int i = 0; i < in->napplicants; i++)
		if ((rc = fix_applicant(f, i, single)) < 0)
			return rc;
	/* the respondents the list no longer has first, so that the ones
	 * after them take their numbers */
	for (int k = 0; k < f->cv.nrespondents; k++) {
		const struct cv_party *o = &f->cv.respondents[k];
		int kept = 0;
		for (int i = 0; i < in->nrespondents && !kept; i++)
			kept = f->resp_old[i] == o->ord;
		if (kept)
			continue;
		party_removed(f, "被申请人", o);
		if (!f->resp_moved && db_case_party_remove(f->db, f->case_id, "respondent", o->ord) < 0)
			return FAILED;
	}
	if (f->resp_moved && db_case_parties_reorder(f->db, f->case_id, "respondent", f->resp_old, in->nrespondents) < 0)
		return FAILED;
	single = in->nrespondents == 1 && f->cv.nrespondents == 1;
	for (int i = 0; i < in->nrespondents; i++)
		if ((rc = fix_respondent(f, i, single)) < 0)
			return rc;
	return 0;
}

/* ---- claims ---------------------------------------------------------------------- */

static int64_t amount_of(const char *s)
{
	int64_t fen = 0;
	const char *reason;

	if (!blank(s))
		money_parse(s, &fen, &reason);
	return fen;
}

/* "[0601 拖欠工资] 支付工资 12,000.00元": a claim whole, for an added or
 * removed one. */
static char *claim_whole(const char *cause, const char *cause_name, const char *text, int64_t fen)
{
	char amt[32];

	return xasprintf("[%s %s] %s %s元", cause, nz(cause_name), text, money_format(fen, amt, sizeof amt));
}

/* For each claim of the list, the case's claim it corrects (0: new). */
static int claim_origins(struct fix *f, int *old_ord)
{
	const struct intake *in = f->in;
	int any = 0;

	for (int i = 0; i < in->nclaims; i++)
		any |= in->claims[i].ord != 0;
	for (int i = 0; i < in->nclaims; i++) {
		int ord = any ? in->claims[i].ord : (i < f->cv.nclaims ? f->cv.claims[i].ord : 0), found = 0;
		char fld[48];
		for (int k = 0; k < f->cv.nclaims && ord > 0; k++)
			found |= f->cv.claims[k].ord == ord;
		for (int j = 0; j < i && found; j++)
			found = old_ord[j] != ord;
		if (ord != 0 && !found) {
			snprintf(fld, sizeof fld, "claims[%d]", i);
			intake_problem_add(f->res, fld, "第%d项请求不是本案原有的请求（或重复），请刷新后重新填写", i + 1);
		}
		old_ord[i] = ord > 0 ? ord : 0;
	}
	return f->res->nproblems;
}

/* ---- whom a claim is against ------------------------------------------------------ */

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* The case's claim's respondents, by the case's numbers, sorted (all of
 * them when it names none). */
static int old_against(const struct case_view *cv, const struct cv_claim *c, int *out)
{
	int n = 0;

	if (c->nagainst > 0)
		for (int j = 0; j < c->nagainst; j++)
			out[n++] = c->against[j];
	else
		for (int k = 0; k < cv->nrespondents; k++)
			out[n++] = cv->respondents[k].ord;
	qsort(out, (size_t)n, sizeof *out, cmp_int);
	return n;
}

/* The list's claim's respondents as the same identities: the case's
 * number of a respondent it keeps, minus its position for a new one;
 * sorted. */
static int new_against(const struct intake *in, const int *resp_old, const struct intake_claim *ic, int *out)
{
	int n = 0;

	for (int j = 0; j < (ic->nagainst > 0 ? ic->nagainst : in->nrespondents); j++) {
		int p = ic->nagainst > 0 ? ic->against[j] : j + 1;
		out[n++] = p >= 1 && p <= in->nrespondents && resp_old[p - 1] > 0 ? resp_old[p - 1] : -p;
	}
	qsort(out, (size_t)n, sizeof *out, cmp_int);
	return n;
}

static int same_set(const int *a, int na, const int *b, int nb)
{
	if (na != nb)
		return 0;
	for (int i = 0; i < na; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* "上海某某科技有限公司、包工头王某": whom the case's claim is against. */
static char *old_against_names(const struct case_view *cv, const struct cv_claim *c)
{
	struct strbuf sb;

	sb_init(&sb);
	for (int j = 0; j < (c->nagainst > 0 ? c->nagainst : cv->nrespondents); j++) {
		const struct cv_party *r = cv_respondent(cv, c->nagainst > 0 ? c->against[j] : cv->respondents[j].ord);
		sb_printf(&sb, "%s%s", j ? "、" : "", r ? r->name : "?");
	}
	return sb_detach(&sb);
}

/* The same of the list's claim, with the respondents' names as corrected. */
static char *new_against_names(const struct intake *in, const struct intake_claim *ic)
{
	struct strbuf sb;

	sb_init(&sb);
	for (int j = 0; j < (ic->nagainst > 0 ? ic->nagainst : in->nrespondents); j++) {
		int p = ic->nagainst > 0 ? ic->against[j] : j + 1;
		sb_printf(&sb, "%s%s", j ? "、" : "", p >= 1 && p <= in->nrespondents ? nz(in->respondents[p - 1].name) : "?");
	}
	return sb_detach(&sb);
}

/* "（被申请人：甲公司、乙公司，连带）" after a claim added or removed
 * while there are several respondents; "" with one. */
static char *against_suffix(char *names, int nresp, int joint)
{
	char *s = nresp > 1 ? xasprintf("（被申请人：%s%s）", names, joint ? "，连带" : "") : xstrdup("");

	free(names);
	return s;
}

/* Whom a kept claim is against, and whether jointly, as corrected:
 * changed (1) or not (0); the events when f is not NULL. */
static int claim_parties_change(struct fix *f, const struct case_view *cv, const struct intake *in,
				const int *resp_old, const struct cv_claim *c, const struct intake_claim *ic,
				const char *label)
{
	size_t cap = (size_t)cv->nrespondents + (size_t)in->nrespondents + (size_t)c->nagainst + (size_t)ic->nagainst + 1;
	int *os = xcalloc(cap, sizeof *os), *ns = xcalloc(cap, sizeof *ns);
	int on = old_against(cv, c, os), nn = new_against(in, resp_old, ic, ns), changed = 0;
	char lb[96];

	if (!same_set(os, on, ns, nn)) {
		changed = 1;
		if (f) {
			char *o = old_against_names(cv, c), *n = new_against_names(in, ic);
			snprintf(lb, sizeof lb, "%s被申请人", label);
			field_change(f, lb, o, n);
			free(o);
			free(n);
		}
	}
	if ((c->joint != 0) != (ic->joint != 0)) {
		changed = 1;
		if (f) {
			snprintf(lb, sizeof lb, "%s连带责任", label);
			field_change(f, lb, yes_no(c->joint), yes_no(ic->joint));
		}
	}
	free(os);
	free(ns);
	return changed;
}

static int fix_claims(struct fix *f)
{
	const struct intake *in = f->in;
	int *old_ord = xcalloc((size_t)in->nclaims + 1, sizeof *old_ord);
	struct claim_edit *v = xcalloc((size_t)in->nclaims + 1, sizeof *v);
	char **against = xcalloc((size_t)in->nclaims + 1, sizeof *against);
	char label[64], amt0[32], amt1[32], fld[48];
	int rc = 0;

	if (claim_origins(f, old_ord) > 0) {
		rc = REFUSED;
		goto out;
	}
	int n0 = f->n;
	/* removed first, by their numbers in the case */
	for (int k = 0; k < f->cv.nclaims; k++) {
		const struct cv_claim *c = &f->cv.claims[k];
		int kept = 0;
		for (int i = 0; i < in->nclaims && !kept; i++)
			kept = old_ord[i] == c->ord;
		if (!kept) {
			char *whole = claim_whole(c->cause, c->cause_name, c->text, c->amount_fen);
			char *who = against_suffix(old_against_names(&f->cv, c), f->cv.nrespondents, c->joint);
			add_change(f, xasprintf("请求%d" LABEL_SEP "%s%s", c->ord, whole, who), xstrdup(""));
			free(whole);
			free(who);
		}
	}
	for (int i = 0; i < in->nclaims; i++) {
		const struct intake_claim *ic = &in->claims[i];
		int64_t fen = intake_claim_total(ic);
		char *cause_name = NULL;
		/* its respondents ("" all of them) and joint liability as
		 * given, for a new claim and a kept one alike */
		struct strbuf sb;
		sb_init(&sb);
		for (int j = 0; j < ic->nagainst && ic->nagainst < in->nrespondents; j++)
			sb_printf(&sb, "%s%d", j ? "," : "", ic->against[j]);
		against[i] = sb_detach(&sb); /* every one of them named: all */
		v[i] = (struct claim_edit){.old_ord = old_ord[i], .cause = ic->cause, .text = ic->text, .amount_fen = fen,
					   .against = old_ord[i] || *against[i] ? against[i] : NULL,
					   .joint = ic->joint != 0};
		if (db_cause_get(f->db, ic->cause, &cause_name) < 0) {
			rc = FAILED;
			goto out;
		}
		if (!old_ord[i]) {
			/* a new claim, with its per-worker amounts as given */
			char *whole = claim_whole(ic->cause, cause_name, ic->text, fen);
			char *who = against_suffix(new_against_names(in, ic), in->nrespondents, ic->joint);
			add_change(f, xstrdup(""), xasprintf("请求%d" LABEL_SEP "%s%s", i + 1, whole, who));
			free(whole);
			free(who);
			free(cause_name);
			continue;
		}
		const struct cv_claim *c = NULL;
		for (int k = 0; k < f->cv.nclaims; k++)
			if (f->cv.claims[k].ord == old_ord[i])
				c = &f->cv.claims[k];
		if (old_ord[i] == i + 1)
			snprintf(label, sizeof label, "请求%d ", i + 1);
		else
			snprintf(label, sizeof label, "请求%d（原请求%d）", i + 1, old_ord[i]);
		/* a kept claim keeps its per-worker amounts: the amount of one
		 * with per-worker amounts is their total and is not corrected
		 * here */
		snprintf(fld, sizeof fld, "claims[%d].amount", i);
		/* less the amounts of the applicants removed */
		int64_t kept_total = c->amount_fen;
		for (int j = 0; j < c->nshares; j++)
			if (!applicant_kept(f->app_old, in->napplicants, c->shares[j].applicant))
				kept_total -= c->shares[j].amount_fen;
		if (c->nshares > 0 && ic->nshares == 0 && fen != c->amount_fen && fen != kept_total)
			intake_problem_add(f->res, fld, "第%d项请求按各申请人分列金额，合计金额不能在此修改", i + 1);
		if (ic->nshares == 0)
			v[i].amount_fen = fen = c->nshares > 0 ? kept_total : fen;
		size_t ll = strlen(label);
		char *o = xasprintf("%s %s", c->cause, nz(c->cause_name)), *nw = xasprintf("%s %s", ic->cause, nz(cause_name));
		snprintf(label + ll, sizeof label - ll, "案由");
		field_change(f, label, o, nw);
		snprintf(label + ll, sizeof label - ll, "内容");
		field_change(f, label, c->text, ic->text);
		snprintf(label + ll, sizeof label - ll, "金额");
		field_change(f, label, money_format(c->amount_fen, amt0, sizeof amt0), money_format(fen, amt1, sizeof amt1));
		label[ll] = '\0';
		free(o);
		free(nw);
		free(cause_name);
		/* a respondent removed that the claim named (not all of them):
		 * the claim must say anew whom it is against */
		int gone = 0, named = c->nagainst > 0 && c->nagainst < f->cv.nrespondents;
		for (int j = 0; j < c->nagainst && named && !gone; j++) {
			int kept = 0;
			for (int r = 0; r < in->nrespondents && !kept; r++)
				kept = f->resp_old[r] == c->against[j];
			if (!kept)
				gone = c->against[j];
		}
		if (gone && ic->nagainst == 0) {
			const struct cv_party *r = cv_respondent(&f->cv, gone);
			snprintf(fld, sizeof fld, "claims[%d].against", i);
			intake_problem_add(f->res, fld, "第%d项请求针对的被申请人%d（%s）已被删除，请先修改该项请求，指明其被申请人",
					   i + 1, gone, r ? r->name : "");
			continue;
		}
		claim_parties_change(f, &f->cv, in, f->resp_old, c, ic, label);
	}
	if (f->res->nproblems > 0) {
		rc = REFUSED;
		goto out;
	}
	f->claims_changed = f->n > n0;
	/* the respondents renumbered or fewer or more: the claims name them
	 * by their new numbers */
	int renumbered = f->resp_moved || in->nrespondents != f->cv.nrespondents;
	if ((f->claims_changed || renumbered) && db_claims_replace(f->db, f->case_id, v, in->nclaims) < 0) {
		rc = FAILED;
		goto out;
	}
	for (int i = 0; i < in->nclaims && f->claims_changed; i++) {
		const struct intake_claim *ic = &in->claims[i];
		for (int j = 0; !old_ord[i] && j < ic->nshares; j++) {
			int64_t fen = amount_of(ic->shares[j].amount);
			if (db_claim_share_add(f->db, f->case_id, i + 1, ic->shares[j].applicant, fen) < 0) {
				rc = FAILED;
				goto out;
			}
		}
	}
out:
	for (int i = 0; i < in->nclaims; i++)
		free(against[i]);
	free(against);
	free(old_ord);
	free(v);
	return rc;
}

/* ---- the whole correction ------------------------------------------------------- */

static int is_rep_problem(const char *field)
{
	size_t n = strlen(field), t = strlen(".representative");

	return !strcmp(field, "representatives") ||
	       (!strncmp(field, "applicant[", 10) && n > t && !strcmp(field + n - t, ".representative"));
}

/* The representatives of a collective dispute (调解仲裁法 §7), over what
 * intake_check says of them.  A case that is collective stays so, with
 * fewer applicants too; while the correction leaves its representatives
 * as they are (the same applicants marked, none of them removed) it is
 * corrected as it stands - a case that grew collective by workers
 * joining it, or registered before there were any - else it keeps
 * INTAKE_MIN_ to INTAKE_MAX_REPRESENTATIVES of them, and removing one
 * that would leave too few is refused saying so. */
static void check_representatives(struct fix *f)
{
	const struct intake *in = f->in;
	struct intake_result *res = f->res;
	const struct cv_party *gone_rep = NULL;
	int same = 1, n = 0;

	for (int i = 0; i < in->napplicants; i++) {
		const struct cv_party *o = cv_party_at(f->cv.applicants, f->cv.napplicants, f->app_old[i]);
		int rep = in->applicants[i].representative != 0;
		n += rep;
		if ((o && o->representative) != rep)
			same = 0;
	}
	for (int k = 0; k < f->cv.napplicants; k++) {
		const struct cv_party *o = &f->cv.applicants[k];
		if (o->representative && !applicant_kept(f->app_old, in->napplicants, o->ord)) {
			same = 0;
			gone_rep = o;
		}
	}
	if (!f->cv.collective && in->napplicants < f->cfg->collective_threshold)
		return; /* not a collective dispute: intake_check's word, none */
	for (int i = 0; i < res->nproblems; i++)
		if (is_rep_problem(res->problems[i].field)) {
			memmove(&res->problems[i], &res->problems[i + 1],
				(size_t)(res->nproblems - i - 1) * sizeof res->problems[0]);
			res->nproblems--;
			i--;
		}
	if (same || in->napplicants < 1 || (n >= INTAKE_MIN_REPRESENTATIVES && n <= INTAKE_MAX_REPRESENTATIVES))
		return;
	if (gone_rep && n < INTAKE_MIN_REPRESENTATIVES)
		intake_problem_add(res, "representatives",
				   "申请人%s是集体争议的代表，删除后只剩%d名代表；集体争议须有%d至%d名代表，"
				   "请先推举代表再删除",
				   gone_rep->name, n, INTAKE_MIN_REPRESENTATIVES, INTAKE_MAX_REPRESENTATIVES);
	else
		intake_problem_add(res, "representatives", "集体争议（%d名劳动者）须有%d至%d名代表，现为%d名",
				   in->napplicants, INTAKE_MIN_REPRESENTATIVES, INTAKE_MAX_REPRESENTATIVES, n);
}

static void conflict(struct fix *f)
{
	struct intake_result *res = f->res;

	res->conflict = 1;
	snprintf(res->changed_by, sizeof res->changed_by, "%s", f->cv.updated_by ? f->cv.updated_by : "系统");
	snprintf(res->changed_at, sizeof res->changed_at, "%s", f->cv.updated_at);
	tj_error("案件已被 %s 于 %s 修改，请刷新后重新操作（您填写的内容已保留）", res->changed_by, res->changed_at);
}

static int correct_in_tx(struct fix *f, int64_t expect_version)
{
	const struct intake *in = f->in;
	struct intake_result *res = f->res;
	const char *reason;
	int found, rc;

	found = db_case_view_load(f->db, f->case_id, &f->cv);
	if (found < 0)
		return FAILED;
	if (!found) {
		tj_error("案件不存在");
		return REFUSED;
	}
	int s = status_from_keyword(f->cv.status_kw), p = perf_from_keyword(f->cv.perf_kw);
	if (s < 0 || p < 0) {
		tj_error("案件 %s 的状态 %s 无法识别", f->cv.case_no, f->cv.status_kw);
		return REFUSED;
	}
	f->cv.status = (enum case_status)s;
	res->status = f->cv.status;
	if (expect_version > 0 && expect_version != f->cv.version) {
		conflict(f);
		return REFUSED;
	}
	struct case_state cs = {.status = f->cv.status, .perf = (enum performance)p, .mediator_id = f->cv.mediator_id,
				.extended = f->cv.extended};
	if (lifecycle_check(ACT_EDIT, &cs, f->who, &reason) < 0) {
		tj_error("%s", reason);
		return REFUSED;
	}

	/* the application, checked as at registration */
	if (intake_check(f->db, f->cfg, in, res) < 0)
		return FAILED;
	/* the case's applicant each of the list's is */
	f->app_old = xcalloc((size_t)in->napplicants + 1, sizeof *f->app_old);
	if (applicant_origins(&f->cv, in, f->app_old, NULL) > 0 && res->nproblems == 0)
		applicant_origins(&f->cv, in, f->app_old, res);
	for (int i = 0; i < in->napplicants; i++)
		f->app_moved |= f->app_old[i] > 0 && f->app_old[i] != i + 1;
	check_representatives(f);
	/* the case's respondent each of the list's corrects */
	f->resp_old = xcalloc((size_t)in->nrespondents + 1, sizeof *f->resp_old);
	if (res->nproblems == 0)
		respondent_origins(&f->cv, in, f->resp_old, res);
	for (int i = 0; i < in->nrespondents; i++)
		f->resp_moved |= f->resp_old[i] > 0 && f->resp_old[i] != i + 1;
	/* a received date left blank keeps the case's */
	tj_day received;
	char recv[11];
	if (blank(in->received) || date_parse(in->received, &received) < 0)
		if (date_parse(f->cv.received, &received) < 0)
			received = tj_today();
	date_format(received, recv);
	/* a kept confirmation or acceptance cannot come before the receipt */
	if (res->nproblems == 0 && f->cv.accepted_at[0] && strncmp(recv, f->cv.accepted_at, 10) > 0)
		intake_problem_add(res, "received", "收件日期不能晚于受理日期 %.10s", f->cv.accepted_at);
	if (res->nproblems > 0) {
		tj_error("申请有%d处需要更正：%s", res->nproblems, res->problems[0].msg);
		return REFUSED;
	}

	/* the case's own fields */
	field_change(f, "申请渠道", word(VOCAB_CHANNEL, f->cv.channel), word(VOCAB_CHANNEL, in->channel));
	field_change(f, "收件日期", f->cv.received, recv);
	if (strcmp(nz(f->cv.facts), nz(in->facts)) != 0)
		add_change(f, xasprintf("事实与理由" LABEL_SEP "%s", nz(f->cv.facts)),
			   xasprintf("事实与理由" LABEL_SEP "%s", nz(in->facts)));
	if ((rc = fix_parties(f)) < 0)
		return rc;
	if ((rc = fix_claims(f)) < 0) {
		if (rc == REFUSED)
			tj_error("申请有%d处需要更正：%s", res->nproblems, res->problems[0].msg);
		return rc;
	}

	/* the confirmation and the deadline */
	struct case_edit e = {
		.id = f->case_id,
		.version = f->cv.version,
		.channel = in->channel,
		.received = recv,
		.facts = in->facts,
		.collective = f->cv.collective || in->napplicants >= f->cfg->collective_threshold,
		.status = status_keyword(f->cv.status),
		.confirm_how = f->cv.confirm_how[0] ? f->cv.confirm_how : NULL,
		.confirmed_at = f->cv.confirmed_at[0] ? f->cv.confirmed_at : NULL,
		.deadline = f->cv.deadline[0] ? f->cv.deadline : NULL,
		.now = f->now,
		.user_id = f->who->user_id,
	};
	enum case_status to = f->cv.status;
	if (f->claims_changed && f->cv.status == ST_CONFIRMED) {
		to = ST_REGISTERED;
		e.status = status_keyword(to);
		e.confirm_how = e.confirmed_at = NULL;
		res->reconfirm = 1;
	} else if (res->nproblems == 0 && f->cv.confirmed_at[0] && strncmp(recv, f->cv.confirmed_at, 10) > 0) {
		intake_problem_add(res, "received", "收件日期不能晚于申请人确认请求的日期 %.10s", f->cv.confirmed_at);
		tj_error("申请有%d处需要更正：%s", res->nproblems, res->problems[0].msg);
		return REFUSED;
	}
	char deadline[11];
	if ((to == ST_REGISTERED || to == ST_CONFIRMED) && strcmp(recv, f->cv.received) != 0) {
		/* the acceptance deadline runs from the receipt (调解仲裁法 §29) */
		struct holidays hol;
		holidays_init(&hol);
		if (holidays_from_db(f->db, &hol) < 0) {
			holidays_free(&hol);
			return FAILED;
		}
		date_format(deadline_compute(&hol, received, f->cfg->arbitration_days, f->cfg->arbitration_kind),
			    deadline);
		holidays_free(&hol);
		field_change(f, "受理期限", f->cv.deadline, deadline);
		e.deadline = deadline;
	}
	res->nchanges = f->n;
	if (f->n == 0 && f->narch == 0) {
		tj_error("申请内容没有变化，未作修改");
		return REFUSED;
	}

	found = db_case_edit(f->db, &e);
	if (found < 0)
		return FAILED;
	if (found == 0) {
		conflict(f);
		return REFUSED;
	}
	struct event_rec ev = {.at = f->now, .user_id = f->who->user_id, .case_id = f->case_id, .entity = "case",
			       .entity_id = f->case_id, .action = action_keyword(ACT_EDIT)};
	for (int i = 0; i < f->n; i++) {
		ev.before = f->v[i].before;
		ev.after = f->v[i].after;
		if (db_event_add(f->db, &ev) < 0)
			return FAILED;
	}
	if (res->reconfirm) {
		struct event_rec un = ev, note = ev;
		un.action = "unconfirm";
		un.before = status_keyword(f->cv.status);
		un.after = status_keyword(to);
		note.action = "note";
		note.before = "";
		note.after = RECONFIRM_NOTE;
		if (db_event_add(f->db, &un) < 0 || db_event_add(f->db, &note) < 0)
			return FAILED;
	}
	for (int i = 0; i < f->narch; i++)
		if (intake_archive_event(f->db, f->who, f->case_id, f->arch[i].entity, f->arch[i].id, f->arch[i].changes,
					 f->now) < 0)
			return FAILED;
	res->status = to;
	res->new_version = f->cv.version + 1;
	res->collective = e.collective;
	return 0;
}

int case_correct(struct db *db, const struct config *cfg, const struct actor *who, int64_t case_id,
		 int64_t expect_version, const struct intake *in, struct intake_result *res)
{
	struct fix f = {.db = db, .cfg = cfg, .who = who, .in = in, .res = res, .case_id = case_id};
	int rc;

	memset(res, 0, sizeof *res);
	tj_now_str(f.now);
	if (db_begin(db) < 0)
		return -1;
	rc = correct_in_tx(&f, expect_version);
	if (rc >= 0 && in->draft_id > 0 && db_draft_delete(db, who->user_id, in->draft_id) < 0)
		rc = FAILED;
	if (rc < 0) {
		char msg[1024];
		snprintf(msg, sizeof msg, "%s", tj_errmsg());
		db_rollback(db);
		if (rc == FAILED)
			tj_error("保存失败，未写入任何数据：%s", msg);
		else
			tj_error("%s", msg);
		res->new_version = 0;
	} else if (db_commit(db) < 0) {
		rc = FAILED;
	} else {
		res->case_id = case_id;
		res->case_no = xstrdup(f.cv.case_no);
	}
	fix_free(&f);
	return rc < 0 ? -1 : 0;
}

/* ---- for the form and the timeline ------------------------------------------------- */

int case_correct_resets(const struct case_view *cv, const struct intake *in)
{
	int any = 0, r = 0;

	if (cv->status != ST_CONFIRMED)
		return 0;
	if (in->nclaims != cv->nclaims)
		return 1;
	/* an applicant removed with his own amounts: their claims' totals
	 * change */
	int *app_old = xcalloc((size_t)in->napplicants + 1, sizeof *app_old);
	applicant_origins(cv, in, app_old, NULL);
	for (int k = 0; k < cv->nclaims && !r; k++)
		for (int j = 0; j < cv->claims[k].nshares && !r; j++)
			r = cv->claims[k].shares[j].amount_fen > 0 &&
			    !applicant_kept(app_old, in->napplicants, cv->claims[k].shares[j].applicant);
	free(app_old);
	if (r)
		return 1;
	int *resp_old = xcalloc((size_t)in->nrespondents + 1, sizeof *resp_old);
	respondent_origins(cv, in, resp_old, NULL);
	for (int i = 0; i < in->nclaims; i++)
		any |= in->claims[i].ord != 0;
	for (int i = 0; i < in->nclaims && !r; i++) {
		const struct intake_claim *ic = &in->claims[i];
		const struct cv_claim *c = NULL;
		int ord = any ? ic->ord : cv->claims[i].ord;
		for (int k = 0; k < cv->nclaims; k++)
			if (cv->claims[k].ord == ord)
				c = &cv->claims[k];
		r = !c || c->ord != i + 1 || strcmp(c->cause, nz(ic->cause)) != 0 || strcmp(c->text, nz(ic->text)) != 0 ||
		    c->amount_fen != amount_of(ic->amount) || claim_parties_change(NULL, cv, in, resp_old, c, ic, "");
	}
	free(resp_old);
	return r;
}

/* The label of a whole applicant ("申请人2"), added or removed: the
 * timeline says "增加申请人 张三", "删除申请人 李四". */
static int applicant_whole(const char *label, size_t ll)
{
	size_t wl = strlen("申请人");

	if (ll < wl || strncmp(label, "申请人", wl) != 0)
		return 0;
	for (size_t i = wl; i < ll; i++)
		if (label[i] < '0' || label[i] > '9')
			return 0;
	return 1;
}

char *case_edit_text(const char *before, const char *after)
{
	const char *one = before && *before ? before : nz(after);
	const char *sep = strstr(one, LABEL_SEP);
	size_t ll = sep ? (size_t)(sep - one) : strlen(one);
	const char *b = before && *before ? before + ll + (sep ? strlen(LABEL_SEP) : 0) : NULL;
	const char *a = after && *after ? after + ll + (sep ? strlen(LABEL_SEP) : 0) : NULL;

	if ((!b || !a) && applicant_whole(one, ll))
		return xasprintf("%s申请人 %s", b ? "删除" : "增加", b ? b : nz(a));
	if (!b)
		return xasprintf("新增%.*s：%s", (int)ll, one, nz(a));
	if (!a)
		return xasprintf("删除%.*s：%s", (int)ll, one, b);
	if (ll == strlen("事实与理由") && strncmp(one, "事实与理由", ll) == 0)
		return xstrdup("事实与理由已修改");
	return xasprintf("%.*s %s → %s", (int)ll, one, *b ? b : "（空）", *a ? a : "（空）");
}
