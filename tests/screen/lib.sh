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
	sleep 0.5
	pkill -9 -f -- "$T" >/dev/null 2>&1
}
trap 'cleanup_tmux; chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
export TERM=${TERM:-xterm-256color}
[ "$TERM" = dumb ] && export TERM=xterm-256color
unset TMUX

# start [ENV=...] ARGS: run the program in a new 80x24 session "t"
new_session() { # COLS ROWS COMMAND: a fresh server (killing the old one first)
	local try
	tm kill-server >/dev/null 2>&1
	for try in 1 2 3 4 5; do
		sleep 0.3
		tm -f /dev/null new-session -d -s t -x "$1" -y "$2" "$3" 2>/dev/null &&
			tm set-option -t t status off >/dev/null 2>&1 && return 0
	done
	fail "tmux would not start a session"
	return 1
}
start() {
	: >"$T/app.err"
	new_session 80 24 "cd '$T' && env $* 2>>'$T/app.err'; echo EXITED \$? >>'$T/app.out'; sleep 600" || return 1
	wait_for "登录" 10 || { fail "program did not start: $(cat "$T/app.err")"; return 1; }
}
screen_text() { tm capture-pane -p -t t; }
key() { for k in "$@"; do tm send-keys -t t "$k"; sleep 0.12; done; }
typ() { tm send-keys -t t -l "$1"; sleep 0.2; }
# wait_for TEXT [SECONDS]: until the screen shows TEXT
wait_for() {
	local i=0 n=$(( ${2:-5} * 10 ))
	while [ $i -lt $n ]; do
		screen_text | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# expect_screen NAME TEXT [SECONDS]
expect_screen() {
	if wait_for "$2" "${3:-5}"; then ok; else fail "$1: screen lacks '$2':"; screen_text >&2; fi
}
expect_no_screen() {
	sleep 0.3
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
sql() { sqlite3 "$T/t.db" "$1"; }
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
# desk_key TEXT: press the digit the work desk shows for the entry TEXT
desk_key() {
	local d
	d=$(screen_text | grep -F -- "$1" | grep -oE '^ +[0-9] ' | head -1 | tr -d ' ')
	if [ -z "$d" ]; then fail "desk lacks $1"; screen_text >&2; return 1; fi
	key "$d"
}
