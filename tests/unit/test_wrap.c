/*
 * test_wrap.c - the messages the program shows, wrapped as the message
 * line, field messages and dialogs wrap them (tw_wrap): lines break
 * between Chinese characters and at spaces, never inside a number or a
 * Latin word, and no line is wider than asked.
 */
#include <locale.h>
#include <stdlib.h>

#include "tap.h"
#include "tiaojie/uitext.h"

/* The text wrapped at cols, lines joined with '|'. */
static char *wrapped(const char *text, int cols)
{
	size_t n, starts[64], k = 0;
	wchar_t *w = tw_from_utf8(text, &n);
	int lines = tw_wrap(w, n, cols, starts, 64);
	wchar_t *out = calloc(n + (size_t)lines + 1, sizeof *out);

	/* no more lines counted than filled, and none too wide */
	CHECK_INT(tw_wrap(w, n, cols, NULL, 0), lines);
	for (int i = 0; i < lines && i < 64; i++) {
		size_t a = starts[i], b = i + 1 < lines ? starts[i + 1] : n;
		size_t e = b;
		while (e > a && (w[e - 1] == L'\n' || w[e - 1] == L' '))
			e--;
		CHECK(tw_wcswidth(w + a, e - a) <= (cols < 2 ? 2 : cols), "line %d of \"%s\" is %d columns, more than %d", i, text,
		      tw_wcswidth(w + a, e - a), cols);
		if (i)
			out[k++] = L'|';
		for (size_t j = a; j < e; j++)
			out[k++] = w[j];
	}
	char *s = tw_to_utf8(out, k);
	free(out);
	free(w);
	return s;
}

#define CHECK_WRAP(text, cols, want)                     \
	do {                                             \
		char *got_ = wrapped((text), (cols));    \
		CHECK_STR(got_, (want));                 \
		free(got_);                              \
	} while (0)

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		fprintf(stderr, "no C.UTF-8 locale\n");
		return 1;
	}
	/* fits: one line */
	CHECK_WRAP("正确", 30, "正确");
	CHECK_WRAP("", 30, "");
	/* between Chinese characters anywhere */
	CHECK_WRAP("一二三四五六七八九", 8, "一二三四|五六七八|九");
	/* the money reason of the issue, in a 24-column field message: the
	 * amount moves whole */
	CHECK_WRAP("千位分隔符的位置不对，应为1,234,567.89", 24, "千位分隔符的位置不对，应|为1,234,567.89");
	/* the same on a 30-column column */
	CHECK_WRAP("千位分隔符的位置不对，应为1,234,567.89", 30, "千位分隔符的位置不对，应为|1,234,567.89");
	/* the phone reason; at 20 columns the opening bracket goes with what
	 * follows and the closing one with what precedes */
	CHECK_WRAP("不是有效的电话号码（手机号或带区号的固话）", 30,
		   "不是有效的电话号码（手机号或带|区号的固话）");
	CHECK_WRAP("不是有效的电话号码（手机号或带区号的固话）", 20, "不是有效的电话号码|（手机号或带区号的固|话）");
	/* a date is never split, and a full stop never starts a line */
	CHECK_WRAP("第1项的支付日期格式应为 2026-12-01。", 20, "第1项的支付日期格式|应为 2026-12-01。");
	CHECK_WRAP("支付日期应为2026-12-01。", 16, "支付日期应为|2026-12-01。");
	/* numbers next to Chinese: 10月 and 38,600.00元 are not cut */
	CHECK_WRAP("自2024年10月起拖欠工资38,600.00元", 16, "自2024年10月起拖|欠工资38,600.00|元");
	CHECK_WRAP("拖欠工资38,600.00元", 10, "拖欠工资|38,600.00|元");
	/* Latin words break at spaces; the space is not drawn at the start */
	CHECK_WRAP("Press F2 to save the form", 10, "Press F2|to save|the form");
	/* a word longer than the line is cut at the edge, nothing lost */
	CHECK_WRAP("12345678901234", 6, "123456|789012|34");
	/* hard newlines are kept */
	CHECK_WRAP("甲\n乙\n\n丙", 20, "甲|乙||丙");
	/* two columns is the least: a wide character always fits */
	CHECK_WRAP("调解", 1, "调|解");
	/* a comma never starts a line: it takes the character before along */
	CHECK_WRAP("一二三，四", 6, "一二|三，四");
	return tap_done();
}
