/* The command line's one table of commands (commands.c) and what both
 * executables build on it (cli.c): parsing a command's arguments, its help,
 * usage errors, the target named on the command line. cli/main.c is ivrc,
 * cli/push_main.c is ivrc-push (plan and push). */
#ifndef IVRC_CLI_H
#define IVRC_CLI_H
#include <stdbool.h>
#include <stdio.h>

#ifndef IVRC_VERSION
#define IVRC_VERSION "0.1.0"
#endif

struct ast_program;
struct diag;
struct target;

/* One option of a command. */
struct cli_option {
	const char *name;          /* "--format" */
	const char *alias;         /* "-y", or NULL */
	const char *value;         /* what it takes, as the help writes it ("S"); NULL: a flag */
	const char *choices;       /* "text|json": the only values it takes; NULL: any */
	const char *what;          /* what the value is, for messages: "format" */
	bool targets;              /* its value is a target of the registry */
	bool required;
	const char *help;          /* one line */
};

struct cli_args;

struct cli_command {
	const char *name;
	const char *operands;      /* as the synopsis writes them: "FILE...", "CODE", "" */
	const char *noun;          /* one operand, for messages: "input file" */
	int min_operands, max_operands;   /* max -1: no bound */
	const char *summary;       /* one line for `ivrc --help` */
	const char *about;         /* more lines for `ivrc COMMAND --help`, or NULL */
	const struct cli_option *const *options;   /* NULL-terminated */
	/* Runs the command (exit status); NULL: ivrc-push runs it. */
	int (*run)(const struct cli_args *a);
};

/* A command's arguments, parsed against its options. */
struct cli_args {
	const struct cli_command *cmd;
	const char **values;       /* per option: its value ("" for a flag), NULL when absent */
	char **operands;
	int noperands;
};

/* The table, in the order of `ivrc --help`. */
extern const struct cli_command cli_commands[];
extern const size_t cli_ncommands;

/* Exit status of every command (CLI.md). */
enum {
	EXIT_CLEAN = 0,
	EXIT_INPUT = 1,     /* the input has errors */
	EXIT_USAGE = 2,     /* bad flag, unreadable path */
	EXIT_REMOTE = 3,    /* the provider refused or could not be reached */
};

/* The command named `name`, or NULL. */
const struct cli_command *cli_command_named(const char *name);

/* Parses argv (the words after the command's name) into a. Returns
 * EXIT_CLEAN; EXIT_USAGE after saying what is wrong; or -1 after printing
 * the command's help (--help, -h). Free a with cli_args_free. */
int cli_parse(const struct cli_command *c, int argc, char **argv, struct cli_args *a);
void cli_args_free(struct cli_args *a);
/* The value of option `name` ("" for a flag given), NULL when absent. */
const char *cli_get(const struct cli_args *a, const char *name);

/* `ivrc --help`, and `ivrc COMMAND --help`. */
void cli_print_help(FILE *out);
void cli_print_command_help(FILE *out, const struct cli_command *c);

/* Prints "ivrc: " and the message, then how to get help (for command c,
 * or NULL); returns EXIT_USAGE. */
int cli_usage_error(const struct cli_command *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The target named on the command line (--target, --from); NULL after
 * saying that there is none of that name. */
const struct target *cli_target(const char *name);

/* Whether p declares t (the command runs for t only); when not, an error
 * (IVR209) says so. */
bool cli_declared(const struct ast_program *p, const struct target *t, struct diag *d);

#endif
