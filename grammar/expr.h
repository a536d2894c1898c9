/* The flow expression parser (expr.re): a condition or a `${...}` of a set
 * value, into the tree of compiler/expr.h. docs/LANGUAGE.md, "Expressions",
 * has the grammar and the subset of Infobip's expressions it takes. */
#ifndef IVRC_GRAMMAR_EXPR_H
#define IVRC_GRAMMAR_EXPR_H
#include <stddef.h>
#include "../compiler/expr.h"
#include "scalar.h"

struct arena;

/* Parentheses and unary operators nest at most this deep. */
enum { EXPR_MAX_DEPTH = 64 };

/* Parses s[0..n): one expression, written bare (`tier == 'gold'`), with
 * `${...}` around each variable (`${tier} == 'gold'`), or with one
 * `${...}` around it all; all three give the same tree. NULL with *e (the
 * byte offset in s, and a message with a fix where one is likely) when it
 * is not one. */
struct ast_expr *expr_parse(struct arena *a, const char *s, size_t n, struct lex_error *e);

#endif
