/* `ivrc graph`: the call graph as Graphviz DOT or a Mermaid flowchart, for
 * review. Options are labelled edges, invalid / no_input edges are dashed,
 * entry points have a double border, unreachable nodes are dashed and say
 * so. The output depends only on the program: nodes in source order (then
 * the literals in order of first use), edges in the call graph's order. */
#ifndef IVRC_GRAPH_H
#define IVRC_GRAPH_H
#include <stdbool.h>
#include <stdio.h>
#include "ast.h"

struct arena;
struct paths_model;

enum graph_format { GRAPH_DOT, GRAPH_MERMAID };

struct sim_behaviour;

/* `graph --target T` draws what target T does where it differs from the
 * language (a Sonetel menu plays itself again on a wrong key, leaves at the
 * first silence); with `--times` (m set), each route out of a menu or
 * announcement also says how long the caller is there before it is taken
 * (paths_route_ms), and the fastest way to a human from each entry point is
 * drawn bold and green. */
struct graph_times {
	struct paths_model *m;             /* --times: built for the behaviour; else NULL */
	const struct sim_behaviour *bh;    /* the target's, or NULL: the language's */
	const char *target;                /* its name, or NULL */
};

/* Prints the graph of a checked program. Flows are entry points when
 * flows_are_entries (cfg_flows_are_entries of the declared targets);
 * times NULL: the language's semantics, no times. */
void graph_print(FILE *out, const struct ast_program *p, bool flows_are_entries,
		 enum graph_format f, const struct graph_times *times, struct arena *a);

#endif
