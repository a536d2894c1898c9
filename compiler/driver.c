/* The commands behind the CLI (see driver.h). One arena and one list of
 * findings per run; findings are printed once, at the end. */
#include "driver.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cJSON.h>

#include "../backends/backend.h"
#include "../backends/link.h"
#include "../grammar/bind.h"
#include "arena.h"
#include "codes.h"
#include "load.h"
#include "outfile.h"
#include "resolve.h"

struct run {
	const struct driver_opts *o;
	struct arena arena;
	struct diag diag;
	bool usage_error;          /* an I/O or usage error was printed */
};

static void run_init(struct run *r, const struct driver_opts *o)
{
	r->o = o;
	r->usage_error = false;
	arena_init(&r->arena);
	diag_init(&r->diag, &r->arena);
}

/* Prints the findings; returns the exit status of the run. */
static int run_finish(struct run *r)
{
	diag_sort(&r->diag);
	struct diag_print_opts po = { r->o->format, false };
	FILE *out = r->o->format == DIAG_JSON ? stdout : stderr;
	po.color = r->o->format == DIAG_TEXT && isatty(fileno(out)) && !getenv("NO_COLOR");
	diag_print(&r->diag, out, &po);
	int status = r->usage_error ? EXIT_USAGE : r->diag.errors ? EXIT_INPUT : EXIT_CLEAN;
	arena_free(&r->arena);
	return status;
}

/* Reads and binds one file; NULL after reporting why. */
static struct ast_program *load(struct run *r, const char *path)
{
	struct loaded in;
	if (!load_document(path, r->o->syntax, false, &r->arena, &r->diag, &in)) {
		r->usage_error = true;
		return NULL;
	}
	return in.root ? bind_program(in.root, in.src, &r->arena, &r->diag) : NULL;
}

/* The capability tables of the targets the file declares. */
static size_t declared_caps(const struct ast_program *p, const struct target_caps **out)
{
	size_t n = 0;
	for (int t = 0; t < TARGET_COUNT; t++)
		if (p->targets[t].present && backend_for((enum target)t))
			out[n++] = backend_for((enum target)t)->caps;
	return n;
}

int driver_check(const struct driver_opts *o, char **files, int nfiles)
{
	struct run r;
	run_init(&r, o);
	for (int i = 0; i < nfiles; i++) {
		struct ast_program *p = load(&r, files[i]);
		if (!p)
			continue;
		const struct target_caps *caps[TARGET_COUNT];
		res_check(p, caps, declared_caps(p, caps), &r.arena, &r.diag);
	}
	return run_finish(&r);
}

/* ---------- build ---------- */

static cJSON *read_state(struct run *r, const char *path)
{
	const char *err = NULL;
	struct source *src = source_read(&r->arena, path, &err);
	if (!src) {
		fprintf(stderr, "ivrc: %s: %s\n", path, err);
		r->usage_error = true;
		return NULL;
	}
	const char *end = NULL;
	cJSON *state = cJSON_ParseWithLengthOpts(src->text, src->len, &end, false);
	if (!state) {
		size_t at = end ? (size_t)(end - src->text) : 0;
		struct linecol lc = source_linecol(src, (uint32_t)at);
		fprintf(stderr, "ivrc: %s:%u:%u: not a valid JSON state file\n", path, lc.line,
			lc.column);
		r->usage_error = true;
	}
	return state;
}

/* cJSON_Print and a newline, in the arena; NULL when out of memory. */
static const char *json_text(struct arena *a, const cJSON *json)
{
	char *text = cJSON_Print(json);
	if (!text)
		return NULL;
	const char *s = arena_printf(a, "%s\n", text);
	cJSON_free(text);
	return s;
}

/* ---------- -o DIR: DIR/T/KIND/NAME.json and DIR/T/bundle.json ---------- */

/* Names come from the binder ([A-Za-z_][A-Za-z0-9_-]*); checked again
 * because they become file names. */
static bool file_name_ok(const char *s)
{
	return s && s[0] && s[0] != '.' && !strchr(s, '/');
}

/* Stages every file of the output; false after printing why. */
static bool stage_outputs(struct run *r, const struct bundle *b, const char *bundle_text,
			  struct outfile_set *set)
{
	struct arena *a = &r->arena;
	const char *dir = r->o->out_dir;
	const char *tdir = arena_printf(a, "%s/%s", dir, ast_target_names[b->target]);
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
		const char *text = json_text(a, o->body);
		const char *path = arena_printf(a, "%s/%s.json", kdir, o->name);
		if (!text || (err = outfile_set_stage(set, path, text, strlen(text)))) {
			fprintf(stderr, "ivrc: %s: cannot write '%s': %s\n", dir, path,
				strerror(text ? err : ENOMEM));
			return false;
		}
	}
	/* Last, so that a reader who sees the new bundle sees every body too. */
	const char *path = arena_printf(a, "%s/bundle.json", tdir);
	if ((err = outfile_set_stage(set, path, bundle_text, strlen(bundle_text)))) {
		fprintf(stderr, "ivrc: %s: cannot write '%s': %s\n", dir, path, strerror(err));
		return false;
	}
	return true;
}

/* All files or none: staged first, renamed into place only when all are. */
static bool write_outputs(struct run *r, const struct bundle *b, const char *bundle_text)
{
	struct outfile_set set;
	outfile_set_init(&set, &r->arena);
	if (!stage_outputs(r, b, bundle_text, &set)) {
		outfile_set_abort(&set);
		return false;
	}
	int err = outfile_set_commit(&set);
	if (err)
		fprintf(stderr, "ivrc: %s: cannot write '%s': %s\n", r->o->out_dir, set.failed,
			strerror(err));
	return err == 0;
}

static bool to_stdout(const struct driver_opts *o)
{
	return !o->out_dir || strcmp(o->out_dir, "-") == 0;
}

/* Prints the bundle, or writes it under -o DIR; false after printing why. */
static bool emit_bundle(struct run *r, const struct bundle *b)
{
	cJSON *json = link_render(b);
	const char *text = json_text(&r->arena, json);
	cJSON_Delete(json);
	if (text && !to_stdout(r->o))
		return write_outputs(r, b, text);
	if (text && fputs(text, stdout) >= 0 && fflush(stdout) == 0)
		return true;
	fprintf(stderr, "ivrc: cannot write the bundle: %s\n", strerror(text ? errno : ENOMEM));
	return false;
}

static int lower_and_print(struct run *r, const struct backend *be,
			   const struct ast_program *p)
{
	struct bundle b;
	bundle_init(&b, &r->arena, be->target, p->name);
	be->lower(p, &b, &r->diag);
	if (r->diag.errors == 0) {
		link_order(&b);
		cJSON *state = r->o->state ? read_state(r, r->o->state) : NULL;
		if (state && !link_fill(&b, state)) {
			fprintf(stderr, "ivrc: %s: not an ivrc state file (version %d)\n",
				r->o->state, LINK_STATE_VERSION);
			r->usage_error = true;
		}
		cJSON_Delete(state);
		if (!r->usage_error && !emit_bundle(r, &b))
			r->usage_error = true;
	}
	bundle_free(&b);
	return run_finish(r);
}

static bool target_by_name(const char *name, enum target *out)
{
	for (int t = 0; t < TARGET_COUNT; t++) {
		if (strcmp(ast_target_names[t], name) == 0) {
			*out = (enum target)t;
			return true;
		}
	}
	return false;
}

int driver_build(const struct driver_opts *o, const char *file)
{
	enum target t;
	if (!target_by_name(o->target, &t)) {
		const char *hint = diag_suggest(o->target, ast_target_names, TARGET_COUNT);
		fprintf(stderr, "ivrc: unknown target '%s'%s%s%s\n", o->target,
			hint ? "; did you mean '" : "", hint ? hint : "", hint ? "'?" : "");
		return EXIT_USAGE;
	}
	const struct backend *be = backend_for(t);
	if (!be || !be->lower) {
		fprintf(stderr, "ivrc: the %s back end is not built yet\n", o->target);
		return EXIT_USAGE;
	}
	if (o->out_dir && !o->out_dir[0]) {
		fprintf(stderr, "ivrc: -o needs a directory name, or - for standard output\n");
		return EXIT_USAGE;
	}
	struct run r;
	run_init(&r, o);
	struct ast_program *p = load(&r, file);
	if (!p)
		return run_finish(&r);
	if (!p->targets[t].present) {
		diag_error(&r.diag, IVR_UNDECLARED_TARGET,
			   p->targets_span.src ? p->targets_span : span_make(p->src, 0, 0),
			   "target '%s' is not declared in 'targets'", o->target);
		return run_finish(&r);
	}
	const struct target_caps *caps = be->caps;
	if (!res_check(p, &caps, 1, &r.arena, &r.diag) || r.diag.errors)
		return run_finish(&r);
	return lower_and_print(&r, be, p);
}
