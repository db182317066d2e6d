/*
 * seal.c - a row changed behind the event log is written into the log
 * before the program's next event on it.
 *
 * Each event on a case, an account or an archive row seals what the row
 * holds (its state, events.c), and `tiaojie check` finds a row changed
 * since.  Without more, the program's next event on such a row would seal
 * the changed row and hide the change.  So on a connection that writes,
 * the first change of such a row in a transaction, and the first event on
 * it, first compare the row with the state its last event sealed.  When
 * they differ - or when a row not made in this transaction has no event
 * at all (one inserted by SQL) - an event "outside" goes into the log
 * before the program's own, with the state sealed and the state found:
 * the log is append-only, so `tiaojie check` names the change from then
 * on, whatever is written after.  The window goes on working meanwhile.
 *
 * The rows are watched by temporary triggers - this connection's own, not
 * in the file - calling tj_seal(); a row's INSERT marks it as made here.
 * What has been compared or made is remembered until the transaction
 * ends (the commit and rollback hooks forget it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/util.h"
#include "internal.h"

static char kind_of(const char *entity)
{
	if (!entity)
		return 0;
	if (!strcmp(entity, "case"))
		return 'c';
	if (!strcmp(entity, "user"))
		return 'u';
	if (!strcmp(entity, "person"))
		return 'p';
	if (!strcmp(entity, "employer"))
		return 'e';
	return 0;
}

static struct db_sealed *seen(const struct db *db, char k, int64_t id)
{
	for (int i = 0; i < db->nseal; i++)
		if (db->seal[i].id == id && db->seal[i].kind == k)
			return &db->seal[i];
	return NULL;
}

static struct db_sealed *remember(struct db *db, char k, int64_t id)
{
	struct db_sealed *x = seen(db, k, id);

	if (x)
		return x;
	if (db->nseal == db->seal_cap) {
		db->seal_cap = db->seal_cap ? db->seal_cap * 2 : 16;
		db->seal = xrealloc(db->seal, (size_t)db->seal_cap * sizeof *db->seal);
	}
	x = &db->seal[db->nseal++];
	memset(x, 0, sizeof *x);
	x->kind = k;
	x->id = id;
	return x;
}

static int forget(void *arg)
{
	struct db *db = arg;

	db->nseal = 0;
	return 0; /* the commit goes on */
}

static void forget_rb(void *arg)
{
	forget(arg);
}

/* The state the row's last event sealed: 1 and out, 0 none, -1 error.
 * "entity != 'case'" in each statement lets the planner use the partial
 * index events_entity (it does not infer it from entity = 'user'). */
static int last_sealed(struct db *db, char k, int64_t id, char out[33])
{
	const char *sql =
		k == 'c' ? "SELECT lower(hex(state)) FROM events WHERE case_id = ? AND entity = 'case' "
			   "AND state IS NOT NULL ORDER BY id DESC LIMIT 1"
		: k == 'u' ? "SELECT lower(hex(state)) FROM events WHERE entity != 'case' AND entity = 'user' AND entity_id = ? "
			     "AND state IS NOT NULL ORDER BY id DESC LIMIT 1"
		: k == 'p' ? "SELECT lower(hex(state)) FROM events WHERE entity != 'case' AND entity = 'person' AND entity_id = ? "
			     "AND state IS NOT NULL ORDER BY id DESC LIMIT 1"
			   : "SELECT lower(hex(state)) FROM events WHERE entity != 'case' AND entity = 'employer' AND entity_id = ? "
			     "AND state IS NOT NULL ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st = db_prep(db, sql);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(out, 33, "%s", (const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
		return 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "读取操作记录");
	return 0;
}

int db_seal_verify(struct db *db, const char *entity, int64_t id)
{
	char k = kind_of(entity), want[33] = "", now[33];
	int r;

	if (!db->guard || !k || id <= 0)
		return DB_SEAL_OK;
	struct db_sealed *x = seen(db, k, id);
	if (x)
		return x->found;
	if ((r = last_sealed(db, k, id, want)) < 0 || db_entity_state(db, entity, id, now) < 0)
		return -1;
	x = remember(db, k, id);
	x->found = r == 0 ? DB_SEAL_UNRECORDED : strcmp(now, want) != 0 ? DB_SEAL_CHANGED : DB_SEAL_OK;
	snprintf(x->want, sizeof x->want, "%s", want);
	snprintf(x->now, sizeof x->now, "%s", now);
	return x->found;
}

int db_seal_report(struct db *db, const char *entity, int64_t id, int64_t case_id, const char *at)
{
	char k = kind_of(entity);
	struct db_sealed *x = k && id > 0 ? seen(db, k, id) : NULL;

	if (!x || x->found == DB_SEAL_OK || x->reported)
		return 0;
	/* no state of its own: it seals nothing, it says what was found */
	struct event_rec e = {
		.at = at,
		.case_id = case_id,
		.entity = entity,
		.entity_id = id,
		.action = x->found == DB_SEAL_CHANGED ? "outside-change" : "outside-add",
		.before = x->want,
		.after = x->now,
	};
	x->reported = 1;
	return db_event_add_as_is(db, &e);
}

/* tj_seal(entity, id, made): made 1 - the row was made in this
 * transaction; made 0 - compared with its seal before it changes (what is
 * found is written with the next event on it).  0, or an error. */
static void sql_seal(sqlite3_context *cx, int argc, sqlite3_value **v)
{
	struct db *db = sqlite3_user_data(cx);
	const char *entity = (const char *)sqlite3_value_text(v[0]);
	int64_t id = sqlite3_value_int64(v[1]);

	(void)argc;
	if (sqlite3_value_int(v[2])) {
		char k = kind_of(entity);
		if (k && id > 0 && db->guard)
			remember(db, k, id);
	} else if (db_seal_verify(db, entity, id) < 0) {
		sqlite3_result_error(cx, tj_errmsg(), -1);
		return;
	}
	sqlite3_result_int(cx, 0);
}

#define WATCH_MADE(name, table, entity)                                                                      \
	"CREATE TEMP TRIGGER IF NOT EXISTS " name "_i AFTER INSERT ON main." table " BEGIN SELECT tj_seal('" \
	entity "', NEW.id, 1); END;"
#define WATCH(name, when, table, entity, col)                                                             \
	"CREATE TEMP TRIGGER IF NOT EXISTS " name " BEFORE " when " ON main." table " BEGIN SELECT tj_seal('" \
	entity "', " col ", 0); END;"

static const char guard_sql[] =
	WATCH_MADE("tj_seal_case", "cases", "case")
	WATCH("tj_seal_case_u", "UPDATE", "cases", "case", "OLD.id")
	WATCH("tj_seal_case_d", "DELETE", "cases", "case", "OLD.id")
	WATCH("tj_seal_party_i", "INSERT", "case_parties", "case", "NEW.case_id")
	WATCH("tj_seal_party_u", "UPDATE", "case_parties", "case", "OLD.case_id")
	WATCH("tj_seal_party_d", "DELETE", "case_parties", "case", "OLD.case_id")
	WATCH("tj_seal_claim_i", "INSERT", "claims", "case", "NEW.case_id")
	WATCH("tj_seal_claim_u", "UPDATE", "claims", "case", "OLD.case_id")
	WATCH("tj_seal_claim_d", "DELETE", "claims", "case", "OLD.case_id")
	WATCH_MADE("tj_seal_user", "users", "user")
	WATCH("tj_seal_user_u", "UPDATE", "users", "user", "OLD.id")
	WATCH("tj_seal_user_d", "DELETE", "users", "user", "OLD.id")
	WATCH_MADE("tj_seal_person", "persons", "person")
	WATCH("tj_seal_person_u", "UPDATE", "persons", "person", "OLD.id")
	WATCH("tj_seal_person_d", "DELETE", "persons", "person", "OLD.id")
	WATCH_MADE("tj_seal_employer", "employers", "employer")
	WATCH("tj_seal_employer_u", "UPDATE", "employers", "employer", "OLD.id")
	WATCH("tj_seal_employer_d", "DELETE", "employers", "employer", "OLD.id");

static const char unguard_sql[] =
	"DROP TRIGGER IF EXISTS temp.tj_seal_case_i; DROP TRIGGER IF EXISTS temp.tj_seal_case_u;"
	"DROP TRIGGER IF EXISTS temp.tj_seal_case_d; DROP TRIGGER IF EXISTS temp.tj_seal_party_i;"
	"DROP TRIGGER IF EXISTS temp.tj_seal_party_u; DROP TRIGGER IF EXISTS temp.tj_seal_party_d;"
	"DROP TRIGGER IF EXISTS temp.tj_seal_claim_i; DROP TRIGGER IF EXISTS temp.tj_seal_claim_u;"
	"DROP TRIGGER IF EXISTS temp.tj_seal_claim_d; DROP TRIGGER IF EXISTS temp.tj_seal_user_i;"
	"DROP TRIGGER IF EXISTS temp.tj_seal_user_u; DROP TRIGGER IF EXISTS temp.tj_seal_user_d;"
	"DROP TRIGGER IF EXISTS temp.tj_seal_person_i; DROP TRIGGER IF EXISTS temp.tj_seal_person_u;"
	"DROP TRIGGER IF EXISTS temp.tj_seal_person_d; DROP TRIGGER IF EXISTS temp.tj_seal_employer_i;"
	"DROP TRIGGER IF EXISTS temp.tj_seal_employer_u; DROP TRIGGER IF EXISTS temp.tj_seal_employer_d;";

int db_guard_install(struct db *db)
{
	if (db->readonly)
		return 0;
	if (sqlite3_create_function(db->h, "tj_seal", 3, SQLITE_UTF8 | SQLITE_DIRECTONLY, db, sql_seal, NULL,
				    NULL) != SQLITE_OK)
		return db_fail(db, "准备数据库");
	sqlite3_commit_hook(db->h, forget, db);
	sqlite3_rollback_hook(db->h, forget_rb, db);
	if (db_exec(db, guard_sql) < 0)
		return -1;
	db->guard = 1;
	db->nseal = 0;
	return 0;
}

int db_guard_remove(struct db *db)
{
	if (!db->guard)
		return 0;
	db->guard = 0;
	return db_exec(db, unguard_sql);
}

/* ---- migration 013: every row sealed once ----------------------------- */

/* The ids of the rows of one kind that no event has sealed yet (all
 * accounts: their state took in the password hash at 013). */
static int unsealed_ids(struct db *db, const char *sql, int64_t **ids, size_t *n)
{
	sqlite3_stmt *st = db_prep(db, sql);
	size_t cap = 0;
	int rc;

	*n = 0;
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			*ids = xrealloc(*ids, cap * sizeof **ids);
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "读取记录");
	return 0;
}

int db_seal_all(struct db *db, int64_t *sealed)
{
	static const struct {
		const char *entity, *sql;
	} kinds[] = {
		{"user", "SELECT id FROM users ORDER BY id"},
		{"case", "SELECT id FROM cases c WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.case_id = c.id "
			 "AND e.entity = 'case' AND e.state IS NOT NULL) ORDER BY id"},
		{"person", "SELECT id FROM persons p WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.entity != 'case' AND e.entity = "
			   "'person' AND e.entity_id = p.id AND e.state IS NOT NULL) ORDER BY id"},
		{"employer", "SELECT id FROM employers m WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.entity != 'case' AND e.entity = "
			     "'employer' AND e.entity_id = m.id AND e.state IS NOT NULL) ORDER BY id"},
	};
	int64_t *ids = NULL;
	size_t n;

	*sealed = 0;
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		if (unsealed_ids(db, kinds[k].sql, &ids, &n) < 0) {
			free(ids);
			return -1;
		}
		for (size_t i = 0; i < n; i++) {
			int is_case = !strcmp(kinds[k].entity, "case");
			struct event_rec e = {
				.case_id = is_case ? ids[i] : 0,
				.entity = kinds[k].entity,
				.entity_id = ids[i],
				.action = "seal",
				.before = "",
				.after = "",
			};
			if (db_event_add(db, &e) < 0) {
				free(ids);
				return -1;
			}
			(*sealed)++;
		}
	}
	free(ids);
	return 0;
}
