/* A map from strings to pointers (open addressing, in an arena): the
 * memos of a run keyed by a path or a file's identity. */
#ifndef IVRC_STRMAP_H
#define IVRC_STRMAP_H
#include <stdbool.h>
#include <stddef.h>

struct arena;

struct strmap_entry {
	const char *key;
	void *value;
};

struct strmap {
	struct strmap_entry *slots;   /* a power of two of them, at most half used */
	size_t n, cap;
};

/* Whether key is in the map; its value to *value (when not NULL). */
bool strmap_get(const struct strmap *m, const char *key, void **value);

/* Sets key's value; key is kept as given (it must live as long as the map). */
void strmap_put(struct arena *a, struct strmap *m, const char *key, void *value);

#endif
