/*
 * test_db.c - the database layer: opening (missing, foreign, corrupt,
 * newer, read-only files), migrations, STRICT tables and foreign keys, the
 * append-only event log, the archives' upserts, case sequence numbers,
 * transactions under contention, checkpoints deferred to idle moments,
 * the integrity check and the backup; drafts kept and found by a field.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "tap.h"
#include "testdb.h"
#include "tiaojie/auth.h"
#include "tiaojie/draft.h"
#include "tiaojie/lifecycle.h"

static void test_open_errors(void)
{
	struct db *db;
	FILE *f;

	db = db_open(testdb_path("missing.db"), 0, 1000);
	CHECK(db == NULL, "missing file opened");
	CHECK(strstr(tj_errmsg(), "不存在") != NULL, "%s", tj_errmsg());
	CHECK(strstr(tj_errmsg(), "tiaojie init") != NULL, "%s", tj_errmsg());

	f = fopen(testdb_path("garbage.db"), "w");
	fputs("this is not a database, just some text that is long enough to look like a header\n", f);
	for (int i = 0; i < 100; i++)
		fputs("garbage garbage garbage garbage garbage garbage garbage\n", f);
	fclose(f);
	db = db_open(testdb_path("garbage.db"), 0, 1000);
	CHECK(db == NULL, "garbage file opened");
	CHECK(strstr(tj_errmsg(), "损坏") != NULL || strstr(tj_errmsg(), "不是") != NULL, "%s", tj_errmsg());

	/* another program's SQLite file */
	sqlite3 *h;
	sqlite3_open(testdb_path("other.db"), &h);
	sqlite3_exec(h, "CREATE TABLE foo(x); INSERT INTO foo VALUES (1);", NULL, NULL, NULL);
	sqlite3_close(h);
	db = db_open(testdb_path("other.db"), 0, 1000);
	CHECK(db == NULL, "foreign database opened");
	CHECK(strstr(tj_errmsg(), "不是 tiaojie 数据库") != NULL, "%s", tj_errmsg());

	db = db_open(testdb_path("dir.db"), DB_OPEN_CREATE, 1000);
	CHECK(db != NULL, "%s", tj_errmsg());
	db_close(db);
	mkdir(testdb_path("adir"), 0700);
	db = db_open(testdb_path("adir"), 0, 1000);
	CHECK(db == NULL && strstr(tj_errmsg(), "目录"), "%s", tj_errmsg());
}

static void test_schema(void)
{
	struct db *db = testdb_new("schema.db");
	sqlite3_stmt *st;

	CHECK_INT(db_schema_version(db), db_latest_version());
	CHECK(db_latest_version() >= 1, "no migrations embedded");
	sqlite3_prepare_v2(db->h, "PRAGMA journal_mode", -1, &st, NULL);
	sqlite3_step(st);
	CHECK_STR((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	CHECK_INT(testdb_int(db, "PRAGMA foreign_keys"), 1);

	int first, second;
	CHECK_INT(db_causes_count(db, &first, &second), 0);
	CHECK_INT(first, 17);
	CHECK_INT(second, 65);
	CHECK(testdb_int(db, "SELECT count(*) FROM holidays WHERE day LIKE '2026-%'") > 20, "holidays 2026");
	/* every table but the full-text indexes (virtual tables and the
	 * tables FTS5 keeps for them, which cannot be STRICT) */
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM sqlite_schema t WHERE type = 'table' AND "
				 "sql NOT LIKE '%STRICT%' AND name NOT LIKE 'sqlite_%' AND NOT EXISTS ("
				 "SELECT 1 FROM sqlite_schema v WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%' AND "
				 "(t.name = v.name OR substr(t.name, 1, length(v.name) + 1) = v.name || '_'))"),
		  0);
	/* STRICT: a word in an integer column is refused */
	CHECK(testdb_raw(db, "INSERT INTO case_seq(year, last) VALUES ('二〇二六', 1)") != SQLITE_OK,
	      "STRICT not enforced");
	/* foreign keys: a claim for no case */
	CHECK(testdb_raw(db, "INSERT INTO claims(case_id, ord, cause, text) VALUES (999, 1, '0601', 'x')") !=
		      SQLITE_OK,
	      "foreign key not enforced");
	/* a cause code that does not exist */
	CHECK(testdb_raw(db, "INSERT INTO mediators(name, side, created_at) VALUES ('甲', 'union', 'x')") ==
		      SQLITE_OK,
	      "mediator insert");
	CHECK(testdb_raw(db, "INSERT INTO mediator_specialties VALUES (1, '9999')") != SQLITE_OK,
	      "unknown cause accepted");
	/* indexes the SPEC names */
	const char *idx[] = {"persons_id_no", "persons_name", "persons_phone", "employers_name",
			     "cases_status_deadline", "cases_mediator_status", "cases_received",
			     "sqlite_autoindex_cases_1", "sqlite_autoindex_employers_1"};
	for (size_t i = 0; i < TJ_ARRAY_LEN(idx); i++) {
		char sql[160];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM sqlite_schema WHERE type='index' AND name='%s'",
			 idx[i]);
		CHECK(testdb_int(db, sql) == 1, "index %s missing", idx[i]);
	}
	db_close(db);

	/* reopening does not re-run migrations; a newer schema is refused */
	db = db_open(testdb_path("schema.db"), 0, 1000);
	CHECK(db != NULL, "%s", tj_errmsg());
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM causes"), 82);
	testdb_raw(db, "PRAGMA user_version = 999");
	db_close(db);
	db = db_open(testdb_path("schema.db"), 0, 1000);
	CHECK(db == NULL && strstr(tj_errmsg(), "新"), "newer schema: %s", tj_errmsg());
}

static void test_events(void)
{
	struct db *db = testdb_new("events.db");
	struct event_rec e = {.entity = "system", .action = "test", .after = "一"};
	char *err = NULL;

	CHECK_INT(db_event_add(db, &e), 0);
	CHECK_INT(db_event_add(db, &e), 0);
	int64_t n = testdb_int(db, "SELECT count(*) FROM events");
	CHECK(sqlite3_exec(db->h, "UPDATE events SET after = 'x'", NULL, NULL, &err) != SQLITE_OK,
	      "UPDATE on events allowed");
	CHECK(err && strstr(err, "只能追加"), "update message: %s", err ? err : "");
	sqlite3_free(err);
	err = NULL;
	CHECK(sqlite3_exec(db->h, "DELETE FROM events WHERE id = 1", NULL, NULL, &err) != SQLITE_OK,
	      "DELETE on events allowed");
	CHECK(err && strstr(err, "不能删除"), "delete message: %s", err ? err : "");
	sqlite3_free(err);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events"), n);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM events WHERE after = 'x'"), 0);

	/* the check finds nothing on a clean log ... */
	struct strbuf rep;
	sb_init(&rep);
	CHECK_INT(db_check(db, lifecycle_status_actions_json(), &rep), 0);
	/* ... and finds a removed event once someone drops the triggers */
	testdb_raw(db, "DROP TRIGGER events_no_delete");
	testdb_raw(db, "DELETE FROM events WHERE id = 2");
	sb_free(&rep);
	sb_init(&rep);
	int probs = db_check(db, lifecycle_status_actions_json(), &rep);
	CHECK(probs >= 2, "tampering found %d problems: %s", probs, rep.buf ? rep.buf : "");
	CHECK(rep.buf && strstr(rep.buf, "触发器"), "%s", rep.buf ? rep.buf : "");
	CHECK(rep.buf && strstr(rep.buf, "操作记录"), "%s", rep.buf ? rep.buf : "");
	sb_free(&rep);
	db_close(db);
}

static void test_archives(void)
{
	struct db *db = testdb_new("archive.db");
	char *changes = NULL;
	struct person_rec p = {.id_type = "id", .id_no = "11010519491231002X", .name = "张三", .gender = "F",
			       .birth_date = "1949-12-31", .phone = "13812345678", .address = "北京市"};

	CHECK_INT(db_person_upsert(db, &p, "2026-01-01 09:00:00", &changes), 1);
	CHECK(p.id > 0 && changes == NULL, "insert");
	int64_t id = p.id;
	CHECK_INT(db_person_upsert(db, &p, "2026-01-02 09:00:00", &changes), 0);
	CHECK(p.id == id && changes == NULL, "same person unchanged");
	p.phone = "13900000000";
	CHECK_INT(db_person_upsert(db, &p, "2026-01-03 09:00:00", &changes), 0);
	CHECK(changes && strstr(changes, "电话") && strstr(changes, "13812345678") && strstr(changes, "13900000000"),
	      "changes: %s", changes ? changes : "(null)");
	free(changes);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM persons"), 1);
	/* a field not given keeps the archive's value */
	p.address = NULL;
	CHECK_INT(db_person_upsert(db, &p, "2026-01-04 09:00:00", &changes), 0);
	CHECK(changes == NULL, "absent field is not a change");
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM persons WHERE address = '北京市'"), 1);
	/* same number, other document type: another person */
	struct person_rec q = p;
	q.id_type = "other";
	CHECK_INT(db_person_upsert(db, &q, "2026-01-04 09:00:00", &changes), 1);

	struct employer_rec e = {.uscc = "91350100M000100Y43", .name = "某某科技有限公司", .district = "徐汇区"};
	CHECK_INT(db_employer_upsert(db, &e, "2026-01-01 09:00:00", &changes), 1);
	e.name = "某某科技股份有限公司";
	CHECK_INT(db_employer_upsert(db, &e, "2026-01-01 09:00:00", &changes), 0);
	CHECK(changes && strstr(changes, "名称"), "rename: %s", changes ? changes : "");
	free(changes);
	/* the legal representative's position: kept when not given, a change
	 * otherwise */
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM employers WHERE legal_rep_title = ''"), 1);
	e.legal_rep_title = "执行董事";
	CHECK_INT(db_employer_upsert(db, &e, "2026-01-02 09:00:00", &changes), 0);
	CHECK(changes && strstr(changes, "法定代表人职务： → 执行董事"), "title: %s", changes ? changes : "");
	free(changes);
	e.legal_rep_title = NULL;
	CHECK_INT(db_employer_upsert(db, &e, "2026-01-02 09:00:00", &changes), 0);
	CHECK(changes == NULL, "absent title is not a change");
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM employers WHERE legal_rep_title = '执行董事'"), 1);
	struct employer_rec shop = {.name = "老王面馆", .legal_rep_title = "经营者"};
	CHECK_INT(db_employer_upsert(db, &shop, "2026-01-01 09:00:00", &changes), 1);
	struct employer_rec shop2 = {.uscc = "", .name = "老王面馆", .phone = "021-12345678"};
	CHECK_INT(db_employer_upsert(db, &shop2, "2026-01-01 09:00:00", &changes), 0);
	CHECK(shop2.id == shop.id, "name-keyed employer found");
	free(changes);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM employers"), 2);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM employers WHERE legal_rep_title = '经营者'"), 1);
	db_close(db);
}

static void test_seq_and_cases(void)
{
	struct db *db = testdb_new("seq.db");
	int64_t s;

	CHECK_INT(db_begin(db), 0);
	CHECK_INT(db_case_seq_next(db, 2026, &s), 0);
	CHECK_INT(s, 1);
	db_case_seq_next(db, 2026, &s);
	CHECK_INT(s, 2);
	db_case_seq_next(db, 2025, &s);
	CHECK_INT(s, 1);
	struct case_row c = {.case_no = "沪劳人调(2026)第00001号", .year = 2026, .seq = 1, .channel = "window",
			     .received = "2026-11-20", .status = "registered", .last_event_at = "2026-11-20 09:00:00",
			     .updated_at = "2026-11-20 09:00:00"};
	CHECK_INT(db_case_insert(db, &c), 0);
	c.seq = 2;
	CHECK_INT(db_case_insert(db, &c), -1);
	CHECK(strstr(tj_errmsg(), "已被使用") != NULL, "%s", tj_errmsg());
	/* status keywords and the performance rule are the schema's too */
	CHECK(testdb_raw(db, "UPDATE cases SET status = 'closed'") != SQLITE_OK, "bad status accepted");
	CHECK(testdb_raw(db, "UPDATE cases SET status = 'agreed'") != SQLITE_OK, "agreed without performance");
	CHECK_INT(db_commit(db), 0);
	/* rollback forgets the sequence number too */
	db_begin(db);
	db_case_seq_next(db, 2026, &s);
	CHECK_INT(s, 3);
	db_rollback(db);
	db_begin(db);
	db_case_seq_next(db, 2026, &s);
	CHECK_INT(s, 3);
	db_commit(db);
	db_close(db);
}

static void test_contention(void)
{
	struct db *a = testdb_new("busy.db");
	struct db *b = db_open(testdb_path("busy.db"), 0, 200);

	CHECK(b != NULL, "%s", tj_errmsg());
	CHECK_INT(db_begin(a), 0);
	CHECK_INT(db_begin(b), -1);
	CHECK(strstr(tj_errmsg(), "其他用户") != NULL, "busy message: %s", tj_errmsg());
	/* readers are not blocked by a writer in WAL mode */
	CHECK_INT(testdb_int(b, "SELECT count(*) FROM causes"), 82);
	db_commit(a);
	CHECK_INT(db_begin(b), 0);
	db_commit(b);
	/* data_version changes when the other connection commits */
	int64_t v1 = db_data_version(b);
	struct event_rec e = {.entity = "system", .action = "x"};
	db_begin(a);
	db_event_add(a, &e);
	db_commit(a);
	CHECK(db_data_version(b) != v1, "data_version unchanged");
	db_close(b);

	/* read-only connection: writes refused with a clear message */
	struct db *ro = db_open(testdb_path("busy.db"), DB_OPEN_READONLY, 200);
	CHECK(ro && ro->readonly, "readonly open");
	CHECK_INT(db_begin(ro), -1);
	CHECK(strstr(tj_errmsg(), "只读") != NULL, "%s", tj_errmsg());
	db_close(ro);
	db_close(a);
}

static off_t file_size(const char *path)
{
	struct stat stb;

	return stat(path, &stb) == 0 ? stb.st_size : -1;
}

/* ~1,500 pages in one commit: past SQLite's automatic checkpoint (1,000) */
static void big_commit(struct db *db)
{
	CHECK_INT(db_begin(db), 0);
	CHECK_INT(db_exec(db, "CREATE TABLE IF NOT EXISTS scratch(x BLOB);"
			      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
			      " INSERT INTO scratch SELECT randomblob(1800) FROM n"),
		  0);
	CHECK_INT(db_commit(db), 0);
}

static void test_checkpoint(void)
{
	/* without deferral SQLite checkpoints inside the commit: the file grows */
	struct db *db = testdb_new("auto.db");
	const char *path = testdb_path("auto.db");
	off_t before = file_size(path);
	big_commit(db);
	CHECK(file_size(path) > before + 3000 * 1800, "automatic checkpoint did not run: %lld -> %lld",
	      (long long)before, (long long)file_size(path));
	CHECK_INT(db_idle(db, 1), 0); /* not deferred: nothing to do */
	db_close(db);

	/* deferred: the commit leaves the pages in the WAL ... */
	db = testdb_new("defer.db");
	path = testdb_path("defer.db");
	db_defer_checkpoints(db);
	before = file_size(path);
	big_commit(db);
	CHECK(file_size(path) == before, "checkpoint ran inside the commit: %lld -> %lld", (long long)before,
	      (long long)file_size(path));
	CHECK(db->wal_frames > 1000, "wal frames %d", db->wal_frames);
	/* ... and readers see them */
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM scratch"), 3000);
	/* the idle moment copies them into the database */
	CHECK_INT(db_idle(db, 0), 1);
	CHECK(file_size(path) > before + 3000 * 1800, "idle checkpoint did not copy: %lld -> %lld",
	      (long long)before, (long long)file_size(path));
	CHECK_INT(db->wal_frames, 0);
	CHECK_INT(db_idle(db, 1), 0); /* nothing left */
	/* never inside a transaction */
	CHECK_INT(db_begin(db), 0);
	CHECK_INT(db_exec(db, "INSERT INTO scratch VALUES (1)"), 0);
	CHECK_INT(db_idle(db, 1), 0);
	CHECK_INT(db_commit(db), 0);
	CHECK(db->wal_frames > 0, "wal frames after a small commit: %d", db->wal_frames);
	/* a few pages wait for more, unless forced (at exit) */
	CHECK_INT(db_idle(db, 0), 0);
	CHECK_INT(db_idle(db, 1), 1);
	db_close(db);

	/* a read-only connection never checkpoints */
	struct db *ro = db_open(path, DB_OPEN_READONLY, 200);
	CHECK(ro && ro->readonly, "readonly open");
	db_defer_checkpoints(ro);
	CHECK_INT(ro->defer_checkpoint, 0);
	CHECK_INT(db_idle(ro, 1), 0);
	db_close(ro);
}

/* A long statement gives way to a key waiting on the descriptor. */
static void test_yield(void)
{
	static const char *const scan = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000)"
					" SELECT count(*) FROM c";
	struct db *db = testdb_new("yield.db");
	int fd[2];
	int64_t n = 0;
	char c;

	CHECK_INT(pipe(fd), 0);
	db_yield_to_input(db, fd[0]);
	CHECK_INT(db_query_int(db, scan, 0, &n), 0); /* nothing typed: it runs to the end */
	CHECK_INT(n, 3000000);
	CHECK_INT(db_interrupted(db), 0);
	CHECK_INT(write(fd[1], "k", 1), 1);
	n = 0;
	CHECK_INT(db_query_int(db, scan, 0, &n), -1); /* a key: it gives way */
	CHECK_INT(db_interrupted(db), 1);
	CHECK_INT(n, 0);
	/* short statements are not touched, and it can be turned off */
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM causes"), 82);
	db_yield_to_input(db, -1);
	CHECK_INT(db_interrupted(db), 0);
	CHECK_INT(db_query_int(db, scan, 0, &n), 0);
	CHECK_INT(n, 3000000);
	CHECK_INT(read(fd[0], &c, 1), 1);
	close(fd[0]);
	close(fd[1]);
	db_close(db);
}

static void test_backup(void)
{
	struct db *db = testdb_new("src.db");
	struct stat stb;
	const char *dest = testdb_path("backup.db");

	CHECK_INT(db_backup(db, dest), 0);
	CHECK(stat(dest, &stb) == 0 && (stb.st_mode & 0077) == 0, "backup mode %o", stb.st_mode & 0777);
	struct db *copy = db_open(dest, DB_OPEN_READONLY, 1000);
	CHECK(copy != NULL, "%s", tj_errmsg());
	if (copy) {
		CHECK_INT(testdb_int(copy, "SELECT count(*) FROM causes"), 82);
		CHECK_INT(testdb_int(copy, "SELECT count(*) FROM events"), testdb_int(db, "SELECT count(*) FROM events"));
		db_close(copy);
	}
	CHECK_INT(db_backup(db, testdb_path("nodir/backup.db")), -1);
	CHECK(strstr(tj_errmsg(), "无法创建备份文件") != NULL, "%s", tj_errmsg());
	CHECK(access(testdb_path("nodir"), F_OK) != 0, "no stray files");
	db_close(db);
}

/* Drafts: an intake draft of the old form (no dialog keys) and case
 * drafts found by their case, one per case, per user. */
static void test_drafts(void)
{
	struct db *db = testdb_new("drafts.db");
	struct config cfg;
	int64_t a = 0, b = 0, c = 0, id = 0;
	char *body = NULL, *at = NULL;

	config_defaults(&cfg);
	CHECK_INT(auth_user_add(db, &cfg, 0, "w1", "窗口一", "clerk", "demo1234", 0), 0);
	CHECK_INT(auth_user_add(db, &cfg, 0, "w2", "窗口二", "clerk", "demo1234", 0), 0);
	int64_t u1 = testdb_int(db, "SELECT id FROM users WHERE login = 'w1'");
	int64_t u2 = testdb_int(db, "SELECT id FROM users WHERE login = 'w2'");
	CHECK_INT(draft_keep(db, u1, "intake", "applicant[0].name=张三\nclaims.n=0\n", &a), 0);
	CHECK_INT(draft_keep(db, u1, "case", "case_id=7\naction=agree\nf.pay[0]=2026-12-31\n", &b), 0);
	CHECK_INT(draft_keep(db, u1, "case", "case_id=8\naction=session\n", &c), 0);
	CHECK(a > 0 && b > 0 && c > 0 && a != b && b != c, "three drafts %lld %lld %lld", (long long)a, (long long)b,
	      (long long)c);
	CHECK_INT(draft_find(db, u1, "case", "case_id", "7", &id, &body, &at), 1);
	CHECK_INT(id, b);
	CHECK(body && strstr(body, "f.pay[0]=2026-12-31") != NULL, "body %s", body ? body : "(null)");
	CHECK(at && strlen(at) == 19, "saved_at %s", at ? at : "(null)");
	free(body);
	free(at);
	CHECK_INT(draft_find(db, u1, "case", "case_id", "9", &id, NULL, NULL), 0);
	CHECK_INT(draft_find(db, u1, "intake", "case_id", "7", &id, NULL, NULL), 0); /* the kind counts */
	CHECK_INT(draft_find(db, u2, "case", "case_id", "7", &id, NULL, NULL), 0);   /* so does the user */
	/* kept again under its id: replaced, not added */
	CHECK_INT(draft_keep(db, u1, "case", "case_id=7\naction=agree\nf.pay[0]=2027-01-05\n", &b), 0);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM drafts"), 3);
	body = NULL;
	CHECK_INT(draft_find(db, u1, "case", "case_id", "7", NULL, &body, NULL), 1);
	CHECK(body && strstr(body, "2027-01-05") != NULL, "replaced body %s", body ? body : "(null)");
	free(body);
	/* the old intake draft still reads as before */
	CHECK_INT(draft_find(db, u1, "intake", "applicant[0].name", "张三", &id, NULL, NULL), 1);
	CHECK_INT(id, a);
	CHECK_INT(draft_drop(db, u1, b), 0);
	CHECK_INT(draft_find(db, u1, "case", "case_id", "7", &id, NULL, NULL), 0);
	config_free(&cfg);
	db_close(db);
}

int main(void)
{
	setenv("TIAOJIE_NOW", "2026-11-20 10:00:00", 1);
	test_open_errors();
	test_schema();
	test_events();
	test_archives();
	test_seq_and_cases();
	test_contention();
	test_checkpoint();
	test_yield();
	test_backup();
	test_drafts();
	testdb_cleanup();
	return tap_done();
}
