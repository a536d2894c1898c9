/* libFuzzer target: `ivrc import` (targets/import.c and each target's import.c) of the input as
 * provider JSON, for each target in turn, then the oracle: what import
 * prints, as YAML and as DSL (with its comment lines), parses without
 * errors, and binds with as many errors in both syntaxes and, without
 * errors, to the same program (ast_dump). (Binding may fail: a body that
 * lacks a field the language requires imports as a file without it.)
 * import_file() reads a path; the input is handed over as a memfd (memory,
 * not a file on disk: /proc/self/fd/N). */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "targets/import.h"
#include "compiler/ast_dump.h"
#include "grammar/expr.h"
#include "grammar/printer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* comment + the document printed in syn; malloc'ed. */
static char *render(enum fuzz_syntax syn, const struct doc_node *root, const char *comment)
{
	char *text = syn == FUZZ_DSL ? dsl_print(root, NULL) : yaml_print(root);
	FUZZ_ASSERT(text, "the imported document does not print as %s",
		    syn == FUZZ_DSL ? "DSL" : "YAML");
	size_t c = strlen(comment), t = strlen(text);
	char *all = malloc(c + t + 1);
	FUZZ_ASSERT(all, "out of memory");
	memcpy(all, comment, c);
	memcpy(all + c, text, t + 1);
	free(text);
	return all;
}

/* Loads text in syn, which must parse without errors, and binds it.
 * Returns the dump, or NULL with *bind_errors set when binding fails. */
static char *load_dump(enum fuzz_syntax syn, const char *text, const char *target,
		       size_t *bind_errors)
{
	struct arena a;
	struct diag d;
	const struct source *src;
	arena_init(&a);
	diag_init(&d, &a);
	struct doc_node *root = fuzz_parse(syn, text, strlen(text), &a, &d, NULL, &src);
	if (!root || d.errors) {
		diag_sort(&d);
		diag_print(&d, stderr, &(struct diag_print_opts){ DIAG_TEXT, false });
	}
	FUZZ_ASSERT(root && d.errors == 0, "import --from %s prints %s that does not parse:\n%s",
		    target, syn == FUZZ_DSL ? "DSL" : "YAML", text);
	struct ast_program *p = bind_program(root, src, target_set(), &a, &d);
	char *s = NULL;
	*bind_errors = d.errors;
	if (p && d.errors == 0) {
		cJSON *j = ast_dump(p);
		s = cJSON_PrintUnformatted(j);
		cJSON_Delete(j);
	}
	arena_free(&a);
	return s;
}

static void import_one(const struct target *t, const char *path)
{
	struct arena a;
	struct diag d;
	struct importer im;
	arena_init(&a);
	diag_init(&d, &a);
	import_init(&im, &a, &d, t, &expr_parsers);
	bool io_ok = import_file(&im, path);
	FUZZ_ASSERT(io_ok, "import cannot read its memfd");
	const char *comment = "";
	struct doc_node *root = d.errors ? NULL : import_finish(&im, &comment);
	if (root && d.errors == 0) {
		const char *name = t->caps.name;
		char *yaml = render(FUZZ_YAML, root, comment), *dsl = render(FUZZ_DSL, root, comment);
		size_t ey, es;
		char *y = load_dump(FUZZ_YAML, yaml, name, &ey), *s = load_dump(FUZZ_DSL, dsl, name, &es);
		FUZZ_ASSERT(ey == es && (!y || strcmp(y, s) == 0),
			    "import --from %s: YAML and DSL differ (%zu and %zu errors):\n%s\n%s",
			    name, ey, es, yaml, dsl);
		free(y);
		free(s);
		free(yaml);
		free(dsl);
	}
	fuzz_print_findings(&d);
	import_free(&im);
	arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz.json", 0);
	FUZZ_ASSERT(fd >= 0, "memfd_create");
	FUZZ_ASSERT(write(fd, data, size) == (ssize_t)size, "write to the memfd");
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	for (size_t i = 0; i < target_count(); i++)
		import_one(target_at(i), path);
	close(fd);
	return 0;
}
