/*
 * money.c - amounts of money: parsing what a clerk types, showing yuan with
 * thousands separators, and writing Chinese capital numerals (大写) for
 * documents.
 *
 * Amounts are int64 fen everywhere (money.h).  The intake and claim forms
 * call money_parse; lists and reports call money_format; the document
 * templates (仲裁申请书, 调解协议书) call money_capital.
 *
 * 大写 follows the conventions of 《支付结算办法》 (正确填写票据和结算凭证的
 * 基本规定), choosing one form where the rules allow two:
 *   - a zero, or a run of zeros, between non-zero digits of the integer part
 *     is one 零, also across the 万 and 亿 boundaries (1,0100 壹万零壹佰;
 *     10,7000 壹拾万零柒仟 — the rules allow 壹拾万柒仟 too);
 *   - trailing zeros of the integer part are not written (1010 壹仟零壹拾元);
 *   - 拾 always has its digit (10 壹拾元, never 拾元);
 *   - no 零 between 元 and a non-zero 角 (6000.50 陆仟元伍角整, also allowed
 *     with 零), but 零 when 角 is zero and 分 is not (20.05 贰拾元零伍分);
 *   - an amount below one yuan has no 元 (0.07 柒分, 0.50 伍角整);
 *   - 整 when there is no 分.
 */
#include "tiaojie/money.h"

#include <string.h>

#include "tiaojie/util.h"

/* ---- parsing ---- */

/* The characters money_parse understands, after mapping full-width forms. */
enum tok {
	TOK_END,
	TOK_DIGIT,
	TOK_POINT,
	TOK_COMMA,
	TOK_SPACE,
	TOK_MINUS,
	TOK_YEN,
	TOK_YUAN,
	TOK_OTHER,
};

/* Classifies the character at s; *len gets its length in bytes and *digit
 * its value for TOK_DIGIT. */
static enum tok next_tok(const unsigned char *s, size_t *len, int *digit)
{
	*len = 1;
	if (*s == '\0')
		return TOK_END;
	if (*s >= '0' && *s <= '9') {
		*digit = *s - '0';
		return TOK_DIGIT;
	}
	switch (*s) {
	case '.':
		return TOK_POINT;
	case ',':
		return TOK_COMMA;
	case ' ':
	case '\t':
		return TOK_SPACE;
	case '-':
		return TOK_MINUS;
	}
	if (s[0] == 0xC2 && s[1] == 0xA5) { /* U+00A5 ¥ */
		*len = 2;
		return TOK_YEN;
	}
	if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) { /* U+3000 ideographic space */
		*len = 3;
		return TOK_SPACE;
	}
	if (s[0] == 0xE5 && s[1] == 0x85 && s[2] == 0x83) { /* U+5143 元 */
		*len = 3;
		return TOK_YUAN;
	}
	if (s[0] == 0xEF && s[1] == 0xBF && s[2] == 0xA5) { /* U+FFE5 ￥ */
		*len = 3;
		return TOK_YEN;
	}
	if (s[0] == 0xEF && s[1] == 0xBC) { /* U+FF00..U+FF3F: full-width forms */
		*len = 3;
		if (s[2] >= 0x90 && s[2] <= 0x99) { /* ０-９ */
			*digit = s[2] - 0x90;
			return TOK_DIGIT;
		}
		if (s[2] == 0x8E) /* ． */
			return TOK_POINT;
		if (s[2] == 0x8C) /* ， */
			return TOK_COMMA;
		if (s[2] == 0x8D) /* － */
			return TOK_MINUS;
	}
	/* Anything else: step over one UTF-8 sequence (or one bad byte). */
	if (*s >= 0xC0) {
		size_t n = *s >= 0xF0 ? 4 : *s >= 0xE0 ? 3 : 2;

		for (*len = 1; *len < n && (s[*len] & 0xC0) == 0x80; (*len)++)
			;
	}
	return TOK_OTHER;
}

static int parse_fail(const char **reason, const char *msg)
{
	if (reason)
		*reason = msg;
	tj_error("%s", msg);
	return -1;
}

int money_parse(const char *str, int64_t *fen, const char **reason)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	size_t len;
	int digit = 0;
	enum tok t;
	int64_t yuan = 0;
	int ndig = 0;        /* integer digits, leading zeros excluded */
	int group = 0;       /* digits since the last comma (or the start) */
	int commas = 0;
	int leading_zero = 0;
	int cents = 0, ndec = 0;

#define NEXT() (t = next_tok(s, &len, &digit))
#define ADVANCE() (s += len)

	for (NEXT(); t == TOK_SPACE; NEXT())
		ADVANCE();
	if (t == TOK_END)
		return parse_fail(reason, "请输入金额");
	if (t == TOK_MINUS)
		return parse_fail(reason, "金额不能为负数");
	if (t == TOK_YEN) {
		ADVANCE();
		for (NEXT(); t == TOK_SPACE; NEXT())
			ADVANCE();
		if (t == TOK_MINUS)
			return parse_fail(reason, "金额不能为负数");
	}
	if (t != TOK_DIGIT) {
		if (t == TOK_POINT)
			return parse_fail(reason, "小数点前应有数字，例如0.50");
		if (t == TOK_END || t == TOK_YUAN)
			return parse_fail(reason, "请输入金额");
		return parse_fail(reason, "金额只能包含数字、小数点和千位分隔符");
	}

	/* Integer part, with optional thousands separators: if there is any
	 * comma, the first group has 1-3 digits and every later one exactly 3. */
	leading_zero = digit == 0;
	for (;;) {
		if (t == TOK_DIGIT) {
			if (ndig > 0 || digit != 0) {
				if (++ndig > 12)
					return parse_fail(reason, "金额超过上限（999,999,999,999.99元）");
				yuan = yuan * 10 + digit;
			}
			group++;
		} else if (t == TOK_COMMA) {
			if (commas == 0) {
				if (group > 3 || (leading_zero && group > 0))
					return parse_fail(reason, "千位分隔符的位置不对，应为1,234,567.89");
			} else if (group != 3) {
				return parse_fail(reason, "千位分隔符的位置不对，应为1,234,567.89");
			}
			commas++;
			group = 0;
		} else {
			break;
		}
		ADVANCE();
		NEXT();
	}
	if (commas > 0 && group != 3)
		return parse_fail(reason, "千位分隔符的位置不对，应为1,234,567.89");

	if (t == TOK_POINT) {
		ADVANCE();
		for (NEXT(); t == TOK_DIGIT; NEXT()) {
			if (++ndec > 2)
				return parse_fail(reason, "金额最多两位小数（精确到分）");
			cents = cents * 10 + digit;
			ADVANCE();
		}
		if (ndec == 0)
			return parse_fail(reason, "小数点后应有数字");
		if (t == TOK_COMMA)
			return parse_fail(reason, "千位分隔符只能用在整数部分");
		if (ndec == 1)
			cents *= 10;
	}

	for (; t == TOK_SPACE; NEXT())
		ADVANCE();
	if (t == TOK_YUAN) {
		ADVANCE();
		for (NEXT(); t == TOK_SPACE; NEXT())
			ADVANCE();
	}
	if (t != TOK_END) {
		if (t == TOK_POINT)
			return parse_fail(reason, "金额只能有一个小数点");
		return parse_fail(reason, "金额只能包含数字、小数点和千位分隔符");
	}
#undef NEXT
#undef ADVANCE

	/* 12 digits of yuan always fit; the check keeps MONEY_MAX_FEN the one
	 * place that says where the limit is. */
	if (yuan * 100 + cents > MONEY_MAX_FEN)
		return parse_fail(reason, "金额超过上限（999,999,999,999.99元）");
	*fen = yuan * 100 + cents;
	return 0;
}

/* ---- showing ---- */

char *money_format(int64_t fen, char *out, size_t outlen)
{
	char tmp[40], digits[24];
	uint64_t a = fen < 0 ? -(uint64_t)fen : (uint64_t)fen;
	uint64_t yuan = a / 100;
	unsigned cents = (unsigned)(a % 100);
	size_t nd = 0, k = 0;

	do {
		digits[nd++] = (char)('0' + yuan % 10);
		yuan /= 10;
	} while (yuan);
	if (fen < 0)
		tmp[k++] = '-';
	while (nd > 0) {
		tmp[k++] = digits[--nd];
		if (nd > 0 && nd % 3 == 0)
			tmp[k++] = ',';
	}
	tmp[k++] = '.';
	tmp[k++] = (char)('0' + cents / 10);
	tmp[k++] = (char)('0' + cents % 10);
	tmp[k] = '\0';
	if (outlen > 0) {
		/* Callers pass 32 bytes; a shorter buffer gets a cut string, not an overflow. */
		size_t n = k < outlen ? k : outlen - 1;

		memcpy(out, tmp, n);
		out[n] = '\0';
	}
	return out;
}

/* ---- 大写 ---- */

static const char *const cap_digit[10] = {
	"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖",
};
static const char *const cap_unit[4] = { "", "拾", "佰", "仟" };

struct capbuf {
	char buf[256];
	size_t len;
};

static void cap_add(struct capbuf *c, const char *s)
{
	size_t n = strlen(s);

	/* Cannot happen for int64 amounts (at most ~200 bytes); stay safe. */
	if (c->len + n >= sizeof c->buf)
		return;
	memcpy(c->buf + c->len, s, n);
	c->len += n;
	c->buf[c->len] = '\0';
}

/* The integer part (yuan > 0), without 元. */
static void cap_integer(struct capbuf *c, uint64_t yuan)
{
	int d[20], nd = 0, zero = 0;

	while (yuan) {
		d[nd++] = (int)(yuan % 10);
		yuan /= 10;
	}
	for (int i = nd - 1; i >= 0; i--) {
		if (d[i] == 0) {
			zero = 1; /* written only if a non-zero digit follows */
		} else {
			if (zero)
				cap_add(c, "零");
			zero = 0;
			cap_add(c, cap_digit[d[i]]);
			cap_add(c, cap_unit[i % 4]);
		}
		if (i > 0 && i % 4 == 0) {
			/* 万 for a non-zero 4-digit section, 亿 for a non-zero
			 * 8-digit group: 1,0000,0000,0000 is 壹万亿. */
			int width = i % 8 == 4 ? 4 : 8, any = 0;

			for (int j = i; j < i + width && j < nd; j++)
				any |= d[j];
			if (any)
				cap_add(c, i % 8 == 4 ? "万" : "亿");
		}
	}
}

char *money_capital(int64_t fen, char *out, size_t outlen)
{
	struct capbuf c = { .len = 0 };
	uint64_t a = fen < 0 ? -(uint64_t)fen : (uint64_t)fen;
	uint64_t yuan = a / 100;
	int jiao = (int)(a / 10 % 10), fen1 = (int)(a % 10);

	c.buf[0] = '\0';
	if (fen < 0)
		cap_add(&c, "负");
	if (a == 0) {
		cap_add(&c, "零元整");
	} else {
		if (yuan > 0) {
			cap_integer(&c, yuan);
			cap_add(&c, "元");
		}
		if (jiao) {
			cap_add(&c, cap_digit[jiao]);
			cap_add(&c, "角");
		} else if (fen1 && yuan > 0) {
			cap_add(&c, "零");
		}
		if (fen1) {
			cap_add(&c, cap_digit[fen1]);
			cap_add(&c, "分");
		} else {
			cap_add(&c, "整");
		}
	}
	if (c.len + 1 > outlen) {
		if (outlen > 0)
			out[0] = '\0';
		return NULL;
	}
	memcpy(out, c.buf, c.len + 1);
	return out;
}
