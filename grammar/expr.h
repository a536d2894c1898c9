/* The flow expression parser (expr.re): a condition or a `${...}` of a set
 * value, into the tree of compiler/expr.h. docs/LANGUAGE.md, "Expressions",
 * has the grammar and the subset of Infobip's expressions it takes. */
#ifndef IVRC_GRAMMAR_EXPR_H
#define IVRC_GRAMMAR_EXPR_H
#include <stdbool.h>
#include <stddef.h>
#include "../compiler/expr.h"
#include "scalar.h"

struct arena;

/* Parentheses and unary operators nest at most this deep, and one
 * expression holds at most this many binary operators: the tree's walkers
 * recurse, and a chain of operators is as deep as it is long. */
enum { EXPR_MAX_DEPTH = 64, EXPR_MAX_OPERATORS = 1000 };

/* Parses s[0..n): one expression, written bare (`tier == 'gold'`), with
 * `${...}` around each variable (`${tier} == 'gold'`), or with one
 * `${...}` around it all; all three give the same tree. NULL with *e (the
 * byte offset in s, and a message with a fix where one is likely) when it
 * is not one. */
struct ast_expr *expr_parse(struct arena *a, const char *s, size_t n, struct lex_error *e);

/* Parses a template s[0..n): text in which each `${...}` is one expression
 * (written bare inside: `Hello ${name}`, `${tries + 1}`); a `$` not
 * followed by `{` is text. false with *e when a `${` is not closed, is
 * empty, holds another `${` or does not hold an expression. */
bool expr_template_parse(struct arena *a, const char *s, size_t n, struct ast_template *t,
			 struct lex_error *e);

/* The two above as struct expr_parsers (compiler/expr.h). */
extern const struct expr_parsers expr_parsers;

#endif
