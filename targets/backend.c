/* What every back end shares: finding a target's back end, the bundle of
 * remote objects a lowering produces, and reading a target's settings with
 * the defaults from its capability table. */
#include "backend.h"

#include <string.h>

#include "../compiler/arena.h"
#include "link.h"

bool backend_numeric_id(const char *id)
{
	size_t n = strspn(id, "0123456789");
	return n > 0 && n <= 15 && id[n] == '\0' && (id[0] != '0' || n == 1);
}

bool backend_numeric_refs(enum target t, const char *kind)
{
	const struct backend *be = backend_for(t);
	for (const char *const *k = be ? be->numeric_ref_kinds : NULL; k && *k; k++)
		if (strcmp(*k, kind) == 0)
			return true;
	return false;
}

const struct backend *backend_for(enum target t)
{
	switch (t) {
	case TARGET_SMARTFLO:
		return &smartflo_backend;
	case TARGET_SONETEL:
		return &sonetel_backend;
	case TARGET_INFOBIP:
		return &infobip_backend;
	default:
		return NULL;
	}
}

void bundle_init(struct bundle *b, struct arena *a, enum target t, const char *project)
{
	memset(b, 0, sizeof *b);
	b->arena = a;
	b->target = t;
	b->project = project;
}

/* The returned object is valid until the next bundle_add (the array grows). */
struct bundle_object *bundle_add(struct bundle *b, const char *kind, const char *name)
{
	struct bundle_object o = {0};
	o.kind = kind;
	o.name = name;
	o.body = cJSON_CreateObject();
	ARENA_PUSH(b->arena, b->objects, b->count, b->cap, o);
	return &b->objects[b->count - 1];
}

/* Records "kind:name" once; link_render sorts them. */
void bundle_add_dep(struct bundle *b, struct bundle_object *o, const char *kind,
		    const char *name)
{
	const char *key = link_key(b->arena, kind, name);
	for (size_t i = 0; i < o->ndeps; i++)
		if (strcmp(o->deps[i], key) == 0)
			return;
	ARENA_PUSH(b->arena, o->deps, o->ndeps, o->capdeps, key);
}

/* Frees the bodies; everything else lives in the arena. */
void bundle_free(struct bundle *b)
{
	for (size_t i = 0; i < b->count; i++) {
		cJSON_Delete(b->objects[i].body);
		b->objects[i].body = NULL;
	}
	b->count = 0;
}

const struct ast_setting *backend_find_setting(const struct ast_settings *s, const char *name)
{
	for (size_t i = 0; i < s->count; i++)
		if (strcmp(s->items[i].key, name) == 0)
			return &s->items[i];
	return NULL;
}

const char *backend_setting_value(const struct ast_settings *s, const char *name)
{
	const struct ast_setting *it = backend_find_setting(s, name);
	if (it && it->value && it->value->kind == DOC_SCALAR)
		return it->value->text;
	return NULL;
}

const char *backend_setting(const struct ast_program *p, const struct target_caps *caps,
			    const char *name)
{
	const char *v = backend_setting_value(&p->targets[caps->target], name);
	if (v)
		return v;
	for (size_t i = 0; i < caps->nsettings; i++)
		if (strcmp(caps->settings[i].name, name) == 0)
			return caps->settings[i].default_value;
	return NULL;
}
