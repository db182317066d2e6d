/*
 * test_width.c - the one display width of the program (uitext.h): a table
 * of characters of every kind and the columns they take, without a locale
 * and with one; fitting and padding; word-aware wrapping; and the plain
 * text documents measuring with the same width as the screen.
 */
#include <locale.h>
#include <stdlib.h>

#include "tap.h"
#include "tiaojie/docs.h"
#include "tiaojie/uitext.h"
#include "tiaojie/util.h"

static const struct {
	const char *what, *text;
	int width;
} table[] = {
	{"ASCII", "ABC xyz 123", 11},
	{"empty", "", 0},
	{"CJK", "调解仲裁", 8},
	{"CJK extension B", "\xf0\xa0\x80\x80", 2},     /* U+20000 */
	{"mixed", "张三abc", 7},
	{"full-width punctuation", "，。、：；（）！？", 18},
	{"ideographic space", "\xe3\x80\x80", 2},        /* U+3000 */
	{"full-width digits", "１２３", 6},
	{"half-width katakana", "\xef\xbd\xb1", 1},      /* U+FF71 */
	{"Hangul", "한국", 4},
	{"yen sign full-width", "￥", 2},
	/* East Asian ambiguous: narrow, as glibc and ncurses count them */
	{"curly quotes", "“”‘’", 4},
	{"ellipsis", "…", 1},
	{"em dash", "—", 1},
	{"circled digit", "①", 1},
	{"degree", "°", 1},
	{"middle dot", "·", 1},
	{"reference mark", "※", 1},
	{"Greek", "αβ", 2},
	{"ambiguous in Chinese", "“工资”", 6},
	/* zero width */
	{"combining acute", "e\xcc\x81", 1},             /* e U+0301 */
	{"combining on CJK", "中\xcc\x81", 2},
	{"zero-width space", "a\xe2\x80\x8b" "b", 2},      /* U+200B */
	{"zero-width joiner", "\xe2\x80\x8d", 0},        /* U+200D */
	{"variation selector", "\xef\xb8\x8f", 0},       /* U+FE0F */
	/* emoji */
	{"emoji face", "\xf0\x9f\x98\x80", 2},           /* U+1F600 */
	{"emoji thumbs up", "\xf0\x9f\x91\x8d", 2},      /* U+1F44D */
	/* not printable: drawn as '?', one column */
	{"tab", "\t", 1},
	{"newline", "\n", 1},
	{"escape", "\x1b", 1},
	{"DEL", "\x7f", 1},
	{"C1 control", "\xc2\x85", 1},                  /* U+0085 */
	{"unassigned", "\xf3\xa0\x80\x80", 1},           /* U+E0000 */
	/* invalid UTF-8: one U+FFFD (one column) per bad byte */
	{"lone continuation", "\x80", 1},
	{"bad lead byte", "a\xff" "b", 3},
	{"truncated sequence", "\xe8\xb0", 2},
	{"overlong slash", "\xc0\xaf", 2},
	{"surrogate", "\xed\xa0\x80", 3},
	{"beyond U+10FFFF", "\xf4\x90\x80\x80", 4},
	{"truncated before CJK", "\xe8" "调", 3},
};

/* s wrapped at cols, lines joined by '|'; caller frees. */
static char *wrapped(const char *s, int cols)
{
	size_t n, starts[64];
	wchar_t *w = tw_from_utf8(s, &n);
	int lines = tw_wrap(w, n, cols, starts, 64);
	struct strbuf sb;

	sb_init(&sb);
	CHECK_INT(tw_wrap(w, n, cols, NULL, 0), lines);
	for (int i = 0; i < lines && i < 64; i++) {
		size_t a = starts[i], b = i + 1 < lines ? starts[i + 1] : n;
		if (b > a && w[b - 1] == L'\n')
			b--;
		char *line = tw_to_utf8(w + a, b - a);
		if (i)
			sb_addc(&sb, '|');
		sb_add(&sb, line);
		free(line);
	}
	free(w);
	if (!sb.buf)
		sb_add(&sb, "");
	return sb_detach(&sb);
}

#define CHECK_WRAP(s, cols, want)                  \
	do {                                       \
		char *got_ = wrapped((s), (cols)); \
		CHECK_STR(got_, (want));           \
		free(got_);                        \
	} while (0)

static char *padded(const char *s, int cols)
{
	struct strbuf sb;

	sb_init(&sb);
	tw_pad(&sb, s, cols);
	if (!sb.buf)
		sb_add(&sb, "");
	return sb_detach(&sb);
}

#define CHECK_PAD(s, cols, want)                  \
	do {                                      \
		char *got_ = padded((s), (cols)); \
		CHECK_STR(got_, (want));          \
		free(got_);                       \
	} while (0)

static void widths(const char *locale)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		int got = tw_width(table[i].text);
		CHECK(got == table[i].width, "%s (%s): width %d, want %d", table[i].what, locale, got,
		      table[i].width);
		/* the wide-string path agrees with the UTF-8 one */
		size_t n;
		wchar_t *w = tw_from_utf8(table[i].text, &n);
		CHECK(tw_wcswidth(w, n) == table[i].width, "%s (%s): wcswidth", table[i].what, locale);
		free(w);
	}
}

int main(void)
{
	/* The width must not depend on the locale: first in "C", where
	 * wcwidth() would call every Chinese character unprintable. */
	widths("C");
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		fprintf(stderr, "no C.UTF-8 locale\n");
		return 1;
	}
	widths("C.UTF-8");

	CHECK_INT(tw_charwidth(L'中'), 2);
	CHECK_INT(tw_charwidth(0x301), 0);
	CHECK_INT(tw_charwidth(L'\t'), 1);
	CHECK_INT(tw_printable(L'\t'), 0);
	CHECK_INT(tw_printable(0), 0);
	CHECK_INT(tw_printable(0x1b), 0);
	CHECK_INT(tw_printable(0xFFFD), 1);
	CHECK_INT(tw_printable(L'中'), 1);
	CHECK_INT(tw_printable(0x110000), 0);

	/* decoding: invalid bytes become U+FFFD one by one, valid text after
	 * them is kept */
	size_t n;
	wchar_t *w = tw_from_utf8("\xe8" "调a", &n);
	CHECK_INT(n, 3);
	CHECK_INT(w[0], 0xFFFD);
	CHECK_INT(w[1], 0x8C03);
	CHECK_INT(w[2], 'a');
	free(w);
	w = tw_from_utf8("\xf0\x9f\x98\x80", &n);
	CHECK_INT(n, 1);
	CHECK_INT(w[0], 0x1F600);
	char *back = tw_to_utf8(w, n);
	CHECK_STR(back, "\xf0\x9f\x98\x80");
	free(back);
	free(w);
	wchar_t bad[] = {L'a', 0xD800, 0x110000, L'b'};
	back = tw_to_utf8(bad, 4);
	CHECK_STR(back, "a??b");
	free(back);

	/* fitting: a wide character never crosses the edge */
	w = tw_from_utf8("张三abc李四", &n);
	CHECK_INT(tw_fit(w, n, 0), 0);
	CHECK_INT(tw_fit(w, n, 1), 0);
	CHECK_INT(tw_fit(w, n, 3), 1);
	CHECK_INT(tw_fit(w, n, 7), 5);
	CHECK_INT(tw_fit(w, n, 8), 5);
	CHECK_INT(tw_fit(w, n, 99), 7);
	free(w);
	w = tw_from_utf8("e\xcc\x81x", &n); /* the mark goes with its letter */
	CHECK_INT(tw_fit(w, n, 1), 2);
	free(w);

	/* padding by display columns, not bytes */
	CHECK_PAD("张三", 6, "张三  ");
	CHECK_PAD("abc", 5, "abc  ");
	CHECK_PAD("上海富邦健身", 7, "上海富 ");
	CHECK_PAD("工资", 4, "工资");
	CHECK_PAD("", 3, "   ");
	CHECK_PAD("“工资”", 6, "“工资”");

	/* wrapping: between Chinese characters anywhere */
	CHECK_WRAP("一二三四五六七八九", 8, "一二三四|五六七八|九");
	CHECK_WRAP("abcdefg一二", 8, "abcdefg|一二");
	CHECK_WRAP("甲\n乙\n\n丙", 20, "甲|乙||丙");
	CHECK_WRAP("", 10, "");
	/* never inside a number or an ASCII word */
	CHECK_WRAP("工资38,600元", 8, "工资|38,600元");
	CHECK_WRAP("自2026年10月起", 10, "自2026年10|月起");
	CHECK_WRAP("自2026年10月起", 9, "自2026年|10月起");
	CHECK_WRAP("共计12个月", 5, "共计|12个|月");
	CHECK_WRAP("please call 13812345678 today", 12, "please call |13812345678 |today");
	/* spaces hang at the end of a line */
	CHECK_WRAP("ab cd ef", 5, "ab cd |ef");
	/* a word longer than the line is cut at the edge */
	CHECK_WRAP("0123456789", 4, "0123|4567|89");
	CHECK_WRAP("金额1234567890元", 6, "金额|123456|7890元");
	/* closing marks stay with what they close, opening marks with what
	 * they open */
	CHECK_WRAP("一二三，四五", 6, "一二|三，四|五");
	CHECK_WRAP("一二（三）", 6, "一二|（三）");
	CHECK_WRAP("甲乙丙丁。", 8, "甲乙丙|丁。");
	/* the wrapped lines never exceed the width (spaces aside) */
	const char *long_text = "申请人张三，2025年3月1日入职，月工资8,000元，2026年10月31日被解除劳动合同，"
				"要求支付违法解除赔偿金38,600.00元及2026年10月工资8,000元。";
	w = tw_from_utf8(long_text, &n);
	for (int cols = 4; cols <= 40; cols++) {
		size_t starts[200];
		int lines = tw_wrap(w, n, cols, starts, 200);
		int ok = lines > 0 && lines <= 200;
		for (int i = 0; ok && i < lines; i++) {
			size_t a = starts[i], b = i + 1 < lines ? starts[i + 1] : n;
			ok = b > a && tw_wcswidth(w + a, b - a) <= cols;
			/* never between two digits */
			if (ok && i > 0)
				ok = !(w[a] >= L'0' && w[a] <= L'9' && w[a - 1] >= L'0' && w[a - 1] <= L'9') ||
				     tw_wcswidth(w + starts[i - 1], a - starts[i - 1]) == cols;
		}
		CHECK(ok, "wrap of the long text at %d columns", cols);
	}
	free(w);

	/* the plain-text documents centre by the same width: “ ” count one
	 * each, so the title is centred as the terminal shows it */
	struct doc_blocks b = {0};
	struct doc_block blk[2] = {{DOC_TITLE, (char *)"“调解”", 0}, {DOC_RIGHT, (char *)"①号", 0}};
	b.v = blk;
	b.n = 2;
	char *text = doc_text(&b);
	/* 72 columns: title 6 wide, (72 - 6) / 2 = 33 spaces; right 3 wide */
	struct strbuf want;
	sb_init(&want);
	for (int i = 0; i < 33; i++)
		sb_addc(&want, ' ');
	sb_add(&want, "“调解”\n");
	for (int i = 0; i < 69; i++)
		sb_addc(&want, ' ');
	sb_add(&want, "①号\n");
	CHECK_STR(text, want.buf);
	sb_free(&want);
	free(text);

	return tap_done();
}
