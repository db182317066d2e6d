#!/bin/bash
# test_crash_init.sh - kill -9 at random moments of `init`, `demo` and
# `backup`: nothing is ever left under the final name that is not
# complete (`check` passes on whatever is there), and the next start of
# any command removes the killed run's temporary files (outfile.h).
# CRASH_TRIALS sets the trials of each kind (default 12).
. "$(dirname "$0")/../cmd/lib.sh"
export XDG_RUNTIME_DIR="$T/run"
mkdir -m 700 "$XDG_RUNTIME_DIR"
trials=${CRASH_TRIALS:-12}
printf 'abcdefgh1\n' >pw

leftovers() { # DIR: the program's temporary names left there
	ls -A "$1" | grep -E '^\..*\.tj[0-9]+\.[A-Za-z0-9]{6}(-wal|-shm|-journal)?$'
}

# a random pause of 0..MAX milliseconds
pause() { sleep "$(awk -v m="$1" -v r="$RANDOM" 'BEGIN { printf "%.3f", (r % (m + 1)) / 1000 }')"; }

for kind in init demo; do
	complete=0 absent=0
	for i in $(seq "$trials"); do
		rm -rf "$T/k" && mkdir "$T/k"
		if [ $kind = init ]; then
			"$TJ" init --db "$T/k/x.db" --password-file pw >/dev/null 2>&1 &
			pid=$!
			pause 260
		else
			"$TJ" demo --db "$T/k/x.db" --cases 1500 >/dev/null 2>&1 &
			pid=$!
			pause 800
		fi
		kill -9 $pid 2>/dev/null
		wait $pid 2>/dev/null
		if [ -e "$T/k/x.db" ]; then
			run "$TJ" check --db "$T/k/x.db"
			if [ "$RC" -eq 0 ]; then complete=$((complete + 1)); else
				fail "$kind trial $i: a file under the final name that check refuses: $OUT $ERR"
			fi
		else
			absent=$((absent + 1))
		fi
		# the next start (any command) removes what the killed run left
		"$TJ" validate phone 13800138000 >/dev/null 2>&1
		"$TJ" list --db "$T/k/x.db" >/dev/null 2>&1
		left=$(leftovers "$T/k")
		if [ -n "$left" ]; then fail "$kind trial $i: temporary files left after the next start: $left"; else ok; fi
		[ -z "$(ls -A "$XDG_RUNTIME_DIR/tiaojie" 2>/dev/null | grep '^tmp-')" ] && ok ||
			fail "$kind trial $i: the list of temporary files kept a dead process's entry"
	done
	echo "$kind: $trials kills, $complete complete databases, $absent without a file"
done

# backup into another directory, killed: the next start of any command
# (not one in that directory) removes its temporary copy
"$TJ" demo --db "$T/src.db" --cases 3000 >/dev/null || fail "demo for the backup trials"
for i in $(seq "$trials"); do
	rm -rf "$T/b" && mkdir "$T/b"
	"$TJ" backup --db "$T/src.db" "$T/b/copy.db" >/dev/null 2>&1 &
	pid=$!
	pause 150
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if [ -e "$T/b/copy.db" ]; then
		run "$TJ" check --db "$T/b/copy.db"
		[ "$RC" -eq 0 ] && ok || fail "backup trial $i: a partial backup under its name: $OUT $ERR"
	fi
	"$TJ" validate phone 13800138000 >/dev/null 2>&1
	left=$(leftovers "$T/b")
	[ -z "$left" ] && ok || fail "backup trial $i: temporary files left after the next start: $left"
done

# a live process's temporary file is never taken: one named after this
# shell (alive) stays, one of a pid that does not exist goes
mkdir "$T/live"
touch "$T/live/.x.db.tj$$.AbC123" "$T/live/.x.db.tj999999999.AbC123" "$T/live/.x.db.tj999999999.AbC123-wal"
"$TJ" list --db "$T/live/x.db" >/dev/null 2>&1
[ -e "$T/live/.x.db.tj$$.AbC123" ] && ok || fail "a running process's temporary file was removed"
[ ! -e "$T/live/.x.db.tj999999999.AbC123" ] && [ ! -e "$T/live/.x.db.tj999999999.AbC123-wal" ] && ok ||
	fail "a dead process's temporary files were kept"
done_tests
