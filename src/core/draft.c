/*
 * draft.c - encoding of drafts (see draft.h).
 */
#include "tiaojie/draft.h"

#include <string.h>

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
