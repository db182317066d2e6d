# test_linkcheck.sh - tests/linkcheck.sh, the check on compiled objects that
# stops the build when a room calls a room it may not: clean on today's
# build, and a failure naming the file and the room for a crossing made in
# a small tree of its own; a stale allow-list entry is an error too.
. "$(dirname "$0")/lib.sh"

# A copy of the script with the allow-list emptied, so the small tree is
# judged on the rules alone.
sed '/^ALLOW=/,/^'"'"'$/{/^ALLOW=/!{/^'"'"'$/!d}}' "$SRCDIR/tests/linkcheck.sh" >"$T/lc.sh"
check allow-emptied grep -q "^ALLOW='\$" "$T/lc.sh"

# tree FILE...: a tree under $T/tree with the named sources compiled to
# $T/tree/build/src/...
tree() {
	rm -rf "$T/tree"
	mkdir -p "$T/tree/src/base" "$T/tree/src/db" "$T/tree/src/core" "$T/tree/src/screens"
	printf 'int base_len(const char *s) { int n = 0; while (s[n]) n++; return n; }\n' >"$T/tree/src/base/str.c"
	printf 'int base_len(const char *);\nint db_count(void) { return base_len("x"); }\n' >"$T/tree/src/db/b.c"
	printf 'int db_count(void);\nint core_count(void) { return db_count(); }\n' >"$T/tree/src/core/c.c"
	printf 'int core_count(void);\nint screen_show(void) { return core_count(); }\n' >"$T/tree/src/screens/s.c"
}
compile() {
	(cd "$T/tree" && for c in $(find src -name '*.c'); do
		mkdir -p "build/$(dirname "$c")"
		cc -c "$c" -o "build/${c%.c}.o" || exit 1
	done)
}
lc() { run sh -c 'cd "$1" && sh "$2" build' sh "$T/tree" "$1"; }

tree
compile
lc "$T/lc.sh"
expect_rc clean 0
check clean-quiet [ -z "$ERR" ]

# a screen calling the database
tree
printf 'int db_count(void);\nint screen_peek(void) { return db_count(); }\n' >>"$T/tree/src/screens/s.c"
compile
lc "$T/lc.sh"
expect_rc screen-calls-db 1
expect_err screen-calls-db "src/screens/s.c (screens) uses db_count of src/db/b.c (db)"

# the database calling up into the core
tree
printf 'int core_count(void);\nint db_up(void) { return core_count(); }\n' >>"$T/tree/src/db/b.c"
compile
lc "$T/lc.sh"
expect_rc db-calls-core 1
expect_err db-calls-core "src/db/b.c (db) uses core_count of src/core/c.c (core)"

# base using anything of the project
tree
printf 'int db_count(void);\nint base_up(void) { return db_count(); }\n' >>"$T/tree/src/base/str.c"
compile
lc "$T/lc.sh"
expect_rc base-calls-db 1
expect_err base-calls-db "src/base/str.c (base) uses db_count"

# the demo generator loads through db and core; the command line calls
# the generator but never db
tree
mkdir -p "$T/tree/src/demo" "$T/tree/src/cli"
printf 'int db_count(void);\nint core_count(void);\nint demo_generate(void) { return db_count() + core_count(); }\n' \
	>"$T/tree/src/demo/g.c"
printf 'int demo_generate(void);\nint cmd_demo(void) { return demo_generate(); }\n' >"$T/tree/src/cli/demo.c"
compile
lc "$T/lc.sh"
expect_rc demo-room 0
printf 'int db_count(void);\nint cmd_peek(void) { return db_count(); }\n' >>"$T/tree/src/cli/demo.c"
compile
lc "$T/lc.sh"
expect_rc cli-calls-db 1
expect_err cli-calls-db "src/cli/demo.c (cli) uses db_count of src/db/b.c (db)"
tree
mkdir -p "$T/tree/src/demo"
printf 'int screen_show(void);\nint demo_up(void) { return screen_show(); }\n' >"$T/tree/src/demo/g.c"
compile
lc "$T/lc.sh"
expect_rc demo-calls-screens 1
expect_err demo-calls-screens "src/demo/g.c (demo) uses screen_show of src/screens/s.c (screens)"

# an allowed crossing passes; once fixed, its entry is an error
tree
printf 'int db_count(void);\nint screen_peek(void) { return db_count(); }\n' >>"$T/tree/src/screens/s.c"
compile
sed "s|^ALLOW='\$|ALLOW='\\nsrc/screens/s.c db|" "$T/lc.sh" >"$T/lc2.sh"
lc "$T/lc2.sh"
expect_rc allowed 0
tree
compile
lc "$T/lc2.sh"
expect_rc allow-list-stale 1
expect_err allow-list-stale '"src/screens/s.c db" is on the allow-list but no longer crosses'

# an object missing (not built) is refused, not passed
tree
compile
rm "$T/tree/build/src/core/c.o"
lc "$T/lc.sh"
expect_rc missing-object 2

# the build runs it
check makefile-runs-it grep -q 'sh tests/linkcheck.sh' "$SRCDIR/Makefile"

done_tests
