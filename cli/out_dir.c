/* `build -o DIR` (out_dir.h): DIR/T/KIND/NAME.json and DIR/T/bundle.json,
 * all files or none (compiler/outfile.c); the files of objects an earlier
 * build wrote and this one has no more are removed, as the earlier
 * bundle.json lists them (it is the manifest of what ivrc wrote). */
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
	for (size_t i = 0; i < b->count; i++) {
		const struct bundle_object *o = &b->objects[i];
		if (!file_name_ok(o->kind) || !file_name_ok(o->name)) {
			fprintf(stderr, "ivrc: %s: '%s:%s' cannot be a file name\n", dir,
				o->kind ? o->kind : "", o->name ? o->name : "");
			return false;
		}
		const char *kdir = arena_printf(a, "%s/%s", tdir, o->kind);
		if ((err = outfile_mkdir_p(kdir))) {
			fprintf(stderr, "ivrc: %s: cannot create directory '%s': %s\n", dir, kdir,
				strerror(err));
			return false;
		}
		char *text = json_print_line(o->body);
		const char *path = arena_printf(a, "%s/%s.json", kdir, o->name);
		if (text)
			err = outfile_set_stage(set, path, text, strlen(text));
		free(text);
		if (!text || err) {
			fprintf(stderr, "ivrc: %s: cannot write '%s': %s\n", dir, path,
				outfile_error(text ? err : ENOMEM));
			return false;
		}
	}
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

/* The files of the objects that tdir/bundle.json (the last build's) lists
 * and b does not hold: only names that can be file names, so a bundle.json
 * edited by hand cannot point outside tdir. */
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
	const char **keys = arena_alloc(a, (b->count ? b->count : 1) * sizeof *keys);
	for (size_t i = 0; i < b->count; i++)
		keys[i] = arena_printf(a, "%s/%s", b->objects[i].kind, b->objects[i].name);
	qsort(keys, b->count, sizeof *keys, cmp_str);
	struct source *src = source_read(a, path, &err);
	cJSON *last = src ? cJSON_ParseWithLength(src->text, src->len) : NULL;
	const cJSON *o;
	cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(last, "objects")) {
		const cJSON *k = cJSON_GetObjectItemCaseSensitive(o, "kind");
		const cJSON *nm = cJSON_GetObjectItemCaseSensitive(o, "name");
		if (!cJSON_IsString(k) || !cJSON_IsString(nm) || !file_name_ok(k->valuestring) ||
		    !file_name_ok(nm->valuestring))
			continue;
		const char *key = arena_printf(a, "%s/%s", k->valuestring, nm->valuestring);
		if (!bsearch(&key, keys, b->count, sizeof *keys, cmp_str)) {
			const char *f = arena_printf(a, "%s/%s.json", tdir, key);
			ARENA_PUSH(a, out, *n, cap, f);
		}
	}
	cJSON_Delete(last);
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
