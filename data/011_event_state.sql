-- 011_event_state.sql - what an event leaves behind, sealed into its link
-- (applied on top of the migrations before it; PRAGMA user_version = 11
-- after it).
--
-- The chain (008) proves the events themselves; it said nothing of a row
-- changed in its own table behind the log's back - a claim's amount, an
-- account made an administrator by SQL.  Each event on a case or an
-- account now carries state: the first 16 bytes of a SHA-256 over what
-- the case or the account holds right after the event (the case's number,
-- dates, facts, status and mediator, its parties as they stood in its
-- application, its claims with their amounts and outcome; the account's
-- login, role and whether disabled - src/db/events.c, db_entity_state),
-- and its hash covers it.  `tiaojie check` computes the state of every case and
-- account again and compares it with the one its last event sealed.
-- Events from before this migration carry none; check counts what it
-- could not compare.  A bulk load (demo) gives each case's last event, and
-- each event on an archive row, its state (src/demo/generate.c).
ALTER TABLE events ADD COLUMN state BLOB CHECK (state IS NULL OR length(state) = 16);

DROP TRIGGER events_no_update;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
WHEN OLD.hash IS NOT NULL OR NEW.hash IS NULL OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at
     OR NEW.user_id IS NOT OLD.user_id OR NEW.case_id IS NOT OLD.case_id OR NEW.entity IS NOT OLD.entity
     OR NEW.entity_id IS NOT OLD.entity_id OR NEW.action IS NOT OLD.action OR NEW.before IS NOT OLD.before
     OR NEW.after IS NOT OLD.after OR NEW.state IS NOT OLD.state
BEGIN
	SELECT RAISE(ABORT, '操作记录只能追加，不能修改');
END;
