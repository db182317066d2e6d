# test_dashboard.sh - the admin dashboard (统计看板) on the demo database:
# open cases by state and the deadline queues agree with SQL; the
# high-incidence employers SQL finds (same rule: at least 5 cases received
# in the last 90 days) are listed, and Enter on one lists its cases; an
# open collective dispute is listed and Enter opens it; the deadline queues
# lead to their case lists and the most overdue cases are listed and open;
# PgUp/PgDn/Home/End never leave the highlight off the screen, so Enter
# opens only what is shown; the mediators' workloads show, and a capacity
# changed by another process is marked within a few seconds (PRAGMA
# data_version); monochrome renders it.
. "$(dirname "$0")/lib.sh"
DB="$T/demo.db"
"$TJ" demo --db "$DB" >/dev/null 2>"$T/demo.err" || fail "demo failed: $(cat "$T/demo.err")"
q() { sqlite3 "$DB" "$1"; }
TODAY=${TIAOJIE_NOW%% *}
OPEN="('registered','confirmed','accepted','assigned','mediating')"

# open_dashboard: from the desk, the entry 统计看板 by its shortcut digit
open_dashboard() {
	expect_screen desk "案件队列"
	local n
	n=$(screen_text | grep -F "统计看板" | grep -oE '[0-9]+' | sed -n 1p)
	if [ -z "$n" ]; then fail "desk lacks 统计看板"; screen_text >&2; return 1; fi
	key "$n"
	expect_screen dashboard "在办案件（按状态）"
}
# show TEXT: scroll the dashboard from the top until TEXT is on the screen
show() {
	local i
	key Home
	for i in 1 2 3 4 5 6 7 8; do
		wait_for "$1" 0.2 && return 0
		key NPage
	done
	return 1
}
# line_has NAME REGEX: a line of the screen matches
line_has() {
	if screen_text | grep -qE -- "$2"; then ok; else fail "$1: no line like '$2'"; screen_text >&2; fi
}

start "$TJ" --db "$DB"
login admin demo1234
skip_drafts
open_dashboard

# open cases by state, equal to SQL
total=$(q "SELECT count(*) FROM cases WHERE status IN $OPEN")
line_has open-total "在办案件（按状态） +共 $total 件"
for st in registered:登记 confirmed:已确认 accepted:已受理 assigned:已分派 mediating:调解中; do
	n=$(q "SELECT count(*) FROM cases WHERE status = '${st%%:*}'")
	line_has "state-${st%%:*}" "^ +${st#*:} +$n 件"
done
# the deadline queues, with the rules of queue_bounds (defaults: due soon
# within 3 days, stalled after 7 days without an event)
soon=$(q "SELECT count(*) FROM cases WHERE status IN $OPEN AND deadline >= '$TODAY' AND deadline <= date('$TODAY', '+3 days')")
over=$(q "SELECT count(*) FROM cases WHERE status IN $OPEN AND deadline < '$TODAY'")
stale=$(q "SELECT count(*) FROM cases WHERE status IN $OPEN AND last_event_at < date('$TODAY', '-6 days')")
line_has due-soon "^ +即将到期 +$soon 件"
line_has overdue "^ +已超期 +$over 件"
line_has stalled "^ +久未推进 +$stale 件"

# high-incidence employers: the same rule in SQL
HI="SELECT e.name || '|' || count(DISTINCT c.id) AS n FROM cases c
	JOIN case_parties p ON p.case_id = c.id AND p.role = 'respondent' JOIN employers e ON e.id = p.employer_id
	WHERE c.received >= date('$TODAY', '-90 days') GROUP BY e.id HAVING count(DISTINCT c.id) >= 5"
nhi=$(q "SELECT count(*) FROM ($HI)")
[ "$nhi" -ge 1 ] && ok || fail "the demo has no high-incidence employer"
top=$(q "$HI ORDER BY count(DISTINCT c.id) DESC, e.name LIMIT 1")
emp=${top%|*}; empn=${top#*|}
line_has hi-header "高发单位（近 90 天收案不少于 5 件）"
# below the deadline queues, which may fill the first screen
show "$emp" && ok || fail "the top high-incidence employer $emp is not listed"
line_has hi-top "^ +$emp +$empn 件"
last=$(q "$HI ORDER BY count(DISTINCT c.id) ASC, e.name DESC LIMIT 1")
show "${last%|*}" && ok || fail "the last high-incidence employer ${last%|*} is not listed"
line_has hi-last "^ +${last%|*} +${last#*|} 件"
# one below the threshold is not listed
below=$(q "SELECT e.name FROM cases c JOIN case_parties p ON p.case_id = c.id AND p.role = 'respondent'
	JOIN employers e ON e.id = p.employer_id WHERE c.received >= date('$TODAY', '-90 days')
	GROUP BY e.id HAVING count(DISTINCT c.id) = 4 LIMIT 1")
if [ -n "$below" ]; then
	show "集体争议"
	screen_text | grep -qF "$below" && fail "$below (4 cases) listed as high-incidence" || ok
fi

# Enter on an employer lists its cases
key Home
key Escape
expect_screen back-desk "案件队列"
open_dashboard
select_line "$emp"
key Enter
expect_screen emp-list "查找：$emp"
nemp=$(q "SELECT count(DISTINCT p.case_id) FROM case_parties p JOIN employers e ON e.id = p.employer_id
	WHERE p.role = 'respondent' AND instr(e.name, '$emp') > 0")
expect_screen emp-count "共 $nemp 件"
key Escape
expect_screen emp-back "tiaojie  统计看板"

# collective disputes: the open ones, with the number of applicants
col=$(q "SELECT c.case_no || '|' || (SELECT count(*) FROM case_parties a WHERE a.case_id = c.id AND a.role = 'applicant')
	FROM cases c WHERE c.collective = 1 AND c.status IN $OPEN ORDER BY c.received DESC, c.case_no DESC LIMIT 1")
[ -n "$col" ] && ok || fail "the demo has no open collective dispute"
cno=${col%|*}
show "$cno" && ok || fail "collective dispute $cno not shown"
screen_text | grep -F "$cno" | grep -qE " ${col#*|} 人\$" && ok || fail "collective: $cno without ${col#*|} 人"
closed=$(q "SELECT case_no FROM cases WHERE collective = 1 AND status NOT IN $OPEN LIMIT 1")
[ -n "$closed" ] && { screen_text | grep -qF "$closed" && fail "closed collective $closed listed" || ok; }
# Enter on it
key Escape
open_dashboard
select_line "$cno" 80
key Enter
expect_screen collective-detail "tiaojie  $cno"
expect_screen collective-applicants "申请人（${col#*|}）"
key Escape
expect_screen collective-back "tiaojie  统计看板"

# the deadline queues: the highlight starts on the first, Enter lists the queue
key Escape
open_dashboard
selected_line | grep -qE "^ +即将到期 +$soon 件" && ok || { fail "the first queue is not selected"; screen_text >&2; }
select_line "已超期"
key Enter
expect_screen overdue-list "队列：已超期"
expect_screen overdue-count "共 $over 件"
key Escape
expect_screen overdue-back "在办案件（按状态）"
# the most overdue cases are listed under it, and Enter opens each (this
# listing did not exist: overdue cases could not be opened from here)
OVER="SELECT case_no FROM cases WHERE status IN $OPEN AND deadline < '$TODAY' ORDER BY deadline, case_no"
first_over=$(q "$OVER LIMIT 1")
last_over=$(q "$OVER LIMIT 1 OFFSET $(( (over < 10 ? over : 10) - 1 ))")
[ -n "$first_over" ] && ok || fail "the demo has no overdue case"
screen_text | grep -F "$first_over" | grep -qE "超[0-9]+天" && ok || { fail "overdue $first_over not listed"; screen_text >&2; }
select_line "$last_over"
key Enter
expect_screen overdue-detail "tiaojie  $last_over"
key Escape
expect_screen overdue-detail-back "tiaojie  统计看板"
selected_line | grep -qF "$last_over" && ok || fail "back from the case, the highlight left $last_over"

# paging: after every key the highlight is on the screen or there is none,
# and Enter opens exactly what is highlighted or nothing
# enter_opens_highlight NAME: Enter, then the screen it opens matches the
# highlighted line (an employer's cases, a queue or a case), then back
enter_opens_highlight() {
	local h want
	h=$(selected_line)
	case "$h" in
	"") key Enter
	    expect_screen "$1-none" "本页没有可打开的项目"
	    screen_text | grep -q "tiaojie  统计看板" && ok || fail "$1: Enter with nothing highlighted left the dashboard"
	    return ;;
	*劳人调*) want="tiaojie  $(echo "$h" | grep -oE '[^ ]*劳人调[^ ]*号')" ;;
	*即将到期*|*已超期*|*久未推进*) want="队列：$(echo "$h" | awk '{print $1}')" ;;
	*) want="查找：$(echo "$h" | awk '{print $1}')" ;;
	esac
	key Enter
	expect_screen "$1-opens" "$want"
	key Escape
	expect_screen "$1-back" "tiaojie  统计看板"
}
key Home
for step in NPage NPage NPage PPage PPage End PPage PPage Home End; do
	key "$step"
	h=$(selected_line)
	if [ -z "$h" ] || screen_text | sed -n '2,21p' | grep -qF -- "$h"; then ok; else fail "after $step the highlight is off the screen"; fi
	# the highlight is a single line, never a line the list does not show
	[ "$(selected_line | wc -l)" -le 1 ] && ok || fail "after $step more than one line is highlighted"
done
# from the end (only the workloads on screen: nothing to open) and back a page
key End
enter_opens_highlight end
key End
key PPage
[ -n "$(selected_line)" ] && ok || { fail "PgUp from the end highlights nothing"; screen_text >&2; }
enter_opens_highlight pgup
key Home
key NPage
enter_opens_highlight pgdn
key Home
enter_opens_highlight home

# mediator workloads against capacity
med=$(q "SELECT m.name || '|' || m.capacity || '|' || n FROM (SELECT m.*, (SELECT count(*) FROM cases c
	WHERE c.mediator_id = m.id AND c.status IN ('assigned', 'mediating')) AS n FROM mediators m) m
	WHERE m.active = 1 ORDER BY n DESC, m.name LIMIT 1")
mname=${med%%|*}; rest=${med#*|}; mcap=${rest%%|*}; mopen=${rest#*|}
show "调解员工作量" && ok || fail "no workload section"
line_has workload "^ +$mname +$mopen / $mcap"
# another process lowers the capacity: the dashboard marks it by itself
q "UPDATE mediators SET capacity = $mopen - 1 WHERE name = '$mname'"
expect_screen over-capacity "超出上限 1 件" 5
line_has over-line "^ +$mname +$mopen / $((mopen - 1)) +超出上限 1 件"
q "UPDATE mediators SET capacity = $mopen WHERE name = '$mname'"
expect_screen at-capacity "已满" 5
line_has full-line "^ +$mname +$mopen / $mopen +已满"

# monochrome: rendered, the selected employer in reverse video
start NO_COLOR=1 "$TJ" --db "$DB"
login admin demo1234
skip_drafts
open_dashboard
expect_screen mono-queues "期限预警"
# the first queue is selected when the dashboard opens (due soon is bold
# and underlined otherwise; only overdue is reverse by itself)
tm capture-pane -p -e -t t | grep -F "即将到期" | grep -qE $'\033\\[([0-9;]*;)?7[;m]' && ok ||
	fail "monochrome: the selected queue is not in reverse video"
show "$emp" && ok || fail "monochrome: $emp not listed"
expect_screen mono-hi "$emp"
"$TJ" check --db "$DB" >/dev/null && ok || fail "check at the end"
done_tests
