/* What the files of targets/smartflo/ share. */
#ifndef IVRC_SMARTFLO_H
#define IVRC_SMARTFLO_H
#include "../target.h"

extern const struct target smartflo_target;

/* lower.c */
void smartflo_lower(const struct ast_program *p, struct bundle *out, struct diag *d);
struct lowering smartflo_lowering(const struct ast_program *p, struct arena *a, struct diag *d);
/* What only lowering finds, without the bodies (caps.h: check). */
void smartflo_check(const struct ast_program *p, struct diag *d);

/* route.c: a destination as a type and an id (auto attendants and virtual
 * receptionists send them apart) and as the one string "type SEP id" that
 * IVR bodies and broadcasts send. */
struct arena;
struct sf_route {
	const char *type, *id, *whole;
};
struct sf_route smartflo_route(struct arena *a, const char *sep, const char *type,
			       const char *id);
/* The route that ends the call (the `hangup` setting, else hangup SEP 1). */
struct sf_route smartflo_hangup(struct arena *a, const struct ast_program *p);

/* push.c, import.c */
extern const struct push_provider smartflo_push;
extern const struct import_target smartflo_import;

#endif
