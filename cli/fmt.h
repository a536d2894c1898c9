/* `ivrc fmt` and `ivrc convert`: printing a file back out in one syntax. */
#ifndef IVRC_FMT_H
#define IVRC_FMT_H
#include <stdbool.h>

struct fmt_opts {
	const char *syntax;     /* --syntax, or NULL: by extension */
	bool write;             /* -w: rewrite files in place */
	bool check;             /* --check: list files not in canonical form, exit 1 */
};

int fmt_files(const struct fmt_opts *o, char **files, int nfiles);
/* to: "dsl" or "yaml". */
int fmt_convert(const char *to, const char *syntax, const char *file);
/* The bound program as JSON without positions (for tests and debugging). */
int fmt_dump_ast(const char *syntax, const char *file);

#endif
