/* The DSL front end: recursive descent over the re2c tokens into the same
 * document tree the YAML loader builds, so one binder serves both. */
#ifndef IVRC_DSL_PARSER_H
#define IVRC_DSL_PARSER_H
#include "../compiler/ast.h"
#include "../compiler/diag.h"

struct arena;

struct dsl_comment {
	struct span span;          /* the whole comment, from '#' */
	const char *text;          /* from '#', without the line break */
	size_t len;
	bool own_line;             /* nothing but blanks before it on its line */
};

struct dsl_comments {
	struct dsl_comment *items;
	size_t count, cap;
};

enum { DSL_MAX_DEPTH = 64 };

/* Parses a whole file. Returns the tree (possibly partial after errors) or
 * NULL when nothing usable was read. Comments go to *comments when non-NULL. */
struct doc_node *dsl_parse(const struct source *src, struct arena *a, struct diag *d,
			   struct dsl_comments *comments);

/* Parses and binds a whole file (bind_program of dsl_parse's tree), binding
 * each declaration as soon as it is parsed and reusing its memory: the
 * whole tree is never in memory. NULL after reporting to d. */
struct ast_program *dsl_parse_program(const struct source *src, const struct target_set *ts,
				      struct arena *a, struct diag *d);

#endif
