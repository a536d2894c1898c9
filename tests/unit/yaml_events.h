/* The YAML events of a source as text, a line each, from libyaml or from
 * the fast path for plain YAML: what test_yaml_fast and the fuzz target
 * fuzz_yaml_fast compare. Included once per program (static functions). */
#ifndef IVRC_TEST_YAML_EVENTS_H
#define IVRC_TEST_YAML_EVENTS_H
#include <stdio.h>
#include <stdlib.h>

#include "compiler/arena.h"
#include "compiler/diag.h"
#include "grammar/yaml_fast.h"
#include "grammar/yaml_libyaml.h"

static const char *const yaml_event_names[] = {
	[YEV_DOCUMENT] = "doc", [YEV_SCALAR] = "scalar", [YEV_SEQ_START] = "seq",
	[YEV_MAP_START] = "map", [YEV_SEQ_END] = "seq-end", [YEV_MAP_END] = "map-end",
	[YEV_ALIAS] = "alias", [YEV_STREAM_END] = "end",
};

static bool yaml_event_line(void *ctx, const struct yaml_ev *e)
{
	FILE *out = ctx;
	fprintf(out, "%s %u-%u", yaml_event_names[e->kind], e->start, e->end);
	if (e->kind == YEV_SCALAR) {
		fprintf(out, " %s [", e->quoted ? "quoted" : "plain");
		fwrite(e->text, 1, e->len, out);
		fputs("]", out);
	}
	if (e->tag)
		fprintf(out, " !%s", e->tag);
	if (e->anchor)
		fprintf(out, " &%s", e->anchor);
	fputs("\n", out);
	return true;
}

/* The events one reader gives (malloc'd), or NULL when the fast path gives
 * up or libyaml finds an error. */
static char *yaml_events_text(const struct source *src, bool fast)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *out = open_memstream(&buf, &n);
	bool ok;
	if (fast) {
		ok = yaml_fast_events(src, yaml_event_line, out);
	} else {
		struct arena a;
		struct diag d;
		arena_init(&a);
		diag_init(&d, &a);
		ok = yaml_libyaml_events(src, &d, yaml_event_line, out) && d.errors == 0;
		arena_free(&a);
	}
	fclose(out);
	if (!ok) {
		free(buf);
		return NULL;
	}
	return buf;
}

#endif
