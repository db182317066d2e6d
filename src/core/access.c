/*
 * access.c - who may read what (access.h): the rules of visibility,
 * masking and export, and the reads of the screens and commands that
 * apply them.  The db functions below these store and fetch; they decide
 * nothing of who asks.  Also the command line's boundary: which Unix
 * caller is trusted without an application login
 * (access_trusted_caller), and the mark a refusal leaves so that a
 * command can exit with its own status for "not allowed".
 */
#include "tiaojie/access.h"

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tiaojie/auth.h"
#include "tiaojie/util.h"
#include "tiaojie/validate.h"

/* ---- the rules ------------------------------------------------------------ */

/* Set by every refusal below (refuse()). */
static _Thread_local int refused;

void access_refusal_clear(void)
{
	refused = 0;
}

int access_refused(void)
{
	return refused;
}

/* A refusal: the message in the error sink, the mark for access_refused. */
static int refuse(const char *msg)
{
	refused = 1;
	tj_error("%s", msg);
	return -1;
}

int64_t access_case_scope(const struct actor *who)
{
	if (who->role != ROLE_MEDIATOR)
		return 0;
	return who->mediator_id > 0 ? (int64_t)who->mediator_id : -1;
}

int access_mediator_scope(const struct actor *who, int64_t *mediator_id)
{
	if (who->role == ROLE_MEDIATOR) {
		if (who->mediator_id <= 0)
			return refuse("您的账号没有关联调解员，请联系管理员");
		if (*mediator_id != 0 && *mediator_id != who->mediator_id)
			return refuse("调解员只能查看本人的日程和案件");
		*mediator_id = who->mediator_id;
	}
	return 0;
}

int access_may_view(const struct actor *who, const struct case_state *cs, const char **reason)
{
	if (who->role != ROLE_MEDIATOR)
		return 0;
	if (who->mediator_id > 0 && cs->mediator_id == who->mediator_id)
		return 0;
	*reason = "此案件不是分派给您的，调解员只能查看本人承办的案件";
	refused = 1;
	return -1;
}

char *access_mask_id(const struct actor *who, const char *id_no, char *out, size_t outlen)
{
	(void)who; /* lists show every role the masked number */
	return val_mask(id_no, out, outlen);
}

int access_may_export(const struct actor *who, int full_ids)
{
	(void)full_ids; /* the one who may export may choose full numbers */
	if (who->role == ROLE_ADMIN)
		return 0;
	return refuse("只有管理员可以导出统计工作簿");
}

int access_may_close_report(const struct actor *who)
{
	if (who->role == ROLE_ADMIN)
		return 0;
	tj_error("只有管理员可以关账或重开统计月份");
	return -1;
}

int access_may_see_full_ids(const struct actor *who)
{
	if (who->role == ROLE_ADMIN)
		return 0;
	return refuse("只有管理员可以查看完整证件号码");
}

struct actor access_system_actor(const struct config *cfg)
{
	struct actor a = {.role = ROLE_ADMIN, .user_id = 0, .clerk_may_assign = cfg->clerk_may_assign};
	return a;
}

int access_may_read_archive(const struct actor *who)
{
	struct case_state none = {0};
	const char *reason;

	if (lifecycle_check(ACT_REGISTER, &none, who, &reason) == 0)
		return 0;
	return refuse(reason);
}

/* ---- the command line's boundary --------------------------------------------- */

int access_trusted_caller(void)
{
	uid_t uid = getuid();

#ifdef TIAOJIE_TESTING
	const char *e = getenv("TIAOJIE_TEST_UNTRUSTED");
	if (e && strcmp(e, "1") == 0)
		return 0;
#endif
	if (uid == 0)
		return 1;
	struct passwd *pw = getpwnam(TJ_SERVICE_USER);
	return pw && pw->pw_uid == uid;
}

int access_may_manage_users(const struct actor *who)
{
	if (who->role == ROLE_ADMIN)
		return 0;
	return refuse("只有管理员可以管理账号");
}

int access_may_maintain(const struct actor *who)
{
	if (who->role == ROLE_ADMIN)
		return 0;
	return refuse("只有管理员可以备份或检查整个数据库");
}

int access_may_import(const struct actor *who)
{
	struct case_state none = {0};
	const char *reason;

	if (lifecycle_check(ACT_REGISTER, &none, who, &reason) == 0)
		return 0;
	return refuse(reason);
}

/* ---- the signed-in user ----------------------------------------------------- */

int account_sign_in(struct db *db, const struct config *cfg, const char *login, const char *password,
		    struct account *acct, struct actor *who)
{
	struct user_rec u = {0};

	memset(acct, 0, sizeof *acct);
	memset(who, 0, sizeof *who);
	if (auth_login(db, cfg, login, password, &u) < 0)
		return -1;
	acct->id = u.id;
	acct->login = xstrdup(u.login);
	acct->display_name = xstrdup(u.display_name);
	who->role = role_from_keyword(u.role);
	who->user_id = u.id;
	who->mediator_id = u.mediator_id;
	who->clerk_may_assign = cfg->clerk_may_assign;
	user_rec_free(&u);
	return 0;
}

void account_free(struct account *acct)
{
	free(acct->login);
	free(acct->display_name);
	memset(acct, 0, sizeof *acct);
}

int account_mediator(struct db *db, const struct actor *who, const char *login, int64_t *mediator_id)
{
	struct user_rec u;
	int rc;

	*mediator_id = 0;
	if (who->role == ROLE_MEDIATOR)
		return refuse("调解员无权查询其他账号");
	rc = db_user_get(db, login, &u);
	if (rc == 1) {
		*mediator_id = u.mediator_id;
		user_rec_free(&u);
	}
	return rc;
}

int account_exists(struct db *db, const struct actor *who, const char *login)
{
	struct user_rec u = {0};
	int rc;

	if (who->role != ROLE_ADMIN)
		return refuse("只有管理员可以管理账号");
	rc = db_user_get(db, login, &u);
	user_rec_free(&u);
	return rc;
}

/* ---- reads ------------------------------------------------------------------ */

int drafts_load(struct db *db, const struct actor *who, struct draft_list *out)
{
	return db_drafts_of(db, who->user_id, out);
}

void draft_list_free(struct draft_list *l)
{
	db_draft_list_free(l);
}

int cause_list_load(struct db *db, const struct actor *who, struct cause_list *out)
{
	(void)who; /* reference data */
	return db_causes_all(db, out);
}

void cause_list_free(struct cause_list *l)
{
	db_cause_list_free(l);
}

int cause_lookup(struct db *db, const struct actor *who, const char *code, char **name)
{
	(void)who; /* reference data */
	return db_cause_get(db, code, name);
}

int consult_day_load(struct db *db, const struct actor *who, const char *day, struct consult_list *out)
{
	memset(out, 0, sizeof *out);
	if (who->role == ROLE_MEDIATOR)
		return refuse("调解员无权查看咨询登记");
	return db_consult_day(db, day, out);
}

void consult_list_free(struct consult_list *l)
{
	db_consult_list_free(l);
}

int archive_person_find(struct db *db, const struct actor *who, const char *id_type, const char *id_no,
			struct person_full *out)
{
	memset(out, 0, sizeof *out);
	if (access_may_read_archive(who) < 0)
		return -1;
	return db_person_find(db, id_type, id_no, out);
}

void person_full_free(struct person_full *p)
{
	db_person_full_free(p);
}

int archive_employer_find(struct db *db, const struct actor *who, const char *uscc, const char *name,
			  struct employer_full *out)
{
	memset(out, 0, sizeof *out);
	if (access_may_read_archive(who) < 0)
		return -1;
	return db_employer_find(db, uscc, name, out);
}

void employer_full_free(struct employer_full *e)
{
	db_employer_full_free(e);
}

int mediator_choices_load(struct db *db, const struct actor *who, struct mediator_choices *out)
{
	memset(out, 0, sizeof *out);
	if (who->role == ROLE_MEDIATOR)
		return refuse("调解员无权查看调解员名单");
	return db_mediator_choices(db, out);
}

void mediator_choices_free(struct mediator_choices *l)
{
	db_mediator_choices_free(l);
}

int dashboard_load(struct db *db, const struct config *cfg, const struct actor *who, tj_day today,
		   struct dashboard *out)
{
	char since[11];

	memset(out, 0, sizeof *out);
	if (who->role != ROLE_ADMIN)
		return refuse("只有管理员可以查看统计看板");
	date_format(today - cfg->high_incidence_days, since);
	return db_dashboard_load(db, since, cfg->high_incidence_cases, out);
}

void dashboard_free(struct dashboard *d)
{
	db_dashboard_free(d);
}
