/*
 * test_money.c - unit tests for src/core/money.c: parsing typed amounts,
 * formatting with thousands separators, and 大写 capitals.
 *
 * The 大写 expectations are written out by hand from the bank rules (see the
 * comment at the top of money.c).  Besides the fixed examples, a sweep over
 * many amounts reads every capital string back with an independent decoder
 * and checks the value and the rules that can be checked mechanically (one
 * 零 at most in a row, never before 元/万/亿, 整 exactly when there is no
 * 分, 拾 always with its digit).
 */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "tiaojie/money.h"
#include "tiaojie/util.h"

static const char *cap(int64_t fen)
{
	static char buf[256];

	if (!money_capital(fen, buf, sizeof buf))
		return "(NULL)";
	return buf;
}

static const char *fmt(int64_t fen)
{
	static char buf[32];

	return money_format(fen, buf, sizeof buf);
}

static void test_capital_examples(void)
{
	/* Below one yuan: no 元, no leading 零. */
	CHECK_STR(cap(0), "零元整");
	CHECK_STR(cap(1), "壹分");
	CHECK_STR(cap(5), "伍分");
	CHECK_STR(cap(7), "柒分");
	CHECK_STR(cap(10), "壹角整");
	CHECK_STR(cap(50), "伍角整");
	CHECK_STR(cap(57), "伍角柒分");
	CHECK_STR(cap(99), "玖角玖分");

	/* Units and 拾 with its digit. */
	CHECK_STR(cap(100), "壹元整");
	CHECK_STR(cap(200), "贰元整");
	CHECK_STR(cap(1000), "壹拾元整");
	CHECK_STR(cap(1100), "壹拾壹元整");
	CHECK_STR(cap(1500), "壹拾伍元整");
	CHECK_STR(cap(2000), "贰拾元整");
	CHECK_STR(cap(9900), "玖拾玖元整");
	CHECK_STR(cap(10000), "壹佰元整");
	CHECK_STR(cap(10100), "壹佰零壹元整");
	CHECK_STR(cap(11000), "壹佰壹拾元整");
	CHECK_STR(cap(11100), "壹佰壹拾壹元整");
	CHECK_STR(cap(100000), "壹仟元整");
	CHECK_STR(cap(100100), "壹仟零壹元整");
	CHECK_STR(cap(101000), "壹仟零壹拾元整");
	CHECK_STR(cap(110000), "壹仟壹佰元整");
	CHECK_STR(cap(100509), "壹仟零伍元零玖分");

	/* The examples of 《支付结算办法》's filling rules. */
	CHECK_STR(cap(140950), "壹仟肆佰零玖元伍角整");     /* ¥1409.50 */
	CHECK_STR(cap(600714), "陆仟零柒元壹角肆分");       /* ¥6007.14 */
	CHECK_STR(cap(168032), "壹仟陆佰捌拾元叁角贰分");   /* ¥1680.32, the form without 零 */
	CHECK_STR(cap(10700053), "壹拾万零柒仟元伍角叁分"); /* ¥107000.53, the form with one 零 */
	CHECK_STR(cap(32500), "叁佰贰拾伍元整");

	/* Fractions after yuan. */
	CHECK_STR(cap(120), "壹元贰角整");
	CHECK_STR(cap(1050), "壹拾元伍角整");
	CHECK_STR(cap(600050), "陆仟元伍角整");
	CHECK_STR(cap(2005), "贰拾元零伍分");
	CHECK_STR(cap(101), "壹元零壹分");
	CHECK_STR(cap(111), "壹元壹角壹分");
	CHECK_STR(cap(1234567), "壹万贰仟叁佰肆拾伍元陆角柒分");

	/* 万. */
	CHECK_STR(cap(1000000), "壹万元整");
	CHECK_STR(cap(1000100), "壹万零壹元整");
	CHECK_STR(cap(1001000), "壹万零壹拾元整");
	CHECK_STR(cap(1010000), "壹万零壹佰元整");
	CHECK_STR(cap(1100000), "壹万壹仟元整");
	CHECK_STR(cap(1200050), "壹万贰仟元伍角整");
	CHECK_STR(cap(10000000), "壹拾万元整");
	CHECK_STR(cap(10010000), "壹拾万零壹佰元整");
	CHECK_STR(cap(32500000), "叁拾贰万伍仟元整");
	CHECK_STR(cap(100000001), "壹佰万元零壹分");
	CHECK_STR(cap(200202000), "贰佰万零贰仟零贰拾元整");
	CHECK_STR(cap(5000000005), "伍仟万元零伍分");
	CHECK_STR(cap(1234056700), "壹仟贰佰叁拾肆万零伍佰陆拾柒元整");
	CHECK_STR(cap(1000000100), "壹仟万零壹元整");

	/* 亿. */
	CHECK_STR(cap(10000000000), "壹亿元整");
	CHECK_STR(cap(10000000100), "壹亿零壹元整");
	CHECK_STR(cap(10001000000), "壹亿零壹万元整");
	CHECK_STR(cap(10010000000), "壹亿零壹拾万元整");
	CHECK_STR(cap(10500000000), "壹亿零伍佰万元整");
	CHECK_STR(cap(10000010000), "壹亿零壹佰元整");
	CHECK_STR(cap(11000000000), "壹亿壹仟万元整");
	CHECK_STR(cap(20000000500), "贰亿零伍元整");
	CHECK_STR(cap(100000000000), "壹拾亿元整");
	CHECK_STR(cap(1000000000000), "壹佰亿元整");
	CHECK_STR(cap(1000000100000), "壹佰亿零壹仟元整");
	CHECK_STR(cap(10000000000000), "壹仟亿元整");
	CHECK_STR(cap(12345678901234), "壹仟贰佰叁拾肆亿伍仟陆佰柒拾捌万玖仟零壹拾贰元叁角肆分");
	CHECK_STR(cap(MONEY_MAX_FEN),
		  "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分");

	/* Beyond the maximum the same rules still give the right words:
	 * 10^12 yuan is 壹万亿 (万 within the 亿 group). */
	CHECK_STR(cap(INT64_C(100000000000000)), "壹万亿元整");
	CHECK_STR(cap(INT64_C(123450000000000)), "壹万贰仟叁佰肆拾伍亿元整");
	CHECK_STR(cap(INT64_C(100000001000000)), "壹万亿零壹万元整");

	/* Negative amounts. */
	CHECK_STR(cap(-100), "负壹元整");
	CHECK_STR(cap(-7), "负柒分");
	CHECK_STR(cap(-1234567), "负壹万贰仟叁佰肆拾伍元陆角柒分");
	CHECK(strncmp(cap(INT64_MIN), "负玖亿", strlen("负玖亿")) == 0, "%s", cap(INT64_MIN));
	CHECK(strncmp(cap(INT64_MAX), "玖亿", strlen("玖亿")) == 0, "%s", cap(INT64_MAX));

	/* Buffer sizes: exactly enough works, one byte less gives NULL. */
	{
		char buf[64];
		size_t need = strlen("零元整") + 1;

		CHECK(money_capital(0, buf, need) == buf, "exact size");
		CHECK_STR(buf, "零元整");
		CHECK(money_capital(0, buf, need - 1) == NULL, "too small");
		CHECK_STR(buf, "");
		CHECK(money_capital(1234567, buf, 10) == NULL, "too small");
		CHECK(money_capital(1234567, buf, 0) == NULL, "zero size");
	}
}

/* ---- an independent reading of 大写 ---- */

static const char *const digits_cn[10] = { "零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖" };

static int starts(const char *s, const char *w)
{
	return strncmp(s, w, strlen(w)) == 0;
}

/* Reads a capital string back into fen; -1 if it breaks a rule.  Besides
 * the value it checks the 零 rules from the digits' positions: between two
 * written digits of the integer part there is one 零 exactly when a
 * position was skipped; after 元, 零 only stands for a zero 角 before 分. */
static int64_t decode_capital(const char *s)
{
	struct {
		int pos, zero_before;
	} dg[40];
	int ndg = 0, since_wan = 0, since_yi = 0;
	int64_t total = 0, acc = 0, cur = 0, num = -1, yuan = -1;
	int jiao = 0, fen = 0, neg = 0, prev_zero = 0, zpre = 0, zheng = 0, after_yuan = 0;

	if (starts(s, "负")) {
		neg = 1;
		s += strlen("负");
	}
	if (strcmp(s, "零元整") == 0)
		return 0;
	while (*s) {
		int d = -1;

		for (int i = 0; i < 10; i++) {
			if (starts(s, digits_cn[i])) {
				d = i;
				break;
			}
		}
		if (zheng)
			return -1; /* nothing after 整 */
		if (d == 0) {
			if (prev_zero || (ndg == 0 && !after_yuan))
				return -1; /* 零零, or a leading 零 */
			prev_zero = 1;
			s += strlen("零");
			continue;
		}
		if (d > 0) {
			if (num >= 0)
				return -1; /* two digits in a row */
			num = d;
			zpre = prev_zero;
			prev_zero = 0;
			if (!after_yuan) {
				if (ndg == (int)TJ_ARRAY_LEN(dg))
					return -1;
				dg[ndg].pos = 0;
				dg[ndg].zero_before = zpre;
				ndg++;
			}
			s += strlen("壹");
			continue;
		}
		if (prev_zero)
			return -1; /* 零 right before a unit */
		if (starts(s, "拾") || starts(s, "佰") || starts(s, "仟")) {
			int p = starts(s, "拾") ? 1 : starts(s, "佰") ? 2 : 3;
			int64_t u = p == 1 ? 10 : p == 2 ? 100 : 1000;

			if (num < 0 || after_yuan)
				return -1; /* 拾 without its digit */
			cur += num * u;
			dg[ndg - 1].pos = p;
			num = -1;
			s += strlen("拾");
		} else if (starts(s, "万")) {
			if (after_yuan || since_wan == ndg)
				return -1; /* 万 of an empty section */
			acc += (cur + (num > 0 ? num : 0)) * 10000;
			cur = 0;
			num = -1;
			for (int i = since_wan; i < ndg; i++)
				dg[i].pos += 4;
			since_wan = ndg;
			s += strlen("万");
		} else if (starts(s, "亿")) {
			if (after_yuan || since_yi == ndg)
				return -1;
			total = (total + acc + cur + (num > 0 ? num : 0)) * 100000000;
			acc = cur = 0;
			num = -1;
			for (int i = since_yi; i < ndg; i++)
				dg[i].pos += 8;
			since_yi = since_wan = ndg;
			s += strlen("亿");
		} else if (starts(s, "元")) {
			if (after_yuan || ndg == 0)
				return -1;
			yuan = total + acc + cur + (num > 0 ? num : 0);
			num = -1;
			after_yuan = 1;
			s += strlen("元");
		} else if (starts(s, "角")) {
			if (num <= 0 || zpre || jiao || fen)
				return -1; /* no 零 before 角 */
			jiao = (int)num;
			num = -1;
			after_yuan = 1;
			s += strlen("角");
		} else if (starts(s, "分")) {
			if (num <= 0 || fen)
				return -1;
			/* 零 before 分 exactly when there are yuan and no 角. */
			if (zpre != (yuan > 0 && jiao == 0))
				return -1;
			fen = (int)num;
			num = -1;
			after_yuan = 1;
			s += strlen("分");
		} else if (starts(s, "整")) {
			if (fen || !after_yuan)
				return -1;
			zheng = 1;
			s += strlen("整");
		} else {
			return -1;
		}
	}
	if (num >= 0 || prev_zero)
		return -1;
	if (!fen && !zheng)
		return -1; /* 整 exactly when there is no 分 */
	if (ndg > 0 && dg[0].zero_before)
		return -1;
	for (int i = 1; i < ndg; i++) {
		int gap = dg[i - 1].pos - dg[i].pos;

		if (gap < 1 || dg[i].zero_before != (gap > 1))
			return -1;
	}
	return (neg ? -1 : 1) * ((yuan > 0 ? yuan : 0) * 100 + jiao * 10 + fen);
}

static uint64_t rng_state = 88172645463325252u;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Amounts with many zeros are where the 零 rules bite. */
static int64_t random_amount(void)
{
	int64_t v = 0;
	int ndig = 1 + (int)(rng() % 14);

	for (int i = 0; i < ndig; i++) {
		int d = (int)(rng() % 10);

		if (rng() % 2)
			d = 0;
		v = v * 10 + d;
	}
	return v;
}

static void check_decode(int64_t v, int *bad)
{
	const char *s = cap(v);
	int64_t got = decode_capital(s);

	if (got != v) {
		if (*bad < 5)
			fprintf(stderr, "decode(%s) = %lld, want %lld\n", s, (long long)got,
				(long long)v);
		(*bad)++;
	}
}

static void test_capital_sweep(void)
{
	int bad = 0;

	/* The decoder itself rejects malformed strings. */
	CHECK_INT(decode_capital("壹拾元整"), 1000);
	CHECK_INT(decode_capital("拾元整"), -1);
	CHECK_INT(decode_capital("壹佰零零壹元整"), -1);
	CHECK_INT(decode_capital("壹佰零元整"), -1);
	CHECK_INT(decode_capital("壹元伍分整"), -1);
	CHECK_INT(decode_capital("壹元贰角"), -1);
	CHECK_INT(decode_capital("零柒分"), -1);
	CHECK_INT(decode_capital("壹拾万零元整"), -1);
	CHECK_INT(decode_capital("壹亿零万元整"), -1);
	CHECK_INT(decode_capital("壹仟壹拾元整"), -1);       /* 1010 needs 零 */
	CHECK_INT(decode_capital("壹万壹佰元整"), -1);       /* 10100 needs 零 */
	CHECK_INT(decode_capital("壹仟零壹佰元整"), -1);     /* 零 with nothing skipped */
	CHECK_INT(decode_capital("壹佰万元壹分"), -1);       /* zero 角 needs 零 */
	CHECK_INT(decode_capital("壹元零伍角整"), -1);       /* our choice: no 零 before 角 */
	CHECK_INT(decode_capital("壹亿零壹万元整"), 10001000000);
	CHECK_INT(decode_capital("壹万亿元整"), INT64_C(100000000000000));
	CHECK_INT(decode_capital("壹佰万元零壹分"), 100000001);

	for (int64_t v = 0; v <= 200000; v++)
		check_decode(v, &bad); /* every amount up to 2,000 yuan */
	for (int64_t y = 0; y < 200000; y++)
		check_decode(y * 100 + y * 37 % 100, &bad); /* every yuan up to 200,000 */
	for (int64_t i = 0; i <= 100000; i++) /* evenly over the whole range */
		check_decode(i * (MONEY_MAX_FEN / 100000) + i % 100, &bad);
	for (int i = 0; i < 100000; i++)
		check_decode(random_amount(), &bad);
	for (int64_t p = 1; p <= MONEY_MAX_FEN; p *= 10) {
		check_decode(p, &bad);
		check_decode(p + 1, &bad);
		check_decode(p - 1, &bad);
		check_decode(-p, &bad);
	}
	CHECK_INT(bad, 0);
}

/* ---- parsing ---- */

static void parse_ok(const char *s, int64_t want, int line)
{
	int64_t fen = -12345;
	const char *reason = "unset";
	int rc = money_parse(s, &fen, &reason);

	CHECK(rc == 0 && fen == want, "line %d: \"%s\" -> rc %d, %lld (%s), want %lld", line, s, rc,
	      (long long)fen, rc ? reason : "", (long long)want);
}

static void parse_bad(const char *s, const char *want, int line)
{
	int64_t fen = -12345;
	const char *reason = NULL;
	int rc;

	tj_error_clear();
	rc = money_parse(s, &fen, &reason);
	CHECK(rc == -1, "line %d: \"%s\" accepted as %lld", line, s ? s : "(null)", (long long)fen);
	CHECK(fen == -12345, "line %d: output written on failure", line);
	CHECK(reason && strstr(reason, want), "line %d: \"%s\": reason \"%s\", want \"%s\"", line,
	      s ? s : "(null)", reason ? reason : "(null)", want);
	CHECK(reason && strcmp(tj_errmsg(), reason) == 0, "line %d: sink \"%s\"", line, tj_errmsg());
}

static void test_parse(void)
{
	int64_t fen = 0;

	parse_ok("12345", 1234500, __LINE__);
	parse_ok("12,345.6", 1234560, __LINE__);
	parse_ok("12345.67", 1234567, __LINE__);
	parse_ok("¥12,345.67", 1234567, __LINE__);
	parse_ok("￥12,345.67", 1234567, __LINE__);
	parse_ok("１２３４５．６７", 1234567, __LINE__);
	parse_ok("１２，３４５．６", 1234560, __LINE__);
	parse_ok("￥１２３", 12300, __LINE__);
	parse_ok("1,234,567.8", 123456780, __LINE__);
	parse_ok("1,234", 123400, __LINE__);
	parse_ok("123,456", 12345600, __LINE__);
	parse_ok("999", 99900, __LINE__);
	parse_ok("0", 0, __LINE__);
	parse_ok("0.0", 0, __LINE__);
	parse_ok("0.00", 0, __LINE__);
	parse_ok("0.5", 50, __LINE__);
	parse_ok("0.05", 5, __LINE__);
	parse_ok("0.50", 50, __LINE__);
	parse_ok("00012", 1200, __LINE__);
	parse_ok("  12  ", 1200, __LINE__);
	parse_ok("\t12.5\t", 1250, __LINE__);
	parse_ok("\xe3\x80\x80" "12\xe3\x80\x80", 1200, __LINE__); /* ideographic spaces */
	parse_ok("12元", 1200, __LINE__);
	parse_ok("12.5元", 1250, __LINE__);
	parse_ok("12 元", 1200, __LINE__);
	parse_ok("¥ 1,234,567.8 元 ", 123456780, __LINE__);
	parse_ok("325000", 32500000, __LINE__);
	parse_ok("999999999999.99", MONEY_MAX_FEN, __LINE__);
	parse_ok("999,999,999,999.99", MONEY_MAX_FEN, __LINE__);
	parse_ok("000999999999999.99", MONEY_MAX_FEN, __LINE__);
	parse_ok("100000000000", INT64_C(10000000000000), __LINE__);

	/* reason may be NULL. */
	CHECK_INT(money_parse("abc", &fen, NULL), -1);
	CHECK_INT(money_parse("1.5", &fen, NULL), 0);
	CHECK_INT(fen, 150);

	parse_bad("", "请输入金额", __LINE__);
	parse_bad(NULL, "请输入金额", __LINE__);
	parse_bad("   ", "请输入金额", __LINE__);
	parse_bad("¥", "请输入金额", __LINE__);
	parse_bad("元", "请输入金额", __LINE__);
	parse_bad("-5", "不能为负数", __LINE__);
	parse_bad(" -0.01", "不能为负数", __LINE__);
	parse_bad("－5", "不能为负数", __LINE__);
	parse_bad("¥-5", "不能为负数", __LINE__);
	parse_bad("12,34", "千位分隔符", __LINE__);
	parse_bad("1,2345", "千位分隔符", __LINE__);
	parse_bad("1234,567", "千位分隔符", __LINE__);
	parse_bad("1,234,56", "千位分隔符", __LINE__);
	parse_bad("123,", "千位分隔符", __LINE__);
	parse_bad("1,,234", "千位分隔符", __LINE__);
	parse_bad("0,123", "千位分隔符", __LINE__);
	parse_bad("1,234.5,6", "千位分隔符", __LINE__);
	parse_bad("１２，３４", "千位分隔符", __LINE__);
	parse_bad(",123", "只能包含数字", __LINE__);
	parse_bad("12.345", "最多两位小数", __LINE__);
	parse_bad("999999999999.999", "最多两位小数", __LINE__);
	parse_bad("12.", "小数点后应有数字", __LINE__);
	parse_bad("12.元", "小数点后应有数字", __LINE__);
	parse_bad(".5", "小数点前应有数字", __LINE__);
	parse_bad("1.2.3", "只能有一个小数点", __LINE__);
	parse_bad("abc", "只能包含数字", __LINE__);
	parse_bad("12a", "只能包含数字", __LINE__);
	parse_bad("1e5", "只能包含数字", __LINE__);
	parse_bad("1 000", "只能包含数字", __LINE__);
	parse_bad("12元5", "只能包含数字", __LINE__);
	parse_bad("12元元", "只能包含数字", __LINE__);
	parse_bad("壹佰元", "只能包含数字", __LINE__);
	parse_bad("１２３ａ", "只能包含数字", __LINE__);
	parse_bad("12\xff", "只能包含数字", __LINE__);
	parse_bad("12\xe5", "只能包含数字", __LINE__); /* cut UTF-8 sequence */
	parse_bad("$12", "只能包含数字", __LINE__);
	parse_bad("1000000000000", "超过上限", __LINE__);
	parse_bad("1,000,000,000,000", "超过上限", __LINE__);
	parse_bad("99999999999999999999999", "超过上限", __LINE__);
}

static void test_format(void)
{
	CHECK_STR(fmt(0), "0.00");
	CHECK_STR(fmt(1), "0.01");
	CHECK_STR(fmt(10), "0.10");
	CHECK_STR(fmt(100), "1.00");
	CHECK_STR(fmt(99999), "999.99");
	CHECK_STR(fmt(100000), "1,000.00");
	CHECK_STR(fmt(1234567), "12,345.67");
	CHECK_STR(fmt(12345600), "123,456.00");
	CHECK_STR(fmt(123456789), "1,234,567.89");
	CHECK_STR(fmt(MONEY_MAX_FEN), "999,999,999,999.99");
	CHECK_STR(fmt(-5), "-0.05");
	CHECK_STR(fmt(-1234567), "-12,345.67");
	CHECK_STR(fmt(INT64_MAX), "92,233,720,368,547,758.07");
	CHECK_STR(fmt(INT64_MIN), "-92,233,720,368,547,758.08");
	{
		char buf[8];

		CHECK(money_format(123456789, buf, 5) == buf, "returns out");
		CHECK_STR(buf, "1,23");
		CHECK(money_format(1, buf, 0) == buf, "zero size returns out");
		CHECK_STR(money_format(100, buf, sizeof buf), "1.00");
	}

	/* Everything formatted parses back to the same amount. */
	{
		int bad = 0;

		for (int i = 0; i < 100000; i++) {
			int64_t v = random_amount(), back = -1;

			if (money_parse(fmt(v), &back, NULL) != 0 || back != v)
				bad++;
		}
		CHECK_INT(bad, 0);
	}
}

int main(void)
{
	test_capital_examples();
	test_capital_sweep();
	test_parse();
	test_format();
	return tap_done();
}
