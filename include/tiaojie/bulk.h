/*
 * bulk.h - loading a new database in one go, for `tiaojie demo` (the
 * generator, src/demo): a connection tuned for a one-off load, and events,
 * evidence items and services written many to a statement.
 *
 * A million cases carry some fifteen million events, and SQLite spends
 * more on starting and finishing an INSERT than on storing its row.
 * Events given to db_bulk_event are kept and written many to a statement,
 * in the order given (so their ids rise in that order, as db_event_add's
 * would), with the same columns db_event_add writes.  Whatever reads the
 * event log, or ends the transaction, comes after db_bulk_flush.
 */
#ifndef TIAOJIE_BULK_H
#define TIAOJIE_BULK_H

#include "tiaojie/db.h"

/* ---- the connection of a load ------------------------------------------- */

/* Create and open the file at path for a load by this one thread: SQLite
 * is configured first (for the whole process: no mutexes, no memory
 * statistics), then the database is opened as db_open(path,
 * DB_OPEN_CREATE, busy_timeout_ms) does, with a larger lookaside pool.
 * NULL with the error set. */
struct db *db_bulk_open(const char *path, int busy_timeout_ms);
/* Before the load: no journal, no fsync, a big page cache, temporary
 * tables in memory, neither foreign keys nor CHECK constraints (the file
 * is simply made again if a load fails; `tiaojie check` verifies both
 * after).  0, or -1 with the error set. */
int db_bulk_load_begin(struct db *db);
/* After the load: CHECK constraints and foreign keys back on, WAL and
 * synchronous=NORMAL, what every other connection expects.  0, or -1 with
 * the error set. */
int db_bulk_load_end(struct db *db);
/* The highest event id, 0 when there are none: in a file just loaded (ids
 * 1..n, nothing deleted) the number of events, without reading them.  0,
 * or -1 with the error set. */
int db_bulk_last_event_id(struct db *db, int64_t *id);

/* ---- events many to a statement --------------------------------------- */

struct db_bulk;

struct db_bulk *db_bulk_new(struct db *db);
/* Keep a copy of the event (NULL at: now); writes when enough are kept.
 * The event carries the state the caller gives (e->state, from
 * db_entity_state) or none: kept events are written after their rows have
 * moved on, so nothing is computed here.  0, or -1 with the error set. */
int db_bulk_event(struct db_bulk *b, const struct event_rec *e);
/* Keep a copy of an item of the evidence list of a case made in this load,
 * numbered by the caller: e->ord 1, 2, ... within its case, in the order
 * received, as db_evidence_add would number them (e->id is not set).
 * Writes with the events, many items to a statement.  0, or -1 with the
 * error set. */
int db_bulk_evidence(struct db_bulk *b, const struct evidence_row *e);
/* The service (送达) of a document of this load on one party: served
 * (method, served_on and recorded_at set, tracking for 邮寄送达) or not
 * yet (method NULL: the others are ignored).  Written with the events,
 * many rows to a statement, with the columns db_service_pending_add and
 * db_service_set write.  0, or -1 with the error set. */
struct service_row {
	int64_t document_id, case_id;
	const char *role; /* "applicant" or "respondent" */
	int ord;
	const char *name; /* the party as addressed */
	const char *method, *tracking, *served_on, *signed_by, *recorded_at;
	int64_t user_id;  /* who recorded it */
};
int db_bulk_service(struct db_bulk *b, const struct service_row *s);
/* Write every event, evidence item and service kept.  0, or -1 with the
 * error set. */
int db_bulk_flush(struct db_bulk *b);
/* Free b; events and items still kept are dropped (flush first). */
void db_bulk_free(struct db_bulk *b);

#endif
