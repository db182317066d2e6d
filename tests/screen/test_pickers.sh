# test_pickers.sh - F4 opens the list that belongs to the focused field of
# the intake form, never the cause picker elsewhere (it used to open the
# cause picker on every field): on 所在区 the court's districts ([court]
# districts, Shanghai's sixteen by default, or the configured ones), which
# fill the field; on 单位名称 the employer search by a part of the name,
# which fills the respondent from the archive as a credit code does; on a
# field without a list a short message; on a claim the cause picker still.
# The consultation and roster forms follow the same rule.
. "$(dirname "$0")/lib.sh"
DB="$T/demo.db"
"$TJ" demo --db "$DB" >/dev/null 2>"$T/demo.err" || fail "demo failed: $(cat "$T/demo.err")"
q() { sqlite3 "$DB" "$1"; }

# focus_field LABEL: Tab (or Shift-Tab, when it is above) until the
# focused field, its label highlighted, is LABEL
focus_field() {
	local i row frow
	for i in $(seq 1 40); do
		row=$(screen_text | grep -nE "^ +$1( |\$)" | head -1 | cut -d: -f1)
		frow=$(tm capture-pane -p -e -t t | grep -nF $'\033[46m' | sed -n 1p | cut -d: -f1)
		[ -n "$row" ] && [ "$frow" = "$row" ] && return 0
		if [ -n "$row" ] && [ -n "$frow" ] && [ "$row" -lt "$frow" ]; then key BTab; else key Tab; fi
	done
	fail "could not focus $1"
	screen_text >&2
	return 1
}
# field_is LABEL VALUE: the form row of LABEL shows VALUE (at its start)
field_is() {
	if screen_text | grep -qE "^ +$1 +$(printf '%s' "$2" | sed 's/[][().*^$]/\\&/g')"; then ok; else
		fail "$1 is not '$2'"
		screen_text >&2
	fi
}
# leave_form: F10 on the intake form, dropping what was typed
leave_form() {
	key F10
	wait_for "尚未保存" 0.3 && key d # (a form without changes asks nothing)
}
no_cause_picker() {
	sleep 0.3
	if screen_text | grep -qE "一级案由|tiaojie  选择案由"; then fail "$1: F4 opened the cause picker"; screen_text >&2; key Escape; else ok; fi
}

# an employer of the archive with a credit code, found by two characters
# of its name that no other employer has
emp=""
for name in $(q "SELECT name FROM employers WHERE uscc IS NOT NULL AND name LIKE '上海%' ORDER BY id LIMIT 40"); do
	part=$(printf '%s' "$name" | cut -c7-12) # two characters after 上海 (UTF-8: 3 bytes each)
	[ "$(q "SELECT count(*) FROM employers WHERE instr(name, '$part') > 0")" = 1 ] || continue
	emp=$name
	break
done
[ -n "$emp" ] && ok || fail "no employer with a distinctive part of its name"
row=$(q "SELECT uscc || '|' || legal_rep || '|' || address || '|' || phone || '|' || district || '|' || industry
	FROM employers WHERE name = '$emp'")
IFS='|' read -r e_uscc e_rep e_addr e_phone e_district e_industry <<<"$row"

start "$TJ" --db "$DB"
login clerk demo1234
skip_drafts
expect_screen desk "案件队列"
desk_key "新申请登记"
expect_screen intake "调解申请登记"

# fields without a list: a message, no cause picker
focus_field 证件号码
key F4
expect_screen no-list-id "证件号码一栏没有可选的列表"
no_cause_picker id
focus_field 住址
key C-p
expect_screen no-list-address "住址一栏没有可选的列表"
no_cause_picker address
focus_field 行业
key F4
expect_screen no-list-industry "行业一栏没有可选的列表"
no_cause_picker industry

# 所在区: the districts, filtered by typing, Enter fills the field
focus_field 所在区
key F4
expect_screen district-list "所在区（本院辖区）"
no_cause_picker district
expect_screen district-count "共 16 个区"
screen_text | grep -qE "^ +浦东新区 *\$" && ok || fail "浦东新区 not listed"
typ 浦
expect_screen district-filter "共 4 个区"
expect_no_screen district-filtered "松江区"
key C-k
typ 松江
expect_screen district-one "共 1 个区"
key Enter
expect_screen district-back "调解申请登记"
field_is 所在区 松江区
# F4 again starts on the district the field holds; Esc keeps it
key Up
focus_field 所在区
key F4
expect_screen district-again "共 16 个区"
selected_line | grep -qF 松江区 && ok || { fail "the picker does not start on 松江区"; screen_text >&2; }
key Down Escape
expect_screen district-esc "调解申请登记"
field_is 所在区 松江区

# 单位名称: the employer search by a part of the name
focus_field 单位名称
typ "$part"
key F4
expect_screen emp-list "查找用人单位"
no_cause_picker employer
expect_screen emp-found "$emp"
expect_screen emp-count "共 1 家"
screen_text | grep -F "$emp" | grep -qF "$e_uscc" && ok || fail "the list lacks the credit code $e_uscc"
# one character is too few; a part nobody has finds nothing
key BSpace
expect_screen emp-short "请输入至少 2 个字"
typ 魑魅魍魉
expect_screen emp-none "档案中没有符合的用人单位"
key C-k
typ "$part"
expect_screen emp-again "共 1 家"
key Enter
expect_screen emp-filled "已调入用人单位档案：$emp"
field_is 信用代码 "$e_uscc"
field_is 单位名称 "$emp"
field_is 法定代表人 "$e_rep"
field_is 单位地址 "$(printf '%s' "$e_addr" | cut -c1-30)"
field_is 单位电话 "$e_phone"
field_is 所在区 "$e_district"
field_is 行业 "$e_industry"
expect_screen emp-uscc-ok "正确；已从档案调入"

# F4 on the credit code searches too, starting from the name
focus_field 信用代码
key F4
expect_screen emp-from-code "共 1 家"
key Escape
expect_screen emp-code-back "调解申请登记"

# a claim: F4 on its row is still the cause picker
focus_field 事实与理由
typ 拖欠工资
key F5
expect_screen claim-picker "一级案由"
typ 0601
key Enter
expect_screen claim-dialog "新增请求事项"
typ 2000
key Tab
typ 8000
key C-s
expect_screen claim-saved "请求事项已新增"
key F4
expect_screen claim-repick "一级案由"
key Escape
expect_screen claim-back "调解申请登记"
leave_form
expect_screen desk-back "案件队列"
key F12
wait_for "确定" 2 && key y
wait_exit

# a court's own districts from the configuration; none configured: said so
cat >"$T/tj.conf" <<CONF
[court]
name = 北京市东城区劳动人事争议仲裁委员会
districts = 东城区，西城区
CONF
start "$TJ" --db "$DB" --config "$T/tj.conf"
login clerk demo1234
skip_drafts
expect_screen desk-2 "案件队列"
desk_key "新申请登记"
expect_screen intake-2 "调解申请登记"
focus_field 所在区
key F4
expect_screen conf-districts "共 2 个区"
expect_screen conf-west "西城区"
expect_no_screen conf-no-shanghai "浦东新区"
key Down Enter
field_is 所在区 西城区
leave_form
key F12
wait_for "确定" 2 && key y
wait_exit
printf '[court]\ndistricts =\n' >"$T/tj.conf"
start "$TJ" --db "$DB" --config "$T/tj.conf"
login clerk demo1234
skip_drafts
desk_key "新申请登记"
expect_screen intake-3 "调解申请登记"
focus_field 所在区
key F4
expect_screen conf-none "没有配置辖区列表"
key Escape
expect_screen intake-3-back "调解申请登记"
leave_form
key F12
wait_for "确定" 2 && key y
wait_exit

# the same rule on the other forms: the consultation's topic only on its
# row; the roster's cause picker on the specialties, the employer search
# on the affiliation
start "$TJ" --db "$DB"
login admin demo1234
skip_drafts
expect_screen admin-desk "案件队列"
desk_key "咨询登记"
expect_screen consult "咨询事项"
focus_field 联系电话
key F4
expect_screen consult-no-list "联系电话一栏没有可选的列表"
no_cause_picker consult-phone
key BTab
key F4
expect_screen consult-picker "一级案由"
key Escape
key Escape
expect_screen admin-desk-2 "案件队列"
desk_key "调解员名册"
expect_screen roster "调解员名册"
key F5
expect_screen medform "新增调解员"
focus_field 姓名
key F4
expect_screen medform-no-list "姓名一栏没有可选的列表"
no_cause_picker medform-name
focus_field 所属单位
typ "$part"
key F4
expect_screen medform-emp "共 1 家"
key Enter
field_is 所属单位 "$emp"
field_is 单位信用代码 "$e_uscc"
focus_field 专长案由
key F4
expect_screen medform-causes "一级案由"
key Escape
"$TJ" check --db "$DB" >/dev/null && ok || fail "check at the end"
done_tests
