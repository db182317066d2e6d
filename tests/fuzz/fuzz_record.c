/*
 * fuzz_record.c - libFuzzer target for the import record (src/core/record.c,
 * record_import and its parser): the input is an import file - a JSON
 * array, one object, or one object per line.  It is imported into a
 * database made once in /dev/shm; every record must be registered,
 * skipped or refused with its problems named, and the totals must add up
 * to the records reported.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tiaojie/access.h"
#include "tiaojie/config.h"
#include "tiaojie/datafile.h"
#include "tiaojie/db.h"
#include "tiaojie/record.h"
#include "tiaojie/util.h"
/* the fixture speaks SQLite directly to make the database quick */
#include "../../src/db/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct db *db;
static struct config cfg;
static char path[128];

static void cleanup(void)
{
	db_close(db);
	char p[160];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

static void setup(void)
{
	const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(path, sizeof path, "%s/tiaojie-fuzz-record.%d.db", dir, (int)getpid());
	unlink(path);
	setenv("TIAOJIE_NOW", "2026-11-20 10:00:00", 1);
	config_defaults(&cfg);
	db = db_open(path, DB_OPEN_CREATE, 2000);
	struct datafile_loaded loaded = {0};
	if (!db || datafile_setup(db, &loaded) < 0) {
		fprintf(stderr, "fuzz_record: %s\n", tj_errmsg());
		abort();
	}
	datafile_loaded_free(&loaded);
	sqlite3_exec(db->h, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
	atexit(cleanup);
}

struct seen {
	int n, registered, skipped, refused;
};

static void result(void *arg, const struct record_result *r)
{
	struct seen *s = arg;
	s->n++;
	if (r->index < 1)
		abort();
	switch (r->outcome) {
	case RECORD_REGISTERED:
		s->registered++;
		if (!r->case_no[0])
			abort();
		break;
	case RECORD_SKIPPED:
		s->skipped++;
		break;
	case RECORD_REFUSED:
		s->refused++;
		/* a refusal names what is wrong */
		if (r->nproblems < 1 || r->nproblems > 64 || !r->problems[0].msg[0])
			abort();
		break;
	default:
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!db)
		setup();
	struct actor system = access_system_actor(&cfg);
	struct record_totals t;
	struct seen s = {0};
	if (record_import(db, &cfg, &system, (const char *)data, size, result, &s, &t) == 0) {
		if (t.registered != s.registered || t.skipped != s.skipped || t.refused != s.refused)
			abort();
	} else if (!*tj_errmsg() || s.n) {
		abort(); /* a file refused whole says why, and imports nothing */
	}
	tj_error_clear();
	return 0;
}
