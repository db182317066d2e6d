#!/bin/bash
# test_faults.sh - what the program says and keeps when the machine fails
# under it (issue 17's suite):
#   - a full disk (a small tmpfs this test mounts; root only): a nearly full
#     and a completely full disk under the database, and backups, exports
#     and documents written onto a full disk;
#   - a read-only database (the tmpfs remounted read-only): reading works,
#     logging in on the screens works (a wrong password not counted, and
#     the screen says so), every write is refused in Chinese, nothing is
#     written;
#   - damaged files: truncated databases, bytes flipped in the event log's
#     pages and anywhere in the file, truncated and byte-flipped WALs;
#   - the write lock held past the busy timeout by a sqlite3 process in
#     BEGIN IMMEDIATE.
# Each with the Chinese message it must give and the data it must keep.
. "$(dirname "$0")/../screen/lib.sh"
export TIAOJIE_FORMS="$SRCDIR/forms"

# A full disk is named as such (issue 17 items 6 and 8): at open (SQLite
# says only "disk I/O error" when it cannot size its -shm file; db_fail
# asks the system's errno), for a backup and for a workbook (libxlsxwriter
# names only its zip operation).  Keys listed in FAULTS_KNOWN are reported
# and not counted (none by default: full-at-open full-backup full-export).
KNOWN=${FAULTS_KNOWN-}
known_or_fail() { # KEY MESSAGE
	case " $KNOWN " in
	*" $1 "*) echo "KNOWN FAILURE faults $1: $2" ;;
	*) fail "$1: $2" ;;
	esac
}

q() { sqlite3 -cmd '.timeout 5000' "$1" "$2"; }
eq() { # NAME GOT WANT
	if [ "$2" = "$3" ]; then ok; else fail "$1: got '$2', want '$3'"; fi
}
has() { # NAME TEXT SUBSTRING
	case "$2" in *"$3"*) ok ;; *) fail "$1: lacks '$3': $(printf '%s' "$2" | head -c 400)" ;; esac
}
# no_crash NAME: the last run ended by itself (no signal, no sanitizer)
no_crash() {
	if [ "$RC" -lt 2 ] && ! printf '%s' "$ERR" | grep -q 'Sanitizer\|runtime error'; then ok; else fail "$1: exit $RC: $ERR"; fi
}
# consistent NAME DB: whole, every case complete, numbers without gaps
consistent() {
	eq "$1 integrity_check" "$(q "$2" 'PRAGMA integrity_check')" ok
	eq "$1 partial case" "$(q "$2" "SELECT count(*) FROM cases c WHERE
		NOT EXISTS (SELECT 1 FROM case_parties p WHERE p.case_id = c.id AND p.role = 'applicant')
		OR NOT EXISTS (SELECT 1 FROM claims k WHERE k.case_id = c.id)
		OR NOT EXISTS (SELECT 1 FROM events e WHERE e.case_id = c.id AND e.action = 'register')")" 0
	eq "$1 case numbers" "$(q "$2" "SELECT count(*) FROM (SELECT year FROM cases GROUP BY year
		HAVING count(*) != count(DISTINCT seq) OR min(seq) != 1 OR max(seq) != count(*))")" 0
}
flip() { # FILE OFFSET: one byte xor 0x5a
	python3 -c 'import sys
f = open(sys.argv[1], "r+b"); o = int(sys.argv[2]); f.seek(o); b = f.read(1); f.seek(o); f.write(bytes([b[0] ^ 0x5a]))' "$1" "$2"
}

# ---- the database --------------------------------------------------------
run "$TJ" demo --db base.db --cases 200 --seed 7
expect_rc demo 0
N0=$(q base.db "SELECT count(*) FROM cases")
E0=$(q base.db "SELECT count(*) FROM events")
C1=$(q base.db "SELECT case_no FROM cases ORDER BY id LIMIT 1")
printf 'faults-pass-123\n' >pw
python3 - <<'EOF'
import json
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = '10X98765432'
with open("apps.jsonl", "w") as f:
    for i in range(12):
        b = "31010419850%d%02d%03d" % (1 + i % 9, 1 + i, 100 + i)
        r = {"external_id": "F-%03d" % i, "channel": "网上", "received": "2026-11-19",
             "applicants": [{"doc_kind": "居民身份证", "doc_no": b + C[sum(int(x) * w for x, w in zip(b, W)) % 11],
                             "name": "故障" + "甲乙丙丁"[i % 4], "phone": "139%08d" % i, "address": "上海市徐汇区漕溪北路1号"}],
             "respondents": [{"kind": "用人单位", "name": "上海某某%d号科技有限公司" % (i % 3), "address": "上海市浦东新区张江路1号"}],
             "claims": [{"cause": "0601", "text": "支付工资", "amount": "%d.00" % (5000 + i)}],
             "facts": "被申请人拖欠工资。" * 40}
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
EOF

# ---- a full disk -----------------------------------------------------------
if [ "$(id -u)" -ne 0 ]; then
	echo "faults: not root: the full disk and the read-only file system are not tried"
else
	mkdir full
	size=$(($(stat -c %s base.db) / 1024 + 1024))
	if mount -t tmpfs -o "size=${size}k" tmpfs full; then
		# nearly full: the database opens, the saves do not fit
		cp base.db full/w.db
		avail=$(df --output=avail -k full | tail -n 1)
		dd if=/dev/zero of=full/fill bs=1k count=$((avail - 48)) 2>/dev/null
		run "$TJ" import --db full/w.db apps.jsonl
		expect_rc nearly-full-import 1
		has nearly-full-import "$OUT" "磁盘已满"
		n=$(q full/w.db "SELECT count(*) FROM cases")
		reg=$(printf '%s' "$OUT" | tail -n 1 | sed -n 's/.*登记 \([0-9]*\) 条，跳过.*/\1/p')
		eq "nearly-full: what it says it registered is there" "$n" "$((N0 + ${reg:-0}))"
		consistent nearly-full full/w.db
		run "$TJ" check --db full/w.db
		expect_rc nearly-full-check 0
		# room again: the rest registers, nothing twice
		rm -f full/fill
		mount -o remount,size=16m full
		run "$TJ" import --db full/w.db apps.jsonl
		expect_rc full-space-again-import 0
		has full-space-again "$OUT" "登记 $((12 - ${reg:-0})) 条，跳过 ${reg:-0} 条，未登记 0 条"
		consistent full-space-again full/w.db
		rm -f full/w.db*

		# completely full: not one byte left under a database
		mount -o remount,size=${size}k full
		cp base.db full/w.db
		cat /dev/zero >full/fill 2>/dev/null
		run "$TJ" import --db full/w.db apps.jsonl
		check full-import-refused [ "$RC" -ne 0 ]
		case "$OUT$ERR" in
		*"磁盘已满"*) ok ;;
		*) known_or_fail full-at-open "import on a disk with no byte left: $(printf '%s' "$OUT$ERR" | head -n 2 | tr '\n' ' ')" ;;
		esac
		run "$TJ" list --db full/w.db
		case "$OUT$ERR" in
		*"磁盘已满"*|*"$C1"*) ok ;;
		*) known_or_fail full-at-open "list on a disk with no byte left: $(printf '%s' "$ERR" | head -n 1)" ;;
		esac
		rm -f full/fill
		eq "full: the cases kept" "$(q full/w.db "SELECT count(*) FROM cases")" "$N0"
		consistent full full/w.db
		rm -f full/w.db*

		# outputs onto a full disk: refused in Chinese, nothing under the
		# name or a temporary one, nothing recorded
		mount -o remount,size=${size}k full
		cat /dev/zero >full/fill 2>/dev/null
		run "$TJ" backup --db base.db full/b.db
		check backup-full-refused [ "$RC" -ne 0 ]
		case "$ERR" in
		*"磁盘已满"*) ok ;;
		*) known_or_fail full-backup "backup onto a full disk: $(printf '%s' "$ERR" | tail -n 1)" ;;
		esac
		run "$TJ" export --db base.db --month 2026-10 -o full/e.xlsx --full-ids
		check export-full-refused [ "$RC" -ne 0 ]
		case "$ERR" in
		*"磁盘已满"*) ok ;;
		*) known_or_fail full-export "export onto a full disk: $(printf '%s' "$ERR" | tail -n 1)" ;;
		esac
		# only our Chinese message: libxlsxwriter's own English lines
		# ("[ERROR][packager.c...]") are not shown to the user
		case "$ERR" in
		*"[ERROR]"* | *"[WARNING]"*) fail "export onto a full disk: the library's lines shown: $(printf '%s' "$ERR" | head -n 2)" ;;
		*) ok ;;
		esac
		# nearly full: the workbook's temporary sheets fit, its zip does not
		rm -f full/fill
		dd if=/dev/zero of=full/fill bs=1k count=$(($(df --output=avail -k full | tail -n 1) - 8)) 2>/dev/null
		run "$TJ" export --db base.db --month 2026-10 -o full/e.xlsx
		check export-nearly-full-refused [ "$RC" -ne 0 ]
		has export-nearly-full "$ERR" "磁盘已满"
		case "$ERR" in
		*"[ERROR]"* | *"[WARNING]"*) fail "export onto a nearly full disk: the library's lines shown: $(printf '%s' "$ERR" | head -n 2)" ;;
		*) ok ;;
		esac
		cat /dev/zero >>full/fill 2>/dev/null
		run "$TJ" doc --db base.db "$C1" application -o full/d.pdf
		check doc-full-refused [ "$RC" -ne 0 ]
		has doc-full "$ERR" "磁盘已满"
		run "$TJ" doc --db base.db "$C1" application -o full/d.txt
		check doc-txt-full-refused [ "$RC" -ne 0 ]
		has doc-txt-full "$ERR" "磁盘已满"
		eq "full outputs: nothing left" "$(ls -A full | grep -v '^fill$' | tr '\n' ' ')" ""
		eq "full outputs: nothing recorded" "$(q base.db "SELECT count(*) FROM events")" "$E0"
		umount full
	else
		fail "full disk: could not mount a small tmpfs as root"
	fi

	# ---- a read-only database ------------------------------------------
	if mount -t tmpfs -o size=16m tmpfs full; then
		cp base.db full/w.db
		mount -o remount,ro full
		run "$TJ" list --db full/w.db
		expect_rc ro-list 0
		expect_out ro-list "$C1"
		run "$TJ" show --db full/w.db "$C1"
		expect_rc ro-show 0
		run "$TJ" check --db full/w.db
		expect_rc ro-check 0
		run "$TJ" import --db full/w.db apps.jsonl
		expect_rc ro-import 1
		has ro-import "$OUT" "数据库以只读方式打开，不能保存"
		run "$TJ" doc --db full/w.db "$C1" application -o ro.pdf
		check ro-doc-refused [ "$RC" -ne 0 ]
		has ro-doc "$ERR" "只读"
		check ro-doc-no-file [ ! -e ro.pdf ]
		run "$TJ" export --db full/w.db --month 2026-10 -o ro.xlsx --full-ids
		check ro-full-ids-refused [ "$RC" -ne 0 ]
		has ro-full-ids "$ERR" "导出完整证件号码无法记入操作记录，未导出"
		check ro-full-ids-no-file [ ! -e ro.xlsx ]
		run "$TJ" export --db full/w.db --month 2026-10 -o ro-masked.xlsx
		expect_rc ro-masked-export 0
		has ro-masked-export "$ERR" "本次导出未记入操作记录"
		run "$TJ" user add --db full/w.db ro1 --role clerk --password-file pw
		check ro-user-refused [ "$RC" -ne 0 ]
		has ro-user "$ERR" "只读"
		run "$TJ" user passwd --db full/w.db clerk --password-file pw
		check ro-passwd-refused [ "$RC" -ne 0 ]
		has ro-passwd "$ERR" "只读"
		# the full-screen program: logging in writes nothing, a wrong
		# password is not counted and says so, the desk says it is read-only
		if start "$TJ" --db full/w.db; then
			expect_screen ro-login-warning "数据库为只读：可以查看，不能保存" 3
			login clerk wrongpass
			expect_screen ro-login-wrong "账号或密码错误" 3
			expect_screen ro-login-not-counted "未计入失败次数" 3
			login clerk demo1234
			skip_drafts
			expect_screen ro-login-desk "工作台" 3
			tm kill-server >/dev/null 2>&1
		fi
		eq "ro: the file unchanged" "$(cmp -s base.db full/w.db && echo same)" same
		for _ in 1 2 3 4 5 6 7 8 9 10; do umount full 2>/dev/null && break; sleep 0.3; done
	else
		fail "read-only: could not mount a tmpfs as root"
	fi
	rmdir full
fi

# ---- damaged databases -----------------------------------------------------
size=$(stat -c %s base.db)
pagesz=$(q base.db "PRAGMA page_size")
# truncated anywhere: refused as damaged, in Chinese, never a crash
for i in $(seq 1 12); do
	cp base.db t.db
	cut=$(((RANDOM * 32768 + RANDOM) % size))
	truncate -s "$cut" t.db
	run "$TJ" check --db t.db
	no_crash "truncated $cut"
	check "truncated $cut: check fails" [ "$RC" -eq 1 ]
	has "truncated $cut" "$ERR" "损坏"
	run "$TJ" list --db t.db
	no_crash "truncated $cut list"
	[ "$RC" -eq 0 ] || has "truncated $cut list" "$ERR" "损坏"
	rm -f t.db*
done
# a byte flipped inside the cells of the event log's pages: always found
mapfile -t EVP < <(q base.db "SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf'")
check "event log pages found" [ "${#EVP[@]}" -gt 10 ]
for i in $(seq 1 12); do
	cp base.db t.db
	p=${EVP[$((RANDOM % ${#EVP[@]}))]}
	# the cell content area: from the header's start-of-content to the page end
	off=$(python3 -c 'import sys, random
p, ps = int(sys.argv[2]), int(sys.argv[3])
f = open(sys.argv[1], "rb"); base = (p - 1) * ps; hdr = base + (100 if p == 1 else 0)
f.seek(hdr + 5); start = int.from_bytes(f.read(2), "big") or 65536
print(base + random.randrange(start, ps))' t.db "$p" "$pagesz")
	flip t.db "$off"
	run "$TJ" check --db t.db
	no_crash "event flip $off"
	if [ "$RC" -eq 1 ]; then ok; else fail "event flip at $off (page $p) not found: $OUT"; fi
	case "$ERR" in *"损坏"* | *"校验链"* | *"操作记录"*) ok ;; *) fail "event flip $off: message: $ERR" ;; esac
	rm -f t.db*
done
# a byte flipped anywhere: no crash; a problem found is named in Chinese
found=0
for i in $(seq 1 30); do
	cp base.db t.db
	off=$(((RANDOM * 32768 + RANDOM) % size))
	flip t.db "$off"
	run "$TJ" check --db t.db
	no_crash "flip $off"
	if [ "$RC" -eq 1 ]; then
		found=$((found + 1))
		case "$ERR" in *"损坏"* | *"校验链"* | *"问题"*) ok ;; *) fail "flip $off: message: $ERR" ;; esac
	else
		has "flip $off passes" "$OUT" "检查通过"
	fi
	rm -f t.db*
done
echo "faults: check found $found of 30 bytes flipped anywhere (12 of 12 in the event log's cells)"

# ---- damaged WALs ------------------------------------------------------------
# a database with saves still in its WAL: a reader holds it open while
# the import commits, and the pair is copied before anyone checkpoints
mkdir wal
cp base.db wal/w.db
python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1]); c.execute("SELECT count(*) FROM cases").fetchall(); time.sleep(4)' wal/w.db &
reader=$!
sleep 0.5
run "$TJ" import --db wal/w.db apps.jsonl
expect_rc wal-import 0
cp wal/w.db pristine.db
cp wal/w.db-wal pristine.db-wal
wait "$reader"
wsize=$(stat -c %s pristine.db-wal)
check "wal has frames" [ "$wsize" -gt 32 ]
cp pristine.db t.db
cp pristine.db-wal t.db-wal
run "$TJ" check --db t.db
expect_rc wal-intact 0
eq wal-intact-cases "$(q t.db "SELECT count(*) FROM cases")" "$((N0 + 12))"
rm -f t.db*
lost=0
for i in $(seq 1 16); do
	cp pristine.db t.db
	cp pristine.db-wal t.db-wal
	if ((i % 2)); then
		what="wal truncated"
		truncate -s $(((RANDOM * 32768 + RANDOM) % wsize)) t.db-wal
	else
		what="wal flip"
		flip t.db-wal $((32 + (RANDOM * 32768 + RANDOM) % (wsize - 32)))
	fi
	run "$TJ" check --db t.db
	no_crash "$what $i"
	# what was in the database file is kept; what is left is consistent
	n=$(q t.db "SELECT count(*) FROM cases")
	check "$what $i: the cases before kept ($n)" [ "$n" -ge "$N0" ] && [ "$n" -le $((N0 + 12)) ]
	lost=$((lost + N0 + 12 - n))
	consistent "$what $i" t.db
	run "$TJ" check --db t.db
	expect_rc "$what $i check" 0
	rm -f t.db*
done
echo "faults: 16 damaged WALs lost $lost of 192 registrations (the frames from the damage on), the rest consistent"

# ---- the write lock held past the busy timeout ------------------------------
printf '[database]\nbusy_timeout = 300\n' >short.conf
cp base.db lk.db
rm -f lk.pdf lk.xlsx
mkfifo hold
sqlite3 lk.db <hold >/dev/null 2>&1 &
holder=$!
exec 9>hold
echo "BEGIN IMMEDIATE; INSERT INTO case_seq(year, last) VALUES (1999, 0);" >&9
sleep 0.5
t0=$(date +%s%N)
run "$TJ" --config short.conf import --db lk.db apps.jsonl
t1=$(date +%s%N)
expect_rc locked-import 1
has locked-import "$OUT" "数据库正被其他用户写入，请稍后重试"
has locked-import-totals "$OUT" "登记 0 条，跳过 0 条，未登记 12 条"
check "locked: gives up after the busy timeout, not at once and not never" \
	[ $(((t1 - t0) / 1000000)) -ge 300 ] && [ $(((t1 - t0) / 1000000)) -lt 20000 ]
run "$TJ" --config short.conf doc --db lk.db "$C1" application -o lk.pdf
check locked-doc-refused [ "$RC" -ne 0 ]
has locked-doc "$ERR" "数据库正被其他用户写入"
check locked-doc-no-file [ ! -e lk.pdf ]
run "$TJ" --config short.conf export --db lk.db --month 2026-10 -o lk.xlsx --full-ids
check locked-full-ids-refused [ "$RC" -ne 0 ]
has locked-full-ids "$ERR" "数据库正被其他用户写入"
check locked-full-ids-no-file [ ! -e lk.xlsx ]
run "$TJ" --config short.conf user add --db lk.db lk1 --role clerk --password-file pw
check locked-user-refused [ "$RC" -ne 0 ]
has locked-user "$ERR" "数据库正被其他用户写入"
run "$TJ" --config short.conf list --db lk.db
expect_rc locked-list-reads 0
echo "ROLLBACK;" >&9
exec 9>&-
wait "$holder"
eq "locked: nothing written" "$(q lk.db "SELECT count(*) || ' ' || (SELECT count(*) FROM events) FROM cases")" "$N0 $E0"
eq "locked: no temporary file" "$(ls -A | grep -c '^\.lk\.')" 0
run "$TJ" import --db lk.db apps.jsonl
expect_rc unlocked-import 0
has unlocked-import "$OUT" "登记 12 条"
consistent unlocked lk.db

done_tests
