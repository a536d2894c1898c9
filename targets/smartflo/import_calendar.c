/* Smartflo's calendars back into the language (smartflo.h): the time groups
 * build writes of a calendar (time_groups.c) become calendars.X. An open
 * group's ranges go to each of its days (23:59, the end of a day there, is
 * 24:00 again); a holiday group's dates become {every: MM-DD}. A group that
 * is not one build writes (some dates or months only, a holiday of part of
 * a day) is refused: the language's hours are weekly and its holidays whole
 * days. The schedules that follow a calendar live in the panel's time
 * conditions, which no API reads: they are not imported. */
#include <string.h>

#include "../../compiler/arena.h"
#include "../../compiler/calendar.h"
#include "../import.h"
#include "smartflo.h"

static const char *const group_keys[] = { "name", "from_time", "to_time", "days", "dates",
					  "months", NULL };

/* Whether group g has the keys of a time group, and no other. */
static bool group_shaped(const cJSON *g)
{
	return cJSON_IsObject(g) && cJSON_IsString(cJSON_GetObjectItemCaseSensitive(g, "name")) &&
	       !import_key_outside(g, group_keys);
}

/* Whether list is exactly the strings names[0..n), in that order. */
static bool lists_exactly(const cJSON *list, const char *const *names, int n)
{
	if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) != n)
		return false;
	int i = 0;
	const cJSON *v;
	cJSON_ArrayForEach(v, list)
		if (!cJSON_IsString(v) || strcmp(v->valuestring, names[i++]) != 0)
			return false;
	return true;
}

/* The index of string v in names[0..n), or -1. */
static int index_of(const cJSON *v, const char *const *names, int n)
{
	for (int i = 0; cJSON_IsString(v) && i < n; i++)
		if (strcmp(v->valuestring, names[i]) == 0)
			return i;
	return -1;
}

static const char *const *month_dates(struct arena *a)
{
	const char **dates = arena_alloc(a, 31 * sizeof *dates);
	for (int d = 0; d < 31; d++)
		dates[d] = arena_printf(a, "%d", d + 1);
	return dates;
}

/* A date of the month as a group lists it ("1".."31", no leading zero);
 * 0 when it is not one. */
static int date_of(const cJSON *v, int last)
{
	if (!cJSON_IsString(v))
		return 0;
	const char *s = v->valuestring;
	int n = 0;
	for (size_t i = 0; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= 2 || (i == 0 && s[i] == '0'))
			return 0;
		n = n * 10 + (s[i] - '0');
	}
	return n >= 1 && n <= last ? n : 0;
}

/* An open group's ranges, added to the days it lists; dates is "1".."31"
 * (month_dates), what an open group's dates must be. */
static const char *open_group(struct importer *im, const cJSON *g, struct doc_node *by_day[7],
			      const char *const *dates)
{
	const cJSON *from = cJSON_GetObjectItemCaseSensitive(g, "from_time");
	const cJSON *to = cJSON_GetObjectItemCaseSensitive(g, "to_time");
	const cJSON *days = cJSON_GetObjectItemCaseSensitive(g, "days");
	if (!group_shaped(g) || !cJSON_IsArray(from) || !cJSON_IsArray(to) ||
	    cJSON_GetArraySize(from) != cJSON_GetArraySize(to) || !cJSON_GetArraySize(from) ||
	    !cJSON_IsArray(days) || !cJSON_GetArraySize(days))
		return "an open time group is not {name, from_time, to_time, days, dates, months}";
	if (!lists_exactly(cJSON_GetObjectItemCaseSensitive(g, "dates"), dates, 31) ||
	    !lists_exactly(cJSON_GetObjectItemCaseSensitive(g, "months"), smartflo_month_names, 12))
		return "an open time group holds some dates or months only (the language's "
		       "hours are the same every week)";
	const cJSON *d;
	cJSON_ArrayForEach(d, days) {
		int day = index_of(d, calendar_week, 7);
		if (day < 0)
			return "a time group's day is not one of mon ... sun";
		for (const cJSON *f = from->child, *t = to->child; f && t; f = f->next, t = t->next) {
			if (!cJSON_IsString(f) || !cJSON_IsString(t) ||
			    !import_time_shaped(f->valuestring) || !import_time_shaped(t->valuestring))
				return "a time group's from_time and to_time are not HH:MM times";
			const char *end = strcmp(t->valuestring, "23:59") == 0 ? "24:00"
									       : t->valuestring;
			import_push(im, by_day[day], import_word(im, arena_printf(
				im->a, "%s-%s", f->valuestring, end)));
		}
	}
	return NULL;
}

/* A holiday group's dates, as {every: MM-DD} in holidays. */
static const char *holiday_group(struct importer *im, const cJSON *g, struct doc_node *holidays)
{
	static const char *const midnight[] = { "00:00" }, *const last[] = { "23:59" };
	static const int month_days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	const cJSON *months = cJSON_GetObjectItemCaseSensitive(g, "months");
	const cJSON *dates = cJSON_GetObjectItemCaseSensitive(g, "dates");
	if (!group_shaped(g) || !cJSON_IsArray(dates) || !cJSON_GetArraySize(dates) ||
	    !lists_exactly(cJSON_GetObjectItemCaseSensitive(g, "from_time"), midnight, 1) ||
	    !lists_exactly(cJSON_GetObjectItemCaseSensitive(g, "to_time"), last, 1) ||
	    !lists_exactly(cJSON_GetObjectItemCaseSensitive(g, "days"), calendar_week, 7) ||
	    !cJSON_IsArray(months) || cJSON_GetArraySize(months) != 1)
		return "a holiday time group is not whole days (00:00 to 23:59, every day of "
		       "the week) of one month";
	int month = index_of(months->child, smartflo_month_names, 12);
	if (month < 0)
		return "a time group's month is not one of jan ... dec";
	const cJSON *v;
	cJSON_ArrayForEach(v, dates) {
		int day = date_of(v, month_days[month]);
		if (!day)
			return "a holiday time group's date is not a day of its month";
		struct doc_node *every = import_map(im);
		import_put(im, every, "every", import_word(im, arena_printf(im->a, "%02d-%02d",
									      month + 1, day)));
		import_push(im, holidays, every);
	}
	return NULL;
}

static const char *time_groups(struct importer *im, struct doc_node *cal, const cJSON *doc,
			       const cJSON **at)
{
	const cJSON *open = cJSON_GetObjectItemCaseSensitive(doc, "open");
	const cJSON *hol = cJSON_GetObjectItemCaseSensitive(doc, "holidays");
	if (!cJSON_IsArray(open) || !cJSON_IsArray(hol))
		return "'open' and 'holidays' are not lists of time groups";
	struct doc_node *by_day[7];
	for (int d = 0; d < 7; d++)
		by_day[d] = import_seq(im);
	const char *const *dates = month_dates(im->a);   /* once, not per group */
	const char *why = NULL;
	const cJSON *g;
	cJSON_ArrayForEach(g, open)
		if ((why = open_group(im, g, by_day, dates)) != NULL) {
			*at = g;
			return why;
		}
	import_calendar_hours(im, cal, by_day);
	struct doc_node *holidays = import_seq(im);
	cJSON_ArrayForEach(g, hol)
		if ((why = holiday_group(im, g, holidays)) != NULL) {
			*at = g;
			return why;
		}
	if (holidays->count)
		import_put(im, cal, "holidays", holidays);
	return NULL;
}

void smartflo_import_calendars(struct importer *im)
{
	static const char *const keys[] = { "calendar", "timezone", "open", "holidays", NULL };
	for (size_t i = 0; i < im->ncalendars; i++)
		import_calendar_declare(im, im->calendars[i], keys, time_groups);
}
