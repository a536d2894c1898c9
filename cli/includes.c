/* Joining included files to their root (includes.h). */
#define _XOPEN_SOURCE 700      /* realpath */
#include "includes.h"

#include <glob.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/codes.h"
#include "../grammar/dsl_parser.h"
#include "../grammar/yaml_loader.h"
#include "../targets/target.h"
#include "load.h"

/* A file read for the program: its real path (to tell it again), the path
 * it is shown by, and where it was included from. */
struct member {
	const char *real, *path;
	struct span at;            /* the include that named it (none for the root) */
};

struct includer {
	struct ast_program *root;
	struct arena *a;
	struct diag *d;
	struct member *files;      /* every file read, the root first */
	size_t nfiles, capfiles;
	struct member *chain;      /* from the root to the file being read */
	size_t nchain, capchain;
	size_t capsources;
};

/* Appends n items of src to the array *dst of *ndst (a new array). */
#define JOIN(a, dst, ndst, src, nsrc) do { \
	if (nsrc) { \
		void *joined_ = arena_alloc((a), ((ndst) + (nsrc)) * sizeof *(dst)); \
		if (ndst) \
			memcpy(joined_, (dst), (ndst) * sizeof *(dst)); \
		memcpy((char *)joined_ + (ndst) * sizeof *(dst), (src), (nsrc) * sizeof *(dst)); \
		(dst) = joined_; \
		(ndst) += (nsrc); \
	} \
} while (0)

/* Each declaration's index is its place among its kind in the program
 * (arrays of the checker, lint and the back ends are indexed by it). */
#define RENUMBER(arr, n) do { \
	for (size_t i_ = 0; i_ < (n); i_++) \
		(arr)[i_]->decl.index = (unsigned)i_; \
} while (0)

/* The declarations of an included file join the root's. */
static void join(struct includer *in, const struct ast_program *f)
{
	struct ast_program *p = in->root;
	JOIN(in->a, p->recordings, p->nrecordings, f->recordings, f->nrecordings);
	JOIN(in->a, p->endpoints, p->nendpoints, f->endpoints, f->nendpoints);
	JOIN(in->a, p->menus, p->nmenus, f->menus, f->nmenus);
	JOIN(in->a, p->announcements, p->nannouncements, f->announcements, f->nannouncements);
	JOIN(in->a, p->voicemails, p->nvoicemails, f->voicemails, f->nvoicemails);
	JOIN(in->a, p->broadcasts, p->nbroadcasts, f->broadcasts, f->nbroadcasts);
	JOIN(in->a, p->flows, p->nflows, f->flows, f->nflows);
	JOIN(in->a, p->tests, p->ntests, f->tests, f->ntests);
}

static void renumber(struct ast_program *p)
{
	RENUMBER(p->recordings, p->nrecordings);
	RENUMBER(p->endpoints, p->nendpoints);
	RENUMBER(p->menus, p->nmenus);
	RENUMBER(p->announcements, p->nannouncements);
	RENUMBER(p->voicemails, p->nvoicemails);
	RENUMBER(p->broadcasts, p->nbroadcasts);
	RENUMBER(p->flows, p->nflows);
}

/* The path of an include, as a path from here: relative to the folder of
 * the file that names it. */
static const char *beside(struct arena *a, const char *from, const char *path)
{
	const char *slash = strrchr(from, '/');
	if (path[0] == '/' || !slash || strcmp(from, "-") == 0)
		return path;
	return arena_printf(a, "%.*s/%s", (int)(slash - from), from, path);
}

static const char *where(struct arena *a, struct span at)
{
	struct linecol lc = source_linecol(at.src, at.offset);
	return arena_printf(a, "%s:%u:%u", at.src->path, lc.line, lc.column);
}

static void load_file(struct includer *in, const char *path, const char *real, struct span at);

size_t includes_paths(struct arena *a, const char *from, const struct ast_include *inc,
		      const char ***paths, const char **pattern)
{
	*pattern = beside(a, from, inc->path);
	*paths = NULL;
	glob_t g;
	if (glob(*pattern, GLOB_ERR, NULL, &g) != 0)
		return 0;
	*paths = arena_alloc(a, (g.gl_pathc + 1) * sizeof **paths);
	for (size_t i = 0; i < g.gl_pathc; i++)
		(*paths)[i] = arena_strdup(a, g.gl_pathv[i]);
	size_t n = g.gl_pathc;
	globfree(&g);
	return n;
}

/* The files one include names: a path, or a glob (sorted by glob(3)). */
static void include_one(struct includer *in, const char *from, const struct ast_include *inc)
{
	const char **paths, *pattern;
	size_t n = includes_paths(in->a, from, inc, &paths, &pattern);
	if (n == 0)
		diag_error(in->d, IVR_INCLUDE, inc->span, strpbrk(inc->path, "*?[") ?
			   "no file matches '%s'" : "cannot include '%s': no such file", pattern);
	for (size_t i = 0; i < n; i++) {
		char real[PATH_MAX];
		if (!realpath(paths[i], real)) {
			diag_error(in->d, IVR_INCLUDE, inc->span, "cannot include '%s'", paths[i]);
			continue;
		}
		load_file(in, paths[i], arena_strdup(in->a, real), inc->span);
	}
}

/* Includes nest at most this deep (the reading recurses). */
enum { INCLUDE_MAX_DEPTH = 64 };

/* Reads path (named by the include at `at`) and the files it includes. */
static void load_file(struct includer *in, const char *path, const char *real, struct span at)
{
	if (in->nchain > INCLUDE_MAX_DEPTH) {
		diag_error(in->d, IVR_INCLUDE, at, "includes nest more than %d deep",
			   INCLUDE_MAX_DEPTH);
		return;
	}
	for (size_t i = 0; i < in->nchain; i++) {
		if (strcmp(in->chain[i].real, real) != 0)
			continue;
		const char *cycle = "";
		for (size_t k = i; k < in->nchain; k++)
			cycle = arena_printf(in->a, "%s%s -> ", cycle, in->chain[k].path);
		diag_error(in->d, IVR_INCLUDE, at, "an include cycle: %s%s", cycle, path);
		return;
	}
	for (size_t i = 0; i < in->nfiles; i++) {
		if (strcmp(in->files[i].real, real) == 0) {
			diag_error(in->d, IVR_INCLUDE, at, "'%s' is included twice (also at %s)",
				   path, where(in->a, in->files[i].at));
			return;
		}
	}
	struct member m = { real, path, at };
	ARENA_PUSH(in->a, in->files, in->nfiles, in->capfiles, m);
	const char *err = NULL;
	struct source *src = source_read(in->a, path, &err);
	if (!src) {
		diag_error(in->d, IVR_INCLUDE, at, "cannot include '%s': %s", path, err);
		return;
	}
	src->included = true;
	src->order = (uint32_t)in->root->nsources;
	const struct source *read = src;
	ARENA_PUSH(in->a, in->root->sources, in->root->nsources, in->capsources, read);
	struct ast_program *f = load_is_dsl(path, NULL) ?
		dsl_parse_program(src, target_set(), in->a, in->d) :
		yaml_load_program(src, target_set(), in->a, in->d);
	if (!f)
		return;
	join(in, f);
	ARENA_PUSH(in->a, in->chain, in->nchain, in->capchain, m);
	for (size_t i = 0; i < f->nincludes; i++)
		include_one(in, path, &f->includes[i]);
	in->nchain--;
}

void includes_load(struct ast_program *p, const char *root_path, struct arena *a,
		   struct diag *d)
{
	struct includer in = { .root = p, .a = a, .d = d, .capsources = 1 };
	char real[PATH_MAX];
	const char *root_real = strcmp(root_path, "-") != 0 && realpath(root_path, real) ?
				arena_strdup(a, real) : root_path;
	p->sources = arena_alloc(a, sizeof *p->sources);
	p->sources[0] = p->src;
	p->nsources = 1;
	if (!p->nincludes)
		return;
	/* The root is in the chain (including it is a cycle), not in files. */
	struct member m = { root_real, root_path, { 0 } };
	ARENA_PUSH(a, in.chain, in.nchain, in.capchain, m);
	for (size_t i = 0; i < p->nincludes; i++)
		include_one(&in, root_path, &p->includes[i]);
	renumber(p);
}
