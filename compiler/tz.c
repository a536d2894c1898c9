/* Time zones from the tz database's TZif files (RFC 8536), and the POSIX
 * TZ rule of their footer for the times after the last transition. */
#include "tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

enum { TZ_FILE_MAX = 1 << 20, TZ_NAME_MAX = 128 };

/* ---------- civil dates (Howard Hinnant's algorithms) ---------- */

int64_t tz_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

void tz_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d)
{
	days += 719468;
	int64_t era = (days >= 0 ? days : days - 146096) / 146097;
	unsigned doe = (unsigned)(days - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

unsigned tz_weekday(int64_t days)
{
	return (unsigned)(days >= -4 ? (days + 4) % 7 : (days + 5) % 7 + 6);
}

static bool leap_year(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* ---------- the POSIX TZ rule ---------- */

struct cursor {
	const char *p;
	bool ok;
};

static long number(struct cursor *c, long max)
{
	if (*c->p < '0' || *c->p > '9') {
		c->ok = false;
		return 0;
	}
	long v = 0;
	while (*c->p >= '0' && *c->p <= '9') {
		v = v * 10 + (*c->p++ - '0');
		if (v > max)
			c->ok = false;
	}
	return v;
}

/* [+-]hh[:mm[:ss]] */
static int32_t hms(struct cursor *c, long max_hours)
{
	int sign = 1;
	if (*c->p == '+' || *c->p == '-')
		sign = *c->p++ == '-' ? -1 : 1;
	long s = number(c, max_hours) * 3600;
	if (*c->p == ':') {
		c->p++;
		s += number(c, 59) * 60;
		if (*c->p == ':') {
			c->p++;
			s += number(c, 59);
		}
	}
	return (int32_t)(sign * s);
}

static void zone_name(struct cursor *c)
{
	if (*c->p == '<') {
		const char *close = strchr(c->p, '>');
		if (!close)
			c->ok = false;
		c->p = close ? close + 1 : c->p;
		return;
	}
	const char *start = c->p;
	while ((*c->p >= 'A' && *c->p <= 'Z') || (*c->p >= 'a' && *c->p <= 'z'))
		c->p++;
	if (c->p - start < 3)
		c->ok = false;
}

static struct tz_rule_date rule_date(struct cursor *c)
{
	struct tz_rule_date r = { .time = 2 * 3600 };
	if (*c->p == 'J') {
		c->p++;
		r.kind = 'J';
		r.day = (int)number(c, 365);
		if (r.day < 1)
			c->ok = false;
	} else if (*c->p == 'M') {
		c->p++;
		r.kind = 'M';
		r.month = (int)number(c, 12);
		if (*c->p++ != '.')
			c->ok = false;
		r.week = (int)number(c, 5);
		if (*c->p++ != '.')
			c->ok = false;
		r.day = (int)number(c, 6);
		if (r.month < 1 || r.week < 1)
			c->ok = false;
	} else {
		r.kind = 'D';
		r.day = (int)number(c, 365);
	}
	if (c->ok && *c->p == '/') {
		c->p++;
		r.time = hms(c, 167);
	}
	return r;
}

/* std offset [dst [offset] [,start[/time],end[/time]]]; false when it is
 * not one (an empty footer: none). */
static bool posix_parse(const char *s, struct tz_posix *out)
{
	struct cursor c = { s, true };
	*out = (struct tz_posix){ 0 };
	zone_name(&c);
	out->std_off = -hms(&c, 24);
	if (c.ok && *c.p && *c.p != ',') {
		out->has_dst = true;
		zone_name(&c);
		out->dst_off = out->std_off + 3600;
		if (c.ok && *c.p && *c.p != ',')
			out->dst_off = -hms(&c, 24);
	}
	if (c.ok && out->has_dst) {
		/* Without a rule, POSIX leaves it to the implementation: the
		 * United States' (as glibc). */
		const char *rule = *c.p == ',' ? c.p + 1 : "M3.2.0,M11.1.0";
		struct cursor r = { rule, true };
		out->start = rule_date(&r);
		if (*r.p++ != ',')
			r.ok = false;
		out->end = rule_date(&r);
		c.ok = r.ok && *r.p == '\0';
		c.p = "";
	}
	return c.ok && *c.p == '\0';
}

/* The local day (days since the epoch) a rule names in year y. */
static int64_t rule_day(const struct tz_rule_date *r, int64_t y)
{
	int64_t jan1 = tz_days_from_civil(y, 1, 1);
	if (r->kind == 'J')
		return jan1 + r->day - 1 + (leap_year(y) && r->day >= 60);
	if (r->kind == 'D')
		return jan1 + r->day;
	int64_t first = tz_days_from_civil(y, (unsigned)r->month, 1);
	int64_t day = first + (r->day - (int)tz_weekday(first) + 7) % 7 + (r->week - 1) * 7;
	int64_t next = r->month == 12 ? tz_days_from_civil(y + 1, 1, 1)
				       : tz_days_from_civil(y, (unsigned)r->month + 1, 1);
	while (day >= next)
		day -= 7;
	return day;
}

static int32_t posix_offset(const struct tz_posix *z, int64_t utc)
{
	if (!z->has_dst)
		return z->std_off;
	int64_t y;
	unsigned m, d;
	int64_t local = utc + z->std_off;
	tz_civil_from_days(local >= 0 ? local / 86400 : (local - 86399) / 86400, &y, &m, &d);
	/* The start is given in standard time, the end in daylight time. */
	int64_t start = rule_day(&z->start, y) * 86400 + z->start.time - z->std_off;
	int64_t end = rule_day(&z->end, y) * 86400 + z->end.time - z->dst_off;
	bool dst = start < end ? utc >= start && utc < end : !(utc >= end && utc < start);
	return dst ? z->dst_off : z->std_off;
}

/* ---------- TZif ---------- */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

struct counts {
	uint32_t isut, isstd, leap, time, type, chars;
};

static bool header(const unsigned char *p, size_t len, struct counts *c)
{
	if (len < 44 || memcmp(p, "TZif", 4) != 0)
		return false;
	*c = (struct counts){ be32(p + 20), be32(p + 24), be32(p + 28), be32(p + 32),
			      be32(p + 36), be32(p + 40) };
	return c->type >= 1 && c->type <= 256 && c->time <= 1000000 && c->leap <= 1000000 &&
	       c->chars <= 1000000 && (c->isut == 0 || c->isut == c->type) &&
	       (c->isstd == 0 || c->isstd == c->type);
}

static size_t block_size(const struct counts *c, size_t tsize)
{
	return c->time * tsize + c->time + c->type * 6 + c->chars + c->leap * (tsize + 4) +
	       c->isstd + c->isut;
}

/* The data block at p (times of tsize bytes) into z; false when it does
 * not hold together. */
static bool data(struct arena *a, const unsigned char *p, const struct counts *c,
		 size_t tsize, struct tz *z)
{
	z->ntimes = c->time;
	z->ntypes = c->type;
	z->times = arena_alloc(a, (c->time + 1) * sizeof *z->times);
	z->idx = arena_alloc(a, c->time + 1);
	z->offs = arena_alloc(a, c->type * sizeof *z->offs);
	for (size_t i = 0; i < c->time; i++) {
		z->times[i] = tsize == 8 ? be64(p + i * 8) : (int32_t)be32(p + i * 4);
		if (i && z->times[i] <= z->times[i - 1])
			return false;
	}
	p += c->time * tsize;
	for (size_t i = 0; i < c->time; i++)
		if ((z->idx[i] = p[i]) >= c->type)
			return false;
	p += c->time;
	for (size_t i = 0; i < c->type; i++) {
		z->offs[i] = (int32_t)be32(p + i * 6);
		if (z->offs[i] <= -25 * 3600 || z->offs[i] >= 26 * 3600)
			return false;
	}
	return true;
}

static bool parse(struct arena *a, const unsigned char *p, size_t len, struct tz *z)
{
	struct counts c;
	if (!header(p, len, &c))
		return false;
	size_t v1 = 44 + block_size(&c, 4);
	if (v1 > len)
		return false;
	if (p[4] == '\0')
		return data(a, p + 44, &c, 4, z);
	/* Version 2 and later: a second header and block of 64-bit times, then
	 * the footer, "\nTZ\n". */
	const unsigned char *h2 = p + v1;
	size_t rest = len - v1;
	if (!header(h2, rest, &c) || 44 + block_size(&c, 8) > rest ||
	    !data(a, h2 + 44, &c, 8, z))
		return false;
	const char *foot = (const char *)h2 + 44 + block_size(&c, 8);
	size_t flen = (size_t)((const char *)p + len - foot);
	if (flen < 2 || foot[0] != '\n' || foot[flen - 1] != '\n')
		return false;
	char *tzstr = arena_strndup(a, foot + 1, flen - 2);
	if (strchr(tzstr, '\n'))
		return false;
	z->has_footer = tzstr[0] != '\0';
	return !z->has_footer || posix_parse(tzstr, &z->footer);
}

/* A zone name: segments of [A-Za-z0-9_+-], none starting with '.', '-'. */
static bool name_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > TZ_NAME_MAX || s[0] == '/' || s[n - 1] == '/')
		return false;
	for (const char *p = s; *p; p++) {
		bool seg_start = p == s || p[-1] == '/';
		if (seg_start && (*p == '.' || *p == '-' || *p == '/'))
			return false;
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '+' || *p == '-' ||
		      *p == '/'))
			return false;
	}
	return true;
}

const char *tz_load(struct arena *a, const char *name, struct tz *out)
{
	*out = (struct tz){ .name = name };
	if (!name_ok(name))
		return "not a time zone name (like Asia/Kolkata)";
	const char *dir = getenv("TZDIR");
	const char *path = arena_concat(a, dir && dir[0] ? dir : "/usr/share/zoneinfo", "/",
					name, (const char *)NULL);
	FILE *f = fopen(path, "rb");
	if (!f)
		return "no such time zone in the tz database";
	unsigned char *buf = malloc(TZ_FILE_MAX);
	size_t len = buf ? fread(buf, 1, TZ_FILE_MAX, f) : 0;
	bool whole = buf && feof(f) && !ferror(f);
	fclose(f);
	bool ok = whole && parse(a, buf, len, out);
	free(buf);
	return ok ? NULL : "the tz database's file for it is not a time zone (TZif) file";
}

int32_t tz_offset(const struct tz *z, int64_t utc)
{
	if (z->ntimes == 0)
		return z->has_footer ? posix_offset(&z->footer, utc) : z->offs[0];
	if (utc < z->times[0])
		return z->offs[0];
	if (utc >= z->times[z->ntimes - 1] && z->has_footer)
		return posix_offset(&z->footer, utc);
	size_t lo = 0, hi = z->ntimes;    /* the last transition at or before utc */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (z->times[mid] <= utc)
			lo = mid;
		else
			hi = mid;
	}
	return z->offs[z->idx[lo]];
}

/* The i-th offset zone z ever uses: its types', then its footer's two. */
static int32_t used_offset(const struct tz *z, size_t i)
{
	return i < z->ntypes ? z->offs[i] : i == z->ntypes ? z->footer.std_off : z->footer.dst_off;
}

enum tz_local tz_local_to_utc(const struct tz *z, int64_t local, int64_t *utc)
{
	/* local - offset is an answer when that offset is in force then; the
	 * answers are one instant (or two, in an overlap: the first is taken). */
	size_t n = z->ntypes + (z->has_footer ? 2 : 0);
	bool found = false;
	int64_t first = 0, last = 0;
	for (size_t i = 0; i < n; i++) {
		int32_t off = used_offset(z, i);
		int64_t u = local - off;
		if (tz_offset(z, u) != off)
			continue;
		first = found && first < u ? first : u;
		last = found && last > u ? last : u;
		found = true;
	}
	if (!found) {
		/* In the gap: the offset before it, for a time to show. */
		*utc = local - tz_offset(z, local - z->offs[0]);
		return TZ_LOCAL_SKIPPED;
	}
	*utc = first;
	return first == last ? TZ_LOCAL_OK : TZ_LOCAL_REPEATED;
}
