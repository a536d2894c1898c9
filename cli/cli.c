/* What both executables build on the table of commands (cli.h): parsing,
 * help, usage errors, and the target named on the command line. */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../compiler/codes.h"
#include "../compiler/diag.h"
#include "../targets/target.h"

const struct cli_command *cli_command_named(const char *name)
{
	for (size_t i = 0; i < cli_ncommands; i++)
		if (strcmp(cli_commands[i].name, name) == 0)
			return &cli_commands[i];
	return NULL;
}

/* ---------- help ---------- */

/* "a|b|c" as "a, b or c", in buf. */
static const char *alternatives(char *buf, size_t size, const char *choices)
{
	const char *last = strrchr(choices, '|');
	size_t n = 0;
	for (const char *p = choices; *p && n + 5 < size; p++) {
		const char *put = *p != '|' ? NULL : p == last ? " or " : ", ";
		if (!put)
			buf[n++] = *p;
		else
			n += (size_t)snprintf(buf + n, size - n, "%s", put);
	}
	buf[n] = '\0';
	return buf;
}

/* The values option o takes, "a|b|c", in buf; NULL when any. */
static const char *choices_of(char *buf, size_t size, const struct cli_option *o)
{
	if (!o->targets)
		return o->choices;
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < target_count() && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? "|" : "",
				      target_at(i)->caps.name);
	return buf;
}

/* "--format text|json", "--state S" or "--dry-run", in buf. */
static const char *option_use(char *buf, size_t size, const struct cli_option *o)
{
	char choices[128];
	const char *v = o->value ? choices_of(choices, sizeof choices, o) : NULL;
	snprintf(buf, size, "%s%s%s", o->name, o->value ? " " : "",
		 o->value ? (v ? v : o->value) : "");
	return buf;
}

/* "ivrc push --target T [--state S] ... FILE", wrapped under its first
 * option at 79 columns; `indent` is how far the line already is. */
static void print_synopsis(FILE *out, const struct cli_command *c, int indent)
{
	char use[160], piece[164];
	int col = indent + fprintf(out, "ivrc %s", c->name), wrap = col + 1;
	for (const struct cli_option *const *o = c->options;; o++) {
		if (*o)
			snprintf(piece, sizeof piece, (*o)->required ? "%s" : "[%s]",
				 option_use(use, sizeof use, *o));
		else if (c->operands[0])
			snprintf(piece, sizeof piece, "%s", c->operands);
		else
			break;
		int n = (int)strlen(piece);
		if (col + 1 + n > 79 && col > wrap) {
			col = fprintf(out, "\n%*s", wrap, "") - 1;
			col += fprintf(out, "%s", piece);
		} else {
			col += fprintf(out, " %s", piece);
		}
		if (!*o)
			break;
	}
	fputc('\n', out);
}

void cli_print_help(FILE *out)
{
	fputs("usage: ivrc COMMAND [OPTIONS] [FILE...]\n\ncommands:\n", out);
	for (size_t i = 0; i < cli_ncommands; i++)
		fprintf(out, "  %-9s %s\n", cli_commands[i].name, cli_commands[i].summary);
	fputs("\n"
	      "options:\n"
	      "  --version  print the version\n"
	      "  --help     print this help (ivrc COMMAND --help: the command's)\n"
	      "\n"
	      "exit status: 0 clean, 1 the input has errors, 2 usage or I/O error,\n"
	      "3 the provider refused or could not be reached, 4 plan --detailed-exitcode:\n"
	      "changes pending\n", out);
}

void cli_print_command_help(FILE *out, const struct cli_command *c)
{
	char use[160], both[200];
	int width = (int)strlen("-h, --help");
	for (const struct cli_option *const *o = c->options; *o; o++) {
		int n = (int)strlen(option_use(use, sizeof use, *o));
		n += (*o)->alias ? (int)strlen((*o)->alias) + 2 : 0;
		width = n > width ? n : width;
	}
	print_synopsis(out, c, fprintf(out, "usage: "));
	fprintf(out, "\n%s\n", c->summary);
	if (c->about)
		fprintf(out, "%s\n", c->about);
	fputs("\noptions:\n", out);
	for (const struct cli_option *const *o = c->options; *o; o++) {
		option_use(use, sizeof use, *o);
		if ((*o)->alias)
			snprintf(both, sizeof both, "%s, %s", (*o)->alias, use);
		fprintf(out, "  %-*s  %s\n", width, (*o)->alias ? both : use, (*o)->help);
	}
	fprintf(out, "  %-*s  %s\n", width, "-h, --help", "print this help");
}

/* ---------- errors ---------- */

int cli_usage_error(const struct cli_command *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("ivrc: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (c)
		fprintf(stderr, "\nusage: ivrc %s [OPTIONS]%s%s (see ivrc %s --help)\n", c->name,
			c->operands[0] ? " " : "", c->operands, c->name);
	else
		fputs("\nusage: ivrc COMMAND [OPTIONS] [FILE...] (see ivrc --help)\n", stderr);
	return EXIT_USAGE;
}

/* ---------- parsing ---------- */

static const struct cli_option *const *find_option(const struct cli_command *c, const char *a)
{
	for (const struct cli_option *const *o = c->options; *o; o++)
		if (strcmp((*o)->name, a) == 0 || ((*o)->alias && strcmp((*o)->alias, a) == 0))
			return o;
	return NULL;
}

static bool in_choices(const char *choices, const char *v)
{
	size_t n = strlen(v);
	for (const char *p = choices; p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && strncmp(p, v, n) == 0)
			return true;
		p = bar ? bar + 1 : NULL;
	}
	return false;
}

/* The operands' count and the required options, once every word is read. */
static int check_complete(const struct cli_command *c, const struct cli_args *a)
{
	if (a->noperands < c->min_operands)
		return cli_usage_error(c, "%s: no %s", c->name, c->noun);
	if (c->max_operands >= 0 && a->noperands > c->max_operands)
		return cli_usage_error(c, c->max_operands ? "%s: takes one %s" : "%s: takes no %s",
				       c->name, c->noun);
	/* Standard input can be read once. */
	for (int i = 0, stdin_seen = 0; i < a->noperands; i++)
		if (strcmp(a->operands[i], "-") == 0 && stdin_seen++)
			return cli_usage_error(c, "%s: '-' (standard input) can be given once",
					       c->name);
	for (size_t i = 0; c->options[i]; i++) {
		const struct cli_option *o = c->options[i];
		char buf[128], alt[160];
		if (!o->required || a->values[i])
			continue;
		if (!o->choices && !o->targets)
			return cli_usage_error(c, "%s: %s is required", c->name, o->name);
		return cli_usage_error(c, "%s: %s is required (%s)", c->name, o->name,
				       alternatives(alt, sizeof alt, choices_of(buf, sizeof buf, o)));
	}
	return EXIT_CLEAN;
}

int cli_parse(const struct cli_command *c, int argc, char **argv, struct cli_args *a)
{
	size_t nopts = 0;
	while (c->options[nopts])
		nopts++;
	*a = (struct cli_args){ .cmd = c };
	a->values = calloc(nopts + 1, sizeof *a->values);
	a->operands = calloc((size_t)argc + 1, sizeof *a->operands);
	if (!a->values || !a->operands) {
		fprintf(stderr, "ivrc: out of memory\n");
		return EXIT_USAGE;
	}
	for (int i = 0; i < argc; i++) {
		const char *w = argv[i];
		const struct cli_option *const *o = find_option(c, w);
		if (strcmp(w, "--help") == 0 || strcmp(w, "-h") == 0) {
			cli_print_command_help(stdout, c);
			return -1;
		}
		if (!o && w[0] == '-' && w[1] != '\0')
			return cli_usage_error(c, "unknown option '%s'", w);
		if (!o) {
			a->operands[a->noperands++] = argv[i];
			continue;
		}
		const char **slot = &a->values[o - c->options];
		if (!(*o)->value) {
			*slot = "";
			continue;
		}
		if (i + 1 >= argc)
			return cli_usage_error(c, "option '%s' needs a value", w);
		*slot = argv[++i];
		if ((*o)->choices && !in_choices((*o)->choices, *slot)) {
			char alt[160];
			return cli_usage_error(c, "unknown %s '%s'; expected %s", (*o)->what, *slot,
					       alternatives(alt, sizeof alt, (*o)->choices));
		}
	}
	return check_complete(c, a);
}

void cli_args_free(struct cli_args *a)
{
	free(a->values);
	free(a->operands);
	a->values = NULL;
	a->operands = NULL;
}

const char *cli_get(const struct cli_args *a, const char *name)
{
	for (size_t i = 0; a->cmd->options[i]; i++)
		if (strcmp(a->cmd->options[i]->name, name) == 0)
			return a->values[i];
	return NULL;
}

/* ---------- targets ---------- */

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
