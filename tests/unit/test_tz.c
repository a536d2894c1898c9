/* Unit test for compiler/tz.c: civil dates, zones read from the system's
 * tz database (offsets, a daylight-saving gap and overlap, both
 * hemispheres, the footer's rule past the last transition), and the names
 * and files refused. */
#include "compiler/arena.h"
#include "compiler/tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"

static int64_t at(int64_t y, unsigned m, unsigned d, int hh, int mm)
{
	return tz_days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60;
}

static void check_int(int64_t got, int64_t want, const char *what)
{
	char detail[96];
	snprintf(detail, sizeof detail, "got %lld, want %lld", (long long)got, (long long)want);
	check(got == want, what, detail);
}

static void civil(void)
{
	check_int(tz_days_from_civil(1970, 1, 1), 0, "civil: the epoch is day 0");
	check_int(tz_days_from_civil(2000, 3, 1) - tz_days_from_civil(2000, 2, 28), 2,
		  "civil: 2000 has a February 29");
	check_int(tz_days_from_civil(1900, 3, 1) - tz_days_from_civil(1900, 2, 28), 1,
		  "civil: 1900 has none");
	check_int(tz_weekday(tz_days_from_civil(2026, 12, 25)), 5, "civil: 2026-12-25 is a Friday");
	check_int(tz_weekday(tz_days_from_civil(1969, 12, 31)), 3, "civil: 1969-12-31 was a Wednesday");
	int64_t y;
	unsigned m, d;
	tz_civil_from_days(tz_days_from_civil(2024, 2, 29), &y, &m, &d);
	check(y == 2024 && m == 2 && d == 29, "civil: there and back", "2024-02-29 changed");
	tz_civil_from_days(-1, &y, &m, &d);
	check(y == 1969 && m == 12 && d == 31, "civil: day -1", "not 1969-12-31");
}

static const struct tz *zone(struct arena *a, const char *name)
{
	struct tz *z = arena_alloc(a, sizeof *z);
	const char *why = tz_load(a, name, z);
	check(!why, name, why ? why : "");
	return why ? NULL : z;
}

static void offsets(struct arena *a)
{
	const struct tz *k = zone(a, "Asia/Kolkata");
	if (k)
		check_int(tz_offset(k, at(2026, 1, 1, 0, 0)), 19800, "Kolkata is UTC+05:30");
	const struct tz *b = zone(a, "Europe/Berlin");
	if (b) {
		check_int(tz_offset(b, at(2026, 1, 15, 12, 0)), 3600, "Berlin in winter: +1");
		check_int(tz_offset(b, at(2026, 7, 15, 12, 0)), 7200, "Berlin in summer: +2");
		check_int(tz_offset(b, at(2045, 7, 1, 12, 0)), 7200, "Berlin in 2045 (the footer's rule)");
		check_int(tz_offset(b, at(2045, 1, 1, 12, 0)), 3600, "Berlin in January 2045");
		int64_t u;
		check_int(tz_local_to_utc(b, at(2026, 6, 1, 12, 0), &u), TZ_LOCAL_OK, "Berlin noon: one instant");
		check_int(u, at(2026, 6, 1, 10, 0), "Berlin noon in June is 10:00 UTC");
		check_int(tz_local_to_utc(b, at(2026, 3, 29, 2, 30), &u), TZ_LOCAL_SKIPPED,
			  "Berlin 2026-03-29 02:30 is skipped");
		check_int(tz_local_to_utc(b, at(2026, 10, 25, 2, 30), &u), TZ_LOCAL_REPEATED,
			  "Berlin 2026-10-25 02:30 comes twice");
		check_int(u, at(2026, 10, 25, 0, 30), "the first 02:30 is 00:30 UTC");
		check_int(tz_local_to_utc(b, at(2050, 3, 27, 2, 30), &u), TZ_LOCAL_SKIPPED,
			  "Berlin 2050-03-27 02:30 is skipped (the footer's rule)");
	}
	const struct tz *s = zone(a, "Australia/Sydney");
	if (s) {
		check_int(tz_offset(s, at(2026, 1, 15, 0, 0)), 39600, "Sydney in January: +11");
		check_int(tz_offset(s, at(2026, 7, 15, 0, 0)), 36000, "Sydney in July: +10");
		check_int(tz_offset(s, at(2060, 1, 15, 0, 0)), 39600, "Sydney in January 2060");
	}
	const struct tz *n = zone(a, "America/New_York");
	if (n) {
		int64_t u;
		check_int(tz_local_to_utc(n, at(2026, 3, 8, 2, 30), &u), TZ_LOCAL_SKIPPED,
			  "New York 2026-03-08 02:30 is skipped");
		check_int(tz_offset(n, at(2050, 7, 4, 12, 0)), -4 * 3600, "New York in July 2050: -4");
	}
	const struct tz *u = zone(a, "UTC");
	if (u)
		check_int(tz_offset(u, at(2026, 7, 1, 0, 0)), 0, "UTC is +0");
}

static void refused(struct arena *a)
{
	struct tz z;
	check_str(tz_load(a, "Mars/Olympus_Mons", &z), "no such time zone in the tz database",
		  "an unknown zone");
	const char *names[] = { "../etc/passwd", "/etc/passwd", "Europe/", "Europe//Berlin",
				"Europe/.hidden", "Asia/Kolkata\\x", "" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char what[64];
		snprintf(what, sizeof what, "not a name: '%s'", names[i]);
		check_str(tz_load(a, names[i], &z), "not a time zone name (like Asia/Kolkata)", what);
	}
	/* A file in the database that is no TZif file. */
	char dir[] = "/tmp/ivrc-tz-XXXXXX";
	if (!mkdtemp(dir)) {
		check(0, "mkdtemp", "failed");
		return;
	}
	char path[128];
	snprintf(path, sizeof path, "%s/Bad", dir);
	FILE *f = fopen(path, "w");
	fputs("TZif2 not really", f);
	fclose(f);
	setenv("TZDIR", dir, 1);
	check_str(tz_load(a, "Bad", &z),
		  "the tz database's file for it is not a time zone (TZif) file", "a file that is not TZif");
	unsetenv("TZDIR");
	remove(path);
	rmdir(dir);
}

int main(void)
{
	struct arena a;
	arena_init(&a);
	civil();
	offsets(&a);
	refused(&a);
	arena_free(&a);
	return failures != 0;
}
