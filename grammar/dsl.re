/* The DSL tokenizer. One re2c block for tokens, one for the inside of
 * strings. The input may hold NUL bytes: the source's text ends with a NUL
 * (source.h), re2c reads it as a sentinel, and the `$` rule (a bounds check
 * made only on a 0 byte) tells the real end from a NUL byte, an error. */
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/codes.h"
#include "dsl_lexer.h"

/*!re2c
	re2c:api = custom;
	re2c:api:style = free-form;
	re2c:define:YYCTYPE = "unsigned char";
	re2c:define:YYPEEK = "*l->cur";
	re2c:define:YYSKIP = "++l->cur;";
	re2c:define:YYBACKUP = "l->mar = l->cur;";
	re2c:define:YYRESTORE = "l->cur = l->mar;";
	re2c:define:YYLESSTHAN = "l->cur >= l->lim";
	re2c:yyfill:enable = 0;
	re2c:eof = 0;

	utf8_tail = [\x80-\xbf];
	utf8_2    = [\xc2-\xdf] utf8_tail;
	utf8_3    = "\xe0" [\xa0-\xbf] utf8_tail | [\xe1-\xec\xee\xef] utf8_tail utf8_tail
	          | "\xed" [\x80-\x9f] utf8_tail;
	utf8_4    = "\xf0" [\x90-\xbf] utf8_tail utf8_tail | [\xf1-\xf3] utf8_tail utf8_tail utf8_tail
	          | "\xf4" [\x80-\x8f] utf8_tail utf8_tail;
	utf8_multi = utf8_2 | utf8_3 | utf8_4;
	blank     = [ \t];
	word_start = [A-Za-z0-9_+*];
	word_char  = [A-Za-z0-9_+*.@:/%=?&~-];
*/

void dsl_lex_init(struct dsl_lexer *l, const struct source *src, struct arena *a,
		  struct diag *d)
{
	memset(l, 0, sizeof *l);
	l->src = src;
	l->arena = a;
	l->diag = d;
	l->cur = l->tok = (const unsigned char *)src->text;
	l->lim = l->cur + src->len;
}

static uint32_t offset_of(const struct dsl_lexer *l, const unsigned char *p)
{
	return (uint32_t)(p - (const unsigned char *)l->src->text);
}

static struct dsl_token make(struct dsl_lexer *l, enum dsl_tok kind)
{
	struct dsl_token t = { kind, span_make(l->src, offset_of(l, l->tok),
					       (size_t)(l->cur - l->tok)), NULL, 0 };
	t.text = (const char *)l->tok;
	t.len = (size_t)(l->cur - l->tok);
	return t;
}

static struct dsl_token error_at(struct dsl_lexer *l, const unsigned char *at, size_t len,
				 unsigned code, const char *msg)
{
	diag_error(l->diag, code, span_make(l->src, offset_of(l, at), len), "%s", msg);
	struct dsl_token t = make(l, DT_ERROR);
	return t;
}

static struct dsl_token too_long(struct dsl_lexer *l, struct dsl_token t)
{
	if (t.len <= DSL_MAX_TOKEN)
		return t;
	diag_error(l->diag, IVR_DSL_TOO_LONG, span_make(l->src, t.span.offset, 1),
		   "token longer than %d bytes", DSL_MAX_TOKEN);
	t.kind = DT_ERROR;
	return t;
}

/* `name:` before a blank, a line break or the end is a step's label. */
static struct dsl_token word_or_label(struct dsl_lexer *l)
{
	struct dsl_token t = make(l, DT_WORD);
	int next = l->cur < l->lim ? *l->cur : '\n';
	if (t.len < 2 || t.text[t.len - 1] != ':' ||
	    !(next == ' ' || next == '\t' || next == '\r' || next == '\n'))
		return t;
	if (memchr(t.text, ':', t.len - 1) || !(t.text[0] == '_' || (t.text[0] | 0x20) >= 'a'))
		return t;
	t.kind = DT_LABEL;
	t.len--;
	return t;
}

/* Appends one code point as UTF-8. */
static size_t put_utf8(char *out, uint32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | c >> 12);
		out[1] = (char)(0x80 | (c >> 6 & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | c >> 18);
	out[1] = (char)(0x80 | (c >> 12 & 0x3f));
	out[2] = (char)(0x80 | (c >> 6 & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

static uint32_t hex_value(const unsigned char *p, const unsigned char *end)
{
	uint32_t v = 0;
	for (; p < end; p++)
		v = v * 16 + (uint32_t)(*p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10);
	return v;
}

/* After an error inside a string: on to just past its closing quote (or
 * to the end of the line), so the rest of it is not read as tokens. */
static struct dsl_token string_error(struct dsl_lexer *l, const unsigned char *at, size_t len,
				     unsigned code, const char *msg)
{
	struct dsl_token t = error_at(l, at, len, code, msg);
	while (l->cur < l->lim && *l->cur != '\n' && *l->cur != '\r') {
		if (*l->cur == '\\' && l->cur + 1 < l->lim && l->cur[1] != '\n')
			l->cur++;
		else if (*l->cur++ == '"')
			break;
	}
	return t;
}

/* The inside of a string, after the opening quote: decodes escapes into the
 * arena. Escapes: \" \\ \n \t \r \u{1-6 hex digits}. */
static struct dsl_token lex_string(struct dsl_lexer *l)
{
	/* A string ends on its line, and decoding never grows it: the rest of
	 * the line is room enough. */
	const unsigned char *eol = memchr(l->cur, '\n', (size_t)(l->lim - l->cur));
	char *out = arena_alloc(l->arena, (size_t)((eol ? eol : l->lim) - l->cur) + 1);
	size_t n = 0;
	for (;;) {
		const unsigned char *start = l->cur;
		/*!re2c
		["] {
			struct dsl_token t = make(l, DT_STRING);
			out[n] = '\0';
			t.text = out;
			t.len = n;
			return too_long(l, t);
		}
		[\\] ["\\] { out[n++] = (char)start[1]; continue; }
		[\\] "n" { out[n++] = '\n'; continue; }
		[\\] "t" { out[n++] = '\t'; continue; }
		[\\] "r" { out[n++] = '\r'; continue; }
		[\\] "u{" [0-9A-Fa-f]{1,6} "}" {
			uint32_t c = hex_value(start + 3, l->cur - 1);
			if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) || c == 0)
				return string_error(l, start, (size_t)(l->cur - start), IVR_DSL_ESCAPE,
						"\\u{...} is not a valid code point here");
			n += put_utf8(out + n, c);
			continue;
		}
		[\\] {
			return string_error(l, start, 2, IVR_DSL_ESCAPE,
					"unknown escape; use \\\" \\\\ \\n \\t \\r or \\u{HEX}");
		}
		[\r\n] {
			l->cur = start;
			return error_at(l, l->tok, 1, IVR_DSL_UNTERMINATED,
					"unterminated string (a string ends on its line)");
		}
		$ {
			return error_at(l, l->tok, 1, IVR_DSL_UNTERMINATED,
					"unterminated string (a string ends on its line)");
		}
		[\x00] {
			return string_error(l, start, 1, IVR_DSL_CHARACTER, "NUL byte in a string");
		}
		[\x01-\x08\x0b\x0c\x0e-\x1f\x7f] {
			return string_error(l, start, 1, IVR_DSL_CHARACTER,
					"control character in a string; write it as an escape");
		}
		([\x20-\x7e] \ ["\\])+ {
			memcpy(out + n, start, (size_t)(l->cur - start));
			n += (size_t)(l->cur - start);
			continue;
		}
		utf8_multi {
			memcpy(out + n, start, (size_t)(l->cur - start));
			n += (size_t)(l->cur - start);
			continue;
		}
		* { return string_error(l, start, 1, IVR_DSL_UTF8, "invalid UTF-8 in a string"); }
		*/
	}
}

struct dsl_token dsl_lex_next(struct dsl_lexer *l)
{
	for (;;) {
		l->tok = l->cur;
		/*!re2c
		$ { return make(l, DT_EOF); }
		blank+ { continue; }
		"\r"? "\n" { return make(l, DT_NEWLINE); }
		"#" [^\r\n\x00]* { return too_long(l, make(l, DT_COMMENT)); }
		";" { return make(l, DT_SEMI); }
		"{" { return make(l, DT_LBRACE); }
		"}" { return make(l, DT_RBRACE); }
		"[" { return make(l, DT_LBRACKET); }
		"]" { return make(l, DT_RBRACKET); }
		"," { return make(l, DT_COMMA); }
		"->" { return make(l, DT_ARROW); }
		"=>" {
			return error_at(l, l->tok, 2, IVR_DSL_CHARACTER,
					"'=>' is not the DSL's arrow: write '->' (1 -> menu:sales)");
		}
		"=" {
			return error_at(l, l->tok, 1, IVR_DSL_CHARACTER,
					"the DSL writes a key and its value without '=' (timeout 10s)");
		}
		["] { return lex_string(l); }
		(word_start | "-" [0-9]) word_char* {
			/* `a->b`: the word stops before the arrow. */
			if (l->cur[-1] == '-' && l->cur < l->lim && *l->cur == '>')
				l->cur--;
			return too_long(l, word_or_label(l));
		}
		"\x00" { return error_at(l, l->tok, 1, IVR_DSL_CHARACTER, "NUL byte in the file"); }
		"\r" { return error_at(l, l->tok, 1, IVR_DSL_CHARACTER, "a lone carriage return"); }
		utf8_multi {
			return error_at(l, l->tok, (size_t)(l->cur - l->tok), IVR_DSL_CHARACTER,
					"unexpected character; only strings may hold non-ASCII text");
		}
		[\x80-\xff] { return error_at(l, l->tok, 1, IVR_DSL_UTF8, "invalid UTF-8"); }
		* { return error_at(l, l->tok, 1, IVR_DSL_CHARACTER, "unexpected character"); }
		*/
	}
}

const char *dsl_tok_name(enum dsl_tok t)
{
	static const char *const names[] = {
		[DT_EOF] = "the end of the file", [DT_NEWLINE] = "a line break",
		[DT_SEMI] = "';'", [DT_LBRACE] = "'{'", [DT_RBRACE] = "'}'",
		[DT_LBRACKET] = "'['", [DT_RBRACKET] = "']'", [DT_COMMA] = "','",
		[DT_ARROW] = "'->'", [DT_WORD] = "a word", [DT_STRING] = "a string",
		[DT_LABEL] = "a label", [DT_COMMENT] = "a comment", [DT_ERROR] = "an error",
	};
	return names[t];
}
