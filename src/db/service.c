/*
 * service.c - storage of the documents a case issues with the parties
 * they are addressed to, and of their service (送达): a services row per
 * document and party, made pending when the document is issued and
 * completed when the service is recorded.  The rules (which methods need
 * what, who may record, the event) are in src/core/service.c; this file
 * only reads and writes rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/casework.h"
#include "internal.h"

int db_document_insert(struct db *db, const struct document_row *d, int64_t *id)
{
	sqlite3_stmt *st = db_prep(db, "INSERT INTO documents(case_id, kind, issued_at, user_id, file, session_id, "
				       "of_document, enquiry_hash) VALUES (?,?,?,?,?,?,?,?)");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, d->case_id);
	db_bind_text(st, 2, d->kind);
	db_bind_text(st, 3, d->issued_at);
	db_bind_id(st, 4, d->user_id);
	db_bind_text(st, 5, d->file ? d->file : "");
	db_bind_id(st, 6, d->session_id);
	db_bind_id(st, 7, d->of_document);
	if (d->enquiry_hash)
		db_bind_text(st, 8, d->enquiry_hash);
	else
		sqlite3_bind_null(st, 8);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入文书记录");
	sqlite3_reset(st);
	if (id)
		*id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

int db_service_supersede(struct db *db, const struct document_row *d, int64_t new_id, int *n)
{
	sqlite3_stmt *st = db_prep(db, "DELETE FROM services WHERE served_on IS NULL AND case_id = ?1 AND document_id IN "
				       "(SELECT id FROM documents WHERE case_id = ?1 AND kind = ?2 AND "
				       "coalesce(session_id, 0) = ?3 AND coalesce(of_document, 0) = ?4 AND id <> ?5)");

	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, d->case_id);
	db_bind_text(st, 2, d->kind);
	sqlite3_bind_int64(st, 3, d->session_id);
	sqlite3_bind_int64(st, 4, d->of_document);
	sqlite3_bind_int64(st, 5, new_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "更新待送达记录");
	*n = sqlite3_changes(db->h);
	sqlite3_reset(st);
	return 0;
}

int db_service_pending_add(struct db *db, int64_t document_id, int64_t case_id, const char *role, int ord,
			   const char *name)
{
	sqlite3_stmt *st = db_prep(db, "INSERT INTO services(document_id, case_id, role, ord, name) VALUES (?,?,?,?,?)");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, document_id);
	sqlite3_bind_int64(st, 2, case_id);
	db_bind_text(st, 3, role);
	sqlite3_bind_int(st, 4, ord);
	db_bind_text(st, 5, name ? name : "");
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入送达记录");
	sqlite3_reset(st);
	return 0;
}

int db_service_set(struct db *db, const struct service_set *s)
{
	sqlite3_stmt *st = db_prep(db, "UPDATE services SET method = ?, tracking = ?, served_on = ?, signed_by = ?, "
				       "recorded_at = ?, user_id = ? WHERE id = ? AND case_id = ? AND served_on IS NULL");

	if (!st)
		return -1;
	db_bind_text(st, 1, s->method);
	db_bind_text(st, 2, s->tracking ? s->tracking : "");
	db_bind_text(st, 3, s->served_on);
	db_bind_text(st, 4, s->signed_by ? s->signed_by : "");
	db_bind_text(st, 5, s->recorded_at);
	db_bind_id(st, 6, s->user_id);
	sqlite3_bind_int64(st, 7, s->id);
	sqlite3_bind_int64(st, 8, s->case_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入送达记录");
	sqlite3_reset(st);
	return sqlite3_changes(db->h) == 1;
}

int db_party_econsent_set(struct db *db, int64_t case_id, const char *role, int ord, const char *day)
{
	sqlite3_stmt *st = db_prep(db, "UPDATE case_parties SET e_consent = ? WHERE case_id = ? AND role = ? AND ord = ?");

	if (!st)
		return -1;
	db_bind_text(st, 1, day);
	sqlite3_bind_int64(st, 2, case_id);
	db_bind_text(st, 3, role);
	sqlite3_bind_int(st, 4, ord);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入电子送达确认");
	sqlite3_reset(st);
	if (sqlite3_changes(db->h) != 1) {
		tj_error("没有这位当事人");
		return -1;
	}
	return 0;
}

int db_unserved_count(struct db *db, int64_t mediator_id, int64_t *n)
{
	sqlite3_stmt *st = db_prep(db, mediator_id
		? "SELECT count(*) FROM cases c WHERE c.mediator_id = ? AND c.id IN "
		  "(SELECT case_id FROM services WHERE served_on IS NULL)"
		: "SELECT count(DISTINCT case_id) FROM services WHERE served_on IS NULL AND ?1 = 0");

	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, mediator_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_fail(db, "统计待送达文书");
		sqlite3_reset(st);
		return -1;
	}
	*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

/* The case's services and its parties' consents to electronic service,
 * into a case_view being loaded (db_case_view_load). */
int db_case_services_load(struct db *db, int64_t case_id, struct case_view *cv)
{
	sqlite3_stmt *st = db_prep(db, "SELECT s.id, s.document_id, s.role, s.ord, s.name, coalesce(s.method, ''), "
				       "s.tracking, coalesce(s.served_on, ''), s.signed_by, coalesce(s.recorded_at, ''), "
				       "coalesce(u.display_name, '') FROM services s LEFT JOIN users u ON u.id = s.user_id "
				       "WHERE s.case_id = ? ORDER BY s.document_id, s.role, s.ord");
	int rc, cap = 0;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cv->services = xgrow(cv->services, cv->nservices, &cap, sizeof *cv->services);
		struct cv_service *v = &cv->services[cv->nservices++];
		memset(v, 0, sizeof *v);
		v->id = sqlite3_column_int64(st, 0);
		v->document_id = sqlite3_column_int64(st, 1);
		snprintf(v->role, sizeof v->role, "%s", (const char *)sqlite3_column_text(st, 2));
		v->ord = sqlite3_column_int(st, 3);
		v->name = db_col_strdup(st, 4);
		snprintf(v->method, sizeof v->method, "%s", (const char *)sqlite3_column_text(st, 5));
		v->tracking = db_col_strdup(st, 6);
		snprintf(v->served_on, sizeof v->served_on, "%s", (const char *)sqlite3_column_text(st, 7));
		v->signed_by = db_col_strdup(st, 8);
		snprintf(v->recorded_at, sizeof v->recorded_at, "%s", (const char *)sqlite3_column_text(st, 9));
		v->user = db_col_strdup(st, 10);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "读取送达记录");

	st = db_prep(db, "SELECT role, ord, e_consent FROM case_parties WHERE case_id = ? AND e_consent IS NOT NULL");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *role = (const char *)sqlite3_column_text(st, 0);
		int ord = sqlite3_column_int(st, 1);
		int app = strcmp(role, "applicant") == 0;
		struct cv_party *v = app ? cv->applicants : cv->respondents;
		int n = app ? cv->napplicants : cv->nrespondents;
		for (int i = 0; i < n; i++)
			if (v[i].ord == ord)
				snprintf(v[i].e_consent, sizeof v[i].e_consent, "%s",
					 (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "读取电子送达确认");

	st = db_prep(db, "SELECT coalesce(u.display_name, '') FROM cases c LEFT JOIN users u ON u.id = c.created_by "
			 "WHERE c.id = ?");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	rc = sqlite3_step(st);
	free(cv->clerk);
	cv->clerk = rc == SQLITE_ROW ? db_col_strdup(st, 0) : xstrdup("");
	sqlite3_reset(st);
	return 0;
}
