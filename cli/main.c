/* ivrc: finds the command in the table (commands.c), parses its arguments
 * and runs it; plan and push are handed to ivrc-push (cli/push_main.c). */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../compiler/diag.h"
#include "cli.h"

/* plan and push: ivrc-push does them (cli/push_main.c says why), the one
 * beside this executable, else the first on PATH. exec keeps the process:
 * its pid, its standard streams, its exit status. Returns only when
 * neither can be run. */
static int run_push_helper(char **argv)
{
	char helper[] = "ivrc-push", self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	argv[0] = helper;
	if (n > 0) {
		self[n] = '\0';
		char *slash = strrchr(self, '/');
		if (slash && (size_t)(slash + 1 - self) + sizeof helper <= sizeof self) {
			memcpy(slash + 1, helper, sizeof helper);
			execv(self, argv);
		}
	}
	execvp(helper, argv);
	fprintf(stderr, "ivrc: %s: cannot run %s (installed beside ivrc): %s\n", argv[1], helper,
		strerror(errno));
	return EXIT_USAGE;
}

static int unknown_command(const char *cmd)
{
	const char *names[64];
	size_t n = 0;
	for (; n < cli_ncommands && n < sizeof names / sizeof names[0]; n++)
		names[n] = cli_commands[n].name;
	const char *hint = diag_suggest(cmd, names, n);
	if (hint) {
		fprintf(stderr, "ivrc: unknown command '%s'; did you mean '%s'?\n", cmd, hint);
		return EXIT_USAGE;
	}
	return cli_usage_error(NULL, "unknown command '%s'", cmd);
}

int main(int argc, char **argv)
{
	/* Findings are printed piece by piece: a line at a time, not a write(2)
	 * for every piece (stderr is unbuffered by default). */
	setvbuf(stderr, NULL, _IOLBF, BUFSIZ);
	/* Past a file size limit (ulimit -f) a write fails with EFBIG instead
	 * of killing ivrc: the temporary file is removed and the error said. */
	signal(SIGXFSZ, SIG_IGN);
	if (argc < 2)
		return cli_usage_error(NULL, "%s", "no command given");
	const char *name = argv[1];
	if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
		printf("ivrc %s\n", IVRC_VERSION);
		return EXIT_CLEAN;
	}
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
		cli_print_help(stdout);
		return EXIT_CLEAN;
	}
	const struct cli_command *c = cli_command_named(name);
	if (!c)
		return unknown_command(name);
	if (!c->run)
		return run_push_helper(argv);
	struct cli_args a;
	int status = cli_parse(c, argc - 2, argv + 2, &a);
	if (status == EXIT_CLEAN)
		status = c->run(&a);
	else if (status < 0)
		status = EXIT_CLEAN;     /* the command's help */
	cli_args_free(&a);
	return status;
}
