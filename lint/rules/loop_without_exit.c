/* IVR317: a `while`, `repeat_while` or `repeat_until` that cannot end: its
 * condition reads no variable that a step inside the loop sets, and no step
 * inside leaves it (hangup, a dial, goto menu:X, a goto to a label outside
 * the loop). */
#include <string.h>

#include "../../compiler/arena.h"
#include "../../compiler/flow_vars.h"
#include "../engine.h"
#include "../util.h"

struct state {
	struct lint_ctx *c;
	struct lint_names written, labels;
	bool changes, leaves;
};

static void on_write(void *ctx, const char *name, size_t len, struct span at)
{
	struct state *s = ctx;
	(void)at;
	lint_names_add(&s->written, s->c->a, name, len);
}

static void on_cond(void *ctx, const char *name, size_t len, struct span at)
{
	struct state *s = ctx;
	(void)at;
	s->changes |= lint_names_has(&s->written, name, len);
}

static void collect(void *ctx, const struct ast_step *st)
{
	struct state *s = ctx;
	flow_step_writes(st, on_write, s);
	if (st->label)
		lint_names_add(&s->labels, s->c->a, st->label, strlen(st->label));
}

static void find_exit(void *ctx, const struct ast_step *st)
{
	struct state *s = ctx;
	if (lint_step_ends(st))
		s->leaves = true;
	else if (st->kind == STEP_GOTO && st->to.kind == DEST_NAME &&
		 !lint_names_has(&s->labels, st->to.id, strlen(st->to.id)))
		s->leaves = true;
}

static void check(struct lint_ctx *c, const struct ast_flow *f, const struct ast_block *b,
		  size_t i)
{
	(void)f;
	const struct ast_step *st = &b->steps[i];
	if (st->kind != STEP_WHILE && st->kind != STEP_REPEAT_WHILE &&
	    st->kind != STEP_REPEAT_UNTIL)
		return;
	struct state s = { .c = c };
	lint_names_init(&s.written, c->a, 8);
	lint_names_init(&s.labels, c->a, 8);
	if (st->label)
		lint_names_add(&s.labels, c->a, st->label, strlen(st->label));
	ast_each_step(c->a, &st->body, collect, &s);
	flow_cond_vars(st->cond_expr, on_cond, &s);
	ast_each_step(c->a, &st->body, find_exit, &s);
	if (s.changes || s.leaves)
		return;
	lint_report(c, st->span,
		    "this '%s' never ends: its condition reads nothing the loop sets, and no "
		    "step in it leaves", ast_step_names[st->kind]);
}

const struct lint_rule lint_rule_loop_without_exit = {
	.code = 317,
	.name = "loop-without-exit",
	.severity = SEV_WARNING,
	.summary = "a while loop whose condition nothing inside changes and that nothing leaves",
	.step = check,
};
