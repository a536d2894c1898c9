/* IVR315: a flow reads a `${variable}` (or names one in a condition or a
 * `switch`) before any step has set it. Steps are taken in document order,
 * which is the order they run in except that a `repeat_while` or
 * `repeat_until` tests its condition after its body; `goto` only jumps back,
 * so a variable set anywhere before the read counts. Infobip's built-ins
 * (flow_builtin_vars) and the program's parameters are set from the start,
 * and a collect or capture also sets VAR_Meaning / VAR_Full. A variable
 * that another flow sets is not reported: a flow inlined into another
 * shares its variables, in an order ivrc does not follow. One finding per
 * variable and flow. */
#include <string.h>

#include "../../compiler/arena.h"
#include "../../compiler/flow_vars.h"
#include "../engine.h"
#include "../util.h"

struct state {
	struct lint_ctx *c;
	struct lint_names set, reported;
	struct lint_names mine;         /* what this flow sets anywhere */
	struct lint_names any, multi;   /* set by some flow, by two or more */
};

static void on_write(void *ctx, const char *name, size_t len, struct span at)
{
	struct state *s = ctx;
	(void)at;
	lint_names_add(&s->set, s->c->a, name, len);
}

static void on_read(void *ctx, const char *name, size_t len, struct span at)
{
	struct state *s = ctx;
	if (lint_names_has(&s->set, name, len) || lint_names_has(&s->multi, name, len) ||
	    (lint_names_has(&s->any, name, len) && !lint_names_has(&s->mine, name, len)) ||
	    !lint_names_add(&s->reported, s->c->a, name, len))
		return;
	lint_report(s->c, at, "'%.*s' is read before any step sets it", (int)len, name);
}

/* Tasks on an explicit stack: the rest of a block, or a condition read
 * after a body. */
struct task {
	const struct ast_block *b;
	size_t i;
	const struct ast_step *after;
};

static void push(struct lint_ctx *c, struct task **t, size_t *n, size_t *cap,
		 const struct ast_block *b, const struct ast_step *after)
{
	struct task x = { b, 0, after };
	ARENA_PUSH(c->a, *t, *n, *cap, x);
}

static void on_mine(void *ctx, const char *name, size_t len, struct span at)
{
	struct state *s = ctx;
	(void)at;
	lint_names_add(&s->mine, s->c->a, name, len);
}

static void collect_writes(void *ctx, const struct ast_step *st)
{
	flow_step_writes(st, on_mine, ctx);
	flow_step_implied(st, on_mine, ctx);
}

static void one_flow(struct state *base, const struct ast_flow *f)
{
	struct lint_ctx *c = base->c;
	struct state s = *base;
	lint_names_init(&s.set, c->a, 16);
	lint_names_init(&s.reported, c->a, 16);
	lint_names_init(&s.mine, c->a, 16);
	ast_each_step(c->a, &f->body, collect_writes, &s);
	for (size_t i = 0; i < FLOW_NBUILTIN_VARS; i++)
		lint_names_add(&s.set, c->a, flow_builtin_vars[i], strlen(flow_builtin_vars[i]));
	for (size_t i = 0; i < c->p->nparams; i++)
		lint_names_add(&s.set, c->a, c->p->params[i].name, strlen(c->p->params[i].name));
	struct task *t = NULL;
	size_t n = 0, cap = 0;
	push(c, &t, &n, &cap, &f->body, NULL);
	while (n > 0) {
		struct task *top = &t[n - 1];
		if (top->after) {
			const struct ast_step *st = top->after;
			n--;
			flow_step_reads_after(st, on_read, &s);
			continue;
		}
		if (top->i >= top->b->count) {
			n--;
			continue;
		}
		const struct ast_step *st = &top->b->steps[top->i++];
		flow_step_reads(st, on_read, &s);
		flow_step_writes(st, on_write, &s);
		flow_step_implied(st, on_write, &s);
		push(c, &t, &n, &cap, NULL, st);
		if (st->has_default)
			push(c, &t, &n, &cap, &st->default_body, NULL);
		for (size_t k = st->ncases; k-- > 0;)
			push(c, &t, &n, &cap, &st->cases[k].body, NULL);
		if (st->has_else)
			push(c, &t, &n, &cap, &st->else_body, NULL);
		push(c, &t, &n, &cap, &st->body, NULL);
	}
}

static void check(struct lint_ctx *c)
{
	struct state s = { .c = c };
	lint_names_init(&s.any, c->a, 16);
	lint_names_init(&s.multi, c->a, 16);
	for (size_t i = 0; i < c->p->nflows; i++) {
		lint_names_init(&s.mine, c->a, 16);
		ast_each_step(c->a, &c->p->flows[i]->body, collect_writes, &s);
		for (size_t k = 0; k < s.mine.cap; k++)
			if (s.mine.keys[k] &&
			    !lint_names_add(&s.any, c->a, s.mine.keys[k], s.mine.lens[k]))
				lint_names_add(&s.multi, c->a, s.mine.keys[k], s.mine.lens[k]);
	}
	for (size_t i = 0; i < c->p->nflows; i++)
		one_flow(&s, c->p->flows[i]);
}

const struct lint_rule lint_rule_variable_read_before_write = {
	.code = 315,
	.name = "variable-read-before-write",
	.severity = SEV_WARNING,
	.summary = "a flow variable read before any step sets it",
	.program = check,
};
