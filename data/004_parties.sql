-- 004_parties.sql - a case keeps its parties as they stood in its
-- application (applied on top of 003_claims.sql; PRAGMA user_version = 4
-- after it).
--
-- The worker (P档) and employer (C档) archives hold the latest known
-- particulars, collected once and offered again at the next application.
-- A case must not change when the archive does: what a worker gave as his
-- name, phone or address in March is what the March case, its documents
-- and its statistics say, whatever he gives in November.  So each party of
-- a case carries its own copy of the particulars, written when the case is
-- registered (and again when the application is corrected); the archive
-- row stays the link between cases of the same person or employer.
--
-- Persons gain 户籍类型 (urban / rural: the statistics count 农民工) and
-- 职业/岗位 (调解仲裁法 §28 asks for it in an application for
-- arbitration); employers the position of their legal representative.

ALTER TABLE persons ADD COLUMN household TEXT CHECK (household IN ('urban', 'rural'));
ALTER TABLE persons ADD COLUMN occupation TEXT NOT NULL DEFAULT '' CHECK (length(occupation) <= 50);
ALTER TABLE employers ADD COLUMN legal_rep_title TEXT NOT NULL DEFAULT '' CHECK (length(legal_rep_title) <= 30);

-- The particulars of the party in this case.  Persons: name, id_type,
-- id_no, gender, birth_date, nationality, household, occupation, phone,
-- address.  Employers: name, uscc, legal_rep, legal_rep_title, address,
-- phone.  NULL only in rows written before this migration ran, which the
-- UPDATEs below fill.
ALTER TABLE case_parties ADD COLUMN name TEXT;
ALTER TABLE case_parties ADD COLUMN id_type TEXT;
ALTER TABLE case_parties ADD COLUMN id_no TEXT;
ALTER TABLE case_parties ADD COLUMN gender TEXT CHECK (gender IN ('M', 'F'));
ALTER TABLE case_parties ADD COLUMN birth_date TEXT;
ALTER TABLE case_parties ADD COLUMN nationality TEXT;
ALTER TABLE case_parties ADD COLUMN household TEXT CHECK (household IN ('urban', 'rural'));
ALTER TABLE case_parties ADD COLUMN occupation TEXT;
ALTER TABLE case_parties ADD COLUMN phone TEXT;
ALTER TABLE case_parties ADD COLUMN address TEXT;
ALTER TABLE case_parties ADD COLUMN uscc TEXT;
ALTER TABLE case_parties ADD COLUMN legal_rep TEXT;
ALTER TABLE case_parties ADD COLUMN legal_rep_title TEXT;

-- Existing cases: their snapshot from today's archive, once.
UPDATE case_parties SET (name, id_type, id_no, gender, birth_date, nationality, household, occupation,
                         phone, address) =
	(SELECT p.name, p.id_type, p.id_no, p.gender, p.birth_date, p.nationality, p.household,
	        p.occupation, p.phone, p.address FROM persons p WHERE p.id = case_parties.person_id)
WHERE person_id IS NOT NULL;
UPDATE case_parties SET (name, uscc, legal_rep, legal_rep_title, phone, address) =
	(SELECT e.name, e.uscc, e.legal_rep, e.legal_rep_title, e.phone, e.address
	 FROM employers e WHERE e.id = case_parties.employer_id)
WHERE employer_id IS NOT NULL;
