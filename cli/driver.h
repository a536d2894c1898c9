/* check, lint, rules, explain, build, plan and push: load a file with the
 * right front end, check it, lint it, build it, push it. The command table
 * (commands.c) parses the arguments and calls these; each runs in one
 * cli_run (run.h). */
#ifndef IVRC_DRIVER_H
#define IVRC_DRIVER_H
#include <stdbool.h>
#include "../compiler/ast.h"
#include "../compiler/diag.h"
#include "cli.h"


struct driver_opts {
	enum diag_format format;
	const char *syntax;        /* "yaml", "dsl" or NULL: by extension */
	const char *target;        /* build: the target's name */
	const char *env;           /* --env NAME: build, plan, push */
	const char *out_dir;       /* build: -o DIR, NULL or "-" for stdout */
	const char *state;         /* build: --state FILE */
	/* lint */
	const char *config;        /* --config C, else .ivrc.yaml found upward */
	int fail_on;               /* --fail-on: an enum severity, or -1 (config, else error) */
	bool has_now;              /* --now T or IVRC_NOW, else the clock */
	struct ast_datetime now;
};

int driver_check(const struct driver_opts *o, char **files, int nfiles);
int driver_build(const struct driver_opts *o, const char *file);
/* lint: check, then the rules of lint/registry.c (exit 1 when a finding is
 * at or above the fail-on level); rules: list them; explain: one's page. */
int driver_lint(const struct driver_opts *o, char **files, int nfiles);
int driver_rules(void);
int driver_explain(const char *code);

/* plan and push: checks and lowers the file for o->target, then hands the
 * linked bundle to `push` (targets/push.h's push_run, passed in so that
 * only ivrc-push links it and libcurl); returns the exit status (4: plan
 * --detailed-exitcode with changes pending). */
struct push_opts;
struct bundle;
struct ast_program;
typedef int push_fn(struct bundle *b, const struct ast_program *p, const struct push_opts *o);
int driver_push(const struct driver_opts *o, const struct push_opts *po, const char *file,
		push_fn *push);

#endif
