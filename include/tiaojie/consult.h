/*
 * consult.h - walk-in consultations (咨询登记): questions answered at the
 * window that do not become a case, counted in the statistics.
 */
#ifndef TIAOJIE_CONSULT_H
#define TIAOJIE_CONSULT_H

#include "tiaojie/db.h"
#include "tiaojie/lifecycle.h"

#define CONSULT_MAX_NOTE 200

/* Check and record one consultation (cause optional: a second-level code;
 * note required, at most CONSULT_MAX_NOTE characters; phone optional but
 * valid when given).  One transaction.  0, or -1 with the reason; *field
 * names the field at fault ("cause", "note", "phone") when it is one.
 * draft_id: the user's draft of the form (0: none), deleted in the same
 * transaction. */
int consult_record(struct db *db, const struct actor *who, const char *cause, const char *note,
		   const char *phone, int64_t draft_id, const char **field);

#endif
