/* Field-by-field comparison of JSON documents (json_diff.h). Recursive:
 * cJSON parses at most CJSON_NESTING_LIMIT (1000) levels, and the bodies
 * ivrc builds nest far less (IVR431 bounds Infobip's). */
#include "json_diff.h"

#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../compiler/arena.h"

/* A path as a chain of steps up to the root: a key, or an index. */
struct step {
	const struct step *up;
	const char *key;
	size_t index;
};

struct walk {
	struct arena *a;
	int flags;
	bool collect;            /* false: stop at the first difference */
	struct json_change *v;
	size_t n, cap;
};

static bool plain_key(const char *k)
{
	if (!*k || (*k >= '0' && *k <= '9'))
		return false;
	return strspn(k, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") ==
	       strlen(k);
}

static const char *quoted(struct arena *a, const char *s)
{
	cJSON *j = cJSON_CreateString(s);
	char *t = j ? cJSON_PrintUnformatted(j) : NULL;
	const char *out = arena_strdup(a, t ? t : "\"\"");
	cJSON_free(t);
	cJSON_Delete(j);
	return out;
}

static const char *path_text(struct arena *a, const struct step *s)
{
	if (!s)
		return "(the whole body)";
	const char *up = s->up ? path_text(a, s->up) : "";
	if (!s->key)
		return arena_printf(a, "%s[%zu]", up, s->index);
	if (plain_key(s->key))
		return arena_printf(a, "%s%s%s", up, *up ? "." : "", s->key);
	return arena_printf(a, "%s[%s]", up, quoted(a, s->key));
}

static const char *text_of(struct arena *a, const cJSON *v)
{
	if (!v)
		return NULL;
	char *t = cJSON_PrintUnformatted(v);
	const char *out = arena_strdup(a, t ? t : "null");
	cJSON_free(t);
	return out;
}

/* Equal, or as close as a re-parsed number gets (cJSON's own rule). */
static bool numbers_same(double x, double y)
{
	double ax = x < 0 ? -x : x, ay = y < 0 ? -y : y, d = x - y;
	return x == y || (d < 0 ? -d : d) <= DBL_EPSILON * (ax > ay ? ax : ay);
}

static const char *scalar_text(char *buf, size_t n, const cJSON *v)
{
	if (cJSON_IsString(v))
		return v->valuestring;
	snprintf(buf, n, "%.15g", v->valuedouble);
	return buf;
}

/* A number, or a raw number (a body sends one with more digits than a
 * double holds as written; read back, it is a double). */
static bool number_of(const cJSON *v, double *out)
{
	if (cJSON_IsNumber(v)) {
		*out = v->valuedouble;
		return true;
	}
	if (!cJSON_IsRaw(v) || !v->valuestring)
		return false;
	char *end;
	*out = strtod(v->valuestring, &end);
	return end != v->valuestring && *end == '\0';
}

static bool scalars_same(const cJSON *x, const cJSON *y, int flags)
{
	double a, b;
	if (number_of(x, &a) && number_of(y, &b))
		return numbers_same(a, b);
	if (cJSON_IsString(x) && cJSON_IsString(y))
		return strcmp(x->valuestring, y->valuestring) == 0;
	if ((flags & JSON_DIFF_LOOSE) && (cJSON_IsNumber(x) || cJSON_IsString(x)) &&
	    (cJSON_IsNumber(y) || cJSON_IsString(y))) {
		char a[64], b[64];
		return strcmp(scalar_text(a, sizeof a, x), scalar_text(b, sizeof b, y)) == 0;
	}
	return (x->type & 0xff) == (y->type & 0xff);     /* true, false, null */
}

/* Records one difference; false to stop (json_same needs only one). */
static bool differ(struct walk *w, const struct step *at, const cJSON *x, const cJSON *y)
{
	if (!w->collect)
		return false;
	struct json_change c = { path_text(w->a, at), text_of(w->a, x), text_of(w->a, y) };
	ARENA_PUSH(w->a, w->v, w->n, w->cap, c);
	return true;
}

static bool walk(struct walk *w, const struct step *at, const cJSON *x, const cJSON *y);

static bool walk_object(struct walk *w, const struct step *at, const cJSON *x, const cJSON *y)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, x) {
		const struct step s = { at, e->string, 0 };
		const cJSON *other = cJSON_GetObjectItemCaseSensitive(y, e->string);
		if (!other ? !differ(w, &s, e, NULL) : !walk(w, &s, e, other))
			return false;
	}
	if (w->flags & JSON_DIFF_BEFORE_KEYS)
		return true;
	cJSON_ArrayForEach(e, y) {
		const struct step s = { at, e->string, 0 };
		if (!cJSON_GetObjectItemCaseSensitive(x, e->string) && !differ(w, &s, NULL, e))
			return false;
	}
	return true;
}

static bool walk_array(struct walk *w, const struct step *at, const cJSON *x, const cJSON *y)
{
	const cJSON *p = x->child, *q = y->child;
	for (size_t i = 0; p || q; i++) {
		const struct step s = { at, NULL, i };
		if (p && q ? !walk(w, &s, p, q) : !differ(w, &s, p, q))
			return false;
		p = p ? p->next : NULL;
		q = q ? q->next : NULL;
	}
	return true;
}

static bool walk(struct walk *w, const struct step *at, const cJSON *x, const cJSON *y)
{
	if (cJSON_IsObject(x) && cJSON_IsObject(y))
		return walk_object(w, at, x, y);
	if (cJSON_IsArray(x) && cJSON_IsArray(y))
		return walk_array(w, at, x, y);
	bool containers = cJSON_IsObject(x) || cJSON_IsArray(x) || cJSON_IsObject(y) ||
			  cJSON_IsArray(y);
	if (!containers && scalars_same(x, y, w->flags))
		return true;
	return differ(w, at, x, y);
}

size_t json_diff(struct arena *a, const cJSON *before, const cJSON *after, int flags,
		 struct json_change **out)
{
	struct walk w = { a, flags, true, NULL, 0, 0 };
	walk(&w, NULL, before, after);
	*out = w.v;
	return w.n;
}

bool json_same(const cJSON *a, const cJSON *b, int flags)
{
	struct walk w = { NULL, flags, false, NULL, 0, 0 };
	return walk(&w, NULL, a, b);
}

const char *json_shortened(struct arena *a, const char *text, size_t max)
{
	if (!text)
		return "(none)";
	size_t n = strlen(text);
	if (n <= max)
		return text;
	size_t head = max / 2, tail = max - head;
	while (head > 0 && ((unsigned char)text[head] & 0xc0) == 0x80)
		head--;                          /* not inside a UTF-8 character */
	size_t from = n - tail;
	while (from < n && ((unsigned char)text[from] & 0xc0) == 0x80)
		from++;
	return arena_printf(a, "%.*s...%s", (int)head, text, text + from);
}
