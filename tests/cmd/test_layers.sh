# test_layers.sh - tests/layers.sh, the check that stops the build when a
# file crosses the layers: clean on the tree as it is, and a failure
# naming the file and the rule for each kind of crossing, made in a copy.
. "$(dirname "$0")/lib.sh"

fresh() {
	rm -rf "$T/tree"
	mkdir -p "$T/tree"
	cp -R "$SRCDIR/src" "$SRCDIR/include" "$T/tree/"
}
layers() { run sh "$SRCDIR/tests/layers.sh" "$T/tree"; }
# crossing NAME RULE FILE: layers.sh refuses the copy, naming FILE and RULE
crossing() {
	layers
	expect_rc "$1" 1
	expect_err "$1" "layers: $3: $2:"
}

fresh
layers
expect_rc clean 0
check clean-quiet [ -z "$ERR" ]
check makefile-runs-it grep -q 'tests/layers.sh' "$SRCDIR/Makefile"

# base: nothing of the project
fresh
echo '#include "tiaojie/config.h"' >>"$T/tree/src/base/run.c"
crossing base-includes-core base src/base/run.c
fresh
echo '#include <sqlite3.h>' >>"$T/tree/include/tiaojie/util.h"
crossing base-header-sqlite base include/tiaojie/util.h

# SQLite outside src/db: a call, a constant, a header including it
fresh
printf 'static void f(void) { sqlite3_interrupt(0); }\n' >>"$T/tree/src/core/money.c"
crossing core-calls-sqlite sqlite src/core/money.c
fresh
printf 'static int busy = SQLITE_BUSY;\n' >>"$T/tree/src/screens/desk.c"
crossing screen-sqlite-constant sqlite src/screens/desk.c
fresh
sed -i 's|^#include <stdint.h>|#include <sqlite3.h>\n#include <stdint.h>|' "$T/tree/include/tiaojie/money.h"
crossing header-includes-sqlite sqlite include/tiaojie/money.h
# ... but comments and strings are not code
fresh
printf '/* sqlite3_errmsg says why */\nstatic const char *why = "SQLITE_BUSY";\n/*\n * sqlite3_step\n */\n// sqlite3_reset\n' \
	>>"$T/tree/src/core/money.c"
layers
expect_rc comments-not-code 0

# the ui shell: neither the database nor the screens
fresh
printf 'static void f(void) { db_idle(0, 0); }\n' >>"$T/tree/src/ui/term.c"
crossing ui-calls-db ui-db src/ui/term.c
fresh
echo '#include "tiaojie/screens.h"' >>"$T/tree/src/ui/loop.c"
crossing ui-includes-screens ui-screens src/ui/loop.c
fresh
printf 'static void f(struct app *a) { ui_push(a, login_screen_new(a)); }\n' >>"$T/tree/src/ui/widgets.c"
crossing ui-makes-a-screen ui-screens src/ui/widgets.c
fresh
echo '#include "tiaojie/db.h"' >>"$T/tree/include/tiaojie/widgets.h"
crossing ui-header-db ui-db include/tiaojie/widgets.h

# core: no curses, directly or through a header
fresh
echo '#include <curses.h>' >>"$T/tree/src/core/money.c"
crossing core-curses core-curses src/core/money.c
fresh
echo '#include "tiaojie/widgets.h"' >>"$T/tree/src/core/lifecycle.c"
crossing core-curses-via-header core-curses src/core/lifecycle.c
expect_err core-curses-via-header "brings in curses"

# struct db is opaque outside src/db: no header of src/db elsewhere, not
# even through another header; src/db itself includes it
fresh
echo '#include "../db/internal.h"' >>"$T/tree/src/screens/desk.c"
crossing screen-includes-db-internal db-internal src/screens/desk.c
fresh
echo '#include "db/internal.h"' >>"$T/tree/src/core/money.c"
crossing core-includes-db-internal db-internal src/core/money.c
fresh
sed -i 's|^#include <stdint.h>|#include <stdint.h>\n#include "../../src/db/internal.h"|' "$T/tree/include/tiaojie/money.h"
crossing header-includes-db-internal db-internal include/tiaojie/money.h
expect_err header-includes-db-internal-via "layers: src/core/money.c: db-internal:"
expect_err header-includes-db-internal-via "#include tiaojie/money.h brings in src/db/internal.h"
fresh
check db-includes-internal grep -q '^#include "internal.h"' "$T/tree/src/db/users.c"
layers
expect_rc db-includes-internal-clean 0
# the demo generator: no curses, and no SQL text of its own (it loads
# through the db layer's named functions)
fresh
echo '#include <ncursesw/curses.h>' >>"$T/tree/src/demo/data.c"
crossing demo-curses demo-curses src/demo/data.c
fresh
echo '#include "tiaojie/widgets.h"' >>"$T/tree/src/demo/generate.c"
crossing demo-curses-via-header demo-curses src/demo/generate.c
fresh
printf 'static int f(struct db *db) { return db_exec(db, "PRAGMA synchronous = OFF"); }\n' >>"$T/tree/src/demo/generate.c"
crossing demo-exec demo-sql src/demo/generate.c
expect_err demo-exec "calls db_exec()"
fresh
printf 'static int f(struct db *db, int64_t *n) { return db_query_int(db, "", 0, n); }\n' >>"$T/tree/src/demo/data.c"
crossing demo-query demo-sql src/demo/data.c
fresh
printf 'static void f(void) { sqlite3_config(SQLITE_CONFIG_SINGLETHREAD); }\n' >>"$T/tree/src/demo/generate.c"
crossing demo-sqlite sqlite src/demo/generate.c
# the db layer's own functions are what it is for
fresh
printf 'static int f(struct db *db) { return db_bulk_load_begin(db); }\n' >>"$T/tree/src/demo/generate.c"
layers
expect_rc demo-bulk-functions 0

# the allow-list only shrinks: a listed file that is clean now is an error
fresh
sed "s|^ALLOW='$|&\nsrc/core/money.c sqlite|" "$SRCDIR/tests/layers.sh" >"$T/layers-stale.sh"
check allow-list-stale-added grep -q '^src/core/money.c sqlite$' "$T/layers-stale.sh"
run sh "$T/layers-stale.sh" "$T/tree"
expect_rc allow-list-stale 1
expect_err allow-list-stale "src/core/money.c sqlite: allowed in tests/layers.sh but clean now"

done_tests
