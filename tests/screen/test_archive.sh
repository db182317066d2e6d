# test_archive.sh - on the demo database: a known ID number and a known
# credit code fill the form from the archives (P档, C档); the respondent's
# open and recent cases raise the high-incidence warning; an application
# with the same claims against an employer with an open collective dispute
# raises the collective warning and can join that case; Esc on that
# question returns to the form without registering anything.
. "$(dirname "$0")/lib.sh"
DB="$T/demo.db"
"$TJ" demo --db "$DB" >/dev/null 2>"$T/demo.err" || fail "demo failed: $(cat "$T/demo.err")"
q() { sqlite3 "$DB" "$1"; }

# a worker with a resident ID card in the archive
row=$(q "SELECT id_no || '|' || name || '|' || phone FROM persons WHERE id_type = 'id' ORDER BY id LIMIT 1")
pid=${row%%|*}; rest=${row#*|}; pname=${rest%%|*}; pphone=${rest#*|}
# the employer with the most cases in the last 90 days
erow=$(q "SELECT e.uscc || '|' || e.name FROM case_parties p JOIN cases c ON c.id = p.case_id
	JOIN employers e ON e.id = p.employer_id WHERE p.role = 'respondent' AND e.uscc IS NOT NULL
	AND c.received >= date('$(echo "$TIAOJIE_NOW" | cut -c1-10)', '-90 days')
	GROUP BY e.id ORDER BY count(*) DESC LIMIT 1")
uscc=${erow%%|*}; ename=${erow#*|}
# an open collective case received within the window, its employer and causes
crow=$(q "SELECT c.id || '|' || c.case_no || '|' || e.uscc || '|' || (SELECT group_concat(cause) FROM
	(SELECT DISTINCT cause FROM claims WHERE case_id = c.id ORDER BY cause)) FROM cases c
	JOIN case_parties p ON p.case_id = c.id AND p.role = 'respondent' JOIN employers e ON e.id = p.employer_id
	WHERE c.collective = 1 AND e.uscc IS NOT NULL
	AND c.status IN ('registered','confirmed','accepted','assigned','mediating')
	AND c.received >= date('$(echo "$TIAOJIE_NOW" | cut -c1-10)', '-90 days')
	ORDER BY c.received DESC LIMIT 1")
[ -n "$pid" ] && [ -n "$uscc" ] && ok || fail "demo data lacks a person or employer"
[ -n "$crow" ] && ok || fail "demo data lacks an open recent collective case"

start "$TJ" --db "$DB"
login clerk demo1234
# drafts may be offered when the demo made some; go to the desk
wait_for "工作台" 3 || key Escape
expect_screen desk "工作台"
key 1
expect_screen intake "证件号码"

# known worker
key Tab
typ "$pid"
expect_screen person-filled "已从档案调入 $pname"
expect_screen person-phone "$pphone"

# known, high-incidence employer
key Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
typ "$uscc"
expect_screen employer-filled "$ename"
expect_screen employer-archive "正确；已从档案调入"
expect_screen high-incidence "未结案件"
expect_screen high-incidence-tag "高发单位"

# collective: the employer of the open collective case, the same claims
if [ -n "$crow" ]; then
	cid=${crow%%|*}; rest=${crow#*|}; cno=${rest%%|*}; rest=${rest#*|}; cuscc=${rest%%|*}; causes=${rest#*|}
	key Tab C-k
	key BTab C-k
	typ "$cuscc"
	expect_screen coll-employer "正确；已从档案调入"
	cname=$(q "SELECT name FROM employers WHERE uscc = '$cuscc'")
	expect_screen coll-employer-name "$cname"
	old_ifs=$IFS; IFS=,
	for c in $causes; do
		key C-n
		typ "$c"
		wait_for "$c " 3
		key Enter Tab
		typ 1000
		key C-s
		expect_screen "claim-$c" "1,000.00 元"
	done
	IFS=$old_ifs
	expect_screen collective-warning "集体争议：同单位同请求已有"
	expect_screen collective-join-offer "可加入 $cno"
	# fill what is still missing (facts) and save: offered to join
	before=$(q "SELECT count(*) FROM case_parties WHERE case_id = $cid AND role = 'applicant'")
	ncases=$(q "SELECT count(*) FROM cases")
	for i in $(seq 1 $(echo "$causes" | tr ',' '\n' | wc -l)); do key Up; done
	typ "全体员工被拖欠工资，与已登记的集体争议相同。"
	key C-s
	expect_screen join-question "将本申请人加入该案件吗"
	# Esc is not "no": back to the form, nothing registered or joined
	key Escape
	expect_screen join-cancelled "未登记，请继续填写"
	expect_screen join-cancelled-form "全体员工被拖欠工资"
	[ "$(q "SELECT count(*) FROM cases")" = "$ncases" ] && ok || fail "Esc on the collective question registered a case"
	[ "$(q "SELECT count(*) FROM case_parties WHERE case_id = $cid AND role = 'applicant'")" = "$before" ] && ok ||
		fail "Esc on the collective question joined the case"
	key C-s
	expect_screen join-question-again "将本申请人加入该案件吗"
	# what joining does with the claims: each to the case's claim of its
	# cause, the worker's 1,000.00 his own amount there
	expect_screen join-plan "元：计入该案请求"
	total0=$(q "SELECT sum(amount_fen) FROM claims WHERE case_id = $cid")
	key y
	expect_screen joined "已加入集体争议案件"
	after=$(q "SELECT count(*) FROM case_parties WHERE case_id = $cid AND role = 'applicant'")
	[ "$after" = $((before + 1)) ] && ok || fail "applicants $before -> $after"
	[ "$(q "SELECT count(*) FROM cases")" = "$ncases" ] && ok || fail "a new case was created instead of joining"
	[ "$(q "SELECT count(*) FROM events WHERE case_id = $cid AND action = 'join'")" -ge 1 ] && ok || fail "join event"
	nclaims=$(echo "$causes" | tr ',' '\n' | wc -l)
	[ "$(q "SELECT count(*) FROM claim_shares s JOIN claims k ON k.id = s.claim_id WHERE k.case_id = $cid
		AND s.applicant = $after AND s.amount_fen = 100000")" = "$nclaims" ] && ok ||
		fail "the joining worker's own amounts: $(q "SELECT k.ord, s.applicant, s.amount_fen FROM claim_shares s JOIN claims k ON k.id = s.claim_id WHERE k.case_id = $cid")"
	[ "$(q "SELECT sum(amount_fen) FROM claims WHERE case_id = $cid")" = $((total0 + nclaims * 100000)) ] && ok ||
		fail "claims' totals: $total0 -> $(q "SELECT sum(amount_fen) FROM claims WHERE case_id = $cid")"
	key Enter
fi
"$TJ" check --db "$DB" >/dev/null && ok || fail "check after joining"
done_tests
