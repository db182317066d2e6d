/*
 * events.c - appending to the event log (操作记录).  The table refuses
 * UPDATE, DELETE and an insert over an existing id itself (triggers in
 * 001_schema.sql and 008_event_chain.sql); here we only add, each event
 * with its link in the hash chain.
 *
 * The chain: an event's hash is SHA-256 (GLib's GChecksum) over the
 * previous event's hash and the event's own fields, each written as its
 * length and its bytes so that no two different events read the same.
 * The first event's "previous hash" is empty.  Changing, removing or
 * renumbering an event breaks every link from there on; db_event_chain_check
 * finds the first broken one.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "tiaojie/calendar.h"
#include "internal.h"

/* One field into the checksum: its length, a colon, its bytes. */
static void field(GChecksum *c, const char *s)
{
	char len[24];
	size_t n = s ? strlen(s) : 0;

	snprintf(len, sizeof len, "%zu:", n);
	g_checksum_update(c, (const guchar *)len, (gssize)strlen(len));
	if (n)
		g_checksum_update(c, (const guchar *)s, (gssize)n);
}

static void field_id(GChecksum *c, int64_t v)
{
	char buf[24] = "";

	if (v > 0)
		snprintf(buf, sizeof buf, "%lld", (long long)v);
	field(c, buf);
}

void db_event_hash(const char *prev, const struct event_rec *e, char out[65])
{
	GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);

	field(c, prev ? prev : "");
	field(c, e->at);
	field_id(c, e->user_id);
	field_id(c, e->case_id);
	field(c, e->entity);
	field_id(c, e->entity_id);
	field(c, e->action);
	field(c, e->before ? e->before : "");
	field(c, e->after ? e->after : "");
	if (e->state && *e->state) /* 011: only events that carry one */
		field(c, e->state);
	snprintf(out, 65, "%s", g_checksum_get_string(c));
	g_checksum_free(c);
}

static unsigned nibble(char c)
{
	return c >= '0' && c <= '9' ? (unsigned)(c - '0') : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) : 0;
}

void db_hash_bin(const char hex[65], unsigned char out[32])
{
	for (int i = 0; i < 32; i++)
		out[i] = (unsigned char)(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
}

int db_event_last_hash(struct db *db, int64_t *id, char out[65])
{
	sqlite3_stmt *st = db_prep(db, "SELECT id, lower(hex(coalesce(hash, ''))) FROM events ORDER BY id DESC LIMIT 1");
	int rc;

	out[0] = '\0';
	if (id)
		*id = 0;
	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (id)
			*id = sqlite3_column_int64(st, 0);
		snprintf(out, 65, "%s", (const char *)sqlite3_column_text(st, 1));
		rc = sqlite3_step(st);
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "读取操作记录");
	return 0;
}

/* ---- what an event leaves behind ---------------------------------------- */

/* Every column of every row of st (bound to id) into the checksum, a
 * NULL apart from an empty text.  0, or -1 with the error set. */
static int rows_into(struct db *db, GChecksum *c, sqlite3_stmt *st, int64_t id)
{
	int rc;

	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int n = sqlite3_column_count(st);
		field(c, "row");
		for (int i = 0; i < n; i++) {
			if (sqlite3_column_type(st, i) == SQLITE_NULL) {
				field(c, NULL);
				g_checksum_update(c, (const guchar *)"N", 1);
			} else {
				field(c, (const char *)sqlite3_column_text(st, i));
			}
		}
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "读取记录");
	sqlite3_reset(st);
	return 0;
}

/* The columns sealed: named, never "*", so a later migration that adds a
 * column does not change every case's state.  Each of them changes only
 * with an event on the case (register, correct, the lifecycle's actions,
 * join), written after the rows in the same transaction.  A claim's
 * outcome is waived + 2 * withdrawn (014): the figure waived alone gave
 * before, so no case's state changed with the migration. */
#define STATE_CASE "SELECT case_no, year, seq, received, channel, facts, status, performance, mediator_id " \
		   "FROM cases WHERE id = ?"
#define STATE_PARTIES                                                                                      \
	"SELECT role, ord, person_id, employer_id, name, id_type, id_no, gender, birth_date, nationality, "  \
	"household, occupation, phone, address, uscc, legal_rep, legal_rep_title, kind, representative "   \
	"FROM case_parties WHERE case_id = ? ORDER BY role, ord"
#define STATE_CLAIMS \
	"SELECT ord, cause, text, amount_fen, agreed_fen, pay_date, waived + 2 * withdrawn FROM claims WHERE case_id = ? " \
	"ORDER BY ord"
/* before 014 (migration 013 seals every case with it) */
#define STATE_CLAIMS_13 \
	"SELECT ord, cause, text, amount_fen, agreed_fen, pay_date, waived FROM claims WHERE case_id = ? ORDER BY ord"
#define DB_VERSION_CLAIM_OUTCOME 14
/* not the mediator an account is linked to: the roster links them with an
 * event of the mediator's; the password hash since 013 (each account was
 * sealed again then, seal.c) */
#define STATE_USER "SELECT login, role, disabled, pw_hash FROM users WHERE id = ?"
/* the archives: every change of a row comes with an event on it (intake
 * and correct write "person"/"employer" events after the upserts) */
#define STATE_PERSON                                                                                  \
	"SELECT id_type, id_no, name, gender, birth_date, nationality, household, occupation, phone, " \
	"address FROM persons WHERE id = ?"
#define STATE_EMPLOYER                                                                            \
	"SELECT uscc, name, legal_rep, legal_rep_title, address, phone, district, industry FROM " \
	"employers WHERE id = ?"

int db_entity_state(struct db *db, const char *entity, int64_t id, char out[33])
{
	int is_case = strcmp(entity, "case") == 0;
	const char *one = !strcmp(entity, "user")       ? STATE_USER
			  : !strcmp(entity, "person")   ? STATE_PERSON
			  : !strcmp(entity, "employer") ? STATE_EMPLOYER
							: NULL;
	GChecksum *c;
	int rc = 0;

	out[0] = '\0';
	if (id <= 0 || (!is_case && !one))
		return 0;
	c = g_checksum_new(G_CHECKSUM_SHA256);
	field(c, entity);
	if (is_case) {
		sqlite3_stmt *a = db_prep(db, STATE_CASE), *b = a ? db_prep(db, STATE_PARTIES) : NULL,
			     *k = b ? db_prep(db, db->schema >= DB_VERSION_CLAIM_OUTCOME ? STATE_CLAIMS : STATE_CLAIMS_13)
				     : NULL;
		if (!k || rows_into(db, c, a, id) < 0 || rows_into(db, c, b, id) < 0 || rows_into(db, c, k, id) < 0)
			rc = -1;
	} else {
		sqlite3_stmt *u = db_prep(db, one);
		if (!u || rows_into(db, c, u, id) < 0)
			rc = -1;
	}
	if (rc == 0)
		snprintf(out, 33, "%s", g_checksum_get_string(c)); /* the first 16 bytes */
	g_checksum_free(c);
	return rc < 0 ? -1 : 1;
}

/* as_is: the event as given, with the state it carries or none (a bulk
 * load's events, kept and written after their rows have moved on: the
 * generator gives each case's last event its state, src/demo); otherwise
 * the state of what the event is about, as it stands now. */
static int add(struct db *db, const struct event_rec *e, int as_is)
{
	sqlite3_stmt *st;
	char now[20], prev[65], hash[65], state[33];
	struct event_rec x = *e;
	int has_state = 0;

	if (!x.at) {
		tj_now_str(now);
		x.at = now;
	}
	x.state = NULL;
	if (as_is) {
		if (e->state && strlen(e->state) == 32) {
			snprintf(state, sizeof state, "%s", e->state);
			x.state = state;
			has_state = 1;
		}
	} else if (x.entity) {
		int64_t sid0 = !strcmp(x.entity, "case") ? x.case_id : x.entity_id;
		/* a row changed behind the log: what was found goes first, and
		 * stays in the log whatever is sealed after (seal.c) */
		if (sid0 > 0 && (db_seal_verify(db, x.entity, sid0) < 0 ||
				 db_seal_report(db, x.entity, sid0, x.case_id, x.at) < 0))
			return -1;
		int64_t sid = !strcmp(x.entity, "case") ? x.case_id : x.entity_id; /* 0 state for the others */
		if (sid > 0 && (has_state = db_entity_state(db, x.entity, sid, state)) < 0)
			return -1;
		if (has_state)
			x.state = state;
	}
	if (db_event_last_hash(db, NULL, prev) < 0)
		return -1;
	db_event_hash(prev, &x, hash);
	st = db_prep(db, "INSERT INTO events(at, user_id, case_id, entity, entity_id, action, "
			 "before, after, hash, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (!st)
		return -1;
	db_bind_text(st, 1, x.at);
	if (x.user_id > 0)
		sqlite3_bind_int64(st, 2, x.user_id);
	if (x.case_id > 0)
		sqlite3_bind_int64(st, 3, x.case_id);
	db_bind_text(st, 4, x.entity);
	if (x.entity_id > 0)
		sqlite3_bind_int64(st, 5, x.entity_id);
	db_bind_text(st, 6, x.action);
	db_bind_text(st, 7, x.before ? x.before : "");
	db_bind_text(st, 8, x.after ? x.after : "");
	unsigned char bin[32];
	db_hash_bin(hash, bin);
	sqlite3_bind_blob(st, 9, bin, 32, SQLITE_TRANSIENT);
	if (has_state) {
		unsigned char sbin[32];
		char full[65];
		snprintf(full, sizeof full, "%s%s", state, state); /* db_hash_bin reads 64 digits */
		db_hash_bin(full, sbin);
		sqlite3_bind_blob(st, 10, sbin, 16, SQLITE_TRANSIENT);
	}
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入操作记录");
	return 0;
}

static int add_tx(struct db *db, const struct event_rec *e, int as_is);

int db_event_add(struct db *db, const struct event_rec *e)
{
	return add_tx(db, e, 0);
}

int db_event_add_as_is(struct db *db, const struct event_rec *e)
{
	return add_tx(db, e, 1);
}

static int add_tx(struct db *db, const struct event_rec *e, int as_is)
{
	/* the link needs the last event as it is when this one goes in:
	 * inside the caller's write transaction, or one of its own */
	if (db->in_tx)
		return add(db, e, as_is);
	if (db_begin(db) < 0)
		return -1;
	if (add(db, e, as_is) < 0) {
		char msg[1024];
		snprintf(msg, sizeof msg, "%s", tj_errmsg());
		db_rollback(db);
		tj_error("%s", msg);
		return -1;
	}
	return db_commit(db);
}

/* Read an event row (id, at, user_id, case_id, entity, entity_id, action,
 * before, after, hash) into e; strings point into the statement. */
static int64_t row(sqlite3_stmt *st, struct event_rec *e, const char **hash)
{
	e->at = (const char *)sqlite3_column_text(st, 1);
	e->user_id = sqlite3_column_int64(st, 2);
	e->case_id = sqlite3_column_int64(st, 3);
	e->entity = (const char *)sqlite3_column_text(st, 4);
	e->entity_id = sqlite3_column_int64(st, 5);
	e->action = (const char *)sqlite3_column_text(st, 6);
	e->before = (const char *)sqlite3_column_text(st, 7);
	e->after = (const char *)sqlite3_column_text(st, 8);
	if (hash)
		*hash = (const char *)sqlite3_column_text(st, 9);
	e->state = (const char *)sqlite3_column_text(st, 10);
	if (e->state && !*e->state)
		e->state = NULL;
	return sqlite3_column_int64(st, 0);
}

#define EVENT_COLS \
	"id, at, user_id, case_id, entity, entity_id, action, before, after, lower(hex(hash)), lower(hex(state))"

int db_event_chain_fill(struct db *db, int64_t *filled)
{
	/* at migration 8, before events had a state (011): the columns of then */
	sqlite3_stmt *st = db_prep(db, "SELECT id, at, user_id, case_id, entity, entity_id, action, before, after, "
				       "lower(hex(hash)) FROM events WHERE hash IS NULL ORDER BY id");
	sqlite3_stmt *up = db_prep(db, "UPDATE events SET hash = ? WHERE id = ?");
	char prev[65] = "", hash[65];
	int64_t first = -1;
	int rc;

	*filled = 0;
	if (!st || !up)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct event_rec e;
		int64_t id = row(st, &e, NULL);
		if (first < 0) {
			/* the link before the first one without a hash */
			first = id;
			sqlite3_stmt *p = db_prep(db, "SELECT lower(hex(coalesce(hash, ''))) FROM events WHERE id < ? "
						      "ORDER BY id DESC LIMIT 1");
			if (!p) {
				sqlite3_reset(st);
				return -1;
			}
			sqlite3_bind_int64(p, 1, id);
			if (sqlite3_step(p) == SQLITE_ROW)
				snprintf(prev, sizeof prev, "%s", (const char *)sqlite3_column_text(p, 0));
			sqlite3_reset(p);
		}
		db_event_hash(prev, &e, hash);
		unsigned char bin[32];
		db_hash_bin(hash, bin);
		sqlite3_bind_blob(up, 1, bin, 32, SQLITE_TRANSIENT);
		sqlite3_bind_int64(up, 2, id);
		if (sqlite3_step(up) != SQLITE_DONE) {
			sqlite3_reset(st);
			return db_fail(db, "补写操作记录校验值");
		}
		sqlite3_reset(up);
		memcpy(prev, hash, sizeof prev);
		(*filled)++;
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "补写操作记录校验值");
	return 0;
}

int db_event_chain_check(struct db *db, int64_t *broken, int64_t *checked, char head[65])
{
	sqlite3_stmt *st = db_prep(db, "SELECT " EVENT_COLS " FROM events ORDER BY id");
	char prev[65] = "", want[65];
	int rc;

	*broken = 0;
	*checked = 0;
	head[0] = '\0';
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct event_rec e;
		const char *have;
		int64_t id = row(st, &e, &have);
		db_event_hash(prev, &e, want);
		if (!have || strcmp(have, want) != 0) { /* hex() of NULL is "": broken too */
			*broken = id;
			sqlite3_reset(st);
			return 0;
		}
		memcpy(prev, want, sizeof prev);
		(*checked)++;
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "检查操作记录");
	memcpy(head, prev, 65);
	return 0;
}
