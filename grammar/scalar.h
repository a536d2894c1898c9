/* Typed scalars shared by both surface syntaxes (generated from scalar.re).
 * Each function takes the scalar's bytes (not NUL-terminated in general),
 * returns true with the typed value, or false with the error's byte offset
 * inside the scalar and a message (lowercase, no final period). */
#ifndef IVRC_SCALAR_H
#define IVRC_SCALAR_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../compiler/ast.h"

struct lex_error {
	size_t offset;             /* 0-based byte offset of the fault in the scalar */
	char message[256];
};

/* `10s`, `2m`, `1h`, `1m30s`, `1h2m3s` (units in that order, each once), or a
 * bare integer of seconds. At most 24 h. */
bool lex_duration(const char *s, size_t n, uint32_t *seconds, struct lex_error *e);

/* Decimal integer, optional leading '-', fits in int64. */
bool lex_int(const char *s, size_t n, int64_t *value, struct lex_error *e);

/* E.164: '+' then 8 to 15 digits, first digit not 0. */
bool lex_phone(const char *s, size_t n, struct lex_error *e);

/* `YYYY-MM-DD HH:MM:SS`, a real calendar date (leap years), 00:00:00..23:59:59. */
bool lex_datetime(const char *s, size_t n, struct ast_datetime *dt, struct lex_error *e);

/* `HH:MM-HH:MM` in minutes since midnight: 24:00 may end a range; an end
 * before the start runs past midnight; an empty range is an error. */
bool lex_clock_range(const char *s, size_t n, uint16_t *from, uint16_t *to,
		     struct lex_error *e);

/* `mon`, or a range `mon-fri` that may wrap (`fri-mon`): a bit per day, bit 0
 * Sunday (tz_weekday's numbering). */
bool lex_days(const char *s, size_t n, uint8_t *days, struct lex_error *e);

/* `YYYY-MM-DD`, a real calendar date from 1970 (the clock fields stay 0). */
bool lex_date(const char *s, size_t n, struct ast_datetime *date, struct lex_error *e);

/* `MM-DD`: a day of every year; 02-29 is a day of leap years. */
bool lex_month_day(const char *s, size_t n, int *month, int *day, struct lex_error *e);

/* `YYYY-MM-DD HH:MM[:SS]` (`T` may stand for the space): a wall-clock time; with `Z` or `+HH:MM` /
 * `-HH:MM` after it (*has_offset, *offset in seconds east), an instant. */
bool lex_moment(const char *s, size_t n, struct ast_datetime *dt, bool *has_offset,
		int32_t *offset, struct lex_error *e);

/* One of 0-9 * #. */
bool lex_dtmf_key(const char *s, size_t n, char *key, struct lex_error *e);

/* An object name: [A-Za-z_][A-Za-z0-9_-]*, at most 64 bytes. */
bool lex_name(const char *s, size_t n, struct lex_error *e);

/* A project name: [a-z0-9][a-z0-9_-]*, at most 64 bytes. */
bool lex_project_name(const char *s, size_t n, struct lex_error *e);

/* A destination: `hangup`, `repeat`, a bare NAME, or KIND:ID with KIND one of
 * menu announcement voicemail flow schedule extension phone user app sip ivr ringgroup
 * agent queue department email. On success *id_offset is where the id starts
 * inside s (0 for a bare name; the id runs to the end of s). The id is checked
 * by its kind: a NAME for object references, E.164 for phone, an e-mail
 * address for email, [A-Za-z0-9_.-]+ for the other literals, any non-blank
 * characters for sip. An unknown KIND is an error at offset 0 whose message
 * suggests the closest known kind when one is close. */
bool lex_dest(const char *s, size_t n, enum dest_kind *kind, size_t *id_offset,
	      struct lex_error *e);

#endif
