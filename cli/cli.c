/* What the two executables share of the command line: the help text, the
 * usage error and option values (cli/main.c is ivrc, cli/push_main.c
 * is ivrc-push). */
#include "cli.h"

#include <stdio.h>

#include "../compiler/codes.h"
#include "../targets/target.h"
#include "driver.h"

const char cli_usage[] =
	"usage: ivrc COMMAND [OPTIONS] FILE...\n"
	"\n"
	"commands:\n"
	"  check  [--format text|json|sarif|github] [--syntax yaml|dsl] FILE...\n"
	"         parse, resolve, type-check, check the providers' limits\n"
	"  lint   [--format text|json|sarif|github] [--config C] [--fail-on error|warning|note]\n"
	"         [--now 'YYYY-MM-DD HH:MM:SS'] FILE...\n"
	"         check, then the lint rules (exit 1 when a finding is at or above\n"
	"         --fail-on, default error; --now or IVRC_NOW pins the clock)\n"
	"  rules  list the lint rules; explain CODE: print one rule's page\n"
	"  build  --target T [-o DIR|-] [--state S] [--format text|json] FILE\n"
	"         compile for one target and print (or write) the JSON bundle\n"
	"  fmt    [-w | --check] FILE...\n"
	"         print DSL files in the canonical layout (-w: rewrite them;\n"
	"         --check: list those not in it and exit 1)\n"
	"  convert --to yaml|dsl FILE\n"
	"         print the file in the other syntax\n"
	"  dump-ast FILE\n"
	"         print the checked program as JSON, without positions (for tests)\n"
	"  graph  [--format dot|mermaid] FILE\n"
	"         print the call graph (Graphviz DOT or a Mermaid flowchart)\n"
	"  simulate FILE [--start DEST] [--input \"1 silence 2\"] [--target T]\n"
	"         [--format text|json] [--api-fixture FILE.json]\n"
	"         play one call offline and print what the caller hears and does\n"
	"  test   [--target T] [--api-fixture FILE.json] FILE...\n"
	"         run the tests: of each file with the simulator\n"
	"  import --from smartflo|sonetel|infobip [-o FILE] [--to yaml|dsl] JSON...\n"
	"         provider JSON (bundles, bodies, list answers) back to an ivrc\n"
	"         file: YAML, or DSL with -o FILE.ivr\n"
	"  schema\n"
	"         print the JSON Schema of the YAML form (for editors)\n"
	"  plan   --target T [--state S] [--refresh] [--detailed-exitcode] [--prune] FILE\n"
	"         what push would create, update or delete (--refresh: read the\n"
	"         provider's objects too); changes nothing\n"
	"  push   --target T [--state S] [--dry-run] [--yes] [--prune] [--refresh]\n"
	"         [--cacert PEM] FILE\n"
	"         create and update the objects at the provider (credentials from\n"
	"         the environment: docs/CLI.md); --dry-run prints every request\n"
	"\n"
	"  every command that reads FILE takes --syntax yaml|dsl (default: *.ivr is DSL)\n"
	"\n"
	"options:\n"
	"  --version  print the version\n"
	"  --help     print this help (also: COMMAND --help)\n"
	"\n"
	"exit status: 0 clean, 1 the input has errors, 2 usage or I/O error,\n"
	"3 the provider refused or could not be reached, 4 plan --detailed-exitcode:\n"
	"changes pending\n";

int cli_usage_error(const char *fmt, const char *arg)
{
	fputs("ivrc: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nusage: ivrc COMMAND [OPTIONS] FILE... (see ivrc --help)\n", stderr);
	return EXIT_USAGE;
}

const char *cli_option_value(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		cli_usage_error("option '%s' needs a value", argv[*i]);
		return NULL;
	}
	return argv[++*i];
}

const struct target *cli_target(const char *name)
{
	const char *hint;
	const struct target *t = target_named(name, &hint);
	if (!t)
		fprintf(stderr, "ivrc: unknown target '%s'%s%s%s\n", name,
			hint ? "; did you mean '" : "", hint ? hint : "", hint ? "'?" : "");
	return t;
}

bool cli_declared(const struct ast_program *p, const struct target *t, struct diag *d)
{
	int i = ast_target_index(p, t->caps.name);
	if (i >= 0 && p->targets[i].present)
		return true;
	diag_error(d, IVR_UNDECLARED_TARGET,
		   p->targets_span.src ? p->targets_span : span_make(p->src, 0, 0),
		   "target '%s' is not declared in 'targets'", t->caps.name);
	return false;
}
