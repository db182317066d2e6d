/*
 * text.c - a filled document as plain UTF-8 text: the same lines as the
 * PDF, one paragraph per line (an editor or the printer wraps them), the
 * title centred and right-aligned lines pushed to the right of a 72-column
 * line, counting Chinese characters as two columns.
 */
#include <stdlib.h>
#include <string.h>

#include "tiaojie/docs.h"
#include "tiaojie/util.h"

#include "internal.h"

#define TEXT_COLS 72

static int wide(unsigned cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
	       (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
	       (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

int doc_text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int w = 0;

	while (*p) {
		unsigned cp;
		int n;
		if (*p < 0x80) {
			cp = *p;
			n = 1;
		} else if ((*p & 0xE0) == 0xC0) {
			cp = *p & 0x1F;
			n = 2;
		} else if ((*p & 0xF0) == 0xE0) {
			cp = *p & 0x0F;
			n = 3;
		} else {
			cp = *p & 0x07;
			n = 4;
		}
		for (int i = 1; i < n; i++) {
			if ((p[i] & 0xC0) != 0x80) {
				n = i;
				break;
			}
			cp = (cp << 6) | (p[i] & 0x3F);
		}
		p += n;
		w += wide(cp) ? 2 : 1;
	}
	return w;
}

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
		int w = doc_text_width(k->text);
		switch (k->style) {
		case DOC_TITLE:
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
