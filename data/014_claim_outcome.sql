-- 014_claim_outcome.sql - each claim's outcome in an agreement, and each
-- worker's agreed amount (applied on top of 013_seal.sql; PRAGMA
-- user_version = 14 after it).
--
-- The agreement dialog offered 同意 or 申请人放弃 per claim; a clerk could
-- not record that the applicant withdrew a claim (撤回) or that the
-- parties reached no agreement on it (未达成) while agreeing on the rest.
-- A claim's outcome is now one of:
--   agreed     agreed_fen >= 0, waived 0, withdrawn 0
--   waived     agreed_fen 0,    waived 1           (申请人放弃)
--   withdrawn  agreed_fen NULL, withdrawn 1        (申请人撤回)
--   unagreed   agreed_fen NULL, waived 0, withdrawn 0, in an agreed case
-- The sealed state of a case (events.c) takes waived + 2 * withdrawn in
-- the place of waived: the same figure for every row before this.
ALTER TABLE claims ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0
	CHECK (withdrawn IN (0, 1) AND NOT (withdrawn = 1 AND waived = 1));

-- A collective case's agreement says what each worker gets: the agreed
-- part of each worker's own amount (NULL: not recorded).  Claims agreed
-- in full before this had each worker's amount agreed in full.
ALTER TABLE claim_shares ADD COLUMN agreed_fen INTEGER
	CHECK (agreed_fen IS NULL OR (agreed_fen >= 0 AND agreed_fen <= amount_fen));
UPDATE claim_shares SET agreed_fen = amount_fen
	WHERE claim_id IN (SELECT id FROM claims WHERE waived = 0 AND agreed_fen IS NOT NULL AND agreed_fen = amount_fen);
UPDATE claim_shares SET agreed_fen = 0
	WHERE claim_id IN (SELECT id FROM claims WHERE waived = 1);
