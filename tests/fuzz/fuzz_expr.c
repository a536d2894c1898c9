/* libFuzzer target: the flow expression parser (grammar/expr.re) on the
 * input as one condition and as one template, not NUL-terminated. Checks
 * what expr.h promises: an error's offset inside the text with a message;
 * a parsed condition prints as text that parses to the same print (what
 * the Infobip back end sends is read back alike); a template's parts are
 * the text itself, in order, each ${...} holding a tree. */
#include "fuzz.h"
#include "grammar/expr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void error_ok(const char *fn, const struct lex_error *e, size_t n)
{
	FUZZ_ASSERT(e->offset <= n, "%s: error offset %zu past the text (%zu bytes)", fn, e->offset, n);
	FUZZ_ASSERT(memchr(e->message, '\0', sizeof e->message) != NULL, "%s: message not terminated", fn);
	FUZZ_ASSERT(e->message[0] != '\0', "%s: empty message", fn);
}

static void condition(struct arena *a, const char *s, size_t n)
{
	struct lex_error e;
	memset(&e, 0, sizeof e);
	struct ast_expr *x = expr_parse(a, s, n, &e);
	if (!x) {
		error_ok("expr_parse", &e, n);
		return;
	}
	FUZZ_ASSERT(x->offset + x->length <= n, "expr_parse: root %u+%u past the end %zu", x->offset,
	      x->length, n);
	const char *printed = expr_print(a, x);
	struct ast_expr *again = expr_parse(a, printed, strlen(printed), &e);
	FUZZ_ASSERT(again, "expr_parse: its print '%s' does not parse: %s", printed, e.message);
	const char *reprinted = expr_print(a, again);
	FUZZ_ASSERT(strcmp(printed, reprinted) == 0, "expr_print: '%s' reads back as '%s'", printed,
	      reprinted);
}

static void check_template(struct arena *a, const char *s, size_t n)
{
	struct lex_error e;
	struct ast_template t;
	memset(&e, 0, sizeof e);
	if (!expr_template_parse(a, s, n, &t, &e)) {
		error_ok("expr_template_parse", &e, n);
		return;
	}
	size_t at = 0;
	for (size_t i = 0; i < t.nparts; i++) {
		const struct ast_template_part *p = &t.parts[i];
		FUZZ_ASSERT(p->text == s + at, "template: part %zu at %td, not %zu", i, p->text - s, at);
		FUZZ_ASSERT(at + p->len <= n, "template: part %zu past the end", i);
		if (p->expr)
			FUZZ_ASSERT(p->len >= 3 && memcmp(p->text, "${", 2) == 0 && p->text[p->len - 1] == '}',
			      "template: part %zu is not a ${...}", i);
		at += p->len;
	}
	FUZZ_ASSERT(at == n, "template: the parts hold %zu of %zu bytes", at, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a);
	condition(&a, (const char *)data, size);
	check_template(&a, (const char *)data, size);
	arena_free(&a);
	return 0;
}
