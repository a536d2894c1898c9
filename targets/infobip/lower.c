/* Infobip's lowering, with the settings of target.c, to IVR scenarios
 * (POST /voice/ivr/1/scenarios). Infobip has no routing between scenarios:
 * each entry point becomes one self-contained script; a menu, announcement
 * or flow it routes to is inlined where the route is, and one that is
 * already on the path (an enclosing object) is reached with goTo, which can
 * only jump back to an action that has already run. Scripts are built with an
 * explicit work stack, bounded in actions (IVR430) and nesting (IVR431), so a
 * menu graph that inlines the same sub-menus along many paths is an error and
 * not a huge body. Exact action shapes: Infobip's Voice OpenAPI description
 * (docs/TARGETS.md lists every decision). */
#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../../compiler/arena.h"
#include "../../compiler/codes.h"
#include "../../compiler/expr.h"
#include "../clock.h"
#include "../target.h"
#include "../json_build.h"
#include "infobip.h"

#define IB_SCENARIO_PATH "/voice/ivr/1/scenarios"

enum {
	IB_MAX_ACTIONS = 10000,   /* per scenario (ours: see IVR430) */
	IB_MAX_DEPTH = 200,       /* nested blocks per scenario (ours: IVR431) */
	/* Infobip's own ranges (OpenAPI). */
	IB_COLLECT_TIMEOUT_MAX = 30,
	IB_INPUT_LENGTH_MAX = 64,
	IB_CAPTURE_TIMEOUT_MAX = 30,
	IB_MAX_SILENCE_MAX = 5,
	IB_LOOP_MAX = 10,
	IB_SAY_MAX = 1400,
};

/* ---------- the lowering's state ---------- */

/* Work items. Each task appends actions to `arr`, an array `depth` blocks
 * deep; the stack is LIFO, so a task's children run before its later
 * siblings and actionIds come out in document (pre-)order. */
enum ib_task_kind {
	IB_STEPS,      /* steps block[index..] of a flow instance */
	IB_ROUTE,      /* where a menu key or handler sends the call */
	IB_DEFAULT,    /* a menu's "__default" case: no input or a wrong key */
	IB_HANDLER,    /* one handler: retry with goTo, then final prompt and `then` */
	IB_HANGUP,     /* ends an inlined flow that can fall off its end */
	IB_LEAVE,      /* an inlined object is no longer on the path */
};

struct ib_task {
	enum ib_task_kind kind;
	cJSON *arr;
	unsigned depth;
	const struct ast_flow *flow;        /* IB_STEPS; IB_LEAVE of a flow */
	const struct ast_block *block;      /* IB_STEPS */
	size_t index;                       /* IB_STEPS */
	const struct ast_menu *menu;        /* IB_ROUTE ('repeat'), IB_DEFAULT, IB_HANDLER */
	const struct ast_dest *dest;        /* IB_ROUTE */
	const struct ast_handler *handler;  /* IB_HANDLER */
	const char *counter;                /* IB_HANDLER: its count variable */
	const struct ast_decl *decl;        /* IB_LEAVE */
	size_t mark;                        /* IB_LEAVE of a flow: labels to keep */
};

/* A label of the flow instance being lowered, and the actionId of its step
 * (0 when Infobip gives that kind of action none). */
struct ib_label {
	const struct ast_flow *flow;
	const char *label;
	int id;
	enum step_kind kind;
};

enum { IB_MENUS, IB_ANNOUNCEMENTS, IB_FLOWS, IB_SCHEDULES, IB_SLOTS };

/* Made once per menu, not once per scenario that inlines it. */
struct ib_menu_names {
	const char *var;                    /* the variable its key goes into */
	const char *invalid, *no_input;     /* its retry counters (NULL: none) */
	const char *no_key;                 /* "${VAR == ''}" */
};

struct ib {
	const struct ast_program *p;
	struct arena *a;
	struct bundle *b;
	struct diag *d;
	size_t ti;                   /* Infobip's index in p's target set */
	const char *language, *voice, *limit_key;
	const struct ib_menu_names *menu;   /* per menu: the names its actions use */
	const char **clock;                 /* per calendar: its clock URL, or NULL */
	/* Per object: -1 not on the path; else on it, with the actionId that
	 * goTo jumps to when it is entered again (0: none yet, or none can be). */
	int *anchor[IB_SLOTS];
	size_t nslot[IB_SLOTS];
	/* The anchors the scenario being built set: the next one resets them
	 * (a scenario that failed leaves some set), not every object's. */
	int **entered;
	size_t nentered, capentered;
	/* The scenario being built. */
	const struct ast_decl *root;
	int next_id;
	size_t nactions;
	bool failed;
	struct ib_task *tasks;
	size_t ntasks, captasks;
	struct ib_label *labels;
	size_t nlabels, caplabels;
	bool findings_only;                 /* check: each script is dropped once made */
	const struct ast_decl **roots;      /* a scenario each */
	size_t nroots;
	bool *said_checked;                 /* per recording: its text's length judged */
};

/* ---------- small helpers ---------- */

static const struct doc_node *ib_arg(const struct ast_step *st, const char *key)
{
	for (size_t i = 0; i < st->nargs; i++)
		if (strcmp(st->args[i].key, key) == 0)
			return st->args[i].value;
	return NULL;
}

/* A duration the binder accepted: whole seconds, or e.g. 1h2m3s. */
static int64_t ib_seconds(const struct doc_node *n)
{
	int64_t total = 0, v = 0;
	for (const char *s = n->text; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			v = v * 10 + (*s - '0');
			continue;
		}
		total += v * (*s == 'h' ? 3600 : *s == 'm' ? 60 : 1);
		v = 0;
	}
	return total + v;
}

static int64_t ib_int(const struct doc_node *n)
{
	return strtoll(n->text, NULL, 10);
}

static bool ib_bool(const struct doc_node *n)
{
	return strcmp(n->text, "true") == 0;
}

/* A phone number as Infobip dials it: E.164 digits without the '+'. */
static const char *ib_digits(const char *phone)
{
	return phone[0] == '+' ? phone + 1 : phone;
}

/* A step's condition in Infobip's syntax, in exactly one ${...} (check
 * has parsed it: docs/LANGUAGE.md, "Expressions"). */
static const char *ib_cond(struct ib *c, const struct ast_step *st)
{
	const char *e = st->cond_expr ? expr_print(c->a, st->cond_expr) : "";
	return arena_concat(c->a, "${", e, "}", (const char *)NULL);
}

static size_t ib_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static bool ib_range(struct ib *c, struct span at, int64_t v, int64_t lo, int64_t hi,
		     const char *what)
{
	if (v >= lo && v <= hi)
		return true;
	diag_error(c->d, IVR_TARGET_RANGE, at,
		   "infobip takes %s from %" PRId64 " to %" PRId64 ", got %" PRId64, what, lo, hi,
		   v);
	return false;
}

/* A plain scalar as the JSON value YAML means (number, boolean, null),
 * a quoted one as a string; `strings` forces strings (headers, maps of
 * strings in Infobip's schema). */
/* The length of the JSON number at the start of s (RFC 8259: -?(0|[1-9]
 * DIGITS)(.DIGITS)?([eE][+-]?DIGITS)?), 0 when there is none. */
static size_t json_number_len(const char *s)
{
	const char *p = s + (*s == '-');
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		p += strspn(p, "0123456789");
	else
		return 0;
	if (*p == '.' && isdigit((unsigned char)p[1]))
		p += 1 + strspn(p + 1, "0123456789");
	if (*p == 'e' || *p == 'E') {
		const char *q = p + 1 + (p[1] == '+' || p[1] == '-');
		if (isdigit((unsigned char)*q))
			p = q + strspn(q, "0123456789");
	}
	return (size_t)(p - s);
}

/* Digits that count in a number's text (its mantissa, leading zeros out). */
static size_t significant_digits(const char *s)
{
	size_t n = 0;
	bool started = false;
	for (; *s && *s != 'e' && *s != 'E'; s++) {
		if (!isdigit((unsigned char)*s))
			continue;
		started |= *s != '0';
		n += started;
	}
	return n;
}

/* A plain scalar as JSON: true, false, null, a number, else its text. A
 * number is sent as written: one with more digits than a double holds
 * (an id, 12345678901234567890) goes as its own text (raw JSON), not
 * rounded. Digits JSON would not read as the same number (0012345: no
 * JSON number has leading zeros) and a number beyond a double (1e400) are
 * sent as the text written, with a warning: never as another number. */
static cJSON *ib_scalar_json(const struct ib *c, const struct doc_node *n, bool strings)
{
	if (strings || n->quoted)
		return cJSON_CreateString(n->text);
	if (strcmp(n->text, "true") == 0 || strcmp(n->text, "false") == 0)
		return cJSON_CreateBool(n->text[0] == 't');
	if (doc_is_null(n))
		return cJSON_CreateNull();
	size_t len = json_number_len(n->text);
	double v = len == n->len && len > 0 ? strtod(n->text, NULL) : 0;
	if (len == n->len && len > 0 && isfinite(v))
		return significant_digits(n->text) > 15 ? cJSON_CreateRaw(n->text)
							: cJSON_CreateNumber(v);
	bool digits = strspn(n->text, "-0123456789") == n->len && strpbrk(n->text, "0123456789");
	if (digits || len == n->len)
		diag_warning(c->d, IVR_TARGET_AS_TEXT, n->span,
			     "'%s' is sent as the text \"%s\": %s; quote it to say it is text",
			     n->text, n->text, digits ? "JSON has no such number (no leading zeros)"
			     : "it is beyond the numbers JSON readers hold (a double)");
	return cJSON_CreateString(n->text);
}

/* Document tree to JSON. Recursion is bounded: the loader refuses
 * collections nested more than 64 deep (IVR115). */
static cJSON *ib_doc_json(const struct ib *c, const struct doc_node *n, bool strings)
{
	if (n->kind == DOC_SCALAR)
		return ib_scalar_json(c, n, strings);
	if (n->kind == DOC_SEQ) {
		cJSON *arr = cJSON_CreateArray();
		for (size_t i = 0; i < n->count; i++)
			cJSON_AddItemToArray(arr, ib_doc_json(c, n->items[i], strings));
		return arr;
	}
	cJSON *obj = cJSON_CreateObject();
	for (size_t i = 0; i < n->count; i++)
		cJSON_AddItemToObject(obj, n->pairs[i].key->text,
				      ib_doc_json(c, n->pairs[i].value, strings));
	return obj;
}

/* ---------- actions ---------- */

/* The JSON values of the scenario: none when only checking (json_build.h
 * takes NULL for them), so check counts the actions without making them. */
static cJSON *ib_object(const struct ib *c)
{
	return c->findings_only ? NULL : cJSON_CreateObject();
}

static cJSON *ib_array(const struct ib *c)
{
	return c->findings_only ? NULL : cJSON_CreateArray();
}

static cJSON *ib_string(const struct ib *c, const char *s)
{
	return c->findings_only ? NULL : cJSON_CreateString(s);
}

/* Text that only goes into the script: none made when only checking. */
static const char *ib_script_text(const struct ib *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static const char *ib_script_text(const struct ib *c, const char *fmt, ...)
{
	if (c->findings_only)
		return "";
	va_list ap;
	va_start(ap, fmt);
	const char *s = arena_vprintf(c->a, fmt, ap);
	va_end(ap);
	return s;
}

/* Appends one action; false (and the action freed) once the scenario is
 * over its bound, which is reported once. */
static bool ib_append(struct ib *c, cJSON *arr, cJSON *action)
{
	if (!c->failed && ++c->nactions > IB_MAX_ACTIONS) {
		c->failed = true;
		diag_error(c->d, IVR_SCENARIO_SIZE, c->root->name_span,
			   "the infobip scenario for '%s' needs more than %d actions: a menu, "
			   "announcement or flow is inlined once per path that reaches it",
			   c->root->name, IB_MAX_ACTIONS);
	}
	if (c->failed) {
		cJSON_Delete(action);
		return false;
	}
	json_append(arr, action);   /* NULL when only checking */
	return true;
}

/* Whether arrays one block deeper than `depth` may be made. */
static bool ib_deeper(struct ib *c, unsigned depth)
{
	if (c->failed)
		return false;
	if (depth + 1 <= IB_MAX_DEPTH)
		return true;
	c->failed = true;
	diag_error(c->d, IVR_SCENARIO_DEPTH, c->root->name_span,
		   "the infobip scenario for '%s' nests blocks more than %d deep: menus, "
		   "announcements and flows are inlined inside one another",
		   c->root->name, IB_MAX_DEPTH);
	return false;
}

/* Gives `action` the next actionId (as its last key) and appends it. */
static int ib_append_id(struct ib *c, cJSON *arr, cJSON *action)
{
	int id = ++c->next_id;
	json_add_number(action, "actionId", id);
	return ib_append(c, arr, action) ? id : 0;
}

static void ib_push(struct ib *c, struct ib_task t)
{
	ARENA_PUSH(c->a, c->tasks, c->ntasks, c->captasks, t);
}

static bool ib_word(struct ib *c, cJSON *arr, const char *word)
{
	return ib_append(c, arr, ib_string(c, word));
}

/* goTo with its limit always given: the schema has no default (1 to 100).
 * A jump the language does not limit (limit 0: a route back, `repeat`, a
 * goto without `limit`) gets the most the schema takes, and a call that
 * reaches it hangs up rather than run on into what follows (docs/TARGETS.md). */
static void ib_goto(struct ib *c, cJSON *arr, int target, int64_t limit, const char *counter)
{
	cJSON *a = ib_object(c);
	json_add_number(a, "goTo", target);
	cJSON *o = json_add_object(a, "options");
	json_add_number_key(o, c->limit_key, (double)(limit ? limit : IB_GOTO_LIMIT_MAX));
	if (counter)
		json_add_string(o, "countVariable", counter);
	if (ib_append(c, arr, a) && !limit)
		ib_word(c, arr, "hangup");
}

/* A say's options: its language (IB_NO_LANGUAGE: none sent) and voice (a
 * name, a gender). With only a name, Infobip says the text in exactly that
 * voice: a voice goes with a say only where the step names one, or the
 * target's `voice` setting does for the target's language (docs/TARGETS.md). */
static cJSON *ib_say_options(struct ib *c, const char *language, const char *voice,
			     const char *gender)
{
	cJSON *o = ib_object(c);
	const char *lang = language ? language : c->language;
	if (strcmp(lang, IB_NO_LANGUAGE) != 0)
		json_add_string(o, "language", lang);
	if (!voice && c->voice && strcmp(lang, c->language) == 0)
		voice = c->voice;
	if (voice || gender) {
		cJSON *v = json_add_object(o, "voice");
		if (voice)
			json_add_string(v, "name", voice);
		if (gender)
			json_add_string(v, "gender", gender);
	}
	return o;
}

/* Puts a say's options into action a, unless they are empty (a say with
 * no language, voice or rate has none: as Infobip's own examples write it). */
static void ib_put_options(cJSON *a, cJSON *o)
{
	if (o && !o->child)
		cJSON_Delete(o);
	else
		json_add(a, "options", o);
}

static void ib_check_say(struct ib *c, const char *text, struct span at)
{
	size_t n = ib_chars(text);
	if (n > IB_SAY_MAX)
		diag_error(c->d, IVR_TARGET_RANGE, at,
			   "infobip says at most %d characters at a time, got %zu", IB_SAY_MAX, n);
}

/* A recording played as a prompt: its infobip id, else its url, else its
 * text. Returns the actionId (0 when nothing was emitted). */
static int ib_prompt(struct ib *c, cJSON *arr, const struct ast_recref *r)
{
	const struct ast_recording *rec = r->rec;
	cJSON *a = ib_object(c);
	const char *id = rec ? ast_recording_id(rec, c->ti) : NULL;
	if (id) {
		json_add_string(a, "playFromRecording", id);
	} else if (rec && rec->url) {
		json_add_string(a, "playFromUrl", rec->url);
	} else if (rec && rec->text) {
		json_add_string(a, "say", rec->text);
		ib_put_options(a, ib_say_options(c, rec->language, NULL, NULL));
		/* Once per recording: scenarios inline a menu many times over. */
		if (!c->said_checked[rec->decl.index]) {
			c->said_checked[rec->decl.index] = true;
			ib_check_say(c, rec->text, rec->decl.span);
		}
	} else {
		/* The checker refuses these (IVR404); kept so a bug is a finding. */
		diag_error(c->d, IVR_TARGET_RECORDING, r->span,
			   "recording '%s' has no 'infobip' id, 'url' or 'text'",
			   r->name ? r->name : "");
		cJSON_Delete(a);
		return 0;
	}
	return ib_append_id(c, arr, a);
}

/* The senderId and maxCallDuration of a dial or dialToMany step, into o. */
static void ib_dial_options(struct ib *c, cJSON *o, const struct ast_step *st)
{
	const struct doc_node *from = ib_arg(st, "caller_id"), *max = ib_arg(st, "max_duration");
	if (from)
		json_add_string(o, "senderId", ib_digits(from->text));
	if (max && ib_range(c, max->span, ib_seconds(max), 1, INT64_MAX,
			    "a dial's max_duration in seconds"))
		json_add_number(o, "maxCallDuration", (double)ib_seconds(max));
}

/* {"dial": DIGITS, "options": {...}} with a dial step's options. */
static void ib_dial(struct ib *c, cJSON *arr, const char *phone, const struct ast_step *st)
{
	cJSON *a = ib_object(c);
	json_add_string(a, "dial", ib_digits(phone));
	if (st && (ib_arg(st, "caller_id") || ib_arg(st, "max_duration")))
		ib_dial_options(c, json_add_object(a, "options"), st);
	ib_append_id(c, arr, a);
}

/* ---------- entering menus, announcements and flows ---------- */

/* The anchor of d, recorded as set by this scenario (ib_scenario). */
static int *ib_slot(struct ib *c, const struct ast_decl *d);

static int *ib_entered(struct ib *c, const struct ast_decl *d)
{
	int *slot = ib_slot(c, d);
	if (slot)
		ARENA_PUSH(c->a, c->entered, c->nentered, c->capentered, slot);
	return slot;
}

/* The per-object tables' slot (IB_MENUS, ...) of a kind; -1 for the others. */
static int ib_kind_slot(enum decl_kind k)
{
	switch (k) {
	case DECL_MENU: return IB_MENUS;
	case DECL_ANNOUNCEMENT: return IB_ANNOUNCEMENTS;
	case DECL_FLOW: return IB_FLOWS;
	case DECL_SCHEDULE: return IB_SCHEDULES;
	default: return -1;
	}
}

static int *ib_slot(struct ib *c, const struct ast_decl *d)
{
	int k = ib_kind_slot(d->kind);
	return k < 0 ? NULL : &c->anchor[k][d->index];
}

static bool ib_block_ends(const struct ast_block *b);

/* Whether a step always ends the call or leaves its block (a jump). */
static bool ib_step_ends(const struct ast_step *st)
{
	switch (st->kind) {
	case STEP_HANGUP: case STEP_DIAL: case STEP_DIAL_TO_MANY:
	case STEP_DIAL_WEBRTC: case STEP_DIAL_CONVERSATIONS:
		return true;
	case STEP_GOTO:
		return st->to.kind != DEST_NAME || !ib_arg(st, "limit");
	case STEP_IF:
		return st->has_else && ib_block_ends(&st->body) && ib_block_ends(&st->else_body);
	case STEP_SWITCH:
		if (!st->has_default || !ib_block_ends(&st->default_body))
			return false;
		for (size_t i = 0; i < st->ncases; i++)
			if (!ib_block_ends(&st->cases[i].body))
				return false;
		return true;
	default:
		return false;
	}
}

/* Recursion follows the nesting of steps, bounded by the loader's 64 levels. */
static bool ib_block_ends(const struct ast_block *b)
{
	for (size_t i = 0; i < b->count; i++)
		if (ib_step_ends(&b->steps[i]))
			return true;
	return false;
}

static void ib_enter_menu(struct ib *c, const struct ast_menu *m, cJSON *arr, unsigned depth);

static void ib_enter_announcement(struct ib *c, const struct ast_announcement *an, cJSON *arr,
				  unsigned depth)
{
	int *slot = ib_entered(c, &an->decl);
	int id = ib_prompt(c, arr, &an->prompt);
	*slot = id;
	ib_push(c, (struct ib_task){.kind = IB_LEAVE, .decl = &an->decl});
	ib_push(c, (struct ib_task){.kind = IB_ROUTE, .arr = arr, .depth = depth,
				    .dest = &an->then});
}

/* A flow as a route ends the call when its steps run out (an entry flow's
 * script just ends there). */
static void ib_enter_flow(struct ib *c, const struct ast_flow *f, cJSON *arr, unsigned depth,
			  bool as_route)
{
	*ib_entered(c, &f->decl) = 0;
	ib_push(c, (struct ib_task){.kind = IB_LEAVE, .decl = &f->decl, .flow = f,
				    .mark = c->nlabels});
	if (as_route && !ib_block_ends(&f->body))
		ib_push(c, (struct ib_task){.kind = IB_HANGUP, .arr = arr});
	ib_push(c, (struct ib_task){.kind = IB_STEPS, .arr = arr, .depth = depth, .flow = f,
				    .block = &f->body});
}

static bool ib_clock_reset(struct ib *c, cJSON *arr);

static void ib_enter_schedule(struct ib *c, const struct ast_schedule *sc, cJSON *arr,
			      unsigned depth);

/* An object of this project: inlined here, or goTo when it is on the path. */
static bool ib_counters_reset(struct ib *c, cJSON *arr, const struct ast_menu *m);

/* What a route back to d does before its goTo: a menu counts its retries
 * again, a schedule asks the time again. */
static bool ib_reenter(struct ib *c, cJSON *arr, const struct ast_decl *d)
{
	if (d->kind == DECL_MENU)
		return ib_counters_reset(c, arr, (const struct ast_menu *)d);
	if (d->kind == DECL_SCHEDULE)
		return ib_clock_reset(c, arr);
	return true;
}

static void ib_enter(struct ib *c, const struct ast_decl *d, const struct ast_dest *dst,
		     cJSON *arr, unsigned depth)
{
	int *slot = ib_slot(c, d);
	if (!slot) {
		diag_error(c->d, IVR_TARGET_OBJECT, dst->span,
			   "infobip does not build %ss; '%s' cannot be routed to there",
			   ast_decl_kind_names[d->kind], d->name);
		ib_word(c, arr, "hangup");
		return;
	}
	if (*slot > 0) {
		if (ib_reenter(c, arr, d))
			ib_goto(c, arr, *slot, 0, NULL);
		return;
	}
	if (*slot == 0 && d->kind != DECL_FLOW)
		return;   /* its first action failed, and that was reported */
	if (*slot == 0) {
		const struct ast_flow *f = (const struct ast_flow *)d;
		diag_error(c->d, IVR_JUMP_TARGET, dst->span,
			   "flow '%s' is entered again here, but infobip cannot jump back to it: "
			   "its first step ('%s') has no actionId", d->name,
			   f->body.count ? ast_step_names[f->body.steps[0].kind] : "none");
		return;
	}
	if (d->kind == DECL_MENU)
		ib_enter_menu(c, (const struct ast_menu *)d, arr, depth);
	else if (d->kind == DECL_ANNOUNCEMENT)
		ib_enter_announcement(c, (const struct ast_announcement *)d, arr, depth);
	else if (d->kind == DECL_SCHEDULE)
		ib_enter_schedule(c, (const struct ast_schedule *)d, arr, depth);
	else
		ib_enter_flow(c, (const struct ast_flow *)d, arr, depth, true);
}

/* The checker refuses these (IVR401); kept so a bug is a finding. */
static void ib_refused(struct ib *c, const struct ast_dest *dst, cJSON *arr)
{
	diag_error(c->d, IVR_TARGET_DEST, dst->span, "infobip cannot route to '%s%s%s'",
		   ast_dest_kind_names[dst->kind],
		   dst->id && dst->kind != DEST_NAME ? ":" : "", dst->id ? dst->id : "");
	ib_word(c, arr, "hangup");
}

/* Where a route sends the call; `self` is the menu of a 'repeat', `dial` the
 * dial step whose options a phone number takes. */
static void ib_route(struct ib *c, const struct ast_dest *dst, cJSON *arr, unsigned depth,
		     const struct ast_menu *self, const struct ast_step *dial)
{
	const struct ast_dest *lit = dst;
	if (dst->ref && dst->ref->kind == DECL_ENDPOINT) {
		const struct ast_endpoint *e = (const struct ast_endpoint *)dst->ref;
		lit = ast_endpoint_literal(e, c->ti);
		if (lit->kind == DEST_NONE || lit->ref || lit->kind == DEST_NAME) {
			ib_refused(c, dst, arr);
			return;
		}
	}
	switch (lit->kind) {
	case DEST_NONE: case DEST_HANGUP:
		ib_word(c, arr, "hangup");
		return;
	case DEST_PHONE:
		ib_dial(c, arr, lit->id, dial);
		return;
	case DEST_REPEAT:
		if (self && *ib_slot(c, &self->decl) > 0) {
			if (ib_counters_reset(c, arr, self))
				ib_goto(c, arr, *ib_slot(c, &self->decl), 0, NULL);
		} else
			ib_refused(c, dst, arr);
		return;
	case DEST_NAME: case DEST_MENU: case DEST_ANNOUNCEMENT: case DEST_FLOW:
	case DEST_SCHEDULE:
		if (lit->ref)
			ib_enter(c, lit->ref, dst, arr, depth);
		else
			ib_refused(c, dst, arr);
		return;
	default:
		ib_refused(c, dst, arr);
		return;
	}
}

/* ---------- menus ---------- */

static const char *ib_counter(struct arena *a, const char *var, const struct ast_handler *h,
			      const char *which)
{
	if (!h->present || h->retries <= 0)
		return NULL;
	return arena_concat(a, var, "_", which, (const char *)NULL);
}

/* setVariable COUNTER VALUE; nothing when the menu has no such counter. */
static bool ib_set_counter(struct ib *c, cJSON *arr, const char *counter, const char *value)
{
	if (!counter)
		return true;
	cJSON *a = ib_object(c);
	json_add_string(a, "setVariable", counter);
	json_add_string(a, "value", value);
	return ib_append(c, arr, a);
}

/* setVariable COUNTER "0" before the prompt, which the retries' goTo skips:
 * the count starts on every entry into the menu, not on every retry. A
 * route back to the menu (a goTo to its prompt) resets them first. */
static bool ib_counters_reset(struct ib *c, cJSON *arr, const struct ast_menu *m)
{
	const struct ib_menu_names *names = &c->menu[m->decl.index];
	return ib_set_counter(c, arr, names->invalid, "0") &&
	       ib_set_counter(c, arr, names->no_input, "0");
}

/* prompt (goTo's anchor) → collectInto one key → switch on it; the cases
 * are filled by tasks, in source order, then "__default". */
static void ib_enter_menu(struct ib *c, const struct ast_menu *m, cJSON *arr, unsigned depth)
{
	const struct ib_menu_names *names = &c->menu[m->decl.index];
	const char *var = names->var;
	int *slot = ib_entered(c, &m->decl);
	*slot = 0;
	ib_push(c, (struct ib_task){.kind = IB_LEAVE, .decl = &m->decl});
	if (!ib_counters_reset(c, arr, m))
		return;
	if (!(*slot = ib_prompt(c, arr, &m->prompt)))
		return;
	ib_range(c, m->timeout_span.src ? m->timeout_span : m->decl.name_span, m->timeout, 1,
		 IB_COLLECT_TIMEOUT_MAX, "a menu timeout in seconds");
	cJSON *collect = ib_object(c);
	json_add_string(collect, "collectInto", var);
	cJSON *o = json_add_object(collect, "options");
	json_add_number(o, "maxInputLength", 1);
	json_add_number(o, "timeout", m->timeout);
	if (!ib_append_id(c, arr, collect) || !ib_deeper(c, depth))
		return;
	cJSON *sw = ib_object(c);
	json_add_string(sw, "switch", var);
	cJSON *cases = json_add_object(sw, "case");
	cJSON **arrs = arena_alloc(c->a, (m->noptions + 1) * sizeof *arrs);
	for (size_t i = 0; i < m->noptions; i++) {
		const char key[2] = {m->options[i].key, '\0'};
		arrs[i] = json_add_array_key(cases, key);
	}
	arrs[m->noptions] = json_add_array(cases, "__default");
	if (!ib_append_id(c, arr, sw))
		return;
	ib_push(c, (struct ib_task){.kind = IB_DEFAULT, .arr = arrs[m->noptions],
				    .depth = depth + 1, .menu = m});
	for (size_t i = m->noptions; i-- > 0;)
		ib_push(c, (struct ib_task){.kind = IB_ROUTE, .arr = arrs[i], .depth = depth + 1,
					    .menu = m, .dest = &m->options[i].to});
}

/* No key in time leaves the variable empty (Infobip reports "" for no
 * input): {"if": "${VAR == ''}", "then": no_input, "else": invalid}. */
static void ib_default(struct ib *c, const struct ib_task *t)
{
	const struct ast_menu *m = t->menu;
	if (!m->invalid.present && !m->no_input.present) {
		ib_word(c, t->arr, "hangup");
		return;
	}
	if (!ib_deeper(c, t->depth))
		return;
	const struct ib_menu_names *names = &c->menu[m->decl.index];
	cJSON *a = ib_object(c);
	json_add_string(a, "if", names->no_key);
	cJSON *then = json_add_array(a, "then");
	cJSON *els = json_add_array(a, "else");
	if (!ib_append_id(c, t->arr, a))
		return;
	ib_push(c, (struct ib_task){.kind = IB_HANDLER, .arr = els, .depth = t->depth + 1,
				    .menu = m, .handler = &m->invalid,
				    .counter = names->invalid});
	ib_push(c, (struct ib_task){.kind = IB_HANDLER, .arr = then, .depth = t->depth + 1,
				    .menu = m, .handler = &m->no_input,
				    .counter = names->no_input});
}

/* While fewer than `retries` retries were made in this visit: the
 * handler's prompt, COUNTER + 1, and goTo the menu's prompt; after that,
 * final_prompt and `then`. The count is the menu's own variable, reset on
 * every entry: goTo's limit and countVariable count per call, and would
 * give a caller who comes back no retries. Without a handler: hang up. */
static void ib_handler(struct ib *c, const struct ib_task *t)
{
	const struct ast_handler *h = t->handler;
	if (!h->present) {
		ib_word(c, t->arr, "hangup");
		return;
	}
	if (t->counter) {
		if (!ib_deeper(c, t->depth))
			return;
		cJSON *a = ib_object(c);
		json_add_string(a, "if", ib_script_text(c, "${%s < %" PRId64 "}", t->counter,
							 h->retries));
		cJSON *then = json_add_array(a, "then");
		if (!ib_append_id(c, t->arr, a) || !ib_prompt(c, then, &h->prompt))
			return;
		ib_range(c, h->span, h->retries, 1, IB_GOTO_LIMIT_MAX, "retries");
		const char *next = ib_script_text(c, "${%s + 1}", t->counter);
		if (ib_set_counter(c, then, t->counter, next))
			ib_goto(c, then, *ib_slot(c, &t->menu->decl), 0, NULL);
	}
	if (h->final_prompt.name && !ib_prompt(c, t->arr, &h->final_prompt))
		return;
	ib_route(c, &h->then, t->arr, t->depth, t->menu, NULL);
}

/* ---------- schedules ---------- */

/* A scenario has no clock (Infobip documents no date or time function in
 * its expressions): it asks the calendar's endpoint, whose JSON answer
 * {"calendar_state": "open"} becomes a variable (collectResponse), and
 * switches on it. The variable is set to "unknown" first, so that an
 * endpoint that does not answer leads to the closed branch, not to the
 * answer of an earlier request. */
static bool ib_clock_reset(struct ib *c, cJSON *arr)
{
	cJSON *a = ib_object(c);
	json_add_string(a, "setVariable", IB_CLOCK_VAR);
	json_add_string(a, "value", "unknown");
	return ib_append(c, arr, a);
}

/* setVariable, then the request (goTo's anchor: a route back asks again),
 * then switch: "open", "holiday" (when the schedule has that branch) and
 * "__default" (closed, or no answer). */
static void ib_enter_schedule(struct ib *c, const struct ast_schedule *sc, cJSON *arr,
			      unsigned depth)
{
	int *slot = ib_entered(c, &sc->decl);
	*slot = 0;
	ib_push(c, (struct ib_task){.kind = IB_LEAVE, .decl = &sc->decl});
	const char *url = sc->calendar ? c->clock[sc->calendar->decl.index] : NULL;
	if (!url || !ib_clock_reset(c, arr))
		return;   /* ib_clocks said why there is no URL */
	cJSON *req = ib_object(c);
	json_add_string(req, "request", url);
	cJSON *o = json_add_object(req, "options");
	json_add_string(o, "method", "GET");
	json_add_bool(o, "collectResponse", true);
	if (!(*slot = ib_append_id(c, arr, req)) || !ib_deeper(c, depth))
		return;
	cJSON *sw = ib_object(c);
	json_add_string(sw, "switch", IB_CLOCK_VAR);
	cJSON *cases = json_add_object(sw, "case");
	cJSON *open = json_add_array(cases, "open");
	cJSON *holiday = sc->holiday.kind != DEST_NONE ? json_add_array(cases, "holiday") : NULL;
	cJSON *closed = json_add_array(cases, "__default");
	if (!ib_append_id(c, arr, sw))
		return;
	ib_push(c, (struct ib_task){.kind = IB_ROUTE, .arr = closed, .depth = depth + 1,
				    .dest = &sc->closed});
	if (holiday)
		ib_push(c, (struct ib_task){.kind = IB_ROUTE, .arr = holiday, .depth = depth + 1,
					    .dest = &sc->holiday});
	ib_push(c, (struct ib_task){.kind = IB_ROUTE, .arr = open, .depth = depth + 1,
				    .dest = &sc->open});
}

/* pattern with every {calendar} replaced by name. */
static const char *ib_fill_calendar(struct arena *a, const char *pattern, const char *name)
{
	const char *out = "", *at;
	while ((at = strstr(pattern, "{calendar}")) != NULL) {
		out = arena_printf(a, "%s%.*s%s", out, (int)(at - pattern), pattern, name);
		pattern = at + strlen("{calendar}");
	}
	return arena_concat(a, out, pattern, (const char *)NULL);
}

/* Each calendar's clock URL: targets.infobip.clock_url with {calendar}
 * filled in, for the calendars that schedules follow (NULL for the others,
 * and for all when the setting is absent: said at each schedule). One URL
 * without {calendar} cannot tell two calendars apart. */
static const char **ib_clocks(struct ib *c)
{
	const struct ast_program *p = c->p;
	const char **urls = arena_alloc(c->a, (p->ncalendars + 1) * sizeof *urls);
	const struct ast_setting *set = settings_find(&p->targets[c->ti], "clock_url");
	const struct ast_calendar *first = NULL;
	const struct ast_schedule *second = NULL;   /* the first of another calendar */
	for (size_t i = 0; i < p->nschedules; i++) {
		const struct ast_schedule *sc = p->schedules[i];
		if (!sc->calendar)
			continue;
		if (!set) {
			diag_error(c->d, IVR_TARGET_DEST, sc->decl.name_span,
				   "infobip asks an endpoint whether calendar '%s' is open: give its "
				   "URL (targets.infobip.clock_url)", sc->calendar->decl.name);
			continue;
		}
		if (!first)
			first = sc->calendar;
		else if (sc->calendar != first && !second)
			second = sc;
		urls[sc->calendar->decl.index] = ib_fill_calendar(c->a, set->value->text,
								  sc->calendar->decl.name);
	}
	if (second && !strstr(set->value->text, "{calendar}")) {
		diag_error(c->d, IVR_TARGET_DEST, second->decl.name_span,
			   "schedule '%s' follows calendar '%s', and another follows '%s': put "
			   "{calendar} in targets.infobip.clock_url, so that its endpoint knows "
			   "which is asked", second->decl.name, second->calendar->decl.name,
			   first->decl.name);
		memset(urls, 0, (p->ncalendars + 1) * sizeof *urls);
	}
	return urls;
}

/* ---------- flow steps ---------- */

/* The "options" object of an action, made when the first option is set. */
static cJSON *ib_options(cJSON **opts, cJSON *a)
{
	if (!*opts)
		*opts = json_add_object(a, "options");
	return *opts;
}

static void ib_push_block(struct ib *c, const struct ib_task *t, const struct ast_block *b,
			  cJSON *arr)
{
	ib_push(c, (struct ib_task){.kind = IB_STEPS, .arr = arr, .depth = t->depth + 1,
				    .flow = t->flow, .block = b});
}

static cJSON *ib_say(struct ib *c, const struct ast_step *st)
{
	const struct doc_node *text = ib_arg(st, "text"), *lang = ib_arg(st, "language");
	const struct doc_node *voice = ib_arg(st, "voice"), *rate = ib_arg(st, "speech_rate");
	const struct doc_node *gender = ib_arg(st, "gender");
	cJSON *a = ib_object(c);
	json_add_string(a, "say", text ? text->text : "");
	if (text)
		ib_check_say(c, text->text, text->span);
	cJSON *o = ib_say_options(c, lang ? lang->text : NULL, voice ? voice->text : NULL,
				  gender ? gender->text : NULL);
	if (rate) {
		cJSON *v = ib_scalar_json(c, rate, false);
		if (cJSON_IsNumber(v) && (v->valuedouble < 0.5 || v->valuedouble > 2))
			diag_error(c->d, IVR_TARGET_RANGE, rate->span,
				   "infobip takes a speech_rate from 0.5 to 2, got %s", rate->text);
		json_add(o, "speechRate", v);
	}
	ib_put_options(a, o);
	return a;
}

/* {"<key>": the step's <arg>, "options": {"loopCount"}}: play (playFromUrl),
 * play_tty (playTty) and play_upload (playFromUpload) alike. */
static cJSON *ib_play(struct ib *c, const struct ast_step *st, const char *key,
		      const char *arg)
{
	const struct doc_node *what = ib_arg(st, arg), *loop = ib_arg(st, "loop");
	cJSON *a = ib_object(c);
	json_add_string(a, key, what ? what->text : "");
	if (loop) {
		ib_range(c, loop->span, ib_int(loop), 1, IB_LOOP_MAX, "a play loop count");
		cJSON *o = json_add_object(a, "options");
		json_add_number(o, "loopCount", (double)ib_int(loop));
	}
	return a;
}

static cJSON *ib_collect(struct ib *c, const struct ast_step *st)
{
	const struct doc_node *max = ib_arg(st, "max_digits"), *t = ib_arg(st, "timeout");
	const struct doc_node *mapped = ib_arg(st, "mapped_values");
	cJSON *a = ib_object(c), *o = NULL;
	json_add_string(a, "collectInto", st->var ? st->var : "");
	if (max) {
		ib_range(c, max->span, ib_int(max), 1, IB_INPUT_LENGTH_MAX, "max_digits");
		json_add_number(ib_options(&o, a), "maxInputLength", (double)ib_int(max));
	}
	if (t) {
		ib_range(c, t->span, ib_seconds(t), 0, IB_COLLECT_TIMEOUT_MAX,
			 "a collect timeout in seconds");
		json_add_number(ib_options(&o, a), "timeout", (double)ib_seconds(t));
	}
	if (mapped)
		json_add(ib_options(&o, a), "mappedValues", ib_doc_json(c, mapped, true));
	const struct doc_node *reports = ib_arg(st, "send_to_reports");
	if (reports) {
		static const char *const kinds[] = { "ALWAYS", "MASKED", "NEVER" };
		bool known = false;
		for (size_t i = 0; i < 3; i++)
			known |= strcmp(reports->text, kinds[i]) == 0;
		if (!known)
			diag_error(c->d, IVR_TARGET_RANGE, reports->span,
				   "infobip's sendToReports is ALWAYS, MASKED or NEVER, got '%s'",
				   reports->text);
		json_add_string(ib_options(&o, a), "sendToReports", reports->text);
	}
	return a;
}

/* maxSilence is required by Infobip, at least 1 s and under the timeout:
 * without max_silence, timeout - 1 (1 to 5); a timeout of 1 s leaves no
 * room for one, an error. */
static cJSON *ib_capture(struct ib *c, const struct ast_step *st)
{
	const struct doc_node *t = ib_arg(st, "timeout"), *lang = ib_arg(st, "language");
	const struct doc_node *sil = ib_arg(st, "max_silence"), *phrases = ib_arg(st, "key_phrases");
	int64_t timeout = t ? ib_seconds(t) : 0;
	if (t && ib_range(c, t->span, timeout, 1, IB_CAPTURE_TIMEOUT_MAX,
			  "a capture timeout in seconds") && timeout < 2)
		diag_error(c->d, IVR_TARGET_RANGE, t->span,
			   "infobip needs a capture timeout of at least 2 s: its maxSilence is at "
			   "least 1 s and under the timeout");
	int64_t silence = timeout > 1 ? timeout - 1 : 1;
	silence = silence > IB_MAX_SILENCE_MAX ? IB_MAX_SILENCE_MAX : silence;
	if (sil) {
		silence = ib_seconds(sil);
		if (ib_range(c, sil->span, silence, 1, IB_MAX_SILENCE_MAX,
			     "a capture max_silence in seconds") && t && silence >= timeout)
			diag_error(c->d, IVR_TARGET_RANGE, sil->span,
				   "infobip needs a capture max_silence under its timeout (%" PRId64
				   " s), got %" PRId64 " s", timeout, silence);
	}
	cJSON *a = ib_object(c);
	json_add_string(a, "capture", st->var ? st->var : "");
	json_add_number(a, "timeout", (double)timeout);
	cJSON *o = json_add_object(a, "speechOptions");
	json_add_string(o, "language", lang ? lang->text : "");
	json_add_number(o, "maxSilence", (double)silence);
	if (phrases)
		json_add(o, "keyPhrases", ib_doc_json(c, phrases, true));
	const struct doc_node *keys = ib_arg(st, "max_digits");
	if (keys) {
		ib_range(c, keys->span, ib_int(keys), 1, IB_INPUT_LENGTH_MAX, "max_digits");
		json_add_number(json_add_object(a, "dtmfOptions"), "maxInputLength",
				(double)ib_int(keys));
	}
	return a;
}

static cJSON *ib_dial_to_many(struct ib *c, const struct ast_step *st)
{
	const struct doc_node *to = ib_arg(st, "to"), *par = ib_arg(st, "parallel");
	const struct doc_node *ring = ib_arg(st, "ring_timeout");
	cJSON *a = ib_object(c);
	cJSON *list = json_add_array(a, "dialToMany");
	for (size_t i = 0; to && to->kind == DOC_SEQ && i < to->count; i++) {
		const char *colon = strchr(to->items[i]->text, ':');
		cJSON *n = ib_object(c);
		json_add_string(n, "number", ib_digits(colon ? colon + 1 : ""));
		json_append(list, n);
	}
	cJSON *o = json_add_object(a, "options");
	json_add_bool(o, "parallel", par && ib_bool(par));
	ib_dial_options(c, o, st);
	if (ring)
		diag_warning(c->d, IVR_TARGET_IGNORED, ring->span,
			     "infobip's dialToMany has no ring timeout (its options are parallel, "
			     "senderId and maxCallDuration): ring_timeout is not sent");
	return a;
}

/* The step's map is Infobip's action object as written when it holds the
 * action's key; otherwise it is that key's value. */
/* dial_webrtc, dial_conversations: Infobip's own keys as written; the action
 * key is added unless the mapping already has it. */
static cJSON *ib_open(const struct ib *c, const struct ast_step *st, const char *key)
{
	cJSON *args = ib_object(c);
	for (size_t i = 0; i < st->nargs; i++)
		json_add_key(args, st->args[i].key, ib_doc_json(c, st->args[i].value, false));
	if (cJSON_HasObjectItem(args, key))
		return args;
	cJSON *a = ib_object(c);
	json_add_key(a, key, args);
	return a;
}

static cJSON *ib_record(const struct ib *c, const struct ast_step *st)
{
	const struct doc_node *secs = ib_arg(st, "seconds"), *beep = ib_arg(st, "beep");
	const struct doc_node *sil = ib_arg(st, "max_silence"), *esc = ib_arg(st, "escape_digits");
	const struct doc_node *name = ib_arg(st, "name");
	cJSON *a = ib_object(c), *o = NULL;
	if (secs) {
		json_add_number(a, "record", (double)ib_int(secs));
	} else {
		/* The schema types `record` a required integer, its prose says
		 * "null for unlimited": no form fits both (docs/TARGETS.md). */
		diag_error(c->d, IVR_TARGET_RANGE, st->span,
			   "infobip needs a record length in seconds ('seconds'): its schema "
			   "types 'record' as a required integer, so an unlimited recording "
			   "has no valid body");
		json_add_number(a, "record", 0);
	}
	if (esc)
		json_add_string(ib_options(&o, a), "escapeDigits", esc->text);
	if (beep)
		json_add_bool(ib_options(&o, a), "beep", ib_bool(beep));
	if (sil)
		json_add_number(ib_options(&o, a), "maxSilence", (double)ib_seconds(sil));
	if (name)
		json_add_string(ib_options(&o, a), "identifier", name->text);
	return a;
}

static cJSON *ib_call_api(const struct ib *c, const struct ast_step *st)
{
	const struct doc_node *url = ib_arg(st, "url"), *method = ib_arg(st, "method");
	const struct doc_node *headers = ib_arg(st, "headers"), *body = ib_arg(st, "body");
	cJSON *a = ib_object(c);
	json_add_string(a, "request", url ? url->text : "");
	cJSON *o = json_add_object(a, "options");
	json_add_string(o, "method", method ? method->text : "GET");
	if (headers)
		json_add(o, "headers", ib_doc_json(c, headers, true));
	if (body)
		json_add(o, "body", body->kind == DOC_SCALAR
			 ? cJSON_CreateString(body->text) : ib_doc_json(c, body, false));
	if (ib_arg(st, "response_fields"))
		json_add_bool(o, "collectResponse", true);
	return a;
}

/* {"sendSms": {text, from, to}}; `from` only when the step names one
 * (docs/TARGETS.md: the OpenAPI requires it, its own answer has none). */
static cJSON *ib_send_sms(const struct ib *c, const struct ast_step *st)
{
	const char *keys[] = {"text", "from", "to"};
	cJSON *a = ib_object(c);
	cJSON *sms = json_add_object(a, "sendSms");
	for (size_t i = 0; i < 3; i++) {
		const struct doc_node *v = ib_arg(st, keys[i]);
		if (v || strcmp(keys[i], "from") != 0)
			json_add_string_key(sms, keys[i], v ? v->text : "");
	}
	return a;
}

static cJSON *ib_pause(struct ib *c, const struct ast_step *st)
{
	const struct doc_node *secs = ib_arg(st, "seconds");
	int64_t v = secs ? ib_seconds(secs) : 0;
	if (secs)
		ib_range(c, secs->span, v, 1, 5, "a pause in seconds");
	cJSON *a = ib_object(c);
	json_add_number(a, "pause", (double)v);
	return a;
}

static cJSON *ib_set(const struct ib *c, const struct ast_step *st)
{
	const struct doc_node *value = ib_arg(st, "value");
	cJSON *a = ib_object(c);
	json_add_string(a, "setVariable", st->var ? st->var : "");
	json_add_string(a, "value", value ? value->text : "");
	return a;
}

/* goto LABEL: goTo the actionId of the labelled step of this flow instance. */
static void ib_goto_label(struct ib *c, const struct ib_task *t, const struct ast_step *st)
{
	const struct doc_node *limit = ib_arg(st, "limit"), *counter = ib_arg(st, "counter");
	for (size_t i = c->nlabels; i-- > 0;) {
		const struct ib_label *l = &c->labels[i];
		if (l->flow != t->flow || strcmp(l->label, st->to.id) != 0)
			continue;
		if (!l->id) {
			diag_error(c->d, IVR_JUMP_TARGET, st->to.span,
				   "infobip cannot jump back to '%s': a '%s' step has no actionId",
				   st->to.id, ast_step_names[l->kind]);
			return;
		}
		if (limit)
			ib_range(c, limit->span, ib_int(limit), 1, IB_GOTO_LIMIT_MAX,
				 "a goto limit");
		ib_goto(c, t->arr, l->id, limit ? ib_int(limit) : 0, counter ? counter->text : NULL);
		return;
	}
	/* The checker refuses these (IVR211); kept so a bug is a finding. */
	diag_error(c->d, IVR_UNKNOWN_LABEL, st->to.span, "unknown label '%s'", st->to.id);
}

/* Steps whose body blocks are filled by tasks: if, switch, loops. */
static cJSON *ib_container(struct ib *c, const struct ib_task *t, const struct ast_step *st,
			   bool *has_id)
{
	if (!ib_deeper(c, t->depth))
		return NULL;
	cJSON *a = ib_object(c);
	switch (st->kind) {
	case STEP_IF: {
		json_add_string(a, "if", ib_cond(c, st));
		cJSON *then = json_add_array(a, "then");
		if (st->has_else)
			ib_push_block(c, t, &st->else_body, json_add_array(a, "else"));
		ib_push_block(c, t, &st->body, then);
		*has_id = true;
		break;
	}
	case STEP_SWITCH: {
		json_add_string(a, "switch", st->var ? st->var : "");
		cJSON *cases = json_add_object(a, "case");
		cJSON **arrs = arena_alloc(c->a, (st->ncases + 1) * sizeof *arrs);
		for (size_t i = 0; i < st->ncases; i++)
			arrs[i] = json_add_array_key(cases, st->cases[i].value);
		if (st->has_default)
			ib_push_block(c, t, &st->default_body, json_add_array(cases, "__default"));
		for (size_t i = st->ncases; i-- > 0;)
			ib_push_block(c, t, &st->cases[i].body, arrs[i]);
		*has_id = true;
		break;
	}
	case STEP_WHILE:
		json_add_string(a, "while", ib_cond(c, st));
		ib_push_block(c, t, &st->body, json_add_array(a, "do"));
		break;
	case STEP_REPEAT_WHILE: case STEP_REPEAT_UNTIL:
		ib_push_block(c, t, &st->body, json_add_array(a, "repeat"));
		json_add_string_key(a, st->kind == STEP_REPEAT_WHILE ? "while" : "until",
				    ib_cond(c, st));
		break;
	default: { /* STEP_FOR_EACH */
		const struct doc_node *in = ib_arg(st, "in"), *delim = ib_arg(st, "delimiter");
		json_add_string(a, "for-each", st->var ? st->var : "");
		json_add_string(a, "in", in ? in->text : "");
		if (delim)
			json_add_string(a, "delimiter", delim->text);
		ib_push_block(c, t, &st->body, json_add_array(a, "do"));
		break;
	}
	}
	return a;
}

/* The action of a step that is one action; *has_id: Infobip gives it an
 * actionId. NULL for steps that route (goto, dial to a route). */
static cJSON *ib_simple(struct ib *c, const struct ast_step *st, bool *has_id)
{
	*has_id = true;
	switch (st->kind) {
	case STEP_SAY: return ib_say(c, st);
	case STEP_PLAY: return ib_play(c, st, "playFromUrl", "url");
	case STEP_PLAY_TTY: return ib_play(c, st, "playTty", "text");
	case STEP_PLAY_UPLOAD: return ib_play(c, st, "playFromUpload", "file");
	case STEP_COLLECT: return ib_collect(c, st);
	case STEP_CAPTURE: return ib_capture(c, st);
	case STEP_DIAL_TO_MANY: return ib_dial_to_many(c, st);
	case STEP_RECORD: return ib_record(c, st);
	case STEP_PAUSE: return ib_pause(c, st);
	case STEP_CALL_API: return ib_call_api(c, st);
	case STEP_SEND_SMS: return ib_send_sms(c, st);
	default: break;
	}
	*has_id = false;
	switch (st->kind) {
	case STEP_SET: return ib_set(c, st);
	case STEP_DIAL_WEBRTC: return ib_open(c, st, "dialToWebRTC");
	case STEP_DIAL_CONVERSATIONS: return ib_open(c, st, "dialToConversations");
	case STEP_HANGUP: return ib_string(c, "hangup");
	case STEP_MACHINE_DETECTION: return ib_string(c, "machineDetection");
	default: return NULL;
	}
}

static bool ib_is_container(enum step_kind k)
{
	return k == STEP_IF || k == STEP_SWITCH || k == STEP_WHILE || k == STEP_REPEAT_WHILE ||
	       k == STEP_REPEAT_UNTIL || k == STEP_FOR_EACH;
}

/* Lowers one step; returns its actionId (0 when it has none). */
static int ib_step(struct ib *c, const struct ib_task *t, const struct ast_step *st)
{
	bool has_id = false;
	int before = c->next_id;
	if (st->kind == STEP_GOTO && st->to.kind == DEST_NAME) {
		ib_goto_label(c, t, st);
		return 0;
	}
	if (st->kind == STEP_GOTO || (st->kind == STEP_DIAL && st->to.kind != DEST_PHONE)) {
		ib_route(c, &st->to, t->arr, t->depth, NULL, st);
		return 0;
	}
	if (st->kind == STEP_DIAL) {
		ib_dial(c, t->arr, st->to.id, st);
		return c->next_id > before ? c->next_id : 0;
	}
	if (st->kind == STEP_PLAY_RECORDING && st->recording.rec)
		return ib_prompt(c, t->arr, &st->recording);
	if (st->kind == STEP_REPEAT_UNTIL)
		diag_warning(c->d, IVR_DEPRECATED_ACTION, st->span,
			     "'repeat_until' lowers to infobip's Repeat-Until action, which infobip "
			     "deprecates; write 'repeat_while' with the opposite condition instead");
	cJSON *a;
	if (st->kind == STEP_PLAY_RECORDING) {
		const struct doc_node *id = ib_arg(st, "recording");
		a = ib_object(c);
		json_add_string(a, "playFromRecording", id ? id->text : "");
		has_id = true;
	} else if (ib_is_container(st->kind)) {
		a = ib_container(c, t, st, &has_id);
	} else {
		a = ib_simple(c, st, &has_id);
	}
	/* A step's action is NULL when only checking: the scenario has failed
	 * only when c->failed says so. */
	if (c->failed) {
		cJSON_Delete(a);
		return 0;
	}
	if (has_id)
		return ib_append_id(c, t->arr, a);
	ib_append(c, t->arr, a);
	return 0;
}

/* One step of a block; the rest of the block is a task below the step's
 * own children. Steps after one that always ends the block never run and
 * are not emitted. */
static void ib_steps(struct ib *c, const struct ib_task *t)
{
	if (t->index >= t->block->count)
		return;
	const struct ast_step *st = &t->block->steps[t->index];
	if (!ib_step_ends(st)) {
		struct ib_task next = *t;
		next.index++;
		ib_push(c, next);
	}
	/* The label first, so that a flow entered by this step (which drops its
	 * own labels when left) keeps it; its actionId once known. */
	size_t at = c->nlabels;
	if (st->label) {
		struct ib_label l = {t->flow, st->label, 0, st->kind};
		ARENA_PUSH(c->a, c->labels, c->nlabels, c->caplabels, l);
	}
	int id = ib_step(c, t, st);
	if (st->label)
		c->labels[at].id = id;
	if (t->block == &t->flow->body && t->index == 0 && id)
		*ib_slot(c, &t->flow->decl) = id;
}

/* ---------- scenarios ---------- */

static void ib_run(struct ib *c)
{
	while (c->ntasks && !c->failed) {
		struct ib_task t = c->tasks[--c->ntasks];
		switch (t.kind) {
		case IB_STEPS:
			ib_steps(c, &t);
			break;
		case IB_ROUTE:
			ib_route(c, t.dest, t.arr, t.depth, t.menu, NULL);
			break;
		case IB_DEFAULT:
			ib_default(c, &t);
			break;
		case IB_HANDLER:
			ib_handler(c, &t);
			break;
		case IB_HANGUP:
			ib_word(c, t.arr, "hangup");
			break;
		case IB_LEAVE:
			*ib_slot(c, t.decl) = -1;
			if (t.flow)
				c->nlabels = t.mark;
			break;
		}
	}
}

static void ib_scenario(struct ib *c, const struct ast_decl *root)
{
	c->root = root;
	c->next_id = 0;
	c->nactions = 0;
	c->failed = false;
	c->ntasks = c->nlabels = 0;
	for (size_t i = 0; i < c->nentered; i++)
		*c->entered[i] = -1;
	c->nentered = 0;
	cJSON *script = ib_array(c);
	if (root->kind == DECL_FLOW)
		ib_enter_flow(c, (const struct ast_flow *)root, script, 1, false);
	else if (root->kind == DECL_MENU)
		ib_enter_menu(c, (const struct ast_menu *)root, script, 1);
	else if (root->kind == DECL_SCHEDULE)
		ib_enter_schedule(c, (const struct ast_schedule *)root, script, 1);
	else
		ib_enter_announcement(c, (const struct ast_announcement *)root, script, 1);
	ib_run(c);
	if (c->failed || c->findings_only) {
		cJSON_Delete(script);
		return;
	}
	struct arena *a = c->a;
	struct bundle_object *o = bundle_add(c->b, "scenario", root->name);
	o->remote_name = target_remote_name(a, c->p, &infobip_target.caps, root->name);
	o->method = "POST";
	o->path = IB_SCENARIO_PATH;
	o->span = root->name_span;
	const char *desc = root->description ? root->description
		: arena_concat(a, "Managed by ivrc: ", c->p->name, "/", root->name, (const char *)NULL);
	json_add_string(o->body, "name", o->remote_name);
	json_add_string(o->body, "description", desc);
	json_add(o->body, "script", script);
}

/* ---------- entry points ---------- */

/* Marks the menu, announcement or schedule a route of `from` reaches. */
static void ib_reach(bool **reached, const struct ast_decl *from, const struct ast_dest *dst)
{
	const struct ast_decl *to = dst->ref;
	int k = to && to != from ? ib_kind_slot(to->kind) : -1;
	if (k >= 0)
		reached[k][to->index] = true;
}

/* Recursion follows the nesting of steps, bounded by the loader's 64 levels. */
static void ib_reach_block(bool **reached, const struct ast_decl *from, const struct ast_block *b)
{
	for (size_t i = 0; i < b->count; i++) {
		const struct ast_step *st = &b->steps[i];
		if (st->kind == STEP_GOTO || st->kind == STEP_DIAL)
			ib_reach(reached, from, &st->to);
		ib_reach_block(reached, from, &st->body);
		ib_reach_block(reached, from, &st->else_body);
		for (size_t j = 0; j < st->ncases; j++)
			ib_reach_block(reached, from, &st->cases[j].body);
		ib_reach_block(reached, from, &st->default_body);
	}
}

static void ib_add_root(struct ib *c, bool **seen, const struct ast_decl ***roots, size_t *n,
			size_t *cap, const struct ast_decl *d)
{
	int k = ib_kind_slot(d->kind);
	if (k < 0 || seen[k][d->index])   /* the checker lets only these be entries */
		return;
	seen[k][d->index] = true;
	ARENA_PUSH(c->a, *roots, *n, *cap, d);
}

/* One scenario per entry point: the `entry` list (or the first menu), every
 * flow, and every menu, announcement or schedule that no other object
 * routes to. */
static size_t ib_roots(struct ib *c, const struct ast_decl ***roots)
{
	const struct ast_program *p = c->p;
	bool *reached[IB_SLOTS], *seen[IB_SLOTS];
	for (int k = 0; k < IB_SLOTS; k++) {
		reached[k] = arena_alloc(c->a, c->nslot[k] + 1);
		seen[k] = arena_alloc(c->a, c->nslot[k] + 1);
	}
	for (size_t i = 0; i < p->nmenus; i++) {
		const struct ast_menu *m = p->menus[i];
		for (size_t j = 0; j < m->noptions; j++)
			ib_reach(reached, &m->decl, &m->options[j].to);
		ib_reach(reached, &m->decl, &m->invalid.then);
		ib_reach(reached, &m->decl, &m->no_input.then);
	}
	for (size_t i = 0; i < p->nannouncements; i++)
		ib_reach(reached, &p->announcements[i]->decl, &p->announcements[i]->then);
	for (size_t i = 0; i < p->nflows; i++)
		ib_reach_block(reached, &p->flows[i]->decl, &p->flows[i]->body);
	for (size_t i = 0; i < p->nschedules; i++) {
		const struct ast_schedule *sc = p->schedules[i];
		ib_reach(reached, &sc->decl, &sc->open);
		ib_reach(reached, &sc->decl, &sc->closed);
		ib_reach(reached, &sc->decl, &sc->holiday);
	}
	size_t n = 0, cap = 0;
	*roots = NULL;
	for (size_t i = 0; i < p->nentries; i++)
		ib_add_root(c, seen, roots, &n, &cap, p->entries[i]);
	for (size_t i = 0; i < p->nflows; i++)
		ib_add_root(c, seen, roots, &n, &cap, &p->flows[i]->decl);
	for (size_t i = 0; i < p->nmenus; i++)
		if (!reached[IB_MENUS][i])
			ib_add_root(c, seen, roots, &n, &cap, &p->menus[i]->decl);
	for (size_t i = 0; i < p->nannouncements; i++)
		if (!reached[IB_ANNOUNCEMENTS][i])
			ib_add_root(c, seen, roots, &n, &cap, &p->announcements[i]->decl);
	for (size_t i = 0; i < p->nschedules; i++)
		if (!reached[IB_SCHEDULES][i])
			ib_add_root(c, seen, roots, &n, &cap, &p->schedules[i]->decl);
	return n;
}

/* A menu's key goes into `m<N>_<name>` (N its position among menus, '-' as
 * '_'): unique, and a name Infobip expressions can read. */
static struct ib_menu_names ib_menu_names(struct arena *a, const struct ast_menu *m)
{
	char *v = arena_printf(a, "m%u_%s", m->decl.index + 1, m->decl.name);
	for (char *s = v; *s; s++)
		if (*s == '-')
			*s = '_';
	return (struct ib_menu_names){
		.var = v,
		.invalid = ib_counter(a, v, &m->invalid, "invalid"),
		.no_input = ib_counter(a, v, &m->no_input, "no_input"),
		.no_key = arena_concat(a, "${", v, " == ''}", (const char *)NULL),
	};
}

/* The state of a lowering (or of check, findings_only) and its scenarios'
 * roots. */
static struct ib *ib_begin(const struct ast_program *p, struct arena *a, struct diag *d,
			   bool findings_only)
{
	struct ib *c = arena_alloc(a, sizeof *c);
	*c = (struct ib){.p = p, .a = a, .d = d, .findings_only = findings_only,
			 .ti = (size_t)ast_target_index(p, infobip_target.caps.name)};
	c->language = target_setting(p, &infobip_target.caps, "language");
	c->voice = target_setting(p, &infobip_target.caps, "voice");
	c->limit_key = target_setting(p, &infobip_target.caps, "goto_limit_key");
	c->nslot[IB_MENUS] = p->nmenus;
	c->nslot[IB_ANNOUNCEMENTS] = p->nannouncements;
	c->nslot[IB_FLOWS] = p->nflows;
	c->nslot[IB_SCHEDULES] = p->nschedules;
	for (int k = 0; k < IB_SLOTS; k++) {
		c->anchor[k] = arena_alloc(a, (c->nslot[k] + 1) * sizeof *c->anchor[k]);
		for (size_t i = 0; i < c->nslot[k]; i++)
			c->anchor[k][i] = -1;   /* none on the path; each scenario resets its own */
	}
	struct ib_menu_names *names = arena_alloc(a, (p->nmenus + 1) * sizeof *names);
	for (size_t i = 0; i < p->nmenus; i++)
		names[i] = ib_menu_names(a, p->menus[i]);
	c->menu = names;
	c->clock = ib_clocks(c);
	c->nroots = ib_roots(c, &c->roots);
	c->said_checked = arena_alloc(a, p->nrecordings + 1);
	return c;
}

/* Object i: the scenario of the i-th root. */
static void ib_lower_object(const struct lowering *l, size_t i, struct bundle *out, struct diag *d)
{
	struct ib *c = l->state;
	c->b = out;
	c->d = d;
	ib_scenario(c, c->roots[i]);
}

/* The calendars the scenarios ask about, for their clock endpoint. */
static cJSON *ib_calendars(const struct ib *c)
{
	cJSON *out = NULL;
	for (size_t i = 0; i < c->p->ncalendars; i++) {
		if (!c->clock[i])
			continue;
		if (!out)
			out = cJSON_CreateArray();
		json_append(out, clock_calendar_json(c->p->calendars[i], c->clock[i]));
	}
	return out;
}

struct lowering infobip_lowering(const struct ast_program *p, struct arena *a, struct diag *d)
{
	struct ib *c = ib_begin(p, a, d, false);
	return (struct lowering){ c->nroots, ib_lower_object, c, ib_calendars(c) };
}

void infobip_lower(const struct ast_program *p, struct bundle *out, struct diag *d)
{
	lowering_run(infobip_lowering(p, out->arena, d), out, d);
}

/* Infobip's limits (sizes, ranges, jump targets) show while lowering: check
 * lowers each scenario, keeps the findings and drops the script at once (a
 * script is several times the size of its part of the input). */
void infobip_check(const struct ast_program *p, struct diag *d)
{
	struct bundle scratch;
	bundle_init(&scratch, d->arena, &infobip_target, p->name);
	struct ib *c = ib_begin(p, d->arena, d, true);
	c->b = &scratch;
	for (size_t i = 0; i < c->nroots; i++)
		ib_scenario(c, c->roots[i]);
	bundle_free(&scratch);
}
