/* ivrc's command line: argument parsing and dispatch. The only place that
 * calls exit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "driver.h"
#include "fmt.h"

#ifndef IVRC_VERSION
#define IVRC_VERSION "0.1.0"
#endif

static const char usage_text[] =
	"usage: ivrc COMMAND [OPTIONS] FILE...\n"
	"\n"
	"commands:\n"
	"  check  [--format text|json] [--syntax yaml|dsl] FILE...\n"
	"         parse, resolve, type-check, check the providers' limits\n"
	"  build  --target T [-o DIR|-] [--state S] [--format text|json] FILE\n"
	"         compile for one target and print (or write) the JSON bundle\n"
	"  fmt    [-w | --check] FILE...\n"
	"         print DSL files in the canonical layout (-w: rewrite them;\n"
	"         --check: list those not in it and exit 1)\n"
	"  convert --to yaml|dsl FILE\n"
	"         print the file in the other syntax\n"
	"  dump-ast FILE\n"
	"         print the checked program as JSON, without positions (for tests)\n"
	"\n"
	"  every command that reads FILE takes --syntax yaml|dsl (default: *.ivr is DSL)\n"
	"\n"
	"options:\n"
	"  --version  print the version\n"
	"  --help     print this help (also: COMMAND --help)\n"
	"\n"
	"exit status: 0 clean, 1 the input has errors, 2 usage or I/O error\n";

static const char *const commands[] = { "check", "build", "fmt", "convert", "dump-ast" };

static int usage_error(const char *fmt, const char *arg)
{
	fputs("ivrc: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nusage: ivrc COMMAND [OPTIONS] FILE... (see ivrc --help)\n", stderr);
	return EXIT_USAGE;
}

/* Takes the value of an option that needs one; NULL after reporting. */
static const char *option_value(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		usage_error("option '%s' needs a value", argv[*i]);
		return NULL;
	}
	return argv[++*i];
}

static bool parse_format(const char *v, enum diag_format *out)
{
	if (strcmp(v, "text") == 0)
		*out = DIAG_TEXT;
	else if (strcmp(v, "json") == 0)
		*out = DIAG_JSON;
	else
		return false;
	return true;
}

/* Parses the options of check and build; leaves the files in files[]. */
static int parse_options(int argc, char **argv, bool build, struct driver_opts *o,
			 char **files, int *nfiles)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage_text, stdout);
			return -1;
		} else if (strcmp(a, "--format") == 0) {
			if (!(v = option_value(argc, argv, &i)))
				return EXIT_USAGE;
			if (!parse_format(v, &o->format))
				return usage_error("unknown format '%s'; expected text or json", v);
		} else if (strcmp(a, "--syntax") == 0) {
			if (!(v = option_value(argc, argv, &i)))
				return EXIT_USAGE;
			if (strcmp(v, "yaml") != 0 && strcmp(v, "dsl") != 0)
				return usage_error("unknown syntax '%s'; expected yaml or dsl", v);
			o->syntax = v;
		} else if (build && strcmp(a, "--target") == 0) {
			if (!(o->target = option_value(argc, argv, &i)))
				return EXIT_USAGE;
		} else if (build && strcmp(a, "-o") == 0) {
			if (!(o->out_dir = option_value(argc, argv, &i)))
				return EXIT_USAGE;
		} else if (build && strcmp(a, "--state") == 0) {
			if (!(o->state = option_value(argc, argv, &i)))
				return EXIT_USAGE;
		} else if (a[0] == '-' && a[1] != '\0') {
			return usage_error("unknown option '%s'", a);
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
			fputs(usage_text, stdout);
			free(files);
			return EXIT_CLEAN;
		} else if (!convert && !dump && strcmp(a, "-w") == 0) {
			o.write = true;
		} else if (!convert && !dump && strcmp(a, "--check") == 0) {
			o.check = true;
		} else if (strcmp(a, "--syntax") == 0 || (convert && strcmp(a, "--to") == 0)) {
			const char *v = option_value(argc, argv, &i);
			if (!v)
				status = EXIT_USAGE;
			else if (strcmp(v, "yaml") != 0 && strcmp(v, "dsl") != 0)
				status = usage_error("expected yaml or dsl, got '%s'", v);
			else if (strcmp(a, "--to") == 0)
				to = v;
			else
				o.syntax = v;
		} else if (a[0] == '-' && a[1] != '\0') {
			status = usage_error("unknown option '%s'", a);
		} else {
			files[nfiles++] = argv[i];
		}
	}
	if (status != EXIT_CLEAN)
		;
	else if (nfiles == 0)
		status = usage_error("%s: no input file", cmd);
	else if (o.write && o.check)
		status = usage_error("%s: -w and --check do not go together", cmd);
	else if (convert && !to)
		status = usage_error("%s: --to yaml|dsl is required", cmd);
	else if ((convert || dump) && nfiles > 1)
		status = usage_error("%s: takes one input file", cmd);
	else if (dump)
		status = fmt_dump_ast(o.syntax, files[0]);
	else
		status = convert ? fmt_convert(to, o.syntax, files[0]) : fmt_files(&o, files, nfiles);
	free(files);
	return status;
}

static int run_command(const char *cmd, int argc, char **argv)
{
	if (strcmp(cmd, "fmt") == 0 || strcmp(cmd, "convert") == 0 || strcmp(cmd, "dump-ast") == 0)
		return run_printer(cmd, argc, argv);
	bool build = strcmp(cmd, "build") == 0;
	struct driver_opts o = { .format = DIAG_TEXT };
	char **files = calloc((size_t)argc + 1, sizeof *files);
	int nfiles = 0;
	if (!files)
		return EXIT_USAGE;
	int status = parse_options(argc, argv, build, &o, files, &nfiles);
	if (status == -1)
		status = EXIT_CLEAN;
	else if (status == EXIT_CLEAN && nfiles == 0)
		status = usage_error("%s: no input file", cmd);
	else if (status == EXIT_CLEAN && build && !o.target)
		status = usage_error("%s: --target is required", cmd);
	else if (status == EXIT_CLEAN && build && nfiles > 1)
		status = usage_error("%s: takes one input file", cmd);
	else if (status == EXIT_CLEAN)
		status = build ? driver_build(&o, files[0]) : driver_check(&o, files, nfiles);
	free(files);
	return status;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage_error("%s", "no command given");
	const char *cmd = argv[1];
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
		printf("ivrc %s\n", IVRC_VERSION);
		return EXIT_CLEAN;
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		fputs(usage_text, stdout);
		return EXIT_CLEAN;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(cmd, commands[i]) == 0)
			return run_command(cmd, argc - 2, argv + 2);
	const char *hint = diag_suggest(cmd, commands, sizeof commands / sizeof commands[0]);
	if (hint) {
		fprintf(stderr, "ivrc: unknown command '%s'; did you mean '%s'?\n", cmd, hint);
		return EXIT_USAGE;
	}
	return usage_error("unknown command '%s'", cmd);
}
