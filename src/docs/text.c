/*
 * text.c - a filled document as plain UTF-8 text: the same lines as the
 * PDF, one paragraph per line (an editor or the printer wraps them), the
 * title centred and right-aligned lines pushed to the right of a 72-column
 * line, measured in the display columns of uitext.h - the same width the
 * screen uses (Chinese characters two, ambiguous ones such as “ ” one).
 */
#include <stdlib.h>
#include <string.h>

#include "tiaojie/docs.h"
#include "tiaojie/uitext.h"
#include "tiaojie/util.h"

#include "internal.h"

#define TEXT_COLS 72

static void pad(struct strbuf *sb, int n)
{
	for (int i = 0; i < n; i++)
		sb_addc(sb, ' ');
}

char *doc_text(const struct doc_blocks *b)
{
	struct strbuf sb;

	sb_init(&sb);
	for (int i = 0; i < b->n; i++) {
		const struct doc_block *k = &b->v[i];
		int w = tw_width(k->text);
		switch (k->style) {
		case DOC_TITLE:
		case DOC_ORG:
			if (w < TEXT_COLS)
				pad(&sb, (TEXT_COLS - w) / 2);
			sb_add(&sb, k->text);
			break;
		case DOC_RIGHT:
			if (w < TEXT_COLS)
				pad(&sb, TEXT_COLS - w);
			sb_add(&sb, k->text);
			break;
		case DOC_GAP:
			break;
		case DOC_PAGE:
			sb_addc(&sb, '\f'); /* a form feed, as a printer takes it */
			break;
		case DOC_HEADING:
		case DOC_BODY:
			sb_add(&sb, k->text);
			break;
		}
		sb_addc(&sb, '\n');
	}
	if (!sb.buf)
		sb_add(&sb, "");
	return sb_detach(&sb);
}
