/* ivrc-push: `ivrc plan` and `ivrc push`, which ivrc hands over to this
 * executable (exec, same process). Only these two commands talk to the
 * providers, so only this executable links libcurl: loading libcurl and the
 * ~30 libraries it needs costs ivrc's other commands more time than
 * checking a small file (docs/PERFORMANCE.md), git keeps its HTTP transport
 * in a helper executable for the same reason. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../targets/push.h"
#include "cli.h"
#include "driver.h"

/* --lock-timeout: seconds, 0 to a day. */
static bool lock_timeout(const struct cli_args *a, double *out)
{
	const char *s = cli_get(a, "--lock-timeout");
	char *end;
	*out = 0;
	if (!s)
		return true;
	*out = strtod(s, &end);
	if (end != s && !*end && *out >= 0 && *out <= 86400)
		return true;
	cli_usage_error(a->cmd, "--lock-timeout takes seconds from 0 to 86400, not '%s'", s);
	return false;
}

/* plan and push, with the arguments the table parsed. */
static int run_deploy(const struct cli_args *a)
{
	bool push = strcmp(a->cmd->name, "push") == 0;
	double wait;
	if (!lock_timeout(a, &wait))
		return EXIT_USAGE;
	struct driver_opts o = { .format = DIAG_TEXT, .target = cli_get(a, "--target"),
				 .env = cli_get(a, "--env"), .syntax = cli_get(a, "--syntax") };
	struct push_opts po = {
		.plan = !push,
		.user_agent = "ivrc/" IVRC_VERSION,
		.state_path = cli_get(a, "--state"),
		.lock_timeout = wait,
		.cacert = cli_get(a, "--cacert"),
		.refresh = cli_get(a, "--refresh") != NULL,
		.json = cli_get(a, "--format") && strcmp(cli_get(a, "--format"), "json") == 0,
		.prune = cli_get(a, "--prune") != NULL,
		.detailed_exitcode = cli_get(a, "--detailed-exitcode") != NULL,
		.dry_run = cli_get(a, "--dry-run") != NULL,
		.yes = cli_get(a, "--yes") != NULL,
		.input = a->operands[0],
	};
	return driver_push(&o, &po, a->operands[0], push_run);
}

/* Whether standard output lost what was written to it (a reader that went
 * away: `ivrc push | head -1`); said on standard error, once. */
static void say_if_output_lost(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return;
	fprintf(stderr, "ivrc: standard output was closed before the end: the plan and "
		"progress were not all printed (the state file records what was done)\n");
}

int main(int argc, char **argv)
{
	/* Progress of a push shows a line at a time. A reader that goes away
	 * must not kill a push between a create and its state entry: writes to
	 * it fail instead (say_if_output_lost), and the push finishes. */
	setvbuf(stderr, NULL, _IOLBF, BUFSIZ);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);     /* a write past ulimit -f fails (EFBIG), said */
	const struct cli_command *c = argc < 2 ? NULL : cli_command_named(argv[1]);
	if (!c || c->run)
		return cli_usage_error(NULL, "%s", "ivrc-push runs 'ivrc plan' and 'ivrc push'; "
				       "run those instead");
	struct cli_args a;
	int status = cli_parse(c, argc - 2, argv + 2, &a);
	if (status == EXIT_CLEAN)
		status = run_deploy(&a);
	else if (status < 0)
		status = EXIT_CLEAN;     /* the command's help */
	cli_args_free(&a);
	say_if_output_lost();
	return status;
}
