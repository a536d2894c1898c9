/* The binder: a document tree (from either front end) to the typed program.
 * It checks the shape of the file: node kinds, known and required keys, and
 * every typed scalar; names and references are the resolver's job. */
#ifndef IVRC_BIND_H
#define IVRC_BIND_H
#include "../compiler/ast.h"
#include "../compiler/diag.h"

struct arena;

/* The types a key's value can have; the JSON Schema is generated from the
 * same tables later. */
enum field_type {
	FT_STRING, FT_INT, FT_DURATION, FT_DEST, FT_RECORDING, FT_PHONE,
	FT_DATETIME, FT_NAME, FT_BOOL, FT_MAP, FT_SEQ, FT_STEPS, FT_ANY,
	FT_TEMPLATE, FT_SCALAR_OR_MAP
};

struct field_spec {
	const char *key;
	enum field_type type;
	bool required;
};

/* Returns the program (possibly partial) or NULL when the root is unusable. */
struct ast_program *bind_program(struct doc_node *root, const struct source *src,
				 struct arena *a, struct diag *d);

#endif
