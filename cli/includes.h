/* A program of several files: the files a root includes (and they include)
 * are read, bound and joined to it, each finding at its own file's place
 * (docs/LANGUAGE.md, "Several files"). */
#ifndef IVRC_INCLUDES_H
#define IVRC_INCLUDES_H
#include "../compiler/ast.h"
#include "../compiler/diag.h"

struct arena;

/* The files read as parts of programs in one call, by real path: each is
 * read and bound once, however many roots include it (the findings of its
 * reading are given again to each). */
struct includes_cache;
struct includes_cache *includes_cache_new(struct arena *a);

/* What tells a file from any other however it is named ("DEV:INODE": one
 * stat, where realpath(3) reads every link of the path; asked once a
 * path in a call); NULL when path is not there. */
const char *includes_key(struct includes_cache *c, const char *path);

/* The text of the file at path, read once a call (c: NULL, or the
 * call's): a record of its own, in a, over the text; NULL when it cannot
 * be read (*err says why). */
struct source *includes_source(struct includes_cache *c, struct arena *a, const char *path,
			       const char **err);

/* The file at path (whose includes_key is `key`) bound as a part, from the cache or
 * read now, and its source (src may be NULL); its findings go to d. NULL
 * when it could not be read (*err says why) or did not bind. */
const struct ast_program *includes_part(struct includes_cache *c, const char *path,
					const char *key, struct diag *d, const char **err,
					struct source **src);

/* Loads every file p (read from root_path) includes, transitively, and
 * joins their declarations to p; sets p->sources. Errors (a file missing,
 * included twice, in a cycle) go to d, at the include. cache: NULL, or
 * the call's. */
void includes_load(struct ast_program *p, const char *root_path, struct arena *a,
		   struct diag *d, struct includes_cache *cache);

/* A path written in the file `from` (relative to its folder), as a path
 * from here. */
const char *includes_beside(struct arena *a, const char *from, const char *path);

/* What the folder scan (roots.c) read of folder dir: its names, hidden
 * ones left out. A glob in that folder is answered from them, as glob(3)
 * would (fnmatch, sorted), without reading the folder again. real: dir was
 * found as an entry that is no link (not a folder named on the command
 * line, which may be one), so that "dir/.." may be shortened to the path
 * before it. */
void includes_folder(struct includes_cache *c, const char *dir, const char *const *names,
		     size_t n, bool real);

/* The files an include of the file `from` names (a path, or a glob's
 * matches in sorted order, globbed once a call), as paths from here;
 * *pattern: the include's path from here. 0 when none is there. */
size_t includes_paths(struct includes_cache *c, const char *from, const struct ast_include *inc,
		      const char ***paths, const char **pattern);

#endif
