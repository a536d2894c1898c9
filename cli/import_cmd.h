/* `ivrc import` and `ivrc schema`: the commands behind them (main.c parses
 * the arguments). */
#ifndef IVRC_IMPORT_CMD_H
#define IVRC_IMPORT_CMD_H
#include <stdbool.h>

struct import_opts {
	const char *from;          /* smartflo, sonetel, infobip */
	const char *out;           /* -o FILE: *.ivr is DSL; NULL or "-": standard output */
	const char *to;            /* --to yaml|dsl, or NULL: by the -o extension */
	bool allow_loss;           /* --allow-loss: what cannot be held is a warning */
};

int import_run(const struct import_opts *o, char **files, int nfiles);

/* Prints the JSON Schema of the YAML form. */
int schema_run(void);

#endif
