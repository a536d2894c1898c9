/* Unit test for the call simulator (compiler/simulate.c) and the graph
 * export: a generated chain of 10 000 menus is played to its end and
 * graphed (correctness only: bench/sim_scaling.sh measures how the time
 * grows), calls that loop without input or run a loop past its bound stop
 * with a message, and the condition evaluator's subset. Prints one
 * PASS/FAIL line per check; exits 1 if any check failed. */
#include "compiler/arena.h"
#include "compiler/diag.h"
#include "compiler/graph.h"
#include "compiler/resolve.h"
#include "compiler/simulate.h"
#include "grammar/bind.h"
#include "targets/target.h"
#include "grammar/yaml_loader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

/* Loads and checks YAML text (no target); NULL on errors. */
static struct ast_program *load(struct arena *a, const char *text)
{
	struct diag d;
	diag_init(&d, a);
	struct source *src = source_from_text(a, "test.yaml", text, strlen(text));
	struct doc_node *root = yaml_load(src, a, &d);
	struct ast_program *p = root ? bind_program(root, src, target_set(), a, &d) : NULL;
	if (!p || d.errors || !res_check(p, NULL, 0, a, &d) || d.errors) {
		struct diag_print_opts po = { DIAG_TEXT, false };
		diag_print(&d, stdout, &po);
		return NULL;
	}
	return p;
}

/* Plays a call from the first entry point with the inputs given as words. */
static void play(struct arena *a, struct ast_program *p, const char *const *words, size_t n,
		 struct sim_result *r)
{
	struct sim_input *in = arena_alloc(a, (n + 1) * sizeof *in);
	for (size_t i = 0; i < n; i++)
		sim_parse_input(words[i], &in[i]);
	struct ast_dest *start = arena_alloc(a, sizeof *start);
	start->kind = DEST_NAME;
	start->ref = p->entries[0];
	start->id = start->ref->name;
	struct sim_call c = { p, start, in, n, NULL, 0, NULL, NULL };
	sim_run(&c, a, r);
}

static char *chain(size_t n)
{
	size_t cap = 128 + n * 64, len = 0;
	char *s = malloc(cap);
	len += (size_t)snprintf(s + len, cap - len,
				"ivrc: 1\nname: chain\ntargets: { infobip: {} }\n"
				"recordings: { p: { text: \"Press 1.\" } }\nmenus:\n");
	for (size_t i = 0; i < n; i++) {
		if (i + 1 < n)
			len += (size_t)snprintf(s + len, cap - len,
						"  m%zu: { prompt: p, options: { 1: menu:m%zu } }\n",
						i, i + 1);
		else
			len += (size_t)snprintf(s + len, cap - len,
						"  m%zu: { prompt: p, options: { 1: hangup } }\n", i);
	}
	return s;
}

static void test_chain(void)
{
	enum { N = 10000 };
	struct arena a;
	arena_init(&a);
	char *text = chain(N);
	struct ast_program *p = load(&a, text);
	free(text);
	check(p != NULL, "chain of 10 000 menus loads", "check failed");
	if (!p) {
		arena_free(&a);
		return;
	}
	const char **keys = malloc(N * sizeof *keys);
	for (size_t i = 0; i < N; i++)
		keys[i] = "1";
	struct sim_result r;
	play(&a, p, keys, N, &r);
	free(keys);
	char buf[128];
	snprintf(buf, sizeof buf, "status %d, path %zu, read %zu", (int)r.status, r.npath,
		 r.consumed);
	check(r.status == SIM_ENDED && r.npath == N + 1 && r.consumed == N,
	      "chain of 10 000 menus is played to its end", buf);
	check(r.npath && strcmp(r.path[r.npath - 1].text, "hangup") == 0 &&
	      strcmp(r.path[N - 1].text, "menu:m9999") == 0,
	      "chain ends in hangup after menu:m9999", r.npath ? r.path[r.npath - 1].text : "");
	FILE *out = tmpfile();
	graph_print(out, p, true, GRAPH_DOT, NULL, &a);   /* infobip: flows are entries */
	long size = ftell(out);
	fclose(out);
	check(size > N * 20, "chain of 10 000 menus is graphed", "output too short");
	arena_free(&a);
}

/* The call ends with status and (when given) a message holding `needle`. */
static void expect_run(const char *yaml, const char *const *in, size_t n,
		       enum sim_status status, const char *end, const char *needle,
		       const char *what)
{
	struct arena a;
	arena_init(&a);
	struct ast_program *p = load(&a, yaml);
	if (!p) {
		check(0, what, "the program has errors");
		arena_free(&a);
		return;
	}
	struct sim_result r;
	play(&a, p, in, n, &r);
	const char *last = r.npath ? r.path[r.npath - 1].text : "(none)";
	char buf[512];
	snprintf(buf, sizeof buf, "status %d, end %s, error %s", (int)r.status, last,
		 r.error ? r.error : "(none)");
	bool ok = r.status == status && (!end || strcmp(last, end) == 0) &&
		  (!needle || (r.error && strstr(r.error, needle)));
	check(ok, what, buf);
	arena_free(&a);
}

#define HEAD "ivrc: 1\nname: t\ntargets: { infobip: {} }\n" \
	     "recordings: { p: { text: \"Hello.\" } }\n"

static void test_bounds(void)
{
	expect_run(HEAD "entry: [announcement:a]\nannouncements:\n"
		   "  a: { prompt: p, then: announcement:b }\n  b: { prompt: p, then: announcement:a }\n",
		   NULL, 0, SIM_FAILED, NULL, "without reading input",
		   "announcements that loop stop with a message");
	expect_run(HEAD "entry: [flow:f]\nflows:\n  f:\n"
		   "    - while: { cond: \"1 == 1\", do: [ { say: \"again\" } ] }\n",
		   NULL, 0, SIM_FAILED, NULL, "while ran 1000 times",
		   "a while loop stops after 1 000 iterations");
	expect_run(HEAD "entry: [flow:f]\nflows:\n  f:\n"
		   "    - { say: \"top\", label: top }\n    - goto: top\n",
		   NULL, 0, SIM_FAILED, NULL, "jumped 1000 times",
		   "a goto without a limit stops after 1 000 jumps");
	expect_run(HEAD "entry: [flow:f]\nflows:\n  f:\n"
		   "    - { say: \"top\", label: top }\n"
		   "    - goto: { to: top, limit: 3, counter: n }\n"
		   "    - if: { cond: \"n == 3\", then: [ { dial: phone:+14155550100 } ] }\n",
		   NULL, 0, SIM_ENDED, "phone:+14155550100", NULL,
		   "a goto with a limit goes on after its last jump, counter set");
}

/* A flow that dials +1415555010D when cond holds, else hangs up. */
static void cond_case(const char *cond, bool want, const char *what)
{
	char yaml[1024];
	snprintf(yaml, sizeof yaml, HEAD "entry: [flow:f]\nflows:\n  f:\n"
		 "    - set: { var: s, value: \"gold\" }\n"
		 "    - set: { var: n, value: \"10\" }\n"
		 "    - set: { var: empty, value: \"\" }\n"
		 "    - if: { cond: \"%s\", then: [ { dial: phone:+14155550100 } ] }\n", cond);
	expect_run(yaml, NULL, 0, SIM_ENDED, want ? "phone:+14155550100" : "hangup", NULL, what);
}

static void test_conditions(void)
{
	cond_case("s == 'gold'", true, "condition: string equality");
	cond_case("s != 'gold'", false, "condition: string inequality");
	cond_case("n > 9", true, "condition: numbers compare as numbers (10 > 9)");
	cond_case("n < '9'", true, "condition: two texts compare as text, digits too ('10' < '9')");
	cond_case("n >= 10 && s == 'gold'", true, "condition: && and a quoted string");
	cond_case("s == 'x' || (n == 10 && !(empty))", true, "condition: ||, parentheses, !");
	cond_case("${s} == 'gold'", true, "condition: ${name} reads a variable too");
	cond_case("n + 5 == 15 && empty + 1 == 1", true, "condition: + adds; '' reads as 0");
	cond_case("n % 3 == 1 && n / 4 == 2.5", true, "condition: % and / on numbers");
	cond_case("s == true || s != false", false,
		  "condition: text beside true/false: only 'true' is true");
	cond_case("!s", true, "condition: text other than 'true' is false");
	expect_run(HEAD "entry: [flow:f]\nflows:\n  f:\n"
		   "    - set: { var: s, value: \"a\" }\n"
		   "    - if: { cond: \"s * 2 > 1\", then: [ hangup ] }\n",
		   NULL, 0, SIM_FAILED, NULL, "'a' is not a number",
		   "condition: arithmetic on text is a runtime error");
	expect_run(HEAD "entry: [flow:f]\nflows:\n  f:\n"
		   "    - set: { var: s, value: \"0x1A\" }\n"
		   "    - if: { cond: \"s == 26 || s > 10\", then: [ hangup ] }\n",
		   NULL, 0, SIM_FAILED, NULL, "'0x1A' is not a number",
		   "condition: only decimal digits read as a number");
	expect_run(HEAD "entry: [flow:f]\nflows:\n  f:\n"
		   "    - set: { var: n, value: \"7\" }\n"
		   "    - if: { cond: \"n\", then: [ hangup ] }\n"
		   "    - if: { cond: \"n + 1\", then: [ hangup ] }\n",
		   NULL, 0, SIM_FAILED, NULL, "the number 8 is not true or false",
		   "condition: a number is not true or false");
	expect_run(HEAD "entry: [flow:f]\nflows:\n  f:\n"
		   "    - set: { var: n, value: \"10\" }\n"
		   "    - set: { var: m, value: \"${n * 123456.7} and ${n / 4}!\" }\n"
		   "    - if: { cond: \"m == '1234567 and 2.5!'\", then: [ { dial: phone:+14155550100 } ] }\n",
		   NULL, 0, SIM_ENDED, "phone:+14155550100", NULL,
		   "set: a template's expressions, numbers in their shortest exact form");
	expect_run(HEAD "parameters: [unset]\nentry: [flow:f]\nflows:\n  f:\n"
		   "    - if: { cond: \"unset == '' && unset == 0\", then: [ { dial: phone:+14155550100 } ] }\n",
		   NULL, 0, SIM_ENDED, "phone:+14155550100", NULL,
		   "condition: a parameter not given reads as '' (0 as a number)");
	expect_run(HEAD "entry: [flow:f]\nflows:\n  f:\n"
		   "    - set: { var: n, value: \"0\" }\n"
		   "    - if: { cond: \"10 / n > 1\", then: [ hangup ] }\n",
		   NULL, 0, SIM_FAILED, NULL, "division by zero",
		   "condition: a division by zero is a runtime error");
}

int main(void)
{
	test_chain();
	test_bounds();
	test_conditions();
	return failures ? 1 : 0;
}
