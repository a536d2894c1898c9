/* The DSL parser: recursive descent over the re2c tokens (dsl.re) into the
 * document tree (compiler/ast.h) that the binder reads, as if the file had
 * been written in YAML. Functions are named after the grammar rules in
 * docs/LANGUAGE.md ("The DSL: grammar"). On a syntax error it reports, skips
 * to the end of the statement and goes on: one mistake, one error. */
#include "dsl_parser.h"

#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/codes.h"
#include "bind.h"
#include "doc.h"
#include "dsl_lexer.h"
#include "dsl_syntax.h"

struct builder {
	struct doc_node *node;
	size_t cap;
};

/* BLOCK_FLOW: a flow's steps, and its `description` (then the block is
 * {description, steps}, as YAML writes a flow with one). */
enum block_kind { BLOCK_MAP, BLOCK_MENU, BLOCK_STEPS, BLOCK_CASES, BLOCK_FLOW };

struct parser {
	struct dsl_lexer lx;
	struct arena *a;           /* text, messages: lives with the program */
	struct arena *nodes;       /* nodes: a, or scratch inside a streamed entry */
	struct diag *d;
	const struct source *src;
	struct dsl_comments *comments;
	struct dsl_token tok;
	struct dsl_token next;     /* one token of lookahead, when has_next */
	bool has_next;
	unsigned depth;
	struct builder root;
	struct builder sections[16];
	struct builder includes;   /* every `include` statement's files, in one list */
	/* Streaming (dsl_parse_program): each declaration of a section is bound
	 * as soon as it is parsed; its nodes come from the stream's scratch
	 * arena, reused by the next unless the program points into them. */
	struct bind_stream *stream;
	/* The words that can start a declaration, by first byte: a bit per
	 * length (below 32). Most words are none, told at once. */
	uint32_t keyword_lengths[256];
};

/* ---------- tokens ---------- */

static bool own_line(const struct parser *p, uint32_t offset)
{
	const char *t = p->src->text;
	while (offset > 0 && (t[offset - 1] == ' ' || t[offset - 1] == '\t'))
		offset--;
	return offset == 0 || t[offset - 1] == '\n';
}

/* The next token that is not a comment; comments are kept for fmt. */
static struct dsl_token lex(struct parser *p)
{
	for (;;) {
		struct dsl_token t = dsl_lex_next(&p->lx);
		if (t.kind != DT_COMMENT)
			return t;
		if (p->comments) {
			struct dsl_comment c = { t.span, t.text, t.len, own_line(p, t.span.offset) };
			ARENA_PUSH(p->a, p->comments->items, p->comments->count, p->comments->cap, c);
		}
	}
}

static void advance(struct parser *p)
{
	if (p->has_next) {
		p->tok = p->next;
		p->has_next = false;
	} else {
		p->tok = lex(p);
	}
}

static const struct dsl_token *peek(struct parser *p)
{
	if (!p->has_next) {
		p->next = lex(p);
		p->has_next = true;
	}
	return &p->next;
}

static bool at(const struct parser *p, enum dsl_tok k)
{
	return p->tok.kind == k;
}

static bool at_word(const struct parser *p, const char *w)
{
	/* The first byte first: most words are not the one asked for. */
	return at(p, DT_WORD) && p->tok.len && p->tok.text[0] == w[0] &&
	       p->tok.len == strlen(w) && memcmp(p->tok.text, w, p->tok.len) == 0;
}

static bool at_end_of_statement(const struct parser *p)
{
	return at(p, DT_NEWLINE) || at(p, DT_SEMI) || at(p, DT_RBRACE) || at(p, DT_EOF);
}

/* The token is the first byte of its line (column 1). */
static bool at_line_start(const struct parser *p)
{
	uint32_t at = p->tok.span.offset;
	return at == 0 || p->src->text[at - 1] == '\n';
}

static const char *describe(struct parser *p, const struct dsl_token *t)
{
	if (t->kind == DT_WORD)
		return arena_printf(p->a, "'%.*s'", (int)(t->len > 40 ? 40 : t->len), t->text);
	if (t->kind == DT_STRING)
		return "a string";
	return dsl_tok_name(t->kind);
}

static void expected(struct parser *p, const char *what)
{
	if (at(p, DT_ERROR))
		return;   /* the lexer has said why */
	diag_error(p->d, IVR_DSL_SYNTAX, p->tok.span, "expected %s, got %s", what,
		   describe(p, &p->tok));
}

/* Skips to the end of the statement: a line break or ';' outside braces, or
 * the '}' that closes the block we are in. */
static void sync(struct parser *p)
{
	unsigned nest = 0;
	for (; !at(p, DT_EOF); advance(p)) {
		if (at(p, DT_LBRACE) || at(p, DT_LBRACKET))
			nest++;
		else if ((at(p, DT_RBRACE) || at(p, DT_RBRACKET)) && nest == 0)
			return;
		else if (at(p, DT_RBRACE) || at(p, DT_RBRACKET))
			nest--;
		else if ((at(p, DT_NEWLINE) || at(p, DT_SEMI)) && nest == 0)
			return;
	}
}

static void skip_separators(struct parser *p)
{
	while (at(p, DT_NEWLINE) || at(p, DT_SEMI))
		advance(p);
}

static void skip_newlines(struct parser *p)
{
	while (at(p, DT_NEWLINE))
		advance(p);
}

/* ---------- nodes ---------- */

static struct doc_node *new_node(struct parser *p, enum doc_kind kind, struct span span)
{
	struct doc_node *n = arena_alloc(p->nodes, sizeof *n);
	n->kind = kind;
	n->span = span;
	return n;
}

static struct doc_node *scalar_of(struct parser *p, const struct dsl_token *t)
{
	struct doc_node *n = new_node(p, DOC_SCALAR, t->span);
	/* A string's text is already decoded into the arena (the program's: a
	 * token read ahead outlives a streamed entry); a word's is a slice of
	 * the source, copied with the node. */
	n->text = t->kind == DT_STRING ? t->text : arena_strndup(p->nodes, t->text, t->len);
	n->len = t->len;
	n->quoted = t->kind == DT_STRING;
	return n;
}

/* A name (a declaration's, a label): `null` there is the name "null", not
 * YAML's null, so the node reads as quoted. */
static struct doc_node *name_of(struct parser *p, const struct dsl_token *t)
{
	struct doc_node *n = scalar_of(p, t);
	n->quoted = n->quoted || doc_is_null(n);
	return n;
}

static struct doc_node *word_node(struct parser *p, const char *w, struct span span)
{
	struct dsl_token t = { DT_WORD, span, w, strlen(w) };
	return scalar_of(p, &t);
}

static struct doc_node *null_node(struct parser *p, struct span span)
{
	return word_node(p, "", span);
}

static void map_put(struct parser *p, struct builder *b, struct doc_node *key,
		    struct doc_node *value)
{
	struct doc_pair pair = { key, value };
	ARENA_PUSH(p->nodes, b->node->pairs, b->node->count, b->cap, pair);
}

static void seq_put(struct parser *p, struct builder *b, struct doc_node *item)
{
	ARENA_PUSH(p->nodes, b->node->items, b->node->count, b->cap, item);
}

static struct builder new_builder(struct parser *p, enum doc_kind kind, struct span span)
{
	return (struct builder){ new_node(p, kind, span), 0 };
}

/* ---------- values ---------- */

static struct doc_node *parse_block(struct parser *p, enum block_kind kind);

static bool enter(struct parser *p)
{
	if (p->depth < DSL_MAX_DEPTH) {
		p->depth++;
		return true;
	}
	diag_error(p->d, IVR_TOO_DEEP, p->tok.span, "nesting deeper than %d levels",
		   DSL_MAX_DEPTH);
	/* Skip the whole value, up to its matching closer. */
	unsigned nest = 0;
	do {
		if (at(p, DT_LBRACE) || at(p, DT_LBRACKET))
			nest++;
		else if (at(p, DT_RBRACE) || at(p, DT_RBRACKET))
			nest--;
		advance(p);
	} while (nest > 0 && !at(p, DT_EOF));
	return false;
}

static bool at_value(const struct parser *p)
{
	return at(p, DT_WORD) || at(p, DT_STRING) || at(p, DT_LBRACKET) || at(p, DT_LBRACE);
}

static struct doc_node *parse_list(struct parser *p);
static bool is_decl_keyword(const struct parser *p);

/* value = WORD | STRING | list | block */
static struct doc_node *parse_value(struct parser *p)
{
	struct doc_node *n;
	switch (p->tok.kind) {
	case DT_WORD:
	case DT_STRING:
		n = scalar_of(p, &p->tok);
		advance(p);
		return n;
	case DT_LBRACKET:
		return parse_list(p);
	case DT_LBRACE:
		return parse_block(p, BLOCK_MAP);
	default:
		expected(p, "a value");
		return NULL;
	}
}

static void unclosed(struct parser *p, const struct dsl_token *open, char close)
{
	struct linecol lc = source_linecol(p->src, open->span.offset);
	diag_error(p->d, IVR_DSL_UNCLOSED, p->tok.span,
		   "'%c' expected (to close '%c' at line %u), got %s", close,
		   close == '}' ? '{' : '[', lc.line, describe(p, &p->tok));
}

/* After a fault in a list: a declaration at the start of a line, the end of
 * the file or a '}' means the ']' is missing (the caller goes on from there);
 * anything else is reported and skipped. True when a ']' closes the list
 * after all (the caller consumes it). */
static bool list_resumes(struct parser *p, const struct dsl_token *open, const char *what)
{
	bool declaration = is_decl_keyword(p) && at_line_start(p);
	if (declaration || at(p, DT_EOF) || at(p, DT_RBRACE))
		unclosed(p, open, ']');
	else
		expected(p, what);
	if (!declaration)
		sync(p);
	if (!declaration && at(p, DT_RBRACKET))
		return true;
	p->depth--;
	return false;
}

/* list = "[" [ value { "," value } [ "," ] ] "]"   (line breaks allowed inside) */
static struct doc_node *parse_list(struct parser *p)
{
	struct dsl_token open = p->tok;
	struct builder b = new_builder(p, DOC_SEQ, open.span);
	if (!enter(p))
		return b.node;
	advance(p);
	for (;;) {
		skip_newlines(p);
		if (at(p, DT_RBRACKET))
			break;
		if (!at_value(p) || (is_decl_keyword(p) && at_line_start(p))) {
			if (!list_resumes(p, &open, "a value or ']'"))
				return b.node;
			break;
		}
		struct doc_node *v = parse_value(p);
		if (v)
			seq_put(p, &b, v);
		skip_newlines(p);
		if (at(p, DT_COMMA)) {
			advance(p);
		} else if (!at(p, DT_RBRACKET)) {
			if (!list_resumes(p, &open, "',' or ']'"))
				return b.node;
			break;
		}
	}
	b.node->span = span_join(open.span, p->tok.span);
	advance(p);
	p->depth--;
	return b.node;
}

/* ---------- entries of blocks ---------- */

/* The statements at the top that are not declarations. */
static const char *const top_statements[] = { "ivrc", "entry", "parameters", "include" };

static bool is_decl_keyword(const struct parser *p)
{
	if (!at(p, DT_WORD) || !p->tok.len || p->tok.len >= 32 ||
	    !(p->keyword_lengths[(unsigned char)p->tok.text[0]] & (1u << p->tok.len)))
		return false;
	for (size_t i = 0; i < dsl_ndecls; i++)
		if (at_word(p, dsl_decls[i].keyword))
			return true;
	/* `include` inside a block is a key (an environment's file), not the
	 * statement: only at the top does it start one. */
	for (size_t i = 0; i < sizeof top_statements / sizeof top_statements[0]; i++)
		if (at_word(p, top_statements[i]))
			return strcmp(top_statements[i], "include") != 0 || p->depth == 0;
	return false;
}

static void keyword_add(struct parser *p, const char *w)
{
	size_t n = strlen(w);
	if (n < 32)
		p->keyword_lengths[(unsigned char)w[0]] |= 1u << n;
}

/* The words is_decl_keyword knows, by first byte and length. */
static void keywords_init(struct parser *p)
{
	for (size_t i = 0; i < dsl_ndecls; i++)
		keyword_add(p, dsl_decls[i].keyword);
	for (size_t i = 0; i < sizeof top_statements / sizeof top_statements[0]; i++)
		keyword_add(p, top_statements[i]);
}

static bool at_key(const struct parser *p)
{
	return at(p, DT_WORD) || at(p, DT_STRING);
}

/* entry = key value */
static void parse_map_entry(struct parser *p, struct builder *b)
{
	struct doc_node *key = scalar_of(p, &p->tok);
	advance(p);
	if (!at_value(p)) {
		expected(p, arena_printf(p->a, "a value after '%s'", key->text));
		sync(p);
		return;
	}
	struct doc_node *v = parse_value(p);
	if (v)
		map_put(p, b, key, v);
}

/* option = key "->" destination [ block ] */
static void parse_option(struct parser *p, struct builder *menu, struct builder *options)
{
	struct doc_node *key = scalar_of(p, &p->tok);
	advance(p);
	advance(p);   /* the arrow */
	if (!at(p, DT_WORD) && !at(p, DT_STRING)) {
		expected(p, "a destination after '->'");
		sync(p);
		return;
	}
	struct doc_node *to = scalar_of(p, &p->tok);
	advance(p);
	if (!options->node) {
		*options = new_builder(p, DOC_MAP, key->span);
		map_put(p, menu, word_node(p, "options", key->span), options->node);
	}
	if (!at(p, DT_LBRACE)) {
		map_put(p, options, key, to);
		return;
	}
	struct doc_node *extra = parse_block(p, BLOCK_MAP);
	struct builder b = new_builder(p, DOC_MAP, span_join(to->span, extra->span));
	map_put(p, &b, word_node(p, "to", to->span), to);
	for (size_t i = 0; i < extra->count; i++)
		map_put(p, &b, extra->pairs[i].key, extra->pairs[i].value);
	map_put(p, options, key, b.node);
}

static void parse_step(struct parser *p, struct builder *steps);

/* case = "case" value block | "default" block */
static void parse_case(struct parser *p, struct builder *cases, struct builder *args)
{
	bool is_default = at_word(p, "default");
	if (!is_default && !at_word(p, "case")) {
		expected(p, "'case' or 'default'");
		sync(p);
		return;
	}
	struct dsl_token word = p->tok;
	advance(p);
	struct doc_node *value = NULL;
	if (!is_default) {
		if (!at_key(p)) {
			expected(p, "a value after 'case'");
			sync(p);
			return;
		}
		value = scalar_of(p, &p->tok);
		advance(p);
	}
	if (!at(p, DT_LBRACE)) {
		expected(p, "'{'");
		sync(p);
		return;
	}
	struct doc_node *body = parse_block(p, BLOCK_STEPS);
	if (is_default) {
		map_put(p, args, word_node(p, "default", word.span), body);
		return;
	}
	if (!cases->node) {
		*cases = new_builder(p, DOC_MAP, word.span);
		map_put(p, args, word_node(p, "cases", word.span), cases->node);
	}
	map_put(p, cases, value, body);
}

/* block = "{" { entry separator } "}"   (entry by the kind of block) */
static struct doc_node *parse_block(struct parser *p, enum block_kind kind)
{
	struct dsl_token open = p->tok;
	bool steps = kind == BLOCK_STEPS || kind == BLOCK_FLOW;
	struct builder b = new_builder(p, steps ? DOC_SEQ : DOC_MAP, open.span);
	struct builder options = { 0 }, cases = { 0 }, flow = { 0 };
	if (!enter(p))
		return b.node;
	advance(p);
	for (;;) {
		skip_separators(p);
		if (at(p, DT_RBRACE))
			break;
		if (at(p, DT_RBRACKET)) {
			/* A ']' closes no block: said, and skipped (sync stops at one). */
			diag_error(p->d, IVR_DSL_SYNTAX, p->tok.span, "']' closes nothing");
			advance(p);
			continue;
		}
		bool declaration = is_decl_keyword(p);
		if (at(p, DT_EOF) || (declaration && at_line_start(p))) {
			/* A declaration at the start of a line: this block was never
			 * closed. The caller goes on with the declaration. */
			unclosed(p, &open, '}');
			p->depth--;
			return b.node;
		}
		if (declaration) {
			diag_error(p->d, IVR_DSL_SYNTAX, p->tok.span,
				   "'%.*s' is a declaration; declarations go at the top level, "
				   "not inside a block", (int)p->tok.len, p->tok.text);
			sync(p);
			continue;
		}
		if (kind == BLOCK_FLOW && at_word(p, "description")) {
			if (!flow.node)
				flow = new_builder(p, DOC_MAP, open.span);
			parse_map_entry(p, &flow);
		} else if (steps) {
			parse_step(p, &b);
		} else if (kind == BLOCK_CASES) {
			parse_case(p, &cases, &b);
		} else if (!at_key(p)) {
			expected(p, "a key");
			sync(p);
		} else if (kind == BLOCK_MENU && peek(p)->kind == DT_ARROW) {
			parse_option(p, &b, &options);
		} else {
			parse_map_entry(p, &b);
		}
		if (!at_end_of_statement(p) && !is_decl_keyword(p) && !at(p, DT_RBRACKET)) {
			expected(p, "a line break or ';'");
			sync(p);
		}
	}
	b.node->span = span_join(open.span, p->tok.span);
	advance(p);
	p->depth--;
	if (b.node->kind == DOC_MAP)
		doc_check_duplicates(b.node, p->d);
	if (cases.node)
		doc_check_duplicates(cases.node, p->d);   /* `case 2` twice */
	if (flow.node) {
		doc_check_duplicates(flow.node, p->d);     /* `description` twice */
		flow.node->span = b.node->span;
		map_put(p, &flow, word_node(p, "steps", b.node->span), b.node);
		return flow.node;
	}
	return b.node;
}

/* ---------- flow steps ---------- */

static void unknown_step(struct parser *p)
{
	const char *word = arena_strndup(p->a, p->tok.text, p->tok.len);
	const char *hint = diag_suggest(word, ast_step_names, STEP_KIND_COUNT);
	if (hint)
		diag_error(p->d, IVR_UNKNOWN_KEY, p->tok.span, "unknown step '%s'; did you mean '%s'?",
			   word, hint);
	else
		diag_error(p->d, IVR_UNKNOWN_KEY, p->tok.span, "unknown step '%s'", word);
	sync(p);
}

static void append_pairs(struct parser *p, struct builder *to, const struct doc_node *from)
{
	for (size_t i = 0; i < from->count; i++)
		map_put(p, to, from->pairs[i].key, from->pairs[i].value);
}

/* The optional words after a positional: `set VAR VALUE`, `for_each VAR in V
 * [delimiter D]`. */
static bool parse_step_extras(struct parser *p, const struct dsl_step *st, struct builder *args)
{
	if (strcmp(st->name, "set") == 0 && (at(p, DT_WORD) || at(p, DT_STRING))) {
		struct span at_span = p->tok.span;
		map_put(p, args, word_node(p, "value", at_span), parse_value(p));
	}
	if (strcmp(st->name, "for_each") != 0)
		return true;
	static const char *const words[] = { "in", "delimiter" };
	for (size_t i = 0; i < 2; i++) {
		if (!at_word(p, words[i]))
			continue;
		struct span kw = p->tok.span;
		advance(p);
		if (!at(p, DT_WORD) && !at(p, DT_STRING)) {
			expected(p, arena_printf(p->a, "a value after '%s'", words[i]));
			return false;
		}
		map_put(p, args, word_node(p, words[i], kw), parse_value(p));
	}
	return true;
}

/* The block after a step, by the step's shape. False after an error. */
static bool parse_step_body(struct parser *p, const struct dsl_step *st, struct builder *args)
{
	if (st->body == DSL_BODY_NONE || (st->body == DSL_BODY_ARGS && !at(p, DT_LBRACE)))
		return true;
	if (!at(p, DT_LBRACE)) {
		expected(p, arena_printf(p->a, "'{' after '%s'", st->name));
		return false;
	}
	struct span open = p->tok.span;
	if (st->body == DSL_BODY_ARGS) {
		append_pairs(p, args, parse_block(p, BLOCK_MAP));
		return true;
	}
	if (st->body == DSL_BODY_CASES) {
		struct doc_node *block = parse_block(p, BLOCK_CASES);
		append_pairs(p, args, block);
		/* `switch v { }` is a switch with no cases, as `cases: {}` is. */
		bool has_cases = false;
		for (size_t i = 0; i < block->count; i++)
			has_cases |= strcmp(block->pairs[i].key->text, "cases") == 0;
		if (!has_cases)
			map_put(p, args, word_node(p, "cases", open), new_node(p, DOC_MAP, open));
		return true;
	}
	map_put(p, args, word_node(p, st->body_key, open), parse_block(p, BLOCK_STEPS));
	if (strcmp(st->name, "if") != 0 || !at_word(p, "else"))
		return true;
	struct span kw = p->tok.span;
	advance(p);
	if (!at(p, DT_LBRACE)) {
		expected(p, "'{' after 'else'");
		return false;
	}
	map_put(p, args, word_node(p, "else", kw), parse_block(p, BLOCK_STEPS));
	return true;
}

/* step = [ LABEL ] NAME [ value ] [ extras ] [ block [ "else" block ] ] */
static void parse_step(struct parser *p, struct builder *steps)
{
	struct doc_node *label = NULL;
	struct span start = p->tok.span;
	if (at(p, DT_LABEL)) {
		label = name_of(p, &p->tok);
		advance(p);
	}
	if (!at(p, DT_WORD)) {
		expected(p, "a step");
		sync(p);
		return;
	}
	const struct dsl_step *st = dsl_step_find(p->tok.text, p->tok.len);
	if (!st && (at_word(p, "case") || at_word(p, "default"))) {
		diag_error(p->d, IVR_DSL_SYNTAX, p->tok.span, "'%.*s' outside a 'switch' block",
			   (int)p->tok.len, p->tok.text);
		sync(p);
		return;
	}
	if (!st) {
		unknown_step(p);
		return;
	}
	struct doc_node *key = scalar_of(p, &p->tok);
	advance(p);
	struct builder args = new_builder(p, DOC_MAP, key->span);
	struct doc_node *pos = NULL;
	if (st->positional && (at(p, DT_WORD) || at(p, DT_STRING) || at(p, DT_LBRACKET))) {
		struct span ps = p->tok.span;
		pos = parse_value(p);
		map_put(p, &args, word_node(p, st->positional, ps), pos);
	}
	if (!parse_step_extras(p, st, &args) || !parse_step_body(p, st, &args)) {
		sync(p);
		return;
	}
	bool bare = !st->positional && st->body == DSL_BODY_NONE;
	struct doc_node *value = args.node;
	value->span = span_join(key->span, p->tok.span);
	if (bare)
		value = null_node(p, key->span);
	else if (st->shorthand && pos && args.node->count == 1)
		value = pos;
	struct doc_node *node = key;
	if (label || !bare) {
		struct builder m = new_builder(p, DOC_MAP, span_join(start, key->span));
		if (label)
			map_put(p, &m, word_node(p, "label", label->span), label);
		map_put(p, &m, key, value);
		node = m.node;
	}
	seq_put(p, steps, node);
}

/* ---------- statements ---------- */

static struct builder *section(struct parser *p, size_t i, struct span at_span)
{
	struct builder *b = &p->sections[i];
	if (!b->node) {
		bool tests = strcmp(dsl_decls[i].keyword, "test") == 0;
		*b = new_builder(p, tests ? DOC_SEQ : DOC_MAP, at_span);
		map_put(p, &p->root, word_node(p, dsl_decls[i].section, at_span), b->node);
	}
	return b;
}

static struct doc_node *expect_block(struct parser *p, enum block_kind kind, const char *after)
{
	if (at(p, DT_LBRACE))
		return parse_block(p, kind);
	expected(p, arena_printf(p->a, "'{' after '%s'", after));
	sync(p);
	return NULL;
}

/* The value of a declaration; NULL after reporting. */
static struct doc_node *declaration_value(struct parser *p, const char *kw,
					  const struct doc_node *name)
{
	if (strcmp(kw, "target") == 0)
		return at(p, DT_LBRACE) ? parse_block(p, BLOCK_MAP) : new_node(p, DOC_MAP, name->span);
	if (strcmp(kw, "endpoint") == 0 && !at(p, DT_LBRACE)) {
		if (!at(p, DT_WORD) && !at(p, DT_STRING)) {
			expected(p, "a destination or '{'");
			sync(p);
			return NULL;
		}
		return parse_value(p);
	}
	enum block_kind k = strcmp(kw, "menu") == 0 ? BLOCK_MENU :
			    strcmp(kw, "flow") == 0 ? BLOCK_FLOW : BLOCK_MAP;
	return expect_block(p, k, name->text);
}

/* declaration = KEYWORD name ( block | value ) */
static void parse_declaration(struct parser *p, size_t which)
{
	const char *kw = dsl_decls[which].keyword;
	struct span kw_span = p->tok.span;
	advance(p);
	if (!at_key(p)) {
		expected(p, arena_printf(p->a, "a name after '%s'", kw));
		sync(p);
		return;
	}
	struct doc_node *name = name_of(p, &p->tok);
	advance(p);
	struct builder *sec = section(p, which, kw_span);
	int streamed = p->stream && sec->node->kind == DOC_MAP
		       ? bind_stream_section(dsl_decls[which].section) : -1;
	if (streamed >= 0)
		p->nodes = bind_stream_scratch(p->stream);
	struct doc_node *value = declaration_value(p, kw, name);
	p->nodes = p->a;
	if (!value) {
		if (streamed >= 0)
			bind_stream_drop(p->stream);
		return;
	}
	if (strcmp(kw, "test") != 0) {
		map_put(p, sec, name, value);
		if (streamed >= 0)
			bind_stream_entry(p->stream, streamed, &sec->node->pairs[sec->node->count - 1],
					  (unsigned)(sec->node->count - 1), false);
		return;
	}
	struct builder t = new_builder(p, DOC_MAP, span_join(kw_span, value->span));
	map_put(p, &t, word_node(p, "name", name->span), name);
	append_pairs(p, &t, value);
	seq_put(p, sec, t.node);
}

static void unknown_statement(struct parser *p)
{
	const char *words[16] = { "ivrc", "name", "entry", "parameters", "include" };
	size_t n = 5;
	for (size_t i = 0; i < dsl_ndecls && n < 16; i++)
		words[n++] = dsl_decls[i].keyword;
	if (at(p, DT_WORD)) {
		const char *w = arena_strndup(p->a, p->tok.text, p->tok.len);
		const char *hint = diag_suggest(w, words, n);
		if (hint) {
			diag_error(p->d, IVR_DSL_SYNTAX, p->tok.span,
				   "unknown statement '%s'; did you mean '%s'?", w, hint);
			sync(p);
			return;
		}
	}
	expected(p, "a statement (ivrc, name, entry, parameters, include, target, environment, "
		    "recording, endpoint, menu, announcement, voicemail, broadcast, flow or test)");
	sync(p);
}

/* include value: its files join the one `include` list of the file. */
static void parse_include(struct parser *p)
{
	struct doc_node *key = scalar_of(p, &p->tok);
	advance(p);
	if (!at_value(p)) {
		expected(p, "a file name or a list of them after 'include'");
		sync(p);
		return;
	}
	struct doc_node *v = parse_value(p);
	if (!p->includes.node) {
		p->includes = new_builder(p, DOC_SEQ, v->span);
		map_put(p, &p->root, key, p->includes.node);
	}
	if (v->kind == DOC_SEQ)
		for (size_t i = 0; i < v->count; i++)
			seq_put(p, &p->includes, v->items[i]);
	else
		seq_put(p, &p->includes, v);
}

/* statement = "ivrc" value | "name" value | "entry" list | "parameters" list
 *           | "include" value | declaration */
static void parse_statement(struct parser *p)
{
	if (at_word(p, "include")) {
		parse_include(p);
		return;
	}
	if (at_word(p, "ivrc") || at_word(p, "name") || at_word(p, "entry") ||
	    at_word(p, "parameters")) {
		struct doc_node *key = scalar_of(p, &p->tok);
		advance(p);
		if (!at_value(p)) {
			expected(p, arena_printf(p->a, "a value after '%s'", key->text));
			sync(p);
			return;
		}
		map_put(p, &p->root, key, parse_value(p));
		return;
	}
	for (size_t i = 0; i < dsl_ndecls; i++) {
		if (at_word(p, dsl_decls[i].keyword)) {
			parse_declaration(p, i);
			return;
		}
	}
	unknown_statement(p);
}

/* file = { statement separator } */
static struct doc_node *parse_file(struct parser *p)
{
	const struct source *src = p->src;
	struct diag *d = p->d;
	size_t errors = d->errors;
	dsl_lex_init(&p->lx, src, p->a, d);
	p->root = new_builder(p, DOC_MAP, span_make(src, 0, src->len));
	advance(p);
	for (;;) {
		skip_separators(p);
		if (at(p, DT_EOF))
			break;
		if (at(p, DT_RBRACE) || at(p, DT_RBRACKET)) {
			diag_error(d, IVR_DSL_SYNTAX, p->tok.span, "%s closes nothing",
				   dsl_tok_name(p->tok.kind));
			advance(p);
			continue;
		}
		parse_statement(p);
		if (is_decl_keyword(p))
			continue;   /* an unclosed block before it: already reported */
		if (!at_end_of_statement(p) || at(p, DT_RBRACE)) {
			expected(p, "a line break or ';'");
			sync(p);
			if (at(p, DT_RBRACE) || at(p, DT_RBRACKET))
				advance(p);
		}
	}
	doc_check_duplicates(p->root.node, d);
	for (size_t i = 0; i < dsl_ndecls; i++)
		if (p->sections[i].node && p->sections[i].node->kind == DOC_MAP)
			doc_check_duplicates(p->sections[i].node, d);
	if (d->errors != errors)
		return NULL;   /* as the YAML loader: a file with syntax errors is not bound */
	if (p->root.node->count == 0) {
		diag_error(d, IVR_EMPTY_FILE, span_make(src, 0, 0), "the file is empty");
		return NULL;
	}
	return p->root.node;
}

struct doc_node *dsl_parse(const struct source *src, struct arena *a, struct diag *d,
			   struct dsl_comments *comments)
{
	struct parser p = { .a = a, .nodes = a, .d = d, .src = src, .comments = comments };
	keywords_init(&p);
	return parse_file(&p);
}

struct ast_program *dsl_parse_program(const struct source *src, const struct target_set *ts,
				      struct arena *a, struct diag *d)
{
	struct parser p = { .a = a, .nodes = a, .d = d, .src = src,
			    .stream = bind_stream_new(src, ts, a, d) };
	keywords_init(&p);
	return bind_stream_finish(p.stream, parse_file(&p), d);
}
