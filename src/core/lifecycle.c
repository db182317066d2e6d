/*
 * lifecycle.c - the transition table of SPEC section 3.
 *
 *   registered -confirm-> confirmed -accept-> accepted -assign-> assigned
 *   -session-> mediating -agree-> agreed (-perform-> performed/defaulted)
 *                        -fail->  failed -refer-> referred
 *   registered, confirmed -reject-> rejected
 *   accepted, assigned, mediating -withdraw-> withdrawn
 *   assigned, mediating: schedule, and reschedule / unschedule a booked
 *   session (only while one is booked), keep the status
 *   registered, confirmed, accepted: edit (修改申请) by a clerk or an
 *   administrator; assigned, mediating: edit by an administrator only;
 *   likewise a collective dispute's representatives (represent) and each
 *   worker's own amounts (shares)
 *
 * Each row: the states it is legal from, the roles that may take it,
 * further states where only an administrator may take it, and whether a
 * mediator may take it only on a case assigned to them.  The
 * words of statuses, performance and roles are in the vocabulary (vocab.c).
 */
#include "tiaojie/lifecycle.h"

#include <string.h>

#include "tiaojie/vocab.h"

#define S(x) (1u << (x))
#define R(x) (1u << (x))
#define KEEP (-1)

static const struct transition {
	const char *kw, *name;
	unsigned from;  /* states it is legal from */
	int to;         /* new status, or KEEP */
	unsigned roles; /* roles that may take it */
	int own_only;   /* a mediator only on their own case */
	unsigned admin_from; /* further states it is legal from for an administrator only */
} table[ACT_COUNT] = {
	[ACT_REGISTER] = {"register", "登记申请", 0, ST_REGISTERED, R(ROLE_CLERK) | R(ROLE_ADMIN), 0},
	/* a correction once mediation has begun is the administrator's */
	[ACT_EDIT] = {"edit", "修改申请", S(ST_REGISTERED) | S(ST_CONFIRMED) | S(ST_ACCEPTED), KEEP,
		      R(ROLE_CLERK) | R(ROLE_ADMIN), 0, S(ST_ASSIGNED) | S(ST_MEDIATING)},
	[ACT_CONFIRM] = {"confirm", "确认请求", S(ST_REGISTERED), ST_CONFIRMED,
			 R(ROLE_CLERK) | R(ROLE_ADMIN), 0},
	[ACT_ACCEPT] = {"accept", "受理", S(ST_CONFIRMED), ST_ACCEPTED, R(ROLE_CLERK) | R(ROLE_ADMIN), 0},
	[ACT_REJECT] = {"reject", "不予受理", S(ST_REGISTERED) | S(ST_CONFIRMED), ST_REJECTED,
			R(ROLE_CLERK) | R(ROLE_ADMIN), 0},
	[ACT_ASSIGN] = {"assign", "分派调解员", S(ST_ACCEPTED), ST_ASSIGNED, R(ROLE_ADMIN), 0},
	[ACT_REASSIGN] = {"reassign", "改派调解员", S(ST_ASSIGNED) | S(ST_MEDIATING), KEEP, R(ROLE_ADMIN), 0},
	[ACT_SCHEDULE] = {"schedule", "安排调解", S(ST_ASSIGNED) | S(ST_MEDIATING), KEEP,
			  R(ROLE_MEDIATOR) | R(ROLE_ADMIN), 1},
	[ACT_RESCHEDULE] = {"reschedule", "变更调解安排", S(ST_ASSIGNED) | S(ST_MEDIATING), KEEP,
			    R(ROLE_MEDIATOR) | R(ROLE_ADMIN), 1},
	[ACT_UNSCHEDULE] = {"unschedule", "取消调解安排", S(ST_ASSIGNED) | S(ST_MEDIATING), KEEP,
			    R(ROLE_MEDIATOR) | R(ROLE_ADMIN), 1},
	[ACT_SESSION] = {"session", "记录调解", S(ST_ASSIGNED) | S(ST_MEDIATING), ST_MEDIATING,
			 R(ROLE_MEDIATOR) | R(ROLE_ADMIN), 1},
	[ACT_EXTEND] = {"extend", "延长调解期限", S(ST_ASSIGNED) | S(ST_MEDIATING), KEEP,
			R(ROLE_MEDIATOR) | R(ROLE_ADMIN), 1},
	[ACT_AGREE] = {"agree", "调解成功", S(ST_MEDIATING), ST_AGREED, R(ROLE_MEDIATOR) | R(ROLE_ADMIN), 1},
	[ACT_FAIL] = {"fail", "调解不成", S(ST_MEDIATING), ST_FAILED, R(ROLE_MEDIATOR) | R(ROLE_ADMIN), 1},
	[ACT_WITHDRAW] = {"withdraw", "撤回申请", S(ST_ACCEPTED) | S(ST_ASSIGNED) | S(ST_MEDIATING),
			  ST_WITHDRAWN, R(ROLE_CLERK) | R(ROLE_MEDIATOR) | R(ROLE_ADMIN), 1},
	[ACT_REFER] = {"refer", "转仲裁", S(ST_FAILED), ST_REFERRED,
		       R(ROLE_CLERK) | R(ROLE_MEDIATOR) | R(ROLE_ADMIN), 1},
	[ACT_PERFORM] = {"perform", "记录履行情况", S(ST_AGREED), KEEP,
			 R(ROLE_CLERK) | R(ROLE_MEDIATOR) | R(ROLE_ADMIN), 1},
	[ACT_JOIN] = {"join", "加入集体争议",
		      S(ST_REGISTERED) | S(ST_CONFIRMED) | S(ST_ACCEPTED) | S(ST_ASSIGNED) | S(ST_MEDIATING), KEEP,
		      R(ROLE_CLERK) | R(ROLE_ADMIN), 0},
	[ACT_EVIDENCE] = {"evidence", "登记证据",
			  S(ST_REGISTERED) | S(ST_CONFIRMED) | S(ST_ACCEPTED) | S(ST_ASSIGNED) | S(ST_MEDIATING), KEEP,
			  R(ROLE_CLERK) | R(ROLE_MEDIATOR) | R(ROLE_ADMIN), 1},
	/* a collective dispute's representatives and each worker's own
	 * amounts are part of the application: corrected as it is (ACT_EDIT) */
	[ACT_REPRESENT] = {"represent", "推举代表", S(ST_REGISTERED) | S(ST_CONFIRMED) | S(ST_ACCEPTED), KEEP,
			   R(ROLE_CLERK) | R(ROLE_ADMIN), 0, S(ST_ASSIGNED) | S(ST_MEDIATING)},
	[ACT_SHARES] = {"shares", "修改各申请人金额", S(ST_REGISTERED) | S(ST_CONFIRMED) | S(ST_ACCEPTED), KEEP,
			R(ROLE_CLERK) | R(ROLE_ADMIN), 0, S(ST_ASSIGNED) | S(ST_MEDIATING)},
};

const char *status_keyword(enum case_status s)
{
	const char *kw = vocab_code_at(VOCAB_STATUS, (int)s);
	return kw ? kw : "?";
}

const char *status_name(enum case_status s)
{
	const char *nm = vocab_label_at(VOCAB_STATUS, (int)s);
	return nm ? nm : "?";
}

int status_from_keyword(const char *kw)
{
	return vocab_index(VOCAB_STATUS, kw);
}

const char *perf_keyword(enum performance p)
{
	return vocab_code_at(VOCAB_PERF, (int)p - PERF_PENDING);
}

const char *perf_name(enum performance p)
{
	const char *nm = vocab_label_at(VOCAB_PERF, (int)p - PERF_PENDING);
	return nm ? nm : "";
}

int perf_from_keyword(const char *kw)
{
	if (!kw || !*kw)
		return PERF_NONE;
	int i = vocab_index(VOCAB_PERF, kw);
	return i < 0 ? -1 : PERF_PENDING + i;
}

const char *role_keyword(enum role r)
{
	const char *kw = vocab_code_at(VOCAB_ROLE, (int)r);
	return kw ? kw : "?";
}

const char *role_name(enum role r)
{
	const char *nm = vocab_label_at(VOCAB_ROLE, (int)r);
	return nm ? nm : "?";
}

int role_from_keyword(const char *kw)
{
	return vocab_index(VOCAB_ROLE, kw);
}

const char *action_keyword(enum case_action a)
{
	return (unsigned)a < ACT_COUNT ? table[a].kw : "?";
}

const char *action_name(enum case_action a)
{
	return (unsigned)a < ACT_COUNT ? table[a].name : "?";
}

int action_from_keyword(const char *kw)
{
	for (int i = 0; kw && i < ACT_COUNT; i++)
		if (strcmp(kw, table[i].kw) == 0)
			return i;
	return -1;
}

int status_is_open(enum case_status s)
{
	switch (s) {
	case ST_REGISTERED:
	case ST_CONFIRMED:
	case ST_ACCEPTED:
	case ST_ASSIGNED:
	case ST_MEDIATING:
		return 1;
	default:
		return 0;
	}
}

enum case_status action_target(enum case_action a, enum case_status from)
{
	if ((unsigned)a >= ACT_COUNT || table[a].to == KEEP)
		return from;
	return (enum case_status)table[a].to;
}

int lifecycle_check(enum case_action a, const struct case_state *cs, const struct actor *who,
		    const char **reason)
{
	const struct transition *t;

	if ((unsigned)a >= ACT_COUNT || (unsigned)who->role >= ROLE_COUNT) {
		*reason = "未知的操作";
		return -1;
	}
	t = &table[a];
	int role_ok = (t->roles & R(who->role)) != 0;
	if (a == ACT_ASSIGN && who->role == ROLE_CLERK && who->clerk_may_assign)
		role_ok = 1;
	if (!role_ok) {
		*reason = who->role == ROLE_MEDIATOR ? "调解员无权进行此操作"
			  : who->role == ROLE_CLERK  ? "窗口人员无权进行此操作"
						     : "无权进行此操作";
		return -1;
	}
	if (a == ACT_REGISTER)
		return 0; /* there is no case yet */
	if (!(t->from & S(cs->status)) && (t->admin_from & S(cs->status))) {
		if (who->role == ROLE_ADMIN)
			return 0;
		*reason = "案件已分派调解员，只有管理员可以进行此操作";
		return -1;
	}
	if (!(t->from & S(cs->status))) {
		switch (cs->status) {
		case ST_REJECTED:
		case ST_WITHDRAWN:
		case ST_REFERRED:
			*reason = "案件已结案，不能再进行此操作";
			break;
		case ST_AGREED:
			*reason = "案件已调解成功，只能记录履行情况";
			break;
		case ST_FAILED:
			*reason = "案件调解不成，只能转仲裁";
			break;
		case ST_REGISTERED:
			*reason = "案件尚未经申请人确认请求，不能进行此操作";
			break;
		case ST_CONFIRMED:
			*reason = "案件尚未受理，不能进行此操作";
			break;
		case ST_ACCEPTED:
			*reason = "案件尚未分派调解员，不能进行此操作";
			break;
		case ST_ASSIGNED:
			*reason = "案件尚未开始调解，不能进行此操作";
			break;
		case ST_MEDIATING:
			*reason = "案件正在调解中，不能进行此操作";
			break;
		default:
			*reason = "案件当前状态不允许此操作";
			break;
		}
		return -1;
	}
	if (t->own_only && who->role == ROLE_MEDIATOR &&
	    (who->mediator_id <= 0 || cs->mediator_id != who->mediator_id)) {
		*reason = "此案件不是分派给您的，不能操作";
		return -1;
	}
	if (a == ACT_EXTEND && cs->extended) {
		*reason = "调解期限只能延长一次，本案已延长过";
		return -1;
	}
	if ((a == ACT_RESCHEDULE || a == ACT_UNSCHEDULE) && cs->booked <= 0) {
		*reason = "本案没有待进行的调解安排";
		return -1;
	}
	if (a == ACT_PERFORM && cs->perf != PERF_PENDING) {
		*reason = "履行情况已记录过";
		return -1;
	}
	return 0;
}

const char *lifecycle_status_actions_json(void)
{
	/* the actions whose row has a target status, and 'unconfirm': a
	 * correction of a confirmed case's claims takes it back to
	 * registered (case_correct, correct.c) */
	return "[\"register\",\"confirm\",\"accept\",\"reject\",\"assign\",\"session\","
	       "\"agree\",\"fail\",\"withdraw\",\"refer\",\"unconfirm\"]";
}
