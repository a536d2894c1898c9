/* Selecting and applying an environment (environment.h). */
#include "environment.h"

#include <stdio.h>
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/codes.h"
#include "../compiler/env.h"
#include "../grammar/bind.h"
#include "../grammar/yaml_loader.h"
#include "../targets/target.h"
#include "includes.h"
#include "load.h"

/* The overlay of an environment written in its own file (read beside the
 * root), or NULL after a finding. */
static struct ast_program *overlay_file(const struct ast_env *env, const char *root,
					struct arena *a, struct diag *d)
{
	const char *path = includes_beside(a, root, env->file.path);
	const char *err = NULL;
	struct source *src = source_read(a, path, &err);
	if (!src) {
		diag_error(d, IVR_INCLUDE, env->file.span, "cannot read '%s': %s", path, err);
		return NULL;
	}
	struct doc_node *doc = load_is_dsl(path, NULL) ? dsl_parse(src, a, d, NULL) :
			       yaml_load(src, a, d);
	if (!doc)
		return NULL;
	return bind_overlay(doc, src, target_set(), arena_printf(a, "the file of environment '%s'",
								  env->name), a, d);
}

bool environment_select(struct ast_program *p, const char *path, const char *name, bool need,
			struct arena *a, struct diag *d)
{
	if (!p->nenvs) {
		if (name)
			fprintf(stderr, "ivrc: %s declares no environments (--env %s)\n", path, name);
		return !name;
	}
	if (!name) {
		if (need)
			fprintf(stderr, "ivrc: %s declares environments (%s): give --env NAME\n",
				path, env_names(p, a));
		return !need;
	}
	const struct ast_env *env = env_find(p, name);
	if (!env) {
		fprintf(stderr, "ivrc: %s has no environment '%s' (%s)\n", path, name,
			env_names(p, a));
		return false;
	}
	const struct ast_program *overlay = env->file.path ? overlay_file(env, path, a, d) :
					    env->overlay;
	env_apply(p, env, overlay, a, d);
	return true;
}

/* The same finding of two runs (each read the files anew: by path). */
static bool same(const struct finding *x, const struct finding *y)
{
	bool files = x->span.src == y->span.src ||
		     (x->span.src && y->span.src && strcmp(x->span.src->path, y->span.src->path) == 0);
	return files && x->span.offset == y->span.offset &&
	       x->code == y->code && x->severity == y->severity &&
	       strcmp(x->message, y->message) == 0;
}

static bool has(const struct diag *run, const struct finding *f)
{
	for (size_t i = 0; i < run->n; i++)
		if (same(&run->items[i], f))
			return true;
	return false;
}

void environment_merge(struct diag *d, const struct ast_program *p, struct diag *runs)
{
	size_t n = p->nenvs;
	for (size_t e = 0; e < n; e++) {
		for (size_t i = 0; i < runs[e].n; i++) {
			const struct finding *f = &runs[e].items[i];
			bool earlier = false, everywhere = true;
			for (size_t k = 0; k < e && !earlier; k++)
				earlier = has(&runs[k], f);
			for (size_t k = 0; k < n; k++)
				everywhere &= has(&runs[k], f);
			if (everywhere && earlier)
				continue;           /* said once already */
			struct finding *g = everywhere
				? diag_add(d, f->severity, f->code, f->span, "%s", f->message)
				: diag_add(d, f->severity, f->code, f->span, "%s (environment '%s')",
					   f->message, p->envs[e].name);
			if (g) {
				g->related = f->related;
				g->nrelated = f->nrelated;
				g->related_what = f->related_what;
			}
		}
	}
}
