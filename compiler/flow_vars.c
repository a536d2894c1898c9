/* The variables of flow steps (flow_vars.h). */
#include "flow_vars.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "codes.h"
#include "diag.h"
#include "expr.h"

const char *const flow_builtin_vars[FLOW_NBUILTIN_VARS] = {
	"to", "from", "startTime", "answerTime", "machineAnswered",
};

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

void flow_step_implied(const struct ast_step *s, flow_var_fn *fn, void *ctx)
{
	if (s->var_implied)
		fn(ctx, s->var_implied, strlen(s->var_implied), s->var_span);
}

/* ---------- check: variables nothing sets ---------- */

struct known {
	struct arena *a;
	const char **names;
	size_t n, cap;
};

static void add_known(void *ctx, const char *name, size_t len, struct span at)
{
	struct known *k = ctx;
	(void)at;
	const char *copy = arena_strndup(k->a, name, len);
	ARENA_PUSH(k->a, k->names, k->n, k->cap, copy);
}

static void add_writes(void *ctx, const struct ast_step *st)
{
	flow_step_writes(st, add_known, ctx);
	flow_step_implied(st, add_known, ctx);
}

static int by_name(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

struct reads {
	const struct known *known;
	struct diag *d;
};

static void check_read(void *ctx, const char *name, size_t len, struct span at)
{
	const struct reads *r = ctx;
	const char *key = arena_strndup(r->known->a, name, len);
	if (bsearch(&key, r->known->names, r->known->n, sizeof key, by_name))
		return;
	const char *hint = diag_suggest(key, r->known->names, r->known->n);
	if (hint)
		diag_error(r->d, IVR_UNSET_VARIABLE, at, "variable '%s' is never set; did you "
			   "mean '%s'?", key, hint);
	else
		diag_error(r->d, IVR_UNSET_VARIABLE, at, "variable '%s' is never set: no step "
			   "sets it, and it is not a parameter or one of Infobip's (to, from, "
			   "startTime, answerTime, machineAnswered)", key);
}

static void check_reads(void *ctx, const struct ast_step *st)
{
	flow_step_reads(st, check_read, ctx);
	flow_step_reads_after(st, check_read, ctx);
}

static int by_param(const void *x, const void *y)
{
	const struct ast_param *a = x, *b = y;
	int c = strcmp(a->name, b->name);
	return c ? c : (a->span.offset > b->span.offset) - (a->span.offset < b->span.offset);
}

void flow_check_vars(const struct ast_program *p, struct arena *a, struct diag *d)
{
	struct known k = { .a = a };
	struct ast_param *params = arena_alloc(a, (p->nparams + 1) * sizeof *params);
	if (p->nparams)
		memcpy(params, p->params, p->nparams * sizeof *params);
	qsort(params, p->nparams, sizeof *params, by_param);
	for (size_t i = 0; i < p->nparams; i++) {
		if (i && strcmp(params[i - 1].name, params[i].name) == 0)
			diag_error(d, IVR_UNSET_VARIABLE, params[i].span,
				   "parameter '%s' is listed twice", params[i].name);
		ARENA_PUSH(a, k.names, k.n, k.cap, params[i].name);
	}
	for (size_t i = 0; i < FLOW_NBUILTIN_VARS; i++)
		ARENA_PUSH(a, k.names, k.n, k.cap, flow_builtin_vars[i]);
	for (size_t i = 0; i < p->nflows; i++)
		ast_each_step(a, &p->flows[i]->body, add_writes, &k);
	/* Sorted and each once: looked up by bsearch, suggested from. */
	qsort(k.names, k.n, sizeof *k.names, by_name);
	size_t unique = 0;
	for (size_t i = 0; i < k.n; i++)
		if (!unique || strcmp(k.names[unique - 1], k.names[i]) != 0)
			k.names[unique++] = k.names[i];
	k.n = unique;
	struct reads r = { &k, d };
	for (size_t i = 0; i < p->nflows; i++)
		ast_each_step(a, &p->flows[i]->body, check_reads, &r);
}
