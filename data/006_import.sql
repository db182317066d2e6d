-- 006_import.sql - the online platform's own id of an imported application
-- (applied on top of 005_evidence.sql; PRAGMA user_version = 6 after it).
--
-- `tiaojie import` registers application records (application.md) that
-- may carry the platform's id, external_id.  A record whose id is already
-- on a case is reported and skipped, so running an import again registers
-- nothing twice; the unique index holds that even for two imports at once.
ALTER TABLE cases ADD COLUMN external_id TEXT CHECK (external_id IS NULL OR length(external_id) BETWEEN 1 AND 64);
CREATE UNIQUE INDEX cases_external_id ON cases(external_id) WHERE external_id IS NOT NULL;
