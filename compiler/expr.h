/* Flow expressions (docs/LANGUAGE.md, "Expressions"): the typed tree that
 * grammar/expr.re parses conditions into, and that every consumer reads:
 * the checker, lint's variable rules, the simulator, the Infobip back end
 * (which prints it in Infobip's syntax), graph labels. */
#ifndef IVRC_EXPR_H
#define IVRC_EXPR_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "source.h"

struct arena;

enum expr_kind {
	EX_VAR,        /* name */
	EX_STRING,     /* 'text' */
	EX_NUMBER,     /* as written: 10, 2.5 */
	EX_BOOL,       /* true, false */
	EX_UNARY,      /* op rhs: !, - */
	EX_BINARY,     /* lhs op rhs */
};

/* Operators, loosest first within the binary ones (expr_precedence). */
enum expr_op {
	EXOP_NONE,
	EXOP_OR, EXOP_AND,
	EXOP_EQ, EXOP_NE,
	EXOP_LT, EXOP_LE, EXOP_GT, EXOP_GE,
	EXOP_ADD, EXOP_SUB,
	EXOP_MUL, EXOP_DIV, EXOP_MOD,
	EXOP_NOT, EXOP_NEG,
};

struct ast_expr {
	enum expr_kind kind;
	enum expr_op op;
	uint32_t offset, length;   /* where it is written, in the expression's text */
	struct span span;          /* ... and in the source file (the binder's) */
	const char *text;          /* VAR: the name; STRING: its value; NUMBER: as written */
	bool value;                /* BOOL */
	struct ast_expr *lhs, *rhs;   /* BINARY: both; UNARY: rhs */
};

/* A template: text in which each ${...} is an expression. Its parts in
 * order: text (expr NULL) or one ${...} (text, len: as written). */
struct ast_template_part {
	const char *text;
	size_t len;
	struct ast_expr *expr;
};

struct ast_template {
	struct ast_template_part *parts;
	size_t nparts;
};

/* How tightly a binary operator binds (1: ||, the loosest; 6: * / %). */
int expr_precedence(enum expr_op op);
/* The operator as written: "&&", "==", "!". */
const char *expr_op_text(enum expr_op op);

/* The expression in Infobip's syntax, without the ${...} wrapper: names
 * bare, strings in single quotes, the fewest parentheses that keep the
 * tree. */
const char *expr_print(struct arena *a, const struct ast_expr *e);

/* Calls fn for each variable the expression (the template) reads, in
 * source order. */
typedef void expr_var_fn(void *ctx, const struct ast_expr *var);
void expr_vars(const struct ast_expr *e, expr_var_fn *fn, void *ctx);
void expr_template_vars(const struct ast_template *t, expr_var_fn *fn, void *ctx);

/* The parsers of grammar/expr.h, for the parts that may not include
 * grammar/ (the targets' import): the command line hands them in, as it
 * hands the targets' capabilities to the checker. On failure, *why says
 * what is wrong. */
struct expr_parsers {
	struct ast_expr *(*condition)(struct arena *a, const char *s, size_t n, const char **why);
	bool (*template)(struct arena *a, const char *s, size_t n, struct ast_template *t,
			 const char **why);
};

#endif
