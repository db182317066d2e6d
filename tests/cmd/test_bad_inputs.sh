#!/bin/bash
# test_bad_inputs.sh - the bad-input matrix: every line of
# data/bad_inputs.tsv is a bad input on the command line or on a screen,
# with the Chinese message it must produce.  A command-line input must
# exit with its status and say its message (stdout or stderr); a screen
# input is typed into the full-screen program (a fresh one at its login
# each time, tests/screen/lib.sh) and its message must appear on screen.
# Nothing a refused input touched may be written: the demo database's
# cases and events are counted before and after.
. "$(dirname "$0")/../screen/lib.sh"
TABLE="$SRCDIR/tests/cmd/data/bad_inputs.tsv"
export TIAOJIE_FORMS="$SRCDIR/forms"

"$TJ" demo --db demo.db --cases 100 --seed 3 >/dev/null || fail "demo"
DB=$T/demo.db
CASE=$(sqlite3 "$DB" "SELECT case_no FROM cases WHERE status = 'registered' ORDER BY id LIMIT 1")
printf 'goodpass123\n' >pw
GOOD='{"channel":"网上","received":"2026-11-19","applicants":[{"doc_kind":"居民身份证","doc_no":"11010519491231002X","name":"张三","phone":"13800000000","address":"上海市"}],"respondents":[{"kind":"用人单位","name":"上海某某有限公司"}],"claims":[{"cause":"0601","text":"支付工资","amount":"100.00"}],"facts":"事实"}'
# rec SED: import the good record changed by SED
rec() {
	printf '%s\n' "$GOOD" | sed "$1" >rec.json
	"$TJ" import --db "$DB" rec.json
}
counts() { sqlite3 -cmd ".timeout 10000" "$DB" "SELECT (SELECT count(*) FROM cases) || ' ' || (SELECT count(*) FROM events) || ' ' || (SELECT count(*) FROM users)"; }

# the good record itself registers (so each refusal is the change's)
printf '%s\n' "$GOOD" >rec.json
"$TJ" import --db "$DB" rec.json >/dev/null 2>&1 && ok || fail "the good record is refused"
before=$(counts)
ncli=0
nscreen=0
while IFS=$'\t' read -r where name want msg cmd; do
	case $where in '#'* | where | '') continue ;; esac
	case $where in
	cli)
		ncli=$((ncli + 1))
		out=$(cd "$T" && eval "$cmd" 2>&1)
		rc=$?
		if [ "$rc" -ne "$want" ]; then fail "$name: exit $rc, want $want: $out"; else ok; fi
		case "$out" in *"$msg"*) ok ;; *) fail "$name: lacks '$msg': $(printf '%s' "$out" | head -c 300)" ;; esac
		;;
	screen)
		nscreen=$((nscreen + 1))
		start "$TJ" --db "$DB" || continue
		eval "$cmd"
		expect_screen "$name" "$msg" 3
		tm kill-server >/dev/null 2>&1
		;;
	*) fail "bad line in the table: $where $name" ;;
	esac
done <"$TABLE"
check "at least 40 bad inputs ($ncli on the command line, $nscreen on screens)" [ $((ncli + nscreen)) -ge 40 ]
# what was refused wrote nothing (the refused logins are counted on their
# account, and the good record was imported before)
after=$(counts)
eq_cases=$(echo "$before" | cut -d' ' -f1,3)
check "nothing registered or added by a refused input" [ "$(echo "$after" | cut -d' ' -f1,3)" = "$eq_cases" ]
done_tests
