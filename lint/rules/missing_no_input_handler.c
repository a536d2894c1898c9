/* IVR306: a menu without a `no_input` handler: silence hangs up after the
 * first timeout (LANGUAGE.md: no handler is `retries: 0, then: hangup`). */
#include "../engine.h"

static void check(struct lint_ctx *c, const struct ast_menu *m)
{
	if (!m->no_input.present)
		lint_report(c, m->decl.name_span,
			    "menu '%s' has no 'no_input' handler: a caller who presses nothing for "
			    "%us is hung up on", m->decl.name, m->timeout);
}

const struct lint_rule lint_rule_missing_no_input_handler = {
	.code = 306,
	.name = "missing-no-input-handler",
	.severity = SEV_WARNING,
	.summary = "a menu without a 'no_input' handler: silence hangs up",
	.menu = check,
};
