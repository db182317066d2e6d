/*
 * util.h - small helpers shared by every module: checked allocation, a
 * growable string buffer, and the one error sink.
 *
 * Errors: a function that fails returns -1 (or NULL) and leaves a message in
 * Chinese in the error sink with tj_error(); the caller shows it with
 * tj_errmsg() wherever it belongs (stderr for commands, the message line in
 * the full-screen application, a buffer in tests).  Each thread has its
 * own sink (thread-local): the workbook's reading thread (src/report)
 * fails into its own, and what it has to say reaches the main thread only
 * as a copy the main thread raises again (feed_end), never by sharing.
 */
#ifndef TIAOJIE_UTIL_H
#define TIAOJIE_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define TJ_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define TJ_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define TJ_NORETURN __attribute__((noreturn))
#else
#define TJ_PRINTF(f, a)
#define TJ_NORETURN
#endif

/* Allocation that never returns NULL: out of memory ends the program with a
 * message (after restoring the terminal, see tj_set_fatal_hook). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) TJ_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) TJ_PRINTF(1, 0);
/* Room for element n of a growable array of *cap elements of size bytes:
 * returns the (possibly moved) array, doubling *cap when full. */
void *xgrow(void *v, int n, int *cap, size_t size);

/* Growable NUL-terminated byte buffer. */
struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};
void sb_init(struct strbuf *sb);
void sb_free(struct strbuf *sb);
void sb_add(struct strbuf *sb, const char *s);
void sb_addn(struct strbuf *sb, const char *s, size_t n);
void sb_addc(struct strbuf *sb, char c);
void sb_printf(struct strbuf *sb, const char *fmt, ...) TJ_PRINTF(2, 3);
char *sb_detach(struct strbuf *sb); /* caller frees; sb is reset */

/* The error sink, one per thread: tj_errmsg() is the message this thread
 * set last (valid until the thread sets another or ends). */
void tj_error(const char *fmt, ...) TJ_PRINTF(1, 2);
void tj_verror(const char *fmt, va_list ap) TJ_PRINTF(1, 0);
const char *tj_errmsg(void);
void tj_error_clear(void);
/* A system error in the user's words: "磁盘已满（No space left on
 * device）" - what it means in Chinese, the system's own text in brackets.
 * The text is this thread's, valid until its next call. */
const char *tj_strerror(int err);

/* The umask the program runs with (main makes the one it is given
 * stricter, never looser), and a file mode as that umask leaves it: for
 * the modes set explicitly with chmod, which the umask does not touch. */
void tj_umask_set(unsigned mask);
unsigned tj_file_mode(unsigned mode);

/* Called before the program dies (restores the terminal). */
void tj_set_fatal_hook(void (*hook)(void));
TJ_NORETURN void tj_fatal(const char *fmt, ...) TJ_PRINTF(1, 2);

/* UTF-8 helpers. utf8_valid: the whole string is well-formed UTF-8 (no
 * overlongs, no surrogates). utf8_has_control: contains C0/C1 controls or
 * DEL (newline and tab allowed only when allow_nl is set). */
int utf8_valid(const char *s, size_t len);
int utf8_has_control(const char *s, int allow_nl);
size_t utf8_chars(const char *s); /* code points of a valid string */


#endif
