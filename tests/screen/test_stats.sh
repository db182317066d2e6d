# test_stats.sh - the statistics screen (统计与导出, SPEC 4.10) on the demo
# database: reached from the administrator's desk; last month by default;
# the headline figures with 同比 and 环比 and the first-level causes equal
# SQL; January's 环比 is December of the year before; quarter, year and
# range by the kind choice; bad and future periods refused with a reason;
# the export asks for the file (default in the current directory), shows
# a progress bar that moves, Esc cancels leaving no file, and a finished
# export is a workbook whose figures equal SQL (mode 0640, or 0600 with
# full identity numbers after a confirmation), recorded in the event log;
# resize and a terminal too small; monochrome.
#
# Test builds slow the export down with TIAOJIE_EXPORT_DELAY_MS so the bar
# can be watched and cancelled.
. "$(dirname "$0")/lib.sh"
DB="$T/demo.db"
"$TJ" demo --db "$DB" >/dev/null 2>"$T/demo.err" || fail "demo failed: $(cat "$T/demo.err")"
q() { sqlite3 "$DB" "$1"; }
PY=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import openpyxl' 2>/dev/null; then PY=$p; break; fi
done
[ -n "$PY" ] || fail "python3 with openpyxl is needed (Debian: python3-openpyxl)"

# open_stats: from the desk, the entry 统计与导出 by its shortcut digit
open_stats() {
	expect_screen desk "案件队列"
	local n
	n=$(screen_text | grep -F "统计与导出" | grep -oE '[0-9]+' | sed -n 1p)
	if [ -z "$n" ]; then
		fail "the desk has no entry 统计与导出 (desk.c must open stats_screen_new)"
		screen_text >&2
		done_tests
		exit 1
	fi
	key "$n"
	expect_screen stats "统计与导出：选择期间"
}
# line_has NAME REGEX: a line of the screen matches
line_has() {
	if screen_text | grep -qE -- "$2"; then ok; else fail "$1: no line like '$2'"; screen_text >&2; fi
}
# period TEXT: type a period into the focused field and count
period() {
	key C-k
	typ "$1"
	key Enter
}
# counts are shown with thousands separators
commas() { sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }
received() { q "SELECT count(*) FROM cases WHERE received BETWEEN '$1' AND '$2'" | commas; }
closed() { q "SELECT count(*) FROM cases WHERE date(closed_at) BETWEEN '$1' AND '$2'" | commas; }
no_temp() {
	if ls -A "$T" | grep -q '^\..*\.xlsx\.'; then fail "$1: temporary file left: $(ls -A "$T")"; else ok; fi
}

start TIAOJIE_EXPORT_DELAY_MS=25 "$TJ" --db "$DB"
login admin demo1234
skip_drafts
open_stats

# ---- last month by default: October 2026 (today is 2026-11-20)
expect_screen default-month "2026年10月（2026-10-01 至 2026-10-31）"
expect_screen compare "同比：2025年10月  环比：2026年9月"
cur=$(received 2026-10-01 2026-10-31)
ly=$(received 2025-10-01 2025-10-31)
pv=$(received 2026-09-01 2026-09-30)
line_has received "^ +收案数 +$cur +$ly +[-+][0-9.]+% +$pv +[-+][0-9.]+%"
line_has closed "^ +结案数 +$(closed 2026-10-01 2026-10-31) +$(closed 2025-10-01 2025-10-31) +.* $(closed 2026-09-01 2026-09-30) "
agreed=$(q "SELECT count(*) FROM cases WHERE date(closed_at) BETWEEN '2026-10-01' AND '2026-10-31' AND status = 'agreed'")
line_has agreed "^ +调解成功 +$agreed "
coll=$(q "SELECT count(*) FROM cases WHERE received BETWEEN '2026-10-01' AND '2026-10-31' AND collective = 1")
line_has collective "^ +集体争议 +$coll "
# the percentage of 同比 is right
want=$(awk -v c="${cur//,/}" -v l="${ly//,/}" 'BEGIN { if (l > 0) printf "%+.1f%%", (c - l) * 100 / l; else print "—" }')
line_has yoy "^ +收案数 +$cur +$ly +\\$want"
# the causes below: page down
key NPage
expect_screen causes "按一级案由"
key NPage
n06=$(q "SELECT count(DISTINCT c.id) FROM cases c JOIN claims cl ON cl.case_id = c.id
	WHERE c.received BETWEEN '2026-10-01' AND '2026-10-31' AND substr(cl.cause, 1, 2) = '06'")
line_has cause-06 "^ +06 +劳动报酬 +$n06 "
line_has cause-15 "^ +15 +集体合同 +"
key PPage
key PPage

# ---- January: 环比 is December of the year before
period 2026-01
expect_screen january "2026年1月（2026-01-01 至 2026-01-31）"
expect_screen january-prev "环比：2025年12月"
line_has january-received "^ +收案数 +$(received 2026-01-01 2026-01-31) +$(received 2025-01-01 2025-01-31) +.* $(received 2025-12-01 2025-12-31) "

# ---- bad and future periods: a reason, the figures stay
period 2026-13
expect_screen bad-month "月份 2026-13 无效"
period 2027-01
expect_screen future "尚未开始"

# ---- the kind: quarter, year, range
key Up Right
expect_screen quarter "2026年第四季度（2026-10-01 至 2026-12-31）"
line_has quarter-received "^ +收案数 +$(received 2026-10-01 2026-12-31) "
key Right
expect_screen year "2026年（2026-01-01 至 2026-12-31）"
# still running on 2026-11-20: compared like with like, the same days of 2025
expect_screen year-compare "同比：2025-01-01至2025-11-20  环比：2025-01-01至2025-11-20"
line_has year-received "^ +收案数 +$(received 2026-01-01 2026-12-31) +$(received 2025-01-01 2025-11-20) "
key Right
expect_screen range "共 31 天"
key Right
expect_screen month-again "2026年10月（2026-10-01 至 2026-10-31）"
key Down

# ---- export: cancelled with Esc, nothing left
key F2
expect_screen prompt "导出统计工作簿"
expect_screen prompt-default "$T/调解统计-2026-10.xlsx"
key Enter
expect_screen progress "正在导出" 10
sleep 0.6
a=$(screen_text | grep -oE '案件明细 [0-9]+ /' | grep -oE '[0-9]+')
sleep 0.8
b=$(screen_text | grep -oE '案件明细 [0-9]+ /' | grep -oE '[0-9]+')
[ -n "$a" ] && [ -n "$b" ] && [ "$b" -gt "$a" ] && ok || fail "the progress bar did not move ($a, $b)"
screen_text | grep -qE '#+\.+' && ok || fail "no bar drawn"
key Escape
expect_screen cancelled "已取消导出，没有留下文件" 10
check cancelled-no-file test ! -e "$T/调解统计-2026-10.xlsx"
no_temp cancelled

# ---- export to the end
key F2
expect_screen prompt2 "导出统计工作簿"
key Enter
expect_screen exported "已导出 $T/调解统计-2026-10.xlsx（案件明细 ${cur//,/} 件）" 30
check exported-file test -f "$T/调解统计-2026-10.xlsx"
[ "$(stat -c %a "$T/调解统计-2026-10.xlsx")" = 640 ] && ok || fail "mode $(stat -c %a "$T/调解统计-2026-10.xlsx")"
no_temp exported
"$PY" - "$T/调解统计-2026-10.xlsx" "${cur//,/}" "${ly//,/}" "${pv//,/}" <<'PYEOF' && ok || fail "the exported workbook differs from SQL"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
cur, ly, pv = map(int, sys.argv[2:5])
r = {row[0].value: row for row in wb["汇总"].iter_rows(min_row=6, max_row=26)}
assert (r["收案数"][1].value, r["收案数"][2].value, r["收案数"][5].value) == (cur, ly, pv), r["收案数"]
assert wb["案件明细"].max_row == 5 + cur
PYEOF
# the same file again: asked before overwriting; n keeps it and returns
# to the file name, Esc too
sum=$(md5sum <"$T/调解统计-2026-10.xlsx")
key F2
expect_screen prompt3 "导出统计工作簿"
key Enter
expect_screen overwrite "已存在，要覆"
key n
expect_no_screen overwrite-no "正在导出"
expect_screen overwrite-no-prompt "导出统计工作簿"
[ "$(md5sum <"$T/调解统计-2026-10.xlsx")" = "$sum" ] && ok || fail "file changed after n"
key Enter
expect_screen overwrite2 "已存在，要覆"
key Escape
expect_screen overwrite-esc-prompt "导出统计工作簿"
[ "$(md5sum <"$T/调解统计-2026-10.xlsx")" = "$sum" ] && ok || fail "file changed after Esc"
# the name unchanged: Esc leaves the prompt at once
key Escape
expect_no_screen prompt-closed "导出统计工作簿"
# a name typed: Esc asks, 继续编辑 keeps it
key F2
expect_screen prompt3b "导出统计工作簿"
key C-k
typ "$T/other.xlsx"
key Escape
expect_screen prompt-asks "导出设置有修改尚未保存"
key Escape
expect_screen prompt-kept "$T/other.xlsx"
key Escape
key d
expect_no_screen prompt-discarded "导出统计工作簿"
check prompt-discarded-nofile test ! -e "$T/other.xlsx"

# full identity numbers: chosen, confirmed, owner-only
key F2
expect_screen prompt4 "导出统计工作簿"
key C-k
typ "$T/full.xlsx"
key Down Right
expect_screen full-choice "完整（文件仅本人可读）"
key F2
expect_screen full-confirm "将导出完整的证件号码"
key y
expect_screen full-done "已导出 $T/full.xlsx" 30
[ "$(stat -c %a "$T/full.xlsx")" = 600 ] && ok || fail "full-ids mode $(stat -c %a "$T/full.xlsx")"
q "SELECT count(*) FROM events WHERE action = 'export' AND entity = 'system' AND user_id =
	(SELECT id FROM users WHERE login = 'admin')" | grep -qx 2 && ok || fail "exports not in the event log"
q "SELECT count(*) FROM events WHERE action = 'export' AND after LIKE '%full.xlsx%证件号码完整%'" | grep -qx 1 &&
	ok || fail "full-ids export not logged as such"

# an unwritable place: a reason, nothing written
key F2
expect_screen prompt5 "导出统计工作簿"
key C-k
typ "$T/nodir/x.xlsx"
key Enter
expect_screen no-dir "不存在"
key Enter
check no-dir-nothing test ! -e "$T/nodir"

# ---- resize, and a terminal too small
tm resize-window -t t -x 100 -y 30 2>/dev/null
expect_screen resized "统计与导出：选择期间"
tm resize-window -t t -x 70 -y 20 2>/dev/null
expect_screen too-small "终端窗口太小"
tm resize-window -t t -x 80 -y 24 2>/dev/null
expect_screen back-80 "统计与导出：选择期间"
# at 80x24 every figure column is whole: the last column header shows
line_has fits "环比$"
key Escape
expect_screen back-desk "案件队列"

# ---- monochrome: rendered, the focused field in reverse video
start NO_COLOR=1 "$TJ" --db "$DB"
login admin demo1234
skip_drafts
open_stats
expect_screen mono "2026年10月"
tm capture-pane -p -e -t t | grep -F "月份" | grep -qE $'\033\\[([0-9;]*;)?7[;m]' && ok ||
	fail "monochrome: the focused field is not in reverse video"
"$TJ" check --db "$DB" >/dev/null && ok || fail "check at the end"
done_tests
