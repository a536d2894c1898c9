/* What the files of targets/infobip/ share. */
#ifndef IVRC_INFOBIP_H
#define IVRC_INFOBIP_H
#include "../target.h"

extern const struct target infobip_target;

/* lower.c */
void infobip_lower(const struct ast_program *p, struct bundle *out, struct diag *d);
/* What only lowering finds, without the bodies (caps.h: check). */
void infobip_check(const struct ast_program *p, struct diag *d);

/* push.c, import.c */
extern const struct push_provider infobip_push;
extern const struct import_target infobip_import;

#endif
