/* Adding members to the cJSON trees the back ends build.
 *
 * Keys given as string literals are kept by pointer (cJSON_AddItemToObjectCS)
 * instead of a malloc'd copy: one allocation less per member, a good part of
 * the cost of lowering. Keys that are not literals go through json_add_key
 * and json_add_array_key, which copy them.
 *
 * Every helper takes a NULL object or array and then makes nothing (an item
 * it was handed is deleted): a back end that only checks can lower without
 * building any JSON by making its objects NULL. */
#ifndef IVRC_JSON_BUILD_H
#define IVRC_JSON_BUILD_H
#include <cJSON.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Adds `item` under the literal `key`; returns it (NULL if it was not added). */
static inline cJSON *json_add(cJSON *object, const char *key, cJSON *item)
{
	if (!object || !cJSON_AddItemToObjectCS(object, key, item)) {
		cJSON_Delete(item);
		return NULL;
	}
	return item;
}

/* The same under a key that is copied. */
static inline cJSON *json_add_key(cJSON *object, const char *key, cJSON *item)
{
	if (!object || !cJSON_AddItemToObject(object, key, item)) {
		cJSON_Delete(item);
		return NULL;
	}
	return item;
}

/* Appends `item` to `array`; false (and the item deleted) if it was not added. */
static inline bool json_append(cJSON *array, cJSON *item)
{
	if (!array || !cJSON_AddItemToArray(array, item)) {
		cJSON_Delete(item);
		return false;
	}
	return true;
}

static inline cJSON *json_add_string(cJSON *object, const char *key, const char *value)
{
	return object ? json_add(object, key, cJSON_CreateString(value)) : NULL;
}

static inline cJSON *json_add_number(cJSON *object, const char *key, double value)
{
	return object ? json_add(object, key, cJSON_CreateNumber(value)) : NULL;
}

static inline cJSON *json_add_bool(cJSON *object, const char *key, bool value)
{
	return object ? json_add(object, key, cJSON_CreateBool(value)) : NULL;
}

static inline cJSON *json_add_null(cJSON *object, const char *key)
{
	return object ? json_add(object, key, cJSON_CreateNull()) : NULL;
}

static inline cJSON *json_add_object(cJSON *object, const char *key)
{
	return object ? json_add(object, key, cJSON_CreateObject()) : NULL;
}

static inline cJSON *json_add_array(cJSON *object, const char *key)
{
	return object ? json_add(object, key, cJSON_CreateArray()) : NULL;
}

static inline cJSON *json_add_string_key(cJSON *object, const char *key, const char *value)
{
	return object ? json_add_key(object, key, cJSON_CreateString(value)) : NULL;
}

static inline cJSON *json_add_number_key(cJSON *object, const char *key, double value)
{
	return object ? json_add_key(object, key, cJSON_CreateNumber(value)) : NULL;
}

static inline cJSON *json_add_array_key(cJSON *object, const char *key)
{
	return object ? json_add_key(object, key, cJSON_CreateArray()) : NULL;
}

/* Puts `replacement` where `item` is in `parent`, under item's key (which
 * cJSON_ReplaceItemViaPointer leaves out), and deletes item. */
static inline bool json_replace(cJSON *parent, cJSON *item, cJSON *replacement)
{
	if (!replacement)
		return false;
	if (item->string && (item->type & cJSON_StringIsConst)) {
		replacement->string = item->string;
		replacement->type |= cJSON_StringIsConst;
	} else if (item->string && !(replacement->string = strdup(item->string))) {
		cJSON_Delete(replacement);
		return false;
	}
	if (!cJSON_ReplaceItemViaPointer(parent, item, replacement)) {
		cJSON_Delete(replacement);
		return false;
	}
	return true;
}

#endif
