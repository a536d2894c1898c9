/* Reading one source file with the front end its syntax selects. */
#include "load.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "../grammar/yaml_loader.h"

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

bool load_document(const char *path, const char *syntax, bool keep_comments,
		   struct arena *a, struct diag *d, struct loaded *out)
{
	const char *err = NULL;
	struct stat st;
	memset(out, 0, sizeof *out);
	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		fprintf(stderr, "ivrc: %s: is a directory\n", path);
		return false;
	}
	struct source *src = source_read(a, path, &err);
	if (!src) {
		fprintf(stderr, "ivrc: %s: %s\n", path, err);
		return false;
	}
	out->src = src;
	out->dsl = load_is_dsl(path, syntax);
	out->root = out->dsl ? dsl_parse(src, a, d, keep_comments ? &out->comments : NULL)
			     : yaml_load(src, a, d);
	return true;
}
