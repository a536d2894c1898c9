/* The lint engine (see engine.h): suppression comments, the configuration,
 * and the one walk that calls every rule's hooks.
 *
 * Suppression comments are found by scanning the source text, which works
 * for both syntaxes since both use `#` comments: on each line, a `#` outside
 * quotes that starts the line or follows a blank or `;` starts a comment.
 * Quotes are matched within one line (a quoted YAML scalar that runs over
 * several lines is not followed), which is good enough for the one thing we
 * look for: a comment that starts with `ivrc:`. */
#include "engine.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../compiler/arena.h"
#include "../compiler/codes.h"

enum { CODE_UNKNOWN = 500 };   /* lint/rules/unknown_code.c */

struct suppression {
	uint32_t file;             /* the source's order in the program */
	uint32_t line;             /* 1-based; 0: the whole file */
	unsigned code;
};

struct lint_run {
	const struct lint_file *f;
	struct arena *a;
	struct diag *d;
	struct suppression *sup;
	size_t nsup, capsup;
};

/* ---------- codes ---------- */

/* The ranges of check's codes (docs/DIAGNOSTICS.md): IVR1xx, IVR2xx and
 * IVR400-IVR439 / IVR470-IVR499. A comment or the configuration may name
 * them: their warnings and notes follow it, their errors stay errors. The
 * rest of IVR3xx, IVR4xx and IVR5xx is lint's: there only the registry's
 * codes exist. */
static bool is_check_code(unsigned code)
{
	return (code >= 100 && code < 300) || (code >= 400 && code < 440) ||
	       (code >= 470 && code < 500);
}

static bool known_code(unsigned code)
{
	return lint_rule_by_code(code) || is_check_code(code);
}

/* "IVR301" (any case) to 301; 0 when it is not a code. */
static unsigned parse_code(const char *s, size_t n)
{
	if (n != 6 || strncasecmp(s, "IVR", 3) != 0)
		return 0;
	unsigned v = 0;
	for (size_t i = 3; i < 6; i++) {
		if (!isdigit((unsigned char)s[i]))
			return 0;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	return v >= 100 ? v : 0;
}

/* Why a code may not be named in a comment or the config; NULL when it may. */
static const char *code_problem(struct arena *a, const char *s, size_t n)
{
	unsigned code = parse_code(s, n);
	if (!code)
		return arena_printf(a, "'%.*s' is not a rule code (IVRnnn)", (int)n, s);
	if (known_code(code))
		return NULL;
	return arena_printf(a, "unknown rule code 'IVR%03u'", code);
}

const struct lint_rule *lint_rule_by_code(unsigned code)
{
	size_t lo = 0, hi = lint_registry_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (lint_registry[mid]->code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < lint_registry_count && lint_registry[lo]->code == code ? lint_registry[lo]
									    : NULL;
}

const struct lint_rule *lint_rule_by_name(const char *name)
{
	for (size_t i = 0; i < lint_registry_count; i++)
		if (strcmp(lint_registry[i]->name, name) == 0)
			return lint_registry[i];
	return NULL;
}

/* ---------- levels and configuration ---------- */

static int level_of(const struct lint_config *cfg, unsigned code, enum severity dflt)
{
	int l = cfg && code < 1000 ? cfg->level[code] : LINT_LEVEL_DEFAULT;
	return l == LINT_LEVEL_DEFAULT ? (int)dflt : l;
}

bool lint_level_parse(const char *s, int *level)
{
	static const char *const names[] = { "note", "warning", "error" };
	if (strcmp(s, "off") == 0) {
		*level = LINT_LEVEL_OFF;
		return true;
	}
	for (int i = 0; i < 3; i++)
		if (strcmp(s, names[i]) == 0) {
			*level = i;
			return true;
		}
	return false;
}

void lint_config_init(struct lint_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	for (size_t i = 0; i < sizeof cfg->level; i++)
		cfg->level[i] = LINT_LEVEL_DEFAULT;
	cfg->fail_on = SEV_ERROR;
	cfg->caller.max_options = 9;
}

static bool config_level(const struct doc_node *v, struct diag *d, const char *what, int *l)
{
	if (v->kind == DOC_SCALAR && lint_level_parse(v->text, l))
		return true;
	diag_error(d, IVR_BAD_VALUE, v->span, "%s is one of off, note, warning, error, got '%s'", what,
		   v->kind == DOC_SCALAR ? v->text : "a collection");
	return false;
}

static void config_rules(struct lint_config *cfg, const struct doc_node *rules,
			 struct arena *a, struct diag *d)
{
	if (rules->kind != DOC_MAP) {
		diag_error(d, IVR_NODE_KIND, rules->span, "'rules' is a mapping of rule code to level");
		return;
	}
	/* Levels first, so that an unknown code is reported at the level the
	 * file gives IVR500. */
	for (size_t i = 0; i < rules->count; i++) {
		const struct doc_node *k = rules->pairs[i].key, *v = rules->pairs[i].value;
		int l;
		if (k->kind == DOC_SCALAR && v->kind == DOC_SCALAR && lint_level_parse(v->text, &l) &&
		    !code_problem(a, k->text, k->len))
			cfg->level[parse_code(k->text, k->len)] = (signed char)l;
	}
	for (size_t i = 0; i < rules->count; i++) {
		const struct doc_node *k = rules->pairs[i].key;
		int l;
		if (k->kind != DOC_SCALAR) {
			diag_error(d, IVR_NODE_KIND, k->span, "a rule code is a plain scalar (IVRnnn)");
			continue;
		}
		config_level(rules->pairs[i].value, d, "a rule's level", &l);
		const char *why = code_problem(a, k->text, k->len);
		int ul = level_of(cfg, CODE_UNKNOWN, SEV_WARNING);
		if (why && ul != LINT_LEVEL_OFF)
			diag_add(d, (enum severity)ul, CODE_UNKNOWN, k->span, "%s", why);
	}
}

static void config_fail_on(struct lint_config *cfg, const struct doc_node *v, struct diag *d)
{
	int l;
	if (!config_level(v, d, "'fail_on'", &l))
		return;
	if (l == LINT_LEVEL_OFF) {
		diag_error(d, IVR_BAD_VALUE, v->span, "'fail_on' is one of note, warning, error, got 'off'");
		return;
	}
	cfg->has_fail_on = true;
	cfg->fail_on = (enum severity)l;
}

static void unknown_key(struct diag *d, const struct doc_node *k, const char *where,
			const char *const *keys, size_t nkeys)
{
	const char *word = k->kind == DOC_SCALAR ? k->text : "";
	const char *hint = diag_suggest(word, keys, nkeys);
	diag_error(d, IVR_UNKNOWN_KEY, k->span, "unknown key '%s' in %s%s%s%s", word, where,
		   hint ? "; did you mean '" : "", hint ? hint : "", hint ? "'?" : "");
}

/* A whole number lo..hi of `caller:`, in decimal digits only; false
 * (reported) when v is none. */
static bool caller_number(const struct doc_node *k, const struct doc_node *v, int64_t lo,
			  int64_t hi, struct diag *d, uint32_t *out)
{
	int64_t n = 0;
	bool digits = v->kind == DOC_SCALAR && v->len > 0 && v->len <= 9;
	for (size_t i = 0; digits && i < v->len; i++) {
		digits = isdigit((unsigned char)v->text[i]) != 0;
		n = n * 10 + (v->text[i] - '0');
	}
	if (digits && n >= lo && n <= hi) {
		*out = (uint32_t)n;
		return true;
	}
	diag_error(d, IVR_BAD_VALUE, v->span, "'%s' is a whole number from %lld to %lld, got '%s'",
		   k->text, (long long)lo, (long long)hi,
		   v->kind == DOC_SCALAR ? v->text : "a collection");
	return false;
}

static void config_caller(struct lint_config *cfg, const struct doc_node *caller,
			  struct diag *d)
{
	static const char *const keys[] = { "max_seconds_to_human", "max_keys_to_human",
					    "max_options", "escape_key", "replay_on_timeout" };
	struct lint_caller *c = &cfg->caller;
	if (caller->kind != DOC_MAP) {
		diag_error(d, IVR_NODE_KIND, caller->span, "'caller' is a mapping of budgets "
			   "(max_seconds_to_human, max_keys_to_human, max_options, escape_key, "
			   "replay_on_timeout)");
		return;
	}
	for (size_t i = 0; i < caller->count; i++) {
		const struct doc_node *k = caller->pairs[i].key, *v = caller->pairs[i].value;
		const char *word = k->kind == DOC_SCALAR ? k->text : "";
		if (strcmp(word, "max_seconds_to_human") == 0) {
			caller_number(k, v, 1, 86400, d, &c->max_seconds_to_human);
		} else if (strcmp(word, "max_keys_to_human") == 0) {
			c->has_max_keys = caller_number(k, v, 0, 100, d, &c->max_keys_to_human);
		} else if (strcmp(word, "max_options") == 0) {
			caller_number(k, v, 1, 12, d, &c->max_options);
		} else if (strcmp(word, "escape_key") == 0) {
			if (v->kind == DOC_SCALAR && v->len == 1 && v->text[0] && strchr("0123456789*#", v->text[0]))
				c->escape_key = v->text[0];
			else
				diag_error(d, IVR_BAD_VALUE, v->span, "'escape_key' is one key of "
					   "0-9, * or #, got '%s'",
					   v->kind == DOC_SCALAR ? v->text : "a collection");
		} else if (strcmp(word, "replay_on_timeout") == 0) {
			bool t = v->kind == DOC_SCALAR && strcmp(v->text, "true") == 0;
			if (t || (v->kind == DOC_SCALAR && strcmp(v->text, "false") == 0))
				c->replay_on_timeout = t;
			else
				diag_error(d, IVR_BAD_VALUE, v->span, "'replay_on_timeout' is true or "
					   "false, got '%s'",
					   v->kind == DOC_SCALAR ? v->text : "a collection");
		} else {
			unknown_key(d, k, "'caller'", keys, sizeof keys / sizeof keys[0]);
		}
	}
}

void lint_config_read(struct lint_config *cfg, const struct doc_node *root,
		      struct arena *a, struct diag *d)
{
	static const char *const keys[] = { "rules", "fail_on", "caller" };
	if (!root)
		return;
	if (root->kind != DOC_MAP) {
		diag_error(d, IVR_NODE_KIND, root->span,
			   "the configuration is a mapping with 'rules', 'fail_on' and 'caller'");
		return;
	}
	for (size_t i = 0; i < root->count; i++) {
		const struct doc_node *k = root->pairs[i].key, *v = root->pairs[i].value;
		const char *word = k->kind == DOC_SCALAR ? k->text : "";
		if (strcmp(word, "rules") == 0) {
			config_rules(cfg, v, a, d);
		} else if (strcmp(word, "fail_on") == 0) {
			config_fail_on(cfg, v, d);
		} else if (strcmp(word, "caller") == 0) {
			config_caller(cfg, v, d);
		} else {
			unknown_key(d, k, "the configuration", keys, sizeof keys / sizeof keys[0]);
		}
	}
}

/* The parent of a directory as written: "a/b" -> "a", "a" -> ".",
 * "." -> "..", "../.." -> "../../..", "/a" -> "/". */
static char *parent_dir(struct arena *a, const char *dir)
{
	const char *slash = strrchr(dir, '/');
	const char *base = slash ? slash + 1 : dir;
	if (strcmp(dir, ".") == 0)
		return arena_strdup(a, "..");
	if (strcmp(base, "..") == 0 || strcmp(base, ".") == 0)
		return arena_printf(a, "%s/..", dir);
	if (!slash)
		return arena_strdup(a, ".");
	if (slash == dir)
		return arena_strdup(a, "/");
	return arena_strndup(a, dir, (size_t)(slash - dir));
}

/* Whether dir is the root folder (the search's end), by its identity: one
 * stat, where realpath(3) reads every link of the path. */
static bool is_root(const char *dir, struct lint_config_search *seen)
{
	struct stat st;
	if (!seen->root_known) {
		if (stat("/", &st) != 0)
			return true;
		seen->root_known = true;
		seen->root_dev = (unsigned long long)st.st_dev;
		seen->root_ino = (unsigned long long)st.st_ino;
	}
	return stat(dir, &st) != 0 || ((unsigned long long)st.st_dev == seen->root_dev &&
				       (unsigned long long)st.st_ino == seen->root_ino);
}

/* Paths are built from the file's as written (so that messages show them
 * relative, as the user gave them); the search stops at the root. The
 * folders looked in are remembered with the answer, for the next search. */
const char *lint_config_find(const char *path, struct arena *a,
			     struct lint_config_search *seen)
{
	const char *slash = strcmp(path, "-") == 0 ? NULL : strrchr(path, '/');
	char *dir = !slash ? arena_strdup(a, ".") : slash == path ? arena_strdup(a, "/") :
		    arena_strndup(a, path, (size_t)(slash - path));
	const char **walked = NULL;
	size_t nwalked = 0, cap = 0;
	const char *found = NULL;
	for (int guard = 0; guard < 4096; guard++) {
		void *known;
		if (strmap_get(&seen->dirs, dir, &known)) {
			found = known;
			break;
		}
		const char *here = dir;
		ARENA_PUSH(a, walked, nwalked, cap, here);
		const char *cand = strcmp(dir, ".") == 0 ? ".ivrc.yaml" :
				   arena_printf(a, "%s%s.ivrc.yaml", dir,
						dir[strlen(dir) - 1] == '/' ? "" : "/");
		struct stat st;
		if (stat(cand, &st) == 0 && S_ISREG(st.st_mode)) {
			found = cand;
			break;
		}
		/* A parent already searched answers for what is above (the
		 * projects of a folder share theirs), without asking whether
		 * this is the root: the root's parent is the root, searched. */
		char *parent = parent_dir(a, dir);
		if (strmap_get(&seen->dirs, parent, &known)) {
			found = known;
			break;
		}
		if (is_root(dir, seen))
			break;
		dir = parent;
	}
	for (size_t i = 0; i < nwalked; i++)
		strmap_put(a, &seen->dirs, walked[i], (void *)found);
	return found;
}

/* ---------- suppression comments ---------- */

static int cmp_suppression(const void *a, const void *b)
{
	const struct suppression *x = a, *y = b;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (x->code > y->code) - (x->code < y->code);
}

static void add_suppression(struct lint_run *r, const struct source *src, uint32_t line,
			    unsigned code)
{
	struct suppression s = { src->order, line, code };
	ARENA_PUSH(r->a, r->sup, r->nsup, r->capsup, s);
}

static void report_unknown(struct lint_run *r, struct span at, const char *why)
{
	int l = level_of(r->f->config, CODE_UNKNOWN, SEV_WARNING);
	if (l != LINT_LEVEL_OFF && !r->f->rules_only)
		diag_add(r->d, (enum severity)l, CODE_UNKNOWN, at, "%s", why);
}

/* Reads `ivrc: disable=A,B reason` from a comment; the codes go to line
 * (0: the whole file) or, when the comment is alone on its line, to pending
 * (they apply to the next line with something on it). */
static void read_directive(struct lint_run *r, const struct source *src, const char *c,
			   const char *end, uint32_t line, bool alone, struct suppression **pending,
			   size_t *npending, size_t *cappending)
{
	c++;
	while (c < end && (*c == ' ' || *c == '\t'))
		c++;
	if ((size_t)(end - c) < 5 || strncmp(c, "ivrc:", 5) != 0)
		return;
	c += 5;
	while (c < end && (*c == ' ' || *c == '\t'))
		c++;
	const char *word = c;
	while (c < end && *c != '=' && *c != ' ' && *c != '\t')
		c++;
	size_t wn = (size_t)(c - word);
	bool file = wn == 12 && strncmp(word, "disable-file", 12) == 0;
	if (!(file || (wn == 7 && strncmp(word, "disable", 7) == 0)) || c >= end || *c != '=') {
		report_unknown(r, span_make(src, (size_t)(word - src->text), wn),
			       arena_printf(r->a, "unknown ivrc directive '%.*s'; expected "
					    "'disable=CODES' or 'disable-file=CODES'", (int)wn, word));
		return;
	}
	c++;
	for (;;) {
		const char *tok = c;
		while (c < end && (isalnum((unsigned char)*c) || *c == '_' || *c == '-'))
			c++;
		size_t n = (size_t)(c - tok);
		const char *why = code_problem(r->a, tok, n);
		struct span at = span_make(src, (size_t)(tok - src->text), n);
		if (n == 0)
			why = "expected a rule code after '='";
		if (why) {
			report_unknown(r, at, why);
		} else if (file || !alone) {
			add_suppression(r, src, file ? 0 : line, parse_code(tok, n));
		} else {
			struct suppression s = { src->order, 0, parse_code(tok, n) };
			ARENA_PUSH(r->a, *pending, *npending, *cappending, s);
		}
		if (c < end && *c == ',') {
			c++;
			while (c < end && *c == ' ')
				c++;
			continue;
		}
		break;
	}
}

static void scan_file(struct lint_run *r, const struct source *src)
{
	struct suppression *pending = NULL;
	size_t npending = 0, cappending = 0;
	for (size_t l = 0; l < src->nlines; l++) {
		size_t len;
		const char *s = source_line(src, (uint32_t)(l + 1), &len);
		if (!s)
			continue;
		const char *end = s + len, *c = source_comment_start(s, end), *t = s;
		while (t < end && (*t == ' ' || *t == '\t' || *t == '\r'))
			t++;
		bool blank = t == end, alone = c && t == c;
		if (!blank && !alone) {
			for (size_t i = 0; i < npending; i++)
				add_suppression(r, src, (uint32_t)(l + 1), pending[i].code);
			npending = 0;
		}
		if (c)
			read_directive(r, src, c, end, (uint32_t)(l + 1), alone, &pending,
				       &npending, &cappending);
	}
}

/* The suppression comments of every file of the program. */
static void scan_suppressions(struct lint_run *r)
{
	for (size_t i = 0; i < r->f->nsrcs; i++)
		scan_file(r, r->f->srcs[i]);
	if (r->nsup > 1)
		qsort(r->sup, r->nsup, sizeof *r->sup, cmp_suppression);
}

static bool has_suppression(const struct lint_run *r, const struct source *src, uint32_t line,
			    unsigned code)
{
	struct suppression key = { src->order, line, code };
	return bsearch(&key, r->sup, r->nsup, sizeof key, cmp_suppression) != NULL;
}

/* Whether src is one of the program's files. */
static bool mine(const struct lint_run *r, const struct source *src)
{
	return src && src->order < r->f->nsrcs && r->f->srcs[src->order] == src;
}

static bool suppressed(const struct lint_run *r, const struct span *at, unsigned code)
{
	if (!r->nsup || !mine(r, at->src))
		return false;
	return has_suppression(r, at->src, 0, code) ||
	       has_suppression(r, at->src, source_linecol(at->src, at->offset).line, code);
}

/* ---------- findings ---------- */

/* Check's warnings of this file go through the comments and the config;
 * its errors stay as they are. */
static void filter_check_findings(struct lint_run *r)
{
	struct diag *d = r->d;
	size_t out = r->f->first;
	for (size_t i = r->f->first; i < d->n; i++) {
		struct finding f = d->items[i];
		if (f.severity != SEV_ERROR && mine(r, f.span.src)) {
			int l = level_of(r->f->config, f.code, f.severity);
			bool drop = l == LINT_LEVEL_OFF || suppressed(r, &f.span, f.code);
			if (f.severity == SEV_WARNING && (drop || l != SEV_WARNING))
				d->warnings--;
			if (drop)
				continue;
			if (l == SEV_ERROR)
				d->errors++;
			else if (l == SEV_WARNING && f.severity != SEV_WARNING)
				d->warnings++;
			f.severity = (enum severity)l;
		}
		d->items[out++] = f;
	}
	d->n = out;
}

void lint_report(struct lint_ctx *c, struct span at, const char *fmt, ...)
{
	const struct lint_rule *rule = c->rule;
	int l = level_of(c->run->f->config, rule->code, rule->severity);
	if (l == LINT_LEVEL_OFF || suppressed(c->run, &at, rule->code))
		return;
	va_list ap;
	va_start(ap, fmt);
	char *msg = arena_vprintf(c->a, fmt, ap);
	va_end(ap);
	diag_add(c->run->d, (enum severity)l, rule->code, at, "%s", msg);
}

/* ---------- the walk ---------- */

/* Calls hook H of every rule that has it, with the arguments after c. */
#define EACH_RULE(c, H, ...) do { \
	for (size_t r_ = 0; r_ < lint_registry_count; r_++) { \
		if (!lint_registry[r_]->H) \
			continue; \
		(c)->rule = lint_registry[r_]; \
		lint_registry[r_]->H((c), __VA_ARGS__); \
	} \
} while (0)

struct walk_item {
	const struct ast_block *b;
	size_t i;
};

static void push_block(struct lint_ctx *c, struct walk_item **st, size_t *n, size_t *cap,
		       const struct ast_block *b)
{
	if (b->count) {
		struct walk_item it = { b, 0 };
		ARENA_PUSH(c->a, *st, *n, *cap, it);
	}
}

/* Every step of a flow, in document order, each before the steps inside it. */
static void walk_flow(struct lint_ctx *c, const struct ast_flow *f)
{
	EACH_RULE(c, flow, f);
	struct walk_item *st = NULL;
	size_t n = 0, cap = 0;
	push_block(c, &st, &n, &cap, &f->body);
	while (n > 0) {
		struct walk_item *it = &st[n - 1];
		if (it->i >= it->b->count) {
			n--;
			continue;
		}
		const struct ast_block *b = it->b;
		size_t i = it->i++;
		const struct ast_step *s = &b->steps[i];
		EACH_RULE(c, step, f, b, i);
		/* Pushed last-first so the first block is walked first. */
		if (s->has_default)
			push_block(c, &st, &n, &cap, &s->default_body);
		for (size_t k = s->ncases; k-- > 0;)
			push_block(c, &st, &n, &cap, &s->cases[k].body);
		if (s->has_else)
			push_block(c, &st, &n, &cap, &s->else_body);
		push_block(c, &st, &n, &cap, &s->body);
	}
}

static void walk(struct lint_ctx *c)
{
	const struct ast_program *p = c->p;
	for (size_t r = 0; r < lint_registry_count; r++)
		if (lint_registry[r]->program) {
			c->rule = lint_registry[r];
			lint_registry[r]->program(c);
		}
	for (size_t i = 0; i < p->nrecordings; i++)
		EACH_RULE(c, recording, p->recordings[i]);
	for (size_t i = 0; i < p->nendpoints; i++)
		EACH_RULE(c, endpoint, p->endpoints[i]);
	for (size_t i = 0; i < p->nmenus; i++)
		EACH_RULE(c, menu, p->menus[i]);
	for (size_t i = 0; i < p->nannouncements; i++)
		EACH_RULE(c, announcement, p->announcements[i]);
	for (size_t i = 0; i < p->nvoicemails; i++)
		EACH_RULE(c, voicemail, p->voicemails[i]);
	for (size_t i = 0; i < p->nbroadcasts; i++)
		EACH_RULE(c, broadcast, p->broadcasts[i]);
	for (size_t i = 0; i < p->nflows; i++)
		walk_flow(c, p->flows[i]);
}

void lint_file(const struct lint_file *f, struct arena *a, struct diag *d)
{
	struct lint_run run = { .f = f, .a = a, .d = d };
	scan_suppressions(&run);
	if (!f->rules_only)
		filter_check_findings(&run);
	if (!f->p)
		return;
	struct cfg g;
	cfg_build(&g, f->p, cfg_flows_are_entries(f->caps, f->ncaps), a);
	static const struct lint_caller no_budgets = { .max_options = 9 };
	struct lint_ctx c = {
		.p = f->p, .g = &g, .caps = f->caps, .ncaps = f->ncaps, .now = f->now,
		.a = a, .caller = f->config ? &f->config->caller : &no_budgets, .run = &run,
	};
	walk(&c);
}

/* A lint rule's page, else the code's docs/DIAGNOSTICS.md entry. */
static const char *code_doc(unsigned code)
{
	const char *page = lint_rule_doc(code);
	return page ? page : diag_code_doc(code);
}

void lint_tool_rules(struct arena *a, struct diag_tool *out)
{
	struct diag_rule_info *rules = arena_alloc(a, (lint_registry_count + 1) * sizeof *rules);
	for (size_t i = 0; i < lint_registry_count; i++) {
		const struct lint_rule *r = lint_registry[i];
		rules[i] = (struct diag_rule_info){ r->code, r->name, r->summary, r->severity };
	}
	out->rules = rules;
	out->nrules = lint_registry_count;
	out->code_doc = code_doc;
}
