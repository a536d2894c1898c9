/* IVR332 (with `caller: {replay_on_timeout: true}`): a menu that, when the
 * caller stays silent, does not play again, and has no key that plays it
 * again. A caller who needs longer than the timeout, or who missed a
 * choice, has no way to hear it but calling back. Per target: Sonetel
 * takes a menu's no_input `then` at the first silence. */
#include <string.h>

#include "../../compiler/arena.h"
#include "../../compiler/simulate.h"
#include "../engine.h"

static bool replay_key(const struct ast_menu *m, const struct sim_behaviour *bh)
{
	for (size_t i = 0; i < m->noptions; i++) {
		const struct ast_option *o = &m->options[i];
		bool taken = !bh || !bh->keys || strchr(bh->keys, o->key);
		if (taken && (o->to.kind == DEST_REPEAT || o->to.ref == &m->decl))
			return true;
	}
	return false;
}

/* Why silence does not play m again on this target, or NULL when it does. */
static const char *why_not(struct arena *a, const struct ast_menu *m,
			   const struct sim_behaviour *bh)
{
	if (!m->no_input.present)
		return "it has no 'no_input' handler";
	if (m->no_input.retries <= 0)
		return "its 'no_input' has no retries";
	if (bh && bh->no_input_at_once)
		return arena_printf(a, "%s leaves a menu at the first silence", bh->target);
	return NULL;
}

static void check(struct lint_ctx *c, const struct ast_menu *m)
{
	if (!c->caller->replay_on_timeout)
		return;
	for (size_t t = 0; t < (c->ncaps ? c->ncaps : 1); t++) {
		struct sim_behaviour bh;
		if (c->ncaps) {
			if (!(c->caps[t]->objects & (1u << DECL_MENU)))
				continue;
			sim_behaviour_of(c->caps[t], &bh);
		}
		const struct sim_behaviour *b = c->ncaps ? &bh : NULL;
		const char *why = why_not(c->a, m, b);
		if (!why || replay_key(m, b))
			continue;
		lint_report(c, m->decl.name_span,
			    "after %u s of silence, menu '%s' does not play again (%s) and no key "
			    "plays it again: a caller who missed a choice must call back",
			    (unsigned)m->timeout, m->decl.name, why);
		return;
	}
}

const struct lint_rule lint_rule_timeout_without_replay = {
	.code = 332,
	.name = "timeout-without-replay",
	.severity = SEV_WARNING,
	.summary = "a menu that silence does not play again, with no key that does "
		   "(caller.replay_on_timeout)",
	.menu = check,
};
