/* What `ivrc paths` prints (docs/CLI.md, "paths"): each path as it is
 * found (text, JSON or CSV; streamed), then a summary per start and target
 * (text and JSON). */
#ifndef IVRC_PATHS_OUT_H
#define IVRC_PATHS_OUT_H
#include <stdbool.h>
#include <stdio.h>
#include "../compiler/paths.h"

enum paths_format { PATHS_TEXT, PATHS_JSON, PATHS_CSV };

struct paths_out {
	FILE *f;
	enum paths_format format;
	struct arena *a;
	const char *target, *start;   /* of the paths being printed */
	size_t sections;              /* starts printed so far */
	size_t npaths;                /* paths printed in this section */
};

void paths_out_begin(struct paths_out *o, const char *file);
/* A start on a target: the paths that follow are its. */
void paths_out_section(struct paths_out *o, const char *target, const char *start);
/* One path (paths_each's callback; ctx is the paths_out). */
void paths_out_path(void *ctx, const struct paths_path *path);
/* The section's end: how many paths, whether --limit cut them, the summary. */
void paths_out_summary(struct paths_out *o, size_t given, bool more, size_t limit,
		       const struct paths_summary *s);
void paths_out_end(struct paths_out *o);

#endif
