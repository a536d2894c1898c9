/* `ivrc paths --emit-tests` (docs/CLI.md, "paths"): a `tests:` section, in
 * the file's syntax, with one test per distinct end of each start, for a
 * file that has none; `ivrc test` (with the same --target) runs them. The
 * tests come from the paths model and are checked by the simulator, two
 * readings of the same semantics. */
#ifndef IVRC_PATHS_TESTS_H
#define IVRC_PATHS_TESTS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "../compiler/paths.h"

struct arena;
struct doc_node;

struct paths_tests {
	struct arena *a;
	struct doc_node *tests;            /* the sequence being filled */
	const struct ast_decl *start;
	size_t skipped_flows;              /* ends in a flow: left out */
};

void paths_tests_begin(struct paths_tests *t, struct arena *a);
/* The tests of the calls from start, on model m. */
void paths_tests_add(struct paths_tests *t, struct paths_model *m, const struct ast_decl *start);
/* Prints the section (dsl: as DSL statements); false when the printer fails. */
bool paths_tests_print(const struct paths_tests *t, FILE *out, bool dsl);

#endif
