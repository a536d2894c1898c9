/* Reading one source file with the front end its syntax selects: the step
 * every command that takes a FILE starts with. */
#ifndef IVRC_LOAD_H
#define IVRC_LOAD_H
#include <stdbool.h>
#include "../compiler/ast.h"
#include "../compiler/diag.h"
#include "../grammar/dsl_parser.h"

struct arena;

struct loaded {
	const struct source *src;
	bool dsl;                       /* read as DSL (else YAML) */
	struct doc_node *root;          /* NULL when the front end found nothing usable */
	struct dsl_comments comments;   /* when asked for (YAML's: grammar/yaml_comments.h) */
};

/* "dsl" for *.ivr, else "yaml"; an explicit syntax wins. */
bool load_is_dsl(const char *path, const char *syntax);

/* Reads and parses path. Returns false on an I/O error, after printing
 * "ivrc: PATH: reason" to stderr; parse errors go to d. */
bool load_document(const char *path, const char *syntax, bool keep_comments,
		   struct arena *a, struct diag *d, struct loaded *out);

/* Reads, parses and binds path (*out: NULL when the file did not bind),
 * with the files it includes (cache: the call's, or NULL for its own).
 * What every command that needs only the program uses: YAML is bound as
 * it is read, without its whole document tree. Returns false on an I/O
 * error, as load_document. */
struct includes_cache;
bool load_program(const char *path, const char *syntax, struct arena *a, struct diag *d,
		  struct includes_cache *cache, struct ast_program **out);

#endif
