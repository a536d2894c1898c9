/* Placing a scalar's value bytes in the source (value_map.h). */
#include "value_map.h"

#include <stdlib.h>
#include <string.h>

/* The UTF-8 length of a code point. */
static size_t utf8_len(unsigned long cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

static bool hex(const char *s, size_t n, unsigned long *out)
{
	*out = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return false;
		*out = *out * 16 + (unsigned long)d;
	}
	return true;
}

/* An escape at raw[0] ('\\'): how many source bytes it takes and how many
 * value bytes it gives; false when it is not one this reads. YAML's and the
 * DSL's escapes (\u{HEX} is the DSL's). */
static bool escape(const char *raw, const char *lim, size_t *raw_len, size_t *value_len)
{
	unsigned long cp, low;
	if (raw + 1 >= lim)
		return false;
	const char *end;
	switch (raw[1]) {
	case 'x':
		*raw_len = 4;
		return raw + 4 <= lim && hex(raw + 2, 2, &cp) && (*value_len = utf8_len(cp), true);
	case 'u':
		if (raw + 2 < lim && raw[2] == '{') {
			end = memchr(raw + 3, '}', (size_t)(lim - raw - 3));
			if (!end || end == raw + 3 || end - raw - 3 > 6 ||
			    !hex(raw + 3, (size_t)(end - raw - 3), &cp))
				return false;
			*raw_len = (size_t)(end - raw) + 1;
			*value_len = utf8_len(cp);
			return true;
		}
		if (raw + 6 > lim || !hex(raw + 2, 4, &cp))
			return false;
		*raw_len = 6;
		*value_len = utf8_len(cp);
		/* A surrogate pair is one character. */
		if (cp >= 0xD800 && cp < 0xDC00 && raw + 12 <= lim && raw[6] == '\\' &&
		    raw[7] == 'u' && hex(raw + 8, 4, &low) && low >= 0xDC00 && low < 0xE000) {
			*raw_len = 12;
			*value_len = 4;
		}
		return true;
	case 'U':
		*raw_len = 10;
		return raw + 10 <= lim && hex(raw + 2, 8, &cp) && (*value_len = utf8_len(cp), true);
	case 'N': case '_':
		*raw_len = 2;
		*value_len = 2;
		return true;
	case 'L': case 'P':
		*raw_len = 2;
		*value_len = 3;
		return true;
	case '\n': case '\r':
		return false;      /* an escaped line break: folding */
	default:
		*raw_len = 2;
		*value_len = 1;
		return true;
	}
}

/* A quoted scalar on one line: '...' (with '' for ') or "..." (with
 * escapes). */
static bool map_quoted(const char *raw, const char *lim, const struct doc_node *n, uint32_t *at,
		       size_t base)
{
	char quote = raw[0];
	const char *r = raw + 1;
	size_t v = 0;
	while (v < n->len) {
		if (r >= lim || *r == '\n' || *r == '\r')
			return false;
		size_t rl = 1, vl = 1;
		if (quote == '\'' && r[0] == '\'') {
			if (r + 1 >= lim || r[1] != '\'')
				return false;      /* the closing quote, before the value's end */
			rl = 2;
		} else if (quote == '"' && r[0] == '\\') {
			if (!escape(r, lim, &rl, &vl))
				return false;
		} else if (*r != n->text[v]) {
			return false;
		}
		for (size_t k = 0; k < vl && v < n->len; k++)
			at[v++] = (uint32_t)(base + (size_t)(r - raw));
		r += rl;
	}
	at[v] = (uint32_t)(base + (size_t)(r - raw));
	return true;
}

/* A block scalar (| or >) with its indentation found from its first line:
 * each line's bytes after the indentation are the value's, and a line
 * break is one value byte (a newline, or a space where > folds). */
static bool map_block(const char *raw, const char *lim, const struct doc_node *n, uint32_t *at,
		      size_t base)
{
	const char *r = memchr(raw, '\n', (size_t)(lim - raw));
	for (const char *h = raw; h < (r ? r : lim); h++)
		if (*h >= '1' && *h <= '9')
			return false;      /* an explicit indentation */
	if (!r)
		return false;
	r++;
	const char *first = r;
	while (first < lim && (*first == '\n' || *first == '\r' || *first == ' '))
		first++;
	const char *line = first;
	while (line > r && line[-1] == ' ')
		line--;
	size_t indent = (size_t)(first - line), v = 0;
	while (v < n->len && r < lim) {
		for (size_t k = 0; k < indent && r < lim && *r == ' '; k++)
			r++;
		while (r < lim && *r != '\n' && *r != '\r' && v < n->len) {
			if (*r != n->text[v])
				return false;
			at[v++] = (uint32_t)(base + (size_t)(r - raw));
			r++;
		}
		if (v == n->len)
			break;
		if (r >= lim || (n->text[v] != '\n' && n->text[v] != ' '))
			return false;
		at[v++] = (uint32_t)(base + (size_t)(r - raw));
		r += r[0] == '\r' && r + 1 < lim && r[1] == '\n' ? 2 : 1;
	}
	if (v != n->len)
		return false;
	at[v] = (uint32_t)(base + (size_t)(r - raw));
	return true;
}

void value_map_init(struct value_map *m, const struct source *src, const struct doc_node *n)
{
	memset(m, 0, sizeof *m);
	m->src = src;
	m->node = n;
	if (n->kind != DOC_SCALAR || n->span.offset > src->len)
		return;
	const char *raw = src->text + n->span.offset, *lim = src->text + src->len;
	size_t skip = n->quoted && raw < lim && (raw[0] == '"' || raw[0] == '\'') ? 1 : 0;
	m->start = n->span.offset + skip;
	if (m->start + n->len <= src->len && memcmp(raw + skip, n->text, n->len) == 0) {
		m->verbatim = true;
		return;
	}
	if (!n->quoted || raw >= lim || n->len >= UINT32_MAX || src->len >= UINT32_MAX)
		return;
	m->at = malloc((n->len + 1) * sizeof *m->at);
	if (!m->at)
		abort();
	bool ok = raw[0] == '"' || raw[0] == '\'' ?
		  map_quoted(raw, lim, n, m->at, n->span.offset) :
		  (raw[0] == '|' || raw[0] == '>') && map_block(raw, lim, n, m->at, n->span.offset);
	if (!ok) {
		free(m->at);
		m->at = NULL;
	}
}

void value_map_free(struct value_map *m)
{
	free(m->at);
	m->at = NULL;
}

struct span value_map_span(const struct value_map *m, size_t off, size_t len)
{
	const struct doc_node *n = m->node;
	if (off > n->len)
		off = n->len;
	if (off + len > n->len)
		len = n->len > off ? n->len - off : 0;
	if (m->verbatim)
		return span_make(m->src, m->start + off, len ? len : 1);
	if (!m->at)
		return n->span;
	size_t from = m->at[off], to = len ? m->at[off + len - 1] + 1 : from + 1;
	return span_make(m->src, from, to > from ? to - from : 1);
}
