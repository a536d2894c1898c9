/* Helpers over the document tree that both front ends share. */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "../compiler/codes.h"

static int compare_keys(const void *a, const void *b)
{
	const struct doc_pair *x = a, *y = b;
	size_t n = x->key->len < y->key->len ? x->key->len : y->key->len;
	int c = memcmp(x->key->text, y->key->text, n);
	if (c)
		return c;
	if (x->key->len != y->key->len)
		return x->key->len < y->key->len ? -1 : 1;
	return x->key->span.offset < y->key->span.offset ? -1 :
	       x->key->span.offset > y->key->span.offset;
}

/* Reports every key that appears twice, at its second place; sorting a copy
 * keeps this O(n log n) for big mappings. */
static bool same_key(const struct doc_node *a, const struct doc_node *b)
{
	return a->kind == DOC_SCALAR && b->kind == DOC_SCALAR && a->len == b->len &&
	       memcmp(a->text, b->text, a->len) == 0;
}

static void report(struct diag *d, const struct doc_node *first, const struct doc_node *again)
{
	struct linecol lc = source_linecol(first->span.src, first->span.offset);
	diag_error(d, IVR_DUPLICATE_KEY, again->span,
		   "duplicate key '%s' (first defined at %u:%u)", again->text, lc.line, lc.column);
}

enum { SMALL_MAP = 12 };

void doc_check_duplicates(const struct doc_node *map, struct diag *d)
{
	/* Most mappings are small: compare pairs directly, without sorting. */
	if (map->count <= SMALL_MAP) {
		for (size_t i = 1; i < map->count; i++)
			for (size_t j = 0; j < i; j++)
				if (same_key(map->pairs[j].key, map->pairs[i].key)) {
					report(d, map->pairs[j].key, map->pairs[i].key);
					break;
				}
		return;
	}
	size_t n = 0;
	for (size_t i = 0; i < map->count; i++)
		n += map->pairs[i].key->kind == DOC_SCALAR;
	if (n < 2)
		return;
	struct doc_pair *sorted = malloc(n * sizeof *sorted);
	if (!sorted)
		abort();
	n = 0;
	for (size_t i = 0; i < map->count; i++)
		if (map->pairs[i].key->kind == DOC_SCALAR)
			sorted[n++] = map->pairs[i];
	qsort(sorted, n, sizeof *sorted, compare_keys);
	for (size_t i = 1; i < n; i++) {
		if (same_key(sorted[i - 1].key, sorted[i].key))
			report(d, sorted[i - 1].key, sorted[i].key);
	}
	free(sorted);
}

