/* IVR316: steps after one that always leaves its block: `hangup`,
 * `goto menu:X`, or a `goto LABEL` without `limit`. Reported once, at the
 * first step that never runs. (A step after a dial is check's IVR213.) */
#include "../engine.h"
#include "../util.h"

static void check(struct lint_ctx *c, const struct ast_flow *f, const struct ast_block *b,
		  size_t i)
{
	(void)f;
	if (i == 0 || !lint_step_leaves(&b->steps[i - 1]))
		return;
	const struct ast_step *prev = &b->steps[i - 1];
	const char *why = prev->kind == STEP_HANGUP ? "'hangup' ends the call" :
			  prev->to.kind == DEST_MENU ? "'goto menu:' leaves the flow" :
			  "a 'goto' without 'limit' always jumps";
	lint_report(c, b->steps[i].span, "this step never runs: %s just before it (at %s)", why,
		    lint_where(c->a, prev->span));
}

const struct lint_rule lint_rule_unreachable_step = {
	.code = 316,
	.name = "unreachable-step",
	.severity = SEV_WARNING,
	.summary = "steps after 'hangup' or a 'goto' that always jumps",
	.step = check,
};
