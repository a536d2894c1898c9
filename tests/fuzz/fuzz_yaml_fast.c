/* libFuzzer target: the fast path for plain YAML against libyaml. An input
 * the fast path takes must give exactly libyaml's events (kind, place,
 * text, style), and libyaml must read it without error. */
#include "fuzz.h"
#include "tests/unit/yaml_events.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a);
	const struct source *src = source_from_text(&a, "fuzz.yaml", (const char *)data, size);
	char *fast = yaml_events_text(src, true);
	if (fast) {
		char *slow = yaml_events_text(src, false);
		FUZZ_ASSERT(slow, "the fast path took a file libyaml refuses:\n%s", fast);
		FUZZ_ASSERT(strcmp(fast, slow) == 0, "events differ:\n--- libyaml\n%s--- fast\n%s",
			    slow, fast);
		free(slow);
	}
	free(fast);
	arena_free(&a);
	return 0;
}
