/* The unit tests' one protocol: a line per check, `PASS description` or
 * `FAIL description: detail`; main returns `failures != 0`. Included by each
 * test program (one translation unit each), hence the static counter. */
#ifndef IVRC_TEST_CHECK_H
#define IVRC_TEST_CHECK_H
#include <stdio.h>
#include <string.h>

static int failures;

static inline void check(int ok, const char *what, const char *detail)
{
	if (ok)
		printf("PASS %s\n", what);
	else
		printf("FAIL %s: %s\n", what, detail);
	failures += !ok;
}

static inline void check_str(const char *got, const char *want, const char *what)
{
	if (got && want && strcmp(got, want) == 0) {
		check(1, what, "");
		return;
	}
	printf("FAIL %s:\n--- want\n%s\n--- got\n%s\n---\n", what,
	       want ? want : "(null)", got ? got : "(null)");
	failures++;
}

#endif
