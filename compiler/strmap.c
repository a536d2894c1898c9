/* String maps (strmap.h). */
#include "strmap.h"

#include <string.h>

#include "arena.h"
#include "hash.h"

static struct strmap_entry *slot(const struct strmap *m, const char *key)
{
	size_t i = hash_string(key) & (m->cap - 1);
	while (m->slots[i].key && strcmp(m->slots[i].key, key) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

bool strmap_get(const struct strmap *m, const char *key, void **value)
{
	if (!m->cap)
		return false;
	const struct strmap_entry *e = slot(m, key);
	if (e->key && value)
		*value = e->value;
	return e->key != NULL;
}

/* Twice the room; the old slots stay in the arena until it is freed. */
static void grow(struct arena *a, struct strmap *m)
{
	struct strmap old = *m;
	m->cap = old.cap ? old.cap * 2 : 16;
	m->slots = arena_alloc(a, m->cap * sizeof *m->slots);
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			*slot(m, old.slots[i].key) = old.slots[i];
}

void strmap_put(struct arena *a, struct strmap *m, const char *key, void *value)
{
	if (2 * (m->n + 1) > m->cap)
		grow(a, m);
	struct strmap_entry *e = slot(m, key);
	if (!e->key) {
		e->key = key;
		m->n++;
	}
	e->value = value;
}
