# test_doc_pick.sh - `tiaojie doc CASE_NO session --session N` and `tiaojie
# doc CASE_NO service --document N --party K`: a 调解通知书 for the session
# chosen by the number `tiaojie show` gives it, a 送达回证 for the document
# and party chosen likewise (pdftotext finds that session's date, time and
# room, that party's name and not the other's), and a number that is not
# there (or not for that kind) refused with its exit status and a Chinese
# message naming what is there.
. "$(dirname "$0")/lib.sh"

export TIAOJIE_FORMS="$SRCDIR/forms"
q() { sqlite3 demo.db "$1"; }
eq() { # NAME GOT WANT
	if [ "$2" = "$3" ]; then ok; else fail "$1: got '$2', want '$3'"; fi
}
flat() { grep -v '^第 *[0-9]* *页 *共 *[0-9]* *页$' "$1" | tr -d ' \n\f\r'; }
has() { # NAME FLATFILE STRING
	local s
	s=$(printf '%s' "$3" | tr -d ' \n\r')
	if grep -qF -- "$s" "$2"; then ok; else fail "$1: lacks '$3'"; fi
}
lacks() { # NAME FLATFILE STRING
	local s
	s=$(printf '%s' "$3" | tr -d ' \n\r')
	if grep -qF -- "$s" "$2"; then fail "$1: has '$3'"; else ok; fi
}
cn_date() { # 2026-11-03 -> 2026年11月3日 (the default date style)
	python3 -c 'import sys; y, m, d = sys.argv[1].split("-"); print(f"{int(y)}年{int(m)}月{int(d)}日")' "$1"
}
pdf() { # NAME CASE ARGS...: the PDF, its text flattened in NAME.flat
	local name=$1 c=$2
	shift 2
	run "$TJ" doc --db demo.db "$c" "$@" -o "$name.pdf"
	expect_rc "$name" 0
	pdftotext -layout "$name.pdf" "$name.txt" 2>/dev/null
	flat "$name.txt" >"$name.flat"
}

run "$TJ" demo --db demo.db --cases 400
expect_rc demo 0

# a case in mediation with one applicant and one respondent, a session
# held and one booked; a second booked session (a later one) added here
CID=$(q "SELECT c.id FROM cases c WHERE c.status = 'mediating'
	AND EXISTS (SELECT 1 FROM sessions s WHERE s.case_id = c.id AND s.status = 'held')
	AND EXISTS (SELECT 1 FROM sessions s WHERE s.case_id = c.id AND s.status = 'scheduled')
	AND (SELECT count(*) FROM case_parties WHERE case_id = c.id) = 2 ORDER BY c.id LIMIT 1")
check case-found [ -n "$CID" ]
CNO=$(q "SELECT case_no FROM cases WHERE id = $CID")
q "INSERT INTO sessions (case_id, mediator_id, day, start, minutes, room, status, created_at)
	SELECT case_id, mediator_id, '2026-12-09', '14:30', 90, '第三调解室', 'scheduled', '2026-11-20 09:00:00'
	FROM sessions WHERE case_id = $CID LIMIT 1"
nses=$(q "SELECT count(*) FROM sessions WHERE case_id = $CID")
# show numbers the sessions in date order
run "$TJ" show --db demo.db "$CNO"
expect_rc show 0
expect_out show-numbered "  $nses. 2026-12-09 14:30 90分钟 第三调解室"
IFS='|' read -r bday bstart broom < <(q "SELECT day, start, room FROM sessions WHERE case_id = $CID AND status = 'scheduled'
	ORDER BY day, start LIMIT 1")
bno=$(q "SELECT count(*) FROM sessions WHERE case_id = $CID AND (day, start) <= ('$bday', '$bstart')")
expect_out show-booked "  $bno. $bday $bstart"

# the later session by its number: its date, time and room, not the other's
pdf later "$CNO" session --session "$nses"
has later-date later.flat "$(cn_date 2026-12-09)14:30至16:00"
has later-room later.flat "在第三调解室"
lacks later-not-first later.flat "$(cn_date "$bday")$bstart"
eq later-recorded "$(q "SELECT s.day || ' ' || s.start FROM documents d JOIN sessions s ON s.id = d.session_id
	WHERE d.case_id = $CID AND d.kind = 'session' ORDER BY d.id DESC LIMIT 1")" "2026-12-09 14:30"
# the earlier one by its number
pdf earlier "$CNO" session --session "$bno"
has earlier-date earlier.flat "$(cn_date "$bday")$bstart"
has earlier-room earlier.flat "在$broom"
lacks earlier-not-later earlier.flat "$(cn_date 2026-12-09)"
# without --session: the next booked one, as before
pdf next "$CNO" session
has next-date next.flat "$(cn_date "$bday")$bstart"

# refused: no such session, one already held, a number that is no number,
# --session on another kind; nothing recorded
ndoc=$(q "SELECT count(*) FROM documents WHERE case_id = $CID")
run "$TJ" doc --db demo.db "$CNO" session --session 99 -o x.pdf
expect_rc session-99 1
expect_err session-99 "没有第 99 次调解安排（共 $nses 次"
check session-99-no-file [ ! -e x.pdf ]
held=$(q "SELECT count(*) FROM sessions WHERE case_id = $CID AND status = 'held' AND (day, start) <= ('$bday', '$bstart')")
hno=$(q "SELECT count(*) FROM sessions WHERE case_id = $CID AND (day, start) <= (SELECT day, start FROM sessions
	WHERE case_id = $CID AND status = 'held' ORDER BY day, start LIMIT 1)")
check held-exists [ "$held" -ge 1 ]
run "$TJ" doc --db demo.db "$CNO" session --session "$hno"
expect_rc session-held 1
expect_err session-held "的第 $hno 次调解安排"
expect_err session-held "不能再出具调解通知书"
run "$TJ" doc --db demo.db "$CNO" session --session 0
expect_rc session-zero 2
expect_err session-zero "--session 应为正整数"
run "$TJ" doc --db demo.db "$CNO" session --session 二
expect_rc session-word 2
run "$TJ" doc --db demo.db "$CNO" acceptance --session 1
expect_rc session-other-kind 2
expect_err session-other-kind "--session 只用于 session"
eq refused-not-recorded "$(q "SELECT count(*) FROM documents WHERE case_id = $CID")" "$ndoc"

# 送达回证 for one document and one party: the acceptance notice (served on
# both parties), then the later session notice
pdf acc "$CNO" acceptance
app=$(q "SELECT name FROM case_parties WHERE case_id = $CID AND role = 'applicant'")
resp=$(q "SELECT name FROM case_parties WHERE case_id = $CID AND role = 'respondent'")
# a document's number: its place in the order issued, as show lists them
docno() { q "SELECT n FROM (SELECT id, row_number() OVER (ORDER BY issued_at, id) AS n FROM documents
	WHERE case_id = $CID) WHERE id = $1"; }
accid=$(q "SELECT id FROM documents WHERE case_id = $CID AND kind = 'acceptance' ORDER BY id DESC LIMIT 1")
accno=$(docno "$accid")
check acc-number [ -n "$accno" ]
run "$TJ" show --db demo.db "$CNO"
expect_out show-doc-numbered "  $accno. $(q "SELECT substr(issued_at, 1, 16) FROM documents WHERE id = $accid") 受理通知书"
pdf svc-resp "$CNO" service --document "$accno" --party 2
has svc-resp-doc svc-resp.flat "送达文书：受理通知书"
has svc-resp-party svc-resp.flat "受送达人：被申请人$resp"
lacks svc-resp-not-app svc-resp.flat "受送达人：申请人$app"
eq svc-resp-pages "$(pdfinfo svc-resp.pdf | awk '/^Pages:/ {print $2}')" 1
eq svc-resp-recorded "$(q "SELECT of.kind FROM documents d JOIN documents of ON of.id = d.of_document
	WHERE d.case_id = $CID AND d.kind = 'service' ORDER BY d.id DESC LIMIT 1")" acceptance
pdf svc-app "$CNO" service --document "$accno" --party 1
has svc-app-party svc-app.flat "受送达人：申请人$app"
lacks svc-app-not-resp svc-app.flat "受送达人：被申请人$resp"
# the whole document: a page for each party
pdf svc-all "$CNO" service --document "$accno"
has svc-all-app svc-all.flat "受送达人：申请人$app"
has svc-all-resp svc-all.flat "受送达人：被申请人$resp"
eq svc-all-pages "$(pdfinfo svc-all.pdf | awk '/^Pages:/ {print $2}')" 2
# a served party's certificate carries the service as recorded
q "UPDATE services SET method = 'post', tracking = 'SF1234567890', served_on = '2026-11-20', signed_by = '收发室王某',
	recorded_at = '2026-11-20 10:00:00' WHERE case_id = $CID AND role = 'respondent'
	AND document_id = (SELECT id FROM documents WHERE case_id = $CID AND kind = 'acceptance')"
pdf svc-served "$CNO" service --document "$accno" --party 2
has svc-served-method svc-served.flat "送达方式：邮寄送达"
has svc-served-tracking svc-served.flat "邮件号码：SF1234567890"
has svc-served-signed svc-served.flat "签收人：收发室王某"

# refused: a party or document not there, a document not served, the
# options on another kind
ndoc=$(q "SELECT count(*) FROM documents WHERE case_id = $CID")
run "$TJ" doc --db demo.db "$CNO" service --document "$accno" --party 3
expect_rc party-3 1
expect_err party-3 "没有第 3 位受送达人（共 2 位：1 申请人$app、2 被申请人$resp）"
run "$TJ" doc --db demo.db "$CNO" service --document 999
expect_rc document-999 1
expect_err document-999 "没有第 999 份文书（已出具 $ndoc 份"
svcno=$(docno "$(q "SELECT id FROM documents WHERE case_id = $CID AND kind = 'service' ORDER BY id LIMIT 1")")
check svc-number [ -n "$svcno" ]
run "$TJ" doc --db demo.db "$CNO" service --document "$svcno"
expect_rc document-not-served 1
expect_err document-not-served "的第 $svcno 份文书（送达回证）不送达当事人，没有送达回证"
run "$TJ" doc --db demo.db "$CNO" service --party x
expect_rc party-word 2
expect_err party-word "--party 应为正整数"
run "$TJ" doc --db demo.db "$CNO" evidence --document 1
expect_rc document-other-kind 2
expect_err document-other-kind "--document 和 --party 只用于 service"
eq service-refused-not-recorded "$(q "SELECT count(*) FROM documents WHERE case_id = $CID")" "$ndoc"

# the usage names the options
run "$TJ" doc --help
expect_out usage-session "--session N"
expect_out usage-party "--party K"

done_tests
