# test_terms.sh - the keys and the screens under every terminal type a
# court's PCs reach the server with (issue 13, item 1), with tmux in front
# (the program runs with `env TERM=...` inside tmux, which sends its own
# sequences: the tmux-in-front case) and without (raw bytes with
# `send-keys -H`, as PuTTY, rxvt and xterm send them, which tmux passes on
# untranslated).
#
# For each TERM: an application registered with a claim using Home, End,
# Delete, Left, Right and Shift-Tab inside fields, checked in the database;
# F1-F6 and F8-F12, PgUp/PgDn and the arrows doing their job (a key that
# fails is one failure: its Ctrl key carries the scenario on); Esc on the
# claim dialog and the agreement with typed content asking (保存, 放弃,
# 继续编辑) rather than dropping it; keys typed while the window is too
# small arriving; SIGHUP with the claim dialog open keeping it in the draft.
# The login screen, the desk, the intake form and the filled form at 80x24
# are compared whole across TERMs.  Terminals without Home or some F-keys
# (vt100, vt220) are compared apart from the bar, whose text must name the
# Ctrl key instead, and ^A/^F must work there.  The raw sequences cover
# every F-key in each spelling, Home/End in four, Ins, Del, PgUp/PgDn,
# Shift-Tab, the arrows in both cursor modes and keypad Enter.
#
# The test build runs every TERM; the AddressSanitizer build (slower, same
# code) runs two of them, the two lacking terminals and the raw sequences.
# TJ_TERMS, TJ_LACKING and TJ_RAW_TERMS override the lists.  The raw
# sequences go to the program under xterm (PuTTY's own default TERM),
# putty, vt220 and linux, whose descriptions give some of them to other
# keys (putty's keypad \eOP, vt220's Find \e[1~, linux's back-tab).
. "$(dirname "$0")/lib.sh"
case "$TJ" in
*asan*) TERMS=${TJ_TERMS:-"xterm-256color putty"} RAW=${TJ_RAW_TERMS:-xterm} ;;
*) TERMS=${TJ_TERMS:-"xterm-256color xterm screen-256color tmux-256color linux putty"}
   RAW=${TJ_RAW_TERMS:-"xterm putty vt220 linux"} ;;
esac
LACKING=${TJ_LACKING:-"vt100 vt220"}
REF= # the first TERM: the screens every other one must equal
DB="$T/t.db"

cat >"$T/tj.conf" <<CONF
[commands]
print = cp "\$1" '$T/printed.pdf'
[documents]
dir = $T/docs
CONF
fresh_db() {
	rm -f "$DB" "$DB-wal" "$DB-shm"
	make_db
}
# snap NAME: keep the whole screen for the comparison at the end
snap() { screen_text >"$T/snap.$1.$term"; }
# field_is NAME LABEL VALUE: the form line of LABEL shows exactly VALUE
field_is() {
	if screen_text | grep -qE -- "$2 +$3( |\$)"; then ok; else fail "$term $1: '$2' is not '$3':"; screen_text >&2; fi
}
# no_screen NAME TEXT: the screen (settled after the last key) lacks TEXT
no_screen() {
	if screen_text | grep -qF -- "$2"; then fail "$term $1: screen shows '$2'"; screen_text >&2; else ok; fi
}
# press WHAT KEY ALT TEXT: KEY does WHAT, shown by TEXT; when it does not,
# that fails and the Ctrl key ALT does it instead, so that one key that
# does not work is one failure, not every step after it
press() {
	key "$2"
	if wait_for "$4" 1; then ok; else
		fail "$term: $2 did not $1 (no '$4'); $3 did it instead"
		key "$3"
		expect_screen "$term $1 by $3" "$4"
	fi
}
app_pid() { pgrep -f -- "^$TJ --db $1" | head -1; }
running() { [ -n "$(app_pid "$DB")" ]; }

# ---- one terminal type, tmux in front ----------------------------------------
# register: an application with one claim, edited with Home, End, Delete
register() {
	login clerk demo1234
	expect_screen "$term desk" "工作台"
	snap desk
	key 1
	expect_screen "$term intake" "证件号码"
	snap intake
	key Tab
	typ 11010519491231002X
	key Tab
	typ 张丰
	key Home Right
	typ 三
	field_is name 姓名 张三丰
	key Tab Tab
	typ 3812345678
	key Home
	typ 1
	field_is phone 联系电话 13812345678
	key Tab
	typ 上海市徐汇区漕溪北路1号X
	key Left DC
	field_is address 住址 上海市徐汇区漕溪北路1号
	# 户籍类型, 职业/岗位, + 新增委托代理人, + 新增申请人, 类别, 信用代码
	key Tab Tab Tab Tab Tab Tab
	typ 91350100M000100Y43
	key Tab
	typ 上海某某科技有限公司
	key Tab
	typ 李四
	key Tab Tab Tab Tab
	typ 徐汇区
	key Tab Tab Tab Tab Tab Tab
	typ "申请人于2024年3月入职，2026年8月起被拖欠工资。"
	press "add a claim" F5 C-n "一级案由"
	typ 0601
	expect_screen "$term picker-code" "0601 拖欠工资"
	key Enter
	expect_screen "$term claim" "新增请求事项"
	press "pick the cause again" F4 C-p "一级案由"
	key Escape
	expect_screen "$term claim-back" "新增请求事项"
	# End must not close the dialog (it did under xterm-256color in tmux)
	key Tab
	typ 2345
	key Home
	typ 1
	key End
	typ 6
	key Left DC
	expect_screen "$term claim-open" "新增请求事项"
	field_is amount "金额（元）" 12345
	# Shift-Tab back to the text, End, one more character
	key BTab End
	typ 。
	if screen_text | grep -qF "请求被申请人支付拖欠工资。"; then ok; else
		fail "$term: Shift-Tab did not go back to the claim's text"
		key BSpace # the full stop went into the amount
		key Up End
		typ 。
	fi
	press "save the claim" F2 C-s "12,345.00 元"
	snap filled
	# on the claim just added: F6 edits it, F8 asks before deleting it
	press "edit the claim" F6 C-e "修改请求事项"
	key Escape
	press "ask before deleting the claim" F8 C-d "删除第"
	key n
	expect_screen "$term claim-kept" "12,345.00 元"
	press "save the application" F2 C-s "沪劳人调〔2026〕1号"
	[ "$(sql "SELECT name || '|' || phone || '|' || address FROM persons")" = "张三丰|13812345678|上海市徐汇区漕溪北路1号" ] &&
		ok || fail "$term person: $(sql 'SELECT name, phone, address FROM persons')"
	[ "$(sql "SELECT cause || '|' || amount_fen || '|' || text FROM claims")" = "0601|1234500|请求被申请人支付拖欠工资。" ] &&
		ok || fail "$term claim: $(sql 'SELECT cause, amount_fen, text FROM claims')"
	key Enter
	expect_screen "$term print-offer" "现在打印调解申请书"
	key n
	# the clerk stays on the new case
	expect_screen "$term on-the-case" "案件详情"
	key Escape
	expect_screen "$term desk-again" "案件队列"
}

# fkeys: F1 help scrolled with PgDn/PgUp/Down/Up/End/Home, F10 back, F12's
# question answered with Esc (back, not quit), the case detail's F3, F11, F9
fkeys() {
	key 1
	expect_screen "$term intake-2" "证件号码"
	press "open the help" F1 C-g "本屏幕可用的按键"
	local first
	first=$(screen_text | sed -n 3p)
	key NPage
	if [ "$(screen_text | sed -n 3p)" != "$first" ]; then ok; else fail "$term: PgDn did not scroll the help"; fi
	key PPage
	if [ "$(screen_text | sed -n 3p)" = "$first" ]; then ok; else fail "$term: PgUp did not scroll back"; fi
	key Down
	local second
	second=$(screen_text | sed -n 3p)
	[ "$second" != "$first" ] && ok || fail "$term: Down did not scroll the help"
	key Up
	[ "$(screen_text | sed -n 3p)" = "$first" ] && ok || fail "$term: Up did not scroll back"
	key End
	[ "$(screen_text | sed -n 3p)" != "$first" ] && ok || fail "$term: End did not go to the end of the help"
	key Home
	[ "$(screen_text | sed -n 3p)" = "$first" ] && ok || fail "$term: Home did not go to the top of the help"
	press "close the help" F10 C-x "证件号码"
	press "leave the form" F10 C-x "案件队列"
	press "ask before quitting" F12 C-q "确定退出"
	key Escape
	expect_screen "$term quit-esc" "案件队列"
	no_screen quit-esc-closed "确定退出"
	running && ok || fail "$term: Esc on the quit question quit"
	# the case: F3 menu, F11 document, F9 refresh
	desk_key 案件查询
	expect_screen "$term search" "查找："
	typ "沪劳人调〔2026〕1号"
	expect_screen "$term found" "共 1 件"
	key Enter
	expect_screen "$term detail" "事实与理由"
	press "open the action menu" F3 C-t "可办理的操作"
	key Escape
	no_screen menu-closed "可办理的操作"
	# a registered case: a choice (收件回执, 调解申请书, ...); Enter issues the first
	key F11
	if wait_for "出具文书" 5; then
		key Enter
		if wait_for "已生成并送打印：收件回执" 20; then ok; else fail "$term: Enter on the choice did not issue"; fi
	else
		fail "$term: F11 did not offer the documents"; key C-o
		expect_screen "$term document by ^O" "出具文书" 5
		key Enter
	fi
	key F9
	no_screen refreshed "已生成并送打印"
	press "go back" F10 C-x "查找："
	press "go back" F10 C-x "案件队列"
}

# begin DB LOGIN: the program afresh under $term, logged in, at the desk
begin() {
	start TERM=$term "$TJ" --db "$1" --config "$T/tj.conf" || return 1
	login "$2" demo1234
	skip_drafts
	expect_screen "$term desk ($2)" "工作台"
}
# claim_dialog: from the desk, the intake form's claim dialog for 0601
claim_dialog() {
	key 1
	expect_screen "$term intake ($1)" "证件号码"
	key C-n
	expect_screen "$term picker ($1)" "一级案由"
	typ 0601
	expect_screen "$term picker-code ($1)" "0601 拖欠工资"
	key Enter
	expect_screen "$term claim ($1)" "新增请求事项"
	key Tab
}

# esc_dialogs: Esc never throws typed work away (issue 13, item 2)
esc_dialogs() {
	fresh_db
	begin "$DB" clerk
	claim_dialog esc
	typ 4321
	key Escape
	if wait_for "继续编辑" 1; then ok; else
		fail "$term: Esc on the claim dialog with an amount typed did not ask (保存/放弃/继续编辑)"; screen_text >&2
	fi
	# Esc on the question: back to the dialog, the amount still there
	key Escape
	if screen_text | grep -qF "新增请求事项" && screen_text | grep -qE "金额（元） +4321"; then ok; else
		fail "$term: after Esc, Esc the claim dialog and its amount are gone"; screen_text >&2
	fi
	# the agreement of a case in mediation, on the demo data
	cp "$DEMO" "$T/demo.db"
	begin "$T/demo.db" admin
	desk_key 案件查询
	expect_screen "$term search (agreement)" "查找："
	typ "$MEDNO"
	expect_screen "$term found (agreement)" "$MEDNO"
	key Enter
	expect_screen "$term detail (agreement)" "事实与理由"
	key C-t
	expect_screen "$term menu (agreement)" "调解成功"
	pick_menu 调解成功
	expect_screen "$term agreement" "协议金额"
	key Tab
	typ 2026-12-31
	key Escape
	if wait_for "继续编辑" 1; then ok; else
		fail "$term: Esc on the agreement with a date typed did not ask (保存/放弃/继续编辑)"; screen_text >&2
	fi
	key Escape
	if screen_text | grep -qF "协议金额" && screen_text | grep -qF "2026-12-31"; then ok; else
		fail "$term: after Esc, Esc the agreement and its date are gone"; screen_text >&2
	fi
}

# small_typing: keys typed while the window is below 80x24 arrive afterwards
small_typing() {
	fresh_db
	begin "$DB" clerk
	claim_dialog small
	tm resize-window -t t -x 60 -y 20
	expect_screen "$term too-small" "终端窗口太小"
	typ 86420
	key Left
	typ 9
	tm resize-window -t t -x 80 -y 24
	expect_screen "$term big-again" "新增请求事项"
	if wait_for "864290" 2; then ok; else fail "$term: keys typed while the window was too small did not arrive"; screen_text >&2; fi
}

# hup_dialog: SIGHUP with the claim dialog open keeps it in the draft
hup_dialog() {
	fresh_db
	begin "$DB" clerk
	claim_dialog hup
	typ 97531
	local pid
	pid=$(app_pid "$DB")
	[ -n "$pid" ] && kill -HUP "$pid"
	wait_exit 5 && ok || fail "$term: still running after SIGHUP"
	local body
	body=$(sql "SELECT body FROM drafts WHERE kind = 'intake'")
	case "$body" in *97531*) ok ;; *) fail "$term: the claim dialog open at SIGHUP is not in the draft" ;; esac
}

one_term() {
	fresh_db
	start TERM=$term "$TJ" --db "$DB" --config "$T/tj.conf"
	expect_screen "$term login" "请输入账号和密码"
	snap login
	register
	fkeys
	esc_dialogs
	small_typing
	hup_dialog
	[ -z "$REF" ] && REF=$term
}

# ---- a terminal without some keys: the bar and the help name what works ----------
lacking() {
	fresh_db
	start TERM=$term "$TJ" --db "$DB" --config "$T/tj.conf"
	expect_screen "$term login" "请输入账号和密码"
	snap login
	login clerk demo1234
	expect_screen "$term desk" "工作台"
	snap desk
	key 1
	expect_screen "$term intake" "证件号码"
	snap intake
	# ^A and ^F where there is no Home and End
	key Tab
	typ 23
	key C-a
	typ 1
	key C-f
	typ 4
	field_is ctrl-home-end 证件号码 1234
	key C-g
	expect_screen "$term help" "本屏幕可用的按键"
	local line help
	help=$(screen_text)
	key C-f
	help="$help
$(screen_text)"
	line=$(echo "$help" | grep -F "到开头")
	case "$line" in *Home*) fail "$term: the help offers Home, which the terminal lacks: $line" ;;
	*"^A"*) ok ;; *) fail "$term: the help lacks ^A for Home: $line" ;; esac
	line=$(echo "$help" | grep -F "到末尾")
	case "$line" in *End*) fail "$term: the help offers End, which the terminal lacks: $line" ;;
	*"^F"*) ok ;; *) fail "$term: the help lacks ^F for End: $line" ;; esac
	key C-x
	expect_screen "$term help closed" "证件类型"
	no_screen help-closed "本屏幕可用的按键"
}
# bar_without TERM: the reference bar (stdin) as it should read where TERM
# lacks F-keys: "F12^Q退出" becomes "^Q退出"
bar_without() {
	local n sed_args=()
	for n in 1 2 3 4 5 6 7 8 9 10 11 12; do
		infocmp -1 "$1" 2>/dev/null | grep -q "^[[:space:]]kf$n=" || sed_args+=(-e "s/\bF$n\^/^/g")
	done
	if [ ${#sed_args[@]} -eq 0 ]; then cat; else sed "${sed_args[@]}"; fi
}

# ---- no tmux translating: the bytes emulators send ----------------------------
# Each sequence through `send-keys -H`, as PuTTY (TERM=xterm, its default),
# rxvt, xterm and VT100+ send them; each must give its key.
H_HOME=("1b 5b 31 7e" "1b 5b 37 7e" "1b 4f 48" "1b 5b 48") # PuTTY/tmux, rxvt, xterm app, xterm
H_END=("1b 5b 34 7e" "1b 5b 38 7e" "1b 4f 46" "1b 5b 46")
H_F1=("1b 4f 50" "1b 5b 31 31 7e" "1b 5b 5b 41")          # xterm, PuTTY, Linux console
H_F2=("1b 4f 51" "1b 5b 31 32 7e" "1b 5b 5b 42")
H_F3=("1b 4f 52" "1b 5b 31 33 7e" "1b 5b 5b 43")
H_F4=("1b 4f 53" "1b 5b 31 34 7e" "1b 5b 5b 44")
H_F5=("1b 5b 31 35 7e" "1b 5b 5b 45" "1b 4f 54")          # VT220, Linux console, PuTTY VT100+
H_F6=("1b 5b 31 37 7e" "1b 4f 55")
H_F7=("1b 5b 31 38 7e" "1b 4f 56")
H_F8=("1b 5b 31 39 7e" "1b 4f 57")
H_F9=("1b 5b 32 30 7e" "1b 4f 58")
H_F10=("1b 5b 32 31 7e" "1b 4f 59")
H_F11=("1b 5b 32 33 7e" "1b 4f 5a")
H_F12=("1b 5b 32 34 7e" "1b 4f 5b")
H_DEL="1b 5b 33 7e" H_INS="1b 5b 32 7e" H_PGUP="1b 5b 35 7e" H_PGDN="1b 5b 36 7e" H_BTAB="1b 5b 5a"
H_UP=("1b 5b 41" "1b 4f 41") H_DOWN=("1b 5b 42" "1b 4f 42") H_RIGHT=("1b 5b 43" "1b 4f 43") H_LEFT=("1b 5b 44" "1b 4f 44")
H_KPENTER="1b 4f 4d"
# raw NAME HEX TEXT: the bytes HEX give the key that shows TEXT
raw() {
	# shellcheck disable=SC2086
	hex $2
	if wait_for "$3" 1; then ok; else fail "$term raw: $1 ($2) did not give its key (no '$3')"; screen_text >&2; fi
}
# raw_field NAME VALUE: the ID field (focused) reads VALUE
raw_field() {
	if screen_text | grep -qE "证件号码 +$2( |\$)"; then ok; else
		fail "$term raw: $1: the field is not '$2': $(screen_text | grep -F 证件号码)"
	fi
}
raw_keys() {
	fresh_db
	begin "$DB" clerk
	key 1
	expect_screen "$term raw intake" "证件号码"
	key Tab
	local i h
	for i in 0 1 2 3; do
		key C-k
		typ 23
		hex ${H_HOME[$i]}
		typ 1
		hex ${H_END[$i]}
		typ 4
		raw_field "Home ${H_HOME[$i]}, End ${H_END[$i]}" 1234
	done
	key C-k
	typ 1234
	hex ${H_HOME[0]}
	hex $H_DEL
	raw_field "Delete $H_DEL" 234
	key C-k
	typ 13
	hex ${H_LEFT[0]}
	typ 2
	hex ${H_LEFT[1]}
	typ x
	hex ${H_RIGHT[0]}
	hex ${H_RIGHT[1]}
	typ 4
	raw_field "Left and Right" 1x234
	key C-k
	typ 110105194912310021
	key Tab
	typ 张三
	hex $H_BTAB
	key End BSpace
	typ X
	raw_field "Shift-Tab $H_BTAB" 11010519491231002X
	# the help: F1 in three spellings, scrolled, closed with F10 in two and Esc
	local first closers=("${H_F10[0]}" "${H_F10[1]}" "1b")
	for i in 0 1 2; do
		raw "F1 ${H_F1[$i]}" "${H_F1[$i]}" "本屏幕可用的按键"
		first=$(screen_text | sed -n 3p)
		hex $H_PGDN
		[ "$(screen_text | sed -n 3p)" != "$first" ] && ok || fail "$term raw: PgDn $H_PGDN did not scroll"
		hex $H_PGUP
		[ "$(screen_text | sed -n 3p)" = "$first" ] && ok || fail "$term raw: PgUp $H_PGUP did not scroll back"
		hex ${H_DOWN[$((i % 2))]}
		[ "$(screen_text | sed -n 3p)" != "$first" ] && ok || fail "$term raw: Down ${H_DOWN[$((i % 2))]} did not scroll"
		hex ${H_UP[$((i % 2))]}
		[ "$(screen_text | sed -n 3p)" = "$first" ] && ok || fail "$term raw: Up ${H_UP[$((i % 2))]} did not scroll back"
		hex ${closers[$i]}
		if wait_for "证件号码" 1 && ! screen_text | grep -qF "本屏幕可用的按键"; then ok; else
			fail "$term raw: ${closers[$i]} did not close the help"; key C-x
		fi
	done
	# F5 (new claim) in three spellings; F4 re-picks in the dialog; F2 saves it
	for i in 0 1 2; do
		raw "F5 ${H_F5[$i]}" "${H_F5[$i]}" "一级案由"
		typ 0601
		expect_screen "$term raw picker $i" "0601 拖欠工资"
		hex $H_KPENTER
		expect_screen "$term raw keypad Enter $H_KPENTER" "新增请求事项"
		raw "F4 ${H_F4[$i]}" "${H_F4[$i]}" "一级案由"
		key Escape
		expect_screen "$term raw back to the claim $i" "新增请求事项"
		key Tab
		typ "1${i}1"
		raw "F2 ${H_F2[$i]}" "${H_F2[$i]}" "1${i}1.00 元"
	done
	# on the list of claims: F6 edits, F8 asks before deleting, Ins adds
	for i in 0 1; do
		raw "F6 ${H_F6[$i]}" "${H_F6[$i]}" "修改请求事项"
		key Escape
		raw "F8 ${H_F8[$i]}" "${H_F8[$i]}" "删除第"
		key n
	done
	raw "Ins $H_INS" "$H_INS" "一级案由"
	key Escape # the picker; then the empty claim dialog it leads to
	screen_text | grep -qF "新增请求事项" && key Escape
	# F10 leaves (the form asks; d discards), F12 asks before quitting, F9
	# refreshes
	raw "F10 ${H_F10[0]}" "${H_F10[0]}" "尚未保存"
	key d
	expect_screen "$term raw desk" "案件队列"
	for i in 0 1; do
		raw "F12 ${H_F12[$i]}" "${H_F12[$i]}" "确定退出"
		key Escape
		raw "F9 ${H_F9[$i]}" "${H_F9[$i]}" "已刷新"
	done
	# a case in mediation on the demo data: F3, F11; a mediator's F7
	cp "$DEMO" "$T/demo.db"
	begin "$T/demo.db" admin
	desk_key 案件查询
	typ "$MEDNO"
	expect_screen "$term raw found" "$MEDNO"
	key Enter
	expect_screen "$term raw detail" "事实与理由"
	for i in 0 1 2; do
		raw "F3 ${H_F3[$i]}" "${H_F3[$i]}" "可办理的操作"
		key Escape
	done
	raw "F11 ${H_F11[0]}" "${H_F11[0]}" "调解"
	key Escape # the choice the raw check opened
	for i in 0 1; do
		hex ${H_F11[$i]}
		if wait_for "出具文书" 5; then
			key Enter
			if wait_for "已生成并送打印" 20; then ok; else fail "$term raw: F11 ${H_F11[$i]} did not issue the document"; fi
		else
			fail "$term raw: F11 ${H_F11[$i]} did not offer the documents"
		fi
	done
	begin "$T/demo.db" mediator1
	desk_key 我的案件
	expect_screen "$term raw my cases" "我承办的未结案件"
	raw "F7 ${H_F7[0]}" "${H_F7[0]}" "日视图"
	raw "F7 ${H_F7[1]}" "${H_F7[1]}" "周视图"
}

# the demo data, for a case in mediation
DEMO="$T/demo-orig.db"
"$TJ" demo --db "$DEMO" >/dev/null 2>"$T/demo.err" || fail "demo failed: $(cat "$T/demo.err")"
MEDNO=$(sqlite3 "$DEMO" "SELECT case_no FROM cases WHERE status = 'mediating' ORDER BY id LIMIT 1")

for term in $TERMS; do
	one_term
done
for term in $LACKING; do
	lacking
done
for term in $RAW; do
	raw_keys
done

# ---- the same screens under every TERM ------------------------------------------
for term in $TERMS; do
	[ "$term" = "$REF" ] && continue
	for s in login desk intake filled; do
		if cmp -s "$T/snap.$s.$REF" "$T/snap.$s.$term"; then ok; else
			fail "the $s screen under $term differs from $REF:"
			diff "$T/snap.$s.$REF" "$T/snap.$s.$term" >&2
		fi
	done
done
for term in $LACKING; do
	for s in login desk intake; do
		if cmp -s <(sed '$d' "$T/snap.$s.$REF") <(sed '$d' "$T/snap.$s.$term"); then ok; else
			fail "the $s screen under $term differs from $REF (the bar apart):"
			diff "$T/snap.$s.$REF" "$T/snap.$s.$term" >&2
		fi
		want=$(tail -n 1 "$T/snap.$s.$REF" | bar_without "$term")
		# (where the F-key is missing the bar may name a curses key too)
		got=$(tail -n 1 "$T/snap.$s.$term" | sed -E 's/(Ins|Del|Home|End|PgUp|PgDn)//g')
		[ "$got" = "$want" ] && ok || fail "the $s bar under $term: '$got', want '$want'"
	done
done

done_tests
