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

/* Only spaces (ASCII and U+3000) or nothing. */
int doc_blank(const char *s);

#endif
