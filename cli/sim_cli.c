/* `ivrc simulate`, `ivrc test` and `ivrc graph` (see sim_cli.h): the file is
 * read and checked as `check` does (against --target T only, when given),
 * then simulate.c plays calls and graph.c prints the call graph. Findings
 * go to standard error; transcripts, test results and graphs to standard
 * output. */
#include "sim_cli.h"

#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "../compiler/arena.h"
#include "../compiler/cfg.h"
#include "../compiler/codes.h"
#include "../compiler/paths.h"
#include "../compiler/resolve.h"
#include "../compiler/calendar.h"
#include "../compiler/simulate.h"
#include "../grammar/scalar.h"
#include "../targets/target.h"
#include "cli.h"
#include "driver.h"
#include "environment.h"
#include "load.h"
#include "paths_out.h"
#include "paths_tests.h"
#include "run.h"

struct session {
	const struct sim_cli_opts *o;
	struct cli_run run;
	bool has_target;
	const struct target *target;      /* --target T */
	struct sim_behaviour behaviour;
	struct sim_api_answer *fixtures;   /* --api-fixture */
	size_t nfixtures;
};

static bool pick_target(struct session *s)
{
	if (!s->o->target)
		return true;
	if (!(s->target = cli_target(s->o->target)))
		return false;
	s->has_target = true;
	sim_behaviour_of(&s->target->caps, &s->behaviour);
	return true;
}

/* Why the target cannot play a call that starts at d (an object it does
 * not build), or NULL. */
static const char *unplayable(struct session *s, const struct ast_dest *d)
{
	if (!s->has_target || !d->ref || d->ref->kind == DECL_ENDPOINT ||
	    s->target->caps.objects & (1u << d->ref->kind) ||
	    (d->ref->kind == DECL_SCHEDULE && s->target->caps.schedules != SCHEDULES_NONE))
		return NULL;
	return arena_printf(&s->run.arena, "%s does not build %ss", s->target->caps.name,
			    ast_decl_kind_names[d->ref->kind]);
}

/* ---------- loading ---------- */

/* Reads, binds and checks one file; NULL after reporting why (*status says
 * how bad: EXIT_USAGE for I/O, EXIT_INPUT for errors in the file). */
static struct ast_program *load(struct session *s, const char *path, int *status)
{
	struct ast_program *p;
	*status = EXIT_INPUT;
	if (!load_program(path, s->o->syntax, &s->run.arena, &s->run.diag, NULL, &p)) {
		*status = EXIT_USAGE;
		return NULL;
	}
	if (p)
		cli_run_program(&s->run, path, p);
	if (p && !environment_select(p, path, s->o->env, false, &s->run.arena, &s->run.diag)) {
		*status = EXIT_USAGE;
		return NULL;
	}
	if (!p || s->run.diag.errors)
		return NULL;
	if (s->has_target && !cli_declared(p, s->target, &s->run.diag))
		return NULL;
	const struct target_caps *caps = s->has_target ? &s->target->caps : NULL;
	if (!res_check(p, &caps, s->has_target ? 1 : 0, &s->run.arena, &s->run.diag) || s->run.diag.errors)
		return NULL;
	if (caps && caps->check)
		caps->check(p, &s->run.diag);
	if (s->run.diag.errors)
		return NULL;
	*status = EXIT_CLEAN;
	return p;
}

static void session_init(struct session *s, const struct sim_cli_opts *o)
{
	memset(s, 0, sizeof *s);
	s->o = o;
	cli_run_init(&s->run, DIAG_TEXT, false);
	s->run.syntax = o->syntax;
}

/* ---------- call_api answers ---------- */

/* The text of a JSON scalar: strings as they are, anything else as JSON. */
static const char *json_text(struct session *s, const cJSON *v)
{
	if (cJSON_IsString(v))
		return arena_strdup(&s->run.arena, v->valuestring);
	char *t = cJSON_PrintUnformatted(v);
	const char *r = arena_strdup(&s->run.arena, t ? t : "");
	cJSON_free(t);
	return r;
}

static bool read_fixtures(struct session *s)
{
	const char *path = s->o->api_fixture, *err = NULL, *end = NULL;
	if (!path)
		return true;
	struct source *src = source_read(&s->run.arena, path, &err);
	if (!src) {
		fprintf(stderr, "ivrc: %s: %s\n", path, err);
		return false;
	}
	cJSON *root = cJSON_ParseWithLengthOpts(src->text, src->len, &end, false);
	bool ok = cJSON_IsObject(root);
	for (cJSON *u = root ? root->child : NULL; ok && u; u = u->next)
		ok = cJSON_IsObject(u);
	if (!ok) {
		fprintf(stderr, "ivrc: %s: expected a JSON object of URL -> {field: value}\n", path);
		cJSON_Delete(root);
		return false;
	}
	s->fixtures = arena_alloc(&s->run.arena, ((size_t)cJSON_GetArraySize(root) + 1) *
				  sizeof *s->fixtures);
	for (cJSON *u = root->child; u; u = u->next) {
		struct sim_api_answer *a = &s->fixtures[s->nfixtures++];
		size_t n = (size_t)cJSON_GetArraySize(u);
		a->url = arena_strdup(&s->run.arena, u->string);
		a->fields = arena_alloc(&s->run.arena, (n + 1) * sizeof *a->fields);
		a->values = arena_alloc(&s->run.arena, (n + 1) * sizeof *a->values);
		for (cJSON *f = u->child; f; f = f->next) {
			a->fields[a->count] = arena_strdup(&s->run.arena, f->string);
			a->values[a->count++] = json_text(s, f);
		}
	}
	cJSON_Delete(root);
	return true;
}

/* A test's own `api` answers first, then the fixture file's. */
static size_t test_answers(struct session *s, const struct ast_test *t,
			   struct sim_api_answer **out)
{
	size_t own = t->api ? t->api->count : 0, n = 0;
	*out = arena_alloc(&s->run.arena, (own + s->nfixtures + 1) * sizeof **out);
	for (size_t i = 0; i < own; i++) {
		const struct doc_node *fields = t->api->pairs[i].value;
		struct sim_api_answer *a = &(*out)[n++];
		a->url = t->api->pairs[i].key->text;
		a->fields = arena_alloc(&s->run.arena, (fields->count + 1) * sizeof *a->fields);
		a->values = arena_alloc(&s->run.arena, (fields->count + 1) * sizeof *a->values);
		for (size_t j = 0; j < fields->count; j++) {
			a->fields[a->count] = fields->pairs[j].key->text;
			a->values[a->count++] = fields->pairs[j].value->text;
		}
	}
	if (s->nfixtures)
		memcpy(*out + n, s->fixtures, s->nfixtures * sizeof **out);
	return n + s->nfixtures;
}

/* ---------- simulate ---------- */

/* Splits --input at blanks and commas; a double-quoted part may hold blanks
 * (said:"two words"). False after reporting a bad event. */
static bool parse_input(struct session *s, const char *text, struct sim_input **out, size_t *n)
{
	size_t cap = strlen(text) + 1;
	*out = arena_alloc(&s->run.arena, cap * sizeof **out);
	*n = 0;
	for (const char *p = text; *p;) {
		if (*p == ' ' || *p == '\t' || *p == ',' || *p == '\n') {
			p++;
			continue;
		}
		size_t n0 = 0;
		for (bool q = false; p[n0] && (q || !strchr(" \t,\n", p[n0])); n0++)
			q ^= p[n0] == '"';
		char *word = arena_alloc(&s->run.arena, n0 + 1);
		size_t len = 0;
		bool quoted = false;
		for (; *p && (quoted || !strchr(" \t,\n", *p)); p++) {
			if (*p == '"')
				quoted = !quoted;
			else
				word[len++] = *p;
		}
		if (!sim_parse_input(word, &(*out)[*n])) {
			fprintf(stderr, "ivrc: --input: expected a key (0-9, *, #), silence or "
				"said:WORDS, got '%s'\n", word);
			return false;
		}
		(*n)++;
	}
	return true;
}

/* The object or endpoint called name; names gets every name of the kind
 * `want` (all kinds: DEST_NAME), written as a destination, for suggestions. */
static struct ast_decl *find_decl(struct ast_program *p, const char *name, enum dest_kind want,
				  const char ***names, size_t *nnames, struct arena *a)
{
	struct ast_decl *found = NULL;
	size_t total = p->nmenus + p->nannouncements + p->nvoicemails + p->nflows +
		       p->nschedules + p->nendpoints;
	*names = arena_alloc(a, (total + 1) * sizeof **names);
	*nnames = 0;
#define LOOK(arr, n, kind) \
	for (size_t i = 0; i < (n); i++) { \
		if (want == DEST_NAME || want == (kind)) \
			(*names)[(*nnames)++] = (arr)[i]->decl.name; \
		if (!found && strcmp((arr)[i]->decl.name, name) == 0) \
			found = &(arr)[i]->decl; \
	}
	LOOK(p->menus, p->nmenus, DEST_MENU)
	LOOK(p->announcements, p->nannouncements, DEST_ANNOUNCEMENT)
	LOOK(p->voicemails, p->nvoicemails, DEST_VOICEMAIL)
	LOOK(p->flows, p->nflows, DEST_FLOW)
	LOOK(p->schedules, p->nschedules, DEST_SCHEDULE)
	LOOK(p->endpoints, p->nendpoints, DEST_NAME)
#undef LOOK
	return found;
}

/* --start DEST (paths: --from DEST, `flag`), resolved as the checker
 * resolves a reference. */
static bool parse_start(struct session *s, struct ast_program *p, struct ast_dest *d,
			const char *flag)
{
	const char *text = s->o->start;
	memset(d, 0, sizeof *d);
	if (!text) {
		/* The first entry point; without one, the first flow (an entry
		 * point on Infobip). */
		if (!p->nentries && !p->nflows) {
			fprintf(stderr, "ivrc: %s: no entry point: give %s DEST\n", p->src->path, flag);
			return false;
		}
		d->ref = p->nentries ? p->entries[0] : &p->flows[0]->decl;
		d->kind = DEST_NAME;
		d->id = d->ref->name;
		return true;
	}
	struct lex_error e;
	size_t off;
	if (!lex_dest(text, strlen(text), &d->kind, &off, &e) || d->kind == DEST_REPEAT ||
	    d->kind == DEST_EMAIL) {
		fprintf(stderr, "ivrc: %s: %s\n", flag, d->kind == DEST_REPEAT ?
			"'repeat' only has a meaning inside a menu" :
			d->kind == DEST_EMAIL ? "a call cannot start at an e-mail address" : e.message);
		return false;
	}
	d->id = text + off;
	static const enum dest_kind want[DECL_KIND_COUNT] = {
		[DECL_MENU] = DEST_MENU, [DECL_ANNOUNCEMENT] = DEST_ANNOUNCEMENT,
		[DECL_VOICEMAIL] = DEST_VOICEMAIL, [DECL_FLOW] = DEST_FLOW,
		[DECL_SCHEDULE] = DEST_SCHEDULE,
	};
	if (d->kind != DEST_NAME && d->kind != DEST_MENU && d->kind != DEST_ANNOUNCEMENT &&
	    d->kind != DEST_VOICEMAIL && d->kind != DEST_FLOW && d->kind != DEST_SCHEDULE)
		return true;
	const char **names;
	size_t n;
	d->ref = find_decl(p, d->id, d->kind, &names, &n, &s->run.arena);
	if (d->ref && (d->kind == DEST_NAME || want[d->ref->kind] == d->kind))
		return true;
	if (d->ref) {
		fprintf(stderr, "ivrc: %s: '%s' is a%s %s, not a%s %s\n", flag, d->id,
			strchr("ae", ast_decl_kind_names[d->ref->kind][0]) ? "n" : "",
			ast_decl_kind_names[d->ref->kind], d->kind == DEST_ANNOUNCEMENT ? "n" : "",
			ast_dest_kind_names[d->kind]);
		return false;
	}
	const char *hint = diag_suggest(d->id, names, n);
	const char *prefix = d->kind == DEST_NAME ? "" : ast_dest_kind_names[d->kind];
	fprintf(stderr, "ivrc: %s: unknown destination '%s'%s%s%s%s%s\n", flag, text,
		hint ? "; did you mean '" : "", hint ? prefix : "", hint && *prefix ? ":" : "",
		hint ? hint : "", hint ? "'?" : "");
	return false;
}

static int print_json(struct arena *a, const struct sim_result *r, const struct sim_call *c,
		      const char *file, const char *target)
{
	cJSON *o = sim_json(r, c->ninput);
	cJSON *head = cJSON_CreateObject();
	cJSON_AddStringToObject(head, "file", file);
	cJSON_AddStringToObject(head, "start", sim_dest_text(a, c->start));
	if (target)
		cJSON_AddStringToObject(head, "target", target);
	else
		cJSON_AddNullToObject(head, "target");
	for (cJSON *it = o->child; it;) {
		cJSON *next = it->next;
		cJSON_AddItemToObject(head, it->string, cJSON_DetachItemViaPointer(o, it));
		it = next;
	}
	cJSON_Delete(o);
	char *text = cJSON_Print(head);
	cJSON_Delete(head);
	if (!text)
		return EXIT_USAGE;
	printf("%s\n", text);
	cJSON_free(text);
	return EXIT_CLEAN;
}

/* --at's moment; false after saying why. */
static bool parse_at(const char *text, struct ast_moment *out)
{
	struct ast_datetime dt;
	struct lex_error e;
	bool instant;
	int32_t offset;
	if (!lex_moment(text, strlen(text), &dt, &instant, &offset, &e)) {
		fprintf(stderr, "ivrc: --at: %s\n", e.message);
		return false;
	}
	*out = calendar_moment(&dt, instant, offset, text, (struct span){ 0 });
	return true;
}

int sim_cli_simulate(const struct sim_cli_opts *o, const char *file)
{
	struct session s;
	session_init(&s, o);
	int status = EXIT_CLEAN;
	struct sim_input *in = NULL;
	size_t nin = 0;
	struct ast_moment clock;
	if (!pick_target(&s) || !parse_input(&s, o->input ? o->input : "", &in, &nin) ||
	    !read_fixtures(&s) || (o->at && !parse_at(o->at, &clock)))
		return cli_run_finish(&s.run, EXIT_USAGE);
	struct ast_program *p = load(&s, file, &status);
	struct ast_dest start;
	if (!p)
		return cli_run_finish(&s.run, status);
	if (!parse_start(&s, p, &start, "--start"))
		return cli_run_finish(&s.run, EXIT_USAGE);
	const char *why = unplayable(&s, &start);
	if (why) {
		fprintf(stderr, "ivrc: --start: %s: a call cannot start at %s there\n", why,
			sim_dest_text(&s.run.arena, &start));
		return cli_run_finish(&s.run, EXIT_USAGE);
	}
	cli_run_print(&s.run);
	struct sim_call call = { p, &start, in, nin, s.fixtures, s.nfixtures,
				 s.has_target ? &s.behaviour : NULL, o->at ? &clock : NULL };
	struct sim_result r;
	sim_run(&call, &s.run.arena, &r);
	if (o->json)
		status = print_json(&s.run.arena, &r, &call, file,
				    s.has_target ? s.behaviour.target : NULL);
	else
		sim_print_text(stdout, &r);
	fflush(stdout);
	return cli_run_finish(&s.run, status == EXIT_CLEAN && r.status == SIM_FAILED ? EXIT_INPUT : status);
}

/* ---------- test ---------- */

/* A line diff of two short lists (longest common subsequence); long lists
 * are shown whole, one after the other. */
static void print_diff(struct arena *a, const char *const *x, size_t n, const char *const *y,
		       size_t m)
{
	printf("      path (- expected, + actual):\n");
	if ((n + 1) * (m + 1) > 1000000) {
		for (size_t i = 0; i < n; i++)
			printf("        - %s\n", x[i]);
		for (size_t j = 0; j < m; j++)
			printf("        + %s\n", y[j]);
		return;
	}
	uint32_t *t = arena_alloc(a, (n + 1) * (m + 1) * sizeof *t);
#define L(i, j) t[(i) * (m + 1) + (j)]
	for (size_t i = n; i-- > 0;)
		for (size_t j = m; j-- > 0;)
			L(i, j) = strcmp(x[i], y[j]) == 0 ? L(i + 1, j + 1) + 1 :
				L(i + 1, j) > L(i, j + 1) ? L(i + 1, j) : L(i, j + 1);
	size_t i = 0, j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && strcmp(x[i], y[j]) == 0) {
			printf("          %s\n", x[i]);
			i++, j++;
		} else if (j == m || (i < n && L(i + 1, j) >= L(i, j + 1))) {
			printf("        - %s\n", x[i++]);
		} else {
			printf("        + %s\n", y[j++]);
		}
	}
#undef L
}

/* The test's input as --input takes it (speech with blanks quoted). */
static const char *input_text(struct session *s, const struct ast_test *t)
{
	size_t size = 1;
	for (size_t i = 0; i < t->ninput; i++)
		size += strlen(t->input[i].text) + 5;
	char *text = arena_alloc(&s->run.arena, size), *end = text;
	for (size_t i = 0; i < t->ninput; i++) {
		const char *in = t->input[i].text;
		bool blank = strchr(in, ' ') != NULL;
		end += sprintf(end, "%s%s%s%s", i ? " " : "", blank ? "said:\\\"" : "",
			       blank ? in + 5 : in, blank ? "\\\"" : "");
	}
	return text;
}

enum outcome { PASSED, FAILED, SKIPPED };

/* Runs one test; prints its line (and why it failed). */
static enum outcome run_test(struct session *s, struct ast_program *p, const struct ast_test *t,
			     const char *file)
{
	const char *name = t->name ? t->name : "(unnamed)";
	const char *why = unplayable(s, &t->start);
	if (why) {
		printf("  skip  %s (%s)\n", name, why);
		return SKIPPED;
	}
	struct sim_input *in = arena_alloc(&s->run.arena, (t->ninput + 1) * sizeof *in);
	for (size_t i = 0; i < t->ninput; i++)
		sim_parse_input(t->input[i].text, &in[i]);
	struct sim_api_answer *api;
	size_t napi = test_answers(s, t, &api);
	struct sim_call call = { p, &t->start, in, t->ninput, api, napi,
				 s->has_target ? &s->behaviour : NULL, t->at.set ? &t->at : NULL };
	struct sim_result r;
	sim_run(&call, &s->run.arena, &r);
	const char **actual = arena_alloc(&s->run.arena, (r.npath + 1) * sizeof *actual);
	for (size_t i = 0; i < r.npath; i++)
		actual[i] = r.path[i].text;
	bool path_ok = !t->has_expect || t->nexpect == r.npath;
	for (size_t i = 0; path_ok && t->has_expect && i < t->nexpect; i++)
		path_ok = sim_stop_is(&r.path[i], &t->expect[i]);
	const struct sim_stop *last = r.npath ? &r.path[r.npath - 1] : NULL;
	bool end_ok = t->expect_end.kind == DEST_NONE || (last && sim_stop_is(last, &t->expect_end));
	bool ok = r.status != SIM_FAILED && path_ok && end_ok;
	size_t unread = t->ninput - r.consumed;
	if (ok) {
		if (unread)
			printf("  ok    %s (%zu input event%s not read)\n", name, unread,
			       unread == 1 ? "" : "s");
		else
			printf("  ok    %s\n", name);
		return PASSED;
	}
	printf("  FAIL  %s\n", name);
	if (r.status == SIM_FAILED)
		printf("      error: %s\n", r.error);
	if (!path_ok && r.status != SIM_FAILED) {
		const char **want = arena_alloc(&s->run.arena, (t->nexpect + 1) * sizeof *want);
		for (size_t i = 0; i < t->nexpect; i++)
			want[i] = sim_dest_text(&s->run.arena, &t->expect[i]);
		print_diff(&s->run.arena, want, t->nexpect, actual, r.npath);
	}
	if (!end_ok && r.status != SIM_FAILED)
		printf("      end: expected %s, got %s\n", sim_dest_text(&s->run.arena, &t->expect_end),
		       last ? last->text : "nothing");
	if (r.status == SIM_WAITING)
		printf("      note: the input ran out while the call waited at %s\n", last->text);
	printf("      see: ivrc simulate %s%s%s --start %s%s%s%s\n", file,
	       s->has_target ? " --target " : "", s->has_target ? s->behaviour.target : "",
	       sim_dest_text(&s->run.arena, &t->start), t->ninput ? " --input \"" : "",
	       input_text(s, t), t->ninput ? "\"" : "");
	return FAILED;
}

int sim_cli_test(const struct sim_cli_opts *o, char **files, int nfiles)
{
	struct session s;
	session_init(&s, o);
	if (!pick_target(&s) || !read_fixtures(&s))
		return cli_run_finish(&s.run, EXIT_USAGE);
	int status = EXIT_CLEAN;
	size_t count[3] = { 0 }, unrun = 0;
	for (int f = 0; f < nfiles; f++) {
		int st;
		struct ast_program *p = load(&s, files[f], &st);
		cli_run_print(&s.run);
		if (!p) {
			/* Its tests did not run: say so, not "0 tests". */
			printf("%s: not run: %s\n", files[f], st == EXIT_USAGE ?
			       "it cannot be read" : "the file has errors");
			unrun++;
			status = st > status ? st : status;
			continue;
		}
		printf("%s%s%s%s:%s\n", files[f], s.has_target ? " (" : "",
		       s.has_target ? s.behaviour.target : "", s.has_target ? ")" : "",
		       p->ntests ? "" : " no tests");
		for (size_t i = 0; i < p->ntests; i++)
			count[run_test(&s, p, p->tests[i], files[f])]++;
		fflush(stdout);
	}
	size_t all = count[PASSED] + count[FAILED] + count[SKIPPED];
	if (unrun && unrun == (size_t)nfiles) {
		printf("no tests ran: %s\n", nfiles == 1 ? "the file did not load" :
		       "no file loaded");
	} else {
		printf("%zu test%s, %zu passed, %zu failed", all, all == 1 ? "" : "s",
		       count[PASSED], count[FAILED]);
		if (count[SKIPPED])
			printf(", %zu skipped", count[SKIPPED]);
		if (unrun)
			printf(", %zu file%s not run", unrun, unrun == 1 ? "" : "s");
		putchar('\n');
	}
	if (count[FAILED] && status == EXIT_CLEAN)
		status = EXIT_INPUT;
	return cli_run_finish(&s.run, status);
}

/* ---------- graph ---------- */

int sim_cli_graph(const struct sim_cli_opts *o, const char *file)
{
	struct session s;
	session_init(&s, o);
	if (!pick_target(&s))
		return cli_run_finish(&s.run, EXIT_USAGE);
	int status = EXIT_CLEAN;
	struct ast_program *p = load(&s, file, &status);
	if (!p)
		return cli_run_finish(&s.run, status);
	cli_run_print(&s.run);
	const struct target_caps **caps = arena_alloc(&s.run.arena, target_count() * sizeof *caps);
	size_t ncaps = target_declared_caps(p, caps);
	struct graph_times times = { 0 };
	if (o->times || s.has_target) {
		/* --target, else (for --times) the first the file declares, else
		 * the language. */
		const struct target_caps *t = s.has_target ? &s.target->caps : ncaps ? caps[0] : NULL;
		if (t && !s.has_target)
			sim_behaviour_of(t, &s.behaviour);
		times.target = t ? t->name : NULL;
		times.bh = t ? &s.behaviour : NULL;
		if (o->times)
			times.m = paths_build(p, t ? ast_target_index(p, t->name) : -1,
					      t ? &s.behaviour : NULL, &s.run.arena);
	}
	graph_print(stdout, p, cfg_flows_are_entries(caps, ncaps), o->graph,
		    o->times || s.has_target ? &times : NULL, &s.run.arena);
	fflush(stdout);
	return cli_run_finish(&s.run, EXIT_CLEAN);
}

/* ---------- paths ---------- */

/* Paths listed per start and target unless --limit says otherwise. */
enum { PATHS_LIMIT_DEFAULT = 1000 };

static bool parse_limit(const char *text, size_t *limit)
{
	*limit = PATHS_LIMIT_DEFAULT;
	if (!text)
		return true;
	char *end;
	unsigned long long v = strtoull(text, &end, 10);
	if (!*text || *end || text[0] == '-' || v > 100000000ull) {
		fprintf(stderr, "ivrc: --limit: expected a count of paths (0: no limit), got '%s'\n",
			text);
		return false;
	}
	*limit = (size_t)v;
	return true;
}

/* --emit-tests: the tests of each start, played as `ivrc test` plays them
 * (the language's semantics, or --target's behaviour). */
static int emit_tests(struct session *s, const struct ast_program *p, const char *file,
		      const struct ast_decl **starts, size_t nstarts)
{
	if (p->ntests) {
		fprintf(stderr, "ivrc: %s has tests already: --emit-tests prints a tests: "
			"section for a file without one\n", file);
		return EXIT_USAGE;
	}
	struct arena *a = &s->run.arena;
	struct paths_model *m = paths_build(p, s->has_target ?
					    ast_target_index(p, s->target->caps.name) : -1,
					    s->has_target ? &s->behaviour : NULL, a);
	struct paths_tests t;
	paths_tests_begin(&t, a);
	for (size_t i = 0; i < nstarts; i++)
		if (!s->has_target || starts[i]->kind == DECL_ENDPOINT ||
		    (s->target->caps.objects & (1u << starts[i]->kind)))
			paths_tests_add(&t, m, starts[i]);
	printf("# Tests by `ivrc paths --emit-tests%s%s`, one per distinct end of each start;\n"
	       "# `ivrc test%s%s` runs them.%s\n",
	       s->has_target ? " --target " : "", s->has_target ? s->target->caps.name : "",
	       s->has_target ? " --target " : "", s->has_target ? s->target->caps.name : "",
	       t.skipped_flows ? " Ends in a flow are left out: its steps are not followed." : "");
	if (!t.tests->count)
		printf("# No test to emit: %s.\n", nstarts ? "every end is in a flow" :
		       "no call starts here");
	bool dsl = load_is_dsl(file, s->o->syntax);
	if (!paths_tests_print(&t, stdout, dsl)) {
		fprintf(stderr, "ivrc: cannot print the tests\n");
		return EXIT_USAGE;
	}
	fflush(stdout);
	return EXIT_CLEAN;
}

/* d as a start of paths, once; a schedule as the objects its branches go
 * to: on a target that builds one branch (caps; p's target i), that one. */
static void add_start(const struct ast_decl **starts, size_t *n, const struct ast_decl *d,
		      const struct target_caps *caps, int ti)
{
	if (d && d->kind == DECL_SCHEDULE) {
		const struct ast_schedule *sc = (const struct ast_schedule *)d;
		const char *branch;
		const struct ast_dest *one = caps && caps->schedules == SCHEDULES_ONE_BRANCH &&
			ti >= 0 ? ast_schedule_branch(sc, (size_t)ti, &branch) : NULL;
		if (one) {
			add_start(starts, n, one->ref, caps, ti);
			return;
		}
		add_start(starts, n, sc->open.ref, caps, ti);
		add_start(starts, n, sc->closed.ref, caps, ti);
		add_start(starts, n, sc->holiday.ref, caps, ti);
		return;
	}
	for (size_t i = 0; d && i < *n; i++)
		if (starts[i] == d)
			return;
	if (d)
		starts[(*n)++] = d;
}

int sim_cli_paths(const struct sim_cli_opts *o, const char *file)
{
	struct session s;
	session_init(&s, o);
	size_t limit;
	if (!pick_target(&s) || !parse_limit(o->limit, &limit))
		return cli_run_finish(&s.run, EXIT_USAGE);
	if (o->emit_tests && (o->format || o->limit)) {
		fprintf(stderr, "ivrc: --emit-tests prints tests in the file's syntax, all of them: "
			"--%s does not apply\n", o->format ? "format" : "limit");
		return cli_run_finish(&s.run, EXIT_USAGE);
	}
	int status = EXIT_CLEAN;
	struct ast_program *p = load(&s, file, &status);
	if (!p)
		return cli_run_finish(&s.run, status);
	cli_run_print(&s.run);
	struct ast_dest from;
	/* Where calls start, as written (a schedule, not yet its branches). */
	const struct ast_decl *const *roots = (const struct ast_decl *const *)p->entries;
	size_t nroots = p->nentries;
	if (o->start) {
		if (!parse_start(&s, p, &from, "--from"))
			return cli_run_finish(&s.run, EXIT_USAGE);
		if (!from.ref) {
			fprintf(stderr, "ivrc: --from: a call starts at a menu, announcement, flow, "
				"voicemail or endpoint of the file, not at '%s'\n", o->start);
			return cli_run_finish(&s.run, EXIT_USAGE);
		}
		roots = (const struct ast_decl *const *)&from.ref;
		nroots = 1;
	}
	/* A schedule takes no time of its own: its branches are the starts. */
	const struct ast_decl **starts = arena_alloc(&s.run.arena,
						     (3 * nroots + 3) * sizeof *starts);
	size_t nstarts = 0;
	const struct target_caps *picked = s.has_target ? &s.target->caps : NULL;
	for (size_t i = 0; i < nroots; i++)
		add_start(starts, &nstarts, roots[i], picked,
			  picked ? ast_target_index(p, picked->name) : -1);
	if (o->emit_tests)
		return cli_run_finish(&s.run, emit_tests(&s, p, file, starts, nstarts));
	const struct target_caps **caps = arena_alloc(&s.run.arena, target_count() * sizeof *caps);
	size_t ncaps = s.has_target ? 1 : target_declared_caps(p, caps);
	if (s.has_target)
		caps[0] = &s.target->caps;
	struct paths_out out = { stdout, !o->format || strcmp(o->format, "text") == 0 ? PATHS_TEXT :
				 strcmp(o->format, "json") == 0 ? PATHS_JSON : PATHS_CSV,
				 &s.run.arena, NULL, NULL, 0, 0 };
	paths_out_begin(&out, file);
	for (size_t t = 0; t < ncaps; t++) {
		struct sim_behaviour bh;
		sim_behaviour_of(caps[t], &bh);
		int ti = ast_target_index(p, caps[t]->name);
		struct paths_model *m = paths_build(p, ti, &bh, &s.run.arena);
		nstarts = 0;
		for (size_t i = 0; i < nroots; i++)
			add_start(starts, &nstarts, roots[i], caps[t], ti);
		for (size_t i = 0; i < nstarts; i++) {
			if (starts[i]->kind != DECL_ENDPOINT &&
			    !(caps[t]->objects & (1u << starts[i]->kind)))
				continue;   /* the target does not build it */
			paths_out_section(&out, caps[t]->name,
					  sim_decl_text(&s.run.arena, starts[i]));
			bool more;
			size_t given = paths_each(m, starts[i], limit, paths_out_path, &out, &more);
			struct paths_summary sum;
			paths_summarize(m, starts[i], &sum);
			paths_out_summary(&out, given, more, limit, &sum);
		}
	}
	paths_out_end(&out);
	return cli_run_finish(&s.run, EXIT_CLEAN);
}
