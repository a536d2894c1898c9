/* The YAML front end. It takes events, from the fast path for plain YAML
 * (yaml_fast.re) or else from libyaml (yaml_libyaml.c), rather than a
 * document, so that it can cap nesting depth in the event loop (libyaml
 * has no limit), bound alias expansion, and catch what libyaml lets
 * through: duplicate keys, undefined aliases, several documents. */
#include "yaml_loader.h"

#include <stdlib.h>
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/codes.h"
#include "bind.h"
#include "doc.h"
#include "yaml_fast.h"
#include "yaml_libyaml.h"

struct anchor {
	const char *name;
	struct doc_node *node;
	size_t weight;                /* nodes in the subtree, aliases expanded */
};

/* What the loader keeps of a child until its parent ends. */
struct child_info {
	size_t weight;                /* nodes in the subtree, aliases expanded */
	struct span used_at;          /* where it appears: the alias, for an alias */
};

struct open_node {
	struct doc_node *node;
	size_t first_child;           /* index into loader.children */
	size_t weight;
	const char *anchor;
};

struct loader {
	const struct source *src;
	struct arena *arena;
	struct diag *diag;
	struct open_node stack[YAML_MAX_DEPTH + 1];
	size_t depth;
	/* Children of every open collection, in one shared scratch vector. */
	struct doc_node **children;
	struct child_info *child_info;   /* beside children: weight and place of use */
	size_t nchildren, capchildren;
	struct anchor *anchors;
	size_t nanchors, capanchors;
	size_t alias_nodes;
	struct doc_node *root;
	size_t root_weight;
	size_t documents;
	bool failed;
	/* Streaming (yaml_load_program): each entry of a section (stack[1]) is
	 * bound as soon as it is whole; its nodes come from the stream's
	 * scratch arena, whose memory the next entry reuses unless it stays. */
	struct bind_stream *stream;
	struct arena *scratch;
	int section;                  /* bind_stream_section of stack[1], or -1 */
	unsigned entry_index;         /* entries streamed in this section */
	size_t anchors_kept;          /* nanchors after the last entry that stayed */
};

static struct span ev_span(const struct loader *l, const struct yaml_ev *e)
{
	return span_make(l->src, e->start, e->end > e->start ? e->end - e->start : 0);
}

/* Where a node at stack index `depth` goes: inside a streamed entry (the
 * value of a pair of the section at stack[1], or below it), the scratch
 * arena; else the arena of the program. */
static struct arena *node_arena(struct loader *l, size_t depth)
{
	if (l->section < 0 || depth < 2)
		return l->arena;
	bool value = (l->nchildren - l->stack[1].first_child) % 2 == 1;
	return depth > 2 || value ? l->scratch : l->arena;
}

static void push_child(struct loader *l, struct doc_node *n, size_t weight, struct span at)
{
	if (l->nchildren == l->capchildren) {
		size_t cap = l->capchildren ? l->capchildren * 2 : 256;
		struct doc_node **c = realloc(l->children, cap * sizeof *c);
		if (c)
			l->children = c;
		struct child_info *w = realloc(l->child_info, cap * sizeof *w);
		if (!c || !w) {
			fputs("ivrc: out of memory\n", stderr);
			abort();
		}
		l->child_info = w;
		l->capchildren = cap;
	}
	l->children[l->nchildren] = n;
	l->child_info[l->nchildren++] = (struct child_info){ weight, at };
}

static bool is_merge_key(const struct doc_node *k)
{
	return k->kind == DOC_SCALAR && !k->quoted && k->len == 2 && memcmp(k->text, "<<", 2) == 0;
}

/* A pair of the streamed section is whole: bind it (its memory is reused
 * unless it must stay). A merge key's pair stays, unbound, for apply_merges
 * at the end of the section. */
static void stream_entry(struct loader *l)
{
	struct doc_node **kv = l->children + l->nchildren - 2;
	if (is_merge_key(kv[0])) {
		bind_stream_keep(l->stream);
		l->anchors_kept = l->nanchors;
		return;
	}
	struct doc_pair pair = { kv[0], kv[1] };
	/* A later alias may use an anchor; a key that is a collection stays in
	 * the section, with its items. */
	bool must_stay = l->nanchors != l->anchors_kept || kv[0]->kind != DOC_SCALAR;
	if (bind_stream_entry(l->stream, l->section, &pair, l->entry_index++, must_stay))
		l->anchors_kept = l->nanchors;
	kv[1] = pair.value;
}

static void remember_anchor(struct loader *l, const char *name, struct doc_node *n,
			    size_t weight)
{
	if (!name)
		return;
	struct anchor a = { name, n, weight };
	ARENA_PUSH(l->arena, l->anchors, l->nanchors, l->capanchors, a);
}

/* Hands a finished node to its parent (or makes it the root). */
static void finish_node(struct loader *l, struct doc_node *n, size_t weight,
			const char *anchor, struct span at)
{
	remember_anchor(l, anchor, n, weight);
	if (l->depth == 0) {
		l->root = n;
		l->root_weight = weight;
	} else {
		push_child(l, n, weight, at);
		if (l->depth == 2 && l->section >= 0 &&
		    (l->nchildren - l->stack[1].first_child) % 2 == 0)
			stream_entry(l);
	}
}

static const char *anchor_name(struct loader *l, const char *a)
{
	return a ? arena_strdup(l->arena, a) : NULL;
}

static bool check_tag(struct loader *l, const char *tag, struct span at)
{
	if (!tag || strcmp(tag, "tag:yaml.org,2002:str") == 0 || strcmp(tag, "!") == 0)
		return true;
	/* Shown as written: libyaml hands over the resolved form. */
	const char *t = tag, *core = "tag:yaml.org,2002:";
	bool short_form = strncmp(t, core, strlen(core)) == 0;
	diag_error(l->diag, IVR_TAG, at, "YAML tag '%s%s' is not supported; only !!str is",
		   short_form ? "!!" : "", short_form ? t + strlen(core) : t);
	return false;
}

static void on_scalar(struct loader *l, const struct yaml_ev *e)
{
	/* The text with the node: what the program keeps of a streamed entry,
	 * the binder copies. */
	struct arena *a = node_arena(l, l->depth);
	struct doc_node *n = arena_alloc(a, sizeof *n);
	n->kind = DOC_SCALAR;
	n->span = ev_span(l, e);
	n->len = e->len;
	n->text = arena_strndup(a, e->text, n->len);
	n->quoted = e->quoted;
	check_tag(l, e->tag, n->span);
	/* YAML's "\0" (an escape: a plain scalar cannot hold a NUL): no JSON
	 * body a provider reads, nor the DSL, holds it. */
	if (n->quoted && memchr(n->text, '\0', n->len))
		diag_error(l->diag, IVR_BAD_VALUE, n->span,
			   "a string holds a NUL character (\\0), which no provider takes");
	finish_node(l, n, 1, anchor_name(l, e->anchor), n->span);
}

/* A collection opens as the value of a top-level key: stream its entries if
 * it is a section mapping and nothing can refer to it whole (no anchor on
 * it or on the top level). */
static void start_section(struct loader *l, enum doc_kind kind, const char *anchor)
{
	l->section = -1;
	bool value = (l->nchildren - l->stack[0].first_child) % 2 == 1;
	if (kind != DOC_MAP || anchor || l->stack[0].anchor || l->stack[0].node->kind != DOC_MAP ||
	    !value)
		return;
	const struct doc_node *key = l->children[l->nchildren - 1];
	l->section = key->kind == DOC_SCALAR ? bind_stream_section(key->text) : -1;
	l->entry_index = 0;
	l->anchors_kept = l->nanchors;
}

static bool on_start(struct loader *l, const struct yaml_ev *e, enum doc_kind kind)
{
	struct span at = ev_span(l, e);
	if (l->depth == YAML_MAX_DEPTH) {
		diag_error(l->diag, IVR_TOO_DEEP, at,
			   "nesting deeper than %d levels", YAML_MAX_DEPTH);
		return false;
	}
	const char *tag = e->tag, *anchor = e->anchor;
	if (tag && !(kind == DOC_MAP && strcmp(tag, "tag:yaml.org,2002:map") == 0) &&
	    !(kind == DOC_SEQ && strcmp(tag, "tag:yaml.org,2002:seq") == 0))
		check_tag(l, tag, at);
	struct doc_node *n = arena_alloc(node_arena(l, l->depth), sizeof *n);
	n->kind = kind;
	n->span = at;
	if (l->stream && l->depth == 1)
		start_section(l, kind, anchor);
	l->stack[l->depth++] = (struct open_node){ n, l->nchildren, 1, anchor_name(l, anchor) };
	return true;
}

static bool has_key(const struct doc_pair *pairs, size_t n, const struct doc_node *key)
{
	for (size_t i = 0; i < n; i++) {
		const struct doc_node *k = pairs[i].key;
		if (k->kind == DOC_SCALAR && k->len == key->len &&
		    memcmp(k->text, key->text, k->len) == 0)
			return true;
	}
	return false;
}

/* Merge keys (`<<: *base` or `<<: [*a, *b]`): the merged mappings' pairs are
 * added where the mapping does not set the key itself; earlier sources win. */
static void apply_merges(struct loader *l, struct arena *a, struct doc_node *map,
			 const struct child_info *info)
{
	size_t explicit = 0, merges = 0;
	for (size_t i = 0; i < map->count; i++)
		is_merge_key(map->pairs[i].key) ? merges++ : explicit++;
	if (merges == 0)
		return;
	struct doc_pair *out = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < map->count; i++)
		if (!is_merge_key(map->pairs[i].key))
			ARENA_PUSH(a, out, n, cap, map->pairs[i]);
	for (size_t i = 0; i < map->count; i++) {
		if (!is_merge_key(map->pairs[i].key))
			continue;
		struct doc_node *v = map->pairs[i].value;
		struct doc_node *const *srcs = &map->pairs[i].value;
		size_t nsrc = 1;
		if (v->kind == DOC_SEQ) {
			srcs = v->items;
			nsrc = v->count;
		}
		for (size_t s = 0; s < nsrc; s++) {
			if (srcs[s]->kind != DOC_MAP) {
				/* At the alias that brought it in, when it is one. */
				struct span at = v->kind == DOC_SEQ ? srcs[s]->span : info[2 * i + 1].used_at;
				diag_error(l->diag, IVR_NODE_KIND, at,
					   "a merge key ('<<') takes a mapping or a list of mappings");
				continue;
			}
			for (size_t j = 0; j < srcs[s]->count; j++)
				if (!has_key(out, n, srcs[s]->pairs[j].key))
					ARENA_PUSH(a, out, n, cap, srcs[s]->pairs[j]);
		}
	}
	map->pairs = out;
	map->count = n;
}

static void on_end(struct loader *l, const struct yaml_ev *e)
{
	struct open_node *o = &l->stack[--l->depth];
	struct doc_node *n = o->node;
	struct arena *a = l->section >= 0 && l->depth >= 2 ? l->scratch : l->arena;
	size_t count = l->nchildren - o->first_child;
	size_t weight = 1;
	for (size_t i = o->first_child; i < l->nchildren; i++)
		weight += l->child_info[i].weight;
	n->span = span_join(n->span, ev_span(l, e));
	if (n->kind == DOC_SEQ) {
		n->items = arena_alloc(a, (count ? count : 1) * sizeof *n->items);
		if (count)
			memcpy(n->items, l->children + o->first_child, count * sizeof *n->items);
		n->count = count;
	} else {
		n->count = count / 2;
		n->pairs = arena_alloc(a, (n->count ? n->count : 1) * sizeof *n->pairs);
		for (size_t i = 0; i < n->count; i++) {
			n->pairs[i].key = l->children[o->first_child + 2 * i];
			n->pairs[i].value = l->children[o->first_child + 2 * i + 1];
		}
		doc_check_duplicates(n, l->diag);
		if (n->count)   /* no children: child_info may still be NULL */
			apply_merges(l, a, n, l->child_info + o->first_child);
	}
	l->nchildren = o->first_child;
	if (l->depth == 1)
		l->section = -1;      /* the section is whole */
	finish_node(l, n, weight, o->anchor, n->span);
}

static void on_alias(struct loader *l, const struct yaml_ev *e)
{
	const char *name = e->anchor;
	struct span at = ev_span(l, e);
	for (size_t i = l->nanchors; i-- > 0;) {
		if (strcmp(l->anchors[i].name, name) != 0)
			continue;
		l->alias_nodes += l->anchors[i].weight;
		if (l->alias_nodes > YAML_MAX_ALIAS_NODES) {
			diag_error(l->diag, IVR_ALIAS_LIMIT, at,
				   "aliases expand to more than %d nodes", YAML_MAX_ALIAS_NODES);
			l->failed = true;
			return;
		}
		finish_node(l, l->anchors[i].node, l->anchors[i].weight, NULL, at);
		return;
	}
	diag_error(l->diag, IVR_UNDEFINED_ALIAS, at, "undefined alias '%s'", name);
	l->failed = true;
}

/* Returns false when the event loop must stop. */
static bool on_event(void *ctx, const struct yaml_ev *e)
{
	struct loader *l = ctx;
	switch (e->kind) {
	case YEV_DOCUMENT:
		if (++l->documents > 1) {
			diag_error(l->diag, IVR_MULTI_DOCUMENT, ev_span(l, e),
				   "expected one YAML document, found a second one");
			return false;
		}
		return true;
	case YEV_SCALAR:
		on_scalar(l, e);
		return true;
	case YEV_SEQ_START:
		return on_start(l, e, DOC_SEQ);
	case YEV_MAP_START:
		return on_start(l, e, DOC_MAP);
	case YEV_SEQ_END:
	case YEV_MAP_END:
		on_end(l, e);
		return true;
	case YEV_ALIAS:
		on_alias(l, e);
		return !l->failed;
	case YEV_STREAM_END:
		return false;
	}
	return true;
}

/* The root once the events are in, or NULL after reporting to the
 * loader's diag (errors: its count before). */
static struct doc_node *finish(struct loader *l, size_t errors)
{
	free(l->children);
	free(l->child_info);
	if (l->diag->errors != errors)
		return NULL;
	if (!l->root) {
		diag_error(l->diag, IVR_EMPTY_FILE, span_make(l->src, 0, 0), "the file is empty");
		return NULL;
	}
	return l->root;
}

/* Loads src through the fast path for plain YAML, or else through libyaml:
 * the fast path works on a diag of its own, merged into d when it took the
 * file, and what it did to the arena (and stream) is taken back when it
 * did not. */
/* A loader that reports to d, and binds into a new stream (*stream) when
 * stream is not NULL. */
static struct loader loader_new(const struct source *src, struct arena *a, struct diag *d,
				const struct target_set *ts, struct bind_stream **stream)
{
	struct loader l = { .src = src, .arena = a, .diag = d, .section = -1 };
	if (stream) {
		l.stream = *stream = bind_stream_new(src, ts, a, d);
		l.scratch = bind_stream_scratch(l.stream);
	}
	return l;
}

static struct doc_node *load(const struct source *src, struct arena *a, struct diag *d,
			     const struct target_set *ts, struct bind_stream **stream)
{
	struct arena_mark mark = arena_mark(a);
	struct diag fast_diag;
	diag_init(&fast_diag, a);
	fast_diag.max_errors = d->max_errors;
	struct loader l = loader_new(src, a, &fast_diag, ts, stream);
	if (yaml_fast_events(src, on_event, &l)) {
		struct doc_node *root = finish(&l, 0);
		diag_merge(d, &fast_diag);
		return root;
	}
	free(l.children);
	free(l.child_info);
	if (stream)
		bind_stream_abandon(*stream);
	arena_rewind(a, mark);
	l = loader_new(src, a, d, ts, stream);
	size_t errors = d->errors;
	yaml_libyaml_events(src, d, on_event, &l);
	return finish(&l, errors);
}

struct doc_node *yaml_load(const struct source *src, struct arena *a, struct diag *d)
{
	return load(src, a, d, NULL, NULL);
}

struct ast_program *yaml_load_program(const struct source *src, const struct target_set *ts,
				      struct arena *a, struct diag *d)
{
	struct bind_stream *stream;
	struct doc_node *root = load(src, a, d, ts, &stream);
	return bind_stream_finish(stream, root, d);
}
