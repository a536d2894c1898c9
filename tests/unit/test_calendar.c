/* Unit test for compiler/calendar.c: a clinic's week (a lunch break, a
 * half Saturday, a night shift past midnight), a yearly and a dated
 * holiday; the state and its reason at instants around every edge. */
#include "compiler/calendar.h"
#include "compiler/tz.h"

#include <stdio.h>
#include <string.h>
#include "check.h"

static int64_t at(int64_t y, unsigned m, unsigned d, int hh, int mm)
{
	return tz_days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60;
}

static void expect(const struct ast_calendar *c, int64_t local, enum calendar_state want,
		   const char *what)
{
	static const char *const names[] = { "open", "closed", "holiday" };
	struct calendar_why why;
	enum calendar_state got = calendar_at(c, local, &why);
	check(got == want, what, names[got]);
}

int main(void)
{
	/* mon-fri 09:00-13:00 and 14:00-18:00; sat 09:00-12:00; fri 22:00-02:00. */
	struct ast_hours week[] = { { 540, 780, { 0 } }, { 840, 1080, { 0 } } };
	struct ast_hours fri[] = { { 540, 780, { 0 } }, { 840, 1080, { 0 } }, { 1320, 120, { 0 } } };
	struct ast_hours sat[] = { { 540, 720, { 0 } } };
	struct ast_holiday holidays[] = { { 0, 12, 25, { 0 } }, { 2027, 1, 26, { 0 } } };
	struct ast_calendar c = { .holidays = holidays, .nholidays = 2 };
	for (int d = 1; d <= 4; d++) {
		c.hours[d] = week;
		c.nhours[d] = 2;
	}
	c.hours[5] = fri;
	c.nhours[5] = 3;
	c.hours[6] = sat;
	c.nhours[6] = 1;
	/* 2026-12-07 is a Monday. */
	expect(&c, at(2026, 12, 7, 8, 59), CAL_CLOSED, "Monday 08:59: closed");
	expect(&c, at(2026, 12, 7, 9, 0), CAL_OPEN, "Monday 09:00: open (a range holds its start)");
	expect(&c, at(2026, 12, 7, 13, 0), CAL_CLOSED, "Monday 13:00: lunch (a range ends before its end)");
	expect(&c, at(2026, 12, 7, 14, 30), CAL_OPEN, "Monday 14:30: open");
	expect(&c, at(2026, 12, 7, 18, 0), CAL_CLOSED, "Monday 18:00: closed");
	expect(&c, at(2026, 12, 11, 23, 0), CAL_OPEN, "Friday 23:00: the night shift");
	expect(&c, at(2026, 12, 12, 1, 59), CAL_OPEN, "Saturday 01:59: Friday's night shift");
	expect(&c, at(2026, 12, 12, 2, 0), CAL_CLOSED, "Saturday 02:00: closed");
	expect(&c, at(2026, 12, 12, 11, 0), CAL_OPEN, "Saturday 11:00: open");
	expect(&c, at(2026, 12, 13, 1, 0), CAL_CLOSED, "Sunday 01:00: no Saturday night shift");
	expect(&c, at(2026, 12, 25, 10, 0), CAL_HOLIDAY, "2026-12-25 10:00: every year's holiday");
	expect(&c, at(2031, 12, 25, 3, 0), CAL_HOLIDAY, "2031-12-25 03:00: the same, years on");
	expect(&c, at(2027, 1, 26, 10, 0), CAL_HOLIDAY, "2027-01-26: the dated holiday");
	expect(&c, at(2028, 1, 26, 10, 0), CAL_OPEN, "2028-01-26 (a Wednesday): open, not that year");
	struct calendar_why why;
	calendar_at(&c, at(2026, 12, 12, 1, 0), &why);
	check(why.hours == &fri[2] && why.from_yesterday, "the reason: Friday's 22:00-02:00",
	      "another range");
	calendar_at(&c, at(2026, 12, 25, 10, 0), &why);
	check(why.holiday == &holidays[0], "the reason: the 12-25 holiday", "another");
	expect(&c, at(1969, 12, 31, 10, 0), CAL_OPEN, "1969-12-31 (a Wednesday) 10:00: before the epoch");
	return failures != 0;
}
