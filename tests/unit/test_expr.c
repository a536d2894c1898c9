/* Unit test for flow expressions (grammar/expr.re, compiler/expr.c): what
 * parses, the tree as Infobip's syntax prints it, and each error with its
 * column and its fix. Prints one PASS/FAIL line per check; exits 1 if any
 * check failed. */
#include "grammar/expr.h"

#include <stdio.h>
#include <string.h>
#include "compiler/arena.h"
#include "check.h"

/* The printed tree, or "error at COLUMN: MESSAGE". */
static const char *parsed(struct arena *a, const char *s)
{
	struct lex_error e;
	struct ast_expr *x = expr_parse(a, s, strlen(s), &e);
	if (!x)
		return arena_printf(a, "error at %zu: %s", e.offset + 1, e.message);
	return expr_print(a, x);
}

static void var_count(void *ctx, const struct ast_expr *v)
{
	(void)v;
	++*(int *)ctx;
}

/* The parts of a template, each as "text" or ${printed tree}, or the error. */
static const char *template_parts(struct arena *a, const char *s, size_t n)
{
	struct lex_error e;
	struct ast_template t;
	if (!expr_template_parse(a, s, n, &t, &e))
		return arena_printf(a, "error at %zu: %s", e.offset + 1, e.message);
	const char *out = "";
	for (size_t i = 0; i < t.nparts; i++)
		out = t.parts[i].expr ?
		      arena_printf(a, "%s[${%s} at %zu]", out, expr_print(a, t.parts[i].expr),
				   (size_t)(t.parts[i].text - s) + 1) :
		      arena_printf(a, "%s[\"%.*s\"]", out, (int)t.parts[i].len, t.parts[i].text);
	return out;
}

static void test_templates(struct arena *a)
{
	static const struct { const char *in, *out, *what; } cases[] = {
		{ "Hello", "[\"Hello\"]", "text alone" },
		{ "", "[\"\"]", "empty text" },
		{ "${tries + 1}", "[${tries + 1} at 1]", "one expression" },
		{ "Hi ${name}, $5 {x} ${ a*(b+1) }!",
		  "[\"Hi \"][${name} at 4][\", $5 {x} \"][${a * (b + 1)} at 20][\"!\"]",
		  "text and expressions; a $ alone and braces are text" },
		{ "${x == '}'}", "[${x == '}'} at 1]", "a } in a string does not close" },
		{ "a ${", "error at 3: a '${' that is not closed: end it with '}'", "open at the end" },
		{ "a ${b + 1", "error at 3: a '${' that is not closed: end it with '}'", "open" },
		{ "x${}", "error at 2: an empty '${}': write a variable's name or an expression in it",
		  "empty" },
		{ "${${a}}", "error at 3: inside '${...}' a variable is its name alone: write 'a'",
		  "a ${} inside" },
		{ "${a = 1}", "error at 5: '=' does not compare: write '=='", "an expression error" },
		{ "${1x}", "error at 4: expected an operator or the '}' that closes '${', got 'x'",
		  "a bad name" },
		{ "Hello ${name, welcome", "error at 13: expected an operator or the '}' that closes "
		  "'${', got ','", "a ${ left open in text" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_str(template_parts(a, cases[i].in, strlen(cases[i].in)), cases[i].out,
			  cases[i].what);
	struct lex_error e;
	check(!expr_parse(a, "\0${a}", 5, &e) && e.offset == 0,
	      "a NUL before the expression is no blank (fuzz_expr found it skipped)",
	      "parsed, or the error elsewhere");
	check_str(template_parts(a, "ab\0cd", 5), "error at 3: a NUL byte in the text",
		  "a NUL byte in the text");
	check_str(template_parts(a, "${a}xyz", 4), "[${a} at 1]", "stops at n");
}

/* The caps that keep the recursive walkers' depth bounded. */
static void test_caps(struct arena *a)
{
	size_t n = 4 * (EXPR_MAX_OPERATORS + 1) + 1;
	char *chain = arena_alloc(a, n + 1);
	for (size_t i = 0; i < n; i += 4)
		memcpy(chain + i, i + 4 < n ? "a + " : "a", i + 4 < n ? 4 : 1);
	chain[n] = '\0';
	check_str(parsed(a, chain), arena_printf(a, "error at %d: more than %d operators in one "
						 "expression", 4 * EXPR_MAX_OPERATORS + 3,
						 EXPR_MAX_OPERATORS),
		  "an operator over the cap is refused at its column");
	size_t parts = EXPR_MAX_OPERATORS + 1;
	char *many = arena_alloc(a, parts * 8 + 1);
	for (size_t i = 0; i < parts; i++)
		memcpy(many + i * 8, "${a + 1}", 8);
	many[parts * 8] = '\0';
	struct lex_error e;
	struct ast_template t;
	check(expr_template_parse(a, many, parts * 8, &t, &e) && t.nparts == parts,
	      "the operator cap is per ${...}, not per template", e.message);
	chain[n - 4] = '\0';
	check(strcmp(parsed(a, chain), chain) == 0, "1 000 operators parse and print back", "");
}

int main(void)
{
	struct arena a;
	arena_init(&a);
	static const struct { const char *in, *out, *what; } ok[] = {
		{ "tier == 'gold'", "tier == 'gold'", "a comparison" },
		{ "${tier} == 'gold'", "tier == 'gold'", "${} around a variable" },
		{ "${tier == 'gold'}", "tier == 'gold'", "${} around it all" },
		{ "  ${ tier } == 'gold' ", "tier == 'gold'", "blanks" },
		{ "a == 1 || b == 2 && c == 3", "a == 1 || b == 2 && c == 3", "&& binds tighter" },
		{ "(a == 1 || b == 2) && c == 3", "(a == 1 || b == 2) && c == 3", "parentheses kept" },
		{ "((a))", "a", "parentheses dropped where they change nothing" },
		{ "tries + 1", "tries + 1", "arithmetic" },
		{ "a - (b - c)", "a - (b - c)", "right operand of the same precedence" },
		{ "(a - b) - c", "a - b - c", "left associative" },
		{ "a * (b + c) % 2", "a * (b + c) % 2", "* / % over + -" },
		{ "!ok && -x < 3", "!ok && -x < 3", "unary operators" },
		{ "- -x", "- -x", "a double minus stays two" },
		{ "!(a == b)", "!(a == b)", "not of a comparison" },
		{ "tier != 'x\\'y'", "tier != 'x\\'y'", "an escaped quote" },
		{ "true && false", "true && false", "booleans" },
		{ "2.50 >= 10", "2.50 >= 10", "numbers as written" },
		{ "${a} == ${b}", "a == b", "two wrapped variables: not one wrapper" },
		{ "x == '}'", "x == '}'", "a brace in a string" },
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		check_str(parsed(&a, ok[i].in), ok[i].out, ok[i].what);
	static const struct { const char *in, *out, *what; } bad[] = {
		{ "pin = '1234'", "error at 5: '=' does not compare: write '=='", "= for ==" },
		{ "a and b", "error at 3: expected an operator, got 'and': write '&&' for 'and'",
		  "and for &&" },
		{ "not a", "error at 1: 'not' is not a value: write '!' for 'not'", "not for !" },
		{ "a === b", "error at 3: compare with '==' or '!='", "===" },
		{ "a == \"b\"", "error at 6: strings are in single quotes: 'text'", "double quotes" },
		{ "a == 'b", "error at 6: a string that is not closed: end it with '", "open string" },
		{ "(a == b", "error at 8: expected ')' to close the '(' at column 1, got the end",
		  "open parenthesis" },
		{ "a ==", "error at 5: expected a value (a variable, 'text', a number, true, false or "
			  "'('), got the end", "a missing operand" },
		{ "a b", "error at 3: expected an operator (== != < <= > >= && || + - * / %) or the "
			 "end, got 'b'", "two values" },
		{ "", "error at 1: an empty condition: write one, e.g. tier == 'gold'", "empty" },
		{ "a & b", "error at 3: '&' is not an operator: write '&&'", "&" },
		{ "${a + 1} == 2", "error at 1: '${' around a variable holds its name only: ${name}",
		  "${} around an expression inside a larger one" },
		{ "a == @", "error at 6: '@' is not part of an expression", "a stray character" },
		{ "result.tier == 'gold'", "error at 1: Infobip keeps each field of a call_api answer "
		  "as a variable of its own: write the field's name, without 'name.'", "a dotted name" },
		{ "${a == 1", "error at 1: '${' around a variable holds its name only: ${name}",
		  "an open wrapper" },
		{ "${null} == U", "error at 1: 'null' is not a variable's name: there is no null: a "
		  "variable never set reads as ''", "${null} (fuzz_expr found it printed as null)" },
		{ "${true} == U", "error at 1: 'true' is not a variable's name", "${true}" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		check_str(parsed(&a, bad[i].in), bad[i].out, bad[i].what);
	char deep[400];
	memset(deep, '(', 200);
	strcpy(deep + 200, "a");
	check_str(parsed(&a, deep), "error at 65: nested more than 64 deep",
		  "100 000-deep parentheses are refused at the cap, not a crash (here 200)");
	struct lex_error e;
	struct ast_expr *x = expr_parse(&a, "a == b || cd > 'a'", 18, &e);
	int n = 0;
	expr_vars(x, var_count, &n);
	check(n == 3, "expr_vars visits every variable", "other count");
	check(x && x->offset == 0 && x->length == 18, "the root spans the whole text", "other span");
	x = expr_parse(&a, "  ${x} == 1", 11, &e);
	check(x && x->lhs->offset == 2 && x->lhs->length == 4, "a wrapped variable's place", "");
	test_templates(&a);
	test_caps(&a);
	arena_free(&a);
	return failures != 0;
}
