/* The comments of a YAML file (yaml_comments.h). */
#include "yaml_comments.h"

#include <string.h>

#include "../compiler/arena.h"

/* Spaces a line starts with. */
static size_t indent_of(const char *s, const char *end)
{
	size_t n = 0;
	while (s + n < end && s[n] == ' ')
		n++;
	return n;
}

/* Whether the text before a line's comment (or end) ends with a block
 * scalar's header: `|` or `>`, maybe with its indicators (`|-`, `>+2`). */
static bool opens_block(const char *s, const char *end)
{
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	while (end > s && strchr("+-0123456789", end[-1]))
		end--;
	return end > s && (end[-1] == '|' || end[-1] == '>') &&
	       (end - 1 == s || end[-2] == ' ' || end[-2] == ':' || end[-2] == '-');
}

void yaml_comments(const struct source *src, struct arena *a, struct dsl_comments *out)
{
	/* Lines more indented than a block scalar's header are its text. */
	bool in_block = false;
	size_t block_indent = 0;
	for (size_t l = 1; l <= src->nlines; l++) {
		size_t len;
		const char *s = source_line(src, (uint32_t)l, &len);
		if (!s)
			continue;
		const char *end = s + len;
		size_t indent = indent_of(s, end);
		bool blank = s + indent == end || (s[indent] == '\r' && s + indent + 1 == end);
		if (in_block && (blank || indent > block_indent))
			continue;
		in_block = false;
		const char *c = source_comment_start(s, end);
		if (opens_block(s, c ? c : end)) {
			in_block = true;
			block_indent = indent;
		}
		if (!c)
			continue;
		size_t n = (size_t)(end - c);
		while (n > 0 && c[n - 1] == '\r')
			n--;
		struct dsl_comment k = { span_make(src, (size_t)(c - src->text), n), c, n,
					 c == s + indent };
		ARENA_PUSH(a, out->items, out->count, out->cap, k);
	}
}
