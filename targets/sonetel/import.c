/* Sonetel import: voice apps back to menus (ivr apps with a menu),
 * announcements (ivr apps without one) and voicemails (mailbox apps); the
 * inverse of lower.c (docs/TARGETS.md). Reads our bundles and bodies, and
 * the answers of GET /account/{acc}/voiceapp[/{id}]: {"resource", "status",
 * "response": an app or a list of apps}. */
#include <string.h>

#include "../../compiler/arena.h"
#include "../../compiler/codes.h"
#include "../target.h"
#include "../import.h"
#include "sonetel.h"

/* The app plays its own prompts: every menu, announcement and voicemail of
 * the import plays this recording, which needs nothing on Sonetel. */
#define ST_PROMPT "sonetel_prompt"

/* A menu imported, and what its sonetel block may need to say. */
struct st_menu {
	struct doc_node *doc;
	bool extension;            /* get_extension: yes */
	bool welcome;              /* play_welcome: yes */
	const char *voice;         /* its own voice, or NULL */
};

struct sti {
	struct importer *im;
	const char *voice, *phone_to, *hangup;
	struct imp_object *self;
	const char *what;
	const char *prompt;        /* the recording ST_PROMPT */
	struct st_menu *menus;     /* the menus imported, in order */
	size_t nmenus, capmenus, nextension;
	bool silent_mailbox;       /* mailbox_greeting: no was set */
};

static const char *st_kind_of(const cJSON *b)
{
	return import_str(b, "app_type") ? "voiceapp" : NULL;
}

/* {"resource": "voiceapp", "status": "success", "response": ...} */
static const cJSON *st_list_of(const cJSON *root, bool *single)
{
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(root, "response");
	if (!import_str(root, "status") || !(cJSON_IsArray(r) || cJSON_IsObject(r)))
		return NULL;
	*single = cJSON_IsObject(r);
	return r;
}

/* What an app is in ivrc. */
static const char *decl_of(const cJSON *body)
{
	const char *type = import_str(body, "app_type"), *menu = import_str(body, "play_menu");
	if (type && strcmp(type, "mailbox") == 0)
		return "voicemail";
	if (type && strcmp(type, "ivr") == 0)
		return menu && strcmp(menu, "no") == 0 ? "announcement" : "menu";
	return NULL;
}

/* ---------- actions ---------- */

/* "" (not expressed): a menu key is left out, the timeout and an
 * announcement's final action hang up. */
static const char *lost_action(struct sti *s, const cJSON *at, const char *why)
{
	bool key = at->string && strncmp(at->string, "digit_", 6) == 0;
	import_lost(s->im, at, "%s: action %s %s; %s", s->what, import_json_text(s->im, at), why,
		    key ? "the key is left out" : "imported as hangup");
	return "";
}

/* Another app: of this import (by placeholder or id), or an app:ID literal. */
static const char *connect_app(struct sti *s, const cJSON *at, const char *id)
{
	struct imp_object *o = NULL;
	size_t n = strlen(id);
	if (n > 12 && strncmp(id, "@{voiceapp:", 11) == 0 && id[n - 1] == '}') {
		const char *name = arena_strndup(s->im->a, id + 11, n - 12);
		o = import_find(s->im, "voiceapp", name, NULL);
		if (!o) {
			diag_warning(s->im->d, IVR_IMPORT_DANGLING, import_span(s->im, at),
				     "%s connects to app '%s', which the imported files do not hold",
				     s->what, name);
			return import_is_name(name) ? arena_printf(s->im->a, "menu:%s", name)
						    : "hangup";
		}
	} else {
		o = import_find(s->im, "voiceapp", NULL, id);
	}
	const char *decl = o ? decl_of(o->body) : NULL;
	if (o && decl && o == s->self && strcmp(decl, "menu") == 0)
		return "repeat";
	if (o && decl)
		return arena_printf(s->im->a, "%s:%s", decl, o->name);
	return import_is_literal_id(id) ? arena_printf(s->im->a, "app:%s", id)
		: lost_action(s, at, "names an app id ivrc cannot write");
}

/* {"action", "to", "id"} to a destination; NULL for an unused key. */
static const char *action(struct sti *s, const cJSON *a)
{
	const char *act = import_str(a, "action"), *to = import_str(a, "to");
	const char *id = import_str(a, "id");
	if (!cJSON_IsObject(a))
		return lost_action(s, a, "is not an {action, to, id} object");
	static const char *const keys[] = { "action", "to", "id", NULL };
	import_unknown_keys(s->im, a, keys, s->what);
	if (!act || !act[0])
		return NULL;
	if (strcmp(act, s->hangup) == 0)
		return "hangup";
	if (!to || !id)
		return lost_action(s, a, "lacks 'to' or 'id'");
	if (strcmp(act, "connect") == 0 && strcmp(to, "app") == 0)
		return connect_app(s, a, id);
	if (strcmp(act, "call") == 0 && strcmp(to, "user") == 0 && import_is_literal_id(id))
		return arena_printf(s->im->a, "user:%s", id);
	if (strcmp(act, "call") == 0 && strcmp(to, s->phone_to) == 0 && import_is_phone(id))
		return arena_printf(s->im->a, "phone:%s", id);
	if (strcmp(act, "call") == 0 && strcmp(to, "other") == 0 && import_is_sip(id))
		return arena_printf(s->im->a, "sip:%s", id);
	if (strcmp(act, "play") == 0)
		return lost_action(s, a, "plays a prompt: ivrc routes a key to a destination, and "
				   "a prompt is none");
	return lost_action(s, a, "is of a kind ivrc has no destination for");
}

/* ---------- settings the bodies show ---------- */

static bool voice_known(const char *v)
{
	const struct target_caps *c = &sonetel_target.caps;
	for (size_t i = 0; i < c->nsettings; i++)
		for (const char *const *ch = c->settings[i].choices;
		     strcmp(c->settings[i].name, "voice") == 0 && ch && *ch; ch++)
			if (strcmp(*ch, v) == 0)
				return true;
	return false;
}

/* Calls and hang-ups show phone_to and hangup_action; the first app's voice
 * is the target's. */
static void learn_settings(struct sti *s)
{
	struct importer *im = s->im;
	bool phnum = false, other_phone = false;
	const cJSON *voice_at = NULL;
	const char *hangup_default = target_setting_default(&sonetel_target.caps, "hangup_action");
	for (size_t i = 0; i < im->nobjects; i++) {
		const cJSON *b = im->objects[i].body;
		const char *voice = import_str(b, "voice");
		if (voice && !s->voice) {
			s->voice = voice;
			voice_at = cJSON_GetObjectItemCaseSensitive(b, "voice");
		}
		const cJSON *menu = cJSON_GetObjectItemCaseSensitive(b, "menu");
		const cJSON *fin = cJSON_GetObjectItemCaseSensitive(b, "final_action");
		for (const cJSON *a = menu ? menu->child : fin; a; a = menu ? a->next : NULL) {
			const char *act = import_str(a, "action"), *to = import_str(a, "to");
			if (!act || !to)
				continue;
			phnum |= strcmp(act, "call") == 0 && strcmp(to, "phnum") == 0;
			other_phone |= strcmp(act, "call") == 0 && strcmp(to, "other") == 0 &&
				       import_is_phone(import_str(a, "id"));
			if (!to[0] && act[0] && strcmp(act, "call") != 0 && strcmp(act, "connect") != 0 &&
			    strcmp(act, "play") != 0 && strcmp(s->hangup, hangup_default) == 0)
				s->hangup = act;
		}
	}
	if (!phnum && other_phone)
		s->phone_to = "other";
	if (s->voice && !voice_known(s->voice)) {
		import_lost(im, voice_at, "voice '%s' is not one ivrc knows for sonetel; the "
			    "default '%s' is used", s->voice,
			    target_setting_default(&sonetel_target.caps, "voice"));
		s->voice = NULL;
	}
	if (!s->voice)
		s->voice = target_setting_default(&sonetel_target.caps, "voice");
	if (strcmp(s->voice, target_setting_default(&sonetel_target.caps, "voice")) != 0)
		import_setting(im, "voice", s->voice);
	if (strcmp(s->phone_to, target_setting_default(&sonetel_target.caps, "phone_to")) != 0)
		import_setting(im, "phone_to", s->phone_to);
	if (strcmp(s->hangup, target_setting_default(&sonetel_target.caps, "hangup_action")) != 0)
		import_setting(im, "hangup_action", s->hangup);
}

/* ---------- apps ---------- */

static struct doc_node *new_object(struct sti *s, const char *section, const char *decl)
{
	struct doc_node *m = import_map(s->im);
	import_put(s->im, import_section(s->im, section), s->self->name, m);
	s->self->decl = decl;
	s->self->doc = m;
	return m;
}

/* Fields the back end always sends: one absent from the JSON would come
 * back with a value it never had, and Sonetel's reference documents no
 * default for any of them (Voiceapps.yaml). */
static void expect_present(struct sti *s, const cJSON *obj, const char *const *keys)
{
	for (; *keys; keys++)
		if (!cJSON_GetObjectItemCaseSensitive(obj, *keys))
			import_lost(s->im, obj, "%s: '%s' is absent, and Sonetel documents no "
				    "default for it: a build would send a value the JSON does not "
				    "have", s->what, *keys);
}

/* A yes/no field that must have one value here. */
static void expect_flag(struct sti *s, const char *key, const char *want, const char *why)
{
	const char *v = import_str(s->self->body, key);
	if (v && strcmp(v, want) != 0)
		import_lost(s->im, cJSON_GetObjectItemCaseSensitive(s->self->body, key),
			    "%s: %s is '%s': %s", s->what, key, v, why);
}

/* The app's voice when it is not the target's (a menu's or voicemail's own
 * setting), else NULL; an announcement has no settings of its own. */
static const char *own_voice(struct sti *s, const char *decl)
{
	const char *v = import_str(s->self->body, "voice");
	if (!v || strcmp(v, s->voice) == 0)
		return NULL;
	if (strcmp(decl, "announcement") == 0)
		import_lost(s->im, cJSON_GetObjectItemCaseSensitive(s->self->body, "voice"),
			    "%s: voice '%s' differs from the other apps' '%s': an announcement "
			    "has no voice of its own", s->what, v, s->voice);
	return v;
}

static const char *const ivr_keys[] = {
	"app_type", "name", "voice", "play_welcome", "play_menu", "get_extension", "menu",
	"final_action", "tts_allowed", NULL,
};

static void import_menu(struct sti *s)
{
	const cJSON *b = s->self->body;
	struct doc_node *m = new_object(s, "menus", "menu");
	static const char *const sent[] = { "voice", "play_welcome", "play_menu", "get_extension",
					    "menu", NULL };
	static const char *const menu_sent[] = { "timeout", NULL };
	expect_present(s, b, sent);
	if (cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(b, "menu")))
		expect_present(s, cJSON_GetObjectItemCaseSensitive(b, "menu"), menu_sent);
	import_put(s->im, m, "prompt", import_word(s->im, s->prompt));
	const char *welcome = import_str(b, "play_welcome");
	struct st_menu one = { m, false, welcome && strcmp(welcome, "yes") == 0, NULL };
	if (!one.welcome)
		expect_flag(s, "play_welcome", "no", "play_welcome is yes or no");
	const cJSON *menu = cJSON_GetObjectItemCaseSensitive(b, "menu");
	struct doc_node *opts = import_map(s->im);
	const char *then = "hangup";
	if (menu && !cJSON_IsObject(menu))
		import_lost(s->im, menu, "%s: menu %s is not an object of keys; not imported",
			    s->what, import_json_text(s->im, menu));
	for (const cJSON *a = cJSON_IsObject(menu) ? menu->child : NULL; a; a = a->next) {
		const char *to = action(s, a);
		const char *k = a->string;
		if (strcmp(k, "timeout") == 0)
			then = to ? to : lost_action(s, a, "is empty");
		else if (strlen(k) == 7 && strncmp(k, "digit_", 6) == 0 && k[6] >= '0' &&
			 k[6] <= '9' && to && to[0])
			import_put(s->im, opts, k + 6, import_word(s->im, to));
		else if (to && to[0])
			import_lost(s->im, a, "%s: menu key '%s' is not digit_0 to digit_9 or "
				    "timeout", s->what, k);
	}
	if (opts->count)
		import_put(s->im, m, "options", opts);
	if (strcmp(then, "hangup") != 0 && then[0]) {
		struct doc_node *h = import_map(s->im);
		import_put(s->im, h, "prompt", import_word(s->im, s->prompt));
		import_put(s->im, h, "retries", import_intv(s->im, 0));
		import_put(s->im, h, "then", import_word(s->im, then));
		import_put(s->im, m, "no_input", h);
	}
	const char *ext = import_str(b, "get_extension");
	one.extension = ext && strcmp(ext, "yes") == 0;
	s->nextension += one.extension;
	one.voice = own_voice(s, "menu");
	ARENA_PUSH(s->im->a, s->menus, s->nmenus, s->capmenus, one);
	import_unknown_keys(s->im, b, ivr_keys, s->what);
}

static void import_announcement(struct sti *s)
{
	const cJSON *b = s->self->body;
	struct doc_node *m = new_object(s, "announcements", "announcement");
	static const char *const sent[] = { "voice", "play_welcome", "play_menu", "get_extension",
					    NULL };
	expect_present(s, b, sent);
	import_put(s->im, m, "prompt", import_word(s->im, s->prompt));
	expect_flag(s, "play_welcome", "yes", "an announcement plays the app's Welcome prompt");
	expect_flag(s, "get_extension", "no", "an announcement takes no extension");
	const cJSON *fin = cJSON_GetObjectItemCaseSensitive(b, "final_action");
	const char *then = fin ? action(s, fin) : NULL;
	import_put(s->im, m, "then", import_word(s->im, then && then[0] ? then : "hangup"));
	import_unknown_keys(s->im, b, ivr_keys, s->what);
}

static void import_voicemail(struct sti *s)
{
	static const char *const keys[] = { "app_type", "name", "voice", "greeting_prompt",
					    "goodbye_prompt", "deliver_to", "deliver_to_details",
					    NULL };
	static const char *const sent[] = { "voice", "greeting_prompt", "goodbye_prompt", NULL };
	const cJSON *b = s->self->body;
	const char *to = import_str(b, "deliver_to"), *who = import_str(b, "deliver_to_details");
	struct doc_node *m = new_object(s, "voicemails", "voicemail");
	expect_present(s, b, sent);
	bool email = to && strcmp(to, "email") == 0;
	bool ok = email ? import_is_email(who) : to && strcmp(to, "user") == 0 &&
		  import_is_literal_id(who);
	/* deliver_to is required: a placeholder the user fills in, said so. */
	if (!ok)
		import_lost(s->im, b, "%s: deliver_to '%s' / '%s' is not an e-mail address or a "
			    "user id; imported as user:unknown", s->what, to ? to : "", who ? who : "");
	import_put(s->im, m, "deliver_to", import_word(s->im, ok ? arena_printf(s->im->a, "%s:%s",
		   email ? "email" : "user", who) : "user:unknown"));
	const char *g = import_str(b, "greeting_prompt"), *bye = import_str(b, "goodbye_prompt");
	if (g && strcmp(g, "yes") == 0)
		import_put(s->im, m, "greeting", import_word(s->im, s->prompt));
	/* A mailbox without Sonetel's greeting: the setting says so for every
	 * voicemail that names none (a voicemail has no per-target block). */
	if (g && strcmp(g, "no") == 0 && !s->silent_mailbox) {
		import_setting(s->im, "mailbox_greeting", "no");
		s->silent_mailbox = true;
	}
	if (bye && strcmp(bye, "yes") == 0)
		import_put(s->im, m, "goodbye", import_word(s->im, s->prompt));
	const char *voice = own_voice(s, "voicemail");
	if (voice) {
		struct doc_node *set = import_map(s->im);
		import_put(s->im, set, "voice", import_word(s->im, voice));
		import_put(s->im, m, "sonetel", set);
	}
	import_unknown_keys(s->im, b, keys, s->what);
}

static void st_convert(struct importer *im)
{
	struct sti s = { .im = im };
	s.phone_to = target_setting_default(&sonetel_target.caps, "phone_to");
	s.hangup = target_setting_default(&sonetel_target.caps, "hangup_action");
	learn_settings(&s);
	struct doc_node *rec = import_map(im);
	import_put(im, rec, "description",
		   import_text(im, "Sonetel voice apps play their own prompts (Welcome, Main "
			       "Menu, greeting, goodbye)"));
	s.prompt = import_recording(im, "sonetel:app", ST_PROMPT, rec);
	for (size_t i = 0; i < im->nobjects; i++) {
		s.self = &im->objects[i];
		s.what = arena_printf(im->a, "voice app '%s'", s.self->name);
		const char *decl = decl_of(s.self->body);
		if (!decl) {
			import_lost(im, s.self->body, "%s: app_type %s is not imported (ivr and "
				    "mailbox apps are)", s.what,
				    import_json_text(im, cJSON_GetObjectItemCaseSensitive(s.self->body,
											"app_type")));
			s.self->skipped = true;
			continue;
		}
		if (strcmp(decl, "announcement") == 0)
			own_voice(&s, decl);
		if (strcmp(decl, "menu") == 0)
			import_menu(&s);
		else if (strcmp(decl, "announcement") == 0)
			import_announcement(&s);
		else
			import_voicemail(&s);
	}
	/* Every menu lets callers dial an extension: say so once, for the target. */
	bool all = s.nmenus && s.nextension == s.nmenus;
	if (all)
		import_setting(im, "get_extension", "yes");
	/* Per menu, what differs from the target's: in one sonetel block. */
	for (size_t i = 0; i < s.nmenus; i++) {
		const struct st_menu *m = &s.menus[i];
		struct doc_node *set = import_map(im);
		if (!all && m->extension)
			import_put(im, set, "get_extension", import_word(im, "yes"));
		if (m->welcome)
			import_put(im, set, "play_welcome", import_word(im, "yes"));
		if (m->voice)
			import_put(im, set, "voice", import_word(im, m->voice));
		if (set->count)
			import_put(im, m->doc, "sonetel", set);
	}
}

const struct import_target sonetel_import = {
	.list_of = st_list_of,
	.kind_of = st_kind_of,
	.id_key = "app_id",
	.convert = st_convert,
};
