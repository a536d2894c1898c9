/* IVR331: from a place a caller reaches (an entry point, a menu), reaching
 * a human takes more keys than `caller.max_keys_to_human`. Wrong keys
 * count; silences do not (a caller who waits presses nothing). The
 * witness is the way with the fewest keys, then the least time. */
#include "../caller.h"
#include "../engine.h"

static void check(struct lint_ctx *c)
{
	if (c->caller->has_max_keys)
		lint_caller_budget(c, true);
}

const struct lint_rule lint_rule_many_keys_to_human = {
	.code = 331,
	.name = "many-keys-to-human",
	.severity = SEV_WARNING,
	.summary = "a place callers reach from which a human takes more keys than "
		   "caller.max_keys_to_human",
	.program = check,
};
