/* A calendar's state at a moment (calendar.h). */
#include "calendar.h"

#include <stdio.h>

#include "tz.h"

const char *const calendar_week[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

static bool holds(const struct ast_hours *h, unsigned minute)
{
	return h->from < h->to ? minute >= h->from && minute < h->to : minute >= h->from;
}

enum calendar_state calendar_at(const struct ast_calendar *c, int64_t local,
				struct calendar_why *why)
{
	struct calendar_why none = { 0 };
	*why = none;
	int64_t day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
	unsigned minute = (unsigned)((local - day * 86400) / 60);
	int64_t y;
	unsigned m, d;
	tz_civil_from_days(day, &y, &m, &d);
	for (size_t i = 0; i < c->nholidays; i++) {
		const struct ast_holiday *h = &c->holidays[i];
		if ((h->year == 0 || h->year == y) && h->month == (int)m && h->day == (int)d) {
			why->holiday = h;
			return CAL_HOLIDAY;
		}
	}
	unsigned wd = tz_weekday(day), before = (wd + 6) % 7;
	for (size_t i = 0; i < c->nhours[wd]; i++)
		if (holds(&c->hours[wd][i], minute)) {
			why->hours = &c->hours[wd][i];
			return CAL_OPEN;
		}
	for (size_t i = 0; i < c->nhours[before]; i++) {
		const struct ast_hours *h = &c->hours[before][i];
		if (h->to < h->from && minute < h->to) {
			why->hours = h;
			why->from_yesterday = true;
			return CAL_OPEN;
		}
	}
	return CAL_CLOSED;
}

struct ast_moment calendar_moment(const struct ast_datetime *dt, bool has_offset,
				  int32_t offset, const char *text, struct span span)
{
	int64_t local = ast_datetime_seconds(dt);
	return (struct ast_moment){ true, has_offset, has_offset ? local - offset : local, text,
				    span };
}

const char *calendar_time_text(char buf[CALENDAR_TEXT_MAX], unsigned minutes)
{
	snprintf(buf, CALENDAR_TEXT_MAX, "%02u:%02u", minutes / 60 % 100, minutes % 60);
	return buf;
}

const char *calendar_range_text(char buf[CALENDAR_TEXT_MAX], const struct ast_hours *h)
{
	snprintf(buf, CALENDAR_TEXT_MAX, "%02u:%02u-%02u:%02u", h->from / 60u % 100u,
		 h->from % 60u, h->to / 60u % 100u, h->to % 60u);
	return buf;
}

const char *calendar_holiday_text(char buf[CALENDAR_TEXT_MAX], const struct ast_holiday *h)
{
	if (h->year)
		snprintf(buf, CALENDAR_TEXT_MAX, "%04d-%02d-%02d", h->year % 10000, h->month % 100,
			 h->day % 100);
	else
		snprintf(buf, CALENDAR_TEXT_MAX, "%02d-%02d", h->month % 100, h->day % 100);
	return buf;
}
