/* Reading one source file with the front end its syntax selects. */
#include "load.h"

#include <stdio.h>
#include <string.h>

#include "../grammar/yaml_comments.h"
#include "../grammar/yaml_loader.h"
#include "../targets/target.h"
#include "includes.h"

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

bool load_is_dsl(const char *path, const char *syntax)
{
	if (syntax)
		return strcmp(syntax, "dsl") == 0;
	return has_suffix(path, ".ivr");
}

/* The file's text (read once a call when cache is the call's); NULL
 * after printing "ivrc: PATH: reason". */
static struct source *read_source(const char *path, struct arena *a,
				  struct includes_cache *cache)
{
	const char *err = NULL;
	struct source *src = includes_source(cache, a, path, &err);
	if (!src)
		fprintf(stderr, "ivrc: %s: %s\n", path, err);
	return src;
}

bool load_document(const char *path, const char *syntax, bool keep_comments,
		   struct arena *a, struct diag *d, struct loaded *out)
{
	memset(out, 0, sizeof *out);
	struct source *src = read_source(path, a, NULL);
	if (!src)
		return false;
	out->src = src;
	out->dsl = load_is_dsl(path, syntax);
	out->root = out->dsl ? dsl_parse(src, a, d, keep_comments ? &out->comments : NULL)
			     : yaml_load(src, a, d);
	if (!out->dsl && keep_comments)
		yaml_comments(src, a, &out->comments);
	return true;
}

bool load_program(const char *path, const char *syntax, struct arena *a, struct diag *d,
		  struct includes_cache *cache, struct ast_program **out)
{
	*out = NULL;
	struct source *src = read_source(path, a, cache);
	if (!src)
		return false;
	*out = load_is_dsl(path, syntax) ? dsl_parse_program(src, target_set(), a, d)
					 : yaml_load_program(src, target_set(), a, d);
	if (*out)
		includes_load(*out, path, a, d, cache);
	return true;
}
