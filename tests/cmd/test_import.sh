# test_import.sh - `tiaojie import FILE`: 100 application records with 3
# bad ones register 97 cases and refuse 3, each with its index, key and
# Chinese reason; a second run (the same records one per line) registers
# nothing twice; two imports at once make no duplicate either; what was
# imported reads back the same through `show --json`; keys the case cannot
# hold yet are refused, never dropped; a file that is not JSON imports
# nothing.
. "$(dirname "$0")/lib.sh"

q() { sqlite3 t.db "$1"; }
eq() { # NAME GOT WANT
	if [ "$2" = "$3" ]; then ok; else fail "$1: got '$2', want '$3'"; fi
}
printf 'secret123\n' >pw
run "$TJ" init --db t.db --password-file pw
expect_rc init 0
python3 "$SRCDIR/tests/cmd/data/import_gen.py"
check generated test -s apps.json -a -s apps.ndjson

run "$TJ" import --db t.db apps.json
expect_rc first 1
expect_out totals "共 100 条：登记 97 条，跳过 0 条，未登记 3 条"
eq cases "$(q "SELECT count(*) FROM cases")" 97
eq external-ids "$(q "SELECT count(DISTINCT external_id) FROM cases")" 97
expect_out bad-id "第11条：未登记（外部编号 WX-2026-000010）"
expect_out bad-id-why "applicants[0].doc_no：居民身份证号码：校验位错误"
expect_out bad-amount "第51条：未登记"
expect_out bad-amount-why "claims[0].amount：应为文字"
expect_out bad-phone "第78条：未登记"
expect_out bad-phone-why "applicants[0].phone：联系电话："
eq refused-not-stored "$(q "SELECT count(*) FROM cases WHERE external_id IN ('WX-2026-000010', 'WX-2026-000050', 'WX-2026-000077')")" 0
# nothing half-registered: parties and claims only of registered cases
eq parties "$(q "SELECT count(*) FROM case_parties")" 194
eq claims "$(q "SELECT count(*) FROM claims")" 97
eq channel "$(q "SELECT count(*) FROM cases WHERE channel = 'online'")" 97

# again, one record per line: nothing registered twice
run "$TJ" import --db t.db apps.ndjson
expect_rc again 1
expect_out again-totals "共 100 条：登记 0 条，跳过 97 条，未登记 3 条"
expect_out again-skip "第1条：外部编号 WX-2026-000000 已导入为"
eq again-cases "$(q "SELECT count(*) FROM cases")" 97

# two imports of new records at once: no duplicate case
python3 - <<'PY'
import json
recs = json.load(open("apps.json"))
for r in recs:
    r["external_id"] = r["external_id"].replace("WX", "PAR")
json.dump(recs, open("par.json", "w"), ensure_ascii=False)
PY
"$TJ" import --db t.db par.json >par1.out 2>&1 &
p1=$!
"$TJ" import --db t.db par.json >par2.out 2>&1 &
p2=$!
wait $p1 $p2
eq parallel-cases "$(q "SELECT count(*) FROM cases WHERE external_id LIKE 'PAR-%'")" 97
eq parallel-distinct "$(q "SELECT count(DISTINCT external_id) FROM cases WHERE external_id LIKE 'PAR-%'")" 97
eq parallel-numbers "$(q "SELECT count(*) - count(DISTINCT case_no) FROM cases")" 0

# read back: the passport holder, through show --json
pno=$(q "SELECT case_no FROM cases WHERE external_id = 'WX-2026-000005'")
run "$TJ" show --db t.db --json --full-ids "$pno"
expect_rc show 0
printf '%s\n' "$OUT" >p.json
eq rt-kind "$(jq -r '.applicants[0].doc_kind' p.json)" "护照"
eq rt-no "$(jq -r '.applicants[0].doc_no' p.json)" "E12345678"
eq rt-sex "$(jq -r '.applicants[0].sex' p.json)" "男"
eq rt-birth "$(jq -r '.applicants[0].birth' p.json)" "1990-05-17"
eq rt-phone "$(jq -r '.applicants[0].phone' p.json)" "+14155550123"
eq rt-nationality "$(jq -r '.applicants[0].nationality' p.json)" "美国"
eq rt-occupation "$(jq -r '.applicants[0].occupation' p.json)" "软件工程师"
eq rt-amount "$(jq -r '.claims[0].amount' p.json)" "10005.50"
eq rt-channel "$(jq -r '.channel' p.json)" "网上"
eq rt-received "$(jq -r '.received' p.json)" "2026-11-19"
cno=$(q "SELECT case_no FROM cases WHERE external_id = 'WX-2026-000001'")
run "$TJ" show --db t.db --json "$cno"
printf '%s\n' "$OUT" >c.json
eq rt-hukou "$(jq -r '.applicants[0].hukou' c.json)" "农村"

# bad records: refused with the key and the reason
cat >later.json <<'JSON'
{"external_id": "L-1", "applicants": [{"doc_kind": "护照", "doc_no": "E7654321", "name": "A B", "sex": "女", "birth": "1991-01-01", "nationality": "英国", "phone": "+442079460958", "agents": [{"name": "李律师", "kind": "律师"}]}], "respondents": [{"name": "上海某某有限公司"}], "claims": [{"cause": "0601", "text": "支付工资", "amount": "100"}], "facts": "事实。"}
{"external_id": "L-2", "applicants": [{"doc_kind": "身份证", "doc_no": "1", "name": "X"}], "respondents": [{"name": "上海某某有限公司"}], "claims": [], "facts": "事实。"}
{"external_id": "L-3", "channel": "传真", "applicants": [{"doc_kind": "护照", "doc_no": "E7654322", "name": "C D", "sex": "x", "birth": "1991-01-01", "nationality": "英国", "phone": "+442079460958"}], "respondents": [{"name": "上海某某有限公司"}], "claims": [{"cause": "0601", "text": "支付工资"}], "facts": "事实。"}
[not json
JSON
run "$TJ" import --db t.db later.json
expect_rc later 1
expect_out agent-authority "applicants[0].agents[0].authority：请选择代理权限"
expect_out doc-kind "applicants[0].doc_kind：未知的证件类型「身份证」"
expect_out channel-word "channel：未知的申请渠道「传真」"
expect_out sex-word "applicants[0].sex：未知的性别「x」"
expect_out bad-line "第4条：未登记"
expect_out bad-line-why "第4行不是有效的 JSON"
eq later-none "$(q "SELECT count(*) FROM cases WHERE external_id LIKE 'L-%'")" 0

# a file that is not JSON at all, or an array that does not parse: nothing
printf '[{"external_id": "Z-1"},\n' >broken.json
run "$TJ" import --db t.db broken.json
expect_rc broken 1
expect_err broken "不是有效的 JSON 数组"
expect_err broken-nothing "未导入任何记录"
run "$TJ" import --db t.db missing.json
expect_rc missing 1
expect_err missing "无法打开"
run "$TJ" import --db t.db
expect_rc no-file 2
: >empty.json
run "$TJ" import --db t.db empty.json
expect_rc empty 1
expect_err empty "没有申请记录"

# the full record of application.md (two respondents of two kinds, an agent
# with special authority, a joint claim with per-worker amounts, evidence)
# registers, and show --json gives back every key and value of it
run "$TJ" import --db t.db "$SRCDIR/tests/cmd/data/application_example.json"
expect_rc spec-example 0
expect_out spec-example-registered "第1条：已登记"
sno=$(q "SELECT case_no FROM cases WHERE external_id = 'WX-2026-000123'")
run "$TJ" show --db t.db --json --full-ids "$sno"
printf '%s\n' "$OUT" >spec-back.json
check spec-round-trip python3 - "$SRCDIR/tests/cmd/data/application_example.json" spec-back.json <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
bad = []
def cmp(x, y, path):
    if isinstance(x, dict):
        for k in x:
            if not isinstance(y, dict) or k not in y:
                bad.append("missing " + path + "." + k)
            else:
                cmp(x[k], y[k], path + "." + k)
    elif isinstance(x, list):
        if not isinstance(y, list) or len(x) != len(y):
            bad.append("length " + path)
        else:
            for i, (p, q) in enumerate(zip(x, y)):
                cmp(p, q, "%s[%d]" % (path, i))
    elif x != y:
        bad.append("%s: %r != %r" % (path, x, y))
cmp(a, b, "")
print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
eq spec-agents "$(q "SELECT count(*) FROM case_agents")" 1
eq spec-second-respondent "$(q "SELECT kind FROM case_parties cp JOIN cases c ON c.id = cp.case_id WHERE c.external_id = 'WX-2026-000123' AND cp.role = 'respondent' AND cp.ord = 2")" host

# the man page's example record registers as it stands
q "UPDATE cases SET external_id = NULL WHERE external_id = 'WX-2026-000123'" >/dev/null
sed -n '/^\.SH APPLICATION RECORDS/,/^\.SH /p' "$SRCDIR/man/tiaojie.1" | sed -n '/^\.EX$/,/^\.EE$/p' |
	sed '1d;$d' >example.json
check example-extracted grep -q '"external_id": "WX-2026-000123"' example.json
run "$TJ" import --db t.db example.json
expect_rc example 0
expect_out example-registered "第1条：已登记"
eq example-applicants "$(q "SELECT count(*) FROM case_parties cp JOIN cases c ON c.id = cp.case_id WHERE c.external_id = 'WX-2026-000123' AND cp.role = 'applicant'")" 2

done_tests
