/* Finding the roots under a folder (roots.h). */
#define _DEFAULT_SOURCE        /* d_type */
#include "roots.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../compiler/arena.h"
#include "../compiler/diag.h"
#include "includes.h"

struct found {
	struct arena *a;
	struct includes_cache *cache;   /* told what each folder holds */
	const char **paths;
	size_t n, cap;
	bool unreadable;
};

static bool ivr_file(const char *name)
{
	static const char *const suffixes[] = { ".ivr", ".ivr.yaml", ".ivr.yml" };
	size_t n = strlen(name);
	for (size_t i = 0; i < 3; i++) {
		size_t m = strlen(suffixes[i]);
		if (n > m && strcmp(name + n - m, suffixes[i]) == 0)
			return true;
	}
	return false;
}

/* The IVR files under dir, hidden names left out; a link to a folder is
 * not followed (no loops). */
static void walk(struct found *f, const char *dir, bool say, bool real)
{
	DIR *d = opendir(dir);
	if (!d) {
		if (say)
			fprintf(stderr, "ivrc: %s: cannot read the folder\n", dir);
		f->unreadable = true;
		return;
	}
	struct dirent *e;
	const char **names = NULL;
	size_t nnames = 0, capnames = 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		const char *name = arena_strdup(f->a, e->d_name);
		ARENA_PUSH(f->a, names, nnames, capnames, name);
		const char *path = arena_printf(f->a, "%s/%s", dir, e->d_name);
		/* The entry's type, without a stat where readdir gives it; a
		 * link to a folder is not followed (no loops). */
		bool folder = e->d_type == DT_DIR, file = e->d_type == DT_REG;
		if (e->d_type == DT_LNK || e->d_type == DT_UNKNOWN) {
			struct stat st, lst;
			if (lstat(path, &lst) != 0 || stat(path, &st) != 0)
				continue;
			folder = S_ISDIR(st.st_mode) && !S_ISLNK(lst.st_mode);
			file = S_ISREG(st.st_mode);
		}
		if (folder)
			walk(f, path, say, true);
		else if (file && ivr_file(e->d_name))
			ARENA_PUSH(f->a, f->paths, f->n, f->cap, path);
	}
	closedir(d);
	includes_folder(f->cache, dir, names, nnames, real);
}

static int by_path(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The keys (includes_key) of what path (whose key is `key`) includes: its
 * own includes, and its environments' files; and whether it holds a root's
 * keys. Parse errors are the check's to report, later. */
static bool includes_of(struct includes_cache *cache, struct arena *a, const char *path,
			const char *key, const char ***keys, size_t *n, size_t *cap)
{
	/* Read as a part (and kept: the check of the roots that include it
	 * reads it from the cache); its findings are the check's to give. */
	struct diag ignored;
	diag_init(&ignored, a);
	const char *err;
	const struct ast_program *p = includes_part(cache, path, key, &ignored, &err, NULL);
	/* The files of its environments count as included: not roots. */
	size_t nenvs = p ? p->nenvs : 0, nall = p ? p->nincludes + nenvs : 0;
	for (size_t i = 0; i < nall; i++) {
		const struct ast_include *inc = i < p->nincludes ? &p->includes[i] :
						&p->envs[i - p->nincludes].file;
		if (!inc->path)
			continue;
		const char **paths, *pattern;
		size_t m = includes_paths(cache, path, inc, &paths, &pattern);
		for (size_t k = 0; k < m; k++) {
			const char *inc_key = includes_key(cache, paths[k]);
			if (inc_key)
				ARENA_PUSH(a, *keys, *n, *cap, inc_key);
		}
	}
	return p && p->has_header;
}

struct file {
	const char *path, *key;
	const char **includes;     /* their keys */
	size_t nincludes, cap;
	bool named;                /* it holds a root's keys (name, targets, ...) */
	bool included, reached;
};

struct files {
	struct file *all;          /* in path order */
	struct file **by_key;      /* the same, sorted by key */
	size_t n;
};

struct roots_here {
	struct files fs;
	bool scanned;              /* the working folder holds IVR files */
};

static int by_key(const void *x, const void *y)
{
	return strcmp((*(struct file *const *)x)->key, (*(struct file *const *)y)->key);
}

static struct file *find(const struct files *fs, const char *key)
{
	struct file probe = { .key = key }, *k = &probe;
	struct file **hit = bsearch(&k, fs->by_key, fs->n, sizeof k, by_key);
	return hit ? *hit : NULL;
}

/* Marks f, what it includes, and what they include, as reached (an
 * explicit stack: no recursion on the files' depth). */
static void reach(struct arena *a, const struct files *fs, struct file *f)
{
	struct file **stack = NULL;
	size_t top = 0, cap = 0;
	f->reached = true;
	ARENA_PUSH(a, stack, top, cap, f);
	while (top > 0) {
		struct file *g = stack[--top];
		for (size_t i = 0; i < g->nincludes; i++) {
			struct file *h = find(fs, g->includes[i]);
			if (h && !h->reached) {
				h->reached = true;
				ARENA_PUSH(a, stack, top, cap, h);
			}
		}
	}
}

/* The IVR files under dir with what each includes, roots marked (not
 * `included`): the files no other includes; then, for files that only a
 * cycle reaches, one of them (the first that names a project, else the
 * first), so that check reports the cycle. false when there are none, or
 * dir cannot be read (said when `say`). */
static bool scan(struct includes_cache *cache, struct arena *a, const char *dir, bool say,
		 struct files *fs)
{
	struct found found = { .a = a, .cache = cache };
	walk(&found, dir, say, false);   /* a folder named may be a link */
	if (found.unreadable)
		return false;
	if (found.n == 0) {
		if (say)
			fprintf(stderr, "ivrc: %s: holds no *.ivr, *.ivr.yaml or *.ivr.yml file\n",
				dir);
		return false;
	}
	qsort(found.paths, found.n, sizeof *found.paths, by_path);
	*fs = (struct files){ arena_alloc(a, found.n * sizeof *fs->all),
			      arena_alloc(a, found.n * sizeof *fs->by_key), found.n };
	for (size_t i = 0; i < fs->n; i++) {
		struct file *f = &fs->all[i];
		const char *key = includes_key(cache, found.paths[i]);
		*f = (struct file){ .path = found.paths[i], .key = key ? key : found.paths[i] };
		f->named = key && includes_of(cache, a, f->path, key, &f->includes, &f->nincludes,
					      &f->cap);
		fs->by_key[i] = f;
	}
	qsort(fs->by_key, fs->n, sizeof *fs->by_key, by_key);
	for (size_t i = 0; i < fs->n; i++)
		for (size_t k = 0; k < fs->all[i].nincludes; k++) {
			struct file *h = find(fs, fs->all[i].includes[k]);
			if (h && h != &fs->all[i])
				h->included = true;
		}
	for (size_t i = 0; i < fs->n; i++)
		if (!fs->all[i].included)
			reach(a, fs, &fs->all[i]);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < fs->n; i++)
			if (fs->all[i].included && !fs->all[i].reached &&
			    (pass || fs->all[i].named)) {
				reach(a, fs, &fs->all[i]);
				fs->all[i].included = false;   /* a root */
			}
	return true;
}

size_t roots_including(struct roots_here **here, struct includes_cache *cache, struct arena *a,
		       const char *key, const char ***out, size_t *n, size_t *cap)
{
	if (!*here) {
		*here = arena_alloc(a, sizeof **here);
		(*here)->scanned = scan(cache, a, ".", false, &(*here)->fs);
	}
	struct files *fs = &(*here)->fs;
	size_t found = 0;
	for (size_t i = 0; (*here)->scanned && i < fs->n; i++) {
		if (fs->all[i].included)
			continue;
		for (size_t k = 0; k < fs->n; k++)
			fs->all[k].reached = false;
		reach(a, fs, &fs->all[i]);
		struct file *f = find(fs, key);
		if (f && f->reached && f != &fs->all[i]) {
			ARENA_PUSH(a, *out, *n, *cap, fs->all[i].path);
			found++;
		}
	}
	return found;
}

bool roots_expand(struct includes_cache *cache, struct arena *a, char **files, int nfiles,
		  char ***out, int *nout)
{
	const char **all = NULL;
	size_t n = 0, cap = 0;
	bool ok = true;
	for (int i = 0; i < nfiles; i++) {
		struct stat st;
		if (strcmp(files[i], "-") == 0 || stat(files[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
			const char *file = files[i];
			ARENA_PUSH(a, all, n, cap, file);
			continue;
		}
		size_t len = strlen(files[i]);
		const char *dir = len > 1 && files[i][len - 1] == '/' ?
				  arena_strndup(a, files[i], len - 1) : files[i];
		struct files fs;
		if (!scan(cache, a, dir, true, &fs)) {
			ok = false;
			continue;
		}
		for (size_t k = 0; k < fs.n; k++)
			if (!fs.all[k].included)
				ARENA_PUSH(a, all, n, cap, fs.all[k].path);
	}
	*out = (char **)all;
	*nout = (int)n;
	return ok;
}
