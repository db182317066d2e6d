/*
 * test_validate.c - unit tests of the validation module (SPEC §8).
 *
 * Valid identity numbers and credit codes are built here with check
 * characters computed by a second, deliberately different implementation
 * (powers of 2 mod 11 for MOD 11-2, powers of 3 mod 31 for GB 32100), so a
 * wrong weight table in validate.c cannot be confirmed by itself.  The clock
 * is fixed with TIAOJIE_NOW (honoured because tests are built with
 * -DTIAOJIE_TESTING).
 */
#include "tiaojie/util.h"
#include "tiaojie/validate.h"

#include "tap.h"

#include <stdlib.h>
#include <string.h>

/* ---- independent reference implementations ------------------------------ */

/* ISO 7064 MOD 11-2: weight of position i (0-based, 17 digits) is
 * 2^(17-i) mod 11; check value (12 - sum mod 11) mod 11, 10 written X. */
static char ref_id_check(const char *d17)
{
	int sum = 0;

	for (int i = 0; i < 17; i++) {
		int w = 1;

		for (int j = 0; j < 17 - i; j++)
			w = w * 2 % 11;
		sum += (d17[i] - '0') * w;
	}
	int c = (12 - sum % 11) % 11;
	return c == 10 ? 'X' : (char)('0' + c);
}

static const char *make_id(const char *d17, char out[19])
{
	memcpy(out, d17, 17);
	out[17] = ref_id_check(d17);
	out[18] = '\0';
	return out;
}

/* The same number with a check character that is certainly wrong. */
static const char *make_bad_id(const char *d17, char out[19])
{
	make_id(d17, out);
	out[17] = out[17] == '0' ? '1' : '0';
	return out;
}

/* GB 32100: value of a character, 0-9 then the letters without I O S V Z. */
static int ref_uscc_value(char c)
{
	static const char letters[] = "ABCDEFGHJKLMNPQRTUWXY";

	if (c >= '0' && c <= '9')
		return c - '0';
	for (int i = 0; letters[i]; i++)
		if (letters[i] == c)
			return 10 + i;
	return -1;
}

static char ref_uscc_check(const char *c17)
{
	static const char letters[] = "ABCDEFGHJKLMNPQRTUWXY";
	int sum = 0, w = 1;

	for (int i = 0; i < 17; i++) {
		sum += ref_uscc_value(c17[i]) * w;
		w = w * 3 % 31;
	}
	int c = (31 - sum % 31) % 31;
	return c < 10 ? (char)('0' + c) : letters[c - 10];
}

static const char *make_uscc(const char *c17, char out[19])
{
	memcpy(out, c17, 17);
	out[17] = ref_uscc_check(c17);
	out[18] = '\0';
	return out;
}

/* ---- assertions -------------------------------------------------------- */

#define ACCEPT_F(k, in, flags, want)                                                   \
	do {                                                                           \
		char n_[128];                                                          \
		const char *r_ = NULL;                                                 \
		const char *in_ = (in);                                                \
		int rc_ = val_check((k), in_, (flags), n_, sizeof n_, &r_);            \
		CHECK(rc_ == 0 && strcmp(n_, (want)) == 0,                             \
		      "%s \"%s\": rc %d norm \"%s\" reason %s; want \"%s\"",          \
		      val_kind_keyword(k), in_ ? in_ : "(null)", rc_, n_,             \
		      rc_ && r_ ? r_ : "-", (want));                                  \
	} while (0)
#define ACCEPT(k, in, want) ACCEPT_F(k, in, 0u, want)

#define REJECT_F(k, in, flags, part)                                                   \
	do {                                                                           \
		char n_[128];                                                          \
		const char *r_ = NULL;                                                 \
		const char *in_ = (in);                                                \
		int rc_ = val_check((k), in_, (flags), n_, sizeof n_, &r_);            \
		CHECK(rc_ == -1 && r_ && strstr(r_, (part)) && n_[0] == '\0',          \
		      "%s \"%s\": rc %d reason \"%s\"; want reason with \"%s\"",       \
		      val_kind_keyword(k), in_ ? in_ : "(null)", rc_,                 \
		      r_ ? r_ : "(null)", (part));                                    \
	} while (0)
#define REJECT(k, in, part) REJECT_F(k, in, 0u, part)

/* ---- tests ------------------------------------------------------------- */

static void test_reference(void)
{
	char b[19];

	/* the reference implementations agree with well-known published numbers */
	CHECK(ref_id_check("11010519491231002") == 'X', "ref MOD 11-2");
	CHECK(ref_uscc_check("91350100M000100Y4") == '3', "ref GB 32100 (1)");
	CHECK(ref_uscc_check("91330100799655058") == 'B', "ref GB 32100 (2)");
	CHECK(ref_uscc_check("91440300708461136") == 'T', "ref GB 32100 (3)");
	/* given as an example in the brief, but its check character is 2 */
	CHECK(ref_uscc_check("91110000600037242") == '2', "ref GB 32100 (4)");
	CHECK_STR(make_id("44030119800101001", b), "440301198001010018");
}

static void test_normalize(void)
{
	char out[64];
	const char *r = NULL;

	CHECK_INT(val_normalize("  11 01\t05  ", out, sizeof out, &r), 0);
	CHECK_STR(out, "110105");
	CHECK_INT(val_normalize("\xe3\x80\x80" "abc\xc2\xa0" "x\xe3\x80\x80", out, sizeof out, &r), 0);
	CHECK_STR(out, "ABCX");
	/* full-width digits, letters (upper and lower), plus and minus */
	CHECK_INT(val_normalize("＋８６－ＡＢｃｘ０９", out, sizeof out, &r), 0);
	CHECK_STR(out, "+86-ABCX09");
	CHECK_INT(val_normalize("（０２１）", out, sizeof out, &r), 0);
	CHECK_STR(out, "(021)");
	/* zero-width space and BOM from pasted text disappear */
	CHECK_INT(val_normalize("\xef\xbb\xbf" "12\xe2\x80\x8b" "3", out, sizeof out, &r), 0);
	CHECK_STR(out, "123");
	/* other characters are kept as they are */
	CHECK_INT(val_normalize("南字第１号", out, sizeof out, &r), 0);
	CHECK_STR(out, "南字第1号");
	CHECK_INT(val_normalize("", out, sizeof out, &r), 0);
	CHECK_STR(out, "");
	CHECK_INT(val_normalize(NULL, out, sizeof out, &r), 0);

	/* exact fit and one byte too long */
	CHECK_INT(val_normalize("１２３", out, 4, &r), 0);
	CHECK_STR(out, "123");
	r = NULL;
	CHECK_INT(val_normalize("1234", out, 4, &r), -1);
	CHECK_STR(r, "输入过长");
	CHECK_STR(out, "");

	CHECK_INT(val_normalize("12\xff", out, sizeof out, &r), -1);
	CHECK_STR(r, "含有无效的UTF-8字节");
	CHECK_INT(val_normalize("12\x07" "3", out, sizeof out, &r), -1);
	CHECK_STR(r, "含有控制字符");
	/* a control character wins over the length */
	CHECK_INT(val_normalize("123456789\x01", out, 4, &r), -1);
	CHECK_STR(r, "含有控制字符");
	/* right-to-left override: invisible mischief */
	CHECK_INT(val_normalize("12\xe2\x80\xae" "34", out, sizeof out, &r), -1);
	CHECK_STR(r, "含有控制字符");
	/* reason may be NULL */
	CHECK_INT(val_normalize("\xff", out, sizeof out, NULL), -1);
}

static void test_id_valid(void)
{
	static const char *const codes[] = {
		"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33",
		"34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50",
		"51", "52", "53", "54", "61", "62", "63", "64", "65",
	};
	char d17[18], id[19];
	int ok = 0;

	ACCEPT(VAL_ID, "11010519491231002X", "11010519491231002X");
	ACCEPT(VAL_ID, "11010519491231002x", "11010519491231002X");
	ACCEPT(VAL_ID, " 110105 19491231 002X ", "11010519491231002X");
	ACCEPT(VAL_ID, "1101 0519 4912 3100 2x", "11010519491231002X");
	ACCEPT(VAL_ID, "110105\t19491231\t002X", "11010519491231002X");
	ACCEPT(VAL_ID, "１１０１０５１９４９１２３１００２ｘ", "11010519491231002X");
	ACCEPT(VAL_ID, "１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X");
	ACCEPT(VAL_ID, "110105\xe3\x80\x80" "19491231\xe3\x80\x80" "002X", "11010519491231002X");

	ACCEPT(VAL_ID, make_id("31010119900101123", id), id);
	ACCEPT(VAL_ID, make_id("44030119800101001", id), "440301198001010018");
	ACCEPT(VAL_ID, make_id("51010720000229456", id), id); /* leap day */
	ACCEPT(VAL_ID, make_id("65010219000101001", id), id); /* oldest year */
	ACCEPT(VAL_ID, make_id("32050619991231987", id), id);

	/* every mainland province code, with a computed check digit */
	for (size_t i = 0; i < TJ_ARRAY_LEN(codes); i++) {
		char n[32];
		const char *r;

		memcpy(d17, codes[i], 2);
		memcpy(d17 + 2, "010219850312", 12);
		d17[14] = (char)('0' + i / 100 % 10);
		d17[15] = (char)('0' + i / 10 % 10);
		d17[16] = (char)('0' + i % 10);
		d17[17] = '\0';
		make_id(d17, id);
		if (val_check(VAL_ID, id, 0, n, sizeof n, &r) == 0 && strcmp(n, id) == 0)
			ok++;
		else
			fprintf(stderr, "province %s: %s rejected: %s\n", codes[i], id, r);
	}
	CHECK_INT(ok, 31);

	/* many check digits, including X, all agree with the reference */
	ok = 0;
	int x_seen = 0;
	for (unsigned i = 0; i < 200; i++) {
		char n[32];
		const char *r;

		snprintf(d17, sizeof d17, "330106198%u%02u%02u%03u", i % 10, i % 12 + 1,
			 i % 28 + 1, i);
		make_id(d17, id);
		x_seen += id[17] == 'X';
		if (val_check(VAL_ID, id, 0, n, sizeof n, &r) == 0)
			ok++;
		else
			fprintf(stderr, "%s rejected: %s\n", id, r);
	}
	CHECK_INT(ok, 200);
	CHECK(x_seen > 0, "no X check digit among 200 numbers");
}

static void test_id_invalid(void)
{
	char id[19], in[64];

	REJECT(VAL_ID, "110105194912310021", "校验位错误，应为X");
	REJECT(VAL_ID, "11010519491231002X0", "长度应为18位，实际为19位");
	REJECT(VAL_ID, "11010519491231002", "长度应为18位，实际为17位");
	REJECT(VAL_ID, "1101051949123100", "长度应为18位，实际为16位");
	REJECT(VAL_ID, make_bad_id("31010119900101123", id), "校验位错误，应为");
	{
		char want[64];

		make_id("31010119900101123", id);
		snprintf(want, sizeof want, "校验位错误，应为%c", id[17]);
		make_bad_id("31010119900101123", id);
		REJECT(VAL_ID, id, want);
	}
	/* region codes */
	REJECT(VAL_ID, make_id("99010119900101123", id), "地区码不是有效的省级行政区划代码");
	REJECT(VAL_ID, make_id("00010119900101123", id), "地区码不是有效的省级行政区划代码");
	REJECT(VAL_ID, make_id("16010119900101123", id), "地区码不是有效的省级行政区划代码");
	REJECT(VAL_ID, make_id("71000019900101123", id), "地区码不是有效的省级行政区划代码");
	REJECT(VAL_ID, make_id("81000019900101123", id), "地区码不是有效的省级行政区划代码");
	REJECT(VAL_ID, make_id("82000019900101123", id), "地区码不是有效的省级行政区划代码");
	REJECT(VAL_ID, make_id("83000019900101123", id), "地区码不是有效的省级行政区划代码");
	/* birth dates */
	REJECT(VAL_ID, make_id("31010119900230123", id), "出生日期无效");
	REJECT(VAL_ID, make_id("31010119901301123", id), "出生日期无效");
	REJECT(VAL_ID, make_id("31010119900100123", id), "出生日期无效");
	REJECT(VAL_ID, make_id("31010119000229123", id), "出生日期无效"); /* 1900 not leap */
	REJECT(VAL_ID, make_id("31010118991231123", id), "出生日期无效");
	REJECT(VAL_ID, make_id("31010119900431123", id), "出生日期无效");
	/* characters */
	REJECT(VAL_ID, "1101051949A231002X", "只能包含数字，最后一位可为X");
	REJECT(VAL_ID, "1101051949A231002X", "第11位字符A不允许");
	REJECT(VAL_ID, "110105194912X10021", "第13位字符X不允许");
	REJECT(VAL_ID, "11010519491231002Y", "第18位字符Y不允许");
	REJECT(VAL_ID, "11010519-491231002", "第9位字符-不允许");
	REJECT(VAL_ID, "身份证11010519491231002X", "长度应为18位，实际为21位");
	REJECT(VAL_ID, "1101051949123100号X", "第17位字符号不允许");
	/* empty */
	REJECT(VAL_ID, "", "未填写");
	REJECT(VAL_ID, "   \xe3\x80\x80 ", "未填写");
	REJECT(VAL_ID, NULL, "未填写");
	/* bytes */
	REJECT(VAL_ID, "11010519491231\xff" "002X", "含有无效的UTF-8字节");
	REJECT(VAL_ID, "\xc0\xaf" "11010519491231002X", "含有无效的UTF-8字节"); /* overlong */
	REJECT(VAL_ID, "11010519491231002X\xe4\xb8", "含有无效的UTF-8字节"); /* truncated */
	REJECT(VAL_ID, "\xed\xa0\x80" "11010519491231002X", "含有无效的UTF-8字节"); /* surrogate */
	REJECT(VAL_ID, "11010519491231\x01" "002X", "含有控制字符");
	REJECT(VAL_ID, "11010519491231002X\n", "含有控制字符");
	REJECT(VAL_ID, "11010519491231002X\r", "含有控制字符");
	REJECT(VAL_ID, "\x1b[1m11010519491231002X", "含有控制字符");
	REJECT(VAL_ID, "1101051949123\x7f" "1002X", "含有控制字符");
	REJECT(VAL_ID, "1101051949123\xc2\x85" "1002X", "含有控制字符"); /* C1 NEL */

	/* an 18-digit ID does not fit a buffer of 18 bytes */
	{
		char small[18];
		const char *r = NULL;

		CHECK_INT(val_check(VAL_ID, "11010519491231002X", 0, small, sizeof small, &r), -1);
		CHECK_STR(r, "输入过长");
		CHECK_STR(small, "");
		CHECK_INT(val_check(VAL_ID, "11010519491231002X", 0, small, 0, &r), -1);
		/* norm may be NULL for a plain yes/no, reason may be NULL */
		CHECK_INT(val_check(VAL_ID, "11010519491231002X", 0, NULL, 0, NULL), 0);
		CHECK_INT(val_check(VAL_ID, "11010519491231002", 0, NULL, 0, NULL), -1);
	}
	/* unknown kind */
	{
		const char *r = NULL;

		CHECK_INT(val_check((enum val_kind)99, "1", 0, in, sizeof in, &r), -1);
		CHECK_STR(r, "未知的证件类型");
	}
}

static void test_id_future(void)
{
	char id[19];

	setenv("TIAOJIE_NOW", "2024-06-15 10:30:00", 1);
	ACCEPT(VAL_ID, make_id("31010120240615123", id), id); /* born today */
	REJECT(VAL_ID, make_id("31010120240616123", id), "出生日期晚于今天");
	REJECT(VAL_ID, make_id("31010120250101123", id), "出生日期晚于今天");
	ACCEPT(VAL_ID, make_id("31010120231231123", id), id);
	setenv("TIAOJIE_NOW", "2024-06-16", 1);
	ACCEPT(VAL_ID, make_id("31010120240616123", id), id);
	setenv("TIAOJIE_NOW", "2024-06-15", 1);
	/* a date that is invalid is reported as invalid, not as in the future */
	REJECT(VAL_ID, make_id("31010120990230123", id), "出生日期无效");
	/* the real clock is after 2024, so a 2099 birth is in the future too */
	unsetenv("TIAOJIE_NOW");
	REJECT(VAL_ID, make_id("31010120991231123", id), "出生日期晚于今天");
	ACCEPT(VAL_ID, make_id("31010120200101123", id), id);
	setenv("TIAOJIE_NOW", "2024-06-15", 1);
}

static void test_id_legacy(void)
{
	char g = 0, birth[11] = "";

	REJECT(VAL_ID, "110105491231002", "长度应为18位，实际为15位");
	ACCEPT_F(VAL_ID, "110105491231002", VAL_ALLOW_LEGACY15, "110105491231002");
	ACCEPT_F(VAL_ID, " 1101 0549 1231 003 ", VAL_ALLOW_LEGACY15, "110105491231003");
	ACCEPT_F(VAL_ID, "11010519491231002X", VAL_ALLOW_LEGACY15, "11010519491231002X");
	REJECT_F(VAL_ID, "110105490230002", VAL_ALLOW_LEGACY15, "出生日期无效");
	REJECT_F(VAL_ID, "990105491231002", VAL_ALLOW_LEGACY15, "地区码不是有效的省级行政区划代码");
	REJECT_F(VAL_ID, "11010549123100X", VAL_ALLOW_LEGACY15, "第15位字符X不允许");
	REJECT_F(VAL_ID, "1101054912310021", VAL_ALLOW_LEGACY15, "（或15位旧号码），实际为16位");

	CHECK_INT(val_id_info(VAL_ID, "110105491231002", &g, birth), 0);
	CHECK_INT(g, 'F');
	CHECK_STR(birth, "1949-12-31");
	CHECK_INT(val_id_info(VAL_ID, "310101800704123", &g, birth), 0);
	CHECK_INT(g, 'M');
	CHECK_STR(birth, "1980-07-04");
	/* 15 digits mean nothing for the residence permit */
	CHECK_INT(val_id_info(VAL_RESIDENCE, "110105491231002", &g, birth), -1);
}

static void test_residence(void)
{
	char id[19];

	ACCEPT(VAL_RESIDENCE, make_id("81000019900101123", id), id);
	ACCEPT(VAL_RESIDENCE, make_id("82000019751111002", id), id);
	ACCEPT(VAL_RESIDENCE, make_id("83000020010909456", id), id);
	make_id("83000020010909456", id);
	CHECK_INT(id[17], '7');
	ACCEPT(VAL_RESIDENCE, "８３００００２００１０９０９４５６７", "830000200109094567");
	REJECT(VAL_RESIDENCE, "11010519491231002X", "地区码应为810000");
	REJECT(VAL_RESIDENCE, make_id("81000119900101123", id), "地区码应为810000");
	REJECT(VAL_RESIDENCE, make_id("71000019900101123", id), "地区码应为810000");
	REJECT(VAL_RESIDENCE, make_bad_id("81000019900101123", id), "校验位错误");
	REJECT(VAL_RESIDENCE, make_id("82000019900230123", id), "出生日期无效");
	REJECT(VAL_RESIDENCE, make_id("82000020300101123", id), "出生日期晚于今天");
	REJECT(VAL_RESIDENCE, "8100001990010112", "长度应为18位，实际为16位");
	REJECT(VAL_RESIDENCE, "81000019900A01123X", "第12位字符A不允许");
	/* no 15-digit residence permits, even when legacy IDs are allowed */
	REJECT_F(VAL_RESIDENCE, "810000900101123", VAL_ALLOW_LEGACY15, "长度应为18位");
}

static void test_foreign_pr(void)
{
	char id[19];
	char g = 0, birth[11] = "";

	/* 2023: 9, province, nationality (840), birth, serial, check */
	ACCEPT(VAL_FOREIGN_PR, make_id("91184019850615001", id), id);
	ACCEPT(VAL_FOREIGN_PR, make_id("93139220000229012", id), id);
	ACCEPT(VAL_FOREIGN_PR, make_id("94415619700101998", id), id);
	REJECT(VAL_FOREIGN_PR, make_bad_id("91184019850615001", id), "校验位错误，应为");
	REJECT(VAL_FOREIGN_PR, make_id("99984019850615001", id), "地区码不是有效的省级行政区划代码");
	REJECT(VAL_FOREIGN_PR, make_id("98184019850615001", id), "地区码不是有效的省级行政区划代码");
	REJECT(VAL_FOREIGN_PR, make_id("91184019850631001", id), "出生日期无效");
	REJECT(VAL_FOREIGN_PR, make_id("91184020300101001", id), "出生日期晚于今天");
	REJECT(VAL_FOREIGN_PR, "11010519491231002X", "应以9开头");
	REJECT(VAL_FOREIGN_PR, "9118401985061500A1", "第17位字符A不允许");

	/* legacy: 3 letters, 4 digits, YYMMDD, 2 digits */
	ACCEPT(VAL_FOREIGN_PR, "USA110085061501", "USA110085061501");
	ACCEPT(VAL_FOREIGN_PR, "usa 1100 850615 01", "USA110085061501");
	ACCEPT(VAL_FOREIGN_PR, "ＣＡＮ３１００００１２３１９９", "CAN310000123199");
	ACCEPT(VAL_FOREIGN_PR, "GBR440100022901", "GBR440100022901"); /* 2000-02-29 */
	REJECT(VAL_FOREIGN_PR, "USA110085023001", "出生日期无效");
	REJECT(VAL_FOREIGN_PR, "USA110085130101", "出生日期无效");
	REJECT(VAL_FOREIGN_PR, "US1110085061501", "第3位字符1不允许");
	REJECT(VAL_FOREIGN_PR, "USA11008506150X", "第15位字符X不允许");
	REJECT(VAL_FOREIGN_PR, "USA1100850615011", "长度应为18位（新版）或15位（旧版），实际为16位");
	REJECT(VAL_FOREIGN_PR, "USA11008506", "实际为11位");

	CHECK_INT(val_id_info(VAL_FOREIGN_PR, make_id("91184019850615001", id), &g, birth), 0);
	CHECK_INT(g, 'M');
	CHECK_STR(birth, "1985-06-15");
	CHECK_INT(val_id_info(VAL_FOREIGN_PR, make_id("93139220000229012", id), &g, birth), 0);
	CHECK_INT(g, 'F');
	CHECK_STR(birth, "2000-02-29");
	CHECK_INT(val_id_info(VAL_FOREIGN_PR, "USA110085061501", &g, birth), -1);
}

static void test_hkmo(void)
{
	ACCEPT(VAL_HKMO, "H12345678", "H12345678");
	ACCEPT(VAL_HKMO, "M1234567890", "M1234567890");
	ACCEPT(VAL_HKMO, "h12345678", "H12345678");
	ACCEPT(VAL_HKMO, "Ｈ１２３４５６７８", "H12345678");
	ACCEPT(VAL_HKMO, " m 0123 4567 89 ", "M0123456789");
	REJECT(VAL_HKMO, "C12345678", "应以H（香港）或M（澳门）开头");
	REJECT(VAL_HKMO, "12345678", "应以H");
	REJECT(VAL_HKMO, "H1234567", "应为H或M加8位或10位数字，实际为7位数字");
	REJECT(VAL_HKMO, "H123456789", "实际为9位数字");
	REJECT(VAL_HKMO, "H123456789012", "实际为12位数字");
	REJECT(VAL_HKMO, "M", "实际为0位数字");
	REJECT(VAL_HKMO, "H1234A678", "第6位字符A不允许");
	REJECT(VAL_HKMO, "HM2345678", "第2位字符M不允许");
}

static void test_tw(void)
{
	ACCEPT(VAL_TW, "12345678", "12345678");
	ACCEPT(VAL_TW, "1234567890", "1234567890");
	ACCEPT(VAL_TW, "１２３４ ５６７８", "12345678");
	REJECT(VAL_TW, "123456789", "应为8位或10位数字，实际为9位");
	REJECT(VAL_TW, "1234567", "实际为7位");
	REJECT(VAL_TW, "12345678901", "实际为11位");
	REJECT(VAL_TW, "1234567A", "第8位字符A不允许");
	REJECT(VAL_TW, "T1234567", "第1位字符T不允许");
}

static void test_passport(void)
{
	ACCEPT(VAL_PASSPORT, "E12345678", "E12345678");
	ACCEPT(VAL_PASSPORT, "G1234567", "G1234567");
	ACCEPT(VAL_PASSPORT, "ab1234", "AB1234");
	ACCEPT(VAL_PASSPORT, "12345", "12345");
	ACCEPT(VAL_PASSPORT, "ＥＡ１２３４５６７", "EA1234567");
	ACCEPT(VAL_PASSPORT, "ABCDEFGHIJ0123456789", "ABCDEFGHIJ0123456789");
	REJECT(VAL_PASSPORT, "ABCDEFGHIJ01234567890", "长度应为5-20位，实际为21位");
	REJECT(VAL_PASSPORT, "1234", "长度应为5-20位，实际为4位");
	REJECT(VAL_PASSPORT, "E1234-567", "第6位字符-不允许");
	REJECT(VAL_PASSPORT, "护照E123456", "第1位字符护不允许");
	REJECT(VAL_PASSPORT, "E123/456", "只能包含字母和数字");
}

static void test_other(void)
{
	char in[64];

	ACCEPT(VAL_OTHER, "A-123", "A-123");
	ACCEPT(VAL_OTHER, "x", "X");
	ACCEPT(VAL_OTHER, "南字第0123456号", "南字第0123456号");
	ACCEPT(VAL_OTHER, "军字第１２３号", "军字第123号");
	memset(in, 'A', 40);
	in[40] = '\0';
	ACCEPT(VAL_OTHER, in, in);
	in[40] = 'B';
	in[41] = '\0';
	REJECT(VAL_OTHER, in, "长度应为1-40位，实际为41位");
	REJECT(VAL_OTHER, "A_1", "第2位字符_不允许");
	REJECT(VAL_OTHER, "A/1", "只能包含字母、数字和-");
	REJECT(VAL_OTHER, "第（1）号", "第2位字符(不允许");
	REJECT(VAL_OTHER, "№123", "第1位字符№不允许");
	REJECT(VAL_OTHER, " ", "未填写");
}

static void test_uscc(void)
{
	char c[19];

	/* published codes; the reference implementation agrees (test_reference) */
	ACCEPT(VAL_USCC, "91350100M000100Y43", "91350100M000100Y43");
	ACCEPT(VAL_USCC, "91330100799655058B", "91330100799655058B");
	ACCEPT(VAL_USCC, "91440300708461136T", "91440300708461136T");
	ACCEPT(VAL_USCC, "9144030071526726XG", "9144030071526726XG");
	ACCEPT(VAL_USCC, "91110108551385082q", "91110108551385082Q");
	ACCEPT(VAL_USCC, "9144030071526726xg", "9144030071526726XG");
	ACCEPT(VAL_USCC, "9135 0100 M000 100Y 43", "91350100M000100Y43");
	ACCEPT(VAL_USCC, "９１３５０１００ｍ０００１００ｙ４３", "91350100M000100Y43");
	ACCEPT(VAL_USCC, make_uscc("91310115MA1H7XK3R", c), c);
	ACCEPT(VAL_USCC, make_uscc("12100000400000000", c), c);
	ACCEPT(VAL_USCC, make_uscc("52440300MJL123456", c), c);
	ACCEPT(VAL_USCC, make_uscc("Y1310000ABCDEFGHJ", c), c);
	ACCEPT(VAL_USCC, make_uscc("N2320000KLMNPQRTU", c), c);
	ACCEPT(VAL_USCC, make_uscc("A1110000WXY012345", c), c);
	ACCEPT(VAL_USCC, make_uscc("31440000MD0123456", c), c);

	/* many generated codes: the module and the reference agree */
	{
		static const char alpha[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
		int ok = 0;
		int zero_seen = 0;

		for (unsigned i = 0; i < 310; i++) {
			char c17[18], n[32];
			const char *r;

			snprintf(c17, sizeof c17, "9144%04u%cA%c%06u", i, alpha[i % 31],
				 alpha[(i * 7) % 31], i * 13);
			make_uscc(c17, c);
			zero_seen += c[17] == '0';
			if (val_check(VAL_USCC, c, 0, n, sizeof n, &r) == 0)
				ok++;
			else
				fprintf(stderr, "uscc %s rejected: %s\n", c, r);
		}
		CHECK_INT(ok, 310);
		CHECK(zero_seen > 0, "no check character 0 among 310 codes");
	}

	REJECT(VAL_USCC, "91350100M000100Y44", "校验位错误，应为3");
	REJECT(VAL_USCC, "91110000600037242X", "校验位错误，应为2");
	REJECT(VAL_USCC, "91330100799655058A", "校验位错误，应为B");
	REJECT(VAL_USCC, "91350100M000100Y4", "长度应为18位，实际为17位");
	REJECT(VAL_USCC, "91350100M000100Y430", "长度应为18位，实际为19位");
	REJECT(VAL_USCC, "91350100I000100Y43", "第9位字符I不允许");
	REJECT(VAL_USCC, "91350100O000100Y43", "第9位字符O不允许");
	REJECT(VAL_USCC, "91350100Z000100Y43", "第9位字符Z不允许");
	REJECT(VAL_USCC, "91350100S000100Y43", "第9位字符S不允许");
	REJECT(VAL_USCC, "91350100V000100Y43", "第9位字符V不允许");
	REJECT(VAL_USCC, "91350100M000100-43", "第16位字符-不允许");
	REJECT(VAL_USCC, make_uscc("01350100M000100Y4", c), "第1位登记管理部门代码0不允许");
	REJECT(VAL_USCC, make_uscc("B1350100M000100Y4", c), "第1位登记管理部门代码B不允许");
}

static void test_phone(void)
{
	ACCEPT(VAL_PHONE, "13812345678", "13812345678");
	ACCEPT(VAL_PHONE, "19912345678", "19912345678");
	ACCEPT(VAL_PHONE, "+86 138 1234 5678", "13812345678");
	ACCEPT(VAL_PHONE, "+8613812345678", "13812345678");
	ACCEPT(VAL_PHONE, "8613812345678", "13812345678");
	ACCEPT(VAL_PHONE, "0086 138 1234 5678", "13812345678");
	ACCEPT(VAL_PHONE, "138-1234-5678", "13812345678");
	ACCEPT(VAL_PHONE, "+86-138-1234-5678", "13812345678");
	ACCEPT(VAL_PHONE, "１３８１２３４５６７８", "13812345678");
	ACCEPT(VAL_PHONE, "＋８６　１３８１２３４５６７８", "13812345678");
	REJECT(VAL_PHONE, "138123456789", "手机号应为11位，以13-19开头");
	REJECT(VAL_PHONE, "1381234567", "手机号应为11位，以13-19开头");
	REJECT(VAL_PHONE, "12812345678", "手机号应为11位，以13-19开头");
	REJECT(VAL_PHONE, "10012345678", "手机号应为11位，以13-19开头");
	REJECT(VAL_PHONE, "+86 1281234567", "手机号应为11位，以13-19开头");
	REJECT(VAL_PHONE, "+85 13812345678", "国际号码的国家代码不存在");
	/* international numbers (E.164): + or 00, a country code in use, 8-15 digits */
	ACCEPT(VAL_PHONE, "+1 415 555 0123", "+14155550123");
	ACCEPT(VAL_PHONE, "+1 (415) 555-0123", "+14155550123");
	ACCEPT(VAL_PHONE, "001 415 555 0123", "+14155550123");
	ACCEPT(VAL_PHONE, "+852 9123 4567", "+85291234567");
	ACCEPT(VAL_PHONE, "+886 912 345 678", "+886912345678");
	ACCEPT(VAL_PHONE, "+44 20 7946 0958", "+442079460958");
	ACCEPT(VAL_PHONE, "＋８１　３　１２３４　５６７８", "+81312345678");
	ACCEPT(VAL_PHONE, "+998 71 123 4567", "+998711234567");
	REJECT(VAL_PHONE, "+1 415 555", "国际号码应为+国家代码加号码，共8至15位数字");
	REJECT(VAL_PHONE, "+44 1234 5678 9012 3456", "国际号码应为+国家代码加号码，共8至15位数字");
	REJECT(VAL_PHONE, "+0 123 4567 890", "国际号码的国家代码不存在");
	REJECT(VAL_PHONE, "+259 123 456 789", "国际号码的国家代码不存在");
	REJECT(VAL_PHONE, "+1 415 CALL NOW", "国际号码只能有+、国家代码和数字");

	ACCEPT(VAL_PHONE, "021-12345678", "021-12345678");
	ACCEPT(VAL_PHONE, "02112345678", "021-12345678");
	ACCEPT(VAL_PHONE, "021 1234 5678", "021-12345678");
	ACCEPT(VAL_PHONE, "075512345678", "0755-12345678");
	ACCEPT(VAL_PHONE, "0755-1234567", "0755-1234567");
	ACCEPT(VAL_PHONE, "07551234567", "0755-1234567");
	ACCEPT(VAL_PHONE, "010-1234567-123", "010-1234567-123");
	ACCEPT(VAL_PHONE, "01012345678", "010-12345678");
	ACCEPT(VAL_PHONE, "(021)12345678", "021-12345678");
	ACCEPT(VAL_PHONE, "（０７５５）８８８８８８８８", "0755-88888888");
	ACCEPT(VAL_PHONE, "021－12345678", "021-12345678");
	ACCEPT(VAL_PHONE, "021-12345678转123", "021-12345678-123");
	ACCEPT(VAL_PHONE, "02112345678-123456", "021-12345678-123456");
	REJECT(VAL_PHONE, "010-1234567-1234567", "固话应为区号");
	REJECT(VAL_PHONE, "021-123456", "固话应为区号");
	REJECT(VAL_PHONE, "021-123456789", "固话应为区号");
	REJECT(VAL_PHONE, "075-12345678", "区号无效");
	REJECT(VAL_PHONE, "0211-12345678", "区号无效");
	REJECT(VAL_PHONE, "01112345678", "固话应为区号");
	REJECT(VAL_PHONE, "62345678", "不是有效的电话号码（手机号、带区号的固话或+国家代码的国际号码）");
	REJECT(VAL_PHONE, "12345678", "手机号应为11位");
	REJECT(VAL_PHONE, "abc", "不是有效的电话号码");
	REJECT(VAL_PHONE, "电话13812345678", "不是有效的电话号码");
	REJECT(VAL_PHONE, "13812345678\x01", "含有控制字符");
	REJECT(VAL_PHONE, "", "未填写");
	{
		char small[12], n[12];
		const char *r = NULL;

		CHECK_INT(val_check(VAL_PHONE, "+86 138 1234 5678", 0, n, sizeof n, &r), 0);
		CHECK_STR(n, "13812345678");
		CHECK_INT(val_check(VAL_PHONE, "021-12345678", 0, small, sizeof small, &r), -1);
		CHECK_STR(r, "输入过长");
	}
}

static void test_overlong(void)
{
	size_t len = 10 * 1024;
	char *big = malloc(len + 1);
	int rejected = 0;

	if (!big) {
		CHECK(0, "malloc");
		return;
	}
	memset(big, '1', len);
	big[len] = '\0';
	for (int k = 0; k < VAL_KIND_COUNT; k++) {
		char n[64];
		const char *r = NULL;

		if (val_check((enum val_kind)k, big, VAL_ALLOW_LEGACY15, n, sizeof n, &r) == -1 &&
		    r && strcmp(r, "输入过长") == 0 && n[0] == '\0')
			rejected++;
	}
	CHECK_INT(rejected, VAL_KIND_COUNT);
	/* 10 KB of full-width digits, of spaces around a valid number */
	{
		size_t fw = 3 * 3000;
		char *w = malloc(fw + 1);

		if (w) {
			for (size_t i = 0; i < fw; i += 3)
				memcpy(w + i, "１", 3);
			w[fw] = '\0';
			REJECT(VAL_ID, w, "输入过长");
			free(w);
		}
		memset(big, ' ', len);
		memcpy(big + len / 2, "11010519491231002X", 18);
		ACCEPT(VAL_ID, big, "11010519491231002X");
		big[len - 1] = '\x02';
		REJECT(VAL_ID, big, "含有控制字符");
		big[len - 1] = '\xff';
		REJECT(VAL_ID, big, "含有无效的UTF-8字节");
	}
	/* just over the working limit: still a length reason, not a crash */
	memset(big, '2', 300);
	big[300] = '\0';
	REJECT(VAL_TW, big, "输入过长");
	big[200] = '\0';
	REJECT(VAL_TW, big, "实际为200位");
	free(big);
}

static void test_id_info(void)
{
	char id[19], g = 0, birth[11] = "";

	CHECK_INT(val_id_info(VAL_ID, "11010519491231002X", &g, birth), 0);
	CHECK_INT(g, 'F');
	CHECK_STR(birth, "1949-12-31");
	CHECK_INT(val_id_info(VAL_ID, make_id("44030119800101001", id), &g, birth), 0);
	CHECK_INT(g, 'M');
	CHECK_STR(birth, "1980-01-01");
	CHECK_INT(val_id_info(VAL_RESIDENCE, make_id("81000019751130999", id), &g, birth), 0);
	CHECK_INT(g, 'M');
	CHECK_STR(birth, "1975-11-30");
	/* gender or birth alone */
	g = 0;
	CHECK_INT(val_id_info(VAL_ID, make_id("31010120000229008", id), &g, NULL), 0);
	CHECK_INT(g, 'F');
	CHECK_INT(val_id_info(VAL_ID, id, NULL, birth), 0);
	CHECK_STR(birth, "2000-02-29");
	/* kinds that encode nothing */
	CHECK_INT(val_id_info(VAL_PASSPORT, "E12345678", &g, birth), -1);
	CHECK_INT(val_id_info(VAL_HKMO, "H12345678", &g, birth), -1);
	CHECK_INT(val_id_info(VAL_USCC, "91110000600037242X", &g, birth), -1);
	CHECK_INT(val_id_info(VAL_FOREIGN_PR, "11010519491231002X", &g, birth), -1);
	CHECK_INT(val_id_info(VAL_ID, NULL, &g, birth), -1);
	CHECK_INT(val_id_info(VAL_ID, "1101051949", &g, birth), -1);
}

static void test_mask(void)
{
	char out[64], tiny[5];

	CHECK_STR(val_mask("310101199001014258", out, sizeof out), "310101********4258");
	CHECK_STR(val_mask("11010519491231002X", out, sizeof out), "110105********002X");
	CHECK_STR(val_mask("H12345678", out, sizeof out), "H1*****78");
	CHECK_STR(val_mask("ABCDE", out, sizeof out), "AB*DE");
	CHECK_STR(val_mask("ABCD", out, sizeof out), "****");
	CHECK_STR(val_mask("ABC", out, sizeof out), "***");
	CHECK_STR(val_mask("A", out, sizeof out), "*");
	CHECK_STR(val_mask("", out, sizeof out), "");
	CHECK_STR(val_mask(NULL, out, sizeof out), "");
	CHECK_STR(val_mask("110105491231002", out, sizeof out), "11***********02");
	CHECK_STR(val_mask("ABCDEFGHIJ0123456789", out, sizeof out), "ABCDEF**********6789");
	/* characters, not bytes */
	CHECK_STR(val_mask("南字第0123456号", out, sizeof out), "南字*******6号");
	/* a short buffer truncates and stays terminated */
	CHECK_STR(val_mask("11010519491231002X", tiny, sizeof tiny), "1101");
	CHECK_STR(val_mask("南字第0123456号", tiny, sizeof tiny), "南");
	CHECK(val_mask("ABC", out, sizeof out) == out, "val_mask returns out");
}

static void test_province(void)
{
	int n = 0;

	CHECK_STR(val_province_name("11"), "北京市");
	CHECK_STR(val_province_name("31"), "上海市");
	CHECK_STR(val_province_name("44"), "广东省");
	CHECK_STR(val_province_name("15"), "内蒙古自治区");
	CHECK_STR(val_province_name("65"), "新疆维吾尔自治区");
	CHECK_STR(val_province_name("71"), "台湾省");
	CHECK_STR(val_province_name("81"), "香港特别行政区");
	CHECK_STR(val_province_name("82"), "澳门特别行政区");
	CHECK(val_province_name("83") == NULL, "83");
	CHECK(val_province_name("99") == NULL, "99");
	CHECK(val_province_name("00") == NULL, "00");
	CHECK(val_province_name("1") == NULL, "one digit");
	CHECK(val_province_name("") == NULL, "empty");
	CHECK(val_province_name(NULL) == NULL, "NULL");
	CHECK(val_province_name("1a") == NULL, "letter");
	/* the first two characters of a whole number are enough */
	CHECK_STR(val_province_name("11010519491231002X"), "北京市");
	for (unsigned i = 0; i < 100; i++) {
		char code[3];

		snprintf(code, sizeof code, "%02u", i);
		n += val_province_name(code) != NULL;
	}
	CHECK_INT(n, 34);
}

static void test_kinds(void)
{
	static const char *const kw[] = {"id",       "residence", "foreign-pr",
					  "hkmo",     "tw",        "passport",
					  "other",    "uscc",      "phone"};
	int ok = 0;

	CHECK_INT(TJ_ARRAY_LEN(kw), VAL_KIND_COUNT);
	for (int k = 0; k < VAL_KIND_COUNT; k++) {
		ok += strcmp(val_kind_keyword((enum val_kind)k), kw[k]) == 0 &&
		      val_kind_from_keyword(kw[k]) == k &&
		      val_kind_from_keyword(val_kind_name((enum val_kind)k)) == k;
	}
	CHECK_INT(ok, VAL_KIND_COUNT);
	CHECK_STR(val_kind_name(VAL_ID), "居民身份证");
	CHECK_STR(val_kind_name(VAL_RESIDENCE), "港澳台居民居住证");
	CHECK_STR(val_kind_name(VAL_FOREIGN_PR), "外国人永久居留身份证");
	CHECK_STR(val_kind_name(VAL_HKMO), "港澳居民来往内地通行证");
	CHECK_STR(val_kind_name(VAL_TW), "台湾居民来往大陆通行证");
	CHECK_STR(val_kind_name(VAL_PASSPORT), "护照");
	CHECK_STR(val_kind_name(VAL_USCC), "统一社会信用代码");
	CHECK_INT(val_kind_from_keyword("ID"), -1);
	CHECK_INT(val_kind_from_keyword("mobile"), -1);
	CHECK_INT(val_kind_from_keyword(""), -1);
	CHECK_INT(val_kind_from_keyword(NULL), -1);
	CHECK(val_kind_keyword(VAL_KIND_COUNT) != NULL, "out of range keyword");
	CHECK(val_kind_name(VAL_KIND_COUNT) != NULL, "out of range name");
}

static void test_reason_buffer(void)
{
	char n[32], saved[128];
	const char *r1 = NULL, *r2 = NULL;

	/* a reason naming a check digit lives in a static buffer: copy it */
	val_check(VAL_ID, "110105194912310021", 0, n, sizeof n, &r1);
	snprintf(saved, sizeof saved, "%s", r1);
	val_check(VAL_USCC, "91350100M000100Y44", 0, n, sizeof n, &r2);
	CHECK_STR(saved, "校验位错误，应为X");
	CHECK_STR(r2, "校验位错误，应为3");
	/* a successful check leaves *reason alone */
	r1 = "untouched";
	CHECK_INT(val_check(VAL_TW, "12345678", 0, n, sizeof n, &r1), 0);
	CHECK_STR(r1, "untouched");
}

int main(void)
{
	/* fixed "today" for every date-dependent check */
	setenv("TIAOJIE_NOW", "2024-06-15", 1);

	test_reference();
	test_normalize();
	test_id_valid();
	test_id_invalid();
	test_id_future();
	test_id_legacy();
	test_residence();
	test_foreign_pr();
	test_hkmo();
	test_tw();
	test_passport();
	test_other();
	test_uscc();
	test_phone();
	test_overlong();
	test_id_info();
	test_mask();
	test_province();
	test_kinds();
	test_reason_buffer();
	return tap_done();
}
