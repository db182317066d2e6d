/*
 * demo.h - the demo generator behind `tiaojie demo` (src/demo): a new
 * database full of realistic synthetic data.
 *
 * demo_generate (src/demo/generate.c) makes the file: it runs the cases
 * through their lifecycle and writes them through the db layer, loading
 * through its bulk functions (bulk.h).  The command (src/cli/demo.c) reads
 * the options, calls it and prints what it made.
 *
 * The rest is the synthetic data (src/demo/data.c): a small deterministic
 * random generator and the tables and text builders that make people,
 * employers, claims and facts look like the real counter desk's.  It is
 * pure: it draws from the generator it is given and writes into the
 * caller's buffers, so the same seed gives the same data.
 */
#ifndef TIAOJIE_DEMO_H
#define TIAOJIE_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "tiaojie/calendar.h"
#include "tiaojie/config.h"
#include "tiaojie/lifecycle.h"

/* ---- random numbers: splitmix64 ------------------------------------------ */

struct demo_rng {
	uint64_t s;
};

static inline uint64_t demo_next(struct demo_rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* Uniform in [0, n); n > 0. */
static inline uint32_t demo_below(struct demo_rng *r, uint32_t n)
{
	return (uint32_t)(((demo_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in [lo, hi], both included. */
static inline int demo_range(struct demo_rng *r, int lo, int hi)
{
	return lo + (int)demo_below(r, (uint32_t)(hi - lo + 1));
}

/* Uniform in [0, 1). */
static inline double demo_unit(struct demo_rng *r)
{
	return (double)(demo_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static inline int demo_chance(struct demo_rng *r, double p)
{
	return demo_unit(r) < p;
}

/* A generator of its own for (seed, a, b): employers and other things that
 * must come out the same whenever they are asked for. */
struct demo_rng demo_rng_for(uint64_t seed, uint64_t a, uint64_t b);

/* ---- people ----------------------------------------------------------------- */

struct demo_person {
	char id_type[12];     /* validate keyword: id, passport, hkmo, tw, residence */
	char id_no[24];       /* normalised */
	char name[64];
	char gender[2];       /* "M", "F", or "" when the document does not say */
	char birth[11];       /* "YYYY-MM-DD", or "" */
	char nationality[24];
	char household[8];    /* 户籍类型 "urban" or "rural" (demo_household); "" for those not from the mainland */
	char occupation[64];  /* 职业/岗位, set by the caller from the case (demo_job) */
	char phone[12];
	char address[192];
	int male;
	int64_t db_id;        /* filled by the caller once stored */
};

/* A worker aged 18-57 on the day received: 95% 居民身份证, 2% 护照, 1% each
 * 港澳通行证, 台湾通行证, 港澳台居民居住证.  Every one has a sex and a birth
 * date: those of a mainland identity number or residence permit are in the
 * number; a passport, 港澳 or 台湾 pass does not carry them, and the
 * worker gives them at the window. */
void demo_person_make(struct demo_rng *r, tj_day received, struct demo_person *p);
/* The household registration (户籍类型) of a mainland worker (居民身份证):
 * from outside Shanghai mostly rural (农民工), from Shanghai mostly urban;
 * none for the others. */
void demo_household(struct demo_rng *r, struct demo_person *p);
/* A Chinese name ("王芳", "欧阳" not included) of the given sex. */
void demo_name(struct demo_rng *r, int male, char *out, size_t outlen);
/* An 11-digit mobile number. */
void demo_mobile(struct demo_rng *r, char out[12]);

/* ---- agents ------------------------------------------------------------------- */

/* An agent (委托代理人) as the power of attorney names them. */
struct demo_agent {
	const char *kind;      /* lawyer, legal-worker, relative, union, staff, other */
	char name[64];
	char org[192];         /* "" for a relative */
	char phone[24];
	int special;           /* 特别授权 (else 一般授权) */
	const char *authority; /* "special" or "general" */
	const char *scope;     /* what a special authority covers; "" for a general one */
};

/* The agents of a party: none, one or (now and then) two colleagues.  A
 * worker (respondent 0) brings one in about a quarter of the cases, mostly
 * a lawyer, else a legal service worker, a relative, the union; a company
 * in more than half, mostly its own staff (employer: its name), else a
 * lawyer; an individual employer now and then.  Returns how many. */
int demo_agents(struct demo_rng *r, int respondent, int individual, const char *employer, struct demo_agent out[2]);

/* ---- employers -------------------------------------------------------------- */

enum demo_industry {
	IND_MANUFACTURING = 0,
	IND_CONSTRUCTION,
	IND_RETAIL,
	IND_CATERING,
	IND_LOGISTICS,
	IND_IT,
	IND_RESIDENT_SERVICES,
	IND_BUSINESS_SERVICES,
	IND_EDUCATION,
	IND_REAL_ESTATE,
	IND_CULTURE,
	IND_HEALTH,
	IND_COUNT
};

struct demo_employer {
	char uscc[19];        /* "" for a small shop without one */
	char name[160];
	char legal_rep[32];
	char legal_rep_title[32]; /* 执行董事, 总经理 ...; 负责人 or 经营者 of a small shop */
	char address[192];
	char phone[24];
	const char *district;
	enum demo_industry industry;
	const char *industry_name;
	int dispatch;         /* a labour-dispatch (劳务派遣) company */
};

/* Employer number idx of nemployers (0 <= idx < nemployers), always the
 * same for the same seed.  Names and credit codes are distinct for
 * distinct idx (up to ~190,000 employers); about 12 small shops have no
 * credit code. */
void demo_employer_make(uint64_t seed, uint32_t idx, uint32_t nemployers, struct demo_employer *e);

/* ---- claims and facts ------------------------------------------------------ */

#define DEMO_MAX_CLAIMS 6

struct demo_claim {
	char cause[5];
	char text[512];
	int64_t amount_fen;
};

struct demo_text {
	char facts[4096];
	int nclaims;
	struct demo_claim claims[DEMO_MAX_CLAIMS];
	const char *job;      /* the (first) applicant's job in the story */
};

/* The kind of dispute, which decides the claims and the story. */
int demo_scenario_pick(struct demo_rng *r, int collective);
int demo_scenario_dispatch(int scenario); /* needs a second respondent */

/* Facts and 1-4 claims (standard wording, amounts in fen) for a case of
 * scenario received on the day given, against e (and the dispatching
 * company e2 for dispatch cases), with napp applicants. */
void demo_case_text(struct demo_rng *r, int scenario, tj_day received, const struct demo_employer *e,
		    const struct demo_employer *e2, int napp, struct demo_text *out);

/* A job of the industry: front_line, one of those a group of workers does
 * (the first three of the industry's). */
const char *demo_job(struct demo_rng *r, enum demo_industry ind, int front_line);

/* ---- evidence ----------------------------------------------------------------- */

#define DEMO_MAX_EVIDENCE 6

/* An item of a case's evidence list (证据清单), as the window takes it. */
struct demo_evidence {
	const char *name, *source, *purpose;
	int pages, original;
	int respondent;       /* submitted by the respondent, not the applicant */
};

/* The evidence of a case of scenario: napp items of the applicant's (1 to
 * DEMO_MAX_EVIDENCE, the most telling first) and nresp of the respondent's
 * after them, at most DEMO_MAX_EVIDENCE in all.  Returns how many. */
int demo_evidence_list(struct demo_rng *r, int scenario, int napp, int nresp, struct demo_evidence *out);

/* ---- words for the lifecycle ------------------------------------------------ */

const char *demo_reject_reason(struct demo_rng *r);
const char *demo_fail_reason(struct demo_rng *r);
const char *demo_withdraw_reason(struct demo_rng *r);
/* A note for a held session: the last one says how it ended. */
enum demo_note { NOTE_ONGOING, NOTE_AGREED, NOTE_FAILED, NOTE_WITHDRAWN };
const char *demo_session_note(struct demo_rng *r, enum demo_note kind);
/* A walk-in consultation: its cause (second level, may be NULL) and note. */
void demo_consultation(struct demo_rng *r, const char **cause, const char **note);

/* ---- the mediator roster ---------------------------------------------------- */

#define DEMO_MEDIATORS 25

struct demo_mediator {
	const char *name;
	const char *side;        /* union, employer, hrss, expert */
	const char *expert_kind; /* teacher, court, lawyer, other; NULL unless expert */
	const char *affiliation;
	const char *phone;
	int capacity;
	int active;
	const char *specialties[4]; /* second-level cause codes, NULL-terminated when fewer */
};

extern const struct demo_mediator demo_mediators[DEMO_MEDIATORS];

/* ---- the generator ---------------------------------------------------------- */

/* The password of every demo account. */
#define DEMO_PASSWORD "demo1234"
/* Accounts mediator1..mediatorN for the first N of the roster. */
#define DEMO_MEDIATOR_ACCOUNTS 5

/* The staff accounts besides the mediators': admin and clerk. */
#define DEMO_STAFF 2
struct demo_staff {
	const char *login, *name, *role;
};
extern const struct demo_staff demo_staff[DEMO_STAFF];

struct demo_options {
	const char *path;         /* the file to create; must not exist */
	const struct config *cfg;
	long ncases;              /* >= 1 */
	uint64_t seed;
	/* called (when set) each time another tenth of the cases is made */
	void (*progress)(void *arg, long done, long total);
	void *arg;
};

/* What demo_generate made. */
struct demo_summary {
	tj_day first, last;       /* cases were received first..last */
	long st_count[ST_COUNT];  /* cases by status */
	long perf_count[4];       /* agreed cases by enum performance */
	long collective, persons, employers, sessions, consultations;
	int64_t events;
};

enum demo_result {
	DEMO_OK = 0,
	DEMO_ERR_OPEN,    /* the file could not be created (nothing to remove) */
	DEMO_ERR_DATA,    /* the reference data could not be loaded */
	DEMO_ERR,         /* the generation failed */
};

/* Create the demo database at o->path.  After a failure the error is set
 * and the file, if created, is closed but left for the caller to
 * remove. */
enum demo_result demo_generate(const struct demo_options *o, struct demo_summary *out);

#endif
