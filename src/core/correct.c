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
 * Parties are corrected by position.  A party whose particulars changed
 * gets its copy in the case rewritten (case_parties, migration 004) and
 * the archive (P/C档) updated with the changed particulars only - what
 * the clerk left as the case had it must not take back newer particulars
 * another application gave the archive - with the archive's own event, as
 * at registration; other cases keep their copies.  A party that did not
 * change leaves the archive alone.
 *
 * The claims are replaced by the list (db_claims_replace), each claim
 * naming the case's claim it corrects.  Changing the claims of a confirmed
 * case undoes the confirmation: back to registered, confirm_how and
 * confirmed_at cleared, an event 'unconfirm' (before/after the status
 * keywords, so `tiaojie check` follows it) and a note.  An accepted case
 * keeps its acceptance and its deadline; a case not yet accepted gets the
 * acceptance deadline of its corrected received date.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/calendar.h"
#include "tiaojie/casework.h"
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
	case_view_free(&f->cv);
}

/* "申请人", "申请人2 ": the label of a party's field. */
static void party_label(char *buf, size_t size, const char *who, int ord, int single, const char *field)
{
	if (single)
		snprintf(buf, size, "%s%s", who, field);
	else
		snprintf(buf, size, "%s%d %s", who, ord, field);
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

static int fix_applicant(struct fix *f, int i, int single)
{
	const struct intake_person *p = &f->in->applicants[i];
	const struct cv_party *o = i < f->cv.napplicants ? &f->cv.applicants[i] : NULL;
	struct person_norm n;
	char label[64];

	intake_person_norm(f->cfg, p, &n);
	struct party_snapshot s = person_snapshot(&n, p);
	if (!o) {
		/* a new applicant: into the archive as at registration */
		if (archive_person_fix(f, NULL, &n, &s.person_id) < 0)
			return FAILED;
		snprintf(label, sizeof label, "申请人%d", i + 1);
		add_change(f, xstrdup(""), xasprintf("%s" LABEL_SEP "%s", label, p->name));
		return db_case_party_put(f->db, f->case_id, "applicant", i + 1, &s) < 0 ? FAILED : 0;
	}
	int n0 = f->n;
#define PF(field, old, new)                                                 \
	do {                                                                \
		party_label(label, sizeof label, "申请人", i + 1, single, field); \
		field_change(f, label, old, new);                           \
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
	if (f->n == n0)
		return 0; /* as the case has it: the archive is left alone */
	if (archive_person_fix(f, o, &n, &s.person_id) < 0)
		return FAILED;
	return db_case_party_put(f->db, f->case_id, "applicant", i + 1, &s) < 0 ? FAILED : 0;
}

static const char *respondent_kind(const char *kw)
{
	return blank(kw) ? "employer" : kw;
}

static int fix_respondent(struct fix *f, int i, int single)
{
	const struct intake_employer *e = &f->in->respondents[i];
	const struct cv_party *o = i < f->cv.nrespondents ? &f->cv.respondents[i] : NULL;
	const char *kind = respondent_kind(e->kind);
	int individual = strcmp(kind, "individual") == 0;
	struct employer_norm en;
	struct person_norm pn;
	char label[64], *changes = NULL;
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
		snprintf(label, sizeof label, "被申请人%d", i + 1);
		add_change(f, xstrdup(""), xasprintf("%s" LABEL_SEP "%s", label, e->name));
		return db_case_party_put(f->db, f->case_id, "respondent", i + 1, &s) < 0 ? FAILED : 0;
	}
	int was_individual = strcmp(respondent_kind(o->kind), "individual") == 0;
	int n0 = f->n;
#define RF(field, old, new)                                                   \
	do {                                                                  \
		party_label(label, sizeof label, "被申请人", i + 1, single, field); \
		field_change(f, label, old, new);                             \
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
	if (individual) {
		if (f->n == n0)
			return 0;
		if (archive_person_fix(f, was_individual ? o : NULL, &pn, &s.person_id) < 0)
			return FAILED;
		return db_case_party_put(f->db, f->case_id, "respondent", i + 1, &s) < 0 ? FAILED : 0;
	}
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
		if (r.name || r.legal_rep || r.legal_rep_title || r.address || r.phone || r.district || r.industry) {
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
	if (f->n == n0 && s.employer_id == o->id)
		return 0;
	return db_case_party_put(f->db, f->case_id, "respondent", i + 1, &s) < 0 ? FAILED : 0;
}

static int fix_parties(struct fix *f)
{
	const struct intake *in = f->in;
	int rc;

	int single = in->napplicants == 1 && f->cv.napplicants == 1;
	for (int i = 0; i < in->napplicants; i++)
		if ((rc = fix_applicant(f, i, single)) < 0)
			return rc;
	for (int i = in->napplicants; i < f->cv.napplicants; i++) {
		add_change(f, xasprintf("申请人%d" LABEL_SEP "%s", i + 1, f->cv.applicants[i].name), xstrdup(""));
		if (db_case_party_remove(f->db, f->case_id, "applicant", i + 1) < 0)
			return FAILED;
	}
	single = in->nrespondents == 1 && f->cv.nrespondents == 1;
	for (int i = 0; i < in->nrespondents; i++)
		if ((rc = fix_respondent(f, i, single)) < 0)
			return rc;
	for (int i = in->nrespondents; i < f->cv.nrespondents; i++) {
		add_change(f, xasprintf("被申请人%d" LABEL_SEP "%s", i + 1, f->cv.respondents[i].name), xstrdup(""));
		if (db_case_party_remove(f->db, f->case_id, "respondent", i + 1) < 0)
			return FAILED;
	}
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

static int fix_claims(struct fix *f)
{
	const struct intake *in = f->in;
	int *old_ord = xcalloc((size_t)in->nclaims + 1, sizeof *old_ord);
	struct claim_edit *v = xcalloc((size_t)in->nclaims + 1, sizeof *v);
	char **against = xcalloc((size_t)in->nclaims + 1, sizeof *against);
	char label[64], amt0[32], amt1[32], fld[48];
	int rc = 0, adjusted = 0;

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
			add_change(f, xasprintf("请求%d" LABEL_SEP "%s", c->ord, whole), xstrdup(""));
			free(whole);
		}
	}
	for (int i = 0; i < in->nclaims; i++) {
		const struct intake_claim *ic = &in->claims[i];
		int64_t fen = intake_claim_total(ic);
		char *cause_name = NULL;
		v[i] = (struct claim_edit){.old_ord = old_ord[i], .cause = ic->cause, .text = ic->text, .amount_fen = fen};
		if (!old_ord[i]) {
			/* a new claim: its respondents, joint liability and
			 * per-worker amounts as given */
			struct strbuf sb;
			sb_init(&sb);
			for (int j = 0; j < ic->nagainst; j++)
				sb_printf(&sb, "%s%d", j ? "," : "", ic->against[j]);
			against[i] = sb.len ? sb_detach(&sb) : NULL;
			sb_free(&sb);
			v[i].against = against[i];
			v[i].joint = ic->joint != 0;
		}
		if (db_cause_get(f->db, ic->cause, &cause_name) < 0) {
			rc = FAILED;
			goto out;
		}
		if (!old_ord[i]) {
			char *whole = claim_whole(ic->cause, cause_name, ic->text, fen);
			add_change(f, xstrdup(""), xasprintf("请求%d" LABEL_SEP "%s", i + 1, whole));
			free(whole);
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
		/* a kept claim keeps its respondents, joint liability and
		 * per-worker amounts: the amount of one with per-worker amounts
		 * is their total and is not corrected here */
		snprintf(fld, sizeof fld, "claims[%d].amount", i);
		if (c->nshares > 0 && ic->nshares == 0 && fen != c->amount_fen)
			intake_problem_add(f->res, fld, "第%d项请求按各申请人分列金额，合计金额不能在此修改", i + 1);
		if (ic->nshares == 0)
			v[i].amount_fen = fen = c->nshares > 0 ? c->amount_fen : fen;
		/* a respondent removed that the claim names */
		if (in->nrespondents < f->cv.nrespondents) {
			int gone = 0;
			for (int j = 0; j < c->nagainst; j++)
				gone |= c->against[j] > in->nrespondents;
			if (gone && c->nagainst >= f->cv.nrespondents) {
				v[i].against = ""; /* all of them, as it was */
				adjusted = 1;
			} else if (gone) {
				snprintf(fld, sizeof fld, "claims[%d].against", i);
				intake_problem_add(f->res, fld, "第%d项请求针对的被申请人已被删除，请先修改该项请求", i + 1);
			}
		}
		size_t ll = strlen(label);
		char *o = xasprintf("%s %s", c->cause, nz(c->cause_name)), *nw = xasprintf("%s %s", ic->cause, nz(cause_name));
		snprintf(label + ll, sizeof label - ll, "案由");
		field_change(f, label, o, nw);
		snprintf(label + ll, sizeof label - ll, "内容");
		field_change(f, label, c->text, ic->text);
		snprintf(label + ll, sizeof label - ll, "金额");
		field_change(f, label, money_format(c->amount_fen, amt0, sizeof amt0), money_format(fen, amt1, sizeof amt1));
		free(o);
		free(nw);
		free(cause_name);
	}
	if (f->res->nproblems > 0) {
		rc = REFUSED;
		goto out;
	}
	f->claims_changed = f->n > n0;
	if ((f->claims_changed || adjusted) && db_claims_replace(f->db, f->case_id, v, in->nclaims) < 0) {
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
	/* except the representatives of a collective dispute while the
	 * correction leaves them as they are: a case that grew collective
	 * by workers joining it, or registered before there were any, is
	 * still corrected */
	int same_reps = in->napplicants == f->cv.napplicants;
	for (int i = 0; same_reps && i < in->napplicants; i++)
		same_reps = (in->applicants[i].representative != 0) == (f->cv.applicants[i].representative != 0);
	for (int i = 0; same_reps && i < res->nproblems; i++)
		if (!strcmp(res->problems[i].field, "representatives")) {
			memmove(&res->problems[i], &res->problems[i + 1],
				(size_t)(res->nproblems - i - 1) * sizeof res->problems[0]);
			res->nproblems--;
			i--;
		}
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
	int any = 0;

	if (cv->status != ST_CONFIRMED)
		return 0;
	if (in->nclaims != cv->nclaims)
		return 1;
	for (int i = 0; i < in->nclaims; i++)
		any |= in->claims[i].ord != 0;
	for (int i = 0; i < in->nclaims; i++) {
		const struct intake_claim *ic = &in->claims[i];
		const struct cv_claim *c = NULL;
		int ord = any ? ic->ord : cv->claims[i].ord;
		for (int k = 0; k < cv->nclaims; k++)
			if (cv->claims[k].ord == ord)
				c = &cv->claims[k];
		if (!c || c->ord != i + 1 || strcmp(c->cause, nz(ic->cause)) != 0 || strcmp(c->text, nz(ic->text)) != 0 ||
		    c->amount_fen != amount_of(ic->amount))
			return 1;
	}
	return 0;
}

char *case_edit_text(const char *before, const char *after)
{
	const char *one = before && *before ? before : nz(after);
	const char *sep = strstr(one, LABEL_SEP);
	size_t ll = sep ? (size_t)(sep - one) : strlen(one);
	const char *b = before && *before ? before + ll + (sep ? strlen(LABEL_SEP) : 0) : NULL;
	const char *a = after && *after ? after + ll + (sep ? strlen(LABEL_SEP) : 0) : NULL;

	if (!b)
		return xasprintf("新增%.*s：%s", (int)ll, one, nz(a));
	if (!a)
		return xasprintf("删除%.*s：%s", (int)ll, one, b);
	if (ll == strlen("事实与理由") && strncmp(one, "事实与理由", ll) == 0)
		return xstrdup("事实与理由已修改");
	return xasprintf("%.*s %s → %s", (int)ll, one, *b ? b : "（空）", *a ? a : "（空）");
}
