/* Tata Smartflo's lowering: menus (IVRs or virtual receptionists),
 * announcements (auto attendants) and broadcasts to request bodies, with the
 * settings of target.c. Every Smartflo body fact (paths, field names,
 * formats) lives here. References to other objects are placeholders
 * "@{kind:name}" (link.h). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../../compiler/arena.h"
#include "../../compiler/codes.h"
#include "../target.h"
#include "../json_build.h"
#include "../link.h"
#include "smartflo.h"

#define SF_IVR_PATH "/v1/ivr"
#define SF_AA_PATH "/v1/auto_attendant"
#define SF_BROADCAST_PATH "/v1/broadcast"

/* One lowering: the program, the output and the settings in force. */
struct sf {
	const struct ast_program *p;
	struct bundle *b;
	struct diag *d;
	size_t ti;                   /* Smartflo's index in p's target set */
	const char *sep, *aa_type, *rec_key, *menus_as, *vr_type, *vr_path;
	struct sf_route hangup;      /* what ends the call */
};

static struct sf_route route_make(struct sf *s, const char *type, const char *id)
{
	return smartflo_route(s->b->arena, s->sep, type, id);
}

/* Smartflo's place among p's targets: the checker accepted p for it. */
static size_t sf_index(const struct ast_program *p)
{
	return (size_t)ast_target_index(p, smartflo_target.caps.name);
}

static bool menu_is_vr(const struct sf *s, const struct ast_menu *m)
{
	const char *as = settings_value(ast_menu_settings(m, s->ti), "as");
	return strcmp(as ? as : s->menus_as, "vr") == 0;
}

/* The destination type that routes to an object of this bundle kind. */
static const char *kind_type(const struct sf *s, const char *kind)
{
	if (strcmp(kind, "vr") == 0)
		return s->vr_type;
	if (strcmp(kind, "auto_attendant") == 0)
		return s->aa_type;
	return kind;
}

/* A reference to another object of the project (or to itself). */
static struct sf_route route_ref(struct sf *s, struct bundle_object *o, const char *kind,
			      const char *name)
{
	bundle_add_dep(s->b, o, kind, name);
	return route_make(s, kind_type(s, kind), link_placeholder(s->b->arena, kind, name));
}

/* A menu is an IVR or a virtual receptionist, as it is lowered. */
static struct sf_route route_menu(struct sf *s, struct bundle_object *o, const struct ast_decl *d,
			       const char *name)
{
	bool vr = d && d->kind == DECL_MENU && menu_is_vr(s, (const struct ast_menu *)d);
	return route_ref(s, o, vr ? "vr" : "ivr", name);
}

/* The checker refuses these before lowering; kept so a bug is a finding. */
static struct sf_route route_refused(struct sf *s, const struct ast_dest *dst)
{
	diag_error(s->d, IVR_TARGET_DEST, dst->span,
		   "smartflo cannot route to '%s%s%s'", ast_dest_kind_names[dst->kind],
		   dst->id && dst->kind != DEST_NAME ? ":" : "", dst->id ? dst->id : "");
	return s->hangup;
}

static struct sf_route route_of(struct sf *s, struct bundle_object *o, const struct ast_dest *dst);

/* A bare NAME: the menu, announcement or endpoint the resolver found. */
static struct sf_route route_name(struct sf *s, struct bundle_object *o, const struct ast_dest *dst)
{
	const struct ast_decl *ref = dst->ref;
	if (ref && ref->kind == DECL_MENU)
		return route_menu(s, o, ref, ref->name);
	if (ref && ref->kind == DECL_ANNOUNCEMENT)
		return route_ref(s, o, "auto_attendant", ref->name);
	if (ref && ref->kind == DECL_ENDPOINT) {
		const struct ast_endpoint *e = (const struct ast_endpoint *)ref;
		const struct ast_dest *lit = ast_endpoint_literal(e, s->ti);
		if (lit->kind != DEST_NAME && lit->kind != DEST_NONE)
			return route_of(s, o, lit);
	}
	return route_refused(s, dst);
}

static struct sf_route route_of(struct sf *s, struct bundle_object *o, const struct ast_dest *dst)
{
	switch (dst->kind) {
	case DEST_NAME:
		return route_name(s, o, dst);
	case DEST_MENU:
		return route_menu(s, o, dst->ref, dst->id);
	case DEST_ANNOUNCEMENT:
		return route_ref(s, o, "auto_attendant", dst->id);
	case DEST_EXTENSION: case DEST_IVR: case DEST_RINGGROUP:
	case DEST_AGENT: case DEST_QUEUE: case DEST_DEPARTMENT:
		return route_make(s, ast_dest_kind_names[dst->kind], dst->id);
	case DEST_NONE: case DEST_HANGUP:
		return s->hangup;
	case DEST_REPEAT:
		if (strcmp(o->kind, "broadcast") != 0)
			return route_ref(s, o, o->kind, o->name);
		return route_refused(s, dst);
	default:
		return route_refused(s, dst);
	}
}

/* ---------- recordings and the parts every body has ---------- */

static bool rec_id(struct sf *s, const struct ast_recref *r, int64_t *id)
{
	const char *text = r->rec ? ast_recording_id(r->rec, s->ti) : NULL;
	if (text) {
		*id = strtoll(text, NULL, 10);   /* the binder's canonical decimal */
		return true;
	}
	diag_error(s->d, IVR_TARGET_RECORDING, r->span,
		   "recording '%s' has no smartflo id", r->name ? r->name : "");
	return false;
}

static const char *rec_string(struct sf *s, const struct ast_recref *r)
{
	int64_t id = 0;
	if (!rec_id(s, r, &id))
		return "";
	return arena_printf(s->b->arena, "recording%s%" PRId64, s->sep, id);
}

static struct bundle_object *object_new(struct sf *s, const char *kind, const char *path,
					const struct ast_decl *decl)
{
	struct arena *a = s->b->arena;
	struct bundle_object *o = bundle_add(s->b, kind, decl->name);
	o->remote_name = target_remote_name(a, s->p, &smartflo_target.caps, decl->name);
	o->method = "POST";
	o->path = path;
	o->span = decl->name_span;
	const char *desc = decl->description ? decl->description
		: arena_concat(a, "Managed by ivrc: ", s->p->name, "/", decl->name, (const char *)NULL);
	json_add_string(o->body, "name", o->remote_name);
	json_add_string(o->body, "description", desc);
	return o;
}

/* ---------- menus → IVRs ---------- */

static void menu_options(struct sf *s, struct bundle_object *o, const struct ast_menu *m)
{
	cJSON *keys = json_add_array(o->body, "option");
	cJSON *dests = json_add_array(o->body, "destination");
	bool sms = false;
	for (size_t i = 0; i < m->noptions; i++) {
		const char key[2] = {m->options[i].key, '\0'};
		cJSON_AddItemToArray(keys, cJSON_CreateString(key));
		struct sf_route r = route_of(s, o, &m->options[i].to);
		cJSON_AddItemToArray(dests, cJSON_CreateString(r.whole));
		sms |= m->options[i].has_sms_template;
	}
	if (!sms)
		return;
	cJSON *tmpl = json_add_array(o->body, "sms_template");
	for (size_t i = 0; i < m->noptions; i++) {
		const struct ast_option *op = &m->options[i];
		double v = op->has_sms_template ? (double)op->sms_template : 0;
		cJSON_AddItemToArray(tmpl, cJSON_CreateNumber(v));
	}
}

/* What plays when a handler's tries run out: its final_prompt, else its
 * prompt. menu_is_complete has made sure both handlers are there. */
static const struct ast_recref *final_rec(const struct ast_handler *h)
{
	return h->final_prompt.name ? &h->final_prompt : &h->prompt;
}

static void menu_handlers(struct sf *s, struct bundle_object *o, const struct ast_menu *m)
{
	const struct ast_handler *inv = &m->invalid, *ni = &m->no_input;
	cJSON *body = o->body;
	json_add_number(body, "incorrect_count", (double)inv->retries);
	json_add_string(body, "invalid_recording", rec_string(s, &inv->prompt));
	json_add_string(body, "invalid_destination", route_of(s, o, &inv->then).whole);
	json_add_number(body, "timeout_tries", (double)ni->retries);
	json_add_string(body, "timeout_retry_recording", rec_string(s, &ni->prompt));
	json_add_string(body, "timeout_recording", rec_string(s, final_rec(ni)));
	json_add_string(body, "timeout_destination", route_of(s, o, &ni->then).whole);
	json_add_string(body, "recording_invalid", rec_string(s, final_rec(inv)));
}

static void lower_ivr(struct sf *s, const struct ast_menu *m)
{
	struct bundle_object *o = object_new(s, "ivr", SF_IVR_PATH, &m->decl);
	json_add_string(o->body, "recording", rec_string(s, &m->prompt));
	json_add_number(o->body, "timeout", m->timeout);
	menu_options(s, o, m);
	menu_handlers(s, o, m);
}

/* ---------- menus → virtual receptionists (seed 003) ---------- */

/* Ids are numbers in a VR body (seed 003: Float). A placeholder stays a
 * string until the link step or push puts the number in; an id that is not
 * a plain number (a leading zero, letters, more digits than a double holds)
 * cannot be sent without changing it: an error that says what to do. */
static cJSON *vr_id(struct sf *s, const struct sf_route *r, struct span at)
{
	const char *id = r->id;
	if (strncmp(id, "@{", 2) == 0)
		return cJSON_CreateString(id);
	if (bundle_numeric_id(id))
		return cJSON_CreateNumber(strtod(id, NULL));
	diag_error(s->d, IVR_TARGET_DEST, at,
		   "smartflo virtual receptionists take numeric ids, and '%s' id '%s' is not one "
		   "(as a number it would change); lower this menu as an IVR instead", r->type, id);
	return cJSON_CreateString(id);
}

/* "X_type" and "X_id" of a destination. */
static void vr_route(struct sf *s, cJSON *obj, const char *type_key, const char *id_key,
		     struct sf_route r, struct span at)
{
	cJSON_AddStringToObject(obj, type_key, r.type);
	cJSON_AddItemToObject(obj, id_key, vr_id(s, &r, at));
}

static double rec_number(struct sf *s, const struct ast_recref *r)
{
	int64_t id = 0;
	rec_id(s, r, &id);
	return (double)id;
}

/* One entry per option: the key as a number ('*' and '#' cannot be one and
 * stay strings), the destination, the option's email template. */
static void vr_entries(struct sf *s, struct bundle_object *o, const struct ast_menu *m)
{
	cJSON *entries = json_add_array(o->body, "entries");
	for (size_t i = 0; i < m->noptions; i++) {
		const struct ast_option *op = &m->options[i];
		const char key[2] = {op->key, '\0'};
		cJSON *e = cJSON_CreateObject();
		if (op->key >= '0' && op->key <= '9')
			json_add_number(e, "option", op->key - '0');
		else
			json_add_string(e, "option", key);
		vr_route(s, e, "destination_type", "destination_id", route_of(s, o, &op->to),
			 op->to.span);
		if (op->has_email_template)
			json_add_number(e, "template_id", (double)op->email_template);
		cJSON_AddItemToArray(entries, e);
	}
}

/* The same handlers as an IVR's, with numbers for recordings. */
static void vr_handlers(struct sf *s, struct bundle_object *o, const struct ast_menu *m)
{
	const struct ast_handler *inv = &m->invalid, *ni = &m->no_input;
	cJSON *body = o->body;
	json_add_number(body, "timeout", m->timeout);
	json_add_number(body, "incorrect_count", (double)inv->retries);
	json_add_number(body, "invalid_recording", rec_number(s, &inv->prompt));
	vr_route(s, body, "invalid_destination_type", "invalid_destination_id",
		 route_of(s, o, &inv->then), inv->then.span);
	json_add_number(body, "timeout_retries", (double)ni->retries);
	json_add_number(body, "timeout_retry_recording", rec_number(s, &ni->prompt));
	json_add_number(body, "timeout_recording", rec_number(s, final_rec(ni)));
	vr_route(s, body, "timeout_destination_type", "timeout_destination_id",
		 route_of(s, o, &ni->then), ni->then.span);
	json_add_number(body, "recording_invalid", rec_number(s, final_rec(inv)));
}

/* Always destination_type "multiple": a menu waits for a key. "single" (a
 * plain forward) has no menu counterpart; an announcement is an auto
 * attendant. `recording` is not in seed 003's excerpt, whose first rows are
 * cut off; the same API's page on the sister platform lists name,
 * description, recording (Float) before destination_type. */
static void lower_vr(struct sf *s, const struct ast_menu *m)
{
	static const char *const extras[] = {"prefix", "intercom"};
	struct bundle_object *o = object_new(s, "vr", s->vr_path, &m->decl);
	json_add_number(o->body, "recording", rec_number(s, &m->prompt));
	json_add_string(o->body, "destination_type", "multiple");
	vr_entries(s, o, m);
	vr_handlers(s, o, m);
	for (size_t i = 0; i < sizeof extras / sizeof extras[0]; i++) {
		const char *v = settings_value(ast_menu_settings(m, s->ti), extras[i]);
		if (v)
			cJSON_AddStringToObject(o->body, extras[i], v);
	}
}

/* An IVR's `option` and `destination` are mandatory (seed 000), and so are
 * a virtual receptionist's `entries` (seed 003): a menu needs a key. Both
 * also require the recording played when a caller's tries run out
 * (timeout_recording, recording_invalid), which only a handler names: the
 * menu's own prompt there would play the whole menu to a caller who can no
 * longer answer it, and then hang up. */
static bool menu_is_complete(struct sf *s, const struct ast_menu *m)
{
	bool ok = true;
	if (!m->noptions) {
		diag_error(s->d, IVR_TARGET_REQUIRED, m->decl.name_span,
			   "smartflo needs at least one option in menu '%s' (an IVR's option and "
			   "destination are mandatory); a prompt and a route without keys is an "
			   "announcement", m->decl.name);
		ok = false;
	}
	bool inv = m->invalid.present, ni = m->no_input.present;
	if (!inv || !ni) {
		diag_error(s->d, IVR_TARGET_REQUIRED, m->decl.name_span,
			   "smartflo plays a recording when a caller's tries in menu '%s' run out "
			   "(timeout_recording and recording_invalid are mandatory), and the menu "
			   "has no %s to name one; add %s (a handler's final_prompt, else its prompt, "
			   "plays then)", m->decl.name,
			   !inv && !ni ? "'invalid' or 'no_input' handler"
			   : !inv ? "'invalid' handler" : "'no_input' handler",
			   !inv && !ni ? "both" : "it");
		ok = false;
	}
	return ok;
}

static void lower_menu(struct sf *s, const struct ast_menu *m)
{
	if (!menu_is_complete(s, m))
		return;
	if (menu_is_vr(s, m))
		lower_vr(s, m);
	else
		lower_ivr(s, m);
}

/* ---------- announcements → auto attendants ---------- */

/* Only POST /v1/auto_attendant is documented: an auto attendant cannot be
 * given an id later, so a cycle of announcements only (each one's `then`
 * the next) has no order to be created in. Reported once per cycle, at the
 * announcement the walk meets again. */
static void announcement_cycles(const struct ast_program *p, struct diag *d, struct arena *a)
{
	size_t n = p->nannouncements;
	unsigned char *seen = arena_alloc(a, n + 1);   /* 1: on this walk, 2: done */
	for (size_t i = 0; i < n; i++) {
		const struct ast_announcement *an = p->announcements[i];
		while (an && !seen[an->decl.index]) {
			seen[an->decl.index] = 1;
			const struct ast_decl *to = an->then.ref;
			an = to && to->kind == DECL_ANNOUNCEMENT ? (const void *)to : NULL;
		}
		if (an && seen[an->decl.index] == 1) {
			const char *path = arena_printf(a, "'%s'", an->decl.name);
			const struct ast_announcement *x = an;
			do {
				x = (const struct ast_announcement *)x->then.ref;
				path = arena_printf(a, "%s -> '%s'", path, x->decl.name);
			} while (x != an);
			diag_error(d, IVR_TARGET_REQUIRED, an->then.span,
				   "smartflo cannot create the announcements %s: each auto attendant "
				   "needs the next one's id, and only their create is documented "
				   "(no update to add it later); route one of them through a menu",
				   path);
		}
		for (an = p->announcements[i]; an && seen[an->decl.index] == 1;) {
			seen[an->decl.index] = 2;
			const struct ast_decl *to = an->then.ref;
			an = to && to->kind == DECL_ANNOUNCEMENT ? (const void *)to : NULL;
		}
	}
}

/* The reference page (POST /v1/auto_attendant) types every field a string,
 * the ids included: "In case of hangup, use 1" is the string "1". */
static void lower_announcement(struct sf *s, const struct ast_announcement *an)
{
	struct bundle_object *o = object_new(s, "auto_attendant", SF_AA_PATH, &an->decl);
	int64_t id = 0;
	rec_id(s, &an->prompt, &id);
	cJSON_AddStringToObject(o->body, s->rec_key, arena_printf(s->b->arena, "%" PRId64, id));
	json_add_string(o->body, "recording_type", "recording");
	struct sf_route r = route_of(s, o, &an->then);
	json_add_string(o->body, "destination_type", r.type);
	json_add_string(o->body, "destination_id", r.id);
}

/* ---------- broadcasts ---------- */

static cJSON *int_array(const int64_t *v, size_t n)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateNumber((double)v[i]));
	return arr;
}

static cJSON *minutes_array(const uint32_t *seconds, size_t n)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateNumber(seconds[i] / 60));
	return arr;
}

static const char *datetime(struct arena *a, const struct ast_datetime *t)
{
	return arena_printf(a, "%04d-%02d-%02d %02d:%02d:%02d", t->year, t->month, t->day,
			    t->hour, t->minute, t->second);
}

/* Types per field as seed 002's table gives them: several numbers are strings. */
/* A broadcast calls into an IVR (seed 002: "ivr|ID"), not a virtual
 * receptionist. */
static bool broadcast_into_vr(const struct sf *s, const struct ast_broadcast *bc)
{
	const struct ast_decl *ref = bc->destination.ref;
	if (!ref || ref->kind != DECL_MENU)
		return false;
	const struct ast_menu *m = (const struct ast_menu *)ref;
	if (!menu_is_vr(s, m))
		return false;
	diag_error(s->d, IVR_TARGET_DEST, bc->destination.span,
		   "smartflo broadcasts call into an IVR, and menu '%s' is lowered as a "
		   "virtual receptionist", m->decl.name);
	return true;
}

static void lower_broadcast(struct sf *s, const struct ast_broadcast *bc)
{
	struct arena *a = s->b->arena;
	if (broadcast_into_vr(s, bc))
		return;
	struct bundle_object *o = object_new(s, "broadcast", SF_BROADCAST_PATH, &bc->decl);
	cJSON *body = o->body;
	json_add_number(body, "phone_number_list", (double)bc->phone_list);
	json_add_string(body, "destination", route_of(s, o, &bc->destination).whole);
	json_add_string(body, "timeout", arena_printf(a, "%" PRIu32, bc->ring_timeout));
	json_add_string(body, "concurrent_limit",
			arena_printf(a, "%" PRId64, bc->concurrency));
	json_add(body, "retry_after_minutes",
		 minutes_array(bc->retry_after, bc->nretry_after));
	json_add_string(body, "caller_id_number", bc->caller_id ? bc->caller_id : "");
	json_add_string(body, "number_of_retry", arena_printf(a, "%" PRId64, bc->retries));
	json_add_string(body, "start_date_time", datetime(a, &bc->window_start));
	json_add_string(body, "end_date_time", datetime(a, &bc->window_end));
	json_add_string(body, "time_group", arena_printf(a, "%" PRId64, bc->time_group));
	json_add(body, "dialstatus", int_array(bc->dial_status, bc->ndial_status));
	json_add(body, "retry_dialstatus", int_array(bc->retry_on, bc->nretry_on));
}

/* The panel's time condition a schedule routes to; NULL after saying that
 * the file lacks it (nothing can route by the schedule without it). */
static const char *schedule_condition(struct diag *d, const struct ast_schedule *sc, size_t ti)
{
	const char *id = settings_value(ast_schedule_settings(sc, ti), "time_condition");
	if (!id)
		diag_error(d, IVR_TARGET_DEST, sc->decl.name_span,
			   "smartflo routes schedule '%s' to a time condition made in its "
			   "panel: give its id (schedules.%s.smartflo.time_condition)",
			   sc->decl.name, sc->decl.name);
	return id;
}

/* The names of the time groups of kind ("open", "holidays") that build
 * wrote for calendar c into cals (smartflo_calendars), joined by commas. */
static const char *group_names(struct arena *a, const cJSON *cals, const struct ast_calendar *c,
			       const char *kind)
{
	const cJSON *cal, *g;
	const char *out = "";
	cJSON_ArrayForEach(cal, cals) {
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(cal, "calendar");
		if (!cJSON_IsString(name) || strcmp(name->valuestring, c->decl.name) != 0)
			continue;
		cJSON_ArrayForEach(g, cJSON_GetObjectItemCaseSensitive(cal, kind)) {
			const cJSON *gn = cJSON_GetObjectItemCaseSensitive(g, "name");
			out = arena_concat(a, out, *out ? ", " : "",
					   cJSON_IsString(gn) ? gn->valuestring : "", (const char *)NULL);
		}
	}
	return out;
}

/* What to set in the panel for a schedule: Smartflo has no API for time
 * conditions, so the build says it (as Sonetel's says what to record), with
 * the time groups it wrote for the schedule's calendar, holidays first. */
static void schedule_note(struct arena *a, struct diag *d, const struct ast_schedule *sc,
			  size_t ti, const cJSON *cals)
{
	const char *id = schedule_condition(d, sc, ti);
	if (!id || !sc->calendar)
		return;
	const char *open = group_names(a, cals, sc->calendar, "open");
	const char *holidays = group_names(a, cals, sc->calendar, "holidays");
	const char *on_holidays = !*holidays ? "" :
		arena_concat(a, " in ", holidays, " to ",
			     ast_dest_text(a, sc->holiday.kind == DEST_NONE ? &sc->closed
								       : &sc->holiday),
			     " (first),", (const char *)NULL);
	const char *while_open = !*open ? "" :
		arena_concat(a, " in ", open, " to ", ast_dest_text(a, &sc->open), ",",
			     (const char *)NULL);
	diag_note(d, IVR_TARGET_PANEL, sc->decl.name_span,
		  "in Smartflo's panel, point the number at time_condition %s (calendar '%s'); "
		  "its rule must send calls%s%s and all others to %s (build writes the time "
		  "groups under \"calendars\")",
		  id, sc->calendar->decl.name, on_holidays, while_open,
		  ast_dest_text(a, &sc->closed));
}

/* Object i: the menus, then the announcements, then the broadcasts. */
static void sf_object(const struct lowering *l, size_t i, struct bundle *out, struct diag *d)
{
	struct sf *s = l->state;
	const struct ast_program *p = s->p;
	s->b = out;
	s->d = d;
	if (i < p->nmenus)
		lower_menu(s, p->menus[i]);
	else if ((i -= p->nmenus) < p->nannouncements)
		lower_announcement(s, p->announcements[i]);
	else
		lower_broadcast(s, p->broadcasts[i - p->nannouncements]);
}

struct lowering smartflo_lowering(const struct ast_program *p, struct arena *a, struct diag *d)
{
	struct sf *s = arena_alloc(a, sizeof *s);
	*s = (struct sf){.p = p, .d = d, .ti = sf_index(p)};
	s->sep = target_setting(p, &smartflo_target.caps, "separator");
	s->hangup = smartflo_hangup(a, p);
	s->aa_type = target_setting(p, &smartflo_target.caps, "announcement_type");
	s->rec_key = target_setting(p, &smartflo_target.caps, "announcement_recording_key");
	s->menus_as = target_setting(p, &smartflo_target.caps, "menus_as");
	s->vr_type = target_setting(p, &smartflo_target.caps, "vr_route_type");
	s->vr_path = target_setting(p, &smartflo_target.caps, "vr_path");
	announcement_cycles(p, d, a);
	smartflo_calendar_check(p, d);
	cJSON *cals = smartflo_calendars(p, a);
	for (size_t i = 0; i < p->nschedules; i++)
		schedule_note(a, d, p->schedules[i], s->ti, cals);
	return (struct lowering){ p->nmenus + p->nannouncements + p->nbroadcasts, sf_object, s,
				  cals };
}

void smartflo_lower(const struct ast_program *p, struct bundle *out, struct diag *d)
{
	lowering_run(smartflo_lowering(p, out->arena, d), out, d);
}

/* Menus without keys or handlers; and, when some menu is a virtual receptionist,
 * what only lowering finds (ids that are not numbers): into a scratch
 * bundle, whose findings are kept. */
void smartflo_check(const struct ast_program *p, struct diag *d)
{
	struct sf s = {.p = p, .d = d, .ti = sf_index(p)};
	for (size_t i = 0; i < p->nschedules; i++)
		schedule_condition(d, p->schedules[i], s.ti);
	smartflo_calendar_check(p, d);
	s.menus_as = target_setting(p, &smartflo_target.caps, "menus_as");
	bool vr = false;
	for (size_t i = 0; i < p->nmenus && !vr; i++)
		vr = menu_is_vr(&s, p->menus[i]);
	if (!vr) {
		for (size_t i = 0; i < p->nmenus; i++)
			menu_is_complete(&s, p->menus[i]);
		announcement_cycles(p, d, d->arena);
		return;
	}
	struct bundle scratch;
	bundle_init(&scratch, d->arena, &smartflo_target, p->name);
	smartflo_lower(p, &scratch, d);
	bundle_free(&scratch);
}
