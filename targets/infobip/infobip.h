/* What the files of targets/infobip/ share. */
#ifndef IVRC_INFOBIP_H
#define IVRC_INFOBIP_H
#include "../target.h"

extern const struct target infobip_target;

/* goTo's limit takes 1 to 100 (Infobip's OpenAPI): the lowering's bound on
 * retries and `limit`, and the limit of a jump the language does not limit,
 * which import reads back. */
enum { IB_GOTO_LIMIT_MAX = 100 };

/* The variable a clock endpoint's answer sets: {"calendar_state": "open"}. */
#define IB_CLOCK_VAR "calendar_state"

/* The language (the setting, a say's, a recording's) that sends none:
 * Infobip's own choice, as its examples leave it. */
#define IB_NO_LANGUAGE "none"

/* lower.c */
void infobip_lower(const struct ast_program *p, struct bundle *out, struct diag *d);
struct lowering infobip_lowering(const struct ast_program *p, struct arena *a, struct diag *d);
/* What only lowering finds, without the bodies (caps.h: check). */
void infobip_check(const struct ast_program *p, struct diag *d);

/* push.c, import.c */
extern const struct push_provider infobip_push;
extern const struct import_target infobip_import;

#endif
