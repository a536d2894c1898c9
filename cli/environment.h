/* The environment a command runs in (--env NAME; docs/CLI.md,
 * "Environments"), and check's run over every environment. */
#ifndef IVRC_ENVIRONMENT_H
#define IVRC_ENVIRONMENT_H
#include <stdbool.h>
#include "../compiler/ast.h"
#include "../compiler/diag.h"

struct arena;

/* Applies environment `name` to p, read from path (its file, when the
 * environment is written in one, is read beside path). need: the command
 * needs one when p declares environments (build, plan, push). false after
 * printing why to standard error: --env without environments, an unknown
 * one, or none given where one is needed. */
bool environment_select(struct ast_program *p, const char *path, const char *name, bool need,
			struct arena *a, struct diag *d);

/* Adds to d the findings of one run per environment (runs[i]: environment
 * i's findings): a finding every run has once, as it is; one that only
 * some have, once for each of them, saying the environment. */
void environment_merge(struct diag *d, const struct ast_program *p, struct diag *runs);

#endif
