/* The back-end interface: each provider is a capability table, the settings
 * it accepts, and a lowering from the checked program to a bundle of bodies. */
#ifndef IVRC_BACKEND_H
#define IVRC_BACKEND_H
#include <stdbool.h>
#include <stdio.h>
#include <cJSON.h>
#include "../compiler/ast.h"
#include "../compiler/caps.h"
#include "../compiler/diag.h"

struct arena;

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
	struct span span;            /* the declaration, for ordering and messages */
};

struct bundle {
	struct arena *arena;
	enum target target;
	const char *project;
	struct bundle_object *objects;
	size_t count, cap;
};

struct backend {
	enum target target;
	const struct target_caps *caps;
	/* Lowers a program that the checker accepted for this target. Adds
	 * warnings (e.g. defaults it had to choose) to d. */
	void (*lower)(const struct ast_program *p, struct bundle *out, struct diag *d);
	/* Kinds of object whose bodies write the ids they refer to as numbers:
	 * a field that is exactly one placeholder is filled with a number.
	 * NULL-terminated; NULL: none. */
	const char *const *numeric_ref_kinds;
};

extern const struct backend smartflo_backend, sonetel_backend, infobip_backend;

/* The back end of a target, or NULL when there is none; `lower` is NULL
 * while only its capability table exists. */
const struct backend *backend_for(enum target t);

/* Whether a remote id can go into a body as a JSON number without changing:
 * 1 to 15 digits (exact in a double), no leading zero ("007" stays a
 * string). */
bool backend_numeric_id(const char *id);

/* Whether the bodies of target t's `kind` write ids as numbers
 * (numeric_ref_kinds). */
bool backend_numeric_refs(enum target t, const char *kind);

void bundle_init(struct bundle *b, struct arena *a, enum target t, const char *project);
struct bundle_object *bundle_add(struct bundle *b, const char *kind, const char *name);
void bundle_add_dep(struct bundle *b, struct bundle_object *o, const char *kind, const char *name);
void bundle_free(struct bundle *b);

/* The value of setting `name` in targets.<t>, or its default from the caps
 * (NULL when the caps do not list it). */
const char *backend_setting(const struct ast_program *p, const struct target_caps *caps,
			    const char *name);
/* The setting `name` of a settings block (targets.<t> or menus.X.<t>), or
 * NULL; backend_setting_value gives its scalar text, NULL when absent. */
const struct ast_setting *backend_find_setting(const struct ast_settings *s, const char *name);
const char *backend_setting_value(const struct ast_settings *s, const char *name);

#endif
