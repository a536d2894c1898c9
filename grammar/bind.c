/* The binder: document tree → typed program. Every check here is about the
 * shape of one value; see bind.h. Field tables are the single list of keys. */
#include "bind.h"

#include <inttypes.h>
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/calendar.h"
#include "../compiler/caps.h"
#include "../compiler/codes.h"
#include "expr.h"
#include "scalar.h"
#include "value_map.h"

struct binder {
	struct arena *a;
	struct diag *d;
	const struct source *src;
	struct ast_program *p;
	const struct target_set *ts;    /* the targets a file can name */
	struct bind_target_keys keys;   /* the tables that name them */
	size_t caps[DECL_KIND_COUNT];   /* of the program's arrays of declarations */
	bool keeps_nodes;               /* the program points into the document tree */
	bool copy_text;                 /* the entry's text goes when it is bound */
};

#define COUNT(x) (sizeof(x) / sizeof((x)[0]))
#define DOC_DESCRIPTION "free text, sent where the provider has a description field"

/* ---------- node helpers ---------- */

static const char *kind_word(const struct doc_node *n)
{
	if (doc_is_null(n))
		return "nothing";
	switch (n->kind) {
	case DOC_MAP: return "a mapping";
	case DOC_SEQ: return "a list";
	default: return "a scalar";
	}
}

static bool expect_kind(struct binder *b, const struct doc_node *n, enum doc_kind kind,
			const char *what)
{
	if (n->kind == kind && !(kind == DOC_SCALAR && doc_is_null(n)))
		return true;
	static const char *const words[] = { "a value", "a list", "a mapping" };
	diag_error(b->d, IVR_NODE_KIND, n->span, "expected %s for %s, got %s",
		   words[kind], what, kind_word(n));
	return false;
}

/* The span of bytes [off, off+len) inside a scalar's value (value_map.h). */
static struct span inner_span(struct binder *b, const struct doc_node *n, size_t off,
			      size_t len)
{
	struct value_map m;
	value_map_init(&m, b->src, n);
	struct span at = value_map_span(&m, off, len);
	value_map_free(&m);
	return at;
}

static void lex_fail(struct binder *b, const struct doc_node *n, unsigned code,
		     const struct lex_error *e)
{
	diag_error(b->d, code, inner_span(b, n, e->offset, 1), "%s", e->message);
}

/* ---------- fields of a mapping ---------- */

/* Fills out[i] with the value of specs[i].key (NULL when absent). Reports
 * unknown keys (with a suggestion) and missing required ones (at `owner`). */
static bool bind_fields(struct binder *b, const struct doc_node *map,
			const struct field_spec *specs, size_t nspecs,
			struct doc_node **out, const char *what, struct span owner)
{
	memset(out, 0, nspecs * sizeof *out);
	if (!expect_kind(b, map, DOC_MAP, what))
		return false;
	const char *names[64];
	for (size_t i = 0; i < nspecs && i < COUNT(names); i++)
		names[i] = specs[i].key;
	uint64_t typo = 0;        /* required keys written with a typo */
	for (size_t i = 0; i < map->count; i++) {
		const struct doc_node *k = map->pairs[i].key;
		if (k->kind != DOC_SCALAR) {
			diag_error(b->d, IVR_NODE_KIND, k->span, "keys in %s must be plain words", what);
			continue;
		}
		size_t j = 0;
		while (j < nspecs && strcmp(specs[j].key, k->text) != 0)
			j++;
		if (j < nspecs) {
			out[j] = map->pairs[i].value;
			continue;
		}
		const char *hint = diag_suggest(k->text, names, nspecs);
		for (size_t h = 0; hint && h < nspecs; h++)
			if (names[h] == hint)
				typo |= (uint64_t)1 << h;   /* not "missing" too */
		if (hint)
			diag_error(b->d, IVR_UNKNOWN_KEY, k->span,
				   "unknown key '%s' in %s; did you mean '%s'?", k->text, what, hint);
		else
			diag_error(b->d, IVR_UNKNOWN_KEY, k->span, "unknown key '%s' in %s",
				   k->text, what);
	}
	bool ok = true;
	for (size_t j = 0; j < nspecs; j++) {
		if (!specs[j].required || out[j])
			continue;
		ok = false;
		if (!(typo >> j & 1))
			diag_error(b->d, IVR_MISSING_KEY, owner, "missing required key '%s' in %s",
				   specs[j].key, what);
	}
	return ok;
}

/* ---------- typed scalars ---------- */

/* A scalar's text for the program to keep: a copy when the front end reuses
 * the entry's memory (streaming), else the node's own. */
static const char *keep_text(struct binder *b, const struct doc_node *n)
{
	return b->copy_text ? arena_strndup(b->a, n->text, n->len) : n->text;
}

static bool get_string(struct binder *b, const struct doc_node *n, const char *what,
		       const char **out)
{
	if (!expect_kind(b, n, DOC_SCALAR, what))
		return false;
	if (memchr(n->text, '\0', n->len)) {
		diag_error(b->d, IVR_BAD_VALUE, n->span, "%s holds a NUL byte", what);
		return false;
	}
	*out = keep_text(b, n);
	return true;
}

static bool get_int(struct binder *b, const struct doc_node *n, const char *what,
		    int64_t min, int64_t max, int64_t *out)
{
	struct lex_error e;
	if (!expect_kind(b, n, DOC_SCALAR, what))
		return false;
	if (!lex_int(n->text, n->len, out, &e)) {
		diag_error(b->d, IVR_BAD_VALUE, n->span, "expected an integer for %s, got '%s'",
			   what, n->text);
		return false;
	}
	if (*out < min || *out > max) {
		if (max == INT64_MAX)
			diag_error(b->d, IVR_OUT_OF_RANGE, n->span, "%s must be at least %lld, got %lld",
				   what, (long long)min, (long long)*out);
		else
			diag_error(b->d, IVR_OUT_OF_RANGE, n->span, "%s must be %lld to %lld, got %lld",
				   what, (long long)min, (long long)max, (long long)*out);
		return false;
	}
	return true;
}

static bool get_bool(struct binder *b, const struct doc_node *n, const char *what, bool *out)
{
	if (!expect_kind(b, n, DOC_SCALAR, what))
		return false;
	if (!n->quoted && (strcmp(n->text, "true") == 0 || strcmp(n->text, "false") == 0)) {
		*out = n->text[0] == 't';
		return true;
	}
	diag_error(b->d, IVR_BAD_VALUE, n->span, "expected true or false for %s, got '%s'",
		   what, n->text);
	return false;
}

static bool get_duration(struct binder *b, const struct doc_node *n, const char *what,
			 uint32_t min, uint32_t max, uint32_t *out)
{
	struct lex_error e;
	if (!expect_kind(b, n, DOC_SCALAR, what))
		return false;
	if (!lex_duration(n->text, n->len, out, &e)) {
		lex_fail(b, n, IVR_BAD_DURATION, &e);
		return false;
	}
	if (*out < min || *out > max) {
		diag_error(b->d, IVR_OUT_OF_RANGE, n->span, "%s must be %us to %us, got %us",
			   what, min, max, *out);
		return false;
	}
	return true;
}

static bool get_name(struct binder *b, const struct doc_node *n, const char *what,
		     const char **out)
{
	struct lex_error e;
	if (!expect_kind(b, n, DOC_SCALAR, what))
		return false;
	if (!lex_name(n->text, n->len, &e)) {
		lex_fail(b, n, IVR_BAD_VALUE, &e);
		return false;
	}
	*out = keep_text(b, n);
	return true;
}

static bool get_phone(struct binder *b, const struct doc_node *n, const char *what,
		      const char **out)
{
	struct lex_error e;
	if (!expect_kind(b, n, DOC_SCALAR, what))
		return false;
	if (!lex_phone(n->text, n->len, &e)) {
		lex_fail(b, n, IVR_BAD_PHONE, &e);
		return false;
	}
	*out = keep_text(b, n);
	return true;
}

static bool get_datetime(struct binder *b, const struct doc_node *n, const char *what,
			 struct ast_datetime *out)
{
	struct lex_error e;
	if (!expect_kind(b, n, DOC_SCALAR, what))
		return false;
	if (!lex_datetime(n->text, n->len, out, &e)) {
		lex_fail(b, n, IVR_BAD_DATETIME, &e);
		return false;
	}
	return true;
}

static bool get_dest(struct binder *b, const struct doc_node *n, const char *what,
		     struct ast_dest *out)
{
	struct lex_error e;
	size_t id;
	if (!expect_kind(b, n, DOC_SCALAR, what))
		return false;
	if (!lex_dest(n->text, n->len, &out->kind, &id, &e)) {
		lex_fail(b, n, IVR_BAD_DESTINATION, &e);
		out->kind = DEST_NONE;
		return false;
	}
	out->id = keep_text(b, n) + id;
	out->span = n->span;
	return true;
}

static bool get_recref(struct binder *b, const struct doc_node *n, const char *what,
		       struct ast_recref *out)
{
	struct lex_error e;
	if (n->kind == DOC_SCALAR && !lex_name(n->text, n->len, &e) && memchr(n->text, ' ', n->len)) {
		/* Text where a recording's name goes: say how prompts are written. */
		diag_error(b->d, IVR_BAD_VALUE, n->span,
			   "a prompt names a recording, not its text: declare a recording with "
			   "this text (YAML: under 'recordings'; the DSL: a 'recording' statement) "
			   "and write its name here");
		return false;
	}
	if (!get_name(b, n, what, &out->name))
		return false;
	out->span = n->span;
	return true;
}

static bool get_key(struct binder *b, const struct doc_node *n, char *out)
{
	struct lex_error e;
	if (!expect_kind(b, n, DOC_SCALAR, "a menu option key"))
		return false;
	if (!lex_dtmf_key(n->text, n->len, out, &e)) {
		lex_fail(b, n, IVR_BAD_KEY, &e);
		return false;
	}
	return true;
}

/* ---------- shared pieces ---------- */

static const char *what_of(struct binder *b, const char *kind, const char *name)
{
	return arena_concat(b->a, kind, " '", name, "'", NULL);
}

static void bind_settings(struct binder *b, const struct doc_node *n, const char *what,
			  struct ast_settings *out)
{
	out->present = true;
	out->span = n->span;
	if (doc_is_null(n))
		return;
	if (!expect_kind(b, n, DOC_MAP, what))
		return;
	out->items = arena_alloc(b->a, (n->count ? n->count : 1) * sizeof *out->items);
	for (size_t i = 0; i < n->count; i++) {
		const struct doc_node *k = n->pairs[i].key;
		if (!expect_kind(b, k, DOC_SCALAR, "a setting name"))
			continue;
		struct ast_setting *s = &out->items[out->count++];
		s->key = k->text;
		s->key_span = k->span;
		s->value = n->pairs[i].value;
		b->keeps_nodes = true;
	}
}

static void init_decl(struct binder *b, struct ast_decl *d, enum decl_kind kind,
		      const struct doc_pair *pair, unsigned index)
{
	d->kind = kind;
	d->name = pair->key->text;
	d->name_span = pair->key->span;
	d->span = pair->value->span;
	d->index = index;
	struct lex_error e;
	if (!lex_name(pair->key->text, pair->key->len, &e))
		lex_fail(b, pair->key, IVR_BAD_VALUE, &e);
}

static void bind_description(struct binder *b, const struct doc_node *n, struct ast_decl *d)
{
	if (n)
		get_string(b, n, "description", &d->description);
}

#define PUSH_DECL(b, arr, n, item) \
	ARENA_PUSH((b)->a, arr, n, (b)->caps[(item)->decl.kind], item)

/* ---------- recordings ---------- */

/* The longest recording `duration`: an hour. */
enum { RECORDING_DURATION_MAX = 3600 };

/* After one key per target: the target's own id (target_caps). */
static const struct field_spec recording_fields[] = {
	{ "url", FT_STRING, false, "https:// address of an audio file (Infobip playFromUrl)" },
	{ "text", FT_STRING, false, "what the prompt says: Infobip says it, Sonetel tells you to record it" },
	{ "language", FT_STRING, false, "language of the text, e.g. en" },
	{ "duration", FT_DURATION, false, "how long it plays, 1s-1h (for ivrc paths' times)" },
	{ "description", FT_STRING, false, DOC_DESCRIPTION },
};

/* recordings.X.<target>: the id as the target's caps type it. */
static void bind_recording_id(struct binder *b, const struct target_caps *c,
			      const struct doc_node *n, const char **out)
{
	int64_t v;
	if (c->recording_id == REC_ID_STRING)
		get_string(b, n, c->recording_id_what, out);
	else if (get_int(b, n, c->recording_id_what, 1, INT64_MAX, &v))
		*out = arena_printf(b->a, "%" PRId64, v);
}

static void bind_recording(struct binder *b, const struct doc_pair *pair, unsigned index)
{
	struct ast_recording *r = arena_alloc(b->a, sizeof *r);
	init_decl(b, &r->decl, DECL_RECORDING, pair, index);
	PUSH_DECL(b, b->p->recordings, b->p->nrecordings, r);
	const struct bind_table *t = &b->keys.recording;
	size_t nt = b->ts->count;
	struct doc_node *fields[BIND_MAX_FIELDS], **f = fields;
	const char *what = what_of(b, "recording", r->decl.name);
	bind_fields(b, pair->value, t->fields, t->count, f, what, r->decl.name_span);
	for (size_t i = 0; i < nt; i++) {
		if (!f[i])
			continue;
		if (!r->ids)
			r->ids = arena_alloc(b->a, nt * sizeof *r->ids);
		bind_recording_id(b, b->ts->caps[i], f[i], &r->ids[i]);
	}
	f += nt;
	if (f[0] && get_string(b, f[0], "a recording URL", &r->url) &&
	    strncmp(r->url, "https://", 8) != 0 && strncmp(r->url, "http://", 7) != 0) {
		diag_error(b->d, IVR_BAD_VALUE, f[0]->span,
			   "a recording URL must start with https:// or http://");
	}
	if (f[1])
		get_string(b, f[1], "a recording's text", &r->text);
	if (f[2])
		get_string(b, f[2], "a language", &r->language);
	if (f[3])
		get_duration(b, f[3], "a recording's duration", 1, RECORDING_DURATION_MAX,
			     &r->duration);
	bind_description(b, f[4], &r->decl);
}

/* ---------- endpoints ---------- */

static void bind_endpoint(struct binder *b, const struct doc_pair *pair, unsigned index)
{
	struct ast_endpoint *ep = arena_alloc(b->a, sizeof *ep);
	init_decl(b, &ep->decl, DECL_ENDPOINT, pair, index);
	PUSH_DECL(b, b->p->endpoints, b->p->nendpoints, ep);
	const struct doc_node *v = pair->value;
	const char *what = what_of(b, "endpoint", ep->decl.name);
	if (v->kind != DOC_MAP) {
		get_dest(b, v, what, &ep->all);
		return;
	}
	ep->per_target = true;
	const struct bind_table *t = &b->keys.endpoint;
	size_t nt = b->ts->count;
	struct doc_node *fields[BIND_MAX_FIELDS], **f = fields;
	bind_fields(b, v, t->fields, t->count, f, what, ep->decl.name_span);
	ep->lit = arena_alloc(b->a, nt * sizeof *ep->lit);
	for (size_t i = 0; i < nt; i++)
		if (f[i] && !get_dest(b, f[i], what, &ep->lit[i]))
			ep->lit[i].span = f[i]->span;   /* written, wrong: said (not "missing") */
	bind_description(b, f[nt], &ep->decl);
}

/* ---------- menus ---------- */

static const struct field_spec handler_fields[] = {
	{ "prompt", FT_RECORDING, true, "recording played before each retry" },
	{ "final_prompt", FT_RECORDING, false,
	  "recording played once the retries are used up (default: prompt)" },
	{ "retries", FT_INT, true, "further tries the caller gets, 0-100 (2: three tries in all)" },
	{ "then", FT_DEST, true, "where the call goes after the last failure" },
};

enum { MAX_RETRIES = 100 };

static void bind_handler(struct binder *b, const char *menu, const char *key,
			 const struct doc_node *n, struct ast_handler *h)
{
	struct doc_node *f[COUNT(handler_fields)];
	h->present = true;
	h->span = n->span;
	const char *what = arena_concat(b->a, "'", key, "' of menu '", menu, "'", NULL);
	bind_fields(b, n, handler_fields, COUNT(handler_fields), f, what, n->span);
	if (f[0])
		get_recref(b, f[0], "a prompt", &h->prompt);
	if (f[1])
		get_recref(b, f[1], "a final prompt", &h->final_prompt);
	if (f[2])
		get_int(b, f[2], "retries", 0, MAX_RETRIES, &h->retries);
	if (f[3])
		get_dest(b, f[3], "'then'", &h->then);
}

static const struct field_spec option_fields[] = {
	{ "to", FT_DEST, true, "where the key sends the call" },
	{ "sms_template", FT_INT, false, "Smartflo SMS template id sent with this option" },
	{ "email_template", FT_INT, false, "Smartflo virtual receptionist template id" },
};

static void bind_option(struct binder *b, const struct doc_pair *pair, struct ast_option *o)
{
	o->span = pair->key->span;
	const struct doc_node *v = pair->value;
	if (v->kind != DOC_MAP) {
		get_dest(b, v, "a menu option", &o->to);
		return;
	}
	struct doc_node *f[COUNT(option_fields)];
	char key[2] = { o->key, '\0' };
	const char *what = arena_concat(b->a, "option '", key, "'", NULL);
	bind_fields(b, v, option_fields, COUNT(option_fields), f, what, pair->key->span);
	if (f[0])
		get_dest(b, f[0], "a menu option", &o->to);
	if (f[1])
		o->has_sms_template = get_int(b, f[1], "sms_template", 1, INT64_MAX,
					      &o->sms_template);
	if (f[2])
		o->has_email_template = get_int(b, f[2], "email_template", 1, INT64_MAX,
						&o->email_template);
}

static void bind_options(struct binder *b, struct ast_menu *m, const struct doc_node *n)
{
	if (!expect_kind(b, n, DOC_MAP, "options"))
		return;
	m->options = arena_alloc(b->a, (n->count ? n->count : 1) * sizeof *m->options);
	for (size_t i = 0; i < n->count; i++) {
		struct ast_option *o = &m->options[m->noptions];
		if (!get_key(b, n->pairs[i].key, &o->key))
			continue;
		m->noptions++;
		bind_option(b, &n->pairs[i], o);
	}
}

/* The per-target blocks that follow a table's own fields (f[i]: target
 * i's, or NULL): one each, or NULL when there is none. */
static struct ast_settings *bind_per_target(struct binder *b, struct doc_node **f,
					    const char *what)
{
	struct ast_settings *out = NULL;
	for (size_t i = 0; i < b->ts->count; i++) {
		if (!f[i])
			continue;
		if (!out)
			out = arena_alloc(b->a, b->ts->count * sizeof *out);
		bind_settings(b, f[i], what, &out[i]);
	}
	return out;
}

enum { MENU_TIMEOUT_DEFAULT = 5, MENU_TIMEOUT_MAX = 60 };

static const struct field_spec menu_fields[] = {
	{ "prompt", FT_RECORDING, true, "recording that offers the choices" },
	{ "timeout", FT_DURATION, false, "how long to wait for a key, 1-60 s (default 5s)" },
	{ "options", FT_MAP, false, "DTMF key (0-9, *, #) to destination" },
	{ "invalid", FT_MAP, false, "what a wrong key does (default: hang up)" },
	{ "no_input", FT_MAP, false, "what silence does (default: hang up)" },
	{ "description", FT_STRING, false, DOC_DESCRIPTION },
	/* then one key per target: its settings of this menu */
};

static void bind_menu(struct binder *b, const struct doc_pair *pair, unsigned index)
{
	struct ast_menu *m = arena_alloc(b->a, sizeof *m);
	init_decl(b, &m->decl, DECL_MENU, pair, index);
	PUSH_DECL(b, b->p->menus, b->p->nmenus, m);
	m->timeout = MENU_TIMEOUT_DEFAULT;
	m->invalid.then.kind = m->no_input.then.kind = DEST_HANGUP;
	const struct bind_table *t = &b->keys.menu;
	struct doc_node *fields[BIND_MAX_FIELDS], **f = fields;
	const char *what = what_of(b, "menu", m->decl.name);
	bind_fields(b, pair->value, t->fields, t->count, f, what, m->decl.name_span);
	if (f[0])
		get_recref(b, f[0], "a prompt", &m->prompt);
	if (f[1]) {
		get_duration(b, f[1], "a menu timeout", 1, MENU_TIMEOUT_MAX, &m->timeout);
		m->timeout_span = f[1]->span;
	}
	if (f[2])
		bind_options(b, m, f[2]);
	if (f[3])
		bind_handler(b, m->decl.name, "invalid", f[3], &m->invalid);
	if (f[4])
		bind_handler(b, m->decl.name, "no_input", f[4], &m->no_input);
	bind_description(b, f[5], &m->decl);
	m->per_target = bind_per_target(b, f + COUNT(menu_fields), what);
}

/* ---------- announcements and voicemails ---------- */

static const struct field_spec announcement_fields[] = {
	{ "prompt", FT_RECORDING, true, "recording played first" },
	{ "then", FT_DEST, true, "where the call goes after the prompt" },
	{ "description", FT_STRING, false, DOC_DESCRIPTION },
};

static void bind_announcement(struct binder *b, const struct doc_pair *pair, unsigned index)
{
	struct ast_announcement *an = arena_alloc(b->a, sizeof *an);
	init_decl(b, &an->decl, DECL_ANNOUNCEMENT, pair, index);
	PUSH_DECL(b, b->p->announcements, b->p->nannouncements, an);
	struct doc_node *f[COUNT(announcement_fields)];
	bind_fields(b, pair->value, announcement_fields, COUNT(announcement_fields), f,
		    what_of(b, "announcement", an->decl.name), an->decl.name_span);
	if (f[0])
		get_recref(b, f[0], "a prompt", &an->prompt);
	if (f[1])
		get_dest(b, f[1], "'then'", &an->then);
	bind_description(b, f[2], &an->decl);
}

static const struct field_spec voicemail_fields[] = {
	{ "deliver_to", FT_DEST, true, "email:ADDRESS or user:ID that gets the messages" },
	{ "greeting", FT_RECORDING, false, "recording played before the message" },
	{ "goodbye", FT_RECORDING, false, "recording played after the message" },
	{ "description", FT_STRING, false, DOC_DESCRIPTION },
	/* then one key per target: its settings of this voicemail */
};

static void bind_voicemail(struct binder *b, const struct doc_pair *pair, unsigned index)
{
	struct ast_voicemail *vm = arena_alloc(b->a, sizeof *vm);
	init_decl(b, &vm->decl, DECL_VOICEMAIL, pair, index);
	PUSH_DECL(b, b->p->voicemails, b->p->nvoicemails, vm);
	const struct bind_table *t = &b->keys.voicemail;
	struct doc_node *fields[BIND_MAX_FIELDS], **f = fields;
	const char *what = what_of(b, "voicemail", vm->decl.name);
	bind_fields(b, pair->value, t->fields, t->count, f, what, vm->decl.name_span);
	vm->per_target = bind_per_target(b, f + COUNT(voicemail_fields), what);
	if (f[0] && get_dest(b, f[0], "deliver_to", &vm->deliver_to) &&
	    vm->deliver_to.kind != DEST_EMAIL && vm->deliver_to.kind != DEST_USER)
		diag_error(b->d, IVR_BAD_DESTINATION, f[0]->span,
			   "a voicemail is delivered to 'email:ADDRESS' or 'user:ID', got '%s'",
			   f[0]->text);
	if (f[1])
		get_recref(b, f[1], "a greeting", &vm->greeting);
	if (f[2])
		get_recref(b, f[2], "a goodbye prompt", &vm->goodbye);
	bind_description(b, f[3], &vm->decl);
}

/* ---------- calendars and schedules ---------- */

static const struct field_spec calendar_fields[] = {
	{ "timezone", FT_STRING, true, "an IANA time zone, e.g. Asia/Kolkata" },
	{ "hours", FT_MAP, false, "a day (mon) or days (mon-fri) to a range HH:MM-HH:MM or a "
	  "list of them; a day not named is closed" },
	{ "holidays", FT_SEQ, false, "dates YYYY-MM-DD or {every: MM-DD}, closed all day" },
	{ "description", FT_STRING, false, DOC_DESCRIPTION },
};

/* The ranges of one `days: ranges` entry, each added to every day of mask
 * (add: false only counts them, into nhours). */
static void bind_hours_entry(struct binder *b, struct ast_calendar *c, uint8_t mask,
			     const struct doc_node *v, bool add)
{
	size_t n = v->kind == DOC_SEQ ? v->count : 1;
	for (size_t j = 0; j < n; j++) {
		const struct doc_node *r = v->kind == DOC_SEQ ? v->items[j] : v;
		struct lex_error e;
		struct ast_hours h = { .span = r->span };
		if (add && !expect_kind(b, r, DOC_SCALAR, "a time range HH:MM-HH:MM"))
			continue;
		if (add && !lex_clock_range(r->text, r->len, &h.from, &h.to, &e)) {
			lex_fail(b, r, IVR_BAD_VALUE, &e);
			continue;
		}
		for (int d = 0; d < 7; d++)
			if (mask & (1u << d)) {
				if (add)
					c->hours[d][c->nhours[d]] = h;
				c->nhours[d]++;
			}
	}
}

/* hours: {days: range or [ranges]}; counted first, so that each day's
 * array is made once. */
static void bind_hours(struct binder *b, struct ast_calendar *c, const struct doc_node *n)
{
	if (!expect_kind(b, n, DOC_MAP, "hours"))
		return;
	uint8_t *masks = arena_alloc(b->a, n->count + 1);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n->count; i++) {
			const struct doc_node *k = n->pairs[i].key;
			struct lex_error e;
			if (pass == 0 && expect_kind(b, k, DOC_SCALAR, "a day or days") &&
			    !lex_days(k->text, k->len, &masks[i], &e))
				lex_fail(b, k, IVR_BAD_VALUE, &e);
			if (masks[i])
				bind_hours_entry(b, c, masks[i], n->pairs[i].value, pass == 1);
		}
		if (pass == 0)
			for (int d = 0; d < 7; d++) {
				c->hours[d] = arena_alloc(b->a, (c->nhours[d] + 1) * sizeof *c->hours[d]);
				c->nhours[d] = 0;
			}
	}
}

static void bind_holiday(struct binder *b, const struct doc_node *n, struct ast_holiday *h)
{
	struct lex_error e;
	h->span = n->span;
	if (n->kind == DOC_SCALAR && !doc_is_null(n)) {
		struct ast_datetime d;
		if (!lex_date(n->text, n->len, &d, &e)) {
			lex_fail(b, n, IVR_BAD_VALUE, &e);
			return;
		}
		*h = (struct ast_holiday){ d.year, d.month, d.day, n->span };
		return;
	}
	static const struct field_spec every_fields[] = {
		{ "every", FT_STRING, true, "a day of every year, MM-DD" },
	};
	struct doc_node *f[1];
	if (n->kind != DOC_MAP) {
		diag_error(b->d, IVR_NODE_KIND, n->span,
			   "a holiday is a date YYYY-MM-DD or {every: MM-DD}, got %s", kind_word(n));
		return;
	}
	bind_fields(b, n, every_fields, 1, f, "a yearly holiday", n->span);
	if (f[0] && expect_kind(b, f[0], DOC_SCALAR, "a month and day MM-DD") &&
	    !lex_month_day(f[0]->text, f[0]->len, &h->month, &h->day, &e))
		lex_fail(b, f[0], IVR_BAD_VALUE, &e);
}

static void bind_calendar(struct binder *b, const struct doc_pair *pair, unsigned index)
{
	struct ast_calendar *c = arena_alloc(b->a, sizeof *c);
	init_decl(b, &c->decl, DECL_CALENDAR, pair, index);
	PUSH_DECL(b, b->p->calendars, b->p->ncalendars, c);
	struct doc_node *f[COUNT(calendar_fields)];
	bind_fields(b, pair->value, calendar_fields, COUNT(calendar_fields), f,
		    what_of(b, "calendar", c->decl.name), c->decl.name_span);
	if (f[0] && get_string(b, f[0], "a time zone", &c->timezone))
		c->timezone_span = f[0]->span;
	if (f[1])
		bind_hours(b, c, f[1]);
	if (f[2] && expect_kind(b, f[2], DOC_SEQ, "holidays")) {
		c->holidays = arena_alloc(b->a, (f[2]->count ? f[2]->count : 1) * sizeof *c->holidays);
		for (size_t i = 0; i < f[2]->count; i++)
			bind_holiday(b, f[2]->items[i], &c->holidays[c->nholidays++]);
	}
	bind_description(b, f[3], &c->decl);
}

static const struct field_spec schedule_fields[] = {
	{ "follows", FT_NAME, true, "the calendar it follows" },
	{ "open", FT_DEST, true, "where calls go while the calendar is open" },
	{ "closed", FT_DEST, true, "where calls go while it is closed" },
	{ "holiday", FT_DEST, false, "where calls go on its holidays (default: closed)" },
	{ "description", FT_STRING, false, DOC_DESCRIPTION },
};

static void bind_schedule(struct binder *b, const struct doc_pair *pair, unsigned index)
{
	struct ast_schedule *sc = arena_alloc(b->a, sizeof *sc);
	init_decl(b, &sc->decl, DECL_SCHEDULE, pair, index);
	PUSH_DECL(b, b->p->schedules, b->p->nschedules, sc);
	const struct bind_table *t = &b->keys.schedule;
	struct doc_node *f[BIND_MAX_FIELDS];
	const char *what = what_of(b, "schedule", sc->decl.name);
	bind_fields(b, pair->value, t->fields, t->count, f, what, sc->decl.name_span);
	if (f[0] && get_name(b, f[0], "a calendar's name", &sc->calendar_name))
		sc->calendar_span = f[0]->span;
	if (f[1])
		get_dest(b, f[1], "'open'", &sc->open);
	if (f[2])
		get_dest(b, f[2], "'closed'", &sc->closed);
	if (f[3])
		get_dest(b, f[3], "'holiday'", &sc->holiday);
	bind_description(b, f[4], &sc->decl);
	sc->per_target = bind_per_target(b, f + COUNT(schedule_fields), what);
}

/* ---------- broadcasts ---------- */

/* Reads a list of scalars with get(); returns the count. */
static size_t list_count(struct binder *b, const struct doc_node *n, const char *what)
{
	return expect_kind(b, n, DOC_SEQ, what) ? n->count : 0;
}

static void bind_int_list(struct binder *b, const struct doc_node *n, const char *what,
			  int64_t **out, struct span **spans, size_t *count)
{
	size_t c = list_count(b, n, what);
	*out = arena_alloc(b->a, (c ? c : 1) * sizeof **out);
	*spans = arena_alloc(b->a, (c ? c : 1) * sizeof **spans);
	*count = 0;
	for (size_t i = 0; i < c; i++) {
		if (!get_int(b, n->items[i], what, INT64_MIN, INT64_MAX, &(*out)[*count]))
			continue;
		(*spans)[(*count)++] = n->items[i]->span;
	}
}

static const struct field_spec window_fields[] = {
	{ "start", FT_DATETIME, true, "first moment calls go out, YYYY-MM-DD HH:MM:SS" },
	{ "end", FT_DATETIME, true, "last moment calls go out, after start" },
	{ "time_group", FT_INT, true, "Smartflo time group id" },
};

static void bind_window(struct binder *b, struct ast_broadcast *bc, const struct doc_node *n)
{
	struct doc_node *f[COUNT(window_fields)];
	bind_fields(b, n, window_fields, COUNT(window_fields), f, "a broadcast window", n->span);
	if (f[0] && get_datetime(b, f[0], "a window start", &bc->window_start))
		bc->window_start_span = f[0]->span;
	if (f[1] && get_datetime(b, f[1], "a window end", &bc->window_end))
		bc->window_end_span = f[1]->span;
	if (f[2])
		get_int(b, f[2], "time_group", 0, INT64_MAX, &bc->time_group);
}

static const struct field_spec broadcast_fields[] = {
	{ "phone_list", FT_INT, true, "Smartflo phone number list id" },
	{ "destination", FT_DEST, true, "the menu (or ivr:ID) that answered calls enter" },
	{ "caller_id", FT_PHONE, true, "number the called see, E.164 (quote it in YAML)" },
	{ "ring_timeout", FT_DURATION, true, "how long each call rings (Smartflo: at least 40 s)" },
	{ "concurrency", FT_INT, true, "calls placed at once" },
	{ "retries", FT_INT, true, "redials of a number that did not answer (Smartflo: 0-5)" },
	{ "retry_after", FT_SEQ, false, "one wait per retry, in whole minutes" },
	{ "dial_status", FT_SEQ, true, "Smartflo dial status codes (1-5) to call" },
	{ "retry_on", FT_SEQ, true, "dial status codes that are redialled" },
	{ "window", FT_MAP, true, "when calls may go out" },
	{ "description", FT_STRING, false, DOC_DESCRIPTION },
};

static void bind_broadcast(struct binder *b, const struct doc_pair *pair, unsigned index)
{
	struct ast_broadcast *bc = arena_alloc(b->a, sizeof *bc);
	init_decl(b, &bc->decl, DECL_BROADCAST, pair, index);
	PUSH_DECL(b, b->p->broadcasts, b->p->nbroadcasts, bc);
	struct doc_node *f[COUNT(broadcast_fields)];
	bind_fields(b, pair->value, broadcast_fields, COUNT(broadcast_fields), f,
		    what_of(b, "broadcast", bc->decl.name), bc->decl.name_span);
	if (f[0])
		get_int(b, f[0], "phone_list", 0, INT64_MAX, &bc->phone_list);
	if (f[1])
		get_dest(b, f[1], "a broadcast destination", &bc->destination);
	if (f[2] && get_phone(b, f[2], "caller_id", &bc->caller_id))
		bc->caller_id_span = f[2]->span;
	if (f[3] && get_duration(b, f[3], "ring_timeout", 0, UINT32_MAX, &bc->ring_timeout))
		bc->ring_timeout_span = f[3]->span;
	if (f[4])
		get_int(b, f[4], "concurrency", 1, INT64_MAX, &bc->concurrency);
	if (f[5] && get_int(b, f[5], "retries", 0, INT64_MAX, &bc->retries))
		bc->retries_span = f[5]->span;
	if (f[6]) {
		size_t c = list_count(b, f[6], "retry_after");
		bc->retry_after = arena_alloc(b->a, (c ? c : 1) * sizeof *bc->retry_after);
		bc->retry_after_spans = arena_alloc(b->a, (c ? c : 1) * sizeof(struct span));
		bc->retry_after_span = f[6]->span;
		for (size_t i = 0; i < c; i++) {
			uint32_t *slot = &bc->retry_after[bc->nretry_after];
			if (get_duration(b, f[6]->items[i], "retry_after", 0, UINT32_MAX, slot))
				bc->retry_after_spans[bc->nretry_after++] = f[6]->items[i]->span;
		}
	}
	if (f[7])
		bind_int_list(b, f[7], "a dial status", &bc->dial_status, &bc->dial_status_spans,
			      &bc->ndial_status);
	if (f[8])
		bind_int_list(b, f[8], "a dial status", &bc->retry_on, &bc->retry_on_spans,
			      &bc->nretry_on);
	if (f[9])
		bind_window(b, bc, f[9]);
	bind_description(b, f[10], &bc->decl);
}

/* ---------- flows ---------- */

struct step_spec {
	const char *primary;       /* key of the shorthand scalar form, or NULL */
	bool bare;                 /* a bare word without arguments */
	bool open;                 /* keys as the provider defines them: not checked */
	struct field_spec fields[6];
};

#define F(k, t, r) { k, t, r, NULL }
#define D(k, t, r, doc) { k, t, r, doc }
static const struct step_spec step_specs[STEP_KIND_COUNT] = {
	[STEP_SAY] = { "text", false, false, { D("text", FT_TEMPLATE, true, "what to say"),
		D("language", FT_STRING, false, "language (default: targets.infobip.language)"),
		D("voice", FT_STRING, false, "voice name (default: targets.infobip.voice)"),
		D("gender", FT_STRING, false, "voice gender, e.g. FEMALE"),
		D("speech_rate", FT_STRING, false, "speech rate, 0.5-2") } },
	[STEP_PLAY] = { "url", false, false, { D("url", FT_TEMPLATE, true, "audio file to play"),
		D("loop", FT_INT, false, "times to play it, 1-10") } },
	[STEP_PLAY_TTY] = { "text", false, false, { D("text", FT_TEMPLATE, true,
		"text played as Baudot tones, for a TTY device"),
		D("loop", FT_INT, false, "times to play it, 1-10") } },
	[STEP_PLAY_UPLOAD] = { "file", false, false, { D("file", FT_TEMPLATE, true,
		"id of a file uploaded to the provider"),
		D("loop", FT_INT, false, "times to play it, 1-10") } },
	[STEP_PLAY_RECORDING] = { "recording", false, false, { D("recording", FT_STRING, true,
		"a recording's name, or an Infobip recording id") } },
	[STEP_COLLECT] = { NULL, false, false, { D("into", FT_NAME, true, "variable for the digits"),
		D("max_digits", FT_INT, false, "digits to collect, 1-64"),
		D("timeout", FT_DURATION, false, "how long to wait, at most 30 s"),
		D("mapped_values", FT_MAP, false, "digits to the value stored instead"),
		D("send_to_reports", FT_STRING, false,
		  "ALWAYS, MASKED or NEVER: the digits in the provider's reports") } },
	[STEP_CAPTURE] = { NULL, false, false, { D("into", FT_NAME, true, "variable for the speech"),
		D("timeout", FT_DURATION, true, "how long to listen, 1-30 s"),
		D("language", FT_STRING, true, "language of the speech"),
		D("max_silence", FT_DURATION, false, "silence that ends the speech, 1-5 s"),
		D("key_phrases", FT_SEQ, false, "phrases to listen for"),
		D("max_digits", FT_INT, false, "keys the caller may press instead, 1-64") } },
	[STEP_SWITCH] = { NULL, false, false, { D("on", FT_NAME, true, "variable to test"),
		D("cases", FT_MAP, true, "value to steps"),
		D("default", FT_STEPS, false, "steps when no case matches") } },
	[STEP_IF] = { NULL, false, false, { D("cond", FT_EXPR, true,
		"an expression, e.g. tier == 'gold'"),
		D("then", FT_STEPS, true, "steps when it holds"),
		D("else", FT_STEPS, false, "steps when it does not") } },
	[STEP_GOTO] = { "to", false, false, { D("to", FT_DEST, true,
		"a label of a step that has run, or menu:NAME"),
		D("limit", FT_INT, false, "jumps allowed, 1-100"),
		D("counter", FT_NAME, false, "variable that counts the jumps") } },
	[STEP_DIAL] = { "to", false, false, { D("to", FT_DEST, true, "phone:+E164 (or a menu, announcement, flow)"),
		D("caller_id", FT_STRING, false, "number the called sees"),
		D("max_duration", FT_DURATION, false, "longest call") } },
	[STEP_DIAL_TO_MANY] = { NULL, false, false, { D("to", FT_SEQ, true, "phone:+E164 numbers"),
		D("parallel", FT_BOOL, false, "ring them all at once (default false)"),
		D("ring_timeout", FT_DURATION, false, "how long each rings"),
		D("caller_id", FT_STRING, false, "number the called see"),
		D("max_duration", FT_DURATION, false, "longest call") } },
	[STEP_DIAL_WEBRTC] = { NULL, false, true, { { NULL, FT_ANY, false, NULL } } },
	[STEP_DIAL_CONVERSATIONS] = { NULL, false, true, { { NULL, FT_ANY, false, NULL } } },
	[STEP_RECORD] = { NULL, false, false, { D("seconds", FT_INT, false,
		"longest recording (default: no limit)"),
		D("beep", FT_BOOL, false, "beep before recording"),
		D("max_silence", FT_DURATION, false, "silence that ends the recording"),
		D("escape_digits", FT_STRING, false, "keys that end the recording"),
		D("name", FT_STRING, false, "identifier of the recording") } },
	[STEP_PAUSE] = { "seconds", false, false, { D("seconds", FT_DURATION, true,
		"how long, at most 5 s") } },
	[STEP_SET] = { NULL, false, false, { D("var", FT_NAME, true, "variable to set"),
		D("value", FT_TEMPLATE, true, "its value; may hold ${variables}") } },
	[STEP_CALL_API] = { "url", false, false, { D("url", FT_TEMPLATE, true,
		"address to call; may hold ${variables}"),
		D("method", FT_STRING, true, "HTTP method, e.g. GET"),
		D("headers", FT_MAP, false, "header name to value"),
		D("body", FT_ANY, false, "request body: text, or a mapping sent as JSON"),
		D("response_fields", FT_SEQ, false, "fields of the answer that become variables") } },
	[STEP_SEND_SMS] = { NULL, false, false, { D("text", FT_TEMPLATE, true, "message text"),
		D("from", FT_TEMPLATE, false, "sender ID (else the provider's)"),
		D("to", FT_TEMPLATE, true, "recipient") } },
	[STEP_WHILE] = { NULL, false, false, { D("cond", FT_EXPR, true,
		"an expression, e.g. tries < 3"), D("do", FT_STEPS, true, "steps to repeat") } },
	[STEP_REPEAT_WHILE] = { NULL, false, false, { D("do", FT_STEPS, true, "steps to repeat"),
		D("cond", FT_EXPR, true, "repeat while this holds (tested after the steps)") } },
	[STEP_REPEAT_UNTIL] = { NULL, false, false, { D("do", FT_STEPS, true, "steps to repeat"),
		D("cond", FT_EXPR, true, "repeat until this holds (deprecated by Infobip)") } },
	[STEP_FOR_EACH] = { NULL, false, false, { D("var", FT_NAME, true, "loop variable"),
		D("in", FT_TEMPLATE, true, "the list, e.g. a,b,c"),
		D("delimiter", FT_STRING, false, "separator of the list (default ,)"),
		D("do", FT_STEPS, true, "steps for each item") } },
	[STEP_HANGUP] = { NULL, true, false, { { NULL, FT_ANY, false, NULL } } },
	[STEP_MACHINE_DETECTION] = { NULL, true, false, { { NULL, FT_ANY, false, NULL } } },
};
#undef F
#undef D

enum { PAUSE_MAX = 5 };

static size_t spec_count(const struct step_spec *s)
{
	size_t n = 0;
	while (n < COUNT(s->fields) && s->fields[n].key)
		n++;
	return n;
}

static void bind_block(struct binder *b, const struct doc_node *n, struct ast_block *out);

static void bind_cases(struct binder *b, struct ast_step *st, const struct doc_node *n)
{
	st->cases = arena_alloc(b->a, (n->count ? n->count : 1) * sizeof *st->cases);
	for (size_t i = 0; i < n->count; i++) {
		struct ast_case *c = &st->cases[st->ncases];
		if (!get_string(b, n->pairs[i].key, "a case value", &c->value))
			continue;
		c->span = n->pairs[i].key->span;
		st->ncases++;
		bind_block(b, n->pairs[i].value, &c->body);
	}
}

static void bind_dial_list(struct binder *b, const struct doc_node *n)
{
	for (size_t i = 0; i < n->count; i++) {
		struct ast_dest d = { 0 };
		if (get_dest(b, n->items[i], "a number to dial", &d) && d.kind != DEST_PHONE)
			diag_error(b->d, IVR_BAD_DESTINATION, n->items[i]->span,
				   "expected 'phone:+E164', got '%s'", n->items[i]->text);
	}
}

/* Each node of an expression written in a scalar, placed in the source. */
static void place_nodes(const struct value_map *m, struct ast_expr *x)
{
	for (; x; x = x->rhs) {
		x->span = value_map_span(m, x->offset, x->length);
		place_nodes(m, x->lhs);
	}
}

static void place_expr(struct binder *b, const struct doc_node *v, struct ast_expr *x)
{
	struct value_map m;
	value_map_init(&m, b->src, v);
	place_nodes(&m, x);
	value_map_free(&m);
}

/* Scalar v of a step's arguments, read as a template and kept on the step
 * (first on its list: bind_step_args puts the list in source order);
 * IVR111 inside it when it is not one. */
static void bind_template(struct binder *b, struct ast_step *st, const struct doc_node *v)
{
	struct lex_error e;
	struct ast_step_template *t = arena_alloc(b->a, sizeof *t);
	memset(t, 0, sizeof *t);
	t->node = v;
	if (!expr_template_parse(b->a, v->text, v->len, &t->tpl, &e)) {
		lex_fail(b, v, IVR_BAD_TEMPLATE, &e);
		return;
	}
	struct value_map m;
	value_map_init(&m, b->src, v);
	for (size_t i = 0; i < t->tpl.nparts; i++)
		place_nodes(&m, t->tpl.parts[i].expr);
	value_map_free(&m);
	t->next = st->templates;
	st->templates = t;
}

/* Every scalar of a call_api body or of its headers' values is a template.
 * Recursion is bounded: both loaders stop collections at 64 levels. */
static void bind_templates_in(struct binder *b, struct ast_step *st, const struct doc_node *n)
{
	if (n->kind == DOC_SCALAR) {
		bind_template(b, st, n);
		return;
	}
	for (size_t i = 0; i < n->count; i++)
		bind_templates_in(b, st, n->kind == DOC_SEQ ? n->items[i] : n->pairs[i].value);
}

/* A condition, parsed; an error points inside it (docs/LANGUAGE.md,
 * "Expressions"). */
static void bind_cond(struct binder *b, struct ast_step *st, const struct doc_node *v,
		      const char *s)
{
	struct lex_error e;
	st->cond = s;
	st->cond_expr = expr_parse(b->a, s, strlen(s), &e);
	if (st->cond_expr)
		place_expr(b, v, st->cond_expr);
	else
		diag_error(b->d, IVR_BAD_EXPRESSION, inner_span(b, v, e.offset, 1), "%s", e.message);
}

/* Checks one argument by its type and fills the step's typed views. */
/* Whether scalar v holds a ${...} (its text is a span: not terminated). */
static bool has_template(const struct doc_node *v)
{
	for (size_t i = 0; i + 1 < v->len; i++)
		if (v->text[i] == '$' && v->text[i + 1] == '{')
			return true;
	return false;
}

static void bind_arg(struct binder *b, struct ast_step *st, const struct field_spec *fs,
		     struct doc_node *v)
{
	const char *k = fs->key, *s;
	uint32_t secs;
	int64_t i;
	bool flag;
	switch (fs->type) {
	case FT_STRING:
		if (get_string(b, v, k, &s) && st->kind == STEP_PLAY_RECORDING) {
			struct lex_error e;
			if (lex_name(v->text, v->len, &e)) {
				st->recording.name = v->text;
				st->recording.span = v->span;
			}
		}
		break;
	case FT_TEMPLATE:
		if (get_string(b, v, k, &s))
			bind_template(b, st, v);
		break;
	case FT_EXPR:
		if (get_string(b, v, k, &s))
			bind_cond(b, st, v, s);
		break;
	case FT_INT:
		get_int(b, v, k, 0, INT64_MAX, &i);
		break;
	case FT_BOOL:
		get_bool(b, v, k, &flag);
		break;
	case FT_DURATION:
		if (get_duration(b, v, k, 0, st->kind == STEP_PAUSE ? PAUSE_MAX : 86400, &secs))
			break;
		break;
	case FT_DEST:
		/* dial: phone:${number}, a number the call computes (a template). */
		if (st->kind == STEP_DIAL && v->kind == DOC_SCALAR && v->len > 8 &&
		    memcmp(v->text, "phone:", 6) == 0 && has_template(v)) {
			bind_template(b, st, v);
			st->to = (struct ast_dest){ DEST_PHONE, keep_text(b, v) + 6, v->span, NULL };
			break;
		}
		get_dest(b, v, k, &st->to);
		break;
	case FT_NAME:
		if (get_name(b, v, k, &s) && strcmp(k, "counter") != 0) {
			st->var = s;
			st->var_span = v->span;
		}
		break;
	case FT_MAP:
		if (expect_kind(b, v, DOC_MAP, k) && strcmp(k, "cases") == 0)
			bind_cases(b, st, v);
		else if (st->kind == STEP_CALL_API && v->kind == DOC_MAP)
			bind_templates_in(b, st, v);        /* headers */
		break;
	case FT_SEQ:
		if (expect_kind(b, v, DOC_SEQ, k) && st->kind == STEP_DIAL_TO_MANY)
			bind_dial_list(b, v);
		break;
	case FT_ANY:
		if (st->kind == STEP_CALL_API)
			bind_templates_in(b, st, v);        /* body */
		break;
	case FT_STEPS:
		if (strcmp(k, "else") == 0) {
			st->has_else = true;
			bind_block(b, v, &st->else_body);
		} else if (strcmp(k, "default") == 0) {
			st->has_default = true;
			bind_block(b, v, &st->default_body);
		} else {
			bind_block(b, v, &st->body);
		}
		break;
	default:
		break;
	}
}

static void bind_step_args(struct binder *b, struct ast_step *st, struct doc_node *arg,
			   struct span owner)
{
	const struct step_spec *spec = &step_specs[st->kind];
	const char *name = ast_step_names[st->kind];
	size_t n = spec_count(spec);
	if (spec->open) {
		/* Infobip's own keys, unchecked: kept as they are, in order. */
		if (!expect_kind(b, arg, DOC_MAP, arena_concat(b->a, "step '", name, "'", NULL)))
			return;
		st->args = arena_alloc(b->a, (arg->count ? arg->count : 1) * sizeof *st->args);
		b->keeps_nodes = true;
		for (size_t i = 0; i < arg->count; i++)
			if (arg->pairs[i].key->kind == DOC_SCALAR)
				st->args[st->nargs++] = (struct ast_arg){ arg->pairs[i].key->text,
									  arg->pairs[i].key->span,
									  arg->pairs[i].value };
		return;
	}
	if (arg->kind != DOC_MAP && spec->primary) {
		/* The shorthand: `say: "text"` is `say: {text: "text"}`. */
		st->args = arena_alloc(b->a, sizeof *st->args);
		b->keeps_nodes = true;
		st->args[0] = (struct ast_arg){ spec->primary, arg->span, arg };
		st->nargs = 1;
		bind_arg(b, st, &spec->fields[0], arg);
		return;
	}
	struct doc_node *f[COUNT(spec->fields)];
	const char *what = arena_concat(b->a, "step '", name, "'", NULL);
	bind_fields(b, arg, spec->fields, n, f, what, owner);
	st->args = arena_alloc(b->a, n * sizeof *st->args);
	b->keeps_nodes = true;
	for (size_t j = 0; j < n; j++) {
		if (!f[j])
			continue;
		st->args[st->nargs++] = (struct ast_arg){ spec->fields[j].key, f[j]->span, f[j] };
		bind_arg(b, st, &spec->fields[j], f[j]);
	}
	/* The templates were put first as they came: back in source order. */
	struct ast_step_template *in_order = NULL;
	while (st->templates) {
		struct ast_step_template *t = st->templates;
		st->templates = t->next;
		t->next = in_order;
		in_order = t;
	}
	st->templates = in_order;
	if (st->var && ((st->kind == STEP_COLLECT && ast_step_arg(st, "mapped_values")) ||
			st->kind == STEP_CAPTURE))
		st->var_implied = arena_concat(b->a, st->var, st->kind == STEP_CAPTURE ? "_Full" :
					       "_Meaning", (const char *)NULL);
}

static bool find_step(struct binder *b, const struct doc_node *word, enum step_kind *out)
{
	for (int k = 0; k < STEP_KIND_COUNT; k++) {
		if (strcmp(word->text, ast_step_names[k]) == 0) {
			*out = (enum step_kind)k;
			return true;
		}
	}
	const char *hint = diag_suggest(word->text, ast_step_names, STEP_KIND_COUNT);
	if (hint)
		diag_error(b->d, IVR_UNKNOWN_KEY, word->span,
			   "unknown step '%s'; did you mean '%s'?", word->text, hint);
	else
		diag_error(b->d, IVR_UNKNOWN_KEY, word->span, "unknown step '%s'", word->text);
	return false;
}

/* A step is a bare word, or a mapping of one step key plus an optional label. */
static bool bind_step(struct binder *b, const struct doc_node *n, struct ast_step *st)
{
	st->span = n->span;
	if (n->kind == DOC_SCALAR && !doc_is_null(n)) {
		if (!find_step(b, n, &st->kind))
			return false;
		if (!step_specs[st->kind].bare) {
			diag_error(b->d, IVR_MISSING_KEY, n->span, "step '%s' needs arguments",
				   n->text);
			return false;
		}
		return true;
	}
	if (!expect_kind(b, n, DOC_MAP, "a flow step"))
		return false;
	const struct doc_pair *step = NULL;
	for (size_t i = 0; i < n->count; i++) {
		const struct doc_pair *p = &n->pairs[i];
		if (p->key->kind == DOC_SCALAR && strcmp(p->key->text, "label") == 0) {
			if (get_name(b, p->value, "a label", &st->label))
				st->label_span = p->value->span;
		} else if (step) {
			diag_error(b->d, IVR_UNKNOWN_KEY, p->key->span,
				   "a step has one step key (and maybe 'label'); '%s' is a second one",
				   p->key->kind == DOC_SCALAR ? p->key->text : "?");
		} else {
			step = p;
		}
	}
	if (!step) {
		diag_error(b->d, IVR_MISSING_KEY, n->span, "expected a step, found only a label");
		return false;
	}
	if (!expect_kind(b, step->key, DOC_SCALAR, "a step name") ||
	    !find_step(b, step->key, &st->kind))
		return false;
	if (step_specs[st->kind].bare) {
		if (!doc_is_null(step->value))
			diag_error(b->d, IVR_BAD_VALUE, step->value->span,
				   "step '%s' takes no arguments", step->key->text);
		return true;
	}
	bind_step_args(b, st, step->value, step->key->span);
	return true;
}

static void bind_block(struct binder *b, const struct doc_node *n, struct ast_block *out)
{
	out->span = n->span;
	if (!expect_kind(b, n, DOC_SEQ, "a list of steps"))
		return;
	out->steps = arena_alloc(b->a, (n->count ? n->count : 1) * sizeof *out->steps);
	for (size_t i = 0; i < n->count; i++)
		if (bind_step(b, n->items[i], &out->steps[out->count]))
			out->count++;
}

/* A flow is its steps, or, to say more of it, {description, steps}. */
static const struct field_spec flow_fields[] = {
	{ "description", FT_STRING, false, DOC_DESCRIPTION },
	{ "steps", FT_STEPS, true, "the flow's steps" },
};

static void bind_flow(struct binder *b, const struct doc_pair *pair, unsigned index)
{
	struct ast_flow *fl = arena_alloc(b->a, sizeof *fl);
	init_decl(b, &fl->decl, DECL_FLOW, pair, index);
	PUSH_DECL(b, b->p->flows, b->p->nflows, fl);
	const struct doc_node *v = pair->value;
	if (v->kind != DOC_MAP) {
		bind_block(b, v, &fl->body);
		return;
	}
	struct doc_node *f[COUNT(flow_fields)];
	bind_fields(b, v, flow_fields, COUNT(flow_fields), f, what_of(b, "flow", fl->decl.name),
		    fl->decl.name_span);
	bind_description(b, f[0], &fl->decl);
	if (f[1])
		bind_block(b, f[1], &fl->body);
}

/* ---------- tests ---------- */

static const struct field_spec test_fields[] = {
	{ "name", FT_STRING, true, "what the test checks" },
	{ "start", FT_DEST, true, "where the simulated call starts" },
	{ "input", FT_SEQ, true, "DTMF keys and silence, in order" },
	{ "expect", FT_SEQ, false, "the whole path: every object entered, then the end" },
	{ "expect_end", FT_DEST, false, "only where the call ends" },
	{ "api", FT_MAP, false, "call_api answers: URL to {field: value}" },
	{ "at", FT_STRING, false, "when the call arrives, YYYY-MM-DD HH:MM (in each calendar's "
	  "zone), or with Z or +HH:MM an instant" },
};

/* `api: {URL: {field: value}}`: what call_api answers in this test (scalars). */
static void bind_api(struct binder *b, struct ast_test *t, struct doc_node *n)
{
	if (!expect_kind(b, n, DOC_MAP, "a test's api"))
		return;
	bool ok = true;
	for (size_t i = 0; i < n->count; i++) {
		const struct doc_node *fields = n->pairs[i].value;
		const char *s;
		ok &= get_string(b, n->pairs[i].key, "an api url", &s);
		if (!expect_kind(b, fields, DOC_MAP, "an api answer")) {
			ok = false;
			continue;
		}
		for (size_t j = 0; j < fields->count; j++) {
			ok &= get_string(b, fields->pairs[j].key, "a response field", &s);
			ok &= get_string(b, fields->pairs[j].value, "a response value", &s);
		}
	}
	if (ok) {
		t->api = n;
		b->keeps_nodes = true;
	}
}

static void bind_inputs(struct binder *b, struct ast_test *t, const struct doc_node *n)
{
	size_t c = list_count(b, n, "a test's input");
	t->input = arena_alloc(b->a, (c ? c : 1) * sizeof *t->input);
	for (size_t i = 0; i < c; i++) {
		const struct doc_node *v = n->items[i];
		char key;
		struct lex_error e;
		if (!expect_kind(b, v, DOC_SCALAR, "a test input"))
			continue;
		/* `said:WORDS` is speech, for a flow's capture step. */
		if (strcmp(v->text, "silence") != 0 && strncmp(v->text, "said:", 5) != 0 &&
		    !lex_dtmf_key(v->text, v->len, &key, &e)) {
			diag_error(b->d, IVR_BAD_KEY, v->span,
				   "expected a key 0-9, * or #, silence or said:WORDS, got '%s'",
				   v->text);
			continue;
		}
		t->input[t->ninput++] = (struct ast_test_input){ v->text, v->span };
	}
}

static void bind_test(struct binder *b, const struct doc_node *n)
{
	struct ast_test *t = arena_alloc(b->a, sizeof *t);
	t->span = n->span;
	struct doc_node *f[COUNT(test_fields)];
	if (!bind_fields(b, n, test_fields, COUNT(test_fields), f, "a test", n->span) && !f[0])
		return;
	b->p->tests[b->p->ntests++] = t;
	if (f[0] && get_string(b, f[0], "a test name", &t->name))
		t->name_span = f[0]->span;
	if (f[1])
		get_dest(b, f[1], "a test start", &t->start);
	if (f[2])
		bind_inputs(b, t, f[2]);
	if (f[3]) {
		size_t c = list_count(b, f[3], "expect");
		t->has_expect = true;
		t->expect = arena_alloc(b->a, (c ? c : 1) * sizeof *t->expect);
		for (size_t i = 0; i < c; i++)
			if (get_dest(b, f[3]->items[i], "an expected step", &t->expect[t->nexpect]))
				t->nexpect++;
	}
	if (f[4])
		get_dest(b, f[4], "expect_end", &t->expect_end);
	if (f[5])
		bind_api(b, t, f[5]);
	if (f[6] && expect_kind(b, f[6], DOC_SCALAR, "a time")) {
		struct ast_datetime dt;
		struct lex_error e;
		bool instant;
		int32_t offset;
		if (lex_moment(f[6]->text, f[6]->len, &dt, &instant, &offset, &e))
			t->at = calendar_moment(&dt, instant, offset, keep_text(b, f[6]), f[6]->span);
		else
			lex_fail(b, f[6], IVR_BAD_VALUE, &e);
	}
}

/* ---------- the top level ---------- */

static const struct field_spec top_fields[] = {
	{ "ivrc", FT_INT, true, "format version: 1" },
	{ "name", FT_STRING, true, "project name; prefixes every remote object's name" },
	{ "entry", FT_SEQ, false, "menus, announcements or flows where calls start "
	  "(default: the first menu)" },
	{ "parameters", FT_SEQ, false, "variables a call starts with: the parameters Infobip "
	  "launches a scenario with" },
	{ "include", FT_SEQ, false, "files whose declarations join this program: paths or "
	  "globs, relative to this file" },
	{ "environments", FT_MAP, false, "environment to what differs there: targets, "
	  "recordings, endpoints, or {include: FILE}" },
	{ "targets", FT_MAP, true, "provider to its settings; only these are built" },
	{ "recordings", FT_MAP, false, "named prompts" },
	{ "endpoints", FT_MAP, false, "named destinations outside the project" },
	{ "menus", FT_MAP, false, "DTMF menus" },
	{ "announcements", FT_MAP, false, "play a prompt, then route the call" },
	{ "voicemails", FT_MAP, false, "mailboxes (Sonetel)" },
	{ "broadcasts", FT_MAP, false, "outbound campaigns (Smartflo)" },
	{ "flows", FT_MAP, false, "scripted scenarios (Infobip)" },
	{ "calendars", FT_MAP, false, "business hours and holidays, in a time zone" },
	{ "schedules", FT_MAP, false, "route by a calendar: open, closed, holiday" },
	{ "tests", FT_SEQ, false, "call simulations that must hold" },
};

enum { TOP_IVRC, TOP_NAME, TOP_ENTRY, TOP_PARAMETERS, TOP_INCLUDE, TOP_ENVIRONMENTS,
       TOP_TARGETS, TOP_RECORDINGS, TOP_ENDPOINTS, TOP_MENUS, TOP_ANNOUNCEMENTS, TOP_VOICEMAILS,
       TOP_BROADCASTS, TOP_FLOWS, TOP_CALENDARS, TOP_SCHEDULES, TOP_TESTS };

/* Every target's name, for a message: "a, b, c". */
static const char *target_list_text(struct binder *b)
{
	const char *text = "";
	for (size_t i = 0; i < b->ts->count; i++)
		text = arena_printf(b->a, "%s%s%s", text, i ? ", " : "", b->ts->caps[i]->name);
	return text;
}

static void bind_targets(struct binder *b, const struct doc_node *n)
{
	b->p->targets_span = n->span;
	const struct bind_table *t = &b->keys.targets;
	struct doc_node *fields[BIND_MAX_FIELDS], **f = fields;
	bind_fields(b, n, t->fields, t->count, f, "targets", n->span);
	/* As the DSL, which declares targets one statement each: a file for no
	 * provider at all is a mistake, not a file with nothing to check. */
	if (n->kind == DOC_MAP && n->count == 0)
		diag_error(b->d, IVR_MISSING_KEY, n->span,
			   "no target declared; declare at least one of %s", target_list_text(b));
	for (size_t i = 0; i < t->count; i++)
		if (f[i])
			bind_settings(b, f[i], arena_printf(b->a, "targets.%s", t->fields[i].key),
				      &b->p->targets[i]);
}

static void bind_entry(struct binder *b, const struct doc_node *n)
{
	size_t c = list_count(b, n, "entry");
	b->p->has_entry = true;
	b->p->entry_span = n->span;
	b->p->entry = arena_alloc(b->a, (c ? c : 1) * sizeof *b->p->entry);
	for (size_t i = 0; i < c; i++)
		if (get_dest(b, n->items[i], "an entry point", &b->p->entry[b->p->nentry]))
			b->p->nentry++;
}

static void bind_parameters(struct binder *b, const struct doc_node *n)
{
	size_t c = list_count(b, n, "parameters");
	struct ast_program *p = b->p;
	p->params = arena_alloc(b->a, (c ? c : 1) * sizeof *p->params);
	for (size_t i = 0; i < c; i++) {
		const char *name;
		if (get_name(b, n->items[i], "a parameter", &name))
			p->params[p->nparams++] = (struct ast_param){ name, n->items[i]->span };
	}
}

/* include: a list of paths and globs (the DSL's statements make one). */
static void bind_includes(struct binder *b, const struct doc_node *n)
{
	struct ast_program *p = b->p;
	size_t c = list_count(b, n, "include");
	p->includes = arena_alloc(b->a, (c ? c : 1) * sizeof *p->includes);
	for (size_t i = 0; i < c; i++) {
		const struct doc_node *item = n->items[i];
		const char *path;
		if (!get_string(b, item, "a file to include", &path))
			continue;
		if (!path[0]) {
			diag_error(b->d, IVR_BAD_VALUE, item->span, "an empty file name to include");
			continue;
		}
		p->includes[p->nincludes++] = (struct ast_include){ path, item->span };
	}
}

/* The keys only the root file holds. */
static void refuse_header(struct binder *b, struct doc_node **f)
{
	static const unsigned keys[] = { TOP_NAME, TOP_ENTRY, TOP_PARAMETERS, TOP_ENVIRONMENTS,
					 TOP_TARGETS };
	for (size_t i = 0; i < COUNT(keys); i++)
		if (f[keys[i]])
			diag_error(b->d, IVR_INCLUDED_HEADER, f[keys[i]]->span,
				   "'%s' belongs in the root file: this file is included by another",
				   top_fields[keys[i]].key);
}

/* ---------- environments ---------- */

static const struct field_spec overlay_fields[] = {
	{ "targets", FT_MAP, false, "settings of the targets the program declares" },
	{ "recordings", FT_MAP, false, "recording to the fields that differ (ids, url, text)" },
	{ "endpoints", FT_MAP, false, "endpoint to its literals here" },
};

/* An overlay (an environment's, or its file's) as a program of its own:
 * the targets' settings, recordings and endpoints it writes. Only what is
 * written is set, so that applying it (compiler/env.c) replaces no more. */
static struct ast_program *bind_overlay_map(struct binder *b, const struct doc_node *n,
					    const char *what)
{
	struct ast_program *ov = arena_alloc(b->a, sizeof *ov);
	ov->src = b->src;
	ov->target_set = b->ts;
	ov->targets = arena_alloc(b->a, (b->ts->count ? b->ts->count : 1) * sizeof *ov->targets);
	struct binder ob = *b;
	ob.p = ov;
	memset(ob.caps, 0, sizeof ob.caps);   /* of ov's arrays, which start empty */
	struct doc_node *f[COUNT(overlay_fields)] = { 0 };
	for (size_t i = 0; n->kind == DOC_MAP && i < n->count; i++) {
		const struct doc_node *k = n->pairs[i].key;
		if (k->kind != DOC_SCALAR)
			continue;
		size_t j = 0;
		while (j < COUNT(overlay_fields) && strcmp(k->text, overlay_fields[j].key) != 0)
			j++;
		if (j < COUNT(overlay_fields))
			f[j] = n->pairs[i].value;
		else
			diag_error(b->d, IVR_ENV_KEY, k->span, "'%s' does not differ between "
				   "environments: %s holds targets, recordings and endpoints",
				   k->text, what);
	}
	if (n->kind != DOC_MAP && !doc_is_null(n))
		expect_kind(b, n, DOC_MAP, what);
	if (f[0] && expect_kind(&ob, f[0], DOC_MAP, "targets")) {
		const struct bind_table *t = &b->keys.targets;
		struct doc_node *tf[BIND_MAX_FIELDS];
		bind_fields(&ob, f[0], t->fields, t->count, tf, "targets", f[0]->span);
		for (size_t i = 0; i < t->count; i++)
			if (tf[i])
				bind_settings(&ob, tf[i], arena_printf(b->a, "targets.%s",
								    t->fields[i].key), &ov->targets[i]);
	}
	for (size_t i = 0; f[1] && expect_kind(&ob, f[1], DOC_MAP, "recordings") &&
			   i < f[1]->count; i++)
		bind_recording(&ob, &f[1]->pairs[i], (unsigned)i);
	for (size_t i = 0; f[2] && expect_kind(&ob, f[2], DOC_MAP, "endpoints") &&
			   i < f[2]->count; i++)
		bind_endpoint(&ob, &f[2]->pairs[i], (unsigned)i);
	return ov;
}

/* environments: NAME -> an overlay, or {include: FILE} (the CLI reads it). */
static void bind_environments(struct binder *b, const struct doc_node *n)
{
	struct ast_program *p = b->p;
	p->envs = arena_alloc(b->a, (n->count ? n->count : 1) * sizeof *p->envs);
	for (size_t i = 0; i < n->count; i++) {
		const struct doc_pair *pair = &n->pairs[i];
		const char *name;
		if (!get_name(b, pair->key, "an environment's name", &name))
			continue;
		struct ast_env *env = &p->envs[p->nenvs++];
		memset(env, 0, sizeof *env);
		env->name = name;
		env->span = pair->key->span;
		const char *what = arena_printf(b->a, "environment '%s'", name);
		const struct doc_node *file = NULL;
		for (size_t k = 0; pair->value->kind == DOC_MAP && k < pair->value->count; k++)
			if (pair->value->pairs[k].key->kind == DOC_SCALAR &&
			    strcmp(pair->value->pairs[k].key->text, "include") == 0)
				file = pair->value->pairs[k].value;
		if (file && pair->value->count > 1)
			diag_error(b->d, IVR_ENV_KEY, pair->value->span, "%s is written in its file "
				   "or here, not both", what);
		if (file) {
			if (get_string(b, file, "an environment's file", &env->file.path))
				env->file.span = file->span;
			continue;
		}
		env->overlay = bind_overlay_map(b, pair->value, what);
	}
}

struct ast_program *bind_overlay(const struct doc_node *root, const struct source *src,
				 const struct target_set *ts, const char *what, struct arena *a,
				 struct diag *d)
{
	struct binder b = { .a = a, .d = d, .src = src, .ts = ts,
			    .keys = bind_target_keys(ts, a, false) };
	b.p = arena_alloc(a, sizeof *b.p);
	return bind_overlay_map(&b, root, what);
}

static void bind_header(struct binder *b, struct doc_node **f)
{
	struct ast_program *p = b->p;
	if (f[TOP_INCLUDE])
		bind_includes(b, f[TOP_INCLUDE]);
	p->has_header = f[TOP_NAME] || f[TOP_TARGETS] || f[TOP_ENTRY] || f[TOP_PARAMETERS] ||
			f[TOP_ENVIRONMENTS];
	if (f[TOP_IVRC] && get_int(b, f[TOP_IVRC], "the format version", INT64_MIN, INT64_MAX,
				   &p->version) && p->version != 1)
		diag_error(b->d, IVR_VERSION, f[TOP_IVRC]->span,
			   "unsupported format version %lld; this ivrc reads version 1",
			   (long long)p->version);
	if (b->src->included) {
		refuse_header(b, f);
		/* Bound all the same: finding a folder's roots reads them. */
		if (f[TOP_ENVIRONMENTS])
			bind_environments(b, f[TOP_ENVIRONMENTS]);
		return;
	}
	if (f[TOP_NAME] && expect_kind(b, f[TOP_NAME], DOC_SCALAR, "the project name")) {
		struct lex_error e;
		if (lex_project_name(f[TOP_NAME]->text, f[TOP_NAME]->len, &e)) {
			p->name = f[TOP_NAME]->text;
			p->name_span = f[TOP_NAME]->span;
		} else {
			lex_fail(b, f[TOP_NAME], IVR_BAD_VALUE, &e);
		}
	}
	if (f[TOP_ENTRY])
		bind_entry(b, f[TOP_ENTRY]);
	if (f[TOP_PARAMETERS])
		bind_parameters(b, f[TOP_PARAMETERS]);
	if (f[TOP_ENVIRONMENTS])
		bind_environments(b, f[TOP_ENVIRONMENTS]);
	if (f[TOP_TARGETS])
		bind_targets(b, f[TOP_TARGETS]);
}

/* The top-level sections whose entries are declarations; a front end may
 * hand these over one entry at a time (bind_stream_entry). */
struct section {
	unsigned top;                  /* index into top_fields */
	void (*bind)(struct binder *, const struct doc_pair *, unsigned);
};

static const struct section sections[] = {
	{ TOP_RECORDINGS, bind_recording },
	{ TOP_ENDPOINTS, bind_endpoint },
	{ TOP_MENUS, bind_menu },
	{ TOP_ANNOUNCEMENTS, bind_announcement },
	{ TOP_VOICEMAILS, bind_voicemail },
	{ TOP_BROADCASTS, bind_broadcast },
	{ TOP_FLOWS, bind_flow },
	{ TOP_CALENDARS, bind_calendar },
	{ TOP_SCHEDULES, bind_schedule },
};

struct bind_stream {
	struct binder b;
	struct diag d;                 /* until the whole file has loaded */
	struct doc_node bound;         /* left in place of an entry bound already */
	struct arena scratch;          /* the entries' nodes and text */
	struct arena_mark kept;        /* below it: entries that stay */
};

static void bind_section_entry(struct binder *b, const struct section *sec,
			       const struct doc_pair *pair, unsigned index)
{
	if (expect_kind(b, pair->key, DOC_SCALAR, "a name"))
		sec->bind(b, pair, index);
}

/* The entries of a section mapping that were not streamed. */
static void bind_section(struct bind_stream *s, const struct section *sec,
			 const struct doc_node *n)
{
	if (doc_is_null(n) || !expect_kind(&s->b, n, DOC_MAP, top_fields[sec->top].key))
		return;
	for (size_t i = 0; i < n->count; i++)
		if (n->pairs[i].value != &s->bound)
			bind_section_entry(&s->b, sec, &n->pairs[i], (unsigned)i);
}

struct bind_stream *bind_stream_new(const struct source *src, const struct target_set *ts,
				    struct arena *a, const struct diag *d)
{
	struct bind_stream *s = arena_alloc(a, sizeof *s);
	s->b = (struct binder){ .a = a, .d = &s->d, .src = src, .ts = ts,
				.p = arena_alloc(a, sizeof(struct ast_program)),
				.keys = bind_target_keys(ts, a, false) };
	s->b.p->src = src;
	s->b.p->target_set = ts;
	s->b.p->targets = arena_alloc(a, ts->count * sizeof *s->b.p->targets);
	diag_init(&s->d, a);
	s->d.max_errors = d->max_errors;
	arena_init(&s->scratch);
	s->scratch.alloc_hook = a->alloc_hook;
	s->scratch.hook_ctx = a->hook_ctx;
	return s;
}

struct arena *bind_stream_scratch(struct bind_stream *s)
{
	return &s->scratch;
}

void bind_stream_drop(struct bind_stream *s)
{
	arena_rewind(&s->scratch, s->kept);
}

void bind_stream_keep(struct bind_stream *s)
{
	s->kept = arena_mark(&s->scratch);
}

int bind_stream_section(const char *key)
{
	for (size_t i = 0; i < COUNT(sections); i++)
		if (strcmp(key, top_fields[sections[i].top].key) == 0)
			return (int)i;
	return -1;
}

bool bind_stream_entry(struct bind_stream *s, int section, struct doc_pair *pair,
		       unsigned index, bool must_stay)
{
	s->b.keeps_nodes = false;
	s->b.copy_text = true;
	bind_section_entry(&s->b, &sections[section], pair, index);
	s->b.copy_text = false;
	pair->value = &s->bound;
	if (must_stay || s->b.keeps_nodes) {
		bind_stream_keep(s);
		return true;
	}
	bind_stream_drop(s);
	return false;
}

/* What stays of the scratch arena goes to the program's; the rest is freed. */
static void end_scratch(struct bind_stream *s)
{
	if (s->kept.block) {
		arena_rewind(&s->scratch, s->kept);
		arena_adopt(s->b.a, &s->scratch);
	} else {
		arena_free(&s->scratch);
	}
}

void bind_stream_abandon(struct bind_stream *s)
{
	arena_free(&s->scratch);
}

static int section_of(const struct doc_node *key)
{
	return key->kind == DOC_SCALAR ? bind_stream_section(key->text) : -1;
}

struct ast_program *bind_stream_finish(struct bind_stream *s, struct doc_node *root,
				       struct diag *d)
{
	end_scratch(s);
	if (!root)
		return NULL;
	struct binder *b = &s->b;
	struct ast_program *p = b->p;
	p->root = root;
	if (root->kind != DOC_MAP) {
		diag_merge(d, &s->d);
		/* DSL read as YAML (a file not named *.ivr) is one long scalar. */
		bool dsl = root->kind == DOC_SCALAR && strncmp(root->text, "ivrc ", 5) == 0;
		diag_error(d, IVR_NODE_KIND, root->span,
			   "expected a mapping at the top of the file, got %s%s", kind_word(root),
			   dsl ? "; this reads as the DSL: name the file *.ivr, or give --syntax dsl"
			       : "");
		return NULL;
	}
	/* The sections first, in the file's order, as streaming binds them (a
	 * key given twice: the last one), so that the findings the error cap
	 * keeps do not depend on how the file was read. */
	const struct doc_node *last[COUNT(sections)] = { 0 };
	for (size_t i = 0; i < root->count; i++) {
		int sec = section_of(root->pairs[i].key);
		if (sec >= 0)
			last[sec] = root->pairs[i].value;
	}
	for (size_t i = 0; i < root->count; i++) {
		int sec = section_of(root->pairs[i].key);
		if (sec >= 0 && last[sec] == root->pairs[i].value)
			bind_section(s, &sections[sec], root->pairs[i].value);
	}
	diag_merge(d, &s->d);
	b->d = d;
	struct doc_node *f[COUNT(top_fields)];
	/* An included file needs none of the root's required keys. */
	struct field_spec fields[COUNT(top_fields)];
	memcpy(fields, top_fields, sizeof fields);
	for (size_t i = 0; i < COUNT(fields) && s->b.src->included; i++)
		fields[i].required = false;
	bind_fields(b, root, fields, COUNT(fields), f, "the top level",
		    span_make(s->b.src, root->span.offset, 0));
	bind_header(b, f);
	if (f[TOP_TESTS] && !doc_is_null(f[TOP_TESTS]) &&
	    expect_kind(b, f[TOP_TESTS], DOC_SEQ, "tests")) {
		p->tests = arena_alloc(b->a, (f[TOP_TESTS]->count + 1) * sizeof *p->tests);
		for (size_t i = 0; i < f[TOP_TESTS]->count; i++)
			bind_test(b, f[TOP_TESTS]->items[i]);
	}
	return p;
}

struct ast_program *bind_program(struct doc_node *root, const struct source *src,
				 const struct target_set *ts, struct arena *a, struct diag *d)
{
	return bind_stream_finish(bind_stream_new(src, ts, a, d), root, d);
}

/* ---------- the tables, for ivrc schema ---------- */

/* The keys around the targets' own: recordings.X.<target> (first),
 * menus.X.<target> (last), endpoints.X.<target> (then description) and
 * targets.<target>. */
static struct bind_table with_targets(struct arena *a, const struct target_set *ts,
				      const char *name, const char *section,
				      const struct field_spec *common, size_t ncommon,
				      bool targets_first, bool docs,
				      struct field_spec (*key_of)(struct arena *, const struct target_caps *))
{
	struct field_spec *f = arena_alloc(a, (ts->count + ncommon + 1) * sizeof *f);
	size_t n = 0, room = BIND_MAX_FIELDS - ncommon;   /* the binder's stack arrays */
	if (!targets_first)
		for (size_t i = 0; i < ncommon; i++)
			f[n++] = common[i];
	for (size_t i = 0; i < ts->count && i < room; i++) {
		f[n++] = key_of(docs ? a : NULL, ts->caps[i]);
	}
	if (targets_first)
		for (size_t i = 0; i < ncommon; i++)
			f[n++] = common[i];
	return (struct bind_table){ name, section, f, n };
}

static struct field_spec recording_id_key(struct arena *a, const struct target_caps *c)
{
	enum field_type type = c->recording_id == REC_ID_STRING ? FT_STRING : FT_INT;
	return (struct field_spec){ c->name, type, false, a ? c->recording_id_doc : NULL };
}

static struct field_spec menu_settings_key(struct arena *a, const struct target_caps *c)
{
	return (struct field_spec){ c->name, FT_MAP, false,
				    a ? arena_printf(a, "%s settings of this menu", c->label) : NULL };
}

static struct field_spec voicemail_settings_key(struct arena *a, const struct target_caps *c)
{
	return (struct field_spec){ c->name, FT_MAP, false,
				    a ? arena_printf(a, "%s settings of this voicemail", c->label)
				      : NULL };
}

static struct field_spec schedule_settings_key(struct arena *a, const struct target_caps *c)
{
	return (struct field_spec){ c->name, FT_MAP, false,
				    a ? arena_printf(a, "%s settings of this schedule", c->label)
				      : NULL };
}

static struct field_spec endpoint_key(struct arena *a, const struct target_caps *c)
{
	return (struct field_spec){ c->name, FT_DEST, false,
				    a ? arena_printf(a, "the literal %s routes to", c->name) : NULL };
}

static struct field_spec target_key(struct arena *a, const struct target_caps *c)
{
	return (struct field_spec){ c->name, FT_MAP, false,
				    a ? arena_printf(a, "build for %s, with these settings", c->name)
				      : NULL };
}

static const struct field_spec endpoint_fields[] = {
	{ "description", FT_STRING, false, "free text" },
};

struct bind_target_keys bind_target_keys(const struct target_set *ts, struct arena *a,
				       bool docs)
{
	return (struct bind_target_keys){
		.recording = with_targets(a, ts, "recording", "recordings", recording_fields,
					  COUNT(recording_fields), true, docs, recording_id_key),
		.menu = with_targets(a, ts, "menu", "menus", menu_fields, COUNT(menu_fields),
				     false, docs, menu_settings_key),
		.endpoint = with_targets(a, ts, "endpoint", NULL, endpoint_fields,
					 COUNT(endpoint_fields), true, docs, endpoint_key),
		.targets = with_targets(a, ts, "targets", NULL, NULL, 0, true, docs, target_key),
		.schedule = with_targets(a, ts, "schedule", "schedules", schedule_fields,
					 COUNT(schedule_fields), false, docs, schedule_settings_key),
		.voicemail = with_targets(a, ts, "voicemail", "voicemails", voicemail_fields,
					  COUNT(voicemail_fields), false, docs,
					  voicemail_settings_key),
	};
}

static const struct bind_table after_menu[] = {
	{ "option", NULL, option_fields, COUNT(option_fields) },
	{ "handler", NULL, handler_fields, COUNT(handler_fields) },
	{ "announcement", "announcements", announcement_fields, COUNT(announcement_fields) },
	{ "broadcast", "broadcasts", broadcast_fields, COUNT(broadcast_fields) },
	{ "window", NULL, window_fields, COUNT(window_fields) },
	{ "calendar", "calendars", calendar_fields, COUNT(calendar_fields) },
	{ "flow", NULL, flow_fields, COUNT(flow_fields) },
	{ "test", NULL, test_fields, COUNT(test_fields) },
};

const struct bind_table *bind_tables(const struct target_set *ts, struct arena *a, size_t *count)
{
	struct bind_target_keys k = bind_target_keys(ts, a, true);
	struct bind_table *t = arena_alloc(a, (COUNT(after_menu) + 5) * sizeof *t);
	t[0] = (struct bind_table){ "top", NULL, top_fields, COUNT(top_fields) };
	t[1] = k.recording;
	t[2] = k.menu;
	t[3] = k.voicemail;
	memcpy(t + 4, after_menu, sizeof after_menu);
	t[4 + COUNT(after_menu)] = k.schedule;
	*count = COUNT(after_menu) + 5;
	return t;
}

struct bind_step_table bind_step_table(enum step_kind kind)
{
	const struct step_spec *s = &step_specs[kind];
	return (struct bind_step_table){ s->primary, s->bare, s->open, s->fields, spec_count(s) };
}
