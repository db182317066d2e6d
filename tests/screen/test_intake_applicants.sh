# test_intake_applicants.sh - an application of two applicants registered at
# the window (调解申请登记), at 80x24.  On the form's "+ 新增申请人" row the
# applicant dialog takes a second worker (a wrong ID number refused there
# with its reason), his agent is added on his own agents row; a third added
# is removed again with F8 before saving; the form is kept over SIGHUP and
# resumed with both; F2 with the second's number the same as the first's is
# refused with the message at his row, and once corrected the case is
# registered: the database has both applicants (case_parties and their
# copies of the names, the archive, his agent) and the case detail lists
# them.
. "$(dirname "$0")/lib.sh"
make_db
q() { sql "$1"; }
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
start "$TJ" --db t.db
login clerk demo1234
expect_screen desk "工作台"
key 1
expect_screen intake-open "调解申请登记"

# the first applicant in the form's own fields
key Tab
typ 11010519491231002X
expect_screen id-ok "正确（新当事人）"
key Tab
typ 张三丰
key Tab Tab
typ 13812345678
key Tab
typ 上海市徐汇区漕溪北路1号

# ---- the second: a wrong number refused in the dialog, then his own ----
find_row "+ 新增申请人"
key Enter
expect_screen add-dialog "新增申请人2"
typ 440301198001010019
key Tab
typ 李小龙
key Tab Tab Tab Tab
typ 13900000001
key Tab
typ 上海市静安区某路3号
key C-s
expect_screen dialog-refused "校验位错误"
expect_screen dialog-kept "新增申请人2"
[ "$(q 'SELECT count(*) FROM cases')" = 0 ] && ok || fail "saved from the dialog"
# the number the same as the first's: the dialog (he alone) takes it; the
# refusal put the cursor in the number
key End BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
typ 11010519491231002X
key C-s
expect_screen added "申请人2已新增"
expect_screen added-row "申请人2：李小龙（居民身份证 11010519491231002X）"
# his agent, on his own agents row
key Tab
selected_line | grep -qF "新增委托代理人" && ok || { fail "his agents row not next"; screen_text >&2; }
key Enter
expect_screen agent-dialog "新增申请人2的委托代理人"
typ 王律师
key C-s
expect_screen agent-added "委托代理人已新增"
expect_screen agent-row "委托代理人1：王律师（律师"

# ---- a third added and removed again before saving ----
find_row "+ 新增申请人"
key Enter
expect_screen add-dialog3 "新增申请人3"
typ 440301198001010018
key Tab
typ 赵六
key Tab Tab Tab Tab
typ 13900000003
key Tab
typ 上海市静安区某路5号
key C-s
expect_screen added3 "申请人3已新增"
expect_screen added3-row "申请人3：赵六"
key F8
expect_screen remove-asked "删除申请人3 赵六？"
key y
expect_screen removed "已删除申请人3"
expect_no_screen gone3 "申请人3：赵六"

# the respondent, the facts and a claim
find_row "+ 新增申请人"
key Tab Tab
typ 91350100M000100Y43
expect_screen uscc-ok "正确（新单位）"
key Tab
typ 上海某某科技有限公司
key Tab
typ 李四
key Tab
typ 执行董事
key Tab Tab Tab Tab Tab Tab Tab Tab Tab
typ "申请人二人于2024年3月入职被申请人处。2026年8月起被申请人拖欠工资。"
expect_screen facts-count "已输入"
key C-n
expect_screen picker "一级案由"
typ 0601
expect_screen picker-code "0601 拖欠工资"
key Enter
expect_screen claim-dialog "新增请求事项"
key Tab
typ 12,000
key C-s
expect_screen claim1 "12,000.00 元"

# ---- SIGHUP: the draft keeps both applicants and his agent ----
pid=$(pgrep -f -- "^$TJ --db t.db")
[ -n "$pid" ] && kill -HUP $pid
for i in $(seq 1 30); do pgrep -f -- "^$TJ --db t.db" >/dev/null || break; sleep 0.1; done
body=$(q "SELECT body FROM drafts WHERE kind = 'intake'")
for want in "others.n=1" "other[0].name=李小龙" "other[0].id_no=11010519491231002X" "applicant[1].agents[0].name=王律师"; do
	case "$body" in *"$want"*) ok ;; *) fail "the draft lacks $want: $body" ;; esac
done
case "$body" in *correct.case_id*) fail "a registration's draft names a case" ;; *) ok ;; esac
case "$body" in *赵六*) fail "the removed applicant is in the draft" ;; *) ok ;; esac
start "$TJ" --db t.db
login clerk demo1234
expect_screen drafts-offered "未完成的表单"
key Enter
expect_screen resumed "已恢复草稿"
find_row "申请人2：李小龙"
expect_screen resumed-agent "委托代理人1：王律师（律师"

# ---- F2: the second's number the same as the first's, at his row ----
key F2
expect_screen dup-refused "请更正「申请人2」：与第1名申请人证件号码重复"
selected_line | grep -qF "申请人2：李小龙" && ok || { fail "the refusal not at his row"; screen_text >&2; }
[ "$(q 'SELECT count(*) FROM cases')" = 0 ] && ok || fail "case saved despite a repeated ID number"
key F6
expect_screen edit-dialog "修改申请人2"
key BTab End BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
typ 440301198001010018
key C-s
expect_screen edited "申请人2已修改"
expect_screen edited-row "申请人2：李小龙（居民身份证 440301198001010018）"
key F2
expect_screen saved "申请已登记" 10
key Enter
expect_screen print-offer "现在打印调解申请书"
key n
expect_screen stays-on-case "案件详情" 20
expect_screen detail-count "申请人（2）"
expect_screen detail-second "2. 李小龙  男 1980-01-01"
expect_screen detail-agent "代理人 王律师（律师）"

# ---- the database ----
cid=$(q "SELECT id FROM cases")
[ "$(q "SELECT count(*) FROM cases")" = 1 ] && ok || fail "cases: $(q 'SELECT id, case_no FROM cases')"
[ "$(q "SELECT group_concat(ord || '|' || name || '|' || id_no || '|' || phone, ',') FROM (SELECT * FROM case_parties
	WHERE case_id = $cid AND role = 'applicant' ORDER BY ord)")" = \
	"1|张三丰|11010519491231002X|13812345678,2|李小龙|440301198001010018|13900000001" ] && ok ||
	fail "applicants: $(q "SELECT * FROM case_parties WHERE case_id = $cid AND role = 'applicant'")"
# each applicant's party row is his archive's person
[ "$(q "SELECT count(*) FROM case_parties c JOIN persons p ON p.id = c.person_id AND p.name = c.name
	WHERE c.case_id = $cid AND c.role = 'applicant'")" = 2 ] && ok || fail "archive: $(q 'SELECT * FROM persons')"
[ "$(q "SELECT party_ord || '|' || name || '|' || kind FROM case_agents WHERE case_id = $cid AND role = 'applicant'")" = "2|王律师|lawyer" ] &&
	ok || fail "his agent: $(q "SELECT * FROM case_agents WHERE case_id = $cid")"
[ "$(q "SELECT count(*) FROM persons WHERE name = '赵六'")" = 0 ] && ok || fail "the removed applicant was archived"
[ "$(q "SELECT collective FROM cases")" = 0 ] && ok || fail "two workers made a collective case"
[ "$(q 'SELECT count(*) FROM drafts')" = 0 ] && ok || fail "draft left behind after saving"
"$TJ" check --db t.db >/dev/null 2>&1 && ok || fail "check: $("$TJ" check --db t.db 2>&1)"
key Escape
done_tests
