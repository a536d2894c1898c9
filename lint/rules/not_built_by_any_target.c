/* IVR440: an object of a kind that none of the declared targets builds (a
 * flow with only Smartflo and Sonetel declared, a voicemail without Sonetel,
 * a broadcast without Smartflo): every target skips it, so no caller ever
 * meets it. Routes into such an object are check's IVR403. */
#include "../../compiler/arena.h"
#include "../engine.h"
#include "../util.h"

static void one(struct lint_ctx *c, const struct ast_decl *d)
{
	if (c->ncaps == 0 || lint_any_builds(c, d->kind))
		return;
	const char *names = "";
	for (size_t i = 0; i < c->ncaps; i++)
		names = arena_printf(c->a, "%s%s%s", names,
				     i == 0 ? "" : i + 1 == c->ncaps ? " and " : ", ",
				     c->caps[i]->name);
	lint_report(c, d->name_span, "no declared target builds %ss: %s '%s' is skipped by %s",
		    ast_decl_kind_names[d->kind], ast_decl_kind_names[d->kind], d->name, names);
}

static void check(struct lint_ctx *c)
{
	const struct ast_program *p = c->p;
	for (size_t i = 0; i < p->nmenus; i++)
		one(c, &p->menus[i]->decl);
	for (size_t i = 0; i < p->nannouncements; i++)
		one(c, &p->announcements[i]->decl);
	for (size_t i = 0; i < p->nvoicemails; i++)
		one(c, &p->voicemails[i]->decl);
	for (size_t i = 0; i < p->nbroadcasts; i++)
		one(c, &p->broadcasts[i]->decl);
	for (size_t i = 0; i < p->nflows; i++)
		one(c, &p->flows[i]->decl);
}

const struct lint_rule lint_rule_not_built_by_any_target = {
	.code = 440,
	.name = "not-built-by-any-target",
	.severity = SEV_WARNING,
	.summary = "an object that none of the declared targets builds",
	.program = check,
};
