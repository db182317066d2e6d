/*
 * test_text.c - display-column arithmetic (wide characters never split,
 * wrapping by width, round trips through UTF-8) and the draft encoding.
 */
#include <locale.h>
#include <stdlib.h>

#include "tap.h"
#include "testdb.h"
#include "tiaojie/draft.h"
#include "tiaojie/uitext.h"

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		fprintf(stderr, "no C.UTF-8 locale\n");
		return 1;
	}
	CHECK_INT(tw_width("调解a"), 5);
	CHECK_INT(tw_width(""), 0);
	CHECK_INT(tw_width("ABC123"), 6);
	CHECK_INT(tw_width("（全角）"), 8);

	size_t n;
	wchar_t *w = tw_from_utf8("张三abc李四", &n);
	CHECK_INT(n, 7);
	/* 5 columns hold 张三a; 4 hold 张三; 3 hold only 张 (三 would be split) */
	CHECK_INT(tw_fit(w, n, 5), 3);
	CHECK_INT(tw_fit(w, n, 4), 2);
	CHECK_INT(tw_fit(w, n, 3), 1);
	CHECK_INT(tw_fit(w, n, 1), 0);
	char *back = tw_to_utf8(w, n);
	CHECK_STR(back, "张三abc李四");
	free(back);
	free(w);

	/* invalid UTF-8 becomes U+FFFD, not a crash */
	w = tw_from_utf8("a\xff" "b", &n);
	CHECK_INT(n, 3);
	CHECK_INT(w[1], 0xFFFD);
	free(w);

	/* wrapping: 8 columns, wide characters move whole to the next line */
	size_t starts[16];
	w = tw_from_utf8("一二三四五六七八九", &n);
	int lines = tw_wrap(w, n, 8, starts, 16);
	CHECK_INT(lines, 3);
	CHECK_INT(starts[1], 4);
	CHECK_INT(starts[2], 8);
	free(w);
	w = tw_from_utf8("abcdefg一二", &n); /* 7 + 2 > 8: 一 wraps */
	lines = tw_wrap(w, n, 8, starts, 16);
	CHECK_INT(lines, 2);
	CHECK_INT(starts[1], 7);
	free(w);
	w = tw_from_utf8("甲\n乙\n\n丙", &n);
	lines = tw_wrap(w, n, 20, starts, 16);
	CHECK_INT(lines, 4);
	CHECK_INT(starts[3], 5);
	/* counting only (no starts) agrees */
	CHECK_INT(tw_wrap(w, n, 20, NULL, 0), 4);
	free(w);

	/* drafts round-trip any text */
	struct strbuf sb;
	sb_init(&sb);
	draft_put(&sb, "facts", "第一行\n第二行\\n不是换行\r");
	draft_put(&sb, "name", "张三");
	draft_put(&sb, "empty", "");
	draft_put(&sb, "name2", "=等号=");
	char *v = draft_get(sb.buf, "facts");
	CHECK_STR(v, "第一行\n第二行\\n不是换行\r");
	free(v);
	v = draft_get(sb.buf, "name");
	CHECK_STR(v, "张三");
	free(v);
	v = draft_get(sb.buf, "empty");
	CHECK_STR(v, "");
	free(v);
	v = draft_get(sb.buf, "name2");
	CHECK_STR(v, "=等号=");
	free(v);
	CHECK(draft_get(sb.buf, "nam") == NULL, "prefix of a key is not the key");
	CHECK(draft_get(sb.buf, "missing") == NULL, "missing key");
	sb_free(&sb);

	/* keeping and dropping drafts: size and encoding checked */
	setenv("TIAOJIE_NOW", "2026-11-20 10:00:00", 1);
	struct db *db = testdb_new("drafts.db");
	int64_t uid = 0, id = 0;
	testdb_raw(db, "INSERT INTO users(login, display_name, role, pw_hash, created_at) "
		       "VALUES ('c', 'c', 'clerk', '$y$x', 'x')");
	uid = testdb_int(db, "SELECT id FROM users WHERE login = 'c'");
	CHECK_INT(draft_keep(db, uid, "intake", "name=张三\n", &id), 0);
	CHECK(id > 0, "draft id");
	int64_t first = id;
	CHECK_INT(draft_keep(db, uid, "intake", "name=张三丰\n", &id), 0);
	CHECK_INT(id, first);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM drafts"), 1);
	CHECK_INT(draft_keep(db, uid, "intake", "bad \xff", &id), -1);
	char *big = xmalloc(DRAFT_MAX_BYTES + 2);
	memset(big, 'a', DRAFT_MAX_BYTES + 1);
	big[DRAFT_MAX_BYTES + 1] = '\0';
	CHECK_INT(draft_keep(db, uid, "intake", big, &id), -1);
	free(big);
	CHECK_INT(draft_keep(db, 0, "intake", "x", &id), -1);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM drafts"), 1); /* the refusals added nothing */
	CHECK_INT(draft_drop(db, uid, id), 0);
	CHECK_INT(testdb_int(db, "SELECT count(*) FROM drafts"), 0);
	CHECK_INT(draft_drop(db, uid, 0), 0);
	db_close(db);
	testdb_cleanup();
	return tap_done();
}
