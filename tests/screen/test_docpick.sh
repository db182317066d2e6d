# test_docpick.sh - F11 on a case with two sessions booked and two
# documents to serve: after the choice of 调解通知书 a list of the booked
# sessions (numbered as `tiaojie show` numbers them) picks the later one,
# whose notice is issued (its date in the PDF, its session on record); a
# 送达回证 is picked for one document and party by typing the party's name
# into the list's filter (a page for that party only, the document on
# record, the file named after the party).
. "$(dirname "$0")/lib.sh"
DB="$T/demo.db"
"$TJ" demo --db "$DB" --cases 300 >/dev/null 2>"$T/demo.err" || fail "demo failed: $(cat "$T/demo.err")"
q() { sqlite3 "$DB" "$1"; }
cat >"$T/tj.conf" <<CONF
[documents]
dir = $T/docs
CONF
row=$(q "SELECT c.id || '|' || c.case_no FROM cases c WHERE c.status IN ('assigned', 'mediating')
	AND EXISTS (SELECT 1 FROM sessions s WHERE s.case_id = c.id AND s.status = 'scheduled')
	AND (SELECT count(*) FROM case_parties p WHERE p.case_id = c.id) = 2 ORDER BY c.id LIMIT 1")
[ -n "$row" ] && ok || fail "no case with a booked session in the demo"
cid=${row%%|*}; cno=${row#*|}
app=$(q "SELECT name FROM case_parties WHERE case_id = $cid AND role = 'applicant'")
resp=$(q "SELECT name FROM case_parties WHERE case_id = $cid AND role = 'respondent'")
q "INSERT INTO sessions (case_id, mediator_id, day, start, minutes, room, status, created_at)
	SELECT case_id, mediator_id, '2026-12-09', '14:30', 90, '第三调解室', 'scheduled', '2026-11-20 09:00:00'
	FROM sessions WHERE case_id = $cid LIMIT 1"
later=$(q "SELECT id FROM sessions WHERE case_id = $cid AND day = '2026-12-09'")
nses=$(q "SELECT count(*) FROM sessions WHERE case_id = $cid")
# the acceptance notice to serve on both parties
"$TJ" doc --db "$DB" "$cno" acceptance -o "$T/acc.pdf" 2>"$T/doc.err" && ok || fail "acceptance: $(cat "$T/doc.err")"
acc=$(q "SELECT id FROM documents WHERE case_id = $cid AND kind = 'acceptance' ORDER BY id DESC LIMIT 1")

start "$TJ" --db "$DB" --config "$T/tj.conf"
login clerk demo1234
skip_drafts
key 3
typ "$cno"
expect_screen found "$cno"
key Enter
expect_screen detail "事实与理由"

# 调解通知书: which session
key F11
expect_screen chooser "出具文书"
pick_menu 调解通知书
expect_screen session-picker "调解通知书：选择调解安排"
expect_screen session-later "$nses. 2026-12-09 14:30-16:00  第三调解室"
expect_screen session-count "共 2 项"
# the next booked session is where the list starts; the later one is below
key Down Enter
expect_screen session-issued "已生成调解通知书" 20
[ "$(q "SELECT session_id FROM documents WHERE case_id = $cid AND kind = 'session' ORDER BY id DESC LIMIT 1")" = "$later" ] &&
	ok || fail "the notice is not for the later session"
f=$(ls "$T/docs/"*调解通知书-2026-12-09.pdf 2>/dev/null | head -1)
[ -n "$f" ] && ok || fail "no session notice file: $(ls "$T/docs" 2>&1)"
txt=$(pdftotext "$f" - 2>/dev/null | tr -d ' \n')
case "$txt" in *2026年12月9日14:30至16:00*) ok ;; *) fail "session notice lacks the later session's time" ;; esac

# 送达回证: which document and party, by typing the name
key F11
expect_screen chooser-2 "出具文书"
pick_menu 送达回证
expect_screen service-picker "送达回证：选择文书和受送达人"
expect_screen service-all "全部 2 位受送达人"
expect_screen service-resp "受理通知书"
typ "$resp"
expect_screen service-filtered "共 2 项"
expect_no_screen service-no-app "→ 申请人$app"
key Enter
expect_screen service-issued "已生成送达回证" 20
[ "$(q "SELECT of_document FROM documents WHERE case_id = $cid AND kind = 'service' ORDER BY id DESC LIMIT 1")" = "$acc" ] &&
	ok || fail "the certificate is not for the acceptance notice"
f="$T/docs/$cno-送达回证-$resp.pdf"
[ -f "$f" ] && ok || fail "no file $f: $(ls "$T/docs" 2>&1)"
txt=$(pdftotext "$f" - 2>/dev/null | tr -d ' \n')
case "$txt" in *"受送达人：被申请人$resp"*) ok ;; *) fail "certificate lacks the respondent" ;; esac
case "$txt" in *"受送达人：申请人$app"*) fail "certificate has the applicant's page too" ;; *) ok ;; esac
case "$txt" in *"送达文书：受理通知书"*) ok ;; *) fail "certificate lacks its document" ;; esac

# Esc leaves the picker without issuing anything
n=$(q "SELECT count(*) FROM documents WHERE case_id = $cid")
key F11
pick_menu 送达回证
expect_screen service-picker-2 "送达回证：选择文书和受送达人"
key Escape
expect_screen back "事实与理由"
[ "$(q "SELECT count(*) FROM documents WHERE case_id = $cid")" = "$n" ] && ok || fail "Esc issued a document"
done_tests
