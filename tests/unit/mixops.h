/*
 * mixops.h - the mixed operations of the concurrency and kill tests: a
 * registration, or a valid change to a case (one of the actions
 * case_actions offers, filled in as a clerk or mediator would), saved with
 * the version it was loaded at.  Shared by tests/unit/test_mixed_conc.c
 * (16 processes at once) and tests/crash/crashdrv.c (killed with -9).
 */
#ifndef TIAOJIE_MIXOPS_H
#define TIAOJIE_MIXOPS_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tiaojie/calendar.h"
#include "tiaojie/casework.h"
#include "tiaojie/clock.h"
#include "tiaojie/config.h"
#include "tiaojie/date.h"
#include "tiaojie/intake.h"
#include "tiaojie/util.h"

struct mix {
	struct db *db;
	struct config cfg;
	struct holidays hol;
	uint64_t rng;
	const int64_t *med;
	int nmed;
};

static inline uint32_t mix_rnd(struct mix *m, uint32_t n)
{
	m->rng ^= m->rng << 13;
	m->rng ^= m->rng >> 7;
	m->rng ^= m->rng << 17;
	return (uint32_t)(m->rng % n);
}

/* How much each action is wanted when it is on offer: mostly the ones that
 * keep a case open, so that cases stay workable for the whole run. */
static inline int mix_weight(enum case_action a)
{
	switch (a) {
	case ACT_CONFIRM:
	case ACT_ACCEPT:
	case ACT_ASSIGN:
	case ACT_PERFORM:
	case ACT_REFER:
		return 200;
	case ACT_SCHEDULE:
		return 400;
	case ACT_RESCHEDULE:
	case ACT_UNSCHEDULE:
		return 60;
	case ACT_SESSION:
		return 250;
	case ACT_REASSIGN:
		return 150;
	case ACT_EXTEND:
		return 30;
	case ACT_EDIT: /* a correction is case_correct's, not case_apply's */
		return 0;
	default: /* reject, agree, fail, withdraw, evidence: rare */
		return 3;
	}
}

/* A distinct valid 居民身份证 number for (k, i). */
static inline void mix_id(int k, int i, char id[19])
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	char buf[32];
	snprintf(buf, sizeof buf, "3101041985%02u%02u%03u", 1 + (unsigned)k % 12, 1 + (unsigned)i % 28,
		 (unsigned)i / 28 % 1000);
	memcpy(id, buf, 17);
	int sum = 0;
	for (int j = 0; j < 17; j++)
		sum += (id[j] - '0') * w[j];
	id[17] = "10X98765432"[sum % 11];
	id[18] = '\0';
}

/* Register an application; its case number in case_no (64 bytes) when
 * given.  0 ok, -1 with the error set. */
static inline int mix_register(struct mix *m, int k, int i, char *case_no)
{
	struct actor clerk = {.role = ROLE_CLERK};
	char id[19];
	mix_id(k, i, id);
	struct intake_person p = {.id_type = "id", .id_no = id, .name = "混合", .phone = "13800000000"};
	struct intake_employer e = {.name = "混合测试有限公司"};
	struct intake_claim c[2] = {{.cause = "0601", .text = "支付工资", .amount = "1000"},
				    {.cause = "0403", .text = "经济补偿", .amount = "2500.5"}};
	struct intake in = {.channel = "window", .facts = "混合操作登记", .napplicants = 1, .applicants = &p,
			    .nrespondents = 1, .respondents = &e, .nclaims = 2, .claims = c};
	struct intake_result res = {0};
	int rc = intake_register(m->db, &m->cfg, &clerk, &in, &res);
	if (rc == 0 && case_no)
		snprintf(case_no, 64, "%s", res.case_no);
	intake_result_free(&res);
	return rc < 0 ? -1 : 0;
}

enum mix_outcome {
	MIX_CHANGED,  /* saved: *act is what */
	MIX_CONFLICT, /* the case changed since it was loaded: refused as such */
	MIX_CLASH,    /* a booking clash, or a move onto the slot it had */
	MIX_NOTHING,  /* no action offered */
	MIX_ERROR,    /* anything else: tj_errmsg() */
};

/* Load case id, pick one of its actions, fill it in and save it with the
 * version loaded (now and then after a pause, or a stale version on
 * purpose when stale is set). */
static inline enum mix_outcome mix_case_op(struct mix *m, int64_t id, int allow_stale, enum case_action *act,
					   int *was_stale)
{
	struct actor admin = {.role = ROLE_ADMIN, .user_id = 1};
	struct case_view cv;
	enum case_action acts[ACT_COUNT];

	*was_stale = 0;
	if (case_load(m->db, &admin, id, &cv) != 1)
		return MIX_ERROR;
	int n = case_actions(&cv, &admin, acts, ACT_COUNT), total = 0;
	for (int j = 0; j < n; j++)
		total += mix_weight(acts[j]);
	if (total == 0 || m->nmed < 2) {
		case_view_free(&cv);
		return MIX_NOTHING;
	}
	int x = (int)mix_rnd(m, (uint32_t)total), j = 0;
	while (x >= mix_weight(acts[j]))
		x -= mix_weight(acts[j++]);
	enum case_action a = acts[j];
	*act = a;

	char day[11], start[6];
	struct case_op_agreed ag = {1, cv.nclaims > 0 ? cv.claims[0].amount_fen / 2 : 0, "2026-12-20", 0, NULL, 0, NULL, 0};
	struct case_op op = {.action = a, .case_id = id, .expect_version = cv.version};
	struct actor who = admin;
	switch (a) {
	case ACT_CONFIRM:
		op.confirm_how = "sms";
		break;
	case ACT_REJECT:
	case ACT_FAIL:
	case ACT_WITHDRAW:
		op.reason = "混合测试";
		break;
	case ACT_ASSIGN:
	case ACT_REASSIGN: {
		int64_t med;
		do
			med = m->med[mix_rnd(m, (uint32_t)m->nmed)];
		while (med == cv.mediator_id);
		op.mediator_id = med;
		break;
	}
	case ACT_SCHEDULE:
	case ACT_RESCHEDULE: {
		int slot = (int)mix_rnd(m, 18), len = 30 * (1 + (int)mix_rnd(m, 3));
		if (8 * 60 + slot * 30 + len > 18 * 60)
			slot = 0;
		date_format(tj_today() + 1 + (int)mix_rnd(m, 60), day);
		snprintf(start, sizeof start, "%02d:%s", 8 + slot / 2, slot % 2 ? "30" : "00");
		op.day = day;
		op.start = start;
		op.minutes = len;
		op.room = m->cfg.rooms[mix_rnd(m, (uint32_t)m->cfg.nrooms)];
		if (mix_rnd(m, 2)) {
			who.role = ROLE_MEDIATOR;
			who.mediator_id = cv.mediator_id;
		}
		if (a == ACT_SCHEDULE)
			break;
	}
	/* fall through - a reschedule moves a booked session */
	case ACT_UNSCHEDULE:
		for (int q = 0; q < cv.nsessions && !op.session_id; q++)
			if (strcmp(cv.sessions[q].status, "scheduled") == 0)
				op.session_id = cv.sessions[q].id;
		op.reason = "当事人请求";
		break;
	case ACT_SESSION: {
		/* ten minutes somewhere in the day before now (23:59) */
		int slot = (int)mix_rnd(m, 144);
		snprintf(start, sizeof start, "%02d:%d0", slot / 6, slot % 6);
		op.start = start;
		op.minutes = 10;
		op.note = "混合记录调解情况";
		break;
	}
	case ACT_EXTEND:
		op.reason = "双方同意延长";
		break;
	case ACT_AGREE:
		op.nagreed = 1;
		op.agreed = &ag;
		break;
	case ACT_PERFORM:
		op.perf = mix_rnd(m, 2) ? PERF_PERFORMED : PERF_DEFAULTED;
		break;
	case ACT_EVIDENCE: {
		static const struct case_op_evidence ev = {.name = "工资条", .original = 0, .party = "applicant"};
		op.evidence = &ev;
		break;
	}
	default:
		break;
	}
	if (allow_stale && cv.version > 1 && mix_rnd(m, 25) == 0) {
		op.expect_version = cv.version - 1;
		*was_stale = 1;
	} else if (mix_rnd(m, 3) == 0) {
		usleep(200 + mix_rnd(m, 1500));
	}
	case_view_free(&cv);

	struct case_op_result res;
	if (case_apply(m->db, &m->cfg, &m->hol, &who, &op, &res) == 0)
		return MIX_CHANGED;
	if (res.conflict)
		return MIX_CONFLICT;
	if (strstr(tj_errmsg(), "冲突") || strstr(tj_errmsg(), "与原安排相同"))
		return MIX_CLASH;
	return MIX_ERROR;
}

#endif
