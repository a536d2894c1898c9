/* The command line's shared pieces (cli/cli.c). */
#ifndef IVRC_CLI_H
#define IVRC_CLI_H
#include <stdbool.h>

#ifndef IVRC_VERSION
#define IVRC_VERSION "0.1.0"
/* The target named on the command line (--target, --from); NULL after
 * saying that there is none of that name. */
struct target;
const struct target *cli_target(const char *name);

/* Whether p declares t (the command runs for t only); when not, an error
 * (IVR209) says so. */
struct ast_program;
struct diag;
bool cli_declared(const struct ast_program *p, const struct target *t, struct diag *d);

#endif

/* `ivrc --help`. */
extern const char cli_usage[];

/* Prints "ivrc: " fmt (with arg) and a usage hint; returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, const char *arg);

/* The value of the option at argv[*i], which needs one (then *i moves past
 * it); NULL after reporting that it is missing. */
const char *cli_option_value(int argc, char **argv, int *i);

/* The target named on the command line (--target, --from); NULL after
 * saying that there is none of that name. */
struct target;
const struct target *cli_target(const char *name);

/* Whether p declares t (the command runs for t only); when not, an error
 * (IVR209) says so. */
struct ast_program;
struct diag;
bool cli_declared(const struct ast_program *p, const struct target *t, struct diag *d);

#endif
