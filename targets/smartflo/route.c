/* Smartflo's destination strings: the one place that writes "type SEP id"
 * (IVR bodies, broadcasts, recordings) and the route that ends a call, for
 * the lowering and for push's stand-in of a reference not yet created
 * (docs/TARGETS.md, "Smartflo"). */
#include <string.h>

#include "../../compiler/arena.h"
#include "smartflo.h"

struct sf_route smartflo_route(struct arena *a, const char *sep, const char *type,
			       const char *id)
{
	return (struct sf_route){ type, id, arena_concat(a, type, sep, id, (const char *)NULL) };
}

/* The `hangup` setting as written, else "hangup" SEP "1" (Smartflo: "In
 * case of hangup, use 1"). Auto attendants and virtual receptionists send
 * type and id apart: a written setting is split at the separator, or
 * failing that at a '|'. */
struct sf_route smartflo_hangup(struct arena *a, const struct ast_program *p)
{
	const char *sep = target_setting(p, &smartflo_target.caps, "separator");
	const char *set = target_setting(p, &smartflo_target.caps, "hangup");
	if (!set)
		return smartflo_route(a, sep, "hangup", "1");
	struct sf_route r = { set, "1", set };
	const char *cut = sep[0] ? strstr(set, sep) : NULL;
	size_t skip = cut ? strlen(sep) : 1;
	if (!cut)
		cut = strchr(set, '|');
	if (cut) {
		r.type = arena_strndup(a, set, (size_t)(cut - set));
		r.id = cut + skip;
	}
	return r;
}
