/* `ivrc fmt` (the canonical DSL layout, comments kept) and `ivrc convert`
 * (YAML to DSL and back, YAML written by libyaml's emitter). */
#include "fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/ast_dump.h"
#include "../compiler/outfile.h"
#include "../grammar/bind.h"
#include "../grammar/printer.h"
#include "../targets/target.h"
#include "driver.h"
#include "load.h"
#include "run.h"

/* Formats one file; returns its exit status. */
static int fmt_one(const struct fmt_opts *o, const char *path, struct cli_run *r)
{
	struct loaded in;
	if (!load_is_dsl(path, o->syntax)) {
		fprintf(stderr, "ivrc: %s: fmt formats DSL files (*.ivr); "
				"use 'ivrc convert --to dsl' for YAML\n", path);
		return EXIT_USAGE;
	}
	if (!load_document(path, o->syntax, true, &r->arena, &r->diag, &in))
		return EXIT_USAGE;
	if (!in.root || r->diag.errors)
		return EXIT_INPUT;
	char *text = dsl_print(in.root, &in.comments);
	if (!text) {
		fprintf(stderr, "ivrc: %s: out of memory\n", path);
		return EXIT_USAGE;
	}
	size_t len = strlen(text);
	bool same = len == in.src->len && memcmp(text, in.src->text, len) == 0;
	int status = EXIT_CLEAN;
	if (o->check && !same) {
		printf("%s\n", path);
		status = EXIT_INPUT;
	} else if (o->write && !same) {
		int err = outfile_write_atomic(path, text, len, 0666);
		if (err) {
			fprintf(stderr, "ivrc: %s: %s\n", path, outfile_error(err));
			status = EXIT_USAGE;
		}
	} else if (!o->check && !o->write) {
		fputs(text, stdout);
	}
	free(text);
	return status;
}

int fmt_files(const struct fmt_opts *o, char **files, int nfiles)
{
	int worst = EXIT_CLEAN;
	for (int i = 0; i < nfiles; i++) {
		struct cli_run r;
		cli_run_init(&r, DIAG_TEXT, false);
		int status = cli_run_finish(&r, fmt_one(o, files[i], &r));
		/* Usage errors outrank "not formatted". */
		if (status == EXIT_USAGE || (status == EXIT_INPUT && worst == EXIT_CLEAN))
			worst = status;
	}
	return worst;
}

/* Loads and binds file; prints with print(root, program) on success. */
static int with_program(const char *syntax, const char *file,
			char *(*print)(const struct loaded *, const struct ast_program *, const char *),
			const char *arg)
{
	struct cli_run r;
	struct loaded in;
	struct ast_program *p = NULL;
	cli_run_init(&r, DIAG_TEXT, false);
	int status = EXIT_CLEAN;
	if (!load_document(file, syntax, true, &r.arena, &r.diag, &in)) {
		status = EXIT_USAGE;
	} else if (!in.root || r.diag.errors ||
		   !(p = bind_program(in.root, in.src, target_set(), &r.arena, &r.diag)) ||
		   r.diag.errors) {
		/* Only a file whose shape is right converts without loss. */
		status = EXIT_INPUT;
	} else {
		char *text = print(&in, p, arg);
		if (!text || fputs(text, stdout) < 0) {
			fprintf(stderr, "ivrc: %s: cannot write the output\n", file);
			status = EXIT_USAGE;
		}
		free(text);
	}
	return cli_run_finish(&r, status);
}

/* Each way, the comments go along, placed by their position. */
static char *print_converted(const struct loaded *in, const struct ast_program *p,
			     const char *to)
{
	(void)p;
	return strcmp(to, "dsl") == 0 ? dsl_print(in->root, &in->comments)
				      : yaml_print_commented(in->root, &in->comments);
}

static char *print_dump(const struct loaded *in, const struct ast_program *p,
			const char *arg)
{
	(void)in;
	(void)arg;
	cJSON *json = ast_dump(p);
	char *text = cJSON_Print(json);
	cJSON_Delete(json);
	if (!text)
		return NULL;
	/* cJSON allocates with malloc here: hand back one string with a newline. */
	size_t n = strlen(text);
	char *out = malloc(n + 2);
	if (out) {
		memcpy(out, text, n);
		memcpy(out + n, "\n", 2);
	}
	cJSON_free(text);
	return out;
}

int fmt_convert(const char *to, const char *syntax, const char *file)
{
	return with_program(syntax, file, print_converted, to);
}

int fmt_dump_ast(const char *syntax, const char *file)
{
	return with_program(syntax, file, print_dump, NULL);
}
