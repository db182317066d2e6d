# test_drafts_kept.sh - drafts are exact and the exit message honest:
# SIGTERM with nothing typed says no form was kept; the consultation form
# keeps its draft over SIGHUP, offered at the next login, and saving it
# deletes the draft; a hangup while "保存成功" is still shown after an
# application was registered keeps no draft of it (it would register it
# twice); on a full disk the draft goes to the runtime directory, the
# message says so in Chinese, and the next login offers it.
. "$(dirname "$0")/lib.sh"
make_db
export XDG_RUNTIME_DIR="$T/run"
mkdir -m 700 "$XDG_RUNTIME_DIR"
sig() { # SIGNAL DB: send it to the program on DB, wait until it is gone
	local pid gone=0 i
	pid=$(pgrep -f -- "^$TJ --db $2\$")
	[ -n "$pid" ] && kill -"$1" $pid
	for i in $(seq 1 40); do
		if ! pgrep -f -- "^$TJ --db $2\$" >/dev/null; then gone=1; break; fi
		sleep 0.1
	done
	[ $gone = 1 ] && ok || fail "still running 4 s after SIG$1"
	wait_exit 2
}

# ---- SIGTERM with nothing typed: no claim of a draft ------------------------
start "$TJ" --db t.db
login clerk demo1234
expect_screen desk "工作台"
sig TERM t.db
grep -q "没有需要保存的表单" "$T/app.err" && ok || fail "SIGTERM message: $(cat "$T/app.err")"
grep -q "已保存草稿\|存为草稿" "$T/app.err" && fail "claims a draft that was not kept: $(cat "$T/app.err")" || ok

# ---- the consultation form keeps a draft -------------------------------------
start "$TJ" --db t.db
login clerk demo1234
expect_screen desk2 "工作台"
key 2
expect_screen consult "咨询登记"
key Tab Tab
typ 询问经济补偿金的计算方法
expect_screen consult-typed "询问经济补偿金"
sig HUP t.db
grep -q "已将 1 份表单存为草稿" "$T/app.err" && ok || fail "SIGHUP message: $(cat "$T/app.err")"
[ "$(sql "SELECT count(*) FROM drafts WHERE kind = 'consult' AND body LIKE '%经济补偿金%'")" = 1 ] && ok ||
	fail "no consultation draft: $(sql 'SELECT kind, body FROM drafts')"
start "$TJ" --db t.db
login clerk demo1234
expect_screen consult-offered "咨询登记  询问经济补偿金"
key Enter
expect_screen consult-resumed "已恢复咨询草稿"
expect_screen consult-resumed-text "询问经济补偿金的计算方法"
key C-s
expect_screen consult-saved "共 1 人次"
[ "$(sql "SELECT count(*) FROM consultations WHERE note = '询问经济补偿金的计算方法'")" = 1 ] && ok ||
	fail "consultation not recorded"
[ "$(sql "SELECT count(*) FROM drafts")" = 0 ] && ok || fail "the saved consultation's draft stayed"
key Escape
expect_screen desk3 "工作台"

# ---- registered, then a hangup while the form is still shown ----------------
key 1
expect_screen intake "证件号码"
key Tab
typ 11010519491231002X
key Tab
typ 张三丰
key Tab Tab
typ 13812345678
key Tab
typ 上海市徐汇区漕溪北路1号
key Tab Tab
typ 仓库管理员
key Tab Tab Tab Tab
typ 91350100M000100Y43
expect_screen uscc-ok "正确（新单位）"
key Tab
typ 上海某某科技有限公司
key Tab
typ 李四
key Tab
typ 执行董事
key Tab Tab Tab
typ 徐汇区
key Tab Tab Tab Tab Tab Tab
typ "申请人于2024年3月入职被申请人处。2026年8月起被申请人拖欠工资。"
key C-n
typ 0601
key Enter Tab
typ 12000
key C-s
expect_screen claim "12,000.00 元"
sleep 1.2 # past an autosave tick in a slow run: a draft of the form may exist before the save
key C-s
expect_screen saved "沪劳人调〔2026〕1号" 10
sig HUP t.db
[ "$(sql "SELECT count(*) FROM cases")" = 1 ] && ok || fail "the application was not registered"
[ "$(sql "SELECT count(*) FROM drafts")" = 0 ] && ok ||
	fail "a draft of the registered application was kept: $(sql 'SELECT kind, substr(body, 1, 80) FROM drafts')"
grep -q "存为草稿" "$T/app.err" && fail "claims a draft: $(cat "$T/app.err")" || ok

# ---- a full disk: the draft goes to the runtime directory --------------------
mkdir "$T/full"
if mount -t tmpfs -o size=3m tmpfs "$T/full" 2>/dev/null; then
	trap 'umount "$T/full" 2>/dev/null; cleanup_tmux; rm -rf "$T"' EXIT
	cp t.db "$T/full/f.db"
	start "$TJ" --db "$T/full/f.db"
	login clerk demo1234
	expect_screen full-desk "工作台"
	key 2
	expect_screen full-consult "咨询登记"
	key Tab Tab
	typ 磁盘满时的咨询草稿
	expect_screen full-typed "磁盘满时的咨询草稿"
	# nothing left on the disk now
	dd if=/dev/zero of="$T/full/filler" bs=4k 2>/dev/null
	dd if=/dev/zero of="$T/full/filler2" bs=512 2>/dev/null
	sig HUP "$T/full/f.db"
	grep -q "磁盘已满" "$T/app.err" && ok || fail "full disk not named: $(cat "$T/app.err")"
	grep -q "已另存到 $XDG_RUNTIME_DIR/tiaojie" "$T/app.err" && ok ||
		fail "the message does not say where the draft went: $(cat "$T/app.err")"
	f=$(ls "$XDG_RUNTIME_DIR/tiaojie/" | grep '^draft-')
	[ -n "$f" ] && ok || fail "no draft file in the runtime directory: $(ls -la "$XDG_RUNTIME_DIR/tiaojie")"
	[ "$(stat -c %a "$XDG_RUNTIME_DIR/tiaojie/$f" 2>/dev/null)" = 600 ] && ok || fail "draft file mode"
	grep -q "磁盘满时的咨询草稿" "$XDG_RUNTIME_DIR/tiaojie/$f" && ok || fail "draft file lacks the text"
	rm -f "$T/full/filler" "$T/full/filler2"
	# offered at the next login, and in the database then
	start "$TJ" --db "$T/full/f.db"
	login clerk demo1234
	expect_screen full-offered "咨询登记  磁盘满时的咨询草稿"
	[ -z "$(ls "$XDG_RUNTIME_DIR/tiaojie/" | grep '^draft-')" ] && ok || fail "the file stayed after it was taken in"
	[ "$(sqlite3 "$T/full/f.db" "SELECT count(*) FROM drafts WHERE kind = 'consult'")" = 1 ] && ok ||
		fail "the kept-aside draft is not in the database"
	key Escape
	key C-q y
	wait_exit
	umount "$T/full"
else
	echo "test_drafts_kept: no tmpfs mount here (not root?): the full-disk part skipped" >&2
fi
done_tests
