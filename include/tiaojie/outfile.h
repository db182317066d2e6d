/*
 * outfile.h - every file the program makes (a document, a workbook, a
 * backup, the database at init and demo) is written beside its final name
 * and put there only when complete, so nothing partial ever carries that
 * name.
 *
 *   struct tj_out o;
 *   if (tj_out_open(&o, path, 0600, 0) < 0) ...;   write to o.fd or tj_out_name(&o)
 *   if (tj_out_sync(&o) < 0) ...;                   fsync: the content is on disk
 *   ... record it in the database ...
 *   if (tj_out_place(&o, 0) < 0) ...;               under its name; the directory synced
 *   tj_out_discard(&o);                             always: removes what was not placed
 *
 * Where the file system allows it the file has no name at all until it is
 * placed (O_TMPFILE): a kill leaves nothing behind.  Otherwise, and for a
 * file a library must open by a name of its own (SQLite), it is written
 * under ".NAME.tj<pid>.XXXXXX" in the same directory.  Such a name is
 * removed when the program ends or is stopped by a signal, and a later
 * start removes those whose process is gone: the ones in a directory it
 * writes into or opens the database in, and every one this user's earlier
 * runs listed in the runtime directory (tj_tmp_sweep).  A live process's
 * files are left alone, so two programs never remove each other's work.
 */
#ifndef TIAOJIE_OUTFILE_H
#define TIAOJIE_OUTFILE_H

#include <stddef.h>

struct tj_out {
	int fd;        /* open for writing (read and write for a named file) */
	char *path;    /* the final name */
	char *tmp;     /* the temporary name, NULL while the file has none */
	char *dir;     /* the directory of both */
	char proc[40]; /* /proc/self/fd/N: the unnamed file for a library that opens a name */
	int placed;
};

/* flags of tj_out_open */
#define TJ_OUT_NAMED 1 /* the file must have a name (SQLite opens it and its -wal by name) */
/* flags of tj_out_place */
#define TJ_OUT_EXCL 1 /* refuse when the final name exists (nothing is replaced) */

/* A new empty file for path, mode (less the umask) set.  0, or -1 with the
 * reason in Chinese (the directory missing or not writable, the disk full). */
int tj_out_open(struct tj_out *o, const char *path, unsigned mode, int flags);
/* A name the file can be opened under while it is written. */
const char *tj_out_name(const struct tj_out *o);
/* The written content onto the disk (fsync); fd closed after.  0 or -1. */
int tj_out_sync(struct tj_out *o);
/* Put the synced file under its final name (replacing one unless
 * TJ_OUT_EXCL) and sync the directory.  0 or -1 with the reason. */
int tj_out_place(struct tj_out *o, int flags);
/* Remove whatever was not placed (and a named file's -wal, -shm,
 * -journal) and free o.  Safe on a placed, failed or zeroed o. */
void tj_out_discard(struct tj_out *o);

/* Whether a file name (no directory) is one of the program's temporary
 * names; with the process that made it in *pid. */
int tj_tmp_name_parse(const char *base, long *pid);
/* Remove the program's temporary files in dir whose process is gone. */
void tj_tmp_sweep_dir(const char *dir);
/* Remove those this user's earlier runs listed and did not remove. */
void tj_tmp_sweep(void);
/* Remove this process's own temporary files (at exit; safe in a signal
 * handler). */
void tj_tmp_cleanup(void);
/* Call tj_tmp_cleanup at exit and on SIGINT, SIGTERM, SIGHUP (then die of
 * the signal as before).  A handler installed later (the full-screen
 * program's) replaces this one; the exit still cleans up. */
void tj_tmp_cleanup_install(void);

/* The user's runtime directory ($XDG_RUNTIME_DIR, else /tmp/tiaojie-UID)
 * with "tiaojie" under it, made mode 0700 and checked to be the user's
 * own: the path (malloc'd) or NULL. */
char *tj_runtime_dir(void);

#endif
