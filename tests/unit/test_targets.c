/* Unit test for the registry of targets (targets/registry.c): its list
 * against the folders of targets/ and the sections of docs/TARGETS.md, and
 * each struct target whole (docs/ARCHITECTURE.md, "Adding a target"). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "compiler/arena.h"
#include "grammar/bind.h"
#include "targets/import.h"
#include "targets/push_impl.h"
#include "targets/target.h"

#include "check.h"

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (s && fread(s, 1, (size_t)n, f) == (size_t)n)
		s[n] = '\0';
	else
		s = (free(s), NULL);
	fclose(f);
	return s;
}

/* Every folder of targets/ with a target.c is in the registry. */
static void test_folders_listed(void)
{
	DIR *dir = opendir(IVRC_SRCDIR "/targets");
	check(dir != NULL, "targets/ can be listed", IVRC_SRCDIR "/targets");
	size_t folders = 0;
	for (struct dirent *e; dir && (e = readdir(dir));) {
		char path[512], what[300];
		snprintf(path, sizeof path, IVRC_SRCDIR "/targets/%s/target.c", e->d_name);
		if (e->d_name[0] == '.' || !is_file(path))
			continue;
		folders++;
		snprintf(what, sizeof what, "targets/%s/ is in the registry", e->d_name);
		check(target_named(e->d_name, NULL) != NULL, what, "add it to targets/registry.c");
	}
	if (dir)
		closedir(dir);
	char detail[64];
	snprintf(detail, sizeof detail, "%zu folders, %zu targets", folders, target_count());
	check(folders == target_count(), "one folder per target of the registry", detail);
}

/* Each target: its folder, its section in the docs, a whole struct. */
static void test_each_target(const char *docs)
{
	const struct target_set *ts = target_set();
	check(ts->count == target_count(), "target_set has every target", "count differs");
	struct arena a;
	arena_init(&a);
	struct bind_target_keys k = bind_target_keys(ts, &a, true);
	check(k.recording.count == ts->count + 5 && k.menu.count == ts->count + 6 &&
	      k.endpoint.count == ts->count + 1 && k.targets.count == ts->count,
	      "every target has its key in recordings, menus, endpoints and targets",
	      "raise BIND_MAX_FIELDS");
	arena_free(&a);
	for (size_t i = 0; i < target_count(); i++) {
		const struct target *t = target_at(i);
		const char *n = t->caps.name;
		char path[512], what[300], heading[128];
		check(ts->caps[i] == &t->caps, "target_set follows the registry's order", n);
		snprintf(path, sizeof path, IVRC_SRCDIR "/targets/%s/target.c", n);
		snprintf(what, sizeof what, "%s: its folder targets/%s/ has target.c", n, n);
		check(is_file(path), what, path);
		snprintf(heading, sizeof heading, "\n## %s (`%s`)", t->caps.label, n);
		snprintf(what, sizeof what, "%s: docs/TARGETS.md has a section '## %s (`%s`)'", n,
			 t->caps.label, n);
		check(docs && strstr(docs, heading), what, "missing");
		snprintf(what, sizeof what, "%s: the struct target is whole", n);
		check(t->caps.label && t->caps.recording_id_what && t->caps.recording_id_doc &&
		      t->caps.keys && t->lower && t->lowering && t->push && t->import &&
		      t->push->auth.token_env && t->push->auth.missing && t->push->auth.refused &&
		      t->push->judge && t->push->created_id && t->import->convert,
		      what, "a member is missing");
		check(target_named(n, NULL) == t, "target_named finds it", n);
	}
	const char *hint = NULL;
	check(target_named("smartflow", &hint) == NULL && hint && strcmp(hint, "smartflo") == 0,
	      "an unknown name gets the closest as a hint", hint ? hint : "(none)");
}

int main(void)
{
	char *docs = read_text(IVRC_SRCDIR "/docs/TARGETS.md");
	check(docs != NULL, "docs/TARGETS.md can be read", IVRC_SRCDIR "/docs/TARGETS.md");
	test_folders_listed();
	test_each_target(docs);
	free(docs);
	return failures != 0;
}
