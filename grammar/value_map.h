/* Where the bytes of a scalar's value are in its source file, so that a
 * finding inside a value (a token of an expression, an id in a
 * destination) points at its column: at once for a value written as it is
 * (plain, or quoted without escapes); through a table for one written with
 * escapes (YAML's `''`, `\t`, `\u00e9`, the DSL's `\u{e9}`) or as a block
 * scalar (`|`, `>`). A value whose bytes cannot be placed (a quoted scalar
 * over several lines, folded empty lines, an explicit indentation) is
 * placed as a whole. */
#ifndef IVRC_VALUE_MAP_H
#define IVRC_VALUE_MAP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../compiler/ast.h"

struct value_map {
	const struct source *src;
	const struct doc_node *node;
	bool verbatim;             /* value byte i is at start + i */
	size_t start;
	uint32_t *at;              /* else value byte i is at at[i], the end at at[len]; or NULL */
};

void value_map_init(struct value_map *m, const struct source *src, const struct doc_node *n);
void value_map_free(struct value_map *m);

/* The span of value bytes [off, off + len) in the source (clamped to the
 * value); the whole scalar when the map cannot place them. */
struct span value_map_span(const struct value_map *m, size_t off, size_t len);

#endif
