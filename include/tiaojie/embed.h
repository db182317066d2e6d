/*
 * embed.h - the files of data/ compiled into the binary (migrations, the
 * default causes and holidays), so a database can always be created and
 * upgraded whatever the installation looks like.  Files in the data
 * directory (TIAOJIE_DATADIR, ./data, or the installed share/tiaojie/data)
 * take precedence for causes.tsv and holidays.tsv, which a court may edit.
 */
#ifndef TIAOJIE_EMBED_H
#define TIAOJIE_EMBED_H

struct embedded_file {
	const char *name;
	const char *text;
};

extern const struct embedded_file tj_embedded[]; /* ends with {0, 0} */

const char *embed_find(const char *name);

#endif
