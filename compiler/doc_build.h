/* Building a document tree (struct doc_node, ast.h) in code, for the
 * printers of grammar/printer.h: what `import` writes back as a file and
 * what `paths --emit-tests` prints. Every node is in the arena. */
#ifndef IVRC_DOC_BUILD_H
#define IVRC_DOC_BUILD_H
#include <stdbool.h>
#include "ast.h"

struct arena;

struct doc_node *doc_new_map(struct arena *a);
struct doc_node *doc_new_seq(struct arena *a);
/* A scalar holding a copy of text (NULL: ""); quoted: always a string. A
 * plain one that would read back as null ("", "~", "null") is quoted. */
struct doc_node *doc_new_scalar(struct arena *a, const char *text, bool quoted);
/* Adds key: v at the end of a mapping (the key a plain scalar). */
void doc_put(struct arena *a, struct doc_node *map, const char *key, struct doc_node *v);
/* Adds an item at the end of a sequence. */
void doc_push(struct arena *a, struct doc_node *seq, struct doc_node *item);

#endif
