/* Where the time of one `ivrc check` / `ivrc build` goes: runs each phase on
 * one file in-process, several times, and prints the median of each (ms and
 * MB/s of the input), plus the arena's size as a multiple of the input.
 * Linked with libivrc.a by `make bench`; not part of the suite.
 *
 *   phases [-n RUNS] FILE        (*.ivr is read as DSL)
 *
 * Phases: read (file into the arena, line table), libyaml (libyaml's events
 * alone, for YAML), tokens (the fast path's events alone, or the DSL lexer
 * alone: the floor of parse), parse (events to the document tree, or the
 * DSL lexer and parser), bind (tree to typed
 * program), streamed (YAML: parse and bind as ivrc does them, the tree
 * never whole; in an arena of its own, whose size is shown), check (resolve and check against every declared target), then
 * lower+print for each target (back end, link order, the text written to
 * /dev/null). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cJSON.h>
#include <yaml.h>

#include "targets/target.h"
#include "targets/link.h"
#include "compiler/arena.h"
#include "cli/load.h"
#include "compiler/resolve.h"
#include "grammar/bind.h"
#include "grammar/dsl_lexer.h"
#include "grammar/dsl_parser.h"
#include "grammar/yaml_fast.h"
#include "grammar/yaml_loader.h"

enum { PH_READ, PH_LIBYAML, PH_TOKENS, PH_PARSE, PH_BIND, PH_STREAM, PH_CHECK, PH_LOWER,
       PH_MAX_TARGETS = 8, PH_COUNT = PH_LOWER + PH_MAX_TARGETS };

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static bool count_event(void *ctx, const struct yaml_ev *e)
{
	(void)e;
	++*(size_t *)ctx;
	return true;
}

/* Reads every token of the file and nothing else (the DSL lexer, or the
 * fast path's events); the count. */
static size_t tokens_only(const struct source *src, bool dsl, struct arena *a, struct diag *d)
{
	size_t n = 0;
	if (dsl) {
		struct dsl_lexer l;
		dsl_lex_init(&l, src, a, d);
		while (dsl_lex_next(&l).kind != DT_EOF)
			n++;
		return n;
	}
	if (!yaml_fast_events(src, count_event, &n))
		fprintf(stderr, "phases: %s: not plain YAML: the fast path gives up\n", src->path);
	return n;
}

/* libyaml's events alone; the count. */
static size_t libyaml_only(const struct source *src)
{
	size_t n = 0;
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser))
		return 0;
	yaml_parser_set_input_string(&parser, (const unsigned char *)src->text, src->len);
	for (;;) {
		yaml_event_t e;
		if (!yaml_parser_parse(&parser, &e))
			break;
		bool end = e.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&e);
		n++;
		if (end)
			break;
	}
	yaml_parser_delete(&parser);
	return n;
}

/* One run; fills t[phase] in seconds. Returns the arena size, 0 on errors. */
static size_t run(const char *path, bool dsl, double *t, size_t *streamed)
{
	struct arena a;
	struct diag d;
	arena_init(&a);
	diag_init(&d, &a);
	d.max_errors = 1000000;
	const char *err = NULL;
	size_t total = 0;
	double t0 = now();
	struct source *src = source_read(&a, path, &err);
	if (!src) {
		fprintf(stderr, "phases: %s: %s\n", path, err);
		exit(2);
	}
	double t1 = now();
	if (!dsl)
		libyaml_only(src);
	double t1a = now();
	tokens_only(src, dsl, &a, &d);
	double t1b = now();
	struct doc_node *root = dsl ? dsl_parse(src, &a, &d, NULL) : yaml_load(src, &a, &d);
	double t2 = now();
	struct ast_program *p = root ? bind_program(root, src, target_set(), &a, &d) : NULL;
	double t3 = now();
	t[PH_BIND] = t3 - t2;
	t[PH_STREAM] = 0;
	if (!dsl) {
		struct arena sa;
		struct diag sd;
		arena_init(&sa);
		diag_init(&sd, &sa);
		double s0 = now();
		yaml_load_program(src, target_set(), &sa, &sd);
		t[PH_STREAM] = now() - s0;
		*streamed = sa.total;
		arena_free(&sa);
	}
	t3 = now();
	const struct target_caps *caps[PH_MAX_TARGETS];
	size_t ncaps = p ? target_declared_caps(p, caps) : 0;
	if (p)
		res_check(p, caps, ncaps, &a, &d);
	double t4 = now();
	t[PH_READ] = t1 - t0;
	t[PH_LIBYAML] = t1a - t1;
	t[PH_TOKENS] = t1b - t1a;
	t[PH_PARSE] = t2 - t1b;
	t[PH_CHECK] = t4 - t3;
	if (p && d.errors == 0) {
		for (size_t i = 0; i < target_count() && i < PH_MAX_TARGETS; i++) {
			const struct target *tg = target_at(i);
			t[PH_LOWER + i] = 0;
			if (!p->targets[i].present)
				continue;
			double s = now();
			struct bundle b;
			bundle_init(&b, &a, tg, p->name);
			tg->lower(p, &b, &d);
			link_order(&b);
			FILE *null = fopen("/dev/null", "w");
			if (null) {
				link_print(&b, null, NULL, NULL);
				fclose(null);
			}
			bundle_free(&b);
			t[PH_LOWER + i] = now() - s;
		}
		total = a.total;
	} else {
		fprintf(stderr, "phases: %s: %zu errors\n", path, d.errors);
	}
	arena_free(&a);
	return total;
}

int main(int argc, char **argv)
{
	int runs = 5, i = 1;
	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		runs = atoi(argv[2]);
		i = 3;
	}
	if (i + 1 != argc || runs < 1) {
		fputs("usage: phases [-n RUNS] FILE\n", stderr);
		return 2;
	}
	const char *path = argv[i];
	bool dsl = load_is_dsl(path, NULL);
	double *t = calloc((size_t)runs * PH_COUNT, sizeof *t);
	size_t arena = 0, streamed = 0;
	for (int r = 0; r < runs; r++)
		if (!(arena = run(path, dsl, t + (size_t)r * PH_COUNT, &streamed)))
			return 1;
	FILE *f = fopen(path, "rb");
	fseek(f, 0, SEEK_END);
	double mb = (double)ftell(f) / 1e6;
	fclose(f);
	static const char *const names[PH_LOWER] = { "read", "libyaml", "tokens", "parse",
						     "bind", "streamed", "check" };
	printf("%-16s %9s %9s\n", "phase", "ms", "MB/s");
	for (int ph = 0; ph < PH_LOWER + (int)target_count(); ph++) {
		double v[runs];
		for (int r = 0; r < runs; r++)
			v[r] = t[(size_t)r * PH_COUNT + ph];
		qsort(v, (size_t)runs, sizeof v[0], cmp_double);
		double m = v[runs / 2];
		char name[32];
		if ((ph == PH_STREAM || ph == PH_LIBYAML) && m == 0)
			continue;
		if (ph < PH_LOWER)
			snprintf(name, sizeof name, "%s", names[ph]);
		else if (m > 0)
			snprintf(name, sizeof name, "build %s", target_at((size_t)(ph - PH_LOWER))->caps.name);
		else
			continue;
		printf("%-16s %9.1f %9.1f\n", name, m * 1e3, m > 0 ? mb / m : 0);
	}
	printf("arena after check+build: %.1f x the input\n", (double)arena / 1e6 / mb);
	if (streamed)
		printf("arena after streamed: %.1f x the input\n", (double)streamed / 1e6 / mb);
	free(t);
	return 0;
}
