/* Helpers over the document tree (compiler/ast.h) shared by both front ends. */
#ifndef IVRC_DOC_H
#define IVRC_DOC_H
#include "../compiler/ast.h"
#include "../compiler/diag.h"

/* Reports every scalar key that appears twice in the mapping, at its second
 * place (IVR104); O(n). */
void doc_check_duplicates(const struct doc_node *map, struct diag *d);

#endif
