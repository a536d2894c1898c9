/* IVR318: a `goto LABEL` without `limit` that jumps back to an earlier step
 * of its own block, when no step from the label to the goto can end the
 * call or leave the flow: the steps between repeat until the caller hangs
 * up. (A goto nested in an `if` or a loop below the label's block is
 * conditional and not reported.) */
#include <string.h>

#include "../engine.h"
#include "../util.h"

static void check(struct lint_ctx *c, const struct ast_flow *f, const struct ast_block *b,
		  size_t i)
{
	(void)f;
	const struct ast_step *go = &b->steps[i];
	if (go->kind != STEP_GOTO || go->to.kind != DEST_NAME || ast_step_arg(go, "limit"))
		return;
	size_t j = i;
	while (j-- > 0)
		if (b->steps[j].label && strcmp(b->steps[j].label, go->to.id) == 0)
			break;
	if (j == (size_t)-1)
		return;
	for (size_t k = j; k < i; k++) {
		const struct ast_step *s = &b->steps[k];
		if (lint_step_can_exit(c->a, s))
			return;
	}
	lint_report(c, go->span,
		    "'goto %s' has no 'limit' and nothing from '%s' to here ends the call: "
		    "these steps repeat until the caller hangs up", go->to.id, go->to.id);
}

const struct lint_rule lint_rule_goto_loop_without_exit = {
	.code = 318,
	.name = "goto-loop-without-exit",
	.severity = SEV_WARNING,
	.summary = "a 'goto' back without 'limit' over steps that never end the call",
	.step = check,
};
