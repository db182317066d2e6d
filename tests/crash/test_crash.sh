#!/bin/bash
# test_crash.sh - kill -9 at random points during every kind of write the
# command line and the case work make, then check what is left.
#
# Kinds (the trials are shared out among them): registration (`tiaojie
# import` of a small file of application records), case transitions
# (build/test/crashdrv: case_apply, the function the screens call, as fast
# as it goes), documents (`doc -o FILE.pdf`), backups, statistics exports
# (`export -o FILE.xlsx`) and accounts (`user add`, `user passwd`).
# Each trial starts the writer, kills it with SIGKILL after a random delay
# between 0 and a little more than the time it takes uninterrupted
# (measured first, then shortened after each write that finished first
# and lengthened a little after each one killed), and then checks:
#   - PRAGMA integrity_check says ok and `tiaojie check` passes (the event
#     chain, every case with its events);
#   - no partial case: every case has an applicant, a respondent, a claim
#     and its registration event;
#   - case numbers: each year's run from 1 without a gap or a repeat, the
#     sequence counter at its end;
#   - registration: running the import again registers exactly the rest
#     (no record twice, none lost);
#   - transitions: each case's version moved exactly as often as its
#     case events (no save without its event, no event without its save);
#   - outputs: nothing partial under its final name (pdfinfo for the PDF,
#     unzip -t for the workbook, integrity_check for the backup), and a
#     recorded document is there and whole;
#   - accounts: a new account exists only with its event;
#   - after the next uninterrupted run of the same kind and `tiaojie check`,
#     no temporary file of the program's naming is left.
# CRASH_TRIALS trials in all (100 unless given: `make check`; `make crash`
# runs 1,000).  CRASH_SEED makes a run repeatable.
. "$(dirname "$0")/../cmd/lib.sh"
export TIAOJIE_FORMS="$SRCDIR/forms"
TRIALS=${CRASH_TRIALS:-100}
RANDOM=${CRASH_SEED:-$$}
DRV=${CRASHDRV:-$(dirname "$TJ")/crashdrv}
[ -x "$DRV" ] || DRV="$SRCDIR/build/test/crashdrv"

# Kinds listed in CRASH_KNOWN_TEMP_LEFT only report their leftover
# temporary files, and CRASH_KNOWN_UNRECORDED="export" only reports a
# full-ID workbook found without its event: both counted as failures by
# default since every output is written unnamed (O_TMPFILE) or under a
# name the next start removes, and recorded before it takes its name.
KNOWN_TEMP_LEFT=${CRASH_KNOWN_TEMP_LEFT-}
KNOWN_UNRECORDED=${CRASH_KNOWN_UNRECORDED-}

q() { sqlite3 -cmd '.timeout 5000' "$1" "$2"; }
eq() { # NAME GOT WANT
	if [ "$2" = "$3" ]; then ok; else fail "$1: got '$2', want '$3'"; fi
}

kinds="register transition doc backup export user"
declare -A per dur kills finished
n=0
for k in $kinds; do per[$k]=$((TRIALS / 6)); n=$((n + TRIALS / 6)); kills[$k]=0; finished[$k]=0; done
per[register]=$((per[register] + TRIALS - n))

# ---- the database ---------------------------------------------------------
run "$TJ" demo --db base.db --cases 200 --seed 17
expect_rc demo 0
printf 'crash-test-pass-1\n' >pw1
printf 'crash-test-pass-2\n' >pw2
# application records: import_file FILE PREFIX N
import_file() {
	python3 - "$1" "$2" "$3" <<'EOF'
import json, sys
path, prefix, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = '10X98765432'
def cid(i):
    b = "310104198%d%02d%02d%03d" % (i % 10, 1 + i % 12, 1 + i % 28, (i * 7) % 1000)
    return b + C[sum(int(x) * w for x, w in zip(b, W)) % 11]
with open(path, "w") as f:
    for i in range(n):
        r = {"external_id": "%s-%03d" % (prefix, i), "channel": "网上", "received": "2026-11-19",
             "applicants": [{"doc_kind": "居民身份证", "doc_no": cid(hash(prefix) % 1000 + i), "name": "杀进程" + "甲乙丙丁戊"[i % 5],
                             "phone": "139%08d" % i, "address": "上海市徐汇区漕溪北路1号"}],
             "respondents": [{"kind": "用人单位", "name": "上海某某%d号科技有限公司" % (i % 7),
                              "address": "上海市浦东新区张江路1号"}],
             "claims": [{"cause": "0601", "text": "支付工资", "amount": "%d.50" % (10000 + i)},
                        {"cause": "0403", "text": "经济补偿", "amount": "3000.00"}],
             "facts": "申请人入职后被申请人拖欠工资。"}
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
EOF
}

# ---- the checks after every kill -----------------------------------------
# common DB NAME: the database-wide checks
common() {
	local db=$1 name=$2
	eq "$name integrity_check" "$(q "$db" 'PRAGMA integrity_check')" ok
	"$TJ" check --db "$db" >"$T/.chk" 2>&1 || fail "$name: tiaojie check: $(cat "$T/.chk")"
	eq "$name partial case" "$(q "$db" "SELECT count(*) FROM cases c WHERE
		NOT EXISTS (SELECT 1 FROM case_parties p WHERE p.case_id = c.id AND p.role = 'applicant')
		OR NOT EXISTS (SELECT 1 FROM case_parties p WHERE p.case_id = c.id AND p.role = 'respondent')
		OR NOT EXISTS (SELECT 1 FROM claims k WHERE k.case_id = c.id)
		OR NOT EXISTS (SELECT 1 FROM events e WHERE e.case_id = c.id AND e.action = 'register')")" 0
	eq "$name case numbers" "$(q "$db" "SELECT count(*) FROM (SELECT year, count(*) n, count(DISTINCT seq) d,
		min(seq) lo, max(seq) hi, (SELECT last FROM case_seq s WHERE s.year = c.year) last
		FROM cases c GROUP BY year) WHERE n != d OR lo != 1 OR hi != n OR last IS NOT hi")" 0
	eq "$name case_no repeats" "$(q "$db" "SELECT count(*) - count(DISTINCT case_no) FROM cases")" 0
}
# temp_left DIR: the program's temporary files there (the hidden
# ".NAME.XXXXXX" of documents and workbooks, "NAME.tmp.XXXXXX" of backups,
# SQLite's journals of a backup)
temp_left() {
	(cd "$1" && ls -A | grep -E '^\..+\.[A-Za-z0-9]{6}$|\.tmp\.[A-Za-z0-9]{6}|^\.tiaojie-doc\.|\.db\.tmp|-journal$' | grep -v '^\.\(out\|err\|chk\)$')
}
# the next start: a run of the same kind and `tiaojie check`, then no
# temporary file may be left
after_next_start() { # KIND DIR CMD...
	local kind=$1 dir=$2 left
	shift 2
	"$@" >/dev/null 2>&1
	"$TJ" check --db "$dir/w.db" >/dev/null 2>&1
	left=$(temp_left "$dir" | tr '\n' ' ')
	if [ -z "$left" ]; then
		ok
		case " $KNOWN_TEMP_LEFT " in *" $kind "*) echo "crash $kind: no temporary file left (known failure no longer seen)" ;; esac
	else
		case " $KNOWN_TEMP_LEFT " in
		*" $kind "*)
			echo "KNOWN FAILURE crash $kind: $(echo "$left" | wc -w) temporary files left after the next start: $(echo "$left" | cut -c1-300)"
			;;
		*) fail "$kind: temporary files left after the next start: $left" ;;
		esac
	fi
}

# killtrial KIND CMD...: run CMD, SIGKILL it after a random delay
killtrial() {
	local kind=$1 d
	shift
	d=$((RANDOM % (dur[$kind] * 12 / 10 + 1)))
	"$@" >/dev/null 2>&1 &
	local pid=$!
	sleep "$(printf '0.%06d' $((d * 1000)))" 2>/dev/null || sleep 0
	# the delays follow the machine: shorter after a write that finished
	# first, a little longer after one killed
	if kill -9 "$pid" 2>/dev/null; then
		kills[$kind]=$((kills[$kind] + 1))
		dur[$kind]=$((dur[$kind] * 103 / 100 + 1))
	else
		finished[$kind]=$((finished[$kind] + 1))
		dur[$kind]=$((dur[$kind] * 85 / 100))
		[ "${dur[$kind]}" -ge 5 ] || dur[$kind]=5
	fi
	wait "$pid" 2>/dev/null
}
# calibrate KIND CMD...: how long CMD takes, in ms (at least 5)
calibrate() {
	local kind=$1 t0 t1
	shift
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1
	t1=$(date +%s%N)
	dur[$kind]=$(((t1 - t0) / 1000000))
	[ "${dur[$kind]}" -ge 5 ] || dur[$kind]=5
	[ "${dur[$kind]}" -le 999 ] || dur[$kind]=999
}

start_kind() { # KIND: a fresh directory with a copy of the database
	mkdir -p "$T/$1"
	cp base.db "$T/$1/w.db"
}

# ---- registration -----------------------------------------------------------
k=register
start_kind $k
D=$T/$k
import_file "$D/cal.jsonl" CAL 10
calibrate $k "$TJ" import --db "$D/w.db" "$D/cal.jsonl"
for ((i = 0; i < per[$k]; i++)); do
	import_file "$D/r$i.jsonl" "R$i" 12
	killtrial $k "$TJ" import --db "$D/w.db" "$D/r$i.jsonl"
	common "$D/w.db" "register $i"
	got=$(q "$D/w.db" "SELECT count(*) FROM cases WHERE external_id LIKE 'R$i-%'")
	"$TJ" import --db "$D/w.db" "$D/r$i.jsonl" >"$T/.imp" 2>&1 || fail "register $i: import again: $(cat "$T/.imp")"
	eq "register $i: import again" "$(tail -n 1 "$T/.imp")" "共 12 条：登记 $((12 - got)) 条，跳过 $got 条，未登记 0 条"
	eq "register $i: all there once" "$(q "$D/w.db" "SELECT count(DISTINCT external_id) || ' ' || count(*) FROM cases WHERE external_id LIKE 'R$i-%'")" "12 12"
done
common "$D/w.db" "register end"
after_next_start $k "$D" "$TJ" import --db "$D/w.db" "$D/cal.jsonl"

# ---- transitions ------------------------------------------------------------
k=transition
start_kind $k
D=$T/$k
import_file "$D/open.jsonl" OPEN 40
"$TJ" import --db "$D/w.db" "$D/open.jsonl" >/dev/null 2>&1 || fail "transition: 40 open cases"
# each case's version and case events now; every change from here on
# moves both by one
CE="(SELECT count(*) FROM events e WHERE e.case_id = c.id AND e.entity = 'case' AND e.action NOT IN ('note', 'document'))"
q "$D/w.db" "CREATE TEMP TABLE x(a); ATTACH '$D/snap.db' AS s; CREATE TABLE s.snap AS SELECT id, version, $CE AS ev FROM cases c"
calibrate $k "$DRV" "$D/w.db" 60 999
total0=$(q "$D/w.db" "SELECT sum(version) FROM cases")
for ((i = 0; i < per[$k]; i++)); do
	killtrial $k "$DRV" "$D/w.db" 60 "$i"
	common "$D/w.db" "transition $i"
	eq "transition $i: version and events" "$(q "$D/w.db" "ATTACH '$D/snap.db' AS s; SELECT count(*) FROM cases c
		JOIN s.snap p ON p.id = c.id WHERE c.version - p.version != $CE - p.ev")" 0
done
moved=$(($(q "$D/w.db" "SELECT sum(version) FROM cases") - total0))
check "transition: changes saved ($moved)" [ "$moved" -gt 0 ]
after_next_start $k "$D" "$DRV" "$D/w.db" 5 4242

# ---- documents ----------------------------------------------------------------
k=doc
start_kind $k
D=$T/$k
mapfile -t CASES < <(q "$D/w.db" "SELECT case_no FROM cases ORDER BY id")
# the first document loads the fonts: time the second
"$TJ" doc --db "$D/w.db" "${CASES[0]}" application -o "$D/warm.pdf" >/dev/null 2>&1
calibrate $k "$TJ" doc --db "$D/w.db" "${CASES[0]}" application -o "$D/cal.pdf"
for ((i = 0; i < per[$k]; i++)); do
	c=${CASES[$((RANDOM % ${#CASES[@]}))]}
	killtrial $k "$TJ" doc --db "$D/w.db" "$c" application -o "$D/d$i.pdf"
	common "$D/w.db" "doc $i"
	rec=$(q "$D/w.db" "SELECT count(*) FROM documents WHERE file LIKE '%/d$i.pdf'")
	ev=$(q "$D/w.db" "SELECT count(*) FROM events WHERE action = 'document' AND after LIKE '%/d$i.pdf'")
	eq "doc $i: recorded with its event" "$ev" "$rec"
	if [ -e "$D/d$i.pdf" ]; then
		check "doc $i: whole under its name" pdfinfo "$D/d$i.pdf" >/dev/null 2>&1
		# the record is committed before the file takes its name
		eq "doc $i: a document under its name is on record" "$rec" 1
	elif [ "$rec" = 1 ]; then
		# killed between the commit and the rename: on record, never
		# handed over; allowed (the other order would leave documents
		# with identity numbers off the record)
		echo "crash doc $i: recorded, killed before the file took its name"
	fi
done
after_next_start $k "$D" "$TJ" doc --db "$D/w.db" "${CASES[0]}" application -o "$D/last.pdf"

# ---- backups ---------------------------------------------------------------------
k=backup
start_kind $k
D=$T/$k
calibrate $k "$TJ" backup --db "$D/w.db" "$D/cal.db"
ncases=$(q "$D/w.db" "SELECT count(*) FROM cases")
for ((i = 0; i < per[$k]; i++)); do
	killtrial $k "$TJ" backup --db "$D/w.db" "$D/b$i.db"
	common "$D/w.db" "backup $i"
	if [ -e "$D/b$i.db" ]; then
		eq "backup $i: whole under its name" "$(q "$D/b$i.db" 'PRAGMA integrity_check')" ok
		eq "backup $i: every case" "$(q "$D/b$i.db" 'SELECT count(*) FROM cases')" "$ncases"
		check "backup $i: no WAL beside it" [ ! -s "$D/b$i.db-wal" ]
	fi
done
after_next_start $k "$D" "$TJ" backup --db "$D/w.db" "$D/last.db"

# ---- exports -----------------------------------------------------------------------
k=export
start_kind $k
D=$T/$k
calibrate $k "$TJ" export --db "$D/w.db" --month 2026-10 -o "$D/cal.xlsx"
for ((i = 0; i < per[$k]; i++)); do
	if ((i % 3 == 2)); then full=--full-ids; else full=; fi
	killtrial $k "$TJ" export --db "$D/w.db" --month 2026-10 -o "$D/e$i.xlsx" $full
	common "$D/w.db" "export $i"
	if [ -e "$D/e$i.xlsx" ]; then
		check "export $i: whole under its name" unzip -tq "$D/e$i.xlsx" >/dev/null 2>&1
		# a workbook with full identity numbers is never there unrecorded
		if [ -n "$full" ]; then
			rec=$(q "$D/w.db" "SELECT count(*) FROM events WHERE action = 'export' AND after LIKE '%/e$i.xlsx%'")
			if [ "$rec" = 1 ]; then
				ok
			else
				case " $KNOWN_UNRECORDED " in
				*" export "*) echo "KNOWN FAILURE crash export $i: a workbook with full identity numbers under its final name, no event (killed between rename and commit)" ;;
				*) fail "export $i: full-ID workbook e$i.xlsx there without its event" ;;
				esac
			fi
		fi
	fi
done
after_next_start $k "$D" "$TJ" export --db "$D/w.db" --month 2026-10 -o "$D/last.xlsx"

# ---- accounts -------------------------------------------------------------------------
k=user
start_kind $k
D=$T/$k
calibrate $k "$TJ" user add --db "$D/w.db" cal --role clerk --password-file pw1
for ((i = 0; i < per[$k]; i++)); do
	if ((i % 2)); then
		killtrial $k "$TJ" user passwd --db "$D/w.db" clerk --password-file "pw$((i % 4 / 2 + 1))"
	else
		killtrial $k "$TJ" user add --db "$D/w.db" "u$i" --role mediator --name "杀进程$i" --password-file pw1
	fi
	common "$D/w.db" "user $i"
	eq "user $i: account only with its event" "$(q "$D/w.db" "SELECT count(*) FROM users u WHERE
		NOT EXISTS (SELECT 1 FROM events e WHERE e.entity = 'user' AND e.entity_id = u.id)
		AND u.login NOT IN ('admin', 'clerk') AND u.login NOT LIKE 'mediator%'")" 0
	eq "user $i: one account each" "$(q "$D/w.db" "SELECT count(*) - count(DISTINCT login) FROM users")" 0
	# the password is the one before or the one after, never neither
	h=$(q "$D/w.db" "SELECT pw_hash FROM users WHERE login = 'clerk'")
	eq "user $i: password hash whole" "$(python3 -W ignore -c 'import crypt, sys
h = sys.argv[1]
print(sum(crypt.crypt(p, h) == h for p in ("demo1234", "crash-test-pass-1", "crash-test-pass-2")))' "$h")" 1
done
after_next_start $k "$D" "$TJ" user passwd --db "$D/w.db" clerk --password-file pw1

for k in $kinds; do
	echo "crash $k: ${per[$k]} trials, ${kills[$k]} killed, ${finished[$k]} finished first (delays up to $((dur[$k] * 12 / 10)) ms at the end)"
done
done_tests
