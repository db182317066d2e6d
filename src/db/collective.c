/*
 * collective.c - storage of what a collective dispute adds to its case
 * (调解仲裁法 §7): the representatives marked on the applicants and each
 * worker's own amount of a claim (claim_shares, migration 007).  The
 * rules - how many representatives, what a claim's total is, who may,
 * the events - are in src/core/collective.c; these run inside its
 * transaction.
 */
#include "internal.h"

int db_case_representative_set(struct db *db, int64_t case_id, int ord, int representative)
{
	sqlite3_stmt *st = db_prep(db, "UPDATE case_parties SET representative = ?3 "
				       "WHERE case_id = ?1 AND role = 'applicant' AND ord = ?2");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int(st, 2, ord);
	sqlite3_bind_int(st, 3, representative != 0);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入集体争议代表");
	if (sqlite3_changes(db->h) != 1) {
		tj_error("写入集体争议代表失败：没有申请人%d", ord);
		return -1;
	}
	return 0;
}

int db_claim_share_put(struct db *db, int64_t case_id, int claim_ord, int applicant, int64_t amount_fen)
{
	sqlite3_stmt *st;

	if (amount_fen < 0) {
		st = db_prep(db, "DELETE FROM claim_shares WHERE applicant = ?3 AND claim_id = "
				 "(SELECT id FROM claims WHERE case_id = ?1 AND ord = ?2)");
	} else {
		st = db_prep(db, "INSERT INTO claim_shares(claim_id, applicant, amount_fen) "
				 "SELECT id, ?3, ?4 FROM claims WHERE case_id = ?1 AND ord = ?2 "
				 "ON CONFLICT(claim_id, applicant) DO UPDATE SET amount_fen = excluded.amount_fen");
	}
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int(st, 2, claim_ord);
	sqlite3_bind_int(st, 3, applicant);
	if (amount_fen >= 0)
		sqlite3_bind_int64(st, 4, amount_fen);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入各申请人请求金额");
	if (amount_fen >= 0 && sqlite3_changes(db->h) != 1) {
		tj_error("写入各申请人请求金额失败：没有第%d项请求", claim_ord);
		return -1;
	}
	return 0;
}

int db_claim_amount_set(struct db *db, int64_t case_id, int claim_ord, int64_t amount_fen)
{
	sqlite3_stmt *st = db_prep(db, "UPDATE claims SET amount_fen = ?3 WHERE case_id = ?1 AND ord = ?2");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int(st, 2, claim_ord);
	sqlite3_bind_int64(st, 3, amount_fen);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入请求金额");
	if (sqlite3_changes(db->h) != 1) {
		tj_error("写入请求金额失败：没有第%d项请求", claim_ord);
		return -1;
	}
	return 0;
}
