/* Calendars back into the language (import.h): the JSON build writes of a
 * calendar (for a clock endpoint, targets/clock.h; as Smartflo time groups,
 * targets/smartflo) becomes calendars.X, each run of days with the same
 * ranges written as one range of days (mon-fri), so that building again
 * writes the same JSON. What is not that JSON is refused, never guessed at.
 * This file holds what every such import shares and the clock's. */
#include "import.h"

#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/calendar.h"
#include "../compiler/codes.h"

bool import_time_shaped(const char *s)
{
	return s && strlen(s) == 5 && strspn(s, "0123456789") == 2 && s[2] == ':' &&
	       strspn(s + 3, "0123456789") == 2;
}

/* Whether s is a date of len bytes: YYYY-MM-DD (10) or MM-DD (5). */
static bool digits_dashed(const char *s, size_t len)
{
	if (!s || strlen(s) != len)
		return false;
	for (size_t i = 0; i < len; i++) {
		bool dash = i + 3 == len || i + 6 == len;   /* YYYY-MM-DD, MM-DD */
		if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	}
	return true;
}

/* A day's ranges as the language writes them ("09:00-13:00"), in a list;
 * NULL when one is not {"from", "to"} times. */
static struct doc_node *day_ranges(struct importer *im, const cJSON *day)
{
	if (!cJSON_IsArray(day))
		return NULL;
	struct doc_node *seq = import_seq(im);
	const cJSON *r;
	cJSON_ArrayForEach(r, day) {
		const char *from = import_str(r, "from"), *to = import_str(r, "to");
		if (!import_time_shaped(from) || !import_time_shaped(to) || cJSON_GetArraySize(r) != 2)
			return NULL;
		import_push(im, seq, import_word(im, arena_printf(im->a, "%s-%s", from, to)));
	}
	return seq;
}

static bool same_ranges(const struct doc_node *x, const struct doc_node *y)
{
	if (x->count != y->count)
		return false;
	for (size_t i = 0; i < x->count; i++)
		if (strcmp(x->items[i]->text, y->items[i]->text) != 0)
			return false;
	return true;
}

void import_calendar_hours(struct importer *im, struct doc_node *cal,
			   struct doc_node *const by_day[7])
{
	struct doc_node *out = import_map(im);
	for (int d = 0, end; d < 7; d = end + 1) {
		for (end = d; end + 1 < 7 && same_ranges(by_day[end + 1], by_day[d]); end++)
			;
		if (!by_day[d]->count)
			continue;
		const char *key = end == d ? calendar_week[d]
			: arena_printf(im->a, "%s-%s", calendar_week[d], calendar_week[end]);
		import_put(im, out, key, by_day[d]->count == 1 ? by_day[d]->items[0] : by_day[d]);
	}
	import_put(im, cal, "hours", out);
}

/* The clock's hours: {"mon": [{"from", "to"}], ... "sun"}. */
static const char *put_hours(struct importer *im, struct doc_node *cal, const cJSON *hours)
{
	struct doc_node *by_day[7];
	if (!cJSON_IsObject(hours) || cJSON_GetArraySize(hours) != 7)
		return "'hours' is not the seven days, mon to sun";
	for (int d = 0; d < 7; d++)
		if (!(by_day[d] = day_ranges(im, cJSON_GetObjectItemCaseSensitive(hours,
									  calendar_week[d]))))
			return "a day of 'hours' is not a list of {from, to} times";
	import_calendar_hours(im, cal, by_day);
	return NULL;
}

static const char *put_holidays(struct importer *im, struct doc_node *cal, const cJSON *hol)
{
	if (!cJSON_IsArray(hol))
		return "'holidays' is not a list";
	struct doc_node *seq = import_seq(im);
	const cJSON *h;
	cJSON_ArrayForEach(h, hol) {
		const char *date = import_str(h, "date"), *every = import_str(h, "every");
		if (cJSON_GetArraySize(h) == 1 && digits_dashed(date, 10)) {
			import_push(im, seq, import_word(im, date));
		} else if (cJSON_GetArraySize(h) == 1 && digits_dashed(every, 5)) {
			struct doc_node *m = import_map(im);
			import_put(im, m, "every", import_word(im, every));
			import_push(im, seq, m);
		} else {
			return "a holiday is not {date: YYYY-MM-DD} or {every: MM-DD}";
		}
	}
	if (seq->count)
		import_put(im, cal, "holidays", seq);
	return NULL;
}

/* Whether a time zone's name is one the tz database could hold. */
static bool zone_shaped(const char *s)
{
	return s && *s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				    "0123456789_+-/") == strlen(s);
}

const char *import_calendar_declare(struct importer *im, const cJSON *doc,
				    const char *const *keys, import_calendar_body body)
{
	const char *name = import_str(doc, "calendar");
	for (size_t i = 0; i < im->ncalendar_names; i++)
		if (strcmp(im->calendar_names[i], name) == 0)
			return name;
	struct doc_node *cal = import_map(im);
	const char *zone = import_str(doc, "timezone"), *why = NULL;
	const cJSON *at = doc;
	if (!import_is_name(name))
		why = "its 'calendar' is not an ivrc name";
	else if (!zone_shaped(zone))
		why = "its 'timezone' is not a time zone's name";
	else
		import_put(im, cal, "timezone", import_word(im, zone));
	if (!why)
		why = body(im, cal, doc, &at);
	const char *unknown = why ? NULL : import_key_outside(doc, keys);
	if (unknown)
		why = arena_printf(im->a, "'%s' is no key of a calendar build writes", unknown);
	if (why) {
		diag_error(im->d, IVR_IMPORT_SHAPE, import_span(im, at),
			   "not a calendar as ivrc's build writes it: %s", why);
		return NULL;
	}
	import_put(im, import_section(im, "calendars"), name, cal);
	ARENA_PUSH(im->a, im->calendar_names, im->ncalendar_names, im->capcalendar_names, name);
	return name;
}

/* A clock's calendar: its hours and holidays. */
static const char *clock_body(struct importer *im, struct doc_node *cal, const cJSON *doc,
			      const cJSON **at)
{
	(void)at;
	const char *why = put_hours(im, cal, cJSON_GetObjectItemCaseSensitive(doc, "hours"));
	return why ? why : put_holidays(im, cal, cJSON_GetObjectItemCaseSensitive(doc, "holidays"));
}

const char *import_calendar(struct importer *im, const char *url, const cJSON *at)
{
	const cJSON *doc = NULL;
	for (size_t i = 0; i < im->ncalendars && !doc; i++)
		if (strcmp(import_str(im->calendars[i], "url") ? import_str(im->calendars[i], "url")
							       : "", url) == 0)
			doc = im->calendars[i];
	if (!doc) {
		diag_error(im->d, IVR_IMPORT_SHAPE, import_span(im, at),
			   "the calendar asked at %s is not in the files imported: import the "
			   "bundle build wrote (it lists the calendars), or its calendars/NAME.json "
			   "with the scenarios", url);
		return NULL;
	}
	return import_clock_calendar(im, doc);
}

const char *import_clock_calendar(struct importer *im, const cJSON *doc)
{
	static const char *const keys[] = { "calendar", "timezone", "url", "hours", "holidays",
					    NULL };
	return import_calendar_declare(im, doc, keys, clock_body);
}
