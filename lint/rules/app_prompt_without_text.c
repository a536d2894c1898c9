/* IVR442: on a target whose voice apps play their own prompts (Sonetel:
 * the capability table's recording need is "nothing"), a prompt of a menu,
 * announcement or voicemail whose recording has no `text`: callers hear the
 * provider's default prompt there until someone records one, and the file
 * does not say what it should say. */
#include "../engine.h"

static void one(struct lint_ctx *c, const struct target_caps *t, const struct ast_recref *r,
		const struct ast_decl *d)
{
	if (!r->rec || (r->rec->text && r->rec->text[0]))
		return;
	lint_report(c, r->span,
		    "%s plays its own prompt for %s '%s' and recording '%s' has no 'text' to "
		    "record there: callers hear %s's default prompt", t->name,
		    ast_decl_kind_names[d->kind], d->name, r->rec->decl.name,
		    t->name);
}

static void check(struct lint_ctx *c)
{
	const struct ast_program *p = c->p;
	for (size_t k = 0; k < c->ncaps; k++) {
		const struct target_caps *t = c->caps[k];
		if (t->recording_need != REC_NEED_NOTHING)
			continue;
		if (t->objects & (1u << DECL_MENU))
			for (size_t i = 0; i < p->nmenus; i++)
				one(c, t, &p->menus[i]->prompt, &p->menus[i]->decl);
		if (t->objects & (1u << DECL_ANNOUNCEMENT))
			for (size_t i = 0; i < p->nannouncements; i++)
				one(c, t, &p->announcements[i]->prompt, &p->announcements[i]->decl);
		if (t->objects & (1u << DECL_VOICEMAIL))
			for (size_t i = 0; i < p->nvoicemails; i++) {
				one(c, t, &p->voicemails[i]->greeting, &p->voicemails[i]->decl);
				one(c, t, &p->voicemails[i]->goodbye, &p->voicemails[i]->decl);
			}
	}
}

const struct lint_rule lint_rule_app_prompt_without_text = {
	.code = 442,
	.name = "app-prompt-without-text",
	.severity = SEV_WARNING,
	.summary = "a prompt the target's app plays itself, with no text to record for it",
	.program = check,
};
