/*
 * pdf.c - a filled document as an A4 PDF, typeset with Pango on a Cairo
 * PDF surface.
 *
 * Each block is one Pango layout as wide as the text column: Pango wraps
 * it with the Unicode line-breaking rules (which know CJK: no break before
 * "，。）" and the like); a numbered line ("3. ……") hangs under its text.
 * Lines are not justified: Pango would stretch
 * only the spaces, and "1. 要求……" would come out with a gap.  The layout's lines are
 * then placed one by one down the page, and a line that does not fit
 * starts a new page, so a long statement of facts or forty claims break
 * cleanly.  Pages are laid out twice: once to count them, once to draw, so
 * every footer can say "第 N 页 共 M 页".
 *
 * The font comes from fontconfig: Noto Serif CJK SC when installed, else
 * Noto Sans CJK SC (both in Debian's fonts-noto-cjk), else whatever has
 * simplified Chinese.  Cairo embeds the subset of the font the document
 * uses, so the PDF prints the same anywhere.  Pango is told the text is
 * zh-cn, which picks the simplified Chinese glyph forms.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "tiaojie/docs.h"
#include "tiaojie/util.h"

#include "internal.h"

/* A4 in points, margins about 2.5 cm */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN_L 72.0
#define MARGIN_R 72.0
#define MARGIN_T 72.0
#define MARGIN_B 72.0
#define FOOTER_TOP (PAGE_H - MARGIN_B + 22.0)

#define BODY_PT 12.0
#define TITLE_PT 22.0
#define HEADING_PT 14.0
#define FOOTER_PT 9.0
#define GAP_PT 10.0

#if defined(__SANITIZE_ADDRESS__)
/* Cairo 1.16 (Debian 12) loses two small blocks per embedded CFF font
 * (the Noto CJK fonts are CFF) while it writes the font subsets in
 * cairo_surface_finish: about 1.5 KB per document, nothing we can give
 * back.  Tell the leak checker of the sanitizer builds, so that the leaks
 * it reports are ours. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libcairo.so\n";
}
/* and without a report of the suppression on every exit */
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}
#endif

/* ---- the font ----------------------------------------------------------------- */

static const char *const font_candidates[] = {
	"Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "Source Han Sans SC",
	"WenQuanYi Micro Hei", "AR PL UMing CN",
};

/* The font has the characters of this product's documents. */
static int has_chinese(FcPattern *p)
{
	FcCharSet *cs;

	if (FcPatternGetCharSet(p, FC_CHARSET, 0, &cs) != FcResultMatch)
		return 0;
	return FcCharSetHasChar(cs, 0x8C03) && FcCharSetHasChar(cs, 0x89E3) && FcCharSetHasChar(cs, 0x7B2C);
}

static int family_is(FcPattern *p, const char *want)
{
	FcChar8 *fam;

	for (int i = 0; FcPatternGetString(p, FC_FAMILY, i, &fam) == FcResultMatch; i++)
		if (strcasecmp((const char *)fam, want) == 0)
			return 1;
	return 0;
}

static int find_family(char *out, size_t outlen)
{
	for (size_t i = 0; i < TJ_ARRAY_LEN(font_candidates); i++) {
		FcPattern *pat = FcNameParse((const FcChar8 *)font_candidates[i]);
		FcResult r;
		int ok = 0;
		if (!pat)
			continue;
		FcConfigSubstitute(NULL, pat, FcMatchPattern);
		FcDefaultSubstitute(pat);
		FcPattern *m = FcFontMatch(NULL, pat, &r);
		if (m) {
			ok = family_is(m, font_candidates[i]) && has_chinese(m);
			FcPatternDestroy(m);
		}
		FcPatternDestroy(pat);
		if (ok) {
			snprintf(out, outlen, "%s", font_candidates[i]);
			return 0;
		}
	}
	/* anything that covers simplified Chinese */
	FcPattern *pat = FcNameParse((const FcChar8 *)":lang=zh-cn");
	FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, FC_CHARSET, (char *)NULL);
	FcFontSet *fs = pat && os ? FcFontList(NULL, pat, os) : NULL;
	int found = 0;
	for (int i = 0; fs && i < fs->nfont && !found; i++) {
		FcChar8 *fam;
		if (has_chinese(fs->fonts[i]) && FcPatternGetString(fs->fonts[i], FC_FAMILY, 0, &fam) == FcResultMatch) {
			snprintf(out, outlen, "%s", (const char *)fam);
			found = 1;
		}
	}
	if (fs)
		FcFontSetDestroy(fs);
	if (os)
		FcObjectSetDestroy(os);
	if (pat)
		FcPatternDestroy(pat);
	return found ? 0 : -1;
}

const char *doc_font_family(void)
{
	static char family[128];

	if (family[0])
		return family;
	if (!FcInit()) {
		tj_error("无法初始化 fontconfig，不能生成 PDF");
		return NULL;
	}
	if (find_family(family, sizeof family) < 0) {
		family[0] = '\0';
		tj_error("找不到中文字体，不能生成 PDF：fontconfig 中没有能显示简体中文的字体，"
			 "请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk）");
		return NULL;
	}
	return family;
}

/* ---- laying out ----------------------------------------------------------------- */

struct pdf {
	cairo_t *cr;
	PangoContext *ctx;
	const char *family;
	int draw;      /* 0: count pages only */
	int page;      /* 1-based */
	int pages;     /* total, known in the drawing pass */
	double y;      /* top of the next line */
	double body_line;
};

static PangoLayout *make_layout(struct pdf *p, const char *text, double pt, int bold, PangoAlignment align)
{
	PangoLayout *l = pango_layout_new(p->ctx);
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, p->family);
	pango_font_description_set_absolute_size(fd, pt * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)((PAGE_W - MARGIN_L - MARGIN_R) * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text, -1);
	return l;
}

static void footer(struct pdf *p)
{
	char buf[64];

	if (!p->draw)
		return;
	snprintf(buf, sizeof buf, "第 %d 页 共 %d 页", p->page, p->pages);
	PangoLayout *l = make_layout(p, buf, FOOTER_PT, 0, PANGO_ALIGN_CENTER);
	cairo_move_to(p->cr, MARGIN_L, FOOTER_TOP);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
}

static void new_page(struct pdf *p)
{
	footer(p);
	if (p->draw)
		cairo_show_page(p->cr);
	p->page++;
	p->y = MARGIN_T;
}

/* The lines of a layout from line `from` on, in points. */
static double lines_height(PangoLayout *l, int from)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double h = 0;
	int i = 0;

	do {
		PangoRectangle log;
		if (i++ < from)
			continue;
		pango_layout_iter_get_line_extents(it, NULL, &log);
		h += (double)log.height / PANGO_SCALE;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	return h;
}

/* Place the lines of a layout, breaking the page where one does not fit
 * (a page never starts empty because of a line too tall for it).  keep_h:
 * what must follow on the same page as the last two lines (a {{#keep}}
 * run: 此致 and its addressee, the signatures), 0 none: when they and it
 * do not fit, the page breaks before those two lines - unless they and it
 * are more than a page anyway. */
static void place(struct pdf *p, PangoLayout *l, double keep_h)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	int n = pango_layout_get_line_count(l), i = 0;
	int tail = n < 2 ? n : 2;
	double usable = PAGE_H - MARGIN_B - MARGIN_T;

	do {
		PangoRectangle log;
		pango_layout_iter_get_line_extents(it, NULL, &log);
		double h = (double)log.height / PANGO_SCALE;
		double base = (double)(pango_layout_iter_get_baseline(it) - log.y) / PANGO_SCALE;
		if (keep_h > 0 && i == n - tail && p->y > MARGIN_T) {
			double rest = lines_height(l, i) + keep_h;
			if (p->y + rest > PAGE_H - MARGIN_B && rest <= usable)
				new_page(p);
		}
		if (p->y + h > PAGE_H - MARGIN_B && p->y > MARGIN_T)
			new_page(p);
		if (p->draw) {
			cairo_move_to(p->cr, MARGIN_L + (double)log.x / PANGO_SCALE, p->y + base);
			pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
		}
		p->y += h;
		i++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/* A numbered line ("12. 要求……") wraps under its text, not under its
 * number. */
static void hang(struct pdf *p, PangoLayout *l, const char *text)
{
	size_t n = strspn(text, "0123456789");
	char prefix[16];
	int w, h;

	if (n == 0 || n > 3 || strncmp(text + n, ". ", 2) != 0)
		return;
	memcpy(prefix, text, n + 2);
	prefix[n + 2] = '\0';
	PangoLayout *pl = make_layout(p, prefix, BODY_PT, 0, PANGO_ALIGN_LEFT);
	pango_layout_get_size(pl, &w, &h);
	g_object_unref(pl);
	pango_layout_set_indent(l, -w);
}

/* The layout of a block (not a gap), and the space it leaves after it. */
static PangoLayout *block_layout(struct pdf *p, const struct doc_block *k, double *after)
{
	PangoLayout *l;

	*after = 0;
	switch (k->style) {
	case DOC_TITLE:
		*after = 10.0;
		return make_layout(p, k->text, TITLE_PT, 1, PANGO_ALIGN_CENTER);
	case DOC_ORG:
		*after = 6.0;
		return make_layout(p, k->text, HEADING_PT + 2, 1, PANGO_ALIGN_CENTER);
	case DOC_HEADING:
		*after = 2.0;
		return make_layout(p, k->text, HEADING_PT, 1, PANGO_ALIGN_LEFT);
	case DOC_RIGHT:
		return make_layout(p, k->text, BODY_PT, 0, PANGO_ALIGN_RIGHT);
	case DOC_BODY:
	default:
		l = make_layout(p, k->text, BODY_PT, 0, PANGO_ALIGN_LEFT);
		hang(p, l, k->text);
		return l;
	}
}

/* The height of the {{#keep}} run that follows block i (with the gaps
 * before it), 0 when the next block that is not a gap is not kept or
 * block i is itself in the run. */
static double keep_after(struct pdf *p, const struct doc_blocks *b, int i)
{
	double h = 0, after;
	int j = i + 1;

	if (b->v[i].keep || b->v[i].style == DOC_GAP)
		return 0;
	while (j < b->n && b->v[j].style == DOC_GAP && !b->v[j].keep) {
		h += GAP_PT;
		j++;
	}
	if (j == b->n || !b->v[j].keep)
		return 0;
	for (; j < b->n && b->v[j].keep; j++) {
		if (b->v[j].style == DOC_PAGE)
			break;
		if (b->v[j].style == DOC_GAP) {
			h += GAP_PT;
			continue;
		}
		PangoLayout *l = block_layout(p, &b->v[j], &after);
		h += lines_height(l, 0) + after;
		g_object_unref(l);
	}
	return h;
}

static void lay_out(struct pdf *p, const struct doc_blocks *b)
{
	p->page = 1;
	p->y = MARGIN_T;
	for (int i = 0; i < b->n; i++) {
		const struct doc_block *k = &b->v[i];
		PangoLayout *l;
		double after;

		if (k->style == DOC_GAP) {
			if (p->y > MARGIN_T)
				p->y += GAP_PT;
			continue;
		}
		if (k->style == DOC_PAGE) {
			if (p->y > MARGIN_T)
				new_page(p);
			continue;
		}
		l = block_layout(p, k, &after);
		if (k->style == DOC_HEADING) {
			int w, h;
			pango_layout_get_size(l, &w, &h);
			/* keep a heading with the two lines after it */
			if (p->y + (double)h / PANGO_SCALE + 2 * p->body_line > PAGE_H - MARGIN_B && p->y > MARGIN_T)
				new_page(p);
		}
		place(p, l, keep_after(p, b, i));
		p->y += after;
		g_object_unref(l);
	}
	footer(p);
	if (p->draw)
		cairo_show_page(p->cr);
}

/* Where Cairo writes the PDF, and the first write that failed: Cairo does
 * not always carry a stream's error into the surface's status (a full
 * disk left a truncated PDF that was taken for done), so it is kept here
 * and checked after the surface is finished. */
struct pdf_out {
	FILE *f;
	int err; /* errno of the first failed write, 0 none */
};

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
	struct pdf_out *o = closure;

	if (o->err)
		return CAIRO_STATUS_WRITE_ERROR;
	if (fwrite(data, 1, len, o->f) != len) {
		o->err = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

/* Give back what Pango, Cairo and fontconfig keep between documents (font
 * maps, glyph caches, the font list): a document is made now and then, the
 * program runs for hours, and the leak checker of the tests sees a clean
 * exit.  The next document loads them again (a few milliseconds). */
static void release_fonts(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}

int doc_pdf_write(const struct doc_blocks *b, const char *title, FILE *f, int *pages)
{
	struct pdf p = {0};
	struct pdf_out out = {.f = f};
	cairo_surface_t *s;
	cairo_font_options_t *fo;
	cairo_status_t st;

	p.family = doc_font_family();
	if (!p.family)
		return -1;
	s = cairo_pdf_surface_create_for_stream(write_out, &out, PAGE_W, PAGE_H);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		tj_error("无法生成 PDF：%s", cairo_status_to_string(cairo_surface_status(s)));
		cairo_surface_destroy(s);
		return -1;
	}
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title && *title ? title : "文书");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "tiaojie");
	p.cr = cairo_create(s);
	p.ctx = pango_cairo_create_context(p.cr);
	/* one point per unit, and metrics that do not depend on a screen */
	pango_cairo_context_set_resolution(p.ctx, 72.0);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(p.ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_language(p.ctx, pango_language_from_string("zh-cn"));
	cairo_set_source_rgb(p.cr, 0, 0, 0);

	{
		PangoLayout *l = make_layout(&p, "中", BODY_PT, 0, PANGO_ALIGN_LEFT);
		int w, h;
		pango_layout_get_size(l, &w, &h);
		p.body_line = (double)h / PANGO_SCALE;
		g_object_unref(l);
	}
	p.draw = 0;
	lay_out(&p, b);
	p.pages = p.page;
	p.draw = 1;
	lay_out(&p, b);

	g_object_unref(p.ctx);
	st = cairo_status(p.cr);
	cairo_destroy(p.cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	release_fonts();
	if (out.err || ferror(f)) {
		tj_error("%s", tj_strerror(out.err ? out.err : EIO));
		return -1;
	}
	if (st != CAIRO_STATUS_SUCCESS) {
		tj_error("无法生成 PDF：%s", cairo_status_to_string(st));
		return -1;
	}
	if (pages)
		*pages = p.pages;
	return 0;
}
