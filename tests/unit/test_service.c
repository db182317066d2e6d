/*
 * test_service.c - service (送达) of the documents a case issues: the
 * parties a document is addressed to (a collective case's
 * representatives for its workers), the pending rows made at issue, the
 * receipt's enquiry code kept only as a hash, the rules of recording a
 * service (邮寄 needs a tracking number, 电子 the party's consent, 直接 a
 * signer, 留置 witnesses, real dates between the issue and today), each
 * refusal at its field with nothing written, the record and its event in
 * one transaction (which deletes the dialog's draft), no second record, the
 * work desk's 待送达文书 count, and a certificate for a chosen document
 * and party (doc_pick_resolve).
 */
#include "tap.h"
#include "testdb.h"
#include "tiaojie/auth.h"
#include "tiaojie/casework.h"
#include "tiaojie/docs.h"
#include "tiaojie/draft.h"
#include "tiaojie/intake.h"
#include "tiaojie/search.h"
#include "tiaojie/service.h"

#define CHECK_HAS(hay, needle)                                                                       \
	do {                                                                                         \
		const char *h_ = (hay), *n_ = (needle);                                              \
		CHECK(h_ && strstr(h_, n_) != NULL, "\"%s\" lacks \"%s\"", h_ ? h_ : "(null)", n_); \
	} while (0)

static struct config cfg;
static struct db *db;
static struct actor clerk = {.role = ROLE_CLERK, .user_id = 0};

static int64_t reg(void)
{
	struct intake_person p = {.id_type = "id", .id_no = "11010519491231002X", .name = "张三",
				  .phone = "13812345678", .address = "上海市某某路1号"};
	struct intake_employer e = {.name = "上海某某科技有限公司"};
	struct intake_claim c = {.cause = "0601", .text = "支付拖欠工资", .amount = "1000"};
	struct intake in = {.channel = "window", .facts = "申请人被拖欠工资。", .napplicants = 1, .applicants = &p,
			    .nrespondents = 1, .respondents = &e, .nclaims = 1, .claims = &c};
	struct intake_result res = {0};

	if (intake_register(db, &cfg, &clerk, &in, &res) < 0)
		return -1;
	free(res.case_no);
	return res.case_id;
}

static int64_t count(const char *sql, int64_t id)
{
	return testdb_int_id(db, sql, id);
}

/* The case's first service row not yet served (0 none). */
static int64_t open_service(int64_t case_id)
{
	return count("SELECT coalesce(min(id), 0) FROM services WHERE case_id = ? AND served_on IS NULL", case_id);
}

/* Record op; on refusal the field named must be want_field and the
 * message must contain want_msg, and nothing may be written. */
static void refused(const struct service_op *op, const char *want_field, const char *want_msg)
{
	char field[16];
	int64_t served = count("SELECT count(*) FROM services WHERE case_id = ? AND served_on IS NOT NULL", op->case_id);
	int64_t events = count("SELECT count(*) FROM events WHERE case_id = ? AND action = 'serve'", op->case_id);

	tj_error_clear();
	CHECK_INT(service_record(db, &clerk, op, field), -1);
	CHECK_STR(field, want_field);
	CHECK_HAS(tj_errmsg(), want_msg);
	CHECK_INT(count("SELECT count(*) FROM services WHERE case_id = ? AND served_on IS NOT NULL", op->case_id), served);
	CHECK_INT(count("SELECT count(*) FROM events WHERE case_id = ? AND action = 'serve'", op->case_id), events);
}

static int64_t unserved_queue(void)
{
	int64_t counts[Q_COUNT], n = -1;

	CHECK_INT(queue_counts(db, &cfg, &clerk, tj_today(), counts), 0);
	CHECK_INT(service_unserved_count(db, &clerk, &n), 0);
	CHECK_INT(n, counts[Q_UNSERVED]);
	return counts[Q_UNSERVED];
}

static void test_addressees(void)
{
	struct cv_party apps[3], resps[2];
	struct case_view cv;
	struct doc_addressee *ad;
	int n;

	memset(&cv, 0, sizeof cv);
	memset(apps, 0, sizeof apps);
	memset(resps, 0, sizeof resps);
	for (int i = 0; i < 3; i++) {
		apps[i].ord = i + 1;
		apps[i].name = (char *)(i == 0 ? "甲" : i == 1 ? "乙" : "丙");
	}
	for (int i = 0; i < 2; i++) {
		resps[i].ord = i + 1;
		resps[i].name = (char *)(i == 0 ? "甲公司" : "乙公司");
	}
	cv.applicants = apps;
	cv.napplicants = 3;
	cv.respondents = resps;
	cv.nrespondents = 2;

	/* several applicants and respondents: each one */
	n = doc_addressees(&cv, DOC_SESSION, 0, &ad);
	CHECK_INT(n, 5);
	CHECK_STR(ad[4].role, "respondent");
	CHECK_INT(ad[4].ord, 2);
	free(ad);
	n = doc_addressees(&cv, DOC_RECEIPT, 0, &ad);
	CHECK_INT(n, 3);
	free(ad);
	n = doc_addressees(&cv, DOC_REJECTION, 0, &ad);
	CHECK_INT(n, 3);
	free(ad);
	/* kept on file, served on nobody */
	CHECK_INT(doc_addressees(&cv, DOC_EVIDENCE, 0, &ad), 0);
	free(ad);
	CHECK_INT(doc_addressees(&cv, DOC_APPLICATION, 0, &ad), 0);
	free(ad);
	/* a collective case: its representatives stand for the workers */
	cv.collective = 1;
	apps[1].representative = 1;
	n = doc_addressees(&cv, DOC_ACCEPTANCE, 0, &ad);
	CHECK_INT(n, 3);
	CHECK_STR(ad[0].p->name, "乙");
	free(ad);
	/* without representatives elected: every worker */
	apps[1].representative = 0;
	CHECK_INT(doc_addressees(&cv, DOC_ACCEPTANCE, 0, &ad), 5);
	free(ad);
}

int main(void)
{
	setenv("TIAOJIE_NOW", "2026-11-20 10:00:00", 1);
	config_defaults(&cfg);
	db = testdb_new("service.db");
	test_addressees();

	int64_t id = reg();
	CHECK(id > 0, "case registered: %s", tj_errmsg());
	CHECK_INT(unserved_queue(), 0);

	/* a receipt: one row to serve (the applicant), the code only hashed */
	char *text = NULL;
	CHECK_INT(doc_issue(db, &cfg, &clerk, id, DOC_RECEIPT, NULL, &text), 0);
	CHECK_HAS(text, "收件回执");
	CHECK_HAS(text, "张三");
	const char *at = text ? strstr(text, "案件查询码：") : NULL;
	CHECK(at != NULL, "the receipt prints the enquiry code");
	char code[16] = "";
	if (at)
		sscanf(at + strlen("案件查询码："), "%8s", code);
	CHECK_INT((int)strlen(code), 8);
	char *hash = testdb_text(db, "SELECT enquiry_hash FROM documents WHERE case_id = ? AND kind = 'receipt'", id);
	CHECK(strncmp(hash, "$y$", 3) == 0, "the code is kept as a yescrypt hash: %s", hash);
	CHECK_INT(auth_verify(code, hash), 1);
	CHECK_INT(auth_verify("AAAAAAAA", hash), 0);
	CHECK(strstr(hash, code) == NULL, "the hash does not hold the code");
	free(hash);
	free(text);
	/* the receipt states the time for the decision: 5 days from receipt,
	 * 2026-11-25 */
	CHECK_INT(doc_issue(db, &cfg, &clerk, id, DOC_RECEIPT, NULL, &text), 0);
	CHECK_HAS(text, "5日内（即2026年11月25日前）");
	free(text);
	/* the second copy is the one to serve: the first leaves the queue,
	 * and the trail says so */
	CHECK_INT(count("SELECT count(*) FROM services WHERE case_id = ? AND served_on IS NULL", id), 1);
	CHECK_INT(count("SELECT count(*) FROM services WHERE case_id = ? AND role = 'applicant' AND ord = 1 AND name = '张三' "
			"AND document_id = (SELECT max(id) FROM documents WHERE kind = 'receipt')", id), 1);
	CHECK_INT(unserved_queue(), 1);
	char *re = testdb_text(db, "SELECT after FROM events WHERE case_id = ? AND action = 'document' ORDER BY id DESC LIMIT 1", id);
	CHECK_HAS(re, "代替此前未送达的同类文书，待送达1处改为送达本份");
	free(re);

	/* ---- the rules, each refused at its field with nothing written */
	struct service_op op = {.case_id = id, .service_id = open_service(id), .method = "post",
				.served_on = "2026-11-20"};
	refused(&(struct service_op){.case_id = id, .service_id = 0, .method = "direct", .signed_by = "张三",
				     .served_on = "2026-11-20"},
		"service", "请选择要登记送达的文书");
	refused(&(struct service_op){.case_id = id, .service_id = op.service_id, .method = NULL,
				     .served_on = "2026-11-20"},
		"method", "送达方式");
	refused(&(struct service_op){.case_id = id, .service_id = op.service_id, .method = "fax",
				     .served_on = "2026-11-20"},
		"method", "送达方式");
	refused(&op, "tracking", "邮寄送达须填写邮件号码");
	op.tracking = "EA 123";
	refused(&op, "tracking", "只能包含字母、数字");
	op.tracking = "EA1234567890123456789012345678901234567890";
	refused(&op, "tracking", "最多40个字符");
	op.tracking = "EA123456789CN";
	op.served_on = "2026-02-30";
	refused(&op, "served_on", "不是有效日期");
	op.served_on = "2026/11/20";
	refused(&op, "served_on", "不是有效日期");
	op.served_on = "";
	refused(&op, "served_on", "请填写送达日期");
	op.served_on = "2026-11-21";
	refused(&op, "served_on", "不能晚于今天");
	op.served_on = "2026-11-19";
	refused(&op, "served_on", "不能早于文书出具日期");
	refused(&(struct service_op){.case_id = id, .service_id = op.service_id, .method = "electronic",
				     .served_on = "2026-11-20"},
		"consent", "未同意电子送达");
	refused(&(struct service_op){.case_id = id, .service_id = op.service_id, .method = "direct",
				     .served_on = "2026-11-20"},
		"signed_by", "签收人");
	refused(&(struct service_op){.case_id = id, .service_id = op.service_id, .method = "lodged",
				     .signed_by = "  ", .served_on = "2026-11-20"},
		"signed_by", "见证人");
	/* a service of another case is no service of this one */
	refused(&(struct service_op){.case_id = id + 1000, .service_id = op.service_id, .method = "public",
				     .served_on = "2026-11-20"},
		"", "案件不存在");

	/* ---- by post, right: the row and its event */
	char field[16];
	op.served_on = "2026-11-20";
	op.signed_by = "张三";
	tj_error_clear();
	CHECK_INT(service_record(db, &clerk, &op, field), 0);
	char *row = testdb_text(db, "SELECT method || '|' || tracking || '|' || served_on || '|' || signed_by FROM services WHERE id = ?",
				op.service_id);
	CHECK_STR(row, "post|EA123456789CN|2026-11-20|张三");
	free(row);
	char *ev = testdb_text(db, "SELECT after FROM events WHERE case_id = ? AND action = 'serve'", id);
	CHECK_HAS(ev, "收件回执 → 申请人张三：邮寄送达，2026-11-20，邮件号码 EA123456789CN");
	free(ev);
	/* not twice */
	refused(&op, "service", "不能重复登记");
	CHECK_INT(unserved_queue(), 0);
	/* a copy printed after one was served replaces nothing served */
	CHECK_INT(doc_issue(db, &cfg, &clerk, id, DOC_RECEIPT, NULL, &text), 0);
	free(text);
	CHECK_INT(count("SELECT count(*) FROM services WHERE case_id = ? AND served_on IS NOT NULL", id), 1);
	re = testdb_text(db, "SELECT after FROM events WHERE case_id = ? AND action = 'document' ORDER BY id DESC LIMIT 1", id);
	CHECK(re && !strstr(re, "代替"), "nothing replaced: %s", re);
	free(re);
	CHECK_INT(unserved_queue(), 1); /* the third receipt is open */

	/* ---- electronically: with the consent put on file now, then on file */
	struct service_op el = {.case_id = id, .service_id = open_service(id), .method = "electronic",
				.served_on = "2026-11-20", .consent_now = 1};
	CHECK(el.service_id > 0, "a second service is open");
	tj_error_clear();
	CHECK_INT(service_record(db, &clerk, &el, field), 0);
	char *consent = testdb_text(db, "SELECT e_consent FROM case_parties WHERE case_id = ? AND role = 'applicant'", id);
	CHECK_STR(consent, "2026-11-20");
	free(consent);
	ev = testdb_text(db, "SELECT after FROM events WHERE case_id = ? AND action = 'serve' ORDER BY id DESC LIMIT 1", id);
	CHECK_HAS(ev, "电子送达确认书已附卷");
	free(ev);
	CHECK_INT(unserved_queue(), 0);
	CHECK_INT(doc_issue(db, &cfg, &clerk, id, DOC_RECEIPT, NULL, &text), 0);
	free(text);
	el.service_id = open_service(id);
	el.consent_now = 0;
	/* the dialog's draft goes with the record, in its transaction; a
	 * refused record leaves it */
	struct user_rec u;
	struct actor typist = clerk;
	int64_t draft = 0;
	CHECK_INT(auth_user_add(db, &cfg, 0, "typist", "窗口二", "clerk", "secret-pass-1", 0), 0);
	CHECK_INT(db_user_get(db, "typist", &u), 1);
	typist.user_id = u.id;
	user_rec_free(&u);
	CHECK_INT(draft_keep(db, typist.user_id, "case", "case_id=1\naction=serve\n", &draft), 0);
	el.draft_id = draft;
	el.served_on = "2026-11-21";
	tj_error_clear();
	CHECK_INT(service_record(db, &typist, &el, field), -1);
	CHECK_INT(count("SELECT count(*) FROM drafts WHERE id = ?", draft), 1);
	el.served_on = "2026-11-20";
	tj_error_clear();
	CHECK_INT(service_record(db, &typist, &el, field), 0);
	CHECK_INT(count("SELECT count(*) FROM drafts WHERE id = ?", draft), 0);
	el.draft_id = 0;
	CHECK_INT(count("SELECT count(*) FROM events WHERE case_id = ? AND action = 'serve'", id), 3);

	/* ---- the case view: each service under its document */
	struct case_view cv;
	CHECK_INT(case_load(db, &clerk, id, &cv), 1);
	CHECK_INT(cv.nservices, 3);
	CHECK_STR(cv.services[0].method, "post");
	CHECK_STR(cv.services[0].tracking, "EA123456789CN");
	CHECK_STR(cv.applicants[0].e_consent, "2026-11-20");
	CHECK_INT(doc_unserved(&cv), 0);
	/* a 送达回证 for the latest document: its party with the record */
	CHECK_INT(doc_service_target(&cv), cv.ndocuments - 1);
	case_view_free(&cv);
	CHECK_INT(doc_issue(db, &cfg, &clerk, id, DOC_SERVICE, NULL, &text), 0);
	CHECK_HAS(text, "送达回证");
	CHECK_HAS(text, "送达文书：收件回执");
	CHECK_HAS(text, "受送达人：申请人张三");
	CHECK_HAS(text, "送达方式：电子送达");
	CHECK_HAS(text, "送达日期：2026年11月20日");
	free(text);
	/* the certificate itself is not served again */
	CHECK_INT(unserved_queue(), 0);

	/* ---- a chosen document and party (doc_pick_resolve): numbers as
	 * tiaojie show gives them; what is not there refused, naming what is */
	CHECK_INT(case_load(db, &clerk, id, &cv), 1);
	int ses, doc, svc, dno, pno;
	/* the first receipt was replaced by the second before it was served */
	CHECK_INT(doc_pick_resolve(&cv, DOC_SERVICE, &(struct doc_pick){.document = 1, .party = 1}, &ses, &doc, &svc), -1);
	CHECK_HAS(tj_errmsg(), "第 1 份文书（收件回执）未送达即由之后出具的一份代替，没有送达回证");
	CHECK_INT(doc_pick_resolve(&cv, DOC_SERVICE, &(struct doc_pick){.document = 2, .party = 1}, &ses, &doc, &svc), 0);
	CHECK_INT(doc, 1);
	CHECK_INT(svc, 0);
	doc_service_numbers(&cv, svc, &dno, &pno);
	CHECK_INT(dno, 2);
	CHECK_INT(pno, 1);
	CHECK_INT(doc_pick_resolve(&cv, DOC_SERVICE, &(struct doc_pick){.document = 2, .party = 2}, &ses, &doc, &svc), -1);
	CHECK_HAS(tj_errmsg(), "没有第 2 位受送达人（共 1 位：1 申请人张三）");
	CHECK_INT(doc_pick_resolve(&cv, DOC_SERVICE, &(struct doc_pick){.document = 99}, &ses, &doc, &svc), -1);
	CHECK_HAS(tj_errmsg(), "没有第 99 份文书");
	/* the 送达回证 issued above is served on nobody */
	CHECK_INT(doc_pick_resolve(&cv, DOC_SERVICE, &(struct doc_pick){.document = cv.ndocuments}, &ses, &doc, &svc), -1);
	CHECK_HAS(tj_errmsg(), "（送达回证）不送达当事人");
	CHECK_INT(doc_pick_resolve(&cv, DOC_SESSION, &(struct doc_pick){.session = 1}, &ses, &doc, &svc), -1);
	CHECK_HAS(tj_errmsg(), "没有调解安排");
	CHECK_INT(doc_pick_resolve(&cv, DOC_EVIDENCE, &(struct doc_pick){.party = 1}, &ses, &doc, &svc), -1);
	CHECK_HAS(tj_errmsg(), "只有送达回证可以选定");
	/* no pick: the defaults, every party */
	CHECK_INT(doc_pick_resolve(&cv, DOC_SERVICE, NULL, &ses, &doc, &svc), 0);
	CHECK_INT(doc, doc_service_target(&cv));
	CHECK_INT(svc, -1);
	case_view_free(&cv);
	CHECK_INT(doc_issue_pick(db, &cfg, &clerk, id, DOC_SERVICE, &(struct doc_pick){.document = 3, .party = 1}, NULL,
			     &text), 0);
	CHECK_HAS(text, "送达文书：收件回执");
	CHECK_HAS(text, "送达方式：电子送达");
	free(text);

	/* a mediator who is not the case's sees nothing of it */
	struct actor med = {.role = ROLE_MEDIATOR, .user_id = 0, .mediator_id = 99};
	tj_error_clear();
	CHECK_INT(service_record(db, &med, &op, field), -1);

	db_close(db);
	config_free(&cfg);
	testdb_cleanup();
	return tap_done();
}
