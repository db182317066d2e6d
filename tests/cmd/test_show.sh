# test_show.sh - `tiaojie show CASE_NO [--json] [--full-ids]` on a demo
# database, checked against the database with sqlite3 and jq: the text
# names every party, claim, session, document, service and event of the
# case; the JSON record has application.md's keys with the vocabulary's
# labels and amounts in yuan; identity numbers are masked unless --full-ids, which is
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

# a collective dispute: the representatives marked, each worker's own
# amounts in a table with the totals, the undivided part of a claim
python3 - coll.json <<'EOF'
import json, sys
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
def idno(i):
    base = "31010419850101%03d" % (21 + 2 * i)
    return base + "10X98765432"[sum(int(c) * k for c, k in zip(base, w)) % 11]
apps = [{"doc_kind": "居民身份证", "doc_no": idno(i), "name": "工人%s" % "甲乙丙丁戊己庚辛壬癸"[i],
         "phone": "13812345678", "representative": i in (0, 2)} for i in range(10)]
rec = {"channel": "窗口", "applicants": apps,
       "respondents": [{"uscc": "91310115MA78778997", "name": "上海某某集体科技有限公司", "legal_rep": "王某",
                        "address": "上海市浦东新区张江路1号", "phone": "021-50000000"}],
       "claims": [{"cause": "0601", "text": "支付拖欠工资",
                   "per_worker": [{"applicant": i + 1, "amount": "%d000.00" % (i + 1)} for i in range(10)]},
                  {"cause": "0402", "text": "支付经济补偿", "amount": "20000.00"}],
       "facts": "被申请人拖欠十名员工工资。"}
json.dump([rec], open(sys.argv[1], "w"), ensure_ascii=False)
EOF
run "$TJ" import --db demo.db coll.json
expect_rc coll-import 0
ccno=$(q "SELECT case_no FROM cases c JOIN case_parties p ON p.case_id = c.id AND p.name = '工人甲'")
run "$TJ" show --db demo.db "$ccno"
expect_rc coll-show 0
expect_out coll-rep "1. 工人甲（代表）"
expect_out coll-rep3 "3. 工人丙（代表）"
case "$OUT" in *"工人乙（代表）"*) fail "工人乙 marked" ;; *) ok ;; esac
expect_out coll-table "各申请人金额（元）"
expect_out coll-head "  序 申请人         请求1     请求2      合计"
expect_out coll-row "  3 工人丙 代表  3,000.00         -  3,000.00"
expect_out coll-row10 " 10 工人癸      10,000.00         - 10,000.00"
expect_out coll-undivided "     未分列             - 20,000.00 20,000.00"
expect_out coll-total "     合计       55,000.00 20,000.00 75,000.00"

# services (送达): each document's on each party, numbered N-K as
# `tiaojie doc --document N --party K` takes them, served or not, with the
# method, tracking number, day and who signed (a witness for 留置送达)
sid=$(q "SELECT c.id FROM cases c WHERE c.status = 'mediating'
	AND (SELECT count(*) FROM case_parties WHERE case_id = c.id) = 2 ORDER BY c.id LIMIT 1")
sno=$(q "SELECT case_no FROM cases WHERE id = $sid")
export TIAOJIE_FORMS="$SRCDIR/forms"
run "$TJ" doc --db demo.db "$sno" acceptance -o acc.pdf
expect_rc svc-acceptance 0
sapp=$(q "SELECT name FROM case_parties WHERE case_id = $sid AND role = 'applicant'")
sresp=$(q "SELECT name FROM case_parties WHERE case_id = $sid AND role = 'respondent'")
accid=$(q "SELECT id FROM documents WHERE case_id = $sid AND kind = 'acceptance'")
accno=$(q "SELECT n FROM (SELECT id, row_number() OVER (ORDER BY issued_at, id) AS n FROM documents
	WHERE case_id = $sid) WHERE id = $accid")
run "$TJ" show --db demo.db "$sno"
expect_out svc-header "送达（2，未送达 2）"
expect_out svc-open "  $accno-2. 受理通知书 → 被申请人$sresp  未送达"
q "UPDATE services SET method = 'post', tracking = 'EMS1234567890', served_on = '2026-11-20', signed_by = '收发室李某',
	recorded_at = '2026-11-20 10:00:00' WHERE document_id = $accid AND role = 'respondent'"
q "UPDATE services SET method = 'lodged', served_on = '2026-11-20', signed_by = '居委会张某',
	recorded_at = '2026-11-20 10:00:00' WHERE document_id = $accid AND role = 'applicant'"
run "$TJ" show --db demo.db "$sno"
expect_rc svc-show 0
expect_out svc-header-2 "送达（2，未送达 0）"
expect_out svc-post "  $accno-2. 受理通知书 → 被申请人$sresp  邮寄送达 2026-11-20  邮件号码 EMS1234567890  签收人 收发室李某"
expect_out svc-lodged "  $accno-1. 受理通知书 → 申请人$sapp  留置送达 2026-11-20  见证人 居委会张某"
run "$TJ" show --db demo.db --json "$sno"
printf '%s\n' "$OUT" >svc.json
eq svc-json-count "$(jq '.services | length' svc.json)" 2
eq svc-json-post "$(jq -r '.services[] | select(.party == 2) | [.document, .document_kind, .role, .name, .status, .method, .tracking, .served_on, .signed_by] | join("|")' svc.json)" \
	"$accno|受理通知书|被申请人|$sresp|已送达|邮寄送达|EMS1234567890|2026-11-20|收发室李某"
eq svc-json-lodged "$(jq -r '.services[] | select(.party == 1) | .method' svc.json)" "留置送达"
# a case with nothing issued to serve lists none
run "$TJ" show --db demo.db "$cno"
expect_out svc-none "送达（$(q "SELECT count(*) FROM services WHERE case_id = $cid")，"

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
