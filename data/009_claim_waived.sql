-- 009_claim_waived.sql - a claim the applicant gave up in the agreement
-- (applied on top of 008_event_chain.sql; PRAGMA user_version = 9 after it).
--
-- An agreed amount of 0 meant two things: the applicant waived a claim
-- for money, or the respondent agreed to a claim that asks for none
-- (确认劳动关系, 恢复劳动关系, 出具离职证明, 连带责任).  The agreement
-- printed "申请人自愿放弃该项请求" for both.  waived says which: 1 only
-- where the applicant gave the claim up (the agreement dialog's 放弃).
-- Before this migration the only way to give up a claim for money was to
-- agree it at 0, so those rows are waived; a claim without an amount
-- agreed at 0 was agreed as asked.
ALTER TABLE claims ADD COLUMN waived INTEGER NOT NULL DEFAULT 0 CHECK (waived IN (0, 1));
UPDATE claims SET waived = 1 WHERE agreed_fen = 0 AND amount_fen > 0;
