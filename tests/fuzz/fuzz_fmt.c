/* libFuzzer target with an oracle: printing must not change what a file
 * means. The input is read as DSL and as YAML; for each reading without
 * errors:
 *  - DSL: `ivrc fmt` is idempotent: the canonical text (comments kept)
 *    parses without errors and prints to itself again;
 *  - when it also binds and checks (every declared target) without errors:
 *    `ivrc convert` to the other syntax gives a file that loads and binds
 *    without errors into the same program (ast_dump), converting that back
 *    gives the same program again, and the DSL that convert writes is
 *    canonical (what tests/roundtrip.sh checks on the golden inputs that
 *    check cleanly, here on every such input the fuzzer finds). A program
 *    with errors is left out: e.g. an unknown setting `{ x: }` is kept as
 *    its text, "" in YAML and "null" in the DSL, both null. */
#include "fuzz.h"
#include "compiler/ast_dump.h"
#include "grammar/printer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const syntax_name[] = { "YAML", "DSL" };

static char *dump_of(const struct ast_program *p)
{
	cJSON *j = ast_dump(p);
	char *s = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	FUZZ_ASSERT(s, "ast_dump does not print");
	return s;
}

static char *print_as(enum fuzz_syntax to, const struct doc_node *root,
		      const struct dsl_comments *comments)
{
	return to == FUZZ_DSL ? dsl_print(root, comments) : yaml_print(root);
}

/* Loads and binds text, which must have no errors; returns its dump and,
 * when `as` is given, the text printed in that syntax (malloc'ed). */
static char *reload(enum fuzz_syntax syn, const char *text, const char *what, int as,
		    char **printed)
{
	struct arena a;
	struct diag d;
	const struct source *src;
	arena_init(&a);
	diag_init(&d, &a);
	struct doc_node *root = fuzz_parse(syn, text, strlen(text), &a, &d, NULL, &src);
	struct ast_program *p = root && d.errors == 0 ?
		bind_program(root, src, target_set(), &a, &d) : NULL;
	FUZZ_ASSERT(p && d.errors == 0, "%s does not load without errors as %s:\n%s", what,
		    syntax_name[syn], text);
	char *dump = dump_of(p);
	if (as >= 0) {
		*printed = print_as((enum fuzz_syntax)as, root, NULL);
		FUZZ_ASSERT(*printed, "%s does not print as %s", what, syntax_name[as]);
	}
	arena_free(&a);
	return dump;
}

/* res_check against every declared target, without errors. */
static bool checks_clean(struct ast_program *p, struct arena *a, struct diag *d)
{
	const struct target_caps **caps = arena_alloc(a, target_count() * sizeof *caps);
	size_t n = target_declared_caps(p, caps);
	return res_check(p, caps, n, a, d) && d->errors == 0;
}

/* fmt: canonical text parses cleanly and is a fixed point. */
static void check_fmt(const struct doc_node *root, const struct dsl_comments *comments)
{
	char *once = dsl_print(root, comments);
	FUZZ_ASSERT(once, "fmt prints nothing");
	struct arena a;
	struct diag d;
	struct dsl_comments again = { 0 };
	const struct source *src;
	arena_init(&a);
	diag_init(&d, &a);
	struct doc_node *root2 = fuzz_parse(FUZZ_DSL, once, strlen(once), &a, &d, &again, &src);
	FUZZ_ASSERT(root2 && d.errors == 0, "fmt output does not parse:\n%s", once);
	char *twice = dsl_print(root2, &again);
	FUZZ_ASSERT(twice && strcmp(once, twice) == 0,
		    "fmt is not idempotent:\n--- once\n%s--- twice\n%s", once, twice ? twice : "");
	free(twice);
	free(once);
	arena_free(&a);
}

static void round_trip(enum fuzz_syntax syn, const uint8_t *data, size_t size)
{
	struct arena a;
	struct diag d;
	struct dsl_comments comments = { 0 };
	const struct source *src;
	arena_init(&a);
	diag_init(&d, &a);
	struct doc_node *root = fuzz_parse(syn, (const char *)data, size, &a, &d,
					   syn == FUZZ_DSL ? &comments : NULL, &src);
	if (root && d.errors == 0 && syn == FUZZ_DSL)
		check_fmt(root, &comments);
	struct ast_program *p = root && d.errors == 0 ?
		bind_program(root, src, target_set(), &a, &d) : NULL;
	char *dump0 = p && d.errors == 0 ? dump_of(p) : NULL;
	if (dump0 && !checks_clean(p, &a, &d)) {
		free(dump0);
		dump0 = NULL;
	}
	if (dump0) {
		enum fuzz_syntax other = syn == FUZZ_DSL ? FUZZ_YAML : FUZZ_DSL;
		char *conv = print_as(other, root, NULL);
		FUZZ_ASSERT(conv, "convert to %s fails", syntax_name[other]);
		char *back = NULL, *canon = NULL;
		char *dump1 = reload(other, conv, "convert's output", syn, &back);
		FUZZ_ASSERT(strcmp(dump0, dump1) == 0,
			    "convert to %s changes the program:\n%s\n--- before\n%s\n--- after\n%s",
			    syntax_name[other], conv, dump0, dump1);
		char *dump2 = reload(syn, back, "convert's output converted back", -1, NULL);
		FUZZ_ASSERT(strcmp(dump0, dump2) == 0, "converting back changes the program:\n%s",
			    back);
		const char *dsl = other == FUZZ_DSL ? conv : back;
		free(reload(FUZZ_DSL, dsl, "convert's DSL", FUZZ_DSL, &canon));
		FUZZ_ASSERT(strcmp(canon, dsl) == 0,
			    "convert's DSL is not canonical:\n--- convert\n%s--- fmt\n%s", dsl, canon);
		free(canon);
		free(dump2);
		free(back);
		free(dump1);
		free(conv);
		free(dump0);
	}
	arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	round_trip(FUZZ_DSL, data, size);
	round_trip(FUZZ_YAML, data, size);
	return 0;
}
