# test_backup.sh - `tiaojie backup --dir` and `tiaojie restore` (issue 18
# item 4): a checked copy per day while another process writes, rotation
# (the newest N and the first of each of the newest M months), and a
# restore that refuses a database in use unless forced and keeps the file
# it replaces.
. "$(dirname "$0")/lib.sh"

q() { sqlite3 "$1" "$2"; }
eq() { if [ "$2" = "$3" ]; then ok; else fail "$1: '$2', want '$3'"; fi; }
printf 'secret123\n' >pw

run "$TJ" demo --db d.db --cases 1500
expect_rc demo 0

# ---- a copy while another process writes -------------------------------------------
# the writer adds accounts (each a write transaction with its event) in a loop
(
	i=0
	while [ ! -e stop ]; do
		i=$((i + 1))
		"$TJ" user add "w$i" --role clerk --password-file pw --db d.db >/dev/null 2>&1
	done
) &
writer=$!
sleep 0.3
run "$TJ" backup --dir bk --db d.db
expect_rc backup-while-writing 0
expect_out backup-checked "已检查备份副本：完整"
touch stop
wait "$writer"
day=${TIAOJIE_NOW%% *}
check backup-file test -s "bk/tiaojie-$day.db"
check backup-mode sh -c "[ \"\$(stat -c %a bk/tiaojie-$day.db)\" = 600 ]"
check backup-dir-mode sh -c '[ "$(stat -c %a bk)" = 750 ]'
check no-temp-left sh -c '[ -z "$(ls -A bk | grep -v "^tiaojie-")" ]'
run "$TJ" check --db "bk/tiaojie-$day.db"
expect_rc backup-passes-check 0
[ "$(q d.db "SELECT count(*) FROM users WHERE login LIKE 'w%'")" -gt 0 ] && ok || fail "the writer wrote nothing"

# ---- rotation ------------------------------------------------------------------------
for d in 2026-08-15 2026-09-01 2026-09-28 2026-09-30 2026-10-01 2026-10-05 2026-10-31 2026-11-01 2026-11-02 \
	2026-11-03; do
	TIAOJIE_NOW="$d 02:00:00" "$TJ" backup --dir rot --db d.db --keep-daily 3 --keep-monthly 2 >/dev/null ||
		fail "backup on $d"
done
eq rotation "$(ls rot | tr '\n' ' ')" "tiaojie-2026-10-01.db tiaojie-2026-11-01.db tiaojie-2026-11-02.db tiaojie-2026-11-03.db "
# a second run on one day replaces that day's copy
run env TIAOJIE_NOW="2026-11-03 03:00:00" "$TJ" backup --dir rot --db d.db --keep-daily 3 --keep-monthly 2
expect_rc same-day 0
eq same-day-count "$(ls rot | wc -l)" 4
# files that are not backups are never touched
touch rot/notes.txt rot/tiaojie-latest.db
TIAOJIE_NOW="2026-11-04" "$TJ" backup --dir rot --db d.db --keep-daily 1 --keep-monthly 0 >/dev/null
eq rotation-min "$(ls rot | tr '\n' ' ')" "notes.txt tiaojie-2026-11-04.db tiaojie-latest.db "
run "$TJ" backup --dir rot --db d.db --keep-daily x
expect_rc bad-keep 2
run "$TJ" backup --dir rot b.db --db d.db
expect_rc dir-and-file 2
touch afile
run "$TJ" backup --dir afile --db d.db
expect_rc dir-not-dir 1

# ---- restore ---------------------------------------------------------------------------
run "$TJ" backup b1.db --db d.db
expect_rc backup-file 0
before=$(q d.db "SELECT count(*) FROM users")
"$TJ" user add afterbackup --role clerk --password-file pw --db d.db >/dev/null || fail "user add"

# a session has the database open: refused, nothing changed
( echo "SELECT count(*) FROM users;"; sleep 4 ) | sqlite3 d.db >/dev/null &
holder=$!
sleep 1
run "$TJ" restore b1.db --db d.db
expect_rc restore-in-use 1
expect_err restore-in-use-why "正被使用"
eq in-use-untouched "$(q d.db "SELECT count(*) FROM users WHERE login = 'afterbackup'")" 1
check in-use-nothing-kept sh -c '! ls d.db.replaced-* >/dev/null 2>&1'
wait "$holder"

# a file that is no tiaojie database is refused before anything is touched
head -c 8192 /dev/urandom >junk.db
run "$TJ" restore junk.db --db d.db
expect_rc restore-junk 1
eq junk-untouched "$(q d.db "SELECT count(*) FROM users WHERE login = 'afterbackup'")" 1
# only root or the service account restores
run env TIAOJIE_TEST_UNTRUSTED=1 "$TJ" restore b1.db --db d.db
expect_rc restore-untrusted 4

chmod 640 d.db
run "$TJ" restore b1.db --db d.db
expect_rc restore 0
expect_out restore-said "原数据库保留为"
eq restored "$(q d.db "SELECT count(*) FROM users")" "$before"
eq restored-without-later "$(q d.db "SELECT count(*) FROM users WHERE login = 'afterbackup'")" 0
kept=$(ls d.db.replaced-* | grep -v -- '-wal$' | head -n 1)
eq kept-has-later "$(q "$kept" "SELECT count(*) FROM users WHERE login = 'afterbackup'")" 1
check restore-mode sh -c '[ "$(stat -c %a d.db)" = 640 ]'
run "$TJ" check --db d.db
expect_rc restored-checks 0
run "$TJ" list --db d.db
expect_rc restored-opens 0

# forced over an open session (a backup is a rollback-journal file: the
# first write puts the restored database back in WAL mode)
"$TJ" user add afterrestore --role clerk --password-file pw --db d.db >/dev/null || fail "user add"
eq wal-again "$(q d.db "PRAGMA journal_mode")" wal
( echo "SELECT count(*) FROM users;"; sleep 3 ) | sqlite3 d.db >/dev/null &
holder=$!
sleep 1
run "$TJ" restore b1.db --db d.db --force
expect_rc restore-forced 0
expect_err restore-forced-said "--force"
wait "$holder"
run "$TJ" check --db d.db
expect_rc forced-checks 0

done_tests
