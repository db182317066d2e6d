# test_demo.sh - `tiaojie demo`: the database it writes passes `tiaojie
# check` and looks like a real court's (valid identity numbers and credit
# codes, every status of the lifecycle, consistent dates, sessions without
# clashes, the demo accounts; every worker with a sex and a birth date,
# 户籍类型 and occupation, each case's snapshot of its parties complete,
# evidence lists with their events, documents served by every method with
# some not served yet), the same seed gives the same file,
# and bad options, an existing file and an unusable directory are refused.
. "$(dirname "$0")/lib.sh"

NOW_DAY=${TIAOJIE_NOW%% *}
q() { sqlite3 demo.db "$1"; }
# eq NAME SQL WANT: the query prints exactly WANT
eq() {
	local got
	got=$(q "$2")
	if [ "$got" = "$3" ]; then ok; else fail "$1: got '$got', want '$3'"; fi
}
# ge NAME SQL MIN: the query prints a number >= MIN
ge() {
	local got
	got=$(q "$2")
	if [ "${got:-0}" -ge "$3" ] 2>/dev/null; then ok; else fail "$1: got '$got', want >= $3"; fi
}

# ---- a demo database of 400 cases
run "$TJ" demo --db demo.db --cases 400
expect_rc demo 0
expect_out demo "demo.db"
expect_out demo "demo1234"
expect_out demo "admin"
expect_out demo "clerk"
expect_out demo "mediator1"
expect_out demo "400 件"
check demo-file test -s demo.db
eq wal-mode "PRAGMA journal_mode" wal
check demo-not-world-readable sh -c '[ $(( $(stat -c %a demo.db) % 10 )) -eq 0 ]'

run "$TJ" check --db demo.db
expect_rc demo-check 0
expect_out demo-check "检查通过"

# reference data, roster, accounts
eq causes-first "SELECT count(*) FROM causes WHERE length(code) = 2" 17
eq causes-second "SELECT count(*) FROM causes WHERE length(code) = 4" 65
eq mediators "SELECT count(*) FROM mediators" 25
eq mediator-sides "SELECT group_concat(side) FROM (SELECT DISTINCT side FROM mediators ORDER BY side)" \
	"employer,expert,hrss,union"
eq expert-kinds "SELECT group_concat(k) FROM (SELECT DISTINCT expert_kind k FROM mediators WHERE side = 'expert' ORDER BY 1)" \
	"court,lawyer,other,teacher"
ge mediators-inactive "SELECT count(*) FROM mediators WHERE active = 0" 1
eq mediator-specialties "SELECT count(*) FROM mediators m WHERE (SELECT count(*) FROM mediator_specialties s WHERE s.mediator_id = m.id) NOT BETWEEN 2 AND 4" 0
eq mediator-capacity "SELECT count(*) FROM mediators WHERE capacity NOT BETWEEN 10 AND 40" 0
eq user-admin "SELECT role FROM users WHERE login = 'admin'" admin
eq user-clerk "SELECT role FROM users WHERE login = 'clerk'" clerk
eq user-mediator1 "SELECT u.role || ' ' || (m.id IS NOT NULL) FROM users u LEFT JOIN mediators m ON m.id = u.mediator_id WHERE login = 'mediator1'" "mediator 1"
check demo-password sh -c "sqlite3 demo.db \"SELECT pw_hash FROM users WHERE login = 'clerk'\" | grep -q '^\\\$y\\\$'"

# cases: every status, consistent columns
eq all-statuses "SELECT count(DISTINCT status) FROM cases" 10
eq all-performances "SELECT count(DISTINCT performance) FROM cases" 3
eq performance-iff-agreed "SELECT count(*) FROM cases WHERE (status = 'agreed') != (performance IS NOT NULL)" 0
eq received-in-period "SELECT count(*) FROM cases WHERE received <= date('$NOW_DAY', '-18 months') OR received > '$NOW_DAY'" 0
ge received-spread "SELECT count(DISTINCT substr(received, 1, 7)) FROM cases" 18
eq case-no-unique "SELECT count(*) - count(DISTINCT case_no) FROM cases" 0
eq seq-rises-with-date "SELECT count(*) FROM (SELECT received, lag(received) OVER (PARTITION BY year ORDER BY seq) prev FROM cases) WHERE prev > received" 0
eq seq-no-gaps "SELECT count(*) FROM (SELECT year, max(seq) m, count(*) n FROM cases GROUP BY year) WHERE m != n" 0
eq case-no-pattern "SELECT count(*) FROM cases WHERE case_no != '沪劳人调〔' || year || '〕' || seq || '号'" 0
eq channels "SELECT count(DISTINCT channel) FROM cases" 5
eq confirmed-columns "SELECT count(*) FROM cases WHERE (status NOT IN ('registered', 'rejected')) AND (confirm_how IS NULL OR confirmed_at IS NULL)" 0
eq accepted-columns "SELECT count(*) FROM cases WHERE status NOT IN ('registered', 'confirmed', 'rejected') AND (accepted_at IS NULL OR deadline IS NULL)" 0
eq not-accepted-columns "SELECT count(*) FROM cases WHERE status IN ('registered', 'confirmed') AND (accepted_at IS NOT NULL OR deadline IS NULL OR closed_at IS NOT NULL)" 0
eq mediator-when-assigned "SELECT count(*) FROM cases WHERE status IN ('assigned', 'mediating', 'agreed', 'failed', 'referred') AND mediator_id IS NULL" 0
eq closed-at-iff-closed "SELECT count(*) FROM cases WHERE (status IN ('rejected', 'agreed', 'failed', 'withdrawn', 'referred')) != (closed_at IS NOT NULL)" 0
eq reasons "SELECT count(*) FROM cases WHERE status IN ('rejected', 'failed', 'withdrawn', 'referred') AND reason = ''" 0
eq deadline-after-acceptance "SELECT count(*) FROM cases WHERE deadline <= substr(accepted_at, 1, 10)" 0
ge extended "SELECT count(*) FROM cases WHERE extended = 1" 1
eq extended-has-event "SELECT count(*) FROM cases c WHERE extended = 1 AND NOT EXISTS (SELECT 1 FROM events e WHERE e.case_id = c.id AND e.action = 'extend')" 0
ge overdue-open "SELECT count(*) FROM cases WHERE status IN ('accepted', 'assigned', 'mediating') AND deadline < '$NOW_DAY'" 1
eq last-event-at "SELECT count(*) FROM cases c WHERE last_event_at != (SELECT max(at) FROM events e WHERE e.case_id = c.id)" 0
eq no-future-events "SELECT count(*) FROM events WHERE at > '$TIAOJIE_NOW'" 0
ge facts-sentences "SELECT min(length(facts) - length(replace(facts, '。', ''))) FROM cases" 2
eq facts-max-sentences "SELECT max(length(facts) - length(replace(facts, '。', ''))) <= 6 FROM cases" 1

# the event trail: registered first, in time order, status before/after chained
eq first-event-register "SELECT count(*) FROM cases c WHERE (SELECT action FROM events e WHERE e.case_id = c.id ORDER BY id LIMIT 1) != 'register'" 0
eq events-in-time-order "SELECT count(*) FROM (SELECT at, lag(at) OVER (PARTITION BY case_id ORDER BY id) prev FROM events WHERE entity = 'case') WHERE prev > at" 0
eq events-chain "SELECT count(*) FROM (SELECT before, lag(after) OVER (PARTITION BY case_id ORDER BY id) prev FROM events WHERE entity = 'case' AND action IN ('register','confirm','accept','reject','assign','session','agree','fail','withdraw','refer')) WHERE prev IS NOT NULL AND prev != before" 0
eq event-users "SELECT count(*) FROM events WHERE entity = 'case' AND user_id IS NULL" 0
ge mediator-account-acts "SELECT count(*) FROM events e JOIN users u ON u.id = e.user_id WHERE u.login = 'mediator1' AND e.action = 'session'" 1
eq person-create-events "SELECT count(*) FROM persons p WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.entity = 'person' AND e.entity_id = p.id AND e.action = 'create')" 0
eq employer-create-events "SELECT count(*) FROM employers p WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.entity = 'employer' AND e.entity_id = p.id AND e.action = 'create')" 0

# claims
eq claims-per-case "SELECT count(*) FROM cases c WHERE (SELECT count(*) FROM claims k WHERE k.case_id = c.id) NOT BETWEEN 1 AND 4" 0
ge claim-causes "SELECT count(DISTINCT cause) FROM claims" 15
eq agreed-not-above-claimed "SELECT count(*) FROM claims WHERE agreed_fen > amount_fen" 0
eq agreed-only-when-agreed "SELECT count(*) FROM claims k JOIN cases c ON c.id = k.case_id WHERE (c.status = 'agreed') != (k.agreed_fen IS NOT NULL)" 0
eq pay-date-when-paid "SELECT count(*) FROM claims WHERE (agreed_fen > 0) != (pay_date IS NOT NULL)" 0
ge zero-amount-claims "SELECT count(*) FROM claims WHERE amount_fen = 0" 1

# sessions: rooms from the configuration, no clash of a mediator or a room
eq session-rooms "SELECT count(*) FROM sessions WHERE room NOT IN ('第一调解室', '第二调解室', '第三调解室')" 0
eq session-times "SELECT count(*) FROM sessions WHERE start NOT GLOB '[01][0-9]:[03]0' OR start < '09:00' OR start > '16:00' OR minutes NOT IN (60, 90)" 0
eq session-clash "SELECT count(*) FROM sessions a JOIN sessions b ON a.id < b.id AND a.day = b.day AND (a.room = b.room OR a.mediator_id = b.mediator_id) AND time(a.start) < time(b.start, '+' || b.minutes || ' minutes') AND time(b.start) < time(a.start, '+' || a.minutes || ' minutes')" 0
eq session-mediator "SELECT count(*) FROM sessions s JOIN cases c ON c.id = s.case_id WHERE s.mediator_id != c.mediator_id" 0
eq held-in-past "SELECT count(*) FROM sessions WHERE status = 'held' AND day > '$NOW_DAY'" 0
ge scheduled-ahead "SELECT count(*) FROM sessions WHERE status = 'scheduled' AND day >= '$NOW_DAY'" 1
eq sessions-of-mediation "SELECT count(*) FROM sessions s JOIN cases c ON c.id = s.case_id WHERE c.status IN ('registered', 'confirmed', 'accepted', 'rejected')" 0

# parties: collective disputes, high-incidence employers, a worker with two cases
ge collective "SELECT count(*) FROM cases c WHERE collective = 1 AND (SELECT count(*) FROM case_parties p WHERE p.case_id = c.id AND p.role = 'applicant') >= 10" 1
eq collective-flag "SELECT count(*) FROM cases c WHERE collective != ((SELECT count(*) FROM case_parties p WHERE p.case_id = c.id AND p.role = 'applicant') >= 10)" 0
ge high-incidence "SELECT max(n) FROM (SELECT count(*) n FROM case_parties p JOIN cases c ON c.id = p.case_id WHERE p.role = 'respondent' AND c.received > date('$NOW_DAY', '-90 days') GROUP BY p.employer_id)" 5
ge repeat-worker "SELECT count(*) FROM (SELECT person_id FROM case_parties WHERE role = 'applicant' GROUP BY person_id HAVING count(*) > 1)" 1
ge employers-no-code "SELECT count(*) FROM employers WHERE uscc IS NULL" 5
ge employer-districts "SELECT count(DISTINCT district) FROM employers" 8
ge employer-industries "SELECT count(DISTINCT industry) FROM employers" 8
ge consultations "SELECT count(*) FROM consultations" 100
eq worker-age "SELECT count(*) FROM persons p JOIN case_parties cp ON cp.person_id = p.id JOIN cases c ON c.id = cp.case_id WHERE p.birth_date IS NOT NULL AND (date(p.birth_date, '+18 years') > c.received OR date(p.birth_date, '+60 years') < c.received)" 0
ge id-types "SELECT count(DISTINCT id_type) FROM persons" 4
eq passport-nationality "SELECT count(*) FROM persons WHERE id_type = 'passport' AND nationality IN ('', '中国')" 0

# identity numbers, credit codes and phones pass the product's own validation
nbad=0
for kind in id residence passport hkmo tw; do
	for v in $(q "SELECT id_no FROM persons WHERE id_type = '$kind' ORDER BY random() LIMIT 30"); do
		"$TJ" validate "$kind" "$v" >/dev/null 2>&1 || { nbad=$((nbad + 1)); echo "invalid $kind $v" >&2; }
	done
done
for v in $(q "SELECT uscc FROM employers WHERE uscc IS NOT NULL ORDER BY random() LIMIT 30"); do
	"$TJ" validate uscc "$v" >/dev/null 2>&1 || { nbad=$((nbad + 1)); echo "invalid uscc $v" >&2; }
done
for v in $(q "SELECT phone FROM persons ORDER BY random() LIMIT 15; SELECT phone FROM employers ORDER BY random() LIMIT 15"); do
	"$TJ" validate phone "$v" >/dev/null 2>&1 || { nbad=$((nbad + 1)); echo "invalid phone $v" >&2; }
done
check documents-valid test "$nbad" -eq 0
eq id-gender-digit "SELECT count(*) FROM persons WHERE id_type = 'id' AND (CAST(substr(id_no, 17, 1) AS INTEGER) % 2 = 1) != (gender = 'M')" 0
eq id-birth "SELECT count(*) FROM persons WHERE id_type IN ('id', 'residence') AND substr(id_no, 7, 8) != replace(birth_date, '-', '')" 0

# every natural person has a sex and a birth date, whatever the document
# (a passport, 港澳 or 台湾 pass does not carry them: given at the window)
eq person-gender-birth "SELECT count(*) FROM persons WHERE gender IS NULL OR gender NOT IN ('M', 'F') OR birth_date IS NULL OR birth_date NOT GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'" 0
eq gender-birth-every-kind "SELECT count(DISTINCT id_type) FROM persons WHERE id_type IN ('passport', 'hkmo', 'tw') AND gender IS NOT NULL AND birth_date IS NOT NULL" 3
eq worker-age-all "SELECT count(*) FROM case_parties cp JOIN cases c ON c.id = cp.case_id WHERE cp.role = 'applicant' AND (cp.birth_date IS NULL OR date(cp.birth_date, '+18 years') > c.received OR date(cp.birth_date, '+60 years') < c.received)" 0
ge both-sexes-abroad "SELECT count(DISTINCT gender) FROM persons WHERE id_type = 'passport'" 2
# 户籍类型: urban or rural for mainland workers, none for the rest; many rural (农民工)
eq household-values "SELECT count(*) FROM persons WHERE household IS NOT NULL AND household NOT IN ('urban', 'rural')" 0
eq household-mainland-only "SELECT count(*) FROM persons WHERE (id_type = 'id') != (household IS NOT NULL)" 0
ge household-rural-pct "SELECT sum(household = 'rural') * 100 / count(*) FROM persons WHERE id_type = 'id'" 30
ge household-urban-pct "SELECT sum(household = 'urban') * 100 / count(*) FROM persons WHERE id_type = 'id'" 30
# 职业/岗位 for every worker; the employers' legal representatives' positions
eq occupation-every "SELECT count(*) FROM persons WHERE occupation = '' OR length(occupation) > 50" 0
ge occupations "SELECT count(DISTINCT occupation) FROM persons" 20
eq legal-rep-title-every "SELECT count(*) FROM employers WHERE legal_rep_title = '' OR length(legal_rep_title) > 30" 0
ge legal-rep-titles "SELECT count(DISTINCT legal_rep_title) FROM employers" 4
eq shop-owner-title "SELECT count(*) FROM employers WHERE uscc IS NULL AND legal_rep_title NOT IN ('经营者', '负责人')" 0

# each case's parties as they stood in its application: no snapshot left
# empty; a worker's latest case holds what the archive holds (the archive
# has the latest particulars), an employer's every case (the demo never
# changes an employer)
eq snapshot-complete "SELECT count(*) FROM case_parties WHERE name IS NULL OR (person_id IS NOT NULL AND (id_type IS NULL OR id_no IS NULL OR gender IS NULL OR birth_date IS NULL OR nationality IS NULL OR occupation IS NULL OR occupation = '' OR phone IS NULL OR address IS NULL)) OR (employer_id IS NOT NULL AND (legal_rep_title IS NULL OR legal_rep_title = ''))" 0
eq snapshot-person "SELECT count(*) FROM case_parties cp JOIN persons p ON p.id = cp.person_id WHERE cp.case_id = (SELECT max(x.case_id) FROM case_parties x WHERE x.person_id = cp.person_id) AND (cp.name IS NOT p.name OR cp.id_type IS NOT p.id_type OR cp.id_no IS NOT p.id_no OR cp.gender IS NOT p.gender OR cp.birth_date IS NOT p.birth_date OR cp.nationality IS NOT p.nationality OR cp.household IS NOT p.household OR cp.occupation IS NOT p.occupation OR cp.phone IS NOT p.phone OR cp.address IS NOT p.address)" 0
eq snapshot-employer "SELECT count(*) FROM case_parties cp JOIN employers e ON e.id = cp.employer_id WHERE cp.name IS NOT e.name OR cp.uscc IS NOT e.uscc OR cp.legal_rep IS NOT e.legal_rep OR cp.legal_rep_title IS NOT e.legal_rep_title OR cp.phone IS NOT e.phone OR cp.address IS NOT e.address" 0

# the evidence list: most cases have one, 1 to 6 items numbered 1..n in the
# order received, each submitted on or after the day received, not after
# today, while the case was open, mostly by the applicant
ge evidence-most-cases "SELECT count(DISTINCT case_id) * 100 / (SELECT count(*) FROM cases) FROM evidence" 70
eq evidence-per-case "SELECT count(*) FROM (SELECT count(*) n FROM evidence GROUP BY case_id) WHERE n NOT BETWEEN 1 AND 6" 0
eq evidence-numbered "SELECT count(*) FROM (SELECT min(ord) lo, max(ord) hi, count(*) n FROM evidence GROUP BY case_id) WHERE lo != 1 OR hi != n" 0
eq evidence-in-order "SELECT count(*) FROM (SELECT submitted, lag(submitted) OVER (PARTITION BY case_id ORDER BY ord) p FROM evidence) WHERE p > submitted" 0
eq evidence-dates "SELECT count(*) FROM evidence e JOIN cases c ON c.id = e.case_id WHERE e.submitted < c.received OR e.submitted > '$NOW_DAY' OR e.submitted > substr(coalesce(c.closed_at, '9999'), 1, 10)" 0
eq evidence-fields "SELECT count(*) FROM evidence WHERE name = '' OR source = '' OR purpose = '' OR pages < 1 OR removed_at IS NOT NULL" 0
eq evidence-original-copy "SELECT count(DISTINCT original) FROM evidence" 2
ge evidence-kinds "SELECT count(DISTINCT name) FROM evidence" 15
ge evidence-by-applicant-pct "SELECT sum(party = 'applicant') * 100 / count(*) FROM evidence" 70
ge evidence-by-respondent "SELECT count(*) FROM evidence WHERE party = 'respondent'" 1
# each item has the event case_apply writes for it, on the day submitted,
# before the case was closed
eq evidence-events "SELECT count(*) - (SELECT count(*) FROM evidence) FROM events WHERE entity = 'case' AND action = 'evidence'" 0
eq evidence-event-text "SELECT count(*) FROM evidence v WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.case_id = v.case_id AND e.entity = 'case' AND e.action = 'evidence' AND substr(e.at, 1, 10) = v.submitted AND e.after = '第' || v.ord || '项 ' || v.name || '（' || CASE v.original WHEN 1 THEN '原件' ELSE '复印件' END || '，' || v.pages || '页，' || CASE v.party WHEN 'applicant' THEN '申请人' ELSE '被申请人' END || '提交，' || v.submitted || '）；来源：' || v.source || '；证明目的：' || v.purpose)" 0
eq evidence-while-open "SELECT count(*) FROM events e JOIN cases c ON c.id = e.case_id WHERE e.action = 'evidence' AND c.closed_at IS NOT NULL AND e.at >= c.closed_at" 0

# who answers: the employer; in 劳务派遣 the dispatching company (用人单位)
# first and the workplace (用工单位) second; now and then a natural person
# (个人, with an identity card, in the worker archive) alone, or a gang
# master (个人) with the company that let him the work (发包方)
eq respondent-kinds "SELECT group_concat(kind) FROM (SELECT DISTINCT kind FROM case_parties WHERE role = 'respondent' ORDER BY kind)" \
	"contractor,employer,host,individual"
eq respondents-per-case "SELECT count(*) FROM cases c WHERE (SELECT count(*) FROM case_parties p WHERE p.case_id = c.id AND p.role = 'respondent') NOT BETWEEN 1 AND 2" 0
eq dispatch-pair "SELECT count(*) FROM case_parties h WHERE h.kind = 'host' AND (h.ord != 2 OR (SELECT kind FROM case_parties e WHERE e.case_id = h.case_id AND e.role = 'respondent' AND e.ord = 1) != 'employer')" 0
eq contractor-pair "SELECT count(*) FROM case_parties k WHERE k.kind = 'contractor' AND (k.ord != 2 OR (SELECT kind FROM case_parties i WHERE i.case_id = k.case_id AND i.role = 'respondent' AND i.ord = 1) != 'individual')" 0
ge second-respondent-pct1000 "SELECT count(*) * 1000 / (SELECT count(*) FROM cases) FROM case_parties WHERE role = 'respondent' AND ord = 2" 10
eq individual-is-person "SELECT count(*) FROM case_parties WHERE role = 'respondent' AND (kind = 'individual') != (person_id IS NOT NULL AND employer_id IS NULL AND id_type = 'id' AND id_no IS NOT NULL)" 0
eq individual-create-event "SELECT count(*) FROM case_parties p WHERE p.kind = 'individual' AND NOT EXISTS (SELECT 1 FROM events e WHERE e.entity = 'person' AND e.entity_id = p.person_id AND e.case_id = p.case_id AND e.action = 'create')" 0
# a claim is against respondents the case has, jointly only with two
eq claim-against "SELECT count(*) FROM claims k WHERE against IS NOT NULL AND (against NOT IN ('1', '2', '1,2') OR (against != '1' AND (SELECT count(*) FROM case_parties p WHERE p.case_id = k.case_id AND p.role = 'respondent') < 2))" 0
eq claim-joint "SELECT count(*) FROM claims WHERE joint = 1 AND against IS NOT '1,2'" 0
ge joint-claims "SELECT count(*) FROM claims WHERE joint = 1" 1
eq two-respondents-claims-named "SELECT count(*) FROM claims k WHERE against IS NULL AND (SELECT count(*) FROM case_parties p WHERE p.case_id = k.case_id AND p.role = 'respondent') = 2" 0

# agents (委托代理人) of every kind, for workers and for respondents; a
# special authority says what it covers, a general one nothing more
eq agent-kinds "SELECT group_concat(kind) FROM (SELECT DISTINCT kind FROM case_agents ORDER BY kind)" \
	"lawyer,legal-worker,other,relative,staff,union"
eq agent-sides "SELECT count(DISTINCT role) FROM case_agents" 2
eq agent-staff-respondent "SELECT count(*) FROM case_agents WHERE kind = 'staff' AND role != 'respondent'" 0
eq agent-scope "SELECT count(*) FROM case_agents WHERE (authority = 'special') != (scope != '')" 0
eq agent-authorities "SELECT count(DISTINCT authority) FROM case_agents" 2
eq agent-party "SELECT count(*) FROM case_agents a WHERE NOT EXISTS (SELECT 1 FROM case_parties p WHERE p.case_id = a.case_id AND p.role = a.role AND p.ord = a.party_ord)" 0
eq agent-org "SELECT count(*) FROM case_agents WHERE (kind = 'relative') != (org = '') OR phone = '' OR length(name) < 2" 0
ge applicant-agents-pct "SELECT count(DISTINCT case_id) * 100 / (SELECT count(*) FROM cases) FROM case_agents WHERE role = 'applicant'" 15
ge respondent-agents-pct "SELECT count(DISTINCT case_id) * 100 / (SELECT count(*) FROM cases) FROM case_agents WHERE role = 'respondent'" 35
nbad=0
for v in $(q "SELECT phone FROM case_agents ORDER BY random() LIMIT 20"); do
	"$TJ" validate phone "$v" >/dev/null 2>&1 || { nbad=$((nbad + 1)); echo "invalid agent phone $v" >&2; }
done
check agent-phones-valid test "$nbad" -eq 0

# collective disputes: 2 to 5 elected representatives (none elsewhere), and
# each worker's own amount of every money claim, adding up to the claim's
eq representatives "SELECT count(*) FROM cases c WHERE (SELECT sum(representative) FROM case_parties p WHERE p.case_id = c.id AND p.role = 'applicant') NOT BETWEEN CASE c.collective WHEN 1 THEN 2 ELSE 0 END AND CASE c.collective WHEN 1 THEN 5 ELSE 0 END" 0
eq shares-sum "SELECT count(*) FROM claims k WHERE EXISTS (SELECT 1 FROM claim_shares s WHERE s.claim_id = k.id) AND k.amount_fen != (SELECT sum(amount_fen) FROM claim_shares s WHERE s.claim_id = k.id)" 0
eq shares-every-worker "SELECT count(*) FROM claims k JOIN cases c ON c.id = k.case_id WHERE c.collective = 1 AND k.amount_fen > 0 AND (SELECT count(*) FROM claim_shares s WHERE s.claim_id = k.id) != (SELECT count(*) FROM case_parties p WHERE p.case_id = c.id AND p.role = 'applicant')" 0
eq shares-only-collective "SELECT count(*) FROM claim_shares s JOIN claims k ON k.id = s.claim_id JOIN cases c ON c.id = k.case_id WHERE c.collective = 0" 0
ge shares-differ "SELECT max(n) FROM (SELECT count(DISTINCT amount_fen) n FROM claim_shares GROUP BY claim_id)" 3

# service (送达): each agreement and termination notice issued has a row
# per party it goes to (a collective dispute's representatives for its
# workers), the kept-on-file kinds none; every method occurs, 邮寄 with a
# valid EMS number (UPU S10 check digit), 电子 only with the party's consent
# on file from before, 直接 and 留置 with who signed or witnessed; served on
# or after the day issued and recorded by now, each with its 登记送达 event;
# the recent ones partly not served yet, so the desk's 待送达文书 has cases
eq service-addressees "SELECT count(*) FROM documents d JOIN cases c ON c.id = d.case_id WHERE d.kind IN ('agreement', 'termination') AND (SELECT count(*) FROM services s WHERE s.document_id = d.id) != (SELECT count(*) FROM case_parties p WHERE p.case_id = c.id AND (p.role = 'respondent' OR c.collective = 0 OR p.representative = 1))" 0
eq service-parties "SELECT count(*) FROM services s WHERE NOT EXISTS (SELECT 1 FROM case_parties p WHERE p.case_id = s.case_id AND p.role = s.role AND p.ord = s.ord AND p.name = s.name)" 0
eq service-kinds "SELECT count(*) FROM services s JOIN documents d ON d.id = s.document_id WHERE d.kind NOT IN ('agreement', 'termination') OR d.case_id != s.case_id" 0
eq service-methods "SELECT group_concat(method) FROM (SELECT DISTINCT method FROM services WHERE method IS NOT NULL ORDER BY method)" \
	"direct,electronic,lodged,post,public"
ge service-served-pct "SELECT sum(served_on IS NOT NULL) * 100 / count(*) FROM services" 80
ge service-unserved "SELECT count(*) FROM services WHERE served_on IS NULL" 1
eq service-unserved-empty "SELECT count(*) FROM services WHERE served_on IS NULL AND (method IS NOT NULL OR tracking != '' OR signed_by != '' OR recorded_at IS NOT NULL OR user_id IS NOT NULL)" 0
eq service-post-tracking "SELECT count(*) FROM services WHERE (method = 'post') != (tracking != '')" 0
ems_ok() {
	python3 - demo.db <<'PY'
import re, sqlite3, sys
bad = 0
for (t,) in sqlite3.connect(sys.argv[1]).execute("SELECT tracking FROM services WHERE method = 'post'"):
    m = re.fullmatch(r"E[A-Z](\d{8})(\d)CN", t)
    if not m:
        bad += 1
        continue
    c = 11 - sum(int(d) * w for d, w in zip(m.group(1), (8, 6, 4, 2, 3, 5, 9, 7))) % 11
    bad += int(m.group(2)) != {10: 0, 11: 5}.get(c, c)
sys.exit(bad != 0)
PY
}
check service-ems-valid ems_ok
eq service-electronic-consent "SELECT count(*) FROM services s JOIN case_parties p ON p.case_id = s.case_id AND p.role = s.role AND p.ord = s.ord WHERE s.method = 'electronic' AND (p.e_consent IS NULL OR p.e_consent > s.served_on)" 0
ge service-consents "SELECT count(*) FROM case_parties WHERE e_consent IS NOT NULL" 20
eq service-signed "SELECT count(*) FROM services WHERE method IN ('direct', 'lodged') AND signed_by = ''" 0
ge service-witnesses "SELECT count(*) FROM services WHERE method = 'lodged' AND signed_by LIKE '%（居委会）'" 1
eq service-dates "SELECT count(*) FROM services s JOIN documents d ON d.id = s.document_id WHERE s.served_on IS NOT NULL AND (s.served_on < substr(d.issued_at, 1, 10) OR s.served_on > '$NOW_DAY' OR s.recorded_at < s.served_on OR s.recorded_at > '$TIAOJIE_NOW')" 0
eq service-events "SELECT count(*) FROM events WHERE action = 'serve'" "$(q "SELECT count(*) FROM services WHERE served_on IS NOT NULL")"
eq service-event-text "SELECT count(*) FROM services s WHERE s.method = 'post' AND NOT EXISTS (SELECT 1 FROM events e WHERE e.case_id = s.case_id AND e.action = 'serve' AND e.after LIKE '%' || s.name || '：邮寄送达，' || s.served_on || '，邮件号码 ' || s.tracking || '%')" 0
run "$TJ" list --db demo.db --queue unserved
expect_rc service-queue 0
check service-queue-listed test "$(printf '%s\n' "$OUT" | grep -c '沪劳人调')" -eq "$(q "SELECT count(DISTINCT case_id) FROM services WHERE served_on IS NULL")"
svc=$(q "SELECT c.case_no FROM cases c JOIN services s ON s.case_id = c.id WHERE s.method = 'post' ORDER BY c.id LIMIT 1")
run "$TJ" show --db demo.db "$svc"
expect_out service-show "邮寄送达 $(q "SELECT served_on || '  邮件号码 ' || tracking FROM services s JOIN cases c ON c.id = s.case_id WHERE c.case_no = '$svc' AND s.method = 'post' LIMIT 1")"

# a 仲裁申请书 for a worker with a passport, 港澳 or 台湾 pass (it needs the
# sex and birth date)
abroad=$(q "SELECT c.case_no FROM cases c JOIN case_parties cp ON cp.case_id = c.id AND cp.role = 'applicant' WHERE cp.id_type IN ('passport', 'hkmo', 'tw') AND c.status IN ('failed', 'referred', 'rejected', 'withdrawn') ORDER BY c.id LIMIT 1")
check abroad-case test -n "$abroad"
abroad_birth=$(q "SELECT CAST(substr(cp.birth_date, 1, 4) AS INTEGER) || '年' || CAST(substr(cp.birth_date, 6, 2) AS INTEGER) || '月' || CAST(substr(cp.birth_date, 9, 2) AS INTEGER) || '日' FROM case_parties cp JOIN cases c ON c.id = cp.case_id WHERE c.case_no = '$abroad' AND cp.id_type IN ('passport', 'hkmo', 'tw') LIMIT 1")
TIAOJIE_FORMS="$SRCDIR/forms" run "$TJ" doc "$abroad" arbitration --db demo.db
expect_rc abroad-arbitration 0
expect_out abroad-arbitration "出生日期：$abroad_birth"

# ---- the same seed gives the same file, another seed another
run "$TJ" demo --db a.db --cases 150 --seed 7
expect_rc seed-a 0
run "$TJ" demo --db b.db --cases 150 --seed 7
expect_rc seed-b 0
run "$TJ" demo --db c.db --cases 150 --seed 8
expect_rc seed-c 0
# the whole file but the password hashes (salted afresh each time)
# the accounts' password hashes are salted at random, and their events seal
# them (the state, and so every later link of the chain): both left out
dump() {
	cp "$1" dump.db && sqlite3 dump.db "UPDATE users SET pw_hash = ''; DROP TRIGGER events_no_update;
		UPDATE events SET hash = NULL, state = NULL" && sqlite3 dump.db .dump && rm dump.db
}
ha=$(dump a.db | md5sum)
hb=$(dump b.db | md5sum)
hc=$(dump c.db | md5sum)
check seed-cases test "$(sqlite3 a.db 'SELECT count(*) FROM cases')" = 150
check same-seed-same-data test "$ha" = "$hb"
check other-seed-other-data test "$ha" != "$hc"
check same-seed-same-names test "$(sqlite3 a.db 'SELECT group_concat(name) FROM persons')" = "$(sqlite3 b.db 'SELECT group_concat(name) FROM persons')"

# ---- an existing file is kept unless --force
before=$(md5sum <a.db)
run "$TJ" demo --db a.db --cases 20
expect_rc exists-refused 1
expect_err exists-refused "已存在"
check exists-untouched test "$(md5sum <a.db)" = "$before"
run "$TJ" demo --db a.db --cases 20 --force
expect_rc exists-force 0
check force-rewrote sh -c "[ \"\$(sqlite3 a.db 'SELECT count(*) FROM cases')\" = 20 ]"
TIAOJIE_DB=env.db run "$TJ" demo --cases 10
expect_rc env-db 0
check env-db-file test -s env.db

# ---- bad options
for bad in 0 -5 abc 5000001 12x ""; do
	run "$TJ" demo --db bad.db --cases "$bad"
	expect_rc "cases-$bad" 2
	expect_err "cases-$bad" "--cases"
done
check bad-cases-no-file test ! -e bad.db
run "$TJ" demo --db bad.db --seed -1
expect_rc bad-seed 2
run "$TJ" demo --db bad.db --frobnicate
expect_rc unknown-option 2
expect_err unknown-option "未知选项"
run "$TJ" demo --db bad.db extra
expect_rc extra-arg 2
run "$TJ" demo --db bad.db --cases
expect_rc missing-arg 2
expect_err missing-arg "缺少参数"
run "$TJ" demo --help
expect_rc help 0
expect_out help "--cases"

# ---- where the file cannot be made
run "$TJ" demo --db nodir/x.db --cases 10
expect_rc no-dir 1
expect_err no-dir "不存在"
: >plainfile
run "$TJ" demo --db plainfile/x.db --cases 10
expect_rc file-as-dir 1
expect_err file-as-dir "不是目录"
mkdir adir
run "$TJ" demo --db adir --cases 10
expect_rc db-is-dir 1
if [ "$(id -u)" -ne 0 ]; then
	mkdir ro
	chmod 555 ro
	run "$TJ" demo --db ro/x.db --cases 10
	expect_rc read-only-dir 1
	expect_err read-only-dir "写权限"
	check read-only-no-file test ! -e ro/x.db
fi

done_tests
