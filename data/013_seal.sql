-- 013_seal.sql - every row sealed once (applied on top of the migrations
-- before it; PRAGMA user_version = 13 after it).
--
-- From now on a row changed behind the event log refuses the program's
-- next write on it (src/db/seal.c), and `tiaojie check` counts a case,
-- account or archive row that no event has sealed as a problem.  So the
-- rows from before 011, which carry no state, are sealed here, once, each
-- with a "seal" event (db_seal_all, run with this migration); every
-- account too, as its state now takes in the password hash.
SELECT 1;
