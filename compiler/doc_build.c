/* Building a document tree (doc_build.h). */
#include "doc_build.h"

#include <string.h>

#include "arena.h"

static struct doc_node *node(struct arena *a, enum doc_kind kind)
{
	struct doc_node *n = arena_alloc(a, sizeof *n);
	n->kind = kind;
	return n;
}

struct doc_node *doc_new_map(struct arena *a)
{
	return node(a, DOC_MAP);
}

struct doc_node *doc_new_seq(struct arena *a)
{
	return node(a, DOC_SEQ);
}

struct doc_node *doc_new_scalar(struct arena *a, const char *text, bool quoted)
{
	struct doc_node *n = node(a, DOC_SCALAR);
	n->text = arena_strdup(a, text ? text : "");
	n->len = strlen(n->text);
	/* A provider's case value "~" is that text, not nothing. */
	n->quoted = quoted || doc_is_null(n);
	return n;
}

/* Arrays grow at powers of two: n items fit in the next one up. */
static bool full(size_t n)
{
	return n >= 4 && (n & (n - 1)) == 0;
}

void doc_put(struct arena *a, struct doc_node *map, const char *key, struct doc_node *v)
{
	if (map->count == 0 || full(map->count)) {
		struct doc_pair *p = arena_alloc(a, (map->count ? map->count * 2 : 4) * sizeof *p);
		if (map->count)
			memcpy(p, map->pairs, map->count * sizeof *p);
		map->pairs = p;
	}
	map->pairs[map->count++] = (struct doc_pair){ doc_new_scalar(a, key, false), v };
}

void doc_push(struct arena *a, struct doc_node *seq, struct doc_node *item)
{
	if (seq->count == 0 || full(seq->count)) {
		struct doc_node **p = arena_alloc(a, (seq->count ? seq->count * 2 : 4) * sizeof *p);
		if (seq->count)
			memcpy(p, seq->items, seq->count * sizeof *p);
		seq->items = p;
	}
	seq->items[seq->count++] = item;
}
