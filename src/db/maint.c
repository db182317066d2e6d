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

/* ---- the head kept outside the file ---------------------------------------- */

static char *anchor_path(struct db *db)
{
	const char *f = db_file(db);

	if (!f || !*f || !strcmp(f, ":memory:") || !strncmp(f, "file:", 5))
		return NULL;
	return xasprintf("%s.head", f);
}

/* FILE.head: "tiaojie-head 1 ID HASH COUNT DATE TIME".  1 read, 0 none,
 * -1 there but not one. */
static int anchor_read(const char *path, int64_t *id, char hash[65], int64_t *count, char at[20])
{
	FILE *f = fopen(path, "r");
	long long i = 0, n = 0;
	char d[11] = "", t[9] = "";

	if (!f)
		return errno == ENOENT ? 0 : -1;
	int k = fscanf(f, "tiaojie-head 1 %lld %64[0-9a-f] %lld %10s %8s", &i, hash, &n, d, t);
	fclose(f);
	if (k != 5 || i <= 0 || strlen(hash) != 64)
		return -1;
	*id = i;
	*count = n;
	snprintf(at, 20, "%s %s", d, t);
	return 1;
}

int db_anchor_write(struct db *db)
{
	char *path, hash[65], old[65], at[20], now[20];
	int64_t id = 0, count = 0, old_id = 0, old_count = 0;
	struct tj_out o;
	int rc = -1;

	if (db->readonly || db->bulk || !(path = anchor_path(db)))
		return 0;
	if (db_event_last_hash(db, &id, hash) < 0 || id <= 0 || strlen(hash) != 64) {
		free(path);
		return id <= 0 ? 0 : -1;
	}
	int have = anchor_read(path, &old_id, old, &old_count, at);
	if (have == 1 && old_id >= id) { /* nothing new, or a later head: never back */
		free(path);
		return 0;
	}
	if (db_query_int(db, "SELECT count(*) FROM events", 0, &count) < 0) {
		free(path);
		return -1;
	}
	tj_now_str(now);
	if (tj_out_open(&o, path, 0644, 0) == 0) {
		char *line = xasprintf("tiaojie-head 1 %lld %s %lld %s\n", (long long)id, hash, (long long)count, now);
		size_t n = strlen(line);
		if (write(o.fd, line, n) == (ssize_t)n && tj_out_sync(&o) == 0 && tj_out_place(&o, 0) == 0)
			rc = 0;
		free(line);
		tj_out_discard(&o);
	}
	free(path);
	return rc;
}

/* ---- the check ------------------------------------------------------------- */

int db_check(struct db *db, const char *status_actions_json, struct strbuf *report)
{
	struct db_check_info info;

	return db_check_full(db, status_actions_json, report, &info);
}

/* Case numbers: in each year 1..N, each once, and the counter at N. */
static int check_numbers(struct db *db, struct strbuf *report, struct db_check_info *info)
{
	sqlite3_stmt *st = db_prep(db, "SELECT c.year, count(*), count(DISTINCT c.seq), min(c.seq), max(c.seq), "
				       "(SELECT q.last FROM case_seq q WHERE q.year = c.year) FROM cases c "
				       "GROUP BY c.year ORDER BY c.year");
	int problems = 0, rc;
	struct strbuf nums;

	if (!st)
		return -1;
	sb_init(&nums);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t year = sqlite3_column_int64(st, 0), n = sqlite3_column_int64(st, 1),
			distinct = sqlite3_column_int64(st, 2), lo = sqlite3_column_int64(st, 3),
			hi = sqlite3_column_int64(st, 4), last = sqlite3_column_int64(st, 5);
		info->years++;
		if (nums.len < 400)
			sb_printf(&nums, "%s%lld年 %lld–%lld号", nums.len ? "，" : "", (long long)year, (long long)lo,
				  (long long)hi);
		if (distinct != n) {
			sb_printf(report, "%lld年的案件编号有重号：%lld 件案件只用了 %lld 个编号\n", (long long)year,
				  (long long)n, (long long)distinct);
			problems++;
		}
		if (lo != 1 || hi != distinct) {
			sb_printf(report, "%lld年的案件编号不连续：第 %lld 至 %lld 号中只有 %lld 个（有案件被删除或编号被改动）\n",
				  (long long)year, (long long)(lo < 1 ? lo : 1), (long long)hi, (long long)distinct);
			problems++;
		}
		if (sqlite3_column_type(st, 5) == SQLITE_NULL || last < hi) {
			sb_printf(report, "%lld年的编号计数器为 %lld，小于已用的最大编号 %lld（下一件会重号）\n",
				  (long long)year, (long long)last, (long long)hi);
			problems++;
		} else if (last > hi) {
			sb_printf(report, "%lld年的编号已发到第 %lld 号，库中最大只有第 %lld 号（末尾的案件缺失）\n",
				  (long long)year, (long long)last, (long long)hi);
			problems++;
		}
	}
	if (rc != SQLITE_DONE) {
		sb_free(&nums);
		return db_fail(db, "检查案件编号");
	}
	snprintf(info->numbers, sizeof info->numbers, "%s", nums.len ? nums.buf : "");
	sb_free(&nums);
	/* a year whose counter moved on with no case of it left at all */
	st = db_prep(db, "SELECT q.year, q.last FROM case_seq q WHERE q.last > 0 AND NOT EXISTS "
			 "(SELECT 1 FROM cases c WHERE c.year = q.year) ORDER BY q.year");
	if (!st)
		return -1;
	int n = count_rows(db, st, report, "", "年的编号已发到第 ", " 号，库中却没有该年的案件");
	if (n < 0)
		return -1;
	return problems + n;
}

/* The counts the triggers keep (002_search.sql) against the cases. */
static int check_counters(struct db *db, struct strbuf *report)
{
	sqlite3_stmt *st = db_prep(
		db, "WITH c AS (SELECT status, coalesce(mediator_id, 0) AS m, count(*) AS n FROM cases GROUP BY 1, 2) "
		    "SELECT s.status || '、调解员 ' || s.mediator_id, s.n || ' 件，实有 ' || coalesce(c.n, 0) "
		    "FROM search_counts s LEFT JOIN c ON c.status = s.status AND c.m = s.mediator_id "
		    "WHERE s.n IS NOT coalesce(c.n, 0) "
		    "UNION ALL SELECT c.status || '、调解员 ' || c.m, '0 件，实有 ' || c.n FROM c WHERE NOT EXISTS "
		    "(SELECT 1 FROM search_counts s WHERE s.status = c.status AND s.mediator_id = c.m)");
	int n, m;

	if (!st)
		return -1;
	n = count_rows(db, st, report, "工作台计数有误：状态 ", " 记为 ", " 件");
	if (n < 0)
		return -1;
	st = db_prep(db, "WITH f AS (SELECT c.id AS case_id, coalesce(c.mediator_id, 0) AS mediator_id, "
			 "min(k.pay_date) AS due FROM cases c JOIN claims k ON k.case_id = c.id "
			 "WHERE c.status = 'agreed' AND c.performance = 'pending' AND k.pay_date IS NOT NULL "
			 "GROUP BY c.id), "
			 "d AS (SELECT * FROM f EXCEPT SELECT case_id, mediator_id, due FROM search_followups "
			 "UNION ALL SELECT * FROM (SELECT case_id, mediator_id, due FROM search_followups EXCEPT "
			 "SELECT * FROM f)) "
			 "SELECT coalesce(c.case_no, '（编号 ' || d.case_id || '）'), '' FROM d LEFT JOIN cases c "
			 "ON c.id = d.case_id GROUP BY d.case_id ORDER BY d.case_id");
	if (!st)
		return -1;
	m = count_rows(db, st, report, "履行跟进队列与案件不符：", "", "");
	if (m < 0)
		return -1;
	return n + m;
}

/* The "outside" events seal.c writes: a row found changed (or added)
 * behind the log by the program's next write on it. */
static int outside_events(struct db *db, struct strbuf *report, int before)
{
	sqlite3_stmt *st = db_prep(
		db, "SELECT e.id, e.at, e.entity, e.action, coalesce(c.case_no, u.login, p.name, m.name, '') FROM events e "
		    "LEFT JOIN cases c ON e.entity = 'case' AND c.id = e.case_id "
		    "LEFT JOIN users u ON e.entity = 'user' AND u.id = e.entity_id "
		    "LEFT JOIN persons p ON e.entity = 'person' AND p.id = e.entity_id "
		    "LEFT JOIN employers m ON e.entity = 'employer' AND m.id = e.entity_id "
		    "WHERE e.action IN ('outside-change', 'outside-add') ORDER BY e.id");
	int n = 0, rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *entity = (const char *)sqlite3_column_text(st, 2);
		const char *what = !strcmp(entity, "case")   ? "案件"
				   : !strcmp(entity, "user") ? "账号"
				   : !strcmp(entity, "person") ? "当事人档案"
							       : "用人单位档案";
		if (before + n < 20)
			sb_printf(report, "%s %s 在操作记录之外被%s：程序于 %s 再次写入时发现（第 %lld 条操作记录）\n", what,
				  (const char *)sqlite3_column_text(st, 4),
				  strcmp((const char *)sqlite3_column_text(st, 3), "outside-add") ? "改动" : "新增",
				  (const char *)sqlite3_column_text(st, 1), (long long)sqlite3_column_int64(st, 0));
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "检查操作记录");
	return n;
}

/* Cases, accounts and archive rows no event sealed, named (the first
 * twenty problems in all); their count, or -1. */
static int unsealed_rows(struct db *db, struct strbuf *report, int before)
{
	static const struct {
		const char *sql, *what;
	} kinds[] = {
		{"SELECT case_no FROM cases c WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.case_id = c.id AND "
		 "e.entity = 'case' AND e.state IS NOT NULL) ORDER BY id",
		 "案件"},
		{"SELECT login FROM users u WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.entity != 'case' AND e.entity = 'user' AND "
		 "e.entity_id = u.id AND e.state IS NOT NULL) ORDER BY id",
		 "账号"},
		{"SELECT name FROM persons p WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.entity != 'case' AND e.entity = 'person' AND "
		 "e.entity_id = p.id AND e.state IS NOT NULL) ORDER BY id",
		 "当事人档案"},
		{"SELECT name FROM employers m WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.entity != 'case' AND e.entity = 'employer' "
		 "AND e.entity_id = m.id AND e.state IS NOT NULL) ORDER BY id",
		 "用人单位档案"},
	};
	int n = 0, rc;

	for (size_t k = 0; k < TJ_ARRAY_LEN(kinds); k++) {
		sqlite3_stmt *st = db_prep(db, kinds[k].sql);
		if (!st)
			return -1;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (before + n < 20)
				sb_printf(report, "%s %s 没有任何操作记录记下其内容：在操作记录之外新增\n", kinds[k].what,
					  (const char *)sqlite3_column_text(st, 0));
			n++;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_fail(db, "检查操作记录");
	}
	return n;
}

/* Each case's claims and each account as their last event sealed them. */
static int check_states(struct db *db, struct strbuf *report, struct db_check_info *info)
{
	sqlite3_stmt *st = db_prep(
		db, "SELECT e.entity, CASE e.entity WHEN 'case' THEN e.case_id ELSE e.entity_id END AS x, "
		    "lower(hex(e.state)), e.id, coalesce(c.case_no, u.login, p.name, m.name, '') FROM events e "
		    "JOIN (SELECT entity, CASE entity WHEN 'case' THEN case_id ELSE entity_id END AS x, max(id) AS id "
		    "FROM events WHERE state IS NOT NULL GROUP BY 1, 2) l ON l.id = e.id "
		    "LEFT JOIN cases c ON e.entity = 'case' AND c.id = e.case_id "
		    "LEFT JOIN users u ON e.entity = 'user' AND u.id = e.entity_id "
		    "LEFT JOIN persons p ON e.entity = 'person' AND p.id = e.entity_id "
		    "LEFT JOIN employers m ON e.entity = 'employer' AND m.id = e.entity_id ORDER BY e.id");
	int problems = 0, rc;
	int64_t sealed_c = 0, sealed_u = 0, sealed_a = 0;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char entity[16], want[33], now[33];
		snprintf(entity, sizeof entity, "%s", (const char *)sqlite3_column_text(st, 0));
		int64_t x = sqlite3_column_int64(st, 1), ev = sqlite3_column_int64(st, 3);
		snprintf(want, sizeof want, "%s", (const char *)sqlite3_column_text(st, 2));
		char *name = xstrdup((const char *)sqlite3_column_text(st, 4));
		int is_case = !strcmp(entity, "case"), is_user = !strcmp(entity, "user");
		/* the statement is the one this connection reads; the state's own
		 * query is another */
		if (db_entity_state(db, entity, x, now) < 0) {
			free(name);
			sqlite3_reset(st);
			return -1;
		}
		if (is_case)
			sealed_c++;
		else if (is_user)
			sealed_u++;
		else
			sealed_a++;
		if (strcmp(now, want) != 0) {
			if (problems < 20) {
				if (is_case)
					sb_printf(report, "案件 %s 的登记内容或请求事项（当事人、金额、调解结果等）与第 %lld 条操作记录记下的不符："
							  "在操作记录之外被改动\n", *name ? name : "（已删除）", (long long)ev);
				else if (is_user)
					sb_printf(report, "账号 %s 的角色、状态或密码与第 %lld 条操作记录记下的不符："
							  "在操作记录之外被改动\n", *name ? name : "（已删除）", (long long)ev);
				else
					sb_printf(report, "%s档案 %s 的内容与第 %lld 条操作记录记下的不符："
							  "在操作记录之外被改动\n", strcmp(entity, "person") ? "用人单位" : "当事人",
						  *name ? name : "（已删除）", (long long)ev);
			}
			problems++;
		}
		free(name);
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "检查操作记录");
	info->sealed_cases = sealed_c;
	info->sealed_users = sealed_u;
	info->sealed_archive = sealed_a;
	int64_t all_c = 0, all_u = 0, all_a = 0;
	if (db_query_int(db, "SELECT count(*) FROM cases", 0, &all_c) < 0 ||
	    db_query_int(db, "SELECT count(*) FROM users", 0, &all_u) < 0 ||
	    db_query_int(db, "SELECT (SELECT count(*) FROM persons) + (SELECT count(*) FROM employers)", 0, &all_a) < 0)
		return -1;
	/* what the program found changed behind the log when it next wrote
	 * (seal.c): in the log for good */
	int m = outside_events(db, report, problems);
	if (m < 0)
		return -1;
	problems += m;
	/* since 013 every row has an event that sealed it: one without is a
	 * row added behind the log (an account made an administrator by an
	 * INSERT) */
	int n = unsealed_rows(db, report, problems);
	if (n < 0)
		return -1;
	problems += n;
	if (problems > 20)
		sb_printf(report, "……共%d处\n", problems);
	info->unsealed_archive = all_a > sealed_a ? all_a - sealed_a : 0;
	info->unsealed_cases = all_c > sealed_c ? all_c - sealed_c : 0;
	info->unsealed_users = all_u > sealed_u ? all_u - sealed_u : 0;
	return problems;
}

/* The head kept outside against the log. */
static int check_anchor(struct db *db, struct strbuf *report, struct db_check_info *info)
{
	char *path = anchor_path(db), hash[65] = "", at[20] = "";
	int64_t id = 0, count = 0;

	info->anchor = 0;
	if (!path)
		return 0;
	snprintf(info->anchor_file, sizeof info->anchor_file, "%s", path);
	int r = anchor_read(path, &id, hash, &count, at);
	free(path);
	if (r == 0)
		return 0;
	if (r < 0) {
		sb_printf(report, "库外记下的末条 %s 无法读取或内容不对\n", info->anchor_file);
		info->anchor = -1;
		return 1;
	}
	info->anchor_id = id;
	snprintf(info->anchor_at, sizeof info->anchor_at, "%s", at);
	sqlite3_stmt *st = db_prep(db, "SELECT lower(hex(hash)) FROM events WHERE id = ?");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	char have[65] = "";
	if (rc == SQLITE_ROW)
		snprintf(have, sizeof have, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, "检查操作记录");
	if (!have[0]) {
		sb_printf(report, "操作记录末尾缺失：%s 时已有第 %lld 条（共 %lld 条，记在 %s），现只到第 %lld 条"
				  "（已提交的保存丢失，如 WAL 损坏；若是有意从备份恢复，核对后删除该文件）\n",
			  at, (long long)id, (long long)count, info->anchor_file, (long long)info->head_id);
		info->anchor = -1;
		return 1;
	}
	if (strcmp(have, hash) != 0) {
		sb_printf(report, "第 %lld 条操作记录与 %s 时库外记下的校验值不同（%s）：此前的记录被改动或重写\n",
			  (long long)id, at, info->anchor_file);
		info->anchor = -1;
		return 1;
	}
	info->anchor = 1;
	return 0;
}

int db_check_full(struct db *db, const char *status_actions_json, struct strbuf *report,
		  struct db_check_info *info)
{
	int problems = 0, n;

	memset(info, 0, sizeof *info);
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

	/* 6. Case numbers: no gaps, no repeats, the counter where they end. */
	if ((n = check_numbers(db, report, info)) < 0)
		return -1;
	problems += n;

	/* 7. The counts the triggers keep. */
	if ((n = check_counters(db, report)) < 0)
		return -1;
	problems += n;

	/* 8. Claims and accounts as their last event sealed them (011). */
	if ((n = check_states(db, report, info)) < 0)
		return -1;
	problems += n;

	/* 9. The head kept outside the file: nothing lost at the end. */
	info->events = cnt;
	info->head_id = hi;
	memcpy(info->head, head, sizeof info->head);
	if (db_query_int(db, "SELECT count(*) FROM cases", 0, &info->cases) < 0)
		return -1;
	if ((n = check_anchor(db, report, info)) < 0)
		return -1;
	problems += n;
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
