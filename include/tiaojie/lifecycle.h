/*
 * lifecycle.h - the case lifecycle of SPEC section 3 as one table: which
 * action is legal from which states, by which roles, and where it leads.
 * The screens (to offer exactly the legal actions), the command line and the
 * core functions that write transitions all ask this table; nothing else
 * decides.
 */
#ifndef TIAOJIE_LIFECYCLE_H
#define TIAOJIE_LIFECYCLE_H

enum case_status {
	ST_REGISTERED = 0, /* 登记 */
	ST_CONFIRMED,      /* 已确认 */
	ST_ACCEPTED,       /* 已受理 */
	ST_REJECTED,       /* 不予受理 */
	ST_ASSIGNED,       /* 已分派 */
	ST_MEDIATING,      /* 调解中 */
	ST_AGREED,         /* 调解成功 */
	ST_FAILED,         /* 调解不成 */
	ST_WITHDRAWN,      /* 撤回 */
	ST_REFERRED,       /* 转仲裁 */
	ST_COUNT
};

enum performance {
	PERF_NONE = 0,
	PERF_PENDING,   /* 待履行 */
	PERF_PERFORMED, /* 履行完毕 */
	PERF_DEFAULTED, /* 未履行 */
};

enum role {
	ROLE_CLERK = 0, /* 窗口人员 */
	ROLE_MEDIATOR,  /* 调解员 */
	ROLE_ADMIN,     /* 管理员 */
	ROLE_COUNT
};

enum case_action {
	ACT_REGISTER = 0, /* 登记: creates the case in registered */
	ACT_EDIT,         /* 修改申请: parties, facts, claims, channel, received (an administrator's only once assigned) */
	ACT_CONFIRM,      /* 申请人确认请求 */
	ACT_ACCEPT,       /* 受理 */
	ACT_REJECT,       /* 不予受理 */
	ACT_ASSIGN,       /* 分派调解员 */
	ACT_REASSIGN,     /* 改派调解员 */
	ACT_SCHEDULE,     /* 安排调解 */
	ACT_RESCHEDULE,   /* 变更调解安排: a booked session to another time or room, with a reason */
	ACT_UNSCHEDULE,   /* 取消调解安排: a booked session called off, with a reason */
	ACT_SESSION,      /* 记录调解 (the first one starts mediation) */
	ACT_EXTEND,       /* 延长调解期限 (once) */
	ACT_AGREE,        /* 调解成功 */
	ACT_FAIL,         /* 调解不成 */
	ACT_WITHDRAW,     /* 撤回 */
	ACT_REFER,        /* 转仲裁 */
	ACT_PERFORM,      /* 履行回访: performed or defaulted */
	ACT_JOIN,         /* 加入集体争议: more applicants join an open case */
	ACT_EVIDENCE,     /* 登记证据: add, change or remove an item of the evidence list */
	ACT_REPRESENT,    /* 推举代表: a collective dispute's 2-5 representatives (case_represent, collective.h) */
	ACT_SHARES,       /* 修改各申请人金额: a worker's own amount of a claim (case_share_set, collective.h) */
	ACT_COUNT
};

/* Who is asking, as far as the rules care. */
struct actor {
	enum role role;
	long long user_id;
	long long mediator_id; /* the mediator the user is, 0 when none */
	int clerk_may_assign;  /* configuration */
};

/* The account a user signed in with (account_sign_in, access.h): what
 * the screens show and key their drafts by.  Strings malloc'd. */
struct account {
	long long id;
	char *login;
	char *display_name;
};

/* What the rules need to know about the case. */
struct case_state {
	enum case_status status;
	enum performance perf;
	long long mediator_id; /* 0 when unassigned */
	int extended;
	int booked; /* sessions booked and neither held nor cancelled */
};

const char *status_keyword(enum case_status s);   /* "registered" */
const char *status_name(enum case_status s);      /* "登记" */
int status_from_keyword(const char *kw);          /* -1 when unknown */
const char *perf_keyword(enum performance p);     /* "pending", NULL for NONE */
const char *perf_name(enum performance p);        /* "待履行" */
int perf_from_keyword(const char *kw);            /* -1 when unknown; NULL/"" is PERF_NONE */
const char *role_keyword(enum role r);            /* "clerk" */
const char *role_name(enum role r);               /* "窗口人员" */
int role_from_keyword(const char *kw);
const char *action_keyword(enum case_action a);   /* "confirm" */
const char *action_name(enum case_action a);      /* "确认请求" */
int action_from_keyword(const char *kw);
/* An open case is one not yet closed (rejected, agreed, failed, withdrawn,
 * referred are closed; an agreed case still has its follow-up). */
int status_is_open(enum case_status s);

/* The state after the action (status; perf set for AGREE/PERFORM by the
 * caller's choice).  Returns the status the action leads to; for actions
 * that keep the status (edit, schedule, reassign, extend, perform) the
 * current one. */
enum case_status action_target(enum case_action a, enum case_status from);

/* May this actor take this action on a case in this state?  0 yes; -1 no,
 * with *reason a Chinese sentence saying why (illegal from this state, this
 * role may not, not the mediator's own case, already extended, no booked
 * session to move or cancel, ...). */
int lifecycle_check(enum case_action a, const struct case_state *cs, const struct actor *who,
		    const char **reason);

/* JSON array of the keywords of the actions that change a case status
 * (used by the event-log check), with 'unconfirm', the event of a
 * correction that takes a confirmed case back to registered. */
const char *lifecycle_status_actions_json(void);

#endif
