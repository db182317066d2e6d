/*
 * casework.c - working a case after registration: loading it for the
 * detail screen, the actions this user may take on it now, every
 * transition of SPEC section 3 (case_apply), and pushing the standard
 * claims text to the applicant through the configured notify command.
 *
 * case_apply is the one door for every transition.  Inside one BEGIN
 * IMMEDIATE transaction it reads the stored case, refuses a save over a
 * newer version than the one the user saw (naming who changed the case and
 * when; the caller keeps the user's input), asks lifecycle_check - the only
 * place that knows which action is legal from which state for which role
 * and whether a mediator may act on this case - checks the inputs of the
 * action, and writes the case row (version + 1), the rows the action
 * touches (claims, sessions) and its events.  Any refusal or failure rolls
 * everything back and leaves a Chinese message in the error sink.
 *
 * The event log (全程留痕).  Each transition writes exactly one event with
 * entity 'case' and action = action_keyword(), so the timeline and
 * `tiaojie check` can rely on it:
 *
 *   - actions that change the status (those of
 *     lifecycle_status_actions_json(): confirm, accept, reject, assign,
 *     session, agree, fail, withdraw, refer) have before/after = the old
 *     and new status keywords - `tiaojie check` compares the case's status
 *     with the last of these;
 *   - the others (reassign, schedule, reschedule, unschedule, extend,
 *     perform) keep the status and put human-readable detail in
 *     before/after: old and new mediator, the session booked, the session
 *     as it was and as it is now with the reason, old and new deadline
 *     with the parties' consent, the performance recorded.
 *
 * Booked sessions that an action calls off (closing the case, an
 * agreement, a new mediator) each get one more event in the same
 * transaction, after the action's: entity 'session', action 'unschedule',
 * before the slot, after "已取消：<why>".  The push of the claims to the
 * applicant (case_push) is an event 'push' with the exact text sent; it
 * is no transition and leaves the case row alone.
 *
 * Closing a case (reject, agree, fail, withdraw) sets closed_at and keeps
 * the deadline the case had: every list, queue and count of deadlines
 * looks at open cases only, and the statistics need to know whether a
 * closed case was concluded within its statutory period.
 *
 * What a status change carried (the confirmation's way and time, the
 * mediation deadline, a reason, the mediator, what a session achieved, the
 * agreed amounts) is also kept in the case row and its claims and
 * sessions; so that the trail still shows it after later changes, such a
 * transition writes a second row in the same transaction: entity 'case',
 * action 'note', before '', after = the detail in Chinese
 * ("不予受理理由：……", "调解员：张三", "确认方式：电话，2026-11-20 10:00",
 * "达成协议：第1项 10,000.00元，2026-12-01前支付").  A note follows the
 * event it explains; refer has none.
 */
#include "tiaojie/casework.h"
#include "tiaojie/casenum.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/access.h"
#include "tiaojie/money.h"
#include "tiaojie/run.h"
#include "tiaojie/util.h"
#include "tiaojie/vocab.h"

#define REASON_MAX_CHARS 500
#define NOTE_MAX_CHARS 2000
#define ATTENDANCE_MAX_CHARS 200
#define NOTIFY_TIMEOUT_MS 30000
#define DAY_START_MIN (8 * 60)  /* sessions between 08:00 */
#define DAY_END_MIN (18 * 60)   /* and 18:00 */

/* A refusal (message set, nothing to add) or a failure of the database
 * (message set, "保存失败" added) from the steps of case_apply. */
#define REFUSED (-1)
#define FAILED (-2)

const char *case_confirm_how_name(const char *kw)
{
	return vocab_label(VOCAB_CONFIRM, kw);
}

static int blank(const char *s)
{
	if (!s)
		return 1;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* Copy UTF-8 text into a fixed buffer without cutting a character. */
static void copy_utf8(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* "HH:MM" -> minutes since midnight; -1 when malformed. */
static int parse_hm(const char *s)
{
	if (!s || strlen(s) != 5 || s[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 23 || m > 59)
		return -1;
	return h * 60 + m;
}

static void format_hm(int min, char out[6])
{
	unsigned h = (unsigned)(min / 60) % 100u, m = (unsigned)(min % 60) % 60u;

	out[0] = (char)('0' + h / 10);
	out[1] = (char)('0' + h % 10);
	out[2] = ':';
	out[3] = (char)('0' + m / 10);
	out[4] = (char)('0' + m % 10);
	out[5] = '\0';
}

/* "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" -> "YYYY-MM-DD HH:MM:SS". */
static int parse_datetime(const char *s, char out[20])
{
	char day[11];
	tj_day d;
	size_t n = s ? strlen(s) : 0;

	if ((n != 16 && n != 19) || s[10] != ' ')
		return -1;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (date_parse(day, &d) < 0)
		return -1;
	char hm[6];
	memcpy(hm, s + 11, 5);
	hm[5] = '\0';
	if (parse_hm(hm) < 0)
		return -1;
	int sec = 0;
	if (n == 19) {
		if (s[16] != ':' || s[17] < '0' || s[17] > '5' || s[18] < '0' || s[18] > '9')
			return -1;
		sec = (s[17] - '0') * 10 + (s[18] - '0');
	}
	snprintf(out, 20, "%s %s:%02d", day, hm, sec);
	return 0;
}

/* ---- one transition in progress ------------------------------------------- */

struct work {
	struct db *db;
	const struct config *cfg;
	const struct holidays *hol;
	const struct actor *who;
	const struct case_op *op;
	struct case_op_result *res;
	struct case_work_row *row;
	struct case_update up; /* the row as it will be written */
	char now[20], today_s[11], now_hm[6];
	tj_day today;
	enum case_status from, to;
	/* event detail for the actions that keep the status */
	struct strbuf before, after;
	/* the note of a status change ("" when none) */
	struct strbuf note;
	/* storage for what up points to */
	char confirmed_at[20], deadline[11];
	/* sessions called off as a consequence of the action, and why: each
	 * gets an event of its own after the action's */
	struct session_list cancelled;
	const char *cancel_why;
};

static int refuse(struct work *w, const char *field, const char *fmt, ...) TJ_PRINTF(3, 4);
static int refuse(struct work *w, const char *field, const char *fmt, ...)
{
	va_list ap;

	if (field)
		snprintf(w->res->field, sizeof w->res->field, "%s", field);
	va_start(ap, fmt);
	tj_verror(fmt, ap);
	va_end(ap);
	return REFUSED;
}

/* A required free text: valid UTF-8, no control characters (newlines
 * where allowed), not blank, at most max characters. */
static int check_text(struct work *w, const char *field, const char *label, const char *s, size_t max,
		      int allow_nl)
{
	if (blank(s))
		return refuse(w, field, "请填写%s", label);
	if (!utf8_valid(s, strlen(s)))
		return refuse(w, field, "%s含有无效的UTF-8字节", label);
	if (utf8_has_control(s, allow_nl))
		return refuse(w, field, "%s含有控制字符", label);
	size_t n = utf8_chars(s);
	if (n > max)
		return refuse(w, field, "%s过长（最多%zu个字，现有%zu个字）", label, max, n);
	return 0;
}

/* Scheduled sessions after now are called off when a case is closed or
 * changes mediator: they would hold the room and the old mediator's
 * agenda.  Sessions already due stay as they are (they may have been held
 * without being recorded yet).  Each one called off is logged (an event
 * of the session, written after the action's own: see apply_in_tx) with
 * why, e.g. "达成调解协议". */
static int cancel_pending(struct work *w, const char *why, int *n)
{
	*n = 0;
	if (db_sessions_booked_after(w->db, w->op->case_id, w->today_s, w->now_hm, &w->cancelled) < 0)
		return FAILED;
	for (int i = 0; i < w->cancelled.n; i++)
		if (db_session_cancel(w->db, w->cancelled.v[i].id) < 0)
			return FAILED;
	w->cancel_why = why;
	*n = w->cancelled.n;
	return 0;
}

/* "2026-11-23 09:00-10:00 第一调解室": a session as the timeline shows it. */
static void slot_text(struct strbuf *sb, const char *day, const char *start, int minutes, const char *room)
{
	char end[6];
	int s = parse_hm(start);

	format_hm(s < 0 ? 0 : s + minutes, end);
	sb_printf(sb, "%s %s-%s%s%s", day, start, end, room && *room ? " " : "", room ? room : "");
}

static int check_room(struct work *w, const char *room)
{
	if (w->cfg->nrooms <= 0)
		return check_text(w, "room", "调解室", room, 30, 0);
	for (int i = 0; i < w->cfg->nrooms; i++)
		if (strcmp(room, w->cfg->rooms[i]) == 0)
			return 0;
	struct strbuf sb;
	sb_init(&sb);
	for (int i = 0; i < w->cfg->nrooms; i++) {
		if (i)
			sb_add(&sb, "、");
		sb_add(&sb, w->cfg->rooms[i]);
	}
	refuse(w, "room", "调解室 %s 不存在（可选：%s）", room, sb.buf);
	sb_free(&sb);
	return REFUSED;
}

/* The one rule for a session's time and place, whether it is booked,
 * moved or recorded as held: no other scheduled or held session of the
 * case's mediator, and none in the same room, may overlap it.  A session
 * recorded without a room clashes only by its mediator.  except_id is the
 * session being moved or recorded itself.  0, REFUSED or FAILED. */
static int check_clash(struct work *w, const char *day, int start, int minutes, const char *room, int64_t except_id)
{
	struct session_clash c;
	int clash = db_session_clash(w->db, day, start, start + minutes, w->row->mediator_id, room, except_id, &c);

	if (clash < 0)
		return FAILED;
	if (!clash)
		return 0;
	char end[6];
	format_hm(parse_hm(c.start) + c.minutes, end);
	/* the mediator's clash is the time's; a taken room is the room's */
	return refuse(w, c.same_mediator ? "start" : "room", "%s：与 %s %s-%s %s 冲突",
		      c.same_mediator ? "调解员此时已有安排" : "调解室此时已被占用", c.case_no, c.start, end, c.room);
}

static int do_confirm(struct work *w)
{
	const struct case_op *op = w->op;
	const char *way = case_confirm_how_name(op->confirm_how);

	if (!way) {
		char *all = vocab_join_labels(VOCAB_CONFIRM, "、");
		int r = refuse(w, "confirm_how", "请选择确认方式（%s）", all);
		free(all);
		return r;
	}
	if (blank(op->confirmed_at)) {
		memcpy(w->confirmed_at, w->now, sizeof w->confirmed_at);
	} else {
		if (parse_datetime(op->confirmed_at, w->confirmed_at) < 0)
			return refuse(w, "confirmed_at", "确认时间的格式应为 2026-11-20 10:30");
		if (strcmp(w->confirmed_at, w->now) > 0)
			return refuse(w, "confirmed_at", "确认时间不能晚于现在");
		if (strncmp(w->confirmed_at, w->row->received, 10) < 0)
			return refuse(w, "confirmed_at", "确认时间不能早于收件日期 %s", w->row->received);
	}
	if (!blank(op->answer)) {
		int rc = check_text(w, "answer", "申请人答复", op->answer, REASON_MAX_CHARS, 1);
		if (rc < 0)
			return rc;
	}
	w->up.confirm_how = op->confirm_how;
	w->up.confirmed_at = w->confirmed_at;
	sb_printf(&w->note, "确认方式：%s，%.16s", way, w->confirmed_at);
	/* what the applicant said back to the push, word for word */
	if (!blank(op->answer))
		sb_printf(&w->note, "；申请人答复：%s", op->answer);
	return 0;
}

/* The mediation period runs from the day the application was received
 * (调解仲裁法 §14 "自劳动争议调解组织收到调解申请之日起十五日内未达成
 * 调解协议的，当事人可以依法申请仲裁"; a case accepted late may have
 * little of it left, or none), or from acceptance where the court's
 * configuration says so ([deadlines] mediation_from); the documents word
 * it by the same setting (docs/fields.c deadline_rule). */
static int do_accept(struct work *w)
{
	tj_day from = w->today;
	if (!w->cfg->mediation_from_accepted && date_parse(w->row->received, &from) < 0)
		from = w->today;
	tj_day d = deadline_compute(w->hol, from, w->cfg->mediation_days, w->cfg->mediation_kind);

	date_format(d, w->deadline);
	w->up.accepted_at = w->now;
	w->up.deadline = w->deadline;
	sb_printf(&w->note, "调解期限：%s（%d个%s日）", w->deadline, w->cfg->mediation_days,
		  w->cfg->mediation_kind == DAYS_WORKING ? "工作" : "自然");
	return 0;
}

/* reject, fail, withdraw: a reason, and the case is closed. */
static int do_close(struct work *w, const char *label)
{
	int n = 0, rc;

	if ((rc = check_text(w, "reason", label, w->op->reason, REASON_MAX_CHARS, 0)) < 0)
		return rc;
	if ((rc = cancel_pending(w, action_name(w->op->action), &n)) < 0)
		return rc;
	w->up.reason = w->op->reason;
	w->up.closed_at = w->now;
	sb_printf(&w->note, "%s：%s", label, w->op->reason);
	if (n > 0)
		sb_printf(&w->note, "（取消待开的调解安排%d次）", n);
	return 0;
}

static int do_assign(struct work *w, int re)
{
	char *name = NULL;
	int active = 0, n = 0, rc;
	int found = w->op->mediator_id > 0 ? db_mediator_get(w->db, w->op->mediator_id, &name, &active) : 0;

	if (found < 0)
		return FAILED;
	if (!found || !active) {
		free(name);
		return refuse(w, "mediator_id", "调解员不存在或已停用");
	}
	if (re && w->op->mediator_id == w->row->mediator_id) {
		free(name);
		return refuse(w, "mediator_id", "改派的调解员与原调解员相同");
	}
	w->up.mediator_id = w->op->mediator_id;
	if (re) {
		if ((rc = cancel_pending(w, "改派调解员", &n)) < 0) {
			free(name);
			return rc;
		}
		sb_add(&w->before, w->row->mediator_name);
		sb_add(&w->after, name);
		if (n > 0)
			sb_printf(&w->after, "（取消原定调解安排%d次）", n);
	} else {
		sb_printf(&w->note, "调解员：%s", name);
	}
	free(name);
	return 0;
}

/* A slot for a booked session: the day (not past, within a year), the
 * start (between 08:00 and 18:00, not already past today), the length and
 * the room.  *start_out and *minutes_out are set.  0 or REFUSED. */
static int check_slot(struct work *w, const char *day_s, const char *start_s, int minutes, const char *room,
		      int *start_out)
{
	tj_day day = 0;
	int start, rc;

	if (blank(day_s))
		return refuse(w, "day", "请填写调解日期");
	if (date_parse(day_s, &day) < 0)
		return refuse(w, "day", "调解日期的格式应为 2026-11-23");
	if (day < w->today)
		return refuse(w, "day", "调解日期不能早于今天");
	if (day > w->today + 366)
		return refuse(w, "day", "调解日期不能晚于一年以后");
	start = parse_hm(start_s);
	if (start < 0)
		return refuse(w, "start", "请填写开始时间，如 09:30");
	if (minutes < 10 || minutes > 600)
		return refuse(w, "minutes", "调解时长应在10到600分钟之间");
	if (start < DAY_START_MIN || start + minutes > DAY_END_MIN)
		return refuse(w, "start", "调解应安排在08:00至18:00之间");
	if (day == w->today && start < parse_hm(w->now_hm))
		return refuse(w, "start", "开始时间已过");
	if (blank(room))
		return refuse(w, "room", "请选择调解室");
	if ((rc = check_room(w, room)) < 0)
		return rc;
	*start_out = start;
	return 0;
}

static int do_schedule(struct work *w)
{
	const struct case_op *op = w->op;
	const char *room = op->room;
	int start, minutes = op->minutes > 0 ? op->minutes : w->cfg->session_minutes, rc;

	if ((rc = check_slot(w, op->day, op->start, minutes, room, &start)) < 0)
		return rc;
	if ((rc = check_clash(w, op->day, start, minutes, room, 0)) < 0)
		return rc;
	char st[6], end[6];
	format_hm(start, st);
	format_hm(start + minutes, end);
	struct session_row sr = {
		.case_id = op->case_id,
		.mediator_id = w->row->mediator_id,
		.day = op->day,
		.start = st,
		.minutes = minutes,
		.room = room,
		.status = "scheduled",
		.note = "",
		.created_at = w->now,
	};
	if (db_session_add(w->db, &sr) < 0)
		return FAILED;
	sb_printf(&w->after, "%s %s-%s %s", op->day, st, end, room);
	return 0;
}

/* The booked session a reschedule or an unschedule is about: it must be
 * this case's and still scheduled.  1 found (*out), REFUSED or FAILED. */
static int booked_session(struct work *w, struct session_info *out)
{
	int found = w->op->session_id > 0 ? db_session_get(w->db, w->op->session_id, out) : 0;

	if (found < 0)
		return FAILED;
	if (!found || out->case_id != w->op->case_id)
		return refuse(w, "session", "请选择本案的一次调解安排");
	if (strcmp(out->status, "scheduled") != 0)
		return refuse(w, "session", "这次调解安排已%s，不能变更或取消",
			      strcmp(out->status, "held") == 0 ? "进行" : "取消");
	return 1;
}

/* A booked session to another day, time, length or room, with a reason:
 * the same checks as booking, the same clash rule (the session itself
 * aside).  Inputs left empty keep what was booked. */
static int do_reschedule(struct work *w)
{
	const struct case_op *op = w->op;
	struct session_info old;
	int rc, start;

	if ((rc = booked_session(w, &old)) < 0)
		return rc;
	if ((rc = check_text(w, "reason", "变更理由", op->reason, REASON_MAX_CHARS, 0)) < 0)
		return rc;
	const char *day = blank(op->day) ? old.day : op->day;
	const char *start_s = blank(op->start) ? old.start : op->start;
	const char *room = blank(op->room) ? old.room : op->room;
	int minutes = op->minutes > 0 ? op->minutes : old.minutes;
	if ((rc = check_slot(w, day, start_s, minutes, room, &start)) < 0)
		return rc;
	char st[6];
	format_hm(start, st);
	if (!strcmp(day, old.day) && !strcmp(st, old.start) && minutes == old.minutes && !strcmp(room, old.room) &&
	    old.mediator_id == w->row->mediator_id)
		return refuse(w, "day", "新的时间和调解室与原安排相同");
	if ((rc = check_clash(w, day, start, minutes, room, old.id)) < 0)
		return rc;
	if (db_session_move(w->db, old.id, w->row->mediator_id, day, st, minutes, room) < 0)
		return FAILED;
	slot_text(&w->before, old.day, old.start, old.minutes, old.room);
	slot_text(&w->after, day, st, minutes, room);
	sb_printf(&w->after, "（%s）", op->reason);
	return 0;
}

/* A booked session called off, with a reason. */
static int do_unschedule(struct work *w)
{
	struct session_info old;
	int rc;

	if ((rc = booked_session(w, &old)) < 0)
		return rc;
	if ((rc = check_text(w, "reason", "取消理由", w->op->reason, REASON_MAX_CHARS, 0)) < 0)
		return rc;
	if (db_session_cancel(w->db, old.id) < 0)
		return FAILED;
	slot_text(&w->before, old.day, old.start, old.minutes, old.room);
	sb_printf(&w->after, "已取消（%s）", w->op->reason);
	return 0;
}

static int do_session(struct work *w)
{
	const struct case_op *op = w->op;
	const char *day_s = blank(op->day) ? w->today_s : op->day;
	tj_day day = 0;
	int start = -1, minutes, rc;
	char st[6], end[6];
	const char *attendance = blank(op->attendance) ? "" : op->attendance;

	if ((rc = check_text(w, "note", "调解情况", op->note, NOTE_MAX_CHARS, 1)) < 0 ||
	    (!blank(attendance) &&
	     (rc = check_text(w, "attendance", "到场人员", attendance, ATTENDANCE_MAX_CHARS, 0)) < 0))
		return rc;
	if (date_parse(day_s, &day) < 0)
		return refuse(w, "day", "调解日期的格式应为 2026-11-20");
	if (day > w->today)
		return refuse(w, "day", "不能记录尚未进行的调解（日期晚于今天）");
	if (strcmp(day_s, w->row->received) < 0)
		return refuse(w, "day", "调解日期不能早于收件日期 %s", w->row->received);
	if (!blank(op->start)) {
		start = parse_hm(op->start);
		if (start < 0)
			return refuse(w, "start", "开始时间的格式应为 09:30");
		if (day == w->today && start > parse_hm(w->now_hm))
			return refuse(w, "start", "不能记录尚未开始的调解（开始时间晚于现在）");
	}
	if (op->minutes != 0 && (op->minutes < 10 || op->minutes > 600))
		return refuse(w, "minutes", "调解时长应在10到600分钟之间");
	if (!blank(op->room) && (rc = check_room(w, op->room)) < 0)
		return rc;

	/* the session booked for that day becomes the one held */
	struct session_slot slot;
	char startbuf[6];
	if (start >= 0)
		format_hm(start, startbuf);
	int booked = db_session_scheduled_on(w->db, op->case_id, day_s, start >= 0 ? startbuf : NULL, &slot);
	if (booked < 0)
		return FAILED;
	const char *room;
	if (booked) {
		if (start < 0)
			start = parse_hm(slot.start);
		minutes = op->minutes ? op->minutes : slot.minutes;
		room = blank(op->room) ? slot.room : op->room;
	} else {
		if (start < 0)
			start = parse_hm(w->now_hm);
		minutes = op->minutes ? op->minutes : w->cfg->session_minutes;
		room = blank(op->room) ? "" : op->room;
	}
	if (start < 0 || start + minutes > 24 * 60)
		return refuse(w, "minutes", "调解不能跨日");
	format_hm(start, st);
	format_hm(start + minutes, end);
	if ((rc = check_clash(w, day_s, start, minutes, room, booked ? slot.id : 0)) < 0)
		return rc;
	if (booked) {
		if (db_session_mark_held(w->db, slot.id, st, minutes, room, op->note, w->who->user_id, attendance) < 0)
			return FAILED;
	} else {
		struct session_row sr = {
			.case_id = op->case_id,
			.mediator_id = w->row->mediator_id,
			.day = day_s,
			.start = st,
			.minutes = minutes,
			.room = room,
			.status = "held",
			.note = op->note,
			.created_at = w->now,
			.recorded_by = w->who->user_id,
			.attendance = attendance,
		};
		if (db_session_add(w->db, &sr) < 0)
			return FAILED;
	}
	sb_printf(&w->note, "调解记录（%s %s-%s%s%s）：%s", day_s, st, end, *room ? " " : "", room, op->note);
	if (*attendance)
		sb_printf(&w->note, "；到场人员：%s", attendance);
	return 0;
}

static int do_extend(struct work *w)
{
	tj_day base;
	int rc;

	if ((rc = check_text(w, "reason", "双方同意延长的说明", w->op->reason, REASON_MAX_CHARS, 0)) < 0)
		return rc;
	if (!w->row->deadline[0] || date_parse(w->row->deadline, &base) < 0)
		base = w->today;
	date_format(deadline_compute(w->hol, base, w->cfg->extension_days, w->cfg->mediation_kind), w->deadline);
	w->up.deadline = w->deadline;
	w->up.extended = 1;
	sb_printf(&w->before, "调解期限 %s", w->row->deadline[0] ? w->row->deadline : "无");
	sb_printf(&w->after, "调解期限 %s（%s）", w->deadline, w->op->reason);
	return 0;
}

/* A worker's agreed part of a collective claim, in the note: "申请人2
 * 3,000.00元". */
static void note_shares(struct strbuf *sb, const struct claim_amount *c, const int64_t *fen)
{
	char amt[32];

	sb_add(sb, "（其中");
	for (int j = 0; j < c->nshares; j++)
		sb_printf(sb, "%s申请人%d %s元", j ? "、" : "", c->shares[j].applicant,
			  money_format(fen[j], amt, sizeof amt));
	sb_add(sb, "）");
}

/* Each worker's agreed part of claim c (a collective claim) from a, into
 * fen[] in the order of c's shares; their sum in *sum. */
static int agree_shares(struct work *w, int i, const struct case_op_agreed *a, const struct claim_amount *c,
			int64_t *fen, int64_t *sum)
{
	char f[48];

	*sum = 0;
	if (a->nshares == 0) {
		/* without each worker's figure only the whole claim or nothing
		 * says what each gets */
		if (a->agreed_fen != c->amount_fen && a->agreed_fen != 0) {
			snprintf(f, sizeof f, "agreed[%d]", i);
			return refuse(w, f, "第%d项是各申请人各自的金额之和，请逐人填写协议金额", a->ord);
		}
		for (int j = 0; j < c->nshares; j++)
			*sum += fen[j] = a->agreed_fen ? c->shares[j].amount_fen : 0;
		return 0;
	}
	for (int j = 0; j < c->nshares; j++)
		fen[j] = -1;
	for (int x = 0; x < a->nshares; x++) {
		const struct case_op_share *sh = &a->shares[x];
		int j;
		snprintf(f, sizeof f, "agreed[%d].share[%d]", i, x);
		for (j = 0; j < c->nshares && c->shares[j].applicant != sh->applicant; j++)
			;
		if (j == c->nshares)
			return refuse(w, f, "第%d项请求没有申请人%d的金额", a->ord, sh->applicant);
		if (fen[j] >= 0)
			return refuse(w, f, "第%d项申请人%d的协议金额重复填写", a->ord, sh->applicant);
		if (sh->agreed_fen < 0)
			return refuse(w, f, "协议金额不能为负数");
		if (sh->agreed_fen > c->shares[j].amount_fen) {
			char amt[32];
			return refuse(w, f, "不能超过该申请人的请求金额（%s元）",
				      money_format(c->shares[j].amount_fen, amt, sizeof amt));
		}
		fen[j] = sh->agreed_fen;
		*sum += sh->agreed_fen;
	}
	for (int j = 0; j < c->nshares; j++)
		if (fen[j] < 0) {
			snprintf(f, sizeof f, "agreed[%d]", i);
			return refuse(w, f, "请填写第%d项申请人%d的协议金额", a->ord, c->shares[j].applicant);
		}
	return 0;
}

/* Several respondents answering separately (按份, not 连带) for a claim
 * agreed at total: what each pays, into fen[] in the order of c's
 * respondents, adding up to total. */
static int several_payers(const struct claim_amount *c)
{
	return c->nagainst > 1 && !c->joint;
}

static int agree_payers(struct work *w, int i, const struct case_op_agreed *a, const struct claim_amount *c,
			int64_t total, int64_t *fen)
{
	char f[48];
	int64_t sum = 0;

	snprintf(f, sizeof f, "agreed[%d]", i);
	if (a->npayers == 0)
		return refuse(w, f, "第%d项由%d个被申请人分别支付（不承担连带责任），请填写每个被申请人支付的金额",
			      a->ord, c->nagainst);
	for (int j = 0; j < c->nagainst; j++)
		fen[j] = -1;
	for (int x = 0; x < a->npayers; x++) {
		const struct case_op_payer *p = &a->payers[x];
		int j;
		snprintf(f, sizeof f, "agreed[%d].payer[%d]", i, x);
		for (j = 0; j < c->nagainst && c->against[j] != p->respondent; j++)
			;
		if (j == c->nagainst)
			return refuse(w, f, "第%d项请求不针对被申请人%d", a->ord, p->respondent);
		if (fen[j] >= 0)
			return refuse(w, f, "第%d项被申请人%d的支付金额重复填写", a->ord, p->respondent);
		if (p->agreed_fen < 0)
			return refuse(w, f, "支付金额不能为负数");
		fen[j] = p->agreed_fen;
		sum += p->agreed_fen;
	}
	snprintf(f, sizeof f, "agreed[%d]", i);
	for (int j = 0; j < c->nagainst; j++)
		if (fen[j] < 0)
			return refuse(w, f, "请填写第%d项被申请人%d支付的金额（不支付填 0）", a->ord, c->against[j]);
	if (sum != total) {
		char s1[32], s2[32];
		return refuse(w, f, "第%d项各被申请人支付金额之和（%s元）应等于协议金额（%s元）", a->ord,
			      money_format(sum, s1, sizeof s1), money_format(total, s2, sizeof s2));
	}
	return 0;
}

static int do_agree(struct work *w)
{
	const struct case_op *op = w->op;
	struct claim_amounts ca;
	char f[48];
	int rc = 0;
	tj_day earliest = w->today - 365;

	if (op->nagreed < 1 || !op->agreed)
		return refuse(w, "agreed", "请填写协议内容（各项请求的协议金额）");
	if (db_claim_amounts(w->db, op->case_id, &ca) < 0)
		return FAILED;
	/* per claim: the index in op->agreed (-1 when not listed: no
	 * agreement on it), the amount agreed and each worker's part */
	int *pick = xcalloc((size_t)ca.n + 1, sizeof *pick);
	int64_t *total = xcalloc((size_t)ca.n + 1, sizeof *total);
	int64_t **share_fen = xcalloc((size_t)ca.n + 1, sizeof *share_fen);
	int64_t **payer_fen = xcalloc((size_t)ca.n + 1, sizeof *payer_fen);
	int settled = 0;
	for (int k = 0; k < ca.n; k++)
		pick[k] = -1;
	for (int i = 0; i < op->nagreed && rc == 0; i++) {
		const struct case_op_agreed *a = &op->agreed[i];
		int k;
		snprintf(f, sizeof f, "agreed[%d]", i);
		for (k = 0; k < ca.n && ca.v[k].ord != a->ord; k++)
			;
		if (k == ca.n) {
			rc = refuse(w, f, "第%d项请求不存在", a->ord);
			break;
		}
		if (pick[k] >= 0) {
			rc = refuse(w, f, "第%d项请求重复填写", a->ord);
			break;
		}
		pick[k] = i;
		if (a->outcome < AGREE_AGREED || a->outcome > AGREE_WAIVED) {
			snprintf(f, sizeof f, "agreed[%d].outcome", i);
			rc = refuse(w, f, "请选择第%d项的结果（同意、未达成、撤回或放弃）", a->ord);
			break;
		}
		if (a->outcome == AGREE_WAIVED)
			settled++;
		if (a->outcome != AGREE_AGREED)
			continue; /* whatever amount was left in the form is not used */
		settled++;
		total[k] = a->agreed_fen;
		if (ca.v[k].nshares > 0) {
			share_fen[k] = xcalloc((size_t)ca.v[k].nshares, sizeof *share_fen[k]);
			if ((rc = agree_shares(w, i, a, &ca.v[k], share_fen[k], &total[k])) < 0)
				break;
		}
		if (total[k] < 0) {
			rc = refuse(w, f, "第%d项协议金额不能为负数", a->ord);
		} else if (total[k] > ca.v[k].amount_fen) {
			char amt[32];
			rc = refuse(w, f, "协议金额不能超过请求金额（第%d项请求 %s元）", a->ord,
				    money_format(ca.v[k].amount_fen, amt, sizeof amt));
		} else if (total[k] > 0) {
			/* the date's own field, so the error stands at the date */
			tj_day pd;
			snprintf(f, sizeof f, "agreed[%d].pay_date", i);
			if (blank(a->pay_date))
				rc = refuse(w, f, "请填写第%d项的支付日期", a->ord);
			else if (date_parse(a->pay_date, &pd) < 0)
				rc = refuse(w, f, "第%d项的支付日期格式应为 2026-12-01", a->ord);
			else if (pd < earliest)
				rc = refuse(w, f, "第%d项的支付日期过早", a->ord);
			if (rc == 0 && several_payers(&ca.v[k])) {
				payer_fen[k] = xcalloc((size_t)ca.v[k].nagainst, sizeof *payer_fen[k]);
				rc = agree_payers(w, i, a, &ca.v[k], total[k], payer_fen[k]);
			}
		}
	}
	/* an agreement settles something: when nothing is agreed or given up
	 * the mediation failed, or the application was withdrawn */
	if (rc == 0 && settled == 0)
		rc = refuse(w, "agreed", "没有一项请求达成协议；未达成协议的请办理「调解不成」，申请人撤回全部请求的请办理「撤回申请」");
	if (rc == 0) {
		sb_add(&w->note, "达成协议：");
		for (int k = 0; k < ca.n && rc == 0; k++) {
			const struct case_op_agreed *a = pick[k] >= 0 ? &op->agreed[pick[k]] : NULL;
			enum agree_outcome o = a ? a->outcome : AGREE_UNAGREED;
			/* a claim for money agreed at nothing is given up */
			if (o == AGREE_AGREED && total[k] == 0 && ca.v[k].amount_fen > 0)
				o = AGREE_WAIVED;
			int64_t fen = o == AGREE_AGREED ? total[k] : o == AGREE_WAIVED ? 0 : -1;
			const char *pay = fen > 0 ? a->pay_date : NULL;
			char amt[32];
			if (db_claim_set_agreed(w->db, op->case_id, ca.v[k].ord, fen, pay, o == AGREE_WAIVED,
						o == AGREE_WITHDRAWN) < 0) {
				rc = FAILED;
				break;
			}
			if (db_claim_payers_clear(w->db, op->case_id, ca.v[k].ord) < 0) {
				rc = FAILED;
				break;
			}
			for (int j = 0; o == AGREE_AGREED && payer_fen[k] && j < ca.v[k].nagainst && rc == 0; j++)
				if (db_claim_payer_set(w->db, op->case_id, ca.v[k].ord, ca.v[k].against[j], payer_fen[k][j]) < 0)
					rc = FAILED;
			if (rc < 0)
				break;
			for (int j = 0; j < ca.v[k].nshares; j++)
				if (db_claim_share_set_agreed(w->db, op->case_id, ca.v[k].ord, ca.v[k].shares[j].applicant,
							      o == AGREE_AGREED && share_fen[k] ? share_fen[k][j]
							      : o == AGREE_WAIVED       ? 0
											: -1) < 0) {
					rc = FAILED;
					break;
				}
			sb_printf(&w->note, "%s第%d项 ", k ? "；" : "", ca.v[k].ord);
			if (o == AGREE_WAIVED)
				sb_add(&w->note, "申请人放弃");
			else if (o == AGREE_WITHDRAWN)
				sb_add(&w->note, "申请人撤回");
			else if (o == AGREE_UNAGREED)
				sb_add(&w->note, "未达成协议");
			else if (fen == 0)
				sb_add(&w->note, "同意（无金额）");
			else
				sb_printf(&w->note, "%s元", money_format(fen, amt, sizeof amt));
			if (o == AGREE_AGREED && fen > 0 && payer_fen[k]) {
				sb_add(&w->note, "（");
				for (int j = 0; j < ca.v[k].nagainst; j++)
					sb_printf(&w->note, "%s被申请人%d支付%s元", j ? "、" : "", ca.v[k].against[j],
						  money_format(payer_fen[k][j], amt, sizeof amt));
				sb_add(&w->note, "）");
			}
			if (pay)
				sb_printf(&w->note, "，%s前支付", pay);
			if (o == AGREE_AGREED && fen > 0 && share_fen[k])
				note_shares(&w->note, &ca.v[k], share_fen[k]);
		}
	}
	int n = 0;
	if (rc == 0 && (rc = cancel_pending(w, "达成调解协议", &n)) == 0 && n > 0)
		sb_printf(&w->note, "（取消待开的调解安排%d次）", n);
	for (int k = 0; k < ca.n; k++) {
		free(share_fen[k]);
		free(payer_fen[k]);
	}
	free(share_fen);
	free(payer_fen);
	free(total);
	free(pick);
	claim_amounts_free(&ca);
	if (rc < 0)
		return rc;
	w->up.performance = perf_keyword(PERF_PENDING);
	w->up.closed_at = w->now;
	return 0;
}

static int do_perform(struct work *w)
{
	if (w->op->perf != PERF_PERFORMED && w->op->perf != PERF_DEFAULTED)
		return refuse(w, "perf", "请选择履行情况（履行完毕或未履行）");
	w->up.performance = perf_keyword(w->op->perf);
	sb_add(&w->before, perf_name(PERF_PENDING));
	sb_add(&w->after, perf_name(w->op->perf));
	return 0;
}

void cv_evidence_free(struct cv_evidence *e)
{
	free(e->name);
	free(e->source);
	free(e->purpose);
	memset(e, 0, sizeof *e);
}

static int do_evidence(struct work *w)
{
	const struct case_op *op = w->op;
	const struct case_op_evidence *in = op->evidence;
	struct cv_evidence old = {0};
	struct evidence_row e = {.case_id = op->case_id};
	int rc, found = 0;

	if (op->evidence_id > 0) {
		found = db_evidence_get(w->db, op->case_id, op->evidence_id, &old);
		if (found < 0)
			return FAILED;
		if (!found)
			return refuse(w, "evidence", "本案没有这项证据（可能已被删除），请刷新后重新选择");
	}
	if (op->evidence_remove) {
		if (!found)
			return refuse(w, "evidence", "请选择要删除的证据");
		e = (struct evidence_row){.name = old.name, .source = old.source, .purpose = old.purpose,
					  .pages = old.pages, .original = old.original, .party = old.party,
					  .submitted = old.submitted};
		evidence_describe(&w->before, old.ord, &e);
		sb_printf(&w->after, "删除证据第%d项", old.ord);
		rc = db_evidence_remove(w->db, op->case_id, op->evidence_id, w->now);
		cv_evidence_free(&old);
		return rc < 0 ? FAILED : 0;
	}
	if (!in) {
		cv_evidence_free(&old);
		return refuse(w, "evidence.name", "请填写证据名称");
	}
	const char *which;
	rc = 0;
	if (evidence_check(in, found ? &old : NULL, w->today_s, w->today, &e, &which) < 0) {
		/* the message is in the error sink; the field is the item's */
		snprintf(w->res->field, sizeof w->res->field, "evidence.%s", which);
		rc = REFUSED;
	}
	if (rc == 0) {
		if (found) {
			struct evidence_row before = {.name = old.name, .source = old.source, .purpose = old.purpose,
						      .pages = old.pages, .original = old.original,
						      .party = old.party, .submitted = old.submitted};
			e.id = op->evidence_id;
			evidence_describe(&w->before, old.ord, &before);
			evidence_describe(&w->after, old.ord, &e);
			int n = db_evidence_update(w->db, &e);
			rc = n < 0 ? FAILED : n == 0 ? refuse(w, "evidence", "本案没有这项证据，请刷新后重新选择") : 0;
		} else if (db_evidence_add(w->db, &e) < 0) {
			rc = FAILED;
		} else {
			evidence_describe(&w->after, e.ord, &e);
		}
	}
	cv_evidence_free(&old);
	return rc;
}

static int do_action(struct work *w)
{
	switch (w->op->action) {
	case ACT_CONFIRM:
		return do_confirm(w);
	case ACT_ACCEPT:
		return do_accept(w);
	case ACT_REJECT:
		return do_close(w, "不予受理理由");
	case ACT_ASSIGN:
		return do_assign(w, 0);
	case ACT_REASSIGN:
		return do_assign(w, 1);
	case ACT_SCHEDULE:
		return do_schedule(w);
	case ACT_RESCHEDULE:
		return do_reschedule(w);
	case ACT_UNSCHEDULE:
		return do_unschedule(w);
	case ACT_SESSION:
		return do_session(w);
	case ACT_EXTEND:
		return do_extend(w);
	case ACT_AGREE:
		return do_agree(w);
	case ACT_FAIL:
		return do_close(w, "调解不成原因");
	case ACT_WITHDRAW:
		return do_close(w, "撤回理由");
	case ACT_REFER:
		return 0;
	case ACT_PERFORM:
		return do_perform(w);
	case ACT_EVIDENCE:
		return do_evidence(w);
	default:
		return refuse(w, NULL, "此操作不能在此执行");
	}
}

/* Does the action set a status (its row in the lifecycle table has a
 * target), so that its event's before/after are status keywords? */
static int sets_status(enum case_action a)
{
	return action_target(a, ST_COUNT) != ST_COUNT;
}

static void conflict(struct work *w)
{
	struct case_op_result *res = w->res;

	res->conflict = 1;
	copy_utf8(res->changed_by, sizeof res->changed_by, w->row->updated_by ? w->row->updated_by : "系统");
	copy_utf8(res->changed_at, sizeof res->changed_at, w->row->updated_at);
	tj_error("案件已被 %s 于 %s 修改，请刷新后重新操作（您填写的内容已保留）", res->changed_by, res->changed_at);
}

/* Everything of case_apply inside the transaction.  0, REFUSED or FAILED. */
static int apply_in_tx(struct work *w)
{
	const struct case_op *op = w->op;
	struct case_work_row *row = w->row;
	const char *reason;
	int found, rc, s, p;

	found = db_case_work_get(w->db, op->case_id, row);
	if (found < 0)
		return FAILED;
	if (!found)
		return refuse(w, NULL, "案件不存在");
	s = status_from_keyword(row->status);
	p = perf_from_keyword(row->performance);
	if (s < 0 || p < 0)
		return refuse(w, NULL, "案件 %s 的状态 %s 无法识别", row->case_no, row->status);
	w->from = (enum case_status)s;
	w->res->status = w->from;
	if (op->expect_version > 0 && op->expect_version != row->version) {
		conflict(w);
		return REFUSED;
	}
	struct case_state cs = {.status = w->from, .perf = (enum performance)p, .mediator_id = row->mediator_id,
				.extended = row->extended, .booked = row->nbooked};
	if (lifecycle_check(op->action, &cs, w->who, &reason) < 0)
		return refuse(w, NULL, "%s", reason);
	w->to = action_target(op->action, w->from);

	/* the row as stored; each action changes what it changes */
	w->up = (struct case_update){
		.id = op->case_id,
		.version = row->version,
		.performance = row->performance[0] ? row->performance : NULL,
		.mediator_id = row->mediator_id,
		.confirm_how = row->confirm_how[0] ? row->confirm_how : NULL,
		.confirmed_at = row->confirmed_at[0] ? row->confirmed_at : NULL,
		.accepted_at = row->accepted_at[0] ? row->accepted_at : NULL,
		.deadline = row->deadline[0] ? row->deadline : NULL,
		.closed_at = row->closed_at[0] ? row->closed_at : NULL,
		.reason = row->reason,
		.extended = row->extended,
		.now = w->now,
		.user_id = w->who->user_id,
	};
	if ((rc = do_action(w)) < 0)
		return rc;
	w->up.status = status_keyword(w->to);

	found = db_case_update(w->db, &w->up);
	if (found < 0)
		return FAILED;
	if (found == 0) {
		conflict(w);
		return REFUSED;
	}
	struct event_rec ev = {
		.at = w->now,
		.user_id = w->who->user_id,
		.case_id = op->case_id,
		.entity = "case",
		.entity_id = op->case_id,
		.action = action_keyword(op->action),
	};
	if (sets_status(op->action)) {
		ev.before = status_keyword(w->from);
		ev.after = status_keyword(w->to);
	} else {
		ev.before = w->before.buf ? w->before.buf : "";
		ev.after = w->after.buf ? w->after.buf : "";
	}
	if (db_event_add(w->db, &ev) < 0)
		return FAILED;
	if (w->note.len) {
		struct event_rec note = ev;
		note.action = "note";
		note.before = "";
		note.after = w->note.buf;
		if (db_event_add(w->db, &note) < 0)
			return FAILED;
	}
	/* the sessions the action called off, each in the trail */
	for (int i = 0; i < w->cancelled.n; i++) {
		const struct session_info *x = &w->cancelled.v[i];
		struct strbuf before, after;
		sb_init(&before);
		sb_init(&after);
		slot_text(&before, x->day, x->start, x->minutes, x->room);
		sb_printf(&after, "已取消：%s", w->cancel_why ? w->cancel_why : action_name(op->action));
		struct event_rec sev = ev;
		sev.entity = "session";
		sev.entity_id = x->id;
		sev.action = action_keyword(ACT_UNSCHEDULE);
		sev.before = before.buf;
		sev.after = after.buf;
		rc = db_event_add(w->db, &sev);
		sb_free(&before);
		sb_free(&after);
		if (rc < 0)
			return FAILED;
	}
	return 0;
}

int case_apply(struct db *db, const struct config *cfg, const struct holidays *hol, const struct actor *who,
	       const struct case_op *op, struct case_op_result *res)
{
	struct case_work_row row;
	struct work w = {.db = db, .cfg = cfg, .hol = hol, .who = who, .op = op, .res = res, .row = &row};
	int rc;

	memset(res, 0, sizeof *res);
	memset(&row, 0, sizeof row);
	if ((unsigned)op->action >= ACT_COUNT) {
		tj_error("未知的操作");
		return -1;
	}
	if (op->action == ACT_REGISTER || op->action == ACT_EDIT || op->action == ACT_JOIN ||
	    op->action == ACT_REPRESENT || op->action == ACT_SHARES) {
		tj_error("此操作不能在此执行");
		return -1;
	}
	tj_now_str(w.now);
	memcpy(w.today_s, w.now, 10);
	w.today_s[10] = '\0';
	memcpy(w.now_hm, w.now + 11, 5);
	w.now_hm[5] = '\0';
	w.today = tj_today();
	sb_init(&w.before);
	sb_init(&w.after);
	sb_init(&w.note);

	if (db_begin(db) < 0) {
		rc = FAILED;
		goto out_notx;
	}
	rc = apply_in_tx(&w);
	if (rc >= 0 && op->draft_id > 0 && db_draft_delete(db, who->user_id, op->draft_id) < 0)
		rc = FAILED;
	if (rc < 0) {
		char msg[1024];
		snprintf(msg, sizeof msg, "%s", tj_errmsg());
		db_rollback(db);
		if (rc == FAILED)
			tj_error("保存失败，未写入任何数据：%s", msg);
		else
			tj_error("%s", msg);
	} else if (db_commit(db) < 0) {
		rc = FAILED;
	} else {
		res->new_version = row.version + 1;
		res->status = w.to;
	}
out_notx:
	case_work_row_free(&row);
	session_list_free(&w.cancelled);
	sb_free(&w.before);
	sb_free(&w.after);
	sb_free(&w.note);
	return rc < 0 ? -1 : 0;
}

/* ---- loading ----------------------------------------------------------------- */

static void party_free(struct cv_party *p)
{
	free(p->name);
	free(p->id_type);
	free(p->id_no);
	free(p->uscc);
	free(p->gender);
	free(p->birth_date);
	free(p->nationality);
	free(p->phone);
	free(p->address);
	free(p->legal_rep);
	free(p->household);
	free(p->occupation);
	free(p->legal_rep_title);
	for (int j = 0; j < p->nagents; j++) {
		free(p->agents[j].name);
		free(p->agents[j].org);
		free(p->agents[j].phone);
		free(p->agents[j].scope);
	}
	free(p->agents);
}

void case_view_free(struct case_view *cv)
{
	if (!cv)
		return;
	free(cv->facts);
	free(cv->mediator_name);
	free(cv->reason);
	free(cv->updated_by);
	for (int i = 0; i < cv->napplicants; i++)
		party_free(&cv->applicants[i]);
	free(cv->applicants);
	for (int i = 0; i < cv->nrespondents; i++)
		party_free(&cv->respondents[i]);
	free(cv->respondents);
	for (int i = 0; i < cv->nclaims; i++) {
		free(cv->claims[i].cause_name);
		free(cv->claims[i].text);
		free(cv->claims[i].against);
		free(cv->claims[i].shares);
		free(cv->claims[i].payers);
	}
	free(cv->claims);
	for (int i = 0; i < cv->nsessions; i++) {
		free(cv->sessions[i].room);
		free(cv->sessions[i].status);
		free(cv->sessions[i].note);
		free(cv->sessions[i].mediator);
		free(cv->sessions[i].recorder);
		free(cv->sessions[i].attendance);
	}
	free(cv->sessions);
	for (int i = 0; i < cv->ndocuments; i++) {
		free(cv->documents[i].kind);
		free(cv->documents[i].issued_at);
		free(cv->documents[i].user);
		free(cv->documents[i].file);
	}
	free(cv->documents);
	for (int i = 0; i < cv->nevidence; i++)
		cv_evidence_free(&cv->evidence[i]);
	free(cv->evidence);
	for (int i = 0; i < cv->nservices; i++) {
		free(cv->services[i].name);
		free(cv->services[i].tracking);
		free(cv->services[i].signed_by);
		free(cv->services[i].user);
	}
	free(cv->services);
	free(cv->clerk);
	for (int i = 0; i < cv->nevents; i++) {
		free(cv->events[i].user);
		free(cv->events[i].action);
		free(cv->events[i].entity);
		free(cv->events[i].before);
		free(cv->events[i].after);
	}
	free(cv->events);
	memset(cv, 0, sizeof *cv);
}

int case_log_full_ids(struct db *db, const struct actor *who, const struct case_view *cv, const char *how)
{
	char now[20];
	char *after = xasprintf("%s（%s）", cv->case_no, how);
	struct event_rec e = {.at = now, .user_id = who->user_id, .case_id = cv->id, .entity = "case",
			      .entity_id = cv->id, .action = "full-ids", .after = after};
	int rc = -1;

	tj_now_str(now);
	if (db_begin(db) == 0) {
		if (db_event_add(db, &e) == 0 && db_commit(db) == 0)
			rc = 0;
		else
			db_rollback(db);
	}
	free(after);
	return rc;
}

const char *case_event_word(const char *kw)
{
	int s = status_from_keyword(kw);

	if (s >= 0)
		return status_name(s);
	int p = perf_from_keyword(kw);
	if (p > 0)
		return perf_name(p);
	return kw;
}

const char *case_event_what(const struct cv_event *e, char *buf, size_t size)
{
	int a = action_from_keyword(e->action);

	if (!strcmp(e->entity, "case")) {
		if (a >= 0)
			return action_name(a);
		if (!strcmp(e->action, "note"))
			return "说明";
		if (!strcmp(e->action, "push"))
			return "推送请求事项";
		if (!strcmp(e->action, "unconfirm"))
			return "确认失效"; /* a correction of the claims (case_correct) */
		if (!strcmp(e->action, "document"))
			return "出具文书";
		if (!strcmp(e->action, "serve"))
			return "登记送达";
		if (!strcmp(e->action, "document-failed"))
			return "文书未写出";
		if (!strcmp(e->action, "full-ids"))
			return "查看完整证件号码";
	}
	if (!strcmp(e->action, "outside-change") || !strcmp(e->action, "outside-add"))
		return "发现在程序之外被改动"; /* src/db/seal.c */
	if (!strcmp(e->action, "seal"))
		return "记下现有内容（启用核对）";
	if (!strcmp(e->entity, "person"))
		snprintf(buf, size, "%s劳动者档案", !strcmp(e->action, "create") ? "新建" : "更新");
	else if (!strcmp(e->entity, "employer"))
		snprintf(buf, size, "%s单位档案", !strcmp(e->action, "create") ? "新建" : "更新");
	else if (!strcmp(e->entity, "session"))
		snprintf(buf, size, "%s", a >= 0 ? action_name(a) : "调解安排");
	else
		snprintf(buf, size, "%s", e->action);
	return buf;
}

/* Who did it, as the screens show it: the system when no user. */
static void name_or_system(char **s)
{
	if (!*s)
		*s = xstrdup("系统");
}

int case_load(struct db *db, const struct actor *who, int64_t case_id, struct case_view *out)
{
	const char *reason;
	int rc;

	memset(out, 0, sizeof *out);
	rc = db_case_view_load(db, case_id, out);
	if (rc <= 0) {
		case_view_free(out);
		if (rc == 0)
			tj_error("案件不存在");
		return rc;
	}
	int s = status_from_keyword(out->status_kw), p = perf_from_keyword(out->perf_kw);
	out->status = s < 0 ? ST_REGISTERED : (enum case_status)s;
	out->perf = p < 0 ? PERF_NONE : (enum performance)p;
	struct case_state cs = {.status = out->status, .perf = out->perf, .mediator_id = out->mediator_id,
				.extended = out->extended};
	if (access_may_view(who, &cs, &reason) < 0) {
		case_view_free(out);
		tj_error("%s", reason);
		return -1;
	}
	name_or_system(&out->updated_by);
	for (int i = 0; i < out->nevents; i++)
		name_or_system(&out->events[i].user);
	for (int i = 0; i < out->ndocuments; i++)
		name_or_system(&out->documents[i].user);
	tj_day d;
	/* a closed case keeps its deadline for the record, but it no longer runs */
	if (status_is_open(out->status) && out->deadline[0] && date_parse(out->deadline, &d) == 0) {
		out->has_deadline = 1;
		out->days_left = deadline_days_left(d, tj_today());
	}
	return 1;
}

int case_find(struct db *db, const char *case_no, int64_t *id)
{
	int rc;

	if (blank(case_no))
		return 0;
	rc = db_case_find(db, case_no, id);
	/* a number typed with other brackets than it was issued with:
	 * 沪劳人调(2026)第1号, 沪劳人调（2026）第1号, 沪劳人调〔2026〕第1号 */
	for (int kind = 0; rc == 0 && kind < 3; kind++) {
		char *alt = casenum_brackets_as(case_no, (enum casenum_brackets)kind);
		if (alt && strcmp(alt, case_no) != 0)
			rc = db_case_find(db, alt, id);
		free(alt);
	}
	return rc;
}

int case_booked(const struct case_view *cv)
{
	int n = 0;

	for (int i = 0; i < cv->nsessions; i++)
		n += strcmp(cv->sessions[i].status, "scheduled") == 0;
	return n;
}

int case_actions(const struct case_view *cv, const struct actor *who, enum case_action *out, int max)
{
	struct case_state cs = {.status = cv->status, .perf = cv->perf, .mediator_id = cv->mediator_id,
				.extended = cv->extended, .booked = case_booked(cv)};
	const char *reason;
	int n = 0;

	for (int a = 0; a < ACT_COUNT && n < max; a++) {
		if (a == ACT_REGISTER || a == ACT_EDIT || a == ACT_JOIN)
			continue;
		/* representatives and each worker's own amounts: a collective
		 * dispute's (collective.c) */
		if ((a == ACT_REPRESENT || a == ACT_SHARES) && !cv->collective)
			continue;
		if (lifecycle_check((enum case_action)a, &cs, who, &reason) == 0)
			out[n++] = (enum case_action)a;
	}
	/* the correction last: the case's next steps come first */
	if (n < max && lifecycle_check(ACT_EDIT, &cs, who, &reason) == 0)
		out[n++] = ACT_EDIT;
	return n;
}

/* ---- the claims pushed to the applicant ------------------------------------- */

char *case_claims_text(const struct case_view *cv, const struct config *cfg)
{
	struct strbuf sb;
	char amt[32];

	sb_init(&sb);
	sb_printf(&sb, "【%s】", cv->case_no);
	if (cv->napplicants == 0)
		sb_add(&sb, "申请人");
	else if (cv->napplicants <= 3)
		for (int i = 0; i < cv->napplicants; i++) {
			if (i)
				sb_add(&sb, "、");
			sb_add(&sb, cv->applicants[i].name);
		}
	else
		sb_printf(&sb, "%s等%d人", cv->applicants[0].name, cv->napplicants);
	sb_add(&sb, "：您申请调解的请求事项如下：");
	for (int i = 0; i < cv->nclaims; i++) {
		const struct cv_claim *k = &cv->claims[i];
		sb_printf(&sb, "%s%d. %s", i ? "；" : "", i + 1, k->text);
		if (k->amount_fen > 0)
			sb_printf(&sb, " %s元", money_format(k->amount_fen, amt, sizeof amt));
		sb_printf(&sb, "（%s）", k->cause_name && *k->cause_name ? k->cause_name : k->cause);
	}
	sb_add(&sb, "。");
	if (cv->nrespondents > 0) {
		sb_add(&sb, "被申请人：");
		for (int i = 0; i < cv->nrespondents; i++) {
			if (i)
				sb_add(&sb, "、");
			sb_add(&sb, cv->respondents[i].name);
		}
		sb_add(&sb, "。");
	}
	sb_add(&sb, "请核对，如无异议请回复确认。");
	if (cfg && cfg->centre_name && *cfg->centre_name)
		sb_printf(&sb, "——%s", cfg->centre_name);
	return sb_detach(&sb);
}

/* ---- running the notify command ------------------------------------------------ */

static int notify_timeout_ms(void)
{
#ifdef TIAOJIE_TESTING
	const char *e = getenv("TIAOJIE_NOTIFY_TIMEOUT_MS");
	if (e && atoi(e) > 0)
		return atoi(e);
#endif
	return NOTIFY_TIMEOUT_MS;
}

int case_notify(const struct config *cfg, const char *phone, const char *case_no, const char *text)
{
	const char *cmd = cfg ? cfg->notify_command : NULL;
	const char *args[] = {phone ? phone : "", case_no ? case_no : "", NULL};
	struct run_result r;

	if (blank(cmd)) {
		tj_error("未配置通知命令（[commands] notify）");
		return -1;
	}
	if (run_command(cmd, args, text ? text : "", notify_timeout_ms(), &r) == 0)
		return 0;
	run_error(&r, "", "通知命令", notify_timeout_ms());
	return -1;
}

/* ---- the push, recorded ---------------------------------------------------------- */

int case_push(struct db *db, const struct config *cfg, const struct actor *who, int64_t case_id,
	      int64_t expect_version, struct case_op_result *res)
{
	struct case_view cv;
	const char *reason;
	char now[20];
	int rc = -1;

	memset(res, 0, sizeof *res);
	if (case_load(db, who, case_id, &cv) <= 0)
		return -1;
	res->status = cv.status;
	/* pushing is the first half of confirming: the same rules */
	struct case_state cs = {.status = cv.status, .perf = cv.perf, .mediator_id = cv.mediator_id,
				.extended = cv.extended};
	if (lifecycle_check(ACT_CONFIRM, &cs, who, &reason) < 0) {
		tj_error("%s", reason);
		goto out;
	}
	/* the text is made from the case as it is now: it must be the case
	 * the user saw, or the applicant is asked to confirm other claims */
	if (expect_version > 0 && expect_version != cv.version) {
		res->conflict = 1;
		copy_utf8(res->changed_by, sizeof res->changed_by, cv.updated_by);
		copy_utf8(res->changed_at, sizeof res->changed_at, cv.updated_at);
		tj_error("案件已被 %s 于 %s 修改，请刷新后重新推送", res->changed_by, res->changed_at);
		goto out;
	}
	if (cv.napplicants < 1 || blank(cv.applicants[0].phone)) {
		snprintf(res->field, sizeof res->field, "phone");
		tj_error("申请人没有联系电话，无法推送");
		goto out;
	}
	char *text = case_claims_text(&cv, cfg);
	/* the command runs outside any transaction: it may take seconds */
	if (case_notify(cfg, cv.applicants[0].phone, cv.case_no, text) < 0) {
		free(text);
		goto out;
	}
	char *after = xasprintf("推送至 %s：%s", cv.applicants[0].phone, text);
	free(text);
	tj_now_str(now);
	struct event_rec ev = {
		.at = now,
		.user_id = who->user_id,
		.case_id = case_id,
		.entity = "case",
		.entity_id = case_id,
		.action = "push",
		.before = "",
		.after = after,
	};
	/* an event only: the case row and its version stay as they are, so a
	 * confirmation form open meanwhile still saves */
	if (db_begin(db) == 0 && db_event_add(db, &ev) == 0 && db_commit(db) == 0) {
		rc = 0;
	} else {
		char msg[1024];
		snprintf(msg, sizeof msg, "%s", tj_errmsg());
		db_rollback(db);
		tj_error("请求事项已推送，但推送记录未能写入：%s", msg);
	}
	free(after);
out:
	case_view_free(&cv);
	return rc;
}
