/*
 * draft.c - encoding of drafts (see draft.h).
 */
#include "tiaojie/draft.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tiaojie/access.h"
#include "tiaojie/outfile.h"
#include "tiaojie/store.h"

int draft_keep(struct db *db, int64_t user_id, const char *kind, const char *body, int64_t *id)
{
	size_t len = strlen(body);

	if (user_id <= 0) {
		tj_error("未登录，不能保存草稿");
		return -1;
	}
	if (len > DRAFT_MAX_BYTES) {
		tj_error("草稿过大（%zu 字节），未保存", len);
		return -1;
	}
	if (!utf8_valid(body, len)) {
		tj_error("草稿含有无效的UTF-8字节，未保存");
		return -1;
	}
	return db_draft_save(db, user_id, kind, body, id);
}

int draft_drop(struct db *db, int64_t user_id, int64_t id)
{
	return id > 0 ? db_draft_delete(db, user_id, id) : 0;
}

int draft_find(struct db *db, int64_t user_id, const char *kind, const char *key, const char *value, int64_t *id,
	       char **body, char **saved_at)
{
	struct draft_list l;
	int found = 0;

	if (user_id <= 0)
		return 0;
	if (db_drafts_of(db, user_id, &l) < 0)
		return -1;
	/* a user has a handful of drafts: the newest that matches */
	for (int i = 0; i < l.n && !found; i++) {
		struct draft_rec *r = &l.v[i];
		if (strcmp(r->kind, kind) != 0)
			continue;
		char *v = draft_get(r->body, key);
		if (v && strcmp(v, value) == 0) {
			found = 1;
			if (id)
				*id = r->id;
			if (body)
				*body = xstrdup(r->body);
			if (saved_at)
				*saved_at = xstrdup(r->saved_at);
		}
		free(v);
	}
	draft_list_free(&l);
	return found;
}

void draft_put(struct strbuf *sb, const char *key, const char *value)
{
	sb_add(sb, key);
	sb_addc(sb, '=');
	for (const char *p = value ? value : ""; *p; p++) {
		if (*p == '\n')
			sb_add(sb, "\\n");
		else if (*p == '\\')
			sb_add(sb, "\\\\");
		else if (*p == '\r')
			sb_add(sb, "\\r");
		else
			sb_addc(sb, *p);
	}
	sb_addc(sb, '\n');
}

char *draft_get(const char *body, const char *key)
{
	size_t klen = strlen(key);

	for (const char *line = body; line && *line;) {
		const char *end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		if ((size_t)(end - line) > klen && strncmp(line, key, klen) == 0 && line[klen] == '=') {
			struct strbuf sb;
			sb_init(&sb);
			for (const char *p = line + klen + 1; p < end; p++) {
				if (*p == '\\' && p + 1 < end) {
					p++;
					sb_addc(&sb, *p == 'n' ? '\n' : *p == 'r' ? '\r' : *p);
				} else {
					sb_addc(&sb, *p);
				}
			}
			return sb_detach(&sb);
		}
		line = *end ? end + 1 : end;
	}
	return NULL;
}

/* ---- drafts kept aside --------------------------------------------------- */

#define ASIDE_MAGIC "tiaojie-draft 1\n"

/* Which database: a hash of its absolute name, so drafts never reach
 * another database's users. */
static unsigned long long db_key(struct db *db)
{
	char real[PATH_MAX];
	const char *p = realpath(store_file(db), real) ? real : store_file(db);
	unsigned long long h = 1469598103934665603ULL;

	for (; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	return h;
}

static char *aside_prefix(struct db *db, int64_t user_id)
{
	return xasprintf("draft-%016llx-%lld-", db_key(db), (long long)user_id);
}

int draft_keep_aside(struct db *db, int64_t user_id, const char *kind, const char *body, int slot,
		     char **where)
{
	char *dir = tj_runtime_dir(), *pre, *path;
	struct tj_out o;
	size_t kl = strlen(kind), bl = strlen(body);
	int rc = -1;

	*where = NULL;
	if (!dir) {
		tj_error("没有可写的运行目录（XDG_RUNTIME_DIR）");
		return -1;
	}
	pre = aside_prefix(db, user_id);
	path = xasprintf("%s/%s%ld-%d", dir, pre, (long)getpid(), slot);
	free(pre);
	if (tj_out_open(&o, path, 0600, 0) == 0) {
		FILE *f = NULL;
		int fd = dup(o.fd);
		if (fd >= 0 && !(f = fdopen(fd, "w")))
			close(fd);
		if (f && fputs(ASIDE_MAGIC, f) >= 0 && fwrite(kind, 1, kl, f) == kl && fputc('\n', f) != EOF &&
		    fwrite(body, 1, bl, f) == bl && fflush(f) == 0 && !ferror(f)) {
			if (fclose(f) == 0 && tj_out_sync(&o) == 0 && tj_out_place(&o, 0) == 0)
				rc = 0;
		} else {
			tj_error("不能写入 %s：%s", path, tj_strerror(errno ? errno : EIO));
			if (f)
				fclose(f);
		}
		tj_out_discard(&o);
	}
	free(path);
	if (rc == 0)
		*where = dir;
	else
		free(dir);
	return rc;
}

void draft_drop_aside(struct db *db, int64_t user_id, int slot)
{
	char *dir = tj_runtime_dir(), *pre;

	if (!dir)
		return;
	pre = aside_prefix(db, user_id);
	char *path = xasprintf("%s/%s%ld-%d", dir, pre, (long)getpid(), slot);
	unlink(path);
	free(path);
	free(pre);
	free(dir);
}

/* The kind and body of a draft file, or -1 when it is not one. */
static int aside_read(const char *path, char **kind, char **body)
{
	FILE *f = fopen(path, "r");
	struct strbuf sb;
	char buf[4096];
	size_t n;

	if (!f)
		return -1;
	sb_init(&sb);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0 && sb.len <= DRAFT_MAX_BYTES + 64)
		sb_addn(&sb, buf, n);
	fclose(f);
	const char *s = sb.buf ? sb.buf : "", *nl;
	if (strncmp(s, ASIDE_MAGIC, strlen(ASIDE_MAGIC)) != 0 || !(nl = strchr(s + strlen(ASIDE_MAGIC), '\n'))) {
		sb_free(&sb);
		return -1;
	}
	*kind = xstrndup(s + strlen(ASIDE_MAGIC), (size_t)(nl - s) - strlen(ASIDE_MAGIC));
	*body = xstrdup(nl + 1);
	sb_free(&sb);
	return 0;
}

int draft_recover_aside(struct db *db, int64_t user_id)
{
	char *dir = tj_runtime_dir(), *pre;
	DIR *d;
	struct dirent *e;
	int moved = 0, rc = 0;

	if (!dir || user_id <= 0) {
		free(dir);
		return 0;
	}
	pre = aside_prefix(db, user_id);
	d = opendir(dir);
	while (d && (e = readdir(d))) {
		size_t pl = strlen(pre);
		char *end;
		if (strncmp(e->d_name, pre, pl) != 0)
			continue;
		long pid = strtol(e->d_name + pl, &end, 10);
		if (pid <= 0 || *end != '-')
			continue;
		/* a running program's form still owns its file */
		if (pid != (long)getpid() && !(kill((pid_t)pid, 0) < 0 && errno == ESRCH))
			continue;
		char *path = xasprintf("%s/%s", dir, e->d_name), *kind = NULL, *body = NULL;
		int64_t id = 0;
		if (aside_read(path, &kind, &body) == 0) {
			if (draft_keep(db, user_id, kind, body, &id) == 0) {
				unlink(path);
				moved++;
			} else {
				rc = -1;
			}
		}
		free(kind);
		free(body);
		free(path);
		if (rc < 0)
			break;
	}
	if (d)
		closedir(d);
	free(pre);
	free(dir);
	return rc < 0 ? -1 : moved;
}
