/*
 * validate.c - `tiaojie validate KIND VALUE`: check one value the way the
 * intake form does.  Exit 0 and the normalised value on stdout when valid;
 * exit 1 and the reason on stderr when not.
 */
#include <stdio.h>
#include <string.h>

#include "tiaojie/cli.h"
#include "tiaojie/util.h"
#include "tiaojie/validate.h"

int cmd_validate(struct cli *c, int argc, char **argv)
{
	char norm[128];
	const char *reason;
	int kind;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		puts("用法：tiaojie validate KIND VALUE\n"
		     "KIND: id 居民身份证, residence 港澳台居民居住证, foreign-pr 外国人永久居留身份证,\n"
		     "      hkmo 港澳居民来往内地通行证, tw 台湾居民来往大陆通行证, passport 护照,\n"
		     "      other 其他证件, uscc 统一社会信用代码, phone 电话");
		return EXIT_OK;
	}
	if (argc != 3) {
		cli_err("用法：tiaojie validate KIND VALUE");
		return EXIT_USAGE;
	}
	kind = val_kind_from_keyword(argv[1]);
	if (kind < 0) {
		cli_err("未知的校验类型：%s（可用 id residence foreign-pr hkmo tw passport other uscc phone）",
			argv[1]);
		return EXIT_USAGE;
	}
	if (cli_load_config(c) < 0)
		return EXIT_FAIL;
	/* the form's limit for the field, as typed: the form takes no more */
	size_t n = utf8_valid(argv[2], strlen(argv[2])) ? utf8_chars(argv[2]) : 0;
	if (n > val_input_max(kind)) {
		fprintf(stderr, "无效的%s：输入过长（最多%zu个字，现有%zu个字）\n", val_kind_name(kind),
			val_input_max(kind), n);
		return EXIT_FAIL;
	}
	if (val_check(kind, argv[2], c->cfg.legacy_id15 ? VAL_ALLOW_LEGACY15 : 0, norm, sizeof norm,
		      &reason) < 0) {
		fprintf(stderr, "无效的%s：%s\n", val_kind_name(kind), reason);
		return EXIT_FAIL;
	}
	puts(norm);
	return EXIT_OK;
}
