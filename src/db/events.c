/*
 * events.c - appending to the event log (操作记录).  The table refuses
 * UPDATE and DELETE itself (triggers in 001_schema.sql); here we only add.
 */
#include "tiaojie/calendar.h"
#include "internal.h"

int db_event_add(struct db *db, const struct event_rec *e)
{
	sqlite3_stmt *st = db_prep(db, "INSERT INTO events(at, user_id, case_id, entity, entity_id, action, "
				       "before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	char now[20];

	if (!st)
		return -1;
	if (!e->at)
		tj_now_str(now);
	db_bind_text(st, 1, e->at ? e->at : now);
	if (e->user_id > 0)
		sqlite3_bind_int64(st, 2, e->user_id);
	if (e->case_id > 0)
		sqlite3_bind_int64(st, 3, e->case_id);
	db_bind_text(st, 4, e->entity);
	if (e->entity_id > 0)
		sqlite3_bind_int64(st, 5, e->entity_id);
	db_bind_text(st, 6, e->action);
	db_bind_text(st, 7, e->before ? e->before : "");
	db_bind_text(st, 8, e->after ? e->after : "");
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "写入操作记录");
	return 0;
}
