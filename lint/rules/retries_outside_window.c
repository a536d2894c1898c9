/* IVR314: broadcast retries that can never fall inside the window. Retry k
 * comes retry_after[0] + ... + retry_after[k-1] after a first call; a call
 * placed at the very start of the window is the one whose retries come
 * earliest, so a retry whose delay is at least the window's length never
 * happens inside it, for any call. */
#include "../engine.h"
#include "../util.h"

static void check(struct lint_ctx *c, const struct ast_broadcast *b)
{
	if (!b->window_start_span.src || !b->window_end_span.src || b->nretry_after == 0)
		return;
	int64_t window = ast_datetime_seconds(&b->window_end) -
			 ast_datetime_seconds(&b->window_start);
	int64_t delay = 0;
	for (size_t k = 0; k < b->nretry_after; k++) {
		delay += b->retry_after[k];
		if (delay < window)
			continue;
		const char *len = ast_duration_text(c->a, window);
		if (k == 0)
			lint_report(c, b->retry_after_spans[k],
				    "no retry of broadcast '%s' falls inside its %s window: the "
				    "first comes %s after a call", b->decl.name, len,
				    ast_duration_text(c->a, delay));
		else
			lint_report(c, b->retry_after_spans[k],
				    "retry %zu of broadcast '%s' and those after it fall outside its "
				    "%s window: it comes %s after a call", k + 1, b->decl.name, len,
				    ast_duration_text(c->a, delay));
		return;
	}
}

const struct lint_rule lint_rule_retries_outside_window = {
	.code = 314,
	.name = "retries-outside-window",
	.severity = SEV_WARNING,
	.summary = "broadcast retries that come later than its window allows",
	.broadcast = check,
};
