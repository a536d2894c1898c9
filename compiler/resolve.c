/* The resolver and type checker (see resolve.h). It runs in passes over the
 * bound program: declare names, resolve references, then check each selected
 * target's capabilities and limits. One bad reference is one error: later
 * passes skip what an earlier pass could not resolve. */
#include "resolve.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "codes.h"
#include "flow_vars.h"
#include "hash.h"
#include "tz.h"

struct symtab {
	struct ast_decl **slots;
	size_t cap, count;
};

struct resolver {
	struct ast_program *p;
	struct arena *a;
	struct diag *d;
	struct symtab names;        /* menus, announcements, voicemails, flows, endpoints */
	struct symtab recordings;
	struct symtab calendars;
	const struct target_caps *caps;   /* the target being checked */
	size_t ti;                        /* its index in the program's target set */
	unsigned char *rec_reported;      /* per recording: reported for this target */
	struct endpoint_use *endpoint_uses;   /* per endpoint, for this target */
};

/* The routes through one endpoint whose literal the target refuses or is
 * unsure of: said once, at the endpoint, with how many routes use it. */
struct endpoint_use {
	struct span *routes;          /* the first DIAG_MAX_RELATED of them */
	size_t count, cap;
};

/* ---------- symbol tables (open addressing, names live in the arena) ---------- */

static void symtab_init(struct resolver *r, struct symtab *t, size_t n)
{
	t->cap = 16;
	while (t->cap < n * 2)
		t->cap *= 2;
	t->slots = arena_alloc(r->a, t->cap * sizeof *t->slots);
	t->count = 0;
}

static struct ast_decl *symtab_get(const struct symtab *t, const char *name)
{
	for (size_t i = hash_string(name) & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		if (!t->slots[i] || strcmp(t->slots[i]->name, name) == 0)
			return t->slots[i];
	}
}

/* "a menu", "an endpoint". */
static const char *article(const char *word)
{
	return strchr("aeiou", word[0]) ? "an" : "a";
}

/* Adds d, or reports the name as declared twice. */
static void declare(struct resolver *r, struct symtab *t, struct ast_decl *d)
{
	size_t i = hash_string(d->name) & (t->cap - 1);
	while (t->slots[i] && strcmp(t->slots[i]->name, d->name) != 0)
		i = (i + 1) & (t->cap - 1);
	if (t->slots[i]) {
		const struct ast_decl *first = t->slots[i];
		struct linecol lc = source_linecol(first->name_span.src, first->name_span.offset);
		bool here = first->name_span.src == d->name_span.src;
		diag_error(r->d, IVR_DUPLICATE_NAME, d->name_span,
			   "'%s' is already defined as %s %s (first defined at %s%s%u:%u)", d->name,
			   article(ast_decl_kind_names[first->kind]),
			   ast_decl_kind_names[first->kind], here ? "" : first->name_span.src->path,
			   here ? "" : ":", lc.line, lc.column);
		return;
	}
	t->slots[i] = d;
	t->count++;
}

/* The best "did you mean" among declared names of a kind (all kinds when
 * kind is DECL_KIND_COUNT). */
static const char *suggest(struct resolver *r, const struct symtab *t, const char *word,
			   enum decl_kind kind)
{
	/* Past the cap nothing more is shown: skip the O(names) search. */
	if (r->d->errors >= r->d->max_errors)
		return NULL;
	const char **names = malloc((t->count + 1) * sizeof *names);
	size_t n = 0;
	if (!names)
		abort();
	/* Candidates in source order so that ties are stable. */
	for (size_t i = 0; i < t->cap; i++)
		if (t->slots[i] && (kind == DECL_KIND_COUNT || t->slots[i]->kind == kind))
			names[n++] = t->slots[i]->name;
	const char *hint = diag_suggest(word, names, n);
	hint = hint ? arena_strdup(r->a, hint) : NULL;
	free(names);
	return hint;
}

static int by_position(const void *a, const void *b)
{
	const struct ast_decl *x = *(const struct ast_decl *const *)a;
	const struct ast_decl *y = *(const struct ast_decl *const *)b;
	uint64_t px = span_place(x->name_span), py = span_place(y->name_span);
	return (px > py) - (px < py);
}

#define COLLECT(arr, n, list, count) \
	for (size_t i_ = 0; i_ < (n); i_++) (list)[(count)++] = &(arr)[i_]->decl

/* Names are declared in source order, so that a clash is reported at the
 * second place whatever the kinds. */
static void declare_all(struct resolver *r)
{
	struct ast_program *p = r->p;
	size_t n = p->nmenus + p->nannouncements + p->nvoicemails + p->nflows + p->nendpoints +
		   p->nschedules;
	struct ast_decl **all = arena_alloc(r->a, (n + 1) * sizeof *all);
	size_t count = 0;
	COLLECT(p->endpoints, p->nendpoints, all, count);
	COLLECT(p->menus, p->nmenus, all, count);
	COLLECT(p->announcements, p->nannouncements, all, count);
	COLLECT(p->voicemails, p->nvoicemails, all, count);
	COLLECT(p->flows, p->nflows, all, count);
	COLLECT(p->schedules, p->nschedules, all, count);
	qsort(all, count, sizeof *all, by_position);
	symtab_init(r, &r->names, n);
	symtab_init(r, &r->recordings, p->nrecordings);
	symtab_init(r, &r->calendars, p->ncalendars);
	for (size_t i = 0; i < count; i++)
		declare(r, &r->names, all[i]);
	for (size_t i = 0; i < p->nrecordings; i++)
		declare(r, &r->recordings, &p->recordings[i]->decl);
	for (size_t i = 0; i < p->ncalendars; i++)
		declare(r, &r->calendars, &p->calendars[i]->decl);
}

/* ---------- references ---------- */

static bool is_reference(enum dest_kind k)
{
	return k == DEST_NAME || k == DEST_MENU || k == DEST_ANNOUNCEMENT ||
	       k == DEST_VOICEMAIL || k == DEST_FLOW || k == DEST_SCHEDULE;
}

static enum decl_kind decl_of_dest(enum dest_kind k)
{
	switch (k) {
	case DEST_MENU: return DECL_MENU;
	case DEST_ANNOUNCEMENT: return DECL_ANNOUNCEMENT;
	case DEST_VOICEMAIL: return DECL_VOICEMAIL;
	case DEST_FLOW: return DECL_FLOW;
	case DEST_SCHEDULE: return DECL_SCHEDULE;
	default: return DECL_KIND_COUNT;
	}
}

static void unknown_ref(struct resolver *r, struct ast_dest *dest, enum decl_kind want)
{
	const char *hint = suggest(r, &r->names, dest->id, want);
	const char *prefix = want == DECL_KIND_COUNT ? "" : ast_decl_kind_names[want];
	const char *colon = want == DECL_KIND_COUNT ? "" : ":";
	if (hint)
		diag_error(r->d, IVR_UNKNOWN_REF, dest->span,
			   "unknown destination '%s%s%s'; did you mean '%s%s%s'?", prefix,
			   colon, dest->id, prefix, colon, hint);
	else
		diag_error(r->d, IVR_UNKNOWN_REF, dest->span, "unknown destination '%s%s%s'",
			   prefix, colon, dest->id);
}

/* Resolves a reference; `repeat_ok` is true where `repeat` means something. */
static void resolve_dest(struct resolver *r, struct ast_dest *dest, bool repeat_ok)
{
	if (dest->kind == DEST_REPEAT && !repeat_ok) {
		diag_error(r->d, IVR_REPEAT_OUTSIDE_MENU, dest->span,
			   "'repeat' only has a meaning inside a menu");
		return;
	}
	if (!is_reference(dest->kind))
		return;
	enum decl_kind want = decl_of_dest(dest->kind);
	struct ast_decl *d = symtab_get(&r->names, dest->id);
	if (!d) {
		unknown_ref(r, dest, want);
		return;
	}
	if (want != DECL_KIND_COUNT && d->kind != want) {
		diag_error(r->d, IVR_WRONG_KIND, dest->span, "'%s' is %s %s, not %s %s",
			   dest->id, article(ast_decl_kind_names[d->kind]), ast_decl_kind_names[d->kind],
			   article(ast_decl_kind_names[want]), ast_decl_kind_names[want]);
		return;
	}
	dest->ref = d;
}

/* A name of kind `kind` that table t does not have: "unknown recording 'x'",
 * with the closest declared name when one is close. */
static void unknown_name(struct resolver *r, unsigned code, struct span at,
			 const struct symtab *t, enum decl_kind kind, const char *name)
{
	const char *hint = suggest(r, t, name, kind);
	if (hint)
		diag_error(r->d, code, at, "unknown %s '%s'; did you mean '%s'?",
			   ast_decl_kind_names[kind], name, hint);
	else
		diag_error(r->d, code, at, "unknown %s '%s'", ast_decl_kind_names[kind], name);
}

static void resolve_recording(struct resolver *r, struct ast_recref *ref)
{
	if (!ref->name)
		return;
	struct ast_decl *d = symtab_get(&r->recordings, ref->name);
	if (d) {
		ref->rec = (struct ast_recording *)d;
		return;
	}
	unknown_name(r, IVR_UNKNOWN_RECORDING, ref->span, &r->recordings, DECL_RECORDING,
		     ref->name);
}

static void resolve_handler(struct resolver *r, struct ast_handler *h)
{
	if (!h->present)
		return;
	resolve_recording(r, &h->prompt);
	resolve_recording(r, &h->final_prompt);
	resolve_dest(r, &h->then, true);
}

static void resolve_menu(struct resolver *r, struct ast_menu *m)
{
	resolve_recording(r, &m->prompt);
	for (size_t i = 0; i < m->noptions; i++) {
		resolve_dest(r, &m->options[i].to, true);
		for (size_t j = 0; j < i; j++) {
			if (m->options[j].key != m->options[i].key)
				continue;
			struct linecol lc = source_linecol(m->options[j].span.src,
							   m->options[j].span.offset);
			diag_error(r->d, IVR_DUPLICATE_OPTION, m->options[i].span,
				   "key '%c' is already an option of menu '%s' (at %u:%u)",
				   m->options[i].key, m->decl.name, lc.line, lc.column);
			break;
		}
	}
	resolve_handler(r, &m->invalid);
	resolve_handler(r, &m->no_input);
}

/* ---------- flows: labels, jumps, steps that end a block ---------- */

/* A flow's labels, by name: the step that holds it first, and how many
 * steps holding it a goto can see from where the check is. */
struct label_slot {
	const struct ast_step *first;
	size_t visible;
};

struct label_scope {
	const struct ast_step **visible;  /* steps whose label a goto may name */
	size_t n, cap;
	const struct ast_step **all;      /* every labelled step of the flow */
	size_t nall, capall;
	struct label_slot *slots;         /* open addressing on the label */
	size_t nslots;                    /* a power of two, at least twice nall */
	const char **names;               /* all's labels, for "did you mean" */
};

static struct label_slot *label_slot(const struct label_scope *s, const char *label)
{
	for (size_t i = hash_string(label) & (s->nslots - 1);; i = (i + 1) & (s->nslots - 1))
		if (!s->slots[i].first || strcmp(s->slots[i].first->label, label) == 0)
			return &s->slots[i];
}

static bool ends_block(enum step_kind k)
{
	return k == STEP_DIAL || k == STEP_DIAL_TO_MANY || k == STEP_DIAL_WEBRTC ||
	       k == STEP_DIAL_CONVERSATIONS;
}

static void check_goto(struct resolver *r, struct label_scope *s, struct ast_step *st)
{
	if (st->to.kind == DEST_MENU) {
		resolve_dest(r, &st->to, false);
		return;
	}
	if (st->to.kind == DEST_NONE)   /* the binder said why */
		return;
	if (st->to.kind != DEST_NAME) {
		diag_error(r->d, IVR_WRONG_KIND, st->to.span,
			   "'goto' takes a label or 'menu:NAME'");
		return;
	}
	const struct label_slot *slot = label_slot(s, st->to.id);
	if (slot->visible)
		return;
	bool later = slot->first != NULL;
	/* "Did you mean" compares with every label: only while errors are still
	 * kept (past the cap they are only counted). */
	bool kept = r->d->errors < (r->d->max_errors ? r->d->max_errors : 100);
	const char *hint = later || !kept ? NULL : diag_suggest(st->to.id, s->names, s->nall);
	if (later)
		diag_error(r->d, IVR_UNKNOWN_LABEL, st->to.span,
			   "'goto %s' jumps to a step that has not run yet; goto can only go back",
			   st->to.id);
	else if (hint)
		diag_error(r->d, IVR_UNKNOWN_LABEL, st->to.span,
			   "unknown label '%s'; did you mean '%s'?", st->to.id, hint);
	else
		diag_error(r->d, IVR_UNKNOWN_LABEL, st->to.span, "unknown label '%s'", st->to.id);
}

static void check_block(struct resolver *r, struct label_scope *s, struct ast_block *b);

static void check_step(struct resolver *r, struct label_scope *s, struct ast_step *st)
{
	switch (st->kind) {
	case STEP_GOTO:
		check_goto(r, s, st);
		break;
	case STEP_DIAL:
		resolve_dest(r, &st->to, false);
		break;
	case STEP_PLAY_RECORDING:
		if (st->recording.name)
			st->recording.rec = (struct ast_recording *)
				symtab_get(&r->recordings, st->recording.name);
		break;
	default:
		break;
	}
	check_block(r, s, &st->body);
	if (st->has_else)
		check_block(r, s, &st->else_body);
	for (size_t i = 0; i < st->ncases; i++)
		check_block(r, s, &st->cases[i].body);
	if (st->has_default)
		check_block(r, s, &st->default_body);
}

static void check_block(struct resolver *r, struct label_scope *s, struct ast_block *b)
{
	size_t mark = s->n;
	for (size_t i = 0; i < b->count; i++) {
		struct ast_step *st = &b->steps[i];
		if (st->label) {
			ARENA_PUSH(r->a, s->visible, s->n, s->cap, st);
			label_slot(s, st->label)->visible++;
		}
		if (ends_block(st->kind) && i + 1 < b->count)
			diag_error(r->d, IVR_STEP_NOT_LAST, b->steps[i + 1].span,
				   "no step can follow '%s': it ends the call's script",
				   ast_step_names[st->kind]);
		check_step(r, s, st);
	}
	while (s->n > mark)
		label_slot(s, s->visible[--s->n]->label)->visible--;
}

/* Every labelled step of a flow, in source order. Depth is bounded by the
 * front ends. */
static void collect_labels(struct resolver *r, struct label_scope *s, const struct ast_block *b)
{
	for (size_t i = 0; i < b->count; i++) {
		const struct ast_step *st = &b->steps[i];
		if (st->label)
			ARENA_PUSH(r->a, s->all, s->nall, s->capall, st);
		collect_labels(r, s, &st->body);
		collect_labels(r, s, &st->else_body);
		for (size_t c = 0; c < st->ncases; c++)
			collect_labels(r, s, &st->cases[c].body);
		collect_labels(r, s, &st->default_body);
	}
}

/* Every label of a flow, first, by name: so that a goto to a label further
 * down is told apart from an unknown one, and a label used twice is found
 * in one pass. */
static void index_labels(struct resolver *r, struct label_scope *s, const struct ast_block *b)
{
	collect_labels(r, s, b);
	s->nslots = 16;
	while (s->nslots < s->nall * 2)
		s->nslots *= 2;
	s->slots = arena_alloc(r->a, s->nslots * sizeof *s->slots);
	memset(s->slots, 0, s->nslots * sizeof *s->slots);
	s->names = arena_alloc(r->a, (s->nall + 1) * sizeof *s->names);
	for (size_t i = 0; i < s->nall; i++) {
		const struct ast_step *st = s->all[i];
		struct label_slot *slot = label_slot(s, st->label);
		s->names[i] = st->label;
		if (!slot->first) {
			slot->first = st;
			continue;
		}
		struct linecol lc = source_linecol(slot->first->label_span.src,
						   slot->first->label_span.offset);
		diag_error(r->d, IVR_DUPLICATE_LABEL, st->label_span,
			   "label '%s' is already used in this flow (at %u:%u)", st->label,
			   lc.line, lc.column);
	}
}

static void resolve_flows(struct resolver *r)
{
	for (size_t i = 0; i < r->p->nflows; i++) {
		struct label_scope s = { 0 };
		index_labels(r, &s, &r->p->flows[i]->body);
		check_block(r, &s, &r->p->flows[i]->body);
	}
}

/* ---------- everything else that refers to something ---------- */

static void resolve_tests(struct resolver *r)
{
	for (size_t i = 0; i < r->p->ntests; i++) {
		struct ast_test *t = r->p->tests[i];
		resolve_dest(r, &t->start, false);
		for (size_t j = 0; j < t->nexpect; j++)
			resolve_dest(r, &t->expect[j], false);
		resolve_dest(r, &t->expect_end, false);
	}
}

static void resolve_entries(struct resolver *r)
{
	struct ast_program *p = r->p;
	p->entries = arena_alloc(r->a, (p->nentry + 1) * sizeof *p->entries);
	if (!p->has_entry) {
		if (p->nmenus)
			p->entries[p->nentries++] = &p->menus[0]->decl;
		return;
	}
	for (size_t i = 0; i < p->nentry; i++) {
		struct ast_dest *e = &p->entry[i];
		resolve_dest(r, e, false);
		if ((!e->ref && is_reference(e->kind)) || e->kind == DEST_REPEAT)
			continue;   /* already reported */
		if (!e->ref || e->ref->kind == DECL_ENDPOINT || e->ref->kind == DECL_VOICEMAIL) {
			diag_error(r->d, IVR_BAD_ENTRY, e->span,
				   "an entry point is a menu, an announcement, a flow or a schedule");
			continue;
		}
		p->entries[p->nentries++] = e->ref;
	}
}

/* A calendar's zone, from the tz database. */
static void resolve_calendar(struct resolver *r, struct ast_calendar *c)
{
	if (!c->timezone)
		return;
	struct tz *z = arena_alloc(r->a, sizeof *z);
	const char *why = tz_load(r->a, c->timezone, z);
	if (why)
		diag_error(r->d, IVR_UNKNOWN_TIMEZONE, c->timezone_span, "time zone '%s': %s",
			   c->timezone, why);
	else
		c->zone = z;
}

static void resolve_schedule(struct resolver *r, struct ast_schedule *sc)
{
	if (sc->calendar_name) {
		struct ast_decl *d = symtab_get(&r->calendars, sc->calendar_name);
		if (d)
			sc->calendar = (const struct ast_calendar *)d;
		else
			unknown_name(r, IVR_UNKNOWN_REF, sc->calendar_span, &r->calendars,
				     DECL_CALENDAR, sc->calendar_name);
	}
	resolve_dest(r, &sc->open, false);
	resolve_dest(r, &sc->closed, false);
	resolve_dest(r, &sc->holiday, false);
}

static void resolve_all(struct resolver *r)
{
	struct ast_program *p = r->p;
	for (size_t i = 0; i < p->nmenus; i++)
		resolve_menu(r, p->menus[i]);
	for (size_t i = 0; i < p->nannouncements; i++) {
		resolve_recording(r, &p->announcements[i]->prompt);
		resolve_dest(r, &p->announcements[i]->then, false);
	}
	for (size_t i = 0; i < p->nvoicemails; i++) {
		resolve_recording(r, &p->voicemails[i]->greeting);
		resolve_recording(r, &p->voicemails[i]->goodbye);
	}
	for (size_t i = 0; i < p->nbroadcasts; i++) {
		struct ast_dest *dest = &p->broadcasts[i]->destination;
		resolve_dest(r, dest, false);
		bool menu = dest->ref && dest->ref->kind == DECL_MENU;
		if (!menu && dest->kind != DEST_NONE && dest->kind != DEST_IVR &&
		    dest->kind != DEST_REPEAT &&
		    (dest->ref || !is_reference(dest->kind)))
			diag_error(r->d, IVR_WRONG_KIND, dest->span,
				   "a broadcast's destination is a menu or an 'ivr:' literal");
	}
	for (size_t i = 0; i < p->ncalendars; i++)
		resolve_calendar(r, p->calendars[i]);
	for (size_t i = 0; i < p->nschedules; i++)
		resolve_schedule(r, p->schedules[i]);
	resolve_flows(r);
	resolve_tests(r);
	resolve_entries(r);
}

/* ---------- settings of a target ---------- */

/* A remote name pattern: text with {project}, {env} and {name}, the last
 * needed (else every object would have one name), {env} only where the
 * program declares environments. */
static void check_name_pattern(struct resolver *r, const char *key, const struct doc_node *v)
{
	bool name = false;
	for (const char *c = v->text; *c; c++) {
		if (*c != '{')
			continue;
		const char *end = strchr(c, '}');
		size_t n = end ? (size_t)(end - c - 1) : 0;
		bool known = end && ((n == 7 && strncmp(c + 1, "project", 7) == 0) ||
				     (n == 4 && strncmp(c + 1, "name", 4) == 0) ||
				     (n == 3 && strncmp(c + 1, "env", 3) == 0));
		if (!known) {
			diag_error(r->d, IVR_BAD_SETTING, v->span, "setting '%s' holds {project}, "
				   "{env} and {name} in text, got '%s'", key, v->text);
			return;
		}
		name |= n == 4;
		if (n == 3 && !r->p->nenvs)
			diag_error(r->d, IVR_BAD_SETTING, v->span, "setting '%s' names {env}, and the "
				   "file declares no environments", key);
		c = end;
	}
	if (!name)
		diag_error(r->d, IVR_BAD_SETTING, v->span, "setting '%s' needs {name}: without it "
			   "every object would have the same name", key);
}

/* An address a scenario requests: https:// and a host, nothing a request
 * line cannot hold (spaces, control characters), and of placeholders only
 * {calendar} (the calendar asked about). */
static void check_url(struct resolver *r, const char *key, const struct doc_node *v)
{
	const char *s = v->text, *why = NULL;
	if (strncmp(s, "https://", 8) != 0 || !s[8] || s[8] == '/')
		why = "an https:// address with a host";
	for (const char *c = s; *c && !why; c++) {
		if ((unsigned char)*c <= ' ' || *c == 0x7f)
			why = "an address without spaces or control characters";
		else if (*c == '}' || (*c == '{' && strncmp(c, "{calendar}", 10) != 0))
			why = "an address whose only placeholder is {calendar}";
		else if (*c == '{')
			c += 9;
	}
	if (why)
		diag_error(r->d, IVR_BAD_SETTING, v->span, "setting '%s' is %s, got '%s'", key, why,
			   v->text);
}

static void check_settings(struct resolver *r, const struct ast_settings *s,
			   const struct setting_spec *specs, size_t nspecs, const char *where)
{
	const char *names[32];
	size_t n = nspecs < 32 ? nspecs : 32;
	for (size_t i = 0; i < n; i++)
		names[i] = specs[i].name;
	for (size_t i = 0; i < s->count; i++) {
		const struct ast_setting *set = &s->items[i];
		size_t j = 0;
		while (j < nspecs && strcmp(specs[j].name, set->key) != 0)
			j++;
		if (j == nspecs) {
			const char *hint = diag_suggest(set->key, names, n);
			if (hint)
				diag_error(r->d, IVR_UNKNOWN_SETTING, set->key_span,
					   "unknown setting '%s' in %s; did you mean '%s'?",
					   set->key, where, hint);
			else
				diag_error(r->d, IVR_UNKNOWN_SETTING, set->key_span,
					   "unknown setting '%s' in %s", set->key, where);
			continue;
		}
		const struct doc_node *v = set->value;
		if (v->kind != DOC_SCALAR) {
			diag_error(r->d, IVR_BAD_SETTING, v->span,
				   "setting '%s' takes a single value", set->key);
			continue;
		}
		if (specs[j].type == SETTING_NAME_PATTERN)
			check_name_pattern(r, set->key, v);
		if (specs[j].type == SETTING_URL)
			check_url(r, set->key, v);
		if (specs[j].type != SETTING_ENUM)
			continue;
		bool ok = false;
		for (const char *const *c = specs[j].choices; *c; c++)
			ok |= strcmp(*c, v->text) == 0;
		if (ok)
			continue;
		const char *all = "";
		for (const char *const *c = specs[j].choices; *c; c++)
			all = arena_concat(r->a, all, c == specs[j].choices ? "" : ", ", *c, NULL);
		diag_error(r->d, IVR_BAD_SETTING, v->span,
			   "setting '%s' is one of %s, got '%s'", set->key, all, v->text);
	}
}

/* ---------- what the target can express ---------- */

static const char *target_name(const struct resolver *r)
{
	return r->caps->name;
}

static bool builds(const struct resolver *r, enum decl_kind k)
{
	return r->caps->objects & (1u << k);
}

static const char *plural(enum decl_kind k)
{
	static const char *const names[DECL_KIND_COUNT] = {
		"menus", "announcements", "voicemails", "flows", "endpoints", "recordings",
		"broadcasts", "calendars", "schedules",
	};
	return names[k];
}

/* What the target says of a literal destination, at `at`: refused (it
 * cannot route there), unconfirmed (a warning), or nothing. `whose` ends
 * the message (the endpoint that holds the literal). */
/* Returns the finding, or NULL when there is none. */
static struct finding *check_literal(struct resolver *r, const struct ast_dest *lit,
				     struct span at, const char *whose)
{
	unsigned bit = DEST_BIT(lit->kind);
	bool bare = lit->kind == DEST_HANGUP || lit->kind == DEST_REPEAT;
	if (!(r->caps->dest_kinds & bit))
		return diag_error(r->d, IVR_TARGET_DEST, at, "%s cannot route to '%s%s%s'%s",
				  target_name(r), ast_dest_kind_names[lit->kind], bare ? "" : ":",
				  bare ? "" : lit->id, whose);
	if (r->caps->warn_dest_kinds & bit)
		return diag_warning(r->d, IVR_TARGET_DEST_UNCERTAIN, at,
				    "%s's support for '%s:' destinations is not confirmed%s",
				    target_name(r), ast_dest_kind_names[lit->kind], whose);
	return NULL;
}

/* Whether the target has something to say of an endpoint's literal. */
static bool endpoint_has_finding(const struct resolver *r, const struct ast_endpoint *ep)
{
	const struct ast_dest *lit = ast_endpoint_literal(ep, r->ti);
	if (lit->kind == DEST_NONE && lit->span.src)
		return false;   /* written, but not a destination: the binder said so */
	unsigned bit = DEST_BIT(lit->kind);
	return lit->kind == DEST_NONE || !(r->caps->dest_kinds & bit) ||
	       (r->caps->warn_dest_kinds & bit);
}

/* Checks one route of an object that the target builds. A route through an
 * endpoint is counted (report_endpoints says it once). */
static void check_route(struct resolver *r, const struct ast_dest *dest)
{
	if (dest->kind == DEST_NONE || (is_reference(dest->kind) && !dest->ref))
		return;
	if (dest->ref && dest->ref->kind == DECL_ENDPOINT) {
		const struct ast_endpoint *ep = (const struct ast_endpoint *)dest->ref;
		struct endpoint_use *u = &r->endpoint_uses[ep->decl.index];
		if (endpoint_has_finding(r, ep) && u->count++ < DIAG_MAX_RELATED) {
			struct span at = dest->span;
			size_t n = u->count - 1;
			ARENA_PUSH(r->a, u->routes, n, u->cap, at);
		}
		return;
	}
	if (dest->ref && dest->ref->kind == DECL_SCHEDULE) {
		if (r->caps->schedules != SCHEDULES_ANYWHERE &&
		    r->caps->schedules != SCHEDULES_ONE_BRANCH)
			diag_error(r->d, IVR_TARGET_DEST, dest->span,
				   "%s cannot route to schedule '%s' from here: %s", target_name(r),
				   dest->ref->name, r->caps->schedules_why);
		return;
	}
	if (dest->ref) {
		if (!builds(r, dest->ref->kind))
			diag_error(r->d, IVR_TARGET_OBJECT, dest->span,
				   "%s does not build %s; '%s' cannot be routed to there",
				   target_name(r), plural(dest->ref->kind), dest->ref->name);
		return;
	}
	check_literal(r, dest, dest->span, "");
}

/* What check_route counted of each endpoint: one finding, at the endpoint
 * (where it is fixed), not one at every route through it. */
static void report_endpoints(struct resolver *r)
{
	for (size_t i = 0; i < r->p->nendpoints; i++) {
		const struct ast_endpoint *ep = r->p->endpoints[i];
		const struct endpoint_use *u = &r->endpoint_uses[ep->decl.index];
		if (!u->count)
			continue;
		struct linecol lc = source_linecol(u->routes[0].src, u->routes[0].offset);
		const char *uses = u->count == 1
			? arena_printf(r->a, "the route at %u:%u", lc.line, lc.column)
			: arena_printf(r->a, "%zu routes, the first at %u:%u", u->count, lc.line,
				       lc.column);
		const struct ast_dest *lit = ast_endpoint_literal(ep, r->ti);
		struct finding *f = lit->kind == DEST_NONE
			? diag_error(r->d, IVR_TARGET_ENDPOINT, ep->decl.name_span,
				     "endpoint '%s' has no %s literal (%s)", ep->decl.name,
				     target_name(r), uses)
			: check_literal(r, lit, ep->decl.name_span,
					arena_printf(r->a, " (endpoint '%s': %s)", ep->decl.name,
						     uses));
		if (f) {
			f->related_what = "route";
			f->related = u->routes;
			f->nrelated = (uint32_t)(u->count < DIAG_MAX_RELATED ? u->count
									     : DIAG_MAX_RELATED);
		}
	}
}

/* Where a recording is declared (where its id goes), for a finding where
 * it is played: "line 5", or "prompts.ivr.yaml:5" in another file. */
static const char *declared_at(struct resolver *r, const struct ast_recording *rec,
			       const struct ast_recref *ref)
{
	struct linecol at = source_linecol(rec->decl.name_span.src, rec->decl.name_span.offset);
	return rec->decl.name_span.src == ref->span.src
		? arena_printf(r->a, "line %u", at.line)
		: arena_printf(r->a, "%s:%u", rec->decl.name_span.src->path, at.line);
}

static void check_recording_need(struct resolver *r, const struct ast_recref *ref)
{
	const struct ast_recording *rec = ref->rec;
	if (!rec || r->rec_reported[rec->decl.index])
		return;
	const char *t = target_name(r);
	struct finding *f = NULL;
	switch (r->caps->recording_need) {
	case REC_NEED_NOTHING:
		return;
	case REC_NEED_OWN_ID:
		if (ast_recording_id(rec, r->ti))
			return;
		f = diag_error(r->d, IVR_TARGET_RECORDING, ref->span,
			       "recording '%s' (declared at %s) has no '%s' id, which %s needs to "
			       "play it", rec->decl.name, declared_at(r, rec, ref), t, t);
		break;
	case REC_NEED_ID_URL_OR_TEXT:
		if (ast_recording_id(rec, r->ti) || rec->url || rec->text)
			return;
		f = diag_error(r->d, IVR_TARGET_RECORDING, ref->span,
			       "recording '%s' (declared at %s) has no '%s' id, 'url' or 'text', which "
			       "%s needs to play it", rec->decl.name, declared_at(r, rec, ref), t, t);
		break;
	}
	if (f) {
		f->related = &rec->decl.name_span;
		f->nrelated = 1;
		f->related_what = "declaration";
	}
	r->rec_reported[rec->decl.index] = 1;
}

static void check_handler_on_target(struct resolver *r, const struct ast_handler *h)
{
	if (!h->present)
		return;
	check_recording_need(r, &h->prompt);
	check_recording_need(r, &h->final_prompt);
	check_route(r, &h->then);
}

static void check_menu_on_target(struct resolver *r, const struct ast_menu *m)
{
	check_recording_need(r, &m->prompt);
	for (size_t i = 0; i < m->noptions; i++) {
		const struct ast_option *o = &m->options[i];
		check_route(r, &o->to);
		if (!strchr(r->caps->keys, o->key))
			diag_error(r->d, IVR_TARGET_KEY, o->span, "%s menus take no '%c' key%s%s",
				   target_name(r), o->key, r->caps->keys_why ? ": " : "",
				   r->caps->keys_why ? r->caps->keys_why : "");
		else if (r->caps->warn_keys && strchr(r->caps->warn_keys, o->key))
			diag_warning(r->d, IVR_TARGET_KEY_UNCERTAIN, o->span,
				     "%s's support for the '%c' key is not confirmed",
				     target_name(r), o->key);
	}
	check_handler_on_target(r, &m->invalid);
	check_handler_on_target(r, &m->no_input);
	if (m->invalid.present && r->caps->no_invalid_handler)
		diag_warning(r->d, IVR_TARGET_NO_INVALID, m->invalid.span,
			     "%s menus have no 'invalid' handler: %s", target_name(r),
			     r->caps->no_invalid_handler);
	const struct ast_settings *s = ast_menu_settings(m, r->ti);
	if (s->present)
		check_settings(r, s, r->caps->menu_settings, r->caps->nmenu_settings,
			       arena_printf(r->a, "menu '%s' for %s", m->decl.name, target_name(r)));
}

static void check_steps_on_target(struct resolver *r, const struct ast_block *b)
{
	for (size_t i = 0; i < b->count; i++) {
		const struct ast_step *st = &b->steps[i];
		if (st->kind == STEP_DIAL || (st->kind == STEP_GOTO && st->to.kind == DEST_MENU))
			check_route(r, &st->to);
		if (st->recording.rec)
			check_recording_need(r, &st->recording);
		check_steps_on_target(r, &st->body);
		check_steps_on_target(r, &st->else_body);
		for (size_t j = 0; j < st->ncases; j++)
			check_steps_on_target(r, &st->cases[j].body);
		check_steps_on_target(r, &st->default_body);
	}
}

/* ---------- the providers' limits on broadcasts ---------- */

static int compare_datetime(const struct ast_datetime *a, const struct ast_datetime *b)
{
	const int x[] = { a->year, a->month, a->day, a->hour, a->minute, a->second };
	const int y[] = { b->year, b->month, b->day, b->hour, b->minute, b->second };
	for (size_t i = 0; i < 6; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

static void check_dial_statuses(struct resolver *r, const int64_t *v, const struct span *at,
				size_t n, const char *what)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] < r->caps->broadcast_min_dial_status ||
		    v[i] > r->caps->broadcast_max_dial_status)
			diag_error(r->d, IVR_DIAL_STATUS, at[i],
				   "%s dial status codes are %lld to %lld, got %lld in %s",
				   target_name(r), (long long)r->caps->broadcast_min_dial_status,
				   (long long)r->caps->broadcast_max_dial_status, (long long)v[i], what);
}

static void check_broadcast_limits(struct resolver *r, const struct ast_broadcast *b)
{
	const struct target_caps *c = r->caps;
	if (b->ring_timeout_span.src && b->ring_timeout < c->broadcast_min_ring_timeout)
		diag_error(r->d, IVR_RING_TIMEOUT, b->ring_timeout_span,
			   "%s needs a ring timeout of at least %us, got %us", target_name(r),
			   c->broadcast_min_ring_timeout, b->ring_timeout);
	if (b->retries_span.src && b->retries > c->broadcast_max_retries)
		diag_error(r->d, IVR_BROADCAST_RETRIES, b->retries_span,
			   "%s allows at most %lld retries, got %lld", target_name(r),
			   (long long)c->broadcast_max_retries, (long long)b->retries);
	if (b->retries_span.src && (int64_t)b->nretry_after != b->retries)
		diag_error(r->d, IVR_RETRY_AFTER,
			   b->retry_after_span.src ? b->retry_after_span : b->retries_span,
			   "retry_after needs one duration per retry: %lld, got %zu",
			   (long long)b->retries, b->nretry_after);
	for (size_t i = 0; i < b->nretry_after; i++)
		if (b->retry_after[i] % 60 != 0 || b->retry_after[i] == 0)
			diag_error(r->d, IVR_RETRY_AFTER, b->retry_after_spans[i],
				   "%s takes retry_after in whole minutes, got %us", target_name(r),
				   b->retry_after[i]);
	check_dial_statuses(r, b->dial_status, b->dial_status_spans, b->ndial_status,
			    "dial_status");
	check_dial_statuses(r, b->retry_on, b->retry_on_spans, b->nretry_on, "retry_on");
	if (b->window_start_span.src && b->window_end_span.src &&
	    compare_datetime(&b->window_end, &b->window_start) <= 0)
		diag_error(r->d, IVR_WINDOW, b->window_end_span, "the broadcast window ends %s it starts",
			   compare_datetime(&b->window_end, &b->window_start) ? "before" : "when");
}

/* Whether the target takes schedule sc (its branches are checked then);
 * else it said why. */
static bool schedule_on_target(struct resolver *r, const struct ast_schedule *sc)
{
	const char *t = target_name(r), *why = r->caps->schedules_why;
	struct span at = sc->decl.name_span;
	switch (r->caps->schedules) {
	case SCHEDULES_ANYWHERE:
	case SCHEDULES_AT_ENTRY:
		return true;
	case SCHEDULES_ONE_BRANCH: {
		const char *branch;
		if (ast_schedule_branch(sc, r->ti, &branch)) {
			diag_warning(r->d, IVR_TARGET_DEST_UNCERTAIN, at,
				     "%s cannot route calls by a schedule (%s): it routes every call "
				     "of schedule '%s' to its '%s' branch, at any time", t, why,
				     sc->decl.name, branch);
			return true;
		}
		diag_error(r->d, IVR_TARGET_DEST, at,
			   "%s cannot route calls by a schedule: %s; to build one branch for every "
			   "call, say which (schedules.%s.%s.branch: open)", t, why, sc->decl.name, t);
		return false;
	}
	case SCHEDULES_NONE:
		break;
	}
	diag_error(r->d, IVR_TARGET_DEST, at, "%s cannot route calls by a schedule: %s", t, why);
	return false;
}

/* ---------- one target ---------- */

static void check_target(struct resolver *r)
{
	struct ast_program *p = r->p;
	const char *name = target_name(r);
	memset(r->rec_reported, 0, p->nrecordings + 1);
	memset(r->endpoint_uses, 0, (p->nendpoints + 1) * sizeof *r->endpoint_uses);
	check_settings(r, &p->targets[r->ti], r->caps->settings, r->caps->nsettings,
		       arena_printf(r->a, "targets.%s", name));
	for (size_t i = 0; i < p->nmenus; i++)
		check_menu_on_target(r, p->menus[i]);
	if (builds(r, DECL_ANNOUNCEMENT))
		for (size_t i = 0; i < p->nannouncements; i++) {
			check_recording_need(r, &p->announcements[i]->prompt);
			check_route(r, &p->announcements[i]->then);
		}
	for (size_t i = 0; i < p->nvoicemails; i++) {
		const struct ast_voicemail *v = p->voicemails[i];
		if (builds(r, DECL_VOICEMAIL)) {
			check_recording_need(r, &v->greeting);
			check_recording_need(r, &v->goodbye);
		}
		/* A target that builds no voicemail has no settings for one. */
		const struct ast_settings *s = ast_voicemail_settings(v, r->ti);
		if (s->present)
			check_settings(r, s, r->caps->voicemail_settings,
				       r->caps->nvoicemail_settings,
				       arena_printf(r->a, "voicemail '%s' for %s", v->decl.name,
						    target_name(r)));
	}
	if (builds(r, DECL_BROADCAST))
		for (size_t i = 0; i < p->nbroadcasts; i++) {
			check_route(r, &p->broadcasts[i]->destination);
			check_broadcast_limits(r, p->broadcasts[i]);
		}
	if (builds(r, DECL_FLOW))
		for (size_t i = 0; i < p->nflows; i++)
			check_steps_on_target(r, &p->flows[i]->body);
	/* Routing by a schedule is a lowering of its own per target. */
	for (size_t i = 0; i < p->nschedules; i++) {
		const struct ast_schedule *sc = p->schedules[i];
		if (!schedule_on_target(r, sc))
			continue;
		check_route(r, &sc->open);
		check_route(r, &sc->closed);
		check_route(r, &sc->holiday);
		const struct ast_settings *set = ast_schedule_settings(sc, r->ti);
		if (set->present)
			check_settings(r, set, r->caps->schedule_settings, r->caps->nschedule_settings,
				       arena_printf(r->a, "schedule '%s' for %s", sc->decl.name,
						    target_name(r)));
	}
	report_endpoints(r);
}

bool res_check(struct ast_program *p, const struct target_caps *const *targets,
	       size_t ntargets, struct arena *a, struct diag *d)
{
	struct resolver r = { .p = p, .a = a, .d = d };
	size_t errors = d->errors;
	declare_all(&r);
	resolve_all(&r);
	flow_check_vars(p, a, d);
	r.rec_reported = arena_alloc(a, p->nrecordings + 1);
	r.endpoint_uses = arena_alloc(a, (p->nendpoints + 1) * sizeof *r.endpoint_uses);
	for (size_t i = 0; i < ntargets; i++) {
		int ti = ast_target_index(p, targets[i]->name);
		if (ti < 0)
			continue;       /* not one the program was bound with: nothing names it */
		r.caps = targets[i];
		r.ti = (size_t)ti;
		check_target(&r);
	}
	return d->errors == errors;
}
