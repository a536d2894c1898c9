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
	const char *doc;           /* one line for the JSON Schema (ivrc schema) */
};

/* The keys of one kind of mapping, as the binder checks them: `ivrc schema`
 * is generated from these. `section` is the top-level key whose entries
 * are of this kind ("menus"), NULL for nested ones ("handler"). Endpoints
 * and targets are made of the target names (and the back ends' settings). */
struct bind_table {
	const char *name;          /* "top", "recording", "menu", "option", ... */
	const char *section;
	const struct field_spec *fields;
	size_t count;
};

const struct bind_table *bind_tables(size_t *count);

/* A flow step's arguments: `primary` is the key of the shorthand scalar
 * form (`say: "text"`), `bare` a step written as a word, `open` a step whose
 * keys are the provider's own and are not checked. */
struct bind_step_table {
	const char *primary;
	bool bare, open;
	const struct field_spec *fields;
	size_t count;
};

struct bind_step_table bind_step_table(enum step_kind kind);

/* Returns the program (possibly partial) or NULL when the root is unusable. */
struct ast_program *bind_program(struct doc_node *root, const struct source *src,
				 struct arena *a, struct diag *d);

#endif
