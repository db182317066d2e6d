/*
 * validate.c - checks the numbers a clerk types at the counter: identity
 * documents, unified social credit codes and phone numbers (SPEC §8).
 *
 * Every check runs in three steps.  val_normalize() turns what a Chinese
 * IME produces into plain ASCII (full-width digits and letters, ideographic
 * spaces, lower case "x"), and rejects bytes that are not UTF-8 or contain
 * control characters.  A PCRE2 pattern then decides the shape; the patterns
 * are compiled once, the first time any value is checked, and live until the
 * program ends together with one shared match data block (the program is
 * single-threaded).  Finally the check digit, region code and birth date are
 * verified in C.  When the pattern fails, plain C code works out *why*, so
 * the clerk reads "长度应为18位，实际为17位" rather than a bare "格式错误".
 *
 * The screens, the command line and the db layer all call val_check() and
 * store the normalised value it returns, so a number is stored one way only
 * however it was typed.  Nothing here touches curses or SQL.
 *
 * The date "today" (for birth dates in the future) is calendar.c's
 * tj_today(), the one clock (test builds honour TIAOJIE_NOW there).
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include "tiaojie/validate.h"
#include "tiaojie/calendar.h"
#include "tiaojie/util.h"

#include <pcre2.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Longest normalised value examined.  Every valid value is at most 40
 * characters, so anything longer is rejected as 输入过长 without further
 * work; 256 leaves room for a useful "实际为N位" on moderately long input.
 */
#define VAL_WORK_MAX 256

static const char R_UTF8[] = "含有无效的UTF-8字节";
static const char R_CTRL[] = "含有控制字符";
static const char R_LONG[] = "输入过长";
static const char R_EMPTY[] = "未填写";
static const char R_REGION[] = "地区码不是有效的省级行政区划代码";
static const char R_BIRTH[] = "出生日期无效";
static const char R_FUTURE[] = "出生日期晚于今天";

/* Reasons that name a position, a length or the expected check character. */
static char reason_buf[256];

static const char *reason_fmt(const char *fmt, ...) TJ_PRINTF(1, 2);

static const char *reason_fmt(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason_buf, sizeof reason_buf, fmt, ap);
	va_end(ap);
	return reason_buf;
}

static int fail(const char **reason, const char *r)
{
	if (reason)
		*reason = r;
	return -1;
}

/* ---- kinds ---------------------------------------------------------------- */

static const struct {
	const char *keyword;
	const char *name;
} kinds[VAL_KIND_COUNT] = {
	[VAL_ID] = {"id", "居民身份证"},
	[VAL_RESIDENCE] = {"residence", "港澳台居民居住证"},
	[VAL_FOREIGN_PR] = {"foreign-pr", "外国人永久居留身份证"},
	[VAL_HKMO] = {"hkmo", "港澳居民来往内地通行证"},
	[VAL_TW] = {"tw", "台湾居民来往大陆通行证"},
	[VAL_PASSPORT] = {"passport", "护照"},
	[VAL_OTHER] = {"other", "其他证件"},
	[VAL_USCC] = {"uscc", "统一社会信用代码"},
	[VAL_PHONE] = {"phone", "电话号码"},
};

const char *val_kind_keyword(enum val_kind k)
{
	if ((unsigned)k >= VAL_KIND_COUNT)
		return "?";
	return kinds[k].keyword;
}

const char *val_kind_name(enum val_kind k)
{
	if ((unsigned)k >= VAL_KIND_COUNT)
		return "未知证件";
	return kinds[k].name;
}

int val_kind_from_keyword(const char *kw)
{
	if (!kw)
		return -1;
	for (int i = 0; i < VAL_KIND_COUNT; i++)
		if (strcmp(kw, kinds[i].keyword) == 0 || strcmp(kw, kinds[i].name) == 0)
			return i;
	return -1;
}

/* ---- provinces ------------------------------------------------------------ */

/* GB/T 2260 province-level codes.  71, 81 and 82 exist as regions but no
 * 居民身份证 is issued there; residence permits use 810000/820000/830000. */
static const struct {
	char code[3];
	unsigned char mainland;
	const char *name;
} provinces[] = {
	{"11", 1, "北京市"},         {"12", 1, "天津市"},
	{"13", 1, "河北省"},         {"14", 1, "山西省"},
	{"15", 1, "内蒙古自治区"},   {"21", 1, "辽宁省"},
	{"22", 1, "吉林省"},         {"23", 1, "黑龙江省"},
	{"31", 1, "上海市"},         {"32", 1, "江苏省"},
	{"33", 1, "浙江省"},         {"34", 1, "安徽省"},
	{"35", 1, "福建省"},         {"36", 1, "江西省"},
	{"37", 1, "山东省"},         {"41", 1, "河南省"},
	{"42", 1, "湖北省"},         {"43", 1, "湖南省"},
	{"44", 1, "广东省"},         {"45", 1, "广西壮族自治区"},
	{"46", 1, "海南省"},         {"50", 1, "重庆市"},
	{"51", 1, "四川省"},         {"52", 1, "贵州省"},
	{"53", 1, "云南省"},         {"54", 1, "西藏自治区"},
	{"61", 1, "陕西省"},         {"62", 1, "甘肃省"},
	{"63", 1, "青海省"},         {"64", 1, "宁夏回族自治区"},
	{"65", 1, "新疆维吾尔自治区"}, {"71", 0, "台湾省"},
	{"81", 0, "香港特别行政区"}, {"82", 0, "澳门特别行政区"},
};

static int province_index(const char *s)
{
	if (!s || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	for (size_t i = 0; i < TJ_ARRAY_LEN(provinces); i++)
		if (provinces[i].code[0] == s[0] && provinces[i].code[1] == s[1])
			return (int)i;
	return -1;
}

const char *val_province_name(const char *two_digits)
{
	int i = province_index(two_digits);

	return i < 0 ? NULL : provinces[i].name;
}

static int province_mainland(const char *s)
{
	int i = province_index(s);

	return i >= 0 && provinces[i].mainland;
}

/* ---- UTF-8 and normalisation ---------------------------------------------- */

/* Code point at s, which is known to be valid UTF-8; *n gets its length. */
static uint32_t cp_decode(const unsigned char *s, size_t *n)
{
	if (s[0] < 0x80) {
		*n = 1;
		return s[0];
	}
	if (s[0] < 0xE0) {
		*n = 2;
		return ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
	}
	if (s[0] < 0xF0) {
		*n = 3;
		return ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) |
		       (s[2] & 0x3F);
	}
	*n = 4;
	return ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
	       ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}

enum { MAP_KEEP = 0, MAP_DROP = -1, MAP_CONTROL = -2 };

/*
 * What normalisation does with one code point: an ASCII character to put
 * instead, MAP_KEEP (copy unchanged), MAP_DROP (a space of some kind) or
 * MAP_CONTROL (reject).  Zero-width spaces and the byte order mark come
 * with text pasted from web pages and office files, so they are dropped
 * like spaces; bidirectional controls and line separators are refused.
 */
static int cp_map(uint32_t c)
{
	if (c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000 || c == 0x200B || c == 0xFEFF)
		return MAP_DROP;
	if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
		return MAP_CONTROL;
	if ((c >= 0x200E && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) ||
	    (c >= 0x2066 && c <= 0x2069))
		return MAP_CONTROL;
	if (c >= 'a' && c <= 'z')
		return (int)(c - 'a' + 'A');
	if (c >= 0xFF10 && c <= 0xFF19)
		return (int)(c - 0xFF10 + '0');
	if (c >= 0xFF21 && c <= 0xFF3A)
		return (int)(c - 0xFF21 + 'A');
	if (c >= 0xFF41 && c <= 0xFF5A)
		return (int)(c - 0xFF41 + 'A');
	switch (c) {
	case 0xFF0B:
		return '+';
	case 0xFF0D: /* full-width hyphen-minus, what the IME types for '-' */
	case 0x2010: /* hyphen */
	case 0x2011: /* non-breaking hyphen */
	case 0x2012: /* figure dash */
	case 0x2013: /* en dash */
	case 0x2212: /* minus sign */
		return '-';
	case 0xFF08:
		return '(';
	case 0xFF09:
		return ')';
	}
	return MAP_KEEP;
}

int val_normalize(const char *in, char *out, size_t outlen, const char **reason)
{
	const unsigned char *p;
	size_t len, i, o = 0;
	int overflow = 0;

	if (out && outlen)
		out[0] = '\0';
	if (!in)
		in = "";
	len = strlen(in);
	if (!utf8_valid(in, len))
		return fail(reason, R_UTF8);

	p = (const unsigned char *)in;
	for (i = 0; i < len;) {
		size_t n;
		int m = cp_map(cp_decode(p + i, &n));

		if (m == MAP_CONTROL)
			return fail(reason, R_CTRL);
		if (m != MAP_DROP && !overflow) {
			size_t add = m == MAP_KEEP ? n : 1;

			if (!out || o + add >= outlen) {
				/* keep scanning: a control character further on is
				 * the better reason */
				overflow = 1;
			} else if (m == MAP_KEEP) {
				memcpy(out + o, p + i, n);
				o += n;
			} else {
				out[o++] = (char)m;
			}
		}
		i += n;
	}
	if (overflow) {
		if (out && outlen)
			out[0] = '\0';
		return fail(reason, R_LONG);
	}
	out[o] = '\0';
	return 0;
}

/* Position (1-based, in characters) and text of the first character of s
 * that ok() refuses, as "第N位字符X不允许"; NULL when all are allowed. */
static const char *first_bad_char(const char *s, int (*ok)(size_t pos, const char *c, size_t n),
				  const char *tail)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t pos = 0;

	while (*p) {
		size_t n;

		cp_decode(p, &n);
		pos++;
		if (!ok(pos, (const char *)p, n))
			return reason_fmt("第%zu位字符%.*s不允许%s", pos, (int)n, (const char *)p,
					  tail);
		p += n;
	}
	return NULL;
}

/* ---- patterns --------------------------------------------------------------- */

enum pat {
	PAT_ID18,
	PAT_ID15,
	PAT_FPR2023,
	PAT_FPR_OLD,
	PAT_HKMO,
	PAT_TW,
	PAT_PASSPORT,
	PAT_OTHER,
	PAT_USCC,
	PAT_MOBILE,
	PAT_LAND_SEP,
	PAT_LAND_JOIN,
	PAT_COUNT
};

static const char *const pat_src[PAT_COUNT] = {
	[PAT_ID18] = "\\A[0-9]{17}[0-9X]\\z",
	[PAT_ID15] = "\\A[0-9]{15}\\z",
	[PAT_FPR2023] = "\\A9[0-9]{16}[0-9X]\\z",
	[PAT_FPR_OLD] = "\\A[A-Z]{3}[0-9]{12}\\z",
	[PAT_HKMO] = "\\A[HM](?:[0-9]{8}|[0-9]{10})\\z",
	[PAT_TW] = "\\A(?:[0-9]{8}|[0-9]{10})\\z",
	[PAT_PASSPORT] = "\\A[A-Z0-9]{5,20}\\z",
	/* \p{L}: 其他证件 such as 军官证 carry Chinese ("南字第0123456号") */
	[PAT_OTHER] = "\\A[\\p{L}0-9-]{1,40}\\z",
	[PAT_USCC] = "\\A[1-9ANY][0-9A-HJ-NPQRTUWXY]{17}\\z",
	/* matched after removing '-': "138-1234-5678", "+86-138..." */
	[PAT_MOBILE] = "\\A(?:\\+86|0086|86)?(1[3-9][0-9]{9})\\z",
	/* "021-12345678", "(0755)1234567", extension "-123" or "转123" */
	[PAT_LAND_SEP] = "\\A(?:\\((0[0-9]{2,3})\\)-?|(0[0-9]{2,3})-)([1-9][0-9]{6,7})"
			 "(?:(?:-|转)([0-9]{1,6}))?\\z",
	/* without a separator the area code length follows from its digits */
	[PAT_LAND_JOIN] = "\\A(010|02[0-9]|0[3-9][0-9]{2})([1-9][0-9]{6,7})"
			  "(?:(?:-|转)([0-9]{1,6}))?\\z",
};

static pcre2_code *pat_code[PAT_COUNT];
static pcre2_match_data *pat_md;

static void pat_init(void)
{
	if (pat_md)
		return;
	for (int i = 0; i < PAT_COUNT; i++) {
		int err;
		PCRE2_SIZE off;

		pat_code[i] = pcre2_compile((PCRE2_SPTR)pat_src[i], PCRE2_ZERO_TERMINATED,
					    PCRE2_UTF, &err, &off, NULL);
		if (!pat_code[i]) {
			PCRE2_UCHAR msg[256];

			if (pcre2_get_error_message(err, msg, sizeof msg) < 0)
				snprintf((char *)msg, sizeof msg, "error %d", err);
			tj_fatal("PCRE2 模式 %d 编译失败（位置 %zu）：%s", i, (size_t)off,
				 (const char *)msg);
		}
	}
	/* the most capture groups in any pattern is 4 */
	pat_md = pcre2_match_data_create(8, NULL);
	if (!pat_md)
		tj_fatal("PCRE2: 内存不足");
}

/* 1 when s matches pattern p (captures in pat_md), 0 otherwise.  The input
 * was checked to be UTF-8 by val_normalize, so a match error other than "no
 * match" means something is badly wrong; it is logged and counts as no
 * match, which rejects the value rather than letting it through. */
static int pat_match(enum pat p, const char *s)
{
	int rc;

	pat_init();
	rc = pcre2_match(pat_code[p], (PCRE2_SPTR)s, strlen(s), 0, 0, pat_md, NULL);
	if (rc >= 0)
		return 1;
	if (rc != PCRE2_ERROR_NOMATCH) {
		PCRE2_UCHAR msg[256];

		if (pcre2_get_error_message(rc, msg, sizeof msg) < 0)
			snprintf((char *)msg, sizeof msg, "error %d", rc);
		tj_error("PCRE2 匹配失败：%s", (const char *)msg);
	}
	return 0;
}

/* Capture group g of the last match, as pointer and length; 0 when unset. */
static size_t pat_group(int g, const char *s, const char **start)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(pat_md);

	if ((uint32_t)g >= pcre2_get_ovector_count(pat_md) || ov[2 * g] == PCRE2_UNSET)
		return 0;
	*start = s + ov[2 * g];
	return ov[2 * g + 1] - ov[2 * g];
}

/* ---- dates ------------------------------------------------------------------ */

static int digits_value(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* An eight-digit YYYYMMDD birth date: NULL when fine, else the reason. */
static const char *birth_check(const char *s)
{
	int y = digits_value(s, 4), m = digits_value(s + 4, 2), d = digits_value(s + 6, 2);

	/* years past calendar.c's range are still real dates: "in the future" */
	if (y < 1900 || m < 1 || d < 1 || d > date_days_in_month(y, m))
		return R_BIRTH;
	if (date_from_ymd(y, m, d) > tj_today())
		return R_FUTURE;
	return NULL;
}

/* ---- check characters ------------------------------------------------------- */

/* ISO 7064 MOD 11-2 over the first 17 digits (GB 11643). */
static char id_check_char(const char *s)
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	static const char map[] = "10X98765432";
	int sum = 0;

	for (int i = 0; i < 17; i++)
		sum += (s[i] - '0') * w[i];
	return map[sum % 11];
}

static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* GB 32100-2015: mod 31 over the first 17 characters. */
static char uscc_check_char(const char *s)
{
	static const int w[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
	int sum = 0, c;

	for (int i = 0; i < 17; i++)
		sum += (int)(strchr(uscc_alphabet, s[i]) - uscc_alphabet) * w[i];
	c = 31 - sum % 31;
	return uscc_alphabet[c == 31 ? 0 : c];
}

/* ---- per-kind checks: NULL when valid, else the reason ---------------------- */

static int ok_id_char(size_t pos, const char *c, size_t n)
{
	return n == 1 && ((*c >= '0' && *c <= '9') || (pos == 18 && *c == 'X'));
}

/* The 18-character numbers share everything but the region rule. */
enum region_rule { REGION_MAINLAND, REGION_HKMOTW };

static const char *check_id18(const char *s, enum region_rule rule)
{
	const char *r;
	char want;

	if (!pat_match(PAT_ID18, s)) {
		r = first_bad_char(s, ok_id_char, "，只能包含数字，最后一位可为X");
		return r ? r : "只能包含数字，最后一位可为X";
	}
	if (rule == REGION_MAINLAND && !province_mainland(s))
		return R_REGION;
	if (rule == REGION_HKMOTW && strncmp(s, "810000", 6) != 0 &&
	    strncmp(s, "820000", 6) != 0 && strncmp(s, "830000", 6) != 0)
		return "地区码应为810000（香港）、820000（澳门）或830000（台湾）";
	if ((r = birth_check(s + 6)))
		return r;
	want = id_check_char(s);
	if (s[17] != want)
		return reason_fmt("校验位错误，应为%c", want);
	return NULL;
}

static const char *check_id(const char *s, unsigned flags)
{
	size_t n = utf8_chars(s);

	if (n == 15 && (flags & VAL_ALLOW_LEGACY15)) {
		char birth[9];

		if (!pat_match(PAT_ID15, s)) {
			const char *r = first_bad_char(s, ok_id_char, "，15位旧号码只能包含数字");

			return r ? r : "15位旧号码只能包含数字";
		}
		if (!province_mainland(s))
			return R_REGION;
		birth[0] = '1';
		birth[1] = '9';
		memcpy(birth + 2, s + 6, 6);
		birth[8] = '\0';
		return birth_check(birth);
	}
	if (n != 18) {
		if (flags & VAL_ALLOW_LEGACY15)
			return reason_fmt("长度应为18位（或15位旧号码），实际为%zu位", n);
		return reason_fmt("长度应为18位，实际为%zu位", n);
	}
	return check_id18(s, REGION_MAINLAND);
}

static const char *check_residence(const char *s)
{
	size_t n = utf8_chars(s);

	if (n != 18)
		return reason_fmt("长度应为18位，实际为%zu位", n);
	return check_id18(s, REGION_HKMOTW);
}

static int ok_fpr_old_char(size_t pos, const char *c, size_t n)
{
	if (n != 1)
		return 0;
	if (pos <= 3)
		return *c >= 'A' && *c <= 'Z';
	return *c >= '0' && *c <= '9';
}

static const char *check_foreign_pr(const char *s)
{
	size_t n = utf8_chars(s);

	if (n == 18) {
		char want;
		const char *r;

		if (s[0] != '9')
			return "18位的新版号码应以9开头";
		if (!pat_match(PAT_FPR2023, s)) {
			r = first_bad_char(s, ok_id_char, "，只能包含数字，最后一位可为X");
			return r ? r : "只能包含数字，最后一位可为X";
		}
		if (!province_mainland(s + 1))
			return R_REGION;
		if ((r = birth_check(s + 6)))
			return r;
		want = id_check_char(s);
		if (s[17] != want)
			return reason_fmt("校验位错误，应为%c", want);
		return NULL;
	}
	if (n == 15) {
		int y, m, d;

		if (!pat_match(PAT_FPR_OLD, s)) {
			const char *r = first_bad_char(s, ok_fpr_old_char,
						       "，旧版号码应为3位国籍代码字母加12位数字");

			return r ? r : "旧版号码应为3位国籍代码字母加12位数字";
		}
		/* YYMMDD at positions 8-13; the century is not written, so
		 * 29 February counts if either century makes it a leap year */
		y = digits_value(s + 7, 2);
		m = digits_value(s + 9, 2);
		d = digits_value(s + 11, 2);
		if (!date_valid(1900 + y, m, d) && !date_valid(2000 + y, m, d))
			return R_BIRTH;
		return NULL;
	}
	return reason_fmt("长度应为18位（新版）或15位（旧版），实际为%zu位", n);
}

static int ok_digit(size_t pos, const char *c, size_t n)
{
	(void)pos;
	return n == 1 && *c >= '0' && *c <= '9';
}

static int ok_hkmo_char(size_t pos, const char *c, size_t n)
{
	if (pos == 1)
		return n == 1 && (*c == 'H' || *c == 'M');
	return ok_digit(pos, c, n);
}

static const char *check_hkmo(const char *s)
{
	size_t n = utf8_chars(s);
	const char *r;

	if (pat_match(PAT_HKMO, s))
		return NULL;
	if (s[0] != 'H' && s[0] != 'M')
		return "应以H（香港）或M（澳门）开头";
	if ((r = first_bad_char(s, ok_hkmo_char, "，H或M之后只能是数字")))
		return r;
	return reason_fmt("应为H或M加8位或10位数字，实际为%zu位数字", n - 1);
}

static const char *check_tw(const char *s)
{
	size_t n = utf8_chars(s);
	const char *r;

	if (pat_match(PAT_TW, s))
		return NULL;
	if ((r = first_bad_char(s, ok_digit, "，只能包含数字")))
		return r;
	return reason_fmt("应为8位或10位数字，实际为%zu位", n);
}

static int ok_alnum(size_t pos, const char *c, size_t n)
{
	(void)pos;
	return n == 1 && ((*c >= '0' && *c <= '9') || (*c >= 'A' && *c <= 'Z'));
}

static const char *check_passport(const char *s)
{
	size_t n = utf8_chars(s);
	const char *r;

	if (pat_match(PAT_PASSPORT, s))
		return NULL;
	if ((r = first_bad_char(s, ok_alnum, "，只能包含字母和数字")))
		return r;
	return reason_fmt("长度应为5-20位，实际为%zu位", n);
}

static int ok_other_char(size_t pos, const char *c, size_t n)
{
	/* mirrors PAT_OTHER closely enough for the message: ASCII letters,
	 * digits, '-' and any non-ASCII character the pattern calls a letter */
	if (n > 1) {
		char one[5];

		memcpy(one, c, n);
		one[n] = '\0';
		return pat_match(PAT_OTHER, one);
	}
	return ok_alnum(pos, c, n) || *c == '-';
}

static const char *check_other(const char *s)
{
	size_t n = utf8_chars(s);
	const char *r;

	if (pat_match(PAT_OTHER, s))
		return NULL;
	if (n > 40)
		return reason_fmt("长度应为1-40位，实际为%zu位", n);
	if ((r = first_bad_char(s, ok_other_char, "，只能包含字母、数字和-")))
		return r;
	return "只能包含字母、数字和-";
}

static int ok_uscc_char(size_t pos, const char *c, size_t n)
{
	(void)pos;
	return n == 1 && *c && strchr(uscc_alphabet, *c);
}

static const char *check_uscc(const char *s)
{
	size_t n = utf8_chars(s);
	const char *r;
	char want;

	if (n != 18)
		return reason_fmt("长度应为18位，实际为%zu位", n);
	if (!pat_match(PAT_USCC, s)) {
		if ((r = first_bad_char(s, ok_uscc_char, "")))
			return r;
		return reason_fmt("第1位登记管理部门代码%c不允许", s[0]);
	}
	want = uscc_check_char(s);
	if (s[17] != want)
		return reason_fmt("校验位错误，应为%c", want);
	return NULL;
}

/* 3-digit area codes are 010 and 02X; all others have 4 digits. */
static int area_code_real(const char *a, size_t n)
{
	if (n == 3)
		return a[1] == '2' || (a[1] == '1' && a[2] == '0');
	return n == 4 && a[1] >= '3' && a[1] <= '9';
}

static const char R_PHONE[] = "不是有效的电话号码（手机号、带区号的固话或+国家代码的国际号码）";

/* Country calling codes in use (ITU-T E.164 assignments, without the
 * shared and network codes): one, two and three digits.  +86 is the
 * mainland's and takes the mainland rules above. */
static const char *const CC1 = "17";
static const char CC2[][3] = {
	"20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47",
	"48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65",
	"66", "81", "82", "84", "90", "91", "92", "93", "94", "95", "98",
};
static const char CC3[][4] = {
	"211", "212", "213", "216", "218", "220", "221", "222", "223", "224", "225", "226", "227", "228",
	"229", "230", "231", "232", "233", "234", "235", "236", "237", "238", "239", "240", "241", "242",
	"243", "244", "245", "246", "247", "248", "249", "250", "251", "252", "253", "254", "255", "256",
	"257", "258", "260", "261", "262", "263", "264", "265", "266", "267", "268", "269", "290", "291",
	"297", "298", "299", "350", "351", "352", "353", "354", "355", "356", "357", "358", "359", "370",
	"371", "372", "373", "374", "375", "376", "377", "378", "380", "381", "382", "383", "385", "386",
	"387", "389", "420", "421", "423", "500", "501", "502", "503", "504", "505", "506", "507", "508",
	"509", "590", "591", "592", "593", "594", "595", "596", "597", "598", "599", "670", "672", "673",
	"674", "675", "676", "677", "678", "679", "680", "681", "682", "683", "685", "686", "687", "688",
	"689", "690", "691", "692", "850", "852", "853", "855", "856", "880", "886", "960", "961", "962",
	"963", "964", "965", "966", "967", "968", "970", "971", "972", "973", "974", "975", "976", "977",
	"992", "993", "994", "995", "996", "998",
};

/* The length of the country code d starts with, 0 when none is in use. */
static int country_code(const char *d)
{
	if (d[0] && strchr(CC1, d[0]))
		return 1;
	for (size_t i = 0; i < sizeof CC2 / sizeof CC2[0]; i++)
		if (strncmp(d, CC2[i], 2) == 0)
			return 2;
	for (size_t i = 0; i < sizeof CC3 / sizeof CC3[0]; i++)
		if (strncmp(d, CC3[i], 3) == 0)
			return 3;
	return 0;
}

/* An international number: "+" (or "00") and 8 to 15 digits in all, the
 * country code first (E.164).  Written as "+" and the digits. */
static const char *check_intl(const char *t, char *out, size_t outlen)
{
	char d[VAL_WORK_MAX];
	size_t n = 0;
	int w;

	t += t[0] == '+' ? 1 : 2;
	for (; *t; t++) {
		if (*t == '(' || *t == ')' || *t == '.')
			continue;
		if (*t < '0' || *t > '9')
			return "国际号码只能有+、国家代码和数字";
		d[n++] = *t;
	}
	d[n] = '\0';
	if (n < 8 || n > 15)
		return "国际号码应为+国家代码加号码，共8至15位数字";
	if (!country_code(d))
		return "国际号码的国家代码不存在";
	w = snprintf(out, outlen, "+%s", d);
	return w < 0 || (size_t)w >= outlen ? R_LONG : NULL;
}

/* Phones are rewritten, not just normalised: into out, NULL when valid. */
static const char *check_phone(const char *s, char *out, size_t outlen)
{
	char t[VAL_WORK_MAX];
	const char *area = NULL, *num = NULL, *ext = NULL;
	size_t na, nn, ne, o = 0;
	int w;

	for (const char *p = s; *p; p++)
		if (*p != '-')
			t[o++] = *p;
	t[o] = '\0';

	if (pat_match(PAT_MOBILE, t)) {
		nn = pat_group(1, t, &num);
		w = snprintf(out, outlen, "%.*s", (int)nn, num);
		return w < 0 || (size_t)w >= outlen ? R_LONG : NULL;
	}
	if ((t[0] == '+' && strncmp(t, "+86", 3) != 0) || (strncmp(t, "00", 2) == 0 && strncmp(t, "0086", 4) != 0))
		return check_intl(t, out, outlen);
	if (pat_match(PAT_LAND_SEP, s)) {
		na = pat_group(1, s, &area);
		if (!na)
			na = pat_group(2, s, &area);
		nn = pat_group(3, s, &num);
		ne = pat_group(4, s, &ext);
		if (!area_code_real(area, na))
			return "区号无效";
	} else if (pat_match(PAT_LAND_JOIN, s)) {
		na = pat_group(1, s, &area);
		nn = pat_group(2, s, &num);
		ne = pat_group(3, s, &ext);
	} else {
		/* say which of the two the clerk was probably typing */
		const char *d = t;

		if (strncmp(d, "+86", 3) == 0)
			d += 3;
		else if (strncmp(d, "0086", 4) == 0)
			d += 4;
		else if (strncmp(d, "86", 2) == 0 && strlen(d) > 11)
			d += 2;
		if (d[0] == '1' && strspn(d, "0123456789") == strlen(d))
			return "手机号应为11位，以13-19开头";
		if (s[0] == '0' || s[0] == '(')
			return "固话应为区号（3-4位，以0开头）加7-8位号码，如021-12345678";
		return R_PHONE;
	}
	if (ne)
		w = snprintf(out, outlen, "%.*s-%.*s-%.*s", (int)na, area, (int)nn, num, (int)ne,
			     ext);
	else
		w = snprintf(out, outlen, "%.*s-%.*s", (int)na, area, (int)nn, num);
	return w < 0 || (size_t)w >= outlen ? R_LONG : NULL;
}

/* ---- entry points ----------------------------------------------------------- */

size_t val_input_max(enum val_kind k)
{
	return k == VAL_PHONE ? VAL_INPUT_MAX_PHONE : VAL_INPUT_MAX_DOC;
}

int val_check(enum val_kind k, const char *in, unsigned flags, char *norm, size_t normlen,
	      const char **reason)
{
	char buf[VAL_WORK_MAX], phone[VAL_WORK_MAX];
	const char *r = NULL, *result = buf;
	size_t len;

	if (norm && normlen)
		norm[0] = '\0';
	if ((unsigned)k >= VAL_KIND_COUNT)
		return fail(reason, "未知的证件类型");
	if (val_normalize(in, buf, sizeof buf, &r) < 0)
		return fail(reason, r);
	if (!buf[0])
		return fail(reason, R_EMPTY);

	switch (k) {
	case VAL_ID:
		r = check_id(buf, flags);
		break;
	case VAL_RESIDENCE:
		r = check_residence(buf);
		break;
	case VAL_FOREIGN_PR:
		r = check_foreign_pr(buf);
		break;
	case VAL_HKMO:
		r = check_hkmo(buf);
		break;
	case VAL_TW:
		r = check_tw(buf);
		break;
	case VAL_PASSPORT:
		r = check_passport(buf);
		break;
	case VAL_OTHER:
		r = check_other(buf);
		break;
	case VAL_USCC:
		r = check_uscc(buf);
		break;
	case VAL_PHONE:
		r = check_phone(buf, phone, sizeof phone);
		result = phone;
		break;
	case VAL_KIND_COUNT:
		break;
	}
	if (r)
		return fail(reason, r);
	len = strlen(result);
	if (norm) {
		if (len >= normlen)
			return fail(reason, R_LONG);
		memcpy(norm, result, len + 1);
	}
	return 0;
}

int val_id_info(enum val_kind k, const char *norm, char *gender, char birth[11])
{
	size_t n, digits;
	int legacy;

	if (!norm)
		return -1;
	n = strlen(norm);
	digits = strspn(norm, "0123456789");
	if (n == 18 && digits >= 17 &&
	    (k == VAL_ID || k == VAL_RESIDENCE || (k == VAL_FOREIGN_PR && norm[0] == '9')))
		legacy = 0;
	else if (n == 15 && digits == 15 && k == VAL_ID)
		legacy = 1;
	else
		return -1;
	/* the sequence number's last digit: odd for men, even for women */
	if (gender)
		*gender = (norm[legacy ? 14 : 16] - '0') % 2 ? 'M' : 'F';
	if (birth) {
		if (legacy)
			snprintf(birth, 11, "19%.2s-%.2s-%.2s", norm + 6, norm + 8, norm + 10);
		else
			snprintf(birth, 11, "%.4s-%.2s-%.2s", norm + 6, norm + 10, norm + 12);
	}
	return 0;
}

char *val_mask(const char *norm, char *out, size_t outlen)
{
	const unsigned char *p;
	size_t n, keep_head, keep_tail, pos = 0, o = 0;

	if (!out || !outlen)
		return out;
	out[0] = '\0';
	if (!norm || !utf8_valid(norm, strlen(norm)))
		return out;
	n = utf8_chars(norm);
	if (n >= 18) {
		keep_head = 6;
		keep_tail = 4;
	} else if (n > 4) {
		keep_head = 2;
		keep_tail = 2;
	} else {
		keep_head = 0;
		keep_tail = 0;
	}

	for (p = (const unsigned char *)norm; *p; pos++) {
		size_t len;
		int keep = pos < keep_head || pos >= n - keep_tail;

		cp_decode(p, &len);
		if (!keep)
			len = 1;
		if (o + len >= outlen)
			break; /* truncated, never split a character */
		if (keep)
			memcpy(out + o, p, len);
		else
			out[o] = '*';
		o += len;
		cp_decode(p, &len);
		p += len;
	}
	out[o] = '\0';
	return out;
}
