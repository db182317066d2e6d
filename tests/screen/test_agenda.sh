# test_agenda.sh - a mediator's day from the screens, on the demo data.
# An administrator schedules a session for a case of mediator1; a second
# booking overlapping it is refused naming the first, and one in a room
# another mediator has taken is refused naming that session; mediator1
# logs in and finds the case and today's session first under 我的案件,
# and in the week agenda.  Then the roster (a new expert mediator with
# specialties) and the accounts (a mediator account linked to them, an
# unlock, a password reset that logs in, the administrator refused
# disabling their own account).
. "$(dirname "$0")/lib.sh"
DB="$T/demo.db"
"$TJ" demo --db "$DB" >/dev/null 2>"$T/demo.err" || fail "demo failed: $(cat "$T/demo.err")"
q() { sqlite3 "$DB" "$1"; }
today=${TIAOJIE_NOW%% *}

mid=$(q "SELECT mediator_id FROM users WHERE login = 'mediator1'")
mname=$(q "SELECT name FROM mediators WHERE id = $mid")
row=$(q "SELECT id || '|' || case_no FROM cases WHERE mediator_id = $mid AND status IN ('assigned', 'mediating') ORDER BY id LIMIT 1")
cid=${row%%|*}; cno=${row#*|}
[ -n "$cid" ] && ok || fail "mediator1 has no open case in the demo data"
# today's slate cleared for mediator1 and the rooms after noon; another
# mediator's session holds 第二调解室 at 14:00
q "DELETE FROM sessions WHERE day = '$today' AND (mediator_id = $mid OR start >= '12:00')"
orow=$(q "SELECT id || '|' || mediator_id || '|' || case_no FROM cases WHERE mediator_id <> $mid AND status = 'mediating' ORDER BY id LIMIT 1")
oid=${orow%%|*}; rest=${orow#*|}; omed=${rest%%|*}; ocno=${rest#*|}
q "INSERT INTO sessions(case_id, mediator_id, day, start, minutes, room, status, created_at)
   VALUES ($oid, $omed, '$today', '14:00', 60, '第二调解室', 'scheduled', '$today 08:00:00')"

start "$TJ" --db "$DB"
login admin demo1234
skip_drafts
expect_screen desk "调解员名册"
key 3
typ "$cno"
expect_screen found "$cno"
key Enter
expect_screen detail "事实与理由"

# 15:00-16:00 in the first room
key F3
expect_screen menu "安排调解"
pick_menu 安排调解
expect_screen schedule-form "开始时间"
key Tab C-k
typ "15:00"
key C-s
expect_screen scheduled "已办理：安排调解"
[ "$(q "SELECT count(*) FROM sessions WHERE case_id = $cid AND day = '$today' AND start = '15:00' AND status = 'scheduled'")" = 1 ] &&
	ok || fail "session not stored"

# 15:30 overlaps it: refused, naming the other session; what was typed stays
key F3
pick_menu 安排调解
expect_screen schedule-form-2 "开始时间"
key Tab C-k
typ "15:30"
key C-s
expect_screen mediator-clash "调解员此时已有安排"
expect_screen clash-names "15:00-16:00"
expect_screen typed-kept "15:30"
# 14:30 in 第二调解室: the room is taken by another mediator's session
key C-k
typ "14:30"
key Tab Tab Right
expect_screen room-picked "第二调解室"
key C-s
expect_screen room-clash "调解室此时已被占用"
expect_screen room-clash-names "$ocno"
[ "$(q "SELECT count(*) FROM sessions WHERE case_id = $cid AND day = '$today'")" = 1 ] && ok ||
	fail "a refused booking was stored"
# the refused booking is typed work: Esc asks, 放弃 drops it
key Escape
expect_screen schedule-asks "尚未保存"
key d
expect_no_screen schedule-discarded "调解室此时已被占用"
key Escape Escape
expect_screen desk-back "调解员名册"

# the roster: a new expert mediator with two specialties
desk_key 调解员名册
expect_screen roster "在办/上限"
key F5
expect_screen roster-form "专长案由"
typ "孔律师"
key Tab Right Right Right
expect_screen side-expert "专家"
key Tab Right Right
expect_screen expert-kind "公益律师"
key Tab
typ "上海公益律师事务所"
key Tab Tab
typ "13912345678"
key Tab C-k
typ "12"
key Tab
typ "0601、0602"
expect_screen specialties-named "工资"
key C-s
expect_screen roster-saved "已加入名册：孔律师"
[ "$(q "SELECT side || expert_kind || capacity || (SELECT group_concat(cause) FROM (SELECT cause FROM mediator_specialties s WHERE s.mediator_id = m.id ORDER BY cause)) FROM mediators m WHERE name = '孔律师'")" = "expertlawyer120601,0602" ] &&
	ok || fail "new mediator: $(q "SELECT * FROM mediators WHERE name = '孔律师'")"
key Escape
desk_key 账号管理
expect_screen users "最近登录"

# a mediator account linked to the new mediator (the least loaded come first)
key F5
expect_screen user-form "初始密码"
typ "kong"
key Tab
typ "孔律师"
key Tab Right
expect_screen role-mediator "< 调解员 >"
key Tab
for i in $(seq 1 30); do
	screen_text | grep -qF "< 孔律师 >" && break
	key Right
done
expect_screen linked "< 孔律师 >"
key Tab
typ "kongpass1"
key Tab
typ "kongpass2"
key C-s
expect_screen mismatch "两次输入的密码不一致"
key C-k
typ "kongpass1"
key C-s
expect_screen user-added "已新增账号 kong"
[ "$(q "SELECT m.name FROM users u JOIN mediators m ON m.id = u.mediator_id WHERE u.login = 'kong'")" = 孔律师 ] &&
	ok || fail "account not linked"

# unlock and reset the clerk's password
q "UPDATE users SET locked = 1, failed = 5 WHERE login = 'clerk'"
key F9
expect_screen locked-shown "已锁定"
key Home Down
key F4
expect_screen unlocked "已解锁账号 clerk"
[ "$(q "SELECT locked FROM users WHERE login = 'clerk'")" = 0 ] && ok || fail "clerk still locked"
key F3
expect_screen password-form "新密码"
typ "clerkpass9"
key Tab
typ "clerkpass9"
key C-s
expect_screen password-set "已为 clerk 设置新密码"
# one's own account cannot be disabled
key Home
key F8
expect_screen disable-ask "停用账号 admin"
key y
expect_screen own-refused "不能停用自己正在使用的账号"
[ "$(q "SELECT disabled FROM users WHERE login = 'admin'")" = 0 ] && ok || fail "admin disabled"
key F12
wait_for "确定" 2 && key y
wait_exit

# mediator1: the case and today's session first under 我的案件
start "$TJ" --db "$DB"
login mediator1 demo1234
skip_drafts
expect_screen mediator-desk "我的案件"
key 1
expect_screen today-first "今日调解安排"
first=$(screen_text | sed -n 2,3p)
case "$first" in *"共 1 场"*"15:00-16:00"*"$cno"*) ok ;; *) fail "today's session is not first: $first" ;; esac
expect_screen my-open "我承办的未结案件"
expect_screen my-case-listed "$cno"
# the case opens from the session line
key Enter
expect_screen my-case-detail "$cno"
# the sessions below the parties, claims and facts
for i in $(seq 1 40); do screen_text | grep -qF "调解安排" && break; key Down; done
expect_screen my-case-sessions "调解安排"
key Escape
key F7
expect_screen week "周视图"
expect_screen week-session "15:00-16:00"
key F7
expect_screen day "日视图"
key Escape Escape
key F12
wait_for "确定" 2 && key y
wait_exit

# the clerk logs in with the new password
start "$TJ" --db "$DB"
login clerk clerkpass9
expect_screen clerk-in "新申请登记"
done_tests
