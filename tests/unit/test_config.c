/*
 * test_config.c - unit tests of the configuration file reader (config.c).
 *
 * Each test writes a small INI file with mkstemp in /tmp, loads it and looks
 * at the struct and at the error sink; error messages are checked for the
 * exact "FILE:LINE: " prefix, so line counting (CRLF, comments, BOM, lines
 * handed to inih as empty) is pinned down.  config_find is tested by
 * pointing XDG_CONFIG_HOME and HOME at temporary directories.  Run under
 * ASan, the tests also show that config_free releases everything,
 * including values replaced by a repeated key.
 */
#include "tiaojie/config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "tiaojie/util.h"

/* Files and directories to remove at the end. */
static char **cleanup;
static int ncleanup;

static void remember(char *path)
{
	cleanup = xrealloc(cleanup, (size_t)(ncleanup + 1) * sizeof *cleanup);
	cleanup[ncleanup++] = path;
}

static void remove_all(void)
{
	/* Reverse order: files before the directories holding them. */
	while (ncleanup > 0) {
		char *p = cleanup[--ncleanup];

		if (remove(p) != 0 && errno != ENOENT)
			fprintf(stderr, "cannot remove %s: %s\n", p, strerror(errno));
		free(p);
	}
	free(cleanup);
	cleanup = NULL;
}

static void write_all(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
		fprintf(stderr, "cannot write %s\n", path);
		exit(2);
	}
}

/* A temporary file holding text (len bytes; text may contain NUL). */
static const char *tmpfile_n(const char *text, size_t len)
{
	char *path = xstrdup("/tmp/tiaojie-test-config-XXXXXX");
	int fd = mkstemp(path);

	if (fd < 0) {
		perror("mkstemp");
		exit(2);
	}
	close(fd);
	write_all(path, text, len);
	remember(path);
	return path;
}

static const char *tmpfile_s(const char *text)
{
	return tmpfile_n(text, strlen(text));
}

/* Load text as a config file; *path receives the file's name. */
static int load(struct config *c, const char *text, const char **path)
{
	const char *p = tmpfile_s(text);

	if (path)
		*path = p;
	tj_error_clear();
	return config_load(c, p);
}

static int msg_has(const char *needle)
{
	return strstr(tj_errmsg(), needle) != NULL;
}

/* Does the error message have a line "FILE:LINE: ..." containing what? */
static int msg_line(const char *file, int line, const char *what)
{
	char *tag = xasprintf("%s:%d: ", file, line);
	const char *m = tj_errmsg();
	int found = 0;

	for (const char *p = m; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *l = xstrndup(p, n);

		if (strncmp(l, tag, strlen(tag)) == 0 && (!what || strstr(l, what)))
			found = 1;
		free(l);
		if (found || !nl)
			break;
		p = nl + 1;
	}
	free(tag);
	return found;
}

static int msg_lines(void)
{
	int n = 1;

	for (const char *p = tj_errmsg(); *p; p++)
		n += *p == '\n';
	return n;
}

/* Load text expecting exactly one problem, on line, mentioning what. */
static void expect_one_error(const char *text, int line, const char *what)
{
	struct config c;
	const char *path;
	int rc = load(&c, text, &path);

	CHECK_INT(rc, -1);
	CHECK(msg_line(path, line, what), "want line %d with \"%s\", got:\n%s", line,
	      what, tj_errmsg());
	CHECK_INT(msg_lines(), 1);
	config_free(&c);
}

static void test_defaults(void)
{
	struct config c;

	config_defaults(&c);
	CHECK(c.path == NULL, "no path");
	CHECK_STR(c.court_name, "上海市劳动人事争议仲裁院");
	CHECK_STR(c.court_abbr, "沪");
	CHECK_STR(c.centre_name, "上海市三方劳动人事争议联合调解中心");
	CHECK_STR(c.court_address, "");
	CHECK_STR(c.court_phone, "");
	CHECK(c.db == NULL, "db unset");
	CHECK_INT(c.busy_timeout_ms, 5000);
	CHECK_STR(c.case_number_pattern, "{court}劳人调〔{year}〕{seq}号");
	CHECK_INT(c.collective_threshold, 10);
	CHECK_INT(c.legacy_id15, 0);
	CHECK_INT(c.mediation_days, 15);
	CHECK_INT(c.mediation_kind, DAYS_CALENDAR);
	CHECK_INT(c.mediation_from_accepted, 0); /* 调解仲裁法 §14: from receipt */
	CHECK_INT(c.extension_days, 15);
	CHECK_INT(c.arbitration_days, 5);
	CHECK_INT(c.arbitration_kind, DAYS_CALENDAR);
	CHECK_INT(c.due_soon_days, 3);
	CHECK_INT(c.stalled_days, 7);
	CHECK_INT(c.high_incidence_cases, 5);
	CHECK_INT(c.high_incidence_days, 90);
	CHECK_INT(c.nrooms, 3);
	CHECK_STR(c.rooms[0], "第一调解室");
	CHECK_STR(c.rooms[1], "第二调解室");
	CHECK_STR(c.rooms[2], "第三调解室");
	CHECK(c.rooms[3] == NULL, "rooms end");
	CHECK_INT(c.ndistricts, 16);
	CHECK_STR(c.districts[0], "黄浦区");
	CHECK_STR(c.districts[10], "浦东新区");
	CHECK_STR(c.districts[15], "崇明区");
	CHECK(c.districts[16] == NULL, "districts end");
	CHECK_INT(c.session_minutes, 60);
	CHECK_STR(c.print_command, "");
	CHECK_STR(c.notify_command, "");
	CHECK_INT(c.clerk_may_assign, 0);
	CHECK_INT(c.lockout_failures, 5);
	CHECK_INT(c.min_password_len, 8);
	/* The default pattern passes its own check. */
	CHECK_INT(config_check_case_pattern(c.case_number_pattern, NULL), 0);
	config_free(&c);
	CHECK(c.court_name == NULL && c.rooms[0] == NULL && c.nrooms == 0, "freed");
	CHECK(c.districts[0] == NULL && c.ndistricts == 0, "districts freed");
	config_free(&c); /* twice is harmless */
}

static const char full_file[] =
	"; every key, none at its default\n"
	"[court]\n"
	"name = 北京市劳动人事争议仲裁委员会\n"
	"abbr = 京\n"
	"centre = 北京市劳动争议调解中心\n"
	"address = 北京市东城区某某路1号\n"
	"phone = 010-12345678\n"
	"districts = 东城区，西城区, 朝阳区\n"
	"\n"
	"[database]\n"
	"path = /var/lib/tiaojie/tiaojie.db\n"
	"busy_timeout = 10000\n"
	"\n"
	"[case]\n"
	"number = {court}劳人仲调〔{year}〕{seq:04}号\n"
	"collective_min = 30\n"
	"legacy_id15 = yes\n"
	"\n"
	"[deadlines]\n"
	"mediation_days = 20\n"
	"mediation_count = working\n"
	"mediation_from = Accepted\n"
	"extension_days = 10\n"
	"arbitration_days = 7\n"
	"arbitration_count = Working\n"
	"due_soon_days = 0\n"
	"stalled_days = 14\n"
	"\n"
	"[warnings]\n"
	"high_incidence_cases = 8\n"
	"high_incidence_days = 180\n"
	"\n"
	"[sessions]\n"
	"rooms = 甲室, 乙室\n"
	"default_minutes = 90\n"
	"\n"
	"[commands]\n"
	"print = lp -d counter1 \"$1\"\n"
	"notify = /usr/local/bin/sms-send \"$1\" \"$2\"\n"
	"\n"
	"[policy]\n"
	"clerk_may_assign = on\n"
	"lockout_failures = 3\n"
	"min_password_length = 12\n"
	"\n"
	"[report]\n"
	"table_number = 人社统MA1表\n"
	"unit = 北京市劳动争议调解中心统计科\n"
	"head = 赵主任\n"
	"statistician = 钱科长\n"
	"preparer = 孙填表\n"
	"bodies = 企业劳动争议调解委员会，乡镇（街道）调解组织\n";

static void check_full(const struct config *c)
{
	CHECK_STR(c->court_name, "北京市劳动人事争议仲裁委员会");
	CHECK_STR(c->court_abbr, "京");
	CHECK_STR(c->centre_name, "北京市劳动争议调解中心");
	CHECK_STR(c->court_address, "北京市东城区某某路1号");
	CHECK_STR(c->court_phone, "010-12345678");
	CHECK_INT(c->ndistricts, 3);
	CHECK_STR(c->districts[0], "东城区");
	CHECK_STR(c->districts[2], "朝阳区");
	CHECK(c->districts[3] == NULL, "the default districts freed and cleared");
	CHECK_STR(c->db, "/var/lib/tiaojie/tiaojie.db");
	CHECK_INT(c->busy_timeout_ms, 10000);
	CHECK_STR(c->case_number_pattern, "{court}劳人仲调〔{year}〕{seq:04}号");
	CHECK_INT(c->collective_threshold, 30);
	CHECK_INT(c->legacy_id15, 1);
	CHECK_INT(c->mediation_days, 20);
	CHECK_INT(c->mediation_kind, DAYS_WORKING);
	CHECK_INT(c->mediation_from_accepted, 1);
	CHECK_INT(c->extension_days, 10);
	CHECK_INT(c->arbitration_days, 7);
	CHECK_INT(c->arbitration_kind, DAYS_WORKING);
	CHECK_INT(c->due_soon_days, 0);
	CHECK_INT(c->stalled_days, 14);
	CHECK_INT(c->high_incidence_cases, 8);
	CHECK_INT(c->high_incidence_days, 180);
	CHECK_INT(c->nrooms, 2);
	CHECK_STR(c->rooms[0], "甲室");
	CHECK_STR(c->rooms[1], "乙室");
	CHECK(c->rooms[2] == NULL, "old third room freed and cleared");
	CHECK_INT(c->session_minutes, 90);
	CHECK_STR(c->print_command, "lp -d counter1 \"$1\"");
	CHECK_STR(c->notify_command, "/usr/local/bin/sms-send \"$1\" \"$2\"");
	CHECK_INT(c->clerk_may_assign, 1);
	CHECK_INT(c->lockout_failures, 3);
	CHECK_INT(c->min_password_len, 12);
	CHECK_STR(c->report_table_no, "人社统MA1表");
	CHECK_STR(c->report_unit, "北京市劳动争议调解中心统计科");
	CHECK_STR(c->report_head, "赵主任");
	CHECK_STR(c->report_statistician, "钱科长");
	CHECK_STR(c->report_preparer, "孙填表");
	CHECK_INT(c->nreport_bodies, 2);
	CHECK_STR(c->report_bodies[0], "企业劳动争议调解委员会");
	CHECK_STR(c->report_bodies[1], "乡镇（街道）调解组织");
}

static void test_full(void)
{
	struct config c;
	const char *path;
	int rc = load(&c, full_file, &path);

	CHECK_INT(rc, 0);
	CHECK_STR(c.path, path);
	check_full(&c);
	config_free(&c);
}

/* The same file with CR LF endings and a BOM; then an error's line number. */
static void test_crlf_bom(void)
{
	struct strbuf sb;
	struct config c;
	const char *path;
	int rc;

	sb_init(&sb);
	sb_add(&sb, "\xEF\xBB\xBF");
	for (const char *p = full_file; *p; p++) {
		if (*p == '\n')
			sb_addc(&sb, '\r');
		sb_addc(&sb, *p);
	}
	rc = load(&c, sb.buf, &path);
	CHECK_INT(rc, 0);
	check_full(&c);
	config_free(&c);
	sb_free(&sb);

	expect_one_error("[court]\r\n; note\r\n\r\nname = x\r\nnmae = y\r\n", 5,
			 "未知的设置项 [court] nmae");
	expect_one_error("\xEF\xBB\xBF[court]\r\nabbr = 沪\r\n[deadlines]\r\nstalled_days = 0\r\n",
			 4, "1 到 365");
}

static void test_comments(void)
{
	struct config c;
	const char *path;
	int rc;

	rc = load(&c,
		  "; a comment\n"
		  "# another comment\n"
		  "   ; indented comment\n"
		  "\t# indented hash comment\n"
		  "[court] ; comment after a header\n"
		  "[commands]   # and with a hash\n"
		  "print = lp -d x ; echo done # not a comment\n"
		  "  notify = sms   \n"
		  "\n"
		  "[deadlines]\n"
		  "    mediation_days = 9\n"
		  "\t\tstalled_days = 3\n"
		  "#mediation_days = 300\n"
		  ";stalled_days = abc\n",
		  &path);
	CHECK_INT(rc, 0);
	if (rc)
		fprintf(stderr, "%s\n", tj_errmsg());
	/* No inline comments: ';' and '#' inside a value are kept. */
	CHECK_STR(c.print_command, "lp -d x ; echo done # not a comment");
	/* An indented line is its own setting, not a continuation. */
	CHECK_STR(c.notify_command, "sms");
	CHECK_INT(c.mediation_days, 9);
	CHECK_INT(c.stalled_days, 3);
	config_free(&c);

	/* Comments and blank lines still count as lines. */
	expect_one_error("# 1\n\n; 3\n[court]\n\n# 6\nbogus = 1\n", 7, "未知的设置项 [court] bogus");
}

static void test_chinese(void)
{
	struct config c;
	int rc;

	rc = load(&c,
		  "[court]\n"
		  "name = 上海市浦东新区劳动人事争议仲裁院\n"
		  "abbr = 沪浦\n"
		  "address = 上海市浦东新区某某路 88 号（近某某路）\n"
		  "[sessions]\n"
		  "rooms = 第一调解室，第二调解室, 第三调解室　，　第四调解室 ，小会议室\n",
		  NULL);
	CHECK_INT(rc, 0);
	CHECK_STR(c.court_name, "上海市浦东新区劳动人事争议仲裁院");
	CHECK_STR(c.court_abbr, "沪浦");
	CHECK_STR(c.court_address, "上海市浦东新区某某路 88 号（近某某路）");
	CHECK_INT(c.nrooms, 5);
	CHECK_STR(c.rooms[0], "第一调解室");
	CHECK_STR(c.rooms[1], "第二调解室");
	CHECK_STR(c.rooms[2], "第三调解室");
	CHECK_STR(c.rooms[3], "第四调解室");
	CHECK_STR(c.rooms[4], "小会议室");
	config_free(&c);

	/* A single room, and 32 rooms (the maximum). */
	{
		struct strbuf sb;

		sb_init(&sb);
		sb_add(&sb, "[sessions]\nrooms = ");
		for (int i = 1; i <= CONFIG_MAX_ROOMS; i++)
			sb_printf(&sb, "%s第%d调解室", i > 1 ? "，" : "", i);
		sb_add(&sb, "\n");
		rc = load(&c, sb.buf, NULL);
		CHECK_INT(rc, 0);
		CHECK_INT(c.nrooms, CONFIG_MAX_ROOMS);
		CHECK_STR(c.rooms[CONFIG_MAX_ROOMS - 1], "第32调解室");
		config_free(&c);
		sb_free(&sb);
	}
	rc = load(&c, "[sessions]\nrooms = 唯一调解室\n", NULL);
	CHECK_INT(rc, 0);
	CHECK_INT(c.nrooms, 1);
	CHECK_STR(c.rooms[0], "唯一调解室");
	CHECK(c.rooms[1] == NULL, "rest cleared");
	config_free(&c);
}

static void test_each_error(void)
{
	struct config c;
	const char *path;
	int rc;

	/* Unknown key on line 7. */
	expect_one_error("[court]\nname = x\n\n[case]\n; comment\ncollective_min = 12\nnumbr = 1\n",
			 7, "未知的设置项 [case] numbr");
	/* Unknown section: reported once, at its header, not per key. */
	expect_one_error("[court]\nname = x\n[courts]\nname = y\nabbr = z\n", 3, "未知的节 [courts]");
	/* Section names are exact. */
	expect_one_error("[Court]\nname = y\n", 1, "未知的节 [Court]");
	/* A key before any section. */
	expect_one_error("name = x\n[court]\n", 1, "不在任何节中");

	/* Numbers. */
	expect_one_error("[deadlines]\nmediation_days = fifteen\n", 2, "不是整数");
	expect_one_error("[deadlines]\nmediation_days = 15天\n", 2, "「15天」不是整数");
	expect_one_error("[deadlines]\nmediation_days = 1.5\n", 2, "不是整数");
	expect_one_error("[deadlines]\nmediation_days =\n", 2, "不是整数");
	expect_one_error("[deadlines]\nmediation_days = 0x10\n", 2, "不是整数");
	expect_one_error("[deadlines]\nmediation_days = 366\n", 2, "超出范围（允许 1 到 365）");
	expect_one_error("[deadlines]\ndue_soon_days = -1\n", 2, "超出范围（允许 0 到 60）");
	expect_one_error("[database]\nbusy_timeout = 99\n", 2, "100 到 600000");
	expect_one_error("[database]\nbusy_timeout = 99999999999999999999999\n", 2,
			 "超出范围（允许 100 到 600000）");
	expect_one_error("[case]\ncollective_min = 1\n", 2, "2 到 1000");
	expect_one_error("[warnings]\nhigh_incidence_days = 3651\n", 2, "1 到 3650");
	expect_one_error("[sessions]\ndefault_minutes = 5\n", 2, "10 到 600");
	expect_one_error("[policy]\nmin_password_length = 5\n", 2, "6 到 128");
	expect_one_error("[policy]\nlockout_failures = 101\n", 2, "1 到 100");
	/* The bounds themselves are accepted. */
	rc = load(&c, "[deadlines]\ndue_soon_days = 0\nmediation_days = +365\n[database]\nbusy_timeout = 600000\n", NULL);
	CHECK_INT(rc, 0);
	CHECK_INT(c.due_soon_days, 0);
	CHECK_INT(c.mediation_days, 365);
	CHECK_INT(c.busy_timeout_ms, 600000);
	config_free(&c);

	/* Booleans: every accepted spelling, then a bad one. */
	{
		static const struct {
			const char *text;
			int want;
		} b[] = {
			{ "yes", 1 }, { "no", 0 }, { "true", 1 }, { "false", 0 },
			{ "on", 1 }, { "off", 0 }, { "1", 1 }, { "0", 0 },
			{ "YES", 1 }, { "Off", 0 },
		};
		for (size_t i = 0; i < TJ_ARRAY_LEN(b); i++) {
			char *text = xasprintf("[policy]\nclerk_may_assign = %s\n", b[i].text);
			rc = load(&c, text, NULL);
			CHECK_INT(rc, 0);
			CHECK_INT(c.clerk_may_assign, b[i].want);
			config_free(&c);
			free(text);
		}
	}
	expect_one_error("[case]\nlegacy_id15 = maybe\n", 2, "「maybe」无效（应为 yes 或 no");
	expect_one_error("[policy]\nclerk_may_assign = 是\n", 2, "应为 yes 或 no");

	/* Day counts. */
	expect_one_error("[deadlines]\nmediation_count = weekdays\n", 2, "calendar");
	expect_one_error("[deadlines]\nmediation_from = registration\n", 2, "received 自收到调解申请之日起");
	expect_one_error("[deadlines]\narbitration_count =\n", 2, "working");

	/* Case-number pattern. */
	expect_one_error("[case]\nnumber = {court}{year}{foo}\n", 2, "案号格式无效：未知的占位符 {foo}");
	expect_one_error("[case]\nnumber = {court}({year})\n", 2, "缺少序号占位符 {seq}");
	expect_one_error("[case]\nnumber = {year}第{seq:05号\n", 2, "未闭合");

	/* Rooms. */
	{
		struct strbuf sb;

		sb_init(&sb);
		sb_add(&sb, "[sessions]\n\nrooms = ");
		for (int i = 1; i <= CONFIG_MAX_ROOMS + 1; i++)
			sb_printf(&sb, "%s室%d", i > 1 ? "," : "", i);
		sb_add(&sb, "\n");
		expect_one_error(sb.buf, 3, "过多：33 个（最多 32 个）");
		sb_free(&sb);
	}
	expect_one_error("[sessions]\nrooms = 甲室,,乙室\n", 2, "第 2 个调解室名称为空");
	expect_one_error("[sessions]\nrooms = 甲室，乙室，\n", 2, "第 3 个调解室名称为空");
	expect_one_error("[sessions]\nrooms = 甲室, 　 ,乙室\n", 2, "第 2 个调解室名称为空");
	expect_one_error("[sessions]\nrooms =\n", 2, "至少要有一个调解室");
	expect_one_error("[sessions]\nrooms = 甲室,乙室,甲室\n", 2, "「甲室」重复");
	/* districts: the same list rules, but an empty list means none */
	expect_one_error("[court]\ndistricts = 东城区,,西城区\n", 2, "第 2 个区名称为空");
	expect_one_error("[court]\ndistricts = 东城区，东城区\n", 2, "中区「东城区」重复");
	rc = load(&c, "[court]\ndistricts =\n", NULL);
	CHECK_INT(rc, 0);
	CHECK_INT(c.ndistricts, 0);
	CHECK(c.districts[0] == NULL, "no districts");
	config_free(&c);
	/* A bad list keeps the previous rooms. */
	rc = load(&c, "[sessions]\nrooms = 甲室,,乙室\n", NULL);
	CHECK_INT(rc, -1);
	CHECK_INT(c.nrooms, 3);
	CHECK_STR(c.rooms[0], "第一调解室");
	config_free(&c);

	/* Text values. */
	expect_one_error("[court]\nname =\n", 2, "[court] name 不能为空");
	expect_one_error("[court]\ncentre =   \n", 2, "[court] centre 不能为空");
	expect_one_error("[court]\nabbr =\n", 2, "[court] abbr 不能为空");
	expect_one_error("[court]\nabbr = 上海市劳动人事争议仲裁\n", 2, "过长（最多 10 个字）");
	expect_one_error("[court]\n\nname = \xE4\xB8\n", 3, "不是有效的 UTF-8");
	expect_one_error("[court]\nname = \xC0\xAF\n", 2, "不是有效的 UTF-8");
	expect_one_error("[court]\nname = a\x01" "b\n", 2, "控制字符");
	expect_one_error("[court]\nname = a\tb\n", 2, "控制字符");
	expect_one_error("[court]\nname = a\x7F\n", 2, "控制字符");
	expect_one_error("[court]\nname = a\xC2\x85" "b\n", 2, "控制字符");
	/* Empty means "not set" for the database path. */
	rc = load(&c, "[database]\npath = /srv/a.db\npath =\n[court]\naddress =\n", NULL);
	CHECK_INT(rc, 0);
	CHECK(c.db == NULL, "empty path unsets");
	CHECK_STR(c.court_address, "");
	config_free(&c);

	/* Syntax errors. */
	expect_one_error("[court]\nname x\n", 2, "语法错误");
	expect_one_error("[court]\n[deadlines\nmediation_days = 1000\n", 2, "语法错误：节名缺少 ]");
	expect_one_error("[court] extra\nname = x\n", 1, "语法错误");
	expect_one_error("[court]\n = x\n", 2, "语法错误");
	/* A NUL byte and an over-long line. */
	{
		static const char text[] = "[court]\nname = a\0b\nabbr = 京\n";

		path = tmpfile_n(text, sizeof text - 1);
		tj_error_clear();
		rc = config_load(&c, path);
		CHECK_INT(rc, -1);
		CHECK(msg_line(path, 2, "空字符"), "%s", tj_errmsg());
		CHECK_INT(msg_lines(), 1);
		CHECK_STR(c.court_abbr, "京");
		CHECK_STR(c.court_name, "上海市劳动人事争议仲裁院");
		config_free(&c);
	}
	{
		struct strbuf sb;

		sb_init(&sb);
		sb_add(&sb, "[court]\naddress = ");
		for (int i = 0; i < 1400; i++)
			sb_add(&sb, "长");
		sb_add(&sb, "\nabbr = 京\n");
		expect_one_error(sb.buf, 2, "行过长（最多 4000 字节）");
		sb_free(&sb);

		/* Just under the limit is fine (longer than inih's usual 200). */
		sb_init(&sb);
		sb_add(&sb, "[court]\naddress = ");
		for (int i = 0; i < 1300; i++)
			sb_add(&sb, "长");
		sb_add(&sb, "\n");
		rc = load(&c, sb.buf, NULL);
		CHECK_INT(rc, 0);
		CHECK_INT(strlen(c.court_address), 3900);
		config_free(&c);
		sb_free(&sb);
	}
}

/* Several problems in one file are all reported, in order; good settings
 * around them still take effect and bad ones keep their defaults. */
static void test_several(void)
{
	struct config c;
	const char *path;
	int rc;

	rc = load(&c,
		  "[court]\n"                       /* 1 */
		  "abbr = 苏\n"                     /* 2 */
		  "nam = x\n"                       /* 3 unknown key */
		  "[deadlines]\n"                   /* 4 */
		  "mediation_days = 0\n"            /* 5 out of range */
		  "extension_days = 20\n"           /* 6 */
		  "mediation_count = sometimes\n"   /* 7 bad day count */
		  "[misc]\n"                        /* 8 unknown section */
		  "foo = bar\n"                     /* 9 (quiet) */
		  "[case]\n"                        /* 10 */
		  "number = {court}{seq:0}\n"       /* 11 bad pattern */
		  "legacy_id15 = perhaps\n"         /* 12 bad boolean */
		  "this is not a setting\n"         /* 13 syntax */
		  "[sessions]\n"                    /* 14 */
		  "rooms = a,,b\n"                  /* 15 empty room */
		  "default_minutes = 45\n",         /* 16 */
		  &path);
	CHECK_INT(rc, -1);
	CHECK_INT(msg_lines(), 8);
	CHECK(msg_line(path, 3, "未知的设置项 [court] nam"), "%s", tj_errmsg());
	CHECK(msg_line(path, 5, "超出范围（允许 1 到 365）"), "%s", tj_errmsg());
	CHECK(msg_line(path, 7, "mediation_count"), "%s", tj_errmsg());
	CHECK(msg_line(path, 8, "未知的节 [misc]"), "%s", tj_errmsg());
	CHECK(msg_line(path, 11, "序号宽度 {seq:0} 无效"), "%s", tj_errmsg());
	CHECK(msg_line(path, 12, "perhaps"), "%s", tj_errmsg());
	CHECK(msg_line(path, 13, "语法错误"), "%s", tj_errmsg());
	CHECK(msg_line(path, 15, "名称为空"), "%s", tj_errmsg());
	/* In line order. */
	{
		char *t3 = xasprintf("%s:3: ", path), *t15 = xasprintf("%s:15: ", path);
		const char *a = strstr(tj_errmsg(), t3), *b = strstr(tj_errmsg(), t15);

		CHECK(a && b && a < b, "order");
		CHECK(strncmp(tj_errmsg(), t3, strlen(t3)) == 0, "first line is line 3");
		free(t3);
		free(t15);
	}
	CHECK_STR(c.path, path);
	CHECK_STR(c.court_abbr, "苏");
	CHECK_INT(c.mediation_days, 15);
	CHECK_INT(c.extension_days, 20);
	CHECK_INT(c.mediation_kind, DAYS_CALENDAR);
	CHECK_STR(c.case_number_pattern, "{court}劳人调〔{year}〕{seq}号");
	CHECK_INT(c.legacy_id15, 0);
	CHECK_INT(c.nrooms, 3);
	CHECK_INT(c.session_minutes, 45);
	config_free(&c);
}

/* Too many problems for the error sink: whole lines, then a count. */
static void test_many_errors(void)
{
	struct strbuf sb;
	struct config c;
	const char *path;
	const char *m;
	int rc;

	sb_init(&sb);
	sb_add(&sb, "[court]\n");
	for (int i = 0; i < 60; i++)
		sb_printf(&sb, "unknown_key_%02d = 值\n", i);
	rc = load(&c, sb.buf, &path);
	sb_free(&sb);
	m = tj_errmsg();
	CHECK_INT(rc, -1);
	CHECK(strlen(m) < 1000, "fits the sink: %zu bytes", strlen(m));
	CHECK(utf8_valid(m, strlen(m)), "not cut inside a character");
	CHECK(msg_line(path, 2, "unknown_key_00"), "%s", m);
	CHECK(msg_has("处错误未列出"), "%s", m);
	{
		/* The count is right: shown lines + left out = 60. */
		const char *p = strstr(m, "（另有 ");
		int rest = p ? atoi(p + strlen("（另有 ")) : -1;

		CHECK_INT(msg_lines() - 1 + rest, 60);
	}
	config_free(&c);
}

static void test_patterns(void)
{
	static const char *const good[] = {
		"{court}劳人调({year})第{seq:05}号",
		"{court}劳人仲调〔{year}〕{seq:04}号",
		"{year}-{seq}",
		"{seq:01}{year}",
		"{seq:09}/{year}/{court}",
		"{year}{seq}{seq:03}",
	};
	static const struct {
		const char *pattern;
		const char *reason;
	} bad[] = {
		{ "", "格式为空" },
		{ "{court}{year}", "缺少序号占位符 {seq}" },
		{ "{court}第{seq}号", "缺少年份占位符 {year}" },
		{ "{year}{seq:0}", "序号宽度 {seq:0} 无效" },
		{ "{year}{seq:010}", "序号宽度 {seq:010} 无效" },
		{ "{year}{seq:5}", "序号宽度 {seq:5} 无效" },
		{ "{year}{seq:05x}", "序号宽度 {seq:05x} 无效" },
		{ "{year}{seq:}", "序号宽度 {seq:} 无效" },
		{ "{year}{seq}{Court}", "未知的占位符 {Court}" },
		{ "{year}{seq}{}", "未知的占位符 {}" },
		{ "{year}{seq}{ year }", "未知的占位符 { year }" },
		{ "{year}{seq}{案号}", "未知的占位符 {案号}" },
		{ "{year}{seq", "未闭合" },
		{ "{year}{{seq}}", "未闭合" },
		{ "{year}{seq}}", "多余的 }" },
		{ "{year}{seq}\xFF", "UTF-8" },
		{ "{year}{seq}\x1B[1m", "控制字符" },
	};
	const char *reason;
	struct strbuf sb;

	for (size_t i = 0; i < TJ_ARRAY_LEN(good); i++) {
		reason = "unset";
		CHECK_INT(config_check_case_pattern(good[i], &reason), 0);
		CHECK(reason == NULL, "%s: reason cleared", good[i]);
	}
	for (size_t i = 0; i < TJ_ARRAY_LEN(bad); i++) {
		reason = NULL;
		CHECK_INT(config_check_case_pattern(bad[i].pattern, &reason), -1);
		CHECK(reason && strstr(reason, bad[i].reason), "\"%s\": got \"%s\", want \"%s\"",
		      bad[i].pattern, reason ? reason : "(null)", bad[i].reason);
	}
	CHECK_INT(config_check_case_pattern(NULL, &reason), -1);
	CHECK_INT(config_check_case_pattern("{seq}", NULL), -1);

	/* 100 bytes is the limit. */
	sb_init(&sb);
	sb_add(&sb, "{year}{seq}");
	while (sb.len < 100)
		sb_addc(&sb, 'x');
	CHECK_INT(config_check_case_pattern(sb.buf, &reason), 0);
	sb_addc(&sb, 'x');
	CHECK_INT(config_check_case_pattern(sb.buf, &reason), -1);
	CHECK(strstr(reason, "最多 100 字节") != NULL, "%s", reason);
	sb_free(&sb);
}

static char *make_dir(void)
{
	char *d = xstrdup("/tmp/tiaojie-test-config-dir-XXXXXX");

	if (!mkdtemp(d)) {
		perror("mkdtemp");
		exit(2);
	}
	remember(d);
	return d;
}

static char *make_subdir(const char *parent, const char *name)
{
	char *d = xasprintf("%s/%s", parent, name);

	if (mkdir(d, 0700) != 0) {
		perror("mkdir");
		exit(2);
	}
	remember(d);
	return d;
}

static void test_find(void)
{
	const int have_etc = access("/etc/tiaojie/tiaojie.conf", F_OK) == 0;
	const char *etc = "/etc/tiaojie/tiaojie.conf";
	char *xdg = make_dir(), *home = make_dir(), *empty = make_dir();
	char *xdg_app = make_subdir(xdg, "tiaojie");
	char *home_cfg = make_subdir(home, ".config");
	char *home_app = make_subdir(home_cfg, "tiaojie");
	char *xdg_file = xasprintf("%s/config", xdg_app);
	char *home_file = xasprintf("%s/config", home_app);
	char *found;
	struct config c;
	int rc;

	/* Nothing in XDG_CONFIG_HOME yet. */
	setenv("XDG_CONFIG_HOME", xdg, 1);
	setenv("HOME", empty, 1);
	found = config_find();
	if (have_etc)
		CHECK_STR(found, etc);
	else
		CHECK(found == NULL, "nothing found, got %s", found);
	free(found);
	/* ... so config_load(NULL) gives the defaults and no path. */
	if (!have_etc) {
		tj_error_clear();
		rc = config_load(&c, NULL);
		CHECK_INT(rc, 0);
		CHECK(c.path == NULL, "no path");
		CHECK_STR(c.court_abbr, "沪");
		config_free(&c);
	}

	write_all(xdg_file, "[court]\nabbr = 浙\n", strlen("[court]\nabbr = 浙\n"));
	remember(xstrdup(xdg_file));
	write_all(home_file, "[court]\nabbr = 苏\n", strlen("[court]\nabbr = 苏\n"));
	remember(xstrdup(home_file));

	found = config_find();
	CHECK_STR(found, xdg_file);
	free(found);
	tj_error_clear();
	rc = config_load(&c, NULL);
	CHECK_INT(rc, 0);
	CHECK_STR(c.path, xdg_file);
	CHECK_STR(c.court_abbr, "浙");
	config_free(&c);

	/* Empty, relative or unset XDG_CONFIG_HOME: $HOME/.config. */
	setenv("HOME", home, 1);
	setenv("XDG_CONFIG_HOME", "", 1);
	found = config_find();
	CHECK_STR(found, home_file);
	free(found);
	setenv("XDG_CONFIG_HOME", "relative/dir", 1);
	found = config_find();
	CHECK_STR(found, home_file);
	free(found);
	unsetenv("XDG_CONFIG_HOME");
	found = config_find();
	CHECK_STR(found, home_file);
	free(found);
	tj_error_clear();
	rc = config_load(&c, NULL);
	CHECK_INT(rc, 0);
	CHECK_STR(c.path, home_file);
	CHECK_STR(c.court_abbr, "苏");
	config_free(&c);

	/* XDG set but without a file there: HOME is not tried. */
	setenv("XDG_CONFIG_HOME", empty, 1);
	found = config_find();
	if (have_etc)
		CHECK_STR(found, etc);
	else
		CHECK(found == NULL, "got %s", found);
	free(found);

	/* A found file with errors: -1, and the path is kept. */
	setenv("XDG_CONFIG_HOME", xdg, 1);
	write_all(xdg_file, "[court]\nabbr = 浙\nx = 1\n", strlen("[court]\nabbr = 浙\nx = 1\n"));
	tj_error_clear();
	rc = config_load(&c, NULL);
	CHECK_INT(rc, -1);
	CHECK_STR(c.path, xdg_file);
	CHECK(msg_line(xdg_file, 3, "未知的设置项 [court] x"), "%s", tj_errmsg());
	config_free(&c);

	unsetenv("XDG_CONFIG_HOME");
	free(xdg_file);
	free(home_file);
}

static void test_unreadable(void)
{
	struct config c;
	char *dir = make_dir();
	char *missing = xasprintf("%s/no-such.conf", dir);
	char *want;
	int rc;

	tj_error_clear();
	rc = config_load(&c, missing);
	CHECK_INT(rc, -1);
	want = xasprintf("无法读取配置文件 %s：%s", missing, tj_strerror(ENOENT));
	CHECK_STR(tj_errmsg(), want);
	free(want);
	CHECK(c.path == NULL, "not read");
	CHECK_STR(c.court_name, "上海市劳动人事争议仲裁院");
	config_free(&c);

	/* A directory opens but cannot be read. */
	tj_error_clear();
	rc = config_load(&c, dir);
	CHECK_INT(rc, -1);
	CHECK(msg_has("无法读取配置文件") && msg_has(strerror(EISDIR)), "%s", tj_errmsg());
	CHECK(c.path == NULL, "not read");
	config_free(&c);

	/* No permission (root reads anything, so only as a normal user). */
	if (geteuid() != 0) {
		const char *p = tmpfile_s("[court]\nname = x\n");

		chmod(p, 0);
		tj_error_clear();
		rc = config_load(&c, p);
		CHECK_INT(rc, -1);
		CHECK(msg_has(strerror(EACCES)), "%s", tj_errmsg());
		config_free(&c);
	}
	free(missing);
}

/* A key given twice keeps the last value; ASan checks nothing leaks. */
static void test_repeated(void)
{
	struct config c;
	int rc;

	rc = load(&c,
		  "[court]\n"
		  "name = 第一个名称\n"
		  "name = 第二个名称\n"
		  "address = a\n"
		  "[case]\n"
		  "number = {year}-{seq}\n"
		  "[sessions]\n"
		  "rooms = 甲,乙,丙,丁\n"
		  "rooms = 戊\n"
		  "[court]\n"
		  "address = b\n"
		  "[case]\n"
		  "number = {court}{year}-{seq:03}\n"
		  "[database]\n"
		  "path = /a.db\n"
		  "path = /b.db\n"
		  "[deadlines]\n"
		  "stalled_days = 4\n"
		  "stalled_days = 5\n",
		  NULL);
	CHECK_INT(rc, 0);
	CHECK_STR(c.court_name, "第二个名称");
	CHECK_STR(c.court_address, "b");
	CHECK_STR(c.case_number_pattern, "{court}{year}-{seq:03}");
	CHECK_INT(c.nrooms, 1);
	CHECK_STR(c.rooms[0], "戊");
	CHECK(c.rooms[1] == NULL, "old rooms cleared");
	CHECK_STR(c.db, "/b.db");
	CHECK_INT(c.stalled_days, 5);
	config_free(&c);

	/* A later bad value does not undo an earlier good one. */
	rc = load(&c, "[deadlines]\nstalled_days = 4\nstalled_days = 0\n", NULL);
	CHECK_INT(rc, -1);
	CHECK_INT(c.stalled_days, 4);
	config_free(&c);
}

/* An empty file and one with only comments are fine. */
static void test_empty(void)
{
	struct config c;
	int rc;

	rc = load(&c, "", NULL);
	CHECK_INT(rc, 0);
	CHECK_INT(c.mediation_days, 15);
	config_free(&c);
	rc = load(&c, "; nothing here\n\n   \n[court]\n", NULL);
	CHECK_INT(rc, 0);
	config_free(&c);
	/* No newline at the end of the last line. */
	rc = load(&c, "[deadlines]\nstalled_days = 9", NULL);
	CHECK_INT(rc, 0);
	CHECK_INT(c.stalled_days, 9);
	config_free(&c);
}

int main(void)
{
	test_defaults();
	test_full();
	test_crlf_bom();
	test_comments();
	test_chinese();
	test_each_error();
	test_several();
	test_many_errors();
	test_patterns();
	test_find();
	test_unreadable();
	test_repeated();
	test_empty();
	remove_all();
	return tap_done();
}
