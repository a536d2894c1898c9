/* `ivrc import`: provider JSON (targets/import.c and each target's
 * import.c) to a document tree, printed as YAML (libyaml's emitter) or in
 * the canonical DSL layout, with what could not be expressed as comment
 * lines above it. */
#include "import_cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/outfile.h"
#include "../grammar/expr.h"
#include "../grammar/printer.h"
#include "../targets/import.h"
#include "../targets/target.h"
#include "cli.h"
#include "driver.h"
#include "run.h"

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The comment lines, then the printed document; malloc'ed. */
static char *render(const struct import_opts *o, const struct doc_node *root, const char *comment)
{
	bool dsl = o->to ? strcmp(o->to, "dsl") == 0 : o->out && ends_with(o->out, ".ivr");
	char *text = dsl ? dsl_print(root, NULL) : yaml_print(root);
	if (!text)
		return NULL;
	size_t c = strlen(comment), t = strlen(text);
	char *all = malloc(c + t + 1);
	if (all) {
		memcpy(all, comment, c);
		memcpy(all + c, text, t + 1);
	}
	free(text);
	return all;
}

static int write_out(const struct import_opts *o, const char *text)
{
	if (!o->out || strcmp(o->out, "-") == 0) {
		if (fputs(text, stdout) >= 0 && fflush(stdout) == 0)
			return EXIT_CLEAN;
		fprintf(stderr, "ivrc: cannot write to standard output\n");
		return EXIT_USAGE;
	}
	int err = outfile_write_atomic(o->out, text, strlen(text), 0666);
	if (err) {
		fprintf(stderr, "ivrc: %s: %s\n", o->out, outfile_error(err));
		return EXIT_USAGE;
	}
	return EXIT_CLEAN;
}

static int convert(const struct import_opts *o, struct importer *im, char **files, int nfiles)
{
	bool io_error = false;
	for (int i = 0; i < nfiles; i++)
		io_error |= !import_file(im, files[i]);
	if (io_error)
		return EXIT_USAGE;
	if (im->d->errors)
		return EXIT_INPUT;
	const char *comment;
	struct doc_node *root = import_finish(im, &comment);
	if (im->d->errors)
		return EXIT_INPUT;   /* found while converting: nothing is written */
	if (!root) {
		if (!im->d->errors)
			fprintf(stderr, "ivrc: the files hold no %s objects to import\n", o->from);
		return EXIT_INPUT;
	}
	char *text = render(o, root, comment);
	if (!text) {
		fprintf(stderr, "ivrc: cannot print the imported file\n");
		return EXIT_USAGE;
	}
	int status = write_out(o, text);
	free(text);
	return status;
}

int import_run(const struct import_opts *o, char **files, int nfiles)
{
	const struct target *t = cli_target(o->from);
	if (!t)
		return EXIT_USAGE;
	struct cli_run r;
	struct importer im;
	cli_run_init(&r, DIAG_TEXT, false);
	import_init(&im, &r.arena, &r.diag, t, &expr_parsers);
	im.allow_loss = o->allow_loss;
	int status = convert(o, &im, files, nfiles);
	import_free(&im);
	return cli_run_finish(&r, status);
}
