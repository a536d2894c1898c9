/* What every lowering shares: the bundle of remote objects it produces,
 * and reading a target's settings with the defaults from its capability
 * table. */
#include "target.h"

#include <string.h>

#include "../compiler/arena.h"
#include "link.h"

bool bundle_numeric_id(const char *id)
{
	size_t n = strspn(id, "0123456789");
	return n > 0 && n <= 15 && id[n] == '\0' && (id[0] != '0' || n == 1);
}

bool target_numeric_refs(const struct target *t, const char *kind)
{
	for (const char *const *k = t->numeric_ref_kinds; k && *k; k++)
		if (strcmp(*k, kind) == 0)
			return true;
	return false;
}

void bundle_init(struct bundle *b, struct arena *a, const struct target *t, const char *project)
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

void bundle_reserve(struct bundle *b, size_t n)
{
	if (b->count || n <= b->cap)
		return;
	b->objects = arena_alloc(b->arena, n * sizeof *b->objects);
	b->cap = n;
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

void lowering_run(struct lowering l, struct bundle *out, struct diag *d)
{
	cJSON_Delete(out->calendars);
	out->calendars = l.calendars;
	for (size_t i = 0; i < l.count; i++) {
		size_t from = out->count;
		l.object(&l, i, out, d);
		for (size_t k = from; k < out->count; k++)
			out->objects[k].made_by = i;
	}
}

/* Frees the bodies; everything else lives in the arena. */
void bundle_free(struct bundle *b)
{
	for (size_t i = 0; i < b->count; i++) {
		cJSON_Delete(b->objects[i].body);
		b->objects[i].body = NULL;
	}
	b->count = 0;
	cJSON_Delete(b->calendars);
	b->calendars = NULL;
}

const struct ast_setting *settings_find(const struct ast_settings *s, const char *name)
{
	for (size_t i = 0; i < s->count; i++)
		if (strcmp(s->items[i].key, name) == 0)
			return &s->items[i];
	return NULL;
}

const char *settings_value(const struct ast_settings *s, const char *name)
{
	return ast_setting_text(s, name);
}

const char *target_setting(const struct ast_program *p, const struct target_caps *caps,
			   const char *name)
{
	int i = ast_target_index(p, caps->name);
	const char *v = i >= 0 ? settings_value(&p->targets[i], name) : NULL;
	return v ? v : target_setting_default(caps, name);
}

const char *target_setting_default(const struct target_caps *caps, const char *name)
{
	for (size_t i = 0; i < caps->nsettings; i++)
		if (strcmp(caps->settings[i].name, name) == 0)
			return caps->settings[i].default_value;
	return NULL;
}

/* The value of placeholder pat[0..n) ("project", "env"), or NULL for {name}. */
static const char *placeholder(const struct ast_program *p, const char *pat, size_t n)
{
	if (n == 7 && strncmp(pat, "project", 7) == 0)
		return p->name ? p->name : "";
	if (n == 3 && strncmp(pat, "env", 3) == 0)
		return p->env ? p->env : "";
	return NULL;
}

const char *target_remote_name(struct arena *a, const struct ast_program *p,
			       const struct target_caps *caps, const char *name)
{
	const char *pat = target_setting(p, caps, "remote_name"), *out = "";
	while (*pat) {
		const char *open = strchr(pat, '{'), *close = open ? strchr(open, '}') : NULL;
		if (!close) {
			out = arena_concat(a, out, pat, (const char *)NULL);
			break;
		}
		const char *v = placeholder(p, open + 1, (size_t)(close - open - 1));
		out = arena_printf(a, "%s%.*s%s", out, (int)(open - pat), pat, v ? v : name);
		pat = close + 1;
	}
	return out;
}

/* Whether s matches pat, {name} being any non-empty text (check allows
 * only {project}, {env} and {name}; recursion: one level per {name}). */
static bool matches(const struct ast_program *p, const char *pat, const char *s)
{
	while (*pat) {
		const char *close = *pat == '{' ? strchr(pat, '}') : NULL;
		if (!close) {
			if (*s++ != *pat++)
				return false;
			continue;
		}
		const char *v = placeholder(p, pat + 1, (size_t)(close - pat - 1));
		pat = close + 1;
		if (v) {
			size_t n = strlen(v);
			if (strncmp(s, v, n) != 0)
				return false;
			s += n;
			continue;
		}
		for (const char *rest = s + 1; rest <= s + strlen(s); rest++)
			if (*s && matches(p, pat, rest))
				return true;
		return false;
	}
	return *s == '\0';
}

bool target_name_is_ours(const struct ast_program *p, const struct target_caps *caps,
			 const char *remote_name)
{
	return matches(p, target_setting(p, caps, "remote_name"), remote_name);
}
