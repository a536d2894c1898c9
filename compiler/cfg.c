/* The call graph of a checked program (see cfg.h). Nodes are ordered by
 * source position (the name of each declaration), so every walk below starts
 * from the smallest position and gives the same answer on every run. Every
 * algorithm uses explicit stacks in the arena: a generated file with 100 000
 * menus in a chain cannot overflow the C stack.
 *
 * Depth: the condensation of the graph (one node per strongly connected
 * component) is a DAG; a component that holds a menu counts as one level
 * however many menus it holds ("SCCs counted once"), and a node's depth is
 * the longest path, in such levels, from a component that holds an entry
 * point. Unreachable nodes have depth 0. */
#include "cfg.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* ---------- nodes ---------- */

static uint64_t decl_pos(const struct ast_decl *d)
{
	return span_place(d->name_span);
}

static int cmp_node(const void *a, const void *b)
{
	const struct ast_decl *x = ((const struct cfg_node *)a)->decl;
	const struct ast_decl *y = ((const struct cfg_node *)b)->decl;
	if (decl_pos(x) != decl_pos(y))
		return decl_pos(x) < decl_pos(y) ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

#define ADD_DECLS(g, arr, n) do { \
	for (size_t i_ = 0; i_ < (n); i_++) \
		(g)->nodes[(g)->nnodes++].decl = &(arr)[i_]->decl; \
} while (0)

/* ---------- decl -> node: an open-addressing table, for the build ---------- */

struct node_map {
	const struct ast_decl **keys;
	uint32_t *vals;
	size_t mask;
};

static size_t hash_ptr(const void *p)
{
	uintptr_t v = (uintptr_t)p;
	v ^= v >> 17;
	v *= 0xed5ad4bbu;
	v ^= v >> 11;
	return (size_t)v;
}

static void map_init(struct node_map *m, const struct cfg *g, struct arena *a)
{
	size_t cap = 16;
	while (cap < g->nnodes * 2)
		cap *= 2;
	m->keys = arena_alloc(a, cap * sizeof *m->keys);
	m->vals = arena_alloc(a, cap * sizeof *m->vals);
	m->mask = cap - 1;
	for (size_t n = 0; n < g->nnodes; n++) {
		size_t i = hash_ptr(g->nodes[n].decl) & m->mask;
		while (m->keys[i])
			i = (i + 1) & m->mask;
		m->keys[i] = g->nodes[n].decl;
		m->vals[i] = (uint32_t)n;
	}
}

static uint32_t map_get(const struct node_map *m, const struct ast_decl *d)
{
	if (!d)
		return CFG_NONE;
	for (size_t i = hash_ptr(d) & m->mask; m->keys[i]; i = (i + 1) & m->mask)
		if (m->keys[i] == d)
			return m->vals[i];
	return CFG_NONE;
}

/* ---------- edges ---------- */

struct builder {
	struct cfg *g;
	struct arena *a;
	struct node_map map;
	size_t cap;
};

static void add_edge(struct builder *b, uint32_t from, enum cfg_edge_kind kind, char key,
		     const struct ast_dest *dest)
{
	uint32_t to = CFG_NONE;
	if (dest->kind == DEST_REPEAT)
		to = from;
	else if (dest->ref)
		to = map_get(&b->map, dest->ref);
	struct cfg_edge e = { from, to, kind, key, dest, NULL, false };
	ARENA_PUSH(b->a, b->g->edges, b->g->nedges, b->cap, e);
}

/* Where an edge is written; a handler left out (default hangup) sorts last. */
static uint64_t edge_pos(const struct cfg_edge *e)
{
	return e->dest->span.src ? span_place(e->dest->span) : UINT64_MAX;
}

static int cmp_edge(const void *a, const void *b)
{
	const struct cfg_edge *x = a, *y = b;
	uint64_t px = edge_pos(x), py = edge_pos(y);
	if (px != py)
		return px < py ? -1 : 1;
	return (x->kind > y->kind) - (x->kind < y->kind);
}

static void menu_edges(struct builder *b, uint32_t n, const struct ast_menu *m)
{
	for (size_t i = 0; i < m->noptions; i++)
		add_edge(b, n, CFG_OPTION, m->options[i].key, &m->options[i].to);
	add_edge(b, n, CFG_INVALID, 0, &m->invalid.then);
	add_edge(b, n, CFG_NO_INPUT, 0, &m->no_input.then);
}

/* Every goto menu:X and dial of a flow, in document order, with an explicit
 * stack of blocks still to walk; each edge with the condition it is under. */
static void flow_edges(struct builder *b, uint32_t n, const struct ast_flow *f)
{
	struct item {
		const struct ast_block *blk;
		size_t i;
		const struct ast_step *guard;  /* the innermost step with a condition */
		bool guard_else;
	};
	struct item *stack = NULL;
	size_t top = 0, cap = 0;
	struct item first = { &f->body, 0, NULL, false };
	ARENA_PUSH(b->a, stack, top, cap, first);
	while (top > 0) {
		struct item *it = &stack[top - 1];
		if (it->i >= it->blk->count) {
			top--;
			continue;
		}
		const struct ast_step *st = &it->blk->steps[it->i++];
		const struct ast_step *guard = it->guard;
		bool guard_else = it->guard_else;
		if ((st->kind == STEP_GOTO && st->to.kind == DEST_MENU) || st->kind == STEP_DIAL) {
			add_edge(b, n, CFG_FLOW, 0, &st->to);
			b->g->edges[b->g->nedges - 1].guard = guard;
			b->g->edges[b->g->nedges - 1].guard_else = guard_else;
		}
		const struct ast_step *inner = st->cond_expr ? st : guard;
		/* Pushed in reverse so that the first block is walked first. */
		if (st->has_default) {
			struct item d = { &st->default_body, 0, guard, guard_else };
			ARENA_PUSH(b->a, stack, top, cap, d);
		}
		for (size_t c = st->ncases; c-- > 0;) {
			struct item d = { &st->cases[c].body, 0, guard, guard_else };
			ARENA_PUSH(b->a, stack, top, cap, d);
		}
		if (st->has_else) {
			struct item d = { &st->else_body, 0, inner, st->cond_expr != NULL };
			ARENA_PUSH(b->a, stack, top, cap, d);
		}
		if (st->body.count) {
			struct item d = { &st->body, 0, inner, st->cond_expr ? false : guard_else };
			ARENA_PUSH(b->a, stack, top, cap, d);
		}
	}
}

static void node_edges(struct builder *b, uint32_t n)
{
	struct cfg_node *node = &b->g->nodes[n];
	const struct ast_decl *d = node->decl;
	size_t first = b->g->nedges;
	switch (d->kind) {
	case DECL_MENU:
		menu_edges(b, n, (const struct ast_menu *)d);
		break;
	case DECL_ANNOUNCEMENT:
		add_edge(b, n, CFG_THEN, 0, &((const struct ast_announcement *)d)->then);
		break;
	case DECL_FLOW:
		flow_edges(b, n, (const struct ast_flow *)d);
		break;
	case DECL_SCHEDULE: {
		const struct ast_schedule *sc = (const struct ast_schedule *)d;
		add_edge(b, n, CFG_SCHEDULE, 'o', &sc->open);
		add_edge(b, n, CFG_SCHEDULE, 'c', &sc->closed);
		if (sc->holiday.kind != DEST_NONE)
			add_edge(b, n, CFG_SCHEDULE, 'h', &sc->holiday);
		break;
	}
	default:
		break;
	}
	/* ARENA_PUSH may have moved the array: take the node again. */
	node = &b->g->nodes[n];
	node->first_edge = (uint32_t)first;
	node->nedges = (uint32_t)(b->g->nedges - first);
	if (node->nedges > 1)
		qsort(b->g->edges + first, node->nedges, sizeof *b->g->edges, cmp_edge);
}

/* ---------- reachability ---------- */

static void mark_entry(struct cfg *g, uint32_t n)
{
	if (n != CFG_NONE)
		g->nodes[n].entry = true;
}

static void reach(struct cfg *g, struct arena *a)
{
	uint32_t *stack = arena_alloc(a, (g->nnodes + 1) * sizeof *stack);
	size_t top = 0;
	for (size_t n = 0; n < g->nnodes; n++) {
		if (!g->nodes[n].entry || g->nodes[n].reachable)
			continue;
		g->nodes[n].reachable = true;
		stack[top++] = (uint32_t)n;
		while (top > 0) {
			const struct cfg_node *v = &g->nodes[stack[--top]];
			for (uint32_t e = v->first_edge; e < v->first_edge + v->nedges; e++) {
				uint32_t w = g->edges[e].to;
				if (w != CFG_NONE && !g->nodes[w].reachable) {
					g->nodes[w].reachable = true;
					stack[top++] = w;
				}
			}
		}
	}
}

/* ---------- strongly connected components (Tarjan, iterative) ---------- */

/* Component ids come out in the order Tarjan completes them: a component's
 * id is higher than that of every other component it reaches. */
static void sccs(struct cfg *g, struct arena *a)
{
	size_t n = g->nnodes;
	uint32_t *index = arena_alloc(a, (n + 1) * sizeof *index);
	uint32_t *low = arena_alloc(a, (n + 1) * sizeof *low);
	uint32_t *cursor = arena_alloc(a, (n + 1) * sizeof *cursor);
	uint32_t *frames = arena_alloc(a, (n + 1) * sizeof *frames);
	uint32_t *stack = arena_alloc(a, (n + 1) * sizeof *stack);
	bool *on = arena_alloc(a, (n + 1) * sizeof *on);
	uint32_t counter = 1, nframes = 0, top = 0;
	g->scc_size = arena_alloc(a, (n + 1) * sizeof *g->scc_size);
	for (uint32_t s = 0; s < n; s++) {
		if (index[s])
			continue;
		index[s] = low[s] = counter++;
		cursor[s] = g->nodes[s].first_edge;
		stack[top++] = s;
		on[s] = true;
		frames[nframes++] = s;
		while (nframes > 0) {
			uint32_t v = frames[nframes - 1];
			const struct cfg_node *node = &g->nodes[v];
			if (cursor[v] < node->first_edge + node->nedges) {
				uint32_t w = g->edges[cursor[v]++].to;
				if (w == CFG_NONE)
					continue;
				if (!index[w]) {
					index[w] = low[w] = counter++;
					cursor[w] = g->nodes[w].first_edge;
					stack[top++] = w;
					on[w] = true;
					frames[nframes++] = w;
				} else if (on[w] && index[w] < low[v]) {
					low[v] = index[w];
				}
				continue;
			}
			nframes--;
			if (low[v] == index[v]) {
				uint32_t w;
				do {
					w = stack[--top];
					on[w] = false;
					g->nodes[w].scc = g->nsccs;
					g->scc_size[g->nsccs]++;
				} while (w != v);
				g->nsccs++;
			}
			if (nframes > 0) {
				uint32_t u = frames[nframes - 1];
				if (low[v] < low[u])
					low[u] = low[v];
			}
		}
	}
}

/* ---------- depth: longest path over the condensation ---------- */

static void depths(struct cfg *g, struct arena *a)
{
	size_t nc = g->nsccs;
	/* Nodes grouped by component (counting sort). */
	uint32_t *start = arena_alloc(a, (nc + 2) * sizeof *start);
	uint32_t *order = arena_alloc(a, (g->nnodes + 1) * sizeof *order);
	bool *menu = arena_alloc(a, (nc + 1) * sizeof *menu);
	bool *has = arena_alloc(a, (nc + 1) * sizeof *has);
	uint32_t *dist = arena_alloc(a, (nc + 1) * sizeof *dist);
	for (size_t c = 0; c < nc; c++)
		start[c + 1] = start[c] + g->scc_size[c];
	uint32_t *fill = arena_alloc(a, (nc + 1) * sizeof *fill);
	memcpy(fill, start, nc * sizeof *fill);
	for (uint32_t v = 0; v < g->nnodes; v++) {
		uint32_t c = g->nodes[v].scc;
		order[fill[c]++] = v;
		if (g->nodes[v].decl->kind == DECL_MENU)
			menu[c] = true;
		if (g->nodes[v].entry)
			has[c] = true;
	}
	for (size_t c = 0; c < nc; c++)
		dist[c] = has[c] ? menu[c] : 0;
	/* Highest id first is a topological order of the condensation. */
	for (size_t c = nc; c-- > 0;) {
		if (!has[c])
			continue;
		for (uint32_t k = start[c]; k < start[c + 1]; k++) {
			const struct cfg_node *v = &g->nodes[order[k]];
			for (uint32_t e = v->first_edge; e < v->first_edge + v->nedges; e++) {
				uint32_t w = g->edges[e].to;
				if (w == CFG_NONE || g->nodes[w].scc == c)
					continue;
				uint32_t d = g->nodes[w].scc, cand = dist[c] + menu[d];
				if (!has[d] || cand > dist[d]) {
					has[d] = true;
					dist[d] = cand;
				}
			}
		}
	}
	for (uint32_t v = 0; v < g->nnodes; v++)
		g->nodes[v].depth = g->nodes[v].reachable ? dist[g->nodes[v].scc] : 0;
}

/* ---------- the interface ---------- */

void cfg_build(struct cfg *g, const struct ast_program *p, bool flows_are_entries,
	       struct arena *a)
{
	memset(g, 0, sizeof *g);
	size_t total = p->nmenus + p->nannouncements + p->nvoicemails + p->nflows +
		       p->nendpoints + p->nschedules;
	g->nodes = arena_alloc(a, (total + 1) * sizeof *g->nodes);
	ADD_DECLS(g, p->menus, p->nmenus);
	ADD_DECLS(g, p->announcements, p->nannouncements);
	ADD_DECLS(g, p->voicemails, p->nvoicemails);
	ADD_DECLS(g, p->flows, p->nflows);
	ADD_DECLS(g, p->endpoints, p->nendpoints);
	ADD_DECLS(g, p->schedules, p->nschedules);
	if (g->nnodes > 1)
		qsort(g->nodes, g->nnodes, sizeof *g->nodes, cmp_node);

	struct builder b = { .g = g, .a = a };
	map_init(&b.map, g, a);
	for (uint32_t n = 0; n < g->nnodes; n++)
		node_edges(&b, n);

	for (size_t i = 0; i < p->nentries; i++)
		mark_entry(g, map_get(&b.map, p->entries[i]));
	for (size_t i = 0; i < p->nbroadcasts; i++)
		mark_entry(g, map_get(&b.map, p->broadcasts[i]->destination.ref));
	if (flows_are_entries)
		for (size_t i = 0; i < p->nflows; i++)
			mark_entry(g, map_get(&b.map, &p->flows[i]->decl));

	reach(g, a);
	sccs(g, a);
	depths(g, a);
}

uint32_t cfg_node_of(const struct cfg *g, const struct ast_decl *d)
{
	if (!d)
		return CFG_NONE;
	/* Nodes are sorted by the position of their name: binary search, then
	 * the neighbours with the same position (none in a valid program). */
	size_t lo = 0, hi = g->nnodes;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (decl_pos(g->nodes[mid].decl) < decl_pos(d))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < g->nnodes && decl_pos(g->nodes[i].decl) == decl_pos(d); i++)
		if (g->nodes[i].decl == d)
			return (uint32_t)i;
	return CFG_NONE;
}

bool cfg_flows_are_entries(const struct target_caps *const *caps, size_t ncaps)
{
	for (size_t i = 0; i < ncaps; i++)
		if (caps[i]->objects & (1u << DECL_FLOW))
			return true;
	return false;
}
