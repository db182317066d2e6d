# test_correct_applicants.sh - applicants added and removed in a correction
# (修改申请), at 80x24.  A registered case of one applicant: on the form's
# "+ 新增申请人" row the applicant dialog takes a second one (张三, his sex
# and birth date read from the number), his agent is added on his own
# agents row, the form is kept over SIGHUP and resumed, and F2 saves; the
# case detail lists him with his particulars and agent, the timeline says
# "修改申请：增加申请人 张三", and the database has the case's own copy of
# him and his agent.  Then F8 on his row removes
# him again (asked first): the timeline says "修改申请：删除申请人 张三" and
# the case has one applicant and no agent of his.  Last, a collective case:
# a worker who is no representative removed from the middle; the ones after
# him move up one with their own amounts, the claim's total is less his
# amount, and `tiaojie check` is content; then the first applicant removed
# with F8 in his own fields: the second takes the form's fields and number
# with his agents and amounts.
. "$(dirname "$0")/lib.sh"
DB="$T/demo.db"
"$TJ" demo --db "$DB" --cases 300 --seed 1 >/dev/null 2>"$T/demo.err" || fail "demo failed: $(cat "$T/demo.err")"
q() { sqlite3 "$DB" "$1"; }
# find_row TEXT: Tab through the form until the highlighted line has TEXT
find_row() {
	local i
	for i in $(seq 1 "${2:-60}"); do
		selected_line | grep -qF -- "$1" && return 0
		key Tab
	done
	fail "no row with '$1' reached"
	screen_text >&2
	return 1
}
# timeline TEXT: page down the case detail until TEXT shows
timeline() {
	local i
	for i in $(seq 1 12); do
		screen_text | grep -qF -- "$1" && break
		key NPage
	done
	expect_screen "timeline: $1" "$1"
}
open_correction() { # CASE_NO
	key 3
	expect_screen "search $1" "查找："
	typ "$1"
	expect_screen "found $1" "$1"
	key Enter
	expect_screen "detail $1" "$1"
	key F3
	expect_screen "menu $1" "修改申请"
	pick_menu 修改申请
	expect_screen "form $1" "修改申请 $1"
}

row=$(q "SELECT c.id || '|' || c.case_no FROM cases c WHERE c.status = 'registered' AND c.collective = 0
	AND c.external_id IS NULL AND (SELECT count(*) FROM case_parties p WHERE p.case_id = c.id AND p.role = 'applicant') = 1
	AND NOT EXISTS (SELECT 1 FROM persons x WHERE x.id_no = '440301198001010018') ORDER BY c.id LIMIT 1")
[ -n "$row" ] && ok || fail "no registered case of one applicant in the demo"
cid=${row%%|*}; cno=${row#*|}
first=$(q "SELECT name FROM case_parties WHERE case_id = $cid AND role = 'applicant'")

start "$TJ" --db "$DB"
login clerk demo1234
skip_drafts
expect_screen desk "案件队列"
open_correction "$cno"

# ---- one added --------------------------------------------------------------
find_row "+ 新增申请人"
key Enter
expect_screen add-dialog "新增申请人2"
typ 440301198001010018
key Tab
typ 张三
key Tab Tab Tab Tab
typ 13900000001
key Tab
typ 上海市静安区某路3号
key C-s
expect_screen added "申请人2已新增"
expect_screen added-row "申请人2：张三（居民身份证 440301198001010018） 新增"
[ "$(q "SELECT count(*) FROM case_parties WHERE case_id = $cid AND role = 'applicant'")" = 1 ] && ok || fail "saved before F2"
# his agent, on his own agents row
key Tab
selected_line | grep -qF "新增委托代理人" && ok || { fail "his agents row not next"; screen_text >&2; }
key Enter
expect_screen agent-dialog "新增申请人2的委托代理人"
typ 李律师
key C-s
expect_screen agent-added "委托代理人已新增"
expect_screen agent-row "委托代理人1：李律师（律师"
# SIGHUP before saving: the correction's draft keeps him, new, with his
# agent, and the next login has the form as it was
pid=$(pgrep -f -- "^$TJ --db $DB")
[ -n "$pid" ] && kill -HUP $pid
for i in $(seq 1 30); do pgrep -f -- "^$TJ --db $DB" >/dev/null || break; sleep 0.1; done
body=$(q "SELECT body FROM drafts WHERE kind = 'intake'")
for want in "correct.case_id=$cid" "others.n=1" "other[0].ord=-1" "other[0].name=张三" "applicant[1].agents[0].name=李律师"; do
	case "$body" in *"$want"*) ok ;; *) fail "the draft lacks $want: $body" ;; esac
done
start "$TJ" --db "$DB"
login clerk demo1234
expect_screen drafts-offered "未完成的表单"
key Enter
expect_screen resumed "已恢复草稿"
expect_screen resumed-row "申请人2：张三（居民身份证 440301198001010018） 新增"
expect_screen resumed-agent "委托代理人1：李律师（律师"
key F2
expect_screen saved "已修改申请（2 处）"
expect_screen detail-listed "2. 张三  男 1980-01-01"
expect_screen detail-agent "代理人 李律师（律师）"
expect_screen detail-count "申请人（2）"
timeline "修改申请：增加申请人 张三"
[ "$(q "SELECT name || '|' || id_no || '|' || gender || '|' || birth_date || '|' || phone || '|' || address
	FROM case_parties WHERE case_id = $cid AND role = 'applicant' AND ord = 2")" = \
	"张三|440301198001010018|M|1980-01-01|13900000001|上海市静安区某路3号" ] && ok ||
	fail "his copy: $(q "SELECT * FROM case_parties WHERE case_id = $cid AND role = 'applicant'")"
[ "$(q "SELECT name FROM persons WHERE id_no = '440301198001010018'")" = 张三 ] && ok || fail "not in the archive"
[ "$(q "SELECT party_ord || '|' || name || '|' || kind FROM case_agents WHERE case_id = $cid AND role = 'applicant'")" = "2|李律师|lawyer" ] &&
	ok || fail "his agent: $(q "SELECT * FROM case_agents WHERE case_id = $cid")"
[ "$(q "SELECT count(*) FROM events WHERE case_id = $cid AND action = 'edit' AND before = '' AND after = '申请人2：张三'")" = 1 ] &&
	ok || fail "event: $(q "SELECT before, after FROM events WHERE case_id = $cid AND action = 'edit'")"

# ---- removed again ------------------------------------------------------------
key F3
expect_screen menu-again "修改申请"
pick_menu 修改申请
expect_screen form-again "修改申请 $cno"
find_row "申请人2：张三"
key F8
expect_screen remove-asked "删除申请人2 张三？"
key y
expect_screen removed "已删除申请人2"
screen_text | grep -qF "申请人2：张三" && fail "his row still shown" || ok
key F2
expect_screen saved-removed "已修改申请（2 处）"
timeline "修改申请：删除申请人 张三"
key Home
expect_screen detail-one "申请人（1）"
expect_no_screen detail-gone "2. 张三"
[ "$(q "SELECT group_concat(ord || name) FROM case_parties WHERE case_id = $cid AND role = 'applicant'")" = "1$first" ] &&
	ok || fail "applicants: $(q "SELECT ord, name FROM case_parties WHERE case_id = $cid AND role = 'applicant'")"
[ "$(q "SELECT count(*) FROM case_agents WHERE case_id = $cid AND role = 'applicant'")" = 0 ] && ok || fail "his agent stayed"
"$TJ" check --db "$DB" >/dev/null 2>&1 && ok || fail "check: $("$TJ" check --db "$DB" 2>&1)"
key F10
key F10

# ---- a worker of a collective case -----------------------------------------------
row=$(q "SELECT c.id || '|' || c.case_no || '|' || p.ord || '|' || p.name FROM cases c JOIN case_parties p ON p.case_id = c.id
	AND p.role = 'applicant' AND p.ord >= 2 AND p.representative = 0
	WHERE c.collective = 1 AND c.status IN ('registered', 'accepted') AND c.mediator_id IS NULL
	AND p.ord < (SELECT count(*) FROM case_parties x WHERE x.case_id = c.id AND x.role = 'applicant')
	AND EXISTS (SELECT 1 FROM claim_shares s JOIN claims k ON k.id = s.claim_id WHERE k.case_id = c.id AND k.ord = 1
		AND s.applicant = p.ord)
	ORDER BY c.id, p.ord LIMIT 1")
[ -n "$row" ] && ok || fail "no open collective case with a worker's own amounts in the demo"
cid=${row%%|*}; rest=${row#*|}; cno=${rest%%|*}; rest=${rest#*|}; k=${rest%%|*}; gone=${rest#*|}
next=$(q "SELECT name FROM case_parties WHERE case_id = $cid AND role = 'applicant' AND ord = $((k + 1))")
napp=$(q "SELECT count(*) FROM case_parties WHERE case_id = $cid AND role = 'applicant'")
total=$(q "SELECT amount_fen FROM claims WHERE case_id = $cid AND ord = 1")
share=$(q "SELECT s.amount_fen FROM claim_shares s JOIN claims k ON k.id = s.claim_id WHERE k.case_id = $cid AND k.ord = 1 AND s.applicant = $k")
nextshare=$(q "SELECT coalesce((SELECT s.amount_fen FROM claim_shares s JOIN claims k ON k.id = s.claim_id
	WHERE k.case_id = $cid AND k.ord = 1 AND s.applicant = $((k + 1))), 'none')")

start "$TJ" --db "$DB"
login clerk demo1234
skip_drafts
expect_screen desk3 "案件队列"
open_correction "$cno"
find_row "申请人$k：$gone" 120
key F8
expect_screen remove-asked3 "删除申请人$k $gone？"
key y
expect_screen removed3 "已删除申请人$k"
key F2
expect_screen saved3 "已修改申请"
timeline "修改申请：删除申请人 $gone"
[ "$(q "SELECT count(*) FROM case_parties WHERE case_id = $cid AND role = 'applicant'")" = $((napp - 1)) ] && ok || fail "applicants not one fewer"
[ "$(q "SELECT name FROM case_parties WHERE case_id = $cid AND role = 'applicant' AND ord = $k")" = "$next" ] && ok ||
	fail "applicant $((k + 1)) ($next) did not move up"
[ "$(q "SELECT count(*) FROM case_parties WHERE case_id = $cid AND name = '$gone'")" = 0 ] && ok || fail "$gone still there"
[ "$(q "SELECT amount_fen FROM claims WHERE case_id = $cid AND ord = 1")" = $((total - share)) ] && ok ||
	fail "claim 1: $(q "SELECT amount_fen FROM claims WHERE case_id = $cid AND ord = 1"), was $total, his $share"
[ "$(q "SELECT coalesce((SELECT s.amount_fen FROM claim_shares s JOIN claims k ON k.id = s.claim_id
	WHERE k.case_id = $cid AND k.ord = 1 AND s.applicant = $k), 'none')")" = "$nextshare" ] && ok ||
	fail "$next's own amount did not move with him"
"$TJ" check --db "$DB" >/dev/null 2>&1 && ok || fail "check: $("$TJ" check --db "$DB" 2>&1)"

# the first applicant removed (F8 in his fields): the second takes the
# form's fields, and his number, with his agents and his own amounts
name1=$(q "SELECT name FROM case_parties WHERE case_id = $cid AND role = 'applicant' AND ord = 1")
name2=$(q "SELECT name FROM case_parties WHERE case_id = $cid AND role = 'applicant' AND ord = 2")
phone2=$(q "SELECT phone FROM case_parties WHERE case_id = $cid AND role = 'applicant' AND ord = 2")
agents2=$(q "SELECT count(*) FROM case_agents WHERE case_id = $cid AND role = 'applicant' AND party_ord = 2")
share2=$(q "SELECT coalesce((SELECT s.amount_fen FROM claim_shares s JOIN claims k ON k.id = s.claim_id
	WHERE k.case_id = $cid AND k.ord = 1 AND s.applicant = 2), 'none')")
key F3
expect_screen menu4 "修改申请"
pick_menu 修改申请
expect_screen form4 "修改申请 $cno"
find_row "姓名"
key F8
expect_screen remove-first-asked "删除申请人1 $name1？"
expect_screen remove-first-who "申请人2 $name2 成为申请人1"
key y
expect_screen removed-first "已删除申请人1"
expect_screen first-now "姓名        $name2"
expect_screen first-phone "$phone2"
key F2
expect_screen saved4 "已修改申请"
timeline "修改申请：删除申请人 $name1"
[ "$(q "SELECT name || '|' || phone FROM case_parties WHERE case_id = $cid AND role = 'applicant' AND ord = 1")" = "$name2|$phone2" ] &&
	ok || fail "applicant 1: $(q "SELECT ord, name, phone FROM case_parties WHERE case_id = $cid AND role = 'applicant' AND ord <= 2")"
[ "$(q "SELECT count(*) FROM case_parties WHERE case_id = $cid AND role = 'applicant'")" = $((napp - 2)) ] && ok || fail "applicants not two fewer"
[ "$(q "SELECT count(*) FROM case_agents WHERE case_id = $cid AND role = 'applicant' AND party_ord = 1")" = "$agents2" ] &&
	ok || fail "$name2's agents did not come with him"
[ "$(q "SELECT coalesce((SELECT s.amount_fen FROM claim_shares s JOIN claims k ON k.id = s.claim_id
	WHERE k.case_id = $cid AND k.ord = 1 AND s.applicant = 1), 'none')")" = "$share2" ] && ok ||
	fail "$name2's own amount did not move with him"
# no event of a changed particular: the first is removed, not rewritten
[ "$(q "SELECT count(*) FROM events WHERE case_id = $cid AND action = 'edit' AND before LIKE '申请人1 %'")" = 0 ] && ok ||
	fail "applicant 1 logged as rewritten: $(q "SELECT before, after FROM events WHERE case_id = $cid AND before LIKE '申请人1 %'")"
"$TJ" check --db "$DB" >/dev/null 2>&1 && ok || fail "check: $("$TJ" check --db "$DB" 2>&1)"
key F10
key F10
done_tests
