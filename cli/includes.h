/* A program of several files: the files a root includes (and they include)
 * are read, bound and joined to it, each finding at its own file's place
 * (docs/LANGUAGE.md, "Several files"). */
#ifndef IVRC_INCLUDES_H
#define IVRC_INCLUDES_H
#include "../compiler/ast.h"
#include "../compiler/diag.h"

struct arena;

/* Loads every file p (read from root_path) includes, transitively, and
 * joins their declarations to p; sets p->sources. Errors (a file missing,
 * included twice, in a cycle) go to d, at the include. */
void includes_load(struct ast_program *p, const char *root_path, struct arena *a,
		   struct diag *d);

/* The files an include of the file `from` names (a path, or a glob's
 * matches in sorted order), as paths from here; *pattern: the include's
 * path from here. 0 when none is there. */
size_t includes_paths(struct arena *a, const char *from, const struct ast_include *inc,
		      const char ***paths, const char **pattern);

#endif
