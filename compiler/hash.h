/* FNV-1a over a NUL-terminated string: the hash of the open-addressing
 * tables keyed by a name (symbols, labels, files). */
#ifndef IVRC_HASH_H
#define IVRC_HASH_H
#include <stddef.h>

static inline size_t hash_string(const char *s)
{
	size_t h = (size_t)1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211u;
	return h;
}

#endif
