/* Unit test for grammar/scalar.re: every lex_ function, success and error
 * cases, exact values, offsets and messages. Each input is copied into a
 * buffer of exactly n bytes, so under ASan a read past the end is caught; a
 * few checks pass a longer buffer with junk after n.
 * Prints one PASS/FAIL line per check; exits 1 if any check failed. */
#include "grammar/scalar.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

/* A string literal and its length, NUL bytes inside included. */
#define LIT(s) s, sizeof(s) - 1

enum fn { F_DUR, F_INT, F_PHONE, F_DT, F_KEY, F_NAME, F_PROJ, F_DEST, F_RANGE, F_DAYS, F_DATE,
	  F_MD, F_MOMENT };

static const char *const fn_names[] = {
	"duration", "int", "phone", "datetime", "dtmf key", "name", "project name",
	"dest", "clock range", "days", "date", "month-day", "moment",
};

struct out {
	uint32_t dur;
	int64_t i;
	struct ast_datetime dt;
	char key;
	enum dest_kind kind;
	size_t id_off;
	uint16_t from, to;
	uint8_t days;
	int month, day;
	bool has_offset;
	int32_t offset;
};

static bool call(enum fn f, const char *s, size_t n, struct out *o, struct lex_error *e)
{
	switch (f) {
	case F_DUR: return lex_duration(s, n, &o->dur, e);
	case F_INT: return lex_int(s, n, &o->i, e);
	case F_PHONE: return lex_phone(s, n, e);
	case F_DT: return lex_datetime(s, n, &o->dt, e);
	case F_KEY: return lex_dtmf_key(s, n, &o->key, e);
	case F_NAME: return lex_name(s, n, e);
	case F_PROJ: return lex_project_name(s, n, e);
	case F_DEST: return lex_dest(s, n, &o->kind, &o->id_off, e);
	case F_RANGE: return lex_clock_range(s, n, &o->from, &o->to, e);
	case F_DAYS: return lex_days(s, n, &o->days, e);
	case F_DATE: return lex_date(s, n, &o->dt, e);
	case F_MD: return lex_month_day(s, n, &o->month, &o->day, e);
	case F_MOMENT: return lex_moment(s, n, &o->dt, &o->has_offset, &o->offset, e);
	}
	return false;
}

/* Runs f over an exact-size copy of (s, n). */
static bool run(enum fn f, const char *s, size_t n, struct out *o, struct lex_error *e)
{
	char *copy = malloc(n ? n : 1);
	if (!copy)
		abort();
	memcpy(copy, s, n);
	memset(o, 0, sizeof *o);
	e->offset = 9999;
	strcpy(e->message, "(unset)");
	bool ok = call(f, copy, n, o, e);
	free(copy);
	return ok;
}

/* "duration '1\x00s'" for the check's description. */
static const char *describe(char *buf, size_t cap, enum fn f, const char *s, size_t n)
{
	size_t j = (size_t)snprintf(buf, cap, "%s '", fn_names[f]);
	for (size_t i = 0; i < n && j + 8 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= ' ' && c < 0x7f)
			buf[j++] = (char)c;
		else
			j += (size_t)snprintf(buf + j, cap - j, "\\x%02x", c);
	}
	snprintf(buf + j, cap - j, "'");
	return buf;
}

static void err(enum fn f, const char *s, size_t n, size_t off, const char *msg)
{
	char what[200], detail[400];
	struct out o;
	struct lex_error e;
	describe(what, sizeof what, f, s, n);
	strncat(what, " is an error", sizeof what - strlen(what) - 1);
	bool ok = run(f, s, n, &o, &e);
	snprintf(detail, sizeof detail, "want error at %zu \"%s\", got %s at %zu \"%s\"",
		 off, msg, ok ? "success" : "error", e.offset, e.message);
	check(!ok && e.offset == off && strcmp(e.message, msg) == 0, what, detail);
}

/* Checks success and, with cmp, the value; detail explains a mismatch. */
static void ok_with(enum fn f, const char *s, size_t n, struct out *o,
		    bool (*cmp)(const struct out *, const void *, char *), const void *want)
{
	char what[200], detail[400] = "";
	struct lex_error e;
	describe(what, sizeof what, f, s, n);
	bool ok = run(f, s, n, o, &e);
	if (!ok)
		snprintf(detail, sizeof detail, "want success, got error at %zu \"%s\"",
			 e.offset, e.message);
	else if (cmp && !cmp(o, want, detail))
		ok = false;
	check(ok, what, detail);
}

static bool cmp_dur(const struct out *o, const void *want, char *d)
{
	uint32_t w = *(const uint32_t *)want;
	snprintf(d, 400, "want %" PRIu32 ", got %" PRIu32, w, o->dur);
	return o->dur == w;
}

static bool cmp_int(const struct out *o, const void *want, char *d)
{
	int64_t w = *(const int64_t *)want;
	snprintf(d, 400, "want %" PRId64 ", got %" PRId64, w, o->i);
	return o->i == w;
}

static bool cmp_dt(const struct out *o, const void *want, char *d)
{
	const struct ast_datetime *w = want, *g = &o->dt;
	snprintf(d, 400, "want %d-%d-%d %d:%d:%d, got %d-%d-%d %d:%d:%d",
		 w->year, w->month, w->day, w->hour, w->minute, w->second,
		 g->year, g->month, g->day, g->hour, g->minute, g->second);
	return memcmp(w, g, sizeof *w) == 0;
}

static bool cmp_key(const struct out *o, const void *want, char *d)
{
	char w = *(const char *)want;
	snprintf(d, 400, "want '%c', got '%c'", w, o->key);
	return o->key == w;
}

struct dest_want { enum dest_kind kind; size_t id_off; };

static bool cmp_dest(const struct out *o, const void *want, char *d)
{
	const struct dest_want *w = want;
	snprintf(d, 400, "want kind %d id at %zu, got kind %d id at %zu",
		 w->kind, w->id_off, o->kind, o->id_off);
	return o->kind == w->kind && o->id_off == w->id_off;
}

static void ok_dur(const char *s, size_t n, uint32_t want)
{
	struct out o;
	ok_with(F_DUR, s, n, &o, cmp_dur, &want);
}

static void ok_int(const char *s, size_t n, int64_t want)
{
	struct out o;
	ok_with(F_INT, s, n, &o, cmp_int, &want);
}

static void ok_plain(enum fn f, const char *s, size_t n)
{
	struct out o;
	ok_with(f, s, n, &o, NULL, NULL);
}

static void ok_dt(const char *s, size_t n, int y, int mo, int d, int h, int mi, int sec)
{
	struct out o;
	struct ast_datetime w = { y, mo, d, h, mi, sec };
	ok_with(F_DT, s, n, &o, cmp_dt, &w);
}

static void ok_key(const char *s, size_t n, char want)
{
	struct out o;
	ok_with(F_KEY, s, n, &o, cmp_key, &want);
}

static void ok_dest(const char *s, size_t n, enum dest_kind kind, size_t id_off)
{
	struct out o;
	struct dest_want w = { kind, id_off };
	ok_with(F_DEST, s, n, &o, cmp_dest, &w);
}

static void test_duration(void)
{
	ok_dur(LIT("10s"), 10);
	ok_dur(LIT("2m"), 120);
	ok_dur(LIT("1h"), 3600);
	ok_dur(LIT("1m30s"), 90);
	ok_dur(LIT("1h2m3s"), 3723);
	ok_dur(LIT("1h30s"), 3630);
	ok_dur(LIT("45"), 45);
	ok_dur(LIT("0"), 0);
	ok_dur(LIT("007s"), 7);
	ok_dur(LIT("24h"), 86400);
	ok_dur(LIT("86400"), 86400);
	ok_dur(LIT("1439m60s"), 86400);
	err(F_DUR, LIT("10x"), 2, "unknown duration unit 'x'; expected s, m or h");
	err(F_DUR, LIT(""), 0, "expected a duration such as '10s' or '1m30s', got nothing");
	err(F_DUR, LIT("s"), 0, "expected a duration such as '10s' or '1m30s', got 's'");
	err(F_DUR, LIT("-5s"), 0, "expected a duration such as '10s' or '1m30s', got '-'");
	err(F_DUR, LIT("1m2h"), 3, "duration unit 'h' must come before 'm'");
	err(F_DUR, LIT("1s1s"), 3, "duration unit 's' appears twice");
	err(F_DUR, LIT("1m30"), 4, "missing duration unit after '30'; expected s, m or h");
	/* Another way of writing one: what to write instead. */
	err(F_DUR, LIT("10 s"), 0, "'10 s' is not how a duration is written (whole seconds, minutes, hours: 10s, 2m, 1h30m); write 10s");
	err(F_DUR, LIT("1h "), 0, "'1h ' is not how a duration is written (whole seconds, minutes, hours: 10s, 2m, 1h30m); write 1h");
	err(F_DUR, LIT("10sec"), 0, "'10sec' is not how a duration is written (whole seconds, minutes, hours: 10s, 2m, 1h30m); write 10s");
	err(F_DUR, LIT("2 Minutes"), 0, "'2 Minutes' is not how a duration is written (whole seconds, minutes, hours: 10s, 2m, 1h30m); write 2m");
	err(F_DUR, LIT("1hr"), 0, "'1hr' is not how a duration is written (whole seconds, minutes, hours: 10s, 2m, 1h30m); write 1h");
	err(F_DUR, LIT("500ms"), 0, "'500ms' is not how a duration is written (whole seconds, minutes, hours: 10s, 2m, 1h30m); write 1s");
	err(F_DUR, LIT("2500 ms"), 0, "'2500 ms' is not how a duration is written (whole seconds, minutes, hours: 10s, 2m, 1h30m); write 3s");
	err(F_DUR, LIT("1.5s"), 0, "'1.5s' is not how a duration is written (whole seconds, minutes, hours: 10s, 2m, 1h30m); write 1s or 2s");
	err(F_DUR, LIT("10 parsecs"), 2, "expected a duration unit s, m or h, got a space");
	err(F_DUR, LIT("1\0s"), 1, "expected a duration unit s, m or h, got a NUL byte");
	err(F_DUR, LIT("24h1s"), 0, "expected a duration of at most 24h (86400 s), got '24h1s'");
	err(F_DUR, LIT("86401"), 0, "expected a duration of at most 24h (86400 s), got '86401'");
	err(F_DUR, LIT("99999999999999999999999999h"), 0,
	    "expected a duration of at most 24h (86400 s), got '99999999999999999999999999h'");
	err(F_DUR, LIT("4294967296"), 0,
	    "expected a duration of at most 24h (86400 s), got '4294967296'");
}

static void test_int(void)
{
	ok_int(LIT("0"), 0);
	ok_int(LIT("42"), 42);
	ok_int(LIT("-17"), -17);
	ok_int(LIT("-0"), 0);
	ok_int(LIT("9223372036854775807"), INT64_MAX);
	ok_int(LIT("-9223372036854775808"), INT64_MIN);
	err(F_INT, LIT("9223372036854775808"), 0, "integer out of range");
	err(F_INT, LIT("-9223372036854775809"), 0, "integer out of range");
	err(F_INT, LIT("99999999999999999999999"), 0, "integer out of range");
	err(F_INT, LIT(""), 0, "expected an integer, got nothing");
	err(F_INT, LIT("-"), 1, "expected a digit after '-', got the end");
	err(F_INT, LIT("+5"), 0, "expected an integer, got '+'");
	err(F_INT, LIT("12a"), 2, "expected a digit, got 'a'");
	err(F_INT, LIT("1 2"), 1, "expected a digit, got a space");
	err(F_INT, LIT("12\0003"), 2, "expected a digit, got a NUL byte");
	err(F_INT, LIT("1.5"), 1, "expected a digit, got '.'");
}

static void test_phone(void)
{
	ok_plain(F_PHONE, LIT("+14155550100"));
	ok_plain(F_PHONE, LIT("+12345678"));
	ok_plain(F_PHONE, LIT("+123456789012345"));
	err(F_PHONE, LIT("+12"), 0, "phone number needs 8 to 15 digits after '+', got 2");
	err(F_PHONE, LIT("+1234567"), 0, "phone number needs 8 to 15 digits after '+', got 7");
	err(F_PHONE, LIT("+1234567890123456"), 0,
	    "phone number needs 8 to 15 digits after '+', got 16");
	err(F_PHONE, LIT("14155550100"), 0, "expected a phone number starting with '+', got '1'");
	err(F_PHONE, LIT(""), 0, "expected a phone number starting with '+', got nothing");
	err(F_PHONE, LIT("+"), 1, "expected a digit after '+', got the end");
	err(F_PHONE, LIT("+x1"), 1, "expected a digit after '+', got 'x'");
	err(F_PHONE, LIT("+0123456789"), 1, "expected a country code after '+', got '0'");
	err(F_PHONE, LIT("+1 415 555 0100"), 2, "expected a digit, got a space");
	err(F_PHONE, LIT("+1415555\0000100"), 8, "expected a digit, got a NUL byte");
}

static void test_datetime(void)
{
	ok_dt(LIT("2030-12-01 09:00:00"), 2030, 12, 1, 9, 0, 0);
	ok_dt(LIT("2028-02-29 23:59:59"), 2028, 2, 29, 23, 59, 59);
	ok_dt(LIT("2000-02-29 00:00:00"), 2000, 2, 29, 0, 0, 0);
	ok_dt(LIT("1970-01-01 00:00:00"), 1970, 1, 1, 0, 0, 0);
	ok_dt(LIT("9999-12-31 23:59:59"), 9999, 12, 31, 23, 59, 59);
	err(F_DT, LIT("2031-02-30 10:00:00"), 8, "day 30 is past the end of February 2031");
	err(F_DT, LIT("2029-02-29 10:00:00"), 8, "day 29 is past the end of February 2029");
	err(F_DT, LIT("2100-02-29 10:00:00"), 8, "day 29 is past the end of February 2100");
	err(F_DT, LIT("2030-04-31 10:00:00"), 8, "day 31 is past the end of April 2030");
	err(F_DT, LIT("2030-04-00 10:00:00"), 8, "expected a day from 01 to 30, got 00");
	err(F_DT, LIT("2030-13-01 10:00:00"), 5, "expected a month from 01 to 12, got 13");
	err(F_DT, LIT("2030-00-01 10:00:00"), 5, "expected a month from 01 to 12, got 00");
	err(F_DT, LIT("1969-12-31 23:59:59"), 0, "expected a year from 1970 to 9999, got 1969");
	err(F_DT, LIT("2030-12-01 24:00:00"), 11, "expected an hour from 00 to 23, got 24");
	err(F_DT, LIT("2030-12-01 23:60:00"), 14, "expected a minute from 00 to 59, got 60");
	err(F_DT, LIT("2030-12-01 23:59:60"), 17, "expected a second from 00 to 59, got 60");
	err(F_DT, LIT("2030-12-01T09:00:00"), 10,
	    "expected a space, got 'T'; the format is YYYY-MM-DD HH:MM:SS");
	err(F_DT, LIT("2030-12-1 09:00:00"), 9,
	    "expected a digit, got a space; the format is YYYY-MM-DD HH:MM:SS");
	err(F_DT, LIT("2030/12/01 09:00:00"), 4,
	    "expected '-', got '/'; the format is YYYY-MM-DD HH:MM:SS");
	err(F_DT, LIT("2030-12-01 09.00:00"), 13,
	    "expected ':', got '.'; the format is YYYY-MM-DD HH:MM:SS");
	err(F_DT, LIT("2030-12-01"), 10,
	    "expected a space, got the end; the format is YYYY-MM-DD HH:MM:SS");
	err(F_DT, LIT(""), 0, "expected a digit, got nothing; the format is YYYY-MM-DD HH:MM:SS");
	err(F_DT, LIT("2030-12-01 09:00:00Z"), 19, "expected the end of the date-time, got 'Z'");
	err(F_DT, LIT("2030-12-01 09:0\0:00"), 15,
	    "expected a digit, got a NUL byte; the format is YYYY-MM-DD HH:MM:SS");
}

static void test_key(void)
{
	ok_key(LIT("0"), '0');
	ok_key(LIT("9"), '9');
	ok_key(LIT("*"), '*');
	ok_key(LIT("#"), '#');
	err(F_KEY, LIT(""), 0, "expected a DTMF key 0-9, * or #, got nothing");
	err(F_KEY, LIT("a"), 0, "expected a DTMF key 0-9, * or #, got 'a'");
	err(F_KEY, LIT("\0"), 0, "expected a DTMF key 0-9, * or #, got a NUL byte");
	err(F_KEY, LIT("12"), 1, "expected a single key 0-9, * or #, got '12'");
	err(F_KEY, LIT("1\0"), 1, "expected a single key 0-9, * or #, got '1\\x00'");
}

static void test_names(void)
{
	static const char n64[] = "a123456789012345678901234567890123456789012345678901234567890123";
	static const char n65[] = "a1234567890123456789012345678901234567890123456789012345678901234";
	ok_plain(F_NAME, LIT("main"));
	ok_plain(F_NAME, LIT("_x-1_Y"));
	ok_plain(F_NAME, n64, 64);
	err(F_NAME, n65, 65, 64, "name is too long; expected at most 64 bytes, got 65");
	err(F_NAME, LIT(""), 0, "expected a name starting with a letter or '_', got nothing");
	err(F_NAME, LIT("1abc"), 0, "expected a name starting with a letter or '_', got '1'");
	err(F_NAME, LIT("-abc"), 0, "expected a name starting with a letter or '_', got '-'");
	err(F_NAME, LIT("sales desk"), 5,
	    "expected a letter, digit, '_' or '-' in a name, got a space");
	err(F_NAME, LIT("ab\0cd"), 2, "expected a letter, digit, '_' or '-' in a name, got a NUL byte");
	err(F_NAME, LIT("a.b"), 1, "expected a letter, digit, '_' or '-' in a name, got '.'");
	err(F_NAME, LIT("caf\xc3\xa9"), 3,
	    "expected a letter, digit, '_' or '-' in a name, got byte 0xc3");
	ok_plain(F_PROJ, LIT("acme-support"));
	ok_plain(F_PROJ, LIT("9lives_2"));
	ok_plain(F_PROJ, n64, 64);
	err(F_PROJ, n65, 65, 64, "project name is too long; expected at most 64 bytes, got 65");
	err(F_PROJ, LIT(""), 0,
	    "expected a project name starting with a lowercase letter or digit, got nothing");
	err(F_PROJ, LIT("_acme"), 0,
	    "expected a project name starting with a lowercase letter or digit, got '_'");
	err(F_PROJ, LIT("acmE"), 3,
	    "expected a lowercase letter, digit, '_' or '-' in a project name, got 'E'");
	err(F_PROJ, LIT("ac\0me"), 2,
	    "expected a lowercase letter, digit, '_' or '-' in a project name, got a NUL byte");
}

static void test_dest(void)
{
	ok_dest(LIT("hangup"), DEST_HANGUP, 6);
	ok_dest(LIT("repeat"), DEST_REPEAT, 6);
	ok_dest(LIT("front_desk"), DEST_NAME, 0);
	ok_dest(LIT("hangups"), DEST_NAME, 0);
	ok_dest(LIT("menu"), DEST_NAME, 0);
	ok_dest(LIT("menu:main"), DEST_MENU, 5);
	ok_dest(LIT("announcement:hours"), DEST_ANNOUNCEMENT, 13);
	ok_dest(LIT("voicemail:vm1"), DEST_VOICEMAIL, 10);
	ok_dest(LIT("flow:tech_triage"), DEST_FLOW, 5);
	ok_dest(LIT("extension:05047530000"), DEST_EXTENSION, 10);
	ok_dest(LIT("phone:+14155550110"), DEST_PHONE, 6);
	ok_dest(LIT("user:8810"), DEST_USER, 5);
	ok_dest(LIT("app:main.menu-1"), DEST_APP, 4);
	ok_dest(LIT("sip:alice@example.com;transport=tls"), DEST_SIP, 4);
	ok_dest(LIT("ivr:12"), DEST_IVR, 4);
	ok_dest(LIT("ringgroup:7"), DEST_RINGGROUP, 10);
	ok_dest(LIT("agent:a_1"), DEST_AGENT, 6);
	ok_dest(LIT("queue:q1"), DEST_QUEUE, 6);
	ok_dest(LIT("department:sales"), DEST_DEPARTMENT, 11);
	ok_dest(LIT("email:help.desk+vm@mail.example.com"), DEST_EMAIL, 6);
	err(F_DEST, LIT("menu:"), 5, "expected a name after 'menu:'");
	err(F_DEST, LIT("phone:"), 6, "expected a phone number after 'phone:'");
	err(F_DEST, LIT("email:"), 6, "expected an e-mail address after 'email:'");
	err(F_DEST, LIT("sip:"), 4, "expected a SIP URI after 'sip:'");
	err(F_DEST, LIT("user:"), 5, "expected an id after 'user:'");
	err(F_DEST, LIT("extenson:123"), 0,
	    "unknown destination type 'extenson'; did you mean 'extension'?");
	err(F_DEST, LIT("Menu:main"), 0, "unknown destination type 'Menu'; did you mean 'menu'?");
	err(F_DEST, LIT("zzzzzzzz:1"), 0, "unknown destination type 'zzzzzzzz'");
	err(F_DEST, LIT("m\0nu:x"), 0, "unknown destination type 'm\\x00nu'");
	err(F_DEST, LIT(":x"), 0, "expected a destination type before ':'");
	err(F_DEST, LIT("hangup:x"), 6, "'hangup' takes no id; expected 'hangup' alone");
	err(F_DEST, LIT("repeat:"), 6, "'repeat' takes no id; expected 'repeat' alone");
	err(F_DEST, LIT(""), 0, "expected a name starting with a letter or '_', got nothing");
	err(F_DEST, LIT("sales desk"), 5,
	    "expected a letter, digit, '_' or '-' in a name, got a space");
	err(F_DEST, LIT("+14155550110"), 0,
	    "a phone number needs the 'phone:' prefix, got '+14155550110'");
	err(F_DEST, LIT("menu:1st"), 5, "expected a name starting with a letter or '_', got '1'");
	err(F_DEST, LIT("menu:ma\0in"), 7,
	    "expected a letter, digit, '_' or '-' in a name, got a NUL byte");
	err(F_DEST, LIT("phone:+12"), 6, "phone number needs 8 to 15 digits after '+', got 2");
	err(F_DEST, LIT("phone:14155550110"), 6,
	    "expected a phone number starting with '+', got '1'");
	err(F_DEST, LIT("extension:05 04"), 12,
	    "expected a letter, digit, '_', '.' or '-' in the id, got a space");
	err(F_DEST, LIT("user:/x"), 5,
	    "expected a letter, digit, '_', '.' or '-' in the id, got '/'");
	err(F_DEST, LIT("sip:a b"), 5,
	    "expected a SIP URI without blanks or control characters, got a space");
	err(F_DEST, LIT("sip: ab"), 4,
	    "expected a SIP URI without blanks or control characters, got a space");
	err(F_DEST, LIT("email:bob"), 9, "expected '@' in the e-mail address, got the end");
	err(F_DEST, LIT("email:bob@"), 10, "expected a domain after '@', got the end");
	err(F_DEST, LIT("email:bob@localhost"), 10,
	    "expected a domain such as 'example.com', got 'localhost'");
	err(F_DEST, LIT("email:@example.com"), 6,
	    "expected an e-mail address such as 'name@example.com', got '@'");
	err(F_DEST, LIT("email:bob@exa mple.com"), 13,
	    "expected a letter, digit, '-' or '.' in the domain, got a space");
}

/* Input that is not NUL-terminated: junk follows the n bytes. */
static void test_junk_after_end(void)
{
	static const char buf[] = "10s9X menu:mainX +14155550100999 12345 2030-12-01 09:00:00Z ${aX}";
	struct lex_error e;
	uint32_t d = 0;
	int64_t i = 0;
	struct ast_datetime dt = { 0 };
	enum dest_kind k = DEST_NONE;
	size_t id = 0;
	check(lex_duration(buf, 3, &d, &e) && d == 10, "duration stops at n", "want 10");
	check(lex_dest(buf + 6, 9, &k, &id, &e) && k == DEST_MENU && id == 5,
	      "dest stops at n", "want menu at 5");
	check(lex_phone(buf + 17, 12, &e), "phone stops at n", "want success");
	check(lex_int(buf + 33, 2, &i, &e) && i == 12, "int stops at n", "want 12");
	check(lex_datetime(buf + 39, 19, &dt, &e) && dt.second == 0,
	      "datetime stops at n", "want success");
	check(lex_name(buf + 6, 4, &e) && lex_project_name(buf + 6, 4, &e),
	      "names stop at n", "want success");
	char key = 0;
	check(lex_dtmf_key(buf + 3, 1, &key, &e) && key == '9', "dtmf key stops at n", "want '9'");
	check(lex_duration(NULL, 0, &d, NULL) == false, "null input and null error", "want false");
}

/* A message longer than the buffer is cut, not overflowed. */
static void test_long_message(void)
{
	char word[200];
	struct lex_error e;
	enum dest_kind k;
	size_t id;
	memset(word, 'q', sizeof word);
	word[sizeof word - 2] = ':';
	word[sizeof word - 1] = 'x';
	bool ok = lex_dest(word, sizeof word, &k, &id, &e);
	check(!ok && e.offset == 0 && strlen(e.message) < sizeof e.message &&
	      strncmp(e.message, "unknown destination type 'qqq", 29) == 0 &&
	      strstr(e.message, "...'") != NULL,
	      "long unknown type is cut in the message", e.message);
}

/* "from-to" in minutes, a day mask, a month-day: compared as one number. */
static bool cmp_cal(const struct out *o, const void *want, char *d)
{
	int64_t w = *(const int64_t *)want;
	int64_t got = (int64_t)o->from * 10000 + o->to + o->days + (o->month * 100 + o->day) +
		      (o->dt.year * 10000 + o->dt.month * 100 + o->dt.day);
	snprintf(d, 400, "want %" PRId64 ", got %" PRId64, w, got);
	return got == w;
}

static void calendars(void)
{
	struct out o;
	const int64_t r1 = 540 * 10000 + 780, r2 = 1320 * 10000 + 360, r3 = 1080 * 10000 + 1440;
	ok_with(F_RANGE, LIT("09:00-13:00"), &o, cmp_cal, &r1);
	ok_with(F_RANGE, LIT("22:00-06:00"), &o, cmp_cal, &r2);   /* past midnight */
	ok_with(F_RANGE, LIT("18:00-24:00"), &o, cmp_cal, &r3);
	err(F_RANGE, LIT("9:00-13:00"), 1, "expected a time range like 09:00-13:00, got ':'");
	err(F_RANGE, LIT("09:00"), 5, "expected a time range like 09:00-13:00, got the end");
	err(F_RANGE, LIT("09:00-13:00x"), 11, "expected the end of the time range, got 'x'");
	err(F_RANGE, LIT("24:00-13:00"), 0, "expected a start from 00:00 to 23:59");
	err(F_RANGE, LIT("09:60-13:00"), 0, "expected a start from 00:00 to 23:59");
	err(F_RANGE, LIT("09:00-24:01"), 6, "expected an end from 00:00 to 24:00");
	err(F_RANGE, LIT("09:00-09:00"), 6, "the range is empty: it ends where it starts");
	const int64_t mon = 2, mon_fri = 0x3e, fri_mon = 0x63, sun = 1;
	ok_with(F_DAYS, LIT("mon"), &o, cmp_cal, &mon);
	ok_with(F_DAYS, LIT("mon-fri"), &o, cmp_cal, &mon_fri);
	ok_with(F_DAYS, LIT("fri-mon"), &o, cmp_cal, &fri_mon);   /* wraps */
	ok_with(F_DAYS, LIT("sun"), &o, cmp_cal, &sun);
	err(F_DAYS, LIT("monday"), 0, "expected a day (mon, tue, wed, thu, fri, sat, sun) or a "
	    "range like mon-fri, got 'monday'");
	err(F_DAYS, LIT("mon-"), 4, "expected a day after '-' (mon, tue, wed, thu, fri, sat, "
	    "sun), got ''");
	err(F_DAYS, LIT("mon-frix"), 4, "expected a day after '-' (mon, tue, wed, thu, fri, sat, "
	    "sun), got 'frix'");
	const int64_t xmas = 20261225, leap = 20240229;
	ok_with(F_DATE, LIT("2026-12-25"), &o, cmp_cal, &xmas);
	ok_with(F_DATE, LIT("2024-02-29"), &o, cmp_cal, &leap);
	err(F_DATE, LIT("2026-02-29"), 8, "day 29 is past the end of February 2026");
	err(F_DATE, LIT("2026-12-25 09:00"), 10, "expected the end of the date, got a space");
	err(F_DATE, LIT("26-12-25"), 2, "expected a date like 2026-12-25, got '-'");
	const int64_t md = 1225, feb29 = 229;
	ok_with(F_MD, LIT("12-25"), &o, cmp_cal, &md);
	ok_with(F_MD, LIT("02-29"), &o, cmp_cal, &feb29);
	err(F_MD, LIT("13-01"), 0, "expected a month from 01 to 12, got 13");
	err(F_MD, LIT("04-31"), 3, "expected a day from 01 to 30, got 31");
	err(F_MD, LIT("12/25"), 2, "expected a month and day like 12-25, got '/'");
}

/* A moment as "YYYYMMDDHHMMSS" and its offset in seconds (or "local"). */
static bool cmp_moment(const struct out *o, const void *want, char *d)
{
	char got[64];
	snprintf(got, sizeof got, "%04d%02d%02d%02d%02d%02d %s%" PRId32, o->dt.year, o->dt.month,
		 o->dt.day, o->dt.hour, o->dt.minute, o->dt.second,
		 o->has_offset ? "" : "local", o->has_offset ? o->offset : 0);
	snprintf(d, 400, "want %s, got %s", (const char *)want, got);
	return strcmp(got, want) == 0;
}

static void moments(void)
{
	struct out o;
	ok_with(F_MOMENT, LIT("2026-12-25 09:00"), &o, cmp_moment, "20261225090000 local0");
	ok_with(F_MOMENT, LIT("2026-12-25T09:00"), &o, cmp_moment, "20261225090000 local0");
	ok_with(F_MOMENT, LIT("2026-12-25 09:00:30"), &o, cmp_moment, "20261225090030 local0");
	ok_with(F_MOMENT, LIT("2026-12-25T03:30Z"), &o, cmp_moment, "20261225033000 0");
	ok_with(F_MOMENT, LIT("2026-12-25 09:00:05+05:30"), &o, cmp_moment,
		"20261225090005 19800");
	ok_with(F_MOMENT, LIT("2026-12-25 09:00-14:00"), &o, cmp_moment,
		"20261225090000 -50400");
	err(F_MOMENT, LIT("2026-12-25"), 10, "expected a time like 2026-12-25 09:00, got the end");
	err(F_MOMENT, LIT("2026-12-25T9:00"), 12,
	    "expected a time like 2026-12-25 09:00, got ':'");
	err(F_MOMENT, LIT("2026-12-25x09:00"), 10,
	    "expected a time like 2026-12-25 09:00, got 'x'");
	err(F_MOMENT, LIT("2026-12-25 09:00+5"), 16,
	    "expected an offset like +05:30, got '+'");
	err(F_MOMENT, LIT("2026-12-25 09:00+15:00"), 16,
	    "expected an offset from -14:00 to +14:00");
	err(F_MOMENT, LIT("2026-12-25 09:00:5"), 16,
	    "expected the end of the time (an offset like +05:30, or Z), got ':'");
	err(F_MOMENT, LIT("2026-12-25 09:00Zx"), 17,
	    "expected the end of the time (an offset like +05:30, or Z), got 'x'");
	err(F_MOMENT, LIT("2026-02-30 09:00"), 8, "day 30 is past the end of February 2026");
	err(F_MOMENT, LIT("2026-12-25 24:00"), 11, "expected an hour from 00 to 23, got 24");
}

int main(void)
{
	calendars();
	moments();
	test_duration();
	test_int();
	test_phone();
	test_datetime();
	test_key();
	test_names();
	test_dest();
	test_junk_after_end();
	test_long_message();
	return failures ? 1 : 0;
}
