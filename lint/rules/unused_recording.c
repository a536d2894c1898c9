/* IVR311: a recording that nothing plays. */
#include "../../compiler/arena.h"
#include "../engine.h"
#include "../util.h"

static void mark(bool *used, const struct ast_recref *r)
{
	if (r->rec)
		used[r->rec->decl.index] = true;
}

static void mark_step(void *ctx, const struct ast_step *s)
{
	mark(ctx, &s->recording);
}

static void check(struct lint_ctx *c)
{
	const struct ast_program *p = c->p;
	bool *used = arena_alloc(c->a, p->nrecordings + 1);
	for (size_t i = 0; i < p->nmenus; i++) {
		const struct ast_menu *m = p->menus[i];
		mark(used, &m->prompt);
		mark(used, &m->invalid.prompt);
		mark(used, &m->invalid.final_prompt);
		mark(used, &m->no_input.prompt);
		mark(used, &m->no_input.final_prompt);
	}
	for (size_t i = 0; i < p->nannouncements; i++)
		mark(used, &p->announcements[i]->prompt);
	for (size_t i = 0; i < p->nvoicemails; i++) {
		mark(used, &p->voicemails[i]->greeting);
		mark(used, &p->voicemails[i]->goodbye);
	}
	for (size_t i = 0; i < p->nflows; i++)
		ast_each_step(c->a, &p->flows[i]->body, mark_step, used);
	for (size_t i = 0; i < p->nrecordings; i++)
		if (!used[p->recordings[i]->decl.index])
			lint_report(c, p->recordings[i]->decl.name_span,
				    "recording '%s' is never played", p->recordings[i]->decl.name);
}

const struct lint_rule lint_rule_unused_recording = {
	.code = 311,
	.name = "unused-recording",
	.severity = SEV_WARNING,
	.summary = "a recording that nothing plays",
	.program = check,
};
