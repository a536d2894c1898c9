/* Time zones from the system's tz database: the TZif files under
 * /usr/share/zoneinfo (or $TZDIR, as the C library reads it), read by this
 * module, so that the process's own TZ is never set: a calendar's zone is
 * one value among others. Times are seconds: `utc` since the epoch,
 * `local` the wall-clock time counted the same way (as if it were UTC). */
#ifndef IVRC_TZ_H
#define IVRC_TZ_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

/* The rule of a POSIX TZ string (a TZif file's footer), for the times
 * after the file's last transition. */
struct tz_rule_date {
	char kind;             /* 'J' (1-365, no Feb 29), 'D' (0-365), 'M' (month.week.day) */
	int day, week, month;
	int32_t time;          /* seconds after local midnight (may be < 0 or > 24 h) */
};

struct tz_posix {
	int32_t std_off, dst_off;   /* UTC offsets, seconds east */
	bool has_dst;
	struct tz_rule_date start, end;
};

struct tz {
	const char *name;
	int64_t *times;            /* transitions, ascending */
	uint8_t *idx;              /* the type in force from each */
	size_t ntimes;
	int32_t *offs;             /* the types' UTC offsets */
	size_t ntypes;
	bool has_footer;
	struct tz_posix footer;
};

/* Reads zone `name` ("Asia/Kolkata", "UTC"). NULL, or why not (the name is
 * no zone of the database, or its file is not TZif). */
const char *tz_load(struct arena *a, const char *name, struct tz *out);

/* The UTC offset (seconds east) in force at instant utc. */
int32_t tz_offset(const struct tz *z, int64_t utc);

enum tz_local {
	TZ_LOCAL_OK,
	TZ_LOCAL_SKIPPED,      /* the clocks jumped over it: no instant has it */
	TZ_LOCAL_REPEATED,     /* the clocks went back over it: *utc is the first */
};

/* The instant a wall-clock time names in zone z. */
enum tz_local tz_local_to_utc(const struct tz *z, int64_t local, int64_t *utc);

/* Civil dates: days since 1970-01-01 and back (proleptic Gregorian). */
int64_t tz_days_from_civil(int64_t y, unsigned m, unsigned d);
void tz_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d);
/* 0 = Sunday ... 6 = Saturday. */
unsigned tz_weekday(int64_t days);

#endif
