/*
 * test_lifecycle.c - every action from every state by every role, against
 * an expectation written out here independently from SPEC section 3.
 */
#include <string.h>

#include "tap.h"
#include "tiaojie/lifecycle.h"

/* Legal (action, from-state) pairs and their target; written from the
 * SPEC's diagram, not copied from lifecycle.c. */
static const struct {
	enum case_action a;
	enum case_status from, to;
} legal[] = {
	{ACT_EDIT, ST_REGISTERED, ST_REGISTERED},   {ACT_EDIT, ST_CONFIRMED, ST_CONFIRMED},
	{ACT_EDIT, ST_ACCEPTED, ST_ACCEPTED},
	{ACT_EDIT, ST_ASSIGNED, ST_ASSIGNED},       {ACT_EDIT, ST_MEDIATING, ST_MEDIATING},
	{ACT_CONFIRM, ST_REGISTERED, ST_CONFIRMED}, {ACT_ACCEPT, ST_CONFIRMED, ST_ACCEPTED},
	{ACT_REJECT, ST_REGISTERED, ST_REJECTED},   {ACT_REJECT, ST_CONFIRMED, ST_REJECTED},
	{ACT_ASSIGN, ST_ACCEPTED, ST_ASSIGNED},     {ACT_REASSIGN, ST_ASSIGNED, ST_ASSIGNED},
	{ACT_REASSIGN, ST_MEDIATING, ST_MEDIATING}, {ACT_SCHEDULE, ST_ASSIGNED, ST_ASSIGNED},
	{ACT_SCHEDULE, ST_MEDIATING, ST_MEDIATING}, {ACT_SESSION, ST_ASSIGNED, ST_MEDIATING},
	{ACT_RESCHEDULE, ST_ASSIGNED, ST_ASSIGNED}, {ACT_RESCHEDULE, ST_MEDIATING, ST_MEDIATING},
	{ACT_UNSCHEDULE, ST_ASSIGNED, ST_ASSIGNED}, {ACT_UNSCHEDULE, ST_MEDIATING, ST_MEDIATING},
	{ACT_SESSION, ST_MEDIATING, ST_MEDIATING},  {ACT_EXTEND, ST_ASSIGNED, ST_ASSIGNED},
	{ACT_EXTEND, ST_MEDIATING, ST_MEDIATING},   {ACT_AGREE, ST_MEDIATING, ST_AGREED},
	{ACT_FAIL, ST_MEDIATING, ST_FAILED},        {ACT_WITHDRAW, ST_ACCEPTED, ST_WITHDRAWN},
	{ACT_WITHDRAW, ST_ASSIGNED, ST_WITHDRAWN},  {ACT_WITHDRAW, ST_MEDIATING, ST_WITHDRAWN},
	{ACT_REFER, ST_FAILED, ST_REFERRED},        {ACT_PERFORM, ST_AGREED, ST_AGREED},
	{ACT_JOIN, ST_REGISTERED, ST_REGISTERED},   {ACT_JOIN, ST_CONFIRMED, ST_CONFIRMED},
	{ACT_JOIN, ST_ACCEPTED, ST_ACCEPTED},       {ACT_JOIN, ST_ASSIGNED, ST_ASSIGNED},
	{ACT_JOIN, ST_MEDIATING, ST_MEDIATING},
	{ACT_EVIDENCE, ST_REGISTERED, ST_REGISTERED}, {ACT_EVIDENCE, ST_CONFIRMED, ST_CONFIRMED},
	{ACT_EVIDENCE, ST_ACCEPTED, ST_ACCEPTED},     {ACT_EVIDENCE, ST_ASSIGNED, ST_ASSIGNED},
	{ACT_EVIDENCE, ST_MEDIATING, ST_MEDIATING},
	/* a collective dispute's representatives and per-worker amounts:
	 * corrected as the application is */
	{ACT_REPRESENT, ST_REGISTERED, ST_REGISTERED}, {ACT_REPRESENT, ST_CONFIRMED, ST_CONFIRMED},
	{ACT_REPRESENT, ST_ACCEPTED, ST_ACCEPTED},     {ACT_REPRESENT, ST_ASSIGNED, ST_ASSIGNED},
	{ACT_REPRESENT, ST_MEDIATING, ST_MEDIATING},
	{ACT_SHARES, ST_REGISTERED, ST_REGISTERED},    {ACT_SHARES, ST_CONFIRMED, ST_CONFIRMED},
	{ACT_SHARES, ST_ACCEPTED, ST_ACCEPTED},        {ACT_SHARES, ST_ASSIGNED, ST_ASSIGNED},
	{ACT_SHARES, ST_MEDIATING, ST_MEDIATING},
};

/* Roles allowed per action: C clerk, M mediator (own cases), A admin. */
static const char *roles_for(enum case_action a)
{
	switch (a) {
	case ACT_REGISTER:
	case ACT_EDIT:
	case ACT_CONFIRM:
	case ACT_ACCEPT:
	case ACT_REJECT:
	case ACT_JOIN:
	case ACT_REPRESENT:
	case ACT_SHARES:
		return "CA";
	case ACT_ASSIGN:
	case ACT_REASSIGN:
		return "A";
	case ACT_SCHEDULE:
	case ACT_RESCHEDULE:
	case ACT_UNSCHEDULE:
	case ACT_SESSION:
	case ACT_EXTEND:
	case ACT_AGREE:
	case ACT_FAIL:
		return "MA";
	case ACT_WITHDRAW:
	case ACT_REFER:
	case ACT_PERFORM:
	case ACT_EVIDENCE:
		return "CMA";
	default:
		return "";
	}
}

static int is_legal(enum case_action a, enum case_status from, enum case_status *to, const char **roles)
{
	for (size_t i = 0; i < sizeof legal / sizeof legal[0]; i++)
		if (legal[i].a == a && legal[i].from == from) {
			*to = legal[i].to;
			/* once a mediator is assigned, a correction is the
			 * administrator's */
			*roles = (a == ACT_EDIT || a == ACT_REPRESENT || a == ACT_SHARES) &&
						 (from == ST_ASSIGNED || from == ST_MEDIATING)
					 ? "A"
					 : roles_for(a);
			return 1;
		}
	return 0;
}

int main(void)
{
	static const char role_letter[ROLE_COUNT] = {'C', 'M', 'A'};
	int checked = 0;

	/* Every action x state x role x (own case or not). */
	for (int a = ACT_EDIT; a < ACT_COUNT; a++) {
		for (int s = 0; s < ST_COUNT; s++) {
			for (int r = 0; r < ROLE_COUNT; r++) {
				for (int own = 0; own < 2; own++) {
					struct case_state cs = {.status = s,
								.perf = s == ST_AGREED ? PERF_PENDING : PERF_NONE,
								.mediator_id = 7, .booked = 1};
					struct actor who = {.role = r, .user_id = 3, .mediator_id = own ? 7 : 8};
					const char *reason = NULL;
					enum case_status to = s;
					const char *roles = "";
					int want = is_legal(a, s, &to, &roles) && strchr(roles, role_letter[r]) &&
						   !(r == ROLE_MEDIATOR && !own);
					int got = lifecycle_check(a, &cs, &who, &reason) == 0;
					CHECK(got == want, "%s from %s by %s own=%d: got %d want %d (%s)",
					      action_keyword(a), status_keyword(s), role_keyword(r), own, got, want,
					      reason ? reason : "");
					if (!got)
						CHECK(reason && *reason, "refusal without a reason");
					if (want)
						CHECK_INT(action_target(a, s), to);
					checked++;
				}
			}
		}
	}
	CHECK_INT(checked, (ACT_COUNT - 1) * ST_COUNT * ROLE_COUNT * 2);

	/* Register: clerks and admins, not mediators. */
	struct case_state none = {0};
	struct actor clerk = {.role = ROLE_CLERK}, med = {.role = ROLE_MEDIATOR, .mediator_id = 1},
		     admin = {.role = ROLE_ADMIN};
	const char *reason;
	CHECK_INT(lifecycle_check(ACT_REGISTER, &none, &clerk, &reason), 0);
	CHECK_INT(lifecycle_check(ACT_REGISTER, &none, &admin, &reason), 0);
	CHECK_INT(lifecycle_check(ACT_REGISTER, &none, &med, &reason), -1);

	/* Clerks may assign only when configured. */
	struct case_state acc = {.status = ST_ACCEPTED};
	CHECK_INT(lifecycle_check(ACT_ASSIGN, &acc, &clerk, &reason), -1);
	clerk.clerk_may_assign = 1;
	CHECK_INT(lifecycle_check(ACT_ASSIGN, &acc, &clerk, &reason), 0);
	CHECK_INT(lifecycle_check(ACT_REASSIGN, &(struct case_state){.status = ST_ASSIGNED}, &clerk, &reason), -1);

	/* A correction after assignment: the administrator's, and a clerk is
	 * told so; a mediator never corrects, not even their own case. */
	struct case_state asg = {.status = ST_ASSIGNED, .mediator_id = 1};
	CHECK_INT(lifecycle_check(ACT_EDIT, &asg, &admin, &reason), 0);
	CHECK_INT(lifecycle_check(ACT_EDIT, &asg, &clerk, &reason), -1);
	CHECK_STR(reason, "案件已分派调解员，只有管理员可以进行此操作");
	CHECK_INT(lifecycle_check(ACT_EDIT, &asg, &med, &reason), -1);
	CHECK_STR(reason, "调解员无权进行此操作");
	CHECK_INT(lifecycle_check(ACT_EDIT, &(struct case_state){.status = ST_ACCEPTED}, &clerk, &reason), 0);
	CHECK_INT(lifecycle_check(ACT_EDIT, &(struct case_state){.status = ST_AGREED, .perf = PERF_PENDING}, &admin,
				  &reason),
		  -1);

	/* Extension once only. */
	struct case_state med_cs = {.status = ST_MEDIATING, .mediator_id = 1};
	CHECK_INT(lifecycle_check(ACT_EXTEND, &med_cs, &med, &reason), 0);
	med_cs.extended = 1;
	CHECK_INT(lifecycle_check(ACT_EXTEND, &med_cs, &med, &reason), -1);
	CHECK(strstr(reason, "一次") != NULL, "reason: %s", reason);

	/* A booked session to move or cancel, or nothing to move or cancel. */
	struct case_state none_booked = {.status = ST_MEDIATING, .mediator_id = 1, .booked = 0};
	CHECK_INT(lifecycle_check(ACT_RESCHEDULE, &none_booked, &med, &reason), -1);
	CHECK_STR(reason, "本案没有待进行的调解安排");
	CHECK_INT(lifecycle_check(ACT_UNSCHEDULE, &none_booked, &admin, &reason), -1);
	CHECK_INT(lifecycle_check(ACT_SCHEDULE, &none_booked, &med, &reason), 0);
	none_booked.booked = 2;
	CHECK_INT(lifecycle_check(ACT_RESCHEDULE, &none_booked, &med, &reason), 0);
	CHECK_INT(lifecycle_check(ACT_UNSCHEDULE, &none_booked, &clerk, &reason), -1);

	/* Performance recorded once. */
	struct case_state agreed = {.status = ST_AGREED, .perf = PERF_PERFORMED, .mediator_id = 1};
	CHECK_INT(lifecycle_check(ACT_PERFORM, &agreed, &admin, &reason), -1);

	/* A mediator without a mediator record owns nothing. */
	struct actor lost = {.role = ROLE_MEDIATOR, .mediator_id = 0};
	struct case_state unassigned = {.status = ST_MEDIATING, .mediator_id = 0};
	CHECK_INT(lifecycle_check(ACT_SESSION, &unassigned, &lost, &reason), -1);

	/* Viewing (mediators only their own): test_access. */

	/* Keywords round-trip; names are Chinese. */
	for (int s = 0; s < ST_COUNT; s++)
		CHECK_INT(status_from_keyword(status_keyword(s)), s);
	for (int a = 0; a < ACT_COUNT; a++)
		CHECK_INT(action_from_keyword(action_keyword(a)), a);
	for (int r = 0; r < ROLE_COUNT; r++)
		CHECK_INT(role_from_keyword(role_keyword(r)), r);
	CHECK_INT(status_from_keyword("closed"), -1);
	CHECK_STR(status_name(ST_REFERRED), "转仲裁");
	CHECK_STR(status_keyword(ST_MEDIATING), "mediating");
	CHECK_INT(perf_from_keyword("defaulted"), PERF_DEFAULTED);
	CHECK_INT(perf_from_keyword(""), PERF_NONE);
	CHECK_INT(perf_from_keyword("late"), -1);
	CHECK(status_is_open(ST_MEDIATING) && !status_is_open(ST_AGREED) && !status_is_open(ST_REJECTED),
	      "open/closed");

	/* The JSON list for the event-log check names exactly the actions
	 * that change the status. */
	const char *json = lifecycle_status_actions_json();
	for (int a = 0; a < ACT_COUNT; a++) {
		int changes = 0;
		for (size_t i = 0; i < sizeof legal / sizeof legal[0]; i++)
			if (legal[i].a == (enum case_action)a && legal[i].from != legal[i].to)
				changes = 1;
		if (a == ACT_REGISTER)
			changes = 1;
		char quoted[32];
		snprintf(quoted, sizeof quoted, "\"%s\"", action_keyword(a));
		CHECK((strstr(json, quoted) != NULL) == changes, "%s in status actions: %d", quoted, changes);
	}
	/* and the event of a correction that undoes a confirmation */
	CHECK(strstr(json, "\"unconfirm\"") != NULL, "unconfirm in status actions");
	return tap_done();
}
