/* Calendars as Smartflo time groups (smartflo.h). A time group (POST
 * /v1/timegroup) matches while the time is in one of its from_time/to_time
 * pairs, on one of its days, dates and months: it has no year and no time
 * zone. So a calendar becomes its open hours, one group per set of days
 * with the same ranges, and its yearly holidays, one group per month; a
 * range past midnight is cut there, its second part on the next day. A
 * dated holiday has no group (its year cannot be said): a warning says
 * so. Every field is written, so that no default of Smartflo's is relied
 * on; the end of a day is 23:59, the last time the 24-hour format has. */
#include <stdlib.h>
#include <string.h>

#include "../../compiler/arena.h"
#include "../../compiler/calendar.h"
#include "../../compiler/codes.h"
#include "../json_build.h"
#include "smartflo.h"

const char *const smartflo_month_names[12] = {
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
};

enum { DAY_MINUTES = 24 * 60 };

/* A span of minutes of one day: [from, to). */
struct span_of_day {
	unsigned from, to;
};

struct day_spans {
	struct span_of_day *at;
	size_t n;
};

static int by_start(const void *x, const void *y)
{
	const struct span_of_day *a = x, *b = y;
	return (a->from > b->from) - (a->from < b->from);
}

/* The minutes of weekday wd (0 Sunday) that calendar c is open by its
 * hours: its own ranges, to midnight for one that runs past it, and the
 * part after midnight of the day before's; sorted, touching ones joined. */
static struct day_spans open_spans(struct arena *a, const struct ast_calendar *c, unsigned wd)
{
	unsigned before = (wd + 6) % 7;
	struct day_spans s = { arena_alloc(a, (c->nhours[wd] + c->nhours[before] + 1) *
					      sizeof *s.at), 0 };
	for (size_t i = 0; i < c->nhours[wd]; i++) {
		const struct ast_hours *h = &c->hours[wd][i];
		s.at[s.n++] = (struct span_of_day){ h->from, h->from < h->to ? h->to : DAY_MINUTES };
	}
	for (size_t i = 0; i < c->nhours[before]; i++) {
		const struct ast_hours *h = &c->hours[before][i];
		if (h->to <= h->from && h->to > 0)
			s.at[s.n++] = (struct span_of_day){ 0, h->to };
	}
	qsort(s.at, s.n, sizeof *s.at, by_start);
	size_t k = 0;
	for (size_t i = 0; i < s.n; i++) {
		if (k && s.at[i].from <= s.at[k - 1].to) {
			if (s.at[i].to > s.at[k - 1].to)
				s.at[k - 1].to = s.at[i].to;
		} else {
			s.at[k++] = s.at[i];
		}
	}
	s.n = k;
	return s;
}

static bool same_spans(struct day_spans x, struct day_spans y)
{
	return x.n == y.n && (x.n == 0 || memcmp(x.at, y.at, x.n * sizeof *x.at) == 0);
}

static const char *time_text(struct arena *a, unsigned minutes)
{
	char buf[CALENDAR_TEXT_MAX];
	return arena_printf(a, "%s", calendar_time_text(buf, minutes < DAY_MINUTES ? minutes
							     : DAY_MINUTES - 1));
}

static cJSON *group_new(struct arena *a, const struct ast_program *p, const char *name)
{
	cJSON *g = cJSON_CreateObject();
	json_add_string(g, "name", target_remote_name(a, p, &smartflo_target.caps, name));
	return g;
}

static cJSON *all_of(const char *const *names, size_t n)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		json_append(arr, cJSON_CreateString(names[i]));
	return arr;
}

static cJSON *all_dates(struct arena *a)
{
	cJSON *arr = cJSON_CreateArray();
	for (int d = 1; d <= 31; d++)
		json_append(arr, cJSON_CreateString(arena_printf(a, "%d", d)));
	return arr;
}

static cJSON *open_groups(struct arena *a, const struct ast_program *p,
			  const struct ast_calendar *c)
{
	struct day_spans by_day[7];
	for (int d = 0; d < 7; d++)
		by_day[d] = open_spans(a, c, calendar_weekday(d));
	cJSON *out = cJSON_CreateArray();
	bool done[7] = { false };
	size_t n = 0;
	for (int d = 0; d < 7; d++) {
		if (done[d] || !by_day[d].n)
			continue;
		cJSON *g = group_new(a, p, arena_printf(a, "%s-open-%zu", c->decl.name, ++n));
		cJSON *from = json_add_array(g, "from_time"), *to = json_add_array(g, "to_time");
		for (size_t i = 0; i < by_day[d].n; i++) {
			json_append(from, cJSON_CreateString(time_text(a, by_day[d].at[i].from)));
			json_append(to, cJSON_CreateString(time_text(a, by_day[d].at[i].to)));
		}
		cJSON *days = json_add_array(g, "days");
		for (int e = d; e < 7; e++)
			if (!done[e] && same_spans(by_day[e], by_day[d])) {
				done[e] = true;
				json_append(days, cJSON_CreateString(calendar_week[e]));
			}
		json_add(g, "dates", all_dates(a));
		json_add(g, "months", all_of(smartflo_month_names, 12));
		json_append(out, g);
	}
	return out;
}

static int by_date(const void *x, const void *y)
{
	const struct ast_holiday *a = *(const struct ast_holiday *const *)x;
	const struct ast_holiday *b = *(const struct ast_holiday *const *)y;
	int m = (a->month > b->month) - (a->month < b->month);
	return m ? m : (a->day > b->day) - (a->day < b->day);
}

/* The yearly holidays, whole days, one group per month (a group's dates
 * and months are a cross product: two months in one would add days). */
static cJSON *holiday_groups(struct arena *a, const struct ast_program *p,
			     const struct ast_calendar *c)
{
	const struct ast_holiday **yearly = arena_alloc(a, (c->nholidays + 1) * sizeof *yearly);
	size_t n = 0;
	for (size_t i = 0; i < c->nholidays; i++)
		if (!c->holidays[i].year)
			yearly[n++] = &c->holidays[i];
	qsort(yearly, n, sizeof *yearly, by_date);
	cJSON *out = cJSON_CreateArray();
	size_t ngroups = 0;
	for (size_t i = 0; i < n;) {
		int month = yearly[i]->month;
		cJSON *g = group_new(a, p, arena_printf(a, "%s-holiday-%zu", c->decl.name,
							++ngroups));
		json_append(json_add_array(g, "from_time"), cJSON_CreateString("00:00"));
		json_append(json_add_array(g, "to_time"), cJSON_CreateString(time_text(a,
									      DAY_MINUTES)));
		json_add(g, "days", all_of(calendar_week, 7));
		cJSON *dates = json_add_array(g, "dates");
		for (int last = 0; i < n && yearly[i]->month == month; i++)
			if (yearly[i]->day != last)   /* a day written twice is one date */
				json_append(dates, cJSON_CreateString(arena_printf(
					a, "%d", last = yearly[i]->day)));
		json_append(json_add_array(g, "months"),
			    cJSON_CreateString(smartflo_month_names[month - 1]));
		json_append(out, g);
	}
	return out;
}

cJSON *smartflo_calendars(const struct ast_program *p, struct arena *a)
{
	if (!p->ncalendars)
		return NULL;
	cJSON *out = cJSON_CreateArray();
	for (size_t i = 0; i < p->ncalendars; i++) {
		const struct ast_calendar *c = p->calendars[i];
		cJSON *o = cJSON_CreateObject();
		json_add_string(o, "calendar", c->decl.name);
		json_add_string(o, "timezone", c->timezone ? c->timezone : "");
		json_add(o, "open", open_groups(a, p, c));
		json_add(o, "holidays", holiday_groups(a, p, c));
		json_append(out, o);
	}
	return out;
}

void smartflo_calendar_check(const struct ast_program *p, struct diag *d)
{
	char buf[CALENDAR_TEXT_MAX];
	for (size_t i = 0; i < p->ncalendars; i++) {
		const struct ast_calendar *c = p->calendars[i];
		for (size_t k = 0; k < c->nholidays; k++) {
			const struct ast_holiday *h = &c->holidays[k];
			if (h->year)
				diag_warning(d, IVR_TARGET_NO_YEAR, h->span,
					     "smartflo's time groups have no year: holiday %s of "
					     "calendar '%s' is left out of them, so on that day "
					     "Smartflo routes by the hours; handle it in the panel, or "
					     "write {every: %02d-%02d} if it comes every year",
					     calendar_holiday_text(buf, h), c->decl.name, h->month,
					     h->day);
		}
	}
}
