/* push's state file (the layout is state.h's): read and written whole,
 * atomically; its entries; and the bodies compared with them (ids filled
 * in from it). An entry:
 *   "ivr:main": {"id": "123", "remote_name": "acme-main", "path": "/v1/ivr",
 *                "body": {...}}
 * `body` is the body last sent (ids filled in): an object whose new body is
 * the same (json_same: key order and number formatting do not count) costs
 * no request, and plan shows the fields that changed. Earlier states hold
 * `hash` (FNV-1a of the body's text) instead, still read. `path` is the
 * collection, for deleting an object the file no longer declares; an entry
 * with `"pending": "create"` and no id is a create that was sent but whose
 * answer never came: the next push looks the object up by its remote name
 * first. */
#include "push_impl.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/outfile.h"
#include "../compiler/source.h"
#include "json_diff.h"
#include "link.h"
#include "state.h"

static char *read_file(const char *path, size_t *len, int *err)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	*len = 0;
	if (!f) {
		*err = errno;
		return NULL;
	}
	for (size_t cap = 0; *len <= SOURCE_LIMIT;) {
		if (*len == cap) {
			cap = !cap ? 4096 : cap * 2 > SOURCE_LIMIT + 1 ? SOURCE_LIMIT + 1 : cap * 2;
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
	*err = ferror(f) ? EIO : *len > SOURCE_LIMIT ? EFBIG : 0;
	fclose(f);
	if (text)
		text[*len] = '\0';
	return text;
}

int push_state_load(struct push_ctx *c)
{
	size_t len;
	int err;
	char *text = read_file(c->state_path, &len, &err);
	if (!text && err == ENOENT) {
		c->state = state_new();
	} else if (!text || err) {
		fprintf(stderr, "ivrc: %s: cannot read the state file: %s\n", c->state_path,
			err == EFBIG ? SOURCE_LIMIT_TEXT : strerror(err ? err : ENOMEM));
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
	c->objects = state_objects(c->state, c->a, c->p->name, c->p->env, c->target, true, &why);
	if (!c->objects) {
		fprintf(stderr, "ivrc: %s: %s\n", c->state_path, why);
		return PUSH_USAGE;
	}
	return PUSH_CLEAN;
}

/* Writes the state file atomically; a plan or a dry run writes nothing. */
bool push_state_save(struct push_ctx *c)
{
	if (c->o->plan || c->o->dry_run)
		return true;
	char *text = cJSON_Print(c->state);
	int err = ENOMEM;
	if (text) {
		const char *t = arena_printf(c->a, "%s\n", text);
		err = outfile_write_atomic(c->state_path, t, strlen(t), 0600);
		cJSON_free(text);
	}
	if (!err)
		return true;
	fprintf(stderr, "ivrc: %s: cannot write the state file: %s\n", c->state_path,
		outfile_error(err));
	fprintf(stderr, "ivrc: the ids known so far:\n");
	const cJSON *e;
	cJSON_ArrayForEach(e, c->objects) {
		const char *id = push_id_text(c->a, e, "id");
		if (id)
			fprintf(stderr, "  %s %s\n", e->string, id);
	}
	return false;
}

cJSON *push_state_entry(const struct push_ctx *c, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(c->objects, key);
}

void push_entry_set(cJSON *obj, const char *key, const char *value)
{
	cJSON *s = cJSON_CreateString(value);
	if (cJSON_GetObjectItemCaseSensitive(obj, key))
		cJSON_ReplaceItemInObjectCaseSensitive(obj, key, s);
	else
		cJSON_AddItemToObject(obj, key, s);
}

cJSON *push_entry_for(struct push_ctx *c, const char *key)
{
	cJSON *e = push_state_entry(c, key);
	if (!cJSON_IsObject(e)) {
		cJSON_DeleteItemFromObjectCaseSensitive(c->objects, key);
		e = cJSON_AddObjectToObject(c->objects, key);
	}
	return e;
}

/* The id the state holds for "kind:name" (link_filler's find). */
static const char *known_id(void *ud, const char *key, size_t len)
{
	struct push_ctx *c = ud;
	const char *k = arena_strndup(c->a, key, len);
	return push_id_text(c->a, push_state_entry(c, k), "id");
}

static cJSON *fill_node(void *ud, cJSON *parent, cJSON *node)
{
	return link_fill_string(ud, parent, node);
}

/* A copy of o's body with every id the state knows filled in. */
cJSON *push_filled_body(struct push_ctx *c, const struct bundle_object *o,
			  struct link_filler *f)
{
	*f = (struct link_filler){ c->a, known_id, c, target_numeric_refs(c->t, o->kind),
				   0, NULL, NULL };
	cJSON *body = o->body ? cJSON_Duplicate(o->body, 1) : cJSON_CreateObject();
	push_walk(body, fill_node, f);
	return body;
}

const char *push_body_text(struct push_ctx *c, const cJSON *body)
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

const char *push_entry_string(struct push_ctx *c, const cJSON *e, const char *key)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(e, key);
	return cJSON_IsString(s) ? arena_strdup(c->a, s->valuestring) : NULL;
}

/* The body last sent, as the state recorded it; NULL when it did not. */
const cJSON *push_last_body(const cJSON *entry)
{
	const cJSON *b = cJSON_GetObjectItemCaseSensitive(entry, "body");
	return cJSON_IsObject(b) || cJSON_IsArray(b) ? b : NULL;
}

/* Whether body is what the state recorded as last sent: the body itself,
 * or (an earlier state) its hash. */
bool push_as_last_sent(struct push_ctx *c, const cJSON *entry, const cJSON *body)
{
	const cJSON *base = push_last_body(entry);
	if (base)
		return json_same(base, body, 0);
	const char *had = push_entry_string(c, entry, "hash");
	return had && strcmp(had, text_hash(c, push_body_text(c, body))) == 0;
}
