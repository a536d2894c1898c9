/* The one table of commands: names, options, help and handlers. Dispatch,
 * `ivrc --help` and `ivrc COMMAND --help` are made from it (cli.c);
 * tests/cli_table.py holds the man page's synopsis and both completion
 * files against it. Each handler turns the parsed arguments into its
 * command's options (driver.h, fmt.h, sim_cli.h, import_cmd.h). */
#include <stdlib.h>
#include <string.h>

#include "../grammar/scalar.h"
#include "../lint/engine.h"
#include "cli.h"
#include "driver.h"
#include "fmt.h"
#include "import_cmd.h"
#include "sim_cli.h"

/* ---------- options ---------- */

#define FINDINGS "output format of the findings"

static const struct cli_option
	opt_syntax = { "--syntax", NULL, "S", "yaml|dsl", "syntax", false, false,
		       "the file's syntax (default: DSL for *.ivr, else YAML)" },
	opt_format_all = { "--format", NULL, "F", "text|json|sarif|github", "format", false,
			   false, FINDINGS },
	opt_format_text_json = { "--format", NULL, "F", "text|json", "format", false, false,
				 FINDINGS },
	opt_config = { "--config", NULL, "C", NULL, NULL, false, false,
		       "lint configuration (default: .ivrc.yaml found upward)" },
	opt_fail_on = { "--fail-on", NULL, "L", "error|warning|note", "severity", false, false,
			"lowest severity that exits 1 (default: error)" },
	opt_now = { "--now", NULL, "'YYYY-MM-DD HH:MM:SS'", NULL, NULL, false, false,
		    "the clock, for rules that read it (also IVRC_NOW)" },
	opt_target = { "--target", NULL, "T", NULL, "target", true, true, "the target" },
	opt_env = { "--env", NULL, "NAME", NULL, NULL, false, false,
		    "the environment, of those the file declares" },
	opt_out_dir = { "-o", NULL, "DIR|-", NULL, NULL, false, false,
			"write one file per object under DIR/TARGET (-: standard output)" },
	opt_state_build = { "--state", NULL, "S", NULL, NULL, false, false,
			    "fill in the ids of push's state file S" },
	opt_state = { "--state", NULL, "S", NULL, NULL, false, false,
		      "state file (default: ivrc.state.json beside FILE)" },
	opt_refresh = { "--refresh", NULL, NULL, NULL, NULL, false, false,
			"read the provider's objects too" },
	opt_refresh_push = { "--refresh", NULL, NULL, NULL, NULL, false, false,
			     "accepted: push always reads the provider's objects" },
	opt_detailed = { "--detailed-exitcode", NULL, NULL, NULL, NULL, false, false,
			 "exit 4 when changes are pending" },
	opt_plan_format = { "--format", NULL, "F", "text|json", "format", false, false,
			    "the plan as text (default) or JSON" },
	opt_prune = { "--prune", NULL, NULL, NULL, NULL, false, false,
		      "also delete what the file no longer declares" },
	opt_dry_run = { "--dry-run", NULL, NULL, NULL, NULL, false, false,
			"print every request, send nothing" },
	opt_yes = { "--yes", "-y", NULL, NULL, NULL, false, false, "push without asking" },
	opt_cacert = { "--cacert", NULL, "PEM", NULL, NULL, false, false,
		       "CA certificates to verify the provider with" },
	opt_lock_timeout = { "--lock-timeout", NULL, "SECONDS", NULL, NULL, false, false,
			     "wait for another push of the same state file (default: 0)" },
	opt_write = { "-w", NULL, NULL, NULL, NULL, false, false, "rewrite the files" },
	opt_check = { "--check", NULL, NULL, NULL, NULL, false, false,
		      "list the files not in the canonical layout, exit 1" },
	opt_to_required = { "--to", NULL, "S", "yaml|dsl", "syntax", false, true,
			    "the syntax to print" },
	opt_graph_format = { "--format", NULL, "F", "dot|mermaid", "format", false, false,
			     "Graphviz DOT (default) or a Mermaid flowchart" },
	opt_times = { "--times", NULL, NULL, NULL, NULL, false, false,
		      "label routes with seconds; the fastest way to a human in bold" },
	opt_graph_target = { "--target", NULL, "T", NULL, "target", true, false,
			     "draw what T does (with --times, default: the first declared)" },
	opt_start = { "--start", NULL, "DEST", NULL, NULL, false, false,
		      "where the call starts (default: the first entry point)" },
	opt_input = { "--input", NULL, "\"1 silence 2\"", NULL, NULL, false, false,
		      "what the caller presses or says, in order" },
	opt_at = { "--at", NULL, "\"YYYY-MM-DD HH:MM\"", NULL, NULL, false, false,
		   "when the call arrives: a wall-clock time in each calendar's zone, or "
		   "with Z or +HH:MM an instant (schedules route by it)" },
	opt_play_target = { "--target", NULL, "T", NULL, "target", true, false,
			    "play the target's behaviour (default: the language's)" },
	opt_sim_format = { "--format", NULL, "F", "text|json", "format", false, false,
			   "the transcript as text or JSON" },
	opt_paths_target = { "--target", NULL, "T", NULL, "target", true, false,
			     "one target (default: each the file declares)" },
	opt_paths_from = { "--from", NULL, "DEST", NULL, NULL, false, false,
			   "the paths from here (default: from each entry point)" },
	opt_paths_format = { "--format", NULL, "F", "text|json|csv", "format", false, false,
			     "the paths as text, JSON or CSV" },
	opt_limit = { "--limit", NULL, "N", NULL, NULL, false, false,
		      "at most N paths per start and target (default 1000; 0: all)" },
	opt_emit_tests = { "--emit-tests", NULL, NULL, NULL, NULL, false, false,
			   "print a tests: section, one test per distinct end of each start" },
	opt_fixture = { "--api-fixture", NULL, "FILE.json", NULL, NULL, false, false,
			"call_api answers: {URL: {field: value}}" },
	opt_from = { "--from", NULL, "T", NULL, "target", true, true,
		     "the provider the JSON comes from" },
	opt_import_out = { "-o", NULL, "FILE", NULL, NULL, false, false,
			   "write FILE (*.ivr: DSL) instead of standard output" },
	opt_to = { "--to", NULL, "S", "yaml|dsl", "syntax", false, false,
		   "the syntax to print (default: by -o's extension, else YAML)" },
	opt_allow_loss = { "--allow-loss", NULL, NULL, NULL, NULL, false, false,
			   "write the file even where the language cannot hold all the JSON "
			   "says (each loss a warning and a comment)" };

#define OPTIONS(...) (const struct cli_option *const[]){ __VA_ARGS__, NULL }
#define NO_OPTIONS (const struct cli_option *const[]){ NULL }

/* ---------- handlers ---------- */

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

static enum diag_format format_of(const char *v)
{
	return !v || strcmp(v, "text") == 0 ? DIAG_TEXT : strcmp(v, "json") == 0 ? DIAG_JSON :
	       strcmp(v, "sarif") == 0 ? DIAG_SARIF : DIAG_GITHUB;
}

/* check, lint and build: the options they share. */
static struct driver_opts driver_opts_of(const struct cli_args *a)
{
	return (struct driver_opts){
		.format = format_of(cli_get(a, "--format")),
		.syntax = cli_get(a, "--syntax"),
		.target = cli_get(a, "--target"),
		.env = cli_get(a, "--env"),
		.out_dir = cli_get(a, "-o"),
		.state = cli_get(a, "--state"),
		.config = cli_get(a, "--config"),
		.fail_on = -1,
	};
}

static int run_check(const struct cli_args *a)
{
	struct driver_opts o = driver_opts_of(a);
	return driver_check(&o, a->operands, a->noperands);
}

static int run_lint(const struct cli_args *a)
{
	struct driver_opts o = driver_opts_of(a);
	const char *now = cli_get(a, "--now"), *fail_on = cli_get(a, "--fail-on");
	const char *env_now = getenv("IVRC_NOW");
	if (fail_on)
		lint_level_parse(fail_on, &o.fail_on);
	if (now && !parse_now(now, &o))
		return cli_usage_error(a->cmd, "--now takes a date-time 'YYYY-MM-DD HH:MM:SS', "
				       "got '%s'", now);
	if (!now && env_now && *env_now && !parse_now(env_now, &o))
		return cli_usage_error(a->cmd, "IVRC_NOW holds a date-time 'YYYY-MM-DD "
				       "HH:MM:SS', got '%s'", env_now);
	return driver_lint(&o, a->operands, a->noperands);
}

static int run_build(const struct cli_args *a)
{
	struct driver_opts o = driver_opts_of(a);
	return driver_build(&o, a->operands[0]);
}

static int run_rules(const struct cli_args *a)
{
	(void)a;
	return driver_rules();
}

static int run_explain(const struct cli_args *a)
{
	return driver_explain(a->operands[0]);
}

static int run_fmt(const struct cli_args *a)
{
	struct fmt_opts o = { .syntax = cli_get(a, "--syntax"), .write = cli_get(a, "-w") != NULL,
			      .check = cli_get(a, "--check") != NULL };
	if (o.write && o.check)
		return cli_usage_error(a->cmd, "%s", "fmt: -w and --check do not go together");
	for (int i = 0; o.write && i < a->noperands; i++)
		if (strcmp(a->operands[i], "-") == 0)
			return cli_usage_error(a->cmd, "%s", "fmt -w: '-' is standard input, which "
					       "cannot be rewritten; fmt without -w prints the result");
	return fmt_files(&o, a->operands, a->noperands);
}

static int run_convert(const struct cli_args *a)
{
	return fmt_convert(cli_get(a, "--to"), cli_get(a, "--syntax"), a->operands[0]);
}

static int run_dump_ast(const struct cli_args *a)
{
	return fmt_dump_ast(cli_get(a, "--syntax"), a->operands[0]);
}

static struct sim_cli_opts sim_opts_of(const struct cli_args *a)
{
	const char *f = cli_get(a, "--format");
	return (struct sim_cli_opts){
		.syntax = cli_get(a, "--syntax"),
		.target = cli_get(a, "--target"),
		.env = cli_get(a, "--env"),
		.start = cli_get(a, "--start"),
		.input = cli_get(a, "--input"),
		.at = cli_get(a, "--at"),
		.api_fixture = cli_get(a, "--api-fixture"),
		.json = f && strcmp(f, "json") == 0,
		.graph = f && strcmp(f, "mermaid") == 0 ? GRAPH_MERMAID : GRAPH_DOT,
	};
}

static int run_graph(const struct cli_args *a)
{
	struct sim_cli_opts o = sim_opts_of(a);
	o.times = cli_get(a, "--times") != NULL;
	return sim_cli_graph(&o, a->operands[0]);
}

static int run_paths(const struct cli_args *a)
{
	struct sim_cli_opts o = sim_opts_of(a);
	o.start = cli_get(a, "--from");
	o.format = cli_get(a, "--format");
	o.limit = cli_get(a, "--limit");
	o.emit_tests = cli_get(a, "--emit-tests") != NULL;
	return sim_cli_paths(&o, a->operands[0]);
}

static int run_simulate(const struct cli_args *a)
{
	struct sim_cli_opts o = sim_opts_of(a);
	return sim_cli_simulate(&o, a->operands[0]);
}

static int run_test(const struct cli_args *a)
{
	struct sim_cli_opts o = sim_opts_of(a);
	return sim_cli_test(&o, a->operands, a->noperands);
}

static int run_import(const struct cli_args *a)
{
	struct import_opts o = { .from = cli_get(a, "--from"), .out = cli_get(a, "-o"),
				 .to = cli_get(a, "--to"),
				 .allow_loss = cli_get(a, "--allow-loss") != NULL };
	return import_run(&o, a->operands, a->noperands);
}

static int run_schema(const struct cli_args *a)
{
	(void)a;
	return schema_run();
}

/* ---------- the table ---------- */

const struct cli_command cli_commands[] = {
	{ "check", "FILE|FOLDER...", "input file", 1, -1,
	  "parse, resolve, type-check, check the providers' limits",
	  "A FOLDER stands for the root files under it: those no other file includes.",
	  OPTIONS(&opt_format_all, &opt_syntax), run_check },
	{ "lint", "FILE|FOLDER...", "input file", 1, -1,
	  "check, then the lint rules",
	  "A FOLDER stands for the root files under it: those no other file includes. "
	  "Exits 1 when a finding is at or above --fail-on (default error).",
	  OPTIONS(&opt_format_all, &opt_config, &opt_fail_on, &opt_now, &opt_syntax), run_lint },
	{ "rules", "", "argument", 0, 0, "list the lint rules", NULL, NO_OPTIONS, run_rules },
	{ "explain", "CODE", "rule code (IVR301) or name", 1, 1, "print one lint rule's page",
	  NULL, NO_OPTIONS, run_explain },
	{ "build", "FILE", "input file", 1, 1,
	  "compile for one target and print (or write) the JSON bundle", NULL,
	  OPTIONS(&opt_target, &opt_env, &opt_out_dir, &opt_state_build, &opt_format_text_json,
		  &opt_syntax),
	  run_build },
	{ "plan", "FILE", "input file", 1, 1,
	  "what push would create, update or delete; changes nothing", NULL,
	  OPTIONS(&opt_target, &opt_env, &opt_state, &opt_refresh, &opt_detailed, &opt_prune,
		  &opt_plan_format, &opt_syntax),
	  NULL },
	{ "push", "FILE", "input file", 1, 1,
	  "create and update the objects at the provider",
	  "Credentials come from the environment (docs/CLI.md, \"Push\").",
	  OPTIONS(&opt_target, &opt_env, &opt_state, &opt_dry_run, &opt_yes, &opt_prune,
		  &opt_refresh_push, &opt_cacert, &opt_lock_timeout, &opt_syntax),
	  NULL },
	{ "fmt", "FILE...", "input file", 1, -1, "print DSL files in the canonical layout", NULL,
	  OPTIONS(&opt_write, &opt_check, &opt_syntax), run_fmt },
	{ "convert", "FILE", "input file", 1, 1, "print the file in the other syntax", NULL,
	  OPTIONS(&opt_to_required, &opt_syntax), run_convert },
	{ "graph", "FILE", "input file", 1, 1,
	  "print the call graph (Graphviz DOT or a Mermaid flowchart)", NULL,
	  OPTIONS(&opt_graph_format, &opt_times, &opt_graph_target, &opt_env, &opt_syntax),
	  run_graph },
	{ "simulate", "FILE", "input file", 1, 1,
	  "play one call offline and print what the caller hears and does", NULL,
	  OPTIONS(&opt_start, &opt_input, &opt_at, &opt_play_target, &opt_env, &opt_sim_format,
		  &opt_fixture, &opt_syntax),
	  run_simulate },
	{ "paths", "FILE", "input file", 1, 1,
	  "every caller path from each entry point, timed, and a summary", NULL,
	  OPTIONS(&opt_paths_target, &opt_paths_from, &opt_paths_format, &opt_limit,
		  &opt_emit_tests, &opt_env, &opt_syntax),
	  run_paths },
	{ "test", "FILE...", "input file", 1, -1, "run the tests of each file with the simulator",
	  NULL, OPTIONS(&opt_play_target, &opt_env, &opt_fixture, &opt_syntax), run_test },
	{ "import", "JSON...", "input file", 1, -1,
	  "provider JSON (bundles, bodies, list answers) back to an ivrc file", NULL,
	  OPTIONS(&opt_from, &opt_import_out, &opt_to, &opt_allow_loss), run_import },
	{ "schema", "", "input file", 0, 0, "print the JSON Schema of the YAML form (for editors)",
	  NULL, NO_OPTIONS, run_schema },
	{ "dump-ast", "FILE", "input file", 1, 1,
	  "print the checked program as JSON, without positions (for tests)", NULL,
	  OPTIONS(&opt_syntax), run_dump_ast },
};

const size_t cli_ncommands = sizeof cli_commands / sizeof cli_commands[0];
