/*
 * test_errsink.c - the error sink (src/base/util.c) is one per thread:
 * two threads setting errors at the same moment each read back their own,
 * a new thread starts with an empty sink, the main thread's message stays
 * as it was, and a thread's message reaches another only as a copy that
 * one raises again (as the workbook's reading thread hands its error to
 * the writer, src/report).
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "tiaojie/util.h"

#define ROUNDS 20000

struct worker {
	int id;
	pthread_barrier_t *start;
	int started_empty; /* the sink was empty when the thread began */
	int wrong;         /* rounds in which the thread read another's message */
	char first_wrong[1024];
	char last[1024];   /* the thread's last message, handed over by copy */
};

static void *work(void *arg)
{
	struct worker *w = arg;
	char want[64];

	w->started_empty = strcmp(tj_errmsg(), "未知错误") == 0;
	pthread_barrier_wait(w->start);
	for (int i = 0; i < ROUNDS; i++) {
		snprintf(want, sizeof want, "线程 %d 第 %d 次", w->id, i);
		tj_error("线程 %d 第 %d 次", w->id, i);
		/* wrapping reads the sink while writing it */
		if (i % 2)
			tj_error("%s", tj_errmsg());
		if (strcmp(tj_errmsg(), want) != 0 && w->wrong++ == 0)
			snprintf(w->first_wrong, sizeof w->first_wrong, "%s (want %s)", tj_errmsg(), want);
		if (i % 7 == 0) {
			tj_error_clear();
			if (strcmp(tj_errmsg(), "未知错误") != 0 && w->wrong++ == 0)
				snprintf(w->first_wrong, sizeof w->first_wrong, "%s after a clear", tj_errmsg());
		}
	}
	tj_error("线程 %d 完成", w->id);
	snprintf(w->last, sizeof w->last, "%s", tj_errmsg());
	return NULL;
}

int main(void)
{
	pthread_barrier_t start;
	struct worker w[2];
	pthread_t t[2];

	tj_error("主线程的错误");
	pthread_barrier_init(&start, NULL, 3);
	for (int i = 0; i < 2; i++) {
		memset(&w[i], 0, sizeof w[i]);
		w[i].id = i + 1;
		w[i].start = &start;
		CHECK_INT(pthread_create(&t[i], NULL, work, &w[i]), 0);
	}
	pthread_barrier_wait(&start);
	/* the main thread sets its own meanwhile */
	for (int i = 0; i < ROUNDS; i++) {
		tj_error("主线程第 %d 次", i);
		if (i == ROUNDS - 1)
			CHECK_STR(tj_errmsg(), "主线程第 19999 次");
	}
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&start);

	for (int i = 0; i < 2; i++) {
		CHECK(w[i].started_empty, "thread %d began with a message in its sink", w[i].id);
		CHECK(w[i].wrong == 0, "thread %d read %d wrong messages, first: %s", w[i].id, w[i].wrong,
		      w[i].first_wrong);
	}
	CHECK_STR(w[0].last, "线程 1 完成");
	CHECK_STR(w[1].last, "线程 2 完成");
	/* the threads' messages never reached this sink */
	CHECK_STR(tj_errmsg(), "主线程第 19999 次");
	/* the hand-over: the main thread raises a copy of the thread's message */
	tj_error("%s", w[1].last);
	CHECK_STR(tj_errmsg(), "线程 2 完成");
	tj_error_clear();
	CHECK_STR(tj_errmsg(), "未知错误");
	return tap_done();
}
