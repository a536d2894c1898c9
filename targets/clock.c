/* A calendar as its clock endpoint reads it (clock.h). Every day is
 * listed, a closed one with no ranges, so that an endpoint needs no
 * default; a range whose end is before its start runs past midnight and
 * belongs to the day it starts, as in the language. */
#include "clock.h"

#include <stdio.h>

#include "json_build.h"

static void add_clock_time(cJSON *o, const char *key, unsigned minutes)
{
	char buf[8];
	snprintf(buf, sizeof buf, "%02u:%02u", minutes / 60 % 100, minutes % 60);
	json_add_string(o, key, buf);
}

cJSON *clock_calendar_json(const struct ast_calendar *c, const char *url)
{
	static const char *const days[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
	cJSON *o = cJSON_CreateObject();
	json_add_string(o, "calendar", c->decl.name);
	json_add_string(o, "url", url);
	json_add_string(o, "timezone", c->timezone ? c->timezone : "");
	cJSON *hours = json_add_object(o, "hours");
	for (int d = 0; d < 7; d++) {
		int wd = (d + 1) % 7;   /* the AST counts from Sunday */
		cJSON *day = json_add_array(hours, days[d]);
		for (size_t i = 0; i < c->nhours[wd]; i++) {
			cJSON *range = cJSON_CreateObject();
			add_clock_time(range, "from", c->hours[wd][i].from);
			add_clock_time(range, "to", c->hours[wd][i].to);
			json_append(day, range);
		}
	}
	cJSON *holidays = json_add_array(o, "holidays");
	for (size_t i = 0; i < c->nholidays; i++) {
		const struct ast_holiday *h = &c->holidays[i];
		char buf[24];
		cJSON *one = cJSON_CreateObject();
		if (h->year) {
			snprintf(buf, sizeof buf, "%04d-%02d-%02d", h->year, h->month, h->day);
			json_add_string(one, "date", buf);
		} else {
			snprintf(buf, sizeof buf, "%02d-%02d", h->month, h->day);
			json_add_string(one, "every", buf);
		}
		json_append(holidays, one);
	}
	return o;
}
