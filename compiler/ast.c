/* Name tables of the data model, shared by messages, the binder and back ends. */
#include "ast.h"

#include <string.h>

#include "arena.h"
#include "caps.h"
#include "tz.h"

const char *const ast_decl_kind_names[DECL_KIND_COUNT] = {
	[DECL_MENU] = "menu",
	[DECL_ANNOUNCEMENT] = "announcement",
	[DECL_VOICEMAIL] = "voicemail",
	[DECL_FLOW] = "flow",
	[DECL_ENDPOINT] = "endpoint",
	[DECL_RECORDING] = "recording",
	[DECL_BROADCAST] = "broadcast",
	[DECL_CALENDAR] = "calendar",
	[DECL_SCHEDULE] = "schedule",
};

const char *const ast_day_names[7] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };

const char *const ast_dest_kind_names[DEST_KIND_COUNT] = {
	[DEST_NONE] = "",
	[DEST_NAME] = "",
	[DEST_MENU] = "menu",
	[DEST_ANNOUNCEMENT] = "announcement",
	[DEST_VOICEMAIL] = "voicemail",
	[DEST_FLOW] = "flow",
	[DEST_SCHEDULE] = "schedule",
	[DEST_EXTENSION] = "extension",
	[DEST_PHONE] = "phone",
	[DEST_USER] = "user",
	[DEST_APP] = "app",
	[DEST_SIP] = "sip",
	[DEST_IVR] = "ivr",
	[DEST_RINGGROUP] = "ringgroup",
	[DEST_AGENT] = "agent",
	[DEST_QUEUE] = "queue",
	[DEST_DEPARTMENT] = "department",
	[DEST_EMAIL] = "email",
	[DEST_HANGUP] = "hangup",
	[DEST_REPEAT] = "repeat",
};

const char *const ast_step_names[STEP_KIND_COUNT] = {
	[STEP_SAY] = "say",
	[STEP_PLAY] = "play",
	[STEP_PLAY_RECORDING] = "play_recording",
	[STEP_COLLECT] = "collect",
	[STEP_CAPTURE] = "capture",
	[STEP_SWITCH] = "switch",
	[STEP_IF] = "if",
	[STEP_GOTO] = "goto",
	[STEP_DIAL] = "dial",
	[STEP_DIAL_TO_MANY] = "dial_to_many",
	[STEP_DIAL_WEBRTC] = "dial_webrtc",
	[STEP_DIAL_CONVERSATIONS] = "dial_conversations",
	[STEP_RECORD] = "record",
	[STEP_PAUSE] = "pause",
	[STEP_SET] = "set",
	[STEP_CALL_API] = "call_api",
	[STEP_SEND_SMS] = "send_sms",
	[STEP_WHILE] = "while",
	[STEP_REPEAT_WHILE] = "repeat_while",
	[STEP_REPEAT_UNTIL] = "repeat_until",
	[STEP_FOR_EACH] = "for_each",
	[STEP_HANGUP] = "hangup",
	[STEP_MACHINE_DETECTION] = "machine_detection",
	[STEP_PLAY_TTY] = "play_tty",
	[STEP_PLAY_UPLOAD] = "play_upload",
};

bool doc_is_null(const struct doc_node *n)
{
	if (n->kind != DOC_SCALAR || n->quoted)
		return false;
	/* By length first: called for most nodes, and most are not null. */
	switch (n->len) {
	case 0:
		return true;
	case 1:
		return n->text[0] == '~';
	case 4:
		return memcmp(n->text, "null", 4) == 0 || memcmp(n->text, "Null", 4) == 0 ||
		       memcmp(n->text, "NULL", 4) == 0;
	default:
		return false;
	}
}

int ast_target_index(const struct ast_program *p, const char *name)
{
	const struct target_set *ts = p->target_set;
	for (size_t i = 0; ts && i < ts->count; i++)
		if (strcmp(ts->caps[i]->name, name) == 0)
			return (int)i;
	return -1;
}

const struct ast_settings *ast_menu_settings(const struct ast_menu *m, size_t i)
{
	static const struct ast_settings none = { 0 };
	return m->per_target ? &m->per_target[i] : &none;
}

const struct ast_settings *ast_voicemail_settings(const struct ast_voicemail *v, size_t i)
{
	static const struct ast_settings none = { 0 };
	return v->per_target ? &v->per_target[i] : &none;
}

const char *ast_dest_text(struct arena *a, const struct ast_dest *d)
{
	if (d->kind == DEST_NAME || !d->id)
		return d->id ? d->id : ast_dest_kind_names[d->kind];
	return arena_concat(a, ast_dest_kind_names[d->kind], ":", d->id, (const char *)NULL);
}

int64_t ast_datetime_seconds(const struct ast_datetime *t)
{
	return tz_days_from_civil(t->year, (unsigned)t->month, (unsigned)t->day) * 86400 +
	       t->hour * 3600 + t->minute * 60 + t->second;
}

const char *ast_setting_text(const struct ast_settings *s, const char *key)
{
	for (size_t i = 0; i < s->count; i++)
		if (strcmp(s->items[i].key, key) == 0)
			return s->items[i].value && s->items[i].value->kind == DOC_SCALAR
				? s->items[i].value->text : NULL;
	return NULL;
}

const struct ast_settings *ast_schedule_settings(const struct ast_schedule *sc, size_t i)
{
	static const struct ast_settings none = { 0 };
	return sc->per_target ? &sc->per_target[i] : &none;
}

const struct ast_dest *ast_schedule_branch(const struct ast_schedule *sc, size_t i,
					   const char **name)
{
	const char *branch = ast_setting_text(ast_schedule_settings(sc, i), "branch");
	*name = branch;
	if (!branch)
		return NULL;
	return strcmp(branch, "open") == 0 ? &sc->open
		: strcmp(branch, "holiday") == 0 && sc->holiday.kind != DEST_NONE ? &sc->holiday
		: &sc->closed;
}

const struct ast_dest *ast_endpoint_literal(const struct ast_endpoint *e, size_t i)
{
	return e->per_target ? &e->lit[i] : &e->all;
}

const char *ast_recording_id(const struct ast_recording *r, size_t i)
{
	return r->ids ? r->ids[i] : NULL;
}

const struct doc_node *ast_step_arg(const struct ast_step *st, const char *key)
{
	for (size_t i = 0; i < st->nargs; i++)
		if (st->args[i].key && strcmp(st->args[i].key, key) == 0)
			return st->args[i].value;
	return NULL;
}

const struct ast_template *ast_step_template(const struct ast_step *st, const struct doc_node *n)
{
	for (const struct ast_step_template *t = st->templates; t; t = t->next)
		if (t->node == n)
			return &t->tpl;
	return NULL;
}

struct step_item {
	const struct ast_block *b;
	size_t i;
};

static void push(struct arena *a, struct step_item **st, size_t *n, size_t *cap,
		 const struct ast_block *b)
{
	if (b->count) {
		struct step_item it = { b, 0 };
		ARENA_PUSH(a, *st, *n, *cap, it);
	}
}

void ast_each_step(struct arena *a, const struct ast_block *b,
		    void (*fn)(void *ctx, const struct ast_step *s), void *ctx)
{
	struct step_item *st = NULL;
	size_t n = 0, cap = 0;
	push(a, &st, &n, &cap, b);
	while (n > 0) {
		struct step_item *it = &st[n - 1];
		if (it->i >= it->b->count) {
			n--;
			continue;
		}
		const struct ast_step *s = &it->b->steps[it->i++];
		fn(ctx, s);
		if (s->has_default)
			push(a, &st, &n, &cap, &s->default_body);
		for (size_t k = s->ncases; k-- > 0;)
			push(a, &st, &n, &cap, &s->cases[k].body);
		if (s->has_else)
			push(a, &st, &n, &cap, &s->else_body);
		push(a, &st, &n, &cap, &s->body);
	}
}

const char *ast_duration_text(struct arena *a, int64_t s)
{
	long long h = s / 3600, m = s % 3600 / 60, sec = s % 60;
	if (s == 0)
		return "0s";
	return arena_printf(a, "%.0lld%s%.0lld%s%.0lld%s", h, h ? "h" : "", m, m ? "m" : "",
			    sec, sec ? "s" : "");
}
