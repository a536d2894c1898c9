/* IVR302: menus and announcements that route only among themselves: no
 * key, wrong key or silence leads out (a strongly connected component of
 * the call graph without an edge out of it). */
#include <string.h>

#include "../../compiler/arena.h"
#include "../engine.h"
#include "../util.h"

/* The component is a trap: cyclic, only menus and announcements, and no
 * edge out of it (a literal or hangup counts as out). */
static bool is_trap(const struct cfg *g, const uint32_t *members, size_t n)
{
	bool cyclic = n > 1;
	uint32_t scc = g->nodes[members[0]].scc;
	for (size_t i = 0; i < n; i++) {
		const struct cfg_node *v = &g->nodes[members[i]];
		if (v->decl->kind != DECL_MENU && v->decl->kind != DECL_ANNOUNCEMENT)
			return false;
		for (uint32_t e = v->first_edge; e < v->first_edge + v->nedges; e++) {
			uint32_t w = g->edges[e].to;
			if (w == CFG_NONE || g->nodes[w].scc != scc)
				return false;
			cyclic |= w == members[i];
		}
	}
	return cyclic;
}

/* "a -> b -> a": the shortest way from s back to s inside its component
 * (breadth first; prev and queue are scratch of g->nnodes entries). */
static const char *cycle_text(struct lint_ctx *c, uint32_t s, uint32_t *prev, uint32_t *queue)
{
	const struct cfg *g = c->g;
	uint32_t scc = g->nodes[s].scc, head = 0, tail = 0, last = CFG_NONE;
	queue[tail++] = s;
	prev[s] = s;
	while (head < tail && last == CFG_NONE) {
		uint32_t v = queue[head++];
		const struct cfg_node *node = &g->nodes[v];
		for (uint32_t e = node->first_edge; e < node->first_edge + node->nedges; e++) {
			uint32_t w = g->edges[e].to;
			/* A menu's `repeat` is a loop of its own; show the bigger one. */
			if (w == s && (v != s || g->scc_size[scc] == 1)) {
				last = v;
				break;
			}
			if (w != CFG_NONE && g->nodes[w].scc == scc && prev[w] == CFG_NONE) {
				prev[w] = v;
				queue[tail++] = w;
			}
		}
	}
	const char *text = g->nodes[s].decl->name;
	for (uint32_t v = last; v != s && v != CFG_NONE; v = prev[v])
		text = arena_printf(c->a, "%s -> %s", g->nodes[v].decl->name, text);
	text = arena_printf(c->a, "%s -> %s", g->nodes[s].decl->name, text);
	for (size_t i = 0; i < tail; i++)
		prev[queue[i]] = CFG_NONE;
	return text;
}

static void check(struct lint_ctx *c)
{
	const struct cfg *g = c->g;
	size_t n = g->nnodes;
	/* Nodes grouped by component, in node (source) order within each. */
	uint32_t *start = arena_alloc(c->a, (g->nsccs + 2) * sizeof *start);
	uint32_t *members = arena_alloc(c->a, (n + 1) * sizeof *members);
	uint32_t *prev = arena_alloc(c->a, (n + 1) * sizeof *prev);
	uint32_t *queue = arena_alloc(c->a, (n + 1) * sizeof *queue);
	for (size_t k = 0; k < g->nsccs; k++)
		start[k + 1] = start[k] + g->scc_size[k];
	uint32_t *fill = arena_alloc(c->a, (g->nsccs + 1) * sizeof *fill);
	memcpy(fill, start, g->nsccs * sizeof *fill);
	for (uint32_t v = 0; v < n; v++) {
		members[fill[g->nodes[v].scc]++] = v;
		prev[v] = CFG_NONE;
	}
	for (size_t k = 0; k < g->nsccs; k++) {
		const uint32_t *m = members + start[k];
		size_t count = start[k + 1] - start[k];
		if (!count || !is_trap(g, m, count))
			continue;
		const struct ast_decl *d = g->nodes[m[0]].decl;
		lint_report(c, d->name_span,
			    "no key, wrong key or silence leads out of this loop: %s",
			    cycle_text(c, m[0], prev, queue));
	}
}

const struct lint_rule lint_rule_inescapable_loop = {
	.code = 302,
	.name = "inescapable-loop",
	.severity = SEV_WARNING,
	.summary = "menus that route only to one another: no caller input leads out",
	.program = check,
};
