/* placeholder until the demo generator lands */
#include "tiaojie/cli.h"
int cmd_demo(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	cli_err("demo 尚未实现");
	return EXIT_FAIL;
}
