/* IVR325: two ranges of one day of a calendar that overlap (`mon-fri:
 * 09:00-13:00` and `mon: 12:00-14:00`): the calendar means their union,
 * which is rarely what was written twice. A range past midnight counts on
 * the day it starts, up to 24:00. */
#include "../../compiler/calendar.h"
#include "../engine.h"

static unsigned end_of(const struct ast_hours *h)
{
	return h->to > h->from ? h->to : 24 * 60;
}

static void check(struct lint_ctx *c)
{
	const struct ast_program *p = c->p;
	char buf[CALENDAR_TEXT_MAX];
	for (size_t i = 0; i < p->ncalendars; i++) {
		const struct ast_calendar *cal = p->calendars[i];
		for (int d = 0; d < 7; d++)
			for (size_t j = 1; j < cal->nhours[d]; j++)
				for (size_t k = 0; k < j; k++) {
					const struct ast_hours *a = &cal->hours[d][k], *b = &cal->hours[d][j];
					if (a->from >= end_of(b) || b->from >= end_of(a))
						continue;
					lint_report(c, b->span,
						    "calendar '%s': this range overlaps %s on %s",
						    cal->decl.name, calendar_range_text(buf, a),
						    ast_day_names[d]);
					k = j;   /* once per range */
				}
	}
}

const struct lint_rule lint_rule_overlapping_hours = {
	.code = 325,
	.name = "overlapping-hours",
	.severity = SEV_WARNING,
	.summary = "two ranges of a calendar's day that overlap",
	.program = check,
};
