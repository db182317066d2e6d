# test_collective.sh - a collective dispute at 80x24 (集体争议): a case of
# ten workers with their own amounts of the first claim and two
# representatives (imported as an online platform sends it); the case
# detail marks the representatives 代表 and shows the table of amounts;
# F3 offers 推举代表, whose dialog changes one representative, and the
# table's Enter changes one worker's amount; the timeline has both lines
# ("推举代表  张一、张二 → 张一、张三", "修改申请：张五 请求1 金额
# 5,000.00 → 5,500.00"), the claim's total is the new sum, and the event
# log checks.
. "$(dirname "$0")/lib.sh"
make_db
DB="$T/t.db"
q() { sqlite3 "$DB" "$1"; }

# ten workers: valid 居民身份证 numbers, amounts 1,000.00 .. 10,000.00
python3 - "$T/app.json" <<'EOF' || fail "fixture"
import json, sys
names = ["张一", "张二", "张三", "张四", "张五", "张六", "张七", "张八", "张九", "张十"]
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
def idno(i):
    base = "11010519800101%03d" % (11 + 2 * i)
    return base + "10X98765432"[sum(int(c) * k for c, k in zip(base, w)) % 11]
apps = [{"doc_kind": "居民身份证", "doc_no": idno(i), "name": n, "phone": "13812345678",
         "address": "上海市徐汇区漕溪北路1号", "representative": i < 2} for i, n in enumerate(names)]
rec = {"channel": "窗口", "received": "2026-11-18", "applicants": apps,
       "respondents": [{"kind": "用人单位", "uscc": "91310115MA78778997", "name": "上海某某科技有限公司",
                        "legal_rep": "王某", "address": "上海市浦东新区张江路1号", "phone": "021-50000000"}],
       "claims": [{"cause": "0601", "text": "支付拖欠工资",
                   "per_worker": [{"applicant": i + 1, "amount": "%d000.00" % (i + 1)} for i in range(10)]},
                  {"cause": "0402", "text": "支付解除劳动合同经济补偿", "amount": "20000.00"}],
       "facts": "被申请人拖欠十名员工工资。"}
json.dump([rec], open(sys.argv[1], "w"), ensure_ascii=False)
EOF
"$TJ" import "$T/app.json" --db "$DB" >"$T/import.out" 2>&1 || fail "import: $(cat "$T/import.out")"
cno=$(q "SELECT case_no FROM cases WHERE collective = 1")
cid=$(q "SELECT id FROM cases WHERE collective = 1")
[ -n "$cno" ] && ok || fail "no collective case imported: $(cat "$T/import.out")"
[ "$(q "SELECT amount_fen FROM claims WHERE case_id = $cid AND ord = 1")" = 5500000 ] && ok || fail "claim 1 total"

start "$TJ" --db "$DB"
login clerk demo1234
skip_drafts
expect_screen desk "案件队列"
key 3
expect_screen search "查找："
typ "$cno"
expect_screen found "$cno"
key Enter
expect_screen detail "$cno   登记"
expect_screen marked "张一（代表）"
expect_screen detail-reps "集体争议：申请人 10 名  代表：张一、张二"
# the table further down the case
for i in 1 2 3 4; do
	screen_text | grep -qF "各申请人金额（元）" && break
	key NPage
done
expect_screen table "各申请人金额（元）"
expect_screen table-row "  1 张一   代表  1,000.00"
key Home

# 推举代表: the table with the election dialog on it
key F3
expect_screen menu "可办理的操作"
expect_screen menu-shares "修改各申请人金额"
pick_menu 推举代表
expect_screen rep-dialog "选定2至5名代表"
# 张二 out, 张三 in (the dialog starts on the first worker)
key Down Space Down Space
key F2
expect_screen elected "已推举代表：张一、张三"
expect_screen table-head "代表：张一、张三"
# a larger terminal: the totals at its foot; back to 80x24
tm resize-window -t t -x 110 -y 30
wait_for "代表：张一、张三" 3
last=$(screen_text | grep -n "     合计 " | tail -1 | cut -d: -f1)
[ "${last:-0}" -ge 27 ] && ok || { fail "totals not at the foot of 30 lines (line $last)"; screen_text >&2; }
tm resize-window -t t -x 80 -y 24
wait_for "代表：张一、张三" 3
last=$(screen_text | grep -n "     合计 " | tail -1 | cut -d: -f1)
[ "${last:-0}" -le 22 ] && [ "${last:-0}" -ge 20 ] && ok || { fail "totals not at the foot of 24 lines (line $last)"; screen_text >&2; }
[ "$(q "SELECT group_concat(ord) FROM case_parties WHERE case_id = $cid AND role = 'applicant' AND representative = 1")" = "1,3" ] &&
	ok || fail "representatives: $(q "SELECT ord, representative FROM case_parties WHERE case_id = $cid")"

# a worker's amount: 张五's of 请求1, from 5,000.00 to 5,500.00
for i in 1 2 3 4 5 6 7 8 9 10; do
	selected_line | grep -qF "  5 张五" && break
	key Down
done
selected_line | grep -qF "5,000.00" && ok || { fail "张五's cell not selected"; screen_text >&2; }
key Enter
expect_screen cell-dialog "张五 请求1 [0601"
key C-k
typ "5500"
key F2
expect_screen cell-saved "已修改申请人5 张五 请求1的金额"
expect_screen cell-shown "5,500.00"
expect_screen total-shown "55,500.00"
[ "$(q "SELECT amount_fen FROM claims WHERE case_id = $cid AND ord = 1")" = 5550000 ] && ok ||
	fail "claim total: $(q "SELECT ord, amount_fen FROM claims WHERE case_id = $cid")"

# bad input stays at the field, nothing saved
key Enter
expect_screen cell-again "张五 请求1 [0601"
key C-k
typ "5x"
key F2
expect_screen cell-error "金额"
[ "$(q "SELECT amount_fen FROM claims WHERE case_id = $cid AND ord = 1")" = 5550000 ] && ok || fail "bad amount saved"
key Escape
expect_screen unsaved-asked "放弃"
key d

# back on the case: the timeline has both acts
key Escape
expect_screen detail-again "$cno   登记"
expect_screen detail-reps-again "集体争议：申请人 10 名  代表：张一、张三"
for i in 1 2 3 4 5 6 7 8; do
	screen_text | grep -qF "修改申请：张五 请求1 金额 5,000.00 → 5,500.00" && break
	key NPage
done
expect_screen timeline-amount "修改申请：张五 请求1 金额 5,000.00 → 5,500.00"
expect_screen timeline-total "修改申请：请求1 金额 55,000.00 → 55,500.00"
expect_screen timeline-rep "推举代表  张一、张二 → 张一、张三"

[ "$(q "SELECT count(*) FROM events WHERE case_id = $cid AND action = 'represent' AND before = '张一、张二' AND after = '张一、张三'")" = 1 ] &&
	ok || fail "represent event: $(q "SELECT action, before, after FROM events WHERE case_id = $cid ORDER BY id DESC LIMIT 4")"
"$TJ" check --db "$DB" >/dev/null 2>&1 && ok || fail "check: $("$TJ" check --db "$DB" 2>&1)"

# a dialog half typed is kept over SIGHUP and offered again
key Home
key F3
pick_menu 修改各申请人金额
expect_screen table-again "代表：张一、张三"
for i in 1 2 3 4 5 6 7 8 9 10; do
	selected_line | grep -qF "  6 张六" && break
	key Down
done
key Enter
expect_screen cell-6 "申请人6 张六 请求1 [0601"
key C-k
typ "6600"
pid=$(pgrep -f -- "^$TJ --db $DB")
[ -n "$pid" ] && kill -HUP $pid
for i in $(seq 1 30); do pgrep -f -- "^$TJ --db $DB" >/dev/null || break; sleep 0.1; done
pgrep -f -- "^$TJ --db $DB" >/dev/null && fail "still running 3 s after SIGHUP" || ok
body=$(q "SELECT body FROM drafts WHERE kind = 'case'")
for want in "action=shares" "claim=1" "applicant=6" "f.amount=6600"; do
	case "$body" in *"$want"*) ok ;; *) fail "the draft lacks $want: $body" ;; esac
done
start "$TJ" --db "$DB"
login clerk demo1234
expect_screen drafts-offered "未完成的表单"
key Enter
expect_screen cell-resumed "申请人6 张六 请求1 [0601"
expect_screen cell-resumed-amount "6600"
key F2
expect_screen cell-6-saved "已修改申请人6 张六 请求1的金额：6,600.00 元"
[ "$(q "SELECT amount_fen FROM claims WHERE case_id = $cid AND ord = 1")" = 5610000 ] && ok ||
	fail "claim total after the draft: $(q "SELECT ord, amount_fen FROM claims WHERE case_id = $cid")"
[ "$(q "SELECT count(*) FROM drafts")" = 0 ] && ok || fail "the draft stayed"

# leave the program: it ends cleanly (under the sanitizers, no report)
key F10
key F10
key F12
wait_for "确定" 2 && key y
wait_exit && ok || fail "the program did not end"
grep -q "EXITED 0" "$T/app.out" && ok || fail "exit: $(cat "$T/app.out")"
grep -qE "ERROR: (Address|Leak)Sanitizer|runtime error" "$T/app.err" && fail "sanitizer: $(head -20 "$T/app.err")" || ok
done_tests
