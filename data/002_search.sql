-- 002_search.sql - finding cases among a million (applied on top of
-- 001_schema.sql; PRAGMA user_version = 2 after it).
--
-- At a million cases every search, list page and work-desk count must read
-- a handful of index pages, never a table: the server's disk is slow and
-- what is not read often does not stay in memory.  So:
--
--   * names (persons, employers) and case numbers by any part of three
--     characters or more: trigram full-text indexes over the columns
--     (external content: the text stays where it is);
--   * names by a part of two characters: search_grams, every pair of
--     adjacent characters of every name (ASCII letters in lower case, as
--     LIKE compares them); one character is still a scan;
--   * phone numbers by their last digits (尾号): an index on the last
--     eight characters reversed, so the ending is a range of the index;
--   * the counts of the work desk: search_counts (cases by status and
--     mediator) and search_followups (agreed cases awaiting performance,
--     with their first payment date);
--   * list pages in the order they are shown: indexes that hold the whole
--     sort key after the filter, so a page is read, not sorted;
--   * and no index entries nobody reads: the events of a case leave
--     events_entity (events_case finds them).
--
-- The derived tables are kept by the triggers below, in the transaction
-- that changes the rows they derive from; src/db/search.c reads them.

-- ---- names and case numbers by any part ----------------------------------

-- columnsize = 0: no ranking, so no table of document sizes to write.
-- Each index is built in one piece ('optimize'): a save then only adds
-- small pieces that merge with each other, never with the big one.
CREATE VIRTUAL TABLE persons_fts USING fts5(name, content = 'persons', content_rowid = 'id',
                                            tokenize = 'trigram', columnsize = 0);
CREATE VIRTUAL TABLE employers_fts USING fts5(name, content = 'employers', content_rowid = 'id',
                                              tokenize = 'trigram', columnsize = 0);
CREATE VIRTUAL TABLE cases_fts USING fts5(case_no, content = 'cases', content_rowid = 'id',
                                          tokenize = 'trigram', columnsize = 0);
INSERT INTO persons_fts(persons_fts) VALUES ('rebuild');
INSERT INTO persons_fts(persons_fts) VALUES ('optimize');
INSERT INTO employers_fts(employers_fts) VALUES ('rebuild');
INSERT INTO employers_fts(employers_fts) VALUES ('optimize');
INSERT INTO cases_fts(cases_fts) VALUES ('rebuild');
INSERT INTO cases_fts(cases_fts) VALUES ('optimize');

-- Character positions 1..100 (the longest name), for the triggers that cut
-- names into pairs.
CREATE TABLE search_k (k INTEGER PRIMARY KEY) STRICT;
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 100)
INSERT INTO search_k(k) SELECT k FROM n;

-- kind 0: persons.id, kind 1: employers.id.
CREATE TABLE search_grams (
	gram TEXT NOT NULL,
	kind INTEGER NOT NULL CHECK (kind IN (0, 1)),
	id   INTEGER NOT NULL,
	PRIMARY KEY (gram, kind, id)
) STRICT, WITHOUT ROWID;
INSERT OR IGNORE INTO search_grams(gram, kind, id)
	SELECT lower(substr(p.name, s.k, 2)), 0, p.id FROM persons p JOIN search_k s ON s.k < length(p.name);
INSERT OR IGNORE INTO search_grams(gram, kind, id)
	SELECT lower(substr(e.name, s.k, 2)), 1, e.id FROM employers e JOIN search_k s ON s.k < length(e.name);

CREATE TRIGGER persons_search_insert AFTER INSERT ON persons
BEGIN
	INSERT INTO persons_fts(rowid, name) VALUES (new.id, new.name);
	INSERT OR IGNORE INTO search_grams(gram, kind, id)
		SELECT lower(substr(new.name, k, 2)), 0, new.id FROM search_k WHERE k < length(new.name);
END;
CREATE TRIGGER persons_search_update AFTER UPDATE OF name ON persons
WHEN old.name IS NOT new.name
BEGIN
	INSERT INTO persons_fts(persons_fts, rowid, name) VALUES ('delete', old.id, old.name);
	INSERT INTO persons_fts(rowid, name) VALUES (new.id, new.name);
	DELETE FROM search_grams WHERE kind = 0 AND id = old.id;
	INSERT OR IGNORE INTO search_grams(gram, kind, id)
		SELECT lower(substr(new.name, k, 2)), 0, new.id FROM search_k WHERE k < length(new.name);
END;
CREATE TRIGGER persons_search_delete AFTER DELETE ON persons
BEGIN
	INSERT INTO persons_fts(persons_fts, rowid, name) VALUES ('delete', old.id, old.name);
	DELETE FROM search_grams WHERE kind = 0 AND id = old.id;
END;

CREATE TRIGGER employers_search_insert AFTER INSERT ON employers
BEGIN
	INSERT INTO employers_fts(rowid, name) VALUES (new.id, new.name);
	INSERT OR IGNORE INTO search_grams(gram, kind, id)
		SELECT lower(substr(new.name, k, 2)), 1, new.id FROM search_k WHERE k < length(new.name);
END;
CREATE TRIGGER employers_search_update AFTER UPDATE OF name ON employers
WHEN old.name IS NOT new.name
BEGIN
	INSERT INTO employers_fts(employers_fts, rowid, name) VALUES ('delete', old.id, old.name);
	INSERT INTO employers_fts(rowid, name) VALUES (new.id, new.name);
	DELETE FROM search_grams WHERE kind = 1 AND id = old.id;
	INSERT OR IGNORE INTO search_grams(gram, kind, id)
		SELECT lower(substr(new.name, k, 2)), 1, new.id FROM search_k WHERE k < length(new.name);
END;
CREATE TRIGGER employers_search_delete AFTER DELETE ON employers
BEGIN
	INSERT INTO employers_fts(employers_fts, rowid, name) VALUES ('delete', old.id, old.name);
	DELETE FROM search_grams WHERE kind = 1 AND id = old.id;
END;

CREATE TRIGGER cases_search_insert AFTER INSERT ON cases
BEGIN
	INSERT INTO cases_fts(rowid, case_no) VALUES (new.id, new.case_no);
END;
CREATE TRIGGER cases_search_update AFTER UPDATE OF case_no ON cases
WHEN old.case_no IS NOT new.case_no
BEGIN
	INSERT INTO cases_fts(cases_fts, rowid, case_no) VALUES ('delete', old.id, old.case_no);
	INSERT INTO cases_fts(rowid, case_no) VALUES (new.id, new.case_no);
END;
CREATE TRIGGER cases_search_delete AFTER DELETE ON cases
BEGIN
	INSERT INTO cases_fts(cases_fts, rowid, case_no) VALUES ('delete', old.id, old.case_no);
END;

-- ---- phone numbers by their ending ------------------------------------------
-- The last eight characters, last first: "13800001111" -> "11110000".
-- src/db/search.c writes the same expression (PHONE_REV) to use them.

CREATE INDEX persons_phone_rev ON persons(
	substr(phone, -1, 1) || substr(phone, -2, 1) || substr(phone, -3, 1) || substr(phone, -4, 1) ||
	substr(phone, -5, 1) || substr(phone, -6, 1) || substr(phone, -7, 1) || substr(phone, -8, 1));
CREATE INDEX employers_phone_rev ON employers(
	substr(phone, -1, 1) || substr(phone, -2, 1) || substr(phone, -3, 1) || substr(phone, -4, 1) ||
	substr(phone, -5, 1) || substr(phone, -6, 1) || substr(phone, -7, 1) || substr(phone, -8, 1));

-- ---- the counts of the work desk ------------------------------------------

-- Cases by status and mediator (0: none).  Rows that drop to 0 stay.
CREATE TABLE search_counts (
	status      TEXT NOT NULL,
	mediator_id INTEGER NOT NULL,
	n           INTEGER NOT NULL,
	PRIMARY KEY (status, mediator_id)
) STRICT, WITHOUT ROWID;
INSERT INTO search_counts(status, mediator_id, n)
	SELECT status, coalesce(mediator_id, 0), count(*) FROM cases GROUP BY 1, 2;

CREATE TRIGGER cases_count_insert AFTER INSERT ON cases
BEGIN
	INSERT INTO search_counts(status, mediator_id, n) VALUES (new.status, coalesce(new.mediator_id, 0), 1)
		ON CONFLICT (status, mediator_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER cases_count_update AFTER UPDATE OF status, mediator_id ON cases
WHEN old.status IS NOT new.status OR old.mediator_id IS NOT new.mediator_id
BEGIN
	UPDATE search_counts SET n = n - 1 WHERE status = old.status AND mediator_id = coalesce(old.mediator_id, 0);
	INSERT INTO search_counts(status, mediator_id, n) VALUES (new.status, coalesce(new.mediator_id, 0), 1)
		ON CONFLICT (status, mediator_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER cases_count_delete AFTER DELETE ON cases
BEGIN
	UPDATE search_counts SET n = n - 1 WHERE status = old.status AND mediator_id = coalesce(old.mediator_id, 0);
END;

-- Agreed cases whose performance is pending, with the earliest payment
-- date of their claims (due): the follow-up queue is due <= today.
CREATE TABLE search_followups (
	case_id     INTEGER PRIMARY KEY,
	mediator_id INTEGER NOT NULL,
	due         TEXT NOT NULL
) STRICT;
CREATE INDEX search_followups_due ON search_followups(due);
CREATE INDEX search_followups_mediator ON search_followups(mediator_id, due);
INSERT INTO search_followups(case_id, mediator_id, due)
	SELECT c.id, coalesce(c.mediator_id, 0), min(k.pay_date) FROM cases c JOIN claims k ON k.case_id = c.id
	WHERE c.status = 'agreed' AND c.performance = 'pending' AND k.pay_date IS NOT NULL GROUP BY c.id;

-- Whenever a case's status, performance or mediator or a claim's payment
-- date changes, the case's row is derived again.
CREATE TRIGGER cases_followup_insert AFTER INSERT ON cases
WHEN new.status = 'agreed' AND new.performance = 'pending'
BEGIN
	INSERT OR REPLACE INTO search_followups(case_id, mediator_id, due)
		SELECT new.id, coalesce(new.mediator_id, 0), min(pay_date) FROM claims
		WHERE case_id = new.id AND pay_date IS NOT NULL GROUP BY case_id;
END;
CREATE TRIGGER cases_followup_update AFTER UPDATE OF status, performance, mediator_id ON cases
WHEN old.status = 'agreed' OR new.status = 'agreed'
BEGIN
	DELETE FROM search_followups WHERE case_id = old.id;
	INSERT INTO search_followups(case_id, mediator_id, due)
		SELECT new.id, coalesce(new.mediator_id, 0), min(pay_date) FROM claims
		WHERE case_id = new.id AND pay_date IS NOT NULL AND new.status = 'agreed' AND new.performance = 'pending'
		GROUP BY case_id;
END;
CREATE TRIGGER claims_followup_insert AFTER INSERT ON claims
WHEN new.pay_date IS NOT NULL
BEGIN
	INSERT OR REPLACE INTO search_followups(case_id, mediator_id, due)
		SELECT c.id, coalesce(c.mediator_id, 0), min(k.pay_date) FROM cases c JOIN claims k ON k.case_id = c.id
		WHERE c.id = new.case_id AND c.status = 'agreed' AND c.performance = 'pending' AND k.pay_date IS NOT NULL
		GROUP BY c.id;
END;
CREATE TRIGGER claims_followup_update AFTER UPDATE OF pay_date, case_id ON claims
WHEN old.pay_date IS NOT new.pay_date OR old.case_id IS NOT new.case_id
BEGIN
	DELETE FROM search_followups WHERE case_id IN (old.case_id, new.case_id);
	INSERT INTO search_followups(case_id, mediator_id, due)
		SELECT c.id, coalesce(c.mediator_id, 0), min(k.pay_date) FROM cases c JOIN claims k ON k.case_id = c.id
		WHERE c.id IN (old.case_id, new.case_id) AND c.status = 'agreed' AND c.performance = 'pending'
		  AND k.pay_date IS NOT NULL
		GROUP BY c.id;
END;
CREATE TRIGGER claims_followup_delete AFTER DELETE ON claims
WHEN old.pay_date IS NOT NULL
BEGIN
	DELETE FROM search_followups WHERE case_id = old.case_id;
	INSERT INTO search_followups(case_id, mediator_id, due)
		SELECT c.id, coalesce(c.mediator_id, 0), min(k.pay_date) FROM cases c JOIN claims k ON k.case_id = c.id
		WHERE c.id = old.case_id AND c.status = 'agreed' AND c.performance = 'pending' AND k.pay_date IS NOT NULL
		GROUP BY c.id;
END;

-- ---- the event log ---------------------------------------------------------
-- events_entity served look-ups of an archive row's history; for a case's
-- own events (entity 'case', nine in ten) events_case does that, so they
-- leave this index: fifteen million fewer entries to keep at a million
-- cases.

DROP INDEX events_entity;
CREATE INDEX events_entity ON events(entity, entity_id) WHERE entity != 'case';

-- ---- list pages in their order ------------------------------------------------
-- A filter, then every column of the sort key (the row id ends every
-- index), so that LIMIT stops after the page.  The indexes they replace are
-- their first columns.

DROP INDEX cases_status_deadline;
CREATE INDEX cases_status_deadline ON cases(status, deadline, received, year, seq);
DROP INDEX cases_received;
CREATE INDEX cases_received ON cases(received, year, seq, channel, collective, mediator_id);
CREATE INDEX cases_status_received ON cases(status, received, year, seq);
CREATE INDEX cases_mediator_received ON cases(mediator_id, received, year, seq);
-- The statistics count the cases received and closed in a period
-- (src/db/report.c): cases_received above and cases_closed carry the
-- columns those counts group by, so they read no row.
CREATE INDEX cases_closed ON cases(closed_at, status, deadline, mediator_id, accepted_at);
-- The cases a search text matches are few and anywhere in the file: their
-- filter and sort columns come from this narrow copy, keyed by id, rather
-- than from a row of their own each (src/db/search.c, INDEXED BY).
CREATE INDEX cases_list ON cases(id, status, mediator_id, channel, received, year, seq, deadline,
                                 last_event_at);
