/* The tests of `ivrc paths --emit-tests` (paths_tests.h). */
#include "paths_tests.h"

#include <stdlib.h>
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/doc_build.h"
#include "../grammar/printer.h"

void paths_tests_begin(struct paths_tests *t, struct arena *a)
{
	*t = (struct paths_tests){ .a = a, .tests = doc_new_seq(a) };
}

static void one(void *ctx, const struct paths_way *w)
{
	struct paths_tests *t = ctx;
	struct arena *a = t->a;
	if (w->end == PATHS_FLOW) {
		/* A flow's steps are not followed: where its call ends is not known. */
		t->skipped_flows++;
		return;
	}
	const char *start = sim_decl_text(a, t->start);
	struct doc_node *input = doc_new_seq(a), *expect = doc_new_seq(a);
	const char *keys = "";
	doc_push(a, expect, doc_new_scalar(a, start, false));
	const struct ast_decl *at = t->start;
	for (size_t i = 0; i < w->nsteps; i++) {
		const struct paths_step *st = &w->steps[i];
		if (st->at != at) {
			/* Entered here; each object is entered once on the way. */
			at = st->at;
			doc_push(a, expect, doc_new_scalar(a, sim_decl_text(a, at), false));
		}
		if (st->action == PATHS_ON)
			continue;
		char key[2] = { st->key, 0 };
		const char *in = st->action == PATHS_SILENCE ? "silence" : key;
		doc_push(a, input, doc_new_scalar(a, in, st->action != PATHS_SILENCE));
		keys = arena_concat(a, keys, " ", in, (const char *)NULL);
	}
	doc_push(a, expect, doc_new_scalar(a, w->end_text, false));
	struct doc_node *test = doc_new_map(a);
	doc_put(a, test, "name", doc_new_scalar(a, arena_concat(a, start, keys, " -> ",
							 w->end_text, (const char *)NULL), true));
	doc_put(a, test, "start", doc_new_scalar(a, start, false));
	doc_put(a, test, "input", input);
	doc_put(a, test, "expect", expect);
	doc_push(a, t->tests, test);
}

void paths_tests_add(struct paths_tests *t, struct paths_model *m, const struct ast_decl *start)
{
	t->start = start;
	paths_ends(m, start, one, t);
}

bool paths_tests_print(const struct paths_tests *t, FILE *out, bool dsl)
{
	struct doc_node *root = doc_new_map(t->a);
	doc_put(t->a, root, "tests", t->tests);
	char *text = dsl ? dsl_print(root, NULL) : yaml_print(root);
	if (!text)
		return false;
	fputs(text, out);
	free(text);
	return true;
}
