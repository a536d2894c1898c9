/* Bump allocator in large blocks; see arena.h. */
#include "arena.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	size_t zeroed;             /* data[0, zeroed) is known to be zero */
	max_align_t data[];
};

/* Blocks double from 64 KiB to 4 MiB: a small file costs little, a big one
 * few calls to the allocator; blocks past malloc's mmap threshold come
 * straight from the kernel, already zero, and leave malloc's heap to the
 * small allocations libyaml and cJSON make. */
enum { ARENA_MIN_BLOCK = 64 * 1024, ARENA_MAX_BLOCK = 4 * 1024 * 1024 };

void arena_init(struct arena *a)
{
	memset(a, 0, sizeof *a);
}

void arena_free(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->total = 0;
}

struct arena_mark arena_mark(const struct arena *a)
{
	return (struct arena_mark){ a->head, a->head ? a->head->used : 0, a->total };
}

void arena_rewind(struct arena *a, struct arena_mark m)
{
	while (a->head && a->head != m.block && (m.block || a->head->next)) {
		struct arena_block *b = a->head;
		a->head = b->next;
		free(b);
	}
	struct arena_block *b = a->head;
	if (b) {
		size_t from = b == m.block ? m.used : 0;
		b->used = from;
		if (b->zeroed > from)
			b->zeroed = from;    /* cleared when handed out again */
	}
	a->total = m.total;
}

void arena_adopt(struct arena *to, struct arena *from)
{
	struct arena_block *last = from->head;
	if (!last)
		return;
	while (last->next)
		last = last->next;
	/* Behind to's head, which keeps its room for what comes next. */
	if (to->head) {
		last->next = to->head->next;
		to->head->next = from->head;
	} else {
		to->head = from->head;
	}
	to->total += from->total;
	from->head = NULL;
	from->total = 0;
}

static size_t block_size(const struct arena *a)
{
	size_t size = a->head ? a->head->size * 2 : ARENA_MIN_BLOCK;
	return size < ARENA_MAX_BLOCK ? size : ARENA_MAX_BLOCK;
}

/* Blocks this big come from mmap (malloc's threshold), already zero: calloc
 * clears nothing. A smaller one comes from malloc's heap, often memory freed
 * a moment ago: it is cleared as it is handed out, not whole (a small file's
 * first block is mostly unused). */
enum { ARENA_FRESH_BLOCK = 128 * 1024 };

static struct arena_block *new_block(struct arena *a, size_t size)
{
	size_t bytes = sizeof(struct arena_block) + size;
	bool fresh = bytes >= ARENA_FRESH_BLOCK;
	struct arena_block *b;
	if (a->alloc_hook)
		b = a->alloc_hook(bytes, a->hook_ctx);
	else
		b = fresh ? calloc(1, bytes) : malloc(bytes);
	if (!b) {
		fputs("ivrc: out of memory\n", stderr);
		abort();
	}
	b->next = NULL;
	b->used = 0;
	b->size = size;
	b->zeroed = fresh && !a->alloc_hook ? size : 0;
	return b;
}

void *arena_alloc(struct arena *a, size_t size)
{
	/* Pointer alignment: nothing in the arena needs more (no long double),
	 * and small nodes and strings waste less. */
	const size_t align = sizeof(void *);
	size = (size + align - 1) & ~(align - 1);
	if (size == 0)
		size = align;
	struct arena_block *b = a->head;
	if (!b || b->size - b->used < size) {
		size_t grown = block_size(a);
		b = new_block(a, size > grown ? size : grown);
		/* A big one-off block goes behind the head so the head keeps its room. */
		if (a->head && size > grown) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	void *p = (char *)b->data + b->used;
	b->used += size;
	if (b->zeroed < b->used) {
		memset((char *)b->data + b->zeroed, 0, b->used - b->zeroed);
		b->zeroed = b->used;
	}
	a->total += size;
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	/* Most results are short: format once into a local buffer, and a second
	 * time only when it was too small. */
	char buf[256];
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	if (n < 0)
		n = 0;
	char *p;
	if ((size_t)n < sizeof buf) {
		p = arena_strndup(a, buf, (size_t)n);
	} else {
		p = arena_alloc(a, (size_t)n + 1);
		vsnprintf(p, (size_t)n + 1, fmt, again);
	}
	va_end(again);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

char *arena_concat(struct arena *a, ...)
{
	va_list ap;
	size_t n = 0;
	va_start(ap, a);
	for (const char *s; (s = va_arg(ap, const char *));)
		n += strlen(s);
	va_end(ap);
	char *p = arena_alloc(a, n + 1), *q = p;
	va_start(ap, a);
	for (const char *s; (s = va_arg(ap, const char *));) {
		size_t len = strlen(s);
		memcpy(q, s, len);
		q += len;
	}
	va_end(ap);
	*q = '\0';
	return p;
}
