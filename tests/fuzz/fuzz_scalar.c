/* libFuzzer target: every function of the scalar lexer (grammar/scalar.re)
 * on the input as one scalar, which is not NUL-terminated (libFuzzer's copy
 * ends exactly at size, so ASan sees any read past it). Checks what
 * scalar.h promises: an error's offset inside the scalar and a terminated
 * message; values in their ranges. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grammar/scalar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "fuzz oracle failed: " __VA_ARGS__); \
		fputc('\n', stderr); \
		abort(); \
	} \
} while (0)

static void error_ok(const char *fn, bool ok, const struct lex_error *e, size_t n)
{
	if (ok)
		return;
	CHECK(e->offset <= n, "%s: error offset %zu past the scalar (%zu bytes)", fn, e->offset, n);
	CHECK(memchr(e->message, '\0', sizeof e->message) != NULL, "%s: message not terminated", fn);
	CHECK(e->message[0] != '\0', "%s: empty message", fn);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct lex_error e;
	bool ok;

	uint32_t seconds = 0;
	memset(&e, 0, sizeof e);
	ok = lex_duration(s, size, &seconds, &e);
	error_ok("lex_duration", ok, &e, size);
	CHECK(!ok || seconds <= 24 * 3600, "lex_duration: %u s is over 24 h", seconds);

	int64_t value;
	memset(&e, 0, sizeof e);
	error_ok("lex_int", lex_int(s, size, &value, &e), &e, size);

	memset(&e, 0, sizeof e);
	error_ok("lex_phone", lex_phone(s, size, &e), &e, size);

	struct ast_datetime dt;
	memset(&e, 0, sizeof e);
	ok = lex_datetime(s, size, &dt, &e);
	error_ok("lex_datetime", ok, &e, size);
	CHECK(!ok || (dt.month >= 1 && dt.month <= 12 && dt.day >= 1 && dt.day <= 31 &&
		      dt.hour <= 23 && dt.minute <= 59 && dt.second <= 59),
	      "lex_datetime: a value out of range");

	char key = 0;
	memset(&e, 0, sizeof e);
	ok = lex_dtmf_key(s, size, &key, &e);
	error_ok("lex_dtmf_key", ok, &e, size);
	CHECK(!ok || strchr("0123456789*#", key), "lex_dtmf_key: key %d", key);

	memset(&e, 0, sizeof e);
	ok = lex_name(s, size, &e);
	error_ok("lex_name", ok, &e, size);
	CHECK(!ok || (size >= 1 && size <= 64), "lex_name: accepted %zu bytes", size);

	memset(&e, 0, sizeof e);
	ok = lex_project_name(s, size, &e);
	error_ok("lex_project_name", ok, &e, size);
	CHECK(!ok || (size >= 1 && size <= 64), "lex_project_name: accepted %zu bytes", size);

	enum dest_kind kind;
	size_t id_offset = 0;
	memset(&e, 0, sizeof e);
	ok = lex_dest(s, size, &kind, &id_offset, &e);
	error_ok("lex_dest", ok, &e, size);
	CHECK(!ok || id_offset <= size, "lex_dest: id at %zu past the end %zu", id_offset, size);

	uint16_t from = 0, to = 0;
	ok = lex_clock_range(s, size, &from, &to, &e);
	error_ok("lex_clock_range", ok, &e, size);
	CHECK(!ok || (from < 24 * 60 && to <= 24 * 60 && from != to),
	      "lex_clock_range: %u-%u", from, to);

	uint8_t days = 0;
	ok = lex_days(s, size, &days, &e);
	error_ok("lex_days", ok, &e, size);
	CHECK(!ok || (days && days < 0x80), "lex_days: mask %#x", days);

	struct ast_datetime date = { 0 };
	ok = lex_date(s, size, &date, &e);
	error_ok("lex_date", ok, &e, size);
	CHECK(!ok || (date.year >= 1970 && date.month >= 1 && date.month <= 12 &&
		      date.day >= 1 && date.day <= 31), "lex_date: a value out of range");

	int month = 0, day = 0;
	ok = lex_month_day(s, size, &month, &day, &e);
	error_ok("lex_month_day", ok, &e, size);
	CHECK(!ok || (month >= 1 && month <= 12 && day >= 1 && day <= 31),
	      "lex_month_day: %d-%d", month, day);

	return 0;
}
