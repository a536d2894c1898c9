/* Smartflo import: IVRs, virtual receptionists, auto attendants and
 * broadcasts back to menus, announcements and broadcasts; the inverse of
 * lower.c (docs/TARGETS.md). Reads our bundles and bodies, and the list
 * answer of GET /v1/ivrs ({"ivrs": [...]}, destinations split into
 * destination_type and destination_id). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../compiler/arena.h"
#include "../../compiler/codes.h"
#include "../target.h"
#include "../import.h"
#include "smartflo.h"

enum { SF_DEFAULT_TIMEOUT = 5, SF_MAX_TIMEOUT = 60 };

/* One import: the settings in force (the back end's defaults, or what the
 * bodies show) and the object being converted. */
struct sfi {
	struct importer *im;
	const char *sep, *aa_type, *vr_type, *hangup;
	struct imp_object *self;
	const char *what;          /* "ivr 'main'", for messages */
	bool lost;                 /* the last route could not be expressed */
	bool option;               /* routing a menu option (left out when lost) */
	size_t nmenus, nvr;
	struct doc_node **vr_menus;
	size_t nvr_menus, capvr;
};

/* ---------- what a body may be ---------- */

static bool has(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key) != NULL;
}

static const char *sf_kind_of(const cJSON *b)
{
	if (has(b, "option") || has(b, "ivr_menu") ||
	    (has(b, "incorrect_count") && has(b, "invalid_destination")))
		return "ivr";
	if (has(b, "entries") || has(b, "forward_destination_type"))
		return "vr";
	if (has(b, "phone_number_list"))
		return "broadcast";
	if (has(b, "recording_type") || has(b, "recording_ID") || has(b, "recording_id"))
		return "auto_attendant";
	return NULL;
}

/* GET /v1/ivrs answers {"ivrs": [...]}. */
static const cJSON *sf_list_of(const cJSON *root, bool *single)
{
	const cJSON *l = cJSON_GetObjectItemCaseSensitive(root, "ivrs");
	*single = false;
	return cJSON_IsArray(l) ? l : NULL;
}

/* ---------- destinations ---------- */

static const char *id_of(struct sfi *s, const cJSON *v)
{
	int64_t i;
	if (cJSON_IsString(v))
		return v->valuestring;
	if (import_int_value(v, &i))
		return arena_printf(s->im->a, "%lld", (long long)i);
	return NULL;
}

static const char *lost_route(struct sfi *s, const cJSON *at, const char *type, const char *id,
			      const char *why)
{
	import_lost(s->im, at, "%s: destination '%s%s%s' %s; %s", s->what, type, s->sep, id, why,
		    s->option ? "the option is left out" : "imported as hangup");
	s->lost = true;
	return "hangup";
}

/* A reference to another object of the import (or to itself). */
static const char *route_object(struct sfi *s, const cJSON *at, struct imp_object *o,
				const char *kind, const char *name)
{
	if (!o) {
		diag_warning(s->im->d, IVR_IMPORT_DANGLING, import_span(s->im, at),
			     "%s routes to %s '%s', which the imported files do not hold",
			     s->what, kind, name);
		bool menu = strcmp(kind, "ivr") == 0 || strcmp(kind, "vr") == 0;
		if (!import_is_name(name))
			return "hangup";
		return arena_printf(s->im->a, "%s:%s", menu ? "menu" : "announcement", name);
	}
	if (o == s->self && strcmp(o->kind, "broadcast") != 0 && strcmp(o->kind, "auto_attendant") != 0)
		return "repeat";
	bool menu = strcmp(o->kind, "ivr") == 0 || strcmp(o->kind, "vr") == 0;
	return arena_printf(s->im->a, "%s:%s", menu ? "menu" : "announcement", o->name);
}

/* "@{kind:name}" */
static bool placeholder(struct sfi *s, const char *id, const char **kind, const char **name)
{
	size_t n = strlen(id);
	const char *colon = strchr(id, ':');
	if (n < 5 || strncmp(id, "@{", 2) != 0 || id[n - 1] != '}' || !colon)
		return false;
	*kind = arena_strndup(s->im->a, id + 2, (size_t)(colon - id - 2));
	*name = arena_strndup(s->im->a, colon + 1, (size_t)(id + n - 1 - colon - 1));
	return true;
}

/* type and id, as a body sends them, to an ivrc destination. */
static const char *route(struct sfi *s, const cJSON *at, const char *type, const char *id)
{
	static const char *const literals[] = { "extension", "ringgroup", "agent", "queue",
						"department", NULL };
	const char *pk, *pn;
	if (!type || !id)
		return lost_route(s, at, type ? type : "", id ? id : "", "is incomplete");
	if (placeholder(s, id, &pk, &pn))
		return route_object(s, at, import_find(s->im, pk, pn, NULL), pk, pn);
	if (strcmp(type, "hangup") == 0)
		return strcmp(id, "1") == 0 ? "hangup"
			: lost_route(s, at, type, id, "hangs up with an id other than 1");
	bool vr = strcmp(type, s->vr_type) == 0, aa = strcmp(type, s->aa_type) == 0;
	if (strcmp(type, "ivr") == 0 || vr || aa) {
		const char *kind = vr ? "vr" : aa ? "auto_attendant" : "ivr";
		struct imp_object *o = import_find(s->im, kind, NULL, id);
		if (o)
			return route_object(s, at, o, kind, o->name);
		if (!vr && !aa && import_is_literal_id(id))
			return arena_printf(s->im->a, "ivr:%s", id);
		return lost_route(s, at, type, id, "is no object of the imported files");
	}
	for (size_t i = 0; literals[i]; i++)
		if (strcmp(type, literals[i]) == 0)
			return import_is_literal_id(id) ? arena_printf(s->im->a, "%s:%s", type, id)
				: lost_route(s, at, type, id, "has an id ivrc cannot write");
	return lost_route(s, at, type, id, "is of a type ivrc has no destination for");
}

/* "type|id" (the separator may be a setting). */
static const char *route_joined(struct sfi *s, const cJSON *v)
{
	const char *text = cJSON_IsString(v) ? v->valuestring : NULL;
	/* The hangup form, with either separator (a `hangup` setting is sent as
	 * written, whatever the separator). */
	if (text && (strcmp(text, s->hangup) == 0 || strcmp(text, "hangup|1") == 0 ||
		     strcmp(text, "hangup||1") == 0))
		return "hangup";
	const char *cut = text ? strstr(text, s->sep) : NULL;
	if (!cut)
		return lost_route(s, v, text ? text : import_json_text(s->im, v), "",
				  "is not TYPE|ID");
	const char *type = arena_strndup(s->im->a, text, (size_t)(cut - text));
	return route(s, v, type, cut + strlen(s->sep));
}

/* ---------- recordings ---------- */

/* "recording|ID" (IVRs) or the id alone (virtual receptionists, auto attendants). */
static const char *recording(struct sfi *s, const cJSON *v)
{
	int64_t id = 0;
	bool ok = import_int_value(v, &id);
	if (!ok && cJSON_IsString(v)) {
		const char *prefix = arena_printf(s->im->a, "recording%s", s->sep);
		const char *digits = v->valuestring + strlen(prefix);
		ok = strncmp(v->valuestring, prefix, strlen(prefix)) == 0 && digits[0] &&
		     strlen(digits) <= 18 && strspn(digits, "0123456789") == strlen(digits);
		id = ok ? strtoll(digits, NULL, 10) : 0;
	}
	if (!ok || id <= 0) {
		import_lost(s->im, v, "%s: recording %s is not a Smartflo recording id",
			    s->what, v ? import_json_text(s->im, v) : "(missing)");
		id = 1;
	}
	struct doc_node *f = import_map(s->im);
	import_put(s->im, f, "smartflo", import_intv(s->im, id));
	return import_recording(s->im, arena_printf(s->im->a, "smartflo:%lld", (long long)id),
				arena_printf(s->im->a, "rec_%lld", (long long)id), f);
}

static const cJSON *field(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

/* ---------- the parts of a menu ---------- */

static struct doc_node *new_object(struct sfi *s, const char *section, const char *decl)
{
	struct imp_object *o = s->self;
	struct doc_node *m = import_map(s->im);
	import_put(s->im, import_section(s->im, section), o->name, m);
	o->decl = decl;
	o->doc = m;
	const char *desc = import_str(o->body, "description");
	const char *managed = arena_printf(s->im->a, "Managed by ivrc: %s/%s", s->im->project,
					   o->name);
	if (desc && strcmp(desc, managed) != 0)
		import_put(s->im, m, "description", import_text(s->im, desc));
	return m;
}

static void menu_timeout(struct sfi *s, struct doc_node *m, const cJSON *v)
{
	int64_t t;
	if (!v)
		return;
	if (!import_int_value(v, &t) || t < 1 || t > SF_MAX_TIMEOUT) {
		import_lost(s->im, v, "%s: timeout %s is not 1 to %d seconds", s->what,
			    import_json_text(s->im, v), SF_MAX_TIMEOUT);
		return;
	}
	if (t != SF_DEFAULT_TIMEOUT)
		import_put(s->im, m, "timeout", import_seconds(s->im, t));
}

/* A key as a body sends it: "1", 1, "*". */
static const char *key_of(struct sfi *s, const cJSON *v)
{
	const char *k = id_of(s, v);
	if (k && strlen(k) == 1 && strchr("0123456789*#", k[0]))
		return k;
	import_lost(s->im, v, "%s: option %s is not a key 0-9, * or #", s->what,
		    v ? import_json_text(s->im, v) : "(missing)");
	return NULL;
}

static void add_option(struct sfi *s, struct doc_node *opts, const char *key, const char *to,
		       const char *tmpl_key, int64_t tmpl)
{
	bool lost = s->lost;
	s->lost = s->option = false;
	if (lost)
		return;
	if (import_get(opts, key)) {
		import_lost(s->im, s->self->body, "%s: key '%s' is given twice; only the first "
			    "is imported", s->what, key);
		return;
	}
	if (tmpl <= 0) {
		import_put(s->im, opts, key, import_word(s->im, to));
		return;
	}
	struct doc_node *o = import_map(s->im);
	import_put(s->im, o, "to", import_word(s->im, to));
	import_put(s->im, o, tmpl_key, import_intv(s->im, tmpl));
	import_put(s->im, opts, key, o);
}

/* What the body says about one handler. Every Smartflo menu names both
 * (its recordings are mandatory), so both are always written back. */
struct handler {
	const char *key;           /* invalid, no_input */
	int64_t retries;
	const char *prompt, *final, *then;
};

static void put_handler(struct sfi *s, struct doc_node *m, const struct handler *h)
{
	struct doc_node *n = import_map(s->im);
	import_put(s->im, n, "prompt", import_word(s->im, h->prompt));
	if (strcmp(h->final, h->prompt) != 0)
		import_put(s->im, n, "final_prompt", import_word(s->im, h->final));
	import_put(s->im, n, "retries", import_intv(s->im, h->retries));
	import_put(s->im, n, "then", import_word(s->im, h->then));
	import_put(s->im, m, h->key, n);
}

static int64_t retries(struct sfi *s, const cJSON *body, const char *key)
{
	const cJSON *v = field(body, key);
	int64_t r = 0;
	if (v && (!import_int_value(v, &r) || r < 0 || r > 100)) {
		import_lost(s->im, v, "%s: %s %s is not 0 to 100", s->what, key,
			    import_json_text(s->im, v));
		r = 0;
	}
	return r;
}

/* ---------- IVRs ---------- */

static const char *const ivr_keys[] = {
	"name", "description", "recording", "timeout", "option", "destination", "sms_template",
	"incorrect_count", "invalid_recording", "invalid_destination", "timeout_tries",
	"timeout_retry_recording", "timeout_recording", "timeout_destination",
	"recording_invalid", "ivr_menu", NULL,
};

/* option[] and destination[] (and sms_template[]), index-aligned; or the
 * list answer's ivr_menu [{option, destination_type, destination_id}]. */
static void ivr_options(struct sfi *s, struct doc_node *m, const cJSON *b)
{
	struct doc_node *opts = import_map(s->im);
	const cJSON *keys = field(b, "option"), *dests = field(b, "destination");
	const cJSON *tmpl = field(b, "sms_template"), *menu = field(b, "ivr_menu");
	int n = cJSON_GetArraySize(keys);
	if (cJSON_GetArraySize(dests) != n)
		import_lost(s->im, dests ? dests : b, "%s: 'option' and 'destination' differ in "
			    "length; options without both are not imported", s->what);
	for (int i = 0; i < n && i < cJSON_GetArraySize(dests); i++) {
		const char *k = key_of(s, cJSON_GetArrayItem(keys, i));
		int64_t t = 0;
		import_int_value(cJSON_GetArrayItem(tmpl, i), &t);
		s->option = k != NULL;
		if (k)
			add_option(s, opts, k, route_joined(s, cJSON_GetArrayItem(dests, i)),
				   "sms_template", t);
	}
	for (const cJSON *e = menu ? menu->child : NULL; e; e = e->next) {
		const char *k = key_of(s, field(e, "option"));
		s->option = k != NULL;
		if (k)
			add_option(s, opts, k, route(s, e, import_str(e, "destination_type"),
						     id_of(s, field(e, "destination_id"))), NULL, 0);
	}
	if (opts->count)
		import_put(s->im, m, "options", opts);
}

static const char *rec_or(struct sfi *s, const cJSON *b, const char *key, const char *dflt)
{
	const cJSON *v = field(b, key);
	return v ? recording(s, v) : dflt;
}

static const char *route_or_hangup(struct sfi *s, const cJSON *b, const char *key)
{
	const cJSON *v = field(b, key);
	return v ? route_joined(s, v) : "hangup";
}

static void import_ivr(struct sfi *s)
{
	const cJSON *b = s->self->body;
	struct doc_node *m = new_object(s, "menus", "menu");
	const char *prompt = rec_or(s, b, "recording", NULL);
	if (!prompt)
		prompt = recording(s, NULL);
	import_put(s->im, m, "prompt", import_word(s->im, prompt));
	menu_timeout(s, m, field(b, "timeout"));
	ivr_options(s, m, b);
	struct handler inv = { "invalid", retries(s, b, "incorrect_count"),
			       rec_or(s, b, "invalid_recording", prompt), NULL,
			       route_or_hangup(s, b, "invalid_destination") };
	inv.final = rec_or(s, b, "recording_invalid", inv.prompt);
	struct handler ni = { "no_input", retries(s, b, "timeout_tries"),
			      rec_or(s, b, "timeout_retry_recording", prompt), NULL,
			      route_or_hangup(s, b, "timeout_destination") };
	ni.final = rec_or(s, b, "timeout_recording", ni.prompt);
	put_handler(s, m, &inv);
	put_handler(s, m, &ni);
	import_unknown_keys(s->im, b, ivr_keys, s->what);
	s->nmenus++;
}

/* ---------- virtual receptionists ---------- */

static const char *const vr_keys[] = {
	"name", "description", "recording", "destination_type", "entries", "timeout",
	"incorrect_count", "invalid_recording", "invalid_destination_type",
	"invalid_destination_id", "timeout_retries", "timeout_retry_recording",
	"timeout_recording", "timeout_destination_type", "timeout_destination_id",
	"recording_invalid", "prefix", "intercom", NULL,
};

static const char *vr_route(struct sfi *s, const cJSON *b, const char *prefix)
{
	const char *tk = arena_printf(s->im->a, "%s_type", prefix);
	const char *ik = arena_printf(s->im->a, "%s_id", prefix);
	if (!field(b, tk) && !field(b, ik))
		return "hangup";
	return route(s, field(b, tk) ? field(b, tk) : b, import_str(b, tk), id_of(s, field(b, ik)));
}

static void vr_settings(struct sfi *s, struct doc_node *m, const cJSON *b)
{
	static const char *const keys[] = { "prefix", "intercom" };
	struct doc_node *set = import_map(s->im);
	for (size_t i = 0; i < 2; i++) {
		const cJSON *v = field(b, keys[i]);
		const char *text = v ? id_of(s, v) : NULL;
		if (v && !text)
			import_lost(s->im, v, "%s: %s %s is not text", s->what, keys[i],
				    import_json_text(s->im, v));
		else if (text)
			import_put(s->im, set, keys[i], import_text(s->im, text));
	}
	/* Put into the menu at the end, when it is known whether every menu
	 * is a virtual receptionist (then the target says so, once). */
	ARENA_PUSH(s->im->a, s->vr_menus, s->nvr_menus, s->capvr, m);
	ARENA_PUSH(s->im->a, s->vr_menus, s->nvr_menus, s->capvr, set);
}

static void import_vr(struct sfi *s)
{
	const cJSON *b = s->self->body;
	const char *dt = import_str(b, "destination_type");
	if (dt && strcmp(dt, "multiple") != 0) {
		import_lost(s->im, field(b, "destination_type"), "%s: a '%s' virtual receptionist "
			    "(a plain forward) has no ivrc equivalent and is not imported",
			    s->what, dt);
		s->self->skipped = true;
		return;
	}
	struct doc_node *m = new_object(s, "menus", "menu");
	const char *prompt = rec_or(s, b, "recording", NULL);
	if (!prompt)
		prompt = recording(s, NULL);
	import_put(s->im, m, "prompt", import_word(s->im, prompt));
	menu_timeout(s, m, field(b, "timeout"));
	struct doc_node *opts = import_map(s->im);
	for (const cJSON *e = field(b, "entries") ? field(b, "entries")->child : NULL; e; e = e->next) {
		const char *k = key_of(s, field(e, "option"));
		int64_t t = 0;
		import_int(e, "template_id", &t);
		s->option = k != NULL;
		if (k)
			add_option(s, opts, k, vr_route(s, e, "destination"), "email_template", t);
		static const char *const entry_keys[] = { "option", "destination_type",
							  "destination_id", "template_id", NULL };
		import_unknown_keys(s->im, e, entry_keys, s->what);
	}
	if (opts->count)
		import_put(s->im, m, "options", opts);
	struct handler inv = { "invalid", retries(s, b, "incorrect_count"),
			       rec_or(s, b, "invalid_recording", prompt), NULL,
			       vr_route(s, b, "invalid_destination") };
	inv.final = rec_or(s, b, "recording_invalid", inv.prompt);
	struct handler ni = { "no_input", retries(s, b, "timeout_retries"),
			      rec_or(s, b, "timeout_retry_recording", prompt), NULL,
			      vr_route(s, b, "timeout_destination") };
	ni.final = rec_or(s, b, "timeout_recording", ni.prompt);
	put_handler(s, m, &inv);
	put_handler(s, m, &ni);
	vr_settings(s, m, b);
	import_unknown_keys(s->im, b, vr_keys, s->what);
	s->nmenus++;
	s->nvr++;
}

/* ---------- auto attendants ---------- */

static void import_auto_attendant(struct sfi *s)
{
	const cJSON *b = s->self->body;
	static const char *const keys[] = { "name", "description", "recording_ID", "recording_id",
					    "recording_type", "destination_type", "destination_id",
					    NULL };
	struct doc_node *m = new_object(s, "announcements", "announcement");
	const cJSON *rec = field(b, "recording_ID");
	if (!rec && (rec = field(b, "recording_id")) != NULL)
		import_setting(s->im, "announcement_recording_key", "recording_id");
	import_put(s->im, m, "prompt", import_word(s->im, recording(s, rec)));
	const char *rt = import_str(b, "recording_type");
	if (rt && strcmp(rt, "recording") != 0)
		import_lost(s->im, field(b, "recording_type"), "%s: recording_type '%s' is not "
			    "'recording'; imported as a recording", s->what, rt);
	import_put(s->im, m, "then", import_word(s->im, vr_route(s, b, "destination")));
	import_unknown_keys(s->im, b, keys, s->what);
}

/* ---------- broadcasts ---------- */

/* Whether every item of b[key] is a whole number from min to max (and it
 * is a list). */
static bool int_list_ok(const cJSON *b, const char *key, int64_t min, int64_t max)
{
	const cJSON *arr = field(b, key);
	int64_t v;
	if (!cJSON_IsArray(arr))
		return false;
	for (const cJSON *e = arr->child; e; e = e->next)
		if (!import_int_value(e, &v) || v < min || v > max)
			return false;
	return true;
}

static bool int_ok(const cJSON *b, const char *key, int64_t min, int64_t max)
{
	int64_t v;
	return import_int(b, key, &v) && v >= min && v <= max;
}

/* Why the language cannot hold this broadcast (every field of it is
 * required), or NULL. */
static const char *broadcast_flaw(const cJSON *b)
{
	const char *caller = import_str(b, "caller_id_number");
	if (!int_ok(b, "phone_number_list", 0, INT64_MAX))
		return "phone_number_list is not a list id";
	if (!import_str(b, "destination"))
		return "it has no destination";
	if (!import_is_phone(caller))
		return "caller_id_number is not an E.164 number";
	if (!int_ok(b, "timeout", 0, 86400))
		return "timeout is not 0 to 86400 seconds";
	if (!int_ok(b, "concurrent_limit", 1, INT64_MAX))
		return "concurrent_limit is not a whole number from 1";
	if (!int_ok(b, "number_of_retry", 0, INT64_MAX))
		return "number_of_retry is not a whole number";
	if (field(b, "retry_after_minutes") && !int_list_ok(b, "retry_after_minutes", 0, 1440))
		return "retry_after_minutes is not a list of 0 to 1440 minutes";
	if (!int_list_ok(b, "dialstatus", INT64_MIN, INT64_MAX) ||
	    !int_list_ok(b, "retry_dialstatus", INT64_MIN, INT64_MAX))
		return "dialstatus or retry_dialstatus is not a list of whole numbers";
	if (!import_is_datetime(import_str(b, "start_date_time")) ||
	    !import_is_datetime(import_str(b, "end_date_time")))
		return "start_date_time or end_date_time is not YYYY-MM-DD HH:MM:SS on a real day";
	if (!int_ok(b, "time_group", 0, INT64_MAX))
		return "time_group is not an id";
	return NULL;
}

static void put_int(struct sfi *s, struct doc_node *m, const char *key, const cJSON *b,
		    const char *from)
{
	int64_t v = 0;
	import_int(b, from, &v);
	import_put(s->im, m, key, import_intv(s->im, v));
}

/* A list of whole numbers (checked), each with a unit ("10m") or bare. */
/* A list of numbers, or (minutes) of durations given in minutes. */
static void put_list(struct sfi *s, struct doc_node *m, const char *key, const cJSON *b,
		     const char *from, bool minutes)
{
	struct doc_node *seq = import_seq(s->im);
	for (const cJSON *e = field(b, from)->child; e; e = e->next) {
		int64_t v = 0;
		import_int_value(e, &v);
		bool fits = v >= 0 && v <= INT64_MAX / 60;
		import_push(s->im, seq, minutes && fits ? import_seconds(s->im, v * 60) :
			    minutes ? import_word(s->im, arena_printf(s->im->a, "%lldm", (long long)v))
				    : import_intv(s->im, v));
	}
	import_put(s->im, m, key, seq);
}

static void import_broadcast(struct sfi *s)
{
	static const char *const keys[] = {
		"name", "description", "phone_number_list", "destination", "timeout",
		"concurrent_limit", "retry_after_minutes", "caller_id_number", "number_of_retry",
		"start_date_time", "end_date_time", "time_group", "dialstatus", "retry_dialstatus",
		NULL,
	};
	const cJSON *b = s->self->body;
	const char *flaw = broadcast_flaw(b);
	if (flaw) {
		import_lost(s->im, b, "%s is not imported: %s", s->what, flaw);
		s->self->skipped = true;
		return;
	}
	struct doc_node *m = new_object(s, "broadcasts", "broadcast");
	int64_t t = 0;
	put_int(s, m, "phone_list", b, "phone_number_list");
	import_put(s->im, m, "destination", import_word(s->im, route_or_hangup(s, b, "destination")));
	import_put(s->im, m, "caller_id", import_text(s->im, import_str(b, "caller_id_number")));
	import_int(b, "timeout", &t);
	import_put(s->im, m, "ring_timeout", import_seconds(s->im, t));
	put_int(s, m, "concurrency", b, "concurrent_limit");
	put_int(s, m, "retries", b, "number_of_retry");
	if (field(b, "retry_after_minutes"))
		put_list(s, m, "retry_after", b, "retry_after_minutes", true);
	put_list(s, m, "dial_status", b, "dialstatus", false);
	put_list(s, m, "retry_on", b, "retry_dialstatus", false);
	struct doc_node *w = import_map(s->im);
	import_put(s->im, w, "start", import_text(s->im, import_str(b, "start_date_time")));
	import_put(s->im, w, "end", import_text(s->im, import_str(b, "end_date_time")));
	put_int(s, w, "time_group", b, "time_group");
	import_put(s->im, m, "window", w);
	import_unknown_keys(s->im, b, keys, s->what);
}

/* ---------- the whole import ---------- */

/* The type that routes to kind (vr, auto_attendant) is a setting; a
 * placeholder "@{kind:...}" shows which type the bodies use. */
static void learn_type(struct sfi *s, const char *type, const char *id)
{
	const char *pk, *pn;
	if (!type || !id || !placeholder(s, id, &pk, &pn))
		return;
	bool vr = strcmp(pk, "vr") == 0, aa = strcmp(pk, "auto_attendant") == 0;
	const char **have = vr ? &s->vr_type : aa ? &s->aa_type : NULL;
	if (!have || strcmp(*have, type) == 0)
		return;
	*have = type;
	import_setting(s->im, vr ? "vr_route_type" : "announcement_type", type);
}

/* Every "type|id" string and every X_type / X_id pair below v. Recursion
 * is bounded by cJSON's nesting limit. */
static void learn_types(struct sfi *s, const cJSON *v)
{
	for (const cJSON *c = v->child; c; c = c->next) {
		const char *cut = cJSON_IsString(c) ? strstr(c->valuestring, s->sep) : NULL;
		if (cut)
			learn_type(s, arena_strndup(s->im->a, c->valuestring,
						    (size_t)(cut - c->valuestring)), cut + strlen(s->sep));
		size_t n = c->string ? strlen(c->string) : 0;
		if (n > 5 && strcmp(c->string + n - 5, "_type") == 0 && cJSON_IsString(c)) {
			const char *ik = arena_printf(s->im->a, "%.*s_id", (int)(n - 5), c->string);
			learn_type(s, c->valuestring, import_str(v, ik));
		}
		learn_types(s, c);
	}
}

/* The separator shows in every "type||id" string: "||" unless the
 * recordings say "recording|ID". */
static const char *find_separator(struct importer *im)
{
	for (size_t i = 0; i < im->nobjects; i++) {
		const char *r = import_str(im->objects[i].body, "recording");
		if (r && strncmp(r, "recording||", 11) == 0)
			return "||";
		if (r && strncmp(r, "recording|", 10) == 0)
			return "|";
	}
	return "||";
}

static void sf_convert(struct importer *im)
{
	struct sfi s = { .im = im };
	s.sep = find_separator(im);
	s.aa_type = target_setting_default(&smartflo_target.caps, "announcement_type");
	s.vr_type = target_setting_default(&smartflo_target.caps, "vr_route_type");
	s.hangup = smartflo_route(im->a, s.sep, "hangup", "1").whole;
	if (strcmp(s.sep, target_setting_default(&smartflo_target.caps, "separator")) != 0)
		import_setting(im, "separator", s.sep);
	for (size_t i = 0; i < im->nobjects; i++) {
		const struct imp_object *o = &im->objects[i];
		learn_types(&s, o->body);
		if (strcmp(o->kind, "vr") == 0 && o->path &&
		    strcmp(o->path, target_setting_default(&smartflo_target.caps, "vr_path")) != 0)
			import_setting(im, "vr_path", o->path);
	}
	for (size_t i = 0; i < im->nobjects; i++) {
		s.self = &im->objects[i];
		s.what = arena_printf(im->a, "%s '%s'", s.self->kind, s.self->name);
		if (strcmp(s.self->kind, "ivr") == 0)
			import_ivr(&s);
		else if (strcmp(s.self->kind, "vr") == 0)
			import_vr(&s);
		else if (strcmp(s.self->kind, "auto_attendant") == 0)
			import_auto_attendant(&s);
		else if (strcmp(s.self->kind, "broadcast") == 0)
			import_broadcast(&s);
		else
			import_lost(im, s.self->body, "%s: smartflo objects of kind '%s' are not "
				    "imported", s.what, s.self->kind);
	}
	/* Every menu a virtual receptionist: say so once, for the target. */
	bool all = s.nvr && s.nvr == s.nmenus;
	if (all)
		import_setting(im, "menus_as", "vr");
	for (size_t i = 0; i + 1 < s.nvr_menus; i += 2) {
		struct doc_node *menu = s.vr_menus[i], *set = s.vr_menus[i + 1];
		if (!all) {
			/* "as" first, as a reader looks for it. */
			struct doc_node *with = import_map(im);
			import_put(im, with, "as", import_word(im, "vr"));
			for (size_t j = 0; j < set->count; j++)
				import_put(im, with, set->pairs[j].key->text, set->pairs[j].value);
			set = with;
		}
		if (set->count)
			import_put(im, menu, "smartflo", set);
	}
	smartflo_import_calendars(im);
}

const struct import_target smartflo_import = {
	.list_of = sf_list_of,
	.kind_of = sf_kind_of,
	.id_key = "id",
	.convert = sf_convert,
};
