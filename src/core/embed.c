/*
 * embed.c - lookup of the data files compiled into the binary.
 */
#include "tiaojie/embed.h"

#include <string.h>

const char *embed_find(const char *name)
{
	for (const struct embedded_file *f = tj_embedded; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f->text;
	return NULL;
}
