# test_doc_individual.sh - documents for a case whose respondent is a
# natural person (个人, an individual employer or a 承包方 gang master): the
# 调解协议书 and the 仲裁申请书 are made (an individual has no legal
# representative, so none is asked for), the person is named with 姓名 and
# his document, and a company respondent beside him keeps its 法定代表人.
. "$(dirname "$0")/lib.sh"

export TIAOJIE_FORMS="$SRCDIR/forms"
q() { sqlite3 demo.db "$1"; }
run "$TJ" demo --db demo.db --cases 3000 --seed 7
expect_rc "demo" 0
# a case in a state whose document the respondent individual blocked before
pick() { # STATUS KIND: a case of that status with an individual respondent (and, for two, a company too)
	q "SELECT c.case_no FROM cases c JOIN case_parties p ON p.case_id = c.id AND p.role = 'respondent'
	   AND p.kind = 'individual' WHERE c.status = '$1' $2 ORDER BY c.id LIMIT 1"
}
two="AND EXISTS (SELECT 1 FROM case_parties e WHERE e.case_id = c.id AND e.role = 'respondent' AND e.employer_id IS NOT NULL)"
# and one with the individual alone (never the same case as the first)
one="AND NOT ${two#AND }"
for spec in "agreed:agreement:$two" "agreed:agreement:$one" "failed:arbitration:$two" "failed:arbitration:$one"; do
	st=${spec%%:*}; rest=${spec#*:}; kind=${rest%%:*}; extra=${rest#*:}
	no=$(pick "$st" "$extra")
	if [ -z "$no" ]; then fail "no $st case with an individual respondent ($extra)"; continue; fi
	person=$(q "SELECT p.name FROM case_parties p JOIN cases c ON c.id = p.case_id WHERE c.case_no = '$no'
		   AND p.role = 'respondent' AND p.kind = 'individual' LIMIT 1")
	f=$kind-$(q "SELECT id FROM cases WHERE case_no = '$no'").txt
	run "$TJ" --db demo.db doc "$no" "$kind" -o "$f"
	expect_rc "$kind for $no (individual respondent)" 0
	[ -f "$f" ] || { fail "$kind for $no: no file"; continue; }
	# the individual's block: his name with its document, no legal representative
	block=$(awk -v n="$person" 'index($0, n "（个人）") { on = 1 } on && /^被申请人[0-9]*：|^名称：|^$/ && !index($0, n) { exit } on { print }' "$f")
	case "$block" in *"$person（个人）"*) ok ;; *) fail "$kind $no: no block for $person: $(head -c 400 "$f")" ;; esac
	case "$block" in *证件号码*) ok ;; *) fail "$kind $no: $person without his document: $block" ;; esac
	case "$block" in *法定代表人*) fail "$kind $no: a legal representative asked of $person: $block" ;; *) ok ;; esac
	if [ "$kind" = arbitration ]; then
		case "$block" in "姓名：$person"*) ok ;; *) fail "$kind $no: $person not named with 姓名: $block" ;; esac
	fi
	# he signs the agreement himself: no seal, no legal representative
	if [ "$kind" = agreement ]; then
		grep -q "^被申请人$person（签名）：" "$f" && ok || fail "$kind $no: $person does not sign as himself"
		if grep -q "被申请人（盖章）：$person\$" "$f"; then fail "$kind $no: $person asked for a seal"; else ok; fi
	fi
	# a company respondent beside him keeps its legal representative
	if [ "$extra" = "$two" ]; then
		rep=$(q "SELECT p.legal_rep FROM case_parties p JOIN cases c ON c.id = p.case_id WHERE c.case_no = '$no'
			 AND p.role = 'respondent' AND p.employer_id IS NOT NULL LIMIT 1")
		grep -q "法定代表人（主要负责人）：$rep" "$f" && ok || fail "$kind $no: the company's legal representative $rep missing"
	fi
done
done_tests
