# test_setgid.sh - the privilege boundary of the installed program (README,
# "The privilege boundary"): a setgid binary whose group alone can read the
# database.  A staff account (here nobody) cannot read the file itself,
# reaches the data only through the program and its login, cannot aim the
# group at another file (--db, --config, TIAOJIE_DB), and writes nothing
# with the group: not into the data directory, not through init.
#
# Needs root (to make the setgid copy and act as nobody); the group is
# "staff" (gid 50 on Debian), standing for the package's "tiaojie".
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -ne 0 ] || ! getent group staff >/dev/null; then
	echo "skipped: needs root and the group staff"
	done_tests
	exit $?
fi
eq() { if [ "$2" = "$3" ]; then ok; else fail "$1: '$2', want '$3'"; fi; }
nb() { setsid -w setpriv --reuid=65534 --regid=65534 --clear-groups env TIAOJIE_TEST_SYSTEM_CONFIG="$T/sys.conf" "$@"; }

printf 'demo1234\n' >pw
chmod 644 pw
mkdir -p data bin out
run "$TJ" demo --db data/t.db --cases 100
expect_rc demo 0
"$TJ" user add w1 --role clerk --password-file pw --db data/t.db >/dev/null # WAL mode, -shm made
chgrp -R staff data && chmod 2770 data && chmod 660 data/t.db*
cp "$TJ" bin/tj && chgrp staff bin/tj && chmod 2755 bin/tj
chmod 755 "$T" bin && chmod 777 out
printf '[database]\npath = %s/data/t.db\n' "$T" >sys.conf
chmod 644 sys.conf

# the file itself is out of reach
run nb sqlite3 "$T/data/t.db" "SELECT count(*) FROM users"
[ "$RC" -ne 0 ] && ok || fail "sqlite3 read the database as staff: $OUT"
run nb cat "$T/data/t.db"
[ "$RC" -ne 0 ] && ok || fail "cat read the database"

# through the program, with a login
run nb bin/tj list --user clerk --password-file "$T/pw"
expect_rc staff-list 0
eq staff-list-rows "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l)" "$(sqlite3 data/t.db 'SELECT count(*) FROM cases')"
run nb bin/tj list
expect_rc staff-no-login 3
run nb bin/tj user add evil --role admin --password-file "$T/pw" --user clerk --login-password-file "$T/pw"
expect_rc staff-clerk-user-add 4

# the group cannot be aimed elsewhere
run nb bin/tj list --user clerk --password-file "$T/pw" --db "$T/data/t.db"
expect_rc staff-db-option 1
expect_err staff-db-option-why "不接受 --db"
run nb env TIAOJIE_DB="$T/data/t.db" bin/tj list --user clerk --password-file "$T/pw"
expect_rc staff-db-env 1
cp sys.conf other.conf
run nb bin/tj --config "$T/other.conf" list --user clerk --password-file "$T/pw"
expect_rc staff-config-option 1

# the system configuration missing: said, exit 1
run nb env TIAOJIE_TEST_SYSTEM_CONFIG="$T/none.conf" bin/tj list --user clerk --password-file "$T/pw"
expect_rc staff-no-config 1
expect_err staff-no-config-why "无法读取配置文件"

# nothing written with the group: a document into the data directory is
# refused, into the caller's own directory it is theirs
cno=$(sqlite3 data/t.db "SELECT case_no FROM cases ORDER BY id LIMIT 1")
run nb bin/tj doc "$cno" application -o "$T/data/x.txt" --user admin --password-file "$T/pw"
[ "$RC" -ne 0 ] && ok || fail "doc wrote into the data directory"
check no-doc-in-data test ! -e data/x.txt
run nb bin/tj doc "$cno" application -o "$T/out/x.txt" --user admin --password-file "$T/pw"
expect_rc doc-own-dir 0
eq doc-owner "$(stat -c %u:%g out/x.txt)" 65534:65534
run nb bin/tj init --db "$T/data/new.db" --password-file "$T/pw"
[ "$RC" -ne 0 ] && ok || fail "init made a database in the data directory"
check no-init-in-data test ! -e data/new.db

# the login counted: a wrong password through the setgid program
printf 'wrongpass\n' >bad && chmod 644 bad
run nb bin/tj list --user clerk --password-file "$T/bad"
expect_rc staff-wrong 3
eq staff-wrong-counted "$(sqlite3 data/t.db "SELECT failed FROM users WHERE login = 'clerk'")" 1

done_tests
