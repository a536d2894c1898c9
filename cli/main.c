/* ivrc's command line: argument parsing and dispatch (plan and push are
 * handed to ivrc-push: cli/push_main.c). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../compiler/diag.h"
#include "../grammar/scalar.h"
#include "../lint/engine.h"
#include "cli.h"
#include "driver.h"
#include "fmt.h"
#include "import_cmd.h"
#include "sim_cli.h"


static const char *const commands[] = { "check", "lint", "rules", "explain", "build",
					 "fmt", "convert", "dump-ast",
					 "graph", "simulate", "test", "import", "schema",
					 "plan", "push" };

static bool parse_format(const char *v, enum diag_format *out)
{
	if (strcmp(v, "text") == 0)
		*out = DIAG_TEXT;
	else if (strcmp(v, "sarif") == 0)
		*out = DIAG_SARIF;
	else if (strcmp(v, "github") == 0)
		*out = DIAG_GITHUB;
	else if (strcmp(v, "json") == 0)
		*out = DIAG_JSON;
	else
		return false;
	return true;
}

/* --now T: a date-time of the language; `YYYY-MM-DDTHH:MM:SS` too (ISO
 * 8601, one word for shells and the golden tests' args files). */
static bool parse_now(const char *v, struct driver_opts *o)
{
	char buf[20];
	size_t n = strlen(v);
	struct lex_error e;
	if (n != sizeof buf - 1)
		return o->has_now = false;
	memcpy(buf, v, sizeof buf);
	if (buf[10] == 'T')
		buf[10] = ' ';
	o->has_now = lex_datetime(buf, n, &o->now, &e);
	return o->has_now;
}

/* The options only lint takes; 1 when a is none of them. */
static int lint_option(int argc, char **argv, int *i, struct driver_opts *o)
{
	const char *a = argv[*i], *v;
	int level;
	if (strcmp(a, "--config") != 0 && strcmp(a, "--fail-on") != 0 && strcmp(a, "--now") != 0)
		return 1;
	if (!(v = cli_option_value(argc, argv, i)))
		return EXIT_USAGE;
	if (strcmp(a, "--config") == 0)
		o->config = v;
	else if (strcmp(a, "--now") == 0 && !parse_now(v, o))
		return cli_usage_error("--now takes a date-time 'YYYY-MM-DD HH:MM:SS', got '%s'", v);
	else if (strcmp(a, "--fail-on") == 0 && (!lint_level_parse(v, &level) || level < 0))
		return cli_usage_error("--fail-on takes error, warning or note, got '%s'", v);
	else if (strcmp(a, "--fail-on") == 0)
		o->fail_on = level;
	return EXIT_CLEAN;
}

/* Parses the options of check, lint and build; leaves the files in files[]. */
static int parse_options(int argc, char **argv, bool build, bool lint, struct driver_opts *o,
			 char **files, int *nfiles)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v;
		int st;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(cli_usage, stdout);
			return -1;
		} else if (strcmp(a, "--format") == 0) {
			if (!(v = cli_option_value(argc, argv, &i)))
				return EXIT_USAGE;
			if (!parse_format(v, &o->format) || (build && o->format > DIAG_JSON))
				return cli_usage_error(build ? "unknown format '%s'; expected text or json" :
						   "unknown format '%s'; expected text, json, sarif or github", v);
		} else if (strcmp(a, "--syntax") == 0) {
			if (!(v = cli_option_value(argc, argv, &i)))
				return EXIT_USAGE;
			if (strcmp(v, "yaml") != 0 && strcmp(v, "dsl") != 0)
				return cli_usage_error("unknown syntax '%s'; expected yaml or dsl", v);
			o->syntax = v;
		} else if (lint && (st = lint_option(argc, argv, &i, o)) != 1) {
			if (st != EXIT_CLEAN)
				return st;
		} else if (build && strcmp(a, "--target") == 0) {
			if (!(o->target = cli_option_value(argc, argv, &i)))
				return EXIT_USAGE;
		} else if (build && strcmp(a, "-o") == 0) {
			if (!(o->out_dir = cli_option_value(argc, argv, &i)))
				return EXIT_USAGE;
		} else if (build && strcmp(a, "--state") == 0) {
			if (!(o->state = cli_option_value(argc, argv, &i)))
				return EXIT_USAGE;
		} else if (a[0] == '-' && a[1] != '\0') {
			return cli_usage_error("unknown option '%s'", a);
		} else {
			files[(*nfiles)++] = argv[i];
		}
	}
	return EXIT_CLEAN;
}

/* fmt, convert and dump-ast: their own few options. */
static int run_printer(const char *cmd, int argc, char **argv)
{
	bool convert = strcmp(cmd, "convert") == 0, dump = strcmp(cmd, "dump-ast") == 0;
	struct fmt_opts o = { 0 };
	const char *to = NULL;
	char **files = calloc((size_t)argc + 1, sizeof *files);
	int nfiles = 0, status = EXIT_CLEAN;
	if (!files)
		return EXIT_USAGE;
	for (int i = 0; i < argc && status == EXIT_CLEAN; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(cli_usage, stdout);
			free(files);
			return EXIT_CLEAN;
		} else if (!convert && !dump && strcmp(a, "-w") == 0) {
			o.write = true;
		} else if (!convert && !dump && strcmp(a, "--check") == 0) {
			o.check = true;
		} else if (strcmp(a, "--syntax") == 0 || (convert && strcmp(a, "--to") == 0)) {
			const char *v = cli_option_value(argc, argv, &i);
			if (!v)
				status = EXIT_USAGE;
			else if (strcmp(v, "yaml") != 0 && strcmp(v, "dsl") != 0)
				status = cli_usage_error("expected yaml or dsl, got '%s'", v);
			else if (strcmp(a, "--to") == 0)
				to = v;
			else
				o.syntax = v;
		} else if (a[0] == '-' && a[1] != '\0') {
			status = cli_usage_error("unknown option '%s'", a);
		} else {
			files[nfiles++] = argv[i];
		}
	}
	if (status != EXIT_CLEAN)
		;
	else if (nfiles == 0)
		status = cli_usage_error("%s: no input file", cmd);
	else if (o.write && o.check)
		status = cli_usage_error("%s: -w and --check do not go together", cmd);
	else if (convert && !to)
		status = cli_usage_error("%s: --to yaml|dsl is required", cmd);
	else if ((convert || dump) && nfiles > 1)
		status = cli_usage_error("%s: takes one input file", cmd);
	else if (dump)
		status = fmt_dump_ast(o.syntax, files[0]);
	else
		status = convert ? fmt_convert(to, o.syntax, files[0]) : fmt_files(&o, files, nfiles);
	free(files);
	return status;
}

/* One option of graph, simulate and test; false on a usage error. */
static bool sim_option(const char *cmd, int argc, char **argv, int *i, struct sim_cli_opts *o)
{
	static const char *const known[] = { "--syntax", "--format", "--target", "--api-fixture",
					     "--start", "--input" };
	const char *a = argv[*i], *v = NULL;
	bool graph = strcmp(cmd, "graph") == 0, sim = strcmp(cmd, "simulate") == 0;
	for (size_t k = 0; k < sizeof known / sizeof known[0] && !v; k++)
		if (strcmp(a, known[k]) == 0 && !(v = cli_option_value(argc, argv, i)))
			return false;
	if (!v)
		return cli_usage_error("unknown option '%s'", a), false;
	if (strcmp(a, "--syntax") == 0 && (strcmp(v, "yaml") == 0 || strcmp(v, "dsl") == 0))
		o->syntax = v;
	else if (strcmp(a, "--format") == 0 && graph && strcmp(v, "dot") == 0)
		o->graph = GRAPH_DOT;
	else if (strcmp(a, "--format") == 0 && graph && strcmp(v, "mermaid") == 0)
		o->graph = GRAPH_MERMAID;
	else if (strcmp(a, "--format") == 0 && sim && strcmp(v, "text") == 0)
		o->json = false;
	else if (strcmp(a, "--format") == 0 && sim && strcmp(v, "json") == 0)
		o->json = true;
	else if (strcmp(a, "--target") == 0 && !graph)
		o->target = v;
	else if (strcmp(a, "--api-fixture") == 0 && !graph)
		o->api_fixture = v;
	else if (strcmp(a, "--start") == 0 && sim)
		o->start = v;
	else if (strcmp(a, "--input") == 0 && sim)
		o->input = v;
	else if (strcmp(a, "--syntax") == 0)
		return cli_usage_error("unknown syntax '%s'; expected yaml or dsl", v), false;
	else if (strcmp(a, "--format") == 0 && (graph || sim))
		return cli_usage_error(graph ? "unknown format '%s'; expected dot or mermaid" :
				   "unknown format '%s'; expected text or json", v), false;
	else
		return cli_usage_error("unknown option '%s'", a), false;
	return true;
}

/* graph, simulate and test. */
static int run_sim(const char *cmd, int argc, char **argv)
{
	struct sim_cli_opts o = { .graph = GRAPH_DOT };
	char **files = calloc((size_t)argc + 1, sizeof *files);
	int nfiles = 0, status = EXIT_CLEAN;
	if (!files)
		return EXIT_USAGE;
	for (int i = 0; i < argc && status == EXIT_CLEAN; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(cli_usage, stdout);
			free(files);
			return EXIT_CLEAN;
		}
		if (argv[i][0] == '-' && argv[i][1] == '-')
			status = sim_option(cmd, argc, argv, &i, &o) ? EXIT_CLEAN : EXIT_USAGE;
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			status = cli_usage_error("unknown option '%s'", argv[i]);
		else
			files[nfiles++] = argv[i];
	}
	bool many = strcmp(cmd, "test") == 0;
	if (status != EXIT_CLEAN)
		;
	else if (nfiles == 0)
		status = cli_usage_error("%s: no input file", cmd);
	else if (!many && nfiles > 1)
		status = cli_usage_error("%s: takes one input file", cmd);
	else if (many)
		status = sim_cli_test(&o, files, nfiles);
	else
		status = strcmp(cmd, "graph") == 0 ? sim_cli_graph(&o, files[0]) :
			sim_cli_simulate(&o, files[0]);
	free(files);
	return status;
}

/* import and schema. */
static int run_import(const char *cmd, int argc, char **argv)
{
	struct import_opts o = { 0 };
	bool schema = strcmp(cmd, "schema") == 0;
	char **files = calloc((size_t)argc + 1, sizeof *files);
	int nfiles = 0, status = EXIT_CLEAN;
	if (!files)
		return EXIT_USAGE;
	for (int i = 0; i < argc && status == EXIT_CLEAN; i++) {
		const char *a = argv[i], *v = NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(cli_usage, stdout);
			free(files);
			return EXIT_CLEAN;
		} else if (!schema && (strcmp(a, "--from") == 0 || strcmp(a, "-o") == 0 ||
				       strcmp(a, "--to") == 0)) {
			if (!(v = cli_option_value(argc, argv, &i)))
				status = EXIT_USAGE;
			else if (strcmp(a, "--to") == 0 && strcmp(v, "yaml") != 0 &&
				 strcmp(v, "dsl") != 0)
				status = cli_usage_error("expected yaml or dsl, got '%s'", v);
			else if (strcmp(a, "--from") == 0)
				o.from = v;
			else if (strcmp(a, "--to") == 0)
				o.to = v;
			else
				o.out = v;
		} else if (a[0] == '-' && a[1] != '\0') {
			status = cli_usage_error("unknown option '%s'", a);
		} else {
			files[nfiles++] = argv[i];
		}
	}
	if (status != EXIT_CLEAN)
		;
	else if (schema && nfiles)
		status = cli_usage_error("%s: takes no input file", cmd);
	else if (schema)
		status = schema_run();
	else if (!o.from)
		status = cli_usage_error("%s: --from smartflo|sonetel|infobip is required", cmd);
	else if (nfiles == 0)
		status = cli_usage_error("%s: no input file", cmd);
	else
		status = import_run(&o, files, nfiles);
	free(files);
	return status;
}

/* plan and push: ivrc-push does them (cli/push_main.c says why), the
 * one beside this executable, else the first on PATH. exec keeps the
 * process: its pid, its standard streams, its exit status. Returns only
 * when neither can be run. */
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

/* rules and explain CODE. */
static int run_rules(const char *cmd, int argc, char **argv)
{
	bool explain = strcmp(cmd, "explain") == 0;
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(cli_usage, stdout);
			return EXIT_CLEAN;
		}
	if (!explain && argc > 0)
		return cli_usage_error("rules: takes no argument, got '%s'", argv[0]);
	if (explain && argc != 1)
		return cli_usage_error("%s", "explain: takes one rule code (IVR301) or name");
	return explain ? driver_explain(argv[0]) : driver_rules();
}

static int run_command(const char *cmd, int argc, char **argv)
{
	if (strcmp(cmd, "import") == 0 || strcmp(cmd, "schema") == 0)
		return run_import(cmd, argc, argv);
	if (strcmp(cmd, "graph") == 0 || strcmp(cmd, "simulate") == 0 || strcmp(cmd, "test") == 0)
		return run_sim(cmd, argc, argv);
	if (strcmp(cmd, "fmt") == 0 || strcmp(cmd, "convert") == 0 || strcmp(cmd, "dump-ast") == 0)
		return run_printer(cmd, argc, argv);
	if (strcmp(cmd, "rules") == 0 || strcmp(cmd, "explain") == 0)
		return run_rules(cmd, argc, argv);
	bool build = strcmp(cmd, "build") == 0, lint = strcmp(cmd, "lint") == 0;
	struct driver_opts o = { .format = DIAG_TEXT, .version = IVRC_VERSION, .fail_on = -1 };
	char **files = calloc((size_t)argc + 1, sizeof *files);
	int nfiles = 0;
	if (!files)
		return EXIT_USAGE;
	int status = parse_options(argc, argv, build, lint, &o, files, &nfiles);
	const char *env_now = getenv("IVRC_NOW");
	if (status == EXIT_CLEAN && lint && !o.has_now && env_now && *env_now &&
	    !parse_now(env_now, &o))
		status = cli_usage_error("IVRC_NOW holds a date-time 'YYYY-MM-DD HH:MM:SS', got '%s'",
				     env_now);
	if (status == -1)
		status = EXIT_CLEAN;
	else if (status == EXIT_CLEAN && nfiles == 0)
		status = cli_usage_error("%s: no input file", cmd);
	else if (status == EXIT_CLEAN && build && !o.target)
		status = cli_usage_error("%s: --target is required", cmd);
	else if (status == EXIT_CLEAN && build && nfiles > 1)
		status = cli_usage_error("%s: takes one input file", cmd);
	else if (status == EXIT_CLEAN)
		status = build ? driver_build(&o, files[0]) :
			 lint ? driver_lint(&o, files, nfiles) : driver_check(&o, files, nfiles);
	free(files);
	return status;
}

int main(int argc, char **argv)
{
	/* Findings are printed piece by piece: a line at a time, not a write(2)
	 * for every piece (stderr is unbuffered by default). */
	setvbuf(stderr, NULL, _IOLBF, BUFSIZ);
	if (argc < 2)
		return cli_usage_error("%s", "no command given");
	const char *cmd = argv[1];
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
		printf("ivrc %s\n", IVRC_VERSION);
		return EXIT_CLEAN;
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		fputs(cli_usage, stdout);
		return EXIT_CLEAN;
	}
	if (strcmp(cmd, "plan") == 0 || strcmp(cmd, "push") == 0)
		return run_push_helper(argv);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(cmd, commands[i]) == 0)
			return run_command(cmd, argc - 2, argv + 2);
	const char *hint = diag_suggest(cmd, commands, sizeof commands / sizeof commands[0]);
	if (hint) {
		fprintf(stderr, "ivrc: unknown command '%s'; did you mean '%s'?\n", cmd, hint);
		return EXIT_USAGE;
	}
	return cli_usage_error("unknown command '%s'", cmd);
}
