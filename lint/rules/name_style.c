/* IVR503: a name that is not lower snake_case (`[a-z][a-z0-9_]*`), the one
 * style of the examples and of remote names (`PROJECT-NAME`, where a `-`
 * inside NAME would blur the two). */
#include <ctype.h>
#include <string.h>

#include "../../compiler/arena.h"
#include "../engine.h"

static bool snake(const char *s)
{
	if (!islower((unsigned char)s[0]))
		return false;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

/* MainMenu -> main_menu, front-desk -> front_desk. */
static const char *suggest(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	char *out = arena_alloc(a, 2 * n + 2), *o = out;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (isupper(ch) && i > 0 && (islower((unsigned char)s[i - 1]) ||
					     isdigit((unsigned char)s[i - 1])))
			*o++ = '_';
		*o++ = ch == '-' ? '_' : (char)tolower(ch);
	}
	while (out[0] == '_')
		out++;
	return out;
}

static void one(struct lint_ctx *c, const struct ast_decl *d)
{
	if (!snake(d->name))
		lint_report(c, d->name_span, "%s name '%s' is not lower snake_case: '%s'",
			    ast_decl_kind_names[d->kind], d->name, suggest(c->a, d->name));
}

static void recording(struct lint_ctx *c, const struct ast_recording *r) { one(c, &r->decl); }
static void endpoint(struct lint_ctx *c, const struct ast_endpoint *e) { one(c, &e->decl); }
static void menu(struct lint_ctx *c, const struct ast_menu *m) { one(c, &m->decl); }
static void announcement(struct lint_ctx *c, const struct ast_announcement *a) { one(c, &a->decl); }
static void voicemail(struct lint_ctx *c, const struct ast_voicemail *v) { one(c, &v->decl); }
static void broadcast(struct lint_ctx *c, const struct ast_broadcast *b) { one(c, &b->decl); }
static void flow(struct lint_ctx *c, const struct ast_flow *f) { one(c, &f->decl); }

const struct lint_rule lint_rule_name_style = {
	.code = 503,
	.name = "name-style",
	.severity = SEV_NOTE,
	.summary = "a name that is not lower snake_case",
	.menu = menu,
	.announcement = announcement,
	.voicemail = voicemail,
	.flow = flow,
	.broadcast = broadcast,
	.recording = recording,
	.endpoint = endpoint,
};
