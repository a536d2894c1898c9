/* A target: one provider, described in one struct by its own folder
 * (targets/<name>/target.c) and listed once, in targets/registry.c. The
 * core sees only its capabilities (compiler/caps.h); the rest is for the
 * commands: the lowering to a bundle of request bodies, the push facts
 * (targets/push_impl.h) and the import (targets/import.h). Also here: the
 * bundle those lowerings fill and the settings they read. */
#ifndef IVRC_TARGET_H
#define IVRC_TARGET_H
#include <stdbool.h>
#include <stdio.h>
#include <cJSON.h>
#include "../compiler/ast.h"
#include "../compiler/caps.h"
#include "../compiler/diag.h"

struct arena;
struct bundle;
struct push_provider;
struct import_target;

/* A target's lowering, taken an object at a time (struct target). */
struct lowering {
	size_t count;          /* the objects it can make */
	/* Adds object i to out (nothing when it cannot be made: d says why);
	 * the same object, body and findings each time it is asked. */
	void (*object)(const struct lowering *l, size_t i, struct bundle *out, struct diag *d);
	void *state;           /* the target's, in the arena */
	/* What the user's clock endpoint serves (targets/clock.h): an array of
	 * calendars, or NULL; the bundle it goes to owns it. */
	cJSON *calendars;
};

struct target {
	struct target_caps caps;     /* name, what it can route to and build, limits,
	                                settings, how its calls behave */
	/* Lowers a program that the checker accepted for this target. Adds
	 * warnings (e.g. defaults it had to choose) to d. */
	void (*lower)(const struct ast_program *p, struct bundle *out, struct diag *d);
	/* The same lowering an object at a time (build prints each object as
	 * it is made, so its memory does not grow with the bundle): what is
	 * found of the whole program goes to d at once; then object(l, i)
	 * makes object i, for every i below count, as lower makes it. */
	struct lowering (*lowering)(const struct ast_program *p, struct arena *a, struct diag *d);
	/* Kinds of object whose bodies write the ids they refer to as numbers:
	 * a field that is exactly one placeholder is filled with a number.
	 * NULL-terminated; NULL: none. */
	const char *const *numeric_ref_kinds;
	/* Kinds of object the provider documents no update for: inside a cycle
	 * they are created after what they point to (link_order), and a cycle
	 * of them only is refused by the target's check. NULL-terminated; NULL:
	 * none. */
	const char *const *create_only_kinds;
	const struct push_provider *push;     /* what push must know of its API */
	const struct import_target *import;   /* its JSON back to the language */
};

/* ---------- the registry (registry.c) ---------- */

/* The targets, in the registry's order (the order of their docs and of
 * every list that names them all). */
size_t target_count(void);
/* Their capabilities, for the binder and the checker (compiler/caps.h). */
const struct target_set *target_set(void);
const struct target *target_at(size_t i);
/* The target named `name`, or NULL (then *hint: the closest name, or NULL). */
const struct target *target_named(const char *name, const char **hint);
/* The targets program p declares, in its set's order: their number, and
 * their capabilities in out[] (room for target_count()). */
size_t target_declared_caps(const struct ast_program *p, const struct target_caps **out);

/* ---------- bundles (bundle.c) ---------- */

/* One remote object. `deps` are "kind:name" of the objects its body points
 * at; their ids appear in the body as the placeholder "@{kind:name}". */
struct bundle_object {
	const char *kind;            /* "ivr", "vr", "auto_attendant", "broadcast", ... */
	const char *name;            /* the ivrc name */
	const char *remote_name;     /* PROJECT-NAME */
	const char *method, *path;
	const char **deps;
	size_t ndeps, capdeps;
	cJSON *body;                 /* owned by the bundle */
	size_t made_by;              /* the lowering's object it came from */
	struct span span;            /* the declaration, for ordering and messages */
};

struct bundle {
	struct arena *arena;
	const struct target *target;
	const char *project;
	const char *env;           /* the environment built for, or NULL */
	struct bundle_object *objects;
	size_t count, cap;
	cJSON *calendars;          /* served, not pushed (struct lowering), or NULL */
};

void bundle_init(struct bundle *b, struct arena *a, const struct target *t, const char *project);
struct bundle_object *bundle_add(struct bundle *b, const char *kind, const char *name);
void bundle_add_dep(struct bundle *b, struct bundle_object *o, const char *kind, const char *name);
/* Room for n objects in an empty bundle, made once (an array that grows
 * leaves its old copies in the arena). */
void bundle_reserve(struct bundle *b, size_t n);
void bundle_free(struct bundle *b);
/* Makes every object of l into out, in order (a target's lower), and
 * gives out its calendars. */
void lowering_run(struct lowering l, struct bundle *out, struct diag *d);

/* Whether a remote id can go into a body as a JSON number without changing:
 * 1 to 15 digits (exact in a double), no leading zero ("007" stays a
 * string). */
bool bundle_numeric_id(const char *id);

/* Whether the bodies of target t's `kind` write ids as numbers
 * (numeric_ref_kinds). */
bool target_numeric_refs(const struct target *t, const char *kind);

/* ---------- settings (bundle.c) ---------- */

/* The value of setting `name` in targets.<t>, or its default from the caps
 * (NULL when the caps do not list it). */
const char *target_setting(const struct ast_program *p, const struct target_caps *caps,
			   const char *name);
/* A setting's default in the caps (NULL when it has none or is not listed). */
const char *target_setting_default(const struct target_caps *caps, const char *name);

/* The name the provider knows object `name` of p by: the target's
 * `remote_name` pattern (default {project}-{name}) with {project}, {env}
 * (the environment applied) and {name} filled in. */
const char *target_remote_name(struct arena *a, const struct ast_program *p,
			       const struct target_caps *caps, const char *name);
/* Whether remote_name is one p (in its environment) gives an object: the
 * pattern with {name} any non-empty text. */
bool target_name_is_ours(const struct ast_program *p, const struct target_caps *caps,
			 const char *remote_name);
/* The setting `name` of a settings block (targets.<t> or menus.X.<t>), or
 * NULL; settings_value gives its scalar text, NULL when absent. */
const struct ast_setting *settings_find(const struct ast_settings *s, const char *name);
const char *settings_value(const struct ast_settings *s, const char *name);

#endif
