/*
 * vocab.h - the one vocabulary of the program: every closed set of words
 * the user sees (case statuses, performance, account roles, application
 * channels 申请渠道, work-desk queues, document kinds, party roles,
 * confirmation ways, mediators' sides and experts' kinds, respondents' and
 * agents' kinds, agents' authorities), each word as the code stored in the database and
 * typed on the command line, and its Chinese label.
 *
 * The screens, the documents, the workbook and the command line take
 * their words from here; nothing else spells a label out.  The words of
 * a kind come in the order pickers and lists show them, and for the kinds
 * that have an enum (statuses, roles, queues, document kinds) the index
 * of a word is its enum value.  tests/unit/test_vocab.c checks the tables
 * and looks for copies of the labels in the screens, documents, workbook
 * and commands.
 */
#ifndef TIAOJIE_VOCAB_H
#define TIAOJIE_VOCAB_H

#include "tiaojie/lifecycle.h"

enum vocab_kind {
	VOCAB_STATUS = 0, /* enum case_status: registered 登记 ... */
	VOCAB_PERF,       /* pending 待履行, performed 履行完毕, defaulted 未履行 (PERF_NONE has no word) */
	VOCAB_ROLE,       /* enum role: clerk 窗口人员, mediator 调解员, admin 管理员 */
	VOCAB_CHANNEL,    /* window 窗口, online 网上, phone 电话, letter 信函, other 其他 */
	VOCAB_QUEUE,      /* enum queue: all 全部案件 (no queue), await-confirm 待确认请求 ... */
	VOCAB_DOC_KIND,   /* enum doc_kind: application 调解申请书 ... */
	VOCAB_PARTY,      /* applicant 申请人, respondent 被申请人 */
	VOCAB_CONFIRM,    /* how the applicant confirmed: phone 电话, onsite 现场, wechat 微信, sms 短信 */
	VOCAB_SIDE,       /* a mediator's side: union 工会, employer 企业代表组织, hrss 人社部门, expert 专家 */
	VOCAB_EXPERT,     /* an expert's kind: teacher 高校教师, court 法院工作人员, lawyer 公益律师, other 其他 */
	VOCAB_GENDER,     /* a person's sex as stored: M 男, F 女 */
	VOCAB_HOUSEHOLD,  /* 户籍类型: urban 城镇, rural 农村 */
	VOCAB_RESPONDENT, /* a respondent's kind: employer 用人单位, host 用工单位, individual 个人,
			   * contractor 发包方, other 其他 */
	VOCAB_AGENT,      /* an agent's kind (委托代理人): lawyer 律师, legal-worker 基层法律服务工作者,
			   * relative 近亲属, union 工会, staff 用人单位工作人员, other 其他 */
	VOCAB_AUTHORITY,  /* an agent's authority: general 一般授权, special 特别授权 */
	VOCAB_SESSION,    /* a session's state: scheduled 待进行, held 已进行, cancelled 已取消 */
	VOCAB_ORIGINAL,   /* an evidence item, by its index: 0 copy 复印件, 1 original 原件 */
	VOCAB_SERVICE,    /* how a document was served (送达): direct 直接送达, post 邮寄送达,
			   * electronic 电子送达, lodged 留置送达, public 公告送达 */
	VOCAB_KIND_COUNT
};

/* The work-desk queues (their date limits: search.h). */
enum queue {
	Q_NONE = 0,
	Q_AWAIT_CONFIRM,  /* registered */
	Q_AWAIT_ACCEPT,   /* confirmed */
	Q_AWAIT_ASSIGN,   /* accepted */
	Q_DUE_SOON,       /* open, deadline within due_soon_days (today included) */
	Q_OVERDUE,        /* open, deadline before today */
	Q_STALLED,        /* open, no event for stalled_days */
	Q_FOLLOWUP,       /* agreed, pending, a payment date reached */
	Q_UNSERVED,       /* documents issued and not yet served on every party (送达) */
	Q_COUNT
};

enum doc_kind {
	DOC_APPLICATION = 0, /* 调解申请书 */
	DOC_AGREEMENT,       /* 调解协议书 */
	DOC_TERMINATION,     /* 调解终止通知书 */
	DOC_ARBITRATION,     /* 仲裁申请书 */
	DOC_RECEIPT,         /* 收件回执 */
	DOC_ACCEPTANCE,      /* 受理通知书 */
	DOC_REJECTION,       /* 不予受理通知书 */
	DOC_SESSION,         /* 调解通知书 */
	DOC_SERVICE,         /* 送达回证 */
	DOC_EVIDENCE,        /* 证据清单 */
	DOC_RECORD,          /* 调解笔录 */
	DOC_KIND_COUNT
};

struct vocab_word {
	const char *code;  /* "window" */
	const char *label; /* "窗口" */
	/* the label where it stands alone, without the field or heading that
	 * makes the short one clear: "其他渠道" as a row of the statistics,
	 * "专家（高校教师）" in the roster's lists; NULL: the label */
	const char *long_label;
};

/* The words of a kind in order, *n their number; NULL for an unknown kind. */
const struct vocab_word *vocab_words(enum vocab_kind k, int *n);
int vocab_count(enum vocab_kind k);
/* The word at index i; NULL when out of range (a picker's "all" entry,
 * index -1, gives NULL: no restriction). */
const char *vocab_code_at(enum vocab_kind k, int i);
const char *vocab_label_at(enum vocab_kind k, int i);
const char *vocab_long_label_at(enum vocab_kind k, int i);
/* Index of a code, or of a label too when by_label; -1 when unknown. */
int vocab_index(enum vocab_kind k, const char *code);
int vocab_index_any(enum vocab_kind k, const char *code_or_label);
/* Code to label and back; NULL when unknown. */
const char *vocab_label(enum vocab_kind k, const char *code);
const char *vocab_code(enum vocab_kind k, const char *label);

/* The labels of a kind as a picker's choices (malloc'd array; free the
 * array, not the strings).  With all not NULL it comes first and choice c
 * is word c - 1; queues then leave out their own "all" word, so choice c
 * is enum queue c.  *n the number of choices. */
const char **vocab_choices(enum vocab_kind k, const char *all, int *n);

/* The labels joined by sep ("窗口、网上、电话、信函、其他"), malloc'd. */
char *vocab_join_labels(enum vocab_kind k, const char *sep);
/* The codes one may choose joined by sep (the queues without "all"), malloc'd. */
char *vocab_join_codes(enum vocab_kind k, const char *sep);

#endif
