/* Applying an environment (docs/LANGUAGE.md, "Environments"): its overlay
 * replaces, entry by entry, the fields it writes of the program's targets'
 * settings, recordings and endpoints. */
#ifndef IVRC_ENV_H
#define IVRC_ENV_H
#include "ast.h"
#include "diag.h"

struct arena;

/* The environment of p named `name`, or NULL. */
const struct ast_env *env_find(const struct ast_program *p, const char *name);

/* Applies overlay (env's, bound from its place or its file) to p, and
 * records env as p->env. An entry the program does not declare, or a target
 * it does not declare, is an error (IVR143) at the overlay. The declarations
 * overlaid are copies: p's arrays point at them, the originals are as
 * they were. */
void env_apply(struct ast_program *p, const struct ast_env *env,
	       const struct ast_program *overlay, struct arena *a, struct diag *d);

/* "staging, prod": the environments' names, for messages. */
const char *env_names(const struct ast_program *p, struct arena *a);

#endif
