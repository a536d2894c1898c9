/* The YAML front end: libyaml events to a document tree with spans. */
#ifndef IVRC_YAML_LOADER_H
#define IVRC_YAML_LOADER_H
#include "../compiler/ast.h"
#include "../compiler/diag.h"

struct arena;

/* Limits that keep hostile input cheap. */
enum {
	YAML_MAX_DEPTH = 64,            /* nested collections */
	YAML_MAX_ALIAS_NODES = 100000,  /* nodes reachable through aliases, in all */
};

/* Parses one YAML document. Returns NULL after reporting to d. */
struct doc_node *yaml_load(const struct source *src, struct arena *a, struct diag *d);

/* Parses and binds one YAML document (bind_program of yaml_load's tree),
 * binding each entry of a section as soon as it is read and reusing its
 * memory: the whole tree is never in memory. NULL after reporting to d. */
struct ast_program *yaml_load_program(const struct source *src, const struct target_set *ts,
				      struct arena *a, struct diag *d);

#endif
