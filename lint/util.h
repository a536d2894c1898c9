/* Helpers the rules share: walking a flow's steps, sets of names, how to
 * write a destination. (The variables a step reads and writes:
 * compiler/flow_vars.h.) */
#ifndef IVRC_LINT_UTIL_H
#define IVRC_LINT_UTIL_H
#include <stdbool.h>
#include <stddef.h>
#include "engine.h"

/* Whether a step always leaves its block: `hangup`, `goto menu:X`, a `goto`
 * without `limit` (dials are last by check's rule). */
bool lint_step_leaves(const struct ast_step *s);
/* Whether the step itself ends the call or leaves the flow: hangup, a dial,
 * goto menu:X. */
bool lint_step_ends(const struct ast_step *s);
/* Whether a step or anything inside it can end the call or leave the flow:
 * hangup, a dial, goto menu:X. */
bool lint_step_can_exit(struct arena *a, const struct ast_step *s);

/* A set of names (open addressing, in the arena). */
struct lint_names {
	const char **keys;
	size_t *lens;
	size_t cap, count;
};
void lint_names_init(struct lint_names *s, struct arena *a, size_t hint);
/* Adds a name; false when it was there already. */
bool lint_names_add(struct lint_names *s, struct arena *a, const char *name, size_t len);
bool lint_names_has(const struct lint_names *s, const char *name, size_t len);

/* Whether some declared target builds objects of this kind. */
bool lint_any_builds(const struct lint_ctx *c, enum decl_kind k);
/* "a menu", "an announcement", ... */
const char *lint_a_kind(enum decl_kind k);
/* "YYYY-MM-DD HH:MM:SS" in the arena. */
const char *lint_datetime_text(struct arena *a, const struct ast_datetime *t);
/* "line:column" of a span, in the arena. */
const char *lint_where(struct arena *a, struct span at);

#endif
