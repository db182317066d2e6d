/*
 * template.c - the template engine of forms/: dictionaries of fields,
 * parsing a template once into a tree of nodes that remember their line,
 * and filling it into blocks (lines with a style) for the text and PDF
 * writers.
 *
 * The syntax is a small relative of mustache (see docs.h and forms/README):
 * {{field}}, {{#section}}..{{/section}}, {{^section}}..{{/section}},
 * {{! comment}}, plus line directives "# ", "## ", ">> " for the layout.
 * Names are checked when the template is parsed, against the fields
 * fields.c knows in that place (inside {{#claims}} a claim's fields and the
 * top-level ones), so a misspelt name is reported with its file and line
 * even when the section it is in would not be shown for this case.
 *
 * Filling: a name is looked up from the innermost list item outwards.  A
 * text field with no data ("" or not set) is an error naming it, unless it
 * is inside its own optional section ({{#x}}..{{x}}..{{/x}}): the author
 * asked for x only where it exists.  Any other field in
 * a conditional section must have data, so "（{{reason}}）" inside
 * {{#failed}} reports a missing reason instead of printing "（）".
 * Values are plain text: a newline in a value (the facts) starts a new
 * line of the same style, control characters are dropped, and nothing in
 * a value is read as a directive.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/docs.h"
#include "tiaojie/util.h"

#include "internal.h"

#define MAX_DEPTH 16     /* nested sections */
#define MAX_ERRORS 30    /* lines of errors reported */
/* Nodes a render may visit: lists nested in one another multiply (a
 * template with claims in applicants in respondents ... 16 deep); a real
 * document visits some thousands. */
#define MAX_STEPS 2000000

/* ---- dictionaries ----------------------------------------------------------------- */

struct doc_entry {
	char *name;
	char *value;            /* text field: NULL when no data */
	int is_list;
	struct doc_dict **items;
	int nitems, cap;
};

struct doc_dict {
	struct doc_entry *v;
	int n, cap;
};

struct doc_dict *doc_dict_new(void)
{
	return xcalloc(1, sizeof(struct doc_dict));
}

void doc_dict_free(struct doc_dict *d)
{
	if (!d)
		return;
	for (int i = 0; i < d->n; i++) {
		free(d->v[i].name);
		free(d->v[i].value);
		for (int k = 0; k < d->v[i].nitems; k++)
			doc_dict_free(d->v[i].items[k]);
		free(d->v[i].items);
	}
	free(d->v);
	free(d);
}

static struct doc_entry *find_entry(const struct doc_dict *d, const char *name)
{
	for (int i = 0; d && i < d->n; i++)
		if (strcmp(d->v[i].name, name) == 0)
			return &d->v[i];
	return NULL;
}

static struct doc_entry *get_entry(struct doc_dict *d, const char *name)
{
	struct doc_entry *e = find_entry(d, name);

	if (e)
		return e;
	d->v = xgrow(d->v, d->n, &d->cap, sizeof *d->v);
	e = &d->v[d->n++];
	memset(e, 0, sizeof *e);
	e->name = xstrdup(name);
	return e;
}

void doc_dict_set(struct doc_dict *d, const char *name, const char *value)
{
	struct doc_entry *e = get_entry(d, name);

	free(e->value);
	e->value = value && *value ? xstrdup(value) : NULL;
}

void doc_dict_list(struct doc_dict *d, const char *name)
{
	get_entry(d, name)->is_list = 1;
}

struct doc_dict *doc_dict_add_item(struct doc_dict *d, const char *list)
{
	struct doc_entry *e = get_entry(d, list);

	e->is_list = 1;
	e->items = xgrow(e->items, e->nitems, &e->cap, sizeof *e->items);
	e->items[e->nitems] = doc_dict_new();
	return e->items[e->nitems++];
}

const char *doc_dict_get(const struct doc_dict *d, const char *name)
{
	const struct doc_entry *e = find_entry(d, name);

	return e && !e->is_list ? e->value : NULL;
}

int doc_dict_count(const struct doc_dict *d, const char *list)
{
	const struct doc_entry *e = find_entry(d, list);

	return e && e->is_list ? e->nitems : -1;
}

const struct doc_dict *doc_dict_item(const struct doc_dict *d, const char *list, int i)
{
	const struct doc_entry *e = find_entry(d, list);

	if (!e || !e->is_list || i < 0 || i >= e->nitems)
		return NULL;
	return e->items[i];
}

/* ---- the parsed template ------------------------------------------------------------ */

enum node_type {
	N_TEXT,    /* s: literal text (no newline) */
	N_FIELD,   /* s: name */
	N_SECTION, /* s: name; kids; inverted; is_list */
	N_STYLE,   /* style of the line that starts here */
	N_NL,      /* end of a template line; drop: the line had tags */
};

struct node {
	enum node_type type;
	int line;
	char *s;
	enum doc_style style;
	int drop;
	int inverted, is_list;
	struct node *kids;
	int nkids, cap;
};

struct doc_template {
	char *file;
	struct node root;
};

static void node_free(struct node *n)
{
	for (int i = 0; i < n->nkids; i++)
		node_free(&n->kids[i]);
	free(n->kids);
	free(n->s);
}

void doc_template_free(struct doc_template *t)
{
	if (!t)
		return;
	node_free(&t->root);
	free(t->file);
	free(t);
}

static struct node *add_node(struct node *parent, enum node_type type, int line)
{
	struct node *n;

	parent->kids = xgrow(parent->kids, parent->nkids, &parent->cap, sizeof *parent->kids);
	n = &parent->kids[parent->nkids++];
	memset(n, 0, sizeof *n);
	n->type = type;
	n->line = line;
	return n;
}

struct parser {
	const char *file;
	struct strbuf errs;
	int nerrs;
	/* open sections; stack[0] is the root */
	struct node *stack[MAX_DEPTH + 1];
	const char *lists[MAX_DEPTH + 1]; /* the list each level is inside ("" at the root) */
	int depth;
};

static void perr(struct parser *p, int line, const char *fmt, ...) TJ_PRINTF(3, 4);
static void perr(struct parser *p, int line, const char *fmt, ...)
{
	va_list ap;
	char msg[512];

	if (p->nerrs++ >= MAX_ERRORS)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (p->errs.len)
		sb_addc(&p->errs, '\n');
	if (line > 0)
		sb_printf(&p->errs, "%s:%d: %s", p->file, line, msg);
	else
		sb_printf(&p->errs, "%s: %s", p->file, msg);
}

/* The kind of a name where the parser stands: looked up from the innermost
 * list outwards.  0 unknown, 1 text, 2 list. */
static int name_kind(const struct parser *p, const char *name)
{
	for (int i = p->depth; i >= 0; i--) {
		int k = doc_field_kind(p->lists[i], name);
		if (k)
			return k;
	}
	return 0;
}

static int valid_name(const char *s, size_t n)
{
	if (n == 0 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '_'))
			return 0;
	return 1;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* One tag: body is what is between "{{" and "}}", trimmed. */
static void parse_tag(struct parser *p, int line, const char *body, size_t len)
{
	char sigil = len ? body[0] : '\0';
	const char *name = body;
	size_t n = len;
	char nm[80];

	if (sigil == '!')
		return;
	if (sigil == '#' || sigil == '^' || sigil == '/') {
		name++;
		n--;
		while (n && is_space(*name)) {
			name++;
			n--;
		}
	}
	if (!valid_name(name, n)) {
		size_t cut = len > 60 ? 60 : len;
		while (cut < len && cut > 0 && ((unsigned char)body[cut] & 0xC0) == 0x80)
			cut--; /* not inside a character */
		perr(p, line, "字段名无效：{{%.*s}}（字段名由字母、数字和下划线组成）", (int)cut, body);
		return;
	}
	memcpy(nm, name, n);
	nm[n] = '\0';
	struct node *top = p->stack[p->depth];

	if (sigil == '/') {
		if (p->depth == 0) {
			perr(p, line, "多余的结束标记 {{/%s}}：前面没有 {{#%s}}", nm, nm);
			return;
		}
		if (strcmp(top->s, nm) != 0) {
			int k;
			for (k = p->depth; k > 0 && strcmp(p->stack[k]->s, nm) != 0; k--)
				;
			perr(p, line, "结束标记 {{/%s}} 与第%d行的 {{%c%s}} 不配对", nm, top->line,
			     top->inverted ? '^' : '#', top->s);
			if (k > 0)
				p->depth = k - 1;
			return;
		}
		p->depth--;
		return;
	}
	int kind = name_kind(p, nm);
	if (kind == 0) {
		const char *mark = sigil == '#' ? "#" : sigil == '^' ? "^" : "";
		if (p->lists[p->depth][0])
			perr(p, line, "未知字段 {{%s%s}}（在 {{#%s}} 中）", mark, nm, p->lists[p->depth]);
		else
			perr(p, line, "未知字段 {{%s%s}}", mark, nm);
		return;
	}
	if (sigil == '#' || sigil == '^') {
		if (p->depth >= MAX_DEPTH) {
			perr(p, line, "段落嵌套过深（最多 %d 层）", MAX_DEPTH);
			return;
		}
		/* a list inside itself repeats it for each of its own items, and
		 * again at each level: 40 claims nested 16 deep never finish */
		if (sigil == '#' && kind == 2)
			for (int k = 1; k <= p->depth; k++)
				if (p->stack[k]->is_list && !p->stack[k]->inverted && strcmp(p->stack[k]->s, nm) == 0) {
					perr(p, line, "{{#%s}} 不能写在同一列表的 {{#%s}}（第%d行）之中", nm, nm,
					     p->stack[k]->line);
					return;
				}
		struct node *s = add_node(top, N_SECTION, line);
		s->s = xstrdup(nm);
		s->inverted = sigil == '^';
		s->is_list = kind == 2;
		p->depth++;
		p->stack[p->depth] = s;
		p->lists[p->depth] = s->is_list && !s->inverted ? s->s : p->lists[p->depth - 1];
		return;
	}
	if (kind == 2) {
		perr(p, line, "{{%s}} 是列表，应写成 {{#%s}}……{{/%s}}", nm, nm, nm);
		return;
	}
	add_node(top, N_FIELD, line)->s = xstrdup(nm);
}

/* A line that is only one section tag or comment (spaces around it) leaves
 * no line in the output.  Returns 1 and the tag's body when so. */
static int standalone(const char *s, size_t len, const char **body, size_t *blen)
{
	size_t a = 0, b = len;

	while (a < b && is_space(s[a]))
		a++;
	while (b > a && (is_space(s[b - 1]) || s[b - 1] == '\r'))
		b--;
	if (b - a < 5 || strncmp(s + a, "{{", 2) != 0 || strncmp(s + b - 2, "}}", 2) != 0)
		return 0;
	const char *in = s + a + 2;
	size_t n = b - a - 4;
	/* exactly one tag */
	for (size_t i = 0; i + 1 < n; i++)
		if ((in[i] == '{' && in[i + 1] == '{') || (in[i] == '}' && in[i + 1] == '}'))
			return 0;
	while (n && is_space(*in)) {
		in++;
		n--;
	}
	while (n && is_space(in[n - 1]))
		n--;
	if (n == 0 || (in[0] != '#' && in[0] != '^' && in[0] != '/' && in[0] != '!'))
		return 0;
	*body = in;
	*blen = n;
	return 1;
}

static void parse_line(struct parser *p, int line, const char *s, size_t len)
{
	const char *body;
	size_t blen;
	int had_tag = 0;

	if (len && s[len - 1] == '\r')
		len--;
	if (standalone(s, len, &body, &blen)) {
		parse_tag(p, line, body, blen);
		return;
	}
	struct node *top = p->stack[p->depth];
	if (len == 4 && strncmp(s, "====", 4) == 0) {
		/* a page break: what follows starts a new page */
		add_node(top, N_STYLE, line)->style = DOC_PAGE;
		add_node(top, N_NL, line)->drop = 0;
		return;
	}
	if (len >= 3 && strncmp(s, "## ", 3) == 0) {
		add_node(top, N_STYLE, line)->style = DOC_HEADING;
		s += 3;
		len -= 3;
	} else if (len >= 2 && strncmp(s, "# ", 2) == 0) {
		add_node(top, N_STYLE, line)->style = DOC_TITLE;
		s += 2;
		len -= 2;
	} else if (len >= 3 && strncmp(s, ">> ", 3) == 0) {
		add_node(top, N_STYLE, line)->style = DOC_RIGHT;
		s += 3;
		len -= 3;
	} else if (len >= 3 && strncmp(s, "^^ ", 3) == 0) {
		add_node(top, N_STYLE, line)->style = DOC_ORG;
		s += 3;
		len -= 3;
	}
	size_t i = 0;
	while (i < len) {
		const char *open = NULL;
		for (size_t k = i; k + 1 < len; k++)
			if (s[k] == '{' && s[k + 1] == '{') {
				open = s + k;
				break;
			}
		size_t tlen = open ? (size_t)(open - (s + i)) : len - i;
		if (tlen) {
			top = p->stack[p->depth];
			add_node(top, N_TEXT, line)->s = xstrndup(s + i, tlen);
		}
		if (!open)
			break;
		had_tag = 1;
		size_t start = (size_t)(open - s) + 2, end;
		for (end = start; end + 1 < len && !(s[end] == '}' && s[end + 1] == '}'); end++)
			;
		if (end + 1 >= len) {
			perr(p, line, "标记未闭合：“{{”之后没有“}}”");
			break;
		}
		const char *tb = s + start;
		size_t tn = end - start;
		while (tn && is_space(*tb)) {
			tb++;
			tn--;
		}
		while (tn && is_space(tb[tn - 1]))
			tn--;
		parse_tag(p, line, tb, tn);
		i = end + 2;
	}
	top = p->stack[p->depth];
	add_node(top, N_NL, line)->drop = had_tag;
}

struct doc_template *doc_template_parse(const char *file, const char *text)
{
	struct doc_template *t = xcalloc(1, sizeof *t);
	struct parser p = {.file = file ? file : "模板"};
	const char *s = text ? text : "";
	int line = 1;

	sb_init(&p.errs);
	t->file = xstrdup(p.file);
	p.stack[0] = &t->root;
	p.lists[0] = "";
	/* a UTF-8 byte order mark is not text */
	if (strncmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		if (!utf8_valid(s, len)) {
			perr(&p, line, "不是有效的 UTF-8 文本（模板应以 UTF-8 保存）");
		} else {
			int bad = 0;
			for (size_t i = 0; i < len; i++) {
				unsigned char c = (unsigned char)s[i];
				if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f)
					bad = 1;
			}
			if (bad)
				perr(&p, line, "含有控制字符");
			else
				parse_line(&p, line, s, len);
		}
		if (!nl)
			break;
		s = nl + 1;
		line++;
	}
	for (int k = p.depth; k > 0; k--)
		perr(&p, p.stack[k]->line, "段落 {{%c%s}} 没有结束标记 {{/%s}}", p.stack[k]->inverted ? '^' : '#',
		     p.stack[k]->s, p.stack[k]->s);
	if (p.nerrs) {
		if (p.nerrs > MAX_ERRORS)
			sb_printf(&p.errs, "\n……共 %d 处错误", p.nerrs);
		tj_error("%s", p.errs.buf);
		sb_free(&p.errs);
		doc_template_free(t);
		return NULL;
	}
	sb_free(&p.errs);
	return t;
}

/* ---- filling ------------------------------------------------------------------------ */

struct filler {
	const struct doc_template *t;
	struct doc_blocks *out;
	struct strbuf cur;
	enum doc_style style;
	/* names of the enclosing {{#x}} sections on text fields */
	const char *optional[MAX_DEPTH + 1];
	int noptional;
	/* list items entered, innermost last; scope[0] is the whole dictionary */
	const struct doc_dict *scope[MAX_DEPTH + 1];
	const char *scope_list[MAX_DEPTH + 1];
	int scope_item[MAX_DEPTH + 1];
	int depth;
	struct strbuf errs;
	int nerrs;
	int keep; /* inside {{#keep}} */
	long steps; /* nodes visited, up to MAX_STEPS */
};

void doc_blocks_free(struct doc_blocks *b)
{
	for (int i = 0; i < b->n; i++)
		free(b->v[i].text);
	free(b->v);
	memset(b, 0, sizeof *b);
}

int doc_blank(const char *s)
{
	while (*s) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (strncmp(s, "\xE3\x80\x80", 3) == 0) /* U+3000 */
			s += 3;
		else
			return 0;
	}
	return 1;
}

static void push_block(struct doc_blocks *b, enum doc_style style, const char *text, int keep)
{
	if (style == DOC_PAGE) {
		/* no gap at the foot of a page, no empty page */
		while (b->n && b->v[b->n - 1].style == DOC_GAP)
			free(b->v[--b->n].text);
		if (b->n == 0 || b->v[b->n - 1].style == DOC_PAGE)
			return;
		keep = 0;
	}
	if (style == DOC_GAP && (b->n == 0 || b->v[b->n - 1].style == DOC_GAP || b->v[b->n - 1].style == DOC_PAGE))
		return; /* no leading gap, one gap for many blank lines */
	b->v = xgrow(b->v, b->n, &b->cap, sizeof *b->v);
	b->v[b->n].style = style;
	b->v[b->n].text = xstrdup(text);
	b->v[b->n].keep = keep;
	b->n++;
}

/* End the current line.  drop: leave nothing when it came out empty. */
static void end_line(struct filler *f, int drop)
{
	const char *text = f->cur.buf ? f->cur.buf : "";

	if (f->style == DOC_PAGE) {
		push_block(f->out, DOC_PAGE, "", 0);
	} else if (doc_blank(text)) {
		if (!drop)
			push_block(f->out, DOC_GAP, "", f->keep > 0);
	} else {
		push_block(f->out, f->style, text, f->keep > 0);
	}
	f->cur.len = 0;
	if (f->cur.buf)
		f->cur.buf[0] = '\0';
}

#define IDEO_SPACE "\xe3\x80\x80" /* U+3000, the paragraph indent */

/* Add value text: newlines break the line (keeping its style and the
 * indent the line began with, so that every paragraph of the facts is
 * indented as the first), control characters go, tabs become spaces. */
static void add_text(struct filler *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\n') {
			enum doc_style st = f->style;
			size_t ind = 0;
			while (f->cur.buf && strncmp(f->cur.buf + ind, IDEO_SPACE, 3) == 0)
				ind += 3;
			end_line(f, 0);
			f->style = st;
			if (ind) {
				for (size_t k = 0; k < ind; k += 3)
					sb_add(&f->cur, IDEO_SPACE);
				/* the paragraph's own indent, as typed, is replaced */
				while (s[1] == ' ' || strncmp(s + 1, IDEO_SPACE, 3) == 0)
					s += s[1] == ' ' ? 1 : 3;
			}
		} else if (c == '\t') {
			sb_addc(&f->cur, ' ');
		} else if (c < 0x20 || c == 0x7f) {
			continue;
		} else if (c == 0xC2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] < 0xA0) {
			s++; /* C1 control */
		} else {
			sb_addc(&f->cur, (char)c);
		}
	}
}

static void ferr(struct filler *f, const char *msg)
{
	/* the same message twice (a field used twice on one line) once */
	if (f->errs.buf && strstr(f->errs.buf, msg))
		return;
	if (f->nerrs++ >= MAX_ERRORS)
		return;
	if (f->errs.len)
		sb_addc(&f->errs, '\n');
	sb_add(&f->errs, msg);
}

/* Look a name up from the innermost item outwards; *level gets the level
 * where it was found (-1 not at all). */
static const struct doc_entry *lookup(const struct filler *f, const char *name, int *level)
{
	for (int i = f->depth; i >= 0; i--) {
		const struct doc_entry *e = find_entry(f->scope[i], name);
		if (e) {
			*level = i;
			return e;
		}
	}
	*level = -1;
	return NULL;
}

static void missing(struct filler *f, const struct node *n)
{
	char msg[512];
	const char *label = NULL;
	int level;

	/* the innermost list whose items have the field names the item */
	for (level = f->depth; level > 0; level--)
		if (doc_field_kind(f->scope_list[level], n->s))
			break;
	label = doc_field_label(level > 0 ? f->scope_list[level] : "", n->s);
	if (level > 0)
		snprintf(msg, sizeof msg, "%s:%d: 缺少数据：%s {{%s}}（%s第%d项）", f->t->file, n->line,
			 label ? label : n->s, n->s, doc_list_label(f->scope_list[level]), f->scope_item[level] + 1);
	else
		snprintf(msg, sizeof msg, "%s:%d: 缺少数据：%s {{%s}}", f->t->file, n->line, label ? label : n->s,
			 n->s);
	ferr(f, msg);
}

static int is_optional(const struct filler *f, const char *name)
{
	for (int i = 0; i < f->noptional; i++)
		if (strcmp(f->optional[i], name) == 0)
			return 1;
	return 0;
}

static void fill(struct filler *f, const struct node *parent)
{
	for (int i = 0; i < parent->nkids; i++) {
		const struct node *n = &parent->kids[i];
		const struct doc_entry *e;
		int level;

		if (f->steps > MAX_STEPS)
			return;
		if (++f->steps > MAX_STEPS) {
			char msg[256];
			snprintf(msg, sizeof msg, "%s: 文书过长：模板中的列表互相嵌套，展开超过 %d 处（请减少列表的嵌套）",
				 f->t->file, MAX_STEPS);
			ferr(f, msg);
			return;
		}

		switch (n->type) {
		case N_TEXT:
			sb_add(&f->cur, n->s);
			break;
		case N_STYLE:
			f->style = n->style;
			break;
		case N_NL:
			end_line(f, n->drop);
			f->style = DOC_BODY;
			break;
		case N_FIELD:
			e = lookup(f, n->s, &level);
			if (e && e->value)
				add_text(f, e->value);
			else if (!is_optional(f, n->s))
				missing(f, n);
			break;
		case N_SECTION:
			e = lookup(f, n->s, &level);
			if (n->is_list) {
				int count = e && e->is_list ? e->nitems : 0;
				if (n->inverted) {
					if (count == 0)
						fill(f, n);
					break;
				}
				if (f->depth >= MAX_DEPTH)
					break;
				f->depth++;
				f->scope_list[f->depth] = n->s;
				for (int k = 0; k < count; k++) {
					f->scope[f->depth] = e->items[k];
					f->scope_item[f->depth] = k;
					fill(f, n);
				}
				f->depth--;
			} else {
				int has = e && e->value != NULL;
				int keep = !n->inverted && strcmp(n->s, "keep") == 0;
				if (has != n->inverted) {
					int push = !n->inverted && f->noptional <= MAX_DEPTH;
					if (push)
						f->optional[f->noptional++] = n->s;
					f->keep += keep;
					fill(f, n);
					f->keep -= keep;
					f->noptional -= push;
				}
			}
			break;
		}
	}
}

int doc_template_render(const struct doc_template *t, const struct doc_dict *d, struct doc_blocks *out)
{
	struct filler f = {.t = t, .out = out, .style = DOC_BODY};

	memset(out, 0, sizeof *out);
	sb_init(&f.cur);
	sb_init(&f.errs);
	f.scope[0] = d;
	f.scope_list[0] = "";
	fill(&f, &t->root);
	if (f.cur.len)
		end_line(&f, 1);
	while (out->n && (out->v[out->n - 1].style == DOC_GAP || out->v[out->n - 1].style == DOC_PAGE)) {
		free(out->v[out->n - 1].text);
		out->n--;
	}
	sb_free(&f.cur);
	if (f.nerrs) {
		if (f.nerrs > MAX_ERRORS)
			sb_printf(&f.errs, "\n……共 %d 处缺少数据", f.nerrs);
		tj_error("%s", f.errs.buf);
		sb_free(&f.errs);
		doc_blocks_free(out);
		return -1;
	}
	sb_free(&f.errs);
	return 0;
}
