# test_archive_change.sh - a second application for a worker from the
# archive, with the name typed otherwise: the form says beside the name
# what the archive will take ("档案姓名将由 … 改为 …"), the question before
# saving lists the archive's changes, and after saving the earlier case -
# its detail and `tiaojie list` - still shows the name it was registered
# with, while the archive and the new case have the new one.
. "$(dirname "$0")/lib.sh"
DB="$T/demo.db"
"$TJ" demo --db "$DB" --cases 300 >/dev/null 2>"$T/demo.err" || fail "demo failed: $(cat "$T/demo.err")"
q() { sqlite3 "$DB" "$1"; }

# a worker with a resident ID card and one case
row=$(q "SELECT p.id_no || '|' || p.name || '|' || c.case_no FROM persons p
	JOIN case_parties cp ON cp.person_id = p.id JOIN cases c ON c.id = cp.case_id
	WHERE p.id_type = 'id' GROUP BY p.id HAVING count(*) = 1 ORDER BY p.id LIMIT 1")
[ -n "$row" ] && ok || fail "demo data lacks a worker with one case"
pid=${row%%|*}; rest=${row#*|}; pname=${rest%%|*}; cno=${rest#*|}
newname="${pname}梅"

start "$TJ" --db "$DB"
login clerk demo1234
skip_drafts
expect_screen desk "工作台"
key 1
expect_screen intake "证件号码"
key Tab
typ "$pid"
expect_screen filled "已从档案调入 $pname"
# the name typed otherwise: the archive's change is shown at the name
key Tab End
typ 梅
expect_screen preview "档案姓名将由 $pname 改为"
line=$(screen_text | grep -F "姓名        $newname")
case "$line" in *"档案姓名将由"*) ok ;; *) fail "the change is not beside the name: $line" ;; esac
# back as it was: nothing to change, the note goes
key BSpace
expect_no_screen preview-gone "档案姓名将由"
typ 梅
expect_screen preview-again "档案姓名将由 $pname 改为"

# a new employer, a claim and the facts
key Tab Tab Tab Tab Tab Tab Tab Tab Tab
typ 91350100M000100Y43
expect_screen new-employer "正确（新单位）"
key Tab
typ 上海档案测试科技有限公司
key C-n
typ 0601
wait_for "0601 " 3
key Enter Tab
typ 1000
key C-s
expect_screen claim "1,000.00 元"
key Up
typ "申请人被拖欠工资。"

# saving: the question lists the archive's changes; the form stays on "n"
ncases=$(q "SELECT count(*) FROM cases")
key C-s
expect_screen ask "将更新档案：姓名 $pname → $newname"
expect_screen ask-earlier "以前的案件保留各自登记时的信息"
key n
expect_screen not-saved "未登记，请继续填写"
[ "$(q "SELECT count(*) FROM cases")" = "$ncases" ] && ok || fail "saved although the question was answered no"
key C-s
expect_screen ask-again "将更新档案：姓名 $pname → $newname"
key y
expect_screen saved "申请已登记"
key Enter
expect_screen print-offer "现在打印调解申请书"
key n
expect_screen on-new-case "案件详情"
newno=$(q "SELECT case_no FROM cases ORDER BY id DESC LIMIT 1")
expect_screen new-case-name "1. $newname"
[ "$(q "SELECT name FROM persons WHERE id_no = '$pid'")" = "$newname" ] && ok || fail "the archive lacks the new name"
[ "$(q "SELECT count(*) FROM events WHERE entity = 'person' AND action = 'update' AND after LIKE '%姓名：$pname → $newname%'")" = 1 ] &&
	ok || fail "the archive change is not its own event"

# the earlier case: as it was registered
key Escape
expect_screen desk "工作台"
key 3
expect_screen search "查找："
typ "$cno"
expect_screen found "$cno"
key Enter
expect_screen old-detail "请求事项"
expect_screen old-name "1. $pname  "
expect_no_screen old-name-unchanged "$newname"
out=$("$TJ" list --db "$DB" "$cno" 2>&1)
case "$out" in *"$cno"*"	$pname "*) ok ;; *) fail "list on the old case: $out" ;; esac
case "$out" in *"$newname"*) fail "list shows the new name on the old case: $out" ;; *) ok ;; esac
out=$("$TJ" list --db "$DB" "$newno" 2>&1)
case "$out" in *"	$newname "*) ok ;; *) fail "list on the new case: $out" ;; esac
"$TJ" check --db "$DB" >/dev/null && ok || fail "check after the archive change"
done_tests
