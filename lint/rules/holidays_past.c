/* IVR326: a calendar whose holidays are all dated and all past (against
 * --now, IVRC_NOW or the clock): the list no longer closes any day, and
 * next year's were probably meant. */
#include "../engine.h"
#include "../util.h"

static void check(struct lint_ctx *c)
{
	const struct ast_program *p = c->p;
	int64_t now = ast_datetime_seconds(&c->now);
	for (size_t i = 0; i < p->ncalendars; i++) {
		const struct ast_calendar *cal = p->calendars[i];
		bool all_past = cal->nholidays > 0;
		for (size_t h = 0; h < cal->nholidays && all_past; h++) {
			const struct ast_holiday *d = &cal->holidays[h];
			struct ast_datetime end = { d->year, d->month, d->day, 23, 59, 59 };
			all_past = d->year != 0 && ast_datetime_seconds(&end) < now;
		}
		if (all_past)
			lint_report(c, cal->decl.name_span,
				    "every holiday of calendar '%s' is past (now is %s): none closes a "
				    "day any more", cal->decl.name, lint_datetime_text(c->a, &c->now));
	}
}

const struct lint_rule lint_rule_holidays_past = {
	.code = 326,
	.name = "holidays-past",
	.severity = SEV_WARNING,
	.summary = "a calendar whose holidays are all dated and past",
	.program = check,
};
