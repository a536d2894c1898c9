/* The variables of flow steps (flow_vars.h). */
#include "flow_vars.h"

#include <string.h>

#include "expr.h"

struct cond_walk {
	flow_var_fn *fn;
	void *ctx;
};

static void cond_var(void *ctx, const struct ast_expr *v)
{
	const struct cond_walk *w = ctx;
	w->fn(w->ctx, v->text, strlen(v->text), v->span);
}

void flow_cond_vars(const struct ast_expr *cond, flow_var_fn *fn, void *ctx)
{
	struct cond_walk w = { fn, ctx };
	expr_vars(cond, cond_var, &w);
}

void flow_step_reads(const struct ast_step *s, flow_var_fn *fn, void *ctx)
{
	struct cond_walk w = { fn, ctx };
	if (s->kind == STEP_SWITCH && s->var)
		fn(ctx, s->var, strlen(s->var), s->var_span);
	if (s->kind == STEP_IF || s->kind == STEP_WHILE)
		flow_cond_vars(s->cond_expr, fn, ctx);
	for (const struct ast_step_template *t = s->templates; t; t = t->next)
		expr_template_vars(&t->tpl, cond_var, &w);
}

void flow_step_reads_after(const struct ast_step *s, flow_var_fn *fn, void *ctx)
{
	if (s->kind == STEP_REPEAT_WHILE || s->kind == STEP_REPEAT_UNTIL)
		flow_cond_vars(s->cond_expr, fn, ctx);
}

void flow_step_writes(const struct ast_step *s, flow_var_fn *fn, void *ctx)
{
	switch (s->kind) {
	case STEP_COLLECT:
	case STEP_CAPTURE:
	case STEP_SET:
	case STEP_FOR_EACH:
		if (s->var)
			fn(ctx, s->var, strlen(s->var), s->var_span);
		break;
	case STEP_CALL_API: {
		const struct doc_node *f = ast_step_arg(s, "response_fields");
		for (size_t i = 0; f && f->kind == DOC_SEQ && i < f->count; i++)
			if (f->items[i]->kind == DOC_SCALAR)
				fn(ctx, f->items[i]->text, strlen(f->items[i]->text),
				   f->items[i]->span);
		break;
	}
	case STEP_GOTO: {
		const struct doc_node *c = ast_step_arg(s, "counter");
		if (c && c->kind == DOC_SCALAR)
			fn(ctx, c->text, strlen(c->text), c->span);
		break;
	}
	default:
		break;
	}
}
