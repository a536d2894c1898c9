/* Flow expressions (expr.h): an re2c lexer and a precedence-climbing
 * parser. The input is one scalar, not NUL-terminated; YYPEEK reads 0 past
 * its end and the `$` rule tells the real end from a NUL byte. */
#include "expr.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../compiler/arena.h"

enum tok {
	T_END, T_NUMBER, T_STRING, T_NAME, T_VAR, T_LPAREN, T_RPAREN, T_OP,
	T_CLOSE,         /* the } that ends a template's ${...} */
	T_BAD,           /* a character or sequence that is no token: p->why says */
};

struct parser {
	struct arena *a;
	const unsigned char *base, *cur, *lim, *mar, *tok;
	size_t shift;              /* offset of base in the caller's text */
	struct lex_error *e;
	bool failed;
	/* The current token. */
	enum tok t;
	enum expr_op op;
	size_t at, len;            /* where it is, in base */
	const char *text;          /* NAME, VAR: the name; STRING: the value; NUMBER */
	const char *why;           /* T_BAD */
	int depth;                 /* of parentheses and unary operators */
	size_t operators;          /* binary operators so far */
	bool in_template;          /* inside a template's ${...}: no ${name} */
};

/*!re2c
	re2c:api = custom;
	re2c:api:style = free-form;
	re2c:define:YYCTYPE = "unsigned char";
	re2c:define:YYPEEK = "(p->cur < p->lim ? *p->cur : 0)";
	re2c:define:YYSKIP = "++p->cur;";
	re2c:define:YYBACKUP = "p->mar = p->cur;";
	re2c:define:YYRESTORE = "p->cur = p->mar;";
	re2c:define:YYLESSTHAN = "p->cur >= p->lim";
	re2c:yyfill:enable = 0;
	re2c:eof = 0;

	name = [A-Za-z_][A-Za-z0-9_]*;
*/

static bool fail(struct parser *p, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool fail(struct parser *p, size_t at, const char *fmt, ...)
{
	if (p->failed)
		return false;
	p->failed = true;
	va_list ap;
	va_start(ap, fmt);
	p->e->offset = p->shift + at;
	vsnprintf(p->e->message, sizeof p->e->message, fmt, ap);
	va_end(ap);
	return false;
}

/* A string literal's value: the text between the quotes, each backslash
 * taking the next character as it is. */
static const char *unescape(struct arena *a, const unsigned char *s, size_t n)
{
	char *out = arena_alloc(a, n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n)
			i++;
		out[k++] = (char)s[i];
	}
	out[k] = '\0';
	return out;
}

static void set_op(struct parser *p, enum expr_op op)
{
	p->t = T_OP;
	p->op = op;
}

static void bad(struct parser *p, const char *why)
{
	p->t = T_BAD;
	p->why = why;
}

/* Reads the next token into p. */
static void next(struct parser *p)
{
	for (;;) {
		p->tok = p->cur;
		p->at = (size_t)(p->tok - p->base);
		/*!re2c
			[ \t\r\n]+ { continue; }
			$          { p->t = T_END; break; }
			[0-9]+ ("." [0-9]+)? {
				p->t = T_NUMBER;
				p->text = arena_strndup(p->a, (const char *)p->tok,
							(size_t)(p->cur - p->tok));
				break;
			}
			"'" ([^'\\\x00] | "\\" [^\x00])* "'" {
				p->t = T_STRING;
				p->text = unescape(p->a, p->tok + 1, (size_t)(p->cur - p->tok) - 2);
				break;
			}
			"'"        { bad(p, "a string that is not closed: end it with '"); break; }
			["]        { bad(p, "strings are in single quotes: 'text'"); break; }
			"${" [ ]* name [ ]* "}" {
				const unsigned char *s = p->tok + 2, *e = p->cur - 1;
				while (*s == ' ')
					s++;
				while (e[-1] == ' ')
					e--;
				p->t = T_VAR;
				p->text = arena_strndup(p->a, (const char *)s, (size_t)(e - s));
				break;
			}
			"${" [ ]* name ("." name)+ [ ]* "}" {
				bad(p, "Infobip keeps each field of a call_api answer as a variable of "
				    "its own: write the field's name, without 'name.'");
				break;
			}
			"${"       { bad(p, "'${' around a variable holds its name only: ${name}"); break; }
			name ("." name)+ {
				bad(p, "Infobip keeps each field of a call_api answer as a variable of "
				    "its own: write the field's name, without 'name.'");
				break;
			}
			name {
				p->t = T_NAME;
				p->text = arena_strndup(p->a, (const char *)p->tok,
							(size_t)(p->cur - p->tok));
				break;
			}
			"}"  {
				if (p->in_template)
					p->t = T_CLOSE;
				else
					bad(p, NULL);
				break;
			}
			"("  { p->t = T_LPAREN; break; }
			")"  { p->t = T_RPAREN; break; }
			"||" { set_op(p, EXOP_OR); break; }
			"&&" { set_op(p, EXOP_AND); break; }
			"==" { set_op(p, EXOP_EQ); break; }
			"!=" { set_op(p, EXOP_NE); break; }
			"<=" { set_op(p, EXOP_LE); break; }
			">=" { set_op(p, EXOP_GE); break; }
			"<"  { set_op(p, EXOP_LT); break; }
			">"  { set_op(p, EXOP_GT); break; }
			"+"  { set_op(p, EXOP_ADD); break; }
			"-"  { set_op(p, EXOP_SUB); break; }
			"*"  { set_op(p, EXOP_MUL); break; }
			"/"  { set_op(p, EXOP_DIV); break; }
			"%"  { set_op(p, EXOP_MOD); break; }
			"!"  { set_op(p, EXOP_NOT); break; }
			"===" | "!==" { bad(p, "compare with '==' or '!='"); break; }
			"="  { bad(p, "'=' does not compare: write '=='"); break; }
			"&"  { bad(p, "'&' is not an operator: write '&&'"); break; }
			"|"  { bad(p, "'|' is not an operator: write '||'"); break; }
			[\x00] { bad(p, "a NUL byte"); break; }
			*    { bad(p, NULL); break; }
		*/
	}
	p->len = (size_t)(p->cur - p->tok);
}

/* The current token, for a message. */
static const char *token_text(struct parser *p)
{
	if (p->t == T_END)
		return "the end";
	size_t n = p->len > 24 ? 24 : p->len;
	for (size_t i = 0; i < n; i++)
		if (p->tok[i] < ' ' || p->tok[i] >= 0x7f)
			return p->tok[i] < 0x80 ? "a control character" : "a character outside ASCII";
	return arena_printf(p->a, "'%.*s%s'", (int)n, (const char *)p->tok,
			    p->len > n ? "..." : "");
}

/* A word that other languages use for an operator. */
static const char *word_hint(const char *name)
{
	static const char *const words[][2] = {
		{ "and", "write '&&' for 'and'" }, { "or", "write '||' for 'or'" },
		{ "not", "write '!' for 'not'" }, { "AND", "write '&&' for 'AND'" },
		{ "OR", "write '||' for 'OR'" }, { "NOT", "write '!' for 'NOT'" },
		{ "null", "there is no null: a variable never set reads as ''" },
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(name, words[i][0]) == 0)
			return words[i][1];
	return NULL;
}

static struct ast_expr *node(struct parser *p, enum expr_kind k, size_t at, size_t len)
{
	struct ast_expr *x = arena_alloc(p->a, sizeof *x);
	memset(x, 0, sizeof *x);
	x->kind = k;
	x->offset = (uint32_t)(p->shift + at);
	x->length = (uint32_t)len;
	return x;
}

static struct ast_expr *parse(struct parser *p, int min);

/* A value, a parenthesized expression, or a unary operator and its operand. */
static struct ast_expr *primary(struct parser *p)
{
	size_t at = p->at;
	struct ast_expr *x;
	if (p->t == T_BAD) {
		fail(p, at, "%s", p->why ? p->why : arena_printf(p->a, "%s is not part of an "
				   "expression", token_text(p)));
		return NULL;
	}
	if (p->t == T_OP && (p->op == EXOP_NOT || p->op == EXOP_SUB)) {
		if (++p->depth > EXPR_MAX_DEPTH) {
			fail(p, at, "nested more than %d deep", EXPR_MAX_DEPTH);
			return NULL;
		}
		enum expr_op op = p->op == EXOP_NOT ? EXOP_NOT : EXOP_NEG;
		next(p);
		struct ast_expr *rhs = primary(p);
		p->depth--;
		if (!rhs)
			return NULL;
		x = node(p, EX_UNARY, at, rhs->offset + rhs->length - p->shift - at);
		x->op = op;
		x->rhs = rhs;
		return x;
	}
	if (p->t == T_LPAREN) {
		if (++p->depth > EXPR_MAX_DEPTH) {
			fail(p, at, "nested more than %d deep", EXPR_MAX_DEPTH);
			return NULL;
		}
		next(p);
		x = parse(p, 1);
		p->depth--;
		if (!x)
			return NULL;
		if (p->t != T_RPAREN) {
			fail(p, p->at, "expected ')' to close the '(' at column %zu, got %s", at + 1,
			     token_text(p));
			return NULL;
		}
		next(p);
		return x;
	}
	if (p->t == T_NAME && word_hint(p->text)) {
		fail(p, at, "'%s' is not a value: %s", p->text, word_hint(p->text));
		return NULL;
	}
	switch (p->t) {
	case T_NUMBER: x = node(p, EX_NUMBER, at, p->len); x->text = p->text; break;
	case T_STRING: x = node(p, EX_STRING, at, p->len); x->text = p->text; break;
	case T_VAR:
		if (p->in_template) {
			fail(p, at, "inside '${...}' a variable is its name alone: write '%s'", p->text);
			return NULL;
		}
		/* ${null} is no more a variable than null is. */
		if (word_hint(p->text) || strcmp(p->text, "true") == 0 ||
		    strcmp(p->text, "false") == 0) {
			fail(p, at, "'%s' is not a variable's name%s%s", p->text,
			     word_hint(p->text) ? ": " : "", word_hint(p->text) ? word_hint(p->text) : "");
			return NULL;
		}
		x = node(p, EX_VAR, at, p->len);
		x->text = p->text;
		break;
	case T_NAME:
		if (strcmp(p->text, "true") == 0 || strcmp(p->text, "false") == 0) {
			x = node(p, EX_BOOL, at, p->len);
			x->value = p->text[0] == 't';
		} else {
			x = node(p, EX_VAR, at, p->len);
			x->text = p->text;
		}
		break;
	default:
		fail(p, at, "expected a value (a variable, 'text', a number, true, false or "
		     "'('), got %s", token_text(p));
		return NULL;
	}
	next(p);
	return x;
}

static bool binary(const struct parser *p)
{
	return p->t == T_OP && p->op != EXOP_NOT;
}

/* Precedence climbing: operands joined by operators that bind at least as
 * tightly as min, left to right. */
static struct ast_expr *parse(struct parser *p, int min)
{
	struct ast_expr *lhs = primary(p);
	while (lhs && binary(p) && expr_precedence(p->op) >= min) {
		enum expr_op op = p->op;
		if (++p->operators > EXPR_MAX_OPERATORS) {
			fail(p, p->at, "more than %d operators in one expression", EXPR_MAX_OPERATORS);
			return NULL;
		}
		next(p);
		struct ast_expr *rhs = parse(p, expr_precedence(op) + 1);
		if (!rhs)
			return NULL;
		struct ast_expr *x = node(p, EX_BINARY, lhs->offset - p->shift,
					  rhs->offset + rhs->length - lhs->offset);
		x->op = op;
		x->lhs = lhs;
		x->rhs = rhs;
		lhs = x;
	}
	return lhs;
}

/* One expression from p->cur to the end of the text, or (in a template)
 * to the } of the ${ at offset open; NULL after an error (empty: the
 * message for no expression at all). */
static struct ast_expr *parse_whole(struct parser *p, size_t open, const char *empty)
{
	enum tok end = p->in_template ? T_CLOSE : T_END;
	next(p);
	if (p->in_template && p->t == T_END) {
		fail(p, open, "a '${' that is not closed: end it with '}'");
		return NULL;
	}
	if (p->t == end) {
		fail(p, p->in_template ? open : 0, "%s", empty);
		return NULL;
	}
	struct ast_expr *x = parse(p, 1);
	if (x && p->t != end) {
		const char *hint = p->t == T_NAME ? word_hint(p->text) : NULL;
		if (p->in_template && p->t == T_END)
			fail(p, open, "a '${' that is not closed: end it with '}'");
		else if (p->t == T_BAD && p->why)
			fail(p, p->at, "%s", p->why);
		else if (hint)
			fail(p, p->at, "expected an operator, got '%s': %s", p->text, hint);
		else if (p->in_template)
			fail(p, p->at, "expected an operator or the '}' that closes '${', got %s",
			     token_text(p));
		else
			fail(p, p->at, "expected an operator (== != < <= > >= && || + - * / %%) or "
			     "the end, got %s", token_text(p));
		return NULL;
	}
	return p->failed ? NULL : x;
}

static bool parse_template(struct arena *a, const char *s, size_t n, size_t shift,
			   struct ast_template *t, struct lex_error *e);

/* (Not strchr(" \t\r\n", c): it finds the terminating NUL too.) */
static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static struct ast_expr *bare(struct arena *a, const char *s, size_t from, size_t to,
			     struct lex_error *e);

struct ast_expr *expr_parse(struct arena *a, const char *s, size_t n, struct lex_error *e)
{
	size_t from = 0, to = n;
	while (from < to && blank(s[from]))
		from++;
	while (to > from && blank(s[to - 1]))
		to--;
	/* One ${...} around it all: the expression is inside. Read as a
	 * template, it is one part; a text that starts with ${ and ends with }
	 * but is no template has its error inside that wrapper. */
	if (to - from > 2 && s[from] == '$' && s[from + 1] == '{') {
		struct ast_template whole;
		if (!parse_template(a, s + from, to - from, from, &whole, e))
			return s[to - 1] == '}' ? NULL : bare(a, s, from, to, e);
		if (whole.nparts == 1 && whole.parts[0].expr)
			return whole.parts[0].expr;
	}
	return bare(a, s, from, to, e);
}

/* s[from..to): an expression without a wrapper around it all. */
static struct ast_expr *bare(struct arena *a, const char *s, size_t from, size_t to,
			     struct lex_error *e)
{
	struct parser p = { .a = a, .base = (const unsigned char *)s + from,
			    .lim = (const unsigned char *)s + to, .shift = from, .e = e };
	p.cur = p.base;
	return parse_whole(&p, 0, "an empty condition: write one, e.g. tier == 'gold'");
}

enum tpl_tok { TPL_TEXT, TPL_OPEN, TPL_NUL, TPL_END };

/* The next piece of a template's text. */
static enum tpl_tok tpl_next(struct parser *p)
{
	p->tok = p->cur;
	/*!re2c
		[^$\x00]+ { return TPL_TEXT; }
		"$"       { return TPL_TEXT; }
		"${"      { return TPL_OPEN; }
		[\x00]    { return TPL_NUL; }
		$         { return TPL_END; }
	*/
}

static void add_part(struct parser *p, struct ast_template *t, size_t *cap, size_t from,
		     size_t to, struct ast_expr *x)
{
	struct ast_template_part part = { (const char *)p->base + from, to - from, x };
	ARENA_PUSH(p->a, t->parts, t->nparts, *cap, part);
}

/* s[0..n) is at offset shift of the caller's text. */
static bool parse_template(struct arena *a, const char *s, size_t n, size_t shift,
			   struct ast_template *t, struct lex_error *e)
{
	struct parser p = { .a = a, .base = (const unsigned char *)s,
			    .lim = (const unsigned char *)s + n, .shift = shift, .e = e,
			    .in_template = true };
	p.cur = p.base;
	t->parts = NULL;
	t->nparts = 0;
	size_t cap = 0, text = 0;
	for (;;) {
		size_t at = (size_t)(p.cur - p.base);
		switch (tpl_next(&p)) {
		case TPL_TEXT:
			break;
		case TPL_NUL:
			return fail(&p, at, "a NUL byte in the text");
		case TPL_END:
			if (at > text || t->nparts == 0)
				add_part(&p, t, &cap, text, at, NULL);
			return true;
		case TPL_OPEN: {
			if (at > text)
				add_part(&p, t, &cap, text, at, NULL);
			p.operators = 0;           /* the cap is per expression */
			struct ast_expr *x = parse_whole(&p, at, "an empty '${}': write a variable's "
							 "name or an expression in it");
			if (!x)
				return false;
			text = (size_t)(p.cur - p.base);
			add_part(&p, t, &cap, at, text, x);
			break;
		}
		}
	}
}

bool expr_template_parse(struct arena *a, const char *s, size_t n, struct ast_template *t,
			 struct lex_error *e)
{
	return parse_template(a, s, n, 0, t, e);
}

static struct ast_expr *condition_why(struct arena *a, const char *s, size_t n, const char **why)
{
	struct lex_error e;
	struct ast_expr *x = expr_parse(a, s, n, &e);
	if (!x)
		*why = arena_strdup(a, e.message);
	return x;
}

static bool template_why(struct arena *a, const char *s, size_t n, struct ast_template *t,
			 const char **why)
{
	struct lex_error e;
	bool ok = expr_template_parse(a, s, n, t, &e);
	if (!ok)
		*why = arena_strdup(a, e.message);
	return ok;
}

const struct expr_parsers expr_parsers = { condition_why, template_why };
