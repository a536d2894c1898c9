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
void doc_check_duplicates(const struct doc_node *map, struct diag *d)
{
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
		const struct doc_node *a = sorted[i - 1].key, *b = sorted[i].key;
		if (a->len != b->len || memcmp(a->text, b->text, a->len) != 0)
			continue;
		struct linecol lc = source_linecol(a->span.src, a->span.offset);
		diag_error(d, IVR_DUPLICATE_KEY, b->span,
			   "duplicate key '%s' (first defined at %u:%u)", b->text, lc.line, lc.column);
	}
	free(sorted);
}

