/* A calendar as its clock endpoint reads it (clock.h). Every day is
 * listed, a closed one with no ranges, so that an endpoint needs no
 * default; a range whose end is before its start runs past midnight and
 * belongs to the day it starts, as in the language. */
#include "clock.h"

#include "../compiler/calendar.h"
#include "json_build.h"

cJSON *clock_calendar_json(const struct ast_calendar *c, const char *url)
{
	cJSON *o = cJSON_CreateObject();
	char buf[CALENDAR_TEXT_MAX];
	json_add_string(o, "calendar", c->decl.name);
	json_add_string(o, "url", url);
	json_add_string(o, "timezone", c->timezone ? c->timezone : "");
	cJSON *hours = json_add_object(o, "hours");
	for (int d = 0; d < 7; d++) {
		unsigned wd = calendar_weekday(d);
		cJSON *day = json_add_array(hours, calendar_week[d]);
		for (size_t i = 0; i < c->nhours[wd]; i++) {
			cJSON *range = cJSON_CreateObject();
			json_add_string(range, "from", calendar_time_text(buf, c->hours[wd][i].from));
			json_add_string(range, "to", calendar_time_text(buf, c->hours[wd][i].to));
			json_append(day, range);
		}
	}
	cJSON *holidays = json_add_array(o, "holidays");
	for (size_t i = 0; i < c->nholidays; i++) {
		const struct ast_holiday *h = &c->holidays[i];
		cJSON *one = cJSON_CreateObject();
		json_add_string(one, h->year ? "date" : "every", calendar_holiday_text(buf, h));
		json_append(holidays, one);
	}
	return o;
}
