/* The call simulator (see simulate.h). One loop drives the call from object
 * to object (menu, announcement, flow, voicemail, an end); a flow runs on an
 * explicit stack of blocks. Nothing recurses over the call or the flow, and
 * every lookup is a hash table, so a call costs time linear in what it does.
 * Bounds: 1 000 iterations of one loop (or jumps of one goto without a
 * limit), 100 000 flow steps, and as many objects entered without reading
 * input as the program has objects, plus 1 000. After 30 flow steps without
 * input, the transcript leaves out what the flow does (the lines would only
 * repeat) until the next key, object or end, and says how much it left out. */
#include "simulate.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cJSON.h>

#include "arena.h"
#include "calendar.h"
#include "expr.h"
#include "hash.h"
#include "shown.h"
#include "tz.h"

enum { LOOP_LIMIT = 1000, STEP_LIMIT = 100000, QUIET_LIMIT = 30 };
enum { H_INVALID, H_NO_INPUT };

/* ---------- hash tables (open addressing, in the arena) ---------- */

struct slot {
	uintptr_t k1, k2;          /* k2: a string's hash for string keys */
	const char *name;          /* string keys only */
	uintptr_t value;
	bool used;
};

struct table {
	struct slot *slots;
	size_t cap, count;
};

static size_t hash_pair(uintptr_t a, uintptr_t b)
{
	size_t h = (size_t)a * 0x9E3779B97F4A7C15u ^ ((size_t)b + 0x632BE59BD9B4E019u);
	return h ^ (h >> 29);
}

static struct slot *table_find(struct table *t, uintptr_t k1, uintptr_t k2, const char *name)
{
	size_t h = name ? hash_string(name) : hash_pair(k1, k2);
	for (size_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		struct slot *s = &t->slots[i];
		if (!s->used || (name ? s->name && strcmp(s->name, name) == 0 :
				 s->k1 == k1 && s->k2 == k2))
			return s;
	}
}

/* The slot of the key, added (value 0) when absent. A slot pointer stays
 * valid until the next key is added to the table. */
static struct slot *table_get(struct arena *a, struct table *t, uintptr_t k1, uintptr_t k2,
			      const char *name)
{
	struct slot *found = t->cap ? table_find(t, k1, k2, name) : NULL;
	if (found && found->used)
		return found;
	if ((t->count + 1) * 2 > t->cap) {
		struct table bigger = { arena_alloc(a, (t->cap ? t->cap * 2 : 16) * sizeof(struct slot)),
					t->cap ? t->cap * 2 : 16, t->count };
		for (size_t i = 0; i < t->cap; i++)
			if (t->slots[i].used)
				*table_find(&bigger, t->slots[i].k1, t->slots[i].k2,
					    t->slots[i].name) = t->slots[i];
		*t = bigger;
	}
	struct slot *s = table_find(t, k1, k2, name);
	if (!s->used) {
		*s = (struct slot){ k1, k2, name, 0, true };
		t->count++;
	}
	return s;
}

static const struct slot *table_peek(const struct table *t, uintptr_t k1, uintptr_t k2,
				     const char *name)
{
	if (!t->cap)
		return NULL;
	const struct slot *s = table_find((struct table *)t, k1, k2, name);
	return s->used ? s : NULL;
}

/* ---------- the simulator's state ---------- */

/* One entry of an object on the path: one inlined copy of the object
 * (parent copy + object) and its counters, which restart on every entry. */
struct copy {
	const struct ast_decl *decl;
	int64_t count[2];          /* wrong keys, silences */
};

/* A block of a flow being run; loops own the block of their body. */
struct frame {
	const struct ast_block *b;
	size_t i;                  /* next step */
	const struct ast_step *owner;   /* the loop, or NULL */
	unsigned iter;
	const char **items;        /* for_each */
	size_t nitems, next;
};

struct sim {
	const struct sim_call *c;
	const struct sim_behaviour *bh;
	struct arena *a;
	struct sim_result *r;
	size_t in;                 /* next input event */
	bool done;
	/* where the loop goes next */
	const struct ast_dest *next;
	const struct ast_decl *next_self;   /* the menu `repeat` means */
	/* the path of copies (goTo semantics) */
	struct copy *copies;
	size_t ncopies, capcopies;
	struct table copy_of;      /* (parent copy + 1, decl) -> copy index */
	uint32_t *stack;
	size_t nstack, capstack;
	struct table depth_of;     /* decl -> position on the stack + 1 (0: not on it) */
	size_t entered_idle, idle_limit;
	/* flows */
	struct table vars;         /* name -> value */
	struct table jumps;        /* goto step -> jumps made */
	struct table labels;       /* (flow, label) -> step */
	struct table labelled;     /* flow -> its labels are in `labels` */
	struct frame *frames;
	size_t nframes, capframes;
	size_t flow_steps;
	/* the transcript of long runs without input */
	size_t quiet, hidden;
	bool muted;
	struct sim_event scratch;   /* where muted events go */
};

/* ---------- events and the path ---------- */

static struct sim_event *event(struct sim *s, enum sim_event_kind kind)
{
	struct sim_event e = { .kind = kind };
	if (s->muted && (kind == SIM_EV_STEP || kind == SIM_EV_PROMPT || kind == SIM_EV_NOTE ||
			 kind == SIM_EV_TARGET)) {
		s->hidden += kind == SIM_EV_STEP;
		s->scratch = e;
		return &s->scratch;
	}
	ARENA_PUSH(s->a, s->r->events, s->r->nevents, s->r->capevents, e);
	return &s->r->events[s->r->nevents - 1];
}

static void note(struct sim *s, enum sim_event_kind kind, const char *text)
{
	event(s, kind)->text = text;
}

/* A line that says the target does it its own way. */
static void target_note(struct sim *s, const char *text)
{
	struct sim_event *e = event(s, SIM_EV_TARGET);
	e->name = s->bh->target ? s->bh->target : "target";
	e->text = text;
}

/* A key, an object or an end: the transcript shows everything again. */
static void unmute(struct sim *s)
{
	s->quiet = 0;
	if (!s->muted)
		return;
	s->muted = false;
	note(s, SIM_EV_NOTE, arena_printf(s->a, "%zu more step%s not shown", s->hidden,
					  s->hidden == 1 ? "" : "s"));
	s->hidden = 0;
}

static void fail(struct sim *s, const char *message)
{
	if (s->done)
		return;
	unmute(s);
	note(s, SIM_EV_ERROR, message);
	s->r->status = SIM_FAILED;
	s->r->error = message;
	s->done = true;
}

const char *sim_dest_text(struct arena *a, const struct ast_dest *d)
{
	if (d->ref)
		return sim_decl_text(a, d->ref);
	if (d->kind == DEST_HANGUP || d->kind == DEST_REPEAT)
		return ast_dest_kind_names[d->kind];
	if (d->kind == DEST_NAME || d->kind == DEST_NONE)
		return d->id ? d->id : "";
	return arena_concat(a, ast_dest_kind_names[d->kind], ":", d->id, NULL);
}

static void add_stop(struct sim *s, const struct ast_decl *decl, enum dest_kind kind,
		     const char *id, const char *text)
{
	struct sim_stop st = { decl, kind, id, text };
	ARENA_PUSH(s->a, s->r->path, s->r->npath, s->r->cappath, st);
}

const char *sim_decl_text(struct arena *a, const struct ast_decl *d)
{
	return d->kind == DECL_ENDPOINT ? d->name :
		arena_concat(a, ast_decl_kind_names[d->kind], ":", d->name, NULL);
}

/* The call ends at d (a literal, an endpoint, hangup). */
static void end_at(struct sim *s, const struct ast_dest *d)
{
	const char *text = sim_dest_text(s->a, d);
	unmute(s);
	if (d->ref)
		add_stop(s, d->ref, d->ref->kind == DECL_ENDPOINT ? DEST_NAME : d->kind, NULL, text);
	else
		add_stop(s, NULL, d->kind, d->id, text);
	struct sim_event *e = event(s, SIM_EV_END);
	e->dest = text;
	/* An endpoint: what it is on the target being played. */
	if (d->ref && d->ref->kind == DECL_ENDPOINT && s->bh->target) {
		const struct ast_endpoint *ep = (const struct ast_endpoint *)d->ref;
		int t = ast_target_index(s->c->p, s->bh->target);
		const struct ast_dest *lit = t >= 0 ? ast_endpoint_literal(ep, (size_t)t) : NULL;
		if (lit && lit->kind != DEST_NONE)
			e->text = sim_dest_text(s->a, lit);
	}
	s->r->status = SIM_ENDED;
	s->done = true;
}

static void end_hangup(struct sim *s)
{
	struct ast_dest h = { .kind = DEST_HANGUP };
	end_at(s, &h);
}

static const struct sim_input *next_input(struct sim *s)
{
	if (s->in == s->c->ninput)
		return NULL;
	unmute(s);
	s->entered_idle = 0;
	s->r->consumed = ++s->in;
	return &s->c->input[s->in - 1];
}

/* The next input when it is a key (taken), else NULL (left). */
static const struct sim_input *peek_key(struct sim *s)
{
	if (s->in == s->c->ninput || s->c->input[s->in].kind != SIM_IN_KEY)
		return NULL;
	return next_input(s);
}

/* No more input while the call waits at the last object entered. */
static void wait_here(struct sim *s)
{
	unmute(s);
	event(s, SIM_EV_WAIT)->dest = s->r->npath ? s->r->path[s->r->npath - 1].text : "";
	s->r->status = SIM_WAITING;
	s->done = true;
}

static void route(struct sim *s, const struct ast_dest *d, const struct ast_decl *self)
{
	s->next = d;
	s->next_self = self;
}

bool sim_parse_input(const char *text, struct sim_input *out)
{
	if (strcmp(text, "silence") == 0) {
		*out = (struct sim_input){ SIM_IN_SILENCE, text };
		return true;
	}
	if (strncmp(text, "said:", 5) == 0) {
		*out = (struct sim_input){ SIM_IN_SPEECH, text + 5 };
		return true;
	}
	if (text[0] && !text[1] && (isdigit((unsigned char)text[0]) || text[0] == '*' ||
				    text[0] == '#')) {
		*out = (struct sim_input){ SIM_IN_KEY, text };
		return true;
	}
	return false;
}

/* ---------- prompts ---------- */

static void play(struct sim *s, const struct ast_recref *ref)
{
	if (!ref->name)
		return;
	struct sim_event *e = event(s, SIM_EV_PROMPT);
	e->name = ref->name;
	e->text = ref->rec ? ref->rec->text : NULL;
}

/* ---------- entering an object ---------- */

/* Enters d: a new stop on the path and, with goTo semantics, either a jump
 * back to the copy on the path (counts kept) or a new copy. Returns the
 * copy, NULL when the simulation stopped. */
static struct copy *enter(struct sim *s, const struct ast_decl *d)
{
	if (++s->entered_idle > s->idle_limit) {
		fail(s, arena_printf(s->a, "the call went through %zu objects without reading "
				     "input: it loops (stopped)", s->idle_limit));
		return NULL;
	}
	const char *text = sim_decl_text(s->a, d);
	unmute(s);
	add_stop(s, d, DEST_NONE, NULL, text);
	event(s, SIM_EV_ENTER)->dest = text;
	struct slot *at = table_get(s->a, &s->depth_of, (uintptr_t)d, 0, NULL);
	if (at->value) {
		/* On the path: a jump back to it; what it entered is left. */
		size_t k = at->value - 1;
		for (size_t i = k + 1; i < s->nstack; i++)
			table_get(s->a, &s->depth_of, (uintptr_t)s->copies[s->stack[i]].decl, 0,
				  NULL)->value = 0;
		s->nstack = k + 1;
		struct copy *c = &s->copies[s->stack[k]];
		c->count[H_INVALID] = c->count[H_NO_INPUT] = 0;
		return c;
	}
	uintptr_t parent = s->nstack ? s->stack[s->nstack - 1] + 1u : 0;
	struct slot *cs = table_get(s->a, &s->copy_of, parent, (uintptr_t)d, NULL);
	if (!cs->value) {
		struct copy c = { .decl = d };
		ARENA_PUSH(s->a, s->copies, s->ncopies, s->capcopies, c);
		cs->value = s->ncopies;
	}
	uint32_t ci = (uint32_t)(cs->value - 1);
	ARENA_PUSH(s->a, s->stack, s->nstack, s->capstack, ci);
	table_get(s->a, &s->depth_of, (uintptr_t)d, 0, NULL)->value = s->nstack;
	struct copy *c = &s->copies[ci];
	/* A fresh entry starts counting again (Infobip: setVariable "0"). */
	c->count[H_INVALID] = c->count[H_NO_INPUT] = 0;
	return c;
}

/* ---------- menus ---------- */

static const struct ast_option *find_option(struct sim *s, const struct ast_menu *m, char key)
{
	if (s->bh->keys && !strchr(s->bh->keys, key))
		return NULL;
	for (size_t i = 0; i < m->noptions; i++)
		if (m->options[i].key == key)
			return &m->options[i];
	return NULL;
}

/* The failure's last prompt: final_prompt, or on a target that falls back
 * (whose check requires both handlers), the handler's prompt. */
static void final_prompt(struct sim *s, const struct ast_handler *h)
{
	if (!h->present)
		return;
	if (h->final_prompt.name) {
		play(s, &h->final_prompt);
		return;
	}
	if (!s->bh->final_prompt_fallback)
		return;
	target_note(s, arena_printf(s->a, "no final_prompt: '%s' plays in its place",
				    h->prompt.name));
	play(s, &h->prompt);
}

/* A wrong key (which = H_INVALID) or silence: retry or give up. Returns
 * true when the caller tries again. */
static bool menu_failure(struct sim *s, const struct ast_menu *m, struct copy *c, int which,
			 struct sim_event *e)
{
	const struct ast_handler *h = which == H_INVALID ? &m->invalid : &m->no_input;
	int64_t retries = h->present ? h->retries : 0;
	e->name = which == H_INVALID ? "invalid" : "no_input";
	e->retries = retries;
	if (which == H_INVALID && s->bh->no_invalid_handler) {
		e->result = SIM_R_TARGET;
		target_note(s, "plays its own 'Invalid Menu Entry' prompt and repeats the menu "
			    "(no invalid handler, no count)");
		play(s, &m->prompt);
		return true;
	}
	if (which == H_NO_INPUT && s->bh->no_input_at_once) {
		e->result = SIM_R_TARGET;
		e->dest = h->present ? sim_dest_text(s->a, &h->then) : "hangup";
		target_note(s, "no retries or prompts on silence: the timeout action is taken at once");
		return false;
	}
	int64_t count = c->count[which];
	bool retry = count < retries;
	if (retry) {
		c->count[which] = ++count;
		e->result = SIM_R_RETRY;
		e->count = count;
		play(s, &h->prompt);
		play(s, &m->prompt);
		return true;
	} else {
		c->count[which] = ++count;
		e->result = SIM_R_GIVE_UP;
		e->count = count;
	}
	e->dest = h->present ? sim_dest_text(s->a, &h->then) : "hangup";
	final_prompt(s, h);
	return false;
}

/* The route a failure gives up to. */
static void menu_give_up(struct sim *s, const struct ast_menu *m, int which)
{
	const struct ast_handler *h = which == H_INVALID ? &m->invalid : &m->no_input;
	static const struct ast_dest hangup = { .kind = DEST_HANGUP };
	route(s, h->present ? &h->then : &hangup, &m->decl);
}

static void run_menu(struct sim *s, const struct ast_menu *m, struct copy *c)
{
	play(s, &m->prompt);
	for (;;) {
		const struct sim_input *in = next_input(s);
		if (!in) {
			wait_here(s);
			return;
		}
		struct sim_event *e;
		int which = H_NO_INPUT;
		if (in->kind == SIM_IN_KEY) {
			const struct ast_option *o = find_option(s, m, in->text[0]);
			e = event(s, SIM_EV_KEY);
			e->key = in->text;
			if (o) {
				e->result = SIM_R_OPTION;
				e->dest = sim_dest_text(s->a, &o->to);
				route(s, &o->to, &m->decl);
				return;
			}
			which = H_INVALID;
		} else if (in->kind == SIM_IN_SPEECH) {
			e = event(s, SIM_EV_SPEECH);
			e->text = in->text;
			note(s, SIM_EV_NOTE, "a menu reads keys: speech counts as silence");
			e = event(s, SIM_EV_SILENCE);
		} else {
			e = event(s, SIM_EV_SILENCE);
		}
		/* e may move when the event list grows: keep its index. */
		size_t at = (size_t)(e - s->r->events);
		struct sim_event copy = *e;
		bool again = menu_failure(s, m, c, which, &copy);
		s->r->events[at] = copy;
		if (!again) {
			menu_give_up(s, m, which);
			return;
		}
	}
}

/* ---------- flows: values and templates ---------- */

static const char *var_get(const struct sim *s, const char *name)
{
	const struct slot *v = table_peek(&s->vars, 0, 0, name);
	return v ? (const char *)v->value : NULL;
}

static void var_set(struct sim *s, const char *name, const char *value)
{
	table_get(s->a, &s->vars, 0, 0, name)->value = (uintptr_t)value;
}

static const char *quoted(struct sim *s, const char *v)
{
	return arena_concat(s->a, "\"", v, "\"", NULL);
}

static const char *arg_text(const struct ast_step *st, const char *key)
{
	const struct doc_node *n = ast_step_arg(st, key);
	return n && n->kind == DOC_SCALAR ? n->text : NULL;
}

static long long arg_int(const struct ast_step *st, const char *key)
{
	const char *t = arg_text(st, key);
	return t ? strtoll(t, NULL, 10) : 0;
}

/* ---------- flows: expressions (the tree of expr.h) ---------- */

enum val_kind { V_STR, V_NUM, V_BOOL };

struct val {
	enum val_kind kind;
	double num;
	const char *str;
};

/* Text written as a number: digits, with a '-' before and a '.' and digits
 * after if it likes. strtod alone would also take " 7", "0x1A", "1e3" and
 * "inf". */
static bool number_text(const char *t)
{
	if (*t == '-')
		t++;
	if (!isdigit((unsigned char)*t))
		return false;
	while (isdigit((unsigned char)*t))
		t++;
	if (*t == '.') {
		if (!isdigit((unsigned char)*++t))
			return false;
		while (isdigit((unsigned char)*t))
			t++;
	}
	return *t == '\0';
}

/* Values are typed as Java's expression language (EL) types them, which
 * Infobip's syntax follows (docs/LANGUAGE.md, "Expressions"): variables
 * and 'text' are text, literals and arithmetic numbers, comparisons true or
 * false. An operator converts its operands; a conversion that fails is a
 * runtime error, as in EL. */

static const char *as_text(struct sim *s, const struct val *v)
{
	if (v->kind == V_BOOL)
		return v->num ? "true" : "false";
	if (v->kind == V_NUM) {
		/* The shortest form that reads back as the same number. */
		for (int digits = 1;; digits++) {
			const char *t = arena_printf(s->a, "%.*g", digits, v->num);
			if (digits == 17 || strtod(t, NULL) == v->num)
				return t;
		}
	}
	return v->str;
}

/* v as a number: text written as one ('' reads as 0). */
static bool to_number(struct sim *s, const struct val *v, double *out, const char **why)
{
	if (v->kind == V_NUM) {
		*out = v->num;
		return true;
	}
	if (v->kind == V_STR && (!v->str[0] || number_text(v->str))) {
		*out = v->str[0] ? strtod(v->str, NULL) : 0;
		return true;
	}
	*why = arena_printf(s->a, "'%s' is not a number", as_text(s, v));
	return false;
}

/* v as true or false: text is true when it is 'true' in any case. */
static bool to_bool(struct sim *s, const struct val *v, bool *out, const char **why)
{
	if (v->kind == V_BOOL) {
		*out = v->num != 0;
		return true;
	}
	if (v->kind == V_STR) {
		*out = strcasecmp(v->str, "true") == 0;
		return true;
	}
	*why = arena_printf(s->a, "the number %s is not true or false", as_text(s, v));
	return false;
}

/* x op y for a comparison: as numbers when either is a number, as true or
 * false when either is (== and != only), else as text. */
static bool compare(struct sim *s, enum expr_op op, const struct val *x, const struct val *y,
		    bool *out, const char **why)
{
	int c;
	bool equality = op == EXOP_EQ || op == EXOP_NE;
	if (x->kind == V_NUM || y->kind == V_NUM) {
		double a, b;
		if (!to_number(s, x, &a, why) || !to_number(s, y, &b, why))
			return false;
		c = a < b ? -1 : a > b;
	} else if (x->kind == V_BOOL || y->kind == V_BOOL) {
		bool a, b;
		if (!equality) {
			*why = arena_printf(s->a, "%s does not order true and false", expr_op_text(op));
			return false;
		}
		to_bool(s, x, &a, why);
		to_bool(s, y, &b, why);
		c = a != b;
	} else {
		c = strcmp(x->str, y->str);
	}
	*out = op == EXOP_EQ ? c == 0 : op == EXOP_NE ? c != 0 : op == EXOP_LT ? c < 0 :
	       op == EXOP_GT ? c > 0 : op == EXOP_LE ? c <= 0 : c >= 0;
	return true;
}

/* + - * / % take numbers. */
static bool arithmetic(struct sim *s, enum expr_op op, const struct val *x,
		       const struct val *y, struct val *r, const char **why)
{
	double a, b;
	if (!to_number(s, x, &a, why) || !to_number(s, y, &b, why))
		return false;
	if ((op == EXOP_DIV || op == EXOP_MOD) && b == 0) {
		*why = "a division by zero";
		return false;
	}
	double q = a / b;
	if (op == EXOP_MOD && !(q < 9e18 && q > -9e18)) {
		*why = "a remainder of numbers too far apart";
		return false;
	}
	double v = op == EXOP_ADD ? a + b : op == EXOP_SUB ? a - b : op == EXOP_MUL ? a * b
		   : op == EXOP_DIV ? q : a - b * (double)(long long)q;
	*r = (struct val){ V_NUM, v, NULL };
	return true;
}

/* Evaluates e; false with *why. Recursion is bounded by the parser's caps
 * (grammar/expr.h). */
static bool eval(struct sim *s, const struct ast_expr *e, struct val *r, const char **why)
{
	struct val x, y;
	bool t;
	switch (e->kind) {
	case EX_VAR: {
		const char *v = var_get(s, e->text);
		if (!v)
			note(s, SIM_EV_NOTE, arena_printf(s->a, "${%s} is not set: read as \"\"",
							  e->text));
		*r = (struct val){ V_STR, 0, v ? v : "" };
		return true;
	}
	case EX_STRING:
		*r = (struct val){ V_STR, 0, e->text };
		return true;
	case EX_NUMBER:
		*r = (struct val){ V_NUM, strtod(e->text, NULL), NULL };
		return true;
	case EX_BOOL:
		*r = (struct val){ V_BOOL, e->value, NULL };
		return true;
	case EX_UNARY:
		if (!eval(s, e->rhs, &y, why))
			return false;
		if (e->op == EXOP_NOT) {
			if (!to_bool(s, &y, &t, why))
				return false;
			*r = (struct val){ V_BOOL, !t, NULL };
			return true;
		}
		if (!to_number(s, &y, &r->num, why))
			return false;
		*r = (struct val){ V_NUM, -r->num, NULL };
		return true;
	case EX_BINARY:
		if (!eval(s, e->lhs, &x, why))
			return false;
		if (e->op == EXOP_AND || e->op == EXOP_OR) {
			/* The right side is not evaluated when the left decides. */
			if (!to_bool(s, &x, &t, why))
				return false;
			if (t == (e->op == EXOP_AND) && (!eval(s, e->rhs, &y, why) ||
							  !to_bool(s, &y, &t, why)))
				return false;
			*r = (struct val){ V_BOOL, t, NULL };
			return true;
		}
		if (!eval(s, e->rhs, &y, why))
			return false;
		if (expr_precedence(e->op) >= expr_precedence(EXOP_ADD))
			return arithmetic(s, e->op, &x, &y, r, why);
		if (!compare(s, e->op, &x, &y, &t, why))
			return false;
		*r = (struct val){ V_BOOL, t, NULL };
		return true;
	}
	*why = "an expression it cannot read";
	return false;
}

/* A step's condition; false after a runtime error that names it. */
static bool eval_cond(struct sim *s, const struct ast_step *st, bool *out)
{
	struct val v;
	const char *why = "it is not an expression";
	if (st->cond_expr && eval(s, st->cond_expr, &v, &why) && to_bool(s, &v, out, &why))
		return true;
	fail(s, arena_printf(s->a, "cannot evaluate '%s': %s", st->cond ? st->cond : "", why));
	return false;
}

/* The template of st's argument key, its ${...} evaluated; NULL after a
 * runtime error that names it ("" when the argument is absent). */
static const char *expand(struct sim *s, const struct ast_step *st, const char *key)
{
	const struct doc_node *n = ast_step_arg(st, key);
	const struct ast_template *t = n ? ast_step_template(st, n) : NULL;
	if (!t)
		return n ? n->text : "";
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	if (!out)
		abort();
	bool ok = true;
	for (size_t i = 0; ok && i < t->nparts; i++) {
		const struct ast_template_part *part = &t->parts[i];
		struct val v;
		const char *why = NULL;
		if (!part->expr) {
			fwrite(part->text, 1, part->len, out);
		} else if (eval(s, part->expr, &v, &why)) {
			fputs(as_text(s, &v), out);
		} else {
			fail(s, arena_printf(s->a, "cannot evaluate '%.*s': %s", (int)part->len,
					     part->text, why));
			ok = false;
		}
	}
	if (fclose(out) != 0)
		abort();
	const char *text = ok ? arena_strndup(s->a, buf, len) : NULL;
	free(buf);
	return text;
}

/* ---------- flows: steps ---------- */

static void step_line(struct sim *s, const struct ast_step *st, const char *text)
{
	if (!s->muted && ++s->quiet > QUIET_LIMIT) {
		note(s, SIM_EV_NOTE, arena_printf(s->a, "%d steps without input: the next are "
						  "not shown, up to the next key, object or end",
						  QUIET_LIMIT));
		s->muted = true;
	}
	struct sim_event *e = event(s, SIM_EV_STEP);
	e->name = ast_step_names[st->kind];
	e->text = text;
}

static void push_frame(struct sim *s, const struct ast_block *b, const struct ast_step *owner)
{
	struct frame f = { .b = b, .owner = owner, .iter = 1 };
	ARENA_PUSH(s->a, s->frames, s->nframes, s->capframes, f);
}

static void collect(struct sim *s, const struct ast_step *st)
{
	long long max = arg_int(st, "max_digits");
	char *digits = arena_alloc(s->a, (size_t)(max > 0 ? max : 0) + s->c->ninput + 1);
	size_t n = 0;
	for (;;) {
		if (max > 0 && (long long)n == max)
			break;
		const struct sim_input *in = next_input(s);
		if (!in) {
			wait_here(s);
			return;
		}
		if (in->kind == SIM_IN_SPEECH) {
			fail(s, arena_printf(s->a, "collect reads keys, got said:%s", in->text));
			return;
		}
		if (in->kind == SIM_IN_SILENCE) {
			event(s, SIM_EV_SILENCE);
			break;
		}
		event(s, SIM_EV_KEY)->key = in->text;
		digits[n++] = in->text[0];
	}
	/* The keys go into VAR; with mapped_values, the value they map to (or
	 * '') into VAR_Meaning (st->var_implied). */
	const char *value = digits, *meaning = "";
	const struct doc_node *map = ast_step_arg(st, "mapped_values");
	for (size_t i = 0; map && map->kind == DOC_MAP && i < map->count; i++)
		if (strcmp(map->pairs[i].key->text, digits) == 0 &&
		    map->pairs[i].value->kind == DOC_SCALAR)
			meaning = map->pairs[i].value->text;
	var_set(s, st->var, value);
	if (!st->var_implied) {
		step_line(s, st, arena_printf(s->a, "%s = \"%s\"", st->var, value));
		return;
	}
	var_set(s, st->var_implied, meaning);
	step_line(s, st, arena_printf(s->a, "%s = \"%s\", %s = \"%s\"", st->var, value,
				      st->var_implied, meaning));
}

/* The first key phrase said (letters compared without case), or "". */
static const char *key_phrase(const struct ast_step *st, const char *said)
{
	const struct doc_node *phrases = ast_step_arg(st, "key_phrases");
	for (size_t i = 0; phrases && phrases->kind == DOC_SEQ && i < phrases->count; i++) {
		const struct doc_node *k = phrases->items[i];
		if (k->kind != DOC_SCALAR || !k->len)
			continue;
		for (const char *p = said; *p; p++)
			if (strncasecmp(p, k->text, k->len) == 0)
				return k->text;
	}
	return "";
}

static void capture(struct sim *s, const struct ast_step *st)
{
	const struct sim_input *in = next_input(s);
	if (!in) {
		wait_here(s);
		return;
	}
	long long max = arg_int(st, "max_digits");
	if (in->kind == SIM_IN_KEY && max <= 0) {
		fail(s, arena_printf(s->a, "capture listens for speech (said:WORDS) or silence, "
				     "got key %s (max_digits lets it take keys)", in->text));
		return;
	}
	if (in->kind == SIM_IN_KEY) {
		/* Keys instead of speech: VAR and VAR_Full hold the digits (ours:
		 * Infobip says only that the capture takes them). */
		char *digits = arena_alloc(s->a, (size_t)max + 1);
		size_t n = 0;
		for (; in && in->kind == SIM_IN_KEY; in = (long long)n < max ? peek_key(s) : NULL) {
			event(s, SIM_EV_KEY)->key = in->text;
			digits[n++] = in->text[0];
		}
		var_set(s, st->var, digits);
		var_set(s, st->var_implied, digits);
		step_line(s, st, arena_printf(s->a, "%s = \"%s\", %s = \"%s\"", st->var, digits,
					      st->var_implied, digits));
		return;
	}
	if (in->kind == SIM_IN_SILENCE)
		event(s, SIM_EV_SILENCE);
	else
		event(s, SIM_EV_SPEECH)->text = in->text;
	/* VAR holds the key phrase heard ('' for none), VAR_Full what was
	 * said. */
	const char *full = in->kind == SIM_IN_SPEECH ? in->text : "";
	const char *phrase = key_phrase(st, full);
	var_set(s, st->var, phrase);
	var_set(s, st->var_implied, full);
	step_line(s, st, arena_printf(s->a, "%s = \"%s\", %s = \"%s\"", st->var, phrase,
				      st->var_implied, full));
}

static const struct sim_api_answer *find_answer(struct sim *s, const char *url)
{
	for (size_t i = 0; i < s->c->napi; i++)
		if (strcmp(s->c->api[i].url, url) == 0)
			return &s->c->api[i];
	return NULL;
}

static void call_api(struct sim *s, const struct ast_step *st)
{
	const char *url = expand(s, st, "url");
	if (!url)
		return;
	const char *method = arg_text(st, "method") ? arg_text(st, "method") : "GET";
	const struct sim_api_answer *ans = find_answer(s, url);
	if (!ans) {
		step_line(s, st, arena_printf(s->a, "%s %s: no answer in the fixtures; the "
					      "response fields stay unset", method, url));
		return;
	}
	const char *got = "";
	for (size_t i = 0; i < ans->count; i++) {
		var_set(s, ans->fields[i], ans->values[i]);
		got = arena_printf(s->a, "%s%s%s = \"%s\"", got, i ? ", " : "", ans->fields[i],
				   ans->values[i]);
	}
	step_line(s, st, arena_printf(s->a, "%s %s: %s", method, url, ans->count ? got :
				      "an answer without fields"));
	const struct doc_node *want = ast_step_arg(st, "response_fields");
	for (size_t i = 0; want && want->kind == DOC_SEQ && i < want->count; i++) {
		const char *f = want->items[i]->text;
		if (want->items[i]->kind == DOC_SCALAR && !var_get(s, f))
			note(s, SIM_EV_NOTE, arena_printf(s->a, "the answer has no '%s'", f));
	}
}

static const struct ast_step *find_label(struct sim *s, const struct ast_flow *fl,
					 const char *label)
{
	struct slot *done = table_get(s->a, &s->labelled, (uintptr_t)fl, 0, NULL);
	if (!done->value) {
		/* Every labelled step of the flow, once: an explicit stack of blocks. */
		done->value = 1;
		const struct ast_block **todo = NULL;
		size_t n = 0, cap = 0;
		ARENA_PUSH(s->a, todo, n, cap, &fl->body);
		while (n) {
			const struct ast_block *b = todo[--n];
			for (size_t i = 0; i < b->count; i++) {
				const struct ast_step *st = &b->steps[i];
				if (st->label)
					table_get(s->a, &s->labels, (uintptr_t)fl, 0,
						  arena_concat(s->a, fl->decl.name, "/", st->label,
							       NULL))->value = (uintptr_t)st;
				ARENA_PUSH(s->a, todo, n, cap, &st->body);
				ARENA_PUSH(s->a, todo, n, cap, &st->else_body);
				ARENA_PUSH(s->a, todo, n, cap, &st->default_body);
				for (size_t j = 0; j < st->ncases; j++)
					ARENA_PUSH(s->a, todo, n, cap, &st->cases[j].body);
			}
		}
	}
	const struct slot *l = table_peek(&s->labels, (uintptr_t)fl, 0,
					  arena_concat(s->a, fl->decl.name, "/", label, NULL));
	return l ? (const struct ast_step *)l->value : NULL;
}

/* goto LABEL: back to a step of this block or an enclosing one. */
static void jump(struct sim *s, const struct ast_flow *fl, const struct ast_step *st)
{
	struct slot *j = table_get(s->a, &s->jumps, (uintptr_t)st, 0, NULL);
	long long limit = arg_int(st, "limit");
	const char *counter = arg_text(st, "counter");
	if (limit > 0 && (long long)j->value >= limit) {
		step_line(s, st, arena_printf(s->a, "%s: limit %lld reached, goes on", st->to.id,
					      limit));
		return;
	}
	if (limit <= 0 && j->value >= LOOP_LIMIT) {
		fail(s, arena_printf(s->a, "goto %s jumped %d times without a limit (stopped)",
				     st->to.id, LOOP_LIMIT));
		return;
	}
	j->value++;
	if (counter)
		var_set(s, counter, arena_printf(s->a, "%zu", (size_t)j->value));
	step_line(s, st, limit > 0 ? arena_printf(s->a, "%s (jump %zu of %lld)", st->to.id,
						  (size_t)j->value, limit) :
		  arena_printf(s->a, "%s (jump %zu)", st->to.id, (size_t)j->value));
	const struct ast_step *target = find_label(s, fl, st->to.id);
	for (size_t k = s->nframes; target && k-- > 0;) {
		const struct ast_block *b = s->frames[k].b;
		if (target >= b->steps && target < b->steps + b->count) {
			s->nframes = k + 1;
			s->frames[k].i = (size_t)(target - b->steps);
			return;
		}
	}
	fail(s, arena_printf(s->a, "goto %s: no such step has run", st->to.id));
}

static void choose_case(struct sim *s, const struct ast_step *st)
{
	const char *v = var_get(s, st->var);
	v = v ? v : "";
	for (size_t i = 0; i < st->ncases; i++) {
		if (strcmp(st->cases[i].value, v) == 0) {
			step_line(s, st, arena_printf(s->a, "%s = \"%s\": case %s", st->var, v,
						      quoted(s, st->cases[i].value)));
			push_frame(s, &st->cases[i].body, NULL);
			return;
		}
	}
	step_line(s, st, arena_printf(s->a, "%s = \"%s\": %s", st->var, v,
				      st->has_default ? "default" : "no case matches"));
	if (st->has_default)
		push_frame(s, &st->default_body, NULL);
}

static void start_for_each(struct sim *s, const struct ast_step *st)
{
	const char *list = expand(s, st, "in");
	if (!list)
		return;
	const char *delim = arg_text(st, "delimiter");
	delim = delim && *delim ? delim : ",";
	const char **items = NULL;
	size_t n = 0, cap = 0;
	for (const char *p = list; *list;) {
		const char *d = strstr(p, delim);
		ARENA_PUSH(s->a, items, n, cap, arena_strndup(s->a, p, d ? (size_t)(d - p) : strlen(p)));
		if (!d)
			break;
		p = d + strlen(delim);
	}
	if (!n) {
		step_line(s, st, arena_printf(s->a, "%s in \"\": no items", st->var));
		return;
	}
	push_frame(s, &st->body, st);
	struct frame *f = &s->frames[s->nframes - 1];
	f->items = items;
	f->nitems = n;
	f->next = 1;
	var_set(s, st->var, items[0]);
	step_line(s, st, arena_printf(s->a, "%s = \"%s\" (1 of %zu)", st->var, items[0], n));
}

/* A loop step starts; the body runs at least once for repeat_*. */
static void start_loop(struct sim *s, const struct ast_step *st)
{
	bool yes = true;
	if (st->kind == STEP_FOR_EACH) {
		start_for_each(s, st);
		return;
	}
	if (st->kind == STEP_WHILE) {
		if (!eval_cond(s, st, &yes))
			return;
		step_line(s, st, arena_printf(s->a, "%s: %s", st->cond, yes ? "true" : "false"));
	} else {
		step_line(s, st, "(runs the body)");
	}
	if (yes)
		push_frame(s, &st->body, st);
}

/* The end of a block: a loop decides whether to go round again. */
static void block_end(struct sim *s)
{
	struct frame *f = &s->frames[s->nframes - 1];
	const struct ast_step *st = f->owner;
	bool again = false;
	if (!st) {
		s->nframes--;
		return;
	}
	if (st->kind == STEP_FOR_EACH) {
		again = f->next < f->nitems;
		if (again) {
			var_set(s, st->var, f->items[f->next]);
			step_line(s, st, arena_printf(s->a, "%s = \"%s\" (%zu of %zu)", st->var,
						      f->items[f->next], f->next + 1, f->nitems));
			f->next++;
		}
	} else {
		bool yes;
		if (!eval_cond(s, st, &yes))
			return;
		again = st->kind == STEP_REPEAT_UNTIL ? !yes : yes;
		step_line(s, st, arena_printf(s->a, "%s: %s%s", st->cond, yes ? "true" : "false",
					      again ? arena_printf(s->a, " (iteration %u)",
								   f->iter + 1) : ""));
	}
	if (!again) {
		s->nframes--;
		return;
	}
	if (++f->iter > LOOP_LIMIT) {
		fail(s, arena_printf(s->a, "%s ran %d times (stopped)", ast_step_names[st->kind],
				     LOOP_LIMIT));
		return;
	}
	f->i = 0;
}

/* dial and goto menu:X leave the flow: to an object, or to the call's end. */
static void leave_flow(struct sim *s, const struct ast_dest *d)
{
	if (d->ref && d->ref->kind != DECL_ENDPOINT)
		route(s, d, NULL);
	else
		end_at(s, d);
}

static void dial_to_many(struct sim *s, const struct ast_step *st)
{
	const struct doc_node *to = ast_step_arg(st, "to");
	const char *all = "";
	for (size_t i = 0; to && i < to->count; i++)
		all = arena_printf(s->a, "%s%s%s", all, i ? ", " : "", to->items[i]->text);
	bool parallel = arg_text(st, "parallel") && strcmp(arg_text(st, "parallel"), "true") == 0;
	step_line(s, st, arena_printf(s->a, "%s (%s)", all, parallel ? "in parallel" : "in turn"));
	if (!to || !to->count || to->items[0]->kind != DOC_SCALAR ||
	    strncmp(to->items[0]->text, "phone:", 6) != 0) {
		end_hangup(s);
		return;
	}
	struct ast_dest first = { .kind = DEST_PHONE, .id = to->items[0]->text + 6 };
	end_at(s, &first);
}

static void simple_step(struct sim *s, const struct ast_step *st)
{
	const char *a, *b;         /* expanded templates */
	switch (st->kind) {
	case STEP_SAY:
		if ((a = expand(s, st, "text")))
			step_line(s, st, quoted(s, a));
		break;
	case STEP_PLAY:
	case STEP_PLAY_TTY:
	case STEP_PLAY_UPLOAD:
		if ((a = expand(s, st, st->kind == STEP_PLAY ? "url" : st->kind == STEP_PLAY_TTY
				? "text" : "file")))
			step_line(s, st, arg_text(st, "loop") ? arena_printf(s->a, "%s (%s times)", a,
								      arg_text(st, "loop")) : a);
		break;
	case STEP_PLAY_RECORDING:
		if (st->recording.rec)
			play(s, &st->recording);
		else
			step_line(s, st, arena_printf(s->a, "%s (a provider's recording id)",
						      arg_text(st, "recording")));
		break;
	case STEP_RECORD:
		step_line(s, st, arg_text(st, "seconds") ?
			  arena_printf(s->a, "(a message of up to %ss)", arg_text(st, "seconds")) :
			  "(a message)");
		break;
	case STEP_PAUSE:
		step_line(s, st, arena_printf(s->a, "%s", arg_text(st, "seconds")));
		break;
	case STEP_SET:
		if ((a = expand(s, st, "value"))) {
			var_set(s, st->var, a);
			step_line(s, st, arena_printf(s->a, "%s = \"%s\"", st->var, a));
		}
		break;
	case STEP_SEND_SMS:
		if ((a = expand(s, st, "to")) && (b = expand(s, st, "text")))
			step_line(s, st, arena_printf(s->a, "to %s: \"%s\"", a, b));
		break;
	case STEP_MACHINE_DETECTION:
		var_set(s, "machineAnswered", "false");
		step_line(s, st, "machineAnswered = \"false\" (assumed: a person answered)");
		break;
	default:
		break;
	}
}

/* Runs one step of the flow on top of the stack. */
static void flow_step(struct sim *s, const struct ast_flow *fl, const struct ast_step *st)
{
	bool yes;
	switch (st->kind) {
	case STEP_COLLECT: collect(s, st); break;
	case STEP_CAPTURE: capture(s, st); break;
	case STEP_CALL_API: call_api(s, st); break;
	case STEP_SWITCH: choose_case(s, st); break;
	case STEP_IF:
		if (!eval_cond(s, st, &yes))
			break;
		step_line(s, st, arena_printf(s->a, "%s: %s", st->cond, yes ? "true" : "false"));
		if (yes)
			push_frame(s, &st->body, NULL);
		else if (st->has_else)
			push_frame(s, &st->else_body, NULL);
		break;
	case STEP_WHILE: case STEP_REPEAT_WHILE: case STEP_REPEAT_UNTIL: case STEP_FOR_EACH:
		start_loop(s, st);
		break;
	case STEP_GOTO:
		if (st->to.kind != DEST_MENU) {
			jump(s, fl, st);
			break;
		}
		step_line(s, st, sim_dest_text(s->a, &st->to));
		leave_flow(s, &st->to);
		break;
	case STEP_DIAL: {
		/* A number the call computes (phone:${number}): as it comes out. */
		const char *to = ast_step_template(st, ast_step_arg(st, "to"))
			? expand(s, st, "to") : sim_dest_text(s->a, &st->to);
		if (!to)
			break;
		step_line(s, st, to);
		leave_flow(s, &st->to);
		break;
	}
	case STEP_DIAL_TO_MANY: dial_to_many(s, st); break;
	case STEP_DIAL_WEBRTC: case STEP_DIAL_CONVERSATIONS:
		step_line(s, st, "(the call is connected there)");
		unmute(s);
		add_stop(s, NULL, DEST_NONE, NULL, ast_step_names[st->kind]);
		event(s, SIM_EV_END)->dest = ast_step_names[st->kind];
		s->r->status = SIM_ENDED;
		s->done = true;
		break;
	case STEP_HANGUP: end_hangup(s); break;
	default: simple_step(s, st); break;
	}
}

static void run_flow(struct sim *s, const struct ast_flow *fl)
{
	s->nframes = 0;
	push_frame(s, &fl->body, NULL);
	while (s->nframes && !s->done && !s->next) {
		if (++s->flow_steps > STEP_LIMIT) {
			fail(s, arena_printf(s->a, "the call ran %d flow steps (stopped)", STEP_LIMIT));
			return;
		}
		struct frame *f = &s->frames[s->nframes - 1];
		if (f->i >= f->b->count)
			block_end(s);
		else
			flow_step(s, fl, &f->b->steps[f->i++]);
	}
	if (!s->done && !s->next) {
		note(s, SIM_EV_NOTE, arena_printf(s->a, "the steps of flow:%s ran out: the call "
						  "ends", fl->decl.name));
		end_hangup(s);
	}
}

/* ---------- the call ---------- */

static void run_voicemail(struct sim *s, const struct ast_voicemail *v)
{
	const char *text = sim_decl_text(s->a, &v->decl);
	unmute(s);
	add_stop(s, &v->decl, DEST_NONE, NULL, text);
	play(s, &v->greeting);
	note(s, SIM_EV_NOTE, arena_printf(s->a, "the caller leaves a message for %s",
					  sim_dest_text(s->a, &v->deliver_to)));
	play(s, &v->goodbye);
	event(s, SIM_EV_END)->dest = text;
	s->r->status = SIM_ENDED;
	s->done = true;
}

/* "2026-12-25 09:00 (Fri)". */
static const char *local_text(struct arena *a, int64_t local)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	int64_t day = local >= 0 ? local / 86400 : (local - 86399) / 86400, y;
	unsigned m, d;
	tz_civil_from_days(day, &y, &m, &d);
	int64_t secs = local - day * 86400;
	return arena_printf(a, "%04lld-%02u-%02u %02lld:%02lld (%s)", (long long)y, m, d,
			    (long long)(secs / 3600), (long long)(secs % 3600 / 60),
			    days[tz_weekday(day)]);
}

/* A target without schedules builds one branch the file picked
 * (schedules.X.<target>.branch): every call takes it, at any time. */
static void run_one_branch(struct sim *s, const struct ast_schedule *sc)
{
	int ti = ast_target_index(s->c->p, s->bh->target);
	const char *branch = NULL;
	const struct ast_dest *to = ti < 0 ? NULL : ast_schedule_branch(sc, (size_t)ti, &branch);
	if (!to) {
		fail(s, arena_printf(s->a, "%s builds no branch of schedule:%s", s->bh->target,
				     sc->decl.name));
		return;
	}
	note(s, SIM_EV_NOTE, arena_printf(s->a, "%s: schedule %s: every call takes its '%s' "
					  "branch -> %s", s->bh->target, sc->decl.name, branch,
					  sim_dest_text(s->a, to)));
	route(s, to, NULL);
}

/* The call takes the branch of the schedule's calendar at the call's time,
 * in the calendar's zone. */
static void run_schedule(struct sim *s, const struct ast_schedule *sc)
{
	const struct ast_moment *clock = s->c->clock;
	const struct ast_calendar *cal = sc->calendar;
	if (s->bh->schedule_one_branch) {
		run_one_branch(s, sc);
		return;
	}
	if (!clock) {
		fail(s, arena_printf(s->a, "schedule:%s routes by the time of the call: give one "
				     "(simulate --at \"2026-12-25 09:00\", a test's at:)",
				     sc->decl.name));
		return;
	}
	if (!cal || !cal->zone) {
		fail(s, "a schedule without its calendar");
		return;
	}
	int64_t local = clock->seconds;
	if (clock->instant) {
		local = clock->seconds + tz_offset(cal->zone, clock->seconds);
	} else {
		int64_t utc;
		enum tz_local k = tz_local_to_utc(cal->zone, clock->seconds, &utc);
		if (k == TZ_LOCAL_SKIPPED) {
			fail(s, arena_printf(s->a, "%s does not happen in %s: the clocks skip it",
					     clock->text, cal->timezone));
			return;
		}
		if (k == TZ_LOCAL_REPEATED)
			note(s, SIM_EV_NOTE, arena_printf(s->a, "%s happens twice in %s (the "
							  "clocks go back): the first is taken",
							  clock->text, cal->timezone));
	}
	struct calendar_why why;
	enum calendar_state st = calendar_at(cal, local, &why);
	const struct ast_dest *to = st == CAL_OPEN ? &sc->open
		: st == CAL_HOLIDAY && sc->holiday.kind != DEST_NONE ? &sc->holiday : &sc->closed;
	const char *reason = "closed";
	char buf[CALENDAR_TEXT_MAX];
	if (st == CAL_OPEN)
		reason = arena_printf(s->a, "open (%s%s)", calendar_range_text(buf, why.hours),
				      why.from_yesterday ? ", from the day before" : "");
	else if (st == CAL_HOLIDAY)
		reason = arena_printf(s->a, "holiday (%s%s)", why.holiday->year ? "" : "every ",
				      calendar_holiday_text(buf, why.holiday));
	note(s, SIM_EV_NOTE, arena_printf(s->a, "schedule %s: %s %s: %s -> %s", sc->decl.name,
					  local_text(s->a, local), cal->timezone, reason,
					  sim_dest_text(s->a, to)));
	route(s, to, NULL);
}

/* Goes where s->next says: one object, or the end. */
static void go(struct sim *s)
{
	const struct ast_dest *d = s->next;
	const struct ast_decl *self = s->next_self;
	s->next = NULL;
	const struct ast_decl *obj = d->kind == DEST_REPEAT ? self : d->ref;
	if (!obj || obj->kind == DECL_ENDPOINT) {
		if (d->kind == DEST_REPEAT || (d->kind != DEST_HANGUP && !obj && !d->id))
			fail(s, "a route with nowhere to go");
		else
			end_at(s, d);
		return;
	}
	if (obj->kind == DECL_VOICEMAIL) {
		run_voicemail(s, (const struct ast_voicemail *)obj);
		return;
	}
	struct copy *c = enter(s, obj);
	if (!c)
		return;
	if (obj->kind == DECL_MENU) {
		run_menu(s, (const struct ast_menu *)obj, c);
	} else if (obj->kind == DECL_ANNOUNCEMENT) {
		const struct ast_announcement *an = (const struct ast_announcement *)obj;
		play(s, &an->prompt);
		route(s, &an->then, NULL);
	} else if (obj->kind == DECL_FLOW) {
		run_flow(s, (const struct ast_flow *)obj);
	} else if (obj->kind == DECL_SCHEDULE) {
		run_schedule(s, (const struct ast_schedule *)obj);
	} else {
		fail(s, "a route to something that is not a place in a call");
	}
}

void sim_run(const struct sim_call *c, struct arena *a, struct sim_result *out)
{
	static const struct sim_behaviour language = { 0 };
	memset(out, 0, sizeof *out);
	struct sim s = { .c = c, .bh = c->behaviour ? c->behaviour : &language, .a = a, .r = out };
	const struct ast_program *p = c->p;
	s.idle_limit = 1000 + p->nmenus + p->nannouncements + p->nvoicemails + p->nflows +
		       p->nendpoints;
	/* The provider's built-ins: placeholders, so that transcripts show them. */
	var_set(&s, "from", "<from>");
	var_set(&s, "to", "<to>");
	var_set(&s, "startTime", "<startTime>");
	var_set(&s, "answerTime", "<answerTime>");
	route(&s, c->start, NULL);
	while (!s.done && s.next)
		go(&s);
	if (!s.done)
		fail(&s, "the call stopped without an end");
	size_t left = c->ninput - s.in;
	if (left && out->status != SIM_FAILED) {
		size_t size = 1;
		for (size_t i = s.in; i < c->ninput; i++)
			size += strlen(c->input[i].text) + 6;
		char *rest = arena_alloc(a, size), *end = rest;
		for (size_t i = s.in; i < c->ninput; i++)
			end += sprintf(end, " %s%s", c->input[i].kind == SIM_IN_SPEECH ? "said:" : "",
				       c->input[i].text);
		note(&s, SIM_EV_NOTE, arena_printf(a, "%zu input event%s not read:%s", left,
						   left == 1 ? "" : "s", rest));
	}
}

bool sim_stop_is(const struct sim_stop *s, const struct ast_dest *d)
{
	if (d->ref)
		return s->decl == d->ref;
	if (s->decl || s->kind != d->kind)
		return false;
	return d->kind == DEST_HANGUP || (s->id && d->id && strcmp(s->id, d->id) == 0);
}

/* ---------- printing ---------- */

static void print_key_result(FILE *out, const struct sim_event *e)
{
	switch (e->result) {
	case SIM_R_OPTION:
		fprintf(out, " -> %s", e->dest);
		break;
	case SIM_R_RETRY:
		fprintf(out, "%s (%s %lld of %lld %s)",
			e->kind == SIM_EV_KEY ? ": not an option" : "", e->name,
			(long long)e->count, (long long)e->retries,
			e->retries == 1 ? "retry" : "retries");
		break;
	case SIM_R_GIVE_UP:
		if (e->retries)
			fprintf(out, "%s (%s %lld, %lld %s used up) -> %s",
				e->kind == SIM_EV_KEY ? ": not an option" : "", e->name,
				(long long)e->count, (long long)e->retries,
				e->retries == 1 ? "retry" : "retries", e->dest);
		else
			fprintf(out, "%s (%s %lld, no retries) -> %s",
				e->kind == SIM_EV_KEY ? ": not an option" : "", e->name,
				(long long)e->count, e->dest);
		break;
	case SIM_R_TARGET:
		if (e->kind == SIM_EV_KEY)
			fputs(": not an option", out);
		if (e->dest)
			fprintf(out, " -> %s", e->dest);
		break;
	case SIM_R_NONE:
		break;
	}
}

static void print_event(FILE *out, const struct sim_event *e)
{
	switch (e->kind) {
	case SIM_EV_ENTER: fprintf(out, "enter %s", e->dest); break;
	case SIM_EV_PROMPT:
		fprintf(out, "prompt %s", e->name);
		if (e->text)
			fprintf(out, ": \"%s\"", e->text);
		break;
	case SIM_EV_KEY:
		fprintf(out, "key %s", e->key);
		print_key_result(out, e);
		break;
	case SIM_EV_SILENCE:
		fputs("silence", out);
		print_key_result(out, e);
		break;
	case SIM_EV_SPEECH: fprintf(out, "said \"%s\"", e->text); break;
	case SIM_EV_STEP:
		fputs(e->name, out);
		if (e->text)
			fprintf(out, " %s", e->text);
		break;
	case SIM_EV_NOTE: fprintf(out, "note: %s", e->text); break;
	case SIM_EV_TARGET: fprintf(out, "%s: %s", e->name, e->text); break;
	case SIM_EV_END:
		fprintf(out, "end %s", e->dest);
		if (e->text)
			fprintf(out, " (%s)", e->text);
		break;
	case SIM_EV_WAIT: fprintf(out, "waiting at %s: no more input", e->dest); break;
	case SIM_EV_ERROR: fprintf(out, "error: %s", e->text); break;
	}
}

static void print_path(FILE *out, const struct sim_result *r)
{
	fputs("path:", out);
	for (size_t i = 0; i < r->npath; i++)
		fprintf(out, "%s %s", i ? " ->" : "", r->path[i].text);
}

/* A transcript line, escaped as text output is (shown.h): prompt texts
 * and names come from the file. */
static void print_line(FILE *out, const struct sim_result *r, const struct sim_event *e)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m)
		return;
	if (e)
		print_event(m, e);
	else
		print_path(m, r);
	fclose(m);
	shown_write(out, text, len);
	fputc('\n', out);
	free(text);
}

void sim_print_text(FILE *out, const struct sim_result *r)
{
	for (size_t i = 0; i < r->nevents; i++)
		print_line(out, r, &r->events[i]);
	print_line(out, r, NULL);
}

static const char *const event_names[] = {
	[SIM_EV_ENTER] = "enter", [SIM_EV_PROMPT] = "prompt", [SIM_EV_KEY] = "key",
	[SIM_EV_SILENCE] = "silence", [SIM_EV_SPEECH] = "said", [SIM_EV_STEP] = "step",
	[SIM_EV_NOTE] = "note", [SIM_EV_TARGET] = "target", [SIM_EV_END] = "end",
	[SIM_EV_WAIT] = "waiting", [SIM_EV_ERROR] = "error",
};

static const char *const result_names[] = {
	[SIM_R_NONE] = NULL, [SIM_R_OPTION] = "option", [SIM_R_RETRY] = "retry",
	[SIM_R_GIVE_UP] = "give_up", [SIM_R_TARGET] = "target",
};

static void add_opt(cJSON *o, const char *key, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, key, v);
}

static cJSON *event_json(const struct sim_event *e)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "event", event_names[e->kind]);
	add_opt(o, "key", e->key);
	if (e->kind == SIM_EV_STEP)
		add_opt(o, "step", e->name);
	else if (e->kind == SIM_EV_PROMPT)
		add_opt(o, "recording", e->name);
	else if (e->kind == SIM_EV_TARGET)
		add_opt(o, "target", e->name);
	else if (e->result == SIM_R_RETRY || e->result == SIM_R_GIVE_UP ||
		 e->result == SIM_R_TARGET)
		add_opt(o, "handler", e->name);
	add_opt(o, "result", result_names[e->result]);
	if (e->result == SIM_R_RETRY || e->result == SIM_R_GIVE_UP) {
		cJSON_AddNumberToObject(o, "count", (double)e->count);
		cJSON_AddNumberToObject(o, "retries", (double)e->retries);
	}
	add_opt(o, e->kind == SIM_EV_KEY || e->kind == SIM_EV_SILENCE ? "to" : "dest", e->dest);
	add_opt(o, e->kind == SIM_EV_END ? "target_literal" :
		e->kind == SIM_EV_STEP ? "detail" : "text", e->text);
	return o;
}

cJSON *sim_json(const struct sim_result *r, size_t ninput)
{
	static const char *const status[] = { "ended", "waiting", "failed" };
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "status", status[r->status]);
	cJSON *path = cJSON_AddArrayToObject(o, "path");
	for (size_t i = 0; i < r->npath; i++)
		cJSON_AddItemToArray(path, cJSON_CreateString(r->path[i].text));
	if (r->status != SIM_FAILED && r->npath)
		cJSON_AddStringToObject(o, "end", r->path[r->npath - 1].text);
	else
		cJSON_AddNullToObject(o, "end");
	cJSON_AddNumberToObject(o, "read", (double)r->consumed);
	cJSON_AddNumberToObject(o, "unread", (double)(ninput - r->consumed));
	cJSON *ev = cJSON_AddArrayToObject(o, "events");
	for (size_t i = 0; i < r->nevents; i++)
		cJSON_AddItemToArray(ev, event_json(&r->events[i]));
	return o;
}

/* The capability table says which keys a target's menus take and whether
 * they have an invalid handler, and how its calls differ from the language
 * (caps.h; docs/TARGETS.md). */
void sim_behaviour_of(const struct target_caps *caps, struct sim_behaviour *b)
{
	memset(b, 0, sizeof *b);
	b->target = caps->name;
	b->keys = caps->keys;
	b->no_invalid_handler = caps->no_invalid_handler != NULL;
	b->no_input_at_once = caps->no_input_at_once;
	b->final_prompt_fallback = caps->final_prompt_fallback;
	b->schedule_one_branch = caps->schedules == SCHEDULES_ONE_BRANCH;
}
