/* Helpers the rules share (see util.h). */
#include "util.h"

#include <stdint.h>
#include <string.h>

#include "../compiler/arena.h"

/* ---------- walking steps ---------- */

bool lint_step_leaves(const struct ast_step *s)
{
	if (s->kind == STEP_HANGUP)
		return true;
	if (s->kind != STEP_GOTO)
		return false;
	return s->to.kind == DEST_MENU || !ast_step_arg(s, "limit");
}

bool lint_step_ends(const struct ast_step *s)
{
	return s->kind == STEP_HANGUP || s->kind == STEP_DIAL || s->kind == STEP_DIAL_TO_MANY ||
	       s->kind == STEP_DIAL_WEBRTC || s->kind == STEP_DIAL_CONVERSATIONS ||
	       (s->kind == STEP_GOTO && s->to.kind == DEST_MENU);
}

static void note_exit(void *ctx, const struct ast_step *s)
{
	*(bool *)ctx |= lint_step_ends(s);
}

bool lint_step_can_exit(struct arena *a, const struct ast_step *s)
{
	bool found = lint_step_ends(s);
	struct ast_block one = { (struct ast_step *)s, 1, s->span };
	if (!found)
		ast_each_step(a, &one, note_exit, &found);
	return found;
}

/* ---------- sets of names ---------- */

static size_t hash(const char *s, size_t n)
{
	size_t h = 1469598103934665603u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

void lint_names_init(struct lint_names *s, struct arena *a, size_t hint)
{
	s->cap = 16;
	while (s->cap < hint * 2)
		s->cap *= 2;
	s->keys = arena_alloc(a, s->cap * sizeof *s->keys);
	s->lens = arena_alloc(a, s->cap * sizeof *s->lens);
	s->count = 0;
}

static size_t slot(const struct lint_names *s, const char *name, size_t len)
{
	size_t i = hash(name, len) & (s->cap - 1);
	while (s->keys[i] && !(s->lens[i] == len && memcmp(s->keys[i], name, len) == 0))
		i = (i + 1) & (s->cap - 1);
	return i;
}

bool lint_names_add(struct lint_names *s, struct arena *a, const char *name, size_t len)
{
	if ((s->count + 1) * 2 > s->cap) {
		struct lint_names bigger;
		lint_names_init(&bigger, a, s->cap);
		for (size_t i = 0; i < s->cap; i++)
			if (s->keys[i]) {
				size_t j = slot(&bigger, s->keys[i], s->lens[i]);
				bigger.keys[j] = s->keys[i];
				bigger.lens[j] = s->lens[i];
				bigger.count++;
			}
		*s = bigger;
	}
	size_t i = slot(s, name, len);
	if (s->keys[i])
		return false;
	s->keys[i] = name;
	s->lens[i] = len;
	s->count++;
	return true;
}

bool lint_names_has(const struct lint_names *s, const char *name, size_t len)
{
	return s->keys[slot(s, name, len)] != NULL;
}

/* ---------- words ---------- */

bool lint_any_builds(const struct lint_ctx *c, enum decl_kind k)
{
	for (size_t i = 0; i < c->ncaps; i++)
		if (c->caps[i]->objects & (1u << k))
			return true;
	return false;
}

const char *lint_a_kind(enum decl_kind k)
{
	return k == DECL_ANNOUNCEMENT || k == DECL_ENDPOINT ? "an" : "a";
}

const char *lint_where(struct arena *a, struct span at)
{
	struct linecol lc = source_linecol(at.src, at.offset);
	return arena_printf(a, "%u:%u", lc.line, lc.column);
}

/* ---------- time ---------- */

const char *lint_datetime_text(struct arena *a, const struct ast_datetime *t)
{
	return arena_printf(a, "%04d-%02d-%02d %02d:%02d:%02d", t->year, t->month, t->day,
			    t->hour, t->minute, t->second);
}
