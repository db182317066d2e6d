# test_print.sh - the statistics workbook as it prints: converted to PDF by
# LibreOffice (Debian's libreoffice-calc, installed for this test only by
# `make check-print`, with fonts-crosextra-carlito, metric-compatible with
# the Calibri a statistician's Excel measures columns with) and read back
# page by page (tests/print/pdfpages.py, pdftotext): every page A4, 月报
# on one portrait page, the others landscape, no text on any page set
# below 7 pt, the case detail's title printed once while its header row
# repeats on every page, the case detail at full size across more than one
# page, a running month labelled.
# Not run by `make check` (LibreOffice takes a while to install and start):
# `make check-print`.
. "$SRCDIR/tests/cmd/lib.sh"

for tool in soffice pdftotext python3; do
	if ! command -v "$tool" >/dev/null; then
		fail "$tool is needed (make check-print installs libreoffice-calc-nogui and poppler-utils)"
		done_tests
		exit 1
	fi
done
export HOME="$T/home" # LibreOffice's profile, not the user's
mkdir -p "$HOME"

run "$TJ" demo --db demo.db --cases 1500
expect_rc demo 0

# pdf_of XLSX: XLSX.pdf beside it
pdf_of() {
	timeout 300 soffice --headless --norestore --convert-to pdf --outdir "$T" "$1" >"$T/lo.log" 2>&1
	[ -s "${1%.xlsx}.pdf" ] && ok || fail "LibreOffice made no PDF of $1: $(tail -n 3 "$T/lo.log")"
}

# check_pdf PDF LABEL: the pages of one workbook
check_pdf() {
	local pdf=$1 label=$2 n i w h min text sheet
	n=$(python3 "$SRCDIR/tests/print/pdfpages.py" "$pdf" | tee "$T/pages" | wc -l)
	[ "$n" -ge 8 ] && ok || fail "$pdf: $n pages, fewer than the sheets"
	: >"$T/sheets"
	while read -r i w h min; do
		text=$(pdftotext -f "$i" -l "$i" "$pdf" - 2>/dev/null)
		# the sheet of a page: its name after the period in the page header
		# (blanks taken out: a long header may wrap)
		sheet=$(printf '%s\n' "$text" | tr -d ' \n' |
			grep -oE "$label(月报|汇总|按案由|按调解员|按行业区县|高发单位|集体争议|案件明细)" | head -n 1)
		sheet=${sheet#"$label"}
		[ -n "$sheet" ] && ok || fail "$pdf page $i: no sheet named in the page header"
		echo "$i $sheet" >>"$T/sheets"
		# A4 either way round
		if { [ "$w" = 595 ] && [ "$h" = 842 ]; } || { [ "$w" = 842 ] && [ "$h" = 595 ]; }; then ok; else
			fail "$pdf page $i ($sheet): ${w}x$h is not A4"; fi
		# 月报 portrait, the others landscape
		if [ "$sheet" = 月报 ]; then [ "$w" -lt "$h" ] && ok || fail "$pdf page $i: 月报 not portrait"
		else [ "$w" -gt "$h" ] && ok || fail "$pdf page $i ($sheet): not landscape"; fi
		# no text below 7 pt
		awk -v m="$min" 'BEGIN { exit !(m >= 7) }' && ok || fail "$pdf page $i ($sheet): text set at $min pt"
		# the header row on every page of a table
		case "$sheet" in
		# (a page of a band's columns further right has the header's
		# other words: 案件编号 is on the band's first page only)
		案件明细 | 集体争议)
			printf '%s\n' "$text" | grep -qE '案件编号|证件号码|统一社会信用代码|请求金额|履行情况|受理日期|办理天数|协议金额' &&
				ok || fail "$pdf page $i ($sheet): no header row" ;;
		按案由) printf '%s\n' "$text" | grep -q 层级 && ok || fail "$pdf page $i (按案由): no header row" ;;
		esac
	done <"$T/pages"
	# 月报 on one page; the case detail across more than one page, its
	# title on exactly one of them
	[ "$(grep -c ' 月报$' "$T/sheets")" = 1 ] && ok || fail "$pdf: 月报 on $(grep -c ' 月报$' "$T/sheets") pages"
	local nd
	nd=$(grep -c ' 案件明细$' "$T/sheets")
	[ "$nd" -ge 2 ] && ok || fail "$pdf: the case detail on $nd pages: squeezed?"
	local titles=0
	for i in $(awk '$2 == "案件明细" {print $1}' "$T/sheets"); do
		pdftotext -f "$i" -l "$i" "$pdf" - 2>/dev/null | grep -q '调解统计——案件明细' && titles=$((titles + 1))
	done
	[ "$titles" = 1 ] && ok || fail "$pdf: the case detail's title on $titles pages, want 1"
	# every sheet printed
	for s in 月报 汇总 按案由 按调解员 按行业区县 高发单位 集体争议 案件明细; do
		grep -q " $s\$" "$T/sheets" && ok || fail "$pdf: sheet $s not printed"
	done
}

run "$TJ" export --db demo.db --month 2026-10 -o oct.xlsx
expect_rc export-october 0
pdf_of oct.xlsx
check_pdf oct.pdf "2026年10月"

# the running month (today is 2026-11-20): labelled on paper too
run "$TJ" export --db demo.db --month 2026-11 -o nov.xlsx
expect_rc export-november 0
pdf_of nov.xlsx
check_pdf nov.pdf "2026年11月（截至20日）"
pdftotext -f 1 -l 1 nov.pdf - | grep -q '统计期：2026年11月（截至20日）' && ok || fail "月报 of a running month not labelled"

done_tests
