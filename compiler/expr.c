/* Flow expressions (expr.h): printing and walking the tree. Recursion is
 * bounded: the parser refuses expressions nested deeper than
 * EXPR_MAX_DEPTH or with more than EXPR_MAX_OPERATORS operators
 * (grammar/expr.h). */
#include "expr.h"
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
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
static void print_string(FILE *out, const char *s)
{
	fputc('\'', out);
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			fputc('\\', out);
		fputc(*s, out);
	}
	fputc('\'', out);
}

static void print(FILE *out, const struct ast_expr *e);

/* e, parenthesized when it binds looser than its place needs (right: the
 * right operand of a left-associative operator of that precedence). */
static void print_operand(FILE *out, const struct ast_expr *e, int need, bool right)
{
	int p = e->kind == EX_BINARY ? expr_precedence(e->op) : 8;
	bool paren = p < need || (right && p == need);
	if (paren)
		fputc('(', out);
	print(out, e);
	if (paren)
		fputc(')', out);
}

static void print(FILE *out, const struct ast_expr *e)
{
	switch (e->kind) {
	case EX_VAR:
	case EX_NUMBER:
		fputs(e->text, out);
		break;
	case EX_STRING:
		print_string(out, e->text);
		break;
	case EX_BOOL:
		fputs(e->value ? "true" : "false", out);
		break;
	case EX_UNARY:
		fputs(expr_op_text(e->op), out);
		/* "- -x", not "--x", which JavaScript reads as a decrement. */
		if (e->op == EXOP_NEG && e->rhs->kind == EX_UNARY && e->rhs->op == EXOP_NEG)
			fputc(' ', out);
		print_operand(out, e->rhs, 7, false);
		break;
	case EX_BINARY: {
		int p = expr_precedence(e->op);
		print_operand(out, e->lhs, p, false);
		fprintf(out, " %s ", expr_op_text(e->op));
		print_operand(out, e->rhs, p, true);
		break;
	}
	}
}

/* One stream for the whole tree: building the text bottom up would copy
 * each operand once per level above it. */
const char *expr_print(struct arena *a, const struct ast_expr *e)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	if (!out)
		abort();
	print(out, e);
	if (fclose(out) != 0)
		abort();
	const char *text = arena_strndup(a, buf, len);
	free(buf);
	return text;
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

void expr_template_vars(const struct ast_template *t, expr_var_fn *fn, void *ctx)
{
	for (size_t i = 0; t && i < t->nparts; i++)
		expr_vars(t->parts[i].expr, fn, ctx);
}
