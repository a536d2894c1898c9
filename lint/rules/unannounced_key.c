/* IVR310: a key that the menu's prompt never mentions, when the prompt's
 * text is known. A key counts as mentioned when its digit stands alone in
 * the text ("press 1", not "10") or its word does ("one", "star", "hash",
 * "pound"), in any case. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "../engine.h"

/* Bit of a key in the mask: '0'-'9' are 0-9, '*' 10, '#' 11. */
static unsigned bit_of(char key)
{
	return 1u << (key == '*' ? 10 : key == '#' ? 11 : key - '0');
}

/* Each key's words, with their lengths: a text's words are compared only
 * with those of the same length and first letter. */
struct key_word {
	const char *word;
	size_t len;
	char key;
};

static const struct key_word key_words[] = {
	{ "zero", 4, '0' }, { "oh", 2, '0' }, { "one", 3, '1' }, { "two", 3, '2' },
	{ "three", 5, '3' }, { "four", 4, '4' }, { "five", 4, '5' }, { "six", 3, '6' },
	{ "seven", 5, '7' }, { "eight", 5, '8' }, { "nine", 4, '9' },
	{ "star", 4, '*' }, { "asterisk", 8, '*' },
	{ "hash", 4, '#' }, { "pound", 5, '#' }, { "square", 6, '#' },
};

/* The keys a text mentions, in one pass over it (a text is read once, not
 * once per key and word). */
static unsigned announced(const char *text)
{
	unsigned mask = 0;
	for (const char *p = text; *p;) {
		if (*p == '*' || *p == '#') {
			mask |= bit_of(*p++);
			continue;
		}
		if (!isalnum((unsigned char)*p)) {
			p++;
			continue;
		}
		/* A word: letters and digits; a digit alone among non-digits
		 * counts ("press 1", "1st"), one of a longer number does not. */
		const char *w = p;
		while (isalnum((unsigned char)*p))
			p++;
		size_t n = (size_t)(p - w);
		for (const char *d = w; d < p; d++)
			if (isdigit((unsigned char)*d) && (d == w || !isdigit((unsigned char)d[-1])) &&
			    (d + 1 == p || !isdigit((unsigned char)d[1])))
				mask |= bit_of(*d);
		char first = (char)tolower((unsigned char)*w);
		for (size_t k = 0; k < sizeof key_words / sizeof key_words[0]; k++)
			if (key_words[k].len == n && key_words[k].word[0] == first &&
			    strncasecmp(w, key_words[k].word, n) == 0)
				mask |= bit_of(key_words[k].key);
	}
	return mask;
}

static void check(struct lint_ctx *c, const struct ast_menu *m)
{
	const struct ast_recording *rec = m->prompt.rec;
	if (!rec || !rec->text || !rec->text[0])
		return;
	unsigned mask = announced(rec->text);
	for (size_t i = 0; i < m->noptions; i++)
		if (!(mask & bit_of(m->options[i].key)))
			lint_report(c, m->options[i].span,
				    "key '%c' is never announced: the text of prompt '%s' of menu "
				    "'%s' does not mention it", m->options[i].key, rec->decl.name,
				    m->decl.name);
}

const struct lint_rule lint_rule_unannounced_key = {
	.code = 310,
	.name = "unannounced-key",
	.severity = SEV_WARNING,
	.summary = "a key that the menu's prompt text never mentions",
	.menu = check,
};
