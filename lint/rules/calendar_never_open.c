/* IVR323: a calendar with no open hours on any day: every schedule that
 * follows it always takes its closed (or holiday) branch. */
#include "../engine.h"

static void check(struct lint_ctx *c)
{
	const struct ast_program *p = c->p;
	for (size_t i = 0; i < p->ncalendars; i++) {
		const struct ast_calendar *cal = p->calendars[i];
		size_t ranges = 0;
		for (int d = 0; d < 7; d++)
			ranges += cal->nhours[d];
		if (ranges == 0)
			lint_report(c, cal->decl.name_span,
				    "calendar '%s' is never open: it has no hours on any day, so a "
				    "schedule that follows it always takes 'closed'", cal->decl.name);
	}
}

const struct lint_rule lint_rule_calendar_never_open = {
	.code = 323,
	.name = "calendar-never-open",
	.severity = SEV_WARNING,
	.summary = "a calendar with no open hours on any day",
	.program = check,
};
