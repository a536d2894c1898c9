/* IVR501: a duration not written the one canonical way: the largest units
 * first, no zero parts, always with a unit (`1m`, not `60s`; `1m30s`, not
 * `90s`; `30s`, not `30`). */
#include <ctype.h>
#include <string.h>

#include "../../compiler/arena.h"
#include "../engine.h"
#include "../util.h"

/* The text of a scalar at `at`, without the quotes of a quoted one. */
static const char *span_text(struct lint_ctx *c, struct span at)
{
	const char *s = at.src->text + at.offset;
	size_t n = at.length;
	if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0]) {
		s++;
		n -= 2;
	}
	return arena_strndup(c->a, s, n);
}

/* Seconds of a duration the binder accepted; -1 if it is not one. */
static long long seconds_of(const char *s)
{
	long long total = 0, v = 0;
	bool digits = false;
	for (; *s; s++) {
		if (isdigit((unsigned char)*s)) {
			v = v * 10 + (*s - '0');
			digits = true;
			continue;
		}
		if (!digits)
			return -1;
		total += v * (*s == 'h' ? 3600 : *s == 'm' ? 60 : *s == 's' ? 1 : -1000000);
		v = 0;
		digits = false;
	}
	return total + v;
}

static void one(struct lint_ctx *c, struct span at)
{
	if (!at.src || !at.length)
		return;
	const char *text = span_text(c, at);
	long long secs = seconds_of(text);
	if (secs < 0)
		return;
	const char *canon = ast_duration_text(c->a, secs);
	if (strcmp(text, canon) == 0)
		return;
	if (strspn(text, "0123456789") == strlen(text))
		lint_report(c, at, "'%s' is %lld seconds: write '%s'", text, secs, canon);
	else
		lint_report(c, at, "write '%s' rather than '%s'", canon, text);
}

static const struct {
	enum step_kind kind;
	const char *key;
} step_durations[] = {
	{ STEP_COLLECT, "timeout" }, { STEP_CAPTURE, "timeout" },
	{ STEP_CAPTURE, "max_silence" }, { STEP_DIAL, "max_duration" },
	{ STEP_DIAL_TO_MANY, "ring_timeout" }, { STEP_RECORD, "max_silence" },
	{ STEP_PAUSE, "seconds" },
};

static void step(struct lint_ctx *c, const struct ast_flow *f, const struct ast_block *b,
		 size_t i)
{
	(void)f;
	const struct ast_step *st = &b->steps[i];
	for (size_t k = 0; k < sizeof step_durations / sizeof step_durations[0]; k++) {
		if (step_durations[k].kind != st->kind)
			continue;
		const struct doc_node *v = ast_step_arg(st, step_durations[k].key);
		if (v && v->kind == DOC_SCALAR)
			one(c, v->span);
	}
}

static void menu(struct lint_ctx *c, const struct ast_menu *m)
{
	one(c, m->timeout_span);
}

static void broadcast(struct lint_ctx *c, const struct ast_broadcast *b)
{
	one(c, b->ring_timeout_span);
	for (size_t i = 0; i < b->nretry_after; i++)
		one(c, b->retry_after_spans[i]);
}

const struct lint_rule lint_rule_non_canonical_duration = {
	.code = 501,
	.name = "non-canonical-duration",
	.severity = SEV_NOTE,
	.summary = "a duration not written canonically ('1m', not '60s')",
	.menu = menu,
	.step = step,
	.broadcast = broadcast,
};
