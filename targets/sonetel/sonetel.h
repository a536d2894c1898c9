/* What the files of targets/sonetel/ share. */
#ifndef IVRC_SONETEL_H
#define IVRC_SONETEL_H
#include "../target.h"

extern const struct target sonetel_target;

/* lower.c */
void sonetel_lower(const struct ast_program *p, struct bundle *out, struct diag *d);
struct lowering sonetel_lowering(const struct ast_program *p, struct arena *a, struct diag *d);
/* Check's hook: the findings of the lowering, without its output. */
void sonetel_check(const struct ast_program *p, struct diag *d);

/* push.c, import.c */
extern const struct push_provider sonetel_push;
extern const struct import_target sonetel_import;

#endif
