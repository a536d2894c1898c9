/* The variables a flow step reads and writes, each where it is written:
 * what lint's variable rules walk. */
#ifndef IVRC_FLOW_VARS_H
#define IVRC_FLOW_VARS_H
#include <stddef.h>
#include "ast.h"

struct arena;
struct diag;

/* A variable a step reads or writes: its name and where it is written. */
typedef void flow_var_fn(void *ctx, const char *name, size_t len, struct span at);
/* Reads, in the order the step makes them before anything inside it runs
 * (a repeat_while / repeat_until condition is read after its body: it is
 * reported by flow_step_reads_after). */
void flow_step_reads(const struct ast_step *s, flow_var_fn *fn, void *ctx);
void flow_step_reads_after(const struct ast_step *s, flow_var_fn *fn, void *ctx);
void flow_step_writes(const struct ast_step *s, flow_var_fn *fn, void *ctx);
/* The variable Infobip sets beside a step's own: VAR_Meaning, VAR_Full. */
void flow_step_implied(const struct ast_step *s, flow_var_fn *fn, void *ctx);

/* Infobip's own variables, set before a scenario's first step or by it
 * (machineAnswered: machine detection). */
extern const char *const flow_builtin_vars[];
enum { FLOW_NBUILTIN_VARS = 5 };

/* IVR129: every variable a flow reads is one that a step of some flow
 * writes, a parameter or a built-in (with a "did you mean"); a parameter
 * is listed once. A read before the write on some path is lint's. */
void flow_check_vars(const struct ast_program *p, struct arena *a, struct diag *d);

/* The variables a condition reads (its tree: expr.h), each where it is
 * written. */
void flow_cond_vars(const struct ast_expr *cond, flow_var_fn *fn, void *ctx);

#endif
