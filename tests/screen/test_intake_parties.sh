# test_intake_parties.sh - at 80x24, the intake form's parties: a 劳务派遣
# case with a second respondent of kind 用工单位 (F5 or Enter on the
# respondents' add row), a claim against both jointly (the claim dialog's 被申请人 and 连带
# choices), saved and shown in the case detail with "（连带）"; the
# applicant's lawyer with a special authority, refused without its scope
# (at the field, what was typed kept) and accepted with it; an individual
# respondent (个人) with an identity document instead of a credit code; a
# respondent deleted with F8 after a question; a draft kept over SIGHUP
# with two respondents and an agent, which comes back whole.
. "$(dirname "$0")/lib.sh"
make_db

# focus_field LABEL [NTH]: Tab (or Shift-Tab) until the focused line is
# the NTH (default 1) screen line starting with LABEL
focus_field() {
	local i row frow
	for i in $(seq 1 60); do
		row=$(screen_text | grep -nE "^ +$1( |\$|：|（)" | sed -n "${2:-1}p" | cut -d: -f1)
		frow=$(tm capture-pane -p -e -t t | grep -nF $'\033[46m' | sed -n 1p | cut -d: -f1)
		[ -n "$row" ] && [ "$frow" = "$row" ] && return 0
		if [ -n "$row" ] && [ -n "$frow" ] && [ "$row" -lt "$frow" ]; then key BTab; else key Tab; fi
	done
	fail "could not focus $1"
	screen_text >&2
	return 1
}
hup() {
	local pid gone=0 i
	pid=$(pgrep -f -- "^$TJ --db t.db")
	[ -n "$pid" ] && kill -HUP $pid
	for i in $(seq 1 30); do
		if ! pgrep -f -- "^$TJ --db t.db" >/dev/null; then gone=1; break; fi
		sleep 0.1
	done
	[ $gone = 1 ] && ok || fail "still running 3 s after SIGHUP"
}

start "$TJ" --db t.db
login clerk demo1234
expect_screen desk "工作台"
key 1
expect_screen intake "证件号码"
key Tab
typ 11010519491231002X
key Tab
typ 张三丰
key Tab Tab
typ 13812345678

# the applicant's lawyer: a special authority needs its scope
focus_field "\\+ 新增委托代理人"
key Enter
expect_screen agent-dialog "新增申请人的委托代理人"
typ 王律师
key Tab
expect_screen agent-kind "< 律师 >"
key Tab
typ 上海某某律师事务所
key Tab
typ 13900001111
key Tab Right
expect_screen special "< 特别授权 >"
expect_screen scope-shown "特别授权的事项"
key C-s
expect_screen scope-refused "特别授权须写明授权范围"
expect_screen agent-kept "上海某某律师事务所"
key Tab
typ 代为承认、放弃、变更诉讼请求，进行和解
key C-s
expect_screen agent-row "委托代理人1：王律师（律师，上海某某律师事务所）特别授权：代为承认"

# the first respondent: the employer (劳务派遣单位)
focus_field 信用代码
typ 91350100M000100Y43
key Tab
typ 上海某某劳务派遣有限公司
# a second respondent: F5 on the respondents' add row
focus_field "\\+ 新增被申请人"
key F5
expect_screen resp2 "被申请人2（用人单位）"
key Right
expect_screen resp2-host "被申请人2（用工单位）"
key Tab Tab
typ 上海某某物流有限公司
# no credit code typed, so the name is the key

# facts and a claim against both, jointly
focus_field 事实与理由
typ "申请人由派遣单位派至用工单位工作，被拖欠工资。"
key C-n
typ 0601
wait_for "0601 " 3
key Enter Tab
typ 12000
key Tab
expect_screen against-all "< 全部被申请人 >"
key Tab Right
expect_screen joint "< 是（连带责任） >"
key C-s
expect_screen claim-row "（连带）请求被申请人支付拖欠工资"

# a third respondent, an individual with an ID, then deleted with F8
focus_field "\\+ 新增被申请人"
key Enter
expect_screen resp3 "被申请人3（用人单位）"
key Right Right
expect_screen resp3-individual "被申请人3（个人）"
expect_screen resp3-id "证件类型"
key Tab Tab
typ 11010519491231002X
key Tab
typ 赵个人
expect_no_screen resp3-no-uscc-for-person "法定代表人  "
key F8
expect_screen delete-question "删除被申请人3 赵个人？"
key y
expect_screen deleted "已删除被申请人3"
expect_no_screen resp3-gone "被申请人3（"

# SIGHUP: the draft keeps two respondents, the agent, the joint claim
hup
body=$(sql "SELECT body FROM drafts WHERE kind = 'intake'")
for want in "respondents.n=2" "respondent[1].kind=1" "respondent[1].name=上海某某物流有限公司" \
	"applicant[0].agents.n=1" "applicant[0].agents[0].name=王律师" "applicant[0].agents[0].authority=special" \
	"claims[0].joint=1"; do
	case "$body" in *"$want"*) ok ;; *) fail "the draft lacks $want: $body" ;; esac
done
start "$TJ" --db t.db
login clerk demo1234
expect_screen drafts-offered "未完成的表单"
key Enter
expect_screen resumed "已恢复草稿"
expect_screen resumed-agent "委托代理人1：王律师"
key C-s
expect_screen saved "申请已登记"
key Enter
expect_screen print-question "现在打印"
key n
expect_screen detail "被申请人"
expect_screen detail-joint "（连带）"
cno=$(sql "SELECT case_no FROM cases ORDER BY id DESC LIMIT 1")
[ "$(sql "SELECT count(*) FROM case_parties p JOIN cases c ON c.id = p.case_id WHERE c.case_no = '$cno' AND p.role = 'respondent'")" = 2 ] && ok || fail "two respondents not saved"
[ "$(sql "SELECT kind FROM case_parties p JOIN cases c ON c.id = p.case_id WHERE c.case_no = '$cno' AND p.role = 'respondent' AND p.ord = 2")" = host ] && ok || fail "the second respondent is not 用工单位"
[ "$(sql "SELECT joint FROM claims l JOIN cases c ON c.id = l.case_id WHERE c.case_no = '$cno'")" = 1 ] && ok || fail "the claim is not joint"
[ "$(sql "SELECT name || '|' || authority FROM case_agents a JOIN cases c ON c.id = a.case_id WHERE c.case_no = '$cno'")" = "王律师|special" ] && ok || fail "the agent is not saved"

# an individual respondent with an ID: a case of its own
key Escape
skip_drafts
key 1
expect_screen intake2 "证件号码"
key Tab
typ 11010519491231002X
expect_screen from-archive "已从档案调入 张三丰"
focus_field 类别
key Right Right
expect_screen individual "被申请人（个人）"
expect_no_screen no-uscc "信用代码"
key Tab Tab
typ 110105198001011230
expect_screen id-bad "校验位错误"
key BSpace
typ 8
expect_screen id-ok "正确"
key Tab
typ 赵个人
focus_field 事实与理由
typ "申请人为个人雇主工作，被拖欠工资。"
key C-n
typ 0601
wait_for "0601 " 3
key Enter Tab
typ 3000
key C-s
key C-s
expect_screen saved2 "申请已登记"
key Enter
expect_screen print-question2 "现在打印"
key n
expect_screen detail2 "赵个人"
cno=$(sql "SELECT case_no FROM cases ORDER BY id DESC LIMIT 1")
[ "$(sql "SELECT kind || '|' || p.id_type FROM case_parties p JOIN cases c ON c.id = p.case_id WHERE c.case_no = '$cno' AND p.role = 'respondent'")" = "individual|id" ] && ok || fail "the individual respondent is not saved with its document"
done_tests
