/* IVR320: a variable that `collect`, `capture`, `set` or a `call_api`'s
 * `response_fields` sets and that no flow ever reads. All flows count, since
 * a flow inlined into another shares its variables. */
#include "../../compiler/arena.h"
#include "../../compiler/flow_vars.h"
#include "../engine.h"
#include "../util.h"

struct state {
	struct lint_ctx *c;
	struct lint_names read;
	bool report;
};

static void on_read(void *ctx, const char *name, size_t len, struct span at)
{
	struct state *s = ctx;
	(void)at;
	lint_names_add(&s->read, s->c->a, name, len);
}

static void on_write(void *ctx, const char *name, size_t len, struct span at)
{
	struct state *s = ctx;
	if (!lint_names_has(&s->read, name, len))
		lint_report(s->c, at, "'%.*s' is set here but never read", (int)len, name);
}

static void step(void *ctx, const struct ast_step *st)
{
	struct state *s = ctx;
	if (!s->report) {
		flow_step_reads(st, on_read, s);
		flow_step_reads_after(st, on_read, s);
	} else if (st->kind != STEP_FOR_EACH && st->kind != STEP_GOTO) {
		flow_step_writes(st, on_write, s);
	}
}

static void check(struct lint_ctx *c)
{
	struct state s = { .c = c };
	lint_names_init(&s.read, c->a, 16);
	for (int pass = 0; pass < 2; pass++) {
		s.report = pass == 1;
		for (size_t i = 0; i < c->p->nflows; i++)
			ast_each_step(c->a, &c->p->flows[i]->body, step, &s);
	}
}

const struct lint_rule lint_rule_unused_variable = {
	.code = 320,
	.name = "unused-variable",
	.severity = SEV_NOTE,
	.summary = "a flow variable that is set but never read",
	.program = check,
};
