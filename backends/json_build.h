/* Adding members to the cJSON trees the back ends build. Every key here is
 * a string literal, so cJSON keeps the pointer (cJSON_AddItemToObjectCS)
 * instead of a malloc'd copy: one allocation less per member, which is a
 * good part of the cost of lowering. Keys that are not literals use cJSON's
 * own cJSON_Add*ToObject. */
#ifndef IVRC_JSON_BUILD_H
#define IVRC_JSON_BUILD_H
#include <cJSON.h>
#include <stdbool.h>

/* Adds `item` under the literal `key`; returns it (NULL if it could not be made). */
static inline cJSON *json_add(cJSON *object, const char *key, cJSON *item)
{
	if (!cJSON_AddItemToObjectCS(object, key, item)) {
		cJSON_Delete(item);
		return NULL;
	}
	return item;
}

static inline cJSON *json_add_string(cJSON *object, const char *key, const char *value)
{
	return json_add(object, key, cJSON_CreateString(value));
}

static inline cJSON *json_add_number(cJSON *object, const char *key, double value)
{
	return json_add(object, key, cJSON_CreateNumber(value));
}

static inline cJSON *json_add_bool(cJSON *object, const char *key, bool value)
{
	return json_add(object, key, cJSON_CreateBool(value));
}

static inline cJSON *json_add_null(cJSON *object, const char *key)
{
	return json_add(object, key, cJSON_CreateNull());
}

static inline cJSON *json_add_object(cJSON *object, const char *key)
{
	return json_add(object, key, cJSON_CreateObject());
}

static inline cJSON *json_add_array(cJSON *object, const char *key)
{
	return json_add(object, key, cJSON_CreateArray());
}

#endif
