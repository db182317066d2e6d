/*
 * intake_internal.h - what registering (intake.c) and correcting
 * (correct.c) an application share inside the core: the problem list,
 * the particulars of a party as the archive and the case's snapshot store
 * them (normalised), and the archive's own event.  Not for other rooms.
 */
#ifndef TIAOJIE_CORE_INTAKE_INTERNAL_H
#define TIAOJIE_CORE_INTAKE_INTERNAL_H

#include "tiaojie/intake.h"

/* One more problem at a field (dropped when the list is full). */
void intake_problem_add(struct intake_result *res, const char *field, const char *fmt, ...) TJ_PRINTF(3, 4);

/* A checked applicant as stored: the number and phone normalised, sex and
 * birth date read from a document that encodes them, else as typed; rec
 * points into the buffers and into p. */
struct person_norm {
	char id_no[128], phone[64], gender[2], birth[11];
	struct person_rec rec;
};
void intake_person_norm(const struct config *cfg, const struct intake_person *p, struct person_norm *out);

/* A checked respondent as stored: credit code and phone normalised (NULL
 * when not given); rec points into the buffers and into e. */
struct employer_norm {
	char uscc[32], phone[64];
	struct employer_rec rec;
};
void intake_employer_norm(const struct intake_employer *e, struct employer_norm *out);

/* The event of an archive row written for a case: 'create' when changes
 * is NULL, else 'update' with the changes (db_person_upsert's text). */
int intake_archive_event(struct db *db, const struct actor *who, int64_t case_id, const char *entity, int64_t id,
			 const char *changes, const char *now);

/* Joining (intake_join, in its transaction): the claims of the joining
 * application go to the case's claims of the same cause, each worker's
 * amount his own amount there, the totals following (collective.c);
 * ords: the joining applicants' numbers in the case.  *wrote: 0 nothing
 * changed, 1 amounts written, 2 and the case row too (a confirmation
 * undone, collective set): the caller then does not touch it again.
 * 0, or -1 with the error set. */
int collective_join_claims(struct db *db, const struct config *cfg, const struct actor *who, int64_t case_id,
			   const struct intake *in, const int *ords, const char *now, int collective, int *wrote);

#endif
