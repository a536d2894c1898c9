/* Typed scalars shared by the YAML and DSL front ends: durations, integers,
 * phone numbers, date-times, DTMF keys, names, destinations and templates.
 * Each scalar is lexed by a small re2c block over (s, n): the input is not
 * NUL-terminated and may hold NUL bytes, so YYPEEK reads 0 past the end and the
 * `$` rule tells the real end from a NUL byte, which is always an error.
 * Errors carry the byte offset of the fault inside the scalar. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "scalar.h"
#include "../compiler/diag.h"

#define MAX_NAME 64
#define MAX_SECONDS 86400u

/* The cursor over one scalar; tok marks where the current token started. */
struct lx {
	const unsigned char *base, *cur, *lim, *mar, *tok;
};

/*!re2c
	re2c:api = custom;
	re2c:api:style = free-form;
	re2c:define:YYCTYPE = "unsigned char";
	re2c:define:YYPEEK = "(l->cur < l->lim ? *l->cur : 0)";
	re2c:define:YYSKIP = "++l->cur;";
	re2c:define:YYBACKUP = "l->mar = l->cur;";
	re2c:define:YYRESTORE = "l->cur = l->mar;";
	re2c:define:YYLESSTHAN = "l->cur >= l->lim";
	re2c:yyfill:enable = 0;
	re2c:eof = 0;
*/

static void lx_init(struct lx *l, const char *s, size_t n)
{
	if (!s)  /* n is 0 then; avoid arithmetic on a null pointer */
		s = "";
	l->base = l->cur = l->tok = l->mar = (const unsigned char *)s;
	l->lim = l->base + n;
}

static size_t lx_off(const struct lx *l, const unsigned char *p)
{
	return (size_t)(p - l->base);
}

static bool fail(struct lex_error *e, size_t offset, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool fail(struct lex_error *e, size_t offset, const char *fmt, ...)
{
	if (!e)
		return false;
	va_list ap;
	va_start(ap, fmt);
	e->offset = offset;
	vsnprintf(e->message, sizeof e->message, fmt, ap);
	va_end(ap);
	return false;
}

/* The byte at p for a message: 'x', a space, a NUL byte, the end... */
static const char *what(const struct lx *l, const unsigned char *p, char buf[16])
{
	if (p >= l->lim)
		return p == l->base ? "nothing" : "the end";
	switch (*p) {
	case 0: return "a NUL byte";
	case '\t': return "a tab";
	case '\n': return "a line break";
	case '\r': return "a carriage return";
	case ' ': return "a space";
	case '\'': return "\"'\"";
	}
	if (*p > ' ' && *p < 0x7f)
		snprintf(buf, 16, "'%c'", *p);
	else
		snprintf(buf, 16, "byte 0x%02x", *p);
	return buf;
}

/* User text in single quotes, non-printable bytes escaped, long text cut. */
static const char *quoted(char buf[64], const unsigned char *s, size_t n)
{
	size_t j = 0;
	buf[j++] = '\'';
	for (size_t i = 0; i < n; i++) {
		if (j > 40) {
			memcpy(buf + j, "...", 3);
			j += 3;
			break;
		}
		if (s[i] >= ' ' && s[i] < 0x7f)
			buf[j++] = (char)s[i];
		else
			j += (size_t)snprintf(buf + j, 64 - j, "\\x%02x", s[i]);
	}
	buf[j++] = '\'';
	buf[j] = '\0';
	return buf;
}

/* Fails with "expected <expected>, got <byte>" unless the cursor is at the end. */
static bool at_end(const struct lx *l, const char *expected, struct lex_error *e)
{
	char b[16];
	if (l->cur >= l->lim)
		return true;
	return fail(e, lx_off(l, l->cur), "expected %s, got %s", expected,
		    what(l, l->cur, b));
}

/* Decimal value of [p, q), saturated at cap + 1 so it cannot overflow. */
static uint64_t digits_value(const unsigned char *p, const unsigned char *q, uint64_t cap)
{
	uint64_t v = 0;
	for (; p < q; p++) {
		v = v * 10 + (uint64_t)(*p - '0');
		if (v > cap)
			return cap + 1;
	}
	return v;
}

/* ---------- durations ---------- */

enum dur_tok { DUR_NUM, DUR_UNIT, DUR_LETTER, DUR_END, DUR_OTHER };

static enum dur_tok dur_next(struct lx *l)
{
	l->tok = l->cur;
	/*!re2c
		[0-9]+   { return DUR_NUM; }
		[hms]    { return DUR_UNIT; }
		[A-Za-z] { return DUR_LETTER; }
		$        { return DUR_END; }
		*        { return DUR_OTHER; }
	*/
}

/* Checks the unit at l->tok against the units used so far (*next: index in
 * "hms" of the first unit still allowed) and returns its index, or -1. */
static int dur_unit(const struct lx *l, int *next, struct lex_error *e)
{
	static const char units[] = "hms";
	int u = (int)(strchr(units, *l->tok) - units);
	if (u >= *next) {
		*next = u + 1;
		return u;
	}
	if (u == *next - 1)
		fail(e, lx_off(l, l->tok), "duration unit '%c' appears twice", units[u]);
	else
		fail(e, lx_off(l, l->tok), "duration unit '%c' must come before '%c'",
		     units[u], units[*next - 1]);
	return -1;
}

/* After a number: its unit, or the end for a bare number of seconds. */
static bool dur_after_num(struct lx *l, uint64_t v, int *next, uint64_t *total,
			  struct lex_error *e)
{
	static const uint64_t mult[] = { 3600, 60, 1 };
	const unsigned char *num = l->tok;
	char b[64];
	switch (dur_next(l)) {
	case DUR_UNIT: {
		int u = dur_unit(l, next, e);
		if (u < 0)
			return false;
		*total += v * mult[u];
		return true;
	}
	case DUR_END:
		if (*next > 0)
			return fail(e, lx_off(l, l->tok), "missing duration unit after %s; expected s, m or h",
				    quoted(b, num, (size_t)(l->tok - num)));
		*total = v;
		*next = 3;
		return true;
	case DUR_LETTER:
		return fail(e, lx_off(l, l->tok), "unknown duration unit '%c'; expected s, m or h",
			    *l->tok);
	default:
		return fail(e, lx_off(l, l->tok), "expected a duration unit s, m or h, got %s",
			    what(l, l->tok, b));
	}
}

static bool lex_duration_exact(const char *s, size_t n, uint32_t *seconds,
			       struct lex_error *e);

/* What a caller who wrote a duration another way meant: "10sec", "2 min",
 * "1hr", "500ms", "1.5s" (a number, maybe a fraction, then a unit word).
 * Writes the language's form to out and returns true when it knows one. */
static bool dur_meant(const char *s, size_t n, char out[64])
{
	static const struct { const char *word; char unit; } words[] = {
		{ "s", 's' }, { "sec", 's' }, { "secs", 's' }, { "second", 's' }, { "seconds", 's' },
		{ "m", 'm' }, { "min", 'm' }, { "mins", 'm' }, { "minute", 'm' }, { "minutes", 'm' },
		{ "h", 'h' }, { "hr", 'h' }, { "hrs", 'h' }, { "hour", 'h' }, { "hours", 'h' },
		{ "ms", 0 }, { "msec", 0 }, { "millisecond", 0 }, { "milliseconds", 0 },
	};
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	size_t d0 = i;
	unsigned long whole = 0;   /* s is not NUL-terminated: the digits by hand */
	while (i < n && s[i] >= '0' && s[i] <= '9' && i - d0 < 9)
		whole = whole * 10 + (unsigned long)(s[i++] - '0');
	if (i == d0)
		return false;
	bool fraction = false;
	if (i < n && s[i] == '.') {
		fraction = true;
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
	}
	while (i < n && s[i] == ' ')
		i++;
	size_t w0 = i;
	while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
		i++;
	size_t wn = i - w0;
	while (i < n && s[i] == ' ')
		i++;
	if (i != n || wn == 0 || wn > 12)
		return false;
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
		if (strlen(words[k].word) != wn || strncasecmp(words[k].word, s + w0, wn) != 0)
			continue;
		if (!words[k].unit)   /* milliseconds: durations are whole seconds */
			snprintf(out, 64, "%lus", (whole + 999) / 1000 ? (whole + 999) / 1000 : 1);
		else if (fraction)
			snprintf(out, 64, "%lu%c or %lu%c", whole, words[k].unit, whole + 1,
				 words[k].unit);
		else
			snprintf(out, 64, "%lu%c", whole, words[k].unit);
		return true;
	}
	return false;
}

bool lex_duration(const char *s, size_t n, uint32_t *seconds, struct lex_error *e)
{
	if (lex_duration_exact(s, n, seconds, e))
		return true;
	char meant[64], b[64];
	if (e && dur_meant(s, n, meant))
		fail(e, 0, "%s is not how a duration is written (whole seconds, minutes, hours: "
		     "10s, 2m, 1h30m); write %s", quoted(b, (const unsigned char *)s, n), meant);
	return false;
}

static bool lex_duration_exact(const char *s, size_t n, uint32_t *seconds, struct lex_error *e)
{
	struct lx l;
	uint64_t total = 0;
	int next = 0;
	char b[64];
	lx_init(&l, s, n);
	for (;;) {
		enum dur_tok t = dur_next(&l);
		if (t == DUR_END && l.tok > l.base)
			break;
		if (t != DUR_NUM && l.tok == l.base)
			return fail(e, 0, "expected a duration such as '10s' or '1m30s', got %s",
				    what(&l, l.tok, b));
		if (t != DUR_NUM)
			return fail(e, lx_off(&l, l.tok), "expected a digit, got %s", what(&l, l.tok, b));
		uint64_t v = digits_value(l.tok, l.cur, MAX_SECONDS);
		if (!dur_after_num(&l, v, &next, &total, e))
			return false;
	}
	if (total > MAX_SECONDS)
		return fail(e, 0, "expected a duration of at most 24h (86400 s), got %s",
			    quoted(b, l.base, n));
	*seconds = (uint32_t)total;
	return true;
}

/* ---------- integers ---------- */

static bool int_shape(struct lx *l)
{
	/*!re2c
		"-"? [0-9]+ { return true; }
		*           { return false; }
		$           { return false; }
	*/
}

bool lex_int(const char *s, size_t n, int64_t *value, struct lex_error *e)
{
	struct lx l;
	char b[16];
	lx_init(&l, s, n);
	if (!int_shape(&l)) {
		if (n > 0 && l.base[0] == '-')
			return fail(e, 1, "expected a digit after '-', got %s", what(&l, l.base + 1, b));
		return fail(e, 0, "expected an integer, got %s", what(&l, l.base, b));
	}
	if (!at_end(&l, "a digit", e))
		return false;
	bool neg = l.base[0] == '-';
	uint64_t cap = (uint64_t)INT64_MAX + neg;
	uint64_t mag = digits_value(l.base + neg, l.cur, cap);
	if (mag > cap)
		return fail(e, 0, "integer out of range");
	if (!neg)
		*value = (int64_t)mag;
	else
		*value = mag > (uint64_t)INT64_MAX ? INT64_MIN : -(int64_t)mag;
	return true;
}

/* ---------- phone numbers ---------- */

enum phone_shape { PHONE_DIGITS, PHONE_ZERO, PHONE_PLUS, PHONE_NONE };

static enum phone_shape phone_shape(struct lx *l)
{
	/*!re2c
		"+" [1-9][0-9]* { return PHONE_DIGITS; }
		"+0"            { return PHONE_ZERO; }
		"+"             { return PHONE_PLUS; }
		*               { return PHONE_NONE; }
		$               { return PHONE_NONE; }
	*/
}

bool lex_phone(const char *s, size_t n, struct lex_error *e)
{
	struct lx l;
	char b[16];
	lx_init(&l, s, n);
	switch (phone_shape(&l)) {
	case PHONE_NONE:
		return fail(e, 0, "expected a phone number starting with '+', got %s",
			    what(&l, l.base, b));
	case PHONE_ZERO:
		return fail(e, 1, "expected a country code after '+', got '0'");
	case PHONE_PLUS:
		return fail(e, 1, "expected a digit after '+', got %s", what(&l, l.cur, b));
	case PHONE_DIGITS:
		break;
	}
	if (!at_end(&l, "a digit", e))
		return false;
	size_t digits = n - 1;
	if (digits < 8 || digits > 15)
		return fail(e, 0, "phone number needs 8 to 15 digits after '+', got %zu", digits);
	return true;
}

/* ---------- date-times ---------- */

static const char dt_form[] = "dddd-dd-dd dd:dd:dd";  /* d: a digit */

static bool dt_shape(struct lx *l)
{
	/*!re2c
		d = [0-9];
		d{4} "-" d{2} "-" d{2} " " d{2} ":" d{2} ":" d{2} { return true; }
		* { return false; }
		$ { return false; }
	*/
}

/* Where and why the input does not have the shape of dt_form. */
static bool dt_shape_fault(const struct lx *l, struct lex_error *e)
{
	char b[16];
	for (size_t i = 0; dt_form[i]; i++) {
		const unsigned char *p = l->base + i;
		bool digit = dt_form[i] == 'd';
		if (p < l->lim && (digit ? (*p >= '0' && *p <= '9') : *p == dt_form[i]))
			continue;
		const char *want = digit ? "a digit" : dt_form[i] == ' ' ? "a space"
			: dt_form[i] == '-' ? "'-'" : "':'";
		return fail(e, i, "expected %s, got %s; the format is YYYY-MM-DD HH:MM:SS",
			    want, what(l, p, b));
	}
	return fail(e, 0, "expected a date-time YYYY-MM-DD HH:MM:SS");  /* not reached */
}

static int dt_field(const unsigned char *p, size_t width)
{
	return (int)digits_value(p, p + width, 9999);
}

static int days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

static bool dt_calendar(const struct ast_datetime *dt, struct lex_error *e)
{
	static const char *const months[] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"
	};
	if (dt->year < 1970)
		return fail(e, 0, "expected a year from 1970 to 9999, got %04d", dt->year);
	if (dt->month < 1 || dt->month > 12)
		return fail(e, 5, "expected a month from 01 to 12, got %02d", dt->month);
	int last = days_in_month(dt->year, dt->month);
	if (dt->day < 1)
		return fail(e, 8, "expected a day from 01 to %d, got 00", last);
	if (dt->day > last)
		return fail(e, 8, "day %d is past the end of %s %d", dt->day,
			    months[dt->month - 1], dt->year);
	return true;
}

static bool dt_clock(const struct ast_datetime *dt, struct lex_error *e)
{
	if (dt->hour > 23)
		return fail(e, 11, "expected an hour from 00 to 23, got %02d", dt->hour);
	if (dt->minute > 59)
		return fail(e, 14, "expected a minute from 00 to 59, got %02d", dt->minute);
	if (dt->second > 59)
		return fail(e, 17, "expected a second from 00 to 59, got %02d", dt->second);
	return true;
}

bool lex_datetime(const char *s, size_t n, struct ast_datetime *dt, struct lex_error *e)
{
	struct lx l;
	lx_init(&l, s, n);
	if (!dt_shape(&l))
		return dt_shape_fault(&l, e);
	if (!at_end(&l, "the end of the date-time", e))
		return false;
	struct ast_datetime v = {
		.year = dt_field(l.base, 4), .month = dt_field(l.base + 5, 2),
		.day = dt_field(l.base + 8, 2), .hour = dt_field(l.base + 11, 2),
		.minute = dt_field(l.base + 14, 2), .second = dt_field(l.base + 17, 2),
	};
	if (!dt_calendar(&v, e) || !dt_clock(&v, e))
		return false;
	*dt = v;
	return true;
}

/* ---------- calendars: clock ranges, days, dates ---------- */

/* The shapes of a calendar's scalars; d is a digit (dt_shape). Each
 * matches a prefix, and at_end then wants nothing after it. */
static bool clock_range_shape(struct lx *l)
{
	/*!re2c
		d{2} ":" d{2} "-" d{2} ":" d{2} { return true; }
		* { return false; }
		$ { return false; }
	*/
}

static bool date_shape(struct lx *l)
{
	/*!re2c
		d{4} "-" d{2} "-" d{2} { return true; }
		* { return false; }
		$ { return false; }
	*/
}

static bool month_day_shape(struct lx *l)
{
	/*!re2c
		d{2} "-" d{2} { return true; }
		* { return false; }
		$ { return false; }
	*/
}

/* A moment's date and time to the minute (T or a space between), then
 * optional seconds and an optional offset. */
static bool moment_shape(struct lx *l)
{
	/*!re2c
		d{4} "-" d{2} "-" d{2} [ T] d{2} ":" d{2} { return true; }
		* { return false; }
		$ { return false; }
	*/
}

static bool seconds_shape(struct lx *l)
{
	/*!re2c
		":" d{2} { return true; }
		* { return false; }
		$ { return false; }
	*/
}

enum offset_shape { OFFSET_NONE, OFFSET_UTC, OFFSET_HOURS, OFFSET_BAD };

static enum offset_shape offset_shape(struct lx *l)
{
	/*!re2c
		"Z" { return OFFSET_UTC; }
		[+-] d{2} ":" d{2} { return OFFSET_HOURS; }
		[+-] { return OFFSET_BAD; }
		* { return OFFSET_NONE; }
		$ { return OFFSET_NONE; }
	*/
}

/* Where a scalar that is not of its shape goes wrong: the first byte
 * where s stops having the shape of form (a template: '9' a digit,
 * anything else itself), for the message. */
static size_t shape_fault(const unsigned char *s, size_t n, const char *form)
{
	size_t i = 0;
	for (; form[i] && i < n; i++)
		if (form[i] == '9' ? s[i] < '0' || s[i] > '9' : s[i] != (unsigned char)form[i])
			return i;
	return i;
}

static bool shape_error(const struct lx *l, size_t at, const char *form, const char *example,
			struct lex_error *e)
{
	char b[16];
	const char *got = what(l, l->base + at, b);
	return fail(e, at, "expected %s like %s, got %s", form, example, got);
}

/* HH:MM at p: minutes since midnight, or -1 past 24:00 / a minute past 59. */
static int clock_minutes(const unsigned char *p)
{
	int h = (p[0] - '0') * 10 + (p[1] - '0'), m = (p[3] - '0') * 10 + (p[4] - '0');
	return h > 24 || m > 59 || (h == 24 && m > 0) ? -1 : h * 60 + m;
}

bool lex_clock_range(const char *s, size_t n, uint16_t *from, uint16_t *to,
		     struct lex_error *e)
{
	struct lx l;
	lx_init(&l, s, n);
	if (!clock_range_shape(&l))
		return shape_error(&l, shape_fault(l.base, n, "99:99-99:99"), "a time range",
				   "09:00-13:00", e);
	if (!at_end(&l, "the end of the time range", e))
		return false;
	int a = clock_minutes(l.base), b = clock_minutes(l.base + 6);
	if (a < 0 || a == 24 * 60)
		return fail(e, 0, "expected a start from 00:00 to 23:59");
	if (b < 0)
		return fail(e, 6, "expected an end from 00:00 to 24:00");
	if (a == b)
		return fail(e, 6, "the range is empty: it ends where it starts");
	*from = (uint16_t)a;
	*to = (uint16_t)b;
	return true;
}

static int day_at(const unsigned char *p, size_t n)
{
	for (int d = 0; d < 7; d++)
		if (n >= 3 && memcmp(p, ast_day_names[d], 3) == 0 && (n == 3 || p[3] == '-'))
			return d;
	return -1;
}

bool lex_days(const char *s, size_t n, uint8_t *days, struct lex_error *e)
{
	struct lx l;
	lx_init(&l, s, n);
	char b[64];
	int first = day_at(l.base, n);
	if (first < 0)
		return fail(e, 0, "expected a day (mon, tue, wed, thu, fri, sat, sun) or a range "
			    "like mon-fri, got %s", quoted(b, l.base, n));
	int last = first;
	if (n > 3) {
		last = day_at(l.base + 4, n - 4);
		if (last < 0 || n != 7)
			return fail(e, 4, "expected a day after '-' (mon, tue, wed, thu, fri, sat, "
				    "sun), got %s", quoted(b, l.base + 4, n - 4));
	}
	uint8_t mask = 0;
	for (int d = first;; d = (d + 1) % 7) {
		mask |= (uint8_t)(1u << d);
		if (d == last)
			break;
	}
	*days = mask;
	return true;
}

bool lex_date(const char *s, size_t n, struct ast_datetime *date, struct lex_error *e)
{
	struct lx l;
	lx_init(&l, s, n);
	if (!date_shape(&l))
		return shape_error(&l, shape_fault(l.base, n, "9999-99-99"), "a date",
				   "2026-12-25", e);
	if (!at_end(&l, "the end of the date", e))
		return false;
	struct ast_datetime v = { .year = dt_field(l.base, 4), .month = dt_field(l.base + 5, 2),
				  .day = dt_field(l.base + 8, 2) };
	if (!dt_calendar(&v, e))
		return false;
	*date = v;
	return true;
}

bool lex_month_day(const char *s, size_t n, int *month, int *day, struct lex_error *e)
{
	struct lx l;
	lx_init(&l, s, n);
	if (!month_day_shape(&l))
		return shape_error(&l, shape_fault(l.base, n, "99-99"), "a month and day", "12-25",
				   e);
	if (!at_end(&l, "the end of the month and day", e))
		return false;
	int m = dt_field(l.base, 2), d = dt_field(l.base + 3, 2);
	if (m < 1 || m > 12)
		return fail(e, 0, "expected a month from 01 to 12, got %02d", m);
	/* A leap year's, so that 02-29 is a day (of the years that have it). */
	int last = days_in_month(2000, m);
	if (d < 1 || d > last)
		return fail(e, 3, "expected a day from 01 to %d, got %02d", last, d);
	*month = m;
	*day = d;
	return true;
}

/* A moment: `YYYY-MM-DD HH:MM[:SS]` (or with `T` for the space), a
 * wall-clock time, and with `Z` or `+HH:MM`/`-HH:MM` after it, an instant. */
bool lex_moment(const char *s, size_t n, struct ast_datetime *dt, bool *has_offset,
		int32_t *offset, struct lex_error *e)
{
	struct lx l;
	lx_init(&l, s, n);
	if (!moment_shape(&l)) {
		static const char form[] = "9999-99-99 99:99";
		size_t at = shape_fault(l.base, n, form);
		if (at == 10 && n > 10 && l.base[10] == 'T')   /* ISO 8601's separator */
			at = 11 + shape_fault(l.base + 11, n - 11, form + 11);
		return shape_error(&l, at, "a time", "2026-12-25 09:00", e);
	}
	struct ast_datetime v = { .year = dt_field(l.base, 4), .month = dt_field(l.base + 5, 2),
				  .day = dt_field(l.base + 8, 2), .hour = dt_field(l.base + 11, 2),
				  .minute = dt_field(l.base + 14, 2) };
	const unsigned char *mark = l.cur;
	if (seconds_shape(&l))
		v.second = dt_field(mark + 1, 2);
	else
		l.cur = mark;
	mark = l.cur;
	*has_offset = false;
	*offset = 0;
	switch (offset_shape(&l)) {
	case OFFSET_UTC:
		*has_offset = true;
		break;
	case OFFSET_HOURS: {
		int h = dt_field(mark + 1, 2), m = dt_field(mark + 4, 2);
		if (h > 14 || m > 59)
			return fail(e, (size_t)(mark - l.base),
				    "expected an offset from -14:00 to +14:00");
		*has_offset = true;
		*offset = (*mark == '-' ? -1 : 1) * (h * 3600 + m * 60);
		break;
	}
	case OFFSET_BAD:
		return shape_error(&l, (size_t)(mark - l.base), "an offset", "+05:30", e);
	case OFFSET_NONE:
		l.cur = mark;
		break;
	}
	if (!at_end(&l, "the end of the time (an offset like +05:30, or Z)", e))
		return false;
	if (!dt_calendar(&v, e) || !dt_clock(&v, e))
		return false;
	*dt = v;
	return true;
}

/* ---------- DTMF keys ---------- */

static bool key_shape(struct lx *l)
{
	/*!re2c
		[0-9*#] { return true; }
		*       { return false; }
		$       { return false; }
	*/
}

bool lex_dtmf_key(const char *s, size_t n, char *key, struct lex_error *e)
{
	struct lx l;
	char b[64];
	lx_init(&l, s, n);
	if (!key_shape(&l))
		return fail(e, 0, "expected a DTMF key 0-9, * or #, got %s", what(&l, l.base, b));
	if (n > 1)
		return fail(e, 1, "expected a single key 0-9, * or #, got %s", quoted(b, l.base, n));
	*key = (char)l.base[0];
	return true;
}

/* ---------- names ---------- */

static bool name_shape(struct lx *l)
{
	/*!re2c
		[A-Za-z_][A-Za-z0-9_-]* { return true; }
		*                       { return false; }
		$                       { return false; }
	*/
}

static bool project_shape(struct lx *l)
{
	/*!re2c
		[a-z0-9][a-z0-9_-]* { return true; }
		*                   { return false; }
		$                   { return false; }
	*/
}

/* The checks common to both kinds of names, once the shape matched or not.
 * noun is "name" or "project name". */
static bool name_check(struct lx *l, bool shaped, const char *noun, const char *first,
		       const char *rest, struct lex_error *e)
{
	char b[16], expected[80];
	if (!shaped)
		return fail(e, 0, "expected a %s starting with %s, got %s", noun, first,
			    what(l, l->base, b));
	if (l->cur < l->lim) {
		/* Formatted only on the way to an error: names are checked often. */
		snprintf(expected, sizeof expected, "%s in a %s", rest, noun);
		return at_end(l, expected, e);
	}
	size_t n = lx_off(l, l->lim);
	if (n > MAX_NAME)
		return fail(e, MAX_NAME, "%s is too long; expected at most %d bytes, got %zu",
			    noun, MAX_NAME, n);
	return true;
}

bool lex_name(const char *s, size_t n, struct lex_error *e)
{
	struct lx l;
	lx_init(&l, s, n);
	bool shaped = name_shape(&l);
	return name_check(&l, shaped, "name", "a letter or '_'",
			  "a letter, digit, '_' or '-'", e);
}

bool lex_project_name(const char *s, size_t n, struct lex_error *e)
{
	struct lx l;
	lx_init(&l, s, n);
	bool shaped = project_shape(&l);
	return name_check(&l, shaped, "project name", "a lowercase letter or digit",
			  "a lowercase letter, digit, '_' or '-'", e);
}

/* ---------- destinations ---------- */

/* The KIND words, in the order of enum dest_kind from DEST_MENU. */
static const char *const dest_words[] = {
	"menu", "announcement", "voicemail", "flow", "schedule", "extension", "phone", "user",
	"app", "sip", "ivr", "ringgroup", "agent", "queue", "department", "email",
};
_Static_assert(sizeof dest_words / sizeof *dest_words == DEST_EMAIL - DEST_MENU + 1,
	       "dest_words must follow enum dest_kind");

static enum dest_kind dest_prefix(struct lx *l)
{
	/*!re2c
		"menu:"         { return DEST_MENU; }
		"announcement:" { return DEST_ANNOUNCEMENT; }
		"voicemail:"    { return DEST_VOICEMAIL; }
		"flow:"         { return DEST_FLOW; }
		"schedule:"     { return DEST_SCHEDULE; }
		"extension:"    { return DEST_EXTENSION; }
		"phone:"        { return DEST_PHONE; }
		"user:"         { return DEST_USER; }
		"app:"          { return DEST_APP; }
		"sip:"          { return DEST_SIP; }
		"ivr:"          { return DEST_IVR; }
		"ringgroup:"    { return DEST_RINGGROUP; }
		"agent:"        { return DEST_AGENT; }
		"queue:"        { return DEST_QUEUE; }
		"department:"   { return DEST_DEPARTMENT; }
		"email:"        { return DEST_EMAIL; }
		"hangup"        { return DEST_HANGUP; }
		"repeat"        { return DEST_REPEAT; }
		*               { return DEST_NONE; }
		$               { return DEST_NONE; }
	*/
}

static int email_local(struct lx *l)
{
	/*!re2c
		[A-Za-z0-9._%+-]+ "@" { return 1; }
		[A-Za-z0-9._%+-]+     { return 0; }
		*                     { return -1; }
		$                     { return -1; }
	*/
}

static int email_domain(struct lx *l)
{
	/*!re2c
		label = [A-Za-z0-9-]+;
		label ("." label)+ { return 1; }
		label              { return 0; }
		*                  { return -1; }
		$                  { return -1; }
	*/
}

/* name@example.com: a practical subset of RFC 5322 addresses. */
static bool email_check(struct lx *l, struct lex_error *e)
{
	char b[64];
	int r = email_local(l);
	if (r < 0)
		return fail(e, 0, "expected an e-mail address such as 'name@example.com', got %s",
			    what(l, l->base, b));
	if (r == 0)
		return fail(e, lx_off(l, l->cur), "expected '@' in the e-mail address, got %s",
			    what(l, l->cur, b));
	const unsigned char *domain = l->cur;
	r = email_domain(l);
	if (r < 0)
		return fail(e, lx_off(l, domain), "expected a domain after '@', got %s",
			    what(l, domain, b));
	if (!at_end(l, "a letter, digit, '-' or '.' in the domain", e))
		return false;
	if (r == 0)
		return fail(e, lx_off(l, domain), "expected a domain such as 'example.com', got %s",
			    quoted(b, domain, (size_t)(l->lim - domain)));
	return true;
}

static bool sip_shape(struct lx *l)
{
	/*!re2c
		[^\x00-\x20\x7f]+ { return true; }
		*                 { return false; }
		$                 { return false; }
	*/
}

static bool literal_shape(struct lx *l)
{
	/*!re2c
		[A-Za-z0-9_.-]+ { return true; }
		*               { return false; }
		$               { return false; }
	*/
}

/* The id after KIND:, checked by its kind. Offsets are inside the id. */
static bool dest_id(enum dest_kind k, const char *id, size_t n, struct lex_error *e)
{
	static const char *const nouns[] = { "a name", "a phone number", "an e-mail address",
					     "a SIP URI", "an id" };
	bool ref = k == DEST_MENU || k == DEST_ANNOUNCEMENT || k == DEST_VOICEMAIL ||
		   k == DEST_FLOW || k == DEST_SCHEDULE;
	int which = ref ? 0 : k == DEST_PHONE ? 1 : k == DEST_EMAIL ? 2 : k == DEST_SIP ? 3 : 4;
	struct lx l;
	lx_init(&l, id, n);
	if (n == 0)
		return fail(e, 0, "expected %s after '%s:'", nouns[which], dest_words[k - DEST_MENU]);
	switch (which) {
	case 0: return lex_name(id, n, e);
	case 1: return lex_phone(id, n, e);
	case 2: return email_check(&l, e);
	case 3:
		if (!sip_shape(&l))
			l.cur = l.base;
		return at_end(&l, "a SIP URI without blanks or control characters", e);
	default:
		if (!literal_shape(&l))
			l.cur = l.base;
		return at_end(&l, "a letter, digit, '_', '.' or '-' in the id", e);
	}
}

/* `word:...` where word is no known KIND (word runs to the first ':'). */
static bool dest_unknown(const unsigned char *s, size_t len, struct lex_error *e)
{
	char word[32], b[64];
	const char *hint = NULL;
	if (len == 0)
		return fail(e, 0, "expected a destination type before ':'");
	if (len < sizeof word && !memchr(s, 0, len)) {
		memcpy(word, s, len);
		word[len] = '\0';
		hint = diag_suggest(word, dest_words, sizeof dest_words / sizeof *dest_words);
	}
	if (hint)
		return fail(e, 0, "unknown destination type %s; did you mean '%s'?",
			    quoted(b, s, len), hint);
	return fail(e, 0, "unknown destination type %s", quoted(b, s, len));
}

/* A destination without a known KIND prefix: a bare NAME, or an error. */
static bool dest_bare(const struct lx *l, enum dest_kind *kind, size_t *id_offset,
		      struct lex_error *e)
{
	char b[64];
	size_t n = lx_off(l, l->lim);
	const unsigned char *colon = memchr(l->base, ':', n);
	if (colon)
		return dest_unknown(l->base, lx_off(l, colon), e);
	if (n > 0 && l->base[0] == '+')
		return fail(e, 0, "a phone number needs the 'phone:' prefix, got %s",
			    quoted(b, l->base, n));
	if (!lex_name((const char *)l->base, n, e))
		return false;
	*kind = DEST_NAME;
	*id_offset = 0;
	return true;
}

bool lex_dest(const char *s, size_t n, enum dest_kind *kind, size_t *id_offset,
	      struct lex_error *e)
{
	struct lx l;
	lx_init(&l, s, n);
	enum dest_kind k = dest_prefix(&l);
	if (k == DEST_HANGUP || k == DEST_REPEAT) {
		if (l.cur < l.lim && *l.cur == ':')
			return fail(e, lx_off(&l, l.cur), "'%s' takes no id; expected '%s' alone",
				    k == DEST_HANGUP ? "hangup" : "repeat",
				    k == DEST_HANGUP ? "hangup" : "repeat");
		if (l.cur == l.lim) {
			*kind = k;
			*id_offset = n;
			return true;
		}
		k = DEST_NONE;
	}
	if (k == DEST_NONE)
		return dest_bare(&l, kind, id_offset, e);
	size_t off = lx_off(&l, l.cur);
	if (!dest_id(k, (const char *)l.cur, n - off, e)) {
		if (e)
			e->offset += off;
		return false;
	}
	*kind = k;
	*id_offset = off;
	return true;
}
