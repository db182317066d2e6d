/*
 * cases.c - the case archive (A档) and what hangs off a case: parties,
 * claims, sessions, documents; and the mediator roster rows.  Callers wrap
 * the writes of one case in one db_begin()/db_commit() together with the
 * case's event (see src/core/intake.c).
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

int db_case_seq_next(struct db *db, int year, int64_t *seq)
{
	sqlite3_stmt *st = db_prep(db, "INSERT INTO case_seq(year, last) VALUES (?, 1) "
				       "ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last");

	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, year);
	if (sqlite3_step(st) != SQLITE_ROW)
		return db_fail(db, "分配案件编号");
	*seq = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

int db_case_insert(struct db *db, struct case_row *c)
{
	sqlite3_stmt *st = db_prep(db,
		"INSERT INTO cases(case_no, year, seq, channel, received, facts, status, performance, "
		"collective, mediator_id, confirm_how, confirmed_at, accepted_at, deadline, extended, "
		"closed_at, reason, last_event_at, created_by, updated_at, updated_by) "
		"VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");

	if (!st)
		return -1;
	db_bind_text(st, 1, c->case_no);
	sqlite3_bind_int(st, 2, c->year);
	sqlite3_bind_int64(st, 3, c->seq);
	db_bind_text(st, 4, c->channel);
	db_bind_text(st, 5, c->received);
	db_bind_text(st, 6, c->facts ? c->facts : "");
	db_bind_text(st, 7, c->status);
	db_bind_text(st, 8, c->performance);
	sqlite3_bind_int(st, 9, c->collective != 0);
	db_bind_id(st, 10, c->mediator_id);
	db_bind_text(st, 11, c->confirm_how);
	db_bind_text(st, 12, c->confirmed_at);
	db_bind_text(st, 13, c->accepted_at);
	db_bind_text(st, 14, c->deadline);
	sqlite3_bind_int(st, 15, c->extended != 0);
	db_bind_text(st, 16, c->closed_at);
	db_bind_text(st, 17, c->reason ? c->reason : "");
	db_bind_text(st, 18, c->last_event_at);
	db_bind_id(st, 19, c->created_by);
	db_bind_text(st, 20, c->updated_at);
	db_bind_id(st, 21, c->created_by);
	if (sqlite3_step(st) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(db->h) == SQLITE_CONSTRAINT_UNIQUE) {
			tj_error("案件编号 %s 已被使用", c->case_no);
			return -1;
		}
		return db_fail(db, "写入案件");
	}
	c->id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

int db_case_set_external_id(struct db *db, int64_t case_id, const char *external_id)
{
	sqlite3_stmt *st = db_prep(db, "UPDATE cases SET external_id = ? WHERE id = ?");

	if (!st)
		return -1;
	db_bind_text(st, 1, external_id);
	sqlite3_bind_int64(st, 2, case_id);
	if (sqlite3_step(st) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(db->h) == SQLITE_CONSTRAINT_UNIQUE) {
			sqlite3_reset(st);
			tj_error("外部编号 %s 已登记过", external_id);
			return -1;
		}
		return db_fail(db, "写入外部编号");
	}
	return 0;
}

int db_case_by_external_id(struct db *db, const char *external_id, int64_t *case_id, char **case_no)
{
	sqlite3_stmt *st = db_prep(db, "SELECT id, case_no FROM cases WHERE external_id = ?");
	int rc;

	*case_id = 0;
	*case_no = NULL;
	if (!st)
		return -1;
	db_bind_text(st, 1, external_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*case_id = sqlite3_column_int64(st, 0);
		*case_no = db_col_strdup(st, 1);
		sqlite3_reset(st);
		return 1;
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "查询外部编号");
	return 0;
}

int db_case_party_insert(struct db *db, const struct party_row *p)
{
	/* The case's own copy of the particulars, as the archive holds them
	 * now - that is, as this application gave them (the caller updated the
	 * archive first, in the same transaction). */
	int person = p->person_id > 0;
	sqlite3_stmt *st = person
		? db_prep(db, "INSERT INTO case_parties(case_id, role, ord, person_id, name, id_type, id_no, gender, "
			      "birth_date, nationality, household, occupation, phone, address, kind, representative, "
			      "e_consent) "
			      "SELECT ?1, ?2, ?3, p.id, p.name, p.id_type, p.id_no, p.gender, p.birth_date, "
			      "p.nationality, p.household, p.occupation, p.phone, p.address, ?5, ?6, ?7 "
			      "FROM persons p WHERE p.id = ?4")
		: db_prep(db, "INSERT INTO case_parties(case_id, role, ord, employer_id, name, uscc, legal_rep, "
			      "legal_rep_title, phone, address, kind, representative, e_consent) "
			      "SELECT ?1, ?2, ?3, e.id, e.name, e.uscc, e.legal_rep, e.legal_rep_title, e.phone, e.address, "
			      "?5, ?6, ?7 FROM employers e WHERE e.id = ?4");
	int64_t id = person ? p->person_id : p->employer_id;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, p->case_id);
	db_bind_text(st, 2, p->role);
	sqlite3_bind_int(st, 3, p->ord);
	sqlite3_bind_int64(st, 4, id);
	db_bind_text(st, 5, strcmp(p->role, "respondent") == 0 ? (p->kind ? p->kind : "employer") : NULL);
	sqlite3_bind_int(st, 6, p->representative != 0);
	if (p->e_consent && *p->e_consent)
		db_bind_text(st, 7, p->e_consent);
	else
		sqlite3_bind_null(st, 7);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入当事人");
	if (sqlite3_changes(db->h) != 1) {
		tj_error("写入当事人失败：档案中没有这位当事人（编号 %lld）", (long long)id);
		return -1;
	}
	return 0;
}

int db_case_party_add(struct db *db, int64_t case_id, const char *role, int ord, int64_t party_id)
{
	int applicant = strcmp(role, "applicant") == 0;
	struct party_row p = {.case_id = case_id, .role = role, .ord = ord,
			      .person_id = applicant ? party_id : 0, .employer_id = applicant ? 0 : party_id};

	return db_case_party_insert(db, &p);
}

int db_case_agent_add(struct db *db, const struct agent_row *a)
{
	sqlite3_stmt *st = db_prep(db, "INSERT INTO case_agents(case_id, role, party_ord, ord, name, kind, org, "
				       "phone, authority, scope) VALUES (?,?,?,?,?,?,?,?,?,?)");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, a->case_id);
	db_bind_text(st, 2, a->role);
	sqlite3_bind_int(st, 3, a->party_ord);
	sqlite3_bind_int(st, 4, a->ord);
	db_bind_text(st, 5, a->name);
	db_bind_text(st, 6, a->kind);
	db_bind_text(st, 7, a->org ? a->org : "");
	db_bind_text(st, 8, a->phone ? a->phone : "");
	db_bind_text(st, 9, a->authority);
	db_bind_text(st, 10, a->scope ? a->scope : "");
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入委托代理人");
	return 0;
}

int db_case_representatives(struct db *db, int64_t case_id, int *n)
{
	sqlite3_stmt *st = db_prep(db, "SELECT count(*) FROM case_parties WHERE case_id = ? AND role = 'applicant' "
				       "AND representative = 1");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	if (sqlite3_step(st) != SQLITE_ROW)
		return db_fail(db, "读取当事人");
	*n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return 0;
}

int db_claim_share_add(struct db *db, int64_t case_id, int claim_ord, int applicant, int64_t amount_fen)
{
	sqlite3_stmt *st = db_prep(db, "INSERT INTO claim_shares(claim_id, applicant, amount_fen) "
				       "SELECT id, ?3, ?4 FROM claims WHERE case_id = ?1 AND ord = ?2");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int(st, 2, claim_ord);
	sqlite3_bind_int(st, 3, applicant);
	sqlite3_bind_int64(st, 4, amount_fen);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入各申请人请求金额");
	if (sqlite3_changes(db->h) != 1) {
		tj_error("写入各申请人请求金额失败：没有第%d项请求", claim_ord);
		return -1;
	}
	return 0;
}

int db_claim_add(struct db *db, const struct claim_row *c)
{
	sqlite3_stmt *st = db_prep(db, "INSERT INTO claims(case_id, ord, cause, text, amount_fen, agreed_fen, "
				       "pay_date, against, joint) VALUES (?,?,?,?,?,?,?,?,?)");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, c->case_id);
	sqlite3_bind_int(st, 2, c->ord);
	db_bind_text(st, 3, c->cause);
	db_bind_text(st, 4, c->text);
	sqlite3_bind_int64(st, 5, c->amount_fen);
	if (c->agreed_fen >= 0)
		sqlite3_bind_int64(st, 6, c->agreed_fen);
	db_bind_text(st, 7, c->pay_date);
	db_bind_text(st, 8, c->against && *c->against ? c->against : NULL);
	sqlite3_bind_int(st, 9, c->joint != 0);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入请求事项");
	return 0;
}

int db_session_add(struct db *db, const struct session_row *s)
{
	sqlite3_stmt *st = db_prep(db, "INSERT INTO sessions(case_id, mediator_id, day, start, minutes, room, "
				       "status, note, created_at, recorded_by, attendance) VALUES (?,?,?,?,?,?,?,?,?,?,?)");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, s->case_id);
	sqlite3_bind_int64(st, 2, s->mediator_id);
	db_bind_text(st, 3, s->day);
	db_bind_text(st, 4, s->start);
	sqlite3_bind_int(st, 5, s->minutes);
	db_bind_text(st, 6, s->room);
	db_bind_text(st, 7, s->status ? s->status : "scheduled");
	db_bind_text(st, 8, s->note ? s->note : "");
	db_bind_text(st, 9, s->created_at);
	db_bind_id(st, 10, s->recorded_by);
	db_bind_text(st, 11, s->attendance ? s->attendance : "");
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入调解安排");
	return 0;
}

int db_mediator_insert(struct db *db, struct mediator_row *m)
{
	sqlite3_stmt *st = db_prep(db, "INSERT INTO mediators(name, side, expert_kind, affiliation, "
				       "affiliation_uscc, phone, capacity, active, created_at) "
				       "VALUES (?,?,?,?,?,?,?,?,?)");

	if (!st)
		return -1;
	db_bind_text(st, 1, m->name);
	db_bind_text(st, 2, m->side);
	db_bind_text(st, 3, m->expert_kind);
	db_bind_text(st, 4, m->affiliation ? m->affiliation : "");
	db_bind_text(st, 5, m->affiliation_uscc && *m->affiliation_uscc ? m->affiliation_uscc : NULL);
	db_bind_text(st, 6, m->phone ? m->phone : "");
	sqlite3_bind_int(st, 7, m->capacity);
	sqlite3_bind_int(st, 8, m->active != 0);
	db_bind_text(st, 9, m->created_at);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入调解员");
	m->id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

int db_mediator_specialty_add(struct db *db, int64_t mediator_id, const char *cause)
{
	sqlite3_stmt *st = db_prep(db, "INSERT OR IGNORE INTO mediator_specialties(mediator_id, cause) "
				       "VALUES (?, ?)");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, mediator_id);
	db_bind_text(st, 2, cause);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入调解员专长");
	return 0;
}

int db_document_add(struct db *db, int64_t case_id, const char *kind, const char *at, int64_t user_id,
		    const char *file)
{
	sqlite3_stmt *st = db_prep(db, "INSERT INTO documents(case_id, kind, issued_at, user_id, file) "
				       "VALUES (?,?,?,?,?)");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, at);
	db_bind_id(st, 4, user_id);
	db_bind_text(st, 5, file ? file : "");
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入文书记录");
	return 0;
}

int db_case_state(struct db *db, int64_t case_id, struct case_state_row *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT case_no, status, coalesce(performance, ''), "
				       "coalesce(mediator_id, 0), extended, version FROM cases WHERE id = ?");
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return db_fail(db, "读取案件");
	snprintf(out->case_no, sizeof out->case_no, "%s", sqlite3_column_text(st, 0));
	snprintf(out->status, sizeof out->status, "%s", sqlite3_column_text(st, 1));
	snprintf(out->performance, sizeof out->performance, "%s", sqlite3_column_text(st, 2));
	out->mediator_id = sqlite3_column_int64(st, 3);
	out->extended = sqlite3_column_int(st, 4);
	out->version = sqlite3_column_int64(st, 5);
	sqlite3_reset(st);
	return 1;
}

int db_case_party_next_ord(struct db *db, int64_t case_id, const char *role, int *ord)
{
	sqlite3_stmt *st = db_prep(db, "SELECT coalesce(max(ord), 0) + 1 FROM case_parties "
				       "WHERE case_id = ? AND role = ?");

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, role);
	if (sqlite3_step(st) != SQLITE_ROW)
		return db_fail(db, "读取当事人");
	*ord = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return 0;
}

int db_case_has_person(struct db *db, int64_t case_id, int64_t person_id)
{
	sqlite3_stmt *st = db_prep(db, "SELECT 1 FROM case_parties WHERE case_id = ? AND person_id = ? "
				       "AND role = 'applicant'");
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, person_id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_fail(db, "读取当事人");
}

int db_case_touch(struct db *db, int64_t case_id, const char *now, int64_t user_id, int collective)
{
	sqlite3_stmt *st = db_prep(db, "UPDATE cases SET last_event_at = ?, updated_at = ?, updated_by = ?, "
				       "version = version + 1, collective = max(collective, ?) WHERE id = ?");

	if (!st)
		return -1;
	db_bind_text(st, 1, now);
	db_bind_text(st, 2, now);
	if (user_id > 0)
		sqlite3_bind_int64(st, 3, user_id);
	sqlite3_bind_int(st, 4, collective != 0);
	sqlite3_bind_int64(st, 5, case_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "更新案件");
	return 0;
}
