# test_tamper.sh - the event log proves its own integrity: what someone
# with the database file and the sqlite3 shell can try, and what `tiaojie
# check` (and the head hash that `backup` and `check` print) says of it.
#  - INSERT OR REPLACE over an existing event: refused by a trigger;
#  - with the triggers dropped and put back: an event edited, events
#    deleted in the middle or at the end, a case deleted with its events
#    and the rest renumbered: check fails and names the first broken link
#    (or the missing tail);
#  - the whole chain recomputed after an edit: check passes, but the head
#    hash differs from the one printed before, which is what a copy kept
#    outside compares.
. "$(dirname "$0")/lib.sh"

q() { sqlite3 "$1" "$2"; }
eq() { # NAME GOT WANT
	if [ "$2" = "$3" ]; then ok; else fail "$1: got '$2', want '$3'"; fi
}
run "$TJ" demo --db d.db --cases 200
expect_rc demo 0
run "$TJ" check --db d.db
expect_rc clean 0
expect_out clean-says "校验链完整"
head0=$(printf '%s\n' "$OUT" | sed -n 's/.*校验值 \([0-9a-f]\{64\}\).*/\1/p')
check head-printed test ${#head0} -eq 64
run "$TJ" backup --db d.db b.db
expect_rc backup 0
eq backup-head "$(printf '%s\n' "$OUT" | sed -n 's/.*校验值 \([0-9a-f]\{64\}\).*/\1/p')" "$head0"
n=$(q d.db "SELECT max(id) FROM events")

fresh() { cp d.db t.db; rm -f t.db-wal t.db-shm; }
untrigger() {
	q t.db "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete; DROP TRIGGER events_no_replace;"
}
retrigger() { # the triggers back as they were, from the untouched copy
	q d.db "SELECT sql || ';' FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'events_no_%'" | sqlite3 t.db
}

# 1. INSERT OR REPLACE over an existing event
fresh
run sqlite3 t.db "INSERT OR REPLACE INTO events(id, at, entity, action, before, after) VALUES (5, '2026-01-01 00:00:00', 'system', 'export', '', '证件号码已遮蔽')"
check replace-refused test "$RC" -ne 0
expect_err replace-why "不能覆盖"
eq replace-kept "$(q t.db "SELECT count(*) FROM events WHERE id = 5 AND after = '证件号码已遮蔽'")" 0
run sqlite3 t.db "UPDATE events SET after = 'x' WHERE id = 5"
check update-refused test "$RC" -ne 0
run sqlite3 t.db "UPDATE events SET hash = NULL WHERE id = 5"
check unhash-refused test "$RC" -ne 0
run sqlite3 t.db "DELETE FROM events WHERE id = $n"
check delete-refused test "$RC" -ne 0

# 2. an event edited behind the triggers
fresh
untrigger
q t.db "UPDATE events SET after = '证件号码已遮蔽' WHERE id = 7"
retrigger
run "$TJ" check --db t.db
expect_rc edited 1
expect_err edited-where "操作记录校验链在第 7 条处断开"

# 3. an event deleted in the middle
fresh
untrigger
q t.db "DELETE FROM events WHERE id = 100"
retrigger
run "$TJ" check --db t.db
expect_rc deleted 1
expect_err deleted-where "第 101 条处断开"

# 4. the last events deleted, the counter put back: the chain holds, the
# head does not match the one printed before
fresh
untrigger
q t.db "DELETE FROM events WHERE id > $((n - 3)); UPDATE sqlite_sequence SET seq = $((n - 3)) WHERE name = 'events'"
retrigger
run "$TJ" check --db t.db
head4=$(printf '%s\n' "$OUT" | sed -n 's/.*校验值 \([0-9a-f]\{64\}\).*/\1/p')
check tail-head-differs test "$head4" != "$head0"
expect_out tail-head-id "第 $((n - 3)) 条"

# 5. a case deleted with its events, the rest renumbered
fresh
untrigger
cid=$(q t.db "SELECT case_id FROM events WHERE case_id IS NOT NULL ORDER BY id LIMIT 1")
first=$(q t.db "SELECT min(id) FROM events WHERE case_id = $cid")
q t.db "PRAGMA foreign_keys = OFF; DELETE FROM events WHERE case_id = $cid;
	CREATE TEMP TABLE r AS SELECT id, row_number() OVER (ORDER BY id) AS nid FROM events;
	UPDATE events SET id = -(SELECT nid FROM r WHERE r.id = events.id);
	UPDATE events SET id = -id;
	UPDATE sqlite_sequence SET seq = (SELECT max(id) FROM events) WHERE name = 'events';"
retrigger
run "$TJ" check --db t.db
expect_rc renumbered 1
expect_err renumbered-where "第 $first 条处断开"

# 6. the chain recomputed after an edit (the algorithm is no secret; here
# it is written again independently, in Python): the file alone cannot
# tell, the head kept outside can
fresh
untrigger
q t.db "UPDATE events SET after = after || '（改）' WHERE id = 9"
python3 - t.db <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
def f(s):
    b = (s or "").encode()
    return str(len(b)).encode() + b":" + b
def i(v):
    return f(str(v) if v is not None and v > 0 else "")
prev = ""
rows = db.execute("SELECT id, at, user_id, case_id, entity, entity_id, action, before, after FROM events ORDER BY id").fetchall()
for (id_, at, u, c, ent, eid, act, bef, aft) in rows:
    h = hashlib.sha256(f(prev) + f(at) + i(u) + i(c) + f(ent) + i(eid) + f(act) + f(bef) + f(aft)).hexdigest()
    db.execute("UPDATE events SET hash = ? WHERE id = ?", (bytes.fromhex(h), id_))
    prev = h
db.commit()
PY
retrigger
run "$TJ" check --db t.db
expect_rc recomputed-passes 0
head6=$(printf '%s\n' "$OUT" | sed -n 's/.*校验值 \([0-9a-f]\{64\}\).*/\1/p')
check recomputed-head-differs test -n "$head6" -a "$head6" != "$head0"
# ... and the same Python over the untouched copy gives the program's head
cp d.db u.db
sqlite3 u.db "DROP TRIGGER events_no_update"
python3 - u.db <<'PY' >py.head
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
def f(s):
    b = (s or "").encode()
    return str(len(b)).encode() + b":" + b
def i(v):
    return f(str(v) if v is not None and v > 0 else "")
prev = ""
for (at, u, c, ent, eid, act, bef, aft) in db.execute("SELECT at, user_id, case_id, entity, entity_id, action, before, after FROM events ORDER BY id"):
    prev = hashlib.sha256(f(prev) + f(at) + i(u) + i(c) + f(ent) + i(eid) + f(act) + f(bef) + f(aft)).hexdigest()
print(prev)
PY
eq independent-head "$(cat py.head)" "$head0"

done_tests
