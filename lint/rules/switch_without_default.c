/* IVR319: a `switch` without `default`: a value that no case names runs
 * nothing, and the flow goes on after the switch as if it had matched. */
#include "../engine.h"

static void check(struct lint_ctx *c, const struct ast_flow *f, const struct ast_block *b,
		  size_t i)
{
	(void)f;
	const struct ast_step *st = &b->steps[i];
	if (st->kind == STEP_SWITCH && !st->has_default)
		lint_report(c, st->span,
			    "'switch %s' has no 'default': a value no case names runs nothing",
			    st->var ? st->var : "");
}

const struct lint_rule lint_rule_switch_without_default = {
	.code = 319,
	.name = "switch-without-default",
	.severity = SEV_NOTE,
	.summary = "a 'switch' without 'default'",
	.step = check,
};
