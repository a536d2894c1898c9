/* IVR310: a key that the menu's prompt never mentions, when the prompt's
 * text is known. A key counts as mentioned when its digit stands alone in
 * the text ("press 1", not "10") or its word does ("one", "star", "hash",
 * "pound"), in any case. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "../engine.h"

static const char *const digit_words[10][2] = {
	{ "zero", "oh" }, { "one", NULL }, { "two", NULL }, { "three", NULL },
	{ "four", NULL }, { "five", NULL }, { "six", NULL }, { "seven", NULL },
	{ "eight", NULL }, { "nine", NULL },
};
static const char *const star_words[] = { "star", "asterisk", NULL };
static const char *const hash_words[] = { "hash", "pound", "square", NULL };

static bool has_word(const char *text, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = text; *p; p++) {
		if (strncasecmp(p, w, n) != 0)
			continue;
		bool before = p == text || !isalnum((unsigned char)p[-1]);
		bool after = !isalnum((unsigned char)p[n]);
		if (before && after)
			return true;
	}
	return false;
}

/* The key's own character, not part of a longer number. */
static bool has_key_char(const char *text, char key)
{
	for (const char *p = strchr(text, key); p; p = strchr(p + 1, key)) {
		bool digit = isdigit((unsigned char)key);
		bool before = p == text || !digit || !isdigit((unsigned char)p[-1]);
		bool after = !digit || !isdigit((unsigned char)p[1]);
		if (before && after)
			return true;
	}
	return false;
}

static bool mentioned(const char *text, char key)
{
	if (has_key_char(text, key))
		return true;
	const char *const *words = key == '*' ? star_words : key == '#' ? hash_words :
				   digit_words[key - '0'];
	size_t n = key == '*' || key == '#' ? 3 : 2;
	for (size_t i = 0; i < n && words[i]; i++)
		if (has_word(text, words[i]))
			return true;
	return false;
}

static void check(struct lint_ctx *c, const struct ast_menu *m)
{
	const struct ast_recording *rec = m->prompt.rec;
	if (!rec || !rec->text || !rec->text[0])
		return;
	for (size_t i = 0; i < m->noptions; i++)
		if (!mentioned(rec->text, m->options[i].key))
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
