/*
 * internal.h - what the files of src/docs share and nobody else needs.
 */
#ifndef TIAOJIE_DOCS_INTERNAL_H
#define TIAOJIE_DOCS_INTERNAL_H

struct case_view;

/* The known fields (fields.c).  In list `list` ("" at the top level):
 * 0 unknown name, 1 a text field, 2 a list. */
int doc_field_kind(const char *list, const char *name);
/* The Chinese label of a list's items for messages ("申请人"). */
const char *doc_list_label(const char *list);

/* The mediation period (from acceptance, SPEC section 3) has run out
 * without an agreement: accepted, assigned or mediating, deadline passed. */
int doc_mediation_overdue(const struct case_view *cv);

/* A date field: "2026-11-22" (or a longer time stamp) in the court's
 * style; no data when iso is not a date (fields.c). */
struct doc_dict;
void doc_set_date(struct doc_dict *d, const char *name, const char *iso);

/* What one issue of a document adds to the case's fields (notice.c):
 * the receipt's enquiry code and decision date, the session of a session
 * notice and the document a service certificate is for (indexes into the
 * case_view, -1 none). */
struct doc_extra {
	const char *enquiry_code;
	const char *decide_by;   /* "YYYY-MM-DD" */
	const char *decide_rule; /* "5日" or "5个工作日" */
	int session, target;
	int service; /* a 送达回证 for one party: index into cv->services, -1 every party */
};
enum doc_kind;
void doc_dict_issue(struct doc_dict *d, const struct case_view *cv, enum doc_kind k, const struct doc_extra *x);
/* A new enquiry code (malloc'd), NULL with the error set. */
char *doc_enquiry_code(void);

/* Only spaces (ASCII and U+3000) or nothing. */
int doc_blank(const char *s);

#endif
