/* The resolver and type checker: one namespace, every reference resolved,
 * type rules, entry points, and what each selected target can express. */
#ifndef IVRC_RESOLVE_H
#define IVRC_RESOLVE_H
#include "ast.h"
#include "caps.h"
#include "diag.h"

struct arena;

/* Checks p against the language and against each target in `targets` (the
 * capability tables of the targets being checked or built). Sets every
 * ast_dest.ref, ast_recref.rec and p->entries. Returns false on errors. */
bool res_check(struct ast_program *p, const struct target_caps *const *targets,
	       size_t ntargets, struct arena *a, struct diag *d);

#endif
