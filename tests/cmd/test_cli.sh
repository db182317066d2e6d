# test_cli.sh - the foundation subcommands end to end: init, check,
# validate, user, backup, --help/--version, and bad input of every kind
# (unknown option, missing database, unreadable path, read-only database,
# wrong password file, corrupt file).
. "$(dirname "$0")/lib.sh"

printf 'secret123\n' >pw
printf '\n' >emptypw

# --help / --version / unknown
run "$TJ" --help
expect_rc help 0
expect_out help "tiaojie init"
expect_out help "tiaojie validate"
run "$TJ" --version
expect_rc version 0
expect_out version "tiaojie "
run "$TJ" --frobnicate
expect_rc unknown-option 2
expect_err unknown-option "未知选项"
run "$TJ" frobnicate
expect_rc unknown-command 2
expect_err unknown-command "未知命令"
run "$TJ" init --bogus
expect_rc init-unknown-option 2

# missing database
run "$TJ" check --db nothere.db
expect_rc check-missing 1
expect_err check-missing "不存在"
check no-file-created test ! -e nothere.db

# init
run "$TJ" init --db t.db --admin chief --password-file pw
expect_rc init 0
expect_out init "一级 17 个，二级 65 个"
check db-not-world-readable sh -c '[ $(( $(stat -c %a t.db) % 10 )) -eq 0 ]'
run "$TJ" check --db t.db
expect_rc check-new 0
expect_out check-new "检查通过"
check admin-created sh -c "sqlite3 t.db \"SELECT role FROM users WHERE login='chief'\" | grep -qx admin"
check admin-hash-yescrypt sh -c "sqlite3 t.db \"SELECT pw_hash FROM users\" | grep -q '^\\\$y\\\$'"
check migrations-tracked sh -c "[ \"\$(sqlite3 t.db 'PRAGMA user_version')\" -ge 1 ]"
check holidays-loaded sh -c "[ \"\$(sqlite3 t.db \"SELECT kind FROM holidays WHERE day='2026-10-01'\")\" = off ]"

# init refuses an existing database; --force keeps the old one aside
run "$TJ" init --db t.db --password-file pw
expect_rc init-exists 1
expect_err init-exists "已存在"
run "$TJ" init --db t2.db --password-file pw
run "$TJ" init --db t2.db --password-file pw --force
expect_rc init-force 0
check init-force-kept-old sh -c 'ls t2.db.bak-* >/dev/null 2>&1'

# wrong password files
run "$TJ" init --db t3.db --password-file nosuchfile
expect_rc pwfile-missing 1
expect_err pwfile-missing "无法读取密码文件"
check pwfile-missing-no-db test ! -e t3.db
run "$TJ" init --db t3.db --password-file emptypw
expect_rc pwfile-empty 1
expect_err pwfile-empty "为空"
printf 'abc\n' >shortpw
run "$TJ" init --db t3.db --password-file shortpw
expect_rc pwfile-short 1
expect_err pwfile-short "太短"
check short-no-db test ! -e t3.db
run "$TJ" init --db t3.db --password-file . 
expect_rc pwfile-dir 1

# environment and config decide the path
TIAOJIE_DB=t.db run "$TJ" check
expect_rc env-db 0
mkdir -p cfg/tiaojie
printf '[database]\npath = t.db\n' >cfg/tiaojie/config
XDG_CONFIG_HOME=$T/cfg run "$TJ" check
expect_rc config-db 0
printf '[database]\npaht = t.db\n' >bad.conf
run "$TJ" --config bad.conf check --db t.db
expect_rc bad-config 1
expect_err bad-config "bad.conf:2:"

# validate
run "$TJ" validate id "１１０１０５ １９４９１２３１００２ｘ"
expect_rc validate-id-fullwidth 0
expect_out validate-id-fullwidth "11010519491231002X"
run "$TJ" validate id 110105194912310021
expect_rc validate-id-bad 1
expect_err validate-id-bad "校验位错误"
run "$TJ" validate id 99010519491231002X
expect_rc validate-id-region 1
run "$TJ" validate uscc 91350100M000100Y43
expect_rc validate-uscc 0
run "$TJ" validate uscc 91350100M000100Y44
expect_rc validate-uscc-bad 1
expect_err validate-uscc-bad "应为3"
run "$TJ" validate phone "+86 138-1234-5678"
expect_rc validate-phone 0
expect_out validate-phone "13812345678"
run "$TJ" validate phone 12812345678
expect_rc validate-phone-bad 1
run "$TJ" validate hkmo H12345678
expect_rc validate-hkmo 0
run "$TJ" validate tw 1234567
expect_rc validate-tw-bad 1
run "$TJ" validate passport E1234
expect_rc validate-passport 0
run "$TJ" validate foreign-pr ABC123456789012
expect_rc validate-foreign-legacy 1
run "$TJ" validate residence 810000199408230021
expect_rc validate-residence 0
run "$TJ" validate residence 810000199408230022
expect_rc validate-residence-bad 1
run "$TJ" validate id 810000199408230021
expect_rc validate-id-hk-region 1
run "$TJ" validate id "$(printf '1101\001')"
expect_rc validate-control 1
expect_err validate-control "控制字符"
run "$TJ" validate id "$(printf '\377\376')"
expect_rc validate-badutf8 1
expect_err validate-badutf8 "UTF-8"
run "$TJ" validate id "$(head -c 20000 /dev/zero | tr '\0' 1)"
expect_rc validate-long 1
run "$TJ" validate licence 123
expect_rc validate-unknown-kind 2
run "$TJ" validate id
expect_rc validate-missing-value 2

# user
run "$TJ" user add w1 --role clerk --name 窗口一 --password-file pw --db t.db
expect_rc user-add 0
run "$TJ" user add w1 --role clerk --password-file pw --db t.db
expect_rc user-add-dup 1
expect_err user-add-dup "已存在"
run "$TJ" user add w2 --role boss --password-file pw --db t.db
expect_rc user-add-badrole 1
expect_err user-add-badrole "角色"
run "$TJ" user add W2 --role clerk --password-file pw --db t.db
expect_rc user-add-badlogin 1
run "$TJ" user add w3 --db t.db --password-file pw
expect_rc user-add-norole 2
run "$TJ" user list --db t.db
expect_rc user-list 0
expect_out user-list "w1	窗口一	clerk	active"
run "$TJ" user passwd w1 --password-file pw --db t.db
expect_rc user-passwd 0
run "$TJ" user passwd ghost --password-file pw --db t.db
expect_rc user-passwd-ghost 1
expect_err user-passwd-ghost "不存在"
run "$TJ" user disable w1 --db t.db
expect_rc user-disable 0
run "$TJ" user disable chief --db t.db
expect_rc user-disable-last-admin 1
expect_err user-disable-last-admin "最后一个管理员"
run "$TJ" user list --db t.db
expect_out user-list-disabled "w1	窗口一	clerk	disabled"
run "$TJ" user enable w1 --db t.db
expect_rc user-enable 0
run "$TJ" user unlock w1 --db t.db
expect_rc user-unlock 0
run "$TJ" user unlock ghost --db t.db
expect_rc user-unlock-ghost 1
run "$TJ" user frob w1 --db t.db
expect_rc user-badverb 2
check user-events sh -c "[ \"\$(sqlite3 t.db \"SELECT count(*) FROM events WHERE entity='user'\")\" -ge 5 ]"

# backup while another process holds a write transaction
run "$TJ" backup b1.db --db t.db
expect_rc backup 0
check backup-mode sh -c '[ "$(stat -c %a b1.db)" = 600 ]'
run "$TJ" check --db b1.db
expect_rc backup-checks 0
check backup-same-users sh -c "[ \"\$(sqlite3 b1.db 'SELECT count(*) FROM users')\" = \"\$(sqlite3 t.db 'SELECT count(*) FROM users')\" ]"
run "$TJ" backup b1.db --db t.db
expect_rc backup-exists 1
expect_err backup-exists "已存在"
run "$TJ" backup b1.db --force --db t.db
expect_rc backup-force 0
( printf 'BEGIN IMMEDIATE;\nINSERT INTO holidays VALUES (%s, %s, %s);\n' "'2030-01-01'" "'off'" "'x'"; sleep 2; printf 'COMMIT;\n' ) | sqlite3 t.db &
writer=$!
sleep 0.5
run "$TJ" backup b2.db --db t.db
expect_rc backup-during-write 0
wait $writer
check backup-consistent sh -c "[ \"\$(sqlite3 b2.db \"SELECT count(*) FROM holidays WHERE day='2030-01-01'\")\" = 0 ]"
run "$TJ" backup nodir/b.db --db t.db
expect_rc backup-baddir 1
expect_err backup-baddir "无法创建备份文件"

# check finds tampering
cp t.db tampered.db
sqlite3 tampered.db "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id = 1;"
run "$TJ" check --db tampered.db
expect_rc check-tampered 1
expect_err check-tampered "触发器"
expect_err check-tampered "问题"

# corrupt and foreign files
head -c 8192 /dev/urandom >junk.db
run "$TJ" check --db junk.db
expect_rc check-junk 1
expect_err check-junk "junk.db"
sqlite3 other.db "CREATE TABLE x(a); INSERT INTO x VALUES(1);"
run "$TJ" check --db other.db
expect_rc check-foreign 1
expect_err check-foreign "不是 tiaojie 数据库"
cp t.db trunc.db
truncate -s 4096 trunc.db
rm -f trunc.db-wal trunc.db-shm
run "$TJ" check --db trunc.db
expect_rc check-truncated 1

# unreadable path and read-only database, as an unprivileged user
# (root ignores file permissions)
as_user() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	else
		"$@"
	fi
}
mkdir ro && cp t.db ro/r.db && rm -f ro/r.db-wal ro/r.db-shm
cp "$TJ" ro/tj && chmod 755 "$T" ro ro/tj && chmod 644 ro/r.db
# make the copy self-contained (checkpoint the WAL) before locking it down
sqlite3 ro/r.db "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
chmod 555 ro
run as_user ro/tj check --user chief --password-file "$T/pw" --db ro/r.db
expect_rc readonly-check 0
run as_user ro/tj user add w9 --role clerk --password-file "$T/pw" --user chief --login-password-file "$T/pw" --db ro/r.db
expect_rc readonly-write 1
expect_err readonly-write "只读"
chmod 755 ro
chmod 600 ro/r.db
run as_user ro/tj check --user chief --password-file "$T/pw" --db ro/r.db
expect_rc unreadable 1
expect_err unreadable "无法读取"
chmod 644 ro/r.db

# a NUL in a password file is refused, not cut short
printf 'abcd\000efgh1234\n' >nulpw
run "$TJ" user add nulpw1 --role clerk --password-file nulpw --db t.db
expect_rc nul-password 1
expect_err nul-password "空字符"
check nul-password-no-account sh -c '[ "$(sqlite3 t.db "SELECT count(*) FROM users WHERE login = '"'"'nulpw1'"'"'")" = 0 ]'

# the umask given is only made stricter: with 077 a masked workbook is not
# group-readable either (it is 0640 under the default)
run sh -c "umask 077 && '$TJ' export --db t.db --month 2026-10 -o um.xlsx --quiet"
expect_rc umask-export 0
check umask-kept sh -c '[ "$(stat -c %a um.xlsx)" = 600 ]'
run sh -c "umask 002 && '$TJ' export --db t.db --month 2026-10 -o um2.xlsx --quiet"
check umask-never-looser sh -c '[ "$(stat -c %a um2.xlsx)" = 640 ]'

done_tests
