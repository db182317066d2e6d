/*
 * config.h - the configuration file (INI, parsed with libinih).
 *
 * Found as SPEC §7 says: --config FILE, else $XDG_CONFIG_HOME/tiaojie/config
 * (XDG_CONFIG_HOME defaulting to ~/.config), else /etc/tiaojie/tiaojie.conf;
 * no file at all is fine (every setting has a default).  Unknown sections or
 * keys and bad values are errors reported as "FILE:LINE: 原因".
 * man/tiaojie.conf.5 documents every key.
 */
#ifndef TIAOJIE_CONFIG_H
#define TIAOJIE_CONFIG_H

#include <stddef.h>

#include "tiaojie/calendar.h"

#define CONFIG_MAX_ROOMS 32
#define CONFIG_MAX_DISTRICTS 64
#define CONFIG_MAX_BODIES 16
#define CONFIG_MAX_LIST 64 /* the longest of the lists above */

struct config {
	char *path;              /* file read, or NULL when none was found */

	/* [court] */
	char *court_name;        /* name = 上海市劳动人事争议仲裁院 */
	char *court_abbr;        /* abbr = 沪 (the {court} of case numbers) */
	char *centre_name;       /* centre = 上海市三方劳动人事争议联合调解中心 */
	char *court_address;     /* address = (empty) */
	char *court_phone;       /* phone = (empty) */
	/* districts = 黄浦区, 徐汇区, ... (comma separated, ，too; empty: none):
	 * the court's own districts, offered by F4 on a 所在区 field;
	 * default Shanghai's sixteen, as the default court is Shanghai's */
	char *districts[CONFIG_MAX_DISTRICTS];
	int ndistricts;

	/* [database] */
	char *db;                /* path = (unset: ./tiaojie.db) */
	int busy_timeout_ms;     /* busy_timeout = 5000 (100..600000) */

	/* [case] */
	char *case_number_pattern; /* number = {court}劳人调({year})第{seq:05}号 */
	int collective_threshold;  /* collective_min = 10 (2..1000): applicants making a collective dispute */
	int legacy_id15;           /* legacy_id15 = no */

	/* [deadlines] */
	int mediation_days;        /* mediation_days = 15 (1..365) */
	enum day_count mediation_kind; /* mediation_count = calendar|working (calendar) */
	/* mediation_from = received|accepted (received): the mediation period
	 * counted from the day the application was received (调解仲裁法 §14)
	 * or from acceptance */
	int mediation_from_accepted;
	int extension_days;        /* extension_days = 15 (1..365) */
	int arbitration_days;      /* arbitration_days = 5 (1..365) */
	enum day_count arbitration_kind; /* arbitration_count = calendar|working (calendar) */
	int due_soon_days;         /* due_soon_days = 3 (0..60) */
	int stalled_days;          /* stalled_days = 7 (1..365) */

	/* [warnings] */
	int high_incidence_cases;  /* high_incidence_cases = 5 (2..10000) */
	int high_incidence_days;   /* high_incidence_days = 90 (1..3650) */

	/* [sessions] */
	char *rooms[CONFIG_MAX_ROOMS]; /* rooms = 第一调解室, 第二调解室, 第三调解室 (comma separated, ，too) */
	int nrooms;
	int session_minutes;       /* default_minutes = 60 (10..600) */

	/* [commands] */
	char *print_command;       /* print = (empty: no printing); run with the file path as $1 via /bin/sh -c */
	char *notify_command;      /* notify = (empty: no push); stdin message, args phone and case number */

	/* [documents] */
	char *documents_dir;       /* dir = (empty: $HOME/tiaojie-文书) where the screens write documents */
	char *doc_heading;         /* heading = (empty: [court] centre) the issuing organisation at the head
				    * of the documents the centre issues */
	char *arbitration_addressee; /* arbitration_addressee = (empty: [court] name with 仲裁院 made
				      * 仲裁委员会) to whom the 仲裁申请书 is addressed */
	int doc_dates_chinese;     /* dates = arabic|chinese (arabic): 2026年12月4日 or 二〇二六年十二月四日 */

	/* [report]: the header block of 月报 (src/report/xlsx_monthly.c) */
	char *report_table_no;     /* table_number = (empty) 表号 */
	char *report_unit;         /* unit = (empty: [court] centre) 填报单位 */
	char *report_head;         /* head = (empty) 单位负责人 */
	char *report_statistician; /* statistician = (empty) 统计负责人 */
	char *report_preparer;     /* preparer = (empty) 填表人 */
	/* bodies = 企业劳动争议调解委员会, ... (comma separated, ，too; empty: none):
	 * the mediation bodies 月报 lists after 仲裁机构案外调解, whose figures
	 * this system does not hold (left blank for the statistician) */
	char *report_bodies[CONFIG_MAX_BODIES];
	int nreport_bodies;

	/* [policy] */
	int clerk_may_assign;      /* clerk_may_assign = no */
	int lockout_failures;      /* lockout_failures = 5 (1..100) */
	int min_password_len;      /* min_password_length = 8 (6..128) */
};

/* Fill every field with its default. */
void config_defaults(struct config *c);
void config_free(struct config *c);

/* Where the configuration is looked for when --config is not given: the
 * first existing of the XDG path and /etc/tiaojie/tiaojie.conf, or NULL.
 * Returned string is malloc'd. */
char *config_find(void);

/* Load defaults then the file at path (NULL: config_find(); none found is
 * not an error).  An explicitly named file that cannot be read is an error.
 * On errors returns -1; every problem is one line "FILE:LINE: 原因" joined
 * with newlines in the error sink, and c still holds defaults for what was
 * bad so a caller may continue. */
int config_load(struct config *c, const char *path);

/* Check a case-number pattern: only {court}, {year}, {seq} and {seq:0N}
 * (N 1..9) placeholders; {seq} and {year} must appear (the sequence
 * restarts every year, so a number without the year would repeat). 0 ok, -1 with reason. */
int config_check_case_pattern(const char *pattern, const char **reason);

#endif
