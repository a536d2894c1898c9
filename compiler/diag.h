/* Findings: one struct, collected, sorted, de-duplicated, then printed in one
 * of several formats. */
#ifndef IVRC_DIAG_H
#define IVRC_DIAG_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "source.h"

struct arena;

enum severity { SEV_NOTE, SEV_WARNING, SEV_ERROR };

struct finding {
	struct span span;
	enum severity severity;
	unsigned code;            /* 101 for IVR101 */
	const char *message;      /* lowercase, no final period */
	unsigned seq;             /* order of report, to keep sorting stable */
	/* Other places of the same cause (the routes through an endpoint whose
	 * literal a target refuses): SARIF relatedLocations, JSON "related". */
	const struct span *related;
	uint32_t nrelated;
	const char *related_what;  /* what each is: "route" -> "route 1", "route 2" */
};

/* At most this many related places are kept for a finding (its message
 * says how many there are). */
enum { DIAG_MAX_RELATED = 100 };

struct diag {
	struct arena *arena;
	struct finding *items;
	size_t n, cap;
	size_t errors, warnings;
	/* Cascade cap: after this many errors further errors are counted, not kept. */
	size_t max_errors;
	size_t dropped;
};

enum diag_format { DIAG_TEXT, DIAG_JSON, DIAG_SARIF, DIAG_GITHUB };

/* What SARIF says about the tool: its version and the rules it knows (lint's
 * registry, handed in by the caller: the core does not include lint/). */
struct diag_rule_info {
	unsigned code;
	const char *name, *summary;
	enum severity severity;    /* by default */
};

struct diag_tool {
	const char *version;
	const struct diag_rule_info *rules;   /* sorted by code */
	size_t nrules;
	/* A code's documentation in Markdown (a lint rule's page, another
	 * code's entry), or NULL: SARIF's fullDescription and help. */
	const char *(*code_doc)(unsigned code);
};

void diag_init(struct diag *d, struct arena *a);
/* Returns the finding (valid until the next one is added), or NULL when
 * the cap on errors dropped it. */
struct finding *diag_add(struct diag *d, enum severity sev, unsigned code, struct span at,
			 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
#define diag_error(d, code, at, ...) diag_add((d), SEV_ERROR, (code), (at), __VA_ARGS__)
#define diag_warning(d, code, at, ...) diag_add((d), SEV_WARNING, (code), (at), __VA_ARGS__)
#define diag_note(d, code, at, ...) diag_add((d), SEV_NOTE, (code), (at), __VA_ARGS__)

/* Adds from's findings to d, as if reported to d now (under d's cap). */
void diag_merge(struct diag *d, const struct diag *from);

/* Sorts by file, position, code; drops exact duplicates. */
void diag_sort(struct diag *d);

struct diag_print_opts {
	enum diag_format format;
	bool color;
};
/* Text: gcc-style with source line and caret. JSON: one array of objects.
 * SARIF: one SARIF 2.1.0 log. GitHub: one workflow command a finding. */
void diag_print(const struct diag *d, FILE *out, const struct diag_print_opts *o);
/* The same, with what SARIF says about the tool (NULL: name only). */
void diag_print_tool(const struct diag *d, FILE *out, const struct diag_print_opts *o,
		     const struct diag_tool *tool);

/* The closest of candidates to word by edit distance, or NULL if none is close
 * enough to be a useful "did you mean". */
const char *diag_suggest(const char *word, const char *const *candidates, size_t n);

#endif
