/* Flow expressions (expr.h): printing and walking the tree. Recursion is
 * bounded: the parser refuses expressions nested deeper than
 * EXPR_MAX_DEPTH (grammar/expr.h). */
#include "expr.h"
#include "arena.h"

#include <string.h>

int expr_precedence(enum expr_op op)
{
	switch (op) {
	case EXOP_OR: return 1;
	case EXOP_AND: return 2;
	case EXOP_EQ: case EXOP_NE: return 3;
	case EXOP_LT: case EXOP_LE: case EXOP_GT: case EXOP_GE: return 4;
	case EXOP_ADD: case EXOP_SUB: return 5;
	case EXOP_MUL: case EXOP_DIV: case EXOP_MOD: return 6;
	default: return 7;       /* unary */
	}
}

const char *expr_op_text(enum expr_op op)
{
	static const char *const text[] = {
		[EXOP_NONE] = "", [EXOP_OR] = "||", [EXOP_AND] = "&&", [EXOP_EQ] = "==",
		[EXOP_NE] = "!=", [EXOP_LT] = "<", [EXOP_LE] = "<=", [EXOP_GT] = ">",
		[EXOP_GE] = ">=", [EXOP_ADD] = "+", [EXOP_SUB] = "-", [EXOP_MUL] = "*",
		[EXOP_DIV] = "/", [EXOP_MOD] = "%", [EXOP_NOT] = "!", [EXOP_NEG] = "-",
	};
	return text[op];
}

/* A string literal: single quotes, with \ before a quote or a backslash. */
static const char *quoted(struct arena *a, const char *s)
{
	size_t n = strlen(s), k = 0;
	char *out = arena_alloc(a, 2 * n + 3);
	out[k++] = '\'';
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\'' || s[i] == '\\')
			out[k++] = '\\';
		out[k++] = s[i];
	}
	out[k++] = '\'';
	out[k] = '\0';
	return out;
}

/* e, parenthesized when it binds looser than its place needs (right: the
 * right operand of a left-associative operator of that precedence). */
static const char *operand(struct arena *a, const struct ast_expr *e, int need, bool right)
{
	const char *s = expr_print(a, e);
	int p = e->kind == EX_BINARY ? expr_precedence(e->op) : 8;
	if (p < need || (right && p == need))
		return arena_printf(a, "(%s)", s);
	return s;
}

const char *expr_print(struct arena *a, const struct ast_expr *e)
{
	switch (e->kind) {
	case EX_VAR:
	case EX_NUMBER:
		return e->text;
	case EX_STRING:
		return quoted(a, e->text);
	case EX_BOOL:
		return e->value ? "true" : "false";
	case EX_UNARY:
		/* "- -x", not "--x", which JavaScript reads as a decrement. */
		return arena_printf(a, "%s%s%s", expr_op_text(e->op),
				    e->op == EXOP_NEG && e->rhs->kind == EX_UNARY &&
				    e->rhs->op == EXOP_NEG ? " " : "",
				    operand(a, e->rhs, 7, false));
	case EX_BINARY: {
		int p = expr_precedence(e->op);
		return arena_printf(a, "%s %s %s", operand(a, e->lhs, p, false), expr_op_text(e->op),
				    operand(a, e->rhs, p, true));
	}
	}
	return "";
}

void expr_vars(const struct ast_expr *e, expr_var_fn *fn, void *ctx)
{
	if (!e)
		return;
	if (e->kind == EX_VAR)
		fn(ctx, e);
	expr_vars(e->lhs, fn, ctx);
	expr_vars(e->rhs, fn, ctx);
}
