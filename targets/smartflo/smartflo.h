/* What the files of targets/smartflo/ share. */
#ifndef IVRC_SMARTFLO_H
#define IVRC_SMARTFLO_H
#include "../target.h"

extern const struct target smartflo_target;

/* lower.c */
void smartflo_lower(const struct ast_program *p, struct bundle *out, struct diag *d);
/* What only lowering finds, without the bodies (caps.h: check). */
void smartflo_check(const struct ast_program *p, struct diag *d);

/* push.c, import.c */
extern const struct push_provider smartflo_push;
extern const struct import_target smartflo_import;

#endif
