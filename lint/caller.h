/* What the caller-experience rules (IVR330-IVR333) share: for each target
 * the file declares (or the language itself, when it declares none), the
 * caller paths model (compiler/paths.h) and the menus a call enters. Made
 * once a lint run, when the first rule asks, and only then: a
 * configuration without `caller:` budgets costs nothing. */
#ifndef IVRC_LINT_CALLER_H
#define IVRC_LINT_CALLER_H
#include <stdbool.h>
#include <stddef.h>
#include "../compiler/paths.h"
#include "engine.h"

struct lint_caller_target {
	const char *name;                  /* the target, or NULL: none declared */
	struct sim_behaviour bh;
	struct paths_model *m;
	const struct ast_decl **starts;    /* where calls start: entry points, broadcasts' menus */
	size_t nstarts;
	bool *reached;                     /* by menu index: a call enters it */
};

struct lint_caller_view {
	struct lint_caller_target *t;
	size_t n;
};

const struct lint_caller_view *lint_caller_view(struct lint_ctx *c);

/* IVR330 (by_keys false) and IVR331: a finding at every place calls
 * reach whose best way to a human is over the budget on some target (the
 * worst target's way is the witness), or that has none. */
void lint_caller_budget(struct lint_ctx *c, bool by_keys);

/* The targets a finding holds on, of those where its place is judged. */
struct lint_caller_on {
	const char *names;                 /* "smartflo, sonetel" */
	size_t nfail, njudged;
};
void lint_caller_on_add(struct lint_ctx *c, struct lint_caller_on *on,
			const struct lint_caller_target *t, bool fails);
/* " (on smartflo, sonetel)" when the finding holds on some judged targets
 * only, else "". */
const char *lint_caller_on_text(struct lint_ctx *c, const struct lint_caller_on *on);

#endif
