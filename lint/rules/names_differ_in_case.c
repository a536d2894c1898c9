/* IVR502: two names that differ only in case (`Support` and `support`):
 * easy to mix up, and remote names built from them may clash where a
 * provider ignores case. Menus, announcements, voicemails, flows and
 * endpoints share one namespace; recordings have their own. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../../compiler/arena.h"
#include "../engine.h"
#include "../util.h"

static int cmp_decl(const void *a, const void *b)
{
	const struct ast_decl *x = *(const struct ast_decl *const *)a;
	const struct ast_decl *y = *(const struct ast_decl *const *)b;
	int c = strcasecmp(x->name, y->name);
	if (c)
		return c;
	return (x->name_span.offset > y->name_span.offset) -
	       (x->name_span.offset < y->name_span.offset);
}

static void report_group(struct lint_ctx *c, const struct ast_decl **d, size_t n)
{
	if (n > 1)
		qsort(d, n, sizeof *d, cmp_decl);
	for (size_t i = 0, first = 0; i < n; i++) {
		if (strcasecmp(d[first]->name, d[i]->name) != 0)
			first = i;
		if (i != first && strcmp(d[first]->name, d[i]->name) != 0)
			lint_report(c, d[i]->name_span,
				    "'%s' differs from %s '%s' (at %s) only in case", d[i]->name,
				    ast_decl_kind_names[d[first]->kind], d[first]->name,
				    lint_where(c->a, d[first]->name_span));
	}
}

static void check(struct lint_ctx *c)
{
	const struct ast_program *p = c->p;
	size_t n = p->nmenus + p->nannouncements + p->nvoicemails + p->nflows + p->nendpoints;
	const struct ast_decl **d = arena_alloc(c->a, (n + p->nrecordings + 1) * sizeof *d);
	size_t k = 0;
	for (size_t i = 0; i < p->nmenus; i++)
		d[k++] = &p->menus[i]->decl;
	for (size_t i = 0; i < p->nannouncements; i++)
		d[k++] = &p->announcements[i]->decl;
	for (size_t i = 0; i < p->nvoicemails; i++)
		d[k++] = &p->voicemails[i]->decl;
	for (size_t i = 0; i < p->nflows; i++)
		d[k++] = &p->flows[i]->decl;
	for (size_t i = 0; i < p->nendpoints; i++)
		d[k++] = &p->endpoints[i]->decl;
	report_group(c, d, k);
	for (size_t i = 0; i < p->nrecordings; i++)
		d[k + i] = &p->recordings[i]->decl;
	report_group(c, d + k, p->nrecordings);
}

const struct lint_rule lint_rule_names_differ_in_case = {
	.code = 502,
	.name = "names-differ-in-case",
	.severity = SEV_WARNING,
	.summary = "two names that differ only in case",
	.program = check,
};
