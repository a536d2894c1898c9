/* libFuzzer target: the DSL lexer on its own (every token inside the source,
 * in order, and the end reached), then the DSL parser, the binder, the
 * checker, each back end on what checks clean, and the findings printer. */
#include "fuzz.h"
#include "grammar/dsl_lexer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void lex_all(const uint8_t *data, size_t size)
{
	struct arena a;
	struct diag d;
	struct dsl_lexer l;
	arena_init(&a);
	diag_init(&d, &a);
	const struct source *src = source_from_text(&a, "fuzz.ivr", (const char *)data, size);
	dsl_lex_init(&l, src, &a, &d);
	uint32_t last = 0;
	for (size_t i = 0;; i++) {
		FUZZ_ASSERT(i <= 2 * size + 2, "the lexer does not reach the end");
		struct dsl_token t = dsl_lex_next(&l);
		FUZZ_ASSERT(t.span.offset >= last, "token at %u before the previous one at %u",
			    t.span.offset, last);
		FUZZ_ASSERT((size_t)t.span.offset + t.span.length <= size,
			    "token %u+%u past the end %zu", t.span.offset, t.span.length, size);
		FUZZ_ASSERT(t.kind != DT_STRING || t.len <= t.span.length,
			    "a decoded string longer than its source");
		last = t.span.offset;
		if (t.kind == DT_EOF)
			break;
	}
	fuzz_print_findings(&d);
	arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lex_all(data, size);
	fuzz_check_and_build(FUZZ_DSL, data, size);
	return 0;
}
