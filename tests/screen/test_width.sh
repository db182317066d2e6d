# test_width.sh - what the clerk must check is on the 80x24 screen whole:
# every claim's amount in the case detail and in the intake form (long
# claim texts used to push them off the edge), the text pushed to the
# applicant in full and never split inside a number, the selected case's
# names in full under the case list, a foreign nationality apart from the
# address.
. "$(dirname "$0")/lib.sh"
DB="$T/demo.db"
"$TJ" demo --db "$DB" >/dev/null 2>"$T/demo.err" || fail "demo failed: $(cat "$T/demo.err")"
q() { sqlite3 "$DB" "$1"; }

# a registered case given three claims with long texts full of numbers
# and known amounts
row=$(q "SELECT c.id || '|' || c.case_no FROM cases c WHERE c.status = 'registered' AND c.collective = 0
	ORDER BY c.id DESC LIMIT 1")
[ -n "$row" ] && ok || fail "no registered case in the demo"
cid=${row%%|*}
cno=${row#*|}
q "DELETE FROM claims WHERE case_id = $cid;
	INSERT INTO claims(case_id, ord, cause, text, amount_fen) VALUES
	($cid, 1, '0601', '要求被申请人支付2025年10月1日至2026年10月31日期间的工资差额共计12,345元', 1234500),
	($cid, 2, '0602', '要求被申请人支付2025年10月1日至2026年10月31日期间的加班工资共计38,600元', 3860000),
	($cid, 3, '0401', '要求被申请人支付违法解除劳动合同赔偿金，自2019年3月1日起工作年限共计7年8个月', 10000003);" ||
	fail "could not give the case three claims"
rname=$(q "SELECT e.name FROM case_parties cp JOIN employers e ON e.id = cp.employer_id
	WHERE cp.case_id = $cid AND cp.role = 'respondent' ORDER BY cp.ord LIMIT 1")
[ "$(printf %s "$rname" | wc -m)" -gt 7 ] && ok || fail "respondent name too short to test: $rname"
# a case whose applicant is foreign and has an address
frow=$(q "SELECT c.case_no || '|' || p.nationality FROM persons p JOIN case_parties cp ON cp.person_id = p.id
	JOIN cases c ON c.id = cp.case_id WHERE p.nationality <> '中国' AND p.address <> '' AND c.collective = 0
	ORDER BY c.id DESC LIMIT 1")
fno=${frow%%|*}
fnat=${frow#*|}

start "$TJ" --db "$DB"
login clerk demo1234
skip_drafts
expect_screen desk "案件队列"

# the case list: the selected case's names in full below the list
key 3
expect_screen search "查找："
typ "${cno#*第}"
expect_screen found "$cno"
expect_screen list-full-name "被申请人 $rname"

# the case detail: each claim's first line ends with its amount
key Enter
expect_screen detail "请求事项"
pages=$(screen_text; key NPage; screen_text)
for want in "1\\. \\[[^]]*\\] +12,345\\.00 元" "2\\. \\[[^]]*\\] +38,600\\.00 元" "3\\. \\[[^]]*\\] +100,000\\.03 元"; do
	if printf '%s\n' "$pages" | grep -qE "$want"; then ok; else
		fail "detail lacks a claim line matching '$want':"
		printf '%s\n' "$pages" >&2
	fi
done

# the text pushed to the applicant: whole (scrolling), no number split
key F3
expect_screen menu "可办理的操作"
pick_menu 确认请求
expect_screen confirm-form "请求事项（规范文本）"
# the lines of the text box, down to its end, scrolling with Down
box_lines() {
	screen_text | python3 -c '
import re, sys
rows = sys.stdin.read().split("\n")
on = False
for r in rows:
    if "请求事项（规范文本）" in r:
        on = True
        continue
    if "推送给申请人" in r:
        break
    if on:
        inner = r.split("|")[1] if r.count("|") >= 2 else ""
        inner = re.sub(r"^ *(上下键滚动|[0-9]+/[0-9]+行)? *", "", inner).rstrip()
        print(inner)
'
}
joined() { printf '%s' "$all" | tr -d '\n'; }
key Up # from the push row into the text, where Down scrolls
all=$(box_lines)
for i in 1 2 3 4 5 6 7 8 9 10; do
	joined | grep -qF "请回复确认" && break
	key Down
	all=$(printf '%s\n%s' "$all" "$(box_lines | tail -n 1)")
done
joined | grep -qF "请回复确认" && ok || { fail "pushed text not shown to its end:"; printf '%s\n' "$all" >&2; }
joined | grep -qF "12,345元 12,345.00元" && ok || fail "pushed text lacks the first claim whole"
joined | grep -qF "$cno" && ok || fail "pushed text lacks the case number"
split=$(printf '%s\n' "$all" | python3 -c '
import sys
lines = [l for l in sys.stdin.read().split("\n") if l]
for a, b in zip(lines, lines[1:]):
    if a[-1:].isdigit() and (b[:1].isdigit() or b[:1] == ","):
        print(a[-12:] + " / " + b[:12])
')
[ -z "$split" ] && ok || fail "number split across lines of the pushed text: $split"
key Escape
wait_for "可办理的操作" 1 && key Escape
key Escape
expect_screen back-to-list "查找："

# a foreign applicant: the nationality labelled, apart from the address
if [ -n "$fno" ]; then
	key C-k
	typ "${fno#*第}"
	expect_screen found-foreign "$fno"
	key Enter
	expect_screen nationality "国籍 $fnat  "
	key Escape
	expect_screen back-again "查找："
else
	fail "no foreign applicant with an address in the demo"
fi
key Escape
expect_screen desk-again "案件队列"

# the intake form: three claims with long texts, every amount visible
key 1
expect_screen intake "调解申请登记"
add_claim() { # CODE TEXT AMOUNT
	key C-n
	expect_screen "picker-$1" "一级案由"
	typ "$1"
	key Enter
	expect_screen "claim-$1" "新增请求事项"
	typ "$2"
	key Tab
	typ "$3"
	key C-s
	wait_for "请求事项已" 3
}
add_claim 0601 "，自2026年2月至2026年7月共计6个月，每月工资10,500元" 63000
add_claim 0602 "，自2025年1月至2026年6月休息日加班共计48天" 24137.93
add_claim 0401 "，按二倍经济补偿标准计算共计105,000元" 105000
for amt in 63,000.00 24,137.93 105,000.00; do
	expect_screen "intake-amount-$amt" "$amt"
done
expect_screen intake-total "请求金额合计 192,137.93 元"
done_tests
