/* Escaping text for a terminal (shown.h). */
#include "shown.h"
#include "arena.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* The code point of a well-formed UTF-8 sequence at s, and its length;
 * 0 when the bytes are not one (overlong, surrogate, beyond U+10FFFF, cut
 * short). */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
	if (len == 0 || c > 0xF4 || len > n)
		return 0;
	uint32_t v = c & (0x3F >> (len - 1));
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3F);
	}
	static const uint32_t least[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (v < least[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

/* Characters that move the cursor, end a line, or reorder what follows. */
static int escaped_code_point(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x061C || cp == 0x200E || cp == 0x200F;
}

static size_t put(char out[8], const char *text)
{
	size_t n = strlen(text);
	memcpy(out, text, n + 1);
	return n;
}

size_t shown_char(const char *s, size_t n, char out[8], size_t *width)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char c = (unsigned char)s[0];
	if (c < 0x80) {
		const char *named = c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == 0x1B ? "\\e"
				    : c == 0 ? "\\0" : NULL;
		if (named) {
			*width = put(out, named);
		} else if ((c < 0x20 && c != '\t') || c == 0x7F) {
			char e[5] = { '\\', 'x', hex[c >> 4], hex[c & 15], 0 };
			*width = put(out, e);
		} else {
			out[0] = (char)c;
			out[1] = '\0';
			*width = 1;
		}
		return 1;
	}
	uint32_t cp;
	size_t len = utf8_decode((const unsigned char *)s, n, &cp);
	if (len == 0) {
		char e[5] = { '\\', 'x', hex[c >> 4], hex[c & 15], 0 };
		*width = put(out, e);
		return 1;
	}
	if (escaped_code_point(cp)) {
		char e[7] = { '\\', 'u', hex[cp >> 12 & 15], hex[cp >> 8 & 15], hex[cp >> 4 & 15],
			      hex[cp & 15], 0 };
		*width = put(out, e);
		return len;
	}
	memcpy(out, s, len);
	out[len] = '\0';
	*width = 1;
	return len;
}

void shown_write(FILE *f, const char *s, size_t n)
{
	size_t plain = 0;        /* bytes shown as they are, not yet written */
	for (size_t i = 0; i < n;) {
		char buf[8];
		size_t w, k = shown_char(s + i, n - i, buf, &w);
		if (k == strlen(buf) && memcmp(buf, s + i, k) == 0) {
			plain += k;
		} else {
			fwrite(s + i - plain, 1, plain, f);
			plain = 0;
			fputs(buf, f);
		}
		i += k;
	}
	fwrite(s + n - plain, 1, plain, f);
}

bool shown_is_utf8(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = (unsigned char)s[i] < 0x80 ? 1
			   : utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (k == 0)
			return false;
		i += k;
	}
	return true;
}

const char *shown_text(struct arena *a, const char *s)
{
	size_t n = strlen(s), cap = 0, len = 0;
	char *out = NULL;
	for (size_t i = 0; i < n;) {
		char buf[8];
		size_t w, k = shown_char(s + i, n - i, buf, &w);
		bool same = k == strlen(buf) && memcmp(buf, s + i, k) == 0;
		if (!same && !out) {
			cap = n * 6 + 1;      /* an escape takes at most 6 bytes a byte */
			out = arena_alloc(a, cap);
			memcpy(out, s, i);
			len = i;
		}
		if (out) {
			size_t m = strlen(buf);
			memcpy(out + len, buf, m);
			len += m;
		}
		i += k;
	}
	if (!out)
		return s;
	out[len] = '\0';
	return out;
}
