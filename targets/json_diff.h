/* Where two JSON documents differ, field by field, for plan's diffs
 * (docs/CLI.md, "Plan"): a body as last sent, as the file builds it now,
 * and as the provider holds it. The comparison is semantic: key order and
 * number formatting never make a difference. */
#ifndef IVRC_JSON_DIFF_H
#define IVRC_JSON_DIFF_H
#include <stdbool.h>
#include <stddef.h>
#include <cJSON.h>

struct arena;

enum {
	/* A number and a string with the same text are the same ("30" is 30):
	 * a provider's answer may type a field otherwise than the body did. */
	JSON_DIFF_LOOSE = 1,
	/* Only the keys of `before` count: a provider's answer holds more than
	 * was sent (its id, dates). */
	JSON_DIFF_BEFORE_KEYS = 2,
};

/* One field that differs: its path (`timeout`, `option[2]`,
 * `script[0].say`, `case["1"]`) and its JSON text on each side, NULL where
 * it is absent. */
struct json_change {
	const char *path;
	const char *before, *after;
};

/* The fields where before and after differ, leaves first found first
 * (objects in before's key order, then after's new keys; arrays by index).
 * An object or array against anything else is one change, whole. */
size_t json_diff(struct arena *a, const cJSON *before, const cJSON *after, int flags,
		 struct json_change **out);

/* Whether two documents are the same, as json_diff sees them. */
bool json_same(const cJSON *a, const cJSON *b, int flags);

/* A value's JSON text cut to about max bytes ("first...last", never inside
 * a UTF-8 character); "(none)" for NULL. */
const char *json_shortened(struct arena *a, const char *text, size_t max);

#endif
