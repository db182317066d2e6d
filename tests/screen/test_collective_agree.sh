#!/bin/bash
# test_collective_agree.sh - the agreement of a collective dispute at
# 80x24: the dialog asks each worker's agreed part of a claim with
# per-worker amounts (prefilled with his own amount), refuses a part over
# his own amount at that worker's field, and records each part; the other
# claim is recorded as withdrawn by the applicants (申请人撤回); the third,
# against two companies not jointly liable, takes what each pays.  The
# agreement then lists what each worker gets, says the second claim was
# withdrawn (never 放弃), and names each company's part of the third.
. "$(dirname "$0")/lib.sh"
DB="$T/demo.db"
"$TJ" demo --db "$DB" >/dev/null 2>"$T/demo.err" || fail "demo failed: $(cat "$T/demo.err")"
q() { sqlite3 -cmd ".timeout 10000" "$DB" "$1"; }
# the session recorded below starts now (10:00): none of the demo's this
# morning in its way
q "DELETE FROM sessions WHERE day = '${TIAOJIE_NOW%% *}' AND start < '11:00'"

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
                        "legal_rep": "王某", "address": "上海市浦东新区张江路1号", "phone": "021-50000000"},
                       {"kind": "用工单位", "uscc": "91310000MA1FL0BQ7K", "name": "上海某某物业有限公司",
                        "legal_rep": "赵某", "address": "上海市静安区某路2号", "phone": "021-60000000"}],
       "claims": [{"cause": "0601", "text": "支付拖欠工资", "against": [1],
                   "per_worker": [{"applicant": i + 1, "amount": "%d000.00" % (i + 1)} for i in range(10)]},
                  {"cause": "0402", "text": "支付解除劳动合同经济补偿", "amount": "20000.00", "against": [1]},
                  {"cause": "0602", "text": "支付延时加班工资", "amount": "8000.00", "against": [1, 2]}],
       "facts": "被申请人拖欠十名员工工资。"}
json.dump([rec], open(sys.argv[1], "w"), ensure_ascii=False)
EOF
"$TJ" import "$T/app.json" --db "$DB" >"$T/import.out" 2>&1 || fail "import: $(cat "$T/import.out")"
cid=$(q "SELECT max(id) FROM cases WHERE collective = 1")
cno=$(q "SELECT case_no FROM cases WHERE id = $cid")
[ -n "$cno" ] && ok || fail "no collective case imported: $(cat "$T/import.out")"

start "$TJ" --db "$DB"
login admin demo1234
skip_drafts
expect_screen desk "案件队列"
key 3
expect_screen search "查找："
typ "$cno"
expect_screen found "$cno"
key Enter
expect_screen detail "$cno   登记"

key F3
pick_menu 确认请求
expect_screen confirm-form "请求事项（规范文本）"
key C-s
expect_screen confirmed "已办理：确认请求"
key F3
pick_menu 受理
expect_screen accept-question "受理案件"
key y
expect_screen accepted "已办理：受理"
key F3
pick_menu 分派调解员
expect_screen assign-screen "在办/上限"
key Enter
expect_screen assign-confirm "分派给"
key y
expect_screen assigned "已分派："
key F3
pick_menu 记录调解
expect_screen session-form "调解记录"
key Tab Tab Tab Tab
typ "十名申请人的代表到场，就工资数额达成一致意见。"
# who came, for the 调解笔录
key Tab
typ "申请人代表张一、张二，被申请人委托代理人李律师"
key C-s
expect_screen mediating "调解中"
[ "$(q "SELECT attendance || '|' || (recorded_by = (SELECT id FROM users WHERE login = 'admin')) FROM sessions
	WHERE case_id = $cid AND status = 'held'")" = "申请人代表张一、张二，被申请人委托代理人李律师|1" ] && ok ||
	fail "session: $(q "SELECT * FROM sessions WHERE case_id = $cid")"

# the agreement: each worker's part of claim 1, prefilled with his own
key F3
pick_menu 调解成功
expect_screen agree-form "各申请人的协议金额"
expect_screen share-prefilled "1.张一"
expect_screen share-amount "1,000.00"
# 张一 800, 张二 more than his own 2,000 at first
key C-k
typ 800
key Tab C-k
typ 2500
# the other eight as prefilled; the date; claim 2 withdrawn
for i in 3 4 5 6 7 8 9 10; do key Tab; done
key Tab
typ 2026-12-31
# claim 1's result, claim 2's amount, date and result: 申请人撤回
key Tab Tab Tab Tab
key Right Right
# claim 3, against both companies, not jointly: what each pays
key Tab Tab
expect_screen payers "各被申请人支付的金额"
expect_screen payer-1 "被申请人1 上海某某科技有限公司："
expect_screen payer-2 "被申请人2 上海某某物业有限公司："
typ 5000
key Tab
typ 3000
key Tab
typ 2026-12-31
key C-s
expect_screen over-own "不能超过该申请人的请求金额（2,000.00元）"
[ "$(q "SELECT status FROM cases WHERE id = $cid")" = mediating ] && ok || fail "refused agreement saved"
# back at 张二's field: 1,500 instead
key C-k
typ 1500
key C-s
expect_screen agreed "已办理：调解成功"

[ "$(q "SELECT status FROM cases WHERE id = $cid")" = agreed ] && ok || fail "status: $(q "SELECT status FROM cases WHERE id = $cid")"
# 800 + 1,500 + 3,000 + ... + 10,000 = 54,300
[ "$(q "SELECT agreed_fen || '|' || pay_date FROM claims WHERE case_id = $cid AND ord = 1")" = "5430000|2026-12-31" ] && ok ||
	fail "claim 1: $(q "SELECT * FROM claims WHERE case_id = $cid AND ord = 1")"
[ "$(q "SELECT group_concat(s.applicant || ':' || s.agreed_fen, ',') FROM claim_shares s JOIN claims k ON k.id = s.claim_id
	WHERE k.case_id = $cid AND k.ord = 1")" = "1:80000,2:150000,3:300000,4:400000,5:500000,6:600000,7:700000,8:800000,9:900000,10:1000000" ] && ok ||
	fail "parts: $(q "SELECT * FROM claim_shares")"
[ "$(q "SELECT group_concat(p.respondent || ':' || p.agreed_fen, ',') FROM claim_payers p JOIN claims k ON k.id = p.claim_id
	WHERE k.case_id = $cid AND k.ord = 3")" = "1:500000,2:300000" ] && ok || fail "payers: $(q "SELECT * FROM claim_payers")"
[ "$(q "SELECT coalesce(agreed_fen, '-') || '|' || waived || withdrawn FROM claims WHERE case_id = $cid AND ord = 2")" = "-|01" ] && ok ||
	fail "claim 2: $(q "SELECT * FROM claims WHERE case_id = $cid AND ord = 2")"
q "SELECT after FROM events WHERE case_id = $cid AND action = 'note' ORDER BY id DESC LIMIT 1" |
	grep -qF "第1项 54,300.00元，2026-12-31前支付（其中申请人1 800.00元、申请人2 1,500.00元、申请人3 3,000.00元" && ok ||
	fail "event: $(q "SELECT after FROM events WHERE case_id = $cid AND action = 'note' ORDER BY id DESC LIMIT 1")"
key F10
key F10
key F12
wait_for "确定" 2 && key y
wait_exit && ok || fail "the program did not end"
grep -qE "ERROR: (Address|Leak)Sanitizer|runtime error" "$T/app.err" && fail "sanitizer: $(head -20 "$T/app.err")" || ok

"$TJ" doc --db "$DB" "$cno" agreement >"$T/agreement.txt" 2>"$T/doc.err" ||
	fail "doc: $(cat "$T/doc.err")"
grep -qF "　　其中张一：人民币800.00元（大写：捌佰元整）" "$T/agreement.txt" && ok || fail "张一's part: $(grep -F 其中 "$T/agreement.txt")"
grep -qF "　　其中张十：人民币10,000.00元（大写：壹万元整）" "$T/agreement.txt" && ok || fail "张十's part"
grep -qF "共计人民币54,300.00元（大写：伍万肆仟叁佰元整）（各申请人的金额见下）" "$T/agreement.txt" && ok || fail "the sum"
grep -qF "2. 关于第2项请求（" "$T/agreement.txt" && grep -qF "：申请人撤回该项请求。" "$T/agreement.txt" && ok || fail "claim 2 withdrawn"
grep -qF "同意分别支付申请人张一等10人共计人民币8,000.00元（大写：捌仟元整），其中上海某某科技有限公司支付人民币5,000.00元、上海某某物业有限公司支付人民币3,000.00元，于2026年12月31日前" "$T/agreement.txt" && ok ||
	fail "claim 3: $(grep -F "关于第3项" "$T/agreement.txt")"
grep -qF "放弃" "$T/agreement.txt" && fail "放弃 in an agreement where nothing was given up" || ok
# the 调解笔录 names its recorder and who came
"$TJ" doc --db "$DB" "$cno" record >"$T/record.txt" 2>"$T/doc.err" || fail "record: $(cat "$T/doc.err")"
admin_name=$(q "SELECT display_name FROM users WHERE login = 'admin'")
grep -qxF "记录人：$admin_name" "$T/record.txt" && ok || fail "recorder: $(head -12 "$T/record.txt")"
grep -qxF "到场人员：申请人代表张一、张二，被申请人委托代理人李律师" "$T/record.txt" && ok || fail "attendance"
grep -qF "记录人$admin_name（签名）" "$T/record.txt" && ok || fail "recorder signs"
"$TJ" --db "$DB" check >"$T/check.out" 2>&1 && ok || fail "check: $(cat "$T/check.out")"
done_tests
