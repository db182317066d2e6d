# test_intake_evidence.sh - at 80x24: a passport holder's application, whose
# sex and birth date are typed (required, each refusal at its field), with
# 户籍类型 and 职业, and an evidence list taken at intake (证据 after 请求事项:
# added with Enter and F5, a bad page count refused at its field with what
# was typed kept, edited with F6); SIGHUP with an item half typed keeps all
# of it in the draft, which comes back whole; F2 saves the evidence with
# the application.
. "$(dirname "$0")/lib.sh"
make_db
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
expect_screen id-derived "由证件号码得出"
# a passport: sex and birth date are typed
key Right Right Right Right Right
expect_screen passport "< 护照 >"
key Tab
typ E12345678
key Tab
typ "John Smith"
key Tab
expect_screen sex-editable "< 未选 >"
key Tab Tab C-k
typ 美国
key Tab
typ "+1 415 555 0123"
expect_screen intl-phone "正确"
key Tab Tab Right
expect_screen household "< 城镇 >"
# Space is the next choice here, not a page down to another field
key Space
expect_screen household-space "< 农村 >"
key Space Space
expect_screen household-space-round "< 城镇 >"
key Tab
typ 软件工程师
key Tab Tab Tab Tab Tab
typ 上海某某科技有限公司
key Tab
typ 王五
key Tab
typ 执行董事
key Tab Tab Tab Tab Tab Tab Tab Tab Tab
typ "申请人被拖欠工资。"
key C-n
typ 0601
wait_for "0601 " 3
key Enter Tab
typ 1000
key C-s
expect_screen claim "1,000.00 元"

# the evidence: Enter on its add row, a bad page count first
key Down Down
expect_screen evidence-add "+ 新增证据"
key Enter
expect_screen evidence-dialog "新增证据"
typ 劳动合同
key Tab
typ 申请人持有
key Tab
typ 证明劳动关系
key Tab C-k
typ 三页
key C-s
expect_screen pages-refused "页数应为1至9999的整数"
expect_screen name-kept "劳动合同"
key C-k
typ 3
key Tab Right
key C-s
expect_screen evidence-1 "1. 劳动合同（原件 3页）  申请人提交  证明目的：证明劳动关系"
# F5 on the evidence adds another item (not a claim)
key F5
expect_screen evidence-dialog-2 "新增证据"
typ 工资条
key Tab Tab Tab Tab Tab Right
expect_screen party "< 被申请人 >"
key Enter
expect_screen evidence-2 "2. 工资条（复印件 1页）  被申请人提交"
# F6 edits the item focused
key F6
expect_screen evidence-edit "修改证据"
key Tab
typ 单位发放
key C-s
expect_screen evidence-edited "证据已修改"
[ "$(sql 'SELECT count(*) FROM evidence')" = 0 ] && ok || fail "evidence stored before the application"

# F2 without sex and birth date: refused at the fields, nothing lost
key C-s
expect_screen sex-refused "请选择性别（护照不含性别）"
expect_screen sex-named "请更正「性别」"
key Right
expect_screen sex-chosen "< 男 >"
key Tab
typ 1990-02-30
expect_screen birth-refused "日期不存在：1990-02-30"
key BSpace BSpace
typ 28
expect_no_screen birth-fixed "日期不存在"

# SIGHUP with an item half typed: the draft keeps everything
for i in $(seq 1 40); do selected_line | grep -qF "2. 工资条" && break; key Tab; done
expect_screen on-evidence "2. 工资条"
key F5
expect_screen evidence-dialog-3 "新增证据"
typ 考勤记录
hup
body=$(sql "SELECT body FROM drafts WHERE kind = 'intake'")
for want in "applicant[0].gender=1" "applicant[0].birth_date=1990-02-28" "applicant[0].household=1" \
	"applicant[0].occupation=软件工程师" "respondent[0].legal_rep_title=执行董事" "evidence.n=2" \
	"evidence[0].name=劳动合同" "evidence[1].source=单位发放" "evidence[1].party=respondent" \
	"dialog.evidence.evidence.name=考勤记录"; do
	case "$body" in *"$want"*) ok ;; *) fail "the draft lacks $want: $body" ;; esac
done
start "$TJ" --db t.db
login clerk demo1234
expect_screen drafts-offered "未完成的表单"
key Enter
expect_screen evidence-resumed "新增证据"
expect_screen evidence-resumed-name "考勤记录"
key C-s
expect_screen evidence-3 "3. 考勤记录（复印件 1页）  申请人提交"
key PageUp PageUp PageUp PageUp PageUp PageUp PageUp
expect_screen sex-resumed "< 男 >"
expect_screen birth-resumed "1990-02-28"
expect_screen title-resumed "执行董事"

# saved with the application: its rows and events
key C-s
expect_screen saved "申请已登记"
key Enter
expect_screen print-offer "现在打印调解申请书"
key n
expect_screen on-case "案件详情"
[ "$(sql "SELECT group_concat(ord || ':' || name || ':' || pages || ':' || original || ':' || party, ',') FROM (SELECT * FROM evidence ORDER BY ord)")" = \
	"1:劳动合同:3:1:applicant,2:工资条:1:0:respondent,3:考勤记录:1:0:applicant" ] && ok ||
	fail "evidence: $(sql 'SELECT * FROM evidence')"
[ "$(sql "SELECT count(*) FROM events WHERE action = 'evidence'")" = 3 ] && ok || fail "evidence events"
[ "$(sql "SELECT gender || '|' || birth_date || '|' || nationality || '|' || household || '|' || occupation FROM persons")" = \
	"M|1990-02-28|美国|urban|软件工程师" ] && ok || fail "person: $(sql 'SELECT * FROM persons')"
[ "$(sql 'SELECT count(*) FROM drafts')" = 0 ] && ok || fail "draft left behind"
key NPage
expect_screen detail-evidence "证据（3）"
"$TJ" check --db t.db >/dev/null && ok || fail "check after intake with evidence"
done_tests
