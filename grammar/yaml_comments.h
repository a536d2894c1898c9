/* The comments of a YAML file, as the DSL parser gives its own: libyaml
 * reports none, so `convert --to dsl` finds them in the text (a `#` outside
 * quotes at a line's start or after a blank; block scalars' lines are
 * text) and the DSL printer places them by their position. */
#ifndef IVRC_YAML_COMMENTS_H
#define IVRC_YAML_COMMENTS_H
#include "../compiler/source.h"
#include "dsl_parser.h"

struct arena;

void yaml_comments(const struct source *src, struct arena *a, struct dsl_comments *out);

#endif
