/* Text from a file or a provider as ivrc shows it on a terminal or in a CI
 * log: every character that could act on the terminal or start a line of
 * its own is escaped (docs/DIAGNOSTICS.md, "Text output"). C0 controls but
 * tab, DEL, C1 controls, the Unicode line separators and bidirectional
 * controls, and bytes that are not UTF-8 become `\n`, `\r`, `\e`, `\0`,
 * `\xNN` (a byte) or `\u202e` (a character). A tab stays a tab, so carets
 * line up under it. */
#ifndef IVRC_SHOWN_H
#define IVRC_SHOWN_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct arena;

/* The first character of s[0..n) (n > 0) as shown: its bytes, or its
 * escape, in out (NUL-terminated), and the columns it takes in *width.
 * Returns how many bytes of s it covers (at least 1). */
size_t shown_char(const char *s, size_t n, char out[8], size_t *width);

/* s[0..n), shown, to f. */
void shown_write(FILE *f, const char *s, size_t n);

/* s (NUL-terminated), shown, in the arena; s itself when nothing needs an
 * escape. */
const char *shown_text(struct arena *a, const char *s);

/* Whether s (NUL-terminated) is well-formed UTF-8, as a JSON string must
 * be. */
bool shown_is_utf8(const char *s);

#endif
