/*
 * test_outfile.c - src/base/outfile.c: a file appears under its name only
 * when placed and complete, nothing is left when it is discarded, the
 * program's temporary names are recognised (and nothing else is), and a
 * sweep removes a dead process's temporary files but never a live one's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "tiaojie/outfile.h"
#include "tiaojie/util.h"

static char dir[] = "/tmp/test_outfile.XXXXXX";

static int exists(const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	int r = access(p, F_OK) == 0;

	free(p);
	return r;
}

/* how many entries of dir, but "." and ".." */
static int entries(void)
{
	char *cmd = xasprintf("ls -A %s | wc -l", dir);
	FILE *f = popen(cmd, "r");
	int n = -1;

	if (f) {
		if (fscanf(f, "%d", &n) != 1)
			n = -1;
		pclose(f);
	}
	free(cmd);
	return n;
}

static void touch(const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");

	if (f)
		fclose(f);
	free(p);
}

static void test_names(void)
{
	long pid = 0;

	CHECK_INT(tj_tmp_name_parse(".doc.pdf.tj123.AbC9xZ", &pid), 1);
	CHECK_INT(pid, 123);
	CHECK_INT(tj_tmp_name_parse(".x.db.tj77.aaaaaa-wal", &pid), 1);
	CHECK_INT(pid, 77);
	CHECK_INT(tj_tmp_name_parse(".x.db.tj77.aaaaaa-journal", NULL), 1);
	CHECK_INT(tj_tmp_name_parse("doc.pdf.tj123.AbC9xZ", NULL), 0);  /* not hidden */
	CHECK_INT(tj_tmp_name_parse(".doc.pdf.tj.AbC9xZ", NULL), 0);     /* no pid */
	CHECK_INT(tj_tmp_name_parse(".doc.pdf.tj12.AbC9x", NULL), 0);    /* five, not six */
	CHECK_INT(tj_tmp_name_parse(".doc.pdf.123.AbC9xZ", NULL), 0);    /* no tj */
	CHECK_INT(tj_tmp_name_parse(".doc.pdf.tj0.AbC9xZ", NULL), 0);    /* pid 0 */
	CHECK_INT(tj_tmp_name_parse(".doc.pdf.tj1.AbC9x-", NULL), 0);
	CHECK_INT(tj_tmp_name_parse(".bashrc", NULL), 0);
}

static void test_write(int flags)
{
	struct tj_out o;
	char *path = xasprintf("%s/a.txt", dir);
	int n0 = entries();

	CHECK_INT(tj_out_open(&o, path, 0600, flags), 0);
	CHECK(!exists("a.txt"), "not under its name while written");
	CHECK_INT(write(o.fd, "hello\n", 6), 6);
	CHECK_INT(tj_out_sync(&o), 0);
	CHECK(!exists("a.txt"), "not under its name before placed");
	CHECK_INT(tj_out_place(&o, 0), 0);
	tj_out_discard(&o);
	CHECK(exists("a.txt"), "placed");
	CHECK_INT(entries(), n0 + 1); /* and nothing else */
	struct stat st;
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_size, 6);
	CHECK_INT(st.st_mode & 0777, 0600);

	/* replacing it, and refusing to (TJ_OUT_EXCL) */
	CHECK_INT(tj_out_open(&o, path, 0600, flags), 0);
	CHECK_INT(write(o.fd, "bye\n", 4), 4);
	CHECK_INT(tj_out_sync(&o), 0);
	CHECK_INT(tj_out_place(&o, TJ_OUT_EXCL), -1);
	CHECK(strstr(tj_errmsg(), "已存在") != NULL, "why: %s", tj_errmsg());
	CHECK_INT(tj_out_place(&o, 0), 0);
	tj_out_discard(&o);
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_size, 4);
	CHECK_INT(entries(), n0 + 1);

	/* discarded: nothing left */
	CHECK_INT(tj_out_open(&o, path, 0600, flags), 0);
	CHECK_INT(write(o.fd, "partial", 7), 7);
	tj_out_discard(&o);
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_size, 4);
	CHECK_INT(entries(), n0 + 1);
	unlink(path);
	free(path);
}

static void test_errors(void)
{
	struct tj_out o;
	char *p = xasprintf("%s/nodir/x.pdf", dir);

	CHECK_INT(tj_out_open(&o, p, 0600, 0), -1);
	CHECK(strstr(tj_errmsg(), "不存在") != NULL, "why: %s", tj_errmsg());
	CHECK_INT(tj_out_open(&o, p, 0600, TJ_OUT_NAMED), -1);
	free(p);
	CHECK_INT(tj_out_open(&o, "", 0600, 0), -1);
}

static void test_sweep(void)
{
	char live[64], dead[64], deadwal[80];

	/* this process is alive but did not make it: an earlier one with our pid */
	snprintf(live, sizeof live, ".x.db.tj%ld.AbC123", (long)getppid());
	snprintf(dead, sizeof dead, ".x.db.tj%ld.AbC123", 999999999L);
	snprintf(deadwal, sizeof deadwal, "%s-wal", dead);
	touch(live);
	touch(dead);
	touch(deadwal);
	touch(".notours.AbC123");
	tj_tmp_sweep_dir(dir);
	CHECK(exists(live), "a live process's file kept");
	CHECK(!exists(dead), "a dead process's file removed");
	CHECK(!exists(deadwal), "and its -wal");
	CHECK(exists(".notours.AbC123"), "a name not ours kept");

	/* a named temporary file of ours, still in use, survives a sweep */
	struct tj_out o;
	char *path = xasprintf("%s/b.db", dir);
	CHECK_INT(tj_out_open(&o, path, 0600, TJ_OUT_NAMED), 0);
	CHECK(o.tmp != NULL, "named");
	tj_tmp_sweep_dir(dir);
	CHECK(o.tmp && access(o.tmp, F_OK) == 0, "our own file in use kept");
	/* the exit clean-up removes it */
	tj_tmp_cleanup();
	CHECK(o.tmp && access(o.tmp, F_OK) != 0, "removed at exit");
	tj_out_discard(&o);
	free(path);
}

int main(void)
{
	char rt[64];

	if (!mkdtemp(dir))
		return 1;
	snprintf(rt, sizeof rt, "%s/run", dir);
	mkdir(rt, 0700);
	setenv("XDG_RUNTIME_DIR", rt, 1);
	test_names();
	test_write(0);
	test_write(TJ_OUT_NAMED);
	test_errors();
	test_sweep();
	char *cmd = xasprintf("rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	return tap_done();
}
