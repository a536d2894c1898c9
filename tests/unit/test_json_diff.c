/* Unit test for plan's field diffs (targets/json_diff.c): paths, the
 * semantic comparison (key order and number formatting never differ), the
 * loose mode for a provider's answers, and the shortening of long values.
 * Prints one PASS/FAIL line per check; exits 1 if any check failed. */
#include "targets/json_diff.h"

#include <stdio.h>
#include <string.h>
#include "compiler/arena.h"
#include "check.h"

/* The diff of two JSON texts as "path: before -> after" lines. */
static const char *diff(struct arena *a, const char *x, const char *y, int flags)
{
	cJSON *jx = cJSON_Parse(x), *jy = cJSON_Parse(y);
	struct json_change *v;
	size_t n = json_diff(a, jx, jy, flags, &v);
	const char *out = "";
	for (size_t i = 0; i < n; i++)
		out = arena_printf(a, "%s%s: %s -> %s\n", out, v[i].path,
				   json_shortened(a, v[i].before, 40), json_shortened(a, v[i].after, 40));
	bool same = json_same(jx, jy, flags);
	if (same != (n == 0))
		out = arena_printf(a, "%sjson_same says %s\n", out, same ? "same" : "different");
	cJSON_Delete(jx);
	cJSON_Delete(jy);
	return out;
}

int main(void)
{
	struct arena a;
	arena_init(&a);
	check_str(diff(&a, "{\"a\":1,\"b\":[1,2]}", "{\"b\":[1.0,2e0],\"a\":1}", 0), "",
		  "key order and number formatting are no change");
	check_str(diff(&a, "{\"timeout\":5,\"name\":\"x\"}", "{\"timeout\":10,\"name\":\"x\"}", 0),
		  "timeout: 5 -> 10\n", "a changed number");
	check_str(diff(&a, "{\"option\":[\"1\",\"2\"]}", "{\"option\":[\"1\",\"3\",\"4\"]}", 0),
		  "option[1]: \"2\" -> \"3\"\noption[2]: (none) -> \"4\"\n",
		  "arrays by index, an element added");
	check_str(diff(&a, "{\"s\":[{\"case\":{\"1\":[\"hangup\"]}}]}",
		       "{\"s\":[{\"case\":{\"1\":[\"say\"]}}]}", 0),
		  "s[0].case[\"1\"][0]: \"hangup\" -> \"say\"\n", "a key that is not a name is quoted");
	check_str(diff(&a, "{\"a\":1,\"gone\":true}", "{\"a\":1,\"new\":null}", 0),
		  "gone: true -> (none)\nnew: (none) -> null\n", "keys removed and added");
	check_str(diff(&a, "{\"a\":{\"b\":1}}", "{\"a\":[1]}", 0), "a: {\"b\":1} -> [1]\n",
		  "an object against an array is one change");
	check_str(diff(&a, "{\"timeout\":30}", "{\"timeout\":\"30\"}", 0),
		  "timeout: 30 -> \"30\"\n", "strict: a number is not a string");
	check_str(diff(&a, "{\"timeout\":30}", "{\"timeout\":\"30\",\"id\":7}",
		       JSON_DIFF_LOOSE | JSON_DIFF_BEFORE_KEYS), "",
		  "loose, before's keys: a provider's answer typed otherwise, with more keys");
	check_str(diff(&a, "{\"timeout\":30}", "{\"timeout\":\"31\"}", JSON_DIFF_LOOSE),
		  "timeout: 30 -> \"31\"\n", "loose: a different text still differs");
	check_str(diff(&a, "[1]", "{\"x\":1}", 0), "(the whole body): [1] -> {\"x\":1}\n",
		  "the whole body");
	check_str(json_shortened(&a, "\"0123456789abcdefghij\"", 10), "\"0123...ghij\"",
		  "a long value is shortened in the middle");
	check_str(json_shortened(&a, "\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\"", 6),
		  "\"\xc3\xa9...\xc3\xa9\"", "never inside a UTF-8 character");
	arena_free(&a);
	return failures != 0;
}
