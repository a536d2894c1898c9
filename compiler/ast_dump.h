/* The typed program as JSON, without source positions: two files whose
 * dumps are equal mean the same thing (convert's round trip is tested so). */
#ifndef IVRC_AST_DUMP_H
#define IVRC_AST_DUMP_H
#include <cJSON.h>
#include "ast.h"

cJSON *ast_dump(const struct ast_program *p);

#endif
