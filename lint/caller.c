/* The caller-experience rules' shared view (caller.h). */
#include "caller.h"

#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/shown.h"

/* d as a place calls start at on t, once. A schedule takes no time of its
 * own: calls start at its open branch, where a human is to be had (its
 * closed and holiday branches are for when none is: the budgets do not
 * judge them), or at the one branch the file picks for a target without
 * schedules, which every call takes. */
static void add_start(struct arena *a, struct lint_caller_target *t,
		      const struct target_caps *caps, int ti, const struct ast_decl *d, size_t *cap)
{
	if (d && d->kind == DECL_SCHEDULE) {
		const struct ast_schedule *sc = (const struct ast_schedule *)d;
		const char *branch;
		const struct ast_dest *one = caps && caps->schedules == SCHEDULES_ONE_BRANCH
			? ast_schedule_branch(sc, (size_t)ti, &branch) : NULL;
		add_start(a, t, caps, ti, one ? one->ref : sc->open.ref, cap);
		return;
	}
	if (!d || (d->kind != DECL_MENU && d->kind != DECL_ANNOUNCEMENT))
		return;
	if (caps && !(caps->objects & (1u << d->kind)))
		return;   /* the target does not build it */
	for (size_t i = 0; i < t->nstarts; i++)
		if (t->starts[i] == d)
			return;
	ARENA_PUSH(a, t->starts, t->nstarts, *cap, d);
}

static void make_target(struct lint_ctx *c, struct lint_caller_target *t,
			const struct target_caps *caps)
{
	const struct ast_program *p = c->p;
	size_t cap = 0;
	if (caps) {
		t->name = caps->name;
		sim_behaviour_of(caps, &t->bh);
	}
	int ti = caps ? ast_target_index(p, caps->name) : -1;
	t->m = paths_build(p, ti, caps ? &t->bh : NULL, c->a);
	for (size_t i = 0; i < p->nentries; i++)
		add_start(c->a, t, caps, ti, p->entries[i], &cap);
	if (!caps || (caps->objects & (1u << DECL_BROADCAST)))
		for (size_t i = 0; i < p->nbroadcasts; i++)
			add_start(c->a, t, caps, ti, p->broadcasts[i]->destination.ref, &cap);
	t->reached = arena_alloc(c->a, (p->nmenus + 1) * sizeof *t->reached);
	for (size_t i = 0; i < t->nstarts; i++)
		paths_reach(t->m, t->starts[i], t->reached);
}

const struct lint_caller_view *lint_caller_view(struct lint_ctx *c)
{
	if (c->view)
		return c->view;
	struct lint_caller_view *v = arena_alloc(c->a, sizeof *v);
	v->n = c->ncaps ? c->ncaps : 1;
	v->t = arena_alloc(c->a, v->n * sizeof *v->t);
	for (size_t i = 0; i < v->n; i++)
		make_target(c, &v->t[i], c->ncaps ? c->caps[i] : NULL);
	c->view = v;
	return v;
}

/* Whether d (a menu or announcement) is a place calls reach on t: an entry
 * point, a broadcast's menu, a menu entered from one. */
static bool judged(const struct lint_caller_target *t, const struct ast_decl *d)
{
	if (d->kind == DECL_MENU && t->reached[d->index])
		return true;
	for (size_t i = 0; i < t->nstarts; i++)
		if (t->starts[i] == d)
			return true;
	return false;
}

/* "2 1 -> billing (phone:+14155550120)": a way's keys and end. */
static const char *way_text(struct arena *a, const struct paths_way *w)
{
	const char *to = shown_text(a, w->end_text);
	if (w->end_literal)
		to = arena_printf(a, "%s (%s)", to, shown_text(a, w->end_literal));
	return arena_printf(a, "%s -> %s", paths_keys_text(a, w->steps, w->nsteps), to);
}

/* Whether, on some target where d is judged, the best way from d to a
 * human costs more than `most` (by_keys: keys; else milliseconds), or
 * there is none; *way and *on are the worst such target's. */
static bool over(struct lint_ctx *c, const struct ast_decl *d, bool by_keys, uint64_t most,
		 struct paths_way *way, const char **on)
{
	struct lint_caller_on where = { 0 };
	const struct lint_caller_view *v = lint_caller_view(c);
	const struct lint_caller_target *worst = NULL;
	for (size_t i = 0; i < v->n; i++) {
		const struct lint_caller_target *t = &v->t[i];
		if (!judged(t, d))
			continue;
		struct paths_way w = paths_to_human(t->m, d, by_keys);
		uint64_t cost = by_keys ? w.keys : w.ms;
		lint_caller_on_add(c, &where, t, !w.found || cost > most);
		if (w.found && cost <= most)
			continue;
		if (!worst || (way->found && (!w.found || cost > (by_keys ? way->keys : way->ms)))) {
			worst = t;
			*way = w;
		}
	}
	*on = lint_caller_on_text(c, &where);
	return worst != NULL;
}

static void budget_place(struct lint_ctx *c, const struct ast_decl *d, bool by_keys)
{
	uint32_t most = by_keys ? c->caller->max_keys_to_human : c->caller->max_seconds_to_human;
	struct paths_way way = { 0 };
	const char *on;
	const char *what = d->kind == DECL_MENU ? "menu" : "announcement";
	if (!over(c, d, by_keys, by_keys ? most : (uint64_t)most * 1000, &way, &on))
		return;
	if (!way.found) {
		lint_report(c, d->name_span, "no way from %s '%s' reaches a human%s", what, d->name,
			    on);
		return;
	}
	const char *ways = way_text(c->a, &way);
	const char *secs = paths_seconds_text(c->a, way.ms, way.unknown);
	if (by_keys)
		lint_report(c, d->name_span, "%s '%s' needs at least %zu key%s to reach a human, "
			    "over the budget of %u%s: %s (%s)", what, d->name, way.keys,
			    way.keys == 1 ? "" : "s", (unsigned)most, on, ways, secs);
	else
		lint_report(c, d->name_span, "%s '%s' is %s from a human at best, over the budget "
			    "of %u s%s: %s", what, d->name, secs, (unsigned)most, on, ways);
}

void lint_caller_budget(struct lint_ctx *c, bool by_keys)
{
	for (size_t i = 0; i < c->p->nmenus; i++)
		budget_place(c, &c->p->menus[i]->decl, by_keys);
	for (size_t i = 0; i < c->p->nannouncements; i++)
		budget_place(c, &c->p->announcements[i]->decl, by_keys);
}

void lint_caller_on_add(struct lint_ctx *c, struct lint_caller_on *on,
			const struct lint_caller_target *t, bool fails)
{
	on->njudged++;
	if (!fails)
		return;
	on->nfail++;
	if (t->name)
		on->names = on->names ? arena_concat(c->a, on->names, ", ", t->name,
						     (const char *)NULL) : t->name;
}

const char *lint_caller_on_text(struct lint_ctx *c, const struct lint_caller_on *on)
{
	if (!on->names || on->nfail == on->njudged)
		return "";
	return arena_printf(c->a, " (on %s)", on->names);
}
