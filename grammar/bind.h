/* The binder: a document tree (from either front end) to the typed program.
 * It checks the shape of the file: node kinds, known and required keys, and
 * every typed scalar; names and references are the resolver's job. */
#ifndef IVRC_BIND_H
#define IVRC_BIND_H
#include "../compiler/ast.h"
#include "../compiler/diag.h"

struct arena;
struct target_set;

/* The types a key's value can have; the JSON Schema is generated from the
 * same tables later. */
enum field_type {
	FT_STRING, FT_INT, FT_DURATION, FT_DEST, FT_RECORDING, FT_PHONE,
	FT_DATETIME, FT_NAME, FT_BOOL, FT_MAP, FT_SEQ, FT_STEPS, FT_ANY,
	FT_TEMPLATE, FT_SCALAR_OR_MAP,
	FT_EXPR,        /* a flow condition: docs/LANGUAGE.md, "Expressions" */
};

struct field_spec {
	const char *key;
	enum field_type type;
	bool required;
	const char *doc;           /* one line for the JSON Schema (ivrc schema) */
};

/* The keys of one kind of mapping, as the binder checks them: `ivrc schema`
 * is generated from these. `section` is the top-level key whose entries
 * are of this kind ("menus"), NULL for nested ones ("handler"). Recordings,
 * menus, endpoints and targets have a key per target (bind_target_keys). */
struct bind_table {
	const char *name;          /* "top", "recording", "menu", "option", ... */
	const char *section;
	const struct field_spec *fields;
	size_t count;
};

/* Every table, the targets' keys included (ts: the targets a file can
 * name), in the arena. */
const struct bind_table *bind_tables(const struct target_set *ts, struct arena *a, size_t *count);

/* The tables whose keys include one per target: recordings.X, menus.X,
 * endpoints.X (as a mapping) and targets. */
struct bind_target_keys {
	struct bind_table recording, menu, endpoint, targets, schedule, voicemail;
};
/* docs: with each key's line for the JSON Schema (the binder has no use
 * for them: NULL). */
struct bind_target_keys bind_target_keys(const struct target_set *ts, struct arena *a,
				       bool docs);

/* The most keys one mapping's table has, the targets' included (the binder
 * keeps their values on the stack): room for 24 targets. */
enum { BIND_MAX_FIELDS = 32 };

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

/* Returns the program (possibly partial) or NULL when the root is unusable.
 * ts: the targets the file may name (the command line's registry). */
struct ast_program *bind_program(struct doc_node *root, const struct source *src,
				 const struct target_set *ts, struct arena *a, struct diag *d);

/* An environment's overlay file (its whole document; `what` names it in
 * messages) as a program that holds only what it overlays: the targets'
 * settings, recordings and endpoints written there. */
struct ast_program *bind_overlay(const struct doc_node *root, const struct source *src,
				 const struct target_set *ts, const char *what, struct arena *a,
				 struct diag *d);

/* Binding while the file is read, so that a front end can reuse the memory
 * of each entry of a section (a menu, a flow...) once it is bound, and the
 * whole document tree never exists at once:
 *   s = bind_stream_new(...);
 *   nodes and text of each entry of a top-level mapping section from
 *   bind_stream_scratch(s); when the entry is whole:
 *       bind_stream_entry(s, bind_stream_section(section's key), pair, index, ...);
 *   p = bind_stream_finish(s, root, d);   (root NULL when loading failed)
 * Findings of the streamed entries are held back until bind_stream_finish,
 * so a file that does not load reports only why. The program is the one
 * bind_program makes of the same tree. */
struct bind_stream;

/* d: where findings will go (its cap is taken over). */
struct bind_stream *bind_stream_new(const struct source *src, const struct target_set *ts,
				    struct arena *a, const struct diag *d);

/* The section a top-level key names, if its entries can be streamed; -1 if not. */
int bind_stream_section(const char *key);

/* Where an entry's nodes and text go: memory reused from entry to entry. */
struct arena *bind_stream_scratch(struct bind_stream *s);

/* Binds one entry (index: its place in the section) and replaces its value
 * with a marker that bind_stream_finish skips. The entry's memory in the
 * scratch arena stays if must_stay (say, it defines an anchor) or the
 * program points into its nodes (flow step arguments, settings); else it is
 * reused for the next entry, text included (the program keeps copies of
 * the strings it needs). Returns whether it stays. The key must be outside
 * the scratch arena: it stays in the section, as the marker does. */
bool bind_stream_entry(struct bind_stream *s, int section, struct doc_pair *pair,
		       unsigned index, bool must_stay);

/* Gives back what the scratch arena got since the last entry that stayed
 * (an entry that did not parse). */
void bind_stream_drop(struct bind_stream *s);

/* Keeps what the scratch arena got so far (a value the front end still
 * needs, such as a merge key's). */
void bind_stream_keep(struct bind_stream *s);

/* Ends the stream without a program (the front end reads the file again
 * another way): frees the scratch arena; the rest is in the caller's. */
void bind_stream_abandon(struct bind_stream *s);

/* Binds the rest of root (the header, tests, entries not streamed) and ends
 * the stream; NULL when root is NULL or unusable. */
struct ast_program *bind_stream_finish(struct bind_stream *s, struct doc_node *root,
				       struct diag *d);

#endif
