/* The commands behind the CLI: load a file with the right front end, check
 * it, build it. main.c parses the arguments and calls these. */
#ifndef IVRC_DRIVER_H
#define IVRC_DRIVER_H
#include <stdbool.h>
#include "ast.h"
#include "diag.h"

/* Exit status of every command (CLI.md). */
enum {
	EXIT_CLEAN = 0,
	EXIT_INPUT = 1,     /* the input has errors */
	EXIT_USAGE = 2,     /* bad flag, unreadable path */
	EXIT_REMOTE = 3,    /* the provider refused or could not be reached */
};

struct driver_opts {
	enum diag_format format;
	const char *syntax;        /* "yaml", "dsl" or NULL: by extension */
	const char *target;        /* build: the target's name */
	const char *out_dir;       /* build: -o DIR, NULL or "-" for stdout */
	const char *state;         /* build: --state FILE */
};

int driver_check(const struct driver_opts *o, char **files, int nfiles);
int driver_build(const struct driver_opts *o, const char *file);

#endif
