/* `ivrc schema`: a JSON Schema (draft 2020-12) of the YAML form, so that an
 * editor (VS Code's YAML extension) completes keys and flags mistakes. It is
 * made from the binder's field tables (grammar/bind.h) and the back ends'
 * settings tables, not kept by hand: a key the binder learns is in the schema
 * at once. What the tables do not say (what a mapping or a list holds) is the
 * small map below; the patterns match what grammar/scalar.re accepts. */
#include <stdio.h>
#include <string.h>

#include <cJSON.h>

#include "../compiler/arena.h"
#include "../grammar/bind.h"
#include "../targets/target.h"
#include "driver.h"
#include "import_cmd.h"

#define NAME_RE "[A-Za-z_][A-Za-z0-9_-]{0,63}"
#define PHONE_RE "\\+[1-9][0-9]{7,14}"
#define DEF(x) "#/$defs/" x

static cJSON *ref(const char *to)
{
	cJSON *s = cJSON_CreateObject();
	cJSON_AddStringToObject(s, "$ref", to);
	return s;
}

static cJSON *typed(const char *type)
{
	cJSON *s = cJSON_CreateObject();
	cJSON_AddStringToObject(s, "type", type);
	return s;
}

static cJSON *pattern(const char *type, const char *re, const char *description)
{
	cJSON *s = cJSON_CreateObject();
	if (type)
		cJSON_AddStringToObject(s, "type", type);
	cJSON_AddStringToObject(s, "pattern", re);
	if (description)
		cJSON_AddStringToObject(s, "description", description);
	return s;
}

/* A string, or a plain YAML integer: ["integer", "string"]; the pattern
 * checks strings, the bounds (when max > min) integers. */
static cJSON *int_or_string(const char *re, const char *description, long min, long max)
{
	cJSON *s = pattern(NULL, re, description);
	const char *types[] = { "integer", "string" };
	cJSON_AddItemToObject(s, "type", cJSON_CreateStringArray(types, 2));
	if (max > min) {
		cJSON_AddNumberToObject(s, "minimum", (double)min);
		cJSON_AddNumberToObject(s, "maximum", (double)max);
	}
	return s;
}

/* The binder reads a string from any scalar but null: `3` and `true` are
 * the strings "3" and "true" to it. */
static cJSON *scalar(void)
{
	const char *types[] = { "string", "number", "boolean" };
	cJSON *s = cJSON_CreateObject();
	cJSON_AddItemToObject(s, "type", cJSON_CreateStringArray(types, 3));
	return s;
}

static cJSON *array_of(cJSON *items)
{
	cJSON *s = typed("array");
	cJSON_AddItemToObject(s, "items", items);
	return s;
}

/* A mapping from keys (of `names`) to values (of `values`). */
static cJSON *map_of(cJSON *names, cJSON *values)
{
	cJSON *s = typed("object");
	if (names)
		cJSON_AddItemToObject(s, "propertyNames", names);
	cJSON_AddItemToObject(s, "additionalProperties", values);
	return s;
}

/* A top-level section: NAME to an object; empty (null) is allowed. */
static cJSON *section(const char *def)
{
	cJSON *s = map_of(ref(DEF("name")), ref(def));
	const char *types[] = { "object", "null" };
	cJSON_ReplaceItemInObject(s, "type", cJSON_CreateStringArray(types, 2));
	return s;
}

/* ---------- scalars, as grammar/scalar.re reads them ---------- */

static const char *dest_re(char *buf, size_t size)
{
	char refs[128] = "", lits[256] = "";
	for (int k = DEST_MENU; k < DEST_KIND_COUNT; k++) {
		const char *w = ast_dest_kind_names[k];
		char *list = k <= DEST_FLOW ? refs : lits;
		size_t cap = k <= DEST_FLOW ? sizeof refs : sizeof lits;
		if (k == DEST_PHONE || k == DEST_SIP || k == DEST_EMAIL || k >= DEST_HANGUP)
			continue;
		snprintf(list + strlen(list), cap - strlen(list), "%s%s", list[0] ? "|" : "", w);
	}
	snprintf(buf, size,
		 "^(?:hangup|repeat|" NAME_RE "|(?:%s):" NAME_RE "|phone:" PHONE_RE
		 "|email:[A-Za-z0-9._%%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+"
		 "|sip:[^\\x00-\\x20\\x7f]+|(?:%s):[A-Za-z0-9_.-]+)$", refs, lits);
	return buf;
}

static void scalar_defs(cJSON *defs)
{
	char buf[1024];
	cJSON_AddItemToObject(defs, "name", pattern("string", "^" NAME_RE "$",
		"a name: a letter or _, then letters, digits, _ or -"));
	cJSON_AddItemToObject(defs, "integer", int_or_string("^-?[0-9]+$", "a whole number", 0, 0));
	cJSON_AddItemToObject(defs, "duration", int_or_string(
		"^(?:[0-9]+|(?=[0-9])(?:[0-9]+h)?(?:[0-9]+m)?(?:[0-9]+s)?)$",
		"10s, 2m, 1h, 1m30s, or whole seconds; at most 24h", 0, 86400));
	cJSON_AddItemToObject(defs, "phone", pattern("string", "^" PHONE_RE "$",
		"E.164: + then 8 to 15 digits (quote it in YAML)"));
	cJSON_AddItemToObject(defs, "datetime", pattern("string",
		"^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]) "
		"(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$",
		"YYYY-MM-DD HH:MM:SS, a real calendar day (quote it in YAML)"));
	cJSON_AddItemToObject(defs, "dtmf_key", int_or_string("^[0-9*#]$",
		"a key: 0-9, * or # (quote * and #)", 0, 9));
	/* A ${...} holds an expression: strings in single quotes may hold '}'.
	 * The pattern checks the braces; ivrc check reads the expression. */
	cJSON *t = scalar();
	cJSON_AddStringToObject(t, "pattern",
		"^(?:[^$]|\\$(?!\\{)|\\$\\{(?:[^'{}$]|'(?:[^'\\\\]|\\\\.)*')+\\})*$");
	cJSON_AddStringToObject(t, "description", "text in which each ${...} is an expression: "
		"Hello ${name}, ${tries + 1}");
	cJSON_AddItemToObject(defs, "template", t);
	cJSON_AddItemToObject(defs, "expression", pattern("string", "\\S",
		"an expression: variables, 'text', numbers, true, false, == != < <= > >= && || ! "
		"+ - * / % and parentheses, e.g. tier == 'gold' && tries < 3"));
	cJSON *d = pattern("string", dest_re(buf, sizeof buf),
		"where the call goes: menu:NAME, announcement:NAME, voicemail:NAME, flow:NAME, "
		"a NAME, a literal (extension:ID, phone:+E164, user:ID, app:ID, sip:URI, "
		"ivr:ID, ringgroup:ID, agent:ID, queue:ID, department:ID), hangup or repeat");
	const char *examples[] = { "hangup", "repeat", "menu:", "announcement:", "voicemail:",
				   "flow:", "extension:", "phone:+", "user:" };
	cJSON_AddItemToObject(d, "examples", cJSON_CreateStringArray(examples, 9));
	cJSON_AddItemToObject(defs, "destination", d);
}

/* ---------- what the tables do not say: the contents of mappings and lists ---------- */

static cJSON *settings_schema(const struct setting_spec *s, size_t n, bool nullable);

static cJSON *strings_map(void)
{
	return map_of(NULL, scalar());
}

/* The schema of key in table (a step's name for step arguments), when it
 * is more than its type says; NULL otherwise. */
static cJSON *contents(const char *table, const char *key)
{
	static const char *const sections[][2] = {
		{ "recordings", DEF("recording") }, { "menus", DEF("menu") },
		{ "announcements", DEF("announcement") }, { "voicemails", DEF("voicemail") },
		{ "broadcasts", DEF("broadcast") }, { "endpoints", DEF("endpoint") },
		{ "flows", DEF("flow_entry") },
	};
	bool top = strcmp(table, "top") == 0;
	for (size_t i = 0; top && i < sizeof sections / sizeof sections[0]; i++)
		if (strcmp(key, sections[i][0]) == 0)
			return section(sections[i][1]);
	if (top && strcmp(key, "ivrc") == 0)
		return cJSON_CreateObject();   /* const added by the caller */
	if (top && strcmp(key, "name") == 0)
		return pattern("string", "^[a-z0-9][a-z0-9_-]{0,63}$", NULL);
	if ((top && strcmp(key, "entry") == 0) ||
	    (strcmp(table, "test") == 0 && strcmp(key, "expect") == 0))
		return array_of(ref(DEF("destination")));
	if (top && strcmp(key, "targets") == 0)
		return ref(DEF("targets"));
	if (top && strcmp(key, "tests") == 0)
		return array_of(ref(DEF("test")));
	if (strcmp(table, "menu") == 0 && strcmp(key, "options") == 0) {
		cJSON *v = cJSON_CreateObject(), *any = cJSON_AddArrayToObject(v, "anyOf");
		cJSON_AddItemToArray(any, ref(DEF("destination")));
		cJSON_AddItemToArray(any, ref(DEF("option")));
		return map_of(pattern("string", "^[0-9*#]$", NULL), v);
	}
	if (strcmp(table, "menu") == 0 &&
	    (strcmp(key, "invalid") == 0 || strcmp(key, "no_input") == 0))
		return ref(DEF("handler"));
	for (size_t i = 0; strcmp(table, "menu") == 0 && i < target_count(); i++) {
		const struct target_caps *c = &target_at(i)->caps;
		if (strcmp(key, c->name) == 0)
			return settings_schema(c->menu_settings, c->nmenu_settings, true);
	}
	for (size_t i = 0; strcmp(table, "voicemail") == 0 && i < target_count(); i++) {
		const struct target_caps *c = &target_at(i)->caps;
		if (strcmp(key, c->name) == 0)
			return settings_schema(c->voicemail_settings, c->nvoicemail_settings, true);
	}
	if (strcmp(table, "broadcast") == 0 && strcmp(key, "retry_after") == 0)
		return array_of(ref(DEF("duration")));
	if (strcmp(table, "broadcast") == 0 &&
	    (strcmp(key, "dial_status") == 0 || strcmp(key, "retry_on") == 0))
		return array_of(ref(DEF("integer")));
	if (strcmp(table, "broadcast") == 0 && strcmp(key, "window") == 0)
		return ref(DEF("window"));
	if (strcmp(table, "test") == 0 && strcmp(key, "input") == 0) {
		cJSON *v = cJSON_CreateObject(), *any = cJSON_AddArrayToObject(v, "anyOf");
		cJSON_AddItemToArray(any, ref(DEF("dtmf_key")));
		cJSON_AddItemToArray(any, pattern("string", "^(?:silence|said:.*)$", NULL));
		return array_of(v);
	}
	if (strcmp(table, "test") == 0 && strcmp(key, "api") == 0)
		return map_of(NULL, strings_map());
	/* Flow steps. */
	if (strcmp(key, "mapped_values") == 0 || strcmp(key, "headers") == 0)
		return strings_map();
	if (strcmp(key, "key_phrases") == 0)
		return array_of(scalar());
	if (strcmp(key, "response_fields") == 0)
		return array_of(ref(DEF("name")));
	if (strcmp(key, "cases") == 0)
		return map_of(NULL, ref(DEF("steps")));
	if (strcmp(table, "dial") == 0 && strcmp(key, "to") == 0) {
		/* A destination, or phone:${...}: a number the call computes. */
		cJSON *v = cJSON_CreateObject(), *any = cJSON_AddArrayToObject(v, "anyOf");
		cJSON_AddItemToArray(any, ref(DEF("destination")));
		cJSON_AddItemToArray(any, pattern("string", "^phone:.*\\$\\{", NULL));
		return v;
	}
	if (strcmp(table, "dial_to_many") == 0 && strcmp(key, "to") == 0)
		return array_of(pattern("string", "^phone:" PHONE_RE "$", NULL));
	return NULL;
}

/* ---------- the tables ---------- */

static cJSON *type_schema(enum field_type t)
{
	switch (t) {
	case FT_STRING: return scalar();
	case FT_INT: return ref(DEF("integer"));
	case FT_DURATION: return ref(DEF("duration"));
	case FT_DEST: return ref(DEF("destination"));
	case FT_RECORDING: case FT_NAME: return ref(DEF("name"));
	case FT_PHONE: return ref(DEF("phone"));
	case FT_DATETIME: return ref(DEF("datetime"));
	case FT_BOOL: return typed("boolean");
	case FT_MAP: return typed("object");
	case FT_SEQ: return typed("array");
	case FT_STEPS: return ref(DEF("steps"));
	case FT_TEMPLATE: return ref(DEF("template"));
	case FT_EXPR: return ref(DEF("expression"));
	case FT_SCALAR_OR_MAP: {
		const char *types[] = { "string", "number", "boolean", "object" };
		cJSON *s = cJSON_CreateObject();
		cJSON_AddItemToObject(s, "type", cJSON_CreateStringArray(types, 4));
		return s;
	}
	default: return cJSON_CreateObject();   /* FT_ANY */
	}
}

static cJSON *field_schema(const char *table, const struct field_spec *f)
{
	cJSON *s = contents(table, f->key);
	if (!s)
		s = type_schema(f->type);
	if (strcmp(table, "top") == 0 && strcmp(f->key, "ivrc") == 0)
		cJSON_AddNumberToObject(s, "const", 1);
	if (f->doc)
		cJSON_AddStringToObject(s, "description", f->doc);
	return s;
}

/* {type: object, properties, required, additionalProperties: false}. */
static cJSON *object_schema(const char *table, const struct field_spec *f, size_t n,
			    const char *description)
{
	cJSON *s = typed("object"), *props = cJSON_AddObjectToObject(s, "properties");
	cJSON *req = cJSON_CreateArray();
	if (description)
		cJSON_AddStringToObject(s, "description", description);
	for (size_t i = 0; i < n; i++) {
		cJSON_AddItemToObject(props, f[i].key, field_schema(table, &f[i]));
		if (f[i].required)
			cJSON_AddItemToArray(req, cJSON_CreateString(f[i].key));
	}
	if (cJSON_GetArraySize(req))
		cJSON_AddItemToObject(s, "required", req);
	else
		cJSON_Delete(req);
	cJSON_AddBoolToObject(s, "additionalProperties", false);
	return s;
}

static cJSON *settings_schema(const struct setting_spec *s, size_t n, bool nullable)
{
	cJSON *o = typed("object"), *props = cJSON_AddObjectToObject(o, "properties");
	if (nullable) {
		const char *types[] = { "object", "null" };
		cJSON_ReplaceItemInObject(o, "type", cJSON_CreateStringArray(types, 2));
	}
	for (size_t i = 0; i < n; i++) {
		cJSON *p = typed("string");
		if (s[i].type == SETTING_ENUM) {
			cJSON *e = cJSON_AddArrayToObject(p, "enum");
			for (const char *const *c = s[i].choices; *c; c++)
				cJSON_AddItemToArray(e, cJSON_CreateString(*c));
		} else if (s[i].type == SETTING_PATH) {
			cJSON_AddStringToObject(p, "pattern", "^/");
		} else if (s[i].type == SETTING_URL) {
			/* check_url's rules: a host; of placeholders only {calendar}. */
			cJSON_AddStringToObject(p, "pattern", "^https://[^/{}\\s][^{}\\s]*"
						"(\\{calendar\\}[^{}\\s]*)*$");
		}
		char buf[400];
		snprintf(buf, sizeof buf, "%s%s%s%s", s[i].summary,
			 s[i].default_value ? " (default: " : "",
			 s[i].default_value ? s[i].default_value : "",
			 s[i].default_value ? ")" : "");
		cJSON_AddStringToObject(p, "description", buf);
		if (s[i].default_value)
			cJSON_AddStringToObject(p, "default", s[i].default_value);
		cJSON_AddItemToObject(props, s[i].name, p);
	}
	cJSON_AddBoolToObject(o, "additionalProperties", false);
	return o;
}

/* targets: each target's settings (bind_target_keys' targets table). */
static cJSON *targets_schema(const struct bind_table *t)
{
	cJSON *s = typed("object"), *props = cJSON_AddObjectToObject(s, "properties");
	for (size_t i = 0; i < t->count; i++) {
		const struct target_caps *c = &target_at(i)->caps;
		cJSON *p = settings_schema(c->settings, c->nsettings, true);
		cJSON_AddStringToObject(p, "description", t->fields[i].doc);
		cJSON_AddItemToObject(props, c->name, p);
	}
	cJSON_AddBoolToObject(s, "additionalProperties", false);
	cJSON_AddNumberToObject(s, "minProperties", 1);
	return s;
}

/* An endpoint: one literal, or a literal per target (bind_endpoint). */
static cJSON *endpoint_schema(const struct bind_table *t)
{
	cJSON *s = cJSON_CreateObject(), *any = cJSON_AddArrayToObject(s, "anyOf");
	cJSON_AddItemToArray(any, ref(DEF("destination")));
	cJSON_AddItemToArray(any, object_schema("endpoint", t->fields, t->count, NULL));
	cJSON_AddStringToObject(s, "description", "a destination outside the project: one "
				"literal, or one per target");
	return s;
}

/* ---------- flow steps ---------- */

static cJSON *step_args(enum step_kind k)
{
	struct bind_step_table t = bind_step_table(k);
	const char *name = ast_step_names[k];
	if (t.bare)
		return typed("null");
	if (t.open)
		return typed("object");
	cJSON *args = object_schema(name, t.fields, t.count, NULL);
	if (!t.primary)
		return args;
	cJSON *s = cJSON_CreateObject(), *any = cJSON_AddArrayToObject(s, "anyOf");
	cJSON_AddItemToArray(any, field_schema(name, &t.fields[0]));
	cJSON_AddItemToArray(any, args);
	return s;
}

static cJSON *step_schema(void)
{
	cJSON *s = cJSON_CreateObject(), *any = cJSON_AddArrayToObject(s, "anyOf");
	cJSON *bare = cJSON_CreateObject(), *words = cJSON_AddArrayToObject(bare, "enum");
	cJSON *obj = typed("object"), *props = cJSON_AddObjectToObject(obj, "properties");
	cJSON *one = cJSON_CreateArray();
	cJSON_AddStringToObject(s, "description", "a flow step: a one-key mapping (and maybe "
				"a label), or a bare word");
	cJSON_AddItemToObject(props, "label", ref(DEF("name")));
	for (int k = 0; k < STEP_KIND_COUNT; k++) {
		const char *name = ast_step_names[k];
		if (bind_step_table((enum step_kind)k).bare)
			cJSON_AddItemToArray(words, cJSON_CreateString(name));
		cJSON_AddItemToObject(props, name, step_args((enum step_kind)k));
		cJSON *req = cJSON_CreateObject();
		const char *r[] = { name };
		cJSON_AddItemToObject(req, "required", cJSON_CreateStringArray(r, 1));
		cJSON_AddItemToArray(one, req);
	}
	cJSON_AddBoolToObject(obj, "additionalProperties", false);
	cJSON_AddNumberToObject(obj, "maxProperties", 2);
	cJSON_AddItemToObject(obj, "oneOf", one);
	cJSON_AddItemToArray(any, bare);
	cJSON_AddItemToArray(any, obj);
	return s;
}

/* ---------- the document ---------- */

/* The labels of the targets that build objects of kind k, "A, B and C";
 * all of them when k is DECL_KIND_COUNT. */
static const char *builders(struct arena *a, enum decl_kind k)
{
	const char *text = "", *last = NULL;
	for (size_t i = 0; i < target_count(); i++) {
		const struct target_caps *c = &target_at(i)->caps;
		if (k != DECL_KIND_COUNT && !(c->objects & (1u << k)))
			continue;
		if (last)
			text = arena_printf(a, "%s%s%s", text, *text ? ", " : "", last);
		last = c->label;
	}
	return !last ? "" : !*text ? last : arena_printf(a, "%s and %s", text, last);
}

static const char *table_doc(struct arena *a, const char *name)
{
	static const char *const docs[][2] = {
		{ "recording", "a named prompt; what each target needs to play it" },
		{ "menu", "a DTMF menu: plays its prompt, waits for a key, routes it" },
		{ "option", "a key's destination with extras" },
		{ "handler", "what a wrong key (invalid) or silence (no_input) does" },
		{ "announcement", "plays a prompt, then routes the call" },
		{ "window", "when a broadcast's calls go out" },
		{ "flow", "a flow with more than its steps (Infobip)" },
		{ "test", "a call simulation that must hold (ivrc test)" },
	};
	if (strcmp(name, "voicemail") == 0)
		return arena_printf(a, "a mailbox (%s)", builders(a, DECL_VOICEMAIL));
	if (strcmp(name, "broadcast") == 0)
		return arena_printf(a, "an outbound campaign into a menu (%s)",
				    builders(a, DECL_BROADCAST));
	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++)
		if (strcmp(docs[i][0], name) == 0)
			return docs[i][1];
	return NULL;
}

/* A file is a root (ivrc, name and targets), a part another file includes
 * (none of the root's keys), or an environment's overlay file (targets,
 * recordings and endpoints only): docs/LANGUAGE.md, "Several files" and
 * "Environments". The top's `required` becomes that choice. */
static void file_kinds(cJSON *top)
{
	cJSON *required = cJSON_DetachItemFromObject(top, "required");
	if (!required)
		return;
	static const char *const header[] = { "name", "targets", "entry", "parameters",
					      "environments" };
	static const char *const overlay[] = { "targets", "recordings", "endpoints" };
	cJSON *kinds = cJSON_CreateArray(), *root = cJSON_CreateObject();
	cJSON_AddItemToObject(root, "required", required);
	cJSON_AddItemToArray(kinds, root);
	cJSON *none = cJSON_CreateArray();
	for (size_t i = 0; i < sizeof header / sizeof header[0]; i++) {
		cJSON *has = cJSON_CreateObject();
		cJSON_AddItemToObject(has, "required", cJSON_CreateStringArray(&header[i], 1));
		cJSON_AddItemToArray(none, has);
	}
	cJSON *part = cJSON_CreateObject(), *not = cJSON_AddObjectToObject(part, "not");
	cJSON_AddItemToObject(not, "anyOf", none);
	cJSON_AddItemToArray(kinds, part);
	cJSON *env = cJSON_CreateObject(), *names = cJSON_AddObjectToObject(env, "propertyNames");
	cJSON_AddItemToObject(names, "enum", cJSON_CreateStringArray(overlay, 3));
	cJSON_AddItemToArray(kinds, env);
	cJSON_AddItemToObject(top, "anyOf", kinds);
}

/* environments: each an overlay written inline (the root's `targets`,
 * `recordings` and `endpoints`, as the root writes them) or {include:
 * FILE}: docs/LANGUAGE.md, "Environments". */
static void environments_schema(cJSON *root)
{
	cJSON *props = cJSON_GetObjectItemCaseSensitive(root, "properties");
	cJSON *envs = cJSON_GetObjectItemCaseSensitive(props, "environments");
	if (!envs)
		return;
	static const char *const overlay[] = { "targets", "recordings", "endpoints" };
	cJSON *inline_ = typed("object"), *has = cJSON_AddObjectToObject(inline_, "properties");
	for (size_t i = 0; i < sizeof overlay / sizeof overlay[0]; i++) {
		cJSON *like = cJSON_GetObjectItemCaseSensitive(props, overlay[i]);
		if (like)
			cJSON_AddItemToObject(has, overlay[i], cJSON_Duplicate(like, true));
	}
	cJSON_AddFalseToObject(inline_, "additionalProperties");
	cJSON *file = typed("object");
	cJSON *path = cJSON_AddObjectToObject(cJSON_AddObjectToObject(file, "properties"), "include");
	cJSON_AddStringToObject(path, "type", "string");
	cJSON_AddStringToObject(path, "description",
				"the file of the overlay, relative to the root file");
	static const char *const include[] = { "include" };
	cJSON_AddItemToObject(file, "required", cJSON_CreateStringArray(include, 1));
	cJSON_AddFalseToObject(file, "additionalProperties");
	cJSON *either = cJSON_CreateObject(), *kinds = cJSON_AddArrayToObject(either, "oneOf");
	cJSON_AddItemToArray(kinds, file);
	cJSON_AddItemToArray(kinds, inline_);
	cJSON_AddItemToObject(envs, "propertyNames", ref(DEF("name")));
	cJSON_AddItemToObject(envs, "additionalProperties", either);
}

static cJSON *schema_json(struct arena *a)
{
	size_t n;
	const struct bind_table *tables = bind_tables(target_set(), a, &n);
	struct bind_target_keys keys = bind_target_keys(target_set(), a, true);
	cJSON *root = NULL, *defs = cJSON_CreateObject();
	scalar_defs(defs);
	for (size_t i = 0; i < n; i++) {
		cJSON *s = object_schema(tables[i].name, tables[i].fields, tables[i].count,
					 table_doc(a, tables[i].name));
		if (strcmp(tables[i].name, "top") == 0)
			root = s;
		else
			cJSON_AddItemToObject(defs, tables[i].name, s);
	}
	if (!root)
		root = typed("object");
	cJSON_AddItemToObject(defs, "endpoint", endpoint_schema(&keys.endpoint));
	cJSON_AddItemToObject(defs, "targets", targets_schema(&keys.targets));
	cJSON_AddItemToObject(defs, "step", step_schema());
	cJSON_AddItemToObject(defs, "steps", array_of(ref(DEF("step"))));
	/* A flow: its steps, or {description, steps}. */
	cJSON *flow = cJSON_CreateObject(), *forms = cJSON_AddArrayToObject(flow, "anyOf");
	cJSON_AddItemToArray(forms, ref(DEF("steps")));
	cJSON_AddItemToArray(forms, ref(DEF("flow")));
	cJSON_AddItemToObject(defs, "flow_entry", flow);
	/* "$schema", "title" and "description" first, as readers expect. */
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "$schema", "https://json-schema.org/draft/2020-12/schema");
	cJSON_AddStringToObject(doc, "title", "ivrc project (format version 1)");
	cJSON_AddStringToObject(doc, "description",
				arena_printf(a, "An IVR project for ivrc, in YAML: menus, "
					     "announcements, voicemails, broadcasts and flows, built "
					     "for %s. Generated by `ivrc schema`.",
					     builders(a, DECL_KIND_COUNT)));
	environments_schema(root);
	file_kinds(root);
	for (cJSON *c = root->child; c;) {
		cJSON *next = c->next;
		cJSON_AddItemToObject(doc, c->string, cJSON_DetachItemViaPointer(root, c));
		c = next;
	}
	cJSON_Delete(root);
	cJSON_AddItemToObject(doc, "$defs", defs);
	return doc;
}

int schema_run(void)
{
	struct arena a;
	arena_init(&a);
	cJSON *doc = schema_json(&a);
	arena_free(&a);
	char *text = cJSON_Print(doc);
	cJSON_Delete(doc);
	int status = EXIT_CLEAN;
	if (!text || printf("%s\n", text) < 0 || fflush(stdout) != 0) {
		fprintf(stderr, "ivrc: cannot write the schema\n");
		status = EXIT_USAGE;
	}
	cJSON_free(text);
	return status;
}
