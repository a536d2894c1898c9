/* IVR500: a suppression comment or the configuration names a code that is
 * not a lint rule or a warning of check (or is not a code at all), or a
 * comment holds an unknown `ivrc:` directive. The engine reports it while
 * reading comments and the configuration: this rule has no hooks. */
#include "../engine.h"

const struct lint_rule lint_rule_unknown_code = {
	.code = 500,
	.name = "unknown-code",
	.severity = SEV_WARNING,
	.summary = "a suppression comment or the configuration names an unknown rule code",
};
