/* What the providers' push facts (each target's push.c) call: reading
 * answers, editing bodies, paths, Smartflo's dates. Nothing here sends a
 * request: ivrc links the targets, and with them this file, without
 * libcurl. */
#include "push_impl.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../compiler/arena.h"
#include "../compiler/tz.h"

const cJSON *push_first_array(const cJSON *answer)
{
	if (cJSON_IsArray(answer))
		return answer;
	const cJSON *e;
	cJSON_ArrayForEach(e, answer)
		if (cJSON_IsArray(e))
			return e;
	return NULL;
}

const char *push_id_text(struct arena *a, const cJSON *obj, const char *key)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (cJSON_IsString(id) && id->valuestring[0])
		return arena_strdup(a, id->valuestring);
	if (!cJSON_IsNumber(id))
		return NULL;
	double v = id->valuedouble;
	if (v == (double)(int64_t)v && v > -9007199254740992.0 && v < 9007199254740992.0)
		return arena_printf(a, "%" PRId64, (int64_t)v);
	return arena_printf(a, "%.17g", v);     /* -1.5, 1e300: refused by id_valid */
}

bool push_id_plain(const char *id)
{
	size_t n = strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");
	return n > 0 && n <= 64 && id[n] == '\0';
}

const char *push_setting(const struct push_ctx *c, const char *name)
{
	return target_setting(c->p, &c->t->caps, name);
}

bool push_has_placeholder(const char *s)
{
	const char *open = s ? strstr(s, "@{") : NULL;
	return open && strchr(open, '}');
}

void push_walk(cJSON *root, push_walk_fn fn, void *ud)
{
	struct pair { cJSON *parent, *node; } *stack = NULL;
	size_t n = 0, cap = 0;
	if (!root)
		return;
	stack = malloc(16 * sizeof *stack);
	cap = stack ? 16 : 0;
	if (stack)
		stack[n++] = (struct pair){ NULL, root };
	while (n) {
		struct pair p = stack[--n];
		cJSON *node = fn(ud, p.parent, p.node);
		for (cJSON *ch = node ? node->child : NULL; ch; ch = ch->next) {
			if (n == cap) {
				struct pair *g = realloc(stack, cap * 2 * sizeof *stack);
				if (!g)
					break;
				stack = g;
				cap *= 2;
			}
			stack[n++] = (struct pair){ node, ch };
		}
	}
	free(stack);
}

const char *push_escape(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = arena_alloc(a, strlen(s) * 3 + 1), *p = out;
	for (const unsigned char *q = (const unsigned char *)s; *q; q++) {
		if (isalnum(*q) || *q == '-' || *q == '.' || *q == '_' || *q == '~') {
			*p++ = (char)*q;
		} else {
			*p++ = '%';
			*p++ = hex[*q >> 4];
			*p++ = hex[*q & 15];
		}
	}
	*p = '\0';
	return out;
}

double push_retry_after_ist(const char *value, double now)
{
	int y, mo, d, h, mi, s, used = 0;
	char sep;
	if (!value || sscanf(value, "%4d-%2d-%2d%c%2d:%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi,
			     &s, &used) != 7 || (sep != ' ' && sep != 'T'))
		return -1;
	const char *rest = value + used;
	if (*rest && strcmp(rest, "+05:30") != 0 && strcmp(rest, "+0530") != 0)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
		return -1;
	/* Proleptic Gregorian days: no time zone of the machine plays a part. */
	double at = (double)tz_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 +
		    h * 3600 + mi * 60 + s - (5 * 3600 + 30 * 60);
	return at > now ? at - now : 0;
}


bool push_header_safe(const char *s)
{
	for (; s && *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

const char *push_url_shown(struct arena *a, const char *url)
{
	/* scheme://[user[:password]@]host[:port][/path][?query][#fragment] */
	const char *host = strstr(url, "://");
	host = host ? host + 3 : url;
	size_t hostlen = strcspn(host, "/?#");
	const char *at = memchr(host, '@', hostlen);
	const char *from = at ? at + 1 : host;
	size_t rest = strcspn(from, "?#");
	return arena_printf(a, "%.*s%.*s%s", (int)(host - url), url, (int)rest, from,
			    from[rest] ? "?..." : "");
}

/* A provider's text as it may be printed: control characters as \xNN,
 * at most 80 bytes. */
const char *push_shown(struct arena *a, const char *s)
{
	size_t n = strlen(s), cut = n > 80 ? 80 : n;
	char *out = arena_alloc(a, cut * 4 + 4), *o = out;
	for (size_t i = 0; i < cut; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch < 0x20 || ch == 0x7f)
			o += sprintf(o, "\\x%02x", ch);
		else
			*o++ = (char)ch;
	}
	strcpy(o, n > cut ? "..." : "");
	return out;
}
