/*
 * fuzz_config.c - libFuzzer target for src/core/config.c: the input is a
 * whole configuration file.  It is written to a file in /dev/shm (or
 * $TMPDIR) and loaded; whatever it holds, the load either succeeds or
 * gives its "FILE:LINE: 原因" lines, and the case-number pattern check sees
 * the same bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tiaojie/config.h"
#include "tiaojie/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[128];

static void cleanup(void)
{
	unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!path[0]) {
		const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
		snprintf(path, sizeof path, "%s/tiaojie-fuzz-config.%d", dir, (int)getpid());
		atexit(cleanup);
	}
	FILE *f = fopen(path, "w");
	if (!f)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);

	struct config c; /* config_load fills in the defaults itself */
	if (config_load(&c, path) < 0 && !*tj_errmsg())
		abort(); /* a refusal names its line */
	config_free(&c);

	char *pat = malloc(size + 1);
	memcpy(pat, data, size);
	pat[size] = '\0';
	const char *reason = NULL;
	if (config_check_case_pattern(pat, &reason) < 0 && (!reason || !*reason))
		abort();
	free(pat);
	tj_error_clear();
	return 0;
}
