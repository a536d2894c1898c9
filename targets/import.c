/* `ivrc import`, the part every provider shares (see import.h): files and
 * positions, the input shapes, names, and the document tree. */
#include "import.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../compiler/arena.h"
#include "../compiler/codes.h"
#include "../compiler/doc_build.h"
#include "../compiler/source.h"
#include "target.h"

struct imp_pos {
	const cJSON *node;
	struct span span;
};

void import_init(struct importer *im, struct arena *a, struct diag *d, const struct target *t,
		 const struct expr_parsers *parse)
{
	memset(im, 0, sizeof *im);
	im->a = a;
	im->d = d;
	im->target = t;
	im->parse = parse;
	im->settings = import_map(im);
	im->recordings = import_map(im);
	im->sections = import_map(im);
}

void import_free(struct importer *im)
{
	for (size_t i = 0; i < im->ntrees; i++)
		cJSON_Delete(im->trees[i]);
	im->ntrees = 0;
}

/* ---------- positions: cJSON keeps none, so walk the text beside the tree ---------- */

static size_t skip_ws(const char *s, size_t i, size_t n)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	return i;
}

static size_t skip_string(const char *s, size_t i, size_t n)
{
	for (i++; i < n && s[i] != '"'; i++)
		if (s[i] == '\\')
			i++;
	return i < n ? i + 1 : n;
}

static void add_pos(struct importer *im, const cJSON *node, const struct source *src,
		    size_t at, size_t len)
{
	struct imp_pos p = { node, span_make(src, at, len ? len : 1) };
	ARENA_PUSH(im->a, im->pos, im->npos, im->cappos, p);
}

/* A key of the object being walked, and where it is written. */
struct json_key {
	const char *name;
	size_t at, len;
};

static int key_cmp(const void *a, const void *b)
{
	const struct json_key *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->at > y->at) - (x->at < y->at);
}

/* A key written twice in one object is valid JSON, but which value counts
 * is up to the parser (cJSON and ivrc's import read the first, many read the
 * last): import refuses to guess. Sorting keeps a big object O(n log n). */
static void check_keys(struct importer *im, const struct source *src, struct json_key *keys,
		       size_t n)
{
	if (n < 2)
		return;
	qsort(keys, n, sizeof *keys, key_cmp);
	for (size_t k = 1; k < n; k++) {
		if (strcmp(keys[k - 1].name, keys[k].name) != 0)
			continue;
		struct linecol lc = source_linecol(src, (uint32_t)keys[k - 1].at);
		diag_error(im->d, IVR_IMPORT_JSON, span_make(src, keys[k].at, keys[k].len),
			   "key \"%s\" appears twice in this object (first at %u:%u): import "
			   "will not guess which value the provider keeps", keys[k].name, lc.line,
			   lc.column);
	}
}

/* The text was parsed into this tree, so both list the same values in the
 * same order. Recursion is bounded by cJSON's nesting limit (1000). */
static size_t walk(struct importer *im, const struct source *src, size_t i, const cJSON *node)
{
	const char *s = src->text;
	size_t n = src->len;
	i = skip_ws(s, i, n);
	size_t start = i;
	if (cJSON_IsObject(node) || cJSON_IsArray(node)) {
		add_pos(im, node, src, start, 1);
		i++;
		struct json_key *keys = NULL;
		size_t nkeys = 0, capkeys = 0;
		for (const cJSON *c = node->child; c; c = c->next) {
			i = skip_ws(s, i, n);
			if (cJSON_IsObject(node)) {
				size_t key_end = skip_string(s, i, n);
				struct json_key k = { c->string, i, key_end - i };
				ARENA_PUSH(im->a, keys, nkeys, capkeys, k);
				i = skip_ws(s, key_end, n);
				i++;   /* ':' */
			}
			i = skip_ws(s, walk(im, src, i, c), n);
			if (i < n && s[i] == ',')
				i++;
		}
		check_keys(im, src, keys, nkeys);
		return skip_ws(s, i, n) + 1;
	}
	if (cJSON_IsString(node))
		i = skip_string(s, i, n);
	else
		while (i < n && !strchr(",]} \t\r\n", s[i]))
			i++;
	add_pos(im, node, src, start, i - start);
	return i;
}

static int pos_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct imp_pos *)a)->node;
	uintptr_t y = (uintptr_t)((const struct imp_pos *)b)->node;
	return x < y ? -1 : x > y;
}

struct span import_span(struct importer *im, const cJSON *node)
{
	if (!im->npos)
		return (struct span){ 0 };
	if (!im->sorted) {
		qsort(im->pos, im->npos, sizeof *im->pos, pos_cmp);
		im->sorted = true;
	}
	struct imp_pos key = { node, { 0 } };
	const struct imp_pos *p = node ? bsearch(&key, im->pos, im->npos, sizeof *im->pos, pos_cmp)
				       : NULL;
	if (p)
		return p->span;
	return im->npos ? im->pos[0].span : (struct span){ 0 };
}

/* ---------- messages and comment lines ---------- */

const char *import_json_text(struct importer *im, const cJSON *v)
{
	char *text = cJSON_PrintUnformatted(v);
	if (!text)
		return "?";
	size_t n = strlen(text), cut = 57;
	/* Cut between characters, not inside one (the text is UTF-8). */
	while (n > 60 && cut > 0 && ((unsigned char)text[cut] & 0xc0) == 0x80)
		cut--;
	const char *out = n > 60 ? arena_printf(im->a, "%.*s...", (int)cut, text)
				 : arena_strdup(im->a, text);
	cJSON_free(text);
	return out;
}

void import_lost(struct importer *im, const cJSON *at, const char *fmt, ...)
{
	va_list ap;
	char buf[512];
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	struct span sp = import_span(im, at);
	if (!im->allow_loss) {
		/* Never a program that does less than the JSON did (issue 27). */
		diag_error(im->d, IVR_IMPORT_LOST, sp, "%s (--allow-loss writes the file anyway)",
			   buf);
		return;
	}
	diag_warning(im->d, IVR_IMPORT_LOST, sp, "%s", buf);
	const char *where = "";
	if (sp.src) {
		struct linecol lc = source_linecol(sp.src, sp.offset);
		where = arena_printf(im->a, "%s:%u:%u: ", sp.src->path, lc.line, lc.column);
	}
	struct imp_note note = { sp, arena_printf(im->a, "%s%s", where, buf), im->nnotes };
	ARENA_PUSH(im->a, im->notes, im->nnotes, im->capnotes, note);
}

/* Values the provider computes: not part of what an IVR does. Infobip's
 * lastUsageDate is when a scenario last ran (its GET answers; the
 * scenarios list filters by it); Sonetel's tts_allowed is "a read-only
 * flag which indicates whether TTS functionality is allowed on this
 * voice-app" (Voiceapps.yaml). */
static const char *const computed_keys[] = {
	"id", "app_id", "createTime", "updateTime", "lastUsageDate", "created_at", "updated_at",
	"shortcode", "sip_address", "tts_allowed", NULL,
};

static bool listed(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

const char *import_key_outside(const cJSON *obj, const char *const *keys)
{
	for (const cJSON *k = obj ? obj->child : NULL; k; k = k->next)
		if (!listed(keys, k->string))
			return k->string;
	return NULL;
}

void import_unknown_keys(struct importer *im, const cJSON *obj, const char *const *known,
			 const char *what)
{
	for (const cJSON *c = obj ? obj->child : NULL; c; c = c->next)
		if (c->string && !listed(known, c->string) && !listed(computed_keys, c->string))
			import_lost(im, c, "%s: field '%s' has no ivrc equivalent and is not "
				    "imported: %s", what, c->string, import_json_text(im, c));
}

/* ---------- JSON access ---------- */

const char *import_str(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

bool import_int_value(const cJSON *v, int64_t *out)
{
	if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;
		/* The range first: casting a double outside int64 is undefined. */
		if (!(d <= 9e15 && d >= -9e15) || d != (double)(int64_t)d)
			return false;
		*out = (int64_t)d;
		return true;
	}
	if (!cJSON_IsString(v) || !v->valuestring[0])
		return false;
	const char *s = v->valuestring;
	if (strspn(s + (s[0] == '-'), "0123456789") != strlen(s + (s[0] == '-')) ||
	    strlen(s) > 18)
		return false;
	*out = strtoll(s, NULL, 10);
	return true;
}

bool import_int(const cJSON *obj, const char *key, int64_t *out)
{
	return import_int_value(cJSON_GetObjectItemCaseSensitive(obj, key), out);
}

bool import_is_name(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > 64 || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!(isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '-'))
			return false;
	return true;
}

bool import_is_literal_id(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	for (size_t i = 0; i < n; i++)
		if (!(isalnum((unsigned char)s[i]) || strchr("_.-", s[i])))
			return false;
	return n > 0;
}

bool import_is_phone(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	return n >= 9 && n <= 16 && s[0] == '+' && s[1] >= '1' && s[1] <= '9' &&
	       strspn(s + 1, "0123456789") == n - 1;
}

bool import_is_email(const char *s)
{
	const char *at = s ? strchr(s, '@') : NULL;
	if (!at || at == s || strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				  "0123456789._%+-") != (size_t)(at - s))
		return false;
	const char *d = at + 1;
	size_t n = strlen(d);
	if (n == 0 || strspn(d, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			     "0123456789.-") != n || !strchr(d, '.') || d[0] == '.' ||
	    d[n - 1] == '.' || strstr(d, ".."))
		return false;
	return true;
}

bool import_is_sip(const char *s)
{
	if (!s || !s[0])
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f)
			return false;
	return true;
}

bool import_is_template(struct importer *im, const char *s, const char **why)
{
	struct ast_template t;
	*why = "it is not text";
	return s && im->parse->template(im->a, s, strlen(s), &t, why);
}

bool import_is_datetime(const char *s)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, mo, d, h, mi, sec, n = 0;
	if (!s || strlen(s) != 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' ||
	    s[13] != ':' || s[16] != ':' ||
	    sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6 || n != 19)
		return false;
	for (int i = 0; i < 19; i++)
		if (i != 4 && i != 7 && i != 10 && i != 13 && i != 16 && !isdigit((unsigned char)s[i]))
			return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return y >= 1970 && mo >= 1 && mo <= 12 && d >= 1 &&
	       d <= days[mo - 1] + (mo == 2 && leap) && h <= 23 && mi <= 59 && sec <= 59;
}

struct imp_object *import_find(struct importer *im, const char *kind, const char *name,
			       const char *id)
{
	for (size_t i = 0; i < im->nobjects; i++) {
		struct imp_object *o = &im->objects[i];
		if (o->skipped || (kind && strcmp(o->kind, kind) != 0))
			continue;
		if ((name && o->name && strcmp(o->name, name) == 0) ||
		    (id && o->id && strcmp(o->id, id) == 0))
			return o;
	}
	return NULL;
}

/* ---------- the document ---------- */

struct doc_node *import_map(struct importer *im)
{
	return doc_new_map(im->a);
}

struct doc_node *import_seq(struct importer *im)
{
	return doc_new_seq(im->a);
}

struct doc_node *import_word(struct importer *im, const char *text)
{
	return doc_new_scalar(im->a, text, false);
}

struct doc_node *import_text(struct importer *im, const char *text)
{
	return doc_new_scalar(im->a, text, true);
}

struct doc_node *import_intv(struct importer *im, int64_t v)
{
	return import_word(im, arena_printf(im->a, "%lld", (long long)v));
}

struct doc_node *import_seconds(struct importer *im, int64_t seconds)
{
	/* Written as the language writes it canonically: lint finds no IVR501
	 * in what import writes. */
	return import_word(im, seconds >= 0 ? ast_duration_text(im->a, seconds) :
			   arena_printf(im->a, "%llds", (long long)seconds));
}

void import_put(struct importer *im, struct doc_node *map, const char *key, struct doc_node *v)
{
	doc_put(im->a, map, key, v);
}

void import_push(struct importer *im, struct doc_node *seq, struct doc_node *item)
{
	doc_push(im->a, seq, item);
}

struct doc_node *import_get(const struct doc_node *map, const char *key)
{
	for (size_t i = 0; map && map->kind == DOC_MAP && i < map->count; i++)
		if (strcmp(map->pairs[i].key->text, key) == 0)
			return map->pairs[i].value;
	return NULL;
}

struct doc_node *import_json_doc(struct importer *im, const cJSON *v)
{
	if (cJSON_IsObject(v)) {
		struct doc_node *m = import_map(im);
		for (const cJSON *c = v->child; c; c = c->next)
			import_put(im, m, c->string, import_json_doc(im, c));
		return m;
	}
	if (cJSON_IsArray(v)) {
		struct doc_node *s = import_seq(im);
		for (const cJSON *c = v->child; c; c = c->next)
			import_push(im, s, import_json_doc(im, c));
		return s;
	}
	if (cJSON_IsString(v))
		return import_text(im, v->valuestring);
	if (cJSON_IsBool(v))
		return import_word(im, cJSON_IsTrue(v) ? "true" : "false");
	if (cJSON_IsNumber(v)) {
		int64_t i;
		if (import_int_value(v, &i))
			return import_intv(im, i);
		/* As written in the file: a double would round 20 digits. */
		struct span at = import_span(im, v);
		if (at.src && at.length && strspn(at.src->text + at.offset, "-+.0123456789eE") >=
					       at.length)
			return import_word(im, arena_strndup(im->a, at.src->text + at.offset,
							     at.length));
		return import_word(im, arena_printf(im->a, "%.17g", v->valuedouble));
	}
	return import_word(im, "null");
}

struct doc_node *import_section(struct importer *im, const char *key)
{
	struct doc_node *s = import_get(im->sections, key);
	if (!s) {
		s = import_map(im);
		import_put(im, im->sections, key, s);
	}
	return s;
}

void import_setting(struct importer *im, const char *key, const char *value)
{
	for (size_t i = 0; i < im->settings->count; i++)
		if (strcmp(im->settings->pairs[i].key->text, key) == 0) {
			im->settings->pairs[i].value = import_word(im, value);
			return;
		}
	import_put(im, im->settings, key, import_word(im, value));
}

void import_parameter(struct importer *im, const char *name)
{
	if (!im->params)
		im->params = import_seq(im);
	for (size_t i = 0; i < im->params->count; i++)
		if (strcmp(im->params->items[i]->text, name) == 0)
			return;
	import_push(im, im->params, import_word(im, name));
}

void import_entry(struct importer *im, const char *dest)
{
	if (!im->entry)
		im->entry = import_seq(im);
	import_push(im, im->entry, import_word(im, dest));
}

/* want made into a name: other bytes become '_', a leading digit gets 'n',
 * at most 60 bytes (room for a number). */
static char *sanitize(struct importer *im, const char *want)
{
	size_t n = want ? strlen(want) : 0;
	char *s = arena_alloc(im->a, n + 3), *o = s;
	if (n == 0 || !(isalpha((unsigned char)want[0]) || want[0] == '_'))
		*o++ = 'n';
	/* Lowercase, ASCII only: other bytes become '_'. */
	for (size_t i = 0; i < n && o - s < 60; i++) {
		unsigned char c = (unsigned char)want[i];
		char x = isalnum(c) || c == '-' || c == '_' ? (char)tolower(c) : '_';
		if (!(x == '_' && o > s && o[-1] == '_'))
			*o++ = x;
	}
	while (o - s > 1 && (o[-1] == '_' || o[-1] == '-'))
		o--;
	*o = '\0';
	return s;
}

static bool taken(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return true;
	return false;
}

/* A free name from want in the list names. */
static const char *unique(struct importer *im, const char ***names, size_t *n, size_t *cap,
			  const char *want)
{
	const char *base = import_is_name(want) ? want : sanitize(im, want);
	const char *s = base;
	for (int i = 2; taken(*names, *n, s); i++)
		s = arena_printf(im->a, "%s_%d", base, i);
	ARENA_PUSH(im->a, *names, *n, *cap, s);
	return s;
}

const char *import_name(struct importer *im, const char *want)
{
	return unique(im, &im->names, &im->nnames, &im->capnames, want);
}

const char *import_recording(struct importer *im, const char *key, const char *hint,
			     struct doc_node *fields)
{
	for (size_t i = 0; i < im->nrecs; i++)
		if (strcmp(im->rec_keys[i], key) == 0)
			return im->rec_names[i];
	size_t n = im->nrecs, cap = im->caprecs;
	const char *name = unique(im, &im->rec_names, &n, &cap, hint);
	ARENA_PUSH(im->a, im->rec_keys, im->nrecs, im->caprecs, arena_strdup(im->a, key));
	import_put(im, im->recordings, name, fields);
	return name;
}

/* ---------- reading files and recognising what they hold ---------- */

static const char *byte_word(struct importer *im, const struct source *src, size_t at)
{
	if (at >= src->len)
		return "the end of the file";
	unsigned char c = (unsigned char)src->text[at];
	if (c == '\n' || c == '\r')
		return "a line break";
	if (c >= ' ' && c < 0x7f)
		return arena_printf(im->a, "'%c'", c);
	return arena_printf(im->a, "byte 0x%02x", c);
}

/* The offset of the first byte that is not well-formed UTF-8 (RFC 3629:
 * no overlong forms, surrogates or code points past U+10FFFF), or n. */
static size_t utf8_fault(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned c = s[i];
		size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
			   : (c & 0xF8) == 0xF0 ? 4 : 0;
		if (!len || i + len > n)
			return i;
		unsigned cp = len == 1 ? c : c & (0x7F >> len);
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		static const unsigned min[] = { 0, 0, 0x80, 0x800, 0x10000 };
		if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += len;
	}
	return n;
}

static struct imp_object *add_object(struct importer *im, const char *kind, const cJSON *body)
{
	struct imp_object o = { 0 };
	o.kind = kind;
	o.body = body;
	o.remote_name = import_str(body, "name");
	ARENA_PUSH(im->a, im->objects, im->nobjects, im->capobjects, o);
	return &im->objects[im->nobjects - 1];
}

/* The remote id of a list answer's object, as text. */
static const char *id_text(struct importer *im, const cJSON *body, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(body, key);
	int64_t i;
	if (cJSON_IsString(v) && v->valuestring[0])
		return v->valuestring;
	if (import_int_value(v, &i))
		return arena_printf(im->a, "%lld", (long long)i);
	return NULL;
}

/* `build -o DIR` writes DIR/TARGET/KIND/NAME.json: the path names the object. */
static const char *name_from_path(struct importer *im, const char *path, const char *kind)
{
	size_t n = strlen(path);
	const char *slash = strrchr(path, '/');
	if (n < 5 || strcmp(path + n - 5, ".json") != 0 || !slash)
		return NULL;
	const char *dir = slash;
	while (dir > path && dir[-1] != '/')
		dir--;
	if ((size_t)(slash - dir) != strlen(kind) || strncmp(dir, kind, strlen(kind)) != 0)
		return NULL;
	const char *name = arena_strndup(im->a, slash + 1, strlen(slash + 1) - 5);
	return import_is_name(name) ? name : NULL;
}

/* A calendar build wrote (named, in a time zone; the rest is the target's):
 * kept for the target's import to declare (import_calendar_declare). */
static bool add_calendar(struct importer *im, const cJSON *v)
{
	if (!cJSON_IsObject(v) || !import_str(v, "calendar") || !import_str(v, "timezone"))
		return false;
	ARENA_PUSH(im->a, im->calendars, im->ncalendars, im->capcalendars, v);
	return true;
}

static void add_body(struct importer *im, const struct import_target *t, const cJSON *body,
		     const char *path)
{
	if (add_calendar(im, body))
		return;
	const char *kind = cJSON_IsObject(body) ? t->kind_of(body) : NULL;
	if (!kind) {
		diag_error(im->d, IVR_IMPORT_SHAPE, import_span(im, body),
			   "not a %s object that ivrc imports: %s", im->target->caps.name,
			   import_json_text(im, body));
		return;
	}
	struct imp_object *o = add_object(im, kind, body);
	o->id = id_text(im, body, t->id_key);
	if (path)
		o->name = name_from_path(im, path, kind);
}

static bool bundle_object(struct importer *im, const cJSON *item)
{
	const char *kind = import_str(item, "kind"), *name = import_str(item, "name");
	const cJSON *body = cJSON_GetObjectItemCaseSensitive(item, "body");
	if (!kind || !name || !cJSON_IsObject(body) || !import_is_name(name)) {
		diag_error(im->d, IVR_IMPORT_SHAPE, import_span(im, item),
			   "a bundle object needs 'kind', 'name' (an ivrc name) and a 'body'");
		return false;
	}
	struct imp_object *o = add_object(im, kind, body);
	o->name = name;
	const char *method = import_str(item, "method"), *path = import_str(item, "path");
	/* An update (build --state): the path ends with the object's id. */
	o->path = path;
	if (method && path && strcmp(method, "PUT") == 0 && strrchr(path, '/')) {
		o->id = strrchr(path, '/') + 1;
		o->path = arena_strndup(im->a, path, (size_t)(o->id - 1 - path));
	}
	return true;
}

static void read_bundle(struct importer *im, const cJSON *root)
{
	const char *target = import_str(root, "target"), *project = import_str(root, "project");
	if (strcmp(target, im->target->caps.name) != 0) {
		diag_error(im->d, IVR_IMPORT_SHAPE,
			   import_span(im, cJSON_GetObjectItemCaseSensitive(root, "target")),
			   "this bundle is for '%s', not for '%s'", target, im->target->caps.name);
		return;
	}
	if (project && !im->project) {
		im->project = project;
		im->bundle_project = true;
	}
	/* What build writes; anything else would be left behind unsaid. */
	static const char *const keys[] = { "target", "project", "objects", "calendars", NULL };
	for (const cJSON *k = root->child; k; k = k->next)
		if (!listed(keys, k->string))
			diag_error(im->d, IVR_IMPORT_SHAPE, import_span(im, k),
				   "'%s' is no key of a bundle build writes (target, project, "
				   "objects, calendars): this ivrc cannot import it", k->string);
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(root, "objects");
	for (const cJSON *it = items->child; it; it = it->next)
		bundle_object(im, it);
	const cJSON *cal;
	cJSON_ArrayForEach(cal, cJSON_GetObjectItemCaseSensitive(root, "calendars"))
		if (!add_calendar(im, cal))
			diag_error(im->d, IVR_IMPORT_SHAPE, import_span(im, cal),
				   "a bundle's calendar needs 'calendar' and 'timezone'");
}

static void collect(struct importer *im, const struct import_target *t, const cJSON *root,
		    const char *path)
{
	bool single = false;
	const cJSON *list;
	if (cJSON_IsObject(root) && import_str(root, "target") &&
	    cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root, "objects"))) {
		read_bundle(im, root);
	} else if ((list = t->list_of(root, &single)) != NULL) {
		if (single)
			add_body(im, t, list, NULL);
		else
			for (const cJSON *it = list->child; it; it = it->next)
				add_body(im, t, it, NULL);
	} else if (cJSON_IsArray(root)) {
		for (const cJSON *it = root->child; it; it = it->next)
			add_body(im, t, it, NULL);
	} else {
		add_body(im, t, root, path);
	}
}

bool import_file(struct importer *im, const char *path)
{
	const struct import_target *t = im->target->import;
	struct stat st;
	const char *err = NULL;
	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		fprintf(stderr, "ivrc: %s: is a directory\n", path);
		return false;
	}
	struct source *src = source_read(im->a, path, &err);
	if (!src) {
		fprintf(stderr, "ivrc: %s: %s\n", path, err);
		return false;
	}
	const char *nul = memchr(src->text, '\0', src->len);
	size_t bad = utf8_fault((const unsigned char *)src->text, src->len);
	if (bad < src->len && (!nul || bad < (size_t)(nul - src->text))) {
		diag_error(im->d, IVR_IMPORT_JSON, span_make(src, bad, 1),
			   "not valid JSON: byte 0x%02x is not UTF-8",
			   (unsigned char)src->text[bad]);
		return true;
	}
	const char *end = NULL;
	cJSON *root = nul ? NULL : cJSON_ParseWithLengthOpts(src->text, src->len + 1, &end, true);
	if (!root) {
		size_t at = nul ? (size_t)(nul - src->text)
			  : end ? (size_t)(end - src->text) : src->len;
		diag_error(im->d, IVR_IMPORT_JSON, span_make(src, at, 1),
			   "not valid JSON: unexpected %s", byte_word(im, src, at));
		return true;
	}
	ARENA_PUSH(im->a, im->trees, im->ntrees, im->captrees, root);
	walk(im, src, 0, root);
	im->sorted = false;
	collect(im, t, root, path);
	return true;
}

/* ---------- names ---------- */

/* "Managed by ivrc: PROJECT/NAME", the description build writes, names
 * the project when the remote name is PROJECT-NAME. */
static const char *managed_project(struct importer *im, const struct imp_object *o)
{
	static const char prefix[] = "Managed by ivrc: ";
	const char *d = import_str(o->body, "description"), *r = o->remote_name;
	const char *slash = d ? strchr(d, '/') : NULL;
	if (!slash || !r || strncmp(d, prefix, sizeof prefix - 1) != 0)
		return NULL;
	const char *p = d + sizeof prefix - 1;
	size_t n = (size_t)(slash - p);
	if (strncmp(r, p, n) != 0 || r[n] != '-' || strcmp(r + n + 1, slash + 1) != 0)
		return NULL;
	return arena_strndup(im->a, p, n);
}

/* The project: from a bundle; else from a description build wrote; else
 * the prefix the remote names share (the part before the last '-' of a lone
 * name); else "imported". */
static const char *infer_project(struct importer *im)
{
	for (size_t i = 0; i < im->nobjects; i++) {
		const char *p = managed_project(im, &im->objects[i]);
		if (p)
			return p;
	}
	const char *first = NULL;
	size_t common = 0;
	for (size_t i = 0; i < im->nobjects; i++) {
		const struct imp_object *o = &im->objects[i];
		const char *r = o->remote_name;
		if (!r)
			continue;
		size_t n = strlen(r), on = o->name ? strlen(o->name) : 0;
		/* A body file named by `build -o` tells exactly. */
		if (o->name && n > on + 1 && strcmp(r + n - on, o->name) == 0 && r[n - on - 1] == '-')
			return arena_strndup(im->a, r, n - on - 1);
		if (!first) {
			first = r;
			common = n;
		}
		size_t k = 0;
		while (k < common && r[k] == first[k])
			k++;
		common = k;
	}
	if (!first)
		return "imported";
	/* Back to the last '-' that leaves every name a rest. */
	while (common > 0 && first[common - 1] != '-')
		common--;
	for (size_t i = 0; common > 0 && i < im->nobjects; i++) {
		const char *r = im->objects[i].remote_name;
		if (r && strlen(r) <= common)
			common = 0;
	}
	if (common > 1)
		return arena_strndup(im->a, first, common - 1);
	return "imported";
}

static bool project_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64 || !(islower((unsigned char)s[0]) || isdigit((unsigned char)s[0])))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '_' ||
		      s[i] == '-'))
			return false;
	return true;
}

static void settle_names(struct importer *im)
{
	if (!im->project)
		im->project = infer_project(im);
	if (!project_ok(im->project)) {
		char *p = arena_strdup(im->a, im->project);
		for (char *c = p; *c; c++)
			*c = isalnum((unsigned char)*c) || *c == '-' ? (char)tolower(*c) : '_';
		im->project = project_ok(p) ? p : "imported";
	}
	/* Names the input gives come first, so made-up ones do not take them. */
	for (size_t i = 0; i < im->nobjects; i++)
		if (im->objects[i].name)
			im->objects[i].name = import_name(im, im->objects[i].name);
	size_t plen = strlen(im->project);
	for (size_t i = 0; i < im->nobjects; i++) {
		struct imp_object *o = &im->objects[i];
		if (o->name)
			continue;
		const char *r = o->remote_name ? o->remote_name : o->kind;
		/* The project may be the remote names' prefix made lowercase
		 * ("Switch-Case" is case of switch): the prefix goes either way. */
		bool prefixed = strlen(r) > plen + 1 && r[plen] == '-', exact = prefixed;
		for (size_t k = 0; prefixed && k < plen; k++) {
			prefixed = tolower((unsigned char)r[k]) == im->project[k];
			exact &= r[k] == im->project[k];
		}
		exact &= prefixed;
		const char *want = prefixed ? r + plen + 1 : r;
		/* Names made from a console's names are lowercase, like the rest. */
		if (!import_is_name(want) || !exact)
			want = sanitize(im, want);
		o->name = import_name(im, want);
		o->renamed = o->remote_name && (!exact || strcmp(o->name, r + plen + 1) != 0);
	}
}

/* When every object's remote name is the same text around its ivrc name
 * (prod-shop-main for main of shop) and that is not the default
 * PROJECT-NAME, the remote_name setting that gives them (prod-{project}-{name}),
 * so that building again names them alike. */
static void infer_remote_name(struct importer *im)
{
	const char *before = NULL, *after = NULL;
	for (size_t i = 0; i < im->nobjects; i++) {
		const struct imp_object *o = &im->objects[i];
		if (o->skipped || !o->remote_name || !o->name)
			continue;
		const char *at = strstr(o->remote_name, o->name);
		if (!at)
			return;
		const char *b = arena_strndup(im->a, o->remote_name, (size_t)(at - o->remote_name));
		const char *a = at + strlen(o->name);
		if (before && (strcmp(before, b) != 0 || strcmp(after, a) != 0))
			return;
		before = b;
		after = a;
	}
	size_t plen = strlen(im->project);
	if (!before || (!after[0] && strncmp(before, im->project, plen) == 0 &&
			strcmp(before + plen, "-") == 0))
		return;
	if (strpbrk(before, "{}") || strpbrk(after, "{}"))
		return;            /* text the pattern would read as placeholders */
	/* The project's name, where it is in the text, as {project}. */
	const char *p = strstr(before, im->project);
	const char *head = p ? arena_printf(im->a, "%.*s{project}%s", (int)(p - before), before,
					    p + plen) : before;
	import_setting(im, "remote_name", arena_concat(im->a, head, "{name}", after,
						       (const char *)NULL));
}

static void report_renamed(struct importer *im)
{
	for (size_t i = 0; i < im->nobjects; i++) {
		const struct imp_object *o = &im->objects[i];
		if (o->renamed && !o->skipped)
			diag_note(im->d, IVR_IMPORT_RENAMED,
				  import_span(im, cJSON_GetObjectItemCaseSensitive(o->body, "name")),
				  "'%s' is imported as '%s' of project '%s': built again, its "
				  "remote name is '%s-%s'", o->remote_name, o->name, im->project,
				  im->project, o->name);
	}
}

/* By file and place, as the findings are; equal places keep their order. */
static int note_cmp(const void *a, const void *b)
{
	const struct imp_note *x = a, *y = b;
	int c = strcmp(x->at.src ? x->at.src->path : "", y->at.src ? y->at.src->path : "");
	if (c)
		return c;
	if (x->at.offset != y->at.offset)
		return x->at.offset < y->at.offset ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The bytes of the character at c when a YAML comment cannot hold it (the
 * text is valid UTF-8): controls, C1 controls, line breaks (NEL, LS, PS:
 * one would end the comment and make the rest YAML), a BOM, U+FFFE/FFFF.
 * 0 when it can. */
static size_t unprintable(const unsigned char *c)
{
	if (*c < ' ' || *c == 0x7f)
		return 1;
	if (c[0] == 0xc2 && c[1] >= 0x80 && c[1] <= 0x9f)
		return 2;
	if ((c[0] == 0xe2 && c[1] == 0x80 && (c[2] == 0xa8 || c[2] == 0xa9)) ||
	    (c[0] == 0xef && c[1] == 0xbb && c[2] == 0xbf) ||
	    (c[0] == 0xef && c[1] == 0xbf && (c[2] == 0xbe || c[2] == 0xbf)))
		return 3;
	return 0;
}

static const char *comment_block(struct importer *im)
{
	if (im->nnotes == 0)
		return "";
	qsort(im->notes, im->nnotes, sizeof *im->notes, note_cmp);
	const char *head = "# ivrc import: what the provider's objects hold that this file "
			   "cannot express\n# (each was reported as a warning):\n";
	size_t len = strlen(head);
	for (size_t i = 0; i < im->nnotes; i++)
		len += strlen(im->notes[i].text) + 5;
	char *s = arena_alloc(im->a, len + 1), *o = s;
	o += sprintf(o, "%s", head);
	for (size_t i = 0; i < im->nnotes; i++) {
		o += sprintf(o, "#   ");
		/* A comment is one line of printable text: other characters of
		 * values (line breaks, controls) become spaces. */
		for (const unsigned char *c = (const unsigned char *)im->notes[i].text; *c;) {
			size_t n = unprintable(c);
			*o++ = n ? ' ' : (char)*c;
			c += n ? n : 1;
		}
		*o++ = '\n';
	}
	*o = '\0';
	return s;
}

/* The deepest nesting of collections, the root's being 1 (as the loaders
 * count). Recursion follows the JSON's nesting, which cJSON bounds. */
static size_t depth_of(const struct doc_node *n)
{
	size_t d = 0;
	for (size_t i = 0; n->kind != DOC_SCALAR && i < n->count; i++) {
		size_t c = depth_of(n->kind == DOC_SEQ ? n->items[i] : n->pairs[i].value);
		d = c > d ? c : d;
	}
	return n->kind == DOC_SCALAR ? 0 : d + 1;
}

struct doc_node *import_finish(struct importer *im, const char **comment)
{
	*comment = "";
	if (im->nobjects == 0 && im->ncalendars == 0)
		return NULL;
	settle_names(im);
	im->target->import->convert(im);
	report_renamed(im);
	infer_remote_name(im);
	struct doc_node *root = import_map(im), *targets = import_map(im);
	import_put(im, root, "ivrc", import_word(im, "1"));
	import_put(im, root, "name", import_word(im, im->project));
	if (im->entry)
		import_put(im, root, "entry", im->entry);
	if (im->params)
		import_put(im, root, "parameters", im->params);
	import_put(im, targets, im->target->caps.name, im->settings);
	import_put(im, root, "targets", targets);
	if (im->recordings->count)
		import_put(im, root, "recordings", im->recordings);
	for (size_t i = 0; i < im->sections->count; i++)
		if (im->sections->pairs[i].value->count)
			import_put(im, root, im->sections->pairs[i].key->text,
				   im->sections->pairs[i].value);
	size_t depth = depth_of(root);
	if (depth > IMPORT_MAX_DEPTH) {
		diag_error(im->d, IVR_IMPORT_DEPTH, import_span(im, im->nobjects ? im->objects[0].body
									     : im->calendars[0]),
			   "the imported file would nest %zu levels deep; ivrc reads at most %d",
			   depth, IMPORT_MAX_DEPTH);
		return NULL;
	}
	*comment = comment_block(im);
	return root;
}
