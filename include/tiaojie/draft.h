/*
 * draft.h - the text form of a draft: one "key=value" line per field, with
 * backslash escapes for newline and backslash, so any field content
 * survives a round trip.
 */
#ifndef TIAOJIE_DRAFT_H
#define TIAOJIE_DRAFT_H

#include <stdint.h>

#include "tiaojie/db.h"
#include "tiaojie/util.h"

/* The largest draft kept (a full intake form with 5,000 characters of
 * facts and 100 claims is far below it). */
#define DRAFT_MAX_BYTES (256 * 1024)

/* Keep (insert, or replace draft *id of this user) a form as a draft.
 * The body must be valid UTF-8 and at most DRAFT_MAX_BYTES.  0, or -1 with
 * the reason. */
int draft_keep(struct db *db, int64_t user_id, const char *kind, const char *body, int64_t *id);
/* Drop a user's draft (resumed and saved, or discarded). */
int draft_drop(struct db *db, int64_t user_id, int64_t id);

/* The user's draft of this kind whose field key holds value (a case's
 * draft by "case_id"): 1 with *id, *body and *saved_at (malloc'd; any may
 * be NULL to skip), 0 none, -1 error. */
int draft_find(struct db *db, int64_t user_id, const char *kind, const char *key, const char *value, int64_t *id,
	       char **body, char **saved_at);

/* When the database cannot take a draft (the disk is full, the file
 * read-only): a file of its own in the user's runtime directory
 * (outfile.h; $XDG_RUNTIME_DIR is usually memory, not the full disk),
 * mode 0600, named after the database, the user, this process and a slot
 * the caller keeps per form (so each autosave replaces its file).  0 with
 * the directory in *where (malloc'd), or -1 with the reason. */
int draft_keep_aside(struct db *db, int64_t user_id, const char *kind, const char *body, int slot,
		     char **where);
/* Remove a form's draft kept aside (it is now in the database, or saved). */
void draft_drop_aside(struct db *db, int64_t user_id, int slot);
/* At login: the user's drafts kept aside by runs that have ended (or by
 * this process before) moved into the database, where the drafts screen
 * offers them.  The number moved, or -1 with the reason. */
int draft_recover_aside(struct db *db, int64_t user_id);

void draft_put(struct strbuf *sb, const char *key, const char *value);
/* The value of key (malloc'd), or NULL when absent. */
char *draft_get(const char *body, const char *key);

#endif
