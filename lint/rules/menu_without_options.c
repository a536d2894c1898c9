/* IVR303: a menu without options: every key the caller presses is a wrong
 * key, so the menu only ever ends through its handlers. */
#include "../engine.h"

static void check(struct lint_ctx *c, const struct ast_menu *m)
{
	if (m->noptions == 0)
		lint_report(c, m->decl.name_span,
			    "menu '%s' has no options: every key is a wrong key", m->decl.name);
}

const struct lint_rule lint_rule_menu_without_options = {
	.code = 303,
	.name = "menu-without-options",
	.severity = SEV_WARNING,
	.summary = "a menu with no options",
	.menu = check,
};
