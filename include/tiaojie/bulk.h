/*
 * bulk.h - writing many rows at once, for `tiaojie demo`: a million cases
 * carry some fifteen million events, and SQLite spends more on starting
 * and finishing an INSERT than on storing its row.  Events given to
 * db_bulk_event are kept and written many to a statement, in the order
 * given (so their ids rise in that order, as db_event_add's would), with
 * the same columns db_event_add writes.  Whatever reads the event log, or
 * ends the transaction, comes after db_bulk_flush.
 */
#ifndef TIAOJIE_BULK_H
#define TIAOJIE_BULK_H

#include "tiaojie/db.h"

struct db_bulk;

struct db_bulk *db_bulk_new(struct db *db);
/* Keep a copy of the event (NULL at: now); writes when enough are kept.
 * 0, or -1 with the error set. */
int db_bulk_event(struct db_bulk *b, const struct event_rec *e);
/* Write every event kept.  0, or -1 with the error set. */
int db_bulk_flush(struct db_bulk *b);
/* Free b; events still kept are dropped (flush first). */
void db_bulk_free(struct db_bulk *b);

#endif
