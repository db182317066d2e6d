/*
 * testdb.h - a fresh database in a temporary directory for unit tests.
 */
#ifndef TIAOJIE_TESTDB_H
#define TIAOJIE_TESTDB_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tiaojie/cli.h"
#include "tiaojie/datafile.h"
#include "tiaojie/db.h"
/* The fixtures speak SQLite directly (tests are not a layer). */
#include "../../src/db/internal.h"

static char testdb_dir[64];

/* Files in dir whose name starts with '.' and contains part (NULL: any):
 * the temporaries a failed or cancelled write must not leave behind. */
static inline int testdb_hidden_files(const char *dir, const char *part)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
		    (!part || strstr(e->d_name, part)))
			n++;
	closedir(d);
	return n;
}

/* A path inside this test's temporary directory (static buffer rotation). */
static inline const char *testdb_path(const char *name)
{
	static char buf[4][256];
	static int k;
	char *p = buf[k++ % 4];

	if (!testdb_dir[0]) {
		snprintf(testdb_dir, sizeof testdb_dir, "/tmp/tiaojie-test-XXXXXX");
		if (!mkdtemp(testdb_dir)) {
			perror("mkdtemp");
			exit(1);
		}
	}
	snprintf(p, 256, "%s/%s", testdb_dir, name);
	return p;
}

/* A new database with the schema and reference data. */
static inline struct db *testdb_new(const char *name)
{
	const char *path = testdb_path(name);
	struct datafile_loaded loaded = {0};
	struct db *db;

	unlink(path);
	db = db_open(path, DB_OPEN_CREATE, 2000);
	if (!db) {
		fprintf(stderr, "testdb_new: %s\n", tj_errmsg());
		exit(1);
	}
	if (datafile_setup(db, &loaded) < 0) {
		fprintf(stderr, "testdb_new: %s\n", tj_errmsg());
		exit(1);
	}
	datafile_loaded_free(&loaded);
	return db;
}

static inline void testdb_cleanup(void)
{
	char cmd[128];

	if (testdb_dir[0]) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", testdb_dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", testdb_dir);
	}
}

static inline int64_t testdb_int(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "testdb_int: %s: %s\n", sql, sqlite3_errmsg(db->h));
		return -999;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The first column of the first row of sql with ?1 bound to id; -999 when
 * the statement fails or returns no row. */
static inline int64_t testdb_int_id(struct db *db, const char *sql, int64_t id)
{
	sqlite3_stmt *st;
	int64_t v = -999;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "testdb_int_id: %s: %s\n", sql, sqlite3_errmsg(db->h));
		return v;
	}
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The first column of the first row of sql with ?1 bound to id, as text
 * (malloc'd): "(null)" for no row or NULL, "?" when the statement fails. */
static inline char *testdb_text(struct db *db, const char *sql, int64_t id)
{
	sqlite3_stmt *st;
	char *out = NULL;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "testdb_text: %s: %s\n", sql, sqlite3_errmsg(db->h));
		return xstrdup("?");
	}
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		out = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out ? out : xstrdup("(null)");
}

/* Run SQL directly (bypassing the db layer), returning the SQLite code. */
static inline int testdb_raw(struct db *db, const char *sql)
{
	return sqlite3_exec(db->h, sql, NULL, NULL, NULL);
}

#endif
