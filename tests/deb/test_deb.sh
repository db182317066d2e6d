# test_deb.sh PACKAGE - the deployment, end to end, on this machine (issue
# 18): installs the package with dpkg -i, makes two staff Unix accounts in
# tiaojie-staff and proves, acting as them, that the full-screen program
# starts and saves a case, that the database file is out of their reach,
# that the command line wants an application login and enforces its role,
# that a backup made while another process writes is checked; then purges
# the package and finds the data still there.
#
# It changes the machine (users, groups, /usr/bin/tiaojie, /var/lib/tiaojie),
# so it is not part of `make check`: run it with `make deb-test`, as root,
# on a machine without tiaojie installed.  It removes what it made at the
# end (the data directory, the users and groups) unless KEEP=1.
set -u
deb=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/../.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "test_deb.sh: needs root" >&2; exit 1; }
if dpkg -s tiaojie >/dev/null 2>&1 || [ -e /var/lib/tiaojie ] || getent passwd tiaojie >/dev/null; then
	echo "test_deb.sh: tiaojie is installed here already (or /var/lib/tiaojie exists): not touching it" >&2
	exit 1
fi

export TJ=/usr/bin/tiaojie
unset TIAOJIE_NOW
# the screen helpers (tmux, keys, waits) and the counters
. "$top/tests/screen/lib.sh"
unset TIAOJIE_DATADIR
eq() { if [ "$2" = "$3" ]; then ok; else fail "$1: '$2', want '$3'"; fi; }
DB=/var/lib/tiaojie/tiaojie.db
STAFF="tjt-clerk tjt-med"

cleanup_machine() {
	[ "${KEEP:-0}" = 1 ] && return
	for u in $STAFF; do userdel -r "$u" >/dev/null 2>&1; done
	dpkg --purge tiaojie >/dev/null 2>&1
	rm -rf /var/lib/tiaojie
	userdel tiaojie >/dev/null 2>&1
	groupdel tiaojie >/dev/null 2>&1
	groupdel tiaojie-staff >/dev/null 2>&1
}
trap 'cleanup_tmux; cleanup_machine; rm -rf "$T"' EXIT

printf 'demo1234\n' >"$T/pw"
chmod 755 "$T" && chmod 644 "$T/pw"

# ---- install ------------------------------------------------------------------------
run dpkg -i "$deb"
expect_rc dpkg-install 0
eq binary "$(stat -c '%a %U %G' /usr/bin/tiaojie)" "2755 root tiaojie"
eq data-dir "$(stat -c '%a %U %G' /var/lib/tiaojie)" "2770 tiaojie tiaojie"
eq backup-dir "$(stat -c '%a %U %G' /var/lib/tiaojie/backups)" "2750 tiaojie tiaojie"
check config test -f /etc/tiaojie/tiaojie.conf
check man-page test -f /usr/share/man/man1/tiaojie.1.gz
check forms test -f /usr/share/tiaojie/forms/application.txt
check staff-group sh -c "getent group tiaojie-staff >/dev/null"
check units test -f /lib/systemd/system/tiaojie-backup.timer
if command -v systemd-analyze >/dev/null; then
	run systemd-analyze verify /lib/systemd/system/tiaojie-backup.service /lib/systemd/system/tiaojie-backup.timer
	expect_rc systemd-analyze-verify 0
fi

# the database, made by the service account (a demo one: accounts and cases)
run runuser -u tiaojie -- "$TJ" demo --db "$DB" --cases 300
expect_rc demo 0
# demo writes through its own bulk path; the service account's next
# command makes the file its group's to write (init does at once)
run runuser -u tiaojie -- "$TJ" check
expect_rc check-as-service 0
eq db-mode "$(stat -c '%a %G' "$DB")" "660 tiaojie"
# the documented first step: init by the service account makes the file
# its group's at once
run runuser -u tiaojie -- "$TJ" init --db /var/lib/tiaojie/first.db --admin chief --password-file "$T/pw"
expect_rc init-as-service 0
eq init-mode "$(stat -c '%a %U %G' /var/lib/tiaojie/first.db)" "660 tiaojie tiaojie"
rm -f /var/lib/tiaojie/first.db*

# ---- two staff accounts ---------------------------------------------------------------
for u in $STAFF; do
	useradd -m -s /bin/bash -G tiaojie-staff "$u" || fail "useradd $u"
done
printf 'demo1234\n' >"$T/pw"
printf 'evil12345\n' >"$T/evilpw"
chmod 755 "$T" && chmod 644 "$T/pw" "$T/evilpw"
as() { local u=$1; shift; setsid -w runuser -u "$u" -- "$@"; }

run as tjt-clerk sqlite3 "$DB" "SELECT count(*) FROM users"
[ "$RC" -ne 0 ] && ok || fail "sqlite3 read the database as staff: $OUT"
run as tjt-clerk "$TJ" user add evil --role admin --password-file "$T/evilpw"
expect_rc user-add-without-login 3
run as tjt-clerk "$TJ" user add evil --role admin --password-file "$T/evilpw" --user clerk --login-password-file "$T/pw"
expect_rc user-add-as-clerk 4
eq no-evil "$(sqlite3 "$DB" "SELECT count(*) FROM users WHERE login = 'evil'")" 0
run as tjt-clerk "$TJ" export --month 2026-10 --full-ids -o /tmp/tjt-full.xlsx --user clerk --password-file "$T/pw"
expect_rc export-full-as-clerk 4
check no-export test ! -e /tmp/tjt-full.xlsx
med=$(sqlite3 "$DB" "SELECT mediator_id FROM users WHERE login = 'mediator1'")
run as tjt-med "$TJ" list --user mediator1 --password-file "$T/pw"
expect_rc mediator-list 0
eq mediator-list-own "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l)" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM cases WHERE mediator_id = $med")"
run as tjt-med "$TJ" list --user mediator1 --password-file "$T/pw" --db /tmp/other.db
expect_rc staff-db-option 1

# ---- the full-screen program as a staff account, saving a case -------------------------
row=$(sqlite3 "$DB" "SELECT c.case_no FROM cases c JOIN case_parties cp ON cp.case_id = c.id AND cp.role = 'applicant'
	JOIN persons p ON p.id = cp.person_id WHERE c.status = 'registered' AND p.phone <> '' ORDER BY c.id LIMIT 1")
before=$(sqlite3 "$DB" "SELECT count(*) FROM events e JOIN users u ON u.id = e.user_id WHERE u.login = 'clerk'")
start runuser -u tjt-clerk -- env LANG=C.UTF-8 "$TJ"
login clerk demo1234
skip_drafts
expect_screen desk "案件队列" 10
key 3
expect_screen search "查找："
typ "$row"
expect_screen found "$row"
key Enter
expect_screen detail "事实与理由"
key F3
expect_screen menu "可办理的操作"
pick_menu 确认请求
expect_screen confirm-form "请求事项"
key F2
nap 2
after=$(sqlite3 "$DB" "SELECT count(*) FROM events e JOIN users u ON u.id = e.user_id WHERE u.login = 'clerk'")
[ "$after" -gt "$before" ] && ok || { fail "the clerk's save left no event ($before -> $after)"; screen_text >&2; }
tm kill-server >/dev/null 2>&1

# ---- the backup while another process writes -----------------------------------------------
(
	i=0
	while [ ! -e "$T/stop" ]; do
		i=$((i + 1))
		runuser -u tiaojie -- "$TJ" user add "w$i" --role clerk --password-file "$T/pw" >/dev/null 2>&1
	done
) &
writer=$!
sleep 0.5
# what the timer's service runs
run runuser -u tiaojie -- "$TJ" --config /etc/tiaojie/tiaojie.conf backup --dir /var/lib/tiaojie/backups \
	--keep-daily 14 --keep-monthly 12
expect_rc backup 0
expect_out backup-checked "已检查备份副本：完整"
touch "$T/stop"
wait "$writer"
copy=$(ls /var/lib/tiaojie/backups/tiaojie-*.db | head -n 1)
eq backup-owner "$(stat -c '%a %U' "$copy")" "600 tiaojie"
run "$TJ" check --db "$copy"
expect_rc backup-passes-check 0

# ---- an upgrade: a checked copy first ---------------------------------------------------------
if [ -d "$top/build/deb/root/DEBIAN" ]; then
	sh "$top/tools/mkdeb.sh" "$top/build/deb/root" 0.1.0+t1 "$T/next.deb" >/dev/null || fail "mkdeb next"
	run dpkg -i "$T/next.deb"
	expect_rc dpkg-upgrade 0
	expect_out upgrade-said "升级前已备份数据库"
	pre=$(ls /var/lib/tiaojie/backups/pre-upgrade-from-0.1.0-*.db 2>/dev/null | head -n 1)
	check pre-upgrade-copy test -s "$pre"
	run "$TJ" check --db "$pre"
	expect_rc pre-upgrade-checks 0
	eq upgrade-kept-setgid "$(stat -c '%a %G' /usr/bin/tiaojie)" "2755 tiaojie"
fi

# ---- purge: the data stays ----------------------------------------------------------------
run dpkg --purge tiaojie
expect_rc dpkg-purge 0
check binary-gone test ! -e /usr/bin/tiaojie
check config-gone test ! -e /etc/tiaojie/tiaojie.conf
check data-kept test -s "$DB"
check backups-kept test -s "$copy"
run dpkg-statoverride --list /usr/bin/tiaojie
[ "$RC" -ne 0 ] && ok || fail "statoverride left behind"

done_tests
