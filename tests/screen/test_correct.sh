# test_correct.sh - correcting an application from the screens (修改申请),
# at 80x24: a clerk confirms a registered case's claims, then F3 offers
# 修改申请 and opens the intake form filled from the case; the amount of
# the first claim is changed, the form says before saving that the
# applicant must confirm again, asks, and saves; the case detail is back
# with the timeline line and the status 登记, and the database has the
# amount, the events and the confirmation cleared.
# Then a case with two respondents and an agent (imported, confirmed):
# the agent's name is corrected in the agent dialog (no word of the
# confirmation) and the second claim is turned from the first respondent
# to the second in the claim dialog (the form says the confirmation goes,
# and asks); both changes are in the timeline and the database (the agent
# row, the claim's respondents, one event each), the case is 登记 again.
# Then its first respondent is removed (not the second: claim 2 names it
# alone); the second takes number 1, claim 2 still against it.
# Then a collective case: the third applicant's phone is corrected in
# the applicant dialog (the form's own fields are the first applicant's),
# the dialog half typed kept over SIGHUP.
# Last, a correction that races an administrator's confirmation at
# another terminal: refused with what the case now holds, nothing typed
# lost, saved with F2 again.
. "$(dirname "$0")/lib.sh"
DB="$T/demo.db"
"$TJ" demo --db "$DB" --cases 300 --seed 1 >/dev/null 2>"$T/demo.err" || fail "demo failed: $(cat "$T/demo.err")"
q() { sqlite3 "$DB" "$1"; }
row=$(q "SELECT c.id || '|' || c.case_no || '|' || k.amount_fen FROM cases c JOIN claims k ON k.case_id = c.id AND k.ord = 1
	WHERE c.status = 'registered' AND c.collective = 0 AND k.amount_fen > 0 ORDER BY c.id DESC LIMIT 1")
[ -n "$row" ] && ok || fail "no registered case with an amount in the demo"
cid=${row%%|*}; rest=${row#*|}; cno=${rest%%|*}; fen=${rest#*|}
money() { printf '%d.%02d' $(($1 / 100)) $(($1 % 100)) | sed -E ':a;s/^([0-9]+)([0-9]{3})/\1,\2/;ta'; }
old=$(money "$fen")
new_fen=$((fen + 50000))
new=$(money "$new_fen")

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

# the applicant confirms the claims (by phone)
key F3
pick_menu 确认请求
expect_screen confirm-form "请求事项（规范文本）"
key C-s
expect_screen confirmed "已办理：确认请求"
expect_screen status-confirmed "$cno   已确认"

# 修改申请: the intake form, filled from the case
key F3
expect_screen menu "可办理的操作"
expect_screen menu-edit "修改申请"
pick_menu 修改申请
expect_screen form-title "修改申请"
expect_screen form-filled "$(q "SELECT name FROM case_parties WHERE case_id = $cid AND role = 'applicant' AND ord = 1")"
screen_text | grep -qF "修改请求事项后需申请人重新确认" && fail "warned before any change" || ok

# to the first claim's row, and its amount
for i in $(seq 1 25); do
	selected_line | grep -qF " 1. " && break
	key Tab
done
selected_line | grep -qF "$old 元" && ok || { fail "first claim ($old) not reached"; screen_text >&2; }
key F6
expect_screen claim-dialog "修改请求事项"
key Tab C-k
typ "$new"
key C-s
expect_screen claim-changed "$new 元"
expect_screen warned "修改请求事项后需申请人重新确认"
[ "$(q "SELECT amount_fen FROM claims WHERE case_id = $cid AND ord = 1")" = "$fen" ] && ok || fail "saved before F2"

# F2: asked first, then saved; back on the case
key F2
expect_screen asked "保存修改吗"
expect_screen asked-why "修改请求事项后需申请人重新确认"
key y
expect_screen saved "已修改申请（1 处）"
expect_screen status-registered "$cno   登记"
for i in 1 2 3 4 5 6; do
	screen_text | grep -qF "修改申请：请求1 金额 $old → $new" && break
	key NPage
done
expect_screen timeline "修改申请：请求1 金额 $old → $new"
expect_screen timeline-status "确认失效  已确认 → 登记"
expect_screen timeline-note "修改请求事项后需申请人重新确认"

# the database
[ "$(q "SELECT amount_fen FROM claims WHERE case_id = $cid AND ord = 1")" = "$new_fen" ] && ok ||
	fail "amount: $(q "SELECT amount_fen FROM claims WHERE case_id = $cid")"
[ "$(q "SELECT status || '|' || coalesce(confirm_how, '-') || '|' || coalesce(confirmed_at, '-') FROM cases WHERE id = $cid")" = "registered|-|-" ] &&
	ok || fail "case row: $(q "SELECT status, confirm_how, confirmed_at FROM cases WHERE id = $cid")"
[ "$(q "SELECT count(*) FROM events WHERE case_id = $cid AND action = 'edit' AND before = '请求1 金额：$old' AND after = '请求1 金额：$new'")" = 1 ] &&
	ok || fail "edit event: $(q "SELECT action, before, after FROM events WHERE case_id = $cid ORDER BY id DESC LIMIT 4")"
"$TJ" check --db "$DB" >/dev/null 2>&1 && ok || fail "check: $("$TJ" check --db "$DB" 2>&1)"

key F10
key F10

# ---- an agent and a claim's respondents ------------------------------------
sed -e 's/WX-2026-000123/COR-1/' "$SRCDIR/tests/cmd/data/application_example.json" >"$T/app.json"
"$TJ" import --db "$DB" "$T/app.json" >"$T/import.out" 2>&1 || fail "import: $(cat "$T/import.out")"
cid=$(q "SELECT id FROM cases WHERE external_id = 'COR-1'")
cno=$(q "SELECT case_no FROM cases WHERE id = $cid")
[ "$(q "SELECT against FROM claims WHERE case_id = $cid AND ord = 2")" = 1 ] && ok || fail "claim 2 not against respondent 1"

start "$TJ" --db "$DB"
login clerk demo1234
skip_drafts
expect_screen desk2 "案件队列"
key 3
expect_screen search2 "查找："
typ "$cno"
expect_screen found2 "$cno"
key Enter
expect_screen detail2 "$cno   登记"
# confirmed first: a change of whom a claim is against undoes it
key F3
pick_menu 确认请求
expect_screen confirm-form2 "请求事项（规范文本）"
key C-s
expect_screen status-confirmed2 "$cno   已确认"
key F3
expect_screen menu2 "修改申请"
pick_menu 修改申请
expect_screen form2 "修改申请"
# a passport holder's typed sex and birth date are on the form
expect_screen form2-sex "< 男 >"
expect_screen form2-birth "1990-05-17"

# the applicant's agent, in its dialog
for i in $(seq 1 30); do
	selected_line | grep -qF "委托代理人1：李律师" && break
	key Tab
done
selected_line | grep -qF "委托代理人1：李律师" && ok || { fail "agent row not reached"; screen_text >&2; }
key F6
expect_screen agent-dialog "修改申请人的委托代理人"
key C-k
typ "王律师"
key C-s
expect_screen agent-changed "委托代理人1：王律师"
expect_no_screen agent-no-reset "修改请求事项后需申请人重新确认"

# the second claim: against the second respondent instead of the first
for i in $(seq 1 40); do
	selected_line | grep -qF " 2. " && break
	key Tab
done
selected_line | grep -qF "（被申请人1）" && ok || { fail "claim 2 not reached"; screen_text >&2; }
key F6
expect_screen claim-dialog2 "修改请求事项"
key Tab Tab
key Right
expect_screen against-choice "< 被申请人2 上海某某劳务派遣"
key C-s
expect_screen claim-against "（被申请人2）"
expect_screen warned2 "修改请求事项后需申请人重新确认"
key F2
expect_screen asked2 "保存修改吗"
key y
expect_screen saved2 "已修改申请（2 处）"
expect_screen status2 "$cno   登记"
for i in 1 2 3 4 5 6; do
	screen_text | grep -qF "修改申请：申请人 代理人1 姓名 李律师 → 王律师" && break
	key NPage
done
expect_screen timeline-agent "修改申请：申请人 代理人1 姓名 李律师 → 王律师"
expect_screen timeline-against "修改申请：请求2 被申请人 上海某某科技有限公司 →"

[ "$(q "SELECT name || '|' || kind || '|' || authority FROM case_agents WHERE case_id = $cid AND role = 'applicant'")" = "王律师|lawyer|special" ] &&
	ok || fail "agent: $(q "SELECT * FROM case_agents WHERE case_id = $cid")"
# (claim 1, against both jointly, is now "all of them": the same two)
[ "$(q "SELECT coalesce(against, '1,2') || '|' || joint FROM claims WHERE case_id = $cid ORDER BY ord")" = "$(printf '1,2|1\n2|0')" ] &&
	ok || fail "claims: $(q "SELECT ord, against, joint FROM claims WHERE case_id = $cid")"
[ "$(q "SELECT count(*) FROM events WHERE case_id = $cid AND action = 'edit' AND before = '请求2 被申请人：上海某某科技有限公司' AND after = '请求2 被申请人：上海某某劳务派遣有限公司'")" = 1 ] &&
	ok || fail "against event: $(q "SELECT before, after FROM events WHERE case_id = $cid AND action = 'edit'")"
"$TJ" check --db "$DB" >/dev/null 2>&1 && ok || fail "check: $("$TJ" check --db "$DB" 2>&1)"

# a respondent removed: not the one claim 2 names alone; the other one
# is, and the one left takes number 1 with claim 2 still against it
key F3
expect_screen menu2b "修改申请"
pick_menu 修改申请
expect_screen form2b "修改申请"
for i in $(seq 1 40); do
	selected_line | grep -qF "上海某某劳务派遣有限公司" && break
	key Tab
done
key F8
expect_screen remove-refused "第2项请求针对被申请人2，请先修改该项请求"
for i in $(seq 1 20); do
	selected_line | grep -qF "上海某某科技有限公司" && break
	key BTab
done
key F8
expect_screen remove-asked "删除被申请人1 上海某某科技有限公司"
key y
expect_screen removed "已删除被申请人1"
key F2
expect_screen saved2b "已修改申请（3 处）"
for i in 1 2 3 4 5 6; do
	screen_text | grep -qF "修改申请：删除被申请人1：上海某某科技有限公司" && break
	key NPage
done
expect_screen timeline-removed "修改申请：删除被申请人1：上海某某科技有限公司"
[ "$(q "SELECT group_concat(ord || ' ' || name) FROM case_parties WHERE case_id = $cid AND role = 'respondent'")" = "1 上海某某劳务派遣有限公司" ] &&
	ok || fail "respondents: $(q "SELECT ord, name FROM case_parties WHERE case_id = $cid AND role = 'respondent'")"
[ "$(q "SELECT group_concat(ord || ':' || coalesce(against, '*') || ':' || joint, ' ') FROM claims WHERE case_id = $cid")" = "1:*:0 2:*:0" ] &&
	ok || fail "claims: $(q "SELECT ord, against, joint FROM claims WHERE case_id = $cid")"
# (only the earlier correction's line for claim 2)
[ "$(q "SELECT count(*) FROM events WHERE case_id = $cid AND action = 'edit' AND before LIKE '请求2%'")" = 1 ] &&
	ok || fail "claim 2 logged as changed: $(q "SELECT before, after FROM events WHERE case_id = $cid AND action = 'edit'")"
"$TJ" check --db "$DB" >/dev/null 2>&1 && ok || fail "check: $("$TJ" check --db "$DB" 2>&1)"

key F10
key F10

# ---- an applicant after the first ------------------------------------------
row=$(q "SELECT c.id || '|' || c.case_no || '|' || p.phone FROM cases c JOIN case_parties p ON p.case_id = c.id
	AND p.role = 'applicant' AND p.ord = 3 WHERE c.status IN ('registered', 'confirmed', 'accepted')
	AND c.mediator_id IS NULL AND p.id_type = 'id' ORDER BY c.id LIMIT 1")
[ -n "$row" ] && ok || fail "no open case with three applicants in the demo"
cid=${row%%|*}; rest=${row#*|}; cno=${rest%%|*}; oldphone=${rest#*|}
newphone=13900000003
[ "$oldphone" != "$newphone" ] || newphone=13900000004
start "$TJ" --db "$DB"
login clerk demo1234
skip_drafts
expect_screen desk3 "案件队列"
key 3
expect_screen search3 "查找："
typ "$cno"
expect_screen found3 "$cno"
key Enter
expect_screen detail3 "$cno"
key F3
expect_screen menu3 "修改申请"
pick_menu 修改申请
expect_screen form3 "修改申请"
for i in $(seq 1 30); do
	selected_line | grep -qF "申请人3：" && break
	key Tab
done
selected_line | grep -qF "申请人3：" && ok || { fail "applicant 3's row not reached"; screen_text >&2; }
key F6
expect_screen applicant-dialog "修改申请人3"
key Tab Tab Tab Tab
key C-k
typ "$newphone"
# SIGHUP with the dialog half typed: the correction's draft keeps it, and
# the next login opens the form and the dialog again as they were
pid=$(pgrep -f -- "^$TJ --db $DB")
[ -n "$pid" ] && kill -HUP $pid
for i in $(seq 1 30); do pgrep -f -- "^$TJ --db $DB" >/dev/null || break; sleep 0.1; done
body=$(q "SELECT body FROM drafts WHERE kind = 'intake'")
for want in "correct.case_id=$cid" "dialog.applicant.index=1" "dialog.applicant.p.phone=$newphone" "other[1].phone=$oldphone"; do
	case "$body" in *"$want"*) ok ;; *) fail "the draft lacks $want: $body" ;; esac
done
start "$TJ" --db "$DB"
login clerk demo1234
expect_screen drafts-offered "未完成的表单"
key Enter
expect_screen resumed "已恢复草稿"
expect_screen resumed-dialog "修改申请人3"
expect_screen resumed-phone "$newphone"
key C-s
expect_screen applicant-changed "申请人3已修改"
key F2
expect_screen saved3 "已修改申请（1 处）"
for i in 1 2 3 4 5 6 7 8 9 10; do
	screen_text | grep -qF "修改申请：申请人3 电话 $oldphone → $newphone" && break
	key NPage
done
expect_screen timeline-applicant3 "修改申请：申请人3 电话 $oldphone → $newphone"
[ "$(q "SELECT phone FROM case_parties WHERE case_id = $cid AND role = 'applicant' AND ord = 3")" = "$newphone" ] &&
	ok || fail "applicant 3: $(q "SELECT ord, phone FROM case_parties WHERE case_id = $cid AND role = 'applicant'")"
"$TJ" check --db "$DB" >/dev/null 2>&1 && ok || fail "check: $("$TJ" check --db "$DB" 2>&1)"

key F10
key F10

# ---- a correction that races another user's change ---------------------------
# The clerk has a phone typed on the correction form when an administrator,
# at another terminal, confirms the case's claims: F2 is refused with what
# the case now holds, the phone typed is still there, and F2 again saves it
# over the case as it now is (the confirmation stays: no claim changed).
row=$(q "SELECT c.id || '|' || c.case_no || '|' || p.phone FROM cases c JOIN case_parties p ON p.case_id = c.id
	AND p.role = 'applicant' AND p.ord = 1 WHERE c.status = 'registered' AND c.external_id IS NULL
	AND (SELECT count(*) FROM case_parties x WHERE x.case_id = c.id AND x.role = 'applicant') = 1
	ORDER BY c.id LIMIT 1")
[ -n "$row" ] && ok || fail "no registered case left in the demo"
cid=${row%%|*}; rest=${row#*|}; cno=${rest%%|*}; oldphone=${rest#*|}
newphone=13900000007
start "$TJ" --db "$DB"
login clerk demo1234
skip_drafts
expect_screen desk4 "案件队列"
key 3
expect_screen search4 "查找："
typ "$cno"
expect_screen found4 "$cno"
key Enter
expect_screen detail4 "$cno   登记"
key F3
expect_screen menu4 "修改申请"
pick_menu 修改申请
expect_screen form4 "修改申请"
for i in $(seq 1 12); do
	selected_line | grep -qF "联系电话" && break
	key Tab
done
key C-k
typ "$newphone"
expect_screen typed4 "联系电话    $newphone"

# the administrator, at another terminal
tm new-session -d -s u -x 80 -y 24 "cd '$T' && env TIAOJIE_SYNC='$T/sync2' $TJ --db '$DB' 2>>'$T/app2.err'; sleep 600"
TGT=u SYNCF="$T/sync2"
wait_for "登录" 10 || fail "second program did not start: $(cat "$T/app2.err")"
login admin demo1234
skip_drafts
key 3
typ "$cno"
expect_screen found-admin "$cno"
key Enter
expect_screen detail-admin "$cno   登记"
key F3
pick_menu 确认请求
expect_screen confirm-admin "请求事项（规范文本）"
key C-s
expect_screen confirmed-admin "$cno   已确认"
key F10
key F10
TGT=t SYNCF="$T/sync"

key F2
expect_screen race-refused "案件已被他人修改"
expect_screen race-what "确认请求"
expect_screen race-kept "所填内容均已保"
[ "$(q "SELECT phone FROM case_parties WHERE case_id = $cid AND role = 'applicant'")" = "$oldphone" ] && ok ||
	fail "saved over the newer case"
key Enter
expect_screen race-form "联系电话    $newphone"
key F2
expect_screen race-saved "已修改申请（1 处）"
expect_screen race-status "$cno   已确认"
[ "$(q "SELECT phone || '|' || status FROM case_parties p JOIN cases c ON c.id = p.case_id WHERE case_id = $cid AND role = 'applicant'")" = "$newphone|confirmed" ] &&
	ok || fail "after the race: $(q "SELECT phone, status FROM case_parties p JOIN cases c ON c.id = p.case_id WHERE case_id = $cid")"
"$TJ" check --db "$DB" >/dev/null 2>&1 && ok || fail "check: $("$TJ" check --db "$DB" 2>&1)"

key F10
key F10
done_tests
