# test_session.sh - the terminal shell: a dropped connection (SIGHUP when
# the tmux session is killed) ends the program within 2 seconds and keeps
# the form as a draft offered at the next login; resizing (larger, too
# small, back) keeps everything; monochrome terminals render every screen;
# five wrong passwords lock the account; the consultation log.
. "$(dirname "$0")/lib.sh"
make_db
DB="$T/t.db"

# ---- SIGHUP mid-form -----------------------------------------------------
start "$TJ" --db "$DB"
login clerk demo1234
expect_screen desk "工作台"
key 1
expect_screen intake "证件号码"
key Tab
typ 11010519491231002X
key Tab
typ 李小龙
key Tab Tab
typ 13900001111
expect_screen typed "李小龙"
pgrep -f "$DB" >/dev/null && ok || fail "program not running"
tm kill-session -t t
gone=0
for i in $(seq 1 20); do
	if ! pgrep -f -- "--db $DB" >/dev/null; then gone=1; break; fi
	sleep 0.1
done
[ $gone = 1 ] && ok || fail "still running 2 s after SIGHUP"
[ "$(sql "SELECT count(*) FROM drafts WHERE kind = 'intake' AND body LIKE '%李小龙%'")" = 1 ] && ok ||
	fail "no draft after SIGHUP: $(sql 'SELECT * FROM drafts')"

# ---- the draft is offered at the next login and resumes --------------------
start "$TJ" --db "$DB"
login clerk demo1234
expect_screen drafts-offered "未完成的表单"
expect_screen drafts-row "申请人：李小龙"
key Enter
expect_screen resumed "已恢复草稿"
expect_screen resumed-name "李小龙"
expect_screen resumed-phone "13900001111"
expect_screen resumed-check "正确（新当事人）"

# ---- resize: larger, too small, back ----------------------------------------
tm resize-window -t t -x 100 -y 30
expect_screen larger "李小龙"
tm resize-window -t t -x 60 -y 20
expect_screen too-small "终端窗口太小"
expect_screen too-small-size "当前 60 列 x 20 行"
key x y z
tm resize-window -t t -x 80 -y 24
expect_screen back "李小龙"
expect_screen back-field "13900001111"
expect_no_screen no-stray-typing "李小龙xyz"

# leaving the form asks; 继续编辑 keeps it, 放弃 drops it and its draft
key Escape
expect_screen leave-asks "这份登记表有修改尚未保存"
key Escape
expect_no_screen leave-continue "尚未保存"
expect_screen leave-continue-form "13900001111"
# quitting keeps the form as a draft
key C-q
expect_screen quit-confirm-form "未保存的表单会存为草稿"
key y
wait_exit
[ "$(sql "SELECT count(*) FROM drafts WHERE body LIKE '%李小龙%'")" = 1 ] && ok || fail "no draft after quitting"
start "$TJ" --db "$DB"
login clerk demo1234
expect_screen drafts-again "申请人：李小龙"
key Escape
expect_screen desk-after-leave "未完成的草稿（1 份）"
# discard it from the drafts list
desk_key 未完成的草稿
expect_screen drafts-list "申请人：李小龙"
key C-d
expect_screen discard-confirm "放弃这份草稿"
key y
expect_screen desk-no-drafts "工作台"
[ "$(sql 'SELECT count(*) FROM drafts')" = 0 ] && ok || fail "draft not discarded"
# a resumed form left with 放弃: its draft goes too
key 1
expect_screen discard-intake "证件号码"
key Tab Tab
typ 放弃测试
key Escape
expect_screen discard-asks "尚未保存"
key d
expect_screen discard-desk "工作台"
[ "$(sql "SELECT count(*) FROM drafts")" = 0 ] && ok || fail "放弃 left a draft"

# ---- consultation log ------------------------------------------------------
key 2
expect_screen consult "咨询登记"
key C-p
typ 加班
expect_screen consult-picker "0602 加班工资"
key Enter
expect_screen consult-cause "0602 加班工资"
# focus is on the phone now
typ 12345
key C-s
expect_screen consult-note-needed "请填写咨询摘要"
key Tab
typ 询问加班费如何计算
key C-s
expect_screen consult-phone-bad "联系电话"
key C-k
typ 021-12345678
key C-s
expect_screen consult-saved "共 1 人次"
expect_screen consult-listed "询问加班费如何计算"
[ "$(sql "SELECT cause || '|' || phone || '|' || note FROM consultations")" = "0602|021-12345678|询问加班费如何计算" ] && ok ||
	fail "consultation row: $(sql 'SELECT * FROM consultations')"
key Escape
expect_screen desk-after-consult "工作台"
key C-q
expect_screen quit-confirm "确定退出"
key y
wait_exit
grep -q "EXITED 0" "$T/app.out" && ok || fail "did not exit cleanly: $(cat "$T/app.out" "$T/app.err")"

# ---- monochrome: every screen legible without colour -------------------------
for term in vt100 xterm-256color; do
	start TERM=$term NO_COLOR=1 "$TJ" --db "$DB"
	expect_screen mono-login-$term "请输入账号和密码"
	login clerk demo1234
	expect_screen mono-desk-$term "案件队列"
	key 1
	expect_screen mono-intake-$term "证件号码"
	key C-n
	expect_screen mono-picker-$term "一级案由"
	key Escape Escape
	expect_screen mono-back-$term "工作台"
	key 2
	expect_screen mono-consult-$term "今日咨询"
	key Escape
done

# ---- lockout after five wrong passwords ---------------------------------------
# one answer for every refusal: it says nothing of whether the account
# exists, how many tries are left or that it is locked
start "$TJ" --db "$DB"
login nosuchuser nope0
expect_screen unknown "账号或密码错误"
unknown_line=$(screen_text | grep -F "账号或密码错误")
key C-k
key BTab
key C-k
typ clerk
key Enter
typ nope1
key Enter
expect_screen wrong-1 "账号或密码错误"
[ "$(screen_text | grep -F "账号或密码错误")" = "$unknown_line" ] && ok || fail "a wrong password answered otherwise than an unknown account"
expect_no_screen no-tries-told "还可再试"
# after a failure the account stays and the cursor waits in the password
for i in 2 3 4 5; do
	typ nope$i
	key Enter
	expect_screen wrong-$i "账号或密码错误"
done
[ "$(sql "SELECT failed FROM users WHERE login = 'clerk'")" = 5 ] && ok || fail "five failures not counted"
typ demo1234
key Enter
expect_screen still-locked "账号或密码错误"
expect_no_screen locked-not-told "已被锁定"
[ "$(sql "SELECT locked FROM users WHERE login = 'clerk'")" = 1 ] && ok || fail "not locked in the database"
"$TJ" user unlock clerk --db "$DB" >/dev/null && ok || fail "user unlock"
typ demo1234
key Enter
expect_screen unlocked "工作台"

# ---- SIGTERM mid-form: draft kept, prompt exit ----------------------------------
key 1
expect_screen term-intake "证件号码"
key Tab Tab
typ 终止测试
expect_screen term-typed "终止测试"
pkill -TERM -f -- "--db $DB"
gone=0
for i in $(seq 1 20); do
	if ! pgrep -f -- "--db $DB" >/dev/null; then gone=1; break; fi
	sleep 0.1
done
[ $gone = 1 ] && ok || fail "still running 2 s after SIGTERM"
[ "$(sql "SELECT count(*) FROM drafts WHERE body LIKE '%终止测试%'")" = 1 ] && ok || fail "no draft after SIGTERM"

# ---- not a UTF-8 locale: falls back to C.UTF-8 -------------------------------
start LC_ALL=C LANG=C "$TJ" --db "$DB"
expect_screen c-locale-fallback "请输入账号和密码"

# ---- autosave while typing (interval shortened in test builds) -------------------
sql "DELETE FROM drafts"
start TIAOJIE_AUTOSAVE=2 "$TJ" --db "$DB"
login clerk demo1234
skip_drafts
expect_screen autosave-desk "工作台"
key 1
expect_screen autosave-intake "证件号码"
key Tab Tab
typ 自动保存
expect_screen autosave-msg "已自动保存草稿" 6
pgrep -f -- "--db $DB" >/dev/null && ok || fail "program should still be running"
[ "$(sql "SELECT count(*) FROM drafts WHERE body LIKE '%自动保存%'")" = 1 ] && ok || fail "no autosaved draft"
typ 测试
for i in $(seq 1 50); do
	[ "$(sql "SELECT count(*) FROM drafts WHERE body LIKE '%自动保存测试%'")" = 1 ] && break
	nap 0.1
done
[ "$(sql "SELECT count(*) FROM drafts WHERE body LIKE '%自动保存测试%'")" = 1 ] && ok ||
	fail "autosave did not update the same draft: $(sql 'SELECT id, body FROM drafts')"
[ "$(sql "SELECT count(*) FROM drafts")" = 1 ] && ok || fail "autosave made more than one draft"

# ---- a terminal below 80x24 from the start ------------------------------------
new_session 70 20 "cd '$T' && '$TJ' --db '$DB' 2>>'$T/app.err'; sleep 600"
expect_screen small-start "终端窗口太小"
tm resize-window -t t -x 80 -y 24
expect_screen small-then-login "请输入账号和密码"

done_tests
