/*
 * db.c - opening the database, migrations, transactions and the statement
 * cache.  Everything else in src/db builds on these.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tiaojie/embed.h"
#include "tiaojie/util.h"

/* What went wrong, in the user's words first, SQLite's own text after it
 * in brackets.  An I/O error says what the system said (a full disk, a
 * read-only file system), which SQLite reports only as "disk I/O error". */
int db_fail(struct db *db, const char *what)
{
	int code = db && db->h ? sqlite3_extended_errcode(db->h) : SQLITE_ERROR;
	int sys = db && db->h ? sqlite3_system_errno(db->h) : 0;
	const char *msg = db && db->h ? sqlite3_errmsg(db->h) : "no connection";
	const char *cn;

	switch (code & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		cn = "数据库正被其他用户写入，请稍后重试";
		break;
	case SQLITE_READONLY:
		cn = "数据库文件只读，不能保存";
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		cn = "数据库文件已损坏，请用备份恢复并运行 tiaojie check";
		break;
	case SQLITE_FULL:
		cn = "磁盘已满";
		break;
	case SQLITE_CONSTRAINT:
		cn = "数据不符合约束";
		break;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		if (sys == ENOSPC || sys == EDQUOT)
			cn = "磁盘已满";
		else if (sys == EROFS)
			cn = "文件系统只读，不能保存";
		else if (sys == EACCES || sys == EPERM)
			cn = "没有读写数据库文件的权限";
		else if ((code & 0xff) == SQLITE_CANTOPEN)
			cn = "无法打开数据库文件";
		else
			cn = "磁盘读写错误";
		break;
	case SQLITE_NOMEM:
		cn = "内存不足";
		break;
	case SQLITE_INTERRUPT:
		cn = "操作已中断";
		break;
	default:
		cn = "数据库错误";
		break;
	}
	/* the schema's and seal.c's own refusals (RAISE) are already said in
	 * Chinese: not wrapped again */
	if (code == SQLITE_CONSTRAINT_TRIGGER && (unsigned char)msg[0] >= 0x80)
		tj_error("%s失败：%s", what, msg);
	else
		tj_error("%s失败：%s（%s）", what, cn, msg);
	return -1;
}

sqlite3_stmt *db_prep(struct db *db, const char *sql)
{
	size_t n = TJ_ARRAY_LEN(db->cache);
	size_t i = ((uintptr_t)sql >> 3) % n;

	for (size_t k = 0; k < n; k++, i = (i + 1) % n) {
		struct db_stmt_slot *s = &db->cache[i];
		if (s->sql == sql) {
			sqlite3_reset(s->st);
			sqlite3_clear_bindings(s->st);
			return s->st;
		}
		if (!s->sql) {
			if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st, NULL) !=
			    SQLITE_OK) {
				db_fail(db, "准备SQL语句");
				s->st = NULL;
				return NULL;
			}
			s->sql = sql;
			return s->st;
		}
	}
	/* Cache full: should not happen with a fixed set of statements. */
	tj_error("内部错误：SQL语句缓存已满");
	return NULL;
}

int db_exec(struct db *db, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db->h, sql, NULL, NULL, &err) != SQLITE_OK) {
		tj_error("执行SQL失败：%s", err ? err : sqlite3_errmsg(db->h));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

void db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void db_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

char *db_col_strdup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return xstrdup(t ? (const char *)t : "");
}

int db_query_int(struct db *db, const char *sql, int64_t dflt, int64_t *out)
{
	sqlite3_stmt *st = db_prep(db, sql);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		*out = dflt;
	else
		return db_fail(db, "查询");
	sqlite3_reset(st);
	return 0;
}

int64_t db_data_version(struct db *db)
{
	int64_t v = -1;

	db_query_int(db, "PRAGMA data_version", -1, &v);
	return v;
}

int64_t db_own_changes(struct db *db)
{
	return sqlite3_total_changes64(db->h);
}

int db_begin(struct db *db)
{
	if (db->readonly) {
		tj_error("数据库以只读方式打开，不能保存");
		return -1;
	}
	if (sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, "开始事务");
	db->in_tx = 1;
	return 0;
}

int db_commit(struct db *db)
{
	if (sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		db_fail(db, "提交事务");
		db_rollback(db);
		return -1;
	}
	db->in_tx = 0;
	return 0;
}

void db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h)) {
		/* keep the error message of what failed, not of the rollback */
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	}
	db->in_tx = 0;
}

/* ---- migrations -------------------------------------------------------- */

/* Embedded migrations are the files named NNN_*.sql, in order. */
static const char *migration_text(int version)
{
	for (const struct embedded_file *f = tj_embedded; f->name; f++) {
		const char *n = f->name;
		size_t len = strlen(n);
		if (len > 8 && n[0] >= '0' && n[0] <= '9' && strcmp(n + len - 4, ".sql") == 0 &&
		    atoi(n) == version)
			return f->text;
	}
	return NULL;
}

/* The highest numbered migration.  Numbers are handed out to work done
 * side by side, so one may arrive before a lower one: a number without a
 * file is passed over (db_migrate), not the end. */
int db_latest_version(void)
{
	int v = 0;

	for (const struct embedded_file *f = tj_embedded; f->name; f++) {
		const char *n = f->name;
		size_t len = strlen(n);
		if (len > 8 && n[0] >= '0' && n[0] <= '9' && strcmp(n + len - 4, ".sql") == 0 && atoi(n) > v)
			v = atoi(n);
	}
	return v;
}

int db_schema_version(struct db *db)
{
	int64_t v = 0;

	if (db_query_int(db, "PRAGMA user_version", 0, &v) < 0)
		return -1;
	db->schema = (int)v;
	return (int)v;
}

/* The migration that gives events their hash chain: the events already
 * there get theirs in the same transaction (events.c). */
#define DB_VERSION_EVENT_CHAIN 8
/* The one that seals every row no event sealed yet (seal.c). */
#define DB_VERSION_SEAL_ALL 13

int db_migrate(struct db *db)
{
	int cur = db_schema_version(db);
	int latest = db_latest_version();

	if (cur < 0)
		return -1;
	for (int v = cur + 1; v <= latest; v++) {
		char pragma[64];

		if (db_begin(db) < 0)
			return -1;
		/* another process may have migrated while we waited for the lock */
		int now = db_schema_version(db);
		if (now >= v) {
			db_rollback(db);
			continue;
		}
		/* rebuilding indexes of a large database takes a while: say so */
		if (now >= 1 && isatty(STDERR_FILENO))
			fprintf(stderr, "tiaojie: 正在把数据库 %s 升级到第%d版，案件多时需要几分钟，请勿中断……\n",
				db->path, v);
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
		int64_t filled = 0;
		const char *text = migration_text(v);
		if ((text && db_exec(db, text) < 0) ||
		    (v == DB_VERSION_EVENT_CHAIN && db_event_chain_fill(db, &filled) < 0) ||
		    (v == DB_VERSION_SEAL_ALL && db_seal_all(db, &filled) < 0) || db_exec(db, pragma) < 0) {
			char msg[1024];
			snprintf(msg, sizeof msg, "%s", tj_errmsg());
			db_rollback(db);
			tj_error("数据库升级到第%d版失败：%s", v, msg);
			return -1;
		}
		if (db_commit(db) < 0)
			return -1;
		db->schema = v;
	}
	return 0;
}

/* ---- open / close ------------------------------------------------------- */

static int64_t mono_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Waiting for another process's write lock.  SQLite's own busy_timeout
 * sleeps ever longer between tries (1, 2, 5, 10 ... 100 ms), so when nine
 * clerks save at the same moment the last ones sleep through the moments
 * the lock is free: 130 ms at the 95th percentile for saves that hold the
 * lock a millisecond or two each (make bench).  Here a try every half to
 * one millisecond for the first tenth of a second, every two until a
 * second has gone, then every ten (a backup or an upgrade holds the lock
 * for long), until busy_ms; the sleeps are jittered so that waiters do not
 * wake in step. */
static int busy_wait(void *arg, int count)
{
	struct db *db = arg;
	int64_t now = mono_ms();

	if (count == 0)
		db->busy_since = now;
	int64_t waited = now - db->busy_since;
	if (waited >= db->busy_ms)
		return 0;
	long us = waited < 100 ? 500 : waited < 1000 ? 2000 : 10000;
	us += (long)(((unsigned)count * 2654435761u + (unsigned)getpid()) % (unsigned)us);
	struct timespec d = {0, us * 1000};
	nanosleep(&d, NULL);
	return 1;
}

static int db_pragmas(struct db *db, int busy_timeout_ms)
{
	db->busy_ms = busy_timeout_ms > 0 ? busy_timeout_ms : 5000;
	sqlite3_busy_handler(db->h, busy_wait, db);
	if (db_exec(db, "PRAGMA foreign_keys = ON") < 0)
		return -1;
	/* Reading the schema here turns "not a database" into an error now
	 * rather than at the first query. */
	if (db_schema_version(db) < 0)
		return -1;
	if (!db->readonly) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(db->h, "PRAGMA journal_mode = WAL", -1, &st, NULL) != SQLITE_OK)
			return db_fail(db, "设置WAL模式");
		int rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_ROW)
			return db_fail(db, "设置WAL模式");
		if (db_exec(db, "PRAGMA synchronous = NORMAL") < 0)
			return -1;
	}
	return 0;
}

/* ---- checkpoints --------------------------------------------------------- */

static int wal_hook(void *arg, sqlite3 *h, const char *name, int nframes)
{
	struct db *db = arg;

	db->wal_frames = nframes;
	if (nframes >= DB_WAL_FORCE) {
		/* nobody has been idle for a long while: do it now, as SQLite would */
		int rc = sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		if (rc == SQLITE_OK)
			db->wal_frames = 0;
	}
	return SQLITE_OK;
}

/* ---- yielding to the keyboard ------------------------------------------- */

static int input_waiting(void *arg)
{
	struct db *db = arg;
	struct pollfd p = {.fd = db->yield_fd, .events = POLLIN};

	if (poll(&p, 1, 0) > 0 && (p.revents & POLLIN)) {
		db->interrupted = 1;
		return 1;
	}
	return 0;
}

void db_yield_to_input(struct db *db, int fd)
{
	db->yield_fd = fd;
	db->interrupted = 0;
	/* every 10,000 virtual machine steps: a poll() each few milliseconds
	 * of a long scan, nothing a short statement notices */
	sqlite3_progress_handler(db->h, fd >= 0 ? 10000 : 0, fd >= 0 ? input_waiting : NULL, db);
}

int db_interrupted(struct db *db)
{
	return db->interrupted;
}

void db_set_interrupt_check(struct db *db, int (*fn)(void *arg), void *arg)
{
	sqlite3_progress_handler(db->h, fn ? 10000 : 0, fn, fn ? arg : NULL);
}

int db_readonly(const struct db *db)
{
	return db->readonly;
}

void db_defer_checkpoints(struct db *db)
{
	if (!db || db->readonly || db->defer_checkpoint)
		return;
	/* sqlite3_wal_hook replaces the automatic checkpoint's own hook */
	sqlite3_wal_hook(db->h, wal_hook, db);
	db->defer_checkpoint = 1;
}

int db_idle(struct db *db, int force)
{
	int log = 0, done = 0;

	if (!db || db->readonly || db->in_tx || db->wal_frames <= 0 || (!force && db->wal_frames < DB_WAL_IDLE))
		return 0;
	int rc = sqlite3_wal_checkpoint_v2(db->h, "main", SQLITE_CHECKPOINT_PASSIVE, &log, &done);
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return 0; /* another checkpoint is running; it does the work */
	if (rc != SQLITE_OK)
		return db_fail(db, "整理数据库日志");
	/* frames a reader still needs stay for the next idle moment */
	db->wal_frames = log > done ? log : 0;
	return 1;
}

static void cache_clear(struct db *db)
{
	for (size_t i = 0; i < TJ_ARRAY_LEN(db->cache); i++) {
		if (db->cache[i].st)
			sqlite3_finalize(db->cache[i].st);
		db->cache[i].st = NULL;
		db->cache[i].sql = NULL;
	}
}

/* "file:PATH?immutable=1" with the characters URIs reserve escaped. */
static char *uri_immutable(const char *path)
{
	struct strbuf sb;

	sb_init(&sb);
	sb_add(&sb, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p < 0x20)
			sb_printf(&sb, "%%%02X", *p);
		else
			sb_addc(&sb, (char)*p);
	}
	sb_add(&sb, "?immutable=1");
	return sb_detach(&sb);
}

struct db *db_open(const char *path, unsigned flags, int busy_timeout_ms)
{
	struct db *db = xcalloc(1, sizeof *db);
	db->yield_fd = -1;
	struct stat stb;
	int exists = stat(path, &stb) == 0;
	int oflags;

	db->path = xstrdup(path);
	if (!exists && !(flags & DB_OPEN_CREATE)) {
		tj_error("数据库文件不存在：%s（请先运行 tiaojie init 创建）", path);
		goto fail;
	}
	if (exists && S_ISDIR(stb.st_mode)) {
		tj_error("不是数据库文件而是目录：%s", path);
		goto fail;
	}
	/* the effective ids (AT_EACCESS): a setgid program opens by its group */
	if (exists && faccessat(AT_FDCWD, path, R_OK, AT_EACCESS) != 0) {
		tj_error("无法读取数据库文件 %s：%s", path, tj_strerror(errno));
		goto fail;
	}
	db->readonly = (flags & DB_OPEN_READONLY) || (exists && faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0);
	oflags = db->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (!exists)
		oflags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db->h, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		db_fail(db, "打开数据库");
		goto fail;
	}
	sqlite3_extended_result_codes(db->h, 1);
	if (db->readonly && db_pragmas(db, busy_timeout_ms) < 0) {
		/* A WAL database in a directory we cannot write: SQLite cannot
		 * create the -shm file beside it.  Nobody can be writing it
		 * through this directory without one, so read it as immutable. */
		int code = sqlite3_extended_errcode(db->h) & 0xff;
		if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN) {
			char *uri = uri_immutable(path);
			cache_clear(db);
			sqlite3_close(db->h);
			db->h = NULL;
			int rc = sqlite3_open_v2(uri, &db->h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
							      SQLITE_OPEN_NOMUTEX, NULL);
			free(uri);
			if (rc != SQLITE_OK) {
				db_fail(db, "打开数据库");
				goto fail;
			}
			sqlite3_extended_result_codes(db->h, 1);
		}
	}
	if (db_pragmas(db, busy_timeout_ms) < 0) {
		char msg[1024];
		snprintf(msg, sizeof msg, "%s", tj_errmsg());
		tj_error("无法使用数据库 %s：%s", path, msg);
		goto fail;
	}
	int cur = db_schema_version(db), latest = db_latest_version();
	if (cur > latest) {
		tj_error("数据库 %s 的版本(%d)比本程序支持的(%d)新，请升级 tiaojie", path, cur, latest);
		goto fail;
	}
	if (cur < latest && !(flags & DB_OPEN_NO_MIGRATE)) {
		if (db->readonly) {
			if (cur == 0)
				tj_error("%s 不是 tiaojie 数据库（或尚未初始化）", path);
			else if ((flags & DB_OPEN_READONLY) && faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0)
				/* the file can be written, this command only reads */
				tj_error("数据库 %s 是第%d版，本程序要先把它升级到第%d版；本命令只读取数据库，"
					 "请先打开一次全屏程序（tiaojie）或运行一次 tiaojie export，再运行本命令",
					 path, cur, latest);
			else
				tj_error("数据库 %s 是第%d版，本程序要先把它升级到第%d版，但数据库文件只读", path,
					 cur, latest);
			goto fail;
		}
		if (cur == 0 && exists && stb.st_size > 0) {
			/* A non-empty SQLite file without our schema: some other program's. */
			int64_t ntables = 0;
			db_query_int(db, "SELECT count(*) FROM sqlite_schema", 0, &ntables);
			if (ntables > 0) {
				tj_error("%s 不是 tiaojie 数据库（含有其他程序的表）", path);
				goto fail;
			}
		}
		if (db_migrate(db) < 0)
			goto fail;
	}
	if (!db->readonly && db_schema_version(db) == latest && db_guard_install(db) < 0)
		goto fail;
	return db;
fail:
	db_close(db);
	return NULL;
}

const char *db_file(const struct db *db)
{
	return db->path;
}

int db_close_checked(struct db *db)
{
	int rc = 0;

	if (!db)
		return 0;
	cache_clear(db);
	/* everything into the main file, the -wal emptied and removed: the
	 * file alone is the database (it is about to be renamed) */
	if (sqlite3_exec(db->h, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db->h, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
		rc = db_fail(db, "写入数据库");
	if (rc == 0 && sqlite3_exec(db->h, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK)
		rc = db_fail(db, "写入数据库");
	if (sqlite3_close(db->h) != SQLITE_OK && rc == 0)
		rc = db_fail(db, "关闭数据库");
	db->h = NULL;
	free(db->seal);
	free(db->path);
	free(db);
	return rc;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	cache_clear(db);
	if (db->h)
		sqlite3_close(db->h);
	free(db->seal);
	free(db->path);
	free(db);
}
