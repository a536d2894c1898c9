/* Sonetel's lowering: menus and announcements (ivr voice apps) and
 * voicemails (mailbox voice apps) to request bodies, after seed 004 and
 * Sonetel's voice-app reference, with the settings of target.c. Every
 * Sonetel body fact (path, field names, values) lives here. References to
 * other apps are placeholders "@{voiceapp:NAME}" (link.h). */
#include <stdbool.h>
#include <string.h>

#include "../../compiler/arena.h"
#include "../../compiler/codes.h"
#include "../target.h"
#include "../json_build.h"
#include "../link.h"
#include "sonetel.h"

/* The account id is known only to push, which fills it in from
 * SONETEL_ACCOUNT_ID: a build never holds it. */
#define ST_APP_PATH "/account/{account_id}/voiceapp"
#define ST_KIND "voiceapp"

/* One lowering: the program, the output, the settings in force and the
 * declaration being lowered (`repeat` means its own app). */
struct st {
	const struct ast_program *p;
	struct bundle *b;
	struct diag *d;
	size_t ti;                   /* Sonetel's index in p's target set */
	const char *voice, *phone_to, *hangup, *get_extension, *mailbox_greeting;
	const struct ast_decl *cur;
	bool findings_only;          /* sonetel_check: no bodies, no texts to record */
};

/* What a menu key, the timeout or an announcement's final_action does. */
struct action {
	const char *action, *to, *id;
};

static const struct action act_unused = {"", "", ""};

static struct action act_hangup(const struct st *s)
{
	return (struct action){s->hangup, "", ""};
}

/* Another app of this project (or this one): its id once it exists. */
static struct action act_app(struct st *s, struct bundle_object *o, const char *name)
{
	bundle_add_dep(s->b, o, ST_KIND, name);
	return (struct action){"connect", "app", link_placeholder(s->b->arena, ST_KIND, name)};
}

/* The checker refuses these before lowering; kept so a bug is a finding. */
static struct action act_refused(struct st *s, const struct ast_dest *dst)
{
	diag_error(s->d, IVR_TARGET_DEST, dst->span, "sonetel cannot route to '%s%s%s'",
		   ast_dest_kind_names[dst->kind],
		   dst->id && dst->kind != DEST_NAME ? ":" : "", dst->id ? dst->id : "");
	return act_hangup(s);
}

static struct action act_of(struct st *s, struct bundle_object *o, const struct ast_dest *dst);

/* A schedule: the branch the file picked for Sonetel, which has none (the
 * checker warned; without a branch it refused the file). */
static struct action act_schedule(struct st *s, struct bundle_object *o,
				  const struct ast_decl *d, const struct ast_dest *dst)
{
	const struct ast_schedule *sc = (const struct ast_schedule *)d;
	const char *branch;
	const struct ast_dest *to = ast_schedule_branch(sc, s->ti, &branch);
	return to ? act_of(s, o, to) : act_refused(s, dst);
}

/* A bare NAME: the app or endpoint the resolver found. */
static struct action act_name(struct st *s, struct bundle_object *o, const struct ast_dest *dst)
{
	const struct ast_decl *ref = dst->ref;
	if (ref && (ref->kind == DECL_MENU || ref->kind == DECL_ANNOUNCEMENT ||
		    ref->kind == DECL_VOICEMAIL))
		return act_app(s, o, ref->name);
	if (ref && ref->kind == DECL_SCHEDULE)
		return act_schedule(s, o, ref, dst);
	if (ref && ref->kind == DECL_ENDPOINT) {
		const struct ast_endpoint *e = (const struct ast_endpoint *)ref;
		const struct ast_dest *lit = ast_endpoint_literal(e, s->ti);
		if (lit->kind != DEST_NAME && lit->kind != DEST_NONE)
			return act_of(s, o, lit);
	}
	return act_refused(s, dst);
}

static struct action act_of(struct st *s, struct bundle_object *o, const struct ast_dest *dst)
{
	switch (dst->kind) {
	case DEST_NAME:
		return act_name(s, o, dst);
	case DEST_MENU: case DEST_ANNOUNCEMENT: case DEST_VOICEMAIL:
		return act_app(s, o, dst->id);
	case DEST_SCHEDULE:
		return dst->ref ? act_schedule(s, o, dst->ref, dst) : act_refused(s, dst);
	case DEST_USER:
		return (struct action){"call", "user", dst->id};
	case DEST_PHONE:
		return (struct action){"call", s->phone_to, dst->id};
	case DEST_SIP:
		return (struct action){"call", "other", dst->id};
	case DEST_APP:
		return (struct action){"connect", "app", dst->id};
	case DEST_NONE: case DEST_HANGUP:
		return act_hangup(s);
	case DEST_REPEAT:
		if (s->cur->kind == DECL_MENU)
			return act_app(s, o, s->cur->name);
		return act_refused(s, dst);
	default:
		return act_refused(s, dst);
	}
}

/* Every action has all three keys, "" where there is nothing (as the
 * reference writes unused keys). */
static cJSON *act_json(struct action a)
{
	cJSON *j = cJSON_CreateObject();
	json_add_string(j, "action", a.action);
	json_add_string(j, "to", a.to);
	json_add_string(j, "id", a.id);
	return j;
}

/* ---------- the parts every app has ---------- */

/* A new app of decl, in its own voice when its settings name one (voice:
 * a menu's or voicemail's), else the target's. */
static struct bundle_object *app_new(struct st *s, const char *app_type,
				     const struct ast_decl *decl, const char *voice)
{
	struct bundle_object *o = bundle_add(s->b, ST_KIND, decl->name);
	o->remote_name = target_remote_name(s->b->arena, s->p, &sonetel_target.caps, decl->name);
	o->method = "POST";
	o->path = ST_APP_PATH;
	o->span = decl->name_span;
	s->cur = decl;
	json_add_string(o->body, "app_type", app_type);
	json_add_string(o->body, "name", o->remote_name);
	json_add_string(o->body, "voice", voice ? voice : s->voice);
	return o;
}

/* An app plays its own prompts (Welcome, Main Menu, ...); the body cannot
 * name another prompt for them, and their messages are uploaded to the app
 * after it exists. So ivrc says what each should say. */
static void app_prompt(struct st *s, const char *app, const struct ast_recref *r,
		       const char *prompt)
{
	const struct ast_recording *rec = r->rec;
	if (!rec)
		return;
	const char *id = ast_recording_id(rec, s->ti);
	if (id)
		diag_warning(s->d, IVR_TARGET_PROMPT_ID, r->span,
			     "voice app '%s' plays its own %s prompt: a voice app body cannot "
			     "name prompt '%s' (recording '%s') for it; give that message to the "
			     "app's %s prompt after push", app, prompt, id,
			     rec->decl.name, prompt);
	if (rec->text && !s->findings_only)
		diag_note(s->d, IVR_TARGET_PROMPT_TEXT, r->span,
			  "record the %s prompt of voice app '%s': \"%s\"", prompt, app, rec->text);
}

/* ---------- menus → ivr apps ---------- */

static const struct ast_option *option_of(const struct ast_menu *m, char key)
{
	for (size_t i = 0; i < m->noptions; i++)
		if (m->options[i].key == key)
			return &m->options[i];
	return NULL;
}

/* Keys digit_0..digit_9 in order, all ten, then timeout (no_input's then). */
static void menu_actions(struct st *s, struct bundle_object *o, const struct ast_menu *m)
{
	cJSON *menu = json_add_object(o->body, "menu");
	for (char key = '0'; key <= '9'; key++) {
		const struct ast_option *op = option_of(m, key);
		struct action a = op ? act_of(s, o, &op->to) : act_unused;
		const char name[] = {'d', 'i', 'g', 'i', 't', '_', key, '\0'};
		cJSON_AddItemToObject(menu, name, act_json(a));
	}
	json_add(menu, "timeout", act_json(act_of(s, o, &m->no_input.then)));
}

/* What the menu asks for that Sonetel has no field for. */
static void menu_unused(struct st *s, const struct ast_menu *m)
{
	const struct ast_handler *h = &m->no_input;
	if (m->timeout_span.src)
		diag_warning(s->d, IVR_TARGET_IGNORED, m->timeout_span,
			     "sonetel waits its own time for a key: a voice app has no timeout "
			     "field, so 'timeout' is not used");
	if (!h->present || (h->retries == 0 && !h->final_prompt.name))
		return;
	const char *unused = h->retries == 0 ? "'final_prompt' is"
		: h->final_prompt.name ? "'retries', 'prompt' and 'final_prompt' are"
		: "'retries' and 'prompt' are";
	diag_warning(s->d, IVR_TARGET_IGNORED, h->span,
		     "sonetel neither retries nor plays a prompt on silence: it takes the "
		     "menu's 'timeout' action (this handler's 'then') at once; %s not used",
		     unused);
}

static void lower_menu(struct st *s, const struct ast_menu *m)
{
	const char *ext = settings_value(ast_menu_settings(m, s->ti), "get_extension");
	const char *welcome = settings_value(ast_menu_settings(m, s->ti), "play_welcome");
	struct bundle_object *o = app_new(s, "ivr", &m->decl,
					  settings_value(ast_menu_settings(m, s->ti), "voice"));
	json_add_string(o->body, "play_welcome", welcome ? welcome : "no");
	json_add_string(o->body, "play_menu", "yes");
	json_add_string(o->body, "get_extension", ext ? ext : s->get_extension);
	menu_actions(s, o, m);
	app_prompt(s, o->remote_name, &m->prompt, "'Main Menu'");
	menu_unused(s, m);
}

/* ---------- announcements → ivr apps without a menu ---------- */

static void lower_announcement(struct st *s, const struct ast_announcement *an)
{
	struct bundle_object *o = app_new(s, "ivr", &an->decl, NULL);
	json_add_string(o->body, "play_welcome", "yes");
	json_add_string(o->body, "play_menu", "no");
	json_add_string(o->body, "get_extension", "no");
	json_add(o->body, "final_action", act_json(act_of(s, o, &an->then)));
	app_prompt(s, o->remote_name, &an->prompt, "'Welcome'");
}

/* ---------- voicemails → mailbox apps ---------- */

static void lower_voicemail(struct st *s, const struct ast_voicemail *vm)
{
	struct bundle_object *o = app_new(s, "mailbox", &vm->decl,
					  settings_value(ast_voicemail_settings(vm, s->ti), "voice"));
	bool email = vm->deliver_to.kind == DEST_EMAIL;
	/* "no" turns Sonetel's default greeting off: callers would reach a
	 * silent mailbox. */
	json_add_string(o->body, "greeting_prompt", vm->greeting.name ? "yes" : s->mailbox_greeting);
	json_add_string(o->body, "goodbye_prompt", vm->goodbye.name ? "yes" : "no");
	json_add_string(o->body, "deliver_to", email ? "email" : "user");
	json_add_string(o->body, "deliver_to_details",
			vm->deliver_to.id ? vm->deliver_to.id : "");
	app_prompt(s, o->remote_name, &vm->greeting, "greeting");
	app_prompt(s, o->remote_name, &vm->goodbye, "goodbye");
}

/* Broadcasts and flows are not built here: the checker refuses routes into
 * them (IVR403), so skipping them loses nothing. */
/* Object i: the menus, then the announcements, then the voicemails. */
static void st_object(const struct lowering *l, size_t i, struct bundle *out, struct diag *d)
{
	struct st *s = l->state;
	const struct ast_program *p = s->p;
	s->b = out;
	s->d = d;
	if (i < p->nmenus)
		lower_menu(s, p->menus[i]);
	else if ((i -= p->nmenus) < p->nannouncements)
		lower_announcement(s, p->announcements[i]);
	else
		lower_voicemail(s, p->voicemails[i - p->nannouncements]);
}

struct lowering sonetel_lowering(const struct ast_program *p, struct arena *a, struct diag *d)
{
	struct st *s = arena_alloc(a, sizeof *s);
	*s = (struct st){.p = p, .d = d,
			 .ti = (size_t)ast_target_index(p, sonetel_target.caps.name)};
	s->voice = target_setting(p, &sonetel_target.caps, "voice");
	s->phone_to = target_setting(p, &sonetel_target.caps, "phone_to");
	s->hangup = target_setting(p, &sonetel_target.caps, "hangup_action");
	s->get_extension = target_setting(p, &sonetel_target.caps, "get_extension");
	s->mailbox_greeting = target_setting(p, &sonetel_target.caps, "mailbox_greeting");
	return (struct lowering){ p->nmenus + p->nannouncements + p->nvoicemails, st_object, s, NULL };
}

void sonetel_lower(const struct ast_program *p, struct bundle *out, struct diag *d)
{
	lowering_run(sonetel_lowering(p, out->arena, d), out, d);
}

/* What the build warns about (IVR421, IVR423), found by check too, without
 * building the bodies. IVR422's notes are the build's instructions (the
 * texts to record), not findings about the file: build alone prints them. */
void sonetel_check(const struct ast_program *p, struct diag *d)
{
	struct st s = {.p = p, .d = d, .findings_only = true,
		       .ti = (size_t)ast_target_index(p, sonetel_target.caps.name)};
	const struct target_caps *caps = &sonetel_target.caps;
	for (size_t i = 0; i < p->nmenus; i++) {
		const struct ast_menu *m = p->menus[i];
		app_prompt(&s, target_remote_name(d->arena, p, caps, m->decl.name), &m->prompt,
			   "'Main Menu'");
		menu_unused(&s, m);
	}
	for (size_t i = 0; i < p->nannouncements; i++) {
		const struct ast_announcement *an = p->announcements[i];
		app_prompt(&s, target_remote_name(d->arena, p, caps, an->decl.name), &an->prompt,
			   "'Welcome'");
	}
	for (size_t i = 0; i < p->nvoicemails; i++) {
		const struct ast_voicemail *vm = p->voicemails[i];
		const char *app = target_remote_name(d->arena, p, caps, vm->decl.name);
		app_prompt(&s, app, &vm->greeting, "greeting");
		app_prompt(&s, app, &vm->goodbye, "goodbye");
	}
}
