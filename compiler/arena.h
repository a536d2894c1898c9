/* One arena per compilation: nodes and strings live here and die together. */
#ifndef IVRC_ARENA_H
#define IVRC_ARENA_H
#include <stdarg.h>
#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t total;            /* bytes handed out, for statistics */
	/* Every allocation goes through this hook so that a test can make it fail.
	 * NULL means malloc. */
	void *(*alloc_hook)(size_t size, void *ctx);
	void *hook_ctx;
};

void arena_init(struct arena *a);
void arena_free(struct arena *a);
/* A place in an arena, to give back what was allocated after it: a scratch
 * arena serves one piece of work at a time, and keeps the pieces that must
 * live on by moving its mark past them. */
struct arena_mark {
	struct arena_block *block;
	size_t used, total;
};

struct arena_mark arena_mark(const struct arena *a);

/* Frees or takes back what was allocated since m (handed out again zeroed);
 * one block stays for reuse. (A big one-off block allocated since stays until arena_free.) */
void arena_rewind(struct arena *a, struct arena_mark m);

/* Moves every block of from into to, which frees them with its own. */
void arena_adopt(struct arena *to, struct arena *from);
/* Zeroed memory; aborts with a message when the system is out of memory. */
void *arena_alloc(struct arena *a, size_t size);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* The strings up to a NULL, joined: cheaper than arena_printf on hot paths. */
char *arena_concat(struct arena *a, ...) __attribute__((sentinel));

/* A growable array of pointers or structs, arena-backed (old storage is left
 * in the arena when it grows: the arena frees it all at once). */
#define ARENA_PUSH(a, arr, n, cap, item) do { \
	if ((n) == (cap)) { \
		size_t ncap_ = (cap) ? (cap) * 2 : 8; \
		void *nv_ = arena_alloc((a), ncap_ * sizeof *(arr)); \
		if ((n)) memcpy(nv_, (arr), (n) * sizeof *(arr)); \
		(arr) = nv_; (cap) = ncap_; \
	} \
	(arr)[(n)++] = (item); \
} while (0)

#endif
