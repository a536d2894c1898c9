/* IVR324: a schedule whose branches all go to one place: it routes every
 * call there, whatever the time. */
#include <string.h>

#include "../engine.h"

static bool same(const struct ast_dest *a, const struct ast_dest *b)
{
	if (a->ref || b->ref)
		return a->ref == b->ref;
	return a->kind == b->kind && (a->id == b->id || (a->id && b->id && strcmp(a->id, b->id) == 0));
}

static void check(struct lint_ctx *c)
{
	const struct ast_program *p = c->p;
	for (size_t i = 0; i < p->nschedules; i++) {
		const struct ast_schedule *sc = p->schedules[i];
		if (!same(&sc->open, &sc->closed) ||
		    (sc->holiday.kind != DEST_NONE && !same(&sc->open, &sc->holiday)))
			continue;
		lint_report(c, sc->decl.name_span,
			    "schedule '%s' sends every call to %s, open or closed: the calendar "
			    "changes nothing", sc->decl.name, ast_dest_text(c->a, &sc->open));
	}
}

const struct lint_rule lint_rule_schedule_branches_alike = {
	.code = 324,
	.name = "schedule-branches-alike",
	.severity = SEV_WARNING,
	.summary = "a schedule whose branches all go to the same place",
	.program = check,
};
