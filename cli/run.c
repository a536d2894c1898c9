/* One run of a command (see run.h). */
#include "run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../compiler/shown.h"
#include "../compiler/source.h"
#include "../grammar/yaml_loader.h"
#include "cli.h"
#include "includes.h"

void cli_run_init(struct cli_run *r, enum diag_format format, bool stdout_taken)
{
	memset(r, 0, sizeof *r);
	r->format = format;
	r->stdout_taken = stdout_taken;
	arena_init(&r->arena);
	diag_init(&r->diag, &r->arena);
	r->includes = includes_cache_new(&r->arena);
}

void cli_run_program(struct cli_run *r, const char *file, const struct ast_program *p)
{
	r->program = p;
	r->program_file = file;
}

/* Check's warnings and notes of the program, through its suppression
 * comments and configuration (its errors stay). */
static void silence(struct cli_run *r)
{
	const struct ast_program *p = r->program;
	if (!p || !r->diag.n)
		return;
	const struct lint_config *cfg = cli_run_config(r, r->program_file);
	if (!cfg)
		return;
	struct lint_file f = { NULL, p->sources, p->nsources, NULL, 0, cfg,
			       (struct ast_datetime){ 0 }, 0, false };
	lint_file(&f, &r->arena, &r->diag);
}

/* Counts what a text print shows, for the summary (cli_run_finish). */
static void tally(struct cli_run *r)
{
	if (r->format != DIAG_TEXT)
		return;
	r->printed[SEV_ERROR] += r->diag.dropped;
	for (size_t i = 0; i < r->diag.n; i++) {
		const struct finding *f = &r->diag.items[i];
		r->printed[f->severity]++;
		if (!r->explain_code || (f->severity == SEV_ERROR && !r->printed_error))
			r->explain_code = f->code;
		r->printed_error |= f->severity == SEV_ERROR;
		const char *path = f->span.src ? f->span.src->path : "";
		if (*path && !strmap_get(&r->printed_files, path, NULL))
			strmap_put(&r->arena, &r->printed_files, path, NULL);
	}
}

/* "2 errors, 1 warning and 3 notes in input.yaml; `ivrc explain IVR201`
 * says what a code means": the line a text run ends with. */
static void summary(struct cli_run *r)
{
	static const char *const names[3] = { "note", "warning", "error" };
	size_t total = r->printed[0] + r->printed[1] + r->printed[2], done = 0;
	if (!total)
		return;
	char line[512];
	size_t n = 0;
	for (int sev = SEV_ERROR; sev >= SEV_NOTE; sev--) {
		size_t k = r->printed[sev];
		if (!k)
			continue;
		done += k;
		n += (size_t)snprintf(line + n, sizeof line - n, "%s%zu %s%s",
				      n == 0 ? "" : done == total ? " and " : ", ", k, names[sev],
				      k == 1 ? "" : "s");
	}
	size_t files = r->printed_files.n;
	const char *one = NULL;
	for (size_t i = 0; files == 1 && i < r->printed_files.cap; i++)
		if (r->printed_files.slots[i].key)
			one = r->printed_files.slots[i].key;
	fprintf(stderr, "%s in %s%s%s; `ivrc explain IVR%03u` says what a code means\n", line,
		one ? shown_text(&r->arena, one) : "", one ? "" : arena_printf(&r->arena, "%zu", files),
		one ? "" : " files", r->explain_code);
}

void cli_run_print(struct cli_run *r)
{
	silence(r);
	diag_sort(&r->diag);
	tally(r);
	FILE *out = r->format != DIAG_TEXT && !r->stdout_taken ? stdout : stderr;
	struct diag_print_opts po = { r->format, r->format == DIAG_TEXT &&
					 isatty(fileno(out)) && !getenv("NO_COLOR") };
	struct diag_tool tool = { IVRC_VERSION, NULL, 0, NULL };
	if (r->format == DIAG_SARIF)
		lint_tool_rules(&r->arena, &tool);
	/* stderr is line-buffered (progress shows at once); thousands of
	 * findings go out through a fully buffered copy of it instead, in a few
	 * writes rather than three a finding. */
	fflush(out);
	int fd = r->diag.n > 16 ? dup(fileno(out)) : -1;
	FILE *buffered = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (fd >= 0 && !buffered)
		close(fd);
	diag_print_tool(&r->diag, buffered ? buffered : out, &po, &tool);
	if (buffered)
		fclose(buffered);
	fflush(out);
	size_t cap = r->diag.max_errors;
	diag_init(&r->diag, &r->arena);
	r->diag.max_errors = cap;
}

int cli_run_finish(struct cli_run *r, int status)
{
	size_t errors = r->diag.errors;
	cli_run_print(r);
	summary(r);
	bool failed = r->lint ? r->failed || errors : errors;
	arena_free(&r->arena);
	return r->usage_error ? EXIT_USAGE : status != EXIT_CLEAN ? status :
	       failed ? EXIT_INPUT : EXIT_CLEAN;
}

const struct lint_config *cli_run_config(struct cli_run *r, const char *file)
{
	const char *path = r->config ? r->config : lint_config_find(file, &r->arena, &r->config_search);
	if (r->config_path && path && strcmp(r->config_path, path) == 0)
		return r->config_unreadable ? NULL : &r->cfg;
	lint_config_init(&r->cfg);
	r->config_path = path;
	r->config_unreadable = false;
	if (!path)
		return &r->cfg;
	const char *err = NULL;
	struct source *src = source_read(&r->arena, path, &err);
	if (!src) {
		fprintf(stderr, "ivrc: %s: %s\n", path, err);
		r->usage_error = r->config_unreadable = true;
		return NULL;
	}
	lint_config_read(&r->cfg, yaml_load(src, &r->arena, &r->diag), &r->arena, &r->diag);
	return &r->cfg;
}
