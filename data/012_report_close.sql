-- 012_report_close.sql - closing a month's statistics (关账, `tiaojie
-- report close`): the figures of 月报 and of the 汇总 headline as they
-- stood when the month was closed, and what each case contributed to them,
-- so that an export of the month gives exactly those figures and lists
-- what has changed since (the sheet 更正).  Reopening deletes the rows; both
-- acts are in the event log.

CREATE TABLE report_months (
	month     TEXT PRIMARY KEY CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
	closed_at TEXT NOT NULL,
	closed_by INTEGER REFERENCES users(id),
	figures   TEXT NOT NULL  -- "name=value" lines (src/report/close.c)
) STRICT;

-- figure: the label of the 月报 row the case counted in; value: what it
-- added (1 for a case, the workers, or an amount in fen)
CREATE TABLE report_month_cases (
	month   TEXT NOT NULL REFERENCES report_months(month) ON DELETE CASCADE,
	case_id INTEGER NOT NULL REFERENCES cases(id),
	figure  TEXT NOT NULL,
	value   INTEGER NOT NULL,
	PRIMARY KEY (month, case_id, figure)
) STRICT, WITHOUT ROWID;

-- 月报 counts by acceptance
CREATE INDEX cases_accepted ON cases(accepted_at);
