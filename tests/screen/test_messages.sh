# test_messages.sh - every message is readable whole: a field's error that
# does not fit its column wraps at the field with numbers whole; the status
# line names the first wrong field; an agreement's wrong payment date is
# shown at the date, not at the amount; a paste longer than the facts field
# keeps what fits and says how much was left out.
. "$(dirname "$0")/lib.sh"
make_db
start "$TJ" --db t.db
login clerk demo1234
expect_screen desk "工作台"
key 1
expect_screen intake-open "调解申请登记"

# a phone number that is not one: the whole reason stands at the field
key Tab
typ 11010519491231002X
key Tab
typ 张三丰
key Tab Tab
typ 88888888
expect_screen phone-reason "不是有效的电话号码"
# the reason is wider than its column: it goes on below, in the column
expect_screen phone-reason-whole "区号的固话或+国家代码的国际号"
if screen_text | grep -qx " *码）"; then ok; else fail "phone reason not ended below, in its column"; fi
line=$(screen_text | grep -F "联系电话")
case "$line" in *"不是有效的电话号码"*) ok ;; *) fail "phone reason not on the phone row: $line" ;; esac
# a landline without its area code: the example number is not split
key C-k
typ 021-1234
expect_screen landline-reason "固话应为区号"
expect_screen landline-example-whole "021-12345678"

# ---- a paste longer than 事实与理由 (5,000 characters) --------------------------
key Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
expect_screen facts-focused "事实与理由已输入 0 字"
# 5,100 characters: 5,000 "甲", then 100 "乙" that do not fit
{ printf '甲%.0s' $(seq 1 5000); printf '乙%.0s' $(seq 1 100); } >"$T/paste.txt"
[ "$(LC_ALL=C.UTF-8 wc -m <"$T/paste.txt")" -eq 5100 ] && ok || fail "the paste is not 5100 characters"
tm load-buffer -b big "$T/paste.txt"
tm paste-buffer -b big -t t
expect_screen paste-kept "事实与理由已输入 5000 字" 60
expect_screen paste-told "未粘贴 100 字" 10
expect_screen paste-told-limit "已超出 5000 字上限" 2
# what was kept is the beginning; nothing of the refused rest is hidden in the field
screen_text | grep -qF "乙" && fail "refused characters shown in the field" || ok
# told once: a key that is not refused ends the report
key Tab
expect_no_screen paste-report-once "未粘贴 100 字"

# ---- saving: the status line names the first wrong field -------------------------
key C-s
expect_screen save-names-field "请更正「联系电话」"
expect_screen save-field-reason "固话应为区号"
screen_text | grep -qF "请更正标出的栏目" && fail "status line does not name the field" || ok
# and the focus is on it: typing replaces the number
key C-k
typ 13812345678
expect_screen phone-fixed "正确"

# ---- a bracketed paste of several lines into a one-line field ------------------
# (tmux paste-buffer -p brackets it, as a terminal does for the program that
# asks): the lines stay in 住址, joined by one space, nothing spills into 信用代码
key Tab
printf '上海市徐汇区\n漕溪北路1号\n' >"$T/addr.txt"
tm load-buffer -b addr "$T/addr.txt"
tm paste-buffer -p -b addr -t t
expect_screen paste-lines-joined "上海市徐汇区 漕溪北路1号"
line=$(screen_text | grep -F "信用代码")
case "$line" in *漕溪*|*上海市*) fail "the paste spilled into the next field: $line" ;; *) ok ;; esac
# the focus stayed on 住址: what is typed next goes on after the paste
typ 甲
expect_screen paste-focus-kept "漕溪北路1号甲"
key BSpace

# ---- the claim dialog: a wrong amount's reason whole at the amount --------------
key C-n
expect_screen picker "一级案由"
typ 0601
expect_screen picker-code "0601 拖欠工资"
key Enter
expect_screen claim-dialog "新增请求事项"
key Tab
typ 12,00
key C-s
expect_screen claim-amount-reason "千位分隔符的位置不对"
# the example amount is shown whole (it was cut to "…不对，应" before)
expect_screen claim-amount-whole "1,234,567.89"
expect_screen claim-amount-named "请更正「金额（元）」"
key C-k
typ 12,000
key C-s
expect_screen claim-saved "请求事项已新增"
expect_screen claim-saved-amount "12,000.00"
key Escape
wait_for "离开登记表" 3 && key y

# ---- the case detail's forms: each error at its own field ------------------------
DB="$T/demo.db"
"$TJ" demo --db "$DB" >/dev/null 2>"$T/demo.err" || fail "demo failed: $(cat "$T/demo.err")"
q() { sqlite3 "$DB" "$1"; }
# row_of LABEL: the first screen line with LABEL
row_of() { screen_text | grep -F -- "$1" | head -1; }
open_case() { # CASE_NO
	key 3
	expect_screen "search-$1" "查找："
	key C-k
	typ "$1"
	expect_screen "found-$1" "$1"
	key Enter
	expect_screen "detail-$1" "事实与理由"
}
# documents go to a directory with a long name: the message that names
# the file is too long for the message area
LONGDIR="$T/调解中心文书/$(printf '劳动人事争议仲裁院调解中心%.0s' 1 2 3 4 5)"
cat >"$T/tj2.conf" <<CONF
[documents]
dir = $LONGDIR
CONF
start "$TJ" --db "$DB" --config "$T/tj2.conf"
login admin demo1234
wait_for "未完成的表单" 2 && key Escape
expect_screen admin-desk "案件队列"

# the agreement: a wrong payment date stands at the date, not at the amount
mno=$(q "SELECT case_no FROM cases WHERE status = 'mediating' ORDER BY id LIMIT 1")
[ -n "$mno" ] && ok || fail "no mediating case in the demo"
open_case "$mno"
key F3
expect_screen agree-menu "调解成功"
pick_menu 调解成功
expect_screen agree-form "协议金额"
key Tab
typ 2026-13-45
key C-s
expect_screen agree-date-reason "支付日期格式应为"
case "$(row_of "  支付日期")" in *"格式应为"*) ok ;; *) fail "date error not on the date row: $(screen_text)" ;; esac
case "$(row_of "  协议金额")" in *"格式应为"*) fail "date error on the amount row: $(screen_text)" ;; *) ok ;; esac
# the date in the reason is whole, on the line below in the column
expect_screen agree-date-example "2026-12-01"
expect_screen agree-named "请更正「支付日期」"
# the focus went to the date: typing there corrects it (and the other
# claims get theirs)
key C-k
typ 2026-12-31
n=$(q "SELECT count(*) FROM claims c JOIN cases k ON k.id = c.case_id WHERE k.case_no = '$mno'")
for i in $(seq 2 "$n"); do
	key Tab Tab Tab # past the claim's outcome (同意) and the next amount
	typ 2026-12-31
done
key C-s
expect_screen agreed "已办理：调解成功"
key Escape
expect_screen back-to-list "查找："
key Escape

# confirming: a wrong confirmation time stands at 确认时间
rno=$(q "SELECT case_no FROM cases WHERE status = 'registered' ORDER BY id LIMIT 1")
[ -n "$rno" ] && ok || fail "no registered case in the demo"
open_case "$rno"
key F3
# the number beside the action picks it
pick_menu_digit 确认请求
expect_screen confirm-form "确认时间"
key Tab Tab
key C-k
typ "2026-11-21 09:00"
key C-s
expect_screen confirm-reason "确认时间不能晚于现在"
case "$(row_of "确认时间")" in *"不能晚于现在"*) ok ;; *) fail "confirm time error not at its field: $(screen_text)" ;; esac
expect_screen confirm-named "请更正「确认时间」"
[ "$(q "SELECT status FROM cases WHERE case_no = '$rno'")" = registered ] && ok || fail "confirmed despite the error"

# a message longer than the message area opens as a window, read whole
key Escape
wait_for "尚未保存" 1 && key d
expect_screen detail-for-doc "事实与理由"
key F11
expect_screen doc-choice "出具文书"
key Enter
expect_screen long-msg-window "按 Enter 继续" 30
expect_screen long-msg-window-title "提示"
file=$(ls "$LONGDIR" 2>/dev/null | head -1)
[ -n "$file" ] && ok || fail "no document written to $LONGDIR"
# the end of the path is there (on the message line it was cut long before)
# (the window may wrap the line anywhere: read it joined)
if screen_text | sed 's/^[^|]*[|] //; s/ *[|].*$//' | tr -d '\n' | grep -qF -- "${file}"; then ok
else fail "long-msg-file-named: the window lacks $file"; screen_text >&2; fi
expect_screen long-msg-tail "请自行打印"
key Enter
expect_no_screen long-msg-closed "按 Enter 继续"
expect_screen long-msg-back "事实与理由"

# the export prompt: the file name's error (no room beside so wide a field)
# stands under it, and is named
for i in 1 2 3 4; do
	screen_text | grep -qF "案件队列" && break
	key Escape
	wait_for "尚未保存" 1 && key d
done
expect_screen desk-again "案件队列"
desk_key 统计与导出
expect_screen stats "统计与导出：选择期间"
key F2
expect_screen export-prompt "导出统计工作簿"
key C-k C-s
expect_screen export-file-reason "请填写文件名"
expect_screen export-file-named "请更正「文件」"
key Escape
done_tests
