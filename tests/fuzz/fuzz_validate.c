/*
 * fuzz_validate.c - libFuzzer target for src/core/validate.c: every kind
 * of document number, the normaliser, the masking and what a valid
 * number encodes.  The first byte picks the kind and the options; the
 * rest is the value.  A valid value must come back normalised (no longer
 * than asked for, itself valid again) and masking must stay in its buffer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	enum val_kind k = (enum val_kind)(data[0] % VAL_KIND_COUNT);
	unsigned flags = (data[0] & 0x80) ? VAL_ALLOW_LEGACY15 : 0;
	char *in = malloc(size);
	memcpy(in, data + 1, size - 1);
	in[size - 1] = '\0';

	char norm[300], again[300], mask[64], small[8];
	const char *reason = NULL;
	val_normalize(in, norm, sizeof norm, &reason);
	val_normalize(in, small, sizeof small, &reason);
	if (val_check(k, in, flags, norm, sizeof norm, &reason) == 0) {
		if (strlen(norm) >= sizeof norm)
			abort();
		/* a normalised value is valid as it stands */
		if (val_check(k, norm, flags, again, sizeof again, &reason) != 0 || strcmp(norm, again) != 0)
			abort();
		char gender = 0, birth[11];
		if (val_id_info(k, norm, &gender, birth) == 0 && gender != 'M' && gender != 'F')
			abort();
		val_mask(norm, mask, sizeof mask);
		val_mask(norm, small, sizeof small);
		val_province_name(norm);
	} else if (!reason || !*reason) {
		abort(); /* every refusal has its reason */
	}
	val_check(k, in, flags, small, sizeof small, &reason);
	val_check(k, in, flags, NULL, 0, &reason);
	val_mask(in, mask, sizeof mask);
	val_kind_from_keyword(in);
	free(in);
	return 0;
}
