/*
 * docs.h - documents in one keystroke (一键成稿, SPEC section 5): the
 * templates of forms/, the fields they are filled from, the text and PDF
 * output, issuing a document on a case, and printing it.
 *
 * How it fits together:
 *
 *   case_load() -> doc_dict_build()  the fields of one case (fields.c)
 *   forms/KIND.txt -> doc_template_parse()  a node tree with line numbers,
 *                                    names checked against the known fields
 *   doc_template_render(t, dict)     -> blocks: lines with a style (title,
 *                                    heading, right-aligned, body, gap)
 *   doc_text(blocks) / doc_pdf_write(blocks)  UTF-8 text or an A4 PDF
 *                                    typeset with Pango/Cairo and a CJK font
 *   doc_issue()                      all of the above for one case and kind,
 *                                    written atomically (mode 0600) and
 *                                    recorded (documents row + event, one
 *                                    transaction)
 *
 * Template syntax (forms/README has the full list of fields):
 *   {{name}}              a field; no data for this case is an error that
 *                         names the field, unless inside its own optional
 *                         section {{#name}}..{{/name}}
 *   {{#name}}..{{/name}}  a list (claims, applicants, respondents, sessions):
 *                         repeated per item; a field: shown when it has data
 *                         (an optional section)
 *   {{^name}}..{{/name}}  shown when the list is empty / the field has none
 *   {{! comment }}
 *   Line directives, at the start of a template line: "# " title (centred,
 *   large), "## " heading, ">> " right-aligned; a blank line is a paragraph
 *   gap.  A line holding only a section tag or a comment leaves no line;
 *   a line with tags that renders empty is dropped.
 *
 * Which document fits which case (doc_allowed):
 *   application  any case;
 *   agreement    agreed (调解成功, whatever its performance);
 *   termination  failed, withdrawn or referred (mediation ended without an
 *                agreement);
 *   arbitration  failed, referred, rejected, withdrawn (调解仲裁法 §14: the
 *                party may go to arbitration), agreed but defaulted (§15),
 *                or an accepted, assigned or mediating case whose mediation
 *                deadline has passed (§14).
 *
 * Errors: -1 (or NULL) with Chinese text in the error sink; template
 * problems are lines "FILE:LINE: 原因" joined with newlines.
 */
#ifndef TIAOJIE_DOCS_H
#define TIAOJIE_DOCS_H

#include <stdint.h>
#include <stdio.h>

#include "tiaojie/casework.h"
#include "tiaojie/config.h"
#include "tiaojie/db.h"
#include "tiaojie/lifecycle.h"
#include "tiaojie/vocab.h"

/* enum doc_kind and its words: vocab.h */

enum doc_format { DOC_FMT_TEXT = 0, DOC_FMT_PDF };

const char *doc_kind_keyword(enum doc_kind k); /* "agreement"; "?" when out of range */
const char *doc_kind_name(enum doc_kind k);    /* "调解协议书" */
/* By keyword or Chinese name; -1 when unknown. */
int doc_kind_from_keyword(const char *kw);
/* The format a file name asks for: ".pdf" or ".txt" (any case); -1 with
 * the error set otherwise. */
int doc_format_for_path(const char *path);

/* ---- which document for which case ----------------------------------------- */

/* May this kind be issued for the case now?  0 yes; -1 no, with the reason
 * (naming the case's state) in the error sink. */
int doc_allowed(const struct case_view *cv, enum doc_kind k);
/* The document the case's state calls for (the screen's one key):
 * agreed -> agreement (defaulted -> arbitration), failed and withdrawn ->
 * termination, referred -> arbitration, anything else -> application. */
enum doc_kind doc_kind_for_case(const struct case_view *cv);
/* The kinds the case's state calls for, the most fitting first (the
 * screen's one key offers a choice when there are several); at most max.
 * Each is allowed (doc_allowed). */
int doc_kinds_for_case(const struct case_view *cv, enum doc_kind *out, int max);

/* ---- addressees and service (送达) ------------------------------------------- */

/* Whom a kind is served on: 0 nobody (kept on file), 1 the applicants,
 * 2 every party. */
int doc_kind_served(enum doc_kind k);
/* The parties a document of kind k is addressed to (a collective case's
 * representatives for its workers); for a 送达回证, the parties of the
 * document of_document.  *out malloc'd (free it); returns the count. */
struct doc_addressee {
	const char *role; /* "applicant" or "respondent" */
	int ord;
	const struct cv_party *p;    /* NULL when the party is gone */
	const struct cv_service *sv; /* a 送达回证's: the service row */
};
int doc_addressees(const struct case_view *cv, enum doc_kind k, int64_t of_document, struct doc_addressee **out);
/* The session a 调解通知书 is for: the next booked one (today or later),
 * else the last booked; an index into cv->sessions, -1 none. */
int doc_session_for(const struct case_view *cv);
/* The document a 送达回证 is for: the latest with a party not yet served,
 * else the latest served; an index into cv->documents, -1 none. */
int doc_service_target(const struct case_view *cv);
/* How many (document, party) services of the case are still open. */
int doc_unserved(const struct case_view *cv);
/* The numbers a service goes by (`tiaojie show`, `tiaojie doc --document
 * N --party K`): its document's among the case's documents and its party's
 * among that document's addressees, both 1-based.  i indexes cv->services. */
void doc_service_numbers(const struct case_view *cv, int i, int *document, int *party);
/* May a 调解通知书 be issued for this session (index into cv->sessions)?
 * A booked one only: a held or cancelled session summons nobody. */
int doc_session_open(const struct case_view *cv, int i);

/* Which session, document and party one issue is for: numbers as `tiaojie
 * show` lists them (1-based), 0 the default - the 调解通知书 for the next
 * booked session (doc_session_for), the 送达回证 for doc_service_target
 * with a page for every party of it. */
struct doc_pick {
	int session;  /* 调解通知书: the case's Nth session */
	int document; /* 送达回证: the case's Nth document issued */
	int party;    /* 送达回证: the Kth party that document is served on */
};
/* The pick checked against the case: indexes into cv->sessions,
 * cv->documents and cv->services (-1 default / all).  0, or -1 with a
 * Chinese message naming what is not there (and what is). */
int doc_pick_resolve(const struct case_view *cv, enum doc_kind k, const struct doc_pick *pick, int *session,
		     int *document, int *service);

/* A file name for the document: "<case number>-<kind name>.<ext>", with
 * '/' and control characters replaced (malloc'd). */
char *doc_file_name(const struct case_view *cv, enum doc_kind k, enum doc_format f);

/* ---- issuing and printing ----------------------------------------------------- */

/* Load the case (as the actor may see it), check doc_allowed, fill the
 * kind's template and either write it to path (format by its ending;
 * through a temporary file in the same directory renamed into place, mode
 * 0600) or, when path is NULL, return the text in *text (malloc'd).  Then
 * record it: a documents row and a case event (action "document", after =
 * "调解协议书：/abs/path.pdf") in one transaction.  When the record cannot
 * be written, the file is removed again.  0 ok; -1 with the reason. */
int doc_issue(struct db *db, const struct config *cfg, const struct actor *who, int64_t case_id,
	      enum doc_kind k, const char *path, char **text);
/* Can documents be issued on this database at all?  Every document is
 * recorded, so not on one opened read-only: -1 with the reason (saying
 * the database is read-only) in the error sink.  doc_issue asks first;
 * a screen asks before it makes a directory or shows progress. */
int doc_issue_possible(struct db *db);
/* The same for a chosen session, document or party (pick NULL: the
 * defaults). */
int doc_issue_pick(struct db *db, const struct config *cfg, const struct actor *who, int64_t case_id,
		   enum doc_kind k, const struct doc_pick *pick, const char *path, char **text);

/* Hand a file to the configured print command (cfg->print_command, run as
 * `/bin/sh -c "$print" sh FILE`) and wait for it (at most a minute).
 * 0 when it exited 0; -1 with the reason in Chinese. */
int doc_print(const struct config *cfg, const char *file);

/* ---- the pieces (for the tests, and for a preview) ---------------------------- */

/* Where the templates are: $TIAOJIE_FORMS, else $TIAOJIE_DATADIR/../forms,
 * else the installed DATADIR/forms, else ./forms - the first that is a
 * directory (malloc'd); NULL with the error set. */
char *doc_forms_dir(void);

/* A dictionary of fields: text values and lists of item dictionaries. */
struct doc_dict;
struct doc_dict *doc_dict_new(void);
void doc_dict_free(struct doc_dict *d);
/* Set a text field (copied; NULL is no data, as is ""). */
void doc_dict_set(struct doc_dict *d, const char *name, const char *value);
/* Declare a list (so that an empty list is known) and append an item to it. */
void doc_dict_list(struct doc_dict *d, const char *name);
struct doc_dict *doc_dict_add_item(struct doc_dict *d, const char *list);
/* The text of a field (NULL when not set), the number of items of a list
 * (-1 when no such list), one item. */
const char *doc_dict_get(const struct doc_dict *d, const char *name);
int doc_dict_count(const struct doc_dict *d, const char *list);
const struct doc_dict *doc_dict_item(const struct doc_dict *d, const char *list, int i);

/* Every field of a case: court, case, parties, claims, sessions, dates in
 * Chinese (2026年11月22日), amounts in figures (12,345.00) and capitals. */
struct doc_dict *doc_dict_build(const struct case_view *cv, const struct config *cfg);

/* The Chinese label of a field for messages ("申请人联系电话"); list is the
 * innermost enclosing list ("" at the top).  NULL when the name is unknown. */
const char *doc_field_label(const char *list, const char *name);

struct doc_template;
/* Parse template text; file names it in messages.  Checks the syntax and
 * that every name is a known field in its place. */
struct doc_template *doc_template_parse(const char *file, const char *text);
/* Read forms/<keyword>.txt from doc_forms_dir() and parse it.  When the
 * court's directory has no such file (or there is no forms directory and
 * $TIAOJIE_FORMS names none), the template compiled into the program is
 * used and doc_notice() says so. */
struct doc_template *doc_template_load(enum doc_kind k);
/* The notice of the last doc_template_load (and so doc_issue), in
 * Chinese: "" when there is none. */
const char *doc_notice(void);
void doc_template_free(struct doc_template *t);

enum doc_style {
	DOC_BODY = 0, /* a paragraph, wrapped */
	DOC_TITLE,    /* "# " centred, large */
	DOC_HEADING,  /* "## " bold */
	DOC_RIGHT,    /* ">> " right-aligned */
	DOC_GAP,      /* a blank line */
	DOC_ORG,      /* "^^ " centred, bold: the issuing organisation above the title */
	DOC_PAGE,     /* "====" alone on a line: a new page (per addressee, per session) */
};
struct doc_blocks {
	struct doc_block {
		enum doc_style style;
		char *text;
		/* inside {{#keep}}: a run of such blocks stays on one page with
		 * the last lines before it (此致 with its addressee, the
		 * signatures with the end of the text) */
		int keep;
	} *v;
	int n, cap;
};
void doc_blocks_free(struct doc_blocks *b);
/* Fill the template.  A field with no data outside its own optional
 * section is an error "FILE:LINE: 缺少数据：..." naming it (all of them are
 * listed); out is then empty. */
int doc_template_render(const struct doc_template *t, const struct doc_dict *d, struct doc_blocks *out);

/* The document as UTF-8 text (malloc'd): the title centred and
 * right-aligned lines pushed right on a 72-column line. */
char *doc_text(const struct doc_blocks *b);
/* The document as an A4 PDF on f: margins of 2.5 cm, the title centred and
 * larger, paragraphs wrapped with CJK line breaking, pages broken where the
 * next line does not fit, "第 N 页 共 M 页" at the foot of each page; the
 * font is embedded.  title goes into the PDF's metadata. *pages (if given)
 * gets the page count.  0 ok, -1 with the error set. */
int doc_pdf_write(const struct doc_blocks *b, const char *title, FILE *f, int *pages);
/* The CJK font family the PDF uses ("Noto Serif CJK SC" when installed,
 * else "Noto Sans CJK SC", else any font fontconfig has for zh-cn); NULL
 * with a Chinese message when fontconfig finds none. */
const char *doc_font_family(void);

#endif
