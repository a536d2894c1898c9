/* IVR333 (with `caller: {escape_key: "0"}`): a menu callers reach where the
 * escape key does not take them to a human. Pressing it leads, through
 * announcements, to a human, or to another menu where it is pressed again;
 * a menu reports what goes wrong at its own key (no such option, an end
 * that is not a human, a way round menus back to itself), so a chain that
 * fails further on is reported once, where it fails. Per target. */
#include "../../compiler/arena.h"
#include "../../compiler/shown.h"
#include "../caller.h"
#include "../engine.h"

/* The menus the key leads round from m back to m, "menu:a, menu:b", or
 * NULL when it reaches a human, an end, or a menu that reports itself. */
static const char *ring(struct lint_ctx *c, const struct lint_caller_target *t,
			const struct ast_menu *m, char key)
{
	const char *names = "";
	const struct ast_decl *at = &m->decl;
	for (size_t guard = 0; guard <= c->p->nmenus; guard++) {
		struct paths_press r = paths_press_key(t->m, (const struct ast_menu *)at, key);
		if (!r.option || !r.menu)
			return NULL;
		names = arena_concat(c->a, names, *names ? ", " : "",
				     sim_decl_text(c->a, r.menu), (const char *)NULL);
		if (r.menu == &m->decl)
			return names;
		at = r.menu;
	}
	return NULL;   /* round other menus: each of them reports it */
}

/* What is wrong with the key of m on t, or NULL. */
static const char *problem(struct lint_ctx *c, const struct lint_caller_target *t,
			   const struct ast_menu *m, char key)
{
	struct paths_press r = paths_press_key(t->m, m, key);
	if (!r.option)
		return arena_printf(c->a, "menu '%s' has no option for the escape key '%c'",
				    m->decl.name, key);
	if (!r.menu && r.end != PATHS_HUMAN) {
		const char *to = shown_text(c->a, r.end_text);
		if (r.end_literal)
			to = arena_printf(c->a, "%s (%s)", to, shown_text(c->a, r.end_literal));
		return arena_printf(c->a, "the escape key '%c' of menu '%s' leads to %s, not to a "
				    "human", key, m->decl.name, to);
	}
	if (r.menu == &m->decl)
		return arena_printf(c->a, "the escape key '%c' of menu '%s' plays the menu again, "
				    "never reaching a human", key, m->decl.name);
	const char *round = r.menu ? ring(c, t, m, key) : NULL;
	if (round)
		return arena_printf(c->a, "the escape key '%c' of menu '%s' leads round %s and "
				    "never to a human", key, m->decl.name, round);
	return NULL;
}

static void check(struct lint_ctx *c, const struct ast_menu *m)
{
	char key = c->caller->escape_key;
	if (!key)
		return;
	const struct lint_caller_view *v = lint_caller_view(c);
	struct lint_caller_on on = { 0 };
	const char *first = NULL;
	for (size_t i = 0; i < v->n; i++) {
		const struct lint_caller_target *t = &v->t[i];
		if (!t->reached[m->decl.index])
			continue;
		const char *why = problem(c, t, m, key);
		lint_caller_on_add(c, &on, t, why != NULL);
		if (!first)
			first = why;
	}
	if (first)
		lint_report(c, m->decl.name_span, "%s%s", first, lint_caller_on_text(c, &on));
}

const struct lint_rule lint_rule_escape_key_misses_human = {
	.code = 333,
	.name = "escape-key-misses-human",
	.severity = SEV_WARNING,
	.summary = "a menu callers reach whose escape key (caller.escape_key) does not lead to "
		   "a human",
	.menu = check,
};
