/* The command line's shared pieces (cli/cli.c). */
#ifndef IVRC_CLI_H
#define IVRC_CLI_H

#ifndef IVRC_VERSION
#define IVRC_VERSION "0.1.0"
#endif

/* `ivrc --help`. */
extern const char cli_usage[];

/* Prints "ivrc: " fmt (with arg) and a usage hint; returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, const char *arg);

/* The value of the option at argv[*i], which needs one (then *i moves past
 * it); NULL after reporting that it is missing. */
const char *cli_option_value(int argc, char **argv, int *i);

#endif
