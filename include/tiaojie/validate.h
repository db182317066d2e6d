/*
 * validate.h - identity documents, credit codes and phone numbers (SPEC §8).
 *
 * Every value is normalised first (trimmed, inner spaces removed, full-width
 * digits and letters turned half-width, lower case letters upper-cased for
 * identity documents and credit codes) and then checked with a PCRE2 pattern
 * (compiled once, PCRE2_UTF, [0-9] not \d, anchored with \z) plus the
 * document's check digit.  Every rejection has a reason in Chinese.
 */
#ifndef TIAOJIE_VALIDATE_H
#define TIAOJIE_VALIDATE_H

#include <stddef.h>

enum val_kind {
	VAL_ID = 0,         /* 居民身份证 */
	VAL_RESIDENCE,      /* 港澳台居民居住证 */
	VAL_FOREIGN_PR,     /* 外国人永久居留身份证 */
	VAL_HKMO,           /* 港澳居民来往内地通行证 */
	VAL_TW,             /* 台湾居民来往大陆通行证 */
	VAL_PASSPORT,       /* 护照 */
	VAL_OTHER,          /* 其他证件: 1-40 letters (Chinese too), digits, '-' */
	VAL_USCC,           /* 统一社会信用代码 */
	VAL_PHONE,          /* mobile or landline */
	VAL_KIND_COUNT
};

/* Command-line keyword ("id", "residence", "foreign-pr", "hkmo", "tw",
 * "passport", "other", "uscc", "phone") and Chinese name of each kind.
 * Never NULL: an out-of-range kind gives "?" / "未知证件". */
const char *val_kind_keyword(enum val_kind k);
const char *val_kind_name(enum val_kind k);
/* The kind named by its keyword (exact, lower case) or its Chinese name;
 * -1 when unknown. */
int val_kind_from_keyword(const char *kw);

/* The most characters a field of this kind takes as typed, spaces
 * included: the intake form's limit (证件号码 and 信用代码 40, 电话 30),
 * which `tiaojie validate` applies too.  val_check itself looks only at
 * the normalised value (spaces dropped). */
#define VAL_INPUT_MAX_DOC 40
#define VAL_INPUT_MAX_PHONE 30
size_t val_input_max(enum val_kind k);

/* Options. */
#define VAL_ALLOW_LEGACY15 0x1u /* accept 15-digit 居民身份证 (configured) */

/* Normalise into out.  -1 (reason set) on invalid UTF-8, control characters
 * or a result longer than outlen-1.  Removes spaces anywhere (ASCII space,
 * tab, U+00A0, U+3000, U+200B, U+FEFF); turns full-width digits, letters,
 * "＋", "－" and "（）" half-width (and U+2010-2013, U+2212 into '-'); upper-
 * cases ASCII letters (no kind has meaningful lower case).  Anything else is
 * copied unchanged.  Control characters include C0 (tab excepted), DEL, C1,
 * bidirectional controls and U+2028/2029.  NULL in is treated as "". */
int val_normalize(const char *in, char *out, size_t outlen, const char **reason);

/* Validate.  On success 0 and the normalised value in norm (phones: mobile
 * as 11 digits without +86; landline as "区号-号码" or "区号-号码-分机";
 * an international number, typed with "+" or "00" and a country code in
 * use other than 86, as "+" and its 8 to 15 digits, E.164);
 * on failure -1, norm "" and *reason a static Chinese sentence such as
 * "校验位错误，应为X" (the reason text may name the expected check
 * character or the offending character, so it is written into an internal
 * static buffer - copy it before the next call).  norm may be NULL for a
 * plain yes/no; a valid value that does not fit normlen-1 bytes fails with
 * "输入过长", as does any input whose normalised form exceeds 255 bytes.
 * *reason is left alone on success; reason may be NULL. */
int val_check(enum val_kind k, const char *in, unsigned flags, char *norm, size_t normlen,
	      const char **reason);

/* What a 居民身份证 / 居住证 / 2023 外国人永久居留身份证 number encodes.
 * Returns 0 and fills gender ('M' or 'F') and birth "YYYY-MM-DD" when the
 * kind encodes them; -1 otherwise.  norm must be valid. */
int val_id_info(enum val_kind k, const char *norm, char *gender, char birth[11]);

/* Province name of a 居民身份证 region code ("31" -> "上海市"), NULL if not
 * real.  Only the first two characters are read, so a whole number may be
 * passed.  Knows the 34 province-level codes including 71 台湾省, 81 香港
 * and 82 澳门 (which val_check refuses for VAL_ID). */
const char *val_province_name(const char *two_digits);

/* Mask an identity number for lists: keep the first 6 and last 4 characters
 * of 18-character numbers ("310101********4258"); shorter numbers keep the
 * first 2 and last 2; up to 4 characters are fully masked.  Numbers longer
 * than 18 are treated like 18.  Counts characters, not bytes.  A short out
 * truncates (never mid-character); NULL or invalid norm gives "".
 * Returns out. */
char *val_mask(const char *norm, char *out, size_t outlen);

#endif
