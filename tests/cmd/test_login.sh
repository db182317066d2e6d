# test_login.sh - the command line's own boundary (issue 18): a caller who
# is neither root nor the service account signs in with an application
# account before any command that reads or writes case data, failed
# attempts count toward the lockout, and the account's role is enforced:
# a clerk adds no accounts and exports nothing, a mediator sees only their
# own cases in list, show and doc.
#
# The untrusted caller is made two ways: the test build's override
# TIAOJIE_TEST_UNTRUSTED=1 (root then counts as anyone), and, when the test
# runs as root, a real other Unix user (nobody, through setpriv) against a
# copy of the database it can write.  setsid detaches the commands from
# any terminal, so nothing waits on a prompt.
. "$(dirname "$0")/lib.sh"

q() { sqlite3 demo.db "$1"; }
ut() { TIAOJIE_TEST_UNTRUSTED=1 setsid -w "$@"; }

run "$TJ" demo --db demo.db --cases 200
expect_rc demo 0
export TIAOJIE_DB=$T/demo.db
printf 'demo1234\n' >pw
printf 'wrongpass\n' >bad
printf 'evil12345\n' >evilpw
chmod 644 pw bad evilpw

med1=$(q "SELECT mediator_id FROM users WHERE login = 'mediator1'")
med1_name=$(q "SELECT display_name FROM users WHERE login = 'mediator1'")
med1_n=$(q "SELECT count(*) FROM cases WHERE mediator_id = $med1")
all_n=$(q "SELECT count(*) FROM cases")
own=$(q "SELECT case_no FROM cases WHERE mediator_id = $med1 ORDER BY id LIMIT 1")
other=$(q "SELECT case_no FROM cases WHERE mediator_id IS NOT NULL AND mediator_id <> $med1 ORDER BY id LIMIT 1")
[ "$med1_n" -gt 0 ] && [ "$all_n" -gt "$med1_n" ] && [ -n "$other" ] && ok || fail "fixture: $med1_n of $all_n"

# ---- no login: refused, nothing done --------------------------------------------
for cmd in "list" "show $own" "doc $own application" "export --month 2026-10 -o x.xlsx" "check" \
	"backup b.db" "user list" "import $SRCDIR/tests/cmd/data/none.json"; do
	# shellcheck disable=SC2086
	run ut "$TJ" $cmd
	expect_rc "nologin $cmd" 3
	expect_err "nologin-why $cmd" "需要登录"
done
check nologin-no-files sh -c '[ ! -e x.xlsx ] && [ ! -e b.db ]'
run ut "$TJ" user add evil --role admin --password-file evilpw
expect_rc nologin-user-add 3
eq() { if [ "$2" = "$3" ]; then ok; else fail "$1: '$2', want '$3'"; fi; }
eq nologin-no-account "$(q "SELECT count(*) FROM users WHERE login = 'evil'")" 0
# validate holds no case data: no login
run ut "$TJ" validate phone 13800138000
expect_rc validate-no-login 0

# ---- a wrong password: refused and counted; the lockout as on the screen ---------------
run ut "$TJ" list --user clerk --password-file bad
expect_rc wrong-password 3
expect_err wrong-password-why "账号或密码错误"
eq wrong-counted "$(q "SELECT failed FROM users WHERE login = 'clerk'")" 1
eq wrong-event "$(q "SELECT count(*) FROM events e JOIN users u ON u.id = e.entity_id
	WHERE e.entity = 'user' AND e.action = 'login_failed' AND u.login = 'clerk'")" 1
run ut "$TJ" list --user nosuch --password-file pw
expect_rc unknown-account 3
expect_err unknown-account-why "账号或密码错误"
# a missing password file: no attempt made
run ut "$TJ" list --user clerk --password-file nothere
expect_rc pwfile-missing 3
expect_err pwfile-missing-why "无法读取密码文件"
eq pwfile-missing-not-counted "$(q "SELECT failed FROM users WHERE login = 'clerk'")" 1
# the right password sets the count back
run ut "$TJ" list --user clerk --password-file pw
expect_rc clerk-list 0
eq right-resets "$(q "SELECT failed FROM users WHERE login = 'clerk'")" 0
eq clerk-sees-all "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l)" "$all_n"
for i in 1 2 3 4 5; do run ut "$TJ" show "$own" --user mediator2 --password-file bad; done
eq locked "$(q "SELECT locked FROM users WHERE login = 'mediator2'")" 1
run ut "$TJ" list --user mediator2 --password-file pw
expect_rc locked-refused 3
expect_err locked-why "账号或密码错误"
run "$TJ" user unlock mediator2
expect_rc unlock-trusted 0

# ---- a clerk's role ----------------------------------------------------------------
run ut "$TJ" user add evil --role admin --password-file evilpw --user clerk --login-password-file pw
expect_rc clerk-user-add 4
expect_err clerk-user-add-why "只有管理员可以管理账号"
eq clerk-no-account "$(q "SELECT count(*) FROM users WHERE login = 'evil'")" 0
run ut "$TJ" user unlock admin --user clerk --login-password-file pw
expect_rc clerk-user-unlock 4
run ut "$TJ" export --month 2026-10 --full-ids -o full.xlsx --user clerk --password-file pw
expect_rc clerk-export-full 4
expect_err clerk-export-full-why "只有管理员"
check clerk-export-no-file test ! -e full.xlsx
run ut "$TJ" show "$own" --full-ids --user clerk --password-file pw
expect_rc clerk-show-full 4
expect_err clerk-show-full-why "只有管理员可以查看完整证件号码"
run ut "$TJ" show "$own" --user clerk --password-file pw
expect_rc clerk-show 0
expect_out clerk-show "$own"
run ut "$TJ" backup b.db --user clerk --password-file pw
expect_rc clerk-backup 4
check clerk-backup-no-file test ! -e b.db
run ut "$TJ" check --user clerk --password-file pw
expect_rc clerk-check 4

# ---- a mediator's scope ------------------------------------------------------------
run ut "$TJ" list --user mediator1 --password-file pw
expect_rc med-list 0
rows=$(printf '%s\n' "$OUT" | tail -n +2)
eq med-list-count "$(printf '%s\n' "$rows" | wc -l)" "$med1_n"
eq med-list-only-own "$(printf '%s\n' "$rows" | cut -f7 | sort -u)" "$med1_name"
run ut "$TJ" list --user mediator1 --password-file pw --mediator mediator3
expect_rc med-list-other 4
run ut "$TJ" show "$other" --user mediator1 --password-file pw
expect_rc med-show-other 4
expect_err med-show-other-why "调解员只能查看本人承办的案件"
run ut "$TJ" show "$own" --user mediator1 --password-file pw
expect_rc med-show-own 0
expect_out med-show-own "$own"
run ut "$TJ" doc "$other" application --user mediator1 --password-file pw
expect_rc med-doc-other 4
case "$OUT" in "") ok ;; *) fail "med-doc-other printed a document" ;; esac
run ut "$TJ" doc "$own" application --user mediator1 --password-file pw
expect_rc med-doc-own 0
expect_out med-doc-own "申请"
run ut "$TJ" import "$SRCDIR/tests/cmd/data/none.json" --user mediator1 --password-file pw
expect_rc med-import 4
run ut "$TJ" export --month 2026-10 -o m.xlsx --user mediator1 --password-file pw
expect_rc med-export 4

# ---- an administrator's login: allowed, and the events are theirs -------------------------
admin_id=$(q "SELECT id FROM users WHERE login = 'admin'")
run ut "$TJ" user add newclerk --role clerk --password-file evilpw --user admin --login-password-file pw
expect_rc admin-user-add 0
eq admin-user-add-event "$(q "SELECT e.user_id FROM events e JOIN users u ON u.id = e.entity_id
	WHERE e.entity = 'user' AND e.action = 'user_add' AND u.login = 'newclerk'")" "$admin_id"
run ut "$TJ" export --month 2026-10 --full-ids -o full.xlsx --user admin --password-file pw --quiet
expect_rc admin-export-full 0
check admin-export-file test -s full.xlsx
run ut "$TJ" backup b.db --user admin --password-file pw
expect_rc admin-backup 0
check admin-backup-file test -s b.db

# ---- root is trusted as before, and may still act as an account with --user ----------------
run setsid -w "$TJ" list
expect_rc root-list 0
eq root-sees-all "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l)" "$all_n"
run setsid -w "$TJ" list --user mediator1 --password-file pw
expect_rc root-as-mediator 0
eq root-as-mediator-scoped "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l)" "$med1_n"

# ---- a real other Unix user (no override) ----------------------------------------------
if [ "$(id -u)" -eq 0 ]; then
	mkdir shared && cp demo.db shared/s.db && cp "$TJ" shared/tj
	sqlite3 shared/s.db "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
	rm -f shared/s.db-wal shared/s.db-shm
	chmod 755 "$T" shared/tj && chmod 777 shared && chmod 666 shared/s.db
	nb() { TIAOJIE_DB=$T/shared/s.db setsid -w setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	run nb shared/tj user add evil --role admin --password-file "$T/evilpw"
	expect_rc unix-user-add 3
	run nb shared/tj export --month 2026-10 --full-ids -o "$T/shared/f.xlsx" --user clerk --password-file "$T/pw"
	expect_rc unix-clerk-export 4
	run nb shared/tj list --user mediator1 --password-file "$T/pw"
	expect_rc unix-med-list 0
	eq unix-med-list-count "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l)" "$med1_n"
	run nb shared/tj list --user clerk --password-file "$T/bad"
	expect_rc unix-wrong 3
	eq unix-wrong-counted "$(sqlite3 shared/s.db "SELECT failed FROM users WHERE login = 'clerk'")" 1
	eq unix-no-account "$(sqlite3 shared/s.db "SELECT count(*) FROM users WHERE login = 'evil'")" 0
fi

done_tests
