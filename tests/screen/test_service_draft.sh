# test_service_draft.sh - 登记送达 keeps what was typed as the case's
# draft: a hangup (SIGHUP) with the respondent's postal service half
# recorded keeps it (the row chosen, the method, the tracking number, the
# signer), the next login offers it under 登记送达 and Enter resumes it
# with everything back; F2 records it and the draft goes in the same
# transaction.  A second dialog killed by SIGTERM is offered when the case
# is opened again, and Esc with 放弃 drops its draft.
. "$(dirname "$0")/lib.sh"
# the start of a name: a long one is cut at the edge of a choice field
short() { printf '%s' "$1" | python3 -c 'import sys; print(sys.stdin.read()[:8], end="")'; }
DB="$T/demo.db"
"$TJ" demo --db "$DB" --cases 300 >/dev/null 2>"$T/demo.err" || fail "demo failed: $(cat "$T/demo.err")"
q() { sqlite3 "$DB" "$1"; }
sig() { # SIGNAL: send it to the program, wait until it is gone
	local pid gone=0 i
	pid=$(pgrep -f -- "^$TJ --db $DB\$")
	[ -n "$pid" ] && kill -"$1" $pid
	for i in $(seq 1 40); do
		if ! pgrep -f -- "^$TJ --db $DB\$" >/dev/null; then gone=1; break; fi
		sleep 0.1
	done
	[ $gone = 1 ] && ok || fail "still running 4 s after SIG$1"
	wait_exit 2
}
row=$(q "SELECT c.id || '|' || c.case_no FROM cases c WHERE c.status IN ('assigned', 'mediating')
	AND EXISTS (SELECT 1 FROM sessions s WHERE s.case_id = c.id AND s.status = 'scheduled')
	AND (SELECT count(*) FROM case_parties p WHERE p.case_id = c.id) = 2 ORDER BY c.id LIMIT 1")
[ -n "$row" ] && ok || fail "no case with a booked session in the demo"
cid=${row%%|*}; cno=${row#*|}
app=$(q "SELECT name FROM case_parties WHERE case_id = $cid AND role = 'applicant'")
resp=$(q "SELECT name FROM case_parties WHERE case_id = $cid AND role = 'respondent'")
"$TJ" doc --db "$DB" "$cno" session -o "$T/notice.pdf" 2>"$T/doc.err" && ok || fail "session notice: $(cat "$T/doc.err")"
q "DELETE FROM drafts"
open_case() {
	key 3
	expect_screen search "查找："
	typ "$cno"
	expect_screen found "$cno"
	key Enter
}

# ---- half typed, then the connection drops -----------------------------------
start "$TJ" --db "$DB"
login clerk demo1234
skip_drafts
open_case
expect_screen detail "事实与理由"
key F3
expect_screen menu "可办理的操作"
pick_menu 登记送达
expect_screen form "文书与受送达人"
key Right
expect_screen row-resp "调解通知书 → 被申请人$(short "$resp")"
key Tab Right
expect_screen post "邮寄送达"
key Tab
typ "EA987654321CN"
key Tab Tab
typ 收发室王某某
expect_screen typed "收发室王某某"
sig HUP
grep -q "已将 1 份表单存为草稿" "$T/app.err" && ok || fail "SIGHUP message: $(cat "$T/app.err")"
[ "$(q "SELECT count(*) FROM drafts WHERE kind = 'case' AND body LIKE '%action=serve%'
	AND body LIKE '%EA987654321CN%' AND body LIKE '%收发室王某某%'")" = 1 ] && ok ||
	fail "no service draft: $(q 'SELECT kind, body FROM drafts')"
[ "$(q "SELECT count(*) FROM services WHERE case_id = $cid AND served_on IS NOT NULL")" = 0 ] && ok ||
	fail "a service recorded by the hangup"

# ---- offered at the next login, resumed with everything back -----------------
start "$TJ" --db "$DB"
login clerk demo1234
expect_screen offered "案件 $cno  登记送达"
key Enter
expect_screen resumed "已恢复草稿，请继续填写"
expect_screen resumed-row "调解通知书 → 被申请人$(short "$resp")"
expect_screen resumed-method "邮寄送达"
expect_screen resumed-tracking "EA987654321CN"
expect_screen resumed-signer "收发室王某某"
key F2
expect_screen served "已登记送达：调解通知书 → 被申请人$resp，邮寄送达"
[ "$(q "SELECT method || '|' || tracking || '|' || signed_by FROM services WHERE case_id = $cid AND role = 'respondent'")" = \
	"post|EA987654321CN|收发室王某某" ] && ok || fail "the resumed service not stored"
[ "$(q "SELECT count(*) FROM drafts")" = 0 ] && ok || fail "the recorded service's draft stayed"

# ---- SIGTERM: offered when the case is opened again; Esc and 放弃 drop it ----
key F3
pick_menu 登记送达
expect_screen form-2 "调解通知书 → 申请人$app"
key Tab Tab Tab Tab
typ 申请人本人签收
expect_screen typed-2 "申请人本人签收"
sig TERM
[ "$(q "SELECT count(*) FROM drafts WHERE body LIKE '%申请人本人签收%'")" = 1 ] && ok ||
	fail "no draft on SIGTERM: $(q 'SELECT kind, body FROM drafts')"
start "$TJ" --db "$DB"
login clerk demo1234
skip_drafts
open_case
expect_screen case-offer "本案有您未办完的「登记送达」表单"
key y
expect_screen offer-resumed "申请人本人签收"
expect_screen offer-row "调解通知书 → 申请人$app"
key Escape
expect_screen ask "尚未保存"
key d
expect_no_screen closed "文书与受送达人"
[ "$(q "SELECT count(*) FROM drafts")" = 0 ] && ok || fail "the discarded draft stayed"
[ "$(q "SELECT count(*) FROM services WHERE case_id = $cid AND served_on IS NULL")" = 1 ] && ok ||
	fail "the discarded service was recorded"
done_tests
