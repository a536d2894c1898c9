/* IVR309: a menu that a caller reaches only through more than 4 menus.
 * Depth is the fewest menus on a way from an entry point, the menu itself
 * included (breadth first by levels: entering a menu costs one level,
 * anything else none). Only the first menu past the limit on each way is
 * reported: those below it are deeper still. */
#include "../../compiler/arena.h"
#include "../engine.h"

enum { MAX_DEPTH = 4 };

static bool is_menu(const struct cfg *g, uint32_t v)
{
	return g->nodes[v].decl->kind == DECL_MENU;
}

/* "main > sales > ... > x": the menus on the way to v. */
static const char *way(struct lint_ctx *c, const uint32_t *parent, uint32_t v)
{
	const char *text = NULL;
	for (; v != CFG_NONE; v = parent[v])
		if (is_menu(c->g, v))
			text = text ? arena_printf(c->a, "%s > %s", c->g->nodes[v].decl->name, text)
				    : c->g->nodes[v].decl->name;
	return text;
}

static void check(struct lint_ctx *c)
{
	const struct cfg *g = c->g;
	size_t n = g->nnodes;
	uint32_t *dist = arena_alloc(c->a, (n + 1) * sizeof *dist);
	uint32_t *parent = arena_alloc(c->a, (n + 1) * sizeof *parent);
	uint32_t *cur = arena_alloc(c->a, (n + 1) * sizeof *cur);
	uint32_t *next = arena_alloc(c->a, (n + 1) * sizeof *next);
	size_t ncur = 0, nnext = 0;
	for (uint32_t v = 0; v < n; v++) {
		dist[v] = UINT32_MAX;
		parent[v] = CFG_NONE;
		if (!g->nodes[v].entry)
			continue;
		dist[v] = is_menu(g, v);
		if (dist[v])
			next[nnext++] = v;
		else
			cur[ncur++] = v;
	}
	for (uint32_t level = 0; ncur || nnext; level++) {
		while (ncur > 0) {
			const struct cfg_node *node = &g->nodes[cur[--ncur]];
			uint32_t v = (uint32_t)(node - g->nodes);
			for (uint32_t e = node->first_edge; e < node->first_edge + node->nedges; e++) {
				uint32_t w = g->edges[e].to;
				if (w == CFG_NONE || dist[w] != UINT32_MAX)
					continue;
				parent[w] = v;
				dist[w] = level + is_menu(g, w);
				if (is_menu(g, w))
					next[nnext++] = w;
				else
					cur[ncur++] = w;
			}
		}
		uint32_t *t = cur;
		cur = next;
		next = t;
		ncur = nnext;
		nnext = 0;
	}
	for (uint32_t v = 0; v < n; v++)
		if (is_menu(g, v) && dist[v] == MAX_DEPTH + 1)
			lint_report(c, g->nodes[v].decl->name_span,
				    "menu '%s' is %d menus deep (%s); callers lose their way past %d",
				    g->nodes[v].decl->name, MAX_DEPTH + 1, way(c, parent, v), MAX_DEPTH);
}

const struct lint_rule lint_rule_menu_too_deep = {
	.code = 309,
	.name = "menu-too-deep",
	.severity = SEV_WARNING,
	.summary = "a menu more than 4 menus away from every entry point",
	.program = check,
};
