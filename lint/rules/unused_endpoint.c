/* IVR312: an endpoint that no key, handler, announcement or flow routes to. */
#include "../../compiler/arena.h"
#include "../engine.h"

static void check(struct lint_ctx *c)
{
	const struct cfg *g = c->g;
	bool *in = arena_alloc(c->a, g->nnodes + 1);
	for (size_t e = 0; e < g->nedges; e++)
		if (g->edges[e].to != CFG_NONE)
			in[g->edges[e].to] = true;
	for (size_t v = 0; v < g->nnodes; v++)
		if (g->nodes[v].decl->kind == DECL_ENDPOINT && !in[v])
			lint_report(c, g->nodes[v].decl->name_span, "endpoint '%s' is never routed to",
				    g->nodes[v].decl->name);
}

const struct lint_rule lint_rule_unused_endpoint = {
	.code = 312,
	.name = "unused-endpoint",
	.severity = SEV_WARNING,
	.summary = "an endpoint that nothing routes to",
	.program = check,
};
