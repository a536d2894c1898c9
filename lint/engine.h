/* The lint engine: the rules of lint/registry.c run over one checked program
 * in one walk; what they report goes through the suppression comments and
 * the configuration (.ivrc.yaml) before it becomes a finding. */
#ifndef IVRC_LINT_ENGINE_H
#define IVRC_LINT_ENGINE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../compiler/ast.h"
#include "../compiler/caps.h"
#include "../compiler/cfg.h"
#include "../compiler/diag.h"
#include "../compiler/strmap.h"

struct arena;
struct lint_caller_view;
struct lint_run;

/* What a rule's hooks see. Rules only read it and report. */
struct lint_ctx {
	const struct ast_program *p;
	const struct cfg *g;       /* flows are entry points when a declared target builds them */
	const struct target_caps *const *caps;   /* the declared targets' tables */
	size_t ncaps;
	struct ast_datetime now;   /* --now, IVRC_NOW or the clock */
	struct arena *a;
	const struct lint_caller *caller;   /* the configured budgets */
	const struct lint_rule *rule;   /* the rule being run */
	struct lint_caller_view *view;  /* lint/caller.h: made when a rule first asks */
	struct lint_run *run;      /* the engine's own */
};

/* One rule: lint/rules/<name>.c exports one of these; unused hooks NULL.
 * The walk calls `program` once, then each hook for every object of its
 * kind in source order, and `step` for every step of every flow (block
 * `b`, step b->steps[i]) before the steps inside it. */
struct lint_rule {
	unsigned code;             /* 301 for IVR301 */
	const char *name;          /* kebab-case */
	enum severity severity;    /* by default */
	const char *summary;       /* one line, lowercase, no final period */
	void (*program)(struct lint_ctx *c);
	void (*menu)(struct lint_ctx *c, const struct ast_menu *m);
	void (*announcement)(struct lint_ctx *c, const struct ast_announcement *an);
	void (*voicemail)(struct lint_ctx *c, const struct ast_voicemail *vm);
	void (*flow)(struct lint_ctx *c, const struct ast_flow *f);
	void (*step)(struct lint_ctx *c, const struct ast_flow *f, const struct ast_block *b,
		     size_t i);
	void (*broadcast)(struct lint_ctx *c, const struct ast_broadcast *bc);
	void (*recording)(struct lint_ctx *c, const struct ast_recording *r);
	void (*endpoint)(struct lint_ctx *c, const struct ast_endpoint *ep);
};

/* Adds a finding of the running rule at `at` (unless configured off or
 * suppressed there). */
void lint_report(struct lint_ctx *c, struct span at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* lint/registry.c: every rule, sorted by code. */
extern const struct lint_rule *const lint_registry[];
extern const size_t lint_registry_count;
const struct lint_rule *lint_rule_by_code(unsigned code);
const struct lint_rule *lint_rule_by_name(const char *name);

/* The page docs/rules/IVRxxx.md of a rule, embedded at build time; NULL
 * when there is none. */
const char *lint_rule_doc(unsigned code);
/* docs/DIAGNOSTICS.md's entry of a code that is not a lint rule (check's,
 * the build's, import's, push's), embedded at build time; NULL when there
 * is none. */
const char *diag_code_doc(unsigned code);

/* ---------- configuration ---------- */

enum { LINT_LEVEL_DEFAULT = -2, LINT_LEVEL_OFF = -1 };

/* `caller:` of .ivrc.yaml: the caller-experience budgets (IVR308,
 * IVR330-IVR333); a rule without its setting stays silent. */
struct lint_caller {
	uint32_t max_seconds_to_human;   /* IVR330; 0: not set */
	bool has_max_keys;
	uint32_t max_keys_to_human;      /* IVR331 */
	bool replay_on_timeout;          /* IVR332 */
	char escape_key;                 /* IVR333; 0: not set */
	uint32_t max_options;            /* IVR308: 9 unless set */
};

struct lint_config {
	signed char level[1000];   /* by code: LINT_LEVEL_* or an enum severity */
	struct lint_caller caller;
	bool has_fail_on;
	enum severity fail_on;
};

void lint_config_init(struct lint_config *cfg);
/* Reads `rules: {CODE: off|note|warning|error}`, `fail_on: LEVEL` and
 * `caller: {...}` from a YAML document tree; reports what is wrong to d (unknown codes: IVR500). */
void lint_config_read(struct lint_config *cfg, const struct doc_node *root,
		      struct arena *a, struct diag *d);
/* The folders a run has looked in, and what each led to: the files of a
 * folder, and the folders of a project, share the search above them.
 * Zero it before the first search. */
struct lint_config_search {
	struct strmap dirs;        /* folder -> its .ivrc.yaml or the nearest above, or NULL */
	bool root_known;           /* root: the identity of "/", where a search stops */
	unsigned long long root_dev, root_ino;
};
/* The .ivrc.yaml in the directory of path or the nearest one above it
 * ("-": from the working directory), in the arena; NULL when there is none. */
const char *lint_config_find(const char *path, struct arena *a,
			     struct lint_config_search *seen);
/* "off", "note", "warning", "error" to a level; false when it is none. */
bool lint_level_parse(const char *s, int *level);

/* ---------- one file ---------- */

struct lint_file {
	const struct ast_program *p;   /* checked without errors, or NULL: no rules run */
	const struct source *const *srcs;  /* the program's files, the root first */
	size_t nsrcs;
	const struct target_caps *const *caps;
	size_t ncaps;
	const struct lint_config *config;
	struct ast_datetime now;
	size_t first;              /* d->items[first..] holds this file's check findings */
	/* Only the rules: check's findings were filtered, and the comments'
	 * problems reported, by another run on the same files (one run per
	 * environment). */
	bool rules_only;
};

/* Applies suppressions and configuration to the file's check findings, then
 * runs every rule. */
void lint_file(const struct lint_file *f, struct arena *a, struct diag *d);

/* The registry as SARIF's rule list wants it (in the arena). */
void lint_tool_rules(struct arena *a, struct diag_tool *out);

#endif
