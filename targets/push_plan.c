/* The plan (push_plan.h): each object of the bundle against the state
 * file, and, when the provider is read, against its objects: what to
 * create, update (field by field, and where each field changed), delete
 * or leave; whose objects they are; and how the plan is printed
 * (docs/CLI.md, "Plan"). */
#include "push_plan.h"

#include <stdio.h>
#include <string.h>

#include "../compiler/arena.h"
#include "json_build.h"
#include "json_diff.h"
#include "link.h"
#include "state.h"

static const char *const act_names[] = { "unchanged", "create", "update", "delete", "orphan" };

/* The index of the bundle object `key`; b->count when there is none. */
static size_t object_index(const struct bundle *b, const struct plan *pl, const char *key)
{
	for (size_t j = 0; j < b->count; j++)
		if (strcmp(pl->keys[j], key) == 0)
			return j;
	return b->count;
}

/* A dependency of object i that has no id in the state and comes at or
 * after i in the bundle (a cycle: it cannot be known when i is created). */
static const char *cycle_ref(struct push_ctx *c, const struct bundle *b,
			     const struct plan *pl, size_t i)
{
	for (size_t d = 0; d < b->objects[i].ndeps; d++) {
		const char *dep = b->objects[i].deps[d];
		size_t j = object_index(b, pl, dep);
		if (j < b->count && j >= i && !push_id_text(c->a, push_state_entry(c, dep), "id"))
			return dep;
	}
	return NULL;
}

static void add_field(struct push_ctx *c, struct item *it, struct field f, size_t *cap)
{
	ARENA_PUSH(c->a, it->fields, it->nfields, *cap, f);
}

/* The fields of body that differ from the body last sent. */
static void file_fields(struct push_ctx *c, struct item *it, const cJSON *base,
			const cJSON *body)
{
	struct json_change *v;
	size_t n = json_diff(c->a, base, body, 0, &v), cap = 0;
	it->fields = NULL;
	it->nfields = 0;
	for (size_t i = 0; i < n; i++)
		add_field(c, it, (struct field){ v[i].path, v[i].before, v[i].after, NULL,
						 SIDE_FILE }, &cap);
}

/* One object's line of the plan; *f is its body's filling (make_plan
 * checks its ids before anything is sent). */
static struct item plan_object(struct push_ctx *c, struct bundle *b, const struct plan *pl,
			       size_t i, struct link_filler *f)
{
	struct bundle_object *o = &b->objects[i];
	struct item it = { .o = o, .key = pl->keys[i], .path = o->path,
			   .remote_name = o->remote_name };
	const cJSON *e = push_state_entry(c, it.key);
	it.id = push_id_text(c->a, e, "id");
	it.recorded_name = push_entry_string(c, e, "remote_name");
	it.pending = !it.id && cJSON_GetObjectItemCaseSensitive(e, "pending");
	const char *cyc = cycle_ref(c, b, pl, i);
	cJSON *body = push_filled_body(c, o, f);
	if (!it.id) {
		cJSON_Delete(body);
		it.act = ACT_CREATE;
		if (it.pending)
			it.note = arena_printf(c->a, "an earlier push may have created it: "
					       "looks for '%s' first", o->remote_name);
		else if (cyc)
			it.note = arena_printf(c->a, "first with a hangup in place of %s, then "
					       "updated", cyc);
		return it;
	}
	const cJSON *base = push_last_body(e);
	if (base)
		file_fields(c, &it, base, body);
	bool recorded = base || push_entry_string(c, e, "hash");
	it.act = push_as_last_sent(c, e, body) && !f->unknown ? ACT_KEEP : ACT_UPDATE;
	cJSON_Delete(body);
	if (it.act == ACT_UPDATE && !recorded)
		it.note = "the state holds no record of its body";
	else if (it.act == ACT_UPDATE && cyc)
		it.note = arena_printf(c->a, "once %s exists", cyc);
	else if (it.act == ACT_UPDATE)
		it.note = base ? "changed in the file" : "changed since the last push (the state "
			      "holds only a hash of its body)";
	return it;
}

static void plan_orphans(struct push_ctx *c, struct bundle *b, struct plan *pl)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, c->objects) {
		if (!e->string || object_index(b, pl, e->string) < b->count)
			continue;
		struct item it = { .key = arena_strdup(c->a, e->string),
				   .id = push_id_text(c->a, e, "id"),
				   .path = push_entry_string(c, e, "path"),
				   .remote_name = push_entry_string(c, e, "remote_name") };
		it.recorded_name = it.remote_name;
		it.act = ACT_ORPHAN;
		if (!it.id)
			it.note = "no remote id recorded";
		else if (!c->pv->can_delete)
			it.note = arena_printf(c->a, "%s has no delete call: remove it by hand, "
					       "then from the state file", c->t->caps.label);
		else if (!it.path)
			it.note = "the state holds no path for it: remove it by hand";
		else if (c->o->prune)
			it.act = ACT_DELETE;
		else
			it.note = "no longer declared: push --prune deletes it";
		ARENA_PUSH(c->a, pl->v, pl->n, pl->cap, it);
	}
}

int push_stopped(struct push_ctx *c)
{
	fprintf(stderr, "ivrc: %s: interrupted: stopped after the current request; the state "
		"file %s holds every id known so far: run push again to finish\n", c->target,
		c->state_path);
	return PUSH_REMOTE;
}

int push_failed(enum push_verdict v, struct push_ctx *c)
{
	return v == PV_STOP ? push_stopped(c) : PUSH_REMOTE;
}

const char *push_id_path(struct push_ctx *c, const char *collection, const char *id)
{
	return arena_printf(c->a, "%s/%s", collection,
			    strncmp(id, "@{", 2) == 0 ? id : push_escape(c->a, id));
}

/* The remote object of it: *remote NULL when it is gone. */
static enum push_verdict fetch_remote(struct push_ctx *c, const struct item *it,
				      cJSON **remote)
{
	*remote = NULL;
	if (c->pv->get_one) {
		struct push_call k = { .method = "GET", .path = push_id_path(c, it->path, it->id),
				       .what = it->key };
		struct push_resp r;
		const char *adopted;
		enum push_verdict v = push_call(c, &k, &r, &adopted);
		if (v == PV_OK && r.json)
			*remote = cJSON_Duplicate(c->pv->one_item(r.json), 1);
		push_resp_free(&r);
		return v == PV_GONE ? PV_OK : v;
	}
	/* Lists hold whole objects: ours is the one with its id (a name
	 * changed by hand is drift, not a missing object). */
	enum push_verdict v;
	const cJSON *answer = push_list(c, it->path, it->remote_name, false, &v), *x;
	const cJSON *items = answer ? c->pv->list_items(answer) : NULL;
	cJSON_ArrayForEach(x, items) {
		const char *xid = push_id_text(c->a, x, c->pv->id_key);
		if (xid && strcmp(xid, it->id) == 0)
			*remote = cJSON_Duplicate(x, 1);
	}
	return answer ? PV_OK : v;
}

/* Whether remote, the provider's object of it's id, is the one push made:
 * it carries the name the state recorded. An id the provider gave to
 * another object, or an object renamed by hand, is not touched. */
static bool remote_is_ours(struct push_ctx *c, struct item *it, const cJSON *remote)
{
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(remote, "name");
	const char *want = it->recorded_name ? it->recorded_name : it->remote_name;
	if (cJSON_IsString(n) && want && strcmp(n->valuestring, want) == 0)
		return it->verified = true;
	fprintf(stderr, "ivrc: %s: %s (id %s): the provider's object of that id is %s, not "
		"'%s' as the state file recorded: it is not this project's, so it is neither "
		"updated nor deleted; nothing was sent for it. If it was renamed by hand, give "
		"it its name back; else remove the entry from %s to create it again\n",
		c->target, it->key, it->id,
		cJSON_IsString(n) ? arena_printf(c->a, "named '%s'", push_shown(c->a, n->valuestring))
				  : "shown without a name", want ? want : "", c->state_path);
	return false;
}

/* Before a PUT or DELETE of an object this run did not create or find:
 * reads it (one GET, or the provider's list, read once a run). An object
 * already gone passes: the PUT's 404 creates it again, a DELETE's is done. */
int push_verify_owned(struct push_ctx *c, struct item *it)
{
	if (!c->curl || it->verified || !it->id)
		return PUSH_CLEAN;
	cJSON *remote;
	enum push_verdict v = fetch_remote(c, it, &remote);
	if (v != PV_OK)
		return push_failed(v, c);
	bool ours = !remote || remote_is_ours(c, it, remote);
	cJSON_Delete(remote);
	return ours ? PUSH_CLEAN : PUSH_USAGE;
}

/* The part of body that a provider's answer can be compared with: the
 * keys of drift_keys, when the provider lists objects in another form. */
static cJSON *drift_view(const struct push_ctx *c, const cJSON *body)
{
	cJSON *v = cJSON_Duplicate(body, 1);
	const char *const *keys = c->pv->drift_keys;
	for (cJSON *e = v ? v->child : NULL, *next; keys && e; e = next) {
		next = e->next;
		const char *const *k = keys;
		while (*k && strcmp(*k, e->string ? e->string : "") != 0)
			k++;
		if (!*k)
			cJSON_Delete(cJSON_DetachItemViaPointer(v, e));
	}
	return v;
}

static bool path_in(const struct json_change *v, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].path, path) == 0)
			return true;
	return false;
}

static const struct field *file_field(const struct item *it, const char *path)
{
	for (size_t i = 0; i < it->nfields; i++)
		if (strcmp(it->fields[i].path, path) == 0)
			return &it->fields[i];
	return NULL;
}

/* Three ways: what push would change on the provider (want against
 * remote), each field told apart by where it changed since the last push
 * (base): in the file, on the provider (put back), or both. A field that
 * changed in the file and that the provider already holds stays a file
 * change: the state is behind. */
static void three_way(struct push_ctx *c, struct item *it, const cJSON *want,
		      const cJSON *remote)
{
	const cJSON *base = push_last_body(push_state_entry(c, it->key));
	cJSON *wv = drift_view(c, want), *bv = base ? drift_view(c, base) : NULL;
	struct json_change *p, *d = NULL;
	size_t np = json_diff(c->a, wv, remote, JSON_DIFF_LOOSE | JSON_DIFF_BEFORE_KEYS, &p);
	size_t nd = bv ? json_diff(c->a, bv, remote, JSON_DIFF_LOOSE | JSON_DIFF_BEFORE_KEYS, &d)
		       : 0;
	cJSON_Delete(wv);
	cJSON_Delete(bv);
	struct item merged = { 0 };
	size_t cap = 0;
	for (size_t i = 0; i < np; i++) {
		const struct field *ff = file_field(it, p[i].path);
		bool moved = path_in(d, nd, p[i].path);
		struct field f = { p[i].path, p[i].after, p[i].before, NULL,
				   !base ? SIDE_UNRECORDED : !ff ? SIDE_PROVIDER
				   : moved ? SIDE_BOTH : SIDE_FILE };
		if (ff && !moved)
			f.before = ff->before;
		if (ff && moved)
			f.last = ff->before;
		if (base && !ff && !moved)
			continue;        /* sent so, and the provider answers it otherwise */
		add_field(c, &merged, f, &cap);
		it->drifted |= f.side != SIDE_FILE;
	}
	for (size_t i = 0; i < it->nfields; i++)
		if (!path_in(p, np, it->fields[i].path))
			add_field(c, &merged, it->fields[i], &cap);
	it->fields = merged.fields;
	it->nfields = merged.nfields;
}

/* What an update's fields say, in a few words. */
static const char *update_note(const struct item *it)
{
	bool file = false, provider = false;
	for (size_t i = 0; i < it->nfields; i++) {
		file |= it->fields[i].side == SIDE_FILE || it->fields[i].side == SIDE_BOTH;
		provider |= it->fields[i].side != SIDE_FILE;
	}
	return file && provider ? "changed in the file and on the provider"
	       : provider ? "changed on the provider since the last push: put back"
	       : it->note;
}

static int refresh_item(struct push_ctx *c, struct item *it)
{
	cJSON *remote;
	if (!it->id || it->act == ACT_ORPHAN || it->act == ACT_DELETE || !it->o)
		return PUSH_CLEAN;
	enum push_verdict v = fetch_remote(c, it, &remote);
	if (v != PV_OK)
		return push_failed(v, c);
	if (!remote) {
		it->act = ACT_CREATE;
		it->note = arena_printf(c->a, "gone remotely (id %s)", it->id);
		it->id = NULL;
		return PUSH_CLEAN;
	}
	if (!remote_is_ours(c, it, remote)) {
		cJSON_Delete(remote);
		return PUSH_USAGE;
	}
	struct link_filler f;
	cJSON *want = push_filled_body(c, it->o, &f);
	three_way(c, it, want, remote);
	if (it->drifted) {
		it->note = update_note(it);
		if (it->act == ACT_KEEP)
			it->act = ACT_UPDATE;
	}
	cJSON_Delete(want);
	cJSON_Delete(remote);
	return PUSH_CLEAN;
}

/* An id of the state that the body takes as a number but that is none:
 * sending it as a string would be refused, as a number it would change. */
bool push_ids_fit(struct push_ctx *c, const struct item *it, const struct link_filler *f)
{
	if (!f->not_numeric)
		return true;
	fprintf(stderr, "ivrc: %s: %s: %s; correct the state file\n", c->target, it->key,
		link_not_numeric_message(c->a, f, c->t, it->o->kind));
	return false;
}

/* An entry is this project's only when the remote name it recorded is the
 * one the project gives that object (an update), or one of the project's
 * names (a delete); else push refuses before sending anything. */
static bool entry_owned(struct push_ctx *c, const struct item *it)
{
	if (!it->id || !it->recorded_name ||
	    (it->o ? strcmp(it->recorded_name, it->o->remote_name) == 0
		   : it->act != ACT_DELETE || target_name_is_ours(c->p, &c->t->caps, it->recorded_name)))
		return true;
	fprintf(stderr, "ivrc: %s: %s (id %s): the state file %s records it as '%s', and this "
		"project (%s) names it '%s': it is not this project's object, so it is neither "
		"updated nor deleted; nothing was sent. Correct or remove the entry\n", c->target,
		it->key, it->id, c->state_path, it->recorded_name, c->p->name,
		it->o ? it->o->remote_name : arena_printf(c->a, "%s-...", c->p->name));
	return false;
}

int push_plan_make(struct push_ctx *c, struct bundle *b, struct plan *pl)
{
	pl->keys = arena_alloc(c->a, (b->count ? b->count : 1) * sizeof *pl->keys);
	for (size_t i = 0; i < b->count; i++)
		pl->keys[i] = link_key(c->a, b->objects[i].kind, b->objects[i].name);
	for (size_t i = 0; i < b->count; i++) {
		struct link_filler f;
		struct item it = plan_object(c, b, pl, i, &f);
		if (!push_ids_fit(c, &it, &f))
			return PUSH_USAGE;
		ARENA_PUSH(c->a, pl->v, pl->n, pl->cap, it);
	}
	plan_orphans(c, b, pl);
	for (size_t i = 0; i < pl->n; i++)
		if (!entry_owned(c, &pl->v[i]))
			return PUSH_USAGE;
	for (size_t i = 0; c->refresh && i < pl->n; i++) {
		int st = refresh_item(c, &pl->v[i]);
		if (st != PUSH_CLEAN)
			return st;
		if (push_interrupted())
			return PUSH_REMOTE;
	}
	for (size_t i = 0; i < pl->n; i++)
		pl->count[pl->v[i].act]++;
	return PUSH_CLEAN;
}

size_t push_plan_changes(const struct plan *pl)
{
	return pl->count[ACT_CREATE] + pl->count[ACT_UPDATE] + pl->count[ACT_DELETE];
}

enum { FIELDS_SHOWN = 20, VALUE_SHOWN = 60 };

/* An update's fields, "PATH: OLD -> NEW", with where each changed when the
 * provider was read (docs/CLI.md, "Plan"). */
static void print_fields(struct push_ctx *c, const struct item *it)
{
	static const char *const why[] = {
		[SIDE_FILE] = "",
		[SIDE_PROVIDER] = "  (changed on the provider: put back)",
		[SIDE_BOTH] = "  (changed in the file, and on the provider: the file's wins)",
		[SIDE_UNRECORDED] = "  (on the provider; the state holds no earlier body)",
	};
	size_t n = it->act == ACT_UPDATE ? it->nfields : 0;
	for (size_t i = 0; i < n && i < FIELDS_SHOWN; i++) {
		const struct field *f = &it->fields[i];
		printf("      %s: %s -> %s%s", f->path, json_shortened(c->a, f->before, VALUE_SHOWN),
		       json_shortened(c->a, f->after, VALUE_SHOWN), why[f->side]);
		if (f->last)
			printf(" (last pushed: %s)", json_shortened(c->a, f->last, VALUE_SHOWN));
		printf("\n");
	}
	if (n > FIELDS_SHOWN)
		printf("      ... and %zu more (--format json lists them all)\n", n - FIELDS_SHOWN);
}

static const char *const side_names[] = { "file", "provider", "both", "unrecorded" };

/* plan --format json: the plan as one document (docs/CLI.md, "Plan"). */
static void print_plan_json(struct push_ctx *c, const struct bundle *b, const struct plan *pl)
{
	cJSON *doc = cJSON_CreateObject(), *objs;
	json_add_string(doc, "target", c->target);
	json_add_string(doc, "project", b->project ? b->project : "");
	json_add_string(doc, "state", c->state_path);
	objs = json_add_array(doc, "objects");
	for (size_t i = 0; i < pl->n; i++) {
		const struct item *it = &pl->v[i];
		cJSON *o = cJSON_CreateObject();
		json_add_string(o, "action", act_names[it->act]);
		json_add_string(o, "key", it->key);
		if (it->id)
			json_add_string(o, "id", it->id);
		if (it->note)
			json_add_string(o, "note", it->note);
		cJSON *fields = it->act == ACT_UPDATE && it->nfields ? json_add_array(o, "fields")
								     : NULL;
		for (size_t k = 0; fields && k < it->nfields; k++) {
			const struct field *f = &it->fields[k];
			cJSON *x = cJSON_CreateObject();
			json_add_string(x, "path", f->path);
			if (f->before)
				cJSON_AddItemToObject(x, "before", cJSON_Parse(f->before));
			if (f->after)
				cJSON_AddItemToObject(x, "after", cJSON_Parse(f->after));
			if (f->last)
				cJSON_AddItemToObject(x, "last_pushed", cJSON_Parse(f->last));
			json_add_string(x, "changed", side_names[f->side]);
			cJSON_AddItemToArray(fields, x);
		}
		cJSON_AddItemToArray(objs, o);
	}
	static const enum act counted[] = { ACT_CREATE, ACT_UPDATE, ACT_DELETE, ACT_KEEP };
	cJSON *sum = json_add_object(doc, "summary");
	for (size_t k = 0; k < sizeof counted / sizeof counted[0]; k++)
		json_add_number(sum, act_names[counted[k]], (double)pl->count[counted[k]]);
	char *text = cJSON_Print(doc);
	if (text)
		printf("%s\n", text);
	cJSON_free(text);
	cJSON_Delete(doc);
	fflush(stdout);
}

void push_plan_print(struct push_ctx *c, const struct bundle *b, const struct plan *pl)
{
	if (c->o->json) {
		print_plan_json(c, b, pl);
		return;
	}
	printf("%s: %s (state %s)\n", c->target, b->project ? b->project : "", c->state_path);
	for (size_t i = 0; i < pl->n; i++) {
		const struct item *it = &pl->v[i];
		printf("  %-9s %s", act_names[it->act], it->key);
		if (it->id)
			printf(" (id %s)", it->id);
		if (it->note)
			printf(": %s", it->note);
		printf("\n");
		print_fields(c, it);
	}
	printf("plan: %zu to create, %zu to update, %zu to delete, %zu unchanged\n",
	       pl->count[ACT_CREATE], pl->count[ACT_UPDATE], pl->count[ACT_DELETE],
	       pl->count[ACT_KEEP]);
	fflush(stdout);
}
