-- 010_service.sql - the paperwork that leaves the window and its service
-- (送达), applied on top of 009_claim_waived.sql; PRAGMA user_version = 10
-- after it.
--
-- documents is rebuilt: its CHECK named the four kinds of the first
-- release, and SQLite cannot change a CHECK in place.  Every row is copied
-- with its id.  New columns:
--   session_id    the session a 调解通知书 is for;
--   of_document   the document a 送达回证 certifies;
--   enquiry_hash  a 收件回执's enquiry code (查询码), hashed as passwords
--                 are (yescrypt): the code itself is printed once, on the
--                 receipt, and kept nowhere.
CREATE TABLE documents_010 (
	id           INTEGER PRIMARY KEY,
	case_id      INTEGER NOT NULL REFERENCES cases(id),
	kind         TEXT NOT NULL CHECK (kind IN ('application', 'agreement', 'termination', 'arbitration',
	                                           'receipt', 'acceptance', 'rejection', 'session', 'service',
	                                           'evidence', 'record')),
	issued_at    TEXT NOT NULL,
	user_id      INTEGER REFERENCES users(id),
	file         TEXT NOT NULL DEFAULT '',
	session_id   INTEGER REFERENCES sessions(id),
	of_document  INTEGER REFERENCES documents_010(id),
	enquiry_hash TEXT
) STRICT;
INSERT INTO documents_010(id, case_id, kind, issued_at, user_id, file)
	SELECT id, case_id, kind, issued_at, user_id, file FROM documents ORDER BY id;
DROP TABLE documents;
ALTER TABLE documents_010 RENAME TO documents;
CREATE INDEX documents_case ON documents(case_id);

-- Service (送达) of a document on a party: one row per document and party
-- it is addressed to, made when the document is issued (served_on NULL:
-- not yet served - the work desk's 待送达 queue), completed when the
-- service is recorded.  The party is named by its place in the case
-- (role, ord) and by the name it had then.  method: 'direct' 直接送达,
-- 'post' 邮寄送达 (with the tracking number), 'electronic' 电子送达 (only
-- with the party's consent on file, case_parties.e_consent), 'lodged'
-- 留置送达, 'public' 公告送达.  signed_by: who signed for it (the party,
-- an agent, an adult family member, or the witnesses of a lodged service).
CREATE TABLE services (
	id          INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES documents(id),
	case_id     INTEGER NOT NULL REFERENCES cases(id),
	role        TEXT NOT NULL CHECK (role IN ('applicant', 'respondent')),
	ord         INTEGER NOT NULL CHECK (ord >= 1),
	name        TEXT NOT NULL,
	method      TEXT CHECK (method IN ('direct', 'post', 'electronic', 'lodged', 'public')),
	tracking    TEXT NOT NULL DEFAULT '' CHECK (length(tracking) <= 40),
	served_on   TEXT CHECK (served_on IS NULL OR length(served_on) = 10),
	signed_by   TEXT NOT NULL DEFAULT '' CHECK (length(signed_by) <= 100),
	recorded_at TEXT,
	user_id     INTEGER REFERENCES users(id),
	UNIQUE (document_id, role, ord),
	CHECK ((method IS NULL) = (served_on IS NULL)),
	CHECK (method IS NOT 'post' OR length(tracking) >= 1)
) STRICT;
CREATE INDEX services_case ON services(case_id);
CREATE INDEX services_pending ON services(case_id) WHERE served_on IS NULL;

-- A party's written consent to electronic service (调解仲裁法 and the
-- 办案规则 allow it only with consent): the day it was given, NULL none.
ALTER TABLE case_parties ADD COLUMN e_consent TEXT CHECK (e_consent IS NULL OR length(e_consent) = 10);
