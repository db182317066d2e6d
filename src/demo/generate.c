/*
 * generate.c - the demo generator (demo.h): a new database full of
 * realistic synthetic data, for trying the product out, for the screen
 * tests and for measuring it at scale (SPEC section 7; the command is
 * src/cli/demo.c, the words and numbers src/demo/data.c).
 *
 * Cases are received on the working days of the 18 months up to today, in
 * date order, so case numbers rise with the date.  Each case is run through
 * its lifecycle in memory (struct sim): a fate is drawn (rejected,
 * withdrawn, agreed, failed, referred), every step takes a plausible number
 * of working days, and a step that would fall after "now" does not happen -
 * which is what leaves the recent cases open, the way they would be.  Only
 * then is the case written, through the same db functions intake uses: the
 * archives (complete before the case's parties are added, which copy
 * them), the case number, the case row with its final state, parties,
 * claims, the evidence list, one event per transition in order, sessions
 * and documents.  So `tiaojie check` finds every case's status equal to
 * its last status event.  Each item of evidence has the event
 * case_apply writes for it (ACT_EVIDENCE, evidence_describe), in its
 * place in time among the others: received while the case was open.
 * The events have the shape case_apply (src/core/casework.c) gives them:
 * status keywords in before/after of the status changes, each followed by
 * its 'note' (the confirmation, the deadline, the mediator, a session's
 * record, the agreed amounts, a reason), and the detail itself in
 * before/after of bookings, the extension and the performance.  Like
 * intake_register, a case not yet accepted carries the deadline for
 * deciding on acceptance; acceptance replaces it with the mediation
 * deadline, which a closed case keeps.
 *
 * The parties are those of a real window: one worker, now and then a few,
 * and about one case in two hundred a collective dispute (collective_min
 * workers or more) whose workers elect 2 to 5 representatives and claim
 * each an amount of his own (claim_shares, adding up to the claim's).
 * The respondent is the employer; in 劳务派遣 the dispatching company
 * with the 用工单位, the money asked of the first or of both jointly (连
 * 带) and the joint liability of the second; now and then a shopkeeper or
 * household without a business (个人, a person of the worker archive);
 * on building sites a gang master (个人, the 承包方) with the company
 * that let him the work (发包方), jointly.  About a quarter of the
 * workers and more than half of the employers act through agents
 * (委托代理人) of the kinds the vocabulary has, most lawyers and the
 * employers' own staff with a special authority and its scope.
 *
 * Memory stays small whatever --cases says: one case at a time, a table of
 * employer row ids, a set of the identity numbers used (to keep them
 * unique), a ring of recent workers (some come back with a second case)
 * and the session occupancy of rooms and mediators by day.  Writes go in
 * transactions of BATCH cases with synchronous=OFF, which is safe enough
 * for a file that is simply generated again if the machine crashes.
 *
 * Speed (a million cases must take well under five minutes on two cores,
 * `make bench`): what costs is SQLite's work per row, some 25 statements a
 * case, so the generator spares it what a one-off load does not need - no
 * journal, no CHECK constraints or foreign keys while loading (verified
 * after, by `tiaojie check`), no mutexes: the connection of a load,
 * db_bulk_open and db_bulk_load_begin/end (bulk.h) - writes the eighteen
 * million events many to a statement (bulk.h, the same columns
 * db_event_add writes), and the three million evidence items likewise,
 * and builds the search indexes (search_bulk_begin/end) once at the end
 * instead of per statement.  The
 * indexes of the tables stay: built at the end they would have to read
 * back gigabytes that the operating system has already dropped from
 * memory.
 */
#include "tiaojie/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/auth.h"
#include "tiaojie/bulk.h"
#include "tiaojie/calendar.h"
#include "tiaojie/casenum.h"
#include "tiaojie/casework.h"
#include "tiaojie/datafile.h"
#include "tiaojie/intake.h"
#include "tiaojie/lifecycle.h"
#include "tiaojie/money.h"
#include "tiaojie/search.h"
#include "tiaojie/validate.h"
#include "tiaojie/vocab.h"

#ifndef BATCH
#define BATCH 50000
#endif
#define RING 4096
#define DAY_SECS 86400

/* A moment: seconds since 1970-01-01 00:00 in court time. */
typedef int64_t moment;

static moment mo(tj_day d, int secs)
{
	return (moment)d * DAY_SECS + secs;
}

static tj_day mo_day(moment m)
{
	return (tj_day)(m / DAY_SECS);
}

static int mo_secs(moment m)
{
	return (int)(m % DAY_SECS);
}

static void two(char *p, int v)
{
	p[0] = (char)('0' + v / 10 % 10);
	p[1] = (char)('0' + v % 10);
}

/* "YYYY-MM-DD HH:MM:SS" */
static void mo_format(moment m, char out[20])
{
	int s = mo_secs(m);

	date_format(mo_day(m), out);
	out[10] = ' ';
	two(out + 11, s / 3600);
	out[13] = ':';
	two(out + 14, s / 60 % 60);
	out[16] = ':';
	two(out + 17, s % 60);
	out[19] = '\0';
}

/* ---- a set of identity numbers ------------------------------------------- */

struct idset {
	uint64_t *v;
	size_t cap, n;
};

static uint64_t hash2(const char *a, const char *b)
{
	uint64_t h = UINT64_C(14695981039346656037);

	for (; *a; a++)
		h = (h ^ (unsigned char)*a) * UINT64_C(1099511628211);
	h = (h ^ '|') * UINT64_C(1099511628211);
	for (; *b; b++)
		h = (h ^ (unsigned char)*b) * UINT64_C(1099511628211);
	h ^= h >> 29;
	return h ? h : 1;
}

static void idset_put(struct idset *s, uint64_t h)
{
	size_t i = (size_t)(h & (s->cap - 1));

	while (s->v[i] && s->v[i] != h)
		i = (i + 1) & (s->cap - 1);
	if (!s->v[i]) {
		s->v[i] = h;
		s->n++;
	}
}

/* 1 when h was added, 0 when it was there already. */
static int idset_add(struct idset *s, uint64_t h)
{
	if ((s->n + 1) * 10 > s->cap * 7) {
		struct idset bigger = {xcalloc(s->cap ? s->cap * 2 : 4096, sizeof(uint64_t)),
				       s->cap ? s->cap * 2 : 4096, 0};
		for (size_t i = 0; i < s->cap; i++)
			if (s->v[i])
				idset_put(&bigger, s->v[i]);
		free(s->v);
		*s = bigger;
	}
	size_t before = s->n;
	idset_put(s, h);
	return s->n > before;
}

/* ---- the generator's state --------------------------------------------------- */

struct gen {
	const struct demo_options *opt;
	struct db *db;
	struct db_bulk *events; /* the event log, many rows to a statement */
	const struct config *cfg;
	struct holidays hol;
	struct demo_rng r;
	uint64_t seed;
	long ncases;
	tj_day today, first, last_day; /* cases are received first..last_day */
	moment now;

	int64_t uid_admin, uid_clerk;
	int64_t med_db[DEMO_MEDIATORS];
	int64_t med_uid[DEMO_MEDIATORS]; /* the mediator's account, 0 when none */
	int nrooms;

	uint32_t nemp;
	int64_t *emp_db; /* row id of employer idx once stored, else 0 */
	uint32_t distressed;
	long recent, distress_every;  /* cases of the last 75 days; every n-th goes to distressed */
	long window, stuck_every;     /* the same for cases left stuck (overdue, stalled) */

	struct idset ids;
	struct demo_person *ring;
	int ring_n, ring_pos;
	struct demo_person *apps; /* the applicants of the case being made */
	struct strbuf evtext;     /* the texts of its evidence events */
	struct strbuf svtext;     /* the text of a service's event */
	/* a case's trail, kept until it is complete (trail_write) */
	struct trail_ev {
		moment at;
		int64_t user, case_id, id;
		const char *entity; /* a literal */
		size_t text[3];     /* offsets in trtext of action, before, after */
	} *trail;
	int ntrail, trail_cap;
	struct strbuf trtext;

	tj_day occ_first;
	int occ_days;
	uint32_t *occ_room, *occ_med; /* half-hour bits from 09:00, per day */

	long cases_done, made;
	long st_count[ST_COUNT], perf_count[4];
	long npersons, nemployers, nconsult, nsessions, ncollective, nagents;
	long nserved, nunserved; /* services (送达) recorded, and still open */
	int open_collective; /* a recent collective dispute left open (for the intake warning) */
};

static int workday(struct gen *g, tj_day d)
{
	return holidays_is_workday(&g->hol, d);
}

static tj_day add_workdays(struct gen *g, tj_day d, int n)
{
	while (n > 0) {
		d++;
		if (workday(g, d))
			n--;
	}
	return d;
}

/* A random time of the working day (09:00-12:00, 13:00-17:00). */
static int work_time(struct gen *g)
{
	int s = demo_range(&g->r, 0, 7 * 3600 - 1);

	return s < 3 * 3600 ? 9 * 3600 + s : 13 * 3600 + (s - 3 * 3600);
}

/* The next step after t: with wd 0 the same working day gap_lo..gap_hi
 * seconds later when that is before 17:00, else at a working time wd
 * (at least one) working days later. */
static moment later(struct gen *g, moment t, int wd, int gap_lo, int gap_hi)
{
	tj_day d = mo_day(t);

	if (wd <= 0) {
		moment c = t + demo_range(&g->r, gap_lo, gap_hi);
		if (mo_day(c) == d && mo_secs(c) <= 17 * 3600 && workday(g, d))
			return c;
		wd = 1;
	}
	return mo(add_workdays(g, d, wd), work_time(g));
}

/* ---- one case in memory -------------------------------------------------------- */

struct sim_event {
	moment at;
	enum case_action act;
	int64_t user;
	int before, after; /* status, -1 for none */
	int ses;           /* schedule, session: index in sim.ses */
};

struct sim_session {
	tj_day day;
	int slot, len, room, held;
	moment created;
	const char *note;
};

struct sim_doc {
	const char *kind;
	moment at;
	int64_t user;
};

struct sim {
	struct sim_event ev[32];
	int nev;
	struct sim_session ses[4];
	int nses;
	struct sim_doc doc[6];
	int ndoc;
	enum case_status st;
	enum performance perf;
	int med; /* roster index, -1 none */
	moment confirmed, accepted, closed;
	const char *confirm_how;
	tj_day deadline, deadline0; /* the mediation deadline now, and as set at acceptance */
	int extended;
	const char *reason;
	int agreed;
	tj_day pay_date;
};

static void ev_add(struct sim *s, moment at, enum case_action act, int64_t user, int after)
{
	if (s->nev >= (int)TJ_ARRAY_LEN(s->ev))
		return;
	struct sim_event *e = &s->ev[s->nev++];
	e->at = at;
	e->act = act;
	e->user = user;
	e->before = act == ACT_REGISTER ? -1 : (int)s->st;
	e->after = after < 0 ? (int)s->st : after;
	if (after >= 0)
		s->st = (enum case_status)after;
}

/* The event just added is about session i. */
static void ev_session(struct sim *s, enum case_action act, int i)
{
	if (s->nev > 0 && s->ev[s->nev - 1].act == act)
		s->ev[s->nev - 1].ses = i;
}

static void doc_add(struct sim *s, const char *kind, moment at, int64_t user)
{
	if (s->ndoc >= (int)TJ_ARRAY_LEN(s->doc))
		return;
	s->doc[s->ndoc++] = (struct sim_doc){kind, at, user};
}

/* The account that acts for a mediator: their own, else the admin. */
static int64_t med_user(struct gen *g, const struct sim *s)
{
	return s->med >= 0 && g->med_uid[s->med] ? g->med_uid[s->med] : g->uid_admin;
}

/* A mediator for a case received on day d about cause: weighted by
 * capacity, preferring a matching specialty; the inactive ones left the
 * roster half-way through the period. */
static int pick_mediator(struct gen *g, tj_day d, const char *cause)
{
	double w[DEMO_MEDIATORS], total = 0, x;

	for (int i = 0; i < DEMO_MEDIATORS; i++) {
		const struct demo_mediator *m = &demo_mediators[i];
		w[i] = 0;
		if (!m->active && d > g->first + (g->today - g->first) / 2)
			continue;
		x = m->capacity;
		for (int k = 0; k < 4 && m->specialties[k]; k++) {
			if (strcmp(m->specialties[k], cause) == 0) {
				x *= 4;
				break;
			}
			if (strncmp(m->specialties[k], cause, 2) == 0)
				x *= 1.5;
		}
		w[i] = x;
		total += x;
	}
	x = demo_unit(&g->r) * total;
	for (int i = 0; i < DEMO_MEDIATORS; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return 0;
}

/* Find a room and a time for a session of len half-hours on or after day
 * earliest, with neither the mediator nor the room busy.  Morning sessions
 * end by 12:00, afternoon ones by 17:30.  When a week of days has no free
 * slot (only in very large demo databases: three rooms cannot hold them)
 * the session is placed without the check. */
static void place_session(struct gen *g, int med, tj_day earliest, int len, struct sim_session *ses)
{
	static const int starts[] = {0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14};
	const int nstarts = (int)TJ_ARRAY_LEN(starts);
	tj_day d = holidays_next_workday(&g->hol, earliest);

	ses->len = len;
	for (int tries = 0; tries < 6; tries++, d = add_workdays(g, d, 1)) {
		int di = (int)(d - g->occ_first);
		if (di < 0 || di >= g->occ_days)
			break;
		int k0 = (int)demo_below(&g->r, (uint32_t)nstarts);
		for (int k = 0; k < nstarts; k++) {
			int slot = starts[(k0 + k) % nstarts];
			if ((slot < 6 && slot + len > 6) || slot + len > 17)
				continue;
			uint32_t mask = ((1u << len) - 1) << slot;
			if (g->occ_med[di * DEMO_MEDIATORS + med] & mask)
				continue;
			int r0 = (int)demo_below(&g->r, (uint32_t)g->nrooms);
			for (int rr = 0; rr < g->nrooms; rr++) {
				int room = (r0 + rr) % g->nrooms;
				if (g->occ_room[di * g->nrooms + room] & mask)
					continue;
				g->occ_room[di * g->nrooms + room] |= mask;
				g->occ_med[di * DEMO_MEDIATORS + med] |= mask;
				ses->day = d;
				ses->slot = slot;
				ses->room = room;
				return;
			}
		}
	}
	ses->day = holidays_next_workday(&g->hol, earliest);
	ses->slot = starts[demo_below(&g->r, 4)];
	ses->room = (int)demo_below(&g->r, (uint32_t)g->nrooms);
}

enum fate { FATE_REJECT, FATE_WITHDRAW, FATE_AGREE, FATE_FAIL, FATE_REFER };

/* Run a case registered at t0 through its lifecycle until its fate or
 * "now", whichever comes first; stop_at (an open status, or -1) makes it
 * stop early, stuck there. */
static void simulate(struct gen *g, struct sim *s, moment t0, const char *channel, const char *cause,
		     int stop_at)
{
	struct demo_rng *r = &g->r;
	double u = demo_unit(r);
	enum fate fate = u < 0.05 ? FATE_REJECT : u < 0.14 ? FATE_WITHDRAW : u < 0.60 ? FATE_AGREE
		       : u < 0.75 ? FATE_FAIL : FATE_REFER;
	int withdraw_from = (int)demo_below(r, 10); /* 0-1 accepted, 2-4 assigned, 5-9 mediating */
	moment t = t0, te;

	memset(s, 0, sizeof *s);
	s->med = -1;
	s->st = ST_REGISTERED;
	if (stop_at >= 0)
		fate = FATE_AGREE;
	ev_add(s, t0, ACT_REGISTER, g->uid_clerk, ST_REGISTERED);
	if (strcmp(channel, "window") == 0 && demo_chance(r, 0.9))
		doc_add(s, "application", t0 + demo_range(r, 300, 900), g->uid_clerk);
	if (stop_at == ST_REGISTERED)
		return;

	if (fate == FATE_REJECT && demo_chance(r, 0.4)) {
		t = later(g, t, demo_range(r, 1, 3), 0, 0);
		if (t > g->now)
			return;
		s->reason = demo_reject_reason(r);
		s->closed = t;
		ev_add(s, t, ACT_REJECT, g->uid_clerk, ST_REJECTED);
		return;
	}

	/* the applicant confirms the clarified claims */
	if (strcmp(channel, "window") == 0) {
		s->confirm_how = demo_chance(r, 0.85) ? "onsite" : "phone";
	} else if (strcmp(channel, "online") == 0) {
		double v = demo_unit(r);
		s->confirm_how = v < 0.5 ? "wechat" : v < 0.9 ? "sms" : "phone";
	} else {
		s->confirm_how = demo_chance(r, 0.65) ? "phone" : "sms";
	}
	if (strcmp(s->confirm_how, "onsite") == 0)
		t = later(g, t, 0, 600, 2400);
	else
		t = later(g, t, demo_chance(r, 0.4) ? 0 : demo_range(r, 1, 2), 1800, 14400);
	if (t > g->now)
		return;
	s->confirmed = t;
	ev_add(s, t, ACT_CONFIRM, g->uid_clerk, ST_CONFIRMED);
	if (strcmp(channel, "window") != 0 && demo_chance(r, 0.6))
		doc_add(s, "application", t + demo_range(r, 120, 1200), g->uid_clerk);
	if (stop_at == ST_CONFIRMED)
		return;
	if (fate == FATE_REJECT) {
		t = later(g, t, demo_range(r, 0, 3), 1800, 10800);
		if (t > g->now)
			return;
		s->reason = demo_reject_reason(r);
		s->closed = t;
		ev_add(s, t, ACT_REJECT, g->uid_clerk, ST_REJECTED);
		return;
	}

	/* acceptance sets the mediation period, counted from receipt (调解仲裁法
	 * §14) or acceptance, as case_apply does */
	t = later(g, t, demo_range(r, 0, 2), 1800, 14400);
	if (t > g->now)
		return;
	s->accepted = t;
	s->deadline = deadline_compute(&g->hol, mo_day(g->cfg->mediation_from_accepted ? t : t0),
				       g->cfg->mediation_days, g->cfg->mediation_kind);
	s->deadline0 = s->deadline;
	ev_add(s, t, ACT_ACCEPT, g->uid_clerk, ST_ACCEPTED);
	if (stop_at == ST_ACCEPTED)
		return;
	if (fate == FATE_WITHDRAW && withdraw_from < 2) {
		t = later(g, t, demo_range(r, 1, 3), 0, 0);
		if (t > g->now)
			return;
		s->reason = demo_withdraw_reason(r);
		s->closed = t;
		ev_add(s, t, ACT_WITHDRAW, g->uid_clerk, ST_WITHDRAWN);
		return;
	}

	t = later(g, t, demo_range(r, 0, 2), 1800, 10800);
	if (t > g->now)
		return;
	s->med = pick_mediator(g, mo_day(t), cause);
	ev_add(s, t, ACT_ASSIGN, g->uid_admin, ST_ASSIGNED);
	if (stop_at == ST_ASSIGNED)
		return;
	if (fate == FATE_WITHDRAW && withdraw_from < 5) {
		t = later(g, t, demo_range(r, 1, 4), 0, 0);
		if (t > g->now)
			return;
		s->reason = demo_withdraw_reason(r);
		s->closed = t;
		ev_add(s, t, ACT_WITHDRAW, g->uid_clerk, ST_WITHDRAWN);
		return;
	}

	/* sessions: each scheduled, then held and recorded */
	u = demo_unit(r);
	int nses = u < 0.45 ? 1 : u < 0.85 ? 2 : 3;
	int gap = demo_range(r, 1, 4); /* working days from scheduling to the session */
	for (int i = 0; i < nses; i++) {
		struct sim_session *ss = &s->ses[s->nses];
		moment ts = later(g, t, i == 0 ? (int)demo_below(r, 2) : 0, 300, 3600);
		if (ts > g->now)
			return;
		place_session(g, s->med, add_workdays(g, mo_day(ts), gap), demo_chance(r, 0.6) ? 2 : 3, ss);
		ss->created = ts;
		s->nses++;
		g->nsessions++;
		ev_add(s, ts, ACT_SCHEDULE, med_user(g, s), -1);
		ev_session(s, ACT_SCHEDULE, s->nses - 1);
		moment start = mo(ss->day, 9 * 3600 + ss->slot * 1800);
		te = start + ss->len * 1800 + demo_range(r, 300, 1800);
		if (te > g->now)
			return; /* still to come: the session stays scheduled */
		ss->held = 1;
		ev_add(s, te, ACT_SESSION, med_user(g, s), ST_MEDIATING);
		ev_session(s, ACT_SESSION, s->nses - 1);
		t = te;
		if (stop_at == ST_MEDIATING) {
			ss->note = demo_session_note(r, NOTE_ONGOING);
			return;
		}
		if (fate == FATE_WITHDRAW) {
			ss->note = demo_session_note(r, NOTE_WITHDRAWN);
			t = later(g, t, demo_range(r, 1, 5), 0, 0);
			if (t > g->now)
				return;
			s->reason = demo_withdraw_reason(r);
			s->closed = t;
			ev_add(s, t, ACT_WITHDRAW, med_user(g, s), ST_WITHDRAWN);
			return;
		}
		int last = i == nses - 1;
		if (!last) {
			/* another session only within the period, extended once
			 * with both parties' consent when it would not fit */
			gap = demo_range(r, 2, 5);
			if (add_workdays(g, mo_day(t), gap) > s->deadline) {
				moment tx = later(g, t, 0, 300, 1200);
				if (!s->extended && mo_day(tx) <= s->deadline && demo_chance(r, 0.6)) {
					t = tx;
					if (t > g->now) {
						ss->note = demo_session_note(r, NOTE_ONGOING);
						return;
					}
					s->extended = 1;
					s->deadline = deadline_compute(&g->hol, s->deadline, g->cfg->extension_days,
								       g->cfg->mediation_kind);
					ev_add(s, t, ACT_EXTEND, med_user(g, s), -1);
				} else {
					last = 1;
				}
			}
		}
		if (!last) {
			ss->note = demo_session_note(r, NOTE_ONGOING);
			continue;
		}
		ss->note = demo_session_note(r, fate == FATE_AGREE ? NOTE_AGREED : NOTE_FAILED);
		t = later(g, t, 0, 300, 1800);
		if (t > g->now)
			return;
		s->closed = t;
		if (fate == FATE_AGREE) {
			s->agreed = 1;
			s->perf = PERF_PENDING;
			ev_add(s, t, ACT_AGREE, med_user(g, s), ST_AGREED);
			doc_add(s, "agreement", t + demo_range(r, 120, 900), med_user(g, s));
			s->pay_date = mo_day(t) + demo_range(r, 5, 30);
			moment tf = later(g, mo(s->pay_date, 0), demo_range(r, 1, 5), 0, 0);
			if (tf <= g->now) {
				s->perf = demo_chance(r, 0.86) ? PERF_PERFORMED : PERF_DEFAULTED;
				ev_add(s, tf, ACT_PERFORM, s->med >= 0 && g->med_uid[s->med] ? g->med_uid[s->med]
											 : g->uid_clerk, -1);
			}
			return;
		}
		s->reason = demo_fail_reason(r);
		ev_add(s, t, ACT_FAIL, med_user(g, s), ST_FAILED);
		doc_add(s, "termination", t + demo_range(r, 120, 900), med_user(g, s));
		if (fate == FATE_REFER) {
			t = later(g, t, (int)demo_below(r, 3), 1200, 7200);
			if (t > g->now)
				return;
			ev_add(s, t, ACT_REFER, g->uid_clerk, ST_REFERRED);
			doc_add(s, "arbitration", t + demo_range(r, 120, 900), g->uid_clerk);
		}
		return;
	}
}

/* ---- writing one case ----------------------------------------------------------- */

/* An employer by the skewed distribution that makes a handful of them
 * high-incidence; lately one failing company gets a wave of cases. */
static uint32_t pick_employer(struct gen *g, tj_day d, int collective)
{
	if (d >= g->today - 75) {
		/* every distress_every-th recent case, so that even a small
		 * demo has its high-incidence employer */
		if (++g->recent % g->distress_every == 0 || (collective && demo_chance(&g->r, 0.5)))
			return g->distressed;
	}
	double u = demo_unit(&g->r);
	uint32_t i = (uint32_t)(u * u * g->nemp);
	return i < g->nemp ? i : g->nemp - 1;
}

/* The employer's row id, storing it (and its create event, later) the first
 * time it is a party. */
static int employer_row(struct gen *g, uint32_t idx, const struct demo_employer *e, const char *now, int *created)
{
	*created = 0;
	if (g->emp_db[idx])
		return 0;
	struct employer_rec er = {
		.uscc = e->uscc[0] ? e->uscc : NULL,
		.name = e->name,
		.legal_rep = e->legal_rep,
		.address = e->address,
		.phone = e->phone,
		.district = e->district,
		.industry = e->industry_name,
		.legal_rep_title = e->legal_rep_title,
	};
	char *changes = NULL;
	int rc = db_employer_upsert(g->db, &er, now, &changes);
	free(changes);
	if (rc < 0)
		return -1;
	g->emp_db[idx] = er.id;
	*created = rc == 1;
	g->nemployers += rc == 1;
	return 0;
}

/* An event of the case being made, kept in order until its trail is
 * complete (trail_write). */
static int event_write(struct gen *g, moment at, int64_t user, int64_t case_id, const char *entity, int64_t id,
		       const char *action, const char *before, const char *after)
{
	if (g->ntrail == g->trail_cap) {
		g->trail_cap = g->trail_cap ? g->trail_cap * 2 : 64;
		g->trail = xrealloc(g->trail, (size_t)g->trail_cap * sizeof *g->trail);
	}
	struct trail_ev *t = &g->trail[g->ntrail++];
	const char *text[3] = {action, before, after};
	t->at = at;
	t->user = user;
	t->case_id = case_id;
	t->id = id;
	t->entity = entity;
	for (int i = 0; i < 3; i++) {
		t->text[i] = g->trtext.len;
		sb_add(&g->trtext, text[i] ? text[i] : "");
		sb_addc(&g->trtext, '\0');
	}
	return 0;
}

/* The case's trail to the event log, once its rows are all written: its
 * last event on the case seals what the case holds (its state, as
 * db_event_add computes it for the program's own events), and each event
 * on an archive row what that row holds now, so `tiaojie check` compares
 * the demo's cases and archives as it does the ones made at the window.
 * The earlier events of the case carry no state: what the case held
 * right after each of them is not in the database. */
static int trail_write(struct gen *g, int64_t case_id)
{
	char cstate[33] = "", astate[33];
	int last = -1, rc = 0;

	for (int i = 0; i < g->ntrail; i++)
		if (!strcmp(g->trail[i].entity, "case"))
			last = i;
	if (last >= 0 && db_entity_state(g->db, "case", case_id, cstate) < 0)
		rc = -1;
	for (int i = 0; i < g->ntrail && rc == 0; i++) {
		const struct trail_ev *t = &g->trail[i];
		char ts[20];
		mo_format(t->at, ts);
		struct event_rec e = {
			.at = ts,
			.user_id = t->user,
			.case_id = t->case_id,
			.entity = t->entity,
			.entity_id = t->id,
			.action = g->trtext.buf + t->text[0],
			.before = g->trtext.buf + t->text[1],
			.after = g->trtext.buf + t->text[2],
		};
		if (i == last) {
			e.state = cstate;
		} else if (strcmp(t->entity, "case") != 0) {
			if (db_entity_state(g->db, t->entity, t->id, astate) < 0) {
				rc = -1;
				break;
			}
			e.state = astate;
		}
		rc = db_bulk_event(g->events, &e);
	}
	g->ntrail = 0;
	g->trtext.len = 0;
	return rc;
}

/* A session's "YYYY-MM-DD HH:MM-HH:MM 第一调解室". */
static char *session_text(const struct config *cfg, const struct sim_session *ss)
{
	const char *room = cfg->nrooms > 0 ? cfg->rooms[ss->room] : "调解室";
	size_t rlen = strlen(room);
	int from = 9 * 60 + ss->slot * 30, to = from + ss->len * 30;
	/* by hand: a million cases ask for this a million times and more */
	char *t = xmalloc(23 + rlen + 1);

	date_format(ss->day, t);
	t[10] = ' ';
	two(t + 11, from / 60);
	t[13] = ':';
	two(t + 14, from % 60);
	t[16] = '-';
	two(t + 17, to / 60);
	t[19] = ':';
	two(t + 20, to % 60);
	t[22] = ' ';
	memcpy(t + 23, room, rlen + 1);
	return t;
}

/* What case_apply (src/core/casework.c, which documents the shapes) writes
 * for a step besides the status: *before and *after for the steps that keep
 * the status, else *note for the note that follows the step (NULL when
 * there is none).  agreement is the note of the agreement. */
static void step_details(struct gen *g, const struct sim *s, const struct sim_event *e, const char *agreement,
			 char **before, char **after, char **note)
{
	const struct config *cfg = g->cfg;
	char ts[20], d0[11], d1[11];
	char *ses;

	*before = *after = *note = NULL;
	switch (e->act) {
	case ACT_CONFIRM:
		mo_format(s->confirmed, ts);
		*note = xasprintf("确认方式：%s，%.16s", case_confirm_how_name(s->confirm_how), ts);
		break;
	case ACT_ACCEPT:
		date_format(s->deadline0, d0);
		*note = xasprintf("调解期限：%s（%d个%s日）", d0, cfg->mediation_days,
				  cfg->mediation_kind == DAYS_WORKING ? "工作" : "自然");
		break;
	case ACT_REJECT:
		*note = xasprintf("不予受理理由：%s", s->reason);
		break;
	case ACT_ASSIGN:
		*note = xasprintf("调解员：%s", demo_mediators[s->med].name);
		break;
	case ACT_SCHEDULE:
		*before = xstrdup("");
		*after = session_text(cfg, &s->ses[e->ses]);
		break;
	case ACT_SESSION:
		ses = session_text(cfg, &s->ses[e->ses]);
		*note = xasprintf("调解记录（%s）：%s", ses, s->ses[e->ses].note ? s->ses[e->ses].note : "");
		free(ses);
		break;
	case ACT_EXTEND:
		date_format(s->deadline0, d0);
		date_format(s->deadline, d1);
		*before = xasprintf("调解期限 %s", d0);
		*after = xasprintf("调解期限 %s（双方同意延长调解期限）", d1);
		break;
	case ACT_AGREE:
		*note = xstrdup(agreement);
		break;
	case ACT_FAIL:
		*note = xasprintf("调解不成原因：%s", s->reason);
		break;
	case ACT_WITHDRAW:
		*note = xasprintf("撤回理由：%s", s->reason);
		break;
	case ACT_PERFORM:
		*before = xstrdup(perf_name(PERF_PENDING));
		*after = xstrdup(perf_name(s->perf));
		break;
	default:
		break;
	}
}

/* Agreed amount of a claim: most of it, in round figures. */
static int64_t agreed_amount(struct gen *g, int64_t fen)
{
	if (fen <= 0)
		return 0;
	if (demo_chance(&g->r, 0.3))
		return fen;
	int64_t a = fen * demo_range(&g->r, 50, 95) / 100;
	int64_t unit = fen >= 1000000 ? 100000 : fen >= 100000 ? 10000 : 100;
	a = a / unit * unit;
	return a > 0 ? a : fen;
}

static const char *pick_channel(struct gen *g)
{
	int x = (int)demo_below(&g->r, 100);

	return x < 60 ? "window" : x < 85 ? "online" : x < 93 ? "phone" : x < 98 ? "letter" : "other";
}

static const int open_statuses[] = {ST_REGISTERED, ST_CONFIRMED, ST_ACCEPTED, ST_ASSIGNED, ST_MEDIATING};

/* The evidence list of a case, in the order it was received. */
struct sim_evidence {
	struct demo_evidence it[DEMO_MAX_EVIDENCE];
	moment at[DEMO_MAX_EVIDENCE];
	int64_t user[DEMO_MAX_EVIDENCE];
	int n;
};

/* When a case's evidence came in, run after simulate: the applicant's
 * with the application (at the window while it is registered, uploaded
 * with an online one, enclosed in a letter; a phone applicant brings it
 * once the case is accepted), now and then one more at the first session,
 * where the respondent brings theirs.  Only while the case is open (the
 * lifecycle takes evidence from registration to mediation), never after
 * now; so a case that closed early, or one by phone not accepted yet, may
 * have none. */
static void plan_evidence(struct gen *g, struct demo_rng *r, const struct sim *s, moment t0, const char *channel,
			  int scenario, struct sim_evidence *ev)
{
	static const int nweight[DEMO_MAX_EVIDENCE] = {15, 25, 25, 18, 10, 7};
	const struct sim_session *first = s->nses > 0 && s->ses[0].held ? &s->ses[0] : NULL;
	moment at0, ses_at = first ? mo(first->day, 9 * 3600 + first->slot * 1800) : 0;
	int napp, nresp = 0, late = 0;

	ev->n = 0;
	if (!demo_chance(r, strcmp(channel, "window") == 0 ? 0.92 : 0.8))
		return;
	napp = 1;
	for (int x = (int)demo_below(r, 100); napp < DEMO_MAX_EVIDENCE && x >= nweight[napp - 1]; napp++)
		x -= nweight[napp - 1];
	if (first && demo_chance(r, 0.45))
		nresp = demo_chance(r, 0.7) ? 1 : 2;
	if (first && napp > 1 && demo_chance(r, 0.25))
		late = 1; /* the last of the applicant's comes at the session */
	if (strcmp(channel, "window") == 0)
		at0 = t0 + demo_range(r, 120, 900);
	else if (strcmp(channel, "phone") == 0)
		at0 = s->accepted ? s->accepted + demo_range(r, 300, 1800) : 0;
	else
		at0 = t0 + demo_range(r, 60, 600);

	struct demo_evidence it[DEMO_MAX_EVIDENCE];
	int n = demo_evidence_list(r, scenario, napp, nresp, it);
	moment at[DEMO_MAX_EVIDENCE];
	int64_t user[DEMO_MAX_EVIDENCE];
	int napp_got = 0;
	for (int i = 0; i < n; i++)
		napp_got += !it[i].respondent;
	for (int i = 0; i < n; i++) {
		int at_session = it[i].respondent || (late && i == napp_got - 1);
		at[i] = at_session ? ses_at + demo_range(r, 0, 600) + i : at0 ? at0 + i * 60 : 0;
		user[i] = at_session ? med_user(g, s) : g->uid_clerk;
	}
	/* kept: those received while the case was open, in time order */
	for (int i = 0; i < n; i++) {
		if (!at[i] || at[i] > g->now || (s->closed && at[i] >= s->closed))
			continue;
		int k = ev->n++;
		while (k > 0 && ev->at[k - 1] > at[i]) {
			ev->it[k] = ev->it[k - 1];
			ev->at[k] = ev->at[k - 1];
			ev->user[k] = ev->user[k - 1];
			k--;
		}
		ev->it[k] = it[i];
		ev->at[k] = at[i];
		ev->user[k] = user[i];
	}
}

/* A respondent of the case being made. */
struct resp {
	const char *kind;      /* VOCAB_RESPONDENT keyword */
	int individual;        /* a natural person (person), not an employer */
	int gangmaster;        /* the individual is a gang master (承包方) */
	uint32_t eidx;         /* the employer's number, unless individual */
	const struct demo_employer *e;
	struct demo_person person;
};

static int has_cause(const struct demo_text *t, const char *code)
{
	for (int i = 0; i < t->nclaims; i++)
		if (strcmp(t->claims[i].cause, code) == 0)
			return 1;
	return 0;
}

/* The agents of party (role, ord), as the power of attorney named them at
 * registration. */
static int agents_add(struct gen *g, struct demo_rng *r, int64_t case_id, const char *role, int ord, int individual,
		      const char *employer)
{
	struct demo_agent a[2];
	int n = demo_agents(r, strcmp(role, "respondent") == 0, individual, employer, a);

	for (int k = 0; k < n; k++) {
		struct agent_row ar = {.case_id = case_id, .role = role, .party_ord = ord, .ord = k + 1,
				       .name = a[k].name, .kind = a[k].kind, .org = a[k].org, .phone = a[k].phone,
				       .authority = a[k].authority, .scope = a[k].scope};
		if (db_case_agent_add(g->db, &ar) < 0)
			return -1;
	}
	g->nagents += n;
	return 0;
}

/* Each worker's own amount of a collective claim: around the average (by
 * wage and service), in whole yuan, the last taking what is left so that
 * they add up to the claim's amount. */
static int shares_add(struct gen *g, struct demo_rng *r, int64_t case_id, int claim_ord, int napp, int64_t fen,
		      int64_t agreed, struct strbuf *note)
{
	int w[INTAKE_MAX_PARTIES], total = 0;
	int64_t left = fen, part[INTAKE_MAX_PARTIES], got[INTAKE_MAX_PARTIES];

	for (int k = 0; k < napp; k++)
		total += w[k] = demo_range(r, 70, 130);
	for (int k = 0; k < napp; k++) {
		part[k] = k == napp - 1 ? left : fen * w[k] / total / 100 * 100;
		if (part[k] > left)
			part[k] = left;
		left -= part[k];
		if (db_claim_share_add(g->db, case_id, claim_ord, k + 1, part[k]) < 0)
			return -1;
	}
	if (agreed < 0)
		return 0;
	/* an agreement: each worker the same part of his own amount, in whole
	 * yuan, the last the rest (what cannot be his goes to the others) */
	left = agreed;
	for (int k = 0; k < napp; k++) {
		got[k] = k == napp - 1 ? left : fen > 0 ? part[k] * agreed / fen / 100 * 100 : 0;
		left -= got[k];
	}
	for (int k = 0; k < napp - 1 && got[napp - 1] > part[napp - 1]; k++) {
		int64_t x = got[napp - 1] - part[napp - 1], room = part[k] - got[k];
		x = x < room ? x : room;
		got[k] += x;
		got[napp - 1] -= x;
	}
	sb_add(note, "（其中");
	for (int k = 0; k < napp; k++) {
		char amt[32];
		if (db_claim_share_set_agreed(g->db, case_id, claim_ord, k + 1, got[k]) < 0)
			return -1;
		sb_printf(note, "%s申请人%d %s元", k ? "、" : "", k + 1, money_format(got[k], amt, sizeof amt));
	}
	sb_add(note, "）");
	return 0;
}

/* ---- service (送达) of the documents issued -------------------------------------- */

/* The agreements and termination notices go to every party (a collective
 * dispute's representatives for its workers), as doc_addressees has it.
 * An agreement is mostly handed over and signed for at the session; a
 * termination notice mostly posted (EMS, with its number), handed over,
 * sent electronically where the party consented at registration, lodged
 * with witnesses, now and then published (deemed served 30 days on).
 * What would be recorded after now is not served yet: the recent ones,
 * and now and then a receipt that never came back - the desk's 待送达文书.
 * All of it from a generator of its own (the rest of the case is what it
 * was before services came to the demo). */

#define DEMO_MAX_SERVICES 16

struct sim_service {
	int doc; /* index in sim.doc */
	const char *role;
	int ord;
	const char *name;
	const char *method; /* VOCAB_SERVICE keyword; NULL: not served (yet) */
	char tracking[16], signer[200], served_on[11];
	moment recorded;    /* when it was recorded (its event) */
	int64_t user;
};

/* An EMS number as China Post prints it (UPU S10): two letters, eight
 * digits and their check digit, "CN". */
static void ems_number(struct demo_rng *r, char out[16])
{
	static const int w[8] = {8, 6, 4, 2, 3, 5, 9, 7};
	static const char *const prefix[] = {"EA", "EB", "EC", "ED", "EE", "EF", "EM", "EQ"};
	int d[8], sum = 0, c;

	for (int i = 0; i < 8; i++)
		sum += (d[i] = (int)demo_below(r, 10)) * w[i];
	c = 11 - sum % 11;
	c = c == 10 ? 0 : c == 11 ? 5 : c;
	snprintf(out, 16, "%s%d%d%d%d%d%d%d%d%dCN", prefix[demo_below(r, (uint32_t)TJ_ARRAY_LEN(prefix))], d[0], d[1],
		 d[2], d[3], d[4], d[5], d[6], d[7], c);
}

/* A time of the working day n working days after t (as later(), from r). */
static moment svc_later(struct gen *g, struct demo_rng *r, moment t, int n)
{
	int secs = demo_range(r, 0, 7 * 3600 - 1);

	secs = secs < 3 * 3600 ? 9 * 3600 + secs : 10 * 3600 + secs;
	return mo(add_workdays(g, mo_day(t), n > 0 ? n : 1), secs);
}

/* How one party's copy of document d was served. */
static void serve_one(struct gen *g, struct demo_rng *r, const struct sim_doc *d, int person, int consent,
		      const char *name, const char *legal_rep, struct sim_service *v)
{
	int agreement = strcmp(d->kind, "agreement") == 0;
	double u = demo_unit(r);
	moment served;
	char who[32];

	if (agreement)
		v->method = u < 0.8 ? "direct" : consent && u < 0.9 ? "electronic" : "post";
	else
		v->method = u < 0.45 ? "post" : u < 0.7 ? "direct" : u < 0.86 ? (consent ? "electronic" : "post")
			  : u < 0.95 ? "lodged" : "public";
	v->user = agreement && !strcmp(v->method, "direct") ? d->user : g->uid_clerk;
	demo_name(r, demo_chance(r, 0.5), who, sizeof who);
	if (!strcmp(v->method, "direct")) {
		/* handed over at the window or the session */
		served = d->at + demo_range(r, 60, 1800);
		v->recorded = served + demo_range(r, 60, 3600);
		snprintf(v->signer, sizeof v->signer, "%s",
			 person ? (demo_chance(r, 0.9) ? name : who) : demo_chance(r, 0.3) ? legal_rep : who);
	} else if (!strcmp(v->method, "post")) {
		ems_number(r, v->tracking);
		served = svc_later(g, r, d->at, demo_range(r, 2, 5));
		v->recorded = svc_later(g, r, served, demo_range(r, 1, 3)); /* the receipt comes back */
		if (person)
			snprintf(v->signer, sizeof v->signer, "%s", demo_chance(r, 0.85) ? name : who);
		else
			snprintf(v->signer, sizeof v->signer, "%s", demo_chance(r, 0.4) ? "单位收发室" : who);
	} else if (!strcmp(v->method, "electronic")) {
		served = d->at + demo_range(r, 600, 7200);
		v->recorded = served + demo_range(r, 60, 1800);
	} else if (!strcmp(v->method, "lodged")) {
		/* refused at the door: left there before witnesses */
		served = svc_later(g, r, d->at, demo_range(r, 1, 4));
		v->recorded = served + demo_range(r, 1800, 7200);
		snprintf(v->signer, sizeof v->signer, "%s（居委会）", who);
	} else {
		/* published, deemed served 30 days on */
		moment published = svc_later(g, r, d->at, demo_range(r, 1, 3));
		served = mo(mo_day(published) + 30, 9 * 3600);
		v->recorded = svc_later(g, r, served, demo_range(r, 1, 3));
	}
	date_format(mo_day(served), v->served_on);
}

/* The services of the case's documents; the count. */
static int plan_services(struct gen *g, struct demo_rng *r, const struct sim *s, int napp, const char *rep, int collective,
			 const struct resp *rs, int nresp, const char *consent, struct sim_service *out)
{
	int n = 0;

	for (int i = 0; i < s->ndoc; i++) {
		const struct sim_doc *d = &s->doc[i];
		if (d->at > g->now || (strcmp(d->kind, "agreement") != 0 && strcmp(d->kind, "termination") != 0))
			continue;
		tj_day day = mo_day(d->at);
		for (int k = 0; k < napp + nresp && n < DEMO_MAX_SERVICES; k++) {
			int app = k < napp, j = app ? k : k - napp;
			if (app && collective && !rep[j])
				continue;
			struct sim_service *v = &out[n++];
			memset(v, 0, sizeof *v);
			v->doc = i;
			v->role = app ? "applicant" : "respondent";
			v->ord = j + 1;
			v->name = app ? g->apps[j].name : rs[j].individual ? rs[j].person.name : rs[j].e->name;
			serve_one(g, r, d, app || rs[j].individual, consent[k], v->name,
				  app || rs[j].individual ? "" : rs[j].e->legal_rep, v);
			/* not recorded by now; and in the last two months one in a
			 * hundred receipts never came back (one at least, so that
			 * the desk has something to show) */
			if (v->recorded > g->now ||
			    (day >= g->today - 60 && (demo_chance(r, 0.01) || (!g->nunserved && day >= g->today - 20))))
				v->method = NULL;
			if (v->method)
				g->nserved++;
			else
				g->nunserved++;
		}
	}
	return n;
}

/* The timeline's 登记送达, as service_record words it. */
static void service_text(struct strbuf *sb, const struct sim *s, const struct sim_service *v)
{
	sb_printf(sb, "%s → %s%s：%s，%s", vocab_label(VOCAB_DOC_KIND, s->doc[v->doc].kind), vocab_label(VOCAB_PARTY, v->role),
		  v->name, vocab_label(VOCAB_SERVICE, v->method), v->served_on);
	if (v->tracking[0])
		sb_printf(sb, "，邮件号码 %s", v->tracking);
	if (v->signer[0])
		sb_printf(sb, "，%s %s", !strcmp(v->method, "lodged") ? "见证人" : "签收人", v->signer);
}

static int gen_case(struct gen *g, tj_day day, moment t0)
{
	struct demo_rng *r = &g->r;
	/* what came to the demo later (households, occupations, evidence)
	 * draws from a generator of its own, so that the rest of each case is
	 * what it was before */
	struct demo_rng more = demo_rng_for(g->seed, (uint64_t)++g->made, 0xE71D);
	/* and the parties' shapes, agents, representatives and per-worker
	 * amounts, later still, from one more */
	struct demo_rng extra = demo_rng_for(g->seed, (uint64_t)g->made, 0xA6E7);
	const struct config *cfg = g->cfg;
	struct demo_employer emp[2];
	uint32_t eidx[2];
	int nresp = 1, napp = 1, rc = -1;
	/* about 0.5% collective disputes, and at least one in recent months */
	int collective = demo_chance(r, 0.005) ||
			 (!g->ncollective && day >= g->today - 100 && g->ncases >= 100 && demo_chance(r, 0.1)) ||
			 (!g->open_collective && day >= g->today - 15 && g->ncases >= 100 && demo_chance(r, 0.2));
	int pnew[INTAKE_MAX_PARTIES];
	char *pchanges[INTAKE_MAX_PARTIES];
	int ecreated[2] = {0, 0};
	char regts[20], recv[11];
	struct demo_text text;
	struct sim s;
	struct sim_evidence evl;
	char *case_no = NULL;
	struct strbuf agreement;

	sb_init(&agreement);

	if (collective) {
		int lo = cfg->collective_threshold > 10 ? cfg->collective_threshold : 10;
		napp = lo + demo_range(r, 0, 20);
		if (napp > INTAKE_MAX_PARTIES)
			napp = INTAKE_MAX_PARTIES;
	} else if (demo_chance(r, 0.015)) {
		napp = demo_range(r, 2, 5);
	}
	int scenario = demo_scenario_pick(r, napp > 1);
	eidx[0] = pick_employer(g, day, collective);
	demo_employer_make(g->seed, eidx[0], g->nemp, &emp[0]);
	if (demo_scenario_dispatch(scenario)) {
		/* the dispatching company employs; the workplace answers jointly */
		for (int k = 0; k < 200 && nresp == 1; k++) {
			uint32_t j = demo_below(r, g->nemp);
			if (j == eidx[0])
				continue;
			demo_employer_make(g->seed, j, g->nemp, &emp[1]);
			if (emp[1].dispatch && !emp[0].dispatch) {
				eidx[1] = j;
				nresp = 2;
			}
		}
		if (nresp == 1)
			scenario = 0; /* no dispatch company around: wages owed instead */
	}
	demo_case_text(r, scenario, day, &emp[0], nresp == 2 ? &emp[1] : NULL, napp, &text);

	/* who answers: the employer; in 劳务派遣 the dispatching company (用人
	 * 单位) with the workplace (用工单位); now and then a natural person
	 * who employs without a business (个人); on a building site the
	 * gang master (个人, the 承包方) with the company that let the work to
	 * him (发包方, 劳动合同法 §94) */
	struct resp rs[2];
	memset(rs, 0, sizeof rs);
	if (nresp == 2) {
		rs[0] = (struct resp){.kind = "employer", .eidx = eidx[1], .e = &emp[1]};
		rs[1] = (struct resp){.kind = "host", .eidx = eidx[0], .e = &emp[0]};
	} else {
		rs[0] = (struct resp){.kind = "employer", .eidx = eidx[0], .e = &emp[0]};
		enum demo_industry ind = emp[0].industry;
		int small = ind == IND_RESIDENT_SERVICES || ind == IND_CATERING || ind == IND_RETAIL;
		double u = demo_unit(&extra);
		/* what a worker asks of a shopkeeper or a household: wages, the
		 * double wages of no written contract, the end of the job */
		int plain = has_cause(&text, "0601") || has_cause(&text, "0201") || has_cause(&text, "0401") ||
			    has_cause(&text, "0402") || has_cause(&text, "0602");
		if (napp == 1 && eidx[0] != g->distressed && small && plain && u < 0.07) {
			rs[0] = (struct resp){.kind = "individual", .individual = 1};
		} else if (napp == 1 && eidx[0] != g->distressed && ind == IND_CONSTRUCTION && has_cause(&text, "0601") &&
			   u < 0.35) {
			rs[0] = (struct resp){.kind = "individual", .individual = 1, .gangmaster = 1};
			rs[1] = (struct resp){.kind = "contractor", .eidx = eidx[0], .e = &emp[0]};
			nresp = 2;
		}
	}

	/* the stuck ones: a few recent cases stop where they are, and any
	 * open status not seen yet is made to occur */
	int stop_at = -1;
	if (day >= g->today - 60 && day < g->today - 20 && ++g->window % g->stuck_every == 0)
		stop_at = open_statuses[2 + demo_below(r, 3)]; /* accepted, assigned, mediating: overdue by now */
	if (day >= g->today - 20)
		for (size_t i = 0; i < TJ_ARRAY_LEN(open_statuses); i++)
			if (!g->st_count[open_statuses[i]]) {
				stop_at = open_statuses[i];
				break;
			}
	/* one recent collective dispute stays open, so that the intake form
	 * has a collective case to warn about and to join */
	if (collective && !g->open_collective && day >= g->today - 15) {
		if (stop_at < 0)
			stop_at = ST_ACCEPTED;
		g->open_collective = 1;
	}
	const char *channel = pick_channel(g);
	simulate(g, &s, t0, channel, text.claims[0].cause, stop_at);
	plan_evidence(g, &more, &s, t0, channel, scenario, &evl);
	/* the case left waiting at registration has brought no evidence yet,
	 * so that a list can be started from nothing (the evidence form) */
	if (stop_at == ST_REGISTERED)
		evl.n = 0;

	mo_format(t0, regts);
	date_format(day, recv);

	/* the applicants: new workers, or one who came before */
	for (int i = 0; i < napp; i++) {
		struct demo_person *p = &g->apps[i];
		pnew[i] = 0;
		pchanges[i] = NULL;
		if (napp == 1 && g->ring_n > 0 && demo_chance(r, 0.03)) {
			*p = g->ring[demo_below(r, (uint32_t)g->ring_n)];
			if (demo_chance(r, 0.3))
				demo_mobile(r, p->phone); /* a new phone number since */
		} else {
			do
				demo_person_make(r, day, p);
			while (!idset_add(&g->ids, hash2(p->id_type, p->id_no)));
			demo_household(&more, p);
		}
		/* the job of the story; the others of a group the front-line jobs */
		snprintf(p->occupation, sizeof p->occupation, "%s",
			 i == 0 ? text.job : demo_job(&more, emp[0].industry, 1));
		struct person_rec pr = {
			.id_type = p->id_type,
			.id_no = p->id_no,
			.name = p->name,
			.gender = p->gender[0] ? p->gender : NULL,
			.birth_date = p->birth[0] ? p->birth : NULL,
			.nationality = p->nationality,
			.phone = p->phone,
			.address = p->address,
			.household = p->household[0] ? p->household : NULL,
			.occupation = p->occupation,
		};
		int created = db_person_upsert(g->db, &pr, regts, &pchanges[i]);
		if (created < 0) {
			for (int k = 0; k <= i; k++)
				free(pchanges[k]);
			return -1;
		}
		p->db_id = pr.id;
		pnew[i] = created;
		if (created) {
			g->npersons++;
			g->ring[g->ring_pos] = *p;
			g->ring_pos = (g->ring_pos + 1) % RING;
			if (g->ring_n < RING)
				g->ring_n++;
		}
	}
	/* the respondents: an employer is stored the first time it is a
	 * party; an individual is a new person of the worker archive */
	int64_t resp_id[2];
	for (int k = 0; k < nresp; k++) {
		struct resp *x = &rs[k];
		if (!x->individual) {
			if (employer_row(g, x->eidx, x->e, regts, &ecreated[k]) < 0)
				goto out;
			resp_id[k] = g->emp_db[x->eidx];
			continue;
		}
		struct demo_person *p = &x->person;
		/* a local trader or gang master: a mainland identity card */
		do
			demo_person_make(&extra, day, p);
		while (strcmp(p->id_type, "id") != 0 || !idset_add(&g->ids, hash2(p->id_type, p->id_no)));
		demo_household(&extra, p);
		snprintf(p->occupation, sizeof p->occupation, "%s", x->gangmaster ? "工程承包人" : "个体经营者");
		struct person_rec pr = {
			.id_type = p->id_type,
			.id_no = p->id_no,
			.name = p->name,
			.gender = p->gender,
			.birth_date = p->birth,
			.nationality = p->nationality,
			.phone = p->phone,
			.address = p->address,
			.household = p->household[0] ? p->household : NULL,
			.occupation = p->occupation,
		};
		char *changes = NULL;
		int created = db_person_upsert(g->db, &pr, regts, &changes);
		free(changes);
		if (created < 0)
			goto out;
		resp_id[k] = pr.id;
		ecreated[k] = created == 1;
		g->npersons += created == 1;
	}
	if (rs[0].gangmaster) {
		/* how the gang master came in, when the story has room for it */
		int sentences = 0;
		for (const char *q = text.facts; (q = strstr(q, "。")); q += 3)
			sentences++;
		size_t len = strlen(text.facts);
		if (sentences < 6)
			snprintf(text.facts + len, sizeof text.facts - len,
				 "申请人系由被申请人%s招用，%s承包了被申请人%s发包的工程，不具备用工主体资格。",
				 rs[0].person.name, rs[0].person.name, emp[0].name);
	}

	int y, m, d;
	int64_t seq;
	date_to_ymd(day, &y, &m, &d);
	if (db_case_seq_next(g->db, y, &seq) < 0)
		goto out;
	case_no = casenum_format(cfg->case_number_pattern, cfg->court_abbr, y, seq);
	if (!case_no)
		goto out;

	/* a collective dispute's elected representatives (调解仲裁法 §7) */
	int collective_case = napp >= cfg->collective_threshold;
	char rep[INTAKE_MAX_PARTIES];
	memset(rep, 0, sizeof rep);
	if (collective_case) {
		int nrep = demo_range(&extra, INTAKE_MIN_REPRESENTATIVES, INTAKE_MAX_REPRESENTATIVES);
		for (int k = 0; k < nrep && k < napp; k++) {
			int x = (int)demo_below(&extra, (uint32_t)napp);
			while (rep[x])
				x = (x + 1) % napp;
			rep[x] = 1;
		}
	}

	/* who consented at registration to electronic service (送达): a
	 * quarter of the workers, a third of the companies, few individuals */
	struct demo_rng srv = demo_rng_for(g->seed, (uint64_t)g->made, 0x5E4D);
	char consent[INTAKE_MAX_PARTIES + 2];
	for (int i = 0; i < napp + nresp; i++)
		consent[i] = (char)demo_chance(&srv, i < napp ? 0.25 : rs[i - napp].individual ? 0.1 : 0.35);

	/* the documents' service, the recorded ones in the order recorded */
	struct sim_service sv[DEMO_MAX_SERVICES];
	int nsv = plan_services(g, &srv, &s, napp, rep, collective_case, rs, nresp, consent, sv), order[DEMO_MAX_SERVICES],
	    nrec = 0;
	for (int i = 0; i < nsv; i++) {
		if (!sv[i].method)
			continue;
		int j = nrec++;
		for (; j > 0 && sv[order[j - 1]].recorded > sv[i].recorded; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}

	moment last = t0;
	for (int i = 0; i < s.nev; i++)
		if (s.ev[i].at > last)
			last = s.ev[i].at;
	for (int i = 0; i < nrec; i++)
		if (sv[order[i]].recorded > last)
			last = sv[order[i]].recorded;
	for (int i = 0; i < evl.n; i++)
		if (evl.at[i] > last)
			last = evl.at[i];
	char conf[20], acc[20], closed[20], lastts[20], deadline[11];
	if (s.confirmed)
		mo_format(s.confirmed, conf);
	/* the acceptance decision's deadline until accepted, then mediation's */
	if (s.accepted)
		mo_format(s.accepted, acc);
	date_format(s.accepted ? s.deadline
			       : deadline_compute(&g->hol, day, cfg->arbitration_days, cfg->arbitration_kind),
		    deadline);
	if (s.closed)
		mo_format(s.closed, closed);
	mo_format(last, lastts);
	struct case_row c = {
		.case_no = case_no,
		.year = y,
		.seq = seq,
		.channel = channel,
		.received = recv,
		.facts = text.facts,
		.status = status_keyword(s.st),
		.performance = s.st == ST_AGREED ? perf_keyword(s.perf) : NULL,
		.collective = napp >= cfg->collective_threshold,
		.mediator_id = s.med >= 0 ? g->med_db[s.med] : 0,
		.confirm_how = s.confirmed ? s.confirm_how : NULL,
		.confirmed_at = s.confirmed ? conf : NULL,
		.accepted_at = s.accepted ? acc : NULL,
		.deadline = deadline,
		.extended = s.extended,
		.closed_at = s.closed ? closed : NULL,
		.reason = s.reason,
		.last_event_at = lastts,
		.created_by = g->uid_clerk,
		.updated_at = lastts,
	};
	if (db_case_insert(g->db, &c) < 0)
		goto out;
	for (int i = 0; i < napp; i++) {
		struct party_row pr = {.case_id = c.id, .role = "applicant", .ord = i + 1,
				       .person_id = g->apps[i].db_id, .representative = rep[i],
				       .e_consent = consent[i] ? recv : NULL};
		if (db_case_party_insert(g->db, &pr) < 0)
			goto out;
		/* in a collective dispute the representatives act, some through an agent */
		if ((!c.collective || rep[i]) && agents_add(g, &extra, c.id, "applicant", i + 1, 0, NULL) < 0)
			goto out;
	}
	for (int i = 0; i < nresp; i++) {
		struct party_row pr = {.case_id = c.id, .role = "respondent", .ord = i + 1, .kind = rs[i].kind,
				       .person_id = rs[i].individual ? resp_id[i] : 0,
				       .employer_id = rs[i].individual ? 0 : resp_id[i],
				       .e_consent = consent[napp + i] ? recv : NULL};
		if (db_case_party_insert(g->db, &pr) < 0 ||
		    agents_add(g, &extra, c.id, "respondent", i + 1, rs[i].individual, rs[i].individual ? NULL
												       : rs[i].e->name) < 0)
			goto out;
	}
	char pay[11];
	if (s.agreed) {
		date_format(s.pay_date, pay);
		sb_add(&agreement, "达成协议：");
	}
	for (int i = 0; i < text.nclaims; i++) {
		int64_t agreed = s.agreed ? agreed_amount(g, text.claims[i].amount_fen) : -1;
		if (s.agreed) {
			char amt[32];
			sb_printf(&agreement, "%s第%d项 %s元", i ? "；" : "", i + 1, money_format(agreed, amt, sizeof amt));
			if (agreed > 0)
				sb_printf(&agreement, "，%s前支付", pay);
		}
		/* whom it is against: with two respondents, the one that is
		 * asked to answer jointly is named by the claim (1401), the
		 * money is asked of the employer or of both jointly (连带) */
		const char *against = NULL;
		int joint = 0, money = text.claims[i].amount_fen > 0;
		if (nresp == 2) {
			if (strcmp(text.claims[i].cause, "1401") == 0)
				against = "2";
			else if (money && (rs[0].gangmaster || demo_chance(&extra, 0.7)))
				against = "1,2", joint = 1;
			else
				against = "1";
		}
		struct claim_row cr = {
			.case_id = c.id,
			.ord = i + 1,
			.cause = text.claims[i].cause,
			.text = text.claims[i].text,
			.amount_fen = text.claims[i].amount_fen,
			.agreed_fen = agreed,
			.pay_date = agreed > 0 ? pay : NULL,
			.against = against,
			.joint = joint,
		};
		if (db_claim_add(g->db, &cr) < 0)
			goto out;
		if (c.collective && money &&
		    shares_add(g, &extra, c.id, i + 1, napp, text.claims[i].amount_fen, agreed, &agreement) < 0)
			goto out;
	}

	/* the evidence list, numbered in the order received, with the text
	 * of each item's event as case_apply writes it (ACT_EVIDENCE) */
	size_t evtext[DEMO_MAX_EVIDENCE];
	g->evtext.len = 0;
	for (int i = 0; i < evl.n; i++) {
		const struct demo_evidence *it = &evl.it[i];
		char subm[11];
		date_format(mo_day(evl.at[i]), subm);
		struct evidence_row er = {
			.case_id = c.id,
			.ord = i + 1,
			.name = it->name,
			.source = it->source,
			.purpose = it->purpose,
			.pages = it->pages,
			.original = it->original,
			.party = it->respondent ? "respondent" : "applicant",
			.submitted = subm,
		};
		if (db_bulk_evidence(g->events, &er) < 0)
			goto out;
		evtext[i] = g->evtext.len;
		evidence_describe(&g->evtext, er.ord, &er);
		sb_addc(&g->evtext, '\0');
	}


	/* the trail: registration, the archives it touched, then every step,
	 * each item of evidence and each service recorded in its place in time */
	for (int i = 0, x = 0, ys = 0; i <= s.nev; i++) {
		for (;;) {
			int ex = x < evl.n && (i == s.nev || evl.at[x] < s.ev[i].at);
			int sy = ys < nrec && (i == s.nev || sv[order[ys]].recorded < s.ev[i].at);
			if (ex && (!sy || evl.at[x] <= sv[order[ys]].recorded)) {
				if (event_write(g, evl.at[x], evl.user[x], c.id, "case", c.id, action_keyword(ACT_EVIDENCE),
						"", g->evtext.buf + evtext[x]) < 0)
					goto out;
				x++;
			} else if (sy) {
				const struct sim_service *v = &sv[order[ys++]];
				g->svtext.len = 0;
				service_text(&g->svtext, &s, v);
				if (event_write(g, v->recorded, v->user, c.id, "case", c.id, "serve", "", g->svtext.buf) < 0)
					goto out;
			} else {
				break;
			}
		}
		if (i == s.nev)
			break;
		const struct sim_event *e = &s.ev[i];
		const char *before = e->before >= 0 ? status_keyword((enum case_status)e->before) : "";
		const char *after = status_keyword((enum case_status)e->after);
		char *dbefore, *dafter, *note;
		step_details(g, &s, e, agreement.buf ? agreement.buf : "", &dbefore, &dafter, &note);
		int bad = event_write(g, e->at, e->user, c.id, "case", c.id, action_keyword(e->act),
				      dbefore ? dbefore : before, dafter ? dafter : after) < 0 ||
			  (note && event_write(g, e->at, e->user, c.id, "case", c.id, "note", "", note) < 0);
		free(dbefore);
		free(dafter);
		free(note);
		if (bad)
			goto out;
		if (e->act != ACT_REGISTER)
			continue;
		for (int k = 0; k < napp; k++)
			if ((pnew[k] || pchanges[k]) &&
			    event_write(g, t0, g->uid_clerk, c.id, "person", g->apps[k].db_id,
					pchanges[k] ? "update" : "create", "", pchanges[k] ? pchanges[k] : "") < 0)
				goto out;
		for (int k = 0; k < nresp; k++)
			if (ecreated[k] && event_write(g, t0, g->uid_clerk, c.id, rs[k].individual ? "person" : "employer",
						       resp_id[k], "create", "", "") < 0)
				goto out;
	}
	if (trail_write(g, c.id) < 0)
		goto out;
	for (int i = 0; i < s.nses; i++) {
		const struct sim_session *ss = &s.ses[i];
		char sday[11], start[6], created[20];
		int mins = 9 * 60 + ss->slot * 30;
		date_format(ss->day, sday);
		two(start, mins / 60);
		start[2] = ':';
		two(start + 3, mins % 60);
		start[5] = '\0';
		mo_format(ss->created, created);
		struct session_row sr = {
			.case_id = c.id,
			.mediator_id = g->med_db[s.med],
			.day = sday,
			.start = start,
			.minutes = ss->len * 30,
			.room = cfg->nrooms > 0 ? cfg->rooms[ss->room] : "调解室",
			.status = ss->held ? "held" : "scheduled",
			.note = ss->held && ss->note ? ss->note : "",
			.created_at = created,
			/* recorded by the mediator's account, as the trail says */
			.recorded_by = ss->held ? med_user(g, &s) : 0,
		};
		if (db_session_add(g->db, &sr) < 0)
			goto out;
	}
	int64_t doc_id[TJ_ARRAY_LEN(s.doc)];
	for (int i = 0; i < s.ndoc; i++) {
		char at[20];
		doc_id[i] = 0;
		if (s.doc[i].at > g->now)
			continue;
		mo_format(s.doc[i].at, at);
		struct document_row dr = {.case_id = c.id, .kind = s.doc[i].kind, .issued_at = at, .user_id = s.doc[i].user};
		if (db_document_insert(g->db, &dr, &doc_id[i]) < 0)
			goto out;
	}
	for (int i = 0; i < nsv; i++) {
		const struct sim_service *v = &sv[i];
		char rec[20];
		mo_format(v->recorded, rec);
		struct service_row row = {
			.document_id = doc_id[v->doc],
			.case_id = c.id,
			.role = v->role,
			.ord = v->ord,
			.name = v->name,
			.method = v->method,
			.tracking = v->tracking,
			.served_on = v->served_on,
			.signed_by = v->signer,
			.recorded_at = rec,
			.user_id = v->user,
		};
		if (db_bulk_service(g->events, &row) < 0)
			goto out;
	}

	g->st_count[s.st]++;
	if (s.st == ST_AGREED)
		g->perf_count[s.perf]++;
	g->ncollective += c.collective;
	rc = 0;
out:
	for (int i = 0; i < napp; i++)
		free(pchanges[i]);
	free(case_no);
	sb_free(&agreement);
	return rc;
}

/* ---- the period ------------------------------------------------------------------- */

/* How busy a day is at the window: nothing on rest days, more on Mondays,
 * after the Spring Festival and at the year's end, a slow rise over the
 * period, and some day-to-day noise (the same for the same seed). */
static double day_weight(struct gen *g, tj_day d)
{
	static const double month_f[12] = {1.15, 0.8, 1.2, 1.0, 0.95, 1.0, 1.05, 1.0, 1.0, 0.9, 1.0, 1.15};
	int y, m, dd, wd;
	double w;

	if (!workday(g, d))
		return 0;
	date_to_ymd(d, &y, &m, &dd);
	wd = date_weekday(d);
	w = month_f[m - 1] * (wd == 1 ? 1.2 : wd == 5 ? 0.85 : wd >= 6 ? 0.6 : 1.0);
	w *= 1.0 + 0.15 * (double)(d - g->first) / (double)(g->today - g->first + 1);
	struct demo_rng r = demo_rng_for(g->seed, (uint64_t)d, 0xDA7);
	w *= 0.75 + 0.5 * demo_unit(&r);
	if (d == g->today) {
		double part = (mo_secs(g->now) - 9.0 * 3600) / (8.0 * 3600);
		w *= part < 0 ? 0 : part > 1 ? 1 : part;
	}
	return w;
}

static int gen_consultations(struct gen *g, tj_day d, int ncases_today)
{
	int n = (int)(0.5 * ncases_today + demo_unit(&g->r));

	for (int i = 0; i < n; i++) {
		const char *cause, *note;
		char at[20], phone[12] = "";
		moment t = mo(d, work_time(g));
		demo_consultation(&g->r, &cause, &note);
		if (demo_chance(&g->r, 0.35))
			demo_mobile(&g->r, phone);
		if (t > g->now)
			continue;
		mo_format(t, at);
		if (db_consult_add(g->db, at, cause, note, phone, g->uid_clerk, NULL) < 0)
			return -1;
		g->nconsult++;
	}
	return 0;
}

static int gen_mediators(struct gen *g)
{
	char at[20];

	mo_format(mo(g->first - 30, 9 * 3600), at);
	if (db_begin(g->db) < 0)
		return -1;
	for (int i = 0; i < DEMO_MEDIATORS; i++) {
		const struct demo_mediator *dm = &demo_mediators[i];
		struct mediator_row m = {
			.name = dm->name,
			.side = dm->side,
			.expert_kind = dm->expert_kind,
			.affiliation = dm->affiliation,
			.phone = dm->phone,
			.capacity = dm->capacity,
			.active = dm->active,
			.created_at = at,
		};
		if (db_mediator_insert(g->db, &m) < 0)
			goto fail;
		g->med_db[i] = m.id;
		for (int k = 0; k < 4 && dm->specialties[k]; k++)
			if (db_mediator_specialty_add(g->db, m.id, dm->specialties[k]) < 0)
				goto fail;
		struct event_rec e = {.at = at, .entity = "mediator", .entity_id = m.id, .action = "create",
				      .after = dm->name};
		if (db_event_add(g->db, &e) < 0)
			goto fail;
	}
	return db_commit(g->db);
fail:
	db_rollback(g->db);
	return -1;
}

const struct demo_staff demo_staff[DEMO_STAFF] = {
	{"admin", "陈立新", "admin"},
	{"clerk", "王晓雯", "clerk"},
};

static int gen_users(struct gen *g)
{
	struct config cfg = *g->cfg;
	struct user_rec u;

	/* the demo password is fixed; a stricter configured minimum does not
	 * apply to the demo accounts */
	if (cfg.min_password_len > (int)strlen(DEMO_PASSWORD))
		cfg.min_password_len = (int)strlen(DEMO_PASSWORD);
	for (size_t i = 0; i < DEMO_STAFF; i++) {
		const struct demo_staff *st = &demo_staff[i];
		if (auth_user_add(g->db, &cfg, 0, st->login, st->name, st->role, DEMO_PASSWORD, 0) < 0)
			return -1;
		if (db_user_get(g->db, st->login, &u) <= 0)
			return -1;
		*(i == 0 ? &g->uid_admin : &g->uid_clerk) = u.id;
		user_rec_free(&u);
	}
	for (int i = 0; i < DEMO_MEDIATOR_ACCOUNTS; i++) {
		char login[24];
		snprintf(login, sizeof login, "mediator%d", i + 1);
		if (auth_user_add(g->db, &cfg, 0, login, demo_mediators[i].name, "mediator", DEMO_PASSWORD,
				  g->med_db[i]) < 0)
			return -1;
		if (db_user_get(g->db, login, &u) <= 0)
			return -1;
		g->med_uid[i] = u.id;
		user_rec_free(&u);
	}
	return 0;
}

/* A failing manufacturer or builder in the middle of the range. */
static uint32_t find_distressed(struct gen *g)
{
	struct demo_employer e;

	for (uint32_t i = g->nemp / 3; i < g->nemp; i++) {
		demo_employer_make(g->seed, i, g->nemp, &e);
		if (e.uscc[0] && (e.industry == IND_MANUFACTURING || e.industry == IND_CONSTRUCTION))
			return i;
	}
	return g->nemp / 3;
}

static int generate(struct gen *g)
{
	long ndays = g->last_day - g->first + 1, done = 0;
	double *cum = xcalloc((size_t)ndays + 1, sizeof *cum);
	int shown = 0, rc = -1;

	for (long i = 0; i < ndays; i++)
		cum[i + 1] = cum[i] + day_weight(g, g->first + (tj_day)i);
	if (cum[ndays] <= 0) {
		tj_error("期间内没有工作日");
		goto out;
	}
	if (db_begin(g->db) < 0)
		goto out;
	for (long i = 0; i < ndays; i++) {
		tj_day d = g->first + (tj_day)i;
		long lo = (long)(cum[i] / cum[ndays] * (double)g->ncases + 0.5);
		long hi = (long)(cum[i + 1] / cum[ndays] * (double)g->ncases + 0.5);
		long n = hi - lo;
		if (n <= 0)
			continue;
		if (gen_consultations(g, d, (int)(n > 100000 ? 100000 : n)) < 0)
			goto fail;
		/* spread over the opening hours (09:00-12:00, 13:00-16:45),
		 * in case-number order */
		int span = 6 * 3600 + 45 * 60;
		if (d == g->today) {
			int until = mo_secs(g->now) - 300;
			until = until >= 13 * 3600 ? until - 3600 : until > 12 * 3600 ? 12 * 3600 : until;
			if (until - 9 * 3600 < span)
				span = until - 9 * 3600;
		}
		for (long j = 0; j < n; j++) {
			int secs = 9 * 3600 + (int)(((double)j + demo_unit(&g->r)) / (double)n * span);
			if (secs >= 12 * 3600)
				secs += 3600;
			if (gen_case(g, d, mo(d, secs)) < 0)
				goto fail;
			done++;
			if (done % BATCH == 0) {
				if (db_bulk_flush(g->events) < 0 || db_commit(g->db) < 0 || db_begin(g->db) < 0)
					goto fail;
			}
			if (g->opt->progress && done * 10 / g->ncases > shown) {
				shown = (int)(done * 10 / g->ncases);
				g->opt->progress(g->opt->arg, done, g->ncases);
			}
		}
	}
	if (db_bulk_flush(g->events) < 0 || db_commit(g->db) < 0)
		goto fail;
	g->cases_done = done;
	rc = 0;
	goto out;
fail:
	db_rollback(g->db);
out:
	free(cum);
	return rc;
}

/* ---- the generator --------------------------------------------------------------- */

static void summarize(struct gen *g, struct demo_summary *out)
{
	memset(out, 0, sizeof *out);
	out->first = g->first;
	out->last = g->last_day;
	memcpy(out->st_count, g->st_count, sizeof out->st_count);
	memcpy(out->perf_count, g->perf_count, sizeof out->perf_count);
	out->collective = g->ncollective;
	out->persons = g->npersons;
	out->employers = g->nemployers;
	out->sessions = g->nsessions;
	out->consultations = g->nconsult;
	/* the events of a new file have the ids 1..n (AUTOINCREMENT, nothing
	 * deleted): the last id counts them without reading 15 million rows */
	db_bulk_last_event_id(g->db, &out->events);
}

enum demo_result demo_generate(const struct demo_options *o, struct demo_summary *out)
{
	const struct config *cfg = o->cfg;
	long ncases = o->ncases;
	enum demo_result rc = DEMO_ERR;
	struct gen g = {0};

	g.opt = o;
	g.cfg = cfg;
	g.seed = o->seed;
	g.r.s = o->seed;
	g.ncases = ncases;
	g.nrooms = cfg->nrooms > 0 ? cfg->nrooms : 1;
	sb_init(&g.evtext);
	sb_init(&g.svtext);
	holidays_init(&g.hol);
	g.db = db_bulk_open(o->path, cfg->busy_timeout_ms);
	if (!g.db) {
		holidays_free(&g.hol);
		return DEMO_ERR_OPEN;
	}
	g.events = db_bulk_new(g.db);
	if (db_bulk_load_begin(g.db) < 0)
		goto out;
	struct datafile_loaded loaded = {0};
	int data = datafile_setup(g.db, &loaded);
	datafile_loaded_free(&loaded);
	if (data < 0) {
		rc = DEMO_ERR_DATA;
		goto out;
	}
	if (holidays_from_db(g.db, &g.hol) < 0)
		goto out;

	char now[20], nowday[11];
	tj_day today;
	tj_now_str(now);
	memcpy(nowday, now, 10);
	nowday[10] = '\0';
	if (date_parse(nowday, &today) < 0)
		goto out;
	g.today = today;
	g.now = mo(today, ((now[11] - '0') * 10 + (now[12] - '0')) * 3600 +
				  ((now[14] - '0') * 10 + (now[15] - '0')) * 60 + (now[17] - '0') * 10 + (now[18] - '0'));
	g.first = date_add_months(today, -18) + 1;
	g.last_day = mo_secs(g.now) >= 9 * 3600 + 1800 ? today : today - 1;
	g.nemp = (uint32_t)(ncases / 8 > 200 ? ncases / 8 : 200);
	g.emp_db = xcalloc(g.nemp, sizeof *g.emp_db);
	g.distressed = find_distressed(&g);
	g.distress_every = ncases * 75 / 540 / 8;
	g.distress_every = g.distress_every < 1 ? 1 : g.distress_every > 50 ? 50 : g.distress_every;
	g.stuck_every = ncases * 40 / 540 / 3;
	g.stuck_every = g.stuck_every < 1 ? 1 : g.stuck_every > 40 ? 40 : g.stuck_every;
	g.ring = xcalloc(RING, sizeof *g.ring);
	g.apps = xcalloc(INTAKE_MAX_PARTIES, sizeof *g.apps);
	g.occ_first = g.first - 5;
	g.occ_days = (int)(today + 90 - g.occ_first);
	g.occ_room = xcalloc((size_t)g.occ_days * (size_t)g.nrooms, sizeof *g.occ_room);
	g.occ_med = xcalloc((size_t)g.occ_days * DEMO_MEDIATORS, sizeof *g.occ_med);

	/* the search indexes are built once at the end, not row by row */
	if (search_bulk_begin(g.db) < 0 || gen_mediators(&g) < 0 || gen_users(&g) < 0 || generate(&g) < 0 ||
	    search_bulk_end(g.db) < 0)
		goto out;
	if (db_bulk_load_end(g.db) < 0)
		goto out;
	summarize(&g, out);
	rc = DEMO_OK;
out:
	db_close(g.db);
	holidays_free(&g.hol);
	db_bulk_free(g.events);
	free(g.emp_db);
	free(g.ring);
	free(g.apps);
	free(g.occ_room);
	free(g.occ_med);
	free(g.ids.v);
	sb_free(&g.evtext);
	sb_free(&g.svtext);
	sb_free(&g.trtext);
	free(g.trail);
	return rc;
}
