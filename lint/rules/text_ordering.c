/* IVR321: `<`, `<=`, `>` or `>=` between two texts (variables, 'strings'),
 * which Infobip's expression language orders character by character:
 * '10' < '9'. Collected digits and counters set by `set` are text. Each
 * side's type is the tree's (compiler/expr.h): a number literal and
 * arithmetic are numbers, comparisons true or false, the rest text. */
#include "../../compiler/expr.h"
#include "../engine.h"
#include "../util.h"

static bool is_text(const struct ast_expr *e)
{
	return e->kind == EX_VAR || e->kind == EX_STRING;
}

static bool ordering(enum expr_op op)
{
	return op == EXOP_LT || op == EXOP_LE || op == EXOP_GT || op == EXOP_GE;
}

/* Recursion is bounded by the parser's caps (grammar/expr.h). */
static void walk(struct lint_ctx *c, const struct ast_expr *e)
{
	if (!e)
		return;
	if (e->kind == EX_BINARY && ordering(e->op) && is_text(e->lhs) && is_text(e->rhs))
		lint_report(c, e->span, "'%s' between two texts orders them character by "
			    "character ('10' < '9' is true): make one side a number to compare "
			    "numbers (n < 9, or n < m + 0)", expr_op_text(e->op));
	walk(c, e->lhs);
	walk(c, e->rhs);
}

static void step(void *ctx, const struct ast_step *st)
{
	struct lint_ctx *c = ctx;
	walk(c, st->cond_expr);
	for (const struct ast_step_template *t = st->templates; t; t = t->next)
		for (size_t i = 0; i < t->tpl.nparts; i++)
			walk(c, t->tpl.parts[i].expr);
}

static void check(struct lint_ctx *c, const struct ast_flow *f)
{
	ast_each_step(c->a, &f->body, step, c);
}

const struct lint_rule lint_rule_text_ordering = {
	.code = 321,
	.name = "text-ordering",
	.severity = SEV_WARNING,
	.summary = "'<', '<=', '>' or '>=' between two texts, which order character by character",
	.flow = check,
};
