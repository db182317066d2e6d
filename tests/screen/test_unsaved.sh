# test_unsaved.sh - nothing typed is thrown away by Esc, and open dialogs
# are in the draft: Esc in the claim dialog and in the agreement form asks
# 保存 / 放弃 / 继续编辑 and 继续编辑 keeps every character; a dialog
# without changes closes at once; SIGHUP with the claim dialog or the
# agreement form open keeps it in the draft, and after logging in again it
# reopens with what was typed (from the drafts screen, and for a case also
# when the case is opened again).  The other forms ask the same.
. "$(dirname "$0")/lib.sh"
DB="$T/demo.db"
"$TJ" demo --db "$DB" >/dev/null 2>"$T/demo.err" || fail "demo failed: $(cat "$T/demo.err")"
q() { sqlite3 "$DB" "$1"; }
# the program itself (not the shell tmux runs it from)
hup() {
	local pid gone=0 i
	pid=$(pgrep -f -- "^$TJ --db $DB")
	[ -n "$pid" ] && kill -HUP $pid
	for i in $(seq 1 30); do
		if ! pgrep -f -- "^$TJ --db $DB" >/dev/null; then gone=1; break; fi
		sleep 0.1
	done
	[ $gone = 1 ] && ok || fail "still running 3 s after SIGHUP"
}
q "DELETE FROM drafts"

# ---- the claim dialog ---------------------------------------------------------
start "$TJ" --db "$DB"
login clerk demo1234
expect_screen desk "工作台"
key 1
expect_screen intake "证件号码"
key Tab Tab
typ 王小五
key C-n
expect_screen picker "一级案由"
typ 0601
expect_screen picker-code "0601 拖欠工资"
key Enter
expect_screen claim-dialog "新增请求事项"
key Tab
typ 12,345
expect_screen claim-typed "12,345"
key Escape
expect_screen claim-asks "这条请求事项有修改尚未保存"
expect_screen claim-asks-keys "继续编辑"
key Escape
expect_no_screen claim-continue-no-question "尚未保存"
expect_screen claim-continue-kept "12,345"
expect_screen claim-continue-cause "0601 拖欠工资"
# typing goes on where it was
typ 6
expect_screen claim-continue-typing "12,3456"
key BSpace
# 放弃 closes it and adds nothing
key Escape
expect_screen claim-asks-again "尚未保存"
key d
expect_no_screen claim-discarded "12,345"
expect_no_screen claim-discarded-closed "请求内容请用规范用语"
# Esc at the cause picker of a new claim leaves no empty dialog behind
key C-n
expect_screen picker2 "一级案由"
key Escape
expect_no_screen claim-none-after-picker "新增请求事项"
expect_no_screen claim-none-no-question "尚未保存"
expect_screen claim-none-form "证件号码"
# a claim dialog without changes closes at once
key C-n
expect_screen picker2b "一级案由"
typ 0601
expect_screen picker2b-code "0601 拖欠工资"
key Enter
expect_screen claim-dialog2 "新增请求事项"
key Escape
expect_no_screen claim-empty-no-question "尚未保存"
expect_no_screen claim-empty-closed "请求内容请用规范用语"

# ---- SIGHUP with the claim dialog open ----------------------------------------
key C-n
typ 0602
expect_screen picker3 "0602 加班工资"
key Enter
expect_screen claim-dialog3 "新增请求事项"
key Tab
typ 7,654
expect_screen claim-typed3 "7,654"
hup
[ "$(q "SELECT count(*) FROM drafts WHERE kind = 'intake' AND body LIKE '%王小五%'
	AND body LIKE '%dialog.claim.amount=7,654%' AND body LIKE '%dialog.claim.cause=0602%'")" = 1 ] && ok ||
	fail "claim dialog not in the draft: $(q 'SELECT kind, body FROM drafts')"
start "$TJ" --db "$DB"
login clerk demo1234
expect_screen drafts-offered "未完成的表单"
expect_screen drafts-row "申请人：王小五"
key Enter
expect_screen claim-resumed "新增请求事项"
expect_screen claim-resumed-amount "7,654"
expect_screen claim-resumed-cause "0602 加班工资"
# the resumed claim counts as unsaved
key Escape
expect_screen claim-resumed-asks "这条请求事项有修改尚未保存"
# 保存 runs F2's path: the claim is added
key s
expect_screen claim-saved "7,654.00"
expect_no_screen claim-saved-closed "这条请求事项"

# ---- the intake form itself -----------------------------------------------------
key Escape
expect_screen form-asks "这份登记表有修改尚未保存"
key Escape
expect_screen form-continue "7,654.00"
expect_no_screen form-continue-no-question "尚未保存"
# 存草稿 parks the form: the desk offers it, and it comes back whole
key Escape
expect_screen form-keep-offered "c 存草稿"
key c
expect_screen form-kept "已存为草稿"
expect_screen form-kept-desk "未完成的草稿（1 份）"
[ "$(q "SELECT count(*) FROM drafts WHERE kind = 'intake' AND body LIKE '%王小五%' AND body LIKE '%7,654%'")" = 1 ] && ok ||
	fail "kept form left no draft with its name and claim: $(q 'SELECT body FROM drafts')"
desk_key 未完成的草稿
expect_screen drafts-list "调解申请登记"
key Enter
expect_screen form-kept-resumed "王小五"
key PageDown PageDown PageDown
expect_screen form-kept-resumed-claim "7,654.00"
key Escape
expect_screen form-asks2 "尚未保存"
key d
expect_screen form-discarded "工作台"
[ "$(q "SELECT count(*) FROM drafts")" = 0 ] && ok || fail "discarded form left a draft: $(q 'SELECT body FROM drafts')"
key C-q
key y
wait_exit

# ---- the agreement form -----------------------------------------------------------
row=$(q "SELECT c.id || '|' || c.case_no FROM cases c WHERE c.status = 'mediating'
	AND (SELECT count(*) FROM claims WHERE case_id = c.id) >= 1 ORDER BY c.id LIMIT 1")
cid=${row%%|*}; cno=${row#*|}
[ -n "$cid" ] && ok || fail "no mediating case in the demo"
ver=$(q "SELECT version FROM cases WHERE id = $cid")
open_case() {
	key 3
	expect_screen search "查找："
	typ "$cno"
	expect_screen found "$cno"
	key Enter
	expect_screen detail "事实与理由"
}
start "$TJ" --db "$DB"
login admin demo1234
skip_drafts
expect_screen admin-desk "案件队列"
open_case
key F3
expect_screen menu-agree "调解成功"
pick_menu 调解成功
expect_screen agree-form "协议金额"
# unchanged: Esc closes at once
key Escape
expect_no_screen agree-empty-no-question "尚未保存"
expect_no_screen agree-empty-closed "协议金额"
key F3
pick_menu 调解成功
expect_screen agree-form2 "协议金额"
key C-k
typ 4321
key Tab
typ 2026-12-31
expect_screen agree-typed "2026-12-31"
key Escape
expect_screen agree-asks "「调解成功」的内容有修改尚未保存"
key Escape
expect_no_screen agree-continue-no-question "尚未保存"
expect_screen agree-kept-date "2026-12-31"
expect_screen agree-kept-amount "4321"
[ "$(q "SELECT status FROM cases WHERE id = $cid")" = mediating ] && ok || fail "case changed by Esc"

# ---- SIGHUP with the agreement form open; resumed from the drafts screen -------
hup
[ "$(q "SELECT count(*) FROM drafts WHERE kind = 'case' AND body LIKE '%case_id=$cid%'
	AND body LIKE '%action=agree%' AND body LIKE '%f.agreed[0].pay_date=2026-12-31%' AND body LIKE '%f.agreed[0]=4321%'
	AND body LIKE '%version=$ver%'")" = 1 ] && ok ||
	fail "agreement not in the draft: $(q 'SELECT kind, body FROM drafts')"
start "$TJ" --db "$DB"
login admin demo1234
expect_screen case-drafts-offered "未完成的表单"
expect_screen case-drafts-row "案件 $cno  调解成功"
key Enter
expect_screen agree-resumed "协议金额"
expect_screen agree-resumed-date "2026-12-31"
expect_screen agree-resumed-amount "4321"
expect_screen agree-resumed-msg "已恢复草稿"

# ---- again, and resumed by opening the case -------------------------------------
hup
[ "$(q "SELECT count(*) FROM drafts WHERE kind = 'case'")" = 1 ] && ok ||
	fail "one case, one draft: $(q 'SELECT id, body FROM drafts')"
start "$TJ" --db "$DB"
login admin demo1234
expect_screen case-drafts-offered2 "未完成的表单"
key Escape
expect_screen admin-desk2 "案件队列"
open_case
expect_screen case-offer "本案有您未办完的「调解成功」表单"
key y
expect_screen agree-offer-resumed "协议金额"
expect_screen agree-offer-date "2026-12-31"
expect_screen agree-offer-amount "4321"
# 放弃: the form closes and the draft goes
key Escape
expect_screen agree-offer-asks "尚未保存"
key d
expect_no_screen agree-discarded "协议金额"
[ "$(q "SELECT count(*) FROM drafts")" = 0 ] && ok || fail "discarded agreement left a draft"
[ "$(q "SELECT status || '|' || version FROM cases WHERE id = $cid")" = "mediating|$ver" ] && ok ||
	fail "case changed: $(q "SELECT status, version FROM cases WHERE id = $cid")"
key Escape Escape
expect_screen admin-desk3 "案件队列"

# ---- a session record: autosaved while typed, kept over SIGHUP, lines and all
key C-q
key y
wait_exit
start TIAOJIE_AUTOSAVE=2 "$TJ" --db "$DB"
login admin demo1234
expect_screen admin-desk-s "案件队列"
open_case
key F3
pick_menu 记录调解
expect_screen session-form "调解记录"
key Tab Tab Tab Tab
typ "申请人到场。"
key Enter
typ "被申请人未到，另行通知。"
expect_screen session-autosaved "已自动保存草稿" 6
[ "$(q "SELECT count(*) FROM drafts WHERE kind = 'case' AND body LIKE '%action=session%'
	AND body LIKE '%f.note=申请人到场。\\n被申请人未到%'")" = 1 ] && ok ||
	fail "session record not autosaved: $(q 'SELECT body FROM drafts')"
hup
start "$TJ" --db "$DB"
login admin demo1234
expect_screen session-drafts-row "案件 $cno  记录调解"
key Enter
expect_screen session-resumed "调解记录"
expect_screen session-resumed-line1 "申请人到场。"
expect_screen session-resumed-line2 "被申请人未到，另行通知。"
key Escape
expect_screen session-asks "「记录调解」的内容有修改尚未保存"
key d
expect_no_screen session-discarded "被申请人未到"
[ "$(q "SELECT count(*) FROM drafts")" = 0 ] && ok || fail "discarded session record left a draft"
# resumed from the drafts screen: the case detail is right above the desk
key Escape
expect_screen admin-desk3b "案件队列"

# ---- the other forms: the case list's filter, the consultation log, the
# roster and the accounts
desk_key 案件查询
expect_screen list "查找："
key F4
expect_screen filter "筛选与排序"
key Escape
expect_no_screen filter-unchanged "筛选与排序"
key F4
key Right
key Escape
expect_screen filter-asks "筛选条件有修改尚未保存"
key Escape
expect_screen filter-continue "筛选与排序"
key Escape d
expect_no_screen filter-discarded "筛选与排序"
key Escape
desk_key 咨询登记
expect_screen consult "咨询登记"
key Tab Tab
typ 询问年休假
key Escape
expect_screen consult-asks "这条咨询有修改尚未保存"
key Escape
expect_screen consult-kept "询问年休假"
key Escape s
expect_screen consult-saved "已登记咨询"
expect_screen consult-saved-desk "案件队列"
[ "$(q "SELECT count(*) FROM consultations WHERE note = '询问年休假'")" = 1 ] && ok || fail "保存 did not record the consultation"
desk_key 调解员名册
expect_screen roster "调解员名册"
key F5
expect_screen roster-form "新增调解员"
key Escape
expect_no_screen roster-unchanged "最多在办案件"
key F5
typ 钱多多
key Escape
expect_screen roster-asks "新调解员的资料有修改尚未保存"
key Escape
expect_screen roster-kept "钱多多"
key Escape d
expect_no_screen roster-discarded "钱多多"
key Escape
desk_key 账号管理
expect_screen users "账号管理"
key F5
expect_screen user-form "初始密码"
typ zhangsan
key Escape
expect_screen user-asks "账号的资料有修改尚未保存"
key Escape
expect_screen user-kept "zhangsan"
key Escape d
expect_no_screen user-discarded "zhangsan"
key Escape
expect_screen admin-desk4 "案件队列"
"$TJ" check --db "$DB" >/dev/null && ok || fail "check"
done_tests
