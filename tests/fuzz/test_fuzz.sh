#!/bin/bash
# test_fuzz.sh - runs each libFuzzer target of tests/fuzz/ (built by the
# Makefile as build/fuzz/fuzz_NAME, the library under clang's coverage with
# AddressSanitizer and UBSan) for FUZZ_SECONDS (20 unless given), starting
# from its seed corpus tests/fuzz/corpus/NAME (which holds the regression
# inputs of every crash found) and the corpus earlier runs grew in
# build/fuzz/corpus/NAME.  A target passes when it ran without a crash,
# a leak, a timeout or an abort of its own checks; the executions reached
# are printed per target.  A crash leaves its input in build/fuzz/crashes/.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
secs=${FUZZ_SECONDS:-20}
only=${FUZZ_TARGETS:-}
npass=0
nfail=0
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
mkdir -p build/fuzz/crashes
for src in tests/fuzz/fuzz_*.c; do
	t=$(basename "$src" .c)
	t=${t#fuzz_}
	[ -z "$only" ] || case " $only " in *" $t "*) ;; *) continue ;; esac
	bin=build/fuzz/fuzz_$t
	if [ ! -x "$bin" ]; then
		echo "FAIL fuzz $t: $bin not built (make $bin)" >&2
		nfail=$((nfail + 1))
		continue
	fi
	mkdir -p "build/fuzz/corpus/$t"
	log=build/fuzz/$t.log
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="build/fuzz/crashes/$t-" "build/fuzz/corpus/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1
	rc=$?
	execs=$(grep -E '^stat::number_of_executed_units:' "$log" | tail -n 1 | awk '{print $2}')
	rate=$(grep -E '^stat::average_exec_per_sec:' "$log" | tail -n 1 | awk '{print $2}')
	if [ "$rc" -eq 0 ] && [ -n "$execs" ] && ! grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:' "$log"; then
		npass=$((npass + 1))
		printf 'fuzz %-10s %12s executions in %s s (%s/s), 0 crashes\n' "$t" "$execs" "$secs" "$rate"
	else
		nfail=$((nfail + 1))
		echo "FAIL fuzz $t: exit $rc after ${execs:-?} executions; see $log and build/fuzz/crashes/" >&2
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -n 10 >&2
	fi
done
echo "$npass passed, $nfail failed"
[ "$nfail" -eq 0 ]
