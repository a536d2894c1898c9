/* `build -o DIR` (out_dir.h): DIR/T/KIND/NAME.json and DIR/T/bundle.json,
 * all files or none (compiler/outfile.c). */
#include "out_dir.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/outfile.h"
#include "../targets/target.h"
#include "run.h"

/* cJSON_Print and a newline; the caller frees it (free). NULL when
 * out of memory. The newline goes on in place: a bundle can be many times
 * the size of its input, and a copy would double that at the peak. */
char *json_print_line(const cJSON *json)
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

bool out_dir_write(struct cli_run *r, const char *dir, const struct bundle *b,
		   const char *bundle_text)
{
	struct outfile_set set;
	outfile_set_init(&set, &r->arena);
	if (!stage_outputs(r, dir, b, bundle_text, &set)) {
		outfile_set_abort(&set);
		return false;
	}
	int err = outfile_set_commit(&set);
	if (err)
		fprintf(stderr, "ivrc: %s: cannot write '%s': %s\n", dir, set.failed,
			outfile_error(err));
	return err == 0;
}
