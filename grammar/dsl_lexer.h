/* The DSL tokenizer (generated from dsl.re). Words are left untyped: the
 * binder types them with the same scalar lexer as YAML values. */
#ifndef IVRC_DSL_LEXER_H
#define IVRC_DSL_LEXER_H
#include <stddef.h>
#include <stdint.h>
#include "../compiler/diag.h"

struct arena;

enum dsl_tok {
	DT_EOF,
	DT_NEWLINE,
	DT_SEMI,
	DT_LBRACE,
	DT_RBRACE,
	DT_LBRACKET,
	DT_RBRACKET,
	DT_COMMA,
	DT_ARROW,
	DT_WORD,      /* names, numbers, durations, keys, destinations */
	DT_STRING,    /* "..." with escapes decoded into text */
	DT_LABEL,     /* `name:` followed by a blank: a step's label */
	DT_COMMENT,   /* `# ...` to the end of the line */
	DT_ERROR      /* already reported */
};

enum { DSL_MAX_TOKEN = 65536 };

struct dsl_token {
	enum dsl_tok kind;
	struct span span;
	const char *text;   /* WORD, STRING (decoded), LABEL (without ':'), COMMENT */
	size_t len;
};

struct dsl_lexer {
	const struct source *src;
	struct arena *arena;
	struct diag *diag;
	const unsigned char *cur, *lim, *mar, *tok;
};

void dsl_lex_init(struct dsl_lexer *l, const struct source *src, struct arena *a,
		  struct diag *d);
struct dsl_token dsl_lex_next(struct dsl_lexer *l);
const char *dsl_tok_name(enum dsl_tok t);

#endif
