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
#include "../grammar/yaml_loader.h"
#include "arena.h"
#include "codes.h"
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

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static const char *syntax_of(const struct driver_opts *o, const char *path)
{
	if (o->syntax)
		return o->syntax;
	return has_suffix(path, ".ivr") ? "dsl" : "yaml";
}

/* Reads and binds one file; NULL after reporting why. */
static struct ast_program *load(struct run *r, const char *path)
{
	const char *err = NULL;
	struct stat st;
	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		fprintf(stderr, "ivrc: %s: is a directory\n", path);
		r->usage_error = true;
		return NULL;
	}
	struct source *src = source_read(&r->arena, path, &err);
	if (!src) {
		fprintf(stderr, "ivrc: %s: %s\n", path, err);
		r->usage_error = true;
		return NULL;
	}
	if (strcmp(syntax_of(r->o, path), "dsl") == 0) {
		fprintf(stderr, "ivrc: %s: the DSL front end is not built yet; use YAML\n", path);
		r->usage_error = true;
		return NULL;
	}
	struct doc_node *root = yaml_load(src, &r->arena, &r->diag);
	return root ? bind_program(root, src, &r->arena, &r->diag) : NULL;
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

static bool print_bundle(const struct bundle *b)
{
	cJSON *json = link_render(b);
	char *text = cJSON_Print(json);
	cJSON_Delete(json);
	if (!text)
		return false;
	bool ok = fputs(text, stdout) >= 0 && fputc('\n', stdout) != EOF;
	cJSON_free(text);
	return ok;
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
		if (!r->usage_error && !print_bundle(&b)) {
			fprintf(stderr, "ivrc: cannot write the bundle: %s\n", strerror(errno));
			r->usage_error = true;
		}
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
	if (o->out_dir && strcmp(o->out_dir, "-") != 0) {
		fprintf(stderr, "ivrc: -o DIR is not supported yet; use -o - (standard output)\n");
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
