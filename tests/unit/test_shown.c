/* Unit test for how text from a file or a provider is shown on a terminal
 * (compiler/shown.c): controls, DEL, C1, bidirectional controls and bytes
 * that are not UTF-8 escaped; everything else as it is. Prints one
 * PASS/FAIL line per check; exits 1 if any check failed. */
#include "compiler/shown.h"

#include <stdio.h>
#include <string.h>
#include "compiler/arena.h"
#include "check.h"

int main(void)
{
	struct arena a;
	arena_init(&a);
	static const struct { const char *in, *out, *what; } cases[] = {
		{ "plain text, caf\xc3\xa9", "plain text, caf\xc3\xa9", "text and UTF-8 as they are" },
		{ "a\tb", "a\tb", "a tab stays" },
		{ "a\nb\rc\x1b[2J", "a\\nb\\rc\\e[2J", "newline, CR, ESC" },
		{ "\x07\x7f", "\\x07\\x7f", "BEL and DEL" },
		{ "\xc2\x9b" "2J", "\\u009b2J", "a C1 control (CSI)" },
		{ "\xe2\x80\xae" "x\xe2\x80\xa8", "\\u202ex\\u2028", "a bidi override, a line separator" },
		{ "\xff\xfe", "\\xff\\xfe", "bytes that are not UTF-8" },
		{ "\xc0\xaf", "\\xc0\\xaf", "an overlong encoding" },
		{ "\xed\xa0\x80", "\\xed\\xa0\\x80", "a surrogate" },
		{ "\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80", "beyond U+10FFFF" },
		{ "\xe2\x82", "\\xe2\\x82", "a character cut short" },
		{ "\xf0\x9f\x93\x9e", "\xf0\x9f\x93\x9e", "a 4-byte character" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_str(shown_text(&a, cases[i].in), cases[i].out, cases[i].what);
	const char *same = "nothing to escape";
	check(shown_text(&a, same) == same, "nothing to escape: the same string", "copied");
	char buf[8];
	size_t w;
	size_t k = shown_char("\0x", 2, buf, &w);
	check(k == 1 && w == 2 && strcmp(buf, "\\0") == 0, "NUL: \\0, two columns", buf);
	k = shown_char("\xc2\x85", 2, buf, &w);
	check(k == 2 && w == 6, "NEL: two bytes, six columns", buf);
	arena_free(&a);
	return failures != 0;
}
