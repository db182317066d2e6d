/*
 * util.c - checked allocation, string buffers, the error sink and UTF-8
 * checks used by every other module.
 *
 * It lives in src/base, the bottom room: every layer (db, core, ui, ...)
 * may call it, and it uses nothing of the project above it.
 */
#include "tiaojie/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The error sink: one per thread, so a thread's error never overwrites
 * another's (util.h). */
static _Thread_local char errbuf[1024];
static void (*fatal_hook)(void);

void tj_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

void tj_fatal(const char *fmt, ...)
{
	va_list ap;

	if (fatal_hook)
		fatal_hook();
	va_start(ap, fmt);
	fputs("tiaojie: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		tj_fatal("内存不足 (out of memory)");
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		tj_fatal("内存不足 (out of memory)");
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		tj_fatal("内存不足 (out of memory)");
	return q;
}

void *xgrow(void *v, int n, int *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 8;
	return xrealloc(v, (size_t)*cap * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *buf;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		tj_fatal("格式化失败");
	buf = xmalloc((size_t)n + 1);
	vsnprintf(buf, (size_t)n + 1, fmt, ap);
	return buf;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *buf;

	va_start(ap, fmt);
	buf = xvasprintf(fmt, ap);
	va_end(ap);
	return buf;
}

void sb_init(struct strbuf *sb)
{
	sb->buf = NULL;
	sb->len = 0;
	sb->cap = 0;
}

void sb_free(struct strbuf *sb)
{
	free(sb->buf);
	sb_init(sb);
}

static void sb_grow(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;

	if (need <= sb->cap)
		return;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap *= 2;
	sb->buf = xrealloc(sb->buf, cap);
	sb->cap = cap;
}

void sb_addn(struct strbuf *sb, const char *s, size_t n)
{
	sb_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_add(struct strbuf *sb, const char *s)
{
	sb_addn(sb, s, strlen(s));
}

void sb_addc(struct strbuf *sb, char c)
{
	sb_addn(sb, &c, 1);
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap, ap2;
	int n;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		tj_fatal("格式化失败");
	sb_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
	va_end(ap);
}

char *sb_detach(struct strbuf *sb)
{
	char *p = sb->buf ? sb->buf : xstrdup("");

	sb_init(sb);
	return p;
}

void tj_verror(const char *fmt, va_list ap)
{
	char tmp[sizeof errbuf];

	/* fmt's arguments may point into errbuf itself (re-wrapping a message). */
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	memcpy(errbuf, tmp, sizeof errbuf);
}

void tj_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tj_verror(fmt, ap);
	va_end(ap);
}

const char *tj_errmsg(void)
{
	return errbuf[0] ? errbuf : "未知错误";
}

static unsigned umask_now = 007;

void tj_umask_set(unsigned mask)
{
	umask_now = mask;
}

unsigned tj_file_mode(unsigned mode)
{
	return mode & ~umask_now;
}

const char *tj_strerror(int err)
{
	static _Thread_local char buf[256];
	const char *cn;

	switch (err) {
	case ENOSPC:
		cn = "磁盘已满";
		break;
#ifdef EDQUOT
	case EDQUOT:
		cn = "超出磁盘配额";
		break;
#endif
	case EROFS:
		cn = "文件系统只读";
		break;
	case EACCES:
	case EPERM:
		cn = "没有权限";
		break;
	case ENOENT:
		cn = "文件或目录不存在";
		break;
	case ENOTDIR:
		cn = "路径中有一部分不是目录";
		break;
	case EISDIR:
		cn = "这是一个目录";
		break;
	case EEXIST:
		cn = "文件已存在";
		break;
	case EIO:
		cn = "读写错误（磁盘或设备故障）";
		break;
	case ENAMETOOLONG:
		cn = "文件名过长";
		break;
	case EMFILE:
	case ENFILE:
		cn = "打开的文件过多";
		break;
	case ENOMEM:
		cn = "内存不足";
		break;
	case EINTR:
		cn = "操作被中断";
		break;
	case EXDEV:
		cn = "不能跨文件系统移动";
		break;
	case ETIMEDOUT:
		cn = "超时";
		break;
	default:
		cn = "系统错误";
		break;
	}
	snprintf(buf, sizeof buf, "%s（%s）", cn, strerror(err));
	return buf;
}

void tj_error_clear(void)
{
	errbuf[0] = '\0';
}

/* Length of the UTF-8 sequence at s (1..4), or 0 if malformed. */
static size_t utf8_seq(const unsigned char *s, size_t left)
{
	unsigned c = s[0];
	size_t n;
	unsigned cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2, cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	if (n > left)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

int utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	while (len) {
		size_t n = utf8_seq(p, len);
		if (!n)
			return 0;
		p += n;
		len -= n;
	}
	return 1;
}

int utf8_has_control(const char *s, int allow_nl)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if (*p == '\n' || *p == '\t') {
			if (!allow_nl)
				return 1;
			continue;
		}
		if (*p < 0x20 || *p == 0x7F)
			return 1;
		/* C1 controls U+0080..U+009F are encoded C2 80..C2 9F */
		if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			return 1;
	}
	return 0;
}

size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}
