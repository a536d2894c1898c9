/* One run of a command: its arena, its findings, how they are printed
 * (format, colour, where), the lint configuration of each file, and the
 * exit status. Every command that reads a file or reports findings runs
 * in one (driver.c, fmt.c, sim_cli.c, import_cmd.c). */
#ifndef IVRC_RUN_H
#define IVRC_RUN_H
#include <stdbool.h>
#include "../compiler/arena.h"
#include "../compiler/diag.h"
#include "../compiler/strmap.h"
#include "../lint/engine.h"

struct includes_cache;

struct cli_run {
	struct arena arena;
	struct diag diag;
	enum diag_format format;   /* of the findings; machine formats go to standard output */
	const char *syntax;        /* --syntax of the files it reads, NULL: by extension */
	bool stdout_taken;         /* standard output holds the command's own output */
	bool usage_error;          /* an I/O or usage error was printed: exit 2 */
	bool lint;                 /* the status is `failed`, not "any error" */
	bool failed;               /* lint: a finding at or above the fail-on level */
	/* The lint configuration: --config, else the nearest .ivrc.yaml; the
	 * last one read is kept, since the files of one folder share it. */
	const char *config;        /* --config, or NULL */
	const char *config_path;   /* of `cfg`, NULL: none read yet */
	bool config_unreadable;    /* `config_path` could not be read (said once) */
	struct lint_config cfg;
	struct lint_config_search config_search;
	/* The files read as parts of programs (cli/includes.h): each is read
	 * once however many roots of the call include it. */
	struct includes_cache *includes;
	/* Commands of one program (build, plan, push, simulate, test, graph,
	 * paths): its suppression comments and .ivrc.yaml silence check's
	 * warnings and notes as they are printed, as in check and lint (which
	 * do it file by file themselves). Set by cli_run_program. */
	const struct ast_program *program;
	const char *program_file;
	/* What the run printed as text, for the line that ends it: the
	 * findings by severity, their files, a code to explain. */
	size_t printed[3];
	struct strmap printed_files;
	unsigned explain_code;     /* the first error's, else the first finding's */
	bool printed_error;
};

/* The program the run's findings are about (see `program` above). */
void cli_run_program(struct cli_run *r, const char *file, const struct ast_program *p);

/* format: of the findings (DIAG_TEXT where the command has no --format). */
void cli_run_init(struct cli_run *r, enum diag_format format, bool stdout_taken);

/* Sorts and prints the findings so far, then forgets them. */
void cli_run_print(struct cli_run *r);

/* Prints the findings; frees the run; returns its exit status: 2 after a
 * usage or I/O error, else `status` when it is not 0, else 1 when the
 * input has errors (lint: when it failed), else 0. */
int cli_run_finish(struct cli_run *r, int status);

/* The configuration of a file; NULL (said once) when it cannot be read. */
const struct lint_config *cli_run_config(struct cli_run *r, const char *file);

#endif
