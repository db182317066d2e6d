#!/bin/sh
# linkcheck.sh - the layers checked on the compiled objects: which room's
# functions and data each object uses (nm), against who may use whom
# (README, Architecture).  tests/layers.sh reads includes; this reads
# calls, so a screen that calls a function of src/db through any header,
# or the db room calling up into the core, stops the build.
#
#   sh tests/linkcheck.sh BUILDDIR      e.g. build/test
#
# A room is the directory under src/ (src/main.c is the room "main").
# Who may use whom:
#   base      nothing of the project
#   db        base
#   core      db, base
#   docs, report   (the core's rooms that render) core, db, base, each other
#   demo      db, core, base (the demo generator loads through db's bulk
#             functions)
#   ui        core (its types and words), base
#   screens   ui, core, docs, report, base - never db: reads go through
#             the core with the actor (issue 14)
#   cli       core, docs, report, base, demo (`tiaojie demo` calls the
#             generator) - never db
#   main      anything (src/main.c is not read)
#
# ALLOW holds the crossings known today as "FILE ROOM" (FILE uses ROOM).
# It may only shrink: an entry that no longer crosses is an error too.

# Known crossings - issue 14.  Remove a line when its file is fixed.
ALLOW='
'

dir=${1:?usage: linkcheck.sh BUILDDIR}
[ -d "$dir/src" ] || { echo "linkcheck: no objects under $dir/src" >&2; exit 2; }

# Only the objects of today's sources: a source moved away leaves its old
# object behind, which must not count.
# src/main.c may use anything and nothing uses it: not needed (and not
# built before the library).
objs=$(find src -name '*.c' ! -path src/main.c | LC_ALL=C sort | sed "s|^|$dir/|; s|\\.c\$|.o|")
for o in $objs; do
	[ -f "$o" ] || { echo "linkcheck: $o missing (build first)" >&2; exit 2; }
done

room_of() {
	r=${1#"$dir"/src/}
	case $r in
	*/*) echo "${r%%/*}" ;;
	*) echo "${r%.o}" ;;
	esac
}

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
for o in $objs; do
	r=$(room_of "$o")
	src=${o#"$dir"/}
	src=${src%.o}.c
	nm --defined-only "$o" | awk -v r="$r" -v f="$src" '$2 ~ /^[TDBRCGS]$/ { print "D", $3, r, f }' >> "$tmp/defs"
	nm -u "$o" | awk -v r="$r" -v f="$src" '{ print "U", $2, r, f }' >> "$tmp/uses"
done

awk -v allow="$ALLOW" '
BEGIN {
	may["db"] = " base "
	may["core"] = " db base "
	may["docs"] = " core db base report "
	may["report"] = " core db base docs "
	may["demo"] = " db core base "
	may["ui"] = " core base "
	may["screens"] = " ui core docs report base "
	may["cli"] = " core docs report base demo "
	may["base"] = " "
	n = split(allow, a, "\n")
	for (i = 1; i <= n; i++) if (a[i] ~ /[^ ]/) allowed[a[i]] = 1
}
$1 == "D" { room[$2] = $3; file[$2] = $4; next }
$1 == "U" && ($2 in room) && room[$2] != $3 {
	from = $3; to = room[$2]
	if (!(from in may)) next        # main
	if (index(may[from], " " to " ")) next
	key = $4 " " to
	if (key in allowed) { used[key] = 1; next }
	printf "linkcheck: %s (%s) uses %s of %s (%s)\n", $4, from, $2, file[$2], to > "/dev/stderr"
	bad = 1
}
END {
	for (k in allowed) if (!(k in used)) {
		printf "linkcheck: \"%s\" is on the allow-list but no longer crosses: take it off\n", k > "/dev/stderr"
		bad = 1
	}
	exit bad
}' "$tmp/defs" "$tmp/uses"
