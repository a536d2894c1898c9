/* Unit test for the fast path for plain YAML (grammar/yaml_fast.re): on
 * every YAML input of the golden suite, the examples, the yaml-test-suite
 * inputs (tests/yaml_suite/) and the cases below, a file the fast path
 * takes gives exactly libyaml's events (kind, place, text, style) and
 * libyaml reads it without error. The cases also say which files the fast
 * path must take (the shapes IVR files are written in) and which it must
 * leave to libyaml. One PASS/FAIL line per input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "files.h"
#include "yaml_events.h"

enum expect { EITHER, FAST, SLOW };

static size_t taken, seen;

static void same(const char *what, const char *text, size_t len, enum expect want)
{
	struct arena a;
	arena_init(&a);
	const struct source *src = source_from_text(&a, what, text, len);
	char *fast = yaml_events_text(src, true);
	char *slow = yaml_events_text(src, false);
	seen++;
	taken += fast != NULL;
	if (want == FAST && !fast)
		check(0, what, "the fast path gave up on it");
	else if (want == SLOW && fast)
		check(0, what, "the fast path took it");
	else if (fast && !slow)
		check(0, what, "the fast path took a file libyaml refuses");
	else if (fast)
		check_str(fast, slow, what);
	else
		check(1, what, "");
	free(fast);
	free(slow);
	arena_free(&a);
}

/* A file of the tree: either reader may take it. */
static void same_file(const char *name, const char *text, size_t len)
{
	same(name, text, len, EITHER);
}

static const struct { const char *name, *text; enum expect want; } cases[] = {
	/* What IVR files are written in: the fast path takes it. */
	{ "mapping", "a: 1\nb: two words\n", FAST },
	{ "nested, with a dedent by two levels", "a:\n  b:\n    c: 1\nd: 2\n", FAST },
	{ "list of scalars and compact mappings",
	  "- a\n- b: 1\n  c: 2\n- - x\n  - y\n", FAST },
	{ "indentless list as a value", "a:\n- x\n- y\nb: 1\n", FAST },
	{ "indentless list ending the file", "a:\n- x\n- y", FAST },
	{ "indentless list in a compact mapping", "- a:\n  - x\n  b: 1\n- c\n", FAST },
	{ "empty values", "a:\nb:\n  c:\nd:\n  -\n  - x\n  -\n", FAST },
	{ "empty value before a dedent", "a:\n  b:\nc: 1\n", FAST },
	{ "flow collections", "a: [1, two, \"three\"]\nb: { x: 1, y: [], z: {} }\n", FAST },
	{ "flow mapping with empty values", "a: { x: , y: }\nb: {x: 1,}\n", FAST },
	{ "flow nested", "a: [[1, 2], {k: [v]}, []]\n", FAST },
	{ "quoted scalars", "\"a b\": 'c d'\n'e': \"f: #g\"\n", FAST },
	{ "quoted key, spaces before the colon", "\"a\"   : 1\nb   : 2\n", FAST },
	{ "comments everywhere", "# head\na: 1 # one\n  # indented\n\n# again\nb: # empty?\n  c: 2\n#end", FAST },
	{ "colons and hashes inside plain scalars",
	  "a: menu:main\nb: https://x.example/y#z\nc: a:b:c\nd: x#y\ne: 'q'#c\n", FAST },
	{ "flow plain scalars with colons", "a: [menu:main, {k: v:w}]\n", FAST },
	{ "a leading document start", "---\na: 1\n", FAST },
	{ "a document start with a comment", "--- # c\na: 1\n", FAST },
	{ "UTF-8 text", "a: caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\n\"\xc3\xa9\": x\n", FAST },
	{ "no line feed at the end", "a: 1\nb:\n  - x", FAST },
	{ "root scalar", "hello world\n", FAST },
	{ "root list indented", "  - a\n  - b\n", FAST },
	{ "only comments", "# nothing\n\n", FAST },
	{ "empty file", "", FAST },
	{ "plain scalar starting with a dash", "a: -5\nb: [-x]\n", FAST },
	{ "a comment line deeper than a plain value", "a: x\n    # note\nb: y\n", FAST },
	{ "blank lines with spaces", "a: 1\n   \n\nb: 2\n", FAST },
	/* Outside it: libyaml reads it. */
	{ "multi-line plain scalar", "a: one\n  two\n", SLOW },
	{ "multi-line plain scalar after blank lines", "a: one\n\n   two\n", SLOW },
	{ "multi-line root scalar", "ivrc 1\nname t\n", SLOW },
	{ "tab", "a:\t1\n", SLOW },
	{ "carriage return", "a: 1\r\n", SLOW },
	{ "anchor and alias", "a: &x 1\nb: *x\n", SLOW },
	{ "tag", "a: !!str 1\n", SLOW },
	{ "block scalar", "a: |\n  text\n", SLOW },
	{ "escaped double-quoted", "a: \"x\\ny\"\n", SLOW },
	{ "single quote escape", "a: 'it''s'\n", SLOW },
	{ "multi-line quoted", "a: \"x\n  y\"\n", SLOW },
	{ "multi-line flow", "a: [1,\n  2]\n", SLOW },
	{ "second document", "a: 1\n---\nb: 2\n", SLOW },
	{ "document end", "a: 1\n...\n", SLOW },
	{ "directive", "%YAML 1.1\n---\na: 1\n", SLOW },
	{ "byte order mark", "\xef\xbb\xbf" "a: 1\n", SLOW },
	{ "NUL byte", "a: 1\n\0b: 2\n", SLOW },
	{ "control byte", "a: \x01\n", SLOW },
	{ "C1 control", "a: \xc2\x80\n", SLOW },
	{ "next line (U+0085)", "a: x\xc2\x85y\n", SLOW },
	{ "line separator (U+2028)", "a: x\xe2\x80\xa8y\n", SLOW },
	{ "invalid UTF-8", "a: \xc3\n", SLOW },
	{ "overlong UTF-8", "a: \xc0\xaf\n", SLOW },
	{ "surrogate", "a: \xed\xa0\x80\n", SLOW },
	{ "explicit key", "? a\n: 1\n", SLOW },
	{ "key too long for libyaml", NULL, SLOW },
	{ "pair in a flow list", "a: [k: v]\n", SLOW },
	{ "flow key without a value", "a: {k}\n", SLOW },
	{ "colon before a flow indicator", "a: {k:, x: 1}\n", SLOW },
	{ "colon before a flow indicator, after a blank (fuzz)", "a: {k :{x: 1}}\n", SLOW },
	{ "value on a key's line that is a list", "a: - x\n", SLOW },
	{ "two values", "a: b: c\n", SLOW },
	{ "indented too deep", "a: 1\n  b: 2\n", SLOW },
	{ "indented unlike its mapping", "a:\n    b: 1\n  c: 2\n", SLOW },
	{ "key under a list", "- a\nb: 1\n", SLOW },
	{ "duplicate-free but bad: scalar then key", "a\nb: 1\n", SLOW },
	{ "quoted then more", "a: \"x\" y\n", SLOW },
	{ "empty document after ---", "---\n", SLOW },
	{ "complex key", "[a]: 1\n", SLOW },
	{ "unclosed flow", "a: [1, 2\n", SLOW },
	{ "a closing bracket in a block plain scalar", "a: 1]\n", FAST },
	{ "leading comma in a flow list", "a: [, 1]\n", SLOW },
};

static char *long_key(void)
{
	size_t n = 1100;
	char *s = malloc(n + 8);
	memset(s, 'k', n);
	memcpy(s + n, ": 1\n", 5);
	return s;
}

int main(void)
{
	test_each_file(IVRC_SRCDIR "/tests/golden/*/*.yaml", same_file);
	test_each_file(IVRC_SRCDIR "/examples/*.yaml", same_file);
	test_each_file(IVRC_SRCDIR "/examples/*/*.yaml", same_file);
	test_each_file(IVRC_SRCDIR "/tests/yaml_suite/*.yaml", same_file);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *own = cases[i].text ? NULL : long_key();
		const char *text = own ? own : cases[i].text;
		/* The NUL case holds a NUL: its length is written out. */
		size_t len = strcmp(cases[i].name, "NUL byte") == 0 ? 12 : strlen(text);
		same(cases[i].name, text, len, cases[i].want);
		free(own);
	}
	printf("# the fast path took %zu of %zu inputs\n", taken, seen);
	return failures != 0;
}
