/*
 * crashdrv.c - the writer tests/crash/test_crash.sh kills with -9 for case
 * transitions: `crashdrv DB N SEED` applies N valid changes to the open
 * cases of DB (confirm, accept, assign, schedule, session records,
 * reassignments, extensions, agreements, ...) through case_apply, the
 * function the screens call, as fast as it can.  Exit 0 when every change
 * was saved or refused for a reason of its own (a booking clash); 1 on any
 * other error, which it prints.
 */
#include <stdlib.h>

#include "../unit/mixops.h"
#include "tiaojie/db.h"
/* the driver lists the open cases and mediators with SQL (tests are not a layer) */
#include "../../src/db/internal.h"

static int64_t *ids(struct db *db, const char *sql, int *n)
{
	sqlite3_stmt *st;
	int64_t *v = NULL;
	int cap = 0;

	*n = 0;
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			v = realloc(v, (size_t)cap * sizeof *v);
		}
		v[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return v;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: crashdrv DB N SEED\n");
		return 2;
	}
	struct mix m = {.rng = 0x9E3779B97F4A7C15ull * (uint64_t)(atoll(argv[3]) + 1)};
	int n = atoi(argv[2]), ncases, nmed, errors = 0, changed = 0;

	setenv("TIAOJIE_NOW", "2026-11-20 23:59:00", 1);
	config_defaults(&m.cfg);
	holidays_init(&m.hol);
	m.db = db_open(argv[1], 0, 10000);
	if (!m.db || holidays_from_db(m.db, &m.hol) < 0) {
		fprintf(stderr, "crashdrv: %s\n", tj_errmsg());
		return 1;
	}
	int64_t *cases = ids(m.db,
			     "SELECT id FROM cases WHERE status IN ('registered', 'confirmed', 'accepted', "
			     "'assigned', 'mediating') OR (status = 'agreed' AND performance = 'pending')",
			     &ncases);
	int64_t *med = ids(m.db, "SELECT id FROM mediators WHERE active = 1", &nmed);
	m.med = med;
	m.nmed = nmed;
	if (ncases == 0 || nmed < 2) {
		fprintf(stderr, "crashdrv: %d open cases, %d mediators\n", ncases, nmed);
		return 1;
	}
	for (int i = 0; i < n; i++) {
		enum case_action a = ACT_COUNT;
		int stale;
		int64_t id = cases[mix_rnd(&m, (uint32_t)ncases)];
		switch (mix_case_op(&m, id, 0, &a, &stale)) {
		case MIX_CHANGED:
			changed++;
			break;
		case MIX_ERROR:
			fprintf(stderr, "crashdrv: %s on case %lld: %s\n", a < ACT_COUNT ? action_keyword(a) : "load",
				(long long)id, tj_errmsg());
			errors++;
			break;
		default:
			break;
		}
	}
	printf("%d changes\n", changed);
	free(cases);
	free(med);
	holidays_free(&m.hol);
	db_close(m.db);
	config_free(&m.cfg);
	return errors ? 1 : 0;
}
