# test_drafts_kill9.sh - what a draft keeps when the full-screen program is
# killed with -9 (no signal handler runs) while a clerk types an
# application.  The design (src/screens/drafts.c): a form is kept as a
# draft on SIGHUP/SIGTERM, on leaving it, and by the autosave - every 30
# seconds while it has changes (shortened here with TIAOJIE_AUTOSAVE, test
# builds only).  So after kill -9 what the last autosave kept comes back
# at the next login, exactly; what was typed after it is lost (at most the
# autosave interval).
. "$(dirname "$0")/lib.sh"
make_db
pid_of() { pgrep -f -- "^$TJ --db t.db\$"; }

start TIAOJIE_AUTOSAVE=2 "$TJ" --db t.db
login clerk demo1234
skip_drafts
expect_screen desk "工作台"
key 1
expect_screen intake "证件号码"
key Tab
typ 11010519491231002X
key Tab
typ 张三丰
expect_screen autosaved "已自动保存草稿" 6
[ "$(sql "SELECT count(*) FROM drafts WHERE kind = 'intake' AND body LIKE '%张三丰%'")" = 1 ] && ok ||
	fail "no autosaved draft: $(sql 'SELECT kind, body FROM drafts')"
pid=$(pid_of)
[ -n "$pid" ] && kill -9 $pid
wait_exit 3 && ok || fail "still running after kill -9"
grep -q 'EXITED 137' "$T/app.out" && ok || fail "not killed: $(cat "$T/app.out")"

# the next start: the draft offered, and resumed with what was typed
start "$TJ" --db t.db
login clerk demo1234
expect_screen offered "未完成的表单"
expect_screen offered-line "张三丰"
key Enter
expect_screen resumed-id "11010519491231002X"
expect_screen resumed-name "张三丰"
expect_screen resumed-form "调解申请登记"
tm kill-server >/dev/null 2>&1
[ "$(sql 'PRAGMA integrity_check')" = ok ] && ok || fail "integrity_check"
[ "$(sql 'SELECT count(*) FROM cases')" = 0 ] && ok || fail "a case was registered"
[ "$(sql "SELECT count(*) FROM drafts WHERE kind = 'intake'")" = 1 ] && ok || fail "drafts: $(sql 'SELECT id, kind FROM drafts')"
done_tests
