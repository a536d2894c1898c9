/* Push facts of Tata Smartflo (docs/TARGETS.md, "Push"): a bearer token from
 * SMARTFLO_TOKEN or one login (POST /v1/auth/login) per run; answers say
 * yes or no in `success`, whatever the HTTP status; creates answer no id, so
 * the new object is found in the list (GET PATH + "s": /v1/ivrs) by its
 * name; a 429 on login carries `retry_after` in Indian time; no delete call
 * is documented. */
#include "../push_impl.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../compiler/arena.h"
#include "../json_build.h"
#include "smartflo.h"

/* Whether s contains word, ignoring case. */
static bool contains(const char *s, const char *word)
{
	size_t n = strlen(word);
	for (; s && *s; s++) {
		size_t i = 0;
		while (i < n && s[i] && tolower((unsigned char)s[i]) == word[i])
			i++;
		if (i == n)
			return true;
	}
	return false;
}

/* "Token has expired", "Deleted or blacklisted token provided". */
static bool token_refused(const char *msg)
{
	return contains(msg, "token") &&
	       (contains(msg, "expired") || contains(msg, "blacklisted") ||
		contains(msg, "invalid") || contains(msg, "not provided"));
}

static enum push_verdict sf_judge(const struct push_resp *r, const char **msg)
{
	const cJSON *ok = cJSON_GetObjectItemCaseSensitive(r->json, "success");
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(r->json, "message");
	if (!cJSON_IsString(m))
		m = cJSON_GetObjectItemCaseSensitive(r->json, "error");
	*msg = cJSON_IsString(m) && m->valuestring[0] ? m->valuestring : NULL;
	if (cJSON_IsTrue(ok))
		return PV_OK;                      /* even with HTTP 400 */
	if (r->http == 401 || token_refused(*msg))
		return PV_AUTH;
	if (cJSON_IsBool(ok))
		return PV_FAIL;                    /* even with HTTP 200 */
	return r->http >= 200 && r->http < 300 ? PV_OK : PV_FAIL;
}

static const char *sf_created_id(struct arena *a, const cJSON *answer)
{
	const char *id = push_id_text(a, answer, "id");
	const cJSON *data = cJSON_GetObjectItemCaseSensitive(answer, "data");
	return id ? id : push_id_text(a, data, "id");
}

/* UNCERTAIN but for IVRs (/v1/ivrs): the collection's path plus "s" (the
 * sister platform lists /v1/broadcasts so). */
static const char *sf_list_path(struct arena *a, const char *collection, const char *name)
{
	(void)name;
	return arena_printf(a, "%ss", collection);
}

static const cJSON *sf_list_items(const cJSON *answer)
{
	return push_first_array(answer);
}

static const cJSON *sf_one_item(const cJSON *answer)
{
	return answer;
}

static double sf_body_retry_after(const cJSON *answer, double now)
{
	const cJSON *ra = cJSON_GetObjectItemCaseSensitive(answer, "retry_after");
	if (cJSON_IsNumber(ra))
		return ra->valuedouble >= 0 ? ra->valuedouble : -1;
	return cJSON_IsString(ra) ? push_retry_after_ist(ra->valuestring, now) : -1;
}

/* ---------- the hangup form of a reference not yet created ---------- */

struct sf_hangup {
	struct push_ctx *c;
	const char *kind;
	struct sf_route route;       /* smartflo_hangup's */
};

/* "X_id" beside "X_type": an auto attendant's or a virtual receptionist's
 * destination, type and id as two fields. */
static cJSON *type_sibling(struct arena *a, cJSON *parent, const char *key)
{
	size_t n = key ? strlen(key) : 0;
	if (n < 3 || strcmp(key + n - 3, "_id") != 0 || !cJSON_IsObject(parent))
		return NULL;
	const char *type_key = arena_printf(a, "%.*s_type", (int)(n - 3), key);
	cJSON *t = cJSON_GetObjectItemCaseSensitive(parent, type_key);
	return cJSON_IsString(t) ? t : NULL;
}

static cJSON *sf_hangup_node(void *ud, cJSON *parent, cJSON *node)
{
	struct sf_hangup *h = ud;
	if (!cJSON_IsString(node) || !push_has_placeholder(node->valuestring))
		return node;
	cJSON *type = type_sibling(h->c->a, parent, node->string);
	if (!type) {
		cJSON_SetValuestring(node, h->route.whole);
		return node;
	}
	cJSON_SetValuestring(type, h->route.type);
	const char *idtext = h->route.id;
	cJSON *id = target_numeric_refs(h->c->t, h->kind) && bundle_numeric_id(idtext)
			    ? cJSON_CreateNumber(strtod(idtext, NULL))
			    : cJSON_CreateString(idtext);
	return json_replace(parent, node, id) ? id : node;
}

static void sf_unresolved(struct push_ctx *c, cJSON *body, const char *kind)
{
	struct sf_hangup h = { c, kind, smartflo_hangup(c->a, c->p) };
	push_walk(body, sf_hangup_node, &h);
}

/* Lists write the rest in another form (split destinations, bare ids). */
static const char *const sf_drift_keys[] = { "name", "description", "timeout", NULL };

const struct push_provider smartflo_push = {
	.base_env = "SMARTFLO_BASE_URL",
	.default_base = "https://api-smartflo.tatateleservices.com",
	.auth = {
		.scheme = "Bearer",
		.token_env = "SMARTFLO_TOKEN",
		/* POST /v1/auth/login {"email","password"} -> {"access_token", ...} */
		.user_env = "SMARTFLO_EMAIL",
		.password_env = "SMARTFLO_PASSWORD",
		.login_path = "/v1/auth/login",
		.user_field = "email",
		.password_field = "password",
		.token_field = "access_token",
		.missing = "set SMARTFLO_TOKEN, or SMARTFLO_EMAIL and SMARTFLO_PASSWORD",
		.refused = "set a fresh SMARTFLO_TOKEN, or SMARTFLO_EMAIL and SMARTFLO_PASSWORD",
	},
	.judge = sf_judge,
	.created_id = sf_created_id,
	.list_path = sf_list_path,
	.list_items = sf_list_items,
	.one_item = sf_one_item,
	.id_key = "id",
	.id_valid = bundle_numeric_id,
	.id_form = "a whole number of at most 15 digits (virtual receptionists take ids as numbers)",
	.get_one = false,
	.can_delete = false,
	.body_retry_after = sf_body_retry_after,
	.unresolved = sf_unresolved,
	.drift_keys = sf_drift_keys,
	.updates_per_minute = 0,
};
