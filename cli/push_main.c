/* ivrc-push: `ivrc plan` and `ivrc push`, which ivrc hands over to this
 * executable (exec, same process). Only these two commands talk to the
 * providers, so only this executable links libcurl: loading libcurl and the
 * ~30 libraries it needs costs ivrc's other commands more time than
 * checking a small file (docs/PERFORMANCE.md), git keeps its HTTP transport
 * in a helper executable for the same reason. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../targets/push.h"
#include "cli.h"
#include "driver.h"

/* A flag of plan and push; false when a is none. */
static bool deploy_flag(bool push, const char *a, struct push_opts *po)
{
	if (strcmp(a, "--refresh") == 0)
		po->refresh = true;
	else if (strcmp(a, "--prune") == 0)
		po->prune = true;
	else if (!push && strcmp(a, "--detailed-exitcode") == 0)
		po->detailed_exitcode = true;
	else if (push && strcmp(a, "--dry-run") == 0)
		po->dry_run = true;
	else if (push && (strcmp(a, "--yes") == 0 || strcmp(a, "-y") == 0))
		po->yes = true;
	else
		return false;
	return true;
}

/* plan and push. */
static int run_deploy(const char *cmd, int argc, char **argv)
{
	bool push = strcmp(cmd, "push") == 0;
	struct driver_opts o = { .format = DIAG_TEXT };
	struct push_opts po = { .plan = !push, .user_agent = "ivrc/" IVRC_VERSION };
	const char *file = NULL;
	int status = EXIT_CLEAN;
	for (int i = 0; i < argc && status == EXIT_CLEAN; i++) {
		const char *a = argv[i];
		const char **slot = strcmp(a, "--target") == 0 ? &o.target :
				    strcmp(a, "--state") == 0 ? &po.state_path :
				    strcmp(a, "--syntax") == 0 ? &o.syntax :
				    push && strcmp(a, "--cacert") == 0 ? &po.cacert : NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(cli_usage, stdout);
			return EXIT_CLEAN;
		} else if (slot) {
			if (!(*slot = cli_option_value(argc, argv, &i)))
				status = EXIT_USAGE;
		} else if (deploy_flag(push, a, &po)) {
			;
		} else if (a[0] == '-' && a[1] != '\0') {
			status = cli_usage_error("unknown option '%s'", a);
		} else if (file) {
			status = cli_usage_error("%s: takes one input file", cmd);
		} else {
			file = a;
		}
	}
	if (status != EXIT_CLEAN)
		return status;
	if (o.syntax && strcmp(o.syntax, "yaml") != 0 && strcmp(o.syntax, "dsl") != 0)
		return cli_usage_error("unknown syntax '%s'; expected yaml or dsl", o.syntax);
	if (!file)
		return cli_usage_error("%s: no input file", cmd);
	if (!o.target)
		return cli_usage_error("%s: --target is required", cmd);
	po.input = file;
	return driver_push(&o, &po, file, push_run);
}

int main(int argc, char **argv)
{
	/* Progress of a push shows a line at a time. */
	setvbuf(stderr, NULL, _IOLBF, BUFSIZ);
	if (argc < 2 || (strcmp(argv[1], "plan") != 0 && strcmp(argv[1], "push") != 0))
		return cli_usage_error("%s", "ivrc-push runs 'ivrc plan' and 'ivrc push'; "
				       "run those instead");
	return run_deploy(argv[1], argc - 2, argv + 2);
}
