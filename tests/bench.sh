#!/bin/sh
# bench.sh - `make bench`: tiaojie at a million cases (build/rel/bench,
# tests/bench/bench.c, says what is measured and how).
#
# The benchmark database, build/bench/bench.db, is made with `tiaojie demo
# --cases 1000000` and timed (the generation has a target too), then kept:
# the next run uses it again when build/bench/bench.stamp shows it was made
# by the same version from the same migrations and demo generator.  Making
# it takes minutes and some 4 GB of disk.
#
# Environment: BENCH_CASES (1000000), BENCH_ITER (runs of each figure, 100),
# BENCH_WRITERS (other processes saving at the same time, 8), BENCH_SESSIONS
# (full-screen programs logged in at once, 60), BENCH_DIR
# (build/bench).  Exit status: 0 when every target holds, 1 when one is
# missed, 2 when the benchmark could not run.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
cases=${BENCH_CASES:-1000000}
iter=${BENCH_ITER:-100}
writers=${BENCH_WRITERS:-8}
sessions=${BENCH_SESSIONS:-60}
dir=${BENCH_DIR:-build/bench}
app=build/tiaojie
bench=build/rel/bench
db=$dir/bench.db
stamp=$dir/bench.stamp

# ccpu: the processor time the shell's children have used so far, in
# seconds (times, run in this shell: in a command substitution it would
# count another process's).
children_cpu() {
	times >"$dir/times"
	ccpu=$(sed -n 2p "$dir/times" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2]);
		n += a[1] * 60 + a[2] } printf "%.1f", n }')
	rm -f "$dir/times"
}

for f in "$app" "$bench"; do
	[ -x "$f" ] || { echo "bench.sh: $f is missing (make bench builds it)" >&2; exit 2; }
done
mkdir -p "$dir"

sources=$(cat data/*.sql src/demo/*.c src/db/bulk.c include/tiaojie/demo.h include/tiaojie/bulk.h | md5sum | cut -d' ' -f1)
want="$("$app" --version) cases=$cases sources=$sources"
# Each run adds the cases it saves (a few thousand); past 1% more than
# asked for, the database is made again.
grown=0
if [ -f "$db" ] && [ -f "$stamp" ] && [ "$(sed -n 1p "$stamp")" = "$want" ]; then
	now=$(sqlite3 "$db" "SELECT sum(n) FROM search_counts" 2>/dev/null || echo 0)
	if [ "${now:-0}" -gt $((cases + cases / 100)) ]; then
		echo "$db holds $now cases after earlier runs' saves; making it again"
		grown=1
	fi
fi
if [ "$grown" = 0 ] && [ -f "$db" ] && [ -f "$stamp" ] && [ "$(sed -n 1p "$stamp")" = "$want" ]; then
	secs=$(sed -n 2p "$stamp")
	cpu=$(sed -n 4p "$stamp")
	echo "using $db, made $(sed -n 3p "$stamp") (remove it to make it again)"
	cached=--gen-cached
else
	rm -f "$db" "$db-wal" "$db-shm" "$stamp"
	echo "making $db: tiaojie demo --cases $cases (a few minutes) ..."
	t0=$(date +%s.%N)
	children_cpu
	c0=$ccpu
	if ! TIAOJIE_DATADIR=data "$app" demo --db "$db" --cases "$cases" >"$dir/demo.log" 2>&1; then
		cat "$dir/demo.log" >&2
		rm -f "$db" "$db-wal" "$db-shm"
		exit 2
	fi
	t1=$(date +%s.%N)
	children_cpu
	c1=$ccpu
	secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
	cpu=$(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.1f", b - a }')
	printf '%s\n%s\n%s, load %s\n%s\n' "$want" "$secs" "$(date '+%Y-%m-%d %H:%M')" \
		"$(cut -d' ' -f1-3 /proc/loadavg)" "$cpu" >"$stamp"
	echo "made in $secs s (CPU $cpu s)"
	cached=
fi
exec "$bench" --db "$db" --app "$app" --iter "$iter" --writers "$writers" --sessions "$sessions" --gen-seconds "$secs" \
	--gen-cases "$cases" ${cpu:+--gen-cpu "$cpu"} $cached
