/*
 * test_bulk.c - loading a new database in one go (bulk.h, datafile.h):
 * the connection of a load (its settings while loading and after), events
 * many to a statement in the order given, the highest event id, and the
 * reference data of a new file.
 */
#include <sys/stat.h>

#include "tap.h"
#include "testdb.h"
#include "tiaojie/bulk.h"
#include "tiaojie/datafile.h"

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
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE entity = 'test' AND after != 'n' || (entity_id - 1)"),
		  0);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE entity = 'test' AND at = '2026-01-02 09:00:00'"), 35);
	CHECK_INT(db_bulk_last_event_id(db, &last), 0);
	CHECK_INT(last, before + 70);

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

int main(void)
{
	setenv("TIAOJIE_NOW", "2026-11-20 10:00:00", 1);
	test_load_connection();
	test_last_event_id_empty();
	testdb_cleanup();
	return tap_done();
}
