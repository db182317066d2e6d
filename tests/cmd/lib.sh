# lib.sh - helpers for the command tests (sourced).  Each test script runs the
# real binary ($TJ) in its own temporary directory and ends with `done_tests`,
# which prints "N passed, M failed" for tests/run.sh to add up.
set -u
: "${TJ:?TJ must name the tiaojie binary}"
TJ=$(cd "$(dirname "$TJ")" && pwd)/$(basename "$TJ")
SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
export TIAOJIE_DATADIR="$SRCDIR/data"
export TIAOJIE_NOW="${TIAOJIE_NOW:-2026-11-20 10:00:00}"
export XDG_CONFIG_HOME="${XDG_CONFIG_HOME:-/nonexistent-tiaojie-config}"
unset TIAOJIE_DB
T=$(mktemp -d)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
cd "$T" || exit 1
npass=0
nfail=0

ok() { npass=$((npass + 1)); }
fail() {
	nfail=$((nfail + 1))
	echo "FAIL $(basename "$0"): $*" >&2
}
# check NAME CMD...: passes when CMD exits 0
check() {
	local name=$1
	shift
	if "$@"; then ok; else fail "$name"; fi
}
# run CMD...: runs it capturing stdout in $OUT, stderr in $ERR, status in $RC
run() {
	"$@" >"$T/.out" 2>"$T/.err"
	RC=$?
	OUT=$(cat "$T/.out")
	ERR=$(cat "$T/.err")
}
# expect_rc NAME WANT: after run
expect_rc() {
	if [ "$RC" -eq "$2" ]; then ok; else fail "$1: exit $RC, want $2 (stderr: $ERR)"; fi
}
expect_out() { # NAME SUBSTRING: stdout contains
	case "$OUT" in *"$2"*) ok ;; *) fail "$1: stdout lacks '$2': $OUT" ;; esac
}
expect_err() { # NAME SUBSTRING: stderr contains
	case "$ERR" in *"$2"*) ok ;; *) fail "$1: stderr lacks '$2': $ERR" ;; esac
}
done_tests() {
	echo "$npass passed, $nfail failed"
	[ "$nfail" -eq 0 ]
}
