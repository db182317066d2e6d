-- 015_session_record.sql - who recorded a session and who attended it
-- (applied on top of 014_claim_outcome.sql; PRAGMA user_version = 15
-- after it).
--
-- The 调解笔录 printed from a session named neither its 记录人 nor the
-- people present.  recorded_by: the account that recorded the session as
-- held (NULL: before this migration, or recorded by the system);
-- attendance: the people present as the recorder wrote them (到场人员),
-- '' when not written.
ALTER TABLE sessions ADD COLUMN recorded_by INTEGER REFERENCES users(id);
ALTER TABLE sessions ADD COLUMN attendance TEXT NOT NULL DEFAULT '' CHECK (length(attendance) <= 500);
