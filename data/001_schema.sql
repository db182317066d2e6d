-- 001_schema.sql - the first schema of the tiaojie database.
--
-- Applied by `tiaojie init` (and by any program start on an older file) in
-- one transaction, after which PRAGMA user_version = 1.  Later changes go in
-- new numbered files; never edit a migration that has shipped.
--
-- Conventions: STRICT tables; dates 'YYYY-MM-DD', times
-- 'YYYY-MM-DD HH:MM:SS' in local court time; money in integer fen; status
-- and kind columns hold the English keywords of SPEC section 3, the screens
-- translate them.

-- Causes (案由): 17 first-level, 65 second-level by default (data/causes.tsv).
CREATE TABLE causes (
	code       TEXT PRIMARY KEY CHECK (length(code) IN (2, 4)),
	parent     TEXT REFERENCES causes(code),
	name       TEXT NOT NULL,
	abbr       TEXT NOT NULL,
	stat_group TEXT NOT NULL,
	ord        INTEGER NOT NULL,
	CHECK ((length(code) = 2 AND parent IS NULL) OR
	       (length(code) = 4 AND parent = substr(code, 1, 2)))
) STRICT;

-- Holiday calendar (data/holidays.tsv): rest days and worked weekend days.
CREATE TABLE holidays (
	day  TEXT PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('off', 'work')),
	name TEXT NOT NULL DEFAULT ''
) STRICT;

-- Worker archive (P档): one row per natural person, keyed by document.
CREATE TABLE persons (
	id          INTEGER PRIMARY KEY,
	id_type     TEXT NOT NULL CHECK (id_type IN ('id', 'residence', 'foreign-pr', 'hkmo',
	                                             'tw', 'passport', 'other')),
	id_no       TEXT NOT NULL,
	name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
	gender      TEXT CHECK (gender IN ('M', 'F')),
	birth_date  TEXT,
	nationality TEXT NOT NULL DEFAULT '中国',
	phone       TEXT NOT NULL DEFAULT '',
	address     TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	UNIQUE (id_type, id_no)
) STRICT;
CREATE INDEX persons_id_no ON persons(id_no);
CREATE INDEX persons_name ON persons(name);
CREATE INDEX persons_phone ON persons(phone);

-- Employer archive (C档): keyed by 统一社会信用代码 when there is one, else
-- by exact name.
CREATE TABLE employers (
	id         INTEGER PRIMARY KEY,
	uscc       TEXT UNIQUE CHECK (uscc IS NULL OR length(uscc) = 18),
	name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	legal_rep  TEXT NOT NULL DEFAULT '',
	address    TEXT NOT NULL DEFAULT '',
	phone      TEXT NOT NULL DEFAULT '',
	district   TEXT NOT NULL DEFAULT '',
	industry   TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX employers_name_nocode ON employers(name) WHERE uscc IS NULL;
CREATE INDEX employers_name ON employers(name);
CREATE INDEX employers_phone ON employers(phone);

-- The tripartite roster of mediators.
CREATE TABLE mediators (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	side        TEXT NOT NULL CHECK (side IN ('union', 'employer', 'hrss', 'expert')),
	expert_kind TEXT CHECK (expert_kind IN ('teacher', 'court', 'lawyer', 'other')),
	affiliation TEXT NOT NULL DEFAULT '',
	affiliation_uscc TEXT,
	phone       TEXT NOT NULL DEFAULT '',
	capacity    INTEGER NOT NULL DEFAULT 20 CHECK (capacity BETWEEN 0 AND 1000),
	active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at  TEXT NOT NULL,
	CHECK ((side = 'expert') = (expert_kind IS NOT NULL))
) STRICT;

CREATE TABLE mediator_specialties (
	mediator_id INTEGER NOT NULL REFERENCES mediators(id) ON DELETE CASCADE,
	cause       TEXT NOT NULL REFERENCES causes(code),
	PRIMARY KEY (mediator_id, cause)
) STRICT, WITHOUT ROWID;

-- Accounts.  pw_hash is a yescrypt hash ($y$...) from libxcrypt.
CREATE TABLE users (
	id           INTEGER PRIMARY KEY,
	login        TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 1 AND 32),
	display_name TEXT NOT NULL,
	role         TEXT NOT NULL CHECK (role IN ('clerk', 'mediator', 'admin')),
	mediator_id  INTEGER REFERENCES mediators(id),
	pw_hash      TEXT NOT NULL,
	failed       INTEGER NOT NULL DEFAULT 0,
	locked       INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
	disabled     INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	created_at   TEXT NOT NULL,
	last_login   TEXT
) STRICT;

-- Case numbers: the last sequence number used per year, bumped inside the
-- transaction that inserts the case, so numbers are never reused.
CREATE TABLE case_seq (
	year INTEGER PRIMARY KEY,
	last INTEGER NOT NULL
) STRICT;

-- Case archive (A档).
CREATE TABLE cases (
	id            INTEGER PRIMARY KEY,
	case_no       TEXT NOT NULL UNIQUE,
	year          INTEGER NOT NULL,
	seq           INTEGER NOT NULL,
	channel       TEXT NOT NULL CHECK (channel IN ('window', 'online', 'phone', 'letter', 'other')),
	received      TEXT NOT NULL,
	facts         TEXT NOT NULL DEFAULT '',
	status        TEXT NOT NULL CHECK (status IN ('registered', 'confirmed', 'accepted', 'rejected',
	                                              'assigned', 'mediating', 'agreed', 'failed',
	                                              'withdrawn', 'referred')),
	performance   TEXT CHECK (performance IN ('pending', 'performed', 'defaulted')),
	collective    INTEGER NOT NULL DEFAULT 0 CHECK (collective IN (0, 1)),
	mediator_id   INTEGER REFERENCES mediators(id),
	confirm_how   TEXT CHECK (confirm_how IN ('phone', 'onsite', 'wechat', 'sms')),
	confirmed_at  TEXT,
	accepted_at   TEXT,
	deadline      TEXT,
	extended      INTEGER NOT NULL DEFAULT 0 CHECK (extended IN (0, 1)),
	closed_at     TEXT,
	reason        TEXT NOT NULL DEFAULT '',
	last_event_at TEXT NOT NULL,
	created_by    INTEGER REFERENCES users(id),
	version       INTEGER NOT NULL DEFAULT 1,
	updated_at    TEXT NOT NULL,
	updated_by    INTEGER REFERENCES users(id),
	UNIQUE (year, seq),
	CHECK ((status = 'agreed') = (performance IS NOT NULL))
) STRICT;
CREATE INDEX cases_status_deadline ON cases(status, deadline);
CREATE INDEX cases_mediator_status ON cases(mediator_id, status);
CREATE INDEX cases_received ON cases(received);
CREATE INDEX cases_last_event ON cases(status, last_event_at);

-- Parties: one or more applicants (persons), one or more respondents
-- (employers).  A collective dispute has ten or more applicants.
CREATE TABLE case_parties (
	case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	role        TEXT NOT NULL CHECK (role IN ('applicant', 'respondent')),
	ord         INTEGER NOT NULL,
	person_id   INTEGER REFERENCES persons(id),
	employer_id INTEGER REFERENCES employers(id),
	PRIMARY KEY (case_id, role, ord),
	CHECK ((role = 'applicant' AND person_id IS NOT NULL AND employer_id IS NULL) OR
	       (role = 'respondent' AND employer_id IS NOT NULL AND person_id IS NULL))
) STRICT, WITHOUT ROWID;
CREATE INDEX case_parties_person ON case_parties(person_id) WHERE person_id IS NOT NULL;
CREATE INDEX case_parties_employer ON case_parties(employer_id) WHERE employer_id IS NOT NULL;

-- Claims (请求事项), amounts in fen.
CREATE TABLE claims (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	ord        INTEGER NOT NULL,
	cause      TEXT NOT NULL REFERENCES causes(code) CHECK (length(cause) = 4),
	text       TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
	amount_fen INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
	agreed_fen INTEGER CHECK (agreed_fen >= 0),
	pay_date   TEXT,
	UNIQUE (case_id, ord)
) STRICT;
CREATE INDEX claims_cause ON claims(cause);

-- Mediation sessions.
CREATE TABLE sessions (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES cases(id),
	mediator_id INTEGER NOT NULL REFERENCES mediators(id),
	day         TEXT NOT NULL,
	start       TEXT NOT NULL CHECK (length(start) = 5),
	minutes     INTEGER NOT NULL CHECK (minutes BETWEEN 10 AND 600),
	room        TEXT NOT NULL,
	status      TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'held', 'cancelled')),
	note        TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_case ON sessions(case_id);
CREATE INDEX sessions_mediator_day ON sessions(mediator_id, day);
CREATE INDEX sessions_room_day ON sessions(room, day);

-- Documents issued for a case.
CREATE TABLE documents (
	id        INTEGER PRIMARY KEY,
	case_id   INTEGER NOT NULL REFERENCES cases(id),
	kind      TEXT NOT NULL CHECK (kind IN ('application', 'agreement', 'termination', 'arbitration')),
	issued_at TEXT NOT NULL,
	user_id   INTEGER REFERENCES users(id),
	file      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX documents_case ON documents(case_id);

-- Walk-in consultations that do not become a case.
CREATE TABLE consultations (
	id       INTEGER PRIMARY KEY,
	at       TEXT NOT NULL,
	cause    TEXT REFERENCES causes(code),
	note     TEXT NOT NULL DEFAULT '',
	phone    TEXT NOT NULL DEFAULT '',
	clerk_id INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX consultations_at ON consultations(at);

-- Forms interrupted by a dropped connection or a crash, offered back at the
-- user's next login.
CREATE TABLE drafts (
	id       INTEGER PRIMARY KEY,
	user_id  INTEGER NOT NULL REFERENCES users(id),
	kind     TEXT NOT NULL,
	body     TEXT NOT NULL,
	saved_at TEXT NOT NULL
) STRICT;
CREATE INDEX drafts_user ON drafts(user_id);

-- The event log (操作记录, 全程留痕): append-only.  AUTOINCREMENT so an id is
-- never reused; a gap in the ids means a row was removed, which
-- `tiaojie check` reports.
CREATE TABLE events (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	at        TEXT NOT NULL,
	user_id   INTEGER REFERENCES users(id),
	case_id   INTEGER REFERENCES cases(id),
	entity    TEXT NOT NULL CHECK (entity IN ('case', 'person', 'employer', 'mediator', 'user',
	                                          'session', 'system')),
	entity_id INTEGER,
	action    TEXT NOT NULL,
	before    TEXT NOT NULL DEFAULT '',
	after     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX events_case ON events(case_id, id) WHERE case_id IS NOT NULL;
CREATE INDEX events_entity ON events(entity, entity_id);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
	SELECT RAISE(ABORT, '操作记录只能追加，不能修改');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
	SELECT RAISE(ABORT, '操作记录只能追加，不能删除');
END;
