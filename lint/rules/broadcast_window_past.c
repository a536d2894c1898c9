/* IVR313: a broadcast whose window has already ended (against --now,
 * IVRC_NOW or the clock): the provider accepts it and never calls anyone. */
#include "../engine.h"
#include "../util.h"

static void check(struct lint_ctx *c, const struct ast_broadcast *b)
{
	if (!b->window_end_span.src)
		return;
	if (ast_datetime_seconds(&b->window_end) > ast_datetime_seconds(&c->now))
		return;
	lint_report(c, b->window_end_span,
		    "the window of broadcast '%s' ended at %s, before now (%s): it will call "
		    "no one", b->decl.name, lint_datetime_text(c->a, &b->window_end),
		    lint_datetime_text(c->a, &c->now));
}

const struct lint_rule lint_rule_broadcast_window_past = {
	.code = 313,
	.name = "broadcast-window-past",
	.severity = SEV_WARNING,
	.summary = "a broadcast whose window has already ended",
	.broadcast = check,
};
