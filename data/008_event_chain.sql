-- 008_event_chain.sql - the event log proves its own integrity (applied on
-- top of 007_party_roles.sql; PRAGMA user_version = 8 after it).
--
-- Each event carries a SHA-256 over its content and the previous event's
-- hash (src/db/events.c, event_hash): changing, removing or renumbering an
-- event breaks the chain from there on, and `tiaojie check` names the
-- first broken link.  `tiaojie backup` prints the last event's hash, so a
-- copy kept outside proves later that nothing before it changed.  The
-- events of a database from before this migration get their hashes once,
-- in id order, in the migration's transaction (the update trigger below
-- lets a missing hash be filled in, and nothing else).
--
-- INSERT OR REPLACE removed an existing event without firing the delete
-- trigger (SQLite fires none for REPLACE unless recursive_triggers is on):
-- an insert over an existing id is now refused before it happens.
-- The hash is kept as its 32 bytes (a million cases carry some fifteen
-- million events: half a gigabyte less than hex text); shown in hex.
ALTER TABLE events ADD COLUMN hash BLOB CHECK (hash IS NULL OR length(hash) = 32);

DROP TRIGGER events_no_update;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
WHEN OLD.hash IS NOT NULL OR NEW.hash IS NULL OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at
     OR NEW.user_id IS NOT OLD.user_id OR NEW.case_id IS NOT OLD.case_id OR NEW.entity IS NOT OLD.entity
     OR NEW.entity_id IS NOT OLD.entity_id OR NEW.action IS NOT OLD.action OR NEW.before IS NOT OLD.before
     OR NEW.after IS NOT OLD.after
BEGIN
	SELECT RAISE(ABORT, '操作记录只能追加，不能修改');
END;
CREATE TRIGGER events_no_replace BEFORE INSERT ON events
WHEN EXISTS (SELECT 1 FROM events WHERE id = NEW.id)
BEGIN
	SELECT RAISE(ABORT, '操作记录只能追加，不能覆盖');
END;
