/* Applying an environment's overlay (env.h). */
#include "env.h"

#include <string.h>

#include "arena.h"
#include "caps.h"
#include "codes.h"

const struct ast_env *env_find(const struct ast_program *p, const char *name)
{
	for (size_t i = 0; i < p->nenvs; i++)
		if (strcmp(p->envs[i].name, name) == 0)
			return &p->envs[i];
	return NULL;
}

const char *env_names(const struct ast_program *p, struct arena *a)
{
	const char *text = "";
	for (size_t i = 0; i < p->nenvs; i++)
		text = arena_concat(a, text, i ? ", " : "", p->envs[i].name, (const char *)NULL);
	return text;
}

/* The index of the declaration named `name` among n, or n. */
#define FIND(arr, n, key, out) do { \
	(out) = (n); \
	for (size_t i_ = 0; i_ < (n); i_++) \
		if (strcmp((arr)[i_]->decl.name, (key)) == 0) { \
			(out) = i_; \
			break; \
		} \
} while (0)

/* (check's merge of the environments' runs says which environment.) */
static void undeclared(struct diag *d, const struct ast_decl *o, const char *kind)
{
	diag_error(d, IVR_ENV_UNDECLARED, o->name_span, "the program declares no %s '%s'", kind,
		   o->name);
}

static void recordings(struct ast_program *p, const struct ast_program *ov, struct arena *a,
		       struct diag *d)
{
	size_t nt = p->target_set->count;
	for (size_t k = 0; k < ov->nrecordings; k++) {
		const struct ast_recording *o = ov->recordings[k];
		size_t i;
		FIND(p->recordings, p->nrecordings, o->decl.name, i);
		if (i == p->nrecordings) {
			undeclared(d, &o->decl, "recording");
			continue;
		}
		struct ast_recording *r = arena_alloc(a, sizeof *r);
		*r = *p->recordings[i];
		if (o->ids) {
			const char **ids = arena_alloc(a, (nt ? nt : 1) * sizeof *ids);
			for (size_t t = 0; t < nt; t++)
				ids[t] = o->ids[t] ? o->ids[t] : r->ids ? r->ids[t] : NULL;
			r->ids = ids;
		}
		r->url = o->url ? o->url : r->url;
		r->text = o->text ? o->text : r->text;
		r->language = o->language ? o->language : r->language;
		r->duration = o->duration ? o->duration : r->duration;
		p->recordings[i] = r;
	}
}

static void endpoints(struct ast_program *p, const struct ast_program *ov, struct arena *a,
		      struct diag *d)
{
	size_t nt = p->target_set->count;
	for (size_t k = 0; k < ov->nendpoints; k++) {
		const struct ast_endpoint *o = ov->endpoints[k];
		size_t i;
		FIND(p->endpoints, p->nendpoints, o->decl.name, i);
		if (i == p->nendpoints) {
			undeclared(d, &o->decl, "endpoint");
			continue;
		}
		struct ast_endpoint *e = arena_alloc(a, sizeof *e);
		*e = *p->endpoints[i];
		if (!o->per_target) {
			e->per_target = false;
			e->all = o->all;
		} else {
			/* Per target: the overlay's literal where it has one. */
			struct ast_dest *lit = arena_alloc(a, (nt ? nt : 1) * sizeof *lit);
			for (size_t t = 0; t < nt; t++)
				lit[t] = o->lit[t].kind != DEST_NONE ? o->lit[t] :
					 e->per_target ? e->lit[t] : e->all;
			e->per_target = true;
			e->lit = lit;
		}
		p->endpoints[i] = e;
	}
}

/* A target's settings: the overlay's replace the program's of the same key. */
static void settings(struct ast_program *p, const struct ast_program *ov, struct arena *a,
		     struct diag *d)
{
	for (size_t t = 0; t < p->target_set->count; t++) {
		const struct ast_settings *o = &ov->targets[t];
		struct ast_settings *s = &p->targets[t];
		if (!o->present)
			continue;
		if (!s->present) {
			diag_error(d, IVR_ENV_UNDECLARED, o->span, "the program declares no target "
				   "'%s'", p->target_set->caps[t]->name);
			continue;
		}
		struct ast_setting *items = arena_alloc(a, (s->count + o->count + 1) * sizeof *items);
		size_t n = 0;
		for (size_t i = 0; i < s->count; i++) {
			bool replaced = false;
			for (size_t k = 0; k < o->count; k++)
				replaced |= strcmp(o->items[k].key, s->items[i].key) == 0;
			if (!replaced)
				items[n++] = s->items[i];
		}
		for (size_t k = 0; k < o->count; k++)
			items[n++] = o->items[k];
		s->items = items;
		s->count = n;
	}
}

void env_apply(struct ast_program *p, const struct ast_env *env,
	       const struct ast_program *overlay, struct arena *a, struct diag *d)
{
	p->env = env->name;
	if (!overlay)
		return;
	settings(p, overlay, a, d);
	recordings(p, overlay, a, d);
	endpoints(p, overlay, a, d);
}
