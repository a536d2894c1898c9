/* Push facts of Sonetel (docs/TARGETS.md, "Push"; Sonetel/sonetel-api-docs,
 * reference/5_voice_apps.yaml): a bearer token from SONETEL_TOKEN and the
 * account id from SONETEL_ACCOUNT_ID (it fills {account_id} in the paths);
 * every answer is {"resource", "status": "success"|"failed", "response"},
 * a failure possibly with HTTP 200; a create answers the new voice app
 * (`app_id`); GET/PUT/DELETE PATH/ID read, replace and delete one app. */
#include "../push_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../compiler/arena.h"
#include "sonetel.h"

static const char *detail(const cJSON *answer)
{
	const cJSON *resp = cJSON_GetObjectItemCaseSensitive(answer, "response");
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(resp, "detail");
	if (cJSON_IsString(d))
		return d->valuestring;
	if (cJSON_IsString(resp))
		return resp->valuestring;
	d = cJSON_GetObjectItemCaseSensitive(answer, "error_description");
	if (!cJSON_IsString(d))
		d = cJSON_GetObjectItemCaseSensitive(answer, "error");
	return cJSON_IsString(d) ? d->valuestring : NULL;
}

static enum push_verdict st_judge(const struct push_resp *r, const char **msg)
{
	const cJSON *status = cJSON_GetObjectItemCaseSensitive(r->json, "status");
	*msg = detail(r->json);
	if (r->http == 401)
		return PV_AUTH;
	if (cJSON_IsString(status))
		return strcmp(status->valuestring, "success") == 0 ? PV_OK : PV_FAIL;
	return r->http >= 200 && r->http < 300 ? PV_OK : PV_FAIL;
}

static const cJSON *st_one_item(const cJSON *answer)
{
	const cJSON *resp = cJSON_GetObjectItemCaseSensitive(answer, "response");
	return cJSON_IsObject(resp) ? resp : answer;
}

static const char *st_created_id(struct arena *a, const cJSON *answer)
{
	return push_id_text(a, st_one_item(answer), "app_id");
}

static const char *st_list_path(struct arena *a, const char *collection, const char *name)
{
	(void)a;
	(void)name;
	return collection;
}

static const cJSON *st_list_items(const cJSON *answer)
{
	const cJSON *resp = cJSON_GetObjectItemCaseSensitive(answer, "response");
	return cJSON_IsArray(resp) ? resp : push_first_array(answer);
}

/* An action {"action","to","id"} whose id is not known yet hangs up. */
static cJSON *st_hangup_node(void *ud, cJSON *parent, cJSON *node)
{
	const char *hangup = ud;
	(void)parent;
	cJSON *id = cJSON_GetObjectItemCaseSensitive(node, "id");
	if (!cJSON_IsObject(node) || !cJSON_IsString(id) || !push_has_placeholder(id->valuestring))
		return node;
	cJSON_SetValuestring(id, "");
	cJSON *action = cJSON_GetObjectItemCaseSensitive(node, "action");
	cJSON *to = cJSON_GetObjectItemCaseSensitive(node, "to");
	if (cJSON_IsString(action))
		cJSON_SetValuestring(action, hangup);
	if (cJSON_IsString(to))
		cJSON_SetValuestring(to, "");
	return node;
}

static void st_unresolved(struct push_ctx *c, cJSON *body, const char *kind)
{
	(void)kind;
	const char *hangup = push_setting(c, "hangup_action");
	push_walk(body, st_hangup_node, (void *)(hangup ? hangup : "disconnect"));
}

const struct push_provider sonetel_push = {
	.base_env = "SONETEL_BASE_URL",
	.default_base = "https://public-api.sonetel.com",
	.auth = {
		.scheme = "Bearer",
		.token_env = "SONETEL_TOKEN",
		.account_env = "SONETEL_ACCOUNT_ID",
		.missing = "set SONETEL_TOKEN and SONETEL_ACCOUNT_ID",
		.refused = "set a fresh SONETEL_TOKEN",
	},
	.judge = st_judge,
	.created_id = st_created_id,
	.list_path = st_list_path,
	.list_items = st_list_items,
	.one_item = st_one_item,
	.id_key = "app_id",
	.id_valid = push_id_plain,
	.id_form = "1 to 64 letters, digits, '-' and '_'",
	.get_one = true,
	.can_delete = true,
	.unresolved = st_unresolved,
	.drift_keys = NULL,
	.updates_per_minute = 0,
};
