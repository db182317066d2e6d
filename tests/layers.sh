#!/bin/sh
# layers.sh - the layers (README, Layout; issue 14) checked: exit 1 (and the build
# stops, see the Makefile's build/layers.ok) when a file crosses them.
#
#   sh tests/layers.sh [TREE]      TREE: the source tree, default .
#
# The rules (README, Layout):
#   base     src/base and its headers use nothing of the project: they
#            include only base headers (BASE_HEADERS below, and src/base's
#            own), never sqlite3.h or curses.
#   sqlite   only src/db speaks SQLite: no other file includes sqlite3.h or
#            names sqlite3_* or SQLITE_*.
#   ui-db, ui-screens
#            the terminal shell (src/ui and its headers) includes neither
#            tiaojie/db.h nor tiaojie/screens.h, calls no db_* function and
#            nothing declared in screens.h.
#   core-curses
#            src/core includes no curses, not even through another header.
#   db-internal
#            struct db is opaque outside src/db: no file outside it
#            includes a header of src/db (src/db/internal.h: the
#            connection's fields, the helpers that name SQLite types), not
#            even through another header.
#   demo-curses
#            nor does the demo generator (src/demo).
#   demo-sql
#            the demo generator loads through named db functions (bulk.h
#            and the rest of the db layer): it calls none of those that
#            take SQL text (db_prep, db_exec, db_query_int).
#
# Comments and string literals are not code: a comment may name
# sqlite3_errmsg.  Includes are read as written, so the check needs no
# compiler and runs in a fraction of a second before every link.
#
# ALLOW lists the offenders known today, as "FILE RULE".  It may only
# shrink (issue 14, items 1, 2 and 5): an entry whose file no longer
# offends is an error too, so that it is taken off the list.

BASE_HEADERS="tiaojie/util.h tiaojie/uitext.h tiaojie/run.h tiaojie/clock.h tiaojie/date.h tiaojie/outfile.h"
UI_HEADERS="tiaojie/ui.h tiaojie/widgets.h tiaojie/lines.h"

# Known offenders - issue 14.  Remove a line when its file is fixed.
ALLOW='
'

tree=${1:-.}
cd "$tree" || exit 2
files=$(find src include -name '*.[ch]' | LC_ALL=C sort)
[ -n "$files" ] || { echo "layers: no sources under $tree" >&2; exit 2; }

# shellcheck disable=SC2086
awk -v base_headers="$BASE_HEADERS" -v ui_headers="$UI_HEADERS" -v allow="$ALLOW" '
function under(f, dir) { return substr(f, 1, length(dir)) == dir }
# The project name of a file as an include names it: include/X -> X.
function hname(f) { return under(f, "include/") ? substr(f, 9) : f }
function is_curses(t) { return t ~ /^<(n?curses|ncursesw\/[a-z]*|term)\.h>$/ }
# The file a quoted include in f names: beside f first, then under
# include/ (as the compiler looks); db/X and src/db/X are in src/db
# whatever -I would make them compile.  "" for <...>.
function resolve(f, t,   d, p, n, a, out, i, m) {
	if (t ~ /^</) return ""
	if (t ~ /^(src\/)?db\/[^\/]*$/) { sub(/^src\//, "", t); return "src/" t }  # as with -Isrc or -I.
	d = f; sub(/\/[^\/]*$/, "", d)
	p = d "/" t
	n = split(p, a, "/"); m = 0
	for (i = 1; i <= n; i++) {
		if (a[i] == "." || a[i] == "") continue
		if (a[i] == ".." && m > 0 && out[m] != "..") { m--; continue }
		out[++m] = a[i]
	}
	p = ""
	for (i = 1; i <= m; i++) p = p (i > 1 ? "/" : "") out[i]
	if (p in byname_path || t ~ /^\.\.?\//) return p
	return "include/" t
}
function violation(f, rule, msg) {
	key = f " " rule
	if (key in allowed) { used[key] = 1; return }
	if (key in said) return
	said[key] = 1
	printf "layers: %s: %s: %s\n", f, rule, msg > "/dev/stderr"
	bad = 1
}
BEGIN {
	n = split(base_headers, a, " "); for (i = 1; i <= n; i++) base_h[a[i]] = 1
	n = split(ui_headers, a, " "); for (i = 1; i <= n; i++) ui_h[a[i]] = 1
	n = split(allow, a, "\n")
	for (i = 1; i <= n; i++) if (a[i] ~ /[^ ]/) allowed[a[i]] = 1
}
FNR == 1 { inblock = 0; nfiles++; file[nfiles] = FILENAME }
{
	line = $0
	if (inblock) {
		p = index(line, "*/")
		if (!p) next
		line = substr(line, p + 2)
		inblock = 0
	}
	if (line ~ /^[ \t]*#[ \t]*include[ \t]*["<]/) {
		t = line
		sub(/^[ \t]*#[ \t]*include[ \t]*/, "", t)
		if (t ~ /^"/) { sub(/^"/, "", t); sub(/".*/, "", t) }
		else { sub(/>.*/, ">", t) }
		ninc[FILENAME]++
		inc[FILENAME, ninc[FILENAME]] = t
		incline[FILENAME, ninc[FILENAME]] = FNR
		next
	}
	gsub(/\\\\/, "", line)                      # escaped backslashes
	gsub(/\\"/, "", line)                       # escaped quotes
	gsub(/"[^"]*"/, "\"\"", line)               # string literals
	gsub(/'"'"'[^'"'"']*'"'"'/, "0", line)      # character literals
	gsub(/\/\*([^*]|\*+[^*\/])*\*+\//, " ", line) # comments within the line
	p = index(line, "/*")
	if (p) { line = substr(line, 1, p - 1); inblock = 1 }
	p = index(line, "//")
	if (p) line = substr(line, 1, p - 1)
	if (line !~ /[a-zA-Z]/) next
	ncode[FILENAME]++
	code[FILENAME, ncode[FILENAME]] = line
	codeline[FILENAME, ncode[FILENAME]] = FNR
}
END {
	# what a file includes, directly, by project name
	for (k = 1; k <= nfiles; k++) {
		f = file[k]; byname[hname(f)] = f; byname_path[f] = 1
	}
	# headers outside src/db that bring in one of src/db, directly or
	# through other headers
	changed = 1
	while (changed) {
		changed = 0
		for (k = 1; k <= nfiles; k++) {
			f = file[k]
			if (f !~ /\.h$/ || under(f, "src/db/") || (f in dbint_via)) continue
			for (i = 1; i <= ninc[f]; i++) {
				r = resolve(f, inc[f, i])
				if (under(r, "src/db/") || (r in dbint_via)) {
					dbint_via[f] = under(r, "src/db/") ? r : dbint_via[r]; changed = 1; break
				}
			}
		}
	}
	# headers that bring curses in, directly or through other headers
	changed = 1
	while (changed) {
		changed = 0
		for (k = 1; k <= nfiles; k++) {
			f = file[k]
			if (f !~ /\.h$/ || (f in curses_via)) continue
			for (i = 1; i <= ninc[f]; i++) {
				t = inc[f, i]
				if (is_curses(t) || (("include/" t) in curses_via)) {
					curses_via[f] = t; changed = 1; break
				}
			}
		}
	}
	# the functions screens.h declares
	sf = "include/tiaojie/screens.h"
	for (i = 1; i <= ncode[sf]; i++) {
		s = code[sf, i]
		while (match(s, /[a-z_][a-z0-9_]*[ \t]*\(/)) {
			name = substr(s, RSTART, RLENGTH); sub(/[ \t]*\($/, "", name)
			screens_fn[name] = 1
			s = substr(s, RSTART + RLENGTH)
		}
	}

	for (k = 1; k <= nfiles; k++) {
		f = file[k]
		h = hname(f)
		is_base = under(f, "src/base/") || (h in base_h)
		is_ui = under(f, "src/ui/") || (h in ui_h)
		is_db = under(f, "src/db/")
		is_core = under(f, "src/core/")
		is_demo = under(f, "src/demo/")
		for (i = 1; i <= ninc[f]; i++) {
			t = inc[f, i]; where = "line " incline[f, i] ": #include " t
			if (is_base && t !~ /^</ && !(t in base_h) && !(("src/base/" t) in byname))
				violation(f, "base", where " is not a base header")
			if (is_base && (t == "<sqlite3.h>" || is_curses(t)))
				violation(f, "base", where)
			if (!is_db && t == "<sqlite3.h>")
				violation(f, "sqlite", where " outside src/db")
			if (is_ui && t == "tiaojie/db.h")
				violation(f, "ui-db", where)
			if (is_ui && t == "tiaojie/screens.h")
				violation(f, "ui-screens", where)
			if (is_core && is_curses(t))
				violation(f, "core-curses", where)
			if (is_core && (("include/" t) in curses_via))
				violation(f, "core-curses", where " brings in curses (" curses_via["include/" t] ")")
			r = resolve(f, t)
			if (!is_db && under(r, "src/db/"))
				violation(f, "db-internal", where ": a header of src/db outside it")
			if (!is_db && (r in dbint_via))
				violation(f, "db-internal", where " brings in " dbint_via[r])
			if (is_demo && is_curses(t))
				violation(f, "demo-curses", where)
			if (is_demo && (("include/" t) in curses_via))
				violation(f, "demo-curses", where " brings in curses (" curses_via["include/" t] ")")
		}
		for (i = 1; i <= ncode[f]; i++) {
			s = code[f, i]; where = "line " codeline[f, i]
			if (!is_db && match(s, /(sqlite3_[a-z0-9_]*|SQLITE_[A-Z0-9_]*)/))
				violation(f, "sqlite", where ": " substr(s, RSTART, RLENGTH) " outside src/db")
			if (is_demo && match(s, /(^|[^a-zA-Z0-9_])db_(prep|exec|query_int)[ \t]*\(/)) {
				name = substr(s, RSTART, RLENGTH)
				sub(/^[^d]/, "", name); sub(/[ \t]*\($/, "", name)
				violation(f, "demo-sql", where ": calls " name "()")
			}
			if (is_ui && match(s, /(^|[^a-zA-Z0-9_])db_[a-z0-9_]*[ \t]*\(/)) {
				name = substr(s, RSTART, RLENGTH)
				sub(/^[^d]/, "", name); sub(/[ \t]*\($/, "", name)
				violation(f, "ui-db", where ": calls " name "()")
			}
			if (is_ui && f ~ /\.c$/) {
				r = s
				while (match(r, /[a-z_][a-z0-9_]*[ \t]*\(/)) {
					name = substr(r, RSTART, RLENGTH); sub(/[ \t]*\($/, "", name)
					if (name in screens_fn)
						violation(f, "ui-screens", where ": calls " name "()")
					r = substr(r, RSTART + RLENGTH)
				}
			}
		}
	}
	for (key in allowed)
		if (!(key in used)) {
			printf "layers: %s: allowed in tests/layers.sh but clean now: take it off ALLOW\n", key > "/dev/stderr"
			bad = 1
		}
	exit bad
}' $files
