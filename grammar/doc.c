/* Helpers over the document tree that both front ends share. */
#include "doc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../compiler/codes.h"

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
	/* A big one (a section of thousands of menus): a hash table of the
	 * last place of each key, so a key given three times is reported at
	 * its second place against the first, at its third against the second. */
	size_t size = 16;
	while (size < 2 * (size_t)map->count)
		size *= 2;
	uint32_t *slot = calloc(size, sizeof *slot);   /* pair index + 1; 0 = empty */
	if (!slot) {
		fputs("ivrc: out of memory\n", stderr);
		abort();
	}
	for (uint32_t i = 0; i < map->count; i++) {
		const struct doc_node *k = map->pairs[i].key;
		if (k->kind != DOC_SCALAR)
			continue;
		uint32_t h = 2166136261u;   /* FNV-1a */
		for (uint32_t j = 0; j < k->len; j++)
			h = (h ^ (unsigned char)k->text[j]) * 16777619u;
		size_t at = h & (size - 1);
		while (slot[at] && !same_key(map->pairs[slot[at] - 1].key, k))
			at = (at + 1) & (size - 1);
		if (slot[at])
			report(d, map->pairs[slot[at] - 1].key, k);
		slot[at] = i + 1;
	}
	free(slot);
}
