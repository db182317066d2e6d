# lib.sh - helpers for the screen tests (sourced): the real binary ($TJ) in
# a private tmux server at 80x24, keys sent as a person would type them,
# and what a person would see read back with capture-pane.
. "$(dirname "$0")/../cmd/lib.sh"

SOCK="tjscreen$$"
tm() { tmux -L "$SOCK" "$@"; }
# Nothing of this test may outlive it (a program stuck at exit, say in a
# sanitizer's leak check, would otherwise spin on after the suite).
cleanup_tmux() {
	tm kill-server >/dev/null 2>&1
	# an empty pattern would match (and, as root, kill) every process
	case "$T" in /*/*) ;; *) return 0 ;; esac
	if pgrep -f -- "$T" >/dev/null 2>&1; then
		sleep 0.3
		pkill -9 -f -- "$T" >/dev/null 2>&1
	fi
}
trap 'cleanup_tmux; chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
export TERM=${TERM:-xterm-256color}
[ "$TERM" = dumb ] && export TERM=xterm-256color
unset TMUX

# Waiting without fixed sleeps.  The program (test builds) writes to
# $SYNCF how many keys it has read each time it is about to wait for the
# next one with nothing typed ahead (TIAOJIE_SYNC, src/ui/term.c).  `key`
# and `typ` send, then wait until that number has grown: the program has
# read what was sent, acted on it and drawn the result.  When it does not
# grow (a build without the hook, a program busy with a long task or gone),
# they wait until the pane has stopped changing instead.
TGT=t            # the tmux session keys go to
SYNCF="$T/sync"  # its program's key count
SYNCN=0
case "$TJ" in *asan*) SETTLE_AFTER=200 ;; *) SETTLE_AFTER=60 ;; esac # naps of 5 ms
# a pause without forking sleep: read from a pipe nobody writes to
# (no redirection of stderr on this exec: it would stay for the whole test)
if { exec {NAPFD}<> <(:); } 2>/dev/null && [ -n "${NAPFD:-}" ]; then
	nap() { read -r -t "$1" -u "$NAPFD" _ 2>/dev/null; :; }
else
	nap() { sleep "$1"; }
fi
sync_read() {
	SYNCN=
	{ read -r SYNCN <"$SYNCF"; } 2>/dev/null
	SYNCN=${SYNCN:-0}
}
pane_state() { tm capture-pane -p -t "$TGT" \; display -p -t "$TGT" '#{cursor_x},#{cursor_y}' 2>/dev/null; }
# after_send K0: wait (at most about 4 s) until the program has read past
# key K0 and waits for more, or, failing that, the pane stands still
after_send() {
	local k0=$1 i=0 s prev=
	while [ $i -lt 800 ]; do
		sync_read
		[ "$SYNCN" -gt "$k0" ] && return 0
		if [ $i -ge $SETTLE_AFTER ] && [ $((i % 10)) -eq 0 ]; then
			s=$(pane_state)
			[ -n "$prev" ] && [ "$s" = "$prev" ] && return 0
			prev=$s
		fi
		nap 0.005
		i=$((i + 1))
	done
}

# start [ENV=...] ARGS: run the program in a new 80x24 session "t"
new_session() { # COLS ROWS COMMAND: a fresh server (killing the old one first)
	local try
	tm kill-server >/dev/null 2>&1
	for try in 1 2 3 4 5 6 7 8; do
		tm -f /dev/null new-session -d -s t -x "$1" -y "$2" "$3" 2>/dev/null &&
			tm set-option -t t status off >/dev/null 2>&1 && return 0
		sleep 0.2
	done
	fail "tmux would not start a session"
	return 1
}
start() {
	: >"$T/app.err"
	: >"$T/app.out"
	rm -f "$SYNCF"
	new_session 80 24 "cd '$T' && env TIAOJIE_SYNC='$SYNCF' $* 2>>'$T/app.err'; echo EXITED \$? >>'$T/app.out'; sleep 600" || return 1
	wait_for "登录" 10 || { fail "program did not start: $(cat "$T/app.err")"; return 1; }
}
screen_text() { tm capture-pane -p -t "$TGT"; }
# key KEY...: each as tmux names it (Enter, F2, C-s, Home), one at a time
key() {
	local k
	for k in "$@"; do
		sync_read
		local k0=$SYNCN
		tm send-keys -t "$TGT" "$k"
		after_send "$k0"
	done
}
# typ TEXT: typed as it is (a paste of TEXT)
typ() {
	sync_read
	local k0=$SYNCN
	tm send-keys -t "$TGT" -l "$1"
	after_send "$k0"
}
# hex HH...: raw bytes, as a terminal that tmux does not translate sends them
hex() {
	sync_read
	local k0=$SYNCN
	tm send-keys -t "$TGT" -H "$@"
	after_send "$k0"
}
# wait_for TEXT [SECONDS]: until the screen shows TEXT (SECONDS may be 0.5)
wait_for() {
	local s=${2:-5} frac=000
	case $s in *.*) frac=${s#*.}000; frac=${frac:0:3}; s=${s%.*} ;; esac
	local i=0 n=$(( (${s:-0} * 1000 + 10#$frac) / 25 ))
	while [ $i -lt $n ]; do
		screen_text | grep -qF -- "$1" && return 0
		nap 0.025
		i=$((i + 1))
	done
	return 1
}
# wait_exit [SECONDS]: until the program has ended (start writes EXITED)
wait_exit() {
	local i=0 n=$(( ${1:-5} * 40 ))
	while [ $i -lt $n ]; do
		grep -q EXITED "$T/app.out" 2>/dev/null && return 0
		nap 0.025
		i=$((i + 1))
	done
	return 1
}
# skip_drafts: after logging in, past the offer of unfinished forms (shown
# when the user has drafts) to the desk
skip_drafts() {
	local i=0
	while [ $i -lt 200 ]; do
		case $(screen_text) in
		*未完成的表单*) key Escape; return 0 ;;
		*工作台* | *案件队列*) return 0 ;;
		esac
		nap 0.025
		i=$((i + 1))
	done
}
# expect_screen NAME TEXT [SECONDS]
expect_screen() {
	if wait_for "$2" "${3:-5}"; then ok; else fail "$1: screen lacks '$2':"; screen_text >&2; fi
}
expect_no_screen() {
	nap 0.15
	if screen_text | grep -qF -- "$2"; then fail "$1: screen shows '$2'"; screen_text >&2; else ok; fi
}
login() { # LOGIN PASSWORD
	key "$1" Enter
	typ "$2"
	key Enter
}
# selected_line: the text of the highlighted line of a list on screen
# (rows 1-21; in colour, black on cyan), empty when none is shown
selected_line() {
	tm capture-pane -p -e -t t | sed -n '2,22p' | grep -F $'\033[46m' | sed -E $'s/\033\\[[0-9;]*m//g'
}
# select_line TEXT [MAX]: press Down until the highlighted line has TEXT
select_line() {
	local i
	for i in $(seq 0 "${2:-40}"); do
		selected_line | grep -qF -- "$1" && return 0
		key Down
	done
	fail "no line with '$1' could be selected"
	screen_text >&2
	return 1
}
# a database with the reference data and accounts clerk/admin (demo1234)
make_db() {
	printf 'demo1234\n' >"$T/pw"
	"$TJ" init --db "$T/t.db" --password-file "$T/pw" >/dev/null || fail "init failed"
	"$TJ" user add clerk --role clerk --name 窗口一 --password-file "$T/pw" --db "$T/t.db" >/dev/null
}
sql() { sqlite3 -cmd ".timeout 10000" "$T/t.db" "$1"; }
# pick_menu TEXT: choose the line of a numbered menu (the F3 action menu)
pick_menu() {
	local i idx=0 line
	for i in 1 2 3 4 5 6 7 8 9; do
		line=$(screen_text | grep -E "\| +[0-9]  " | sed -n "${i}p")
		case "$line" in *"$1"*) idx=$i; break ;; esac
	done
	if [ $idx -eq 0 ]; then fail "menu lacks $1"; screen_text >&2; return 1; fi
	for i in $(seq 2 $idx); do key Down; done
	key Enter
}
# pick_menu_digit TEXT: the same by the number shown beside it
pick_menu_digit() {
	local i line
	for i in 1 2 3 4 5 6 7 8 9; do
		line=$(screen_text | grep -E "\| +[0-9]  " | sed -n "${i}p")
		case "$line" in *"$1"*) key "$i"; return 0 ;; esac
	done
	fail "menu lacks $1"; screen_text >&2; return 1
}
# desk_key TEXT: press the digit the work desk shows for the entry TEXT
desk_key() {
	local d
	d=$(screen_text | grep -F -- "$1" | grep -oE '^ +[0-9] ' | head -1 | tr -d ' ')
	if [ -z "$d" ]; then fail "desk lacks $1"; screen_text >&2; return 1; fi
	key "$d"
}
