/* Folders on the command line of check and lint: each stands for the
 * root files under it (docs/CLI.md, "check and lint"). */
#ifndef IVRC_ROOTS_H
#define IVRC_ROOTS_H
#include <stdbool.h>
#include <stddef.h>

struct arena;
struct includes_cache;

/* files[0..nfiles) with each folder replaced by the roots under it: the
 * *.ivr, *.ivr.yaml and *.ivr.yml files (outside hidden folders) that no
 * other file there includes, in sorted order. Each file is read into the
 * call's cache (cli/includes.h), so that checking the roots reads their
 * parts no more. false after printing an error: a folder that holds none,
 * or cannot be read. */
bool roots_expand(struct includes_cache *cache, struct arena *a, char **files, int nfiles,
		  char ***out, int *nout);

/* The roots under the working folder that include the file whose key
 * (cli/includes.h) is `key` (transitively), appended to out: what a
 * changed included file re-checks. Returns how many. *here: NULL, then
 * the folder as read once (the caller keeps it for the next file). */
struct roots_here;
size_t roots_including(struct roots_here **here, struct includes_cache *cache, struct arena *a,
		       const char *key, const char ***out, size_t *n, size_t *cap);

#endif
