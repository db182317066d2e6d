# test_show.sh - `tiaojie show CASE_NO [--json] [--full-ids]` on a demo
# database, checked against the database with sqlite3 and jq: the text
# names every party, claim, session, document and event of the case; the
# JSON record has application.md's keys with the vocabulary's labels and
# amounts in yuan; identity numbers are masked unless --full-ids, which is
# recorded in the event log first; a passport holder's typed sex and birth
# date come out; refusals: no such case, no case number, an unknown option.
. "$(dirname "$0")/lib.sh"

q() { sqlite3 demo.db "$1"; }
eq() { # NAME GOT WANT
	if [ "$2" = "$3" ]; then ok; else fail "$1: got '$2', want '$3'"; fi
}
run "$TJ" demo --db demo.db --cases 400
expect_rc demo 0

# a closed case with an agreement, sessions, documents and events
cid=$(q "SELECT id FROM cases WHERE status = 'agreed' ORDER BY id LIMIT 1")
cno=$(q "SELECT case_no FROM cases WHERE id = $cid")
run "$TJ" show --db demo.db "$cno"
expect_rc text 0
expect_out text-number "$cno"
expect_out text-status "调解成功"
for name in $(q "SELECT name FROM case_parties WHERE case_id = $cid"); do
	expect_out "text-party-$name" "$name"
done
for text in $(q "SELECT text FROM claims WHERE case_id = $cid"); do
	expect_out "text-claim" "$text"
done
eq text-events "$(printf '%s\n' "$OUT" | sed -n '/^操作记录/,$p' | tail -n +2 | wc -l)" \
	"$(q "SELECT count(*) FROM events WHERE case_id = $cid")"
idno=$(q "SELECT id_no FROM case_parties WHERE case_id = $cid AND role = 'applicant' ORDER BY ord LIMIT 1")
case "$OUT" in *"$idno"*) fail "text shows the full ID $idno" ;; *) ok ;; esac
expect_out text-masked "${idno%"${idno#??????}"}********"

# JSON: the record's keys and words
run "$TJ" show --db demo.db --json "$cno"
expect_rc json 0
printf '%s\n' "$OUT" >rec.json
check json-valid sh -c 'jq -e . rec.json >/dev/null'
eq json-case-no "$(jq -r .case_no rec.json)" "$cno"
eq json-status "$(jq -r .status rec.json)" "调解成功"
eq json-channel "$(jq -r .channel rec.json)" \
	"$(q "SELECT CASE channel WHEN 'window' THEN '窗口' WHEN 'online' THEN '网上' WHEN 'phone' THEN '电话' WHEN 'letter' THEN '信函' ELSE '其他' END FROM cases WHERE id = $cid")"
eq json-applicants "$(jq '.applicants | length' rec.json)" \
	"$(q "SELECT count(*) FROM case_parties WHERE case_id = $cid AND role = 'applicant'")"
eq json-respondent-kind "$(jq -r '.respondents[0].kind' rec.json)" "用人单位"
eq json-claims "$(jq '.claims | length' rec.json)" "$(q "SELECT count(*) FROM claims WHERE case_id = $cid")"
eq json-amount "$(jq -r '.claims[0].amount // "0.00"' rec.json)" \
	"$(q "SELECT printf('%d.%02d', amount_fen / 100, amount_fen % 100) FROM claims WHERE case_id = $cid AND ord = 1")"
eq json-agreed "$(jq -r '.claims[0].agreed' rec.json)" \
	"$(q "SELECT printf('%d.%02d', agreed_fen / 100, agreed_fen % 100) FROM claims WHERE case_id = $cid AND ord = 1")"
eq json-timeline "$(jq '.timeline | length' rec.json)" "$(q "SELECT count(*) FROM events WHERE case_id = $cid")"
eq json-sessions "$(jq '.sessions | length' rec.json)" "$(q "SELECT count(*) FROM sessions WHERE case_id = $cid")"
eq json-documents "$(jq '.documents | length' rec.json)" "$(q "SELECT count(*) FROM documents WHERE case_id = $cid")"
eq json-doc-kind "$(jq -r '.applicants[0].doc_kind' rec.json)" \
	"$(q "SELECT CASE id_type WHEN 'id' THEN '居民身份证' ELSE id_type END FROM case_parties WHERE case_id = $cid AND role = 'applicant' ORDER BY ord LIMIT 1")"
eq json-masked "$(jq -r '.applicants[0].doc_no' rec.json | grep -c '\*\*\*\*')" 1
check json-no-full-id sh -c '! grep -qF "$1" rec.json' sh "$idno"

# --full-ids: recorded first, then shown
before=$(q "SELECT count(*) FROM events WHERE case_id = $cid AND action = 'full-ids'")
run "$TJ" show --db demo.db --json --full-ids "$cno"
expect_rc full 0
eq full-id "$(printf '%s' "$OUT" | jq -r '.applicants[0].doc_no')" "$idno"
eq full-recorded "$(q "SELECT count(*) FROM events WHERE case_id = $cid AND action = 'full-ids'")" $((before + 1))
# ... and not shown when it cannot be recorded: a read-only database, as
# an unprivileged user (root ignores file permissions)
as_user() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	else
		"$@"
	fi
}
# not root: it signs in as the demo administrator
printf 'demo1234\n' >adminpw && chmod 644 adminpw
mkdir ro && cp demo.db ro/r.db && cp "$TJ" ro/tj
sqlite3 ro/r.db "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
rm -f ro/r.db-wal ro/r.db-shm
chmod 755 "$T" ro ro/tj && chmod 644 ro/r.db && chmod 555 ro
run as_user ro/tj show --user admin --password-file "$T/adminpw" --db ro/r.db --full-ids "$cno"
expect_rc full-readonly 1
expect_err full-readonly "未能记入操作记录"
case "$OUT" in *"$idno"*) fail "full ID shown without its record" ;; *) ok ;; esac
run as_user ro/tj show --user admin --password-file "$T/adminpw" --db ro/r.db "$cno"
expect_rc readonly-masked 0
expect_out readonly-masked "$cno"
chmod 755 ro

# a passport holder: typed sex and birth date as the case holds them
pid=$(q "SELECT case_id FROM case_parties WHERE id_type = 'passport' AND gender IS NOT NULL LIMIT 1")
if [ -n "$pid" ]; then
	pno=$(q "SELECT case_no FROM cases WHERE id = $pid")
	run "$TJ" show --db demo.db --json "$pno"
	printf '%s\n' "$OUT" >pp.json
	eq passport-kind "$(jq -r '[.applicants[] | select(.doc_kind == "护照")] | length > 0' pp.json)" true
	eq passport-sex "$(jq -r '[.applicants[] | select(.doc_kind == "护照") | .sex] | all(. == "男" or . == "女")' pp.json)" true
fi

# refusals
run "$TJ" show --db demo.db "沪劳人调(1999)第99999号"
expect_rc no-case 1
expect_err no-case "没有案件"
run "$TJ" show --db demo.db
expect_rc no-arg 2
expect_err no-arg "缺少案件编号"
run "$TJ" show --db demo.db --bogus "$cno"
expect_rc bad-option 2
run "$TJ" show --db demo.db "$cno" extra
expect_rc extra-arg 2

done_tests
