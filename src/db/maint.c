/*
 * maint.c - maintenance: the integrity check behind `tiaojie check` and the
 * online backup behind `tiaojie backup`.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tiaojie/outfile.h"
#include "internal.h"

/* Report each row of st as pre + column 0 + mid + column 1 + post. */
static int count_rows(struct db *db, sqlite3_stmt *st, struct strbuf *report, const char *pre, const char *mid,
		      const char *post)
{
	int n = 0, rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *a = (const char *)sqlite3_column_text(st, 0);
		const char *b = (const char *)sqlite3_column_text(st, 1);
		if (n < 20) {
			sb_printf(report, "%s%s%s%s%s", pre, a ? a : "", mid, b ? b : "", post);
			sb_addc(report, '\n');
		}
		n++;
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "检查数据库");
	if (n > 20)
		sb_printf(report, "……共%d处\n", n);
	return n;
}

int db_check(struct db *db, const char *status_actions_json, struct strbuf *report)
{
	int problems = 0, n;
	sqlite3_stmt *st;
	int64_t v;

	/* 1. SQLite's own check of every page and index. */
	st = db_prep(db, "PRAGMA integrity_check");
	if (!st)
		return -1;
	for (;;) {
		int rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW)
			return db_fail(db, "完整性检查");
		const char *line = (const char *)sqlite3_column_text(st, 0);
		if (line && strcmp(line, "ok") != 0) {
			sb_printf(report, "数据库结构损坏：%s\n", line);
			problems++;
		}
	}
	st = db_prep(db, "PRAGMA foreign_key_check");
	if (!st)
		return -1;
	n = count_rows(db, st, report, "外键引用无效：表 ", " 第 ", " 行");
	if (n < 0)
		return -1;
	problems += n;

	/* 2. The event log cannot be changed: its triggers must be in place. */
	if (db_query_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND "
			     "name IN ('events_no_update', 'events_no_delete', 'events_no_replace')", 0, &v) < 0)
		return -1;
	if (v != 3) {
		sb_add(report, "操作记录的防篡改触发器缺失：操作记录可能被修改或删除\n");
		problems++;
	}

	/* 3. No event was removed: ids run 1..N without gaps, and the
	 * AUTOINCREMENT counter has not gone past the last one. */
	st = db_prep(db, "SELECT count(*), coalesce(min(id), 1), coalesce(max(id), 0), "
			 "(SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'events') FROM events");
	if (!st)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW)
		return db_fail(db, "检查操作记录");
	int64_t cnt = sqlite3_column_int64(st, 0), lo = sqlite3_column_int64(st, 1),
		hi = sqlite3_column_int64(st, 2), seq = sqlite3_column_int64(st, 3);
	sqlite3_reset(st);
	if (lo != 1 || hi != cnt) {
		sb_printf(report, "操作记录不连续：应有 %lld 条，实有 %lld 条（有记录被删除）\n",
			  (long long)hi, (long long)cnt);
		problems++;
	} else if (seq > hi) {
		sb_printf(report, "操作记录末尾缺失：最后编号 %lld，曾分配到 %lld\n", (long long)hi,
			  (long long)seq);
		problems++;
	}

	/* 3b. The hash chain: every event is what its content and the one
	 * before it say (events.c). */
	int64_t broken, checked;
	char head[65];
	if (db_event_chain_check(db, &broken, &checked, head) < 0)
		return -1;
	if (broken) {
		sb_printf(report, "操作记录校验链在第 %lld 条处断开：该条或其前的记录被改动、删除或重新编号"
				  "（此前 %lld 条完好）\n",
			  (long long)broken, (long long)checked);
		problems++;
	}

	/* 4. Every case was registered with an event. */
	st = db_prep(db, "SELECT c.case_no, c.status FROM cases c WHERE NOT EXISTS "
			 "(SELECT 1 FROM events e WHERE e.case_id = c.id) ORDER BY c.id");
	if (!st)
		return -1;
	n = count_rows(db, st, report, "案件 ", "（", "）没有任何操作记录");
	if (n < 0)
		return -1;
	problems += n;

	/* 5. Every case's status is the one its last status event left it in. */
	if (status_actions_json) {
		st = db_prep(db, "SELECT c.case_no, c.status || ' / ' || coalesce(("
				 "SELECT e.after FROM events e WHERE e.case_id = c.id AND e.entity = 'case' "
				 "AND e.action IN (SELECT value FROM json_each(?1)) ORDER BY e.id DESC LIMIT 1), '无') "
				 "FROM cases c WHERE c.status IS NOT coalesce(("
				 "SELECT e.after FROM events e WHERE e.case_id = c.id AND e.entity = 'case' "
				 "AND e.action IN (SELECT value FROM json_each(?1)) ORDER BY e.id DESC LIMIT 1), '') "
				 "ORDER BY c.id");
		if (!st)
			return -1;
		db_bind_text(st, 1, status_actions_json);
		n = count_rows(db, st, report, "案件 ", " 的状态与操作记录不符（案件/记录：", "）");
		if (n < 0)
			return -1;
		problems += n;
	}
	return problems;
}

int db_count_cases_events(struct db *db, int64_t *cases, int64_t *events)
{
	int rc = db_query_int(db, "SELECT count(*) FROM cases", 0, cases);

	if (db_query_int(db, "SELECT count(*) FROM events", 0, events) < 0)
		rc = -1;
	return rc;
}

int db_backup(struct db *db, const char *dest)
{
	struct tj_out o;
	sqlite3 *out = NULL;
	sqlite3_backup *b;
	struct stat stb;
	int rc;

	if (stat(dest, &stb) == 0 && S_ISDIR(stb.st_mode)) {
		tj_error("备份目标是目录：%s", dest);
		return -1;
	}
	/* a name SQLite can open; mode 0600: a backup holds personal data */
	if (tj_out_open(&o, dest, 0600, TJ_OUT_NAMED) < 0) {
		char why[600];
		snprintf(why, sizeof why, "%s", tj_errmsg());
		tj_error("无法创建备份文件：%s", why);
		return -1;
	}
	if (sqlite3_open_v2(o.tmp, &out, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		tj_error("无法打开备份文件 %s：%s", dest, out ? sqlite3_errmsg(out) : "内存不足");
		goto fail;
	}
	b = sqlite3_backup_init(out, "main", db->h, "main");
	if (!b) {
		tj_error("备份失败：%s", sqlite3_errmsg(out));
		goto fail;
	}
	/* One step copies everything under one read transaction: a consistent
	 * snapshot, and in WAL mode writers carry on meanwhile. */
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		tj_error("备份失败：%s", (rc & 0xff) == SQLITE_FULL ? "磁盘已满" : sqlite3_errstr(rc));
		goto fail;
	}
	/* The copy is a self-contained file: no -wal beside it. */
	if (sqlite3_exec(out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		tj_error("备份失败：%s", sqlite3_errmsg(out));
		goto fail;
	}
	if (sqlite3_close(out) != SQLITE_OK) {
		tj_error("备份失败：%s", sqlite3_errmsg(out));
		out = NULL;
		goto fail;
	}
	out = NULL;
	if (tj_out_sync(&o) < 0 || tj_out_place(&o, 0) < 0) {
		char why[600];
		snprintf(why, sizeof why, "%s", tj_errmsg());
		tj_error("无法写入备份文件：%s", why);
		goto fail;
	}
	tj_out_discard(&o);
	return 0;
fail:
	if (out)
		sqlite3_close(out);
	tj_out_discard(&o);
	return -1;
}
