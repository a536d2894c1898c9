/* Printing a document tree back out: the canonical DSL layout (fmt, convert
 * --to dsl) and YAML through libyaml's emitter (convert --to yaml). */
#ifndef IVRC_PRINTER_H
#define IVRC_PRINTER_H
#include <stdbool.h>
#include <stdio.h>
#include "../compiler/ast.h"
#include "dsl_parser.h"

/* Writes the tree in the canonical DSL layout. Comments (may be NULL) are
 * placed by their source position. Returns a malloc'ed string. */
char *dsl_print(const struct doc_node *root, const struct dsl_comments *comments);

/* Writes the tree as YAML with libyaml's emitter. Returns a malloc'ed string,
 * or NULL when the emitter fails. */
char *yaml_print(const struct doc_node *root);

/* The same, with the comments of the file the tree was read from (may be
 * NULL), placed by position (grammar/yaml_commented.c). */
char *yaml_print_commented(const struct doc_node *root, const struct dsl_comments *comments);

#endif
