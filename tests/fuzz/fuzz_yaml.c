/* libFuzzer target: the YAML front end (libyaml events to the document
 * tree), the binder, the checker against every declared target, each back
 * end on what checks clean, and the findings printer. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_check_and_build(FUZZ_YAML, data, size);
	return 0;
}
