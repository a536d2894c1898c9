/* The commands behind the CLI (see driver.h). One arena and one list of
 * findings per run; findings are printed once, at the end. */
#include "driver.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include <cJSON.h>

#include "../compiler/arena.h"
#include "../compiler/codes.h"
#include "../compiler/resolve.h"
#include "../compiler/strmap.h"
#include "../grammar/yaml_loader.h"
#include "../lint/engine.h"
#include "../targets/target.h"
#include "../targets/link.h"
#include "cli.h"
#include "environment.h"
#include "includes.h"
#include "load.h"
#include "out_dir.h"
#include "roots.h"
#include "run.h"

/* A run with the options of check, lint, build and push. */
static void run_start(struct cli_run *r, const struct driver_opts *o, bool stdout_taken)
{
	cli_run_init(r, o->format, stdout_taken);
	r->syntax = o->syntax;
	r->config = o->config;
}

/* Reads and binds one file; NULL after reporting why. */
static struct ast_program *load(struct cli_run *r, const char *path)
{
	struct ast_program *p;
	if (!load_program(path, r->syntax, &r->arena, &r->diag, r->includes, &p))
		r->usage_error = true;
	return p;
}

/* The files check and lint take in turn: the operands (folders stand for
 * their roots), then the roots that stand for an included file given (as a
 * pre-commit hook gives the changed files); each file once. */
struct queue {
	const char **paths;
	size_t n, cap;
	struct strmap done;        /* the keys (includes_key) of the files taken */
	struct roots_here *here;   /* the working folder, once read (roots.h) */
};

/* The queue of the operands, each folder replaced by its roots. */
static void queue_start(struct cli_run *r, struct queue *q, char **files, int nfiles)
{
	memset(q, 0, sizeof *q);
	r->usage_error |= !roots_expand(r->includes, &r->arena, files, nfiles, &files, &nfiles);
	for (int i = 0; i < nfiles; i++)
		ARENA_PUSH(&r->arena, q->paths, q->n, q->cap, files[i]);
}

/* Whether path is new to the queue (then it is marked taken). */
static bool take(struct cli_run *r, struct queue *q, const char *path)
{
	const char *key = includes_key(r->includes, path);
	if (!key)
		key = path;
	if (strmap_get(&q->done, key, NULL))
		return false;
	strmap_put(&r->arena, &q->done, key, NULL);
	return true;
}

/* A file that names no project and declares no target is a part of
 * another: the roots under the working folder that include it are queued
 * in its place. Whether there were any. */
static bool queue_roots(struct cli_run *r, struct queue *q, const char *path,
			const struct ast_program *p)
{
	const char *key = p->name || p->targets_span.src ? NULL : includes_key(r->includes, path);
	return key && roots_including(&q->here, r->includes, &r->arena, key, &q->paths, &q->n,
				      &q->cap) > 0;
}

/* Checks p against every target it declares, findings to d (which held
 * `before` errors before p was read: the targets' checks need a program
 * without errors); whether there is none. */
static bool check_targets(struct cli_run *r, struct ast_program *p, struct diag *d,
			  size_t before, const struct target_caps **caps, size_t *ncaps)
{
	*ncaps = target_declared_caps(p, caps);
	if (!res_check(p, caps, *ncaps, &r->arena, d) || d->errors != before)
		return false;
	for (size_t t = 0; t < *ncaps; t++)
		if (caps[t]->check)
			caps[t]->check(p, d);
	return d->errors == before;
}

/* A program with environments is checked in each (read again for each,
 * the environment applied), and the runs' findings merged
 * (environment.h); the first environment's program is the one returned,
 * and *envs each one's (NULL: it did not load), for lint's rules. first
 * holds the first run's load findings. */
static struct ast_program *check_environments(struct cli_run *r, const char *path,
					      struct ast_program *first, struct diag *aside,
					      const struct target_caps **caps, size_t *ncaps,
					      bool *clean, struct ast_program ***envs)
{
	size_t n = first->nenvs;
	struct diag *runs = arena_alloc(&r->arena, n * sizeof *runs);
	*envs = arena_alloc(&r->arena, n * sizeof **envs);
	*clean = true;
	for (size_t e = 0; e < n; e++) {
		struct ast_program *p = first;
		if (e == 0) {
			runs[e] = *aside;
		} else {
			diag_init(&runs[e], &r->arena);
			runs[e].max_errors = r->diag.max_errors;
			if (!load_program(path, r->syntax, &r->arena, &runs[e], r->includes, &p) || !p) {
				*clean = false;
				continue;
			}
		}
		environment_select(p, path, first->envs[e].name, true, &r->arena, &runs[e]);
		*clean &= check_targets(r, p, &runs[e], 0, caps, ncaps);
		(*envs)[e] = p;
	}
	environment_merge(&r->diag, first, runs);
	*ncaps = target_declared_caps(first, caps);
	return first;
}

/* Checks one file against every target it declares (in each of its
 * environments); the program when it loaded (its caps in caps[0..*ncaps));
 * *clean when check found no error. NULL too for a part of another file
 * whose roots were queued instead. */
static struct ast_program *check_file(struct cli_run *r, const char *path, struct queue *q,
				      const struct target_caps **caps, size_t *ncaps, bool *clean,
				      struct ast_program ***envs)
{
	*envs = NULL;
	size_t before = r->diag.errors;
	*ncaps = 0;
	*clean = false;
	/* Loaded aside: a part of another file has only the findings its roots
	 * give (not "missing name" of its own). */
	struct diag aside;
	diag_init(&aside, &r->arena);
	aside.max_errors = r->diag.max_errors;
	struct ast_program *p;
	if (!load_program(path, r->syntax, &r->arena, &aside, r->includes, &p))
		r->usage_error = true;
	if (p && queue_roots(r, q, path, p))
		return NULL;
	if (p && p->nenvs)
		return check_environments(r, path, p, &aside, caps, ncaps, clean, envs);
	diag_merge(&r->diag, &aside);
	if (!p)
		return NULL;
	*clean = check_targets(r, p, &r->diag, before, caps, ncaps);
	return p;
}

/* ---------- lint ---------- */

/* The local date-time now, for rules that compare with it (without --now). */
static struct ast_datetime clock_now(void)
{
	time_t t = time(NULL);
	struct tm tm = { 0 };
	localtime_r(&t, &tm);
	return (struct ast_datetime){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
				      tm.tm_hour, tm.tm_min, tm.tm_sec };
}

/* Whether a finding of d->items[from..] is at or above the level. */
static bool any_at_least(const struct diag *d, size_t from, enum severity level)
{
	for (size_t i = from; i < d->n; i++)
		if (d->items[i].severity >= level)
			return true;
	return false;
}

/* The lint rules on each environment's program (its ids and literals are
 * what some rules judge: an endpoint is a human on a target by its
 * literal), the findings merged as check's are (environment.h). */
static void lint_environments(struct cli_run *r, const struct ast_program *first,
			      struct ast_program **envs, const struct target_caps **caps,
			      size_t ncaps, const struct lint_config *cfg, struct ast_datetime now)
{
	size_t n = first->nenvs;
	struct diag *runs = arena_alloc(&r->arena, n * sizeof *runs);
	for (size_t e = 0; e < n; e++) {
		diag_init(&runs[e], &r->arena);
		if (!envs[e])
			continue;
		/* The files the programs share (cli/includes.h) were resolved
		 * last against another's declarations: against this one's. */
		struct diag again;
		diag_init(&again, &r->arena);
		res_check(envs[e], caps, ncaps, &r->arena, &again);
		struct lint_file f = { envs[e], envs[e]->sources, envs[e]->nsources, caps, ncaps,
				       cfg, now, 0, true };
		lint_file(&f, &r->arena, &runs[e]);
	}
	environment_merge(&r->diag, first, runs);
}

/* Checks one file, then (rules) runs the lint rules on it when check found
 * no error. Suppression comments and the configuration apply to check's
 * warnings and notes in both commands (never to its errors), so a warning
 * silenced for a reason stays silent. Returns the file's configuration, or
 * NULL when it cannot be read (said once; the file is skipped). */
static const struct lint_config *check_one(struct cli_run *r, struct queue *q, const char *file,
					   bool rules, struct ast_datetime now)
{
	const struct lint_config *cfg = cli_run_config(r, file);
	if (!cfg)
		return NULL;
	const struct target_caps **caps = arena_alloc(&r->arena, target_count() * sizeof *caps);
	size_t ncaps;
	bool clean;
	size_t mine = r->diag.n;
	struct ast_program **envs;
	struct ast_program *p = check_file(r, file, q, caps, &ncaps, &clean, &envs);
	/* Without rules, a file with no findings has nothing to silence: its
	 * comments are not scanned. */
	if (p && (rules || r->diag.n > mine)) {
		struct lint_file f = { rules && clean && !envs ? p : NULL, p->sources, p->nsources,
				       caps, ncaps, cfg, now, mine, false };
		lint_file(&f, &r->arena, &r->diag);
		if (rules && clean && envs)
			lint_environments(r, p, envs, caps, ncaps, cfg, now);
	}
	return cfg;
}

int driver_check(const struct driver_opts *o, char **files, int nfiles)
{
	struct cli_run r;
	run_start(&r, o, false);
	struct queue q;
	queue_start(&r, &q, files, nfiles);
	for (size_t i = 0; i < q.n; i++)
		if (take(&r, &q, q.paths[i]))
			check_one(&r, &q, q.paths[i], false, (struct ast_datetime){ 0 });
	return cli_run_finish(&r, EXIT_CLEAN);
}

int driver_lint(const struct driver_opts *o, char **files, int nfiles)
{
	struct cli_run r;
	run_start(&r, o, false);
	r.lint = true;
	struct queue q;
	queue_start(&r, &q, files, nfiles);
	struct ast_datetime now = o->has_now ? o->now : clock_now();
	for (size_t i = 0; i < q.n; i++) {
		if (!take(&r, &q, q.paths[i]))
			continue;
		size_t first = r.diag.n;
		const struct lint_config *cfg = check_one(&r, &q, q.paths[i], true, now);
		if (!cfg)
			continue;
		enum severity level = o->fail_on >= 0 ? (enum severity)o->fail_on :
				      cfg->has_fail_on ? cfg->fail_on : SEV_ERROR;
		r.failed |= any_at_least(&r.diag, first, level);
	}
	return cli_run_finish(&r, EXIT_CLEAN);
}

int driver_rules(void)
{
	static const char *const sev[] = { "note", "warning", "error" };
	for (size_t i = 0; i < lint_registry_count; i++) {
		const struct lint_rule *rule = lint_registry[i];
		printf("IVR%03u  %-7s  %-29s  %s\n", rule->code, sev[rule->severity], rule->name,
		       rule->summary);
	}
	return EXIT_CLEAN;
}

int driver_explain(const char *code)
{
	const struct lint_rule *rule = lint_rule_by_name(code);
	unsigned n = 0;
	if (!rule && strlen(code) == 6 && strncasecmp(code, "IVR", 3) == 0 &&
	    sscanf(code + 3, "%3u", &n) == 1)
		rule = lint_rule_by_code(n);
	const char *doc = rule ? lint_rule_doc(rule->code) : n ? diag_code_doc(n) : NULL;
	if (doc) {
		fputs(doc, stdout);
		return EXIT_CLEAN;
	}
	if (n)
		fprintf(stderr, "ivrc: IVR%03u is not a code of ivrc ('ivrc rules' lists the lint "
			"rules; docs/DIAGNOSTICS.md explains every code)\n", n);
	else
		fprintf(stderr, "ivrc: unknown rule '%s'; expected a code such as IVR301 or a "
			"rule's name ('ivrc rules' lists them)\n", code);
	return EXIT_USAGE;
}

/* ---------- build ---------- */

/* The state file at path, or NULL and *why (a message that starts with
 * the path). */
static cJSON *read_state(struct cli_run *r, const char *path, const char **why)
{
	const char *err = NULL;
	struct source *src = source_read(&r->arena, path, &err);
	if (!src) {
		*why = arena_printf(&r->arena, "%s: %s", path, err);
		return NULL;
	}
	const char *end = NULL;
	/* Nothing may follow the state object (require_null_terminated: the end
	 * of the buffer). */
	cJSON *state = cJSON_ParseWithLengthOpts(src->text, src->len + 1, &end, true);
	if (!state) {
		size_t at = end ? (size_t)(end - src->text) : 0;
		struct linecol lc = source_linecol(src, (uint32_t)at);
		*why = arena_printf(&r->arena, "%s:%u:%u: not a valid JSON state file", path,
				    lc.line, lc.column);
	}
	return state;
}

static bool to_stdout(const struct driver_opts *o)
{
	return !o->out_dir || strcmp(o->out_dir, "-") == 0;
}

/* A usage error about the state file, said once. */
static void state_error(struct cli_run *r, const char *message)
{
	fprintf(stderr, "ivrc: %s\n", message);
	r->usage_error = true;
}

/* The bundle's text, then its files under dir; false after saying why. */
static bool write_bundle(struct cli_run *r, const char *dir, struct bundle *b)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	bool printed = mem && link_print(b, mem, NULL, NULL);
	if (mem && fclose(mem) != 0)
		printed = false;
	if (!printed)
		fprintf(stderr, "ivrc: cannot write the bundle: %s\n", strerror(ENOMEM));
	bool ok = printed && out_dir_write(r, dir, b, text);
	free(text);
	return ok;
}

/* build -o DIR: the whole bundle, filled, ordered and written. */
static void lower_and_write(struct cli_run *r, const struct driver_opts *o,
			    const struct target *t, const struct ast_program *p)
{
	struct bundle b;
	bundle_init(&b, &r->arena, t, p->name);
	b.env = p->env;
	t->lower(p, &b, &r->diag);
	if (r->diag.errors == 0) {
		link_order(&b);
		const char *why = NULL;
		cJSON *state = o->state ? read_state(r, o->state, &why) : NULL;
		const char *wrong = state ? link_fill(&b, state) : NULL;
		if (why)
			state_error(r, why);
		else if (wrong)
			state_error(r, arena_printf(&r->arena, "%s: %s", o->state, wrong));
		cJSON_Delete(state);
		if (!r->usage_error && !write_bundle(r, o->out_dir, &b))
			r->usage_error = true;
	}
	bundle_free(&b);
}

/* What a printed build needs to make an object's body again. */
struct remake {
	struct bundle *b;
	const struct lowering *l;
	const struct link_ids *ids;   /* NULL: no state file */
	struct bundle one;            /* what the lowering makes again, reused */
	struct diag quiet;            /* the findings made again: said the first time */
};

static void remake_init(struct remake *m, struct bundle *b, const struct lowering *l,
			const struct link_ids *ids)
{
	*m = (struct remake){ .b = b, .l = l, .ids = ids };
	bundle_init(&m->one, b->arena, b->target, b->project);
	m->one.env = b->env;
	diag_init(&m->quiet, b->arena);
}

/* Makes o's body again, filled from the state: build prints it, then drops it. */
static bool remake_body(void *ctx, struct bundle_object *o)
{
	struct remake *m = ctx;
	m->l->object(m->l, o->made_by, &m->one, &m->quiet);
	m->quiet.n = m->quiet.errors = m->quiet.warnings = 0;
	for (size_t k = 0; k < m->one.count; k++) {
		struct bundle_object *x = &m->one.objects[k];
		if (!o->body && strcmp(x->kind, o->kind) == 0 && strcmp(x->name, o->name) == 0) {
			o->body = x->body;
			x->body = NULL;
		}
		cJSON_Delete(x->body);
	}
	m->one.count = 0;
	return o->body && (!m->ids || !link_fill_object(m->b, m->ids, o, false));
}

/* What link_fill says of an id the state holds that a body cannot take:
 * of the first such object in the order of the bundle, made again whole
 * (b holds the objects without their bodies). */
static const char *first_unfilled(const struct lowering *l, const struct link_ids *ids,
				  struct bundle *b)
{
	link_order(b);
	struct remake m;
	remake_init(&m, b, l, NULL);
	const char *wrong = NULL;
	for (size_t k = 0; k < b->count && !wrong; k++) {
		struct bundle_object *o = &b->objects[k];
		if (remake_body(&m, o))
			wrong = link_fill_object(b, ids, o, false);
		cJSON_Delete(o->body);
		o->body = NULL;
	}
	return wrong;
}

/* build, printed: each object is made once for the findings, its place in
 * the order and its update or create (its body dropped at once), and again
 * when its turn to be printed comes; the bundle's memory is one object's.
 * An id the state holds that a body cannot take (link_fill) is found the
 * first time, before anything is printed. */
static void lower_and_print(struct cli_run *r, const struct driver_opts *o,
			    const struct target *t, const struct ast_program *p)
{
	const char *why = NULL;
	cJSON *state = o->state ? read_state(r, o->state, &why) : NULL;
	struct bundle b;
	bundle_init(&b, &r->arena, t, p->name);
	b.env = p->env;
	struct link_ids *ids = state ? link_ids_read(&b, state, &why) : NULL;
	if (state && !ids)
		why = arena_printf(&r->arena, "%s: %s", o->state, why);
	struct lowering l = t->lowering(p, &r->arena, &r->diag);
	b.calendars = l.calendars;
	bundle_reserve(&b, l.count);   /* an object each, mostly */
	bool unfilled = false;
	for (size_t i = 0; i < l.count; i++) {
		size_t from = b.count;
		l.object(&l, i, &b, &r->diag);
		for (size_t k = from; k < b.count; k++) {
			struct bundle_object *x = &b.objects[k];
			x->made_by = i;
			unfilled |= ids && link_fill_object(&b, ids, x, true) != NULL;
			cJSON_Delete(x->body);
			x->body = NULL;
		}
	}
	if (r->diag.errors == 0 && why) {
		state_error(r, why);
	} else if (r->diag.errors == 0 && unfilled) {
		state_error(r, arena_printf(&r->arena, "%s: %s", o->state,
					    first_unfilled(&l, ids, &b)));
	} else if (r->diag.errors == 0) {
		link_order(&b);
		struct remake m;
		remake_init(&m, &b, &l, ids);
		if (!link_print(&b, stdout, remake_body, &m) || fflush(stdout) != 0) {
			fprintf(stderr, "ivrc: cannot write the bundle: %s\n", strerror(errno));
			r->usage_error = true;
		}
	}
	bundle_free(&b);
	cJSON_Delete(state);    /* the ids point into it */
}

/* Loads file and checks it for one target that it must declare; NULL when
 * the run is to finish (the findings say why). */
static struct ast_program *load_for_target(struct cli_run *r, const struct target *t,
					   const char *env, const char *file)
{
	struct ast_program *p = load(r, file);
	if (!p)
		return NULL;
	cli_run_program(r, file, p);
	if (!environment_select(p, file, env, true, &r->arena, &r->diag)) {
		r->usage_error = true;
		return NULL;
	}
	if (!cli_declared(p, t, &r->diag))
		return NULL;
	const struct target_caps *caps = &t->caps;
	if (!res_check(p, &caps, 1, &r->arena, &r->diag) || r->diag.errors)
		return NULL;
	return p;
}

int driver_build(const struct driver_opts *o, const char *file)
{
	const struct target *t = cli_target(o->target);
	if (!t)
		return EXIT_USAGE;
	if (o->out_dir && !o->out_dir[0]) {
		fprintf(stderr, "ivrc: -o needs a directory name, or - for standard output\n");
		return EXIT_USAGE;
	}
	struct cli_run r;
	run_start(&r, o, true);   /* findings go to standard error in every format */
	struct ast_program *p = load_for_target(&r, t, o->env, file);
	if (p && to_stdout(o))
		lower_and_print(&r, o, t, p);
	else if (p)
		lower_and_write(&r, o, t, p);
	return cli_run_finish(&r, EXIT_CLEAN);
}

/* ---------- plan and push ---------- */

/* Findings first (on standard error: standard output holds the plan), then
 * the plan or the push of the linked bundle. */
static int lower_and_push(struct cli_run *r, const struct target *t, const struct ast_program *p,
			  const struct push_opts *po, push_fn *push)
{
	struct bundle b;
	bundle_init(&b, &r->arena, t, p->name);
	b.env = p->env;
	t->lower(p, &b, &r->diag);
	if (r->diag.errors) {
		bundle_free(&b);
		return cli_run_finish(r, EXIT_CLEAN);
	}
	link_order(&b);
	cli_run_print(r);
	int status = push(&b, p, po);
	bundle_free(&b);
	arena_free(&r->arena);
	return status;
}

int driver_push(const struct driver_opts *o, const struct push_opts *po, const char *file,
		push_fn *push)
{
	const struct target *t = cli_target(o->target);
	if (!t)
		return EXIT_USAGE;
	struct cli_run r;
	run_start(&r, o, true);
	struct ast_program *p = load_for_target(&r, t, o->env, file);
	return p ? lower_and_push(&r, t, p, po, push) : cli_run_finish(&r, EXIT_CLEAN);
}
