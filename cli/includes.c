/* Joining included files to their root (includes.h). */
#include "includes.h"

#include <fnmatch.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../compiler/arena.h"
#include "../compiler/codes.h"
#include "../compiler/strmap.h"
#include "../grammar/dsl_parser.h"
#include "../grammar/yaml_loader.h"
#include "../targets/target.h"
#include "load.h"

/* A file read for the program: its key (includes_key: to tell it again),
 * the path it is shown by, and where it was included from. */
struct member {
	const char *key, *path;
	struct span at;            /* the include that named it (none for the root) */
};

struct part {
	const char *key;
	struct source *src;
	const struct ast_program *program;  /* NULL: did not bind */
	const char *err;                    /* could not be read: why */
	struct finding *findings;           /* of its reading */
	size_t nfindings;
};

/* A glob's matches. */
struct matches {
	const char **paths;
	size_t n;
};

/* What the call has asked of the file system, asked once: a folder of 500
 * projects names its shared files, and lists its folders, many times. */
struct includes_cache {
	struct arena *a;
	struct strmap parts;       /* key -> struct part */
	struct strmap keys;        /* path -> its key, or NULL: not there */
	struct strmap globs;       /* pattern -> struct matches */
	struct strmap folders;     /* folder -> struct matches: its names (includes_folder) */
	struct strmap real_dirs;   /* folders whose last part is no link: DIR/.. is their parent */
	struct strmap texts;       /* key -> struct source: each file read once */
};

static const char *identity(struct arena *a, unsigned long long dev, unsigned long long ino)
{
	return arena_printf(a, "%llu:%llu", dev, ino);
}

/* path without each "DIR/.." whose DIR the folder scan found as a folder
 * (an entry that is no link, so that DIR/.. is the path before it): the shared file that 500
 * projects name as p0001/../shared/x is known by one path. NULL when
 * nothing goes. */
static const char *collapsed(struct includes_cache *c, const char *path)
{
	if (!strstr(path, "/../"))
		return NULL;
	size_t n = strlen(path), len = 0, depth = 0;
	char *out = arena_alloc(c->a, n + 1);
	size_t *starts = arena_alloc(c->a, (n / 2 + 2) * sizeof *starts);
	if (path[0] == '/')
		out[len++] = '/';
	size_t base = len;
	bool changed = false;
	for (const char *p = path + base;;) {
		const char *end = strchr(p, '/');
		size_t k = end ? (size_t)(end - p) : strlen(p);
		out[len] = '\0';   /* out: the folder the walk has got to */
		void *known;
		bool up = k == 2 && p[0] == '.' && p[1] == '.';
		if (up && depth && strcmp(out + starts[depth - 1], "..") != 0 &&
		    strcmp(out + starts[depth - 1], ".") != 0 && strmap_get(&c->real_dirs, out, &known)) {
			depth--;
			len = starts[depth] > base ? starts[depth] - 1 : base;
			changed = true;
		} else if (k) {
			if (len > base)
				out[len++] = '/';
			starts[depth++] = len;
			memcpy(out + len, p, k);
			len += k;
		}
		if (!end)
			break;
		p = end + 1;
	}
	out[len] = '\0';
	return changed && len > base ? out : NULL;
}

/* The key comes from the open that reads the file: every file whose key is
 * asked is read next (the folder scan, the includes, the roots), so it is
 * read now, unless another path named it before. */
const char *includes_key(struct includes_cache *c, const char *path)
{
	void *known;
	if (strmap_get(&c->keys, path, &known))
		return known;
	const char *key = NULL, *err;
	struct source_file f;
	struct stat st;
	const char *shorter = collapsed(c, path);
	if (shorter && strcmp(shorter, path) != 0) {
		key = includes_key(c, shorter);
		strmap_put(c->a, &c->keys, arena_strdup(c->a, path), (void *)key);
		return key;
	}
	if (strcmp(path, "-") == 0) {
		key = NULL;
	} else if (source_open(path, &f, &err)) {
		key = identity(c->a, f.dev, f.ino);
		if (strmap_get(&c->texts, key, NULL)) {
			source_close(&f);
		} else {
			/* A file that cannot be read is read again where its
			 * error is reported (includes_source). */
			struct source *src = source_read_open(c->a, path, &f, &err);
			if (src)
				strmap_put(c->a, &c->texts, key, src);
		}
	} else if (!f.missing && stat(path, &st) == 0) {
		/* There, but not to be opened: reading it says why. */
		key = identity(c->a, (unsigned long long)st.st_dev, (unsigned long long)st.st_ino);
	}
	strmap_put(c->a, &c->keys, arena_strdup(c->a, path), (void *)key);
	return key;
}

struct includes_cache *includes_cache_new(struct arena *a)
{
	struct includes_cache *c = arena_alloc(a, sizeof *c);
	memset(c, 0, sizeof *c);
	c->a = a;
	return c;
}

struct source *includes_source(struct includes_cache *c, struct arena *a, const char *path,
			       const char **err)
{
	const char *key = c ? includes_key(c, path) : NULL;
	void *known;
	if (!key)
		return source_read(a, path, err);
	if (!strmap_get(&c->texts, key, &known)) {
		known = source_read(c->a, path, err);
		if (!known)
			return NULL;
		strmap_put(c->a, &c->texts, key, known);
	}
	/* Its own record of the text: the path it is named by here, its own
	 * place in the program and its own cursor. */
	struct source *s = arena_alloc(a, sizeof *s);
	*s = *(const struct source *)known;
	s->path = arena_strdup(a, path);
	s->cursor = arena_alloc(a, sizeof *s->cursor);
	*s->cursor = (struct source_cursor){ 0, 1 };
	return s;
}

const struct ast_program *includes_part(struct includes_cache *c, const char *path,
					const char *key, struct diag *d, const char **err,
					struct source **src)
{
	void *known = NULL;
	struct part *part = strmap_get(&c->parts, key, &known) ? known : NULL;
	if (!part) {
		struct part fresh = { arena_strdup(c->a, key), NULL, NULL, NULL, NULL, 0 };
		struct diag mine;
		diag_init(&mine, c->a);
		mine.max_errors = d->max_errors;
		fresh.src = includes_source(c, c->a, path, &fresh.err);
		if (fresh.src) {
			fresh.src->included = true;
			fresh.program = load_is_dsl(path, NULL) ?
				dsl_parse_program(fresh.src, target_set(), c->a, &mine) :
				yaml_load_program(fresh.src, target_set(), c->a, &mine);
		}
		fresh.findings = mine.items;
		fresh.nfindings = mine.n;
		part = arena_alloc(c->a, sizeof *part);
		*part = fresh;
		strmap_put(c->a, &c->parts, part->key, part);
	}
	for (size_t i = 0; i < part->nfindings; i++) {
		const struct finding *f = &part->findings[i];
		diag_add(d, f->severity, f->code, f->span, "%s", f->message);
	}
	*err = part->err;
	if (src)
		*src = part->src;
	return part->program;
}

struct includer {
	struct ast_program *root;
	struct arena *a;
	struct diag *d;
	struct includes_cache *cache;
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

const char *includes_beside(struct arena *a, const char *from, const char *path)
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

static void load_file(struct includer *in, const char *path, const char *key, struct span at);

void includes_folder(struct includes_cache *c, const char *dir, const char *const *names,
		     size_t n, bool real)
{
	if (real)
		strmap_put(c->a, &c->real_dirs, arena_strdup(c->a, dir), NULL);
	struct matches *m = arena_alloc(c->a, sizeof *m);
	m->paths = arena_alloc(c->a, (n + 1) * sizeof *m->paths);
	for (size_t i = 0; i < n; i++)
		m->paths[i] = arena_strdup(c->a, names[i]);
	m->n = n;
	strmap_put(c->a, &c->folders, arena_strdup(c->a, dir), m);
}

static int by_name(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* A glob whose wildcards are all in its last part, in a folder the scan
 * read: its matches from the names read (glob(3) leaves out hidden names
 * unless the pattern starts with a dot, and sorts; ivrc runs in the C
 * locale, where that order is strcmp's). */
static bool from_folder(struct includes_cache *c, const char *pattern, struct matches *m)
{
	const char *slash = strrchr(pattern, '/');
	if (!slash || slash[1] == '.')
		return false;
	const char *dir = arena_strndup(c->a, pattern, (size_t)(slash - pattern));
	void *known;
	if (strpbrk(dir, "*?[\\") || !strmap_get(&c->folders, dir, &known))
		return false;
	const struct matches *names = known;
	m->paths = arena_alloc(c->a, (names->n + 1) * sizeof *m->paths);
	m->n = 0;
	for (size_t i = 0; i < names->n; i++)
		if (fnmatch(slash + 1, names->paths[i], FNM_PERIOD) == 0)
			m->paths[m->n++] = names->paths[i];
	qsort(m->paths, m->n, sizeof *m->paths, by_name);
	for (size_t i = 0; i < m->n; i++)
		m->paths[i] = arena_printf(c->a, "%s/%s", dir, m->paths[i]);
	return true;
}

size_t includes_paths(struct includes_cache *c, const char *from, const struct ast_include *inc,
		      const char ***paths, const char **pattern)
{
	struct arena *a = c->a;
	*pattern = includes_beside(a, from, inc->path);
	*paths = NULL;
	if (!strpbrk(inc->path, "*?[")) {
		/* A path, not a glob: whether it is there is the caller's to see. */
		*paths = arena_alloc(a, sizeof **paths);
		(*paths)[0] = *pattern;
		return 1;
	}
	void *known;
	if (strmap_get(&c->globs, *pattern, &known)) {
		const struct matches *m = known;
		*paths = m->paths;
		return m->n;
	}
	struct matches *m = arena_alloc(a, sizeof *m);
	glob_t g;
	if (from_folder(c, *pattern, m)) {
		/* answered from the folder scan */
	} else if (glob(*pattern, GLOB_ERR, NULL, &g) == 0) {
		m->paths = arena_alloc(a, (g.gl_pathc + 1) * sizeof *m->paths);
		for (size_t i = 0; i < g.gl_pathc; i++)
			m->paths[i] = arena_strdup(a, g.gl_pathv[i]);
		m->n = g.gl_pathc;
		globfree(&g);
	}
	strmap_put(a, &c->globs, *pattern, m);
	*paths = m->paths;
	return m->n;
}

/* The files one include names: a path, or a glob (sorted by glob(3)). */
static void include_one(struct includer *in, const char *from, const struct ast_include *inc)
{
	const char **paths, *pattern;
	size_t n = includes_paths(in->cache, from, inc, &paths, &pattern);
	if (n == 0)
		diag_error(in->d, IVR_INCLUDE, inc->span, "no file matches '%s'", pattern);
	for (size_t i = 0; i < n; i++) {
		const char *key = includes_key(in->cache, paths[i]);
		if (!key) {
			diag_error(in->d, IVR_INCLUDE, inc->span, "cannot include '%s': no such file",
				   paths[i]);
			continue;
		}
		load_file(in, paths[i], key, inc->span);
	}
}

/* Includes nest at most this deep (the reading recurses). */
enum { INCLUDE_MAX_DEPTH = 64 };

/* Reads path (named by the include at `at`) and the files it includes. */
static void load_file(struct includer *in, const char *path, const char *key, struct span at)
{
	if (in->nchain > INCLUDE_MAX_DEPTH) {
		diag_error(in->d, IVR_INCLUDE, at, "includes nest more than %d deep",
			   INCLUDE_MAX_DEPTH);
		return;
	}
	for (size_t i = 0; i < in->nchain; i++) {
		if (strcmp(in->chain[i].key, key) != 0)
			continue;
		const char *cycle = "";
		for (size_t k = i; k < in->nchain; k++)
			cycle = arena_printf(in->a, "%s%s -> ", cycle, in->chain[k].path);
		diag_error(in->d, IVR_INCLUDE, at, "an include cycle: %s%s", cycle, path);
		return;
	}
	for (size_t i = 0; i < in->nfiles; i++) {
		if (strcmp(in->files[i].key, key) == 0) {
			diag_error(in->d, IVR_INCLUDE, at, "'%s' is included twice (also at %s)",
				   path, where(in->a, in->files[i].at));
			return;
		}
	}
	struct member m = { key, path, at };
	ARENA_PUSH(in->a, in->files, in->nfiles, in->capfiles, m);
	const char *err = NULL;
	struct source *src;
	const struct ast_program *f = includes_part(in->cache, path, key, in->d, &err, &src);
	if (err) {
		diag_error(in->d, IVR_INCLUDE, at, "cannot include '%s': %s", path, err);
		return;
	}
	if (!f)
		return;
	/* Its place in this program (a cached file's: in the last one read). */
	src->order = (uint32_t)in->root->nsources;
	const struct source *read = src;
	ARENA_PUSH(in->a, in->root->sources, in->root->nsources, in->capsources, read);
	join(in, f);
	ARENA_PUSH(in->a, in->chain, in->nchain, in->capchain, m);
	for (size_t i = 0; i < f->nincludes; i++)
		include_one(in, path, &f->includes[i]);
	in->nchain--;
}

void includes_load(struct ast_program *p, const char *root_path, struct arena *a,
		   struct diag *d, struct includes_cache *cache)
{
	struct includer in = { .root = p, .a = a, .d = d, .capsources = 1,
			       .cache = cache ? cache : includes_cache_new(a) };
	const char *root_key = includes_key(in.cache, root_path);
	p->sources = arena_alloc(a, sizeof *p->sources);
	p->sources[0] = p->src;
	p->nsources = 1;
	if (!p->nincludes)
		return;
	/* The root is in the chain (including it is a cycle), not in files. */
	struct member m = { root_key ? root_key : root_path, root_path, { 0 } };
	ARENA_PUSH(a, in.chain, in.nchain, in.capchain, m);
	for (size_t i = 0; i < p->nincludes; i++)
		include_one(&in, root_path, &p->includes[i]);
	renumber(p);
}
