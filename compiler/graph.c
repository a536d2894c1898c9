/* The call graph as DOT or Mermaid (see graph.h). The edges and reachability
 * come from cfg.c; this file adds the nodes the graph has no place for
 * (broadcasts, a flow's steps, and literals such as hangup or phone:+1...:
 * one node per distinct text) and merges edges that join the same two
 * nodes in the same style into one edge with both labels ("1, 2"). */
#include "graph.h"

#include <string.h>

#include "arena.h"
#include "cfg.h"
#include "expr.h"
#include "paths.h"
#include "simulate.h"
#include "strmap.h"

enum gkind { G_MENU, G_ANNOUNCEMENT, G_VOICEMAIL, G_FLOW, G_ENDPOINT, G_LITERAL, G_HANGUP,
	     G_BROADCAST, G_STEP, G_SCHEDULE };

struct gnode {
	enum gkind kind;
	const char *label;
	bool entry, reachable;
};

struct gedge {
	uint32_t from, to;
	const char *label;
	bool dashed;
	bool fastest;                      /* on a fastest way to a human (--times) */
};

struct graph {
	struct arena *a;
	struct gnode *nodes;
	size_t nnodes, capnodes;
	struct gedge *edges;
	size_t nedges, capedges;
	struct strmap literals;            /* a literal's text -> its node */
	struct strmap merged;              /* "from>to" and style -> the edge */
};

static uint32_t add_node(struct graph *g, enum gkind kind, const char *label)
{
	struct gnode n = { kind, label, false, false };
	ARENA_PUSH(g->a, g->nodes, g->nnodes, g->capnodes, n);
	return (uint32_t)(g->nnodes - 1);
}

/* The node of a literal destination (hangup, phone:+1...), made on first use. */
static uint32_t literal_node(struct graph *g, const struct ast_dest *d)
{
	const char *text = d->kind == DEST_HANGUP ? "hangup" :
		arena_concat(g->a, ast_dest_kind_names[d->kind], ":", d->id ? d->id : "", NULL);
	void *known;
	if (strmap_get(&g->literals, text, &known))
		return (uint32_t)(uintptr_t)known;
	uint32_t n = add_node(g, d->kind == DEST_HANGUP ? G_HANGUP : G_LITERAL, text);
	strmap_put(g->a, &g->literals, text, (void *)(uintptr_t)n);
	return n;
}

/* Adds an edge, or a label to the edge already joining from and to so;
 * returns the edge. */
static uint32_t add_edge(struct graph *g, uint32_t from, uint32_t to, const char *label,
			 bool dashed)
{
	const char *key = arena_printf(g->a, "%u>%u%c", from, to, dashed ? 'd' : 's');
	void *known;
	if (strmap_get(&g->merged, key, &known)) {
		struct gedge *e = &g->edges[(uintptr_t)known];
		if (*label && *e->label)
			e->label = arena_concat(g->a, e->label, ", ", label, NULL);
		else if (*label)
			e->label = label;
		return (uint32_t)(uintptr_t)known;
	}
	struct gedge e = { from, to, label, dashed, false };
	ARENA_PUSH(g->a, g->edges, g->nedges, g->capedges, e);
	strmap_put(g->a, &g->merged, key, (void *)(uintptr_t)(g->nedges - 1));
	return (uint32_t)(g->nedges - 1);
}

/* The route of the paths model that a call-graph edge is. */
static bool route_of(const struct cfg_edge *e, enum paths_action *action)
{
	static const enum paths_action actions[] = {
		[CFG_OPTION] = PATHS_PRESS, [CFG_INVALID] = PATHS_WRONG,
		[CFG_NO_INPUT] = PATHS_SILENCE, [CFG_THEN] = PATHS_ON,
	};
	if (e->kind == CFG_FLOW || e->kind == CFG_SCHEDULE)
		return false;
	*action = actions[e->kind];
	return true;
}

/* "1 (7.7 s)": the label with the time before the route is taken. */
static const char *timed_label(struct graph *g, const struct cfg *c, const struct cfg_edge *e,
			       const char *label, const struct graph_times *t)
{
	enum paths_action action;
	uint64_t ms;
	size_t unknown;
	if (!route_of(e, &action) ||
	    !paths_route_ms(t->m, c->nodes[e->from].decl, action, e->key, &ms, &unknown))
		return label;
	return arena_printf(g->a, "%s (%s)", label, paths_seconds_text(g->a, ms, unknown));
}

/* Marks the edges of the fastest way to a human from each entry point:
 * the step by which the way leaves each object it passes. */
static void mark_fastest(struct graph *g, const struct cfg *c, const uint32_t *gedge_of,
			 const struct graph_times *t)
{
	for (size_t i = 0; i < c->nnodes; i++) {
		const struct ast_decl *d = c->nodes[i].decl;
		if (!c->nodes[i].entry || (d->kind != DECL_MENU && d->kind != DECL_ANNOUNCEMENT))
			continue;
		struct paths_way w = paths_to_human(t->m, d, false);
		for (size_t s = 0; w.found && s < w.nsteps; s++) {
			const struct paths_step *st = &w.steps[s];
			if (s + 1 < w.nsteps && w.steps[s + 1].at == st->at)
				continue;   /* a retry: the way is still in this menu */
			uint32_t v = cfg_node_of(c, st->at);
			for (uint32_t k = 0; v != CFG_NONE && k < c->nodes[v].nedges; k++) {
				const struct cfg_edge *e = &c->edges[c->nodes[v].first_edge + k];
				enum paths_action action;
				if (route_of(e, &action) && action == st->action &&
				    (action != PATHS_PRESS || e->key == st->key))
					g->edges[gedge_of[c->nodes[v].first_edge + k]].fastest = true;
			}
		}
	}
}

static const char *edge_label(const struct cfg_edge *e, struct arena *a)
{
	switch (e->kind) {
	case CFG_OPTION: return arena_printf(a, "%c", e->key);
	case CFG_INVALID: return "invalid";
	case CFG_NO_INPUT: return "no_input";
	case CFG_THEN: return "then";
	case CFG_SCHEDULE: return e->key == 'o' ? "open" : e->key == 'c' ? "closed" : "holiday";
	case CFG_FLOW: {
		const char *what = e->dest->kind == DEST_MENU ? "goto" : "dial";
		const struct ast_step *g = e->guard;
		if (!g || !g->cond_expr)
			return what;
		/* The condition it is under, as its tree prints. */
		const char *word = g->kind == STEP_IF ? (e->guard_else ? "unless" : "if") :
				   g->kind == STEP_REPEAT_UNTIL ? "until" : "while";
		return arena_concat(a, what, " ", word, " ", expr_print(a, g->cond_expr),
				    (const char *)NULL);
	}
	}
	return "";
}

/* ---------- a flow's steps ---------- */

/* "say 'Please enter your...'", "switch tier", "while n < 3": what a step
 * does, short. */
static const char *step_label(struct arena *a, const struct ast_step *st)
{
	const char *detail = st->var ? st->var : st->cond;
	if (!detail && st->recording.name)
		detail = st->recording.name;
	if (!detail && st->nargs && st->args[0].value && st->args[0].value->kind == DOC_SCALAR)
		detail = st->args[0].value->text;
	const char *name = ast_step_names[st->kind];
	if (!detail || st->kind == STEP_GOTO || st->kind == STEP_DIAL)
		return name;
	size_t n = strlen(detail);
	return n > 32 ? arena_printf(a, "%s %.29s...", name, detail)
		      : arena_concat(a, name, " ", detail, (const char *)NULL);
}

/* Where a dial or a goto to a menu goes: its node (an object, or a
 * literal's). */
static uint32_t dest_node(struct graph *g, const struct cfg *c, const struct ast_dest *d)
{
	uint32_t v = d->ref ? cfg_node_of(c, d->ref) : CFG_NONE;
	return v != CFG_NONE ? v : literal_node(g, d);
}

static const struct ast_dest hangup_dest = { .kind = DEST_HANGUP };

/* One block to draw: its steps get nodes; `from` leads to the first
 * (labelled), the last leads to `after` (UINT32_MAX: the flow ends). */
struct pending_block {
	const struct ast_block *blk;
	uint32_t from, after;
	const char *label;
};

/* A goto to a label, wired once every step has its node. */
struct pending_goto {
	uint32_t from;
	const char *label;
};

/* Whether the call never goes on from st to the next step. */
static bool leaves(const struct ast_step *st)
{
	return st->kind == STEP_HANGUP || st->kind == STEP_GOTO || st->kind == STEP_DIAL ||
	       st->kind == STEP_DIAL_TO_MANY || st->kind == STEP_DIAL_WEBRTC ||
	       st->kind == STEP_DIAL_CONVERSATIONS;
}

/* The flow's steps as nodes: one after the other, a switch's cases, an
 * if's branches, a loop's body and its way back, gotos and dials to where
 * they go. An explicit stack of blocks: nesting depth costs no C stack. */
static void draw_flow(struct graph *g, const struct cfg *c, const struct ast_flow *f)
{
	uint32_t flow = cfg_node_of(c, &f->decl);
	if (flow == CFG_NONE)
		return;
	bool reachable = g->nodes[flow].reachable;
	struct pending_block *todo = NULL;
	size_t ntodo = 0, captodo = 0;
	struct pending_goto *gotos = NULL;
	size_t ngotos = 0, capgotos = 0;
	const char **labels = NULL;
	uint32_t *label_node = NULL;
	size_t nlabels = 0, caplabels = 0, caplabelnodes = 0;
	struct pending_block first = { &f->body, flow, UINT32_MAX, "" };
	ARENA_PUSH(g->a, todo, ntodo, captodo, first);
	while (ntodo) {
		struct pending_block pb = todo[--ntodo];
		if (!pb.blk->count) {
			uint32_t to = pb.after != UINT32_MAX ? pb.after : literal_node(g, &hangup_dest);
			add_edge(g, pb.from, to, pb.after != UINT32_MAX ? pb.label :
				 arena_concat(g->a, pb.label, *pb.label ? ", " : "", "end",
					      (const char *)NULL), false);
			continue;
		}
		uint32_t base = (uint32_t)g->nnodes;
		for (size_t i = 0; i < pb.blk->count; i++) {
			const struct ast_step *st = &pb.blk->steps[i];
			uint32_t v = add_node(g, G_STEP, step_label(g->a, st));
			g->nodes[v].reachable = reachable;
			if (st->label) {
				size_t k = nlabels;
				ARENA_PUSH(g->a, labels, nlabels, caplabels, st->label);
				ARENA_PUSH(g->a, label_node, k, caplabelnodes, v);
			}
		}
		add_edge(g, pb.from, base, pb.label, false);
		for (size_t i = 0; i < pb.blk->count; i++) {
			const struct ast_step *st = &pb.blk->steps[i];
			uint32_t v = base + (uint32_t)i;
			uint32_t next = i + 1 < pb.blk->count ? v + 1 : pb.after;
			if (st->kind == STEP_GOTO && st->to.kind == DEST_NAME && !st->to.ref) {
				struct pending_goto pg = { v, st->to.id };
				ARENA_PUSH(g->a, gotos, ngotos, capgotos, pg);
				continue;
			}
			if (st->kind == STEP_GOTO || st->kind == STEP_DIAL) {
				add_edge(g, v, dest_node(g, c, &st->to), "", false);
				continue;
			}
			if (st->kind == STEP_HANGUP) {
				add_edge(g, v, literal_node(g, &hangup_dest), "", false);
				continue;
			}
			if (leaves(st))
				continue;   /* dial_to_many and the like: the call is connected */
			bool loop = st->kind == STEP_WHILE || st->kind == STEP_REPEAT_WHILE ||
				    st->kind == STEP_REPEAT_UNTIL || st->kind == STEP_FOR_EACH;
			bool branches = st->ncases || st->has_default || st->kind == STEP_IF;
			/* The blocks inside, pushed last first: the first is drawn first. */
			if (st->kind == STEP_SWITCH && !st->has_default) {
				/* An empty block: no case matched, on to what follows. */
				struct pending_block none = { arena_alloc(g->a, sizeof(struct ast_block)),
							      v, next, "no case" };
				ARENA_PUSH(g->a, todo, ntodo, captodo, none);
			}
			if (st->has_default) {
				struct pending_block d = { &st->default_body, v, next, "default" };
				ARENA_PUSH(g->a, todo, ntodo, captodo, d);
			}
			for (size_t k = st->ncases; k-- > 0;) {
				struct pending_block d = { &st->cases[k].body, v, next,
							   arena_printf(g->a, "case '%s'",
									st->cases[k].value) };
				ARENA_PUSH(g->a, todo, ntodo, captodo, d);
			}
			if (st->kind == STEP_IF) {
				struct pending_block e = { &st->else_body, v, next, "else" };
				ARENA_PUSH(g->a, todo, ntodo, captodo, e);
				struct pending_block t = { &st->body, v, next, "then" };
				ARENA_PUSH(g->a, todo, ntodo, captodo, t);
			} else if (loop) {
				struct pending_block b = { &st->body, v, v, "do" };
				ARENA_PUSH(g->a, todo, ntodo, captodo, b);
			}
			if (!branches || loop) {
				uint32_t to = next != UINT32_MAX ? next : literal_node(g, &hangup_dest);
				add_edge(g, v, to, loop ? "done" : next != UINT32_MAX ? "" : "end", false);
			}
		}
	}
	for (size_t i = 0; i < ngotos; i++)
		for (size_t k = 0; k < nlabels; k++)
			if (strcmp(labels[k], gotos[i].label) == 0) {
				add_edge(g, gotos[i].from, label_node[k], "goto", false);
				break;
			}
}

static void build(struct graph *g, const struct ast_program *p, bool flows_are_entries,
		  const struct graph_times *times)
{
	struct cfg c;
	cfg_build(&c, p, flows_are_entries, g->a);
	static const enum gkind kinds[] = {
		[DECL_MENU] = G_MENU, [DECL_ANNOUNCEMENT] = G_ANNOUNCEMENT,
		[DECL_VOICEMAIL] = G_VOICEMAIL, [DECL_FLOW] = G_FLOW, [DECL_ENDPOINT] = G_ENDPOINT,
		[DECL_SCHEDULE] = G_SCHEDULE,
	};
	for (size_t i = 0; i < c.nnodes; i++) {
		const struct ast_decl *d = c.nodes[i].decl;
		uint32_t n = add_node(g, kinds[d->kind], d->kind == DECL_ENDPOINT ? d->name :
				      arena_concat(g->a, ast_decl_kind_names[d->kind], " ", d->name,
						   NULL));
		g->nodes[n].entry = c.nodes[i].entry;
		g->nodes[n].reachable = c.nodes[i].reachable;
	}
	uint32_t *gedge_of = arena_alloc(g->a, (c.nedges + 1) * sizeof *gedge_of);
	for (size_t i = 0; i < c.nedges; i++) {
		const struct cfg_edge *e = &c.edges[i];
		gedge_of[i] = UINT32_MAX;
		if (e->kind == CFG_FLOW)
			continue;   /* drawn from the flow's steps (draw_flow) */
		uint32_t to = e->to != CFG_NONE ? e->to : literal_node(g, e->dest);
		const char *label = edge_label(e, g->a);
		const struct sim_behaviour *bh = times ? times->bh : NULL;
		if (bh && bh->no_invalid_handler && e->kind == CFG_INVALID) {
			to = e->from;   /* the target plays the menu again, uncounted */
			label = arena_printf(g->a, "invalid (%s plays the menu again)", bh->target);
		} else if (bh && bh->no_input_at_once && e->kind == CFG_NO_INPUT) {
			label = "no_input (at the first silence)";
		}
		if (times && times->m)
			label = timed_label(g, &c, e, label, times);
		gedge_of[i] = add_edge(g, e->from, to, label,
				       e->kind == CFG_INVALID || e->kind == CFG_NO_INPUT);
	}
	for (size_t i = 0; i < p->nflows; i++)
		draw_flow(g, &c, p->flows[i]);
	if (times && times->m)
		mark_fastest(g, &c, gedge_of, times);
	for (size_t i = 0; i < p->nbroadcasts; i++) {
		const struct ast_broadcast *b = p->broadcasts[i];
		uint32_t n = add_node(g, G_BROADCAST,
				      arena_concat(g->a, "broadcast ", b->decl.name, NULL));
		g->nodes[n].reachable = true;
		uint32_t to = b->destination.ref ? cfg_node_of(&c, b->destination.ref) :
			literal_node(g, &b->destination);
		if (to != CFG_NONE)
			add_edge(g, n, to, "destination", false);
	}
	/* A literal is reachable when a reachable node routes to it. */
	for (size_t i = 0; i < g->nedges; i++)
		if (g->nodes[g->edges[i].from].reachable)
			g->nodes[g->edges[i].to].reachable = true;
}

/* ---------- DOT ---------- */

static void dot_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

/* The legend's words for --times. */
static const char *times_legend(struct arena *a, const struct graph_times *t)
{
	if (!t)
		return "";
	if (!t->m)
		return arena_printf(a, ", as %s plays it", t->target);
	return arena_printf(a, ", (N s) = time in the menu before the route is taken (%s), bold "
			    "green = fastest way to a human from an entry point",
			    t->target ? t->target : "the language's semantics");
}

static void print_dot(FILE *out, const struct graph *g, const char *name,
		      const struct graph_times *t)
{
	static const char *const shapes[] = {
		[G_MENU] = "box", [G_ANNOUNCEMENT] = "note", [G_VOICEMAIL] = "cylinder",
		[G_FLOW] = "component", [G_ENDPOINT] = "ellipse", [G_LITERAL] = "ellipse",
		[G_HANGUP] = "octagon", [G_BROADCAST] = "house", [G_STEP] = "box",
		[G_SCHEDULE] = "diamond",
	};
	fprintf(out, "// ivrc graph: double border = entry point, dashed edge = invalid or "
		"no_input route, dashed grey node = unreachable%s\ndigraph ",
		times_legend(g->a, t));
	dot_string(out, name);
	fputs(" {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=11];\n"
	      "  edge [fontname=\"Helvetica\", fontsize=10];\n", out);
	for (size_t i = 0; i < g->nnodes; i++) {
		const struct gnode *n = &g->nodes[i];
		fprintf(out, "  n%zu [label=", i);
		dot_string(out, n->reachable ? n->label :
			   arena_concat(g->a, n->label, " (unreachable)", NULL));
		fprintf(out, ", shape=%s", shapes[n->kind]);
		if (n->entry)
			fputs(", peripheries=2", out);
		if (!n->reachable)
			fprintf(out, ", style=\"%sdashed\", color=gray50, fontcolor=gray50",
				n->kind == G_STEP ? "rounded," : "");
		else if (n->kind == G_STEP)
			fputs(", style=rounded", out);
		fputs("];\n", out);
	}
	for (size_t i = 0; i < g->nedges; i++) {
		const struct gedge *e = &g->edges[i];
		fprintf(out, "  n%u -> n%u", e->from, e->to);
		const char *sep = " [";
		if (*e->label) {
			fputs(" [label=", out);
			dot_string(out, e->label);
			sep = ", ";
		}
		if (e->fastest) {
			fprintf(out, "%spenwidth=2.5, color=\"#1a7f37\"", sep);
			sep = ", ";
		}
		if (e->dashed) {
			fprintf(out, "%sstyle=dashed", sep);
			sep = ", ";
		}
		fputs(strcmp(sep, ", ") == 0 ? "];\n" : ";\n", out);
	}
	fputs("}\n", out);
}

/* ---------- Mermaid ---------- */

static void mermaid_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputs("#quot;", out);
		else
			fputc(*s, out);
	}
	fputc('"', out);
}

static void print_mermaid(FILE *out, const struct graph *g, const char *name,
			  const struct graph_times *t)
{
	static const char *const open[] = {
		[G_MENU] = "[", [G_ANNOUNCEMENT] = ">", [G_VOICEMAIL] = "[(", [G_FLOW] = "[[",
		[G_ENDPOINT] = "(", [G_LITERAL] = "([", [G_HANGUP] = "((", [G_BROADCAST] = "[/",
		[G_STEP] = "{{", [G_SCHEDULE] = "{",
	};
	static const char *const close[] = {
		[G_MENU] = "]", [G_ANNOUNCEMENT] = "]", [G_VOICEMAIL] = ")]", [G_FLOW] = "]]",
		[G_ENDPOINT] = ")", [G_LITERAL] = "])", [G_HANGUP] = "))", [G_BROADCAST] = "/]",
		[G_STEP] = "}}", [G_SCHEDULE] = "}",
	};
	fprintf(out, "flowchart LR\n  %%%% ivrc graph of %s: thick border = entry point, dotted "
		"edge = invalid or no_input route, dashed node = unreachable%s\n", name,
		times_legend(g->a, t));
	for (size_t i = 0; i < g->nnodes; i++) {
		const struct gnode *n = &g->nodes[i];
		fprintf(out, "  n%zu%s", i, open[n->kind]);
		mermaid_string(out, n->reachable ? n->label :
			       arena_concat(g->a, n->label, " (unreachable)", NULL));
		fprintf(out, "%s\n", close[n->kind]);
	}
	for (size_t i = 0; i < g->nedges; i++) {
		const struct gedge *e = &g->edges[i];
		fprintf(out, "  n%u %s", e->from, e->dashed ? "-.->" : "-->");
		if (*e->label) {
			fputc('|', out);
			mermaid_string(out, e->label);
			fputc('|', out);
		}
		fprintf(out, " n%u\n", e->to);
	}
	for (size_t i = 0; i < g->nedges; i++)
		if (g->edges[i].fastest)
			fprintf(out, "  linkStyle %zu stroke-width:3px,stroke:#1a7f37\n", i);
	fputs("  classDef entry stroke-width:3px\n"
	      "  classDef unreachable stroke-dasharray:5 5,color:#888\n", out);
	for (size_t i = 0; i < g->nnodes; i++) {
		if (g->nodes[i].entry)
			fprintf(out, "  class n%zu entry\n", i);
		if (!g->nodes[i].reachable)
			fprintf(out, "  class n%zu unreachable\n", i);
	}
}

void graph_print(FILE *out, const struct ast_program *p, bool flows_are_entries,
		 enum graph_format f, const struct graph_times *times, struct arena *a)
{
	struct graph g = { .a = a };
	build(&g, p, flows_are_entries, times);
	const char *name = p->name ? p->name : "ivr";
	if (f == GRAPH_DOT)
		print_dot(out, &g, name, times);
	else
		print_mermaid(out, &g, name, times);
}
