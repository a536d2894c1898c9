/* IVR308: more options in one menu than callers can hold in mind while the
 * prompt plays: 9 unless `.ivrc.yaml` says `caller: {max_options: N}`. */
#include "../engine.h"

static void check(struct lint_ctx *c, const struct ast_menu *m)
{
	uint32_t most = c->caller->max_options;
	if (m->noptions > most)
		lint_report(c, m->decl.name_span,
			    "menu '%s' has %zu options; callers keep at most %u in mind: group "
			    "some in a sub-menu", m->decl.name, m->noptions, (unsigned)most);
}

const struct lint_rule lint_rule_too_many_options = {
	.code = 308,
	.name = "too-many-options",
	.severity = SEV_WARNING,
	.summary = "a menu with more options than callers keep in mind (9, or caller.max_options)",
	.menu = check,
};
