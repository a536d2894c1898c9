/* Test inputs read from the source tree: every file a glob pattern names,
 * handed to a function with its text (NUL-terminated) and its name
 * relative to the source tree. Included once per program (static). */
#ifndef IVRC_TEST_FILES_H
#define IVRC_TEST_FILES_H
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static char *test_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0;
	*len = 0;
	for (;;) {
		if (*len + 1 >= cap) {
			cap = cap ? cap * 2 : 4096;
			buf = realloc(buf, cap);
		}
		size_t got = fread(buf + *len, 1, cap - 1 - *len, f);
		if (got == 0)
			break;
		*len += got;
	}
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* Calls fn for every file pattern (under IVRC_SRCDIR) names; a pattern
 * that names none is a failure. */
static void test_each_file(const char *pattern,
			   void (*fn)(const char *name, const char *text, size_t len))
{
	glob_t g;
	if (glob(pattern, 0, NULL, &g) != 0) {
		check(0, pattern, "no files");
		return;
	}
	for (size_t i = 0; i < g.gl_pathc; i++) {
		size_t len;
		char *text = test_slurp(g.gl_pathv[i], &len);
		if (!text) {
			check(0, g.gl_pathv[i], "cannot read");
			continue;
		}
		fn(g.gl_pathv[i] + strlen(IVRC_SRCDIR) + 1, text, len);
		free(text);
	}
	globfree(&g);
}

#endif
