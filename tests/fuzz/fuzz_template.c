/*
 * fuzz_template.c - libFuzzer target for src/docs/template.c: the input is
 * a document template.  A template that parses is filled from a small
 * dictionary of fields and lists and turned into text; one that does not
 * parse must say why.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tiaojie/docs.h"
#include "tiaojie/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct doc_dict *dict;

static struct doc_dict *make_dict(void)
{
	struct doc_dict *d = doc_dict_new();
	doc_dict_set(d, "court_name", "某市劳动人事争议仲裁院");
	doc_dict_set(d, "case_no", "某劳人仲调字〔2026〕第00001号");
	doc_dict_set(d, "facts", "申请人于2024年入职，被申请人拖欠工资。");
	doc_dict_set(d, "today", "2026年11月20日");
	doc_dict_set(d, "total_amount", "12,345.00");
	doc_dict_set(d, "total_amount_capital", "壹万贰仟叁佰肆拾伍元整");
	doc_dict_list(d, "applicants");
	for (int i = 0; i < 2; i++) {
		struct doc_dict *a = doc_dict_add_item(d, "applicants");
		doc_dict_set(a, "name", i ? "李四" : "张三");
		doc_dict_set(a, "id_no", "110105194912310029");
		doc_dict_set(a, "phone", "13800000000");
	}
	doc_dict_list(d, "respondents");
	struct doc_dict *r = doc_dict_add_item(d, "respondents");
	doc_dict_set(r, "name", "某某有限公司");
	doc_dict_list(d, "claims");
	for (int i = 0; i < 3; i++) {
		struct doc_dict *c = doc_dict_add_item(d, "claims");
		doc_dict_set(c, "text", "支付拖欠工资");
		doc_dict_set(c, "amount", "1,000.00");
	}
	doc_dict_list(d, "sessions");
	return d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!dict)
		dict = make_dict();
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';

	struct doc_template *t = doc_template_parse("fuzz.txt", text);
	if (t) {
		struct doc_blocks b = {0};
		if (doc_template_render(t, dict, &b) == 0) {
			char *s = doc_text(&b);
			free(s);
		} else if (!*tj_errmsg()) {
			abort();
		}
		doc_blocks_free(&b);
		doc_template_free(t);
	} else if (!*tj_errmsg()) {
		abort(); /* a refused template says why */
	}
	tj_error_clear();
	free(text);
	return 0;
}
