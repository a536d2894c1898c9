/* IVR305: a menu without an `invalid` handler: a wrong key hangs up at once
 * (LANGUAGE.md: no handler is `retries: 0, then: hangup`). A target whose
 * menus have no such handler does its own thing, which the message names;
 * when every declared target is like that, there is nothing to write. */
#include "../../compiler/arena.h"
#include "../engine.h"

static void check(struct lint_ctx *c, const struct ast_menu *m)
{
	if (m->invalid.present)
		return;
	const char *others = "";
	size_t own = 0;
	for (size_t i = 0; i < c->ncaps; i++)
		if (c->caps[i]->no_invalid_handler) {
			others = arena_printf(c->a, "%s (%s)", others, c->caps[i]->no_invalid_handler);
			own++;
		}
	if (c->ncaps > 0 && own == c->ncaps)
		return;
	lint_report(c, m->decl.name_span,
		    "menu '%s' has no 'invalid' handler: the first wrong key hangs up%s",
		    m->decl.name, others);
}

const struct lint_rule lint_rule_missing_invalid_handler = {
	.code = 305,
	.name = "missing-invalid-handler",
	.severity = SEV_WARNING,
	.summary = "a menu without an 'invalid' handler: a wrong key hangs up",
	.menu = check,
};
