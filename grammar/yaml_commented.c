/* YAML with the comments of the file it was converted from (printer.h).
 *
 * libyaml's emitter writes no comments. So the YAML is written as ever,
 * read back with libyaml (yaml_load), and the two trees, of the same
 * shape, are walked side by side: each node of the original (its key, for
 * a mapping's entry) gets the line the YAML wrote it on. A comment on a
 * line of its own goes before the line of the first node after it in the
 * original, indented as that line; a comment at the end of a line goes at
 * the end of the line of the last node before it. A suppression comment
 * (`# ivrc: disable=...`) silences one line of the original, which the YAML
 * may write on several (a DSL handler `{ ... }` becomes a block mapping):
 * it goes at the end of each of them, so that it silences the same
 * findings. The result is read once more and must give the same tree,
 * else the comments are left out. */
#include "printer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../compiler/arena.h"
#include "yaml_loader.h"

/* Where a node of the original stands, and where the YAML wrote it. */
struct place {
	uint32_t from;             /* offset in the original */
	uint32_t at;               /* offset in the YAML */
};

static int by_from(const void *x, const void *y)
{
	const struct place *a = x, *b = y;
	return (a->from > b->from) - (a->from < b->from);
}

/* Every node of a and of b, paired, when they have the same shape. */
static bool pair_up(struct arena *ar, const struct doc_node *a, const struct doc_node *b,
		    struct place **out, size_t *n, size_t *cap)
{
	const struct doc_node **stack_a = NULL, **stack_b = NULL;
	size_t top = 0, cap_a = 0, cap_b = 0, top_b = 0;
	ARENA_PUSH(ar, stack_a, top, cap_a, a);
	ARENA_PUSH(ar, stack_b, top_b, cap_b, b);
	while (top) {
		a = stack_a[--top];
		b = stack_b[--top_b];
		if (!a || !b || a->kind != b->kind || a->count != b->count)
			return false;
		struct place p = { a->span.offset, b->span.offset };
		ARENA_PUSH(ar, *out, *n, *cap, p);
		for (size_t i = a->count; i-- > 0 && a->kind == DOC_MAP;) {
			const struct doc_node *ka = a->pairs[i].key, *kb = b->pairs[i].key;
			struct place k = { ka->span.offset, kb->span.offset };
			ARENA_PUSH(ar, *out, *n, *cap, k);
			ARENA_PUSH(ar, stack_a, top, cap_a, a->pairs[i].value);
			ARENA_PUSH(ar, stack_b, top_b, cap_b, b->pairs[i].value);
		}
		for (size_t i = a->count; i-- > 0 && a->kind == DOC_SEQ;) {
			ARENA_PUSH(ar, stack_a, top, cap_a, a->items[i]);
			ARENA_PUSH(ar, stack_b, top_b, cap_b, b->items[i]);
		}
	}
	return true;
}

/* The line of offset at in text: the index of its first byte. */
static size_t line_start(const char *text, size_t at)
{
	while (at > 0 && text[at - 1] != '\n')
		at--;
	return at;
}

/* "# ivrc: disable=..." (not disable-file, which holds wherever it is). */
static bool is_suppression(const char *text)
{
	text += strspn(text, "# \t");
	return strncmp(text, "ivrc:", 5) == 0 && strstr(text, "disable=") &&
	       !strstr(text, "disable-file=");
}

static bool same_tree(struct arena *ar, const struct doc_node *a, const struct doc_node *b)
{
	struct place *p = NULL;
	size_t n = 0, cap = 0;
	return pair_up(ar, a, b, &p, &n, &cap);
}

char *yaml_print_commented(const struct doc_node *root, const struct dsl_comments *comments)
{
	char *plain = yaml_print(root);
	if (!plain || !comments || !comments->count)
		return plain;
	struct arena ar;
	arena_init(&ar);
	struct diag d;
	diag_init(&d, &ar);
	size_t len = strlen(plain);
	const struct source *printed = source_from_text(&ar, "<yaml>", plain, len);
	const struct doc_node *back = yaml_load(printed, &ar, &d);
	struct place *places = NULL;
	size_t n = 0, cap = 0;
	if (!back || d.errors || !pair_up(&ar, root, back, &places, &n, &cap) || !n) {
		arena_free(&ar);
		return plain;
	}
	qsort(places, n, sizeof *places, by_from);
	/* Per byte of plain: text to put before it (own-line comments, at a
	 * line's start) or before the line break that ends its line. */
	const char **before = arena_alloc(&ar, (len + 1) * sizeof *before);
	const struct source *src = root->span.src;
	for (size_t i = 0; i < comments->count; i++) {
		const struct dsl_comment *c = &comments->items[i];
		size_t k = 0;
		while (k < n && places[k].from < c->span.offset)
			k++;
		const char *text = arena_strndup(&ar, c->text, c->len);
		if (src && is_suppression(text)) {
			/* It silences findings of one line of the original: every line
			 * the YAML wrote that line's nodes on gets it, at its end. */
			uint32_t line = c->own_line && k < n ? source_linecol(src, places[k].from).line
							     : source_linecol(src, c->span.offset).line;
			size_t done = SIZE_MAX, given = 0;
			for (size_t j = 0; j < n; j++) {
				if (source_linecol(src, places[j].from).line != line)
					continue;
				size_t at = places[j].at;
				while (at < len && plain[at] != '\n')
					at++;
				if (at == done || (before[at] && strstr(before[at], text)))
					continue;
				/* The reason once, on the first line: the others repeat
				 * the directive alone. */
				const char *reason = strstr(text, " --");
				const char *says = given && reason ? arena_strndup(&ar, text,
						(size_t)(reason - text)) : text;
				before[at] = arena_printf(&ar, "%s  %s", before[at] ? before[at] : "", says);
				done = at;
				given++;
			}
			if (given)
				continue;
		}
		if (c->own_line && k < n) {
			size_t at = line_start(plain, places[k].at), ind = 0;
			while (plain[at + ind] == ' ')
				ind++;
			before[at] = arena_printf(&ar, "%s%*s%s\n", before[at] ? before[at] : "",
						  (int)ind, "", text);
		} else {
			/* After the last node before it: the end of that line. */
			size_t at = k ? places[k - 1].at : len;
			while (at < len && plain[at] != '\n')
				at++;
			before[at] = arena_printf(&ar, "%s  %s", before[at] ? before[at] : "", text);
		}
	}
	size_t total = len + 1;
	for (size_t i = 0; i <= len; i++)
		total += before[i] ? strlen(before[i]) : 0;
	char *out = malloc(total);
	size_t o = 0;
	for (size_t i = 0; out && i <= len; i++) {
		if (before[i]) {
			size_t m = strlen(before[i]);
			memcpy(out + o, before[i], m);
			o += m;
		}
		if (i < len)
			out[o++] = plain[i];
	}
	if (out)
		out[o] = '\0';
	/* Read once more: the comments must not change what the YAML says. */
	diag_init(&d, &ar);
	const struct doc_node *again = out ? yaml_load(source_from_text(&ar, "<yaml>", out, o),
							&ar, &d) : NULL;
	bool ok = again && !d.errors && same_tree(&ar, back, again);
	arena_free(&ar);
	if (!ok) {
		free(out);
		return plain;
	}
	free(plain);
	return out;
}
