# test_list.sh - `tiaojie list` on a demo database: the TSV (header, one
# line of eight fields per case, the order, every column) agrees with the
# same facts read from the database by sqlite3; the filters (--status,
# --month, --mediator, --queue) and the search text pick what SQL picks;
# identity numbers never appear unmasked; tabs and newlines in values do
# not break the TSV; nothing is written; bad input exits 2.
. "$(dirname "$0")/lib.sh"

TODAY=${TIAOJIE_NOW%% *}
TAB=$(printf '\t')
q() { sqlite3 -separator "$TAB" demo.db "$1"; }
# eq NAME GOT WANT
eq() {
	if [ "$2" = "$3" ]; then ok; else fail "$1: got '$2', want '$3'"; fi
}
# rows: data lines of the last run (header excluded)
rows() { printf '%s\n' "$OUT" | tail -n +2 | grep -c . ; }
# same NAME FILE1 FILE2: identical files
same() {
	if cmp -s "$2" "$3"; then ok; else
		fail "$1: differ"
		diff "$2" "$3" | head -n 5 >&2
	fi
}

run "$TJ" demo --db demo.db --cases 500
expect_rc demo 0
sum_before=$(md5sum <demo.db)
HEADER="case_no${TAB}status${TAB}received${TAB}deadline${TAB}applicant${TAB}respondent${TAB}mediator${TAB}causes"

# ---- everything
run "$TJ" list --db demo.db
expect_rc list-all 0
eq header "$(printf '%s\n' "$OUT" | head -n 1)" "$HEADER"
eq all-count "$(rows)" "$(q 'SELECT count(*) FROM cases')"
printf '%s\n' "$OUT" >all.tsv
eq eight-fields "$(awk -F'\t' 'NF != 8' all.tsv | wc -l)" 0
# oldest first, then by case number
tail -n +2 all.tsv | cut -f1 >got_order
q "SELECT case_no FROM cases ORDER BY received, case_no" >want_order
same order got_order want_order
# the columns, case by case
tail -n +2 all.tsv | cut -f1-4 | sort >got_cols
q "SELECT case_no, status, received, coalesce(deadline, '') FROM cases" | sort >want_cols
same status-received-deadline got_cols want_cols
tail -n +2 all.tsv | cut -f1,7 | sort >got_med
q "SELECT c.case_no, coalesce(m.name, '') FROM cases c LEFT JOIN mediators m ON m.id = c.mediator_id" | sort >want_med
same mediator-column got_med want_med
tail -n +2 all.tsv | cut -f1,8 | sort >got_causes
q "SELECT c.case_no, (SELECT group_concat(cause, ',') FROM (SELECT DISTINCT cause FROM claims
   WHERE case_id = c.id ORDER BY cause)) FROM cases c" | sort >want_causes
same causes-column got_causes want_causes
tail -n +2 all.tsv | cut -f1,6 | sort >got_resp
q "SELECT c.case_no, coalesce(e.name, s.name) FROM cases c JOIN case_parties p ON p.case_id = c.id AND p.role = 'respondent'
   LEFT JOIN employers e ON e.id = p.employer_id LEFT JOIN persons s ON s.id = p.person_id WHERE p.ord = (SELECT min(ord) FROM case_parties
   WHERE case_id = c.id AND role = 'respondent')" | sort >want_resp
same respondent-column got_resp want_resp
# applicant: first applicant's name (等N人 when several) and the masked number
tail -n +2 all.tsv | cut -f1,5 | sed 's/ [^ ]*$//' | sort >got_app
q "SELECT c.case_no, s.name || CASE WHEN n > 1 THEN '等' || n || '人' ELSE '' END
   FROM (SELECT c.*, (SELECT count(*) FROM case_parties WHERE case_id = c.id AND role = 'applicant') AS n
         FROM cases c) c
   JOIN case_parties p ON p.case_id = c.id AND p.role = 'applicant'
   JOIN persons s ON s.id = p.person_id
   WHERE p.ord = (SELECT min(ord) FROM case_parties WHERE case_id = c.id AND role = 'applicant')" | sort >want_app
same applicant-column got_app want_app
check collective-shown grep -q '等[0-9][0-9]*人 ' all.tsv
# identity numbers are masked: 18-character ones as 6 + 8 stars + 4, and no
# identity number stored appears anywhere
eq no-unmasked-ids "$(grep -cE '[0-9]{17}[0-9X]' all.tsv)" 0
check masked-form grep -qE "${TAB}[^${TAB}]+ [0-9]{6}\*{8}[0-9]{3}[0-9X]${TAB}" all.tsv
q "SELECT id_no FROM persons WHERE length(id_no) >= 8" >ids
eq no-stored-id-appears "$(grep -cFf ids all.tsv)" 0

# ---- --status
run "$TJ" list --db demo.db --status agreed
expect_rc status 0
eq status-count "$(rows)" "$(q "SELECT count(*) FROM cases WHERE status = 'agreed'")"
eq status-only-agreed "$(printf '%s\n' "$OUT" | tail -n +2 | cut -f2 | sort -u)" agreed
run "$TJ" list --db demo.db --status registered
eq status-registered "$(rows)" "$(q "SELECT count(*) FROM cases WHERE status = 'registered'")"

# ---- --month
MONTH=$(q "SELECT substr(date('$TODAY', '-2 months'), 1, 7)")
run "$TJ" list --db demo.db --month "$MONTH"
expect_rc month 0
eq month-count "$(rows)" "$(q "SELECT count(*) FROM cases WHERE received LIKE '$MONTH-%'")"
eq month-only "$(printf '%s\n' "$OUT" | tail -n +2 | cut -f3 | cut -c1-7 | sort -u)" "$MONTH"
run "$TJ" list --db demo.db --month 2001-02
expect_rc month-empty 0
eq month-empty-header-only "$OUT" "$HEADER"

# ---- --mediator
MED=$(q "SELECT mediator_id FROM users WHERE login = 'mediator1'")
MEDNAME=$(q "SELECT name FROM mediators WHERE id = $MED")
run "$TJ" list --db demo.db --mediator mediator1
expect_rc mediator 0
eq mediator-count "$(rows)" "$(q "SELECT count(*) FROM cases WHERE mediator_id = $MED")"
eq mediator-only "$(printf '%s\n' "$OUT" | tail -n +2 | cut -f7 | sort -u)" "$MEDNAME"
run "$TJ" list --db demo.db --mediator mediator1 --status mediating --month "$MONTH"
expect_rc combined 0
eq combined-count "$(rows)" "$(q "SELECT count(*) FROM cases WHERE mediator_id = $MED AND status = 'mediating'
	AND received LIKE '$MONTH-%'")"

# ---- --queue: the same definitions written independently in SQL
OPEN="status IN ('registered','confirmed','accepted','assigned','mediating')"
SOON=$(q "SELECT date('$TODAY', '+3 days')")
STALE=$(q "SELECT date('$TODAY', '-6 days')")
qcount() { # QUEUE WHERE
	run "$TJ" list --db demo.db --queue "$1"
	expect_rc "queue-$1" 0
	eq "queue-$1-count" "$(rows)" "$(q "SELECT count(*) FROM cases WHERE $2")"
}
qcount await-confirm "status = 'registered'"
qcount await-accept "status = 'confirmed'"
qcount await-assign "status = 'accepted'"
qcount due-soon "$OPEN AND deadline BETWEEN '$TODAY' AND '$SOON'"
qcount overdue "$OPEN AND deadline < '$TODAY'"
qcount stalled "$OPEN AND last_event_at < '$STALE'"
qcount followup "status = 'agreed' AND performance = 'pending' AND EXISTS (SELECT 1 FROM claims k
	WHERE k.case_id = cases.id AND k.pay_date <= '$TODAY')"
eq some-overdue "$(q "SELECT count(*) > 0 FROM cases WHERE $OPEN AND deadline < '$TODAY'")" 1
run "$TJ" list --db demo.db --queue 已超期
eq queue-chinese-name "$(rows)" "$(q "SELECT count(*) FROM cases WHERE $OPEN AND deadline < '$TODAY'")"

# ---- search text
CASE_NO=$(q "SELECT case_no FROM cases ORDER BY id DESC LIMIT 1 OFFSET 17")
run "$TJ" list --db demo.db "$CASE_NO"
expect_rc text-case-no 0
eq text-case-no-one "$(rows)" 1
eq text-case-no-found "$(printf '%s\n' "$OUT" | tail -n +2 | cut -f1)" "$CASE_NO"
ID=$(q "SELECT id_no FROM persons WHERE id_type = 'id' ORDER BY id LIMIT 1 OFFSET 40")
run "$TJ" list --db demo.db "$ID"
eq text-id "$(rows)" "$(q "SELECT count(DISTINCT p.case_id) FROM case_parties p JOIN persons s ON s.id = p.person_id
	WHERE s.id_no = '$ID'")"
LOWER=$(printf '%s' "$ID" | tr X x)
run "$TJ" list --db demo.db "$LOWER"
eq text-id-lower "$(rows)" "$(q "SELECT count(DISTINCT p.case_id) FROM case_parties p JOIN persons s ON s.id = p.person_id
	WHERE s.id_no = '$ID'")"
USCC=$(q "SELECT uscc FROM employers WHERE uscc IS NOT NULL ORDER BY id LIMIT 1 OFFSET 3")
run "$TJ" list --db demo.db "$USCC"
eq text-uscc "$(rows)" "$(q "SELECT count(DISTINCT case_id) FROM case_parties p JOIN employers e ON e.id = p.employer_id
	WHERE e.uscc = '$USCC'")"
EMP=$(q "SELECT name FROM employers ORDER BY id LIMIT 1 OFFSET 5")
run "$TJ" list --db demo.db "$EMP"
eq text-employer "$(rows)" "$(q "SELECT count(DISTINCT case_id) FROM case_parties p JOIN employers e ON e.id = p.employer_id
	WHERE instr(e.name, '$EMP') > 0")"
run "$TJ" list --db demo.db --status agreed "$EMP"
eq text-and-status "$(rows)" "$(q "SELECT count(DISTINCT case_id) FROM case_parties p JOIN employers e ON e.id = p.employer_id
	JOIN cases c ON c.id = p.case_id WHERE instr(e.name, '$EMP') > 0 AND c.status = 'agreed'")"
# a two-character surname+name finds every name that contains it
NAME2=$(q "SELECT substr(name, 1, 2) FROM persons WHERE length(name) = 3 ORDER BY id LIMIT 1")
run "$TJ" list --db demo.db "$NAME2"
eq text-two-chars "$(rows)" "$(q "SELECT count(*) FROM cases c WHERE instr(c.case_no, '$NAME2') > 0 OR EXISTS (
	SELECT 1 FROM case_parties p JOIN persons s ON s.id = p.person_id WHERE p.case_id = c.id AND instr(s.name, '$NAME2') > 0)
	OR EXISTS (SELECT 1 FROM case_parties p JOIN employers e ON e.id = p.employer_id WHERE p.case_id = c.id
	AND instr(e.name, '$NAME2') > 0)")"
PHONE=$(q "SELECT phone FROM persons WHERE phone GLOB '1[3-9]*' ORDER BY id LIMIT 1 OFFSET 9")
run "$TJ" list --db demo.db "$PHONE"
eq text-phone "$(rows)" "$(q "SELECT count(DISTINCT case_id) FROM case_parties p LEFT JOIN persons s ON s.id = p.person_id
	LEFT JOIN employers e ON e.id = p.employer_id WHERE s.phone = '$PHONE' OR e.phone = '$PHONE'")"
run "$TJ" list --db demo.db "没有这样的人"
expect_rc text-none 0
eq text-none-header-only "$OUT" "$HEADER"

# ---- nothing was written
eq read-only "$(md5sum <demo.db)" "$sum_before"

# ---- tabs and newlines in values stay inside their cell
sqlite3 demo.db ".backup tabs.db"
CASE_ID=$(sqlite3 tabs.db "SELECT id FROM cases ORDER BY id LIMIT 1")
sqlite3 tabs.db "UPDATE case_parties SET name = 'A' || char(9) || 'B' || char(10) || 'C' || char(13) || 'D'
	WHERE case_id = $CASE_ID AND role = 'respondent' AND ord =
	(SELECT min(ord) FROM case_parties WHERE case_id = $CASE_ID AND role = 'respondent')"
run "$TJ" list --db tabs.db
expect_rc tabs 0
printf '%s\n' "$OUT" >tabs.tsv
eq tabs-lines "$(tail -n +2 tabs.tsv | wc -l)" "$(sqlite3 tabs.db 'SELECT count(*) FROM cases')"
eq tabs-fields "$(awk -F'\t' 'NF != 8' tabs.tsv | wc -l)" 0
check tabs-spaces grep -q "${TAB}A B C D${TAB}" tabs.tsv

# ---- a case lists its parties as it holds them: a later change to the
# archive (a new application for the same employer) does not reach it
sqlite3 tabs.db "UPDATE employers SET name = '档案里的新名称'
	WHERE id = (SELECT employer_id FROM case_parties WHERE case_id = $CASE_ID AND role = 'respondent' AND ord =
	(SELECT min(ord) FROM case_parties WHERE case_id = $CASE_ID AND role = 'respondent'))"
run "$TJ" list --db tabs.db
expect_rc archive-changed 0
check archive-not-in-case sh -c '! printf "%s" "$1" | grep -q 档案里的新名称' sh "$OUT"
printf '%s\n' "$OUT" >tabs2.tsv
check case-keeps-its-copy grep -q "${TAB}A B C D${TAB}" tabs2.tsv

# ---- the due-soon window's edges (the demo may have no case in it)
OPEN_IDS=$(sqlite3 tabs.db "SELECT id FROM cases WHERE $OPEN ORDER BY id LIMIT 3" | tr '\n' ' ')
set -- $OPEN_IDS
sqlite3 tabs.db "UPDATE cases SET deadline = '$TODAY' WHERE id = $1;
	UPDATE cases SET deadline = '$SOON' WHERE id = $2;
	UPDATE cases SET deadline = date('$SOON', '+1 day') WHERE id = $3"
run "$TJ" list --db tabs.db --queue due-soon
WANT=$(sqlite3 tabs.db "SELECT count(*) FROM cases WHERE $OPEN AND deadline BETWEEN '$TODAY' AND '$SOON'")
eq due-soon-edges "$(rows)" "$WANT"
check due-soon-edges-nonempty test "$WANT" -ge 2
N3=$(sqlite3 tabs.db "SELECT case_no FROM cases WHERE id = $3")
eq due-soon-day-after "$(printf '%s\n' "$OUT" | grep -cF "$N3")" 0

# ---- wrong usage: exit 2, a Chinese message, no output
bad() { # NAME MESSAGE ARGS...
	local name=$1 msg=$2
	shift 2
	run "$TJ" list --db demo.db "$@"
	expect_rc "$name" 2
	expect_err "$name" "$msg"
	eq "$name-no-output" "$OUT" ""
}
bad bad-status "未知的案件状态" --status bogus
bad bad-status-chinese "未知的案件状态" --status 登记x
bad bad-month-13 "月份" --month 2026-13
bad bad-month-short "月份" --month 2026-1
bad bad-month-word "月份" --month november
bad bad-month-day "月份" --month 2026-11-01
bad bad-queue "未知的队列" --queue soon
bad bad-mediator "没有调解员账号" --mediator nobody
bad not-a-mediator "不是调解员" --mediator admin
bad extra-args "多余的参数" 张三 李四
bad bad-option "未知选项 --frobnicate" --frobnicate
bad bad-short-option "未知选项 -x" -x
# a search text that starts with "-": said so, and how; after -- it is text
bad dash-text "-张三 不是选项；以 - 开头的查找内容请写在 -- 之后" -张三
run "$TJ" list --db demo.db -- -张三
expect_rc dash-text-after-dashes 0
expect_out dash-text-header "case_no"

# ---- no database: exit 1, nothing created
run "$TJ" list --db nothere.db
expect_rc no-db 1
expect_err no-db "不存在"
check no-db-not-created test ! -e nothere.db

run "$TJ" list --help
expect_rc help 0
expect_out help "tiaojie list"
run "$TJ" --help
expect_out main-help "tiaojie list"

done_tests
