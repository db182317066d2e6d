/*
 * outfile.c - files written beside their final name and put there only
 * when complete; the temporary names and their clean-up (outfile.h).
 *
 * A temporary name is ".NAME.tj<pid>.XXXXXX" (".tiaojie.tj<pid>.XXXXXX"
 * for a very long NAME), with SQLite's "-wal", "-shm" or "-journal" after
 * it for a database's side files.  The pid says whose it is: a start of
 * the program removes the ones whose process no longer exists, and never
 * a running process's.  Besides the directories it looks into, it reads
 * the runtime directory, where every named temporary file is listed (a
 * symbolic link "tmp-<pid>-<n>" to it) while it exists, so a kill during
 * a backup into some other directory is cleaned up by the next start of
 * any command.  This process's own list is kept in fixed buffers, so the
 * signal handler can remove the files with nothing but unlink.
 */
#define _GNU_SOURCE
#include "tiaojie/outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tiaojie/util.h"

#define REG_MAX 8
#define NAME_CAP (PATH_MAX + 16)

static const char *const side[] = {"", "-wal", "-shm", "-journal"};

/* this process's named temporary files and their entries in the list */
static struct reg {
	volatile sig_atomic_t used;
	pid_t owner; /* a forked child (the print command) never removes them */
	char path[NAME_CAP];
	char link[NAME_CAP];
} reg[REG_MAX];
static unsigned reg_serial;

/* ---- names ---------------------------------------------------------------- */

int tj_tmp_name_parse(const char *base, long *pid)
{
	size_t n = strlen(base);
	long p = 0, mul = 1;
	size_t i;

	if (n < 2 || base[0] != '.')
		return 0;
	for (size_t k = 1; k < TJ_ARRAY_LEN(side); k++) {
		size_t sl = strlen(side[k]);
		if (n > sl && strcmp(base + n - sl, side[k]) == 0) {
			n -= sl;
			break;
		}
	}
	/* ".tj" digits "." six characters of mkstemp */
	if (n < 1 + 3 + 1 + 1 + 6 || base[n - 7] != '.')
		return 0;
	for (i = n - 6; i < n; i++)
		if (!((base[i] >= '0' && base[i] <= '9') || (base[i] >= 'a' && base[i] <= 'z') ||
		      (base[i] >= 'A' && base[i] <= 'Z')))
			return 0;
	i = n - 8;
	if (base[i] < '0' || base[i] > '9')
		return 0;
	while (i > 0 && base[i] >= '0' && base[i] <= '9') {
		if (mul > 1000000000L)
			return 0;
		p += (base[i] - '0') * mul;
		mul *= 10;
		i--;
	}
	if (i < 3 || strncmp(base + i - 2, ".tj", 3) != 0 || p <= 0)
		return 0;
	if (pid)
		*pid = p;
	return 1;
}

static int registered(const char *path)
{
	for (int i = 0; i < REG_MAX; i++)
		if (reg[i].used && strcmp(reg[i].path, path) == 0)
			return 1;
	return 0;
}

/* Whether the process that made a temporary file is gone. */
static int owner_gone(long pid, const char *path)
{
	if (pid == (long)getpid())
		return !registered(path); /* an earlier process with our pid */
	return kill((pid_t)pid, 0) < 0 && errno == ESRCH;
}

static void unlink_with_sides(const char *path)
{
	char buf[NAME_CAP + 16];
	size_t n = strlen(path);

	if (n >= NAME_CAP)
		return;
	for (size_t k = 0; k < TJ_ARRAY_LEN(side); k++) {
		memcpy(buf, path, n);
		memcpy(buf + n, side[k], strlen(side[k]) + 1);
		unlink(buf);
	}
}

/* ---- the runtime directory and the list ----------------------------------- */

static int own_private_dir(const char *d)
{
	struct stat st;

	return lstat(d, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == getuid() && (st.st_mode & 077) == 0;
}

char *tj_runtime_dir(void)
{
	const char *x = getenv("XDG_RUNTIME_DIR");
	char *d;

	if (x && x[0] == '/') {
		struct stat st;
		if (stat(x, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == getuid()) {
			d = xasprintf("%s/tiaojie", x);
			mkdir(d, 0700);
			if (own_private_dir(d))
				return d;
			free(d);
		}
	}
	d = xasprintf("/tmp/tiaojie-%lu", (unsigned long)getuid());
	mkdir(d, 0700);
	if (own_private_dir(d))
		return d;
	free(d);
	return NULL;
}

static void reg_add(const char *tmp, const char *dir)
{
	char real[PATH_MAX];
	const char *base = strrchr(tmp, '/') ? strrchr(tmp, '/') + 1 : tmp;
	char *rt;

	for (int i = 0; i < REG_MAX; i++) {
		if (reg[i].used)
			continue;
		if (!realpath(dir, real) ||
		    snprintf(reg[i].path, NAME_CAP, "%s/%s", strcmp(real, "/") ? real : "", base) >= NAME_CAP)
			snprintf(reg[i].path, NAME_CAP, "%s", tmp);
		reg[i].link[0] = '\0';
		if ((rt = tj_runtime_dir())) {
			snprintf(reg[i].link, NAME_CAP, "%s/tmp-%ld-%u", rt, (long)getpid(), reg_serial++);
			if (reg[i].path[0] != '/' || symlink(reg[i].path, reg[i].link) < 0)
				reg[i].link[0] = '\0';
			free(rt);
		}
		reg[i].owner = getpid();
		reg[i].used = 1;
		return;
	}
}

/* The entry of tmp (as given or made absolute) out of the list. */
static void reg_drop(const char *tmp, const char *dir)
{
	char real[PATH_MAX], abs[NAME_CAP];
	const char *base = strrchr(tmp, '/') ? strrchr(tmp, '/') + 1 : tmp;

	abs[0] = '\0';
	if (realpath(dir, real))
		snprintf(abs, sizeof abs, "%s/%s", strcmp(real, "/") ? real : "", base);
	for (int i = 0; i < REG_MAX; i++) {
		if (!reg[i].used || (strcmp(reg[i].path, tmp) != 0 && strcmp(reg[i].path, abs) != 0))
			continue;
		if (reg[i].link[0])
			unlink(reg[i].link);
		reg[i].used = 0;
	}
}

void tj_tmp_cleanup(void)
{
	for (int i = 0; i < REG_MAX; i++) {
		if (!reg[i].used || reg[i].owner != getpid())
			continue;
		unlink_with_sides(reg[i].path);
		if (reg[i].link[0])
			unlink(reg[i].link);
		reg[i].used = 0;
	}
}

static void on_fatal_signal(int sig)
{
	tj_tmp_cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

void tj_tmp_cleanup_install(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa;

	atexit(tj_tmp_cleanup);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < TJ_ARRAY_LEN(sigs); i++) {
		struct sigaction old;
		/* an ignored signal (nohup) stays ignored */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

void tj_tmp_sweep_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int dfd;
	long pid;

	if (!d)
		return;
	dfd = dirfd(d);
	while ((e = readdir(d))) {
		if (e->d_name[0] != '.' || !tj_tmp_name_parse(e->d_name, &pid))
			continue;
		char *full = xasprintf("%s/%s", dir, e->d_name);
		struct stat st;
		/* only regular files of this user: never follow a link */
		if (fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
		    st.st_uid == getuid() && owner_gone(pid, full))
			unlinkat(dfd, e->d_name, 0);
		free(full);
	}
	closedir(d);
}

void tj_tmp_sweep(void)
{
	char *rt = tj_runtime_dir();
	DIR *d;
	struct dirent *e;

	if (!rt)
		return;
	d = opendir(rt);
	while (d && (e = readdir(d))) {
		long pid;
		char target[NAME_CAP];
		if (strncmp(e->d_name, "tmp-", 4) != 0 || (pid = strtol(e->d_name + 4, NULL, 10)) <= 0)
			continue;
		if (pid == (long)getpid() || (kill((pid_t)pid, 0) == 0 || errno != ESRCH))
			continue;
		char *link = xasprintf("%s/%s", rt, e->d_name);
		ssize_t n = readlink(link, target, sizeof target - 1);
		if (n > 0) {
			long owner;
			target[n] = '\0';
			const char *base = strrchr(target, '/');
			/* only a name of ours, made by that process */
			if (base && tj_tmp_name_parse(base + 1, &owner) && owner == pid)
				unlink_with_sides(target);
		}
		unlink(link);
		free(link);
	}
	if (d)
		closedir(d);
	free(rt);
}

/* ---- writing ----------------------------------------------------------------- */

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static void open_error(const struct tj_out *o, int e)
{
	struct stat st;
	int is_dir = stat(o->dir, &st) == 0 && S_ISDIR(st.st_mode);

	/* each said in full: no library text after it */
	if ((e == ENOENT || e == ENOTDIR) && !is_dir)
		tj_error("不能写入 %s：目录 %s 不存在", o->path, o->dir);
	else if (e == ENOENT || e == ENOTDIR)
		/* /proc, /sys: a directory that takes no new files */
		tj_error("不能写入 %s：目录 %s 不能建立新文件，请换一个目录", o->path, o->dir);
	else if (e == EROFS)
		tj_error("不能写入 %s：目录 %s 所在的文件系统只读，请换一个目录", o->path, o->dir);
	else if (e == EACCES || e == EPERM)
		tj_error("不能写入 %s：没有在目录 %s 中建立文件的权限", o->path, o->dir);
	else
		tj_error("不能写入 %s：%s", o->path, tj_strerror(e));
}

/* A fresh temporary name beside the final one (not created). */
static char *temp_name(const struct tj_out *o)
{
	const char *base = strrchr(o->path, '/') ? strrchr(o->path, '/') + 1 : o->path;

	if (strlen(base) > 150)
		base = "tiaojie";
	return xasprintf("%s/.%s.tj%ld.XXXXXX", o->dir, base, (long)getpid());
}

int tj_out_open(struct tj_out *o, const char *path, unsigned mode, int flags)
{
	memset(o, 0, sizeof *o);
	o->fd = -1;
	if (!path || !*path || path[strlen(path) - 1] == '/') {
		tj_error("没有指定要写入的文件名");
		return -1;
	}
	o->path = xstrdup(path);
	o->dir = dir_of(path);
	tj_tmp_sweep_dir(o->dir);
#ifdef O_TMPFILE
	if (!(flags & TJ_OUT_NAMED)) {
		o->fd = open(o->dir, O_TMPFILE | O_RDWR | O_CLOEXEC, (mode_t)tj_file_mode(mode));
		if (o->fd >= 0) {
			snprintf(o->proc, sizeof o->proc, "/proc/self/fd/%d", o->fd);
			if (access(o->proc, F_OK) == 0 && fchmod(o->fd, (mode_t)tj_file_mode(mode)) == 0)
				return 0;
			close(o->fd);
			o->fd = -1;
			o->proc[0] = '\0';
		} else if (errno == ENOENT || errno == ENOTDIR || errno == EACCES || errno == EROFS ||
			   errno == ENOSPC || errno == EDQUOT) {
			open_error(o, errno);
			tj_out_discard(o);
			return -1;
		}
		/* else: the file system has no unnamed files; a named one */
	}
#endif
	o->tmp = temp_name(o);
	o->fd = mkostemp(o->tmp, O_CLOEXEC);
	if (o->fd < 0) {
		open_error(o, errno);
		free(o->tmp);
		o->tmp = NULL;
		tj_out_discard(o);
		return -1;
	}
	reg_add(o->tmp, o->dir);
	if (fchmod(o->fd, (mode_t)tj_file_mode(mode)) < 0) {
		open_error(o, errno);
		tj_out_discard(o);
		return -1;
	}
	return 0;
}

const char *tj_out_name(const struct tj_out *o)
{
	return o->tmp ? o->tmp : o->proc;
}

int tj_out_sync(struct tj_out *o)
{
	if (o->fd < 0 || fsync(o->fd) < 0) {
		tj_error("不能写入 %s：%s", o->path, tj_strerror(o->fd < 0 ? EBADF : errno));
		return -1;
	}
	return 0;
}

static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd); /* EINVAL on some file systems: nothing more to do */
		close(fd);
	}
}

static int place_error(const struct tj_out *o, int e)
{
	if (e == EEXIST)
		tj_error("%s 已存在，未覆盖", o->path);
	else if (e == EISDIR)
		tj_error("%s 是目录，请给出文件名", o->path);
	else
		tj_error("不能把文件存为 %s：%s", o->path, tj_strerror(e));
	return -1;
}

int tj_out_place(struct tj_out *o, int flags)
{
	if (o->placed)
		return 0;
	if (!o->tmp) {
		if (o->fd < 0)
			return place_error(o, EBADF);
		if (linkat(AT_FDCWD, o->proc, AT_FDCWD, o->path, AT_SYMLINK_FOLLOW) == 0)
			goto done;
		if (errno != EEXIST || (flags & TJ_OUT_EXCL))
			return place_error(o, errno);
		/* replacing a file: a name of its own first, then over it */
		for (int tries = 0;; tries++) {
			char *t = temp_name(o);
			int fd = mkostemp(t, O_CLOEXEC);
			if (fd < 0) {
				int e = errno;
				free(t);
				return place_error(o, e);
			}
			close(fd);
			unlink(t);
			reg_add(t, o->dir);
			if (linkat(AT_FDCWD, o->proc, AT_FDCWD, t, AT_SYMLINK_FOLLOW) == 0) {
				o->tmp = t;
				break;
			}
			int e = errno;
			reg_drop(t, o->dir);
			free(t);
			if (e != EEXIST || tries > 10)
				return place_error(o, e);
		}
	}
	if (flags & TJ_OUT_EXCL) {
		if (link(o->tmp, o->path) < 0) {
			if (errno != EPERM && errno != ENOTSUP && errno != ENOSYS)
				return place_error(o, errno);
			/* no hard links here: the check and the rename apart */
			if (access(o->path, F_OK) == 0)
				return place_error(o, EEXIST);
			if (rename(o->tmp, o->path) < 0)
				return place_error(o, errno);
		} else {
			unlink(o->tmp);
		}
	} else if (rename(o->tmp, o->path) < 0) {
		return place_error(o, errno);
	}
	reg_drop(o->tmp, o->dir);
	free(o->tmp);
	o->tmp = NULL;
done:
	o->placed = 1;
	sync_dir(o->dir);
	return 0;
}

void tj_out_discard(struct tj_out *o)
{
	if (o->fd >= 0)
		close(o->fd);
	o->fd = -1;
	if (o->tmp) {
		if (!o->placed)
			unlink_with_sides(o->tmp);
		reg_drop(o->tmp, o->dir ? o->dir : ".");
	}
	free(o->tmp);
	free(o->path);
	free(o->dir);
	memset(o, 0, sizeof *o);
	o->fd = -1;
}
