/* What a calendar says of a moment: open, closed, or a holiday (issue 26's
 * schedules route on it; the simulator and the lint rules ask it). */
#ifndef IVRC_CALENDAR_H
#define IVRC_CALENDAR_H
#include "ast.h"

enum calendar_state { CAL_OPEN, CAL_CLOSED, CAL_HOLIDAY };

struct calendar_why {
	const struct ast_hours *hours;       /* CAL_OPEN: the range it is in */
	bool from_yesterday;                 /* ...which began the day before */
	const struct ast_holiday *holiday;   /* CAL_HOLIDAY: the holiday */
};

/* The state at wall-clock time `local` (seconds since the epoch, counted in
 * the calendar's zone as if it were UTC). A holiday is judged by the local
 * date, the whole day; else the time is open when a range of its weekday
 * holds it, or a range of the day before that runs past midnight. */
enum calendar_state calendar_at(const struct ast_calendar *c, int64_t local,
				struct calendar_why *why);

/* The moment a date and time name: with an offset (seconds east), an
 * instant; without, a wall-clock time. */
struct ast_moment calendar_moment(const struct ast_datetime *dt, bool has_offset,
				  int32_t offset, const char *text, struct span span);

/* The days as the provider JSON and the import list them, Monday first:
 * calendar_week[d] is the AST's weekday calendar_weekday(d) (0 Sunday). */
extern const char *const calendar_week[7];
static inline unsigned calendar_weekday(int monday_first)
{
	return (unsigned)(monday_first + 1) % 7;
}

/* How the language writes a calendar's parts, into buf (returned). */
enum { CALENDAR_TEXT_MAX = 24 };
/* A time of day in minutes since midnight: "09:00" ("24:00" ends a day). */
const char *calendar_time_text(char buf[CALENDAR_TEXT_MAX], unsigned minutes);
/* A range: "09:00-13:00". */
const char *calendar_range_text(char buf[CALENDAR_TEXT_MAX], const struct ast_hours *h);
/* A holiday's date: "2026-12-25", or "12-25" for one of every year. */
const char *calendar_holiday_text(char buf[CALENDAR_TEXT_MAX], const struct ast_holiday *h);

#endif
