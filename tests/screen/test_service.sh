# test_service.sh - 登记送达 from the case detail at 80x24: a session
# notice issued to both parties puts the case in the desk's 待送达文书
# queue; the applicant's copy is recorded as posted (refused at its field
# without a tracking number, and with a date that does not exist, with
# what was typed kept), the respondent's electronically (refused without
# the consent on file, accepted with the consent put on file now); the
# detail lists each service, the timeline shows 登记送达, the rows, the
# consent and the events are stored, and the queue's count goes down.
. "$(dirname "$0")/lib.sh"
# the start of a name: a long one is cut at the edge of a choice field
short() { printf '%s' "$1" | python3 -c 'import sys; print(sys.stdin.read()[:8], end="")'; }
DB="$T/demo.db"
"$TJ" demo --db "$DB" --cases 300 >/dev/null 2>"$T/demo.err" || fail "demo failed: $(cat "$T/demo.err")"
q() { sqlite3 "$DB" "$1"; }
row=$(q "SELECT c.id || '|' || c.case_no FROM cases c WHERE c.status IN ('assigned', 'mediating')
	AND EXISTS (SELECT 1 FROM sessions s WHERE s.case_id = c.id AND s.status = 'scheduled')
	AND (SELECT count(*) FROM case_parties p WHERE p.case_id = c.id) = 2
	AND NOT EXISTS (SELECT 1 FROM case_parties p WHERE p.case_id = c.id AND p.e_consent IS NOT NULL)
	ORDER BY c.id LIMIT 1")
[ -n "$row" ] && ok || fail "no case with a booked session in the demo"
cid=${row%%|*}; cno=${row#*|}
app=$(q "SELECT name FROM case_parties WHERE case_id = $cid AND role = 'applicant'")
resp=$(q "SELECT name FROM case_parties WHERE case_id = $cid AND role = 'respondent'")
"$TJ" doc --db "$DB" "$cno" session -o "$T/notice.pdf" 2>"$T/doc.err" && ok || fail "session notice: $(cat "$T/doc.err")"
[ "$(q "SELECT count(*) FROM services WHERE case_id = $cid AND served_on IS NULL")" = 2 ] && ok || fail "two services pending"
queued=$(q "SELECT count(DISTINCT case_id) FROM services WHERE served_on IS NULL")
# the program's today: the day the notice was issued
today=$(q "SELECT substr(issued_at, 1, 10) FROM documents WHERE case_id = $cid ORDER BY id DESC LIMIT 1")

start "$TJ" --db "$DB"
login clerk demo1234
skip_drafts
expect_screen desk "案件队列"
check desk-queue sh -c "tmux -L '$SOCK' capture-pane -p -t '$TGT' | grep -qE '待送达文书 +$queued\$'"
key 3
expect_screen search "查找："
typ "$cno"
expect_screen found "$cno"
key Enter
expect_screen detail "收件 $(q "SELECT received FROM cases WHERE id = $cid")"
for i in $(seq 1 80); do screen_text | grep -qF "：未送达" && break; key Down; done
expect_screen pending-listed "送达申请人$app：未送达"

# the applicant's copy by post: no tracking number, then a date that
# does not exist, then right
key F3
expect_screen menu "可办理的操作"
pick_menu 登记送达
expect_screen form "文书与受送达人"
expect_screen both-parties "调解通知书 → 申请人"
expect_screen which "调解通知书 → 申请人$app"
expect_screen today "$today"
key Tab Right
expect_screen post "邮寄送达"
key F2
expect_screen no-tracking "邮寄送达须填写邮件号码"
# the refusal puts the cursor on the field
typ "EA123456789CN"
key Tab C-k
typ "2026-02-30"
key Tab
typ "$app"
key F2
expect_screen bad-date "送达日期不是有效日期"
expect_screen tracking-kept "EA123456789CN"
expect_screen signer-kept "$app"
key C-k
typ "$today"
key F2
expect_screen served "已登记送达：调解通知书 → 申请人$app，邮寄送达"
[ "$(q "SELECT method || '|' || tracking || '|' || served_on || '|' || signed_by FROM services
	WHERE case_id = $cid AND role = 'applicant'")" = "post|EA123456789CN|$today|$app" ] && ok || fail "post not stored"

# the respondent's electronically: refused without consent, then with it
key F3
pick_menu 登记送达
expect_screen form-2 "调解通知书 → 被申请人$(short "$resp")"
key Tab Right Right
expect_screen electronic "电子送达"
key F2
expect_screen no-consent "未同意电子送达"
key Tab Tab Tab Tab Right
expect_screen consent "已签署，本次附卷"
key F2
expect_screen served-2 "已登记送达：调解通知书 → 被申请人$resp，电子送达"
[ "$(q "SELECT e_consent FROM case_parties WHERE case_id = $cid AND role = 'respondent'")" = "$today" ] &&
	ok || fail "consent not on file"
[ "$(q "SELECT count(*) FROM events WHERE case_id = $cid AND action = 'serve'")" = 2 ] && ok || fail "two serve events"
[ "$(q "SELECT count(*) FROM services WHERE case_id = $cid AND served_on IS NULL")" = 0 ] && ok || fail "all served"
key End
expect_screen timeline "登记送达"
# nothing is left to serve: the menu no longer offers it
key F3
expect_screen menu-2 "可办理的操作"
expect_no_screen menu-without "3  登记送达"
key Escape Escape Escape
expect_screen desk-2 "案件队列"
# the desk re-counts on its next tick
for i in $(seq 1 40); do screen_text | grep -qE "待送达文书 +$((queued - 1))\$" && break; nap 0.1; done
if screen_text | grep -qE "待送达文书 +$((queued - 1))\$"; then ok; else
	fail "desk-queue-down: want $((queued - 1))"; screen_text >&2; fi
done_tests
