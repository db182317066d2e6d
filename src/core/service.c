/*
 * service.c - the rules of recording service (送达), service.h has them
 * in full; the rows are src/db/service.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/access.h"
#include "tiaojie/calendar.h"
#include "tiaojie/casework.h"
#include "tiaojie/service.h"
#include "tiaojie/util.h"
#include "tiaojie/vocab.h"

static int refuse(char *field, const char *which, const char *msg)
{
	snprintf(field, 16, "%s", which);
	tj_error("%s", msg);
	return -1;
}

static int blank(const char *s)
{
	return !s || !*s || strspn(s, " \t") == strlen(s);
}

static const struct cv_party *party_of(const struct case_view *cv, const struct cv_service *sv)
{
	int app = strcmp(sv->role, "applicant") == 0;
	const struct cv_party *v = app ? cv->applicants : cv->respondents;
	int n = app ? cv->napplicants : cv->nrespondents;

	for (int i = 0; i < n; i++)
		if (v[i].ord == sv->ord)
			return &v[i];
	return NULL;
}

/* The checks that need no database: 0 or -1 with the message and field. */
static int check(const struct case_view *cv, const struct service_op *op, const struct cv_service *sv,
		 const struct cv_document *doc, char *field)
{
	char today[11];
	tj_day d;
	int m = op->method ? vocab_index(VOCAB_SERVICE, op->method) : -1;

	if (m < 0)
		return refuse(field, "method", "请选择送达方式");
	if (!strcmp(op->method, "post")) {
		const char *t = op->tracking ? op->tracking : "";
		if (blank(t))
			return refuse(field, "tracking", "邮寄送达须填写邮件号码");
		if (strlen(t) > SERVICE_MAX_TRACKING) {
			tj_error("邮件号码过长（最多%d个字符，现有%zu个）", SERVICE_MAX_TRACKING, strlen(t));
			snprintf(field, 16, "tracking");
			return -1;
		}
		if (strspn(t, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-") != strlen(t))
			return refuse(field, "tracking", "邮件号码只能包含字母、数字和“-”");
	}
	if (!strcmp(op->method, "electronic")) {
		const struct cv_party *p = party_of(cv, sv);
		if (!(p && p->e_consent[0]) && !op->consent_now) {
			tj_error("%s%s未同意电子送达（案卷中没有其签署的电子送达确认书），不能电子送达",
				 vocab_label(VOCAB_PARTY, sv->role), sv->name);
			snprintf(field, 16, "consent");
			return -1;
		}
	}
	if (!strcmp(op->method, "direct") && blank(op->signed_by))
		return refuse(field, "signed_by", "直接送达须填写签收人（受送达人本人、代理人或同住成年家属）");
	if (!strcmp(op->method, "lodged") && blank(op->signed_by))
		return refuse(field, "signed_by", "留置送达须填写到场见证人");
	if (op->signed_by && utf8_chars(op->signed_by) > SERVICE_MAX_SIGNED) {
		tj_error("签收人过长（最多%d个字，现有%zu个字）", SERVICE_MAX_SIGNED, utf8_chars(op->signed_by));
		snprintf(field, 16, "signed_by");
		return -1;
	}
	if (blank(op->served_on))
		return refuse(field, "served_on", "请填写送达日期（如 2026-12-05）");
	if (strlen(op->served_on) != 10 || date_parse(op->served_on, &d) < 0)
		return refuse(field, "served_on", "送达日期不是有效日期，应写成 2026-12-05");
	date_format(tj_today(), today);
	if (strcmp(op->served_on, today) > 0)
		return refuse(field, "served_on", "送达日期不能晚于今天");
	if (doc->issued_at && strncmp(op->served_on, doc->issued_at, 10) < 0) {
		tj_error("送达日期不能早于文书出具日期（%.10s）", doc->issued_at);
		snprintf(field, 16, "served_on");
		return -1;
	}
	return 0;
}

int service_record(struct db *db, const struct actor *who, const struct service_op *op, char *field)
{
	struct case_view cv;
	const struct cv_service *sv = NULL;
	const struct cv_document *doc = NULL;
	char now[20];
	int rc = -1;

	field[0] = '\0';
	if (case_load(db, who, op->case_id, &cv) <= 0)
		return -1;
	for (int i = 0; i < cv.nservices; i++)
		if (cv.services[i].id == op->service_id)
			sv = &cv.services[i];
	for (int i = 0; sv && i < cv.ndocuments; i++)
		if (cv.documents[i].id == sv->document_id)
			doc = &cv.documents[i];
	if (!sv || !doc) {
		refuse(field, "service", "请选择要登记送达的文书和受送达人");
		goto out;
	}
	if (sv->served_on[0]) {
		tj_error("%s已于 %s 登记送达%s%s，不能重复登记", sv->name, sv->served_on,
			 sv->user && *sv->user ? "，登记人" : "", sv->user ? sv->user : "");
		snprintf(field, 16, "service");
		goto out;
	}
	if (check(&cv, op, sv, doc, field) < 0)
		goto out;

	const char *kind = vocab_label(VOCAB_DOC_KIND, doc->kind);
	const char *method = vocab_label(VOCAB_SERVICE, op->method);
	struct strbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "%s → %s%s：%s，%s", kind ? kind : doc->kind,
		  vocab_label(VOCAB_PARTY, sv->role), sv->name, method, op->served_on);
	if (!strcmp(op->method, "post"))
		sb_printf(&sb, "，邮件号码 %s", op->tracking);
	if (!blank(op->signed_by))
		sb_printf(&sb, "，%s %s", !strcmp(op->method, "lodged") ? "见证人" : "签收人", op->signed_by);
	if (!strcmp(op->method, "electronic") && op->consent_now && !party_of(&cv, sv)->e_consent[0])
		sb_add(&sb, "（电子送达确认书已附卷）");
	tj_now_str(now);
	struct event_rec ev = {
		.at = now,
		.user_id = who->user_id,
		.case_id = cv.id,
		.entity = "case",
		.entity_id = cv.id,
		.action = "serve",
		.before = "",
		.after = sb.buf,
	};
	struct service_set set = {
		.id = sv->id,
		.case_id = cv.id,
		.method = op->method,
		.tracking = !strcmp(op->method, "post") ? op->tracking : "",
		.served_on = op->served_on,
		.signed_by = blank(op->signed_by) ? "" : op->signed_by,
		.recorded_at = now,
		.user_id = who->user_id,
	};
	char today[11];
	date_format(tj_today(), today);
	if (db_begin(db) < 0) {
		sb_free(&sb);
		goto out;
	}
	int done = 0;
	if (!strcmp(op->method, "electronic") && op->consent_now && !party_of(&cv, sv)->e_consent[0] &&
	    db_party_econsent_set(db, cv.id, sv->role, sv->ord, today) < 0)
		goto fail;
	done = db_service_set(db, &set);
	if (done < 0)
		goto fail;
	if (done == 0) {
		tj_error("%s的送达刚刚已由他人登记，请刷新后查看", sv->name);
		snprintf(field, 16, "service");
		goto fail;
	}
	if ((op->draft_id > 0 && db_draft_delete(db, who->user_id, op->draft_id) < 0) || db_event_add(db, &ev) < 0 ||
	    db_commit(db) < 0)
		goto fail;
	sb_free(&sb);
	rc = 0;
	goto out;
fail:
	db_rollback(db);
	sb_free(&sb);
out:
	case_view_free(&cv);
	return rc;
}

int service_unserved_count(struct db *db, const struct actor *who, int64_t *n)
{
	return db_unserved_count(db, access_case_scope(who), n);
}
