/* What the libFuzzer targets share: the steps of `ivrc check` and
 * `ivrc build` on a source held in memory, and printing the findings into a
 * memory stream (every format), so that a crash anywhere behind a front end
 * is found too. Nothing here writes a file or opens a socket.
 * Each target includes this once; the functions are static inline. */
#ifndef IVRC_FUZZ_H
#define IVRC_FUZZ_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "targets/target.h"
#include "targets/link.h"
#include "compiler/arena.h"
#include "compiler/ast_dump.h"
#include "compiler/resolve.h"
#include "grammar/bind.h"
#include "grammar/dsl_parser.h"
#include "grammar/yaml_loader.h"

enum fuzz_syntax { FUZZ_YAML, FUZZ_DSL };

/* A broken oracle: say which, and crash so that libFuzzer keeps the input. */
/* Room for the targets of one pass (the registry has fewer). */
enum { FUZZ_MAX_TARGETS = 16 };

#define FUZZ_ASSERT(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "fuzz oracle failed: " __VA_ARGS__); \
		fputc('\n', stderr); \
		abort(); \
	} \
} while (0)

static inline struct doc_node *fuzz_parse(enum fuzz_syntax syn, const char *text, size_t len,
				   struct arena *a, struct diag *d, struct dsl_comments *comments,
				   const struct source **src_out)
{
	const struct source *src = source_from_text(a, syn == FUZZ_DSL ? "fuzz.ivr" : "fuzz.yaml",
						    text, len);
	*src_out = src;
	return syn == FUZZ_DSL ? dsl_parse(src, a, d, comments) : yaml_load(src, a, d);
}

/* The program as the CLI reads it: bound while it is parsed. */
static inline struct ast_program *fuzz_load(enum fuzz_syntax syn, const char *text, size_t len,
					    struct arena *a, struct diag *d)
{
	const struct source *src = source_from_text(a, syn == FUZZ_DSL ? "fuzz.ivr" : "fuzz.yaml",
						    text, len);
	return syn == FUZZ_DSL ? dsl_parse_program(src, target_set(), a, d)
			       : yaml_load_program(src, target_set(), a, d);
}

static inline char *fuzz_dump(const struct ast_program *p)
{
	if (!p)
		return NULL;
	cJSON *json = ast_dump(p);
	char *text = cJSON_PrintUnformatted(json);
	cJSON_Delete(json);
	return text;
}

/* Differential oracle: binding while parsing gives the program and the
 * findings that binding the whole tree gives. */
static inline void fuzz_same_as_whole_tree(enum fuzz_syntax syn, const uint8_t *data, size_t size)
{
	struct arena a, b;
	struct diag da, db;
	const struct source *src;
	arena_init(&a);
	arena_init(&b);
	diag_init(&da, &a);
	diag_init(&db, &b);
	struct ast_program *streamed = fuzz_load(syn, (const char *)data, size, &a, &da);
	struct doc_node *root = fuzz_parse(syn, (const char *)data, size, &b, &db, NULL, &src);
	struct ast_program *whole = root ? bind_program(root, src, target_set(), &b, &db) : NULL;
	char *x = fuzz_dump(streamed), *y = fuzz_dump(whole);
	FUZZ_ASSERT((x == NULL) == (y == NULL) && (!x || strcmp(x, y) == 0),
		    "streamed program differs: %s / %s", x ? x : "(none)", y ? y : "(none)");
	diag_sort(&da);
	diag_sort(&db);
	FUZZ_ASSERT(da.n == db.n && da.errors == db.errors && da.dropped == db.dropped,
		    "streamed findings: %zu, whole: %zu", da.n, db.n);
	/* Past the error cap, which errors are kept depends on the order they
	 * are found in, which differs (CLI.md): the counts must agree. */
	for (size_t i = 0; da.dropped == 0 && i < da.n; i++)
		FUZZ_ASSERT(da.items[i].code == db.items[i].code &&
			    da.items[i].span.offset == db.items[i].span.offset &&
			    strcmp(da.items[i].message, db.items[i].message) == 0,
			    "streamed finding %zu: %s / %s", i, da.items[i].message, db.items[i].message);
	cJSON_free(x);
	cJSON_free(y);
	arena_free(&a);
	arena_free(&b);
}

/* Every finding about a file has a place in it (file:line:col). */
static inline void fuzz_assert_positions(const struct diag *d)
{
	for (size_t i = 0; i < d->n; i++)
		FUZZ_ASSERT(d->items[i].span.src, "a finding without a position: IVR%u %s",
			    d->items[i].code, d->items[i].message);
}

/* Sorts the findings and prints them as text (with colour) and as JSON,
 * each with its position. */
static inline void fuzz_print_findings(struct diag *d)
{
	char *buf = NULL;
	size_t len = 0;
	fuzz_assert_positions(d);
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		abort();
	diag_sort(d);
	struct diag_print_opts text = { DIAG_TEXT, true }, json = { DIAG_JSON, false };
	diag_print(d, f, &text);
	diag_print(d, f, &json);
	fclose(f);
	free(buf);
}

/* Lowers a checked program for t and renders the bundle (what build prints). */
static inline void fuzz_lower(const struct ast_program *p, const struct target *t,
			      struct arena *a, struct diag *d)
{
	struct bundle b;
	bundle_init(&b, a, t, p->name);
	t->lower(p, &b, d);
	if (d->errors == 0) {
		link_order(&b);
		cJSON *json = link_render(&b);
		char *text = cJSON_Print(json);
		FUZZ_ASSERT(text, "the bundle does not print");
		cJSON_free(text);
		cJSON_Delete(json);
	}
	bundle_free(&b);
}

/* `ivrc check` (every declared target, with the targets' own checks), then
 * `ivrc build --target T` for each declared target, each from a fresh arena
 * and bound while parsed as the CLI does it; and the differential oracle. */
static inline void fuzz_check_and_build(enum fuzz_syntax syn, const uint8_t *data, size_t size)
{
	fuzz_same_as_whole_tree(syn, data, size);
	for (int pass = -1; pass < (int)target_count(); pass++) {
		struct arena a;
		struct diag d;
		arena_init(&a);
		diag_init(&d, &a);
		struct ast_program *p = fuzz_load(syn, (const char *)data, size, &a, &d);
		bool go_on = p != NULL;
		if (p && pass >= 0 && !p->targets[pass].present)
			go_on = false;    /* build of an undeclared target: IVR209 only */
		if (go_on) {
			const struct target_caps *caps[FUZZ_MAX_TARGETS];
			size_t n = 0;
			for (size_t t = 0; t < target_count() && n < FUZZ_MAX_TARGETS; t++)
				if (pass < 0 ? p->targets[t].present : (int)t == pass)
					caps[n++] = &target_at(t)->caps;
			bool ok = res_check(p, caps, n, &a, &d);
			/* check's per-target hooks (Infobip's lowers without JSON). */
			for (size_t t = 0; pass < 0 && ok && d.errors == 0 && t < n; t++)
				if (caps[t]->check)
					caps[t]->check(p, &d);
			if (pass >= 0 && ok && d.errors == 0)
				fuzz_lower(p, target_at((size_t)pass), &a, &d);
		}
		if (pass < 0)
			fuzz_print_findings(&d);
		else
			fuzz_assert_positions(&d);
		arena_free(&a);
		if (!go_on && pass < 0 && !p)
			break;       /* nothing bound: the builds would fail the same way */
	}
}

#endif
