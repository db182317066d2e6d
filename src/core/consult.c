/*
 * consult.c - recording a consultation.
 */
#include "tiaojie/consult.h"

#include <stdio.h>
#include <string.h>

#include "tiaojie/calendar.h"
#include "tiaojie/util.h"
#include "tiaojie/validate.h"

int consult_record(struct db *db, const struct actor *who, const char *cause, const char *note,
		   const char *phone, int64_t draft_id, const char **field)
{
	char now[20], norm[64] = "";
	const char *reason;

	*field = NULL;
	if (who->role == ROLE_MEDIATOR) {
		tj_error("调解员无权登记咨询");
		return -1;
	}
	if (cause && *cause) {
		int found = strlen(cause) == 4 ? db_cause_get(db, cause, NULL) : 0;
		if (found < 0)
			return -1;
		if (!found) {
			*field = "cause";
			tj_error("请选择二级案由");
			return -1;
		}
	}
	size_t len = note ? strlen(note) : 0;
	if (!note || !utf8_valid(note, len) || utf8_has_control(note, 0)) {
		*field = "note";
		tj_error("咨询摘要含有无效字符");
		return -1;
	}
	int blank = 1;
	for (const char *p = note; *p; p++)
		if (*p != ' ')
			blank = 0;
	if (blank) {
		*field = "note";
		tj_error("请填写咨询摘要");
		return -1;
	}
	if (utf8_chars(note) > CONSULT_MAX_NOTE) {
		*field = "note";
		tj_error("咨询摘要过长（最多%d字）", CONSULT_MAX_NOTE);
		return -1;
	}
	if (phone && *phone && val_check(VAL_PHONE, phone, 0, norm, sizeof norm, &reason) < 0) {
		*field = "phone";
		tj_error("联系电话：%s", reason);
		return -1;
	}
	tj_now_str(now);
	if (db_begin(db) < 0)
		return -1;
	int64_t id;
	if (db_consult_add(db, now, cause, note, norm, who->user_id, &id) < 0 ||
	    (draft_id > 0 && db_draft_delete(db, who->user_id, draft_id) < 0) || db_commit(db) < 0) {
		char msg[512];
		snprintf(msg, sizeof msg, "%s", tj_errmsg());
		db_rollback(db);
		tj_error("%s", msg);
		return -1;
	}
	return 0;
}
