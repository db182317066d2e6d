-- 007_party_roles.sql - who the parties of a case are to each other
-- (applied on top of 006_import.sql; PRAGMA user_version = 7 after it).
--
-- A case has one or more applicants and one or more respondents.  A
-- respondent is not always the worker's employer: in 劳务派遣 the 用工单位
-- answers with the 用人单位 (劳动合同法 §92), a 发包方 with the individual
-- it contracted to (§94), and the employer may be a natural person (个人,
-- with an identity document).  Each party may act through agents
-- (委托代理人), with a general or a special authority (特别授权, whose scope
-- is written down).  In a collective dispute the workers elect 2 to 5
-- representatives (调解仲裁法 §7).  A claim is against one respondent, some
-- or all of them, and may ask them to answer jointly (连带); in a
-- collective case each worker may have an amount of his own per claim.
--
-- case_parties is rebuilt: its CHECK tied every respondent to the employer
-- archive, and SQLite cannot change a CHECK in place.  Every row is copied
-- with its case's own particulars (004).  An individual employer is a
-- natural person: it lives in the worker archive (P档, keyed by document,
-- person_id) and its snapshot in the person columns.
--
-- kind: the respondent's kind - 'employer' 用人单位, 'host' 用工单位,
-- 'individual' 个人, 'contractor' 发包方, 'other' 其他; NULL for
-- applicants.  A respondent with kind NULL is a 用人单位 as well: rows
-- written before this migration get 'employer', but a writer that does not
-- know the column (the benchmark's fixture) still makes a valid row.
-- representative: an applicant elected to represent a collective dispute.
CREATE TABLE case_parties_007 (
	case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	role        TEXT NOT NULL CHECK (role IN ('applicant', 'respondent')),
	ord         INTEGER NOT NULL,
	person_id   INTEGER REFERENCES persons(id),
	employer_id INTEGER REFERENCES employers(id),
	name        TEXT,
	id_type     TEXT,
	id_no       TEXT,
	gender      TEXT CHECK (gender IN ('M', 'F')),
	birth_date  TEXT,
	nationality TEXT,
	household   TEXT CHECK (household IN ('urban', 'rural')),
	occupation  TEXT,
	phone       TEXT,
	address     TEXT,
	uscc        TEXT,
	legal_rep   TEXT,
	legal_rep_title TEXT,
	kind        TEXT CHECK (kind IN ('employer', 'host', 'individual', 'contractor', 'other')),
	representative INTEGER NOT NULL DEFAULT 0 CHECK (representative IN (0, 1)),
	PRIMARY KEY (case_id, role, ord),
	CHECK ((role = 'applicant' AND kind IS NULL AND person_id IS NOT NULL AND employer_id IS NULL) OR
	       (role = 'respondent' AND representative = 0 AND
	        CASE WHEN kind = 'individual' THEN person_id IS NOT NULL AND employer_id IS NULL
	             ELSE employer_id IS NOT NULL AND person_id IS NULL END))
) STRICT, WITHOUT ROWID;

INSERT INTO case_parties_007(case_id, role, ord, person_id, employer_id, name, id_type, id_no, gender,
                             birth_date, nationality, household, occupation, phone, address, uscc,
                             legal_rep, legal_rep_title, kind, representative)
	SELECT case_id, role, ord, person_id, employer_id, name, id_type, id_no, gender, birth_date,
	       nationality, household, occupation, phone, address, uscc, legal_rep, legal_rep_title,
	       CASE role WHEN 'respondent' THEN 'employer' END, 0
	FROM case_parties ORDER BY case_id, role, ord;
DROP TABLE case_parties;
ALTER TABLE case_parties_007 RENAME TO case_parties;
CREATE INDEX case_parties_person ON case_parties(person_id) WHERE person_id IS NOT NULL;
CREATE INDEX case_parties_employer ON case_parties(employer_id) WHERE employer_id IS NOT NULL;

-- Agents (委托代理人) of a party, numbered within it: the case's own, as
-- the power of attorney (授权委托书) gave them - no archive.  kind: 'lawyer'
-- 律师, 'legal-worker' 基层法律服务工作者, 'relative' 近亲属, 'union' 工会,
-- 'staff' 用人单位工作人员, 'other' 其他; authority 'general' 一般授权 or
-- 'special' 特别授权, which must say what it covers (scope).  phone
-- normalised, '' when not given.
CREATE TABLE case_agents (
	case_id   INTEGER NOT NULL,
	role      TEXT NOT NULL CHECK (role IN ('applicant', 'respondent')),
	party_ord INTEGER NOT NULL,
	ord       INTEGER NOT NULL CHECK (ord >= 1),
	name      TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
	kind      TEXT NOT NULL CHECK (kind IN ('lawyer', 'legal-worker', 'relative', 'union', 'staff', 'other')),
	org       TEXT NOT NULL DEFAULT '' CHECK (length(org) <= 100),
	phone     TEXT NOT NULL DEFAULT '',
	authority TEXT NOT NULL CHECK (authority IN ('general', 'special')),
	scope     TEXT NOT NULL DEFAULT '' CHECK (length(scope) <= 300),
	PRIMARY KEY (case_id, role, party_ord, ord),
	FOREIGN KEY (case_id, role, party_ord) REFERENCES case_parties(case_id, role, ord) ON DELETE CASCADE,
	CHECK (authority = 'general' OR length(scope) >= 1)
) STRICT, WITHOUT ROWID;

-- A claim's respondents: their numbers in the case, comma separated
-- ("1,2"); NULL: all of them (every claim before this migration).  joint:
-- they are to answer jointly (连带).
ALTER TABLE claims ADD COLUMN against TEXT CHECK (against IS NULL OR (against <> '' AND against NOT GLOB '*[^0-9,]*'));
ALTER TABLE claims ADD COLUMN joint INTEGER NOT NULL DEFAULT 0 CHECK (joint IN (0, 1));

-- Each worker's own amount of a claim (by the applicant's number in the
-- case); when a claim has them, its amount_fen is their total.
CREATE TABLE claim_shares (
	claim_id   INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
	applicant  INTEGER NOT NULL CHECK (applicant >= 1),
	amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
	PRIMARY KEY (claim_id, applicant)
) STRICT, WITHOUT ROWID;
