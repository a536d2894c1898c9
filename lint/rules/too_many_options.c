/* IVR308: more than 9 options in one menu: more than callers can hold in
 * mind while the prompt plays. */
#include "../engine.h"

enum { MAX_OPTIONS = 9 };

static void check(struct lint_ctx *c, const struct ast_menu *m)
{
	if (m->noptions > MAX_OPTIONS)
		lint_report(c, m->decl.name_span,
			    "menu '%s' has %zu options; callers keep at most %d in mind: group "
			    "some in a sub-menu", m->decl.name, m->noptions, MAX_OPTIONS);
}

const struct lint_rule lint_rule_too_many_options = {
	.code = 308,
	.name = "too-many-options",
	.severity = SEV_WARNING,
	.summary = "a menu with more than 9 options",
	.menu = check,
};
