/*
 * restore.c - `tiaojie restore FILE [--force]`: put a backup back as the
 * database, keeping the file it replaces.  And the check every backup
 * gets (cli_verify_backup), here because restore checks its file the same
 * way before touching anything.
 *
 * Only the server's administrator (root or the service account) restores:
 * it replaces the file every session works on, which no application role
 * should do through a setgid program.
 *
 * Whether sessions have the database open: every SQLite connection in WAL
 * mode holds a shared lock on one byte of the -shm file (the "DMS" byte,
 * offset 128: 120 for the WAL locks plus their 8 slots; sqlite3's os_unix.c
 * UNIX_SHM_DMS) for as long as it is open, and the first connection to
 * open a database takes it exclusively to reset the index.  restore takes
 * it exclusively too: refused means a connection is open (a session, a
 * command, a backup); held, it keeps new connections out (they see
 * SQLITE_BUSY and wait or give up) while the files are swapped:
 *
 *   1. the backup is copied beside the database under a temporary name,
 *      synced, given the old file's mode, owner and group;
 *   2. the old file is hard-linked to DB.replaced-YYYYMMDD-HHMMSS (renamed
 *      where links are not possible) and its -wal moved beside it, so the
 *      kept copy opens with everything it held;
 *   3. the copy is renamed over the database and the stale -shm removed;
 *      the next connection is the first and builds a fresh index.
 *
 * With --force a database in use is replaced all the same: sessions still
 * open keep writing to the kept file, not to the restored one.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tiaojie/cli.h"
#include "tiaojie/clock.h"
#include "tiaojie/store.h"

static const char restore_usage[] = "用法：tiaojie restore FILE [--force] [--db FILE]\n"
				    "  以备份 FILE 替换数据库，原数据库保留为 数据库.replaced-时间；\n"
				    "  有会话打开数据库时拒绝，除非 --force（仅 root 或 tiaojie 系统账号）";

#define SHM_DMS_OFFSET 128

int cli_verify_backup(struct cli *c, const char *path)
{
	struct db *copy = store_open(path, DB_OPEN_READONLY | DB_OPEN_NO_MIGRATE, c->cfg.busy_timeout_ms);
	struct strbuf report;
	struct db_check_info info;
	int n;

	if (!copy) {
		cli_err("备份文件 %s 无法打开：%s", path, tj_errmsg());
		return -1;
	}
	sb_init(&report);
	n = store_check(copy, &report, &info);
	store_close(copy);
	if (n < 0)
		cli_err("备份文件 %s 检查失败：%s", path, tj_errmsg());
	else if (n > 0)
		cli_err("备份文件 %s 检查发现 %d 个问题：\n%s", path, n, report.buf);
	sb_free(&report);
	return n == 0 ? 0 : -1;
}

/* Copy src to a new temporary file in dst's directory with the mode,
 * owner and group of ref (when given); the temporary name, or NULL. */
static char *copy_beside(const char *src, const char *dst, const struct stat *ref)
{
	char *tmp = xasprintf("%s.restore.XXXXXX", dst);
	int in = open(src, O_RDONLY | O_CLOEXEC), out = -1;
	char buf[65536];
	ssize_t n = 0;

	if (in < 0) {
		cli_err("无法读取备份文件 %s：%s", src, tj_strerror(errno));
		free(tmp);
		return NULL;
	}
	out = mkstemp(tmp);
	if (out < 0) {
		cli_err("无法在数据库所在目录建立文件 %s：%s", tmp, tj_strerror(errno));
		close(in);
		free(tmp);
		return NULL;
	}
	while ((n = read(in, buf, sizeof buf)) > 0) {
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(out, buf + off, (size_t)(n - off));
			if (w < 0) {
				n = -1;
				break;
			}
			off += w;
		}
		if (n < 0)
			break;
	}
	int bad = n < 0;
	if (!bad && ref) {
		/* the owner first: chown may clear the mode's setgid bits */
		if (geteuid() == 0 && fchown(out, ref->st_uid, ref->st_gid) != 0)
			bad = 1;
		if (!bad && fchmod(out, ref->st_mode & 07777) != 0)
			bad = 1;
	}
	if (!bad && fsync(out) != 0)
		bad = 1;
	int err = errno;
	close(in);
	if (close(out) != 0 && !bad) {
		bad = 1;
		err = errno;
	}
	if (bad) {
		cli_err("复制备份文件到 %s 失败：%s", tmp, tj_strerror(err));
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

int cmd_restore(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'D'},
		{"config", required_argument, NULL, 'C'},
		{"force", no_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	int opt, force = 0, rc = EXIT_FAIL;

	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cli_common_opt(c, opt, optarg))
			continue;
		switch (opt) {
		case 'f':
			force = 1;
			break;
		case 'h':
			puts(restore_usage);
			return EXIT_OK;
		default:
			cli_err("restore：未知选项 %s\n%s", cli_bad_opt(argc, argv), restore_usage);
			return EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		cli_err("%s", restore_usage);
		return EXIT_USAGE;
	}
	if (!access_trusted_caller()) {
		cli_err("restore：只有 root 或 %s 系统账号可以恢复数据库", TJ_SERVICE_USER);
		return EXIT_DENIED;
	}
	if (cli_load_config(c) < 0)
		return EXIT_FAIL;
	const char *src = argv[optind], *db = cli_db_path(c);
	struct stat sst, dst;
	if (stat(src, &sst) != 0 || !S_ISREG(sst.st_mode)) {
		cli_err("备份文件 %s 不存在或不是普通文件", src);
		return EXIT_FAIL;
	}
	int have_db = stat(db, &dst) == 0;
	if (have_db && sst.st_dev == dst.st_dev && sst.st_ino == dst.st_ino) {
		cli_err("restore：%s 就是数据库本身", src);
		return EXIT_USAGE;
	}
	if (cli_verify_backup(c, src) < 0) {
		cli_err("restore：备份文件未通过检查，数据库未动");
		return EXIT_FAIL;
	}

	/* hold the index's first-connection lock while the files change */
	char *shm = xasprintf("%s-shm", db), *wal = xasprintf("%s-wal", db);
	char *kept = NULL, *kept_wal = NULL, *tmp = NULL;
	int had_shm = access(shm, F_OK) == 0;
	int fd = open(shm, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		cli_err("无法打开 %s：%s", shm, tj_strerror(errno));
		goto out;
	}
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = SHM_DMS_OFFSET, .l_len = 1};
	if (fcntl(fd, F_SETLK, &fl) != 0) {
		if (errno != EAGAIN && errno != EACCES) {
			cli_err("无法锁定 %s：%s", shm, tj_strerror(errno));
			goto out;
		}
		if (!force) {
			cli_err("数据库 %s 正被使用（有会话或命令打开着它），未恢复；"
				"请先让所有人退出，或确认后加 --force（仍打开的会话会写入被替换的旧文件）",
				db);
			goto out;
		}
		cli_err("注意：数据库正被使用，按 --force 仍然恢复");
	}
	tmp = copy_beside(src, db, have_db ? &dst : NULL);
	if (!tmp)
		goto out;
	if (have_db) {
		struct tj_clock now;
		clock_now(&now);
		kept = xasprintf("%s.replaced-%04d%02d%02d-%02d%02d%02d", db, now.y, now.mo, now.d, now.h, now.mi,
				 now.s);
		kept_wal = xasprintf("%s-wal", kept);
		if (link(db, kept) != 0 && rename(db, kept) != 0) {
			cli_err("无法保留原数据库为 %s：%s", kept, tj_strerror(errno));
			goto out;
		}
		if (rename(wal, kept_wal) != 0 && errno != ENOENT) {
			cli_err("无法保留原数据库的日志为 %s：%s", kept_wal, tj_strerror(errno));
			goto out;
		}
	}
	if (rename(tmp, db) != 0) {
		cli_err("无法把备份放到 %s：%s（原数据库保留为 %s）", db, tj_strerror(errno), kept ? kept : "");
		goto out;
	}
	free(tmp);
	tmp = NULL;
	unlink(shm);
	{
		/* the log's head kept beside the replaced file belongs to it:
		 * kept with it, so `check` of the restored copy does not take
		 * the events after the backup for lost ones */
		char *head = xasprintf("%s.head", db), *kept_head = kept ? xasprintf("%s.head", kept) : NULL;
		if (!kept_head)
			unlink(head);
		else if (rename(head, kept_head) != 0 && errno != ENOENT)
			cli_err("注意：无法把 %s 移为 %s：%s", head, kept_head, tj_strerror(errno));
		free(head);
		free(kept_head);
	}
	printf("已从 %s 恢复数据库 %s\n", src, db);
	if (kept)
		printf("原数据库保留为 %s\n", kept);
	rc = EXIT_OK;
out:
	if (tmp)
		unlink(tmp);
	if (fd >= 0) {
		if (rc != EXIT_OK && !had_shm)
			unlink(shm); /* ours, and empty */
		close(fd);
	}
	free(tmp);
	free(kept);
	free(kept_wal);
	free(shm);
	free(wal);
	return rc;
}
