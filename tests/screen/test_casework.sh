# test_casework.sh - case work from the screens on the demo database: find a
# case by a two-character name and by ID number (and a one-character search,
# which waits for a pause in the typing), open it, confirm the
# claims (the notification command writes to a file the test reads),
# accept, assign, record a session, record the agreement and its
# performance; the timeline shows each step.  A second terminal editing
# the same case gets the conflict message and keeps what it typed.
. "$(dirname "$0")/lib.sh"
DB="$T/demo.db"
"$TJ" demo --db "$DB" >/dev/null 2>"$T/demo.err" || fail "demo failed: $(cat "$T/demo.err")"
q() { sqlite3 "$DB" "$1"; }
# the sessions recorded below start now (10:00); the demo's sessions of
# this morning would clash with them (the same mediator or room)
q "DELETE FROM sessions WHERE day = '${TIAOJIE_NOW%% *}' AND start < '11:00'"
cat >"$T/tj.conf" <<CONF
[commands]
notify = cat > '$T/notice.txt'; echo "\$1 \$2" > '$T/notice-args.txt'
CONF

# a registered case with one applicant whose name has two characters
row=$(q "SELECT c.id || '|' || c.case_no || '|' || p.name || '|' || p.id_no FROM cases c
	JOIN case_parties cp ON cp.case_id = c.id AND cp.role = 'applicant' JOIN persons p ON p.id = cp.person_id
	WHERE c.status = 'registered' AND length(p.name) = 2 AND p.id_type = 'id' AND c.collective = 0
	ORDER BY c.received DESC, c.id DESC LIMIT 1")
[ -n "$row" ] && ok || fail "no registered case with a two-character name in the demo"
cid=${row%%|*}; rest=${row#*|}; cno=${rest%%|*}; rest=${rest#*|}; pname=${rest%%|*}; pid=${rest#*|}
phone=$(q "SELECT p.phone FROM case_parties cp JOIN persons p ON p.id = cp.person_id WHERE cp.case_id = $cid AND cp.role = 'applicant'")

start "$TJ" --db "$DB" --config "$T/tj.conf"
login admin demo1234
skip_drafts
expect_screen desk "案件队列"
expect_screen desk-queue "待确认请求"
key 3
expect_screen search "查找："
typ "$pname"
expect_screen by-name "$cno"
# one character is searched after a moment without typing (it scans)
key C-k
typ "龘"
expect_screen one-char "没有符合的案件" 3
key C-k
typ "$pid"
expect_screen by-id "$cno"
# the number typed stays in the search line; the list shows it masked
screen_text | grep -v "查找：" | grep -qF "$pid" && fail "unmasked ID in the list" || ok
key Enter
expect_screen detail "$cno"
expect_screen detail-facts "事实与理由"
expect_screen detail-status "登记"

# confirm the claims, pushing them to the applicant first
key F3
expect_screen menu "可办理的操作"
expect_screen menu-confirm "确认请求"
pick_menu 确认请求
expect_screen confirm-form "请求事项（规范文本）"
key Enter
wait_for "已将请求事项推送" 5
expect_screen notified "已将请求事项推送"
[ -s "$T/notice.txt" ] && grep -qF "$cno" "$T/notice.txt" && ok || fail "notice text: $(cat "$T/notice.txt" 2>/dev/null)"
grep -qF "$phone $cno" "$T/notice-args.txt" && ok || fail "notice args: $(cat "$T/notice-args.txt" 2>/dev/null)"
key C-s
expect_screen confirmed "已办理：确认请求"

# accept
key F3
expect_screen menu-accept "受理"
pick_menu 受理
expect_screen accept-question "受理案件"
key y
expect_screen accepted "已办理：受理"
expect_screen deadline-shown "调解期限"

# assign the least-loaded mediator
key F3
expect_screen menu-assign "分派调解员"
pick_menu 分派调解员
expect_screen assign-screen "在办/上限"
key Enter
expect_screen assign-confirm "分派给"
key y
expect_screen assigned "已分派："

# record a session
key F3
expect_screen menu-session "记录调解"
pick_menu 记录调解
expect_screen session-form "调解记录"
key Tab Tab Tab Tab
typ "双方到场，就工资数额达成一致意见。"
key C-s
expect_screen session-recorded "已办理：记录调解"
expect_screen mediating "调解中"

# record the agreement: amounts as claimed, a payment date for each
n=$(q "SELECT count(*) FROM claims WHERE case_id = $cid")
key F3
expect_screen menu-agree "调解成功"
pick_menu 调解成功
expect_screen agree-form "协议金额"
for i in $(seq 1 "$n"); do
	key Tab
	typ 2026-12-31
	key Tab
	# the last claim given up by the applicant (申请人放弃), the one before
	# it (when there are three or more) not agreed (未达成), the others
	# agreed
	[ "$i" = "$n" ] && key Right && key Right && key Right
	[ "$n" -ge 3 ] && [ "$i" = "$((n - 1))" ] && key Right
	key Tab
done
key C-s
expect_screen agreed "已办理：调解成功"
[ "$(q "SELECT status || '|' || performance FROM cases WHERE id = $cid")" = "agreed|pending" ] && ok ||
	fail "case after agreement: $(q "SELECT status, performance FROM cases WHERE id = $cid")"
nagreed=$((n - 1)); [ "$n" -ge 3 ] && nagreed=$((n - 2))
[ "$(q "SELECT count(*) FROM claims WHERE case_id = $cid AND agreed_fen = amount_fen AND waived = 0
	AND (pay_date = '2026-12-31' OR amount_fen = 0)")" = "$nagreed" ] && ok ||
	fail "agreed amounts: $(q "SELECT * FROM claims WHERE case_id = $cid")"
[ "$(q "SELECT waived || '|' || agreed_fen || '|' || coalesce(pay_date, '-') FROM claims WHERE case_id = $cid AND ord = $n")" = "1|0|-" ] && ok ||
	fail "the claim given up: $(q "SELECT * FROM claims WHERE case_id = $cid AND ord = $n")"
q "SELECT after FROM events WHERE case_id = $cid AND action = 'note' ORDER BY id DESC LIMIT 1" | grep -qF "第${n}项 申请人放弃" && ok ||
	fail "the event does not say the claim was given up"
if [ "$n" -ge 3 ]; then
	[ "$(q "SELECT waived || withdrawn || '|' || coalesce(agreed_fen, '-') FROM claims WHERE case_id = $cid AND ord = $((n - 1))")" = "00|-" ] && ok ||
		fail "the claim not agreed: $(q "SELECT * FROM claims WHERE case_id = $cid AND ord = $((n - 1))")"
	q "SELECT after FROM events WHERE case_id = $cid AND action = 'note' ORDER BY id DESC LIMIT 1" | grep -qF "第$((n - 1))项 未达成协议" && ok ||
		fail "the event does not say the claim was not agreed"
fi

# performance
key F3
expect_screen menu-perform "记录履行情况"
pick_menu 记录履行情况
expect_screen perform-form "履行情况"
key C-s
expect_screen performed "已办理：记录履行情况"

# the timeline has every step
key End
for step in 确认请求 受理 分派调解员 记录调解 调解成功 记录履行情况; do
	expect_screen "timeline-$step" "$step"
done
# the first step a page up when the steps' texts are long (a push of
# several claims fills half a screen)
key PPage
expect_screen "timeline-登记申请" "登记申请"
[ "$(q "SELECT count(*) FROM events WHERE case_id = $cid AND action IN ('confirm','accept','assign','session','agree','perform')")" -ge 6 ] && ok ||
	fail "events: $(q "SELECT action FROM events WHERE case_id = $cid")"
key Escape Escape
"$TJ" check --db "$DB" >/dev/null && ok || fail "check after the case work"

# ---- two terminals on one case: the second save is refused -------------------
row=$(q "SELECT c.id || '|' || c.case_no FROM cases c WHERE c.status = 'mediating' AND c.extended = 0 ORDER BY c.id LIMIT 1")
mid=${row%%|*}; mno=${row#*|}
[ -n "$mid" ] && ok || fail "no mediating case in the demo"
tm new-session -d -s u -x 80 -y 24 "cd '$T' && TIAOJIE_SYNC='$T/sync-u' '$TJ' --db '$DB' 2>>'$T/app2.err'; sleep 600"
# the lib's helpers, aimed at the second terminal
su_text() { TGT=u screen_text; }
su_wait() { TGT=u wait_for "$1"; }
su_key() { TGT=u SYNCF="$T/sync-u" key "$@"; }
su_typ() { TGT=u SYNCF="$T/sync-u" typ "$1"; }
su_wait "请输入账号和密码" && ok || fail "second terminal did not start"
su_key admin Enter; su_typ demo1234; su_key Enter
TGT=u SYNCF="$T/sync-u" skip_drafts
su_wait "案件队列" && ok || fail "second terminal desk"
su_key 3; su_typ "$mno"; su_wait "$mno"; su_key Enter
su_wait "事实与理由" && ok || fail "second terminal detail"
# second terminal starts an extension and types its note
su_key F3
su_wait "可办理的操作"
idx=0
for i in 1 2 3 4 5 6 7 8 9; do
	line=$(su_text | grep -E "\| +[0-9]  " | sed -n "${i}p")
	case "$line" in *延长调解期限*) idx=$i; break ;; esac
done
for i in $(seq 2 $idx); do su_key Down; done
su_key Enter
su_wait "双方同意情况" && ok || fail "extend form"
su_key C-k
su_typ "双方当事人书面同意延长十五日"
# meanwhile the first terminal records a session on the same case
key 3
expect_screen search-2 "查找："
typ "$mno"
expect_screen found-2 "$mno"
key Enter
expect_screen detail-2 "事实与理由"
key F3
expect_screen menu-session-2 "记录调解"
pick_menu 记录调解
wait_for "调解记录" 3
# the first room holds the session recorded above at this hour
key Tab Tab Tab Right Tab
typ "第二次调解，双方仍有分歧。"
key C-s
expect_screen session-2 "已办理：记录调解"
# the second terminal saves over the older version: refused, input kept
su_key C-s
su_wait "修改" && ok || fail "no conflict message: $(su_text)"
su_text | grep -qF "双方当事人书面同意延长十五日" && ok || fail "typed note lost after the conflict"
[ "$(q "SELECT extended FROM cases WHERE id = $mid")" = 0 ] && ok || fail "stale save went through"
# F2 again applies it to the new version
su_key C-s
su_wait "已办理：延长调解期限" && ok || fail "re-apply after conflict: $(su_text)"
[ "$(q "SELECT extended FROM cases WHERE id = $mid")" = 1 ] && ok || fail "extension not saved"
"$TJ" check --db "$DB" >/dev/null && ok || fail "check after the conflict"
# ---- failure and referral, found through the status filter -------------------
key Escape
expect_screen back-to-list "查找："
key C-k
key F4
expect_screen filter "筛选与排序"
key Down
for i in 1 2 3 4 5 6; do key Right; done
expect_screen filter-status "< 调解中 >"
key C-s
expect_screen filtered "状态：调解中"
fno=$(screen_text | grep -o '沪劳人调〔[0-9]*〕[0-9]*号' | sed -n 1p)
[ -n "$fno" ] && ok || fail "no mediating case listed"
[ "$(q "SELECT status FROM cases WHERE case_no = '$fno'")" = mediating ] && ok || fail "filter listed a case not in mediation"
key Enter
expect_screen fail-detail "$fno"
key F3
pick_menu 调解不成
expect_screen fail-form "调解不成原因"
key C-s
expect_screen fail-needs-reason "请填写调解不成原因"
typ "被申请人不同意支付，双方差距较大"
key C-s
expect_screen failed "已办理：调解不成"
key F3
pick_menu 转仲裁
expect_screen refer-question "转入仲裁"
key y
expect_screen referred "已办理：转仲裁"
[ "$(q "SELECT status FROM cases WHERE case_no = '$fno'")" = referred ] && ok || fail "not referred"
[ "$(q "SELECT count(*) FROM events e JOIN cases c ON c.id = e.case_id WHERE c.case_no = '$fno' AND e.action = 'note' AND e.after LIKE '%双方差距较大%'")" = 1 ] && ok ||
	fail "failure reason not in the timeline"
# ---- the filter's summary names the channel in words, never its code --------
key Escape
expect_screen back-to-list-2 "查找："
key F4
expect_screen filter-2 "筛选与排序"
# the status row back to 全部 (it was 调解中), then 窗口 on the channel row
key Up Up Up Up Up Up Up Up Up Up Down
for i in 1 2 3 4 5 6; do key Left; done
key Down Right
expect_screen filter-channel "< 窗口 >"
key C-s
expect_screen filtered-channel "渠道：窗口"
screen_text | grep -q "状态：" && fail "the status filter was not cleared" || ok
screen_text | grep -q "渠道：window" && fail "channel code shown in the summary" || ok
"$TJ" check --db "$DB" >/dev/null && ok || fail "check at the end"
done_tests
