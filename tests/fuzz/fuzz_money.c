/*
 * fuzz_money.c - libFuzzer target for src/core/money.c: what a clerk may
 * type as an amount.  An accepted amount is within the limit, formats and
 * is written in capitals, and its formatted figure parses back to itself.
 * Eight raw bytes also go straight to money_format and money_capital.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/money.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 1);
	memcpy(in, data, size);
	in[size] = '\0';

	int64_t fen = -1, back = -1;
	const char *reason = NULL;
	char fig[32], cap[256], tiny[4];
	if (money_parse(in, &fen, &reason) == 0) {
		if (fen < 0 || fen > MONEY_MAX_FEN)
			abort();
		money_format(fen, fig, sizeof fig);
		if (money_parse(fig, &back, &reason) != 0 || back != fen)
			abort();
		if (!money_capital(fen, cap, sizeof cap))
			abort();
	} else if (!reason || !*reason) {
		abort();
	}
	if (size >= 8) {
		int64_t raw;
		memcpy(&raw, data, sizeof raw);
		if (raw == INT64_MIN)
			raw++;
		money_format(raw, fig, sizeof fig);
		money_capital(raw, cap, sizeof cap);
		money_capital(raw, tiny, sizeof tiny);
	}
	free(in);
	return 0;
}
