/* IVR307: a handler with `retries: 0` and a `final_prompt`: the caller gets
 * no second try, and the handler's own `prompt` never plays (it plays only
 * before a retry). */
#include "../engine.h"

static void one(struct lint_ctx *c, const struct ast_handler *h, const char *what)
{
	if (h->present && h->retries == 0 && h->final_prompt.name)
		lint_report(c, h->span,
			    "'%s' has 'retries: 0': the first %s plays '%s' and leaves, and "
			    "its prompt '%s' never plays", what,
			    what[0] == 'i' ? "wrong key" : "silence", h->final_prompt.name,
			    h->prompt.name ? h->prompt.name : "");
}

static void check(struct lint_ctx *c, const struct ast_menu *m)
{
	one(c, &m->invalid, "invalid");
	one(c, &m->no_input, "no_input");
}

const struct lint_rule lint_rule_final_prompt_without_retries = {
	.code = 307,
	.name = "final-prompt-without-retries",
	.severity = SEV_WARNING,
	.summary = "a handler with 'retries: 0' and a final prompt: no second try, its prompt never plays",
	.menu = check,
};
