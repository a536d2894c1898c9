/* IVR304: a key that routes to the menu it belongs to by name, where
 * `repeat` says what is meant (and survives a rename of the menu). */
#include "../engine.h"

static void check(struct lint_ctx *c, const struct ast_menu *m)
{
	for (size_t i = 0; i < m->noptions; i++) {
		const struct ast_option *o = &m->options[i];
		if (o->to.ref == &m->decl)
			lint_report(c, o->to.span,
				    "key '%c' routes back to menu '%s' itself; write 'repeat' to "
				    "play it again", o->key, m->decl.name);
	}
}

const struct lint_rule lint_rule_option_to_own_menu = {
	.code = 304,
	.name = "option-to-own-menu",
	.severity = SEV_WARNING,
	.summary = "an option that leads back to its own menu by name instead of 'repeat'",
	.menu = check,
};
