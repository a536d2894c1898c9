/* Unit test for the arena's promise of zeroed memory (compiler/arena.c:
 * blocks from malloc's heap are cleared as they are handed out, memory taken
 * back by a rewind is cleared when handed out again) and for the string map
 * of the run's memos (compiler/strmap.c). */
#include "compiler/arena.h"
#include "compiler/strmap.h"

#include <stdio.h>
#include <string.h>
#include "check.h"

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static void arena_zeroes(void)
{
	struct arena a;
	arena_init(&a);
	struct arena_mark m = arena_mark(&a);
	unsigned char *p = arena_alloc(&a, 1000);
	check(all_zero(p, 1000), "a first allocation is zero", "not zero");
	memset(p, 0xAB, 1000);
	arena_rewind(&a, m);
	unsigned char *q = arena_alloc(&a, 2000);
	check(q == p, "a rewind gives the memory back", "another address");
	check(all_zero(q, 2000), "memory given back is zero when handed out again", "dirty");
	/* Past the first block, and a one-off block bigger than any. */
	unsigned char *r = arena_alloc(&a, 100 * 1024);
	check(all_zero(r, 100 * 1024), "a second block is zero", "not zero");
	unsigned char *big = arena_alloc(&a, 9 * 1024 * 1024);
	check(all_zero(big, 9 * 1024 * 1024), "a one-off big block is zero", "not zero");
	arena_free(&a);
}

static void strmap_finds(void)
{
	struct arena a;
	arena_init(&a);
	struct strmap m = { 0 };
	void *v = &m;
	check(!strmap_get(&m, "x", &v) && v == &m, "an empty map has nothing", "found");
	char keys[500][16];
	for (int i = 0; i < 500; i++) {
		snprintf(keys[i], sizeof keys[i], "k%d", i);
		strmap_put(&a, &m, keys[i], i % 7 ? keys[i] : NULL);
	}
	int ok = m.n == 500;
	for (int i = 0; i < 500 && ok; i++) {
		char probe[16];
		snprintf(probe, sizeof probe, "k%d", i);   /* another pointer, the same text */
		void *got = &m;
		ok = strmap_get(&m, probe, &got) && got == (i % 7 ? (void *)keys[i] : NULL);
	}
	check(ok, "500 keys, grown past 16 slots: each found with its value (NULL too)",
	      "lost one");
	check(!strmap_get(&m, "k500", NULL), "a key never put is not there", "found");
	strmap_put(&a, &m, keys[3], NULL);
	v = &m;
	check(m.n == 500 && strmap_get(&m, "k3", &v) && v == NULL,
	      "putting a key again replaces its value", "added or kept");
	arena_free(&a);
}

int main(void)
{
	arena_zeroes();
	strmap_finds();
	return failures != 0;
}
