# test_docprint.sh - one key on the case detail issues the document the
# case's state calls for: an agreed case gives its 调解协议书, written to the
# documents directory (readable by its owner only), sent to the print
# command (which copies it where the test finds it), recorded on the case
# and listed under its documents; a failed case gives the 调解终止通知书; a
# print command that fails is reported while the document stays issued.
. "$(dirname "$0")/lib.sh"
DB="$T/demo.db"
"$TJ" demo --db "$DB" >/dev/null 2>"$T/demo.err" || fail "demo failed: $(cat "$T/demo.err")"
q() { sqlite3 "$DB" "$1"; }
cat >"$T/tj.conf" <<CONF
[commands]
print = cp "\$1" '$T/printed.pdf'
[documents]
dir = $T/docs
CONF
row=$(q "SELECT id || '|' || case_no FROM cases WHERE status = 'agreed' ORDER BY id DESC LIMIT 1")
cid=${row%%|*}; cno=${row#*|}
ndoc=$(q "SELECT count(*) FROM documents WHERE case_id = $cid")
nagr=$(q "SELECT count(*) FROM documents WHERE case_id = $cid AND kind = 'agreement'")
app=$(q "SELECT p.name FROM case_parties cp JOIN persons p ON p.id = cp.person_id WHERE cp.case_id = $cid AND cp.role = 'applicant' ORDER BY cp.ord LIMIT 1")

start "$TJ" --db "$DB" --config "$T/tj.conf"
login admin demo1234
skip_drafts
key 3
typ "$cno"
expect_screen found "$cno"
key Enter
expect_screen detail "请求事项"
expect_screen key-on-bar "F11^O文书"
key F11
# several documents fit an agreed case: a choice, the agreement first
expect_screen chooser "出具文书"
expect_screen chooser-first "1  调解协议书"
key Enter
expect_screen issued "已生成并送打印：调解协议书" 20
f="$T/docs/$cno-调解协议书.pdf"
[ -f "$f" ] && ok || fail "no file $f: $(ls "$T/docs" 2>&1)"
[ "$(stat -c %a "$f" 2>/dev/null)" = 600 ] && ok || fail "document mode $(stat -c %a "$f" 2>/dev/null)"
[ "$(stat -c %a "$T/docs" 2>/dev/null)" = 700 ] && ok || fail "directory mode $(stat -c %a "$T/docs" 2>/dev/null)"
cmp -s "$f" "$T/printed.pdf" && ok || fail "the print command did not get the document"
txt=$(pdftotext "$T/printed.pdf" - 2>/dev/null)
case "$txt" in *调解协议书*) ok ;; *) fail "printed PDF lacks the title" ;; esac
case "$txt" in *"$cno"*) ok ;; *) fail "printed PDF lacks the case number" ;; esac
case "$txt" in *"$app"*) ok ;; *) fail "printed PDF lacks the applicant $app" ;; esac
[ "$(q "SELECT count(*) FROM documents WHERE case_id = $cid AND kind = 'agreement'")" = $((nagr + 1)) ] && ok ||
	fail "documents row"
[ "$(q "SELECT count(*) FROM events WHERE case_id = $cid AND action = 'document' AND after LIKE '调解协议书：%'")" = 1 ] &&
	ok || fail "document event"
key End
expect_screen timeline "出具文书"
key Home
for i in $(seq 1 60); do screen_text | grep -qF "已出具文书（$((ndoc + 1))）" && break; key Down; done
expect_screen listed "已出具文书（$((ndoc + 1))）"
expect_screen listed-kind "调解协议书"
key Escape Escape

# a failed case: its termination notice; a print command that fails
row=$(q "SELECT id || '|' || case_no FROM cases WHERE status = 'failed' ORDER BY id DESC LIMIT 1")
fid=${row%%|*}; fno=${row#*|}
nterm=$(q "SELECT count(*) FROM documents WHERE case_id = $fid AND kind = 'termination'")
printf '#!/bin/sh\necho 打印机脱机 >&2\nexit 3\n' >"$T/badprint"
chmod +x "$T/badprint"
cat >"$T/tj.conf" <<CONF
[commands]
print = '$T/badprint' "\$1"
[documents]
dir = $T/docs
CONF
key F12
wait_for "确定" 2 && key y
wait_exit
start "$TJ" --db "$DB" --config "$T/tj.conf"
login admin demo1234
skip_drafts
key 3
typ "$fno"
expect_screen found-2 "$fno"
key Enter
expect_screen detail-2 "请求事项"
key F11
expect_screen chooser-2 "1  调解终止通知书"
expect_screen chooser-2-arbitration "仲裁申请书"
key Enter
expect_screen print-failed "打印失败" 20
expect_screen which-doc "调解终止通知书"
[ -f "$T/docs/$fno-调解终止通知书.pdf" ] && ok || fail "termination notice not written"
[ "$(q "SELECT count(*) FROM documents WHERE case_id = $fid AND kind = 'termination'")" = $((nterm + 1)) ] && ok || fail "termination row"
done_tests
