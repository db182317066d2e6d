/*
 * service.h - service (送达) of the documents a case issues: each document
 * addressed to parties gets a row per party when it is issued (docs.h,
 * doc_addressees); recording its service completes that row.
 *
 * The rules, checked here for the screens and the tests alike:
 *   - the method is one of VOCAB_SERVICE: 直接送达, 邮寄送达, 电子送达,
 *     留置送达, 公告送达;
 *   - 邮寄送达 needs the tracking number (letters, digits and '-', at most
 *     40);
 *   - 电子送达 only with the party's written consent on file (it may be
 *     put on file with the same record: consent_now);
 *   - 直接送达 needs who signed for it (the party, an agent, an adult of
 *     the household), 留置送达 the witnesses who saw it left;
 *   - the date is a real date, not before the document was issued and not
 *     after today;
 *   - the actor must be able to see the case (a mediator: their own);
 *   - a service already recorded is not recorded again (someone else was
 *     faster: the message says so).
 * The service and its event (action 'serve', the timeline's 登记送达) are
 * written in one transaction, which also deletes the dialog's draft.
 */
#ifndef TIAOJIE_SERVICE_H
#define TIAOJIE_SERVICE_H

#include <stdint.h>

#include "tiaojie/db.h"
#include "tiaojie/lifecycle.h"

#define SERVICE_MAX_TRACKING 40
#define SERVICE_MAX_SIGNED 100

struct service_op {
	int64_t case_id;
	int64_t service_id;   /* the (document, party) row: cv_service.id */
	const char *method;   /* VOCAB_SERVICE keyword */
	const char *tracking; /* 邮寄送达 */
	const char *served_on;/* "YYYY-MM-DD" */
	const char *signed_by;
	int consent_now;      /* the party's consent to 电子送达 is put on file now */
	int64_t draft_id;     /* the form's draft (0 none): deleted with the record */
};

/* Record a service.  0 done; -1 refused or failed with a Chinese message
 * in the error sink, field (at least 16 bytes) naming the wrong input:
 * "service", "method", "tracking", "served_on", "signed_by", "consent"
 * ("" when it is about no field).  Nothing is written when refused. */
int service_record(struct db *db, const struct actor *who, const struct service_op *op, char *field);

/* How many cases have documents not yet served on every party, among the
 * cases the actor sees (the work desk's 待送达文书). */
int service_unserved_count(struct db *db, const struct actor *who, int64_t *n);

#endif
