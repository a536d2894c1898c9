/* IVR322: a condition that reads no variable (`1 == 1`, `'a' != 'b'`,
 * `true`): it always goes the same way, so its other branch never runs, or
 * its loop never ends or never starts. */
#include "../../compiler/expr.h"
#include "../engine.h"
#include "../util.h"

static void count_var(void *ctx, const struct ast_expr *var)
{
	(void)var;
	++*(size_t *)ctx;
}

static void step(void *ctx, const struct ast_step *st)
{
	struct lint_ctx *c = ctx;
	size_t vars = 0;
	if (!st->cond_expr)
		return;
	expr_vars(st->cond_expr, count_var, &vars);
	if (vars == 0)
		lint_report(c, st->cond_expr->span, "the condition of this '%s' reads no variable: "
			    "it always goes the same way", ast_step_names[st->kind]);
}

static void check(struct lint_ctx *c, const struct ast_flow *f)
{
	ast_each_step(c->a, &f->body, step, c);
}

const struct lint_rule lint_rule_constant_condition = {
	.code = 322,
	.name = "constant-condition",
	.severity = SEV_NOTE,
	.summary = "a condition that reads no variable",
	.flow = check,
};
