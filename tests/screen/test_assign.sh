# test_assign.sh - assigning mediators from the screens on the demo data:
# the suggested mediator (marked *) is assigned from the case detail; a
# mediator with a conflict of interest needs a reason, which is recorded;
# the batch screen assigns the whole awaiting queue with the suggestions.
. "$(dirname "$0")/lib.sh"
DB="$T/demo.db"
"$TJ" demo --db "$DB" >/dev/null 2>"$T/demo.err" || fail "demo failed: $(cat "$T/demo.err")"
q() { sqlite3 "$DB" "$1"; }
# give the awaiting queue a few more cases: accept confirmed ones
accepted=$(q "SELECT count(*) FROM cases WHERE status = 'accepted'")
[ "$accepted" -ge 2 ] && ok || fail "demo has fewer than 2 cases awaiting assignment ($accepted)"
row=$(q "SELECT c.id || '|' || c.case_no FROM cases c WHERE c.status = 'accepted' ORDER BY c.id LIMIT 1")
cid=${row%%|*}; cno=${row#*|}

start "$TJ" --db "$DB"
login admin demo1234
skip_drafts
expect_screen desk "批量分派调解员"
key 3
typ "$cno"
expect_screen found "$cno"
key Enter
expect_screen detail "事实与理由"
key F3
expect_screen menu "分派调解员"
key Enter
expect_screen candidates "在办/上限"
expect_screen suggestion-mark "为建议人选"
star=$(screen_text | grep -o '^\*[^ ]*' | head -1 | cut -c2-)
[ -n "$star" ] && ok || fail "no suggested mediator marked"
key Enter
expect_screen assign-confirm "分派给 $star"
key y
expect_screen assigned "已分派：$star"
[ "$(q "SELECT m.name FROM cases c JOIN mediators m ON m.id = c.mediator_id WHERE c.id = $cid")" = "$star" ] && ok ||
	fail "mediator in the database is not the suggested one"
[ "$(q "SELECT status FROM cases WHERE id = $cid")" = assigned ] && ok || fail "status after assignment"

# a conflict: make a mediator's affiliation the respondent of another awaiting case
row=$(q "SELECT c.id || '|' || c.case_no || '|' || e.name FROM cases c JOIN case_parties p ON p.case_id = c.id
	AND p.role = 'respondent' JOIN employers e ON e.id = p.employer_id WHERE c.status = 'accepted' ORDER BY c.id LIMIT 1")
cid2=${row%%|*}; rest=${row#*|}; cno2=${rest%%|*}; emp=${rest#*|}
mname=$(q "SELECT name FROM mediators WHERE active = 1 ORDER BY id LIMIT 1")
q "UPDATE mediators SET affiliation = '$emp', affiliation_uscc = NULL WHERE name = '$mname'"
key Escape
key 3
expect_screen search-2 "查找："
key C-k
typ "$cno2"
expect_screen found-2 "$cno2"
key Enter
key F3
expect_screen menu-2 "分派调解员"
key Enter
expect_screen candidates-2 "在办/上限"
expect_screen conflict-shown "调解员所属单位即被申请人"
# move to the conflicted mediator's row (counted once the list is back at
# its top: the suggestion may have scrolled it)
key Home
for i in $(seq 1 20); do key Up; done
n=$(screen_text | awk '/在办\/上限/ {h=NR} /调解员所属单位即被申请人/ {print NR - h; exit}')
for i in $(seq 2 "$n"); do key Down; done
key Enter
expect_screen reason-prompt "存在回避事由"
key Enter
expect_screen reason-needed "请填写理由"
typ "当事人双方均同意由该调解员调解"
# Esc with a reason typed asks; 继续编辑 keeps it
key Escape
expect_screen reason-asks "回避理由有修改尚未保存"
key Escape
expect_screen reason-kept "当事人双方均同意由该调解员调解"
key Enter
expect_screen assigned-override "已记录回避理由"
[ "$(q "SELECT count(*) FROM events WHERE case_id = $cid2 AND action = 'note' AND after LIKE '冲突已确认：当事人双方均同意%'")" = 1 ] && ok ||
	fail "override reason not recorded: $(q "SELECT action, after FROM events WHERE case_id = $cid2")"
key Escape Escape

# the batch: everything left in the queue, with the suggestions
left=$(q "SELECT count(*) FROM cases WHERE status = 'accepted'")
expect_screen desk-again "批量分派调解员"
key 5
expect_screen batch "待分派 $left 件"
key C-s
expect_screen batch-confirm "按建议分派全部 $left 件"
key y
expect_screen batch-done "已分派"
[ "$(q "SELECT count(*) FROM cases WHERE status = 'accepted'")" = 0 ] && ok ||
	fail "cases still awaiting: $(q "SELECT count(*) FROM cases WHERE status = 'accepted'")"
"$TJ" check --db "$DB" >/dev/null && ok || fail "check after assignments"
done_tests
