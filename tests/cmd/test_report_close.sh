# test_report_close.sh - `tiaojie report close|reopen`: a month closed
# (关账) exports exactly the figures it had when closed, plus a sheet 更正
# listing what changed since (case, figure, old, new); reopening is
# recorded and gives today's figures again; a month not over, a month
# closed twice, bad usage: refused with a reason.  The workbooks are read
# with openpyxl.
. "$(dirname "$0")/lib.sh"

PY=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import openpyxl' 2>/dev/null; then PY=$p; break; fi
done
if [ -z "$PY" ]; then
	fail "python3 with openpyxl is needed (Debian: python3-openpyxl)"
	done_tests
	exit 1
fi

run "$TJ" demo --db demo.db --cases 1500
expect_rc demo 0
# usage
run "$TJ" report --db demo.db
expect_rc no-subcommand 2
run "$TJ" report frobnicate --db demo.db
expect_rc bad-subcommand 2
run "$TJ" report close --db demo.db
expect_rc no-month 2
expect_err no-month-says "--month"
run "$TJ" report close --db demo.db --month 2026-13
expect_rc bad-month 2
# today is 2026-11-20: November is not over
run "$TJ" report close --db demo.db --month 2026-11
expect_rc running 1
expect_err running-says "尚未结束"

run "$TJ" export --db demo.db --month 2026-10 -o before.xlsx
expect_rc export-before 0
run "$TJ" report close --db demo.db --month 2026-10
expect_rc close 0
expect_out close-says "已关账"
# the head of the log, the close in it, to keep with the report
head=$(sqlite3 demo.db "SELECT id || ' 条，校验值 ' || lower(hex(hash)) FROM events ORDER BY id DESC LIMIT 1")
expect_out close-head "操作记录末条：第 $head"
[ "$(sqlite3 demo.db "SELECT count(*) FROM events WHERE entity = 'system' AND action = 'report-close' AND after LIKE '关账 2026年10月%'")" = 1 ] &&
	ok || fail "close not in the event log"
run "$TJ" report close --db demo.db --month 2026-10
expect_rc close-twice 1
expect_err close-twice-says "已经关账"

# a case changes after the close: an October failure sent to arbitration
case_no=$(sqlite3 demo.db "SELECT case_no FROM cases WHERE status = 'failed' AND accepted_at IS NOT NULL
	AND closed_at >= '2026-10-01' AND closed_at < '2026-11-01' ORDER BY id LIMIT 1")
[ -n "$case_no" ] && ok || fail "no failed October case in the demo"
sqlite3 demo.db "UPDATE cases SET status = 'referred' WHERE case_no = '$case_no'"
run "$TJ" export --db demo.db --month 2026-10 -o closed.xlsx
expect_rc export-closed 0

run "$TJ" report reopen --db demo.db --month 2026-10
expect_rc reopen 0
[ "$(sqlite3 demo.db "SELECT count(*) FROM events WHERE entity = 'system' AND action = 'report-reopen' AND after LIKE '重开 2026年10月%'")" = 1 ] &&
	ok || fail "reopen not in the event log"
run "$TJ" report reopen --db demo.db --month 2026-10
expect_rc reopen-twice 1
expect_err reopen-twice-says "没有关账"
run "$TJ" export --db demo.db --month 2026-10 -o reopened.xlsx
expect_rc export-reopened 0

"$PY" - "$case_no" >"$T/py.out" 2>&1 <<'PYEOF' && ok || fail "workbooks: $(cat "$T/py.out")"
import sys, openpyxl
case_no = sys.argv[1]
def book(f):
    return openpyxl.load_workbook(f)
def monthly(wb):
    return {r[0]: r[2] for r in wb["月报"].iter_rows(min_row=6, values_only=True) if r[0] and r[1] is not None}
def headline(wb):
    return {r[0]: r[1] for r in wb["汇总"].iter_rows(min_row=6, max_row=27, values_only=True) if r[0]}
before, closed, reopened = book("before.xlsx"), book("closed.xlsx"), book("reopened.xlsx")
assert "更正" not in before.sheetnames, before.sheetnames
assert "更正" not in reopened.sheetnames, reopened.sheetnames
assert closed.sheetnames[-1] == "更正", closed.sheetnames
# the closed month: exactly the frozen figures
mb, mc, mr = monthly(before), monthly(closed), monthly(reopened)
assert mb == mc, [(k, mb[k], mc.get(k)) for k in mb if mb[k] != mc.get(k)]
assert headline(before)["其中：转仲裁"] == headline(closed)["其中：转仲裁"]
assert "关账" in (closed["月报"]["A4"].value or ""), closed["月报"]["A4"].value
# the correction: the case, the figure, old and new
rows = [r for r in closed["更正"].iter_rows(min_row=6, values_only=True) if r[0]]
assert [r[:5] for r in rows] == [(case_no, "其中：转仲裁", 0, 1, 1)], rows
# reopened: today's figures
assert mr["其中：转仲裁"] == mb["其中：转仲裁"] + 1, (mr["其中：转仲裁"], mb["其中：转仲裁"])
assert mr["调解不成"] == mb["调解不成"]
PYEOF
# ---- the command line's login (issue 18): an untrusted caller signs in,
# and only an administrator closes or reopens a month
printf 'demo1234\n' >pw
ut() { TIAOJIE_TEST_UNTRUSTED=1 TIAOJIE_DB=$T/demo.db setsid -w "$@"; }
n0=$(sqlite3 demo.db "SELECT count(*) FROM events WHERE action LIKE 'report-%'")
run ut "$TJ" report close --month 2026-09
expect_rc "report close without a login" 3
expect_err "report close without a login: why" "需要登录"
run ut "$TJ" report close --month 2026-09 --user clerk --login-password-file pw
expect_rc "report close as a clerk" 4
run ut "$TJ" report reopen --month 2026-09 --user mediator1 --login-password-file pw
expect_rc "report reopen as a mediator" 4
if [ "$(sqlite3 demo.db "SELECT count(*) FROM events WHERE action LIKE 'report-%'")" = "$n0" ]; then ok; else fail "a refused close wrote an event"; fi
run ut "$TJ" report close --month 2026-09 --user admin --login-password-file pw
expect_rc "report close as an administrator" 0
done_tests
