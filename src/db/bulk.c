/*
 * bulk.c - loading a new database in one go (bulk.h): the connection of
 * a load, tuned for it and set back after, and events, evidence items and
 * services many to a statement: BULK_ROWS rows per INSERT, bound without
 * copies from a buffer that holds the kept rows' text.  A flush of fewer rows
 * writes them one by one (events through db_event_add), so the one
 * statement of each size is all there is to prepare.
 */
#include "tiaojie/bulk.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "tiaojie/calendar.h"
#include "internal.h"

/* ---- the connection of a load ------------------------------------------- */

struct db *db_bulk_open(const char *path, int busy_timeout_ms)
{
	struct db *db;

	/* one thread, millions of statements: no mutexes and no memory
	 * statistics in SQLite (refused, harmlessly, if it is already in use) */
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	db = db_open(path, DB_OPEN_CREATE, busy_timeout_ms);
	if (!db)
		return NULL;
	/* more of SQLite's small allocations from its own pool (a hint: a
	 * connection that cannot take it works as before) */
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_LOOKASIDE, NULL, 512, 4096);
	return db;
}

int db_bulk_load_begin(struct db *db)
{
	/* A file being generated needs no crash safety (a failed run deletes
	 * it): no journal, no fsync, a page cache that holds the indexes being
	 * filled (the operating system may drop file pages not read for a
	 * while), and neither foreign-key look-ups nor CHECK constraints on
	 * every row - `tiaojie check` verifies both after (PRAGMA
	 * integrity_check tests the CHECK constraints), and each CHECK of a
	 * keyword list would build a temporary table per row. */
	/* an event's state is computed when it is written; the generator
	 * writes a case's events after its rows have moved on, so its events
	 * carry none (check counts those cases as not compared) */
	db->bulk = 1;
	/* and the rows are not compared with their events row by row (seal.c):
	 * the generator seals them itself */
	if (db_guard_remove(db) < 0)
		return -1;
	if (db_exec(db, "PRAGMA journal_mode = OFF") < 0 || db_exec(db, "PRAGMA synchronous = OFF") < 0 ||
	    db_exec(db, "PRAGMA cache_size = -400000") < 0 || db_exec(db, "PRAGMA temp_store = MEMORY") < 0 ||
	    db_exec(db, "PRAGMA foreign_keys = OFF") < 0 || db_exec(db, "PRAGMA ignore_check_constraints = ON") < 0)
		return -1;
	return 0;
}

int db_bulk_load_end(struct db *db)
{
	db->bulk = 0;
	if (db_exec(db, "PRAGMA ignore_check_constraints = OFF") < 0)
		return -1;
	/* back to what every other connection expects */
	if (db_exec(db, "PRAGMA foreign_keys = ON") < 0 || db_exec(db, "PRAGMA journal_mode = WAL") < 0 ||
	    db_exec(db, "PRAGMA synchronous = NORMAL") < 0)
		return -1;
	return 0;
}

int db_bulk_last_event_id(struct db *db, int64_t *id)
{
	return db_query_int(db, "SELECT max(id) FROM events", 0, id);
}

/* ---- events many to a statement --------------------------------------- */

#define BULK_ROWS 32

#define ROW9 "(?,?,?,?,?,?,?,?,?)"
#define ROWS4 ROW9 "," ROW9 "," ROW9 "," ROW9
#define ROWS32 ROWS4 "," ROWS4 "," ROWS4 "," ROWS4 "," ROWS4 "," ROWS4 "," ROWS4 "," ROWS4
/* an event has ten columns */
#define ROW10 "(?,?,?,?,?,?,?,?,?,?)"
#define ROWS4_10 ROW10 "," ROW10 "," ROW10 "," ROW10
static const char insert_sql[] =
	"INSERT INTO events(at, user_id, case_id, entity, entity_id, action, before, after, hash, state) VALUES "
	ROWS4_10 "," ROWS4_10 "," ROWS4_10 "," ROWS4_10 "," ROWS4_10 "," ROWS4_10 "," ROWS4_10 "," ROWS4_10;
_Static_assert(BULK_ROWS == 32, "insert_sql has 32 rows");

/* an evidence item has nine columns too */
#define EVIDENCE_INSERT \
	"INSERT INTO evidence(case_id, ord, name, source, purpose, pages, original, party, submitted) VALUES "
static const char evidence_sql[] = EVIDENCE_INSERT ROWS32;
static const char evidence1_sql[] = EVIDENCE_INSERT ROW9;

/* a service has eleven */
#define ROW11 "(?,?,?,?,?,?,?,?,?,?,?)"
#define ROWS4_11 ROW11 "," ROW11 "," ROW11 "," ROW11
#define SERVICE_INSERT                                                                                        \
	"INSERT INTO services(document_id, case_id, role, ord, name, method, tracking, served_on, signed_by, " \
	"recorded_at, user_id) VALUES "
static const char service_sql[] = SERVICE_INSERT ROWS4_11 "," ROWS4_11 "," ROWS4_11 "," ROWS4_11 "," ROWS4_11
	"," ROWS4_11 "," ROWS4_11 "," ROWS4_11;
static const char service1_sql[] = SERVICE_INSERT ROW11;

struct db_bulk {
	struct db *db;
	int n;
	char prev[65];     /* the last event's hash, as each batch starts */
	char hash[BULK_ROWS][65];
	unsigned char bin[BULK_ROWS][32];
	struct kept_event {
		int64_t user_id, case_id, entity_id;
		size_t text[5]; /* offsets in buf of at, entity, action, before, after */
		char state[33]; /* db_entity_state's, or "" */
	} row[BULK_ROWS];
	struct strbuf buf;
	int nev;
	struct kept_evidence {
		int64_t case_id;
		int ord, pages, original;
		size_t text[5]; /* offsets in evbuf of name, source, purpose, party, submitted */
	} ev[BULK_ROWS];
	struct strbuf evbuf;
	int nsv;
	struct kept_service {
		int64_t document_id, case_id, user_id;
		int ord, served;
		size_t text[7]; /* offsets in svbuf of role, name, method, tracking, served_on, signed_by, recorded_at */
	} sv[BULK_ROWS];
	struct strbuf svbuf;
};

struct db_bulk *db_bulk_new(struct db *db)
{
	struct db_bulk *b = xcalloc(1, sizeof *b);

	b->db = db;
	sb_init(&b->buf);
	sb_init(&b->evbuf);
	sb_init(&b->svbuf);
	return b;
}

void db_bulk_free(struct db_bulk *b)
{
	if (!b)
		return;
	sb_free(&b->buf);
	sb_free(&b->evbuf);
	sb_free(&b->svbuf);
	free(b);
}

static size_t keep(struct strbuf *buf, const char *s)
{
	size_t at = buf->len;

	sb_add(buf, s ? s : "");
	sb_addc(buf, '\0');
	return at;
}

static void bind_kept(struct db_bulk *b, sqlite3_stmt *st, int base, const struct kept_event *k,
		      const unsigned char *hash)
{
	const char *t = b->buf.buf;

	sqlite3_bind_text(st, base + 1, t + k->text[0], -1, SQLITE_STATIC);
	db_bind_id(st, base + 2, k->user_id);
	db_bind_id(st, base + 3, k->case_id);
	sqlite3_bind_text(st, base + 4, t + k->text[1], -1, SQLITE_STATIC);
	db_bind_id(st, base + 5, k->entity_id);
	sqlite3_bind_text(st, base + 6, t + k->text[2], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, base + 7, t + k->text[3], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, base + 8, t + k->text[4], -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, base + 9, hash, 32, SQLITE_STATIC);
	if (k->state[0]) {
		char full[65];
		unsigned char bin[32];
		snprintf(full, sizeof full, "%s%s", k->state, k->state); /* db_hash_bin reads 64 digits */
		db_hash_bin(full, bin);
		sqlite3_bind_blob(st, base + 10, bin, 16, SQLITE_TRANSIENT);
	} else {
		sqlite3_bind_null(st, base + 10);
	}
}

static int flush_evidence(struct db_bulk *b);
static int flush_services(struct db_bulk *b);

int db_bulk_flush(struct db_bulk *b)
{
	int rc = flush_evidence(b);

	if (rc == 0)
		rc = flush_services(b);

	if (rc < 0)
		return rc;

	if (b->n == BULK_ROWS) {
		/* the chain, link by link, from the last event written (asked
		 * each time: an event may have been added one by one since) */
		if (db_event_last_hash(b->db, NULL, b->prev) < 0)
			return -1;
		for (int i = 0; i < b->n; i++) {
			const struct kept_event *k = &b->row[i];
			const char *t = b->buf.buf;
			struct event_rec e = {
				.at = t + k->text[0], .user_id = k->user_id, .case_id = k->case_id,
				.entity = t + k->text[1], .entity_id = k->entity_id, .action = t + k->text[2],
				.before = t + k->text[3], .after = t + k->text[4],
				.state = k->state[0] ? k->state : NULL,
			};
			db_event_hash(b->prev, &e, b->hash[i]);
			db_hash_bin(b->hash[i], b->bin[i]);
			memcpy(b->prev, b->hash[i], sizeof b->prev);
		}
		sqlite3_stmt *st = db_prep(b->db, insert_sql);
		if (!st)
			return -1;
		for (int i = 0; i < b->n; i++)
			bind_kept(b, st, i * 10, &b->row[i], b->bin[i]);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(b->db, "写入操作记录");
		sqlite3_reset(st);
	} else {
		for (int i = 0; i < b->n && rc == 0; i++) {
			const struct kept_event *k = &b->row[i];
			const char *t = b->buf.buf;
			struct event_rec e = {
				.at = t + k->text[0],
				.user_id = k->user_id,
				.case_id = k->case_id,
				.entity = t + k->text[1],
				.entity_id = k->entity_id,
				.action = t + k->text[2],
				.before = t + k->text[3],
				.after = t + k->text[4],
				.state = k->state[0] ? k->state : NULL,
			};
			rc = db_event_add_as_is(b->db, &e);
		}
	}
	b->n = 0;
	b->buf.len = 0;
	return rc;
}

int db_bulk_event(struct db_bulk *b, const struct event_rec *e)
{
	char now[20];
	struct kept_event *k = &b->row[b->n++];

	if (!e->at)
		tj_now_str(now);
	k->user_id = e->user_id;
	k->case_id = e->case_id;
	k->entity_id = e->entity_id;
	k->text[0] = keep(&b->buf, e->at ? e->at : now);
	k->text[1] = keep(&b->buf, e->entity);
	k->text[2] = keep(&b->buf, e->action);
	k->text[3] = keep(&b->buf, e->before);
	k->text[4] = keep(&b->buf, e->after);
	snprintf(k->state, sizeof k->state, "%s", e->state && strlen(e->state) == 32 ? e->state : "");
	return b->n == BULK_ROWS ? db_bulk_flush(b) : 0;
}

/* ---- evidence items many to a statement ------------------------------- */

static void bind_evidence(struct db_bulk *b, sqlite3_stmt *st, int base, const struct kept_evidence *k)
{
	const char *t = b->evbuf.buf;

	sqlite3_bind_int64(st, base + 1, k->case_id);
	sqlite3_bind_int(st, base + 2, k->ord);
	sqlite3_bind_text(st, base + 3, t + k->text[0], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, base + 4, t + k->text[1], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, base + 5, t + k->text[2], -1, SQLITE_STATIC);
	sqlite3_bind_int(st, base + 6, k->pages);
	sqlite3_bind_int(st, base + 7, k->original ? 1 : 0);
	sqlite3_bind_text(st, base + 8, t + k->text[3], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, base + 9, t + k->text[4], -1, SQLITE_STATIC);
}

static int flush_evidence(struct db_bulk *b)
{
	int rc = 0, full = b->nev == BULK_ROWS;

	for (int i = 0; i < b->nev && rc == 0; i += full ? BULK_ROWS : 1) {
		sqlite3_stmt *st = db_prep(b->db, full ? evidence_sql : evidence1_sql);
		if (!st)
			return -1;
		for (int k = 0; k < (full ? BULK_ROWS : 1); k++)
			bind_evidence(b, st, k * 9, &b->ev[i + k]);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(b->db, "写入证据");
		sqlite3_reset(st);
	}
	b->nev = 0;
	b->evbuf.len = 0;
	return rc;
}

int db_bulk_evidence(struct db_bulk *b, const struct evidence_row *e)
{
	struct kept_evidence *k = &b->ev[b->nev++];

	k->case_id = e->case_id;
	k->ord = e->ord;
	k->pages = e->pages;
	k->original = e->original;
	k->text[0] = keep(&b->evbuf, e->name);
	k->text[1] = keep(&b->evbuf, e->source);
	k->text[2] = keep(&b->evbuf, e->purpose);
	k->text[3] = keep(&b->evbuf, e->party);
	k->text[4] = keep(&b->evbuf, e->submitted);
	return b->nev == BULK_ROWS ? flush_evidence(b) : 0;
}

/* ---- services many to a statement ------------------------------------- */

static void bind_service(struct db_bulk *b, sqlite3_stmt *st, int base, const struct kept_service *k)
{
	const char *t = b->svbuf.buf;

	sqlite3_bind_int64(st, base + 1, k->document_id);
	sqlite3_bind_int64(st, base + 2, k->case_id);
	sqlite3_bind_text(st, base + 3, t + k->text[0], -1, SQLITE_STATIC);
	sqlite3_bind_int(st, base + 4, k->ord);
	sqlite3_bind_text(st, base + 5, t + k->text[1], -1, SQLITE_STATIC);
	if (k->served) {
		sqlite3_bind_text(st, base + 6, t + k->text[2], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, base + 7, t + k->text[3], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, base + 8, t + k->text[4], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, base + 9, t + k->text[5], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, base + 10, t + k->text[6], -1, SQLITE_STATIC);
		db_bind_id(st, base + 11, k->user_id);
	} else {
		/* pending: as db_service_pending_add leaves it */
		sqlite3_bind_null(st, base + 6);
		sqlite3_bind_text(st, base + 7, "", -1, SQLITE_STATIC);
		sqlite3_bind_null(st, base + 8);
		sqlite3_bind_text(st, base + 9, "", -1, SQLITE_STATIC);
		sqlite3_bind_null(st, base + 10);
		sqlite3_bind_null(st, base + 11);
	}
}

static int flush_services(struct db_bulk *b)
{
	int rc = 0, full = b->nsv == BULK_ROWS;

	for (int i = 0; i < b->nsv && rc == 0; i += full ? BULK_ROWS : 1) {
		sqlite3_stmt *st = db_prep(b->db, full ? service_sql : service1_sql);
		if (!st)
			return -1;
		for (int k = 0; k < (full ? BULK_ROWS : 1); k++)
			bind_service(b, st, k * 11, &b->sv[i + k]);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(b->db, "写入送达记录");
		sqlite3_reset(st);
	}
	b->nsv = 0;
	b->svbuf.len = 0;
	return rc;
}

int db_bulk_service(struct db_bulk *b, const struct service_row *s)
{
	struct kept_service *k = &b->sv[b->nsv++];

	k->document_id = s->document_id;
	k->case_id = s->case_id;
	k->user_id = s->user_id;
	k->ord = s->ord;
	k->served = s->method != NULL;
	k->text[0] = keep(&b->svbuf, s->role);
	k->text[1] = keep(&b->svbuf, s->name);
	k->text[2] = keep(&b->svbuf, s->method);
	k->text[3] = keep(&b->svbuf, s->tracking);
	k->text[4] = keep(&b->svbuf, s->served_on);
	k->text[5] = keep(&b->svbuf, s->signed_by);
	k->text[6] = keep(&b->svbuf, s->recorded_at);
	return b->nsv == BULK_ROWS ? flush_services(b) : 0;
}
