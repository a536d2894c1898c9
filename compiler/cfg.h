/* The call graph of a checked program: which object can send a call to
 * which. Nodes are the menus, announcements, voicemails, flows and endpoints;
 * edges are the routes between them (options, invalid / no-input `then`,
 * announcement `then`, flow gotos and dials, broadcast destinations).
 * Every algorithm here is iterative (explicit stacks), linear in nodes +
 * edges, and starts from the smallest source position, so results are
 * deterministic and big inputs cannot overflow the C stack. */
#ifndef IVRC_CFG_H
#define IVRC_CFG_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ast.h"
#include "caps.h"

struct arena;

enum { CFG_NONE = UINT32_MAX };

enum cfg_edge_kind {
	CFG_OPTION,        /* a menu key */
	CFG_INVALID,       /* a menu's invalid handler `then` */
	CFG_NO_INPUT,      /* a menu's no_input handler `then` (also the default hangup) */
	CFG_THEN,          /* an announcement's `then` */
	CFG_FLOW,          /* a flow's goto menu:X or dial */
	CFG_SCHEDULE,      /* a schedule's branch: key 'o' open, 'c' closed, 'h' holiday */
};

struct cfg_edge {
	uint32_t from;                 /* node index */
	uint32_t to;                   /* node index, or CFG_NONE for a literal / hangup */
	enum cfg_edge_kind kind;
	char key;                      /* CFG_OPTION: the DTMF key */
	const struct ast_dest *dest;   /* where it is written */
	/* CFG_FLOW: the step whose condition the edge is under (the innermost
	 * if, while, repeat_*), or NULL; guard_else: in the if's else. */
	const struct ast_step *guard;
	bool guard_else;
};

struct cfg_node {
	const struct ast_decl *decl;
	uint32_t first_edge, nedges;   /* out-edges: edges[first_edge .. +nedges) */
	bool entry;                    /* an entry point (LANGUAGE.md "Top-level keys") */
	bool reachable;                /* from some entry point */
	uint32_t scc;                  /* strongly connected component id */
	uint32_t depth;                /* longest path from an entry, in menus, SCCs counted once */
};

struct cfg {
	struct cfg_node *nodes;
	size_t nnodes;
	struct cfg_edge *edges;        /* grouped by `from`, in source order */
	size_t nedges;
	uint32_t nsccs;
	uint32_t *scc_size;            /* nodes per SCC */
};

/* Builds the graph of a program the resolver accepted (all refs set).
 * Broadcast destinations and, when flows_are_entries, flows are entry
 * points besides p->entries. Runs reachability, SCCs and depth. */
void cfg_build(struct cfg *g, const struct ast_program *p, bool flows_are_entries,
	       struct arena *a);

/* Whether flows are entry points: when one of the targets builds them (an
 * Infobip scenario is one; LANGUAGE.md). */
bool cfg_flows_are_entries(const struct target_caps *const *caps, size_t ncaps);

/* The node of a declaration (menu, announcement, voicemail, flow, endpoint),
 * or CFG_NONE. */
uint32_t cfg_node_of(const struct cfg *g, const struct ast_decl *d);

#endif
