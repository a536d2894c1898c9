/* IVR504: a menu `timeout` written out as the language's default, 5 s
 * (LANGUAGE.md "Menus"). Target settings equal to their defaults are not
 * reported: those defaults stand for what is unsure in a provider's API, and
 * pinning one is a choice worth writing down. */
#include "../engine.h"

enum { MENU_TIMEOUT_DEFAULT = 5 };   /* LANGUAGE.md, "Menus" */

static void menu(struct lint_ctx *c, const struct ast_menu *m)
{
	if (m->timeout_span.src && m->timeout == MENU_TIMEOUT_DEFAULT)
		lint_report(c, m->timeout_span,
			    "a menu waits %ds for a key by default: leave 'timeout' out",
			    MENU_TIMEOUT_DEFAULT);
}

const struct lint_rule lint_rule_redundant_default = {
	.code = 504,
	.name = "redundant-default",
	.severity = SEV_NOTE,
	.summary = "a menu timeout written out as the default, 5s",
	.menu = menu,
};
