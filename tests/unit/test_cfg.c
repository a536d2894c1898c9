/* Unit test for compiler/cfg.c: nodes and edges, reachability, strongly
 * connected components and depth on small programs, and a chain of 200 000
 * menus (one component, and one without a cycle) that a recursive walk
 * would not survive. One PASS/FAIL line per check. */
#include "compiler/arena.h"
#include "compiler/cfg.h"
#include "compiler/diag.h"
#include "compiler/resolve.h"
#include "grammar/bind.h"
#include "targets/target.h"
#include "grammar/dsl_parser.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static void check_num(long long got, long long want, const char *what)
{
	char buf[64];
	snprintf(buf, sizeof buf, "want %lld, got %lld", want, got);
	check(got == want, what, buf);
}

/* Parses, binds and resolves DSL text; NULL (and a FAIL) on errors. */
static struct ast_program *program(struct arena *a, const char *text, size_t len)
{
	struct diag d;
	diag_init(&d, a);
	struct source *src = source_from_text(a, "test.ivr", text, len);
	struct doc_node *root = dsl_parse(src, a, &d, NULL);
	struct ast_program *p = root ? bind_program(root, src, target_set(), a, &d) : NULL;
	if (p)
		res_check(p, NULL, 0, a, &d);
	if (!p || d.errors) {
		printf("FAIL test program does not check: %s\n", d.n ? d.items[0].message : "");
		failures++;
		return NULL;
	}
	return p;
}

static const struct cfg_node *node(const struct cfg *g, const struct ast_program *p,
				   const char *name)
{
	for (size_t i = 0; i < g->nnodes; i++)
		if (strcmp(g->nodes[i].decl->name, name) == 0) {
			uint32_t n = cfg_node_of(g, g->nodes[i].decl);
			(void)p;
			return n == i ? &g->nodes[i] : NULL;
		}
	return NULL;
}

static const char small[] =
	"ivrc 1\nname t\ntarget smartflo\n"
	"recording r { smartflo 1 }\n"
	"endpoint desk extension:1\n"
	"menu main { prompt r; 1 -> menu:sub; 2 -> desk; 9 -> repeat }\n"
	"menu sub { prompt r; 1 -> menu:main; 2 -> announcement:bye }\n"
	"announcement bye { prompt r; then hangup }\n"
	"menu lost { prompt r; 1 -> menu:lost2 }\n"
	"menu lost2 { prompt r; 1 -> menu:main }\n"
	"flow f { goto menu:lost }\n";

static void test_small(void)
{
	struct arena a;
	arena_init(&a);
	struct ast_program *p = program(&a, small, sizeof small - 1);
	if (!p) {
		arena_free(&a);
		return;
	}
	struct cfg g;
	cfg_build(&g, p, false, &a);
	check_num((long long)g.nnodes, 7, "nodes: 5 menus/announcements, 1 flow, 1 endpoint");
	const struct cfg_node *main = node(&g, p, "main"), *sub = node(&g, p, "sub"),
			      *bye = node(&g, p, "bye"), *lost = node(&g, p, "lost"),
			      *lost2 = node(&g, p, "lost2"), *f = node(&g, p, "f"),
			      *desk = node(&g, p, "desk");
	check(main && sub && bye && lost && lost2 && f && desk, "cfg_node_of finds every node", "");
	if (!(main && sub && bye && lost && lost2 && f && desk)) {
		arena_free(&a);
		return;
	}
	/* options 1, 2, 9 + invalid + no_input (default hangups) */
	check_num(main->nedges, 5, "menu edges: three keys and two handlers");
	check(g.edges[main->first_edge].key == '1' && g.edges[main->first_edge + 2].key == '9',
	      "edges in source order", "");
	check(g.edges[main->first_edge + 2].to == (uint32_t)(main - g.nodes), "repeat is a self edge",
	      "");
	check(main->entry && !sub->entry && !f->entry, "entry: the first menu only", "");
	check(main->reachable && sub->reachable && bye->reachable && desk->reachable,
	      "reachable from main", "");
	check(!lost->reachable && !lost2->reachable && !f->reachable,
	      "lost, lost2 and the flow are not reachable", "");
	check(main->scc == sub->scc && g.scc_size[main->scc] == 2, "main and sub: one component",
	      "");
	check(lost->scc != main->scc && g.scc_size[lost->scc] == 1, "lost: its own component", "");
	check_num(main->depth, 1, "depth of main");
	check_num(sub->depth, 1, "depth of sub (a component counts once)");
	check_num(bye->depth, 1, "depth of an announcement after the component");
	check_num(lost->depth, 0, "depth of an unreachable menu");

	cfg_build(&g, p, true, &a);
	f = node(&g, p, "f");
	lost = node(&g, p, "lost");
	lost2 = node(&g, p, "lost2");
	main = node(&g, p, "main");
	check(f->entry && f->reachable && lost->reachable && lost2->reachable,
	      "flows as entries: the flow reaches lost and lost2", "");
	check_num(lost->depth, 1, "depth of lost from the flow");
	check_num(lost2->depth, 2, "depth of lost2 from the flow");
	check_num(main->depth, 3, "longest path to main: f, lost, lost2, then main's component");
	arena_free(&a);
}

/* N menus m0 -> m1 -> ... -> m(N-1), the last back to m0 when cyclic. */
static void test_chain(size_t n, bool cyclic)
{
	size_t cap = 64 + n * 64, len = 0;
	char *text = malloc(cap);
	len += (size_t)snprintf(text + len, cap - len,
				"ivrc 1\nname t\ntarget smartflo\nrecording r { smartflo 1 }\n");
	for (size_t i = 0; i < n; i++) {
		if (i + 1 < n)
			len += (size_t)snprintf(text + len, cap - len,
						"menu m%zu { prompt r; 1 -> menu:m%zu }\n", i, i + 1);
		else
			len += (size_t)snprintf(text + len, cap - len, "menu m%zu { prompt r%s }\n", i,
						cyclic ? "; 1 -> menu:m0" : "");
	}
	struct arena a;
	arena_init(&a);
	struct ast_program *p = program(&a, text, len);
	free(text);
	if (!p) {
		arena_free(&a);
		return;
	}
	struct cfg g;
	cfg_build(&g, p, false, &a);
	size_t reachable = 0;
	for (size_t i = 0; i < g.nnodes; i++)
		reachable += g.nodes[i].reachable;
	const struct cfg_node *last = &g.nodes[g.nnodes - 1];
	char what[128];
	snprintf(what, sizeof what, "chain of %zu menus%s: all reachable", n,
		 cyclic ? ", cyclic" : "");
	check_num((long long)reachable, (long long)n, what);
	if (cyclic) {
		snprintf(what, sizeof what, "chain of %zu menus, cyclic: one component", n);
		check_num(g.nsccs, 1, what);
		check_num(last->depth, 1, "depth in one component");
	} else {
		snprintf(what, sizeof what, "chain of %zu menus: %zu components", n, n);
		check_num(g.nsccs, (long long)n, what);
		check_num(last->depth, (long long)n, "depth of the last menu of the chain");
	}
	check(cfg_node_of(&g, last->decl) == g.nnodes - 1, "cfg_node_of the last node", "");
	arena_free(&a);
}

int main(void)
{
	test_small();
	test_chain(200000, false);
	test_chain(200000, true);
	return failures ? 1 : 0;
}
