/* What a clock endpoint serves: a target without a clock of its own
 * (Infobip) asks an https address whether a calendar is open; `build`
 * writes each such calendar as JSON, for the endpoint to answer from
 * (docs/TARGETS.md, "Clock endpoint"). */
#ifndef IVRC_CLOCK_H
#define IVRC_CLOCK_H
#include <cJSON.h>
#include "../compiler/ast.h"

/* {"calendar", "url", "timezone", "hours": {"mon": [{"from","to"}], ...
 * "sun"}, "holidays": [{"date": "YYYY-MM-DD"} or {"every": "MM-DD"}]};
 * the caller owns it. */
cJSON *clock_calendar_json(const struct ast_calendar *c, const char *url);

#endif
