/*
 * money.h - amounts of money.  Always integer fen (1 yuan = 100 fen) in
 * memory and in the database; yuan with two decimals on screen; Chinese
 * capital numerals (大写) on documents.
 */
#ifndef TIAOJIE_MONEY_H
#define TIAOJIE_MONEY_H

#include <stddef.h>
#include <stdint.h>

/* The largest amount accepted: 999,999,999,999.99 yuan. */
#define MONEY_MAX_FEN INT64_C(99999999999999)

/* Parse what a clerk types: "12345", "12,345.6", "12345.67", "¥12,345.67",
 * "１２３４５．６７" (full-width), surrounding spaces, optional trailing "元".
 * Rejects: empty, negative, more than two decimals, misplaced commas,
 * letters, above MONEY_MAX_FEN.  0 ok; -1 with *reason a static Chinese
 * message (also put in the error sink). */
int money_parse(const char *s, int64_t *fen, const char **reason);

/* "12,345.67"; negative values get a leading '-'.  Needs at most 32 bytes.
 * Returns out. */
char *money_format(int64_t fen, char *out, size_t outlen);

/* 大写 for documents: 12345.67 -> "壹万贰仟叁佰肆拾伍元陆角柒分";
 * 100 -> "壹佰元整"; 0 -> "零元整"; 1005.09 -> "壹仟零伍元零玖分";
 * 10.50 -> "壹拾元伍角整"; 100000000 -> "壹亿元整"; 0.07 -> "柒分".
 * Rules: 零 for each run of zeros inside a section and between sections
 * (but never at the end of the integer part), the 万/亿 section units kept
 * when their section is non-zero, "整" when there is no 分.  Needs at most
 * 256 bytes.  Negative amounts get "负" in front.  Returns out, or NULL
 * when outlen is too small. */
char *money_capital(int64_t fen, char *out, size_t outlen);

#endif
