# test_readonly.sh - a database the program cannot write (issue 17 item 6):
# opened by a user without write permission (an unprivileged account when
# the test runs as root, since root ignores permissions).  The title bar
# says 数据库只读 on every screen, from the login on; logging in works and
# says it; every save tried says the database is read-only, not a
# generic failure; the file is left as it was.
. "$(dirname "$0")/lib.sh"
export TIAOJIE_FORMS="$SRCDIR/forms"
"$TJ" demo --db demo.db --cases 60 --seed 5 >/dev/null || fail "demo"
mkdir rodb rw
cp demo.db rodb/r.db
cp "$TJ" rodb/tj
sqlite3 rodb/r.db "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
rm -f rodb/r.db-wal rodb/r.db-shm
chmod 755 "$T" rodb/tj && chmod 444 rodb/r.db && chmod 555 rodb
# the program's own files (its key count, a draft put aside) go to rw/,
# which is the user's
if [ "$(id -u)" -eq 0 ]; then
	chown 65534:65534 rw
	AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
else
	AS=
fi
chmod 700 rw
SYNCF="$T/rw/sync"
sum0=$(md5sum <rodb/r.db)
CASE=$(sqlite3 rodb/r.db "SELECT case_no FROM cases WHERE status = 'confirmed' ORDER BY id DESC LIMIT 1")

start $AS env XDG_RUNTIME_DIR="$T/rw" HOME="$T/rw" "$T/rodb/tj" --db "$T/rodb/r.db" || { done_tests; exit; }
expect_screen login-says "数据库为只读：可以查看，不能保存"
screen_text | head -n 1 | grep -qF "数据库只读" && ok || fail "login: the title bar lacks 数据库只读: $(screen_text | head -n 1)"
login clerk demo1234
skip_drafts
expect_screen desk "工作台"
expect_screen desk-welcome "欢迎，王晓雯。数据库为只读：可以查看，不能保存"
screen_text | head -n 1 | grep -qF "数据库只读" && ok || fail "desk: the title bar lacks 数据库只读: $(screen_text | head -n 1)"

# a consultation: saving says why it cannot
key 2
expect_screen consult "咨询登记"
screen_text | head -n 1 | grep -qF "数据库只读" && ok || fail "consult: the title bar lacks 数据库只读"
key Tab Tab
typ 询问经济补偿金的计算方法
key C-s
expect_screen consult-save "数据库以只读方式打开，不能保存"
expect_screen consult-kept "询问经济补偿金的计算方法"
key Escape
expect_screen consult-unsaved "尚未保存"
key d
expect_screen desk2 "工作台"

# a transition on a case: accepting it
key 3
expect_screen search "案件查询"
typ "$CASE"
expect_screen search-found "$CASE"
key Enter
expect_screen detail "受理期限"
screen_text | head -n 1 | grep -qF "数据库只读" && ok || fail "case: the title bar lacks 数据库只读: $(screen_text | head -n 1)"
key F3
expect_screen menu-accept "受理"
pick_menu 受理
expect_screen accept-question "受理案件"
key y
expect_screen accept-refused "只读"
expect_no_screen accept-not-done "已办理：受理"
# a document: every one is recorded, so none is issued (nothing written)
key F11
expect_screen doc-menu "出具文书"
pick_menu 收件回执
expect_screen doc-refused "数据库以只读方式打开，不能出具文书"
check doc-no-directory [ ! -e "$T/rw/tiaojie-文书" ]
# out and in again: still said
key Escape
expect_screen back-to-list "案件查询"
key Escape
expect_screen desk3 "工作台"
key F10
expect_screen logout-question "确定退出登录吗"
key y
expect_screen logged-out "已退出登录（数据库为只读）"
screen_text | head -n 1 | grep -qF "数据库只读" && ok || fail "logged out: the title bar lacks 数据库只读"
login admin demo1234
skip_drafts
expect_screen admin-welcome "数据库为只读：可以查看，不能保存"
tm kill-server >/dev/null 2>&1

[ "$(md5sum <rodb/r.db)" = "$sum0" ] && ok || fail "the read-only database changed"
[ "$(sqlite3 rodb/r.db "SELECT status FROM cases WHERE case_no = '$CASE'")" = confirmed ] && ok || fail "the case was accepted"
chmod 755 rodb
done_tests
