/*
 * test_migrate.c - the schema's upgrades, and the search tables of
 * data/002_search.sql: a database of version 1 (001_schema.sql alone) with
 * cases in it, opened by this program, becomes the newest version with
 * its rows kept and the search tables filled from them; the triggers then
 * keep those current as rows come, change and go; and the bulk load of
 * `tiaojie demo` (search_bulk_begin/end) leaves the same search tables as
 * the triggers do; 007 rebuilds case_parties keeping every row and its
 * snapshot, and its new rows (respondent kinds, agents, claims' respondents
 * and per-worker amounts) keep to their constraints.  Today is 2026-11-20.
 */
#include "tap.h"
#include "testdb.h"
#include "tiaojie/embed.h"
#include "tiaojie/search.h"

static struct config cfg;
static tj_day today;

static void raw(sqlite3 *h, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "fixture SQL failed: %s\n%s\n", err, sql);
		exit(1);
	}
}

static const struct actor clerk = {.role = ROLE_CLERK};
static const struct actor mediator1 = {.role = ROLE_MEDIATOR, .mediator_id = 1};

static int64_t found(struct db *db, const char *text)
{
	struct case_filter f = {.text = text, .status = -1};
	struct case_list l = {0};

	if (case_search(db, &cfg, &clerk, today, &f, &l) < 0) {
		fprintf(stderr, "case_search(%s): %s\n", text, tj_errmsg());
		return -1;
	}
	int64_t n = l.total;
	case_list_free(&l);
	return n;
}

/* search_counts and search_followups equal what they are derived from. */
static int64_t counts_wrong(struct db *db)
{
	return testdb_int(db, "SELECT count(*) FROM (SELECT status, coalesce(mediator_id, 0) m, count(*) n FROM cases"
			      " GROUP BY 1, 2) a LEFT JOIN search_counts b ON b.status = a.status AND b.mediator_id = a.m"
			      " WHERE b.n IS NOT a.n") +
	       testdb_int(db, "SELECT count(*) FROM search_counts b WHERE n != (SELECT count(*) FROM cases"
			      " WHERE status = b.status AND coalesce(mediator_id, 0) = b.mediator_id)");
}

static int64_t followups_wrong(struct db *db)
{
	const char *want = "SELECT c.id, coalesce(c.mediator_id, 0), min(k.pay_date) FROM cases c"
			   " JOIN claims k ON k.case_id = c.id WHERE c.status = 'agreed' AND c.performance = 'pending'"
			   " AND k.pay_date IS NOT NULL GROUP BY c.id";
	char sql[1024];

	snprintf(sql, sizeof sql,
		 "SELECT (SELECT count(*) FROM (%s EXCEPT SELECT case_id, mediator_id, due FROM search_followups))"
		 " + (SELECT count(*) FROM (SELECT case_id, mediator_id, due FROM search_followups EXCEPT %s))",
		 want, want);
	return testdb_int(db, sql);
}

/* The full-text indexes agree with their tables. */
static int fts_ok(struct db *db)
{
	return testdb_raw(db, "INSERT INTO persons_fts(persons_fts) VALUES ('integrity-check')") == SQLITE_OK &&
	       testdb_raw(db, "INSERT INTO employers_fts(employers_fts) VALUES ('integrity-check')") == SQLITE_OK &&
	       testdb_raw(db, "INSERT INTO cases_fts(cases_fts) VALUES ('integrity-check')") == SQLITE_OK;
}

/* Every pair of characters of every name, and nothing else. */
#define GRAMS_WANT                                                                                           \
	"SELECT DISTINCT lower(substr(name, k, 2)), 0, id FROM persons JOIN search_k ON k < length(name)"        \
	" UNION SELECT DISTINCT lower(substr(name, k, 2)), 1, id FROM employers JOIN search_k ON k < length(name)"

static int64_t grams_wrong(struct db *db)
{
	return testdb_int(db, "SELECT (SELECT count(*) FROM (SELECT gram, kind, id FROM search_grams EXCEPT "
			      "SELECT * FROM (" GRAMS_WANT "))) + (SELECT count(*) FROM (SELECT * FROM (" GRAMS_WANT
			      ") EXCEPT SELECT gram, kind, id FROM search_grams))");
}

/* Whether the plan of sql names what (e.g. "COVERING INDEX x"). */
static int plan_uses(struct db *db, const char *sql, const char *what)
{
	char *q = xasprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st;
	int hit = 0;

	if (sqlite3_prepare_v2(db->h, q, -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW)
			hit |= strstr((const char *)sqlite3_column_text(st, 3), what) != NULL;
		sqlite3_finalize(st);
	}
	free(q);
	return hit;
}

static const char fixture[] =
	"INSERT INTO causes VALUES ('06', NULL, '劳动报酬', 'ldbc', '劳动报酬', 6);"
	"INSERT INTO causes VALUES ('0601', '06', '拖欠工资', 'tqgz', '劳动报酬', 1);"
	"INSERT INTO mediators(id, name, side, created_at) VALUES (1, '陈调解', 'union', '2026-01-01 09:00:00');"
	"INSERT INTO persons(id, id_type, id_no, name, phone, created_at, updated_at) VALUES"
	" (1, 'id', '310101199001010011', '王芳', '13800001111', '2026-01-01', '2026-01-01'),"
	" (2, 'id', '310101199202020022', '李小明', '13900002222', '2026-01-01', '2026-01-01'),"
	" (3, 'passport', 'E12345678', 'John SMITH', '021-64009876', '2026-01-01', '2026-01-01');"
	"INSERT INTO employers(id, uscc, name, phone, created_at, updated_at) VALUES"
	" (1, '91310000MA1FL00018', '上海浦江物流有限公司', '021-64001234', '2026-01-01', '2026-01-01'),"
	" (2, NULL, '星辰餐饮店', '13500005555', '2026-01-01', '2026-01-01');"
	"INSERT INTO cases(id, case_no, year, seq, channel, received, status, performance, mediator_id, deadline,"
	" last_event_at, updated_at) VALUES"
	" (1, '沪劳人调(2026)第00001号', 2026, 1, 'window', '2026-10-01', 'registered', NULL, NULL, '2026-10-09',"
	"  '2026-10-01 09:00:00', '2026-10-01 09:00:00'),"
	" (2, '沪劳人调(2026)第00002号', 2026, 2, 'window', '2026-10-02', 'agreed', 'pending', 1, '2026-10-20',"
	"  '2026-10-15 09:00:00', '2026-10-15 09:00:00'),"
	" (3, '沪劳人调(2026)第00003号', 2026, 3, 'online', '2026-10-03', 'agreed', 'performed', 1, '2026-10-21',"
	"  '2026-11-10 09:00:00', '2026-11-10 09:00:00'),"
	" (4, '沪劳人调(2026)第00004号', 2026, 4, 'phone', '2026-10-04', 'mediating', NULL, 1, '2026-11-30',"
	"  '2026-11-18 09:00:00', '2026-11-18 09:00:00');"
	"INSERT INTO case_parties(case_id, role, ord, person_id, employer_id) VALUES"
	" (1, 'applicant', 1, 1, NULL), (1, 'respondent', 1, NULL, 1),"
	" (2, 'applicant', 1, 2, NULL), (2, 'respondent', 1, NULL, 2),"
	" (3, 'applicant', 1, 3, NULL), (3, 'respondent', 1, NULL, 1),"
	" (4, 'applicant', 1, 2, NULL), (4, 'respondent', 1, NULL, 2);"
	"INSERT INTO claims(case_id, ord, cause, text, amount_fen, agreed_fen, pay_date) VALUES"
	" (1, 1, '0601', '支付工资', 100000, NULL, NULL),"
	" (2, 1, '0601', '支付工资', 200000, 150000, '2026-11-05'),"
	" (2, 2, '0601', '支付加班工资', 50000, 50000, '2026-11-01'),"
	" (3, 1, '0601', '支付工资', 300000, 300000, '2026-10-25'),"
	" (4, 1, '0601', '支付工资', 400000, NULL, NULL);"
	"INSERT INTO events(at, case_id, entity, entity_id, action, before, after) VALUES"
	" ('2026-01-02 09:00:00', 1, 'case', 1, 'register', '', 'registered'),"
	" ('2026-01-02 09:01:00', 2, 'case', 2, 'register', '', 'registered'),"
	" ('2026-01-03 10:00:00', NULL, 'system', NULL, 'export', '', '导出调解统计');";

static void test_upgrade(void)
{
	const char *path = testdb_path("v1.db");
	const char *v1 = embed_find("001_schema.sql");
	sqlite3 *h;

	CHECK(v1 != NULL, "001_schema.sql is embedded");
	if (!v1)
		return;
	unlink(path);
	if (sqlite3_open(path, &h) != SQLITE_OK)
		exit(1);
	raw(h, "BEGIN");
	raw(h, v1);
	raw(h, "PRAGMA user_version = 1");
	raw(h, fixture);
	raw(h, "COMMIT");
	sqlite3_close(h);

	struct db *db = db_open(path, 0, 2000);
	CHECK(db != NULL, "open and upgrade: %s", tj_errmsg());
	if (!db)
		return;
	CHECK(db_latest_version() >= 3, "003 is embedded");
	CHECK_INT(db_schema_version(db), db_latest_version());
	/* 003: the statistics read the claims from the index alone */
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'claims_case'"), 1);
	CHECK(plan_uses(db, "SELECT sum(agreed_fen) FROM claims WHERE case_id = 4", "COVERING INDEX claims_case"),
	      "agreed amounts of a case from the index");
	/* the rows are kept */
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM cases"), 4);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM persons"), 3);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM employers"), 2);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM claims"), 5);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM case_parties"), 8);
	/* 008: the events already there got their hashes, as one chain */
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE hash IS NULL"), 0);
	{
		int64_t broken = -1, checked = 0;
		char head[65];
		CHECK_INT(db_event_chain_check(db, &broken, &checked, head), 0);
		CHECK_INT(broken, 0);
		/* the three events of then, and 013's seal of every account and
		 * of each case and archive row no event had sealed (all of them) */
		CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE action = 'seal'"),
			  testdb_int(db, "SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM cases) + "
					 "(SELECT count(*) FROM persons) + (SELECT count(*) FROM employers)"));
		CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE action = 'seal' AND state IS NULL"), 0);
		CHECK_INT(checked, 3 + testdb_int(db, "SELECT count(*) FROM events WHERE action = 'seal'"));
		CHECK(testdb_raw(db, "UPDATE events SET hash = NULL WHERE id = 1") != SQLITE_OK, "hash written once");
	}
	/* 004: every existing party has its case's own copy, from the archive */
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM case_parties WHERE name IS NULL"), 0);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM case_parties cp JOIN persons p ON p.id = cp.person_id "
				 "WHERE cp.name = p.name AND cp.id_no = p.id_no AND cp.id_type = p.id_type "
				 "AND cp.phone = p.phone AND cp.address = p.address "
				 "AND cp.nationality = p.nationality AND cp.gender IS p.gender"),
		  testdb_int(db, "SELECT count(*) FROM case_parties WHERE role = 'applicant'"));
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM case_parties cp JOIN employers e ON e.id = cp.employer_id "
				 "WHERE cp.name = e.name AND cp.uscc IS e.uscc AND cp.legal_rep = e.legal_rep "
				 "AND cp.phone = e.phone AND cp.address = e.address"),
		  testdb_int(db, "SELECT count(*) FROM case_parties WHERE role = 'respondent'"));
	CHECK(testdb_int(db, "SELECT count(*) FROM case_parties WHERE role = 'applicant'") > 0, "fixture has applicants");
	CHECK_INT(testdb_int(db, "SELECT sum(amount_fen) FROM claims"), 1050000);
	/* 007: case_parties rebuilt with every row and its snapshot (the
	 * checks above ran on the rebuilt table); respondents are 用人单位,
	 * nobody a representative, every claim against all, not jointly */
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM case_parties WHERE role = 'respondent' AND kind = 'employer'"), 4);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM case_parties WHERE role = 'applicant' AND kind IS NULL"), 4);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM case_parties WHERE representative <> 0"), 0);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM claims WHERE against IS NULL AND joint = 0"), 5);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM case_agents"), 0);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM claim_shares"), 0);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN "
				 "('case_parties_person', 'case_parties_employer')"), 2);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'case_parties_007'"), 0);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM case_parties WHERE case_id = 2 AND role = 'respondent' "
				 "AND employer_id = 2 AND name = '星辰餐饮店' AND phone = '13500005555'"), 1);
	/* an individual employer is a person; an employer respondent is not */
	CHECK_INT(testdb_raw(db, "INSERT INTO case_parties(case_id, role, ord, person_id, kind, name) "
				 "VALUES (1, 'respondent', 2, 3, 'individual', 'John SMITH')"), SQLITE_OK);
	CHECK(testdb_raw(db, "INSERT INTO case_parties(case_id, role, ord, person_id, kind) "
			     "VALUES (1, 'respondent', 3, 3, 'host')") != SQLITE_OK, "a 用工单位 must be an employer");
	CHECK(testdb_raw(db, "INSERT INTO case_parties(case_id, role, ord, person_id, kind) "
			     "VALUES (1, 'applicant', 2, 2, 'individual')") != SQLITE_OK, "applicants have no kind");
	CHECK(testdb_raw(db, "INSERT INTO case_parties(case_id, role, ord, employer_id, representative) "
			     "VALUES (1, 'respondent', 3, 2, 1)") != SQLITE_OK, "respondents are no representatives");
	CHECK_INT(testdb_raw(db, "INSERT INTO case_agents(case_id, role, party_ord, ord, name, kind, authority, scope) "
				 "VALUES (1, 'respondent', 2, 1, '李律师', 'lawyer', 'special', '代为和解')"), SQLITE_OK);
	CHECK(testdb_raw(db, "INSERT INTO case_agents(case_id, role, party_ord, ord, name, kind, authority) "
			     "VALUES (1, 'respondent', 2, 2, '赵律师', 'lawyer', 'special')") != SQLITE_OK,
	      "a special authority needs its scope");
	CHECK(testdb_raw(db, "INSERT INTO case_agents(case_id, role, party_ord, ord, name, kind, authority) "
			     "VALUES (1, 'respondent', 9, 1, '赵律师', 'lawyer', 'general')") != SQLITE_OK,
	      "an agent of no party");
	CHECK(testdb_raw(db, "UPDATE claims SET against = '1;2' WHERE case_id = 1") != SQLITE_OK, "against: numbers");
	CHECK_INT(testdb_raw(db, "UPDATE claims SET against = '1,2', joint = 1 WHERE case_id = 1"), SQLITE_OK);
	CHECK_INT(testdb_raw(db, "INSERT INTO claim_shares(claim_id, applicant, amount_fen) VALUES ((SELECT id FROM claims WHERE case_id = 1), 1, 100000)"),
		  SQLITE_OK);
	/* they go with their party and their claim */
	CHECK_INT(testdb_raw(db, "DELETE FROM case_parties WHERE case_id = 1 AND role = 'respondent' AND ord = 2"),
		  SQLITE_OK);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM case_agents"), 0);
	CHECK_INT(testdb_raw(db, "UPDATE claims SET against = NULL, joint = 0 WHERE case_id = 1"), SQLITE_OK);
	CHECK_INT(testdb_raw(db, "DELETE FROM claim_shares"), SQLITE_OK);
	CHECK_INT(testdb_int(db, "PRAGMA foreign_key_check"), -1); /* no rows */
	/* the search tables are filled from them */
	CHECK_INT(counts_wrong(db), 0);
	CHECK_INT(testdb_int(db, "SELECT sum(n) FROM search_counts"), 4);
	CHECK_INT(followups_wrong(db), 0);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM search_followups WHERE case_id = 2 AND due = '2026-11-01'"), 1);
	CHECK_INT(grams_wrong(db), 0);
	CHECK(fts_ok(db), "full-text indexes consistent after the upgrade");
	/* and every kind of search finds what it should */
	CHECK_INT(found(db, "李小明"), 2);  /* trigram index */
	CHECK_INT(found(db, "小明"), 2);    /* pairs */
	CHECK_INT(found(db, "王芳"), 1);
	CHECK_INT(found(db, "smith"), 1);   /* Latin letters in any case */
	CHECK_INT(found(db, "浦江物流"), 2);
	CHECK_INT(found(db, "星辰"), 2);
	CHECK_INT(found(db, "第00003号"), 1); /* part of a case number */
	CHECK_INT(found(db, "(2026)"), 4);
	CHECK_INT(found(db, "1111"), 1);    /* the end of a phone number */
	CHECK_INT(found(db, "9876"), 1);    /* of a landline */
	CHECK_INT(found(db, "64009876"), 1);
	CHECK_INT(found(db, "1234"), 2);
	CHECK_INT(found(db, "13500005555"), 2);
	CHECK_INT(found(db, "310101199202020022"), 2);
	CHECK_INT(found(db, "沪劳人调(2026)第00004号"), 1);
	CHECK_INT(found(db, "无此人"), 0);
	int64_t q[Q_COUNT];
	CHECK_INT(queue_counts(db, &cfg, &clerk, today, q), 0);
	CHECK_INT(q[Q_NONE], 4);
	CHECK_INT(q[Q_AWAIT_CONFIRM], 1);
	CHECK_INT(q[Q_FOLLOWUP], 1);
	CHECK_INT(queue_counts(db, &cfg, &mediator1, today, q), 0);
	CHECK_INT(q[Q_NONE], 3);
	CHECK_INT(q[Q_AWAIT_CONFIRM], 0);
	CHECK_INT(q[Q_FOLLOWUP], 1);

	/* ---- then the triggers keep them current ---- */
	struct person_rec p = {.id_type = "id", .id_no = "310101198803030033", .name = "欧阳明月",
			       .phone = "13711112222"};
	char *changes = NULL;
	CHECK_INT(db_person_upsert(db, &p, "2026-11-20 09:00:00", &changes), 1);
	free(changes);
	testdb_raw(db, "INSERT INTO cases(id, case_no, year, seq, channel, received, status, last_event_at, updated_at)"
		       " VALUES (5, '沪劳人调(2026)第00005号', 2026, 5, 'window', '2026-11-20', 'registered',"
		       " '2026-11-20 09:00:00', '2026-11-20 09:00:00')");
	testdb_raw(db, "INSERT INTO case_parties(case_id, role, ord, person_id) VALUES (5, 'applicant', 1, 4)");
	CHECK_INT(found(db, "欧阳明"), 1);
	CHECK_INT(found(db, "明月"), 1);
	CHECK_INT(found(db, "第00005号"), 1);
	CHECK_INT(found(db, "2222"), 3);
	CHECK_INT(counts_wrong(db), 0);
	/* a name changes: the old one is no longer found */
	CHECK_INT(testdb_raw(db, "UPDATE persons SET name = '欧阳晓月' WHERE id = 4"), SQLITE_OK);
	CHECK_INT(found(db, "明月"), 0);
	CHECK_INT(found(db, "晓月"), 1);
	CHECK_INT(found(db, "欧阳晓月"), 1);
	CHECK_INT(testdb_raw(db, "UPDATE employers SET name = '上海黄浦物流有限公司' WHERE id = 1"), SQLITE_OK);
	CHECK_INT(found(db, "浦江"), 0);
	CHECK_INT(found(db, "黄浦物流"), 2);
	/* statuses, mediators and payment dates move the counts */
	CHECK_INT(testdb_raw(db, "UPDATE cases SET status = 'confirmed' WHERE id = 1"), SQLITE_OK);
	CHECK_INT(testdb_raw(db, "UPDATE cases SET mediator_id = NULL WHERE id = 4"), SQLITE_OK);
	CHECK_INT(counts_wrong(db), 0);
	CHECK_INT(testdb_raw(db, "UPDATE cases SET status = 'agreed', performance = 'pending' WHERE id = 4"), SQLITE_OK);
	CHECK_INT(followups_wrong(db), 0);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM search_followups"), 1); /* no payment date yet */
	CHECK_INT(testdb_raw(db, "UPDATE claims SET agreed_fen = 1, pay_date = '2026-12-01' WHERE case_id = 4"),
		  SQLITE_OK);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM search_followups"), 2);
	CHECK_INT(queue_counts(db, &cfg, &clerk, today, q), 0);
	CHECK_INT(q[Q_FOLLOWUP], 1); /* not due yet */
	CHECK_INT(testdb_raw(db, "INSERT INTO claims(case_id, ord, cause, text, amount_fen, agreed_fen, pay_date)"
				 " VALUES (4, 2, '0601', '支付补偿', 100, 100, '2026-11-19')"),
		  SQLITE_OK);
	CHECK_INT(queue_counts(db, &cfg, &clerk, today, q), 0);
	CHECK_INT(q[Q_FOLLOWUP], 2);
	CHECK_INT(followups_wrong(db), 0);
	CHECK_INT(testdb_raw(db, "DELETE FROM claims WHERE case_id = 4 AND ord = 2"), SQLITE_OK);
	CHECK_INT(followups_wrong(db), 0);
	CHECK_INT(testdb_raw(db, "UPDATE cases SET performance = 'performed' WHERE id = 2"), SQLITE_OK);
	CHECK_INT(testdb_raw(db, "UPDATE cases SET status = 'failed', performance = NULL WHERE id = 4"), SQLITE_OK);
	CHECK_INT(followups_wrong(db), 0);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM search_followups"), 0);
	CHECK_INT(counts_wrong(db), 0);
	/* rows that go take their search entries with them */
	CHECK_INT(testdb_raw(db, "DELETE FROM case_parties WHERE case_id = 5"), SQLITE_OK);
	CHECK_INT(testdb_raw(db, "DELETE FROM cases WHERE id = 5"), SQLITE_OK);
	CHECK_INT(testdb_raw(db, "DELETE FROM persons WHERE id = 4"), SQLITE_OK);
	CHECK_INT(counts_wrong(db), 0);
	CHECK_INT(grams_wrong(db), 0);
	CHECK(fts_ok(db), "full-text indexes consistent after changes");
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM cases_fts WHERE cases_fts MATCH '\"00005\"'"), 0);
	db_close(db);

	/* opening it again changes nothing */
	db = db_open(path, 0, 2000);
	CHECK(db != NULL, "reopen: %s", tj_errmsg());
	if (db) {
		CHECK_INT(db_schema_version(db), db_latest_version());
		CHECK_INT(testdb_int(db, "SELECT count(*) FROM cases"), 4);
		db_close(db);
	}
}

/* The same rows loaded with the triggers, and in bulk: the same search
 * tables. */
static void load(struct db *db, int bulk)
{
	static const char *const names[] = {"王芳", "王芳芳", "李小明", "张三", "欧阳明月", "A Li", "Ann LEE"};
	char *changes;

	if (bulk)
		CHECK_INT(search_bulk_begin(db), 0);
	CHECK_INT(db_begin(db), 0);
	for (size_t i = 0; i < TJ_ARRAY_LEN(names); i++) {
		char id[32];
		snprintf(id, sizeof id, "E%08zu", i);
		struct person_rec p = {.id_type = "passport", .id_no = id, .name = names[i], .nationality = "中国",
				       .phone = "13800000000"};
		CHECK(db_person_upsert(db, &p, "2026-11-20 09:00:00", &changes) == 1, "person %zu", i);
		free(changes);
	}
	struct employer_rec e = {.name = "上海星辰餐饮管理有限公司", .phone = "021-64001234"};
	CHECK(db_employer_upsert(db, &e, "2026-11-20 09:00:00", &changes) == 1, "employer");
	free(changes);
	for (int i = 1; i <= (int)TJ_ARRAY_LEN(names); i++) {
		char no[64];
		snprintf(no, sizeof no, "沪劳人调(2026)第%05d号", i);
		struct case_row c = {.case_no = no, .year = 2026, .seq = i, .channel = "window", .received = "2026-11-20",
				     .status = "registered", .last_event_at = "2026-11-20 09:00:00",
				     .updated_at = "2026-11-20 09:00:00"};
		CHECK_INT(db_case_insert(db, &c), 0);
		CHECK_INT(db_case_party_add(db, c.id, "applicant", 1, i), 0);
		CHECK_INT(db_case_party_add(db, c.id, "respondent", 1, e.id), 0);
	}
	CHECK_INT(db_commit(db), 0);
	if (bulk) {
		CHECK_INT(testdb_int(db, "SELECT count(*) FROM search_grams"), 0);
		CHECK_INT(search_bulk_end(db), 0);
	}
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%\\_search\\_%'"
				 " ESCAPE '\\'"),
		  9);
}

static void test_bulk(void)
{
	struct db *a = testdb_new("triggers.db"), *b = testdb_new("bulk.db");
	static const char dump[] = "SELECT group_concat(gram || '/' || kind || '/' || id, ' ') FROM"
				   " (SELECT * FROM search_grams ORDER BY 1, 2, 3)";
	static const char *const texts[] = {"王芳", "芳芳", "李小明", "欧阳明", "a li", "lee", "星辰", "星辰餐饮",
					    "第00002号", "(2026)", "1234", "0000"};

	load(a, 0);
	load(b, 1);
	sqlite3_stmt *sa, *sb;
	sqlite3_prepare_v2(a->h, dump, -1, &sa, NULL);
	sqlite3_prepare_v2(b->h, dump, -1, &sb, NULL);
	sqlite3_step(sa);
	sqlite3_step(sb);
	CHECK_STR((const char *)sqlite3_column_text(sb, 0), (const char *)sqlite3_column_text(sa, 0));
	sqlite3_finalize(sa);
	sqlite3_finalize(sb);
	CHECK_INT(grams_wrong(b), 0);
	CHECK(fts_ok(b), "full-text indexes consistent after a bulk load");
	for (size_t i = 0; i < TJ_ARRAY_LEN(texts); i++)
		CHECK(found(a, texts[i]) == found(b, texts[i]) && found(a, texts[i]) > 0, "%s: %lld with triggers, %lld"
		      " in bulk", texts[i], (long long)found(a, texts[i]), (long long)found(b, texts[i]));
	/* after the bulk load the triggers work again */
	char *changes;
	struct person_rec p = {.id_type = "passport", .id_no = "E99999999", .name = "赵钱孙", .nationality = "中国"};
	CHECK_INT(db_person_upsert(b, &p, "2026-11-20 09:00:00", &changes), 1);
	free(changes);
	CHECK_INT(testdb_int(b, "SELECT count(*) FROM search_grams WHERE gram = '钱孙'"), 1);
	CHECK_INT(testdb_int(b, "SELECT count(*) FROM persons_fts WHERE persons_fts MATCH '\"赵钱孙\"'"), 1);
	db_close(a);
	db_close(b);
}

int main(void)
{
	setenv("TIAOJIE_NOW", "2026-11-20 10:00:00", 1);
	config_defaults(&cfg);
	today = date_from_ymd(2026, 11, 20);
	test_upgrade();
	test_bulk();
	config_free(&cfg);
	testdb_cleanup();
	return tap_done();
}
