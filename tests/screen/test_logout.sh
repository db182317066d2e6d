# test_logout.sh - 退出登录 on the work desk returns to the login screen
# (it used to quit the program); the next user logs in in the same process
# and sees nothing of the previous session: not the name, the role, the
# entries, nor the screens.  Esc on the desk logs out too; F12 and Ctrl-Q
# still leave the program.
. "$(dirname "$0")/lib.sh"
make_db
still_running() {
	sleep 0.3
	if grep -q EXITED "$T/app.out" 2>/dev/null; then fail "$1: the program ended"; else ok; fi
}

start "$TJ" --db t.db
login admin demo1234
expect_screen admin-desk "账号管理"
# the bar says which key logs out and which leaves
screen_text | tail -1 | grep -qF "F10^X退出登录" && ok || fail "the bar lacks F10 退出登录: $(screen_text | tail -1)"
screen_text | tail -1 | grep -qF "F12^Q退出程序" && ok || fail "the bar lacks F12 退出程序: $(screen_text | tail -1)"
admin_name=$(sql "SELECT display_name FROM users WHERE login = 'admin'")
screen_text | sed -n 1p | grep -qF "$admin_name" && ok || fail "title lacks $admin_name"
# a screen of the session: the case search with a text typed
desk_key "案件查询"
expect_screen search "查找："
typ 张三
key Escape
expect_screen admin-desk-again "账号管理"

# 0 退出登录, answered no: still the desk
key 0
expect_screen logout-confirm "确定退出登录吗？"
key n
expect_screen logout-no "账号管理"
# answered yes: the login screen, in the same process
key 0
expect_screen logout-confirm-2 "确定退出登录吗？"
key y
expect_screen login-again "请输入账号和密码"
expect_screen logout-msg "已退出登录"
still_running logout
screen_text | grep -qF "$admin_name" && fail "the login screen still names $admin_name" || ok
screen_text | grep -qF "管理员" && fail "the login screen still shows the role" || ok

# another account logs in: its own name, role and entries only
login clerk demo1234
expect_screen clerk-desk "工作台  -  窗口一"
expect_screen clerk-role "窗口人员"
expect_no_screen clerk-no-admin-entries "账号管理"
screen_text | grep -qF "$admin_name" && fail "the clerk's desk names $admin_name" || ok
[ "$(sql "SELECT count(*) FROM events e JOIN users u ON u.id = e.entity_id
	WHERE e.entity = 'user' AND e.action = 'login' AND u.login = 'clerk' AND e.user_id = u.id")" = 1 ] && ok ||
	fail "the clerk's login is not in the event log as the clerk's"
# the admin's screens are gone: the case search starts empty
desk_key "案件查询"
expect_screen clerk-search "查找："
screen_text | grep -qF "张三" && fail "the case search kept the admin's text" || ok
key Escape
expect_screen clerk-desk-again "工作台  -  窗口一"

# Esc on the desk asks the same question and logs out
key Escape
expect_screen esc-confirm "确定退出登录吗？"
key y
expect_screen esc-login "请输入账号和密码"
still_running esc-logout
# the first account again, then F12 leaves the program
login admin demo1234
expect_screen admin-back "账号管理"
key F12
expect_screen f12-confirm "确定退出 tiaojie 吗？"
key y
wait_exit
grep -q "EXITED 0" "$T/app.out" && ok || fail "F12 did not leave: $(cat "$T/app.out" "$T/app.err")"

# F12 on the login screen after a logout leaves too
start "$TJ" --db t.db
login clerk demo1234
expect_screen clerk-desk-3 "工作台  -  窗口一"
key 0
key y
expect_screen login-3 "请输入账号和密码"
key F12
wait_exit
grep -q "EXITED 0" "$T/app.out" && ok || fail "F12 on the login screen did not leave: $(cat "$T/app.out" "$T/app.err")"
"$TJ" check --db t.db >/dev/null && ok || fail "check at the end"
done_tests
