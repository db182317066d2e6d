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

# 4. the last events deleted, the counter put back: the chain holds, but
# the events that sealed the last case and its worker are gone, so both
# are named as rows no event records (since 013 every row has one)
fresh
untrigger
q t.db "DELETE FROM events WHERE id > $((n - 3)); UPDATE sqlite_sequence SET seq = $((n - 3)) WHERE name = 'events'"
retrigger
run "$TJ" check --db t.db
expect_rc tail-sealed-gone 1
expect_err tail-case-unrecorded "案件 $(q t.db "SELECT case_no FROM cases ORDER BY id DESC LIMIT 1") 没有任何操作记录记下其内容"
# 4b. a tail that sealed nothing new (a document's event on a case already
# sealed as it is): the chain holds and nothing is out of place; only the
# head printed before differs from the one check prints now
fresh
run "$TJ" doc --db t.db "$(q t.db "SELECT case_no FROM cases ORDER BY id LIMIT 1")" receipt -o "$T/r4.txt"
expect_rc tail-doc 0
rm -f t.db.head
run "$TJ" check --db t.db
head4a=$(printf '%s\n' "$OUT" | sed -n 's/.*校验值 \([0-9a-f]\{64\}\).*/\1/p')
m=$(q t.db "SELECT max(id) FROM events")
untrigger
q t.db "DELETE FROM events WHERE id > $n; UPDATE sqlite_sequence SET seq = $n WHERE name = 'events'"
retrigger
rm -f t.db.head
run "$TJ" check --db t.db
head4=$(printf '%s\n' "$OUT" | sed -n 's/.*校验值 \([0-9a-f]\{64\}\).*/\1/p')
check tail-doc-added test "$m" -gt "$n"
check tail-head-differs test "$head4" != "$head4a" -a "$head4" = "$head0"
expect_out tail-head-id "第 $n 条"

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
rows = db.execute("SELECT id, at, user_id, case_id, entity, entity_id, action, before, after, lower(hex(state)) FROM events ORDER BY id").fetchall()
for (id_, at, u, c, ent, eid, act, bef, aft, st) in rows:
    h = hashlib.sha256(f(prev) + f(at) + i(u) + i(c) + f(ent) + i(eid) + f(act) + f(bef) + f(aft) + (f(st) if st else b"")).hexdigest()
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
for (at, u, c, ent, eid, act, bef, aft, st) in db.execute("SELECT at, user_id, case_id, entity, entity_id, action, before, after, lower(hex(state)) FROM events ORDER BY id"):
    prev = hashlib.sha256(f(prev) + f(at) + i(u) + i(c) + f(ent) + i(eid) + f(act) + f(bef) + f(aft) + (f(st) if st else b"")).hexdigest()
print(prev)
PY
eq independent-head "$(cat py.head)" "$head0"

# ---- rows changed in their own tables, behind the log's back ---------------
# A case registered by import and an account added carry the state their
# events sealed (011_event_state.sql); so do the demo's bulk-made cases,
# accounts and archives (the generator seals each case's last event).
cp d.db s.db
run "$TJ" import --db s.db "$SRCDIR/tests/cmd/data/application_example.json"
expect_rc sealed-import 0
printf 'abcdefgh1\n' >pw
run "$TJ" user add zz --role clerk --name 测试 --db s.db --password-file pw
expect_rc sealed-user 0
run "$TJ" check --db s.db
expect_rc sealed-clean 0
expect_out sealed-counted "一致：201 件；"
expect_out sealed-users "账号：$(( $(q s.db "SELECT count(*) FROM users") )) 个；"
case "$OUT" in *未核对*) fail "sealed-none-left: $OUT" ;; *) ok ;; esac
expect_out says-integrity "PRAGMA integrity_check"
expect_out says-numbers "无缺号、无重号"
expect_out says-counters "工作台计数与履行跟进队列与案件一致"
caseno=$(q s.db "SELECT case_no FROM cases ORDER BY id DESC LIMIT 1")

# 7. a claim's amount changed in its table
cp s.db t.db
cp s.db.head t.db.head 2>/dev/null
q t.db "UPDATE claims SET amount_fen = amount_fen + 100000 WHERE case_id = (SELECT max(id) FROM cases) AND ord = 1"
run "$TJ" check --db t.db
expect_rc amount-changed 1
expect_err amount-changed-names "案件 $caseno 的登记内容或请求事项"
expect_err amount-changed-why "在操作记录之外被改动"
# ... and put back: passes again (the state is the rows', nothing else)
q t.db "UPDATE claims SET amount_fen = amount_fen - 100000 WHERE case_id = (SELECT max(id) FROM cases) AND ord = 1"
run "$TJ" check --db t.db
expect_rc amount-restored 0

# 7b. the applicant's name in the case's own record (its snapshot) changed
cp s.db t.db
cp s.db.head t.db.head 2>/dev/null
q t.db "UPDATE case_parties SET name = name || '某' WHERE case_id = (SELECT max(id) FROM cases) AND role = 'applicant'"
run "$TJ" check --db t.db
expect_rc party-changed 1
expect_err party-changed-names "案件 $caseno 的登记内容"

# 8. an account promoted to administrator by SQL
cp s.db t.db
cp s.db.head t.db.head 2>/dev/null
q t.db "UPDATE users SET role = 'admin' WHERE login = 'zz'"
run "$TJ" check --db t.db
expect_rc promoted 1
expect_err promoted-names "账号 zz 的角色、状态或密码"

# 8b. the archives: a person's phone and an employer's name changed in
# their tables (the import's "person"/"employer" events sealed them)
pid=$(q s.db "SELECT entity_id FROM events WHERE entity = 'person' AND state IS NOT NULL ORDER BY id DESC LIMIT 1")
eid=$(q s.db "SELECT entity_id FROM events WHERE entity = 'employer' AND state IS NOT NULL ORDER BY id DESC LIMIT 1")
check archive-sealed test -n "$pid" -a -n "$eid"
run "$TJ" check --db s.db
na=$(q s.db "SELECT count(DISTINCT entity || entity_id) FROM events WHERE entity IN ('person', 'employer') AND state IS NOT NULL")
check archive-some test "$na" -ge 2
expect_out archive-counted "当事人与用人单位档案：$na 份"
cp s.db t.db
cp s.db.head t.db.head 2>/dev/null
q t.db "UPDATE persons SET phone = '13900000000' WHERE id = $pid"
run "$TJ" check --db t.db
expect_rc person-changed 1
expect_err person-changed-names "当事人档案 $(q s.db "SELECT name FROM persons WHERE id = $pid") 的内容"
cp s.db t.db
cp s.db.head t.db.head 2>/dev/null
q t.db "UPDATE employers SET name = name || '（改）' WHERE id = $eid"
run "$TJ" check --db t.db
expect_rc employer-changed 1
expect_err employer-changed-names "用人单位档案"

# 8c. the same on the demo's own rows: a bulk-made case's amount, a demo
# account, a demo employer - each named
cp s.db t.db
cp s.db.head t.db.head 2>/dev/null
dcase=$(q t.db "SELECT c.case_no FROM cases c JOIN claims k ON k.case_id = c.id WHERE k.amount_fen > 0 ORDER BY c.id LIMIT 1")
q t.db "UPDATE claims SET amount_fen = amount_fen + 1 WHERE id = (SELECT k.id FROM claims k JOIN cases c ON c.id = k.case_id WHERE k.amount_fen > 0 ORDER BY c.id LIMIT 1)"
q t.db "UPDATE users SET role = 'admin' WHERE login = 'clerk'"
q t.db "UPDATE employers SET phone = '02100000000' WHERE id = (SELECT min(id) FROM employers)"
run "$TJ" check --db t.db
expect_rc demo-rows-changed 1
expect_err demo-amount-names "案件 $dcase 的登记内容或请求事项"
expect_err demo-account-names "账号 clerk 的角色、状态或密码"
expect_err demo-employer-names "用人单位档案 $(q t.db "SELECT name FROM employers WHERE id = (SELECT min(id) FROM employers)") 的内容"
expect_err demo-three "检查发现 3 个问题"

# 8d. a change behind the log, then a legitimate write on the same rows:
# the write does not seal the change away - it is written first into the
# log as found (src/db/seal.c) and check names it from then on
cp s.db t.db
cp s.db.head t.db.head 2>/dev/null
q t.db "UPDATE claims SET amount_fen = amount_fen + 100000 WHERE case_id = (SELECT max(id) FROM cases) AND ord = 1"
run "$TJ" doc --db t.db "$caseno" receipt -o "$T/r8d.txt"
expect_rc later-write-goes-on 0
eq outside-event "$(q t.db "SELECT count(*) FROM events WHERE action = 'outside-change' AND case_id = (SELECT max(id) FROM cases)")" 1
run "$TJ" check --db t.db
expect_rc later-write-hides-nothing 1
expect_err later-write-named "案件 $caseno 在操作记录之外被改动：程序于"
# ... and an account: made an administrator by SQL, then its password reset
q t.db "UPDATE users SET role = 'admin' WHERE login = 'zz'"
run "$TJ" user passwd zz --db t.db --password-file pw
expect_rc passwd-goes-on 0
run "$TJ" check --db t.db
expect_err passwd-hides-nothing "账号 zz 在操作记录之外被改动"

# 8e. an administrator added by an INSERT, with no event at all
cp s.db t.db
cp s.db.head t.db.head 2>/dev/null
q t.db "INSERT INTO users(login, role, display_name, pw_hash, created_at) SELECT 'evil', 'admin', 'x', pw_hash, created_at FROM users WHERE login = 'zz'"
run "$TJ" check --db t.db
expect_rc inserted-admin 1
expect_err inserted-admin-named "账号 evil 没有任何操作记录记下其内容：在操作记录之外新增"

# 8f. an account's password hash copied onto another (a takeover that
# changes neither login nor role)
cp s.db t.db
cp s.db.head t.db.head 2>/dev/null
q t.db "UPDATE users SET pw_hash = (SELECT pw_hash FROM users WHERE login = 'zz') WHERE login = 'admin'"
run "$TJ" check --db t.db
expect_rc pw-copied 1
expect_err pw-copied-named "账号 admin 的角色、状态或密码"

# 9. a case number skipped, a repeat made impossible by the counter
cp s.db t.db
q t.db "UPDATE cases SET seq = seq + 5 WHERE id = (SELECT max(id) FROM cases)"
run "$TJ" check --db t.db
expect_rc number-gap 1
expect_err number-gap-says "案件编号不连续"
cp s.db t.db
q t.db "UPDATE case_seq SET last = last - 1 WHERE year = (SELECT max(year) FROM case_seq)"
run "$TJ" check --db t.db
expect_rc counter-behind 1
expect_err counter-behind-says "下一件会重号"

# 10. a count the triggers keep, off by one
cp s.db t.db
q t.db "UPDATE search_counts SET n = n + 1 WHERE rowid IN (SELECT rowid FROM search_counts LIMIT 1)" 2>/dev/null ||
	q t.db "UPDATE search_counts SET n = n + 1 WHERE status = (SELECT status FROM search_counts LIMIT 1) AND mediator_id = (SELECT mediator_id FROM search_counts LIMIT 1)"
run "$TJ" check --db t.db
expect_rc counts-off 1
expect_err counts-off-says "工作台计数有误"

# 11. committed saves lost at the end (a damaged WAL does this): the chain
# of what is left is whole, the head written beside the file at the last
# close says the log had more
cp s.db t.db
cp s.db.head t.db.head
check head-written test -s s.db.head
keep=$(q t.db "SELECT max(id) FROM events")
# two events that seal nothing new (documents on a case sealed as it is)
run "$TJ" doc --db t.db "$caseno" receipt -o "$T/r11.txt"
run "$TJ" doc --db t.db "$caseno" receipt -o "$T/r11b.txt"
last=$(q t.db "SELECT max(id) FROM events")
check tail-two-more test "$last" -ge $((keep + 2))
untrigger
q t.db "DELETE FROM events WHERE id > $keep; UPDATE sqlite_sequence SET seq = $keep WHERE name = 'events'"
retrigger
run "$TJ" check --db t.db
expect_rc tail-lost 1
expect_err tail-lost-says "操作记录末尾缺失"
expect_err tail-lost-id "已有第 $last 条"
# without the head outside, check says it cannot know (never "无缺失")
rm -f t.db.head
run "$TJ" check --db t.db
expect_rc tail-unknown 0
expect_out tail-unknown-says "末尾若有已提交的记录丢失，无从发现"
case "$OUT" in *无缺失*) fail "check claims nothing is missing without the head" ;; *) ok ;; esac

done_tests
