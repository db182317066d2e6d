/*
 * test_bulk.c - loading a new database in one go (bulk.h, datafile.h):
 * the connection of a load (its settings while loading and after), events
 * many to a statement in the order given, the highest event id, evidence
 * items many to a statement, and the
 * reference data of a new file; and the demo generator (demo.h) on a
 * small file: what it says it made is what the file holds, and the same
 * seed makes the same file.
 */
#include <sys/stat.h>

#include "tap.h"
#include "testdb.h"
#include "tiaojie/bulk.h"
#include "tiaojie/config.h"
#include "tiaojie/datafile.h"
#include "tiaojie/demo.h"

static int64_t count_events(struct db *db)
{
	return testdb_int(db, "SELECT count(*) FROM events");
}

static void test_load_connection(void)
{
	struct db *db = db_bulk_open(testdb_path("load.db"), 1000);

	CHECK(db != NULL, "%s", tj_errmsg());
	if (!db)
		return;
	CHECK_INT(db_schema_version(db), db_latest_version());
	CHECK_INT(db_bulk_load_begin(db), 0);
	CHECK_INT(testdb_int(db, "SELECT journal_mode = 'off' FROM pragma_journal_mode"), 1);
	CHECK_INT(testdb_int(db, "PRAGMA synchronous"), 0);
	CHECK_INT(testdb_int(db, "PRAGMA cache_size"), -400000);
	CHECK_INT(testdb_int(db, "PRAGMA temp_store"), 2);
	CHECK_INT(testdb_int(db, "PRAGMA foreign_keys"), 0);
	CHECK_INT(testdb_int(db, "PRAGMA ignore_check_constraints"), 1);

	/* the reference data and its init event */
	struct datafile_loaded l = {0};
	CHECK_INT(datafile_setup(db, &l), 0);
	CHECK(l.first > 10 && l.second > l.first, "%d %d", l.first, l.second);
	CHECK(l.holidays > 0, "%d", l.holidays);
	CHECK(l.causes_from && l.holidays_from, "where from");
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM causes"), l.first + l.second);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE entity = 'system' AND action = 'init'"), 1);
	datafile_loaded_free(&l);
	CHECK(l.causes_from == NULL && l.holidays_from == NULL, "freed");

	/* events many to a statement, in the order given, and one by one
	 * for a flush of fewer */
	int64_t last = -1, before = count_events(db);
	CHECK_INT(db_bulk_last_event_id(db, &last), 0);
	CHECK_INT(last, before);
	struct db_bulk *b = db_bulk_new(db);
	CHECK_INT(db_begin(db), 0);
	for (int i = 0; i < 70; i++) {
		char after[16];
		snprintf(after, sizeof after, "n%d", i);
		struct event_rec e = {.at = i % 2 ? "2026-01-02 09:00:00" : NULL, .entity = "test", .entity_id = i + 1,
				      .action = "bulk", .after = after};
		CHECK_INT(db_bulk_event(b, &e), 0);
	}
	/* 64 written in two statements, 6 kept */
	CHECK_INT(count_events(db), before + 64);
	CHECK_INT(db_bulk_flush(b), 0);
	CHECK_INT(db_commit(db), 0);
	db_bulk_free(b);
	CHECK_INT(count_events(db), before + 70);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM (SELECT entity_id, lag(entity_id) OVER (ORDER BY id) p "
				 "FROM events WHERE entity = 'test') WHERE p IS NOT NULL AND entity_id != p + 1"),
		  0);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events "
				 "WHERE entity = 'test' AND after != 'n' || (entity_id - 1)"),
		  0);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events "
				 "WHERE entity = 'test' AND at = '2026-01-02 09:00:00'"),
		  35);
	CHECK_INT(db_bulk_last_event_id(db, &last), 0);
	CHECK_INT(last, before + 70);

	/* evidence items many to a statement, numbered by the caller; an item
	 * added later the ordinary way takes the next number */
	struct case_row c = {.case_no = "沪劳人调(2026)第00001号", .year = 2026, .seq = 1, .channel = "window",
			     .received = "2026-01-02", .status = "registered", .last_event_at = "2026-01-02 09:00:00",
			     .updated_at = "2026-01-02 09:00:00"};
	b = db_bulk_new(db);
	CHECK_INT(db_begin(db), 0);
	CHECK_INT(db_case_insert(db, &c), 0);
	for (int i = 0; i < 33; i++) {
		char name[16];
		snprintf(name, sizeof name, "证据%d", i + 1);
		struct evidence_row e = {.case_id = c.id, .ord = i + 1, .name = name, .source = i % 2 ? "来源" : NULL,
					 .purpose = "证明", .pages = i + 1, .original = i % 3 == 0,
					 .party = i % 4 ? "applicant" : "respondent", .submitted = "2026-01-02"};
		CHECK_INT(db_bulk_evidence(b, &e), 0);
	}
	/* 32 written in one statement, 1 kept */
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM evidence"), 32);
	CHECK_INT(db_bulk_flush(b), 0);
	db_bulk_free(b);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM evidence WHERE name = '证据' || ord AND pages = ord "
				 "AND source = CASE ord % 2 WHEN 0 THEN '来源' ELSE '' END "
				 "AND original = ((ord - 1) % 3 = 0) AND submitted = '2026-01-02' "
				 "AND party = CASE (ord - 1) % 4 WHEN 0 THEN 'respondent' ELSE 'applicant' END"),
		  33);
	struct evidence_row more = {.case_id = c.id, .name = "补充证据", .pages = 1, .party = "applicant",
				    .submitted = "2026-01-03"};
	CHECK_INT(db_evidence_add(db, &more), 0);
	CHECK_INT(more.ord, 34);
	CHECK_INT(db_commit(db), 0);

	CHECK_INT(db_bulk_load_end(db), 0);
	CHECK_INT(testdb_int(db, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
	CHECK_INT(testdb_int(db, "PRAGMA synchronous"), 1);
	CHECK_INT(testdb_int(db, "PRAGMA foreign_keys"), 1);
	CHECK_INT(testdb_int(db, "PRAGMA ignore_check_constraints"), 0);
	db_close(db);

	/* an ordinary connection finds a database like any other */
	db = db_open(testdb_path("load.db"), 0, 1000);
	CHECK(db != NULL, "%s", tj_errmsg());
	if (db) {
		CHECK_INT(testdb_int(db, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
		CHECK_INT(count_events(db), before + 70);
		db_close(db);
	}

	mkdir(testdb_path("adir"), 0700);
	CHECK(db_bulk_open(testdb_path("adir"), 1000) == NULL, "a directory opened");
}

static void test_last_event_id_empty(void)
{
	struct db *db = db_open(testdb_path("empty.db"), DB_OPEN_CREATE, 1000);
	int64_t last = -1;

	CHECK(db != NULL, "%s", tj_errmsg());
	if (!db)
		return;
	CHECK_INT(db_bulk_last_event_id(db, &last), 0);
	CHECK_INT(last, 0);
	db_close(db);
}

static void test_demo(void)
{
	struct config cfg;
	struct demo_summary s[2];
	const char *name[2] = {"demo1.db", "demo2.db"};
	int64_t digest[2] = {0, 0};

	config_defaults(&cfg);
	for (int k = 0; k < 2; k++) {
		struct demo_options o = {.path = testdb_path(name[k]), .cfg = &cfg, .ncases = 60, .seed = 7};
		CHECK_INT(demo_generate(&o, &s[k]), DEMO_OK);
		struct db *db = db_open(testdb_path(name[k]), 0, 1000);
		CHECK(db != NULL, "%s", tj_errmsg());
		if (!db)
			continue;
		long total = 0;
		for (int i = 0; i < ST_COUNT; i++)
			total += s[k].st_count[i];
		CHECK_INT(total, 60);
		CHECK_INT(testdb_int(db, "SELECT count(*) FROM cases"), 60);
		CHECK_INT(testdb_int(db, "SELECT count(*) FROM cases WHERE status = 'agreed'"),
			  s[k].st_count[ST_AGREED]);
		CHECK_INT(testdb_int(db, "SELECT count(*) FROM events"), s[k].events);
		CHECK_INT(testdb_int(db, "SELECT count(*) FROM persons"), s[k].persons);
		CHECK_INT(testdb_int(db, "SELECT count(*) FROM employers"), s[k].employers);
		CHECK_INT(testdb_int(db, "SELECT count(*) FROM sessions"), s[k].sessions);
		CHECK_INT(testdb_int(db, "SELECT count(*) FROM consultations"), s[k].consultations);
		CHECK_INT(testdb_int(db, "SELECT count(*) FROM mediators"), DEMO_MEDIATORS);
		CHECK_INT(testdb_int(db, "SELECT count(*) FROM users"), DEMO_STAFF + DEMO_MEDIATOR_ACCOUNTS);
		CHECK_INT(testdb_int(db, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
		CHECK(s[k].first < s[k].last, "period %d..%d", (int)s[k].first, (int)s[k].last);
		digest[k] = testdb_int(db, "SELECT sum(length(facts) * id) + (SELECT sum(amount_fen) FROM claims) "
					   "+ (SELECT sum(length(after) * id) FROM events) FROM cases");
		db_close(db);
	}
	CHECK(digest[0] > 0 && digest[0] == digest[1], "%lld %lld", (long long)digest[0], (long long)digest[1]);
	CHECK_INT(s[0].events, s[1].events);

	/* a file the generator cannot create */
	struct demo_options o = {.path = testdb_path("adir"), .cfg = &cfg, .ncases = 10, .seed = 7};
	CHECK_INT(demo_generate(&o, &s[0]), DEMO_ERR_OPEN);
	config_free(&cfg);
}

int main(void)
{
	setenv("TIAOJIE_NOW", "2026-11-20 10:00:00", 1);
	test_load_connection();
	test_last_event_id_empty();
	test_demo();
	testdb_cleanup();
	return tap_done();
}
