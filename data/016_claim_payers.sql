-- 016_claim_payers.sql - what each respondent pays of a claim agreed
-- against several of them that are not jointly liable (applied on top of
-- 015_session_record.sql; PRAGMA user_version = 16 after it).
--
-- A claim against two respondents without 连带 was agreed as one sum that
-- "被申请人甲、乙同意共同支付": it did not say which one pays what.  The
-- agreement now records each one's part (按份), the claim's agreed amount
-- being their sum.  respondent: the respondent's number in the case.
CREATE TABLE claim_payers (
	claim_id   INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
	respondent INTEGER NOT NULL CHECK (respondent >= 1),
	agreed_fen INTEGER NOT NULL CHECK (agreed_fen >= 0),
	PRIMARY KEY (claim_id, respondent)
) STRICT, WITHOUT ROWID;
