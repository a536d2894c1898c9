/* Infobip import: IVR scenarios back to menus, announcements and flows; the
 * inverse of lower.c (docs/TARGETS.md). A scenario is one entry point with
 * everything it reaches inlined, so the import finds the shapes the lowering
 * writes: a menu is [setVariable counters] PROMPT, collectInto of one key
 * into `mN_NAME`, switch on it with a "__default" of handlers; its variable
 * names it, so every copy of a menu is the one menu. A route is "hangup", a
 * dial, a goTo back to an enclosing menu, announcement or flow, a menu, a
 * copy of a flow that is a scenario of its own, or PROMPT and a route (an
 * announcement). Everything else is read as flow steps, which express any
 * script that Infobip's actions form. Reads our bundles and bodies, and the
 * answers of GET /voice/ivr/1/scenarios (an array) and of GET .../{id}. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../compiler/arena.h"
#include "../../compiler/codes.h"
#include "../../compiler/flow_vars.h"
#include "../target.h"
#include "../import.h"
#include "infobip.h"

enum { IB_DEFAULT_TIMEOUT = 5, IB_MAX_TIMEOUT = 60, IB_MAX_PAUSE = 5 };

/* A menu, found by the variable its key goes into. */
struct ib_menu {
	const char *var;
	const char *name;
	long index;                /* N of mN_NAME (source order), or a large number */
	struct doc_node *doc;      /* NULL until defined */
};

/* What a goTo can jump back to: an actionId of the scenario being read. */
struct ib_anchor {
	int id;
	const char *dest;          /* "menu:X", "announcement:X", "flow:X"; or NULL */
	struct doc_node *step;     /* or a flow step */
	const char *label;         /* the step's label, once a goto needs one */
};

struct ib_ann {
	const char *key;           /* its prompt and route: equal ones are one announcement */
	const char *name;
};

struct ib_root {
	struct imp_object *o;
	const char *decl;          /* menu, announcement, flow */
	const char *var;           /* a menu's variable */
	const char *shape;         /* a flow's script without actionIds, for finding copies */
};

struct ibi {
	struct importer *im;
	const char *language, *voice, *limit_key;
	const char *what;          /* "scenario 'main'" */
	struct ib_menu *menus;
	size_t nmenus, capmenus;
	struct ib_anchor *anchors;
	size_t nanchors, capanchors;
	struct ib_ann *anns;
	size_t nanns, capanns;
	struct ib_root *roots;
	size_t nroots;
	const char **reached;      /* "menu:X" routed to by another object */
	size_t nreached, capreached;
	const cJSON *script;       /* of the scenario being read */
	const char **claimed;      /* variables named as a request's response fields */
	size_t nclaimed, capclaimed;
	const char *clock_url;     /* targets.infobip.clock_url, once a schedule gave it */
	const cJSON *clock_at;     /* the request it came from */
};

static bool is_word(const cJSON *a, const char *w)
{
	return cJSON_IsString(a) && strcmp(a->valuestring, w) == 0;
}

static const cJSON *get(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

/* The first action of the block under key (NULL when there is none). */
static const cJSON *block(const cJSON *o, const char *key)
{
	const cJSON *v = get(o, key);
	return cJSON_IsArray(v) ? v->child : NULL;
}

/* Whether o has exactly the keys listed (NULL-terminated), all present. */
static bool keys_are(const cJSON *o, const char *const *keys)
{
	int n = 0;
	for (; keys[n]; n++)
		if (!get(o, keys[n]))
			return false;
	return cJSON_IsObject(o) && cJSON_GetArraySize(o) == n;
}

/* Whether o is an object whose every key is one of keys. */
static bool keys_within(const cJSON *o, const char *const *keys)
{
	return cJSON_IsObject(o) && !import_key_outside(o, keys);
}

/* Two texts, either NULL, alike. */
static bool same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* IB_CLOCK_VAR (infobip.h) holds "unknown" before the clock's request
 * (targets/infobip/lower.c, ib_clock_reset). */
static bool is_clock_reset(const cJSON *a)
{
	static const char *const keys[] = { "setVariable", "value", NULL };
	return keys_are(a, keys) && same(import_str(a, "setVariable"), IB_CLOCK_VAR) &&
	       same(import_str(a, "value"), "unknown");
}

/* a, past the resets a route back begins with: a menu's counters,
 * {"setVariable": M_invalid or M_no_input, "value": "0"}, or a schedule's
 * clock (is_clock_reset). */
static const cJSON *past_resets(const cJSON *a)
{
	static const char *const keys[] = { "setVariable", "value", NULL };
	for (; a && keys_are(a, keys); a = a->next) {
		const char *v = import_str(a, "setVariable"), *val = import_str(a, "value");
		size_t n = v ? strlen(v) : 0;
		if (is_clock_reset(a))
			continue;
		if (!val || strcmp(val, "0") != 0 ||
		    !((n > 8 && strcmp(v + n - 8, "_invalid") == 0) ||
		      (n > 9 && strcmp(v + n - 9, "_no_input") == 0)))
			break;
	}
	return a;
}

/* The goTo the lowering writes for a jump the language does not limit:
 * {"goTo": N, "options": {LIMIT: 100}}, then "hangup" (targets/infobip/lower.c,
 * ib_goto). */
static bool unlimited_goto(const struct ibi *c, const cJSON *a)
{
	static const char *const go[] = { "goTo", "options", NULL };
	const cJSON *o = get(a, "options"), *n = a ? a->next : NULL;
	int64_t limit = 0;
	return keys_are(a, go) && cJSON_IsNumber(get(a, "goTo")) && cJSON_IsObject(o) &&
	       cJSON_GetArraySize(o) == 1 && import_int(o, c->limit_key, &limit) &&
	       limit == IB_GOTO_LIMIT_MAX && n && !n->next && is_word(n, "hangup");
}

static int action_id(const cJSON *a)
{
	const cJSON *v = get(a, "actionId");
	return cJSON_IsNumber(v) ? v->valueint : 0;
}

static const char *ib_kind_of(const cJSON *b)
{
	return cJSON_IsArray(get(b, "script")) ? "scenario" : NULL;
}

/* GET .../scenarios answers an array (handled as such); nothing else wraps. */
static const cJSON *ib_list_of(const cJSON *root, bool *single)
{
	(void)root;
	*single = false;
	return NULL;
}

/* ---------- prompts ---------- */

/* A say with the options the lowering writes, a playFromUrl or a
 * playFromRecording; each with an actionId. */
static bool is_prompt(const cJSON *a)
{
	static const char *const say[] = { "say", "options", "actionId", NULL };
	static const char *const opts[] = { "language", "voice", NULL };
	static const char *const voice[] = { "name", NULL };
	static const char *const url[] = { "playFromUrl", "actionId", NULL };
	static const char *const rec[] = { "playFromRecording", "actionId", NULL };
	if (keys_are(a, url)) {
		const char *u = import_str(a, "playFromUrl");
		return u && (strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0);
	}
	if (keys_are(a, rec))
		return cJSON_IsString(get(a, "playFromRecording"));
	const cJSON *o = get(a, "options"), *v = get(o, "voice");
	return keys_within(a, say) && get(a, "actionId") && cJSON_IsString(get(a, "say")) &&
	       (!o || (keys_within(o, opts) && o->child &&
		       (!get(o, "language") || cJSON_IsString(get(o, "language"))) &&
		       (!v || (keys_are(v, voice) && cJSON_IsString(get(v, "name"))))));
}

/* A say's language: IB_NO_LANGUAGE when its options name none. */
static const char *say_language(const cJSON *options)
{
	const char *lang = import_str(options, "language");
	return lang ? lang : IB_NO_LANGUAGE;
}

/* A name from the first words of a text: "Welcome to Acme." is welcome_to_acme. */
static const char *slug(struct ibi *c, const char *text, const char *fallback)
{
	char buf[32];
	size_t n = 0, words = 0;
	bool gap = false;
	for (const char *s = text ? text : ""; *s && n < 24 && words < 3; s++) {
		unsigned char ch = (unsigned char)*s;
		bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			     (ch >= '0' && ch <= '9');
		if (!alnum) {
			gap = n > 0;
			continue;
		}
		if (gap) {
			if (++words >= 3)
				break;
			buf[n++] = '_';
			gap = false;
		}
		buf[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
	}
	buf[n] = '\0';
	return n ? arena_strdup(c->im->a, buf) : fallback;
}

/* The recording a prompt action plays. */
static const char *prompt_rec(struct ibi *c, const cJSON *a)
{
	struct importer *im = c->im;
	struct doc_node *f = import_map(im);
	const char *url = import_str(a, "playFromUrl"), *id = import_str(a, "playFromRecording");
	if (url) {
		const char *base = strrchr(url, '/');
		import_put(im, f, "url", import_text(im, url));
		return import_recording(im, arena_printf(im->a, "url:%s", url),
					slug(c, base ? base + 1 : url, "audio"), f);
	}
	if (id) {
		import_put(im, f, "infobip", import_text(im, id));
		return import_recording(im, arena_printf(im->a, "infobip:%s", id),
					arena_printf(im->a, "rec_%s", slug(c, id, "id")), f);
	}
	const char *text = import_str(a, "say");
	const cJSON *o = get(a, "options");
	const char *lang = say_language(o), *voice = import_str(get(o, "voice"), "name");
	bool own = strcmp(lang, c->language) != 0;
	if (voice && !same(voice, own ? NULL : c->voice))
		import_lost(im, get(get(o, "voice"), "name"), "%s: a prompt in voice '%s': ivrc "
			    "recordings are said in the target's voice (%s%s%s)", c->what, voice,
			    c->voice && !own ? "'" : "", c->voice && !own ? c->voice : "none",
			    c->voice && !own ? "'" : "");
	import_put(im, f, "text", import_text(im, text));
	if (own)
		import_put(im, f, "language", import_word(im, lang));
	return import_recording(im, arena_printf(im->a, "say:%s:%s", own ? lang : "", text),
				slug(c, text, "prompt"), f);
}

/* ---------- anchors and names ---------- */

static void anchor(struct ibi *c, int id, const char *dest, struct doc_node *step)
{
	if (id <= 0)
		return;
	struct ib_anchor a = { id, dest, step, NULL };
	ARENA_PUSH(c->im->a, c->anchors, c->nanchors, c->capanchors, a);
}

/* The anchor of an actionId: a route's (dest) or a flow step's. */
static struct ib_anchor *find_anchor(struct ibi *c, int id, bool dest)
{
	for (size_t i = c->nanchors; i-- > 0;)
		if (c->anchors[i].id == id && (dest ? c->anchors[i].dest != NULL
						    : c->anchors[i].step != NULL))
			return &c->anchors[i];
	return NULL;
}

/* Labels go first in their steps, where a reader looks for them. */
static void apply_labels(struct ibi *c)
{
	for (size_t i = 0; i < c->nanchors; i++) {
		struct doc_node *st = c->anchors[i].step, old;
		if (!c->anchors[i].label || !st || !st->count)
			continue;
		old = *st;
		st->count = 0;
		st->pairs = NULL;
		import_put(c->im, st, "label", import_word(c->im, c->anchors[i].label));
		for (size_t j = 0; j < old.count; j++)
			import_put(c->im, st, old.pairs[j].key->text, old.pairs[j].value);
	}
}

static void reach(struct ibi *c, const char *container, const char *dest)
{
	const char *colon = strchr(dest, ':');
	if (!colon || (strncmp(dest, "menu:", 5) != 0 && strncmp(dest, "announcement:", 13) != 0 &&
		       strncmp(dest, "schedule:", 9) != 0))
		return;
	if (container && strcmp(container, colon + 1) == 0)
		return;
	ARENA_PUSH(c->im->a, c->reached, c->nreached, c->capreached, dest);
}

static bool is_reached(const struct ibi *c, const char *dest)
{
	for (size_t i = 0; i < c->nreached; i++)
		if (strcmp(c->reached[i], dest) == 0)
			return true;
	return false;
}

/* The menu of a variable; `mN_NAME` gives its place and name. */
static struct ib_menu *menu_of(struct ibi *c, const char *var, const char *root_name)
{
	for (size_t i = 0; i < c->nmenus; i++)
		if (strcmp(c->menus[i].var, var) == 0)
			return &c->menus[i];
	struct ib_menu m = { var, NULL, 1000000L + (long)c->nmenus, NULL };
	const char *under = strchr(var, '_');
	char *end = NULL;
	long n = var[0] == 'm' ? strtol(var + 1, &end, 10) : 0;
	bool ours = n > 0 && end == under && under && under[1];
	if (ours)
		m.index = n;
	/* A scenario's name is taken already (by the scenario). */
	m.name = root_name ? root_name : import_name(c->im, ours ? under + 1 : var);
	ARENA_PUSH(c->im->a, c->menus, c->nmenus, c->capmenus, m);
	return &c->menus[c->nmenus - 1];
}

/* ---------- menus: the shape ---------- */

struct head {
	const cJSON *prompt, *collect, *sw, *deflt;
	const char *var;
	int64_t timeout;
};

/* {"setVariable": VAR_invalid or VAR_no_input, "value": "0"} */
static bool is_counter_init(const cJSON *a, const char *var)
{
	static const char *const keys[] = { "setVariable", "value", NULL };
	const char *v = import_str(a, "setVariable"), *val = import_str(a, "value");
	size_t n = var ? strlen(var) : 0;
	return keys_are(a, keys) && v && val && strcmp(val, "0") == 0 && var &&
	       strncmp(v, var, n) == 0 && v[n] == '_' &&
	       (strcmp(v + n + 1, "invalid") == 0 || strcmp(v + n + 1, "no_input") == 0);
}

/* The collect's variable, looking past up to two counter inits. */
static const char *peek_var(const cJSON *a)
{
	for (int i = 0; a && i < 4; i++, a = a->next)
		if (import_str(a, "collectInto"))
			return import_str(a, "collectInto");
	return NULL;
}

/* PROMPT, collectInto one key, switch on it with "__default" last, and
 * nothing after: the head of a menu, starting at a (maybe counter inits). */
static bool menu_head(const cJSON *a, struct head *h)
{
	static const char *const collect[] = { "collectInto", "options", "actionId", NULL };
	static const char *const copts[] = { "maxInputLength", "timeout", NULL };
	static const char *const sw[] = { "switch", "case", "actionId", NULL };
	memset(h, 0, sizeof *h);
	h->var = peek_var(a);
	while (a && is_counter_init(a, h->var))
		a = a->next;
	if (!a || !is_prompt(a) || !h->var)
		return false;
	h->prompt = a;
	h->collect = a->next;
	h->sw = h->collect ? h->collect->next : NULL;
	const cJSON *o = get(h->collect, "options"), *cases = get(h->sw, "case");
	if (!keys_are(h->collect, collect) || !keys_are(o, copts) || !keys_are(h->sw, sw) ||
	    h->sw->next || !is_word(get(h->sw, "switch"), h->var) || !cJSON_IsObject(cases) ||
	    !import_int(o, "maxInputLength", &h->timeout) || h->timeout != 1 ||
	    !import_int(o, "timeout", &h->timeout))
		return false;
	for (const cJSON *k = cases->child; k; k = k->next) {
		bool last = !k->next;
		if (!cJSON_IsArray(k) || !k->child)
			return false;
		if (last != (strcmp(k->string, "__default") == 0))
			return false;
		if (!last && (strlen(k->string) != 1 || !strchr("0123456789*#", k->string[0])))
			return false;
	}
	h->deflt = get(cases, "__default");
	return h->deflt != NULL;
}

/* "__default" is ["hangup"], or {"if": "${VAR == ''}", "then": NO_INPUT,
 * "else": INVALID}. */
static bool default_ok(const struct head *h, const cJSON **no_input, const cJSON **invalid)
{
	static const char *const keys[] = { "if", "then", "else", "actionId", NULL };
	const cJSON *a = h->deflt->child;
	*no_input = *invalid = NULL;
	if (is_word(a, "hangup") && !a->next)
		return true;
	char cond[160];
	snprintf(cond, sizeof cond, "${%s == ''}", h->var);
	if (a->next || !keys_are(a, keys) || !is_word(get(a, "if"), cond) ||
	    !cJSON_IsArray(get(a, "then")) || !cJSON_IsArray(get(a, "else")) ||
	    !get(a, "then")->child || !get(a, "else")->child)
		return false;
	*no_input = get(a, "then")->child;
	*invalid = get(a, "else")->child;
	return true;
}

static bool is_menu(const cJSON *a, struct head *h)
{
	const cJSON *ni, *inv;
	return menu_head(a, h) && default_ok(h, &ni, &inv);
}

/* ---------- routes ---------- */

struct route_ctx {
	const char *container;     /* the object the route belongs to */
	const char *self;          /* "menu:X" when the route is a menu's (repeat) */
	const char *hint;          /* a name for a flow made of what is not a route */
};

static const char *route(struct ibi *c, const cJSON *a, const struct route_ctx *rc, bool strict,
			 bool dry);
static const char *define_menu(struct ibi *c, const struct head *h, const char *root_name);
static bool is_schedule(const cJSON *a);
static const char *define_schedule(struct ibi *c, const cJSON *a, const char *root_name);
static struct doc_node *steps(struct ibi *c, const cJSON *a, const char *flow);

/* A script without actionIds, each goTo target as what it jumps back to
 * (0 when that is inside the script), to compare copies. */
static void strip_ids(struct ibi *c, cJSON *v)
{
	cJSON_DeleteItemFromObjectCaseSensitive(v, "actionId");
	cJSON *g = cJSON_GetObjectItemCaseSensitive(v, "goTo");
	if (cJSON_IsNumber(g)) {
		const struct ib_anchor *an = find_anchor(c, g->valueint, true);
		cJSON_ReplaceItemInObjectCaseSensitive(v, "goTo", an ? cJSON_CreateString(an->dest)
								     : cJSON_CreateNumber(0));
	}
	for (cJSON *ch = v ? v->child : NULL; ch; ch = ch->next)
		strip_ids(c, ch);
}

/* The actions from a to the end of their array (without a last "hangup"
 * when drop_hangup), as comparable text. */
static const char *shape(struct ibi *c, const cJSON *a, bool drop_hangup)
{
	cJSON *arr = cJSON_CreateArray();
	for (; a; a = a->next)
		if (!(drop_hangup && !a->next && is_word(a, "hangup")))
			cJSON_AddItemToArray(arr, cJSON_Duplicate(a, true));
	strip_ids(c, arr);
	char *text = cJSON_PrintUnformatted(arr);
	cJSON_Delete(arr);
	const char *s = arena_strdup(c->im->a, text ? text : "");
	cJSON_free(text);
	return s;
}

/* A copy of a flow that is a scenario of its own (and the "hangup" that
 * follows a flow which can run out). */
static const char *flow_copy(struct ibi *c, const cJSON *a)
{
	const char *whole = NULL, *cut = NULL;
	for (size_t i = 0; i < c->nroots; i++) {
		if (!c->roots[i].shape)
			continue;
		if (!whole) {
			whole = shape(c, a, false);
			cut = shape(c, a, true);
		}
		/* The copy ends with "hangup" where the flow could run out. */
		if (strcmp(whole, c->roots[i].shape) == 0 || strcmp(cut, c->roots[i].shape) == 0)
			return arena_printf(c->im->a, "flow:%s", c->roots[i].o->name);
	}
	return NULL;
}

/* PROMPT and a route: an announcement (equal ones are one). */
static const char *announcement(struct ibi *c, const cJSON *a, const struct route_ctx *rc,
				bool dry)
{
	if (!is_prompt(a) || !a->next || !route(c, a->next, rc, true, true))
		return NULL;
	if (dry)
		return "announcement";
	const char *key = shape(c, a, false);
	for (size_t i = 0; i < c->nanns; i++)
		if (strcmp(c->anns[i].key, key) == 0)
			return arena_printf(c->im->a, "announcement:%s", c->anns[i].name);
	const char *rec = prompt_rec(c, a);
	struct ib_ann ann = { key, import_name(c->im, arena_printf(c->im->a, "%s_msg", rec)) };
	ARENA_PUSH(c->im->a, c->anns, c->nanns, c->capanns, ann);
	const char *dest = arena_printf(c->im->a, "announcement:%s", ann.name);
	struct doc_node *m = import_map(c->im);
	import_put(c->im, import_section(c->im, "announcements"), ann.name, m);
	import_put(c->im, m, "prompt", import_word(c->im, rec));
	anchor(c, action_id(a), dest, NULL);
	struct route_ctx inner = { ann.name, NULL, ann.name };
	const char *then = route(c, a->next, &inner, true, false);
	import_put(c->im, m, "then", import_word(c->im, then));
	return dest;
}

/* Steps that are no route: a flow of their own, which Infobip builds as a
 * scenario of its own too; said so. */
static const char *extra_flow(struct ibi *c, const cJSON *a, const struct route_ctx *rc)
{
	const char *name = import_name(c->im, rc->hint ? rc->hint : "steps");
	import_lost(c->im, a, "%s: these actions are not a route ivrc writes (a menu, an "
		    "announcement, a dial, hangup): imported as flow '%s', which infobip also "
		    "builds as a scenario of its own", c->what, name);
	const char *dest = arena_printf(c->im->a, "flow:%s", name);
	anchor(c, action_id(a), dest, NULL);
	import_put(c->im, import_section(c->im, "flows"), name, steps(c, a, name));
	return dest;
}

static const char *route_goto(struct ibi *c, const cJSON *a, const struct route_ctx *rc)
{
	const struct ib_anchor *an = find_anchor(c, get(a, "goTo")->valueint, true);
	if (!an || !an->dest)
		return NULL;
	if (rc->self && strcmp(an->dest, rc->self) == 0)
		return "repeat";
	return an->dest;
}

/* Where the actions from a send the call; NULL (strict) when they are no
 * route, else a flow made of them. */
static const char *route(struct ibi *c, const cJSON *a, const struct route_ctx *rc, bool strict,
			 bool dry)
{
	static const char *const go[] = { "goTo", NULL };
	static const char *const dial[] = { "dial", "actionId", NULL };
	struct head h;
	const char *dest = NULL;
	if (!a)
		dest = "hangup";
	else if (!a->next && is_word(a, "hangup"))
		dest = "hangup";
	else if (!a->next && keys_are(a, dial) &&
		 import_is_phone(arena_printf(c->im->a, "+%s", import_str(a, "dial") ?
					      import_str(a, "dial") : "")))
		dest = arena_printf(c->im->a, "phone:+%s", import_str(a, "dial"));
	else if ((!a->next && keys_are(a, go) && cJSON_IsNumber(get(a, "goTo"))) ||
		 unlimited_goto(c, past_resets(a)))
		dest = route_goto(c, past_resets(a), rc);
	else if (is_menu(a, &h))
		dest = dry ? "menu" : define_menu(c, &h, NULL);
	else if (is_schedule(a))
		dest = dry ? "schedule" : define_schedule(c, a, NULL);
	if (!dest)
		dest = flow_copy(c, a);
	if (!dest)
		dest = announcement(c, a, rc, dry);
	if (!dest && !strict && !dry)
		dest = extra_flow(c, a, rc);
	if (dest && !dry)
		reach(c, rc->container, dest);
	return dest;
}

/* ---------- schedules ---------- */

/* What the lowering writes for a schedule, last in its block: the clock
 * reset, {"request": https://..., "options": {"method": "GET", "collectResponse":
 * true}}, and a switch on the answer: "open", "holiday" (when the schedule
 * has that branch), "__default" (closed). */
static bool is_schedule(const cJSON *a)
{
	static const char *const req[] = { "request", "options", "actionId", NULL };
	static const char *const opts[] = { "method", "collectResponse", NULL };
	static const char *const sw[] = { "switch", "case", "actionId", NULL };
	const cJSON *r = a ? a->next : NULL, *s = r ? r->next : NULL;
	if (!is_clock_reset(a) || !keys_are(r, req) || !import_str(r, "request") ||
	    strncmp(import_str(r, "request"), "https://", 8) != 0 ||
	    !keys_are(get(r, "options"), opts) ||
	    !same(import_str(get(r, "options"), "method"), "GET") ||
	    !cJSON_IsTrue(get(get(r, "options"), "collectResponse")) ||
	    !keys_are(s, sw) || s->next || !same(import_str(s, "switch"), IB_CLOCK_VAR))
		return false;
	const cJSON *cases = get(s, "case");
	int n = cJSON_GetArraySize(cases);
	return cJSON_IsObject(cases) && cJSON_IsArray(get(cases, "open")) &&
	       cJSON_IsArray(get(cases, "__default")) &&
	       (n == 2 || (n == 3 && cJSON_IsArray(get(cases, "holiday"))));
}

/* The clock URL a schedule asks, as targets.infobip.clock_url writes it:
 * the calendar's name as {calendar}; one setting for every schedule. */
static bool clock_url(struct ibi *c, const char *url, const char *calendar, const cJSON *at)
{
	/* After the scheme (is_schedule: https): a calendar named "h" leaves
	 * "https://" alone. */
	const char *pattern = "https://", *p = url + strlen("https://"), *hit;
	while ((hit = strstr(p, calendar)) != NULL) {
		pattern = arena_printf(c->im->a, "%s%.*s{calendar}", pattern, (int)(hit - p), p);
		p = hit + strlen(calendar);
	}
	pattern = arena_printf(c->im->a, "%s%s", pattern, p);
	if (!c->clock_url) {
		c->clock_url = pattern;
		c->clock_at = at;
		import_setting(c->im, "clock_url", pattern);
		return true;
	}
	if (strcmp(c->clock_url, pattern) == 0)
		return true;
	struct span first = import_span(c->im, c->clock_at);
	struct linecol lc = source_linecol(first.src, first.offset);
	diag_error(c->im->d, IVR_IMPORT_SHAPE, import_span(c->im, at),
		   "%s: the clock at %s is not the one at %u:%u (%s) with another calendar's "
		   "name: targets.infobip.clock_url cannot give both", c->what, url, lc.line,
		   lc.column, c->clock_url);
	return false;
}

/* A schedule (is_schedule): its calendar from the files imported, its
 * branches from the switch's cases. */
static const char *define_schedule(struct ibi *c, const cJSON *a, const char *root_name)
{
	const cJSON *req = a->next, *cases = get(req->next, "case");
	const char *url = import_str(req, "request");
	const char *cal = import_calendar(c->im, url, get(req, "request"));
	if (!cal || !clock_url(c, url, cal, get(req, "request")))
		return "hangup";   /* an error: nothing is written */
	const char *name = root_name ? root_name
		: import_name(c->im, arena_printf(c->im->a, "%s_hours", cal));
	const char *dest = arena_printf(c->im->a, "schedule:%s", name);
	anchor(c, action_id(req), dest, NULL);
	struct doc_node *m = import_map(c->im);
	import_put(c->im, import_section(c->im, "schedules"), name, m);
	import_put(c->im, m, "follows", import_word(c->im, cal));
	static const char *const branches[][2] = {
		{ "open", "open" }, { "__default", "closed" }, { "holiday", "holiday" },
	};
	for (size_t i = 0; i < 3; i++) {
		const cJSON *b = get(cases, branches[i][0]);
		if (!b)
			continue;
		struct route_ctx rc = { name, NULL, arena_printf(c->im->a, "%s_%s", name,
								 branches[i][1]) };
		import_put(c->im, m, branches[i][1],
			   import_word(c->im, route(c, b->child, &rc, false, false)));
	}
	return dest;
}

/* ---------- menus: the contents ---------- */

struct handler {
	int64_t retries;
	const char *prompt, *final, *then;
	bool trivial;              /* retries 0, nothing played, hang up */
};

/* {"if": "${C < R}", "then": [PROMPT, {"setVariable": C, "value":
 * "${C + 1}"}, {"goTo": MENU_PROMPT, "options": {LIMIT_KEY: 100}}, "hangup"]} */
static bool retry_if(struct ibi *c, const cJSON *a, int menu_prompt, int64_t *retries,
		     const cJSON **prompt)
{
	static const char *const keys[] = { "if", "then", "actionId", NULL };
	static const char *const set[] = { "setVariable", "value", NULL };
	const cJSON *then = get(a, "then");
	const cJSON *p = then ? then->child : NULL, *inc = p ? p->next : NULL;
	const cJSON *g = inc ? inc->next : NULL;
	const char *counter = import_str(inc, "setVariable");
	if (!keys_are(a, keys) || !p || !is_prompt(p) || !keys_are(inc, set) || !counter ||
	    !unlimited_goto(c, g) || get(g, "goTo")->valueint != menu_prompt)
		return false;
	char want[160];
	snprintf(want, sizeof want, "${%s + 1}", counter);
	if (!is_word(get(inc, "value"), want))
		return false;
	const char *cond = import_str(a, "if");
	long long limit = 0;
	int used = 0;
	size_t n = strlen(counter);
	if (!cond || strncmp(cond, "${", 2) != 0 || strncmp(cond + 2, counter, n) != 0 ||
	    sscanf(cond + 2 + n, " < %lld}%n", &limit, &used) != 1 || cond[2 + n + used] ||
	    limit < 1 || limit > IB_GOTO_LIMIT_MAX)
		return false;
	*retries = limit;
	*prompt = p;
	return true;
}

static struct handler handler(struct ibi *c, const cJSON *a, int menu_prompt,
			      const char *prompt, const struct route_ctx *rc)
{
	struct handler h = { 0, prompt, NULL, NULL, false };
	const cJSON *p;
	if (a && retry_if(c, a, menu_prompt, &h.retries, &p)) {
		h.prompt = prompt_rec(c, p);
		a = a->next;
	}
	if (a && is_prompt(a) && a->next && route(c, a->next, rc, true, true)) {
		h.final = prompt_rec(c, a);
		a = a->next;
	}
	h.then = route(c, a, rc, false, false);
	h.trivial = h.retries == 0 && !h.final && strcmp(h.then, "hangup") == 0;
	return h;
}

static void put_handler(struct ibi *c, struct doc_node *m, const char *key,
			const struct handler *h)
{
	struct doc_node *n = import_map(c->im);
	import_put(c->im, n, "prompt", import_word(c->im, h->prompt));
	if (h->final)
		import_put(c->im, n, "final_prompt", import_word(c->im, h->final));
	import_put(c->im, n, "retries", import_intv(c->im, h->retries));
	import_put(c->im, n, "then", import_word(c->im, h->then));
	import_put(c->im, m, key, n);
}

/* Defines the menu of h the first time it is seen; "menu:NAME". */
static const char *define_menu(struct ibi *c, const struct head *h, const char *root_name)
{
	struct ib_menu *mm = menu_of(c, h->var, root_name);
	const char *name = mm->name, *dest = arena_printf(c->im->a, "menu:%s", name);
	if (mm->doc)
		return dest;
	struct doc_node *m = mm->doc = import_map(c->im);
	int pid = action_id(h->prompt);
	anchor(c, pid, dest, NULL);
	const char *prompt = prompt_rec(c, h->prompt);
	import_put(c->im, m, "prompt", import_word(c->im, prompt));
	if (h->timeout < 1 || h->timeout > IB_MAX_TIMEOUT)
		import_lost(c->im, get(h->collect, "options"), "%s: menu '%s' waits %lld s, not 1 "
			    "to %d", c->what, name, (long long)h->timeout, IB_MAX_TIMEOUT);
	else if (h->timeout != IB_DEFAULT_TIMEOUT)
		import_put(c->im, m, "timeout", import_seconds(c->im, h->timeout));
	struct doc_node *opts = import_map(c->im);
	for (const cJSON *k = get(h->sw, "case")->child; k && k->next; k = k->next) {
		struct route_ctx rc = { name, dest, arena_printf(c->im->a, "%s_%s", name,
					k->string[0] == '*' ? "star" : k->string[0] == '#' ?
					"hash" : k->string) };
		import_put(c->im, opts, k->string, import_word(c->im, route(c, k->child, &rc,
												 false, false)));
	}
	if (opts->count)
		import_put(c->im, m, "options", opts);
	const cJSON *ni, *inv;
	default_ok(h, &ni, &inv);
	if (ni) {
		struct route_ctx rc = { name, dest, arena_printf(c->im->a, "%s_no_input", name) };
		struct handler hn = handler(c, ni, pid, prompt, &rc);
		rc.hint = arena_printf(c->im->a, "%s_invalid", name);
		struct handler hi = handler(c, inv, pid, prompt, &rc);
		/* The "if" is there, so one handler at least is; a trivial one
		 * (retries 0, hang up) lowers as an absent one does. */
		if (!hi.trivial || hn.trivial)
			put_handler(c, m, "invalid", &hi);
		if (!hn.trivial || hi.trivial)
			put_handler(c, m, "no_input", &hn);
	}
	return dest;
}

/* ---------- flow steps ---------- */

/* "Ns" of a number of seconds, or NULL after reporting. */
static struct doc_node *seconds_of(struct ibi *c, const cJSON *v, const char *what)
{
	int64_t s;
	if (!import_int_value(v, &s) || s < 0 || s > 86400) {
		import_lost(c->im, v, "%s: %s %s is not whole seconds", c->what, what,
			    import_json_text(c->im, v));
		return NULL;
	}
	return import_seconds(c->im, s);
}

/* A value the language would refuse there: reported; false. */
static bool refuse(struct ibi *c, const cJSON *at, const char *what, const char *why)
{
	import_lost(c->im, at, "%s: %s %s %s; left out", c->what, what,
		    at ? import_json_text(c->im, at) : "(missing)", why);
	return false;
}

static bool name_ok(struct ibi *c, const cJSON *v, const char *what)
{
	return (cJSON_IsString(v) && import_is_name(v->valuestring)) ||
	       refuse(c, v, what, "is not a name");
}

static bool template_ok(struct ibi *c, const cJSON *v, const char *what)
{
	const char *why;
	return (cJSON_IsString(v) && import_is_template(c->im, v->valuestring, &why)) ||
	       refuse(c, v, what, arena_printf(c->im->a, "is not a template ivrc reads (%s)",
					       cJSON_IsString(v) ? why : "it is not text"));
}

/* A whole number from min up, as a plain scalar; NULL after reporting. */
static struct doc_node *int_of(struct ibi *c, const cJSON *v, const char *what, int64_t min)
{
	int64_t i;
	if (!import_int_value(v, &i) || i < min) {
		refuse(c, v, what, "is not a whole number it takes");
		return NULL;
	}
	return import_intv(c->im, i);
}

static struct doc_node *bool_of(struct ibi *c, const cJSON *v, const char *what)
{
	if (!cJSON_IsBool(v)) {
		refuse(c, v, what, "is not true or false");
		return NULL;
	}
	return import_word(c->im, cJSON_IsTrue(v) ? "true" : "false");
}

/* A JSON object as a mapping; NULL after reporting. */
static struct doc_node *object_of(struct ibi *c, const cJSON *v, const char *what)
{
	if (!cJSON_IsObject(v)) {
		refuse(c, v, what, "is not an object");
		return NULL;
	}
	return import_json_doc(c->im, v);
}

static void put_if(struct importer *im, struct doc_node *m, const char *key,
		   struct doc_node *v)
{
	if (v)
		import_put(im, m, key, v);
}

/* One step: {name: args}. */
static struct doc_node *step1(struct ibi *c, const char *name, struct doc_node *args)
{
	struct doc_node *st = import_map(c->im);
	import_put(c->im, st, name, args);
	return st;
}

/* A condition, parsed (with its one ${...} or a ${...} around each
 * variable) and printed as the language writes it; NULL after reporting
 * one ivrc does not read (its step is left out). */
static const char *cond_of(struct ibi *c, const cJSON *v)
{
	const char *why = "it is not text";
	if (cJSON_IsString(v)) {
		const char *s = v->valuestring;
		struct ast_expr *x = c->im->parse->condition(c->im->a, s, strlen(s), &why);
		if (x)
			return expr_print(c->im->a, x);
	}
	refuse(c, v, "condition", arena_printf(c->im->a, "is not an expression ivrc reads (%s)",
					       why));
	return NULL;
}

/* The options of an action: known keys are taken by the caller; others
 * are reported. */
static void other_options(struct ibi *c, const cJSON *o, const char *const *known,
			  const char *action)
{
	if (o && !cJSON_IsObject(o))
		import_lost(c->im, o, "%s: %s options %s are not an object", c->what, action,
			    import_json_text(c->im, o));
	else if (o)
		import_unknown_keys(c->im, o, known, arena_printf(c->im->a, "%s: %s", c->what,
								  action));
}

static struct doc_node *say_step(struct ibi *c, const cJSON *a)
{
	static const char *const known[] = { "language", "voice", "speechRate", NULL };
	static const char *const voice_keys[] = { "name", "gender", NULL };
	const cJSON *o = get(a, "options");
	const char *lang = say_language(o), *voice = import_str(get(o, "voice"), "name");
	const char *gender = import_str(get(o, "voice"), "gender");
	const cJSON *rate = get(o, "speechRate");
	other_options(c, o, known, "say");
	if (!template_ok(c, get(a, "say"), "say text"))
		return NULL;
	if (rate && !cJSON_IsNumber(rate) && !cJSON_IsString(rate)) {
		refuse(c, rate, "speechRate", "is not a number");
		rate = NULL;
	}
	if (cJSON_IsObject(get(o, "voice")))
		import_unknown_keys(c->im, get(o, "voice"), voice_keys,
				    arena_printf(c->im->a, "%s: say voice", c->what));
	bool own_lang = strcmp(lang, c->language) != 0;
	bool own_voice = voice && !same(voice, own_lang ? NULL : c->voice);
	if (!own_lang && !own_voice && !gender && !rate)
		return step1(c, "say", import_text(c->im, import_str(a, "say")));
	struct doc_node *m = import_map(c->im);
	import_put(c->im, m, "text", import_text(c->im, import_str(a, "say")));
	if (own_lang)
		import_put(c->im, m, "language", import_word(c->im, lang));
	if (own_voice)
		import_put(c->im, m, "voice", import_word(c->im, voice));
	if (gender)
		import_put(c->im, m, "gender", import_word(c->im, gender));
	if (rate)
		import_put(c->im, m, "speech_rate", import_json_doc(c->im, rate));
	return step1(c, "say", m);
}

static struct doc_node *collect_step(struct ibi *c, const cJSON *a)
{
	static const char *const known[] = { "maxInputLength", "timeout", "mappedValues",
					     "sendToReports", NULL };
	const cJSON *o = get(a, "options");
	struct doc_node *m = import_map(c->im);
	other_options(c, o, known, "collectInto");
	if (!name_ok(c, get(a, "collectInto"), "collectInto"))
		return NULL;
	import_put(c->im, m, "into", import_word(c->im, import_str(a, "collectInto")));
	if (get(o, "maxInputLength"))
		put_if(c->im, m, "max_digits", int_of(c, get(o, "maxInputLength"), "maxInputLength", 0));
	if (get(o, "timeout"))
		put_if(c->im, m, "timeout", seconds_of(c, get(o, "timeout"), "a collect timeout"));
	if (get(o, "mappedValues"))
		put_if(c->im, m, "mapped_values", object_of(c, get(o, "mappedValues"), "mappedValues"));
	if (import_str(o, "sendToReports"))
		import_put(c->im, m, "send_to_reports", import_word(c->im,
								    import_str(o, "sendToReports")));
	else if (get(o, "sendToReports"))
		refuse(c, get(o, "sendToReports"), "sendToReports", "is not a string");
	return step1(c, "collect", m);
}

static struct doc_node *capture_step(struct ibi *c, const cJSON *a)
{
	static const char *const known[] = { "language", "maxSilence", "keyPhrases", NULL };
	const cJSON *o = get(a, "speechOptions");
	struct doc_node *m = import_map(c->im);
	other_options(c, o, known, "capture");
	struct doc_node *t = seconds_of(c, get(a, "timeout"), "a capture timeout");
	if (!name_ok(c, get(a, "capture"), "capture") || !t)
		return NULL;
	import_put(c->im, m, "into", import_word(c->im, import_str(a, "capture")));
	import_put(c->im, m, "timeout", t);
	import_put(c->im, m, "language", import_word(c->im, import_str(o, "language")));
	if (get(o, "maxSilence"))
		put_if(c->im, m, "max_silence", seconds_of(c, get(o, "maxSilence"), "maxSilence"));
	if (cJSON_IsArray(get(o, "keyPhrases")))
		import_put(c->im, m, "key_phrases", import_json_doc(c->im, get(o, "keyPhrases")));
	else if (get(o, "keyPhrases"))
		refuse(c, get(o, "keyPhrases"), "keyPhrases", "is not a list");
	/* Keys instead of speech: how many (dtmfOptions, its one required key). */
	static const char *const dtmf_known[] = { "maxInputLength", NULL };
	const cJSON *dtmf = get(a, "dtmfOptions");
	other_options(c, dtmf, dtmf_known, "capture dtmfOptions");
	if (get(dtmf, "maxInputLength"))
		put_if(c->im, m, "max_digits", int_of(c, get(dtmf, "maxInputLength"),
						      "maxInputLength", 0));
	else if (dtmf)
		refuse(c, dtmf, "capture dtmfOptions", "has no maxInputLength");
	return step1(c, "capture", m);
}

/* A dial's or dialToMany's senderId and maxCallDuration, as the step's
 * caller_id and max_duration. */
static void put_dial_options(struct ibi *c, struct doc_node *m, const cJSON *o)
{
	if (import_str(o, "senderId"))
		import_put(c->im, m, "caller_id", import_text(c->im, import_str(o, "senderId")));
	if (get(o, "maxCallDuration"))
		put_if(c->im, m, "max_duration", seconds_of(c, get(o, "maxCallDuration"),
							    "maxCallDuration"));
}

static struct doc_node *dial_step(struct ibi *c, const cJSON *a)
{
	static const char *const known[] = { "senderId", "maxCallDuration", NULL };
	const char *digits = import_str(a, "dial");
	const char *to = arena_printf(c->im->a, "phone:+%s", digits ? digits : "");
	const cJSON *o = get(a, "options");
	/* A number the call computes: phone:${numberToDial}. */
	if (digits && strchr(digits, '$')) {
		if (!template_ok(c, get(a, "dial"), "dial"))
			return NULL;
		to = arena_printf(c->im->a, "phone:%s", digits);
	} else if (!import_is_phone(to + 6)) {
		return refuse(c, get(a, "dial"), "dial", "is not E.164 digits"), NULL;
	}
	other_options(c, o, known, "dial");
	if (!o)
		return step1(c, "dial", import_word(c->im, to));
	struct doc_node *m = import_map(c->im);
	import_put(c->im, m, "to", import_word(c->im, to));
	put_dial_options(c, m, o);
	return step1(c, "dial", m);
}

static struct doc_node *dial_many_step(struct ibi *c, const cJSON *a)
{
	static const char *const known[] = { "parallel", "ringTimeout", "senderId",
					     "maxCallDuration", NULL };
	const cJSON *o = get(a, "options");
	struct doc_node *m = import_map(c->im), *to = import_seq(c->im);
	for (const cJSON *n = block(a, "dialToMany"); n; n = n->next) {
		const char *num = import_str(n, "number");
		const char *to1 = arena_printf(c->im->a, "phone:+%s", num ? num : "");
		if (import_is_phone(to1 + 6))
			import_push(c->im, to, import_word(c->im, to1));
		else
			refuse(c, n, "dialToMany number", "is not E.164 digits");
	}
	if (!to->count)
		return NULL;
	import_put(c->im, m, "to", to);
	other_options(c, o, known, "dialToMany");
	if (cJSON_IsTrue(get(o, "parallel")))
		import_put(c->im, m, "parallel", import_word(c->im, "true"));
	if (get(o, "ringTimeout"))
		put_if(c->im, m, "ring_timeout", seconds_of(c, get(o, "ringTimeout"), "ringTimeout"));
	put_dial_options(c, m, o);
	return step1(c, "dial_to_many", m);
}

static struct doc_node *record_step(struct ibi *c, const cJSON *a)
{
	static const char *const known[] = { "escapeDigits", "beep", "maxSilence", "identifier",
					     NULL };
	const cJSON *o = get(a, "options");
	struct doc_node *m = import_map(c->im);
	other_options(c, o, known, "record");
	if (!cJSON_IsNull(get(a, "record")))
		put_if(c->im, m, "seconds", int_of(c, get(a, "record"), "record seconds", 0));
	if (get(o, "beep"))
		put_if(c->im, m, "beep", bool_of(c, get(o, "beep"), "beep"));
	if (get(o, "maxSilence"))
		put_if(c->im, m, "max_silence", seconds_of(c, get(o, "maxSilence"), "maxSilence"));
	if (import_str(o, "escapeDigits"))
		import_put(c->im, m, "escape_digits", import_text(c->im, import_str(o, "escapeDigits")));
	if (import_str(o, "identifier"))
		import_put(c->im, m, "name", import_text(c->im, import_str(o, "identifier")));
	return step1(c, "record", m);
}

/* ---------- the fields a request's response sets ---------- */

static bool listed(const char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

/* Variables the script sets itself (collect, capture, set, loops, goTo
 * counters). Recursion is bounded by cJSON's nesting limit. */
static void set_vars(struct ibi *c, const cJSON *v, const char ***out, size_t *n, size_t *cap)
{
	static const char *const keys[] = { "collectInto", "capture", "setVariable", "for-each",
					    "countVariable" };
	static const char *const implied[][2] = { { "collectInto", "_Meaning" },
						  { "capture", "_Full" } };
	for (const cJSON *ch = v ? v->child : NULL; ch; ch = ch->next) {
		for (size_t i = 0; ch->string && cJSON_IsString(ch) && i < 5; i++)
			if (strcmp(ch->string, keys[i]) == 0)
				ARENA_PUSH(c->im->a, *out, *n, *cap, ch->valuestring);
		/* What Infobip sets beside them (compiler/flow_vars.h). */
		for (size_t i = 0; ch->string && cJSON_IsString(ch) && i < 2; i++)
			if (strcmp(ch->string, implied[i][0]) == 0) {
				const char *v = arena_concat(c->im->a, ch->valuestring, implied[i][1],
							     (const char *)NULL);
				ARENA_PUSH(c->im->a, *out, *n, *cap, v);
			}
		set_vars(c, ch, out, n, cap);
	}
}

struct names {
	struct ibi *c;
	const char ***out;
	size_t *n, *cap;
};

static void add_name(void *ctx, const struct ast_expr *var)
{
	struct names *w = ctx;
	if (!listed(*w->out, *w->n, var->text))
		ARENA_PUSH(w->c->im->a, *w->out, *w->n, *w->cap, var->text);
}

/* The variables the ${...} of a string read (none when it is not a
 * template ivrc reads). */
static void expr_names(struct ibi *c, const char *s, const char ***out, size_t *n, size_t *cap)
{
	struct ast_template t;
	const char *why;
	struct names w = { c, out, n, cap };
	if (strstr(s, "${") && c->im->parse->template(c->im->a, s, strlen(s), &t, &why))
		expr_template_vars(&t, add_name, &w);
}

/* Every string of the script written after `after` (by file position). */
static void names_after(struct ibi *c, const cJSON *v, uint32_t after, const char ***out,
			size_t *n, size_t *cap)
{
	for (const cJSON *ch = v ? v->child : NULL; ch; ch = ch->next) {
		bool later = cJSON_IsString(ch) && import_span(c->im, ch).offset > after;
		if (later)
			expr_names(c, ch->valuestring, out, n, cap);
		/* A switch names its variable bare. */
		if (later && ch->string && strcmp(ch->string, "switch") == 0 &&
		    !listed(*out, *n, ch->valuestring))
			ARENA_PUSH(c->im->a, *out, *n, *cap, ch->valuestring);
		names_after(c, ch, after, out, n, cap);
	}
}

/* Whether a variable the script reads is one nothing sets: no action of
 * the script, no built-in, no response field claimed already. */
static bool unset(struct ibi *c, const char *const *set, size_t nset, const char *name)
{
	return !listed(set, nset, name) && !listed(flow_builtin_vars, FLOW_NBUILTIN_VARS, name) &&
	       !listed(c->claimed, c->nclaimed, name) && import_is_name(name);
}

/* The body says only that a response is collected; its fields are the
 * variables read after the request that nothing else sets. */
static struct doc_node *response_fields(struct ibi *c, const cJSON *req)
{
	const char **set = NULL, **read = NULL;
	size_t nset = 0, capset = 0, nread = 0, capread = 0;
	set_vars(c, c->script, &set, &nset, &capset);
	names_after(c, c->script, import_span(c->im, req).offset, &read, &nread, &capread);
	struct doc_node *seq = import_seq(c->im);
	for (size_t i = 0; i < nread; i++) {
		if (!unset(c, set, nset, read[i]))
			continue;
		ARENA_PUSH(c->im->a, c->claimed, c->nclaimed, c->capclaimed, read[i]);
		import_push(c->im, seq, import_word(c->im, read[i]));
	}
	return seq;
}

/* What the scenario reads and nothing sets, not even a request's response,
 * comes with the call: a parameter. */
static void parameters(struct ibi *c)
{
	const char **set = NULL, **read = NULL;
	size_t nset = 0, capset = 0, nread = 0, capread = 0;
	set_vars(c, c->script, &set, &nset, &capset);
	names_after(c, c->script, 0, &read, &nread, &capread);
	for (size_t i = 0; i < nread; i++)
		if (unset(c, set, nset, read[i]))
			import_parameter(c->im, read[i]);
}

static struct doc_node *request_step(struct ibi *c, const cJSON *a)
{
	static const char *const known[] = { "method", "headers", "body", "collectResponse", NULL };
	const cJSON *o = get(a, "options"), *body = get(o, "body");
	struct doc_node *m = import_map(c->im);
	other_options(c, o, known, "request");
	if (!template_ok(c, get(a, "request"), "request"))
		return NULL;
	import_put(c->im, m, "url", import_text(c->im, import_str(a, "request")));
	import_put(c->im, m, "method", import_word(c->im, import_str(o, "method") ?
						   import_str(o, "method") : "GET"));
	if (get(o, "headers"))
		put_if(c->im, m, "headers", object_of(c, get(o, "headers"), "headers"));
	if (body)
		import_put(c->im, m, "body", import_json_doc(c->im, body));
	if (cJSON_IsTrue(get(o, "collectResponse")))
		import_put(c->im, m, "response_fields", response_fields(c, a));
	return step1(c, "call_api", m);
}

/* while, repeat (while / until), for-each: a block of steps and more. */
static struct doc_node *loop_step(struct ibi *c, const cJSON *a, const char *flow)
{
	struct doc_node *m = import_map(c->im);
	if (get(a, "for-each")) {
		if (!name_ok(c, get(a, "for-each"), "for-each") || !template_ok(c, get(a, "in"), "in"))
			return NULL;
		import_put(c->im, m, "var", import_word(c->im, import_str(a, "for-each")));
		import_put(c->im, m, "in", import_text(c->im, import_str(a, "in")));
		if (import_str(a, "delimiter"))
			import_put(c->im, m, "delimiter", import_text(c->im, import_str(a, "delimiter")));
		import_put(c->im, m, "do", steps(c, block(a, "do"), flow));
		return step1(c, "for_each", m);
	}
	const char *cond = cond_of(c, get(a, get(a, "until") ? "until" : "while"));
	if (!cond)
		return NULL;
	if (!get(a, "repeat")) {
		import_put(c->im, m, "cond", import_text(c->im, cond));
		import_put(c->im, m, "do", steps(c, block(a, "do"), flow));
		return step1(c, "while", m);
	}
	bool until = get(a, "until") != NULL;
	import_put(c->im, m, "do", steps(c, block(a, "repeat"), flow));
	import_put(c->im, m, "cond", import_text(c->im, cond));
	return step1(c, until ? "repeat_until" : "repeat_while", m);
}

static struct doc_node *branch_step(struct ibi *c, const cJSON *a, const char *flow)
{
	struct doc_node *m = import_map(c->im);
	if (get(a, "if")) {
		const char *cond = cond_of(c, get(a, "if"));
		if (!cond)
			return NULL;
		import_put(c->im, m, "cond", import_text(c->im, cond));
		import_put(c->im, m, "then", steps(c, block(a, "then"), flow));
		if (cJSON_IsArray(get(a, "else")))
			import_put(c->im, m, "else", steps(c, block(a, "else"), flow));
		return step1(c, "if", m);
	}
	struct doc_node *cases = import_map(c->im);
	if (!name_ok(c, get(a, "switch"), "switch"))
		return NULL;
	/* A switch needs a case (the DSL has no way to write none). */
	const cJSON *k0 = get(a, "case")->child;
	if (!k0 || (strcmp(k0->string, "__default") == 0 && !k0->next))
		return refuse(c, get(a, "case"), "switch", "has no case"), NULL;
	import_put(c->im, m, "on", import_word(c->im, import_str(a, "switch")));
	import_put(c->im, m, "cases", cases);
	for (const cJSON *k = get(a, "case") ? get(a, "case")->child : NULL; k; k = k->next) {
		if (strcmp(k->string, "__default") == 0)
			import_put(c->im, m, "default", steps(c, k->child, flow));
		else
			import_put(c->im, cases, k->string, steps(c, k->child, flow));
	}
	return step1(c, "switch", m);
}

/* goTo: back to a labelled step of this flow, or a route back. */
static struct doc_node *goto_step(struct ibi *c, const cJSON *a, const char *flow)
{
	static const char *const known[] = { "goToLimit", "gotoLimit", "countVariable", NULL };
	const cJSON *o = get(a, "options");
	int id = get(a, "goTo")->valueint;
	const struct ib_anchor *to = find_anchor(c, id, true);
	struct ib_anchor *at = find_anchor(c, id, false);
	const char *own = arena_printf(c->im->a, "flow:%s", flow);
	if (to && (!o || unlimited_goto(c, a)) && !(at && strcmp(to->dest, own) == 0)) {
		reach(c, flow, to->dest);
		bool menu = strncmp(to->dest, "menu:", 5) == 0;
		return step1(c, menu ? "goto" : "dial", import_word(c->im, to->dest));
	}
	if (!at) {
		import_lost(c->im, a, "%s: goTo %s jumps to no step this import can name; left out",
			    c->what, import_json_text(c->im, get(a, "goTo")));
		return NULL;
	}
	if (!at->label)
		at->label = arena_printf(c->im->a, "step%d", at->id);
	other_options(c, o, known, "goTo");
	int64_t limit = 0;
	const char *counter = import_str(o, "countVariable");
	if (get(o, "countVariable") && !name_ok(c, get(o, "countVariable"), "countVariable"))
		counter = NULL;
	bool has_limit = import_int(o, c->limit_key, &limit) && limit >= 0;
	if (!has_limit && !counter)
		return step1(c, "goto", import_word(c->im, at->label));
	struct doc_node *m = import_map(c->im);
	import_put(c->im, m, "to", import_word(c->im, at->label));
	if (has_limit)
		import_put(c->im, m, "limit", import_intv(c->im, limit));
	if (counter)
		import_put(c->im, m, "counter", import_word(c->im, counter));
	return step1(c, "goto", m);
}

/* playFromUrl, playTty, playFromUpload: the step `name` with its `arg`
 * and the loop count. */
static struct doc_node *play_step(struct ibi *c, const cJSON *a, const char *key,
				  const char *name, const char *arg)
{
	static const char *const known[] = { "loopCount", NULL };
	const cJSON *o = get(a, "options");
	other_options(c, o, known, key);
	if (!template_ok(c, get(a, key), key))
		return NULL;
	struct doc_node *loop = get(o, "loopCount") ?
		int_of(c, get(o, "loopCount"), "loopCount", 0) : NULL;
	if (!loop)
		return step1(c, name, import_text(c->im, import_str(a, key)));
	struct doc_node *m = import_map(c->im);
	import_put(c->im, m, arg, import_text(c->im, import_str(a, key)));
	import_put(c->im, m, "loop", loop);
	return step1(c, name, m);
}

static struct doc_node *simple_step(struct ibi *c, const cJSON *a)
{
	if (get(a, "playFromUrl"))
		return play_step(c, a, "playFromUrl", "play", "url");
	if (get(a, "playTty"))
		return play_step(c, a, "playTty", "play_tty", "text");
	if (get(a, "playFromUpload"))
		return play_step(c, a, "playFromUpload", "play_upload", "file");
	if (get(a, "playFromRecording")) {
		/* By a recording: a raw id could be taken for a recording's name. */
		struct doc_node *f = import_map(c->im);
		const char *id = import_str(a, "playFromRecording");
		if (!id) {
			import_lost(c->im, a, "%s: playFromRecording %s is not a recording id; left out",
				    c->what, import_json_text(c->im, get(a, "playFromRecording")));
			return NULL;
		}
		import_put(c->im, f, "infobip", import_text(c->im, id));
		return step1(c, "play_recording", import_word(c->im, import_recording(c->im,
			     arena_printf(c->im->a, "infobip:%s", id),
			     arena_printf(c->im->a, "rec_%s", slug(c, id, "id")), f)));
	}
	if (get(a, "pause")) {
		int64_t secs;
		if (!import_int_value(get(a, "pause"), &secs) || secs < 0 || secs > IB_MAX_PAUSE)
			return refuse(c, get(a, "pause"), "pause", "is not 0 to 5 seconds"), NULL;
		return step1(c, "pause", import_seconds(c->im, secs));
	}
	if (get(a, "setVariable")) {
		struct doc_node *m = import_map(c->im);
		const cJSON *v = get(a, "value");
		const char *value = cJSON_IsString(v) ? v->valuestring
			: cJSON_IsNumber(v) || cJSON_IsBool(v) ? import_json_text(c->im, v) : "";
		if (!name_ok(c, get(a, "setVariable"), "setVariable"))
			return NULL;
		const char *why;
		if (!import_is_template(c->im, value, &why))
			return refuse(c, v, "value", arena_printf(c->im->a, "is not a template ivrc "
								  "reads (%s)", why)), NULL;
		import_put(c->im, m, "var", import_word(c->im, import_str(a, "setVariable")));
		import_put(c->im, m, "value", import_text(c->im, value));
		return step1(c, "set", m);
	}
	if (get(a, "sendSms")) {
		struct doc_node *m = import_map(c->im);
		static const char *const keys[] = { "text", "from", "to" };
		if (!template_ok(c, get(get(a, "sendSms"), "text"), "sendSms text"))
			return NULL;
		for (size_t i = 0; i < 3; i++)
			if (import_str(get(a, "sendSms"), keys[i]) || strcmp(keys[i], "from") != 0)
				import_put(c->im, m, keys[i], import_text(c->im, import_str(
					get(a, "sendSms"), keys[i])));
		return step1(c, "send_sms", m);
	}
	if (get(a, "dialToWebRTC"))
		return step1(c, "dial_webrtc", import_json_doc(c->im, a));
	return step1(c, "dial_conversations", import_json_doc(c->im, a));
}

/* The action's own key, and the keys it may have beside it. */
struct action_shape {
	const char *key;
	const char *const *others;
};

static const char *const o_none[] = { NULL };
static const char *const o_opts[] = { "options", NULL };
static const char *const o_case[] = { "case", NULL };
static const char *const o_if[] = { "then", "else", NULL };
static const char *const o_do[] = { "do", NULL };
static const char *const o_repeat[] = { "while", "until", NULL };
static const char *const o_foreach[] = { "in", "delimiter", "do", NULL };
static const char *const o_value[] = { "value", NULL };
static const char *const o_capture[] = { "timeout", "speechOptions", "dtmfOptions", NULL };

static const struct action_shape shapes[] = {
	{ "say", o_opts }, { "playFromUrl", o_opts }, { "playFromRecording", o_none },
	{ "playTty", o_opts }, { "playFromUpload", o_opts },
	{ "collectInto", o_opts }, { "capture", o_capture }, { "switch", o_case },
	{ "if", o_if }, { "goTo", o_opts }, { "dial", o_opts }, { "dialToMany", o_opts },
	{ "dialToWebRTC", NULL }, { "dialToConversations", NULL }, { "record", o_opts },
	{ "pause", o_none }, { "setVariable", o_value }, { "request", o_opts },
	{ "sendSms", o_none }, { "while", o_do }, { "repeat", o_repeat },
	{ "for-each", o_foreach },
};

/* The shape whose key the action has; NULL for an action ivrc does not know,
 * or one whose parts have the wrong JSON types. */
static const struct action_shape *shape_of(const cJSON *a)
{
	static const char *const arrays[] = { "then", "else", "do", "repeat", "dialToMany", NULL };
	for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
		const struct action_shape *s = &shapes[i];
		if (!get(a, s->key) || (strcmp(s->key, "while") == 0 && get(a, "repeat")))
			continue;
		for (size_t j = 0; arrays[j]; j++)
			if (get(a, arrays[j]) && !cJSON_IsArray(get(a, arrays[j])))
				return NULL;
		if (strcmp(s->key, "switch") == 0 && !cJSON_IsObject(get(a, "case")))
			return NULL;
		for (const cJSON *k = get(a, "case") ? get(a, "case")->child : NULL; k; k = k->next)
			if (!cJSON_IsArray(k))
				return NULL;
		return s;
	}
	return NULL;
}

static struct doc_node *action_step(struct ibi *c, const cJSON *a, const char *flow)
{
	if (is_word(a, "hangup"))
		return import_word(c->im, "hangup");
	if (is_word(a, "machineDetection"))
		return import_word(c->im, "machine_detection");
	const struct action_shape *s = cJSON_IsObject(a) ? shape_of(a) : NULL;
	if (!s) {
		import_lost(c->im, a, "%s: action %s is not one ivrc knows; left out", c->what,
			    import_json_text(c->im, a));
		return NULL;
	}
	if (s->others) {
		const char *known[8] = { s->key, "actionId" };
		size_t n = 2;
		for (size_t i = 0; s->others[i]; i++)
			known[n++] = s->others[i];
		known[n] = NULL;
		import_unknown_keys(c->im, a, known, arena_printf(c->im->a, "%s: %s", c->what, s->key));
	}
	const char *k = s->key;
	if (strcmp(k, "say") == 0)
		return say_step(c, a);
	if (strcmp(k, "collectInto") == 0)
		return collect_step(c, a);
	if (strcmp(k, "capture") == 0)
		return capture_step(c, a);
	if (strcmp(k, "dial") == 0)
		return dial_step(c, a);
	if (strcmp(k, "dialToMany") == 0)
		return dial_many_step(c, a);
	if (strcmp(k, "record") == 0)
		return record_step(c, a);
	if (strcmp(k, "request") == 0)
		return request_step(c, a);
	if (strcmp(k, "goTo") == 0)
		return goto_step(c, a, flow);
	if (strcmp(k, "if") == 0 || strcmp(k, "switch") == 0)
		return branch_step(c, a, flow);
	if (strcmp(k, "while") == 0 || strcmp(k, "repeat") == 0 || strcmp(k, "for-each") == 0)
		return loop_step(c, a, flow);
	return simple_step(c, a);
}

/* The actions from a as the steps of flow; a menu at the end is `goto`.
 * Recursion follows the script's nesting (cJSON's limit). */
static struct doc_node *steps(struct ibi *c, const cJSON *a, const char *flow)
{
	struct doc_node *seq = import_seq(c->im);
	struct head h;
	for (; a; a = a->next) {
		if (is_menu(a, &h)) {
			const char *dest = define_menu(c, &h, NULL);
			reach(c, flow, dest);
			import_push(c->im, seq, step1(c, "goto", import_word(c->im, dest)));
			break;
		}
		/* A route back to a menu resets its counters first; the goTo
		 * says it all. */
		if (unlimited_goto(c, past_resets(a)))
			a = past_resets(a);
		/* The step's node is known before its blocks are read: a goto in
		 * them may jump back to it. */
		struct doc_node *slot = import_map(c->im);
		anchor(c, action_id(a), NULL, slot);
		struct doc_node *st = action_step(c, a, flow);
		if (!st)
			continue;
		if (st->kind == DOC_MAP) {
			*slot = *st;
			st = slot;
		}
		import_push(c->im, seq, st);
	}
	return seq;
}

/* ---------- scenarios ---------- */

static const char *menu_name_of(const char *var)
{
	const char *under = var ? strchr(var, '_') : NULL;
	return var && var[0] == 'm' && under && under > var + 1 ? under + 1 : var;
}

/* Whether a menu variable names this scenario (its '-' written '_'). */
static bool same_name(const char *var_name, const char *name)
{
	size_t n = strlen(name);
	if (!var_name || strlen(var_name) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (var_name[i] != name[i] && !(var_name[i] == '_' && name[i] == '-'))
			return false;
	return true;
}

/* What each scenario is: a menu (its script is the menu its name says), an
 * announcement (a prompt and a route), or a flow. */
static void classify(struct ibi *c, struct ib_root *r)
{
	const cJSON *script = get(r->o->body, "script")->child;
	struct head h;
	struct route_ctx rc = { r->o->name, NULL, NULL };
	if (is_menu(script, &h) && same_name(menu_name_of(h.var), r->o->name)) {
		bool taken = false;
		for (struct ib_root *q = c->roots; q < r; q++)
			taken |= q->var && strcmp(q->var, h.var) == 0;
		if (!taken) {
			r->decl = "menu";
			r->var = h.var;
			return;
		}
	}
	if (is_schedule(script)) {
		r->decl = "schedule";
		return;
	}
	if (script && is_prompt(script) && script->next &&
	    route(c, script->next, &rc, true, true)) {
		r->decl = "announcement";
		return;
	}
	r->decl = "flow";
	r->shape = shape(c, script, false);
}

/* The object's own description: NULL when it has none or it is the one
 * ivrc writes for an object without one. */
static const char *own_description(struct ibi *c, const struct ib_root *r)
{
	const char *d = import_str(r->o->body, "description");
	const char *managed = arena_printf(c->im->a, "Managed by ivrc: %s/%s", c->im->project,
					   r->o->name);
	return d && strcmp(d, managed) != 0 ? d : NULL;
}

static void describe(struct ibi *c, struct ib_root *r, struct doc_node *m)
{
	const char *d = own_description(c, r);
	if (!d)
		return;
	/* First, where a reader looks for it. */
	struct doc_node old = *m;
	m->count = 0;
	m->pairs = NULL;
	import_put(c->im, m, "description", import_text(c->im, d));
	for (size_t i = 0; i < old.count; i++)
		import_put(c->im, m, old.pairs[i].key->text, old.pairs[i].value);
}

static void import_root(struct ibi *c, struct ib_root *r)
{
	static const char *const keys[] = { "name", "description", "script", NULL };
	const cJSON *script = get(r->o->body, "script")->child;
	c->nanchors = 0;
	c->nclaimed = 0;
	c->script = get(r->o->body, "script");
	c->what = arena_printf(c->im->a, "scenario '%s'", r->o->name);
	r->o->decl = r->decl;
	if (strcmp(r->decl, "menu") == 0) {
		struct head h;
		is_menu(script, &h);
		define_menu(c, &h, r->o->name);
		describe(c, r, menu_of(c, r->var, NULL)->doc);
	} else if (strcmp(r->decl, "schedule") == 0) {
		define_schedule(c, script, r->o->name);
		describe(c, r, import_get(import_section(c->im, "schedules"), r->o->name));
	} else if (strcmp(r->decl, "announcement") == 0) {
		struct doc_node *m = import_map(c->im);
		const char *dest = arena_printf(c->im->a, "announcement:%s", r->o->name);
		struct route_ctx rc = { r->o->name, NULL, r->o->name };
		import_put(c->im, import_section(c->im, "announcements"), r->o->name, m);
		import_put(c->im, m, "prompt", import_word(c->im, prompt_rec(c, script)));
		anchor(c, action_id(script), dest, NULL);
		import_put(c->im, m, "then", import_word(c->im, route(c, script->next, &rc, true,
									 false)));
		struct ib_ann ann = { shape(c, script, false), r->o->name };
		ARENA_PUSH(c->im->a, c->anns, c->nanns, c->capanns, ann);
		describe(c, r, m);
	} else {
		anchor(c, action_id(script), arena_printf(c->im->a, "flow:%s", r->o->name), NULL);
		struct doc_node *flow = steps(c, script, r->o->name);
		const char *d = own_description(c, r);
		if (d) {   /* {description, steps} */
			struct doc_node *m = import_map(c->im);
			import_put(c->im, m, "description", import_text(c->im, d));
			import_put(c->im, m, "steps", flow);
			flow = m;
		}
		import_put(c->im, import_section(c->im, "flows"), r->o->name, flow);
	}
	apply_labels(c);
	parameters(c);
	import_unknown_keys(c->im, r->o->body, keys, c->what);
}

/* ---------- settings and the order of things ---------- */

struct tally {
	const char *value;
	size_t n;
};

static void count(struct ibi *c, struct tally **t, size_t *n, size_t *cap, const char *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*t)[i].value, v) == 0) {
			(*t)[i].n++;
			return;
		}
	struct tally x = { v, 1 };
	ARENA_PUSH(c->im->a, *t, *n, *cap, x);
}

static const char *most(const struct tally *t, size_t n, const char *dflt)
{
	const struct tally *best = NULL;
	for (size_t i = 0; i < n; i++)
		if (!best || t[i].n > best->n)
			best = &t[i];
	return best ? best->value : dflt;
}

/* The language and voice most says use, and goTo's limit key. */
static void learn(struct ibi *c, const cJSON *v, struct tally **lang, size_t *nl, size_t *cl,
		  struct tally **voice, size_t *nv, size_t *cv)
{
	for (const cJSON *ch = v ? v->child : NULL; ch; ch = ch->next) {
		if (cJSON_IsObject(ch) && import_str(ch, "say")) {
			const cJSON *o = get(ch, "options");
			count(c, lang, nl, cl, say_language(o));
			count(c, voice, nv, cv, import_str(get(o, "voice"), "name"));
		}
		if (cJSON_IsObject(ch) && get(ch, "goTo") && get(get(ch, "options"), "gotoLimit"))
			c->limit_key = "gotoLimit";
		learn(c, ch, lang, nl, cl, voice, nv, cv);
	}
}

static void settings(struct ibi *c)
{
	struct tally *lang = NULL, *voice = NULL;
	size_t nl = 0, cl = 0, nv = 0, cv = 0;
	c->limit_key = target_setting_default(&infobip_target.caps, "goto_limit_key");
	for (size_t i = 0; i < c->im->nobjects; i++)
		learn(c, c->im->objects[i].body, &lang, &nl, &cl, &voice, &nv, &cv);
	c->language = most(lang, nl, target_setting_default(&infobip_target.caps, "language"));
	c->voice = most(voice, nv, NULL);
	if (strcmp(c->language, target_setting_default(&infobip_target.caps, "language")) != 0)
		import_setting(c->im, "language", c->language);
	if (c->voice)
		import_setting(c->im, "voice", c->voice);
	if (strcmp(c->limit_key, target_setting_default(&infobip_target.caps, "goto_limit_key")) != 0)
		import_setting(c->im, "goto_limit_key", c->limit_key);
}

static int by_index(const void *a, const void *b)
{
	const struct ib_menu *x = a, *y = b;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Menus in the order of their variables (mN: the lowering numbers menus in
 * source order), so that building again names the variables alike. */
static void place_menus(struct ibi *c)
{
	if (c->nmenus)
		qsort(c->menus, c->nmenus, sizeof *c->menus, by_index);
	struct doc_node *sec = import_section(c->im, "menus");
	for (size_t i = 0; i < c->nmenus; i++)
		if (c->menus[i].doc)
			import_put(c->im, sec, c->menus[i].name, c->menus[i].doc);
}

static bool root_named(const struct ibi *c, const char *decl, const char *name)
{
	for (size_t i = 0; i < c->nroots; i++)
		if (strcmp(c->roots[i].decl, decl) == 0 && strcmp(c->roots[i].o->name, name) == 0)
			return true;
	return false;
}

/* Infobip builds a scenario for every entry point: the `entry` list (or
 * the first menu), every flow, every menu or announcement nothing else
 * routes to. An `entry` list is written only when that would not give the
 * scenarios imported. */
static void entries(struct ibi *c)
{
	struct doc_node *menus = import_section(c->im, "menus");
	bool exact = !menus->count || root_named(c, "menu", menus->pairs[0].key->text);
	for (size_t i = 0; exact && i < c->nroots; i++) {
		const struct ib_root *r = &c->roots[i];
		const char *dest = arena_printf(c->im->a, "%s:%s", r->decl, r->o->name);
		bool first = menus->count && strcmp(r->decl, "menu") == 0 &&
			     strcmp(menus->pairs[0].key->text, r->o->name) == 0;
		exact = strcmp(r->decl, "flow") == 0 || first || !is_reached(c, dest);
	}
	if (exact)
		return;
	for (size_t i = 0; i < c->nroots; i++) {
		const struct ib_root *r = &c->roots[i];
		const char *dest = arena_printf(c->im->a, "%s:%s", r->decl, r->o->name);
		if (strcmp(r->decl, "flow") != 0 && is_reached(c, dest))
			import_entry(c->im, dest);
	}
	if (!c->im->entry && c->nroots)
		import_entry(c->im, arena_printf(c->im->a, "%s:%s", c->roots[0].decl,
						 c->roots[0].o->name));
}

static void ib_convert(struct importer *im)
{
	struct ibi c = { .im = im };
	settings(&c);
	c.roots = arena_alloc(im->a, (im->nobjects + 1) * sizeof *c.roots);
	for (size_t i = 0; i < im->nobjects; i++) {
		struct imp_object *o = &im->objects[i];
		c.what = arena_printf(im->a, "scenario '%s'", o->name);
		if (strcmp(o->kind, "scenario") != 0 || !cJSON_IsArray(get(o->body, "script"))) {
			import_lost(im, o->body, "%s: a %s without a script is not imported", c.what,
				    o->kind);
			o->skipped = true;
			continue;
		}
		struct ib_root *r = &c.roots[c.nroots++];
		r->o = o;
		classify(&c, r);
		if (strcmp(r->decl, "menu") == 0)
			menu_of(&c, r->var, r->o->name);
		/* Sections in the order of the scenarios: building orders them so. */
		import_section(im, strcmp(r->decl, "menu") == 0 ? "menus" :
			       strcmp(r->decl, "flow") == 0 ? "flows" :
			       strcmp(r->decl, "schedule") == 0 ? "schedules" : "announcements");
	}
	for (size_t i = 0; i < c.nroots; i++)
		import_root(&c, &c.roots[i]);
	place_menus(&c);
	entries(&c);
	/* A calendar no scenario asks about is still one the files hold. */
	for (size_t i = 0; i < im->ncalendars; i++)
		import_clock_calendar(im, im->calendars[i]);
}

const struct import_target infobip_import = {
	.list_of = ib_list_of,
	.kind_of = ib_kind_of,
	.id_key = "id",
	.convert = ib_convert,
};
