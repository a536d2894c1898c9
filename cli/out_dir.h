/* `build -o DIR`: one file per object, DIR/T/KIND/NAME.json, and the
 * bundle, DIR/T/bundle.json (docs/TARGETS.md, "Output directory"). */
#ifndef IVRC_OUT_DIR_H
#define IVRC_OUT_DIR_H
#include <stdbool.h>

struct bundle;
struct cli_run;

/* Writes b's files under dir: all of them or none (staged first, renamed
 * into place only when all are). False after printing why. */
bool out_dir_write(struct cli_run *r, const char *dir, const struct bundle *b,
		   const char *bundle_text);

#endif
