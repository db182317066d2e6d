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

/* A new database's reference data: causes.tsv and holidays.tsv (read
 * with datafile_read) loaded and the init event written, in one
 * transaction, or nothing.  counts: first- and second-level causes,
 * holiday rows; *causes_from and *hol_from (malloc'd) say where the files
 * came from.  0, or -1 with the error set. */
int reference_data_load(struct db *db, int counts[3], char **causes_from, char **hol_from);

#endif
