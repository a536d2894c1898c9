/* The fast path for plain YAML: a re2c scanner and a small recursive
 * parser for the part of YAML that IVR files are written in, giving the
 * loader the events libyaml would give, at the same places, without
 * libyaml's copies and allocations.
 *
 * The part it reads: block mappings and sequences (compact and
 * "indentless" ones too), one-line flow collections, plain scalars on one
 * line, one-line quoted scalars without escapes ('' or a backslash),
 * comments, one leading `---`, spaces, line feeds, UTF-8 text of the
 * characters libyaml takes. Anything else (a tab, a carriage return, an
 * anchor, alias or tag, a block or multi-line scalar, a long key, a second
 * document, a byte libyaml refuses, any error at all) stops it, and the
 * caller reads the file again with libyaml, which thus gives every YAML
 * error and every edge case. Where libyaml could read a construct another
 * way, this reader gives up rather than guess. tests/unit/test_yaml_fast.c
 * and the fuzz target fuzz_yaml_fast hold the two to the same events. */
#include "yaml_fast.h"

#include <string.h>

#include "yaml_loader.h"

enum tok {
	T_EOF, T_EOL, T_BAD,
	T_DOC,                 /* "---" at the start of a line */
	T_DASH,                /* "- " */
	T_COLON,               /* ": " (in a flow collection, any ':') */
	T_PLAIN, T_DQ, T_SQ,
	T_LBRACK, T_RBRACK, T_LBRACE, T_RBRACE, T_COMMA,
};

struct fast {
	const unsigned char *text, *lim;
	const unsigned char *cur;    /* after the current token */
	const unsigned char *tok;    /* the current token */
	const unsigned char *line;   /* the start of the current token's line */
	enum tok kind;
	int flow;                    /* open flow collections */
	int depth;                   /* open collections */
	yaml_ev_fn fn;
	void *ctx;
	bool unsupported;            /* else a false return is fn's stop */
};

/*!re2c
	re2c:define:YYCTYPE = "unsigned char";
	re2c:yyfill:enable = 0;

	cont = [\x80-\xbf];
	// What libyaml's reader takes beyond ASCII, except the line breaks of
	// YAML 1.1 (U+0085, U+2028, U+2029) and the byte order mark.
	u8 = "\xc2" [\xa0-\xbf] | [\xc3-\xdf] cont
	   | "\xe0" [\xa0-\xbf] cont | "\xe1" cont cont
	   | "\xe2\x80" [\x80-\xa7\xaa-\xbf] | "\xe2" [\x81-\xbf] cont
	   | [\xe3-\xec] cont cont | "\xed" [\x80-\x9f] cont | "\xee" cont cont
	   | "\xef" [\x80-\xba] cont | "\xef\xbb" [\x80-\xbe] | "\xef" [\xbc-\xbe] cont
	   | "\xef\xbf" [\x80-\xbd]
	   | "\xf0" [\x90-\xbf] cont cont | [\xf1-\xf3] cont cont cont
	   | "\xf4" [\x80-\x8f] cont cont;

	// A plain scalar starts with a character that is no indicator, or with
	// '-' before a character that is not blank.
	first   = [$()+./0-9;<=A-Z\\^_a-z~] | u8;
	nb      = [\x21-\x39\x3b-\x7e] | u8;               // not blank, not ':'
	nb_hash = [\x21\x22\x24-\x39\x3b-\x7e] | u8;       // nor '#'
	// In a flow collection ',' '[' ']' '{' '}' end it too, and ':' before
	// one of ",?[]{}" is an error.
	nf      = [\x21-\x2b\x2d-\x39\x3b-\x5a\x5c\x5e-\x7a\x7c\x7e] | u8;
	nf_hash = [\x21\x22\x24-\x2b\x2d-\x39\x3b-\x5a\x5c\x5e-\x7a\x7c\x7e] | u8;
	nf_q    = [\x21-\x2b\x2d-\x39\x3b-\x3e\x40-\x5a\x5c\x5e-\x7a\x7c\x7e] | u8;

	word_b  = (nb | ":"+ nb)*;
	plain_b = (first | "-" nb) word_b (" "+ (nb_hash | ":"+ nb) word_b)*;
	word_f  = (nf | ":"+ nf_q)*;
	plain_f = (first | "-" nf) word_f (" "+ (nf_hash | ":"+ nf_q) word_f)*;

	dq = "\"" ([\x20\x21\x23-\x5b\x5d-\x7e] | u8)* "\"";
	sq = "'" ([\x20-\x26\x28-\x7e] | u8)* "'";
	comment = "#" ([\t\x20-\x7e] | u8)*;
	end = [ \n\x00];
*/

/* libyaml reads "---" or "..." and a blank at the start of a line as a
 * document marker first, even where a longer plain scalar would match. */
static enum tok plain_or_marker(struct fast *f)
{
	const unsigned char *t = f->tok;
	if (t != f->line || f->cur - t < 3 || !(memcmp(t, "---", 3) == 0 || memcmp(t, "...", 3) == 0) ||
	    !(t[3] == ' ' || t[3] == '\n' || t + 3 == f->lim))
		return T_PLAIN;
	f->cur = t + 3;
	return t[0] == '-' ? T_DOC : T_BAD;
}

/* The next token of the block context; a comment is skipped, a line feed
 * is a token. */
static enum tok lex_block(struct fast *f)
{
	const unsigned char *YYCURSOR = f->cur, *YYMARKER;
	for (;;) {
		f->tok = YYCURSOR;
	/*!re2c
		[ ]+ | comment  { continue; }
		"\n"            { f->cur = YYCURSOR; return T_EOL; }
		"\x00"          { f->cur = YYCURSOR; return f->tok == f->lim ? T_EOF : T_BAD; }
		"---" / end     { f->cur = YYCURSOR; return f->tok == f->line ? T_DOC : T_BAD; }
		"..." / end     { f->cur = YYCURSOR; return T_BAD; }
		"-" / end       { f->cur = YYCURSOR; return T_DASH; }
		":" / end       { f->cur = YYCURSOR; return T_COLON; }
		plain_b         { f->cur = YYCURSOR; return plain_or_marker(f); }
		dq              { f->cur = YYCURSOR; return T_DQ; }
		sq              { f->cur = YYCURSOR; return T_SQ; }
		"["             { f->cur = YYCURSOR; return T_LBRACK; }
		"{"             { f->cur = YYCURSOR; return T_LBRACE; }
		*               { f->cur = YYCURSOR; return T_BAD; }
	*/
	}
}

/* The next token inside a flow collection, which this reader takes on one
 * line only. */
static enum tok lex_flow(struct fast *f)
{
	const unsigned char *YYCURSOR = f->cur, *YYMARKER;
	for (;;) {
		f->tok = YYCURSOR;
	/*!re2c
		[ ]+                  { continue; }
		":"                   { f->cur = YYCURSOR; return T_COLON; }
		plain_f               { f->cur = YYCURSOR; return T_PLAIN; }
		plain_f " "* ":" [,?[\]{}] { f->cur = YYCURSOR; return T_BAD; }
		dq                    { f->cur = YYCURSOR; return T_DQ; }
		sq                    { f->cur = YYCURSOR; return T_SQ; }
		"["                   { f->cur = YYCURSOR; return T_LBRACK; }
		"]"                   { f->cur = YYCURSOR; return T_RBRACK; }
		"{"                   { f->cur = YYCURSOR; return T_LBRACE; }
		"}"                   { f->cur = YYCURSOR; return T_RBRACE; }
		","                   { f->cur = YYCURSOR; return T_COMMA; }
		*                     { f->cur = YYCURSOR; return T_BAD; }
	*/
	}
}

static void advance(struct fast *f)
{
	f->kind = f->flow ? lex_flow(f) : lex_block(f);
}

/* Past line feeds to the next token that is not one. */
static void skip_lines(struct fast *f)
{
	while (f->kind == T_EOL) {
		f->line = f->cur;
		advance(f);
	}
}

static bool give_up(struct fast *f)
{
	f->unsupported = true;
	return false;
}

static uint32_t at(const struct fast *f, const unsigned char *p)
{
	return (uint32_t)(p - f->text);
}

static long column(const struct fast *f)
{
	return (long)(f->tok - f->line);
}

static bool emit(struct fast *f, enum yaml_ev_kind kind, const unsigned char *start,
		 const unsigned char *end)
{
	struct yaml_ev e = { .kind = kind, .start = at(f, start), .end = at(f, end) };
	return f->fn(f->ctx, &e);
}

static bool emit_scalar(struct fast *f)
{
	bool quoted = f->kind != T_PLAIN;
	struct yaml_ev e = { .kind = YEV_SCALAR, .start = at(f, f->tok), .end = at(f, f->cur),
			     .text = (const char *)f->tok + quoted,
			     .len = (size_t)(f->cur - f->tok) - 2 * quoted, .quoted = quoted };
	return f->fn(f->ctx, &e);
}

/* An empty value (a null), where libyaml puts it. */
static bool emit_empty(struct fast *f, const unsigned char *p)
{
	struct yaml_ev e = { .kind = YEV_SCALAR, .start = at(f, p), .end = at(f, p), .text = "" };
	return f->fn(f->ctx, &e);
}

static bool is_scalar(enum tok k)
{
	return k == T_PLAIN || k == T_DQ || k == T_SQ;
}

/* Whether the scalar just read is a key: ':' and a blank after it, on its
 * line, within the 1024 characters libyaml allows a key. */
static bool key_follows(const struct fast *f)
{
	const unsigned char *p = f->cur;
	while (*p == ' ')
		p++;
	return *p == ':' && (p[1] == ' ' || p[1] == '\n' || p + 1 == f->lim) &&
	       p - f->tok < 1024;
}

/* Whether libyaml would read the next lines into the plain scalar that
 * ends at end, in a block collection at column indent: a line feed right
 * after it, and a line indented deeper than indent that is no comment. */
static bool plain_goes_on(const struct fast *f, const unsigned char *end, long indent)
{
	const unsigned char *p = end;
	while (*p == ' ')
		p++;
	while (*p == '\n') {
		const unsigned char *line = ++p;
		while (*p == ' ')
			p++;
		if (*p == '\n')
			continue;
		return p < f->lim && p - line > indent && *p != '#';
	}
	return false;
}

static bool flow_node(struct fast *f);

static bool open_collection(struct fast *f)
{
	return ++f->depth <= YAML_MAX_DEPTH || give_up(f);
}

/* [a, b] or {k: v}, on one line; the current token is '[' or '{'. */
static bool flow_collection(struct fast *f)
{
	bool map = f->kind == T_LBRACE;
	if (!open_collection(f) || !emit(f, map ? YEV_MAP_START : YEV_SEQ_START, f->tok, f->cur))
		return false;
	f->flow++;
	advance(f);
	enum tok close = map ? T_RBRACE : T_RBRACK;
	while (f->kind != close) {
		if (map) {
			if (!is_scalar(f->kind))
				return give_up(f);
			const unsigned char *key = f->tok;
			if (!emit_scalar(f))
				return false;
			advance(f);
			if (f->kind != T_COLON || f->tok - key >= 1024)
				return give_up(f);
			advance(f);
			if (f->kind == T_COMMA || f->kind == T_RBRACE) {
				if (!emit_empty(f, f->tok))
					return false;
			} else if (!flow_node(f)) {
				return false;
			}
		} else if (!flow_node(f)) {
			return false;
		}
		if (f->kind == T_COMMA)
			advance(f);
		else if (f->kind != close)
			return give_up(f);
	}
	if (!emit(f, map ? YEV_MAP_END : YEV_SEQ_END, f->tok, f->cur))
		return false;
	f->flow--;
	f->depth--;
	advance(f);
	return true;
}

/* A scalar or collection in a flow collection; a scalar that a ':'
 * follows (a pair in a list) is not taken. */
static bool flow_node(struct fast *f)
{
	if (f->kind == T_LBRACK || f->kind == T_LBRACE)
		return flow_collection(f);
	if (!is_scalar(f->kind))
		return give_up(f);
	if (!emit_scalar(f))
		return false;
	advance(f);
	return f->kind != T_COLON || give_up(f);
}

/* A scalar or flow collection in the block context, the last thing on its
 * line; then past the line feeds. indent: the column of the block
 * collection it is in (-1: none). */
static bool inline_node(struct fast *f, long indent)
{
	if (f->kind == T_LBRACK || f->kind == T_LBRACE) {
		if (!flow_collection(f))
			return false;
	} else if (is_scalar(f->kind)) {
		if (f->kind == T_PLAIN && plain_goes_on(f, f->cur, indent))
			return give_up(f);
		if (!emit_scalar(f))
			return false;
		advance(f);
	} else {
		return give_up(f);
	}
	if (f->kind != T_EOL && f->kind != T_EOF)
		return give_up(f);
	skip_lines(f);
	return true;
}

static bool block_node(struct fast *f, long indent);
static bool block_list(struct fast *f, long col, bool indentless);

/* What follows an indicator ('-' of an entry, ':' of a key) that ends at
 * mark, in a block collection at column col: a node on the same line, one
 * on the lines below indented deeper, an indentless list (after a key), or
 * nothing (a null at mark). */
static bool block_value(struct fast *f, long col, const unsigned char *mark, bool key)
{
	if (f->kind != T_EOL && f->kind != T_EOF) {
		/* On the same line: after a key, no block collection starts. */
		if (key && !is_scalar(f->kind) && f->kind != T_LBRACK && f->kind != T_LBRACE)
			return give_up(f);
		return key ? inline_node(f, col) : block_node(f, col);
	}
	skip_lines(f);
	if (f->kind != T_EOF && column(f) > col)
		return block_node(f, col);
	if (key && f->kind == T_DASH && column(f) == col)
		return block_list(f, col, true);
	return emit_empty(f, mark);
}

/* A block mapping whose first key is the current token, at column col. */
static bool block_mapping(struct fast *f, long col)
{
	if (!open_collection(f) || !emit(f, YEV_MAP_START, f->tok, f->tok))
		return false;
	for (;;) {
		if (!is_scalar(f->kind) || !key_follows(f))
			return give_up(f);
		if (!emit_scalar(f))
			return false;
		advance(f);      /* the ':' */
		const unsigned char *mark = f->cur;
		advance(f);
		if (!block_value(f, col, mark, true))
			return false;
		if (f->kind == T_EOF || column(f) < col)
			break;
		if (column(f) > col)
			return give_up(f);
	}
	f->depth--;
	return emit(f, YEV_MAP_END, f->tok, f->tok);
}

/* A block list whose first '-' is the current token, at column col;
 * indentless: the value of a key at the same column. */
static bool block_list(struct fast *f, long col, bool indentless)
{
	if (!open_collection(f) ||
	    !emit(f, YEV_SEQ_START, f->tok, indentless ? f->cur : f->tok))
		return false;
	for (;;) {
		const unsigned char *mark = f->cur;
		advance(f);
		if (!block_value(f, col, mark, false))
			return false;
		if (f->kind == T_EOF || column(f) < col)
			break;
		if (column(f) > col)
			return give_up(f);
		if (f->kind != T_DASH) {
			if (indentless)
				break;
			return give_up(f);
		}
	}
	f->depth--;
	return emit(f, YEV_SEQ_END, f->tok, f->tok);
}

/* The node that starts at the current token; indent: the column of the
 * block collection it is in (-1: none). */
static bool block_node(struct fast *f, long indent)
{
	long col = column(f);
	if (f->kind == T_DASH)
		return block_list(f, col, false);
	if (is_scalar(f->kind) && key_follows(f))
		return block_mapping(f, col);
	return inline_node(f, indent);
}

bool yaml_fast_events(const struct source *src, yaml_ev_fn fn, void *ctx)
{
	struct fast f = { .text = (const unsigned char *)src->text,
			  .lim = (const unsigned char *)src->text + src->len, .fn = fn, .ctx = ctx };
	f.cur = f.line = f.text;
	advance(&f);
	skip_lines(&f);
	if (f.kind == T_DOC) {
		if (!emit(&f, YEV_DOCUMENT, f.tok, f.cur))
			return true;
		advance(&f);
		if (f.kind != T_EOL)
			return false;
		skip_lines(&f);
		if (f.kind == T_EOF)
			return false;
	} else if (f.kind != T_EOF && !emit(&f, YEV_DOCUMENT, f.tok, f.tok)) {
		return true;
	}
	if (f.kind != T_EOF && !block_node(&f, -1))
		return !f.unsupported;
	if (f.kind != T_EOF)
		return false;
	emit(&f, YEV_STREAM_END, f.lim, f.lim);
	return true;
}
