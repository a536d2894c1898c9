/* Unit test for streaming binding (yaml_load_program, dsl_parse_program):
 * for every input of the golden suite, the examples, and the cases below
 * that streaming must get right (anchors, aliases and merge keys across
 * entries, a syntax error after entries with errors, the error cap), the
 * program and the findings are the same as those of bind_program over the
 * whole tree (yaml_load, dsl_parse). One PASS/FAIL line per input. */
#include "compiler/arena.h"
#include "compiler/ast_dump.h"
#include "compiler/diag.h"
#include "grammar/bind.h"
#include "targets/target.h"
#include "grammar/dsl_parser.h"
#include "grammar/yaml_loader.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "files.h"

/* The program as JSON and the findings as text, after one way of loading. */
static char *outcome(const char *path, const char *text, size_t len, bool stream)
{
	struct arena a;
	struct diag d;
	arena_init(&a);
	diag_init(&d, &a);
	struct source *src = source_from_text(&a, path, text, len);
	bool dsl = len > 4 && strcmp(path + strlen(path) - 4, ".ivr") == 0;
	struct ast_program *p;
	if (stream) {
		p = dsl ? dsl_parse_program(src, target_set(), &a, &d)
			: yaml_load_program(src, target_set(), &a, &d);
	} else {
		struct doc_node *root = dsl ? dsl_parse(src, &a, &d, NULL) : yaml_load(src, &a, &d);
		p = root ? bind_program(root, src, target_set(), &a, &d) : NULL;
	}
	char *buf = NULL;
	size_t n = 0;
	FILE *out = open_memstream(&buf, &n);
	if (p) {
		cJSON *json = ast_dump(p);
		char *s = cJSON_Print(json);
		fputs(s, out);
		fputs("\n", out);
		cJSON_free(s);
		cJSON_Delete(json);
	} else {
		fputs("(no program)\n", out);
	}
	diag_sort(&d);
	struct diag_print_opts po = { DIAG_TEXT, false };
	diag_print(&d, out, &po);
	fclose(out);
	arena_free(&a);
	return buf;
}

static void same(const char *what, const char *text, size_t len)
{
	char *whole = outcome(what, text, len, false);
	char *streamed = outcome(what, text, len, true);
	check_str(streamed, whole, what);
	free(whole);
	free(streamed);
}


#define HEAD "ivrc: 1\nname: t\ntargets: { smartflo: {} }\n" \
	"recordings: { r: { smartflo: 1 } }\n"

static const struct { const char *name, *text; } cases[] = {
	{ "stream: an entry's anchor, aliased by a later entry",
	  HEAD "menus:\n  a: &m { prompt: r, options: { 1: menu:b } }\n  b: *m\n" },
	{ "stream: an anchored option map merged into later entries",
	  HEAD "menus:\n  a: { prompt: r, options: &o { 1: menu:b, 2: hangup } }\n"
	  "  b: { prompt: r, options: { <<: *o, 2: menu:a } }\n" },
	{ "stream: a merge key in a section",
	  HEAD "x: &more { c: { prompt: r }, a: { prompt: q } }\n"
	  "menus:\n  a: { prompt: r }\n  <<: *more\n  b: { prompt: r, options: { 1: menu:c } }\n" },
	{ "stream: a merge key's mapping written in place, then more entries (fuzz)",
	  HEAD "menus:\n  a: { prompt: r }\n  <<: { b: { prompt: r, options: { 1: menu:c } } }\n"
	  "  c: { prompt: r, timeout: 3 }\n  d: { prompt: r }\n" },
	{ "stream: an anchor on a section",
	  HEAD "menus: &all\n  a: { prompt: r }\nannouncements: *all\n" },
	{ "stream: a section given twice",
	  HEAD "menus:\n  a: { prompt: r, bad: 1 }\nmenus:\n  b: { prompt: r }\n" },
	{ "stream: a key that is a collection",
	  HEAD "menus:\n  ? [a, b]\n  : { prompt: r }\n  c: { prompt: r, timeout: x }\n" },
	{ "stream: entries with errors, then a syntax error",
	  HEAD "menus:\n  a: { prompt: r, timeout: x }\n  b: { prompt: r }\n  c: [\n" },
	{ "stream: a flow (kept) between menus (reused)",
	  "ivrc: 1\nname: t\ntargets: { infobip: {} }\n"
	  "menus:\n  a: { prompt: { text: hi }, options: { 1: flow:f } }\n"
	  "flows:\n  f:\n    - say: hello\n    - collect: { into: x, max_digits: 1 }\n"
	  "    - if: { cond: \"${x} == 1\", then: [ { goto: done } ] }\n"
	  "    - hangup\n"
	  "announcements:\n  b: { prompt: { text: bye }, then: hangup }\n" },
	{ "stream: per-target settings in a menu",
	  HEAD "menus:\n  a: { prompt: r, smartflo: { as: vr } }\n  b: { prompt: r }\n" },
	{ "stream: sections that are not mappings",
	  HEAD "menus: [a]\nflows: ~\nendpoints: 3\n" },
	{ "stream: a top level that is a list", "- menus: { a: {} }\n" },
	{ "stream: DSL declarations kept and reused.ivr",
	  "ivrc 1\nname t\ntarget infobip\n"
	  "menu a { prompt \"hi\"; 1 -> flow:f; timeout x }\n"
	  "flow f { say \"hello\"; collect x { max_digits 1 }; hangup }\n"
	  "endpoint desk phone:+14155550100\n"
	  "announcement b { prompt \"bye\"; then hangup }\n" },
	{ "stream: DSL entries with errors, then a syntax error.ivr",
	  "ivrc 1\nname t\ntarget smartflo\n"
	  "menu a { prompt r; timeout x }\nmenu b { prompt r\n" },
};

/* More errors than the cap: which are kept must not depend on streaming. */
static char *capped(void)
{
	size_t cap = 64 * 1024, n = 0;
	char *s = malloc(cap);
	n += (size_t)snprintf(s + n, cap - n, "%s", HEAD "announcements:\n");
	for (int i = 0; i < 150; i++)
		n += (size_t)snprintf(s + n, cap - n, "  a%d: { prompt: r, bad%d: 1 }\n", i, i);
	n += (size_t)snprintf(s + n, cap - n, "menus:\n");
	for (int i = 0; i < 150; i++)
		n += (size_t)snprintf(s + n, cap - n, "  m%d: { prompt: r, bad%d: 1 }\n", i, i);
	return s;
}

int main(void)
{
	test_each_file(IVRC_SRCDIR "/tests/golden/*/*.yaml", same);
	test_each_file(IVRC_SRCDIR "/tests/golden/*/*.ivr", same);
	test_each_file(IVRC_SRCDIR "/examples/*.yaml", same);
	test_each_file(IVRC_SRCDIR "/examples/*.ivr", same);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		same(cases[i].name, cases[i].text, strlen(cases[i].text));
	char *many = capped();
	same("stream: more errors than the cap", many, strlen(many));
	free(many);
	return failures != 0;
}
