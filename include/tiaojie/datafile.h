/*
 * datafile.h - reading the editable data files (causes.tsv, holidays.tsv)
 * and loading them into a new database.
 *
 * A file is looked for in $TIAOJIE_DATADIR, then in the installed data
 * directory (PREFIX/share/tiaojie/data/); if neither has it, the copy
 * compiled into the program is used.
 */
#ifndef TIAOJIE_DATAFILE_H
#define TIAOJIE_DATAFILE_H

#include "tiaojie/db.h"

/* malloc'd text of the data file; *from (if given) says where it came from
 * (malloc'd path, or "内置" for the compiled-in copy). NULL with error. */
char *datafile_read(const char *name, char **from);

/* Parse causes.tsv text and insert every cause (inside the caller's
 * transaction).  Errors name the line.  first and second: the counts loaded. */
int causes_load(struct db *db, const char *text, int *first, int *second);
/* Parse holidays.tsv text and insert every row (inside the caller's
 * transaction). */
int holidays_load(struct db *db, const char *text, int *rows);

/* What datafile_setup loaded, and from where (as datafile_read's from). */
struct datafile_loaded {
	int first, second; /* causes of the first and second level */
	int holidays;      /* rows of holidays.tsv */
	char *causes_from, *holidays_from;
};
/* Load causes.tsv and holidays.tsv into a new database and write the init
 * event, in one transaction (init, demo).  out must start zeroed; free it
 * with datafile_loaded_free, also after a failure.  0, or -1 with the
 * error set and nothing written. */
int datafile_setup(struct db *db, struct datafile_loaded *out);
void datafile_loaded_free(struct datafile_loaded *l);

#endif
