# test_evidence.sh - the evidence list of a case from the screens, at 80x24:
# a clerk opens a registered case, adds two items through 登记证据 (a bad
# page count is refused at its field, with what was typed kept), changes
# one by choosing it (its fields fill in), removes the other after a
# question; the case shows the list and the timeline each step.
. "$(dirname "$0")/lib.sh"
DB="$T/demo.db"
"$TJ" demo --db "$DB" --cases 300 >/dev/null 2>"$T/demo.err" || fail "demo failed: $(cat "$T/demo.err")"
q() { sqlite3 "$DB" "$1"; }
row=$(q "SELECT id || '|' || case_no FROM cases WHERE status = 'registered' AND collective = 0
	AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.case_id = cases.id) ORDER BY id DESC LIMIT 1")
[ -n "$row" ] && ok || fail "no registered case in the demo"
cid=${row%%|*}; cno=${row#*|}

start "$TJ" --db "$DB"
login clerk demo1234
skip_drafts
expect_screen desk "案件队列"
key 3
expect_screen search "查找："
typ "$cno"
expect_screen found "$cno"
key Enter
expect_screen detail "请求事项"
key NPage
expect_screen no-evidence "证据（0）"

# add: the name, a page count that is not a number first
key F3
expect_screen menu "可办理的操作"
pick_menu 登记证据
expect_screen form "证据名称"
expect_screen new-item "（新增一项）"
key Tab
typ "劳动合同"
key Tab
typ "申请人持有"
key Tab
typ "证明双方存在劳动关系"
key Tab
key C-k
typ "三页"
key F2
expect_screen pages-refused "页数应为1至9999的整数"
expect_screen name-kept "劳动合同"
key C-k
typ "3"
key Tab
key Right
key F2
expect_screen added "已办理：登记证据"
key NPage
expect_screen listed "1. 劳动合同（原件 3页）"
expect_screen purpose "证明目的：证明双方存在劳动关系"
[ "$(q "SELECT count(*) FROM evidence WHERE case_id = $cid AND name = '劳动合同' AND pages = 3 AND original = 1")" = 1 ] &&
	ok || fail "item 1 not stored"

# a second item, a copy from the employer
key F3
pick_menu 登记证据
expect_screen form2 "证据名称"
key Tab Tab
typ "工资条"
key Tab Tab Tab Tab Tab
key Right
key F2
key NPage
expect_screen added2 "2. 工资条（复印件 1页）"
expect_screen by-respondent "被申请人提交"

# change the first: choosing it fills the fields
key F3
pick_menu 登记证据
expect_screen form3 "证据名称"
key Right
expect_screen chosen "第1项 劳动合同"
expect_screen filled "申请人持有"
key Tab Tab Tab Tab Tab
key C-k
typ "5"
key F2
key NPage
expect_screen changed "1. 劳动合同（原件 5页）"
[ "$(q "SELECT count(*) FROM events WHERE case_id = $cid AND action = 'evidence' AND before LIKE '第1项 劳动合同（原件，3页%' AND after LIKE '第1项 劳动合同（原件，5页%'")" = 1 ] &&
	ok || fail "change not in the event log"

# remove the second, after the question
key F3
pick_menu 登记证据
expect_screen form4 "证据名称"
key Right Right
expect_screen chosen2 "第2项 工资条"
key Tab
key Right
expect_screen remove-op "删除所选证据"
key F2
expect_screen question "从证据清单中删除「第2项 工资条」"
key y
key NPage
expect_screen removed "证据（1）"
expect_no_screen gone "2. 工资条（复印件"
[ "$(q "SELECT count(*) FROM evidence WHERE case_id = $cid AND removed_at IS NOT NULL AND ord = 2")" = 1 ] &&
	ok || fail "item 2 not marked removed"

done_tests
