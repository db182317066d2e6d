/*
 * mediators.c - reading the roster for choosing a mediator (assignment).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void db_mediator_choices_free(struct mediator_choices *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].side);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int db_mediator_choices(struct db *db, struct mediator_choices *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT m.id, m.name, m.side, m.capacity, "
				       "(SELECT count(*) FROM cases c WHERE c.mediator_id = m.id AND "
				       "c.status IN ('assigned', 'mediating')) FROM mediators m "
				       "WHERE m.active = 1 ORDER BY 5, m.name");
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = xgrow(out->v, out->n, &out->cap, sizeof *out->v);
		struct mediator_choice *m = &out->v[out->n++];
		m->id = sqlite3_column_int64(st, 0);
		m->name = db_col_strdup(st, 1);
		m->side = db_col_strdup(st, 2);
		m->capacity = sqlite3_column_int(st, 3);
		m->open = sqlite3_column_int(st, 4);
	}
	if (rc != SQLITE_DONE) {
		db_mediator_choices_free(out);
		return db_fail(db, "读取调解员名册");
	}
	return 0;
}
