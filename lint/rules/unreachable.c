/* IVR301: an object no call can reach from an entry point (the `entry:`
 * list or the first menu, every broadcast destination, and every flow when
 * a declared target builds flows). Objects no declared target builds are
 * IVR440's. */
#include "../engine.h"
#include "../util.h"

static void check(struct lint_ctx *c)
{
	for (size_t n = 0; n < c->g->nnodes; n++) {
		const struct cfg_node *node = &c->g->nodes[n];
		enum decl_kind k = node->decl->kind;
		if (node->reachable || k == DECL_ENDPOINT || !lint_any_builds(c, k))
			continue;
		lint_report(c, node->decl->name_span,
			    "%s '%s' is unreachable: no entry point, key or route leads to it",
			    ast_decl_kind_names[k], node->decl->name);
	}
}

const struct lint_rule lint_rule_unreachable = {
	.code = 301,
	.name = "unreachable",
	.severity = SEV_WARNING,
	.summary = "a menu, announcement, voicemail or flow that no call can reach",
	.program = check,
};
