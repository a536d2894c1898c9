/* IVR505: a step label that no `goto` of its flow names. */
#include <string.h>

#include "../../compiler/arena.h"
#include "../engine.h"
#include "../util.h"

struct state {
	struct lint_ctx *c;
	struct lint_names targets;
	bool report;
};

static void step(void *ctx, const struct ast_step *st)
{
	struct state *s = ctx;
	if (!s->report) {
		if (st->kind == STEP_GOTO && st->to.kind == DEST_NAME && st->to.id)
			lint_names_add(&s->targets, s->c->a, st->to.id, strlen(st->to.id));
	} else if (st->label && !lint_names_has(&s->targets, st->label, strlen(st->label))) {
		lint_report(s->c, st->label_span, "label '%s' is never the target of a 'goto'",
			    st->label);
	}
}

static void check(struct lint_ctx *c, const struct ast_flow *f)
{
	struct state s = { .c = c };
	lint_names_init(&s.targets, c->a, 8);
	ast_each_step(c->a, &f->body, step, &s);
	s.report = true;
	ast_each_step(c->a, &f->body, step, &s);
}

const struct lint_rule lint_rule_unused_label = {
	.code = 505,
	.name = "unused-label",
	.severity = SEV_NOTE,
	.summary = "a step label that no 'goto' names",
	.flow = check,
};
