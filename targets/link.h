/* The link step: objects of a bundle refer to one another by the placeholder
 * "@{kind:name}" until their remote ids are known. This orders a bundle so
 * that what a body points to comes first, fills in ids known from the state
 * file (state.h), and renders the bundle as the JSON that `ivrc build`
 * prints. */
#ifndef IVRC_LINK_H
#define IVRC_LINK_H
#include <stdbool.h>
#include <stdio.h>
#include <cJSON.h>
#include "target.h"

/* "kind:name" and "@{kind:name}", in the arena. */
const char *link_key(struct arena *a, const char *kind, const char *name);
const char *link_placeholder(struct arena *a, const char *kind, const char *name);

/* Dependency order: every object after the objects it depends on; objects
 * of one cycle in source order; among the objects ready at any point, the
 * one with the smallest source position first. Deps naming no object of the
 * bundle do not constrain the order. O((n + e) log n), no recursion. */
void link_order(struct bundle *b);

/* Replaces each "@{kind:name}" in body strings whose id the state knows, and
 * makes an object whose own id is known an update (PUT PATH/ID). Returns
 * NULL, or what is wrong with the state: not a version 1 state file
 * (nothing changed), or an id that a body takes as a number and that is no
 * plain number. Call it once per bundle. */
const char *link_fill(struct bundle *b, cJSON *state);

/* link_fill in two halves, for a bundle made an object at a time: the ids
 * state gives b's project and target (NULL, and *why, when state is not a
 * state file of this project), then one object filled: made an update
 * when it has its own id (head), and the placeholders of its body (what
 * is wrong, or NULL). */
struct link_ids;
struct link_ids *link_ids_read(struct bundle *b, cJSON *state, const char **why);
const char *link_fill_object(struct bundle *b, const struct link_ids *ids,
			     struct bundle_object *o, bool head);

/* Filling one string of a body, for link_fill and for push (whose ids come
 * from a state that grows as it creates): each "@{kind:name}" whose id
 * find() knows is replaced; in a body that writes ids as numbers, a string
 * that is exactly one placeholder of a plain numeric id (bundle_numeric_id)
 * becomes that number. */
struct link_filler {
	struct arena *a;
	/* The id of "kind:name" (len bytes, not NUL-terminated), or NULL. */
	const char *(*find)(void *ud, const char *key, size_t len);
	void *ud;
	bool numeric;                /* the body writes ids as numbers */
	size_t unknown;              /* placeholders left so far */
	const char *first_unknown;   /* "kind:name" of one of them */
	/* "kind:name" whose id a number field cannot take ("05001"), left as
	 * the string; NULL when there is none. */
	const char *not_numeric;
};

/* What to say of f->not_numeric, for the object kind whose body it is in. */
const char *link_not_numeric_message(struct arena *a, const struct link_filler *f,
				     const struct target *t, const char *kind);

/* Fills node, a member of parent (NULL at the top); returns what is in its
 * place now (a number replaces the string). Anything but a string is left. */
cJSON *link_fill_string(struct link_filler *f, cJSON *parent, cJSON *node);

/* {"target","project","objects":[{"kind","name","remote_name","method",
 * "path","depends_on","body"}], "calendars"?}; the caller owns the result, which refers
 * to the bodies of the bundle: delete it before the bundle is freed. */
cJSON *link_render(const struct bundle *b);

/* Writes what cJSON_Print(link_render(b)) is, and a newline, to out, an
 * object at a time: the bundle's text is never whole in memory. An object
 * without a body gets it from make, which puts it in place (false when it
 * cannot), and loses it once printed: then not even the bodies are whole
 * in memory. The bodies' integers are printed from text (cJSON formats
 * every number with "%1.15g" and reads it back), so after it they hold
 * them as raw JSON: the bundle is for printing then, not for reading.
 * False when out or make fails. */
bool link_print(struct bundle *b, FILE *out, bool (*make)(void *ctx, struct bundle_object *o),
		void *ctx);

#endif
