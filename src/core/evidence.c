/*
 * evidence.c - the rules of an evidence item (证据清单): what a typed item
 * must be and how it reads in the event log.  One check for the item
 * added at intake (intake_register) and the item added or changed later
 * on the case (ACT_EVIDENCE in casework.c), so both refuse the same input
 * with the same words.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/casework.h"
#include "tiaojie/util.h"
#include "tiaojie/vocab.h"

static int blank(const char *s)
{
	if (!s)
		return 1;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

static int bad(const char **field, const char *which, const char *fmt, ...) TJ_PRINTF(3, 4);
static int bad(const char **field, const char *which, const char *fmt, ...)
{
	va_list ap;

	*field = which;
	va_start(ap, fmt);
	tj_verror(fmt, ap);
	va_end(ap);
	return -1;
}

/* A text of the item: required or optional, valid UTF-8 on one line, at
 * most max characters. */
static int text(const char **field, const char *which, const char *label, const char *s, size_t max, int required)
{
	if (blank(s))
		return required ? bad(field, which, "请填写%s", label) : 0;
	if (!utf8_valid(s, strlen(s)))
		return bad(field, which, "%s含有无效的UTF-8字节", label);
	if (utf8_has_control(s, 0))
		return bad(field, which, "%s含有控制字符", label);
	size_t n = utf8_chars(s);
	if (n > max)
		return bad(field, which, "%s过长（最多%zu个字，现有%zu个字）", label, max, n);
	return 0;
}

int evidence_check(const struct case_op_evidence *in, const struct cv_evidence *old, const char *day,
		   tj_day today, struct evidence_row *e, const char **field)
{
	tj_day d = 0;

	*field = NULL;
	/* what the item will be: typed, or kept from the item changed */
	e->name = !blank(in->name) || !old ? in->name : old->name;
	e->source = !blank(in->source) || !old ? in->source : old->source;
	e->purpose = !blank(in->purpose) || !old ? in->purpose : old->purpose;
	e->party = in->party ? in->party : old ? old->party : NULL;
	e->original = in->original >= 0 ? in->original : old ? old->original : 0;
	e->submitted = !blank(in->submitted) ? in->submitted : old ? old->submitted : day;
	if (text(field, "name", "证据名称", e->name, EVIDENCE_MAX_NAME, 1) < 0 ||
	    text(field, "source", "证据来源", e->source, EVIDENCE_MAX_SOURCE, 0) < 0 ||
	    text(field, "purpose", "证明目的", e->purpose, EVIDENCE_MAX_PURPOSE, 0) < 0)
		return -1;
	if (!blank(in->pages)) {
		char *end;
		long n = strtol(in->pages, &end, 10);
		while (*end == ' ')
			end++;
		if (*end || end == in->pages || n < 1 || n > 9999)
			return bad(field, "pages", "页数应为1至9999的整数");
		e->pages = (int)n;
	} else {
		e->pages = old ? old->pages : 1;
	}
	if (!e->party || vocab_index(VOCAB_PARTY, e->party) < 0)
		return bad(field, "party", "请选择提交证据的一方（申请人或被申请人）");
	if (!e->submitted || date_parse(e->submitted, &d) < 0)
		return bad(field, "submitted", "提交日期格式应为 2026-11-20");
	if (d > today)
		return bad(field, "submitted", "提交日期不能晚于今天");
	return 0;
}

/* "第3项 劳动合同（原件，2页，申请人提交，2026-11-20）；来源：…；证明目的：…" */
void evidence_describe(struct strbuf *sb, int ord, const struct evidence_row *e)
{
	const char *party = vocab_label(VOCAB_PARTY, e->party);

	sb_printf(sb, "第%d项 %s（%s，%d页，%s提交，%s）", ord, e->name, vocab_label_at(VOCAB_ORIGINAL, e->original != 0), e->pages,
		  party ? party : e->party, e->submitted);
	if (e->source && *e->source)
		sb_printf(sb, "；来源：%s", e->source);
	if (e->purpose && *e->purpose)
		sb_printf(sb, "；证明目的：%s", e->purpose);
}
