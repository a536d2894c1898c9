/* IVR330: from a place a caller reaches (an entry point, a menu), the
 * fastest way to a human takes longer than `caller.max_seconds_to_human`.
 * The witness is the fastest way; with several targets, the slowest of
 * their fastest. Prompts of unknown length count as nothing, so a finding
 * is certain and a way with unknown lengths may hide one. */
#include "../caller.h"
#include "../engine.h"

static void check(struct lint_ctx *c)
{
	if (c->caller->max_seconds_to_human)
		lint_caller_budget(c, false);
}

const struct lint_rule lint_rule_slow_to_human = {
	.code = 330,
	.name = "slow-to-human",
	.severity = SEV_WARNING,
	.summary = "a place callers reach whose fastest way to a human takes longer than "
		   "caller.max_seconds_to_human",
	.program = check,
};
