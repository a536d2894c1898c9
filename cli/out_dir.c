/* `build -o DIR` (out_dir.h): DIR/T/KIND/NAME.json, DIR/T/calendars/NAME.json
 * (what a clock endpoint serves) and DIR/T/bundle.json, all files or none
 * (compiler/outfile.c); the files of objects and calendars an earlier build
 * wrote and this one has no more are removed, as the earlier bundle.json
 * lists them (it is the manifest of what ivrc wrote). */
#include "out_dir.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cJSON.h>

#include "../compiler/arena.h"
#include "../compiler/outfile.h"
#include "../compiler/source.h"
#include "../targets/target.h"
#include "run.h"

/* cJSON_Print and a newline; the caller frees it (free). NULL when
 * out of memory. The newline goes on in place: a bundle can be many times
 * the size of its input, and a copy would double that at the peak. */
static char *json_print_line(const cJSON *json)
{
	char *text = cJSON_Print(json);
	if (!text)
		return NULL;
	size_t n = strlen(text);
	/* cJSON allocates with malloc unless cJSON_InitHooks says otherwise, and
	 * ivrc never does: realloc may take its buffer. */
	char *grown = realloc(text, n + 2);
	if (!grown) {
		cJSON_free(text);
		return NULL;
	}
	grown[n] = '\n';
	grown[n + 1] = '\0';
	return grown;
}

/* Names come from the binder ([A-Za-z_][A-Za-z0-9_-]*); checked again
 * because they become file names. */
static bool file_name_ok(const char *s)
{
	return s && s[0] && s[0] != '.' && !strchr(s, '/');
}

/* The name a calendar of the bundle is written under ("" when none). */
static const char *calendar_name(const cJSON *cal)
{
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(cal, "calendar");
	return cJSON_IsString(n) ? n->valuestring : "";
}

/* Stages tdir/KIND/NAME.json holding json; false after printing why. */
static bool stage_file(struct cli_run *r, const char *dir, const char *tdir, const char *kind,
		       const char *name, const cJSON *json, struct outfile_set *set)
{
	struct arena *a = &r->arena;
	if (!file_name_ok(kind) || !file_name_ok(name)) {
		fprintf(stderr, "ivrc: %s: '%s:%s' cannot be a file name\n", dir,
			kind ? kind : "", name ? name : "");
		return false;
	}
	const char *kdir = arena_printf(a, "%s/%s", tdir, kind);
	int err = outfile_mkdir_p(kdir);
	if (err) {
		fprintf(stderr, "ivrc: %s: cannot create directory '%s': %s\n", dir, kdir,
			strerror(err));
		return false;
	}
	char *text = json_print_line(json);
	const char *path = arena_printf(a, "%s/%s.json", kdir, name);
	if (text)
		err = outfile_set_stage(set, path, text, strlen(text));
	free(text);
	if (!text || err) {
		fprintf(stderr, "ivrc: %s: cannot write '%s': %s\n", dir, path,
			outfile_error(text ? err : ENOMEM));
		return false;
	}
	return true;
}

/* Stages every file of the output; false after printing why. */
static bool stage_outputs(struct cli_run *r, const char *dir, const struct bundle *b,
			  const char *bundle_text,
			  struct outfile_set *set)
{
	struct arena *a = &r->arena;
	const char *tdir = arena_printf(a, "%s/%s", dir, b->target->caps.name);
	int err = outfile_mkdir_p(tdir);
	if (err) {
		fprintf(stderr, "ivrc: %s: cannot create directory '%s': %s\n", dir, tdir,
			strerror(err));
		return false;
	}
	for (size_t i = 0; i < b->count; i++)
		if (!stage_file(r, dir, tdir, b->objects[i].kind, b->objects[i].name,
				b->objects[i].body, set))
			return false;
	const cJSON *cal;
	cJSON_ArrayForEach(cal, b->calendars)
		if (!stage_file(r, dir, tdir, "calendars", calendar_name(cal), cal, set))
			return false;
	/* Last, so that a reader who sees the new bundle sees every body too. */
	const char *path = arena_printf(a, "%s/bundle.json", tdir);
	if ((err = outfile_set_stage(set, path, bundle_text, strlen(bundle_text)))) {
		fprintf(stderr, "ivrc: %s: cannot write '%s': %s\n", dir, path, outfile_error(err));
		return false;
	}
	return true;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The files of the objects and calendars that tdir/bundle.json (the last
 * build's) lists and b does not hold: only names that can be file names, so
 * a bundle.json edited by hand cannot point outside tdir. */
static const char **stale_files(struct cli_run *r, const char *tdir, const struct bundle *b,
				size_t *n)
{
	struct arena *a = &r->arena;
	const char *err, **out = NULL;
	size_t cap = 0;
	*n = 0;
	const char *path = arena_printf(a, "%s/bundle.json", tdir);
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return NULL;
	size_t nkeys = b->count + (size_t)cJSON_GetArraySize(b->calendars);
	const char **keys = arena_alloc(a, (nkeys ? nkeys : 1) * sizeof *keys);
	for (size_t i = 0; i < b->count; i++)
		keys[i] = arena_printf(a, "%s/%s", b->objects[i].kind, b->objects[i].name);
	size_t k = b->count;
	const cJSON *o;
	cJSON_ArrayForEach(o, b->calendars)
		keys[k++] = arena_printf(a, "calendars/%s", calendar_name(o));
	qsort(keys, nkeys, sizeof *keys, cmp_str);
	struct source *src = source_read(a, path, &err);
	cJSON *last = src ? cJSON_ParseWithLength(src->text, src->len) : NULL;
	const char **old = NULL;
	size_t nold = 0, capold = 0;
	cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(last, "objects")) {
		const cJSON *kind = cJSON_GetObjectItemCaseSensitive(o, "kind");
		const cJSON *nm = cJSON_GetObjectItemCaseSensitive(o, "name");
		if (!cJSON_IsString(kind) || !cJSON_IsString(nm) ||
		    !file_name_ok(kind->valuestring) || !file_name_ok(nm->valuestring))
			continue;
		const char *key = arena_printf(a, "%s/%s", kind->valuestring, nm->valuestring);
		ARENA_PUSH(a, old, nold, capold, key);
	}
	cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(last, "calendars")) {
		if (!file_name_ok(calendar_name(o)))
			continue;
		const char *key = arena_printf(a, "calendars/%s", calendar_name(o));
		ARENA_PUSH(a, old, nold, capold, key);
	}
	cJSON_Delete(last);
	for (size_t i = 0; i < nold; i++)
		if (!bsearch(&old[i], keys, nkeys, sizeof *keys, cmp_str)) {
			const char *f = arena_printf(a, "%s/%s.json", tdir, old[i]);
			ARENA_PUSH(a, out, *n, cap, f);
		}
	return out;
}

bool out_dir_write(struct cli_run *r, const char *dir, const struct bundle *b,
		   const char *bundle_text)
{
	size_t nstale;
	const char *tdir = arena_printf(&r->arena, "%s/%s", dir, b->target->caps.name);
	const char **stale = stale_files(r, tdir, b, &nstale);
	struct outfile_set set;
	outfile_set_init(&set, &r->arena);
	if (!stage_outputs(r, dir, b, bundle_text, &set)) {
		outfile_set_abort(&set);
		return false;
	}
	int err = outfile_set_commit(&set);
	if (err) {
		fprintf(stderr, "ivrc: %s: cannot write '%s': %s\n", dir, set.failed,
			outfile_error(err));
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i < nstale; i++) {
		if (unlink(stale[i]) == 0 || errno == ENOENT)
			continue;
		fprintf(stderr, "ivrc: %s: cannot remove '%s', whose object the file no longer "
			"declares: %s\n", dir, stale[i], strerror(errno));
		ok = false;
	}
	return ok;
}
