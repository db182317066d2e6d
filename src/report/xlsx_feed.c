/*
 * xlsx_feed.c - the statistics workbook's feed: the detail rows read from
 * the database on a thread of their own while the main thread writes
 * them (xlsx_detail.c).
 *
 * A year's detail is a quarter of a million rows: reading them (SQLite)
 * and writing them (libxlsxwriter) each take seconds, so a second thread
 * reads while this one writes.  The reader owns the connection until
 * xw_feed_end (this thread asks nothing of the database meanwhile) and hands
 * over batches of rows whose text it has copied (report_case_row_own);
 * FEED_BATCHES of them bound the memory.  The reader is done first; it
 * then reads the figures of the previous period and of last year
 * (report_stats_load_earlier: prev_h and last_year_h, which nothing here
 * reads before xw_feed_end) while the last rows are being written.
 *
 * Errors: the reader fails into its own error sink (one per thread,
 * util.h); xw_feed_end copies its message into the main thread's.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_internal.h"

struct feed {
	struct db *db;
	struct report_stats *s;
	int (*after)(void *ud, struct db *db);
	void *ud;
	struct db_report_cursor *cur;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct feed_batch batch[FEED_BATCHES];
	int head, count;        /* the filled batches: count of them from head - count */
	int done, rc, stop;     /* the reader finished (rc 0 or -1); the writer wants no more */
	char err[1024];         /* the reader's error, raised again by xw_feed_end */
};

/* The database's interrupt check while the reader loads the earlier
 * periods: a cancel need not wait for them. */
static int feed_interrupt(void *arg)
{
	struct feed *f = arg;

	pthread_mutex_lock(&f->mu);
	int stop = f->stop;
	pthread_mutex_unlock(&f->mu);
	return stop;
}

static void *feed_run(void *arg)
{
	struct feed *f = arg;
	int rc = 1;

	while (rc == 1) {
		pthread_mutex_lock(&f->mu);
		while (f->count == FEED_BATCHES && !f->stop)
			pthread_cond_wait(&f->cv, &f->mu);
		struct feed_batch *b = &f->batch[f->head];
		int stop = f->stop;
		pthread_mutex_unlock(&f->mu);
		if (stop)
			rc = 0;
		for (b->n = 0; !stop && b->n < FEED_ROWS; b->n++) {
			if ((rc = db_report_cases_next(f->cur, &b->row[b->n])) != 1)
				break;
			report_case_row_own(&b->row[b->n]);
		}
		pthread_mutex_lock(&f->mu);
		if (!stop) {
			f->head = (f->head + 1) % FEED_BATCHES;
			f->count++;
		}
		if (rc != 1) {
			f->done = 1;
			f->rc = rc < 0 ? -1 : 0;
			if (rc < 0)
				snprintf(f->err, sizeof f->err, "%s", tj_errmsg());
		}
		pthread_cond_broadcast(&f->cv);
		pthread_mutex_unlock(&f->mu);
		if (rc == 0 && !stop) {
			db_set_interrupt_check(f->db, feed_interrupt, f);
			int e = report_stats_load_earlier(f->db, f->s);
			if (e == 0 && f->after)
				e = f->after(f->ud, f->db);
			db_set_interrupt_check(f->db, NULL, NULL);
			/* read by xw_feed_end after the join; interrupted is no error */
			if (e < 0 && !feed_interrupt(f)) {
				f->rc = -1;
				snprintf(f->err, sizeof f->err, "%s", tj_errmsg());
			}
		}
	}
	return NULL;
}

struct feed *xw_feed_start(struct db *db, struct report_stats *s, const char *from, const char *to,
			   int (*after)(void *ud, struct db *db), void *ud)
{
	struct feed *f = xcalloc(1, sizeof *f);
	sigset_t all, old;

	f->db = db;
	f->s = s;
	f->after = after;
	f->ud = ud;
	if (!(f->cur = db_report_cases_begin(db, from, to))) {
		free(f);
		return NULL;
	}
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->cv, NULL);
	/* signals (SIGWINCH, SIGHUP) stay with the terminal's thread */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int e = pthread_create(&f->thread, NULL, feed_run, f);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (e != 0) {
		tj_error("不能启动读取线程：%s", tj_strerror(e));
		db_report_cases_end(f->cur);
		pthread_mutex_destroy(&f->mu);
		pthread_cond_destroy(&f->cv);
		free(f);
		return NULL;
	}
	return f;
}

/* The next batch of rows, NULL when there are no more. */
struct feed_batch *xw_feed_take(struct feed *f)
{
	struct feed_batch *b = NULL;

	pthread_mutex_lock(&f->mu);
	while (f->count == 0 && !f->done)
		pthread_cond_wait(&f->cv, &f->mu);
	if (f->count > 0)
		b = &f->batch[(f->head - f->count + FEED_BATCHES) % FEED_BATCHES];
	pthread_mutex_unlock(&f->mu);
	return b;
}

/* The batch is written: the reader may fill it again. */
void xw_feed_done(struct feed *f, struct feed_batch *b)
{
	(void)b;
	pthread_mutex_lock(&f->mu);
	f->count--;
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
}

/* Wait for the reader to finish, or with abandon stop it where it is, and
 * free it all: 0, or -1 when reading failed (the reader's error set
 * again).  Only an abandoned feed may be cut short. */
int xw_feed_end(struct feed *f, int abandon)
{
	if (abandon) {
		pthread_mutex_lock(&f->mu);
		f->stop = 1;
		pthread_cond_broadcast(&f->cv);
		pthread_mutex_unlock(&f->mu);
	}
	pthread_join(f->thread, NULL);
	int rc = f->rc;
	if (rc < 0)
		tj_error("%s", f->err);
	db_report_cases_end(f->cur);
	for (int i = 0; i < FEED_BATCHES; i++)
		for (int k = 0; k < FEED_ROWS; k++)
			report_case_row_free(&f->batch[i].row[k]);
	pthread_mutex_destroy(&f->mu);
	pthread_cond_destroy(&f->cv);
	free(f);
	return rc;
}
