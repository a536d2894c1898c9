/* Caller paths and their times (paths.h). */
#include "paths.h"

#include <string.h>

#include "arena.h"
#include "strmap.h"

const char *const paths_end_names[PATHS_END_COUNT] = {
	"human", "voicemail", "external", "flow", "hangup", "loop", "unknown",
};

enum { NONE = UINT32_MAX, MAX_HEARD = 3 };

/* A place a call can be: a menu after i wrong keys and n silences (i = n =
 * 0: entered afresh), or an announcement. */
struct node {
	const struct ast_decl *decl;
	const struct ast_recref *prompt;   /* what plays on entering afresh; NULL: a retry state */
	uint32_t object;                   /* the menu's or announcement's own number */
	uint32_t first, nedges;            /* its edges */
};

/* What a caller can do in a node, and where it leads. */
struct edge {                          /* 64 bytes: a 10 MB file's model has 650 000 */
	uint32_t from;
	uint32_t to;                       /* a node, or NONE: the call ends */
	uint32_t wait;                     /* the silence (at most 60 s) */
	uint32_t ms;                       /* the silence and what plays (known lengths: at
					      most three prompts of an hour) */
	uint8_t end;                       /* enum paths_end, when to == NONE */
	uint8_t action;                    /* enum paths_action */
	char key;
	uint8_t nheard;
	uint8_t unknown;                   /* prompts of unknown length that play */
	const char *end_text, *end_literal;
	const struct ast_recref *heard[MAX_HEARD];   /* in order, the next node's prompt last */
};

struct paths_model {
	const struct ast_program *p;
	const struct sim_behaviour *bh;
	int target;
	struct arena *a;
	struct node *nodes;
	size_t nnodes, capnodes;
	struct edge *edges;
	size_t nedges, capedges;
	uint32_t *menu_node;               /* per menu: its first state */
	uint32_t *announcement_node;
	uint32_t nobjects;
	/* What every start shares, made once (prepare), and the scratch of one
	 * start's walks, cleared after each (only what it touched): a file of
	 * thousands of entry points costs each what it reaches, not the file. */
	bool ready;
	struct into {
		uint32_t *first;           /* nnodes + 1: the edges into each node */
		uint32_t *edge;
	} in;
	uint64_t *time_cost, *keys_cost;   /* to a human: least time; fewest keys */
	uint32_t *time_best, *keys_best;   /* ... the edge each starts with */
	uint8_t *escapes;                  /* some way out is not a hangup nor a loop */
	uint8_t *state, *seen;
	uint64_t *slow;
	double (*count)[PATHS_END_COUNT];
	uint32_t *slow_next, *via, *next, *queue, *on_path;
};

/* ---------- the time model ---------- */

static size_t words(const char *t)
{
	size_t n = 0;
	bool in = false;
	for (; *t; t++) {
		bool space = *t == ' ' || *t == '\t' || *t == '\n' || *t == '\r';
		n += !space && !in;
		in = !space;
	}
	return n;
}

/* How long r plays, or UNKNOWN. */
#define UNKNOWN UINT64_MAX

static uint64_t length(const struct ast_recref *r)
{
	const struct ast_recording *rec = r->rec;
	if (rec && rec->duration)
		return (uint64_t)rec->duration * 1000;
	if (rec && rec->text && words(rec->text))
		return (words(rec->text) * 60000 + PATHS_WORDS_PER_MINUTE / 2) / PATHS_WORDS_PER_MINUTE;
	return UNKNOWN;
}

static void hear(struct edge *e, const struct ast_recref *r)
{
	if (!r || !r->name)
		return;
	uint64_t n = length(r);
	if (n == UNKNOWN)
		e->unknown++;
	else
		e->ms += n;
	e->heard[e->nheard++] = r;
}

/* ---------- building the states ---------- */

static enum paths_end literal_end(enum dest_kind k)
{
	switch (k) {
	case DEST_EXTENSION: case DEST_PHONE: case DEST_USER: case DEST_SIP:
	case DEST_RINGGROUP: case DEST_AGENT: case DEST_QUEUE: case DEST_DEPARTMENT:
		return PATHS_HUMAN;
	case DEST_APP: case DEST_IVR:
		return PATHS_EXTERNAL;
	case DEST_HANGUP:
		return PATHS_HANGUP;
	default:
		return PATHS_UNKNOWN;
	}
}

/* Where d leads from `self` (the menu a `repeat` plays again): a node
 * (e->to), or an end. */
static void lead(struct paths_model *m, struct edge *e, const struct ast_dest *d,
		 const struct ast_decl *self)
{
	const struct ast_decl *obj = d->kind == DEST_REPEAT ? self : d->ref;
	e->to = NONE;
	e->end_text = sim_dest_text(m->a, d);
	if (obj && (obj->kind == DECL_MENU || obj->kind == DECL_ANNOUNCEMENT)) {
		e->to = obj->kind == DECL_MENU ? m->menu_node[obj->index] :
			m->announcement_node[obj->index];
		hear(e, m->nodes[e->to].prompt);
		return;
	}
	if (!obj) {
		e->end = d->kind == DEST_REPEAT ? PATHS_LOOP : literal_end(d->kind);
		return;
	}
	e->end_text = sim_decl_text(m->a, obj);
	if (obj->kind == DECL_VOICEMAIL) {
		e->end = PATHS_VOICEMAIL;
	} else if (obj->kind == DECL_FLOW) {
		e->end = PATHS_FLOW;
	} else {
		const struct ast_endpoint *ep = (const struct ast_endpoint *)obj;
		const struct ast_dest *lit = m->target >= 0 ?
			ast_endpoint_literal(ep, (size_t)m->target) : (ep->per_target ? NULL : &ep->all);
		e->end = lit && lit->kind != DEST_NONE ? literal_end(lit->kind) : PATHS_UNKNOWN;
		e->end_literal = lit && lit->kind != DEST_NONE ? sim_dest_text(m->a, lit) : NULL;
	}
}

static struct edge *add_edge(struct paths_model *m, uint32_t from, enum paths_action action,
			     char key)
{
	struct edge e = { .from = from, .to = NONE, .action = action, .key = key };
	ARENA_PUSH(m->a, m->edges, m->nedges, m->capedges, e);
	m->nodes[from].nedges++;
	return &m->edges[m->nedges - 1];
}

/* The key a caller presses for "a wrong key": the first the menu has no
 * option for (that the target takes, so that it counts); 0 when none. */
static char wrong_key(const struct paths_model *m, const struct ast_menu *menu)
{
	for (const char *k = "1234567890*#"; *k; k++) {
		if (m->bh && m->bh->keys && !strchr(m->bh->keys, *k))
			continue;
		bool used = false;
		for (size_t i = 0; i < menu->noptions && !used; i++)
			used = menu->options[i].key == *k;
		if (!used)
			return *k;
	}
	return 0;
}

static bool takes_key(const struct paths_model *m, char key)
{
	return !m->bh || !m->bh->keys || strchr(m->bh->keys, key);
}

/* A wrong key (invalid) or silence (no_input) in state (i, n) of menu k. */
static void failure(struct paths_model *m, const struct ast_menu *menu, uint32_t from,
		    uint32_t i, uint32_t n, uint32_t rn, bool invalid, char key)
{
	const struct ast_handler *h = invalid ? &menu->invalid : &menu->no_input;
	struct edge *e = add_edge(m, from, invalid ? PATHS_WRONG : PATHS_SILENCE, key);
	if (!invalid)
		e->ms += e->wait = (uint64_t)menu->timeout * 1000;
	if (invalid && m->bh && m->bh->no_invalid_handler) {
		/* The target replays the menu, uncounted: a loop. */
		e->to = NONE;
		e->end = PATHS_LOOP;
		e->end_text = sim_decl_text(m->a, &menu->decl);
		return;
	}
	bool at_once = !invalid && m->bh && m->bh->no_input_at_once;
	int64_t retries = h->present && !at_once ? h->retries : 0;
	uint32_t count = invalid ? i : n;
	if ((int64_t)count < retries) {
		hear(e, &h->prompt);
		hear(e, &menu->prompt);
		e->to = m->menu_node[menu->decl.index] + (invalid ? i + 1 : i) * (rn + 1) +
			(invalid ? n : n + 1);
		return;
	}
	if (h->present && !at_once) {
		if (h->final_prompt.name)
			hear(e, &h->final_prompt);
		else if (m->bh && m->bh->final_prompt_fallback)
			hear(e, &h->prompt);
	}
	static const struct ast_dest hangup = { .kind = DEST_HANGUP };
	lead(m, e, h->present ? &h->then : &hangup, &menu->decl);
}

static uint32_t retries_of(const struct paths_model *m, const struct ast_handler *h,
			   bool invalid)
{
	if (!h->present || h->retries <= 0)
		return 0;
	if (m->bh && (invalid ? m->bh->no_invalid_handler : m->bh->no_input_at_once))
		return 0;
	return (uint32_t)h->retries;
}

static uint32_t add_node(struct paths_model *m, const struct ast_decl *d,
			 const struct ast_recref *prompt, uint32_t object)
{
	struct node n = { d, prompt, object, 0, 0 };
	ARENA_PUSH(m->a, m->nodes, m->nnodes, m->capnodes, n);
	return (uint32_t)(m->nnodes - 1);
}

struct paths_model *paths_build(const struct ast_program *p, int target,
				const struct sim_behaviour *bh, struct arena *a)
{
	struct paths_model *m = arena_alloc(a, sizeof *m);
	*m = (struct paths_model){ .p = p, .bh = bh, .target = target, .a = a };
	m->menu_node = arena_alloc(a, (p->nmenus + 1) * sizeof *m->menu_node);
	m->announcement_node = arena_alloc(a, (p->nannouncements + 1) * sizeof *m->announcement_node);
	/* The arrays at their size, counted first: grown by doubling in the
	 * arena, every smaller copy would stay there (a 10 MB file's model
	 * holds 650 000 edges). A menu state has at most an edge per option,
	 * a wrong key and a silence; an announcement one. */
	size_t nodes = p->nannouncements, edges = p->nannouncements;
	for (size_t k = 0; k < p->nmenus; k++) {
		const struct ast_menu *menu = p->menus[k];
		size_t states = (size_t)(retries_of(m, &menu->invalid, true) + 1) *
				(retries_of(m, &menu->no_input, false) + 1);
		nodes += states;
		edges += states * (menu->noptions + 2);
	}
	m->capnodes = nodes + 1;
	m->nodes = arena_alloc(a, m->capnodes * sizeof *m->nodes);
	m->capedges = edges + 1;
	m->edges = arena_alloc(a, m->capedges * sizeof *m->edges);
	/* The nodes first (edges point at them), then each node's edges. */
	for (size_t k = 0; k < p->nmenus; k++) {
		const struct ast_menu *menu = p->menus[k];
		uint32_t ri = retries_of(m, &menu->invalid, true);
		uint32_t rn = retries_of(m, &menu->no_input, false);
		m->menu_node[k] = (uint32_t)m->nnodes;
		for (uint32_t s = 0; s < (ri + 1) * (rn + 1); s++)
			add_node(m, &menu->decl, s ? NULL : &menu->prompt, m->nobjects);
		m->nobjects++;
	}
	for (size_t k = 0; k < p->nannouncements; k++)
		m->announcement_node[k] = add_node(m, &p->announcements[k]->decl,
						   &p->announcements[k]->prompt, m->nobjects++);
	for (uint32_t v = 0; v < m->nnodes; v++) {
		struct node *nd = &m->nodes[v];
		nd->first = (uint32_t)m->nedges;
		if (nd->decl->kind == DECL_ANNOUNCEMENT) {
			const struct ast_announcement *an = (const struct ast_announcement *)nd->decl;
			lead(m, add_edge(m, v, PATHS_ON, 0), &an->then, NULL);
			continue;
		}
		const struct ast_menu *menu = (const struct ast_menu *)nd->decl;
		uint32_t rn = retries_of(m, &menu->no_input, false);
		uint32_t s = v - m->menu_node[menu->decl.index], i = s / (rn + 1), n = s % (rn + 1);
		for (size_t o = 0; o < menu->noptions; o++)
			if (takes_key(m, menu->options[o].key))
				lead(m, add_edge(m, v, PATHS_PRESS, menu->options[o].key),
				     &menu->options[o].to, &menu->decl);
		char wrong = wrong_key(m, menu);
		if (wrong)
			failure(m, menu, v, i, n, rn, true, wrong);
		failure(m, menu, v, i, n, rn, false, 0);
	}
	return m;
}

/* The node a call from d starts at, or NONE (d is an end itself). */
static uint32_t start_node(const struct paths_model *m, const struct ast_decl *d)
{
	if (d->kind == DECL_MENU)
		return m->menu_node[d->index];
	if (d->kind == DECL_ANNOUNCEMENT)
		return m->announcement_node[d->index];
	return NONE;
}

/* A call that starts at an end (a flow, voicemail or endpoint): the one
 * edge that leads there. */
static struct edge start_edge(const struct paths_model *m, const struct ast_decl *d)
{
	struct edge e = { .to = NONE };
	struct ast_dest dest = { .kind = DEST_NAME, .id = d->name, .ref = (struct ast_decl *)d };
	lead((struct paths_model *)m, &e, &dest, NULL);
	return e;
}

/* ---------- enumeration ---------- */

struct walk {
	const struct paths_model *m;
	struct paths_step *steps;
	size_t nsteps, capsteps;
	struct paths_heard *heard;
	size_t nheard, capheard;
	uint64_t ms;
	size_t unknown;
};

static void push_heard(struct walk *w, const struct ast_recref *r)
{
	uint64_t n = length(r);
	struct paths_heard h = { r, n == UNKNOWN ? 0 : n, n != UNKNOWN };
	ARENA_PUSH(w->m->a, w->heard, w->nheard, w->capheard, h);
	w->ms += h.ms;
	w->unknown += !h.known;
}

/* Takes edge e out of `from` (a menu or announcement). */
static void take(struct walk *w, const struct edge *e, const struct ast_decl *from)
{
	struct paths_step st = { e->action, e->key, from };
	ARENA_PUSH(w->m->a, w->steps, w->nsteps, w->capsteps, st);
	w->ms += e->wait;
	for (size_t i = 0; i < e->nheard; i++)
		push_heard(w, e->heard[i]);
}

static void emit_end(struct walk *w, enum paths_end end, const char *text, const char *literal,
		     void (*emit)(void *, const struct paths_path *), void *ctx)
{
	struct paths_path path = { w->steps, w->nsteps, w->heard, w->nheard, w->ms, w->unknown,
				   end, text, literal };
	emit(ctx, &path);
}

/* Where the walk was before an edge: restored when it is left. */
struct mark {
	size_t nsteps, nheard, unknown;
	uint64_t ms;
};

static struct mark mark_of(const struct walk *w)
{
	return (struct mark){ w->nsteps, w->nheard, w->unknown, w->ms };
}

static void restore(struct walk *w, struct mark m)
{
	w->nsteps = m.nsteps;
	w->nheard = m.nheard;
	w->unknown = m.unknown;
	w->ms = m.ms;
}

struct frame {
	uint32_t node, next;               /* the node, its next edge to try */
	struct mark before;                /* the walk before this node was entered */
};

static void prepare(struct paths_model *m);

size_t paths_each(struct paths_model *m, const struct ast_decl *from, size_t limit,
		  void (*emit)(void *ctx, const struct paths_path *path), void *ctx, bool *more)
{
	struct walk w = { .m = m };
	*more = false;
	uint32_t start = start_node(m, from);
	if (start == NONE) {
		struct edge e = start_edge(m, from);
		emit_end(&w, e.end, e.end_text, e.end_literal, emit, ctx);
		return 1;
	}
	prepare(m);
	uint32_t *on_path = m->on_path;
	struct frame *stack = NULL;
	size_t top = 0, cap = 0, given = 0;
	push_heard(&w, m->nodes[start].prompt);
	struct frame f0 = { start, 0, { 0, 0, 0, 0 } };
	ARENA_PUSH(m->a, stack, top, cap, f0);
	on_path[m->nodes[start].object]++;
	while (top > 0) {
		struct frame *f = &stack[top - 1];
		const struct node *nd = &m->nodes[f->node];
		if (f->next == nd->nedges) {
			/* Done here: back to where the walk was before it. */
			if (nd->prompt)
				on_path[nd->object]--;
			restore(&w, f->before);
			top--;
			continue;
		}
		if (limit && given == limit) {
			*more = true;
			for (size_t i = 0; i < top; i++)
				if (m->nodes[stack[i].node].prompt)
					on_path[m->nodes[stack[i].node].object]--;
			break;
		}
		const struct edge *e = &m->edges[nd->first + f->next++];
		struct mark here = mark_of(&w);
		bool fresh = e->to != NONE && m->nodes[e->to].prompt;
		if (e->to != NONE && !(fresh && on_path[m->nodes[e->to].object])) {
			/* On to another node: what the edge plays is heard there. */
			take(&w, e, nd->decl);
			if (fresh)
				on_path[m->nodes[e->to].object]++;
			struct frame next = { e->to, 0, here };
			ARENA_PUSH(m->a, stack, top, cap, next);
			continue;
		}
		struct edge end = *e;
		if (e->to != NONE) {
			/* Back to a menu on the path: a loop, cut before it plays again. */
			if (end.nheard && end.heard[end.nheard - 1] == m->nodes[e->to].prompt)
				end.nheard--;
			end.end = PATHS_LOOP;
			end.end_text = sim_decl_text(m->a, m->nodes[e->to].decl);
			end.end_literal = NULL;
		}
		take(&w, &end, nd->decl);
		emit_end(&w, end.end, end.end_text, end.end_literal, emit, ctx);
		given++;
		restore(&w, here);
	}
	return given;
}

/* ---------- the summary: dynamic programming over the states ---------- */

#define INF UINT64_MAX

static struct into into_of(const struct paths_model *m)
{
	struct into r = { arena_alloc(m->a, (m->nnodes + 2) * sizeof *r.first),
			  arena_alloc(m->a, (m->nedges + 1) * sizeof *r.edge) };
	for (size_t e = 0; e < m->nedges; e++)
		if (m->edges[e].to != NONE)
			r.first[m->edges[e].to + 1]++;
	for (size_t v = 0; v < m->nnodes; v++)
		r.first[v + 1] += r.first[v];
	uint32_t *fill = arena_alloc(m->a, (m->nnodes + 1) * sizeof *fill);
	memcpy(fill, r.first, m->nnodes * sizeof *fill);   /* (a one-off: the model's arena) */
	for (size_t e = 0; e < m->nedges; e++)
		if (m->edges[e].to != NONE)
			r.edge[fill[m->edges[e].to]++] = (uint32_t)e;
	return r;
}

/* A binary heap of (cost, node), stale entries skipped on pop. */
struct heap {
	struct heap_item { uint64_t cost; uint32_t node; } *items;
	size_t n, cap;
};

static void heap_push(struct arena *a, struct heap *h, uint64_t cost, uint32_t node)
{
	struct heap_item it = { cost, node };
	ARENA_PUSH(a, h->items, h->n, h->cap, it);
	for (size_t i = h->n - 1; i > 0 && h->items[(i - 1) / 2].cost > h->items[i].cost;
	     i = (i - 1) / 2) {
		struct heap_item t = h->items[i];
		h->items[i] = h->items[(i - 1) / 2];
		h->items[(i - 1) / 2] = t;
	}
}

static struct heap_item heap_pop(struct heap *h)
{
	struct heap_item top = h->items[0];
	h->items[0] = h->items[--h->n];
	for (size_t i = 0;;) {
		size_t l = 2 * i + 1, r = l + 1, least = i;
		if (l < h->n && h->items[l].cost < h->items[least].cost)
			least = l;
		if (r < h->n && h->items[r].cost < h->items[least].cost)
			least = r;
		if (least == i)
			break;
		struct heap_item t = h->items[i];
		h->items[i] = h->items[least];
		h->items[least] = t;
		i = least;
	}
	return top;
}

/* Keys weigh more than any time: the fewest keys, then the least time (an
 * edge's ms is 32 bits, below the key's weight however many add up). */
enum { KEY_SHIFT = 44 };

static uint64_t weight(const struct edge *e, bool by_keys)
{
	if (!by_keys)
		return e->ms;
	return ((uint64_t)(e->action == PATHS_PRESS || e->action == PATHS_WRONG) << KEY_SHIFT) +
	       e->ms;
}

static uint64_t add_sat(uint64_t x, uint64_t y)
{
	return x > INF - y ? INF : x + y;
}

/* The least cost from every node to a human, and the edge it starts with. */
static void to_human(const struct paths_model *m, const struct into *in, bool by_keys,
		     uint64_t *cost, uint32_t *best)
{
	struct heap h = { 0 };
	for (size_t v = 0; v < m->nnodes; v++) {
		cost[v] = INF;
		best[v] = NONE;
	}
	for (size_t e = 0; e < m->nedges; e++) {
		const struct edge *x = &m->edges[e];
		if (x->to != NONE || x->end != PATHS_HUMAN || weight(x, by_keys) >= cost[x->from])
			continue;
		cost[x->from] = weight(x, by_keys);
		best[x->from] = (uint32_t)e;
		heap_push(m->a, &h, cost[x->from], x->from);
	}
	while (h.n) {
		struct heap_item it = heap_pop(&h);
		if (it.cost != cost[it.node])
			continue;
		for (uint32_t k = in->first[it.node]; k < in->first[it.node + 1]; k++) {
			const struct edge *x = &m->edges[in->edge[k]];
			uint64_t c = add_sat(weight(x, by_keys), it.cost);
			if (c < cost[x->from]) {
				cost[x->from] = c;
				best[x->from] = in->edge[k];
				heap_push(m->a, &h, c, x->from);
			}
		}
	}
}

/* The way from node v that follows next[] to its end. */
static struct paths_way follow(const struct paths_model *m, uint32_t v, const uint32_t *next)
{
	struct paths_way w = { 0 };
	size_t cap = 0;
	const struct ast_recref *first = m->nodes[v].prompt;
	uint64_t n = first ? length(first) : 0;
	w.unknown += n == UNKNOWN;
	w.ms = n == UNKNOWN ? 0 : n;
	for (size_t guard = 0; v != NONE && next[v] != NONE && guard <= m->nnodes; guard++) {
		const struct edge *e = &m->edges[next[v]];
		struct paths_step st = { e->action, e->key, m->nodes[v].decl };
		ARENA_PUSH(m->a, w.steps, w.nsteps, cap, st);
		w.ms += e->ms;
		w.unknown += e->unknown;
		w.keys += e->action == PATHS_PRESS || e->action == PATHS_WRONG;
		if (e->to == NONE) {
			w.found = true;
			w.end = e->end;
			w.end_text = e->end_text;
			w.end_literal = e->end_literal;
		}
		v = e->to;
	}
	return w;
}

/* Depth first from start, loops cut where the walk meets a node it is in:
 * the slowest way to a human and the paths counted by their ends. The
 * nodes it opens are listed in m->queue, and cleared after. */
static void depth_first(struct paths_model *m, uint32_t start, struct paths_summary *out)
{
	uint8_t *state = m->state;         /* 0 new, 1 open, 2 done */
	uint64_t *slow = m->slow;          /* ms + 1 to a human; 0: none */
	double (*count)[PATHS_END_COUNT] = m->count;
	struct frame *stack = NULL;
	size_t top = 0, cap = 0, opened = 0;
	struct frame f0 = { start, 0, { 0, 0, 0, 0 } };
	ARENA_PUSH(m->a, stack, top, cap, f0);
	state[start] = 1;
	m->queue[opened++] = start;
	while (top) {
		struct frame *f = &stack[top - 1];
		const struct node *nd = &m->nodes[f->node];
		if (f->next < nd->nedges) {
			uint32_t to = m->edges[nd->first + f->next++].to;
			if (to != NONE && state[to] == 0) {
				state[to] = 1;
				m->queue[opened++] = to;
				struct frame g = { to, 0, { 0, 0, 0, 0 } };
				ARENA_PUSH(m->a, stack, top, cap, g);
			}
			continue;
		}
		uint32_t v = f->node;
		for (uint32_t k = nd->first; k < nd->first + nd->nedges; k++) {
			const struct edge *e = &m->edges[k];
			uint64_t c = 0;
			if (e->to == NONE) {
				count[v][e->end] += 1;
				c = e->end == PATHS_HUMAN ? e->ms + 1 : 0;
			} else if (state[e->to] == 1) {
				count[v][PATHS_LOOP] += 1;
			} else {
				for (int x = 0; x < PATHS_END_COUNT; x++)
					count[v][x] += count[e->to][x];
				c = slow[e->to] ? slow[e->to] + e->ms : 0;
			}
			if (c > slow[v]) {
				slow[v] = c;
				m->slow_next[v] = k;
			}
		}
		state[v] = 2;
		top--;
	}
	for (int x = 0; x < PATHS_END_COUNT; x++) {
		out->by_end[x] = count[start][x];
		out->paths += count[start][x];
	}
	out->slowest_human = follow(m, start, m->slow_next);
	for (size_t i = 0; i < opened; i++) {
		uint32_t v = m->queue[i];
		state[v] = 0;
		slow[v] = 0;
		memset(count[v], 0, sizeof count[v]);
		m->slow_next[v] = NONE;
	}
}

/* The way that takes edge k, after the edges via[] lead to its node from
 * start. */
static struct paths_way way_through(struct paths_model *m, uint32_t start, uint32_t k)
{
	uint32_t v = m->edges[k].from;
	m->next[v] = k;
	for (uint32_t u = v; m->via[u] != NONE; u = m->edges[m->via[u]].from)
		m->next[m->edges[m->via[u]].from] = m->via[u];
	struct paths_way w = follow(m, start, m->next);
	m->next[v] = NONE;
	for (uint32_t u = v; m->via[u] != NONE; u = m->edges[m->via[u]].from)
		m->next[m->edges[m->via[u]].from] = NONE;
	return w;
}

/* Whether a caller in v is offered a human: a key or a failure goes to one. */
static bool offers_human(const struct paths_model *m, uint32_t v)
{
	const struct node *nd = &m->nodes[v];
	for (uint32_t k = nd->first; k < nd->first + nd->nedges; k++)
		if (m->edges[k].to == NONE && m->edges[k].end == PATHS_HUMAN)
			return true;
	return false;
}

/* Hangups reached through menus none of which offers a human (breadth
 * first: each with its shortest witness, once per place and action). */
static void lonely_hangups(struct paths_model *m, uint32_t start, struct paths_summary *out)
{
	uint32_t *via = m->via, *queue = m->queue;
	uint8_t *seen = m->seen;
	size_t head = 0, tail = 0, cap = 0;
	if (offers_human(m, start))
		return;
	seen[start] = 1;
	queue[tail++] = start;
	while (head < tail) {
		uint32_t v = queue[head++];
		const struct node *nd = &m->nodes[v];
		for (uint32_t k = nd->first; k < nd->first + nd->nedges; k++) {
			const struct edge *e = &m->edges[k];
			if (e->to != NONE) {
				if (!seen[e->to] && !offers_human(m, e->to)) {
					seen[e->to] = 1;
					via[e->to] = k;
					queue[tail++] = e->to;
				}
				continue;
			}
			if (e->end != PATHS_HANGUP)
				continue;
			bool again = false;
			for (size_t i = 0; i < out->nlonely_hangups && !again; i++) {
				const struct paths_way *w = &out->lonely_hangups[i];
				const struct paths_step *last = &w->steps[w->nsteps - 1];
				again = last->at == nd->decl && last->action == e->action;
			}
			if (again)
				continue;
			/* The witness: the edges in, back to the start, then e. */
			struct paths_way w = way_through(m, start, k);
			ARENA_PUSH(m->a, out->lonely_hangups, out->nlonely_hangups, cap, w);
		}
	}
	for (size_t i = 0; i < tail; i++) {
		seen[queue[i]] = 0;
		via[queue[i]] = NONE;
	}
}

/* Every node a call from start reaches, breadth first, into m->queue;
 * returns how many (m->seen is left clear). With `via`, m->via[v] is the
 * edge that first reached v (the caller clears it, after way_through). */
static size_t reach_all(struct paths_model *m, uint32_t start, bool via)
{
	uint8_t *seen = m->seen;
	uint32_t *queue = m->queue;
	size_t head = 0, tail = 0;
	seen[start] = 1;
	queue[tail++] = start;
	while (head < tail) {
		const struct node *nd = &m->nodes[queue[head++]];
		for (uint32_t k = nd->first; k < nd->first + nd->nedges; k++) {
			uint32_t to = m->edges[k].to;
			if (to != NONE && !seen[to]) {
				seen[to] = 1;
				if (via)
					m->via[to] = k;
				queue[tail++] = to;
			}
		}
	}
	for (size_t i = 0; i < tail; i++)
		seen[queue[i]] = 0;
	return tail;
}

/* Menus reachable from start whose every way out is a hangup (or a loop). */
static void trapped(struct paths_model *m, uint32_t start, struct paths_summary *out)
{
	size_t n = reach_all(m, start, false), cap = 0;
	for (size_t i = 0; i < n; i++) {
		const struct node *nd = &m->nodes[m->queue[i]];
		if (nd->prompt && nd->decl->kind == DECL_MENU && !m->escapes[m->queue[i]]) {
			const struct ast_decl *d = nd->decl;
			ARENA_PUSH(m->a, out->trapped, out->ntrapped, cap, d);
		}
	}
}

/* Which nodes have a way out that is neither a hangup nor a loop. */
static void find_escapes(struct paths_model *m)
{
	uint32_t *queue = m->queue;
	size_t head = 0, tail = 0;
	for (size_t e = 0; e < m->nedges; e++) {
		const struct edge *x = &m->edges[e];
		if (x->to == NONE && x->end != PATHS_HANGUP && x->end != PATHS_LOOP &&
		    !m->escapes[x->from]) {
			m->escapes[x->from] = 1;
			queue[tail++] = x->from;
		}
	}
	while (head < tail) {
		uint32_t v = queue[head++];
		for (uint32_t k = m->in.first[v]; k < m->in.first[v + 1]; k++) {
			uint32_t u = m->edges[m->in.edge[k]].from;
			if (!m->escapes[u]) {
				m->escapes[u] = 1;
				queue[tail++] = u;
			}
		}
	}
}

static void prepare(struct paths_model *m)
{
	if (m->ready)
		return;
	size_t n = m->nnodes + 1;
	struct arena *a = m->a;
	m->in = into_of(m);
	m->time_cost = arena_alloc(a, n * sizeof *m->time_cost);
	m->keys_cost = arena_alloc(a, n * sizeof *m->keys_cost);
	m->time_best = arena_alloc(a, n * sizeof *m->time_best);
	m->keys_best = arena_alloc(a, n * sizeof *m->keys_best);
	m->escapes = arena_alloc(a, n);
	m->seen = arena_alloc(a, n);
	m->via = arena_alloc(a, n * sizeof *m->via);
	m->next = arena_alloc(a, n * sizeof *m->next);
	m->queue = arena_alloc(a, n * sizeof *m->queue);
	m->on_path = arena_alloc(a, (m->nobjects + 1) * sizeof *m->on_path);
	for (size_t v = 0; v < n; v++)
		m->via[v] = m->next[v] = NONE;
	to_human(m, &m->in, false, m->time_cost, m->time_best);
	to_human(m, &m->in, true, m->keys_cost, m->keys_best);
	find_escapes(m);
	m->ready = true;
}

/* What only the summary's depth-first walk uses (over 70 bytes a state),
 * made when a summary is first asked for: lint's caller rules never do. */
static void prepare_summary(struct paths_model *m)
{
	prepare(m);
	if (m->count)
		return;
	size_t n = m->nnodes + 1;
	m->state = arena_alloc(m->a, n);
	m->slow = arena_alloc(m->a, n * sizeof *m->slow);
	m->slow_next = arena_alloc(m->a, n * sizeof *m->slow_next);
	m->count = arena_alloc(m->a, n * sizeof *m->count);
	for (size_t v = 0; v < n; v++)
		m->slow_next[v] = NONE;
}

void paths_summarize(struct paths_model *m, const struct ast_decl *from,
		     struct paths_summary *out)
{
	memset(out, 0, sizeof *out);
	uint32_t start = start_node(m, from);
	if (start == NONE) {
		struct edge e = start_edge(m, from);
		out->paths = 1;
		out->by_end[e.end] = 1;
		if (e.end == PATHS_HUMAN) {
			struct paths_way w = { .found = true, .end = e.end, .end_text = e.end_text,
					       .end_literal = e.end_literal };
			out->fastest_human = out->fewest_keys_human = out->slowest_human = w;
		}
		return;
	}
	prepare_summary(m);
	out->fastest_human = follow(m, start, m->time_best);
	out->fewest_keys_human = follow(m, start, m->keys_best);
	depth_first(m, start, out);
	lonely_hangups(m, start, out);
	trapped(m, start, out);
}

void paths_ends(struct paths_model *m, const struct ast_decl *from,
		void (*emit)(void *ctx, const struct paths_way *way), void *ctx)
{
	uint32_t start = start_node(m, from);
	if (start == NONE) {
		struct edge e = start_edge(m, from);
		struct paths_way w = { .found = true, .end = e.end, .end_text = e.end_text,
				       .end_literal = e.end_literal };
		emit(ctx, &w);
		return;
	}
	prepare(m);
	struct strmap found = { 0 };
	size_t n = reach_all(m, start, true);
	for (size_t i = 0; i < n; i++) {
		const struct node *nd = &m->nodes[m->queue[i]];
		for (uint32_t k = nd->first; k < nd->first + nd->nedges; k++) {
			const struct edge *e = &m->edges[k];
			if (e->to != NONE || e->end == PATHS_LOOP ||
			    strmap_get(&found, e->end_text, NULL))
				continue;
			strmap_put(m->a, &found, e->end_text, NULL);
			struct paths_way w = way_through(m, start, k);
			emit(ctx, &w);
		}
	}
	for (size_t i = 0; i < n; i++)
		m->via[m->queue[i]] = NONE;
}

bool paths_route_ms(struct paths_model *m, const struct ast_decl *d, enum paths_action action,
		    char key, uint64_t *ms, size_t *unknown)
{
	uint32_t v = start_node(m, d);
	if (v == NONE)
		return false;
	const struct ast_recref *prompt = m->nodes[v].prompt;
	uint64_t n = prompt ? length(prompt) : 0;
	*unknown = n == UNKNOWN;
	*ms = n == UNKNOWN ? 0 : n;
	for (size_t guard = 0; guard <= m->nnodes; guard++) {
		const struct node *nd = &m->nodes[v];
		const struct edge *e = NULL;
		for (uint32_t k = nd->first; k < nd->first + nd->nedges && !e; k++)
			if (m->edges[k].action == action && (action != PATHS_PRESS ||
							     m->edges[k].key == key))
				e = &m->edges[k];
		if (!e || (e->to == NONE && e->end == PATHS_LOOP && action == PATHS_WRONG &&
			   m->bh && m->bh->no_invalid_handler))
			return false;
		*ms += e->ms;
		*unknown += e->unknown;
		if (e->to != NONE && !m->nodes[e->to].prompt) {
			v = e->to;   /* a retry: still in the menu */
			continue;
		}
		if (e->to != NONE && e->nheard && e->heard[e->nheard - 1] == m->nodes[e->to].prompt) {
			/* The next object's prompt is its own time, not this route's. */
			uint64_t next = length(m->nodes[e->to].prompt);
			if (next == UNKNOWN)
				(*unknown)--;
			else
				*ms -= next;
		}
		return true;
	}
	return false;
}

/* ---------- what lint asks ---------- */

struct paths_way paths_to_human(struct paths_model *m, const struct ast_decl *from,
				bool by_keys)
{
	uint32_t start = start_node(m, from);
	if (start == NONE)
		return (struct paths_way){ 0 };
	prepare(m);
	return follow(m, start, by_keys ? m->keys_best : m->time_best);
}

void paths_reach(struct paths_model *m, const struct ast_decl *from, bool *menus)
{
	uint32_t start = start_node(m, from);
	if (start == NONE)
		return;
	prepare(m);
	size_t n = reach_all(m, start, false);
	for (size_t i = 0; i < n; i++) {
		const struct ast_decl *d = m->nodes[m->queue[i]].decl;
		if (d->kind == DECL_MENU)
			menus[d->index] = true;
	}
}

struct paths_press paths_press_key(struct paths_model *m, const struct ast_menu *menu, char key)
{
	struct paths_press r = { 0 };
	const struct node *nd = &m->nodes[m->menu_node[menu->decl.index]];
	const struct edge *e = NULL;
	for (uint32_t k = nd->first; k < nd->first + nd->nedges && !e; k++)
		if (m->edges[k].action == PATHS_PRESS && m->edges[k].key == key)
			e = &m->edges[k];
	if (!e)
		return r;
	r.option = true;
	/* Announcements go on by themselves (each has one edge); a ring of
	 * them is a loop. */
	for (size_t guard = 0; e->to != NONE && guard <= m->nnodes; guard++) {
		const struct node *to = &m->nodes[e->to];
		if (to->decl->kind == DECL_MENU) {
			r.menu = to->decl;
			return r;
		}
		e = &m->edges[to->first];
	}
	r.end = e->to == NONE ? e->end : PATHS_LOOP;
	r.end_text = e->end_text;
	r.end_literal = e->to == NONE ? e->end_literal : NULL;
	return r;
}

/* ---------- as text ---------- */

/* "1", "5(wrong)", "silence"; NULL for a step the caller does not take. */
static const char *step_text(struct arena *a, const struct paths_step *st)
{
	switch (st->action) {
	case PATHS_PRESS:
		return arena_printf(a, "%c", st->key);
	case PATHS_WRONG:
		return arena_printf(a, "%c(wrong)", st->key);
	case PATHS_SILENCE:
		return "silence";
	default:
		return NULL;
	}
}

/* The caller's side of a path: "2 5(wrong) 1", "(nothing)". */
const char *paths_keys_text(struct arena *a, const struct paths_step *steps, size_t n)
{
	const char *text = "";
	for (size_t i = 0; i < n; i++) {
		const char *t = step_text(a, &steps[i]);
		if (t)
			text = arena_concat(a, text, *text ? " " : "", t, (const char *)NULL);
	}
	return *text ? text : "(nothing)";
}

/* ms as seconds to a tenth, rounded half up: "7.7" (text and CSV alike). */
const char *paths_tenths_text(struct arena *a, uint64_t ms)
{
	unsigned long long t = (unsigned long long)((ms + 50) / 100);
	return arena_printf(a, "%llu.%llu", t / 10, t % 10);
}

const char *paths_seconds_text(struct arena *a, uint64_t ms, size_t unknown)
{
	return arena_printf(a, "%s%s s", unknown ? ">= " : "", paths_tenths_text(a, ms));
}
