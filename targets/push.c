/* `ivrc plan` and `ivrc push` (see push.h): the run, and the plan's
 * execution in link order: creates, updates, deletes, each id written to
 * the state file the moment it is known. The state file is push_state.c's,
 * the plan push_plan.c's, the transport push_http.c's; provider facts are
 * each target's push.c. */
#include "push_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../compiler/arena.h"
#include "link.h"

/* ---------- doing it ---------- */

struct tally {
	size_t created, updated, deleted;
};

/* Records a known id, and the body the object holds when it is known. */
static bool record_id(struct push_ctx *c, struct item *it, const char *id, const cJSON *sent)
{
	cJSON *e = push_entry_for(c, it->key);
	cJSON_DeleteItemFromObjectCaseSensitive(e, "pending");
	cJSON_DeleteItemFromObjectCaseSensitive(e, "hash");
	cJSON_DeleteItemFromObjectCaseSensitive(e, "body");
	push_entry_set(e, "id", id);
	push_entry_set(e, "remote_name", it->remote_name ? it->remote_name : "");
	it->recorded_name = it->remote_name;
	it->verified = true;         /* created, found by its name, or checked */
	push_entry_set(e, "path", it->path);
	if (sent)
		cJSON_AddItemToObject(e, "body", cJSON_Duplicate(sent, 1));
	it->id = id;
	return push_state_save(c);
}

static bool record_pending(struct push_ctx *c, struct item *it)
{
	cJSON *e = push_entry_for(c, it->key);
	cJSON_DeleteItemFromObjectCaseSensitive(e, "id");
	cJSON_DeleteItemFromObjectCaseSensitive(e, "hash");
	cJSON_DeleteItemFromObjectCaseSensitive(e, "body");
	push_entry_set(e, "remote_name", it->remote_name ? it->remote_name : "");
	push_entry_set(e, "path", it->path);
	push_entry_set(e, "pending", "create");
	return push_state_save(c);
}

static int do_update(struct push_ctx *c, struct item *it, bool second, struct tally *t);
static int update_sent(struct push_ctx *c, struct item *it, const cJSON *body,
		       const struct link_filler *f, bool second, struct tally *t);

/* An id the provider answered, when it is one of its ids; else NULL
 * after saying so (the object stays pending: the next push looks it up
 * by name again). A placeholder, a fraction or a 301-digit number would
 * go into paths and bodies. */
static const char *valid_id(struct push_ctx *c, const struct item *it, const char *id)
{
	if (!id || c->pv->id_valid(id))
		return id;
	fprintf(stderr, "ivrc: %s: %s: the provider gave it the id '%s', which is not %s: not "
		"recorded; check the object named '%s' on the provider\n", c->target, it->key,
		push_shown(c->a, id), c->pv->id_form, it->remote_name);
	return NULL;
}

/* An earlier create whose answer was lost: adopt the object if it exists. */
static int adopt_pending(struct push_ctx *c, struct item *it, bool *found, struct tally *t)
{
	const char *id;
	*found = false;
	if (!c->curl)
		return PUSH_CLEAN;
	enum push_verdict v = push_find_by_name(c, it->path, it->remote_name, true, &id);
	if (v != PV_OK)
		return push_failed(v, c);
	if (!id)
		return PUSH_CLEAN;
	if (!valid_id(c, it, id))
		return PUSH_REMOTE;
	*found = true;
	printf("found     %s (id %s): an earlier push created '%s'\n", it->key, id,
	       it->remote_name);
	if (!record_id(c, it, id, NULL))
		return PUSH_USAGE;
	return do_update(c, it, false, t);
}

/* The id of what the POST just created. */
static const char *created_id(struct push_ctx *c, struct item *it, const struct push_resp *r,
			      const char *adopted, enum push_verdict *v)
{
	*v = PV_OK;
	if (!c->curl)
		return link_placeholder(c->a, it->o->kind, it->o->name);
	const char *id = adopted ? adopted : r->json ? c->pv->created_id(c->a, r->json) : NULL;
	if (!id) {
		*v = push_find_by_name(c, it->path, it->remote_name, true, &id);
		if (*v == PV_OK && !id) {
			fprintf(stderr, "ivrc: %s: %s: created, but no object named '%s' is listed; "
				"run push again (it looks the name up first)\n", c->target, it->key,
				it->remote_name);
			*v = PV_FAIL;
		}
	}
	if (*v == PV_OK && !valid_id(c, it, id))
		*v = PV_FAIL;
	return id;
}

static int do_create(struct push_ctx *c, struct item *it, struct tally *t)
{
	bool found;
	if (it->pending) {
		int st = adopt_pending(c, it, &found, t);
		if (st != PUSH_CLEAN || found)
			return st;
	}
	struct link_filler f;
	cJSON *body = push_filled_body(c, it->o, &f);
	if (!push_ids_fit(c, it, &f)) {
		cJSON_Delete(body);
		return PUSH_USAGE;
	}
	if (f.unknown && c->pv->unresolved)
		c->pv->unresolved(c, body, it->o->kind);   /* updated in the second pass */
	const char *text = push_body_text(c, body);
	if (!record_pending(c, it)) {
		cJSON_Delete(body);
		return PUSH_USAGE;
	}
	struct push_call k = { .method = "POST", .path = it->path, .body = text, .what = it->key,
			       .remote_name = it->remote_name, .collection = it->path };
	struct push_resp r;
	const char *adopted, *id;
	enum push_verdict v = push_call(c, &k, &r, &adopted);
	id = v == PV_OK ? created_id(c, it, &r, adopted, &v) : NULL;
	push_resp_free(&r);
	bool recorded = v == PV_OK && record_id(c, it, id, body);
	cJSON_Delete(body);
	if (v != PV_OK)
		return push_failed(v, c);
	if (!recorded)
		return PUSH_USAGE;
	t->created++;
	if (c->curl)
		printf("created   %s (id %s)\n", it->key, id);
	fflush(stdout);
	return PUSH_CLEAN;
}

static int recreate(struct push_ctx *c, struct item *it, struct tally *t)
{
	fprintf(stderr, "ivrc: %s: %s (id %s) is gone remotely (HTTP 404): creating it again\n",
		c->target, it->key, it->id);
	it->id = NULL;
	it->pending = false;
	return do_create(c, it, t);
}

static int do_update(struct push_ctx *c, struct item *it, bool second, struct tally *t)
{
	struct link_filler f;
	cJSON *body = push_filled_body(c, it->o, &f);
	int st = update_sent(c, it, body, &f, second, t);
	cJSON_Delete(body);
	return st;
}

/* do_update with the object's new body (ids filled in, as far as known). */
static int update_sent(struct push_ctx *c, struct item *it, const cJSON *body,
		       const struct link_filler *f, bool second, struct tally *t)
{
	if (!push_ids_fit(c, it, f))
		return PUSH_USAGE;
	if (f->unknown && !second)
		return PUSH_CLEAN;        /* an id it needs comes later: the second pass */
	if (f->unknown) {
		fprintf(stderr, "ivrc: %s: %s: the id of %s is still unknown\n", c->target, it->key,
			f->first_unknown);
		return PUSH_REMOTE;
	}
	if (push_as_last_sent(c, push_state_entry(c, it->key), body) && !it->drifted)
		return PUSH_CLEAN;
	int st = push_verify_owned(c, it);
	if (st != PUSH_CLEAN)
		return st;
	if (c->curl && !push_pace(c, it->key))
		return push_stopped(c);
	const char *text = push_body_text(c, body);
	struct push_call k = { .method = "PUT", .path = push_id_path(c, it->path, it->id),
			       .body = text, .what = it->key };
	struct push_resp r;
	const char *adopted;
	enum push_verdict v = push_call(c, &k, &r, &adopted);
	push_resp_free(&r);
	if (v == PV_GONE)
		return recreate(c, it, t);
	if (v != PV_OK)
		return push_failed(v, c);
	it->drifted = false;
	if (!record_id(c, it, it->id, body))
		return PUSH_USAGE;
	t->updated++;
	if (c->curl)
		printf("updated   %s (id %s)\n", it->key, it->id);
	fflush(stdout);
	return PUSH_CLEAN;
}

static int do_delete(struct push_ctx *c, struct item *it, struct tally *t)
{
	struct push_call k = { .method = "DELETE", .path = push_id_path(c, it->path, it->id),
			       .what = it->key };
	struct push_resp r;
	const char *adopted;
	enum push_verdict v = push_call(c, &k, &r, &adopted);
	push_resp_free(&r);
	if (v != PV_OK && v != PV_GONE)
		return push_failed(v, c);
	cJSON_DeleteItemFromObjectCaseSensitive(c->objects, it->key);
	if (!push_state_save(c))
		return PUSH_USAGE;
	t->deleted++;
	if (c->curl)
		printf("deleted   %s (id %s)\n", it->key, it->id);
	fflush(stdout);
	return PUSH_CLEAN;
}

static int execute(struct push_ctx *c, struct plan *pl, struct tally *t)
{
	int st = PUSH_CLEAN;
	for (size_t i = 0; i < pl->n && st == PUSH_CLEAN; i++) {
		struct item *it = &pl->v[i];
		if (push_interrupted())
			return push_stopped(c);
		if (it->act == ACT_CREATE)
			st = do_create(c, it, t);
		else if (it->act == ACT_UPDATE || it->act == ACT_KEEP)
			st = do_update(c, it, false, t);   /* KEEP: unless an id it holds changed */
	}
	/* Every id is known now: what a cycle created with a hangup in place of
	 * an id, and what points at an object created again, is updated. */
	for (size_t i = 0; i < pl->n && st == PUSH_CLEAN; i++) {
		if (!pl->v[i].o || !pl->v[i].id)
			continue;
		if (push_interrupted())
			return push_stopped(c);
		st = do_update(c, &pl->v[i], true, t);
	}
	/* Deletes last, dependents (recorded later) first. */
	for (size_t i = pl->n; i-- > 0 && st == PUSH_CLEAN;) {
		if (pl->v[i].act != ACT_DELETE)
			continue;
		if (push_interrupted())
			return push_stopped(c);
		st = do_delete(c, &pl->v[i], t);
	}
	return st;
}

/* ---------- the run ---------- */

static const char *default_state_path(struct arena *a, const char *input)
{
	const char *slash = input ? strrchr(input, '/') : NULL;
	if (!input || strcmp(input, "-") == 0 || !slash)
		return "ivrc.state.json";
	return arena_printf(a, "%.*s/ivrc.state.json", (int)(slash - input), input);
}

/* Asks on a terminal; refuses without one. */
static int confirm(struct push_ctx *c, size_t n)
{
	if (c->o->yes || c->o->dry_run)
		return PUSH_CLEAN;
	if (!isatty(STDIN_FILENO)) {
		fprintf(stderr, "ivrc: push: standard input is not a terminal: pass --yes to push "
			"without a confirmation\n");
		return PUSH_USAGE;
	}
	fprintf(stderr, "Push %zu change%s to %s? Only 'yes' goes ahead: ", n, n == 1 ? "" : "s",
		c->target);
	fflush(stderr);
	char line[32];
	if (!fgets(line, sizeof line, stdin) || strcmp(line, "yes\n") != 0) {
		fprintf(stderr, "ivrc: push cancelled; nothing was sent\n");
		return -1;
	}
	return PUSH_CLEAN;
}

/* Reads the credentials from the environment (push_auth); when they are
 * required, false after saying which are missing. */
static bool read_credentials(struct push_ctx *c, bool required)
{
	const struct push_auth *au = &c->pv->auth;
	const char *tok = getenv(au->token_env);
	const char *user = au->user_env ? getenv(au->user_env) : NULL;
	const char *pw = au->password_env ? getenv(au->password_env) : NULL;
	const char *acc = au->account_env ? getenv(au->account_env) : NULL;
	const char *also = au->also_env ? getenv(au->also_env) : NULL;
	c->token = tok && *tok ? arena_strdup(c->a, tok) : NULL;
	if (user && *user && pw && *pw) {
		c->login_user = arena_strdup(c->a, user);
		c->login_password = arena_strdup(c->a, pw);
	}
	c->account = acc && *acc ? arena_strdup(c->a, acc) : NULL;
	if (!push_header_safe(c->token)) {
		fprintf(stderr, "ivrc: %s: %s holds a control character: refused (it would go "
			"into an HTTP header)\n", c->target, au->token_env);
		c->token = NULL;
		return false;
	}
	if (((c->token || c->login_user) && (!au->account_env || c->account) &&
	     (!au->also_env || (also && *also))) || !required)
		return true;
	fprintf(stderr, "ivrc: %s: no credentials: %s\n", c->target, au->missing);
	return false;
}

static int authenticate(struct push_ctx *c)
{
	if (!c->token && c->login_user)
		return push_login(c);
	return PUSH_CLEAN;
}

static int plan_and_push(struct push_ctx *c, struct bundle *b)
{
	const struct push_opts *o = c->o;
	/* push reads the provider's objects first, always: drift is shown
	 * and put back, never overwritten silently; plan only with --refresh
	 * (it needs no credentials without), a dry run never (it sends nothing). */
	c->refresh = o->refresh || (!o->plan && !o->dry_run);
	bool net = !o->plan || o->refresh, send = net && !o->dry_run;
	if (net && !o->dry_run && !read_credentials(c, true))
		return PUSH_USAGE;
	if (o->dry_run)
		read_credentials(c, false);
	int st = net ? push_http_open(c, send) : PUSH_CLEAN;
	if (st == PUSH_CLEAN && c->refresh)
		st = authenticate(c);
	struct plan pl = { 0 };
	if (st == PUSH_CLEAN)
		st = push_plan_make(c, b, &pl);
	if (st != PUSH_CLEAN)
		return st;
	push_plan_print(c, b, &pl);
	if (o->plan)
		return o->detailed_exitcode && push_plan_changes(&pl) ? PUSH_PENDING : PUSH_CLEAN;
	if (!push_plan_changes(&pl)) {
		printf("nothing to do\n");
		return PUSH_CLEAN;
	}
	if ((st = confirm(c, push_plan_changes(&pl))) != PUSH_CLEAN)
		return st < 0 ? PUSH_CLEAN : st;
	if (!c->refresh && (st = authenticate(c)) != PUSH_CLEAN)
		return st;
	for (size_t i = 0; i < pl.n && st == PUSH_CLEAN; i++)
		if (pl.v[i].act == ACT_UPDATE || pl.v[i].act == ACT_DELETE)
			st = push_verify_owned(c, &pl.v[i]);
	if (st != PUSH_CLEAN)
		return st;
	struct tally t = { 0 };
	st = execute(c, &pl, &t);
	if (!o->dry_run)
		printf("push: %zu created, %zu updated, %zu deleted\n", t.created, t.updated,
		       t.deleted);
	return st;
}

int push_run(struct bundle *b, const struct ast_program *p, const struct push_opts *o)
{
	struct push_ctx c = { .a = b->arena, .o = o, .p = p, .t = b->target,
			      .pv = b->target->push, .target = b->target->caps.name,
			      .lock_fd = -1 };
	if (!c.pv) {
		fprintf(stderr, "ivrc: push to %s is not supported\n", c.target);
		return PUSH_USAGE;
	}
	c.state_path = o->state_path ? o->state_path : default_state_path(c.a, o->input);
	push_http_settings(&c);
	push_signals_install();
	/* Only what writes the state locks it: a plan and a dry run read a
	 * state that is only ever replaced whole (rename). */
	bool writes = !o->plan && !o->dry_run;
	int st = writes ? push_lock_take(&c) : PUSH_CLEAN;
	if (st == PUSH_CLEAN)
		st = push_state_load(&c);
	if (st == PUSH_CLEAN)
		st = plan_and_push(&c, b);
	push_signals_restore();
	push_lock_release(&c);
	push_http_close(&c);
	for (size_t i = 0; i < c.ncache; i++)
		cJSON_Delete(c.cache[i].answer);
	cJSON_Delete(c.state);
	fflush(stdout);
	return st;
}
