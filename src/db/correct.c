/*
 * correct.c - storing a correction of an application (修改申请): the case
 * row's own fields, the case's copy of a party's particulars, and the
 * claims replaced by a corrected list.  The core (src/core/correct.c)
 * decides what changes and writes the events; these run inside its
 * transaction.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int db_case_edit(struct db *db, const struct case_edit *e)
{
	sqlite3_stmt *st = db_prep(db,
		"UPDATE cases SET channel = ?, received = ?, facts = ?, collective = ?, status = ?, confirm_how = ?, "
		"confirmed_at = ?, deadline = ?, last_event_at = ?, updated_at = ?, updated_by = ?, "
		"version = version + 1 WHERE id = ? AND version = ?");

	if (!st)
		return -1;
	db_bind_text(st, 1, e->channel);
	db_bind_text(st, 2, e->received);
	db_bind_text(st, 3, e->facts ? e->facts : "");
	sqlite3_bind_int(st, 4, e->collective != 0);
	db_bind_text(st, 5, e->status);
	db_bind_text(st, 6, e->confirm_how);
	db_bind_text(st, 7, e->confirmed_at);
	db_bind_text(st, 8, e->deadline);
	db_bind_text(st, 9, e->now);
	db_bind_text(st, 10, e->now);
	db_bind_id(st, 11, e->user_id);
	sqlite3_bind_int64(st, 12, e->id);
	sqlite3_bind_int64(st, 13, e->version);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "更新案件");
	return sqlite3_changes(db->h) == 1 ? 1 : 0;
}

static void bind_snapshot(sqlite3_stmt *st, const struct party_snapshot *p)
{
	db_bind_text(st, 1, p->name);
	db_bind_text(st, 2, p->id_type);
	db_bind_text(st, 3, p->id_no);
	db_bind_text(st, 4, p->gender && *p->gender ? p->gender : NULL);
	db_bind_text(st, 5, p->birth_date && *p->birth_date ? p->birth_date : NULL);
	db_bind_text(st, 6, p->nationality);
	db_bind_text(st, 7, p->household && *p->household ? p->household : NULL);
	db_bind_text(st, 8, p->occupation);
	db_bind_text(st, 9, p->phone);
	db_bind_text(st, 10, p->address);
	db_bind_text(st, 11, p->uscc && *p->uscc ? p->uscc : NULL);
	db_bind_text(st, 12, p->legal_rep);
	db_bind_text(st, 13, p->legal_rep_title);
}

/* The parameters db_case_party_put's UPDATE and INSERT share. */
static void bind_put(sqlite3_stmt *st, int64_t case_id, const char *role, int ord, int respondent,
		     const struct party_snapshot *p)
{
	bind_snapshot(st, p);
	db_bind_id(st, 14, p->person_id);
	db_bind_id(st, 15, p->employer_id);
	sqlite3_bind_int64(st, 16, case_id);
	db_bind_text(st, 17, role);
	sqlite3_bind_int(st, 18, ord);
	sqlite3_bind_int(st, 19, respondent);
	db_bind_text(st, 20, p->kind && *p->kind ? p->kind : NULL);
	sqlite3_bind_int(st, 21, respondent ? 0 : p->representative);
}

int db_case_party_put(struct db *db, int64_t case_id, const char *role, int ord, const struct party_snapshot *p)
{
	int respondent = strcmp(role, "respondent") == 0;
	sqlite3_stmt *st = db_prep(db,
		"UPDATE case_parties SET name = ?1, id_type = ?2, id_no = ?3, gender = ?4, birth_date = ?5, "
		"nationality = ?6, household = ?7, occupation = ?8, phone = ?9, address = ?10, uscc = ?11, "
		"legal_rep = ?12, legal_rep_title = coalesce(?13, legal_rep_title), person_id = ?14, employer_id = ?15, "
		"kind = CASE WHEN ?19 THEN coalesce(?20, kind) END, "
		"representative = CASE WHEN ?21 < 0 THEN representative ELSE ?21 END "
		"WHERE case_id = ?16 AND role = ?17 AND ord = ?18");

	if (!st)
		return -1;
	bind_put(st, case_id, role, ord, respondent, p);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "更新当事人");
	if (sqlite3_changes(db->h) == 1)
		return 0;
	/* a party the case did not have: a new row, the position of the
	 * legal representative from the archive unless given */
	st = db_prep(db, "INSERT INTO case_parties(name, id_type, id_no, gender, birth_date, nationality, household, "
			 "occupation, phone, address, uscc, legal_rep, legal_rep_title, person_id, employer_id, "
			 "case_id, role, ord, kind, representative) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
			 "coalesce(?13, (SELECT legal_rep_title FROM employers WHERE id = ?15)), ?14, ?15, ?16, ?17, ?18, "
			 "CASE WHEN ?19 THEN coalesce(?20, 'employer') END, max(?21, 0))");
	if (!st)
		return -1;
	bind_put(st, case_id, role, ord, respondent, p);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入当事人");
	return 0;
}

int db_case_party_remove(struct db *db, int64_t case_id, const char *role, int ord)
{
	sqlite3_stmt *st = db_prep(db, "DELETE FROM case_parties WHERE case_id = ? AND role = ? AND ord = ?");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, role);
	sqlite3_bind_int(st, 3, ord);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "删除当事人");
	return 0;
}

int db_case_agents_clear(struct db *db, int64_t case_id, const char *role, int ord)
{
	sqlite3_stmt *st = db_prep(db, "DELETE FROM case_agents WHERE case_id = ?1 AND role = ?2 "
				       "AND (?3 = 0 OR party_ord = ?3)");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, role);
	sqlite3_bind_int(st, 3, ord);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "删除委托代理人");
	return 0;
}

int db_case_parties_reorder(struct db *db, int64_t case_id, const char *role, const int *old_ord, int n)
{
	sqlite3_stmt *st;
	int rc;

	if (db_case_agents_clear(db, case_id, role, 0) < 0)
		return -1;
	/* 1. the parties the list no longer has */
	st = db_prep(db, "SELECT ord FROM case_parties WHERE case_id = ? AND role = ? ORDER BY ord");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, role);
	int *gone = NULL, ngone = 0, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int ord = sqlite3_column_int(st, 0), kept = 0;
		for (int i = 0; i < n && !kept; i++)
			kept = old_ord[i] == ord;
		if (!kept) {
			gone = xgrow(gone, ngone, &cap, sizeof *gone);
			gone[ngone++] = ord;
		}
	}
	if (rc != SQLITE_DONE) {
		free(gone);
		return db_fail(db, "读取当事人");
	}
	for (int i = 0; i < ngone; i++)
		if (db_case_party_remove(db, case_id, role, gone[i]) < 0) {
			free(gone);
			return -1;
		}
	free(gone);
	/* 2. the kept ones to their new numbers, through negative ones */
	for (int i = 0; i < n; i++) {
		if (old_ord[i] <= 0)
			continue;
		st = db_prep(db, "UPDATE case_parties SET ord = ?1 WHERE case_id = ?2 AND role = ?3 AND ord = ?4");
		if (!st)
			return -1;
		sqlite3_bind_int(st, 1, -(i + 1));
		sqlite3_bind_int64(st, 2, case_id);
		db_bind_text(st, 3, role);
		sqlite3_bind_int(st, 4, old_ord[i]);
		if (sqlite3_step(st) != SQLITE_DONE)
			return db_fail(db, "更新当事人");
		if (sqlite3_changes(db->h) != 1) {
			tj_error("更新当事人失败：案件没有第%d个当事人", old_ord[i]);
			return -1;
		}
	}
	st = db_prep(db, "UPDATE case_parties SET ord = -ord WHERE case_id = ? AND role = ? AND ord < 0");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, role);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "更新当事人");
	return 0;
}

/* The statements key the cache by their text's address: literals only.
 * The kept amounts go through numbers no applicant has (1000000 + the
 * old number), so that the key (claim_id, applicant) stays unique on the
 * way. */
#define SHARES_OF_CASE "claim_id IN (SELECT id FROM claims WHERE case_id = ?1)"

int db_claim_shares_renumber(struct db *db, int64_t case_id, const int *old_ord, int n)
{
	sqlite3_stmt *st = db_prep(db, "UPDATE claim_shares SET applicant = applicant + 1000000 WHERE " SHARES_OF_CASE);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "更新各申请人请求金额");
	for (int i = 0; i < n; i++) {
		if (old_ord[i] <= 0)
			continue;
		st = db_prep(db, "UPDATE claim_shares SET applicant = ?2 WHERE applicant = ?3 + 1000000 AND " SHARES_OF_CASE);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, case_id);
		sqlite3_bind_int(st, 2, i + 1);
		sqlite3_bind_int(st, 3, old_ord[i]);
		if (sqlite3_step(st) != SQLITE_DONE)
			return db_fail(db, "更新各申请人请求金额");
	}
	st = db_prep(db, "DELETE FROM claim_shares WHERE applicant > 1000000 AND " SHARES_OF_CASE);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "删除各申请人请求金额");
	return 0;
}

int db_claims_replace(struct db *db, int64_t case_id, const struct claim_edit *v, int n)
{
	sqlite3_stmt *st;
	int rc;

	/* 1. the claims the list no longer has */
	st = db_prep(db, "SELECT ord FROM claims WHERE case_id = ? ORDER BY ord");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	int *gone = NULL, ngone = 0, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int ord = sqlite3_column_int(st, 0), kept = 0;
		for (int i = 0; i < n && !kept; i++)
			kept = v[i].old_ord == ord;
		if (!kept) {
			gone = xgrow(gone, ngone, &cap, sizeof *gone);
			gone[ngone++] = ord;
		}
	}
	if (rc != SQLITE_DONE) {
		free(gone);
		return db_fail(db, "读取请求事项");
	}
	for (int i = 0; i < ngone; i++) {
		st = db_prep(db, "DELETE FROM claims WHERE case_id = ? AND ord = ?");
		if (!st) {
			free(gone);
			return -1;
		}
		sqlite3_bind_int64(st, 1, case_id);
		sqlite3_bind_int(st, 2, gone[i]);
		if (sqlite3_step(st) != SQLITE_DONE) {
			free(gone);
			return db_fail(db, "删除请求事项");
		}
	}
	free(gone);
	/* 2. the kept ones to their new numbers, through negative ones so
	 * that no two share a number on the way */
	for (int i = 0; i < n; i++) {
		if (v[i].old_ord <= 0)
			continue;
		st = db_prep(db, "UPDATE claims SET ord = ?1, cause = ?2, text = ?3, amount_fen = ?4, "
				 "against = CASE WHEN ?7 IS NULL THEN against ELSE nullif(?7, '') END, "
				 "joint = CASE WHEN ?7 IS NULL THEN joint ELSE ?8 END "
				 "WHERE case_id = ?5 AND ord = ?6");
		if (!st)
			return -1;
		sqlite3_bind_int(st, 1, -(i + 1));
		db_bind_text(st, 2, v[i].cause);
		db_bind_text(st, 3, v[i].text);
		sqlite3_bind_int64(st, 4, v[i].amount_fen);
		sqlite3_bind_int64(st, 5, case_id);
		sqlite3_bind_int(st, 6, v[i].old_ord);
		if (v[i].against)
			sqlite3_bind_text(st, 7, v[i].against, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 8, v[i].joint != 0);
		if (sqlite3_step(st) != SQLITE_DONE)
			return db_fail(db, "更新请求事项");
		if (sqlite3_changes(db->h) != 1) {
			tj_error("更新请求事项失败：案件没有第%d项请求", v[i].old_ord);
			return -1;
		}
	}
	st = db_prep(db, "UPDATE claims SET ord = -ord WHERE case_id = ? AND ord < 0");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "更新请求事项");
	/* 3. the new ones */
	for (int i = 0; i < n; i++) {
		if (v[i].old_ord > 0)
			continue;
		struct claim_row cr = {.case_id = case_id, .ord = i + 1, .cause = v[i].cause, .text = v[i].text,
				       .amount_fen = v[i].amount_fen, .agreed_fen = -1, .against = v[i].against,
				       .joint = v[i].joint};
		if (db_claim_add(db, &cr) < 0)
			return -1;
	}
	return 0;
}
