-- 005_evidence.sql - the evidence list of a case (证据清单), applied on top
-- of 004_parties.sql; PRAGMA user_version = 5 after it.
--
-- Each item as the window takes it in: its name, where it comes from, what
-- it is to prove (证明目的), how many pages, original or copy, which side
-- submitted it and on which day.  Items are numbered within their case in
-- the order they were received.  A removed item stays, marked removed_at,
-- so its number is never used again: a number on a receipt or a list
-- already printed never comes to mean another item.
CREATE TABLE evidence (
	id        INTEGER PRIMARY KEY,
	case_id   INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	ord       INTEGER NOT NULL CHECK (ord >= 1),
	name      TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	source    TEXT NOT NULL DEFAULT '' CHECK (length(source) <= 100),
	purpose   TEXT NOT NULL DEFAULT '' CHECK (length(purpose) <= 300),
	pages     INTEGER NOT NULL DEFAULT 1 CHECK (pages BETWEEN 1 AND 9999),
	original  INTEGER NOT NULL DEFAULT 0 CHECK (original IN (0, 1)),
	party     TEXT NOT NULL CHECK (party IN ('applicant', 'respondent')),
	submitted TEXT NOT NULL CHECK (length(submitted) = 10),
	removed_at TEXT,
	UNIQUE (case_id, ord)
) STRICT;
