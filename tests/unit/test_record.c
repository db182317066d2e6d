/*
 * test_record.c - the application record's words: document kinds both
 * ways (a 居住证 is 港澳 or 台湾 by its number), amounts in yuan with two
 * decimals, and a whole case as JSON with its numbers masked or not.
 */
#include <jansson.h>

#include "tap.h"
#include "testdb.h"
#include "tiaojie/intake.h"
#include "tiaojie/record.h"

int main(void)
{
	char buf[40];

	CHECK_STR(record_doc_kind("id", "11010519491231002X"), "居民身份证");
	CHECK_STR(record_doc_kind("residence", "810000199001010011"), "港澳居民居住证");
	CHECK_STR(record_doc_kind("residence", "830000199001010011"), "台湾居民居住证");
	CHECK_STR(record_doc_kind("passport", "E1"), "护照");
	CHECK_STR(record_doc_kind("other", "X"), "其他");
	CHECK(record_doc_kind("uscc", "X") == NULL, "not a person's document");
	CHECK_STR(record_doc_kind_keyword("台湾居民居住证"), "residence");
	CHECK_STR(record_doc_kind_keyword("港澳居民来往内地通行证"), "hkmo");
	CHECK_STR(record_doc_kind_keyword("外国人永久居留身份证"), "foreign-pr");
	CHECK(record_doc_kind_keyword("身份证") == NULL, "only application.md's labels");
	CHECK_STR(record_amount(1200050, buf, sizeof buf), "12000.50");
	CHECK_STR(record_amount(5, buf, sizeof buf), "0.05");
	CHECK_STR(record_amount(0, buf, sizeof buf), "0.00");

	/* a registered case as JSON */
	setenv("TIAOJIE_NOW", "2026-11-20 10:00:00", 1);
	struct config cfg;
	config_defaults(&cfg);
	struct db *db = testdb_new("record.db");
	struct actor clerk = {.role = ROLE_CLERK};
	struct intake_person p = {.id_type = "passport", .id_no = "E98765432", .name = "Mary Lee",
				  .nationality = "美国", .phone = "+1 415 555 0123", .gender = "F",
				  .birth_date = "1990-02-28", .occupation = "工程师"};
	struct intake_employer e = {.name = "上海某某科技有限公司", .uscc = "91350100M000100Y43"};
	struct intake_claim c = {.cause = "0601", .text = "支付拖欠工资", .amount = "12,000.5"};
	struct intake in = {.channel = "online", .facts = "事实。", .napplicants = 1, .applicants = &p,
			    .nrespondents = 1, .respondents = &e, .nclaims = 1, .claims = &c};
	struct intake_result res = {0};
	struct case_view cv;
	CHECK_INT(intake_register(db, &cfg, &clerk, &in, &res), 0);
	CHECK_INT(case_load(db, &clerk, res.case_id, &cv), 1);
	for (int full = 0; full < 2; full++) {
		char *s = record_case_json(&cv, full);
		json_error_t err;
		json_t *r = s ? json_loads(s, 0, &err) : NULL;
		CHECK(r != NULL, "valid JSON: %s", s ? err.text : tj_errmsg());
		if (r) {
			CHECK_STR(json_string_value(json_object_get(r, "case_no")), res.case_no);
			CHECK_STR(json_string_value(json_object_get(r, "status")), "登记");
			CHECK_STR(json_string_value(json_object_get(r, "channel")), "网上");
			json_t *a = json_array_get(json_object_get(r, "applicants"), 0);
			CHECK_STR(json_string_value(json_object_get(a, "doc_kind")), "护照");
			CHECK_STR(json_string_value(json_object_get(a, "sex")), "女");
			CHECK_STR(json_string_value(json_object_get(a, "birth")), "1990-02-28");
			CHECK_STR(json_string_value(json_object_get(a, "phone")), "+14155550123");
			CHECK_STR(json_string_value(json_object_get(a, "occupation")), "工程师");
			const char *no = json_string_value(json_object_get(a, "doc_no"));
			CHECK(no && (full ? strcmp(no, "E98765432") == 0 : strstr(no, "*") != NULL), "doc_no %s (full %d)",
			      no ? no : "(null)", full);
			json_t *k = json_array_get(json_object_get(r, "claims"), 0);
			CHECK_STR(json_string_value(json_object_get(k, "amount")), "12000.50");
			CHECK_INT(json_array_size(json_object_get(k, "against")), 1);
			CHECK(json_array_size(json_object_get(r, "timeline")) >= 1, "timeline");
			json_decref(r);
		}
		free(s);
	}
	case_view_free(&cv);
	free(res.case_no);
	db_close(db);
	config_free(&cfg);
	testdb_cleanup();
	return tap_done();
}
