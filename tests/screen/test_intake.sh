# test_intake.sh - a clerk registers an application from start to finish
# with the keyboard alone: Chinese text typed as UTF-8, causes picked by
# code, by Chinese text and by pinyin initials, a wrong ID number refused
# with its reason while the rest of the form stays, then saved; the
# application is offered for printing and comes out of the print command.
. "$(dirname "$0")/lib.sh"
make_db
cat >"$T/tj.conf" <<CONF
[commands]
print = cp "\$1" '$T/application.pdf'
[documents]
dir = $T/docs
CONF
start "$TJ" --db t.db --config "$T/tj.conf"
login clerk wrongpass
expect_screen wrong-password "账号或密码错误"
login clerk demo1234
expect_screen desk "工作台"
expect_screen desk-counts "待确认请求"
key 1
expect_screen intake-open "调解申请登记"
expect_screen intake-fields "证件号码"

# applicant: a wrong check digit first
key Tab
typ 110105194912310021
expect_screen id-reason "校验位错误，应为X"
key Tab
typ 张三丰
key Tab Tab
typ 13812345678
key Tab
typ 上海市徐汇区漕溪北路1号
key Tab Right Right
expect_screen household "< 农村 >"
key Tab
typ 仓库管理员
# respondent (past the applicant's agents, the row that adds an applicant and the respondent's kind)
key Tab Tab Tab Tab
typ 91350100M000100Y43
expect_screen uscc-ok "正确（新单位）"
key Tab
typ 上海某某科技有限公司
key Tab
typ 李四
key Tab
typ 执行董事
key Tab Tab Tab
typ 徐汇区
key Tab Tab Tab Tab Tab Tab
typ "申请人于2024年3月入职被申请人处，担任仓库管理员。2026年8月起被申请人拖欠工资。"
expect_screen facts-count "已输入 44 字"

# claims: by code, by Chinese text, by pinyin initials
key C-n
expect_screen picker "一级案由"
typ 0601
expect_screen picker-code "0601 拖欠工资"
key Enter
expect_screen claim-dialog "新增请求事项"
key Tab
typ 12,000
key C-s
expect_screen claim1 "12,000.00 元"
key C-n
typ 加班
expect_screen picker-chinese "0602 加班工资"
key Enter Tab
typ 3500.5
key C-s
expect_screen claim2 "3,500.50 元"
key C-n
typ wxnxj
expect_screen picker-pinyin "0701 未休年休假工资"
key Enter Tab
typ 8000
key C-s
expect_screen claim3 "8,000.00 元"
expect_screen total "请求金额合计 23,500.50 元"

# saving with the wrong ID: refused, reason shown, nothing lost
key C-s
expect_screen save-refused "请更正「证件号码」"
expect_screen id-reason-kept "校验位错误"
expect_no_screen focus-on-id "事实与理由已输入"
[ "$(sql 'SELECT count(*) FROM cases')" = 0 ] && ok || fail "case saved despite a bad ID"
# the facts further down are kept (the form scrolls to them and back)
key PageDown PageDown
expect_screen facts-kept "事实与理由已输入 44 字"
key PageUp PageUp PageUp PageUp Tab
# correct the ID
key End BSpace
typ X
expect_screen id-ok "正确（新当事人）"
expect_screen derived-sex "性别        女"
expect_screen derived-birth "出生日期    1949-12-31"
key C-s
expect_screen saved "沪劳人调〔2026〕1号"
key Enter
expect_screen print-offer "现在打印调解申请书"
key y
# the clerk stays on the new case, its next actions named
expect_screen stays-on-case "案件详情" 20
expect_screen next-actions "已登记：沪劳人调〔2026〕1号。在案件详情按 F3 办理「确认请求」「受理」"
txt=$(pdftotext "$T/application.pdf" - 2>/dev/null)
case "$txt" in *调解申请书*张三丰*) ok ;; *) fail "printed application lacks its title or the applicant" ;; esac
case "$txt" in *"沪劳人调〔2026〕1号"*) ok ;; *) fail "printed application lacks the case number" ;; esac
[ "$(sql "SELECT count(*) FROM documents WHERE kind = 'application'")" = 1 ] && ok || fail "application not recorded"
key F3
expect_screen case-actions "确认请求"
key Escape
key Escape
expect_screen back-to-desk "工作台"

# the database has the case, its parties, claims and event
[ "$(sql "SELECT status || '|' || channel || '|' || collective FROM cases")" = "registered|window|0" ] && ok ||
	fail "case row: $(sql 'SELECT * FROM cases')"
[ "$(sql "SELECT name || '|' || phone || '|' || gender || '|' || household || '|' || occupation FROM persons")" = "张三丰|13812345678|F|rural|仓库管理员" ] && ok ||
	fail "person: $(sql 'SELECT * FROM persons')"
[ "$(sql "SELECT name || '|' || legal_rep || '|' || legal_rep_title || '|' || district FROM employers")" = "上海某某科技有限公司|李四|执行董事|徐汇区" ] && ok ||
	fail "employer: $(sql 'SELECT * FROM employers')"
[ "$(sql "SELECT group_concat(cause || ':' || amount_fen, ',') FROM (SELECT * FROM claims ORDER BY ord)")" = "0601:1200000,0602:350050,0701:800000" ] && ok ||
	fail "claims: $(sql 'SELECT * FROM claims')"
[ "$(sql "SELECT count(*) FROM case_parties")" = 2 ] && ok || fail "parties"
[ "$(sql "SELECT action || '>' || after FROM events WHERE entity = 'case' AND action <> 'document'")" = "register>registered" ] && ok ||
	fail "event: $(sql 'SELECT * FROM events')"
sql "SELECT facts FROM cases" | grep -q "担任仓库管理员" && ok || fail "facts"
[ "$(sql 'SELECT count(*) FROM drafts')" = 0 ] && ok || fail "draft left behind after saving"

# help comes from the key table
key 1
expect_screen intake-again "调解申请登记"
key F1
expect_screen help "F2/^S"
expect_screen help-text "本屏幕可用的按键"
key Escape
key Escape
expect_screen desk-again "工作台"
"$TJ" check --db t.db >/dev/null && ok || fail "check after intake"
done_tests
