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

/* time_groups.c: each calendar of p as the time groups Smartflo's panel
 * takes (POST /v1/timegroup bodies; build writes them, nothing pushes them):
 * [{"calendar", "timezone", "open": [GROUP], "holidays": [GROUP]}], NULL
 * when p has no calendars; the caller owns it. */
cJSON *smartflo_calendars(const struct ast_program *p, struct arena *a);
/* Warns of what the groups leave out: holidays of one year (IVR438). */
void smartflo_calendar_check(const struct ast_program *p, struct diag *d);
extern const char *const smartflo_month_names[12];

/* import_calendar.c: the calendars of the files imported (the bundle's, or
 * calendars/NAME.json), from their time groups, under calendars:. */
struct importer;
void smartflo_import_calendars(struct importer *im);

/* push.c, import.c */
extern const struct push_provider smartflo_push;
extern const struct import_target smartflo_import;

#endif
