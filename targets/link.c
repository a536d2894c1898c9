/* The link step (see link.h): dependency order by iterative Tarjan SCCs and a
 * heap-driven topological sort of the components, placeholders filled from
 * the state file, and the rendering of a bundle as `ivrc build` prints it.
 * Temporary arrays live in the bundle's arena. */
#include "json_build.h"
#include "link.h"
#include "state.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../compiler/arena.h"

const char *link_key(struct arena *a, const char *kind, const char *name)
{
	return arena_concat(a, kind, ":", name, (const char *)NULL);
}

const char *link_placeholder(struct arena *a, const char *kind, const char *name)
{
	return arena_concat(a, "@{", kind, ":", name, "}", (const char *)NULL);
}

/* ---------- lookup by "kind:name" (sorted array, binary search) ---------- */

struct named {
	const char *key;
	size_t len;
	const char *id;       /* state: the remote id */
	size_t index;         /* bundle: the object */
};

static int named_cmp(const void *x, const void *y)
{
	const struct named *a = x, *b = y;
	int c = memcmp(a->key, b->key, a->len < b->len ? a->len : b->len);
	if (c)
		return c;
	return (a->len > b->len) - (a->len < b->len);
}

static void named_sort(struct named *v, size_t n)
{
	if (n)
		qsort(v, n, sizeof *v, named_cmp);
}

static const struct named *named_find(const struct named *v, size_t n, const char *key,
				      size_t len)
{
	struct named k = {.key = key, .len = len};
	return n ? bsearch(&k, v, n, sizeof *v, named_cmp) : NULL;
}

/* ---------- the dependency graph ---------- */

struct graph {
	size_t n;
	size_t *off, *to;     /* i depends on to[off[i] .. off[i+1]) */
	size_t *roff, *rto;   /* the objects that depend on i */
};

static size_t *alloc_sizes(struct arena *a, size_t n)
{
	return arena_alloc(a, (n ? n : 1) * sizeof(size_t));
}

static void graph_edges(struct arena *a, const struct bundle *b, struct graph *g)
{
	size_t n = b->count, ne = 0;
	struct named *names = arena_alloc(a, (n ? n : 1) * sizeof *names);
	for (size_t i = 0; i < n; i++) {
		const char *key = link_key(a, b->objects[i].kind, b->objects[i].name);
		names[i] = (struct named){key, strlen(key), NULL, i};
		ne += b->objects[i].ndeps;
	}
	named_sort(names, n);
	g->off = alloc_sizes(a, n + 1);
	g->to = alloc_sizes(a, ne);
	size_t e = 0;
	for (size_t i = 0; i < n; i++) {
		g->off[i] = e;
		for (size_t k = 0; k < b->objects[i].ndeps; k++) {
			const char *d = b->objects[i].deps[k];
			const struct named *f = named_find(names, n, d, strlen(d));
			if (f)
				g->to[e++] = f->index;
		}
	}
	g->off[n] = e;
}

/* The reverse edges, by counting sort. */
static void graph_reverse(struct arena *a, struct graph *g)
{
	size_t n = g->n, ne = g->off[n];
	g->roff = alloc_sizes(a, n + 1);
	g->rto = alloc_sizes(a, ne);
	for (size_t e = 0; e < ne; e++)
		g->roff[g->to[e] + 1]++;
	for (size_t i = 0; i < n; i++)
		g->roff[i + 1] += g->roff[i];
	size_t *fill = alloc_sizes(a, n);
	for (size_t i = 0; i < n; i++)
		for (size_t e = g->off[i]; e < g->off[i + 1]; e++) {
			size_t j = g->to[e];
			g->rto[g->roff[j] + fill[j]++] = i;
		}
}

static void graph_build(struct arena *a, const struct bundle *b, struct graph *g)
{
	g->n = b->count;
	graph_edges(a, b, g);
	graph_reverse(a, g);
}

/* ---------- strongly connected components (Tarjan, explicit stack) ---------- */

struct tarjan {
	size_t *num, *low;    /* num 0: not visited yet */
	size_t *stack, sp;
	bool *on;
	size_t *comp, ncomp;
	size_t counter;
	struct frame { size_t v, e; } *calls;
	size_t ncalls;
};

static void tarjan_enter(struct tarjan *t, const struct graph *g, size_t v)
{
	t->num[v] = t->low[v] = ++t->counter;
	t->stack[t->sp++] = v;
	t->on[v] = true;
	t->calls[t->ncalls++] = (struct frame){v, g->off[v]};
}

/* v is finished: if it is a component's root, pop the component. */
static void tarjan_leave(struct tarjan *t, size_t v)
{
	if (t->ncalls) {
		size_t u = t->calls[t->ncalls - 1].v;
		if (t->low[v] < t->low[u])
			t->low[u] = t->low[v];
	}
	if (t->low[v] != t->num[v])
		return;
	size_t w;
	do {
		w = t->stack[--t->sp];
		t->on[w] = false;
		t->comp[w] = t->ncomp;
	} while (w != v);
	t->ncomp++;
}

static void tarjan_from(struct tarjan *t, const struct graph *g, size_t root)
{
	tarjan_enter(t, g, root);
	while (t->ncalls) {
		struct frame *f = &t->calls[t->ncalls - 1];
		size_t v = f->v;
		if (f->e == g->off[v + 1]) {
			t->ncalls--;
			tarjan_leave(t, v);
			continue;
		}
		size_t w = g->to[f->e++];
		if (!t->num[w])
			tarjan_enter(t, g, w);
		else if (t->on[w] && t->num[w] < t->low[v])
			t->low[v] = t->num[w];
	}
}

/* comp[i] for every object; returns the number of components. */
static size_t tarjan_run(struct arena *a, const struct graph *g, size_t *comp)
{
	struct tarjan t = {0};
	t.num = alloc_sizes(a, g->n);
	t.low = alloc_sizes(a, g->n);
	t.stack = alloc_sizes(a, g->n);
	t.on = arena_alloc(a, g->n + 1);
	t.calls = arena_alloc(a, (g->n + 1) * sizeof *t.calls);
	t.comp = comp;
	for (size_t v = 0; v < g->n; v++)
		if (!t.num[v])
			tarjan_from(&t, g, v);
	return t.ncomp;
}

/* ---------- a min-heap of source ranks ---------- */

struct heap {
	size_t *v, n;
};

static void heap_push(struct heap *h, size_t x)
{
	size_t i = h->n++;
	while (i && h->v[(i - 1) / 2] > x) {
		h->v[i] = h->v[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h->v[i] = x;
}

static size_t heap_pop(struct heap *h)
{
	size_t top = h->v[0], x = h->v[--h->n], i = 0;
	if (!h->n)
		return top;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= h->n)
			break;
		if (c + 1 < h->n && h->v[c + 1] < h->v[c])
			c++;
		if (x <= h->v[c])
			break;
		h->v[i] = h->v[c];
		i = c;
	}
	h->v[i] = x;
	return top;
}

/* ---------- dependency order ---------- */

struct pos {
	uint32_t offset;
	size_t index;
};

static int pos_cmp(const void *x, const void *y)
{
	const struct pos *a = x, *b = y;
	if (a->offset != b->offset)
		return a->offset < b->offset ? -1 : 1;
	return (a->index > b->index) - (a->index < b->index);
}

/* The components, each as a run of members in source order; first[c] is
 * the source rank of component c's first member. */
struct comps {
	size_t n;
	size_t *comp;             /* object -> component */
	size_t *start, *members;  /* members[start[c] .. start[c+1]) */
	size_t *first;            /* component -> rank of its first member */
	size_t *by_rank;          /* rank -> object */
};

static void comps_group(struct arena *a, const struct bundle *b, struct comps *c)
{
	size_t n = b->count;
	struct pos *p = arena_alloc(a, (n ? n : 1) * sizeof *p);
	for (size_t i = 0; i < n; i++)
		p[i] = (struct pos){b->objects[i].span.offset, i};
	if (n)
		qsort(p, n, sizeof *p, pos_cmp);
	c->by_rank = alloc_sizes(a, n);
	c->start = alloc_sizes(a, c->n + 1);
	c->members = alloc_sizes(a, n);
	c->first = alloc_sizes(a, c->n);
	for (size_t r = 0; r < n; r++) {
		c->by_rank[r] = p[r].index;
		c->start[c->comp[p[r].index] + 1]++;
	}
	for (size_t k = 0; k < c->n; k++)
		c->start[k + 1] += c->start[k];
	size_t *fill = alloc_sizes(a, c->n);
	for (size_t r = n; r-- > 0;)
		c->first[c->comp[p[r].index]] = r;
	for (size_t r = 0; r < n; r++) {
		size_t k = c->comp[p[r].index];
		c->members[c->start[k] + fill[k]++] = p[r].index;
	}
}

/* Whether the target documents no update for objects of o's kind: inside a
 * cycle such an object must be created after what it points to, since it
 * cannot be given the ids later. */
static bool create_only(const struct bundle *b, const struct bundle_object *o)
{
	for (const char *const *k = b->target->create_only_kinds; k && *k; k++)
		if (strcmp(*k, o->kind) == 0)
			return true;
	return false;
}

/* The members of component q into out, in source order, except that a
 * create-only member waits until every member it points to is placed: the
 * cycle is broken at objects that can be updated. When no order can do
 * that (a cycle of create-only objects, which the target's check refuses),
 * the rest follows in source order. Returns how many were written. */
static size_t comp_order(struct arena *a, const struct bundle *b, const struct graph *g,
			 const struct comps *c, size_t q, size_t *rank, size_t *out)
{
	size_t s = c->start[q], e = c->start[q + 1], k = 0;
	bool any = false;
	for (size_t m = s; m < e && !any; m++)
		any = create_only(b, &b->objects[c->members[m]]);
	if (!any || e - s < 2) {
		for (size_t m = s; m < e; m++)
			out[k++] = c->members[m];
		return k;
	}
	/* rank[j]: j's place among the members (room for every object, shared
	 * by the components); waiting[r]: unplaced members the create-only
	 * member of rank r points to (0 for the others). */
	size_t n = e - s, *waiting = alloc_sizes(a, n);
	bool *placed = arena_alloc(a, n * sizeof *placed), *late = arena_alloc(a, n * sizeof *late);
	for (size_t r = 0; r < n; r++)
		rank[c->members[s + r]] = r;
	for (size_t r = 0; r < n; r++) {
		size_t j = c->members[s + r];
		late[r] = create_only(b, &b->objects[j]);
		for (size_t x = g->off[j]; late[r] && x < g->off[j + 1]; x++)
			waiting[r] += c->comp[g->to[x]] == q && g->to[x] != j;
	}
	struct heap ready = {alloc_sizes(a, n), 0};
	for (size_t r = 0; r < n; r++)
		if (late[r] && !waiting[r])
			heap_push(&ready, r);
	size_t next = 0;            /* the next member in source order not yet placed */
	while (k < n) {
		size_t r;
		if (ready.n) {
			r = heap_pop(&ready);
		} else {
			/* The first updatable member not placed; failing that (only
			 * create-only members are left, waiting on each other), the
			 * first member not placed. */
			for (r = next; r < n && (placed[r] || late[r]); r++)
				;
			if (r == n)
				r = next;
		}
		placed[r] = true;
		size_t j = c->members[s + r];
		out[k++] = j;
		for (size_t x = g->roff[j]; x < g->roff[j + 1]; x++) {
			size_t d = g->rto[x];
			if (c->comp[d] != q || d == j || placed[rank[d]] || !late[rank[d]])
				continue;
			if (--waiting[rank[d]] == 0)
				heap_push(&ready, rank[d]);
		}
		while (next < n && placed[next])
			next++;
	}
	return k;
}

/* Kahn's algorithm over the components, smallest source rank first. */
static void comps_sort(struct arena *a, const struct bundle *b, const struct graph *g,
		       const struct comps *c, size_t *out)
{
	size_t *indeg = alloc_sizes(a, c->n), k = 0, *rank = alloc_sizes(a, b->count);
	struct heap h = {alloc_sizes(a, c->n), 0};
	for (size_t i = 0; i < g->n; i++)
		for (size_t e = g->off[i]; e < g->off[i + 1]; e++)
			indeg[c->comp[i]] += c->comp[g->to[e]] != c->comp[i];
	for (size_t q = 0; q < c->n; q++)
		if (!indeg[q])
			heap_push(&h, c->first[q]);
	while (h.n) {
		size_t q = c->comp[c->by_rank[heap_pop(&h)]];
		size_t from = k;
		k += comp_order(a, b, g, c, q, rank, out + k);
		for (size_t m = from; m < k; m++) {
			size_t j = out[m];
			for (size_t e = g->roff[j]; e < g->roff[j + 1]; e++) {
				size_t d = c->comp[g->rto[e]];
				if (d != q && --indeg[d] == 0)
					heap_push(&h, c->first[d]);
			}
		}
	}
}

void link_order(struct bundle *b)
{
	struct arena *a = b->arena;
	size_t n = b->count;
	if (n < 2)
		return;
	struct graph g;
	struct comps c;
	graph_build(a, b, &g);
	c.comp = alloc_sizes(a, n);
	c.n = tarjan_run(a, &g, c.comp);
	comps_group(a, b, &c);
	size_t *out = alloc_sizes(a, n);
	comps_sort(a, b, &g, &c, out);
	struct bundle_object *sorted = arena_alloc(a, n * sizeof *sorted);
	for (size_t i = 0; i < n; i++)
		sorted[i] = b->objects[out[i]];
	memcpy(b->objects, sorted, n * sizeof *sorted);
}

/* ---------- filling placeholders from the state file ---------- */

struct ids {
	struct named *v;
	size_t n;
};

static const char *state_id(struct arena *a, const cJSON *entry)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(entry, "id");
	if (cJSON_IsString(id) && id->valuestring[0])
		return id->valuestring;
	if (cJSON_IsNumber(id))
		return arena_printf(a, "%.0f", id->valuedouble);
	return NULL;
}

/* The ids of project's section of the state for target, as a sorted
 * table; the reason when state is not a state file of this project. */
static const char *state_ids(struct arena *a, cJSON *state, const char *project,
			     const char *env, const char *target, struct ids *out)
{
	const char *why;
	const cJSON *objs = state_objects(state, a, project, env, target, false, &why), *e;
	if (why)
		return why;
	size_t cap = (size_t)cJSON_GetArraySize(objs);
	out->v = arena_alloc(a, (cap ? cap : 1) * sizeof *out->v);
	out->n = 0;
	cJSON_ArrayForEach(e, objs) {
		const char *id = state_id(a, e);
		if (id && e->string)
			out->v[out->n++] = (struct named){e->string, strlen(e->string), id, 0};
	}
	named_sort(out->v, out->n);
	return NULL;
}

static size_t put(char *out, size_t at, const char *p, size_t n)
{
	if (out)
		memcpy(out + at, p, n);
	return n;
}

/* Writes s with the placeholders f knows replaced into out (NULL: only
 * measures); the writing pass counts those it does not know. */
static size_t fill_text(struct link_filler *f, const char *s, char *out)
{
	size_t len = 0;
	for (;;) {
		const char *open = strstr(s, "@{");
		const char *close = open ? strchr(open + 2, '}') : NULL;
		if (!close)
			return len + put(out, len, s, strlen(s));
		size_t klen = (size_t)(close - open - 2);
		const char *id = f->find(f->ud, open + 2, klen);
		len += put(out, len, s, (size_t)(open - s));
		if (id) {
			len += put(out, len, id, strlen(id));
		} else {
			len += put(out, len, open, klen + 3);
			if (out) {
				f->unknown++;
				f->first_unknown = arena_strndup(f->a, open + 2, klen);
			}
		}
		s = close + 1;
	}
}

/* The id a string stands for when it is exactly one placeholder:
 * "@{vr:main}" -> "1234". NULL otherwise. */
static const char *whole_id(struct link_filler *f, const char *s)
{
	size_t n = strlen(s);
	if (n < 4 || strncmp(s, "@{", 2) != 0 || s[n - 1] != '}' || memchr(s + 2, '}', n - 3))
		return NULL;
	return f->find(f->ud, s + 2, n - 3);
}

cJSON *link_fill_string(struct link_filler *f, cJSON *parent, cJSON *node)
{
	if (!cJSON_IsString(node) || !node->valuestring || !strstr(node->valuestring, "@{"))
		return node;
	const char *id = f->numeric && parent ? whole_id(f, node->valuestring) : NULL;
	if (id && bundle_numeric_id(id)) {
		cJSON *num = cJSON_CreateNumber(strtod(id, NULL));
		if (json_replace(parent, node, num))
			return num;
	} else if (id && !f->not_numeric && strncmp(id, "@{", 2) != 0) {
		/* (A dry run's stand-in id is the placeholder itself.) */
		size_t n = strlen(node->valuestring);
		f->not_numeric = arena_strndup(f->a, node->valuestring + 2, n - 3);
	}
	size_t n = fill_text(f, node->valuestring, NULL);
	char *text = arena_alloc(f->a, n + 1);
	fill_text(f, node->valuestring, text);
	cJSON_SetValuestring(node, text);
	return node;
}

const char *link_not_numeric_message(struct arena *a, const struct link_filler *f,
				     const struct target *t, const char *kind)
{
	const char *id = f->find(f->ud, f->not_numeric, strlen(f->not_numeric));
	return arena_printf(a, "the id '%s' of %s is no plain number, and %s %s bodies take "
			    "ids as numbers (as a number it would change)",
			    id ? id : "?", f->not_numeric, t->caps.name, kind);
}

static const char *state_find(void *ud, const char *key, size_t len)
{
	const struct ids *ids = ud;
	const struct named *f = named_find(ids->v, ids->n, key, len);
	return f ? f->id : NULL;
}

/* Every string in the tree, with an explicit stack of (parent, node). */
static void fill_body(struct link_filler *f, cJSON *body)
{
	struct arena *a = f->a;
	struct at { cJSON *parent, *node; } *stack = NULL;
	size_t n = 0, cap = 0;
	if (body)
		ARENA_PUSH(a, stack, n, cap, ((struct at){ NULL, body }));
	while (n) {
		struct at it = stack[--n];
		/* Children first: filling may replace the node. */
		for (cJSON *c = it.node->child; c; c = c->next)
			ARENA_PUSH(a, stack, n, cap, ((struct at){ it.node, c }));
		link_fill_string(f, it.parent, it.node);
	}
}

struct link_ids {
	struct ids ids;
};

struct link_ids *link_ids_read(struct bundle *b, cJSON *state, const char **why)
{
	struct link_ids *ids = arena_alloc(b->arena, sizeof *ids);
	*why = state_ids(b->arena, state, b->project, b->env, b->target->caps.name, &ids->ids);
	return *why ? NULL : ids;
}

const char *link_fill_object(struct bundle *b, const struct link_ids *ids,
			     struct bundle_object *o, bool head)
{
	if (head) {
		const char *key = link_key(b->arena, o->kind, o->name);
		const struct named *own = named_find(ids->ids.v, ids->ids.n, key, strlen(key));
		if (own) {
			o->method = "PUT";
			o->path = arena_concat(b->arena, o->path, "/", own->id, (const char *)NULL);
		}
	}
	struct link_filler f = { b->arena, state_find, (void *)&ids->ids,
				 target_numeric_refs(b->target, o->kind), 0, NULL, NULL };
	fill_body(&f, o->body);
	return f.not_numeric ? link_not_numeric_message(b->arena, &f, b->target, o->kind) : NULL;
}

const char *link_fill(struct bundle *b, cJSON *state)
{
	const char *why;
	const struct link_ids *ids = link_ids_read(b, state, &why);
	for (size_t i = 0; ids && i < b->count && !why; i++)
		why = link_fill_object(b, ids, &b->objects[i], true);
	return why;
}

/* ---------- rendering ---------- */

static int str_cmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static cJSON *render_deps(struct arena *a, const struct bundle_object *o)
{
	cJSON *arr = cJSON_CreateArray();
	const char **d = arena_alloc(a, (o->ndeps ? o->ndeps : 1) * sizeof *d);
	if (o->ndeps)
		memcpy(d, o->deps, o->ndeps * sizeof *d);
	if (o->ndeps)
		qsort(d, o->ndeps, sizeof *d, str_cmp);
	for (size_t i = 0; i < o->ndeps; i++)
		if (i == 0 || strcmp(d[i], d[i - 1]) != 0)
			cJSON_AddItemToArray(arr, cJSON_CreateString(d[i]));
	return arr;
}

static const char *str_or_empty(const char *s)
{
	return s ? s : "";
}

static cJSON *render_object(struct arena *a, const struct bundle_object *o)
{
	cJSON *j = cJSON_CreateObject();
	json_add_string(j, "kind", str_or_empty(o->kind));
	json_add_string(j, "name", str_or_empty(o->name));
	json_add_string(j, "remote_name", str_or_empty(o->remote_name));
	json_add_string(j, "method", str_or_empty(o->method));
	json_add_string(j, "path", str_or_empty(o->path));
	json_add(j, "depends_on", render_deps(a, o));
	/* A reference, not a copy: the bundle outlives the rendering. */
	json_add(j, "body", o->body ? cJSON_CreateObjectReference(o->body->child)
				    : cJSON_CreateObject());
	return j;
}

cJSON *link_render(const struct bundle *b)
{
	cJSON *root = cJSON_CreateObject();
	json_add_string(root, "target", b->target->caps.name);
	json_add_string(root, "project", str_or_empty(b->project));
	cJSON *objs = json_add_array(root, "objects");
	for (size_t i = 0; i < b->count; i++)
		cJSON_AddItemToArray(objs, render_object(b->arena, &b->objects[i]));
	if (b->calendars)
		json_add(root, "calendars", cJSON_CreateArrayReference(b->calendars->child));
	return root;
}

/* An integer below 1e15 prints as its digits under cJSON's "%1.15g": the
 * same text, written without the floating-point formatting and the
 * read-back that cJSON does for every number. */
static void integers_as_text(cJSON *item)
{
	for (; item; item = item->next) {
		if (item->child)
			integers_as_text(item->child);
		if (!cJSON_IsNumber(item) || (item->type & cJSON_IsReference))
			continue;
		double d = item->valuedouble;
		if (d != (double)(long long)d || d <= -1e15 || d >= 1e15 || (d == 0 && signbit(d)))
			continue;
		char digits[24];
		snprintf(digits, sizeof digits, "%lld", (long long)d);
		char *text = malloc(strlen(digits) + 1);
		if (!text)
			continue;      /* printed as a number, as before */
		strcpy(text, digits);
		item->type = (item->type & ~0xFF) | cJSON_Raw;
		item->valuestring = text;
	}
}

/* Prints one value formatted into *buf (grown as needed); its text or NULL. */
static const char *print_into(const cJSON *j, char **buf, size_t *cap)
{
	for (;;) {
		if (*buf && cJSON_PrintPreallocated((cJSON *)j, *buf, (int)*cap, 1))
			return *buf;
		size_t want = *cap ? *cap * 2 : 64 * 1024;
		char *grown = want <= INT32_MAX ? realloc(*buf, want) : NULL;
		if (!grown)
			return NULL;
		*buf = grown;
		*cap = want;
	}
}

/* text, each line after the first indented two more tabs (an object of
 * "objects" printed alone, as it sits in the whole bundle), into *buf
 * (grown as needed); its length, or 0 when out of memory. */
static size_t nest(const char *text, char **buf, size_t *cap)
{
	size_t len = strlen(text), lines = 0;
	for (const char *p = text; (p = memchr(p, '\n', len - (size_t)(p - text))) != NULL; p++)
		lines++;
	size_t need = len + 2 * lines + 1;
	if (need > *cap) {
		char *grown = realloc(*buf, need);
		if (!grown)
			return 0;
		*buf = grown;
		*cap = need;
	}
	char *o = *buf;
	for (const char *p = text, *nl; ; p = nl + 1) {
		nl = memchr(p, '\n', len - (size_t)(p - text));
		size_t n = nl ? (size_t)(nl + 1 - p) : len - (size_t)(p - text);
		memcpy(o, p, n);
		o += n;
		if (!nl)
			break;
		*o++ = '\t';
		*o++ = '\t';
	}
	return (size_t)(o - *buf);
}

bool link_print(struct bundle *b, FILE *out, bool (*make)(void *ctx, struct bundle_object *o),
		void *ctx)
{
	/* The bundle with "objects" empty, printed by cJSON: what comes before
	 * its "[]" and after it (the calendars). */
	cJSON *head = cJSON_CreateObject();
	json_add_string(head, "target", b->target->caps.name);
	json_add_string(head, "project", str_or_empty(b->project));
	json_add_array(head, "objects");
	if (b->calendars)
		json_add(head, "calendars", cJSON_CreateArrayReference(b->calendars->child));
	char *h = cJSON_Print(head);
	cJSON_Delete(head);
	/* A quote or a tab inside the target's or project's name is printed
	 * escaped: the first match is the member. */
	const char *objects = h ? strstr(h, "\"objects\":\t[]") : NULL;
	if (objects)
		objects += strlen("\"objects\":\t");
	if (!objects) {
		cJSON_free(h);
		return false;
	}
	fwrite(h, 1, (size_t)(objects - h), out);
	fputc('[', out);
	char *buf = NULL, *nested = NULL;
	size_t cap = 0, nested_cap = 0;
	bool ok = true;
	for (size_t i = 0; i < b->count && ok; i++) {
		struct bundle_object *o = &b->objects[i];
		bool made = !o->body && make;
		if (made && !make(ctx, o)) {
			ok = false;
			break;
		}
		if (o->body)
			integers_as_text(o->body->child);
		cJSON *j = render_object(b->arena, o);
		const char *text = print_into(j, &buf, &cap);
		cJSON_Delete(j);
		if (made) {
			cJSON_Delete(o->body);
			o->body = NULL;
		}
		if (!text) {
			ok = false;
			break;
		}
		size_t n = nest(text, &nested, &nested_cap);
		if (!n) {
			ok = false;
			break;
		}
		if (i)
			fputs(", ", out);
		fwrite(nested, 1, n, out);
	}
	free(buf);
	free(nested);
	fputs(objects + 1, out);
	fputc('\n', out);
	cJSON_free(h);
	return ok && !ferror(out);
}
