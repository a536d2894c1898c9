/* IVR441: an object that a target builds and that calls reach in the whole
 * program, but not on that target: every way to it passes through objects
 * the target does not build (a menu entered only from a flow, on Smartflo),
 * or starts at an entry point it does not have (a broadcast, on Infobip).
 * On that target the object is created and no call gets to it. */
#include "../../compiler/arena.h"
#include "../engine.h"
#include "../util.h"

static bool builds(const struct target_caps *t, enum decl_kind k)
{
	return (t->objects & (1u << k)) != 0;
}

/* Whether calls pass through an object of kind k on t: one it builds, or a
 * schedule where t routes by one (a rule of its own, not an object). */
static bool passes(const struct target_caps *t, enum decl_kind k)
{
	return builds(t, k) || (k == DECL_SCHEDULE && t->schedules != SCHEDULES_NONE);
}

static void mark_node(const struct cfg *g, const struct target_caps *t, uint32_t v,
		      bool *seen, uint32_t *stack, size_t *top)
{
	if (v != CFG_NONE && !seen[v] && passes(t, g->nodes[v].decl->kind)) {
		seen[v] = true;
		stack[(*top)++] = v;
	}
}

static void mark(const struct cfg *g, const struct target_caps *t, const struct ast_decl *d,
		 bool *seen, uint32_t *stack, size_t *top)
{
	mark_node(g, t, cfg_node_of(g, d), seen, stack, top);
}

static void one_target(struct lint_ctx *c, const struct target_caps *t, bool *seen,
		       uint32_t *stack, uint32_t *via)
{
	const struct cfg *g = c->g;
	const struct ast_program *p = c->p;
	size_t top = 0;
	for (size_t i = 0; i < g->nnodes; i++)
		seen[i] = false;
	for (size_t i = 0; i < p->nentries; i++)
		mark(g, t, p->entries[i], seen, stack, &top);
	if (builds(t, DECL_BROADCAST))
		for (size_t i = 0; i < p->nbroadcasts; i++)
			mark(g, t, p->broadcasts[i]->destination.ref, seen, stack, &top);
	if (builds(t, DECL_FLOW))
		for (size_t i = 0; i < p->nflows; i++)
			mark(g, t, &p->flows[i]->decl, seen, stack, &top);
	while (top > 0) {
		const struct cfg_node *v = &g->nodes[stack[--top]];
		for (uint32_t e = v->first_edge; e < v->first_edge + v->nedges; e++)
			mark_node(g, t, g->edges[e].to, seen, stack, &top);
	}
	/* For each node, one object leading to it that the target does not
	 * build: the example the message names. */
	for (size_t i = 0; i < g->nnodes; i++)
		via[i] = CFG_NONE;
	for (size_t e = 0; e < g->nedges; e++) {
		uint32_t from = g->edges[e].from, to = g->edges[e].to;
		if (to != CFG_NONE && via[to] == CFG_NONE && g->nodes[from].reachable &&
		    !passes(t, g->nodes[from].decl->kind))
			via[to] = from;
	}
	const char *tn = t->name;
	for (size_t i = 0; i < g->nnodes; i++) {
		const struct ast_decl *d = g->nodes[i].decl;
		if (seen[i] || !g->nodes[i].reachable || d->kind == DECL_ENDPOINT ||
		    !builds(t, d->kind))
			continue;
		const struct ast_decl *v = via[i] != CFG_NONE ? g->nodes[via[i]].decl : NULL;
		if (v)
			lint_report(c, d->name_span,
				    "%s builds %s '%s' but no call reaches it there: the way to it "
				    "goes through %s '%s', which %s does not build", tn,
				    ast_decl_kind_names[d->kind], d->name, ast_decl_kind_names[v->kind],
				    v->name, tn);
		else
			lint_report(c, d->name_span,
				    "%s builds %s '%s' but no call reaches it there: it is an entry "
				    "point only as a broadcast's destination, and %s has no broadcasts",
				    tn, ast_decl_kind_names[d->kind], d->name, tn);
	}
}

static void check(struct lint_ctx *c)
{
	bool *seen = arena_alloc(c->a, c->g->nnodes + 1);
	uint32_t *stack = arena_alloc(c->a, (c->g->nnodes + 1) * sizeof *stack);
	uint32_t *via = arena_alloc(c->a, (c->g->nnodes + 1) * sizeof *via);
	for (size_t i = 0; i < c->ncaps; i++)
		one_target(c, c->caps[i], seen, stack, via);
}

const struct lint_rule lint_rule_unreachable_on_target = {
	.code = 441,
	.name = "unreachable-on-target",
	.severity = SEV_WARNING,
	.summary = "an object a target builds but that no call reaches on that target",
	.program = check,
};
