/* Unit test for lint/registry.c: the list holds exactly the rules of
 * lint/rules/ (each file NAME.c is the rule named NAME with '-' for '_'),
 * sorted by code, codes and names unique, codes in lint's ranges, every
 * rule with a summary, a hook (but IVR500, which the engine reports) and an
 * embedded page. The folder is read at test time: IVRC_SRCDIR comes from
 * the Makefile. One PASS/FAIL line per check. */
#include "lint/engine.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

#ifndef IVRC_SRCDIR
#define IVRC_SRCDIR "."
#endif

/* "unreachable_step.c" -> "unreachable-step"; NULL for other files. */
static char *rule_name_of(const char *file)
{
	size_t n = strlen(file);
	if (n < 3 || strcmp(file + n - 2, ".c") != 0)
		return NULL;
	char *s = strndup(file, n - 2);
	for (char *c = s; *c; c++)
		if (*c == '_')
			*c = '-';
	return s;
}

static bool has_hook(const struct lint_rule *r)
{
	return r->program || r->menu || r->announcement || r->voicemail || r->flow || r->step ||
	       r->broadcast || r->recording || r->endpoint;
}

static bool lint_range(unsigned code)
{
	return (code >= 300 && code < 400) || (code >= 440 && code < 470) ||
	       (code >= 500 && code < 600);
}

static void test_folder(void)
{
	const char *dir = IVRC_SRCDIR "/lint/rules";
	DIR *d = opendir(dir);
	check(d != NULL, "lint/rules can be read", dir);
	if (!d)
		return;
	size_t files = 0;
	struct dirent *e;
	char what[256];
	while ((e = readdir(d))) {
		char *name = rule_name_of(e->d_name);
		if (!name)
			continue;
		files++;
		snprintf(what, sizeof what, "lint/rules/%.200s is in the registry", e->d_name);
		check(lint_rule_by_name(name) != NULL, what, "no rule of that name in lint/registry.c");
		free(name);
	}
	closedir(d);
	snprintf(what, sizeof what, "%zu files, %zu rules", files, lint_registry_count);
	check(files == lint_registry_count, "the registry lists every file and nothing else",
	      what);
}

static void test_list(void)
{
	bool sorted = true, names = true, ranges = true, fields = true, docs = true;
	char detail[256] = "";
	for (size_t i = 0; i < lint_registry_count; i++) {
		const struct lint_rule *r = lint_registry[i];
		if (i > 0 && lint_registry[i - 1]->code >= r->code) {
			sorted = false;
			snprintf(detail, sizeof detail, "IVR%03u after IVR%03u", r->code,
				 lint_registry[i - 1]->code);
		}
		for (size_t j = 0; j < i; j++)
			names &= strcmp(lint_registry[j]->name, r->name) != 0;
		ranges &= lint_range(r->code);
		fields &= r->name && r->summary && r->summary[0] && r->severity <= SEV_ERROR &&
			  (has_hook(r) || r->code == 500);
		docs &= lint_rule_doc(r->code) != NULL;
		check(lint_rule_by_code(r->code) == r, "lint_rule_by_code finds each rule", r->name);
	}
	check(lint_registry_count >= 25, "at least 25 rules", "");
	check(sorted, "sorted by code, codes unique", detail);
	check(names, "names unique", "");
	check(ranges, "codes in lint's ranges (IVR3xx, IVR440-469, IVR5xx)", "");
	check(fields, "every rule has a name, a summary, a severity and a hook", "");
	check(docs, "every rule has its page docs/rules/IVRxxx.md embedded", "");
	check(lint_rule_by_code(399) == NULL && lint_rule_by_name("no-such-rule") == NULL,
	      "unknown codes and names are not found", "");
}

int main(void)
{
	test_folder();
	test_list();
	return failures ? 1 : 0;
}
