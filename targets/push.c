/* `ivrc plan` and `ivrc push` (see push.h): the state file, the plan (what
 * to create, update, delete or leave), and its execution in link order.
 * The transport is push_http.c; provider facts are each target's push.c.
 *
 * State file entries (state.h has the layout):
 *   "ivr:main": {"id": "123", "remote_name": "acme-main", "path": "/v1/ivr",
 *                "body": {...}}
 * `body` is the body last sent (ids filled in): an object whose new body is
 * the same (json_same: key order and number formatting do not count) costs
 * no request, and plan shows the fields that changed, in the file or, with
 * --refresh, on the provider. Earlier states hold `hash` (FNV-1a of the
 * body's text) instead, still read. `path` is the collection, for deleting
 * an object the file no longer declares; an entry with `"pending":
 * "create"` and no id is a create that was sent but whose answer never
 * came: the next push looks the object up by its remote name first. */
#include "push_impl.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../compiler/arena.h"
#include "../compiler/outfile.h"
#include "json_build.h"
#include "json_diff.h"
#include "link.h"
#include "state.h"

/* ---------- the state file ---------- */

static char *read_file(const char *path, size_t *len, int *err)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	*len = 0;
	if (!f) {
		*err = errno;
		return NULL;
	}
	for (size_t cap = 0;;) {
		if (*len == cap) {
			cap = cap ? cap * 2 : 4096;
			char *g = realloc(text, cap + 1);
			if (!g)
				break;
			text = g;
		}
		size_t n = fread(text + *len, 1, cap - *len, f);
		*len += n;
		if (n == 0)
			break;
	}
	*err = ferror(f) ? EIO : 0;
	fclose(f);
	if (text)
		text[*len] = '\0';
	return text;
}

static int state_load(struct push_ctx *c)
{
	size_t len;
	int err;
	char *text = read_file(c->state_path, &len, &err);
	if (!text && err == ENOENT) {
		c->state = state_new();
	} else if (!text || err) {
		fprintf(stderr, "ivrc: %s: cannot read the state file: %s\n", c->state_path,
			strerror(err ? err : ENOMEM));
		free(text);
		return PUSH_USAGE;
	} else {
		const char *end = NULL;
		c->state = cJSON_ParseWithLengthOpts(text, len, &end, false);
		while (c->state && end && (size_t)(end - text) < len && strchr(" \t\r\n", *end))
			end++;
		bool rest = c->state && end && (size_t)(end - text) < len;
		free(text);
		if (!c->state || rest) {
			fprintf(stderr, "ivrc: %s: not a valid JSON state file\n", c->state_path);
			return PUSH_USAGE;
		}
	}
	const char *why;
	c->objects = state_objects(c->state, c->a, c->p->name, c->target, true, &why);
	if (!c->objects) {
		fprintf(stderr, "ivrc: %s: %s\n", c->state_path, why);
		return PUSH_USAGE;
	}
	return PUSH_CLEAN;
}

/* Writes the state file atomically; a plan or a dry run writes nothing. */
static bool state_save(struct push_ctx *c)
{
	if (c->o->plan || c->o->dry_run)
		return true;
	char *text = cJSON_Print(c->state);
	int err = ENOMEM;
	if (text) {
		const char *t = arena_printf(c->a, "%s\n", text);
		err = outfile_write_atomic(c->state_path, t, strlen(t));
		cJSON_free(text);
	}
	if (!err)
		return true;
	fprintf(stderr, "ivrc: %s: cannot write the state file: %s\n", c->state_path,
		strerror(err));
	fprintf(stderr, "ivrc: the ids known so far:\n");
	const cJSON *e;
	cJSON_ArrayForEach(e, c->objects) {
		const char *id = push_id_text(c->a, e, "id");
		if (id)
			fprintf(stderr, "  %s %s\n", e->string, id);
	}
	return false;
}

static cJSON *state_entry(const struct push_ctx *c, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(c->objects, key);
}

static void set_string(cJSON *obj, const char *key, const char *value)
{
	cJSON *s = cJSON_CreateString(value);
	if (cJSON_GetObjectItemCaseSensitive(obj, key))
		cJSON_ReplaceItemInObjectCaseSensitive(obj, key, s);
	else
		cJSON_AddItemToObject(obj, key, s);
}

static cJSON *entry_for(struct push_ctx *c, const char *key)
{
	cJSON *e = state_entry(c, key);
	if (!cJSON_IsObject(e)) {
		cJSON_DeleteItemFromObjectCaseSensitive(c->objects, key);
		e = cJSON_AddObjectToObject(c->objects, key);
	}
	return e;
}

/* ---------- bodies: ids filled in, hashes ---------- */

/* The id the state holds for "kind:name" (link_filler's find). */
static const char *known_id(void *ud, const char *key, size_t len)
{
	struct push_ctx *c = ud;
	const char *k = arena_strndup(c->a, key, len);
	return push_id_text(c->a, state_entry(c, k), "id");
}

static cJSON *fill_node(void *ud, cJSON *parent, cJSON *node)
{
	return link_fill_string(ud, parent, node);
}

/* A copy of o's body with every id the state knows filled in. */
static cJSON *filled_body(struct push_ctx *c, const struct bundle_object *o,
			  struct link_filler *f)
{
	*f = (struct link_filler){ c->a, known_id, c, target_numeric_refs(c->t, o->kind),
				   0, NULL, NULL };
	cJSON *body = o->body ? cJSON_Duplicate(o->body, 1) : cJSON_CreateObject();
	push_walk(body, fill_node, f);
	return body;
}

static const char *body_text(struct push_ctx *c, const cJSON *body)
{
	char *t = cJSON_PrintUnformatted(body);
	const char *s = arena_strdup(c->a, t ? t : "{}");
	cJSON_free(t);
	return s;
}

/* FNV-1a, 64 bits: change detection, not security. */
static const char *text_hash(struct push_ctx *c, const char *text)
{
	uint64_t h = 1469598103934665603ull;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		h ^= *p;
		h *= 1099511628211ull;
	}
	return arena_printf(c->a, "fnv1a64:%016llx", (unsigned long long)h);
}

/* ---------- the plan ---------- */

enum act { ACT_KEEP, ACT_CREATE, ACT_UPDATE, ACT_DELETE, ACT_ORPHAN };
static const char *const act_names[] = { "unchanged", "create", "update", "delete", "orphan" };

/* Where a field of an update changed: in the file (since the last push),
 * on the provider (since the last push: push puts it back), both, or on
 * the provider against a state that holds no copy of the last body. */
enum side { SIDE_FILE, SIDE_PROVIDER, SIDE_BOTH, SIDE_UNRECORDED };

/* One field of an update: its JSON texts before and after (NULL: absent),
 * and for SIDE_BOTH what was last pushed. */
struct field {
	const char *path, *before, *after, *last;
	enum side side;
};

struct item {
	struct bundle_object *o;     /* NULL: only in the state file */
	struct field *fields;        /* an update's changes, when known */
	size_t nfields;
	const char *key, *path, *remote_name, *id;
	const char *recorded_name;   /* the state's remote_name; NULL: none */
	enum act act;
	const char *note;
	bool pending;                /* an earlier create may have been applied */
	bool drifted;                /* --refresh: changed remotely */
	bool verified;               /* the provider's object of id is ours */
};

struct plan {
	struct item *v;
	size_t n, cap;
	size_t count[5];
	const char **keys;           /* "kind:name" of each bundle object */
};

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
		if (j < b->count && j >= i && !push_id_text(c->a, state_entry(c, dep), "id"))
			return dep;
	}
	return NULL;
}

static const char *entry_string(struct push_ctx *c, const cJSON *e, const char *key)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(e, key);
	return cJSON_IsString(s) ? arena_strdup(c->a, s->valuestring) : NULL;
}

/* The body last sent, as the state recorded it; NULL when it did not. */
static const cJSON *last_body(const cJSON *entry)
{
	const cJSON *b = cJSON_GetObjectItemCaseSensitive(entry, "body");
	return cJSON_IsObject(b) || cJSON_IsArray(b) ? b : NULL;
}

/* Whether body is what the state recorded as last sent: the body itself,
 * or (an earlier state) its hash. */
static bool as_last_sent(struct push_ctx *c, const cJSON *entry, const cJSON *body)
{
	const cJSON *base = last_body(entry);
	if (base)
		return json_same(base, body, 0);
	const char *had = entry_string(c, entry, "hash");
	return had && strcmp(had, text_hash(c, body_text(c, body))) == 0;
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
	const cJSON *e = state_entry(c, it.key);
	it.id = push_id_text(c->a, e, "id");
	it.recorded_name = entry_string(c, e, "remote_name");
	it.pending = !it.id && cJSON_GetObjectItemCaseSensitive(e, "pending");
	const char *cyc = cycle_ref(c, b, pl, i);
	cJSON *body = filled_body(c, o, f);
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
	const cJSON *base = last_body(e);
	if (base)
		file_fields(c, &it, base, body);
	bool recorded = base || entry_string(c, e, "hash");
	it.act = as_last_sent(c, e, body) && !f->unknown ? ACT_KEEP : ACT_UPDATE;
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
				   .path = entry_string(c, e, "path"),
				   .remote_name = entry_string(c, e, "remote_name") };
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

/* ---------- --refresh: what the provider has ---------- */

static int stopped(struct push_ctx *c)
{
	fprintf(stderr, "ivrc: %s: interrupted: stopped after the current request; the state "
		"file %s holds every id known so far: run push again to finish\n", c->target,
		c->state_path);
	return PUSH_REMOTE;
}

static int failed(enum push_verdict v, struct push_ctx *c)
{
	return v == PV_STOP ? stopped(c) : PUSH_REMOTE;
}

static const char *id_path(struct push_ctx *c, const char *collection, const char *id)
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
		struct push_call k = { .method = "GET", .path = id_path(c, it->path, it->id),
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
static int verify_owned(struct push_ctx *c, struct item *it)
{
	if (!c->curl || it->verified || !it->id)
		return PUSH_CLEAN;
	cJSON *remote;
	enum push_verdict v = fetch_remote(c, it, &remote);
	if (v != PV_OK)
		return failed(v, c);
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
	const cJSON *base = last_body(state_entry(c, it->key));
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
		return failed(v, c);
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
	cJSON *want = filled_body(c, it->o, &f);
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
static bool ids_fit(struct push_ctx *c, const struct item *it, const struct link_filler *f)
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
		   : it->act != ACT_DELETE || state_name_is_projects(it->recorded_name, c->p->name)))
		return true;
	fprintf(stderr, "ivrc: %s: %s (id %s): the state file %s records it as '%s', and this "
		"project (%s) names it '%s': it is not this project's object, so it is neither "
		"updated nor deleted; nothing was sent. Correct or remove the entry\n", c->target,
		it->key, it->id, c->state_path, it->recorded_name, c->p->name,
		it->o ? it->o->remote_name : arena_printf(c->a, "%s-...", c->p->name));
	return false;
}

static int make_plan(struct push_ctx *c, struct bundle *b, struct plan *pl)
{
	pl->keys = arena_alloc(c->a, (b->count ? b->count : 1) * sizeof *pl->keys);
	for (size_t i = 0; i < b->count; i++)
		pl->keys[i] = link_key(c->a, b->objects[i].kind, b->objects[i].name);
	for (size_t i = 0; i < b->count; i++) {
		struct link_filler f;
		struct item it = plan_object(c, b, pl, i, &f);
		if (!ids_fit(c, &it, &f))
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

static size_t changes(const struct plan *pl)
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

static void print_plan(struct push_ctx *c, const struct bundle *b, const struct plan *pl)
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

/* ---------- doing it ---------- */

struct tally {
	size_t created, updated, deleted;
};

/* Records a known id, and the body the object holds when it is known. */
static bool record_id(struct push_ctx *c, struct item *it, const char *id, const cJSON *sent)
{
	cJSON *e = entry_for(c, it->key);
	cJSON_DeleteItemFromObjectCaseSensitive(e, "pending");
	cJSON_DeleteItemFromObjectCaseSensitive(e, "hash");
	cJSON_DeleteItemFromObjectCaseSensitive(e, "body");
	set_string(e, "id", id);
	set_string(e, "remote_name", it->remote_name ? it->remote_name : "");
	it->recorded_name = it->remote_name;
	it->verified = true;         /* created, found by its name, or checked */
	set_string(e, "path", it->path);
	if (sent)
		cJSON_AddItemToObject(e, "body", cJSON_Duplicate(sent, 1));
	it->id = id;
	return state_save(c);
}

static bool record_pending(struct push_ctx *c, struct item *it)
{
	cJSON *e = entry_for(c, it->key);
	cJSON_DeleteItemFromObjectCaseSensitive(e, "id");
	cJSON_DeleteItemFromObjectCaseSensitive(e, "hash");
	cJSON_DeleteItemFromObjectCaseSensitive(e, "body");
	set_string(e, "remote_name", it->remote_name ? it->remote_name : "");
	set_string(e, "path", it->path);
	set_string(e, "pending", "create");
	return state_save(c);
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
		return failed(v, c);
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
	cJSON *body = filled_body(c, it->o, &f);
	if (!ids_fit(c, it, &f)) {
		cJSON_Delete(body);
		return PUSH_USAGE;
	}
	if (f.unknown && c->pv->unresolved)
		c->pv->unresolved(c, body, it->o->kind);   /* updated in the second pass */
	const char *text = body_text(c, body);
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
		return failed(v, c);
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
	cJSON *body = filled_body(c, it->o, &f);
	int st = update_sent(c, it, body, &f, second, t);
	cJSON_Delete(body);
	return st;
}

/* do_update with the object's new body (ids filled in, as far as known). */
static int update_sent(struct push_ctx *c, struct item *it, const cJSON *body,
		       const struct link_filler *f, bool second, struct tally *t)
{
	if (!ids_fit(c, it, f))
		return PUSH_USAGE;
	if (f->unknown && !second)
		return PUSH_CLEAN;        /* an id it needs comes later: the second pass */
	if (f->unknown) {
		fprintf(stderr, "ivrc: %s: %s: the id of %s is still unknown\n", c->target, it->key,
			f->first_unknown);
		return PUSH_REMOTE;
	}
	if (as_last_sent(c, state_entry(c, it->key), body) && !it->drifted)
		return PUSH_CLEAN;
	int st = verify_owned(c, it);
	if (st != PUSH_CLEAN)
		return st;
	if (c->curl && !push_pace(c, it->key))
		return stopped(c);
	const char *text = body_text(c, body);
	struct push_call k = { .method = "PUT", .path = id_path(c, it->path, it->id),
			       .body = text, .what = it->key };
	struct push_resp r;
	const char *adopted;
	enum push_verdict v = push_call(c, &k, &r, &adopted);
	push_resp_free(&r);
	if (v == PV_GONE)
		return recreate(c, it, t);
	if (v != PV_OK)
		return failed(v, c);
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
	struct push_call k = { .method = "DELETE", .path = id_path(c, it->path, it->id),
			       .what = it->key };
	struct push_resp r;
	const char *adopted;
	enum push_verdict v = push_call(c, &k, &r, &adopted);
	push_resp_free(&r);
	if (v != PV_OK && v != PV_GONE)
		return failed(v, c);
	cJSON_DeleteItemFromObjectCaseSensitive(c->objects, it->key);
	if (!state_save(c))
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
			return stopped(c);
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
			return stopped(c);
		st = do_update(c, &pl->v[i], true, t);
	}
	/* Deletes last, dependents (recorded later) first. */
	for (size_t i = pl->n; i-- > 0 && st == PUSH_CLEAN;) {
		if (pl->v[i].act != ACT_DELETE)
			continue;
		if (push_interrupted())
			return stopped(c);
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
		st = make_plan(c, b, &pl);
	if (st != PUSH_CLEAN)
		return st;
	print_plan(c, b, &pl);
	if (o->plan)
		return o->detailed_exitcode && changes(&pl) ? PUSH_PENDING : PUSH_CLEAN;
	if (!changes(&pl)) {
		printf("nothing to do\n");
		return PUSH_CLEAN;
	}
	if ((st = confirm(c, changes(&pl))) != PUSH_CLEAN)
		return st < 0 ? PUSH_CLEAN : st;
	if (!c->refresh && (st = authenticate(c)) != PUSH_CLEAN)
		return st;
	for (size_t i = 0; i < pl.n && st == PUSH_CLEAN; i++)
		if (pl.v[i].act == ACT_UPDATE || pl.v[i].act == ACT_DELETE)
			st = verify_owned(c, &pl.v[i]);
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
		st = state_load(&c);
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
