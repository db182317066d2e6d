/*
 * draft.c - encoding of drafts (see draft.h).
 */
#include "tiaojie/draft.h"

#include <stdlib.h>
#include <string.h>

#include "tiaojie/access.h"

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
