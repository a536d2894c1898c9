/* The DSL's own shapes, shared by the parser and the printer: which
 * declarations there are, and how each flow step writes its arguments. */
#ifndef IVRC_DSL_SYNTAX_H
#define IVRC_DSL_SYNTAX_H
#include <stdbool.h>
#include <stddef.h>

/* `menu NAME {...}` is `menus: {NAME: {...}}`. */
struct dsl_decl {
	const char *keyword;       /* menu */
	const char *section;       /* menus */
};

extern const struct dsl_decl dsl_decls[];
extern const size_t dsl_ndecls;

enum dsl_body {
	DSL_BODY_NONE,             /* no block: `hangup` */
	DSL_BODY_ARGS,             /* a block of arguments: `collect x { max_digits 4 }` */
	DSL_BODY_STEPS,            /* a block of steps: `while "c" { ... }` */
	DSL_BODY_CASES             /* switch: `case "v" { ... }` and `default { ... }` */
};

struct dsl_step {
	const char *name;          /* as in YAML: say, collect, repeat_while, ... */
	const char *positional;    /* key of the argument written after the name, or NULL */
	bool shorthand;            /* the positional alone is YAML's scalar form */
	enum dsl_body body;
	const char *body_key;      /* DSL_BODY_STEPS: the key of the block (then / do) */
};

/* The step named name[0..len), or NULL. */
const struct dsl_step *dsl_step_find(const char *name, size_t len);

#endif
