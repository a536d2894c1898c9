/* Push facts of Infobip IVR scenarios (docs/TARGETS.md, "Push"; seed 001; Infobip's
 * Voice OpenAPI description): `Authorization: App KEY` from INFOBIP_API_KEY,
 * the account's own base URL from INFOBIP_BASE_URL; success is the HTTP
 * status, errors are {"requestError": {"serviceException": {"text"}}}; a
 * create answers the scenario with its `id`; the list filters by `name`;
 * a scenario update (a full replace) is limited to 6 a minute per account,
 * so push paces its PUTs. Scenarios hold no references to one another, so
 * there is never a placeholder to hang up in place of. */
#include "../push_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../compiler/arena.h"
#include "infobip.h"

static enum push_verdict ib_judge(const struct push_resp *r, const char **msg)
{
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(r->json, "requestError");
	const cJSON *se = cJSON_GetObjectItemCaseSensitive(e, "serviceException");
	const cJSON *text = cJSON_GetObjectItemCaseSensitive(se, "text");
	*msg = cJSON_IsString(text) ? text->valuestring : NULL;
	if (r->http == 401)
		return PV_AUTH;
	return r->http >= 200 && r->http < 300 ? PV_OK : PV_FAIL;
}

static const char *ib_created_id(struct arena *a, const cJSON *answer)
{
	return push_id_text(a, answer, "id");
}

static const char *ib_list_path(struct arena *a, const char *collection, const char *name)
{
	return arena_printf(a, "%s?name=%s", collection, push_escape(a, name));
}

static const cJSON *ib_list_items(const cJSON *answer)
{
	return push_first_array(answer);
}

static const cJSON *ib_one_item(const cJSON *answer)
{
	return answer;
}

const struct push_provider infobip_push = {
	.base_env = "INFOBIP_BASE_URL",
	.default_base = NULL,
	.auth = {
		.scheme = "App",
		.token_env = "INFOBIP_API_KEY",
		.also_env = "INFOBIP_BASE_URL",
		.missing = "set INFOBIP_API_KEY and INFOBIP_BASE_URL",
		.refused = "check INFOBIP_API_KEY",
	},
	.judge = ib_judge,
	.created_id = ib_created_id,
	.list_path = ib_list_path,
	.list_items = ib_list_items,
	.one_item = ib_one_item,
	.id_key = "id",
	.id_valid = push_id_plain,
	.id_form = "1 to 64 letters, digits, '-' and '_'",
	.get_one = true,
	.can_delete = true,
	.drift_keys = NULL,
	.updates_per_minute = 6,
	.pace_note = "Infobip allows 6 scenario updates a minute",
};
